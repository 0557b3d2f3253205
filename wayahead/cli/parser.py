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
    from collections.abc import Callable, Sequence
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


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The command line's parser. Every command is listed with its help, but only the one named
    in `argv` gets its arguments: `--help` shows no more, and answers sooner."""
    parser = _Parser(prog="python -m wayahead", description="Way Ahead borough returns: template, check, load, export.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    named = next((word for word in argv if not word.startswith("-")), None)
    for name, (help_text, add_arguments) in COMMANDS.items():
        command = commands.add_parser(name, help=help_text)
        if name == named:
            add_arguments(command)
    return parser


def _template(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=path)


def _validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=path)
    parser.add_argument("--json", action="store_true")


def _import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=path)
    parser.add_argument("--by", default=None, help="who is importing (default: your login name)")
    parser.add_argument("--json", action="store_true")


def _export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=path)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument(
        "--without-personal-data",
        action="store_true",
        help="leave out officers' names, e-mails and notes (a copy to share; by default they are included)",
    )
    parser.add_argument("--include-unpublished", action="store_true", help="current versions, labelled provisional")


def _history(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("borough")
    parser.add_argument("year")


def _restore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("borough")
    parser.add_argument("year")
    parser.add_argument("version", type=int)
    parser.add_argument("--by", default=None)


def _sample(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--if-empty", action="store_true", help="only when no return is stored yet")


def _users(parser: argparse.ArgumentParser) -> None:
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


def _publish(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", help="financial year, e.g. 2024/25")
    parser.add_argument("authority", nargs="?", help="only this authority's return (name or ONS code)")
    parser.add_argument("--on", type=date, help="embargo: published from this date (YYYY-MM-DD)")
    parser.add_argument("--by", default=None, help="who decided (default: your login name)")


def _withdraw(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year")
    parser.add_argument("authority", nargs="?")
    parser.add_argument("--by", default=None)


def _mark(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year")
    parser.add_argument("status", choices=STEPS)
    parser.add_argument("authority", nargs="?")
    parser.add_argument("--by", default=None)


def _status(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", nargs="?")


def _round(parser: argparse.ArgumentParser) -> None:
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


def _reference(parser: argparse.ArgumentParser) -> None:
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


# Each command: its line in `--help`, and what adds its arguments.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "template": ("write the blank return template", _template),
    "validate": ("check returns without storing them", _validate),
    "import": ("check returns and store the valid ones", _import),
    "export": ("export current returns to .xlsx, or CSVs in a folder", _export),
    "history": ("list every version of one return", _history),
    "restore": ("make an earlier version current again (as a new version)", _restore),
    "sample": ("load the illustrative sample returns (sample_data/)", _sample),
    "users": ("manage sign-in accounts and roles", _users),
    "publish": ("publish a year's returns (or one authority's) for every reader", _publish),
    "withdraw": ("take a year's published returns (or one authority's) out of the figures", _withdraw),
    "mark": ("mark a year's current returns (or one authority's) received, queried or signed off", _mark),
    "status": ("each authority's publication status", _status),
    "round": ("run the year's collection round: deadline, contacts, reminders, queries", _round),
    "reference": ("load published statistics (price index, mid-year population, deprivation, density)", _reference),
}
