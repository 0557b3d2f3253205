"""Streamlit helpers the pages compose: filters, cached figures, chart blocks, sections."""
