"""What the reader and validator report: problems with a place, and files refused outright."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
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
    """One finding: where (sheet, cell), what was found, what was expected, how to fix it. The
    same finding in many cells is one Problem (see `grouped`): `also` lists a few more of its
    cells and `more` counts the rest."""

    severity: Severity
    sheet: str | None
    cell: str | None
    found: str
    expected: str
    fix: str
    also: tuple[str, ...] = ()
    more: int = 0

    @property
    def count(self) -> int:
        """How many cells have this problem."""
        return 1 + len(self.also) + self.more

    @property
    def cells(self) -> str:
        """'C12', or 'C12, C13, C14 … and 299,990 more' for a repeated problem."""
        listed = ", ".join(c for c in (self.cell, *self.also) if c)
        return f"{listed} … and {self.more:,} more" if self.more else listed

    @property
    def place(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cells}"
        return self.sheet or "Workbook"

    @property
    def message(self) -> str:
        if self.sheet is None and not self.found:
            return self.fix
        found = f"found {self.found}" if self.found else "found nothing"
        return f"{self.place}: {found}; expected {self.expected}. {self.fix}"

    def as_dict(self) -> dict[str, Any]:
        fields = asdict(self)
        del fields["also"], fields["more"]
        return fields | self.repeats() | {"message": self.message}

    def repeats(self) -> dict[str, Any]:
        """For a repeated problem, its listed cells and how many there are in all; else nothing."""
        return {"cells": [self.cell, *self.also], "count": self.count} if self.count > 1 else {}


def cell_count(problems: list[Problem]) -> int:
    """How many cells the problems are about (a repeated problem counts each of its cells)."""
    return sum(problem.count for problem in problems)


LISTED_ALONE = 5  # up to this many cells with the same problem are each reported on their own
LISTED_CELLS = 5  # a repeated problem names its first cells, then counts the rest


def grouped(problems: list[Problem]) -> list[Problem]:
    """The problems with each one that recurs in more than LISTED_ALONE cells of a sheet (the same
    severity, expected answer and fix) reported once, where it first occurs, naming its first
    cells and counting the rest: a sheet of junk gives a few lines, not millions."""
    by_kind: dict[tuple[Any, ...], list[Problem]] = {}
    for problem in problems:
        if problem.cell:
            by_kind.setdefault((problem.severity, problem.sheet, problem.expected, problem.fix), []).append(problem)
    out = []
    for problem in problems:
        same = by_kind.get((problem.severity, problem.sheet, problem.expected, problem.fix), []) if problem.cell else []
        if len(same) <= LISTED_ALONE:
            out.append(problem)
        elif problem is same[0]:
            found = (
                problem.found
                if all(p.found == problem.found for p in same)
                else f"{problem.found or 'nothing'} and other values"
            )
            also = tuple(p.cell for p in same[1:LISTED_CELLS] if p.cell)
            out.append(replace(problem, found=found, also=also, more=len(same) - 1 - len(also)))
    return out


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
    """A cell value as quoted in a message, cut short if long; invisible characters shown. A
    number the cell holds as a number is shown as it is (-3), text in quotes ('-3 ')."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = printable(str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"
