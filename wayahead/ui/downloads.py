"""Download buttons for charts (PNG, PDF) and data (CSV), made only when the reader clicks;
each says what it is (source, years, coverage, status, sample or not)."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from wayahead.charts.report_pdf import figure_pdf, figure_png, marked
from wayahead.figures.filters import Filters
from wayahead.output.exports import XLSX_MIME, dataframe_to_csv_bytes, dataframe_to_xlsx_bytes
from wayahead.output.meeting_pack import PPTX_MIME, meeting_pack, pack_pdf, pack_pptx
from wayahead.store.engine import get_engine
from wayahead.ui.data import cached
from wayahead.ui.sidebar import STATE
from wayahead.words.provenance import Provenance, provenance, titled


def current_provenance(filters: Filters | None = None) -> Provenance:
    """The provenance of what the page shows: `filters`, else the filters the sidebar last chose."""
    chosen = filters or st.session_state[STATE]
    return cached(provenance, chosen)


def shown_title(title: str) -> str:
    """A title for what the page shows: 'Provisional: …' when it includes unpublished returns."""
    return titled(title, current_provenance().status)


def as_shown(fig: go.Figure) -> go.Figure:
    """The chart as the page shows it: titled 'Provisional: …' when it includes unpublished returns."""
    return marked(fig, current_provenance())


def png_button(fig: go.Figure, file_stem: str, key: str) -> None:
    """'Download chart (PNG)' and '(PDF)' side by side: the image is drawn by kaleido when clicked,
    its provenance under it."""
    note = current_provenance()
    png, pdf = st.columns(2)
    png.download_button(
        "Download chart (PNG)",
        data=lambda: figure_png(fig, note),
        file_name=f"{file_stem}.png",
        mime="image/png",
        key=f"png_{key}",
        on_click="ignore",
        icon=":material/image:",
    )
    pdf.download_button(
        "Download chart (PDF)",
        data=lambda: figure_pdf(fig, note),
        file_name=f"{file_stem}.pdf",
        mime="application/pdf",
        key=f"pdf_{key}",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )


_YEAR_AT_END = re.compile(r"_\d{4}$")  # "funding_by_authority_2025": the same chart in another year


def data_block(
    frame: pd.DataFrame, file_stem: str, title: str, fig: go.Figure | None = None, definition: str | None = None
) -> None:
    """The figures a click away: a table with CSV and Excel downloads and, for a chart, its PNG
    and PDF; each download says what it is (source, years, coverage, status, sample or not).
    Sent only once opened (a page has a score of these: closed, they cost the browser nothing)."""
    section = st.expander(
        "Data for this chart" if fig is not None else "Show the figures",
        key=f"data_{_YEAR_AT_END.sub('', file_stem)}",  # open, it stays open when the reader changes the year
        on_change="rerun",
    )
    if not section.open:
        return
    note = current_provenance()
    with section:
        st.dataframe(frame, hide_index=True, width="stretch")
        csv_col, xlsx_col = st.columns(2)
        csv_col.download_button(
            "Download CSV",
            lambda: dataframe_to_csv_bytes(frame, note),
            f"{file_stem}.csv",
            "text/csv",
            key=f"csv_{file_stem}",
            icon=":material/download:",
            on_click="ignore",
        )
        sheets = {"Data": frame}
        if definition:
            sheets["Definition"] = pd.DataFrame({"Chart": [title], "Definition": [definition]})
        xlsx_col.download_button(
            "Download Excel",
            lambda: dataframe_to_xlsx_bytes(sheets, note, title),
            f"{file_stem}.xlsx",
            XLSX_MIME,
            key=f"xlsx_{file_stem}",
            icon=":material/download:",
            on_click="ignore",
        )
        if fig is not None:
            png_button(fig, file_stem, file_stem)


PACK_FORMATS = {  # what the reader picks: (file ending, type, icon, what is drawn, how it is drawn)
    "PowerPoint": ("pptx", PPTX_MIME, ":material/slideshow:", "slides", pack_pptx),
    "PDF": ("pdf", "application/pdf", ":material/picture_as_pdf:", "pages", pack_pdf),
}


def meeting_pack_block(filters: Filters) -> None:
    """'Make the meeting pack (PowerPoint)' and '(PDF)': each, when clicked, shows a status box saying
    each step as it is done (a few seconds), then offers its file, made for these filters."""
    for column, (kind, (ending, mime, icon, parts, draw)) in zip(st.columns(2), PACK_FORMATS.items()):
        key = f"meeting_pack_{ending}"
        with column:
            if st.button(f"Make the meeting pack ({kind})", icon=icon, key=f"make_{key}"):
                with st.status("Making the meeting pack: gathering London's figures and the scorecard…") as status:
                    pack = meeting_pack(get_engine(), filters)
                    st.write("London's six headline indicators and the scorecard gathered.")
                    status.update(label=f"Making the meeting pack: drawing the {kind} {parts}…")
                    st.session_state[key] = (filters, draw(pack))
                    status.update(label=f"The meeting pack ({kind}) is ready to download.", state="complete")
            made = st.session_state.get(key)
            if made is not None and made[0] == filters:  # a pack made for other filters is not offered
                st.download_button(
                    f"Download the meeting pack ({kind})",
                    made[1],
                    f"way_ahead_meeting_pack_{filters.last_year}.{ending}",
                    mime,
                    on_click="ignore",
                    icon=icon,
                    type="primary",
                    key=f"download_{key}",
                )
