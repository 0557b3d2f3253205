"""A process killed (SIGKILL) in the middle of an import leaves no partial return behind,
and the database is not left locked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from builders import full_content, load, valid_bytes
from sqlalchemy import func, select

from wayahead.returns.template import template_bytes
from wayahead.store.returns import history, store_return, version_content
from wayahead.store.schema import SHEET_TABLES, audit_log, current_returns, files, return_versions

ROOT = Path(__file__).resolve().parents[1]

# The child stores a return through a patched _insert_sheets that writes one sheet, says so,
# then sleeps inside the open transaction until it is killed. The patch lives only here.
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import wayahead.store.returns as returns
    from loaders import ReturnData, load_return
    from wayahead.store.engine import make_engine

    def one_sheet_then_sleep(connection, versions):
        funding_only = ReturnData(versions[0][1].borough, versions[0][1].year, {"funding": versions[0][1].sheets["funding"]})
        original(connection, [(versions[0][0], funding_only)])
        print("inside the transaction", flush=True)
        time.sleep(600)

    original = returns._insert_sheets
    returns._insert_sheets = one_sheet_then_sleep
    url, path = sys.argv[1], Path(sys.argv[2])
    data = path.read_bytes()
    returns.store_return(make_engine(url), load_return(data, path.name), data, "doomed")
    """
)


def _kill_mid_import(database_url: str, path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, database_url, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "inside the transaction", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def _rows(engine, table, **where) -> int:  # type: ignore[no-untyped-def]
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with engine.connect() as connection:
        return connection.scalar(query)


def test_killed_first_import_leaves_nothing(engine, database_url, tmp_path):
    path = tmp_path / "hackney.xlsx"
    path.write_bytes(valid_bytes())
    _kill_mid_import(database_url, path)
    assert _rows(engine, return_versions) == _rows(engine, current_returns) == _rows(engine, files) == 0
    assert _rows(engine, audit_log) == 0
    assert all(_rows(engine, table) == 0 for table in SHEET_TABLES.values())
    # not locked: the same import now succeeds
    data = path.read_bytes()
    assert store_return(engine, load(data), data, "ada").status == "stored"
    assert version_content(engine, "E09000012", 2024).sheets == full_content()


def test_killed_second_import_leaves_version_1_current_and_whole(engine, database_url, tmp_path):
    first = valid_bytes()
    store_return(engine, load(first), first, "ada")
    path = tmp_path / "hackney-v2.xlsx"
    path.write_bytes(template_bytes(full_content(scale=2)))
    _kill_mid_import(database_url, path)
    assert [(v["version"], v["current"]) for v in history(engine, "E09000012", 2024)] == [(1, True)]
    assert version_content(engine, "E09000012", 2024).sheets == full_content()
    assert _rows(engine, SHEET_TABLES["funding"]) == len(full_content()["funding"])
    assert _rows(engine, files) == 1
    data = path.read_bytes()
    assert store_return(engine, load(data), data, "bo").version == 2
