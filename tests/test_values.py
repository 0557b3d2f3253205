"""One test per normalisation rule of the return spec (loaders/values.py), plus the cell
formats that only a real workbook carries (percent-formatted cells, Excel booleans)."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import edit, load, only_problem_at, problems_at, set_answer, valid_bytes, with_answer, with_cell

from loaders.values import NORMALISERS, ValueProblem, is_blank, normalise
from loaders.workbook import is_percent_format
from wayahead.returns.spec import Kind, sheet

AMOUNT = sheet("funding").field("amount")
WEIGHTING = sheet("social_value").field("weighting_pct")
YES_NO = sheet("leadership").field("cabinet_lead")
BOROUGH = sheet("about").field("borough")
YEAR = sheet("about").field("financial_year")
MECHANISM = sheet("funding").field("mechanism")
CO_DESIGN = sheet("commissioning").field("co_design")
DATE = sheet("about").field("date_completed")
EMAIL = sheet("about").field("email")
REGISTRATION = sheet("infrastructure").field("registration_number")
WHOLE = sheet("training").field("headcount")


@pytest.mark.parametrize(
    "typed, clean",
    [
        (12345, 12345.0),
        (12345.678, 12345.68),
        ("£12,345", 12345.0),
        ("12345.00", 12345.0),
        (" £ 1,000.50 ", 1000.5),
        ("0", 0.0),
    ],
)
def test_money_is_read_from_numbers_and_pound_strings(typed, clean):
    assert normalise(typed, AMOUNT) == clean


@pytest.mark.parametrize("typed", ["12.3k", "1.2m", "£1.2M", "3bn", "2 million", "40 thousand"])
def test_money_shorthand_is_rejected_saying_why(typed):
    with pytest.raises(ValueProblem) as problem:
        normalise(typed, AMOUNT)
    assert "Shorthand" in problem.value.fix and "in full" in problem.value.fix


@pytest.mark.parametrize("typed", ["twelve pounds", "12 pounds", "£", "1,2,3.4.5"])
def test_money_with_words_is_rejected(typed):
    with pytest.raises(ValueProblem, match="as a number"):
        normalise(typed, AMOUNT)


def test_money_as_true_false_or_a_date_is_rejected():
    with pytest.raises(ValueProblem, match="not TRUE/FALSE"):
        normalise(True, AMOUNT)
    with pytest.raises(ValueProblem, match="formatted as a date"):
        normalise(dt.date(2024, 1, 1), AMOUNT)


@pytest.mark.parametrize("typed", [-5, "-5", "(500)", "£-1,000"])
def test_negative_money_is_an_error_naming_the_cell(typed):
    data, ref = with_cell("Funding", 0, "Amount (£)", typed)
    result = load(data)
    problem = only_problem_at(result, "Funding", ref)
    assert problem.fix == "Amounts and counts cannot be negative."
    assert problem.expected == "an amount in pounds such as 12345 or £12,345 from £0 to £10,000,000,000"
    assert not result.valid


def test_shorthand_in_a_workbook_is_an_error_with_found_value():
    data, ref = with_cell("Funding", 1, "Amount (£)", "12.3k")
    problem = only_problem_at(load(data), "Funding", ref)
    assert (ref, problem.found) == ("C5", "'12.3k'")
    assert "Shorthand such as 12.3k or 1.2m is not read" in problem.fix


@pytest.mark.parametrize("typed, clean", [(15, 15.0), ("15", 15.0), ("15%", 15.0), (" 12.5 % ", 12.5), (0, 0.0)])
def test_percentages_typed_as_numbers_or_with_a_percent_sign(typed, clean):
    assert normalise(typed, WEIGHTING) == clean


def test_fraction_in_a_percent_formatted_cell_means_that_percentage():
    def change(book):
        ref = set_answer(book, "Social value", WEIGHTING.label, 0.15)
        book["Social value"][ref].number_format = "0%"

    result = load(edit(valid_bytes(), change))
    assert result.valid, [p.message for p in result.problems]
    assert result.data.sheets["social_value"][0]["weighting_pct"] == pytest.approx(15.0)
    assert not result.warnings


def test_fraction_in_an_unformatted_cell_is_read_as_is_with_a_warning():
    data, ref = with_answer("Social value", WEIGHTING.label, 0.15)
    result = load(edit(data, lambda book: setattr(book["Social value"][ref], "number_format", "General")))
    assert result.valid
    assert result.data.sheets["social_value"][0]["weighting_pct"] == pytest.approx(0.15)
    warning = only_problem_at(result, "Social value", ref, "warning")
    assert warning.fix == "Read as 0.15%. If you meant 15%, type 15."


@pytest.mark.parametrize("typed, clean, warned", [(1, 1.0, False), (0.5, 0.5, True), (1.0, 1.0, False)])
def test_small_numbers_in_the_templates_percent_cell_are_per_cent_not_fractions(typed, clean, warned):
    """The template formats the cell as 0"%" (15 shows as 15%): a literal sign, not a × 100 format."""
    data, ref = with_answer("Social value", WEIGHTING.label, typed)
    result = load(data)
    assert result.data.sheets["social_value"][0]["weighting_pct"] == clean
    assert bool(problems_at(result, "Social value", ref)) is warned


@pytest.mark.parametrize(
    "number_format, percent",
    [
        ("0%", True),
        ("0.0%", True),
        ("0.00%;[Red]-0.00%", True),
        ('0"%"', False),
        ("0\\%", False),
        ("General", False),
        ('"£"#,##0', False),
    ],
)
def test_only_real_percentage_formats_count(number_format, percent):
    assert is_percent_format(number_format) is percent


def test_percentage_over_100_is_an_error():
    data, ref = with_answer("Social value", WEIGHTING.label, "150%")
    problem = only_problem_at(load(data), "Social value", ref)
    assert problem.expected.endswith("from 0 to 100")


@pytest.mark.parametrize(
    "typed, clean",
    [
        ("Yes", True),
        ("No", False),
        ("y", True),
        ("N", False),
        ("TRUE", True),
        ("false", False),
        ("  yes ", True),
        ("nO", False),
        (True, True),
        (False, False),
    ],
)
def test_yes_no_variants(typed, clean):
    assert normalise(typed, YES_NO) is clean


@pytest.mark.parametrize("typed", ["Maybe", "1", "yes please", "ja"])
def test_yes_no_rejects_anything_else(typed):
    with pytest.raises(ValueProblem, match="Yes or No"):
        normalise(typed, YES_NO)


def test_excel_booleans_are_read_as_yes_no():
    data, ref = with_answer("Leadership", YES_NO.label, False)
    result = load(data)
    assert result.data.sheets["leadership"][0]["cabinet_lead"] is False
    assert result.valid


@pytest.mark.parametrize(
    "typed, code",
    [
        ("Hackney", "E09000012"),
        ("LB Hackney", "E09000012"),
        ("London Borough of Hackney", "E09000012"),
        ("  hackney  council ", "E09000012"),
        ("Kensington & Chelsea", "E09000020"),
        ("Royal Borough of Kensington and Chelsea", "E09000020"),
        ("Royal Borough of Greenwich", "E09000011"),
        ("City of Westminster", "E09000033"),
        ("Westminster", "E09000033"),
        ("City", "E09000001"),
        ("City of London", "E09000001"),
        ("E09000012", "E09000012"),
        ("e09000012", "E09000012"),
        ("Hammersmith & Fulham", "E09000013"),
        ("Richmond upon Thames", "E09000027"),
    ],
)
def test_borough_names_variants_and_ons_codes(typed, code):
    assert normalise(typed, BOROUGH) == code


@pytest.mark.parametrize("typed", ["Manchester", "E09000034", "E08000001", "London", "Hackney Wick"])
def test_unknown_boroughs_are_rejected(typed):
    with pytest.raises(ValueProblem, match="ONS code"):
        normalise(typed, BOROUGH)


@pytest.mark.parametrize(
    "typed", ["2024/25", "2024-25", "2024/2025", "FY24/25", "fy 24/25", "2024 – 25", " 2024 / 25 ", "24/25"]
)
def test_financial_years_give_the_starting_year(typed):
    assert normalise(typed, YEAR) == 2024


def test_financial_year_across_the_century():
    assert normalise("2099/00", YEAR) == 2099


@pytest.mark.parametrize("typed", ["2024/26", "2024/2026", "2025/24", "2024", "FY2024", "1999/00", "next year"])
def test_impossible_financial_years_are_rejected(typed):
    with pytest.raises(ValueProblem):
        normalise(typed, YEAR)


def test_financial_year_spanning_two_years_says_consecutive():
    with pytest.raises(ValueProblem, match="consecutive years"):
        normalise("2024/26", YEAR)


@pytest.mark.parametrize(
    "typed, clean",
    [
        ("Grant – core", "Grant – core"),
        ("grant - core", "Grant – core"),
        ("  GRANT  —  CORE ", "Grant – core"),
        ("Contract-payment by results", "Contract – payment by results"),
        ("other", "Other"),
    ],
)
def test_choices_in_any_case_spacing_and_dash(typed, clean):
    assert normalise(typed, MECHANISM) == clean


def test_choice_unique_prefix_is_accepted_and_unknown_rejected():
    assert normalise("Contract – fee", MECHANISM) == "Contract – fee for service"
    with pytest.raises(ValueProblem, match="drop-down"):
        normalise("Grant", MECHANISM)  # two grant mechanisms: ambiguous
    with pytest.raises(ValueProblem, match="drop-down"):
        normalise("Several", CO_DESIGN)


def test_choice_does_not_treat_a_dash_as_blank():
    assert not is_blank("-", CO_DESIGN)
    assert is_blank("-", AMOUNT) and is_blank(" n/a ", AMOUNT) and is_blank(None, AMOUNT)


@pytest.mark.parametrize(
    "typed",
    [
        "31/03/2025",
        "31/03/25",
        "2025-03-31",
        "31-03-2025",
        "31 March 2025",
        "31 Mar 2025",
        "31.03.2025",
        dt.date(2025, 3, 31),
        dt.datetime(2025, 3, 31, 14, 5),
    ],
)
def test_dates(typed):
    assert normalise(typed, DATE) == dt.date(2025, 3, 31)


@pytest.mark.parametrize("typed", ["31/02/2025", "March", "2025/03/31x", "yesterday"])
def test_bad_dates_are_rejected(typed):
    with pytest.raises(ValueProblem, match="day/month/year"):
        normalise(typed, DATE)


def test_excel_date_cell_is_read_as_a_date():
    data, _ = with_answer("About", DATE.label, dt.datetime(2025, 4, 2))
    assert load(data).data.sheets["about"][0]["date_completed"] == dt.date(2025, 4, 2)


@pytest.mark.parametrize(
    "typed, clean",
    [
        ("name@council.gov.uk", "name@council.gov.uk"),
        (" a.b+c@hackney.gov.uk ", "a.b+c@hackney.gov.uk"),
        ("mailto:x@y.org", "x@y.org"),
    ],
)
def test_emails(typed, clean):
    assert normalise(typed, EMAIL) == clean


@pytest.mark.parametrize("typed", ["name", "name@council", "a@b@c.uk", "a b@c.uk", "<a@b.uk>", "a@b.uk; c@d.uk"])
def test_bad_emails_are_rejected(typed):
    with pytest.raises(ValueProblem, match="one email address"):
        normalise(typed, EMAIL)


@pytest.mark.parametrize(
    "typed, clean",
    [
        ("123456", "123456"),
        ("12345678", "12345678"),
        (1123456, "1123456"),
        (1123456.0, "1123456"),
        ("SC012345", "SC012345"),
        ("OC123456", "OC123456"),
        (" 1123 456 ", "1123 456"),
    ],
)
def test_charity_and_company_numbers(typed, clean):
    assert normalise(typed, REGISTRATION) == clean


@pytest.mark.parametrize("typed", ["12345", "123456789", "SC01234", "charity", "12-34-56"])
def test_bad_charity_or_company_numbers_are_rejected(typed):
    with pytest.raises(ValueProblem, match="charity number of 6 to 8 digits"):
        normalise(typed, REGISTRATION)


@pytest.mark.parametrize("typed, clean", [(40, 40), ("40", 40), (40.0, 40), ("1,200", 1200)])
def test_whole_numbers(typed, clean):
    assert normalise(typed, WHOLE) == clean


def test_whole_numbers_reject_decimals():
    with pytest.raises(ValueProblem, match="no decimals"):
        normalise(12.5, WHOLE)


def test_long_text_is_rejected_and_spaces_collapsed():
    notes = sheet("about").field("notes")
    assert normalise("  two \n lines ", notes) == "two lines"
    with pytest.raises(ValueProblem, match="2,000 characters"):
        normalise("x" * 2001, notes)


def test_every_kind_has_a_normaliser():
    assert set(NORMALISERS) == set(Kind)
