"""Reading a checked .xlsx into plain grids of cell values (python-calamine, fast)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import python_calamine

from loaders.problems import FileRefused


def cell_ref(row: int, col: int) -> str:
    """Zero-based (row, col) → Excel reference: (6, 2) → 'C7'."""
    return f"{column_letters(col)}{row + 1}"


@lru_cache(maxsize=1024)  # called for every cell read, with few distinct columns
def column_letters(col: int) -> str:
    """Zero-based column → Excel letters: 0 → 'A', 27 → 'AB'."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Workbook:
    """Every sheet's cells as rows of values from A1, blanks as ''; `hidden` names the sheets
    hidden (or 'very hidden') in Excel."""

    data: bytes
    grids: dict[str, list[list[Any]]]
    hidden: frozenset[str] = frozenset()
    _formats: dict[tuple[str, str], str] = field(default_factory=dict)

    def number_format(self, sheet: str, ref: str) -> str:
        """The number format of one cell. Calamine does not report formats, so openpyxl is
        used here, only for the few cells whose meaning depends on it (percentages)."""
        if (sheet, ref) not in self._formats:
            import openpyxl  # defusedxml is installed, so openpyxl parses XML through it

            try:
                book = openpyxl.load_workbook(io.BytesIO(self.data), read_only=True)
            except Exception:  # styles openpyxl cannot read (calamine could): format unknown
                self._formats[(sheet, ref)] = "General"
                return "General"
            try:
                cell = book[sheet][ref]
                self._formats[(sheet, ref)] = str(getattr(cell, "number_format", "General"))
            finally:
                book.close()
        return self._formats[(sheet, ref)]


def is_percent_format(number_format: str) -> bool:
    """True for a format that shows a value × 100 with '%' ('0%', '0.0%'); a quoted or escaped
    percent sign (the template's '0"%"', showing 15 as 15%) only decorates the number."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format)


def read_workbook(data: bytes) -> Workbook:
    """Read every sheet of a workbook that passed loaders.safety checks."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
        hidden = frozenset(
            s.name for s in book.sheets_metadata if s.visible != python_calamine.SheetVisibleEnum.Visible
        )
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise FileRefused(
            "The workbook could not be read (it may be damaged). Open it in Excel, save it "
            f"again as .xlsx and upload the new copy. Detail: {str(exc)[:120]}"
        ) from exc
    return Workbook(data, grids, hidden)
