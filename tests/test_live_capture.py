"""Live capture (data_access/live_capture.py, views/capture.py) on a hand-built database.

The fixture (both backends through ``engine``; the page tests on SQLite):

=====  =======  ======================  ===========================  =====================
forum  county   edition                 held on                      concerns before
=====  =======  ======================  ===========================  =====================
TODAY  Mombasa  Pwani Live Edition      tests.clock.TODAY (15 Nov)   one imported: drugs
PAST   Kwale    Kwale Edition           1 Oct 2026                   none
=====  =======  ======================  ===========================  =====================

Captures are added by each test through ``capture_concern``.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import numpy as np
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_access import schema as s
from data_access.engine import data_version, get_engine, init_db, new_source
from data_access.figures.scope import Audience
from data_access.live_capture import (
    MAX_SUMMARY,
    THEME_COLUMNS,
    CaptureRefused,
    capture_concern,
    correct_concern,
    forum_captures,
    live_forum_themes,
    live_forum_total,
    withdraw_concern,
)
from data_access.privacy import NotForPublic
from tests.apptest_helpers import APP, open_deep_link, problems, run_page
from tests.clock import TODAY

INTERNAL, PUBLIC = Audience.INTERNAL, Audience.PUBLIC
PAST_DAY = dt.date(2026, 10, 1)


@dataclass(frozen=True)
class Forums:
    today: int
    past: int
    imported_concern: int


def build(engine: sa.Engine) -> Forums:
    """Write the two forums of the module docstring and the imported concern."""
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="forums", name="hand-built forums")

        def insert(table, **values) -> int:
            return int(conn.execute(table.insert().values(**values)).inserted_primary_key[0])

        today = insert(s.forums, external_id="F-TODAY", edition="Pwani Live Edition",
                       county_code="001", venue="Tononoka Hall", held_on=TODAY,
                       attendance_total=250, source_id=src)
        past = insert(s.forums, external_id="F-PAST", edition="Kwale Edition",
                      county_code="002", venue="Kwale Stadium", held_on=PAST_DAY,
                      attendance_total=120, source_id=src)
        imported = insert(s.concerns, external_id="C-IMP", forum_id=today, origin="forum",
                          county_code="001", theme_code="drugs", summary="imported concern",
                          raised_by_group="youth", raised_on=TODAY, source_id=src)
    return Forums(today=today, past=past, imported_concern=imported)


@pytest.fixture
def forums(engine: sa.Engine) -> Forums:
    return build(engine)


def _capture(engine, forum_id: int, theme: str = "drugs", *, token: str,
             recorder: str = "rec1", group: str | None = "youth",
             summary: str = "Boda boda thefts at night") -> int:
    return capture_concern(forum_id=forum_id, theme_code=theme, group_code=group,
                           summary=summary, recorder=recorder, token=token, engine=engine)


def _live_rows(engine) -> list[dict]:
    c = s.concerns
    with engine.connect() as conn:
        rows = conn.execute(sa.select(c).where(c.c.origin == "live_capture")
                            .order_by(c.c.id)).mappings().all()
    return [dict(r) for r in rows]


def _capture_sources(engine) -> list[dict]:
    t = s.data_sources
    with engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.id, t.c.kind, t.c.dataset, t.c.name, t.c.rows)
                            .where(t.c.kind == "capture")).mappings().all()
    return [dict(r) for r in rows]


# --- saving ------------------------------------------------------------------------------


def test_capture_saves_with_origin_county_and_date_of_the_forum(engine, forums) -> None:
    before = int(data_version(engine))
    cid = _capture(engine, forums.today, "land_disputes", token="t1",
                   summary="  Boundary  dispute\nnear the\x07 market  ")
    rows = _live_rows(engine)
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == cid
    assert (row["origin"], row["forum_id"], row["county_code"], row["theme_code"],
            row["raised_by_group"], row["external_id"]) == \
        ("live_capture", forums.today, "001", "land_disputes", "youth", "LIVE-rec1-t1")
    assert row["raised_on"] == TODAY
    # Plain text: controls out, white space (line breaks too) one space, trimmed.
    assert row["summary"] == "Boundary dispute near the market"
    # One capture source per forum, counting its rows; the data version moved on.
    assert [(r["dataset"], r["name"], r["rows"]) for r in _capture_sources(engine)] == \
        [("concerns", "Live capture at Pwani Live Edition", 1)]
    assert int(data_version(engine)) == before + 1
    _capture(engine, forums.today, token="t2", group=None)
    assert [r["rows"] for r in _capture_sources(engine)] == [2]
    assert _live_rows(engine)[1]["raised_by_group"] is None


def test_a_forum_not_held_today_is_refused(engine, forums) -> None:
    before = data_version(engine)
    with pytest.raises(CaptureRefused) as refused:
        _capture(engine, forums.past, token="t1")
    assert refused.value.reason == "not_today"
    assert "Kwale Edition was held on 01 Oct 2026, not today (15 Nov 2026)" in str(refused.value)
    with pytest.raises(CaptureRefused) as refused:
        _capture(engine, 999_999, token="t2")
    assert refused.value.reason == "unknown_forum"
    assert _live_rows(engine) == [] and _capture_sources(engine) == []
    assert data_version(engine) == before


@pytest.mark.parametrize(("change", "reason"), [
    ({"theme": "not_a_theme"}, "unknown_theme"),
    ({"theme": ""}, "unknown_theme"),
    ({"group": "footballers"}, "unknown_group"),
    ({"summary": ""}, "empty_summary"),
    ({"summary": " \n\t\x07 "}, "empty_summary"),
    ({"summary": "x" * (MAX_SUMMARY + 1)}, "too_long"),
    ({"recorder": ""}, "bad_recorder"),
    ({"recorder": "rec-1"}, "bad_recorder"),  # "-" separates recorder and token
    ({"token": ""}, "bad_token"),
    ({"token": "a b"}, "bad_token"),
])
def test_bad_values_are_refused(engine, forums, change, reason) -> None:
    kw = {"theme": "drugs", "group": "youth", "summary": "ok", "recorder": "rec1",
          "token": "t1", **change}
    theme, token = kw.pop("theme"), kw.pop("token")
    with pytest.raises(CaptureRefused) as refused:
        _capture(engine, forums.today, theme, token=token, **kw)
    assert refused.value.reason == reason
    assert _live_rows(engine) == []


def test_a_summary_of_280_characters_is_kept_whole(engine, forums) -> None:
    _capture(engine, forums.today, token="t1", summary="y" * MAX_SUMMARY)
    assert _live_rows(engine)[0]["summary"] == "y" * MAX_SUMMARY


def test_the_same_token_twice_saves_once(engine, forums) -> None:
    first = _capture(engine, forums.today, token="same")
    version = data_version(engine)
    again = _capture(engine, forums.today, "land_disputes", token="same")
    assert again == first
    assert len(_live_rows(engine)) == 1 and _live_rows(engine)[0]["theme_code"] == "drugs"
    assert data_version(engine) == version  # nothing written, not even the version
    assert [r["rows"] for r in _capture_sources(engine)] == [1]
    # The same token from another recorder is another capture.
    assert _capture(engine, forums.today, token="same", recorder="rec2") != first


def _at_once(jobs) -> list:
    """Run the callables in threads released together; their results, or raise."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(i, job) -> None:
        barrier.wait()
        try:
            results[i] = job()
        except BaseException as exc:  # re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert not any(th.is_alive() for th in threads), "a recorder never finished"
    if errors:
        raise errors[0]
    return results


def test_two_recorders_saving_at_once_both_saved(engine, forums) -> None:
    def recorder(name: str):
        return lambda: [_capture(engine, forums.today, token=f"t{i}", recorder=name)
                        for i in range(5)]

    ids = _at_once([recorder("alice"), recorder("bob")])
    rows = _live_rows(engine)
    assert len(rows) == 10 and sorted(r["id"] for r in rows) == sorted(ids[0] + ids[1])
    assert sorted(r["external_id"] for r in rows) == sorted(
        [f"LIVE-alice-t{i}" for i in range(5)] + [f"LIVE-bob-t{i}" for i in range(5)])
    # Made once under concurrency: one source for the forum, counting all ten.
    assert [r["rows"] for r in _capture_sources(engine)] == [10]
    assert live_forum_total(forum_id=forums.today, audience=INTERNAL,
                            engine=engine)["concerns"] == 11  # with the imported one


def test_a_double_submit_arriving_at_once_saves_once(engine, forums) -> None:
    ids = _at_once([lambda: _capture(engine, forums.today, token="dup")] * 2)
    assert ids[0] == ids[1]
    assert len(_live_rows(engine)) == 1


# --- correcting and withdrawing ----------------------------------------------------------


def test_correct_changes_theme_group_and_summary(engine, forums) -> None:
    cid = _capture(engine, forums.today, "drugs", token="t1")
    version = int(data_version(engine))
    correct_concern(concern_id=cid, theme_code="police_conduct", group_code="elders",
                    summary=" Slow response\tat night ", recorder="rec1", engine=engine)
    row = _live_rows(engine)[0]
    assert (row["theme_code"], row["raised_by_group"], row["summary"]) == \
        ("police_conduct", "elders", "Slow response at night")
    assert (row["forum_id"], row["county_code"], row["raised_on"]) == \
        (forums.today, "001", TODAY)
    assert int(data_version(engine)) == version + 1
    themes = live_forum_themes(forum_id=forums.today, audience=INTERNAL, engine=engine)
    assert dict(zip(themes["theme_code"], themes["concerns"], strict=True)) == \
        {"drugs": 1, "police_conduct": 1}  # the imported drugs concern stays
    with pytest.raises(CaptureRefused) as refused:
        correct_concern(concern_id=cid, theme_code="nope", group_code=None, summary="x",
                        recorder="rec1", engine=engine)
    assert refused.value.reason == "unknown_theme"


def test_withdraw_deletes_and_the_forum_no_longer_counts_it(engine, forums) -> None:
    keep = _capture(engine, forums.today, "land_disputes", token="t1")
    gone = _capture(engine, forums.today, "land_disputes", token="t2")
    counts = live_forum_themes(forum_id=forums.today, audience=INTERNAL, engine=engine)
    assert dict(zip(counts["theme_code"], counts["concerns"], strict=True)) == \
        {"land_disputes": 2, "drugs": 1}
    withdraw_concern(concern_id=gone, recorder="rec1", engine=engine)
    assert [r["id"] for r in _live_rows(engine)] == [keep]
    assert [r["rows"] for r in _capture_sources(engine)] == [1]
    counts = live_forum_themes(forum_id=forums.today, audience=INTERNAL, engine=engine)
    assert dict(zip(counts["theme_code"], counts["concerns"], strict=True)) == \
        {"land_disputes": 1, "drugs": 1}
    assert live_forum_total(forum_id=forums.today, audience=INTERNAL,
                            engine=engine)["concerns"] == 2
    with pytest.raises(CaptureRefused) as refused:
        withdraw_concern(concern_id=gone, recorder="rec1", engine=engine)
    assert refused.value.reason == "unknown_concern"


def test_only_the_recorders_own_uncommitted_live_captures_change(engine, forums) -> None:
    cid = _capture(engine, forums.today, token="t1", recorder="alice")
    for call in (lambda: withdraw_concern(concern_id=cid, recorder="bob", engine=engine),
                 lambda: correct_concern(concern_id=cid, theme_code="drugs", group_code=None,
                                         summary="x", recorder="bob", engine=engine)):
        with pytest.raises(CaptureRefused) as refused:
            call()
        assert refused.value.reason == "not_yours"
    # A recorder key that is a prefix of another's does not reach the other's captures.
    other = _capture(engine, forums.today, token="t1", recorder="alice2")
    with pytest.raises(CaptureRefused) as refused:
        withdraw_concern(concern_id=other, recorder="alice", engine=engine)
    assert refused.value.reason == "not_yours"
    # An imported concern is reviewed by import, not here.
    with pytest.raises(CaptureRefused) as refused:
        withdraw_concern(concern_id=forums.imported_concern, recorder="alice", engine=engine)
    assert refused.value.reason == "not_live"
    # Once a commitment answers it, the capture stays as it is.
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="commitments", name="k")
        conn.execute(s.commitments.insert().values(
            external_id="K1", concern_id=cid, institution_code="nps", title="Patrols",
            made_on=TODAY, source_id=src))
    with pytest.raises(CaptureRefused) as refused:
        withdraw_concern(concern_id=cid, recorder="alice", engine=engine)
    assert refused.value.reason == "has_commitment"
    assert len(_live_rows(engine)) == 2
    mine = forum_captures(forum_id=forums.today, recorder="alice", audience=INTERNAL,
                          engine=engine)
    assert mine["concern_id"].tolist() == [cid] and mine["editable"].tolist() == [False]


# --- reading -------------------------------------------------------------------------------


def _fill(engine, forum_id: int, counts: dict[str, int]) -> None:
    n = 0
    for theme, k in counts.items():
        for _ in range(k):
            n += 1
            _capture(engine, forum_id, theme, token=f"f{n}", summary=f"secret text {n}")


def test_live_forum_themes_internal_exact_public_rounded_to_5(engine, forums) -> None:
    # With the imported drugs concern: land 7, drugs 5, youth gangs 8, maritime 3, GBV 2.
    _fill(engine, forums.today, {"land_disputes": 7, "drugs": 4, "youth_gangs": 8,
                                 "maritime_security": 3, "gbv": 2})
    internal = live_forum_themes(forum_id=forums.today, audience=INTERNAL, engine=engine)
    assert list(internal.columns) == THEME_COLUMNS
    assert internal["theme_code"].tolist() == ["youth_gangs", "land_disputes", "drugs",
                                               "maritime_security", "gbv"]
    assert internal["concerns_display"].tolist() == ["8", "7", "5", "3", "<5"]
    # GBV is a sensitive theme: 1–4 reads "<5" on internal screens too.
    assert internal["concerns"].tolist()[:4] == [8, 7, 5, 3]
    assert np.isnan(internal["concerns"].iloc[4])
    assert internal.loc[0, ["theme", "theme_sw"]].tolist() == \
        ["Youth gangs and urban crime", "Magenge ya vijana na uhalifu mijini"]

    public = live_forum_themes(forum_id=forums.today, audience=PUBLIC, engine=engine)
    assert list(public.columns) == THEME_COLUMNS  # no summary, no text but theme names
    assert "secret text" not in public.to_csv()
    shown = dict(zip(public["theme_code"], public["concerns_display"], strict=True))
    assert shown == {"youth_gangs": "≈10", "land_disputes": "≈5", "drugs": "≈5",
                     "maritime_security": "<5", "gbv": "<5"}
    # Ordered by what is shown, then by the theme list (drugs before land disputes):
    # the order gives away no exact count the numbers hide.
    assert public["theme_code"].tolist() == ["youth_gangs", "drugs", "land_disputes",
                                             "gbv", "maritime_security"]
    values = public.set_index("theme_code")["concerns"]
    assert values[["youth_gangs", "drugs", "land_disputes"]].tolist() == [10, 5, 5]
    assert values[["gbv", "maritime_security"]].isna().all()

    total = live_forum_total(forum_id=forums.today, audience=INTERNAL, engine=engine)
    assert (total["concerns"], total["concerns_display"]) == (25, "25")
    assert isinstance(total["updated"], dt.datetime)
    total = live_forum_total(forum_id=forums.today, audience=PUBLIC, engine=engine)
    assert (total["concerns"], total["concerns_display"]) == (25, "≈25")


def test_public_small_and_empty_forums(engine, forums) -> None:
    public = live_forum_themes(forum_id=forums.today, audience=PUBLIC, engine=engine)
    assert public["concerns_display"].tolist() == ["<5"]  # the imported concern
    total = live_forum_total(forum_id=forums.today, audience=PUBLIC, engine=engine)
    assert (total["concerns"], total["concerns_display"]) == (None, "<5")
    empty = live_forum_themes(forum_id=forums.past, audience=PUBLIC, engine=engine)
    assert empty.empty and list(empty.columns) == THEME_COLUMNS
    total = live_forum_total(forum_id=forums.past, audience=PUBLIC, engine=engine)
    assert (total["concerns"], total["concerns_display"]) == (0, "0")
    # 6 and 7 round down to 5, 8 up to 10 (nearest multiple of 5).
    _fill(engine, forums.today, {"drugs": 6})
    total = live_forum_total(forum_id=forums.today, audience=PUBLIC, engine=engine)
    assert total["concerns_display"] == "≈5"


def test_forum_captures_is_internal_and_lists_only_this_recorders(engine, forums) -> None:
    mine = _capture(engine, forums.today, "drugs", token="t1", recorder="alice",
                    summary="mine")
    _capture(engine, forums.today, "drugs", token="t1", recorder="bob", summary="theirs")
    with pytest.raises(NotForPublic):
        forum_captures(forum_id=forums.today, recorder="alice", audience=PUBLIC,
                       engine=engine)
    out = forum_captures(forum_id=forums.today, recorder="alice", audience=INTERNAL,
                         engine=engine)
    assert out[["concern_id", "theme_code", "group", "group_sw", "summary", "editable"]] \
        .values.tolist() == [[mine, "drugs", "Youth", "Vijana", "mine", True]]
    assert out["raised_on"].dt.date.tolist() == [TODAY]


def test_audience_is_required(engine, forums) -> None:
    with pytest.raises(TypeError):
        live_forum_themes(forum_id=forums.today, engine=engine)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        live_forum_total(forum_id=forums.today, audience=True,  # type: ignore[arg-type]
                         engine=engine)


# --- the page (AppTest through app.py, on SQLite) ------------------------------------------

CODE = "rekodi-2026"


@pytest.fixture
def app_db(sqlite_url: str) -> tuple[str, Forums]:
    """A SQLite file holding only the hand-built forums."""
    eng = get_engine(sqlite_url)
    init_db(eng)
    return sqlite_url, build(eng)


def _with_code(url: str, monkeypatch, **params: str) -> AppTest:
    """The capture page with an access code configured (run_page removes it)."""
    monkeypatch.setenv("JUKWAA_DB_URL", url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.setenv("JUKWAA_ACCESS_CODE", CODE)
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params.update(params)
    return open_deep_link(at, "capture.py")


def _form_shown(at: AppTest) -> bool:
    keys = [w.key or "" for w in [*at.selectbox, *at.text_area, *at.button]]
    return any(k.startswith("cap_") for k in keys)


def test_page_without_the_code_shows_no_form(app_db, monkeypatch) -> None:
    url, ids = app_db
    # The code is asked before any page runs.
    at = _with_code(url, monkeypatch, forum=str(ids.today))
    assert not at.exception
    assert [w.key for w in at.text_input] == ["jukwaa_gate_code"]
    assert not _form_shown(at)
    # A public link passes the gate locked public: the capture page refuses it.
    at = _with_code(url, monkeypatch, forum=str(ids.today), mode="public")
    assert not problems(at), problems(at)
    assert not _form_shown(at)
    assert any("needs the access code" in w.value for w in at.warning)
    assert "Live capture" in [e.value for e in at.title]
    assert _live_rows(get_engine(url)) == []


def test_page_on_a_public_screen_without_a_code_refuses(app_db, monkeypatch) -> None:
    url, ids = app_db
    # No code configured (local single user) but a locked public screen: still refused.
    at = run_page(url, monkeypatch, "capture.py", forum=str(ids.today), mode="public",
                  lang="sw")
    assert not problems(at), problems(at)
    assert not _form_shown(at)
    assert any("Kunasa moja kwa moja kunahitaji msimbo" in w.value for w in at.warning)


def test_page_captures_corrects_and_withdraws(app_db, monkeypatch) -> None:
    url, ids = app_db
    engine = get_engine(url)
    at = run_page(url, monkeypatch, "capture.py", forum=str(ids.today))
    assert not problems(at), problems(at)
    assert at.selectbox(key="cap_forum").value == ids.today
    # Save without a theme: refused, nothing written.
    at.text_area(key="cap_summary_0").input("Street lights out on Moi Avenue")
    at.button(key="cap_save").click().run()
    assert [e.value for e in at.error] == ["**Not saved.** Choose a theme from the list."]
    assert _live_rows(engine) == []
    # Theme, group, summary: saved at once, with a clear confirmation and an empty form.
    at.selectbox(key="cap_theme_0").set_value("youth_gangs")
    at.selectbox(key="cap_group_0").set_value("womens_groups")
    at.text_area(key="cap_summary_0").input("Street lights out on Moi Avenue")
    at.button(key="cap_save").click().run()
    assert not problems(at), problems(at)
    rows = _live_rows(engine)
    assert [(r["theme_code"], r["raised_by_group"], r["summary"], r["forum_id"])
            for r in rows] == [("youth_gangs", "womens_groups",
                                "Street lights out on Moi Avenue", ids.today)]
    assert [s.value for s in at.success] == [
        "Saved: a concern on Youth gangs and urban crime. It shows on the presenter screen "
        "within seconds. The form is ready for the next one."]
    assert at.text_area(key="cap_summary_1").value == ""
    # My captures: this one, correctable.
    cid = rows[0]["id"]
    assert any(h.value == "My captures at this forum (1)" for h in at.subheader)
    at.selectbox(key=f"cap_fix_theme_{cid}").set_value("police_conduct")
    at.button(key=f"cap_fix_save_{cid}").click().run()
    assert not problems(at), problems(at)
    assert _live_rows(engine)[0]["theme_code"] == "police_conduct"
    assert [s.value for s in at.success] == ["Correction saved."]
    # Withdrawn: gone from the database and from the forum's live counts.
    at.button(key=f"cap_withdraw_{cid}").click().run()
    assert not problems(at), problems(at)
    assert _live_rows(engine) == []
    themes = live_forum_themes(forum_id=ids.today, audience=PUBLIC, engine=engine)
    assert themes["theme_code"].tolist() == ["drugs"]  # the imported one only
    assert any(h.value == "My captures at this forum (0)" for h in at.subheader)


def test_page_says_when_no_forum_is_held_today(app_db, monkeypatch) -> None:
    url, ids = app_db
    at = run_page(url, monkeypatch, "capture.py", forum=str(ids.past), lang="sw")
    assert not problems(at), problems(at)
    notes = [w.value for w in at.warning]
    assert any("Baraza lililo kwenye kiungo halifanyiki leo" in n for n in notes)
    # Today's forum is offered instead.
    assert at.selectbox(key="cap_forum").value == ids.today
    # The page's own language switch (the sidebar is folded away on a phone).
    at.segmented_control(key="cap_lang").set_value("en").run()
    assert not problems(at), problems(at)
    assert at.session_state["f_lang"] == "en"
    assert at.button(key="cap_save").label == "Save concern"
