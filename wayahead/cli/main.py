"""The command line: python -m wayahead template | validate | import | export | history | restore | sample
| users | publish | withdraw | mark | status | round | reference.

Exit codes: 0 all well, 1 a file was rejected (or a request failed), 2 usage errors. Bad
files get one plain line each, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from loaders import LoadResult
from loaders.problems import cell_count, printable
from wayahead.cli.parser import UsageError, build_parser
from wayahead.logs import CLI_LOG_FILE, configure, event
from wayahead.returns.london import financial_year_label, find_authority

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
LOG = logging.getLogger("wayahead.cli")


def main(argv: Sequence[str] | None = None) -> int:
    configure(CLI_LOG_FILE)
    try:
        argv = sys.argv[1:] if argv is None else argv
        args = build_parser(argv).parse_args(argv)
        code = COMMANDS[args.command](args)
        if code != EXIT_OK:
            event(LOG, "cli.refused", command=args.command, exit=code)
        sys.stdout.flush()  # a closed pipe shows here, inside the guard, not at exit
        return code
    except UsageError as usage:
        _say(f"error: {usage}", sys.stderr)
        event(LOG, "cli.usage", exit=EXIT_USAGE)  # not the words typed: they may hold an address
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_REJECTED
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as unexpected:  # a last guard: one plain line, never a traceback or SQL
        from wayahead.faults import fault_message, log_fault

        _say(f"error: {fault_message(unexpected, log_fault('The command failed', unexpected))}", sys.stderr)
        return EXIT_REJECTED


def _reader_went_away() -> int:
    """The reader of our output closed it (`| head`): stop quietly, as Unix tools do. Further
    output goes to devnull, so Python's flush at exit raises nothing (see the Python docs'
    note on SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_REJECTED


def _say(line: str, stream: Any = None) -> None:
    """Print one line with the control characters a file name or a cell may hold made
    visible ('[U+001B]'), so nothing read from a file can drive the terminal."""
    print(printable(line), file=stream or sys.stdout)


def _engine():
    from wayahead.store.engine import get_engine

    return get_engine()


def _actor(by: str | None) -> str:
    """Who is recorded for a store or restore. `--by` is the user's word, so the operating-system
    account running the command is recorded beside it: "A. Officer (command line, os user: alice)"."""
    account = _os_user()
    name = " ".join("".join(c for c in by or "" if c.isprintable()).split())[:120]
    return f"{name} (command line, os user: {account})" if name else f"{account} (command line)"


def _os_user() -> str:
    """The account the command runs as, from the system's user database (the environment's
    LOGNAME or USER, which getpass reads first, can be set to anything)."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, AttributeError, KeyError):  # not Unix, or a uid with no account
        try:
            return getpass.getuser()
        except Exception:
            return "unknown"


def _borough_year(borough: str, year: str) -> tuple[str, int]:
    from wayahead.figures.links import financial_year

    authority = find_authority(borough)
    if authority is None:
        raise UsageError(
            f"unknown authority {printable(borough)!r}: give its name or ONS code, e.g. Hackney or E09000012"
        )
    start = financial_year(year.strip()[:20])  # ASCII digits only: '²²²²' is no year
    if start is None:
        raise UsageError(f"unknown financial year {printable(year[:20])!r}: write it as 2024/25 or 2024")
    return authority.code, start


MAX_READ_BYTES = 50 * 1024 * 1024
_NOT_A_FILE = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _read(path: Path) -> bytes | str:
    """The file's bytes, or a plain reason it could not be read. Only a regular file is read:
    a folder, a device such as /dev/zero or a named pipe is refused before anything is read
    (opened non-blocking, so a pipe with no writer cannot hang the command)."""
    try:
        if reason := _not_a_file(path.stat().st_mode):
            return reason
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            if reason := _not_a_file(os.fstat(handle.fileno()).st_mode):  # replaced since the first look
                return reason
            data = handle.read(MAX_READ_BYTES + 1)
    except OSError as exc:
        return exc.strerror or "it could not be read"
    return "the file is larger than 50 MB" if len(data) > MAX_READ_BYTES else data


def _not_a_file(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    what = _NOT_A_FILE.get(stat.S_IFMT(mode), "not a regular file")
    return f"it is {what}, not a file. Give the path of the .xlsx return itself"


def _unreadable(path: Path, reason: str) -> LoadResult:
    from loaders.problems import Problem

    result = LoadResult(str(path), "")
    result.problems.append(
        Problem("error", None, None, "", "a readable .xlsx file", f"Could not open {path}: {reason}.")
    )
    return result


def _problem_json(problems: list[Any]) -> list[dict[str, Any]]:
    return [
        {"sheet": p.sheet, "cell": p.cell, "message": p.message, "found": p.found, "expected": p.expected, "fix": p.fix}
        | p.repeats()
        for p in problems
    ]


def _print_problems(result: LoadResult) -> None:
    for problem in result.errors:
        _say(f"  error   {problem.message}")
    for problem in result.warnings:
        _say(f"  warning {problem.message}")


def _describe(result: LoadResult) -> str:
    authority = find_authority(result.borough) if result.borough else None
    parts = [
        authority.name if authority else None,
        financial_year_label(result.year) if result.year is not None else None,
    ]
    return " ".join(p for p in parts if p) or "unknown return"


def cmd_template(args: argparse.Namespace) -> int:
    from wayahead.returns.template import template_bytes

    args.out.write_bytes(template_bytes())
    _say(f"Wrote the blank return template to {args.out}")
    return EXIT_OK


def _checked(engine: Any, paths: Sequence[Path]) -> list[tuple[LoadResult, bytes]]:
    """Each path's check result and bytes (b"" when it could not be read), in order."""
    from wayahead.intake.importing import check_returns, log_refused

    contents = [_read(path) for path in paths]
    results = iter(
        check_returns(engine, [(path.name, data) for path, data in zip(paths, contents) if isinstance(data, bytes)])
    )
    checked = [
        (next(results), data) if isinstance(data, bytes) else (_unreadable(path, data), b"")
        for path, data in zip(paths, contents)
    ]
    for result, _ in checked:
        log_refused(result, "cli")
    return checked


def cmd_validate(args: argparse.Namespace) -> int:
    results = [result for result, _ in _checked(_engine(), args.files)]
    for path, result in zip(args.files, results):
        result.file_name = str(path)
    if args.json:
        print(
            json.dumps(
                {
                    "files": [
                        {
                            "file": r.file_name,
                            "valid": r.valid,
                            "borough": r.borough,
                            "year": r.year,
                            "errors": _problem_json(r.errors),
                            "warnings": _problem_json(r.warnings),
                        }
                        for r in results
                    ]
                },
                indent=2,
                default=str,
            )
        )
    else:
        for result in results:
            verdict = "valid" if result.valid else "REJECTED"
            _say(
                f"{result.file_name}: {verdict} ({_describe(result)}; {cell_count(result.errors)} errors, {cell_count(result.warnings)} warnings)"
            )
            _print_problems(result)
    return EXIT_OK if all(r.valid for r in results) else EXIT_REJECTED


def cmd_import(args: argparse.Namespace) -> int:
    """Check every file, then store the valid ones together: one transaction for the command."""
    from wayahead.store.returns import store_returns

    engine = _engine()
    checked = _checked(engine, args.files)
    outcomes = store_returns(engine, checked, _actor(args.by))
    rows = []
    for path, (result, _), outcome in zip(args.files, checked, outcomes):
        rows.append(
            {
                "file": str(path),
                "status": outcome.status,
                "borough": result.borough,
                "year": result.year,
                "version": outcome.version,
                "errors": _problem_json(result.errors),
                "warnings": _problem_json(result.warnings),
            }
        )
        if not args.json:
            detail = {
                "stored": f"stored as version {outcome.version}",
                "unchanged": f"unchanged (same file as version {outcome.version})",
                "rejected": "REJECTED, nothing stored",
            }[outcome.status]
            _say(f"{path}: {_describe(result)} {detail}")
            _print_problems(result)
    if args.json:
        print(json.dumps({"files": rows}, indent=2, default=str))
    return EXIT_REJECTED if any(r["status"] == "rejected" for r in rows) else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from wayahead.figures.filters import Filters
    from wayahead.figures.metrics.core import years_with_returns
    from wayahead.output.exports import csv_file_name, dataframe_to_csv_bytes, dataframe_to_xlsx_bytes, export_frames
    from wayahead.words.provenance import provenance

    engine = _engine()
    frames = export_frames(
        engine,
        personal=not args.without_personal_data,  # the operator already holds the database
        include_unpublished=args.include_unpublished,
    )
    years = years_with_returns(engine, args.include_unpublished)
    note = (
        provenance(engine, Filters(years[0], years[-1], include_unpublished=args.include_unpublished))
        if years
        else None
    )
    if args.format == "csv":
        args.out.mkdir(parents=True, exist_ok=True)
        for name, frame in frames.items():
            (args.out / csv_file_name(name)).write_bytes(dataframe_to_csv_bytes(frame, note))
        _say(f"Wrote {len(frames)} CSV files to {args.out}")
    else:
        args.out.write_bytes(dataframe_to_xlsx_bytes(frames, note, "Way Ahead borough returns as stored"))
        _say(f"Wrote {args.out}")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from wayahead.store.returns import history

    code, year = _borough_year(args.borough, args.year)
    versions = history(_engine(), code, year)
    name = find_authority(code).name  # type: ignore[union-attr]
    if not versions:
        print(f"No return stored for {name} {financial_year_label(year)}.")
        return EXIT_OK
    print(f"{name} {financial_year_label(year)}")
    for v in versions:
        mark = "*" if v["current"] else " "
        what = f"restored from version {v['restored_from']}" if v["action"] == "restore" else "imported"
        _say(
            f"{mark} version {v['version']}: {what} by {v['submitted_by']} at {v['submitted_at']:%Y-%m-%d %H:%M} from {v['file_name']} (sha256 {v['sha256'][:12]}…, {sum(w.get('count', 1) for w in v['warnings'])} warnings)"
        )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from wayahead.store.returns import StoreError, restore_version

    code, year = _borough_year(args.borough, args.year)
    try:
        outcome = restore_version(_engine(), code, year, args.version, _actor(args.by))
    except StoreError as missing:
        print(f"error: {missing}", file=sys.stderr)
        return EXIT_REJECTED
    if outcome.status == "unchanged":
        print(f"Version {args.version} is already the current version; nothing changed.")
    else:
        print(f"Restored version {args.version} as version {outcome.version}.")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from wayahead.returns.samples import SUBMITTED_BY, sample_files, write_sample_files
    from wayahead.store.publication import publish
    from wayahead.store.returns import data_version, store_returns

    engine = _engine()
    if args.if_empty and data_version(engine):
        print("The database already holds returns; sample data not loaded.")
        return EXIT_OK
    paths = sample_files() or write_sample_files()
    counts = {"stored": 0, "unchanged": 0, "rejected": 0}
    outcomes = store_returns(engine, _checked(engine, paths), SUBMITTED_BY)
    for outcome in outcomes:
        counts[outcome.status] += 1
    stored: dict[int, list[str]] = {}
    for o in outcomes:
        if o.status == "stored" and o.year is not None and o.borough is not None:
            stored.setdefault(o.year, []).append(o.borough)
    for year, codes in sorted(stored.items()):
        publish(engine, year, SUBMITTED_BY, codes)  # the sample data is shown as published
    print(
        f"Sample data (illustrative, not real figures): {counts['stored']} stored, {counts['unchanged']} unchanged, {counts['rejected']} rejected."
    )
    return EXIT_REJECTED if counts["rejected"] else EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    from wayahead.access.auth import run_users_command

    return run_users_command(args, _engine())


def cmd_publication(args: argparse.Namespace) -> int:
    from wayahead.cli.publication import run_publication_command

    return run_publication_command(args, _engine())


def cmd_round(args: argparse.Namespace) -> int:
    from wayahead.cli.rounds import run_round_command

    return run_round_command(args, _engine())


def cmd_reference(args: argparse.Namespace) -> int:
    """Load a CSV of published statistics (checked whole, stored in one transaction) or list the series."""
    import hashlib

    from wayahead.intake.reference import ReferenceRefused, read_reference_csv
    from wayahead.store.reference import load_series, series_history

    engine = _engine()
    if args.reference_action == "list":
        history = series_history(engine)
        if not history:
            _say("No published statistics loaded: money is in cash and per resident uses Census 2021.")
        for series in history:
            mark = "current" if series.current else "earlier"
            _say(
                f"{series.kind:<12} {mark:<8} {series.values:>6,} values  {series.source}, released "
                f"{series.released.isoformat()}; loaded {series.loaded_at:%Y-%m-%d %H:%M} UTC by {series.loaded_by}"
            )
        return EXIT_OK
    data = _read(args.file)
    try:
        if isinstance(data, str):
            raise ReferenceRefused([f"Could not open {args.file}: {data}."])
        values = read_reference_csv(args.kind, data)
        stored = load_series(
            engine, args.kind, values, args.source, args.released, _actor(args.by), hashlib.sha256(data).hexdigest()
        )
    except (ReferenceRefused, ValueError) as refused:
        problems = refused.problems if isinstance(refused, ReferenceRefused) else [str(refused)]
        _say(f"{args.file}: REJECTED, nothing stored", sys.stderr)
        for problem in problems:
            _say(f"  {problem}", sys.stderr)
        return EXIT_REJECTED
    _say(
        f"{args.file}: {stored.values:,} values stored as the current {stored.kind} series "
        f"({stored.source}, released {stored.released.isoformat()})."
    )
    return EXIT_OK


COMMANDS = {
    "template": cmd_template,
    "validate": cmd_validate,
    "import": cmd_import,
    "export": cmd_export,
    "history": cmd_history,
    "restore": cmd_restore,
    "sample": cmd_sample,
    "users": cmd_users,
    **dict.fromkeys(("publish", "withdraw", "mark", "status"), cmd_publication),
    "round": cmd_round,
    "reference": cmd_reference,
}
