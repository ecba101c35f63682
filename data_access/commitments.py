"""Commitment queries: each commitment with its status as of a date, and summaries.

The status of a commitment on a date is its latest update on or before that date
(``commitment_updates`` is append-only; nothing is overwritten), so a past period shows
the picture as it was then and two screenshots of the same period always agree.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.metrics import is_overdue, resolution_summary


@cached_query
def commitments_as_of(conn: Connection, *, as_of: dt.date,
                      county_codes: tuple[str, ...] = (),
                      themes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Commitments made on or before ``as_of`` with their status on that date.

    Columns: ``commitment_id, external_id, title, institution_code, institution,
    made_on, due_on, status, status_on, fulfilled_on, overdue, days_overdue,
    concern_id, theme_code, county_code, county, region_code, forum_id``.
    A commitment with no update by ``as_of`` is ``unverified``.
    """
    c, con, cty, inst = s.commitments, s.concerns, s.counties, s.institutions
    stmt = (
        sa.select(
            c.c.id.label("commitment_id"), c.c.external_id, c.c.title, c.c.institution_code,
            inst.c.name.label("institution"), c.c.made_on, c.c.due_on,
            con.c.id.label("concern_id"), con.c.theme_code, con.c.county_code,
            cty.c.name.label("county"), cty.c.region_code, con.c.forum_id,
        )
        .select_from(c.join(con, c.c.concern_id == con.c.id)
                     .join(cty, con.c.county_code == cty.c.code)
                     .join(inst, c.c.institution_code == inst.c.code))
        .where(c.c.made_on <= as_of)
    )
    if county_codes:
        stmt = stmt.where(con.c.county_code.in_(list(county_codes)))
    if themes:
        stmt = stmt.where(con.c.theme_code.in_(list(themes)))
    frame = read_df(conn, stmt)
    u = s.commitment_updates
    updates = read_df(conn, sa.select(u.c.commitment_id, u.c.status, u.c.updated_on, u.c.id)
                      .where(u.c.updated_on <= as_of))
    return _attach_status(frame, updates, as_of)


def _attach_status(frame: pd.DataFrame, updates: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    for col in ("made_on", "due_on"):
        frame[col] = pd.to_datetime(frame[col])
    updates["updated_on"] = pd.to_datetime(updates["updated_on"])
    # Latest update per commitment; ties on the same day broken by insertion order.
    latest = (updates.sort_values(["commitment_id", "updated_on", "id"])
              .groupby("commitment_id").tail(1)
              .rename(columns={"updated_on": "status_on"})[["commitment_id", "status",
                                                             "status_on"]])
    fulfilled = (updates[updates["status"] == "fulfilled"].groupby("commitment_id")["updated_on"]
                 .min().rename("fulfilled_on").reset_index())
    out = frame.merge(latest, on="commitment_id", how="left").merge(
        fulfilled, on="commitment_id", how="left")
    out["status"] = out["status"].fillna("unverified").astype(object)
    # Fulfilment counts only while the latest status is still "fulfilled".
    out.loc[out["status"] != "fulfilled", "fulfilled_on"] = pd.NaT
    out["overdue"] = is_overdue(out["due_on"], out["status"], as_of)
    out["days_overdue"] = ((pd.Timestamp(as_of) - out["due_on"]).dt.days
                           .where(out["overdue"]).astype("Int64"))
    return out


def summarise_by(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Resolution summary per value of ``by`` (e.g. ``region_code``, ``institution``).

    Columns: ``by`` plus made, unverified, verified, fulfilled, partly, not_fulfilled,
    open, overdue, resolution_rate, fulfilled_or_partly_rate.
    """
    rows = []
    for key, grp in frame.groupby(by, sort=True):
        summary = resolution_summary(grp["status"])
        summary["overdue"] = int(grp["overdue"].sum())
        rows.append({by: key, **summary})
    cols = [by, "made", "unverified", "verified", "fulfilled", "partly", "not_fulfilled",
            "open", "overdue", "resolution_rate", "fulfilled_or_partly_rate"]
    return pd.DataFrame(rows, columns=cols)


def resolution_by_region(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                         themes: tuple[str, ...] = (), engine=None) -> pd.DataFrame:
    """Resolution summary per region (all 8 regions listed), see :func:`summarise_by`."""
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes))
    summary = summarise_by(frame, "region_code")
    regions = pd.DataFrame([(r.code, r.name, r.name_sw) for r in reference.REGIONS],
                           columns=["region_code", "region", "region_sw"])
    out = regions.merge(summary, on="region_code", how="left")
    count_cols = ["made", "unverified", "verified", "fulfilled", "partly", "not_fulfilled",
                  "open", "overdue"]
    out[count_cols] = out[count_cols].fillna(0).astype("int64")
    return out
