"""The access-code screen under attack: any text can be typed (non-ASCII, another Unicode
form of the same code), wrong tries make the session wait longer each time, nothing about
the database is shown and no demo data is made before the code, a deep link survives the
gate, and a ``?mode=public`` link opens the locked public screen without the code.
Also: a read-only database is served with a notice, and a failed start is not
remembered (the process recovers when the database is back).

app.py in AppTest on real SQLite files (the shared demo database is only read; tests
that change a database copy it). The browser half is tests/browser/test_gate_browser.py.
"""

from __future__ import annotations

import logging
import math
import re
import shutil
import sqlite3
import time
import unicodedata
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import APP, open_deep_link, problems
from tests.conftest import dispose_engine
from ui.frame import (
    ACCESS_OK_KEY,
    GATE_KEY,
    MAX_WAIT_S,
    code_matches,
    wait_after,
)

CODE = "Usalama-ñ✓"  # a non-ASCII configured code must be enterable
TIMEOUT = 90
WRONG = "That access code is not right."
WAIT = re.compile(r"Wait (\d+) seconds? before trying again\.")
GENERIC_DB = "The dashboard's database is not available; tell the administrator."
READ_ONLY = "Read-only database: viewing works; imports and updates are off."
# An unreachable server whose every detail is recognisable on screen.
DOWN_URL = "postgresql+psycopg://gate_user@127.0.0.1:1/gate_secret_db"
DOWN_DETAILS = ("gate_user", "gate_secret_db", "127.0.0.1", "postgresql")


@pytest.fixture
def gated(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The demo database (read only) behind the access code CODE."""
    monkeypatch.setenv("JUKWAA_DB_URL", demo_sqlite_url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.setenv("JUKWAA_ACCESS_CODE", CODE)
    return monkeypatch


def _app(script: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(params)
    return open_deep_link(at, script) if script else at.run()


def _enter(at: AppTest, code: str) -> AppTest:
    return at.text_input(key=GATE_KEY).input(code).run()


def _admitted(at: AppTest) -> bool:
    return bool(at.session_state[ACCESS_OK_KEY]) if ACCESS_OK_KEY in at.session_state \
        else False


def _on_gate(at: AppTest) -> bool:
    return any(w.key == GATE_KEY for w in at.text_input)


def _texts(at: AppTest) -> list[str]:
    """Every text the visitor can read on the page (main area and sidebar)."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning",
                 "info", "success", "text", "exception"):
        for el in getattr(at, kind):
            out.append(str(getattr(el, "value", "") or getattr(el, "message", "")))
    out += [m.label for m in at.metric]
    return out


def _filters(at: AppTest):
    return at.session_state["jukwaa_current_filters"]


# --- the compare ----------------------------------------------------------------------


@pytest.mark.parametrize(("entered", "code", "expected"), [
    ("Usalama-ñ✓", CODE, True),
    # The same code typed as n + combining tilde (NFD) is the same code.
    (unicodedata.normalize("NFD", CODE), CODE, True),
    ("s3cret", unicodedata.normalize("NFD", "s3cret"), True),
    ("Usalama-n✓", CODE, False),
    ("ñandú✓", "s3cret", False),  # non-ASCII against an ASCII code: False, no TypeError
    ("s3cret", CODE, False),
    ("\ud800", CODE, False),  # a lone surrogate: a wrong code, not an exception
    ("", CODE, False),
    (None, CODE, False),
    (CODE, None, False),
    (CODE, "", False),
])
def test_code_matches_any_text(entered, code, expected) -> None:
    assert code_matches(entered, code) is expected


def test_waits_grow_from_the_third_wrong_try_to_a_cap() -> None:
    assert [wait_after(n) for n in range(1, 11)] == [0, 0, 1, 2, 4, 8, 16, 30, 30, 30]
    assert wait_after(10_000) == MAX_WAIT_S


# --- the gate -------------------------------------------------------------------------


def test_the_gate_shows_nothing_but_the_code_box(gated) -> None:
    at = _app()
    assert _on_gate(at) and not at.exception
    assert at.text_input(key=GATE_KEY).label == "Access code"
    assert at.title[0].value == "Jukwaa la Usalama"
    assert "Enter the access code to open the dashboard." in [c.value for c in at.caption]
    assert not at.metric and not at.sidebar.selectbox  # no data, no filters
    # Kiswahili from the link.
    sw = _app(lang="sw")
    assert sw.text_input(key=GATE_KEY).label == "Msimbo wa kuingia"


def test_a_non_ascii_code_is_refused_or_accepted_without_an_error(gated) -> None:
    at = _app()
    _enter(at, "ñandú✓ 漢字")
    assert not at.exception
    assert [e.value for e in at.error] == [WRONG] and not _admitted(at) and _on_gate(at)
    # The box is emptied after each try (the code does not stay in the session).
    assert at.text_input(key=GATE_KEY).value == ""
    # The configured "Usalama-ñ✓", typed in its decomposed form, opens the dashboard.
    _enter(at, unicodedata.normalize("NFD", CODE))
    assert not problems(at), problems(at)
    assert _admitted(at) and not _on_gate(at) and at.metric


def test_forty_wrong_codes_cannot_be_tried_in_two_seconds(gated, caplog) -> None:
    caplog.set_level(logging.INFO, logger="jukwaa.access")
    at = _app()
    compared: list[float] = []  # seconds from the first try, of tries that were checked
    refused: list[int] = []  # the N of "Wait N seconds" of tries refused unchecked
    started = time.monotonic()
    for i in range(40):
        _enter(at, f"wrong-{i}-ñ")
        elapsed = time.monotonic() - started
        assert not at.exception and not _admitted(at) and _on_gate(at)
        errors, warnings = [e.value for e in at.error], [w.value for w in at.warning]
        if errors:
            assert len(errors) == 1 and errors[0].startswith(WRONG), errors
            compared.append(elapsed)
            n = len(compared)
            # From the third wrong try on, the message says how long to wait.
            if wait_after(n):
                assert WAIT.search(errors[0]).group(1) == str(wait_after(n)), errors
            else:
                assert errors == [WRONG]
        else:
            assert len(warnings) == 1 and WAIT.fullmatch(warnings[0]), warnings
            refused.append(int(WAIT.fullmatch(warnings[0]).group(1)))
    total = time.monotonic() - started
    print(f"40 tries in {total:.2f} s: {len(compared)} checked at "
          f"{[round(c, 2) for c in compared]}, {len(refused)} refused")
    # Checked tries are spaced by the waits: 3 at once, then 1 s, 2 s, 4 s … apart.
    for n in range(FREE := 3, len(compared)):
        assert compared[n] - compared[n - 1] >= wait_after(n) - 0.05, compared
    assert len([c for c in compared if c < 2.0]) <= FREE + 1
    assert len(compared) <= FREE + max(1, math.ceil(math.log2(total + 1)) + 1)
    assert refused and all(1 <= n <= MAX_WAIT_S for n in refused)
    # Every checked failure is logged, refused tries too, and no code is in the log.
    wrong_logs = [r for r in caplog.records if r.getMessage().startswith("wrong access code")]
    assert len(wrong_logs) == len(compared)
    assert all(r.levelno == logging.WARNING for r in wrong_logs)
    assert len([r for r in caplog.records if "refused" in r.getMessage()]) == len(refused)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "wrong-" not in logged and CODE not in logged

    # The right code during the wait is refused too: a wait is a wait.
    not_before = at.session_state["jukwaa_code_not_before"]
    if not_before - time.monotonic() > 0.3:
        _enter(at, CODE)
        assert not _admitted(at) and _on_gate(at)
        assert any(WAIT.fullmatch(w.value) for w in at.warning)
        not_before = at.session_state["jukwaa_code_not_before"]
    # After the wait the right code opens the dashboard, and the count starts again.
    time.sleep(max(0.0, not_before - time.monotonic()) + 0.05)
    _enter(at, CODE)
    assert not problems(at), problems(at)
    assert _admitted(at) and at.metric
    assert at.session_state["jukwaa_code_failures"] == 0
    assert any(r.getMessage().startswith("access code accepted") for r in caplog.records)


def test_the_leave_public_form_waits_the_same_way(gated) -> None:
    at = _app(mode="public")
    assert not _on_gate(at)

    def leave(code: str) -> AppTest:
        at.sidebar.text_input(key="leave_public_code").input(code)
        return at.sidebar.button(key="leave_public_submit").click().run()

    leave("wrong-1")
    leave("wrong-2")
    assert [e.value for e in at.sidebar.error] == [
        "That access code is not right. The screen stays public."]
    leave("wrong-3")
    assert [e.value for e in at.sidebar.error] == [
        "That access code is not right. The screen stays public. "
        "Wait 1 second before trying again."]
    # Two more wrong tries, each after its wait: the next wait is 4 s.
    for i in (4, 5):
        time.sleep(max(0.0, at.session_state["jukwaa_code_not_before"] - time.monotonic())
                   + 0.05)
        leave(f"wrong-{i}")
    assert at.session_state["jukwaa_code_failures"] == 5
    assert [e.value for e in at.sidebar.error] == [
        "That access code is not right. The screen stays public. "
        "Wait 4 seconds before trying again."]
    leave(CODE)  # during the wait: refused unchecked
    assert len(at.sidebar.warning) == 1 and WAIT.fullmatch(at.sidebar.warning[0].value)
    assert _filters(at).public and not _admitted(at)
    time.sleep(max(0.0, at.session_state["jukwaa_code_not_before"] - time.monotonic()) + 0.05)
    leave(CODE)
    assert not problems(at), problems(at)
    assert not _filters(at).public and _admitted(at)
    at.switch_page("views/trends.py").run()  # admitted: no gate on the next page
    assert not _on_gate(at) and not _filters(at).public


# --- public links ---------------------------------------------------------------------


def test_a_public_link_opens_the_locked_public_screen_without_the_code(gated) -> None:
    at = _app(mode="public")
    assert not problems(at), problems(at)
    assert not _on_gate(at) and not _admitted(at)
    f = _filters(at)
    assert f.public and at.session_state["jukwaa_public_locked"] and at.metric
    assert not any(w.key == "f_public" for w in at.toggle)  # no way round the lock
    # Dropping mode=public from the URL neither unlocks it nor asks the code.
    at.query_params.pop("mode", None)
    at.switch_page("views/hotspots.py").run()
    assert not _on_gate(at) and _filters(at).public and not problems(at)
    # Office pages stay closed to it.
    at.switch_page("views/import_data.py").run()
    assert not at.file_uploader
    assert "Importing is not available in presenter mode." in [i.value for i in at.info]
    at.switch_page("views/record_update.py").run()
    assert not at.main.button and _filters(at).public
    assert any(i.value.startswith("Recording progress is not available") for i in at.info)


# --- the deep link --------------------------------------------------------------------


def test_a_deep_link_opens_its_page_after_the_code(gated) -> None:
    at = _app("hotspots.py", county="047", map="rate", **{"from": "2026-01", "to": "2026-06"})
    assert _on_gate(at) and not at.metric
    assert at.query_params["county"] == "047"  # the gate leaves the link alone
    _enter(at, CODE)
    assert not problems(at), problems(at)
    assert at.title[0].value == "Hotspots"
    f = _filters(at)
    assert f.county == "047" and (f.start.isoformat(), f.end.isoformat()) == \
        ("2026-01-01", "2026-06-30")
    assert at.query_params["map"] == "rate" and at.query_params["county"] == "047"
    assert at.segmented_control(key="hs_mode").value == "rate"


# --- the database before the code -----------------------------------------------------


def test_nothing_about_a_down_database_before_the_code(monkeypatch) -> None:
    monkeypatch.setenv("JUKWAA_DB_URL", DOWN_URL)
    monkeypatch.setenv("JUKWAA_ACCESS_CODE", CODE)
    # Gated: the database is not even tried; only the code box.
    at = _app()
    assert _on_gate(at) and not at.error and not at.exception
    assert not [d for d in DOWN_DETAILS for s in _texts(at) if d in s]
    # A public link without the code: one generic line, no URL, user, host or database.
    public = _app(mode="public")
    assert not public.exception
    assert [e.value for e in public.error] == [GENERIC_DB]
    leaked = [d for d in DOWN_DETAILS for s in _texts(public) if d in s]
    assert not leaked, leaked
    # After the code, the administrator's details.
    _enter(at, CODE)
    assert not at.exception and len(at.error) == 1
    shown = at.error[0].value
    assert "Cannot reach the database" in shown and "gate_user@127.0.0.1:1/gate_secret_db" \
        in shown and "JUKWAA_DB_URL" in shown


def test_without_a_code_configured_the_details_are_shown(monkeypatch) -> None:
    """A local single user (no code) is the administrator: the details help them."""
    monkeypatch.setenv("JUKWAA_DB_URL", DOWN_URL)
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    at = _app()
    assert not at.exception and len(at.error) == 1
    assert "gate_secret_db" in at.error[0].value


def _demo_sources(path: Path) -> int | None:
    """Demo data sources in the file (None: no file or no tables)."""
    if not path.exists():
        return None
    with sqlite3.connect(path) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='data_sources'").fetchone():
            return None
        return conn.execute("SELECT COUNT(*) FROM data_sources WHERE kind='demo'").fetchone()[0]


def test_an_anonymous_visit_makes_no_demo_data(tmp_path, monkeypatch) -> None:
    path = tmp_path / "empty.db"
    url = f"sqlite:///{path}"
    monkeypatch.setenv("JUKWAA_DB_URL", url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "1")  # on: only the gate holds it back
    monkeypatch.setenv("JUKWAA_ACCESS_CODE", CODE)
    try:
        at = _app()
        assert _on_gate(at) and not at.get("progress")
        assert _demo_sources(path) is None  # the database was not touched at all
        public = _app(mode="public")
        assert not public.exception and not public.get("progress")
        assert not _demo_sources(path)  # tables may be created, demo rows are not
        assert _filters(public).public
    finally:
        dispose_engine(url)


# --- read-only and recovering databases -----------------------------------------------


def _copy_demo(demo_sqlite_url: str, dest: Path) -> None:
    """A consistent copy of the demo database in rollback-journal mode (a read-only
    file cannot open a WAL database without its -shm file)."""
    with sqlite3.connect(make_url(demo_sqlite_url).database) as src, \
            sqlite3.connect(dest) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")


def test_a_read_only_database_is_served_with_a_notice(demo_sqlite_url, tmp_path,
                                                      monkeypatch) -> None:
    path = tmp_path / "ro" / "demo.db"
    path.parent.mkdir()
    _copy_demo(demo_sqlite_url, path)
    # Read-only for everyone (tests may run as root, where file modes do not stop writes).
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    monkeypatch.setenv("JUKWAA_DB_URL", url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "1")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    monkeypatch.chdir(tmp_path)
    try:
        at = _app()
        assert not problems(at), problems(at)
        assert [w.value for w in at.sidebar.warning] == [READ_ONLY]
        assert at.metric  # viewing works
        at.switch_page("views/trends.py").run()
        assert not problems(at), problems(at)
        assert [w.value for w in at.sidebar.warning] == [READ_ONLY]
        # A public screen opened without the code is served, without a word about it.
        monkeypatch.setenv("JUKWAA_ACCESS_CODE", CODE)
        public = _app(mode="public")
        assert not problems(public), problems(public)
        assert public.metric and not public.sidebar.warning
    finally:
        dispose_engine(url)


def test_a_failed_start_is_not_remembered(demo_sqlite_url, tmp_path, monkeypatch) -> None:
    """A damaged file stops the page with a message; once the file is good again the
    same process serves it (nothing of the failure was cached)."""
    path = tmp_path / "flaky.db"
    path.write_bytes(b"this is not a database " * 200)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("JUKWAA_DB_URL", url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    try:
        at = _app()
        assert not at.exception and len(at.error) == 1 and not at.metric
        good = tmp_path / "good.db"
        _copy_demo(demo_sqlite_url, good)
        shutil.copyfile(good, path)  # the same file, good again
        at.run()
        assert not problems(at), problems(at)
        assert at.metric and not at.sidebar.warning
        with sa.create_engine(url).connect() as conn:  # and it was prepared on the way
            assert conn.execute(sa.text("SELECT value FROM meta WHERE key='schema_version'")
                                ).scalar_one()
    finally:
        dispose_engine(url)
