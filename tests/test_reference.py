"""Published statistics the operator loads (wayahead/store/reference.py): a reload is a new
current series and the old one stays; every load is audited; a refusal stores nothing. The
figures below are made up for the tests, not published statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from wayahead.store.audit import audit_entries
from wayahead.store.reference import ReferenceValue, current_series, load_series, series_history
from wayahead.store.schema import reference_series, reference_values

RELEASED = dt.date(2026, 3, 31)
TEST_DEFLATOR = [ReferenceValue(None, 2023, 90.0), ReferenceValue(None, 2024, 95.0), ReferenceValue(None, 2025, 100.0)]


def _count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table))


def test_a_series_is_stored_with_its_source_and_release_and_audited(engine):
    loaded = load_series(engine, "deflator", TEST_DEFLATOR, "  Test   index  ", RELEASED, "ada", "ab" * 32)
    assert (loaded.kind, loaded.source, loaded.released, loaded.values, loaded.current) == (
        "deflator",
        "Test index",
        RELEASED,
        3,
        True,
    )
    current = current_series(engine, "deflator")
    assert current is not None and current.values == {(None, 2023): 90.0, (None, 2024): 95.0, (None, 2025): 100.0}
    assert current_series(engine, "population") is None
    entry = audit_entries(engine).iloc[0]
    assert (
        entry["Action"] == "reference load"
        and "deflator: 3 values from Test index, released 2026-03-31" in entry["Detail"]
    )


def test_a_reload_replaces_the_current_series_and_keeps_the_old_one(engine):
    load_series(engine, "deflator", TEST_DEFLATOR, "First", RELEASED, "ada", "a" * 64)
    load_series(engine, "deflator", [ReferenceValue(None, 2025, 100.0)], "Second", RELEASED, "bo", "b" * 64)
    assert current_series(engine, "deflator").values == {(None, 2025): 100.0}
    history = series_history(engine)
    assert [(s.source, s.current, s.values) for s in history] == [("Second", True, 1), ("First", False, 3)]
    assert _count(engine, reference_values) == 4


@pytest.mark.parametrize(
    ("kind", "values", "source"),
    [
        ("prices", TEST_DEFLATOR, "Test"),
        ("deflator", TEST_DEFLATOR, "   "),
        ("deflator", [], "Test"),
        ("deflator", [ReferenceValue(None, 2025, float("nan"))], "Test"),
    ],
)
def test_a_refused_load_stores_nothing(engine, kind, values, source):
    with pytest.raises(ValueError):
        load_series(engine, kind, values, source, RELEASED, "ada", "a" * 64)
    assert _count(engine, reference_series) == 0 and _count(engine, reference_values) == 0
