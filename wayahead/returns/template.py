"""The blank return (and filled copies of it), written from the spec with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from wayahead.returns.london import AUTHORITIES, financial_year_label
from wayahead.returns.spec import SPEC_VERSION, Field, Kind, Sheet, sheets_in

FIRST_YEAR, LAST_YEAR = 2016, 2030
TABLE_ROWS = {"funding": 30, "infrastructure": 40, "good_practice": 5}
HEADER_ROW = 3
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
THIN = Side(style="thin", color="7F7F7F")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIXED_TIME = dt.datetime(2025, 1, 1)
FIXED_STAMP = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
NUMBER_FORMATS = {Kind.MONEY: '"£"#,##0', Kind.DATE: "dd/mm/yyyy", Kind.WHOLE: "0", Kind.PERCENT: '0"%"'}

Record = dict[str, Any]


def template_bytes(content: dict[str, list[Record]] | None = None, version: int = SPEC_VERSION) -> bytes:
    """The blank template, or a return filled with `content` (sheet key → records), of the
    return's `version` (the latest unless an earlier one is asked for, as officers may still send)."""
    book = build_workbook(content, version)
    out = io.BytesIO()
    book.save(out)
    return _fixed_timestamps(out.getvalue())


def _fixed_timestamps(xlsx: bytes) -> bytes:
    """The same workbook with every zip entry dated FIXED_TIME, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            part = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                part = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED_STAMP, part)
            target.writestr(fixed, part)
    return out.getvalue()


def build_workbook(content: dict[str, list[Record]] | None = None, version: int = SPEC_VERSION) -> Workbook:
    book = Workbook()
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.title = f"Way Ahead borough return (version {version})"
    sheets = sheets_in(version)
    _instructions(cast(Worksheet, book.active), sheets, version)  # a new workbook's one sheet
    lists = _lists_sheet(book, sheets)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        records = (content or {}).get(sheet.key, [])
        if sheet.key == "about" and version > 1:
            records = [{**(records[0] if records else {}), "return_version": version}]
        if sheet.layout == "fields":
            _fields_sheet(ws, sheet, records[0] if records else {}, lists)
        else:
            _table_sheet(ws, sheet, records, lists)
    book.move_sheet(lists, offset=len(book.sheetnames))
    return book


def _instructions(ws: Worksheet, sheets: tuple[Sheet, ...], version: int) -> None:
    ws.title = "Instructions"
    tables = ", ".join(s.name for s in sheets if s.layout == "table")
    lines = [
        (f"Way Ahead borough return (version {version})", True),
        ("One return per London local authority and financial year (April to March, e.g. 2024/25).", False),
        ("Fill in the yellow cells on each sheet. Choose from the drop-down lists where there is one.", False),
        ("Hover over a cell (or read the Guidance column) for what to enter.", False),
        ("Money: whole pounds (12345 or £12,345), never 12.3k or 1.2m. Percentages: 15 means 15%.", False),
        (f"Table sheets ({tables}): one row per record; add rows below if you need more.", False),
        ("Do not rename sheets or change the labels. Save as Excel Workbook (.xlsx), without macros.", False),
        (
            "Before sending, check it on the dashboard's Upload page if you have an account: it lists any problem "
            "by sheet and cell, and stores nothing until you choose to.",
            False,
        ),
        ("", False),
        ("Sheets", True),
    ]
    several = [f.label for s in sheets for f in s.fields if f.kind is Kind.CHOICES]
    if several:
        lines.insert(
            -2, (f"Where a question takes several answers ({', '.join(several)}), separate them with ';'.", False)
        )
    lines += [(f"{s.name}: {s.purpose}", False) for s in sheets]
    for r, (text, bold) in enumerate(lines, start=1):
        ws.cell(r, 1, text).font = Font(bold=bold, size=14 if r == 1 else 11)
    ws.column_dimensions["A"].width = 110


def _lists_sheet(book: Workbook, sheets: tuple[Sheet, ...]) -> Worksheet:
    ws: Worksheet = book.create_sheet("Lists")
    ws.sheet_state = "hidden"
    columns: list[tuple[str, list[str]]] = [
        ("Authority", [a.name for a in AUTHORITIES]),
        ("Financial year", [financial_year_label(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]),
        ("Yes/No", ["Yes", "No"]),
    ]
    for sheet in sheets:
        columns += [(f"{sheet.key}.{f.key}", list(f.choices)) for f in sheet.fields if f.kind is Kind.CHOICE]
    for c, (title, values) in enumerate(columns, start=1):
        ws.cell(1, c, title)
        for r, value in enumerate(values, start=2):
            ws.cell(r, c, value)
    ws.sheet_properties.tabColor = "BFBFBF"
    return ws


def _list_range(lists: Worksheet, title: str) -> str | None:
    for c in range(1, lists.max_column + 1):
        if lists.cell(1, c).value == title:
            letter = get_column_letter(c)
            last = 1
            while lists.cell(last + 1, c).value is not None:
                last += 1
            return f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${last}"
    return None


def _validation_for(sheet: Sheet, f: Field, lists: Worksheet) -> DataValidation | None:
    title = {Kind.BOROUGH: "Authority", Kind.FINANCIAL_YEAR: "Financial year", Kind.YES_NO: "Yes/No"}.get(
        f.kind, f"{sheet.key}.{f.key}" if f.kind is Kind.CHOICE else None
    )
    if title is None:
        return None
    validation = DataValidation(type="list", formula1=_list_range(lists, title), allow_blank=not f.required)
    validation.error = f"Choose {f.expected()}."
    validation.errorTitle = f.label
    validation.showErrorMessage = True
    return validation


def _style_input(cell: Any, f: Field) -> None:
    cell.fill = INPUT_FILL
    cell.border = BOX
    if f.kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[f.kind]


def display_value(value: Any, f: Field) -> Any:
    """A clean value as an officer would type it (Yes/No, 2024/25, the authority's name)."""
    if value is None:
        return None
    if f.kind is Kind.YES_NO:
        return "Yes" if value else "No"
    if f.kind is Kind.FINANCIAL_YEAR:
        return financial_year_label(value)
    if f.kind is Kind.BOROUGH:
        return next(a.name for a in AUTHORITIES if a.code == value)
    return value


def _answer_cell(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write an answer; text is always stored as text, never as a formula (openpyxl's default for '=…')."""
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _title(ws: Worksheet, sheet: Sheet) -> None:
    ws.cell(1, 1, sheet.name).font = Font(bold=True, size=14)
    ws.cell(2, 1, sheet.purpose).alignment = Alignment(wrap_text=False)


def _fields_sheet(ws: Worksheet, sheet: Sheet, record: Record, lists: Worksheet) -> None:
    _title(ws, sheet)
    for c, text in enumerate(("Field", "Value", "Guidance"), start=1):
        cell = ws.cell(HEADER_ROW, c, text)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), HEADER_FILL
    for r, f in enumerate(sheet.fields, start=HEADER_ROW + 1):
        ws.cell(r, 1, f.label).font = Font(bold=f.required)
        answer = _answer_cell(ws, r, 2, display_value(record.get(f.key), f))
        _style_input(answer, f)
        answer.comment = Comment(f"{f.help} Expected: {f.expected()}.", "Way Ahead")
        ws.cell(r, 3, f.help + (" (Required.)" if f.required else "")).alignment = Alignment(wrap_text=True)
        validation = _validation_for(sheet, f, lists)
        if validation:
            ws.add_data_validation(validation)
            validation.add(answer)
    ws.column_dimensions["A"].width = 62
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 80


def _table_sheet(ws: Worksheet, sheet: Sheet, records: list[Record], lists: Worksheet) -> None:
    _title(ws, sheet)
    rows = max(TABLE_ROWS.get(sheet.key, 30), len(records))
    for c, f in enumerate(sheet.fields, start=1):
        header = ws.cell(HEADER_ROW, c, f.label)
        header.font, header.fill = Font(bold=True, color="FFFFFF"), HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        header.comment = Comment(f"{f.help} Expected: {f.expected()}.", "Way Ahead")
        ws.column_dimensions[get_column_letter(c)].width = 24 if f.kind is not Kind.TEXT else 34
        for r in range(rows):
            value = records[r].get(f.key) if r < len(records) else None
            _style_input(_answer_cell(ws, HEADER_ROW + 1 + r, c, display_value(value, f)), f)
        validation = _validation_for(sheet, f, lists)
        if validation:
            ws.add_data_validation(validation)
            letter = get_column_letter(c)
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + rows}")
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
