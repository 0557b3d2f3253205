"""Words used here: every abbreviation and term the dashboard and the return use, in plain English."""

import streamlit as st

from wayahead.ui.entry import through_dashboard
from wayahead.ui.text import paragraph
from wayahead.words.glossary import GLOSSARY

through_dashboard()

st.title("Words used here")
paragraph("The abbreviations and terms used on these pages and in the return, in plain English.")
for term, meaning in GLOSSARY.items():
    st.markdown(f"**{term}**")
    paragraph(meaning)
