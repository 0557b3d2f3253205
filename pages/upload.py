"""Placeholder until this page is built."""

import streamlit as st

st.title("upload")
st.info("This page is being built.")
