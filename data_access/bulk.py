"""Fast bulk inserts inside the caller's transaction, on SQLite and PostgreSQL.

SQLAlchemy's executemany path is convenient but costs tens of microseconds a row; imports
and the demo generator write millions of rows, so this module talks to the driver:

- SQLite: ``executemany`` on the raw ``sqlite3`` cursor with one prepared INSERT;
- PostgreSQL (psycopg 3): ``COPY table (columns) FROM STDIN``, rows streamed with
  ``write_row``.

Both run on the connection the caller already holds, so the rows commit or roll back with
the rest of the caller's transaction. Values are converted per column type to what the
driver stores the same way SQLAlchemy would (dates as ISO text on SQLite), numpy scalars
become plain Python values and missing values (None, NaN, NaT) become NULL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, islice
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access.engine import fault_for

_BATCH = 50_000


def _missing(v: Any) -> bool:
    # None, float NaN, pandas NaT and numpy NaT all mean "no value" (NaN != NaN).
    return v is None or v != v


def _sqlite_date(v: Any) -> Any:
    if type(v) is str:
        return v
    if _missing(v):
        return None
    if isinstance(v, np.datetime64):
        return str(v.astype("datetime64[D]"))
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        return v.isoformat()
    raise TypeError(f"expected a date, got {v!r}")


def _sqlite_datetime(v: Any) -> Any:
    if type(v) is str:
        return v
    if _missing(v):
        return None
    if isinstance(v, np.datetime64):
        v = v.astype("datetime64[us]").item()
    if isinstance(v, dt.datetime):
        # SQLAlchemy's own SQLite storage format, so its DateTime type reads it back.
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, dt.date):
        return f"{v.isoformat()} 00:00:00.000000"
    raise TypeError(f"expected a datetime, got {v!r}")


def _pg_date(v: Any) -> Any:
    if _missing(v):
        return None
    if isinstance(v, np.datetime64):
        v = v.astype("datetime64[D]").item()
    if isinstance(v, dt.date | str):
        return v
    raise TypeError(f"expected a date, got {v!r}")


def _pg_datetime(v: Any) -> Any:
    if _missing(v):
        return None
    if isinstance(v, np.datetime64):
        v = v.astype("datetime64[us]").item()
    if isinstance(v, dt.date | str):
        return v
    raise TypeError(f"expected a datetime, got {v!r}")


def _number(v: Any) -> Any:
    # The drivers refuse numpy integers (.item() gives the Python number); a NaN is a
    # missing value, stored as NULL on both databases (PostgreSQL would keep 'NaN').
    if _missing(v):
        return None
    return v.item() if isinstance(v, np.generic) else v


def _text(v: Any) -> Any:
    if _missing(v):
        return None
    return str(v) if isinstance(v, str) else v


def _bool(v: Any) -> Any:
    return None if _missing(v) else int(bool(v))


def _bool_pg(v: Any) -> Any:
    return None if _missing(v) else bool(v)


_NONE = type(None)
# Per column type: the value types each driver takes as they are, and the converter for
# anything else. Checking a batch's types is far cheaper than converting every value;
# floats are accepted after a check that the batch holds no NaN.
_SQLITE_RULES = {
    "datetime": ((str, _NONE), _sqlite_datetime),
    "date": ((str, _NONE), _sqlite_date),
    "bool": ((int, bool, _NONE), _bool),
    "number": ((int, float, _NONE), _number),
    "text": ((str, _NONE), _text),
}
_PG_RULES = {
    "datetime": ((dt.datetime, str, _NONE), _pg_datetime),
    "date": ((dt.date, str, _NONE), _pg_date),
    "bool": ((bool, _NONE), _bool_pg),
    "number": ((int, float, _NONE), _number),
    "text": ((str, _NONE), _text),
}


def _kind(col_type: sa.types.TypeEngine) -> str:
    if isinstance(col_type, sa.DateTime):
        return "datetime"
    if isinstance(col_type, sa.Date):
        return "date"
    if isinstance(col_type, sa.Boolean):
        return "bool"
    if isinstance(col_type, (sa.Integer, sa.Float, sa.Numeric)):
        return "number"
    return "text"


def _rules(table: sa.Table, columns: Sequence[str], backend: str) -> list[tuple]:
    """(position, accepted types, converter) for every column."""
    rules = _SQLITE_RULES if backend == "sqlite" else _PG_RULES
    return [(i, *rules[_kind(table.c[name].type)]) for i, name in enumerate(columns)]


def _needs_converting(batch: list[tuple], i: int, accepted: tuple) -> bool:
    types = {type(row[i]) for row in batch}
    if not types <= set(accepted):
        return True
    return float in types and any(
        row[i] != row[i] for row in batch if type(row[i]) is float)


def _prepared(batch: list[tuple], rules: list[tuple]) -> list[tuple]:
    """Convert only the columns of this batch holding values the driver would refuse."""
    todo = [(i, f) for i, accepted, f in rules if _needs_converting(batch, i, accepted)]
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
        writer = _sqlite_insert
    elif backend == "postgresql" and conn.dialect.driver == "psycopg":
        writer = _pg_copy
    else:
        return _generic_insert(conn, table, cols, batches)
    try:
        return writer(conn, table, cols, batches)
    except conn.dialect.loaded_dbapi.Error as exc:
        # This path bypasses the engine's error hook: a fault (disk full, busy, read-only)
        # gets the same plain exception as everywhere else.
        fault = fault_for(exc, str(conn.engine.url))
        if fault is not None:
            raise fault from exc
        # Raise what SQLAlchemy would (IntegrityError, DataError, ...), so callers catch
        # one family of errors whichever path wrote the rows.
        raise sa.exc.DBAPIError.instance(
            f"bulk insert into {table.name}", None, exc, conn.dialect.loaded_dbapi.Error,
            dialect=conn.dialect,
        ) from exc


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
    # The first batch is converted before COPY starts, so a bad value in it raises while
    # the transaction is still usable (an error during COPY aborts the transaction).
    first = next(batches, None)
    if first is None:
        return 0
    cursor = conn.connection.driver_connection.cursor()
    total = 0
    try:
        with cursor.copy(f"COPY {tname} ({cnames}) FROM STDIN") as copy:
            for batch in chain([first], batches):
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
