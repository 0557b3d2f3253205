"""The data in the filters' scope (published, or provisional with unpublished returns), for the downloads page."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from wayahead.output import exports
from wayahead.figures.filters import Filters
from wayahead.returns.spec import SHEETS

PREVIEW_ROWS = 500


def current_data(engine: Engine, filters: Filters, personal: bool = False) -> dict[str, pd.DataFrame]:
    """Every sheet's records for the filters' authorities and years (published, or current when
    the filters include unpublished returns): sheet name → frame (names, e-mails and notes only
    with `personal`, for uploaders and admins)."""
    return exports.export_frames(engine, filters.codes(), filters.years, filters.include_unpublished, personal=personal)


def sheet_data(engine: Engine, filters: Filters, sheet_name: str, limit: int | None = None, personal: bool = False) -> pd.DataFrame:
    """One sheet's current records in scope (the first `limit` rows if given; personal fields only with `personal`)."""
    sheet = next(s for s in SHEETS if s.name == sheet_name)
    return exports.sheet_frame(engine, sheet, filters.codes(), list(filters.years), limit, filters.include_unpublished,
                               personal=personal)


def sheet_preview(engine: Engine, filters: Filters, sheet_name: str, personal: bool = False) -> pd.DataFrame:
    """The first PREVIEW_ROWS rows of one sheet, for a look before downloading."""
    return sheet_data(engine, filters, sheet_name, PREVIEW_ROWS, personal)


def row_counts(engine: Engine, filters: Filters) -> dict[str, int]:
    """Rows per sheet in scope, counted in SQL (nothing loaded)."""
    return exports.row_counts(engine, filters.codes(), filters.years, filters.include_unpublished)
