"""Emerging threats for a scope, on small hand-built databases: which month is examined,
what is flagged, what the reason says and what a public screen sees.

The detector's arithmetic is tested on its own in ``test_emerging_detector.py``; here
counts are written straight into ``crime_agg`` (what the figures layer reads), one row
per county × category × month, so each expectation can be worked by hand.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from data_access import schema as s
from data_access.engine import bump_data_version
from data_access.figures.calendar import add_months
from data_access.figures.emerging import SCOPE_COLUMNS, emerging_threats, examined_month
from data_access.figures.scope import Audience, Period, Scope
from tests.clock import TODAY

LATEST = dt.date(2026, 10, 1)
PERIOD = Period(dt.date(2025, 11, 1), dt.date(2026, 10, 31))
KISUMU, NAKURU = "042", "032"


def put_series(engine: sa.Engine, county: str, category: str, counts: list[int | None],
               *, last: dt.date = LATEST) -> None:
    """Monthly published counts ending at ``last`` (None = no record that month)."""
    rows = []
    for i, c in enumerate(counts):
        m = add_months(last, -(len(counts) - 1 - i))
        if c is not None:
            rows.append({"county_code": county, "category_code": category, "grain": "month",
                         "period_start": m, "month": m, "year": m.year, "origin": "published",
                         "count": c})
    with engine.begin() as conn:
        conn.execute(s.crime_agg.insert(), rows)
        bump_data_version(conn)


def scope(audience: Audience = Audience.INTERNAL, period: Period = PERIOD, **kw) -> Scope:
    return Scope(period, audience, **kw)


def history(usual: int, latest: int, months: int = 36) -> list[int]:
    return [usual] * (months - 1) + [latest]


def test_a_surge_against_the_time_of_year_is_flagged_with_its_reason(engine):
    put_series(engine, KISUMU, "robbery", history(20, 60))
    put_series(engine, NAKURU, "robbery", history(20, 22))
    out = emerging_threats(scope(), engine=engine)
    assert list(out.columns) == SCOPE_COLUMNS
    assert list(out["county"]) == ["Kisumu"]
    row = out.iloc[0]
    assert row["current"] == 60 and row["baseline_mean"] == 20
    assert row["month"] == LATEST
    assert row["reason"] == ("Robbery in Kisumu: 60 in Oct 2026 against a usual 20 for the "
                             "time of year (2023–2025)")
    assert row["reason_sw"].startswith("Unyang'anyi katika Kisumu: 60 mwezi Okt 2026") or \
        "Kisumu: 60 mwezi Okt 2026" in row["reason_sw"]
    everything = emerging_threats(scope(), include_all=True, engine=engine)
    assert set(everything["status"]) == {"emerging", "within expected range"}


def test_a_seasonal_peak_is_not_a_threat(engine):
    # Every October is three times the rest of the year.
    counts = [60 if add_months(LATEST, -(35 - i)).month == 10 else 20 for i in range(36)]
    put_series(engine, KISUMU, "robbery", counts)
    assert emerging_threats(scope(), engine=engine).empty


def test_months_without_data_are_not_a_low_baseline(engine):
    # Records only in the latest month and two earlier Octobers: three baseline months,
    # not nine with six zeros.
    counts = [None] * 36
    counts[11], counts[23], counts[35] = 40, 40, 45
    put_series(engine, KISUMU, "robbery", counts)
    out = emerging_threats(scope(categories=("robbery",)), include_all=True,
                           engine=engine).set_index("county")
    assert out.loc["Kisumu", "baseline_months"] == 2
    assert out.loc["Kisumu", "status"] == "not enough history"


def test_the_running_month_is_never_examined(engine):
    put_series(engine, KISUMU, "robbery", history(20, 60, 37), last=TODAY.replace(day=1))
    to_date = Period(dt.date(2025, 12, 1), TODAY)
    assert to_date.to_date
    assert examined_month(scope(period=to_date), engine=engine) == LATEST
    # October (20, as usual) is examined, not the 60 of November so far.
    assert emerging_threats(scope(period=to_date), engine=engine).empty


def test_public_screens_see_small_counts_as_under_5(engine):
    put_series(engine, KISUMU, "homicide", history(0, 6))
    put_series(engine, NAKURU, "robbery", history(1, 9))
    internal = emerging_threats(scope(), engine=engine).set_index("county")
    assert internal.loc["Kisumu", "current_display"] == "6"
    # In public the detector sees protected cells (each hidden baseline month is 2.5), so
    # its baseline and flag cannot give the hidden months back.
    public = emerging_threats(scope(Audience.PUBLIC), include_all=True, engine=engine)
    nakuru = public[(public["county"] == "Nakuru")
                    & (public["category_code"] == "robbery")].iloc[0]
    assert nakuru["baseline_display"] == "<5"
    assert pd.isna(nakuru["score"]) and pd.isna(nakuru["rise_pct"])
    assert "<5" in nakuru["reason"]


def test_no_crime_data_means_nothing_to_examine(engine):
    assert examined_month(scope(), engine=engine) is None
    assert emerging_threats(scope(), engine=engine).empty
