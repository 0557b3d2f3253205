"""The validator: a checked workbook's raw cells → clean records and a list of problems.

Every rule of the return spec (wayahead/returns/spec.py) is applied here: each cell's kind, required
answers, bounds, the cross-field rules, one row per Commissioner × Mechanism, and the
year-on-year funding change warning.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from loaders.gc_pause import gc_paused
from loaders.layout import RawCell, RawSheet, read_fields_sheet, read_table_sheet
from loaders.problems import FileRefused, Problem, Severity, grouped, shown
from loaders.safety import DEFAULT_LIMITS, Limits, check_workbook_bytes
from loaders.values import (
    CHECK_CELL,
    ValueProblem,
    invisible_characters,
    is_blank,
    label_key,
    normalise,
    quick_values,
    without_invisible,
)
from loaders.workbook import Workbook, is_percent_format, read_workbook
from wayahead.returns.data import Columns, ReturnData
from wayahead.returns.london import BY_CODE, financial_year_label
from wayahead.returns.spec import (
    ABOUT,
    FUNDING_CHANGE_WARNING,
    RULES,
    SHEETS,
    SPEC_VERSION,
    VERSIONS,
    AtMost,
    ExpectedWhen,
    Field,
    Kind,
    Sheet,
    sheets_in,
)

PreviousFunding = Callable[[str, int], float | None]


@dataclass
class LoadResult:
    """What became of one file: its content when it could be read, and every problem found."""

    file_name: str
    sha256: str
    data: ReturnData | None = None
    problems: list[Problem] = field(default_factory=list)
    borough: str | None = None
    year: int | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        return self.data is not None and not self.errors


def load_return(
    data: bytes,
    file_name: str,
    previous_funding: PreviousFunding | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LoadResult:
    """Check, read and validate one return file. Never raises for bad input."""
    with gc_paused():
        result = _load(data, file_name, previous_funding, limits)
    result.problems = grouped(result.problems)
    return result


def _load(data: bytes, file_name: str, previous_funding: PreviousFunding | None, limits: Limits) -> LoadResult:
    result = LoadResult(file_name, hashlib.sha256(data).hexdigest())
    try:
        check_workbook_bytes(data, limits)
        book = read_workbook(data)
    except FileRefused as refused:
        result.problems.append(Problem("error", None, None, "", "a plain .xlsx workbook", str(refused)))
        return result
    version = return_version(book)
    sheets: dict[str, Columns] = {}
    for spec_sheet in sheets_in(version):
        columns, problems = _read_sheet(book, spec_sheet)
        sheets[spec_sheet.key] = columns
        result.problems.extend(problems)
    _not_asked_as_blank(sheets)
    about = {key: values[0] for key, values in sheets["about"].items() if values}
    if about:
        sheets["about"]["return_version"] = [version]
    result.borough, result.year = about.get("borough"), about.get("financial_year")
    if result.borough and result.year is not None:
        result.data = ReturnData(result.borough, result.year, columns=sheets)
        if previous_funding is not None:
            result.problems.extend(_funding_change(result.data, previous_funding))
    return result


def return_version(book: Workbook) -> int:
    """The version the About sheet states. A workbook with no 'Return version' row is version
    1 (that template had none); a row left blank is the latest (only that template has it); a
    value no version has is read as the latest, and the About sheet's check reports it."""
    name, _ = _find_sheet(book, ABOUT)
    if name is None:
        return SPEC_VERSION
    raw = read_fields_sheet(ABOUT, name, book.grids[name])
    if "return_version" not in raw.columns:
        return 1
    value = raw.columns["return_version"][0]
    stated = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if isinstance(value, str) and value.strip().isdigit():
        stated = int(value.strip())
    return int(stated) if stated in VERSIONS else SPEC_VERSION


def _not_asked_as_blank(sheets: dict[str, Columns]) -> None:
    """Every sheet and field of the spec in `sheets`, those the return's version did not ask as
    blanks (one per record), so every return has one shape; its version says what was asked."""
    for spec_sheet in SHEETS:
        columns = sheets.setdefault(spec_sheet.key, {})
        count = max((len(values) for values in columns.values()), default=0)
        for f in spec_sheet.fields:
            columns.setdefault(f.key, [None] * count)


def _find_sheet(book: Workbook, spec_sheet: Sheet) -> tuple[str | None, list[Problem]]:
    """The one visible sheet named as `spec_sheet` (in any case and spacing), and problems with
    the others: hidden look-alikes are never read, as an officer checking the workbook cannot see them."""
    wanted, expected = label_key(spec_sheet.name), f"one visible sheet named '{spec_sheet.name}'"
    matches = [name for name in book.grids if label_key(name) == wanted]
    visible = [name for name in matches if name not in book.hidden]
    if not visible:
        if not matches:
            return None, []
        return None, [
            Problem(
                "error",
                matches[0],
                None,
                "a hidden sheet",
                expected,
                "The sheet is hidden in Excel, so what it holds cannot be checked by eye and it was not read. "
                "Unhide it (right-click any sheet tab › Unhide) and check its figures, or copy the sheet from the template.",
            )
        ]
    problems = [
        Problem(
            "error",
            name,
            None,
            f"a second sheet '{visible[0]}'",
            expected,
            "Two sheets have the same name but for case or spaces; delete the one that is not the return.",
        )
        for name in visible[1:]
    ] + [
        Problem(
            "warning",
            name,
            None,
            "a hidden sheet",
            expected,
            f"The hidden sheet was ignored and the visible sheet '{visible[0]}' was read; delete the hidden one.",
        )
        for name in matches
        if name in book.hidden
    ]
    return visible[0], problems


def _read_sheet(book: Workbook, spec_sheet: Sheet) -> tuple[Columns, list[Problem]]:
    name, found = _find_sheet(book, spec_sheet)
    if found and name is None:
        return {}, found
    if name is None and spec_sheet.optional:
        return {}, []
    if name is None:
        severity: Severity = "error" if spec_sheet.required else "warning"
        fix = "Use the template: copy this sheet from it into the workbook."
        return {}, [
            Problem(severity, spec_sheet.name, None, "no such sheet", f"a sheet named '{spec_sheet.name}'", fix)
        ]
    reader = read_fields_sheet if spec_sheet.layout == "fields" else read_table_sheet
    raw = reader(spec_sheet, name, book.grids[name])
    columns, problems = _clean_columns(book, raw)
    problems = found + raw.problems + problems
    problems += _cross_field(spec_sheet, name, raw, columns)
    if spec_sheet.unique_together:
        problems += _unique_rows(spec_sheet, name, raw, columns)
    if spec_sheet.max_rows is not None and raw.count > spec_sheet.max_rows:
        problems.append(_too_many_rows(spec_sheet, name, raw))
    blank = raw.columns and all(v is None for values in columns.values() for v in values)
    if (
        blank and not spec_sheet.optional and (spec_sheet.layout == "table" or not spec_sheet.required)
    ):  # else its required answers are errors
        problems.append(_blank_sheet(spec_sheet, name))
    return columns, problems


def _too_many_rows(spec_sheet: Sheet, name: str, raw: RawSheet) -> Problem:
    first_key = spec_sheet.fields[0].key
    return Problem(
        "error",
        name,
        _ref(raw, spec_sheet.max_rows or 0, first_key),
        f"{raw.count} rows",
        f"at most {spec_sheet.max_rows} rows",
        f"The {spec_sheet.name} sheet takes up to {spec_sheet.max_rows} rows: keep the {spec_sheet.max_rows} "
        "that matter most and delete the others.",
    )


def _blank_sheet(spec_sheet: Sheet, name: str) -> Problem:
    """Warning: a whole sheet left blank counts as 'not answered' (never as 0 or No)."""
    what = "rows" if spec_sheet.layout == "table" else "answers"
    return Problem(
        "warning",
        name,
        None,
        f"no {what}",
        f"at least one {what[:-1]} (or a note saying there is nothing to report)",
        f"The {spec_sheet.name} sheet has no {what}: on the dashboards it will show as 'not answered' for this "
        f"authority, not as 0 or No. {spec_sheet.if_none}",
    )


def _clean_columns(book: Workbook, raw: RawSheet) -> tuple[Columns, list[Problem]]:
    """Clean the sheet column by column; problems come out row by row, as officers read them."""
    columns: Columns = {}
    found: list[tuple[int, list[Problem]]] = []
    for f in raw.sheet.fields:
        columns[f.key], problems = _clean_column(book, raw, f)
        found += problems
    found.sort(key=lambda pair: pair[0])
    return columns, [problem for _, problems in found for problem in problems]


def _clean_column(book: Workbook, raw: RawSheet, f: Field) -> tuple[list[Any], list[tuple[int, list[Problem]]]]:
    """One field's clean values, one per record, and each record's problems with that field."""
    values = quick_values(raw.columns.get(f.key) or [None] * raw.count, f)
    problems = []
    if CHECK_CELL in values:
        for i, value in enumerate(values):
            if value is CHECK_CELL:
                cell = raw.cell(i, f.key)
                values[i], found = _clean_cell(book, raw.name, f, cell, raw.sheet.layout == "table" or cell is not None)
                if found:
                    problems.append((i, found))
    return values, problems


def _clean_cell(
    book: Workbook, sheet_name: str, f: Field, cell: RawCell | None, present: bool
) -> tuple[Any, list[Problem]]:
    if cell is not None and isinstance(cell.value, str) and (removed := invisible_characters(cell.value)):
        value, problems = _clean_cell(book, sheet_name, f, RawCell(without_invisible(cell.value), cell.ref), present)
        return value, problems + [_invisible_removed(sheet_name, cell, removed)]
    if cell is None or is_blank(cell.value, f):
        if f.required and present:
            ref = cell.ref if cell else None
            return None, [Problem("error", sheet_name, ref, "", f.expected(), f"'{f.label}' must be answered.")]
        return None, []
    percent_formatted = False
    if (
        f.kind is Kind.PERCENT
        and isinstance(cell.value, (int, float))
        and not isinstance(cell.value, bool)
        and 0 < cell.value <= 1
    ):
        percent_formatted = cell.ref is not None and is_percent_format(book.number_format(sheet_name, cell.ref))
    try:
        value = normalise(cell.value, f, percent_formatted)
    except ValueProblem as problem:
        return None, [Problem("error", sheet_name, cell.ref, shown(cell.value), f.expected(), problem.fix)]
    problems = _bounds(sheet_name, f, cell, value)
    if f.kind is Kind.PERCENT and not percent_formatted and 0 < value < 1:
        problems.append(
            Problem(
                "warning",
                sheet_name,
                cell.ref,
                shown(cell.value),
                f.expected(),
                f"Read as {value:g}%. If you meant {value * 100:g}%, type {value * 100:g}.",
            )
        )
    if not problems:  # the usual case: skip building a generator for every clean cell
        return value, problems
    return (None if any(p.severity == "error" for p in problems) else value), problems


def _invisible_removed(sheet_name: str, cell: RawCell, removed: list[str]) -> Problem:
    """Invisible characters are removed, not refused: they mean nothing to a reader, officers
    cannot see them to delete them, and the file as sent is kept byte for byte."""
    what = (
        f"an invisible control character ({removed[0]})"
        if len(removed) == 1
        else f"invisible control characters ({', '.join(removed)})"
    )
    return Problem(
        "warning",
        sheet_name,
        cell.ref,
        shown(cell.value),
        "text with no invisible control characters",
        f"The answer held {what}, which cannot be stored or exported, so they were removed. Check the answer "
        "reads as meant; retyping it (rather than pasting it) clears this warning.",
    )


def _bounds(sheet_name: str, f: Field, cell: RawCell, value: Any) -> list[Problem]:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return []
    low = f.minimum is not None and value < f.minimum
    high = f.maximum is not None and value > f.maximum
    if not (low or high):
        return []
    fix = "Amounts and counts cannot be negative." if low and f.minimum == 0 else "Check the figure and its units."
    return [Problem("error", sheet_name, cell.ref, shown(cell.value), f.expected(), fix)]


def _cross_field(spec_sheet: Sheet, name: str, raw: RawSheet, columns: Columns) -> list[Problem]:
    problems = []
    for rule in RULES:
        if rule.sheet != spec_sheet.key:
            continue
        if (rule.part if isinstance(rule, AtMost) else rule.field) not in columns:  # not asked in this version
            continue
        if isinstance(rule, AtMost):
            less = columns[rule.less] if rule.less else [0] * len(columns[rule.part])
            for i, (part, whole, minus) in enumerate(zip(columns[rule.part], columns[rule.whole], less)):
                if part is not None and whole is not None and part > whole - (minus or 0):
                    problems.append(_too_large(rule, spec_sheet, name, raw, i, whole - (minus or 0)))
        else:
            for i, (when, answer) in enumerate(zip(columns[rule.when], columns[rule.field])):
                if when is True and answer in (None, ""):
                    problems.append(_expected(rule, spec_sheet, name, raw, i))
    return problems


def _too_large(rule: AtMost, spec_sheet: Sheet, name: str, raw: RawSheet, i: int, whole: float) -> Problem:
    part_label, whole_label = spec_sheet.field(rule.part).label, spec_sheet.field(rule.whole).label
    part_cell, whole_cell = raw.cell(i, rule.part), raw.cell(i, rule.whole)
    assert part_cell is not None and whole_cell is not None  # both were read, or they would be None
    if rule.less:
        less_label, less_cell = spec_sheet.field(rule.less).label, raw.cell(i, rule.less)
        assert less_cell is not None
        return Problem(
            "error",
            name,
            part_cell.ref,
            shown(part_cell.value),
            f"no more than '{whole_label}' less '{less_label}' ({whole_cell.ref} − {less_cell.ref}: {whole:,g})",
            f"'{part_label}' counts only the tenders not divided into lots, so it cannot be larger; "
            "correct one of the three.",
        )
    return Problem(
        "error",
        name,
        part_cell.ref,
        shown(part_cell.value),
        f"no more than '{whole_label}' ({whole_cell.ref}: {whole:,g})",
        f"'{part_label}' is part of '{whole_label}', so it cannot be larger; correct one of the two.",
    )


def _expected(rule: ExpectedWhen, spec_sheet: Sheet, name: str, raw: RawSheet, i: int) -> Problem:
    field_label, when_label = spec_sheet.field(rule.field).label, spec_sheet.field(rule.when).label
    return Problem(
        "warning",
        name,
        _ref(raw, i, rule.field),
        "",
        f"'{field_label}' filled in",
        f"'{when_label}' is Yes, so please give the {field_label.lower()}.",
    )


def _unique_rows(spec_sheet: Sheet, name: str, raw: RawSheet, columns: Columns) -> list[Problem]:
    seen: dict[tuple[Any, ...], int] = {}
    problems = []
    keys = spec_sheet.unique_together
    for i, combination in enumerate(zip(*(columns[k] for k in keys))):
        if None in combination:
            continue
        if combination in seen:
            labels = " × ".join(spec_sheet.field(k).label for k in keys)
            problems.append(
                Problem(
                    "error",
                    name,
                    _ref(raw, i, keys[0]),
                    shown(" × ".join(map(str, combination))),
                    f"one row per {labels}",
                    f"The same combination is already on the row of {_ref(raw, seen[combination], keys[0])}; add the amounts into one row.",
                )
            )
        else:
            seen[combination] = i
    return problems


def _ref(raw: RawSheet, i: int, key: str) -> str | None:
    cell = raw.cell(i, key)
    return cell.ref if cell else None


def _funding_change(data: ReturnData, previous_funding: PreviousFunding) -> list[Problem]:
    """Warn when total funding moved by more than FUNDING_CHANGE_WARNING from the year before."""
    before = previous_funding(data.borough, data.year - 1)
    now = data.total_funding()
    if not before or abs(now - before) / before <= FUNDING_CHANGE_WARNING:
        return []
    change = (now - before) / before
    name = BY_CODE[data.borough].name
    return [
        Problem(
            "warning",
            "Funding",
            None,
            f"total £{now:,.0f} ({change:+.0%})",
            f"a change of under {FUNDING_CHANGE_WARNING:.0%} from {name}'s {financial_year_label(data.year - 1)} total of £{before:,.0f}",
            "Check the amounts and that no rows are missing or doubled; if the change is real, say why in About › Notes.",
        )
    ]
