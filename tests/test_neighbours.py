"""Nearest neighbours from published statistics (figures/neighbours.py): z-scores of population,
deprivation and density across London's 33, Euclidean distance, offered on the borough profile
as a one-click group with its method and sources; without all three, not offered. Every series
here is made up for the tests, not a published one."""

from __future__ import annotations

import datetime as dt

import pytest
from pages_fixtures import HACKNEY, store_content
from test_pages_money_notes import HACKNEY_2024, open_page

from wayahead.figures.neighbours import nearest_neighbours
from wayahead.returns.london import AUTHORITIES
from wayahead.store.reference import ReferenceValue, load_series
from wayahead.words.narrative import NO_NEAREST_NEIGHBOURS

CODES = [a.code for a in AUTHORITIES]
RELEASED = dt.date(2026, 6, 26)


def _load(engine, kind: str, value, year: int = 2024, codes=CODES) -> None:  # type: ignore[no-untyped-def]
    rows = [ReferenceValue(code, year, float(value(CODES.index(code)))) for code in codes]
    load_series(engine, kind, rows, f"test {kind} (not published)", RELEASED, "tests", "2" * 64)


def _load_all_three(engine) -> None:  # type: ignore[no-untyped-def]
    _load(engine, "population", lambda i: 100_000 + 10_000 * i)  # each the same order, so the nearest in
    _load(engine, "deprivation", lambda i: 10 + i, year=2019)  # the standard order are nearest
    _load(engine, "density", lambda i: 1_000 + 500 * i)


def test_the_nearest_are_the_most_alike_on_the_three_standardised_statistics(engine):
    _load_all_three(engine)
    found = nearest_neighbours(engine, CODES[10], 2024)
    assert found is not None
    assert set(found.codes[:2]) == {CODES[9], CODES[11]}  # one step away on all three
    assert set(found.codes[2:4]) == {CODES[8], CODES[12]}  # two steps
    assert found.codes[4] in (CODES[7], CODES[13])  # three steps: a tie
    assert CODES[10] not in found.codes
    assert [(m.kind, m.year) for m in found.measures] == [
        ("population", 2024),
        ("deprivation", 2019),
        ("density", 2024),
    ]
    assert nearest_neighbours(engine, CODES[0], 2024).codes == tuple(CODES[1:6])


def test_a_scale_change_in_one_statistic_does_not_change_the_neighbours(engine):
    _load_all_three(engine)
    before = nearest_neighbours(engine, CODES[20], 2024)
    _load(engine, "density", lambda i: 1_000_000 + 5_000_000 * i)  # z-scores: the same
    assert nearest_neighbours(engine, CODES[20], 2024).codes == before.codes


@pytest.mark.parametrize("missing", ["population", "deprivation", "density"])
def test_not_offered_unless_all_three_give_every_authority(engine, missing):
    for kind in ("population", "deprivation", "density"):
        if kind != missing:
            _load(engine, kind, lambda i: i + 1)
    assert nearest_neighbours(engine, HACKNEY, 2024) is None
    _load(engine, missing, lambda i: i + 1, codes=CODES[:-1])  # the City left out
    assert nearest_neighbours(engine, HACKNEY, 2024) is None


@pytest.fixture
def stored(engine, database_url, monkeypatch) -> str:
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")
    store_content(engine, HACKNEY, 2024, HACKNEY_2024)
    return database_url


def _captions(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.value.replace("\\", "") for c in at.caption]


def test_the_profile_offers_the_neighbours_as_a_group_in_one_click(stored, engine, monkeypatch):
    at = open_page(stored, monkeypatch, "borough_profile", query={"la": HACKNEY})
    assert NO_NEAREST_NEIGHBOURS in _captions(at) and not [b for b in at.button if "nearest" in b.label]
    _load_all_three(engine)
    at = open_page(stored, monkeypatch, "borough_profile", query={"la": HACKNEY})
    button = next(b for b in at.button if b.label == "Compare with its 5 nearest neighbours")
    method = next(c for c in _captions(at) if c.startswith("Nearest neighbours of Hackney: "))
    assert "Euclidean distance" in method and "z-scores" in method and "CIPFA" in method
    assert "deprivation 2019/20 (test deprivation (not published), released 26 June 2026)" in method
    at = button.click().run()
    assert not at.exception
    expected = nearest_neighbours(engine, HACKNEY, 2024).codes
    assert set(at.query_params["group"].split(",")) == set(expected)
    assert set(at.multiselect(key="profile_group").value) == set(expected)
