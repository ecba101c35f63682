"""Emerging threats on small hand-built databases: what is flagged, with which numbers.

Counts are written straight into ``crime_agg`` (the aggregate the query reads), one row
per county × category × month, so every expected number below can be worked by hand.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema as s
from data_access.emerging import emerging_threats, reason_text
from data_access.engine import bump_data_version

LATEST = dt.date(2026, 10, 1)
PERIOD = {"start": dt.date(2025, 11, 1), "end": dt.date(2026, 10, 31)}


def month(n_back: int) -> dt.date:
    """The first day of the month ``n_back`` months before LATEST."""
    idx = LATEST.year * 12 + LATEST.month - 1 - n_back
    return dt.date(idx // 12, idx % 12 + 1, 1)


def put_series(engine: sa.Engine, county: str, category: str, counts: list[int],
               *, grain: str = "month") -> None:
    """Write monthly counts ending at LATEST (the last value is LATEST's count)."""
    rows = []
    for i, c in enumerate(counts):
        m = month(len(counts) - 1 - i)
        rows.append({"county_code": county, "category_code": category, "grain": grain,
                     "period_start": m, "month": m, "year": m.year, "count": c})
    with engine.begin() as conn:
        conn.execute(s.crime_agg.insert(), rows)
        bump_data_version(conn)


def run(engine: sa.Engine, **kw) -> pd.DataFrame:
    with engine.connect() as conn:
        return emerging_threats.uncached(conn, **{**PERIOD, **kw})


# (six months before, latest) -> flagged?, z_previous, z_baseline
CASES = [
    pytest.param([10, 11, 12, 10, 11, 12], 41, True, 2 * (math.sqrt(41) - math.sqrt(12)),
                 2 * (math.sqrt(41) - math.sqrt(11)), id="surge-41-vs-12-and-avg-11"),
    pytest.param([1, 2, 1, 2, 1, 2], 4, False, 2 * (2 - math.sqrt(2)),
                 2 * (2 - math.sqrt(1.5)), id="doubling-2-to-4-is-noise"),
    pytest.param([0, 0, 0, 0, 0, 0], 4, False, 4.0, 4.0,
                 id="0-to-4-z4-but-too-few-to-tell"),
    pytest.param([0, 0, 0, 0, 0, 0], 5, True, 2 * math.sqrt(5), 2 * math.sqrt(5),
                 id="0-to-5-is-flagged"),
    pytest.param([30, 30, 30, 30, 30, 5], 30, False, 2 * (math.sqrt(30) - math.sqrt(5)),
                 2 * (math.sqrt(30) - math.sqrt(155 / 6)),
                 id="rise-vs-last-month-only-back-to-usual"),
    pytest.param([5, 5, 5, 5, 5, 30], 31, False, 2 * (math.sqrt(31) - math.sqrt(30)),
                 2 * (math.sqrt(31) - math.sqrt(55 / 6)),
                 id="high-vs-average-but-not-vs-last-month"),
    pytest.param([100, 100, 100, 100, 100, 100], 121, False, 2.0, 2.0,
                 id="possible-rise-not-flagged"),
    pytest.param([20, 20, 20, 20, 20, 20], 5, False, 2 * (math.sqrt(5) - math.sqrt(20)),
                 2 * (math.sqrt(5) - math.sqrt(20)), id="fall-never-flagged"),
]


@pytest.mark.parametrize(("before", "latest", "flagged", "z_prev", "z_base"), CASES)
def test_emerging_rule_on_known_counts(engine, before, latest, flagged, z_prev, z_base):
    put_series(engine, "024", "theft_of_stock", [*before, latest])
    out = run(engine, include_all=True)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["current"] == latest and row["previous"] == before[-1]
    assert row["baseline"] == pytest.approx(sum(before) / 6)
    assert row["z_previous"] == pytest.approx(z_prev)
    assert row["z_baseline"] == pytest.approx(z_base)
    assert row["z"] == pytest.approx(min(z_prev, z_base))
    assert bool(row["flagged"]) is flagged
    assert len(run(engine)) == (1 if flagged else 0)


def test_seeded_surge_is_flagged_with_counts_and_reason(engine):
    put_series(engine, "024", "theft_of_stock", [10, 11, 12, 10, 11, 12, 41])
    put_series(engine, "001", "stealing", [50, 52, 48, 51, 49, 50, 53])  # steady
    put_series(engine, "024", "robbery", [2, 1, 2, 1, 2, 2, 4])  # doubling of tiny counts
    out = run(engine)
    assert list(out["county_code"]) == ["024"]
    row = out.iloc[0]
    assert (row["category_code"], row["current"], row["previous"]) == ("theft_of_stock", 41, 12)
    assert row["baseline"] == pytest.approx(11.0)
    assert row["month"] == pd.Timestamp(LATEST)
    assert row["reason"] == ("Theft of stock in West Pokot: 41 in Oct 2026 vs 12 in Sep and a "
                             "6-month average of 11")
    assert row["reason_sw"] == ("Wizi wa mifugo katika West Pokot: 41 mwezi Okt 2026 dhidi ya "
                                "12 mwezi Sep na wastani wa miezi 6 wa 11")
    assert row["county"] == "West Pokot" and row["region_code"] == "rift_valley"


def test_sorted_by_severity(engine):
    put_series(engine, "024", "theft_of_stock", [10] * 6 + [41])  # z = min(5.48...) ≈ 6.48
    put_series(engine, "030", "robbery", [20] * 6 + [90])  # z ≈ 10.03
    put_series(engine, "001", "homicide", [4] * 6 + [25])  # z = 6.0
    out = run(engine)
    assert list(out["county_code"]) == ["030", "024", "001"]
    assert out["z"].is_monotonic_decreasing
    assert out.loc[2, "z"] == pytest.approx(6.0)


def test_latest_month_is_last_with_data_in_period_and_period_bounds_it(engine):
    put_series(engine, "024", "theft_of_stock", [10, 11, 12, 10, 11, 12, 41])
    # A December period end with data only to October: October is still the latest month.
    out = run(engine, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert list(out["month"]) == [pd.Timestamp(LATEST)]
    # A period that ends in September looks at September: 12 vs 11, nothing emerging.
    out = run(engine, start=dt.date(2026, 1, 1), end=dt.date(2026, 9, 30), include_all=True)
    assert out.iloc[0]["month"] == pd.Timestamp(2026, 9, 1)
    assert (out.iloc[0]["current"], out.iloc[0]["previous"]) == (12, 11)
    assert not out["flagged"].any()


def test_yearly_published_figure_is_not_a_month(engine):
    put_series(engine, "024", "theft_of_stock", [10] * 7)
    with engine.begin() as conn:  # a published 2026 figure, stored on 1 January 2026
        conn.execute(s.crime_agg.insert(), [{
            "county_code": "024", "category_code": "theft_of_stock", "grain": "year",
            "period_start": dt.date(2026, 1, 1), "month": dt.date(2026, 1, 1), "year": 2026,
            "count": 5000}])
    out = run(engine, include_all=True)
    assert out.iloc[0]["baseline"] == pytest.approx(10.0)
    assert not out["flagged"].any()


def test_daily_records_add_up_to_the_month(engine):
    put_series(engine, "024", "theft_of_stock", [10] * 6 + [20])
    with engine.begin() as conn:  # 21 more incidents on two days of the latest month
        conn.execute(s.crime_agg.insert(), [
            {"county_code": "024", "category_code": "theft_of_stock", "grain": "day",
             "period_start": dt.date(2026, 10, d), "month": LATEST, "year": 2026, "count": c}
            for d, c in ((3, 11), (17, 10))])
    row = run(engine).iloc[0]
    assert row["current"] == 41


def test_baseline_only_counts_months_with_observatory_data(engine):
    # Records start three months before the latest month: the baseline is their mean,
    # not a six-month mean diluted by months that were never measured.
    put_series(engine, "024", "theft_of_stock", [12, 12, 12, 40])
    row = run(engine, include_all=True).iloc[0]
    assert row["baseline"] == pytest.approx(12.0)
    assert "3-month average of 12" in row["reason"]


def test_filters_scope_the_list(engine):
    put_series(engine, "024", "theft_of_stock", [10] * 6 + [41])
    put_series(engine, "001", "robbery", [10] * 6 + [41])
    assert list(run(engine, county_codes=("001",))["county_code"]) == ["001"]
    assert list(run(engine, categories=("theft_of_stock",))["county_code"]) == ["024"]
    assert run(engine, county_codes=("047",)).empty


def test_public_mode_hides_small_counts_in_numbers_and_reason(engine):
    put_series(engine, "024", "theft_of_stock", [2, 3, 1, 2, 3, 3, 30])
    out = run(engine, public=True)
    row = out.iloc[0]
    assert row["current"] == 30
    assert math.isnan(row["previous"]) and math.isnan(row["baseline"])
    assert math.isnan(row["z"]) and math.isnan(row["z_previous"])
    assert row["reason"] == ("Theft of stock in West Pokot: 30 in Oct 2026 vs <5 in Sep and a "
                             "6-month average of <5")
    private = run(engine).iloc[0]
    assert private["previous"] == 3 and "vs 3 in Sep" in private["reason"]


def test_sensitive_category_small_counts_hidden_even_in_private_mode(engine):
    put_series(engine, "047", "offences_against_morality", [1, 2, 1, 2, 1, 3, 25])
    row = run(engine).iloc[0]
    assert row["current"] == 25 and row["previous_display"] == "<5"
    assert "vs <5 in Sep" in row["reason"]


def test_empty_database_and_bad_arguments(engine):
    assert run(engine).empty
    with pytest.raises(ValueError, match="baseline_months"):
        run(engine, baseline_months=0)
    with pytest.raises(ValueError, match="ends"):
        run(engine, start=dt.date(2026, 5, 1), end=dt.date(2026, 4, 1))


def test_cached_wrapper_sees_new_data_at_once(engine):
    put_series(engine, "024", "theft_of_stock", [10] * 6 + [12])
    assert emerging_threats(engine=engine, **PERIOD).empty
    with engine.begin() as conn:
        conn.execute(s.crime_agg.update().where(s.crime_agg.c.month == LATEST)
                     .values(count=41))
        bump_data_version(conn)
    assert len(emerging_threats(engine=engine, **PERIOD)) == 1


@pytest.mark.parametrize(("kw", "text"), [
    ({"current": "41", "previous": "12", "baseline": "11", "months": 6, "lang": "en"},
     "Theft of stock in West Pokot: 41 in Oct 2026 vs 12 in Sep and a 6-month average of 11"),
    ({"current": "7", "previous": "<5", "baseline": "<5", "months": 6, "lang": "en"},
     "Theft of stock in West Pokot: 7 in Oct 2026 vs <5 in Sep and a 6-month average of <5"),
])
def test_reason_text(kw, text):
    assert reason_text(category="Theft of stock", county="West Pokot",
                       month=pd.Timestamp(LATEST), **kw) == text
