"""A CSV of published statistics, checked cell by cell before anything is stored
(store.reference): each problem says its row, column, what was found, what was expected and
how to fix it. A file with any problem is refused whole."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable

from wayahead.figures.links import financial_year
from wayahead.returns.london import BY_CODE
from wayahead.store.reference import ReferenceValue
from wayahead.store.reference_kinds import KINDS

MAX_BYTES = 1024 * 1024
MAX_ROWS = 10_000
MAX_PROBLEMS = 20  # listed; the rest are counted


class ReferenceRefused(Exception):
    """The file is refused; `problems` lists why, one plain line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _problem(row: int, column: str, found: str, expected: str, fix: str) -> str:
    return f"Row {row}, column '{column}': found {found[:40]!r}, expected {expected}. {fix}"


def _code(text: str) -> str | None:
    return text if text in BY_CODE else None


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


_CELLS: dict[str, tuple[Callable[[str], object], str, str]] = {
    "code": (_code, "a London authority's ONS code such as E09000012", "Use the ONS code of one of the 33."),
    "year": (
        financial_year,
        "a financial year such as 2024/25 or 2024",
        "Write the year the figure describes; a mid-year estimate for mid-2024 is 2024.",
    ),
}
_FIGURE_FIX = "Copy the figure as published, without symbols or notes."
SIGNED = ("deprivation",)  # kinds whose figures may be 0 or below; every other kind's are above 0


def read_reference_csv(kind: str, data: bytes) -> list[ReferenceValue]:
    """The values of a `kind` CSV (header row of KINDS[kind]); ReferenceRefused listing every
    problem when the file is too large, not UTF-8, has other columns, a bad cell or a repeat."""
    if kind not in KINDS:
        raise ReferenceRefused([f"Unknown kind {kind!r}: use one of {', '.join(KINDS)}."])
    if len(data) > MAX_BYTES:
        raise ReferenceRefused(
            [f"The file is larger than {MAX_BYTES // 1024:,} KB: it is not a table of 33 authorities."]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReferenceRefused(["The file is not UTF-8 text: save it from Excel as 'CSV UTF-8'."]) from None
    rows = list(csv.reader(io.StringIO(text)))
    columns = KINDS[kind]
    if not rows or tuple(c.strip().lower() for c in rows[0]) != columns:
        header = ", ".join(rows[0]) if rows else "nothing"
        raise ReferenceRefused(
            [f"The first row is {header!r}; a {kind} file has exactly the columns {', '.join(columns)}."]
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ReferenceRefused([f"The file has {len(rows) - 1:,} rows; at most {MAX_ROWS:,} are read."])
    problems: list[str] = []
    values: list[ReferenceValue] = []
    seen: dict[tuple[str | None, int], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            problems.append(f"Row {number}: {len(row)} cells, expected {len(columns)} ({', '.join(columns)}).")
            continue
        cells = dict(zip(columns, (cell.strip() for cell in row)))
        bad = [
            _problem(number, column, cells[column], expected, fix)
            for column, (parse, expected, fix) in _CELLS.items()
            if column in cells and parse(cells[column]) is None
        ]
        year, figure = financial_year(cells["year"]), _number(cells[columns[-1]])
        if figure is None or (figure <= 0 and kind not in SIGNED):
            expected = "a finite number" if kind in SIGNED else "a number above 0"
            bad.append(_problem(number, columns[-1], cells[columns[-1]], expected, _FIGURE_FIX))
        if bad or year is None or figure is None:
            problems += bad
            continue
        key = (cells.get("code"), year)
        if key in seen:
            problems.append(f"Row {number}: the same authority and year as row {seen[key]}. Keep one of them.")
            continue
        seen[key] = number
        values.append(ReferenceValue(cells.get("code"), year, figure))
    if not values and not problems:
        problems.append("The file has a header but no values.")
    if problems:
        more = len(problems) - MAX_PROBLEMS
        raise ReferenceRefused(problems[:MAX_PROBLEMS] + ([f"… and {more:,} more problems."] if more > 0 else []))
    return values
