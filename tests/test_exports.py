"""Exports neutralise formula injection (wayahead/output/exports.py): text starting with = + - @ tab
or CR (also after spaces or invisible characters, or as a look-alike such as ＝) is stored as
text in CSV and XLSX, so Excel never runs it."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from builders import edit, full_content, load

from wayahead.output.exports import (
    dataframe_to_csv_bytes,
    dataframe_to_xlsx_bytes,
    export_frames,
    row_counts,
    safe_cell,
    sheet_frame,
)
from wayahead.returns.spec import FUNDING
from wayahead.returns.template import template_bytes
from wayahead.store.publication import publish
from wayahead.store.returns import store_return

PAYLOADS = [
    "=1+2",
    "+44 20 7946 0000",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=cmd",
    "\r=cmd",
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
]
LOOK_ALIKES = [
    "＝1+2",
    "＋44 20 7946 0000",
    "－2+3",
    "＠SUM(A1:A2)",
    "﹦1+1",
    "\u22122+3",
    " =1+1",
    "  @SUM(1)",
    "\u00a0=1+1",
    "\u3000＝1+1",
    "\u200b=1+1",
    "\ufeff+1",
    "\n=1+1",
]


@pytest.mark.parametrize("text", PAYLOADS + LOOK_ALIKES)
def test_safe_cell_prefixes_formula_starts_with_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Hackney CVS", "a=b", "12", "", " not =first", "a＝b", "１２", 12, -5.5, None, True])
def test_safe_cell_leaves_everything_else_alone(value):
    assert safe_cell(value) == value


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"Organisation": PAYLOADS, "Amount (£)": range(len(PAYLOADS)), "=Header": ["ok"] * len(PAYLOADS)}
    )


def test_csv_export_neutralises_every_formula_start():
    data = dataframe_to_csv_bytes(_frame())
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, so Excel shows £
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Organisation", "Amount (£)", "'=Header"]
    assert [r[0] for r in rows[1:]] == ["'" + p for p in PAYLOADS]
    assert [r[1] for r in rows[1:]] == [str(n) for n in range(len(PAYLOADS))]


@pytest.mark.parametrize("text", ["x\r=cmd|' /C calc'!A0", "x\n=1+1", "x\r\n@SUM(1)"])
def test_csv_line_break_inside_a_field_cannot_start_a_row_with_a_formula(text):
    """Excel breaks rows at a bare CR or LF outside quotes; a field holding one must be quoted."""
    data = dataframe_to_csv_bytes(pd.DataFrame({"Notes": [text], "n": [1]})).decode("utf-8-sig")
    assert data == f'Notes,n\r\n"{text}",1\r\n'
    assert [row for row in csv.reader(io.StringIO(data, newline=""))] == [["Notes", "n"], [text, "1"]]


def test_xlsx_export_has_no_formula_and_reads_back_as_text():
    data = dataframe_to_xlsx_bytes({"Infrastructure": _frame()})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        xml = b"".join(archive.read(n) for n in sheets)
    assert b"<f>" not in xml and b"<f " not in xml
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Infrastructure"]
    values = [row[0] for row in ws.iter_rows(min_row=2, max_col=1, values_only=True)]
    assert values == ["'" + p.replace("\r", "\n") for p in PAYLOADS]  # XML reads a bare CR as LF
    assert all(ws.cell(r, 1).data_type == "s" for r in range(2, len(PAYLOADS) + 2))
    assert ws["C1"].value == "'=Header" and ws["B2"].value == 0


def test_xlsx_export_writes_missing_values_as_empty_cells_and_cuts_long_sheet_names():
    frame = pd.DataFrame({"a": [1.0, None], "b": ["x", None]})
    book = openpyxl.load_workbook(
        io.BytesIO(dataframe_to_xlsx_bytes({"A sheet name far longer than Excel allows": frame}))
    )
    [name] = book.sheetnames
    assert name == "A sheet name far longer than Ex"
    assert list(book[name].values) == [("a", "b"), (1, "x")]  # the all-missing row is empty


def test_stored_return_with_injection_text_exports_safely(engine):
    """Officers can type text starting with '=' (Excel's leading apostrophe); it is stored as
    text and must leave the export as text."""

    def change(book):
        for ws, ref, text in (
            (book["Infrastructure"], "A4", '=HYPERLINK("http://evil","Click")'),
            (book["About"], "B9", "@SUM(1,2)"),
        ):
            ws[ref].value = text
            ws[ref].data_type = "s"  # a string, as Excel saves '=… typed with an apostrophe

    data = edit(template_bytes(full_content()), change)
    result = load(data)
    assert result.valid, [p.message for p in result.problems]
    assert result.data.sheets["infrastructure"][0]["organisation"] == '=HYPERLINK("http://evil","Click")'
    store_return(engine, result, data, "ada")
    publish(engine, result.year, "ada")
    frames = export_frames(engine, personal=True)
    book = openpyxl.load_workbook(io.BytesIO(dataframe_to_xlsx_bytes(frames)))
    assert book["Infrastructure"]["D2"].value == '\'=HYPERLINK("http://evil","Click")'
    header, first = list(book["About"].values)[:2]
    assert first[header.index("Notes")] == "'@SUM(1,2)"
    rows = list(csv.reader(io.StringIO(dataframe_to_csv_bytes(frames["Infrastructure"]).decode("utf-8-sig"))))
    assert rows[1][3] == '\'=HYPERLINK("http://evil","Click")'


def test_export_frames_filter_by_authority_and_year(engine):
    for code, year in (("E09000012", 2024), ("E09000012", 2023), ("E09000022", 2024)):
        data = template_bytes(full_content(code, year))
        store_return(engine, load(data), data, "ada")
    assert export_frames(engine)["About"].empty  # nothing published yet
    frames = export_frames(engine, codes=["E09000012"], years=[2024], include_unpublished=True)
    about = frames["About"]
    assert list(about["Borough code"]) == ["E09000012"] and list(about["Financial year"]) == ["2024/25"]
    assert len(frames["Funding"]) == 3
    assert len(export_frames(engine, include_unpublished=True)["Funding"]) == 9


def test_row_counts_and_limited_sheet_frames_match_the_full_export(engine):
    for code, year in (("E09000012", 2024), ("E09000012", 2023), ("E09000022", 2024)):
        data = template_bytes(full_content(code, year))
        store_return(engine, load(data), data, "ada")
    for scope in ({}, {"codes": ["E09000012"], "years": [2024]}):
        frames = export_frames(engine, **scope)
        assert row_counts(engine, **scope) == {name: len(frame) for name, frame in frames.items()}
    first_two = sheet_frame(engine, FUNDING, limit=2)
    assert first_two.equals(export_frames(engine)["Funding"].head(2))


@pytest.mark.db
def test_exports_work_on_a_store_that_took_control_characters_before_the_reader_removed_them(engine):
    """Issue 11: text with ESC and BEL stored before the fix once made the Excel export fail
    for everyone; each such character is now shown as its code point. (PostgreSQL never took NUL.)"""
    from pages_fixtures import store_content

    store_content(
        engine,
        "E09000012",
        2024,
        {
            "about": [{"borough": "E09000012", "financial_year": 2024, "notes": "a\x1b[2Jb\x07\x1f\u202e"}],
            "infrastructure": [{"organisation": "=\x1bCVS"}],
        },
    )
    frames = export_frames(engine, personal=True)  # notes are personal
    book = openpyxl.load_workbook(io.BytesIO(dataframe_to_xlsx_bytes(frames)))
    assert [row[6] for row in book["About"].values][1] == "a[U+001B][2Jb[U+0007][U+001F][U+202E]"
    assert [row[3] for row in book["Infrastructure"].values][1] == "'=[U+001B]CVS"
    text = dataframe_to_csv_bytes(frames["About"]).decode("utf-8-sig")
    assert "a[U+001B][2Jb[U+0007][U+001F][U+202E]" in text and "\x1b" not in text


def test_a_stored_look_alike_leaves_the_command_line_export_as_text(engine, database_url, tmp_path):
    """Full-width ＝ and padded formulas used to leave the export as they came, for Excel to run."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    texts = {"A4": '＝HYPERLINK("http://evil","Click")', "A5": "＠SUM(1,2)", "A6": "﹢1+1"}

    def change(book):
        for ref, text in texts.items():
            book["Infrastructure"][ref].value = text
            book["Infrastructure"][ref].data_type = "s"

    content = full_content()
    data = edit(template_bytes(content), change)
    result = load(data)
    assert result.valid, [p.message for p in result.problems]
    assert [r["organisation"] for r in result.data.sheets["infrastructure"][:3]] == list(texts.values())
    store_return(engine, result, data, "ada")
    publish(engine, result.year, "ada")
    env = os.environ | {"WAYAHEAD_DATABASE_URL": database_url, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-m", "wayahead", "export", "all.xlsx"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    ws = openpyxl.load_workbook(tmp_path / "all.xlsx")["Infrastructure"]
    organisations = [row[3] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert ["'" + t for t in texts.values()] == organisations[:3]
