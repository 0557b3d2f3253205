"""Frames read once per data version (wayahead.figures.metrics.snapshot) and the sums the filters take
from them (metrics.core.aggregate, group_sums): the same numbers as one SQL GROUP BY over the
returns in scope, and a newly stored return shows at the next call."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from pages_fixtures import BARNET, CAMDEN, HACKNEY, store_content, store_small
from sqlalchemy import func, select

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.core import aggregate, count_if, group_sums, total
from wayahead.figures.metrics.funding import FUNDING, _dimension
from wayahead.figures.metrics.snapshot import at_version, current_version, read_frame
from wayahead.store.returns import data_version
from wayahead.store.schema import SHEET_TABLES, current_returns

TRAINING = SHEET_TABLES["training"]
LEADERSHIP = SHEET_TABLES["leadership"]


@pytest.fixture
def small(engine):
    return store_small(engine)


def sql_group_by(engine, codes, first, last, table, measures, groups):
    """The figure as one SQL GROUP BY over the current returns in scope (no pandas)."""
    scope = (
        select(current_returns.c.borough, current_returns.c.year, current_returns.c.version_id)
        .where(current_returns.c.borough.in_(codes), current_returns.c.year.between(first, last))
        .subquery()
    )
    columns = [scope.c[g] if g in ("year", "borough") else expression.label(g) for g, expression in groups]
    query = (
        select(*columns, *(m.label(n) for n, m in measures.items()))
        .select_from(scope.join(table, table.c.version_id == scope.c.version_id))
        .group_by(*(scope.c[g] if g in ("year", "borough") else expression for g, expression in groups))
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return {tuple(r[: len(groups)]): tuple(float(v) for v in r[len(groups) :]) for r in rows}


def as_dict(frame, names, measures):
    return {tuple(r[n] for n in names): tuple(float(r[m]) for m in measures) for _, r in frame.iterrows()}


CASES = [
    (Filters(2023, 2024), None),
    (Filters(2024, 2024), None),
    (Filters(2023, 2024, authorities=(HACKNEY, CAMDEN)), None),
    (Filters(2023, 2024, like_for_like=True), None),
    (Filters(2023, 2024), 2023),
]


@pytest.mark.parametrize("filters, year", CASES)
def test_aggregate_matches_one_sql_group_by_over_the_scope(small, filters, year):
    measures = {"trained": total(TRAINING.c.trained), "headcount": total(TRAINING.c.headcount), "rows": func.count()}
    codes = [c for c in (BARNET, CAMDEN, HACKNEY) if c in filters.codes()]
    if filters.like_for_like:
        codes = [BARNET, HACKNEY]  # Camden returned in 2024 only
    first, last = (year, year) if year else (filters.first_year, filters.last_year)
    for by in (("year",), ("borough",), ("year", "borough")):
        frame = aggregate(small, filters, TRAINING, measures, by=by, year=year)
        expected = sql_group_by(small, codes, first, last, TRAINING, measures, [(b, None) for b in by])
        assert as_dict(frame, by, measures) == expected
        assert list(frame[list(by)].itertuples(index=False, name=None)) == sorted(expected)


def test_aggregate_by_an_expression_matches_sql(small):
    name, group = _dimension("group")
    measures = {"amount": total(FUNDING.c.amount)}
    frame = aggregate(small, Filters(2023, 2024), FUNDING, measures, by=("year", (name, group)))
    expected = sql_group_by(
        small, [BARNET, CAMDEN, HACKNEY], 2023, 2024, FUNDING, measures, [("year", None), (name, group)]
    )
    assert as_dict(frame, ("year", name), measures) == expected


def test_a_newly_stored_return_shows_at_the_next_call(small):
    measures = {"yes": count_if(LEADERSHIP.c.cabinet_lead.is_(True)), "returns": func.count()}
    before = aggregate(small, Filters(2023, 2023), LEADERSHIP, measures).set_index("year")
    store_content(small, CAMDEN, 2023, {"leadership": [{"cabinet_lead": True}]})
    after = aggregate(small, Filters(2023, 2023), LEADERSHIP, measures).set_index("year")
    assert after.at[2023, "returns"] == before.at[2023, "returns"] + 1
    assert after.at[2023, "yes"] == before.at[2023, "yes"] + 1


def test_read_frame_keeps_its_copy_until_the_version_moves_on(small):
    query = select(current_returns.c.borough, current_returns.c.year)
    first = read_frame(small, query)
    assert read_frame(small, query) is first
    version = data_version(small)
    store_content(small, CAMDEN, 2023, {})
    with at_version(small, version):  # pinned: the caller read the version before the new return
        assert current_version(small) == version
        assert read_frame(small, query) is first
    assert current_version(small) > version  # stored (and published: store_content publishes)
    assert len(read_frame(small, query)) == len(first) + 1


def test_group_sums_adds_up_per_key_sorted_with_a_missing_key_last():
    years = np.array([2024, 2023, 2024, 2023, 2024])
    kinds = np.array(["b", "a", None, "a", "b"], dtype=object)
    values = np.array([[1.0, 10.0], [2.0, 20.0], [4.0, 40.0], [8.0, 80.0], [16.0, 160.0]])
    frame = group_sums([years, kinds], ["year", "kind"], values, ["x", "y"])
    rows = list(frame.itertuples(index=False, name=None))
    assert rows[:2] == [(2023, "a", 10.0, 100.0), (2024, "b", 17.0, 170.0)]
    assert rows[2][0] == 2024 and pd.isna(rows[2][1]) and rows[2][2:] == (4.0, 40.0)


def test_group_sums_of_nothing_is_an_empty_frame_with_the_columns():
    frame = group_sums([np.array([], dtype=np.int64)], ["year"], np.empty((0, 1)), ["x"])
    assert list(frame.columns) == ["year", "x"] and frame.empty
    assert not math.isnan(frame["x"].sum())
