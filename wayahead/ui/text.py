"""Showing text safely: nothing from a return is ever read as HTML or markdown."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from wayahead.words.glossary import spell_out_first

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape(text: str) -> str:
    """`text` with every markdown and HTML special character escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))


_SPELLED_OUT = "_abbreviations_spelled_out"


def new_page() -> None:
    """Start a page's run: each page spells out its own abbreviations where they first appear."""
    st.session_state[_SPELLED_OUT] = set()


def spelled_out(text: str) -> str:
    """`text` with the abbreviations this page has not used yet spelled out (words.glossary)."""
    return spell_out_first(text, st.session_state.setdefault(_SPELLED_OUT, set()))


def paragraph(text: str) -> None:
    """A paragraph of plain text (generated summaries, definitions)."""
    st.markdown(escape(spelled_out(text)))


def strong(text: str) -> None:
    """A line of plain text in bold, as a short heading within a section."""
    st.markdown(f"**{escape(spelled_out(text))}**")


def summary(title: str, lines: list[tuple[str, str]]) -> None:
    """A short block read top to bottom (GOV.UK's summary list): the title in bold, then each
    'Label: text' on a line of its own. For the app's own words (they are spelled out and escaped)."""
    body = "".join(f"  \n{escape(label)}: {escape(spelled_out(text))}" for label, text in lines)
    st.markdown(f"**{escape(spelled_out(title))}**{body}")


def _anchor(title: str) -> str:
    """'Privacy: the data' → 'privacy-the-data': a section's address within its page."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def contents(titles: list[str]) -> None:
    """GOV.UK's contents list at the top of a long page: a link to each of its sections (`section_heading`)."""
    st.markdown("**Contents**\n" + "".join(f"\n- [{escape(title)}](#{_anchor(title)})" for title in titles))


def section_heading(title: str) -> None:
    """A section's heading (h2), at the address its page's contents list links to."""
    st.header(escape(title), anchor=_anchor(title))


def caption(text: str) -> None:
    st.caption(escape(spelled_out(text)))


# Where markdown starts an automatic link: "www.", "://", "@" (escaping does not stop these).
_AUTOLINKS = (re.compile(r"(?i)(www)(\.)"), re.compile(r"(:)(//)"), re.compile(r"()(@)"))


def unlinked(text: str) -> str:
    """`text` escaped, with an invisible word joiner (U+2060) in "www.", "://" and before "@", so no
    web or e-mail address in it becomes a link."""
    for autolink in _AUTOLINKS:
        text = autolink.sub("\\1\u2060\\2", text)
    return escape(text)


def typed(text: str) -> str:
    """Text someone typed (in a return or in the app) as markdown that shows it as typed: escaped,
    no address a link, each of its line breaks kept (markdown would run the lines together)."""
    return unlinked(text).replace("\n", "  \n")


def typed_paragraph(text: str) -> None:
    """A paragraph someone typed in the app (commentary), shown as typed (`typed`)."""
    st.markdown(typed(text))


def plain_table(frame: pd.DataFrame) -> None:
    """`frame` as a table that wraps to its column's width (ui.style), every column in view. st.table
    reads its cells and headings as markdown, so each text is shown through `unlinked`: a file name
    or an answer such as "[click](http://…)" or "www.example.org" shows as typed, never as a link."""
    shown = frame.map(lambda v: unlinked(v) if isinstance(v, str) else v)
    st.table(shown.rename(columns=lambda c: unlinked(str(c))), hide_index=True)
