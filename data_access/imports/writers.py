"""Writing planned rows, inside the caller's transaction.

:func:`write_rows` inserts the rows planned "new", updates those planned "update" and
leaves "same" rows alone, all under one ``data_sources`` row of kind "import". It then
rebuilds the aggregates of the counties touched (crime counts, incidents) or bumps the
data version (other kinds), in the same transaction: either everything commits or
nothing does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from config import get_settings
from data_access import reference
from data_access import schema as s
from data_access.bulk import bulk_insert
from data_access.engine import bump_data_version
from data_access.hexes import NO_CELL, cells_for
from data_access.imports.templates import ATTENDANCE_COLUMNS
from data_access.imports.validate import Validation

_CHUNK = 500


@dataclass
class WriteCounts:
    """What a write did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    counties: set[str] = field(default_factory=set)


def _rows(v: Validation, action: str) -> pd.DataFrame:
    return v.clean[v.clean["_action"] == action]


def _none(value):
    """NaN, NaT and pandas NA as None (what the drivers store as NULL)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if isinstance(value, np.generic) else value


def _iso_list(values: pd.Series) -> list:
    """Dates as ISO text (how SQLite stores them; PostgreSQL parses it), None if missing.

    Each distinct date is formatted once: a million incidents share a few hundred days.
    """
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    texts = np.array([d.isoformat() for d in uniques] + [None], dtype=object)
    return texts[codes].tolist()


def _float_list(values: np.ndarray) -> list:
    out = values.astype(object)
    out[np.isnan(values)] = None
    return out.tolist()


def _records(frame: pd.DataFrame, columns: list[str], **extra) -> list[dict]:
    out = []
    for values in zip(*(frame[c] for c in columns)):
        row = {c: _none(x) for c, x in zip(columns, values)}
        row.update(extra)
        out.append(row)
    return out


def _update(conn: Connection, table: sa.Table, frame: pd.DataFrame, columns: list[str],
            source_id: int, renames: dict[str, str] | None = None) -> None:
    """UPDATE ``table`` by id for every row of ``frame`` (executemany)."""
    if frame.empty:
        return
    renames = renames or {}
    targets = {renames.get(c, c): sa.bindparam(f"b_{c}") for c in columns}
    stmt = (table.update().where(table.c.id == sa.bindparam("b_id"))
            .values(**targets, source_id=sa.bindparam("b_source")))
    params = [{"b_id": int(i), "b_source": source_id, **{f"b_{c}": _none(r[c]) for c in columns}}
              for i, (_, r) in zip(frame["_id"], frame.iterrows())]
    conn.execute(stmt, params)


def _old_counties(conn: Connection, table: sa.Table, ids: list[int]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(ids), _CHUNK):
        out.update(r[0] for r in conn.execute(
            sa.select(table.c.county_code).where(table.c.id.in_(ids[i:i + _CHUNK]))
            .distinct()))
    return out


def _ids_by_external(conn: Connection, table: sa.Table, keys: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(keys), _CHUNK):
        out.update((k, int(v)) for k, v in conn.execute(
            sa.select(table.c.external_id, table.c.id)
            .where(table.c.external_id.in_(keys[i:i + _CHUNK]))))
    return out


# ----------------------------------------------------------------------------- kinds


def _crime_counts(conn: Connection, v: Validation, source_id: int, wc: WriteCounts) -> None:
    t = s.crime_counts
    new, upd = _rows(v, "new"), _rows(v, "update")
    cols = ["county_code", "category_code", "period_start", "period_end", "grain", "month",
            "count", "publication"]
    if len(new):
        bulk_insert(conn, t, _records(new, cols, source_id=source_id))
    _update(conn, t, upd, ["count"], source_id)
    wc.counties |= set(new["county_code"]) | set(upd["county_code"])


def _incidents(conn: Connection, v: Validation, source_id: int, wc: WriteCounts) -> None:
    t = s.incidents
    new, upd = _rows(v, "new"), _rows(v, "update")
    res = get_settings().hex_resolution
    cols = ["external_id", "occurred_on", "month", "county_code", "category_code", "latitude",
            "longitude", "h3_cell", "source_id"]
    if len(new):
        lat = new["latitude"].to_numpy(dtype=float)
        lon = new["longitude"].to_numpy(dtype=float)
        cells = cells_for(lat, lon, res)
        # Whole columns converted up front (ISO text for dates, None for missing values)
        # and zipped into rows: per-value Python work is what makes a million rows slow.
        columns = [
            new["external_id"].tolist(),
            _iso_list(new["occurred_on"]),
            _iso_list(new["month"]),
            new["county_code"].tolist(),
            new["category_code"].tolist(),
            _float_list(lat),
            _float_list(lon),
            pd.Series(cells, dtype=object).where(cells != NO_CELL, None).tolist(),
            [source_id] * len(new),
        ]
        bulk_insert(conn, t, zip(*columns), columns=cols)
    if len(upd):
        wc.counties |= _old_counties(conn, t, [int(i) for i in upd["_id"]])
        upd = upd.copy()
        upd["h3_cell"] = [None if c == NO_CELL else int(c) for c in cells_for(
            upd["latitude"].to_numpy(dtype=float), upd["longitude"].to_numpy(dtype=float), res)]
        _update(conn, t, upd, ["occurred_on", "month", "county_code", "category_code",
                               "latitude", "longitude", "h3_cell"], source_id)
    wc.counties |= set(new["county_code"]) | set(upd["county_code"])


def _attendance_rows(frame: pd.DataFrame, ids: list[int]) -> list[dict]:
    rows = []
    for fid, (_, r) in zip(ids, frame.iterrows()):
        for col in ATTENDANCE_COLUMNS:
            value = _none(r[col])
            if value is not None:
                rows.append({"forum_id": fid, "group_code": col.removeprefix("attendance_"),
                             "attendees": int(value)})
    return rows


def _forums(conn: Connection, v: Validation, source_id: int, wc: WriteCounts) -> None:
    t, a = s.forums, s.forum_attendance
    new, upd = _rows(v, "new"), _rows(v, "update")
    cols = ["external_id", "edition", "county_code", "venue", "held_on", "attendance_total"]
    if len(new):
        bulk_insert(conn, t, _records(new, cols, source_id=source_id))
        ids = _ids_by_external(conn, t, new["external_id"].tolist())
        att = _attendance_rows(new, [ids[e] for e in new["external_id"]])
        if att:
            bulk_insert(conn, a, att)
    if len(upd):
        _update(conn, t, upd, cols[1:], source_id)
        upd_ids = [int(i) for i in upd["_id"]]
        for i in range(0, len(upd_ids), _CHUNK):
            conn.execute(a.delete().where(a.c.forum_id.in_(upd_ids[i:i + _CHUNK])))
        att = _attendance_rows(upd, upd_ids)
        if att:
            bulk_insert(conn, a, att)


def _concerns(conn: Connection, v: Validation, source_id: int, wc: WriteCounts) -> None:
    cols = ["external_id", "forum_id", "origin", "county_code", "theme_code", "summary",
            "raised_by_group", "raised_on"]
    new, upd = _rows(v, "new"), _rows(v, "update")
    if len(new):
        bulk_insert(conn, s.concerns, _records(new, cols, source_id=source_id))
    _update(conn, s.concerns, upd, cols[1:], source_id)


def _commitments(conn: Connection, v: Validation, source_id: int, wc: WriteCounts) -> None:
    cols = ["external_id", "concern_id", "institution_code", "title", "made_on", "due_on"]
    new, upd = _rows(v, "new"), _rows(v, "update")
    if len(new):
        bulk_insert(conn, s.commitments, _records(new, cols, source_id=source_id))
    _update(conn, s.commitments, upd, cols[1:], source_id)


def _updates(conn: Connection, v: Validation, source_id: int, wc: WriteCounts) -> None:
    from data_access.commitment_updates import sync_current_status

    new = _rows(v, "new")
    if new.empty:
        return
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    cols = ["external_id", "commitment_id", "status", "updated_on", "note", "evidence",
            "recorded_by"]
    bulk_insert(conn, s.commitment_updates, _records(new, cols, recorded_at=now,
                                                       source_id=source_id))
    # The denormalised status columns follow the history; their version goes up so a form
    # opened before this import is refused as stale rather than overwriting it.
    sync_current_status(conn, commitment_ids=new["commitment_id"].astype(int).tolist())


def _chief_reports(conn: Connection, v: Validation, source_id: int, wc: WriteCounts) -> None:
    loc, rep = s.chief_locations, s.chief_reports
    new, upd = _rows(v, "new").copy(), _rows(v, "update")
    active = pd.concat([new, upd])
    # Locations first: unknown ones are added, demo ones taken over (a location is a real
    # place, not made-up data), and each is expected to report from its earliest month.
    unknown = new[new["location_id"].isna()]
    if len(unknown):
        firsts = (unknown.groupby(["county_code", "sub_key", "loc_key"], sort=False)
                  .agg(sub_county=("sub_county", "first"), location=("location", "first"),
                       expected_from=("month", "min")).reset_index())
        bulk_insert(conn, loc, _records(firsts, ["county_code", "sub_county", "location",
                                                 "expected_from"], source_id=source_id))
        codes = sorted(set(firsts["county_code"]))
        found = {(c, sub.casefold(), name.casefold()): int(i) for i, c, sub, name in
                 conn.execute(sa.select(loc.c.id, loc.c.county_code, loc.c.sub_county,
                                        loc.c.location).where(loc.c.county_code.in_(codes)))}
        new["location_id"] = [
            i if i is not None else found[(c, a, b)]
            for i, c, a, b in zip(new["location_id"], new["county_code"], new["sub_key"],
                                  new["loc_key"])]
    taken = sorted({int(i) for i, d in zip(active["location_id"], active["_location_demo"])
                    if d and i is not None})
    if taken:
        conn.execute(loc.update().where(loc.c.id.in_(taken)).values(source_id=source_id))
    if len(active):
        earliest = pd.concat([new, upd]).groupby("location_id")["month"].min()
        for lid, month in earliest.items():
            conn.execute(loc.update().where(loc.c.id == int(lid), loc.c.expected_from > month)
                         .values(expected_from=month))
    cols = ["location_id", "month", "sentiment", "barazas_held", "attendance", "top_theme_code",
            "incidents_noted", "notes"]
    if len(new):
        bulk_insert(conn, rep, _records(new, cols, source_id=source_id))
    _update(conn, rep, upd, cols[2:], source_id)


_WRITERS = {
    "crime-counts": _crime_counts,
    "incidents": _incidents,
    "forums": _forums,
    "concerns": _concerns,
    "commitments": _commitments,
    "commitment-updates": _updates,
    "chief-reports": _chief_reports,
}
_AGGREGATED = frozenset({"crime-counts", "incidents"})
_ALL_COUNTIES = frozenset(c.code for c in reference.counties())


def write_rows(conn: Connection, v: Validation, *, source_id: int,
               lap: Callable[[str], None] | None = None) -> WriteCounts:
    """Apply the plan in ``v.clean`` under ``source_id``; call inside a transaction.

    ``lap(step)`` (optional) is called after the rows ("insert") and after the aggregates
    ("aggregates"), for timing.
    """
    lap = lap or (lambda _step: None)
    actions = v.clean["_action"]
    wc = WriteCounts(new=int((actions == "new").sum()), updated=int((actions == "update").sum()),
                     unchanged=int((actions == "same").sum()))
    if wc.new or wc.updated:
        _WRITERS[v.kind](conn, v, source_id, wc)
    conn.execute(s.data_sources.update().where(s.data_sources.c.id == source_id)
                 .values(rows=wc.new + wc.updated))
    lap("insert")
    if v.kind in _AGGREGATED and wc.counties:
        from data_access.aggregates import refresh_aggregates

        # Touching every county is a full rebuild: a plain scan beats 47 index look-ups.
        everywhere = len(wc.counties) >= len(_ALL_COUNTIES)
        refresh_aggregates(conn, county_codes=None if everywhere else sorted(wc.counties))
        # (refresh_aggregates bumps the data version)
    else:
        bump_data_version(conn)
    lap("aggregates")
    return wc
