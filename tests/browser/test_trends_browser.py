"""The Trends page in real Chromium on a fresh demo database: the KPIs say what they are
compared with, the four charts draw, months without data are gaps (never 0) and nothing
is fetched from outside."""

from __future__ import annotations

import os

import pytest

if os.environ.get("JUKWAA_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

from playwright.sync_api import Page  # noqa: E402

from data_access.engine import get_engine  # noqa: E402
from data_access.figures.calendar import add_months  # noqa: E402
from data_access.figures.coverage import covered_county_months  # noqa: E402
from tests.browser.helpers import (  # noqa: E402
    AppServer,
    assert_no_app_errors,
    open_app_page,
    save_screenshot,
)

pytestmark = pytest.mark.browser

# Every trace of the first chart (the monthly lines): its name, mode, whether it joins
# gaps, its number of points and how many of them are gaps.
_MONTHLY_TRACES_JS = """
() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  // _fullData holds the decoded arrays (data may keep plotly's typed binary form).
  return gd._fullData.map(t => ({name: t.name, mode: t.mode, connectgaps: t.connectgaps,
                                 points: (t.y || []).length,
                                 gaps: Array.from(t.y || []).filter(v => v === null ||
                                                                   Number.isNaN(v)).length}));
}
"""


def test_trends_page_in_chromium(app_server: AppServer, browser_page: Page,
                                 outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, "trends")
    assert_no_app_errors(browser_page, app_server)
    assert browser_page.locator('[data-testid="stMetric"]').count() == 3
    assert browser_page.locator('[data-testid="stPlotlyChart"]').count() == 4
    assert browser_page.get_by_text("vs the same months a year earlier").count() >= 3
    assert browser_page.get_by_text("A month without data is a gap, never 0").count() >= 1
    # The solid lines (and the dashed year-earlier lines) never join across a gap.
    lines = [t for t in browser_page.evaluate(_MONTHLY_TRACES_JS)
             if t["mode"] in ("lines", "lines+markers") and t["connectgaps"] is not None]
    assert len(lines) >= 2 and all(t["connectgaps"] is False for t in lines), lines
    save_screenshot(browser_page, "trends")
    assert outside_requests == [], "\n".join(outside_requests)


def test_trends_page_first_year_has_no_zero_year_earlier(app_server: AppServer,
                                                         browser_page: Page,
                                                         outside_requests: list[str]) -> None:
    # The first 12 months of data have nothing a year earlier: the dashed lines are all
    # gaps, never a line along 0.
    first = covered_county_months(engine=get_engine(app_server.db_url))["month"].min()
    last = add_months(first, 11)
    open_app_page(browser_page, app_server, f"trends?from={first:%Y-%m}&to={last:%Y-%m}")
    assert_no_app_errors(browser_page, app_server)
    traces = browser_page.evaluate(_MONTHLY_TRACES_JS)
    # (The legend's own dashed sample is a one-point trace.)
    dashed = [t for t in traces if t["mode"] == "lines" and t["points"] > 1]
    solid = [t for t in traces if t["mode"] == "lines+markers"]
    assert dashed and all(t["gaps"] == 12 and t["connectgaps"] is False for t in dashed), \
        traces
    assert solid and all(t["gaps"] < 12 for t in solid), traces
    save_screenshot(browser_page, "trends_first_year")
    assert outside_requests == [], "\n".join(outside_requests)
