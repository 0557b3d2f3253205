"""Hostile files of issue 11 (huge claimed sheets, junk rows, comment padding, look-alike
sheets, repeated zip entries), through the command line as a real process and the upload page:
each is refused with a plain message, in bounded time and memory, and the store and the export
still work afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import hostile
import openpyxl
import pytest
from builders import valid_bytes
from reading import as_read
from streamlit.testing.v1 import AppTest

from bench.refusals import REFUSAL_LIMIT_MB, REFUSAL_LIMIT_S, run_measured
from wayahead.store.returns import history

# A hostile file is refused before any database is opened: the database here only shows that nothing
# was stored, and the store and export still work (test_cli runs those on PostgreSQL).
pytestmark = pytest.mark.any_database

ROOT = Path(__file__).resolve().parents[1]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HACKNEY = "E09000012"

REFUSED = {
    "value in XFD1048576": (hostile.far_cell, "The sheet 'Funding' reaches cell XFD1048576, beyond row 10,000"),
    "value in XFD3052": (
        lambda: hostile.far_cell("XFD3052"),
        "The sheet 'Funding' reaches cell XFD3052, beyond column GR",
    ),
    "1,000,000 junk rows": (hostile.junk_rows, "The sheet 'Funding' reaches cell C10001, beyond row 10,000"),
    "210,000 filled cells": (hostile.many_cells, "The sheet 'Funding' has more than 200,000 filled cells"),
    "190 comment-padded parts": (hostile.comment_padded, "starts with a long run of comments"),
    "zip bomb": (hostile.zip_bomb, "a 'zip bomb'"),
    "two entries of one name": (hostile.duplicate_entry, "two parts with the same name ('xl/worksheets/sheet3.xml')"),
    "only a hidden Funding sheet": (
        lambda: hostile.hidden_lookalike(keep_visible=False),
        "The sheet is hidden in Excel",
    ),
}


@pytest.fixture
def run(engine, database_url, tmp_path):  # type: ignore[no-untyped-def]
    """`python -m wayahead ARGS` as a process of its own, measured, against this test's database."""
    env = {"WAYAHEAD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}

    def start(*args: str):  # type: ignore[no-untyped-def]
        import os
        import sys

        done = run_measured([sys.executable, "-m", "wayahead", *args], os.environ | env, cwd=tmp_path)
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        return done

    return start


def _assert_store_and_export_work(run, engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "good.xlsx").write_bytes(valid_bytes())
    assert run("import", "good.xlsx").returncode == 0
    assert [v["version"] for v in history(engine, HACKNEY, 2024)] == [1]
    assert run("publish", "2024/25").returncode == 0
    assert run("export", "out.xlsx").returncode == 0
    funding = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)["Funding"]
    assert len(list(funding.iter_rows())) == 1 + 3


@pytest.mark.parametrize("build, says", REFUSED.values(), ids=REFUSED.keys())
def test_a_hostile_file_is_refused_quickly_in_little_memory(run, engine, database_url, tmp_path, build, says):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    baseline = run("validate", "empty.xlsx")  # the process's own start-up, as the allowance for a busy machine
    (tmp_path / "evil.xlsx").write_bytes(build())
    done = run("validate", "evil.xlsx")
    assert done.returncode == 1 and done.stderr == ""
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("evil.xlsx: REJECTED") and len(lines) == 2, lines[:5]
    assert says in lines[1]
    assert done.peak_mb < REFUSAL_LIMIT_MB
    # the work of refusing the file, over the process's own start-up measured in the same run: CPU
    # time, which another test's load does not stretch as it does wall time (make bench reports the
    # wall time against its target)
    assert done.cpu_s - baseline.cpu_s < REFUSAL_LIMIT_S
    assert run("import", "evil.xlsx").returncode == 1
    assert history(engine, HACKNEY, 2024) == []
    _assert_store_and_export_work(run, engine, tmp_path)


def test_junk_rows_within_the_limits_are_reported_once_per_kind_with_a_count(run, engine, tmp_path):
    (tmp_path / "junk.xlsx").write_bytes(hostile.junk_rows(9000))
    done = run("validate", "junk.xlsx")
    assert done.returncode == 1 and done.peak_mb < REFUSAL_LIMIT_MB
    lines = done.stdout.strip().splitlines()
    assert len(lines) < 10, lines
    assert any(
        line.startswith("  error   Funding!C40, C41, C42, C43, C44 … and 8,995 more: found 'x") for line in lines
    )
    as_json = json.loads(run("validate", "junk.xlsx", "--json").stdout)["files"][0]
    amounts = next(e for e in as_json["errors"] if e["cell"] == "C40" and "number" in e["fix"])
    assert amounts["count"] == 9000 and amounts["cells"] == ["C40", "C41", "C42", "C43", "C44"]
    _assert_store_and_export_work(run, engine, tmp_path)


@pytest.mark.parametrize("name, state", [("Funding ", "hidden"), ("funding", "veryHidden")])
def test_the_visible_sheet_is_read_not_a_hidden_look_alike_before_it(run, engine, tmp_path, name, state):
    (tmp_path / "twin.xlsx").write_bytes(hostile.hidden_lookalike(name, state))
    done = run("import", "twin.xlsx", "--json")
    [row] = json.loads(done.stdout)["files"]
    assert row["status"] == "stored" and row["errors"] == []
    [warning] = row["warnings"]
    assert warning["sheet"] == name and "hidden sheet was ignored" in warning["fix"]
    assert run("publish", "2024/25").returncode == 0
    assert run("export", "out.xlsx").returncode == 0
    funding = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)["Funding"]
    header, *rows = funding.iter_rows(values_only=True)
    amounts = [r[header.index("Amount (£)")] for r in rows]
    assert sum(amounts) == pytest.approx(195000.5)  # the visible sheet's £195,000.50, not £195m


def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.switch_page(str(ROOT / "pages/upload.py")).run()
    return at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files]).run()


@pytest.fixture
def page(engine, database_url, monkeypatch):  # type: ignore[no-untyped-def]
    from signed_in import sign_in_as

    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    monkeypatch.delenv("WAYAHEAD_REQUIRE_SIGN_IN", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    sign_in_as(at, engine, "uploader")
    return at.run()


def test_the_upload_page_refuses_them_and_goes_on_working(page, engine):
    at = _upload(
        page,
        ("far.xlsx", hostile.far_cell()),
        ("junk.xlsx", hostile.junk_rows()),
        ("hidden.xlsx", hostile.hidden_lookalike(keep_visible=False)),
        ("good.xlsx", valid_bytes()),
    )
    assert [e.label.split(": ", 1)[1][:9] for e in at.expander] == ["✗ 1 error"] * 3 + ["✓ no prob"]
    problems = [frame for frame in map(as_read, at.table) if "How to fix" in frame.columns]
    fixes = [frame["How to fix"].tolist() for frame in problems]
    assert len(fixes) == 3
    assert "reaches cell XFD1048576" in fixes[0][0] and "reaches cell C10001" in fixes[1][0]
    assert "hidden in Excel" in fixes[2][0]
    store = next(b for b in at.button if b.label.startswith("Store "))
    assert store.label == "Store 1 return"
    store.click().run()
    assert [v["version"] for v in history(engine, HACKNEY, 2024)] == [1]


def test_the_upload_page_lists_junk_rows_once_per_kind(page):
    at = _upload(page, ("junk.xlsx", hostile.junk_rows(9000)))
    [table] = [frame for frame in map(as_read, at.table) if "Cell" in frame.columns]
    assert len(table) < 10
    assert "C40, C41, C42, C43, C44 … and 8,995 more" in table["Cell"].tolist()
