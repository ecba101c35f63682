"""The access-code screen in real Chromium: wrong codes make the visitor wait (with the
message on screen), a non-ASCII code can be typed, a deep link's page and parameters are
still open once the code is given, and a ``?mode=public`` link opens the locked public
screen without the code. Screenshots go to artifacts/screenshots/gate_*.png (and to
``JUKWAA_GATE_SHOTS``, when set, for a reviewer).

Its own app server: the demo database copied, behind the access code CODE.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

if os.environ.get("JUKWAA_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

from playwright.sync_api import Browser, Page  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.browser.helpers import (  # noqa: E402
    AppServer,
    app_errors,
    assert_no_app_errors,
    open_app_page,
    save_screenshot,
    start_app_server,
    wait_for_app_idle,
)

pytestmark = pytest.mark.browser

CODE = "Usalama-ñ✓"
WAIT = re.compile(r"Wait (\d+) seconds? before trying again\.")
GATE_INPUT = '[data-testid="stMain"] input[type="password"]'
NAV = '[data-testid="stSidebarNav"]'


@pytest.fixture(scope="module")
def gated_server(browser: Browser, demo_sqlite_url: str,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on a copy of the demo database, asking for CODE."""
    workdir = tmp_path_factory.mktemp("gate_server")
    db = workdir / "demo.db"
    with sqlite3.connect(make_url(demo_sqlite_url).database) as src, \
            sqlite3.connect(db) as dst:
        src.backup(dst)
    server = start_app_server(f"sqlite:///{db}", workdir / "streamlit.log",
                              env_overrides={"JUKWAA_ACCESS_CODE": CODE,
                                             "JUKWAA_AUTO_DEMO": "0"})
    try:
        yield server
    finally:
        server.stop()


def _shot(page: Page, name: str) -> Path:
    path = save_screenshot(page, name)
    extra = os.environ.get("JUKWAA_GATE_SHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)
    return path


def _enter(page: Page, code: str) -> None:
    box = page.locator(GATE_INPUT)
    box.fill(code)
    box.press("Enter")
    page.wait_for_timeout(300)  # the rerun starts
    wait_for_app_idle(page, settle_s=0.3)


def _alerts(page: Page, kind: str) -> list[str]:
    return [b.inner_text().strip()
            for b in page.locator(f'[data-testid="stAlertContent{kind}"]').all()]


def test_wrong_codes_wait_and_the_right_code_opens(gated_server: AppServer,
                                                   browser_page: Page,
                                                   outside_requests: list[str]) -> None:
    page = browser_page
    open_app_page(page, gated_server, "")
    assert page.locator(GATE_INPUT).count() == 1
    assert page.locator(NAV).count() == 0  # no page menu before the code
    assert page.get_by_text("Enter the access code to open the dashboard.").count() == 1
    _shot(page, "gate_screen")
    errors_seen: list[str] = []
    refused: str | None = None
    started = time.monotonic()
    for i in range(10):
        _enter(page, f"wrong-{i}-ñ")
        errors, warnings = _alerts(page, "Error"), _alerts(page, "Warning")
        if warnings:
            refused = warnings[0]
            break
        assert len(errors) == 1 and errors[0].startswith("That access code is not right.")
        errors_seen.append(errors[0])
        if len(errors_seen) == 3:
            assert errors[0].endswith("Wait 1 second before trying again."), errors
            _shot(page, "gate_wrong_wait")
    elapsed = time.monotonic() - started
    assert refused and WAIT.search(refused), (errors_seen, refused)
    assert len(errors_seen) <= 5, errors_seen  # 3 at once, then 1 s, 2 s, 4 s apart
    assert page.locator(GATE_INPUT).count() == 1 and page.locator(NAV).count() == 0
    _shot(page, "gate_refused_wait")
    print(f"{len(errors_seen)} wrong codes checked and one refused in {elapsed:.1f} s: "
          f"{refused!r}")
    # After the wait the right (non-ASCII) code, typed in the browser, opens the app.
    page.wait_for_timeout((int(WAIT.search(refused).group(1)) + 0.3) * 1000)
    _enter(page, CODE)
    wait_for_app_idle(page)
    assert_no_app_errors(page, gated_server)
    assert page.locator(GATE_INPUT).count() == 0
    assert page.locator(NAV).count() == 1
    assert page.locator('[data-testid="stMetric"]').count() > 0
    assert outside_requests == []


def test_a_deep_link_is_kept_through_the_gate(gated_server: AppServer, browser_page: Page,
                                              outside_requests: list[str]) -> None:
    page = browser_page
    link = "hotspots?county=047&map=rate&from=2026-01&to=2026-06"
    open_app_page(page, gated_server, link)
    assert page.locator(GATE_INPUT).count() == 1
    # The gate leaves the address alone: page and parameters.
    url = urlsplit(page.url)
    assert url.path == "/hotspots", page.url
    assert parse_qs(url.query)["county"] == ["047"] and parse_qs(url.query)["map"] == ["rate"]
    _shot(page, "gate_deep_link_before")
    _enter(page, CODE)
    wait_for_app_idle(page)
    assert_no_app_errors(page, gated_server)
    url = urlsplit(page.url)
    query = parse_qs(url.query)
    assert url.path == "/hotspots", page.url
    assert query["county"] == ["047"] and query["map"] == ["rate"], page.url
    assert (query["from"], query["to"]) == (["2026-01"], ["2026-06"]), page.url
    assert page.get_by_role("heading", name="Hotspots").count() >= 1
    assert page.get_by_text("Nairobi").count() >= 1  # the county chosen in the link
    _shot(page, "gate_deep_link_after")
    assert outside_requests == []


def test_a_public_link_opens_without_the_code(gated_server: AppServer, browser_page: Page,
                                              outside_requests: list[str]) -> None:
    page = browser_page
    open_app_page(page, gated_server, "trends?mode=public")
    assert not app_errors(page), app_errors(page)
    assert page.locator(GATE_INPUT).count() == 0
    assert urlsplit(page.url).path == "/trends"
    assert page.get_by_text("Leave public screen").count() == 1
    assert page.get_by_text("Presenter mode (public screen)").count() == 0  # no toggle
    _shot(page, "gate_public_link")
    assert outside_requests == []
