"""The Import page in real Chromium: upload a file with bad rows, see every problem with
its row, column and suggestion, nothing written; then a good file imports. The Export
page builds a briefing pack. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

if os.environ.get("JUKWAA_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

from playwright.sync_api import Page  # noqa: E402

from tests.browser.helpers import (  # noqa: E402
    AppServer,
    assert_no_app_errors,
    open_app_page,
    save_screenshot,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
BAD_ROWS = (
    "county,category,period_start,period_end,count,source\n"
    "Nairobbi West,Robbery,2023-01-01,2023-01-31,5,NPS test\n"
    "Kisumu,Homicde,2023-01-01,2023-01-31,3,NPS test\n"
    "Coast,Robbery,31/02/2023,2023-03-31,-3,NPS test\n"
    "Kiambo,THEFT OF STOCK,2023-01-01,2023-01-31,12.0,NPS test\n"
)


def _count(server: AppServer, table: str) -> int:
    engine = sa.create_engine(server.db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


def _choose_kind(page: Page, label: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text="What the file holds").click()
    page.get_by_role("option", name=label).click()
    wait_for_app_idle(page)


def _upload(page: Page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.get_by_text("Check (dry run)").wait_for(timeout=60_000)
    wait_for_app_idle(page)


def test_import_page_rejects_a_bad_file(app_server: AppServer, browser_page: Page) -> None:
    page = browser_page
    open_app_page(page, app_server, "import")
    assert_no_app_errors(page, app_server)
    _choose_kind(page, "Crime counts (published police tables) (crime-counts)")
    before = _count(app_server, "crime_counts")

    _upload(page, "police_returns_2023.csv", BAD_ROWS.encode())
    main = page.get_by_test_id("stMain")
    main.get_by_text("3 row(s) cannot be imported. Nothing has been written.").wait_for()
    assert "'Kiambo' read as Kiambu (closest match) — row 5" in main.inner_text()
    # The problems table draws into a canvas; its rows are checked in the rejects download.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download rejected rows with reasons (CSV)").click()
    rejects = Path(info.value.path()).read_text(encoding="utf-8-sig")
    for expected in ("county: 'Nairobbi West' is not a Kenyan county",
                     "category: 'Homicde' is not a known police crime category",
                     "county: 'Coast' is a region, not a county",
                     "period_start: '31/02/2023' is not a real date",
                     "count: '-3' is negative"):
        assert expected in rejects, expected
    shot = save_screenshot(page, "import_rejected")
    assert shot.stat().st_size > 0
    assert _count(app_server, "crime_counts") == before
    import_button = page.get_by_role("button", name="Import", exact=True)
    assert import_button.is_disabled()
    assert_no_app_errors(page, app_server)


def test_import_page_imports_a_good_file(app_server: AppServer, browser_page: Page) -> None:
    page = browser_page
    open_app_page(page, app_server, "import")
    _choose_kind(page, "Crime counts (published police tables) (crime-counts)")
    before = _count(app_server, "crime_counts")
    _upload(page, "real_police_table.csv", (FIXTURES / "real_police_table.csv").read_bytes())
    page.get_by_text("Every row is valid. Nothing has been written yet.").wait_for()
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Imported: 5 rows imported, 0 rejected").wait_for(timeout=60_000)
    wait_for_app_idle(page)
    assert _count(app_server, "crime_counts") == before + 5
    save_screenshot(page, "import_done")
    assert_no_app_errors(page, app_server)


def test_export_page_builds_a_briefing_pack(app_server: AppServer, browser_page: Page) -> None:
    page = browser_page
    open_app_page(page, app_server, "export?county=001")
    page.get_by_role("button", name="Build the briefing pack").click()
    page.get_by_text("Security brief: Mombasa").wait_for(timeout=60_000)
    wait_for_app_idle(page)
    assert page.get_by_role("button", name="Download PDF").is_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download PDF").click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    save_screenshot(page, "export_briefing")
    assert_no_app_errors(page, app_server)
