"""Compare, Forums and Chiefs' reports in real Chromium, fully offline, photographed to
artifacts/screenshots/: a four-county comparison and a region against Kenya opened by their
shareable links, one forum with its attendance by group, and the list of locations that
have not reported for a month."""

from __future__ import annotations

import csv
import io
import os

import pytest
import sqlalchemy as sa

if os.environ.get("JUKWAA_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

from playwright.sync_api import Locator, Page  # noqa: E402

from tests.browser.helpers import (  # noqa: E402
    SCREENSHOT_DIR,
    AppServer,
    assert_no_app_errors,
    open_app_page,
    save_screenshot,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

# The small-multiples map: its panel titles and, per panel (plotly names a panel's axes
# x, x2, x3 …), how many counties carry a hover (one invisible marker per county).
_PANELS_JS = """
(gd) => {
  const counties = {};
  for (const tr of gd.data) {
    if (tr.mode === 'markers' && tr.text) counties[tr.xaxis || 'x'] = tr.text.length;
  }
  return {titles: (gd.layout.annotations || []).map(a => a.text), counties};
}
"""


def _main(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"]')


def _drawn_charts(page: Page) -> int:
    charts = page.locator('[data-testid="stPlotlyChart"]')
    return charts.filter(has=page.locator(".main-svg")).count()


def _chips(page: Page) -> list[str]:
    """The areas chosen in the comparison's multiselect, as its chips read."""
    select = _main(page).locator('[data-testid="stMultiSelect"]').filter(
        has_text="Areas to compare")
    select.locator("[data-tag]").first.wait_for()  # the widget draws its chips after mounting
    return [tag.get_attribute("aria-label") for tag in select.locator("[data-tag]").all()]


# The index, among the page's plotly charts, of the first chart after a heading.
_CHART_AFTER_JS = """
(heading) => {
  const h = [...document.querySelectorAll('[data-testid="stMain"] h3')]
    .find(e => e.innerText.trim() === heading);
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.findIndex(c => h.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
}
"""


def _chart_after(page: Page, heading: str) -> Locator:
    """The plotly chart drawn under the heading ``heading`` (chart_block's title)."""
    index = page.evaluate(_CHART_AFTER_JS, heading)
    assert index >= 0, f"no chart after {heading!r}"
    return page.locator('[data-testid="stPlotlyChart"]').nth(index)


@pytest.mark.parametrize(("areas", "chips", "counties", "shot"), [
    ("001,002,003,004", ["Mombasa", "Kwale", "Kilifi", "Tana River"],
     {"x": 1, "x2": 1, "x3": 1, "x4": 1}, "compare_4_counties"),
    ("R:coast,KE", ["Coast region", "Kenya"], {"x": 6, "x2": 47}, "compare_coast_vs_kenya"),
])
def test_comparison_by_shareable_link(areas, chips, counties, shot, app_server: AppServer,
                                      browser_page: Page, outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, f"compare?areas={areas}")
    assert_no_app_errors(browser_page, app_server)
    assert "areas=" in browser_page.url  # the comparison stays a link
    assert _chips(browser_page) == chips
    main = _main(browser_page)
    for heading in ["Crime rate per 100,000, month by month",
                    "Top crime categories: change vs a year earlier",
                    "Commitments: made, fulfilled, overdue and resolution rate",
                    "Chiefs' reports: sentiment and reporting compliance",
                    "Counties of a region ranked by crime rate"]:
        assert main.get_by_role("heading", name=heading).count() == 1, heading
    assert _drawn_charts(browser_page) >= 6
    # One map panel per area, titled with it, drawing each of the area's counties.
    maps = _chart_after(browser_page, "Crime rate per 100,000: one map per area, the same "
                        "classes").locator(".js-plotly-plot").evaluate(_PANELS_JS)
    assert maps["titles"] == chips
    assert maps["counties"] == counties
    path = save_screenshot(browser_page, shot)
    assert path.stat().st_size > 50_000
    assert outside_requests == []


def _forum_with_attendance(app_server: AppServer) -> tuple[int, str]:
    """A forum of the app's demo data whose attendance is recorded by group."""
    engine = sa.create_engine(app_server.db_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(sa.text(
                "SELECT f.id, f.edition FROM forums f "
                "WHERE EXISTS (SELECT 1 FROM forum_attendance a WHERE a.forum_id = f.id) "
                "ORDER BY f.held_on DESC, f.id LIMIT 1")).one()
    finally:
        engine.dispose()
    return int(row.id), str(row.edition)


def test_one_forum_and_its_attendance_by_group(app_server: AppServer, browser_page: Page,
                                               outside_requests: list[str]) -> None:
    forum_id, edition = _forum_with_attendance(app_server)
    open_app_page(browser_page, app_server, f"forums?forum={forum_id}")
    assert_no_app_errors(browser_page, app_server)
    assert f"forum={forum_id}" in browser_page.url
    main = _main(browser_page)
    assert main.get_by_role("heading", name="One forum").count() == 1
    assert main.get_by_role("heading").filter(has_text=edition).count() >= 1
    assert main.get_by_role("link", name="forum → commitment chain").count() >= 1
    attendance = _chart_after(browser_page, "Attendance by group")
    groups = attendance.locator(".js-plotly-plot").evaluate("gd => gd.data[0].y.length")
    assert groups == 8  # women's groups, youth, elders, … civil society
    save_screenshot(browser_page, "forum_one")
    attendance.scroll_into_view_if_needed()
    attendance.screenshot(path=str(SCREENSHOT_DIR / "forum_attendance_by_group.png"))
    assert outside_requests == []


def test_locations_not_reporting_for_a_month(app_server: AppServer, browser_page: Page,
                                             outside_requests: list[str]) -> None:
    open_app_page(browser_page, app_server, "chiefs")
    assert_no_app_errors(browser_page, app_server)
    main = _main(browser_page)
    main.get_by_role("tab", name="Not reported").click()
    wait_for_app_idle(browser_page)
    heading = main.get_by_role("heading").filter(
        has_text="Locations that have not reported for")
    assert heading.count() == 1
    assert main.locator('[data-testid="stDataFrame"]').count() == 1  # the list, on its tab
    n = int(heading.inner_text().rsplit(":", 1)[1].replace(",", ""))
    assert n > 0
    # Its CSV is the list as shown: one row per location, with the sub-county to follow up.
    with browser_page.expect_download() as download:
        main.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    assert len(rows) == n
    assert all(r["sub-county"] and r["location"] for r in rows)
    save_screenshot(browser_page, "chiefs_not_reporting")
    assert outside_requests == []
