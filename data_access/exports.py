"""Exports: every import kind as its template (CSV or Excel), and county metrics as
GeoJSON.

    python -m data_access export KIND -o FILE.csv|FILE.xlsx|FILE.geojson

An export of a kind has exactly the columns of its import template (plus ``county_code``
beside ``county``), in the same text forms the importer reads (ISO dates, category and
theme labels), sorted by its natural key, so export → import into an empty database →
export gives the identical file. Text cells that a spreadsheet would run as a formula are
neutralised (data_access.safe_csv) in CSV and Excel alike.

Frame builders take a connection, the audience (required: no default) and optional
filters (``county_codes``, ``start``, ``end``) so the Export page can offer what the current
filters show. County metrics take the pages' :class:`~data_access.figures.scope.Scope`
and every figure in them comes from the figures functions the pages call (crime from
:mod:`data_access.figures.crime`, concerns from :func:`data_access.concerns.concerns_raised`,
commitments from :func:`data_access.commitments.resolution_by`), for the audience, so the
file says what the pages say.

Public audience (docs/METHODS.md, "Public audience"): only county metrics, with every
count as the public pages show it ("<5", "≈…"); every other kind is a list of records
(coordinates, free text, names, exact small counts) and its builder raises
:class:`~data_access.privacy.NotForPublic`.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from data_access import reference
from data_access import schema as s
from data_access.commitments import resolution_by
from data_access.concerns import concerns_raised
from data_access.engine import get_engine
from data_access.figures.coverage import default_period
from data_access.figures.crime import county_crime
from data_access.figures.scope import Audience, Period, Scope
from data_access.imports.templates import ATTENDANCE_COLUMNS, TEMPLATES
from data_access.imports.validate import BOUNDARIES_GEOJSON, incident_natural_ids
from data_access.metrics import DEFINITIONS
from data_access.privacy import NotForPublic
from data_access.safe_csv import to_csv_bytes, to_xlsx_bytes

EXPORT_KINDS = (*TEMPLATES, "county-metrics")
FORMATS = ("csv", "xlsx", "geojson")

_COUNTY_NAMES = {c.code: c.name for c in reference.counties()}
_CATEGORY = {c.code: c.name for c in reference.CRIME_CATEGORIES}
_CATEGORY_ORDER = {c.code: i for i, c in enumerate(reference.CRIME_CATEGORIES)}
_THEME = {t.code: t.label for t in reference.THEMES}
_STATUS = {k: en for k, (en, _sw) in reference.COMMITMENT_STATUSES.items()}
_GROUP = {k: en for k, (en, _sw) in reference.ATTENDANCE_GROUPS.items()}
_INSTITUTION = {i.code: i.name for i in reference.INSTITUTIONS}


def _select(conn: Connection, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _iso(values: pd.Series) -> pd.Series:
    """Dates (date objects or strings from SQLite) as ISO text, "" where missing."""
    return values.map(lambda d: "" if d is None or (isinstance(d, float) and np.isnan(d))
                      else str(d)[:10]).astype(object)


def _text(values: pd.Series) -> pd.Series:
    return values.map(lambda x: "" if x is None or (isinstance(x, float) and np.isnan(x))
                      else str(x)).astype(object)


def _int_or_blank(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("Int64")


def _scope(stmt, county_col, date_col, county_codes, start, end):
    if county_codes:
        stmt = stmt.where(county_col.in_(list(county_codes)))
    if start is not None:
        stmt = stmt.where(date_col >= start)
    if end is not None:
        stmt = stmt.where(date_col <= end)
    return stmt


def _records_only_internal(audience: Audience, kind: str) -> None:
    """A list of records never goes to a public screen."""
    if not isinstance(audience, Audience):
        raise TypeError(f"audience must be an Audience, not {audience!r}")
    if audience == Audience.PUBLIC:
        raise NotForPublic(f"{kind} is a list of records: not exported for a public screen "
                           "(county-metrics is)")


def _finish(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    return frame[TEMPLATES[kind].names].reset_index(drop=True)


def crime_counts_frame(conn: Connection, *, audience: Audience, county_codes=(),
                       start=None, end=None) -> pd.DataFrame:
    """Published counts: ``county_code, county, category, period_start, period_end, count,
    source`` (source = the publication)."""
    _records_only_internal(audience, "crime-counts")
    t = s.crime_counts
    stmt = _scope(sa.select(t.c.county_code, t.c.category_code, t.c.period_start,
                            t.c.period_end, t.c.count, t.c.publication),
                  t.c.county_code, t.c.period_start, county_codes, start, end)
    f = _select(conn, stmt)
    f["county"] = f["county_code"].map(_COUNTY_NAMES)
    f["category"] = f["category_code"].map(_CATEGORY)
    f["_order"] = f["category_code"].map(_CATEGORY_ORDER)
    f["period_start"], f["period_end"] = _iso(f["period_start"]), _iso(f["period_end"])
    f["source"] = _text(f["publication"])
    f["count"] = f["count"].astype("int64")
    f = f.sort_values(["county_code", "_order", "period_start", "period_end", "source"],
                      kind="stable")
    return _finish(f, "crime-counts")


def incidents_frame(conn: Connection, *, audience: Audience, county_codes=(),
                    start=None, end=None) -> pd.DataFrame:
    """Incidents: ``occurred_on, county_code, county, category, latitude, longitude,
    external_id``. Rows stored without an id get the id the importer would give them
    (a hash of their values; repeats numbered "-2", "-3" …)."""
    _records_only_internal(audience, "incidents")
    t = s.incidents
    stmt = _scope(sa.select(t.c.id, t.c.external_id, t.c.occurred_on, t.c.county_code,
                            t.c.category_code, t.c.latitude, t.c.longitude),
                  t.c.county_code, t.c.occurred_on, county_codes, start, end)
    f = _select(conn, stmt.order_by(t.c.occurred_on, t.c.county_code, t.c.id))
    f["occurred_on"] = _iso(f["occurred_on"])
    f["latitude"] = pd.to_numeric(f["latitude"], errors="coerce").astype("float64")
    f["longitude"] = pd.to_numeric(f["longitude"], errors="coerce").astype("float64")
    missing = f["external_id"].isna()
    if missing.any():
        ids = incident_natural_ids(f.loc[missing, "occurred_on"], f.loc[missing, "county_code"],
                                   f.loc[missing, "category_code"], f.loc[missing, "latitude"],
                                   f.loc[missing, "longitude"])
        nth = ids.groupby(ids).cumcount() + 1
        f.loc[missing, "external_id"] = [i if n == 1 else f"{i}-{n}" for i, n in zip(ids, nth)]
    f["county"] = f["county_code"].map(_COUNTY_NAMES)
    f["category"] = f["category_code"].map(_CATEGORY)
    f["external_id"] = f["external_id"].astype(object)
    return _finish(f, "incidents")


def forums_frame(conn: Connection, *, audience: Audience, county_codes=(),
                 start=None, end=None) -> pd.DataFrame:
    """Forums with attendance per group (blank where not recorded)."""
    _records_only_internal(audience, "forums")
    t, a = s.forums, s.forum_attendance
    stmt = _scope(sa.select(t.c.id, t.c.external_id, t.c.edition, t.c.county_code, t.c.venue,
                            t.c.held_on, t.c.attendance_total),
                  t.c.county_code, t.c.held_on, county_codes, start, end)
    f = _select(conn, stmt)
    att = _select(conn, sa.select(a.c.forum_id, a.c.group_code, a.c.attendees))
    wide = att.pivot_table(index="forum_id", columns="group_code", values="attendees",
                           aggfunc="sum") if len(att) else pd.DataFrame()
    for col in ATTENDANCE_COLUMNS:
        code = col.removeprefix("attendance_")
        values = f["id"].map(wide[code]) if code in wide else pd.Series(np.nan, index=f.index)
        f[col] = _int_or_blank(values)
    f["county"] = f["county_code"].map(_COUNTY_NAMES)
    f["held_on"] = _iso(f["held_on"])
    f["attendance_total"] = f["attendance_total"].astype("int64")
    f = f.sort_values("external_id", kind="stable")
    return _finish(f, "forums")


def concerns_frame(conn: Connection, *, audience: Audience, county_codes=(),
                   start=None, end=None) -> pd.DataFrame:
    """Concerns with the external id of their forum."""
    _records_only_internal(audience, "concerns")
    t, fo = s.concerns, s.forums
    stmt = _scope(sa.select(t.c.external_id, fo.c.external_id.label("forum_external_id"),
                            t.c.origin, t.c.county_code, t.c.theme_code, t.c.summary,
                            t.c.raised_by_group, t.c.raised_on)
                  .select_from(t.outerjoin(fo, t.c.forum_id == fo.c.id)),
                  t.c.county_code, t.c.raised_on, county_codes, start, end)
    f = _select(conn, stmt)
    f["forum_external_id"] = _text(f["forum_external_id"])
    f["county"] = f["county_code"].map(_COUNTY_NAMES)
    f["theme"] = f["theme_code"].map(_THEME)
    f["raised_by_group"] = f["raised_by_group"].map(lambda g: _GROUP.get(g, "") if g else "")
    f["raised_on"] = _iso(f["raised_on"])
    f["summary"] = _text(f["summary"])
    f = f.sort_values("external_id", kind="stable")
    return _finish(f, "concerns")


def commitments_frame(conn: Connection, *, audience: Audience, county_codes=(),
                      start=None, end=None) -> pd.DataFrame:
    """Commitments with the external id of the concern they answer."""
    _records_only_internal(audience, "commitments")
    t, c = s.commitments, s.concerns
    stmt = _scope(sa.select(t.c.external_id, c.c.external_id.label("concern_external_id"),
                            t.c.institution_code, t.c.title, t.c.made_on, t.c.due_on)
                  .select_from(t.join(c, t.c.concern_id == c.c.id)),
                  c.c.county_code, t.c.made_on, county_codes, start, end)
    f = _select(conn, stmt)
    f["institution"] = f["institution_code"].map(_INSTITUTION)
    f["made_on"], f["due_on"] = _iso(f["made_on"]), _iso(f["due_on"])
    f = f.sort_values("external_id", kind="stable")
    return _finish(f, "commitments")


def commitment_updates_frame(conn: Connection, *, audience: Audience, county_codes=(),
                             start=None, end=None) -> pd.DataFrame:
    """The status history, oldest first within each commitment. Updates recorded in the
    app (no external id) get one from their content, which the importer recognises."""
    _records_only_internal(audience, "commitment-updates")
    u, t, c = s.commitment_updates, s.commitments, s.concerns
    stmt = _scope(sa.select(u.c.id, u.c.external_id,
                            t.c.external_id.label("commitment_external_id"), u.c.status,
                            u.c.updated_on, u.c.note, u.c.evidence, u.c.recorded_by)
                  .select_from(u.join(t, u.c.commitment_id == t.c.id)
                               .join(c, t.c.concern_id == c.c.id)),
                  c.c.county_code, u.c.updated_on, county_codes, start, end)
    f = _select(conn, stmt)
    f["updated_on"] = _iso(f["updated_on"])
    missing = f["external_id"].isna()
    if missing.any():
        import hashlib

        f.loc[missing, "external_id"] = [
            "h-" + hashlib.sha1("|".join(map(str, (r.commitment_external_id, r.status,
                                                   r.updated_on, r.note, r.evidence,
                                                   r.id))).encode()).hexdigest()[:20]
            for r in f[missing].itertuples()]
    f["status"] = f["status"].map(_STATUS)
    for col in ("note", "evidence", "recorded_by"):
        f[col] = _text(f[col])
    f = f.sort_values(["commitment_external_id", "updated_on", "id"], kind="stable")
    return _finish(f, "commitment-updates")


def chief_reports_frame(conn: Connection, *, audience: Audience, county_codes=(),
                        start=None, end=None) -> pd.DataFrame:
    """Chiefs' monthly reports with their location; ``month`` as YYYY-MM."""
    _records_only_internal(audience, "chief-reports")
    r, loc = s.chief_reports, s.chief_locations
    stmt = _scope(sa.select(loc.c.county_code, loc.c.sub_county, loc.c.location, r.c.month,
                            r.c.sentiment, r.c.barazas_held, r.c.attendance, r.c.top_theme_code,
                            r.c.incidents_noted, r.c.notes)
                  .select_from(r.join(loc, r.c.location_id == loc.c.id)),
                  loc.c.county_code, r.c.month, county_codes, start, end)
    f = _select(conn, stmt)
    f["county"] = f["county_code"].map(_COUNTY_NAMES)
    f["month"] = _iso(f["month"]).str.slice(0, 7)
    f["top_theme"] = f["top_theme_code"].map(lambda c: _THEME.get(c, "") if c else "")
    f["notes"] = _text(f["notes"])
    for col in ("sentiment", "barazas_held", "attendance", "incidents_noted"):
        f[col] = f[col].astype("int64")
    f = f.sort_values(["county_code", "sub_county", "location", "month"], kind="stable")
    return _finish(f, "chief-reports")


# ---------------------------------------------------------------------- county metrics


def scope_for(engine: Engine | None = None, *, audience: Audience, county_codes=(),
              start: dt.date | None = None, end: dt.date | None = None,
              categories: tuple[str, ...] = (), themes: tuple[str, ...] = ()) -> Scope:
    """The figures' scope for a period and county codes (county metrics, the briefing).

    No period: :func:`data_access.figures.coverage.default_period` (the period every page
    opens on). A period is whole months: ``start`` is the first day of a month. County
    codes that make up one county or one region give that county's or region's scope;
    any other set is all Kenya, and the export keeps only their rows (each county's
    figures do not depend on the other counties in the scope).
    """
    if (start is None) != (end is None):
        raise ValueError("give both start and end, or neither (the default period)")
    period = default_period(engine=engine) if start is None else Period(start, end)
    codes = set(county_codes)
    area: dict[str, str] = {}
    if len(codes) == 1:
        area = {"county": next(iter(codes))}
    for r in reference.REGIONS:
        if len(codes) > 1 and \
                codes == {c.code for c in reference.counties() if c.region_code == r.code}:
            area = {"region": r.code}
    return Scope(period, audience, categories=tuple(categories), themes=tuple(themes), **area)


def _crime_by_county(scope: Scope, engine: Engine) -> pd.DataFrame:
    """The crime columns of the county-metrics export, one row per county in ``scope``.

    Every figure is :func:`data_access.figures.crime.county_crime`'s, as the pages show
    it: nothing is summed or compared here. "No data" stays blank (never 0) and
    ``crime_note`` says why. Internal: a hidden small count (sensitive categories) is
    blank with "<5" in the note. Public: each count is the text the public pages show
    (:func:`_counts_as_shown`).
    """
    cc = county_crime(scope, engine=engine)
    period, earlier = scope.period, scope.period.comparison
    f = cc[["county_code", "county", "region", "population_2019"]].copy()
    f["period_start"], f["period_end"] = period.start.isoformat(), period.end.isoformat()
    f["compared_with_start"] = earlier.start.isoformat()
    f["compared_with_end"] = earlier.end.isoformat()
    f["crime_categories"] = ", ".join(_CATEGORY[c] for c in scope.categories) or "all"
    f["crime_basis"] = cc["basis"]
    f["months"] = cc["months"]
    f["months_with_data"] = cc["months_covered"]
    f["crimes"] = _counts_as_shown(cc, "count", scope.audience)
    f["rate_per_100k"] = cc["rate_per_100k"].round(1)
    f["crimes_compared"] = _counts_as_shown(cc, "current_compared", scope.audience)
    f["previous_crimes"] = _counts_as_shown(cc, "previous", scope.audience)
    f["months_compared"] = cc["months_compared"]
    f["change_pct"] = cc["pct_change"].round(1)
    f["change_verdict"] = cc["verdict"]
    f["crime_note"] = [_crime_note(r) for r in cc.itertuples()]
    return f


def _counts_as_shown(frame: pd.DataFrame, col: str, audience: Audience) -> pd.Series:
    """A count column of a figures table for the file.

    Internal: whole numbers, blank where there is no data or the count is hidden (a
    sensitive-only selection). Public: the text the public pages show (``<col>_display``:
    "<5", "≈130" or a range where the figure holds hidden cells, "" for no data), never
    the protected value behind it.
    """
    if audience == Audience.PUBLIC:
        return frame[f"{col}_display"].map(
            lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
        ).astype(object)
    return _int_or_blank(frame[col])


def _crime_note(r) -> str:
    notes = [r.note] if r.note else []
    hidden = [f"{what} {shown}" for what, shown in
              (("crimes", r.count_display), ("crimes compared", r.current_compared_display),
               ("previous", r.previous_display))
              if isinstance(shown, str) and shown.startswith("<")]
    if hidden:
        notes.append("small counts hidden: " + ", ".join(hidden))
    return "; ".join(notes)


def county_metrics_frame(conn: Connection, *, audience: Audience, scope: Scope | None = None,
                         county_codes=(), start: dt.date | None = None,
                         end: dt.date | None = None) -> pd.DataFrame:
    """One row per county of ``scope`` (or of the scope :func:`scope_for` makes of
    ``county_codes``, ``start``, ``end`` and ``audience``; with no period, the default
    period of the pages). ``county_codes`` given with a scope keeps only those rows. A
    scope's audience must be ``audience``.

    Crime columns, all from :func:`data_access.figures.crime.county_crime` (the figures
    the pages show): ``period_start, period_end, compared_with_start, compared_with_end``
    (the same months a year earlier), ``crime_categories, crime_basis, months,
    months_with_data, crimes, rate_per_100k, crimes_compared, previous_crimes,
    months_compared, change_pct, change_verdict, crime_note``. The change compares
    ``crimes_compared`` (the months with data a year earlier too) with
    ``previous_crimes`` (those months a year earlier), like for like; a county without
    data is blank, never 0, and ``crime_note`` says why.

    Columns: ``county_code, county, region, population_2019``, the crime columns,
    ``concern_themes, forums, forum_concerns, chief_concerns, concerns, commitments,
    verified, fulfilled, resolution_rate, overdue, past_due_unverified``.
    ``concerns`` is concerns raised (:func:`data_access.concerns.concerns_raised`, for the
    scope's concern themes): ``forum_concerns`` at forums held in the period +
    ``chief_concerns`` in chiefs' reports for its months. The public file has no concern
    columns (``concern_themes`` and the three counts): concerns are public by region
    only. The commitment columns are :func:`data_access.commitments.resolution_by` per
    county as of the period's last day (``commitments`` = made by then): ``overdue``
    counts verified commitments only; unverified ones past due are
    ``past_due_unverified``. The public file has no commitment columns (``commitments,
    verified, fulfilled, resolution_rate, overdue, past_due_unverified``) either:
    commitments are public by region only.

    Every count is as ``audience`` sees it (:func:`_counts_as_shown`): for the public,
    the text the public pages show, and rates only as the figures functions give them
    for the public (computed from what is shown, blank beside a hidden count).
    """
    if not isinstance(audience, Audience):
        raise TypeError(f"audience must be an Audience, not {audience!r}")
    engine = conn.engine
    if scope is None:
        scope = scope_for(engine, county_codes=county_codes, start=start, end=end,
                          audience=audience)
    elif scope.audience != audience:
        raise ValueError(f"the scope is for the {scope.audience.value} audience, the file "
                         f"for the {audience.value} audience")
    start, end = scope.period.start, scope.period.end
    f = _crime_by_county(scope, engine)
    if county_codes:
        f = f[f["county_code"].isin(county_codes)].reset_index(drop=True)
    # The pages' own calls: all Kenya is () there, as in Filters.county_codes.
    in_scope = tuple(scope.county_codes) if (scope.region or scope.county) else ()
    themes = tuple(scope.themes)
    public = audience == Audience.PUBLIC
    if not public:
        f["concern_themes"] = ", ".join(_THEME[t] for t in themes) or "all"
    fo = s.forums
    forums = _select(conn, sa.select(fo.c.county_code, sa.func.count().label("n"))
                     .where(fo.c.held_on.between(start, end)).group_by(fo.c.county_code))
    f["forums"] = f["county_code"].map(forums.set_index("county_code")["n"]).fillna(0) \
        .astype("int64")
    if not public:  # concerns are public by region only: no public figure per county
        raised = concerns_raised(engine=engine, start=start, end=end, county_codes=in_scope,
                                 themes=themes, by="county", audience=audience)
        f = _merge_counts(f, raised.rename(columns={"county_code": "code"}), audience,
                          {"forum_concerns": "forum_concerns",
                           "chief_concerns": "chief_concerns", "concerns": "concerns"})
    if public:  # commitments are public by region only: no public figure per county
        return f
    made = resolution_by(engine=engine, by="county", as_of=end, county_codes=in_scope,
                         themes=themes, audience=audience)
    f = _merge_counts(f, made, audience,
                      {"made": "commitments", "verified": "verified", "fulfilled": "fulfilled"})
    rate = made.set_index("code")["resolution_rate"].astype("float64")
    f["resolution_rate"] = f["county_code"].map(rate).round(3)
    return _merge_counts(f, made, audience, {"overdue": "overdue",
                                             "past_due_unverified": "past_due_unverified"})


def _merge_counts(f: pd.DataFrame, figures: pd.DataFrame, audience: Audience,
                  columns: dict[str, str]) -> pd.DataFrame:
    """Count columns of a per-county figures table (keyed by ``code``) onto ``f``, as
    ``audience`` sees them (:func:`_counts_as_shown`), renamed by ``columns``."""
    by_code = figures.set_index("code")
    for theirs, mine in columns.items():
        shown = _counts_as_shown(by_code, theirs, audience)
        f[mine] = f["county_code"].map(shown)
        if audience != Audience.PUBLIC:
            f[mine] = f[mine].astype("Int64")
    return f


def county_metrics_geojson(frame: pd.DataFrame) -> bytes:
    """The metrics as a GeoJSON FeatureCollection of county boundaries (RFC 7946)."""
    shapes = json.loads(BOUNDARIES_GEOJSON.read_text(encoding="utf-8"))
    geometry = {f["properties"]["code"]: f["geometry"] for f in shapes["features"]}
    features = []
    for row in frame.to_dict(orient="records"):
        # Blank cells (NaN, and pd.NA of the nullable integer columns) are null.
        props = {k: (None if v is pd.NA or (isinstance(v, float) and np.isnan(v)) else
                     v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
        features.append({"type": "Feature", "id": row["county_code"],
                         "properties": props, "geometry": geometry[row["county_code"]]})
    collection = {
        "type": "FeatureCollection",
        "name": "jukwaa_county_metrics",
        "definitions": {"crimes": DEFINITIONS["crime_count"],
                        "crime_basis": DEFINITIONS["coverage"],
                        "rate_per_100k": DEFINITIONS["rate"],
                        "previous_crimes": DEFINITIONS["change"],
                        "change_verdict": DEFINITIONS["significance"],
                        "resolution_rate": DEFINITIONS["resolution"],
                        "concerns": DEFINITIONS["concerns_raised"],
                        "overdue": DEFINITIONS["overdue"],
                        "past_due_unverified": DEFINITIONS["past_due_unverified"]},
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


FRAMES: dict[str, Callable[..., pd.DataFrame]] = {
    "crime-counts": crime_counts_frame,
    "incidents": incidents_frame,
    "forums": forums_frame,
    "concerns": concerns_frame,
    "commitments": commitments_frame,
    "commitment-updates": commitment_updates_frame,
    "chief-reports": chief_reports_frame,
    "county-metrics": county_metrics_frame,
}


PUBLIC_KINDS = ("county-metrics",)
"""The only export a public screen may offer (figures as the public pages show them)."""


def export_frame(engine: Engine | None = None, *, kind: str, audience: Audience,
                 county_codes: tuple[str, ...] = (), start: dt.date | None = None,
                 end: dt.date | None = None, scope: Scope | None = None) -> pd.DataFrame:
    """The export of ``kind`` for ``audience`` as a DataFrame (columns as documented per
    builder), from ``engine`` (None: the configured database). ``scope`` (county-metrics
    only) is the scope of the figures, as the pages' ``current_filters().scope``; its
    audience must be ``audience``. For the public audience every kind but
    :data:`PUBLIC_KINDS` raises :class:`~data_access.privacy.NotForPublic`."""
    if kind not in FRAMES:
        raise ValueError(f"unknown export kind {kind!r}; choose one of: {', '.join(FRAMES)}")
    if scope is not None and kind != "county-metrics":
        raise ValueError("only county-metrics takes a scope; give county_codes, start, end")
    if kind not in PUBLIC_KINDS:
        _records_only_internal(audience, kind)
    extra = {"scope": scope} if scope is not None else {}
    with (engine or get_engine()).connect() as conn:
        return FRAMES[kind](conn, audience=audience, county_codes=tuple(county_codes),
                            start=start, end=end, **extra)


def frame_bytes(frame: pd.DataFrame, *, kind: str, fmt: str) -> bytes:
    """An export frame as a file: ``fmt`` "csv", "xlsx" or (county-metrics) "geojson"."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use csv, xlsx or geojson")
    if fmt == "geojson" and kind != "county-metrics":
        raise ValueError("only county-metrics can be exported as GeoJSON")
    if fmt == "csv":
        return to_csv_bytes(frame)
    if fmt == "xlsx":
        return to_xlsx_bytes({kind: frame})
    return county_metrics_geojson(frame)


def export_bytes(engine: Engine | None = None, *, kind: str, fmt: str, audience: Audience,
                 county_codes: tuple[str, ...] = (), start: dt.date | None = None,
                 end: dt.date | None = None, scope: Scope | None = None) -> bytes:
    """The export file's bytes for ``kind`` in ``fmt`` for ``audience`` (see
    :func:`export_frame` and :func:`frame_bytes`)."""
    frame = export_frame(engine, kind=kind, audience=audience, county_codes=county_codes,
                         start=start, end=end, scope=scope)
    return frame_bytes(frame, kind=kind, fmt=fmt)


def format_for(path: str) -> str | None:
    """The format a file name asks for (by extension), or None."""
    ext = Path(path).suffix.lower()
    return {".csv": "csv", ".xlsx": "xlsx", ".geojson": "geojson", ".json": "geojson"}.get(ext)


def run_export_cli(engine: Engine, *, kind: str, output: str) -> int:
    """``python -m data_access export``: write the file; exit 0, or 2 with a message (a
    wrong file name or folder), or 1 when the file cannot be written (disk full, no
    permission). Database faults propagate as
    :class:`~data_access.engine.DatabaseFault` (the command line prints them).

    The command line is an operator's tool on the server: files for the internal audience.
    """
    from data_access.plain_text import for_terminal

    shown = for_terminal(output)
    fmt = format_for(output)
    if fmt is None or (fmt == "geojson" and kind != "county-metrics"):
        allowed = ".csv, .xlsx or .geojson" if kind == "county-metrics" else ".csv or .xlsx"
        print(f"error: {shown}: the file name must end in {allowed}", file=sys.stderr)
        return 2
    if not Path(output).parent.is_dir():
        print(f"error: {shown}: no such folder", file=sys.stderr)
        return 2
    frame = export_frame(engine, kind=kind, audience=Audience.INTERNAL)
    try:
        Path(output).write_bytes(frame_bytes(frame, kind=kind, fmt=fmt))
    except OSError as exc:
        print(f"error: cannot write {shown}: {for_terminal(exc.strerror or exc)}",
              file=sys.stderr)
        return 1
    print(f"Wrote {len(frame)} rows of {kind} to {shown}")
    return 0
