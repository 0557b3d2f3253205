"""The words pages: 'Words used here' explains every abbreviation the pages use, and the accessibility
statement says which standard, how it was tested, what does not meet it and how to report a problem."""

from __future__ import annotations

from test_pages_themes import open_page

from wayahead.store.engine import make_engine, migrate
from wayahead.ui.text import escape
from wayahead.words.glossary import GLOSSARY


def _empty(url: str) -> str:
    migrate(make_engine(url))
    return url


def test_the_glossary_explains_each_abbreviation_the_pages_use(database_url, monkeypatch):
    at = open_page(_empty(database_url), monkeypatch, "glossary")
    assert not at.exception and at.title[0].value == "Words used here"
    shown = [m.value for m in at.markdown]
    for term in ("VCS", "TOMs", "ICB", "JSNA", "PbR", "Workbook part", "Not answered", "Not asked"):
        assert f"**{term}**" in shown
        assert escape(GLOSSARY[term]) in shown  # as plain text, never markup


def test_the_accessibility_statement_says_what_was_tested_and_how_to_report(database_url, monkeypatch):
    at = open_page(_empty(database_url), monkeypatch, "accessibility")
    assert not at.exception
    assert [h.value for h in at.header] == [
        "How accessible it is",
        "How it was tested",
        "What is known not to meet the standard",
        "Reporting a problem",
    ]
    assert any(escape("WCAG) 2.2 at level AA") in m.value for m in at.markdown)
