"""Who does what: every Yes/No and choice question authority by authority, and the question
builder (up to three conditions together), on the sample data."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages_fixtures import sample_database
from streamlit.testing.v1 import AppTest

from wayahead.figures.answers import answers_by_authority, matching_authorities, questions
from wayahead.figures.filters import Filters
from wayahead.returns.spec import sheet
from wayahead.store.engine import make_engine

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('who') / 'sample.db'}"
    sample_database(url).dispose()
    return url


def test_every_question_of_both_versions_can_be_asked_and_the_builder_takes_yes_no_and_choices():
    keys = {f for _, f in questions()}
    assert {"cabinet_lead", "vcs_strategy", "open_data", "asset_policy", "committed", "strategy_reviewed"} <= keys
    assert not {"completed_by", "email", "notes"} & keys  # personal data and the About sheet stay out
    for s, f in questions(scale_only=True):
        assert sheet(s).layout == "fields" and sheet(s).field(f).kind.value in ("yes/no", "choice")
    assert "committed" not in {f for _, f in questions(scale_only=True)}


def test_a_money_question_shows_each_authority_s_figure(url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.query_params["q"] = "social_value.committed"
    at.switch_page(str(ROOT / "pages/who_does_what.py"))
    at = at.run()
    assert not at.exception
    [chart] = [c for c in at.get("plotly_chart") if c.proto.alt.startswith("Social value committed by suppliers")]
    assert ("£" in chart.proto.spec or "\\u00a3" in chart.proto.spec) and "authorities answered" in chart.proto.alt
    assert "not answered" in chart.proto.alt  # a blank is counted as such, never as £0


def test_a_lead_but_no_strategy_is_the_authorities_meeting_both_answers(url):
    engine = make_engine(url)
    filters = Filters(first_year=2016, last_year=2025)
    lead = answers_by_authority(engine, filters, "leadership", "cabinet_lead", 2025).set_index("code")["answer"]
    strategy = answers_by_authority(engine, filters, "leadership", "vcs_strategy", 2025).set_index("code")["answer"]
    expected = sorted(c for c in lead.index if lead[c] == "Yes" and strategy[c] == "No")
    found = matching_authorities(
        engine, filters, 2025, [("leadership", "cabinet_lead", "Yes"), ("leadership", "vcs_strategy", "No")]
    )
    assert sorted(found["code"]) == expected and expected  # the sample has some
    assert set(found["Cabinet member with responsibility for the VCS"]) == {"Yes"}
    engine.dispose()


def test_the_page_shows_one_question_and_combines_conditions(url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.query_params["q"] = "leadership.cabinet_lead"
    at.switch_page(str(ROOT / "pages/who_does_what.py"))
    at = at.run()
    assert not at.exception
    assert at.selectbox(key="who_question").value == ("leadership", "cabinet_lead")
    # the options say "VCS": the list's help spells it out, as a page does where it first appears
    assert "VCS: voluntary and community sector." in at.selectbox(key="who_question").help
    assert any(
        c.proto.alt.startswith("Cabinet member with responsibility for the VCS, 2025/26")
        for c in at.get("plotly_chart")
    )
    at.selectbox(key="who_condition_0").set_value(("leadership", "cabinet_lead")).run()
    at.selectbox(key="who_answer_0").set_value("Yes").run()
    at.selectbox(key="who_condition_1").set_value(("leadership", "vcs_strategy")).run()
    at = at.selectbox(key="who_answer_1").set_value("No").run()
    shown = [m.value.replace("\\", "") for m in at.markdown]  # markdown escapes removed
    line = next(m for m in shown if " of 33 authorities: " in m)
    engine = make_engine(url)
    found = matching_authorities(
        engine,
        Filters(first_year=2016, last_year=2025),
        2025,
        [("leadership", "cabinet_lead", "Yes"), ("leadership", "vcs_strategy", "No")],
    )
    engine.dispose()
    assert line.startswith(f"{len(found)} of 33 authorities: 'Leadership › Cabinet member")
    assert all(name in line for name in found["name"])


def test_a_london_share_of_one_question_links_to_who_answered_what(url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page(str(ROOT / "pages/leadership.py"))
    at = at.run()
    links = [link.proto for link in at.get("page_link") if link.proto.label.startswith("Who answered what")]
    assert any("q=leadership.cabinet_lead" in (link.query_string or link.page) for link in links), links
