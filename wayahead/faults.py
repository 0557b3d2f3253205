"""Faults in the app itself (a bug, the database failing): the user gets a plain message and a
short reference, and the log gets the rest (the traceback, the SQL) under that reference."""

from __future__ import annotations

import logging
import secrets

from sqlalchemy.exc import SQLAlchemyError, StatementError

from wayahead.logs import event
from wayahead.store.engine import is_busy

LOG = logging.getLogger("wayahead.faults")


def log_fault(what: str, fault: BaseException, **fields: object) -> str:
    """Log `fault` with its traceback under a new reference (e.g. 'F-3A9C21'), and return it.
    `what` says what failed, in the app's words (never a file name or anything a user typed);
    the SQL is logged without its parameters, which may hold a return's personal data."""
    reference = f"F-{secrets.token_hex(3).upper()}"
    cause: BaseException | None = fault
    for _ in range(20):  # the exception and those it was raised from
        if isinstance(cause, StatementError):
            cause.hide_parameters = True
        cause = cause and (cause.__cause__ or cause.__context__)
    event(LOG, "fault", logging.ERROR, fault, reference=reference, what=what, **fields)
    return reference


def fault_message(fault: BaseException, reference: str) -> str:
    """What a user is told: what failed, in plain words, and the reference to quote."""
    if is_busy(fault):
        what = "The database is busy with other work (for example, returns still being loaded), so this could not be done now."
        return f"{what} Please try again in a minute; if it keeps happening, tell your administrator and quote reference {reference}."
    if isinstance(fault, SQLAlchemyError):
        what = "The database could not complete this request (a fault on our side, not something you did)."
    else:
        what = "Something went wrong inside the app (a fault on our side, not something you did)."
    return f"{what} Please try again; if it happens again, tell your administrator and quote reference {reference}."
