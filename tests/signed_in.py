"""Signing a test session in as someone with a role (their account is created if needed)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from wayahead.access.auth import add_user, role_for
from wayahead.store.returns import now


def sign_in_as(
    at: AppTest, engine: Engine, role: str, email: str | None = None, last_seen: dt.datetime | None = None
) -> AppTest:
    """Put a signed-in session for `email` (default '<role>@wayahead.org') into `at`."""
    email = email or f"{role}@wayahead.org"
    if role_for(engine, email) is None:
        add_user(engine, email, role, None, actor="tests")
    at.session_state["wayahead_user"] = {"email": email, "last_seen": last_seen or now()}
    return at
