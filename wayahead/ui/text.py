"""Showing text safely: nothing from a return is ever read as HTML or markdown."""

from __future__ import annotations

import re

import streamlit as st

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape(text: str) -> str:
    """`text` with every markdown and HTML special character escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def paragraph(text: str) -> None:
    """A paragraph of plain text (generated summaries, definitions)."""
    st.markdown(escape(text))


def caption(text: str) -> None:
    st.caption(escape(text))
