"""The data in the filters' scope (published, or provisional with unpublished returns), for the downloads page."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import all_indicators, indicator_by_authority_years, indicator_by_year
from wayahead.output import exports
from wayahead.returns.london import financial_year_label
from wayahead.returns.spec import SHEETS
from wayahead.words.narrative import authority_value_text, value_text

PREVIEW_ROWS = 500


def current_data(engine: Engine, filters: Filters, personal: bool = False) -> dict[str, pd.DataFrame]:
    """Every sheet's records for the filters' authorities and years (published, or current when
    the filters include unpublished returns): sheet name → frame (names, e-mails and notes only
    with `personal`, for uploaders and admins)."""
    return exports.export_frames(engine, filters.codes(), filters.years, filters.include_unpublished, personal=personal)


def sheet_data(
    engine: Engine, filters: Filters, sheet_name: str, limit: int | None = None, personal: bool = False
) -> pd.DataFrame:
    """One sheet's current records in scope (the first `limit` rows if given; personal fields only with `personal`)."""
    sheet = next(s for s in SHEETS if s.name == sheet_name)
    return exports.sheet_frame(
        engine, sheet, filters.codes(), list(filters.years), limit, filters.include_unpublished, personal=personal
    )


def sheet_preview(engine: Engine, filters: Filters, sheet_name: str, personal: bool = False) -> pd.DataFrame:
    """The first PREVIEW_ROWS rows of one sheet, for a look before downloading."""
    return sheet_data(engine, filters, sheet_name, PREVIEW_ROWS, personal)


def row_counts(engine: Engine, filters: Filters) -> dict[str, int]:
    """Rows per sheet in scope, counted in SQL (nothing loaded)."""
    return exports.row_counts(engine, filters.codes(), filters.years, filters.include_unpublished)


def indicator_table(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Every indicator (figures.indicators.REGISTRY) for the filters' scope: each authority's own
    figure every year it answered, then the figure for the whole area in scope (blank when too
    few answered), as a number and as the pages show it."""
    frames = []
    for indicator in all_indicators():
        own = indicator_by_authority_years(engine, indicator.key, filters)
        own = own.assign(shown=[authority_value_text(indicator, v) for v in own["value"]])
        area = indicator_by_year(engine, indicator.key, filters)
        area = area.assign(
            code="",
            name=f"{filters.area_label()} (all in scope)",
            shown=[value_text(indicator, v) for v in area["value"]],
        )
        both = pd.concat([own, area[["year", "code", "name", "value", "shown"]]], ignore_index=True)
        frames.append(both.assign(indicator=indicator.title, theme=indicator.theme, unit=indicator.unit))
    table = pd.concat(frames, ignore_index=True)
    table["year"] = [financial_year_label(int(y)) for y in table["year"]]
    return table.rename(
        columns={
            "indicator": "Indicator",
            "theme": "Theme",
            "year": "Financial year",
            "code": "ONS code",
            "name": "Authority",
            "value": "Value",
            "unit": "Unit",
            "shown": "As shown",
        }
    )[["Indicator", "Theme", "Financial year", "ONS code", "Authority", "Value", "Unit", "As shown"]]
