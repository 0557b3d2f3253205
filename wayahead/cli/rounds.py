"""The collection round commands: python -m wayahead round open | status | contact | remind | query."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine


def register_round_commands(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "round", help="run the year's collection round: deadline, contacts, reminders, queries"
    )
    actions = parser.add_subparsers(dest="round_action", required=True)
    opened = actions.add_parser("open", help="open the round for a year (or move its deadline)")
    opened.add_argument("year", help="financial year, e.g. 2025/26")
    opened.add_argument("--deadline", type=dt.date.fromisoformat, required=True, help="YYYY-MM-DD")
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
