"""The command line contract (issue 2): exit codes 0/1/2, --json shapes, one plain line per
broken file and never a traceback. Run as a real `python -m wayahead` process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

import hostile
from builders import full_content, valid_bytes, with_answer
from wayahead.cli import main
from wayahead.spec import SHEETS
from wayahead.store.returns import history, version_content
from wayahead.template import template_bytes

ROOT = Path(__file__).resolve().parents[1]
HACKNEY = "E09000012"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(engine, database_url, tmp_path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """Run the command line in this process (fast): `cli("validate", "x.xlsx")`."""
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Done:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return run


@pytest.fixture
def process_cli(engine, database_url, tmp_path):  # type: ignore[no-untyped-def]
    """Run `python -m wayahead ARGS` as a real process in tmp_path against this test's database."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = os.environ | {"WAYAHEAD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "wayahead", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        return done

    return run


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    (tmp_path / name).write_bytes(data)
    return name


def test_template_writes_the_blank_return(process_cli, tmp_path):
    done = process_cli("template", "blank.xlsx")
    assert done.returncode == 0
    assert (tmp_path / "blank.xlsx").read_bytes() == template_bytes()


def test_validate_valid_file_exits_0_with_json(cli, tmp_path):
    name = _write(tmp_path, "hackney.xlsx", valid_bytes())
    done = cli("validate", name, "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {
        "files": [{"file": name, "valid": True, "borough": HACKNEY, "year": 2024, "errors": [], "warnings": []}]
    }


def test_validate_exits_1_when_any_file_has_errors_and_names_cells(cli, tmp_path):
    good = _write(tmp_path, "good.xlsx", valid_bytes())
    bad = _write(tmp_path, "bad.xlsx", with_answer("Training", "Staff trained this year in commissioning with civil society", 41)[0])
    warned = _write(tmp_path, "warned.xlsx", with_answer("Leadership", "Portfolio title", None)[0])
    done = cli("validate", good, bad, warned, "--json")
    assert done.returncode == 1
    files = {f["file"]: f for f in json.loads(done.stdout)["files"]}
    assert [f["valid"] for f in files.values()] == [True, False, True]
    for entry in files.values():
        assert {"file", "valid", "borough", "year", "errors", "warnings"} <= set(entry)
        assert (entry["borough"], entry["year"]) == (HACKNEY, 2024)
    [error] = files[bad]["errors"]
    assert (error["sheet"], error["cell"]) == ("Training", "B5")
    assert error["message"].startswith("Training!B5: found '41'; expected no more than")
    [warning] = files[warned]["warnings"]
    assert (warning["sheet"], warning["cell"]) == ("Leadership", "B5") and files[warned]["errors"] == []


@pytest.mark.parametrize("build", [hostile.xml_bomb, hostile.zip_bomb, hostile.renamed_csv, hostile.truncated_xlsx,
                                   hostile.macro_workbook, hostile.empty_file, hostile.old_xls])
def test_hostile_file_gets_exit_1_and_one_plain_line(cli, tmp_path, build):
    name = _write(tmp_path, "evil.xlsx", build())
    done = cli("validate", name)
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("evil.xlsx: REJECTED")
    assert len(lines) == 2 and lines[1].startswith("  error   ") and "found" not in lines[1]
    as_json = json.loads(cli("validate", name, "--json").stdout)["files"][0]
    assert as_json["valid"] is False and as_json["borough"] is None and as_json["year"] is None
    assert [(e["sheet"], e["cell"]) for e in as_json["errors"]] == [(None, None)]


def test_a_real_process_refuses_a_hostile_file_with_exit_1_and_no_traceback(process_cli, tmp_path):
    bomb = _write(tmp_path, "bomb.xlsx", hostile.xml_bomb())
    csv_file = _write(tmp_path, "data.xlsx", hostile.renamed_csv())
    done = process_cli("validate", bomb, csv_file)
    assert done.returncode == 1 and done.stderr == ""
    assert [line.split(":")[0] for line in done.stdout.splitlines() if not line.startswith(" ")] == [bomb, csv_file]
    assert len(done.stdout.strip().splitlines()) == 4


def test_a_real_process_exits_2_on_usage_errors(process_cli):
    done = process_cli("validate")
    assert done.returncode == 2 and "error: the following arguments are required: files" in done.stderr


def test_missing_file_is_exit_1_not_a_crash(cli):
    done = cli("validate", "no-such-file.xlsx")
    assert done.returncode == 1 and "Could not open no-such-file.xlsx" in done.stdout


@pytest.mark.parametrize("args", [(), ("validate",), ("import",), ("frobnicate",), ("validate", "x.xlsx", "--nope"),
                                  ("restore", "Hackney", "2024/25", "one"), ("history", "Atlantis", "2024"),
                                  ("history", "Hackney", "someday")])
def test_usage_errors_exit_2(cli, args):
    done = cli(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "error" in done.stderr


def test_import_stores_then_unchanged_then_version_2(cli, engine, tmp_path):
    first = _write(tmp_path, "v1.xlsx", valid_bytes())
    second = _write(tmp_path, "v2.xlsx", template_bytes(full_content(scale=2)))
    outcomes = []
    for name in (first, first, second):
        done = cli("import", name, "--by", "ada@council.gov.uk", "--json")
        assert done.returncode == 0
        [entry] = json.loads(done.stdout)["files"]
        assert {"file", "status", "borough", "year", "version", "errors"} <= set(entry)
        outcomes.append((entry["file"], entry["status"], entry["borough"], entry["year"], entry["version"], entry["errors"]))
    assert outcomes == [
        (first, "stored", HACKNEY, 2024, 1, []),
        (first, "unchanged", HACKNEY, 2024, 1, []),
        (second, "stored", HACKNEY, 2024, 2, []),
    ]
    assert [v["submitted_by"] for v in history(engine, HACKNEY, 2024)] == ["ada@council.gov.uk"] * 2


def test_import_rejects_a_bad_file_storing_nothing_and_stores_the_good_one(cli, engine, tmp_path):
    bad = _write(tmp_path, "bad.xlsx", _bad_funding())
    good = _write(tmp_path, "good.xlsx", valid_bytes())
    evil = _write(tmp_path, "evil.xlsx", hostile.xml_bomb())
    done = cli("import", bad, good, evil, "--json")
    assert done.returncode == 1
    entries = json.loads(done.stdout)["files"]
    assert [(e["status"], e["version"]) for e in entries] == [("rejected", None), ("stored", 1), ("rejected", None)]
    assert entries[0]["errors"][0]["cell"] == "C4"
    assert history(engine, HACKNEY, 2023) == []
    assert version_content(engine, HACKNEY, 2024).sheets == full_content()


def _bad_funding() -> bytes:
    from builders import with_cell

    return with_cell("Funding", 0, "Amount (£)", "12.3k", valid_bytes(year=2023))[0]


def test_import_text_output_and_default_actor(cli, engine, tmp_path):
    name = _write(tmp_path, "hackney.xlsx", valid_bytes())
    done = cli("import", name)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == "hackney.xlsx: Hackney 2024/25 stored as version 1"
    assert history(engine, HACKNEY, 2024)[0]["submitted_by"].endswith("(command line)")


def test_history_and_restore(cli, engine, tmp_path):
    cli("import", _write(tmp_path, "v1.xlsx", valid_bytes()), "--by", "ada")
    cli("import", _write(tmp_path, "v2.xlsx", template_bytes(full_content(scale=2))), "--by", "bo")
    done = cli("restore", "LB Hackney", "2024/25", "1", "--by", "admin")
    assert done.returncode == 0 and done.stdout.strip() == "Restored version 1 as version 3."
    assert version_content(engine, HACKNEY, 2024).sheets == full_content()
    listing = cli("history", "E09000012", "2024")
    assert listing.returncode == 0
    lines = listing.stdout.strip().splitlines()
    assert lines[0] == "Hackney 2024/25"
    assert [line[:12] for line in lines[1:]] == ["  version 1:", "  version 2:", "* version 3:"]
    assert "restored from version 1 by admin" in lines[3] and "from v1.xlsx" in lines[3]
    assert cli("restore", "Hackney", "2024", "3").stdout.strip() == "Version 3 is already the current version; nothing changed."
    missing = cli("restore", "Hackney", "2024", "9")
    assert missing.returncode == 1 and "has no version 9" in missing.stderr


def test_history_of_a_return_never_stored(cli):
    done = cli("history", "City", "2020/21")
    assert done.returncode == 0 and done.stdout.strip() == "No return stored for City of London 2020/21."


def test_export_xlsx_has_one_sheet_per_return_sheet_with_current_versions_only(cli, tmp_path):
    cli("import", _write(tmp_path, "v1.xlsx", valid_bytes()))
    cli("import", _write(tmp_path, "v2.xlsx", template_bytes(full_content(scale=2))))
    cli("import", _write(tmp_path, "lambeth.xlsx", valid_bytes(borough="E09000022", year=2023)))
    done = cli("export", "all.xlsx", "--include-unpublished")
    assert done.returncode == 0
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert book.sheetnames == [s.name for s in SHEETS]
    funding = list(book["Funding"].values)
    assert funding[0] == ("Borough code", "Borough", "Financial year", "Publication status", *(f.label for f in SHEETS[1].fields))
    rows = [(r[0], r[2], r[6]) for r in funding[1:]]
    assert rows == [("E09000012", "2024/25", 240000), ("E09000012", "2024/25", 90001), ("E09000012", "2024/25", 60000),
                    ("E09000022", "2023/24", 120000), ("E09000022", "2023/24", 45000.5), ("E09000022", "2023/24", 30000)]


def test_export_csv_writes_one_file_per_sheet(cli, tmp_path):
    cli("import", _write(tmp_path, "v1.xlsx", valid_bytes()))
    assert cli("publish", "2024/25").returncode == 0
    done = cli("export", "out", "--format", "csv")
    assert done.returncode == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(s.name.lower().replace(" ", "_") + ".csv" for s in SHEETS)
    text = (tmp_path / "out" / "training.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Borough code", "Borough", "Financial year"]
    assert rows[1][:5] == ["E09000012", "Hackney", "2024/25", "40", "12"]


def test_sample_loads_the_illustrative_returns(cli, engine):
    from sqlalchemy import func, select

    from wayahead.london import AUTHORITIES
    from wayahead.samples import MISSING, sample_years
    from wayahead.store.schema import current_returns

    expected = len(AUTHORITIES) * len(sample_years()) - len(MISSING)
    done = cli("sample")
    assert done.returncode == 0
    assert f"{expected} stored, 0 unchanged, 0 rejected" in done.stdout
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(current_returns)) == expected


def test_sample_if_empty_leaves_a_database_with_returns_alone(cli, engine, tmp_path):
    cli("import", _write(tmp_path, "v1.xlsx", valid_bytes()))
    done = cli("sample", "--if-empty")
    assert done.returncode == 0
    assert [v["version"] for v in history(engine, HACKNEY, 2024)] == [1]
    assert history(engine, "E09000001", 2024) == []
