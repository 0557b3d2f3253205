"""The app's own style rules, on every page. A constant: no user text ever goes into it."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

APP_CSS = """
<style>
/* A table fits its column at any width (a phone's too): long words wrap, nothing scrolls sideways out of reach. */
.stTable > div { overflow: visible !important; }
.stTable table { table-layout: fixed; width: 100%; }
.stTable th, .stTable td, .stTable th *, .stTable td * { overflow-wrap: anywhere !important; white-space: normal !important; overflow: visible !important; }
/* The profile's comparison: the indicator's name gets the room its words need; on a phone, smaller type and
   columns as wide as their longest word, so seven fit without breaking a word. */
.st-key-comparison .stTable th:first-child { width: 28%; }
@media (max-width: 480px) { .st-key-comparison .stTable table { table-layout: auto; } .st-key-comparison .stTable th:first-child { width: auto; } .st-key-comparison .stTable th, .st-key-comparison .stTable td, .st-key-comparison .stTable th *, .st-key-comparison .stTable td * { font-size: 0.75rem; overflow-wrap: break-word !important; hyphens: auto; } .st-key-comparison .stTable th, .st-key-comparison .stTable td { padding: 0.25rem 0.1rem; } }
/* A heading breaks between words, never inside one ("Recommendation / s scorecard"), and fits a phone. */
h1 { word-break: normal !important; overflow-wrap: normal !important; hyphens: manual; }
@media (max-width: 480px) { h1 { font-size: 2rem !important; } }
/* Charts two to a row (ui.style.two_to_a_row) only where each gets 36rem (1920 wide); else one to a row, full width. */
[class*="st-key-pairs_"] [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
[class*="st-key-pairs_"] [data-testid="stColumn"] { flex: 1 1 36rem !important; min-width: min(36rem, 100%) !important; }
/* Where the keyboard is, is always visible. */
:focus-visible { outline: 3px solid #ffdd00 !important; box-shadow: 0 0 0 5px #0b0c0c !important; }
</style>
"""


def app_style() -> None:
    st.html(APP_CSS)  # style tags only: Streamlit adds them without taking room on the page


def two_to_a_row(count: int, key: str) -> list[DeltaGenerator]:
    """`count` places for charts, two to a row on a wide screen (1920) and one to a row, at the
    page's full width, where two would be squashed (1280, a phone): see APP_CSS."""
    places: list[DeltaGenerator] = []
    with st.container(key=f"pairs_{key}"):
        for _ in range(0, count, 2):
            places.extend(st.columns(2))
    return places[:count]
