"""Running app.py in Streamlit's AppTest on a given database, for page tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from views.registry import PAGES

APP = Path(__file__).resolve().parents[1] / "app.py"


def run_page(url: str, monkeypatch: pytest.MonkeyPatch, script: str, *, timeout: float = 90,
             **params: str) -> AppTest:
    """Run app.py on the database at ``url`` with URL ``params``, showing
    ``views/<script>``. The app may not create demo data (shared databases are read-only)
    and no access code is asked."""
    monkeypatch.setenv("JUKWAA_DB_URL", url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params.update(params)
    return open_deep_link(at, script)


def open_deep_link(at: AppTest, script: str) -> AppTest:
    """Run a new AppTest on ``views/<script>`` directly, as a deep link opens it.

    Without this, a test would run the default page first and then switch, paying for
    the Overview in every page test. Before its first run AppTest knows pages only by
    file name, while ``st.Page`` keys a page by the hash of its URL path (which differs
    from the file name for some pages): the page's key is set to that hash, as a deep
    link's path sets it in a real session."""
    path = script if script.startswith("views/") else f"views/{script}"
    spec = next(p for p in PAGES if p.script == Path(path).name)
    at.switch_page(path)  # checks that the file exists
    at._page_hash = calc_hash(spec.url_path)  # what st.Page uses (Streamlit 1.67)
    return at.run()


def problems(at: AppTest) -> list[str]:
    """Uncaught exceptions (with their stack) and st.error messages of the last run."""
    return ([f"{e.message}\n{''.join(e.stack_trace)}" for e in at.exception]
            + [f"st.error: {e.value}" for e in at.error])
