"""Chiefs' monthly reports: reporting compliance, sentiment and what chiefs report on.

Compliance (``metrics.DEFINITIONS["compliance"]``) is counted per month and summed over
the months of a period: a location is *expected* to report in month *m* when its window
``chief_locations.expected_from`` … ``expected_to`` (``expected_to`` empty = still
reporting) overlaps *m*; a report *counts towards compliance* when it was filed for a
month its location was expected in. So over a period

    compliance = Σ_m reports received from expected locations in m ÷ Σ_m locations expected in m

(a share, 0–1). ``reports`` is every report received in the period (a report for a month
outside its location's window still carries a sentiment score, so it counts towards the
sentiment mean but not towards compliance). The sentiment index is the plain mean of the
monthly 1–5 scores of the reports received.

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
notes, locations or names are returned.
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
from data_access.privacy import NotForPublic, audience_counts, is_public, protect_cells

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
    ``*_rated`` columns hold what compliance and sentiment may use — every cell
    internally, the cells whose report count is shown (0 or ≥ 5) in public."""
    cells = chief_month_cells(engine=engine, start=start, end=end,
                              county_codes=tuple(county_codes))
    cells = protect_cells(cells, ["reports", "incidents_noted"],
                          applies=is_public(audience))
    shown = cells["reports_hidden"].eq(0)
    for col in ("expected", "reports", "on_schedule", "sentiment_sum"):
        cells[f"{col}_rated"] = cells[col].where(shown, 0)
    return cells


_CELL_SUMS = ["reports", "reports_hidden", "expected", "expected_rated", "reports_rated",
              "on_schedule_rated", "sentiment_sum_rated", "barazas_held", "attendance",
              "incidents_noted", "incidents_noted_hidden"]


def _finish(out: pd.DataFrame, *, audience: Audience) -> pd.DataFrame:
    """Derive compliance and sentiment from summed cells, then the counts as the
    audience sees them."""
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
    out["sentiment_mean"] = (out["sentiment_sum_rated"].astype("float64")
                             / out["reports_rated"].where(out["reports_rated"] > 0))
    out = out.drop(columns=["expected_rated", "reports_rated", "on_schedule_rated",
                            "sentiment_sum_rated"])
    return audience_counts(out.reset_index(drop=True), ["reports"], public=public,
                           dependents={"reports": ["compliance", "sentiment_mean",
                                                   "on_schedule"]})


def chiefs_by_county(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                     audience: Audience, engine=None) -> pd.DataFrame:
    """Chiefs' reporting per county over the months of [start, end], for ``audience``.

    One row for every county in scope (all 47 when ``county_codes`` is empty), columns:
    ``county_code, county, region_code, reports, expected, on_schedule, compliance,
    sentiment_mean, reports_display, reports_hidden``. ``expected`` is location-months
    expected, ``compliance`` = on_schedule ÷ expected (0–1, NaN when nothing was
    expected) and ``sentiment_mean`` the mean 1–5 score (NaN without reports).

    Public: ``reports`` is the sum of the county's protected months (NaN where it reads
    "<5"; ``reports_hidden`` months hidden); compliance, on_schedule and sentiment are
    over the months whose report count is shown, and not given where the total reads
    "<5" or as a range (``privacy.audience_counts``).
    """
    is_public(audience)
    county_codes = tuple(county_codes)
    cells = _month_cells(start=start, end=end, county_codes=county_codes, audience=audience,
                         engine=engine)
    base = counties_frame()[["county_code", "county", "region_code"]]
    if county_codes:
        base = base[base["county_code"].isin(county_codes)]
    sums = cells.groupby("county_code", as_index=False)[_CELL_SUMS].sum()
    out = _finish(base.merge(sums, on="county_code", how="left"), audience=audience)
    return out[["county_code", "county", "region_code", "reports", "expected", "on_schedule",
                "compliance", "sentiment_mean", "reports_display", "reports_hidden"]]


def chiefs_monthly(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                   audience: Audience, engine=None) -> pd.DataFrame:
    """Monthly series for one area (a county, a region's counties, or Kenya when empty),
    for ``audience``.

    One row per month of [start, end], columns: ``month`` (Timestamp, first day),
    ``reports, expected, on_schedule, compliance, sentiment_mean, barazas_held,
    attendance, incidents_noted, top_theme_code, top_theme, top_theme_sw,
    reports_display, reports_hidden, incidents_noted_display``. ``top_theme`` is the
    concern theme chiefs named most often as their location's top concern that month
    (ties: the theme listed first in the controlled list).

    Public: a month's counts are sums of protected county-months; where one of them is
    hidden, barazas, attendance and incidents noted are NaN; compliance and sentiment
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
    out = _finish(out, audience=audience)
    out = audience_counts(out, ["incidents_noted"], public=public)
    if public:
        hidden = out["reports_hidden"].gt(0)
        for col in ("barazas_held", "attendance", "incidents_noted"):
            out[col] = out[col].astype("float64").where(~hidden, np.nan)
        out["incidents_noted_display"] = out["incidents_noted_display"].where(~hidden, "")
    else:
        for col in ("barazas_held", "attendance", "incidents_noted"):
            out[col] = out[col].astype("int64")
    return out[["month", "reports", "expected", "on_schedule", "compliance", "sentiment_mean",
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
