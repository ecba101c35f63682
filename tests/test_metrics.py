"""The numbers of DESIGN.md §4 on known inputs."""

import math

import pandas as pd
import pytest

from data_access.metrics import (
    add_change_columns,
    classify_change,
    is_overdue,
    pct_change,
    poisson_z,
    rate_per_100k,
    resolution_summary,
)


@pytest.mark.parametrize(("count", "population", "expected"), [
    (81272, 47_564_296, 170.868),
    (0, 1_208_333, 0.0),
    (50, 100_000, 50.0),
    (1, 300_000, 0.333),
])
def test_rate_per_100k(count, population, expected):
    assert rate_per_100k(count, population) == pytest.approx(expected, abs=1e-3)


def test_rate_per_100k_without_population_is_missing_not_zero():
    assert math.isnan(rate_per_100k(10, 0))
    series = rate_per_100k(pd.Series([10, 5]), pd.Series([100_000, 0]))
    assert series.iloc[0] == 10.0 and math.isnan(series.iloc[1])


@pytest.mark.parametrize(("current", "previous", "z"), [
    (4, 2, 2 * (2 - math.sqrt(2))),
    (100, 100, 0.0),
    (64, 36, 4.0),
    (36, 64, -4.0),
    (0, 9, -6.0),
])
def test_poisson_z(current, previous, z):
    assert float(poisson_z(current, previous)) == pytest.approx(z)


@pytest.mark.parametrize(("current", "previous", "verdict"), [
    (4, 2, "too few to tell"),       # a doubling of tiny counts is noise
    (3, 0, "too few to tell"),       # both under 5
    (64, 36, "significant"),         # z = 4
    (49, 36, "possible"),            # z = 2(7 − 6) = 2.0: the 'possible' band starts at 2
    (47, 36, "too few to tell"),     # z ≈ 1.71
    (121, 81, "significant"),        # z = 2(11 − 9) = 4
    (81, 121, "significant"),        # falls count too
    (110, 100, "too few to tell"),   # z ≈ 0.98
])
def test_classify_change(current, previous, verdict):
    assert classify_change(current, previous) == verdict


def test_pct_change():
    assert pct_change(150, 100) == 50.0
    assert math.isnan(pct_change(5, 0))


def test_change_columns_draw_no_arrow_for_noise():
    df = pd.DataFrame({"current": [4, 121, 81, 110], "previous": [2, 81, 121, 100]})
    out = add_change_columns(df)
    assert out["direction"].tolist() == ["none", "up", "down", "none"]
    assert out["change"].tolist() == [2, 40, -40, 10]
    assert out["pct_change"].round(1).tolist() == [100.0, 49.4, -33.1, 10.0]


def test_resolution_summary_counts_unverified_apart():
    statuses = pd.Series(["fulfilled", "fulfilled", "partly_fulfilled", "not_fulfilled",
                          "stalled", "in_progress", "unverified", "unverified"])
    s = resolution_summary(statuses)
    assert s["made"] == 8
    assert s["unverified"] == 2
    assert s["verified"] == 6
    assert s["fulfilled"] == 2
    assert s["resolution_rate"] == pytest.approx(2 / 6)
    assert s["fulfilled_or_partly_rate"] == pytest.approx(3 / 6)
    assert s["open"] == 5  # all but fulfilled and not_fulfilled


def test_resolution_summary_with_nothing_verified_is_undefined_not_zero():
    s = resolution_summary(pd.Series(["unverified", "unverified"]))
    assert s["verified"] == 0 and math.isnan(s["resolution_rate"])


def test_is_overdue():
    due = pd.Series(["2026-01-01", "2026-01-01", "2026-01-01", "2027-01-01", None])
    status = pd.Series(["in_progress", "fulfilled", "not_fulfilled", "stalled", "stalled"])
    assert is_overdue(due, status, "2026-06-30").tolist() == [True, False, False, False, False]
