"""Downloads and definitions: the current data, the data dictionary and the methodology."""

import functools

import streamlit as st

from wayahead.access.auth import allows
from wayahead.output.dictionary import (
    BLANK_RULE,
    HOW_FIGURES_ARE_MADE,
    METHODOLOGY,
    data_dictionary,
    dictionary_by_sheet,
    indicator_definitions,
    privacy_note,
)
from wayahead.output.downloads import PREVIEW_ROWS, current_data, indicator_table, row_counts, sheet_data, sheet_preview
from wayahead.output.exports import XLSX_MIME, csv_file_name, dataframe_to_csv_bytes, dataframe_to_xlsx_bytes
from wayahead.store.engine import get_engine
from wayahead.ui.auth_ui import current_user
from wayahead.ui.blocks import empty_state
from wayahead.ui.data import cached
from wayahead.ui.entry import through_dashboard
from wayahead.ui.sidebar import filters_sidebar
from wayahead.ui.text import caption, contents, paragraph, plain_table, section_heading, summary
from wayahead.words.provenance import provenance

through_dashboard()


filters = filters_sidebar(money=False)
st.title("Downloads and definitions")
paragraph(
    "The returns as stored (current versions only), the meaning of every field and figure, and how the figures are made."
)

DOWNLOAD, PRIVACY, DICTIONARY, FIGURES, RULES, METHOD = SECTIONS = [
    "Download the data",
    "Privacy: the personal data in the returns",
    "Data dictionary",
    "Figures and why they matter",
    "How the figures are made",
    "Methodology",
]
contents(SECTIONS)
section_heading(DOWNLOAD)
caption(f"{filters.area_label()}, {filters.years_label()}: one sheet per part of the return.")
counts = cached(row_counts, filters)
user = current_user(get_engine())
personal = allows(user.role if user else None, "uploader")  # names, e-mails and notes: uploaders and admins only
caption(
    "These downloads include the officers' names, e-mails and notes (you are signed in as an uploader or admin)."
    if personal
    else "Officers' names, e-mails and notes are left out: see the privacy note below."
)
if sum(counts.values()) == 0:
    empty_state("No returns match these filters, so there is nothing to download yet.")
else:
    engine = get_engine()

    def sheet_csv(name: str) -> bytes:
        return dataframe_to_csv_bytes(sheet_data(engine, filters, name, personal=personal), note)

    stem = f"wayahead_returns_{filters.first_year}_{filters.last_year}"
    note = cached(provenance, filters)
    caption(f"{note.text()}.")
    st.download_button(
        "Download all sheets (Excel)",
        lambda: dataframe_to_xlsx_bytes(
            current_data(engine, filters, personal), note, "Way Ahead borough returns as stored"
        ),
        f"{stem}.xlsx",
        XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
        type="primary",
    )
    columns = st.columns(4)
    for index, (name, count) in enumerate(counts.items()):
        columns[index % 4].download_button(
            f"{name} (CSV, {count:,} rows)",
            functools.partial(sheet_csv, name),
            csv_file_name(name),
            "text/csv",
            key=f"csv_{name}",
            on_click="ignore",
            disabled=count == 0,
            width="stretch",
        )
    st.download_button(
        "Every indicator by authority and year (CSV)",
        lambda: dataframe_to_csv_bytes(indicator_table(engine, filters), note),
        "wayahead_indicators.csv",
        "text/csv",
        key="csv_indicators",
        on_click="ignore",
        icon=":material/download:",
    )
    with st.expander("Preview the data"):
        sheet = st.selectbox("Sheet", list(counts))
        caption(f"The first {min(PREVIEW_ROWS, counts[sheet]):,} of {counts[sheet]:,} rows.")
        st.dataframe(cached(sheet_preview, filters, sheet, personal), hide_index=True, width="stretch")

section_heading(PRIVACY)
for title, text in privacy_note():
    st.subheader(title)
    paragraph(text)

section_heading(DICTIONARY)
caption(f"Generated from the return specification the template and the validator use. {BLANK_RULE}")
dictionary = data_dictionary()
st.download_button(
    "Download the data dictionary (CSV): every column, with each field's type and report section",
    lambda: dataframe_to_csv_bytes(dictionary),
    "data_dictionary.csv",
    "text/csv",
    on_click="ignore",
)
for number, (sheet_name, fields) in enumerate(dictionary_by_sheet()):
    st.subheader(f"{sheet_name} sheet")
    with st.container(key=f"fit_dictionary_{number}"):  # Required is one word wide (ui.style)
        plain_table(fields)

section_heading(FIGURES)
for theme, figures in indicator_definitions().groupby("Theme", sort=False):
    st.subheader(theme)
    for figure in figures.to_dict("records"):
        summary(figure["Figure"], [(column, figure[column]) for column in ("Definition", "Why it matters", "Source")])

section_heading(RULES)
for rule in HOW_FIGURES_ARE_MADE:
    paragraph(rule)

section_heading(METHOD)
for title, text in METHODOLOGY:
    st.subheader(title)
    paragraph(text)
