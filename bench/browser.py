"""Browser figures: the dashboard against a minimal Streamlit app, both served and opened in
headless Chromium in the same run (`python -m bench.browser SAMPLE_URL OUT.json`).

The minimal app is a title, one selectbox and one Plotly chart, run with Streamlit's defaults.
Each figure is a ratio to the same figure of the minimal app, so the machine's speed cancels out.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SESSIONS = 40
OPENS = 5
CHANGES = 5
TIMEOUT_MS = 120_000
SESSIONS_TIMEOUT_MS = 480_000

MINIMAL_APP = """
import plotly.express as px
import streamlit as st

st.title("Minimal app")
year = st.selectbox("To", list(range(2016, 2025)), index=8)
st.plotly_chart(px.bar(x=["Grants", "Contracts"], y=[year - 2000, 2030 - year], title=f"Funding in {year}"))
"""

# Drawn: a heading, at least `charts` charts each drawn by Plotly, no placeholder, and nothing
# left of the run before (Streamlit marks those elements data-stale until the rerun replaces them).
DONE = """(charts) => {
  const boxes = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return !!document.querySelector('h1') && boxes.length >= charts
    && boxes.every((box) => box.querySelector('.main-svg'))
    && !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]');
}"""
# Served: the script run has ended (Streamlit marks its state on the app's root) and every element
# of the page has arrived, charts included, though Plotly may not have drawn them yet. Forty sessions
# drawn at once in one Chromium on the server's own cores would time the browser's drawing, not the
# server; the sessions figure waits for this instead.
SERVED = """(charts) => {
  const state = document.querySelector('[data-test-script-state]')?.getAttribute('data-test-script-state');
  return state === 'notRunning' && !!document.querySelector('h1')
    && document.querySelectorAll('[data-testid="stPlotlyChart"]').length >= charts
    && !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]');
}"""
MAIN_TEXT = "() => document.querySelector('[data-testid=\"stMain\"]')?.innerText ?? ''"
CHANGED = """(before) => (document.querySelector('[data-testid="stMain"]')?.innerText ?? '') !== before"""


@dataclass(frozen=True)
class App:
    """A Streamlit app to serve: its script, the folder it runs in, the page and filter to time."""

    name: str
    script: Path
    cwd: Path
    path: str  # the page opened, e.g. "/funding"
    filter_label: str  # the selectbox moved back one option for a filter change
    env: dict[str, str]


@dataclass
class AppFigures:
    name: str
    open_s: list[float]
    change_s: list[float]
    sessions_s: float | None  # None: not every session was drawn within SESSIONS_TIMEOUT_MS
    sessions_drawn: int
    rss_before_mb: float
    rss_after_mb: float

    @property
    def memory_per_session_mb(self) -> float:
        return max(self.rss_after_mb - self.rss_before_mb, 0.0) / SESSIONS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (from /proc), in MB."""
    total = 0
    for task in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{task}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for path in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in path.read_text().split():
            found += [int(child), *_children(int(child))]
    return found


@contextmanager
def served(app: App) -> Iterator[tuple[str, int]]:
    """The app served by `streamlit run` on a free port; yields its address and process id."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(app.script), "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(
        command,
        cwd=app.cwd,
        env=os.environ | app.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        address = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{app.name} did not start") from None
                time.sleep(0.2)
        yield address, process.pid
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


async def _open(browser: Browser, address: str, charts: int) -> float:
    """Seconds from asking for the page in a new browser context to the page drawn and idle."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = await context.new_page()
        start = time.perf_counter()
        await page.goto(address, wait_until="commit", timeout=TIMEOUT_MS)
        await page.wait_for_function(DONE, arg=charts, polling="raf", timeout=TIMEOUT_MS)
        return time.perf_counter() - start
    finally:
        await context.close()


async def _charts(browser: Browser, address: str) -> int:
    """How many charts the page draws once it has settled (its first opening also warms caches)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    await page.goto(address, wait_until="commit", timeout=TIMEOUT_MS)
    # settled: the script run has ended and the chart code (loaded on first use) has arrived
    await page.wait_for_function(SERVED, arg=0, polling="raf", timeout=TIMEOUT_MS)
    await page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    await page.wait_for_timeout(1000)
    count = int(await page.evaluate("""document.querySelectorAll('[data-testid="stPlotlyChart"]').length"""))
    await context.close()
    return count


async def _changes(browser: Browser, address: str, app: App, charts: int) -> list[float]:
    """Seconds from choosing the option before the current one in `app.filter_label` to the page redrawn."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    await page.goto(address, wait_until="commit", timeout=TIMEOUT_MS)
    await page.wait_for_function(DONE, arg=charts, polling="raf", timeout=TIMEOUT_MS)
    timings = []
    for _ in range(CHANGES):
        label = page.locator("label", has_text=re.compile(f"^{re.escape(app.filter_label)}$"))
        await page.locator('[data-testid="stSelectbox"]').filter(has=label).first.locator("input").click()
        options = page.get_by_role("option")
        await page.wait_for_timeout(200)
        if not await options.count():  # a click may only focus the box; the arrow key opens its list
            await page.keyboard.press("ArrowDown")
        await options.first.wait_for()
        chosen = await options.evaluate_all("(all) => all.findIndex((o) => o.getAttribute('aria-selected') === 'true')")
        before = await page.evaluate(MAIN_TEXT)
        start = time.perf_counter()
        await options.nth(max(chosen - 1, 0)).click()
        await page.wait_for_function(CHANGED, arg=before, polling="raf", timeout=TIMEOUT_MS)
        await page.wait_for_function(
            DONE, arg=1, polling="raf", timeout=TIMEOUT_MS
        )  # another year may draw fewer charts
        timings.append(time.perf_counter() - start)
        await page.wait_for_timeout(300)
    await context.close()
    return timings


async def _measure(app: App, address: str, pid: int) -> AppFigures:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            url = address + app.path
            charts = await _charts(browser, url)
            opens = [await _open(browser, url, charts) for _ in range(OPENS)]
            changes = await _changes(browser, url, app, charts)
            before = rss_mb(pid)
            start = time.perf_counter()
            contexts = [await browser.new_context(viewport={"width": 1280, "height": 720}) for _ in range(SESSIONS)]
            pages = [await context.new_page() for context in contexts]

            async def opened(page: Page) -> float:
                await page.goto(url, wait_until="commit", timeout=SESSIONS_TIMEOUT_MS)
                await page.wait_for_function(SERVED, arg=charts, polling=100, timeout=SESSIONS_TIMEOUT_MS)
                return time.perf_counter() - start

            ends = await asyncio.gather(*(opened(page) for page in pages), return_exceptions=True)
            drawn = [end for end in ends if isinstance(end, float)]
            sessions = max(drawn) if len(drawn) == SESSIONS else None
            after = rss_mb(pid)
            for context in contexts:
                await context.close()
        finally:
            await browser.close()
    return AppFigures(app.name, opens, changes, sessions, len(drawn), before, after)


def measure(app: App) -> AppFigures:
    with served(app) as (address, pid):
        return asyncio.run(_measure(app, address, pid))


def apps(sample_url: str, work: Path) -> tuple[App, App]:
    """The minimal app (in a folder of its own, so Streamlit's defaults apply) and the dashboard's Funding page."""
    minimal = work / "minimal"
    minimal.mkdir(exist_ok=True)
    (minimal / "minimal_app.py").write_text(MINIMAL_APP)
    return (
        App("minimal", minimal / "minimal_app.py", minimal, "/", "To", {}),
        App("dashboard", ROOT / "serve.py", ROOT, "/funding", "To", {"WAYAHEAD_DATABASE_URL": sample_url}),
    )


def measure_both(sample_url: str, work: Path) -> tuple[AppFigures, AppFigures]:
    """The minimal app's figures, then the dashboard's, on the sample database at `sample_url`."""
    minimal, dashboard = apps(sample_url, work)
    return measure(minimal), measure(dashboard)


def main() -> None:
    """`python -m bench.browser SAMPLE_URL`: the two apps' raw figures, as JSON."""
    with tempfile.TemporaryDirectory() as folder:
        results = measure_both(sys.argv[1], Path(folder))
    print(json.dumps([asdict(r) | {"memory_per_session_mb": r.memory_per_session_mb} for r in results], indent=2))


if __name__ == "__main__":
    main()
