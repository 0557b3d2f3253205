"""Comparing the reader's choice with London: trend series and the ranking across authorities."""

from __future__ import annotations

import dataclasses

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import indicator_by_authority, indicator_by_authority_years, indicator_by_year
from wayahead.figures.metrics.core import current_returns_frame
from wayahead.returns.london import BY_CODE

LONDON = "London"


def london_wide(filters: Filters) -> Filters:
    """The same years and options for all 33 authorities."""
    return dataclasses.replace(filters, authorities=(), sub_regions=(), inner_outer=None)


def area_only(filters: Filters) -> Filters:
    """The filters without the individual authorities (sub-region and Inner/Outer kept)."""
    return dataclasses.replace(filters, authorities=())


def indicator_trend(engine: Engine, key: str, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, series, value, returned, answered]: London each year, then the chosen area
    (for a sub-region or Inner/Outer choice) or each chosen authority's own figure (every year
    of the range; no value where it did not answer), side by side, never added up."""
    parts = [indicator_by_year(engine, key, london_wide(filters)).assign(series=LONDON)]
    if filters.authorities:
        own = indicator_by_authority_years(engine, key, filters)
        returned = current_returns_frame(engine)
        for code in filters.codes():
            values = own[own["code"] == code].set_index("year")["value"].reindex(filters.years)
            sent = set(returned.loc[returned["borough"] == code, "year"])
            parts.append(
                pd.DataFrame(
                    {
                        "year": filters.years,
                        "value": values.to_numpy(),
                        "series": BY_CODE[code].name,
                        "returned": [int(y in sent) for y in filters.years],
                        "answered": values.notna().astype(int).to_numpy(),
                    }
                )
            )
    elif filters.area_chosen:
        parts.append(indicator_by_year(engine, key, filters).assign(series=filters.area_label()))
    frame = pd.concat(parts, ignore_index=True)
    return frame[["year", "series", "value", "returned", "answered"]]


def indicator_ranking(engine: Engine, key: str, filters: Filters) -> pd.DataFrame:
    """DataFrame[code, name, value, chosen]: every authority in the area for the last year;
    `chosen` marks the authorities the reader picked."""
    frame = indicator_by_authority(engine, key, area_only(filters), filters.last_year)
    frame["chosen"] = frame["code"].isin(filters.authorities)
    return frame
