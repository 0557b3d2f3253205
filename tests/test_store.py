"""The versioned store (wayahead/store/returns.py): nothing is ever silently overwritten."""

from __future__ import annotations

import hashlib

import pytest
from builders import full_content, load, valid_bytes, with_answer
from hostile import renamed_csv
from sqlalchemy import func, select

from wayahead.intake.importing import check_returns
from wayahead.returns.template import template_bytes
from wayahead.store.returns import (
    StoreError,
    current_totals,
    data_version,
    history,
    original_file,
    restore_version,
    store_return,
    store_returns,
    version_content,
)
from wayahead.store.schema import SHEET_TABLES, audit_log, current_returns, files, metadata, return_versions

HACKNEY = "E09000012"


def _store(engine, data, by="ada@council.gov.uk"):
    return store_return(engine, load(data), data, by)


def _counts(engine):
    with engine.connect() as connection:
        return {t.name: connection.scalar(select(func.count()).select_from(t)) for t in metadata.sorted_tables}


def test_first_import_is_version_1_with_its_content(engine):
    data = valid_bytes()
    outcome = _store(engine, data)
    assert (outcome.status, outcome.borough, outcome.year, outcome.version) == ("stored", HACKNEY, 2024, 1)
    assert version_content(engine, HACKNEY, 2024).sheets == full_content()
    assert original_file(engine, hashlib.sha256(data).hexdigest()) == data


def test_identical_bytes_change_nothing(engine):
    data = valid_bytes()
    _store(engine, data)
    before = _counts(engine), data_version(engine)
    outcome = _store(engine, data)
    assert (outcome.status, outcome.version) == ("unchanged", 1)
    assert (_counts(engine), data_version(engine)) == before


def test_changed_file_becomes_version_2_and_version_1_is_kept(engine):
    first = valid_bytes()
    second = template_bytes(full_content(scale=2))
    _store(engine, first)
    version_before = data_version(engine)
    outcome = _store(engine, second)
    assert (outcome.status, outcome.version) == ("stored", 2)
    assert data_version(engine) != version_before
    assert version_content(engine, HACKNEY, 2024).sheets == full_content(scale=2)
    assert version_content(engine, HACKNEY, 2024, 1).sheets == full_content()
    assert version_content(engine, HACKNEY, 2024, 2).sheets == full_content(scale=2)
    assert [v["current"] for v in history(engine, HACKNEY, 2024)] == [False, True]


def test_restore_makes_a_new_version_equal_to_the_old_one(engine):
    _store(engine, valid_bytes())
    _store(engine, template_bytes(full_content(scale=2)))
    outcome = restore_version(engine, HACKNEY, 2024, 1, "admin@council.gov.uk")
    assert (outcome.status, outcome.version) == ("stored", 3)
    assert version_content(engine, HACKNEY, 2024).sheets == full_content()
    latest = history(engine, HACKNEY, 2024)[-1]
    assert (latest["version"], latest["action"], latest["restored_from"], latest["current"]) == (3, "restore", 1, True)
    assert latest["submitted_by"] == "admin@council.gov.uk"
    assert latest["sha256"] == history(engine, HACKNEY, 2024)[0]["sha256"]


def test_restoring_the_current_version_changes_nothing_and_unknown_version_fails(engine):
    _store(engine, valid_bytes())
    before = _counts(engine)
    assert restore_version(engine, HACKNEY, 2024, 1, "x").status == "unchanged"
    assert _counts(engine) == before
    with pytest.raises(StoreError, match="Hackney 2024/25 has no version 7"):
        restore_version(engine, HACKNEY, 2024, 7, "x")


def test_history_records_who_when_file_and_sha256(engine):
    first, second = valid_bytes(), template_bytes(full_content(scale=3))
    store_return(engine, load_named(first, "hackney-v1.xlsx"), first, "ada@council.gov.uk")
    store_return(engine, load_named(second, "hackney-v2.xlsx"), second, "bo@council.gov.uk")
    versions = history(engine, HACKNEY, 2024)
    assert [(v["version"], v["submitted_by"], v["file_name"], v["sha256"], v["action"]) for v in versions] == [
        (1, "ada@council.gov.uk", "hackney-v1.xlsx", hashlib.sha256(first).hexdigest(), "import"),
        (2, "bo@council.gov.uk", "hackney-v2.xlsx", hashlib.sha256(second).hexdigest(), "import"),
    ]
    assert versions[0]["submitted_at"] <= versions[1]["submitted_at"]
    assert all(v["submitted_at"] is not None for v in versions)


def load_named(data, name):
    from loaders import load_return

    return load_return(data, name)


def test_warnings_are_stored_with_the_version(engine):
    data, _ = with_answer("Leadership", "Portfolio title", None)
    _store(engine, data)
    [version] = history(engine, HACKNEY, 2024)
    assert [w["sheet"] for w in version["warnings"]] == ["Leadership"]
    assert version["warnings"][0]["message"].startswith("Leadership!B5")


@pytest.mark.parametrize("bad", ["invalid", "refused"])
def test_a_rejected_return_stores_nothing(engine, bad):
    _store(engine, valid_bytes())
    before = _counts(engine), data_version(engine)
    if bad == "invalid":
        data, _ = with_answer("Training", "Commissioning and procurement staff (headcount)", -4)
    else:
        data = renamed_csv()
    result = load(data)
    outcome = store_return(engine, result, data, "x")
    assert outcome.status == "rejected" and outcome.version is None
    assert (_counts(engine), data_version(engine)) == before


def test_rejected_outcome_still_names_borough_and_year(engine):
    data, _ = with_answer("Training", "Commissioning and procurement staff (headcount)", -4)
    outcome = store_return(engine, load(data), data, "x")
    assert (outcome.status, outcome.borough, outcome.year) == ("rejected", HACKNEY, 2024)


def test_each_sheet_table_holds_the_rows_of_the_version(engine):
    _store(engine, valid_bytes())
    with engine.connect() as connection:
        rows = {key: connection.scalar(select(func.count()).select_from(table)) for key, table in SHEET_TABLES.items()}
        assert connection.scalar(select(func.count()).select_from(files)) == 1
        assert connection.scalar(select(func.count()).select_from(current_returns)) == 1
        assert connection.scalar(select(return_versions.c.total_funding)) == pytest.approx(195000.5)
        assert "Hackney 2024/25 version 1" in connection.scalar(select(audit_log.c.detail))
    assert rows == {key: len(records) for key, records in full_content().items()}


def test_same_file_for_two_years_is_stored_once(engine):
    a = valid_bytes()
    b = template_bytes(full_content(year=2023))
    _store(engine, a)
    _store(engine, b)
    _store(engine, a)  # unchanged
    counts = _counts(engine)
    assert (counts["files"], counts["return_versions"], counts["current_returns"]) == (2, 2, 2)


def test_current_totals_read_the_current_version(engine):
    assert current_totals(engine) == {}
    _store(engine, valid_bytes())
    assert current_totals(engine) == {(HACKNEY, 2024): pytest.approx(195000.5)}
    _store(engine, template_bytes(full_content(scale=2)))
    assert current_totals(engine) == {(HACKNEY, 2024): pytest.approx(390001.0)}


def test_checking_compares_funding_with_the_stored_year_before(engine):
    _store(engine, valid_bytes())
    [warned] = check_returns(engine, [("hackney-2025.xlsx", template_bytes(full_content(year=2025, scale=4)))])
    assert [p.sheet for p in warned.warnings] == ["Funding"]


def test_checking_a_batch_compares_with_the_year_before_in_the_same_batch(engine):
    first, later, steady = (
        template_bytes(full_content(year=year, scale=scale)) for year, scale in ((2024, 1), (2025, 4), (2025, 1))
    )
    results = check_returns(engine, [("2024.xlsx", first), ("2025.xlsx", later)])
    assert [[p.sheet for p in r.warnings] for r in results] == [[], ["Funding"]]
    assert check_returns(engine, [("2024.xlsx", first), ("2025.xlsx", steady)])[1].warnings == []


def test_reading_an_unknown_return(engine):
    assert version_content(engine, HACKNEY, 2024) is None
    assert history(engine, HACKNEY, 2024) == []
    assert data_version(engine) == 0


def _stored_batch(engine, contents, by="ada@council.gov.uk"):
    files = [(template_bytes(content) if isinstance(content, dict) else content) for content in contents]
    return store_returns(engine, [(load(data), data) for data in files], by)


def test_a_batch_stores_each_return_as_its_own_version(engine):
    outcomes = _stored_batch(engine, [full_content(), full_content(borough="E09000001"), full_content(year=2023)])
    assert [(o.status, o.borough, o.year, o.version) for o in outcomes] == [
        ("stored", HACKNEY, 2024, 1),
        ("stored", "E09000001", 2024, 1),
        ("stored", HACKNEY, 2023, 1),
    ]
    assert version_content(engine, "E09000001", 2024).sheets == full_content(borough="E09000001")
    assert _counts(engine)["audit_log"] == 3


def test_the_same_return_twice_in_a_batch_becomes_versions_1_and_2_in_order(engine):
    outcomes = _stored_batch(engine, [full_content(), full_content(scale=2), full_content(scale=2)])
    assert [(o.status, o.version) for o in outcomes] == [("stored", 1), ("stored", 2), ("unchanged", 2)]
    assert [(v["version"], v["current"]) for v in history(engine, HACKNEY, 2024)] == [(1, False), (2, True)]
    assert version_content(engine, HACKNEY, 2024).sheets == full_content(scale=2)


def test_a_batch_continues_the_versions_already_stored_and_keeps_one_copy_of_a_file(engine):
    first = valid_bytes()
    _store(engine, first)
    outcomes = _stored_batch(engine, [full_content(scale=3), first])
    assert [(o.status, o.version) for o in outcomes] == [("stored", 2), ("stored", 3)]
    assert _counts(engine)["files"] == 2
    assert version_content(engine, HACKNEY, 2024).sheets == full_content()


def test_a_rejected_file_in_a_batch_stores_nothing_of_itself_and_the_rest_is_stored(engine):
    outcomes = _stored_batch(engine, [renamed_csv(), full_content()])
    assert [o.status for o in outcomes] == ["rejected", "stored"]
    assert _counts(engine)["return_versions"] == 1


def test_a_batch_that_fails_part_way_stores_nothing(engine, monkeypatch):
    import wayahead.store.returns as returns

    def failing_audit(*args, **kwargs):
        raise RuntimeError("disk full")

    real_execute = returns.Connection.execute

    def execute(self, statement, *args, **kwargs):
        if getattr(statement, "table", None) is audit_log:
            failing_audit()
        return real_execute(self, statement, *args, **kwargs)

    monkeypatch.setattr(returns.Connection, "execute", execute)
    with pytest.raises(RuntimeError, match="disk full"):
        _stored_batch(engine, [full_content(), full_content(borough="E09000001")])
    monkeypatch.undo()
    counts = _counts(engine)
    assert (counts["files"], counts["return_versions"], counts["current_returns"], counts["audit_log"]) == (0, 0, 0, 0)
    assert all(counts[table.name] == 0 for table in SHEET_TABLES.values())
