"""Leadership: who holds the voluntary and community sector portfolio."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.core import answers


def portfolios(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[Authority, VCS cabinet lead, Portfolio title, In post since] for the last year,
    as plain values (titles are officers' text: show them as data, never as markup)."""
    frame = answers(
        engine, filters, "leadership", ["cabinet_lead", "portfolio_title", "in_post_since"], filters.last_year
    )
    return pd.DataFrame(
        {
            "Authority": frame["name"],
            "VCS cabinet lead": frame["cabinet_lead"].map({True: "Yes", False: "No"}).fillna("Not answered"),
            "Portfolio title": frame["portfolio_title"].fillna(""),
            "In post since": frame["in_post_since"],
        }
    )
