"""Page speed: each page of dashboard.py rerun with Streamlit's AppTest after a filter change.

Run in its own process, one per database (`python -m bench.pages URL OUT.json`), so each gets
a fresh Streamlit cache and its peak resident memory is that of a process that has rendered
every page on that database.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from bench import BENCH_EMAIL

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"
RERUNS = 5
TIMEOUT_S = 120.0
# The floor: a page that draws nothing but a title and the same kind of filter.
FLOOR_SCRIPT = """
import streamlit as st
st.set_page_config(page_title="Empty page", layout="wide")
st.sidebar.selectbox("To", list(range(1985, 2025)), index=39)
st.title("Empty page")
"""


@dataclass(frozen=True)
class PageRef:
    path: str
    title: str


@dataclass
class PageTiming:
    path: str
    title: str
    first_run_s: float
    rerun_s: list[float] = field(default_factory=list)
    change: str = ""
    error: str | None = None
    peak_rss_after_mb: float = 0.0  # this process's peak memory once the page has been timed

    @property
    def median_s(self) -> float | None:
        return statistics.median(self.rerun_s) if self.rerun_s else None


def discover_pages(entry: Path = DASHBOARD) -> list[PageRef]:
    """Every st.Page("pages/….py", title=…) in the entry script, in source order."""
    calls = [
        node
        for node in ast.walk(ast.parse(entry.read_text()))
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", None)) == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]
    pages = []
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        path = call.args[0].value  # type: ignore[attr-defined]
        title = next(
            (k.value.value for k in call.keywords if k.arg == "title" and isinstance(k.value, ast.Constant)),
            Path(path).stem,
        )
        pages.append(PageRef(path, str(title)))
    return pages


def change_filter(at: AppTest, step: int) -> str:
    """Change one filter to a value not used before in this session (step 0, 1, …); says what it did.

    In order of preference: the sidebar's 'To' year (the year the headline figures describe)
    moves back one year; else another sidebar selectbox, else one on the page (outside a form),
    moves back one option; else the ?from= year in the URL changes.
    """
    sidebar = sorted(at.sidebar.selectbox, key=lambda widget: widget.label != "To")
    for widget in [*sidebar, *(w for w in at.main.selectbox if not w.form_id)]:
        if len(widget.options) > 1:
            index = ((widget.index or 0) - 1) % len(widget.options)
            widget.select_index(index)
            place = "sidebar " if widget in sidebar else ""
            return f"{place}'{widget.label}' to {widget.options[index]}"
    year = dt.date.today().year - 2 - step
    at.query_params["from"] = str(year)
    return f"URL ?from={year}"


def signed_in_app(script: Path) -> AppTest:
    """The app with the benchmark's admin signed in (so the Manage pages show their content, not
    a gate); the account must exist in the database (bench.data.for_pages makes it)."""
    from wayahead.store.audit import now
    from wayahead.ui.auth_ui import SESSION_KEY

    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    at.session_state[SESSION_KEY] = {"email": BENCH_EMAIL, "last_seen": now()}
    return at


def time_page(page: PageRef | None, reruns: int = RERUNS, script: Path = DASHBOARD) -> PageTiming:
    """Open `page` (None: the entry script's own page), then time `reruns` reruns, each after a filter change."""
    at = signed_in_app(script)
    with patch_config_options({"client.showErrorDetails": "full"}):  # the app hides them from visitors
        if page is not None:
            at.run()
            try:
                at.switch_page(page.path)
            except ValueError:  # dashboard.py did not offer the page to the signed-in admin
                return PageTiming(
                    page.path, page.title, 0.0, error="the page is not in the navigation for a signed-in admin"
                )
        started = time.perf_counter()
        at.run()
        timing = PageTiming(
            page.path if page else script.name, page.title if page else "Empty page", time.perf_counter() - started
        )
        timing.error = _failure(at)
        changes = []
        for step in range(reruns):
            if timing.error:
                break
            changes.append(change_filter(at, step))
            started = time.perf_counter()
            at.run()
            timing.rerun_s.append(time.perf_counter() - started)
            timing.error = _failure(at)
    timing.change = changes[0] if changes else ""
    timing.peak_rss_after_mb = peak_rss_mb()
    return timing


def time_floor(reruns: int = RERUNS) -> PageTiming:
    """The floor: an empty page's rerun after the same kind of filter change."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "empty_page.py"
        script.write_text(FLOOR_SCRIPT)
        return time_page(None, reruns, script)


def _failure(at: AppTest) -> str | None:
    """The page's exception, if the run raised one (st.stop is not a failure)."""
    if at.exception:
        exception = at.exception[0]
        return f"{exception.proto.type}: {exception.message}"[:300]
    return None


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_all(reruns: int = RERUNS) -> dict[str, Any]:
    """The floor and every page, with this process's peak memory at the end."""
    floor = time_floor(reruns)
    pages = [time_page(page, reruns) for page in discover_pages()]
    return {
        "floor": asdict(floor) | {"median_s": floor.median_s},
        "pages": [asdict(p) | {"median_s": p.median_s} for p in pages],
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv: list[str]) -> None:
    """python -m bench.pages OUT.json [RERUNS]: time every page on the configured database."""
    out = Path(argv[0])
    reruns = int(argv[1]) if len(argv) > 1 else RERUNS
    out.write_text(json.dumps(measure_all(reruns), indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
