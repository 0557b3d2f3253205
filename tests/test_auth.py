"""Roles, local accounts, login rate limits, sessions, SSO role mapping and the users command."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from wayahead import cli
from wayahead.auth import (
    MAX_FAILURES,
    AuthError,
    add_user,
    allows,
    expired,
    list_users,
    set_disabled,
    set_role,
    sign_in,
    sign_in_required,
    sso_role,
    role_for,
)
from wayahead.audit import audit_entries
from wayahead.store.schema import users

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


def test_failed_sign_ins_lock_the_email_for_the_window(engine):
    add_user(engine, "ada@council.gov.uk", "uploader", PASSWORD)
    start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.timezone.utc)
    for minute in range(MAX_FAILURES):
        assert sign_in(engine, "ada@council.gov.uk", "not the password", start + dt.timedelta(minutes=minute)).user is None
    locked = sign_in(engine, "ada@council.gov.uk", PASSWORD, start + dt.timedelta(minutes=10))
    assert locked.user is None and "Too many failed attempts" in locked.message
    later = sign_in(engine, "ada@council.gov.uk", PASSWORD, start + dt.timedelta(minutes=30))
    assert later.user is not None


def test_disabled_accounts_cannot_sign_in_and_changes_are_audited(engine):
    add_user(engine, "ada@council.gov.uk", "uploader", PASSWORD, actor="boss@x.org")
    set_disabled(engine, "ada@council.gov.uk", True, "boss@x.org")
    assert sign_in(engine, "ada@council.gov.uk", PASSWORD).user is None
    set_disabled(engine, "ada@council.gov.uk", False, "boss@x.org")
    set_role(engine, "ada@council.gov.uk", "admin", "boss@x.org")
    assert sign_in(engine, "ada@council.gov.uk", PASSWORD).user.role == "admin"

    log = audit_entries(engine)
    assert list(log["Action"]) == ["user change", "user change", "user change", "user add"]
    assert set(log["Who"]) == {"boss@x.org"}
    assert log["Detail"].iloc[0] == "ada@council.gov.uk: role set to admin"


def test_sessions_expire_after_eight_idle_hours():
    seen = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.timezone.utc)
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
    assert capsys.readouterr().out.strip() == "boss@wayahead.org\tuploader\tdisabled"
    assert list_users(engine)[0]["local password"] is True


def test_password_prompt_needs_the_same_password_twice(engine, database_url, monkeypatch):
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    monkeypatch.delenv("WAYAHEAD_PASSWORD", raising=False)
    answers = iter(["first password here", "other password here"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["users", "add", "boss@wayahead.org", "--role", "admin"]) == 1
    assert list_users(engine) == []
