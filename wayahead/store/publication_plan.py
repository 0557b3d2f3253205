"""What a publication action on the Publication page will do, before it is done, and what it did.

The steering group chooses an action (mark queried or signed off, publish now or from a date,
withdraw) for a year or one authority. `plan` says which returns it changes, what readers will
see, what to be warned about (fewer returns than the coverage threshold, revisions, an embargo
that hides an earlier version) and whether it can be done; `carry_out` does it through
set_status / publish / withdraw (which audit-log it) and says what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from sqlalchemy import Engine

from wayahead.returns.london import AUTHORITIES, BY_CODE, financial_year_label
from wayahead.store.publication import ReturnStatus, _what, min_coverage, publish, set_status, today, withdraw

Action = Literal["queried", "signed off", "publish", "withdraw"]
ACTIONS: dict[Action, str] = {
    "queried": "Mark queried",
    "signed off": "Mark signed off",
    "publish": "Publish",
    "withdraw": "Withdraw",
}


def _day(on: dt.date) -> str:
    return f"{on.day} {on:%b %Y}"


def _returns(count: int) -> str:
    return f"{count} return{'s' * (count != 1)}"


def released(row: ReturnStatus, on: dt.date | None = None) -> bool:
    """True when readers see a published version of this return now (its date has come)."""
    return (
        row.published_version is not None and row.published_from is not None and row.published_from <= (on or today())
    )


def readers_see(row: ReturnStatus | None, on: dt.date | None = None) -> str:
    """'v2', 'nothing until 3 Dec 2026 (then v3)' or 'nothing'."""
    if row is None or row.published_version is None:
        return "nothing"
    if not released(row, on):
        assert row.published_from is not None
        return f"nothing until {_day(row.published_from)} (then v{row.published_version})"
    return f"v{row.published_version}"


def year_table(rows: Sequence[ReturnStatus], on: dt.date | None = None) -> pd.DataFrame:
    """One row per London authority for the year of `rows`: its current version and status, the
    version readers see, and the embargo date of one published but not yet released."""
    found = {row.code: row for row in rows}
    table = []
    for authority in AUTHORITIES:
        row = found.get(authority.code)
        embargo = row.published_from if row and row.published_version and not released(row, on) else None
        table.append(
            {
                "Authority": authority.name,
                "Current version": f"v{row.version}" if row else "",
                "Status": row.status if row else "not returned",
                "Readers see": readers_see(row, on),
                "Embargoed until": _day(embargo) if embargo else "",
            }
        )
    return pd.DataFrame(table)


def revisions(rows: Sequence[ReturnStatus], on: dt.date | None = None) -> list[str]:
    """'Camden v3 replaces v2' for each return whose readers see a different published version."""
    return [
        f"{BY_CODE[r.code].name} v{r.version} replaces v{r.published_version}"
        for r in rows
        if released(r, on) and r.published_version != r.version
    ]


@dataclass(frozen=True)
class Plan:
    """One action on one year (or one authority's return), worked out before it is carried out."""

    action: Action
    year: int
    code: str | None  # None: the whole year
    on: dt.date | None  # publish: from this date (None: today)
    changes: tuple[ReturnStatus, ...]  # the returns it changes
    will: str  # what it will do, in a sentence
    warnings: tuple[str, ...] = ()
    revised: tuple[str, ...] = ()
    whole: bool = False  # it changes every return stored for the year (the audit log then names the year)

    @property
    def possible(self) -> bool:
        return bool(self.changes)

    @property
    def what(self) -> str:
        """'2024/25' or 'Camden 2024/25'."""
        return _what(self.year, self.code)


def plan(
    rows: Sequence[ReturnStatus], action: Action, year: int, code: str | None = None, on: dt.date | None = None
) -> Plan:
    """What `action` on `year` (or `code`'s return) will do, given the year's statuses `rows`."""
    day = today()
    scope = [r for r in rows if r.year == year and (code is None or r.code == code)]
    what = _what(year, code)
    if not scope:
        return Plan(action, year, code, on, (), f"No return is stored for {what}.")
    if action == "withdraw":
        return _withdraw_plan(rows, scope, year, code, what, day)
    if action == "publish":
        return _publish_plan(rows, scope, year, code, on, what, day)
    changes = tuple(r for r in scope if r.status not in ("published", action))
    kept = sum(r.status == "published" for r in scope)
    same = sum(r.status == action for r in scope)
    notes = [
        *([f"{kept} published stay published (withdraw one first to query it)"] if kept else []),
        *([f"{same} already {action}"] if same else []),
    ]
    if not changes:
        return Plan(action, year, code, on, (), f"Nothing to mark for {what}: " + "; ".join(notes) + ".")
    will = f"Mark {_returns(len(changes))} of {what} {action}" + (f"; {'; '.join(notes)}" if notes else "") + "."
    return Plan(action, year, code, on, changes, will, whole=code is None and len(changes) == len(scope))


def _withdraw_plan(
    rows: Sequence[ReturnStatus], scope: list[ReturnStatus], year: int, code: str | None, what: str, day: dt.date
) -> Plan:
    changes = tuple(r for r in scope if r.published_version is not None)
    if not changes:
        return Plan("withdraw", year, code, None, (), f"Nothing is published for {what}.")
    will = f"Withdraw {_returns(len(changes))} of {what}: readers will no longer see {_them(len(changes))}."
    left = sum(released(r, day) for r in rows if r.year == year) - sum(released(r, day) for r in changes)
    return Plan(
        "withdraw",
        year,
        code,
        None,
        changes,
        will,
        (_coverage(left, year, "are left"),) if left < min_coverage() and left else (),
    )


def _publish_plan(
    rows: Sequence[ReturnStatus],
    scope: list[ReturnStatus],
    year: int,
    code: str | None,
    on: dt.date | None,
    what: str,
    day: dt.date,
) -> Plan:
    if on is not None and on < day:
        return Plan(
            "publish", year, code, on, (), f"The publication date {_day(on)} has passed; choose today or a later date."
        )
    start = on or day
    # returns readers already see at their current version stay as they are (their date too)
    changes = tuple(r for r in scope if not (r.status == "published" and released(r, day)))
    if not changes:
        return Plan("publish", year, code, on, (), f"{what} is already published: readers see every current version.")
    when = "today" if start == day else f"from {_day(start)} (embargoed until then)"
    will = f"Publish {_returns(len(changes))} of {what} {when}."
    warnings = []
    after = {r.code for r in rows if r.year == year and r.published_version is not None} | {r.code for r in changes}
    if len(after) < min_coverage():
        warnings.append(_coverage(len(after), year, "will be published"))
    revised = revisions(changes, day)
    if start > day:
        warnings += [
            f"{BY_CODE[r.code].name}: readers stop seeing v{r.published_version} now and see v{r.version} "
            f"from {_day(start)}; until then no {financial_year_label(year)} return of theirs is shown."
            for r in changes
            if released(r, day) and r.published_version != r.version
        ]
    return Plan(
        "publish",
        year,
        code,
        on,
        changes,
        will,
        tuple(warnings),
        tuple(revised),
        code is None and len(changes) == len(scope),
    )


def _coverage(count: int, year: int, verb: str) -> str:
    needed = min_coverage()
    return (
        f"Only {count} of {len(AUTHORITIES)} authorities' returns {verb} for {financial_year_label(year)}; "
        f"London figures need at least {needed}, so readers will see each authority's figures but no London figure."
    )


def carry_out(engine: Engine, chosen: Plan, by: str) -> str:
    """Do the planned action as `by` (audit-logged) and say what changed, e.g.
    'Published 2024/25: 31 returns; readers see them from 3 Dec 2026. Revised: Camden v3 replaces v2.'"""
    if not chosen.possible:
        raise ValueError(chosen.will)
    codes: str | list[str] | None = chosen.code or (None if chosen.whole else [r.code for r in chosen.changes])
    if chosen.action == "withdraw":
        count = withdraw(engine, chosen.year, by, chosen.code)
        return f"Withdrew {chosen.what}: {_returns(count)}; readers no longer see {_them(count)}."
    if chosen.action == "publish":
        count = publish(engine, chosen.year, by, codes, chosen.on)
        start = chosen.on or today()
        when = "from today" if start == today() else f"from {_day(start)}"
        revised = f" Revised: {'; '.join(chosen.revised)}." if chosen.revised else ""
        return f"Published {chosen.what}: {_returns(count)}; readers see {_them(count)} {when}.{revised}"
    count = set_status(engine, chosen.year, chosen.action, by, codes)
    return f"Marked {chosen.what} {chosen.action}: {_returns(count)}."


def _them(count: int) -> str:
    return "it" if count == 1 else "them"
