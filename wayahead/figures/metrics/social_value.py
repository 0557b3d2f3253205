"""Social value: the standard weighting each authority gives it in tender evaluation."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.against_london import area_only
from wayahead.figures.metrics.core import answers


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
