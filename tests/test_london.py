"""London reference data (wayahead/returns/london.py) checked against its published facts."""

from __future__ import annotations

import re

import pytest

from wayahead.returns.london import (
    AUTHORITIES,
    BY_CODE,
    LONDON_POPULATION,
    SUB_REGIONS,
    TOTAL,
    financial_year_label,
    find_authority,
)

# ONS statistical definition of Inner London (14 authorities, City included).
INNER = {
    "City of London",
    "Camden",
    "Hackney",
    "Hammersmith and Fulham",
    "Haringey",
    "Islington",
    "Kensington and Chelsea",
    "Lambeth",
    "Lewisham",
    "Newham",
    "Southwark",
    "Tower Hamlets",
    "Wandsworth",
    "Westminster",
}


def test_33_authorities_with_the_e09_codes_in_order():
    assert TOTAL == len(AUTHORITIES) == len(BY_CODE) == 33
    assert [a.code for a in AUTHORITIES] == [f"E090000{n:02d}" for n in range(1, 34)]


def test_inner_london_is_the_ons_statistical_definition():
    assert {a.name for a in AUTHORITIES if a.inner} == INNER
    assert BY_CODE["E09000011"].inner_outer == "Outer"  # Greenwich: inner only under the 1963 Act
    assert BY_CODE["E09000014"].inner_outer == "Inner"  # Haringey: outer only under the 1963 Act


def test_sub_regions_follow_the_london_plan_2011():
    assert {a.sub_region for a in AUTHORITIES} == set(SUB_REGIONS)
    assert BY_CODE["E09000027"].sub_region == "South"  # Richmond upon Thames
    assert BY_CODE["E09000001"].sub_region == "Central"


def test_census_2021_population_adds_up_to_the_london_total():
    # Each figure is rounded to the nearest 100, so the sum is within 33 × 50 of the published 8,799,800.
    assert abs(LONDON_POPULATION - 8_799_800) <= 33 * 50
    assert all(a.population % 100 == 0 for a in AUTHORITIES)
    assert BY_CODE["E09000001"].population == 8_600


def test_tile_grid_positions_are_unique_and_on_the_grid():
    positions = [(a.x, a.y) for a in AUTHORITIES]
    assert len(set(positions)) == 33
    assert all(0 <= x <= 7 and 0 <= y <= 6 for x, y in positions)
    assert (BY_CODE["E09000010"].x, BY_CODE["E09000010"].y) == (4, 0)  # Enfield at the top


@pytest.mark.parametrize("authority", AUTHORITIES, ids=lambda a: a.name)
def test_every_official_name_and_code_finds_its_authority(authority):
    assert find_authority(authority.name) is authority
    assert find_authority(authority.code.lower()) is authority
    assert find_authority(f"London Borough of {authority.name}") is authority
    assert find_authority(f"  {authority.name.upper()} COUNCIL ") is authority


@pytest.mark.parametrize("text", ["", "London", "Surrey", "Greater London Authority", "E09000000", "E10000012"])
def test_other_places_are_not_authorities(text):
    assert find_authority(text) is None


@pytest.mark.parametrize("year, label", [(2016, "2016/17"), (2024, "2024/25"), (2099, "2099/00"), (2009, "2009/10")])
def test_financial_year_labels(year, label):
    assert financial_year_label(year) == label


def test_each_authority_has_a_readable_slug_for_file_names():
    """Download names use the authority's name ('hackney-2024-25-v2.xlsx'), never its ONS code."""
    slugs = {a.code: a.slug for a in AUTHORITIES}
    assert slugs["E09000012"] == "hackney"
    assert slugs["E09000021"] == "kingston-upon-thames"
    assert slugs["E09000001"] == "city-of-london"
    assert len(set(slugs.values())) == 33
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", s) for s in slugs.values())
