"""The current data in the filters' scope, for the downloads page."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from wayahead.exports import export_frames
from wayahead.filters import Filters


def current_data(engine: Engine, filters: Filters) -> dict[str, pd.DataFrame]:
    """Every sheet's current records for the filters' authorities and years: sheet name → frame."""
    return export_frames(engine, filters.codes(), filters.years)
