"""Return history for the history page: which returns have versions, and each version's record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.links import Reading, among, financial_year, read_param
from wayahead.figures.tracker import stored_years, tracker_cells
from wayahead.returns.london import financial_year_label, find_authority


def stored_returns(engine: Engine, only: str | None = None) -> dict[str, list[int]]:
    """Authority name → the financial years it has a stored return for, newest first (of the
    authority `only`, when given: an uploader limited to it)."""
    found: dict[str, list[int]] = {}
    for cell in tracker_cells(engine, stored_years(engine)):
        if cell.version is not None and (only is None or cell.code == only):
            found.setdefault(cell.name, []).insert(0, cell.year)
    return found


def linked_return(query: Mapping[str, Any], returns: dict[str, list[int]]) -> Reading[tuple[str, int]]:
    """The (authority name, year) a link asks for (?la=E09000012&year=2024), else the first
    stored return, with a note on what in the link is not stored. `returns` is not empty."""
    names = sorted(returns)
    name = read_param(
        query,
        "la",
        lambda t: a.name if (a := find_authority(t)) and a.name in returns else None,
        names[0],
        "an authority with a stored return",
    )
    years = returns[name.value]
    year = read_param(
        query,
        "year",
        among(financial_year, years),
        years[0],
        f"a year with a stored return for {name.value} ({', '.join(map(financial_year_label, years))})",
        financial_year_label,
    )
    return Reading((name.value, year.value), name.notes + year.notes)


def history_table(versions: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per version (newest first): who, when, what, file, SHA-256, problems at the time."""
    rows = [
        {
            "Version": v["version"],
            "Current": "✓ current" if v["current"] else "",
            "What": "restored from version " + str(v["restored_from"]) if v["action"] == "restore" else "uploaded",
            "Who": v["submitted_by"],
            "When (UTC)": v["submitted_at"],
            "File": v["file_name"],
            "SHA-256": v["sha256"],
            "Errors": 0,
            "Warnings": len(v["warnings"] or []),
        }
        for v in reversed(versions)
    ]
    return pd.DataFrame(rows)
