"""Headline figures: the latest year in the filters, the change from the year before, coverage."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from sqlalchemy import Engine

from wayahead.filters import Filters
from wayahead.indicators import INDICATOR_BY_KEY, Indicator, indicator_by_year
from wayahead.publication import min_coverage, withheld_text


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
    matched: float | None = None  # this year's figure over the authorities that returned both years
    withheld: str | None = None  # why the figure is not stated (too few returned)

    @property
    def change(self) -> float | None:
        """Like-for-like: this year on the year before, over the authorities that returned in both."""
        if self.value is None or self.matched is None or self.previous is None:
            return None
        return self.matched - self.previous


def _number(x: float) -> float | None:
    return None if x is None or math.isnan(x) else float(x)


def headline(engine: Engine, key: str, filters: Filters) -> Headline:
    """The indicator for the filters' last year (over every authority that returned), and the
    change from the year before, always like-for-like (only authorities that returned in both).
    Neither is stated when fewer authorities returned than the coverage threshold."""
    year = filters.last_year
    pair = dataclasses.replace(filters, first_year=year - 1, last_year=year)
    frame = indicator_by_year(engine, key, pair).set_index("year")
    matched = indicator_by_year(engine, key, dataclasses.replace(pair, like_for_like=True)).set_index("year")
    returned, in_scope = int(frame.at[year, "returned"]), len(filters.codes())
    return Headline(
        INDICATOR_BY_KEY[key],
        year,
        _number(frame.at[year, "value"]),
        _number(matched.at[year - 1, "value"]),
        returned,
        int(frame.at[year - 1, "returned"]),
        True,
        in_scope,
        _number(matched.at[year, "value"]),
        withheld_text(returned, in_scope, year, filters.area_label()) if 0 < returned < min_coverage(in_scope) else None,
    )
