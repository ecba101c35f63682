"""The Overview in real Chromium on a fresh demo database: all 47 counties drawn on the
crime-rate map, every legend class listed, the KPIs shown, nothing fetched from outside."""

from __future__ import annotations

import os

import pytest

if os.environ.get("JUKWAA_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

from playwright.sync_api import Page  # noqa: E402

from charts.classes import RATE_SCHEME  # noqa: E402
from tests.browser.helpers import (  # noqa: E402
    AppServer,
    assert_no_app_errors,
    county_map_state,
    open_app_page,
    save_screenshot,
)

pytestmark = pytest.mark.browser


def test_overview_map_draws_all_47_counties_offline(app_server: AppServer, browser_page: Page,
                                                    outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, "")
    assert_no_app_errors(browser_page, app_server)
    state = county_map_state(browser_page)
    assert state["drawn"] == 47, f"{state['drawn']} counties drawn"
    assert set(RATE_SCHEME.labels) <= set(state["names"]), state["names"]
    assert browser_page.locator('[data-testid="stMetric"]').count() == 6
    assert browser_page.get_by_text("DEMO DATA").count() >= 1
    assert browser_page.get_by_text("geoBoundaries").count() >= 1
    save_screenshot(browser_page, "overview_map")
    assert outside_requests == [], "\n".join(outside_requests)
