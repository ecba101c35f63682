"""Which county-months hold crime data, the precedence between sources, and the default
period (docs/METHODS.md, "Coverage", "Precedence" and "Default period").

- A county-month is *covered* when the county has any crime record dated in that month
  (an incident point or a published monthly or daily count, any category). Inside a
  covered county-month a category with no record is a true 0; an uncovered county-month
  is "no data", never 0.
- Per county × category × month a published count wins over incident points; the two
  are never added. Where both exist and differ the month is listed as a disagreement.
- A county-year is covered by yearly figures when a published yearly figure exists.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import clock
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.figures.calendar import add_months, month_start
from data_access.figures.scope import Period

SUB_YEAR_GRAINS = ("day", "month")
DEFAULT_MONTHS = 12
# A month is complete once it has ended and at least this share of the counties that
# reported in the 12 months before it have reported for it (late returns are normal).
COMPLETE_SHARE = 0.5


@cached_query
def crime_month_records(conn: Connection) -> pd.DataFrame:
    """Monthly crime per county × category × month, one column per origin:
    ``county_code, category_code, month, published, incidents`` (NaN where that origin
    has no record). Whole database; the figures functions filter it."""
    agg = s.crime_agg
    keys = (agg.c.county_code, agg.c.category_code, agg.c.month, agg.c.origin)
    raw = read_df(conn, sa.select(*keys, sa.func.sum(agg.c.count).label("count"))
                  .where(agg.c.grain.in_(SUB_YEAR_GRAINS)).group_by(*keys))
    cols = ["county_code", "category_code", "month", "published", "incidents"]
    if raw.empty:
        return pd.DataFrame(columns=cols)
    raw["month"] = pd.to_datetime(raw["month"]).dt.date
    wide = raw.pivot_table(index=["county_code", "category_code", "month"],
                           columns="origin", values="count", aggfunc="sum")
    wide = wide.reindex(columns=["published", "incidents"]).reset_index()
    wide.columns.name = None
    return wide[cols]


@cached_query
def crime_year_records(conn: Connection) -> pd.DataFrame:
    """Published yearly figures: ``county_code, category_code, year, count``."""
    agg = s.crime_agg
    keys = (agg.c.county_code, agg.c.category_code, agg.c.year)
    out = read_df(conn, sa.select(*keys, sa.func.sum(agg.c.count).label("count"))
                  .where(agg.c.grain == "year").group_by(*keys))
    if out.empty:
        return pd.DataFrame(columns=["county_code", "category_code", "year", "count"])
    out["year"] = out["year"].astype("int64")
    out["count"] = out["count"].astype("float64")
    return out


def monthly_crime(*, engine=None) -> pd.DataFrame:
    """Crime per covered county × category × month after precedence.

    Columns: ``county_code, category_code, month, count, origin, differs`` where
    ``origin`` is "published" or "incidents" and ``differs`` is True where both origins
    exist for the key and disagree.
    """
    wide = crime_month_records(engine=engine)
    out = wide[["county_code", "category_code", "month"]].copy()
    has_pub = wide["published"].notna()
    out["count"] = wide["published"].where(has_pub, wide["incidents"]).astype("float64")
    out["origin"] = pd.Series("incidents", index=wide.index).where(~has_pub, "published")
    out["differs"] = has_pub & wide["incidents"].notna() & \
        (wide["published"] != wide["incidents"])
    return out


def covered_county_months(*, engine=None) -> pd.DataFrame:
    """``county_code, month`` for every county-month that holds crime data."""
    wide = crime_month_records(engine=engine)
    return wide[["county_code", "month"]].drop_duplicates().reset_index(drop=True)


def covered_county_years(*, engine=None) -> pd.DataFrame:
    """``county_code, year`` for every county-year with a published yearly figure."""
    return crime_year_records(engine=engine)[["county_code", "year"]].drop_duplicates()


def latest_complete_month(*, engine=None, today: dt.date | None = None) -> dt.date | None:
    """The latest month that ended before today and holds crime records for at least half
    of the counties that reported in the 12 months before it; None without monthly data."""
    today = today or clock.today()
    cov = covered_county_months(engine=engine)
    if cov.empty:
        return None
    per_month = cov.groupby("month")["county_code"].nunique()
    for month in sorted(per_month.index, reverse=True):
        if month >= month_start(today):
            continue  # the current month (or a future one) is never whole
        window = cov[(cov["month"] < month) & (cov["month"] >= add_months(month, -12))]
        reporting = window["county_code"].nunique()
        if per_month[month] >= COMPLETE_SHARE * reporting:
            return month
    return None


def latest_published_year(*, engine=None) -> int | None:
    """The latest year with a published yearly figure, or None."""
    years = crime_year_records(engine=engine)["year"]
    return int(years.max()) if len(years) else None


def default_period(*, engine=None, today: dt.date | None = None) -> Period:
    """The period every page opens on: the latest 12 complete months of crime data (fewer
    when the data are shorter); with yearly figures only, the latest published year;
    with no crime data, the 12 months before today's month. Other sources never move it.
    """
    today = today or clock.today()
    last = latest_complete_month(engine=engine, today=today)
    if last is not None:
        first = covered_county_months(engine=engine)["month"].min()
        n = min(DEFAULT_MONTHS, (last.year - first.year) * 12 + last.month - first.month + 1)
        return Period.months_to(last, n)
    year = latest_published_year(engine=engine)
    if year is not None:
        return Period.year(year)
    return Period.months_to(add_months(today, -1), DEFAULT_MONTHS)


def crime_month_bounds(*, engine=None) -> tuple[dt.date, dt.date] | None:
    """First and last month holding crime data (monthly records, or January and December
    of the first and last published years); None without crime data."""
    months = covered_county_months(engine=engine)["month"]
    years = crime_year_records(engine=engine)["year"]
    firsts = [m for m in [months.min() if len(months) else None] if m is not None]
    lasts = [m for m in [months.max() if len(months) else None] if m is not None]
    if len(years):
        firsts.append(dt.date(int(years.min()), 1, 1))
        lasts.append(dt.date(int(years.max()), 12, 1))
    if not firsts:
        return None
    return min(firsts), max(lasts)
