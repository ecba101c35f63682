"""Fixtures for browser tests: the real app in a subprocess, driven by headless Chromium.

- ``app_server`` (session): ``streamlit run app.py`` on a free port of 127.0.0.1 with a new,
  empty SQLite file; the fixture opens the default page once and waits while the app
  creates its demo data (up to ``JUKWAA_BROWSER_START_TIMEOUT`` seconds, default 240).
- ``browser`` (session): system Chromium (``JUKWAA_CHROMIUM``, default /usr/bin/chromium)
  through Playwright's sync API. ``playwright install`` is never needed nor run.
- ``browser_context`` / ``browser_page``: a fresh context and page per test. Every request
  beyond 127.0.0.1/localhost is recorded and aborted; ``outside_requests`` lists them and a
  test that caused any fails at teardown.

Without Playwright or Chromium these tests are skipped, unless ``JUKWAA_REQUIRE_BROWSER=1``
(as in CI), which turns the skip into a failure. Every test in this folder is marked
``browser`` (deselect with ``-m "not browser"``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import skip_unless_required

REQUIRE_BROWSER_ENV = "JUKWAA_REQUIRE_BROWSER"
CHROMIUM = os.environ.get("JUKWAA_CHROMIUM", "/usr/bin/chromium")
START_TIMEOUT_S = float(os.environ.get("JUKWAA_BROWSER_START_TIMEOUT", "240"))
PAGE_TIMEOUT_S = 90.0

# No GPU, no sandbox (CI runs as root), and nothing that phones home on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Software WebGL, so pydeck/deck.gl maps draw without a GPU.
    "--enable-unsafe-swiftshader",
]
VIEWPORT = {"width": 1440, "height": 900}

_HERE = Path(__file__).resolve().parent

try:  # imported lazily so the rest of the suite runs where Playwright is missing
    from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

    from tests.browser.helpers import (
        AppServer,
        OfflineGuard,
        assert_no_app_errors,
        open_app_page,
        start_app_server,
    )

    _IMPORT_ERROR: str | None = None
except ImportError as exc:  # pragma: no cover - depends on the machine
    _IMPORT_ERROR = f"Playwright is not importable: {exc}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless system Chromium, shared by the session."""
    if _IMPORT_ERROR:
        skip_unless_required(_IMPORT_ERROR, REQUIRE_BROWSER_ENV)
    if not os.access(CHROMIUM, os.X_OK):
        skip_unless_required(f"no Chromium at {CHROMIUM}", REQUIRE_BROWSER_ENV)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def app_server(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The app on a fresh SQLite file, after its first start has created the demo data."""
    workdir = tmp_path_factory.mktemp("app_server")
    db_path = workdir / "jukwaa.db"
    server = start_app_server(f"sqlite:///{db_path}", workdir / "streamlit.log")
    try:
        _wait_for_first_start(browser, server, db_path)
        yield server
    finally:
        server.stop()


def _wait_for_first_start(browser: Browser, server: AppServer, db_path: Path) -> None:
    """Open the default page and wait until the app has run and the demo data exists."""
    started = time.monotonic()
    context = browser.new_context(viewport=VIEWPORT)
    guard = OfflineGuard()
    guard.install(context)
    try:
        page = context.new_page()
        try:
            open_app_page(page, server, "", timeout_s=START_TIMEOUT_S)
        except Exception as exc:
            raise RuntimeError(
                f"the app's first start did not finish within {START_TIMEOUT_S:.0f} s "
                f"({exc})\n--- server log ---\n{server.log_tail()}"
            ) from exc
        if not _has_demo_data(db_path):
            assert_no_app_errors(page, server)
            raise RuntimeError(
                "the app finished its first run but wrote no demo data to the empty "
                f"database\n--- server log ---\n{server.log_tail()}"
            )
    finally:
        context.close()
    print(f"\napp first start (demo data included) took {time.monotonic() - started:.1f} s")


def _has_demo_data(db_path: Path) -> bool:
    """True when the database records a demo data source (written with the demo rows)."""
    if not db_path.exists():
        return False
    engine = sa.create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("data_sources"):
                return False
            return bool(conn.execute(
                sa.text("SELECT COUNT(*) FROM data_sources WHERE kind = :kind"),
                {"kind": "demo"},
            ).scalar_one())
    finally:
        engine.dispose()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Keep each phase's report on the test item, so fixtures can see how the test went."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def outside_requests() -> list[str]:
    """Requests this test's browser context tried to send beyond this machine."""
    return []


@pytest.fixture
def browser_context(
    browser: Browser, outside_requests: list[str], request: pytest.FixtureRequest
) -> Iterator[BrowserContext]:
    """A fresh browser context (own cookies and session) that cannot reach the outside."""
    context = browser.new_context(viewport=VIEWPORT)
    guard = OfflineGuard(outside=outside_requests)
    guard.install(context)
    context.set_default_timeout(PAGE_TIMEOUT_S * 1000)
    yield context
    context.close()
    call_report = getattr(request.node, "report_call", None)
    # A test that already failed has said enough; one that passed must not hide a leak.
    if outside_requests and call_report is not None and call_report.passed:
        pytest.fail(
            "the browser tried to reach outside this machine:\n" + "\n".join(outside_requests),
            pytrace=False,
        )


@pytest.fixture
def browser_page(browser_context: BrowserContext) -> Page:
    """A new page in a fresh context; open the app with ``helpers.open_app_page``."""
    return browser_context.new_page()
