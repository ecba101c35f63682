"""Nothing injected, in real Chromium: pages showing a concern, commitment, forum and update
whose text is HTML and Markdown (an image of http://127.0.0.1:9/…, a link, bold) show that
text literally; the browser draws no such image or link and asks nothing of any address
but the app's own; and a table's toolbar has no "Download as CSV".

The app runs on its own database (tests.test_injection.make_hostile_db), not the shared
demo one. Screenshots go to artifacts/screenshots/injection_*.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

if os.environ.get("JUKWAA_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

from playwright.sync_api import Browser, Page  # noqa: E402

from tests.browser.helpers import (  # noqa: E402
    AppServer,
    assert_no_app_errors,
    open_app_page,
    save_screenshot,
    start_app_server,
    wait_for_app_idle,
)
from tests.test_injection import HOSTILE, HostileDb, make_hostile_db  # noqa: E402
from ui.plain import WORD_JOINER  # noqa: E402

pytestmark = pytest.mark.browser

MAIN = '[data-testid="stMain"]'
# What a rendered payload would look like in the page (a header's own "#slug" anchor,
# which names the text it heads, is not one).
ACTIVE = ('img[src*="127.0.0.1:9"]', 'a[href*="evil"]:not([href^="#"])',
          'a[href*="127.0.0.1:9"]:not([href^="#"])',
          "svg a", f"{MAIN} strong:text-is('bold')")


@pytest.fixture(scope="module")
def hostile(browser: Browser, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[AppServer, HostileDb]]:
    """The app on a database holding :data:`HOSTILE` in one forum's chain."""
    workdir = tmp_path_factory.mktemp("hostile_app")
    db = make_hostile_db(f"sqlite:///{workdir / 'hostile.db'}")
    server = start_app_server(db.url, workdir / "streamlit.log")
    try:
        yield server, db
    finally:
        server.stop()


@pytest.fixture
def requests_seen(browser_page: Page) -> list[str]:
    """Every URL the page requests (the guard also blocks any beyond this machine)."""
    seen: list[str] = []
    browser_page.on("request", lambda request: seen.append(request.url))
    return seen


def _main_text(page: Page) -> str:
    """The main area's text as a reader sees it (the invisible word joiners left out)."""
    return page.locator(MAIN).inner_text().replace(WORD_JOINER, "")


def _tick_texts(page: Page) -> str:
    """The y-axis labels of the page's plotly charts, as drawn (SVG text)."""
    return " ".join(page.locator('[data-testid="stPlotlyChart"] .ytick text').evaluate_all(
        "els => els.map(e => e.textContent)"))


def _check(page: Page, server: AppServer, requests_seen: list[str], shot: str) -> None:
    """No error, no rendered payload, no request but to the app, the text shown as is."""
    assert_no_app_errors(page, server)
    for selector in ACTIVE:
        assert page.locator(selector).count() == 0, f"rendered: {selector}"
    foreign = [u for u in requests_seen if not u.startswith(server.base_url)
               and not u.startswith(("data:", "blob:"))]
    assert not foreign, f"requests beyond the app: {foreign}"
    save_screenshot(page, f"injection_{shot}")


def test_chain_from_a_commitment(hostile, browser_page: Page, requests_seen: list[str]):
    server, db = hostile
    page = browser_page
    open_app_page(page, server, f"chain?commitment={db.commitment_id}")
    _check(page, server, requests_seen, "chain_commitment")
    text = _main_text(page)
    assert text.count(HOSTILE) >= 4  # forum edition and venue, concern, commitment title
    assert "# not a heading" in text  # the concern's second line, not a heading
    # The timeline's labels: the title as written, in plotly's SVG text.
    ticks = _tick_texts(page)
    assert "<img src=http://127.0.0.1:9/x>" in ticks


def test_chain_from_a_forum(hostile, browser_page: Page, requests_seen: list[str]):
    server, db = hostile
    page = browser_page
    open_app_page(page, server, f"chain?forum={db.forum_id}")
    page.get_by_text("History").first.click()  # the history table of the first commitment
    wait_for_app_idle(page)
    _check(page, server, requests_seen, "chain_forum")
    assert _main_text(page).count(HOSTILE) >= 3


def test_record_progress(hostile, browser_page: Page, requests_seen: list[str]):
    server, db = hostile
    page = browser_page
    open_app_page(page, server, f"record?commitment={db.commitment_id}")
    _check(page, server, requests_seen, "record")
    assert _main_text(page).count(HOSTILE) >= 2  # title, concern


def test_commitments_overdue_and_no_toolbar_download(hostile, browser_page: Page,
                                                     requests_seen: list[str]):
    server, _db = hostile
    page = browser_page
    open_app_page(page, server, "commitments")
    page.get_by_role("tab", name="Overdue").click()
    wait_for_app_idle(page)
    _check(page, server, requests_seen, "commitments_overdue")
    ticks = _tick_texts(page)
    assert "<img src=http://127.0.0.1:9/x>" in ticks
    # The overdue list: its toolbar (shown on hover) searches but has no CSV download.
    table = page.locator('[data-testid="stDataFrame"]:visible').last
    table.scroll_into_view_if_needed()
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]:visible')
    toolbar.first.wait_for(state="visible")
    labels = [b.get_attribute("aria-label") or b.inner_text()
              for b in toolbar.locator("button").all()]
    assert any("Search" in (label or "") for label in labels), labels
    assert not any("Download" in (label or "") for label in labels), labels
    assert page.get_by_role("button", name="Download as CSV").count() == 0


def test_county_profile(hostile, browser_page: Page, requests_seen: list[str]):
    server, db = hostile
    page = browser_page
    open_app_page(page, server, f"county?county={db.county_code}")
    _check(page, server, requests_seen, "county_profile")


def test_import_page_shows_file_names_and_cells_as_written(
        hostile, browser_page: Page, requests_seen: list[str]):
    """A file whose name is Markdown and HTML (images of the app's own address, which
    would be fetched from it) and whose cells hold :data:`HOSTILE`: the name reads as
    written and nothing is drawn or fetched."""
    server, _db = hostile
    page = browser_page
    open_app_page(page, server, "import")
    name = "![x](y.png) <img src=z.png> **bold**.csv"
    rows = ("county,category,period_start,period_end,count,source\n"
            f'"{HOSTILE}",Robbery,2023-01-01,2023-01-31,5,"{HOSTILE}"\n')
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": rows.encode()}])
    page.get_by_text("Check (dry run)").wait_for(timeout=60_000)
    wait_for_app_idle(page)
    page.get_by_text("cannot be imported").first.wait_for()
    _check(page, server, requests_seen, "import")
    assert f"{name}: 1 data rows" in _main_text(page)
    assert page.locator('img[src*="y.png"], img[src*="z.png"]').count() == 0
    assert not [u for u in requests_seen if "y.png" in u or "z.png" in u]
