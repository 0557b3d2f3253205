"""Sign-in in the app: who is signed in, gates for pages, the local sign-in form.

Single sign-on (st.login) is used when an [auth] section is configured in secrets, with roles
from the allow-lists under [wayahead.roles] (or the users table); otherwise local accounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from wayahead.auth import User, allows, expired, sign_in, sign_in_required, role_for
from wayahead.store.returns import now

SESSION_KEY = "wayahead_user"
EXPIRED_KEY = "wayahead_session_expired"


def _secrets(name: str) -> Mapping[str, Any]:
    """A section of .streamlit/secrets.toml, or {} when there is no such section or file."""
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return {}
    return section if isinstance(section, Mapping) else {}


def oidc_configured() -> bool:
    return bool(_secrets("auth"))


def viewing_needs_sign_in() -> bool:
    return sign_in_required(_secrets("wayahead"))


def current_user(engine: Engine) -> User | None:
    """The signed-in user (SSO or local session), or None; idle local sessions expire."""
    if oidc_configured() and st.user.is_logged_in:
        email = str(st.user.get("email") or "")
        role = role_for(engine, email, _secrets("wayahead").get("roles", {}))
        return User(email, role, "sso") if role else None
    session = st.session_state.get(SESSION_KEY)
    if session is None:
        return None
    if expired(session["last_seen"]):
        del st.session_state[SESSION_KEY]
        st.session_state[EXPIRED_KEY] = True
        return None
    role = role_for(engine, session["email"])  # looked up each time: a disabled account loses access at once
    if role is None:
        del st.session_state[SESSION_KEY]
        return None
    session["last_seen"] = now()
    return User(session["email"], role, "password")


def remember(user: User) -> None:
    """Start a local session for `user`."""
    st.session_state[SESSION_KEY] = {"email": user.email, "last_seen": now()}
    st.session_state.pop(EXPIRED_KEY, None)


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def require(engine: Engine, role: str) -> User:
    """The signed-in user if they have `role` (or higher); otherwise explain and stop the page."""
    user = current_user(engine)
    if user is not None and allows(user.role, role):  # type: ignore[arg-type]
        return user
    if user is None:
        st.warning(f"This page needs you to sign in with the {role} role. Use the Sign in page under Manage.")
    else:
        st.warning(f"This page needs the {role} role; you are signed in as {user.role}. Ask an admin for access.")
    st.stop()
    raise AssertionError("unreachable")


def sign_in_panel(engine: Engine) -> None:
    """The sign-in form (SSO button or local e-mail and password)."""
    if st.session_state.get(EXPIRED_KEY):
        st.info("Your session ended after 8 hours without activity. Please sign in again.")
    if oidc_configured():
        st.button("Sign in with your organisation account", on_click=st.login, type="primary")
        return
    with st.form("sign_in"):
        email = st.text_input("E-mail", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        result = sign_in(engine, email, password)
        if result.user is None:
            st.error(result.message)
        else:
            remember(result.user)
            st.rerun()
