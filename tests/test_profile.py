"""Borough profile figures against hand-computed values on the SMALL fixture (tests/pages_fixtures.py).

2024: Hackney (East) grants 200 of 400 (100 paid by results), trained 20 of 40, cabinet lead,
policy Embedded, infrastructure 80 of 200 from the council; Barnet (North) contracts 300 (none by
results), trained 0 of 10, cabinet lead, policy In development, infrastructure 50 of 100; Camden
(Central) no funding or infrastructure rows, trained 6 of 10, no cabinet lead, policy Adopted.
2023: Hackney grants 100 of 400, trained 10 of 40.
Inner London (ONS) holds Hackney and Camden of the three; Barnet is Outer.
"""

from __future__ import annotations

import pytest
from pages_fixtures import BARNET, CAMDEN, HACKNEY, store_small

from wayahead.figures.filters import Filters
from wayahead.figures.profile import (
    GROUP_MOST,
    LONDON,
    area_filters,
    borough_profile,
    comparison_group,
    group_from_link,
    group_label,
)
from wayahead.returns.london import AUTHORITIES

CITY, WESTMINSTER = "E09000001", "E09000033"

pytestmark = pytest.mark.db


@pytest.fixture(autouse=True)
def _figures_from_one_return(monkeypatch):
    """SMALL has 3 of London's 33 authorities: state figures from one return, not the usual 22."""
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")


@pytest.fixture
def profile(engine):
    return borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024))


def test_areas_compared_are_the_authority_its_sub_region_inner_or_outer_and_london():
    areas = area_filters(Filters(2023, 2024, authorities=(HACKNEY,), like_for_like=True))
    assert list(areas) == ["Hackney", "East London", "Inner London", LONDON]
    assert areas["Hackney"].codes() == [HACKNEY]
    assert areas["East London"].sub_regions == ("East",)
    assert len(areas["Inner London"].codes()) == 14  # the ONS statistical definition
    assert len(areas[LONDON].codes()) == 33
    assert areas[LONDON].like_for_like and not areas["Hackney"].like_for_like
    assert list(area_filters(Filters(2023, 2024, authorities=(BARNET,))))[2] == "Outer London"


def test_the_readers_group_is_one_more_pooled_area():
    areas = area_filters(Filters(2023, 2024, authorities=(HACKNEY,)), (BARNET, CAMDEN))
    assert list(areas) == ["Hackney", "East London", "Inner London", LONDON, "Your group (2 authorities)"]
    assert areas["Your group (2 authorities)"].codes() == [BARNET, CAMDEN]
    assert group_label(1) == "Your group (1 authority)"


def test_a_group_is_other_known_authorities_at_most_ten_in_the_standard_order():
    assert comparison_group([CAMDEN, "nonsense", HACKNEY, BARNET, CAMDEN], HACKNEY) == (BARNET, CAMDEN)
    every = [a.code for a in AUTHORITIES]
    assert comparison_group(reversed(every), HACKNEY) == tuple(every[-GROUP_MOST:])  # the first ten given


@pytest.mark.parametrize(
    "value",
    ["", "²", "<script>alert(1)</script>", "E09000012", "x" * 5000, ",".join(["junk"] * 5000), "\x00", ["a", "b"]],
    ids=lambda v: repr(v)[:12],
)
def test_a_hostile_group_in_a_link_gives_no_group_and_a_few_plain_notes(value):
    reading = group_from_link({"group": value}, HACKNEY)
    assert reading.value == ()
    assert len(reading.notes) <= 4


def test_a_group_in_a_link_by_code_or_name_keeps_the_known_authorities():
    reading = group_from_link({"group": "E09000003,camden,E09999999,E09000012"}, HACKNEY)
    assert reading.value == (BARNET, CAMDEN)  # Hackney is the authority profiled: not in its own group
    assert reading.notes == (
        "The link's 'group' value 'E09999999' is not a London authority (ONS code or name); leaving it out.",
    )
    every = ",".join(a.code for a in AUTHORITIES)
    many = group_from_link({"group": every}, HACKNEY)
    assert len(many.value) == GROUP_MOST and many.notes[-1].startswith("The link's group has 32 authorities")


def test_latest_year_and_returned_years(profile):
    assert profile.year == 2024
    assert profile.returned_years == (2023, 2024)
    assert profile.sub_region_label == "East London"


def test_grant_share_against_east_inner_and_london(profile):
    c = profile.comparison("grant_share")
    assert c.value == pytest.approx(200 / 400)
    assert c.previous == pytest.approx(100 / 400)
    assert c.sub_region.value == pytest.approx(0.5)
    assert c.inner_outer.value == pytest.approx(0.5)  # Hackney 200 of 400; Camden has no funding
    assert (c.inner_outer.area, c.inner_outer.returned, c.inner_outer.in_scope) == ("Inner London", 2, 14)
    assert c.london.value == pytest.approx(200 / 700)  # Hackney 200 of 400 + Barnet 0 of 300; Camden has no funding
    assert c.group is None and [f.area for f in c.areas] == ["East London", "Inner London", LONDON]
    assert (c.rank, c.ranked) == (1, 2)


def test_the_group_is_pooled_over_those_that_returned_and_states_its_coverage(engine):
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024), (CAMDEN, BARNET, CITY, HACKNEY))
    assert profile.group == (CITY, BARNET, CAMDEN) and profile.group_label == "Your group (3 authorities)"
    training = profile.comparison("training_uptake")
    assert training.value == pytest.approx(0.5)  # Hackney's own, never pooled with the group
    assert training.group is not None
    assert training.group.value == pytest.approx(6 / 20)  # Barnet 0 of 10 + Camden 6 of 10; the City did not return
    assert (training.group.returned, training.group.in_scope, training.group.too_few) == (2, 3, False)
    assert profile.comparison("cabinet_lead").group.value == pytest.approx(1 / 2)
    group_trend = profile.trends[profile.trends["area"] == "Your group (3 authorities)"]
    assert len(group_trend) == 6 * 2 and group_trend["returned"].tolist()[:2] == [1, 2]  # 2023: Barnet only


def test_a_group_with_too_few_returns_states_no_figure(engine, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "0.67")  # 3 of a group of 4
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024), (BARNET, CAMDEN, CITY, WESTMINSTER))
    group = profile.comparison("training_uptake").group
    assert group is not None and group.too_few and group.value is None
    assert (group.returned, group.in_scope) == (2, 4)


def test_payment_by_results_and_infrastructure(profile):
    pbr = profile.comparison("pbr_share")
    assert (pbr.value, pbr.london.value, pbr.rank) == (pytest.approx(0.5), pytest.approx(100 / 500), 1)
    infra = profile.comparison("infra_la_reliance")
    assert infra.value == pytest.approx(80 / 200)
    assert infra.london.value == pytest.approx(130 / 300)
    assert (infra.rank, infra.ranked) == (2, 2)


def test_yes_no_indicators_and_coverage(profile):
    lead = profile.comparison("cabinet_lead")
    assert lead.yes_no and lead.value == 1.0
    assert lead.london.value == pytest.approx(2 / 3) and lead.london.returned == 3
    assert lead.sub_region.value == 1.0 and lead.sub_region.returned == 1
    assert lead.inner_outer.value == pytest.approx(1 / 2) and lead.inner_outer.returned == 2
    policy = profile.comparison("social_value")
    assert policy.value == 1.0 and policy.london.value == pytest.approx(2 / 3)


def test_training_rank_counts_only_authorities_with_a_figure(profile):
    c = profile.comparison("training_uptake")
    assert c.value == pytest.approx(0.5) and c.previous == pytest.approx(0.25)
    assert c.london.value == pytest.approx(26 / 60)
    assert c.inner_outer.value == pytest.approx(26 / 50)
    assert (c.rank, c.ranked) == (2, 3)  # Camden 60% is higher


def test_trends_hold_every_indicator_area_and_year(profile):
    assert len(profile.trends) == 6 * 4 * 2
    hackney = profile.trends[(profile.trends["indicator"] == "grant_share") & (profile.trends["area"] == "Hackney")]
    assert hackney["value"].tolist() == pytest.approx([0.25, 0.5])


def test_an_authority_with_no_return_in_range_has_no_year(engine):
    profile = borough_profile(store_small(engine), "E09000007", Filters(2023, 2023))  # Camden returned 2024 only
    assert profile.year is None and profile.comparisons == ()
