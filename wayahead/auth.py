"""Who may do what: roles, local accounts (argon2 hashes), login rate limits, sessions, SSO roles.

Roles rank viewer < uploader < admin. Viewing is open unless sign-in is required
(WAYAHEAD_REQUIRE_SIGN_IN=1 or `require_sign_in = true` under [wayahead] in secrets); uploading
and restoring need uploader; managing users needs admin. Every user change goes to the audit log.
"""

from __future__ import annotations

import functools

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, insert, select, update

from wayahead.store.returns import _audit as audit
from wayahead.store.returns import now
from wayahead.store.schema import login_attempts, users

Role = Literal["viewer", "uploader", "steering", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "uploader", "steering", "admin")  # steering: sets publication status
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
IDLE_LIMIT = dt.timedelta(hours=8)
MIN_PASSWORD_LENGTH = 12
_HASHER = PasswordHasher()
# Verified against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the account does not exist (same time either way); made
    on first use, not at import, so commands that never sign anyone in do not pay for it."""
    return _HASHER.hash("not a real password")


class AuthError(ValueError):
    """A user change that cannot be made (unknown role, user exists, weak password); says why."""


@dataclass(frozen=True)
class User:
    """A signed-in person: e-mail, role and how they signed in ('password' or 'sso')."""

    email: str
    role: Role
    via: str = "password"


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    message: str


def allows(role: str | None, needed: Role) -> bool:
    """True when `role` is at least `needed` (None, i.e. not signed in, allows nothing)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)  # type: ignore[arg-type]


def normal_email(email: str) -> str:
    return email.strip().lower()


def _check_role(role: str) -> Role:
    if role not in ROLES:
        raise AuthError(f"Unknown role {role!r}; use one of: {', '.join(ROLES)}.")
    return role  # type: ignore[return-value]


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")


def add_user(engine: Engine, email: str, role: str, password: str | None, actor: str = "command line") -> User:
    """Create a local account (password None: a single-sign-on user with no local password)."""
    email, role = normal_email(email), _check_role(role)
    if "@" not in email:
        raise AuthError(f"{email!r} is not an e-mail address.")
    if password is not None:
        _check_password(password)
    with engine.begin() as connection:
        if connection.scalar(select(users.c.email).where(users.c.email == email)) is not None:
            raise AuthError(f"{email} already has an account; change its role instead.")
        connection.execute(
            insert(users).values(
                email=email, role=role, created_at=now(), disabled=False,
                password_hash=_HASHER.hash(password) if password is not None else None,
            )
        )
        audit(connection, actor, "user add", f"{email} added as {role}")
    return User(email, role)


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Every account: e-mail, role, created, disabled, whether it has a local password."""
    with engine.connect() as connection:
        rows = connection.execute(select(users).order_by(users.c.email)).mappings()
        return [
            {"email": r["email"], "role": r["role"], "created_at": r["created_at"], "disabled": r["disabled"],
             "local password": r["password_hash"] is not None}
            for r in rows
        ]


def _change(engine: Engine, email: str, values: dict[str, Any], actor: str, detail: str) -> None:
    email = normal_email(email)
    with engine.begin() as connection:
        changed = connection.execute(update(users).where(users.c.email == email).values(**values)).rowcount
        if not changed:
            raise AuthError(f"There is no account for {email}.")
        audit(connection, actor, "user change", f"{email}: {detail}")


def set_role(engine: Engine, email: str, role: str, actor: str) -> None:
    _change(engine, email, {"role": _check_role(role)}, actor, f"role set to {role}")


def set_disabled(engine: Engine, email: str, disabled: bool, actor: str) -> None:
    _change(engine, email, {"disabled": disabled}, actor, "disabled" if disabled else "enabled")


def set_password(engine: Engine, email: str, password: str, actor: str) -> None:
    _check_password(password)
    _change(engine, email, {"password_hash": _HASHER.hash(password)}, actor, "password changed")


def recent_failures(engine: Engine, email: str, at: dt.datetime) -> int:
    """Failed sign-ins for `email` within FAILURE_WINDOW before `at`."""
    with engine.connect() as connection:
        return connection.scalar(
            select(func.count()).select_from(login_attempts).where(
                login_attempts.c.email == email,
                login_attempts.c.success.is_(False),
                login_attempts.c.at > at - FAILURE_WINDOW,
            )
        ) or 0


def sign_in(engine: Engine, email: str, password: str, at: dt.datetime | None = None) -> SignInResult:
    """Check a local password, rate-limited per e-mail; every attempt is recorded."""
    email, at = normal_email(email), at or now()
    if recent_failures(engine, email, at) >= MAX_FAILURES:
        minutes = int(FAILURE_WINDOW.total_seconds() // 60)
        return SignInResult(None, f"Too many failed attempts for this e-mail. Wait {minutes} minutes and try again.")
    with engine.connect() as connection:
        row = connection.execute(select(users).where(users.c.email == email)).mappings().first()
    ok = _verify(row["password_hash"] if row else None, password) and row is not None and not row["disabled"]
    with engine.begin() as connection:
        connection.execute(insert(login_attempts).values(email=email[:255], at=at, success=ok))
    if not ok:
        return SignInResult(None, "E-mail or password not recognised (or the account is disabled).")
    assert row is not None
    return SignInResult(User(email, row["role"]), f"Signed in as {email} ({row['role']}).")


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def expired(last_seen: dt.datetime, at: dt.datetime | None = None) -> bool:
    """True when a session has been idle longer than IDLE_LIMIT."""
    return (at or now()) - last_seen > IDLE_LIMIT


def sso_role(email: str, allow: Mapping[str, Sequence[str]]) -> Role | None:
    """The highest role whose allow-list names this e-mail or its domain ('@council.gov.uk').

    `allow` maps role → addresses/domains, e.g. {"admin": ["chair@x.org"], "uploader": ["@x.org"]}.
    None when the e-mail is on no list.
    """
    email = normal_email(email)
    domain = "@" + email.rsplit("@", 1)[-1]
    for role in reversed(ROLES):
        entries = {normal_email(e) for e in allow.get(role, ())}
        if email in entries or domain in entries:
            return role
    return None


def role_for(engine: Engine, email: str, allow: Mapping[str, Sequence[str]] | None = None) -> Role | None:
    """The role this person has now: their account's (None if disabled), else from the SSO allow-lists."""
    with engine.connect() as connection:
        row = connection.execute(select(users.c.role, users.c.disabled).where(users.c.email == normal_email(email))).first()
    if row is not None:
        return None if row.disabled else row.role
    return sso_role(email, allow or {})


def sign_in_required(secrets: Mapping[str, Any] | None = None) -> bool:
    """True when the app is set to need sign-in for viewing too (env or [wayahead] secrets)."""
    if os.environ.get("WAYAHEAD_REQUIRE_SIGN_IN", "").strip().lower() in {"1", "true", "yes"}:
        return True
    return bool((secrets or {}).get("require_sign_in", False))


# --- command line: `python -m wayahead users add|list|set-role|disable|enable` ---------------


def register_users_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `users` command (add, list, set-role, disable, enable) to the CLI's subparsers."""
    parser = subparsers.add_parser("users", help="manage sign-in accounts and roles")
    actions = parser.add_subparsers(dest="users_action", required=True)
    add = actions.add_parser("add", help="create an account (password prompted twice)")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, default="viewer")
    actions.add_parser("list", help="list accounts")
    role = actions.add_parser("set-role", help="change an account's role")
    role.add_argument("email")
    role.add_argument("role", choices=ROLES)
    for name in ("disable", "enable"):
        actions.add_parser(name, help=f"{name} an account").add_argument("email")


def run_users_command(args: argparse.Namespace, engine: Engine) -> int:
    """Carry out a parsed `users` command; prints what happened; returns the exit code."""
    actor = f"{getpass.getuser()} (command line)"
    try:
        if args.users_action == "add":
            user = add_user(engine, args.email, args.role, _read_password(), actor)
            print(f"Added {user.email} as {user.role}.")
        elif args.users_action == "list":
            for row in list_users(engine):
                state = "disabled" if row["disabled"] else "active"
                print(f"{row['email']}\t{row['role']}\t{state}")
        elif args.users_action == "set-role":
            set_role(engine, args.email, args.role, actor)
            print(f"{normal_email(args.email)} is now {args.role}.")
        else:
            set_disabled(engine, args.email, args.users_action == "disable", actor)
            print(f"{normal_email(args.email)} {args.users_action}d.")
    except AuthError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


def _read_password() -> str:
    """WAYAHEAD_PASSWORD (for scripts and tests), else prompted twice without echo."""
    given = os.environ.get("WAYAHEAD_PASSWORD")
    if given:
        return given
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise AuthError("The two passwords differ; nothing was changed.")
    return first
