"""The data behind a chart, as a table people can read and download."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from wayahead.figures.numbers import missing
from wayahead.returns.london import financial_year_label
from wayahead.words.formatting import NOT_ANSWERED_TEXT


def data_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    unit: str = "count",
    value_columns: tuple[str, ...] = ("value",),
    pence: tuple[str, ...] = (),
) -> pd.DataFrame:
    """`frame` with only `columns` (old → new names), years as '2024/25', shares as
    percentages to one decimal place and money to the pound (the value columns in `pence`,
    money per resident, to the penny)."""
    table = frame[list(columns)].copy()
    if "year" in table:
        table["year"] = [financial_year_label(int(y)) for y in table["year"]]
    for column in value_columns:
        if column not in table:
            continue
        values = pd.to_numeric(table[column], errors="coerce")
        table[column] = (
            (values * 100).round(1)
            if unit == "share"
            else values.round(0 if unit == "money" and column not in pence else 2)
        )
    suffix = {"share": " (%)", "money": " (£)"}.get(unit, "")
    return table.rename(columns={old: new + (suffix if old in value_columns else "") for old, new in columns.items()})


def with_not_answered(table: pd.DataFrame, answered: Sequence[bool], keep: int = 2) -> pd.DataFrame:
    """`table` with the words 'not answered' in every column but the first `keep` (e.g. code and
    name) of the rows whose return left this part blank, so a blank never reads as 0 or No."""
    marked = table.map(_readable).astype(object)
    blank = ~np.asarray(answered, dtype=bool)
    marked.loc[blank, marked.columns[keep:]] = NOT_ANSWERED_TEXT
    if blank.any():  # words among numbers: the column is text (Arrow needs one type per column)
        marked[marked.columns[keep:]] = marked[marked.columns[keep:]].astype(str)
    return marked


def _readable(value: object) -> object:
    """Yes/No for booleans, whole numbers without '.0', '' for a missing value."""
    if isinstance(value, (bool, np.bool_)):
        return "Yes" if value else "No"
    if missing(value):
        return ""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    return value
