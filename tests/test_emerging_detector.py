"""The emerging-threats detector (``data_access.figures.emerging``) on known inputs.

Pure tests: no database. Hand-worked examples check the numbers of the rule; a
simulation of a whole country with no change at all checks the false-alarm rate the
issue asks for (at most 1 false alarm a month nationally).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math

import numpy as np
import pandas as pd
import pytest

from config import Settings
from data_access.figures.calendar import add_months
from data_access.figures.emerging import COLUMNS, ZERO_BASELINE_SCORE, detect_emerging

LATEST = dt.date(2025, 6, 1)
# The hand-worked examples use z = 3; the criterion test uses the defaults (z = 3.2).
SETTINGS = dataclasses.replace(Settings(), emerging_z=3.0)


def baseline_months(latest: dt.date = LATEST, years: int = 3) -> list[dt.date]:
    """The 9 baseline months of ``latest``: its month ±1 in each of the 3 years before."""
    return [add_months(latest, -12 * k + d) for k in range(years, 0, -1) for d in (-1, 0, 1)]


def series(baseline: list[float], current: float | None, *, county: str = "001",
           category: str = "THEFT", latest: dt.date = LATEST) -> pd.DataFrame:
    """Rows for one county × category: ``baseline`` in the 9 baseline months (oldest
    first; NaN = no data) and ``current`` in ``latest`` (None = no row)."""
    months = baseline_months(latest)
    assert len(baseline) == len(months)
    rows = [{"county_code": county, "category_code": category, "month": m, "count": c}
            for m, c in zip(months, baseline)]
    if current is not None:
        rows.append({"county_code": county, "category_code": category, "month": latest,
                     "count": current})
    return pd.DataFrame(rows)


def one(frame: pd.DataFrame, **kw) -> pd.Series:
    out = detect_emerging(frame, LATEST, settings=kw.pop("settings", SETTINGS))
    assert len(out) == 1
    return out.iloc[0]


# --- hand-worked examples ------------------------------------------------------------

# Baseline 4, 6, 5, 5, 7, 3, 6, 4, 5:  n = 9, Σ = 45, μ = 5.
# Σ(y − μ)² = 1 + 1 + 0 + 0 + 4 + 4 + 1 + 1 + 0 = 12 → 12 / 5 / 8 = 0.3 → φ = max(1, 0.3) = 1.
# τ = φ·μ·(1 + 1/n) = 5 · 10/9 = 50/9 = 5.5556, √τ = 2.3570.
# U = 5·(1 + (2/3)·3·2.3570/5)^{3/2} = 5·1.94281^{1.5} = 5·2.70798 = 13.540.
# y = 14: 14 > 13.54, 14 ≥ 1.5·5 = 7.5, 14 ≥ 5 → flagged;
#   score = (14^{2/3} − 5^{2/3}) / ((2/3)·5^{−1/3}·2.3570) = (5.8088 − 2.9240) / 0.91895 = 3.139.
# y = 13: 13 ≤ 13.54 → within the expected range (score 2.835 < 3).
CALM = [4, 6, 5, 5, 7, 3, 6, 4, 5]


def test_hand_worked_example_flagged():
    row = one(series(CALM, 14))
    assert row["month"] == LATEST
    assert row["current"] == 14
    assert row["baseline_months"] == 9
    assert row["baseline_mean"] == pytest.approx(5.0)
    assert row["dispersion"] == pytest.approx(1.0)
    assert row["threshold"] == pytest.approx(13.540, abs=1e-3)
    assert row["rise_pct"] == pytest.approx(180.0)
    assert row["score"] == pytest.approx(3.139, abs=1e-3)
    assert row["flagged"]
    assert row["status"] == "emerging"


def test_hand_worked_example_one_below_the_threshold_is_not_flagged():
    row = one(series(CALM, 13))
    assert row["threshold"] == pytest.approx(13.540, abs=1e-3)
    assert row["score"] == pytest.approx(2.835, abs=1e-3)
    assert not row["flagged"]
    assert row["status"] == "within expected range"


# Baseline 2, 10, 6, 4, 8, 6, 12, 0, 6:  n = 9, Σ = 54, μ = 6.
# Σ(y − μ)² = 16 + 16 + 0 + 4 + 4 + 0 + 36 + 36 + 0 = 112 → φ = 112 / 6 / 8 = 7/3 = 2.3333.
# τ = 7/3 · 6 · 10/9 = 140/9 = 15.556, √τ = 3.9441.
# U = 6·(1 + (2/3)·3·3.9441/6)^{3/2} = 6·2.31470^{1.5} = 6·3.52163 = 21.129.
# So 22 is flagged (score 3.144) and 21 is not (2.978); with φ = 1, U would be 15.23.
NOISY = [2, 10, 6, 4, 8, 6, 12, 0, 6]


@pytest.mark.parametrize(("y", "flagged", "score"), [(22, True, 3.144), (21, False, 2.978)])
def test_overdispersed_baseline_raises_the_threshold(y, flagged, score):
    row = one(series(NOISY, y))
    assert row["baseline_mean"] == pytest.approx(6.0)
    assert row["dispersion"] == pytest.approx(7 / 3)
    assert row["threshold"] == pytest.approx(21.129, abs=1e-3)
    assert row["score"] == pytest.approx(score, abs=1e-3)
    assert bool(row["flagged"]) is flagged


# Baseline 100 × 9: μ = 100, φ = max(1, 0) = 1, τ = 100·10/9 = 111.11, √τ = 10.541,
# U = 100·(1 + 2·10.541/100)^{1.5} = 133.24. 140 is above U but under 1.5·100 = 150.
def test_above_the_threshold_but_under_the_rise_floor():
    row = one(series([100] * 9, 140))
    assert row["threshold"] == pytest.approx(133.235, abs=1e-3)
    assert row["rise_pct"] == pytest.approx(40.0)
    assert not row["flagged"]
    assert row["status"] == "below the minimum"
    assert one(series([100] * 9, 150))["status"] == "emerging"


# All-zero baseline: μ = 0, φ = 1, U = 0; the score is the documented large finite value.
def test_zero_baseline():
    few = one(series([0] * 9, 3))
    assert few["threshold"] == 0 and few["dispersion"] == 1
    assert few["status"] == "below the minimum"  # above U = 0 but fewer than 5 events
    assert math.isnan(few["rise_pct"])
    five = one(series([0] * 9, 5))
    assert five["flagged"] and five["score"] == ZERO_BASELINE_SCORE + 5
    quiet = one(series([0] * 9, 0))
    assert quiet["score"] == 0 and quiet["status"] == "within expected range"


# --- missing data --------------------------------------------------------------------

def test_nan_months_are_left_out_of_the_baseline_not_read_as_zero():
    # Three baseline months have no data (NaN) and one is absent altogether; the other
    # five are 10, 12, 8, 10, 10: n = 5, μ = 10 (reading the gaps as 0 would give μ = 5.6
    # and flag y = 20).
    nan = float("nan")
    frame = series([10, nan, 12, nan, 8, 10, nan, 10, 99], 20)
    frame = frame[frame["count"] != 99]  # the last baseline month: no row at all
    row = one(frame)
    assert row["baseline_months"] == 5
    assert row["baseline_mean"] == pytest.approx(10.0)
    # Σ(y − μ)² = 0 + 4 + 4 + 0 + 0 = 8 → φ = max(1, 8/10/4) = 1; τ = 10·1.2 = 12
    # U = 10·(1 + 2·√12/10)^{1.5} = 10·1.69282^{1.5} = 22.03 → 20 is not flagged.
    assert row["threshold"] == pytest.approx(10 * (1 + 2 * math.sqrt(12) / 10) ** 1.5)
    assert not row["flagged"]
    as_zeros = one(series([10, 0, 12, 0, 8, 10, 0, 10, 0], 20))  # what a 0 would give
    assert as_zeros["baseline_months"] == 9
    assert as_zeros["baseline_mean"] == pytest.approx(50 / 9)


def test_fewer_than_three_baseline_months_is_not_enough_history():
    nan = float("nan")
    row = one(series([nan, 2, nan, nan, nan, nan, nan, 3, nan], 50))
    assert row["baseline_months"] == 2
    assert row["status"] == "not enough history"
    assert not row["flagged"]
    assert math.isnan(row["threshold"]) and math.isnan(row["score"])
    assert one(series([nan, 2, nan, nan, 4, nan, nan, 3, nan], 50))["status"] == "emerging"


def test_only_series_with_a_count_in_the_latest_month_are_tested():
    frame = pd.concat([
        series(CALM, 14, county="001"),
        series(CALM, float("nan"), county="002"),  # no data this month
        series(CALM, None, county="003"),  # no row this month
    ])
    out = detect_emerging(frame, LATEST, settings=SETTINGS)
    assert out["county_code"].tolist() == ["001"]


def test_months_outside_the_baseline_window_are_ignored():
    # Huge counts 2 months away from the calendar month and 4 years back change nothing.
    extra = pd.DataFrame({"county_code": "001", "category_code": "THEFT",
                          "month": [add_months(LATEST, -14), add_months(LATEST, -48),
                                    add_months(LATEST, -2), add_months(LATEST, 1)],
                          "count": [1000.0] * 4})
    row = one(pd.concat([series(CALM, 14), extra]))
    assert row["baseline_months"] == 9 and row["baseline_mean"] == pytest.approx(5.0)


def test_seasonal_december_is_not_flagged():
    # Every December is double the rest of the year (30 → 60), for 4 years.
    dec = dt.date(2025, 12, 1)
    months = [add_months(dec, -k) for k in range(47, -1, -1)]
    counts = [60.0 if m.month == 12 else 30.0 for m in months]
    frame = pd.DataFrame({"county_code": "001", "category_code": "THEFT",
                          "month": months, "count": counts})
    row = detect_emerging(frame, dec, settings=SETTINGS).iloc[0]
    # Baseline: Nov, Dec, Jan of 3 years = [30, 60, 30] × 3: μ = 40, Σ(y − μ)² = 1800,
    # φ = 1800/40/8 = 5.625, τ = 5.625·40·10/9 = 250, U = 40·(1 + 2·√250/40)^{1.5} = 95.84.
    assert row["baseline_mean"] == pytest.approx(40.0)
    assert row["dispersion"] == pytest.approx(5.625)
    assert row["threshold"] == pytest.approx(95.84, abs=0.01)
    assert not row["flagged"]
    # With noise too: 200 series with seasonal Decembers, none flagged in December.
    rng = np.random.default_rng(11)
    frames = []
    for i in range(200):
        mean = np.where([m.month == 12 for m in months], 2, 1) * rng.uniform(5, 100)
        frames.append(pd.DataFrame({"county_code": f"{i:03d}", "category_code": "THEFT",
                                    "month": months, "count": rng.poisson(mean) * 1.0}))
    out = detect_emerging(pd.concat(frames), dec, settings=SETTINGS)
    assert len(out) == 200 and not out["flagged"].any()


def test_planted_surge_is_flagged():
    # A steady series around 10 and a month at 3× that.
    row = one(series([9, 11, 10, 12, 8, 10, 11, 9, 10], 30))
    assert row["flagged"] and row["rise_pct"] == pytest.approx(200.0)


def test_output_shape_and_order():
    frame = pd.concat([
        series(CALM, 13, county="001"),  # within, score 2.83
        series(CALM, 14, county="002"),  # flagged, score 3.14
        series([0] * 9, 5, county="003"),  # flagged, μ = 0 → top
        series([100] * 9, 140, county="004"),  # below the minimum, score 3.58
        series([1, 2] + [float("nan")] * 7, 9, county="005"),  # not enough history
    ])
    out = detect_emerging(frame, LATEST, settings=SETTINGS)
    assert list(out.columns) == COLUMNS
    assert out["county_code"].tolist() == ["003", "002", "004", "001", "005"]
    assert out["flagged"].dtype == bool
    assert out["status"].tolist() == ["emerging", "emerging", "below the minimum",
                                      "within expected range", "not enough history"]


def test_empty_input_and_bad_input():
    empty = pd.DataFrame(columns=["county_code", "category_code", "month", "count"])
    out = detect_emerging(empty, LATEST, settings=SETTINGS)
    assert out.empty and list(out.columns) == COLUMNS
    with pytest.raises(ValueError, match="more than one count"):
        detect_emerging(pd.concat([series(CALM, 14), series(CALM, 14)]), LATEST,
                        settings=SETTINGS)
    with pytest.raises(ValueError, match="lack the column"):
        detect_emerging(empty.drop(columns="count"), LATEST, settings=SETTINGS)


# --- the false-alarm rate on a country with no change at all ------------------------

N_COUNTIES, N_CATEGORIES, YEARS, OVERDISPERSION = 47, 13, 4, 1.2
SEEDS = (1, 2, 3, 4)


def simulate_country(seed: int) -> tuple[pd.DataFrame, list[dt.date], np.ndarray]:
    """4 years of monthly counts for 47 counties × 13 categories with no change at all.

    Means spread lognormally (median 15 a month, log-sd 1.5, cut to 0.5–400); counts
    are gamma–Poisson (negative binomial) with variance = 1.2 × mean.
    """
    rng = np.random.default_rng(seed)
    n = N_COUNTIES * N_CATEGORIES
    means = np.clip(np.exp(rng.normal(np.log(15), 1.5, n)), 0.5, 400)
    months = [dt.date(2022 + i // 12, i % 12 + 1, 1) for i in range(12 * YEARS)]
    k = OVERDISPERSION - 1  # gamma(shape μ/k, scale k): mean μ, variance k·μ
    counts = rng.poisson(rng.gamma(means[:, None] / k, k, size=(n, len(months))))
    frame = pd.DataFrame({
        "county_code": np.repeat([f"{c:03d}" for c in range(1, N_COUNTIES + 1)],
                                 N_CATEGORIES * len(months)),
        "category_code": np.tile(np.repeat([f"CAT{j:02d}" for j in range(N_CATEGORIES)],
                                           len(months)), N_COUNTIES),
        "month": months * n,
        "count": counts.ravel().astype(float),
    })
    return frame, months, means


@functools.cache
def countries() -> tuple[tuple[pd.DataFrame, list[dt.date], np.ndarray], ...]:
    """The simulated countries, built once for the whole module."""
    return tuple(simulate_country(seed) for seed in SEEDS)


@functools.cache
def false_alarms_per_month(settings: Settings, n_countries: int = len(SEEDS)) -> float:
    """Flags per examined month: the last 12 months of each simulated country, each with
    3 earlier years of history (12 × 4 = 48 national runs with all seeds)."""
    flags = [detect_emerging(frame, m, settings=settings)["flagged"].sum()
             for frame, months, _ in countries()[:n_countries] for m in months[-12:]]
    return float(np.mean(flags))


def test_simulation_has_the_intended_spread():
    frame, months, means = countries()[0]
    assert len(frame) == 47 * 13 * 48
    assert means.min() == pytest.approx(0.5) and means.max() == pytest.approx(400)
    # variance / mean of the counts of the larger series ≈ 1.2
    wide = frame["count"].to_numpy().reshape(47 * 13, 48)
    big = means > 20
    ratio = (wide[big].var(axis=1, ddof=1) / wide[big].mean(axis=1)).mean()
    assert 1.1 < ratio < 1.3


def test_false_alarms_at_most_one_a_month():
    """Acceptance criterion: on no-change counts with overdispersion 1.2, at most one
    false alarm a month nationally on average (0.83 with these seeds at z = 3.2)."""
    assert Settings().emerging_z == 3.2
    assert false_alarms_per_month(Settings()) <= 1.0


def test_z_3_would_raise_too_many():
    """Why the default is 3.2: at z = 3 φ, estimated from 9 baseline months, is often
    too low and the alarms exceed one a month (1.25 here)."""
    assert false_alarms_per_month(SETTINGS) > 1.0


def test_false_alarm_check_bites():
    # A lax z raises many false alarms (one simulated country is plenty to show it) …
    assert false_alarms_per_month(dataclasses.replace(SETTINGS, emerging_z=1.5), 1) > 10
    # … and so does dropping the floors (rise ≥ 50 %, ≥ 5 events).
    with_floors = false_alarms_per_month(SETTINGS)
    no_floors = false_alarms_per_month(dataclasses.replace(
        SETTINGS, emerging_min_rise_pct=0.0, emerging_min_events=0))
    assert no_floors > 1 and no_floors > with_floors


def test_planted_surges_in_the_simulated_country_are_flagged():
    # 3× the true mean in the examined month, in every series with a true mean ≥ 10.
    frame, months, means = countries()[0]
    latest = months[-1]
    big = np.flatnonzero(means >= 10)
    surge = frame.copy()
    rows = big * len(months) + len(months) - 1  # each series' last month
    surge.loc[rows, "count"] = np.round(3 * means[big])
    out = detect_emerging(surge, latest, settings=SETTINGS)
    codes = set(zip(frame.loc[rows, "county_code"], frame.loc[rows, "category_code"]))
    planted = out[[(c, k) in codes for c, k in zip(out["county_code"], out["category_code"])]]
    assert len(planted) == len(big) > 100
    assert planted["flagged"].mean() >= 0.95
