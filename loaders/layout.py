"""Finding a return's answers in its sheets, wherever officers put them.

Field | Value sheets: a label anywhere, its answer in the cell to its right. Table sheets: the
header row is the row that matches most column labels; blank rows are skipped; a totals row
is checked against the sum of the rows above it, then ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from loaders.problems import Problem, Severity, shown
from loaders.values import label_key
from loaders.workbook import cell_ref
from wayahead.returns.spec import SHEETS, Field, Kind, Sheet

_TOTAL = re.compile(r"^(grand\s+)?totals?\s*:?$", re.IGNORECASE)
_UNITS = re.compile(r"\s*\((£|%|months|year|headcount)\)\s*$")
HEADER_SEARCH_ROWS = 40


@dataclass(frozen=True)
class RawCell:
    """A value as found, and where."""

    value: Any
    ref: str | None


@dataclass
class RawSheet:
    """A sheet's answers as found, column by column: each found field's values (one per record)
    and the grid rows and column they came from. A fields sheet has one record."""

    sheet: Sheet
    name: str
    count: int = 0
    columns: dict[str, list[Any]] = field(default_factory=dict)
    places: dict[str, tuple[Sequence[int], int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def cell(self, record: int, key: str) -> RawCell | None:
        """The raw cell of one record's answer to `key`; None when the sheet has no such field."""
        if key not in self.columns:
            return None
        rows, col = self.places[key]
        return RawCell(self.columns[key][record], cell_ref(rows[record], col))


def _keys(f: Field) -> set[str]:
    """A label matches with or without its unit, e.g. 'Amount (£)' or 'Amount'."""
    full = label_key(f.label)
    return {full, label_key(_UNITS.sub("", f.label))}


def _label_index(sheet: Sheet) -> dict[str, Field]:
    """Each label key → its field, for a sheet of the spec."""
    return _label_indexes()[sheet.key]


@cache  # built once, by sheet key (hashing a whole Sheet on every call is slow)
def _label_indexes() -> dict[str, dict[str, Field]]:
    return {sheet.key: {key: f for f in sheet.fields for key in _keys(f)} for sheet in SHEETS}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def read_fields_sheet(sheet: Sheet, name: str, grid: list[list[Any]]) -> RawSheet:
    """Labels anywhere on the sheet; each answer is the cell to the right of its label."""
    index = _label_index(sheet)
    raw = RawSheet(sheet, name, count=1)
    label_refs: dict[str, str] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            f = index.get(label_key(value)) if isinstance(value, str) else None  # blank text keys to ""
            if f is None:
                continue
            if f.key in raw.columns:
                raw.problems.append(
                    Problem(
                        "error",
                        name,
                        cell_ref(r, c),
                        shown(value),
                        "each question once",
                        f"The label also stands at {label_refs[f.key]}; delete one of the two rows.",
                    )
                )
                break
            raw.columns[f.key] = [row[c + 1] if c + 1 < len(row) else ""]
            raw.places[f.key] = ([r], c + 1)
            label_refs[f.key] = cell_ref(r, c)
            break  # one label per row: the rest of the row is its answer and notes
    for f in sheet.fields:
        if f.key not in raw.columns:
            severity: Severity = "error" if f.required else "warning"
            raw.problems.append(
                Problem(
                    severity,
                    name,
                    None,
                    "",
                    f"a row labelled '{f.label}'",
                    "Add the row back from the template (column A the label, column B the answer).",
                )
            )
    return raw


def _find_header(sheet: Sheet, grid: list[list[Any]]) -> tuple[int, dict[int, Field]] | None:
    index = _label_index(sheet)
    best: tuple[int, dict[int, Field]] | None = None
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = {c: f for c, v in enumerate(row) if isinstance(v, str) and (f := index.get(label_key(v)))}
        if len(columns) >= 2 and (best is None or len(columns) > len(best[1])):
            best = (r, columns)
            if len(columns) >= len(sheet.fields):
                break  # every column found: no row below can match more (saves reading the data rows)
    return best


def read_table_sheet(sheet: Sheet, name: str, grid: list[list[Any]]) -> RawSheet:
    """One record per row under the header; columns matched by label in any order."""
    raw = RawSheet(sheet, name)
    header = _find_header(sheet, grid)
    if header is None:
        raw.problems.append(
            Problem(
                "error",
                name,
                None,
                "no header row",
                "a header row with the template's column labels",
                "Copy the header row from the template into the first row of the table.",
            )
        )
        return raw
    header_row, columns = header
    raw.problems.extend(_header_problems(sheet, name, grid[header_row], header_row, columns))
    columns = _first_of_each(columns)
    cols = list(columns)
    rows: list[int] = []
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        if _is_blank_row(row, cols):
            continue
        if _is_totals_row(row):
            raw.problems.extend(_check_totals(sheet, name, grid, rows, columns, r))
            continue
        rows.append(r)
    raw.count = len(rows)
    width = max(cols) + 1
    body = [grid[r] if len(grid[r]) >= width else grid[r] + [""] * (width - len(grid[r])) for r in rows]
    by_column = list(zip(*body)) if body else [()] * width
    for c, f in columns.items():
        raw.columns[f.key] = list(by_column[c])
        raw.places[f.key] = (rows, c)
    return raw


def _first_of_each(columns: dict[int, Field]) -> dict[int, Field]:
    seen: set[str] = set()
    kept = {}
    for c, f in sorted(columns.items()):
        if f.key not in seen:
            kept[c] = f
            seen.add(f.key)
    return kept


def _header_problems(sheet: Sheet, name: str, row: list[Any], r: int, columns: dict[int, Field]) -> list[Problem]:
    problems = []
    present: dict[str, int] = {}
    for c, f in sorted(columns.items()):
        if f.key in present:
            problems.append(
                Problem(
                    "error",
                    name,
                    cell_ref(r, c),
                    shown(row[c]),
                    "each column once",
                    f"The same column is also at {cell_ref(r, present[f.key])}; delete one of them.",
                )
            )
        present.setdefault(f.key, c)
    for f in sheet.fields:
        if f.key not in present:
            problems.append(
                Problem(
                    "error" if f.required else "warning",
                    name,
                    cell_ref(r, 0),
                    "",
                    f"a column headed '{f.label}'",
                    "Copy the header row from the template; columns may be in any order.",
                )
            )
    for c, value in enumerate(row):
        if _text(value) and c not in columns:
            problems.append(
                Problem(
                    "warning",
                    name,
                    cell_ref(r, c),
                    shown(value),
                    "a column of the template",
                    "This column is not part of the return and was ignored.",
                )
            )
    return problems


def _is_filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _is_empty(value: Any) -> bool:
    return not _is_filled(value)


def _is_blank_row(row: list[Any], cols: list[int]) -> bool:
    """No answer in any of the table's columns (a loop, not any(), as it runs for every row)."""
    return all(not (c < len(row) and _is_filled(row[c])) for c in cols)


_TOTAL_INITIALS = frozenset("tTgG")


def _is_totals_row(row: list[Any]) -> bool:
    """'Total' (or 'Grand total') in one of the first three cells; a loop, as it runs for every row."""
    return any(isinstance(v, str) and v.lstrip()[:1] in _TOTAL_INITIALS and _TOTAL.match(v.strip()) for v in row[:3])


def _check_totals(
    sheet: Sheet, name: str, grid: list[list[Any]], rows: list[int], columns: dict[int, Field], totals_row: int
) -> list[Problem]:
    """A totals row should equal the sum of the rows above; it is never stored."""
    from loaders.values import ValueProblem, normalise

    problems = []
    totals = grid[totals_row]
    column_of = {f.key: c for c, f in columns.items()}
    for f in sheet.fields:
        c = column_of.get(f.key)
        if f.kind is not Kind.MONEY or c is None or c >= len(totals) or _is_empty(totals[c]):
            continue
        above = [grid[r][c] for r in rows if c < len(grid[r])]
        try:
            stated = normalise(totals[c], f)
            added = sum(normalise(value, f) for value in above if not _is_empty(value))
        except ValueProblem:
            continue  # the rows' own problems are reported where they are
        if abs(stated - added) > 1:
            problems.append(
                Problem(
                    "warning",
                    name,
                    cell_ref(totals_row, c),
                    shown(totals[c]),
                    f"the sum of the rows above, £{added:,.0f}",
                    "The totals row is ignored and the rows are stored; check no row is missing.",
                )
            )
    return problems
