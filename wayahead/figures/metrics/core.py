"""Scope and SQL-side aggregation shared by every metric.

The scope of a figure is the published version of each return (the current version when the
filters include unpublished returns: provisional figures) for the authorities and years in the
filters; like-for-like keeps only authorities that returned in every year of the range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Engine, Select, Table, case, func, select

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.snapshot import read_frame
from wayahead.returns import spec
from wayahead.returns.london import BY_CODE
from wayahead.store.publication import returns_scope, scope_query
from wayahead.store.schema import SHEET_TABLES

SCOPE_COLUMNS = ("year", "borough")
NOT_ANSWERED = "Not answered"


_SCOPE_TYPES = {"year": "int64", "borough": object}


_TOTALS_QUERIES: dict[tuple[Any, ...], tuple[tuple[Any, ...], Select[Any]]] = {}
_KEPT_QUERIES = 512


def current_returns_frame(engine: Engine, include_unpublished: bool = False) -> pd.DataFrame:
    """DataFrame[borough, year]: every published return, or every current one with
    `include_unpublished` (kept until the data changes)."""
    return read_frame(engine, scope_query(include_unpublished), dtypes=_SCOPE_TYPES)


def _in_scope(frame: pd.DataFrame, codes: Sequence[str], first: int, last: int) -> np.ndarray:
    """Which rows of `frame` (int64 year, object borough) are for `codes` and years first..last."""
    year = frame["year"].to_numpy()
    return (year >= first) & (year <= last) & np.isin(frame["borough"].to_numpy(), list(codes))


def codes_in_scope(engine: Engine, filters: Filters) -> list[str]:
    """The filters' authorities; with like-for-like, only those that returned every year."""
    codes = filters.codes()
    if not filters.like_for_like or not codes:
        return codes
    returns = current_returns_frame(engine, filters.include_unpublished)
    boroughs, counts = np.unique(
        returns["borough"].to_numpy()[_in_scope(returns, codes, filters.first_year, filters.last_year)],
        return_counts=True,
    )
    kept = {b for b, n in zip(boroughs, counts) if n == len(filters.years)}  # one current return per authority and year
    return [c for c in codes if c in kept]


def _totals_query(
    table: Table,
    measures: Mapping[str, ColumnElement[Any]],
    extra: Sequence[tuple[str, ColumnElement[Any]]],
    where: Iterable[ColumnElement[Any]],
    scope: Any,
) -> Select[Any]:
    """The measures over every current return, grouped by year, authority and `extra`: the same
    query object again for the same expression objects (e.g. an indicator's recipe), so its
    key is not worked out again."""
    where = tuple(where)
    parts = (table, scope, *measures.values(), *(e for _, e in extra), *where)
    key = (tuple(map(id, parts)), tuple(measures), tuple(n for n, _ in extra))
    kept = _TOTALS_QUERIES.get(key)
    if kept is not None and all(a is b for a, b in zip(kept[0], parts)):
        return kept[1]
    query = _new_totals_query(table, measures, extra, where, scope)
    _TOTALS_QUERIES[key] = (parts, query)  # the parts stay alive with their ids
    while len(_TOTALS_QUERIES) > _KEPT_QUERIES:
        _TOTALS_QUERIES.pop(next(iter(_TOTALS_QUERIES)), None)
    return query


def _new_totals_query(
    table: Table,
    measures: Mapping[str, ColumnElement[Any]],
    extra: Sequence[tuple[str, ColumnElement[Any]]],
    where: Iterable[ColumnElement[Any]],
    scope: Any,
) -> Select[Any]:
    groups = [scope.c.year, scope.c.borough, *(expression for _, expression in extra)]
    return (
        select(
            *(g.label(name) for g, name in zip(groups, ["year", "borough", *(name for name, _ in extra)])),
            *(m.label(name) for name, m in measures.items()),
        )
        .select_from(scope.join(table, table.c.version_id == scope.c.version_id))
        .where(*where)
        .group_by(*groups)
    )


def aggregate(
    engine: Engine,
    filters: Filters,
    table: Table,
    measures: Mapping[str, ColumnElement[Any]],
    by: Sequence[str | tuple[str, ColumnElement[Any]]] = ("year",),
    where: Iterable[ColumnElement[Any]] = (),
    year: int | None = None,
) -> pd.DataFrame:
    """Sums over the sheet `table` for the returns in scope, one row per group, in order.

    `by` names scope columns ('year', 'borough'), columns of `table`, or (name, expression)
    pairs; `measures` are SQL sums or counts over `table`. SQL adds them up per return (over
    every current return, kept until the data changes); the filters' returns are then added
    up here, so a change of filters runs no query.
    """
    names = [b if isinstance(b, str) else b[0] for b in by]
    extra = [
        (b, table.c[b]) if isinstance(b, str) else b for b in by if not (isinstance(b, str) and b in SCOPE_COLUMNS)
    ]
    codes = codes_in_scope(engine, filters)
    if not codes:
        return pd.DataFrame(columns=[*names, *measures])
    types = _SCOPE_TYPES | {name: object for name, _ in extra} | {name: "float64" for name in measures}
    totals = read_frame(
        engine, _totals_query(table, measures, extra, where, returns_scope(filters.include_unpublished)), dtypes=types
    )
    first, last = (year, year) if year is not None else (filters.first_year, filters.last_year)
    chosen = _in_scope(totals, codes, first, last)
    return group_sums(
        [totals[n].to_numpy()[chosen] for n in names], names, totals[list(measures)].to_numpy()[chosen], list(measures)
    )


def group_sums(
    keys: Sequence[np.ndarray], names: Sequence[str], values: np.ndarray, columns: Sequence[str]
) -> pd.DataFrame:
    """DataFrame[*names, *columns]: the rows of `values` (one column each) added up per
    distinct combination of `keys`, sorted by the keys (a missing key last)."""
    if not len(values):
        return pd.DataFrame({**{n: k for n, k in zip(names, keys)}, **{c: np.empty(0) for c in columns}})
    factors = [pd.factorize(k, sort=True, use_na_sentinel=False) for k in keys]
    shape = [len(uniques) for _, uniques in factors]
    groups, inverse = np.unique(np.ravel_multi_index([codes for codes, _ in factors], shape), return_inverse=True)
    places = np.unravel_index(groups, shape)
    frame = {n: np.asarray(uniques)[place] for n, (_, uniques), place in zip(names, factors, places)}
    for j, column in enumerate(columns):
        frame[column] = np.bincount(inverse, weights=values[:, j], minlength=len(groups))
    return pd.DataFrame(frame)


def _returns_in_scope(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[borough, year] of every return in scope."""
    returns = current_returns_frame(engine, filters.include_unpublished)
    return returns[_in_scope(returns, codes_in_scope(engine, filters), filters.first_year, filters.last_year)]


def returned_by_year(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, returned]: how many authorities in scope returned, every year in range."""
    returns = _returns_in_scope(engine, filters)
    counts = np.bincount(returns["year"].to_numpy() - filters.first_year, minlength=len(filters.years))
    return pd.DataFrame({"year": filters.years, "returned": counts.astype(int)})


def returned_codes(engine: Engine, filters: Filters, year: int) -> list[str]:
    """Authorities in scope with a current return for `year`."""
    returns = _returns_in_scope(engine, filters)
    found = set(returns.loc[returns["year"] == year, "borough"])
    return [c for c in codes_in_scope(engine, filters) if c in found]


def years_returned(engine: Engine, filters: Filters) -> list[int]:
    """Years in the filters' range in which an authority in scope has a current return."""
    return sorted(int(y) for y in _returns_in_scope(engine, filters)["year"].unique())


def years_with_returns(engine: Engine, include_unpublished: bool = False) -> list[int]:
    """Every year that has at least one published (or, with `include_unpublished`, current) return, oldest first."""
    return sorted(int(y) for y in current_returns_frame(engine, include_unpublished)["year"].unique())


def count_if(condition: ColumnElement[Any]) -> ColumnElement[Any]:
    """SUM(CASE WHEN condition THEN 1 ELSE 0 END): portable across SQLite and PostgreSQL."""
    return func.sum(case((condition, 1), else_=0))


def when(condition: ColumnElement[Any], value: ColumnElement[Any]) -> ColumnElement[Any]:
    """CASE WHEN condition THEN value ELSE 0 END."""
    return case((condition, value), else_=0)


def row_sum(table: Table, columns: Iterable[str]) -> ColumnElement[Any]:
    """COALESCE(a, 0) + COALESCE(b, 0) + …: a row's total over several money columns."""
    parts = [func.coalesce(table.c[name], 0) for name in columns]
    expression: ColumnElement[Any] = parts[0]
    for part in parts[1:]:
        expression = expression + part
    return expression


def total(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """SUM(COALESCE(column, 0))."""
    return func.sum(func.coalesce(column, 0))


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator ÷ denominator, NaN where the denominator is 0 or missing."""
    return numerator.astype(float) / denominator.astype(float).where(denominator.astype(float) != 0)


def with_names(frame: pd.DataFrame, column: str = "borough") -> pd.DataFrame:
    """`frame` with its ONS-code column renamed `code` and an authority `name` column after it."""
    named = frame.rename(columns={column: "code"})
    named.insert(list(named.columns).index("code") + 1, "name", [BY_CODE[c].name for c in named["code"]])
    return named


def category_counts(engine: Engine, filters: Filters, sheet_key: str, field_key: str) -> pd.DataFrame:
    """DataFrame[year, category, count, share]: answers to a choice question, every year × choice.

    Choices come in the spec's order (e.g. the social value ladder); unanswered returns are
    counted as 'Not answered' when there are any. Share is of the returns with this sheet.
    """
    table = SHEET_TABLES[sheet_key]
    counts = aggregate(engine, filters, table, {"count": func.count()}, by=("year", field_key))
    counts[field_key] = counts[field_key].fillna(NOT_ANSWERED)
    choices = list(spec.sheet(sheet_key).field(field_key).choices)
    if (counts[field_key] == NOT_ANSWERED).any():
        choices.append(NOT_ANSWERED)
    frame = complete_grid(counts.rename(columns={field_key: "category"}), filters.years, choices, "count")
    frame["count"] = frame["count"].astype(int)
    frame["share"] = ratio(frame["count"], frame.groupby("year")["count"].transform("sum"))
    return frame


def yes_shares(engine: Engine, filters: Filters, sheet_key: str, field_keys: Sequence[str]) -> pd.DataFrame:
    """DataFrame[year, field, label, yes, answered, share] for Yes/No questions, every year × field."""
    table = SHEET_TABLES[sheet_key]
    measures: dict[str, ColumnElement[Any]] = {}
    for key in field_keys:
        measures[f"yes__{key}"] = count_if(table.c[key].is_(True))
        measures[f"answered__{key}"] = func.count(table.c[key])
    sums = aggregate(engine, filters, table, measures).set_index("year").reindex(filters.years)
    sheet = spec.sheet(sheet_key)
    years = filters.years
    frame = pd.DataFrame(
        {
            "year": years * len(field_keys),
            "field": [key for key in field_keys for _ in years],
            "label": [sheet.field(key).label for key in field_keys for _ in years],
            **{
                part: [n for key in field_keys for n in sums[f"{part}__{key}"].fillna(0).astype(int)]
                for part in ("yes", "answered")
            },
        },
        columns=["year", "field", "label", "yes", "answered"],
    )
    frame[["yes", "answered"]] = frame[["yes", "answered"]].astype(int)
    frame["share"] = ratio(frame["yes"], frame["answered"])
    return frame


def answers(
    engine: Engine, filters: Filters, sheet_key: str, field_keys: Sequence[str], year: int | None = None
) -> pd.DataFrame:
    """DataFrame[year, code, name, *field_keys]: each return's answers on a Field | Value sheet."""
    table = SHEET_TABLES[sheet_key]
    codes = codes_in_scope(engine, filters)
    if not codes:
        return pd.DataFrame(columns=["year", "code", "name", *field_keys])
    scope = returns_scope(filters.include_unpublished)
    query = (
        select(
            scope.c.year.label("scope_year"), scope.c.borough.label("scope_borough"), *(table.c[k] for k in field_keys)
        )
        .join(table, table.c.version_id == scope.c.version_id)
        .order_by(scope.c.year, scope.c.borough, table.c.row_number)
    )
    every = read_frame(engine, query, dtype=object)
    first, last = (year, year) if year is not None else (filters.first_year, filters.last_year)
    picked = every[every["scope_borough"].isin(codes) & every["scope_year"].between(first, last)]
    rows = list(picked.itertuples(index=False, name=None))
    return with_names(pd.DataFrame(rows, columns=["year", "borough", *field_keys]))


def median_by_year(engine: Engine, filters: Filters, sheet_key: str, field_key: str) -> pd.DataFrame:
    """DataFrame[year, median, answered]: the middle answer to a number question, every year."""
    values = answers(engine, filters, sheet_key, [field_key]).dropna(subset=[field_key])
    values[field_key] = values[field_key].astype(float)
    stats = values.groupby("year")[field_key].agg(["median", "count"]).rename(columns={"count": "answered"})
    frame = stats.reindex(filters.years).rename_axis("year").reset_index()
    frame["answered"] = frame["answered"].fillna(0).astype(int)
    return frame


def complete_grid(frame: pd.DataFrame, years: Sequence[int], categories: Sequence[str], value: str) -> pd.DataFrame:
    """`frame`[year, category, value] with a row (value 0) for every year × category, in order."""
    grid = pd.MultiIndex.from_product([list(years), list(categories)], names=["year", "category"]).to_frame(index=False)
    full = grid.merge(frame, on=["year", "category"], how="left")
    full[value] = full[value].fillna(0)
    return full
