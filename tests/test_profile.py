"""Borough profile figures against hand-computed values on the SMALL fixture (tests/pages_fixtures.py).

2024: Hackney (East) grants 200 of 400 (100 paid by results), trained 20 of 40, cabinet lead,
policy Embedded, infrastructure 80 of 200 from the council; Barnet (North) contracts 300 (none by
results), trained 0 of 10, cabinet lead, policy In development, infrastructure 50 of 100; Camden
(Central) no funding or infrastructure rows, trained 6 of 10, no cabinet lead, policy Adopted.
2023: Hackney grants 100 of 400, trained 10 of 40.
"""

from __future__ import annotations

import pytest
from pages_fixtures import HACKNEY, store_small

from wayahead.figures.filters import Filters
from wayahead.figures.profile import LONDON, area_filters, borough_profile

pytestmark = pytest.mark.db


@pytest.fixture(autouse=True)
def _figures_from_one_return(monkeypatch):
    """SMALL has 3 of London's 33 authorities: state figures from one return, not the usual 22."""
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")


@pytest.fixture
def profile(engine):
    return borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024))


def test_areas_compared_are_the_authority_its_sub_region_and_london():
    areas = area_filters(Filters(2023, 2024, authorities=(HACKNEY,), like_for_like=True))
    assert list(areas) == ["Hackney", "East London", LONDON]
    assert areas["Hackney"].codes() == [HACKNEY]
    assert areas["East London"].sub_regions == ("East",)
    assert len(areas[LONDON].codes()) == 33
    assert areas[LONDON].like_for_like and not areas["Hackney"].like_for_like


def test_latest_year_and_returned_years(profile):
    assert profile.year == 2024
    assert profile.returned_years == (2023, 2024)
    assert profile.sub_region_label == "East London"


def test_grant_share_against_east_and_london(profile):
    c = profile.comparison("grant_share")
    assert c.value == pytest.approx(200 / 400)
    assert c.previous == pytest.approx(100 / 400)
    assert c.sub_region == pytest.approx(0.5)
    assert c.london == pytest.approx(200 / 700)  # Hackney 200 of 400 + Barnet 0 of 300; Camden has no funding
    assert (c.rank, c.ranked) == (1, 2)


def test_payment_by_results_and_infrastructure(profile):
    pbr = profile.comparison("pbr_share")
    assert (pbr.value, pbr.london, pbr.rank) == (pytest.approx(0.5), pytest.approx(100 / 500), 1)
    infra = profile.comparison("infra_la_reliance")
    assert infra.value == pytest.approx(80 / 200)
    assert infra.london == pytest.approx(130 / 300)
    assert (infra.rank, infra.ranked) == (2, 2)


def test_yes_no_indicators_and_coverage(profile):
    lead = profile.comparison("cabinet_lead")
    assert lead.yes_no and lead.value == 1.0
    assert lead.london == pytest.approx(2 / 3) and lead.london_returned == 3
    assert lead.sub_region == 1.0 and lead.sub_region_returned == 1
    policy = profile.comparison("social_value")
    assert policy.value == 1.0 and policy.london == pytest.approx(2 / 3)


def test_training_rank_counts_only_authorities_with_a_figure(profile):
    c = profile.comparison("training_uptake")
    assert c.value == pytest.approx(0.5) and c.previous == pytest.approx(0.25)
    assert c.london == pytest.approx(26 / 60)
    assert (c.rank, c.ranked) == (2, 3)  # Camden 60% is higher


def test_trends_hold_every_indicator_area_and_year(profile):
    assert len(profile.trends) == 6 * 3 * 2
    hackney = profile.trends[(profile.trends["indicator"] == "grant_share") & (profile.trends["area"] == "Hackney")]
    assert hackney["value"].tolist() == pytest.approx([0.25, 0.5])


def test_an_authority_with_no_return_in_range_has_no_year(engine):
    profile = borough_profile(store_small(engine), "E09000007", Filters(2023, 2023))  # Camden returned 2024 only
    assert profile.year is None and profile.comparisons == ()
