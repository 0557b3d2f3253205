"""The blank template (wayahead/returns/template.py) is generated from the spec: every sheet, label,
drop-down and help text is there, and the validator reads it back."""

from __future__ import annotations

import io

import openpyxl
import pytest
from builders import load

from loaders.safety import check_workbook_bytes
from wayahead.returns.london import AUTHORITIES
from wayahead.returns.spec import SHEETS, SPEC_VERSION, Kind
from wayahead.returns.template import HEADER_ROW, template_bytes

BLANK = template_bytes()


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(io.BytesIO(BLANK))


def _list_values(book, formula):  # type: ignore[no-untyped-def]
    """The values a drop-down offers, read from its range on the hidden Lists sheet."""
    sheet, cells = formula.split("!")
    ws = book[sheet.strip("'")]
    first, last = cells.replace("$", "").split(":")
    return [row[0].value for row in ws[first:last]]


def _validations(ws):  # type: ignore[no-untyped-def]
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def test_sheets_in_order_with_instructions_first_and_lists_hidden(book):
    assert book.sheetnames == ["Instructions", *(s.name for s in SHEETS), "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    assert all(book[s.name].sheet_state == "visible" for s in SHEETS)


def test_fields_sheets_have_every_label_with_its_help(book):
    for spec_sheet in (s for s in SHEETS if s.layout == "fields"):
        ws = book[spec_sheet.name]
        rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, max_col=3, values_only=True))
        assert [r[0] for r in rows] == [f.label for f in spec_sheet.fields]
        for (_label, answer, guidance), f in zip(rows, spec_sheet.fields):
            assert answer == (SPEC_VERSION if f.key == "return_version" else None)  # the template states its version
            assert guidance.startswith(f.help) and guidance.endswith("(Required.)") is f.required


def test_table_sheets_have_the_header_row_with_comments(book):
    for spec_sheet in (s for s in SHEETS if s.layout == "table"):
        ws = book[spec_sheet.name]
        header = [c.value for c in ws[HEADER_ROW]]
        assert header == [f.label for f in spec_sheet.fields]
        for cell, f in zip(ws[HEADER_ROW], spec_sheet.fields):
            assert cell.comment.text == f"{f.help} Expected: {f.expected()}."


def test_answer_cells_carry_help_comments(book):
    ws = book["Leadership"]
    assert ws["B4"].comment.text == (
        "Does a cabinet member hold the voluntary and community sector in their portfolio? Expected: Yes or No."
    )


def test_every_choice_field_has_a_drop_down_of_exactly_its_choices(book):
    for spec_sheet in SHEETS:
        ws = book[spec_sheet.name]
        by_range = _validations(ws)
        for n, f in enumerate(spec_sheet.fields):
            if f.kind not in (Kind.CHOICE, Kind.YES_NO, Kind.BOROUGH, Kind.FINANCIAL_YEAR):
                continue
            if spec_sheet.layout == "fields":
                where = f"B{HEADER_ROW + 1 + n}"
            else:
                letter = openpyxl.utils.get_column_letter(n + 1)
                where = next(r for r in by_range if r.startswith(f"{letter}{HEADER_ROW + 1}:"))
            offered = _list_values(book, by_range[where].formula1)
            expected = {
                Kind.CHOICE: list(f.choices),
                Kind.YES_NO: ["Yes", "No"],
                Kind.BOROUGH: [a.name for a in AUTHORITIES],
            }.get(f.kind)
            if f.kind is Kind.FINANCIAL_YEAR:
                assert "2024/25" in offered and offered == sorted(offered)
            else:
                assert offered == expected, (spec_sheet.name, f.label)


def test_money_and_percentage_cells_are_formatted(book):
    assert book["Funding"]["C4"].number_format == '"£"#,##0'
    ws = book["Social value"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value.startswith("Standard social value"))
    assert ws.cell(row, 2).number_format == '0"%"'


def test_template_is_deterministic_and_passes_the_safety_checks():
    assert template_bytes() == BLANK
    check_workbook_bytes(BLANK)


def test_blank_template_reads_with_only_required_answer_errors():
    result = load(BLANK)
    required = [(s.name, f.label) for s in SHEETS if s.layout == "fields" for f in s.fields if f.required]
    assert len(result.errors) == len(required)
    assert all(p.fix.endswith("must be answered.") for p in result.errors)
    # each sheet with no required answer (those are errors): "no answers", read as not answered
    assert [p.sheet for p in result.warnings] == [
        s.name for s in SHEETS if not s.optional and (s.layout == "table" or not s.required)
    ]
    assert all("will show as 'not answered'" in p.fix for p in result.warnings) and result.data is None


def test_filled_template_shows_values_as_an_officer_types_them():
    from builders import full_content

    book = openpyxl.load_workbook(io.BytesIO(template_bytes(full_content())))
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert (about["Borough"], about["Financial year"]) == ("Hackney", "2024/25")
    assert book["Leadership"]["B4"].value == "Yes"
    assert book["Funding"]["B4"].value == "Grant – core"


def test_filled_text_that_looks_like_a_formula_is_written_as_text() -> None:
    import io
    import zipfile

    from builders import full_content

    content = full_content()
    content["about"][0]["notes"] = '=HYPERLINK("http://evil","x")'
    xlsx = template_bytes(content)
    archive = zipfile.ZipFile(io.BytesIO(xlsx))
    sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and all(b"<f>" not in archive.read(n) for n in sheets)
    result = load(xlsx)
    assert result.data is not None and result.data.sheets["about"][0]["notes"] == content["about"][0]["notes"]


def test_the_template_and_the_dictionary_state_each_numbers_maximum(book):
    """Issue 11: the maximum of every amount and count is spec'd, so both say it."""
    from wayahead.output.dictionary import data_dictionary

    assert book["Funding"]["C3"].comment.text.endswith("from £0 to £10,000,000,000.")
    assert book["Funding"]["D3"].comment.text.endswith("a whole number from 0 to 1,000,000.")
    dictionary = data_dictionary().set_index("Label")
    assert dictionary.loc["Amount (£)", "Expected"].endswith("from £0 to £10,000,000,000")
    assert dictionary.loc["Organisations supported", "Expected"] == "a whole number from 0 to 1,000,000"


def test_guidance_writes_names_as_names(book):
    """NHS, GLA and the National Lottery keep their capitals inside the guidance sentences."""
    texts = [
        str(text)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        for text in (cell.value, cell.comment.text if cell.comment else None)
        if isinstance(text, str)
    ]
    guidance = " ".join(texts)
    assert "Income in the year from the NHS." in guidance
    assert "Income in the year from the GLA and London Councils." in guidance
    assert "the National Lottery" in guidance
    for lowered in (" nhs", " gla", "national Lottery"):
        assert lowered not in guidance


def test_the_instructions_send_an_officer_to_the_upload_page_not_to_a_command_line(book):
    """The officers who fill the return work in Excel or Calc: a command means nothing to them."""
    words = " ".join(str(row[0].value or "") for row in book["Instructions"].iter_rows())
    assert "Upload page" in words
    assert not any(command in words for command in ("python", " -m ", "wayahead "))
