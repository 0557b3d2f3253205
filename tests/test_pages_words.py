"""The words pages: 'Words used here' explains every abbreviation the pages use, and the accessibility
statement says which standard, how it was tested, what does not meet it and how to report a problem."""

from __future__ import annotations

from test_pages_themes import ROOT, open_page, sample_url  # noqa: F401 (a fixture)

from wayahead.store.engine import make_engine, migrate
from wayahead.ui.text import escape
from wayahead.words.glossary import GLOSSARY, abbreviations_explained, spell_out_first


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


def test_an_abbreviation_is_spelled_out_where_it_first_appears_and_used_alone_after():
    seen: set[str] = set()
    assert spell_out_first("Authorities with a VCS cabinet lead", seen) == (
        "Authorities with a voluntary and community sector (VCS) cabinet lead"
    )
    assert spell_out_first("A VCS strategy", seen) == "A VCS strategy"
    assert seen == {"VCS"}
    # already in brackets: no brackets inside brackets; already spelled out: left as written
    assert spell_out_first("NHS (ICB) and JSNA", seen) == (
        "NHS (integrated care board, ICB) and joint strategic needs assessment (JSNA)"
    )
    assert spell_out_first("payment by results (PbR)", seen) == "payment by results (PbR)"
    assert spell_out_first("VCSE and TOMsX are other words", set()) == "VCSE and TOMsX are other words"


def test_each_page_spells_out_its_own_first_use(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "leadership")
    labels = [m.label for m in at.metric]
    with_vcs = [label for label in labels if "VCS" in label]
    assert with_vcs[0] == "Authorities with a voluntary and community sector (VCS) cabinet lead"
    assert all("voluntary and community sector" not in label for label in with_vcs[1:])
    at.switch_page(str(ROOT / "pages/overview.py")).run()  # the next page spells it out again
    assert not at.exception
    shown = [m.value for m in at.markdown] + [m.label for m in at.metric]
    assert any(
        escape("voluntary and community sector (VCS)") in text or "voluntary and community sector (VCS)" in text
        for text in shown
    )


def test_a_lists_abbreviations_are_explained_in_its_help():
    options = ["Authorities with a VCS cabinet lead", "Payment by results share of contracts", "TOMs used"]
    assert (
        abbreviations_explained(options) == "VCS: voluntary and community sector. TOMs: Themes, Outcomes and Measures."
    )
    assert abbreviations_explained(["Grant share of funding"]) is None
