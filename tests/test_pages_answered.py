"""What a cabinet member sees when a return leaves a sheet blank, and when several authorities
are chosen: on the sample data, Hackney re-submits 2025/26 with its Infrastructure sheet blank
and Camden with its Funding sheet blank (real workbooks, through the validator and the store)."""

from __future__ import annotations

import json

import pytest
from builders import full_content, load
from pages_fixtures import BARNET, CAMDEN, HACKNEY, sample_database
from reading import in_section, with_figures_opened, with_maps_opened
from streamlit.testing.v1 import AppTest
from test_pages_themes import open_page as open_themes_page

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import indicator_by_authority
from wayahead.figures.metrics.headline import headline
from wayahead.returns.template import template_bytes
from wayahead.store.engine import make_engine
from wayahead.store.publication import publish
from wayahead.store.returns import store_return

YEAR = 2025  # the sample's latest year: 31 of 33 returned (Kensington and Chelsea and Waltham Forest did not)


def resubmit_with_blank_sheet(engine, code: str, sheet_key: str) -> None:
    content = full_content(code, YEAR)
    content[sheet_key] = []
    data = template_bytes(content)
    result = load(data)
    assert result.valid and [p.sheet for p in result.warnings] == [sheet_key.capitalize()]
    assert store_return(engine, result, data, "officer@council.gov.uk").status == "stored"
    publish(engine, result.year, "steering group", result.borough)  # the re-submission, published


@pytest.fixture(scope="module")
def blanks_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('blanks') / 'blanks.db'}"
    engine = sample_database(url)
    resubmit_with_blank_sheet(engine, HACKNEY, "infrastructure")
    resubmit_with_blank_sheet(engine, CAMDEN, "funding")
    engine.dispose()
    return url


def open_page(url: str, monkeypatch, page: str, query: dict[str, str] | None = None) -> AppTest:
    at = open_themes_page(url, monkeypatch, page, query)
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [e.value for e in (*at.markdown, *at.caption)]


def chart(at: AppTest, title_start: str) -> dict:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next(s for s in specs if (s["layout"].get("title", {}).get("text") or "").startswith(title_start))


def table_with(at: AppTest, column: str):
    return next(d.value for d in with_figures_opened(at).dataframe if column in d.value.columns)


def test_a_blank_infrastructure_sheet_is_not_answered_never_a_cold_spot_or_zero(blanks_url, monkeypatch):
    at = open_page(blanks_url, monkeypatch, "infrastructure")
    # coverage of the reliance indicator counts answers, not files
    assert "30 of 33 answered in 2025/26 (31 of 33 authorities returned" in " ".join(texts(at)).replace("\\", "")
    tiles = chart(with_maps_opened(at), "Infrastructure reliance on council money, 2025/26: London map")
    squares = next(trace for trace in tiles["data"] if trace.get("name") == "authorities")
    labels = dict(zip([c[0] for c in squares["customdata"]], squares["text"]))
    assert labels[HACKNEY] == "<b>HACK</b><br>not<br>answered"
    assert any(t.get("name") == "Not answered" and t.get("showlegend") for t in tiles["data"])
    at = in_section(at, "Organisations and cold spots")
    shown = " ".join(texts(at))
    cold_spots = next(t for t in texts(at) if t.startswith("Cold spots in 2025/26"))
    assert "Hackney" not in cold_spots
    assert "of the 30 authorities that answered; 30 of 31 answered" in cold_spots.replace("\\", "")
    assert "Not answered (Infrastructure sheet left blank): Hackney." in shown.replace("\\", "")
    orgs = table_with(at, "Cold spot").set_index("Authority")
    assert orgs.loc["Hackney"].tolist()[1:] == ["not answered"] * 4  # not 0, not "Yes"
    assert orgs.loc["Havering", "Cold spot"] == "Yes"  # answered, with no whole-borough body (a sample cold spot)


def test_a_blank_funding_sheet_does_not_count_as_answered(blanks_url, monkeypatch):
    at = open_page(blanks_url, monkeypatch, "funding")
    shown = " ".join(texts(at)).replace("\\", "")
    assert "30 of 33 answered in 2025/26 (31 of 33 authorities returned" in shown
    ranking = next(
        d.value
        for d in with_figures_opened(at).dataframe
        if {"Authority", "Grant share of funding (%)"} <= set(d.value.columns)
    )
    assert "Camden" not in set(ranking["Authority"])  # no 0% for a blank sheet
    money = table_with(in_section(at, "By authority"), "Total (£)").set_index("Authority")
    assert money.loc["Camden"].tolist()[1:] == ["not answered"] * 5  # not £0, nor £0 per resident
    assert "Not answered (Funding sheet left blank): Camden." in " ".join(texts(at)).replace("\\", "")


def test_two_authorities_each_show_their_own_figure_beside_london(blanks_url, monkeypatch):
    at = open_page(blanks_url, monkeypatch, "overview", {"la": f"{HACKNEY},{BARNET}"})
    assert at.title[0].value == "Barnet and Hackney at a glance, 2025/26"
    engine = make_engine(blanks_url)
    both = Filters(2016, YEAR, authorities=(BARNET, HACKNEY))
    own = indicator_by_authority(engine, "training_uptake", both, YEAR).set_index("name")["value"]
    added_up = headline(engine, "training_uptake", both).value  # what the page used to show
    engine.dispose()
    assert f"{added_up:.0%}" not in (f"{own['Hackney']:.0%}", f"{own['Barnet']:.0%}")  # the sum is neither's figure
    card = [(m.label, m.value) for m in at.metric]
    assert {label for label, _ in card} == {"Barnet", "Hackney"}  # one figure per authority, none for the two added up
    assert ("Hackney", f"{own['Hackney']:.0%}") in card and ("Barnet", f"{own['Barnet']:.0%}") in card
    assert ("Hackney", "not answered") in card  # infrastructure reliance: Hackney's Infrastructure sheet is blank
    assert any(t.replace("\\", "").startswith("London (reference): ") for t in texts(at))
    summary = at.markdown[0].value.replace("\\", "")
    assert summary.startswith("Barnet and Hackney, 2025/26: each authority's own figures, with London for reference.")
    assert f"Commissioning staff trained: Barnet {own['Barnet']:.0%}, Hackney {own['Hackney']:.0%}; London" in summary
    assert (
        "Infrastructure reliance on council money: Barnet " in summary and ", Hackney not answered; London" in summary
    )


def test_two_authorities_on_a_theme_page_name_them_and_label_any_total(blanks_url, monkeypatch):
    at = open_page(blanks_url, monkeypatch, "training", {"la": f"{HACKNEY},{CAMDEN}"})
    assert any(t.startswith("Showing Camden and Hackney, ") for t in texts(at))
    assert "London (reference)" in [m.label for m in at.metric] and {"Camden", "Hackney"} <= {
        m.label for m in at.metric
    }
    trend = chart(at, "Commissioning staff trained, 2025/26: ")
    title = trend["layout"]["title"]["text"].replace("<br>", " ")
    assert "Camden" in title and "Hackney" in title and "; London " in title
    assert {t["name"] for t in trend["data"]} == {"London", "Camden", "Hackney"}
    at = in_section(at, "Induction and providers")
    totals = [json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ") for c in at.get("plotly_chart")]
    summed = [
        t
        for t in totals
        if not t.startswith("Commissioning staff trained") and "London map" not in t and "across authorities" not in t
    ]
    assert summed and all("total of the selected authorities (Camden and Hackney)" in t for t in summed)


def test_the_borough_profile_says_not_answered_for_a_blank_sheet(blanks_url, monkeypatch):
    at = open_page(blanks_url, monkeypatch, "borough_profile", {"la": HACKNEY})
    shown = " ".join(texts(at)).replace("\\", "")
    assert "Infrastructure reliance on council money: not answered by Hackney in 2025/26." in shown
    table = table_with(at, "Indicator").set_index("Indicator")
    assert table.loc["Infrastructure reliance on council money", "Hackney"] == "not answered"


def test_the_overview_summary_gives_each_indicators_own_coverage(blanks_url, monkeypatch):
    at = open_page(blanks_url, monkeypatch, "overview")
    summary = at.markdown[0].value.replace("\\", "")
    assert summary.startswith("London in 2025/26: 31 of 33 authorities returned.")
    assert "Grant share of funding: " in summary and "; 30 of 33 answered)." in summary
