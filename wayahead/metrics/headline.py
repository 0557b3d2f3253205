"""Headline figures: the latest year in the filters, the change from the year before, coverage."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from sqlalchemy import Engine

from wayahead.filters import Filters
from wayahead.indicators import INDICATOR_BY_KEY, Indicator, indicator_by_year
from wayahead.metrics.comparison import london_wide


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
    answered: int = 0
    previous_answered: int = 0
    area: str = "London"

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
        int(frame.at[year, "answered"]),
        int(frame.at[year - 1, "answered"]),
        filters.area_label(),
    )


def headlines_side_by_side(engine: Engine, key: str, filters: Filters) -> list[Headline]:
    """With several authorities chosen, each one's own headline and then London's as the
    reference (nothing added up); otherwise the one headline for the filters."""
    if len(filters.authorities) < 2:
        return [headline(engine, key, filters)]
    own = [headline(engine, key, dataclasses.replace(filters, authorities=(code,))) for code in filters.codes()]
    return [*own, headline(engine, key, london_wide(filters))]
