"""Numbers as people read them: £1.2m, 34%, 12,345, and coverage in words.

Each formatter takes whatever a store or a calculation may hold (None, NaN, ±infinity, a
huge or negative figure, a numpy or Decimal number) and never raises: what is not a finite
number is shown as '–'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from wayahead.figures.numbers import finite
from wayahead.figures.per_resident import AreaTotal, PopulationBasis
from wayahead.figures.real_terms import Deflator
from wayahead.returns.london import POPULATION_SOURCE, TOTAL, financial_year_label

MISSING = "–"
NOT_ANSWERED_TEXT = "not answered"  # a blank in a return: never shown as 0, £0 or No
NOT_ASKED_TEXT = "not asked"  # a question added in a later return version than the return's
TOO_FEW_TEXT = "too few returns"  # an area's figure when too few of its authorities returned to state it
TOO_FEW_ANSWERS_TEXT = "too few answers"  # … when enough returned, but too few answered the question
CASH_TERMS = "Amounts are cash (not adjusted for inflation)."  # unless real terms are chosen and an index is loaded
NO_PRICE_INDEX = "No price index has been loaded, so real terms are not available."
PER_RESIDENT_SOURCE = f"Per resident: {POPULATION_SOURCE}, used for every year as an approximation."


def date_words(day: dt.date) -> str:
    """28 June 2022."""
    return f"{day.day} {day:%B %Y}"


def money_terms(prices: Deflator | None, real: bool) -> str:
    """How money is measured: cash, or (asked for, with an index loaded) in the prices of its
    latest year, citing it; asked for without an index, cash and why."""
    if not real:
        return CASH_TERMS
    if prices is None:
        return f"{CASH_TERMS} {NO_PRICE_INDEX}"
    return (
        f"In {financial_year_label(prices.base_year)} prices, adjusted with {prices.source}, released "
        f"{date_words(prices.released)}; a year the index does not cover has no figure."
    )


def per_resident_source(basis: PopulationBasis | None, years: list[int]) -> str:
    """Which population money per resident in `years` is divided by: the loaded mid-year
    estimates (cited), Census 2021 (as an approximation), or each where it applies."""
    covers = basis.covers(years) if basis else "none"
    if basis is None or covers == "none":
        return PER_RESIDENT_SOURCE
    cited = f"{basis.source}, released {date_words(basis.released)}"
    if covers == "all":
        return f"Per resident: {cited}."
    return (
        f"Per resident: {cited}, for each authority and year it gives; otherwise {POPULATION_SOURCE}, "
        "as an approximation."
    )


def money_basis(terms: str = CASH_TERMS, population: str = PER_RESIDENT_SOURCE) -> str:
    """What money per resident is divided by and how it is measured."""
    return f"{population} {terms}"


MONEY_BASIS = money_basis()  # said wherever money is shown per resident, in cash


def money(x: object) -> str:
    """£1.2m, £340k or £950 (rounded to the unit shown); '–' when there is no figure."""
    value = finite(x)
    if value is None:
        return MISSING
    sign = "-" if value < 0 else ""
    size = abs(value)
    if round(size) >= 999_500:
        return f"{sign}£{size / 1_000_000:,.1f}m".replace(".0m", "m")
    if round(size) >= 9_950:
        return f"{sign}£{size / 1_000:,.0f}k"
    if round(size) >= 1_000:
        return f"{sign}£{size / 1_000:.1f}k".replace(".0k", "k")
    if size >= 10 or size == int(size):
        return f"{sign}£{size:,.0f}"
    return f"{sign}£{size:,.2f}"


def per_resident_money(x: object) -> str:
    """'£12.40 per resident' (to the penny); 'not answered' when there is no figure, never £0."""
    value = finite(x)
    if value is None:
        return NOT_ANSWERED_TEXT
    return f"{'-' if value < 0 else ''}£{abs(value):,.2f} per resident"


def area_total_text(what: str, figure: AreaTotal, unit: str = "money") -> str:
    """'London, 2024/25: £45m committed, £5.12 per resident (28 of 33 answered).' (a count: '1,234
    awards (28 of 33 answered).'), or why it is not stated."""
    head = f"{figure.area}, {financial_year_label(figure.year)}: "
    if figure.withheld:
        return head + figure.withheld
    if figure.total is None:
        return head + f"{NOT_ANSWERED_TEXT} by any authority in view."
    per = f", {per_resident_money(figure.per_resident)}" if unit == "money" else ""
    return head + f"{format_value(unit, figure.total)} {what}{per} ({answered_text(figure.answered, figure.in_scope)})."


def _per_cent(x: object) -> float | None:
    """A 0–1 share × 100, when that is a finite figure."""
    share = finite(x)
    return None if share is None else finite(share * 100)


def percent(x: object) -> str:
    """A 0–1 share as a whole percentage: 0.34 → '34%'."""
    hundredths = _per_cent(x)
    if hundredths is None:
        return MISSING
    return f"{hundredths:.0f}%"


def number(x: object) -> str:
    """12,345 for whole numbers, one decimal place otherwise."""
    value = finite(x)
    if value is None:
        return MISSING
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def coverage_text(returned: int, total: int = TOTAL) -> str:
    """'28 of 33 authorities returned'."""
    noun = "authority" if total == 1 else "authorities"
    return f"{returned} of {total} {noun} returned"


def answered_text(answered: int, total: int = TOTAL) -> str:
    """'32 of 33 answered': authorities that answered one question (a blank is not an answer)."""
    return f"{answered} of {total} answered"


FORMATTERS: dict[str, Callable[[float | None], str]] = {
    "share": percent,
    "money": money,
    "count": number,
    "ratio": number,
}


def format_value(unit: str, value: float | None) -> str:
    """A value as text in its unit: 34%, £1.2m, 12."""
    return FORMATTERS[unit](value)


def change_words(unit: str, change: float | None) -> str:
    """'up 3 points', 'down £20k', 'no change', at the precision figures are shown; '' when
    there is nothing to compare (no change given, or one that is not a finite figure)."""
    change = finite(change)
    if change is None:
        return ""
    if unit == "share":
        hundredths = finite(abs(change) * 100)
        if hundredths is None:
            return ""
        size: float = round(hundredths)
        amount = f"{size:.0f} {'point' if size == 1 else 'points'}"
    else:
        size = abs(change)
        amount = format_value(unit, size)
    if not size:
        return "no change"
    return f"{'up' if change > 0 else 'down'} {amount}"


def not_asked_text(since: int, year: int) -> str:
    """Why a question has no answers in `year`: its returns are of a version that did not ask it."""
    return (
        f"Not asked in {financial_year_label(year)}: the question was added in return version {since}, "
        "so earlier returns did not ask it (not the same as No or a blank)."
    )
