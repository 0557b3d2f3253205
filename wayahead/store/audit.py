"""The audit log: every store, restore and user change, who made it and when; and the store's clock."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, insert, select

from wayahead.store.schema import audit_log

if TYPE_CHECKING:  # pandas is imported where the table is made: the command line's store needs none of it
    import pandas as pd


def now() -> dt.datetime:
    """The time every stored timestamp is taken from (UTC)."""
    return dt.datetime.now(dt.UTC)


def aware(at: dt.datetime) -> dt.datetime:
    """A stored time with its time zone: SQLite hands datetimes back without one, and every stored time is UTC."""
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def record(connection: Connection, actor: str, action: str, detail: str) -> None:
    """Add one entry to the audit log, in the caller's transaction."""
    connection.execute(insert(audit_log).values(at=now(), actor=actor[:255], action=action, detail=detail))


def audit_entries(engine: Engine, limit: int = 500) -> pd.DataFrame:
    """The latest `limit` audit entries: when, who, what, detail."""
    query = (
        select(audit_log.c.at, audit_log.c.actor, audit_log.c.action, audit_log.c.detail)
        .order_by(audit_log.c.id.desc())
        .limit(limit)
    )
    import pandas as pd

    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return pd.DataFrame(rows, columns=["When (UTC)", "Who", "Action", "Detail"])
