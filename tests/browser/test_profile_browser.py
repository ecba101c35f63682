"""County profiles, the Trends page and the Overview's emerging threats in real Chromium,
fully offline: opened by their shareable links, checked on screen, and photographed to
artifacts/screenshots/ (profile_001_mombasa.png, profile_024_west_pokot.png, ...)."""

from __future__ import annotations

import os

import pytest

if os.environ.get("JUKWAA_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

from playwright.sync_api import Page  # noqa: E402

from tests.browser.helpers import (  # noqa: E402
    AppServer,
    assert_no_app_errors,
    open_app_page,
    save_screenshot,
)

pytestmark = pytest.mark.browser

SOURCES_EN = ["Crime observatory", "Forums and commitments", "Chiefs' monthly reports"]


def _drawn_charts(page: Page) -> int:
    """Plotly charts that have drawn their SVG."""
    charts = page.locator('[data-testid="stPlotlyChart"]')
    return charts.filter(has=page.locator(".main-svg")).count()


@pytest.mark.parametrize(("code", "name", "shot"), [
    ("001", "Mombasa", "profile_001_mombasa"),
    ("024", "West Pokot", "profile_024_west_pokot"),
])
def test_county_profile_by_shareable_link(code, name, shot, app_server: AppServer,
                                          browser_page: Page,
                                          outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, f"county?county={code}")
    assert_no_app_errors(browser_page, app_server)
    assert f"county={code}" in browser_page.url  # the link stays shareable
    main = browser_page.locator('[data-testid="stMain"]')
    assert main.locator("h1").first.inner_text().strip() == name
    for header in SOURCES_EN:
        assert main.get_by_role("heading", name=header).count() == 1, header
    assert _drawn_charts(browser_page) >= 6
    assert main.get_by_text("Commitments and due dates").count() >= 1
    path = save_screenshot(browser_page, shot)
    assert path.stat().st_size > 50_000
    assert outside_requests == []


def test_profile_in_kiswahili_and_presenter_mode(app_server: AppServer, browser_page: Page,
                                                 outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, "county?county=024&lang=sw&mode=public")
    assert_no_app_errors(browser_page, app_server)
    main = browser_page.locator('[data-testid="stMain"]')
    assert main.get_by_role("heading", name="Ripoti za kila mwezi za machifu").count() == 1
    save_screenshot(browser_page, "profile_024_west_pokot_sw_public")
    assert outside_requests == []


def test_profile_without_county_offers_a_picker(app_server: AppServer, browser_page: Page,
                                                outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, "county")
    assert_no_app_errors(browser_page, app_server)
    main = browser_page.locator('[data-testid="stMain"]')
    assert main.get_by_text("Choose a county to see its profile.").count() == 1
    assert outside_requests == []


def test_trends_and_overview_emerging_threats(app_server: AppServer, browser_page: Page,
                                              outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, "trends")
    assert_no_app_errors(browser_page, app_server)
    assert _drawn_charts(browser_page) == 4
    save_screenshot(browser_page, "trends_by_category")

    open_app_page(browser_page, app_server, "")
    assert_no_app_errors(browser_page, app_server)
    main = browser_page.locator('[data-testid="stMain"]')
    assert main.get_by_role("heading", name="Emerging threats").count() == 1
    # The demo seeds surges in the latest month; each is listed with its reason.
    assert main.get_by_text("Theft of stock in West Pokot:").count() == 1
    assert main.get_by_text("for the time of year").count() >= 4
    save_screenshot(browser_page, "overview_emerging_threats")
    assert outside_requests == []
