"""The Hotspots page in real Chromium, fully offline, on the app's demo data.

For every map mode: 47 counties drawn (counted from what MapLibre actually rendered),
every legend class listed, no error on screen, a screenshot in
artifacts/screenshots/hotspots_<mode>.png and not one request beyond 127.0.0.1. Then the
hexagon layer (a WebGL deck with no base map), a click on a county opening its profile,
and the map keeping the user's zoom across a rerun.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlsplit

import pytest

if os.environ.get("JUKWAA_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

from playwright.sync_api import Page  # noqa: E402

from charts.classes import SCHEME_BY_MODE  # noqa: E402
from data_access.hotspots import MAP_MODES  # noqa: E402
from tests.browser.helpers import (  # noqa: E402
    MAP,
    AppServer,
    assert_no_app_errors,
    county_map_state,
    open_app_page,
    save_screenshot,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser




@pytest.mark.parametrize("mode", MAP_MODES)
def test_each_map_mode_draws_47_counties_offline(mode: str, app_server: AppServer,
                                                 browser_page: Page,
                                                 outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, f"hotspots?map={mode}")
    assert_no_app_errors(browser_page, app_server)
    state = county_map_state(browser_page)
    assert state["drawn"] == 47, f"{mode}: {state['drawn']} counties drawn"
    assert set(SCHEME_BY_MODE[mode].labels) <= set(state["names"]), state["names"]
    if mode == "rate":
        assert browser_page.get_by_text("KNBS 2019 Kenya Population and Housing Census").count()
    assert browser_page.get_by_text("geoBoundaries").count() >= 1  # attribution under map
    shot = save_screenshot(browser_page, f"hotspots_{mode}")
    assert shot.stat().st_size > 0
    assert outside_requests == [], "\n".join(outside_requests)


def test_hexagon_layer_draws_cells_without_a_basemap(app_server: AppServer,
                                                     browser_page: Page,
                                                     outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, "hotspots?map=count&hex=1")
    assert_no_app_errors(browser_page, app_server)
    deck = browser_page.locator('[data-testid="stDeckGlJsonChart"]')
    deck.wait_for(state="visible")
    browser_page.wait_for_timeout(2000)  # deck.gl draws after its layers load
    assert deck.locator("canvas").count() >= 1
    assert browser_page.get_by_text("incidents in").count() >= 1  # "N incidents in M cells"
    # No MapLibre/Mapbox base map was created: deck.gl alone draws the cells.
    assert deck.locator(".maplibregl-map, .mapboxgl-map").count() == 0
    save_screenshot(browser_page, "hotspots_hex")
    assert outside_requests == [], "\n".join(outside_requests)


def _click_lon_lat(page: Page, lon: float, lat: float) -> None:
    point = page.evaluate(
        """([selector, lon, lat]) => {
          const gd = document.querySelector(selector);
          const map = gd._fullLayout.map._subplot.map;
          const rect = map.getCanvas().getBoundingClientRect();
          const p = map.project([lon, lat]);
          return {x: rect.left + p.x, y: rect.top + p.y};
        }""",
        [MAP, lon, lat],
    )
    page.mouse.click(point["x"], point["y"])


def test_clicking_a_county_opens_its_profile(app_server: AppServer, browser_page: Page,
                                             outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, "hotspots?map=rate")
    county_map_state(browser_page)
    _click_lon_lat(browser_page, 37.95, 2.9)  # the middle of Marsabit (county 010)
    browser_page.wait_for_url("**/county**", timeout=30_000)
    wait_for_app_idle(browser_page)
    assert_no_app_errors(browser_page, app_server)
    query = parse_qs(urlsplit(browser_page.url).query)
    assert query.get("county") == ["010"], browser_page.url
    assert browser_page.get_by_role("heading", name="Marsabit").count() >= 1
    assert outside_requests == [], "\n".join(outside_requests)


def test_zoom_survives_a_rerun_that_keeps_the_map(app_server: AppServer,
                                                  browser_page: Page) -> None:
    """A rerun that leaves the map's data as it is (here: switching the language) keeps
    the user's pan and zoom. (A new mode or filter is a new figure: Streamlit 1.67 gives
    a plotly chart whose figure changed a new identity, so that view starts afresh.)"""
    open_app_page(browser_page, app_server, "hotspots?map=count")
    before = county_map_state(browser_page)["zoom"]
    box = browser_page.locator(MAP).bounding_box()
    browser_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(3):
        browser_page.mouse.wheel(0, -300)
        browser_page.wait_for_timeout(300)
    browser_page.wait_for_timeout(800)
    zoomed = county_map_state(browser_page)["zoom"]
    assert zoomed > before + 0.3, (before, zoomed)
    browser_page.get_by_role("radio", name="Kiswahili", exact=True).click()
    wait_for_app_idle(browser_page)
    assert browser_page.get_by_text("Ramani inaonyesha").count() == 1  # the rerun happened
    after = county_map_state(browser_page)
    assert after["zoom"] == pytest.approx(zoomed, abs=0.05), (before, zoomed, after["zoom"])
