"""The collection round commands: python -m wayahead round open | status | contact | remind | query."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine


def run_round_command(args: argparse.Namespace, engine: Engine) -> int:
    from wayahead.cli.main import EXIT_OK, EXIT_REJECTED, _actor, _borough_year
    from wayahead.collection.mail import smtp_settings
    from wayahead.collection.round import deadline_text, query_return, round_table, send_reminders
    from wayahead.returns.london import BY_CODE, financial_year_label
    from wayahead.store.rounds import add_contact, open_round, round_for

    code, year = _borough_year(getattr(args, "authority", None) or "Hackney", getattr(args, "year", None) or "2024/25")
    if args.round_action == "status":
        print(deadline_text(round_for(engine, year)))
        for row in round_table(engine, year).to_dict("records"):
            left = row["days_to_deadline"]
            days = f"  {int(left)} days to the deadline" if isinstance(left, (int, float)) and left == left else ""
            print(f"{row['authority']:<24} {row['state']:<12} contacts: {row['contacts']}{days}")
        return EXIT_OK
    by = _actor(args.by)
    if args.round_action == "open":
        found = open_round(engine, year, args.deadline, by)
        print(deadline_text(found))
        return EXIT_OK
    if args.round_action == "contact":
        added = add_contact(engine, code, args.email, args.name, by)
        print(f"{added.email} is a contact for {BY_CODE[code].name}.")
        return EXIT_OK
    settings = smtp_settings()
    try:
        if args.round_action == "remind":
            if settings is None:
                print("error: e-mail is not set up: set WAYAHEAD_SMTP_HOST (and _PORT, _FROM).", file=sys.stderr)
                return EXIT_REJECTED
            print(f"Reminders for {financial_year_label(year)}: {send_reminders(engine, year, by, settings).summary()}")
        else:
            sent = query_return(engine, year, code, args.reason, by, settings)
            print(f"{BY_CODE[code].name} {financial_year_label(year)} queried. E-mail: {sent.summary()}")
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK
