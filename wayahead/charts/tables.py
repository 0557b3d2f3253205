"""The data behind a chart, as a table people can read and download."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from wayahead.london import financial_year_label


def data_table(frame: pd.DataFrame, columns: Mapping[str, str], unit: str = "count", value_columns: tuple[str, ...] = ("value",)) -> pd.DataFrame:
    """`frame` with only `columns` (old → new names), years as '2024/25', shares as
    percentages to one decimal place and money to the pound."""
    table = frame[list(columns)].copy()
    if "year" in table:
        table["year"] = [financial_year_label(int(y)) for y in table["year"]]
    for column in value_columns:
        if column not in table:
            continue
        values = pd.to_numeric(table[column], errors="coerce")
        table[column] = (values * 100).round(1) if unit == "share" else values.round(0 if unit == "money" else 2)
    suffix = {"share": " (%)", "money": " (£)"}.get(unit, "")
    return table.rename(columns={old: new + (suffix if old in value_columns else "") for old, new in columns.items()})
