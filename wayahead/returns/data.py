"""A return's clean content, the shape every wing passes on: loaders make it, intake compares it,
the store keeps it and gives it back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Record = dict[str, Any]
Columns = dict[str, list[Any]]


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
        self._sheets, self._columns = sheets, columns

    @property
    def sheets(self) -> dict[str, list[Record]]:
        if self._sheets is None:
            assert self._columns is not None
            self._sheets = {
                key: [dict(zip(cols, row)) for row in zip(*cols.values())] for key, cols in self._columns.items()
            }
        return self._sheets

    def columns(self, sheet_key: str, keys: Sequence[str]) -> list[list[Any]]:
        """One sheet's values of `keys`, column by column, one value per record (for storing)."""
        if self._sheets is None and self._columns is not None:
            found = self._columns.get(sheet_key) or {}
            return [found[key] for key in keys] if found else [[] for _ in keys]
        records = self.sheets.get(sheet_key, [])
        return [[record[key] for record in records] for key in keys]

    def total_funding(self) -> float:
        (amounts,) = self.columns("funding", ["amount"])
        return sum(amount or 0 for amount in amounts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReturnData):
            return NotImplemented
        return (self.borough, self.year, self.sheets) == (other.borough, other.year, other.sheets)

    def __repr__(self) -> str:
        return f"ReturnData({self.borough!r}, {self.year!r}, {self.sheets!r})"
