"""Every registered page opens by its deep link in real Chromium, fully offline.

For each page: no exception or error box on screen, the address stays on the page (an
unknown path would fall back to the default page), a screenshot goes to
artifacts/screenshots/<url_path>.png, and the browser asked nothing of any other host.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

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
from views.registry import PAGES, PageSpec  # noqa: E402

pytestmark = pytest.mark.browser


def _deep_link(spec: PageSpec) -> str:
    """The path a page is served at: the default page lives at the root."""
    return "" if spec.default else spec.url_path


@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_page_opens_by_deep_link_offline(
    spec: PageSpec, app_server: AppServer, browser_page: Page, outside_requests: list[str]
) -> None:
    open_app_page(browser_page, app_server, _deep_link(spec))
    assert_no_app_errors(browser_page, app_server)
    assert urlsplit(browser_page.url).path == f"/{_deep_link(spec)}", (
        f"{spec.title}: the deep link /{_deep_link(spec)} ended at {browser_page.url}"
    )
    shot = save_screenshot(browser_page, spec.url_path)
    assert shot.stat().st_size > 0
    print(f"{spec.url_path}: screenshot {shot}; outside requests: {outside_requests}")
    assert outside_requests == [], "requests beyond 127.0.0.1:\n" + "\n".join(outside_requests)
