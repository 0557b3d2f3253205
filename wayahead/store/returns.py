"""Storing returns with full history: every import is one transaction and a new version.

Nothing is overwritten: a re-submission for the same authority and year becomes version N+1,
a restore copies an earlier version forward as a new version, and a byte-identical
re-import of the current version changes nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from loaders.validate import LoadResult, ReturnData
from wayahead.london import BY_CODE, financial_year_label
from wayahead.spec import SHEETS
from wayahead.store.schema import SHEET_TABLES, audit_log, current_returns, files, return_versions

Status = Literal["stored", "unchanged", "rejected"]
RETRIES = 5


class StoreError(Exception):
    """A request the store cannot carry out (unknown version, nothing to restore)."""


@dataclass(frozen=True)
class StoreOutcome:
    status: Status
    borough: str | None
    year: int | None
    version: int | None


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _write(engine: Engine, work: Any) -> Any:
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
    if not result.valid or result.data is None:
        return StoreOutcome("rejected", result.borough, result.year, None)
    data = result.data

    def work(connection: Connection) -> StoreOutcome:
        current = _current(connection, data.borough, data.year)
        if current is not None and current["sha256"] == result.sha256:
            return StoreOutcome("unchanged", data.borough, data.year, current["version"])
        _keep_file(connection, result.sha256, file_bytes)
        version = _next_version(connection, data.borough, data.year)
        version_id = _insert_version(
            connection, data, version, result.sha256, result.file_name, submitted_by, "import", None,
            [p.as_dict() for p in result.warnings],
        )
        _insert_sheets(connection, version_id, data.sheets)
        _make_current(connection, data.borough, data.year, version_id, current is not None)
        _audit(connection, submitted_by, "store", f"{_describe(data.borough, data.year)} version {version} from {result.file_name} ({result.sha256})")
        return StoreOutcome("stored", data.borough, data.year, version)

    return _write(engine, work)


def restore_version(engine: Engine, borough: str, year: int, version: int, by: str) -> StoreOutcome:
    """Make an earlier version current again by copying it forward as a new version."""

    def work(connection: Connection) -> StoreOutcome:
        old = connection.execute(
            select(return_versions).where(
                return_versions.c.borough == borough, return_versions.c.year == year, return_versions.c.version == version
            )
        ).mappings().first()
        if old is None:
            raise StoreError(f"{_describe(borough, year)} has no version {version}.")
        current = _current(connection, borough, year)
        if current is not None and current["id"] == old["id"]:
            return StoreOutcome("unchanged", borough, year, version)
        new_version = _next_version(connection, borough, year)
        data = ReturnData(borough, year, read_sheets(connection, old["id"]))
        version_id = _insert_version(
            connection, data, new_version, old["sha256"], old["file_name"], by, "restore", version, old["warnings"]
        )
        _insert_sheets(connection, version_id, data.sheets)
        _make_current(connection, borough, year, version_id, True)
        _audit(connection, by, "restore", f"{_describe(borough, year)} version {version} restored as version {new_version}")
        return StoreOutcome("stored", borough, year, new_version)

    return _write(engine, work)


def _describe(borough: str, year: int) -> str:
    return f"{BY_CODE[borough].name} {financial_year_label(year)}"


def _current(connection: Connection, borough: str, year: int) -> dict[str, Any] | None:
    row = connection.execute(
        select(return_versions)
        .join(current_returns, current_returns.c.version_id == return_versions.c.id)
        .where(current_returns.c.borough == borough, current_returns.c.year == year)
    ).mappings().first()
    return dict(row) if row else None


def _next_version(connection: Connection, borough: str, year: int) -> int:
    latest = connection.scalar(
        select(func.max(return_versions.c.version)).where(
            return_versions.c.borough == borough, return_versions.c.year == year
        )
    )
    return (latest or 0) + 1


def _keep_file(connection: Connection, sha256: str, content: bytes) -> None:
    if connection.scalar(select(files.c.sha256).where(files.c.sha256 == sha256)) is None:
        connection.execute(insert(files).values(sha256=sha256, size=len(content), content=content))


def _insert_version(
    connection: Connection, data: ReturnData, version: int, sha256: str, file_name: str, by: str,
    action: str, restored_from: int | None, warnings: list[dict[str, Any]],
) -> int:
    return connection.execute(
        insert(return_versions)
        .values(
            borough=data.borough, year=data.year, version=version, sha256=sha256, file_name=file_name[:255],
            submitted_by=by[:255], submitted_at=now(), action=action, restored_from=restored_from,
            total_funding=data.total_funding(), warnings=warnings,
        )
        .returning(return_versions.c.id)
    ).scalar_one()


def _insert_sheets(connection: Connection, version_id: int, sheets: dict[str, list[dict[str, Any]]]) -> None:
    for key, table in SHEET_TABLES.items():
        rows = [{"version_id": version_id, "row_number": n, **record} for n, record in enumerate(sheets.get(key, []), 1)]
        if rows:
            connection.execute(insert(table), rows)


def _make_current(connection: Connection, borough: str, year: int, version_id: int, exists: bool) -> None:
    if exists:
        connection.execute(
            update(current_returns)
            .where(current_returns.c.borough == borough, current_returns.c.year == year)
            .values(version_id=version_id)
        )
    else:
        connection.execute(insert(current_returns).values(borough=borough, year=year, version_id=version_id))


def _audit(connection: Connection, actor: str, action: str, detail: str) -> None:
    connection.execute(insert(audit_log).values(at=now(), actor=actor[:255], action=action, detail=detail))


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
    row = connection.execute(
        select(return_versions).where(
            return_versions.c.borough == borough, return_versions.c.year == year, return_versions.c.version == version
        )
    ).mappings().first()
    return dict(row) if row else None


def history(engine: Engine, borough: str, year: int) -> list[dict[str, Any]]:
    """Every version of one return, oldest first, with who, when, file, SHA-256 and warnings."""
    with engine.connect() as connection:
        current = _current(connection, borough, year)
        rows = connection.execute(
            select(return_versions.c.id, return_versions.c.version, return_versions.c.submitted_by,
                   return_versions.c.submitted_at, return_versions.c.file_name, return_versions.c.sha256,
                   return_versions.c.action, return_versions.c.restored_from, return_versions.c.warnings)
            .where(return_versions.c.borough == borough, return_versions.c.year == year)
            .order_by(return_versions.c.version)
        ).mappings()
        return [dict(row) | {"current": current is not None and row["id"] == current["id"]} for row in rows]


def original_file(engine: Engine, sha256: str) -> bytes | None:
    with engine.connect() as connection:
        return connection.scalar(select(files.c.content).where(files.c.sha256 == sha256))


def previous_funding_lookup(engine: Engine):  # type: ignore[no-untyped-def]
    """A function (borough, year) → that year's current total funding, for the change warning."""

    def lookup(borough: str, year: int) -> float | None:
        with engine.connect() as connection:
            return connection.scalar(
                select(return_versions.c.total_funding)
                .join(current_returns, current_returns.c.version_id == return_versions.c.id)
                .where(current_returns.c.borough == borough, current_returns.c.year == year)
            )

    return lookup


def data_version(engine: Engine) -> int:
    """Changes whenever any return is stored or restored: the key for cached figures."""
    with engine.connect() as connection:
        return connection.scalar(select(func.coalesce(func.max(return_versions.c.id), 0))) or 0
