"""Headline figures: the latest year in the filters, the change from the year before, coverage."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import Engine

from wayahead.figures.answers import asked_count
from wayahead.figures.filters import Filters
from wayahead.figures.indicators import Indicator, indicator, indicator_by_year
from wayahead.figures.metrics.against_london import london_wide
from wayahead.figures.numbers import finite
from wayahead.store.publication import min_coverage, withheld_text


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
    matched: float | None = None  # this year's figure over the authorities that returned both years
    withheld: str | None = None  # why the figure is not stated (too few answered)
    asked: int | None = None  # returns that asked the question, for one added in a later return version
    returned_both: int = 0  # authorities that returned this year and the year before: those the change counts
    previous_asked: int | None = (
        None  # `asked` for the year before, counted only when this year asked and none answered then
    )

    @property
    def not_asked(self) -> bool:
        """No return of the year asked the question (all are of an earlier version): 'not asked'."""
        return self.asked == 0 and self.returned > 0

    @property
    def previous_not_asked(self) -> bool:
        """No return of the year before asked the question: its '0 answered' is 'not asked'."""
        return self.previous_asked == 0 and self.previous_returned > 0

    @property
    def too_few_returned(self) -> bool:
        """Withheld because too few authorities returned at all (else too few answered the question)."""
        return self.withheld is not None and self.returned < min_coverage(self.in_scope)

    @property
    def change_counts_fewer(self) -> bool:
        """The change counts fewer authorities than either year's figure (some returned in one year
        only), so it can differ from the difference of the two years' figures."""
        return self.change is not None and self.returned_both < max(self.returned, self.previous_returned)

    @property
    def change(self) -> float | None:
        """Like-for-like: this year on the year before, over the authorities that returned in both."""
        if self.value is None or self.matched is None or self.previous is None:
            return None
        return self.matched - self.previous


def _whole(value: object) -> int:
    """A count read from a frame (counts are never blank)."""
    return int(finite(value) or 0)


def headline(engine: Engine, key: str, filters: Filters) -> Headline:
    """The indicator for the filters' last year (over every authority that returned), and the
    change from the year before, always like-for-like (only authorities that returned in both).
    Neither is stated when fewer authorities returned than the coverage threshold."""
    year = filters.last_year
    pair = dataclasses.replace(filters, first_year=year - 1, last_year=year)
    frame = indicator_by_year(engine, key, pair).set_index("year")
    matched = indicator_by_year(engine, key, dataclasses.replace(pair, like_for_like=True)).set_index("year")
    returned, in_scope = _whole(frame.at[year, "returned"]), len(filters.codes())
    answered = _whole(frame.at[year, "answered"])
    since = indicator(key).since
    asked = asked_count(engine, filters, year, since) if since > 1 else None
    previous_answered = _whole(frame.at[year - 1, "answered"])
    # "0 answered" the year before may be "not asked": worth a query only when this year asked it
    previous_asked = asked_count(engine, filters, year - 1, since) if asked and not previous_answered else None
    return Headline(
        indicator(key),
        year,
        finite(frame.at[year, "value"]),
        finite(matched.at[year - 1, "value"]),
        returned,
        _whole(frame.at[year - 1, "returned"]),
        filters.like_for_like,
        in_scope,
        answered,
        previous_answered,
        filters.area_label(),
        finite(matched.at[year, "value"]),
        withheld_text(returned, in_scope, year, filters.area_label(), answered)
        if returned and in_scope > 1 and answered < min_coverage(in_scope) and asked != 0
        else None,
        asked,
        _whole(matched.at[year, "returned"]),
        previous_asked,
    )


def headlines_side_by_side(engine: Engine, key: str, filters: Filters) -> list[Headline]:
    """With several authorities chosen, each one's own headline and then London's as the
    reference (nothing added up); otherwise the one headline for the filters."""
    if len(filters.authorities) < 2:
        return [headline(engine, key, filters)]
    own = [headline(engine, key, dataclasses.replace(filters, authorities=(code,))) for code in filters.codes()]
    return [*own, headline(engine, key, london_wide(filters))]
