"""Rebuild the aggregate tables the pages read: ``crime_agg`` and ``hex_cells``.

Pages never scan raw incidents: they read daily county × category counts and H3 cell
counts. Every writer calls :func:`refresh_aggregates` for the counties it touched, inside
its own transaction, so the aggregates and the facts always commit together.

The rebuild is plain SQL (DELETE, then INSERT … SELECT … GROUP BY) and runs the same on
SQLite and PostgreSQL:

- incidents become rows of grain ``day`` (one per county × category × date);
- published counts (``crime_counts``) keep their own grain (``day``, ``month``, ``year``),
  so a yearly figure is never spread into months;
- every row keeps its ``origin`` ("incidents" or "published"): the two are never added,
  the figures layer picks one by the precedence rule in docs/METHODS.md.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access.engine import bump_data_version
from data_access.schema import crime_agg, crime_counts, hex_cells, incidents


def _codes(county_codes: Iterable[str] | None) -> list[str] | None:
    if county_codes is None:
        return None
    if isinstance(county_codes, str):
        # A lone "047" would otherwise be read as the codes "0", "4" and "7".
        raise TypeError("county_codes must be a collection of county codes, not one string")
    return sorted({str(c) for c in county_codes})


def _crime_agg_select(codes: list[str] | None) -> sa.Select:
    i, c = incidents, crime_counts
    from_incidents = (
        sa.select(
            i.c.county_code, i.c.category_code,
            sa.literal_column("'day'", sa.String(8)).label("grain"),
            i.c.occurred_on.label("period_start"), i.c.month,
            sa.literal_column("'incidents'", sa.String(10)).label("origin"),
            sa.func.count().label("n"),
        )
        .group_by(i.c.county_code, i.c.category_code, i.c.occurred_on, i.c.month)
    )
    published = (
        sa.select(
            c.c.county_code, c.c.category_code, c.c.grain,
            c.c.period_start, c.c.month,
            sa.literal_column("'published'", sa.String(10)).label("origin"),
            sa.func.sum(c.c.count).label("n"),
        )
        .group_by(c.c.county_code, c.c.category_code, c.c.grain, c.c.period_start, c.c.month)
    )
    if codes is not None:
        from_incidents = from_incidents.where(i.c.county_code.in_(codes))
        published = published.where(c.c.county_code.in_(codes))
    u = sa.union_all(from_incidents, published).subquery("u")
    return (
        sa.select(
            u.c.county_code, u.c.category_code, u.c.grain, u.c.period_start, u.c.month,
            sa.cast(sa.extract("year", u.c.month), sa.Integer).label("year"),
            u.c.origin,
            sa.cast(sa.func.sum(u.c.n), sa.Integer).label("count"),
        )
        .group_by(u.c.county_code, u.c.category_code, u.c.grain, u.c.period_start,
                  u.c.month, u.c.origin)
    )


def _hex_select(codes: list[str] | None) -> sa.Select:
    i = incidents
    stmt = (
        sa.select(
            i.c.h3_cell, i.c.county_code, i.c.category_code, i.c.month,
            sa.cast(sa.func.count(), sa.Integer).label("count"),
        )
        .where(i.c.h3_cell.is_not(None))
        .group_by(i.c.h3_cell, i.c.county_code, i.c.category_code, i.c.month)
    )
    if codes is not None:
        stmt = stmt.where(i.c.county_code.in_(codes))
    return stmt


def refresh_aggregates(conn: Connection, *, county_codes: Iterable[str] | None = None) -> None:
    """Rebuild ``crime_agg`` and ``hex_cells`` for ``county_codes`` (all when None).

    Runs inside the caller's transaction and bumps the data version, so cached queries
    see the change as soon as it commits. An empty collection rebuilds nothing but still
    bumps the version (the caller changed something else, such as a commitment).
    """
    codes = _codes(county_codes)
    if codes is None or codes:
        for table in (crime_agg, hex_cells):
            delete = table.delete()
            if codes is not None:
                delete = delete.where(table.c.county_code.in_(codes))
            conn.execute(delete)
        conn.execute(crime_agg.insert().from_select(
            ["county_code", "category_code", "grain", "period_start", "month", "year",
             "origin", "count"],
            _crime_agg_select(codes),
        ))
        conn.execute(hex_cells.insert().from_select(
            ["cell", "county_code", "category_code", "month", "count"],
            _hex_select(codes),
        ))
    bump_data_version(conn)
