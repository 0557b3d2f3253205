"""Placeholder until this page is built."""

import streamlit as st

st.title("leadership")
st.info("This page is being built.")
