"""The uploaded workbook sent back with its problems marked, so a borough can fix it in Excel.

Each problem cell is filled (red for errors, amber for warnings) and carries a comment that
starts with ERROR or WARNING and says what is wrong and how to fix it; a "Problems" sheet at
the front lists every problem, including those without a cell. A problem repeated in many
cells is marked in the first few it names (see loaders.problems.grouped), and at most
MAX_MARKED cells are marked in all, so the marked copy stays quick to make and to open. Only
files that passed the safety checks are opened.
"""

from __future__ import annotations

import io
from collections import defaultdict

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from loaders.problems import FileRefused, Problem
from loaders.safety import check_workbook_bytes
from loaders.values import label_key
from wayahead.output.exports import safe_cell

PROBLEMS_SHEET = "Problems"
FILLS = {
    "error": PatternFill("solid", fgColor="F4B6B6"),
    "warning": PatternFill("solid", fgColor="FFE08A"),
}
AUTHOR = "Way Ahead validator"
COLUMNS = ("Severity", "Sheet", "Cell", "Found", "Expected", "How to fix")
MAX_MARKED = 1000


def annotated_workbook(data: bytes, problems: list[Problem]) -> bytes | None:
    """The workbook with every problem marked, or None if the file is refused as unsafe or
    openpyxl cannot open it."""
    try:
        check_workbook_bytes(data)
    except FileRefused:
        return None
    try:
        book = load_workbook(io.BytesIO(data))
    except Exception:  # XML openpyxl refuses that calamine read (e.g. raw control bytes): no marked copy
        return None
    notes: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        ws = _worksheet(book, problem.sheet)
        if ws is not None:
            for cell in (problem.cell or "A1", *problem.also):
                if len(notes) < MAX_MARKED or (ws.title, cell) in notes:
                    notes[(ws.title, cell)].append(problem)
    for (title, cell), found in notes.items():
        _mark(book[title], cell, found)
    _problems_sheet(book, problems)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _worksheet(book: Workbook, sheet_name: str | None) -> Worksheet | None:
    if not sheet_name:
        return None
    if sheet_name in book.sheetnames:  # the sheet the validator read (look-alikes may stand beside it)
        return book[sheet_name]
    wanted = label_key(sheet_name)
    return next((ws for ws in book.worksheets if label_key(ws.title) == wanted), None)


def _mark(ws: Worksheet, cell_ref: str, problems: list[Problem]) -> None:
    """Fill one cell by its worst problem and attach a comment listing all of them."""
    cell = ws[cell_ref]
    worst = "error" if any(p.severity == "error" for p in problems) else "warning"
    text = "\n\n".join(_comment_text(p) for p in problems)
    if cell.comment is not None:
        text = f"{text}\n\n(Comment already here: {cell.comment.text})"
    if problems[0].cell:
        cell.fill = FILLS[worst]
    cell.comment = Comment(text, AUTHOR, width=320, height=40 + 60 * len(problems))


def _comment_text(problem: Problem) -> str:
    found = f"Found {problem.found}" if problem.found else "Found nothing"
    where = "" if problem.cell else " (whole sheet)"
    others = f" The same in {problem.count - 1:,} other cells: {problem.cells}." if problem.count > 1 else ""
    return f"{problem.severity.upper()}{where}: {found}; expected {problem.expected}. {problem.fix}{others}"


def _problems_sheet(book: Workbook, problems: list[Problem]) -> None:
    if PROBLEMS_SHEET in book.sheetnames:
        del book[PROBLEMS_SHEET]
    ws = book.create_sheet(PROBLEMS_SHEET, 0)
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for problem in problems:
        ws.append(
            [
                safe_cell(v)
                for v in (
                    problem.severity.upper(),
                    problem.sheet or "Workbook",
                    problem.cells,
                    problem.found,
                    problem.expected,
                    problem.fix,
                )
            ]
        )
    if not problems:
        ws.append(["No problems found."])
    for column, width in zip("ABCDEF", (10, 16, 8, 30, 45, 70)):
        ws.column_dimensions[column].width = width
    for other in book.worksheets:
        other.sheet_view.tabSelected = other is ws
    book.active = 0
