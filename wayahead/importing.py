"""Checking a batch of return files before they are stored together (store_returns): each
file's funding is compared with the year before, as stored or as checked earlier in the batch."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from loaders.validate import LoadResult, load_return
from wayahead.gc_pause import gc_paused
from wayahead.store.returns import current_totals


def check_returns(engine: Engine, files: Sequence[tuple[str, bytes]]) -> list[LoadResult]:
    """load_return for each (file name, bytes), in order, with the funding-change warning."""
    totals = current_totals(engine)
    results = []
    with gc_paused():  # for the whole batch: the results so far would be walked after every file
        for name, data in files:
            result = load_return(data, name, lambda borough, year: totals.get((borough, year)))
            if result.valid and result.data is not None:
                totals[(result.data.borough, result.data.year)] = result.data.total_funding()
            results.append(result)
    return results

