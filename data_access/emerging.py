"""Emerging threats: county × category pairs whose latest month is a significant rise
against their own baseline (DESIGN.md §4, ``metrics.DEFINITIONS["emerging"]``).

Rule, for each county × category in scope:

- the *latest month* is the last month of the chosen period that has any monthly or
  daily crime record in scope (a published yearly figure is never a month);
- *current* = its count in the latest month; *previous* = the month before;
  *baseline* = the mean of the N months before the latest month (N = 6 by default,
  including the previous month; months before the observatory's first month with
  records are left out of the mean rather than counted as zeros);
- it is flagged when ``z_previous = 2(√current − √previous) ≥ 3`` **and**
  ``z_baseline = 2(√current − √baseline) ≥ 3`` (the settings' significance threshold)
  **and** current ≥ 5 (for a rise, "both counts under 5" means current < 5: too few to
  tell, never flagged). A doubling from 2 to 4 is therefore never an emerging threat.
- severity is ``z`` = the smaller of the two z-scores; the list is sorted by it.

Computed in SQL from ``crime_agg`` grouped per county × category × month for the last
N + 1 months only, so it is fast at national scale.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from config import get_settings
from data_access import reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.crime import SUB_YEAR_GRAINS, counties_frame
from data_access.metrics import poisson_z
from data_access.privacy import suppress_counts
from data_access.trends import add_months

BASELINE_MONTHS = 6

COLUMNS = ["county_code", "county", "region_code", "category_code", "category", "category_sw",
           "month", "current", "previous", "baseline", "z_previous", "z_baseline", "z",
           "flagged", "reason", "reason_sw", "current_display", "previous_display",
           "baseline_display"]

_MONTHS_SW = ("Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov",
              "Des")


def _month_label(m: pd.Timestamp, lang: str, *, year: bool) -> str:
    name = _MONTHS_SW[m.month - 1] if lang == "sw" else m.strftime("%b")
    return f"{name} {m.year}" if year else name


def _fmt_baseline(v: float) -> str:
    return f"{v:,.0f}" if abs(v - round(v)) < 0.05 or v >= 10 else f"{v:,.1f}"


def reason_text(*, category: str, county: str, month: pd.Timestamp, current: str,
                previous: str, baseline: str, months: int, lang: str = "en") -> str:
    """The one-line reason, e.g. "Theft of stock in West Pokot: 41 in Oct 2026 vs 12 in Sep
    and a 6-month average of 11" (counts passed as display strings, so "<5" stays "<5")."""
    prev_month = month - pd.DateOffset(months=1)
    if lang == "sw":
        this_month = _month_label(month, "sw", year=True)
        return (f"{category} katika {county}: {current} mwezi {this_month}"
                f" dhidi ya {previous} mwezi {_month_label(prev_month, 'sw', year=False)}"
                f" na wastani wa miezi {months} wa {baseline}")
    return (f"{category} in {county}: {current} in {_month_label(month, 'en', year=True)} vs "
            f"{previous} in {_month_label(prev_month, 'en', year=False)} and a {months}-month "
            f"average of {baseline}")


def _latest_month(conn: Connection, start: dt.date, end: dt.date, categories, county_codes):
    agg = s.crime_agg
    cond = [agg.c.grain.in_(SUB_YEAR_GRAINS), agg.c.month >= start.replace(day=1),
            agg.c.month <= end]
    if categories:
        cond.append(agg.c.category_code.in_(list(categories)))
    if county_codes:
        cond.append(agg.c.county_code.in_(list(county_codes)))
    latest = conn.execute(sa.select(sa.func.max(agg.c.month)).where(*cond)).scalar()
    first = conn.execute(sa.select(sa.func.min(agg.c.month))
                         .where(agg.c.grain.in_(SUB_YEAR_GRAINS))).scalar()
    if latest is None:
        return None, None
    return pd.Timestamp(latest).to_period("M").to_timestamp(), \
        pd.Timestamp(first).to_period("M").to_timestamp()


@cached_query
def emerging_threats(conn: Connection, *, start: dt.date, end: dt.date,
                     county_codes: tuple[str, ...] = (), categories: tuple[str, ...] = (),
                     baseline_months: int = BASELINE_MONTHS, include_all: bool = False,
                     public: bool = False) -> pd.DataFrame:
    """County × category pairs whose latest month in [start, end] is an emerging threat.

    Columns: ``county_code, county, region_code, category_code, category, category_sw,
    month`` (the latest month), ``current, previous, baseline`` (mean of the
    ``baseline_months`` months before), ``z_previous, z_baseline, z`` (the smaller),
    ``flagged, reason, reason_sw`` and ``*_display`` strings for the three counts.
    Only flagged pairs unless ``include_all``; sorted by ``z`` then ``current``, highest
    first. Public mode (and always for sensitive categories) shows counts of 1–4 as "<5",
    in the reason too.
    """
    if baseline_months < 1:
        raise ValueError(f"baseline_months must be at least 1, got {baseline_months}")
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    county_codes, categories = tuple(county_codes), tuple(categories)
    latest, first = _latest_month(conn, start, end, categories, county_codes)
    if latest is None:
        return pd.DataFrame(columns=COLUMNS)
    window_start = add_months(latest.date(), -baseline_months)
    agg = s.crime_agg
    cond = [agg.c.grain.in_(SUB_YEAR_GRAINS), agg.c.month >= window_start,
            agg.c.month <= latest.date()]
    if categories:
        cond.append(agg.c.category_code.in_(list(categories)))
    if county_codes:
        cond.append(agg.c.county_code.in_(list(county_codes)))
    stmt = (sa.select(agg.c.county_code, agg.c.category_code, agg.c.month,
                      sa.func.sum(agg.c.count).label("count"))
            .where(*cond).group_by(agg.c.county_code, agg.c.category_code, agg.c.month))
    counts = read_df(conn, stmt)
    counts["month"] = pd.to_datetime(counts["month"]).dt.to_period("M").dt.to_timestamp()
    wide = counts.pivot_table(index=["county_code", "category_code"], columns="month",
                              values="count", aggfunc="sum", fill_value=0)
    prior = [pd.Timestamp(add_months(latest.date(), -k)) for k in range(baseline_months, 0, -1)]
    prior_known = [m for m in prior if m >= first]
    wide = wide.reindex(columns=[*prior, latest], fill_value=0)
    out = wide.reset_index()
    out["current"] = wide[latest].to_numpy()
    out["previous"] = wide[prior[-1]].to_numpy()
    out["baseline"] = (wide[prior_known].mean(axis=1).to_numpy() if prior_known
                       else np.nan)
    out = out[["county_code", "category_code", "current", "previous", "baseline"]]
    out["z_previous"] = poisson_z(out["current"], out["previous"])
    out["z_baseline"] = poisson_z(out["current"], out["baseline"])
    out["z"] = np.fmin(out["z_previous"], out["z_baseline"]) if prior_known else np.nan
    settings = get_settings()
    out["flagged"] = ((out["current"] >= settings.min_count_for_change)
                      & (out["z_previous"] >= settings.z_significant)
                      & (out["z_baseline"] >= settings.z_significant))
    if not include_all:
        out = out[out["flagged"]]
    out = _label(out, latest)
    out = out.sort_values(["z", "current"], ascending=False, kind="stable")
    out = out.reset_index(drop=True)
    sensitive = out["category_code"].map(lambda c: reference.CATEGORY_BY_CODE[c].sensitive)
    # z-scores would let a reader work a hidden count back out, so they go with it.
    out = suppress_counts(out, ["current", "previous"], public=public,
                          sensitive=sensitive.astype(bool),
                          dependents={"current": ["z_previous", "z_baseline", "z"],
                                      "previous": ["z_previous", "z"]})
    out = _suppress_baseline(out, public=public, sensitive=sensitive.astype(bool))
    months = len(prior_known)
    for lang, col in (("en", "reason"), ("sw", "reason_sw")):
        out[col] = [
            reason_text(category=r.category_sw if lang == "sw" else r.category,
                        county=r.county, month=r.month, current=r.current_display,
                        previous=r.previous_display, baseline=r.baseline_display,
                        months=months, lang=lang)
            for r in out.itertuples()
        ]
    return out[COLUMNS]


def _label(out: pd.DataFrame, latest: pd.Timestamp) -> pd.DataFrame:
    counties = counties_frame()[["county_code", "county", "region_code"]]
    out = out.merge(counties, on="county_code", how="left")
    out["category"] = out["category_code"].map(lambda c: reference.CATEGORY_BY_CODE[c].name)
    out["category_sw"] = out["category_code"].map(
        lambda c: reference.CATEGORY_BY_CODE[c].name_sw)
    out["month"] = latest
    return out


def _suppress_baseline(out: pd.DataFrame, *, public: bool,
                       sensitive: pd.Series) -> pd.DataFrame:
    """The baseline is a mean, not a count: where it is small (0 < mean < threshold) and
    suppression applies it reads "<5" like the counts it is made of."""
    k = get_settings().suppress_below
    applies = sensitive | public
    small = applies & (out["baseline"] > 0) & (out["baseline"] < k)
    display = out["baseline"].map(lambda v: "" if pd.isna(v) else _fmt_baseline(v))
    out["baseline_display"] = display.where(~small, f"<{k}").astype(object)
    out["baseline"] = out["baseline"].where(~small, np.nan)
    for col in ("z_baseline", "z"):
        out[col] = out[col].where(~small, np.nan)
    return out
