"""Several processes importing into one database at once: every return is stored, and two
imports of the same borough and year become versions 1 and 2, none lost."""

from __future__ import annotations

import multiprocessing
import sys
import types

import pytest
from builders import full_content
from sqlalchemy import func, select

from wayahead.returns.template import template_bytes
from wayahead.store.returns import history, version_content
from wayahead.store.schema import current_returns

BOROUGHS = ("E09000001", "E09000012", "E09000022", "E09000033")


def _import_files(url: str, paths: list[str], by: str, barrier) -> list[tuple[str, int | None]]:  # type: ignore[no-untyped-def]
    """Child process: wait for the others, then import each file; report (status, version)."""
    from pathlib import Path

    from loaders import load_return
    from wayahead.store.engine import make_engine
    from wayahead.store.returns import store_return

    engine = make_engine(url)
    barrier.wait(timeout=60)
    outcomes = []
    for path in paths:
        data = Path(path).read_bytes()
        outcome = store_return(engine, load_return(data, Path(path).name), data, by)
        outcomes.append((outcome.status, outcome.version))
    engine.dispose()
    return outcomes


@pytest.fixture
def plain_main(monkeypatch):  # type: ignore[no-untyped-def]
    """A bare __main__ module, so spawned children do not re-run whatever script an earlier
    test (e.g. a Streamlit AppTest) left installed as __main__."""
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


def _run_in_processes(url: str, jobs: list[list[str]]) -> list[list[tuple[str, int | None]]]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(len(jobs))
    with context.Pool(len(jobs)) as pool:
        pending = [
            pool.apply_async(_import_files, (url, paths, f"worker {n}", barrier)) for n, paths in enumerate(jobs)
        ]
        return [p.get(timeout=180) for p in pending]


def _write(tmp_path, name: str, content) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(template_bytes(content))
    return str(path)


def test_different_boroughs_imported_at_once_are_all_stored(engine, database_url, tmp_path, plain_main):
    jobs = [
        [_write(tmp_path, f"{code}-{year}.xlsx", full_content(code, year)) for year in (2023, 2024)]
        for code in BOROUGHS
    ]
    results = _run_in_processes(database_url, jobs)
    assert results == [[("stored", 1), ("stored", 1)]] * len(BOROUGHS)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(current_returns)) == 2 * len(BOROUGHS)
    for code in BOROUGHS:
        assert version_content(engine, code, 2024).sheets == full_content(code, 2024)


def test_same_borough_and_year_from_two_processes_gives_versions_1_and_2(engine, database_url, tmp_path, plain_main):
    first = _write(tmp_path, "a.xlsx", full_content(scale=1))
    second = _write(tmp_path, "b.xlsx", full_content(scale=2))
    results = _run_in_processes(database_url, [[first], [second]])
    assert sorted(r[0] for r in results) == [("stored", 1), ("stored", 2)]
    versions = history(engine, "E09000012", 2024)
    assert [v["version"] for v in versions] == [1, 2]
    assert {v["file_name"] for v in versions} == {"a.xlsx", "b.xlsx"}
    by_file = {v["file_name"]: v["version"] for v in versions}
    scale = {"a.xlsx": 1, "b.xlsx": 2}
    for name, version in by_file.items():
        assert version_content(engine, "E09000012", 2024, version).sheets == full_content(scale=scale[name])
    current = version_content(engine, "E09000012", 2024).sheets
    assert current == full_content(scale=scale[next(n for n, v in by_file.items() if v == 2)])
