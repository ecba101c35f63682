"""Checks of validated rows against the database, and the plan of what to write.

For every valid row :func:`plan_rows` decides ``_action``: "new" (insert), "update" (a row
with the same natural key or external id exists with other values) or "same" (nothing to
do — this is what makes importing a file twice change nothing), with ``_id`` the existing
row's id. It also resolves references to rows of other kinds (a concern's forum, a
commitment's concern, an update's commitment) and refuses:

- references to rows that do not exist (import the parent file first);
- rows that would overwrite or hang off demo data: imports and demo data never mix, so
  removing the demo leaves every imported row in place;
- changes to an already imported status update (the history is append-only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import schema as s
from data_access.imports.templates import ATTENDANCE_COLUMNS
from data_access.imports.validate import Validation

_CHUNK = 500
# Above this many keys a whole-column scan beats many IN lists.
_SCAN_ABOVE = 20_000
_DEMO_HINT = ("Demo data is kept apart from imports: remove it first (python -m data_access "
              "remove-demo) or use ids of your own")


def _iso(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, str):
        return value[:10]
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    return str(value)


def _join(*parts) -> str | None:
    """A text key from parts (None when any part is missing)."""
    if any(p is None for p in parts):
        return None
    return "\x1f".join(str(p) for p in parts)


def _same(a, b) -> bool:
    """Equal as stored values: None/NaN alike, dates by day, floats to 1e-9."""
    a_none = a is None or (isinstance(a, float) and np.isnan(a))
    b_none = b is None or (isinstance(b, float) and np.isnan(b))
    if a_none or b_none:
        return a_none and b_none
    if isinstance(a, (dt.date, pd.Timestamp)) or isinstance(b, (dt.date, pd.Timestamp)):
        return _iso(a) == _iso(b)
    if isinstance(a, (int, float, np.number)) and isinstance(b, (int, float, np.number)):
        return abs(float(a) - float(b)) < 1e-9
    return str(a) == str(b)


def _equal(mine: pd.Series, theirs: pd.Series) -> np.ndarray:
    """Element-wise :func:`_same` for whole columns (numbers, dates or text), vectorised."""
    a, b = mine.to_numpy(dtype=object), theirs.to_numpy(dtype=object)
    sample = next((x for x in a if x is not None and x == x), None)
    other = next((x for x in b if x is not None and x == x), None)
    if isinstance(other, (dt.date, pd.Timestamp)):
        sample = other
    if isinstance(sample, (float, int, np.number)) and not isinstance(sample, bool):
        fa = pd.to_numeric(pd.Series(a), errors="coerce").to_numpy(dtype=float)
        fb = pd.to_numeric(pd.Series(b), errors="coerce").to_numpy(dtype=float)
        both_nan = np.isnan(fa) & np.isnan(fb)
        with np.errstate(invalid="ignore"):
            return both_nan | (np.abs(fa - fb) < 1e-9)
    if isinstance(sample, (dt.date, pd.Timestamp)):
        codes_a, uniq_a = pd.factorize(pd.Series(a), use_na_sentinel=False)
        codes_b, uniq_b = pd.factorize(pd.Series(b), use_na_sentinel=False)
        ia = np.array([_iso(x) for x in uniq_a], dtype=object)[codes_a]
        ib = np.array([_iso(x) for x in uniq_b], dtype=object)[codes_b]
        return ia == ib
    # Text: object arrays compare element-wise in C; None equals None.
    return np.asarray(a == b, dtype=bool)


def _rows_where_in(conn: Connection, columns: list, key_col, keys: Iterable) -> pd.DataFrame:
    """Rows whose ``key_col`` is one of ``keys`` (chunked IN lists, or a scan when many)."""
    keys = [k for k in dict.fromkeys(keys) if k is not None]
    names = [c.name for c in columns]

    def frame(result) -> pd.DataFrame:
        # Plain tuples and object columns: pandas would otherwise probe every Row object
        # and convert text to Arrow strings, which costs more than the query.
        return pd.DataFrame([tuple(r) for r in result.fetchall()], columns=names, dtype=object)

    if not keys:
        return pd.DataFrame(columns=names, dtype=object)
    if len(keys) > _SCAN_ABOVE:
        found = frame(conn.execute(sa.select(*columns).where(key_col.is_not(None))))
        wanted = set(keys)
        keep = np.fromiter((k in wanted for k in found[key_col.name]), dtype=bool,
                           count=len(found))
        return found[keep].reset_index(drop=True)
    parts = [frame(conn.execute(sa.select(*columns).where(key_col.in_(keys[i:i + _CHUNK]))))
             for i in range(0, len(keys), _CHUNK)]
    return pd.concat(parts, ignore_index=True)


def _source_kinds(conn: Connection) -> dict[int, str]:
    t = s.data_sources
    return {int(i): k for i, k in conn.execute(sa.select(t.c.id, t.c.kind))}


def _flag_rows(v: Validation, positions, column: str, messages, suggestion: str = "",
               value_col: str | None = None) -> None:
    """Problems for rows at ``positions`` under the file's ``column`` name; the value shown
    comes from ``value_col`` of the parsed rows (default: the same name)."""
    mask = np.zeros(len(v.clean), dtype=bool)
    positions = list(positions)
    if not positions:
        return
    mask[positions] = True
    series = pd.Series("", index=v.clean.index, dtype=object)
    series.iloc[positions] = list(messages) if not isinstance(messages, str) else messages
    values = v.clean.get(value_col or column, "")
    v.flag(mask, column, series, value=values, suggestion=suggestion)


def _decide(v: Validation, good: np.ndarray, existing: pd.DataFrame, key: str,
            compare: list[str], sources: dict[int, str], id_col: str = "id",
            key_label: str = "external_id", db_key: str | None = None) -> None:
    """Set ``_action``/``_id`` for good rows by matching ``key`` against ``existing``.

    ``existing`` has ``db_key`` (default ``key``), ``id``, ``source_id`` and the
    ``compare`` columns (same names as in ``v.clean``).
    """
    c = v.clean
    db_key = db_key or key
    by_key = existing.drop_duplicates(db_key).set_index(db_key) if len(existing) else None
    actions = np.full(len(c), None, dtype=object)
    ids = np.full(len(c), None, dtype=object)
    demo_rows = []
    for pos in np.flatnonzero(good):
        k = c.at[pos, key]
        if by_key is None or k not in by_key.index:
            actions[pos] = "new"
            continue
        row = by_key.loc[k]
        if sources.get(int(row["source_id"])) == "demo":
            demo_rows.append(pos)
            continue
        ids[pos] = int(row[id_col])
        same = all(_same(c.at[pos, col], row[col]) for col in compare)
        actions[pos] = "same" if same else "update"
    c["_action"] = actions
    c["_id"] = ids
    _flag_rows(v, demo_rows, key_label, "this row already exists as demo data", _DEMO_HINT)


def _decide_fast(v: Validation, good: np.ndarray, existing: pd.DataFrame, key: str,
                 compare: list[str], sources: dict[int, str], key_label: str) -> None:
    """Vectorised :func:`_decide` for large files (incidents)."""
    c = v.clean
    actions = np.full(len(c), None, dtype=object)
    ids = np.full(len(c), None, dtype=object)
    actions[good] = "new"
    if len(existing):
        ex = existing.drop_duplicates(key).set_index(key)
        keys = c[key].to_numpy(dtype=object)
        known = set(ex.index)
        found = good & np.fromiter((k in known for k in keys), dtype=bool, count=len(keys))
        if found.any():
            rows = ex.reindex(pd.Index(keys[found], dtype=object))
            demo_ids = [i for i, kind in sources.items() if kind == "demo"]
            demo = np.isin(rows["source_id"].to_numpy(dtype=np.int64), demo_ids)
            same = np.ones(found.sum(), dtype=bool)
            sub = c.loc[found]
            for col in compare:
                same &= _equal(sub[col], rows[col])
            positions = np.flatnonzero(found)
            actions[positions] = np.where(same, "same", "update")
            ids[positions] = rows["id"].to_numpy(dtype=object)
            demo_pos = positions[demo]
            actions[demo_pos] = None
            ids[demo_pos] = None
            _flag_rows(v, demo_pos, key_label, "this row already exists as demo data",
                       _DEMO_HINT)
    c["_action"] = actions
    c["_id"] = ids


def _good(v: Validation) -> np.ndarray:
    return ~v.bad


# ----------------------------------------------------------------------------- kinds


def _plan_crime_counts(conn: Connection, v: Validation, sources: dict[int, str]) -> None:
    t = s.crime_counts
    c = v.clean
    good = _good(v)
    codes = sorted(set(c.loc[good, "county_code"].dropna()))
    existing = _rows_where_in(conn, [t.c.id, t.c.county_code, t.c.category_code,
                                     t.c.period_start, t.c.period_end, t.c.publication,
                                     t.c.count, t.c.source_id], t.c.county_code, codes)
    existing["_key"] = [_join(a, b, _iso(d), _iso(e), p) for a, b, d, e, p in
                        zip(existing["county_code"], existing["category_code"],
                            existing["period_start"], existing["period_end"],
                            existing["publication"])]
    c["_key"] = [_join(a, b, _iso(d), _iso(e), p) for a, b, d, e, p in
                 zip(c["county_code"], c["category_code"], c["period_start"], c["period_end"],
                     c["publication"])]
    _decide(v, good, existing, "_key", ["count"], sources, key_label="county")


def _plan_incidents(conn: Connection, v: Validation, sources: dict[int, str]) -> None:
    t = s.incidents
    c = v.clean
    good = _good(v)
    existing = _rows_where_in(conn, [t.c.id, t.c.external_id, t.c.occurred_on, t.c.county_code,
                                     t.c.category_code, t.c.latitude, t.c.longitude,
                                     t.c.source_id], t.c.external_id,
                              c.loc[good, "external_id"])
    _decide_fast(v, good, existing, "external_id",
                 ["occurred_on", "county_code", "category_code", "latitude", "longitude"],
                 sources, "external_id")


def _plan_forums(conn: Connection, v: Validation, sources: dict[int, str]) -> None:
    t, a = s.forums, s.forum_attendance
    c = v.clean
    good = _good(v)
    existing = _rows_where_in(conn, [t.c.id, t.c.external_id, t.c.edition, t.c.county_code,
                                     t.c.venue, t.c.held_on, t.c.attendance_total,
                                     t.c.source_id], t.c.external_id,
                              c.loc[good, "external_id"])
    for col in ATTENDANCE_COLUMNS:
        existing[col] = None
    if len(existing):
        att = _rows_where_in(conn, [a.c.forum_id, a.c.group_code, a.c.attendees], a.c.forum_id,
                             existing["id"].tolist())
        for row in att.itertuples():
            col = f"attendance_{row.group_code}"
            if col in existing:
                existing.loc[existing["id"] == row.forum_id, col] = int(row.attendees)
    _decide(v, good, existing, "external_id",
            ["edition", "county_code", "venue", "held_on", "attendance_total",
             *ATTENDANCE_COLUMNS], sources)


def _ids(refs: pd.Series, ids: dict) -> pd.Series:
    """Database ids for external ids, as Python ints (None where unknown): a float 1.0
    would be refused by PostgreSQL for an INTEGER column."""
    return pd.Series([int(ids[r]) if r in ids else None for r in refs], index=refs.index,
                     dtype=object)


def _resolve(conn: Connection, v: Validation, table: sa.Table, ref_col: str, label: str,
             parent: str, extra: list[str], sources: dict[int, str]) -> pd.DataFrame:
    """Look up referenced parents by external id; flags missing and demo parents.

    Returns the parents found: ``external_id, id, source_id`` and ``extra`` columns.
    """
    c = v.clean
    good = _good(v) & c[ref_col].notna().to_numpy()
    parents = _rows_where_in(conn, [table.c.external_id, table.c.id, table.c.source_id,
                                    *(table.c[e] for e in extra)], table.c.external_id,
                             c.loc[good, ref_col])
    known = set(parents["external_id"])
    demo = {r.external_id for r in parents.itertuples() if sources.get(int(r.source_id)) == "demo"}
    refs = c[ref_col]
    missing = np.flatnonzero(good & ~refs.isin(known).to_numpy())
    _flag_rows(v, missing, label,
               [f"{parent} '{refs.iloc[p]}' is not in the database" for p in missing],
               f"Import the {parent}s file first, or check the id", value_col=ref_col)
    on_demo = np.flatnonzero(good & refs.isin(demo).to_numpy())
    _flag_rows(v, on_demo, label,
               [f"{parent} '{refs.iloc[p]}' is demo data; imported rows cannot refer to it "
                "(removing the demo would delete them)" for p in on_demo], _DEMO_HINT,
               value_col=ref_col)
    return parents


def _plan_concerns(conn: Connection, v: Validation, sources: dict[int, str]) -> None:
    t = s.concerns
    c = v.clean
    forums = _resolve(conn, v, s.forums, "forum_ref", "forum_external_id", "forum", [],
                      sources) if "forum_ref" in c else pd.DataFrame()
    ids = dict(zip(forums.get("external_id", []), forums.get("id", [])))
    c["forum_id"] = _ids(c["forum_ref"], ids)
    good = _good(v)
    existing = _rows_where_in(conn, [t.c.id, t.c.external_id, t.c.forum_id, t.c.origin,
                                     t.c.county_code, t.c.theme_code, t.c.summary,
                                     t.c.raised_by_group, t.c.raised_on, t.c.source_id],
                              t.c.external_id, c.loc[good, "external_id"])
    _decide(v, good, existing, "external_id",
            ["forum_id", "origin", "county_code", "theme_code", "summary", "raised_by_group",
             "raised_on"], sources)


def _plan_commitments(conn: Connection, v: Validation, sources: dict[int, str]) -> None:
    t = s.commitments
    c = v.clean
    concerns = _resolve(conn, v, s.concerns, "concern_ref", "concern_external_id", "concern",
                        [], sources)
    ids = dict(zip(concerns["external_id"], concerns["id"]))
    c["concern_id"] = _ids(c["concern_ref"], ids)
    good = _good(v)
    existing = _rows_where_in(conn, [t.c.id, t.c.external_id, t.c.concern_id,
                                     t.c.institution_code, t.c.title, t.c.made_on, t.c.due_on,
                                     t.c.source_id], t.c.external_id,
                              c.loc[good, "external_id"])
    _decide(v, good, existing, "external_id",
            ["concern_id", "institution_code", "title", "made_on", "due_on"], sources)
    # A commitment with updates cannot be moved to a date after its first update.
    updates = np.flatnonzero(good & (c["_action"] == "update").to_numpy())
    if len(updates):
        u = s.commitment_updates
        firsts = dict(conn.execute(
            sa.select(u.c.commitment_id, sa.func.min(u.c.updated_on))
            .where(u.c.commitment_id.in_([int(c.at[p, "_id"]) for p in updates]))
            .group_by(u.c.commitment_id)).fetchall())
        late = [p for p in updates if firsts.get(int(c.at[p, "_id"])) is not None
                and _iso(c.at[p, "made_on"]) > _iso(firsts[int(c.at[p, "_id"])])]
        _flag_rows(v, late, "made_on",
                   [f"made_on {c.at[p, 'made_on']} is after the commitment's first status "
                    f"update ({_iso(firsts[int(c.at[p, '_id'])])})" for p in late],
                   "Check the date")


def _plan_updates(conn: Connection, v: Validation, sources: dict[int, str]) -> None:
    t = s.commitment_updates
    c = v.clean
    parents = _resolve(conn, v, s.commitments, "commitment_ref", "commitment_external_id",
                       "commitment", ["made_on"], sources)
    ids = dict(zip(parents["external_id"], parents["id"]))
    made = dict(zip(parents["external_id"], parents["made_on"].map(_iso)))
    c["commitment_id"] = _ids(c["commitment_ref"], ids)
    good = _good(v)
    before = [p for p in np.flatnonzero(good & c["commitment_id"].notna().to_numpy())
              if c.at[p, "updated_on"] is not None
              and _iso(c.at[p, "updated_on"]) < made[c.at[p, "commitment_ref"]]]
    _flag_rows(v, before, "updated_on",
               [f"the update ({c.at[p, 'updated_on']}) is dated before the commitment was made "
                f"({made[c.at[p, 'commitment_ref']]})" for p in before], "Check the date")
    good = _good(v)
    compare = ["commitment_id", "status", "updated_on", "note", "evidence", "recorded_by"]
    existing = _rows_where_in(conn, [t.c.id, t.c.external_id, *(t.c[k] for k in compare),
                                     t.c.source_id], t.c.external_id, c.loc[good, "external_id"])
    _decide(v, good, existing, "external_id", compare, sources)
    changed = np.flatnonzero((c["_action"] == "update").to_numpy())
    _flag_rows(v, changed, "external_id",
               [f"update '{c.at[p, 'external_id']}' was already imported with other values; "
                "the status history is append-only" for p in changed],
               "Record the correction as a new update with its own external_id")
    c.loc[changed, "_action"] = None
    # Updates recorded in the app have no external id: the same update (commitment,
    # status, day, note, evidence) exported and imported again is recognised by its content.
    new = np.flatnonzero((c["_action"] == "new").to_numpy())
    if len(new):
        plain = _rows_where_in(conn, [t.c.commitment_id, t.c.status, t.c.updated_on, t.c.note,
                                      t.c.evidence, t.c.external_id], t.c.commitment_id,
                               [int(c.at[p, "commitment_id"]) for p in new])
        plain = plain[plain["external_id"].isna()]
        seen = {(int(r.commitment_id), r.status, _iso(r.updated_on), r.note or None,
                 r.evidence or None) for r in plain.itertuples()}
        for p in new:
            key = (int(c.at[p, "commitment_id"]), c.at[p, "status"], _iso(c.at[p, "updated_on"]),
                   c.at[p, "note"] or None, c.at[p, "evidence"] or None)
            if key in seen:
                c.at[p, "_action"] = "same"


def _plan_chief_reports(conn: Connection, v: Validation, sources: dict[int, str]) -> None:
    loc, rep = s.chief_locations, s.chief_reports
    c = v.clean
    good = _good(v)
    codes = sorted(set(c.loc[good, "county_code"].dropna()))
    locations = _rows_where_in(conn, [loc.c.id, loc.c.county_code, loc.c.sub_county,
                                      loc.c.location, loc.c.expected_from, loc.c.source_id],
                               loc.c.county_code, codes)
    by_key = {(r.county_code, r.sub_county.casefold(), r.location.casefold()): r
              for r in locations.itertuples()}
    c["location_id"] = pd.Series(
        [int(by_key[(a, b, d)].id) if ok and (a, b, d) in by_key else None
         for a, b, d, ok in zip(c["county_code"], c["sub_key"], c["loc_key"], good)],
        index=c.index, dtype=object)
    # The database's spelling of a known location wins (the key is case-insensitive).
    for pos in np.flatnonzero(good & c["location_id"].notna().to_numpy()):
        r = by_key[(c.at[pos, "county_code"], c.at[pos, "sub_key"], c.at[pos, "loc_key"])]
        c.at[pos, "sub_county"], c.at[pos, "location"] = r.sub_county, r.location
    reports = _rows_where_in(conn, [rep.c.id, rep.c.location_id, rep.c.month, rep.c.sentiment,
                                    rep.c.barazas_held, rep.c.attendance, rep.c.top_theme_code,
                                    rep.c.incidents_noted, rep.c.notes, rep.c.source_id],
                             rep.c.location_id, c["location_id"].dropna().tolist())
    reports["_key"] = [_join(int(i), _iso(m)) for i, m in
                       zip(reports["location_id"], reports["month"])]
    c["_key"] = [_join(int(i), _iso(m)) if i is not None and m is not None else None
                 for i, m in zip(c["location_id"], c["month"])]
    _decide(v, good, reports, "_key",
            ["sentiment", "barazas_held", "attendance", "top_theme_code", "incidents_noted",
             "notes"], sources, key_label="month")
    # Rows of locations not yet in the database are new, whatever _decide said.
    c.loc[good & c["location_id"].isna().to_numpy() & ~v.bad, "_action"] = "new"
    def on_demo(county: str, sub: str, name: str) -> bool:
        r = by_key.get((county, sub, name))
        return r is not None and sources.get(int(r.source_id)) == "demo"

    c["_location_demo"] = [on_demo(a, b, d) for a, b, d in
                           zip(c["county_code"], c["sub_key"], c["loc_key"])]


_PLANS = {
    "crime-counts": _plan_crime_counts,
    "incidents": _plan_incidents,
    "forums": _plan_forums,
    "concerns": _plan_concerns,
    "commitments": _plan_commitments,
    "commitment-updates": _plan_updates,
    "chief-reports": _plan_chief_reports,
}


def plan_rows(conn: Connection, v: Validation) -> None:
    """Add ``_action`` and ``_id`` (and resolved parent ids) to ``v.clean``; rows refused
    here get problems and no action."""
    _PLANS[v.kind](conn, v, _source_kinds(conn))
    v.clean.loc[v.bad, "_action"] = None
