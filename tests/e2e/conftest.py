"""Fixtures for the browser tests: the real app on a free port, and a headless Chromium tab."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from live_app import CHROMIUM, PASSWORD, ROOT
from playwright.sync_api import Page, sync_playwright

from wayahead.access.auth import add_user
from wayahead.store.engine import make_engine, migrate


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(url: str) -> Iterator[str]:
    """`streamlit run serve.py` (the app with its sign-in cookie routes) on a free port, on the
    database at `url`; yields its address once healthy, stops it afterwards."""
    port = _free_port()
    env = os.environ | {"WAYAHEAD_DATABASE_URL": url}
    env.pop("WAYAHEAD_REQUIRE_SIGN_IN", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{address}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=20)


def _with_uploader(url: str) -> str:
    engine = make_engine(url)
    migrate(engine)
    add_user(engine, "officer@council.gov.uk", "uploader", PASSWORD)
    engine.dispose()
    return url


@pytest.fixture
def server(tmp_path) -> Iterator[tuple[str, str]]:
    """The app on a free port with a fresh SQLite database holding one uploader account."""
    url = _with_uploader(f"sqlite:///{tmp_path / 'e2e.db'}")
    with running_app(url) as address:
        yield address, url


@pytest.fixture
def two_servers(database_url) -> Iterator[tuple[str, str, str]]:
    """Two app processes (as behind a load balancer) on one fresh database (PostgreSQL in CI,
    else a shared SQLite file) holding one uploader account: both addresses and the URL."""
    url = _with_uploader(database_url)
    with running_app(url) as first, running_app(url) as second:
        yield first, second, url


@pytest.fixture
def page() -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser.new_context(
            viewport={"width": 1400, "height": 900}
        ).new_page()  # page.context.new_page() for tabs
        browser.close()
