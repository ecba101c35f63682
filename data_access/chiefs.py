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

In public mode report counts of 1–4 become missing (shown "<5") together with the
compliance and sentiment computed from them, and nothing but numbers is returned.
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
from data_access.privacy import suppress_counts


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


def _finish(out: pd.DataFrame, *, public: bool) -> pd.DataFrame:
    """Derive compliance and sentiment, then apply public-mode suppression."""
    for col in ("reports", "on_schedule", "expected"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    out["compliance"] = out["on_schedule"] / out["expected"].where(out["expected"] > 0)
    out["sentiment_mean"] = (pd.to_numeric(out["sentiment_sum"]).astype("float64")
                             / out["reports"].where(out["reports"] > 0))
    out = out.drop(columns=["sentiment_sum"])
    return suppress_counts(out.reset_index(drop=True), ["reports"], public=public,
                           dependents={"reports": ["compliance", "sentiment_mean",
                                                   "on_schedule"]})


@cached_query
def chiefs_by_county(conn: Connection, *, start: dt.date, end: dt.date,
                     county_codes: tuple[str, ...] = (), public: bool = False) -> pd.DataFrame:
    """Chiefs' reporting per county over the months of [start, end].

    One row for every county in scope (all 47 when ``county_codes`` is empty), columns:
    ``county_code, county, region_code, reports, expected, on_schedule, compliance,
    sentiment_mean, reports_display``. ``expected`` is location-months expected,
    ``compliance`` = on_schedule ÷ expected (0–1, NaN when nothing was expected) and
    ``sentiment_mean`` the mean 1–5 score (NaN without reports). Public mode hides report
    counts of 1–4 and the compliance and sentiment derived from them.
    """
    county_codes = tuple(county_codes)
    months = month_starts(start, end)
    base = counties_frame()[["county_code", "county", "region_code"]]
    if county_codes:
        base = base[base["county_code"].isin(county_codes)]
    expected = (_expected_by_month(conn, months, county_codes)
                .groupby("county_code", as_index=False)["expected"].sum())
    reports = _reports_by_month(conn, months, county_codes)
    reports = (reports.groupby("county_code", as_index=False)
               [["reports", "on_schedule", "sentiment_sum"]].sum())
    out = base.merge(expected, on="county_code", how="left").merge(
        reports, on="county_code", how="left")
    out = _finish(out, public=public)
    return out[["county_code", "county", "region_code", "reports", "expected", "on_schedule",
                "compliance", "sentiment_mean", "reports_display"]]


@cached_query
def chiefs_monthly(conn: Connection, *, start: dt.date, end: dt.date,
                   county_codes: tuple[str, ...] = (), public: bool = False) -> pd.DataFrame:
    """Monthly series for one area (a county, a region's counties, or Kenya when empty).

    One row per month of [start, end], columns: ``month`` (Timestamp, first day),
    ``reports, expected, on_schedule, compliance, sentiment_mean, barazas_held,
    attendance, incidents_noted, top_theme_code, top_theme, top_theme_sw,
    reports_display``. ``top_theme`` is the concern theme chiefs named most often as
    their location's top concern that month (ties: the theme listed first in the
    controlled list); public mode shows it only for months with at least 5 reports.
    """
    county_codes = tuple(county_codes)
    months = month_starts(start, end)
    expected = (_expected_by_month(conn, months, county_codes)
                .groupby("month", as_index=False)["expected"].sum())
    reports = _reports_by_month(conn, months, county_codes)
    sums = ["reports", "on_schedule", "sentiment_sum", "barazas_held", "attendance",
            "incidents_noted"]
    reports = reports.groupby("month", as_index=False)[sums].sum()
    out = (pd.DataFrame({"month": pd.to_datetime(months)})
           .merge(expected, on="month", how="left").merge(reports, on="month", how="left"))
    for col in ("barazas_held", "attendance", "incidents_noted"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    top = _top_theme_by_month(conn, months, county_codes)
    out = out.merge(top, on="month", how="left")
    out = _finish(out, public=public)
    if public:
        hidden = out["reports"].isna()
        out.loc[hidden, ["top_theme_code", "top_theme", "top_theme_sw"]] = None
        for col in ("barazas_held", "attendance", "incidents_noted"):
            out[col] = out[col].astype("float64").where(~hidden, np.nan)
    return out[["month", "reports", "expected", "on_schedule", "compliance", "sentiment_mean",
                "barazas_held", "attendance", "incidents_noted", "top_theme_code",
                "top_theme", "top_theme_sw", "reports_display"]]


def _theme_counts(conn: Connection, months: list[dt.date], county_codes: tuple[str, ...],
                  *, by_month: bool) -> pd.DataFrame:
    r, loc = s.chief_reports, s.chief_locations
    keys = [r.c.month] if by_month else []
    stmt = (sa.select(*keys, r.c.top_theme_code, sa.func.count().label("reports"))
            .select_from(r.join(loc, r.c.location_id == loc.c.id))
            .where(r.c.month.between(months[0], months[-1]), r.c.top_theme_code.is_not(None))
            .group_by(*keys, r.c.top_theme_code))
    if county_codes:
        stmt = stmt.where(loc.c.county_code.in_(list(county_codes)))
    out = read_df(conn, stmt)
    if by_month and not out.empty:
        out["month"] = pd.to_datetime(out["month"]).dt.to_period("M").dt.to_timestamp()
    return out


_THEME_ORDER = {t.code: i for i, t in enumerate(reference.THEMES)}


def _label_themes(df: pd.DataFrame) -> pd.DataFrame:
    def label(code, sw):
        theme = reference.THEME_BY_CODE.get(code)
        if theme is None:
            return code
        return theme.label_sw if sw else theme.label

    df["top_theme"] = [label(c, False) for c in df["top_theme_code"]]
    df["top_theme_sw"] = [label(c, True) for c in df["top_theme_code"]]
    return df


def _top_theme_by_month(conn: Connection, months: list[dt.date],
                        county_codes: tuple[str, ...]) -> pd.DataFrame:
    counts = _theme_counts(conn, months, county_codes, by_month=True)
    cols = ["month", "top_theme_code", "top_theme", "top_theme_sw"]
    if counts.empty:
        return pd.DataFrame(columns=cols)
    counts["order"] = counts["top_theme_code"].map(_THEME_ORDER).fillna(len(_THEME_ORDER))
    top = (counts.sort_values(["month", "reports", "order"], ascending=[True, False, True])
           .groupby("month").head(1))
    return _label_themes(top.reset_index(drop=True))[cols]


@cached_query
def chiefs_top_themes(conn: Connection, *, start: dt.date, end: dt.date,
                      county_codes: tuple[str, ...] = (), public: bool = False) -> pd.DataFrame:
    """How often chiefs named each theme as their location's top concern in [start, end].

    Columns: ``theme_code, theme, theme_sw, reports, share, reports_display``, most named
    first; ``share`` is of all reports naming a theme. Sensitive themes (GBV, violent
    extremism) have counts of 1–4 hidden always; public mode hides them for every theme.
    """
    counts = _theme_counts(conn, month_starts(start, end), tuple(county_codes), by_month=False)
    cols = ["theme_code", "theme", "theme_sw", "reports", "share", "reports_display"]
    if counts.empty:
        return pd.DataFrame(columns=cols)
    counts = _label_themes(counts).rename(columns={"top_theme_code": "theme_code",
                                                   "top_theme": "theme",
                                                   "top_theme_sw": "theme_sw"})
    counts["reports"] = counts["reports"].astype("int64")
    counts["share"] = counts["reports"] / counts["reports"].sum()
    counts["order"] = counts["theme_code"].map(_THEME_ORDER).fillna(len(_THEME_ORDER))
    counts = counts.sort_values(["reports", "order"], ascending=[False, True])
    sensitive = counts["theme_code"].map(
        lambda c: bool(getattr(reference.THEME_BY_CODE.get(c), "sensitive", False)))
    counts = counts.reset_index(drop=True)
    out = suppress_counts(counts, ["reports"], public=public,
                          sensitive=sensitive.reset_index(drop=True),
                          dependents={"reports": ["share"]})
    return out[cols]
