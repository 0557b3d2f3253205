"""Sign-in in the app: who is signed in, gates for pages, the local sign-in form.

Single sign-on (st.login) is used when an [auth] section is configured in secrets, with roles
from the allow-lists under [wayahead.roles] (or the users table); otherwise local accounts.
Either way a sign-in opens a session in the database, kept in an HttpOnly cookie set by the
app's own route (wayahead.access.web), so it survives reloads, bookmarks, new tabs and other app
processes, and ends after IDLE_LIMIT without activity.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st
from sqlalchemy import Engine

from wayahead.access import web
from wayahead.access.auth import (
    IDLE_LIMIT,
    User,
    allows,
    authority_of,
    end_session,
    expired,
    fresh_sso,
    resume_session,
    role_for,
    sign_in,
    sign_in_required,
    sso_email,
    start_session,
)
from wayahead.store.audit import now

SESSION_KEY = "wayahead_user"
EXPIRED_KEY = "wayahead_session_expired"
IDLE_HOURS = int(IDLE_LIMIT.total_seconds() // 3600)
REFRESH_EVERY = dt.timedelta(minutes=15)  # how often an active page renews the cookie's lifetime


def secrets_section(name: str) -> Mapping[str, Any]:
    """A section of .streamlit/secrets.toml, or {} when there is no such section or file."""
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return {}
    return section if isinstance(section, Mapping) else {}


def oidc_configured() -> bool:
    return bool(secrets_section("auth"))


def viewing_needs_sign_in() -> bool:
    return sign_in_required(secrets_section("wayahead"))


def client_address() -> str:
    """Who is knocking, for slowing down guesses: the proxy's X-Real-IP when the app is set to
    sit behind one (WAYAHEAD_BEHIND_PROXY=1 or `behind_proxy = true` under [wayahead]: only
    then can the header be trusted), else the websocket's address ("local" on localhost)."""
    behind = os.environ.get("WAYAHEAD_BEHIND_PROXY", "").strip().lower() in {"1", "true", "yes"}
    if behind or secrets_section("wayahead").get("behind_proxy"):
        forwarded = st.context.headers.get("X-Real-IP")
        if isinstance(forwarded, str) and forwarded.strip():
            return forwarded.strip()[:64]
    address = st.context.ip_address
    return address[:64] if isinstance(address, str) and address else "local"


def requested_path() -> str:
    """This page's path and query string, to come back to after signing in."""
    path = urlsplit(st.context.url or "/").path or "/"
    query = urlencode(st.query_params.to_dict())
    return web.safe_next(f"{path}?{query}" if query else path)


def _go(url: str) -> None:
    """Send the browser to `url` (a path of this app), with a link in case scripts are off."""
    target = json.dumps(url).replace("<", "\\u003c")
    st.html(f"<script>window.location.replace({target})</script>", unsafe_allow_javascript=True)
    st.link_button("Continue", url)


def _remember(engine: Engine, email: str, via: str, then: str) -> None:
    """Open a session for `email`: in this tab at once, and, when the cookie route is mounted,
    in the browser (the route sets the cookie and comes back to `then`)."""
    st.session_state[SESSION_KEY] = {"email": email, "via": via, "last_seen": now()}
    st.session_state.pop(EXPIRED_KEY, None)
    grant = start_session(engine, email, via, client=client_address())
    if web.mounted:
        _go(f"{web.SESSION_PATH}?{urlencode({'grant': grant, 'next': then})}")


def _cookie() -> str | None:
    """The session cookie sent when this page was loaded (None under AppTest, which has none)."""
    token = st.context.cookies.get(web.COOKIE)
    return token if isinstance(token, str) and token else None


def _from_cookie(engine: Engine) -> dict[str, Any] | None:
    """The session named by this browser's cookie (read when the page was loaded), if live."""
    token = _cookie()
    if token is None:
        return None
    found = resume_session(engine, token)
    if found.email is None:
        if found.expired:
            st.session_state[EXPIRED_KEY] = True
        return None
    session = {"email": found.email, "via": found.via, "last_seen": now(), "token": token, "renewed": None}
    st.session_state[SESSION_KEY] = session
    return session


def _still_live(engine: Engine, session: dict[str, Any]) -> bool:
    """Whether this tab's session still counts (not idle too long, not ended elsewhere)."""
    if token := session.get("token"):
        found = resume_session(engine, token)
        live, ran_out = found.email == session["email"], found.expired
    else:
        ran_out = expired(session["last_seen"])
        live = not ran_out
    if ran_out:
        st.session_state[EXPIRED_KEY] = True
    if live:
        session["last_seen"] = now()
        _renew_cookie(session)
    return live


def _renew_cookie(session: dict[str, Any]) -> None:
    """Every REFRESH_EVERY of use, have the browser renew its cookie (the route gives it the
    full idle time-out again), so it expires with the session, not hours after signing in."""
    if not web.mounted or "token" not in session:
        return
    if session.get("renewed") is None or now() - session["renewed"] > REFRESH_EVERY:
        session["renewed"] = now()
        st.sidebar.html(
            f"<script>fetch({json.dumps(web.REFRESH_PATH)}, {{method: 'POST', credentials: 'same-origin'}})</script>",
            unsafe_allow_javascript=True,
        )


def current_user(engine: Engine) -> User | None:
    """The signed-in user (single sign-on or local account), or None. Looked up on every run,
    so a disabled account or a session ended elsewhere loses access at once."""
    session = st.session_state.get(SESSION_KEY) or _from_cookie(engine)
    if session is not None and not _still_live(engine, session):
        st.session_state.pop(SESSION_KEY, None)
        session = None
    if oidc_configured() and st.user.is_logged_in:
        return _sso_user(engine, session)
    if session is None or session.get("via", "password") != "password":
        return None
    role = role_for(engine, session["email"])
    if role is None:
        st.session_state.pop(SESSION_KEY, None)
        return None
    return User(session["email"], role, "password", authority_of(engine, session["email"]))


def _sso_user(engine: Engine, session: dict[str, Any] | None) -> User | None:
    """The single-sign-on user, when the provider vouches for the e-mail address and the app's
    session (same idle time-out as local accounts) is live or the sign-on has just happened."""
    settings = secrets_section("wayahead")
    claims = st.user.to_dict()
    email = sso_email(claims, settings)
    if email is None:
        return None
    role = role_for(engine, email, settings.get("roles", {}))
    if role is None:
        return None
    if session is None or session["email"] != email or session.get("via") != "sso":
        if not fresh_sso(claims):  # an old single sign-on whose session here ran out
            return None
        _remember(engine, email, "sso", requested_path())
    return User(email, role, "sso")


def sso_problem() -> str | None:
    """Why a single sign-on that Streamlit accepted does not sign anyone in here, or None."""
    if not (oidc_configured() and st.user.is_logged_in):
        return None
    claims = st.user.to_dict()
    if sso_email(claims, secrets_section("wayahead")) is None:
        return (
            "Your organisation's sign-in did not confirm your e-mail address, so this dashboard "
            "cannot tell who you are. Ask an admin to add your organisation to the trusted list."
        )
    if not fresh_sso(claims):
        return f"Your session ended after {IDLE_HOURS} hours without activity. Please sign in again."
    return f"You are signed in as {claims.get('email')}, but that address has no role in this dashboard."


def sign_out(engine: Engine) -> None:
    """End the session everywhere (the database), in this tab, and in the browser's cookie."""
    session = st.session_state.pop(SESSION_KEY, None) or {}
    if token := session.get("token") or _cookie():
        end_session(engine, token)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()
    elif web.mounted:
        _go(f"{web.SIGN_OUT_PATH}?{urlencode({'next': '/'})}")
    else:
        st.rerun()


def require(engine: Engine, role: str) -> User:
    """The signed-in user if they have `role` (or higher); otherwise explain and stop the page
    (offering the sign-in form, which comes back to this page)."""
    user = current_user(engine)
    if user is not None and allows(user.role, role):  # type: ignore[arg-type]
        return user
    if user is None:
        st.warning(f"This page needs you to sign in with the {role} role.")
        sign_in_panel(engine)
    else:
        st.warning(f"This page needs the {role} role; you are signed in as {user.role}. Ask an admin for access.")
    st.stop()
    raise AssertionError("unreachable")


def sign_in_panel(engine: Engine) -> None:
    """The sign-in form (SSO button or local e-mail and password); comes back to this page."""
    if st.session_state.get(EXPIRED_KEY):
        st.info(f"Your session ended after {IDLE_HOURS} hours without activity. Please sign in again.")
    if oidc_configured():
        st.button("Sign in with your organisation account", on_click=st.login, type="primary")
        return
    with st.form("sign_in"):
        email = st.text_input("E-mail", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        result = sign_in(engine, email, password, client=client_address())
        if result.user is None:
            st.error(result.message)
            return
        _remember(engine, result.user.email, "password", requested_path())
        if not web.mounted:
            st.rerun()
