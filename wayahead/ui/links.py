"""The page side of reading links: the query parameters as given, and the notes on what in
them could not be used (see wayahead/figures/links.py)."""

from __future__ import annotations

import streamlit as st

from wayahead.ui.text import escape


def link_params() -> dict[str, list[str]]:
    """Every value of every query parameter (st.query_params.get keeps only the last of a repeated one)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def link_notes(notes: tuple[str, ...]) -> None:
    """Say, plainly, which values of the link could not be used (notes quote the link's text)."""
    for note in notes:
        st.info(escape(note), icon=":material/link_off:")


PROFILE = "pages/borough_profile.py"


def open_profile(code: str, years: dict[str, str]) -> None:
    """Open the borough profile on one authority (a tile clicked), keeping the years in view (`from`, `to`)."""
    st.switch_page(PROFILE, query_params={**{k: v for k, v in years.items() if k in ("from", "to")}, "la": code})
