"""The command line contract (issue 2): exit codes 0/1/2, --json shapes, one plain line per
broken file and never a traceback. Run as a real `python -m wayahead` process."""

from __future__ import annotations

import csv
import io
import json
import os
import pwd
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import hostile
import openpyxl
import pytest
from builders import full_content, valid_bytes, with_answer

from wayahead.cli.main import main
from wayahead.cli.parser import UsageError
from wayahead.returns.spec import SHEETS
from wayahead.returns.template import template_bytes
from wayahead.store.returns import history, version_content

ROOT = Path(__file__).resolve().parents[1]
HACKNEY = "E09000012"
OS_USER = pwd.getpwuid(os.geteuid()).pw_name


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
            [sys.executable, "-m", "wayahead", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
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
    bad = _write(
        tmp_path,
        "bad.xlsx",
        with_answer("Training", "Staff trained this year in commissioning with civil society", 41)[0],
    )
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
    assert error["message"].startswith("Training!B5: found 41; expected no more than")
    [warning] = files[warned]["warnings"]
    assert (warning["sheet"], warning["cell"]) == ("Leadership", "B5") and files[warned]["errors"] == []


@pytest.mark.parametrize(
    "build",
    [
        hostile.xml_bomb,
        hostile.zip_bomb,
        hostile.renamed_csv,
        hostile.truncated_xlsx,
        hostile.macro_workbook,
        hostile.empty_file,
        hostile.old_xls,
    ],
)
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


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("validate",),
        ("import",),
        ("frobnicate",),
        ("validate", "x.xlsx", "--nope"),
        ("restore", "Hackney", "2024/25", "one"),
        ("history", "Atlantis", "2024"),
        ("history", "Hackney", "someday"),
    ],
)
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
        outcomes.append(
            (entry["file"], entry["status"], entry["borough"], entry["year"], entry["version"], entry["errors"])
        )
    assert outcomes == [
        (first, "stored", HACKNEY, 2024, 1, []),
        (first, "unchanged", HACKNEY, 2024, 1, []),
        (second, "stored", HACKNEY, 2024, 2, []),
    ]
    assert [v["submitted_by"] for v in history(engine, HACKNEY, 2024)] == [
        f"ada@council.gov.uk (command line, os user: {OS_USER})"
    ] * 2


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
    assert (
        cli("restore", "Hackney", "2024", "3").stdout.strip()
        == "Version 3 is already the current version; nothing changed."
    )
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
    assert book.sheetnames == ["About this download", *(s.name for s in SHEETS)]
    about = dict(list(book["About this download"].values)[1:])
    assert (
        about["In one line"]
        == "Source: Way Ahead borough returns, 2023/24 to 2024/25; 1 of 33 authorities returned in 2024/25; provisional"
    )
    funding = list(book["Funding"].values)
    assert funding[0] == (
        "Borough code",
        "Borough",
        "Financial year",
        "Publication status",
        *(f.label for f in SHEETS[1].fields),
    )
    rows = [(r[0], r[2], r[6]) for r in funding[1:]]
    assert rows == [
        ("E09000012", "2024/25", 240000),
        ("E09000012", "2024/25", 90001),
        ("E09000012", "2024/25", 60000),
        ("E09000022", "2023/24", 120000),
        ("E09000022", "2023/24", 45000.5),
        ("E09000022", "2023/24", 30000),
    ]


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
    assert (
        rows[0][-1] == "Provenance"
        and rows[1][-1] == "Source: Way Ahead borough returns, 2024/25; 1 of 33 authorities returned; published"
    )


def test_export_includes_personal_data_unless_asked_not_to(cli, tmp_path):
    cli("import", _write(tmp_path, "v1.xlsx", valid_bytes()))
    assert cli("publish", "2024/25").returncode == 0
    assert cli("export", "full.xlsx").returncode == 0
    assert cli("export", "shared.xlsx", "--without-personal-data").returncode == 0
    full = list(openpyxl.load_workbook(tmp_path / "full.xlsx")["About"].values)
    shared = list(openpyxl.load_workbook(tmp_path / "shared.xlsx")["About"].values)
    assert {"Completed by", "Email", "Notes"} <= set(full[0]) and "ada.officer@council.gov.uk" in full[1]
    assert shared[0] == ("Borough code", "Borough", "Financial year", "Date completed", "Return version")
    assert not any("ada" in str(v).lower() for row in shared for v in row)


def test_sample_loads_the_illustrative_returns(cli, engine):
    from sqlalchemy import func, select

    from wayahead.returns.london import AUTHORITIES
    from wayahead.returns.samples import MISSING, sample_years
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


# Issue 11 (3, 4): hostile values, through a real process; the store and every export after.


def _exports_work(process_cli, tmp_path: Path) -> dict[str, list[tuple]]:
    """Hackney's 2024/25 return published, then `export` to .xlsx and to CSV both succeed; the
    .xlsx sheets' rows, read back."""
    assert process_cli("publish", "2024/25").returncode == 0
    done = process_cli("export", "all.xlsx")
    assert done.returncode == 0, done.stdout + done.stderr
    assert process_cli("export", "out", "--format", "csv").returncode == 0
    assert len(list((tmp_path / "out").iterdir())) == len(SHEETS)
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    return {ws.title: list(ws.values) for ws in book}


def test_an_amount_over_the_maximum_is_refused_by_validate_and_import(process_cli, engine, tmp_path):
    from builders import with_cell

    data, ref = with_cell("Funding", 0, "Amount (£)", 1.7e308)
    data, _ = with_cell("Funding", 1, "Amount (£)", 1.7e308, data)
    huge = _write(tmp_path, "huge.xlsx", data)
    for command in ("validate", "import"):
        done = process_cli(command, huge)
        assert done.returncode == 1
        assert (
            f"  error   Funding!{ref}: found 1.7e+308; expected an amount in pounds such as 12345 or £12,345 "
            "from £0 to £10,000,000,000. Check the figure and its units."
        ) in done.stdout.splitlines()
    assert history(engine, HACKNEY, 2024) == []
    assert process_cli("import", _write(tmp_path, "good.xlsx", valid_bytes())).returncode == 0
    assert [row[5] for row in _exports_work(process_cli, tmp_path)["Funding"][1:]] == [120000, 45000.5, 30000]


@pytest.mark.parametrize("shared", [False, True], ids=["inline strings", "shared strings"])
def test_control_characters_are_removed_warned_about_stored_and_exported(process_cli, engine, tmp_path, shared):
    """ESC, BEL and NUL (Excel's escapes) in every text answer, and ESC [2J (clear the screen)
    in an organisation's name and the file's name: the terminal never sees a raw control
    character, the return is stored as meant on either database, and the exports work."""
    data = hostile.text_with(b"_x001B__x0007__x0000_", shared=shared)
    name = _write(tmp_path, "evil\x1b[2J.xlsx", data)
    checked = process_cli("validate", name)
    assert checked.returncode == 0
    for output in (checked.stdout, checked.stderr):
        assert not any(c in output for c in "\x00\x07\x1b")
    assert checked.stdout.startswith("evil[U+001B][2J.xlsx: valid (Hackney 2024/25; 0 errors, 63 warnings)")
    assert (
        "  warning About!B9: found 'F[U+001B][U+0007][U+0000]igures from the finance system.'; expected text with "
        "no invisible control characters. The answer held invisible control characters (U+001B, U+0007, U+0000), "
        "which cannot be stored or exported, so they were removed."
    ) in checked.stdout
    as_json = json.loads(process_cli("validate", name, "--json").stdout)["files"][0]
    assert as_json["valid"] and sum(w.get("count", 1) for w in as_json["warnings"]) == 63 > len(as_json["warnings"])
    stored = process_cli("import", name, "--by", "ada")
    assert stored.returncode == 0 and "\x1b" not in stored.stdout
    assert stored.stdout.startswith("evil[U+001B][2J.xlsx: Hackney 2024/25 stored as version 1")
    assert version_content(engine, HACKNEY, 2024).sheets == full_content()
    [version] = history(engine, HACKNEY, 2024)
    assert version["file_name"] == "evil[U+001B][2J.xlsx" and sum(w.get("count", 1) for w in version["warnings"]) == 63
    listing = process_cli("history", "Hackney", "2024/25")
    assert "from evil[U+001B][2J.xlsx" in listing.stdout and "\x1b" not in listing.stdout
    sheets = _exports_work(process_cli, tmp_path)
    assert sheets["About"][1][3:5] == ("Ada Officer", "ada.officer@council.gov.uk")
    assert [row[3] for row in sheets["Infrastructure"][1:]] == ["Borough CVS", "Estate Anchor Trust"]


def test_an_escape_sequence_in_a_name_is_stored_without_its_escape(process_cli, engine, tmp_path):
    name = _write(tmp_path, "org.xlsx", hostile.text_with(b"_x001B_[2J", texts=["Borough CVS"]))
    done = process_cli("import", name)
    assert done.returncode == 0 and "\x1b" not in done.stdout
    assert "  warning Infrastructure!A4: found 'B[U+001B][2Jorough CVS'" in done.stdout
    organisations = [r["organisation"] for r in version_content(engine, HACKNEY, 2024).sheets["infrastructure"]]
    assert organisations == ["B[2Jorough CVS", "Estate Anchor Trust"]
    assert [row[3] for row in _exports_work(process_cli, tmp_path)["Infrastructure"][1:]] == organisations


def _run_cli(database_url: str, cwd: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "WAYAHEAD_DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        "WAYAHEAD_LOG_FILE": str(cwd / "wayahead.log"),
    }
    return subprocess.run(
        [sys.executable, "-m", "wayahead", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda tmp: "/dev/zero", "a device"),
        (lambda tmp: (os.mkfifo(tmp / "pipe.xlsx"), "pipe.xlsx")[1], "a named pipe"),
        (lambda tmp: ((tmp / "folder.xlsx").mkdir(), "folder.xlsx")[1], "a folder"),
    ],
)
def test_anything_but_a_regular_file_is_refused_at_once(engine, database_url, tmp_path, make, what):
    """/dev/zero used to be read without end, and a named pipe with no writer hung the command."""
    name = make(tmp_path)
    good = _write(tmp_path, "good.xlsx", valid_bytes())
    done = _run_cli(database_url, tmp_path, "validate", name, good)
    assert done.returncode == 1 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{name}: REJECTED")
    assert f"Could not open {name}: it is {what}, not a file." in lines[1]
    assert lines[2].startswith("good.xlsx: valid")


def test_a_reader_that_closes_early_ends_the_command_quietly(engine, database_url, tmp_path):
    """`python -m wayahead validate … | head -1` used to end with a BrokenPipeError traceback."""
    names = [_write(tmp_path, f"r{n}.xlsx", valid_bytes()) for n in range(3)]
    env = os.environ | {"WAYAHEAD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "wayahead", "validate", *names],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    child.stdout.close()  # the reader is gone before the first line is written
    _, stderr = child.communicate(timeout=120)
    assert stderr == ""
    assert child.returncode == 1


@pytest.fixture
def checks_crash_on(monkeypatch):  # type: ignore[no-untyped-def]
    """An injected fault: no real input that crashes the checks is known now, so the reader's
    internal _load is made to raise for one file name (any name given), as a bug would."""
    import loaders.validate

    def crash_for(name: str) -> None:
        original = loaders.validate._load

        def faulty(data, file_name, *rest):  # type: ignore[no-untyped-def]
            if file_name == name:
                raise RuntimeError("injected fault: SELECT secret FROM inside")
            return original(data, file_name, *rest)

        monkeypatch.setattr(loaders.validate, "_load", faulty)

    return crash_for


def test_a_crash_checking_one_file_is_that_files_error_and_the_others_are_reported(
    cli, engine, tmp_path, checks_crash_on, caplog
):
    """The reports of the files after a crashing one used to vanish."""
    checks_crash_on("crash.xlsx")
    first = _write(tmp_path, "first.xlsx", valid_bytes(year=2023))
    crash = _write(tmp_path, "crash.xlsx", valid_bytes(borough="E09000022"))
    last = _write(tmp_path, "last.xlsx", valid_bytes())
    done = cli("validate", first, crash, last)
    assert done.returncode == 1 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines if not line.startswith(" ")] == [first, crash, last]
    assert lines[1].startswith("crash.xlsx: REJECTED") and lines[3].startswith("last.xlsx: valid")
    assert "The checks stopped on this file because of a fault in the app (reference F-" in lines[2]
    assert "SELECT" not in done.stdout
    reference = lines[2].split("(reference ")[1].split(")")[0]
    [logged] = [r for r in caplog.records if reference in r.getMessage()]
    assert logged.exc_info and "injected fault" in str(logged.exc_info[1])
    stored = json.loads(cli("import", first, crash, last, "--json").stdout)["files"]
    assert [e["status"] for e in stored] == ["stored", "rejected", "stored"]
    assert history(engine, "E09000022", 2024) == [] and len(history(engine, HACKNEY, 2024)) == 1


def test_a_database_error_is_one_plain_line_with_a_reference_and_the_sql_goes_to_the_log(
    engine, database_url, tmp_path
):
    """It used to print the database's own message, SQL included."""
    from sqlalchemy import text

    with engine.begin() as connection:
        connection.execute(text("DROP TABLE current_returns"))
    done = _run_cli(database_url, tmp_path, "history", "Hackney", "2024")
    assert done.returncode == 1 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("error: The database could not complete this request") and "reference F-" in line
    assert "current_returns" not in line and "SELECT" not in line
    reference = line.split("reference ")[1][:8]
    log = (tmp_path / "wayahead.log").read_text()
    assert reference in log and "Traceback" in log and "current_returns" in log


def test_by_is_recorded_beside_the_operating_system_user_in_history_and_audit_log(engine, database_url, tmp_path):
    """--by used to be stored alone, on the user's word."""
    from wayahead.store.audit import audit_entries

    name = _write(tmp_path, "hackney.xlsx", valid_bytes())
    assert _run_cli(database_url, tmp_path, "import", name, "--by", "A. Officer\x1b[2J").returncode == 0
    recorded = f"A. Officer[2J (command line, os user: {OS_USER})"
    assert [v["submitted_by"] for v in history(engine, HACKNEY, 2024)] == [recorded]
    assert audit_entries(engine)["Who"].tolist() == [recorded]
    listing = _run_cli(database_url, tmp_path, "history", "Hackney", "2024").stdout
    assert f"imported by {recorded} at" in listing and "\x1b" not in listing


def test_a_year_in_unicode_digits_is_a_usage_error_not_a_traceback(cli):
    """'²²²²' passed the old digit test, then int() failed with a traceback."""
    done = cli("history", "Hackney", "²²²²")
    assert done.returncode == 2
    assert "unknown financial year '²²²²': write it as 2024/25 or 2024" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_the_round_commands_open_a_round_add_a_contact_and_query_without_mail(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("WAYAHEAD_SMTP_HOST", raising=False)
    opened = cli("round", "open", "2026/27", "--deadline", "2027-06-30", "--by", "chair")
    assert opened.returncode == 0 and "The 2026/27 round closes on 30 June 2027" in opened.stdout
    assert cli("round", "contact", "Hackney", "Ola@Hackney.gov.uk", "Ola Officer").returncode == 0
    status = cli("round", "status", "2026/27")
    assert "Hackney                  not started  contacts: ola@hackney.gov.uk" in status.stdout
    reminded = cli("round", "remind", "2026/27")
    assert reminded.returncode == 1 and "e-mail is not set up" in reminded.stderr
    cli("import", _write(tmp_path, "h.xlsx", valid_bytes(borough="E09000012", year=2026)))
    queried = cli("round", "query", "2026/27", "Hackney", "The NHS grants are missing.")
    assert queried.returncode == 0 and "e-mail is not set up" in queried.stdout
    assert "Hackney                  queried" in cli("round", "status", "2026/27").stdout


def test_a_busy_database_is_named_as_busy_with_a_try_again_not_as_a_fault(tmp_path):
    """`users add` while `make run` was loading the samples used to read 'a fault on our side'."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from wayahead.faults import fault_message

    url = f"sqlite:///{tmp_path / 'busy.db'}"
    holder, waiter = create_engine(url), create_engine(url, connect_args={"timeout": 0})
    with holder.connect() as held:
        held.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        held.commit()
        held.exec_driver_sql("BEGIN EXCLUSIVE")
        with pytest.raises(OperationalError) as locked, waiter.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))
        held.rollback()
    message = fault_message(locked.value, "F-ABC123")
    assert message.startswith("The database is busy with other work") and "try again in a minute" in message
    assert "fault on our side" not in message and "F-ABC123" in message
    assert "fault on our side" in fault_message(OperationalError("SELECT 1", {}, Exception("no such table: t")), "F-1")


def test_help_is_answered_from_the_commands_words_alone_without_loading_the_app():
    """`--help` used to import sign-in, SQLAlchemy and pandas first: 26 times a bare Python's start."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "wayahead", "--help"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0
    for command in ("template", "validate", "import", "users", "publish", "round"):
        assert command in done.stdout
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert not loaded & {"sqlalchemy", "pandas", "argon2", "loaders", "wayahead.cli.main"}, loaded
    usage = subprocess.run(
        [sys.executable, "-m", "wayahead", "users", "add", "--help"], cwd=root, capture_output=True, text=True
    )
    assert usage.returncode == 0 and "--role {viewer,uploader,steering,admin}" in usage.stdout


def test_only_the_named_command_gets_its_arguments_and_every_command_still_parses():
    """--help lists all fourteen commands but builds none of their arguments; a named command
    is built whole, so its own help and parsing are unchanged."""
    from wayahead.cli.parser import COMMANDS, build_parser

    listing = build_parser(["--help"]).format_help()
    assert all(name in listing for name in COMMANDS)
    assert "--include-unpublished" not in listing
    export = build_parser(["export", "out.xlsx", "--format", "csv"]).parse_args(
        ["export", "out.xlsx", "--format", "csv"]
    )
    assert (export.command, export.out.name, export.format) == ("export", "out.xlsx", "csv")
    role = ["users", "set-role", "a@b.gov.uk", "steering"]
    assert build_parser(role).parse_args(role).role == "steering"
    with pytest.raises(UsageError):
        build_parser(["export"]).parse_args(["export", "out.xlsx", "--format", "pdf"])


def test_the_import_command_stores_a_return_without_loading_pandas(database_url, tmp_path):
    """pandas is for the pages' tables: the import command's start was 0.3 s slower with it."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    path = tmp_path / "hackney.xlsx"
    path.write_bytes(template_bytes(full_content()))
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "wayahead", "import", str(path)],
        cwd=root,
        capture_output=True,
        text=True,
        env=os.environ | {"WAYAHEAD_DATABASE_URL": database_url},
    )
    assert done.returncode == 0, done.stdout
    assert "Hackney 2024/25 stored as version 1" in done.stdout
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "sqlalchemy" in loaded and "pandas" not in loaded


def test_a_command_on_an_up_to_date_database_does_not_load_alembic(database_url):
    """A new database is migrated by Alembic; once at the newest revision, a command finds that
    in one read and starts a tenth of a second sooner."""
    import os
    import subprocess
    import sys

    def modules(*command: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "wayahead", *command],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            env=os.environ | {"WAYAHEAD_DATABASE_URL": database_url},
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}

    assert "alembic" in modules("history", "Hackney", "2024/25")  # the first command migrates the new database
    assert "alembic" not in modules("history", "Hackney", "2024/25")
