"""The commitment pages in real Chromium on the app's own demo database, fully offline:
the Commitments page (resolution, overdue list, institution scorecard), and the chain view
down from a forum and back up from a deep-linked commitment. Screenshots go to
artifacts/screenshots/ (commitments_*.png, chain_*.png)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import openpyxl
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


def _one(server: AppServer, sql: str):
    """One value from the app's database (read-only)."""
    engine = sa.create_engine(server.db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql)).scalar_one()
    finally:
        engine.dispose()


def _open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(500)
    wait_for_app_idle(page)


def _plotly_charts_drawn(page: Page) -> int:
    return page.locator('[data-testid="stPlotlyChart"] .main-svg').count()


def test_commitments_page_resolution_overdue_scorecard(
    app_server: AppServer, browser_page: Page, outside_requests: list[str]
) -> None:
    page = browser_page
    open_app_page(page, app_server, "commitments")
    assert_no_app_errors(page, app_server)
    made = _one(app_server, "SELECT COUNT(*) FROM commitments")
    cards = page.locator('[data-testid="stMetric"]')
    assert cards.count() == 6
    lines = [line.strip() for line in cards.nth(0).inner_text().splitlines() if line.strip()]
    assert lines[:2] == ["Commitments made", f"{made:,}"]
    assert "verified" in cards.nth(1).inner_text()
    main = page.locator('[data-testid="stMain"]')
    assert "Commitment resolution by region" in main.inner_text()
    assert _plotly_charts_drawn(page) > 0
    shot = save_screenshot(page, "commitments_page")
    assert shot.stat().st_size > 50_000

    _open_tab(page, "Overdue")
    overdue_text = main.inner_text()
    assert "oldest first" in overdue_text and "Overdue by" in overdue_text
    save_screenshot(page, "commitments_overdue")

    _open_tab(page, "Institution scorecard")
    text = main.inner_text()
    assert "Institutions compared across each region" in text
    heat = page.locator('[data-testid="stPlotlyChart"] .heatmaplayer')
    assert heat.count() >= 1, "the institution × region heat table is not drawn"
    # Every region is a column of the heat table.
    for region in ("Coast", "North Eastern", "Rift Valley", "Nairobi"):
        assert page.locator(".xtick text", has_text=region).count() >= 1
    save_screenshot(page, "commitments_scorecard")

    _open_tab(page, "Since the forum")
    assert "Share fulfilled by months since the forum" in main.inner_text()

    # The Excel export: two sheets, every commitment and every status update.
    _open_tab(page, "Export")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download Excel (commitments + history)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames == ["commitments", "history"]
    updates = _one(app_server, "SELECT COUNT(*) FROM commitment_updates")
    assert book["commitments"].max_row == made + 1
    assert book["history"].max_row == updates + 1
    assert_no_app_errors(page, app_server)
    assert outside_requests == []


def test_chain_view_down_from_a_forum_and_back_from_a_commitment(
    app_server: AppServer, browser_page: Page, outside_requests: list[str]
) -> None:
    page = browser_page
    open_app_page(page, app_server, "chain")
    assert_no_app_errors(page, app_server)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Concerns raised and the commitments answering them" in text
    assert "Commitments over time" in text
    assert page.locator('[data-testid="stExpander"]', has_text="Status history").count() >= 1
    save_screenshot(page, "chain_forum")

    # A commitment from a forum, with at least two updates, opened by its deep link.
    commitment_id = _one(app_server, """
        SELECT c.id FROM commitments c JOIN concerns k ON k.id = c.concern_id
        WHERE k.forum_id IS NOT NULL
          AND (SELECT COUNT(*) FROM commitment_updates u WHERE u.commitment_id = c.id) >= 2
        ORDER BY c.id LIMIT 1""")
    title = _one(app_server, f"SELECT title FROM commitments WHERE id = {int(commitment_id)}")
    open_app_page(page, app_server, f"chain?commitment={commitment_id}")
    assert_no_app_errors(page, app_server)
    text = page.locator('[data-testid="stMain"]').inner_text()
    for part in ("FORUM", "CONCERN RAISED", "COMMITMENT", "Status history", title):
        assert part in text, part
    assert "commitment=" + str(commitment_id) in page.url
    save_screenshot(page, "chain_commitment")
    assert outside_requests == []


def test_commitments_page_in_presenter_mode_shows_no_free_text(
    app_server: AppServer, browser_page: Page
) -> None:
    page = browser_page
    summary = _one(app_server, "SELECT summary FROM concerns ORDER BY id LIMIT 1")
    open_app_page(page, app_server, "chain?mode=public")
    assert_no_app_errors(page, app_server)
    chain_text = page.locator('[data-testid="stMain"]').inner_text()
    assert summary not in chain_text
    assert "Lists of individual commitments are not shown on public screens" in chain_text
    open_app_page(page, app_server, "record?mode=public")
    assert "not available in presenter mode" in page.locator('[data-testid="stMain"]').inner_text()
    assert page.get_by_role("button", name="Save update").count() == 0
    assert Path(save_screenshot(page, "record_presenter_mode")).exists()
