"""Engines, schema creation and the data version that keys every cache.

``get_engine(url)`` returns one engine per URL. SQLite files get WAL mode (readers never
block the writer) and foreign keys on; their folder is created if missing.

Database faults arrive as plain exceptions (:class:`DatabaseFault` and its kinds), never
as a driver error with its SQL: every engine translates them as they happen. A busy
database (another import holds the write lock longer than ``JUKWAA_DB_BUSY_SECONDS``) is
:class:`DatabaseBusy`; a read-only file or server is :class:`DatabaseReadOnly` (and the
engine's pooled connections are reopened, so the process recovers once it is writable);
a damaged file is :class:`DatabaseDamaged`; a full disk :class:`DatabaseWriteFailed`.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url

from config import get_settings
from data_access import reference, schema
from data_access.schema import metadata


class DatabaseFault(RuntimeError):
    """A database fault a user can act on; the message says what happened and what to do
    (no SQL, no driver text beyond a short reason)."""


class DatabaseUnavailable(DatabaseFault):
    """The database cannot be reached or opened; the message says which and why."""


class DatabaseDamaged(DatabaseUnavailable):
    """The database file is not a database or is corrupt."""


class DatabaseBusy(DatabaseFault):
    """Another writer (a long import) held the database longer than the busy timeout."""


class DatabaseConflict(DatabaseFault):
    """Another writer changed the rows this write was based on while it ran; nothing of
    this write was kept and running it again is safe."""


class DatabaseReadOnly(DatabaseFault):
    """The database can be read but not written (read-only file, folder or server)."""


class DatabaseWriteFailed(DatabaseFault):
    """A write failed part-way for a reason outside the data (disk full, I/O error);
    the transaction was rolled back."""


READ_ONLY_MESSAGE = ("The database is read-only: viewing works, imports and updates are off "
                     "until it is writable.")
CONFLICT_MESSAGE = ("Another import or update changed the same data at the same time; "
                    "nothing from this run was written; run it again to check.")


def busy_message(seconds: int | None = None) -> str:
    """What a user is told when the database stayed busy for the whole busy timeout."""
    seconds = get_settings().db_busy_seconds if seconds is None else seconds
    return (f"Another import is running; try again in a minute (the database stayed busy "
            f"for {seconds} s; nothing was written).")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    # Set before anything that may wait on a lock. Long: a write that arrives during a
    # big import waits for it (a million rows hold the lock ~20 s) rather than failing;
    # readers never wait (WAL).
    cur.execute(f"PRAGMA busy_timeout={get_settings().db_busy_seconds * 1000:d}")
    try:
        cur.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as exc:
        # A read-only file cannot switch its journal mode; it is read in the mode it has.
        if "readonly" not in str(exc):
            raise
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _postgres_session(dbapi_connection, _record) -> None:
    # A write waiting on a row lock (every write takes the data-version row) gives up
    # after the same busy timeout as SQLite, with the same message, instead of forever.
    cur = dbapi_connection.cursor()
    cur.execute(f"SET lock_timeout = {get_settings().db_busy_seconds * 1000:d}")
    cur.close()
    dbapi_connection.commit()


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (plain or ``file:...?uri=true``); None for other
    databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    name = parsed.database
    if name.startswith("file:"):
        name = name.removeprefix("file:").split("?", 1)[0]
        if name.startswith("//"):
            name = name[2:]
    if name in ("", ":memory:") or parsed.query.get("mode") == "memory":
        return None
    return Path(name)


_SQLITE_BUSY_SNAPSHOT = 517  # SQLITE_BUSY | (2 << 8)


def fault_for(exc: BaseException, url: str = "") -> DatabaseFault | None:
    """The :class:`DatabaseFault` a driver exception stands for, or None when it is not
    one (a constraint, a bug). ``url`` names the database in the message."""
    text = str(exc).strip()
    first = text.splitlines()[0][:200] if text else type(exc).__name__
    low = text.lower()
    code = getattr(exc, "sqlite_errorcode", None)
    state = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
    if isinstance(exc, sqlite3.Error):
        if code == _SQLITE_BUSY_SNAPSHOT:
            return DatabaseConflict(CONFLICT_MESSAGE)
        if "database is locked" in low or "database table is locked" in low \
                or "database schema is locked" in low:
            return DatabaseBusy(busy_message())
        if "readonly database" in low:
            return DatabaseReadOnly(READ_ONLY_MESSAGE)
        if "file is not a database" in low or "malformed" in low:
            where = (sqlite_file(url) or describe(url)) if url else "in use"
            return DatabaseDamaged(
                f"The database file {where} is damaged ({first}). Restore it from a "
                "backup, or move it aside and run `python -m data_access init` to start "
                "an empty one.")
        if "disk is full" in low or "disk i/o error" in low:
            return DatabaseWriteFailed(
                f"The database could not be written ({first}); nothing from this run was "
                "written. Free disk space or fix the disk, then run it again.")
        return None
    if state in ("55P03", "40P01"):  # lock_not_available (lock_timeout), deadlock
        return DatabaseBusy(busy_message())
    if state == "40001":  # serialization_failure
        return DatabaseConflict(CONFLICT_MESSAGE)
    if state == "25006":  # read_only_sql_transaction
        return DatabaseReadOnly(READ_ONLY_MESSAGE)
    if state in ("XX001", "XX002"):  # data_corrupted, index_corrupted
        return DatabaseDamaged(f"The database at {describe(url)} reports damaged data "
                               f"({first}); ask its administrator to repair it.")
    if state in ("53100", "58030"):  # disk_full, io_error
        return DatabaseWriteFailed(
            f"The database could not be written ({first}); nothing from this run was "
            "written. Free disk space on the database server, then run it again.")
    return None


def _translate_error(ctx) -> DatabaseFault | None:
    """``handle_error`` hook: replace a driver error by the fault it stands for."""
    url = str(ctx.engine.url) if ctx.engine is not None else ""
    fault = fault_for(ctx.original_exception, url)
    if isinstance(fault, DatabaseReadOnly) and ctx.connection is not None:
        # A SQLite connection opened while the file was read-only stays read-only even
        # after the file is writable again: drop every pooled connection so the next
        # checkout opens the file afresh (the process recovers without a restart).
        ctx.is_disconnect = True
    return fault


def get_engine(url: str | None = None) -> Engine:
    """Return the (shared) engine for ``url``, or for the configured database."""
    # Resolve the URL before the cache, so a changed JUKWAA_DB_URL (tests) is honoured.
    return _engine_for(url or get_settings().db_url)


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        file = sqlite_file(url)
        if file is not None:
            _reopen_when_writable(engine, file)
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
        if parsed.get_backend_name() == "postgresql":
            sa.event.listen(engine, "connect", _postgres_session)
    sa.event.listen(engine, "handle_error", _translate_error)
    return engine


def _reopen_when_writable(engine: Engine, file: Path) -> None:
    """Pooled SQLite connections follow the file's permission: one opened while the file
    was read-only stays read-only after it is made writable (and one opened before the
    file was made read-only would go on writing), so a pooled connection whose file
    changed since it was opened is replaced at checkout. The process recovers without
    a restart and the first write after the change is decided by the file as it is."""

    def opened(_dbapi_connection, record) -> None:
        record.info["opened_writable"] = os.access(file, os.W_OK)

    def checkout(_dbapi_connection, record, _proxy) -> None:
        if record.info.get("opened_writable") != os.access(file, os.W_OK):
            raise sa.exc.DisconnectionError("the database file's permission changed")

    sa.event.listen(engine, "connect", opened)
    sa.event.listen(engine, "checkout", checkout)


def describe(url: str) -> str:
    """A printable form of the URL with any password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def check_reachable(engine: Engine) -> None:
    """Raise :class:`DatabaseUnavailable` with a plain message if the database is down."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
            if conn.dialect.name == "sqlite":
                # Reads the schema pages: a damaged file fails here, before any page does.
                conn.execute(sa.text("SELECT count(*) FROM sqlite_master"))
    except DatabaseUnavailable:
        raise
    except Exception as exc:  # driver errors differ per backend; the message is what counts
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:300]
        raise DatabaseUnavailable(
            f"Cannot reach the database at {describe(str(engine.url))}: {reason}"
        ) from exc


def _rebuild_aggregates_if_stale(engine: Engine) -> None:
    """Aggregates are derived data: a database written by an older schema gets them
    recreated in the current shape and refilled from the facts, in one transaction."""
    columns = {c["name"] for c in sa.inspect(engine).get_columns(schema.crime_agg.name)}
    if "origin" in columns:
        return
    from data_access.aggregates import refresh_aggregates  # imports engine: avoid a cycle

    with engine.begin() as conn:
        schema.crime_agg.drop(conn)
        schema.crime_agg.create(conn)
        refresh_aggregates(conn)


def init_db(engine: Engine) -> None:
    """Create missing tables, bring older aggregates up to date and seed the reference
    vocabularies; safe to run again.

    Writes nothing when all of that is already in place, so a read-only database with the
    current schema starts (for viewing). When something must be written and the database
    is read-only, raises :class:`DatabaseReadOnly`.
    """
    metadata.create_all(engine)
    _rebuild_aggregates_if_stale(engine)
    with engine.begin() as conn:
        seed_reference(conn)
        set_meta(conn, "schema_version", str(schema.SCHEMA_VERSION))
        if get_meta(conn, "data_version") is None:
            set_meta(conn, "data_version", "1")


def is_writable(engine: Engine) -> bool:
    """True when a write to the database would be accepted now (not read-only).

    Probes with an UPDATE that matches no row, rolled back: it needs write access but
    changes nothing. A database busy with another writer counts as writable (the write
    would wait its turn); SQLite's probe does not wait for it. A read-only answer
    reopens the pooled connections and asks once more, so a file made writable again
    is seen at once.
    """
    for _attempt in range(2):
        try:
            with engine.connect() as conn:
                if conn.dialect.name == "postgresql":
                    ro = conn.execute(sa.text("SELECT current_setting('transaction_read_only')"))
                    return ro.scalar_one() != "on"
                raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" \
                    else None
                if raw is not None:
                    waited = int(raw.execute("PRAGMA busy_timeout").fetchone()[0])
                    raw.execute("PRAGMA busy_timeout=0")
                try:
                    with conn.begin() as txn:
                        conn.execute(schema.meta.update()
                                     .where(schema.meta.c.key == "\x00writable-probe")
                                     .values(value=""))
                        txn.rollback()
                finally:
                    if raw is not None and not conn.invalidated:
                        raw.execute(f"PRAGMA busy_timeout={waited:d}")
                return True
        except (DatabaseBusy, DatabaseConflict):
            return True
        except DatabaseReadOnly:
            continue  # the pool was reopened: ask a fresh connection once more
    return False


def _upsert_rows(conn: Connection, table: sa.Table, key: str, rows: list[dict]) -> None:
    """Insert rows whose key is new and update the others that differ (portable, small
    tables only). Rows already as given are not written: a read-only database with
    current reference data starts."""
    names = list(rows[0]) if rows else [key]
    existing = {r._mapping[key]: dict(r._mapping)
                for r in conn.execute(sa.select(*(table.c[n] for n in names)))}
    new = [r for r in rows if r[key] not in existing]
    if new:
        conn.execute(table.insert(), new)
    for r in rows:
        if r[key] in existing and existing[r[key]] != r:
            conn.execute(table.update().where(table.c[key] == r[key]).values(**r))


def seed_reference(conn: Connection) -> None:
    """Write regions, counties, aliases, themes, categories and institutions."""
    from data_access.county_names import alias_rows  # avoids an import cycle at load

    _upsert_rows(conn, schema.regions, "code", [
        {"code": r.code, "name": r.name, "name_sw": r.name_sw, "sort_order": i}
        for i, r in enumerate(reference.REGIONS)
    ])
    _upsert_rows(conn, schema.counties, "code", [
        {"code": c.code, "name": c.name, "region_code": c.region_code,
         "population_2019": c.population_2019, "area_km2": c.area_km2}
        for c in reference.counties()
    ])
    _upsert_rows(conn, schema.county_aliases, "alias_key", alias_rows())
    _upsert_rows(conn, schema.themes, "code", [
        {"code": t.code, "label": t.label, "label_sw": t.label_sw, "sensitive": t.sensitive}
        for t in reference.THEMES
    ])
    _upsert_rows(conn, schema.crime_categories, "code", [
        {"code": c.code, "name": c.name, "name_sw": c.name_sw, "sensitive": c.sensitive,
         "sort_order": i}
        for i, c in enumerate(reference.CRIME_CATEGORIES)
    ])
    _upsert_rows(conn, schema.institutions, "code", [
        {"code": i.code, "name": i.name, "short_name": i.short_name}
        for i in reference.INSTITUTIONS
    ])


def get_meta(conn: Connection, key: str) -> str | None:
    """Read one value from the ``meta`` table."""
    return conn.execute(
        sa.select(schema.meta.c.value).where(schema.meta.c.key == key)
    ).scalar_one_or_none()


def set_meta(conn: Connection, key: str, value: str) -> None:
    """Write one value to the ``meta`` table (nothing is written when it holds it)."""
    if get_meta(conn, key) == value:
        return
    updated = conn.execute(
        schema.meta.update().where(schema.meta.c.key == key).values(value=value)
    ).rowcount
    if not updated:
        conn.execute(schema.meta.insert().values(key=key, value=value))


def bump_data_version(conn: Connection) -> None:
    """Mark the data as changed; call inside every write transaction.

    Cached queries are keyed on this number, so a page shows new data on its next run.
    The UPDATE takes the row lock, so concurrent writers serialise here.
    """
    conn.execute(
        schema.meta.update()
        .where(schema.meta.c.key == "data_version")
        .values(value=sa.cast(sa.cast(schema.meta.c.value, sa.Integer) + 1, sa.String))
    )


def data_version(engine: Engine) -> str:
    """The current data version (changes after every write)."""
    with engine.connect() as conn:
        return get_meta(conn, "data_version") or "0"


def new_source(conn: Connection, *, kind: str, dataset: str, name: str,
               file_sha256: str | None = None, note: str | None = None) -> int:
    """Register where the rows about to be written come from; returns its id."""
    result = conn.execute(
        schema.data_sources.insert().values(
            kind=kind, dataset=dataset, name=name, file_sha256=file_sha256, note=note,
            created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), rows=0,
        )
    )
    return int(result.inserted_primary_key[0])
