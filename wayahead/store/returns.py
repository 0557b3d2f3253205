"""Storing returns with full history: every import (one file, or the batch of one command) is
one transaction, and each return in it a new version.

Nothing is overwritten: a re-submission for the same authority and year becomes version N+1,
a restore copies an earlier version forward as a new version, and a byte-identical
re-import of the current version changes nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Literal, TypeVar

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from loaders.gc_pause import gc_paused
from loaders.problems import printable
from loaders.validate import LoadResult
from wayahead.logs import event, pseudonym
from wayahead.returns.data import ReturnData
from wayahead.returns.london import BY_CODE, financial_year_label
from wayahead.returns.samples import SUBMITTED_BY
from wayahead.returns.spec import SHEETS
from wayahead.store.audit import now
from wayahead.store.bulk import insert_many
from wayahead.store.schema import SHEET_TABLES, audit_log, current_returns, files, return_versions

Status = Literal["stored", "unchanged", "rejected"]
RETRIES = 5
LOG = logging.getLogger("wayahead.intake")


class StoreError(Exception):
    """A request the store cannot carry out (unknown version, nothing to restore)."""


@dataclass(frozen=True)
class StoreOutcome:
    status: Status
    borough: str | None
    year: int | None
    version: int | None


Written = TypeVar("Written")


def _write(engine: Engine, work: Callable[[Connection], Written]) -> Written:
    """Run `work(connection)` in one writing transaction, retrying a lost race for a version number."""
    for attempt in range(RETRIES):
        try:
            with engine.connect().execution_options(writer=True) as connection, connection.begin():
                return work(connection)
        except (IntegrityError, OperationalError):
            if attempt == RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def store_return(engine: Engine, result: LoadResult, file_bytes: bytes, submitted_by: str) -> StoreOutcome:
    """Store a validated return as a new version (all of it or nothing); refuses invalid ones."""
    return store_returns(engine, [(result, file_bytes)], submitted_by)[0]


def store_returns(engine: Engine, files: Sequence[tuple[LoadResult, bytes]], submitted_by: str) -> list[StoreOutcome]:
    """Store validated returns in one transaction, each as a new version: all of them or none.
    An invalid one is 'rejected' (nothing of it stored); a byte-identical copy of the current
    version is 'unchanged'. The same authority and year twice become two versions, in order."""
    valid = [(result, content) for result, content in files if result.valid and result.data is not None]
    if not valid:
        return [StoreOutcome("rejected", result.borough, result.year, None) for result, _ in files]

    def work(connection: Connection) -> list[StoreOutcome]:
        keys = {(r.data.borough, r.data.year) for r, _ in valid if r.data}
        current = _current_files(connection, keys)
        replaced = set(current)
        latest = _latest_versions(connection, keys)
        stored_files = _stored_files(connection, {r.sha256 for r, _ in valid})
        outcomes, versions, new_files = [], [], {}
        for result, content in files:
            data = result.data
            if not result.valid or data is None:
                outcomes.append(StoreOutcome("rejected", result.borough, result.year, None))
                continue
            key = (data.borough, data.year)
            if key in current and current[key][0] == result.sha256:
                outcomes.append(StoreOutcome("unchanged", data.borough, data.year, current[key][1]))
                continue
            version = latest[key] = latest.get(key, 0) + 1
            current[key] = (result.sha256, version)
            if result.sha256 not in stored_files:
                new_files[result.sha256] = content
                stored_files.add(result.sha256)
            versions.append(
                _NewVersion(
                    data,
                    version,
                    result.sha256,
                    printable(result.file_name),
                    "import",
                    None,
                    [p.as_dict() for p in result.warnings],
                )
            )
            outcomes.append(StoreOutcome("stored", data.borough, data.year, version))
        _keep_files(connection, new_files)
        _write_versions(connection, versions, submitted_by, replaced)
        return outcomes

    with gc_paused():
        outcomes = _write(engine, work)
    for (result, _), outcome in zip(files, outcomes):
        if outcome.status != "rejected":  # a refusal was logged when the file was checked
            event(
                LOG,
                f"import.{outcome.status}",
                code=outcome.borough,
                year=outcome.year,
                version=outcome.version,
                sha256=result.sha256,
                by=pseudonym(submitted_by),
            )
    return outcomes


def restore_version(engine: Engine, borough: str, year: int, version: int, by: str) -> StoreOutcome:
    """Make an earlier version current again by copying it forward as a new version."""

    def work(connection: Connection) -> StoreOutcome:
        old = (
            connection.execute(
                select(return_versions).where(
                    return_versions.c.borough == borough,
                    return_versions.c.year == year,
                    return_versions.c.version == version,
                )
            )
            .mappings()
            .first()
        )
        if old is None:
            raise StoreError(f"{_describe(borough, year)} has no version {version}.")
        current = _current(connection, borough, year)
        if current is not None and current["id"] == old["id"]:
            return StoreOutcome("unchanged", borough, year, version)
        new_version = _latest_versions(connection, {(borough, year)}).get((borough, year), 0) + 1
        data = ReturnData(borough, year, read_sheets(connection, old["id"]))
        restored = _NewVersion(data, new_version, old["sha256"], old["file_name"], "restore", version, old["warnings"])
        _write_versions(connection, [restored], by, {(borough, year)})
        return StoreOutcome("stored", borough, year, new_version)

    outcome: StoreOutcome = _write(engine, work)
    if outcome.status == "stored":
        event(
            LOG,
            "import.restored",
            code=borough,
            year=year,
            version=outcome.version,
            restored_from=version,
            by=pseudonym(by),
        )
    return outcome


@dataclass(frozen=True)
class _NewVersion:
    """A version about to be written: its content and where it came from."""

    data: ReturnData
    version: int
    sha256: str
    file_name: str
    action: Literal["import", "restore"]
    restored_from: int | None
    warnings: list[dict[str, Any]]

    def audit_detail(self) -> str:
        what = _describe(self.data.borough, self.data.year)
        if self.action == "restore":
            return f"{what} version {self.restored_from} restored as version {self.version}"
        return f"{what} version {self.version} from {self.file_name} ({self.sha256})"


def _write_versions(
    connection: Connection, versions: list[_NewVersion], by: str, replaced: set[tuple[str, int]]
) -> None:
    """Insert the versions, their records, the current-version pointers and the audit entries.
    `replaced`: the (authority, year) pairs that had a current version before."""
    if not versions:
        return
    at = now()
    ids = (
        connection.execute(
            insert(return_versions).returning(return_versions.c.id, sort_by_parameter_order=True),
            [
                {
                    "borough": v.data.borough,
                    "year": v.data.year,
                    "version": v.version,
                    "sha256": v.sha256,
                    "file_name": v.file_name[:255],
                    "submitted_by": by[:255],
                    "submitted_at": at,
                    "action": v.action,
                    "restored_from": v.restored_from,
                    "total_funding": v.data.total_funding(),
                    "warnings": v.warnings,
                }
                for v in versions
            ],
        )
        .scalars()
        .all()
    )
    _insert_sheets(connection, list(zip(ids, (v.data for v in versions))))
    _make_current(
        connection, {(v.data.borough, v.data.year): version_id for v, version_id in zip(versions, ids)}, replaced
    )
    connection.execute(
        insert(audit_log),
        [
            {
                "at": at,
                "actor": by[:255],
                "action": "restore" if v.action == "restore" else "store",
                "detail": v.audit_detail(),
            }
            for v in versions
        ],
    )


def _describe(borough: str, year: int) -> str:
    return f"{BY_CODE[borough].name} {financial_year_label(year)}"


def _current(connection: Connection, borough: str, year: int) -> dict[str, Any] | None:
    row = (
        connection.execute(
            select(return_versions)
            .join(current_returns, current_returns.c.version_id == return_versions.c.id)
            .where(current_returns.c.borough == borough, current_returns.c.year == year)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def _current_files(connection: Connection, keys: set[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, int]]:
    """(authority, year) → (SHA-256, version) of its current version, for each of `keys` that has one."""
    rows = connection.execute(
        select(current_returns.c.borough, current_returns.c.year, return_versions.c.sha256, return_versions.c.version)
        .join(return_versions, current_returns.c.version_id == return_versions.c.id)
        .where(current_returns.c.borough.in_({b for b, _ in keys}), current_returns.c.year.in_({y for _, y in keys}))
    )
    return {(b, y): (sha, version) for b, y, sha, version in rows if (b, y) in keys}


def _latest_versions(connection: Connection, keys: set[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """(authority, year) → its highest version number, for each of `keys` that has versions."""
    rows = connection.execute(
        select(return_versions.c.borough, return_versions.c.year, func.max(return_versions.c.version))
        .where(return_versions.c.borough.in_({b for b, _ in keys}), return_versions.c.year.in_({y for _, y in keys}))
        .group_by(return_versions.c.borough, return_versions.c.year)
    )
    return {(b, y): latest for b, y, latest in rows if (b, y) in keys}


def _stored_files(connection: Connection, hashes: set[str]) -> set[str]:
    return set(connection.scalars(select(files.c.sha256).where(files.c.sha256.in_(hashes))))


def _keep_files(connection: Connection, contents: dict[str, bytes]) -> None:
    if contents:
        connection.execute(
            insert(files),
            [{"sha256": sha, "size": len(content), "content": content} for sha, content in contents.items()],
        )


def _insert_sheets(connection: Connection, versions: list[tuple[int, ReturnData]]) -> None:
    """Each version's records, one INSERT per sheet table for all the versions."""
    for sheet in SHEETS:
        keys = [f.key for f in sheet.fields]
        rows: list[tuple[Any, ...]] = []
        for version_id, data in versions:
            columns = data.columns(sheet.key, keys)
            count = len(columns[0])
            rows += zip(repeat(version_id, count), range(1, count + 1), *columns)
        insert_many(connection, SHEET_TABLES[sheet.key], ["version_id", "row_number", *keys], rows)


def _make_current(connection: Connection, current: dict[tuple[str, int], int], replaced: set[tuple[str, int]]) -> None:
    """Point each (authority, year) at its new version id."""
    updates = [{"b": b, "y": y, "v": version_id} for (b, y), version_id in current.items() if (b, y) in replaced]
    inserts = [
        {"borough": b, "year": y, "version_id": version_id}
        for (b, y), version_id in current.items()
        if (b, y) not in replaced
    ]
    if updates:
        connection.execute(
            update(current_returns)
            .where(current_returns.c.borough == bindparam("b"), current_returns.c.year == bindparam("y"))
            .values(version_id=bindparam("v")),
            updates,
        )
    if inserts:
        connection.execute(insert(current_returns), inserts)


def read_sheets(connection: Connection, version_id: int) -> dict[str, list[dict[str, Any]]]:
    """A stored version's records, sheet by sheet, as the validator produced them."""
    sheets = {}
    for sheet in SHEETS:
        table = SHEET_TABLES[sheet.key]
        rows = connection.execute(
            select(table).where(table.c.version_id == version_id).order_by(table.c.row_number)
        ).mappings()
        sheets[sheet.key] = [{f.key: row[f.key] for f in sheet.fields} for row in rows]
    return sheets


def version_content(engine: Engine, borough: str, year: int, version: int | None = None) -> ReturnData | None:
    """The records of one version (the current one when `version` is None)."""
    with engine.connect() as connection:
        row = _version_row(connection, borough, year, version)
        return ReturnData(borough, year, read_sheets(connection, row["id"])) if row else None


def _version_row(connection: Connection, borough: str, year: int, version: int | None) -> dict[str, Any] | None:
    if version is None:
        return _current(connection, borough, year)
    row = (
        connection.execute(
            select(return_versions).where(
                return_versions.c.borough == borough,
                return_versions.c.year == year,
                return_versions.c.version == version,
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def history(engine: Engine, borough: str, year: int) -> list[dict[str, Any]]:
    """Every version of one return, oldest first, with who, when, file, SHA-256 and warnings."""
    with engine.connect() as connection:
        current = _current(connection, borough, year)
        rows = connection.execute(
            select(
                return_versions.c.id,
                return_versions.c.version,
                return_versions.c.submitted_by,
                return_versions.c.submitted_at,
                return_versions.c.file_name,
                return_versions.c.sha256,
                return_versions.c.action,
                return_versions.c.restored_from,
                return_versions.c.warnings,
            )
            .where(return_versions.c.borough == borough, return_versions.c.year == year)
            .order_by(return_versions.c.version)
        ).mappings()
        return [dict(row) | {"current": current is not None and row["id"] == current["id"]} for row in rows]


def original_file(engine: Engine, sha256: str) -> bytes | None:
    with engine.connect() as connection:
        return connection.scalar(select(files.c.content).where(files.c.sha256 == sha256))


def current_totals(engine: Engine) -> dict[tuple[str, int], float | None]:
    """(authority, year) → total funding of its current version, for the year-on-year warning."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(current_returns.c.borough, current_returns.c.year, return_versions.c.total_funding).join(
                return_versions, current_returns.c.version_id == return_versions.c.id
            )
        )
        return {(borough, year): total for borough, year, total in rows}


CHANGES_FIGURES = ("status", "reference load")  # the audit actions that change what the figures show


def data_version(engine: Engine) -> int:
    """Changes whenever any return is stored, restored or changes publication status (an audit
    entry 'status'), or published statistics are loaded ('reference load', store.reference):
    the key for cached figures. 0 when no return is stored."""
    stored = select(func.coalesce(func.max(return_versions.c.id), 0)).scalar_subquery()
    changed = (
        select(func.coalesce(func.max(audit_log.c.id), 0))
        .where(audit_log.c.action.in_(CHANGES_FIGURES))
        .scalar_subquery()
    )
    with engine.connect() as connection:  # one round trip: every page run asks
        row = connection.execute(select(stored, changed)).one()
    return row[0] + row[1] if row[0] else 0


def illustrative_count(
    engine: Engine, codes: list[str] | None = None, first_year: int | None = None, last_year: int | None = None
) -> int:
    """How many current returns are illustrative sample data (the app says so on every page),
    among `codes` and the years `first_year` to `last_year` when given."""
    query = (
        select(func.count())
        .select_from(current_returns)
        .join(return_versions, return_versions.c.id == current_returns.c.version_id)
        .where(return_versions.c.submitted_by == SUBMITTED_BY)
    )
    if codes is not None:
        query = query.where(current_returns.c.borough.in_(codes))
    if first_year is not None and last_year is not None:
        query = query.where(current_returns.c.year.between(first_year, last_year))
    with engine.connect() as connection:
        return connection.scalar(query) or 0
