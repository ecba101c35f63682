"""A public screen cannot leak: a ``?mode=public`` link stays public (no toggle, across
pages and reruns, whatever the URL says later) until the access code is given; the Export
page offers public-safe aggregates only (the hexagon layer's refusal of the public
audience is tested in tests/test_hotspots.py).

Real SQLite (the shared demo database, read only) through app.py in AppTest.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_access.commitments import resolution_by
from data_access.concerns import concerns_raised
from data_access.engine import get_engine
from data_access.exports import FRAMES, export_bytes, export_frame
from data_access.figures.crime import county_crime
from data_access.figures.scope import Audience, Period, Scope
from data_access.imports import TEMPLATES
from data_access.privacy import NotForPublic
from tests.apptest_helpers import APP, problems

CODE = "s3cret-kode"
TIMEOUT = 90


@pytest.fixture
def app_env(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The demo database, read only; no access code unless a test sets one."""
    monkeypatch.setenv("JUKWAA_DB_URL", demo_sqlite_url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    return monkeypatch


def _open(**params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(params)
    at.run()
    # With an access code set, the gate comes first (a ?mode=public link passes it,
    # locked public: see tests/test_access_gate.py).
    gate = [w for w in at.text_input if w.key == "jukwaa_gate_code"]
    if gate:
        gate[0].input(CODE).run()
    return at


def _filters(at: AppTest):
    return at.session_state["jukwaa_current_filters"]


def _mode(at: AppTest) -> str | None:
    value = at.query_params.get("mode")
    return value[0] if isinstance(value, list) else value


def _has_toggle(at: AppTest) -> bool:
    return any(w.key == "f_public" for w in at.toggle)


WRONG_CODE = "That access code is not right. The screen stays public."


def _assert_public(at: AppTest) -> None:
    found = [p for p in problems(at) if p != f"st.error: {WRONG_CODE}"]
    assert not found, "\n".join(found)
    f = _filters(at)
    assert f.public and f.audience is Audience.PUBLIC and f.scope.audience is Audience.PUBLIC
    assert not _has_toggle(at), "the presenter-mode toggle is on a locked public screen"
    assert _mode(at) == "public"


def _leave(at: AppTest, code: str) -> AppTest:
    at.sidebar.text_input(key="leave_public_code").input(code)
    return at.sidebar.button(key="leave_public_submit").click().run()


# --- the lock -------------------------------------------------------------------------


def test_a_public_link_opens_public_without_the_toggle(app_env) -> None:
    at = _open(mode="public")
    _assert_public(at)
    assert at.session_state["jukwaa_public_locked"]
    # The way off is offered, and says what it takes.
    assert any("Leave public screen" in e.label for e in at.sidebar.expander)


def test_pages_and_reruns_keep_it_public_whatever_the_url_says(app_env) -> None:
    at = _open(mode="public")
    _assert_public(at)
    at.run()
    _assert_public(at)
    # Navigating inside the app drops the URL's parameters (st.switch_page, the
    # navigation menu): the screen stays public and mode=public is written back.
    for script in ("trends.py", "hotspots.py", "commitments.py", "export_data.py",
                   "overview.py"):
        at.query_params.pop("mode", None)
        at.switch_page(f"views/{script}").run()
        _assert_public(at)
    # A link inside the app that says something else does not unlock it either.
    at.query_params["mode"] = "internal"
    at.run()
    _assert_public(at)


def test_no_access_code_configured_means_it_cannot_be_unlocked(app_env) -> None:
    at = _open(mode="public")
    _assert_public(at)
    notes = " ".join(i.value for i in at.sidebar.info)
    assert "needs the access code" in notes and "JUKWAA_ACCESS_CODE" in notes
    assert not [w for w in at.text_input if w.key == "leave_public_code"]
    at.run()
    _assert_public(at)


def test_a_wrong_code_keeps_it_public_and_the_right_code_unlocks(app_env) -> None:
    app_env.setenv("JUKWAA_ACCESS_CODE", CODE)
    at = _open(mode="public")
    _assert_public(at)
    at = _leave(at, "not-the-code")
    _assert_public(at)
    assert [e.value for e in at.sidebar.error] == [WRONG_CODE]
    at = _leave(at, "")
    _assert_public(at)
    at = _leave(at, CODE)
    assert not problems(at), "\n".join(problems(at))
    f = _filters(at)
    assert not f.public and f.audience is Audience.INTERNAL
    assert _has_toggle(at) and not at.toggle(key="f_public").value
    assert _mode(at) is None and not at.session_state["jukwaa_public_locked"]
    # …and it stays internal on the next page.
    at.switch_page("views/trends.py").run()
    assert not _filters(at).public


def test_presenter_mode_switched_on_locks_the_same_way(app_env) -> None:
    app_env.setenv("JUKWAA_ACCESS_CODE", CODE)
    at = _open()
    assert not _filters(at).public and _has_toggle(at)
    at.toggle(key="f_public").set_value(True).run()
    _assert_public(at)
    at.query_params.pop("mode", None)
    at.switch_page("views/county_profile.py").run()
    _assert_public(at)
    at = _leave(at, CODE)
    assert not _filters(at).public and _has_toggle(at)


def test_the_public_screen_speaks_kiswahili(app_env) -> None:
    at = _open(mode="public", lang="sw")
    _assert_public(at)
    assert any("Ondoka kwenye skrini ya umma" in e.label for e in at.sidebar.expander)


# --- the Export page on a public screen -----------------------------------------------

PUBLIC_SCOPE_PARAMS = {"from": "2026-01", "to": "2026-06", "region": "coast"}


def test_export_page_in_public_offers_aggregates_only(app_env) -> None:
    at = _open(mode="public", **PUBLIC_SCOPE_PARAMS)
    at.switch_page("views/export_data.py").run()
    _assert_public(at)
    keys = {b.key for b in at.get("download_button")}
    assert keys == {"exp_metrics_csv", "exp_metrics_xlsx", "exp_metrics_geojson"}, keys
    assert not [r for r in at.radio if r.key == "exp_scope"]
    assert any("not offered on public screens" in i.value for i in at.info)
    # The county metrics leave concerns out in public (public by region only), and say so.
    assert any(c.value.startswith("Concerns raised are not in the public file")
               for c in at.caption)
    # Internally every kind is offered.
    internal = _open(**PUBLIC_SCOPE_PARAMS)
    internal.switch_page("views/export_data.py").run()
    inner = {b.key for b in internal.get("download_button")}
    assert {f"exp_{kind}_csv" for kind in TEMPLATES} <= inner


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_row_level_exports_refuse_the_public_audience(demo_sqlite_url: str, kind: str):
    demo = get_engine(demo_sqlite_url)
    with pytest.raises(NotForPublic):
        export_frame(demo, kind=kind, audience=Audience.PUBLIC)
    with pytest.raises(NotForPublic):
        export_bytes(demo, kind=kind, fmt="csv", audience=Audience.PUBLIC)
    with demo.connect() as conn, pytest.raises(NotForPublic):
        FRAMES[kind](conn, audience=Audience.PUBLIC)
    with pytest.raises(TypeError):  # the audience is required: no default
        export_frame(demo, kind=kind)


# What may never be in a public file: coordinates, free text, names.
FORBIDDEN_COLUMNS = {"latitude", "longitude", "summary", "note", "notes", "evidence",
                     "recorded_by", "title", "venue", "external_id"}


def test_public_county_metrics_hold_only_public_figures(demo_sqlite_url: str):
    demo = get_engine(demo_sqlite_url)
    scope = Scope(Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)), Audience.PUBLIC,
                  region="coast")
    table = export_frame(demo, kind="county-metrics", scope=scope, audience=Audience.PUBLIC)
    assert not FORBIDDEN_COLUMNS & set(table.columns)
    # The crime figures are county_crime's for the public scope, as the pages show them.
    crime = county_crime(scope, engine=demo).set_index("county_code")
    got = table.set_index("county_code")
    assert list(got.index) == list(crime.index)
    assert got["crimes"].tolist() == crime["count_display"].tolist()
    # Concerns are public by region only: the per-county file has no concern columns.
    assert not {"concern_themes", "forum_concerns", "chief_concerns", "concerns"} & \
        set(got.columns)
    with pytest.raises(NotForPublic):
        concerns_raised(engine=demo, start=scope.period.start, end=scope.period.end,
                        county_codes=tuple(got.index), by="county", audience=Audience.PUBLIC)
    # Commitments too are public by region only: no commitment columns either.
    assert not {"commitments", "verified", "fulfilled", "resolution_rate", "overdue",
                "past_due_unverified"} & set(got.columns)
    with pytest.raises(NotForPublic):
        resolution_by(engine=demo, by="county", as_of=scope.period.end,
                      county_codes=tuple(got.index), audience=Audience.PUBLIC)
    # Every count reads as a public screen shows it: digits, "<5", "≈…" or a range.
    shown = re.compile(r"^(|<\d+|≈?[\d,]+|[\d,]+–[\d,]+)$")
    for col in ("crimes", "previous_crimes", "crimes_compared", "forums"):
        bad = [v for v in got[col] if not shown.match(str(v))]
        assert not bad, (col, bad)
    for fmt in ("csv", "xlsx", "geojson"):
        data = export_bytes(demo, kind="county-metrics", fmt=fmt, scope=scope,
                            audience=Audience.PUBLIC)
        text = data.decode("utf-8-sig", errors="ignore") if fmt != "xlsx" else ""
        for word in ("latitude", "longitude", "recorded_by", "evidence", "summary"):
            assert word not in text, (fmt, word)
    csv = pd.read_csv(io.BytesIO(export_bytes(demo, kind="county-metrics", fmt="csv",
                                              scope=scope, audience=Audience.PUBLIC)),
                      dtype=str, keep_default_na=False)
    assert csv["crimes"].tolist() == crime["count_display"].tolist()


def test_public_county_metrics_need_a_public_scope(demo_sqlite_url: str):
    """The file's audience and the figures' audience are one: no internal figures in a
    file made for a public screen."""
    demo = get_engine(demo_sqlite_url)
    internal = Scope(Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)), Audience.INTERNAL)
    with pytest.raises(ValueError):
        export_frame(demo, kind="county-metrics", scope=internal, audience=Audience.PUBLIC)


def _crime_db(tmp_path, name: str, small: int):
    """Coast crime, Jan 2025 – Jun 2026: robbery in every month (Mombasa 40, Kwale 30) and
    one homicide cell of ``small`` (1–4: hidden in public) in Mombasa, March 2026."""
    from data_access.engine import init_db
    from data_access.figures.calendar import month_end, month_range
    from data_access.imports import import_file

    eng = get_engine(f"sqlite:///{tmp_path / name}.db")
    init_db(eng)
    lines = ["county,category,period_start,period_end,count,source"]
    for m in month_range(dt.date(2025, 1, 1), dt.date(2026, 6, 1)):
        lines += [f"Mombasa,Robbery,{m},{month_end(m)},40,test",
                  f"Kwale,Robbery,{m},{month_end(m)},30,test",
                  f"Mombasa,Homicide,{m},{month_end(m)},"
                  f"{small if m == dt.date(2026, 3, 1) else 0},test"]
    report = import_file(eng, kind="crime-counts", data=("\n".join(lines) + "\n").encode(),
                         filename="counts.csv")
    assert report.written and report.rejected == 0, report.problems[:3]
    return eng


def test_a_hidden_cell_changes_nothing_in_the_public_file(tmp_path):
    """The test of the method: a hidden count's true value (1–4) changes no byte of the
    public county metrics, in any format; internally it does."""
    scope = Scope(Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)), Audience.PUBLIC,
                  region="coast")
    internal = Scope(scope.period, Audience.INTERNAL, region="coast")
    one, four = _crime_db(tmp_path, "one", 1), _crime_db(tmp_path, "four", 4)
    try:
        for fmt in ("csv", "geojson"):
            files = [export_bytes(eng, kind="county-metrics", fmt=fmt, scope=scope,
                                  audience=Audience.PUBLIC) for eng in (one, four)]
            assert files[0] == files[1], fmt
        frames = [export_frame(eng, kind="county-metrics", scope=scope,
                               audience=Audience.PUBLIC) for eng in (one, four)]
        pd.testing.assert_frame_equal(frames[0], frames[1])
        inner = [export_frame(eng, kind="county-metrics", scope=internal,
                              audience=Audience.INTERNAL) for eng in (one, four)]
        assert inner[0].loc[0, "crimes"] != inner[1].loc[0, "crimes"]
    finally:
        one.dispose()
        four.dispose()
