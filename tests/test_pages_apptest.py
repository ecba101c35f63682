"""Every registered page runs through app.py on the demo database without an error.

This is the generic smoke test: it follows views.registry, so a new page is covered as soon
as its script exists. Page-specific behaviour belongs in each page's own tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from views.registry import PAGES, PageSpec

APP = Path(__file__).resolve().parents[1] / "app.py"
# The first run of a page may fill the query caches of the whole demo database.
RUN_TIMEOUT_S = 60


def _problems(at: AppTest) -> list[str]:
    """Uncaught exceptions and st.error messages of the last run, as readable lines."""
    found = [f"exception: {e.message}\n" + "\n".join(e.stack_trace) for e in at.exception]
    found += [f"st.error: {e.value}" for e in at.error]
    return found


@pytest.fixture
def app_on_demo(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """app.py after its first run, reading the shared demo database, with no access gate."""
    monkeypatch.setenv("JUKWAA_DB_URL", demo_sqlite_url)
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    # The demo database is shared by the session: the app must never write demo data to it.
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S).run()
    assert not _problems(at), "\n".join(_problems(at))
    return at


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_page_runs_without_errors(app_on_demo: AppTest, page: PageSpec) -> None:
    at = app_on_demo.switch_page(f"views/{page.script}").run()
    problems = _problems(at)
    assert not problems, f"page {page.title!r} ({page.script}):\n" + "\n".join(problems)
    assert at.main.children, f"page {page.title!r} rendered nothing"
