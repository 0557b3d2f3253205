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
/* A table in a container keyed "fit_…" (the profile's comparison, the recommendations) has smaller type on a phone.
   The comparison's indicator names get the room their words need, and on a phone its columns are as wide
   as their longest word, so all seven fit without breaking a word (its headings are short for that); the
   recommendations' five columns likewise (ui.blocks.recommendation_tables, the scorecard page's and the profile's). */
.st-key-fit_comparison .stTable th:first-child { width: 28%; }
/* A file's problems: Severity, Sheet and Cell are short; what was found, what was expected and how to fix it get the room. */
[class*="st-key-fit_problems"] .stTable th:nth-child(1) { width: 11%; }
[class*="st-key-fit_problems"] .stTable th:nth-child(2) { width: 15%; }
[class*="st-key-fit_problems"] .stTable th:nth-child(3) { width: 8%; }
/* A return's versions: the file's SHA-256 (64 characters) and who stored it get the room; the counts are short. */
.st-key-fit_versions .stTable th:nth-child(1) { width: 8%; }
.st-key-fit_versions .stTable th:nth-child(2), .st-key-fit_versions .stTable th:nth-child(9) { width: 10%; }
.st-key-fit_versions .stTable th:nth-child(3) { width: 11%; }
.st-key-fit_versions .stTable th:nth-child(7) { width: 20%; }
.st-key-fit_versions .stTable th:nth-child(8) { width: 7%; }
/* The data dictionary: the field's name and what to enter get the room; Required is Yes or No. */
[class*="st-key-fit_dictionary"] .stTable th:nth-child(1) { width: 26%; }
[class*="st-key-fit_dictionary"] .stTable th:nth-child(4) { width: 10%; }
@media (max-width: 480px) {
  [class*="st-key-fit_"] .stTable table { table-layout: auto; }
  [class*="st-key-fit_"] .stTable th { width: auto !important; }
  [class*="st-key-fit_"] .stTable th, [class*="st-key-fit_"] .stTable td, [class*="st-key-fit_"] .stTable th *, [class*="st-key-fit_"] .stTable td * { font-size: 0.75rem; hyphens: auto; overflow-wrap: break-word !important; }
  [class*="st-key-fit_"] .stTable th, [class*="st-key-fit_"] .stTable td { padding: 0.25rem 0.1rem; }
  /* A file's name, who stored it (an e-mail address) and a SHA-256 are each one long word: they break anywhere, so the words beside them need not. */
  .st-key-fit_summary .stTable td:nth-child(1), .st-key-fit_summary .stTable td:nth-child(1) *,
  .st-key-fit_versions .stTable td:is(:nth-child(4), :nth-child(6), :nth-child(7)), .st-key-fit_versions .stTable td:is(:nth-child(4), :nth-child(6), :nth-child(7)) * { overflow-wrap: anywhere !important; }
}
/* At 320 wide (WCAG's reflow width) a recommendation with "infrastructure" in two columns is wider than the
   screen at 0.75rem with words whole: there, its type is a little smaller. A file's problems, inside their
   expander, have less room still ("£10,000,000,000", "Commissioning"), and a return's nine versions columns
   too: there, a long word breaks. */
@media (max-width: 340px) {
  .st-key-fit_recommendations .stTable th, .st-key-fit_recommendations .stTable td, .st-key-fit_recommendations .stTable th *, .st-key-fit_recommendations .stTable td * { font-size: 0.7rem; }
  [class*="st-key-fit_problems"] .stTable :is(th, td, th *, td *), .st-key-fit_versions .stTable :is(th, td, th *, td *) { overflow-wrap: anywhere !important; }
}
/* On a phone a theme page's section tabs wrap onto more lines, every one in view, rather than scrolling
   sideways out of sight ("Payment by" and an arrow); the open one keeps its underline. */
@media (max-width: 640px) { [role="tablist"] { flex-wrap: wrap !important; row-gap: 0.25rem; } }
/* A heading breaks between words, never inside one ("Recommendation / s scorecard"), and fits a phone. */
h1 { word-break: normal !important; overflow-wrap: normal !important; hyphens: manual; }
@media (max-width: 480px) { h1 { font-size: 2rem !important; } }
/* A good-practice example's title is a section's heading (h2) in GOV.UK's medium size, not a page's. */
[class*="st-key-example_"] h2 { font-size: 1.5rem; padding-top: 0.25rem; }
/* Charts two to a row (ui.style.two_to_a_row) only where each gets 36rem (1920 wide); else one to a row, full width. */
[class*="st-key-pairs_"] [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
[class*="st-key-pairs_"] [data-testid="stColumn"] { flex: 1 1 36rem !important; min-width: min(36rem, 100%) !important; }
/* A headline tile's name wraps onto a second line rather than ending in "…" (three to a row at 1280 wide,
   "Payment by results share of contr…"): read aloud in a meeting, the whole name is the point. */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
/* A link's words wrap too ("Words used here: the abbreviations and terms on these pag…" on a phone). */
[data-testid="stPageLink-NavLink"] * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
/* Visually hidden, still read by screen readers (GOV.UK's govuk-visually-hidden): a theme section's h2, which its tab shows. */
.st-key-section_heading { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important; }
/* Plotly does not wrap a chart's title: titles are broken at 48 characters (charts.theme.TITLE_WIDTH),
   and on a phone drawn at 14px, so that a line fits 390 wide instead of ending at "(2016/". */
@media (max-width: 640px) { .js-plotly-plot .gtitle { font-size: 14px !important; } }
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
