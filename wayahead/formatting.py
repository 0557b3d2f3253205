"""Numbers as people read them: £1.2m, 34%, 12,345, and coverage in words."""

from __future__ import annotations

import math

from wayahead.london import TOTAL

MISSING = "–"
NOT_ANSWERED_TEXT = "not answered"  # a blank in a return: never shown as 0, £0 or No


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def money(x: float | None) -> str:
    """£1.2m, £340k or £950 (rounded to the unit shown); '–' when there is no figure."""
    if _missing(x):
        return MISSING
    sign = "-" if x < 0 else ""
    size = abs(x)
    if round(size) >= 999_500:
        return f"{sign}£{size / 1_000_000:,.1f}m".replace(".0m", "m")
    if round(size) >= 9_950:
        return f"{sign}£{size / 1_000:,.0f}k"
    if round(size) >= 1_000:
        return f"{sign}£{size / 1_000:.1f}k".replace(".0k", "k")
    if size >= 10 or size == int(size):
        return f"{sign}£{size:,.0f}"
    return f"{sign}£{size:,.2f}"


def percent(x: float | None) -> str:
    """A 0–1 share as a whole percentage: 0.34 → '34%'."""
    if _missing(x):
        return MISSING
    return f"{x * 100:.0f}%"


def number(x: float | None) -> str:
    """12,345 for whole numbers, one decimal place otherwise."""
    if _missing(x):
        return MISSING
    if float(x) == int(x):
        return f"{int(x):,}"
    return f"{x:,.1f}"


def points(x: float | None) -> str:
    """A change between two shares in percentage points: 0.05 → '+5 points'."""
    if _missing(x):
        return MISSING
    value = round(x * 100)
    if not value:
        return "no change"
    return f"{value:+d} point" + ("" if abs(value) == 1 else "s")


def coverage_text(returned: int, total: int = TOTAL) -> str:
    """'28 of 33 authorities returned'."""
    noun = "authority" if total == 1 else "authorities"
    return f"{returned} of {total} {noun} returned"


def answered_text(answered: int, total: int = TOTAL) -> str:
    """'32 of 33 answered': authorities that answered one question (a blank is not an answer)."""
    return f"{answered} of {total} answered"
