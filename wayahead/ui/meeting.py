"""Meeting mode (?meeting=1): no sidebar or controls, large type, one indicator per screen.

The style sheet is a constant: no user text ever goes into it.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import streamlit as st

from wayahead.figures.links import Reading, among, read_param, switch, whole_number
from wayahead.ui.links import link_notes, link_params

FLAG = "meeting"
STEP = "step"
OVERVIEW = "pages/overview.py"

MEETING_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stElementToolbar"], .meeting-hide { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.2rem 2.5rem 1rem 2.5rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"] { font-size: 1.6rem !important; line-height: 1.4 !important; }
h1 { font-size: 3rem !important; }
h2 { font-size: 2.4rem !important; }
h3 { font-size: 2rem !important; }
[data-testid="stMetricValue"] p { font-size: 6rem !important; line-height: 1.1 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.8rem !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] p { font-size: 1.8rem !important; }
[data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p { font-size: 1.4rem !important; }
</style>
"""


def flag_from(params: Mapping[str, str | list[str]]) -> Reading[bool]:
    """Whether the URL asks for meeting mode (?meeting=1), and a note if its value is not 1 or 0."""
    return read_param(
        params,
        FLAG,
        switch,
        False,
        "1 or 0 (meeting mode on or off)",
        lambda on: "meeting mode" if on else "the dashboard without meeting mode",
    )


def step_from(params: Mapping[str, str | list[str]], count: int) -> Reading[int]:
    """The 1-based screen the URL asks for (?step=N): one beyond the ends gives the nearest end."""
    last = max(count, 1)
    return read_param(
        params,
        STEP,
        among(whole_number, range(1, last + 1)),
        1,
        f"a screen number from 1 to {last}",
        lambda n: f"screen {n} of {last}",
    )


def is_on() -> bool:
    return flag_from(link_params()).value


def _enter() -> None:
    st.query_params[FLAG] = "1"
    st.query_params[STEP] = "1"
    st.session_state["meeting_start"] = True


def _leave() -> None:
    for key in (FLAG, STEP):
        if key in st.query_params:
            del st.query_params[key]
    st.session_state["meeting_toggle"] = False


def meeting_switch() -> bool:
    """The sidebar toggle, and the meeting style when meeting mode is on. Returns whether it is."""
    flag = flag_from(link_params())
    link_notes(flag.notes)
    if flag.value:
        st.markdown(MEETING_CSS, unsafe_allow_html=True)
        return True
    st.sidebar.toggle(
        "Meeting mode",
        key="meeting_toggle",
        on_change=_enter,
        help="Large type, no controls, one headline indicator per screen, for a projector.",
    )
    return False


def start_on_overview() -> None:
    """Just switched on: open the overview, where the indicators are stepped through."""
    if st.session_state.pop("meeting_start", False):
        st.switch_page(OVERVIEW, query_params=dict(st.query_params))


def _go(step: int) -> None:
    st.query_params[STEP] = str(step)


def stepper(step: int, count: int) -> None:
    """Previous / Next buttons, where we are, and the way out of meeting mode."""
    previous, where, following, leave = st.columns([2, 3, 2, 2], vertical_alignment="center")
    previous.button("◀ Previous", on_click=_go, args=(step - 1,), disabled=step <= 1, use_container_width=True)
    where.markdown(f"**{step} of {count}**")
    following.button(
        "Next ▶", on_click=_go, args=(step + 1,), disabled=step >= count, type="primary", use_container_width=True
    )
    leave.button("Exit meeting mode", on_click=_leave, use_container_width=True)


def for_projector(fig: go.Figure, height: int = 620) -> go.Figure:
    """The figure with type and height for a projector."""
    fig.update_layout(font_size=24, title_font_size=26, title_subtitle_font_size=22, height=height)
    fig.update_xaxes(tickfont_size=18, tickangle=0, dtick=2)  # every other year: labels stay level and whole
    return fig.update_yaxes(tickfont_size=18)
