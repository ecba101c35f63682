"""The figures layer on the real shapes of data users have: yearly published tables,
months with gaps, published counts beside incident points, and a partial current month.

Data go in through the importer (the path users take), so the aggregates, coverage and
precedence are exercised end to end on both databases.
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest

from data_access import reference
from data_access.figures.calendar import add_months, month_end
from data_access.figures.change import change_frame, dispersion
from data_access.figures.coverage import default_period, latest_complete_month
from data_access.figures.crime import county_crime, crime_summary, monthly_series
from data_access.figures.scope import Audience, Period, Scope
from data_access.imports import import_file

TODAY = dt.date(2026, 11, 15)
COUNTIES = reference.counties()


def _import(engine, kind: str, rows: list[dict], today: dt.date = TODAY) -> None:
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    report = import_file(engine, kind=kind, data=buf.getvalue().encode(),
                         filename=f"{kind}.csv", today=today)
    assert report.ok, report.problems_frame().head().to_string()


def _yearly_rows(years: dict[int, int], counties=COUNTIES) -> list[dict]:
    """One published yearly figure per county × year for 'robbery' (count = base × i)."""
    return [{"county": c.name, "category": "robbery", "period_start": f"{y}-01-01",
             "period_end": f"{y}-12-31", "count": base + i, "source": f"NPS {y}"}
            for y, base in years.items() for i, c in enumerate(counties)]


def _monthly_rows(first: dt.date, last: dt.date, count: int, counties=COUNTIES,
                  category: str = "robbery") -> list[dict]:
    rows, m = [], first
    while m <= last:
        rows += [{"county": c.name, "category": category, "period_start": m.isoformat(),
                  "period_end": month_end(m).isoformat(), "count": count, "source": "returns"}
                 for c in counties]
        m = add_months(m, 1)
    return rows


def _scope(period: Period, **kw) -> Scope:
    return Scope(period, Audience.INTERNAL, **kw)


# --- yearly published tables only -----------------------------------------------------


def test_yearly_only_database_opens_on_latest_year_with_totals_rates_and_change(engine):
    _import(engine, "crime-counts", _yearly_rows({2022: 1000, 2023: 1000, 2024: 1200}))
    period = default_period(engine=engine, today=TODAY)
    assert period == Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert period.label() == "2024"

    summary = crime_summary(_scope(period), engine=engine)
    expected = sum(1200 + i for i in range(47))
    assert summary.total == expected
    assert summary.previous == sum(1000 + i for i in range(47))
    assert summary.basis == "published yearly"
    assert summary.coverage_note == "47 of 47 counties reported for the whole period"
    assert summary.rate_per_100k == pytest.approx(
        expected / sum(c.population_2019 for c in COUNTIES) * 100_000)

    counties = county_crime(_scope(period), engine=engine)
    assert (counties["basis"] == "published yearly").all()
    assert counties["count"].notna().all() and counties["rate_per_100k"].notna().all()
    assert set(counties["verdict"]) <= {"significant", "possible", "no clear change"}


def test_yearly_figures_are_never_zero_in_a_monthly_period(engine):
    _import(engine, "crime-counts", _yearly_rows({2023: 1000, 2024: 1200}))
    scope = _scope(Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30)))
    counties = county_crime(scope, engine=engine)
    assert (counties["basis"] == "yearly figures only").all()
    assert counties["count"].isna().all()
    assert (counties["verdict"] == "no data to compare").all()
    summary = crime_summary(scope, engine=engine)
    assert np.isnan(summary.total)
    assert summary.basis == "yearly figures only"
    series = monthly_series(scope, engine=engine)
    assert series["count"].isna().all()  # gaps, not a flat line at 0


# --- months with gaps -------------------------------------------------------------


def test_missing_months_are_not_zero_and_comparisons_are_like_for_like(engine):
    # Monthly returns start in Nov 2023 for every county; Lamu skips Mar–May 2024.
    lamu = next(c for c in COUNTIES if c.name == "Lamu")
    others = [c for c in COUNTIES if c is not lamu]
    rows = _monthly_rows(dt.date(2023, 11, 1), dt.date(2024, 12, 1), 10, others)
    rows += _monthly_rows(dt.date(2023, 11, 1), dt.date(2024, 2, 1), 10, [lamu])
    rows += _monthly_rows(dt.date(2024, 6, 1), dt.date(2024, 12, 1), 10, [lamu])
    _import(engine, "crime-counts", rows)

    # 2024 against 2023: 2023 has no whole year, so nothing is compared (no "rise").
    year = _scope(Period.year(2024))
    counties = county_crime(year, engine=engine).set_index("county")
    assert (counties.drop(index="Lamu")["basis"] == "monthly").all()
    assert counties.loc["Lamu", "basis"] == "partial"
    assert counties.loc["Lamu", "count"] == 90  # 9 months with data, none invented
    assert np.isnan(counties.loc["Lamu", "rate_per_100k"])
    assert (counties["verdict"] == "no data to compare").all()
    summary = crime_summary(year, engine=engine)
    assert summary.coverage_note.startswith("46 of 47 counties reported for the whole period")
    assert "Lamu 9 of 12" in summary.coverage_note

    # Nov–Dec 2024 against Nov–Dec 2023: like for like, no change at all.
    two = _scope(Period(dt.date(2024, 11, 1), dt.date(2024, 12, 31)))
    counties = county_crime(two, engine=engine)
    assert (counties["count"] == 20).all() and (counties["previous"] == 20).all()
    assert (counties["pct_change"] == 0).all()

    series = monthly_series(_scope(Period.year(2024), county=lamu.code), engine=engine)
    by_month = series.set_index("month")["count"]
    assert by_month[dt.date(2024, 3, 1)] != by_month[dt.date(2024, 3, 1)]  # NaN, a gap
    assert by_month[dt.date(2024, 2, 1)] == 10


def test_published_counts_take_precedence_over_incident_points(engine):
    nairobi = next(c for c in COUNTIES if c.name == "Nairobi")
    _import(engine, "crime-counts", [{
        "county": "Nairobi", "category": "robbery", "period_start": "2024-03-01",
        "period_end": "2024-03-31", "count": 94, "source": "monthly return"}])
    _import(engine, "incidents", [
        {"occurred_on": f"2024-03-{1 + i % 28:02d}", "county": "Nairobi",
         "category": "robbery", "external_id": f"i{i}"} for i in range(80)])
    scope = _scope(Period(dt.date(2024, 3, 1), dt.date(2024, 3, 31)), county=nairobi.code)
    assert crime_summary(scope, engine=engine).total == 94  # never 94 + 80


# --- the default period and unrelated records ----------------------------------------


def test_default_period_ignores_the_running_month_and_other_sources(engine):
    _import(engine, "crime-counts", _monthly_rows(dt.date(2025, 1, 1), dt.date(2026, 10, 1), 5))
    # Incidents of the running month (November 2026, today the 15th) do not make it whole.
    _import(engine, "incidents", [{"occurred_on": "2026-11-02", "county": c.name,
                                   "category": "robbery"} for c in COUNTIES])
    assert latest_complete_month(engine=engine, today=TODAY) == dt.date(2026, 10, 1)
    assert default_period(engine=engine, today=TODAY) == Period(dt.date(2025, 11, 1),
                                                               dt.date(2026, 10, 31))
    # Once November is over it is complete: all 47 counties have records in it.
    december = dt.date(2026, 12, 10)
    assert latest_complete_month(engine=engine, today=december) == dt.date(2026, 11, 1)
    # A month in which only 3 of 47 counties have reported so far is not complete.
    _import(engine, "crime-counts", _monthly_rows(dt.date(2026, 12, 1), dt.date(2026, 12, 1),
                                                  5, COUNTIES[:3]), today=dt.date(2027, 1, 5))
    assert latest_complete_month(engine=engine, today=dt.date(2027, 1, 10)) == \
        dt.date(2026, 11, 1)
    # A forum held this month moves nothing.
    _import(engine, "forums", [{
        "external_id": "f-now", "edition": "Pwani Edition", "county": "Mombasa",
        "venue": "Tononoka", "held_on": TODAY.isoformat(), "attendance_total": 300}])
    assert default_period(engine=engine, today=TODAY) == Period(dt.date(2025, 11, 1),
                                                               dt.date(2026, 10, 31))


def test_a_month_to_date_is_labelled_and_scaled_by_its_days():
    period = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 15))
    assert period.to_date and period.label() == "Nov 2026 (to 15 Nov)"
    assert period.days_of(dt.date(2026, 11, 1)) == 15
    assert period.comparison == Period(dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    # 15 days at last year's daily rate is no change at all.
    frame = change_frame([300], [600], 15, 30)
    assert frame["pct_change"].iloc[0] == 0 and frame["verdict"].iloc[0] == "no clear change"


# --- the change test ----------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "verdict"), [
    (2070, 2144, "no clear change"),      # Homa Bay: -3.5%, a big base, no real change
    (1055, 1000, "no clear change"),      # +5.5%: z 1.2, below the 10% floor anyway
    (293, 246, "possible"),               # +19%: z 2.0
    (400, 300, "significant"),            # +33%: z 5.3
    (12, 19, "too few to tell"),          # both under 20 events
    (40, 22, "possible"),                 # +82%: z 2.3
    (25, 0, "significant"),               # from nothing: z 7.1, the % is undefined
])
def test_change_verdicts(a, b, verdict):
    assert change_frame([a], [b], 365, 365)["verdict"].iloc[0] == verdict


def test_z_is_scaled_for_two_counts_and_for_overdispersion():
    # √2(√a − √b): 400 vs 324 gives √2·(20 − 18) = 2.83.
    assert change_frame([400], [324], 1, 1)["z"].iloc[0] == pytest.approx(2 * np.sqrt(2))
    assert change_frame([400], [324], 1, 1, 2.0)["z"].iloc[0] == pytest.approx(2.0)
    # February against January at the same daily rate is no change.
    assert change_frame([280], [310], 28, 31)["verdict"].iloc[0] == "no clear change"


def _simulated_counties(seed: int, phi: float, months: int = 36) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mean = np.exp(rng.uniform(np.log(2), np.log(2000), 47))
    season = 1 + 0.2 * np.sin(np.arange(months) * 2 * np.pi / 12)
    lam = mean[:, None] * season[None, :]
    if phi > 1:  # gamma–Poisson: variance = φ × mean
        lam = rng.gamma(lam / (phi - 1), phi - 1)
    return rng.poisson(lam).astype(float)


def test_no_change_data_is_rarely_called_significant():
    significant = old_rule = total = 0
    for seed in range(100):
        y = _simulated_counties(seed, 1.2)
        phi = dispersion(y[:, 12:], y[:, :-12], min_pairs=6)
        a, b = y[:, -12:].sum(axis=1), y[:, -24:-12].sum(axis=1)
        significant += (change_frame(a, b, 365, 365, phi)["verdict"] == "significant").sum()
        # The first version's test: |2(√a − √b)| ≥ 3 with no size floor.
        old_rule += (np.abs(2 * (np.sqrt(a) - np.sqrt(b))) >= 3).sum()
        total += len(a)
    assert significant / total < 0.005
    assert old_rule / total > 0.02  # the test bites: the old rule cried wolf


def test_dispersion_is_estimated_from_pairs_a_year_apart():
    y = _simulated_counties(1, 3.0, months=48)
    phi = dispersion(y[:, 12:], y[:, :-12], min_pairs=6)
    assert np.median(phi) == pytest.approx(3.0, rel=0.35)
    assert np.isnan(dispersion(y[:, 12:15], y[:, :3], min_pairs=6)).all()
    assert (dispersion(np.full((1, 10), 100.0), np.full((1, 10), 100.0), min_pairs=6) == 1).all()


def test_the_summary_shows_its_counts_as_the_audience_may_see_them(engine):
    lamu = [c for c in COUNTIES if c.name == "Lamu"]
    _import(engine, "crime-counts", _monthly_rows(dt.date(2024, 11, 1), dt.date(2025, 12, 1),
                                                  1, lamu))
    period = Period(dt.date(2025, 11, 1), dt.date(2025, 12, 31))
    internal = crime_summary(_scope(period, county=lamu[0].code), engine=engine)
    assert (internal.total_display, internal.previous_display) == ("2", "2")
    assert not internal.change_hidden and internal.population == lamu[0].population_2019
    public = crime_summary(Scope(period, Audience.PUBLIC, county=lamu[0].code), engine=engine)
    # Two hidden months of 1: the public total is built from protected cells (2.5 each)
    # and reads as the range the two hidden cells allow; no change is claimed on it.
    assert (public.total_display, public.current_compared_display,
            public.previous_display) == ("2–8", "2–8", "2–8")
    assert public.total == 5 and public.verdict == "too few to tell"
    one_month = crime_summary(Scope(Period(dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
                                    Audience.PUBLIC, county=lamu[0].code), engine=engine)
    assert one_month.total_display == "<5" and one_month.change_hidden
    # Sensitive categories are hidden for every audience.
    gbv = crime_summary(_scope(period, county=lamu[0].code,
                               categories=("offences_against_morality",)), engine=engine)
    assert gbv.total_display == "0"  # a true 0 is shown as 0
