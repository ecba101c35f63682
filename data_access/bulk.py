"""Fast bulk inserts inside the caller's transaction, on SQLite and PostgreSQL.

SQLAlchemy's executemany path is convenient but costs tens of microseconds a row; imports
and the demo generator write millions of rows, so this module talks to the driver:

- SQLite: ``executemany`` on the raw ``sqlite3`` cursor with one prepared INSERT;
- PostgreSQL (psycopg 3): ``COPY table (columns) FROM STDIN``, rows streamed with
  ``write_row``.

Both run on the connection the caller already holds, so the rows commit or roll back with
the rest of the caller's transaction. Values are converted per column type to what the
driver stores the same way SQLAlchemy would (dates as ISO text on SQLite), and numpy
scalars become plain Python numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, islice
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

_BATCH = 50_000


def _sqlite_date(v: Any) -> Any:
    if v is None or type(v) is str:
        return v
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, np.datetime64):
        return str(v.astype("datetime64[D]"))
    raise TypeError(f"expected a date, got {v!r}")


def _sqlite_datetime(v: Any) -> Any:
    if v is None or type(v) is str:
        return v
    if isinstance(v, np.datetime64):
        v = v.astype("datetime64[us]").item()
    if isinstance(v, dt.datetime):
        # SQLAlchemy's own SQLite storage format, so its DateTime type reads it back.
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, dt.date):
        return f"{v.isoformat()} 00:00:00.000000"
    raise TypeError(f"expected a datetime, got {v!r}")


def _plain_number(v: Any) -> Any:
    # sqlite3 and psycopg refuse numpy integers; .item() gives the Python number.
    return v.item() if isinstance(v, np.generic) else v


def _bool(v: Any) -> Any:
    return v if v is None else int(bool(v))


def _bool_pg(v: Any) -> Any:
    return v if v is None else bool(v)


_NONE = type(None)
# Per column type: the value types each driver takes as they are, and the converter for
# anything else. Checking a batch's types is far cheaper than converting every value.
_SQLITE_RULES = {
    "datetime": ((str, _NONE), _sqlite_datetime),
    "date": ((str, _NONE), _sqlite_date),
    "bool": ((int, bool, _NONE), _bool),
    "number": ((int, float, _NONE), _plain_number),
}
_PG_RULES = {
    "datetime": ((dt.datetime, str, _NONE), _plain_number),
    "date": ((dt.date, str, _NONE), _plain_number),
    "bool": ((bool, _NONE), _bool_pg),
    "number": ((int, float, _NONE), _plain_number),
}


def _kind(col_type: sa.types.TypeEngine) -> str | None:
    if isinstance(col_type, sa.DateTime):
        return "datetime"
    if isinstance(col_type, sa.Date):
        return "date"
    if isinstance(col_type, sa.Boolean):
        return "bool"
    if isinstance(col_type, (sa.Integer, sa.Float, sa.Numeric)):
        return "number"
    return None


def _rules(table: sa.Table, columns: Sequence[str], backend: str) -> list[tuple]:
    """(position, accepted types, converter) for every column that may need converting."""
    rules = _SQLITE_RULES if backend == "sqlite" else _PG_RULES
    out = []
    for i, name in enumerate(columns):
        kind = _kind(table.c[name].type)
        if kind is not None:
            out.append((i, *rules[kind]))
    return out


def _prepared(batch: list[tuple], rules: list[tuple]) -> list[tuple]:
    """Convert only the columns of this batch holding values the driver would refuse."""
    todo = [
        (i, f) for i, accepted, f in rules
        if not {type(row[i]) for row in batch} <= set(accepted)
    ]
    if not todo:
        return batch
    out = []
    for row in batch:
        values = list(row)
        for i, f in todo:
            values[i] = f(values[i])
        out.append(tuple(values))
    return out


def _as_tuples(rows: Iterable, columns: Sequence[str] | None) -> tuple[list[str], Iterator]:
    """Normalise dict rows or tuple rows to (column names, iterator of tuples)."""
    it = iter(rows)
    try:
        first = next(it)
    except StopIteration:
        return list(columns or []), iter(())
    if isinstance(first, Mapping):
        cols = list(columns) if columns is not None else list(first.keys())
        return cols, (tuple(r[c] for c in cols) for r in chain([first], it))
    if columns is None:
        raise ValueError("bulk_insert needs columns=... when rows are tuples, not dicts")
    cols = list(columns)
    if len(first) != len(cols):
        raise ValueError(
            f"bulk_insert: a row has {len(first)} values but {len(cols)} columns were named"
        )
    return cols, chain([tuple(first)], it)


def bulk_insert(
    conn: Connection,
    table: sa.Table,
    rows: Iterable[Mapping[str, Any]] | Iterable[Sequence[Any]],
    columns: Sequence[str] | None = None,
) -> int:
    """Insert many rows into ``table`` fast, inside the transaction ``conn`` holds.

    ``rows`` is a list (or any iterable) of dicts, or an iterable of tuples whose values
    follow ``columns``. With dicts, ``columns`` defaults to the first row's keys. Columns
    not named get their database default (autoincrement ids included). Dates may be
    ``datetime.date`` or ISO strings. Returns the number of rows written.
    """
    cols, tuples = _as_tuples(rows, columns)
    unknown = [c for c in cols if c not in table.c]
    if unknown:
        raise ValueError(f"bulk_insert: table {table.name} has no column(s) {unknown}")
    if not cols:
        return 0
    if not conn.in_transaction():
        # Same as SQLAlchemy's autobegin: the rows then commit with the caller's commit.
        conn.begin()
    backend = conn.dialect.name
    rules = _rules(table, cols, backend)
    batches = (
        _prepared(batch, rules)
        for batch in iter(lambda: list(islice(tuples, _BATCH)), [])
    )
    if backend == "sqlite":
        return _sqlite_insert(conn, table, cols, batches)
    if backend == "postgresql" and conn.dialect.driver == "psycopg":
        return _pg_copy(conn, table, cols, batches)
    return _generic_insert(conn, table, cols, batches)


def _quoted(conn: Connection, table: sa.Table, cols: Sequence[str]) -> tuple[str, str]:
    prep = conn.dialect.identifier_preparer
    return prep.format_table(table), ", ".join(prep.quote(c) for c in cols)


def _sqlite_insert(conn: Connection, table: sa.Table, cols: list[str], batches: Iterator) -> int:
    # Table and column names come from the metadata (never from input) and are quoted
    # by the dialect; values travel as bound parameters.
    tname, cnames = _quoted(conn, table, cols)
    sql = f"INSERT INTO {tname} ({cnames}) VALUES ({', '.join('?' * len(cols))})"
    cursor = conn.connection.driver_connection.cursor()
    total = 0
    try:
        for batch in batches:
            cursor.executemany(sql, batch)
            total += len(batch)
    finally:
        cursor.close()
    return total


def _pg_copy(conn: Connection, table: sa.Table, cols: list[str], batches: Iterator) -> int:
    tname, cnames = _quoted(conn, table, cols)
    cursor = conn.connection.driver_connection.cursor()
    total = 0
    try:
        with cursor.copy(f"COPY {tname} ({cnames}) FROM STDIN") as copy:
            for batch in batches:
                for row in batch:
                    copy.write_row(row)
                total += len(batch)
    finally:
        cursor.close()
    return total


def _generic_insert(conn: Connection, table: sa.Table, cols: list[str], batches: Iterator) -> int:
    """Any other database: SQLAlchemy executemany in batches (slower, still correct)."""
    total = 0
    for batch in batches:
        conn.execute(table.insert(), [dict(zip(cols, row)) for row in batch])
        total += len(batch)
    return total
