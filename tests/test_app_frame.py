"""The app frame: filters kept in the URL, demo badge, access gate, unreachable database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access.figures.scope import Audience, Period
from tests.clock import DEMO_END_DAY, TODAY

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def demo_env(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUKWAA_DB_URL", demo_sqlite_url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)


def _filters(at: AppTest):
    return at.session_state["jukwaa_current_filters"]


def test_filters_are_read_from_a_shared_link(demo_env) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"from": "2026-01", "to": "2026-06", "region": "rift_valley",
                            "county": "024", "cat": "theft_of_stock,robbery,bogus",
                            "mode": "public", "lang": "sw"})
    at.run()
    assert not at.exception
    f = _filters(at)
    assert (f.start, f.end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert f.region == "rift_valley" and f.county == "024"
    assert f.county_codes == ("024",)
    assert f.categories == ("theft_of_stock", "robbery")  # unknown codes are dropped
    assert f.public and f.lang == "sw"
    assert f.period.n_months == 6
    # Every change compares with the same months a year earlier.
    assert f.period.comparison == Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert f.scope.audience is Audience.PUBLIC and f.scope.county_codes == ("024",)


def test_filters_are_written_back_to_the_url(demo_env) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.sidebar.selectbox(key="f_region").set_value("coast").run()
    at.sidebar.selectbox(key="f_county").set_value("001").run()
    assert not at.exception
    assert at.query_params["region"] == "coast"
    assert at.query_params["county"] == "001"
    assert _filters(at).scope_label == "Mombasa"


def test_bad_link_values_fall_back_to_defaults(demo_env) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"from": "garbage", "to": "1999-01", "county": "999",
                            "region": "atlantis"})
    at.run()
    assert not at.exception
    f = _filters(at)
    assert f.county is None and f.region is None
    # The default period: the latest 12 complete months of the demo's crime data.
    assert f.period == Period(dt.date(2025, 11, 1), DEMO_END_DAY)


def test_the_running_month_can_be_chosen_and_reads_to_date(demo_env) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"from": "2026-06", "to": TODAY.strftime("%Y-%m")})
    at.run()
    assert not at.exception
    f = _filters(at)
    assert f.end == TODAY and f.period.to_date
    assert f.period_label == f"Jun 2026 – Nov 2026 (to {TODAY.day} Nov)"


def test_demo_badge_shows_while_demo_rows_exist(demo_env) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("DEMO DATA" in w.value for w in at.warning)


def test_access_gate_asks_for_the_code(demo_env, monkeypatch) -> None:
    monkeypatch.setenv("JUKWAA_ACCESS_CODE", "s3cret")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.text_input[0].label == "Access code"
    assert not at.metric  # nothing from the data is shown before the code
    at.text_input[0].input("wrong").run()
    assert any("not right" in e.value for e in at.error)
    at.text_input[0].input("s3cret").run()
    assert at.metric and not at.exception


def test_unreachable_database_gets_a_plain_message(monkeypatch) -> None:
    monkeypatch.setenv("JUKWAA_DB_URL", "postgresql+psycopg://nobody@127.0.0.1:1/jukwaa")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("Cannot reach the database" in e.value for e in at.error)


def test_every_page_runs_on_an_empty_database(sqlite_url, monkeypatch) -> None:
    from views.registry import PAGES

    monkeypatch.setenv("JUKWAA_DB_URL", sqlite_url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    assert not any("DEMO DATA" in w.value for w in at.warning)
    for page in PAGES:
        at.switch_page(f"views/{page.script}").run()
        assert not at.exception, f"{page.script}: {at.exception[0].message}"
