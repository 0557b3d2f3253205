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


def cached(function: Callable[..., Any], *args: Any) -> Any:
    """function(engine, *args), cached until the data changes. Arguments must be hashable
    values (Filters, years, keys), and the function a module-level one."""
    engine = get_engine()
    # an embargo date passing changes what is published; the coverage threshold what is stated
    version = (data_version(engine), dt.date.today().toordinal(), min_coverage())
    return _run_cached(function.__module__, function.__name__, str(engine.url), version, args, _engine=engine)
