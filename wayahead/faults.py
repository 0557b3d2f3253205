"""Faults in the app itself (a bug, the database failing): the user gets a plain message and a
short reference, and the log gets the rest (the traceback, the SQL) under that reference."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

LOG = logging.getLogger("wayahead")
DEFAULT_LOG_FILE = Path(__file__).resolve().parents[1] / "data" / "wayahead.log"


def log_fault(what: str, fault: BaseException) -> str:
    """Log `fault` with its traceback under a new reference (e.g. 'F-3A9C21'), and return it."""
    reference = f"F-{secrets.token_hex(3).upper()}"
    LOG.error("%s [reference %s]", what, reference, exc_info=fault)
    return reference


def fault_message(fault: BaseException, reference: str) -> str:
    """What a user is told: what failed, in plain words, and the reference to quote."""
    if isinstance(fault, SQLAlchemyError):
        what = "The database could not complete this request (a fault on our side, not something you did)."
    else:
        what = "Something went wrong inside the app (a fault on our side, not something you did)."
    return f"{what} Please try again; if it happens again, tell your administrator and quote reference {reference}."


def log_to_file() -> None:
    """For the command line: faults go to WAYAHEAD_LOG_FILE (default data/wayahead.log), so the
    terminal shows only the plain line. (The app's faults go to the server log, stderr.)"""
    path = Path(os.environ.get("WAYAHEAD_LOG_FILE") or DEFAULT_LOG_FILE)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return  # not writable: Python's last-resort handler writes to stderr instead
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(handler)
