"""Pausing Python's cyclic garbage collector while a return's cells become objects.

Reading, checking and storing returns makes tens of thousands of short-lived lists, dicts
and tuples, none of them in cycles; the collector, set off by those allocations, walked
them again and again and took about a third of an import's time. Reference counting still
frees everything as usual; only the search for cycles waits until the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with cycle collection off, restoring it after (safe to nest, and across
    threads the collector ends up on again once the first block that turned it off is done)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
