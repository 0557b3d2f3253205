"""What the reader and validator report: problems with a place, and files refused outright."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

Severity = Literal["error", "warning"]


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
            found = problem.found if all(p.found == problem.found for p in same) else f"{problem.found or 'nothing'} and other values"
            also = tuple(p.cell for p in same[1:LISTED_CELLS] if p.cell)
            out.append(replace(problem, found=found, also=also, more=len(same) - 1 - len(also)))
    return out


def shown(value: Any, limit: int = 60) -> str:
    """A cell value as quoted in a message, cut short if long."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"
