"""The operator's log: one searchable line per event, written where the settings say, and no
personal data in it (people appear as pseudonyms; names, addresses and file names never)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import valid_bytes, with_answer
from sqlalchemy import text

from wayahead import logs
from wayahead.access.auth import add_user, end_session, redeem_grant, set_password, set_role, sign_in, start_session
from wayahead.faults import log_fault
from wayahead.intake.upload_flow import check_file, store_checked
from wayahead.logs import configure, event, pseudonym
from wayahead.returns.samples import sample_files, write_sample_files
from wayahead.store.publication import publish, set_status, withdraw

ROOT = Path(__file__).resolve().parents[1]
HACKNEY = "E09000012"
EMAIL = "ada.officer@council.gov.uk"  # the builders' "Completed by" officer, as an account too
NAMES = ("Ada Officer", "ada-officer", "Sample generator")  # the returns' Completed by, and a file name
CLIENT = "203.0.113.9"
SECRET = "a test secret"
LINE = re.compile(
    r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (INFO|WARNING|ERROR) wayahead\.[a-z]+ event=[a-z_.]+( [a-z0-9_]+=([^\s"]+|"[^"]*"))*'
)


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's log configured to a file in tmp_path; the logger is put back afterwards."""
    path = tmp_path / "app.log"
    monkeypatch.setenv("WAYAHEAD_LOG_FILE", str(path))
    monkeypatch.setenv("WAYAHEAD_LOG_SECRET", SECRET)
    monkeypatch.delenv("WAYAHEAD_LOG_LEVEL", raising=False)
    logger = logging.getLogger("wayahead")
    handlers, level = logger.handlers[:], logger.level
    configure()
    yield path
    for handler in set(logger.handlers) - set(handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)
    monkeypatch.setattr(logs, "_configured", None)
    monkeypatch.setattr(logs, "_handler", None)


def events(path: Path, name: str) -> list[dict[str, str]]:
    """The fields of every `name` event in the log file (quoted values unquoted)."""
    found = []
    for line in path.read_text().splitlines():
        if f" event={name} " in line + " ":
            found.append({k: v.strip('"') for k, v in re.findall(r'([a-z0-9_]+)=("[^"]*"|\S+)', line)})
    return found


def assert_no_personal_data(log: str) -> None:
    assert "@" not in log
    for name in (*NAMES, CLIENT):
        assert name.lower() not in log.lower()


def test_an_event_is_one_line_of_time_level_logger_name_and_fields(log_file):
    event(
        logging.getLogger("wayahead.intake"),
        "import.stored",
        code="E09000007",
        year=2024,
        version=3,
        status="signed off",
        note="two\nlines",
        left_out=None,
    )
    [line] = log_file.read_text().splitlines()
    assert LINE.fullmatch(line), line
    assert line.split(" ", 1)[1] == (
        "INFO wayahead.intake event=import.stored code=E09000007 year=2024 version=3 "
        'status="signed off" note="two\\nlines"'
    )
    stamp = dt.datetime.strptime(line.split(" ")[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert abs(dt.datetime.now(dt.UTC) - stamp) < dt.timedelta(minutes=5)


def test_configure_is_idempotent_and_leaves_streamlit_and_root_loggers_alone(log_file):
    import streamlit  # noqa: F401  (sets up Streamlit's own loggers)

    root, ours, theirs = logging.getLogger(), logging.getLogger("wayahead"), logging.getLogger("streamlit")
    before = (root.handlers[:], root.level, theirs.handlers[:], theirs.level, ours.handlers[:])
    for _ in range(3):  # a Streamlit rerun runs dashboard.py, and so configure, again
        configure()
    assert (root.handlers, root.level, theirs.handlers, theirs.level, ours.handlers) == before
    event(ours, "check")
    assert len(events(log_file, "check")) == 1


def test_the_level_is_read_from_wayahead_log_level(log_file, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_LOG_LEVEL", "warning")
    configure()
    access = logging.getLogger("wayahead.access")
    event(access, "sign_in.ok")
    event(access, "sign_in.failed", logging.WARNING)
    assert [line.split(" ")[3] for line in log_file.read_text().splitlines()] == ["event=sign_in.failed"]


def test_without_a_log_file_the_app_logs_to_stderr(log_file, monkeypatch, capsys):
    monkeypatch.delenv("WAYAHEAD_LOG_FILE")
    configure()
    event(logging.getLogger("wayahead.access"), "sign_out", user="u:0000abcd")
    assert capsys.readouterr().err.endswith(" INFO wayahead.access event=sign_out user=u:0000abcd\n")


def test_a_pseudonym_is_stable_per_person_and_secret_and_shows_nothing_of_the_address(monkeypatch):
    monkeypatch.setenv("WAYAHEAD_LOG_SECRET", SECRET)
    first = pseudonym(EMAIL)
    assert re.fullmatch(r"u:[0-9a-f]{8}", first) and first == pseudonym(" Ada.Officer@Council.gov.uk ")
    assert first != pseudonym("someone.else@council.gov.uk")
    assert first[2:] != hashlib.sha256(EMAIL.encode()).hexdigest()[:8]  # keyed: not a plain hash anyone can redo
    monkeypatch.setenv("WAYAHEAD_LOG_SECRET", "another server")
    assert pseudonym(EMAIL) != first


def test_sign_ins_account_changes_uploads_publication_and_faults_are_logged_without_personal_data(log_file, engine):
    at = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)
    user, admin = pseudonym(EMAIL), pseudonym("chair@council.gov.uk")
    add_user(engine, EMAIL, "uploader", "a long enough password", actor="chair@council.gov.uk")
    for _ in range(3):
        assert sign_in(engine, EMAIL, "wrong password!", at=at, client=CLIENT).user is None
    assert sign_in(engine, EMAIL, "wrong password!", at=at, client=CLIENT).retry_after  # throttled
    assert sign_in(engine, "nobody@council.gov.uk", "x", at=at + dt.timedelta(hours=1), client=CLIENT).user is None
    assert sign_in(engine, EMAIL, "a long enough password", at=at + dt.timedelta(hours=2), client=CLIENT).user
    token = redeem_grant(engine, start_session(engine, EMAIL, "password", client=CLIENT))
    assert token is not None
    end_session(engine, token)
    end_session(engine, token)  # the cookie route ends it again: logged once
    set_role(engine, EMAIL, "steering", "chair@council.gov.uk")
    set_password(engine, EMAIL, "another long password", "chair@council.gov.uk")

    good = valid_bytes()
    bad, _ = with_answer("About", "Financial year", "not a year")
    checked = [check_file(engine, "ada-officer-hackney.xlsx", good), check_file(engine, "ada-officer-bad.xlsx", bad)]
    store_checked(engine, [checked[0]], EMAIL)
    publish(engine, 2024, EMAIL, HACKNEY)
    set_status(engine, 2024, "queried", EMAIL)
    withdraw(engine, 2024, EMAIL)
    with engine.begin() as connection:  # the next store fails with names and addresses in its SQL parameters
        connection.execute(text("DROP TABLE sheet_about"))
    late = check_file(engine, "ada-officer-2023.xlsx", valid_bytes(year=2023))  # named off the traceback's source line
    with pytest.raises(Exception) as failed:
        store_checked(engine, [late], EMAIL)
    assert "Ada Officer" in str(failed.value)  # the parameters are there to leak
    reference = log_fault("The page 'Upload returns' failed", failed.value)  # as the page's guard does

    client = pseudonym(CLIENT, "c")
    assert events(log_file, "user.added") == [
        {"event": "user.added", "user": user, "role": "uploader", "password": "True", "by": admin}
    ]
    assert [e["user"] for e in events(log_file, "sign_in.failed")] == [user, user, user, "none"]
    assert events(log_file, "sign_in.throttled") == [{"event": "sign_in.throttled", "client": client, "wait": "1"}]
    assert events(log_file, "sign_in.ok") == [
        {"event": "sign_in.ok", "user": user, "role": "uploader", "via": "password", "client": client}
    ]
    assert events(log_file, "sign_out") == [{"event": "sign_out", "user": user}]
    assert events(log_file, "user.role") == [{"event": "user.role", "user": user, "role": "steering", "by": admin}]
    assert events(log_file, "password.reset") == [{"event": "password.reset", "user": user, "by": admin}]
    [refused] = events(log_file, "import.refused")
    assert refused["via"] == "upload" and refused["sha256"] == hashlib.sha256(bad).hexdigest()
    assert int(refused["errors"]) >= 1 and int(refused["problems"]) >= int(refused["errors"])
    assert events(log_file, "import.stored") == [
        {
            "event": "import.stored",
            "code": HACKNEY,
            "year": "2024",
            "version": "1",
            "sha256": hashlib.sha256(good).hexdigest(),
            "by": user,
        }
    ]
    assert [(e["status"], e["code"], e["returns"]) for e in events(log_file, "publication.status")] == [
        ("published", HACKNEY, "1"),
        ("queried", "all", "1"),
        ("withdrawn", "all", "1"),
    ]
    [fault] = events(log_file, "fault")
    assert fault["reference"] == reference and fault["what"] == "The page 'Upload returns' failed"
    log = log_file.read_text()
    assert "Traceback" in log and "sheet_about" in log and "[SQL parameters hidden" in log
    assert_no_personal_data(log)
    assert all(LINE.fullmatch(line) for line in log.splitlines() if not line.startswith(" ")), log


def test_the_command_line_logs_to_wayahead_log_file_without_personal_data(engine, database_url, tmp_path, monkeypatch):
    """End to end: `python -m wayahead` as a process, its log read back from WAYAHEAD_LOG_FILE."""
    from wayahead.cli.main import _actor

    monkeypatch.setenv("WAYAHEAD_LOG_SECRET", SECRET)
    log_path = tmp_path / "cli.log"
    env = os.environ | {
        "WAYAHEAD_DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        "WAYAHEAD_LOG_FILE": str(log_path),
        "WAYAHEAD_LOG_SECRET": SECRET,
        "WAYAHEAD_PASSWORD": "a long enough password",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wayahead", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    sample = (sample_files() or write_sample_files())[0]
    (tmp_path / "ada-officer-good.xlsx").write_bytes(sample.read_bytes())
    bad, _ = with_answer("About", "Financial year", "not a year")
    (tmp_path / "ada-officer-bad.xlsx").write_bytes(bad)
    done = run("import", "ada-officer-good.xlsx", "ada-officer-bad.xlsx", "--by", "Ada Officer")
    assert done.returncode == 1 and done.stderr == ""  # the terminal shows the plain lines only
    assert run("users", "add", EMAIL, "--role", "uploader").returncode == 0
    assert run("users", "set-role", EMAIL, "admin").returncode == 0
    assert run("history", f"Nowhere {EMAIL}", "2024").returncode == 2

    code, year = sample.stem.split("_")[1], int(sample.stem.split("_")[2][:4])
    [stored] = events(log_path, "import.stored")
    assert stored == {
        "event": "import.stored",
        "code": code,
        "year": str(year),
        "version": "1",
        "sha256": hashlib.sha256(sample.read_bytes()).hexdigest(),
        "by": pseudonym(_actor("Ada Officer")),
    }
    [refused] = events(log_path, "import.refused")
    assert (
        refused["via"] == "cli" and refused["sha256"] == hashlib.sha256(bad).hexdigest() and int(refused["errors"]) >= 1
    )
    assert events(log_path, "cli.refused") == [{"event": "cli.refused", "command": "import", "exit": "1"}]
    assert [e["user"] for e in events(log_path, "user.added") + events(log_path, "user.role")] == [pseudonym(EMAIL)] * 2
    assert events(log_path, "cli.usage") == [{"event": "cli.usage", "exit": "2"}]
    assert_no_personal_data(log_path.read_text())
