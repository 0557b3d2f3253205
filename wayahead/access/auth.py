"""Who may do what: roles, local accounts (argon2 hashes), login rate limits, sessions, SSO roles.

Roles rank viewer < uploader < admin. Viewing is open unless sign-in is required
(WAYAHEAD_REQUIRE_SIGN_IN=1 or `require_sign_in = true` under [wayahead] in secrets); uploading
and restoring need uploader; managing users needs admin. Every user change goes to the audit log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import getpass
import hashlib
import logging
import math
import os
import secrets
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, case, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from wayahead.access.roles import ROLES, Role
from wayahead.logs import event, pseudonym
from wayahead.returns.london import BY_CODE, find_authority
from wayahead.store.audit import aware, now
from wayahead.store.audit import record as audit
from wayahead.store.schema import login_throttle, sessions, users

FREE_FAILURES = 3  # failed attempts (per client, per account) before any delay
FAILURE_WINDOW = dt.timedelta(minutes=15)  # failures older than this are forgotten
ACCOUNT_DELAY_CAP = dt.timedelta(minutes=1)
CLIENT_DELAY_CAP = dt.timedelta(minutes=15)
IDLE_LIMIT = dt.timedelta(hours=8)
MIN_PASSWORD_LENGTH = 12
_HASHER = PasswordHasher()
LOG = logging.getLogger("wayahead.access")  # people appear as pseudonyms (wayahead.logs.pseudonym), never addresses


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
    authority: str | None = None  # an uploader limited to this authority's returns (ONS code)

    def may_handle(self, code: str | None) -> bool:
        """Whether this user may upload, or see unpublished returns, for authority `code`."""
        return self.authority is None or code == self.authority


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    message: str
    retry_after: int | None = None  # seconds to wait, when the attempt was not checked


def allows(role: str | None, needed: Role) -> bool:
    """True when `role` is at least `needed` (None, i.e. not signed in, allows nothing)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def normal_email(email: str) -> str:
    return email.strip().lower()


def _check_role(role: str) -> Role:
    if role not in ROLES:
        raise AuthError(f"Unknown role {role!r}; use one of: {', '.join(ROLES)}.")
    return role


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")


def add_user(
    engine: Engine,
    email: str,
    role: str,
    password: str | None,
    actor: str = "command line",
    authority: str | None = None,
) -> User:
    """Create a local account (password None: a single-sign-on user with no local password);
    with `authority`, an uploader limited to that authority's returns."""
    email, role = normal_email(email), _check_role(role)
    if "@" not in email:
        raise AuthError(f"{email!r} is not an e-mail address.")
    authority = _check_authority(authority, role)
    if password is not None:
        _check_password(password)
    with engine.begin() as connection:
        if connection.scalar(select(users.c.email).where(users.c.email == email)) is not None:
            raise AuthError(f"{email} already has an account; change its role instead.")
        connection.execute(
            insert(users).values(
                email=email,
                role=role,
                created_at=now(),
                disabled=False,
                password_hash=_HASHER.hash(password) if password is not None else None,
                authority=authority,
            )
        )
        limited = f", for {BY_CODE[authority].name} only" if authority else ""
        audit(connection, actor, "user add", f"{email} added as {role}{limited}")
    event(LOG, "user.added", user=pseudonym(email), role=role, password=password is not None, by=pseudonym(actor))
    return User(email, role, authority=authority)


def _check_authority(authority: str | None, role: str) -> str | None:
    """An authority limit, as an ONS code: only an uploader account can have one."""
    if authority is None:
        return None
    found = find_authority(authority)
    if found is None:
        raise AuthError(f"{authority!r} is not a London authority; give its name or ONS code (E09000012).")
    if role != "uploader":
        raise AuthError("Only an uploader account can be limited to one authority.")
    return found.code


def authority_of(engine: Engine, email: str) -> str | None:
    """The authority an account is limited to, or None (not limited, or no account)."""
    with engine.connect() as connection:
        return connection.scalar(select(users.c.authority).where(users.c.email == normal_email(email)))


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Every account: e-mail, role, created, disabled, whether it has a local password, and the
    authority an uploader is limited to ('All' when not limited)."""
    with engine.connect() as connection:
        rows = connection.execute(select(users).order_by(users.c.email)).mappings()
        return [
            {
                "email": r["email"],
                "role": r["role"],
                "created_at": r["created_at"],
                "disabled": r["disabled"],
                "local password": r["password_hash"] is not None,
                "authority": BY_CODE[r["authority"]].name if r["authority"] else "All",
            }
            for r in rows
        ]


def _change(
    engine: Engine, email: str, values: dict[str, Any], actor: str, detail: str, sign_out: bool = False
) -> None:
    """Change an account (and, with `sign_out`, end its sessions everywhere); audit-logged."""
    email = normal_email(email)
    with engine.begin() as connection:
        changed = connection.execute(update(users).where(users.c.email == email).values(**values)).rowcount
        if not changed:
            raise AuthError(f"There is no account for {email}.")
        if sign_out:
            connection.execute(sessions.delete().where(sessions.c.email == email))
        audit(connection, actor, "user change", f"{email}: {detail}")


def set_role(engine: Engine, email: str, role: str, actor: str) -> None:
    _change(engine, email, {"role": _check_role(role)}, actor, f"role set to {role}")
    event(LOG, "user.role", user=pseudonym(email), role=role, by=pseudonym(actor))


def set_disabled(engine: Engine, email: str, disabled: bool, actor: str) -> None:
    _change(engine, email, {"disabled": disabled}, actor, "disabled" if disabled else "enabled", sign_out=disabled)
    event(LOG, "user.disabled" if disabled else "user.enabled", user=pseudonym(email), by=pseudonym(actor))


def change_account(engine: Engine, email: str, role: str | None, disabled: bool | None, actor: str) -> None:
    """An admin's change to an account: a new role and/or access (None keeps it). An admin may
    not remove their own admin access (AuthError), so an app always keeps one admin who can act."""
    if email == actor and (disabled or (role is not None and role != "admin")):
        raise AuthError("You cannot remove your own admin access; ask another admin.")
    if role is not None:
        set_role(engine, email, role, actor)
    if disabled is not None:
        set_disabled(engine, email, disabled, actor)


def set_password(engine: Engine, email: str, password: str, actor: str, again: str | None = None) -> None:
    """Give an account a new local password (an admin's reset, or `users reset-password`): the
    password must be long enough and, when `again` is given, typed the same twice. The account
    is signed out everywhere and its sign-in delay cleared; audit-logged, without the password."""
    if again is not None and again != password:
        raise AuthError("The two passwords differ; nothing was changed.")
    _check_password(password)
    _change(
        engine,
        email,
        {"password_hash": _HASHER.hash(password)},
        actor,
        "password reset; signed out everywhere",
        sign_out=True,
    )
    with engine.begin() as connection:
        connection.execute(login_throttle.delete().where(login_throttle.c.key == _key("account", normal_email(email))))
    event(LOG, "password.reset", user=pseudonym(email), by=pseudonym(actor))


def _delay(failures: int, cap: dt.timedelta) -> dt.timedelta:
    """How long to wait after `failures` recent failures: none for the first FREE_FAILURES, then
    1 s doubling each time, at most `cap`."""
    if failures < FREE_FAILURES:
        return dt.timedelta(0)
    return min(dt.timedelta(seconds=2 ** min(failures - FREE_FAILURES, 20)), cap)


def _key(kind: str, value: str) -> str:
    """A throttle key; hashed, so an e-mail typed for no account is never kept in clear."""
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


class _Refused(Exception):
    def __init__(self, until: dt.datetime) -> None:
        self.until = until


def _claim(connection: Connection, key: str, at: dt.datetime, cap: dt.timedelta) -> int:
    """Count one attempt against `key`, atomically (the UPDATE locks the row until commit, so
    parallel attempts each see the others' counts); raise _Refused while its delay runs."""
    dialect = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}[connection.dialect.name]
    connection.execute(
        dialect(login_throttle).values(key=key, failures=0, last_failure=at, next_at=at).on_conflict_do_nothing()  # type: ignore[attr-defined]  # both dialects' insert() have it
    )
    t = login_throttle.c
    failures = connection.scalar(
        update(login_throttle)
        .where(t.key == key, t.next_at <= at)
        .values(
            failures=case((t.last_failure < at - FAILURE_WINDOW, 1), else_=t.failures + 1),
            last_failure=at,
        )
        .returning(t.failures)
    )
    if failures is None:  # waiting (or the row went in a password reset just now: try again in a second)
        until = connection.scalar(select(t.next_at).where(t.key == key))
        raise _Refused(aware(until) if until is not None else at + dt.timedelta(seconds=1))
    connection.execute(update(login_throttle).where(t.key == key).values(next_at=at + _delay(failures, cap)))
    return failures


def _claim_attempt(engine: Engine, email: str, client: str, at: dt.datetime) -> dt.datetime | None:
    """Count an attempt for this client and this account in one transaction: None when it may go
    ahead, else the time the delay ends (and nothing is counted)."""
    try:
        with engine.connect().execution_options(writer=True) as connection, connection.begin():
            _claim(connection, _key("client", client), at, CLIENT_DELAY_CAP)
            _claim(connection, _key("account", email), at, ACCOUNT_DELAY_CAP)
    except _Refused as refused:
        return refused.until
    return None


def _forget_old_attempts(engine: Engine, at: dt.datetime) -> None:
    """Delete the throttle rows whose failures are forgotten and whose delay is over: such a row
    counts the same as none, and without this every address ever typed would keep one. On
    PostgreSQL, rows another sign-in holds are skipped (left for the next time), so this never
    waits for a lock while holding others, which is what a deadlock needs."""
    t = login_throttle.c
    stale = (t.last_failure < at - FAILURE_WINDOW) & (t.next_at <= at)
    with engine.connect().execution_options(writer=True) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            free = select(t.key).where(stale).with_for_update(skip_locked=True).scalar_subquery()
            connection.execute(delete(login_throttle).where(t.key.in_(free)))
        else:
            connection.execute(delete(login_throttle).where(stale))


def _settle_success(engine: Engine, email: str, client: str, at: dt.datetime) -> None:
    """A right password: the account starts afresh, the client's count loses this attempt."""
    t = login_throttle.c
    with engine.connect().execution_options(writer=True) as connection, connection.begin():
        connection.execute(update(login_throttle).where(t.key == _key("account", email)).values(failures=0, next_at=at))
        connection.execute(
            update(login_throttle)
            .where(t.key == _key("client", client))
            .values(failures=case((t.failures > 0, t.failures - 1), else_=0))
        )


def sign_in(
    engine: Engine, email: str, password: str, at: dt.datetime | None = None, client: str = "unknown"
) -> SignInResult:
    """Check a local password, slowed down per client and per account; audit-logged.

    Every attempt is counted in the database before the password is checked, so parallel
    attempts and several app processes share one count. After FREE_FAILURES recent failures an
    attempt must wait (1 s, doubling; at most ACCOUNT_DELAY_CAP for an account, so other
    people's guesses can delay its owner but never lock them out). The answer is the same
    whether or not the account exists.
    """
    email, at = normal_email(email), at or now()
    until = _claim_attempt(engine, email, client, at)
    if until is not None:
        seconds = max(1, math.ceil((until - at).total_seconds()))
        event(
            LOG, "sign_in.throttled", logging.WARNING, client=pseudonym(client, "c"), wait=seconds
        )  # the account may not exist
        return SignInResult(None, f"Too many sign-in attempts. Wait {seconds} seconds and try again.", seconds)
    _forget_old_attempts(engine, at)
    with engine.connect() as connection:
        row = connection.execute(select(users).where(users.c.email == email)).mappings().first()
    ok = _verify(row["password_hash"] if row else None, password) and row is not None and not row["disabled"]
    with engine.begin() as connection:
        if ok:
            audit(connection, email, "sign in", f"signed in with a password from {client}")
        elif row is not None:
            audit(connection, email, "sign-in failed", f"wrong password, or the account is disabled; from {client}")
        else:  # the address itself is not kept: it may be a password typed in the wrong box
            audit(
                connection, "(no such account)", "sign-in failed", f"an e-mail address with no account; from {client}"
            )
    if not ok:  # an address with no account is not logged even as a pseudonym: it may be a password
        event(
            LOG,
            "sign_in.failed",
            logging.WARNING,
            user=pseudonym(email) if row else "none",
            client=pseudonym(client, "c"),
        )
        return SignInResult(None, "E-mail or password not recognised (or the account is disabled).")
    _settle_success(engine, email, client, at)
    assert row is not None
    event(LOG, "sign_in.ok", user=pseudonym(email), role=row["role"], via="password", client=pseudonym(client, "c"))
    return SignInResult(
        User(email, row["role"], authority=authority_of(engine, email)), f"Signed in as {email} ({row['role']})."
    )


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


GRANT_LIFETIME = dt.timedelta(minutes=1)
TOUCH_EVERY = dt.timedelta(minutes=1)  # how stale a session's last_seen may get before it is written


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(engine: Engine, email: str, via: str, at: dt.datetime | None = None, client: str = "unknown") -> str:
    """Open a session for `email` and return its one-time grant, which the cookie route
    (wayahead.access.web) exchanges within GRANT_LIFETIME for the token it sets as a cookie. A single
    sign-on is audit-logged here (a password sign-in already was, by sign_in)."""
    at, grant = at or now(), secrets.token_urlsafe(32)
    with engine.begin() as connection:
        if via == "sso":
            audit(connection, normal_email(email), "sign in", f"signed in with single sign-on from {client}")
        connection.execute(sessions.delete().where(sessions.c.last_seen < at - IDLE_LIMIT))
        connection.execute(
            insert(sessions).values(
                grant_hash=_digest(grant),
                email=normal_email(email),
                via=via,
                created_at=at,
                last_seen=at,
            )
        )
    if via == "sso":
        event(LOG, "sign_in.ok", user=pseudonym(normal_email(email)), via="sso", client=pseudonym(client, "c"))
    return grant


def redeem_grant(engine: Engine, grant: str, at: dt.datetime | None = None) -> str | None:
    """The session token for a fresh, unused grant (once only), else None."""
    at, token = at or now(), secrets.token_urlsafe(32)
    with engine.begin() as connection:
        changed = connection.execute(
            update(sessions)
            .where(
                sessions.c.grant_hash == _digest(grant),
                sessions.c.token_hash.is_(None),
                sessions.c.created_at > at - GRANT_LIFETIME,
            )
            .values(grant_hash=None, token_hash=_digest(token), last_seen=at)
        ).rowcount
    return token if changed == 1 else None


@dataclass(frozen=True)
class Session:
    """What a session token stands for now: whose it is, or why it no longer counts."""

    email: str | None
    via: str = "password"
    expired: bool = False


def resume_session(engine: Engine, token: str, at: dt.datetime | None = None) -> Session:
    """Look a token up; an idle session ends (IDLE_LIMIT), a live one is marked as seen now."""
    at = at or now()
    with engine.connect() as connection:
        row = connection.execute(select(sessions).where(sessions.c.token_hash == _digest(token))).mappings().first()
    if row is None:
        return Session(None)
    if expired(aware(row["last_seen"]), at):
        _end_session(engine, token, "session.expired")
        return Session(None, row["via"], expired=True)
    if at - aware(row["last_seen"]) > TOUCH_EVERY:
        with engine.begin() as connection:
            connection.execute(update(sessions).where(sessions.c.id == row["id"]).values(last_seen=at))
    return Session(row["email"], row["via"])


def end_session(engine: Engine, token: str) -> None:
    """Sign out: the session ends on every process."""
    _end_session(engine, token, "sign_out")


def _end_session(engine: Engine, token: str, why: str) -> None:
    with engine.begin() as connection:
        email = connection.execute(
            sessions.delete().where(sessions.c.token_hash == _digest(token)).returning(sessions.c.email)
        ).scalar()
    if email is not None:  # logged once, however many times the browser asks
        event(LOG, why, user=pseudonym(email))


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


SSO_FRESH = dt.timedelta(minutes=5)  # how recent a single sign-on must be to open a session


def sso_email(claims: Mapping[str, Any], settings: Mapping[str, Any]) -> str | None:
    """The e-mail address of a single sign-on, when it can be trusted: the identity provider
    says it verified it (`email_verified`), or the sign-on comes from an issuer or a tenant
    (Entra ID `tid`) listed under [wayahead] as `sso_trusted_issuers` / `sso_trusted_tenants`.
    None otherwise: anyone could otherwise claim the address of an admin at a provider that
    lets users type their own."""
    email = normal_email(str(claims.get("email") or ""))
    if "@" not in email:
        return None
    verified = claims.get("email_verified") in (True, "true")
    trusted = claims.get("iss") in settings.get("sso_trusted_issuers", ()) or (
        claims.get("tid") is not None and claims.get("tid") in settings.get("sso_trusted_tenants", ())
    )
    return email if verified or trusted else None


def fresh_sso(claims: Mapping[str, Any], at: dt.datetime | None = None) -> bool:
    """True when the single sign-on happened within SSO_FRESH (its `iat`, issued-at)."""
    issued = claims.get("iat")
    if not isinstance(issued, (int, float)):
        return False
    return (at or now()) - dt.datetime.fromtimestamp(issued, dt.UTC) <= SSO_FRESH


def role_for(engine: Engine, email: str, allow: Mapping[str, Sequence[str]] | None = None) -> Role | None:
    """The role this person has now: their account's (None if disabled), else from the SSO allow-lists."""
    with engine.connect() as connection:
        row = connection.execute(
            select(users.c.role, users.c.disabled).where(users.c.email == normal_email(email))
        ).first()
    if row is not None:
        return None if row.disabled else row.role
    return sso_role(email, allow or {})


def sign_in_required(secrets: Mapping[str, Any] | None = None) -> bool:
    """True when the app is set to need sign-in for viewing too (env or [wayahead] secrets)."""
    if os.environ.get("WAYAHEAD_REQUIRE_SIGN_IN", "").strip().lower() in {"1", "true", "yes"}:
        return True
    return bool((secrets or {}).get("require_sign_in", False))


# --- command line: `python -m wayahead users add|list|set-role|disable|enable|reset-password` ---------------


def run_users_command(args: argparse.Namespace, engine: Engine) -> int:
    """Carry out a parsed `users` command; prints what happened; returns the exit code."""
    actor = f"{getpass.getuser()} (command line)"
    try:
        if args.users_action == "add":
            if args.authority:
                _check_authority(args.authority, args.role)  # before the password is asked for
            user = add_user(engine, args.email, args.role, _read_password(), actor, args.authority)
            limited = f", for {BY_CODE[user.authority].name} only" if user.authority else ""
            print(f"Added {user.email} as {user.role}{limited}.")
        elif args.users_action == "list":
            for row in list_users(engine):
                state = "disabled" if row["disabled"] else "active"
                print(f"{row['email']}\t{row['role']}\t{state}\t{row['authority']}")
        elif args.users_action == "reset-password":
            password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else _read_password()
            set_password(engine, args.email, password, actor)
            print(f"{normal_email(args.email)} has a new password and is signed out everywhere.")
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
