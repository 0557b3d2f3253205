"""Money in real terms: a cash amount of one financial year in the prices of the latest year of
the loaded price index (store.reference, kind 'deflator'): amount × index[latest] ÷ index[year].
A year the index does not cover has no real-terms figure; nothing is guessed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from wayahead.figures.numbers import finite
from wayahead.store.reference import current_series


@dataclass(frozen=True)
class Deflator:
    """The current price index: its value by financial year, where it comes from and when it was released."""

    index: dict[int, float]
    source: str
    released: dt.date

    @property
    def base_year(self) -> int:
        """The latest year the index covers: amounts are put in its prices."""
        return max(self.index)


def deflator(engine: Engine) -> Deflator | None:
    """The loaded price index, or None when the operator has loaded none."""
    found = current_series(engine, "deflator")
    if found is None:
        return None
    index = {year: value for (_, year), value in found.values.items()}
    return Deflator(index, found.series.source, found.series.released)


def in_real_terms(amount: object, year: int, prices: Deflator) -> float | None:
    """`amount` (cash, in financial year `year`) in the prices of `prices.base_year`; None when
    the amount is blank or the index does not cover `year`."""
    value = finite(amount)
    if value is None or year not in prices.index:
        return None
    return value * prices.index[prices.base_year] / prices.index[year]
