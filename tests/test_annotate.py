"""The workbook sent back with its problems marked: the right cells filled and commented."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from return_files import error_bytes, good_bytes, macro_bytes, warning_bytes

from loaders.problems import Problem
from loaders.validate import load_return
from wayahead.intake.annotate import FILLS, PROBLEMS_SHEET, annotated_workbook


def _marked(data: bytes, problems: list[Problem]):
    out = annotated_workbook(data, problems)
    assert out is not None
    return load_workbook(io.BytesIO(out))


def test_error_cells_are_filled_and_commented():
    data = error_bytes()
    book = _marked(data, load_return(data, "errors.xlsx").problems)

    trained = book["Training"]["B5"]
    assert trained.fill.fgColor.rgb.endswith(FILLS["error"].fgColor.rgb[-6:])
    assert trained.comment.text.startswith("ERROR: Found 9; ")
    policy = book["Social value"]["B4"]
    assert policy.comment.text.startswith("ERROR: Found nothing")
    assert "ERROR" not in book["Training"]["B4"].comment.text  # the template's own help, untouched
    assert "(Comment already here:" in trained.comment.text

    listing = [row for row in book[PROBLEMS_SHEET].iter_rows(values_only=True)]
    assert listing[0] == ("Severity", "Sheet", "Cell", "Found", "Expected", "How to fix")
    assert sorted((r[1], r[2]) for r in listing[1:]) == [("Social value", "B4"), ("Training", "B5")]
    assert book.sheetnames[0] == PROBLEMS_SHEET


def test_warnings_are_marked_as_warnings():
    data = warning_bytes()
    book = _marked(data, load_return(data, "warning.xlsx").problems)
    title = book["Leadership"]["B5"]
    assert title.comment.text.startswith("WARNING:")
    assert title.fill.fgColor.rgb.endswith(FILLS["warning"].fgColor.rgb[-6:])


def test_problems_without_a_cell_go_on_a1_or_the_problems_sheet():
    problems = [
        Problem("warning", "Funding", None, "", "a totals row that adds up", "Check the totals."),
        Problem("error", "Nowhere", None, "no such sheet", "a sheet named 'Nowhere'", "Use the template."),
    ]
    book = _marked(good_bytes(), problems)
    assert book["Funding"]["A1"].comment.text.startswith("WARNING (whole sheet):")
    assert [r[1] for r in book[PROBLEMS_SHEET].iter_rows(min_row=2, values_only=True)] == ["Funding", "Nowhere"]


def test_unsafe_files_are_not_opened():
    assert annotated_workbook(macro_bytes(), []) is None
    assert annotated_workbook(b"name,amount\nx,1\n", []) is None
