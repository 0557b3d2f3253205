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
AT_TOP = "open_at_top"
# A constant (no user text): the page's scrolling area back to its top, once the new page is drawn
# in it (a page switched to keeps the scroll of the page it came from).
TOP_SCRIPT = """
<script>
for (const wait of [0, 100, 400, 1000]) {
  setTimeout(() => {
    for (const area of document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')) area.scrollTo(0, 0);
    window.scrollTo(0, 0);
  }, wait);
}
</script>
"""


def open_profile(code: str, years: dict[str, str]) -> None:
    """Open the borough profile on one authority (a tile clicked), at its top, keeping the years in view (`from`, `to`)."""
    st.session_state[AT_TOP] = True
    st.switch_page(PROFILE, query_params={**{k: v for k, v in years.items() if k in ("from", "to")}, "la": code})


def start_at_top() -> None:
    """On a page opened by open_profile, scroll to the page's top (once: later reruns keep the reader's place)."""
    if st.session_state.pop(AT_TOP, False):
        st.html(TOP_SCRIPT, unsafe_allow_javascript=True)
