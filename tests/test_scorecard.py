"""The recommendations scorecard: every recommendation measured by registry indicators, London's
figure and direction, how many authorities meet each rule; and one authority's own scorecard."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages_fixtures import HACKNEY, sample_database
from reading import with_figures_opened
from streamlit.testing.v1 import AppTest

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import indicator, indicator_by_authority
from wayahead.figures.scorecard import RECOMMENDATIONS, authority_scorecard, scorecard
from wayahead.store.engine import make_engine
from wayahead.ui.blocks import coverage_line
from wayahead.words.glossary import spell_out_first
from wayahead.words.scorecard import authority_scorecard_table, direction_words, scorecard_table

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('score') / 'sample.db'}"
    sample_database(url).dispose()
    return url


def test_every_measure_is_an_indicator_of_the_registry():
    for recommendation in RECOMMENDATIONS:
        assert recommendation.measures and recommendation.section.startswith("§")
        for measure in recommendation.measures:
            assert indicator(measure.key).key == measure.key


def test_the_count_meeting_a_rule_is_the_authorities_whose_own_figure_meets_it(url):
    engine = make_engine(url)
    filters = Filters(first_year=2016, last_year=2025)
    lines = {line.measure.key: line for line in scorecard(engine, filters)}
    own = indicator_by_authority(engine, "grant_share", filters, 2025)["value"].dropna()
    assert lines["grant_share"].meeting == int((own >= 0.5).sum()) and lines["grant_share"].answered == len(own)
    assert 0 < lines["cabinet_lead"].meeting <= lines["cabinet_lead"].answered <= 33
    earlier = {line.measure.key: line for line in scorecard(engine, Filters(first_year=2016, last_year=2024))}
    table = scorecard_table(list(earlier.values())).set_index("Measured by")
    assert table.loc["Grants published as open data (360Giving)", "Authorities meeting it"] == "not asked"
    assert table.loc["Grants published as open data (360Giving)", "Change on the year before"] == "not asked"
    # a version 2 question's first year: the year before did not ask it, said in words (never a dash, never "0 answered")
    first_asked = scorecard_table(list(lines.values())).set_index("Measured by")
    assert first_asked.loc["Grants published as open data (360Giving)", "Change on the year before"] == (
        "not asked in 2024/25, so nothing to compare"
    )
    open_data = lines["open_data"].headline
    assert open_data.previous_not_asked and open_data.previous_returned == 32 and open_data.previous_answered == 0
    assert "(not asked in 2024/25)" in coverage_line(open_data) and "0 answered" not in coverage_line(open_data)
    assert not lines["grant_share"].headline.previous_not_asked  # a version 1 question was asked every year
    pbr = lines["pbr_share"]  # in the sample it rises into 2025/26; the rule asks for less, so that is away from it
    assert pbr.headline.change > 0 and direction_words(pbr).endswith(": away from it")
    grants = lines["grant_share"]
    assert grants.headline.change > 0 and direction_words(grants).endswith(": the way the report asks")
    engine.dispose()


def test_the_scorecard_page_and_the_profile_show_the_recommendations(url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page(str(ROOT / "pages/scorecard.py"))
    at = at.run()
    assert not at.exception
    shown = [t.value for t in at.table]
    assert len(shown) == len(RECOMMENDATIONS)  # one table per recommendation, titled by it
    titles = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("**")]
    seen: set[str] = set()  # the page spells out each abbreviation where it first appears
    assert [t.strip("*") for t in titles] == [spell_out_first(r.title, seen) for r in RECOMMENDATIONS]
    assert shown[0]["London"].str.endswith("%").all()
    at.query_params["la"] = HACKNEY
    at.switch_page(str(ROOT / "pages/borough_profile.py"))
    at = at.run()
    assert not at.exception
    # worked out only when its section is opened: a click, or ?scorecard=true in a shared link
    assert "Hackney against the recommendations" in [e.label for e in at.expander]
    assert not [d for d in at.dataframe if "Meets it" in d.value.columns]
    at.query_params["scorecard"] = "true"
    at = with_figures_opened(at.run())
    own = next(d.value for d in at.dataframe if "Meets it" in d.value.columns)
    engine = make_engine(url)
    expected = authority_scorecard_table(
        authority_scorecard(engine, Filters(first_year=2016, last_year=2025), HACKNEY), "Hackney"
    )
    engine.dispose()
    assert own["Meets it"].tolist() == expected["Meets it"].tolist()
    assert set(own["Meets it"]) <= {"Yes", "No", "not known"} and "Yes" in set(own["Meets it"])
