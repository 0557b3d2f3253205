"""Property-based tests: whatever bytes or cell values arrive, load_return answers with a
LoadResult and the project's own Problems, never an exception."""

from __future__ import annotations

import datetime as dt

from builders import edit, load, set_answer, set_cell, valid_bytes
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from loaders import LoadResult, Problem
from loaders.workbook import read_workbook
from wayahead.returns.spec import SHEETS, Kind

VALID = valid_bytes()
BOOK = read_workbook(VALID)
FIELDS = [(s, f) for s in SHEETS for f in s.fields]
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _answers_plainly(result: LoadResult) -> None:
    assert isinstance(result, LoadResult)
    assert all(isinstance(p, Problem) and p.severity in ("error", "warning") for p in result.problems)
    assert all(isinstance(p.message, str) and p.message for p in result.problems)
    if result.data is None:
        assert result.errors
    if result.valid:
        assert result.borough and result.year is not None


@QUICK
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused_plainly(data):
    result = load(data)
    _answers_plainly(result)
    assert result.data is None and len(result.problems) == 1


@QUICK
@given(st.binary(max_size=2048))
def test_random_zip_like_bytes_are_refused_plainly(tail):
    result = load(b"PK\x03\x04" + tail)
    _answers_plainly(result)
    assert result.data is None


@QUICK
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_corrupted_real_workbooks_never_raise(changes):
    data = bytearray(VALID)
    for position, byte in changes:
        data[position] = byte
    _answers_plainly(load(bytes(data)))


@QUICK
@given(st.binary(min_size=1, max_size=len(VALID) - 1))
def test_truncated_or_spliced_workbooks_never_raise(junk):
    _answers_plainly(load(VALID[: len(junk)] + junk[: len(VALID) // 10]))


CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80),
    st.sampled_from(
        [
            "£12,345",
            "12.3k",
            "15%",
            "0.15",
            "Yes",
            "n/a",
            "-",
            "2024/25",
            "FY24/25",
            "E09000012",
            "=1/0",
            "=SUM(A1:A2)",
            "(500)",
            "1e308",
            "-0",
            "٣",
            "１２３",
            "Ⅻ",
            "a@b.uk",
            "31/02/2025",
        ]
    ),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2200, 1, 1)),
)


@QUICK
@given(place=st.sampled_from(FIELDS), value=CELL_VALUES, number_format=st.sampled_from(["General", "0%", "@", "0.00"]))
def test_any_value_in_any_template_cell_gives_problems_not_exceptions(place, value, number_format):
    spec_sheet, field = place

    def change(book):
        if spec_sheet.layout == "fields":
            ref = set_answer(book, spec_sheet.name, field.label, value)
        else:
            ref = set_cell(book, spec_sheet.name, 0, field.label, value)
        book[spec_sheet.name][ref].number_format = number_format

    result = load(edit(VALID, change))
    _answers_plainly(result)
    for problem in result.problems:
        assert problem.sheet in {s.name for s in SHEETS}


_CONTROLS = st.sampled_from(["\x00", "\x1b", "\x07", "\x7f", "\x9b", "\u202e", "\t", "\n", "\x1f", "\ufffe"])
_CELL_VALUES = st.one_of(
    st.none(),
    st.just(""),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e3, max_value=1e7).map(lambda x: round(x, 3)),
    st.integers(-10, 10).map(float),
    st.sampled_from(["Yes", "no", "N/A", "-", "  ", "12.3k", "£1,200", "15%", "Grant", "E09000012", "2024/25"]),
    st.text(max_size=30),
    st.dates(),
    st.sampled_from([1e10, 1e10 + 1, 1e6, 1e6 + 1, 1.7e308]),
    st.tuples(st.sampled_from(["Yes", "Grant – core", "Ada", "1123456", ""]), _CONTROLS).map(
        lambda pair: pair[1].join(pair[0] or "x")
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FIELDS), st.lists(_CELL_VALUES, min_size=1, max_size=6), st.booleans())
def test_settling_cells_in_bulk_gives_what_one_by_one_would(sheet_and_field, values, table):
    """quick_values settles only cells whose answer it knows: exactly what the cell-by-cell
    path (normalise, then bounds) gives, with no problem."""
    from loaders.layout import RawCell
    from loaders.validate import _clean_cell
    from loaders.values import CHECK_CELL, quick_values

    sheet, field = sheet_and_field
    for value, settled in zip(values, quick_values(values, field)):
        if settled is CHECK_CELL:
            continue
        one_by_one, problems = _clean_cell(BOOK, sheet.name, field, RawCell(value, "B5"), table)
        assert problems == [] and type(settled) is type(one_by_one) and settled == one_by_one, (field.key, value)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FIELDS), st.one_of(_CELL_VALUES, st.text(st.one_of(_CONTROLS, st.characters()), max_size=20)))
@example(next((s, f) for s, f in FIELDS if f.kind is Kind.PERCENT), 1.0)  # a fraction in a percentage field
def test_no_clean_value_holds_an_invisible_character_or_a_number_out_of_range(sheet_and_field, value):
    """Whatever a cell holds, what the validator keeps is printable and within the spec's range."""
    import math

    from loaders.layout import RawCell
    from loaders.problems import INVISIBLE
    from loaders.validate import _clean_cell

    sheet, field = sheet_and_field
    # a real workbook: a percentage's number format is read from it (None failed for 1.0 in a percentage field)
    clean, problems = _clean_cell(BOOK, sheet.name, field, RawCell(value, "B5"), True)
    if isinstance(clean, str):
        assert not INVISIBLE.search(clean)
    if isinstance(clean, (int, float)) and not isinstance(clean, bool):
        assert math.isfinite(clean) and field.minimum <= clean <= field.maximum
    assert all(not INVISIBLE.search(p.message) for p in problems)


STORED_VALUES = st.one_of(
    st.none(),
    st.floats(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.decimals(),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 1.7e308, -1.7e308, 5e-324, "12", "x", True]),
)


@settings(max_examples=500, deadline=None)
@given(STORED_VALUES)
def test_every_formatter_is_a_total_function(value):
    """A stored or computed value (infinity, NaN, huge, tiny, negative, None, not a number at
    all) always formats to text, so no page can fail on a figure."""
    import numpy as np

    from wayahead.figures.indicators import headline_indicators
    from wayahead.words import formatting
    from wayahead.words.formatting import FORMATTERS
    from wayahead.words.narrative import authority_value_text, change_text, direction, value_text

    values = [value]
    if isinstance(value, float):
        values += [
            np.float64(value),
            np.float32(value) if abs(value) < 3e38 or not np.isfinite(value) else np.float32(0),
        ]
    for x in values:
        for format_ in FORMATTERS.values():
            assert isinstance(format_(x), str)
        for unit in FORMATTERS:
            assert isinstance(formatting.change_words(unit, x), str)
        for indicator in headline_indicators():
            assert isinstance(value_text(indicator, x), str)
            assert isinstance(change_text(indicator, x), str)
            assert direction(indicator, x) in ("up", "down", "off")
            if not isinstance(x, str):
                assert isinstance(authority_value_text(indicator, x), str)
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        assert formatting.money(value) == formatting.number(value) == formatting.percent(value) == formatting.MISSING
