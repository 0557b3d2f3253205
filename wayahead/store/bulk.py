"""Inserting many rows quickly. SQLAlchemy's executemany builds each row's parameters in Python,
which was most of the time a 5,000-row return took to store; here the columns' own conversions
run column by column, and on drivers with positional placeholders (SQLite) rows go in 50 to a
statement (INSERT … VALUES (…), (…), …), which SQLite runs about a third faster."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Dialect, Table, insert

ROWS_PER_STATEMENT = 50  # 50 × a sheet's columns stays far below SQLite's 32,766 parameters
Processor = Callable[[Any], Any] | None


def insert_many(connection: Connection, table: Table, keys: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """INSERT `rows` (tuples of values for the columns `keys`, in that order) into `table`."""
    if not rows:
        return
    dialect = connection.dialect
    sql, order, processors = _prepared(dialect, table, tuple(keys))
    if order != tuple(keys):  # the statement wants its parameters in another order
        position = {key: n for n, key in enumerate(keys)}
        rows = [tuple(row[position[key]] for key in order) for row in rows]
    if any(processors):
        columns = [list(map(convert, column)) if convert else column for convert, column in zip(processors, zip(*rows))]
        rows = list(zip(*columns))
    if dialect.paramstyle not in ("qmark", "format"):  # named placeholders: one row per execution
        connection.exec_driver_sql(sql, [dict(zip(order, row)) for row in rows])
        return
    whole = len(rows) - len(rows) % ROWS_PER_STATEMENT
    if whole:
        connection.exec_driver_sql(
            _repeated(sql, ROWS_PER_STATEMENT),
            [tuple(chain.from_iterable(rows[i : i + ROWS_PER_STATEMENT])) for i in range(0, whole, ROWS_PER_STATEMENT)],
        )
    if whole < len(rows):
        connection.exec_driver_sql(_repeated(sql, len(rows) - whole), [tuple(chain.from_iterable(rows[whole:]))])


@lru_cache(maxsize=256)  # per dialect object, so per engine: compiled once, as SQLAlchemy would
def _prepared(
    dialect: Dialect, table: Table, keys: tuple[str, ...]
) -> tuple[str, tuple[str, ...], tuple[Processor, ...]]:
    """The one-row INSERT statement's text, its parameters' order, and each one's conversion."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else keys
    processors = tuple(table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in order)
    return compiled.string, order, processors


@lru_cache(maxsize=256)
def _repeated(sql: str, rows: int) -> str:
    """'INSERT … VALUES (?, ?)' for `rows` rows: 'INSERT … VALUES (?, ?), (?, ?), …'."""
    head, one_row = sql.rsplit(" VALUES ", 1)
    return f"{head} VALUES {', '.join([one_row] * rows)}"
