"""Recording progress: appended history, refused updates, and no lost update under
concurrency — on SQLite and PostgreSQL (the ``engine`` fixture runs each test on both)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
import sqlalchemy as sa

from data_access import commitment_updates as cu
from data_access import schema as s
from data_access.commitment_updates import UpdateRefused, record_update, sync_current_status
from data_access.engine import data_version, get_engine
from tests.test_commitments import TODAY, Chain, build_chain, open_page, point_app_at_chain

D = dt.date


@pytest.fixture
def chain(engine: sa.Engine) -> Chain:
    return build_chain(engine)


def _state(engine: sa.Engine, commitment_id: int) -> dict:
    """The commitment's denormalised columns and the length of its history."""
    c, u = s.commitments, s.commitment_updates
    with engine.connect() as conn:
        row = conn.execute(sa.select(c.c.current_status, c.c.status_on, c.c.last_verified_on,
                                     c.c.fulfilled_on, c.c.evidence, c.c.version)
                           .where(c.c.id == commitment_id)).one()
        n = conn.execute(sa.select(sa.func.count()).select_from(u)
                         .where(u.c.commitment_id == commitment_id)).scalar_one()
        sources = conn.execute(sa.select(sa.func.count()).select_from(s.data_sources)
                               .where(s.data_sources.c.kind == "capture")).scalar_one()
    return {**row._asdict(), "history": n, "capture_sources": sources}


def test_update_is_appended_and_denormalised(engine: sa.Engine, chain: Chain) -> None:
    k4 = chain.commitments["K4"]
    assert _state(engine, k4)["current_status"] == "unverified"
    version_before = data_version(engine)
    first = record_update(commitment_id=k4, status="in_progress", updated_on=D(2025, 6, 2),
                          expected_version=0, recorded_by="  Officer Wanjiru ",
                          note="Training booked", evidence="Memo 44", today=TODAY,
                          engine=engine)
    assert (first.version, first.current_status, first.status) == (1, "in_progress",
                                                                    "in_progress")
    assert data_version(engine) != version_before  # pages re-read at once
    second = record_update(commitment_id=k4, status="fulfilled", updated_on=D(2025, 7, 1),
                           expected_version=1, recorded_by="Officer Wanjiru",
                           evidence="Training register", today=TODAY, engine=engine)
    state = _state(engine, k4)
    assert state["history"] == 2 and state["version"] == 2 == second.version
    assert state["current_status"] == "fulfilled"
    assert (state["status_on"], state["fulfilled_on"], state["last_verified_on"]) == (
        D(2025, 7, 1), D(2025, 7, 1), D(2025, 7, 1))
    assert state["evidence"] == "Training register"
    with engine.connect() as conn:
        rows = conn.execute(sa.select(s.commitment_updates.c.status,
                                      s.commitment_updates.c.recorded_by,
                                      s.data_sources.c.kind, s.data_sources.c.rows)
                            .select_from(s.commitment_updates.join(s.data_sources))
                            .where(s.commitment_updates.c.commitment_id == k4)
                            .order_by(s.commitment_updates.c.id)).all()
    # History kept (nothing overwritten); each update's source is a "capture" row.
    assert [tuple(r) for r in rows] == [("in_progress", "Officer Wanjiru", "capture", 1),
                                        ("fulfilled", "Officer Wanjiru", "capture", 1)]


def test_update_for_an_earlier_day_keeps_the_latest_status(engine: sa.Engine,
                                                           chain: Chain) -> None:
    k5 = chain.commitments["K5"]  # not_fulfilled on 15 June, stalled on 1 April
    state = _state(engine, k5)
    assert (state["current_status"], state["status_on"], state["version"]) == (
        "not_fulfilled", D(2025, 6, 15), 2)
    result = record_update(commitment_id=k5, status="in_progress", updated_on=D(2025, 5, 1),
                           expected_version=2, recorded_by="Clerk", today=TODAY, engine=engine)
    assert result.current_status == "not_fulfilled" and result.version == 3
    assert _state(engine, k5)["history"] == 3


@pytest.mark.parametrize(
    ("changes", "reason", "words"),
    [
        ({"updated_on": D(2025, 1, 10)}, "before_made", "before the commitment was made"),
        ({"updated_on": D(2026, 1, 1)}, "in_future", "in the future"),
        ({"status": "done"}, "unknown_status", "Unknown status 'done'"),
        ({"status": "fulfilled", "evidence": "   "}, "missing_evidence", "with evidence"),
        ({"recorded_by": ""}, "missing_recorded_by", "who is recording"),
        ({"updated_on": None}, "invalid_date", "not a date"),
        ({"note": "x" * (cu.MAX_NOTE + 1)}, "too_long", "limit is 2,000"),
        ({"commitment_id": 999_999}, "unknown_commitment", "no commitment with id 999999"),
        ({"expected_version": 0}, "stale", "Someone else updated"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_refused_updates_write_nothing(engine: sa.Engine, chain: Chain, changes: dict,
                                       reason: str, words: str) -> None:
    k1 = chain.commitments["K1"]  # made 15 Jan 2025, version 2 after its two updates
    before = _state(engine, k1)
    version_before = data_version(engine)
    args = {"commitment_id": k1, "status": "in_progress", "updated_on": D(2025, 6, 1),
            "expected_version": 2, "recorded_by": "Clerk", "evidence": None,
            "today": TODAY, **changes}
    with pytest.raises(UpdateRefused) as err:
        record_update(engine=engine, **args)
    assert err.value.reason == reason
    assert words in str(err.value)
    assert _state(engine, k1) == before  # no history row, no source row, same version
    assert data_version(engine) == version_before


def test_refused_messages_name_the_dates(engine: sa.Engine, chain: Chain) -> None:
    with pytest.raises(UpdateRefused, match="before the commitment was made on 15 Jan 2025"):
        record_update(commitment_id=chain.commitments["K1"], status="stalled",
                      updated_on=D(2025, 1, 14), expected_version=2, recorded_by="Clerk",
                      today=TODAY, engine=engine)
    with pytest.raises(UpdateRefused, match=r"version 1; now: version 2"):
        record_update(commitment_id=chain.commitments["K1"], status="stalled",
                      updated_on=D(2025, 6, 1), expected_version=1, recorded_by="Clerk",
                      today=TODAY, engine=engine)


def _attempt(engine, results: dict, name: str, commitment_id: int, version: int,
             status: str) -> None:
    try:
        results[name] = record_update(commitment_id=commitment_id, status=status,
                                      updated_on=D(2025, 6, 20), expected_version=version,
                                      recorded_by=f"Clerk {name}", today=TODAY, engine=engine)
    except UpdateRefused as exc:
        results[name] = exc
    except Exception as exc:  # anything else is a failure the test reports
        results[name] = exc


def test_two_concurrent_updates_exactly_one_wins(engine: sa.Engine, chain: Chain,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Both writers loaded version 0 of K4. A claims the row and pauses inside its
    transaction; B starts, passes the early version check (A has not committed) and must
    wait on the row; when A commits, B's guarded UPDATE matches no row and is refused."""
    k4 = chain.commitments["K4"]
    real_new_source = cu.new_source
    a_claimed, release_a = threading.Event(), threading.Event()

    def pausing_new_source(conn, **kwargs):
        # Runs inside record_update's transaction, right after the version guard.
        if threading.current_thread().name == "writer-A":
            a_claimed.set()
            release_a.wait(30)
        return real_new_source(conn, **kwargs)

    monkeypatch.setattr(cu, "new_source", pausing_new_source)
    results: dict = {}
    a = threading.Thread(target=_attempt, name="writer-A",
                         args=(engine, results, "A", k4, 0, "in_progress"))
    b = threading.Thread(target=_attempt, name="writer-B",
                         args=(engine, results, "B", k4, 0, "stalled"))
    a.start()
    assert a_claimed.wait(15), "writer A never reached its transaction"
    b.start()
    time.sleep(1.0)
    assert b.is_alive(), f"writer B did not wait for A's transaction: {results.get('B')!r}"
    release_a.set()
    a.join(30)
    b.join(30)
    assert isinstance(results["A"], cu.UpdateResult), results["A"]
    assert isinstance(results["B"], UpdateRefused) and results["B"].reason == "stale", \
        results["B"]
    state = _state(engine, k4)
    assert state["history"] == 1 and state["version"] == 1
    assert state["current_status"] == "in_progress"


def test_simultaneous_updates_race(engine: sa.Engine, chain: Chain) -> None:
    """Two threads released together by a barrier, three rounds: one winner each time."""
    k6 = chain.commitments["K6"]
    for round_no in range(3):
        version = _state(engine, k6)["version"]
        barrier = threading.Barrier(2)
        results: dict = {}

        def go(name: str, *, version=version, barrier=barrier, results=results) -> None:
            barrier.wait()
            _attempt(engine, results, name, k6, version, "stalled")

        threads = [threading.Thread(target=go, args=(n,)) for n in ("A", "B")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        won = [r for r in results.values() if isinstance(r, cu.UpdateResult)]
        lost = [r for r in results.values() if isinstance(r, UpdateRefused)]
        assert len(won) == 1 and len(lost) == 1, (round_no, results)
        assert lost[0].reason == "stale"
        assert _state(engine, k6)["version"] == version + 1
    assert _state(engine, k6)["history"] == 2 + 3  # two from the fixture, one per round


def test_sync_current_status_rebuilds_from_history(engine: sa.Engine, chain: Chain) -> None:
    k8 = chain.commitments["K8"]
    with engine.begin() as conn:  # spoil the denormalised copy, then rebuild it
        conn.execute(s.commitments.update().where(s.commitments.c.id == k8)
                     .values(current_status="unverified", fulfilled_on=None, evidence=None))
        sync_current_status(conn, commitment_ids=[k8, chain.commitments["K4"]])
    state = _state(engine, k8)
    assert state["current_status"] == "fulfilled"
    assert state["fulfilled_on"] == D(2025, 6, 20)  # the current run, not 1 March
    assert state["evidence"] == "Backlog report"
    assert state["version"] == 4  # bumped, so forms opened before are refused
    assert _state(engine, chain.commitments["K4"])["current_status"] == "unverified"


# --- the Record progress page (AppTest on the hand-built chain) ---------------------------


@pytest.fixture
def app_chain(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Chain:
    return point_app_at_chain(sqlite_url, monkeypatch)


def _fill_form(at, *, status: str, evidence: str = "", who: str = "Clerk Achieng",
               note: str = "") -> None:
    nonce = at.session_state["ru_nonce"]
    at.selectbox(key=f"ru_status_{nonce}").set_value(status)
    at.date_input(key=f"ru_date_{nonce}").set_value(D(2025, 6, 25))
    at.text_input(key=f"ru_evidence_{nonce}").input(evidence)
    at.text_area(key=f"ru_note_{nonce}").input(note)
    at.text_input(key=f"ru_who_{nonce}").input(who)


def _save(at):
    button = next(b for b in at.button if b.label == "Save update")
    return button.click().run()


def test_record_page_refuses_then_saves_and_shows_the_new_status(
        app_chain: Chain, sqlite_url: str) -> None:
    engine = get_engine(sqlite_url)
    k4 = app_chain.commitments["K4"]
    at = open_page("record_update.py", commitment=str(k4))
    assert at.metric[0].label == "Current status" and at.metric[0].value == "Unverified"
    assert "Saving against version 0 of this commitment." in [c.value for c in at.caption]

    _fill_form(at, status="fulfilled", evidence="")
    at = _save(at)
    assert len(at.error) == 1 and "with evidence" in at.error[0].value
    assert _state(engine, k4)["history"] == 0
    # Nothing typed is lost: the form still holds the values.
    assert at.text_input(key="ru_who_0").value == "Clerk Achieng"

    _fill_form(at, status="fulfilled", evidence="Training register 7/2025",
               note="All 12 officers trained")
    at = _save(at)
    assert not at.error and not at.exception
    assert at.success[0].value == "Saved: Fulfilled on 25 Jun 2025."
    assert at.metric[0].value == "Fulfilled"  # no stale cache: the new status at once
    table = at.dataframe[0].value
    assert table["status"].tolist() == ["Fulfilled"]
    assert table["recorded by"].tolist() == ["Clerk Achieng"]
    assert "Saving against version 1 of this commitment." in [c.value for c in at.caption]
    state = _state(engine, k4)
    assert (state["history"], state["version"], state["current_status"]) == (1, 1, "fulfilled")
    # The chain view (same session, same ?commitment=) shows the new status too.
    at = at.switch_page("views/chain.py").run()
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert "**Gender desk officers trained**" in shown and ":green-badge[Fulfilled]" in shown


def test_record_page_refuses_a_stale_form(app_chain: Chain, sqlite_url: str) -> None:
    engine = get_engine(sqlite_url)
    k6 = app_chain.commitments["K6"]  # version 2
    at = open_page("record_update.py", commitment=str(k6))
    _fill_form(at, status="stalled", note="Contractor left")
    # Meanwhile someone else records an update for the same commitment.
    record_update(commitment_id=k6, status="in_progress", updated_on=D(2025, 8, 1),
                  expected_version=2, recorded_by="Other office", engine=engine)
    at = _save(at)
    assert len(at.error) == 1 and "Someone else updated commitment" in at.error[0].value
    assert any("version 2 → 3" in w.value for w in at.warning)
    state = _state(engine, k6)
    assert (state["history"], state["version"]) == (3, 3)  # only the other office's update
    # Load the latest version, then the same typed update goes through.
    next(b for b in at.button if b.label == "Load the latest version").click().run()
    assert not at.warning
    at = _save(at)
    assert not at.error, [e.value for e in at.error]
    assert _state(engine, k6)["history"] == 4


def test_record_page_is_hidden_in_presenter_mode(app_chain: Chain) -> None:
    at = open_page("record_update.py", commitment=str(app_chain.commitments["K4"]),
                   mode="public")
    assert "not available in presenter mode" in at.info[0].value
    assert not [b for b in at.button if b.label == "Save update"]
    assert not at.text_input
