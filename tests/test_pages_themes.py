"""Every theme page runs on the sample data with charts, and a filter change changes its numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pages_fixtures import HACKNEY, sample_database, store_content, store_small
from reading import in_section
from streamlit.testing.v1 import AppTest

from wayahead.output.dictionary import data_dictionary
from wayahead.ui.text import escape

ROOT = Path(__file__).resolve().parents[1]
THEMES = ["funding", "leadership", "social_value", "training", "infrastructure", "commissioning"]


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sample.db'}"
    sample_database(url).dispose()
    return url


def open_page(url: str, monkeypatch, page: str, query: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / f"pages/{page}.py"))
    return at.run()


def figures(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def select(at: AppTest, label: str, value) -> AppTest:
    widget = next(w for w in [*at.selectbox, *at.multiselect] if w.label == label)
    return widget.set_value(value).run()


@pytest.mark.parametrize("page", THEMES)
def test_theme_page_runs_with_charts_and_follows_the_filters(sample_url, monkeypatch, page):
    at = open_page(sample_url, monkeypatch, page)
    assert not at.exception
    names = [tab.label for tab in at.tabs]
    assert len(names) >= 3 and names[-1] == "Added in return version 2"
    charts = []
    for name in names:  # each section, opened in turn, runs and draws only its own charts
        at = in_section(at, name)
        assert not at.exception
        assert [tab.label for tab in at.tabs] == names
        charts += at.get("plotly_chart")
    assert len(charts) >= 3
    assert all(len(chart.proto.alt) > 40 for chart in charts)  # each has a title and summary for screen readers
    assert at.metric and all(value != "–" for _, value in figures(at))
    assert any(" of 33 answered in " in c.value for c in at.caption)  # coverage per indicator, not per file
    before = figures(at)
    at = select(at, "To", 2019)
    assert not at.exception
    assert figures(at) != before
    assert at.query_params["to"] == "2019"


def test_a_link_opens_on_the_same_view_and_the_view_survives_a_page_change(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "training", {"from": "2019", "to": "2023", "la": HACKNEY})
    assert not at.exception
    assert next(w for w in at.multiselect if w.label == "Authorities").value == [HACKNEY]
    assert [w.value for w in at.selectbox if w.label in ("From", "To")] == [2019, 2023]
    assert any("Hackney" in m.value for m in at.markdown)
    at.switch_page(str(ROOT / "pages/funding.py")).run()
    assert not at.exception
    assert [w.value for w in at.selectbox if w.label in ("From", "To")] == [2019, 2023]
    assert next(w for w in at.multiselect if w.label == "Authorities").value == [HACKNEY]


def test_data_page_offers_downloads_and_the_generated_dictionary(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "data")
    assert not at.exception
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download all sheets (Excel)" in labels
    assert any(label.startswith("Funding (CSV, ") and label.endswith(" rows)") for label in labels)
    dictionary = data_dictionary()  # the CSV: every column
    assert list(dictionary.columns) == [
        "Sheet",
        "Label",
        "Type",
        "Expected",
        "Required",
        "If left blank",
        "Personal data",
        "Help",
        "Asked from",
        "Report section",
    ]
    added = dictionary[dictionary["Asked from"].str.startswith("return version 2")]
    questions = added[added["Label"] != "Return version"]  # the template's own row, not a question of the report
    assert "Specialisms offered" in set(questions["Label"]) and questions["Report section"].str.startswith("§").all()
    # on the page, a table per sheet whose text wraps (a grid cut the longer texts at its cells' edges)
    tables = [t.value.map(lambda v: v.replace("\\", "")) for t in at.table]
    assert [list(t.columns) for t in tables] == [["Field", "What it is", "Expected", "Required"]] * 9
    fields = pd.concat(tables)["Field"].tolist()
    assert len(fields) == len(dictionary) and "Cabinet member with responsibility for the VCS" in fields
    assert "Specialisms offered (from version 2)" in fields and "Email (personal data)" in fields
    headings = [h.value.replace("\\", "") for h in at.main.header]
    contents = next(m.value for m in at.markdown if m.value.startswith("**Contents**"))
    assert all(f"[{h}](#" in contents.replace("\\", "") for h in headings)  # every section, a link away


def test_empty_database_explains_itself(database_url, engine, monkeypatch):
    at = open_page(database_url, monkeypatch, "funding")
    assert not at.exception
    assert any("No returns" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_storing_a_return_updates_the_cached_figures(database_url, engine, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")  # SMALL has 3 of 33 authorities
    store_small(engine)
    at = open_page(database_url, monkeypatch, "leadership")
    assert ("Authorities with a voluntary and community sector (VCS) cabinet lead", "67%") in figures(at)
    store_content(
        engine, "E09000007", 2024, {"leadership": [{"cabinet_lead": True, "portfolio_title": "Civil Society"}]}
    )
    at.run()
    assert ("Authorities with a voluntary and community sector (VCS) cabinet lead", "100%") in figures(at)


def test_portfolio_titles_are_shown_as_data_not_markup(database_url, engine, monkeypatch):
    store_small(engine)
    at = open_page(database_url, monkeypatch, "leadership", {"section": "Portfolio titles"})
    titles = at.dataframe[-1].value["Portfolio title"].tolist()
    assert '=HYPERLINK("x") *Communities*' in titles
    assert not any("HYPERLINK" in m.value for m in at.markdown)


def test_every_change_of_a_filter_sticks_not_only_every_other_one(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "funding")
    for year in (2023, 2022, 2021, 2020):
        at = select(at, "To", year)
        assert not at.exception
        assert next(w for w in at.selectbox if w.label == "To").value == year
        assert at.query_params["to"] == str(year)
    at = select(at, "Authorities", [HACKNEY])
    at = select(at, "Authorities", [HACKNEY, "E09000001"])
    assert next(w for w in at.multiselect if w.label == "Authorities").value == [HACKNEY, "E09000001"]
    assert at.query_params["la"] == f"{HACKNEY},E09000001"


def test_reset_brings_back_all_of_london_and_every_year(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "training", {"from": "2019", "to": "2021", "la": HACKNEY})
    assert at.query_params["la"] == HACKNEY
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert not at.exception
    assert next(w for w in at.multiselect if w.label == "Authorities").value == []
    years = next(w for w in at.selectbox if w.label == "From").options
    assert [w.value for w in at.selectbox if w.label in ("From", "To")] == [int(years[0][:4]), int(years[-1][:4])]
    assert "la" not in at.query_params


HOSTILE_LINKS = ["²", "-1", "1e9", "9" * 5000, "<script>alert(1)</script>", "\x00", "E09999999", ["2019", "2020"]]


@pytest.mark.parametrize("value", HOSTILE_LINKS, ids=lambda v: repr(v)[:12])
def test_a_hostile_link_opens_the_page_with_a_note_on_what_it_could_not_use(sample_url, monkeypatch, value):
    at = open_page(sample_url, monkeypatch, "funding", {"from": value, "to": value, "la": value})
    assert not at.exception
    assert at.metric and len(at.get("plotly_chart")) >= 2  # the trend and the ranked bars
    notes = [i.value.replace("\\", "") for i in at.info]
    assert any(n.startswith("The link's 'to' value ") and n.endswith("; showing 2025/26 instead.") for n in notes)
    assert any(n.startswith("The link's 'from' value ") and n.endswith("; showing 2016/17 instead.") for n in notes)
    assert any(n.startswith("The link's 'la' value ") and n.endswith("; leaving it out.") for n in notes)
    assert [w.value for w in at.selectbox if w.label in ("From", "To")] == [2016, 2025]
    assert at.query_params["to"] == "2025" and "la" not in at.query_params  # the link now says what is shown


def test_the_note_quotes_the_link_exactly_and_plainly(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "training", {"to": "²", "la": "[x](https://evil.example) **E09000012**"})
    assert not at.exception
    assert [i.value for i in at.info] == [
        escape(note)
        for note in (
            "The link's 'to' value '²' is not a financial year with returns (2016/17 to 2025/26); showing 2025/26 instead.",
            "The link's 'la' value '[x](https://evil.example) **E09000012**' is not a London authority (ONS code or name); "
            "leaving it out.",
        )
    ]


def _amounts(amount: float) -> dict:
    return {
        "funding": [
            {"commissioner": c, "mechanism": "Grant – core", "amount": amount} for c in ("Local authority", "NHS (ICB)")
        ]
    }


def test_funding_page_shows_amounts_at_the_maximum_as_finite_figures(database_url, engine, monkeypatch):
    """Issue 11: the largest amounts a return may hold, in every authority, still add up."""
    from wayahead.returns.london import AUTHORITIES
    from wayahead.returns.spec import MAX_AMOUNT

    for authority in AUTHORITIES:
        store_content(engine, authority.code, 2024, _amounts(MAX_AMOUNT))
    at = open_page(database_url, monkeypatch, "funding", {"section": "Mechanism and commissioner"})
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 3
    text = " ".join(c.proto.alt for c in at.get("plotly_chart"))
    assert "£660,000m" in text and "inf" not in text.lower()


def test_funding_page_survives_a_store_written_before_amounts_had_a_maximum(database_url, engine, monkeypatch):
    """A database that took 1.7e308 twice (SQLite added them up to infinity) once made the
    Funding page fail for everyone; every figure formatter now shows such a value as '–'."""
    store_small(engine)
    store_content(engine, "E09000007", 2024, _amounts(float("inf")))
    at = open_page(database_url, monkeypatch, "funding")
    assert not at.exception
    assert at.get("plotly_chart") and at.metric


def chart_titles(at: AppTest) -> list[str]:
    return [chart.proto.alt.split(". ")[0] for chart in at.get("plotly_chart")]


def test_only_the_open_section_is_sent_and_a_link_opens_it(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "funding")
    first = chart_titles(at)
    assert first and all("Grant share" in title for title in first)  # the first section, open by default
    at = open_page(sample_url, monkeypatch, "funding", {"section": "Payment by results"})
    shown = chart_titles(at)
    assert shown and all("Payment by results" in title for title in shown)
    assert not any("Grant share" in title for title in shown)
    at = select(at, "To", 2020)  # a filter change keeps the section open
    later = chart_titles(at)
    assert len(later) >= 2 and all("Payment by results" in title and "2020/21" in title for title in later[1:])


def test_the_london_map_is_drawn_once_opened_stays_open_and_a_link_opens_it(sample_url, monkeypatch):
    map_title = "Grant share of funding, 2025/26: London map"
    at = open_page(sample_url, monkeypatch, "funding")
    assert [e.label for e in at.expander if e.label.startswith("London map")] == ["London map: Grant share of funding"]
    assert not any(title.startswith(map_title) for title in chart_titles(at))  # closed: not drawn, nothing sent
    at.session_state["map_grant_share"] = True  # the reader opens it
    at.run()
    assert any(title.startswith(map_title) for title in chart_titles(at))
    at = select(at, "To", 2020)  # open, it follows the filters
    assert any(title.startswith("Grant share of funding, 2020/21: London map") for title in chart_titles(at))
    linked = open_page(sample_url, monkeypatch, "funding", {"map_grant_share": "true"})  # a link with it open
    assert any(title.startswith(map_title) for title in chart_titles(linked))


@pytest.mark.parametrize("section", ["<img src=x onerror=alert(1)>", "x" * 5000, "Grant share\x00", "ä"])
def test_a_hostile_section_in_the_link_opens_the_first(sample_url, monkeypatch, section):
    at = open_page(sample_url, monkeypatch, "funding", {"section": section})
    assert not at.exception
    assert chart_titles(at) and all("Grant share" in title for title in chart_titles(at))


def test_an_opened_data_section_stays_open_when_the_year_changes(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "funding", {"section": "By authority"})
    assert not at.dataframe  # closed: nothing sent
    at.session_state["data_funding_by_authority"] = True  # the reader opens "Data for this chart"
    at.run()
    assert any("Total (£)" in d.value.columns for d in at.dataframe)
    before = next(d.value for d in at.dataframe if "Total (£)" in d.value.columns)
    at = select(at, "To", 2020)
    assert not at.exception
    after = next(d.value for d in at.dataframe if "Total (£)" in d.value.columns)  # still open, the new year's
    assert not after.equals(before)
    assert any("funding_by_authority_2020" in str(b.proto.id) for b in at.get("download_button"))  # its file
