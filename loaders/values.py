"""Turning what officers type into clean values: one normaliser per kind of field.

Each normaliser takes a cell value as the reader found it (str, float, int, bool, date or
datetime) and returns the clean value, or raises ValueProblem saying what was expected and
how to fix it. Blank cells never reach them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from loaders.problems import INVISIBLE, code_point
from wayahead.returns.london import find_authority
from wayahead.returns.spec import Field, Kind


class ValueProblem(ValueError):
    """A cell value that cannot be read as its field's kind; `fix` says what to do."""

    def __init__(self, fix: str):
        super().__init__(fix)
        self.fix = fix


_BLANK_WORDS = {"", "-", "–", "—", "n/a", "na", "n.a."}
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}
_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
_SHORTHAND = re.compile(r"^£?\s*[\d.,]+\s*(k|m|bn|mn|million|thousand)$", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"^(?:FY\s*)?(\d{2}|\d{4})\s*[/\-–—]\s*(\d{2}|\d{4})$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%d.%m.%Y")


def is_blank(value: Any, field: Field) -> bool:
    """Empty cells, and for non-choice fields the usual 'nothing here' marks such as '-' or n/a.
    NaN is not blank: no spreadsheet writes it, so it is refused as not a number."""
    if value is None:
        return True
    if isinstance(value, str):
        text = value.strip().lower()
        return text == "" or (field.kind not in (Kind.CHOICE, Kind.CHOICES) and text in _BLANK_WORDS)
    return False


@lru_cache(maxsize=8192)  # the same labels and choices recur in every row of every return
def label_key(text: str) -> str:
    """How labels and choices are matched: any case, any spacing, any dash, no trailing ':' or '*'."""
    key = _DASHES.sub(" - ", str(text).strip().lower())
    key = " ".join(key.split()).rstrip(":*").strip()
    return key


def invisible_characters(text: str) -> list[str]:
    """The invisible characters in `text`, each once, as code points: ['U+001B', 'U+0000']."""
    return list(dict.fromkeys(code_point(c) for c in INVISIBLE.findall(text)))


def without_invisible(text: str) -> str:
    """`text` with its invisible characters removed (loaders.problems.INVISIBLE)."""
    return INVISIBLE.sub("", text)


_NOT_A_NUMBER = "The cell holds no real number (infinity or 'not a number'): type {what} again."


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool):
        raise ValueProblem(f"Type {what} as a number, not TRUE/FALSE.")
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise ValueProblem(_NOT_A_NUMBER.format(what=what))
        return float(value)
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise ValueProblem(f"The cell is formatted as a date or time; format it as a number and type {what}.")
    text = str(value).strip()
    if _SHORTHAND.match(text):
        raise ValueProblem(
            f"Shorthand such as 12.3k or 1.2m is not read, to avoid misreading; type {what} in full, e.g. 1200000."
        )
    cleaned = text.replace("£", "").replace(",", "").replace(" ", "")
    if re.fullmatch(r"\(\d+(\.\d+)?\)", cleaned):
        cleaned = "-" + cleaned[1:-1]
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueProblem(f"Type {what} as a number, with no words.") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueProblem(_NOT_A_NUMBER.format(what=what))
    return number


def parse_money(value: Any, field: Field, percent_formatted: bool = False) -> float:
    return round(_number(value, "the amount in pounds"), 2)


def parse_whole(value: Any, field: Field, percent_formatted: bool = False) -> int:
    number = _number(value, "a whole number")
    if number != int(number):
        raise ValueProblem("Type a whole number, with no decimals.")
    return int(number)


def parse_percent(value: Any, field: Field, percent_formatted: bool = False) -> float:
    """15, '15%' and 0.15 in a cell formatted as a percentage all mean 15 (per cent)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return _number(value.strip()[:-1], "the percentage")
    number = _number(value, "the percentage")
    return number * 100 if percent_formatted else number


def parse_yes_no(value: Any, field: Field, percent_formatted: bool = False) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueProblem("Choose Yes or No from the drop-down list.")


def parse_choice(value: Any, field: Field, percent_formatted: bool = False) -> str:
    """One of the field's choices, matched in any case and spacing, with any dash."""
    key = label_key(str(value))
    by_key = _choices_by_key(field.choices)
    if key in by_key:
        return by_key[key]
    starts = [choice for k, choice in by_key.items() if key and k.startswith(key + " ")]
    if len(starts) == 1:
        return starts[0]
    raise ValueProblem("Choose one of the options from the cell's drop-down list.")


@lru_cache(maxsize=256)
def _choices_by_key(choices: tuple[str, ...]) -> dict[str, str]:
    """A field's choices by their label_key (built once per field, not once per cell)."""
    return {label_key(choice): choice for choice in choices}


def parse_borough(value: Any, field: Field, percent_formatted: bool = False) -> str:
    authority = find_authority(str(value))
    if authority is None:
        raise ValueProblem("Choose the authority from the drop-down list, or type its ONS code (e.g. E09000012).")
    return authority.code


def parse_financial_year(value: Any, field: Field, percent_formatted: bool = False) -> int:
    """'2024/25', '2024-25', '2024/2025' and 'FY24/25' → 2024 (the starting year)."""
    match = _FINANCIAL_YEAR.match(" ".join(str(value).split()))
    if not match:
        raise ValueProblem("Write the financial year as 2024/25.")
    start, end = (int(part) for part in match.groups())
    start = start + 2000 if start < 100 else start
    end_full = end + (start // 100) * 100 if end < 100 else end
    if end_full < start:
        end_full += 100
    if end_full != start + 1 or not 2000 <= start <= 2099:
        raise ValueProblem("A financial year runs April to March of consecutive years: write it as 2024/25.")
    return start


def parse_year(value: Any, field: Field, percent_formatted: bool = False) -> int:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    return parse_whole(value, field)


def parse_date(value: Any, field: Field, percent_formatted: bool = False) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value).split())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueProblem("Type the date as day/month/year, e.g. 31/03/2025.")


def parse_email(value: Any, field: Field, percent_formatted: bool = False) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if not _EMAIL.match(text):
        raise ValueProblem("Type one email address, such as name@council.gov.uk.")
    return text


def parse_text(value: Any, field: Field, percent_formatted: bool = False) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if len(text) > field.max_length:
        raise ValueProblem(f"Shorten the text to {field.max_length:,} characters or fewer (it has {len(text):,}).")
    if field.pattern and not re.fullmatch(field.pattern, text.upper().replace(" ", "")):
        raise ValueProblem(f"Type {field.pattern_hint}, or leave it blank if it has none.")
    return text


def parse_choices(value: Any, field: Field, percent_formatted: bool = False) -> str:
    """Any of the field's choices, separated by ';' (or ','), each matched as parse_choice
    matches one; stored in the spec's order, separated by '; '."""
    parts = [part for part in re.split(r"[;,\n]", str(value)) if part.strip()]
    try:
        chosen = {parse_choice(part, field) for part in parts}
    except ValueProblem:
        raise ValueProblem("Type any of the options, separated by ';', exactly as the guidance lists them.") from None
    return "; ".join(choice for choice in field.choices if choice in chosen)


_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?([/?#][^\s<>\"']*)?$")


def parse_url(value: Any, field: Field, percent_formatted: bool = False) -> str:
    """An https web address (nothing else is ever made a link)."""
    text = str(value).strip()
    if len(text) > 500 or not _URL.match(text):
        raise ValueProblem("Type one web address starting https://, such as https://www.example.org.uk/page.")
    return text


NORMALISERS: dict[Kind, Callable[..., Any]] = {
    Kind.TEXT: parse_text,
    Kind.EMAIL: parse_email,
    Kind.DATE: parse_date,
    Kind.BOROUGH: parse_borough,
    Kind.FINANCIAL_YEAR: parse_financial_year,
    Kind.YEAR: parse_year,
    Kind.MONEY: parse_money,
    Kind.WHOLE: parse_whole,
    Kind.PERCENT: parse_percent,
    Kind.YES_NO: parse_yes_no,
    Kind.CHOICE: parse_choice,
    Kind.CHOICES: parse_choices,
    Kind.URL: parse_url,
}


def normalise(value: Any, field: Field, percent_formatted: bool = False) -> Any:
    """The clean value of `value` for `field`; raises ValueProblem when it cannot be read."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueProblem(_NOT_A_NUMBER.format(what="the answer"))
    return NORMALISERS[field.kind](value, field, percent_formatted)


# Whole columns at once: most cells of a return are plain numbers, texts and choices that need
# none of the normalisers' care. quick_values settles those in one pass and leaves CHECK_CELL
# where a cell needs normalise() and the validator's checks (blank required answers, numbers
# typed as text, anything out of bounds, percentages that may be fractions).
CHECK_CELL: Any = object()
_LARGEST = 1.7976931348623157e308


def quick_values(values: list[Any], field: Field) -> list[Any]:
    """The clean value of each cell that is plainly valid (None for a blank one the field may
    leave empty), or CHECK_CELL: exactly what normalise() and the bounds would give."""
    blank = CHECK_CELL if field.required else None
    quick = _QUICK.get(field.kind)
    if quick is None:
        return [blank if v == "" or v is None else CHECK_CELL for v in values]
    return quick(values, field, blank)


def _limits(field: Field) -> tuple[float, float]:
    """Bounds to compare against; infinities and NaN fall outside them."""
    low = -_LARGEST if field.minimum is None else field.minimum
    high = _LARGEST if field.maximum is None else field.maximum
    return low, high


def _quick_money(values: list[Any], field: Field, blank: Any) -> list[Any]:
    """Whole pounds skip round(), the costliest step (a whole number rounds to itself)."""
    low, high = _limits(field)
    return [
        (r if low <= (r := v if v.is_integer() else round(v, 2)) <= high else CHECK_CELL)
        if type(v) is float
        else blank
        if v == "" or v is None
        else CHECK_CELL
        for v in values
    ]


def _quick_whole(values: list[Any], field: Field, blank: Any) -> list[Any]:
    low, high = _limits(field)
    return [
        (int(v) if low <= v <= high and v.is_integer() else CHECK_CELL)
        if type(v) is float
        else blank
        if v == "" or v is None
        else CHECK_CELL
        for v in values
    ]


def _quick_percent(values: list[Any], field: Field, blank: Any) -> list[Any]:
    """Only 0 and figures above 1: a figure up to 1 may be a fraction shown as a percentage."""
    low, high = _limits(field)
    return [
        (v if (v == 0 or v > 1) and low <= v <= high else CHECK_CELL)
        if type(v) is float
        else blank
        if v == "" or v is None
        else CHECK_CELL
        for v in values
    ]


def _quick_text(values: list[Any], field: Field, blank: Any) -> list[Any]:
    """Text with an invisible character is left to the validator, which removes it and warns."""
    matches = re.compile(field.pattern).fullmatch if field.pattern else None
    invisible, limit = INVISIBLE.search, field.max_length
    return [
        t
        if type(v) is str
        and (t := " ".join(v.split()))
        and len(t) <= limit
        and t.lower() not in _BLANK_WORDS
        and (t.isprintable() or not invisible(t))
        and (matches is None or matches(t.upper().replace(" ", "")))
        else blank
        if v == "" or v is None
        else CHECK_CELL
        for v in values
    ]


def _quick_choice(values: list[Any], field: Field, blank: Any) -> list[Any]:
    exact = _exact_choices(field.choices)
    return [blank if v == "" or v is None else exact.get(v, CHECK_CELL) for v in values]


@lru_cache(maxsize=256)
def _exact_choices(choices: tuple[str, ...]) -> dict[str, str]:
    """Each choice typed exactly → what parse_choice makes of it."""
    by_key = _choices_by_key(choices)
    return {choice: by_key[label_key(choice)] for choice in choices}


_YES_NO_WORDS = {
    form: answer
    for words, answer in ((_YES, True), (_NO, False))
    for w in words
    for form in (w, w.capitalize(), w.upper())
}


def _quick_yes_no(values: list[Any], field: Field, blank: Any) -> list[Any]:
    return [
        v
        if type(v) is bool
        else blank
        if v == "" or v is None
        else _YES_NO_WORDS.get(v, CHECK_CELL)
        if type(v) is str
        else CHECK_CELL
        for v in values
    ]


_QUICK: dict[Kind, Callable[[list[Any], Field, Any], list[Any]]] = {
    Kind.MONEY: _quick_money,
    Kind.WHOLE: _quick_whole,
    Kind.YEAR: _quick_whole,
    Kind.PERCENT: _quick_percent,
    Kind.TEXT: _quick_text,
    Kind.CHOICE: _quick_choice,
    Kind.YES_NO: _quick_yes_no,
}
