"""One test per validation rule (loaders/validate.py); each problem names its sheet, cell,
the value found, what was expected and how to fix it."""

from __future__ import annotations

import pytest
from builders import edit, full_content, load, only_problem_at, problems_at, valid_bytes, with_answer, with_cell

from loaders.problems import cell_count
from wayahead.returns.template import template_bytes


def _errors(result):
    return [p.message for p in result.errors]


def test_the_full_example_return_is_valid_with_no_problems():
    result = load(valid_bytes())
    assert result.valid and result.problems == []
    assert (result.borough, result.year) == ("E09000012", 2024)
    assert result.data.sheets == full_content()


def test_required_answer_left_blank_names_sheet_cell_expected_and_fix():
    data, ref = with_answer("About", "Email", None)
    result = load(data)
    problem = only_problem_at(result, "About", ref)
    assert (problem.sheet, problem.cell, problem.found) == ("About", "B7", "")
    assert problem.expected == "an email address such as name@council.gov.uk"
    assert problem.fix == "'Email' must be answered."
    assert problem.message == (
        "About!B7: found nothing; expected an email address such as name@council.gov.uk. 'Email' must be answered."
    )
    assert not result.valid


def test_required_answer_written_as_n_a_counts_as_blank():
    data, ref = with_answer("Training", "Commissioning and procurement staff (headcount)", "n/a")
    assert only_problem_at(load(data), "Training", ref).fix.endswith("must be answered.")


def test_required_table_cell_left_blank_is_an_error():
    data, ref = with_cell("Funding", 1, "Amount (£)", None)
    problem = only_problem_at(load(data), "Funding", ref)
    assert ref == "C5" and problem.fix == "'Amount (£)' must be answered."


def test_optional_answers_may_be_blank():
    content = full_content()
    content["commissioning"] = [{}]
    content["social_value"] = [{"policy": "None"}]
    result = load(template_bytes(content))
    assert result.valid  # a sheet left wholly blank is allowed, with a warning that it reads as 'not answered'
    assert [(p.severity, p.sheet) for p in result.problems] == [("warning", "Commissioning")]
    assert "will show as 'not answered'" in result.problems[0].message
    assert set(result.data.sheets["commissioning"][0].values()) == {None}


@pytest.mark.parametrize("sheet_key, name", [("infrastructure", "Infrastructure"), ("funding", "Funding")])
def test_a_blank_table_sheet_is_warned_as_not_answered(sheet_key, name):
    content = full_content()
    content[sheet_key] = []
    result = load(template_bytes(content))
    assert result.valid
    (warning,) = result.warnings
    assert warning.sheet == name
    assert warning.message.startswith(f"{name}: found no rows;")
    assert f"The {name} sheet has no rows: on the dashboards it will show as 'not answered'" in warning.message
    assert "say so in About › Notes" in warning.message


def test_missing_borough_or_year_gives_no_data():
    data, _ = with_answer("About", "Borough", "Atlantis")
    result = load(data)
    assert result.data is None and result.borough is None and result.year == 2024 and not result.valid


@pytest.mark.parametrize("months, ok", [(0, True), (36, True), (37, False), (-1, False)])
def test_lead_time_is_between_0_and_36_months(months, ok):
    data, ref = with_answer("Commissioning", "Lead time given before tenders (months)", months)
    result = load(data)
    assert result.valid is ok
    if not ok:
        problem = only_problem_at(result, "Commissioning", ref)
        assert problem.expected == "a whole number from 0 to 36"
        assert problem.found == f"{months}"  # a number as the cell holds it, unquoted


def test_lead_time_over_the_maximum_says_check_units():
    data, ref = with_answer("Commissioning", "Lead time given before tenders (months)", 48)
    assert only_problem_at(load(data), "Commissioning", ref).fix == "Check the figure and its units."


@pytest.mark.parametrize("typed, ok", [(100, True), (0, True), (101, False), (-5, False), ("100.5%", False)])
def test_percentage_is_between_0_and_100(typed, ok):
    data, ref = with_answer("Social value", "Standard social value weighting in tender evaluation (%)", typed)
    result = load(data)
    assert result.valid is ok
    assert bool(problems_at(result, "Social value", ref)) is not ok


def test_negative_count_is_an_error():
    data, ref = with_cell("Infrastructure", 0, "Organisations supported", -3)
    assert only_problem_at(load(data), "Infrastructure", ref).fix == "Amounts and counts cannot be negative."


@pytest.mark.parametrize(
    "part_label, part_cell, whole_label, whole_cell",
    [
        ("Amount to small and medium organisations (£)", "F4", "Amount (£)", "C4"),
        ("Amount to organisations based in the borough (£)", "G4", "Amount (£)", "C4"),
    ],
)
def test_funding_parts_cannot_exceed_the_amount(part_label, part_cell, whole_label, whole_cell):
    data, ref = with_cell("Funding", 0, part_label, 120001)
    result = load(data)
    problem = only_problem_at(result, "Funding", ref)
    assert ref == part_cell
    assert problem.found == "120001"
    assert problem.expected == f"no more than '{whole_label}' ({whole_cell}: 120,000)"
    assert problem.fix == f"'{part_label}' is part of '{whole_label}', so it cannot be larger; correct one of the two."
    assert not result.valid


def test_funding_part_equal_to_the_amount_is_fine():
    data, _ = with_cell("Funding", 0, "Amount to small and medium organisations (£)", "£120,000")
    assert load(data).valid


def test_lots_cannot_exceed_contracts_tendered():
    data, ref = with_answer("Commissioning", "Of which divided into lots", 21)
    problem = only_problem_at(load(data), "Commissioning", ref)
    assert (ref, problem.found) == ("B5", "21")
    assert (
        problem.expected == "no more than 'Contracts tendered that were open to civil society organisations' (B4: 20)"
    )


def test_trained_cannot_exceed_headcount():
    data, ref = with_answer("Training", "Staff trained this year in commissioning with civil society", 41)
    problem = only_problem_at(load(data), "Training", ref)
    assert ref == "B5"
    assert problem.expected == "no more than 'Commissioning and procurement staff (headcount)' (B4: 40)"


def test_one_row_per_commissioner_and_mechanism():
    content = full_content()
    content["funding"].append(dict(content["funding"][0], amount=5.0, amount_small_medium=None, amount_local=None))
    result = load(template_bytes(content))
    problem = only_problem_at(result, "Funding", "A7")
    assert problem.found == "'Local authority × Grant – core'"
    assert problem.expected == "one row per Commissioner × Mechanism"
    assert "row of A4" in problem.fix
    assert not result.valid


def test_same_mechanism_for_different_commissioners_is_fine():
    content = full_content()
    content["funding"].append(dict(content["funding"][0], commissioner="Housing association"))
    assert load(template_bytes(content)).valid


def test_cabinet_lead_yes_without_portfolio_title_is_a_warning():
    data, ref = with_answer("Leadership", "Portfolio title", None)
    result = load(data)
    warning = only_problem_at(result, "Leadership", ref, "warning")
    assert ref == "B5"
    assert warning.expected == "'Portfolio title' filled in"
    assert warning.fix == "'Cabinet member with responsibility for the VCS' is Yes, so please give the portfolio title."
    assert result.valid


def test_cabinet_lead_no_without_portfolio_title_is_fine():
    data, _ = with_answer("Leadership", "Portfolio title", None)
    data, _ = with_answer("Leadership", "Cabinet member with responsibility for the VCS", "No", data)
    result = load(data)
    assert result.valid and not result.problems


def _previous(total):
    return lambda borough, year: total if (borough, year) == ("E09000012", 2023) else None


def test_funding_change_over_half_from_the_previous_year_is_a_warning():
    # This year's total is 120,000 + 45,000.50 + 30,000 = 195,000.50.
    result = load(valid_bytes(), previous_funding=_previous(100000.0))
    warning = only_problem_at(result, "Funding", None, "warning")
    assert warning.found == "total £195,000 (+95%)"
    assert warning.expected == "a change of under 50% from Hackney's 2023/24 total of £100,000"
    assert "About › Notes" in warning.fix
    assert result.valid


@pytest.mark.parametrize("before", [195000.5, 130001.0, 390000.0])
def test_funding_change_within_half_is_fine(before):
    result = load(valid_bytes(), previous_funding=_previous(before))
    assert not result.problems


def test_funding_fall_over_half_is_a_warning_and_no_previous_year_is_fine():
    assert only_problem_at(load(valid_bytes(), previous_funding=_previous(400000.0)), "Funding", None, "warning")
    assert not load(valid_bytes(), previous_funding=lambda b, y: None).problems


def test_missing_required_sheet_is_an_error_optional_sheet_a_warning():
    def change(book):
        del book["Funding"]
        del book["Commissioning"]

    result = load(edit(valid_bytes(), change))
    funding = only_problem_at(result, "Funding", None)
    commissioning = only_problem_at(result, "Commissioning", None, "warning")
    assert funding.found == commissioning.found == "no such sheet"
    assert funding.expected == "a sheet named 'Funding'"
    assert not result.valid


def test_problem_as_dict_carries_every_field_and_the_message():
    data, ref = with_cell("Funding", 0, "Amount (£)", "1.2m")
    problem = only_problem_at(load(data), "Funding", ref)
    assert problem.as_dict() == {
        "severity": "error",
        "sheet": "Funding",
        "cell": "C4",
        "found": "'1.2m'",
        "expected": "an amount in pounds such as 12345 or £12,345 from £0 to £10,000,000,000",
        "fix": problem.fix,
        "message": problem.message,
    }
    assert problem.message.startswith("Funding!C4: found '1.2m'; expected an amount in pounds")


def test_every_error_is_reported_not_just_the_first():
    data, _ = with_cell("Funding", 0, "Amount (£)", "abc")
    data, _ = with_answer("Training", "Commissioning and procurement staff (headcount)", -1, data)
    data, _ = with_answer("About", "Email", "nobody", data)
    result = load(data)
    assert {(p.sheet, p.cell) for p in result.errors} == {("Funding", "C4"), ("Training", "B4"), ("About", "B7")}, (
        _errors(result)
    )


def test_return_data_gives_the_same_records_and_columns_whichever_way_it_was_made():
    from loaders import ReturnData
    from wayahead.returns.data import complete

    records = {
        "funding": [{"amount": 10.0, "mechanism": "Grant"}, {"amount": None, "mechanism": "Contract"}],
        "about": [],
    }
    columns = {"funding": {"amount": [10.0, None], "mechanism": ["Grant", "Contract"]}, "about": {}}
    by_records, by_columns = ReturnData("E09000001", 2024, records), ReturnData("E09000001", 2024, columns=columns)
    assert by_columns.sheets == complete(records) and by_columns == by_records
    for data in (by_records, by_columns):
        assert data.columns("funding", ["mechanism", "amount"]) == [["Grant", "Contract"], [10.0, None]]
        assert data.columns("about", ["notes"]) == [[]]
        assert data.sheets["funding"][0]["without_competition"] is None  # every field of the spec, asked or not
        assert data.total_funding() == 10.0
    with pytest.raises(TypeError):
        ReturnData("E09000001", 2024)


# Issue 11 (3): every number has a spec'd maximum, and no cell holds infinity or NaN.


def test_every_number_field_has_a_finite_range_the_database_can_hold():
    from wayahead.returns.spec import MAX_AMOUNT, SHEETS, Kind

    for sheet in SHEETS:
        for f in sheet.fields:
            if f.kind in (Kind.MONEY, Kind.WHOLE, Kind.PERCENT, Kind.YEAR):
                assert f.minimum is not None and f.maximum is not None, f.key
                assert f.maximum <= (MAX_AMOUNT if f.kind is Kind.MONEY else 2**31 - 1), f.key
                assert f"from {'£' if f.kind is Kind.MONEY else ''}" in f.expected(), f.key


@pytest.mark.parametrize("amount", [1.7e308, 10_000_000_000.01, 2e10])
def test_an_amount_over_the_maximum_is_refused_naming_sheet_cell_found_expected_and_fix(amount):
    data, ref = with_cell("Funding", 0, "Amount (£)", amount)
    data, ref2 = with_cell("Funding", 1, "Amount (£)", amount, data)
    result = load(data)
    assert not result.valid
    for cell in (ref, ref2):
        problem = only_problem_at(result, "Funding", cell)
        assert problem.expected == "an amount in pounds such as 12345 or £12,345 from £0 to £10,000,000,000"
        assert problem.fix == "Check the figure and its units."
    assert problem.message.startswith(f"Funding!{ref2}: found {problem.found}; expected") and problem.found[0].isdigit()


def test_amounts_at_the_maximum_are_accepted_and_their_total_is_finite():
    data = valid_bytes()
    for record in range(3):
        data, _ = with_cell("Funding", record, "Amount (£)", 10_000_000_000, data)
    data, _ = with_answer("Social value", "Social value committed by suppliers (£)", "£10,000,000,000", data)
    result = load(data)
    assert result.errors == []
    assert result.data.total_funding() == 30_000_000_000


@pytest.mark.parametrize(
    "sheet, record, label",
    [
        ("Funding", 0, "Number of awards"),
        ("Infrastructure", 0, "Organisations supported"),
    ],
)
def test_a_count_over_a_million_is_refused(sheet, record, label):
    data, ref = with_cell(sheet, record, label, 3_000_000_000)
    problem = only_problem_at(load(data), sheet, ref)
    assert problem.expected == "a whole number from 0 to 1,000,000"


def test_a_huge_count_in_a_fields_sheet_is_refused():
    data, ref = with_answer("Training", "Commissioning and procurement staff (headcount)", 1e300)
    problem = only_problem_at(load(data), "Training", ref)
    assert problem.found == "1e+300" and problem.expected == "a whole number from 0 to 1,000,000"


@pytest.mark.parametrize("number", [b"inf", b"-inf", b"1e999", b"NaN", b"nan", b"Infinity"])
@pytest.mark.parametrize("sheet, ref", [("Funding", "C4"), ("Training", "B4"), ("Social value", "B9"), ("About", "B9")])
def test_infinity_or_nan_in_any_cell_is_refused_with_a_clear_message(number, sheet, ref):
    import hostile

    result = load(hostile.raw_number(sheet, ref, number))
    problem = only_problem_at(result, sheet, ref)
    assert problem.found in ("inf", "-inf", "nan", "'Infinity'", "'NaN'")
    assert problem.fix.startswith("The cell holds no real number (infinity or 'not a number'): type ")
    assert not result.valid


# Issue 11 (4): invisible control characters are removed from every answer, with a warning
# naming the cell; the reader decodes Excel's _xHHHH_ escapes.


def _text_cells(result):
    """(sheet, cell) of each cell a warning about removed invisible characters lists (a warning
    repeated in many cells of a sheet lists its first cells and counts the rest)."""
    return {(p.sheet, cell) for p in _text_warnings(result) for cell in (p.cell, *p.also)}


def _text_warnings(result):
    return [p for p in result.warnings if p.expected == "text with no invisible control characters"]


@pytest.mark.parametrize("shared", [False, True], ids=["inline strings", "shared strings"])
@pytest.mark.parametrize(
    "insert",
    [b"_x001B__x0007__x0000_", b"\x1b\x07\x00", "\u202e\u2066".encode(), b"_x007F__x009B_"],
    ids=["Excel escapes", "raw bytes", "bidi overrides", "DEL and C1"],
)
def test_control_characters_in_every_text_answer_are_removed_with_a_warning_per_cell(insert, shared):
    import hostile

    result = load(hostile.text_with(insert, shared=shared))
    assert result.valid and result.errors == []
    assert result.data.sheets == full_content()  # every answer as meant, without the characters
    cells = _text_cells(result)
    assert {
        ("About", "B6"),
        ("About", "B9"),
        ("Infrastructure", "A4"),
        ("Infrastructure", "B4"),
        ("Leadership", "B5"),
        ("Funding", "A4"),
        ("About", "B4"),
        ("About", "B7"),
    } <= cells
    assert cell_count(_text_warnings(result)) == cell_count(result.warnings) == 63  # every text cell of the full return
    assert len(result.warnings) < 63  # the same warning in many cells of a sheet is one line
    notes = next(p for p in result.warnings if (p.sheet, p.cell) == ("About", "B9"))
    assert "[U+" in notes.found and not any(c in notes.found for c in "\x00\x1b\x07\u202e")
    assert notes.fix.startswith("The answer held invisible control characters (U+")
    assert "were removed" in notes.fix


def test_an_escaped_underscore_is_text_not_a_control_character():
    import hostile

    result = load(hostile.text_with(b"_x005F_x001B_", texts=["Figures from the finance system."]))
    assert result.valid and result.warnings == []
    assert result.data.sheets["about"][0]["notes"] == "F_x001B_igures from the finance system."


def test_tabs_and_line_breaks_in_text_are_spaces_not_warnings():
    import hostile

    result = load(hostile.text_with(b"_x0009__x000A_\t\n_x000D_", texts=["Figures from the finance system."]))
    assert result.valid and result.warnings == []
    assert result.data.sheets["about"][0]["notes"] == "F igures from the finance system."


def test_a_cell_of_only_control_characters_is_blank():
    import hostile

    result = load(hostile.raw_text("About", "B9", b"_x0000__x001B_"))
    assert result.valid and result.data.sheets["about"][0]["notes"] is None
    assert _text_cells(result) == {("About", "B9")}
