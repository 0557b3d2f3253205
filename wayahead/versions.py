"""Return history for the history page: which returns have versions, and each version's record."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine

from wayahead.london import find_authority
from wayahead.tracker import stored_years, tracker_cells


def stored_returns(engine: Engine) -> dict[str, list[int]]:
    """Authority name → the financial years it has a stored return for, newest first."""
    found: dict[str, list[int]] = {}
    for cell in tracker_cells(engine, stored_years(engine)):
        if cell.version is not None:
            found.setdefault(cell.name, []).insert(0, cell.year)
    return found


def linked_return(query: dict[str, str], returns: dict[str, list[int]]) -> tuple[str, int] | None:
    """The (authority name, year) a link asks for (?la=E09000012&year=2024), if it is stored."""
    authority = find_authority(query.get("la", ""))
    year = query.get("year", "")
    if authority is None or not year.isdigit() or int(year) not in returns.get(authority.name, []):
        return None
    return authority.name, int(year)


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
