"""The Overview's queries give identical answers on SQLite and PostgreSQL."""

import datetime as dt

import pandas as pd
import pytest

from data_access.commitments import resolution_by_region
from data_access.concerns import concerns_raised
from data_access.demo import generate_demo
from data_access.engine import get_engine
from data_access.figures.crime import county_crime
from data_access.figures.emerging import emerging_threats
from data_access.figures.scope import Audience, Period, Scope
from data_access.forums import forums_in_period
from data_access.status import data_status, has_demo
from tests.clock import DEMO_END_MONTH

END_MONTH = DEMO_END_MONTH
START, END = dt.date(2025, 11, 1), dt.date(2026, 10, 31)
PERIOD = Period(START, END)


def _overview(url: str) -> dict[str, pd.DataFrame]:
    engine = get_engine(url)
    frames = {
        "crime": county_crime(Scope(PERIOD, Audience.INTERNAL), engine=engine),
        "crime_coast_public": county_crime(
            Scope(PERIOD, Audience.PUBLIC, region="coast", categories=("homicide", "robbery")),
            engine=engine),
        "emerging": emerging_threats(Scope(PERIOD, Audience.INTERNAL), include_all=True,
                                     engine=engine),
        "resolution": resolution_by_region(engine=engine, as_of=END,
                                           audience=Audience.INTERNAL),
        "forums": forums_in_period(engine=engine, start=dt.date(2025, 1, 1), end=END,
                                   audience=Audience.INTERNAL),
        # The Overview's concerns card (forum + chiefs' reports), by county and theme.
        "concerns": concerns_raised(engine=engine, start=dt.date(2025, 1, 1), end=END,
                                    by="county_theme", audience=Audience.INTERNAL),
        # Its public form: region × part cells of every concern to date, all themes.
        "concerns_public": concerns_raised(engine=engine, start=START, end=END, by="region",
                                           audience=Audience.PUBLIC),
        "status": data_status(engine=engine),
    }
    return {k: v.sort_values(list(v.columns[:2])).reset_index(drop=True)
            for k, v in frames.items()}


@pytest.mark.postgres
def test_overview_queries_identical_on_sqlite_and_postgres(sqlite_url, postgres_url):
    results = []
    for url in (sqlite_url, postgres_url):
        generate_demo(get_engine(url), seed=11, years=2, incidents=6000, end_month=END_MONTH)
        assert has_demo(engine=get_engine(url))
        results.append(_overview(url))
    lite, pg = results
    for name in lite:
        pd.testing.assert_frame_equal(lite[name], pg[name], check_dtype=False,
                                      obj=f"overview query {name!r}")
    # The comparison is not vacuous: the demo filled every part of the page.
    assert lite["crime"]["count"].sum() > 0 and len(lite["crime"]) == 47
    assert lite["resolution"]["made"].sum() > 0
    assert len(lite["forums"]) > 0 and lite["concerns"]["concerns"].sum() > 0
    assert len(lite["concerns_public"]) == 8 and lite["concerns_public"]["concerns"].sum() > 0
    # Public mode never shows a count of 1–4 as a number.
    shown = lite["crime_coast_public"]["count_display"]
    # ("<5", an estimate "≈…" or a range "a–b" built from protected cells, or an exact
    # count of 0 or at least 5.)
    exact = [int(v.replace(",", "")) for v in shown if v.replace(",", "").isdigit()]
    assert not [v for v in exact if 1 <= v <= 4]
    assert all(v.replace(",", "").isdigit() or v == "<5" or v.startswith("≈") or "–" in v
               for v in shown)
