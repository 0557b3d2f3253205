"""Finding a return's answers in its sheets, wherever officers put them.

Field | Value sheets: a label anywhere, its answer in the cell to its right. Table sheets: the
header row is the row that matches most column labels; blank rows are skipped; a totals row
is checked against the sum of the rows above it, then ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from loaders.problems import Problem, shown
from loaders.values import label_key
from loaders.workbook import cell_ref
from wayahead.spec import Field, Kind, Sheet

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
    """A sheet's answers as found: one record for a fields sheet, one per row for a table."""

    sheet: Sheet
    name: str
    records: list[dict[str, RawCell]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _keys(f: Field) -> set[str]:
    """A label matches with or without its unit, e.g. 'Amount (£)' or 'Amount'."""
    full = label_key(f.label)
    return {full, label_key(_UNITS.sub("", f.label))}


def _label_index(sheet: Sheet) -> dict[str, Field]:
    return {key: f for f in sheet.fields for key in _keys(f)}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def read_fields_sheet(sheet: Sheet, name: str, grid: list[list[Any]]) -> RawSheet:
    """Labels anywhere on the sheet; each answer is the cell to the right of its label."""
    index = _label_index(sheet)
    raw = RawSheet(sheet, name)
    found: dict[str, RawCell] = {}
    label_refs: dict[str, str] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            text = _text(value)
            f = index.get(label_key(text)) if text else None
            if f is None:
                continue
            if f.key in found:
                raw.problems.append(
                    Problem(
                        "error", name, cell_ref(r, c), shown(text), "each question once",
                        f"The label also stands at {label_refs[f.key]}; delete one of the two rows.",
                    )
                )
                break
            answer = row[c + 1] if c + 1 < len(row) else ""
            found[f.key] = RawCell(answer, cell_ref(r, c + 1))
            label_refs[f.key] = cell_ref(r, c)
            break  # one label per row: the rest of the row is its answer and notes
    for f in sheet.fields:
        if f.key not in found:
            severity = "error" if f.required else "warning"
            raw.problems.append(
                Problem(
                    severity, name, None, "", f"a row labelled '{f.label}'",
                    "Add the row back from the template (column A the label, column B the answer).",
                )
            )
    raw.records = [found]
    return raw


def _find_header(sheet: Sheet, grid: list[list[Any]]) -> tuple[int, dict[int, Field]] | None:
    index = _label_index(sheet)
    best: tuple[int, dict[int, Field]] | None = None
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = {c: index[label_key(v)] for c, v in enumerate(row) if _text(v) and label_key(v) in index}
        if len(columns) >= 2 and (best is None or len(columns) > len(best[1])):
            best = (r, columns)
    return best


def read_table_sheet(sheet: Sheet, name: str, grid: list[list[Any]]) -> RawSheet:
    """One record per row under the header; columns matched by label in any order."""
    raw = RawSheet(sheet, name)
    header = _find_header(sheet, grid)
    if header is None:
        raw.problems.append(
            Problem(
                "error", name, None, "no header row", "a header row with the template's column labels",
                "Copy the header row from the template into the first row of the table.",
            )
        )
        return raw
    header_row, columns = header
    raw.problems.extend(_header_problems(sheet, name, grid[header_row], header_row, columns))
    columns = _first_of_each(columns)
    records_so_far: list[dict[str, RawCell]] = []
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        cells = {f.key: RawCell(row[c] if c < len(row) else "", cell_ref(r, c)) for c, f in columns.items()}
        if all(_is_empty(cell.value) for cell in cells.values()):
            continue
        if _is_totals_row(row):
            raw.problems.extend(_check_totals(sheet, name, cells, records_so_far))
            continue
        records_so_far.append(cells)
    raw.records = records_so_far
    return raw


def _first_of_each(columns: dict[int, Field]) -> dict[int, Field]:
    seen: set[str] = set()
    kept = {}
    for c, f in sorted(columns.items()):
        if f.key not in seen:
            kept[c] = f
            seen.add(f.key)
    return kept


def _header_problems(
    sheet: Sheet, name: str, row: list[Any], r: int, columns: dict[int, Field]
) -> list[Problem]:
    problems = []
    present = {}
    for c, f in sorted(columns.items()):
        if f.key in present:
            problems.append(
                Problem(
                    "error", name, cell_ref(r, c), shown(row[c]), "each column once",
                    f"The same column is also at {cell_ref(r, present[f.key])}; delete one of them.",
                )
            )
        present.setdefault(f.key, c)
    for f in sheet.fields:
        if f.key not in present:
            problems.append(
                Problem(
                    "error" if f.required else "warning", name, cell_ref(r, 0), "", f"a column headed '{f.label}'",
                    "Copy the header row from the template; columns may be in any order.",
                )
            )
    for c, value in enumerate(row):
        if _text(value) and c not in columns:
            problems.append(
                Problem(
                    "warning", name, cell_ref(r, c), shown(value), "a column of the template",
                    "This column is not part of the return and was ignored.",
                )
            )
    return problems


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_totals_row(row: list[Any]) -> bool:
    return any(_text(v) and _TOTAL.match(v.strip()) for v in row[:3])


def _check_totals(
    sheet: Sheet, name: str, totals: dict[str, RawCell], rows: list[dict[str, RawCell]]
) -> list[Problem]:
    """A totals row should equal the sum of the rows above; it is never stored."""
    from loaders.values import ValueProblem, normalise

    problems = []
    for f in sheet.fields:
        if f.kind is not Kind.MONEY or f.key not in totals or _is_empty(totals[f.key].value):
            continue
        try:
            stated = normalise(totals[f.key].value, f)
            added = sum(normalise(row[f.key].value, f) for row in rows if not _is_empty(row[f.key].value))
        except ValueProblem:
            continue  # the rows' own problems are reported where they are
        if abs(stated - added) > 1:
            problems.append(
                Problem(
                    "warning", name, totals[f.key].ref, shown(totals[f.key].value),
                    f"the sum of the rows above, £{added:,.0f}",
                    "The totals row is ignored and the rows are stored; check no row is missing.",
                )
            )
    return problems
