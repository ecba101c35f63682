"""Trends on small hand-built databases: monthly series with the previous year, year to
date, yearly figures (published first, never double counted) and county-vs-region rates.

Counts go straight into ``crime_agg`` so each expected number can be worked by hand.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema as s
from data_access.engine import bump_data_version
from data_access.trends import (
    area_rate_series,
    breakdown_keys,
    monthly_counts,
    top_keys,
    trend_series,
    year_on_year,
    yearly_crime,
    yearly_series,
    ytd_comparison,
)
from tests.apptest_helpers import problems, run_page

MOMBASA_POP = 1_208_333
COAST_POP = 4_329_474
KENYA_POP = 47_564_296


def agg_row(county: str, category: str, grain: str, start: dt.date, count: int) -> dict:
    return {"county_code": county, "category_code": category, "grain": grain,
            "period_start": start, "month": start.replace(day=1), "year": start.year,
            "count": count}


def put(engine: sa.Engine, rows: list[dict]) -> None:
    with engine.begin() as conn:
        conn.execute(s.crime_agg.insert(), rows)
        bump_data_version(conn)


@pytest.fixture
def observatory(engine: sa.Engine) -> sa.Engine:
    """Two years of known counts.

    - Mombasa robbery: monthly 10 in every month of 2025, 20 in Jan–Jun 2026; plus a
      day-grain record of 3 on 15 Mar 2026 (so March 2026 = 23).
    - Mombasa stealing: monthly 5 in every month of 2025 and Jan–Jun 2026, AND a
      published 2025 yearly figure of 100 (which must replace the 60 for 2025 in yearly
      views and never appear in a month).
    - West Pokot (Rift Valley) theft of stock: 7 in Mar 2025 and 9 in Mar 2026.
    - Mombasa offences against morality (sensitive): 3 in Jun 2026.
    """
    rows = []
    for m in range(1, 13):
        rows.append(agg_row("001", "robbery", "month", dt.date(2025, m, 1), 10))
        rows.append(agg_row("001", "stealing", "month", dt.date(2025, m, 1), 5))
    for m in range(1, 7):
        rows.append(agg_row("001", "robbery", "month", dt.date(2026, m, 1), 20))
        rows.append(agg_row("001", "stealing", "month", dt.date(2026, m, 1), 5))
    rows.append(agg_row("001", "robbery", "day", dt.date(2026, 3, 15), 3))
    rows.append(agg_row("001", "stealing", "year", dt.date(2025, 1, 1), 100))
    rows.append(agg_row("024", "theft_of_stock", "month", dt.date(2025, 3, 1), 7))
    rows.append(agg_row("024", "theft_of_stock", "month", dt.date(2026, 3, 1), 9))
    rows.append(agg_row("001", "offences_against_morality", "month", dt.date(2026, 6, 1), 3))
    put(engine, rows)
    return engine


def series(engine, **kw) -> pd.DataFrame:
    return trend_series(engine=engine, **kw)


H1_2026 = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 6, 30)}


def test_monthly_counts_ignore_yearly_figures(observatory):
    with observatory.connect() as conn:
        out = monthly_counts.uncached(conn, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    stealing = out[out["category_code"] == "stealing"]
    assert len(stealing) == 12 and set(stealing["count"]) == {5}
    assert stealing["count"].sum() == 60  # not 160: the published 100 is not a month


def test_yearly_figure_never_appears_in_a_monthly_series(observatory):
    out = series(observatory, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
                 by="category", categories=("stealing",))
    assert list(out["count"]) == [5] * 12
    assert out["count"].sum() == 60
    # January 2025 is where a spread-out or lump-sum yearly figure would land.
    assert out.loc[out["month"] == pd.Timestamp(2025, 1, 1), "count"].item() == 5


def test_series_has_previous_year_beside_each_month(observatory):
    out = series(observatory, **H1_2026, by="category", categories=("robbery",))
    assert list(out["month"]) == list(pd.date_range("2026-01-01", "2026-06-01", freq="MS"))
    assert list(out["count"]) == [20, 20, 23, 20, 20, 20]
    assert list(out["previous_year"]) == [10] * 6
    assert list(out["previous_month"]) == list(pd.date_range("2025-01-01", "2025-06-01",
                                                             freq="MS"))


@pytest.mark.parametrize(("by", "keys", "totals", "grand"), [
    ("total", ["total"], {"total": 123 + 30 + 9 + 3}, 165),
    # The sensitive category's 3 is hidden (shown "<5") even off the public screen.
    ("category", None, {"robbery": 123, "stealing": 30, "theft_of_stock": 9,
                        "offences_against_morality": 0, "homicide": 0}, 162),
    ("region", ["coast", "north_eastern", "eastern", "central", "rift_valley", "western",
                "nyanza", "nairobi"], {"coast": 156, "rift_valley": 9, "nairobi": 0}, 165),
    ("county", None, {"001": 156, "024": 9, "047": 0}, 165),
])
def test_breakdowns_share_out_the_same_total(observatory, by, keys, totals, grand):
    out = series(observatory, **H1_2026, by=by)
    per_key = out.groupby("key", sort=False)["count"].sum()
    if keys is not None:
        assert list(per_key.index) == keys
    for key, total in totals.items():
        assert per_key[key] == total
    assert out["count"].sum() == grand
    assert out["month"].nunique() == 6 and len(out) == 6 * len(per_key)


def test_region_scope_lists_only_its_counties(observatory):
    coast = ("001", "002", "003", "004", "005", "006")
    out = series(observatory, **H1_2026, by="county", county_codes=coast)
    assert sorted(out["key"].unique()) == sorted(coast)
    assert out["count"].sum() == 156
    keys = breakdown_keys("region", county_codes=coast)
    assert list(keys["key"]) == ["coast"] and list(keys["label_sw"]) == ["Pwani"]


def test_top_keys(observatory):
    out = series(observatory, **H1_2026, by="category")
    assert top_keys(out, 3) == ["robbery", "stealing", "theft_of_stock"]


def test_public_mode_and_sensitive_categories_hide_small_counts(observatory):
    private = series(observatory, **H1_2026, by="category")
    morality = private[private["key"] == "offences_against_morality"]
    # Sensitive: hidden even off the public screen.
    assert morality["count"].isna().sum() == 1 and "<5" in set(morality["count_display"])
    public = series(observatory, **H1_2026, by="county", county_codes=("024",), public=True)
    march = public[public["month"] == pd.Timestamp(2026, 3, 1)].iloc[0]
    assert march["count"] == 9 and march["previous_year"] == 7
    private_pokot = series(observatory, **H1_2026, by="county", county_codes=("024",))
    assert private_pokot["count"].sum() == 9
    small = series(observatory, start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30),
                   by="total", county_codes=("001",), categories=("offences_against_morality",))
    assert math.isnan(small.iloc[0]["count"]) and small.iloc[0]["count_display"] == "<5"


@pytest.mark.parametrize(("by", "key", "current", "previous", "verdict"), [
    # Jan–Jun 2026 vs Jan–Jun 2025: robbery 123 vs 60, z = 2(√123 − √60) ≈ 6.69
    ("category", "robbery", 123, 60, "significant"),
    ("category", "stealing", 30, 30, "too few to tell"),
    ("category", "theft_of_stock", 9, 7, "too few to tell"),
    ("total", "total", 165, 97, "significant"),
])
def test_year_to_date_against_last_year_to_date(observatory, by, key, current, previous,
                                                verdict):
    out = ytd_comparison(engine=observatory, end=dt.date(2026, 6, 30), by=by)
    row = out.set_index("key").loc[key]
    assert (row["current"], row["previous"]) == (current, previous)
    assert row["z"] == pytest.approx(2 * (math.sqrt(current) - math.sqrt(previous)))
    assert row["verdict"] == verdict
    if previous:
        assert row["pct_change"] == pytest.approx((current - previous) / previous * 100)
    assert row["period_from"] == dt.date(2026, 1, 1) and row["period_to"] == dt.date(2026, 6, 30)
    assert (row["previous_from"], row["previous_to"]) == (dt.date(2025, 1, 1),
                                                          dt.date(2025, 6, 30))


def test_year_to_date_ends_with_the_period_month(observatory):
    out = ytd_comparison(engine=observatory, end=dt.date(2026, 3, 31), by="category",
                         categories=("robbery",))
    row = out.iloc[0]
    assert (row["current"], row["previous"]) == (63, 30)  # 20+20+23 vs 10+10+10


@pytest.mark.parametrize(("start", "end", "current", "previous"), [
    (dt.date(2026, 3, 1), dt.date(2026, 3, 31), 23, 10),
    (dt.date(2026, 2, 1), dt.date(2026, 4, 30), 63, 30),
    (dt.date(2025, 11, 1), dt.date(2026, 2, 28), 60, 20),  # Nov–Dec 2024 had none
])
def test_year_on_year_for_any_period(observatory, start, end, current, previous):
    out = year_on_year(engine=observatory, start=start, end=end, by="category",
                       categories=("robbery",))
    assert (out.iloc[0]["current"], out.iloc[0]["previous"]) == (current, previous)


def test_year_on_year_over_february_of_a_leap_year(engine):
    put(engine, [agg_row("001", "robbery", "day", dt.date(2024, 2, 29), 7),
                 agg_row("001", "robbery", "day", dt.date(2023, 2, 28), 5)])
    out = year_on_year(engine=engine, start=dt.date(2024, 2, 1), end=dt.date(2024, 2, 29))
    assert (out.iloc[0]["current"], out.iloc[0]["previous"]) == (7, 5)


def test_yearly_view_uses_published_figure_without_double_counting(observatory):
    with observatory.connect() as conn:
        rows = yearly_crime.uncached(conn)
    stealing_2025 = rows[(rows["category_code"] == "stealing") & (rows["year"] == 2025)]
    assert len(stealing_2025) == 1  # one figure per county × category × year
    assert stealing_2025.iloc[0][["count", "basis"]].tolist() == [100, "published"]
    robbery_2025 = rows[(rows["category_code"] == "robbery") & (rows["year"] == 2025)].iloc[0]
    assert robbery_2025[["count", "basis", "months_covered"]].tolist() == [120, "monthly", 12]
    stealing_2026 = rows[(rows["category_code"] == "stealing") & (rows["year"] == 2026)].iloc[0]
    assert stealing_2026[["count", "basis", "months_covered", "first_month",
                          "last_month"]].tolist() == [30, "monthly", 6, 1, 6]
    pokot_2025 = rows[(rows["county_code"] == "024") & (rows["year"] == 2025)].iloc[0]
    assert pokot_2025[["months_covered", "first_month", "last_month"]].tolist() == [1, 3, 3]


@pytest.mark.parametrize(("by", "year", "key", "count", "published", "from_months"), [
    ("category", 2025, "stealing", 100, 100, 0),  # published, replaces 12 × 5
    ("category", 2025, "robbery", 120, 0, 120),
    ("category", 2026, "stealing", 30, 0, 30),
    ("total", 2025, "total", 100 + 120 + 7, 100, 127),  # not 100 + 60 + 120 + 7
    ("total", 2026, "total", 123 + 30 + 9 + 3, 0, 165),
    ("region", 2025, "coast", 220, 100, 120),
])
def test_yearly_series(observatory, by, year, key, count, published, from_months):
    out = yearly_series(engine=observatory, by=by)
    row = out[(out["year"] == year) & (out["key"] == key)].iloc[0]
    assert (row["count"], row["published"], row["from_months"]) == (count, published,
                                                                    from_months)


def test_yearly_series_marks_partial_years(observatory):
    out = yearly_series(engine=observatory, by="total")
    assert out.set_index("year")["complete"].to_dict() == {2025: True, 2026: False}
    assert out.set_index("year")["last_month"].to_dict() == {2025: 12, 2026: 6}
    assert out.set_index("year")["first_month"].to_dict() == {2025: 1, 2026: 1}
    pokot = yearly_series(engine=observatory, by="total", county_codes=("024",))
    assert pokot.set_index("year")["complete"].to_dict() == {2025: False, 2026: False}


def test_county_rate_against_region_and_kenya(observatory):
    out = area_rate_series(engine=observatory, start=dt.date(2026, 3, 1),
                           end=dt.date(2026, 3, 31), county_code="001")
    by_area = out.set_index("area")
    # March 2026: Mombasa robbery 23 + stealing 5 = 28; West Pokot 9 (Rift Valley).
    assert by_area.loc["county", "count"] == 28
    assert by_area.loc["county", "rate_per_100k"] == pytest.approx(28 / MOMBASA_POP * 1e5)
    assert by_area.loc["region", "count"] == 28
    assert by_area.loc["region", "rate_per_100k"] == pytest.approx(28 / COAST_POP * 1e5)
    assert by_area.loc["kenya", "count"] == 37
    assert by_area.loc["kenya", "rate_per_100k"] == pytest.approx(37 / KENYA_POP * 1e5)
    assert by_area.loc["county", "label"] == "Mombasa"
    assert by_area.loc["region", "label"] == "Coast region"


def test_rate_series_public_mode_hides_small_county_months_only(observatory):
    out = area_rate_series(engine=observatory, start=dt.date(2026, 6, 1),
                           end=dt.date(2026, 6, 30), county_code="024", public=True)
    by_area = out.set_index("area")
    assert by_area.loc["county", "count"] == 0  # zero is not a small count
    june_morality = area_rate_series(engine=observatory, start=dt.date(2026, 6, 1),
                                     end=dt.date(2026, 6, 30), county_code="001",
                                     categories=("offences_against_morality",))
    county = june_morality.set_index("area").loc["county"]
    assert math.isnan(county["count"]) and math.isnan(county["rate_per_100k"])
    assert county["count_display"] == "<5"


@pytest.mark.parametrize(("call", "message"), [
    (lambda e: trend_series(engine=e, start=dt.date(2026, 2, 1), end=dt.date(2026, 1, 1)),
     "ends"),
    (lambda e: trend_series(engine=e, **H1_2026, by="ward"), "cannot break down by 'ward'"),
    (lambda e: area_rate_series(engine=e, **H1_2026, county_code="048"),
     "unknown county code '048'"),
])
def test_bad_input_gets_a_clear_message(engine, call, message):
    with pytest.raises(ValueError, match=message):
        call(engine)


def test_empty_database(engine):
    out = trend_series(engine=engine, **H1_2026, by="region")
    assert len(out) == 8 * 6 and out["count"].sum() == 0
    assert yearly_series(engine=engine).empty
    assert ytd_comparison(engine=engine, end=dt.date(2026, 6, 30))["current"].sum() == 0


# --- the Trends page (AppTest on the shared demo database) ---------------------------------



def _trends_page(url: str, monkeypatch, **params):
    return run_page(url, monkeypatch, "trends.py", **params)


def _table_with(at, column: str) -> pd.DataFrame:
    return next(f.value for f in at.dataframe if column in f.value.columns)


@pytest.mark.parametrize(("params", "by"), [
    ({}, "total"),
    ({}, "category"),
    ({}, "region"),
    ({}, "county"),
    ({"region": "coast"}, "county"),
    ({"county": "023"}, "category"),
    ({"county": "024", "cat": "theft_of_stock"}, "region"),
    ({"cat": "offences_against_morality", "mode": "public"}, "county"),
    ({"region": "nairobi", "lang": "sw", "from": "2026-01", "to": "2026-06"}, "category"),
])
def test_trends_page_runs_for_filter_combinations(demo_sqlite_url, monkeypatch, params, by):
    at = _trends_page(demo_sqlite_url, monkeypatch, **params)
    at.segmented_control(key="trends_by").set_value(by).run()
    assert not problems(at), "\n".join(problems(at))
    assert len(at.get("plotly_chart")) == 4  # monthly, year to date, multiples, yearly
    assert len(at.metric) == 3


def test_trends_tables_keep_yearly_figures_out_of_months(demo_sqlite_url, monkeypatch):
    at = _trends_page(demo_sqlite_url, monkeypatch, **{"from": "2025-11", "to": "2026-10"})
    # Switch every chart to its table (what the CSV download holds).
    for key in ("trends_monthly", "trends_yearly"):
        at.segmented_control(key=f"{key}_view").set_value("table").run()
    assert not problems(at)
    monthly = _table_with(at, "same month a year earlier")
    assert monthly["month"].min() == "2025-11" and monthly["month"].max() == "2026-10"
    yearly = _table_with(at, "from published yearly figures")
    published = yearly[yearly["from published yearly figures"] > 0]
    # The demo publishes 2021 and 2022 as yearly figures only: they appear in the yearly
    # view, whole, and nothing of theirs is added from months.
    assert set(published["year"]) == {2021, 2022}
    assert (published["from monthly and daily records"] == 0).all()
