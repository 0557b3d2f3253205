"""Where a page's rerun spends its time: python -m bench.hotspots pages/funding.py [TOP].

Uses the database WAYAHEAD_DATABASE_URL names. Opens the page with AppTest, reruns it twice
after filter changes (so caches are as warm as a reader's would be), then profiles one more
rerun after a further change. AppTest runs the script in a thread of its own, so the profiler
is started from inside that thread.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import threading
import time
from collections import Counter
from typing import Any

from bench.pages import DASHBOARD, PageRef, change_filter, signed_in_app

PROJECT = ("/wayahead/", "/pages/", "/loaders/")
LIBRARIES = ("plotly", "pandas", "pyarrow", "numpy", "sqlalchemy", "sqlite3", "streamlit", "psycopg")


def profiled_rerun(page: PageRef, warm_reruns: int = 2) -> tuple[pstats.Stats, float]:
    """The profile and wall time of one rerun of `page` after a filter change."""
    at = signed_in_app(DASHBOARD)
    at.run()
    at.switch_page(page.path)
    at.run()
    for step in range(warm_reruns):
        change_filter(at, step)
        at.run()
    change_filter(at, warm_reruns)
    profiler = cProfile.Profile()

    def start_in_script_thread(*_: Any) -> None:
        sys.setprofile(None)
        profiler.enable()

    threading.setprofile(start_in_script_thread)
    started = time.perf_counter()
    try:
        at.run()
    finally:
        threading.setprofile(None)
    elapsed = time.perf_counter() - started
    profiler.create_stats()
    return pstats.Stats(profiler), elapsed


def by_library(stats: pstats.Stats) -> dict[str, float]:
    """Own time (seconds) per library, the project's code counted as 'project'."""
    totals: Counter[str] = Counter()
    for (file_name, _line, name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{file_name} {name}"
        library = (
            "project"
            if any(p in file_name for p in PROJECT)
            else next((lib for lib in LIBRARIES if lib in where), "other")
        )
        totals[library] += own
    return {k: round(v, 3) for k, v in totals.most_common()}


def printed(stats: pstats.Stats, sort: str, top: int, *restrictions: str) -> str:
    """pstats' own listing, sorted by `sort`, without its blank lines."""
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats(sort).print_stats(*restrictions, top)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def main(argv: list[str]) -> None:
    path = argv[0]
    top = int(argv[1]) if len(argv) > 1 else 30
    stats, elapsed = profiled_rerun(PageRef(path, path))
    print(f"{path}: one rerun after a filter change took {elapsed:.3f} s (under the profiler)")
    print("own time by library (s):", by_library(stats))
    print(printed(stats, "cumulative", top, "|".join(p.strip("/") for p in PROJECT)))
    print(printed(stats, "tottime", top))


if __name__ == "__main__":
    main(sys.argv[1:])
