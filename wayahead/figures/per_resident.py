"""Money per resident: the one rule for dividing money by population.

The population of an authority in a year is the loaded mid-year estimate (store.reference, kind
'population') where there is one, else the Census 2021 count of usual residents
(returns.london.POPULATION_SOURCE), used for every year as an approximation. A pooled figure (London, an area) is the money of the
authorities that answered ÷ the residents of those same authorities: one that left the money
blank is in neither sum, and a blank is never £0 per resident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Engine

from wayahead.figures.numbers import finite
from wayahead.returns.london import AUTHORITIES
from wayahead.store.publication import min_coverage, withheld_text
from wayahead.store.reference import current_series

PER_RESIDENT_RULE = (
    "Per resident is the amount ÷ the authority's residents; for London or an area, the amounts of the "
    "authorities that answered ÷ the residents of those authorities only (one that left it blank is in neither)."
)


CENSUS_2021 = {a.code: float(a.population) for a in AUTHORITIES}


def residents(engine: Engine, year: int) -> dict[str, float]:
    """Each authority's residents in `year` (ONS code → count): the loaded mid-year estimate
    where it gives that authority and year, else Census 2021."""
    loaded = current_series(engine, "population")
    values = loaded.values if loaded else {}
    return {code: values.get((code, year), census) for code, census in CENSUS_2021.items()}


@dataclass(frozen=True)
class PopulationBasis:
    """The loaded mid-year estimates: their source, release date and the (code, year) they give."""

    source: str
    released: dt.date
    covered: frozenset[tuple[str, int]]

    def covers(self, years: Iterable[int]) -> str:
        """'all', 'some' or 'none': how much of every authority in `years` the estimates give."""
        wanted = {(code, year) for code in CENSUS_2021 for year in years}
        found = wanted & self.covered
        return "all" if found == wanted else "some" if found else "none"


def population_basis(engine: Engine) -> PopulationBasis | None:
    """The loaded mid-year estimates' basis, or None when none are loaded (Census 2021 is used)."""
    loaded = current_series(engine, "population")
    if loaded is None:
        return None
    covered = frozenset((code, year) for code, year in loaded.values if code is not None)
    return PopulationBasis(loaded.series.source, loaded.series.released, covered)


def per_resident(amounts: Mapping[str, object], population: Mapping[str, float] | None = None) -> float | None:
    """Σ money ÷ Σ residents over the authorities (ONS code → amount) whose amount is a figure,
    residents from `population` (residents(engine, year)) or else Census 2021; None when no
    amount is a figure (no answer is not £0 per resident)."""
    counts = population or CENSUS_2021
    answered = {code: value for code, amount in amounts.items() if (value := finite(amount)) is not None}
    if not answered:
        return None
    return sum(answered.values()) / sum(counts[code] for code in answered)


@dataclass(frozen=True)
class AreaTotal:
    """An area's total in one year over the authorities that answered and, for money, per
    resident (both None when too few answered to state them, with `withheld` saying why)."""

    area: str
    year: int
    total: float | None
    per_resident: float | None
    answered: int
    in_scope: int
    withheld: str | None


def area_total(
    amounts: Mapping[str, object],
    returned: int,
    in_scope: int,
    year: int,
    area: str,
    population: Mapping[str, float] | None = None,
) -> AreaTotal:
    """The pooled figure of an area from each authority's amount (ONS code → amount, a blank for
    one that did not answer), stated only when enough of the `in_scope` authorities answered;
    per resident over `population` (residents(engine, year)), else Census 2021."""
    answered = sum(finite(a) is not None for a in amounts.values())
    if answered == 0 or (in_scope > 1 and answered < min_coverage(in_scope)):
        why = withheld_text(returned, in_scope, year, area, answered) if answered else None
        return AreaTotal(area, year, None, None, answered, in_scope, why)
    total = sum(v for a in amounts.values() if (v := finite(a)) is not None)
    return AreaTotal(area, year, total, per_resident(amounts, population), answered, in_scope, None)
