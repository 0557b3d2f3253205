"""Test helpers for the dashboards: store return content directly, and a sample-data database.

store_content skips the workbook round trip (the reader has its own tests): it stores clean
records, as the validator would produce them, through the real store.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Engine

from loaders.validate import LoadResult, ReturnData
from wayahead.returns.spec import SHEETS
from wayahead.store.engine import make_engine, migrate
from wayahead.store.publication import publish
from wayahead.store.returns import store_return

Content = dict[str, list[dict[str, Any]]]


def store_content(
    engine: Engine, code: str, year: int, content: Content, by: str = "tests", published: bool = True
) -> None:
    """Store `content` as the current return of `code` for `year` (unanswered fields as None),
    submitted `by`, published unless `published` is False (then it is 'received', seen only as provisional)."""
    content = {
        sheet.key: [{f.key: r.get(f.key) for f in sheet.fields} for r in content.get(sheet.key, [])] for sheet in SHEETS
    }
    raw = json.dumps([code, year, content], default=str, sort_keys=True).encode()
    result = LoadResult(
        f"{code}_{year}.xlsx", hashlib.sha256(raw).hexdigest(), ReturnData(code, year, content), [], code, year
    )
    outcome = store_return(engine, result, raw, by)
    assert outcome.status == "stored", outcome
    if published:
        publish(engine, year, "tests", code)


def sample_database(url: str, as_the_app_loads_it: bool = False) -> Engine:
    """A migrated database at `url` holding every illustrative sample return (stored as
    `python -m wayahead sample` stores them, so the app knows they are samples, if asked)."""
    from wayahead.returns.london import AUTHORITIES
    from wayahead.returns.samples import SUBMITTED_BY, has_return, sample_content, sample_years

    engine = make_engine(url)
    migrate(engine)
    for year in sample_years():
        codes = [a.code for a in AUTHORITIES if has_return(a.code, year)]
        for code in codes:
            store_content(
                engine,
                code,
                year,
                sample_content(code, year),
                SUBMITTED_BY if as_the_app_loads_it else "tests",
                published=False,
            )
        publish(engine, year, "tests", codes)  # as `python -m wayahead sample` does
    return engine


HACKNEY, BARNET, CAMDEN = "E09000012", "E09000003", "E09000007"


def _funding(
    commissioner: str, mechanism: str, amount: float, small: float | None = None, local: float | None = None
) -> dict[str, Any]:
    return {
        "commissioner": commissioner,
        "mechanism": mechanism,
        "amount": amount,
        "amount_small_medium": small,
        "amount_local": local,
    }


def _org(coverage: str, lease: bool, **income: float) -> dict[str, Any]:
    return {"organisation": f"Org {coverage}", "coverage": coverage, "discounted_lease": lease, **income}


# Three authorities, two years, numbers small enough to check by hand (see tests/test_metrics_*.py).
# Hackney (Inner, East) and Barnet (Outer, North) returned in 2023 and 2024; Camden (Inner,
# Central) only in 2024, with no funding rows and no infrastructure organisations.
SMALL: dict[tuple[str, int], Content] = {
    (HACKNEY, 2023): {
        "funding": [
            _funding("Local authority", "Grant – core", 100),
            _funding("Local authority", "Contract – fee for service", 300),
        ],
        "leadership": [
            {"cabinet_lead": True, "portfolio_title": "Communities", "pan_london_forum": True, "vcs_strategy": "Yes"}
        ],
        "social_value": [{"policy": "Adopted", "approach": "Accounts for social value", "weighting_pct": 10.0}],
        "training": [{"headcount": 40, "trained": 10, "induction": True, "provider": "In-house"}],
        "commissioning": [
            {"contracts_open": 8, "contracts_in_lots": 2, "pipeline_published": False, "lead_time_months": 3}
        ],
        "infrastructure": [_org("Whole borough", True, income_la_grants=50.0, income_trusts=50.0)],
    },
    (BARNET, 2023): {
        "funding": [_funding("Local authority", "Grant – project", 50), _funding("Other public body", "Other", 1000)],
        "leadership": [{"cabinet_lead": False, "pan_london_forum": False, "vcs_strategy": "No"}],
        "social_value": [{"policy": "None"}],
        "training": [{"headcount": 10, "trained": 5, "induction": False}],
        "commissioning": [
            {"contracts_open": 2, "contracts_in_lots": 0, "pipeline_published": True, "lead_time_months": 1}
        ],
        "infrastructure": [_org("Whole borough", False, income_la_contracts=10.0, income_earned=30.0)],
    },
    (HACKNEY, 2024): {
        "funding": [
            _funding("Local authority", "Grant – core", 200, small=50, local=100),
            _funding("NHS (ICB)", "Contract – payment by results", 100, local=100),
            _funding("Local authority", "Contract – fee for service", 100),
        ],
        "leadership": [
            {
                "cabinet_lead": True,
                "portfolio_title": '=HYPERLINK("x") *Communities*',
                "pan_london_forum": True,
                "vcs_strategy": "Yes",
            }
        ],
        "social_value": [
            {"policy": "Embedded across commissioning", "approach": "Accounts for social value", "weighting_pct": 20.0}
        ],
        "training": [{"headcount": 40, "trained": 20, "induction": True, "provider": "In-house"}],
        "commissioning": [
            {"contracts_open": 10, "contracts_in_lots": 4, "pipeline_published": True, "lead_time_months": 6}
        ],
        "infrastructure": [
            _org("Whole borough", True, income_la_grants=60.0, income_la_contracts=20.0, income_trusts=20.0),
            _org("Part of borough", False, income_earned=100.0),
        ],
    },
    (BARNET, 2024): {
        "funding": [_funding("Housing association", "Contract – mixed payment", 300, small=300, local=0)],
        "leadership": [
            {
                "cabinet_lead": True,
                "portfolio_title": "Stronger Communities",
                "pan_london_forum": False,
                "vcs_strategy": "In development",
            }
        ],
        "social_value": [{"policy": "In development", "approach": "Considers social value", "weighting_pct": 5.0}],
        "training": [{"headcount": 10, "trained": 0, "induction": False}],
        "commissioning": [
            {"contracts_open": 5, "contracts_in_lots": 1, "pipeline_published": False, "lead_time_months": 2}
        ],
        "infrastructure": [_org("Part of borough", False, income_la_grants=50.0, income_nhs=50.0)],
    },
    (CAMDEN, 2024): {
        "leadership": [{"cabinet_lead": False, "vcs_strategy": "No"}],
        "social_value": [{"policy": "Adopted", "approach": "Considers social value"}],
        "training": [{"headcount": 10, "trained": 6, "induction": True, "provider": "London-wide programme"}],
        "commissioning": [{"contracts_open": 0, "contracts_in_lots": 0}],
    },
}


def store_small(engine: Engine) -> Engine:
    """Store the SMALL returns (2023 first) and give the engine back."""
    for (code, year), content in sorted(SMALL.items(), key=lambda item: item[0][1]):
        store_content(engine, code, year, content)
    return engine
