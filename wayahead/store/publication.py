"""Publication: which version of each return readers see, and from when.

Each stored version has a status. A new version starts "received"; the steering group moves it
on (queried, signed off) and publishes it, for a whole year at once or one authority, from a
date (an embargo: published from that day). Publication is per version: when a published return
is re-submitted, readers keep seeing the published version until the new one is published (the
old one then becomes "superseded", kept in the history as a revision). Withdrawing takes the
published version out of the figures. Every change is in the audit log with who and when.

Viewers see published figures only; uploaders and above may include unpublished returns, and
then every figure is labelled provisional (Filters.include_unpublished).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, and_, select, update

from wayahead.logs import event, pseudonym
from wayahead.returns.london import AUTHORITIES, BY_CODE, financial_year_label
from wayahead.store.audit import now
from wayahead.store.returns import _write
from wayahead.store.schema import audit_log, current_returns, return_versions
from wayahead.store.steps import STEPS, Status

PROVISIONAL = "provisional (includes unpublished returns)"
AUDIT_ACTION = "status"
DEFAULT_MIN_COVERAGE = 2 / 3
LOG = logging.getLogger("wayahead.publication")


class PublicationError(Exception):
    """A publication request that cannot be carried out (nothing stored for that year)."""


def today() -> dt.date:
    return dt.date.today()


@functools.lru_cache(maxsize=8)
def _scope(include_unpublished: bool, on: dt.date) -> Any:
    """(borough, year, version_id) of the returns figures are made from: the current versions,
    or the published versions whose date has come (one object per day, so kept queries follow)."""
    if include_unpublished:
        return current_returns
    return (
        select(return_versions.c.borough, return_versions.c.year, return_versions.c.id.label("version_id"))
        .where(return_versions.c.status == "published", return_versions.c.published_from <= on)
        .subquery("published_returns")
    )


def returns_scope(include_unpublished: bool = False) -> Any:
    """The table of returns in scope: see `_scope`."""
    return _scope(include_unpublished, today())


def min_coverage(in_scope: int = len(AUTHORITIES)) -> int:
    """How many of `in_scope` authorities must have answered before an area's figure is stated:
    WAYAHEAD_MIN_COVERAGE as a share below 1 (0.67) or a number of London's 33 (22); default two thirds."""
    raw = os.environ.get("WAYAHEAD_MIN_COVERAGE", "").strip()
    try:
        value = float(raw) if raw else DEFAULT_MIN_COVERAGE
    except ValueError:
        value = DEFAULT_MIN_COVERAGE
    share = value / len(AUTHORITIES) if value >= 1 else value
    return max(1, math.ceil(min(max(share, 0.0), 1.0) * in_scope - 1e-9))


def withheld_text(returned: int, in_scope: int, year: int, area: str = "London", answered: int | None = None) -> str:
    """Why an area's figure is not stated: 'Only 1 of 33 authorities returned for 2025/26; …',
    or, when enough returned but fewer answered the question, 'Only 20 of 33 authorities answered …'."""
    needed = min_coverage(in_scope)
    count, verb = (
        (returned, "returned") if answered is None or returned < needed else (answered, "answered this question")
    )
    return f"Only {count} of {in_scope} authorities {verb} for {financial_year_label(year)}; {area} figures need at least {needed}."


@dataclass(frozen=True)
class ReturnStatus:
    """One authority's return for one year: its current version and the version readers see."""

    code: str
    year: int
    version: int
    status: Status
    published_version: int | None
    published_from: dt.date | None

    @property
    def label(self) -> str:
        """'published v2 (from 01 Mar 27)', 'received v3; v2 published' …"""
        if self.status == "published":
            return f"published v{self.version}{_from(self.published_from)}"
        shown = f"; v{self.published_version} published{_from(self.published_from)}" if self.published_version else ""
        return f"{self.status} v{self.version}{shown}"


def _from(on: dt.date | None) -> str:
    return f" from {on:%d %b %Y}" if on and on > today() else ""


def statuses(engine: Engine, year: int | None = None) -> list[ReturnStatus]:
    """Every stored return's status (of `year`, or every year), by year then authority order."""
    published = (
        select(
            return_versions.c.borough,
            return_versions.c.year,
            return_versions.c.version,
            return_versions.c.published_from,
        )
        .where(return_versions.c.status == "published")
        .subquery()
    )
    query = (
        select(
            current_returns.c.borough,
            current_returns.c.year,
            return_versions.c.version,
            return_versions.c.status,
            published.c.version.label("published_version"),
            published.c.published_from,
        )
        .join(return_versions, return_versions.c.id == current_returns.c.version_id)
        .outerjoin(
            published,
            and_(published.c.borough == current_returns.c.borough, published.c.year == current_returns.c.year),
        )
    )
    if year is not None:
        query = query.where(current_returns.c.year == year)
    order = {a.code: i for i, a in enumerate(AUTHORITIES)}
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return sorted(
        (ReturnStatus(b, y, v, s, pv, _date(on)) for b, y, v, s, pv, on in rows), key=lambda r: (r.year, order[r.code])
    )


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


Which = str | Sequence[str] | None  # one authority's code, several, or the whole year


def _where(year: int, code: Which) -> list[Any]:
    where = [current_returns.c.year == year]
    if code is None:
        return where
    return where + [
        current_returns.c.borough == code if isinstance(code, str) else current_returns.c.borough.in_(list(code))
    ]


def _current_ids(connection: Any, year: int, code: Which) -> list[tuple[int, str]]:
    rows = connection.execute(
        select(current_returns.c.version_id, current_returns.c.borough).where(*_where(year, code))
    ).all()
    if not rows:
        raise PublicationError(f"No return is stored for {_what(year, code)}.")
    return [(version_id, borough) for version_id, borough in rows]


def _what(year: int, code: Which) -> str:
    if isinstance(code, str):
        return f"{BY_CODE[code].name} {financial_year_label(year)}"
    return financial_year_label(year) + (f" ({len(code)} authorities)" if code is not None else "")


def _log(connection: Any, by: str, detail: str) -> None:
    connection.execute(audit_log.insert().values(at=now(), actor=by[:255], action=AUDIT_ACTION, detail=detail))


def _logged(status: Status, year: int, code: Which, count: int, by: str, on: dt.date | None = None) -> int:
    """Log a status change for the operator (after it was committed); returns `count`.
    `code`: the authority, a comma-separated list, or 'all' (the whole year)."""
    codes = "all" if code is None else code if isinstance(code, str) else ",".join(code)
    event(
        LOG,
        "publication.status",
        status=status,
        year=year,
        code=codes,
        returns=count,
        published_from=on,
        by=pseudonym(by),
    )
    return count


def set_status(engine: Engine, year: int, status: Status, by: str, code: Which = None) -> int:
    """Mark the current versions of `year` (or one authority's) received, queried or signed off;
    a published version stays what readers see until another is published. Returns how many."""
    if status not in STEPS:
        raise PublicationError(f"Status must be one of: {', '.join(STEPS)} (use publish or withdraw for the others).")

    def work(connection: Any) -> int:
        ids = [i for i, _ in _current_ids(connection, year, code)]
        connection.execute(
            update(return_versions)
            .where(return_versions.c.id.in_(ids), return_versions.c.status != "published")
            .values(status=status)
        )
        _log(connection, by, f"{_what(year, code)} marked {status} ({len(ids)} returns)")
        return len(ids)

    return _logged(status, year, code, _write(engine, work), by)


def publish(engine: Engine, year: int, by: str, code: Which = None, on: dt.date | None = None) -> int:
    """Publish the current version of each return of `year` (or one authority's), from `on`
    (default today). A different version published before becomes "superseded". Returns how many."""
    start = on or today()

    def work(connection: Any) -> int:
        current = _current_ids(connection, year, code)
        boroughs = [b for _, b in current]
        ids = [i for i, _ in current]
        connection.execute(
            update(return_versions)
            .where(
                return_versions.c.year == year,
                return_versions.c.borough.in_(boroughs),
                return_versions.c.status == "published",
                return_versions.c.id.not_in(ids),
            )
            .values(status="superseded")
        )
        connection.execute(
            update(return_versions)
            .where(return_versions.c.id.in_(ids))
            .values(status="published", published_from=start)
        )
        _log(connection, by, f"{_what(year, code)} published from {start:%d %b %Y} ({len(ids)} returns)")
        return len(ids)

    return _logged("published", year, code, _write(engine, work), by, start)


def withdraw(engine: Engine, year: int, by: str, code: str | None = None) -> int:
    """Take the published versions of `year` (or one authority's) out of the figures. Returns how many."""

    def work(connection: Any) -> int:
        where = [return_versions.c.year == year, return_versions.c.status == "published"]
        if code:
            where.append(return_versions.c.borough == code)
        count = connection.execute(update(return_versions).where(*where).values(status="withdrawn")).rowcount
        if not count:
            raise PublicationError(f"Nothing is published for {_what(year, code)}.")
        _log(connection, by, f"{_what(year, code)} withdrawn ({count} returns)")
        return int(count)

    return _logged("withdrawn", year, code, _write(engine, work), by)


def scope_query(include_unpublished: bool) -> Select[Any]:
    """SELECT borough, year of the returns in scope (the same object all day, so it is compiled once)."""
    return _scope_query(include_unpublished, today())


@functools.lru_cache(maxsize=8)
def _scope_query(include_unpublished: bool, on: dt.date) -> Select[Any]:
    scope = _scope(include_unpublished, on)
    return select(scope.c.borough, scope.c.year)
