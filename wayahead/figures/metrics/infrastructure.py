"""Infrastructure: income mix of the organisations that support civil society, reliance on
council money, how many there are, cold spots and community assets."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.core import aggregate, count_if, ratio, returned_codes, total, with_names
from wayahead.figures.per_resident import per_resident, residents
from wayahead.figures.real_terms import deflator, in_real_terms
from wayahead.returns.spec import INCOME_SOURCES
from wayahead.store.schema import SHEET_TABLES

INFRASTRUCTURE = SHEET_TABLES["infrastructure"]
WHOLE_BOROUGH = "Whole borough"
_SOURCE_LABELS = dict(INCOME_SOURCES)


def _income_long(sums: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    long = sums.melt(id_vars=keys, value_vars=list(_SOURCE_LABELS), var_name="source", value_name="amount")
    long["source"] = pd.Categorical(
        long["source"].map(_SOURCE_LABELS), categories=list(_SOURCE_LABELS.values()), ordered=True
    )
    long = long.sort_values([*keys, "source"]).reset_index(drop=True)
    long["source"] = long["source"].astype(str)
    long["share"] = ratio(long["amount"], long.groupby(keys)["amount"].transform("sum"))
    return long


def income_mix(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, source, amount, share]: infrastructure income by source each year; the
    amounts in real terms when the filters ask for it and a price index is loaded (the shares are
    the same in either)."""
    measures = {key: total(INFRASTRUCTURE.c[key]) for key in _SOURCE_LABELS}
    sums = aggregate(engine, filters, INFRASTRUCTURE, measures)
    mix = _income_long(sums, ["year"])
    if filters.real_terms and (prices := deflator(engine)) is not None:
        mix["amount"] = [in_real_terms(a, int(y), prices) for a, y in zip(mix["amount"], mix["year"])]
    return mix


def income_by_authority(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[code, name, source, amount, share, per_resident]: each authority's infrastructure
    income mix (authorities that listed organisations), each source also per resident."""
    measures = {key: total(INFRASTRUCTURE.c[key]) for key in _SOURCE_LABELS}
    sums = aggregate(engine, filters, INFRASTRUCTURE, measures, by=("borough",), year=year)
    long = _income_long(sums, ["borough"])
    population = residents(engine, year)
    long["per_resident"] = [
        per_resident({code: amount}, population) for code, amount in zip(long["borough"], long["amount"])
    ]
    return with_names(long)


def organisations(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[code, name, organisations, whole_borough, discounted_leases, answered, cold_spot]
    for every authority in scope that returned in `year`.

    A return whose Infrastructure sheet lists no organisation did not answer it: its counts are
    missing (not 0) and it is never a cold spot. A cold spot is an authority that answered with
    no infrastructure organisation covering the whole borough."""
    measures = {
        "organisations": func.count(),
        "whole_borough": count_if(INFRASTRUCTURE.c.coverage == WHOLE_BOROUGH),
        "discounted_leases": count_if(INFRASTRUCTURE.c.discounted_lease.is_(True)),
        "coverage_answered": func.count(INFRASTRUCTURE.c.coverage),
    }
    sums = aggregate(engine, filters, INFRASTRUCTURE, measures, by=("borough",), year=year).set_index("borough")
    codes = returned_codes(engine, filters, year)
    frame = sums.reindex(codes).astype("Int64").rename_axis("borough").reset_index()
    frame["answered"] = frame["organisations"].notna().to_numpy()
    uncovered = (frame["whole_borough"] == 0) & (frame["coverage_answered"] > 0)  # coverage left blank is not 'none'
    frame["cold_spot"] = frame["answered"] & uncovered.fillna(False).to_numpy(dtype=bool)
    frame = frame.drop(columns="coverage_answered")
    return with_names(frame)


def leases_by_year(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, organisations, answered, discounted_leases, share]: organisations holding a
    community asset on a discounted or peppercorn lease, as a share of those whose lease
    question was answered (a blank is not a No)."""
    measures = {
        "organisations": func.count(),
        "answered": func.count(INFRASTRUCTURE.c.discounted_lease),
        "discounted_leases": count_if(INFRASTRUCTURE.c.discounted_lease.is_(True)),
    }
    sums = aggregate(engine, filters, INFRASTRUCTURE, measures).set_index("year").reindex(filters.years).fillna(0)
    frame = sums.astype(int).rename_axis("year").reset_index()
    frame["share"] = ratio(frame["discounted_leases"], frame["answered"])
    return frame
