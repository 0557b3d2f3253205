"""Connecting to the database: SQLite file by default, any SQLAlchemy URL via WAYAHEAD_DATABASE_URL."""

from __future__ import annotations

import os
import time
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from wayahead.returns.london import AUTHORITIES
from wayahead.store.schema import authorities

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "wayahead.db"
BUSY_TIMEOUT_MS = 30_000


def database_url() -> str:
    """WAYAHEAD_DATABASE_URL, or the SQLite file data/wayahead.db."""
    return os.environ.get("WAYAHEAD_DATABASE_URL") or f"sqlite:///{DEFAULT_PATH}"


def make_engine(url: str | None = None) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout, foreign keys and writer-first locking."""
    url = url or database_url()
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # SQLAlchemy's begin event issues BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        # Writers take the write lock up front, so two imports queue instead of deadlocking.
        mode = "IMMEDIATE" if connection.get_execution_options().get("writer") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    """One migrated engine per URL per process."""
    engine = make_engine(url)
    migrate(engine)
    return engine


def get_engine() -> Engine:
    """The app's engine for the configured database, migrated and seeded."""
    return engine_for(database_url())


MIGRATION_LOCK = 0x7761_7961  # PostgreSQL advisory lock key for migrating ("waya")
MIGRATION_ATTEMPTS = 5
HEAD_REVISION = "0007"  # the newest migration in wayahead/migrations/versions (tests/test_migrations.py checks)


def up_to_date(engine: Engine) -> bool:
    """The schema is at HEAD_REVISION and the 33 authorities are there: nothing to migrate. One
    read, without loading Alembic (a tenth of a second for every command and app process)."""
    try:
        with engine.connect() as connection:
            revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
            known = connection.scalar(select(func.count()).select_from(authorities))
    except DBAPIError:  # a new database: no tables yet
        return False
    return revision == HEAD_REVISION and known == len(AUTHORITIES)


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision and make sure the 33 authorities exist,
    in one transaction under a lock, so any number of processes can start on a new database at
    once: the first migrates, the others wait, then find nothing to do. (SQLite: the write lock,
    taken up front by BEGIN IMMEDIATE; PostgreSQL: an advisory lock held until commit.)"""
    if up_to_date(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parents[1] / "migrations"))
    for attempt in range(MIGRATION_ATTEMPTS):
        try:
            with engine.connect().execution_options(writer=True) as connection, connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                _seed_authorities(connection)
            return
        except OperationalError as error:
            # SQLite can refuse a new file's first lock at once, without waiting (switching it
            # to WAL while another process does the same); waiting and trying again settles it.
            if not is_busy(error) or attempt == MIGRATION_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def is_busy(error: BaseException) -> bool:
    """True for SQLite's 'database is locked' (or busy): another process holds the database."""
    return isinstance(error, OperationalError) and any(
        word in str(error.orig).lower() for word in ("database is locked", "database is busy")
    )


def _seed_authorities(connection: Connection) -> None:
    known = set(connection.scalars(select(authorities.c.code)))
    missing = [a for a in AUTHORITIES if a.code not in known]
    if missing:
        connection.execute(
            insert(authorities),
            [
                {
                    "code": a.code,
                    "name": a.name,
                    "inner_london": a.inner,
                    "sub_region": a.sub_region,
                    "tile_x": a.x,
                    "tile_y": a.y,
                    "population": a.population,
                }
                for a in missing
            ],
        )
