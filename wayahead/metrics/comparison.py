"""Comparing the reader's choice with London: trend series and the ranking across authorities."""

from __future__ import annotations

import dataclasses

import pandas as pd
from sqlalchemy import Engine

from wayahead.filters import Filters
from wayahead.indicators import indicator_by_authority, indicator_by_authority_years, indicator_by_year

LONDON = "London"


def london_wide(filters: Filters) -> Filters:
    """The same years and options for all 33 authorities."""
    return dataclasses.replace(filters, authorities=(), sub_regions=(), inner_outer=None)


def area_only(filters: Filters) -> Filters:
    """The filters without the individual authorities (sub-region and Inner/Outer kept)."""
    return dataclasses.replace(filters, authorities=())


def indicator_trend(engine: Engine, key: str, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, series, value, returned]: London each year, then the chosen area (for a
    sub-region or Inner/Outer choice) or each chosen authority, for comparison."""
    parts = [indicator_by_year(engine, key, london_wide(filters)).assign(series=LONDON)]
    if filters.authorities:
        own = indicator_by_authority_years(engine, key, filters)
        for name, rows in own.groupby("name", sort=False):
            parts.append(rows[["year", "value"]].assign(series=name, returned=1))
    elif filters.area_chosen:
        parts.append(indicator_by_year(engine, key, filters).assign(series=filters.area_label()))
    frame = pd.concat(parts, ignore_index=True)
    return frame[["year", "series", "value", "returned"]]


def indicator_ranking(engine: Engine, key: str, filters: Filters) -> pd.DataFrame:
    """DataFrame[code, name, value, chosen]: every authority in the area for the last year;
    `chosen` marks the authorities the reader picked."""
    frame = indicator_by_authority(engine, key, area_only(filters), filters.last_year)
    frame["chosen"] = frame["code"].isin(filters.authorities)
    return frame
