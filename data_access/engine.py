"""Engines, schema creation and the data version that keys every cache.

``get_engine(url)`` returns one engine per URL. SQLite files get WAL mode (readers never
block the writer) and foreign keys on; their folder is created if missing.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url

from config import get_settings
from data_access import reference, schema
from data_access.schema import metadata


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or opened; the message says which and why."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


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
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def describe(url: str) -> str:
    """A printable form of the URL with any password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def check_reachable(engine: Engine) -> None:
    """Raise :class:`DatabaseUnavailable` with a plain message if the database is down."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
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
    vocabularies; safe to run again."""
    metadata.create_all(engine)
    _rebuild_aggregates_if_stale(engine)
    with engine.begin() as conn:
        seed_reference(conn)
        set_meta(conn, "schema_version", str(schema.SCHEMA_VERSION))
        if get_meta(conn, "data_version") is None:
            set_meta(conn, "data_version", "1")


def _upsert_rows(conn: Connection, table: sa.Table, key: str, rows: list[dict]) -> None:
    """Insert rows whose key is new and update the others (portable, small tables only)."""
    existing = {r[0] for r in conn.execute(sa.select(table.c[key]))}
    new = [r for r in rows if r[key] not in existing]
    if new:
        conn.execute(table.insert(), new)
    for r in rows:
        if r[key] in existing:
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
    """Write one value to the ``meta`` table."""
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
