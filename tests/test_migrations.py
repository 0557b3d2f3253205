"""The Alembic migrations build exactly the tables the code describes (wayahead/store/schema.py,
generated from the spec), so a spec change without a migration fails here."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, inspect

from wayahead.store.schema import SHEET_TABLES, metadata

ADVICE = (
    "The database migrations do not match wayahead/store/schema.py (which follows wayahead/returns/spec.py). "
    "Run `make migration` (alembic revision --autogenerate) and commit the new file in "
    "wayahead/migrations/versions/. Differences: {}"
)


def _differences(engine, target: MetaData) -> list:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, target)


def test_upgrade_head_on_an_empty_database_gives_exactly_the_metadata(engine):
    differences = _differences(engine, metadata)
    assert differences == [], ADVICE.format(differences)


def test_the_comparison_notices_a_field_added_to_the_spec(engine):
    changed = MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables[SHEET_TABLES["training"].name].append_column(Column("new_question", Integer))
    differences = _differences(engine, changed)
    assert [(d[0], d[3].name) for d in differences] == [("add_column", "new_question")]


def test_database_is_at_the_single_head_revision(engine):
    heads = ScriptDirectory.from_config(_config()).get_heads()
    assert len(heads) == 1, f"Several migration heads {heads}: merge them (alembic merge heads)."
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == heads[0]


def test_head_revision_is_the_newest_migration_and_an_older_database_is_brought_to_it(engine):
    """store.engine skips Alembic when the database is at HEAD_REVISION: it must be the head."""
    from alembic import command

    from wayahead.store.engine import HEAD_REVISION, migrate, up_to_date

    config = _config()
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]
    assert up_to_date(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    assert not up_to_date(engine)
    migrate(engine)
    assert up_to_date(engine) and not _differences(engine, metadata)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parents[1] / "wayahead" / "migrations"))
    return config


def test_every_spec_sheet_has_its_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in SHEET_TABLES.values()} <= tables


def test_migrate_twice_is_harmless(engine):
    from sqlalchemy import func, select

    from wayahead.store.engine import migrate
    from wayahead.store.schema import authorities

    migrate(engine)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(authorities)) == 33


# A first user of the database: everything imported first, then wait for the shared start time,
# so the children reach the first migration together.
FIRST_USER = """
import sys, time
from wayahead.store.engine import make_engine, migrate
url, start = sys.argv[1], float(sys.argv[2])
engine = make_engine(url)
time.sleep(max(0.0, start - time.time()))
migrate(engine)
print("ready")
"""


def test_many_first_users_of_a_new_database_all_succeed(database_url):
    """Two processes on a new database used to race the first migration (SQLite 'database is
    locked', PostgreSQL UniqueViolation)."""
    import os
    import subprocess
    import sys
    import time

    from sqlalchemy import func, select

    from wayahead.store.engine import make_engine
    from wayahead.store.schema import authorities

    root = Path(__file__).resolve().parents[1]
    start = time.time() + 8
    children = [
        subprocess.Popen(
            [sys.executable, "-c", FIRST_USER, database_url, str(start)],
            cwd=root,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=os.environ | {"PYTHONPATH": str(root)},
        )
        for _ in range(5)
    ]
    outcomes = [(child.communicate(timeout=120), child.returncode) for child in children]
    assert [(out.strip(), code) for (out, _), code in outcomes] == [("ready", 0)] * 5, [err for (_, err), _ in outcomes]
    engine = make_engine(database_url)
    try:
        assert _differences(engine, metadata) == []
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(authorities)) == 33
    finally:
        engine.dispose()
