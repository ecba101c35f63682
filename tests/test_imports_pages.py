"""The Import and Export & briefing pages under several filter combinations (AppTest on
the shared demo database). Uploads are driven in Chromium (tests/browser)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import problems, run_page


@pytest.fixture
def app(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    def open_page(script: str, **params: str) -> AppTest:
        at = run_page(demo_sqlite_url, monkeypatch, script, timeout=120, **params)
        assert not problems(at), problems(at)
        return at
    return open_page


def test_import_page_offers_every_kind_and_its_templates(app):
    at = app("import_data.py")
    assert at.title[0].value == "Import data"
    kinds = at.selectbox(key="imp_kind")
    assert kinds.options[0].startswith("Crime counts") and len(kinds.options) == 7
    assert kinds.value == "crime-counts"
    at = kinds.set_value("chief-reports").run()
    assert not at.exception
    assert "One report per chief's location per month" in " ".join(m.value for m in at.markdown)


def test_import_page_is_closed_in_presenter_mode(app):
    at = app("import_data.py", mode="public")
    # The page's own note (the sidebar may add how to leave the public screen).
    assert [i.value for i in at.main.info] == ["Importing is not available in presenter mode."]
    assert not at.main.selectbox  # nothing to choose or upload (the sidebar stays)


def test_import_page_in_kiswahili(app):
    at = app("import_data.py", lang="sw")
    assert at.title[0].value == "Ingiza data"


@pytest.mark.parametrize("params,area", [
    ({}, "Kenya"),
    ({"region": "coast"}, "Coast region"),
    ({"county": "042", "cat": "robbery,stealing"}, "Kisumu"),
])
def test_export_page_builds_a_brief_for_the_filters(app, params, area):
    at = app("export_data.py", **params)
    area_box = next(s for s in at.selectbox if s.label == "Area")
    assert area_box.value is not None
    at = at.button(key="exp_build").click().run()
    assert not at.exception, [e.message for e in at.exception]
    done = [s.value for s in at.success]
    assert done and done[0].startswith(f"**Security brief: {area}**")
