"""The indicators: one `Indicator` record each (what it means, why it matters, its unit, its
query and whether it is a Yes or No per authority), and their figures.

Adding an indicator is one record in REGISTRY plus its query: the theme page of its theme
headlines it, the data dictionary defines it, the Downloads page exports it and the words
describe it, with no other edit (tests/test_indicators_registry.py).

Each is a ratio of two sums over one return sheet, aggregated in SQL (metrics.core). The London
figure for a year sums numerator and denominator over the authorities in scope that answered
the indicator's question (a blank is "not answered", never 0 or No); an authority's figure is
its own ratio. Coverage is per indicator: how many authorities answered it that year.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Engine, Table, case, func

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.core import aggregate, count_if, ratio, returned_by_year, row_sum, total, when, with_names
from wayahead.figures.metrics.funding import is_contract, is_grant
from wayahead.returns.spec import INCOME_SOURCES, LOCAL_AUTHORITY_INCOME, PAYMENT_BY_RESULTS, SOCIAL_VALUE_LADDER
from wayahead.store.publication import min_coverage
from wayahead.store.schema import SHEET_TABLES

Recipe = tuple[Table, ColumnElement[Any], ColumnElement[Any], ColumnElement[Any]]
"""(sheet table, numerator, denominator, answers): aggregate expressions over one sheet; an
authority answered the indicator when its `answers` count is above 0."""

YES_AT = 0.5  # an authority's own figure on a Yes-or-No indicator counts as Yes from here


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    theme: str  # the theme page that headlines it
    unit: Literal["share", "money", "count", "ratio"]
    definition: str
    why: str
    higher_is: Literal["better", "neither"]
    query: Callable[[], Recipe]
    yes_no: bool = False  # each authority's own figure is Yes (1) or No (0)
    headline: bool = False  # one of London's six headline indicators (Overview, profile, meeting mode)
    since: int = 1  # the return version that first asks its question: earlier returns did not ask it
    source: str = ""  # the return's questions it is made from, and the report section, for version 2 figures


def counts_as_yes(value: float) -> bool:
    """An authority's own figure on a Yes-or-No indicator, read as Yes."""
    return value >= YES_AT


_FUNDING = SHEET_TABLES["funding"]
_TRAINING = SHEET_TABLES["training"]
_INFRASTRUCTURE = SHEET_TABLES["infrastructure"]
_COMMISSIONING = SHEET_TABLES["commissioning"]
_ADOPTED = SOCIAL_VALUE_LADDER[2:]


def _yes(sheet: str, column: str) -> Recipe:
    """Yes ÷ answered: a blank is neither Yes nor No."""
    table = SHEET_TABLES[sheet]
    answered = func.count(table.c[column])
    return table, count_if(table.c[column].is_(True)), answered, answered


def _chosen(sheet: str, column: str, chosen: tuple[str, ...]) -> Recipe:
    """Authorities whose answer is one of `chosen` ÷ those that answered."""
    table = SHEET_TABLES[sheet]
    answered = func.count(table.c[column])
    return table, count_if(table.c[column].in_(chosen)), answered, answered


def _yes_share(sheet: str, column: str) -> Callable[[], Recipe]:
    """The query of a Yes-or-No question's share (a partial, so an Indicator can be cached and pickled)."""
    return functools.partial(_yes, sheet, column)


def _choice_share(sheet: str, column: str, chosen: tuple[str, ...]) -> Callable[[], Recipe]:
    """The query of the share answering one of `chosen`."""
    return functools.partial(_chosen, sheet, column, tuple(chosen))


def _grant_share() -> Recipe:
    amount = _FUNDING.c.amount
    return (
        _FUNDING,
        total(when(is_grant(_FUNDING.c.mechanism), amount)),
        total(when(is_grant(_FUNDING.c.mechanism) | is_contract(_FUNDING.c.mechanism), amount)),
        func.count(amount),
    )


def _pbr_share() -> Recipe:
    amount = _FUNDING.c.amount
    return (
        _FUNDING,
        total(when(_FUNDING.c.mechanism == PAYMENT_BY_RESULTS, amount)),
        total(when(is_contract(_FUNDING.c.mechanism), amount)),
        func.count(amount),
    )


def _small_medium_share() -> Recipe:
    part = _FUNDING.c.amount_small_medium
    return _FUNDING, total(part), total(when(part.is_not(None), _FUNDING.c.amount)), func.count(part)


def _training_uptake() -> Recipe:
    return _TRAINING, total(_TRAINING.c.trained), total(_TRAINING.c.headcount), func.count(_TRAINING.c.headcount)


def _infra_la_reliance() -> Recipe:
    return (
        _INFRASTRUCTURE,
        total(row_sum(_INFRASTRUCTURE, LOCAL_AUTHORITY_INCOME)),
        total(row_sum(_INFRASTRUCTURE, [k for k, _ in INCOME_SOURCES])),
        func.count(),
    )  # a row is an organisation listed: a blank sheet has none


def _part_of_funding(column: str) -> Recipe:
    """A part of the Funding amount ÷ the amount, over the rows where the part was answered."""
    part = _FUNDING.c[column]
    return _FUNDING, total(part), total(when(part.is_not(None), _FUNDING.c.amount)), func.count(part)


def _funding_part(column: str) -> Callable[[], Recipe]:
    return functools.partial(_part_of_funding, column)


def _delivered_share() -> Recipe:
    table = SHEET_TABLES["social_value"]
    both = table.c.delivered.is_not(None) & table.c.committed.is_not(None)
    return table, total(when(both, table.c.delivered)), total(when(both, table.c.committed)), count_if(both)


def _lots_share() -> Recipe:
    return (
        _COMMISSIONING,
        total(_COMMISSIONING.c.contracts_in_lots),
        total(_COMMISSIONING.c.contracts_open),
        func.count(_COMMISSIONING.c.contracts_open),
    )


REGISTRY: tuple[Indicator, ...] = (
    Indicator(
        "grant_share",
        "Grant share of funding",
        "Funding",
        "share",
        "Grants ÷ (grants + contracts), money from all commissioners (local authority, NHS, housing "
        "associations, other public bodies) to civil society organisations.",
        "Grant funding can be a much more flexible and sustainable source of funding, yet it has "
        "declined by more than 60% since 2004.",
        "better",
        _grant_share,
        headline=True,
    ),
    Indicator(
        "pbr_share",
        "Payment by results share of contracts",
        "Funding",
        "share",
        "Contract money paid by results ÷ all contract money.",
        "Payment-by-results contracts can be extremely difficult for civil society organisations to "
        "manage because of the financial risk and the cash flow they require.",
        "neither",
        _pbr_share,
        headline=True,
    ),
    Indicator(
        "cabinet_lead",
        "Authorities with a VCS cabinet lead",
        "Leadership",
        "share",
        "Authorities with a cabinet member responsible for the voluntary and community sector ÷ "
        "authorities that returned.",
        "A cabinet member with responsibility for the VCS gives the sector political leadership "
        "and a point of contact, and builds a culture of proper engagement among commissioners.",
        "better",
        _yes_share("leadership", "cabinet_lead"),
        yes_no=True,
        headline=True,
    ),
    Indicator(
        "social_value",
        "Social value policy adopted or embedded",
        "Social value",
        "share",
        "Authorities whose social value policy is Adopted or Embedded across commissioning ÷ "
        "authorities that returned.",
        "The Social Value Act only asks authorities to 'consider' social value, and many still do "
        "not use the full potential that commissioning for social value can bring.",
        "better",
        _choice_share("social_value", "policy", _ADOPTED),
        yes_no=True,
        headline=True,
    ),
    Indicator(
        "training_uptake",
        "Commissioning staff trained",
        "Training",
        "share",
        "Commissioning and procurement staff trained this year in commissioning with civil society "
        "÷ headcount (for London, both summed over the authorities that returned).",
        "Training for commissioners and procurement officers makes commissioning consistent and "
        "open to delivery by voluntary and community organisations.",
        "better",
        _training_uptake,
        headline=True,
    ),
    Indicator(
        "infra_la_reliance",
        "Infrastructure reliance on council money",
        "Infrastructure",
        "share",
        "Local authority grants and contracts ÷ total income of the civil society infrastructure "
        "organisations serving the authority.",
        "Infrastructure bodies need sustainable revenue streams so that they are not wholly reliant "
        "on local authority funding and contracts.",
        "neither",
        _infra_la_reliance,
        headline=True,
    ),
    # Further figures the theme pages headline (not among the six London indicators).
    Indicator(
        "small_medium_share",
        "Small and medium organisations' share",
        "Funding",
        "share",
        "Money to organisations with income under £1m a year ÷ all money, over the rows where that part was answered.",
        "Contracts designed at scale shut out small and medium organisations and the local knowledge they hold.",
        "better",
        _small_medium_share,
    ),
    Indicator(
        "forum_participation",
        "Taking part in the pan-London forum",
        "Leadership",
        "share",
        "Authorities whose VCS cabinet member takes part in the pan-London forum ÷ authorities that answered.",
        "A pan-London forum for cabinet members with responsibility for the VCS builds a London-wide "
        "commitment to civil society.",
        "better",
        _yes_share("leadership", "pan_london_forum"),
        yes_no=True,
    ),
    Indicator(
        "accounts_for",
        "Accounting for social value",
        "Social value",
        "share",
        "Authorities that account for social value in every decision ÷ authorities that answered "
        "the approach question.",
        "The Act only requires that authorities 'consider' social value; accounting for it goes further.",
        "better",
        _choice_share("social_value", "approach", ("Accounts for social value",)),
        yes_no=True,
    ),
    Indicator(
        "induction",
        "Induction covers civil society commissioning",
        "Training",
        "share",
        "Authorities whose induction for new staff covers commissioning with civil society ÷ "
        "authorities that answered.",
        "Commissioning with the voluntary sector should be part of induction programmes for officers.",
        "better",
        _yes_share("training", "induction"),
        yes_no=True,
    ),
    Indicator(
        "lots_share",
        "Tenders divided into lots",
        "Commissioning",
        "share",
        "Tenders open to civil society that were divided into lots ÷ all such tenders.",
        "Breaking contracts into lots helps small and medium organisations take part.",
        "better",
        _lots_share,
    ),
    Indicator(
        "pipeline_published",
        "Tender pipeline published",
        "Commissioning",
        "share",
        "Authorities that publish commissioning intentions and a tender pipeline ÷ authorities that answered.",
        "Early commissioning intentions and a long-term pipeline give organisations time to form consortia.",
        "better",
        _yes_share("commissioning", "pipeline_published"),
        yes_no=True,
    ),
    Indicator(
        "outcomes_framework",
        "Outcomes framework published",
        "Commissioning",
        "share",
        "Authorities with a published outcomes framework for funded services ÷ authorities that answered.",
        "Clear, early outcomes frameworks help organisations demonstrate their impact.",
        "better",
        _yes_share("commissioning", "outcomes_framework"),
        yes_no=True,
    ),
    # Return version 2 (2025/26 on): earlier returns did not ask these questions.
    Indicator(
        "without_competition_share",
        "Funding awarded without competition",
        "Funding",
        "share",
        "Money awarded without competition (direct awards, grants by invitation, light-touch negotiated "
        "awards) ÷ all money, over the Funding rows where that part was answered.",
        "Non-competitive approaches such as grants by invitation avoid the cost of bidding for small "
        "organisations (§1, non-competitive approaches).",
        "neither",
        _funding_part("without_competition"),
        since=2,
        source="Funding › Awarded without competition (£), ÷ Amount (£)",
    ),
    Indicator(
        "paid_ahead_share",
        "Funding paid ahead of delivery",
        "Funding",
        "share",
        "Money paid in advance or in instalments ahead of delivery ÷ all money, over the rows where that part was answered.",
        "Payment in arrears leaves small organisations carrying the cost of delivery (§1, payment mechanisms).",
        "better",
        _funding_part("paid_ahead"),
        since=2,
        source="Funding › Paid in advance or in instalments ahead of delivery (£), ÷ Amount (£)",
    ),
    Indicator(
        "multi_year_share",
        "Funding in awards of three years or more",
        "Funding",
        "share",
        "Money in awards of three years or longer ÷ all money, over the rows where that part was answered.",
        "Longer awards let organisations plan, keep staff and invest (§1, grant funding).",
        "better",
        _funding_part("multi_year"),
        since=2,
        source="Funding › Awards of three years or longer (£), ÷ Amount (£)",
    ),
    Indicator(
        "social_prescribing_paid",
        "Social prescribing run by a paid team",
        "Commissioning",
        "share",
        "Authorities funding a social prescribing service with a single point of contact and a paid team ÷ "
        "authorities that answered.",
        "Social prescribing links residents to civil society; it works when a paid team holds it (§1).",
        "better",
        _choice_share("commissioning", "social_prescribing", ("Yes, paid team",)),
        yes_no=True,
        since=2,
        source="Commissioning › Social prescribing service funded, with a single point of contact and a paid team",
    ),
    Indicator(
        "open_data",
        "Grants published as open data (360Giving)",
        "Commissioning",
        "share",
        "Authorities publishing their grant recipients as open data to the 360Giving standard ÷ authorities that answered.",
        "Open grants data lets funders and the sector see where money goes (§5, demonstrating impact).",
        "better",
        _yes_share("commissioning", "open_data"),
        yes_no=True,
        since=2,
        source="Commissioning › Grant recipients published as open data (360Giving standard)",
    ),
    Indicator(
        "review_led",
        "Cabinet lead led a review of VCS commissioning",
        "Leadership",
        "share",
        "Authorities whose cabinet lead led a review of VCS commissioning in the last three years ÷ authorities that answered.",
        "Political leadership means cabinet leads shaping how the authority commissions (§1, political leadership).",
        "better",
        _yes_share("leadership", "review_led"),
        yes_no=True,
        since=2,
        source="Leadership › Review of VCS commissioning led by the cabinet lead in the last three years",
    ),
    Indicator(
        "social_value_delivered",
        "Social value delivered against committed",
        "Social value",
        "share",
        "Social value delivered and verified this year ÷ social value committed by suppliers, over the "
        "authorities that answered both.",
        "Commitments made at tender count only when they are delivered and checked (§2, social value).",
        "better",
        _delivered_share,
        since=2,
        source="Social value › Social value delivered and verified this year (£), ÷ committed (£)",
    ),
    Indicator(
        "social_value_monitored",
        "Social value monitored in contract management",
        "Social value",
        "share",
        "Authorities checking delivery against social value commitments in some or all contracts ÷ "
        "authorities that answered.",
        "Social value is real only when contract management checks it (§2).",
        "better",
        _choice_share("social_value", "monitored", ("Some contracts", "All contracts over a threshold")),
        yes_no=True,
        since=2,
        source="Social value › Social value monitored in contract management",
    ),
    Indicator(
        "asset_policy_adopted",
        "Community asset policy adopted",
        "Infrastructure",
        "share",
        "Authorities with an adopted community asset policy (discounted or peppercorn leases, affordable "
        "rents) ÷ authorities that answered.",
        "Affordable space keeps civil society organisations in their communities (§4, community assets).",
        "better",
        _choice_share("assets", "asset_policy", ("Adopted",)),
        yes_no=True,
        since=2,
        source="Assets › Community asset policy",
    ),
)


def indicator_question(each: Indicator) -> tuple[str, str] | None:
    """(sheet key, field key) of the one Yes/No or choice question a share of authorities is
    made from (its 'who answered what' is then one question), else None."""
    query = each.query
    if isinstance(query, functools.partial) and query.func in (_yes, _chosen):
        return query.args[0], query.args[1]
    return None


def all_indicators() -> tuple[Indicator, ...]:
    """Every indicator, in the registry's order (read at call time, so a new record shows everywhere)."""
    return REGISTRY


def headline_indicators() -> tuple[Indicator, ...]:
    """London's six headline indicators, in order."""
    return tuple(i for i in REGISTRY if i.headline)


def theme_indicators(theme: str) -> tuple[Indicator, ...]:
    """The indicators a theme page headlines, in order."""
    return tuple(i for i in REGISTRY if i.theme == theme)


def indicator(key: str) -> Indicator:
    """The indicator called `key` (KeyError for an unknown key)."""
    for each in REGISTRY:
        if each.key == key:
            return each
    raise KeyError(key)


@functools.cache
def _recipe(key: str) -> Recipe:
    return indicator(key).query()


@functools.cache
def _answered_measures(key: str) -> tuple[Table, dict[str, ColumnElement[Any]]]:
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
    value = np.divide(
        parts["numerator"],
        parts["denominator"],
        out=np.full(len(filters.years), np.nan),
        where=parts["denominator"] != 0,
    )
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
