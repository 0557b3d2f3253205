"""Smoke tests of the benchmark's own parts (bench/), on tiny inputs. No timings are asserted:
speed is what `make bench` reports."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from bench.__main__ import largest_memory_step, page_figures
from bench.browser import App, _changes, _charts, _open, apps, served
from bench.data import build_stress, stress_content, with_organisations
from bench.importing import (
    calamine_command_seconds,
    calamine_floor,
    command_seconds,
    import_files,
    process_seconds,
    stage_seconds,
    timed_import,
)
from bench.pages import ROOT, change_filter, discover_pages, time_page
from bench.report import Figure, table, write_results
from wayahead.returns.samples import sample_content
from wayahead.returns.template import template_bytes
from wayahead.store.engine import make_engine
from wayahead.store.schema import SHEET_TABLES, audit_log, current_returns, return_versions


def test_discover_pages_lists_every_page_in_source_order(tmp_path: Path) -> None:
    entry = tmp_path / "app.py"
    entry.write_text(
        textwrap.dedent("""
        import streamlit as st
        PAGES = {"": [st.Page("pages/b.py", title="Bee", default=True)],
                 "More": [st.Page("pages/a.py"), st.Page("pages/c.py", title="Sea")]}
        st.navigation(PAGES).run()
    """)
    )
    assert [(p.path, p.title) for p in discover_pages(entry)] == [
        ("pages/b.py", "Bee"),
        ("pages/a.py", "a"),
        ("pages/c.py", "Sea"),
    ]


def test_the_dashboards_pages_are_found_and_exist() -> None:
    pages = discover_pages()
    assert pages and all((ROOT / p.path).is_file() for p in pages)


def test_stress_content_relabels_a_sample_year_and_grows_the_organisations() -> None:
    content = stress_content("E09000012", 1990, organisations=7)
    assert content["about"][0]["financial_year"] == 1990
    organisations = content["infrastructure"]
    assert len(organisations) == 7
    assert len({o["organisation"] for o in organisations}) == 7
    assert len({o["registration_number"] for o in organisations}) == 7
    assert content["funding"]  # the money sheets come from a sample year, not an empty one


def test_with_organisations_keeps_the_original_untouched() -> None:
    content = sample_content("E09000001", 2024)
    before = len(content["infrastructure"])
    assert len(with_organisations(content, 10)["infrastructure"]) == 10
    assert len(content["infrastructure"]) == before


def test_build_stress_stores_every_authority_and_year(database_url: str) -> None:
    assert build_stress(database_url, years=range(2023, 2025), organisations=3) == 66
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(current_returns)) == 66
        assert connection.scalar(select(func.count()).select_from(SHEET_TABLES["infrastructure"])) == 66 * 3
    engine.dispose()


def test_import_files_stores_each_return_and_the_floor_reads_them(engine) -> None:  # type: ignore[no-untyped-def]
    files = [(f"{code}.xlsx", template_bytes(sample_content(code, 2022))) for code in ("E09000001", "E09000002")]
    import_files(engine, files)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(current_returns)) == 2
    assert calamine_floor([data for _, data in files]) > 0
    assert set(stage_seconds([data for _, data in files], 1)) == {"safety", "read", "load_return"}


def test_timed_import_starts_each_repeat_from_an_empty_database(database_url: str) -> None:
    files = [(f"{code}.xlsx", template_bytes(sample_content(code, 2022))) for code in ("E09000001", "E09000002")]
    total, storing = timed_import(database_url, files, 2)  # a second repeat into a full database would fail
    assert total >= storing > 0
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(return_versions)) == 2
        assert connection.scalar(select(func.count()).select_from(audit_log)) == 2
    engine.dispose()


def test_command_seconds_runs_the_import_command(tmp_path: Path) -> None:
    path = tmp_path / "return.xlsx"
    path.write_bytes(template_bytes(sample_content("E09000003", 2022)))
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert command_seconds(url, [path]) > 0
    engine = make_engine(url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(current_returns)) == 1
    engine.dispose()


def test_the_calamine_process_reads_the_files_and_a_failing_process_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "return.xlsx"
    path.write_bytes(template_bytes(sample_content("E09000003", 2022)))
    assert calamine_command_seconds([path]) > 0
    with pytest.raises(RuntimeError, match="failed"):
        calamine_command_seconds([tmp_path / "missing.xlsx"])
    with pytest.raises(RuntimeError, match="failed"):
        process_seconds(["-c", "raise SystemExit(3)"])


def test_the_browser_bench_waits_for_the_minimal_app_to_draw_and_to_redraw_after_a_change(tmp_path: Path) -> None:
    """In Chromium: an opening ends with the chart drawn; a change ends with the year moved back."""
    import asyncio

    from playwright.async_api import async_playwright

    from bench.browser import CHROMIUM, CHROMIUM_ARGS

    minimal, _ = apps("sqlite://", tmp_path)

    async def drive(app: App, address: str) -> tuple[int, float, list[float]]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                charts = await _charts(browser, address)
                opened = await _open(browser, address, charts)
                return charts, opened, await _changes(browser, address, app, charts)
            finally:
                await browser.close()

    with served(minimal) as (address, _pid):
        charts, opened, changes = asyncio.run(drive(minimal, address))
    # each change waits for the page's text to differ, so five timings are five redraws
    assert charts == 1 and opened > 0 and len(changes) == 5 and all(c > 0 for c in changes)


FILTER_PAGE = """
import streamlit as st
last = st.sidebar.selectbox("To", [2020, 2021, 2022, 2023, 2024], index=4)
st.write(f"last year {last}")
"""


def test_change_filter_moves_the_last_year_back_each_time(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(FILTER_PAGE)
    at = AppTest.from_file(str(script)).run()
    seen = []
    for step in range(3):
        change_filter(at, step)
        at.run()
        seen.append(at.markdown[0].value)
    assert seen == ["last year 2023", "last year 2022", "last year 2021"]


def test_change_filter_falls_back_to_the_url_on_a_page_without_filters(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text("import streamlit as st\nst.write('nothing to filter')\n")
    at = AppTest.from_file(str(script)).run()
    assert change_filter(at, 0).startswith("URL ?from=")
    assert "from" in at.query_params


def test_time_page_reruns_after_each_filter_change(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(FILTER_PAGE)
    timing = time_page(None, reruns=2, script=script)
    assert timing.error is None
    assert len(timing.rerun_s) == 2
    assert timing.change.startswith("sidebar 'To'")


def test_time_page_reports_a_failing_page(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text("raise RuntimeError('broken page')\n")
    timing = time_page(None, reruns=2, script=script)
    assert timing.error and "broken page" in timing.error
    assert timing.rerun_s == [] and timing.median_s is None


def test_figures_say_whether_their_target_is_met(tmp_path: Path) -> None:
    fast = Figure("Pages", "Overview", 0.2, "s", 0.5)
    slow = Figure("Pages", "Funding", 0.7, "s", 0.5)
    ratio = Figure("Import", "ratio", 2.5, "×", 2.0)
    context_only = Figure("Import", "floor", 0.1, "s")
    assert (fast.met, slow.met, ratio.met, context_only.met) == (True, False, False, None)
    printed = table([fast, slow, ratio, context_only])
    assert "MISSED" in printed and "1 targets met, 2 missed." in printed
    out = tmp_path / "results.json"
    write_results(out, [fast, slow], {"taken_at": "now"}, {})
    written = json.loads(out.read_text())
    assert [f["met"] for f in written["figures"]] == [True, False]
    assert written["figures"][1]["target"] == "< 0.5 s"


def test_a_failed_page_counts_as_a_missed_target() -> None:
    timings = {
        "floor": {"median_s": 0.01},
        "pages": [
            {"title": "Good", "median_s": 0.1, "first_run_s": 0.2, "change": "sidebar 'To' to 2023/24", "error": None},
            {"title": "Broken", "median_s": None, "first_run_s": 0.1, "change": "", "error": "KeyError: 'x'\nmore"},
        ],
    }
    floor, good, broken = page_figures("Pages", timings, 0.5)
    assert floor.met is None and good.met is True and "10× floor" in good.note
    assert broken.met is False and broken.note == "ERROR: KeyError: 'x'"


def test_the_benchmark_admin_sees_the_manage_pages(database_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    build_stress(database_url, years=range(2024, 2025), organisations=1)
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    manage = [p for p in discover_pages() if p.path in ("pages/upload.py", "pages/admin.py")]
    assert manage
    for page in manage:
        timing = time_page(page, reruns=1)
        assert timing.error is None, timing.error


def test_largest_memory_step_names_the_page_that_raised_the_peak_most() -> None:
    timings = {
        "floor": {"peak_rss_after_mb": 100.0},
        "pages": [
            {"title": "A", "peak_rss_after_mb": 150.0},
            {"title": "B", "peak_rss_after_mb": 140.0},  # below the peak so far: no rise
            {"title": "C", "peak_rss_after_mb": 260.0},
        ],
    }
    assert largest_memory_step(timings) == "largest rise 110 MB on C"


def test_a_measured_process_reports_its_own_peak_memory_not_the_benchs(tmp_path: Path) -> None:
    """bench.pages and the refusals run from a small launcher: a child forked straight from a large
    process reports that process's peak as its own (the bench's 452 MB 'page memory' was the stress
    database built in the bench's own process)."""
    import os
    import resource
    import subprocess
    import sys

    from bench.refusals import run_measured

    ballast = bytearray(300 * 1024 * 1024)  # this process now holds 300 MB more
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so it is resident
    probe = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
    forked = int(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)
    measured = run_measured([sys.executable, "-c", "pass"], dict(os.environ), tmp_path)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert forked >= 300  # the quirk: the forked child's figure is its parent's
    assert measured.returncode == 0 and measured.peak_mb < 100 < own
