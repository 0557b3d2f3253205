"""The steering group's commentary on an indicator for a financial year. Nothing is overwritten:
each comment, and each withdrawal, is a new row; the newest row for an indicator and year is the
one readers see (none when it is a withdrawal). Every one is in the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, RowMapping, func, insert, select

from wayahead.returns.london import financial_year_label
from wayahead.store.audit import aware, now
from wayahead.store.audit import record as audit
from wayahead.store.schema import commentary

MAX_LENGTH = 1000  # characters in one comment


@dataclass(frozen=True)
class Comment:
    """One row: a comment, or a withdrawal (withdrawn, empty text), its author's e-mail and when (UTC)."""

    indicator: str
    year: int
    text: str
    withdrawn: bool
    author: str
    written_at: dt.datetime


def _comment(row: RowMapping) -> Comment:
    return Comment(
        row["indicator"], row["year"], row["text"], row["withdrawn"], row["author"], aware(row["written_at"])
    )


def commentary_problem(text: str) -> str | None:
    """Why `text` cannot be stored as a comment, or None."""
    if not text.strip():
        return "Write the commentary first: it is empty."
    if len(text) > MAX_LENGTH:
        return f"The commentary has {len(text):,} characters; the limit is {MAX_LENGTH:,}. Shorten it and save again."
    return None


def _add(engine: Engine, indicator: str, year: int, text: str, author: str) -> Comment:
    values: dict[str, Any] = {
        "indicator": indicator,
        "year": year,
        "text": text,
        "withdrawn": not text,
        "author": author,
        "written_at": now(),
    }
    what = "commentary withdraw" if not text else "commentary write"
    with engine.begin() as connection:
        connection.execute(insert(commentary).values(**values))
        audit(
            connection,
            author,
            what,
            f"{indicator}, {financial_year_label(year)}: " + (f"{len(text):,} characters" if text else "withdrawn"),
        )
    return Comment(**values)


def write_commentary(engine: Engine, indicator: str, year: int, text: str, author: str) -> Comment:
    """Store a new comment by `author` (an account's e-mail); ValueError when the text cannot be
    stored (commentary_problem). Whoever calls this checks that the author may write."""
    text = text.strip()
    if problem := commentary_problem(text):
        raise ValueError(problem)
    return _add(engine, indicator, year, text, author)


def withdraw_commentary(engine: Engine, indicator: str, year: int, author: str) -> Comment:
    """Record that the indicator's commentary for `year` is withdrawn: readers see none."""
    return _add(engine, indicator, year, "", author)


def latest_commentary(engine: Engine, year: int) -> dict[str, Comment]:
    """Each indicator's newest comment for `year`, by indicator key (none where it was withdrawn)."""
    newest = select(func.max(commentary.c.id)).where(commentary.c.year == year).group_by(commentary.c.indicator)
    query = select(commentary).where(commentary.c.id.in_(newest), ~commentary.c.withdrawn)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    return {row["indicator"]: _comment(row) for row in rows}


def commentary_history(engine: Engine, indicator: str, year: int) -> list[Comment]:
    """Every comment and withdrawal on `indicator` for `year`, newest first."""
    query = (
        select(commentary)
        .where(commentary.c.indicator == indicator, commentary.c.year == year)
        .order_by(commentary.c.id.desc())
    )
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    return [_comment(row) for row in rows]
