"""Every registered page runs through app.py on the demo database without an error.

This is the generic smoke test: it follows views.registry, so a new page is covered as soon
as its script exists. Page-specific behaviour belongs in each page's own tests.
"""

from __future__ import annotations

import pytest

from tests.apptest_helpers import problems, run_page
from views.registry import PAGES, PageSpec

# The first run of a page may fill the query caches of the whole demo database.
RUN_TIMEOUT_S = 60
# What a page's heading says where it does not hold the page's menu title.
HEADINGS = {"chain": "Forum → concern → commitment"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_page_runs_without_errors(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
                                  page: PageSpec) -> None:
    """Opened by its deep link, as app.py serves it (the demo database is shared by the
    session: the app may never write demo data to it)."""
    at = run_page(demo_sqlite_url, monkeypatch, page.script, timeout=RUN_TIMEOUT_S)
    found = problems(at)
    assert not found, f"page {page.title!r} ({page.script}):\n" + "\n".join(found)
    assert at.main.children, f"page {page.title!r} rendered nothing"
    # The page that ran is the one asked for: its title is on screen.
    shown = [e.value for e in at.title] + [e.value for e in at.header]
    heading = HEADINGS.get(page.url_path, page.title).lower()
    assert any(heading in s.lower() for s in shown), \
        f"{page.title!r} not on screen: {shown}"
