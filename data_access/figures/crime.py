"""Crime figures for a scope: per county, per category, the scope's total and its monthly
series — each with what it covers and what it is compared with.

Rules (docs/METHODS.md): only covered county-months count, and they count as they are
(a missing month is never 0); published counts win over incident points; whole calendar
years use published yearly figures; a change is measured on county-months that hold
data on both sides (like for like) against the same months a year earlier, with the one
change test of :mod:`data_access.figures.change`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access import reference
from data_access.cache import cached_figure
from data_access.figures.calendar import add_months, days_in, month_end
from data_access.figures.change import (
    MIN_PAIRS_MONTHLY,
    MIN_PAIRS_YEARLY,
    change_frame,
    dispersion,
)
from data_access.figures.coverage import (
    covered_county_months,
    covered_county_years,
    crime_year_records,
    monthly_crime,
)
from data_access.figures.scope import Period, Scope
from data_access.metrics import rate_per_100k
from data_access.privacy import audience_counts, protect_cells, uncertain

# How far back the overdispersion of a series is measured (pairs a year apart).
DISPERSION_MONTHS = 36

KEYS = ("total", "county", "category", "region")


def counties_frame() -> pd.DataFrame:
    """The 47 counties: ``county_code, county, region_code, region, population_2019, area_km2``."""
    regions = {r.code: r.name for r in reference.REGIONS}
    return pd.DataFrame(
        [(c.code, c.name, c.region_code, regions[c.region_code], c.population_2019, c.area_km2)
         for c in reference.counties()],
        columns=["county_code", "county", "region_code", "region", "population_2019",
                 "area_km2"],
    )


def categories_sensitive(categories) -> bool:
    """True when a selection consists only of sensitive categories (always suppressed)."""
    return bool(categories) and all(
        reference.CATEGORY_BY_CODE[c].sensitive for c in categories)


def _categories(scope: Scope) -> list[str]:
    return list(scope.categories) or [c.code for c in reference.CRIME_CATEGORIES]


def _region_of() -> dict[str, str]:
    return {c.code: c.region_code for c in reference.counties()}


# --- the long frame: covered county-months × categories -----------------------------


def crime_long(scope: Scope, engine=None) -> pd.DataFrame:
    """Building block of every crime figure: ``county_code, category_code, month,
    count, count_hidden`` for every covered county-month in scope × every selected
    category (a category with no record in a covered month is 0).

    These are the *cells* of crime: the finest counts any screen shows. For the public
    audience they are protected cells (:func:`data_access.privacy.protect_cells`): a count
    of 1–4 enters every total, rate, average and change as 2.5 and is flagged in
    ``count_hidden``, so nothing built on them can give it back.
    """
    cov = covered_county_months(engine=engine)
    cov = cov[cov["county_code"].isin(scope.county_codes)]
    if cov.empty:
        return pd.DataFrame({"county_code": pd.Series(dtype=object),
                             "category_code": pd.Series(dtype=object),
                             "month": pd.Series(dtype=object),
                             "count": pd.Series(dtype="float64"),
                             "count_hidden": pd.Series(dtype="int64")})
    cats = _categories(scope)
    grid = cov.merge(pd.DataFrame({"category_code": cats}), how="cross")
    crime = monthly_crime(engine=engine)
    crime = crime[crime["category_code"].isin(cats)]
    out = grid.merge(crime[["county_code", "category_code", "month", "count"]],
                     on=["county_code", "category_code", "month"], how="left")
    out["count"] = out["count"].fillna(0.0)
    return protect_cells(out, ["count"], applies=scope.public)


def _key(frame: pd.DataFrame, key: str) -> pd.Series:
    if key == "total":
        return pd.Series("total", index=frame.index)
    if key == "county":
        return frame["county_code"]
    if key == "category":
        return frame["category_code"]
    return frame["county_code"].map(_region_of())


def _by_key_county_month(long: pd.DataFrame, key: str) -> pd.DataFrame:
    """Counts per key × county × month (categories summed unless the key is category)."""
    frame = long.assign(key=_key(long, key))
    return frame.groupby(["key", "county_code", "month"], as_index=False)[
        ["count", "count_hidden"]].sum()


def _compare_months(kcm: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Per key: ``count, months_covered`` over the period and, like for like,
    ``current_compared, previous, days_current, days_previous, months_compared``; each
    count with its ``_hidden`` cells (public audience).

    ``months_covered`` counts county-months (a region of 5 counties × 12 months has 60).
    """
    months = period.months
    cur = kcm[kcm["month"].isin(months)]
    out = cur.groupby("key").agg(count=("count", "sum"), count_hidden=("count_hidden", "sum"),
                                 months_covered=("month", "size"))
    prev = kcm.assign(month=kcm["month"].map(lambda m: add_months(m, 12)))
    prev = prev[prev["month"].isin(months)].rename(
        columns={"count": "previous", "count_hidden": "previous_hidden"})
    matched = cur.merge(prev, on=["key", "county_code", "month"], how="inner")
    matched["days_current"] = [period.days_of(m) for m in matched["month"]]
    matched["days_previous"] = [days_in(add_months(m, -12), month_end(add_months(m, -12)))
                                for m in matched["month"]]
    cmp = matched.groupby("key").agg(
        current_compared=("count", "sum"), current_compared_hidden=("count_hidden", "sum"),
        previous=("previous", "sum"), previous_hidden=("previous_hidden", "sum"),
        days_current=("days_current", "sum"), days_previous=("days_previous", "sum"),
        months_compared=("month", "size"))
    return out.join(cmp, how="outer")


def _dispersion_monthly(kcm: pd.DataFrame, end: dt.date) -> pd.Series:
    """φ per key from the monthly series' pairs a year apart up to ``end``'s month."""
    last = end.replace(day=1)
    window = [add_months(last, -i) for i in range(DISPERSION_MONTHS)]
    cur = kcm[kcm["month"].isin(window)]
    old = kcm.assign(month=kcm["month"].map(lambda m: add_months(m, 12)))
    old = old[old["month"].isin(window)].rename(columns={"count": "earlier"})
    pairs = cur.merge(old.drop(columns="count_hidden"), on=["key", "county_code", "month"],
                      how="inner")
    sums = pairs.groupby(["key", "month"])[["count", "earlier"]].sum()
    if sums.empty:
        return pd.Series(dtype="float64")
    y = sums["count"].unstack("month")
    e = sums["earlier"].unstack("month")
    phi = dispersion(y.to_numpy(), e.to_numpy(), min_pairs=MIN_PAIRS_MONTHLY)
    return pd.Series(phi, index=y.index)


# --- whole calendar years ---------------------------------------------------------


def year_values(scope: Scope, engine, years: list[int]) -> pd.DataFrame:
    """Building block of whole-year figures. Per county × category × year:

    1. the published yearly figure for that category, where one exists;
    2. else the sum of the county's 12 months, when all 12 hold data;
    3. else 0 when the county has a published yearly table for that year (a category
       the table does not list had no crimes recorded).

    For the public audience the 12 months win over a published yearly figure (the public
    sees those months, and a year beside them could give a hidden month back), and a
    published figure of 1–4 is a protected cell like a month.

    Columns ``county_code, category_code, year, count, count_hidden, basis``
    ("published yearly" or "monthly"); county-years with none of these are absent.
    """
    cats = _categories(scope)
    keys = ["county_code", "category_code", "year"]
    ycov = covered_county_years(engine=engine)
    ycov = ycov[ycov["county_code"].isin(scope.county_codes) & ycov["year"].isin(years)]
    yrec = crime_year_records(engine=engine)
    published = yrec[yrec["county_code"].isin(scope.county_codes)
                     & yrec["category_code"].isin(cats) & yrec["year"].isin(years)]
    published = protect_cells(published[[*keys, "count"]], ["count"], applies=scope.public)

    long = crime_long(scope, engine)
    long = long.assign(year=long["month"].map(lambda m: m.year))
    long = long[long["year"].isin(years)]
    months = long.groupby(["county_code", "year"])["month"].nunique()
    whole = long.set_index(["county_code", "year"]).index.isin(months[months == 12].index)
    from_months = long[whole].groupby(keys, as_index=False)[["count", "count_hidden"]].sum()

    # Every county-year with a published table or 12 months of data gets every category.
    grid = pd.concat([ycov, from_months[["county_code", "year"]]]).drop_duplicates()
    grid = grid.merge(pd.DataFrame({"category_code": cats}), how="cross")
    out = grid.merge(published.rename(columns={"count": "published",
                                               "count_hidden": "published_hidden"}),
                     on=keys, how="left")
    out = out.merge(from_months.rename(columns={"count": "monthly",
                                                "count_hidden": "monthly_hidden"}),
                    on=keys, how="left")
    if scope.public:
        from_published = out["monthly"].isna()
    else:
        from_published = out["published"].notna() | out["monthly"].isna()
    out["basis"] = np.where(from_published, "published yearly", "monthly")
    out["count"] = out["published"].where(from_published, out["monthly"]).fillna(0.0) \
        .astype("float64")
    out["count_hidden"] = out["published_hidden"].where(from_published,
                                                        out["monthly_hidden"]) \
        .fillna(0).astype("int64")
    return out[[*keys, "count", "count_hidden", "basis"]]


def _compare_years(scope: Scope, engine, key: str) -> pd.DataFrame:
    """Like :func:`_compare_months` for a period of whole calendar years."""
    period = scope.period
    years = period.years
    vals = year_values(scope, engine, [y - 1 for y in years] + years)
    vals = vals.assign(key=_key(vals, key))
    kcy = vals.groupby(["key", "county_code", "year"], as_index=False).agg(
        count=("count", "sum"), count_hidden=("count_hidden", "sum"),
        published=("basis", lambda b: (b == "published yearly").any()))
    cur = kcy[kcy["year"].isin(years)]
    # a county counts towards the period only when every year of it has a value
    full = cur.groupby(["key", "county_code"])["year"].transform("size") == len(years)
    cur = cur[full]
    out = cur.groupby("key").agg(count=("count", "sum"), count_hidden=("count_hidden", "sum"),
                                 county_years=("year", "size"),
                                 published=("published", "any"))
    out["months_covered"] = out.pop("county_years") * 12
    prev = kcy.assign(year=kcy["year"] + 1).rename(
        columns={"count": "previous", "count_hidden": "previous_hidden"})
    matched = cur.merge(prev[["key", "county_code", "year", "previous", "previous_hidden"]],
                        on=["key", "county_code", "year"], how="inner")
    matched["days_current"] = [days_in(dt.date(y, 1, 1), dt.date(y, 12, 31))
                               for y in matched["year"]]
    matched["days_previous"] = [days_in(dt.date(y - 1, 1, 1), dt.date(y - 1, 12, 31))
                                for y in matched["year"]]
    cmp = matched.groupby("key").agg(
        current_compared=("count", "sum"), current_compared_hidden=("count_hidden", "sum"),
        previous=("previous", "sum"), previous_hidden=("previous_hidden", "sum"),
        days_current=("days_current", "sum"), days_previous=("days_previous", "sum"),
        months_compared=("year", lambda y: 12 * len(y)))
    return out.join(cmp, how="outer")


def _dispersion_yearly(scope: Scope, engine, key: str) -> pd.Series:
    """φ per key from year-on-year pairs of whole-year values (published or 12 months)."""
    yrec = crime_year_records(engine=engine)
    years = sorted(set(yrec["year"]))
    if not years:
        return pd.Series(dtype="float64")
    span = list(range(years[0], years[-1] + 1))
    vals = year_values(scope, engine, span)
    vals = vals.assign(key=_key(vals, key))
    kcy = vals.groupby(["key", "county_code", "year"], as_index=False)["count"].sum()
    prev = kcy.assign(year=kcy["year"] + 1).rename(columns={"count": "earlier"})
    pairs = kcy.merge(prev, on=["key", "county_code", "year"], how="inner")
    sums = pairs.groupby(["key", "year"])[["count", "earlier"]].sum()
    if sums.empty:
        return pd.Series(dtype="float64")
    phi = dispersion(sums["count"].unstack("year").to_numpy(),
                     sums["earlier"].unstack("year").to_numpy(), min_pairs=MIN_PAIRS_YEARLY)
    return pd.Series(phi, index=sums["count"].unstack("year").index)


# --- the figures -----------------------------------------------------------------


@cached_figure
def figures_by(scope: Scope, key: str, engine=None) -> pd.DataFrame:
    """Counts, coverage and change per key (``total``, ``county``, ``category`` or
    ``region`` as the index), like for like against the same months a year earlier,
    before any suppression: the one computation behind every crime figure."""
    long = crime_long(scope, engine)
    kcm = _by_key_county_month(long, key)
    if scope.period.whole_years:
        fig = _compare_years(scope, engine, key)
        # A key without a whole-year value still shows the months it has ("partial").
        months = _compare_months(kcm, scope.period)[["count", "count_hidden",
                                                     "months_covered"]]
        missing = months.index.difference(fig.index[fig["count"].notna()])
        fig = pd.concat([fig[fig["count"].notna()], months.loc[missing]])
        fig["published"] = fig["published"].fillna(False).astype(bool)
    else:
        fig = _compare_months(kcm, scope.period)
        fig["published"] = False
    phi = _dispersion_monthly(kcm, scope.period.end)
    yearly_phi = _dispersion_yearly(scope, engine, key)
    fig["dispersion"] = phi.reindex(fig.index)
    fig["dispersion"] = fig["dispersion"].fillna(yearly_phi.reindex(fig.index)).fillna(1.0)
    change = change_frame(fig.get("current_compared", np.nan), fig.get("previous", np.nan),
                          fig.get("days_current", np.nan), fig.get("days_previous", np.nan),
                          fig["dispersion"])
    change.index = fig.index
    return fig.join(change)


HIDDEN_COLS = ["count_hidden", "current_compared_hidden", "previous_hidden"]
"""How many hidden (protected) cells each count holds: 0 except for the public."""

_FIGURE_COLS = ["count", "months_covered", "current_compared", "previous", "days_current",
                "days_previous", "months_compared", "published", "dispersion",
                "pct_change", "difference", "z", "verdict", "direction", *HIDDEN_COLS]


def _yearly_only_counties(scope: Scope, engine) -> set[str]:
    """Counties in scope with published yearly figures for the period's years but no
    monthly record in the period (shown as "yearly figures only", never 0)."""
    ycov = covered_county_years(engine=engine)
    has_year = set(ycov[ycov["year"].isin(scope.period.years)]["county_code"])
    cov = covered_county_months(engine=engine)
    has_month = set(cov[cov["month"].isin(scope.period.months)]["county_code"])
    return (has_year - has_month) & set(scope.county_codes)


def county_crime(scope: Scope, *, engine=None) -> pd.DataFrame:
    """Crime per county in scope, as shown to ``scope.audience`` (see
    :func:`_county_table` for the columns); counts of 1–4 are hidden in the public
    audience, and always for sensitive-only selections, with their rate and change."""
    return _suppress(_county_table(scope, engine=engine), scope)


@cached_figure
def _county_table(scope: Scope, engine=None) -> pd.DataFrame:
    """Crime per county in scope, every county present, with coverage and change.

    Columns: ``county_code, county, region_code, region, population_2019, basis, months,
    months_covered, count, rate_per_100k, current_compared, previous, months_compared,
    pct_change, difference, z, dispersion, verdict, direction, note`` and
    ``count_display``, ``previous_display``. ``basis`` is "monthly", "published yearly",
    "partial" (some months missing: the count covers ``months_covered`` months and no
    rate is given), "yearly figures only" or "no data"; ``count`` is NaN unless there is
    data. Nothing is hidden here: :func:`county_crime` applies the audience.
    """
    base = counties_frame()
    base = base[base["county_code"].isin(scope.county_codes)].reset_index(drop=True)
    fig = figures_by(scope, "county", engine=engine).reindex(columns=_FIGURE_COLS)
    out = base.merge(fig, left_on="county_code", right_index=True, how="left")
    n = scope.period.n_months
    out["months"] = n
    out["months_covered"] = out["months_covered"].fillna(0).astype("int64")
    out["months_compared"] = out["months_compared"].fillna(0).astype("int64")
    out[HIDDEN_COLS] = out[HIDDEN_COLS].fillna(0).astype("int64")
    yearly_only = _yearly_only_counties(scope, engine)
    out["basis"] = np.select(
        [out["published"].fillna(False).astype(bool) & (out["months_covered"] >= n),
         out["months_covered"] >= n, out["months_covered"] > 0,
         out["county_code"].isin(yearly_only)],
        ["published yearly", "monthly", "partial", "yearly figures only"], default="no data")
    out.loc[out["months_covered"] == 0, "count"] = np.nan
    complete = out["basis"].isin(["monthly", "published yearly"])
    out["rate_per_100k"] = rate_per_100k(out["count"].where(complete), out["population_2019"])
    out["verdict"] = out["verdict"].fillna("no data to compare")
    out["direction"] = out["direction"].fillna("none")
    out["note"] = [_county_note(r, n) for r in out.itertuples()]
    out["note_sw"] = [_county_note(r, n, "sw") for r in out.itertuples()]
    return out.drop(columns=["published", "days_current", "days_previous"])


def _county_note(r, n: int, lang: str = "en") -> str:
    sw = lang == "sw"
    if r.basis == "partial":
        return f"data ya miezi {r.months_covered} kati ya {n}; hakuna kiwango" if sw \
            else f"data for {r.months_covered} of {n} months; no rate"
    if r.basis == "yearly figures only":
        return "takwimu za mwaka pekee: chagua mwaka mzima" if sw \
            else "yearly figures only: choose a whole calendar year"
    if r.basis == "no data":
        return "hakuna data kwa kipindi hiki" if sw else "no data for this period"
    if r.months_compared == 0:
        return "hakuna data mwaka mmoja kabla ya kulinganisha" if sw \
            else "no data a year earlier to compare with"
    if r.months_compared < r.months_covered:
        return f"mabadiliko yamepimwa katika miezi {r.months_compared} kati ya " \
               f"{r.months_covered} yenye data mwaka mmoja kabla" if sw else \
               f"change measured on {r.months_compared} of {r.months_covered} months " \
               "with data a year earlier"
    return ""


def _suppress(out: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """Counts as ``scope.audience`` sees them (:func:`data_access.privacy.audience_counts`):
    a count reading "<5" (public; always for sensitive-only selections) takes every
    figure that depends on it with it: the rate and the change."""
    sensitive = pd.Series(categories_sensitive(scope.categories), index=out.index)
    change = ["pct_change", "difference", "z"]
    cols = [c for c in ("count", "previous", "current_compared") if c in out]
    out = audience_counts(out, cols, public=scope.public, sensitive=sensitive,
                          dependents={"count": ["rate_per_100k", *change],
                                      "previous": change, "current_compared": change})
    hidden = pd.Series(False, index=out.index)
    for c in cols:
        hidden |= uncertain(out[f"{c}_display"])
    # No change or verdict is shown when a hidden count (or a range) is on either side.
    out.loc[hidden, ["pct_change", "difference", "z"]] = np.nan
    out.loc[hidden, "verdict"] = "too few to tell"
    out.loc[hidden, "direction"] = "none"
    return out


@dataclass(frozen=True)
class CrimeSummary:
    """The scope's crime in one place: what the headline figures show and say."""

    total: float  # events in covered county-months (NaN when none)
    rate_per_100k: float  # over counties with data for the whole period
    previous: float  # like-for-like comparison count (NaN when none)
    current_compared: float
    pct_change: float
    difference: float
    z: float
    dispersion: float
    verdict: str
    direction: str
    counties: int  # counties in scope
    counties_complete: int  # with data for every month (or a whole-year value)
    counties_partial: int
    counties_yearly_only: int
    counties_none: int
    months: int
    basis: str  # "monthly" / "published yearly" / "partial" / "yearly figures only" / "no data"
    coverage_note: str
    comparison_note: str
    hidden: bool  # some county counts are hidden for this audience
    population: int = 0  # 2019 population of the counties in scope
    # The three counts as this audience sees them: "<5" where hidden, "" for no data.
    total_display: str = ""
    current_compared_display: str = ""
    previous_display: str = ""
    coverage_note_sw: str = ""
    comparison_note_sw: str = ""

    @property
    def change_hidden(self) -> bool:
        """True when a count on either side of the change is hidden for this audience (or
        known only as a range on a public screen)."""
        return bool(uncertain(pd.Series([self.current_compared_display,
                                         self.previous_display])).any())

    def coverage(self, lang: str = "en") -> str:
        """What the figures cover, in ``lang``."""
        return self.coverage_note_sw if lang == "sw" else self.coverage_note

    def comparison(self, lang: str = "en") -> str:
        """What the change compares with, in ``lang``."""
        return self.comparison_note_sw if lang == "sw" else self.comparison_note


def crime_summary(scope: Scope, *, engine=None) -> CrimeSummary:
    """The scope's total, rate and change, with coverage and comparison notes.

    The total adds every county-month with data (partial counties included, the note
    says so); the rate uses only counties with data for the whole period; the change is
    like for like on county-months with data in both periods.
    """
    table = _county_table(scope, engine=engine)
    shown = _suppress(table, scope)
    raw = figures_by(scope, "total", engine=engine)
    row = raw.iloc[0] if len(raw) else pd.Series(dtype="object")
    n = scope.period.n_months
    complete = table["basis"].isin(["monthly", "published yearly"])
    n_complete = int(complete.sum())
    n_partial = int((table["basis"] == "partial").sum())
    n_yearly = int((table["basis"] == "yearly figures only").sum())
    n_none = int((table["basis"] == "no data").sum())
    total = float(table["count"].sum(min_count=1))
    total_hidden = int(table["count_hidden"].sum())
    rate = rate_per_100k(table.loc[complete, "count"].sum(),
                         table.loc[complete, "population_2019"].sum()) \
        if n_complete else np.nan
    # The summary's own counts, hidden by the same rule as every other count.
    counts = pd.DataFrame({
        "total": [total], "total_hidden": [total_hidden],
        "current_compared": [row.get("current_compared", np.nan)],
        "current_compared_hidden": [row.get("current_compared_hidden", 0)],
        "previous": [row.get("previous", np.nan)],
        "previous_hidden": [row.get("previous_hidden", 0)]})
    counts = audience_counts(counts, ["total", "current_compared", "previous"],
                             public=scope.public,
                             sensitive=pd.Series([categories_sensitive(scope.categories)]))
    if n_complete == len(table) and len(table):
        basis = "published yearly" if (table["basis"] == "published yearly").any() \
            else "monthly"
    elif n_complete or n_partial:
        basis = "partial"
    elif n_yearly:
        basis = "yearly figures only"
    else:
        basis = "no data"
    return CrimeSummary(
        total=total, rate_per_100k=rate,
        previous=float(row.get("previous", np.nan)),
        current_compared=float(row.get("current_compared", np.nan)),
        pct_change=float(row.get("pct_change", np.nan)),
        difference=float(row.get("difference", np.nan)),
        z=float(row.get("z", np.nan)), dispersion=float(row.get("dispersion", 1.0)),
        verdict=str(row.get("verdict", "no data to compare")),
        direction=str(row.get("direction", "none")),
        counties=len(table), counties_complete=n_complete, counties_partial=n_partial,
        counties_yearly_only=n_yearly, counties_none=n_none, months=n, basis=basis,
        coverage_note=coverage_note(table, n, whole_years=scope.period.whole_years),
        comparison_note=_comparison_note(scope, row),
        hidden=bool(shown["count_display"].str.startswith("<").any()) or total_hidden > 0,
        population=int(table["population_2019"].sum()),
        total_display=counts.at[0, "total_display"],
        current_compared_display=counts.at[0, "current_compared_display"],
        previous_display=counts.at[0, "previous_display"],
        coverage_note_sw=coverage_note(table, n, whole_years=scope.period.whole_years,
                                       lang="sw"),
        comparison_note_sw=_comparison_note(scope, row, "sw"),
    )


def coverage_note(counties: pd.DataFrame, months: int, *, whole_years: bool = False,
                  lang: str = "en") -> str:
    """'45 of 47 counties reported for all 12 months; part of the period: Lamu 9 of 12;
    no data: Mandera' (English or Kiswahili); one county: 'data for all 12 months'."""
    sw = lang == "sw"
    total = len(counties)
    complete = counties["basis"].isin(["monthly", "published yearly"])
    if total == 1:
        r = counties.iloc[0]
        if complete.all():
            return ("data ya kipindi chote" if sw else "data for the whole period") \
                if whole_years else (f"data ya miezi yote {months}" if sw
                                     else f"data for all {months} months")
        if r["basis"] == "partial":
            return f"data ya miezi {r['months_covered']} kati ya {months}" if sw \
                else f"data for {r['months_covered']} of {months} months"
        if r["basis"] == "yearly figures only":
            return "takwimu za mwaka pekee" if sw else "yearly figures only"
        return "hakuna data" if sw else "no data"
    if sw:
        span = "kipindi chote" if whole_years else f"miezi yote {months}"
        parts = [f"kaunti {int(complete.sum())} kati ya {total} ziliripoti kwa {span}"]
    else:
        span = "the whole period" if whole_years else \
            f"all {months} month{'s' if months != 1 else ''}"
        parts = [f"{int(complete.sum())} of {total} counties reported for {span}"]
    if complete.all():
        return parts[0]
    partial = counties[counties["basis"] == "partial"]
    if len(partial):
        of = "kati ya" if sw else "of"
        listed = ", ".join(f"{r.county} {r.months_covered} {of} {r.months}"
                           for r in partial.head(5).itertuples())
        more = (f" na {len(partial) - 5} zaidi" if sw else f" and {len(partial) - 5} more") \
            if len(partial) > 5 else ""
        parts.append(f"{'sehemu ya kipindi' if sw else 'part of the period'}: {listed}{more}")
    yearly = counties[counties["basis"] == "yearly figures only"]
    if len(yearly):
        label = "takwimu za mwaka pekee" if sw else "yearly figures only"
        parts.append(f"{label}: {_names(yearly, sw=sw)}")
    none = counties[counties["basis"] == "no data"]
    if len(none):
        parts.append(f"{'hakuna data' if sw else 'no data'}: {_names(none, sw=sw)}")
    return "; ".join(parts)


def _names(frame: pd.DataFrame, limit: int = 5, *, sw: bool = False) -> str:
    names = list(frame["county"])
    more = (f" na {len(names) - limit} zaidi" if sw else f" and {len(names) - limit} more") \
        if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _comparison_note(scope: Scope, row, lang: str = "en") -> str:
    sw = lang == "sw"
    cmp_label = scope.period.comparison_label(lang)
    compared = int(np.nan_to_num(row.get("months_compared", 0))) if len(row) else 0
    covered = int(np.nan_to_num(row.get("months_covered", 0))) if len(row) else 0
    earlier = scope.period.comparison.label(lang)
    if not compared:
        return f"hakuna ulinganisho: hakuna data katika miezi ileile mwaka mmoja kabla " \
               f"({earlier})" if sw else \
               f"no change: no data in the same months a year earlier ({earlier})"
    if compared < covered:
        return f"{cmp_label}; sawa kwa sawa katika miezi-kaunti {compared:,} kati ya " \
               f"{covered:,} yenye data katika vipindi vyote viwili" if sw else \
               f"{cmp_label}; like for like on {compared:,} of {covered:,} county-months " \
               "with data in both periods"
    return cmp_label


@cached_figure
def monthly_series(scope: Scope, *, by: str = "total", engine=None) -> pd.DataFrame:
    """Monthly crime per key over the period, with the same months a year earlier.

    Columns: ``key, month, count, previous_year, counties_reporting, counties`` — a month
    with no county reporting is NaN (a gap in the line, never 0); ``counties_reporting``
    says how many of the scope's counties the value covers — and ``count_hidden``,
    ``previous_year_hidden`` (hidden cells in each value, public audience).
    """
    if by not in KEYS:
        raise ValueError(f"cannot break down by {by!r}; choose one of {', '.join(KEYS)}")
    long = crime_long(scope, engine)
    kcm = _by_key_county_month(long, by)
    months = scope.period.months
    keys = sorted(set(kcm["key"])) if by != "total" else ["total"]
    grid = pd.MultiIndex.from_product([keys, months], names=["key", "month"])
    cur = kcm[kcm["month"].isin(months)].groupby(["key", "month"]).agg(
        count=("count", "sum"), count_hidden=("count_hidden", "sum"),
        counties_reporting=("county_code", "nunique"))
    old = kcm.assign(month=kcm["month"].map(lambda m: add_months(m, 12)))
    old = old[old["month"].isin(months)].groupby(["key", "month"])[
        ["count", "count_hidden"]].sum()
    old.columns = ["previous_year", "previous_year_hidden"]
    out = cur.reindex(grid).join(old.reindex(grid))
    out["counties_reporting"] = out["counties_reporting"].fillna(0).astype("int64")
    for col in ("count_hidden", "previous_year_hidden"):
        out[col] = out[col].fillna(0).astype("int64")
    out["counties"] = len(scope.county_codes)
    return out.reset_index()
