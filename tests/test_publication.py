"""Publication, as a cabinet member and the steering group meet it: the sample data (published)
plus one early return for the next year (Barnet 2026/27), imported, published and withdrawn
through the command line as a real process, and the Overview and tracker read under AppTest."""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import valid_bytes
from pages_fixtures import BARNET, sample_database
from signed_in import sign_in_as
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from wayahead.store.engine import make_engine
from wayahead.store.schema import audit_log

CHAIR = (
    f"Steering group chair (command line, os user: {pwd.getpwuid(os.geteuid()).pw_name})"  # --by beside the OS account
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("published") / "sample.db"
    sample_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def url(sample_file, tmp_path, monkeypatch) -> str:
    """A copy of the sample database with Barnet's early 2026/27 return imported (received)."""
    shutil.copy(sample_file, tmp_path / "db.sqlite")
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database)
    (tmp_path / "barnet.xlsx").write_bytes(valid_bytes(borough=BARNET, year=2026))
    assert wayahead(database, tmp_path, "import", "barnet.xlsx", "--by", "Barnet officer").returncode == 0
    return database


def wayahead(database: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"WAYAHEAD_DATABASE_URL": database, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "wayahead", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def overview(
    database: str, role: str | None = None, query: dict[str, str] | None = None, page: str = "overview"
) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    if role:
        sign_in_as(at, make_engine(database), role)
    at.run()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / f"pages/{page}.py"))
    return at.run()


def text(at: AppTest) -> str:
    parts = [
        *(t.value for t in at.title),
        *(m.value for m in at.markdown),
        *(c.value for c in at.caption),
        *(w.value for w in at.warning),
        *(f"{m.label} {m.value}" for m in at.metric),
    ]
    return "\n".join(parts).replace("\\", "")


def test_a_viewer_sees_the_latest_published_year_not_the_early_return(url):
    at = overview(url)
    assert not at.exception
    assert [t.value for t in at.title] == ["London at a glance, 2025/26"]
    assert "2026/27" not in text(at)
    assert not any(t.label == "Include unpublished returns" for t in at.toggle)
    at = overview(url, query={"to": "2026", "unpub": "1"})  # a viewer cannot ask for unpublished figures
    assert [t.value for t in at.title] == ["London at a glance, 2025/26"]


def test_an_admin_including_unpublished_sees_2025_26_provisional_with_the_london_figure_withheld(url):
    at = overview(url, "admin")
    assert [t.value for t in at.title] == ["London at a glance, 2025/26"]  # the default stays the published year
    at = overview(url, "admin", {"unpub": "1", "to": "2026"})
    assert not at.exception
    shown = text(at)
    assert [t.value for t in at.title] == ["Provisional: London at a glance, 2026/27"]
    assert "provisional (includes unpublished returns)" in shown
    assert "Only 1 of 33 authorities returned for 2026/27; London figures need at least 22." in shown
    assert "up 28 points" not in shown and not any(m.delta for m in at.metric)
    funding = overview(url, "admin", {"unpub": "1", "to": "2026"}, "funding")
    assert {m.value for m in funding.metric} == {"too few returns"}  # the tiles say why, in words, never a dash


def chart_titles(at: AppTest) -> list[str]:
    return [
        json.loads(c.proto.spec)["layout"]["title"]["text"]
        for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["layout"].get("title", {}).get("text")
    ]


@pytest.mark.parametrize("page", ["overview", "funding", "borough_profile"])
def test_with_unpublished_returns_every_title_and_tile_says_provisional(url, page):
    at = overview(url, "admin", {"unpub": "1", "la": BARNET}, page)
    assert not at.exception
    titles = chart_titles(at)
    assert titles and all(t.startswith("Provisional: ") for t in titles), titles
    if page != "funding":  # a theme page is titled by its theme; its header says "…, provisional"
        assert [t.value[:13] for t in at.title] == ["Provisional: "]
    assert "Showing Barnet, 2016/17 to 2025/26, provisional." in text(at) or page != "funding"
    tiles = [c.value.replace("\\", "") for c in at.caption if "nswered in " in c.value or "nswered for " in c.value]
    assert all(c.startswith("Provisional: ") for c in tiles) and (tiles or page == "borough_profile"), tiles
    viewer = overview(url, None, {"la": BARNET}, page)  # the same page, published figures only
    assert chart_titles(viewer) and not any("Provisional" in t for t in chart_titles(viewer))
    assert "rovisional" not in text(viewer)


def test_publishing_and_withdrawing_on_the_command_line_changes_what_viewers_see(url, tmp_path, monkeypatch):
    embargoed = wayahead(url, tmp_path, "publish", "2026/27", "--on", "2099-03-01", "--by", "Steering group chair")
    assert embargoed.returncode == 0, embargoed.stderr
    assert [t.value for t in overview(url).title] == ["London at a glance, 2025/26"]  # not before its date
    published = wayahead(url, tmp_path, "publish", "2026/27", "--by", "Steering group chair")
    assert published.returncode == 0 and "Published 1 return for 2026/27" in published.stdout
    at = overview(url)
    assert [t.value for t in at.title] == ["London at a glance, 2026/27"]
    assert "Only 1 of 33 authorities returned for 2026/27; London figures need at least 22." in text(at)
    monkeypatch.setenv("WAYAHEAD_MIN_COVERAGE", "1")  # the threshold is a setting
    assert "Only 1 of 33" not in text(overview(url))
    monkeypatch.delenv("WAYAHEAD_MIN_COVERAGE")
    status = wayahead(url, tmp_path, "status", "2026/27")
    assert "Barnet" in status.stdout and "published v1" in status.stdout
    assert wayahead(url, tmp_path, "withdraw", "2026/27", "--by", "Steering group chair").returncode == 0
    assert [t.value for t in overview(url).title] == ["London at a glance, 2025/26"]
    with make_engine(url).connect() as connection:
        log = connection.execute(
            select(audit_log.c.actor, audit_log.c.detail, audit_log.c.at)
            .where(audit_log.c.action == "status")
            .order_by(audit_log.c.id.desc())
            .limit(3)
        ).all()
    assert [(actor, detail) for actor, detail, _ in log] == [
        (CHAIR, "2026/27 withdrawn (1 returns)"),
        (CHAIR, f"2026/27 published from {dt.date.today():%d %b %Y} (1 returns)"),
        (CHAIR, "2026/27 published from 01 Mar 2099 (1 returns)"),
    ]
    assert all(at is not None for _, _, at in log)


def test_a_new_version_of_a_published_return_keeps_the_published_figure_until_it_is_published(url, tmp_path):
    assert wayahead(url, tmp_path, "publish", "2026/27", "Barnet").returncode == 0
    (tmp_path / "barnet2.xlsx").write_bytes(valid_bytes(borough=BARNET, year=2026, scale=3))
    assert wayahead(url, tmp_path, "import", "barnet2.xlsx").returncode == 0
    assert "received v2; v1 published" in wayahead(url, tmp_path, "status", "2026/27").stdout
    assert wayahead(url, tmp_path, "mark", "2026/27", "signed off", "Barnet").returncode == 0
    assert "signed off v2; v1 published" in wayahead(url, tmp_path, "status", "2026/27").stdout
    assert wayahead(url, tmp_path, "publish", "2026/27").returncode == 0
    assert "published v2" in wayahead(url, tmp_path, "status", "2026/27").stdout


def test_the_tracker_shows_each_authoritys_status(url):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page(str(ROOT / "pages/tracker.py"))
    at.run()
    assert not at.exception
    grid = at.dataframe[0].value
    assert grid.loc["Barnet", "2026/27"].endswith("· received v1")
    assert grid.loc["Barnet", "2025/26"].endswith("· published v1")
