"""Helpers for browser tests: start the app, keep the browser offline, wait, check, capture.

The fixtures in ``conftest.py`` wire these together; a page's own browser test uses
``open_app_page``, ``assert_no_app_errors`` and ``save_screenshot`` on ``browser_page``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Route, WebSocket

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = PROJECT_ROOT / "app.py"
SCREENSHOT_DIR = PROJECT_ROOT / "artifacts" / "screenshots"

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Schemes that never leave the browser.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome", "chrome-extension"})

APP_SELECTOR = '[data-testid="stApp"]'

# True once the page's script run is over and nothing is loading: the app root says
# "notRunning" (see Streamlit's ScriptRunState), no running indicator is shown, no element
# is still a loading skeleton and no plotly chart is waiting for its first draw.
_IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  const state = app.getAttribute('data-test-script-state');
  if (state === 'compilationError') return true;
  if (state !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!chart.querySelector('.main-svg')) return false;
  }
  return !!document.querySelector('[data-testid="stMain"]');
}
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class AppServer:
    """A running ``streamlit run app.py`` subprocess."""

    process: subprocess.Popen[bytes]
    port: int
    db_url: str
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, url_path: str = "") -> str:
        """The address of the page served at ``url_path`` ("" is the default page)."""
        return f"{self.base_url}/{url_path}"

    def log_tail(self, lines: int = 60) -> str:
        """The end of the server's output, for failure messages."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """End the server (politely first)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start_app_server(db_url: str, log_path: Path, *, health_timeout_s: float = 60,
                     env_overrides: dict[str, str] | None = None) -> AppServer:
    """Start the app on a free port of 127.0.0.1 and wait until its health check answers.

    The app itself runs only when a browser session opens a page; see ``wait_for_app_idle``.
    ``env_overrides`` sets further variables (e.g. ``JUKWAA_ACCESS_CODE`` for the gate's
    own tests).
    """
    port = free_port()
    env = dict(os.environ)
    env["JUKWAA_DB_URL"] = db_url
    env.pop("JUKWAA_ACCESS_CODE", None)  # the generic tests look at pages, not the gate
    env.pop("JUKWAA_AUTO_DEMO", None)  # first start on an empty database creates demo data
    env.update(env_overrides or {})
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]
    log = log_path.open("wb")
    process = subprocess.Popen(
        cmd, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    log.close()  # the child keeps its own handle
    server = AppServer(process=process, port=port, db_url=db_url, log_path=log_path)
    deadline = time.monotonic() + health_timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {process.returncode}:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(f"{server.base_url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(
        f"streamlit did not answer /_stcore/health within {health_timeout_s:.0f} s:\n"
        f"{server.log_tail()}"
    )


@dataclass
class OfflineGuard:
    """Records (and blocks) every request a browser context makes beyond this machine."""

    outside: list[str] = field(default_factory=list)

    @staticmethod
    def is_local(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS

    def _on_route(self, route: Route) -> None:
        request = route.request
        if self.is_local(request.url):
            route.continue_()
        else:
            self.outside.append(f"{request.method} {request.url}")
            route.abort("blockedbyclient")

    def _on_websocket(self, ws: WebSocket) -> None:
        # Routes do not see websockets; an outside one is recorded (it cannot be aborted).
        if not self.is_local(ws.url):
            self.outside.append(f"WEBSOCKET {ws.url}")

    def install(self, context: BrowserContext) -> None:
        """Guard every page of ``context``, including pages opened later."""
        context.route("**/*", self._on_route)
        context.on("page", lambda page: page.on("websocket", self._on_websocket))


def wait_for_app_idle(page: Page, *, timeout_s: float = 60, settle_s: float = 0.75) -> None:
    """Wait until the app has finished running and drawing, and stays so for ``settle_s``.

    A page may rerun itself (st.rerun, fragments), so one idle moment is not enough.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        remaining_ms = max(1.0, (deadline - time.monotonic()) * 1000)
        page.wait_for_function(_IDLE_JS, timeout=remaining_ms, polling=100)
        page.wait_for_timeout(settle_s * 1000)
        if page.evaluate(_IDLE_JS):
            return
        if time.monotonic() >= deadline:
            raise TimeoutError(f"the app did not settle within {timeout_s:.0f} s")


def open_app_page(page: Page, server: AppServer, url_path: str, *,
                  timeout_s: float = 60) -> None:
    """Open a page by its deep link and wait until it has finished running."""
    page.goto(server.url(url_path), wait_until="domcontentloaded", timeout=timeout_s * 1000)
    page.wait_for_selector(APP_SELECTOR, state="attached", timeout=timeout_s * 1000)
    # Scripts and styles first (the websocket does not count), then the app's own run.
    page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    wait_for_app_idle(page, timeout_s=timeout_s)


def app_errors(page: Page) -> list[str]:
    """Texts of uncaught exceptions and st.error boxes on screen (empty when all is well)."""
    errors: list[str] = []
    state = page.get_attribute(APP_SELECTOR, "data-test-script-state")
    if state == "compilationError":
        errors.append("the script did not compile")
    for box in page.locator('[data-testid="stException"]').all():
        errors.append("exception: " + box.inner_text().strip())
    # An exception box draws its own error alert inside; count that one only once.
    error_alerts = '[data-testid="stAlertContentError"]:not([data-testid="stException"] *)'
    for box in page.locator(error_alerts).all():
        errors.append("st.error: " + box.inner_text().strip())
    return errors


def assert_no_app_errors(page: Page, server: AppServer | None = None) -> None:
    """Fail with the on-screen error texts (and the server log's end) if there are any."""
    errors = app_errors(page)
    if errors:
        detail = "\n".join(errors)
        if server is not None:
            detail += f"\n--- server log ---\n{server.log_tail()}"
        raise AssertionError(f"{page.url} shows errors:\n{detail}")


def save_screenshot(page: Page, name: str) -> Path:
    """Save a picture of the whole page to artifacts/screenshots/<name>.png.

    Streamlit scrolls inside its main container, not the document, so a plain full-page
    screenshot would stop at the window's edge: the window is stretched to the content
    first (up to a limit) and restored afterwards.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    viewport = page.viewport_size or {"width": 1440, "height": 900}
    content_height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
             ...[...document.querySelectorAll(
                 '[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
               .map(e => e.scrollHeight))"""
    )
    height = int(min(max(content_height, viewport["height"]), 12_000))
    try:
        if height > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": height})
            page.wait_for_timeout(500)  # charts resize to the new window
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(viewport)
    return path


# The first plotly map on a page.
MAP = '[data-testid="stPlotlyChart"] .js-plotly-plot'

# What the plotly map holds and what MapLibre drew: county ids of rendered fill features
# (legend-only rows match no shape and draw nothing), trace names, zoom and centre.
_MAP_STATE_JS = """
(selector) => {
  const gd = document.querySelector(selector);
  const map = gd._fullLayout.map._subplot.map;
  const drawn = new Set(map.queryRenderedFeatures()
      .filter(f => f.layer.type === 'fill').map(f => String(f.id)));
  return {drawn: drawn.size, names: gd.data.map(t => t.name), zoom: map.getZoom(),
          ready: map.loaded()};
}
"""


def county_map_state(page: Page) -> dict:
    """The first plotly county map on the page once MapLibre has drawn it: ``drawn``
    (counties rendered), ``names`` (legend entries), ``zoom``, ``ready``."""
    page.wait_for_function(
        f"() => {{ const gd = document.querySelector('{MAP}'); "
        "return gd && gd._fullLayout && gd._fullLayout.map && "
        "gd._fullLayout.map._subplot.map.loaded(); }",
        timeout=30_000,
    )
    page.wait_for_timeout(500)
    return page.evaluate(_MAP_STATE_JS, MAP)
