"""Placeholder until this page is built."""

import streamlit as st

st.title("social_value")
st.info("This page is being built.")
