"""Which forum a presenter link points at (docs/METHODS.md, "Presenter view").

The presenter view (``views/present.py``) is opened as ``?forum=<id>``, ``?county=<code>``
or ``?region=<code>``. It needs the forum's county and day, or the latest forum held in
an area, and nothing else: a forum is a public event, its county and date are on the
invitation. No edition, venue, attendance or concern text is returned, so these are the
same for every audience (the audience is still required, as for every function here that
feeds a screen).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.figures.scope import Audience
from data_access.privacy import is_public


@cached_query
def _forum_days(conn: Connection) -> pd.DataFrame:
    """Every forum's id, county and day (a small table: one row per forum held)."""
    f = s.forums
    out = read_df(conn, sa.select(f.c.id.label("forum_id"), f.c.county_code, f.c.held_on)
                  .order_by(f.c.held_on, f.c.id))
    out = out.reindex(columns=["forum_id", "county_code", "held_on"])
    out["held_on"] = pd.to_datetime(out["held_on"])
    return out


def _place(row) -> dict:
    region = {c.code: c.region_code for c in reference.counties()}
    return {"forum_id": int(row["forum_id"]), "county_code": str(row["county_code"]),
            "region_code": region.get(str(row["county_code"])),
            "held_on": pd.Timestamp(row["held_on"]).date()}


def forum_place(*, forum_id: int, audience: Audience, engine=None) -> dict | None:
    """``{"forum_id", "county_code", "region_code", "held_on"}`` of forum ``forum_id``,
    or None when there is no such forum."""
    is_public(audience)  # checks the audience is one
    days = _forum_days(engine=engine)
    found = days[days["forum_id"] == int(forum_id)]
    return None if found.empty else _place(found.iloc[-1])


def latest_forum(*, county_codes: tuple[str, ...], on_or_before: dt.date, audience: Audience,
                 engine=None) -> dict | None:
    """The forum held last in ``county_codes`` on or before ``on_or_before`` (a forum held
    that day is the one in progress), as :func:`forum_place`; None when none was held."""
    is_public(audience)
    days = _forum_days(engine=engine)
    found = days[days["county_code"].isin(list(county_codes))
                 & (days["held_on"] <= pd.Timestamp(on_or_before))]
    return None if found.empty else _place(found.iloc[-1])
