"""Social value: the standard weighting each authority gives it in tender evaluation."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.answers import answers_by_authority
from wayahead.figures.filters import Filters
from wayahead.figures.metrics.against_london import area_only
from wayahead.figures.metrics.core import answers
from wayahead.figures.per_resident import per_resident, residents

SOCIAL_VALUE_MONEY = ("committed", "delivered")  # the social value sheet's money questions (delivered: version 2)


def weightings(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[code, name, value, chosen]: each authority's standard social value weighting in
    the last year as a 0–1 share (authorities in the area that answered)."""
    frame = answers(engine, area_only(filters), "social_value", ["weighting_pct"], filters.last_year)
    frame = frame.dropna(subset=["weighting_pct"])
    return pd.DataFrame(
        {
            "code": frame["code"],
            "name": frame["name"],
            "value": frame["weighting_pct"].astype(float) / 100,
            "chosen": frame["code"].isin(filters.authorities),
        }
    )


def social_value_money(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[code, name, then for committed and delivered: <key>_answer, <key>, <key>_per_resident]:
    each authority in the filters' area and its social value money in `year`, the answer as
    readers see it (with the kinds of no answer), the amount and the amount per resident (both
    missing, never 0, without an answer)."""
    frame = pd.DataFrame({"code": area_only(filters).codes()})
    population = residents(engine, year)
    for key in SOCIAL_VALUE_MONEY:
        given = answers_by_authority(engine, area_only(filters), "social_value", key, year)
        frame["name"] = given["name"].to_numpy()
        frame[f"{key}_answer"] = given["answer"].to_numpy()
        frame[key] = pd.to_numeric(given["value"], errors="coerce").to_numpy(dtype=float)
        frame[f"{key}_per_resident"] = [per_resident({c: v}, population) for c, v in zip(frame["code"], frame[key])]
    return frame[
        ["code", "name", *(f"{k}{part}" for k in SOCIAL_VALUE_MONEY for part in ("_answer", "", "_per_resident"))]
    ]
