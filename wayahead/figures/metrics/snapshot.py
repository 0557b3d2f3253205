"""Query results kept until the data changes, so a change of filters reads nothing again.

Each figure's SQL is asked over every current return (grouped by year and authority); the
filters then pick and add up rows of that small frame in pandas. A frame is kept per engine and
query, with the data version (wayahead.store.returns.data_version) it was read at, and read
again once the version moves on: a newly stored or restored return shows at the next call.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
import weakref
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select

from wayahead.store.returns import data_version

_FRAMES: weakref.WeakKeyDictionary[Engine, dict[str, tuple[int, pd.DataFrame]]] = weakref.WeakKeyDictionary()
_KEYS: dict[int, tuple[Select[Any], str]] = {}  # by id of the query, which is kept alive with its key
_KEPT_QUERIES = 512
_LOCK = threading.Lock()
_PINNED: contextvars.ContextVar[tuple[Engine, int] | None] = contextvars.ContextVar(
    "wayahead_pinned_version", default=None
)


@contextlib.contextmanager
def at_version(engine: Engine, version: int) -> Iterator[None]:
    """Within this block, take `version` as the data version of `engine` instead of asking the
    database each time (the caller has just read it)."""
    token = _PINNED.set((engine, version))
    try:
        yield
    finally:
        _PINNED.reset(token)


def current_version(engine: Engine) -> int:
    """The data version pinned by `at_version` for this engine, else the database's."""
    pinned = _PINNED.get()
    if pinned is not None and pinned[0] is engine:
        return pinned[1]
    return data_version(engine)


def query_key(query: Select[Any]) -> str:
    """A text naming the query exactly: its SQL with the values of its parameters (worked out
    once per query object: compiling takes about a millisecond)."""
    kept = _KEYS.get(id(query))
    if kept is not None and kept[0] is query:
        return kept[1]
    compiled = query.compile()
    key = f"{compiled}\n{sorted(compiled.params.items())!r}"
    with _LOCK:
        _KEYS[id(query)] = (query, key)
        while len(_KEYS) > _KEPT_QUERIES:
            _KEYS.pop(next(iter(_KEYS)))
    return key


def read_frame(
    engine: Engine, query: Select[Any], dtype: Any = None, dtypes: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """The rows of `query` as a DataFrame (its labelled columns; every column of `dtype`, or
    each named in `dtypes` of its type, if given), from the kept copy while the data version
    has not changed. Callers must not modify the frame they get."""
    key = f"{query_key(query)}\n{dtype!r}\n{sorted((dtypes or {}).items(), key=str)!r}"
    version = current_version(engine)
    with _LOCK:
        kept = _FRAMES.get(engine, {}).get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    with engine.connect() as connection:
        result = connection.execute(query)
        frame = pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()), dtype=dtype)
    if dtypes:
        frame = frame.astype(dict(dtypes))
    with _LOCK:
        _FRAMES.setdefault(engine, {})[key] = (version, frame)
    return frame
