"""Downloads read back as a reader's software would: a PDF's words, by pypdf; a table on a page as
a reader sees it."""

from __future__ import annotations

import io
import re

import pandas as pd
from pypdf import PdfReader


def pdf_words(pdf: bytes) -> str:
    """Every page's text, its words joined by single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())


def as_read(table) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """An AppTest table's frame as a reader sees it: ui.text.plain_table's markdown escapes and
    word joiners taken out again, in the cells and the headings."""

    def read(value: object) -> object:
        return re.sub(r"\\(.)", r"\1", value.replace("\u2060", "")) if isinstance(value, str) else value

    frame = table.value.map(read)
    return frame.rename(columns=read)


def with_figures_opened(at):  # type: ignore[no-untyped-def]
    """The page again with every 'Data for this chart' / 'Show the figures' section opened, as a
    reader clicking each would (ui.downloads.data_block sends a section's table and downloads
    only once it is open)."""
    for key in [key for key in at.session_state if str(key).startswith("data_")]:
        at.session_state[key] = True
    return at.run()


def with_maps_opened(at):  # type: ignore[no-untyped-def]
    """The page again with every London map under ranked bars opened, as a reader clicking each
    would (ui.sections.london_map_section draws a map only once it is open)."""
    for key in [key for key in at.session_state if str(key).startswith("map_")]:
        at.session_state[key] = True
    return at.run()


def in_section(at, name: str):  # type: ignore[no-untyped-def]
    """The page again with its section `name` open (ui.sections.page_sections), as a reader
    choosing its tab, or following a link with ?section=, would."""
    at.query_params["section"] = name
    return at.run()
