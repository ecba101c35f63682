"""Trends on small hand-built databases: monthly series (a month without data is a gap,
never 0), breakdowns that add only covered county-months, year to date like for like, a
month to date compared per day, the yearly view (published figures, never spread into
months) and a county's rate beside its region's and Kenya's.

Counts go straight into ``crime_agg`` (or through the CSV import) so each expected number
can be worked by hand.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import reference
from data_access import schema as s
from data_access.engine import bump_data_version
from data_access.figures.crime import crime_summary
from data_access.figures.scope import Audience, Period, Scope
from data_access.figures.trends import (
    area_rate_series,
    breakdown_keys,
    monthly_availability,
    monthly_message,
    period_comparison,
    top_keys,
    trend_series,
    yearly_series,
    ytd_comparison,
    ytd_period,
)
from data_access.imports import import_file
from tests.apptest_helpers import problems, run_page
from tests.clock import TODAY

POP = {c.code: c.population_2019 for c in reference.counties()}
COAST = [c.code for c in reference.counties() if c.region_code == "coast"]
H1_2026 = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
NAN = float("nan")
YEARLY_ONLY_MESSAGE = "Monthly figures are not available for this period: yearly figures only"


def agg_row(county: str, category: str, grain: str, start: dt.date, count: int,
            origin: str = "published") -> dict:
    return {"county_code": county, "category_code": category, "grain": grain,
            "period_start": start, "month": start.replace(day=1), "year": start.year,
            "origin": origin, "count": count}


def put(engine: sa.Engine, rows: list[dict]) -> None:
    with engine.begin() as conn:
        conn.execute(s.crime_agg.insert(), rows)
        bump_data_version(conn)


def scope(period: Period = H1_2026, *, public: bool = False, **kw) -> Scope:
    return Scope(period, Audience.PUBLIC if public else Audience.INTERNAL, **kw)


def values(series: pd.Series) -> list:
    """Values with NaN kept apart from numbers (NaN != NaN would fail a list compare)."""
    return ["nan" if pd.isna(v) else v for v in series]


@pytest.fixture
def observatory(engine: sa.Engine) -> sa.Engine:
    """Known counts, all published unless said otherwise.

    - Mombasa (001) robbery: 10 in every month of 2025, 20 in Jan–Jun 2026, and an
      incident point of 3 on 15 Mar 2026 (published wins: March 2026 is 20, not 23).
    - Mombasa stealing: 5 in every month of 2025 and Jan–Jun 2026, and a published 2025
      yearly figure of 100 (used by the yearly view only; never in a month).
    - Mombasa offences against morality (sensitive): 3 in Jun 2026.
    - Kwale (002, Coast) robbery: 4 in Jan 2026 only (no data in any other month).
    - Kilifi (003, Coast) robbery: 2 in every month of 2025, nothing in 2026.
    - West Pokot (024, Rift Valley) theft of stock: 7 in Mar 2025 and 9 in Mar 2026 only.
    """
    rows = []
    for m in range(1, 13):
        rows.append(agg_row("001", "robbery", "month", dt.date(2025, m, 1), 10))
        rows.append(agg_row("001", "stealing", "month", dt.date(2025, m, 1), 5))
        rows.append(agg_row("003", "robbery", "month", dt.date(2025, m, 1), 2))
    for m in range(1, 7):
        rows.append(agg_row("001", "robbery", "month", dt.date(2026, m, 1), 20))
        rows.append(agg_row("001", "stealing", "month", dt.date(2026, m, 1), 5))
    rows.append(agg_row("001", "robbery", "day", dt.date(2026, 3, 15), 3, origin="incidents"))
    rows.append(agg_row("001", "stealing", "year", dt.date(2025, 1, 1), 100))
    rows.append(agg_row("001", "offences_against_morality", "month", dt.date(2026, 6, 1), 3))
    rows.append(agg_row("002", "robbery", "month", dt.date(2026, 1, 1), 4))
    rows.append(agg_row("024", "theft_of_stock", "month", dt.date(2025, 3, 1), 7))
    rows.append(agg_row("024", "theft_of_stock", "month", dt.date(2026, 3, 1), 9))
    put(engine, rows)
    return engine


# --- monthly series: no data is not zero ----------------------------------------------


def test_a_month_without_data_is_nan_not_zero(observatory):
    out = trend_series(scope(county="024"), by="total", engine=observatory)
    assert values(out["count"]) == ["nan", "nan", 9, "nan", "nan", "nan"]
    assert values(out["previous_year"]) == ["nan", "nan", 7, "nan", "nan", "nan"]
    assert list(out["counties_reporting"]) == [0, 0, 1, 0, 0, 0]
    assert list(out["count_display"]) == ["", "", "9", "", "", ""]
    assert list(out["month"]) == list(pd.date_range("2026-01-01", "2026-06-01", freq="MS"))
    assert list(out["previous_month"]) == list(pd.date_range("2025-01-01", "2025-06-01",
                                                             freq="MS"))


def test_a_category_without_records_in_a_covered_month_is_zero(observatory):
    # Mombasa reported in January 2026 (robbery, stealing): its homicide is a true 0.
    out = trend_series(scope(county="001", categories=("homicide",)), engine=observatory)
    assert values(out["count"]) == [0, 0, 0, 0, 0, 0]


def test_published_counts_win_over_incident_points(observatory):
    out = trend_series(scope(county="001", categories=("robbery",)), engine=observatory)
    assert values(out["count"]) == [20] * 6  # March is 20, not 20 + 3
    assert values(out["previous_year"]) == [10] * 6


def test_yearly_figure_never_appears_in_a_monthly_series(observatory):
    out = trend_series(scope(Period.year(2025), categories=("stealing",)), by="category",
                       engine=observatory)
    assert values(out["count"]) == [5] * 12  # not 100 in January, nor 100/12 a month
    assert out["count"].sum() == 60


def test_breakdowns_add_only_covered_county_months(observatory):
    total = trend_series(scope(), by="total", engine=observatory).set_index("month")
    # Mombasa 25 a month (28 in June with morality), Kwale 4 in January, Pokot 9 in March.
    assert values(total["count"]) == [29, 25, 34, 25, 25, 28]
    assert list(total["counties_reporting"]) == [2, 1, 2, 1, 1, 1]
    assert set(total["counties"]) == {47}
    regions = trend_series(scope(), by="region", engine=observatory)
    assert list(breakdown_keys(scope(), "region")["key"]) == [r.code for r in
                                                             reference.REGIONS]
    coast = regions[regions["key"] == "coast"].set_index("month")
    assert values(coast["count"]) == [29, 25, 25, 25, 25, 28]
    assert list(coast["counties_reporting"]) == [2, 1, 1, 1, 1, 1]
    assert set(coast["counties"]) == {6}
    rift = regions[regions["key"] == "rift_valley"]
    assert values(rift["count"]) == ["nan", "nan", 9, "nan", "nan", "nan"]
    # Regions with no county reporting are gaps, not zeros.
    assert regions[regions["key"] == "nairobi"]["count"].isna().all()
    # Each month the regions (and the counties) add up to the total, gaps adding nothing.
    for by in ("region", "county"):
        part = trend_series(scope(), by=by, engine=observatory)
        per_month = part.groupby("month")["count"].sum(min_count=1)
        assert per_month.tolist() == total["count"].tolist()
    counties = trend_series(scope(region="coast"), by="county", engine=observatory)
    assert sorted(counties["key"].unique()) == sorted(COAST)
    kwale = counties[counties["key"] == "002"]
    assert values(kwale["count"]) == [4, "nan", "nan", "nan", "nan", "nan"]


def test_previous_year_coverage_is_reported(observatory):
    out = trend_series(scope(), by="total", engine=observatory)
    # Mombasa and Kilifi every month of 2025, West Pokot in March.
    assert list(out["previous_counties_reporting"]) == [2, 2, 3, 2, 2, 2]


def test_a_month_to_date_is_flagged(observatory):
    out = trend_series(scope(Period(dt.date(2026, 5, 1), dt.date(2026, 6, 15))),
                       engine=observatory)
    assert list(out["to_date"]) == [False, True]
    assert list(out["days"]) == [31, 15]


def test_top_keys(observatory):
    out = trend_series(scope(), by="category", engine=observatory)
    assert top_keys(out, 3) == ["robbery", "stealing", "theft_of_stock"]


def test_public_screen_and_sensitive_categories_hide_small_counts(observatory):
    private = trend_series(scope(), by="category", engine=observatory)
    morality = private[private["key"] == "offences_against_morality"]
    # Sensitive: June's 3 is hidden even off the public screen; other months are 0.
    assert values(morality["count"]) == [0, 0, 0, 0, 0, "nan"]
    assert list(morality["count_display"])[-1] == "<5"
    public = trend_series(scope(public=True, county="002"), engine=observatory)
    assert list(public["count_display"])[0] == "<5" and math.isnan(public["count"].iloc[0])
    assert list(public["count_display"])[1] == ""  # no data stays "no data", not "<5"


# --- the monthly view on a database of yearly figures only --------------------------------


def yearly_csv(years: tuple[int, ...]) -> bytes:
    """Published yearly figures for Mombasa, Kwale and Nairobi: robbery and stealing."""
    lines = ["county,category,period_start,period_end,count,source"]
    for y in years:
        for county, base in (("Mombasa", 100), ("Kwale", 40), ("Nairobi City", 500)):
            lines.append(f"{county},Robbery,{y}-01-01,{y}-12-31,{base + y % 10},NPS {y}")
            lines.append(f"{county},Stealing,{y}-01-01,{y}-12-31,{base // 2},NPS {y}")
    return "\n".join(lines).encode()


@pytest.fixture
def yearly_only(engine: sa.Engine) -> sa.Engine:
    report = import_file(engine, kind="crime-counts", data=yearly_csv((2024, 2025)),
                         filename="nps_yearly.csv")
    assert report.written, [p.text() for p in report.problems]
    return engine


def test_yearly_only_database_has_no_monthly_line(yearly_only):
    year = scope(Period.year(2025))
    out = trend_series(year, by="total", engine=yearly_only)
    assert len(out) == 12 and out["count"].isna().all()  # gaps, not a flat 0 line
    assert out["previous_year"].isna().all()
    assert monthly_availability(year, engine=yearly_only) == "yearly figures only"
    assert monthly_message(year, engine=yearly_only) == YEARLY_ONLY_MESSAGE
    assert monthly_message(year, lang="sw", engine=yearly_only).startswith("Takwimu za kila")
    assert monthly_message(scope(Period.year(2020)), engine=yearly_only) == \
        "No crime data for this period"


def test_yearly_only_database_yearly_view(yearly_only):
    out = yearly_series(scope(), by="total", engine=yearly_only).set_index("year")
    # 2024: robbery 104 + 44 + 504, stealing 50 + 20 + 250; 2025: robbery one more each.
    assert out.loc[2024, "count"] == 652 + 320
    assert out.loc[2025, "count"] == 655 + 320
    assert (out["published"] == out["count"]).all() and (out["from_months"] == 0).all()
    assert list(out["counties_reporting"]) == [3, 3] and not out["complete"].any()
    regions = yearly_series(scope(), by="region", engine=yearly_only)
    nairobi = regions[(regions["key"] == "nairobi")].set_index("year")
    assert nairobi.loc[2025, "count"] == 505 + 250 and bool(nairobi.loc[2025, "complete"])
    assert regions[regions["key"] == "western"]["count"].isna().all()  # no data, not 0


def test_whole_year_compares_published_years(yearly_only):
    out = period_comparison(scope(Period.year(2025)), by="total", engine=yearly_only).iloc[0]
    assert (out["count"], out["current_compared"], out["previous"]) == (975, 975, 972)
    assert out["verdict"] == "no clear change"


# --- year to date, like for like ------------------------------------------------------


def test_ytd_period():
    assert ytd_period(Period(dt.date(2025, 11, 1), dt.date(2026, 6, 30))) == H1_2026
    to_date = Period(dt.date(2026, 6, 1), dt.date(2026, 6, 15))
    assert ytd_period(to_date) == Period(dt.date(2026, 1, 1), dt.date(2026, 6, 15))


def test_year_to_date_is_like_for_like(observatory):
    # Period Apr–Jun 2026: year to date is Jan–Jun 2026 against Jan–Jun 2025.
    out = ytd_comparison(scope(Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))),
                         by="total", engine=observatory).iloc[0]
    # Covered: Mombasa × 6 months, Kwale Jan, Pokot Mar = 8 county-months, 166 events.
    assert (out["count"], out["months_covered"]) == (166, 8)
    # A year earlier Kwale had no data: like for like leaves its January out.
    # Mombasa 6 × 25 + 3 (June morality) + Pokot 9 = 162 against 6 × 15 + 7 = 97.
    assert (out["current_compared"], out["previous"], out["months_compared"]) == (162, 97, 7)
    assert out["pct_change"] == pytest.approx((162 / 97 - 1) * 100)
    # φ from the 6 like-for-like monthly pairs of the series (Jan–Jun, a year apart).
    cur = np.array([25, 25, 34, 25, 25, 28.0])
    old = np.array([15, 15, 22, 15, 15, 15.0])
    phi = max(1.0, float(np.var(np.sqrt(2) * (np.sqrt(cur) - np.sqrt(old)), ddof=1)))
    assert out["dispersion"] == pytest.approx(phi)
    assert out["z"] == pytest.approx(math.sqrt(2) * (math.sqrt(162) - math.sqrt(97))
                                     / math.sqrt(phi))
    assert out["verdict"] == "significant" and out["direction"] == "up"
    assert "like for like on 7 of 8" in out["note"]
    # The same number as every other page's headline.
    summary = crime_summary(scope(H1_2026), engine=observatory)
    assert (summary.total, summary.current_compared, summary.previous) == (166, 162, 97)
    assert summary.z == pytest.approx(out["z"]) and summary.verdict == out["verdict"]


def test_year_to_date_per_key(observatory):
    out = ytd_comparison(scope(), by="category", engine=observatory).set_index("key")
    assert (out.loc["robbery", "current_compared"], out.loc["robbery", "previous"]) == (120, 60)
    assert out.loc["robbery", "count"] == 124  # with Kwale's January, left out of the change
    assert out.loc["stealing", "verdict"] == "no clear change"  # 30 vs 30
    assert out.loc["theft_of_stock", "verdict"] == "too few to tell"  # 9 vs 7
    assert out.index[0] == "robbery"  # most events first
    assert out.loc["offences_against_morality", "count_display"] == "<5"
    regions = ytd_comparison(scope(), by="region", engine=observatory).set_index("key")
    assert regions.loc["coast", "count"] == 157 and regions.loc["coast", "months_covered"] == 7
    assert regions.loc["coast", "county_months"] == 36
    assert regions.loc["coast", "note"].startswith("data for 7 of 36 county-months")
    assert math.isnan(regions.loc["nairobi", "count"])
    assert regions.loc["nairobi", "note"] == "no data for this period"


def test_a_month_to_date_is_compared_per_day(observatory):
    # 1–15 June 2026 against the whole of June 2025: rates per day, never month against
    # month (that would read 28 vs 15 as +87%).
    out = period_comparison(scope(Period(dt.date(2026, 6, 1), dt.date(2026, 6, 15))),
                            by="total", engine=observatory).iloc[0]
    assert (out["current_compared"], out["previous"]) == (28, 15)
    assert out["pct_change"] == pytest.approx(((28 / 15) / (15 / 30) - 1) * 100)
    assert out["difference"] == pytest.approx(28 - 15 * 15 / 30)


# --- yearly view -----------------------------------------------------------------------


@pytest.mark.parametrize(("by", "year", "key", "count", "published", "from_months"), [
    # Per county × category × year the published figure wins, else the 12 months:
    # Mombasa 2025 stealing is the published 100 (not 12 × 5); its robbery, which the
    # published table does not list, is its 12 months (12 × 10). Kilifi 2025 has all 12
    # months and no published figure: 12 × 2 robbery. Never both for one key.
    ("category", 2025, "stealing", 100, 100, 0),
    ("category", 2025, "robbery", 144, 0, 144),
    ("total", 2025, "total", 244, 100, 144),
    ("county", 2025, "001", 220, 100, 120),
    ("county", 2025, "003", 24, 0, 24),
    ("region", 2025, "coast", 244, 100, 144),
])
def test_yearly_series(observatory, by, year, key, count, published, from_months):
    out = yearly_series(scope(), by=by, engine=observatory)
    row = out[(out["year"] == year) & (out["key"] == key)].iloc[0]
    assert (row["count"], row["published"], row["from_months"]) == (count, published,
                                                                    from_months)


def test_yearly_series_leaves_out_part_years(observatory):
    out = yearly_series(scope(), by="county", engine=observatory)
    # 2026 has 6 months: no yearly value. Pokot has one month of 2025: no yearly value.
    assert set(out["year"]) == {2025}
    assert math.isnan(out.set_index("key").loc["024", "count"])
    total = yearly_series(scope(), by="total", engine=observatory).iloc[0]
    assert (total["counties_reporting"], total["counties"], total["complete"]) == (2, 47, False)


# --- a county against its region and Kenya ---------------------------------------------


def test_county_rate_against_region_and_kenya(observatory):
    out = area_rate_series(scope(), "001", engine=observatory)
    assert list(out.columns[:6]) == ["month", "area", "label", "count", "population",
                                     "rate_per_100k"]
    march = out[out["month"] == pd.Timestamp(2026, 3, 1)].set_index("area")
    # Mombasa 20 + 5 = 25; Coast: Mombasa alone reported; Kenya: Mombasa and Pokot.
    assert march.loc["county", "count"] == 25
    assert march.loc["county", "rate_per_100k"] == pytest.approx(25 / POP["001"] * 1e5)
    assert march.loc["region", "count"] == 25
    assert march.loc["region", "rate_per_100k"] == pytest.approx(25 / POP["001"] * 1e5)
    assert (march.loc["region", "counties_reporting"], march.loc["region", "counties"]) == (1, 6)
    assert march.loc["kenya", "count"] == 34
    assert march.loc["kenya", "rate_per_100k"] == pytest.approx(
        34 / (POP["001"] + POP["024"]) * 1e5)
    january = out[out["month"] == pd.Timestamp(2026, 1, 1)].set_index("area")
    assert january.loc["region", "rate_per_100k"] == pytest.approx(
        29 / (POP["001"] + POP["002"]) * 1e5)
    assert march.loc["county", "label"] == "Mombasa"
    assert march.loc["region", "label"] == "Coast region"
    pokot = area_rate_series(scope(county="024"), engine=observatory)
    county = pokot[pokot["area"] == "county"]
    assert values(county["count"]) == ["nan", "nan", 9, "nan", "nan", "nan"]
    assert county["rate_per_100k"].isna().sum() == 5


def test_rate_series_region_line_cannot_give_a_hidden_county_month_back(observatory):
    public = area_rate_series(scope(public=True), "002", engine=observatory)
    jan = public[public["month"] == pd.Timestamp(2026, 1, 1)].set_index("area")
    assert jan.loc["county", "count_display"] == "<5"
    assert math.isnan(jan.loc["county", "rate_per_100k"])
    # Internally the region is 29 = 25 + Kwale's 4; in public Kwale's hidden month enters
    # the region as 2.5, so region − other counties gives 2.5 whatever Kwale's count is.
    internal = area_rate_series(scope(), "002", engine=observatory)
    assert internal[(internal["month"] == pd.Timestamp(2026, 1, 1))
                    & (internal["area"] == "region")]["count"].item() == 29
    assert jan.loc["region", "count"] == 27.5
    assert jan.loc["region", "count_display"] == "≈30"
    morality = area_rate_series(scope(categories=("offences_against_morality",)), "001",
                                engine=observatory)
    june = morality[(morality["area"] == "county")].iloc[-1]
    assert june["count_display"] == "<5" and math.isnan(june["rate_per_100k"])


@pytest.mark.parametrize(("call", "message"), [
    (lambda e: trend_series(scope(), by="ward", engine=e), "cannot break down by 'ward'"),
    (lambda e: area_rate_series(scope(), "048", engine=e), "unknown county code '048'"),
    (lambda e: area_rate_series(scope(), engine=e), "needs a county"),
])
def test_bad_input_gets_a_clear_message(engine, call, message):
    with pytest.raises(ValueError, match=message):
        call(engine)


def test_empty_database(engine):
    out = trend_series(scope(), by="region", engine=engine)
    assert len(out) == 8 * 6 and out["count"].isna().all()
    assert yearly_series(scope(), engine=engine).empty
    assert math.isnan(ytd_comparison(scope(), engine=engine)["count"].iloc[0])
    assert monthly_availability(scope(), engine=engine) == "no data"


# --- the Trends page ------------------------------------------------------------------------


def _url(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _table_with(at, column: str) -> pd.DataFrame:
    return next(f.value for f in at.dataframe if column in f.value.columns)


def _chart_data(at, index: int) -> list[dict]:
    return json.loads(at.get("plotly_chart")[index].proto.spec)["data"]


def _numbers(array) -> list:
    """A plotly data array as a list ("nan" for a gap); plotly may send it as typed
    binary ({"dtype": "f8", "bdata": base64})."""
    if isinstance(array, dict):
        array = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return values(pd.Series(array, dtype="float64"))


def test_trends_page_draws_gaps_not_zeros(observatory, monkeypatch):
    at = run_page(_url(observatory), monkeypatch, "trends.py", county="024",
                  **{"from": "2026-01", "to": "2026-06"})
    at.segmented_control(key="trends_by").set_value("total").run()
    assert not problems(at), "\n".join(problems(at))
    # Monthly, year to date, multiples; no yearly bars: West Pokot has no whole year.
    assert len(at.get("plotly_chart")) == 3
    assert "No whole year of crime data in scope yet." in [c.value for c in at.caption]
    line = next(tr for tr in _chart_data(at, 0) if tr.get("name") == "All crime")
    assert _numbers(line["y"]) == ["nan", "nan", 9, "nan", "nan", "nan"]
    assert line["connectgaps"] is False
    at.segmented_control(key="trends_monthly_view").set_value("table").run()
    table = _table_with(at, "counties reporting")
    assert list(table["crimes"]) == ["No data", "No data", "9", "No data", "No data",
                                     "No data"]
    metric = at.metric[0]
    assert metric.value == "9"
    captions = " ".join(c.value for c in at.caption)
    assert "vs the same months a year earlier (Jan 2025 – Jun 2025)" in captions


def test_trends_page_on_yearly_figures_only(yearly_only, monkeypatch):
    at = run_page(_url(yearly_only), monkeypatch, "trends.py")
    assert not problems(at), "\n".join(problems(at))
    assert YEARLY_ONLY_MESSAGE in [i.value for i in at.info]
    # No monthly line at all (so no flat 0 line): year to date and yearly bars only.
    assert len(at.get("plotly_chart")) == 2
    at.segmented_control(key="trends_yearly_view").set_value("table").run()
    yearly = _table_with(at, "from published yearly figures")
    assert set(yearly["year"]) == {2024, 2025}
    assert (yearly["from 12 months of records"] == 0).all()


@pytest.mark.parametrize(("params", "by"), [
    ({}, "category"),
    ({}, "region"),
    ({"region": "coast"}, "county"),
    ({"cat": "offences_against_morality", "mode": "public"}, "county"),
    ({"region": "nairobi", "lang": "sw"}, "total"),
])
def test_trends_page_runs_for_filter_combinations(demo_sqlite_url, monkeypatch, params, by):
    at = run_page(demo_sqlite_url, monkeypatch, "trends.py", **params)
    at.segmented_control(key="trends_by").set_value(by).run()
    assert not problems(at), "\n".join(problems(at))
    assert len(at.get("plotly_chart")) == 4
    assert len(at.metric) == 3
    # Every change says what it is compared with.
    words = "ikilinganishwa na miezi ileile" if params.get("lang") == "sw" else \
        "vs the same months a year earlier"
    assert any(words in c.value for c in at.caption)


def test_trends_page_month_to_date(demo_sqlite_url, monkeypatch):
    # Today is pinned (tests.clock.TODAY, the 15th): its month runs "to date".
    at = run_page(demo_sqlite_url, monkeypatch, "trends.py",
                  **{"from": f"{TODAY.year}-01", "to": f"{TODAY:%Y-%m}"})
    assert not problems(at), "\n".join(problems(at))
    assert at.metric[2].label == f"{TODAY:%b %Y} (to {TODAY.day} {TODAY:%b})"
    assert at.metric[2].value == "No data"  # the demo ends with the month before
    at.segmented_control(key="trends_monthly_view").set_value("table").run()
    table = _table_with(at, "counties reporting")
    assert table["month"].iloc[-1] == f"{TODAY:%b %Y} (to date)"
    assert table["crimes"].iloc[-1] == "No data"
