"""make bench (python -m bench): import, page and memory figures against their targets.

Builds its own databases in a temporary folder, prints one table and writes the same figures
to bench/results.json. With WAYAHEAD_DATABASE_URL pointing at a PostgreSQL server, the page
figures are also taken with the databases on that server. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.browser import SESSIONS, AppFigures, measure_both
from bench.data import (
    IMPORT_YEAR,
    LARGE_ROWS,
    STRESS_ORGANISATIONS,
    STRESS_YEARS,
    V2_IMPORT_YEAR,
    build_sample,
    build_stress,
    drop_server_database,
    large_return_bytes,
    server_database,
    write_year_files,
)
from bench.importing import (
    best_time,
    calamine_command_seconds,
    calamine_floor,
    command_seconds,
    process_seconds,
    stage_seconds,
    timed_import,
)
from bench.refusals import REFUSAL_LIMIT_MB, REFUSAL_LIMIT_S, hostile_builders, run_measured, validate_measured
from bench.report import Figure, table, write_results
from wayahead.returns.london import financial_year_label

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results.json"
IMPORT_COMMAND_LIMIT_S, IMPORT_RATIO_LIMIT, COMMAND_RATIO_LIMIT, HELP_RATIO_LIMIT = 3.0, 2.0, 3.0, 3.0
# The dashboard against the minimal app: page open, filter change, sessions at once, memory per session.
BROWSER_LIMITS = {"open": 1.2, "change": 1.5, "sessions": 1.5, "memory": 1.5}
PAGE_LIMIT_S = {"sample": 0.5, "stress": 1.0}
RSS_LIMIT_MB = 400


def import_figures(work: Path, repeats: int) -> list[Figure]:
    """The 33 returns of one year and one 5,000-row return: whole command, in-process, floor;
    each the best of `repeats` runs (the one least disturbed by other load)."""
    paths = write_year_files(work / "returns")
    v2_paths = write_year_files(work / "returns-v2", V2_IMPORT_YEAR)
    large_path = work / "large-return.xlsx"
    large_path.write_bytes(large_return_bytes())
    numbers = itertools.count()

    def fresh_url() -> str:
        return f"sqlite:///{work / f'import-{next(numbers)}.db'}"

    figures = []
    for label, group in (
        (f"33 returns of {financial_year_label(IMPORT_YEAR)}", paths),
        (f"33 returns of {financial_year_label(V2_IMPORT_YEAR)} (version 2)", v2_paths),
        (f"one return, {LARGE_ROWS:,} infrastructure rows", [large_path]),
    ):
        files = [(p.name, p.read_bytes()) for p in group]
        command = min(command_seconds(fresh_url(), group) for _ in range(repeats))
        command_floor = min(calamine_command_seconds(group) for _ in range(repeats))
        in_process, storing = timed_import(fresh_url(), files, repeats)
        floor = best_time(functools.partial(calamine_floor, [data for _, data in files]), repeats)
        stages = stage_seconds([data for _, data in files], repeats)
        is_year = len(group) > 1
        figures += [
            Figure(
                "Import",
                f"{label}: whole command",
                command,
                "s",
                IMPORT_COMMAND_LIMIT_S if is_year else None,
                "python -m wayahead import into a new SQLite file, process start to exit",
            ),
            Figure(
                "Import",
                f"{label}: whole command ÷ a calamine process",
                command / command_floor,
                "×",
                COMMAND_RATIO_LIMIT if is_year else None,
                f"a python process reading every sheet with python-calamine: {command_floor:.2f} s",
            ),
            Figure(
                "Import", f"{label}: in process", in_process, "s", None, "check_returns + store_returns, as the command"
            ),
            Figure("Import", f"{label}: calamine floor", floor, "s", None, "bare python-calamine read of every sheet"),
            Figure("Import", f"{label}: in process ÷ floor", in_process / floor, "×", IMPORT_RATIO_LIMIT),
            Figure(
                "Import",
                f"{label}: of which safety checks",
                stages["safety"] / floor,
                "×",
                None,
                "loaders.safety, ÷ floor",
            ),
            Figure(
                "Import",
                f"{label}: of which workbook read",
                stages["read"] / floor,
                "×",
                None,
                "loaders.workbook, ÷ floor",
            ),
            Figure(
                "Import",
                f"{label}: of which validation",
                (stages["load_return"] - stages["safety"] - stages["read"]) / floor,
                "×",
                None,
                "rest of load_return, ÷ floor",
            ),
            Figure("Import", f"{label}: of which storing", storing / floor, "×", None, "store_returns, ÷ floor"),
        ]
    return figures


def command_line_figures(repeats: int) -> list[Figure]:
    """`python -m wayahead --help` against a bare Python start (`python -c pass`), best of 5 or more."""
    rounds = max(repeats, 5)
    bare = min(process_seconds(["-c", "pass"]) for _ in range(rounds))
    help_s = min(process_seconds(["-m", "wayahead", "--help"]) for _ in range(rounds))
    return [
        Figure("Command line", "--help", help_s, "s", None, "python -m wayahead --help, start to exit"),
        Figure(
            "Command line",
            "--help ÷ bare python",
            help_s / bare,
            "×",
            HELP_RATIO_LIMIT,
            f"python -c pass: {bare:.3f} s",
        ),
    ]


def browser_figures(sample_url: str, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    """The dashboard's Funding page against a minimal Streamlit app, in headless Chromium (bench.browser)."""
    minimal, dashboard = measure_both(sample_url, work)

    def ratio(key: str, name: str, ours: float | None, floor: float | None, unit: str, how: str) -> Figure:
        section = "Browser, against a minimal Streamlit app"
        if ours is None or floor is None:
            drawn = f"dashboard {dashboard.sessions_drawn}, minimal app {minimal.sessions_drawn}"
            return Figure(section, name, None, "×", BROWSER_LIMITS[key], f"{how}: not all drawn in time ({drawn})")
        note = f"{how}: {ours:.3g} {unit} against {floor:.3g} {unit}"
        return Figure(section, name, ours / floor, "×", BROWSER_LIMITS[key], note)

    figures = [
        ratio(
            "open",
            "Funding opened in a new browser",
            statistics.median(dashboard.open_s),
            statistics.median(minimal.open_s),
            "s",
            "median of 5",
        ),
        ratio(
            "change",
            "Funding's To year moved back",
            statistics.median(dashboard.change_s),
            statistics.median(minimal.change_s),
            "s",
            "median of 5",
        ),
        ratio(
            "sessions",
            f"{SESSIONS} sessions opening at once",
            dashboard.sessions_s,
            minimal.sessions_s,
            "s",
            "until all are served",
        ),
        ratio(
            "memory",
            "server memory per session",
            dashboard.memory_per_session_mb,
            max(minimal.memory_per_session_mb, 0.1),
            "MB",
            f"RSS rise over {SESSIONS} sessions ÷ {SESSIONS}",
        ),
    ]
    details = {app.name: _as_dict(app) for app in (minimal, dashboard)}
    return figures, details


def _as_dict(figures: AppFigures) -> dict[str, Any]:
    return {**figures.__dict__, "memory_per_session_mb": figures.memory_per_session_mb}


def refusal_figures(work: Path) -> list[Figure]:
    """Refusing the worst file of each kind: `python -m wayahead validate` from start to exit."""
    url = f"sqlite:///{work / 'refusals.db'}"
    (work / "empty.xlsx").write_bytes(b"")
    validate_measured(work / "empty.xlsx", url)  # makes the database first, so no figure includes that
    start = validate_measured(work / "empty.xlsx", url)
    figures = [
        Figure(
            "Refusals",
            "an empty file (the process's own start-up)",
            start.wall_s,
            "s",
            None,
            f"CPU {start.cpu_s:.2f} s; peak {start.peak_mb:.0f} MB: part of every figure below",
        )
    ]
    for kind, build in hostile_builders().items():
        path = work / "hostile.xlsx"
        path.write_bytes(build())
        done = validate_measured(path, url)
        verdict = "refused" if done.returncode == 1 else f"NOT refused (exit {done.returncode})"
        note = f"{path.stat().st_size / 1e6:.2f} MB file, {verdict}; CPU {done.cpu_s:.2f} s; {len(done.stdout.splitlines())} lines out"
        figures += [
            Figure(
                "Refusals", f"{kind}: time", done.wall_s if done.returncode == 1 else None, "s", REFUSAL_LIMIT_S, note
            ),
            Figure("Refusals", f"{kind}: peak memory", done.peak_mb, "MB", REFUSAL_LIMIT_MB, "peak RSS of the process"),
        ]
    return figures


def page_timings(url: str, log: Path, reruns: int) -> dict[str, Any]:
    """Every page's timings on the database at `url`, from a process of its own (bench.pages),
    started from refusals' small launcher: a child forked from this process would report this
    process's peak memory (the databases built here) as its own."""
    out = log.with_suffix(".json")
    done = run_measured(
        [sys.executable, "-m", "bench.pages", str(out), str(reruns)], os.environ | {"WAYAHEAD_DATABASE_URL": url}
    )
    log.write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"bench.pages failed on {url}:\n{log.read_text()[-2000:]}")
    return json.loads(out.read_text())


def page_figures(section: str, timings: dict[str, Any], limit: float) -> list[Figure]:
    """One figure per page (median rerun after a filter change), noted with its ratio to the floor."""
    floor = timings["floor"]["median_s"]
    figures = [Figure(section, "empty page (the floor)", floor, "s", None, "a title and a filter, nothing else")]
    for page in timings["pages"]:
        median = page["median_s"]
        if page["error"]:
            note = f"ERROR: {page['error'].splitlines()[0][:120]}"
        else:
            note = f"{median / floor:.{0 if median >= 10 * floor else 1}f}× floor; first open {page['first_run_s']:.2f} s; changed {page['change']}"
        figures.append(Figure(section, page["title"], None if page["error"] else median, "s", limit, note))
    return figures


def largest_memory_step(timings: dict[str, Any]) -> str:
    """Which page raised the process's peak memory the most, and by how much."""
    before, steps = timings["floor"]["peak_rss_after_mb"], []
    for page in timings["pages"]:
        steps.append((page["peak_rss_after_mb"] - before, page["title"]))
        before = max(before, page["peak_rss_after_mb"])
    rise, title = max(steps)
    return f"largest rise {rise:.0f} MB on {title}"


def timed_build(build: Callable[[str], int], url: str) -> tuple[int, float]:
    started = time.perf_counter()
    count = build(url)
    return count, time.perf_counter() - started


def database_figures(
    engine_label: str, urls: dict[str, str], work: Path, reruns: int, stress_years: range, details: dict[str, Any]
) -> list[Figure]:
    """Build the sample and stress databases at `urls`, then time every page on each."""
    figures = []
    builders: dict[str, Callable[[str], int]] = {
        "sample": build_sample,
        "stress": lambda url: build_stress(url, stress_years),
    }
    for kind, build in builders.items():
        count, seconds = timed_build(build, urls[kind])
        figures.append(Figure("Setup", f"build {kind} database ({engine_label}): {count} returns", seconds, "s"))
        timings = page_timings(urls[kind], work / f"pages-{engine_label}-{kind}.log", reruns)
        details[f"pages_{engine_label}_{kind}".lower()] = timings
        figures += page_figures(f"Page reruns, {kind} database ({engine_label})", timings, PAGE_LIMIT_S[kind])
        if kind == "stress":
            figures.append(
                Figure(
                    "Memory",
                    f"peak RSS, one process rendering every page (stress database, {engine_label})",
                    timings["peak_rss_mb"],
                    "MB",
                    RSS_LIMIT_MB,
                    f"{reruns + 1} runs of each page, AppTest; {largest_memory_step(timings)}",
                )
            )
    return figures


def postgres_server() -> str | None:
    url = os.environ.get("WAYAHEAD_DATABASE_URL", "")
    return url if url.startswith(("postgresql://", "postgresql+psycopg://")) else None


def postgres_figures(
    server: str, work: Path, reruns: int, stress_years: range, details: dict[str, Any]
) -> list[Figure]:
    names = {kind: f"wayahead_bench_{kind}" for kind in ("sample", "stress")}
    try:
        urls = {kind: server_database(server, name) for kind, name in names.items()}
        return database_figures("PostgreSQL", urls, work, reruns, stress_years, details)
    finally:
        for name in names.values():
            drop_server_database(server, name)


def context() -> dict[str, Any]:
    return {
        "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a fast trial run (small stress database, 2 reruns); results.json is not written",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    reruns, repeats = (2, 1) if args.quick else (5, 3)
    stress_years = STRESS_YEARS[-5:] if args.quick else STRESS_YEARS
    about = context()
    details: dict[str, Any] = {
        "stress_database": {
            "authorities": 33,
            "years": f"{stress_years[0]}..{stress_years[-1]}",
            "infrastructure_organisations_each": STRESS_ORGANISATIONS,
        }
    }
    with tempfile.TemporaryDirectory(prefix="wayahead-bench-") as folder:
        work = Path(folder)
        figures = command_line_figures(repeats)
        figures += import_figures(work, repeats)
        figures += refusal_figures(work)
        sqlite_urls = {kind: f"sqlite:///{work / f'{kind}.db'}" for kind in ("sample", "stress")}
        figures += database_figures("SQLite", sqlite_urls, work, reruns, stress_years, details)
        browser, details["browser"] = browser_figures(sqlite_urls["sample"], work)
        figures += browser
        server = postgres_server()
        if server:
            try:
                figures += postgres_figures(server, work, reruns, stress_years, details)
            except Exception as failure:  # the SQLite figures are still worth printing
                figures.append(
                    Figure(
                        "Page reruns (PostgreSQL)",
                        "the PostgreSQL run failed",
                        None,
                        "s",
                        None,
                        str(failure).splitlines()[0][:150],
                    )
                )
    about["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    figures.sort(key=lambda f: f.section == "Memory")  # memory last, in one group
    print(table(figures))
    if not args.quick:
        write_results(RESULTS, figures, about, details)
        print(f"Written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
