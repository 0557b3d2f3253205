"""Money in context (issue 14). Real terms (figures/real_terms.py): a year's cash in the prices
of the loaded price index's latest year, nothing for a year it does not cover, cash and said so
without an index; on the Funding page behind the 'Money in real terms' switch (?real=1). Per
resident (figures/per_resident.py): the loaded mid-year estimate where there is one, else Census
2021, cited. Every series here is made up for the tests, not a published one."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pages_fixtures import BARNET, CAMDEN, HACKNEY, store_content
from reading import with_figures_opened
from test_pages_money_notes import HACKNEY_2024, open_page, table_with, words

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.funding import funding_by, funding_by_authority
from wayahead.figures.metrics.infrastructure import income_mix
from wayahead.figures.per_resident import area_total, population_basis, residents
from wayahead.figures.real_terms import Deflator, deflator, in_real_terms
from wayahead.returns.london import AUTHORITIES, BY_CODE, POPULATION_SOURCE
from wayahead.store.reference import ReferenceValue, load_series
from wayahead.words.formatting import CASH_TERMS, NO_PRICE_INDEX, PER_RESIDENT_SOURCE, money_terms, per_resident_source

RELEASED = dt.date(2026, 3, 31)
TEST_INDEX = Deflator({2023: 80.0, 2024: 95.0, 2025: 100.0}, "a test index (not published)", RELEASED)
REAL_WORDS = (
    "In 2025/26 prices, adjusted with a test index (not published), released 31 March 2026; "
    "a year the index does not cover has no figure."
)


def _load_test_index(engine) -> None:  # type: ignore[no-untyped-def]
    values = [ReferenceValue(None, year, index) for year, index in TEST_INDEX.index.items() if year != 2023]
    load_series(engine, "deflator", values, TEST_INDEX.source, RELEASED, "tests", "0" * 64)


def test_an_amount_is_put_in_the_prices_of_the_latest_year_of_the_index():
    assert TEST_INDEX.base_year == 2025
    assert in_real_terms(95_000, 2024, TEST_INDEX) == pytest.approx(100_000)
    assert in_real_terms(80, 2023, TEST_INDEX) == pytest.approx(100)
    assert in_real_terms(5, 2025, TEST_INDEX) == 5
    assert in_real_terms(5, 2022, TEST_INDEX) is None  # not covered: no guess
    assert in_real_terms(None, 2024, TEST_INDEX) is None and in_real_terms(float("nan"), 2024, TEST_INDEX) is None


def test_the_words_say_cash_or_the_index_with_its_source_and_release():
    assert money_terms(TEST_INDEX, False) == CASH_TERMS == "Amounts are cash (not adjusted for inflation)."
    assert money_terms(None, True) == f"{CASH_TERMS} {NO_PRICE_INDEX}"
    assert money_terms(TEST_INDEX, True) == REAL_WORDS


def test_funding_by_year_in_real_terms_only_with_an_index_and_only_for_the_years_it_covers(engine):
    store_content(engine, HACKNEY, 2023, HACKNEY_2024)
    store_content(engine, HACKNEY, 2024, HACKNEY_2024)
    real = Filters(2023, 2024, real_terms=True)
    cash = funding_by(engine, real, "group").set_index(["year", "category"])["amount"]
    assert cash[(2024, "Grants")] == 300_000  # no index loaded: cash
    assert deflator(engine) is None
    _load_test_index(engine)
    amounts = funding_by(engine, real, "group").set_index(["year", "category"])["amount"]
    assert amounts[(2024, "Grants")] == pytest.approx(300_000 * 100 / 95)
    assert amounts[(2024, "Contracts")] == pytest.approx(100_000 * 100 / 95)
    assert amounts.loc[2023].isna().all()  # the loaded index does not cover 2023/24
    assert (
        funding_by(engine, Filters(2023, 2024), "group").set_index(["year", "category"])["amount"][(2024, "Grants")]
        == 300_000
    )


def test_infrastructure_income_by_year_in_real_terms_with_the_same_shares(engine):
    org = {"organisation": "Hackney CVS", "coverage": "Whole borough", "discounted_lease": False}
    for year in (2023, 2024):
        store_content(
            engine, HACKNEY, year, {"infrastructure": [org | {"income_la_grants": 95.0, "income_trusts": 5.0}]}
        )
    real = Filters(2023, 2024, real_terms=True)
    cash = income_mix(engine, real).set_index(["year", "source"])
    assert cash.loc[(2024, "Local authority grants"), "amount"] == 95  # no index loaded: cash
    _load_test_index(engine)
    mix = income_mix(engine, real).set_index(["year", "source"])
    assert mix.loc[(2024, "Local authority grants"), "amount"] == pytest.approx(100)
    assert mix.loc[(2024, "Trusts and foundations"), "amount"] == pytest.approx(5 * 100 / 95)
    assert pd.isna(mix.loc[(2023, "Local authority grants"), "amount"])  # not covered: no guess
    assert mix["share"].equals(cash["share"])  # a share is the same in cash and in real terms


@pytest.fixture
def stored(engine, database_url, monkeypatch) -> str:
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")
    store_content(engine, HACKNEY, 2024, HACKNEY_2024)
    store_content(engine, BARNET, 2024, {"leadership": [{"cabinet_lead": True}]})
    return database_url


MONEY = "Mechanism and commissioner"  # Funding's section with its money by year


def _grants(at) -> float:  # type: ignore[no-untyped-def]
    table = next(d.value for d in with_figures_opened(at).dataframe if "Grants and contracts" in d.value.columns)
    column = next(c for c in table.columns if c.startswith("Funding"))
    return table.set_index("Grants and contracts").loc["Grants", column]


def test_the_funding_page_says_cash_until_an_index_is_loaded(stored, monkeypatch):
    at = open_page(stored, monkeypatch, "funding", query={"real": "1", "section": MONEY})
    assert f"{CASH_TERMS} {NO_PRICE_INDEX}" in words(at)
    assert _grants(at) == 300_000


def test_the_funding_page_switch_puts_money_in_real_terms_and_cites_the_index(stored, engine, monkeypatch):
    _load_test_index(engine)
    at = open_page(stored, monkeypatch, "funding", query={"section": MONEY})
    assert REAL_WORDS not in words(at) and CASH_TERMS in words(at)
    assert _grants(at) == 300_000
    at.toggle(key="filter_real_terms").set_value(True).run()
    assert not at.exception
    assert REAL_WORDS in words(at)
    assert _grants(at) == pytest.approx(300_000 * 100 / 95, abs=1)
    assert any(
        "Funding in 2025/26 prices (£)" in d.value.columns for d in with_figures_opened(at).dataframe
    )  # says which prices
    assert at.query_params["real"] == "1"  # the link opens on the same view


# Mid-year population (figures/per_resident.py): the loaded estimate for an authority and year
# where there is one, else Census 2021; the words say which. Made-up test figures again.
TEST_POPULATION = "test mid-year estimates (not published)"


def _load_test_population(engine, values: dict[tuple[str, int], float]) -> None:  # type: ignore[no-untyped-def]
    rows = [ReferenceValue(code, year, value) for (code, year), value in values.items()]
    load_series(engine, "population", rows, TEST_POPULATION, dt.date(2026, 6, 26), "tests", "1" * 64)


def test_per_resident_uses_the_loaded_estimate_where_there_is_one_else_census_2021(engine):
    store_content(engine, HACKNEY, 2024, HACKNEY_2024)
    census = BY_CODE[HACKNEY].population
    assert residents(engine, 2024)[HACKNEY] == census and population_basis(engine) is None
    by_authority = funding_by_authority(engine, Filters(2024, 2024), 2024).set_index("code")
    assert by_authority.loc[HACKNEY, "per_resident"] == pytest.approx(400_000 / census)
    _load_test_population(engine, {(HACKNEY, 2024): 250_000.0})
    population = residents(engine, 2024)
    assert population[HACKNEY] == 250_000 and population[BARNET] == BY_CODE[BARNET].population
    assert residents(engine, 2023)[HACKNEY] == census  # a year the estimates do not give
    by_authority = funding_by_authority(engine, Filters(2024, 2024), 2024).set_index("code")
    assert by_authority.loc[HACKNEY, "per_resident"] == pytest.approx(1.6)
    pooled = area_total({HACKNEY: 400_000, BARNET: 100_000, CAMDEN: None}, 3, 3, 2024, "Three", population)
    assert pooled.per_resident == pytest.approx(500_000 / (250_000 + BY_CODE[BARNET].population))  # not Camden's


def test_the_per_resident_words_cite_the_estimates_census_2021_or_each_where_it_applies(engine):
    assert per_resident_source(None, [2024]) == PER_RESIDENT_SOURCE
    every = {(a.code, 2024): 100_000.0 for a in AUTHORITIES}
    _load_test_population(engine, every)
    basis = population_basis(engine)
    assert per_resident_source(basis, [2024]) == f"Per resident: {TEST_POPULATION}, released 26 June 2026."
    assert per_resident_source(basis, [2020]) == PER_RESIDENT_SOURCE
    assert per_resident_source(basis, [2023, 2024]) == (
        f"Per resident: {TEST_POPULATION}, released 26 June 2026, for each authority and year it gives; "
        f"otherwise {POPULATION_SOURCE}, as an approximation."
    )


def test_the_funding_page_divides_by_the_loaded_estimate_and_says_so(stored, engine, monkeypatch):
    _load_test_population(engine, {(HACKNEY, 2024): 250_000.0})
    at = open_page(stored, monkeypatch, "funding", query={"section": "By authority"})
    table = table_with(at, "Per resident (£)")
    assert table.loc["Hackney", "Per resident (£)"] == "1.6"
    assert f"Per resident: {TEST_POPULATION}, released 26 June 2026, for each authority and year it gives" in words(at)


def test_real_terms_travel_in_the_link_and_a_bad_value_is_said():
    link = Filters.from_link({"real": "1"}, [2024])
    assert link.value.real_terms and link.value.to_query()["real"] == "1" and not link.notes
    bad = Filters.from_link({"real": "yes please"}, [2024])
    assert not bad.value.real_terms and "real" not in bad.value.to_query() and bad.notes
