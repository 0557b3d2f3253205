"""Cached figures for the pages: every cached() call is kept on the database and its
data_version, so storing or restoring a return makes the next page view recompute."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from wayahead.figures.metrics.snapshot import at_version
from wayahead.store.engine import get_engine
from wayahead.store.publication import min_coverage
from wayahead.store.returns import data_version


@st.cache_data(show_spinner=False, max_entries=2000)
def _run_cached(
    module: str, name: str, url: str, version: tuple[int, int, int], args: tuple[Any, ...], _engine: Engine
) -> Any:
    function = getattr(importlib.import_module(module), name)
    with at_version(_engine, version[0]):
        return function(_engine, *args)


_RUN_VERSION = "_figures_version"  # session state: (database URL, version) read at the start of this run


def _version(engine: Engine) -> tuple[int, int, int]:
    # an embargo date passing changes what is published; the coverage threshold what is stated
    return (data_version(engine), dt.date.today().toordinal(), min_coverage())


def start_run() -> None:
    """Read the data version once for this run (dashboard.py, and each page's start): a page asks
    cached() for a score of figures, and each asking the database again was a sixth of its run.
    Every change to the data is followed by a rerun (st.rerun after a store, restore or
    publication), which reads it anew; a fragment's rerun keeps its page run's version."""
    engine = get_engine()
    st.session_state[_RUN_VERSION] = (str(engine.url), _version(engine))


def cached(function: Callable[..., Any], *args: Any) -> Any:
    """function(engine, *args), cached until the data changes. Arguments must be hashable
    values (Filters, years, keys), and the function a module-level one."""
    engine = get_engine()
    url = str(engine.url)
    read = st.session_state.get(_RUN_VERSION)
    version = read[1] if read and read[0] == url else _version(engine)
    return _run_cached(function.__module__, function.__name__, url, version, args, _engine=engine)
