"""What the reader and validator report: problems with a place, and files refused outright."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


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
