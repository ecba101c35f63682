"""One scope, the same figures on every surface.

The first version worked figures out in several places and they disagreed (the export
compared March with 29 Jan–28 Feb, the pages with February). Here one scope — the Coast
region over the default period — is given to every page (through its link), to the
county-metrics export and to the briefing, and each figure they show is checked against
the figures layer and against each other.
"""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.engine import get_engine
from data_access.exports import export_frame
from data_access.figures.coverage import default_period
from data_access.figures.crime import county_crime, crime_summary
from data_access.figures.scope import Audience, Scope
from tests.apptest_helpers import problems, run_page
from ui.briefing import crime_key_numbers

REGION = "coast"
MOMBASA = "001"


@pytest.fixture(scope="module")
def figures(demo_sqlite_url: str) -> dict:
    engine = get_engine(demo_sqlite_url)
    period = default_period(engine=engine)
    scope = Scope(period, Audience.INTERNAL, region=REGION)
    return {
        "period": period,
        "scope": scope,
        "summary": crime_summary(scope, engine=engine),
        "counties": county_crime(scope, engine=engine).set_index("county"),
        "mombasa": crime_summary(Scope(period, Audience.INTERNAL, county=MOMBASA),
                                 engine=engine),
        "export": export_frame(engine, kind="county-metrics", scope=scope,
                               audience=Audience.INTERNAL)
        .set_index("county"),
    }


def _link(period) -> dict[str, str]:
    return {"from": f"{period.start:%Y-%m}", "to": f"{period.end:%Y-%m}"}


def _metric(at, label_start: str):
    return next(m for m in at.metric if m.label.startswith(label_start))


def _number(text: str) -> int:
    return int(str(text).split()[0].replace(",", ""))


def test_every_surface_shows_the_scope_s_figures(figures, demo_sqlite_url,
                                                 monkeypatch: pytest.MonkeyPatch):
    summary, counties, export = figures["summary"], figures["counties"], figures["export"]
    link = _link(figures["period"])
    total = f"{summary.total:,.0f}"

    # The region's total and change, on the Overview, on Trends and in the briefing.
    overview = run_page(demo_sqlite_url, monkeypatch, "overview.py", region=REGION, **link)
    assert not problems(overview)
    crimes = _metric(overview, "Crimes recorded")
    assert crimes.value == total
    assert f"{summary.pct_change:+.0f}%" in crimes.proto.delta
    assert f"{summary.previous:,.0f}" in crimes.proto.delta

    trends = run_page(demo_sqlite_url, monkeypatch, "trends.py", region=REGION, **link)
    assert not problems(trends)
    assert trends.metric[0].value == total
    assert f"{summary.previous:,.0f}" in trends.metric[0].proto.delta

    key_numbers = crime_key_numbers(summary)
    assert key_numbers[0][1] == total
    assert f"{summary.previous:,.0f}" in key_numbers[0][2]

    # Each county's count: the Overview's map table, the Hotspots ranking and the export.
    overview.segmented_control(key="overview_map_view").set_value("table").run()
    overview_table = next(df.value for df in overview.dataframe if "crimes" in df.value)
    overview_counts = overview_table.set_index("county")["crimes"].map(_number)
    hotspots = run_page(demo_sqlite_url, monkeypatch, "hotspots.py", region=REGION, **link)
    assert not problems(hotspots)
    ranking = next(df.value for df in hotspots.dataframe if "crimes" in df.value)
    hotspot_counts = ranking.set_index("county")["crimes"].map(_number)
    expected = counties["count"].astype("int64")
    assert len(expected) == 6
    pd.testing.assert_series_equal(overview_counts.sort_index(), expected.sort_index(),
                                   check_names=False)
    pd.testing.assert_series_equal(hotspot_counts.sort_index(), expected.sort_index(),
                                   check_names=False)
    exported = export.loc[expected.index]
    assert (exported["crimes"].astype("int64") == expected).all()
    assert (exported["previous_crimes"].astype("int64")
            == counties["previous"].astype("int64")).all()
    assert (exported["change_verdict"] == counties["verdict"]).all()
    assert (exported["period_start"] == figures["period"].start.isoformat()).all()
    assert (exported["compared_with_start"]
            == figures["period"].comparison.start.isoformat()).all()

    # One county: its profile card, its row in the region and in the export.
    profile = run_page(demo_sqlite_url, monkeypatch, "county_profile.py", county=MOMBASA,
                       **link)
    assert not problems(profile)
    card = _metric(profile, "Crimes")
    mombasa = figures["mombasa"]
    assert _number(card.value) == mombasa.total == counties.loc["Mombasa", "count"]
    assert mombasa.previous == counties.loc["Mombasa", "previous"]


def test_what_the_figures_cover_is_said_in_the_page_s_language(figures, demo_sqlite_url,
                                                                monkeypatch):
    summary = figures["summary"]
    # The small test demo leaves months without incidents in Tana River and Lamu.
    assert summary.coverage("sw").startswith(
        f"kaunti {summary.counties_complete} kati ya 6 ziliripoti kwa miezi yote 12")
    assert summary.comparison("sw").startswith(
        "ikilinganishwa na miezi ileile mwaka mmoja kabla")
    overview = run_page(demo_sqlite_url, monkeypatch, "overview.py", region=REGION,
                        lang="sw", **_link(figures["period"]))
    assert not problems(overview)
    captions = " ".join(c.value for c in overview.caption)
    assert summary.coverage("sw") in captions and summary.comparison("sw") in captions
    assert summary.coverage_note not in captions
