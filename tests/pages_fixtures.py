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
from wayahead.store.engine import make_engine, migrate
from wayahead.store.returns import store_return

Content = dict[str, list[dict[str, Any]]]


def store_content(engine: Engine, code: str, year: int, content: Content) -> None:
    """Store `content` as the current return of `code` for `year`."""
    raw = json.dumps([code, year, content], default=str, sort_keys=True).encode()
    result = LoadResult(f"{code}_{year}.xlsx", hashlib.sha256(raw).hexdigest(), ReturnData(code, year, content), [], code, year)
    outcome = store_return(engine, result, raw, "tests")
    assert outcome.status == "stored", outcome


def sample_database(url: str) -> Engine:
    """A migrated database at `url` holding every illustrative sample return."""
    from wayahead.london import AUTHORITIES
    from wayahead.samples import has_return, sample_content, sample_years

    engine = make_engine(url)
    migrate(engine)
    for year in sample_years():
        for authority in AUTHORITIES:
            if has_return(authority.code, year):
                store_content(engine, authority.code, year, sample_content(authority.code, year))
    return engine
