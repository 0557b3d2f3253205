"""Layout tolerance (loaders/layout.py): officers' workbooks rarely look exactly like the
template, and every tolerated difference is read the same as the template would be."""

from __future__ import annotations

from builders import (
    edit,
    full_content,
    load,
    only_problem_at,
    problems_at,
    replace_sheet,
    table_rows,
    valid_bytes,
)
from openpyxl.utils import get_column_letter

from wayahead.returns.template import template_bytes

FUNDING = full_content(version=1)["funding"]  # the layout tests use version 1's seven columns


def _funding_records(result):
    assert result.data is not None, [p.message for p in result.problems]
    return result.data.sheets["funding"]


def _with_funding_rows(rows, title="Funding"):
    v1 = template_bytes(full_content(version=1), version=1)
    return edit(v1, lambda book: replace_sheet(book, "Funding", rows, title))


def test_table_read_when_header_is_in_the_first_row():
    result = load(_with_funding_rows(table_rows("funding", FUNDING, version=1)))
    assert result.valid, [p.message for p in result.problems]
    assert _funding_records(result) == FUNDING


def test_title_rows_above_the_header_are_skipped():
    rows = [["Hackney return"], ["Funding 2024/25", None, "draft"], [], *table_rows("funding", FUNDING, version=1)]
    result = load(_with_funding_rows(rows))
    assert result.valid and _funding_records(result) == FUNDING


def test_reordered_columns_are_matched_by_label():
    header, *records = table_rows("funding", FUNDING, version=1)
    order = list(reversed(range(len(header))))
    rows = [[row[i] for i in order] for row in [header, *records]]
    result = load(_with_funding_rows(rows))
    assert result.valid and _funding_records(result) == FUNDING


def test_errors_name_the_cell_where_the_moved_column_is():
    header, *records = table_rows("funding", FUNDING, version=1)
    order = list(reversed(range(len(header))))  # Amount (£), third, is now column E
    rows = [[row[i] for i in order] for row in [header, *records]]
    rows[2][order.index(2)] = "lots"
    problem = only_problem_at(load(_with_funding_rows(rows)), "Funding", "E3")
    assert problem.found == "'lots'"


def test_labels_in_any_case_with_extra_spaces_dashes_and_without_units():
    header, *records = table_rows("funding", FUNDING, version=1)
    header = [
        "  COMMISSIONER ",
        "mechanism:",
        "Amount",
        "number  of awards*",
        "Organisations Funded",
        "Amount to small and medium organisations",
        "amount to organisations based in the borough (£)",
    ]
    result = load(_with_funding_rows([header, *records]))
    assert result.valid, [p.message for p in result.problems]
    assert _funding_records(result) == FUNDING


def test_hyphen_and_en_dash_in_labels_are_the_same():
    label = "Civil-society-friendly commissioning standard adopted"

    def change(book):
        ws = book["Commissioning"]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)
        ws.cell(row, 1).value = "Civil–society—friendly  commissioning standard adopted"

    result = load(edit(valid_bytes(), change))
    assert result.valid and result.data.sheets["commissioning"][0]["friendly_standard"] == "In progress"


def test_matching_totals_row_is_ignored():
    header, *records = table_rows("funding", FUNDING, version=1)
    total = sum(r["amount"] for r in FUNDING)
    rows = [header, *records, ["Total", None, total]]
    result = load(_with_funding_rows(rows))
    assert result.valid and not result.warnings
    assert _funding_records(result) == FUNDING


def test_mismatching_totals_row_is_a_warning_and_not_stored():
    header, *records = table_rows("funding", FUNDING, version=1)
    rows = [header, *records, ["Grand total:", None, "£999,999"]]
    result = load(_with_funding_rows(rows))
    warning = only_problem_at(result, "Funding", "C5", "warning")
    assert warning.found == "'£999,999'"
    assert warning.expected == "the sum of the rows above, £195,000"
    assert result.valid and _funding_records(result) == FUNDING


def test_blank_rows_between_records_are_skipped():
    header, *records = table_rows("funding", FUNDING, version=1)
    rows = [header, [], records[0], [None] * 7, ["  ", " "], records[1], records[2], [], []]
    result = load(_with_funding_rows(rows))
    assert result.valid and _funding_records(result) == FUNDING


def test_unknown_column_is_a_warning_and_ignored():
    header, *records = table_rows("funding", FUNDING, version=1)
    rows = [header + ["Officer comments"]] + [r + ["check with finance"] for r in records]
    result = load(_with_funding_rows(rows))
    warning = only_problem_at(result, "Funding", f"{get_column_letter(len(header) + 1)}1", "warning")
    assert warning.found == "'Officer comments'" and "ignored" in warning.fix
    assert result.valid and _funding_records(result) == FUNDING


def test_missing_required_column_is_an_error_missing_optional_a_warning():
    header, *records = table_rows("funding", FUNDING, version=1)
    drop = [header.index("Amount (£)"), header.index("Number of awards")]
    rows = [[v for i, v in enumerate(row) if i not in drop] for row in [header, *records]]
    result = load(_with_funding_rows(rows))
    missing = {p.expected: p.severity for p in problems_at(result, "Funding", "A1")}
    assert missing == {"a column headed 'Amount (£)'": "error", "a column headed 'Number of awards'": "warning"}
    assert not result.valid


def test_duplicated_column_is_an_error():
    header, *records = table_rows("funding", FUNDING, version=1)
    rows = [header + ["Amount (£)"]] + [r + [1] for r in records]
    problem = only_problem_at(load(_with_funding_rows(rows)), "Funding", f"{get_column_letter(len(header) + 1)}1")
    assert "also at C1" in problem.fix


def test_table_without_a_header_is_an_error():
    result = load(_with_funding_rows([["nothing to see"], [1, 2, 3]]))
    problem = only_problem_at(result, "Funding", None)
    assert problem.found == "no header row" and not result.valid


def test_fields_sheet_rows_in_any_order_with_title_and_notes_beside():
    values = full_content()["training"][0]
    rows = [
        ["Training return", None, None, "Notes column"],
        [],
        ["Main training provider", "Local infrastructure organisation", "see note"],
        ["Staff trained this year in commissioning with civil society", 12],
        ["Civil society commissioning included in induction", "yes"],
        ["COMMISSIONING AND PROCUREMENT STAFF (HEADCOUNT)", 40],
    ]
    result = load(edit(valid_bytes(), lambda book: replace_sheet(book, "Training", rows)))
    assert result.valid, [p.message for p in result.problems]
    assert result.data.sheets["training"] == [values]


def test_fields_sheet_labels_may_start_in_another_column():
    rows = [
        [None, None, "Staff trained this year in commissioning with civil society", 12],
        [None, "Commissioning and procurement staff (headcount)", "40"],
    ]
    result = load(edit(valid_bytes(), lambda book: replace_sheet(book, "Training", rows)))
    training = result.data.sheets["training"][0]
    assert (training["headcount"], training["trained"]) == (40, 12)
    warnings = {p.expected for p in problems_at(result, "Training", None)}
    assert warnings == {
        "a row labelled 'Civil society commissioning included in induction'",
        "a row labelled 'Main training provider'",
    }
    assert result.valid


def test_fields_sheet_question_twice_is_an_error():
    rows = [
        ["Commissioning and procurement staff (headcount)", 40],
        ["Staff trained this year in commissioning with civil society", 12],
        ["Commissioning and procurement staff (headcount)", 41],
    ]
    result = load(edit(valid_bytes(), lambda book: replace_sheet(book, "Training", rows)))
    problem = only_problem_at(result, "Training", "A3")
    assert "also stands at A1" in problem.fix and not result.valid


def test_hidden_helper_sheets_and_extra_sheets_are_ignored():
    def change(book):
        helper = book.create_sheet("Workings")
        helper.append(["Amount (£)", "Commissioner"])
        helper.append(["rubbish", "nobody"])
        helper.sheet_state = "hidden"
        book.create_sheet("Chart data").append(["x", 1])

    result = load(edit(valid_bytes(), change))
    assert result.valid and not result.problems
    assert result.data.sheets == full_content()


def test_sheet_names_match_in_any_case_and_spacing():
    def change(book):
        book["Social value"].title = " SOCIAL  VALUE"

    result = load(edit(valid_bytes(), change))
    assert result.valid and result.data.sheets["social_value"] == full_content()["social_value"]
