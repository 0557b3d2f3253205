"""Checking a batch of return files before they are stored together (store_returns): each
file's funding is compared with the year before, as stored or as checked earlier in the batch."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

from sqlalchemy import Engine

from loaders.gc_pause import gc_paused
from loaders.problems import Problem, cell_count
from loaders.validate import LoadResult, load_return
from wayahead.faults import log_fault
from wayahead.logs import event
from wayahead.returns.london import BY_CODE
from wayahead.store.returns import current_totals

LOG = logging.getLogger("wayahead.intake")


def check_returns(engine: Engine, files: Sequence[tuple[str, bytes]]) -> list[LoadResult]:
    """load_return for each (file name, bytes), in order, with the funding-change warning.
    Each file's report stands on its own: a fault while checking one is that file's error."""
    totals = current_totals(engine)
    results = []
    with gc_paused():  # for the whole batch: the results so far would be walked after every file
        for name, data in files:
            try:
                result = load_return(data, name, lambda borough, year: totals.get((borough, year)))
            except Exception as fault:  # a bug the file ran into: report it, then check the next
                result = _checks_failed(name, data, fault)
            if result.valid and result.data is not None:
                totals[(result.data.borough, result.data.year)] = result.data.total_funding()
            results.append(result)
    return results


def log_refused(result: LoadResult, via: str) -> None:
    """Log a refused file for the operator: which return, how many problems and cells, the
    file's SHA-256 (never its name or content). `via`: 'cli' or 'upload'."""
    if not result.valid:
        event(
            LOG,
            "import.refused",
            via=via,
            code=result.borough if result.borough in BY_CODE else None,
            year=result.year,
            errors=cell_count(result.errors),
            warnings=cell_count(result.warnings),
            problems=len(result.problems),
            sha256=result.sha256 or None,
        )


def _checks_failed(name: str, data: bytes, fault: Exception) -> LoadResult:
    """The report of a file whose checks stopped on a fault in the app: one plain error."""
    result = LoadResult(name, hashlib.sha256(data).hexdigest())
    reference = log_fault("Checking a file failed", fault, sha256=result.sha256)
    result.problems.append(
        Problem(
            "error",
            None,
            None,
            "",
            "a file the checks can finish",
            f"The checks stopped on this file because of a fault in the app (reference {reference}), so nothing "
            "from it can be stored. The other files were checked as usual. Tell your administrator, quoting "
            "the reference; saving the workbook again in Excel may get round it.",
        )
    )
    return result
