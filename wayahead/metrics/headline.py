"""Headline figures: the latest year in the filters, the change from the year before, coverage."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from sqlalchemy import Engine

from wayahead.filters import Filters
from wayahead.indicators import INDICATOR_BY_KEY, Indicator, indicator_by_year


@dataclass(frozen=True)
class Headline:
    indicator: Indicator
    year: int
    value: float | None
    previous: float | None
    returned: int
    previous_returned: int
    like_for_like: bool
    in_scope: int

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def _number(x: float) -> float | None:
    return None if x is None or math.isnan(x) else float(x)


def headline(engine: Engine, key: str, filters: Filters) -> Headline:
    """The indicator for the filters' last year, and the change from the year before.

    With like-for-like on, both years count only the authorities that returned in both.
    """
    year = filters.last_year
    pair = dataclasses.replace(filters, first_year=year - 1, last_year=year)
    frame = indicator_by_year(engine, key, pair).set_index("year")
    return Headline(
        INDICATOR_BY_KEY[key],
        year,
        _number(frame.at[year, "value"]),
        _number(frame.at[year - 1, "value"]),
        int(frame.at[year, "returned"]),
        int(frame.at[year - 1, "returned"]),
        filters.like_for_like,
        len(filters.codes()),
    )
