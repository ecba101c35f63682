"""The app's "today": pinned for the whole test run, read from JUKWAA_TODAY."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access import clock
from tests.clock import DEMO_END_MONTH, TODAY


def test_the_tests_run_on_their_own_today():
    assert clock.today() == TODAY
    last_complete_month = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    assert last_complete_month == DEMO_END_MONTH


def test_today_follows_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(clock.TODAY_ENV, "2031-03-05")
    assert clock.today() == dt.date(2031, 3, 5)
    monkeypatch.setenv(clock.TODAY_ENV, "5/3/2031")
    with pytest.raises(ValueError, match="JUKWAA_TODAY must be a date as YYYY-MM-DD"):
        clock.today()


def test_without_the_variable_today_is_the_system_date(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(clock.TODAY_ENV)
    before = dt.date.today()
    assert clock.today() in {before, dt.date.today()}  # the same, unless midnight passed
