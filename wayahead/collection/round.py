"""The steps of the collection round: each authority's state for the year, days to the
deadline, reminders to those not yet received or queried, and a query with its reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from wayahead.collection.mail import MailError, SmtpSettings, send_mail
from wayahead.returns.london import AUTHORITIES, BY_CODE, financial_year_label
from wayahead.store.publication import set_status, statuses, today
from wayahead.store.rounds import Round, contacts_of, record_message, round_for

if TYPE_CHECKING:
    from sqlalchemy import Engine

STATES = ("not started", "received", "queried", "signed off", "published")
DONE = STATES[-2:]  # a return past these states has no deadline to meet
TO_REMIND = ("not started", "queried")


@dataclass(frozen=True)
class Sent:
    """What became of the messages of one step: who was sent one, and who could not be."""

    sent: list[str]
    failed: list[str]
    without_contact: list[str]

    def summary(self) -> str:
        parts = [f"{len(self.sent)} sent"]
        if self.failed:
            parts.append(f"{len(self.failed)} could not be sent ({'; '.join(self.failed)})")
        if self.without_contact:
            parts.append(f"no contact for {', '.join(self.without_contact)}: add one to send to them")
        return "; ".join(parts) + "."


def state_of(status: str | None) -> str:
    """An authority's state in the round from its current version's status (None: no return)."""
    if status is None:
        return "not started"
    return "published" if status == "published" else status if status in STATES else "received"


def round_table(engine: Engine, year: int, on: dt.date | None = None) -> pd.DataFrame:
    """DataFrame[code, authority, state, version, contacts, days_to_deadline]: every authority
    in the year's round, with days to the deadline (negative once it has passed) while its
    return is not yet signed off or published."""
    found = round_for(engine, year)
    current = {s.code: s for s in statuses(engine, year)}
    people: dict[str, list[str]] = {}
    for contact in contacts_of(engine):
        people.setdefault(contact.authority, []).append(contact.email)
    days = (found.deadline - (on or today())).days if found else None
    rows = []
    for authority in AUTHORITIES:
        status = current.get(authority.code)
        state = state_of(status.status if status else None)
        rows.append(
            {
                "code": authority.code,
                "authority": authority.name,
                "state": state,
                "version": status.version if status else None,
                "contacts": ", ".join(people.get(authority.code, [])) or "none",
                "days_to_deadline": days if days is not None and state not in DONE else None,
            }
        )
    return pd.DataFrame(rows)


def round_display(table: pd.DataFrame) -> pd.DataFrame:
    """The round table as the page shows it, in words: 'v2' or 'none' for the version, and the
    days to the deadline, 'passed 2 days ago', 'done' (signed off or published) or 'no round open'."""
    return pd.DataFrame(
        {
            "Authority": table["authority"],
            "State": table["state"],
            "Version": [f"v{int(v)}" if v == v and v is not None else "none" for v in table["version"]],
            "Contacts": table["contacts"],
            "Days to deadline": [_days_text(d, state) for d, state in zip(table["days_to_deadline"], table["state"])],
        }
    )


def _days_text(days: float | None, state: str) -> str:
    if state in DONE:
        return "done"
    if days is None or days != days:
        return "no round open"
    if days < 0:
        return f"passed {-int(days)} day{'s' if days < -1 else ''} ago"
    return "today" if days == 0 else str(int(days))


def default_year(rounds: list[int], on: dt.date | None = None) -> int:
    """The year the page opens on: the newest round opened, else the financial year that ended last."""
    day = on or today()
    return max(rounds) if rounds else (day.year if day.month >= 4 else day.year - 1) - 1


def deadline_text(found: Round | None, on: dt.date | None = None) -> str:
    if found is None:
        return "No round is open for this year."
    days = (found.deadline - (on or today())).days
    when = f"{days} days to go" if days > 0 else "today" if days == 0 else f"passed {-days} days ago"
    return f"The {financial_year_label(found.year)} round closes on {found.deadline:%d %B %Y} ({when})."


def reminder_text(year: int, authority: str, state: str, found: Round, settings: SmtpSettings) -> tuple[str, str]:
    """The subject and body of a reminder."""
    name, label = BY_CODE[authority].name, financial_year_label(year)
    subject = f"Way Ahead borough return {label} for {name}: due {found.deadline:%d %B %Y}"
    why = (
        "The steering group has queried the return you sent; please send a corrected version."
        if state == "queried"
        else "We have not yet received your return."
    )
    body = (
        f"Dear colleague,\n\n{why}\n\nThe {label} borough return for {name} is due by "
        f"{found.deadline:%d %B %Y}. Upload it here (the blank template is on the same page):\n\n"
        f"{settings.upload_link}\n\nWay Ahead steering group\n"
    )
    return subject, body


def send_reminders(engine: Engine, year: int, by: str, settings: SmtpSettings, codes: list[str] | None = None) -> Sent:
    """E-mail every contact of each authority (or of `codes`) whose return is not started or
    queried; each message, sent or not, is recorded."""
    found = round_for(engine, year)
    if found is None:
        raise ValueError(f"No round is open for {financial_year_label(year)}: open one first.")
    table = round_table(engine, year)
    due = table[table["state"].isin(TO_REMIND)]
    if codes is not None:
        due = due[due["code"].isin(codes)]
    return _send(engine, year, by, settings, [(c, s) for c, s in zip(due["code"], due["state"])], "reminder", found)


def query_return(engine: Engine, year: int, code: str, reason: str, by: str, settings: SmtpSettings | None) -> Sent:
    """Mark the authority's return queried and e-mail its contacts the reason and the upload link."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValueError("Say what needs correcting: the authority receives it in the e-mail.")
    set_status(engine, year, "queried", by, code)
    if settings is None:
        return Sent([], ["e-mail is not set up (no SMTP server)"], [])
    name, label = BY_CODE[code].name, financial_year_label(year)
    subject = f"Way Ahead borough return {label} for {name}: queried"
    body = (
        f"Dear colleague,\n\nThe steering group has queried the {label} return for {name}:\n\n{reason}\n\n"
        f"Please correct it and upload the new version here:\n\n{settings.upload_link}\n\n"
        "Way Ahead steering group\n"
    )
    return _deliver(engine, year, by, settings, code, "queried", subject, body)


def _send(
    engine: Engine,
    year: int,
    by: str,
    settings: SmtpSettings,
    due: list[tuple[str, str]],
    kind: str,
    found: Round,
) -> Sent:
    sent, failed, without = [], [], []
    for code, state in due:
        subject, body = reminder_text(year, code, state, found, settings)
        result = _deliver(engine, year, by, settings, code, kind, subject, body)
        sent += result.sent
        failed += result.failed
        without += result.without_contact
    return Sent(sent, failed, without)


def _deliver(
    engine: Engine, year: int, by: str, settings: SmtpSettings, code: str, kind: str, subject: str, body: str
) -> Sent:
    people = contacts_of(engine, code)
    if not people:
        return Sent([], [], [BY_CODE[code].name])
    sent, failed = [], []
    for person in people:
        try:
            send_mail(settings, person.email, subject, body)
        except MailError as problem:
            record_message(engine, year, code, kind, person.email, subject, by, str(problem))
            failed.append(f"{person.email}: {problem}")
            continue
        record_message(engine, year, code, kind, person.email, subject, by, "sent")
        sent.append(person.email)
    return Sent(sent, failed, [])
