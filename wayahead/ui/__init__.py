"""Streamlit helpers the pages compose: filters, cached figures, chart blocks, sections.

May import every wing but cli; the pages import these and the wings' plain functions.
"""
