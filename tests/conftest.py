"""Shared test fixtures: a fresh, migrated database per test (SQLite, or PostgreSQL when
WAYAHEAD_TEST_POSTGRES_URL names a server: .ci/run sets it). A test's migrated database is a copy of
one migrated once per test process (a file copy, or PostgreSQL's CREATE DATABASE … TEMPLATE): the
same bytes the migrations write, without running them for each of some three hundred tests.
test_migrations runs the migrations themselves, on empty databases."""

from __future__ import annotations

import os

os.environ.setdefault("OPENPYXL_LXML", "False")  # as wayahead/__init__.py: before any test module imports openpyxl

import shutil
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from wayahead.store.engine import make_engine, migrate

POSTGRES_URL = os.environ.get("WAYAHEAD_TEST_POSTGRES_URL")


def _postgres_database(template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database, empty or a copy of `template`, dropped afterwards."""
    assert POSTGRES_URL
    name = f"wayahead_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    base = POSTGRES_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Iterator[str]:
    """A database migrated once for this test process: a PostgreSQL database's name, or a SQLite file's path."""
    if POSTGRES_URL:
        database = _postgres_database()
        url = next(database)
        _migrate(url)
        yield url.rsplit("/", 1)[1]
        next(database, None)  # dropped
    else:
        path = tmp_path_factory.mktemp("template") / "migrated.db"
        _migrate(f"sqlite:///{path}")
        yield str(path)


def _migrate(url: str) -> None:
    eng = make_engine(url)
    migrate(eng)
    eng.dispose()  # no connection left open: PostgreSQL copies a template only when none is


@pytest.fixture
def database_url(request, tmp_path) -> Iterator[str]:
    """URL of an empty database for this test; for a test that asks for `engine` too, already
    migrated (a copy of `migrated_template`)."""
    template = request.getfixturevalue("migrated_template") if "engine" in request.fixturenames else None
    if POSTGRES_URL:
        yield from _postgres_database(template)
    else:
        path = tmp_path / "test.db"
        if template:
            shutil.copyfile(template, path)
        yield f"sqlite:///{path}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated engine on an empty database (33 authorities, no returns)."""
    eng = make_engine(database_url)
    migrate(eng)  # finds the copy up to date (store.engine.up_to_date) and returns at once
    yield eng
    eng.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a database fixture are marked `db`: CI runs them on PostgreSQL too; not those
    marked `any_database`, which use one only to see that nothing was stored."""
    for item in items:
        uses = {"engine", "database_url"} & set(getattr(item, "fixturenames", ()))
        if uses and item.get_closest_marker("any_database") is None:
            item.add_marker(pytest.mark.db)
