"""One authority against London, its sub-region, Inner or Outer London and, when the reader
picks one, a group of authorities, on every headline indicator.

Every comparison uses the same indicator definitions as the rest of the dashboard
(wayahead.figures.indicators): London, the sub-region, Inner or Outer London (the ONS statistical
definition) and the reader's group are pooled figures over the authorities in them that returned,
stated only when enough of them returned (`store.publication.min_coverage`); the authority's
figure is its own, never pooled with the group's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.filters import Filters, authority_code
from wayahead.figures.indicators import Indicator, headline_indicators, indicator_by_authority, indicator_by_year
from wayahead.figures.links import Reading, read_param
from wayahead.figures.metrics.core import years_returned
from wayahead.figures.numbers import finite
from wayahead.returns.london import BY_CODE, Authority
from wayahead.store.publication import min_coverage

LONDON = "London"
GROUP_PARAM = "group"  # the link parameter of the reader's group: ?group=E09000001,E09000002
GROUP_MOST = 10  # authorities in the reader's group
NOTES_MOST = 3  # notes on a link's unreadable group values; more are counted in one note

# The headline indicators that are a Yes or No for one authority, with the words for each answer.
YES_NO_WORDS: dict[str, tuple[str, str]] = {
    "cabinet_lead": ("has a cabinet member responsible for the VCS", "has no cabinet member responsible for the VCS"),
    "social_value": ("has adopted or embedded a social value policy", "has not adopted a social value policy"),
}


@dataclass(frozen=True)
class AreaFigure:
    """A compared area's pooled figure for one indicator in one year, and how many of its
    authorities returned and answered the indicator's questions."""

    area: str
    value: float | None
    returned: int
    in_scope: int
    answered: int

    @property
    def too_few(self) -> bool:
        """Too few of the area's authorities returned for its figure to be stated."""
        return self.returned < min_coverage(self.in_scope)

    @property
    def too_few_answered(self) -> bool:
        """Enough returned, but too few answered this indicator's questions for its figure to be stated."""
        return not self.too_few and self.answered < min_coverage(self.in_scope)


@dataclass(frozen=True)
class Comparison:
    """One indicator in one year: the authority, its sub-region, Inner or Outer London, London and the reader's group."""

    indicator: Indicator
    year: int
    value: float | None
    previous: float | None
    sub_region: AreaFigure
    inner_outer: AreaFigure
    london: AreaFigure
    group: AreaFigure | None
    rank: int | None
    ranked: int

    @property
    def yes_no(self) -> bool:
        return self.indicator.yes_no

    @property
    def areas(self) -> tuple[AreaFigure, ...]:
        """The compared areas in the order shown: sub-region, Inner or Outer London, London, the group."""
        return (self.sub_region, self.inner_outer, self.london, *((self.group,) if self.group else ()))


@dataclass(frozen=True)
class BoroughProfile:
    authority: Authority
    filters: Filters
    year: int | None
    returned_years: tuple[int, ...]
    comparisons: tuple[Comparison, ...]
    trends: pd.DataFrame  # indicator, year, area, value, returned, answered
    group: tuple[str, ...] = ()  # the reader's comparison group (ONS codes), never the authority itself

    @property
    def sub_region_label(self) -> str:
        return f"{self.authority.sub_region} London"

    @property
    def inner_outer_label(self) -> str:
        return f"{self.authority.inner_outer} London"

    @property
    def group_label(self) -> str | None:
        return group_label(len(self.group)) if self.group else None

    @property
    def area_labels(self) -> tuple[str, ...]:
        """The compared areas in the order shown (as Comparison.areas): sub-region, Inner or Outer London, London, the group."""
        return (self.sub_region_label, self.inner_outer_label, LONDON, *filter(None, [self.group_label]))

    def comparison(self, key: str) -> Comparison:
        return next(c for c in self.comparisons if c.indicator.key == key)


def group_label(size: int) -> str:
    """'Your group (5 authorities)': the reader's group is always named as a pooled group."""
    return f"Your group ({size} {'authority' if size == 1 else 'authorities'})"


def comparison_group(codes: Iterable[str], code: str) -> tuple[str, ...]:
    """The reader's group: London authorities other than `code`, the first GROUP_MOST of
    `codes` given, in the standard order; anything else is left out."""
    chosen = [c for c in dict.fromkeys(codes) if c in BY_CODE and c != code][:GROUP_MOST]
    return tuple(c for c in BY_CODE if c in chosen)


def group_from_link(params: Mapping[str, Any], code: str) -> Reading[tuple[str, ...]]:
    """The group in a link (?group=E09000001,E09000002, codes or names) for the profile of
    `code`, and plain notes on what in it could not be used: never an error, whatever it holds."""
    reading: Reading[tuple[str, ...]] = read_param(
        params, GROUP_PARAM, authority_code, (), "a London authority (ONS code or name)", many=True
    )
    notes = list(reading.notes[:NOTES_MOST])
    if len(reading.notes) > NOTES_MOST:
        notes.append(f"{len(reading.notes) - NOTES_MOST} more of the link's 'group' values are not London authorities.")
    others = [c for c in reading.value if c != code]
    if len(others) > GROUP_MOST:
        notes.append(
            f"The link's group has {len(others)} authorities; a group has at most {GROUP_MOST}, so the first {GROUP_MOST} are used."
        )
    return Reading(comparison_group(reading.value, code), tuple(notes))


def area_filters(filters: Filters, group: tuple[str, ...] = ()) -> dict[str, Filters]:
    """The scopes compared, keyed by area label: the authority, its sub-region, its Inner or
    Outer London, London and, when one is given, the reader's group."""
    code = filters.authorities[0]
    a = BY_CODE[code]
    plain = Filters(filters.first_year, filters.last_year, like_for_like=filters.like_for_like)
    areas = {
        a.name: replace(plain, authorities=(code,), like_for_like=False),
        f"{a.sub_region} London": replace(plain, sub_regions=(a.sub_region,)),
        f"{a.inner_outer} London": replace(plain, inner_outer=a.inner_outer),
        LONDON: plain,
    }
    if group:
        areas[group_label(len(group))] = replace(plain, authorities=group)
    return areas


def _trends(engine: Engine, areas: dict[str, Filters]) -> pd.DataFrame:
    frames = []
    for indicator in headline_indicators():
        for area, scope in areas.items():
            frame = indicator_by_year(engine, indicator.key, scope)
            frames.append(frame.assign(indicator=indicator.key, area=area))
    trends = pd.concat(frames, ignore_index=True)
    return trends[["indicator", "year", "area", "value", "returned", "answered"]]


def _values(trends: pd.DataFrame) -> dict[tuple[str, str, int], tuple[float | None, int, int]]:
    """(indicator, area, year) → (value, authorities returned, authorities answered), for looking figures up."""
    columns = ["indicator", "area", "year", "value", "returned", "answered"]
    return {
        (key, area, int(year)): (finite(value), int(returned), int(answered))
        for key, area, year, value, returned, answered in trends[columns].itertuples(index=False, name=None)
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


def borough_profile(engine: Engine, code: str, filters: Filters, group: tuple[str, ...] = ()) -> BoroughProfile:
    """The profile of authority `code` over the filters' years (its latest return in range),
    compared also with the reader's `group` of other authorities when one is given."""
    scoped = replace(filters, authorities=(code,), sub_regions=(), inner_outer=None)
    group = comparison_group(group, code)
    areas = area_filters(scoped, group)
    returned = tuple(years_returned(engine, areas[BY_CODE[code].name]))
    year = returned[-1] if returned else None
    trends = _trends(engine, areas)
    own, *compared = areas
    comparisons = []
    if year is not None:
        values = _values(trends)

        def figure(key: str, area: str) -> AreaFigure:
            value, area_returned, answered = values.get((key, area, year), (None, 0, 0))
            return AreaFigure(area, value, area_returned, len(areas[area].codes()), answered)

        for indicator in headline_indicators():
            value, *_ = values.get((indicator.key, own, year), (None, 0, 0))
            previous, *_ = values.get((indicator.key, own, year - 1), (None, 0, 0))
            sub_region, inner_outer, london, *mine = (figure(indicator.key, area) for area in compared)
            rank, ranked = _rank(engine, indicator.key, scoped, code, year) if value is not None else (None, 0)
            comparisons.append(
                Comparison(
                    indicator,
                    year,
                    value,
                    previous,
                    sub_region,
                    inner_outer,
                    london,
                    mine[0] if mine else None,
                    rank,
                    ranked,
                )
            )
    return BoroughProfile(BY_CODE[code], scoped, year, returned, tuple(comparisons), trends, group)
