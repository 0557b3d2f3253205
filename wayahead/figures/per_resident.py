"""Money per resident: the one rule for dividing money by population.

The population is the Census 2021 count of usual residents (returns.london.POPULATION_SOURCE),
used for every year as an approximation. A pooled figure (London, an area) is the money of the
authorities that answered ÷ the residents of those same authorities: one that left the money
blank is in neither sum, and a blank is never £0 per resident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wayahead.figures.numbers import finite
from wayahead.returns.london import BY_CODE
from wayahead.store.publication import min_coverage, withheld_text

PER_RESIDENT_RULE = (
    "Per resident is the amount ÷ the authority's residents; for London or an area, the amounts of the "
    "authorities that answered ÷ the residents of those authorities only (one that left it blank is in neither)."
)


def per_resident(amounts: Mapping[str, object]) -> float | None:
    """Σ money ÷ Σ Census 2021 residents over the authorities (ONS code → amount) whose amount is
    a figure; None when none is (no answer is not £0 per resident)."""
    answered = {code: value for code, amount in amounts.items() if (value := finite(amount)) is not None}
    if not answered:
        return None
    return sum(answered.values()) / sum(BY_CODE[code].population for code in answered)


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


def area_total(amounts: Mapping[str, object], returned: int, in_scope: int, year: int, area: str) -> AreaTotal:
    """The pooled figure of an area from each authority's amount (ONS code → amount, a blank for
    one that did not answer), stated only when enough of the `in_scope` authorities answered."""
    answered = sum(finite(a) is not None for a in amounts.values())
    if answered == 0 or (in_scope > 1 and answered < min_coverage(in_scope)):
        why = withheld_text(returned, in_scope, year, area, answered) if answered else None
        return AreaTotal(area, year, None, None, answered, in_scope, why)
    total = sum(v for a in amounts.values() if (v := finite(a)) is not None)
    return AreaTotal(area, year, total, per_resident(amounts), answered, in_scope, None)
