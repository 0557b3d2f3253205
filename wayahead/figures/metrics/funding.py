"""Funding: grants against contracts, by mechanism and commissioner, and who the money reaches.

Money is in cash terms (not adjusted for inflation) unless the filters ask for real terms and a
price index is loaded (figures.real_terms). Per resident is figures.per_resident: the money of
the authorities that answered the Funding sheet ÷ their residents.
"""

from __future__ import annotations

from typing import Any, Literal, cast

import pandas as pd
from sqlalchemy import ColumnElement, Engine, case, func

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.core import (
    aggregate,
    complete_grid,
    ratio,
    returned_codes,
    total,
    when,
    with_names,
)
from wayahead.figures.per_resident import per_resident, residents
from wayahead.figures.real_terms import deflator, in_real_terms
from wayahead.returns.spec import COMMISSIONERS, CONTRACT_MECHANISMS, GRANT_MECHANISMS, MECHANISMS
from wayahead.store.schema import SHEET_TABLES

FUNDING = SHEET_TABLES["funding"]
GROUPS = ("Grants", "Contracts", "Other")
Dimension = Literal["group", "mechanism", "commissioner"]
CATEGORIES: dict[str, tuple[str, ...]] = {"group": GROUPS, "mechanism": MECHANISMS, "commissioner": COMMISSIONERS}


def is_grant(mechanism: ColumnElement[Any]) -> ColumnElement[Any]:
    """The grant-or-contract rule (returns.spec.mechanism_group) in SQL: a grant."""
    return mechanism.in_(GRANT_MECHANISMS)


def is_contract(mechanism: ColumnElement[Any]) -> ColumnElement[Any]:
    """The grant-or-contract rule in SQL: a contract."""
    return mechanism.in_(CONTRACT_MECHANISMS)


def _group() -> ColumnElement[Any]:
    mechanism = FUNDING.c.mechanism
    return case((is_grant(mechanism), GROUPS[0]), (is_contract(mechanism), GROUPS[1]), else_=GROUPS[2])


def _dimension(dimension: Dimension) -> tuple[str, ColumnElement[Any]]:
    return ("category", _group() if dimension == "group" else FUNDING.c[dimension])


def funding_by(engine: Engine, filters: Filters, dimension: Dimension) -> pd.DataFrame:
    """DataFrame[year, category, amount]: money each year by grant/contract group, mechanism or
    commissioner; per resident when the filters ask for it (each year over the authorities
    that answered the Funding sheet that year); in real terms when they ask for it and a price
    index is loaded (missing for a year it does not cover)."""
    group = _dimension(dimension)
    by = ("year", "borough", group) if filters.per_resident else ("year", group)
    sums = aggregate(engine, filters, FUNDING, {"amount": total(FUNDING.c.amount)}, by=by)
    if filters.per_resident:  # an authority that answered has £0 in a category it did not pay through
        wide = sums.pivot_table(index=["year", "borough"], columns="category", values="amount", fill_value=0.0)
        population = {year: residents(engine, year) for year in filters.years}
        sums = pd.DataFrame(
            [
                {
                    "year": year,
                    "category": category,
                    "amount": per_resident(dict(zip(boroughs, part[category])), population[cast(int, year)]),
                }
                for year, part in wide.groupby(level="year")
                if (boroughs := [str(b) for b in part.index.get_level_values("borough")])
                for category in wide.columns
            ],
            columns=["year", "category", "amount"],
        )
    grid = complete_grid(sums, filters.years, CATEGORIES[dimension], "amount")
    if filters.real_terms and (prices := deflator(engine)) is not None:
        grid["amount"] = [in_real_terms(a, int(y), prices) for a, y in zip(grid["amount"], grid["year"])]
    return grid


def funding_by_authority(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[code, name, Grants, Contracts, Other, Total, per_resident, answered] for `year`,
    every authority that returned: one whose Funding sheet was blank has no amounts (not £0)
    and `answered` False."""
    sums = aggregate(
        engine, filters, FUNDING, {"amount": total(FUNDING.c.amount)}, by=("borough", _dimension("group")), year=year
    )
    wide = sums.pivot(index="borough", columns="category", values="amount").reindex(columns=list(GROUPS)).fillna(0.0)
    wide["Total"] = wide.sum(axis=1)
    wide = wide.reindex(returned_codes(engine, filters, year))
    population = residents(engine, year)
    wide["per_resident"] = [per_resident({str(code): amount}, population) for code, amount in wide["Total"].items()]
    frame = with_names(wide.rename_axis(index="borough", columns=None).reset_index())
    frame["answered"] = frame["Total"].notna()
    return frame


AWARD_COUNTS = ("awards", "organisations_funded")
AWARDS_RULE = (
    "Each count is added up over the authority's Funding rows that gave it (one row per commissioner and mechanism, so an "
    "organisation funded through two rows counts twice); rows left blank are not counted, and an authority "
    "none of whose rows gave it is 'not answered', not 0."
)


def awards_by_authority(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[code, name, rows, awards, awards_rows, organisations_funded, organisations_funded_rows]
    for `year`, every authority that returned: each count added up over its Funding rows that
    gave it, with how many rows did (`…_rows`); missing (not 0) where no row gave it, and every
    column missing where the Funding sheet was blank."""
    measures: dict[str, ColumnElement[Any]] = {"rows": func.count()}
    for key in AWARD_COUNTS:
        measures[key] = func.sum(FUNDING.c[key])
        measures[f"{key}_rows"] = func.count(FUNDING.c[key])
    sums = aggregate(engine, filters, FUNDING, measures, by=("borough",), year=year).set_index("borough")
    frame = sums.reindex(returned_codes(engine, filters, year)).rename_axis("borough").reset_index()
    for key in AWARD_COUNTS:
        frame[key] = frame[key].where(frame[f"{key}_rows"] > 0)
    return with_names(frame[["borough", "rows", *(c for key in AWARD_COUNTS for c in (key, f"{key}_rows"))]])


def reach_shares(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, category, share, answered_amount]: share of money to small and medium
    organisations, and to organisations based in the borough. Each share counts only rows
    where that part was answered."""
    amount = FUNDING.c.amount
    parts = {
        "To small and medium organisations": "amount_small_medium",
        "To organisations based in the borough": "amount_local",
    }
    measures: dict[str, ColumnElement[Any]] = {}
    for label, column in parts.items():
        measures[f"part__{label}"] = total(FUNDING.c[column])
        measures[f"base__{label}"] = total(when(FUNDING.c[column].is_not(None), amount))
    sums = aggregate(engine, filters, FUNDING, measures).set_index("year").reindex(filters.years)
    rows = [
        {
            "year": y,
            "category": label,
            "part": sums.at[y, f"part__{label}"],
            "answered_amount": sums.at[y, f"base__{label}"],
        }
        for label in parts
        for y in filters.years
    ]
    frame = pd.DataFrame(rows, columns=["year", "category", "part", "answered_amount"])
    frame["share"] = ratio(frame["part"], frame["answered_amount"])
    return frame[["year", "category", "share", "answered_amount"]]
