"""The publication commands: publish, withdraw, mark (received / queried / signed off), status."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from wayahead.returns.london import BY_CODE, financial_year_label
from wayahead.store.publication import PublicationError, publish, set_status, statuses, withdraw

COMMANDS = ("publish", "withdraw", "mark", "status")


def _year_and_code(args: argparse.Namespace) -> tuple[int, str | None]:
    from wayahead.cli.main import _borough_year

    code, year = _borough_year(getattr(args, "authority", None) or "Hackney", args.year)
    return year, code if getattr(args, "authority", None) else None


def run_publication_command(args: argparse.Namespace, engine: Engine) -> int:
    from wayahead.cli.main import EXIT_OK, EXIT_REJECTED, _actor

    if args.command == "status":
        year = _year_and_code(args)[0] if args.year else None
        rows = statuses(engine, year)
        if not rows:
            print("No returns stored" + (f" for {financial_year_label(year)}." if year else "."))
        for row in rows:
            print(f"{financial_year_label(row.year)}  {BY_CODE[row.code].name:<24} {row.label}")
        return EXIT_OK
    year, code = _year_and_code(args)
    by = _actor(args.by)
    try:
        if args.command == "publish":
            count = publish(engine, year, by, code, args.on)
            when = f" from {args.on:%d %b %Y}" if args.on else ""
            print(f"Published {count} return{'s' * (count != 1)} for {financial_year_label(year)}{when}.")
        elif args.command == "withdraw":
            count = withdraw(engine, year, by, code)
            print(
                f"Withdrew {count} return{'s' * (count != 1)} for {financial_year_label(year)}: readers no longer see them."
            )
        else:
            count = set_status(engine, year, args.status, by, code)
            print(f"Marked {count} return{'s' * (count != 1)} for {financial_year_label(year)} {args.status}.")
    except PublicationError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK
