"""Money per resident (figures.per_resident): one rule, pooled over the authorities that answered."""

from __future__ import annotations

import math

import pytest

from wayahead.figures.per_resident import PER_RESIDENT_RULE, area_total, per_resident
from wayahead.output.dictionary import METHODOLOGY, indicator_definitions
from wayahead.returns.london import BY_CODE, POPULATION_SOURCE
from wayahead.words.formatting import MONEY_BASIS, area_total_text, per_resident_money

HACKNEY, BARNET, CAMDEN = "E09000012", "E09000003", "E09000007"


def test_one_authority_is_its_money_over_its_census_2021_residents():
    assert per_resident({HACKNEY: 259_200.0}) == pytest.approx(259_200 / BY_CODE[HACKNEY].population)


def test_an_area_pools_money_and_residents_of_those_that_answered_only():
    pooled = per_resident({HACKNEY: 1_000.0, BARNET: 3_000.0, CAMDEN: None})
    residents = BY_CODE[HACKNEY].population + BY_CODE[BARNET].population  # Camden in neither sum
    assert pooled == pytest.approx(4_000 / residents)
    assert pooled != pytest.approx(4_000 / (residents + BY_CODE[CAMDEN].population))


@pytest.mark.parametrize("blank", [None, math.nan, math.inf, "not a number"])
def test_a_blank_is_not_zero_and_none_answered_has_no_figure(blank):
    assert per_resident({CAMDEN: blank}) is None
    assert per_resident({}) is None
    assert per_resident({HACKNEY: 0.0, CAMDEN: blank}) == 0.0  # £0 answered is £0; a blank is left out


def test_the_area_total_says_how_many_answered_and_withholds_below_the_threshold(monkeypatch):
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "2")
    figure = area_total({HACKNEY: 1_000.0, BARNET: 3_000.0, CAMDEN: None}, 3, 3, 2024, "London")
    assert (figure.total, figure.answered, figure.in_scope) == (4_000.0, 2, 3)
    assert figure.per_resident == per_resident({HACKNEY: 1_000.0, BARNET: 3_000.0})
    text = area_total_text("committed", figure)
    assert text.startswith("London, 2024/25: £4k committed, £") and text.endswith(" per resident (2 of 3 answered).")
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "0.9")
    withheld = area_total({HACKNEY: 1_000.0, BARNET: 3_000.0, CAMDEN: None}, 3, 3, 2024, "London")
    assert withheld.total is None and withheld.per_resident is None
    assert "Only 2 of 3 authorities answered this question" in area_total_text("committed", withheld)


def test_per_resident_reads_to_the_penny_and_a_blank_as_not_answered():
    assert per_resident_money(12.4) == "£12.40 per resident"
    assert per_resident_money(None) == "not answered"
    assert per_resident_money(math.nan) == "not answered"


def test_the_money_basis_cites_the_population_and_says_cash():
    assert "Census 2021 usual residents (ONS first results, 28 June 2022)" in MONEY_BASIS
    assert "used for every year as an approximation" in MONEY_BASIS
    assert MONEY_BASIS.endswith("Amounts are cash (not adjusted for inflation).")


def test_the_dictionary_defines_each_new_figure_with_its_source():
    rows = indicator_definitions().set_index("Figure")
    for figure in (
        "Funding by authority, and per resident",
        "Social value committed by suppliers (£), and per resident",
        "Social value delivered and verified this year (£), and per resident",
        "Infrastructure income by source and authority, and per resident",
    ):
        assert rows.loc[figure, "Source"].endswith(POPULATION_SOURCE)
        assert PER_RESIDENT_RULE in rows.loc[figure, "Definition"] and MONEY_BASIS in rows.loc[figure, "Definition"]
    assert rows.loc["Number of awards", "Definition"].startswith("How many grants or contracts made up the amount.")
    assert rows.loc["Organisations funded", "Source"] == "Funding › Organisations funded"
    money = dict(METHODOLOGY)["Money"]
    assert money.startswith("Amounts are cash (not adjusted for inflation).") and "GDP deflator" in money
