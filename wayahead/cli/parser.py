"""The command line's words: every command, its arguments and its help. Only the standard
library and constants, so `python -m wayahead --help` answers without loading the app."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from wayahead.access.roles import ROLES
from wayahead.store.reference_kinds import KINDS
from wayahead.store.steps import STEPS

if TYPE_CHECKING:
    import datetime
    from pathlib import Path


def path(text: str) -> Path:
    """A file or folder argument (pathlib is loaded when one is read, not for --help)."""
    from pathlib import Path

    return Path(text)


def date(text: str) -> datetime.date:
    """A YYYY-MM-DD argument (datetime is loaded when one is read, not for --help)."""
    import datetime

    return datetime.date.fromisoformat(text)


class UsageError(Exception):
    """The command's words are wrong (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m wayahead", description="Way Ahead borough returns: template, check, load, export.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    template = commands.add_parser("template", help="write the blank return template")
    template.add_argument("out", type=path)
    validate = commands.add_parser("validate", help="check returns without storing them")
    validate.add_argument("files", nargs="+", type=path)
    validate.add_argument("--json", action="store_true")
    load = commands.add_parser("import", help="check returns and store the valid ones")
    load.add_argument("files", nargs="+", type=path)
    load.add_argument("--by", default=None, help="who is importing (default: your login name)")
    load.add_argument("--json", action="store_true")
    export = commands.add_parser("export", help="export current returns to .xlsx, or CSVs in a folder")
    export.add_argument("out", type=path)
    export.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    export.add_argument(
        "--without-personal-data",
        action="store_true",
        help="leave out officers' names, e-mails and notes (a copy to share; by default they are included)",
    )
    export.add_argument("--include-unpublished", action="store_true", help="current versions, labelled provisional")
    history = commands.add_parser("history", help="list every version of one return")
    history.add_argument("borough")
    history.add_argument("year")
    restore = commands.add_parser("restore", help="make an earlier version current again (as a new version)")
    restore.add_argument("borough")
    restore.add_argument("year")
    restore.add_argument("version", type=int)
    restore.add_argument("--by", default=None)
    sample = commands.add_parser("sample", help="load the illustrative sample returns (sample_data/)")
    sample.add_argument("--if-empty", action="store_true", help="only when no return is stored yet")
    register_users_commands(commands)
    register_publication_commands(commands)
    register_round_commands(commands)
    register_reference_commands(commands)
    return parser


def register_users_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add the `users` command (add, list, set-role, disable, enable, reset-password) to the CLI's subparsers."""
    parser = subparsers.add_parser("users", help="manage sign-in accounts and roles")
    actions = parser.add_subparsers(dest="users_action", required=True)
    add = actions.add_parser("add", help="create an account (password prompted twice)")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, default="viewer")
    add.add_argument(
        "--authority", help="limit an uploader to one authority (name or ONS code): it uploads and sees only its own"
    )
    actions.add_parser("list", help="list accounts")
    role = actions.add_parser("set-role", help="change an account's role")
    role.add_argument("email")
    role.add_argument("role", choices=ROLES)
    for name in ("disable", "enable"):
        actions.add_parser(name, help=f"{name} an account").add_argument("email")
    reset = actions.add_parser("reset-password", help="give an account a new password (prompted twice)")
    reset.add_argument("email")
    reset.add_argument("--password-stdin", action="store_true", help="read the new password from standard input")


def register_publication_commands(subparsers: argparse._SubParsersAction) -> None:
    publish_ = subparsers.add_parser("publish", help="publish a year's returns (or one authority's) for every reader")
    publish_.add_argument("year", help="financial year, e.g. 2024/25")
    publish_.add_argument("authority", nargs="?", help="only this authority's return (name or ONS code)")
    publish_.add_argument("--on", type=date, help="embargo: published from this date (YYYY-MM-DD)")
    publish_.add_argument("--by", default=None, help="who decided (default: your login name)")
    withdraw_ = subparsers.add_parser(
        "withdraw", help="take a year's published returns (or one authority's) out of the figures"
    )
    withdraw_.add_argument("year")
    withdraw_.add_argument("authority", nargs="?")
    withdraw_.add_argument("--by", default=None)
    mark = subparsers.add_parser(
        "mark", help="mark a year's current returns (or one authority's) received, queried or signed off"
    )
    mark.add_argument("year")
    mark.add_argument("status", choices=STEPS)
    mark.add_argument("authority", nargs="?")
    mark.add_argument("--by", default=None)
    status = subparsers.add_parser("status", help="each authority's publication status")
    status.add_argument("year", nargs="?")


def register_round_commands(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "round", help="run the year's collection round: deadline, contacts, reminders, queries"
    )
    actions = parser.add_subparsers(dest="round_action", required=True)
    opened = actions.add_parser("open", help="open the round for a year (or move its deadline)")
    opened.add_argument("year", help="financial year, e.g. 2025/26")
    opened.add_argument("--deadline", type=date, required=True, help="YYYY-MM-DD")
    actions.add_parser("status", help="each authority's state and the days to the deadline").add_argument("year")
    contact = actions.add_parser("contact", help="add a contact for an authority")
    contact.add_argument("authority", help="name or ONS code")
    contact.add_argument("email")
    contact.add_argument("name")
    remind = actions.add_parser(
        "remind", help="e-mail every authority not started or queried (SMTP from WAYAHEAD_SMTP_*)"
    )
    remind.add_argument("year")
    query = actions.add_parser("query", help="mark a return queried and e-mail its contacts the reason")
    query.add_argument("year")
    query.add_argument("authority")
    query.add_argument("reason")
    for each in (opened, contact, remind, query):
        each.add_argument("--by", default=None, help="who acts (default: your login name)")


def register_reference_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add the `reference` command (load, list): published statistics with their source and release date."""
    parser = subparsers.add_parser(
        "reference", help="load published statistics (price index, mid-year population, deprivation, density)"
    )
    actions = parser.add_subparsers(dest="reference_action", required=True)
    load = actions.add_parser("load", help="load a CSV as the current series of its kind (earlier ones are kept)")
    load.add_argument(
        "kind",
        choices=KINDS,
        help="; ".join(f"{kind}: columns {', '.join(columns)}" for kind, columns in KINDS.items()),
    )
    load.add_argument("file", type=path, help="a UTF-8 CSV with a header row")
    load.add_argument("--source", required=True, help="publisher, table and edition, as the app cites it")
    load.add_argument("--released", type=date, required=True, help="release date, YYYY-MM-DD")
    load.add_argument("--by", default=None, help="who loads it (default: your login name)")
    actions.add_parser("list", help="every series loaded: kind, source, release, who, when; the current one marked")
