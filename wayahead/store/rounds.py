"""The collection round in the database: rounds (a year and its deadline), each authority's
contacts, and every e-mail the round sent. Every change is in the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update

from wayahead.returns.london import BY_CODE, financial_year_label
from wayahead.store.audit import now
from wayahead.store.audit import record as audit
from wayahead.store.schema import contacts, round_messages, rounds


@dataclass(frozen=True)
class Round:
    year: int
    deadline: dt.date
    opened_by: str
    opened_at: dt.datetime


@dataclass(frozen=True)
class Contact:
    authority: str
    email: str
    name: str


def open_round(engine: Engine, year: int, deadline: dt.date, by: str) -> Round:
    """Open the round for `year` with `deadline`, or move the deadline of the open one."""
    at = now()
    with engine.begin() as connection:
        known = connection.execute(select(rounds).where(rounds.c.year == year)).mappings().first()
        label = financial_year_label(year)
        if known is None:
            connection.execute(insert(rounds).values(year=year, deadline=deadline, opened_by=by, opened_at=at))
            audit(connection, by, "round open", f"{label} round opened, deadline {deadline:%d %b %Y}")
        else:
            connection.execute(update(rounds).where(rounds.c.year == year).values(deadline=deadline))
            audit(connection, by, "round deadline", f"{label} deadline moved to {deadline:%d %b %Y}")
    found = round_for(engine, year)
    assert found is not None
    return found


def round_for(engine: Engine, year: int) -> Round | None:
    with engine.connect() as connection:
        row = connection.execute(select(rounds).where(rounds.c.year == year)).mappings().first()
    return None if row is None else Round(row["year"], row["deadline"], row["opened_by"], row["opened_at"])


def open_rounds(engine: Engine) -> list[Round]:
    """Every round, newest year first."""
    with engine.connect() as connection:
        rows = connection.execute(select(rounds).order_by(rounds.c.year.desc())).mappings().all()
    return [Round(r["year"], r["deadline"], r["opened_by"], r["opened_at"]) for r in rows]


def add_contact(engine: Engine, authority: str, email: str, name: str, by: str) -> Contact:
    """Add (or rename) a contact of `authority`."""
    email = email.strip().lower()
    with engine.begin() as connection:
        known = connection.scalar(
            select(contacts.c.email).where(contacts.c.authority == authority, contacts.c.email == email)
        )
        if known is None:
            connection.execute(
                insert(contacts).values(authority=authority, email=email, name=name, added_by=by, added_at=now())
            )
        else:
            connection.execute(
                update(contacts).where(contacts.c.authority == authority, contacts.c.email == email).values(name=name)
            )
        audit(connection, by, "contact add", f"{email} is a contact for {BY_CODE[authority].name}")
    return Contact(authority, email, name)


def remove_contact(engine: Engine, authority: str, email: str, by: str) -> bool:
    with engine.begin() as connection:
        gone = connection.execute(
            delete(contacts).where(contacts.c.authority == authority, contacts.c.email == email.strip().lower())
        ).rowcount
        if gone:
            audit(connection, by, "contact remove", f"{email} is no longer a contact for {BY_CODE[authority].name}")
    return bool(gone)


def contacts_of(engine: Engine, authority: str | None = None) -> list[Contact]:
    """The contacts of one authority, or of all, by authority then e-mail."""
    query = select(contacts).order_by(contacts.c.authority, contacts.c.email)
    if authority is not None:
        query = query.where(contacts.c.authority == authority)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    return [Contact(r["authority"], r["email"], r["name"]) for r in rows]


def record_message(
    engine: Engine, year: int, authority: str, kind: str, recipient: str, subject: str, by: str, outcome: str
) -> None:
    """Keep one e-mail the round sent (or failed to send), and audit it."""
    with engine.begin() as connection:
        connection.execute(
            insert(round_messages).values(
                year=year,
                authority=authority,
                kind=kind,
                recipient=recipient,
                subject=subject,
                sent_by=by,
                sent_at=now(),
                outcome=outcome,
            )
        )
        audit(
            connection,
            by,
            f"round {kind}",
            f"{financial_year_label(year)} {kind} to {recipient} for {BY_CODE[authority].name}: {outcome}",
        )


def messages(engine: Engine, year: int) -> list[dict[str, Any]]:
    """Every e-mail of the year's round, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(round_messages)
            .where(round_messages.c.year == year)
            .order_by(round_messages.c.sent_at.desc(), round_messages.c.id.desc())
        ).mappings()
        return [dict(r) for r in rows]
