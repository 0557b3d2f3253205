"""One authority against London and its sub-region on every headline indicator.

Every comparison uses the same indicator definitions as the rest of the dashboard
(wayahead.figures.indicators): London and the sub-region are pooled figures over the authorities in
them that returned, the authority's figure is its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import Indicator, headline_indicators, indicator_by_authority, indicator_by_year
from wayahead.figures.metrics.core import years_returned
from wayahead.figures.numbers import finite
from wayahead.returns.london import BY_CODE, Authority

LONDON = "London"

# The headline indicators that are a Yes or No for one authority, with the words for each answer.
YES_NO_WORDS: dict[str, tuple[str, str]] = {
    "cabinet_lead": ("has a cabinet member responsible for the VCS", "has no cabinet member responsible for the VCS"),
    "social_value": ("has adopted or embedded a social value policy", "has not adopted a social value policy"),
}


@dataclass(frozen=True)
class Comparison:
    """One indicator in one year: the authority, its sub-region and London."""

    indicator: Indicator
    year: int
    value: float | None
    previous: float | None
    sub_region: float | None
    sub_region_returned: int
    london: float | None
    london_returned: int
    rank: int | None
    ranked: int

    @property
    def yes_no(self) -> bool:
        return self.indicator.yes_no


@dataclass(frozen=True)
class BoroughProfile:
    authority: Authority
    filters: Filters
    year: int | None
    returned_years: tuple[int, ...]
    comparisons: tuple[Comparison, ...]
    trends: pd.DataFrame  # indicator, year, area, value

    @property
    def sub_region_label(self) -> str:
        return f"{self.authority.sub_region} London"

    def comparison(self, key: str) -> Comparison:
        return next(c for c in self.comparisons if c.indicator.key == key)


def area_filters(filters: Filters) -> dict[str, Filters]:
    """The scopes compared, keyed by area label: the authority, its sub-region and London."""
    code = filters.authorities[0]
    a = BY_CODE[code]
    plain = Filters(filters.first_year, filters.last_year, like_for_like=filters.like_for_like)
    return {
        a.name: replace(plain, authorities=(code,), like_for_like=False),
        f"{a.sub_region} London": replace(plain, sub_regions=(a.sub_region,)),
        LONDON: plain,
    }


def _trends(engine: Engine, areas: dict[str, Filters]) -> pd.DataFrame:
    frames = []
    for indicator in headline_indicators():
        for area, scope in areas.items():
            frame = indicator_by_year(engine, indicator.key, scope)
            frames.append(frame.assign(indicator=indicator.key, area=area))
    trends = pd.concat(frames, ignore_index=True)
    return trends[["indicator", "year", "area", "value", "returned"]]


def _values(trends: pd.DataFrame) -> dict[tuple[str, str, int], tuple[float | None, int]]:
    """(indicator, area, year) → (value, authorities returned), for looking figures up."""
    return {
        (key, area, int(year)): (finite(value), int(returned))
        for key, area, year, value, returned in trends[["indicator", "area", "year", "value", "returned"]].itertuples(
            index=False, name=None
        )
    }


def _rank(engine: Engine, key: str, filters: Filters, code: str, year: int) -> tuple[int | None, int]:
    """Position of `code` among London authorities with a figure (1 = highest), and how many had one."""
    everyone = indicator_by_authority(engine, key, Filters(filters.first_year, filters.last_year), year).dropna(
        subset=["value"]
    )
    if code not in set(everyone["code"]):
        return None, len(everyone)
    value = float(everyone.loc[everyone["code"] == code, "value"].iloc[0])
    return int((everyone["value"] > value).sum()) + 1, len(everyone)


def borough_profile(engine: Engine, code: str, filters: Filters) -> BoroughProfile:
    """The profile of authority `code` over the filters' years (its latest return in range)."""
    scoped = replace(filters, authorities=(code,), sub_regions=(), inner_outer=None)
    areas = area_filters(scoped)
    returned = tuple(years_returned(engine, areas[BY_CODE[code].name]))
    year = returned[-1] if returned else None
    trends = _trends(engine, areas)
    names = list(areas)
    comparisons = []
    if year is not None:
        values = _values(trends)
        for indicator in headline_indicators():
            value, _ = values.get((indicator.key, names[0], year), (None, 0))
            previous, _ = values.get((indicator.key, names[0], year - 1), (None, 0))
            sub_region, sub_returned = values.get((indicator.key, names[1], year), (None, 0))
            london, london_returned = values.get((indicator.key, names[2], year), (None, 0))
            rank, ranked = _rank(engine, indicator.key, scoped, code, year) if value is not None else (None, 0)
            comparisons.append(
                Comparison(
                    indicator, year, value, previous, sub_region, sub_returned, london, london_returned, rank, ranked
                )
            )
    return BoroughProfile(BY_CODE[code], scoped, year, returned, tuple(comparisons), trends)
