"""The benchmark's figures: each with its target and whether it is met, printed as one table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One measured figure. `limit` is the target's upper bound (None: shown for context only)."""

    section: str
    name: str
    value: float | None
    unit: str
    limit: float | None = None
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        return self.value is not None and self.value <= self.limit

    def value_text(self) -> str:
        if self.value is None:
            return "failed"
        return f"{self.value:.2f}{self.unit}" if self.unit == "×" else f"{self.value:.3g} {self.unit}"

    def target_text(self) -> str:
        if self.limit is None:
            return ""
        return f"≤ {self.limit:g}×" if self.unit == "×" else f"< {self.limit:g} {self.unit}"

    def met_text(self) -> str:
        return {None: "", True: "met", False: "MISSED"}[self.met]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"target": self.target_text(), "met": self.met}


def table(figures: list[Figure]) -> str:
    """The figures as one plain-text table, grouped by section."""
    header = ("Figure", "Value", "Target", "Met", "Note")
    rows = [(f.name, f.value_text(), f.target_text(), f.met_text(), f.note) for f in figures]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), line(tuple("-" * w for w in widths))]
    section = None
    for figure, row in zip(figures, rows):
        if figure.section != section:
            section = figure.section
            out.append(f"[{section}]")
        out.append(line(row))
    missed = [f for f in figures if f.met is False]
    out.append(f"{sum(f.met is True for f in figures)} targets met, {len(missed)} missed.")
    return "\n".join(out)


def write_results(path: Path, figures: list[Figure], context: dict[str, Any], details: dict[str, Any]) -> None:
    """bench/results.json: when and where the figures were taken, the figures, and the raw page timings."""
    path.write_text(
        json.dumps({**context, "figures": [f.as_dict() for f in figures], "details": details}, indent=2) + "\n"
    )
