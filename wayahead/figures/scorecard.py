"""The report's recommendations as a scorecard: each with the indicators that measure it, the
rule an authority's own figure must meet, and for the filters' last year London's figure, its
change on the year before and how many authorities meet it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Engine

from wayahead.figures.filters import Filters
from wayahead.figures.indicators import Indicator, counts_as_yes, indicator, indicator_by_authority
from wayahead.figures.metrics.headline import Headline, headline
from wayahead.figures.numbers import finite


@dataclass(frozen=True)
class Measure:
    """One indicator of a recommendation and the rule an authority's own figure meets it by."""

    key: str
    rule: str  # in words, shown on the page
    meets: Callable[[float], bool]


@dataclass(frozen=True)
class Recommendation:
    key: str
    title: str
    section: str  # where the report makes it
    measures: tuple[Measure, ...]


def _yes(key: str) -> Measure:
    return Measure(key, "Yes", counts_as_yes)


def _not_below(share: float, value: float) -> bool:
    return value >= share - 1e-9


def _not_above(share: float, value: float) -> bool:
    return value <= share + 1e-9


def _at_least(key: str, share: float, words: str) -> Measure:
    return Measure(key, words, functools.partial(_not_below, share))  # a partial, so lines can be cached


def _at_most(key: str, share: float, words: str) -> Measure:
    return Measure(key, words, functools.partial(_not_above, share))


RECOMMENDATIONS: tuple[Recommendation, ...] = (
    Recommendation(
        "grants",
        "Grants and mixed payment over payment by results",
        "§1 Payment mechanisms and grant funding",
        (
            _at_least("grant_share", 0.5, "grants at least half of grant and contract money"),
            _at_most("pbr_share", 0.1, "no more than a tenth of contract money paid by results"),
            _at_least("multi_year_share", 0.5, "at least half of the money in awards of three years or more"),
            _at_least("paid_ahead_share", 0.5, "at least half of the money paid ahead of delivery"),
        ),
    ),
    Recommendation(
        "lots",
        "Contracts divided into lots, so smaller organisations and consortia can bid",
        "§1 Barriers; §3 Consortia",
        (_at_least("lots_share", 0.25, "at least a quarter of tenders divided into lots"),),
    ),
    Recommendation(
        "social_value",
        "Social value accounted for, monitored and delivered",
        "§2 Social value",
        (
            _yes("social_value"),
            _yes("accounts_for"),
            _yes("social_value_monitored"),
            _at_least("social_value_delivered", 0.75, "at least three quarters of what was committed delivered"),
        ),
    ),
    Recommendation(
        "leadership",
        "Political leadership: a VCS cabinet lead in the pan-London forum",
        "§1 Political leadership",
        (_yes("cabinet_lead"), _yes("forum_participation"), _yes("review_led")),
    ),
    Recommendation(
        "training",
        "Commissioners trained in commissioning with civil society, and it is in induction",
        "§1 Training",
        (
            _at_least("training_uptake", 0.25, "at least a quarter of commissioning staff trained this year"),
            _yes("induction"),
        ),
    ),
    Recommendation(
        "infrastructure",
        "Infrastructure with income beyond the local authority",
        "§4 Infrastructure",
        (_at_most("infra_la_reliance", 0.5, "less than half of infrastructure income from the council"),),
    ),
    Recommendation(
        "impact",
        "Outcomes frameworks, an early tender pipeline and open grants data",
        "§5 Demonstrating impact",
        (_yes("outcomes_framework"), _yes("pipeline_published"), _yes("open_data")),
    ),
    Recommendation(
        "places",
        "Social prescribing with a paid team, and community assets on affordable terms",
        "§1 Social prescribing; §4 Community assets",
        (_yes("social_prescribing_paid"), _yes("asset_policy_adopted")),
    ),
)


@dataclass(frozen=True)
class ScoreLine:
    recommendation: Recommendation
    measure: Measure
    indicator: Indicator
    headline: Headline
    meeting: int  # authorities whose own figure meets the rule
    answered: int  # authorities with a figure


def _lines(engine: Engine, filters: Filters) -> Iterator[tuple[ScoreLine, dict[str, float]]]:
    """Each line of the scorecard for the filters' last year, with every authority's own figure."""
    year = filters.last_year
    for recommendation in RECOMMENDATIONS:
        for measure in recommendation.measures:
            frame = indicator_by_authority(engine, measure.key, filters, year).dropna(subset=["value"])
            own = {str(code): float(value) for code, value in zip(frame["code"], frame["value"])}
            line = ScoreLine(
                recommendation,
                measure,
                indicator(measure.key),
                headline(engine, measure.key, filters),
                sum(measure.meets(value) for value in own.values()),
                len(own),
            )
            yield line, own


def scorecard(engine: Engine, filters: Filters) -> list[ScoreLine]:
    """One line per indicator of each recommendation, for the filters' last year."""
    return [line for line, _ in _lines(engine, filters)]


def authority_scorecard(engine: Engine, filters: Filters, code: str) -> list[tuple[ScoreLine, float | None]]:
    """Each line of the scorecard (London's, over the filters) with one authority's own figure,
    read from the same figures as the line's count of authorities meeting it."""
    return [(line, finite(own.get(code))) for line, own in _lines(engine, filters)]
