"""The returns tracker: received, received with warnings, or missing, per authority and year."""

from __future__ import annotations

from return_files import good_bytes, warning_bytes

from loaders.validate import load_return
from wayahead.figures.tracker import chase_summary, stored_years, to_chase, tracker_cells, tracker_grid, year_summary
from wayahead.store.returns import store_return


def _store(engine, data: bytes, name: str = "r.xlsx") -> None:
    outcome = store_return(engine, load_return(data, name), data, "ada@council.gov.uk")
    assert outcome.status == "stored"


def test_every_authority_and_year_has_a_cell_with_its_status(engine):
    _store(engine, good_bytes("E09000001", 2024))
    _store(engine, good_bytes("E09000001", 2024, amount=1200))
    _store(engine, warning_bytes("E09000002", 2024))
    _store(engine, good_bytes("E09000003", 2023))

    assert stored_years(engine) == [2023, 2024]
    cells = tracker_cells(engine, [2023, 2024])
    assert len(cells) == 66
    by_key = {(c.code, c.year): c for c in cells}
    assert by_key[("E09000001", 2024)].status == "received"
    assert by_key[("E09000001", 2024)].label.startswith("✓ v2 · ")
    assert by_key[("E09000002", 2024)].status == "warnings"
    assert by_key[("E09000002", 2024)].label.startswith("⚠ v1 · ")
    assert by_key[("E09000003", 2024)].label == "— missing"
    assert by_key[("E09000003", 2023)].status == "received"
    assert by_key[("E09000001", 2023)].status == "missing"


def test_grid_summary_and_chase_list(engine):
    _store(engine, good_bytes("E09000001", 2024))
    _store(engine, warning_bytes("E09000002", 2024))
    cells = tracker_cells(engine, [2024])

    grid = tracker_grid(cells)
    assert grid.shape == (33, 1)
    assert list(grid.columns) == ["2024/25"]
    assert grid.loc["City of London", "2024/25"].startswith("✓ v1")
    assert grid.loc["Westminster", "2024/25"] == "— missing"

    summary = year_summary(cells).iloc[0]
    assert summary["Returned"] == "2 of 33"
    assert (summary["✓ no warnings"], summary["⚠ with warnings"], summary["— missing"]) == (1, 1, 31)

    chase = to_chase(cells, 2024)
    assert len(chase) == 31 and "City of London" not in chase and chase == sorted(chase)


def test_the_grid_puts_the_newest_year_first(engine):
    _store(engine, good_bytes("E09000001", 2023))
    _store(engine, good_bytes("E09000001", 2025))
    grid = tracker_grid(tracker_cells(engine, [2023, 2024, 2025]))
    assert list(grid.columns) == ["2025/26", "2024/25", "2023/24"]  # the year being collected beside the names
    assert grid.loc["City of London"].str[0].tolist() == ["✓", "—", "✓"]


def test_no_years_no_cells(engine):
    assert stored_years(engine) == []
    assert tracker_cells(engine, []) == []
    assert tracker_grid([]).empty


def test_tracker_page_shows_the_grid_and_who_to_chase(engine, database_url, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    _store(engine, good_bytes("E09000001", 2024))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "pages/tracker.py"), default_timeout=60).run()
    assert not at.exception
    assert at.text[0].value.startswith("Barking and Dagenham, Barnet") and "City of London" not in at.text[0].value
    grid = at.dataframe[0].value
    assert grid.loc["City of London", "2024/25"].startswith("✓ v1 · ")


def test_the_chase_sentence_agrees_with_the_number_of_authorities():
    assert chase_summary(["Hackney"], 2024) == "1 of 33 authorities has no return for 2024/25:"
    assert chase_summary(["Barnet", "Hackney"], 2024) == "2 of 33 authorities have no return for 2024/25:"
    assert chase_summary([], 2024) == "All 33 authorities have returned 2024/25."
