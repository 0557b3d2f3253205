"""The returns tracker: which authority has returned which financial year, and which to chase.

Each cell is received (✓), received with warnings (⚠) or missing (—); the symbol and the words
carry the meaning, so colour is never the only signal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from sqlalchemy import Engine, and_, select

from wayahead.returns.london import AUTHORITIES, financial_year_label
from wayahead.store.audit import aware
from wayahead.store.publication import statuses
from wayahead.store.schema import authorities, current_returns, return_versions

Status = Literal["received", "warnings", "missing"]
SYMBOLS: dict[Status, str] = {"received": "✓", "warnings": "⚠", "missing": "—"}
MEANINGS: dict[Status, str] = {
    "received": "received, no warnings",
    "warnings": "received with warnings (stored; worth a look)",
    "missing": "no return yet",
}


@dataclass(frozen=True)
class TrackerCell:
    """One authority × financial year: its current return's version, date and warning count."""

    code: str
    name: str
    year: int
    version: int | None = None
    submitted_at: dt.datetime | None = None
    warning_count: int = 0
    publication: str = ""  # e.g. 'published v2', 'received v3; v2 published'

    @property
    def status(self) -> Status:
        if self.version is None:
            return "missing"
        return "warnings" if self.warning_count else "received"

    @property
    def label(self) -> str:
        """Text for the grid, e.g. '✓ v2 · 03 Jun 25 · published v2', '⚠ v1 · … · received v1', '— missing'."""
        if self.version is None or self.submitted_at is None:
            return f"{SYMBOLS['missing']} missing"
        return f"{SYMBOLS[self.status]} v{self.version} · {self.submitted_at:%d %b %y} · {self.publication}"


def stored_years(engine: Engine) -> list[int]:
    """Financial years (start years) that have at least one current return, oldest first."""
    with engine.connect() as connection:
        return sorted(connection.scalars(select(current_returns.c.year).distinct()))


def tracker_cells(engine: Engine, years: list[int]) -> list[TrackerCell]:
    """Every authority × each of `years`, with its current return when there is one (one query)."""
    if not years:
        return []
    query = (
        select(
            authorities.c.code,
            authorities.c.name,
            current_returns.c.year,
            return_versions.c.version,
            return_versions.c.submitted_at,
            return_versions.c.warnings,
        )
        .select_from(authorities)
        .outerjoin(
            current_returns,
            and_(current_returns.c.borough == authorities.c.code, current_returns.c.year.in_(years)),
        )
        .outerjoin(return_versions, return_versions.c.id == current_returns.c.version_id)
    )
    found: dict[tuple[str, int], TrackerCell] = {}
    publication = {(r.code, r.year): r.label for year in years for r in statuses(engine, year)}
    with engine.connect() as connection:
        for row in connection.execute(query).mappings():
            if row["year"] is not None:
                found[(row["code"], row["year"])] = TrackerCell(
                    row["code"],
                    row["name"],
                    row["year"],
                    row["version"],
                    aware(row["submitted_at"]),
                    len(row["warnings"] or []),
                    publication.get((row["code"], row["year"]), ""),
                )
    return [found.get((a.code, year), TrackerCell(a.code, a.name, year)) for a in AUTHORITIES for year in years]


def tracker_grid(cells: list[TrackerCell]) -> pd.DataFrame:
    """Authorities down, financial years across, newest first (the year being collected beside the
    names, where a grid wider than the screen still shows it), each cell its label (e.g. '✓ v2 · 03 Jun 25')."""
    if not cells:
        return pd.DataFrame()
    frame = pd.DataFrame({"Authority": c.name, "year": financial_year_label(c.year), "label": c.label} for c in cells)
    grid = frame.pivot(index="Authority", columns="year", values="label")
    order = list(dict.fromkeys(c.name for c in cells))
    newest_first = [financial_year_label(year) for year in sorted({c.year for c in cells}, reverse=True)]
    return grid.reindex(index=order, columns=newest_first).rename_axis(columns=None)


def year_summary(cells: list[TrackerCell]) -> pd.DataFrame:
    """Per financial year: how many authorities returned (with and without warnings) and are missing."""
    rows = []
    for year in sorted({c.year for c in cells}):
        of_year = [c for c in cells if c.year == year]
        counts = {status: sum(c.status == status for c in of_year) for status in SYMBOLS}
        returned = counts["received"] + counts["warnings"]
        rows.append(
            {
                "Financial year": financial_year_label(year),
                "Returned": f"{returned} of {len(of_year)}",
                "✓ no warnings": counts["received"],
                "⚠ with warnings": counts["warnings"],
                "— missing": counts["missing"],
            }
        )
    return pd.DataFrame(rows)


def to_chase(cells: list[TrackerCell], year: int) -> list[str]:
    """Names of the authorities with no return for `year`, alphabetical."""
    return sorted(c.name for c in cells if c.year == year and c.status == "missing")


def chase_summary(chase: list[str], year: int) -> str:
    """The sentence above the list of authorities to chase: '1 of 33 authorities has no return…'."""
    label = financial_year_label(year)
    if not chase:
        return f"All 33 authorities have returned {label}."
    verb = "has" if len(chase) == 1 else "have"
    return f"{len(chase)} of 33 authorities {verb} no return for {label}:"
