"""The headline indicators, checked against figures worked out by hand on tests/pages_fixtures.SMALL."""

from __future__ import annotations

import math

import pytest
from pages_fixtures import BARNET, CAMDEN, HACKNEY, store_small

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import (
    headline_indicators,
    indicator,
    indicator_by_authority,
    indicator_by_authority_years,
    indicator_by_year,
)
from wayahead.figures.metrics.against_london import indicator_ranking, indicator_trend
from wayahead.figures.metrics.core import years_returned
from wayahead.figures.metrics.headline import headline
from wayahead.ui.blocks import coverage_line

ALL = Filters(2023, 2024)


@pytest.fixture(autouse=True)
def _figures_from_one_return(monkeypatch):
    """SMALL has 3 of London's 33 authorities: state figures from one return, not the usual 22."""
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")


@pytest.fixture
def small(engine):
    return store_small(engine)


def by_year(engine, key: str, filters: Filters = ALL) -> dict[int, tuple[float, int]]:
    frame = indicator_by_year(engine, key, filters)
    return {int(r.year): (r.value, int(r.returned)) for r in frame.itertuples()}


def test_the_six_headline_indicators_in_order():
    assert [i.key for i in headline_indicators()] == [
        "grant_share",
        "pbr_share",
        "cabinet_lead",
        "social_value",
        "training_uptake",
        "infra_la_reliance",
    ]
    assert all(indicator(i.key) is i and i.why and i.definition for i in headline_indicators())


@pytest.mark.parametrize(
    ("key", "expected_2023", "expected_2024"),
    [
        # grants ÷ (grants + contracts); 'Other' counts in neither
        ("grant_share", (100 + 50) / (100 + 300 + 50), 200 / (200 + 100 + 100 + 300)),
        ("pbr_share", 0 / 300, 100 / (100 + 100 + 300)),
        ("cabinet_lead", 1 / 2, 2 / 3),
        ("social_value", 1 / 2, 2 / 3),
        ("training_uptake", (10 + 5) / (40 + 10), (20 + 0 + 6) / (40 + 10 + 10)),
        ("infra_la_reliance", (50 + 10) / (100 + 40), (60 + 20 + 50) / ((60 + 20 + 20 + 100) + (50 + 50))),
    ],
)
def test_london_figures_by_year(small, key, expected_2023, expected_2024):
    figures = by_year(small, key)
    assert figures[2023] == (pytest.approx(expected_2023), 2)
    assert figures[2024] == (pytest.approx(expected_2024), 3)


def test_authority_figures_are_their_own_ratios(small):
    frame = indicator_by_authority(small, "training_uptake", ALL, 2024).set_index("code")
    assert frame.loc[HACKNEY, "value"] == pytest.approx(0.5)
    assert frame.loc[BARNET, "value"] == 0
    assert frame.loc[CAMDEN, "value"] == pytest.approx(0.6)
    assert frame.loc[HACKNEY, "name"] == "Hackney"


def test_an_authority_without_the_rows_has_no_figure_rather_than_zero(small):
    frame = indicator_by_authority(small, "grant_share", ALL, 2024)
    assert set(frame["code"]) == {HACKNEY, BARNET}
    assert frame.set_index("code").loc[BARNET, "value"] == 0


def test_like_for_like_keeps_only_authorities_returning_every_year(small):
    figures = by_year(small, "cabinet_lead", Filters(2023, 2024, like_for_like=True))
    assert figures[2024] == (pytest.approx(1.0), 2)  # Camden (no lead) returned only in 2024


def test_filters_narrow_the_authorities(small):
    inner = by_year(small, "training_uptake", Filters(2023, 2024, inner_outer="Inner"))
    assert inner[2024] == (pytest.approx((20 + 6) / 50), 2)
    assert inner[2023] == (pytest.approx(10 / 40), 1)
    east = by_year(small, "training_uptake", Filters(2024, 2024, sub_regions=("North",)))
    assert east[2024] == (pytest.approx(0.0), 1)


def test_a_year_without_returns_has_no_value_and_zero_returned(small):
    figures = by_year(small, "grant_share", Filters(2022, 2024))
    value, returned = figures[2022]
    assert math.isnan(value) and returned == 0


def test_headline_compares_with_the_year_before(small):
    h = headline(small, "cabinet_lead", ALL)
    assert (h.year, h.returned, h.previous_returned, h.in_scope) == (2024, 3, 2, 33)
    assert h.value == pytest.approx(2 / 3) and h.previous == pytest.approx(0.5)
    # The change is like-for-like: Hackney and Barnet, the two that returned in both years, 2 of 2 then 1 of 2.
    assert h.change == pytest.approx(1.0 - 0.5)
    # so the tile says whom the change counts: its 50 points are not 67% less 50%
    assert h.returned_both == 2
    assert coverage_line(h).endswith(". The change counts only the 2 authorities that returned in both years.")
    both = headline(small, "cabinet_lead", Filters(2023, 2024, authorities=(HACKNEY, BARNET)))
    assert both.returned_both == 2 and "The change counts" not in coverage_line(both)  # the same two each year
    like = headline(small, "cabinet_lead", Filters(2023, 2024, like_for_like=True))
    assert like.value == pytest.approx(1.0) and like.change == pytest.approx(0.5)


def test_trend_puts_london_first_then_each_chosen_authority(small):
    trend = indicator_trend(small, "training_uptake", Filters(2023, 2024, authorities=(HACKNEY,)))
    assert list(dict.fromkeys(trend["series"])) == ["London", "Hackney"]
    hackney = trend[trend["series"] == "Hackney"].set_index("year")["value"]
    assert hackney[2023] == pytest.approx(0.25) and hackney[2024] == pytest.approx(0.5)
    london = trend[trend["series"] == "London"].set_index("year")["value"]
    assert london[2024] == pytest.approx(26 / 60)


def test_trend_for_an_area_adds_the_area_line(small):
    trend = indicator_trend(small, "training_uptake", Filters(2024, 2024, inner_outer="Outer"))
    assert trend.set_index("series").loc["Outer London", "value"] == 0


def test_ranking_marks_the_chosen_authorities(small):
    ranking = indicator_ranking(small, "grant_share", Filters(2024, 2024, authorities=(BARNET,)))
    assert set(ranking["code"]) == {HACKNEY, BARNET}
    assert ranking.set_index("code")["chosen"].to_dict() == {HACKNEY: False, BARNET: True}


def test_by_authority_years(small):
    frame = indicator_by_authority_years(small, "social_value", ALL)
    assert frame[["year", "code", "value"]].values.tolist() == [
        [2023, BARNET, 0.0],
        [2023, HACKNEY, 1.0],
        [2024, BARNET, 0.0],
        [2024, CAMDEN, 1.0],
        [2024, HACKNEY, 1.0],
    ]


def test_years_returned_lists_the_years_anyone_in_scope_returned(small):
    assert years_returned(small, Filters(2022, 2025)) == [2023, 2024]
    assert years_returned(small, Filters(2022, 2025, authorities=(CAMDEN,))) == [2024]
    assert years_returned(small, Filters(2024, 2025, authorities=(BARNET, HACKNEY))) == [2024]
    assert years_returned(small, Filters(2023, 2024, like_for_like=True, authorities=(CAMDEN,))) == []
