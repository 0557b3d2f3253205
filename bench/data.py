"""The benchmark's inputs: databases (sample and stress) and return files, built from the samples.

The stress database is filled straight through the store (store_return with clean records, as
the validator would hand them over), so it takes seconds rather than the hours 1,320 workbooks
would take to read.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, text

from bench import BENCH_EMAIL
from loaders.validate import LoadResult
from wayahead.access.auth import add_user
from wayahead.returns.data import ReturnData
from wayahead.returns.london import AUTHORITIES
from wayahead.returns.samples import (
    FIRST_YEAR,
    LAST_YEAR,
    has_return,
    sample_content,
    sample_file_name,
    sample_version,
    sample_years,
)
from wayahead.returns.template import template_bytes
from wayahead.store.engine import make_engine, migrate
from wayahead.store.publication import publish
from wayahead.store.returns import store_return
from wayahead.store.schema import SHEET_TABLES, audit_log, current_returns, files, return_versions

Content = dict[str, list[dict[str, Any]]]
STRESS_YEARS = range(LAST_YEAR - 39, LAST_YEAR + 1)  # 40 financial years
STRESS_ORGANISATIONS = 50
IMPORT_YEAR = 2022  # the one sample year in which all 33 authorities returned
V2_IMPORT_YEAR = 2025  # the sample's version 2 year: its 33 returns (the two missing made as well)
LARGE_ROWS = 5_000
BENCH_BY = "benchmark"


def store_content(engine: Engine, code: str, year: int, content: Content) -> None:
    """Store clean records as the current return of `code` for `year`, through the real store."""
    raw = json.dumps([code, year, content], default=str, sort_keys=True).encode()
    result = LoadResult(
        f"{code}_{year}.xlsx", hashlib.sha256(raw).hexdigest(), ReturnData(code, year, content), [], code, year
    )
    outcome = store_return(engine, result, raw, BENCH_BY)
    if outcome.status != "stored":
        raise RuntimeError(f"benchmark data for {code} {year} was not stored: {outcome}")


def migrated(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine


def empty_returns(engine: Engine) -> None:
    """Delete every stored return, version, file and audit entry (a repeat's clean start)."""
    with engine.begin() as connection:
        for table in (*SHEET_TABLES.values(), current_returns, return_versions, files, audit_log):
            connection.execute(delete(table))


def for_pages(url: str) -> Engine:
    """A migrated database with the benchmark's admin account, for the page figures."""
    engine = migrated(url)
    add_user(engine, BENCH_EMAIL, "admin", None, actor=BENCH_BY)
    return engine


def build_sample(url: str) -> int:
    """The illustrative sample returns (as `python -m wayahead sample` stores them); returns the count."""
    engine = for_pages(url)
    count = 0
    for year in sample_years():
        for authority in AUTHORITIES:
            if has_return(authority.code, year):
                store_content(engine, authority.code, year, sample_content(authority.code, year))
                count += 1
        publish(engine, year, BENCH_BY)  # the sample loads as published: pages time the published scope
    engine.dispose()
    return count


def with_organisations(content: Content, count: int) -> Content:
    """`content` with its infrastructure sheet grown to `count` distinct organisations."""
    grown = copy.deepcopy(content)
    base = content["infrastructure"]
    grown["infrastructure"] = [
        base[n % len(base)]
        | {
            "organisation": f"{base[n % len(base)]['organisation']} no. {n + 1}",
            "registration_number": str(2_000_000 + n),
        }
        for n in range(count)
    ]
    return grown


def stress_content(code: str, year: int, organisations: int = STRESS_ORGANISATIONS) -> Content:
    """A sample-like return for any year: a sample year's records relabelled, with `organisations` bodies."""
    base_year = FIRST_YEAR + (year - FIRST_YEAR) % (LAST_YEAR - FIRST_YEAR + 1)
    content = with_organisations(sample_content(code, base_year), organisations)
    content["about"][0] |= {"financial_year": year, "date_completed": dt.date(year + 1, 6, 30)}
    return content


def build_stress(url: str, years: range = STRESS_YEARS, organisations: int = STRESS_ORGANISATIONS) -> int:
    """Every authority × every year in `years`, `organisations` infrastructure bodies each; returns the count."""
    engine = for_pages(url)
    count = 0
    for year in years:
        for authority in AUTHORITIES:
            store_content(engine, authority.code, year, stress_content(authority.code, year, organisations))
            count += 1
        publish(engine, year, BENCH_BY)
    engine.dispose()
    return count


def write_year_files(directory: Path, year: int = IMPORT_YEAR) -> list[Path]:
    """The 33 authorities' sample returns for `year` as .xlsx files in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for authority in AUTHORITIES:
        path = directory / sample_file_name(authority.code, year)
        path.write_bytes(template_bytes(sample_content(authority.code, year), sample_version(year)))
        paths.append(path)
    return paths


def large_return_bytes(rows: int = LARGE_ROWS) -> bytes:
    """One return whose Infrastructure sheet holds `rows` organisations."""
    code = AUTHORITIES[0].code
    return template_bytes(with_organisations(sample_content(code, LAST_YEAR), rows))


def server_database(server_url: str, name: str) -> str:
    """A new, empty database called `name` on the PostgreSQL server at `server_url` (replacing any old one)."""
    admin = _admin_engine(server_url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server_url.rsplit('/', 1)[0]}/{name}"


def drop_server_database(server_url: str, name: str) -> None:
    admin = _admin_engine(server_url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _admin_engine(server_url: str) -> Engine:
    url = server_url.replace("postgresql://", "postgresql+psycopg://", 1)
    return create_engine(url, isolation_level="AUTOCOMMIT")
