"""The plain functions behind the upload page: check each file, report, preview, compare, store.

A file is checked with the same safety limits and validator as the command line. Errors block
storing; warnings must be acknowledged first; a file identical to the current version is
reported as unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import pandas as pd
from sqlalchemy import Engine

from loaders.problems import Problem, cell_count
from loaders.validate import LoadResult
from wayahead.faults import log_fault
from wayahead.intake.annotate import annotated_workbook
from wayahead.intake.differences import return_differences, total_funding_change
from wayahead.intake.importing import check_returns, log_refused
from wayahead.returns.data import ReturnData
from wayahead.returns.london import BY_CODE, financial_year_label
from wayahead.returns.spec import SHEETS
from wayahead.returns.template import display_value
from wayahead.store.returns import StoreOutcome, store_returns, version_content

Readiness = Literal["blocked", "needs acknowledgement", "ready"]
PROBLEM_COLUMNS = ["Severity", "Sheet", "Cell", "Found", "Expected", "How to fix"]


@dataclass
class CheckedFile:
    """One uploaded file after checking: its bytes, the validator's result and the current version."""

    name: str
    data: bytes
    result: LoadResult
    current: ReturnData | None = field(default=None)

    @property
    def readiness(self) -> Readiness:
        if not self.result.valid:
            return "blocked"
        return "needs acknowledgement" if self.result.warnings else "ready"

    @property
    def title(self) -> str:
        """'Camden 2024/25' from reference data (never the uploaded file name), or a stand-in."""
        if self.result.borough in BY_CODE and self.result.year is not None:
            return f"{BY_CODE[self.result.borough].name} {financial_year_label(self.result.year)}"
        return "Authority and year not readable"

    @cached_property
    def marked_workbook(self) -> bytes | None:
        """The upload with its problems marked (worked out once; None if the file was refused,
        or if marking it failed: the fault is logged and the problems table still stands)."""
        if not self.result.problems:
            return None
        try:
            return annotated_workbook(self.data, self.result.problems)
        except Exception as fault:
            log_fault("Marking the problems of a file failed", fault, sha256=self.result.sha256)
            return None

    @property
    def download_stem(self) -> str:
        """A safe base for download names: the uploaded name with anything unusual replaced."""
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", self.name.rsplit(".", 1)[0]).strip("-")
        return stem[:60] or "return"

    @property
    def verdict(self) -> str:
        errors, warnings = cell_count(self.result.errors), cell_count(self.result.warnings)
        if self.readiness == "blocked":
            return f"✗ {_count(errors, 'error')}, {_count(warnings, 'warning')}: cannot be stored until fixed"
        if self.readiness == "needs acknowledgement":
            return f"⚠ {_count(warnings, 'warning')}: can be stored once acknowledged"
        return "✓ no problems: ready to store"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def checking_words(number: int, total: int, name: str) -> str:
    """What the upload page says while it checks one of several files: 'Checking file 3 of 12: name.xlsx'."""
    return f"Checking file {number} of {total}: {name}"


def check_file(engine: Engine, name: str, data: bytes, authority: str | None = None) -> CheckedFile:
    """Validate one upload against the store (the funding-change warning needs last year's total);
    for an uploader limited to `authority`, a return for any other authority is an error."""
    result = check_returns(engine, [(name, data)])[0]
    if authority is not None and result.borough is not None and result.borough != authority:
        result.problems.insert(0, _not_yours(result.borough, authority))
        result.data = None  # not compared with, or shown beside, another authority's stored return
    log_refused(result, "upload")
    if authority is not None and result.borough != authority:
        return CheckedFile(name, data, result, None)
    current = None
    if result.borough and result.year is not None:
        current = version_content(engine, result.borough, result.year)
    return CheckedFile(name, data, result, current)


def _not_yours(found: str, authority: str) -> Problem:
    return Problem(
        "error",
        "About",
        None,
        BY_CODE[found].name,
        f"a return for {BY_CODE[authority].name}",
        f"Your account uploads returns for {BY_CODE[authority].name} only. Check the Borough on the About sheet; "
        "if the file is another authority's, that authority (or the steering group) uploads it.",
    )


def problems_table(result: LoadResult) -> pd.DataFrame:
    """Errors first, then warnings, each with sheet, cell, found, expected and how to fix."""
    ordered = sorted(result.problems, key=lambda p: p.severity != "error")
    return pd.DataFrame(
        [(p.severity.upper(), p.sheet or "Workbook", p.cells, p.found, p.expected, p.fix) for p in ordered],
        columns=PROBLEM_COLUMNS,
    )


def problem_counts(result: LoadResult) -> pd.DataFrame:
    """How many errors and warnings on each sheet."""
    table = problems_table(result)
    if table.empty:
        return pd.DataFrame(columns=["Sheet", "Errors", "Warnings"])
    counts = pd.crosstab(table["Sheet"], table["Severity"])
    return pd.DataFrame(
        {
            "Sheet": counts.index,
            "Errors": counts.get("ERROR", pd.Series(0, index=counts.index)).to_numpy(),
            "Warnings": counts.get("WARNING", pd.Series(0, index=counts.index)).to_numpy(),
        }
    )


def summary_table(files: list[CheckedFile]) -> pd.DataFrame:
    """One line per uploaded file: authority and year, counts, and whether it can be stored."""
    return pd.DataFrame(
        [
            {
                "File": f.name,
                "Authority": BY_CODE[f.result.borough].name if f.result.borough in BY_CODE else "(not read)",
                "Year": financial_year_label(f.result.year) if f.result.year is not None else "(not read)",
                "Errors": len(f.result.errors),
                "Warnings": cell_count(f.result.warnings),
                "Already stored": _already_stored(f),
                "Status": f.verdict,
            }
            for f in files
        ]
    )


def _already_stored(f: CheckedFile) -> str:
    if f.result.borough is None or f.result.year is None:
        return "(not read)"
    return "yes: will be a new version" if f.current is not None else "no: new return"


def preview_frames(data: ReturnData) -> dict[str, pd.DataFrame]:
    """What will be stored, sheet name → table (Field | Value for the fields sheets)."""
    frames = {}
    for sheet in SHEETS:
        records = data.sheets.get(sheet.key, [])
        if sheet.layout == "fields":
            record = records[0] if records else {}
            frames[sheet.name] = pd.DataFrame(
                {
                    "Field": [f.label for f in sheet.fields],
                    "Value": [_shown(display_value(record.get(f.key), f)) for f in sheet.fields],
                }
            )
        else:
            frames[sheet.name] = pd.DataFrame(
                [{f.label: _shown(display_value(r.get(f.key), f)) for f in sheet.fields} for r in records],
                columns=[f.label for f in sheet.fields],
            )
    return frames


def _shown(value: object) -> str:
    """Values as text, so one table column never mixes types."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


def changes_from_current(file: CheckedFile) -> tuple[str, pd.DataFrame] | None:
    """(total funding before → after, changed answers) against the current version, if there is one."""
    if file.current is None or file.result.data is None:
        return None
    return total_funding_change(file.current, file.result.data), return_differences(file.current, file.result.data)


def can_store(file: CheckedFile, acknowledged: bool) -> bool:
    """Errors block storing; warnings need acknowledging."""
    return file.readiness == "ready" or (file.readiness == "needs acknowledgement" and acknowledged)


def ready_files(files: list[CheckedFile], acknowledged: list[bool]) -> list[CheckedFile]:
    """The files that may be stored now, in upload order."""
    return [f for f, ack in zip(files, acknowledged) if can_store(f, ack)]


def left_out_note(files: list[CheckedFile], acknowledged: list[bool]) -> str | None:
    """Why some files will not be stored yet, with what to do: 'Not included: 1 with errors
    (…); 2 with warnings not yet acknowledged (…).', or None when every file is ready."""
    blocked = sum(f.readiness == "blocked" for f in files)
    waiting = sum(f.readiness == "needs acknowledgement" and not ack for f, ack in zip(files, acknowledged))
    parts = [
        *(
            [f"{blocked} with errors (fix them in the workbook, or use its marked copy, and upload it again)"]
            if blocked
            else []
        ),
        *([f"{waiting} with warnings not yet acknowledged (tick the box under its warnings)"] if waiting else []),
    ]
    return "Not included: " + "; ".join(parts) + ". Each file's details are below." if parts else None


def store_checked(engine: Engine, files: list[CheckedFile], by: str) -> list[StoreOutcome]:
    """Store the chosen files together, in one transaction (all of them or none)."""
    return store_returns(engine, [(f.result, f.data) for f in files], by)


def outcome_message(outcome: StoreOutcome) -> str:
    """What storing did, in words: a new return, version N, unchanged, or not stored."""
    if outcome.borough not in BY_CODE or outcome.year is None:
        return "✗ not stored: it has errors"
    what = f"{BY_CODE[outcome.borough].name} {financial_year_label(outcome.year)}"
    if outcome.status == "rejected":
        return f"✗ {what} not stored: it has errors"
    if outcome.status == "unchanged":
        return f"= {what} unchanged: identical to the current version {outcome.version}; nothing stored"
    if outcome.version == 1:
        return f"✓ {what} stored as a new return (version 1)"
    return f"✓ {what} stored as version {outcome.version}; earlier versions stay in the history"


def stored_summary(outcomes: list[StoreOutcome]) -> str:
    """The line above what storing did: true whether or not anything new was stored ('Stored.'
    read as a change when every file was identical to its current version)."""
    stored = sum(o.status == "stored" for o in outcomes)
    if not stored:
        return "Nothing new stored: the dashboards are as they were."
    return f"Stored {stored} return{'s' if stored != 1 else ''}. The dashboards now show the new figures."


def history_links(outcomes: list[StoreOutcome]) -> list[tuple[str, dict[str, str]]]:
    """A link label and query (?la=…&year=…) for the history of each return just stored."""
    return [
        (f"History of {BY_CODE[o.borough].name} {financial_year_label(o.year)}", {"la": o.borough, "year": str(o.year)})
        for o in outcomes
        if o.status == "stored" and o.borough in BY_CODE and o.year is not None
    ]
