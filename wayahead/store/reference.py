"""Published statistics the operator loads (price index, mid-year population, deprivation,
density), each with its source and release date. Loading a kind again adds a new series, which
becomes current; older series and their values stay as history. Every load is in the audit log."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, RowMapping, func, insert, select

from wayahead.store.audit import aware, now
from wayahead.store.audit import record as audit
from wayahead.store.reference_kinds import KINDS
from wayahead.store.schema import reference_series, reference_values

SOURCE_MOST = 500  # characters of a source kept


@dataclass(frozen=True)
class ReferenceValue:
    """One value: an authority's (ONS code) or, in a national series, London's (None), for a
    financial year (its starting year)."""

    code: str | None
    year: int
    value: float


@dataclass(frozen=True)
class Series:
    """One load of a kind: where it comes from, when it was released, who loaded it and when,
    the file's SHA-256, how many values and whether it is the kind's current series."""

    id: int
    kind: str
    source: str
    released: dt.date
    loaded_by: str
    loaded_at: dt.datetime
    sha256: str
    values: int
    current: bool


def _series(row: RowMapping, current: bool) -> Series:
    return Series(
        row["id"],
        row["kind"],
        row["source"],
        row["released"],
        row["loaded_by"],
        aware(row["loaded_at"]),
        row["sha256"],
        row["values"],
        current,
    )


def load_series(
    engine: Engine,
    kind: str,
    values: Sequence[ReferenceValue],
    source: str,
    released: dt.date,
    by: str,
    sha256: str,
) -> Series:
    """Store `values` as the new current series of `kind`, in one transaction with its audit
    entry; ValueError (nothing stored) for an unknown kind, no source, no values or a value
    that is not a finite number. The source is kept as printable text on one line."""
    source = " ".join("".join(c if c.isprintable() else " " for c in source).split())[:SOURCE_MOST]
    if kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}: use one of {', '.join(KINDS)}.")
    if not source:
        raise ValueError("Say where the figures come from (--source): publisher, table and edition.")
    if not values:
        raise ValueError("The file holds no values.")
    if any(not math.isfinite(v.value) for v in values):
        raise ValueError("Every value must be a finite number.")
    with engine.begin() as connection:
        series_id = connection.execute(
            insert(reference_series)
            .values(kind=kind, source=source, released=released, loaded_by=by, loaded_at=now(), sha256=sha256)
            .returning(reference_series.c.id)
        ).scalar_one()
        connection.execute(
            insert(reference_values),
            [{"series_id": series_id, "code": v.code, "year": v.year, "value": float(v.value)} for v in values],
        )
        audit(
            connection,
            by,
            "reference load",
            f"{kind}: {len(values):,} values from {source}, released {released.isoformat()} (SHA-256 {sha256[:12]}…)",
        )
    return next(s for s in series_history(engine) if s.id == series_id)


def series_history(engine: Engine) -> list[Series]:
    """Every series loaded, newest first, each saying whether it is its kind's current one."""
    count = (
        select(reference_values.c.series_id, func.count().label("values"))
        .group_by(reference_values.c.series_id)
        .subquery()
    )
    query = (
        select(reference_series, count.c["values"])
        .join(count, count.c.series_id == reference_series.c.id)
        .order_by(reference_series.c.id.desc())
    )
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    seen: set[str] = set()
    history = []
    for row in rows:
        history.append(_series(row, row["kind"] not in seen))
        seen.add(row["kind"])
    return history


@dataclass(frozen=True)
class CurrentSeries:
    """A kind's current series and its values by (ONS code or None, year)."""

    series: Series
    values: dict[tuple[str | None, int], float]


def current_series(engine: Engine, kind: str) -> CurrentSeries | None:
    """The current series of `kind` with its values, or None when none was loaded."""
    found = next((s for s in series_history(engine) if s.kind == kind and s.current), None)
    if found is None:
        return None
    query = select(reference_values.c.code, reference_values.c.year, reference_values.c.value).where(
        reference_values.c.series_id == found.id
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return CurrentSeries(found, {(code, year): value for code, year, value in rows})
