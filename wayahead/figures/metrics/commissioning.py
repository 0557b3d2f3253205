"""Commissioning and impact: how contracts are packaged and awarded."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.core import aggregate, ratio, total
from wayahead.store.schema import SHEET_TABLES

COMMISSIONING = SHEET_TABLES["commissioning"]
CONTRACT_COUNTS = ("contracts_open", "contracts_in_lots", "contracts_consortia", "contracts_light_touch")


def contracts_by_year(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, contracts_open, contracts_in_lots, contracts_consortia,
    contracts_light_touch, lots_share]: counts summed over the returns, every year."""
    sums = aggregate(engine, filters, COMMISSIONING, {key: total(COMMISSIONING.c[key]) for key in CONTRACT_COUNTS})
    frame = sums.set_index("year").reindex(filters.years).fillna(0).astype(int).rename_axis("year").reset_index()
    frame["lots_share"] = ratio(frame["contracts_in_lots"], frame["contracts_open"])
    return frame
