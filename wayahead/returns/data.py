"""A return's clean content, the shape every wing passes on: loaders make it, intake compares it,
the store keeps it and gives it back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wayahead.returns.spec import SHEETS

Record = dict[str, Any]
Columns = dict[str, list[Any]]


def complete(sheets: dict[str, list[Record]]) -> dict[str, list[Record]]:
    """`sheets` in the one shape every return has: each sheet of the spec, each record with
    every field (None where the return's version did not ask it), and the About sheet's
    return version (1 when not stated: version 1 had no such row)."""
    shaped = {
        sheet.key: [{f.key: record.get(f.key) for f in sheet.fields} for record in sheets.get(sheet.key, [])]
        for sheet in SHEETS
    }
    for about in shaped["about"]:
        about["return_version"] = about["return_version"] or 1
    return shaped


class ReturnData:
    """A return's clean content: `sheets` maps each sheet key to its records (a fields sheet
    has one). The validator hands it over column by column; records are made on first use."""

    def __init__(
        self,
        borough: str,
        year: int,
        sheets: dict[str, list[Record]] | None = None,
        columns: dict[str, Columns] | None = None,
    ) -> None:
        if (sheets is None) == (columns is None):
            raise TypeError("ReturnData needs either sheets (records) or columns")
        self.borough, self.year = borough, year
        self._sheets, self._columns = (None if sheets is None else complete(sheets)), columns

    @property
    def sheets(self) -> dict[str, list[Record]]:
        if self._sheets is None:
            assert self._columns is not None
            self._sheets = complete(
                {key: [dict(zip(cols, row)) for row in zip(*cols.values())] for key, cols in self._columns.items()}
            )
        return self._sheets

    def columns(self, sheet_key: str, keys: Sequence[str]) -> list[list[Any]]:
        """One sheet's values of `keys`, column by column, one value per record (for storing)."""
        if self._sheets is None and self._columns is not None:
            found = self._columns.get(sheet_key) or {}
            count = max((len(values) for values in found.values()), default=0)
            return [found.get(key) or [None] * count for key in keys]
        records = self.sheets.get(sheet_key, [])
        return [[record.get(key) for record in records] for key in keys]

    @property
    def version(self) -> int:
        """The return version it answers (1 when it does not say: version 1 had no such row)."""
        (stated,) = self.columns("about", ["return_version"])
        return (stated[0] if stated else None) or 1

    @property
    def notes(self) -> str | None:
        """About › Notes (personal: for uploaders and admins only), None when left blank."""
        (notes,) = self.columns("about", ["notes"])
        return (notes[0] if notes else None) or None

    def total_funding(self) -> float:
        (amounts,) = self.columns("funding", ["amount"])
        return sum(amount or 0 for amount in amounts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReturnData):
            return NotImplemented
        return (self.borough, self.year, self.sheets) == (other.borough, other.year, other.sheets)

    def __repr__(self) -> str:
        return f"ReturnData({self.borough!r}, {self.year!r}, {self.sheets!r})"
