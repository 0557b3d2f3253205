"""Issue 14, parts 2 and 5, on the pages: money per resident with its source, awards and
organisations funded, social value money, and a return's notes seen only by uploaders and admins."""

from __future__ import annotations

import pytest
from pages_fixtures import BARNET, HACKNEY, store_content
from reading import with_figures_opened
from signed_in import sign_in_as
from streamlit.testing.v1 import AppTest
from test_pages_themes import ROOT

from wayahead.access.auth import add_user
from wayahead.returns.london import BY_CODE
from wayahead.words.formatting import MONEY_BASIS

NOTE = "**Ring** <b>Ada</b> [first](http://example.org) before quoting the NHS figures."
HACKNEY_2024 = {
    "about": [{"notes": NOTE}],
    "funding": [
        {"commissioner": "Local authority", "mechanism": "Grant – core", "amount": 300_000, "awards": 4},
        {
            "commissioner": "NHS (ICB)",
            "mechanism": "Contract – fee for service",
            "amount": 100_000,
            "awards": 1,
            "organisations_funded": 1,
        },
    ],
    "social_value": [{"policy": "Adopted", "committed": 2_000_000.0}],
}
BARNET_2024 = {"leadership": [{"cabinet_lead": True}], "social_value": [{"policy": "None"}]}  # Funding sheet blank


@pytest.fixture
def stored(engine, database_url, monkeypatch) -> str:
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")  # state London's figure from the one authority that answered
    store_content(engine, HACKNEY, 2024, HACKNEY_2024)
    store_content(engine, BARNET, 2024, BARNET_2024)
    return database_url


def open_page(url: str, monkeypatch, page: str, role: str | None = None, query: dict | None = None, **user) -> AppTest:
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    if role:
        from wayahead.store.engine import make_engine

        engine = make_engine(url)
        if user.get("authority"):
            add_user(engine, f"{role}@wayahead.org", role, None, actor="tests", authority=user["authority"])
        sign_in_as(at, engine, role)
    at.run()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / f"pages/{page}.py")).run()
    assert not at.exception, at.exception
    return at


def table_with(at: AppTest, column: str):
    return next(d.value for d in with_figures_opened(at).dataframe if column in d.value.columns).set_index("Authority")


def words(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "text") for e in getattr(at, kind)).replace(
        "\\", ""
    )


def test_funding_by_authority_has_money_per_resident_with_its_source_and_blank_as_not_answered(stored, monkeypatch):
    at = open_page(stored, monkeypatch, "funding", query={"section": "By authority"})
    table = table_with(at, "Per resident (£)")
    assert table.loc["Hackney", "Total (£)"] == "400000"  # a column with 'not answered' in it is text
    assert table.loc["Hackney", "Per resident (£)"] == str(round(400_000 / BY_CODE[HACKNEY].population, 2))
    assert table.loc["Barnet", "Per resident (£)"] == "not answered"  # never £0 per resident
    text = words(at)
    assert MONEY_BASIS in text  # Census 2021, an approximation for every year; amounts are cash
    pooled = 400_000 / BY_CODE[HACKNEY].population  # Barnet answered nothing: not in the residents counted
    assert f"London, 2024/25: £400k in all, £{pooled:,.2f} per resident (1 of 33 answered)." in text


def test_funding_shows_awards_and_organisations_funded_with_definitions_and_coverage(stored, monkeypatch):
    at = open_page(stored, monkeypatch, "funding", query={"section": "By authority"})
    table = table_with(at, "Number of awards")
    assert table.loc[
        "Hackney", ["Number of awards", "Organisations funded", "Rows giving organisations funded"]
    ].tolist() == ["5", "1", "1"]
    assert table.loc["Barnet", "Number of awards"] == "not answered"
    text = words(at)
    assert (
        "London, 2024/25: 5 awards (1 of 33 answered). London, 2024/25: 1 organisations funded (1 of 33 answered)."
        in text
    )
    assert "How many grants or contracts made up the amount." in text  # the return's own help, as the definition
    assert "How many different organisations received money." in text


def test_social_value_money_per_authority_and_per_resident(stored, monkeypatch):
    at = open_page(stored, monkeypatch, "social_value", query={"section": "Weighting and measurement"})
    table = table_with(at, "Social value committed by suppliers (£)")
    assert table.loc["Hackney", "Social value committed by suppliers (£)"] == "2000000"
    assert table.loc["Hackney", "Social value committed by suppliers per resident (£)"] == str(
        round(2_000_000 / BY_CODE[HACKNEY].population, 2)
    )
    assert table.loc["Barnet", "Social value committed by suppliers per resident (£)"] == "not answered"
    assert table.loc["Camden", "Social value committed by suppliers (£)"] == "no return"
    assert table.loc["Hackney", "Social value delivered and verified this year per resident (£)"] == "not asked"
    assert MONEY_BASIS in words(at)


@pytest.mark.parametrize(("role", "authority"), [(None, None), ("viewer", None), ("uploader", BARNET)])
def test_a_viewer_never_sees_the_notes_of_a_return(stored, monkeypatch, role, authority):
    at = open_page(stored, monkeypatch, "borough_profile", role, {"la": HACKNEY}, authority=authority)
    assert "Ada" not in words(at)
    assert not any("Notes from the return" in s.value for s in [*at.header, *at.subheader])


@pytest.mark.parametrize("role", ["uploader", "admin"])
def test_uploaders_and_admins_see_the_notes_as_plain_text(stored, monkeypatch, role):
    at = open_page(stored, monkeypatch, "borough_profile", role, {"la": HACKNEY})
    assert NOTE in [t.value for t in at.text]  # as typed: no bold, no HTML, no link
    at = open_page(stored, monkeypatch, "history", role, {"la": HACKNEY, "year": "2024"})
    assert NOTE in [t.value for t in at.text]


def test_money_per_resident_by_year_is_to_the_penny_over_those_that_answered(stored, monkeypatch):
    at = open_page(stored, monkeypatch, "funding", query={"per": "resident", "section": "Mechanism and commissioner"})
    table = next(d.value for d in with_figures_opened(at).dataframe if "Grants and contracts" in d.value.columns)
    grants = table.set_index("Grants and contracts").loc["Grants", "Funding per resident (£)"]
    assert grants == round(300_000 / BY_CODE[HACKNEY].population, 2)  # Barnet's blank sheet: not in the residents
    assert MONEY_BASIS in words(at)
