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
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0.5rem 2rem 0.2rem 2rem !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.35rem !important; line-height: 1.35 !important; }
[data-testid="stCaptionContainer"] p { font-size: 1rem !important; margin: 0 !important; }
h1 { font-size: 2.1rem !important; line-height: 1.25 !important; padding: 0.3rem 0 0.4rem 0 !important; }
[data-testid="stMetricValue"] p { font-size: 4.4rem !important; line-height: 1.05 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.5rem !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] p { font-size: 1.5rem !important; }
[data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p { font-size: 1.3rem !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *, [data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important; height: auto !important; }
/* Each screen is laid out for 1280×720; on 1920×1080 and up the words grow and each chart's large copy is shown. */
@media not all and (min-width: 1900px) and (min-height: 1060px) { [class*="_large"][class*="st-key-meeting"] { display: none !important; } }
@media (min-width: 1900px) and (min-height: 1060px) {
  [class*="st-key-meeting"]:not([class*="_large"]) { display: none !important; }
  h1 { font-size: 3rem !important; }
  [data-testid="stMarkdownContainer"] p { font-size: 1.7rem !important; }
  [data-testid="stMetricValue"] p { font-size: 6rem !important; }
  [data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] p { font-size: 1.9rem !important; }
}
</style>
"""

# A presenter's clicker sends →, PageDown or Space for the next screen, ← or PageUp for the one before.
# The script is a constant (no user text): it presses the page's own Next / Previous buttons.
KEYS_SCRIPT = """
<script>
if (!window.wayAheadMeetingKeys) {
  window.wayAheadMeetingKeys = true;
  const NEXT = ["ArrowRight", "PageDown", " "], PREVIOUS = ["ArrowLeft", "PageUp"];
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    const onControl = event.target.closest && event.target.closest("button, a, [role=button]");
    if (typing || (event.key === " " && onControl)) return;
    const label = NEXT.includes(event.key) ? "Next" : PREVIOUS.includes(event.key) ? "Previous" : null;
    if (!label) return;
    const button = [...document.querySelectorAll("button")].find((b) => b.innerText.includes(label));
    if (!button) return;
    event.preventDefault();
    if (!button.disabled) button.click();
  });
}
</script>
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
        st.html(KEYS_SCRIPT, unsafe_allow_javascript=True)
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


def _go(by: int, count: int) -> None:
    """Move `by` screens from the one the address shows now: two presses before the page redraws move two."""
    st.query_params[STEP] = str(min(max(step_from(st.query_params.to_dict(), count).value + by, 1), count))


def stepper(step: int, count: int) -> None:
    """Previous / Next buttons, where we are, and the way out of meeting mode."""
    previous, where, following, leave = st.columns([2, 3, 2, 2], vertical_alignment="center")
    previous.button("◀ Previous", on_click=_go, args=(-1, count), disabled=step <= 1, use_container_width=True)
    where.markdown(f"**{step} of {count}**")
    following.button(
        "Next ▶", on_click=_go, args=(1, count), disabled=step >= count, type="primary", use_container_width=True
    )
    leave.button("Exit meeting mode", on_click=_leave, use_container_width=True)


SCREENS = {"": 1.0, "_large": 1.5}  # key suffix: scale. The large copy of each chart is shown on 1920×1080 and up


def for_projector(fig: go.Figure, height: int, scale: float = 1.0) -> go.Figure:
    """The figure with type and height for a projector, at `scale` times its size on a 1280×720 screen."""
    fig.update_layout(
        font_size=18 * scale,
        title_font_size=20 * scale,
        title_subtitle_font_size=16 * scale,
        height=height * scale,
        showlegend=False,  # each line is named at its end
    )
    years = list(dict.fromkeys(x for trace in fig.data if trace.x is not None for x in trace.x))
    shown = years[:: -(-len(years) // 4)] if len(years) > 4 else years  # at most four labels: level and whole
    fig.update_xaxes(tickfont_size=15 * scale, tickangle=0, tickmode="array", tickvals=shown)
    return fig.update_yaxes(tickfont_size=15 * scale)
