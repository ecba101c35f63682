"""Running app.py in Streamlit's AppTest on a given database, for page tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"


def run_page(url: str, monkeypatch: pytest.MonkeyPatch, script: str, *, timeout: float = 90,
             **params: str) -> AppTest:
    """Run app.py on the database at ``url`` with URL ``params``, then open
    ``views/<script>``. The app may not create demo data (shared databases are read-only)
    and no access code is asked."""
    monkeypatch.setenv("JUKWAA_DB_URL", url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params.update(params)
    at.run()
    return at.switch_page(script if script.startswith("views/") else f"views/{script}").run()


def problems(at: AppTest) -> list[str]:
    """Uncaught exceptions (with their stack) and st.error messages of the last run."""
    return ([f"{e.message}\n{''.join(e.stack_trace)}" for e in at.exception]
            + [f"st.error: {e.value}" for e in at.error])
