"""Nearest neighbours from published statistics, as CIPFA's nearest-neighbour model compares
authorities: each of population, deprivation and density (store.reference) standardised across
London's 33 authorities (z-scores), and the authorities nearest by Euclidean distance over the
three. Offered only when all three are loaded for every authority; nothing is estimated."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import Engine

from wayahead.returns.london import BY_CODE
from wayahead.store.reference import current_series

MEASURES = ("population", "deprivation", "density")
NEIGHBOURS = 5


@dataclass(frozen=True)
class Measure:
    """One statistic used: its kind, the year taken, its source and release date."""

    kind: str
    year: int
    source: str
    released: dt.date


@dataclass(frozen=True)
class Neighbours:
    """An authority's nearest neighbours, nearest first, and the statistics they come from."""

    code: str
    codes: tuple[str, ...]
    measures: tuple[Measure, ...]


def _z_scores(values: dict[str, float]) -> dict[str, float]:
    mean = sum(values.values()) / len(values)
    spread = math.sqrt(sum((v - mean) ** 2 for v in values.values()) / len(values))
    return {code: (v - mean) / spread if spread else 0.0 for code, v in values.items()}


def nearest_neighbours(engine: Engine, code: str, year: int) -> Neighbours | None:
    """The NEIGHBOURS authorities nearest `code`, each statistic taken in the latest year not after
    `year` (else its latest) in which it gives every London authority; None when any of the three
    is not loaded for every authority."""
    scores: list[dict[str, float]] = []
    measures = []
    for kind in MEASURES:
        loaded = current_series(engine, kind)
        if loaded is None:
            return None
        complete = sorted(y for y in {y for _, y in loaded.values} if all((c, y) in loaded.values for c in BY_CODE))
        if not complete:
            return None
        taken = max((y for y in complete if y <= year), default=complete[-1])
        scores.append(_z_scores({c: loaded.values[(c, taken)] for c in BY_CODE}))
        measures.append(Measure(kind, taken, loaded.series.source, loaded.series.released))
    distance = {other: math.dist([s[code] for s in scores], [s[other] for s in scores]) for other in BY_CODE}
    order = list(BY_CODE)
    nearest = sorted((c for c in BY_CODE if c != code), key=lambda c: (distance[c], order.index(c)))
    return Neighbours(code, tuple(nearest[:NEIGHBOURS]), tuple(measures))
