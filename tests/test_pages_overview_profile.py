"""The overview, the borough profile and meeting mode, run with AppTest on the sample data."""

from __future__ import annotations

import pytest
from pages_fixtures import CAMDEN, HACKNEY
from reading import as_read, with_figures_opened
from streamlit.testing.v1 import AppTest
from test_pages_themes import ROOT, figures, open_page, sample_url, select  # noqa: F401 (sample_url is a fixture)


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def paragraphs(at: AppTest) -> list[str]:
    """The page's markdown as read (the pages escape every markdown character)."""
    return [m.value.replace("\\", "") for m in at.markdown]


def captions(at: AppTest) -> list[str]:
    """The page's captions as read (escaped as the paragraphs are)."""
    return [c.value.replace("\\", "") for c in at.caption]


def test_overview_shows_six_headlines_map_and_returns_and_follows_the_filters(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "overview")
    assert not at.exception
    assert titles(at) == ["London at a glance, 2025/26"]
    assert len(at.metric) == 6 and all(value != "–" for _, value in figures(at))
    assert len(at.get("plotly_chart")) == 6 + 2  # sparklines, map, returns received
    assert any(p.startswith("London in 2025/26: 31 of 33 authorities returned.") for p in paragraphs(at))
    before = figures(at)
    at = select(at, "To", 2019)
    assert not at.exception
    assert titles(at) == ["London at a glance, 2019/20"]
    assert figures(at) != before


def test_overview_map_indicator_can_be_changed(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "overview")
    chosen = next(s for s in at.selectbox if s.label == "Indicator on the map")
    at = chosen.set_value("training_uptake").run()
    assert not at.exception
    assert any('"text":"Commissioning staff trained, 2025' in chart.proto.spec for chart in at.get("plotly_chart"))


def test_choosing_a_borough_under_the_map_opens_its_profile(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "overview")
    at = next(s for s in at.selectbox if s.label == "Open a borough profile").set_value(HACKNEY).run()
    assert not at.exception
    assert titles(at) == ["Hackney against East London, Inner London and London, 2025/26"]
    assert at.query_params["la"] == HACKNEY


def test_profile_from_a_shared_link(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "borough_profile", {"la": HACKNEY, "from": "2019", "to": "2024"})
    assert not at.exception
    assert titles(at) == ["Hackney against East London, Inner London and London, 2024/25"]
    assert len(at.get("plotly_chart")) == 6
    table = as_read(at.table[0])
    assert table.columns.tolist() == [
        "Indicator",
        "Hackney",
        "East London",
        "Inner London",
        "London",
        "Rank",
    ]
    assert any(c.startswith("Inner London is the 14 authorities of the ONS statistical") for c in captions(at))
    assert any(c.startswith("A statistical nearest-neighbour group ") for c in captions(at))
    assert any(
        p.startswith("Hackney (Inner London, East sub-region) returned for 6 of the 6 years") for p in paragraphs(at)
    )
    assert any(b.label == "Download this profile (PDF, one page)" for b in at.get("download_button"))


def test_the_group_picker_adds_a_pooled_column_and_a_trend_line_and_travels_in_the_link(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "borough_profile", {"la": HACKNEY})
    assert "group" not in at.query_params
    at = select(at, "Compare with your own group", [CAMDEN, "E09000001"])
    assert not at.exception
    table = as_read(at.table[0])
    assert table.columns.tolist()[-2:] == ["Your group (2 authorities)", "Rank"]
    assert all(cell.endswith(" of 2 returned)") for cell in table["Your group (2 authorities)"])
    assert at.query_params["group"] == f"{CAMDEN},E09000001"
    charts = at.get("plotly_chart")
    assert len(charts) == 6 and all('"name":"Your group (2 authorities)"' in chart.proto.spec for chart in charts)
    assert all(
        ": lines for Hackney, East London, Inner London, London, Your group (2 authorities). Hackney "
        in chart.proto.alt
        for chart in charts
    )
    assert any(
        p.startswith("Your group, chosen on this page (City of London and Camden), is pooled") for p in paragraphs(at)
    )
    at = select(at, "Compare with your own group", [])
    assert "group" not in at.query_params
    assert as_read(at.table[0]).columns.tolist()[-2] == "London"


def test_the_comparison_is_a_wrapping_table_every_column_in_view_with_its_downloads(sample_url, monkeypatch):
    """At 1280 wide (and on a phone) the seven columns fit: a plain table that wraps (ui.style), not a
    grid that scrolls its last column out of sight; the same figures are a click away as CSV and Excel."""
    at = open_page(
        sample_url, monkeypatch, "borough_profile", {"la": HACKNEY, "group": f"E09000001,{CAMDEN},E09000019"}
    )
    assert not at.exception
    shown = as_read(at.table[0])
    assert shown.columns.tolist() == [
        "Indicator",
        "Hackney",
        "East London",
        "Inner London",
        "London",
        "Your group (3 authorities)",
        "Rank",
    ]
    assert all(isinstance(cell, str) for cell in shown.to_numpy().ravel())  # values as shown, as text
    assert shown.equals(
        with_figures_opened(at).dataframe[0].value
    )  # the figures behind "Show the figures" are the table's
    assert max(len(str(c)) for c in shown.columns) <= len("Your group (3 authorities)")  # short headings
    labels = {b.proto.label: b.proto for b in at.get("download_button")}
    assert {"Download CSV", "Download Excel"} <= set(labels)
    stems = [b.proto.id for b in at.get("download_button")]
    assert any("hackney_comparison_2025" in str(k) for k in stems)
    assert any(
        c.endswith("Rank is its place among the authorities that returned: 1 is the highest.") for c in captions(at)
    )
    at.query_params["scorecard"] = "true"  # its own scorecard, opened
    scorecard = as_read(at.run().table[1])  # the scorecard too: its rule, Meets it and London in view
    assert scorecard.columns.tolist()[-3:] == ["Hackney", "Meets it", "London"]
    assert set(scorecard["Meets it"]) <= {"Yes", "No", "not known"}


def test_a_group_in_the_link_selects_the_group(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "borough_profile", {"la": HACKNEY, "group": f"{CAMDEN},Islington"})
    assert not at.exception
    assert next(m for m in at.multiselect if m.label == "Compare with your own group").value == [CAMDEN, "E09000019"]
    assert "Your group (2 authorities)" in as_read(at.table[0]).columns
    assert not at.info


@pytest.mark.parametrize(
    "group",
    ["²", "<img src=x onerror=alert(1)>", "9" * 5000, ",".join(["E0900"] * 3000), HACKNEY, "\x00", ["x", "y"]],
    ids=lambda v: repr(v)[:12],
)
def test_a_hostile_group_in_the_link_is_harmless(sample_url, monkeypatch, group):
    at = open_page(sample_url, monkeypatch, "borough_profile", {"la": HACKNEY, "group": group})
    assert not at.exception
    assert titles(at) == ["Hackney against East London, Inner London and London, 2025/26"]
    assert next(m for m in at.multiselect if m.label == "Compare with your own group").value == []
    assert as_read(at.table[0]).columns.tolist()[-2] == "London"
    assert len(at.info) <= 4 and all(
        i.value.replace("\\", "").startswith(("The link's", "3 more", "2997 more")) for i in at.info
    )


def test_profile_follows_the_authority_and_year_choices(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "borough_profile", {"la": HACKNEY})
    before = as_read(at.table[0])
    at = select(at, "To", 2019)
    assert titles(at) == ["Hackney against East London, Inner London and London, 2019/20"]
    assert not as_read(at.table[0]).equals(before)
    at = select(at, "Authority", "E09000003")
    assert not at.exception
    assert titles(at) == ["Barnet against North London, Outer London and London, 2019/20"]


def test_profile_explains_a_year_with_no_return(sample_url, monkeypatch):
    # Bexley has no sample return for 2019/20 or 2020/21.
    at = open_page(sample_url, monkeypatch, "borough_profile", {"la": "E09000004", "from": "2019", "to": "2020"})
    assert not at.exception
    assert any("Bexley has no return for 2019/20 to 2020/21" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_one_authoritys_yes_no_line_is_labelled_yes_or_no_never_a_share(sample_url, monkeypatch):
    """A cabinet member reads 'Hackney: Yes' at the end of its line, beside London's share."""
    at = open_page(sample_url, monkeypatch, "borough_profile", {"la": HACKNEY})
    lead = next(c.proto.spec for c in at.get("plotly_chart") if '"Authorities with a VCS cabinet lead"' in c.proto.spec)
    assert '"text":"Hackney: Yes"' in lead and '"text":"Hackney: 100%"' not in lead
    assert '"text":"London: 94%"' in lead
    at = open_page(sample_url, monkeypatch, "overview", {"meeting": "1", "step": "3", "la": HACKNEY})
    assert not at.exception
    shown = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    assert '"text":"Hackney: Yes"' in shown and '"text":"Hackney: 100%"' not in shown


def test_meeting_mode_steps_through_the_indicators(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "overview", {"meeting": "1"})
    assert not at.exception
    assert titles(at)[0].startswith("Grant share of funding: ")
    assert not [t for t in at.sidebar.toggle if t.label == "Meeting mode"]
    previous = next(b for b in at.button if b.label == "◀ Previous")
    assert previous.disabled
    at = next(b for b in at.button if b.label == "Next ▶").click().run()
    assert at.query_params["step"] == "2"
    assert titles(at)[0].startswith("Payment by results share of contracts: ")
    at = next(b for b in at.button if b.label == "Exit meeting mode").click().run()
    assert "meeting" not in at.query_params
    assert titles(at) == ["London at a glance, 2025/26"]


def test_meeting_mode_link_to_a_step_and_a_step_out_of_range(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "overview", {"meeting": "1", "step": "6"})
    assert titles(at)[0].startswith("Infrastructure reliance on council money: ")
    assert next(b for b in at.button if b.label == "Next ▶").disabled
    at = open_page(sample_url, monkeypatch, "overview", {"meeting": "1", "step": "99"})
    assert titles(at)[0].startswith("Infrastructure reliance on council money: ")


def test_the_meeting_toggle_opens_the_overview_in_meeting_mode(sample_url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", sample_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()  # AppTest drops the entry
    # point's sidebar after switch_page, so this starts on the front page (the browser test starts elsewhere).
    at = next(t for t in at.sidebar.toggle if t.label == "Meeting mode").set_value(True).run()
    assert not at.exception
    assert at.query_params["meeting"] == "1"
    assert titles(at)[0].startswith("Grant share of funding: ")


def test_empty_database_explains_itself(engine, database_url, monkeypatch):
    for page in ("overview", "borough_profile"):
        at = open_page(database_url, monkeypatch, page)
        assert not at.exception
        assert any("No returns have been published yet" in i.value for i in at.info)


@pytest.mark.parametrize(
    "step", ["²", "-1", "1e9", "9" * 5000, "<b>2</b>", "\x00", ["2", "3"]], ids=lambda v: repr(v)[:12]
)
def test_meeting_mode_with_a_hostile_step_opens_the_first_screen_with_a_note(sample_url, monkeypatch, step):
    at = open_page(sample_url, monkeypatch, "overview", {"meeting": "1", "step": step})
    assert not at.exception
    assert titles(at)[0].startswith("Grant share of funding: ")
    notes = [i.value.replace("\\", "") for i in at.info]
    assert len(notes) == 1 and notes[0].startswith("The link's 'step' value ")
    assert notes[0].endswith(" is not a screen number from 1 to 6; showing screen 1 of 6 instead.")


def test_a_hostile_meeting_flag_opens_the_usual_overview_with_a_note(sample_url, monkeypatch):
    at = open_page(sample_url, monkeypatch, "overview", {"meeting": "²", "step": "²"})
    assert not at.exception
    assert titles(at) == ["London at a glance, 2025/26"]
    assert [i.value.replace("\\", "") for i in at.info] == [
        "The link's 'meeting' value '²' is not 1 or 0 (meeting mode on or off); showing the dashboard without meeting "
        "mode instead."
    ]
