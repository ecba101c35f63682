"""Forum queries. Concern counts live in ``data_access.concerns`` (one definition of
concerns raised for every page)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import schema as s
from data_access.cache import cached_query, read_df


@cached_query
def forums_in_period(conn: Connection, *, start: dt.date, end: dt.date,
                     county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Forums held in [start, end]: ``forum_id, external_id, edition, county_code, county,
    venue, held_on, attendance_total`` ordered by date."""
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

