"""Observatory queries: crime counts and rates by county for a period.

Monthly and arbitrary-period figures read the ``crime_agg`` grains "day" and "month";
a figure published for a whole year (grain "year") is never spread into months, so it
appears only in yearly views (see ``data_access.trends.yearly_crime``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.metrics import rate_per_100k
from data_access.privacy import suppress_counts

SUB_YEAR_GRAINS = ("day", "month")


def counties_frame() -> pd.DataFrame:
    """The 47 counties: ``county_code, county, region_code, region, population_2019, area_km2``."""
    regions = {r.code: r.name for r in reference.REGIONS}
    return pd.DataFrame(
        [(c.code, c.name, c.region_code, regions[c.region_code], c.population_2019, c.area_km2)
         for c in reference.counties()],
        columns=["county_code", "county", "region_code", "region", "population_2019",
                 "area_km2"],
    )


def categories_sensitive(categories: tuple[str, ...] | list[str]) -> bool:
    """True when a selection consists only of sensitive categories (always suppressed)."""
    return bool(categories) and all(
        reference.CATEGORY_BY_CODE[c].sensitive for c in categories
    )


def _sub_year_filter(start: dt.date, end: dt.date, categories, county_codes):
    agg = s.crime_agg
    # The month bounds let the (grain, month) index narrow the scan; the period_start
    # bounds keep exact day limits.
    cond = [agg.c.grain.in_(SUB_YEAR_GRAINS), agg.c.month >= start.replace(day=1),
            agg.c.month <= end, agg.c.period_start >= start, agg.c.period_start <= end]
    if categories:
        cond.append(agg.c.category_code.in_(list(categories)))
    if county_codes:
        cond.append(agg.c.county_code.in_(list(county_codes)))
    return sa.and_(*cond)


@cached_query
def crime_counts_by_county(conn: Connection, *, start: dt.date, end: dt.date,
                           categories: tuple[str, ...] = (),
                           county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Raw counts per county in [start, end]: ``county_code, count`` (counties with none
    are absent). Internal building block; pages use :func:`crime_by_county`."""
    agg = s.crime_agg
    stmt = (sa.select(agg.c.county_code, sa.func.sum(agg.c.count).label("count"))
            .where(_sub_year_filter(start, end, categories, county_codes))
            .group_by(agg.c.county_code))
    return read_df(conn, stmt)


def crime_by_county(*, start: dt.date, end: dt.date, prev_start: dt.date | None = None,
                    prev_end: dt.date | None = None, categories: tuple[str, ...] = (),
                    county_codes: tuple[str, ...] = (), public: bool = False,
                    engine=None) -> pd.DataFrame:
    """Crime per county for a period, every county in scope present (0 where none).

    Columns: ``county_code, county, region_code, region, population_2019, count,
    rate_per_100k`` and, when a previous period is given, ``previous``. In public mode
    (and always for sensitive-only selections) counts of 1–4 become NaN with
    ``count_display`` "<5" and their rate is hidden too.
    """
    base = counties_frame()
    if county_codes:
        base = base[base["county_code"].isin(county_codes)]
    cur = crime_counts_by_county(engine=engine, start=start, end=end,
                                 categories=tuple(categories), county_codes=tuple(county_codes))
    out = base.merge(cur, on="county_code", how="left")
    out["count"] = out["count"].fillna(0).astype("int64")
    if prev_start is not None and prev_end is not None:
        prev = crime_counts_by_county(engine=engine, start=prev_start, end=prev_end,
                                      categories=tuple(categories),
                                      county_codes=tuple(county_codes))
        out = out.merge(prev.rename(columns={"count": "previous"}), on="county_code",
                        how="left")
        out["previous"] = out["previous"].fillna(0).astype("int64")
    out["rate_per_100k"] = rate_per_100k(out["count"], out["population_2019"])
    sensitive = pd.Series(categories_sensitive(categories), index=out.index)
    count_cols = ["count"] + (["previous"] if "previous" in out else [])
    return suppress_counts(out.reset_index(drop=True), count_cols, public=public,
                           sensitive=sensitive.reset_index(drop=True),
                           dependents={"count": ["rate_per_100k"]})
