"""The numbers defined in docs/METHODS.md, on known inputs."""

import math

import pandas as pd
import pytest

from data_access.metrics import (
    is_overdue,
    is_past_due_unverified,
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


# The change test is tested in tests/test_figures.py.


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


def test_unverified_past_due_is_counted_apart_never_overdue():
    due = pd.Series(["2026-01-01", "2026-01-01", "2026-01-01", "2027-01-01", None])
    status = pd.Series(["unverified", "partly_fulfilled", "not_started", "unverified",
                        "unverified"])
    assert is_overdue(due, status, "2026-06-30").tolist() == [False, True, True, False, False]
    assert is_past_due_unverified(due, status, "2026-06-30").tolist() == [True, False, False,
                                                                          False, False]
