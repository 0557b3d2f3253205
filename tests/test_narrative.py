"""Generated text: checked word for word against hand-computed figures on the SMALL fixture."""

from __future__ import annotations

import pandas as pd
import pytest
from pages_fixtures import BARNET, CAMDEN, HACKNEY, store_small

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import headline_indicators, indicator
from wayahead.figures.metrics.headline import Headline, headline
from wayahead.figures.profile import AreaFigure, borough_profile
from wayahead.words.narrative import (
    area_text,
    authority_value_text,
    borough_narrative,
    change_text,
    comparison_note,
    comparison_table,
    direction,
    headline_change_text,
    headline_title,
    map_finding,
    ordinal,
    overview_summary,
    side_by_side_summary,
    trend_finding,
)

GRANTS = indicator("grant_share")
LEAD = indicator("cabinet_lead")


@pytest.fixture(autouse=True)
def _figures_from_one_return(monkeypatch):
    """SMALL has 3 of London's 33 authorities: state figures from one return, not the usual 22."""
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")


@pytest.mark.db
def test_borough_narrative_states_each_comparison(engine):
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024))
    text = borough_narrative(profile)
    assert text[0] == (
        "Hackney (Inner London, East sub-region) returned for 2 of the 2 years from 2023/24 to "
        "2024/25; the figures below are for 2024/25, its latest return in that range."
    )
    assert text[1] == (
        "Grant share of funding: 50%, in line with East London (50%) and Inner London (50%) and above London (29%); "
        "the highest of 2 authorities; up 25 points on 2023/24."
    )
    assert text[3] == (
        "Hackney has a cabinet member responsible for the VCS; across London 67% of authorities "
        "that returned do (East London: 100%; Inner London: 50%)."
    )
    assert text[5] == (
        "Commissioning staff trained: 50%, in line with East London (50%), below Inner London (52%) and above "
        "London (43%); 2nd highest of 3 authorities; up 25 points on 2023/24."
    )
    table = comparison_table(profile)
    assert table.columns.tolist() == [
        "Indicator",
        "Hackney",
        "East London",
        "Inner London",
        "London",
        "Rank",
    ]
    assert table.iloc[0].tolist() == ["Grant share of funding", "50%", "50%", "50%", "29%", "1 of 2"]
    assert table.iloc[2].tolist() == ["Authorities with a VCS cabinet lead", "Yes", "100%", "50%", "67%", ""]
    assert comparison_note(profile) == (
        "Inner London is the 14 authorities of the ONS statistical definition of Inner and Outer London. "
        "East London, Inner London and London are pooled figures over the authorities in them that returned; "
        "Hackney's column is its own return. Rank is its place among the authorities that returned: 1 is the highest."
    )


@pytest.mark.db
def test_the_readers_group_is_a_labelled_pooled_column_with_its_coverage(engine):
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024), (CAMDEN, BARNET, "E09000001"))
    text = borough_narrative(profile)
    assert text[1] == (
        "Your group, chosen on this page (City of London, Barnet and Camden), is pooled: its figures are over "
        "those of them that returned, as London's are, and are never added into Hackney's own."
    )
    assert text[6].endswith(
        "2nd highest of 3 authorities; up 25 points on 2023/24; your group (3 authorities), "
        "pooled: 30% (2 of 3 returned)."
    )
    assert text[4].endswith(
        "(East London: 100%; Inner London: 50%); your group (3 authorities), pooled: 50% (2 of 3 returned)."
    )
    table = comparison_table(profile)
    assert table.columns.tolist()[-2:] == ["Your group (3 authorities)", "Rank"]
    assert table.iloc[4].tolist() == [
        "Commissioning staff trained",
        "50%",
        "50%",
        "52%",
        "43%",
        "30% (2 of 3 returned)",
        "2 of 3",
    ]
    assert "London and your group (3 authorities) are pooled figures" in comparison_note(profile)


def test_an_area_with_too_few_returns_says_so_instead_of_a_figure(monkeypatch):
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "0.67")
    few = AreaFigure("Your group (4 authorities)", None, 2, 4, 2)
    assert area_text(GRANTS, few) == "too few returns"
    assert area_text(GRANTS, few, coverage=True) == "too few returns (2 of 4 returned)"
    assert area_text(GRANTS, AreaFigure("Your group (4 authorities)", 0.25, 3, 4, 3), coverage=True) == (
        "25% (3 of 4 returned)"
    )
    blanks = AreaFigure("Your group (4 authorities)", None, 4, 4, 2)  # two left the question blank
    assert area_text(GRANTS, blanks, coverage=True) == "too few answers (4 of 4 returned)"


@pytest.mark.db
def test_no_return_in_range_says_so(engine):
    profile = borough_profile(store_small(engine), "E09000007", Filters(2023, 2023))
    assert borough_narrative(profile) == ["Camden has no return for 2023/24, so there is nothing to compare yet."]


@pytest.mark.db
def test_overview_summary_and_titles_from_headlines(engine):
    store_small(engine)
    items = [headline(engine, i.key, Filters(2023, 2024)) for i in headline_indicators()]
    # Grant share: 2024 (200 + 0) / (400 + 300); 2023 (100 + 50) / (400 + 50): down 5 points.
    assert headline_title(items[0]) == "Grant share of funding: 29% in 2024/25, down 5 points on 2023/24"
    summary = overview_summary(items, "London")
    assert summary.startswith(
        "London in 2024/25: 3 of 33 authorities returned. Grant share of funding: 29% (down 5 points; 2 of 33 answered)."
    )
    # 2 of 3; the change is like-for-like: Hackney and Barnet, 2 of 2 against 1 of 2
    assert "Authorities with a VCS cabinet lead: 67% (up 50 points)." in summary
    # which it says: 67% less 2023/24's 50% would be 17 points
    assert summary.endswith(
        "Changes are on the year before, counting only the authorities that returned in both years."
    )


def test_nothing_returned_yet():
    nothing = Headline(GRANTS, 2024, None, None, 0, 0, False, 33)
    assert overview_summary([nothing], "London") == (
        "No returns have been received for London for 2024/25 yet, so there are no figures to show."
    )


def one(value: float | None, previous: float | None, area: str = "Hackney") -> Headline:
    """One authority's headline for the cabinet lead in 2024/25: it returned both years."""
    answered = int(value is not None)
    return Headline(LEAD, 2024, value, previous, 1, 1, False, 1, answered, 1, area, value)


def test_one_authoritys_yes_or_no_headline_is_its_answer_not_a_share():
    yes = one(1.0, 0.0)
    assert headline_title(yes) == "Authorities with a VCS cabinet lead, Hackney: Yes in 2024/25, was No in 2023/24"
    assert headline_title(one(0.0, 0.0)) == (
        "Authorities with a VCS cabinet lead, Hackney: No in 2024/25, no change on 2023/24"
    )
    assert headline_title(one(None, 1.0)) == "Authorities with a VCS cabinet lead, Hackney: not answered in 2024/25"
    assert headline_change_text(yes) == "was No in 2023/24"  # the tile's delta: not 'up 100 points'
    summary = overview_summary([yes], "Hackney")
    assert "Authorities with a VCS cabinet lead: Yes (was No in 2023/24)." in summary and "100%" not in summary
    series = pd.DataFrame({"year": [2016, 2024], "value": [0.0, 1.0]})
    assert trend_finding(LEAD, series, one_authority=True) == "From No in 2016/17 to Yes in 2024/25"
    london = Headline(LEAD, 2024, 0.94, 0.9, 31, 31, False, 33, 31, 31, "London", 0.94)
    assert side_by_side_summary([[yes, one(None, None, "Camden"), london]], "Hackney and Camden") == (
        "Hackney and Camden, 2024/25: each authority's own figures, with London for reference. "
        "Authorities with a VCS cabinet lead: Hackney Yes, Camden not answered; London 94%."
    )


def test_change_words_and_direction_follow_the_shown_precision():
    assert change_text(GRANTS, 0.034) == "up 3 points"
    assert change_text(GRANTS, -0.01) == "down 1 point"
    assert change_text(GRANTS, 0.004) == "no change"
    assert change_text(GRANTS, None) == ""
    assert [direction(GRANTS, c) for c in (0.05, -0.05, 0.004, None)] == ["up", "down", "off", "off"]


def test_yes_no_and_ordinals():
    assert authority_value_text(LEAD, 1.0) == "Yes"
    assert authority_value_text(LEAD, 0.0) == "No"
    assert authority_value_text(LEAD, None) == "–"
    assert authority_value_text(GRANTS, 0.5) == "50%"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
    ]


def test_map_and_trend_findings():
    frame = pd.DataFrame({"code": ["a", "b", "c"], "name": ["Barnet", "Hackney", "Camden"], "value": [0.2, 0.8, None]})
    assert map_finding(GRANTS, frame) == "Highest Hackney (80%), lowest Barnet (20%)"
    assert (
        map_finding(LEAD, frame.assign(value=[1.0, 0.0, None]))
        == "Yes in 1 of the 2 authorities that returned; No: Hackney"
    )
    assert map_finding(GRANTS, frame.iloc[:1]) == "Only Barnet returned (20%)"
    assert map_finding(GRANTS, frame.iloc[2:]) == "No authority has returned for this year"
    series = pd.DataFrame({"year": [2022, 2023, 2024], "value": [None, 0.5, 0.25]})
    assert trend_finding(GRANTS, series) == "From 50% in 2023/24 to 25% in 2024/25"


@pytest.mark.parametrize("change", [float("inf"), float("-inf"), float("nan"), 1.7e308])
@pytest.mark.parametrize("indicator", headline_indicators(), ids=lambda i: i.key)
def test_a_change_that_is_no_finite_figure_is_not_described(indicator, change):
    """Issue 11: a total of infinity once made the pages fail; such a change has no words
    (and a share changing by 1.7e308 is infinite in points)."""
    if change == 1.7e308 and indicator.unit != "share":
        assert change_text(indicator, change).startswith("up ")
    else:
        assert change_text(indicator, change) == ""
        assert direction(indicator, change) == "off"
