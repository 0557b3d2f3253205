"""Shared test fixtures: a fresh, migrated database per test (SQLite, or PostgreSQL when
WAYAHEAD_TEST_POSTGRES_URL names a server: .ci/run sets it)."""

from __future__ import annotations

import os

os.environ.setdefault("OPENPYXL_LXML", "False")  # as wayahead/__init__.py: before any test module imports openpyxl

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from wayahead.store.engine import make_engine, migrate

POSTGRES_URL = os.environ.get("WAYAHEAD_TEST_POSTGRES_URL")


def _postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    assert POSTGRES_URL
    name = f"wayahead_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    base = POSTGRES_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def database_url(tmp_path) -> Iterator[str]:
    """URL of an empty database for this test."""
    if POSTGRES_URL:
        yield from _postgres_database()
    else:
        yield f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated engine on an empty database (33 authorities, no returns)."""
    eng = make_engine(database_url)
    migrate(eng)
    yield eng
    eng.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a database fixture are marked `db`: CI runs them on PostgreSQL too."""
    for item in items:
        if {"engine", "database_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)
