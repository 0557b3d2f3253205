"""The return version 2 migration leaves every stored version 1 return as it was: a return
stored at revision 0003 reads back, after the upgrade, exactly as stored, as version 1 (its
new questions "not asked"). Runs on SQLite and, under `make test`, on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from builders import full_content

from wayahead.returns.data import complete
from wayahead.returns.spec import SHEETS
from wayahead.store.engine import make_engine, migrate
from wayahead.store.returns import version_content

HACKNEY = "E09000012"


def _upgrade(engine: sa.Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parents[1] / "wayahead" / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _store_at_0003(connection: sa.Connection, content: dict) -> None:
    """A version 1 return written as the app of revision 0003 wrote it (its tables, its columns)."""
    connection.execute(
        sa.table(
            "authorities",
            *(sa.column(c) for c in ("code", "name", "inner_london", "sub_region", "tile_x", "tile_y", "population")),
        ).insert(),
        [
            {
                "code": HACKNEY,
                "name": "Hackney",
                "inner_london": True,
                "sub_region": "East",
                "tile_x": 6,
                "tile_y": 3,
                "population": 259_200,
            }
        ],
    )
    connection.execute(
        sa.table("files", sa.column("sha256"), sa.column("size"), sa.column("content")).insert(),
        [{"sha256": "a" * 64, "size": 1, "content": b"x"}],
    )
    versions = sa.table(
        "return_versions",
        *(
            sa.column(c)
            for c in (
                "id",
                "borough",
                "year",
                "version",
                "sha256",
                "file_name",
                "submitted_by",
                "submitted_at",
                "action",
                "total_funding",
                "status",
                "published_from",
            )
        ),
        sa.column("warnings", sa.JSON),
    )
    connection.execute(
        versions.insert(),
        [
            {
                "id": 1,
                "borough": HACKNEY,
                "year": 2024,
                "version": 1,
                "sha256": "a" * 64,
                "file_name": "hackney-2024.xlsx",
                "submitted_by": "before v2",
                "submitted_at": dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
                "action": "import",
                "total_funding": 195000.5,
                "status": "published",
                "published_from": dt.date(2025, 6, 1),
                "warnings": [],
            }
        ],
    )
    connection.execute(
        sa.table("current_returns", sa.column("borough"), sa.column("year"), sa.column("version_id")).insert(),
        [{"borough": HACKNEY, "year": 2024, "version_id": 1}],
    )
    for sheet in SHEETS:
        if sheet.since > 1:
            continue
        keys = [f.key for f in sheet.asked_in(1).fields]
        table = sa.table(
            f"sheet_{sheet.key}", sa.column("version_id"), sa.column("row_number"), *(sa.column(k) for k in keys)
        )
        rows = [
            {"version_id": 1, "row_number": n, **{k: r.get(k) for k in keys}}
            for n, r in enumerate(content.get(sheet.key, []), 1)
        ]
        if rows:
            connection.execute(table.insert(), rows)


def test_a_version_1_return_reads_back_exactly_after_the_version_2_migration(database_url):
    engine = make_engine(database_url)
    _upgrade(engine, "0003")
    v1 = full_content(HACKNEY, 2024, version=1)
    v1["about"][0].pop("return_version")  # revision 0003 had no such column
    with engine.begin() as connection:
        _store_at_0003(connection, v1)
    migrate(engine)  # to the head, as the app does when it starts
    stored = version_content(engine, HACKNEY, 2024)
    assert stored is not None and stored.version == 1
    assert stored.sheets == complete(v1)  # every answer as stored; the new questions blank (not asked)
    with engine.connect() as connection:
        about = connection.execute(sa.text("SELECT return_version FROM sheet_about WHERE version_id = 1")).scalar()
        assert about is None  # no stored row was rewritten
        assert connection.execute(sa.text("SELECT count(*) FROM sheet_assets")).scalar() == 0
    engine.dispose()
