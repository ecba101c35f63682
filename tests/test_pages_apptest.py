"""Every registered page runs through app.py on the demo database without an error.

This is the generic smoke test: it follows views.registry, so a new page is covered as soon
as its script exists. Page-specific behaviour belongs in each page's own tests.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import APP, problems
from views.registry import PAGES, PageSpec

# The first run of a page may fill the query caches of the whole demo database.
RUN_TIMEOUT_S = 60


@pytest.fixture
def app_on_demo(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """app.py after its first run, reading the shared demo database, with no access gate."""
    monkeypatch.setenv("JUKWAA_DB_URL", demo_sqlite_url)
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    # The demo database is shared by the session: the app must never write demo data to it.
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S).run()
    assert not problems(at), "\n".join(problems(at))
    return at


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_page_runs_without_errors(app_on_demo: AppTest, page: PageSpec) -> None:
    at = app_on_demo.switch_page(f"views/{page.script}").run()
    found = problems(at)
    assert not found, f"page {page.title!r} ({page.script}):\n" + "\n".join(found)
    assert at.main.children, f"page {page.title!r} rendered nothing"
