"""Return version 2 on the pages: its questions answered for 2025/26 (the sample's version 2
year), "not asked" for earlier years, specialism cold spots and the good-practice library."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages_fixtures import HACKNEY, sample_database, store_content
from reading import in_section
from streamlit.testing.v1 import AppTest

from wayahead.figures.answers import answers_by_authority, specialism_cold_spots
from wayahead.figures.filters import Filters
from wayahead.returns.samples import sample_content
from wayahead.store.engine import make_engine

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('v2') / 'sample.db'}"
    engine = sample_database(url)
    practice = sample_content(HACKNEY, 2025)
    practice["good_practice"] = [
        {
            "title": '<b>Three-year</b> core grants =HYPERLINK("x")',
            "theme": "Funding",
            "what_changed": "Advice grants moved to three-year core funding.",
            "evidence": "Waiting times fell by a third.\nComplaints halved.",
            "link": "https://www.example.org.uk/grants",
            "contact_shared": True,
        }
    ]
    store_content(engine, HACKNEY, 2025, practice, "tests")
    engine.dispose()
    return url


ADDED = "Added in return version 2"  # a theme page's section of the questions version 2 added


def open_page(url: str, monkeypatch, page: str, query: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / f"pages/{page}.py"))
    return at.run()


def shown(at: AppTest) -> str:
    texts = [e.value for e in [*at.markdown, *at.caption, *at.subheader] if isinstance(e.value, str)]
    return "\n".join(texts).replace("\\", "")  # markdown escapes removed


def test_a_version_2_question_is_answered_for_2025_26_and_not_asked_before(url, monkeypatch):
    at = open_page(url, monkeypatch, "commissioning", {"section": ADDED})
    assert not at.exception
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Grants published as open data (360Giving)"].endswith("%")
    charts = [c.proto.alt for c in at.get("plotly_chart")]
    assert any(alt.startswith("Social prescribing service funded") for alt in charts)
    at = open_page(url, monkeypatch, "commissioning", {"to": "2024", "section": ADDED})
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Grants published as open data (360Giving)"] == "not asked"
    assert "Not asked in 2024/25: the question was added in return version 2" in shown(at)


def test_each_authority_s_answer_says_not_asked_for_a_version_1_return(url):
    engine = make_engine(url)
    filters = Filters(first_year=2016, last_year=2025)
    answers = answers_by_authority(engine, filters, "commissioning", "open_data", 2025).set_index("code")
    assert set(answers["answer"]) <= {"Yes", "No", "No return"}
    assert answers.loc["E09000020", "answer"] == "No return"  # Kensington and Chelsea sent none for 2025/26
    earlier = answers_by_authority(engine, filters, "commissioning", "open_data", 2024)
    assert set(earlier["answer"]) <= {"Not asked", "No return"} and "Not asked" in set(earlier["answer"])
    engine.dispose()


def test_specialism_cold_spots_name_the_authorities_with_no_organisation_offering_it(url):
    engine = make_engine(url)
    cold = specialism_cold_spots(engine, Filters(first_year=2025, last_year=2025), 2025).set_index("specialism")
    assert (cold["offered_in"] + cold["cold_spots"] == cold["answered"]).all()
    assert cold["answered"].max() > 20 and cold["cold_spots"].sum() > 0
    names = cold.loc[cold["cold_spots"].idxmax(), "cold_spot_names"].split(", ")
    assert len(names) == cold["cold_spots"].max()
    engine.dispose()


def test_the_infrastructure_page_shows_cold_spots_and_the_asset_policy(url, monkeypatch):
    at = open_page(url, monkeypatch, "infrastructure", {"section": ADDED})
    assert not at.exception
    assert "Specialism cold spots, 2025/26" in shown(at)
    at = in_section(at, "Community assets")
    assert "The organisations listed, 2025/26" in shown(at)
    listed = next(d.value for d in at.dataframe if "Register" in d.value.columns)
    assert listed["Register"].str.startswith("https://").all()
    assert "Community asset policy adopted" in {m.label for m in at.metric}


def test_the_good_practice_library_is_searchable_and_shows_text_as_text(url, monkeypatch):
    at = open_page(url, monkeypatch, "good_practice")
    assert not at.exception
    titles = [h.value.replace("\\", "") for h in at.main.header]  # each example under its own title, escapes removed
    assert '<b>Three-year</b> core grants =HYPERLINK("x")' in titles  # as typed, never as HTML
    assert len(titles) == 20 and "Showing 20 of 28 examples." in shown(at)  # 20 at a time
    contacts = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Contact: ")]
    assert len(contacts) == 1 and contacts[0].startswith("Contact: Sample generator")  # only where the return said so
    assert "Advice grants moved to three-year core funding." in shown(at)  # the whole description, not a cell's start
    assert "Waiting times fell by a third.  \nComplaints halved." in shown(at)  # its two lines kept
    button = at.get("link_button")[0].proto
    assert (button.label, button.url) == ("Open its web page (www.example.org.uk)", "https://www.example.org.uk/grants")
    at.main.button[0].click().run()  # "Show 8 more"
    assert len(at.main.header) == 28 and not at.main.button
    at.text_input[0].set_value("waiting times").run()
    assert [h.value.replace("\\", "") for h in at.main.header] == ['<b>Three-year</b> core grants =HYPERLINK("x")']
    assert "Hackney, 2025/26. Theme: Funding." in shown(at)
    at.selectbox(key="practice_theme").set_value("Training").run()
    assert any("No example matches" in i.value for i in at.info), (at.exception, [i.value for i in at.info])
    at.text_input[0].set_value("no such words anywhere").run()
    assert any("No example matches" in i.value for i in at.info)
    assert "1 of 1 example from Hackney" in shown(open_page(url, monkeypatch, "good_practice", {"la": HACKNEY}))


def test_the_export_says_not_asked_for_a_version_1_return_and_gives_each_return_s_version(url):
    from wayahead.output.exports import sheet_frame
    from wayahead.returns.spec import sheet

    engine = make_engine(url)
    label = sheet("commissioning").field("open_data").label
    before = sheet_frame(engine, sheet("commissioning"), years=[2024])
    after = sheet_frame(engine, sheet("commissioning"), years=[2025])
    assert set(before[label]) == {"not asked"} and set(after[label]) <= {"Yes", "No"}
    versions = sheet_frame(engine, sheet("about"), years=[2024, 2025])
    assert dict(zip(versions["Financial year"], versions["Return version"])) == {"2024/25": 1, "2025/26": 2}
    engine.dispose()
