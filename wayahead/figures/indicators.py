"""The six headline indicators: what each means, why it matters, and its figures.

Each is a ratio of two sums over one return sheet, aggregated in SQL (metrics.core). The London
figure for a year sums numerator and denominator over the authorities in scope that answered
the indicator's question (a blank is "not answered", never 0 or No); an authority's figure is
its own ratio. Coverage is per indicator: how many authorities answered it that year.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Engine, Table, case, func

from wayahead.figures.filters import Filters
from wayahead.store.publication import min_coverage
from wayahead.figures.metrics.core import aggregate, count_if, ratio, returned_by_year, row_sum, total, when, with_names
from wayahead.returns.spec import LOCAL_AUTHORITY_INCOME, INCOME_SOURCES, PAYMENT_BY_RESULTS, SOCIAL_VALUE_LADDER
from wayahead.store.schema import SHEET_TABLES


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    theme: str
    unit: Literal["share", "money", "count", "ratio"]
    definition: str
    why: str
    higher_is: Literal["better", "neither"]


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "grant_share", "Grant share of funding", "Funding", "share",
        "Grants ÷ (grants + contracts), money from all commissioners (local authority, NHS, housing "
        "associations, other public bodies) to civil society organisations.",
        "Grant funding can be a much more flexible and sustainable source of funding, yet it has "
        "declined by more than 60% since 2004.",
        "better",
    ),
    Indicator(
        "pbr_share", "Payment by results share of contracts", "Funding", "share",
        "Contract money paid by results ÷ all contract money.",
        "Payment-by-results contracts can be extremely difficult for civil society organisations to "
        "manage because of the financial risk and the cash flow they require.",
        "neither",
    ),
    Indicator(
        "cabinet_lead", "Authorities with a VCS cabinet lead", "Leadership", "share",
        "Authorities with a cabinet member responsible for the voluntary and community sector ÷ "
        "authorities that returned.",
        "A cabinet member with responsibility for the VCS gives the sector political leadership "
        "and a point of contact, and builds a culture of proper engagement among commissioners.",
        "better",
    ),
    Indicator(
        "social_value", "Social value policy adopted or embedded", "Social value", "share",
        "Authorities whose social value policy is Adopted or Embedded across commissioning ÷ "
        "authorities that returned.",
        "The Social Value Act only asks authorities to 'consider' social value, and many still do "
        "not use the full potential that commissioning for social value can bring.",
        "better",
    ),
    Indicator(
        "training_uptake", "Commissioning staff trained", "Training", "share",
        "Commissioning and procurement staff trained this year in commissioning with civil society "
        "÷ headcount (for London, both summed over the authorities that returned).",
        "Training for commissioners and procurement officers makes commissioning consistent and "
        "open to delivery by voluntary and community organisations.",
        "better",
    ),
    Indicator(
        "infra_la_reliance", "Infrastructure reliance on council money", "Infrastructure", "share",
        "Local authority grants and contracts ÷ total income of the civil society infrastructure "
        "organisations serving the authority.",
        "Infrastructure bodies need sustainable revenue streams so that they are not wholly reliant "
        "on local authority funding and contracts.",
        "neither",
    ),
)

# Further figures the theme pages headline (not among the six London indicators).
THEME_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "small_medium_share", "Small and medium organisations' share", "Funding", "share",
        "Money to organisations with income under £1m a year ÷ all money, over the rows where "
        "that part was answered.",
        "Contracts designed at scale shut out small and medium organisations and the local "
        "knowledge they hold.",
        "better",
    ),
    Indicator(
        "forum_participation", "Taking part in the pan-London forum", "Leadership", "share",
        "Authorities whose VCS cabinet member takes part in the pan-London forum ÷ authorities "
        "that answered.",
        "A pan-London forum for cabinet members with responsibility for the VCS builds a London-wide "
        "commitment to civil society.",
        "better",
    ),
    Indicator(
        "accounts_for", "Accounting for social value", "Social value", "share",
        "Authorities that account for social value in every decision ÷ authorities that answered "
        "the approach question.",
        "The Act only requires that authorities 'consider' social value; accounting for it goes further.",
        "better",
    ),
    Indicator(
        "induction", "Induction covers civil society commissioning", "Training", "share",
        "Authorities whose induction for new staff covers commissioning with civil society ÷ "
        "authorities that answered.",
        "Commissioning with the voluntary sector should be part of induction programmes for officers.",
        "better",
    ),
    Indicator(
        "lots_share", "Tenders divided into lots", "Commissioning", "share",
        "Tenders open to civil society that were divided into lots ÷ all such tenders.",
        "Breaking contracts into lots helps small and medium organisations take part.",
        "better",
    ),
    Indicator(
        "pipeline_published", "Tender pipeline published", "Commissioning", "share",
        "Authorities that publish commissioning intentions and a tender pipeline ÷ authorities that answered.",
        "Early commissioning intentions and a long-term pipeline give organisations time to form consortia.",
        "better",
    ),
    Indicator(
        "outcomes_framework", "Outcomes framework published", "Commissioning", "share",
        "Authorities with a published outcomes framework for funded services ÷ authorities that answered.",
        "Clear, early outcomes frameworks help organisations demonstrate their impact.",
        "better",
    ),
)

INDICATOR_BY_KEY: dict[str, Indicator] = {i.key: i for i in (*INDICATORS, *THEME_INDICATORS)}

# Indicators that are a Yes or No for each authority (its own figure is 0% or 100%).
YES_NO_KEYS = frozenset({"cabinet_lead", "social_value", "forum_participation", "accounts_for", "induction",
                         "pipeline_published", "outcomes_framework"})

_FUNDING = SHEET_TABLES["funding"]
_LEADERSHIP = SHEET_TABLES["leadership"]
_SOCIAL_VALUE = SHEET_TABLES["social_value"]
_TRAINING = SHEET_TABLES["training"]
_INFRASTRUCTURE = SHEET_TABLES["infrastructure"]
_COMMISSIONING = SHEET_TABLES["commissioning"]
_ADOPTED = SOCIAL_VALUE_LADDER[2:]


@functools.cache
def _recipe(key: str) -> tuple[Table, ColumnElement, ColumnElement, ColumnElement]:
    """(sheet table, numerator, denominator, answers) aggregate expressions for an indicator
    (built once): an authority answered the indicator when its `answers` count is above 0."""
    amount = _FUNDING.c.amount
    grants = _FUNDING.c.mechanism.like("Grant%")
    contracts = _FUNDING.c.mechanism.like("Contract%")
    recipes = {
        "grant_share": (_FUNDING, total(when(grants, amount)), total(when(grants | contracts, amount)), func.count(amount)),
        "pbr_share": (
            _FUNDING, total(when(_FUNDING.c.mechanism == PAYMENT_BY_RESULTS, amount)), total(when(contracts, amount)), func.count(amount)
        ),
        "cabinet_lead": _yes_share(_LEADERSHIP, "cabinet_lead"),
        "social_value": (_SOCIAL_VALUE, count_if(_SOCIAL_VALUE.c.policy.in_(_ADOPTED)), func.count(_SOCIAL_VALUE.c.policy),
                         func.count(_SOCIAL_VALUE.c.policy)),
        "small_medium_share": (
            _FUNDING, total(_FUNDING.c.amount_small_medium), total(when(_FUNDING.c.amount_small_medium.is_not(None), amount)),
            func.count(_FUNDING.c.amount_small_medium),
        ),
        "forum_participation": _yes_share(_LEADERSHIP, "pan_london_forum"),
        "accounts_for": (_SOCIAL_VALUE, count_if(_SOCIAL_VALUE.c.approach == "Accounts for social value"), func.count(_SOCIAL_VALUE.c.approach),
                         func.count(_SOCIAL_VALUE.c.approach)),
        "induction": _yes_share(_TRAINING, "induction"),
        "lots_share": (_COMMISSIONING, total(_COMMISSIONING.c.contracts_in_lots), total(_COMMISSIONING.c.contracts_open),
                       func.count(_COMMISSIONING.c.contracts_open)),
        "pipeline_published": _yes_share(_COMMISSIONING, "pipeline_published"),
        "outcomes_framework": _yes_share(_COMMISSIONING, "outcomes_framework"),
        "training_uptake": (_TRAINING, total(_TRAINING.c.trained), total(_TRAINING.c.headcount), func.count(_TRAINING.c.headcount)),
        "infra_la_reliance": (
            _INFRASTRUCTURE,
            total(row_sum(_INFRASTRUCTURE, LOCAL_AUTHORITY_INCOME)),
            total(row_sum(_INFRASTRUCTURE, [k for k, _ in INCOME_SOURCES])),
            func.count(),  # a row is an organisation listed: a blank sheet has none
        ),
    }
    return recipes[key]


def _yes_share(table: Table, column: str) -> tuple[Table, ColumnElement, ColumnElement, ColumnElement]:
    """Yes ÷ answered: a blank is neither Yes nor No."""
    answered = func.count(table.c[column])
    return table, count_if(table.c[column].is_(True)), answered, answered


@functools.cache
def _answered_measures(key: str) -> tuple[Table, dict[str, ColumnElement]]:
    """The indicator's sums per return, counted only when the return answered it, and 1 for
    each return that did (built once, so the query is kept)."""
    table, numerator, denominator, answers = _recipe(key)
    answered = answers > 0
    return table, {
        "numerator": case((answered, numerator), else_=0),
        "denominator": case((answered, denominator), else_=0),
        "answered": case((answered, 1), else_=0),
    }


def indicator_by_year(engine: Engine, key: str, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, value, returned, answered]: the London figure (over the authorities in
    scope that answered) each year, how many returned and how many answered the question; no
    value (NaN) in a year when fewer answered than the coverage threshold."""
    table, measures = _answered_measures(key)
    sums = aggregate(engine, filters, table, measures)
    at = sums["year"].to_numpy(dtype=np.int64) - filters.first_year
    parts = {}
    for name in ("numerator", "denominator", "answered"):
        parts[name] = np.zeros(len(filters.years))
        parts[name][at] = sums[name].to_numpy(dtype=float)
    value = np.divide(parts["numerator"], parts["denominator"], out=np.full(len(filters.years), np.nan),
                      where=parts["denominator"] != 0)
    returned = returned_by_year(engine, filters)["returned"].to_numpy()
    answered = parts["answered"].astype(int)
    value[answered < min_coverage(len(filters.codes()))] = np.nan  # too few answered to state a figure for the area
    return pd.DataFrame({"year": filters.years, "value": value, "returned": returned, "answered": answered})


def indicator_by_authority(engine: Engine, key: str, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[code, name, value]: each authority's own figure in `year` (those that answered)."""
    return _by_authority(engine, key, filters, ("borough",), year)[["code", "name", "value"]]


def indicator_by_authority_years(engine: Engine, key: str, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, code, name, value]: each authority's own figure, every year it answered."""
    return _by_authority(engine, key, filters, ("year", "borough"), None)[["year", "code", "name", "value"]]


def _answered_sums(engine: Engine, key: str, filters: Filters, by: tuple[str, ...], year: int | None) -> pd.DataFrame:
    """Numerator and denominator per return that answered the indicator (`answered` is 1)."""
    table, numerator, denominator, answers = _recipe(key)
    measures = {"numerator": numerator, "denominator": denominator, "answers": answers}
    sums = aggregate(engine, filters, table, measures, by=by, year=year)
    sums = sums[sums["answers"] > 0].reset_index(drop=True)
    sums["answered"] = 1
    return sums


def _by_authority(engine: Engine, key: str, filters: Filters, by: tuple[str, ...], year: int | None) -> pd.DataFrame:
    sums = _answered_sums(engine, key, filters, by, year)
    sums["value"] = ratio(sums["numerator"], sums["denominator"])
    return with_names(sums)
