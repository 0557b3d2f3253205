"""What the reader and validator report: problems with a place, and files refused outright."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]

# Characters no answer can mean and no store, export or terminal takes safely: the control
# characters (NUL, ESC, …, which Excel writes as _x0000_, _x001B_ and the reader decodes) other
# than whitespace, DEL, the overrides that make text display in another order than it is
# stored, lone surrogates and the two non-characters. Whitespace controls (tab, line breaks)
# are whitespace, as in every answer.
INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


class FileRefused(Exception):
    """The file is not read at all (unsafe, not a workbook, too large); the message says why."""


@dataclass(frozen=True)
class Problem:
    """One finding: where (sheet, cell), what was found, what was expected, how to fix it."""

    severity: Severity
    sheet: str | None
    cell: str | None
    found: str
    expected: str
    fix: str

    @property
    def place(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or "Workbook"

    @property
    def message(self) -> str:
        if self.sheet is None and not self.found:
            return self.fix
        found = f"found {self.found}" if self.found else "found nothing"
        return f"{self.place}: {found}; expected {self.expected}. {self.fix}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"message": self.message}


def code_point(character: str) -> str:
    """ESC → 'U+001B'."""
    return f"U+{ord(character):04X}"


def printable(text: str) -> str:
    """`text` safe to print on one line: whitespace controls become spaces, other invisible
    characters their code point in brackets (ESC [2J → '[U+001B][2J')."""
    if text.isprintable():  # the usual case, checked quickly
        return text
    return _UNPRINTABLE.sub(lambda m: " " if m[0].isspace() else f"[{code_point(m[0])}]", text)


def visible(text: str) -> str:
    """`text` with every control character but tab and line breaks as its code point in
    brackets, so that a spreadsheet can hold it (NUL → '[U+0000]')."""
    if text.isprintable():
        return text
    return _HIDDEN.sub(lambda m: f"[{code_point(m[0])}]", text)


def shown(value: Any, limit: int = 60) -> str:
    """A cell value as quoted in a message, cut short if long; invisible characters shown."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = printable(str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"
