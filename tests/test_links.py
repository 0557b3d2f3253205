"""Reading a link's query parameters: any text gives a usable value, or the default and a plain note."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wayahead.figures.filters import Filters
from wayahead.figures.history import linked_return
from wayahead.figures.links import among, financial_year, quoted, read_param, whole_number
from wayahead.returns.london import financial_year_label
from wayahead.ui.meeting import flag_from, step_from

YEARS = list(range(2016, 2025))
HOSTILE = [
    "²",
    "٢٠٢٠",
    "２０２０",
    "2⁰24",
    "-1",
    "1e9",
    "0x7E8",
    "2024.0",
    "9" * 5000,
    "9" * 10**5,
    "<script>alert(1)</script>",
    "**bold** [x](https://evil.example)",
    "\x00",
    "2024\x00",
    "\x1b[31m",
    "\u202e4202",
    "2024/99",
    "2024/25/26",
    "E09999999",
    "NaN",
    "inf",
    "None",
    "𝟐𝟎𝟐𝟒",
]
TEXT = st.one_of(st.text(), st.text(alphabet="0123456789²³¹٠١٢٣٤٥٦٧٨٩０１２３-/,.e+ \x00", max_size=12))


def year_param(params: dict, key: str = "to"):
    return read_param(
        params, key, among(financial_year, YEARS), YEARS[-1], "a financial year with returns", financial_year_label
    )


def assert_plain(notes: tuple[str, ...]) -> None:
    for note in notes:
        assert note.isprintable() and len(note) < 400 and note.endswith((" instead.", " leaving it out."))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_year_parameter_gives_a_year_with_returns_whatever_its_text(text):
    reading = year_param({"to": text})
    assert reading.value in YEARS
    assert_plain(reading.notes)
    if reading.notes:
        assert reading.notes[0].startswith(f"The link's 'to' value {quoted(text.strip())} is not a financial year")
    else:
        assert not text.strip() or financial_year(text.strip()) == reading.value


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, st.lists(TEXT, max_size=4)), st.integers(min_value=0, max_value=8))
def test_a_step_parameter_gives_a_screen_whatever_its_text(raw, count):
    reading = step_from({"step": raw}, count)
    assert 1 <= reading.value <= max(count, 1)
    assert_plain(reading.notes)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["from", "to", "la", "sr", "io", "per", "lfl", "meeting", "year"]),
        st.one_of(TEXT, st.lists(TEXT, max_size=3)),
    )
)
def test_every_parameter_reader_is_total(params):
    link = Filters.from_link(params, YEARS)
    assert 2016 <= link.value.first_year <= link.value.last_year <= 2024
    assert all(note.isprintable() and len(note) < 400 for note in link.notes)
    assert isinstance(flag_from(params).value, bool)
    linked = linked_return(params, {"Hackney": [2024, 2023], "Barnet": [2022]})
    assert linked.value in {("Hackney", 2024), ("Hackney", 2023), ("Barnet", 2022)}
    assert_plain(linked.notes)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_years_fall_back_to_the_default_and_say_so(text):
    reading = year_param({"to": text})
    assert reading.value == 2024
    assert len(reading.notes) == 1 and reading.notes[0].endswith("; showing 2024/25 instead.")
    assert_plain(reading.notes)


def test_the_note_quotes_the_value_plainly():
    assert year_param({"to": "²"}).notes == (
        "The link's 'to' value '²' is not a financial year with returns; showing 2024/25 instead.",
    )
    assert quoted("9" * 5000) == f"'{'9' * 40}…' (5,000 characters)"
    assert (
        quoted("a\x00b\x1b[2J\u202e")
        == "'a\N{REPLACEMENT CHARACTER}b\N{REPLACEMENT CHARACTER}[2J\N{REPLACEMENT CHARACTER}'"
    )


def test_years_the_data_does_not_hold_give_the_nearest_and_say_so():
    assert year_param({"to": "2030"}).value == 2024 and year_param({"to": "1990/91"}).value == 2016
    gap = read_param(
        {"to": "2019"}, "to", among(financial_year, [2016, 2018, 2024]), 2024, "a year", financial_year_label
    )
    assert gap.value == 2018 and gap.notes == ("The link's 'to' value '2019' is not a year; showing 2018/19 instead.",)


def test_good_values_are_read_without_a_note():
    assert year_param({"to": "2020/21"}).value == 2020 and not year_param({"to": "2020/21"}).notes
    assert year_param({"to": ["2019"]}).value == 2019
    assert year_param({}).value == 2024 and not year_param({"to": "  "}).notes
    assert whole_number("12") == 12 and whole_number("1234567") is None and whole_number("²") is None


def test_a_value_given_twice_is_not_guessed_at():
    reading = year_param({"to": ["2019", "2020"]})
    assert reading.value == 2024
    assert reading.notes == (
        "The link's 'to' value '2019,2020' is not a financial year with returns; showing 2024/25 instead.",
    )


def test_filters_from_a_hostile_link_say_what_they_could_not_use():
    link = Filters.from_link(
        {"to": "²", "la": "E09000012,E09999999,<script>", "from": "2023", "io": "both", "per": "1", "lfl": "maybe"},
        YEARS,
    )
    assert link.value == Filters(2023, 2024, ("E09000012",))
    assert link.notes == (
        "The link's 'to' value '²' is not a financial year with returns (2016/17 to 2024/25); showing 2024/25 instead.",
        "The link's 'la' value 'E09999999' is not a London authority (ONS code or name); leaving it out.",
        "The link's 'la' value '<script>' is not a London authority (ONS code or name); leaving it out.",
        "The link's 'io' value 'both' is not Inner or Outer; showing all of London instead.",
        "The link's 'per' value '1' is not 'resident' (money per resident); showing money in totals instead.",
        "The link's 'lfl' value 'maybe' is not 1 or 0 (like-for-like on or off); showing like-for-like off instead.",
    )


def test_from_after_to_is_put_in_order_and_said():
    link = Filters.from_link({"from": "2022", "to": "2018"}, YEARS)
    assert (link.value.first_year, link.value.last_year) == (2018, 2022)
    assert link.notes == (
        "The link's 'from' year (2022/23) is after its 'to' year (2018/19); showing 2018/19 to 2022/23.",
    )


def test_meeting_links_step_and_flag():
    assert step_from({"step": "²"}, 6).value == 1
    assert step_from({"step": "²"}, 6).notes == (
        "The link's 'step' value '²' is not a screen number from 1 to 6; showing screen 1 of 6 instead.",
    )
    assert step_from({"step": "99"}, 6).value == 6 and step_from({"step": "0"}, 6).value == 1
    assert step_from({"step": "9" * 5000}, 6).value == 1
    assert step_from({"step": "3"}, 6).value == 3 and not step_from({"step": "3"}, 6).notes
    assert flag_from({"meeting": "1"}).value and not flag_from({"meeting": "0"}).notes
    assert flag_from({"meeting": "²"}).notes == (
        "The link's 'meeting' value '²' is not 1 or 0 (meeting mode on or off); "
        "showing the dashboard without meeting mode instead.",
    )
