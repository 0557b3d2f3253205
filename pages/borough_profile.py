"""Placeholder until this page is built."""

import streamlit as st

st.title("borough_profile")
st.info("This page is being built.")
