"""Crime over time for a scope: monthly series beside the same months a year earlier,
breakdowns, the comparison per key (year to date or any period), the yearly view and a
county's rate beside its region's and Kenya's.

Everything here is built on :mod:`data_access.figures.crime` (``monthly_series``,
``crime_long`` via ``year_values``, and the one comparison of ``crime_summary``), so a
number on the Trends page is the number on every other page. The rules that matter:

- a month without data is NaN — a gap in a line, never 0 — and published yearly
  figures are never spread into months (:func:`monthly_availability` says when a period
  has yearly figures only, so no flat 0 line is drawn);
- the last month of a period "to date" is flagged (``to_date``) and is never compared
  with a whole month: the comparison scales both sides by their days;
- every comparison is against the same months a year earlier, like for like, with the
  verdicts of :mod:`data_access.figures.change`.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data_access import reference
from data_access.figures.calendar import add_months, month_start
from data_access.figures.coverage import (
    covered_county_months,
    covered_county_years,
    crime_month_bounds,
)
from data_access.figures.crime import (
    HIDDEN_COLS,
    categories_sensitive,
    counties_frame,
    figures_by,
    monthly_series,
    year_values,
)
from data_access.figures.scope import Period, Scope
from data_access.metrics import rate_per_100k
from data_access.privacy import audience_counts, uncertain

BREAKDOWNS = ("total", "category", "region", "county")
"""What a series can be broken down by ("total" = one line for the whole scope)."""

MONTHLY = "monthly"
YEARLY_ONLY = "yearly figures only"
NO_DATA = "no data"

_MESSAGES = {
    YEARLY_ONLY: ("Monthly figures are not available for this period: yearly figures only",
                  "Takwimu za kila mwezi hazipatikani kwa kipindi hiki: takwimu za mwaka "
                  "pekee"),
    NO_DATA: ("No crime data for this period", "Hakuna takwimu za uhalifu kwa kipindi hiki"),
}


def _check_by(by: str) -> None:
    if by not in BREAKDOWNS:
        raise ValueError(f"cannot break down by {by!r}; choose one of {', '.join(BREAKDOWNS)}")


def _region_of() -> dict[str, str]:
    return {c.code: c.region_code for c in reference.counties()}


# --- keys -----------------------------------------------------------------------------


def breakdown_keys(scope: Scope, by: str) -> pd.DataFrame:
    """Every key a breakdown has in scope, in the usual order: ``key, label, label_sw,
    counties`` (the number of the scope's counties each key covers)."""
    _check_by(by)
    codes = scope.county_codes
    if by == "total":
        return pd.DataFrame({"key": ["total"], "label": ["All crime"],
                             "label_sw": ["Uhalifu wote"], "counties": [len(codes)]})
    if by == "category":
        cats = [c for c in reference.CRIME_CATEGORIES
                if not scope.categories or c.code in scope.categories]
        return pd.DataFrame({"key": [c.code for c in cats], "label": [c.name for c in cats],
                             "label_sw": [c.name_sw for c in cats],
                             "counties": len(codes)})
    counties = counties_frame()
    counties = counties[counties["county_code"].isin(codes)]
    if by == "county":
        return pd.DataFrame({"key": counties["county_code"].to_numpy(),
                             "label": counties["county"].to_numpy(),
                             "label_sw": counties["county"].to_numpy(), "counties": 1})
    per_region = counties.groupby("region_code").size()
    regions = [r for r in reference.REGIONS if r.code in per_region.index]
    return pd.DataFrame({"key": [r.code for r in regions], "label": [r.name for r in regions],
                         "label_sw": [r.name_sw for r in regions],
                         "counties": [int(per_region[r.code]) for r in regions]})


def _sensitive(keys: pd.Series, by: str, scope: Scope) -> pd.Series:
    """Rows whose counts are always suppressed: a sensitive category on its own."""
    if by == "category":
        return keys.map(lambda k: reference.CATEGORY_BY_CODE[k].sensitive).astype(bool)
    return pd.Series(categories_sensitive(scope.categories), index=keys.index)


# --- is there anything monthly? ---------------------------------------------------------


def monthly_availability(scope: Scope, *, engine=None) -> str:
    """"monthly" when some county in scope holds crime data for a month of the period,
    "yearly figures only" when only published yearly figures cover the period's years,
    else "no data". A monthly view is drawn only for "monthly"."""
    codes = set(scope.county_codes)
    cov = covered_county_months(engine=engine)
    if (cov["county_code"].isin(codes) & cov["month"].isin(scope.period.months)).any():
        return MONTHLY
    ycov = covered_county_years(engine=engine)
    if (ycov["county_code"].isin(codes) & ycov["year"].isin(scope.period.years)).any():
        return YEARLY_ONLY
    return NO_DATA


def monthly_message(scope: Scope, *, lang: str = "en", engine=None) -> str | None:
    """What a monthly view says instead of a chart (None when there are monthly data):
    "Monthly figures are not available for this period: yearly figures only"."""
    status = monthly_availability(scope, engine=engine)
    if status == MONTHLY:
        return None
    en, sw = _MESSAGES[status]
    return sw if lang == "sw" else en


# --- monthly series -------------------------------------------------------------------


def _previous_reporting(scope: Scope, by: str, engine) -> pd.DataFrame:
    """``key, month, previous_counties_reporting``: counties with data in the same month
    a year earlier (for the dashed line's coverage)."""
    cov = covered_county_months(engine=engine)
    cov = cov[cov["county_code"].isin(scope.county_codes)]
    cov = cov.assign(month=[add_months(m, 12) for m in cov["month"]])
    cov = cov[cov["month"].isin(scope.period.months)]
    if by in ("total", "category"):
        cov = cov.assign(key="total")
    elif by == "county":
        cov = cov.assign(key=cov["county_code"])
    else:
        cov = cov.assign(key=cov["county_code"].map(_region_of()))
    out = cov.groupby(["key", "month"], as_index=False)["county_code"].nunique()
    return out.rename(columns={"county_code": "previous_counties_reporting"})


def trend_series(scope: Scope, *, by: str = "total", engine=None) -> pd.DataFrame:
    """Monthly crime per key over the period with the same month a year earlier beside it.

    One row per key in scope × month of the period. Columns: ``key, label, label_sw,
    month`` (Timestamp, first day), ``count`` (NaN = no county of the key reported that
    month: a gap, never 0), ``previous_year`` (NaN likewise), ``previous_month``,
    ``counties_reporting``, ``previous_counties_reporting``, ``counties``, ``days`` (days
    of the month inside the period), ``to_date`` (True for a month still running: its
    count covers ``days`` days and is never to be read as a whole month), plus
    ``count_display`` and ``previous_year_display`` ("" for no data, "<5" when hidden).

    Values come from :func:`data_access.figures.crime.monthly_series` (covered
    county-months only; published counts before incident points; yearly figures never
    appear in a month). On a public screen, and always for sensitive categories, counts
    of 1–4 are hidden.
    """
    _check_by(by)
    period = scope.period
    keys = breakdown_keys(scope, by)
    months = period.months
    grid = keys.merge(pd.DataFrame({"month": months}), how="cross")
    raw = monthly_series(scope, by=by, engine=engine)
    out = grid.merge(raw[["key", "month", "count", "previous_year", "counties_reporting",
                          "count_hidden", "previous_year_hidden"]],
                     on=["key", "month"], how="left")
    prev = _previous_reporting(scope, by, engine)
    if by == "category":
        out = out.merge(prev.drop(columns="key"), on="month", how="left")
    else:
        out = out.merge(prev, on=["key", "month"], how="left")
    for col in ("counties_reporting", "previous_counties_reporting"):
        out[col] = out[col].fillna(0).astype("int64")
    out["days"] = [period.days_of(m) for m in out["month"]]
    running = month_start(period.end) if period.to_date else None
    out["to_date"] = out["month"] == running
    out["previous_month"] = pd.to_datetime([add_months(m, -12) for m in out["month"]])
    out["month"] = pd.to_datetime(out["month"])
    out = audience_counts(out, ["count", "previous_year"], public=scope.public,
                          sensitive=_sensitive(out["key"], by, scope))
    cols = ["key", "label", "label_sw", "month", "count", "previous_year", "previous_month",
            "counties_reporting", "previous_counties_reporting", "counties", "days",
            "to_date", "count_display", "previous_year_display"]
    return out[cols]


def top_keys(series: pd.DataFrame, n: int) -> list[str]:
    """The ``n`` keys with the most events over a series (months without data and hidden
    counts add nothing; ties: first listed)."""
    totals = series.groupby("key", sort=False)["count"].sum(min_count=1).fillna(0)
    order = {k: i for i, k in enumerate(series["key"].drop_duplicates())}
    return sorted(totals.index, key=lambda k: (-totals[k], order[k]))[:n]


# --- one period against the same months a year earlier, per key ---------------------


def ytd_period(period: Period) -> Period:
    """The year to date of a period: 1 January of its last month's year to its end (to
    date when the period is)."""
    return Period(dt.date(period.end.year, 1, 1), period.end)


def latest_month_period(period: Period) -> Period:
    """The period's last month (to date when the period is)."""
    return Period(month_start(period.end), period.end)


_COMPARISON_COLS = ["count", "months_covered", "current_compared", "previous",
                    "months_compared", "dispersion", "pct_change", "difference", "z",
                    "verdict", "direction", *HIDDEN_COLS]


def period_comparison(scope: Scope, *, by: str = "total", engine=None) -> pd.DataFrame:
    """The scope's period against the same months a year earlier, per key, most events
    first — the one comparison of :func:`data_access.figures.crime.crime_summary`.

    Columns: ``key, label, label_sw, counties, county_months`` (county-months the key
    spans), ``count`` (events in covered county-months; NaN = no data),
    ``months_covered`` (county-months with data), ``current_compared`` and ``previous``
    (like for like: county-months with data in both periods; a month to date is scaled by
    its days, never compared as a whole month), ``months_compared``, ``dispersion``,
    ``pct_change, difference, z, verdict`` ("significant" / "possible" / "no clear change"
    / "too few to tell"), ``direction`` ("up"/"down" only for a significant or possible
    change), ``note`` (what the figure leaves out) and ``count_display``,
    ``current_compared_display``, ``previous_display``. Hidden counts (public screen,
    sensitive categories) take their change with them.
    """
    _check_by(by)
    keys = breakdown_keys(scope, by)
    figs = figures_by(scope, by, engine=engine).reindex(columns=_COMPARISON_COLS)
    out = keys.merge(figs, left_on="key", right_index=True, how="left")
    out["county_months"] = out["counties"] * scope.period.n_months
    out["months_covered"] = out["months_covered"].fillna(0).astype("int64")
    out["months_compared"] = out["months_compared"].fillna(0).astype("int64")
    out.loc[out["months_covered"] == 0, "count"] = np.nan
    out["verdict"] = out["verdict"].fillna("too few to tell")
    out["direction"] = out["direction"].fillna("none")
    out["note"] = [_comparison_note(r) for r in out.itertuples()]
    out = out.sort_values("count", ascending=False, kind="stable", na_position="last")
    out = out.reset_index(drop=True)
    return _suppress_change(out, by, scope)


def _comparison_note(r) -> str:
    if r.months_covered == 0:
        return "no data for this period"
    parts = []
    if r.months_covered < r.county_months:
        parts.append(f"data for {r.months_covered:,} of {r.county_months:,} county-months")
    if r.months_compared == 0:
        parts.append("no data a year earlier to compare with")
    elif r.months_compared < r.months_covered:
        parts.append(f"change measured like for like on {r.months_compared:,} of "
                     f"{r.months_covered:,} county-months with data a year earlier")
    return "; ".join(parts)


def _suppress_change(out: pd.DataFrame, by: str, scope: Scope) -> pd.DataFrame:
    cols = ["count", "current_compared", "previous"]
    deps = ["pct_change", "difference", "z"]
    out = audience_counts(out, cols, public=scope.public,
                          sensitive=_sensitive(out["key"], by, scope),
                          dependents={c: deps for c in cols})
    hidden = pd.Series(False, index=out.index)
    for c in cols:
        hidden |= uncertain(out[f"{c}_display"])
    out.loc[hidden, deps] = np.nan
    out.loc[hidden, "verdict"] = "too few to tell"
    out.loc[hidden, "direction"] = "none"
    return out


def ytd_comparison(scope: Scope, *, by: str = "total", engine=None) -> pd.DataFrame:
    """Year to date (:func:`ytd_period`) against the same months a year earlier, per key
    (see :func:`period_comparison`)."""
    return period_comparison(scope.with_period(ytd_period(scope.period)), by=by,
                             engine=engine)


# --- yearly view ------------------------------------------------------------------------


def yearly_series(scope: Scope, *, by: str = "total", engine=None) -> pd.DataFrame:
    """Crime per key and calendar year, for every year with crime data in scope.

    A county-year counts with its published yearly figure where one exists, else the sum
    of its 12 months when all 12 hold data (:func:`data_access.figures.crime.year_values`);
    a part-year (e.g. the current year) has no yearly value and is left out, never
    shown as a short year. Columns: ``year, key, label, label_sw, count`` (NaN = no
    county-year of the key has a value), ``published`` and ``from_months`` (the count split
    by basis), ``counties_reporting`` (counties with a value), ``counties``, ``complete``
    (every county of the key has a value) and ``count_display``.
    """
    _check_by(by)
    cols = ["year", "key", "label", "label_sw", "count", "published", "from_months",
            "counties_reporting", "counties", "complete", "count_display"]
    bounds = crime_month_bounds(engine=engine)
    if bounds is None:
        return pd.DataFrame(columns=cols)
    years = list(range(bounds[0].year, bounds[1].year + 1))
    vals = year_values(scope, engine, years)
    if vals.empty:
        return pd.DataFrame(columns=cols)
    if by == "total":
        key = pd.Series("total", index=vals.index)
    elif by == "category":
        key = vals["category_code"]
    elif by == "county":
        key = vals["county_code"]
    else:
        key = vals["county_code"].map(_region_of())
    vals = vals.assign(key=key)
    vals["published"] = vals["count"].where(vals["basis"] == "published yearly", 0.0)
    vals["from_months"] = vals["count"].where(vals["basis"] == "monthly", 0.0)
    per = vals.groupby(["year", "key"]).agg(
        count=("count", "sum"), count_hidden=("count_hidden", "sum"),
        published=("published", "sum"),
        from_months=("from_months", "sum"), counties_reporting=("county_code", "nunique"))
    keys = breakdown_keys(scope, by)
    shown = sorted(set(vals["year"]))
    grid = pd.MultiIndex.from_product([shown, keys["key"]], names=["year", "key"])
    out = per.reindex(grid).reset_index().merge(keys, on="key", how="left")
    out["counties_reporting"] = out["counties_reporting"].fillna(0).astype("int64")
    out["complete"] = out["counties_reporting"] == out["counties"]
    out["year"] = out["year"].astype("int64")
    out = audience_counts(out, ["count"], public=scope.public,
                          sensitive=_sensitive(out["key"], by, scope),
                          dependents={"count": ["published", "from_months"]})
    return out[cols]


# --- a county against its region and Kenya -----------------------------------------------


def area_rate_series(scope: Scope, county_code: str | None = None, *,
                     engine=None) -> pd.DataFrame:
    """Monthly crime rate per 100,000 for a county (default: the scope's), its region and
    Kenya, over the scope's period and categories (the scope's area is not used).

    Columns: ``month`` (Timestamp), ``area`` ("county" | "region" | "kenya"), ``label,
    count, population, rate_per_100k, counties_reporting, counties, count_display``;
    three rows per month. A region's or Kenya's month counts only the counties that hold
    data for it, over *their* 2019 population, so a late county lowers neither; a month
    without data is NaN (a gap). For the public audience every line is built from
    protected cells (so the region and Kenya lines cannot give a hidden county month
    back) and a month reading "<5" loses its rate; internally a sensitive county month of
    1–4 is hidden, region and national months are shown.
    """
    code = county_code or scope.county
    counties = counties_frame().set_index("county_code")
    if code is None:
        raise ValueError("area_rate_series needs a county: pass county_code or a county scope")
    if code not in counties.index:
        raise ValueError(f"unknown county code {code!r}; codes run 001–047")
    region_code = counties.loc[code, "region_code"]
    areas = (
        ("county", counties.loc[code, "county"], (code,)),
        ("region", f"{counties.loc[code, 'region']} region",
         tuple(counties.index[counties["region_code"] == region_code])),
        ("kenya", "Kenya", tuple(counties.index)),
    )
    out = _area_lines(scope, areas, engine=engine, single={"county"})
    county_rows = out["area"] == "county"
    out.loc[county_rows, "population"] = float(counties.loc[code, "population_2019"])
    out = out.sort_values(["month", "area"], key=_area_order, kind="stable")
    return out[["month", "area", "label", "count", "population", "rate_per_100k",
                "counties_reporting", "counties", "count_display"]].reset_index(drop=True)


def areas_rate_series(scope: Scope, areas, *, engine=None) -> pd.DataFrame:
    """Monthly crime rate per 100,000 for any areas side by side (the Compare page), over
    the scope's period and categories (the scope's own area is not used).

    ``areas``: ``(key, label, county_codes)`` per area (a county, a region's counties or
    all 47 for Kenya). Built exactly as :func:`area_rate_series`: a month counts the
    area's counties that hold data for it, over *their* 2019 population; a month without
    data is NaN (a gap). Public: every line from protected cells, a month reading "<5"
    loses its rate; internally a sensitive one-county month of 1–4 is hidden.

    Columns: ``month`` (Timestamp), ``area`` (the key), ``label, count, population,
    rate_per_100k, counties_reporting, counties, count_display``; rows in the order of
    ``areas``, then month.
    """
    areas = tuple((key, label, tuple(codes)) for key, label, codes in areas)
    known = set(counties_frame()["county_code"])
    for key, _label, codes in areas:
        bad = sorted(set(codes) - known)
        if bad or not codes:
            raise ValueError(f"area {key!r} needs county codes 001–047, not {bad or codes}")
    single = {key for key, _label, codes in areas if len(codes) == 1}
    out = _area_lines(scope, areas, engine=engine, single=single)
    order = {key: i for i, (key, _l, _c) in enumerate(areas)}
    out = out.sort_values(["area", "month"], key=lambda c: c.map(order) if c.name == "area"
                          else c, kind="stable")
    return out[["month", "area", "label", "count", "population", "rate_per_100k",
                "counties_reporting", "counties", "count_display"]].reset_index(drop=True)


def _area_lines(scope: Scope, areas, *, engine, single: set[str]) -> pd.DataFrame:
    """The monthly count, population reporting and rate of each ``(key, label,
    county_codes)`` area, from the national county × month series (protected cells for
    the public); ``single`` names the areas whose sensitive months of 1–4 are hidden
    internally (one-county areas)."""
    counties = counties_frame().set_index("county_code")
    national = Scope(scope.period, scope.audience, categories=scope.categories)
    raw = monthly_series(national, by="county", engine=engine)
    months = scope.period.months
    grid = pd.MultiIndex.from_product([counties.index, months], names=["key", "month"])
    per = raw.set_index(["key", "month"])[["count", "count_hidden"]].reindex(grid) \
        .reset_index()
    per = per.rename(columns={"key": "county_code"}).join(
        counties[["region_code", "population_2019"]], on="county_code")
    per["pop_reporting"] = per["population_2019"].where(per["count"].notna())
    per["reporting"] = per["count"].notna().astype("int64")
    frames = []
    for area, label, codes in areas:
        mask = per["county_code"].isin(codes)
        part = per[mask].groupby("month").agg(
            count=("count", lambda v: v.sum(min_count=1)),
            count_hidden=("count_hidden", lambda v: v.fillna(0).sum()),
            population=("pop_reporting", lambda v: v.sum(min_count=1)),
            counties_reporting=("reporting", "sum"))
        part["counties"] = len(codes)
        frames.append(part.reset_index().assign(area=area, label=label))
    out = pd.concat(frames, ignore_index=True)
    out["rate_per_100k"] = rate_per_100k(out["count"], out["population"])
    out["month"] = pd.to_datetime(out["month"])
    sensitive = out["area"].isin(single) & categories_sensitive(scope.categories)
    return audience_counts(out, ["count"], public=scope.public, sensitive=sensitive,
                           dependents={"count": ["rate_per_100k"]})


def _area_order(col: pd.Series) -> pd.Series:
    if col.name == "area":
        return col.map({"county": 0, "region": 1, "kenya": 2})
    return col
