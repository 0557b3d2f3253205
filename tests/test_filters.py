"""Shared filters: URL round trip, tolerant parsing, scope; and the formatting they rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wayahead.figures.filters import Filters, current_financial_year, names_label
from wayahead.words.formatting import change_words, coverage_text, money, number, percent

YEARS = range(2016, 2025)


def test_url_round_trip():
    chosen = Filters(2019, 2024, ("E09000012", "E09000001"), ("East",), "Inner", True, True)
    query = chosen.to_query()
    assert query == {
        "from": "2019",
        "to": "2024",
        "la": "E09000012,E09000001",
        "sr": "East",
        "io": "Inner",
        "per": "resident",
        "lfl": "1",
    }
    # authorities come back in the standard (ONS code) order
    assert Filters.from_query(query, YEARS) == Filters(
        2019, 2024, ("E09000001", "E09000012"), ("East",), "Inner", True, True
    )


def test_defaults_are_all_of_london_over_every_available_year():
    filters = Filters.from_query({}, YEARS)
    assert filters == Filters(2016, 2024)
    assert filters.to_query() == {"from": "2016", "to": "2024"}
    assert len(filters.codes()) == 33 and filters.area_label() == "London"


def test_the_example_link_opens_hackney_2019_to_2024():
    filters = Filters.from_query({"from": "2019", "to": "2024", "la": "E09000012"}, YEARS)
    assert filters.codes() == ["E09000012"]
    assert filters.years_label() == "2019/20 to 2024/25"
    assert filters.area_label() == "Hackney"


def test_lists_names_and_financial_year_labels_are_understood():
    filters = Filters.from_query(
        {"la": ["LB Hackney", "E09000001"], "from": "2020/21", "to": "2018", "io": "outer"}, YEARS
    )
    assert filters.authorities == ("E09000001", "E09000012")
    assert (filters.first_year, filters.last_year) == (2018, 2020)  # swapped into order
    assert filters.inner_outer == "Outer"


def test_bad_parameters_are_ignored():
    filters = Filters.from_query(
        {"from": "abc", "to": "9999", "la": "Atlantis,,", "sr": "Middle", "io": "both", "per": "1", "lfl": "no"}, YEARS
    )
    assert filters == Filters(2016, 2024)  # 9999 is clamped to the last available year


def test_no_available_years_falls_back_to_the_current_financial_year():
    filters = Filters.from_query({"from": "2019"}, [])
    assert filters.first_year == filters.last_year == current_financial_year()
    assert current_financial_year(dt.date(2025, 3, 31)) == 2024
    assert current_financial_year(dt.date(2025, 4, 1)) == 2025


def test_codes_match_every_choice():
    assert len(Filters(2024, 2024, inner_outer="Inner").codes()) == 14
    assert Filters(2024, 2024, sub_regions=("North",)).codes() == ["E09000003", "E09000010", "E09000014"]
    assert Filters(2024, 2024, sub_regions=("North",), inner_outer="Inner").codes() == ["E09000014"]
    assert Filters(2024, 2024, authorities=("E09000012",), inner_outer="Outer").codes() == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(["from", "to", "la", "sr", "io", "per", "lfl", "x"]),
        st.one_of(st.text(max_size=30), st.lists(st.text(max_size=12), max_size=3)),
    )
)
def test_from_query_never_raises(params):
    filters = Filters.from_query(params, YEARS)
    assert 2016 <= filters.first_year <= filters.last_year <= 2024
    assert Filters.from_query(filters.to_query(), YEARS) == filters


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1_234_567, "£1.2m"),
        (340_000, "£340k"),
        (950, "£950"),
        (1_500, "£1.5k"),
        (999_999, "£1m"),
        (0, "£0"),
        (-2_500_000, "-£2.5m"),
        (None, "–"),
        (float("nan"), "–"),
    ],
)
def test_money(value, text):
    assert money(value) == text


def test_percent_number_change_and_coverage():
    assert percent(0.34) == "34%" and percent(None) == "–"
    assert number(12345) == "12,345" and number(2.25) == "2.2"
    assert change_words("share", 0.052) == "up 5 points" and change_words("share", -0.1) == "down 10 points"
    assert change_words("share", 0.001) == "no change" and change_words("share", 0.01) == "up 1 point"
    assert change_words("money", -20_000) == "down £20k" and change_words("share", float("nan")) == ""
    assert coverage_text(28) == "28 of 33 authorities returned"
    assert coverage_text(1, 1) == "1 of 1 authority returned"


def test_several_authorities_are_named_in_words():
    assert Filters(2024, 2024, authorities=("E09000012", "E09000007")).area_label() == "Camden and Hackney"
    assert names_label(["Hackney", "Camden", "Barnet"]) == "Hackney, Camden and Barnet"
    assert names_label(["A", "B", "C", "D", "E"]) == "5 authorities: A, B, C, D and E"


def test_what_counts_as_a_figure_and_as_a_blank():
    from wayahead.figures.numbers import finite, missing

    assert finite("2.5") == 2.5 and finite(float("inf")) is None and finite(None) is None and finite("abc") is None
    assert missing(None) and missing(float("nan")) and not missing("") and not missing(0) and not missing([1, 2])
