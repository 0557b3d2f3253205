"""Reading a link's query parameters (?to=2024&la=E09000012&step=2).

Every parameter is read through `read_param`: whatever text a link holds, it gives a value the
page can show, and when the link's value cannot be used it says so in a plain note (the value
quoted, what was expected, what is shown instead). A note is plain text: the page must still
show it without reading it as markdown or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

LONGEST = 200  # characters in one value: no link the app makes comes near it; longer is not read
QUOTED = 40  # characters of a value quoted in a note
_SWITCH = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
_YEAR = re.compile(r"([0-9]{4})(?:[/-]([0-9]{2}))?")  # [0-9], not \d: '²' and '٢' are not years


class OutOfRange(ValueError):
    """Raised by a parser for a readable value outside what the page offers: `nearest` is shown."""

    def __init__(self, nearest: Any) -> None:
        super().__init__(nearest)
        self.nearest = nearest


@dataclass(frozen=True)
class Reading(Generic[T]):
    """The value to use, and a note for each part of the link that could not be used."""

    value: T
    notes: tuple[str, ...] = field(default=())


def read_param(
    params: Mapping[str, Any],
    key: str,
    parse: Callable[[str], Any],
    default: T,
    expected: str,
    shown: Callable[[T], str] = str,
    many: bool = False,
) -> Reading[T]:
    """The value of `key` in `params`, or `default` and a note saying why. Every query
    parameter the app reads goes through here.

    `parse` turns the (stripped) text into a value, returns None (or raises ValueError) when
    the text is not one, or raises OutOfRange(nearest) when it is readable but out of range.
    `expected` describes a good value ("a screen number from 1 to 6"); `shown` puts the value
    used in words. Absent or blank: the default, without a note.

    A single value given several times is read as the comma-joined text. With `many`, the value
    is a tuple of every part (?la=E09000012,E09000001 or repeated), in order, without repeats;
    a part that is not `expected` (or out of range) is left out with a note, and `default` is
    used if none is left.
    """
    texts = _texts(params.get(key))
    if not many:
        text = ",".join(texts).strip()
        if not text:
            return Reading(default)
        value, note = _parsed(key, text, parse, expected)
        if note is None:
            return Reading(value)
        value = default if value is None else value
        return Reading(value, (f"{note}; showing {shown(value)} instead.",))
    values: dict[Any, None] = {}
    notes: list[str] = []
    for part in (part.strip() for text in texts for part in text.split(",")):
        if part:
            value, note = _parsed(key, part, parse, expected)
            if note is None:
                values[value] = None
            else:
                notes.append(f"{note}; leaving it out.")
    return Reading(tuple(values) if values else default, tuple(notes))  # type: ignore[arg-type]  # T is a tuple here (many=True)


def financial_year(text: str) -> int | None:
    """'2024', '2024/25' or '2024-25' → 2024; anything else (or a suffix that does not follow) → None."""
    match = _YEAR.fullmatch(text)
    if not match:
        return None
    start = int(match[1])
    return start if match[2] is None or int(match[2]) == (start + 1) % 100 else None


def whole_number(text: str) -> int | None:
    """'12' → 12: ASCII digits only, at most six of them."""
    return int(text) if re.fullmatch(r"[0-9]{1,6}", text) else None


def among(parse: Callable[[str], int | None], choices: Sequence[int]) -> Callable[[str], int | None]:
    """`parse`, accepting only `choices` (not empty): another number gives the nearest choice."""

    def parse_among(text: str) -> int | None:
        number = parse(text)
        if number is None or number in choices:
            return number
        raise OutOfRange(min(choices, key=lambda c: (abs(c - number), c)))

    return parse_among


def switch(text: str) -> bool | None:
    """'1', 'true', 'yes', 'on' → True; '0', 'false', 'no', 'off' → False; anything else → None."""
    return _SWITCH.get(text.lower())


def quoted(text: str) -> str:
    """`text` quoted for a note: shortened, and any control or invisible character shown as '�'."""
    clean = "".join(c if c.isprintable() else "\N{REPLACEMENT CHARACTER}" for c in text[:QUOTED])
    return f"'{clean}…' ({len(text):,} characters)" if len(text) > QUOTED else f"'{clean}'"


def _texts(raw: Any) -> list[str]:
    """The text of a parameter given once or several times (a list)."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else [raw]
    return [str(item) for item in items]


def _parsed(key: str, text: str, parse: Callable[[str], Any], expected: str) -> tuple[Any, str | None]:
    """The value of one piece of text (None when unreadable) and the start of a note, if one is due."""
    note = f"The link's '{key}' value {quoted(text)} is not {expected}"
    if len(text) > LONGEST:
        return None, note
    try:
        value = parse(text)
    except OutOfRange as out:
        return out.nearest, note
    except ValueError:
        return None, note
    return value, None if value is not None else note
