"""What data is loaded: per-source "as of" dates, row counts and the demo flag."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import clock
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
        out[col] = pd.Series([None if pd.isna(v) else pd.Timestamp(v).date()
                              for v in out[col]], index=out.index, dtype=object)
    # Crime published only for whole years is as of the end of its latest year.
    years = read_df(conn, sa.select(sa.func.min(s.crime_agg.c.year).label("first"),
                                    sa.func.max(s.crime_agg.c.year).label("last"))
                    .where(s.crime_agg.c.grain == "year"))
    if years["last"].notna().all():
        i = out.index[out["source"] == "observatory"][0]
        year_first = dt.date(int(years["first"].iloc[0]), 1, 1)
        year_last = dt.date(int(years["last"].iloc[0]), 12, 31)
        first, last = out.at[i, "first"], out.at[i, "last"]
        out.at[i, "first"] = year_first if pd.isna(first) else min(first, year_first)
        out.at[i, "last"] = year_last if pd.isna(last) else max(last, year_last)
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
    """First and last month with any data (any source; the first day of each), capped at
    today's month; the 12 months before today when the database is empty. The slider of
    periods spans these; the default period is crime's own (figures.coverage)."""
    st_ = data_status(**kwargs)
    firsts = [d for d in st_["first"] if pd.notna(d)]
    lasts = [d for d in st_["last"] if pd.notna(d)]
    today = clock.today().replace(day=1)
    if not lasts:
        return today.replace(year=today.year - 1), today
    return min(firsts).replace(day=1), min(max(lasts), today).replace(day=1)


_DATA_TABLES = (s.crime_agg, s.forums, s.commitments, s.chief_reports, s.incidents,
                s.crime_counts)


def is_empty(engine) -> bool:
    """True when no fact table holds a row (a fresh database); never cached."""
    with engine.connect() as conn:
        return all(
            conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() is None
            for t in _DATA_TABLES
        )
