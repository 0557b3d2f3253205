"""Return version 2 in the validator: its version recognised, its new kinds of answer, its new
rules; a version 1 file still reads, with the new questions not asked."""

from __future__ import annotations

import pytest
from builders import edit, full_content, load, only_problem_at, set_cell, valid_bytes, with_answer, with_cell

from loaders.values import ValueProblem, parse_choices, parse_url
from wayahead.returns.spec import sheet
from wayahead.returns.template import template_bytes

SPECIALISMS = sheet("infrastructure").field("specialisms")
LINK = sheet("good_practice").field("link")


def test_a_version_1_file_reads_as_version_1_with_the_new_questions_blank():
    result = load(template_bytes(full_content(version=1), version=1))
    assert result.valid and result.problems == []
    assert result.data.version == 1
    assert result.data.sheets["funding"][0]["without_competition"] is None and result.data.sheets["assets"] == []


def test_a_version_2_file_reads_every_new_answer():
    result = load(valid_bytes())
    assert result.valid and result.data.version == 2
    assert result.data.sheets == full_content()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Governance; volunteering", "Volunteering; Governance"),  # any case, stored in the spec's order
        ("Digital,Funding advice", "Funding advice; Digital"),
        ("digital; Digital", "Digital"),
    ],
)
def test_several_specialisms_are_read_in_the_spec_s_order(typed, stored):
    assert parse_choices(typed, SPECIALISMS) == stored


def test_an_unknown_specialism_is_refused_with_the_way_to_type_them():
    with pytest.raises(ValueProblem, match="separated by ';'"):
        parse_choices("Volunteering; Knitting", SPECIALISMS)


@pytest.mark.parametrize(
    "link", ["http://example.org", "javascript:alert(1)", "https://", "https://exa mple.org", "www.example.org"]
)
def test_only_an_https_address_is_a_link(link):
    with pytest.raises(ValueProblem):
        parse_url(link, LINK)


def test_an_https_address_is_kept_as_typed():
    assert parse_url(" https://www.example.org.uk/a?b=1 ", LINK) == "https://www.example.org.uk/a?b=1"


def test_a_title_over_120_characters_is_an_error_naming_the_limit():
    data, ref = with_cell("Good practice", 0, "Title", "x" * 121)
    problem = only_problem_at(load(data), "Good practice", ref)
    assert "120 characters" in problem.fix and not load(data).valid


def test_more_than_five_good_practice_rows_is_an_error():
    def six(book):  # type: ignore[no-untyped-def]
        for n in range(6):
            set_cell(book, "Good practice", n, "Title", f"Example {n}")

    result = load(edit(valid_bytes(), six))
    assert not result.valid
    assert any("up to 5 rows" in p.fix for p in result.errors)


def test_lots_explained_may_not_exceed_the_tenders_not_divided_into_lots():
    data, ref = with_answer("Commissioning", "Tenders where the decision not to divide into lots was explained", 16)
    problem = only_problem_at(load(data), "Commissioning", ref)  # 20 tenders, 5 in lots: at most 15
    assert problem.expected.endswith(": 15)") and "not divided into lots" in problem.fix


def test_a_return_version_no_version_has_is_an_error_on_the_about_sheet():
    data, ref = with_answer("About", "Return version", 3)
    problem = only_problem_at(load(data), "About", ref)
    assert problem.severity == "error" and "from 1 to 2" in problem.expected


def test_the_good_practice_sheet_may_be_left_out():
    def drop(book):  # type: ignore[no-untyped-def]
        del book["Good practice"]

    result = load(edit(valid_bytes(), drop))
    assert result.valid and result.problems == [] and result.data.sheets["good_practice"] == []


def test_a_part_of_the_amount_larger_than_the_amount_is_an_error():
    data, ref = with_cell("Funding", 0, "Awarded without competition (£)", 500000)
    assert only_problem_at(load(data), "Funding", ref).severity == "error"
