"""What data is loaded: per-source "as of" dates, row counts and the demo flag."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import schema as s
from data_access.cache import cached_query, read_df

# (source key, label, table, date column) — the "as of" of each source is its latest date.
_SOURCES = (
    ("observatory", "Crime observatory", s.crime_agg, s.crime_agg.c.period_start),
    ("forums", "Forums", s.forums, s.forums.c.held_on),
    ("commitments", "Commitment updates", s.commitment_updates,
     s.commitment_updates.c.updated_on),
    ("chiefs", "Chiefs' monthly reports", s.chief_reports, s.chief_reports.c.month),
)


@cached_query
def data_status(conn: Connection) -> pd.DataFrame:
    """One row per source: ``source, label, first, last, rows`` (first/last are dates)."""
    frames = []
    for key, label, table, col in _SOURCES:
        stmt = sa.select(
            sa.literal(key).label("source"), sa.literal(label).label("label"),
            sa.func.min(col).label("first"), sa.func.max(col).label("last"),
            sa.func.count().label("rows"),
        ).select_from(table)
        if table is s.crime_agg:  # yearly publications do not make months "current"
            stmt = stmt.where(s.crime_agg.c.grain != "year")
        frames.append(read_df(conn, stmt))
    out = pd.concat(frames, ignore_index=True)
    for col in ("first", "last"):
        out[col] = pd.to_datetime(out[col]).dt.date
    return out


@cached_query
def demo_sources(conn: Connection) -> pd.DataFrame:
    """Demo data loads present: ``id, name, created_at, note``."""
    t = s.data_sources
    return read_df(conn, sa.select(t.c.id, t.c.name, t.c.created_at, t.c.note)
                   .where(t.c.kind == "demo"))


def has_demo(**kwargs) -> bool:
    """True while any demo rows are loaded (the pages then show a demo badge)."""
    return not demo_sources(**kwargs).empty


def data_bounds(**kwargs) -> tuple[dt.date, dt.date]:
    """First and last month with any data; the last 12 months to today when empty."""
    st_ = data_status(**kwargs)
    firsts = [d for d in st_["first"] if pd.notna(d)]
    lasts = [d for d in st_["last"] if pd.notna(d)]
    if not lasts:
        today = dt.date.today().replace(day=1)
        return today.replace(year=today.year - 1), today
    last = max(lasts)
    # A month is "current" only if some source has reached it, so cap at today.
    last = min(last, dt.date.today())
    return min(firsts).replace(day=1), last.replace(day=1)


_DATA_TABLES = (s.crime_agg, s.forums, s.commitments, s.chief_reports, s.incidents,
                s.crime_counts)


def is_empty(engine) -> bool:
    """True when no fact table holds a row (a fresh database); never cached."""
    with engine.connect() as conn:
        return all(
            conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() is None
            for t in _DATA_TABLES
        )
