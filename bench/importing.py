"""Import speed: the whole `python -m wayahead import` command, and the in-process import against
its floor, a bare python-calamine read of the same sheets of the same files."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import python_calamine
from sqlalchemy import Engine

from bench.data import BENCH_BY, empty_returns, migrated
from loaders.safety import check_workbook_bytes
from loaders.validate import load_return
from loaders.workbook import read_workbook
from wayahead.intake.importing import check_returns
from wayahead.store.returns import store_returns

ROOT = Path(__file__).resolve().parents[1]


def best_time(work: Callable[[], object], repeats: int) -> float:
    """The shortest wall time of `repeats` calls of `work` (the run least disturbed by other load)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def calamine_floor(contents: Sequence[bytes]) -> int:
    """Read every sheet of every workbook with python-calamine and nothing else; returns the rows read."""
    rows = 0
    for data in contents:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in book.sheet_names:
            rows += len(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return rows


def stage_seconds(contents: Sequence[bytes], repeats: int) -> dict[str, float]:
    """Best times of load_return's stages for `contents`: safety checks, workbook read, and
    the whole of load_return (so validation is the whole minus the other two). The three are
    timed in turn within each round, and with at least 5 rounds, so that a burst of other
    load does not fall on one stage only."""
    stages = {
        "safety": lambda: list(map(check_workbook_bytes, contents)),
        "read": lambda: [read_workbook(data) for data in contents],
        "load_return": lambda: [load_return(data, "bench.xlsx") for data in contents],
    }
    best = dict.fromkeys(stages, float("inf"))
    for _ in range(max(repeats, 5)):
        for name, work in stages.items():
            best[name] = min(best[name], best_time(work, 1))
    return best


def import_files(engine: Engine, files: Sequence[tuple[str, bytes]]) -> float:
    """Check and store the (name, bytes) files as the import command does; returns the seconds spent storing."""
    results = check_returns(engine, files)
    started = time.perf_counter()
    outcomes = store_returns(engine, [(result, data) for result, (_, data) in zip(results, files)], BENCH_BY)
    storing = time.perf_counter() - started
    refused = [name for (name, _), outcome in zip(files, outcomes) if outcome.status != "stored"]
    if refused:
        raise RuntimeError(f"the benchmark import did not store {refused[:3]}")
    return storing


def timed_import(url: str, files: Sequence[tuple[str, bytes]], repeats: int) -> tuple[float, float]:
    """Best in-process import time and best time spent storing, into the migrated database at
    `url`, emptied before each repeat (not timed). One engine throughout: best-of-N then
    leaves out one-off costs (SQLAlchemy compiling its statements on first use), as it does
    for the floor; the whole-command figure includes them."""
    engine = migrated(url)
    totals, storing = [], []
    for _ in range(repeats):
        empty_returns(engine)
        started = time.perf_counter()
        storing.append(import_files(engine, files))
        totals.append(time.perf_counter() - started)
    engine.dispose()
    return min(totals), min(storing)


def command_seconds(url: str, paths: Sequence[Path]) -> float:
    """Whole-process wall time of `python -m wayahead import <paths>` into the database at `url`."""
    return process_seconds(
        ["-m", "wayahead", "import", *map(str, paths), "--by", BENCH_BY], {"WAYAHEAD_DATABASE_URL": url}
    )


CALAMINE_COMMAND = """
import sys
import python_calamine
for path in sys.argv[1:]:
    book = python_calamine.CalamineWorkbook.from_path(path)
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)
"""


def process_seconds(arguments: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Whole-process wall time of `python ARGUMENTS` run from the project folder, start to exit."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=os.environ | (env or {}), capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"python {arguments[0]} failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed


def calamine_command_seconds(paths: Sequence[Path]) -> float:
    """The whole command's floor: a process that reads every sheet of `paths` with python-calamine."""
    return process_seconds(["-c", CALAMINE_COMMAND, *map(str, paths)])
