"""Forum queries. Concern counts live in ``data_access.concerns`` (one definition of
concerns raised for every page).

:func:`forum_totals` is what screens show (forums held and their attendance, for any
audience: forums are public events and attendance is not a count of incidents, so neither
is suppressed). :func:`forums_in_period` lists the forums one by one (venues, editions):
internal audience only.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.figures.scope import Audience
from data_access.privacy import NotForPublic, is_public


@cached_query
def _forums(conn: Connection, *, start: dt.date, end: dt.date,
            county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    f, cty = s.forums, s.counties
    stmt = (sa.select(f.c.id.label("forum_id"), f.c.external_id, f.c.edition, f.c.county_code,
                      cty.c.name.label("county"), f.c.venue, f.c.held_on, f.c.attendance_total)
            .select_from(f.join(cty, f.c.county_code == cty.c.code))
            .where(f.c.held_on.between(start, end))
            .order_by(f.c.held_on, f.c.id))
    if county_codes:
        stmt = stmt.where(f.c.county_code.in_(list(county_codes)))
    out = read_df(conn, stmt)
    out["held_on"] = pd.to_datetime(out["held_on"])
    return out


def forums_in_period(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                     audience: Audience, engine=None) -> pd.DataFrame:
    """Forums held in [start, end], one row each: ``forum_id, external_id, edition,
    county_code, county, venue, held_on, attendance_total`` ordered by date.

    A list of records: the public audience raises :class:`~data_access.privacy.NotForPublic`
    (screens show :func:`forum_totals`)."""
    if is_public(audience):
        raise NotForPublic("the list of forums is not shown on public screens")
    return _forums(engine=engine, start=start, end=end, county_codes=tuple(county_codes))


def forum_totals(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                 audience: Audience, engine=None) -> pd.DataFrame:
    """One row: ``forums`` held in [start, end] and their ``attendance`` (the sum of each
    forum's total attendance; missing attendance counts as 0), with ``forums_display``
    and ``attendance_display`` ("1,234"). The same for every audience (nothing here is a
    small count of incidents), so the pages never add them up themselves."""
    is_public(audience)
    rows = _forums(engine=engine, start=start, end=end, county_codes=tuple(county_codes))
    forums = int(len(rows))
    attendance = int(pd.to_numeric(rows["attendance_total"]).fillna(0).sum())
    return pd.DataFrame([{"forums": forums, "attendance": attendance,
                          "forums_display": f"{forums:,}",
                          "attendance_display": f"{attendance:,}"}])
