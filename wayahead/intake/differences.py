"""Comparing two versions of a return: what changed, field by field, and by how much.

Rows of a table sheet are matched by their identifying columns (Commissioner × Mechanism for
Funding, the organisation for Infrastructure), so reordering rows is not a change.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from wayahead.returns.data import ReturnData
from wayahead.returns.spec import SHEETS, Kind, Sheet
from wayahead.returns.template import display_value

COLUMNS = ["Sheet", "Row", "Field", "Before", "After", "Change"]
NUMERIC = {Kind.MONEY, Kind.WHOLE, Kind.PERCENT, Kind.YEAR}
Record = dict[str, Any]


def return_differences(before: ReturnData, after: ReturnData) -> pd.DataFrame:
    """One row per changed answer (and per added or removed table row); empty when identical."""
    rows: list[dict[str, Any]] = []
    for sheet in SHEETS:
        old, new = _keyed(sheet, before.sheets.get(sheet.key, [])), _keyed(sheet, after.sheets.get(sheet.key, []))
        for key in [*old, *(k for k in new if k not in old)]:
            label = " / ".join(str(part) for part in key if part is not None) if sheet.layout == "table" else ""
            if key not in new:
                rows.append(_row(sheet, label, "(whole row)", "present", "removed", "row removed"))
            elif key not in old:
                rows.append(_row(sheet, label, "(whole row)", "", "added", "row added"))
            else:
                rows += [_row(sheet, label, *change) for change in _field_changes(sheet, old[key], new[key])]
    return pd.DataFrame(rows, columns=COLUMNS)


def _keyed(sheet: Sheet, records: list[Record]) -> dict[tuple[Any, ...], Record]:
    """Records keyed by their identifying columns plus a counter for any repeats."""
    id_columns = sheet.unique_together or (sheet.fields[0].key,)
    seen: Counter[tuple[Any, ...]] = Counter()
    keyed = {}
    for record in records:
        base = tuple(record.get(c) for c in id_columns) if sheet.layout == "table" else ()
        seen[base] += 1
        keyed[base + ((f"#{seen[base]}",) if seen[base] > 1 else ())] = record
    return keyed


def _field_changes(sheet: Sheet, old: Record, new: Record) -> list[tuple[str, Any, Any, str]]:
    changes = []
    for f in sheet.fields:
        a, b = old.get(f.key), new.get(f.key)
        if a != b:
            changes.append(
                (f.label, _text(display_value(a, f)), _text(display_value(b, f)), _by_how_much(a, b, f.kind))
            )
    return changes


def _by_how_much(a: Any, b: Any, kind: Kind) -> str:
    if kind not in NUMERIC or a is None or b is None:
        return "changed" if a is not None and b is not None else ("answered" if a is None else "cleared")
    difference = b - a
    share = f" ({difference / a:+.1%})" if a else ""
    sign = "-" if difference < 0 else "+"
    amount = f"{sign}£{abs(difference):,.0f}" if kind is Kind.MONEY else f"{difference:+,g}"
    return amount + share


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def _row(sheet: Sheet, label: str, field: str, before: str, after: str, change: str) -> dict[str, Any]:
    return dict(zip(COLUMNS, (sheet.name, label, field, before, after, change)))


def total_funding_change(before: ReturnData, after: ReturnData) -> str:
    """'£1,000 → £1,200 (+20.0%)': the headline change in total funding."""
    a, b = before.total_funding(), after.total_funding()
    share = f" ({(b - a) / a:+.1%})" if a else ""
    return f"£{a:,.0f} → £{b:,.0f}{share}"
