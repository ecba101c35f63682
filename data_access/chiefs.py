"""Chiefs' monthly reports: reporting compliance, sentiment and what chiefs report on.

Compliance (``metrics.DEFINITIONS["compliance"]``) is counted per month and summed over
the months of a period: a location is *expected* to report in month *m* when its window
``chief_locations.expected_from`` … ``expected_to`` (``expected_to`` empty = still
reporting) overlaps *m*; a report *counts towards compliance* when it was filed for a
month its location was expected in. So over a period

    compliance = Σ_m reports received from expected locations in m ÷ Σ_m locations expected in m

(a share, 0–1), where the months are those that hold chiefs' data: a month for which no
report has been received anywhere in Kenya (not yet imported) is no data, left out of
both sums, never 0 % (``metrics.DEFINITIONS["chief_months"]``). ``reports`` is every
report received in the period (a report for a month outside its location's window still
carries a sentiment score, so it counts towards the sentiment figures but not towards
compliance). The sentiment score is ordinal (1–5): it is given as the median with the
share of low scores (1–2) and n, never as a mean.

One function owns each figure: :func:`chiefs_compliance` and :func:`chiefs_sentiment`
per area and month, :func:`chiefs_period_summary` per area over a period (the county
profile, the Hotspots map, the Compare page and its ranking); :func:`chiefs_by_county`
and :func:`chiefs_monthly` are those figures keyed as the county profile and Hotspots
read them.

Every function takes the audience (required). Figures are sums of *cells*, the finest
counts a screen shows:

- reports per county × month (:func:`chief_month_cells`): the monthly series, the
  county totals, compliance and sentiment;
- reports per county × month × top theme (:func:`chief_theme_cells`): the top themes
  and each month's top theme (internal screens only).

Public audience: cells of 1–4 reports are hidden (``privacy.protect_cells``: they count
as 2.5 and read "<5"); a total holding hidden cells reads "≈ n" or a range. Compliance
and sentiment are computed over the county-months whose report count is shown (0 or 5
and more), so they never depend on a hidden cell. What chiefs report on (their top
themes, the shares, a month's top theme) is not shown in public (docs/METHODS.md,
"Public audience": concerns are public by region only): :func:`chiefs_top_themes` raises
:class:`~data_access.privacy.NotForPublic` and the monthly series names no theme. No
notes are returned; locations only by :func:`chiefs_not_reporting` (internal only).

The Chiefs' reports page (``views/chiefs.py``) reads the score as what it is, an ordinal
rank: :func:`chiefs_sentiment` gives per county, region or area and month the median,
the share of low scores (1–2) and the distribution, with the reports behind each, over
the cells of :func:`chief_score_cells` (county × month × score). :func:`chiefs_compliance`
gives compliance per area and month, where a month for which no report has been received
anywhere is no data (:func:`chief_months_with_data`), never 0 %.
:func:`chiefs_not_reporting` lists the locations to follow up and
:func:`chief_forum_themes` sets chiefs' themes beside forums' (both internal only).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.figures.calendar import month_range
from data_access.figures.crime import counties_frame
from data_access.figures.scope import Audience
from data_access.privacy import NotForPublic, audience_counts, is_public, is_small, protect_cells

# Sums over a county × month cell (true counts; see chief_month_cells).
_MONTH_SUMS = ["expected", "reports", "on_schedule", "sentiment_sum", "barazas_held",
               "attendance", "incidents_noted"]


def month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of every month from ``start``'s month to ``end``'s month, inclusive."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return month_range(start, end)


def _month_end(m: pd.Series) -> pd.Series:
    return m + pd.offsets.MonthEnd(0)


def _expected_windows(conn: Connection, county_codes: tuple[str, ...]) -> pd.DataFrame:
    """Locations grouped by county and reporting window: ``county_code, expected_from,
    expected_to, locations`` (a few rows per county, never one per location)."""
    loc = s.chief_locations
    stmt = (sa.select(loc.c.county_code, loc.c.expected_from, loc.c.expected_to,
                      sa.func.count().label("locations"))
            .group_by(loc.c.county_code, loc.c.expected_from, loc.c.expected_to))
    if county_codes:
        stmt = stmt.where(loc.c.county_code.in_(list(county_codes)))
    out = read_df(conn, stmt)
    out["expected_from"] = pd.to_datetime(out["expected_from"])
    out["expected_to"] = pd.to_datetime(out["expected_to"])
    return out


def _in_window(month: pd.Series, frm: pd.Series, to: pd.Series) -> pd.Series:
    """True where the month overlaps the window [frm, to] (``to`` missing = open-ended)."""
    return (frm <= _month_end(month)) & (to.isna() | (to >= month))


def _expected_by_month(conn: Connection, months: list[dt.date],
                       county_codes: tuple[str, ...]) -> pd.DataFrame:
    """``county_code, month, expected``: locations expected to report, per county and month."""
    windows = _expected_windows(conn, county_codes)
    grid = windows.merge(pd.DataFrame({"month": pd.to_datetime(months)}), how="cross")
    grid = grid[_in_window(grid["month"], grid["expected_from"], grid["expected_to"])]
    return (grid.groupby(["county_code", "month"], as_index=False)["locations"].sum()
            .rename(columns={"locations": "expected"}))


def _reports_by_month(conn: Connection, months: list[dt.date],
                      county_codes: tuple[str, ...]) -> pd.DataFrame:
    """Reports per county and month, split by whether the location was expected then.

    Columns: ``county_code, month, reports, on_schedule, sentiment_sum, barazas_held,
    attendance, incidents_noted``. Grouped in SQL by the location's window too (a handful
    of distinct windows), so no per-location rows travel.
    """
    r, loc = s.chief_reports, s.chief_locations
    stmt = (
        sa.select(loc.c.county_code, r.c.month, loc.c.expected_from, loc.c.expected_to,
                  sa.func.count().label("reports"),
                  sa.func.sum(r.c.sentiment).label("sentiment_sum"),
                  sa.func.sum(r.c.barazas_held).label("barazas_held"),
                  sa.func.sum(r.c.attendance).label("attendance"),
                  sa.func.sum(r.c.incidents_noted).label("incidents_noted"))
        .select_from(r.join(loc, r.c.location_id == loc.c.id))
        .where(r.c.month.between(months[0], months[-1]))
        .group_by(loc.c.county_code, r.c.month, loc.c.expected_from, loc.c.expected_to)
    )
    if county_codes:
        stmt = stmt.where(loc.c.county_code.in_(list(county_codes)))
    raw = read_df(conn, stmt)
    cols = ["county_code", "month", "reports", "on_schedule", "sentiment_sum", "barazas_held",
            "attendance", "incidents_noted"]
    if raw.empty:
        return pd.DataFrame(columns=cols)
    for col in ("month", "expected_from", "expected_to"):
        raw[col] = pd.to_datetime(raw[col])
    raw["month"] = raw["month"].dt.to_period("M").dt.to_timestamp()
    expected = _in_window(raw["month"], raw["expected_from"], raw["expected_to"])
    raw["on_schedule"] = raw["reports"].where(expected, 0)
    return raw.groupby(["county_code", "month"], as_index=False)[cols[2:]].sum()


@cached_query
def chief_month_cells(conn: Connection, *, start: dt.date, end: dt.date,
                      county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """The county × month cells of chiefs' reporting over the months of [start, end]:
    ``county_code, month, expected, reports, on_schedule, sentiment_sum, barazas_held,
    attendance, incidents_noted`` (true counts; one row per county-month with a location
    expected or a report). Never shown as they are: see :func:`_month_cells`."""
    county_codes = tuple(county_codes)
    months = month_starts(start, end)
    keys = ["county_code", "month"]
    parts = [_expected_by_month(conn, months, county_codes),
             _reports_by_month(conn, months, county_codes)]
    for part in parts:  # an empty part has untyped columns
        part["county_code"] = part["county_code"].astype(object)
        part["month"] = pd.to_datetime(part["month"]).astype("datetime64[ns]")
    out = parts[0].merge(parts[1], on=keys, how="outer")
    out = out.reindex(columns=[*keys, *_MONTH_SUMS])
    out["county_code"] = out["county_code"].astype(object)
    out["month"] = pd.to_datetime(out["month"])
    for col in _MONTH_SUMS:
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    return out.sort_values(keys).reset_index(drop=True)


def _month_cells(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...],
                 audience: Audience, engine) -> pd.DataFrame:
    """:func:`chief_month_cells` for ``audience``: public cells of 1–4 reports (or
    incidents noted) protected, with ``reports_hidden`` and ``incidents_noted_hidden``;
    ``expected_rated`` and ``on_schedule_rated`` hold what compliance may use — every
    cell internally, the cells whose report count is shown (0 or ≥ 5) in public."""
    cells = chief_month_cells(engine=engine, start=start, end=end,
                              county_codes=tuple(county_codes))
    cells = protect_cells(cells, ["reports", "incidents_noted"],
                          applies=is_public(audience))
    shown = cells["reports_hidden"].eq(0)
    for col in ("expected", "on_schedule"):
        cells[f"{col}_rated"] = cells[col].where(shown, 0)
    return cells


_CELL_SUMS = ["reports", "reports_hidden", "expected", "expected_rated",
              "on_schedule_rated", "barazas_held", "attendance", "incidents_noted",
              "incidents_noted_hidden"]


def _finish(out: pd.DataFrame, *, audience: Audience) -> pd.DataFrame:
    """Derive compliance from summed cells, then the counts as the audience sees them.
    (The sentiment score is ordinal: its median comes from :func:`_sentiment_figures`.)"""
    public = is_public(audience)
    for col in _CELL_SUMS:
        out[col] = pd.to_numeric(out[col]).fillna(0)
    for col in ("expected", "reports_hidden", "incidents_noted_hidden"):
        out[col] = out[col].astype("int64")
    if not public:
        out["reports"] = out["reports"].astype("int64")
    out["on_schedule"] = out["on_schedule_rated"].astype("int64")
    rated_expected = out["expected_rated"].where(out["expected_rated"] > 0)
    out["compliance"] = out["on_schedule"] / rated_expected
    out = out.drop(columns=["expected_rated", "on_schedule_rated"])
    return audience_counts(out.reset_index(drop=True), ["reports"], public=public,
                           dependents={"reports": ["compliance", "on_schedule"]})


def chiefs_by_county(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                     audience: Audience, engine=None) -> pd.DataFrame:
    """Chiefs' reporting per county over the months of [start, end], for ``audience``:
    :func:`chiefs_period_summary` per county (``by="county"``), keyed by county.

    One row for every county in scope (all 47 when ``county_codes`` is empty), columns:
    ``county_code, county, region_code, reports, reports_display, reports_hidden,
    expected, on_schedule, compliance, compliance_status, rated, median, low_share,
    sentiment_status`` (see :func:`chiefs_period_summary`: compliance over the months
    that hold chiefs' data, the same cells and rule as :func:`chiefs_compliance`; the
    score's median and low-score share as :func:`chiefs_sentiment`, never a mean).
    """
    out = chiefs_period_summary(start=start, end=end, county_codes=county_codes, by="county",
                                audience=audience, engine=engine)
    out = out.rename(columns={"area_code": "county_code", "area": "county"})
    return out[["county_code", "county", "region_code", *_SUMMARY_FIGURES]]


def chiefs_monthly(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                   audience: Audience, engine=None) -> pd.DataFrame:
    """Monthly series for one area (a county, a region's counties, or Kenya when empty),
    for ``audience``.

    One row per month of [start, end], columns: ``month`` (Timestamp, first day),
    ``reports, expected, on_schedule, compliance, compliance_status`` (those of
    :func:`chiefs_compliance`, ``by="area"``: a month for which no report has been
    received anywhere in Kenya is no data, never 0 %), ``rated, median, low_share,
    sentiment_status`` (those of :func:`chiefs_sentiment`, ``by="area"``), ``barazas_held,
    attendance, incidents_noted, top_theme_code, top_theme, top_theme_sw,
    reports_display, reports_hidden, incidents_noted_display``. ``top_theme`` is the
    concern theme chiefs named most often as their location's top concern that month
    (ties: the theme listed first in the controlled list).

    Public: a month's counts are sums of protected county-months; where one of them is
    hidden, barazas, attendance and incidents noted are NaN; compliance and the median
    are over the county-months shown; no top theme is named (chiefs' themes are not
    shown in public).
    """
    public = is_public(audience)
    county_codes = tuple(county_codes)
    months = month_starts(start, end)
    cells = _month_cells(start=start, end=end, county_codes=county_codes, audience=audience,
                         engine=engine)
    sums = cells.groupby("month", as_index=False)[_CELL_SUMS].sum()
    out = pd.DataFrame({"month": pd.to_datetime(months)}).merge(sums, on="month", how="left")
    top = _top_theme_by_month(start=start, end=end, county_codes=county_codes,
                              audience=audience, engine=engine)
    out = out.merge(top, on="month", how="left")
    out = _finish(out, audience=audience).drop(columns=["compliance", "on_schedule"])
    comp = chiefs_compliance(start=start, end=end, county_codes=county_codes, by="area",
                             audience=audience, engine=engine)
    sent = chiefs_sentiment(start=start, end=end, county_codes=county_codes, by="area",
                            audience=audience, engine=engine)
    out["month"] = out["month"].astype("datetime64[ns]")
    out = out.merge(comp[["month", "on_schedule", "compliance", "status"]].rename(
        columns={"status": "compliance_status"}), on="month", how="left")
    out = out.merge(sent[["month", "rated", "median", "low_share", "status"]].rename(
        columns={"status": "sentiment_status"}), on="month", how="left")
    out = audience_counts(out, ["incidents_noted"], public=public)
    if public:
        hidden = out["reports_hidden"].gt(0)
        for col in ("barazas_held", "attendance", "incidents_noted"):
            out[col] = out[col].astype("float64").where(~hidden, np.nan)
        out["incidents_noted_display"] = out["incidents_noted_display"].where(~hidden, "")
    else:
        for col in ("barazas_held", "attendance", "incidents_noted"):
            out[col] = out[col].astype("int64")
    return out[["month", "reports", "expected", "on_schedule", "compliance",
                "compliance_status", "rated", "median", "low_share", "sentiment_status",
                "barazas_held", "attendance", "incidents_noted", "top_theme_code",
                "top_theme", "top_theme_sw", "reports_display", "reports_hidden",
                "incidents_noted_display"]]


@cached_query
def chief_theme_cells(conn: Connection, *, start: dt.date, end: dt.date,
                      county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Reports naming each top theme, per county × month × theme over the months of
    [start, end]: ``county_code, month, theme_code, reports`` (true counts; reports
    without a theme are left out). The cells of :func:`chiefs_top_themes`."""
    r, loc = s.chief_reports, s.chief_locations
    months = month_starts(start, end)
    stmt = (sa.select(loc.c.county_code, r.c.month, r.c.top_theme_code.label("theme_code"),
                      sa.func.count().label("reports"))
            .select_from(r.join(loc, r.c.location_id == loc.c.id))
            .where(r.c.month.between(months[0], months[-1]), r.c.top_theme_code.is_not(None))
            .group_by(loc.c.county_code, r.c.month, r.c.top_theme_code))
    if county_codes:
        stmt = stmt.where(loc.c.county_code.in_(list(county_codes)))
    out = read_df(conn, stmt).reindex(columns=["county_code", "month", "theme_code",
                                               "reports"])
    out["month"] = pd.to_datetime(out["month"]).dt.to_period("M").dt.to_timestamp()
    out["reports"] = pd.to_numeric(out["reports"]).fillna(0).astype("int64")
    for col in ("county_code", "theme_code"):
        out[col] = out[col].astype(object)
    return (out.groupby(["county_code", "month", "theme_code"], as_index=False)["reports"]
            .sum().sort_values(["county_code", "month", "theme_code"]).reset_index(drop=True))


def _theme_cells(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...],
                 audience: Audience, engine) -> pd.DataFrame:
    """:func:`chief_theme_cells` (true counts): internal screens only."""
    if is_public(audience):
        raise NotForPublic("chiefs' top themes are not shown on public screens: concerns "
                           "are public by region only")
    return chief_theme_cells(engine=engine, start=start, end=end,
                             county_codes=tuple(county_codes))


_THEME_ORDER = {t.code: i for i, t in enumerate(reference.THEMES)}


def _label_themes(df: pd.DataFrame, code_col: str, prefix: str) -> pd.DataFrame:
    def label(code, sw):
        theme = reference.THEME_BY_CODE.get(code)
        if theme is None:
            return code
        return theme.label_sw if sw else theme.label

    df[prefix] = [label(c, False) for c in df[code_col]]
    df[f"{prefix}_sw"] = [label(c, True) for c in df[code_col]]
    return df


def _top_theme_by_month(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...],
                        audience: Audience, engine) -> pd.DataFrame:
    """The most named theme per month (ties: the theme listed first); none in public."""
    cols = ["month", "top_theme_code", "top_theme", "top_theme_sw"]
    if is_public(audience):
        return pd.DataFrame(columns=cols)
    cells = _theme_cells(start=start, end=end, county_codes=county_codes, audience=audience,
                         engine=engine)
    if cells.empty:
        return pd.DataFrame(columns=cols)
    counts = cells.groupby(["month", "theme_code"], as_index=False)["reports"].sum()
    counts["order"] = counts["theme_code"].map(_THEME_ORDER).fillna(len(_THEME_ORDER))
    top = (counts.sort_values(["month", "reports", "order"], ascending=[True, False, True])
           .groupby("month").head(1).rename(columns={"theme_code": "top_theme_code"}))
    return _label_themes(top.reset_index(drop=True), "top_theme_code", "top_theme")[cols]


def chiefs_top_themes(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                      audience: Audience, engine=None) -> pd.DataFrame:
    """How often chiefs named each theme as their location's top concern in [start, end]:
    internal screens only (the public audience raises
    :class:`~data_access.privacy.NotForPublic`: concerns are public by region only).

    Columns: ``theme_code, theme, theme_sw, reports, share, reports_display,
    reports_hidden`` (``reports_hidden`` 0), most named first; ``share`` is of all reports
    naming a theme. True counts; sensitive themes (GBV, violent extremism) hide counts of
    1–4 (and their share).
    """
    cols = ["theme_code", "theme", "theme_sw", "reports", "share", "reports_display",
            "reports_hidden"]
    cells = _theme_cells(start=start, end=end, county_codes=tuple(county_codes),
                         audience=audience, engine=engine)
    if cells.empty:
        return pd.DataFrame(columns=cols)
    counts = cells.groupby("theme_code", as_index=False)["reports"].sum()
    counts = _label_themes(counts, "theme_code", "theme")
    counts["reports"] = counts["reports"].astype("int64")
    counts["reports_hidden"] = 0
    counts["share"] = counts["reports"] / counts["reports"].sum()
    counts["order"] = counts["theme_code"].map(_THEME_ORDER).fillna(len(_THEME_ORDER))
    counts = counts.sort_values(["reports", "order"], ascending=[False, True])
    sensitive = counts["theme_code"].map(
        lambda c: bool(getattr(reference.THEME_BY_CODE.get(c), "sensitive", False)))
    counts = counts.reset_index(drop=True)
    out = audience_counts(counts, ["reports"], public=False,
                          sensitive=sensitive.reset_index(drop=True),
                          dependents={"reports": ["share"]})
    return out[cols]


# --- the Chiefs' reports page: sentiment as an ordinal score, compliance per month, ------
# --- the locations that did not report, and chiefs' themes beside forums' ----------------

SCORES = (1, 2, 3, 4, 5)
LOW_SCORES = (1, 2)
"""Scores counted as low in the low-score share (1 = very negative, 2 = negative)."""
AREA_BY = ("county", "region", "area")
"""How the page's grids are keyed: per county, per region, or one row per month for the
whole area in scope."""
_AREA_COLUMNS = ["area_code", "area", "area_sw", "region_code"]


@cached_query
def chief_score_cells(conn: Connection, *, start: dt.date, end: dt.date,
                      county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Reports per county × month × sentiment score over the months of [start, end]:
    ``county_code, month, sentiment, reports`` (true counts; only combinations with a
    report). The cells of :func:`chiefs_sentiment`; never shown as they are."""
    r, loc = s.chief_reports, s.chief_locations
    months = month_starts(start, end)
    stmt = (sa.select(loc.c.county_code, r.c.month, r.c.sentiment,
                      sa.func.count().label("reports"))
            .select_from(r.join(loc, r.c.location_id == loc.c.id))
            .where(r.c.month.between(months[0], months[-1]))
            .group_by(loc.c.county_code, r.c.month, r.c.sentiment))
    if county_codes:
        stmt = stmt.where(loc.c.county_code.in_(list(county_codes)))
    out = read_df(conn, stmt).reindex(columns=["county_code", "month", "sentiment", "reports"])
    out["month"] = pd.to_datetime(out["month"]).dt.to_period("M").dt.to_timestamp()
    out["month"] = out["month"].astype("datetime64[ns]")
    out["county_code"] = out["county_code"].astype(object)
    for col in ("sentiment", "reports"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    return (out.groupby(["county_code", "month", "sentiment"], as_index=False)["reports"]
            .sum().sort_values(["county_code", "month", "sentiment"]).reset_index(drop=True))


@cached_query
def chief_report_months(conn: Connection, *, start: dt.date, end: dt.date) -> pd.DataFrame:
    """``month, reports``: the months of [start, end] for which any chief's report has
    been received anywhere in Kenya (a month without one holds no chiefs' data yet)."""
    r = s.chief_reports
    months = month_starts(start, end)
    stmt = (sa.select(r.c.month, sa.func.count().label("reports"))
            .where(r.c.month.between(months[0], months[-1]))
            .group_by(r.c.month))
    out = read_df(conn, stmt).reindex(columns=["month", "reports"])
    out["month"] = pd.to_datetime(out["month"]).dt.to_period("M").dt.to_timestamp()
    out["reports"] = pd.to_numeric(out["reports"]).fillna(0).astype("int64")
    return out.groupby("month", as_index=False)["reports"].sum()


def _last_day(month: dt.date) -> dt.date:
    return (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()


def _check_by(by: str) -> None:
    if by not in AREA_BY:
        raise ValueError(f"by must be one of {', '.join(AREA_BY)}, not {by!r}")


def _areas(by: str, county_codes: tuple[str, ...]) -> pd.DataFrame:
    """The rows of a grid before counting: ``area_code, area, area_sw, region_code`` for
    every county in scope (all 47 when none), every region holding one, or the area."""
    counties = counties_frame()[["county_code", "county", "region_code"]]
    if county_codes:
        counties = counties[counties["county_code"].isin(county_codes)]
    if by == "county":
        return pd.DataFrame({"area_code": counties["county_code"], "area": counties["county"],
                             "area_sw": counties["county"],
                             "region_code": counties["region_code"]}).reset_index(drop=True)
    if by == "region":
        held = set(counties["region_code"])
        return pd.DataFrame(
            [(r.code, r.name, r.name_sw, r.code) for r in reference.REGIONS if r.code in held],
            columns=_AREA_COLUMNS)
    if not county_codes:
        name = ("Kenya", "Kenya")
    elif len(county_codes) == 1:
        name = (counties["county"].iloc[0],) * 2
    else:
        region = next((r for r in reference.REGIONS
                       if set(counties["region_code"]) == {r.code}), None)
        name = (region.name, region.name_sw) if region else ("Selected counties",
                                                             "Kaunti zilizochaguliwa")
    return pd.DataFrame([("all", *name, None)], columns=_AREA_COLUMNS)


def _area_key(cells: pd.DataFrame, by: str) -> pd.Series:
    """The grid key of each county cell: its county, its region or "all"."""
    if by == "county":
        return cells["county_code"].astype(object)
    if by == "region":
        regions = dict(zip(counties_frame()["county_code"], counties_frame()["region_code"],
                           strict=True))
        return cells["county_code"].map(regions).astype(object)
    return pd.Series("all", index=cells.index, dtype=object)


def _grid(areas: pd.DataFrame, months: list[dt.date]) -> pd.DataFrame:
    return areas.merge(pd.DataFrame({"month": pd.to_datetime(months).astype("datetime64[ns]")}),
                       how="cross")


def _lower_median(counts: pd.DataFrame) -> pd.Series:
    """The median score of each row of per-score counts (columns ``n_1`` … ``n_5``): the
    lowest score whose cumulative count reaches half the reports (with an even number of
    reports, the lower of the two middle scores); NaN without reports."""
    values = counts[[f"n_{k}" for k in SCORES]].to_numpy(dtype="float64")
    total = values.sum(axis=1)
    cum = values.cumsum(axis=1)
    reached = cum >= (total / 2)[:, None]
    first = np.where(reached.any(axis=1), reached.argmax(axis=1), -1)
    median = np.array(SCORES, dtype="float64")[first]
    return pd.Series(np.where(total > 0, median, np.nan), index=counts.index)


def chiefs_sentiment(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                     by: str = "county", audience: Audience, engine=None) -> pd.DataFrame:
    """The sentiment score (ordinal, 1–5) per area and month, as a distribution, for
    ``audience`` (``metrics.DEFINITIONS["sentiment_median"]``).

    ``by``: ``"county"`` (every county in scope, all 47 when none), ``"region"`` (every
    region holding a county in scope) or ``"area"`` (one row per month for the whole
    area in scope, ``area_code`` "all"). One row per area × month of [start, end] — a
    month without reports is a row with no figures (a gap), never 0. Columns:

    - ``area_code, area, area_sw, region_code, month``;
    - ``reports, reports_display, reports_hidden``: reports received, as the audience
      sees them (public: sums of protected county-months, "<5", "≈ n" or a range);
    - ``rated``: the reports the figures below are over (internal: every report; public:
      those of county-months whose report count is shown, 0 or ≥ 5), always exact;
    - ``median``: the median score (the lower middle score for an even count; NaN
      without rated reports); ``low_share``: share of scores 1–2 (0–1);
    - ``n_1`` … ``n_5`` and ``share_1`` … ``share_5``: the distribution (internal only:
      NaN in public, where only the median and the low-score share are given);
    - ``status``: ``"reports"`` (figures given), ``"no_reports"`` (none received for the
      area that month), ``"hidden"`` (public: every report of the area-month is in a
      county-month of 1–4 reports).
    """
    public = is_public(audience)
    _check_by(by)
    county_codes = tuple(county_codes)
    months = month_starts(start, end)
    out = _sentiment_figures(start=start, end=end, county_codes=county_codes, by=by,
                             keys=["area_code", "month"],
                             grid=_grid(_areas(by, county_codes), months),
                             audience=audience, engine=engine)
    n_cols = [f"n_{k}" for k in SCORES]
    if public:
        for col in [*n_cols, *(f"share_{k}" for k in SCORES)]:
            out[col] = np.nan
    else:
        for col in ["reports", *n_cols]:
            out[col] = out[col].astype("int64")
    out = audience_counts(out, ["reports"], public=public)
    return out[[*_AREA_COLUMNS, "month", "reports", "reports_display", "reports_hidden",
                "rated", "median", "low_share", *n_cols,
                *(f"share_{k}" for k in SCORES), "status"]]


def _sentiment_figures(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...],
                       by: str, keys: list[str], grid: pd.DataFrame, audience: Audience,
                       engine) -> pd.DataFrame:
    """The score's distribution, median and low-score share over the county × month ×
    score cells, summed per ``keys`` (``["area_code", "month"]`` for the monthly grid,
    ``["area_code"]`` for a period) onto ``grid``: the one computation behind
    :func:`chiefs_sentiment` and :func:`chiefs_period_summary`. Public: only the
    county-months whose report count is shown carry a score, and the low-score share is
    not given where the low scores (or the others) number 1–4. Counts not yet shaped
    for the audience (the callers do that)."""
    public = is_public(audience)
    cells = _month_cells(start=start, end=end, county_codes=county_codes, audience=audience,
                         engine=engine)
    scores = chief_score_cells(engine=engine, start=start, end=end, county_codes=county_codes)
    if public:  # only county-months whose report count is shown carry a score
        shown = cells.loc[cells["reports_hidden"].eq(0), ["county_code", "month"]]
        scores = scores.merge(shown, on=["county_code", "month"], how="inner")
    cells = cells.assign(area_code=_area_key(cells, by))
    counts = (cells.groupby(keys, as_index=False)[["reports", "reports_hidden"]].sum())
    scores = scores.assign(area_code=_area_key(scores, by))
    dist = (scores.pivot_table(index=keys, columns="sentiment", values="reports",
                               aggfunc="sum", fill_value=0)
            .reindex(columns=list(SCORES), fill_value=0))
    dist.columns = [f"n_{k}" for k in SCORES]
    dist = dist.reset_index()
    out = grid.merge(counts, on=keys, how="left").merge(dist, on=keys, how="left")
    n_cols = [f"n_{k}" for k in SCORES]
    for col in ["reports", "reports_hidden", *n_cols]:
        out[col] = pd.to_numeric(out[col]).fillna(0)
    out["reports_hidden"] = out["reports_hidden"].astype("int64")
    out["rated"] = out[n_cols].sum(axis=1).astype("int64")
    rated = out["rated"].where(out["rated"] > 0).astype("float64")
    for k in SCORES:
        out[f"share_{k}"] = out[f"n_{k}"] / rated
    out["low_share"] = out[[f"n_{k}" for k in LOW_SCORES]].sum(axis=1) / rated
    out["median"] = _lower_median(out)
    out["status"] = pd.Series(np.where(out["rated"] > 0, "reports",
                                       np.where(out["reports"] > 0, "hidden", "no_reports")),
                              index=out.index, dtype=object)
    if public:
        # The low-score share times the shown "rated" gives a count: no share where that
        # count (or the rest) would be a small count of 1-4, which public screens never show.
        low = out[[f"n_{k}" for k in LOW_SCORES]].sum(axis=1)
        small = low.map(is_small) | (out["rated"] - low).map(is_small)
        out.loc[small, "low_share"] = np.nan
    return out


def chiefs_compliance(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                      by: str = "county", audience: Audience, engine=None) -> pd.DataFrame:
    """Reporting compliance per area and month (``metrics.DEFINITIONS["compliance"]`` and
    ``["chief_months"]``), for ``audience``.

    ``by`` as in :func:`chiefs_sentiment`. One row per area × month of [start, end],
    columns: ``area_code, area, area_sw, region_code, month, expected`` (locations
    expected to report that month), ``reports, reports_display, reports_hidden``
    (received, as the audience sees them), ``on_schedule`` (received from expected
    locations), ``compliance`` (on_schedule ÷ expected, 0–1) and ``status``:

    - ``"reported"``: compliance given (0 when the month holds reports elsewhere but
      none from this area: every expected location failed to report);
    - ``"none_expected"``: no location was expected to report: no data;
    - ``"no_month_data"``: no report for that month has been received anywhere in Kenya
      (not yet imported): no data, never 0 %;
    - ``"hidden"`` (public): no compliance can be given — the area's county-months
      with reports all hold 1–4 (hidden), or its report count is known only as a range
      (``privacy.audience_counts`` drops what depends on it);
    - ``"partial"`` (public): compliance is over the area's county-months whose report
      count is shown; some are hidden.

    Public: report counts are sums of protected county-months; compliance is over the
    county-months whose report count is shown (0 or ≥ 5), as elsewhere.
    """
    public = is_public(audience)
    _check_by(by)
    county_codes = tuple(county_codes)
    months = month_starts(start, end)
    cells = _month_cells(start=start, end=end, county_codes=county_codes, audience=audience,
                         engine=engine)
    keys = ["area_code", "month"]
    cells = cells.assign(area_code=_area_key(cells, by))
    sums = cells.groupby(keys, as_index=False)[_CELL_SUMS].sum()
    out = _grid(_areas(by, county_codes), months).merge(sums, on=keys, how="left")
    out = _finish(out, audience=audience)
    month_has_data = out["month"].isin(_data_months(start=start, end=end, engine=engine))
    out["compliance"] = out["compliance"].where(month_has_data, np.nan)
    out["on_schedule"] = out["on_schedule"].astype("float64").where(month_has_data, np.nan)
    hidden = out["reports_hidden"].gt(0) if public else out["reports_hidden"].lt(0)
    out["status"] = np.select(
        [~month_has_data, out["expected"].eq(0), hidden & out["compliance"].isna(), hidden],
        ["no_month_data", "none_expected", "hidden", "partial"], default="reported")
    out["status"] = out["status"].astype(object)
    given = out["status"].isin(["reported", "partial"])
    out["compliance"] = out["compliance"].where(given, np.nan)
    out["on_schedule"] = out["on_schedule"].where(given, np.nan)
    return out[[*_AREA_COLUMNS, "month", "expected", "reports", "reports_display",
                "reports_hidden", "on_schedule", "compliance", "status"]]


def _data_months(*, start: dt.date, end: dt.date, engine) -> set[pd.Timestamp]:
    """The months of [start, end] that hold chiefs' data (a report for the month has been
    received anywhere in Kenya; ``metrics.DEFINITIONS["chief_months"]``), as Timestamps.
    Compliance is counted over these months only, per month and over a period."""
    with_data = chief_report_months(engine=engine, start=start, end=end)
    return set(pd.to_datetime(with_data.loc[with_data["reports"] > 0, "month"]))


_SUMMARY_FIGURES = ["reports", "reports_display", "reports_hidden", "expected", "on_schedule",
                    "compliance", "compliance_status", "rated", "median", "low_share",
                    "sentiment_status"]


def chiefs_period_summary(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                          by: str = "area", audience: Audience,
                          engine=None) -> pd.DataFrame:
    """Chiefs' reporting per area over the whole period [start, end], for ``audience``:
    the period figures of the county profile, the Hotspots map, the Compare page and its
    ranking, from the same cells and rules as :func:`chiefs_compliance` and
    :func:`chiefs_sentiment` (``metrics.DEFINITIONS["compliance"]``, ``["chief_months"]``
    and ``["sentiment_median"]``).

    ``by``: ``"area"`` (one row for the whole area in scope, ``area_code`` "all"; Kenya
    when ``county_codes`` is empty), ``"county"`` or ``"region"``. Columns:
    ``area_code, area, area_sw, region_code`` and

    - ``reports, reports_display, reports_hidden``: reports received in the period, as
      the audience sees them;
    - ``expected``: location-months expected **in the months that hold chiefs' data**;
      ``on_schedule``: reports received from expected locations; ``compliance`` =
      on_schedule ÷ expected (0–1). A month for which no report has been received
      anywhere in Kenya is left out of both (no data, never 0 %), so the figure is
      Σ on_schedule ÷ Σ expected over the months :func:`chiefs_compliance` gives;
    - ``compliance_status``: ``"reported"``, ``"no_month_data"`` (no month of the period
      holds chiefs' data), ``"none_expected"``, and in public ``"hidden"`` / ``"partial"``
      as in :func:`chiefs_compliance`;
    - ``rated, median, low_share, sentiment_status``: the score over every report of the
      period (internal) or of the county-months whose count is shown (public), as
      :func:`chiefs_sentiment` gives per month: the lower median, the share of scores
      1–2 and n (``rated``); no mean.
    """
    public = is_public(audience)
    _check_by(by)
    county_codes = tuple(county_codes)
    keys = ["area_code"]
    areas = _areas(by, county_codes)
    data_months = _data_months(start=start, end=end, engine=engine)
    cells = _month_cells(start=start, end=end, county_codes=county_codes, audience=audience,
                         engine=engine)
    with_data = cells["month"].isin(data_months)
    for col in ("expected", "expected_rated", "on_schedule_rated"):
        cells[col] = cells[col].where(with_data, 0)
    cells = cells.assign(area_code=_area_key(cells, by))
    sums = cells.groupby(keys, as_index=False)[_CELL_SUMS].sum()
    out = _finish(areas.merge(sums, on=keys, how="left"), audience=audience)
    hidden = out["reports_hidden"].gt(0) if public else out["reports_hidden"].lt(0)
    out["compliance_status"] = pd.Series(np.select(
        [pd.Series(not data_months, index=out.index), out["expected"].eq(0),
         hidden & out["compliance"].isna(), hidden],
        ["no_month_data", "none_expected", "hidden", "partial"], default="reported"),
        index=out.index, dtype=object)
    given = out["compliance_status"].isin(["reported", "partial"])
    out["compliance"] = out["compliance"].where(given, np.nan)
    out["on_schedule"] = out["on_schedule"].astype("float64").where(given, np.nan)
    sent = _sentiment_figures(start=start, end=end, county_codes=county_codes, by=by,
                              keys=keys, grid=areas, audience=audience, engine=engine)
    out = out.merge(sent[[*keys, "rated", "median", "low_share", "status"]].rename(
        columns={"status": "sentiment_status"}), on=keys, how="left")
    return out[[*_AREA_COLUMNS, *_SUMMARY_FIGURES]].reset_index(drop=True)


def chiefs_not_reporting(*, month: dt.date, county_codes: tuple[str, ...] = (),
                         audience: Audience, engine=None) -> pd.DataFrame:
    """The locations expected to report in ``month`` that have no report for it, for
    follow-up (``metrics.DEFINITIONS["not_reporting"]``). Internal screens only: a list
    of places raises :class:`~data_access.privacy.NotForPublic` for the public audience.

    Columns: ``county_code, county, region_code, region, region_sw, sub_county,
    location, expected_from, last_report`` (the month of the location's latest report
    before ``month``, NaT if none), ordered by county, sub-county and location.
    """
    if is_public(audience):
        raise NotForPublic("the list of locations that did not report is not shown on "
                           "public screens")
    first = dt.date(month.year, month.month, 1)
    out = _not_reporting(engine=engine, month=first, county_codes=tuple(county_codes))
    regions = {r.code: (r.name, r.name_sw) for r in reference.REGIONS}
    out["region"] = out["region_code"].map(lambda c: regions.get(c, ("", ""))[0]).astype(object)
    out["region_sw"] = out["region_code"].map(
        lambda c: regions.get(c, ("", ""))[1]).astype(object)
    return out[["county_code", "county", "region_code", "region", "region_sw", "sub_county",
                "location", "expected_from", "last_report"]]


@cached_query
def _not_reporting(conn: Connection, *, month: dt.date,
                   county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    loc, r = s.chief_locations, s.chief_reports
    last = _last_day(month)
    reported = (sa.select(r.c.id).where(r.c.location_id == loc.c.id,
                                         r.c.month.between(month, last)).exists())
    latest = (sa.select(sa.func.max(r.c.month)).where(r.c.location_id == loc.c.id,
                                                      r.c.month < month)
              .scalar_subquery())
    stmt = (sa.select(loc.c.county_code, loc.c.sub_county, loc.c.location,
                      loc.c.expected_from, latest.label("last_report"))
            .where(loc.c.expected_from <= last,
                   sa.or_(loc.c.expected_to.is_(None), loc.c.expected_to >= month),
                   ~reported))
    if county_codes:
        stmt = stmt.where(loc.c.county_code.in_(list(county_codes)))
    out = read_df(conn, stmt).reindex(columns=["county_code", "sub_county", "location",
                                               "expected_from", "last_report"])
    for col in ("expected_from", "last_report"):
        out[col] = pd.to_datetime(out[col])
    out["last_report"] = out["last_report"].dt.to_period("M").dt.to_timestamp()
    counties = counties_frame()[["county_code", "county", "region_code"]]
    out = out.astype({"county_code": object}).merge(counties, on="county_code", how="left")
    return out.sort_values(["county", "sub_county", "location"]).reset_index(drop=True)


def chief_forum_themes(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                       audience: Audience, engine=None) -> pd.DataFrame:
    """What chiefs name as their top concern beside what forums heard, by share, in the
    same area and period (``metrics.DEFINITIONS["chief_forum_themes"]``). Internal
    screens only (chiefs' themes and concerns by theme are not public: the public
    audience raises :class:`~data_access.privacy.NotForPublic`).

    One row per theme named by either source, columns: ``theme_code, theme, theme_sw,
    chief_reports`` (reports naming it as the location's top concern), ``chief_share``
    (of reports naming a theme), ``forum_concerns`` (concerns raised at forums held in
    the period), ``forum_share`` (of forum concerns), ``difference`` (chief_share −
    forum_share, in share points, −1…1), each count with its ``_display``. Sensitive
    themes hide counts of 1–4 with their shares and difference. Ordered by the size of
    the difference, largest first.
    """
    if is_public(audience):
        raise NotForPublic("chiefs' themes and concerns by theme are not shown on public "
                           "screens: concerns are public by region only")
    from data_access.concerns import concern_counts  # concerns imports nothing of chiefs

    county_codes = tuple(county_codes)
    cols = ["theme_code", "theme", "theme_sw", "chief_reports", "chief_share",
            "forum_concerns", "forum_share", "difference", "chief_reports_display",
            "forum_concerns_display"]
    chief = _theme_cells(start=start, end=end, county_codes=county_codes,
                         audience=audience, engine=engine)
    chief = chief.groupby("theme_code", as_index=False)["reports"].sum().rename(
        columns={"reports": "chief_reports"})
    forum = concern_counts(engine=engine, start=start, end=end, county_codes=county_codes)
    forum = forum.groupby("theme_code", as_index=False)["forum_concerns"].sum()
    out = chief.merge(forum, on="theme_code", how="outer")
    for col in ("chief_reports", "forum_concerns"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    out = out[(out["chief_reports"] > 0) | (out["forum_concerns"] > 0)]
    if out.empty:
        return pd.DataFrame(columns=cols)
    out = _label_themes(out.reset_index(drop=True), "theme_code", "theme")
    for count, share in (("chief_reports", "chief_share"), ("forum_concerns", "forum_share")):
        total = out[count].sum()
        out[share] = out[count] / total if total else np.nan
    out["difference"] = out["chief_share"] - out["forum_share"]
    sensitive = out["theme_code"].map(
        lambda c: bool(getattr(reference.THEME_BY_CODE.get(c), "sensitive", False)))
    out = audience_counts(out, ["chief_reports", "forum_concerns"], public=False,
                          sensitive=sensitive,
                          dependents={"chief_reports": ["chief_share", "difference"],
                                      "forum_concerns": ["forum_share", "difference"]})
    out["order"] = out["theme_code"].map(_THEME_ORDER).fillna(len(_THEME_ORDER))
    out["size"] = out["difference"].abs().fillna(-1)
    out = out.sort_values(["size", "order"], ascending=[False, True])
    return out[cols].reset_index(drop=True)


def chief_months_with_data(*, start: dt.date, end: dt.date, audience: Audience,
                           engine=None) -> list[dt.date]:
    """The months of [start, end] (first days, oldest first) for which any chief's report
    has been received anywhere in Kenya (``metrics.DEFINITIONS["chief_months"]``). Months
    only, no counts: the same for every audience (``audience`` is still required)."""
    is_public(audience)
    months = chief_report_months(engine=engine, start=start, end=end)
    return [m.date() for m in sorted(months.loc[months["reports"] > 0, "month"])]
