"""Roles, local accounts, login rate limits, sessions, SSO role mapping and the users command."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select

from wayahead.access.auth import (
    ACCOUNT_DELAY_CAP,
    FAILURE_WINDOW,
    FREE_FAILURES,
    AuthError,
    add_user,
    allows,
    change_account,
    expired,
    list_users,
    role_for,
    set_disabled,
    set_role,
    sign_in,
    sign_in_required,
    sso_role,
)
from wayahead.cli import main as cli
from wayahead.store.audit import audit_entries
from wayahead.store.schema import users

ROOT = Path(__file__).resolve().parents[1]

PASSWORD = "a long enough secret"


def test_roles_rank_viewer_uploader_admin():
    assert allows("admin", "uploader") and allows("uploader", "uploader") and allows("viewer", "viewer")
    assert not allows("viewer", "uploader") and not allows("uploader", "admin")
    assert not allows(None, "viewer") and not allows("king", "viewer")


def test_passwords_are_stored_as_argon2_hashes_and_checked(engine):
    add_user(engine, " Ada@Council.gov.uk ", "uploader", PASSWORD)
    with engine.connect() as connection:
        stored = connection.scalar(select(users.c.password_hash).where(users.c.email == "ada@council.gov.uk"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored

    ok = sign_in(engine, "ADA@council.gov.uk", PASSWORD)
    assert ok.user is not None and ok.user.role == "uploader"
    assert sign_in(engine, "ada@council.gov.uk", "wrong password!!").user is None
    assert sign_in(engine, "nobody@council.gov.uk", PASSWORD).user is None


def test_bad_accounts_are_refused(engine):
    add_user(engine, "ada@council.gov.uk", "viewer", PASSWORD)
    with pytest.raises(AuthError, match="already has an account"):
        add_user(engine, "ada@council.gov.uk", "admin", PASSWORD)
    with pytest.raises(AuthError, match="at least"):
        add_user(engine, "bob@council.gov.uk", "viewer", "short")
    with pytest.raises(AuthError, match="Unknown role"):
        add_user(engine, "bob@council.gov.uk", "owner", PASSWORD)
    with pytest.raises(AuthError, match="no account"):
        set_role(engine, "bob@council.gov.uk", "admin", "test")


START = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)


def _seconds(n: float) -> dt.datetime:
    return START + dt.timedelta(seconds=n)


def test_other_peoples_guesses_delay_the_owner_but_never_lock_them_out(engine):
    """Guesses from many addresses, each as soon as allowed, for 20 minutes: the owner waits at
    most the account's delay, and the right password then works."""
    add_user(engine, "chair@wayahead.org", "admin", PASSWORD)
    clock, guesses, checked = 0.0, 0, 0
    while clock < 1200:
        result = sign_in(
            engine, "chair@wayahead.org", "guess", _seconds(clock), client=f"10.0.{guesses // 250}.{guesses % 250}"
        )
        guesses += 1
        checked += result.retry_after is None
        last_checked = clock if result.retry_after is None else None
        clock += result.retry_after or 0.5
    assert 20 < checked < 35  # slowed to about one checked guess a minute after the first few
    while last_checked is None:  # end on a checked guess, the owner coming straight after it
        result = sign_in(engine, "chair@wayahead.org", "guess", _seconds(clock), client="10.9.9.9")
        last_checked = clock if result.retry_after is None else None
        clock += result.retry_after or 0.5
    early = sign_in(engine, "chair@wayahead.org", PASSWORD, _seconds(last_checked + 1), client="192.0.2.7")
    waited = sign_in(engine, "chair@wayahead.org", PASSWORD, _seconds(last_checked + 60), client="192.0.2.7")
    assert (
        early.user is None and early.retry_after is not None and early.retry_after <= ACCOUNT_DELAY_CAP.total_seconds()
    )
    assert "Too many sign-in attempts. Wait" in early.message
    assert waited.user is not None and waited.user.role == "admin"


def test_attempts_are_forgotten_once_their_window_and_delay_are_over(engine):
    """Every address and client typed used to keep a throttle row for ever (a flood of made-up
    addresses filled the table). A row whose failures are forgotten and whose delay is over is
    deleted at the next sign-in; a client still being slowed down keeps its row and its delay."""
    for n in range(20):
        sign_in(engine, f"made-up-{n}@example.org", "guess", _seconds(n), client=f"198.51.100.{n}")
    assert _throttle_rows(engine) == 20 * 2
    clock, failures = FAILURE_WINDOW.total_seconds() + 60, 0
    while failures < FREE_FAILURES + 4:  # one client guessing, each time as soon as it may
        result = sign_in(engine, f"user{failures}@wayahead.org", "guess", _seconds(clock), client="203.0.113.9")
        failures += result.retry_after is None
        clock += result.retry_after or 0.5
    assert _throttle_rows(engine) == 1 + failures  # the made-up ones forgotten; the client and its addresses kept
    slowed = sign_in(engine, "another@wayahead.org", "guess", _seconds(clock), client="203.0.113.9")
    assert slowed.retry_after is not None  # its delay was kept


def _throttle_rows(engine) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func

    from wayahead.store.schema import login_throttle

    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(login_throttle))


def test_one_client_guessing_many_accounts_is_slowed_down_too(engine):
    for n in range(FREE_FAILURES):
        assert (
            "not recognised"
            in sign_in(engine, f"user{n}@wayahead.org", "guess", _seconds(n), client="203.0.113.9").message
        )
    refused = sign_in(engine, "another@wayahead.org", "guess", _seconds(FREE_FAILURES - 0.5), client="203.0.113.9")
    assert refused.retry_after is not None and "Wait" in refused.message
    assert (
        sign_in(
            engine, "another@wayahead.org", "guess", _seconds(FREE_FAILURES - 0.5), client="198.51.100.1"
        ).retry_after
        is None
    )


def test_the_same_answer_whether_or_not_the_account_exists(engine):
    add_user(engine, "ada@council.gov.uk", "uploader", PASSWORD)
    for n in range(FREE_FAILURES + 1):
        known = sign_in(engine, "ada@council.gov.uk", "guess", _seconds(n), client=f"a{n}")
        unknown = sign_in(engine, "nobody@council.gov.uk", "guess", _seconds(n), client=f"b{n}")
        assert (known.message, known.retry_after) == (unknown.message, unknown.retry_after)


def test_thirty_parallel_guesses_are_counted_one_by_one(engine):
    """Before, each attempt checked the count and then added to it, so all 30 got through."""
    add_user(engine, "chair@wayahead.org", "admin", PASSWORD)
    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(
            pool.map(lambda _: sign_in(engine, "chair@wayahead.org", "guess", START, client="203.0.113.5"), range(30))
        )
    checked = [r for r in results if r.retry_after is None]
    assert len(checked) == FREE_FAILURES
    assert all(r.user is None for r in results)
    assert len(audit_entries(engine).query("Action == 'sign-in failed'")) == FREE_FAILURES


def test_parallel_sign_ins_each_forgetting_old_attempts_all_finish(engine):
    """Ten sign-ins at once, each clearing the same 24 forgotten rows as it claims its own:
    none waits on another's rows (PostgreSQL would report a deadlock), and none is left."""
    for n in range(12):
        sign_in(engine, f"made-up-{n}@example.org", "guess", _seconds(n), client=f"192.0.2.{n}")
    later = _seconds(FAILURE_WINDOW.total_seconds() + 200)
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(
            pool.map(lambda n: sign_in(engine, f"u{n}@wayahead.org", "guess", later, client=f"10.1.0.{n}"), range(10))
        )
    assert all(r.retry_after is None and r.user is None for r in results)
    assert _throttle_rows(engine) == 10 * 2


def test_sign_ins_and_failures_are_audited_without_passwords(engine):
    add_user(engine, "ada@council.gov.uk", "uploader", PASSWORD, actor="boss@x.org")
    sign_in(engine, "ada@council.gov.uk", "wrong password here", client="198.51.100.4")
    sign_in(engine, "mistyped-secret@council.gov.uk", PASSWORD, client="198.51.100.4")
    sign_in(engine, "ada@council.gov.uk", PASSWORD, client="198.51.100.4")
    log = audit_entries(engine)
    assert list(log["Action"]) == ["sign in", "sign-in failed", "sign-in failed", "user add"]
    assert list(log["Who"])[:3] == ["ada@council.gov.uk", "(no such account)", "ada@council.gov.uk"]
    assert all("198.51.100.4" in detail for detail in log["Detail"][:3])
    text = log.to_string()
    assert PASSWORD not in text and "wrong password here" not in text and "mistyped-secret" not in text


def test_disabled_accounts_cannot_sign_in_and_changes_are_audited(engine):
    add_user(engine, "ada@council.gov.uk", "uploader", PASSWORD, actor="boss@x.org")
    set_disabled(engine, "ada@council.gov.uk", True, "boss@x.org")
    assert sign_in(engine, "ada@council.gov.uk", PASSWORD).user is None
    set_disabled(engine, "ada@council.gov.uk", False, "boss@x.org")
    set_role(engine, "ada@council.gov.uk", "admin", "boss@x.org")
    assert sign_in(engine, "ada@council.gov.uk", PASSWORD).user.role == "admin"

    log = audit_entries(engine).query("Action.str.startswith('user')")
    assert list(log["Action"]) == ["user change", "user change", "user change", "user add"]
    assert set(log["Who"]) == {"boss@x.org"}
    assert log["Detail"].iloc[0] == "ada@council.gov.uk: role set to admin"


def test_an_admin_cannot_remove_their_own_admin_access_but_another_admin_can(engine):
    add_user(engine, "boss@council.gov.uk", "admin", PASSWORD, actor="setup")
    add_user(engine, "other@council.gov.uk", "admin", PASSWORD, actor="setup")
    for role, disabled in (("viewer", None), (None, True), ("uploader", False)):
        with pytest.raises(AuthError, match="cannot remove your own admin access"):
            change_account(engine, "boss@council.gov.uk", role, disabled, "boss@council.gov.uk")
    change_account(engine, "boss@council.gov.uk", "admin", False, "boss@council.gov.uk")  # keeping it is fine
    change_account(engine, "boss@council.gov.uk", "viewer", True, "other@council.gov.uk")
    account = next(a for a in list_users(engine) if a["email"] == "boss@council.gov.uk")
    assert (account["role"], account["disabled"]) == ("viewer", True)


def test_sessions_expire_after_eight_idle_hours():
    seen = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
    assert not expired(seen, seen + dt.timedelta(hours=7, minutes=59))
    assert expired(seen, seen + dt.timedelta(hours=8, minutes=1))


def test_sso_roles_come_from_allow_lists_or_accounts(engine):
    allow = {"admin": ["chair@wayahead.org"], "uploader": ["@camden.gov.uk"], "viewer": ["@wayahead.org"]}
    assert sso_role("Chair@WayAhead.org", allow) == "admin"
    assert sso_role("officer@camden.gov.uk", allow) == "uploader"
    assert sso_role("member@wayahead.org", allow) == "viewer"
    assert sso_role("someone@elsewhere.com", allow) is None

    add_user(engine, "officer@camden.gov.uk", "viewer", None)
    assert role_for(engine, "officer@camden.gov.uk", allow) == "viewer"
    set_disabled(engine, "officer@camden.gov.uk", True, "test")
    assert role_for(engine, "officer@camden.gov.uk", allow) is None
    assert role_for(engine, "other@camden.gov.uk", allow) == "uploader"


def test_sign_in_can_be_required_by_env_or_secrets(monkeypatch):
    monkeypatch.delenv("WAYAHEAD_REQUIRE_SIGN_IN", raising=False)
    assert not sign_in_required({})
    assert sign_in_required({"require_sign_in": True})
    monkeypatch.setenv("WAYAHEAD_REQUIRE_SIGN_IN", "1")
    assert sign_in_required({})


def test_users_command_adds_changes_and_lists(engine, database_url, monkeypatch, capsys):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    monkeypatch.setenv("WAYAHEAD_PASSWORD", PASSWORD)
    assert cli.main(["users", "add", "boss@wayahead.org", "--role", "admin"]) == 0
    assert cli.main(["users", "set-role", "boss@wayahead.org", "uploader"]) == 0
    assert cli.main(["users", "disable", "boss@wayahead.org"]) == 0
    assert cli.main(["users", "add", "boss@wayahead.org"]) == 1
    assert cli.main(["users", "set-role", "boss@wayahead.org", "king"]) == 2
    capsys.readouterr()
    assert cli.main(["users", "list"]) == 0
    assert capsys.readouterr().out.strip() == "boss@wayahead.org\tuploader\tdisabled\tAll"
    assert list_users(engine)[0]["local password"] is True


def test_password_prompt_needs_the_same_password_twice(engine, database_url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    monkeypatch.delenv("WAYAHEAD_PASSWORD", raising=False)
    answers = iter(["first password here", "other password here"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["users", "add", "boss@wayahead.org", "--role", "admin"]) == 1
    assert list_users(engine) == []


def test_reset_password_command_reads_stdin_signs_out_everywhere_and_is_audited(engine, database_url):
    from wayahead.access.auth import redeem_grant, resume_session, start_session

    add_user(engine, "ada@council.gov.uk", "uploader", PASSWORD)
    token = redeem_grant(engine, start_session(engine, "ada@council.gov.uk", "password"))
    env = {"WAYAHEAD_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "wayahead", "users", "reset-password", "Ada@council.gov.uk", "--password-stdin"]
    short = subprocess.run(command, input="short\n", env=env, capture_output=True, text=True, cwd=ROOT)
    assert short.returncode == 1 and "at least 12 characters" in short.stderr
    done = subprocess.run(command, input="a brand new passphrase\n", env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ada@council.gov.uk has a new password and is signed out everywhere."
    assert sign_in(engine, "ada@council.gov.uk", PASSWORD).user is None
    assert sign_in(engine, "ada@council.gov.uk", "a brand new passphrase").user is not None
    assert resume_session(engine, token).email is None  # the session open before the reset has ended
    entry = audit_entries(engine).query("Action == 'user change'").iloc[0]
    assert entry["Detail"] == "ada@council.gov.uk: password reset; signed out everywhere"
    assert entry["Who"].endswith("(command line)")
    unknown = subprocess.run(
        [*command[:5], "nobody@council.gov.uk", "--password-stdin"],
        input="a brand new passphrase\n",
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert unknown.returncode == 1 and "There is no account for nobody@council.gov.uk." in unknown.stderr


def test_sessions_open_by_a_one_time_grant_and_end_after_eight_idle_hours(engine):
    from wayahead.access.auth import end_session, redeem_grant, resume_session, start_session

    late = start_session(engine, "ada@council.gov.uk", "password", at=START)
    assert redeem_grant(engine, late, at=START + dt.timedelta(minutes=2)) is None  # a grant lasts a minute
    grant = start_session(engine, "Ada@council.gov.uk", "password", at=START)
    token = redeem_grant(engine, grant, at=START + dt.timedelta(seconds=5))
    assert token and redeem_grant(engine, grant, at=START + dt.timedelta(seconds=6)) is None  # once only
    assert resume_session(engine, token, at=START + dt.timedelta(hours=7)).email == "ada@council.gov.uk"
    assert (
        resume_session(engine, token, at=START + dt.timedelta(hours=14)).email == "ada@council.gov.uk"
    )  # in use: still live
    ended = resume_session(engine, token, at=START + dt.timedelta(hours=22, minutes=1))
    assert ended.email is None and ended.expired
    assert resume_session(engine, token, at=START + dt.timedelta(hours=22, minutes=2)) == resume_session(
        engine, "made up"
    )
    other = redeem_grant(engine, start_session(engine, "ada@council.gov.uk", "password"))
    end_session(engine, other)
    assert resume_session(engine, other).email is None
