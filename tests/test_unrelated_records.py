"""Recording a forum, a concern, a commitment update or a chief's report dated in the
current month moves no figure of the default period on any page.

The first version ended the default period at the latest date of *any* source, so one
forum recorded today moved the Overview into a month without crime data (83,806 → 76,848
and a "significant" fall). Here the demo database gets one record of each kind dated
today, and every crime figure the pages show for the default scope — the Overview's KPIs
and map, the Hotspots table, the Trends series, a county profile, emerging threats — is
compared before and after, in the figures layer and on the pages themselves.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema as s
from data_access.commitment_updates import record_update
from data_access.engine import get_engine
from data_access.figures.coverage import default_period
from data_access.figures.crime import county_crime, crime_summary, monthly_series
from data_access.figures.emerging import emerging_threats
from data_access.figures.scope import Audience, Scope
from data_access.imports import import_file
from tests.apptest_helpers import problems, run_page
from tests.clock import TODAY
from tests.conftest import dispose_engine

PAGES = ("overview.py", "hotspots.py", "trends.py", "county_profile.py")


def _import(engine, kind: str, rows: list[dict]) -> None:
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    report = import_file(engine, kind=kind, data=buf.getvalue().encode(),
                         filename=f"{kind}.csv", today=TODAY)
    assert report.ok, report.problems_frame().head().to_string()


def _record_today(engine) -> None:
    """One forum, one concern, one commitment update and one chief's report, all today."""
    day = TODAY.isoformat()
    _import(engine, "forums", [{
        "external_id": "today-forum", "edition": "Pwani Edition", "county": "Mombasa",
        "venue": "Tononoka Grounds", "held_on": day, "attendance_total": 420}])
    _import(engine, "concerns", [{
        "external_id": "today-concern", "forum_external_id": "today-forum",
        "county": "Mombasa", "theme": "drugs", "summary": "Drug dens near the school",
        "raised_on": day}])
    # A status update typed on the Record progress page, as users do.
    with engine.connect() as conn:
        commitment = conn.execute(sa.select(s.commitments.c.id, s.commitments.c.version)
                                  .order_by(s.commitments.c.id).limit(1)).one()
    record_update(commitment_id=commitment.id, status="in_progress", updated_on=TODAY,
                  expected_version=commitment.version, note="Patrols started",
                  recorded_by="County commissioner's office", today=TODAY, engine=engine)
    _import(engine, "chief-reports", [{
        "county": "Mombasa", "sub_county": "Mvita", "location": "Tononoka",
        "month": TODAY.strftime("%Y-%m"), "sentiment": 3, "barazas_held": 2}])


def _crime_figures(engine) -> dict[str, object]:
    period = default_period(engine=engine)
    kenya = Scope(period, Audience.INTERNAL)
    pokot = Scope(period, Audience.INTERNAL, county="024")
    return {
        "period": period,
        "summary": crime_summary(kenya, engine=engine),
        "counties": county_crime(kenya, engine=engine),
        "trend": monthly_series(kenya, by="region", engine=engine),
        "profile": crime_summary(pokot, engine=engine),
        "emerging": emerging_threats(kenya, engine=engine),
    }


def _page_figures(url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Every figure each page shows: KPIs, captions and tables. The records dated today
    fall outside the default period, so none of them may change — only the "Data as of"
    line, which reports the newest record of each source."""
    shown: dict[str, list[str]] = {}
    for page in PAGES:
        params = {"county": "024"} if page == "county_profile.py" else {}
        at = run_page(url, monkeypatch, page, **params)
        assert not problems(at), problems(at)
        metrics = [f"{m.label}={m.value} {m.proto.delta}" for m in at.metric]
        captions = [c.value for c in at.caption if "Data as of" not in c.value]
        tables = [df.value.to_csv() for df in at.dataframe]
        assert metrics or tables, f"{page} shows no figure to compare"
        shown[page] = metrics + captions + tables
    return shown


def test_records_dated_today_move_no_crime_figure(demo_db, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch):
    # A private copy of the shared demo database: this test writes.
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db.url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    engine = get_engine(url)
    try:
        before = _crime_figures(engine)
        pages_before = _page_figures(url, monkeypatch)
        _record_today(engine)
        after = _crime_figures(engine)
        pages_after = _page_figures(url, monkeypatch)
    finally:
        dispose_engine(url)
    assert after["period"] == before["period"]
    assert after["period"].end < TODAY.replace(day=1)
    assert after["summary"] == before["summary"]
    assert after["profile"] == before["profile"]
    for name in ("counties", "trend", "emerging"):
        pd.testing.assert_frame_equal(after[name], before[name], obj=name)
    for page in PAGES:
        assert pages_after[page] == pages_before[page], page
