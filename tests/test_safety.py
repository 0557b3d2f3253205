"""Hostile and broken uploads (built in tests/hostile.py) are refused by load_return with
one plain message and no data; and the second line of defence (defusedxml) is real."""

from __future__ import annotations

import io
import re
import zipfile

import defusedxml
import hostile
import openpyxl
import pytest
from builders import load, valid_bytes
from defusedxml.common import DefusedXmlException

from loaders.problems import FileRefused
from loaders.safety import Limits, _part_chunks, check_workbook_bytes

REFUSED = {
    "zip bomb": (hostile.zip_bomb, "unsafe size when opened (a 'zip bomb')"),
    "ratio bomb": (lambda: hostile.zip_bomb(20 * hostile.MB), "compressed far more than any real spreadsheet"),
    "too many parts": (hostile.many_parts, "a return has far fewer"),
    "XML bomb in a sheet": (hostile.xml_bomb, "DOCTYPE or entity declarations"),
    "XML bomb in content types": (lambda: hostile.xml_bomb("[Content_Types].xml"), "DOCTYPE or entity declarations"),
    "XML bomb in relationships": (lambda: hostile.xml_bomb("_rels/.rels"), "DOCTYPE or entity declarations"),
    "DOCTYPE after a comment": (hostile.doctype_after_comment, "DOCTYPE or entity declarations"),
    "macro workbook": (hostile.macro_workbook, "contains macros"),
    "VBA part only": (hostile.hidden_vba_project, "contains macros"),
    "renamed CSV": (hostile.renamed_csv, "it may be a CSV"),
    "empty file": (hostile.empty_file, "The file is empty"),
    "truncated": (hostile.truncated_xlsx, "damaged or incomplete"),
    "old .xls": (hostile.old_xls, "old-style .xls"),
    "path traversal": (hostile.path_traversal, "unsafe name ('../../etc/evil.xml')"),
    "absolute path": (lambda: hostile.path_traversal("/etc/passwd"), "unsafe name"),
    "windows path": (lambda: hostile.path_traversal("..\\evil.xml"), "unsafe name"),
    "encrypted entry": (hostile.encrypted_entry, "The workbook is encrypted"),
    "zip that is not a workbook": (hostile.zip_without_workbook, "no workbook part inside"),
    "damaged workbook XML": (hostile.damaged_sheet_xml, "could not be read (it may be damaged)"),
    "bad CRC": (hostile.bad_crc, "damaged or incomplete"),
}


@pytest.mark.parametrize("build, says", REFUSED.values(), ids=REFUSED.keys())
def test_hostile_file_is_refused_with_one_plain_message_and_no_data(build, says):
    result = load(build())
    assert result.data is None and result.borough is None and result.year is None
    assert not result.valid
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.severity == "error" and problem.sheet is None and problem.cell is None
    assert says in problem.message
    assert problem.message == problem.fix  # a refusal is one sentence or two, not a cell report
    assert re.search(r"(?i)\b(save|use the template|remove|delete)\b", problem.fix)  # and says what to do
    assert "\n" not in problem.message and "Traceback" not in problem.message


def test_refusal_happens_before_any_parser_sees_the_bytes():
    with pytest.raises(FileRefused, match="XML bomb"):
        check_workbook_bytes(hostile.xml_bomb())
    check_workbook_bytes(valid_bytes())  # a real return passes


def test_limits_can_be_lowered():
    data = valid_bytes()
    refused = load_with(data, Limits(max_file_bytes=1000))
    assert "the limit is 0 MB" in refused.problems[0].message and refused.data is None
    assert "unsafe size when opened" in load_with(data, Limits(max_uncompressed_bytes=10_000)).problems[0].message
    assert load_with(data, Limits(max_entries=5)).problems[0].message.startswith("The workbook has")
    assert load_with(data, Limits()).valid


def load_with(data, limits):
    from loaders import load_return

    return load_return(data, "return.xlsx", limits=limits)


def test_sha256_is_recorded_even_for_refused_files():
    import hashlib

    data = hostile.renamed_csv()
    assert load(data).sha256 == hashlib.sha256(data).hexdigest()


def test_defusedxml_is_installed_and_openpyxl_uses_it():
    assert defusedxml.__version__
    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize("build", [hostile.xml_bomb, hostile.inline_entity_workbook])
def test_openpyxl_refuses_an_entity_laden_workbook(build):
    """Were the pre-parse check bypassed, openpyxl (used for number formats) still refuses."""
    with pytest.raises(Exception) as raised:
        openpyxl.load_workbook(io.BytesIO(build()))
    chain, error = [], raised.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, DefusedXmlException) for e in chain), chain


def test_number_format_unreadable_by_openpyxl_falls_back_to_a_warning():
    result = load(hostile.unreadable_styles())
    warnings = [p for p in result.warnings if p.sheet == "Social value"]
    assert [p.fix for p in warnings] == ["Read as 0.15%. If you meant 15%, type 15."]


@pytest.mark.parametrize(
    "content",
    [b"", b"<a/>", b"<r>" + b"a" * 300_000 + b"</r>", bytes(range(256)) * 2000, b"<r>" + b"ab" * 70_000 + b"z" * 5],
    ids=["empty", "tiny", "one long run", "incompressible", "run ending in a long match"],
)
@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED], ids=["deflated", "stored"])
def test_part_chunks_give_back_exactly_the_part(content, method):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        archive.writestr("xl/part.xml", content)
    data = buffer.getvalue()
    [entry] = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert b"".join(_part_chunks(data, entry)) == content


def test_a_part_cut_short_is_damaged():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/part.xml", bytes(range(256)) * 400)
    data = buffer.getvalue()
    [entry] = zipfile.ZipFile(io.BytesIO(data)).infolist()
    entry.compress_size -= 100  # the directory promises less than the whole stream
    with pytest.raises(zipfile.BadZipFile):
        b"".join(_part_chunks(data, entry))


def test_sheet_limits_can_be_set_and_a_large_real_return_is_within_the_defaults():
    from bench.data import large_return_bytes

    assert load_with(large_return_bytes(), Limits()).valid  # 5,000 organisations: well inside the limits
    refused = load_with(valid_bytes(), Limits(max_sheet_rows=20)).problems[0].message
    assert refused.startswith("The sheet 'Funding' reaches cell A21, beyond row 20")
    assert "beyond column B" in load_with(valid_bytes(), Limits(max_sheet_columns=2)).problems[0].message
    assert "more than 10 filled cells" in load_with(valid_bytes(), Limits(max_sheet_cells=10)).problems[0].message


def test_cells_without_references_are_placed_as_excel_places_them():
    # no r= on the cells: the 17th cell of row 50 is in column Q, past a 16-column limit
    row = b'<row r="50">' + b"<c><v>1</v></c>" * 17 + b"</row>"
    data = hostile._add_rows(valid_bytes(), row)
    assert "reaches cell Q50, beyond column P" in load_with(data, Limits(max_sheet_columns=16)).problems[0].message
    within = load_with(data, Limits())  # read as usual within the limits: the row's cells are checked
    assert within.borough == "E09000012" and not any("far more than any return" in p.message for p in within.problems)
