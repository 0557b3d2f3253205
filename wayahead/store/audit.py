"""Reading the audit log: every store, restore and user change, newest first."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from wayahead.store.schema import audit_log


def audit_entries(engine: Engine, limit: int = 500) -> pd.DataFrame:
    """The latest `limit` audit entries: when, who, what, detail."""
    query = select(audit_log.c.at, audit_log.c.actor, audit_log.c.action, audit_log.c.detail).order_by(
        audit_log.c.id.desc()
    ).limit(limit)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return pd.DataFrame(rows, columns=["When (UTC)", "Who", "Action", "Detail"])
