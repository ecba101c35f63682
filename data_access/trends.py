"""Crime over time: monthly series with the previous year, year-to-date, yearly figures and
rates for a county against its region and Kenya.

Two rules keep the series honest:

- **Monthly views** read only the ``crime_agg`` grains "day" and "month". A figure
  published for a whole year (grain "year") was never measured month by month, so it
  is never spread into months and never appears in a monthly series.
- **Yearly views** (:func:`yearly_crime`, :func:`yearly_series`) take, for each
  county × category × calendar year, the published yearly figure when there is one and
  otherwise the sum of the finer grains of that year — never both, so nothing is counted
  twice (a published annual figure supersedes the monthly or daily counts of the same
  county, category and year).
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
from data_access.crime import SUB_YEAR_GRAINS, categories_sensitive, counties_frame
from data_access.metrics import add_change_columns, rate_per_100k
from data_access.privacy import suppress_counts

BREAKDOWNS = ("total", "category", "region", "county")
"""What a series can be broken down by ("total" = one line for the whole scope)."""

YEAR_GRAIN = "year"


def _month_floor(values) -> pd.Series:
    return pd.to_datetime(pd.Series(values)).dt.to_period("M").dt.to_timestamp()


def add_months(d: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after ``d``'s month (n may be negative)."""
    idx = d.year * 12 + d.month - 1 + n
    return dt.date(idx // 12, idx % 12 + 1, 1)


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")


def _check_by(by: str) -> None:
    if by not in BREAKDOWNS:
        raise ValueError(f"cannot break down by {by!r}; choose one of {', '.join(BREAKDOWNS)}")


def _scope_filter(table, categories, county_codes) -> list:
    cond = []
    if categories:
        cond.append(table.c.category_code.in_(list(categories)))
    if county_codes:
        cond.append(table.c.county_code.in_(list(county_codes)))
    return cond


@cached_query
def monthly_counts(conn: Connection, *, start: dt.date, end: dt.date,
                   categories: tuple[str, ...] = (),
                   county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Counts per county × category × month in [start, end] from the sub-year grains only.

    Columns: ``county_code, category_code, month`` (Timestamp, first day), ``count``.
    Combinations with no records are absent. Yearly published figures are excluded.
    """
    _check_period(start, end)
    agg = s.crime_agg
    stmt = (sa.select(agg.c.county_code, agg.c.category_code, agg.c.month,
                      sa.func.sum(agg.c.count).label("count"))
            .where(agg.c.grain.in_(SUB_YEAR_GRAINS), agg.c.month >= start.replace(day=1),
                   agg.c.month <= end, *_scope_filter(agg, categories, county_codes))
            .group_by(agg.c.county_code, agg.c.category_code, agg.c.month))
    out = read_df(conn, stmt)
    out["month"] = _month_floor(out["month"]) if len(out) else pd.Series(dtype="datetime64[ns]")
    out["count"] = out["count"].astype("int64")
    return out


# --- keys and labels -------------------------------------------------------------------


def breakdown_keys(by: str, *, categories: tuple[str, ...] = (),
                   county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every key a breakdown has in scope: ``key, label, label_sw`` in the usual order."""
    _check_by(by)
    if by == "total":
        return pd.DataFrame({"key": ["total"], "label": ["All crime"],
                             "label_sw": ["Uhalifu wote"]})
    if by == "category":
        cats = [c for c in reference.CRIME_CATEGORIES if not categories or c.code in categories]
        return pd.DataFrame({"key": [c.code for c in cats], "label": [c.name for c in cats],
                             "label_sw": [c.name_sw for c in cats]})
    counties = counties_frame()
    if county_codes:
        counties = counties[counties["county_code"].isin(county_codes)]
    if by == "county":
        return pd.DataFrame({"key": counties["county_code"].to_numpy(),
                             "label": counties["county"].to_numpy(),
                             "label_sw": counties["county"].to_numpy()})
    present = set(counties["region_code"])
    regions = [r for r in reference.REGIONS if r.code in present]
    return pd.DataFrame({"key": [r.code for r in regions], "label": [r.name for r in regions],
                         "label_sw": [r.name_sw for r in regions]})


def _key_column(frame: pd.DataFrame, by: str) -> pd.Series:
    if by == "total":
        return pd.Series("total", index=frame.index)
    if by == "category":
        return frame["category_code"]
    if by == "county":
        return frame["county_code"]
    region_of = {c.code: c.region_code for c in reference.counties()}
    return frame["county_code"].map(region_of)


def _sensitive_keys(keys: pd.Series, by: str, categories: tuple[str, ...]) -> pd.Series:
    """Rows whose counts are always suppressed: a sensitive category on its own."""
    if by == "category":
        return keys.map(lambda k: reference.CATEGORY_BY_CODE[k].sensitive)
    return pd.Series(categories_sensitive(categories), index=keys.index)


def _by_key_month(counts: pd.DataFrame, by: str) -> pd.DataFrame:
    frame = counts.assign(key=_key_column(counts, by))
    return frame.groupby(["key", "month"], as_index=False)["count"].sum()


# --- monthly series with the previous year ----------------------------------------------


def trend_series(*, start: dt.date, end: dt.date, by: str = "total",
                 categories: tuple[str, ...] = (), county_codes: tuple[str, ...] = (),
                 public: bool = False, engine=None) -> pd.DataFrame:
    """Monthly counts per key with the same month a year earlier beside each.

    One row per key in scope × month of [start, end] (zeros where nothing was recorded).
    Columns: ``key, label, label_sw, month, count, previous_year, previous_month``
    (``previous_month`` is the Timestamp of the month a year earlier), plus
    ``count_display, previous_year_display``. Only day and month grains are used.
    Public mode (and always for sensitive categories) hides counts of 1–4.
    """
    _check_period(start, end)
    _check_by(by)
    categories, county_codes = tuple(categories), tuple(county_codes)
    first = add_months(start, -12)
    counts = monthly_counts(engine=engine, start=first, end=end, categories=categories,
                            county_codes=county_codes)
    by_key = _by_key_month(counts, by).set_index(["key", "month"])["count"]
    keys = breakdown_keys(by, categories=categories, county_codes=county_codes)
    months = pd.date_range(start.replace(day=1), end, freq="MS")
    grid = keys.merge(pd.DataFrame({"month": months}), how="cross")
    grid["previous_month"] = grid["month"] - pd.DateOffset(years=1)
    grid["count"] = by_key.reindex(
        pd.MultiIndex.from_frame(grid[["key", "month"]])).fillna(0).to_numpy()
    grid["previous_year"] = by_key.reindex(
        pd.MultiIndex.from_frame(grid[["key", "previous_month"]])).fillna(0).to_numpy()
    grid[["count", "previous_year"]] = grid[["count", "previous_year"]].astype("int64")
    sensitive = _sensitive_keys(grid["key"], by, categories)
    return suppress_counts(grid, ["count", "previous_year"], public=public, sensitive=sensitive)


def top_keys(series: pd.DataFrame, n: int) -> list[str]:
    """The ``n`` keys with the most records over the series (ties: first listed)."""
    totals = series.groupby("key", sort=False)["count"].sum(min_count=1).fillna(0)
    order = {k: i for i, k in enumerate(series["key"].drop_duplicates())}
    ranked = sorted(totals.index, key=lambda k: (-totals[k], order[k]))
    return ranked[:n]


# --- year to date ---------------------------------------------------------------------


def year_on_year(*, start: dt.date, end: dt.date, by: str = "total",
                 categories: tuple[str, ...] = (), county_codes: tuple[str, ...] = (),
                 public: bool = False, engine=None) -> pd.DataFrame:
    """The months of [start, end] against the same months a year earlier, per key.

    Columns: ``key, label, label_sw, current, previous, change, pct_change, z, verdict,
    direction, period_from, period_to, previous_from, previous_to`` plus
    ``current_display, previous_display``; every key in scope, most records first.
    Public mode (always for sensitive categories) hides counts of 1–4 and the change,
    % and z computed from them; their verdict is "too few to tell".
    """
    _check_period(start, end)
    _check_by(by)
    categories, county_codes = tuple(categories), tuple(county_codes)
    this_from = start.replace(day=1)
    this_to = add_months(end, 1) - dt.timedelta(days=1)
    last_from = add_months(this_from, -12)
    last_to = add_months(end, -11) - dt.timedelta(days=1)
    counts = monthly_counts(engine=engine, start=last_from, end=this_to,
                            categories=categories, county_codes=county_codes)
    by_key = _by_key_month(counts, by)
    months = by_key["month"]
    cur = by_key[months >= pd.Timestamp(this_from)].groupby("key")["count"].sum()
    prev = by_key[(months >= pd.Timestamp(last_from))
                  & (months <= pd.Timestamp(last_to))].groupby("key")["count"].sum()
    out = breakdown_keys(by, categories=categories, county_codes=county_codes)
    out["current"] = out["key"].map(cur).fillna(0).astype("int64")
    out["previous"] = out["key"].map(prev).fillna(0).astype("int64")
    out = add_change_columns(out)
    out["period_from"], out["period_to"] = this_from, this_to
    out["previous_from"], out["previous_to"] = last_from, last_to
    out = out.sort_values("current", ascending=False, kind="stable").reset_index(drop=True)
    sensitive = _sensitive_keys(out["key"], by, categories)
    out = suppress_counts(out, ["current", "previous"], public=public, sensitive=sensitive,
                          dependents={"current": ["change", "pct_change", "z"],
                                      "previous": ["change", "pct_change", "z"]})
    hidden = out["current"].isna() | out["previous"].isna()
    out.loc[hidden, "verdict"] = "too few to tell"
    out.loc[hidden, "direction"] = "none"
    return out


def ytd_comparison(*, end: dt.date, by: str = "total", categories: tuple[str, ...] = (),
                   county_codes: tuple[str, ...] = (), public: bool = False,
                   engine=None) -> pd.DataFrame:
    """Year to date against last year to date, per key (see :func:`year_on_year`).

    The year to date runs from 1 January of ``end``'s year to the end of ``end``'s month;
    last year to date covers the same months a year earlier.
    """
    return year_on_year(start=dt.date(end.year, 1, 1), end=end, by=by, categories=categories,
                        county_codes=county_codes, public=public, engine=engine)


# --- yearly figures -------------------------------------------------------------------


@cached_query
def yearly_crime(conn: Connection, *, categories: tuple[str, ...] = (),
                 county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Crime per county × category × calendar year, published figures first.

    Columns: ``county_code, category_code, year, count, basis, months_covered,
    first_month, last_month``. ``basis`` is "published" where a yearly figure exists (it
    is used alone; it covers months 1–12) and "monthly" where the year's day and month
    counts are summed (``months_covered`` = months with any record, ``first_month`` /
    ``last_month`` = the first and last of them, 1–12). Never both for one key.
    """
    agg = s.crime_agg
    scope = _scope_filter(agg, categories, county_codes)
    keys = (agg.c.county_code, agg.c.category_code, agg.c.year)
    published = read_df(conn, sa.select(*keys, sa.func.sum(agg.c.count).label("count"))
                        .where(agg.c.grain == YEAR_GRAIN, *scope).group_by(*keys))
    finer = read_df(conn, sa.select(*keys, sa.func.sum(agg.c.count).label("count"),
                                    sa.func.count(sa.distinct(agg.c.month))
                                    .label("months_covered"),
                                    sa.func.min(agg.c.month).label("first_month"),
                                    sa.func.max(agg.c.month).label("last_month"))
                    .where(agg.c.grain.in_(SUB_YEAR_GRAINS), *scope).group_by(*keys))
    published["basis"], published["months_covered"] = "published", 12
    published["first_month"], published["last_month"] = 1, 12
    finer["basis"] = "monthly"
    for col in ("first_month", "last_month"):
        finer[col] = pd.to_datetime(finer[col]).dt.month if len(finer) else 0
    key_cols = ["county_code", "category_code", "year"]
    if len(published):
        taken = pd.MultiIndex.from_frame(published[key_cols])
        finer = finer[~pd.MultiIndex.from_frame(finer[key_cols]).isin(taken)]
    cols = [*key_cols, "count", "basis", "months_covered", "first_month", "last_month"]
    frames = [f[cols] for f in (published, finer) if len(f)]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    for col in ("year", "count", "months_covered", "first_month", "last_month"):
        out[col] = out[col].astype("int64")
    return out.sort_values(key_cols, kind="stable").reset_index(drop=True)


def yearly_series(*, by: str = "total", categories: tuple[str, ...] = (),
                  county_codes: tuple[str, ...] = (), first_year: int | None = None,
                  last_year: int | None = None, public: bool = False,
                  engine=None) -> pd.DataFrame:
    """Yearly totals per key following :func:`yearly_crime`'s rule.

    Columns: ``year, key, label, label_sw, count, published, from_months, first_month,
    last_month, complete`` plus ``count_display``. ``published`` / ``from_months`` split
    the count by basis. ``first_month`` / ``last_month`` (1–12) are the months the year's
    records reach across the whole scope (1 and 12 when only published figures exist) and
    ``complete`` is False for a year whose monthly records start after January or stop
    before December (e.g. the current year), so a part-year is never read as a year.
    """
    _check_by(by)
    categories, county_codes = tuple(categories), tuple(county_codes)
    rows = yearly_crime(engine=engine, categories=categories, county_codes=county_codes)
    if first_year is not None:
        rows = rows[rows["year"] >= first_year]
    if last_year is not None:
        rows = rows[rows["year"] <= last_year]
    cols = ["year", "key", "label", "label_sw", "count", "published", "from_months",
            "first_month", "last_month", "complete", "count_display"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = rows.assign(key=_key_column(rows, by))
    rows["published"] = rows["count"].where(rows["basis"] == "published", 0)
    rows["from_months"] = rows["count"].where(rows["basis"] == "monthly", 0)
    out = rows.groupby(["year", "key"], as_index=False).agg(
        count=("count", "sum"), published=("published", "sum"),
        from_months=("from_months", "sum"))
    # Coverage is a property of the year across the scope, not of one key: a category
    # with no record in December does not make the year partial.
    monthly = rows[rows["basis"] == "monthly"].groupby("year")
    out["first_month"] = out["year"].map(monthly["first_month"].min()).fillna(1).astype("int64")
    out["last_month"] = out["year"].map(monthly["last_month"].max()).fillna(12).astype("int64")
    out["complete"] = (out["first_month"] == 1) & (out["last_month"] == 12)
    out = out.merge(breakdown_keys(by, categories=categories, county_codes=county_codes),
                    on="key", how="inner")
    sensitive = _sensitive_keys(out["key"], by, categories)
    out = suppress_counts(out, ["count"], public=public, sensitive=sensitive,
                          dependents={"count": ["published", "from_months"]})
    return out[cols].sort_values(["year", "key"], kind="stable").reset_index(drop=True)


# --- county against region and Kenya ----------------------------------------------------


def area_rate_series(*, start: dt.date, end: dt.date, county_code: str,
                     categories: tuple[str, ...] = (), public: bool = False,
                     engine=None) -> pd.DataFrame:
    """Monthly rate per 100,000 for a county, its region and Kenya, side by side.

    Columns: ``month, area`` ("county" | "region" | "kenya"), ``label, count,
    population, rate_per_100k, count_display``; three rows per month. Rates use the
    2019 census population of the area. Public mode hides a county month of 1–4 (and
    its rate); region and national months are large and shown.
    """
    _check_period(start, end)
    categories = tuple(categories)
    counties = counties_frame().set_index("county_code")
    if county_code not in counties.index:
        raise ValueError(f"unknown county code {county_code!r}; codes run 001–047")
    region_code = counties.loc[county_code, "region_code"]
    region_name = counties.loc[county_code, "region"]
    counts = monthly_counts(engine=engine, start=start, end=end, categories=categories)
    counts = counts.assign(region_code=counts["county_code"].map(counties["region_code"]))
    months = pd.DataFrame({"month": pd.date_range(start.replace(day=1), end, freq="MS")})
    areas = (
        ("county", counties.loc[county_code, "county"], counts["county_code"] == county_code,
         int(counties.loc[county_code, "population_2019"])),
        ("region", f"{region_name} region", counts["region_code"] == region_code,
         int(counties.loc[counties["region_code"] == region_code, "population_2019"].sum())),
        ("kenya", "Kenya", pd.Series(True, index=counts.index),
         int(counties["population_2019"].sum())),
    )
    frames = []
    for area, label, mask, population in areas:
        monthly = counts[mask].groupby("month")["count"].sum()
        frame = months.assign(area=area, label=label, population=population)
        frame["count"] = frame["month"].map(monthly).fillna(0).astype("int64")
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out["rate_per_100k"] = rate_per_100k(out["count"], out["population"])
    applies = pd.Series(np.where(out["area"] == "county", True, False), index=out.index)
    sensitive = applies & categories_sensitive(categories)
    county_rows = suppress_counts(out[applies], ["count"], public=public,
                                  sensitive=sensitive[applies],
                                  dependents={"count": ["rate_per_100k"]})
    other_rows = suppress_counts(out[~applies], ["count"], public=False)
    out = pd.concat([county_rows, other_rows]).sort_index()
    return out[["month", "area", "label", "count", "population", "rate_per_100k",
                "count_display"]].reset_index(drop=True)
