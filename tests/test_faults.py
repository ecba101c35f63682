"""Faults a user can meet, and the message they see (docs/IMPORTS.md, "Faults").

- A busy database: a write waits the busy timeout (``JUKWAA_DB_BUSY_SECONDS``, 1 s here)
  for another writer, then says "Another import is running; try again in a minute" — in
  the data layer, on the Record progress page and nowhere with SQL.
- A read-only database: the app and the read commands start and serve from it, writes
  are refused with one message, and the same process writes again once the file is
  writable. The file is made read-only for real: ``chattr +i`` when the tests run as root
  (root ignores file modes), ``chmod 444`` otherwise; SQLite then opens it read-only,
  exactly as for an operator's read-only file. ``mode=ro`` URLs are covered as well.
- A damaged file, a missing file, two imports of the same file at once, a write that
  cannot be done: one line and exit 1 from ``python -m data_access``, never a traceback.
- ``remove-demo`` lists what users typed onto demo rows and removes it only with ``--yes``,
  leaving no source row without rows.

Real SQLite files (and PostgreSQL through ``db_url`` where the fault exists there), real
subprocesses for the command line; no mocks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from data_access import schema as s
from data_access.commitment_updates import record_update
from data_access.engine import (
    READ_ONLY_MESSAGE,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    busy_message,
    check_reachable,
    data_version,
    get_engine,
    init_db,
    is_writable,
    new_source,
    sqlite_file,
)
from data_access.imports import IMPORT_CONFLICT_MESSAGE, import_file, run_import_cli
from tests.clock import DEMO_END_MONTH, TODAY
from tests.conftest import PROJECT_ROOT
from tests.test_commitments import build_chain, open_page, point_app_at_chain

D = dt.date
BUSY_ENV = "JUKWAA_DB_BUSY_SECONDS"
FORUMS_CSV = PROJECT_ROOT / "tests" / "fixtures" / "imports" / "base_forums.csv"
BUSY_WORDS = "Another import is running; try again in a minute"
# What must never reach a user: driver text, SQL, a stack.
LEAKS = ("Traceback", "sqlite3.", "OperationalError", "SELECT ", "UPDATE ", "INSERT ",
         "[SQL:", "psycopg")


def _no_leak(text: str) -> None:
    for leak in LEAKS:
        assert leak not in text, f"{leak!r} shown to the user:\n{text}"


def cli(*args: str, db: str | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess:
    """``python -m data_access [--db URL] ARGS`` in a new process."""
    command = [sys.executable, "-m", "data_access", *(("--db", db) if db else ()), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180,
                          cwd=PROJECT_ROOT, env={**os.environ, **(env or {})})
    _no_leak(done.stdout + done.stderr)
    return done


def _version(engine: sa.Engine, commitment_id: int) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(s.commitments.c.version)
                            .where(s.commitments.c.id == commitment_id)).scalar_one()


def _count(engine: sa.Engine, table: sa.Table, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)
                            ).scalar_one()


def _update(engine: sa.Engine, commitment_id: int, who: str = "Clerk Achieng"):
    return record_update(commitment_id=commitment_id, status="in_progress",
                         updated_on=D(2025, 6, 25), expected_version=_version(engine,
                                                                              commitment_id),
                         recorded_by=who, today=TODAY, engine=engine)


@contextlib.contextmanager
def holding_write_lock(url: str) -> Iterator[None]:
    """Another writer in the middle of a long import: it holds the write lock (SQLite)
    or the data-version row every write takes (PostgreSQL) until the block ends."""
    file = sqlite_file(url)
    if file is not None:
        other = sqlite3.connect(file, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    other_engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with other_engine.connect() as conn, conn.begin() as txn:
            conn.execute(s.meta.update().where(s.meta.c.key == "data_version")
                         .values(value=s.meta.c.value))
            try:
                yield
            finally:
                txn.rollback()
    finally:
        other_engine.dispose()


def _chattr(flag: str, path: Path) -> bool:
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True)
    return done.returncode == 0


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """Make the database file really read-only for this process, then writable again."""
    if os.geteuid() == 0:
        # Root writes to a 0444 file anyway; an immutable file refuses even root.
        if not _chattr("+i", path):
            pytest.skip("running as root and chattr +i is not available here")
        try:
            yield
        finally:
            _chattr("-i", path)
        return
    os.chmod(path, 0o444)
    try:
        yield
    finally:
        os.chmod(path, 0o644)


# --- busy database ----------------------------------------------------------------------


def test_a_write_waits_the_busy_timeout_then_says_another_import_is_running(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUSY_ENV, "1")
    engine = get_engine(db_url)
    init_db(engine)
    chain = build_chain(engine)
    engine.dispose()  # connections opened from now on wait 1 s, not the default 60
    k4 = chain.commitments["K4"]
    before = data_version(engine)

    with holding_write_lock(db_url):
        started = time.perf_counter()
        with pytest.raises(DatabaseBusy) as caught:
            _update(engine, k4)
        waited = time.perf_counter() - started
        # Readers are never blocked by the writer.
        assert data_version(engine) == before

    assert str(caught.value) == busy_message(1)
    assert str(caught.value).startswith(BUSY_WORDS)
    assert 0.9 <= waited < 10, waited  # it did wait, and only about the busy timeout
    assert data_version(engine) == before  # nothing written
    # Once the other writer is done, the same write goes through.
    assert _update(engine, k4).status == "in_progress"


def test_the_busy_timeout_is_a_setting_and_defaults_to_a_minute(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUSY_ENV, raising=False)
    engine = get_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 60_000
    engine.dispose()
    monkeypatch.setenv(BUSY_ENV, "3")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 3_000
    assert "busy for 3 s" in busy_message()


def test_record_page_says_another_import_is_running_and_saves_afterwards(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUSY_ENV, "1")
    chain = point_app_at_chain(sqlite_url, monkeypatch)
    engine = get_engine(sqlite_url)
    engine.dispose()
    k4 = chain.commitments["K4"]
    at = open_page("record_update.py", commitment=str(k4))

    def fill_and_save(at):
        nonce = at.session_state["ru_nonce"]
        at.selectbox(key=f"ru_status_{nonce}").set_value("in_progress")
        at.date_input(key=f"ru_date_{nonce}").set_value(D(2025, 6, 25))
        at.text_input(key=f"ru_who_{nonce}").input("Clerk Achieng")
        return next(b for b in at.button if b.label == "Save update").click().run()

    with holding_write_lock(sqlite_url):
        at = fill_and_save(at)
    assert not at.exception, [e.message for e in at.exception]
    assert [e.value for e in at.error] == [f"**Not saved.** {busy_message(1)}"]
    _no_leak(at.error[0].value)
    assert _count(engine, s.commitment_updates, s.commitment_updates.c.commitment_id == k4) == 0

    at = fill_and_save(at)  # the database is free again: the same form saves
    assert not at.error and not at.exception
    assert at.success[0].value.startswith("Saved: In progress on 25 Jun 2025")


def test_cli_import_on_a_busy_database_exits_1_with_the_message(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    init_db(get_engine(sqlite_url))
    with holding_write_lock(sqlite_url):
        done = cli("import", "forums", str(FORUMS_CSV), db=sqlite_url, env={BUSY_ENV: "1"})
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == f"error: {busy_message(1)}"
    assert done.stdout.strip() == "0 rows imported — nothing written"
    assert _count(get_engine(sqlite_url), s.forums) == 0


# --- read-only database -----------------------------------------------------------------


@pytest.fixture
def chain_file(sqlite_url: str) -> tuple[sa.Engine, Path, dict[str, int]]:
    """A SQLite file with the hand-built chain, its connections closed."""
    engine = get_engine(sqlite_url)
    init_db(engine)
    chain = build_chain(engine)
    engine.dispose()
    return engine, sqlite_file(sqlite_url), chain.commitments


def test_read_only_file_serves_refuses_writes_and_recovers_in_the_same_process(
        chain_file) -> None:
    engine, path, commitments = chain_file
    before = data_version(engine)
    with read_only_file(path):
        init_db(engine)  # the schema is current: starting writes nothing
        assert data_version(engine) == before
        assert is_writable(engine) is False
        with pytest.raises(DatabaseReadOnly) as caught:
            _update(engine, commitments["K4"])
        assert str(caught.value) == READ_ONLY_MESSAGE
        # Viewing goes on (a pooled connection, opened while the file is read-only).
        assert _count(engine, s.commitments) == 9
    # Writable again: the same engine, no restart, and the very next write goes through.
    assert _update(engine, commitments["K4"]).status == "in_progress"
    assert is_writable(engine) is True
    assert int(data_version(engine)) == int(before) + 1


def test_read_only_database_by_url_starts_and_refuses_writes(chain_file) -> None:
    _engine, path, commitments = chain_file
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    engine = get_engine(url)
    try:
        init_db(engine)
        assert is_writable(engine) is False
        with pytest.raises(DatabaseReadOnly, match="viewing works"):
            _update(engine, commitments["K1"])
        assert _count(engine, s.commitment_updates) == 12
        done = cli("status", db=url)
        assert done.returncode == 0, done.stderr
        assert "forums" in done.stdout
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_read_only_server_refuses_writes_and_recovers(postgres_url: str,
                                                      pg_server_url: str) -> None:
    """PostgreSQL: a database switched to read-only transactions, and back."""
    engine = get_engine(postgres_url)
    init_db(engine)
    chain = build_chain(engine)
    server = sa.create_engine(pg_server_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    name = engine.url.database
    try:
        with server.connect() as conn:
            conn.execute(sa.text(f'ALTER DATABASE "{name}" SET default_transaction_read_only '
                                 "= on"))
        engine.dispose()
        init_db(engine)
        assert is_writable(engine) is False
        with pytest.raises(DatabaseReadOnly):
            _update(engine, chain.commitments["K4"])
    finally:
        with server.connect() as conn:
            conn.execute(sa.text(f'ALTER DATABASE "{name}" RESET default_transaction_read_only'))
        server.dispose()
    assert is_writable(engine) is True
    assert _update(engine, chain.commitments["K4"]).status == "in_progress"


def test_cli_reads_from_a_read_only_file_and_refuses_an_import(chain_file,
                                                               tmp_path: Path) -> None:
    engine, path, _ = chain_file
    url = f"sqlite:///{path}"
    out = tmp_path / "forums.csv"
    with read_only_file(path):
        status = cli("status", db=url)
        exported = cli("export", "forums", "-o", str(out), db=url)
        imported = cli("import", "forums", str(FORUMS_CSV), db=url)
    assert status.returncode == 0, status.stderr
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"Wrote 2 rows of forums to {out}"
    assert imported.returncode == 1, imported.stderr
    assert imported.stderr.strip() == f"error: {READ_ONLY_MESSAGE}"
    assert _count(engine, s.forums) == 2


def test_pages_on_a_read_only_file_show_the_message_instead_of_the_forms(
        chain_file, monkeypatch: pytest.MonkeyPatch) -> None:
    engine, path, commitments = chain_file
    url = f"sqlite:///{path}"
    monkeypatch.setenv("JUKWAA_DB_URL", url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    with read_only_file(path):
        at = open_page("record_update.py", commitment=str(commitments["K4"]))
        assert READ_ONLY_MESSAGE in [w.value for w in at.warning]
        assert not [b for b in at.button if b.label == "Save update"]
        assert at.metric[0].label == "Current status"  # the commitment is still shown
        at = open_page("import_data.py")
        assert READ_ONLY_MESSAGE in [w.value for w in at.warning]
        open_page("commitments.py")  # viewing pages run without an error
    # Writable again: the form is back in the same server process.
    at = open_page("record_update.py", commitment=str(commitments["K4"]))
    assert READ_ONLY_MESSAGE not in [w.value for w in at.warning]
    assert [b for b in at.button if b.label == "Save update"]


# --- damaged and missing files ----------------------------------------------------------


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "jukwaa.db"
    path.write_bytes(b"This is a spreadsheet, not a database. " * 200)
    url = f"sqlite:///{path}"
    done = cli("status", db=url)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"error: The database file {path} is damaged (file is not a database). Restore it "
        "from a backup, or move it aside and run `python -m data_access init` to start an "
        "empty one.")
    engine = get_engine(url)
    try:
        with pytest.raises(DatabaseDamaged) as caught:
            check_reachable(engine)  # what the app's start-up shows
        assert str(caught.value).startswith(f"The database file {path} is damaged")
    finally:
        engine.dispose()


def test_a_deeply_corrupt_database(chain_file) -> None:
    engine, path, _ = chain_file
    with path.open("r+b") as f:  # the header is fine; the pages after the first are not
        f.seek(4096)
        f.write(b"\x5a" * (path.stat().st_size - 4096))
    done = cli("status", db=f"sqlite:///{path}")
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: The database file {path} is damaged (")
    assert "malformed" in done.stderr


def test_commands_do_not_create_a_missing_database(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "jukwaa.db"
    url = f"sqlite:///{path}"
    for args in (("status",), ("export", "forums", "-o", str(tmp_path / "f.csv")),
                 ("import", "forums", str(FORUMS_CSV)), ("remove-demo",)):
        done = cli(*args, db=url)
        assert done.returncode == 1, args
        assert done.stderr.strip() == (
            f"error: no database at {path}; run `python -m data_access init` first or "
            "check JUKWAA_DB_URL (or --db)")
    assert not path.parent.exists()  # neither the file nor its folder
    done = cli("init", db=url)
    assert done.returncode == 0, done.stderr
    assert path.is_file()


# --- the command line: every failure a message ------------------------------------------


def test_two_imports_of_the_same_file_at_once(db_url: str, capsys) -> None:
    """The other import has written the same rows and commits while this one is between
    its checks and its writes: this one writes nothing and says so, exit 1."""
    engine = get_engine(db_url)
    init_db(engine)
    other = sa.create_engine(db_url, poolclass=NullPool)
    holder = other.connect()
    txn = holder.begin()
    sid = new_source(holder, kind="import", dataset="forums", name=FORUMS_CSV.name)
    holder.execute(s.forums.insert().values(
        external_id="F-1", edition="Lake Edition", county_code="042", venue="Kisumu Social Hall",
        held_on=D(2024, 1, 5), attendance_total=200, source_id=sid))

    writing = threading.Event()

    def on_execute(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            writing.set()  # the checks are done: this import is about to write

    sa.event.listen(engine, "before_cursor_execute", on_execute)
    codes: list[int] = []
    runner = threading.Thread(target=lambda: codes.append(
        run_import_cli(engine, kind="forums", path=str(FORUMS_CSV))))
    try:
        runner.start()
        assert writing.wait(60)
        txn.commit()
        holder.close()
        runner.join(120)
    finally:
        sa.event.remove(engine, "before_cursor_execute", on_execute)
        other.dispose()
    out, err = capsys.readouterr()
    assert codes == [1]
    assert err.strip() == f"error: {IMPORT_CONFLICT_MESSAGE}"
    assert out.strip() == "0 rows imported — nothing written"
    # Nothing from this run: only the other import's source and forum.
    assert _count(engine, s.data_sources) == 1
    assert _count(engine, s.forums) == 1
    # Running it again, as the message says, checks against what is there now.
    report = import_file(engine, kind="forums", data=FORUMS_CSV.read_bytes(),
                         filename=FORUMS_CSV.name)
    assert report.ok and report.rows == 1
    assert _count(engine, s.forums) == 1


def test_a_write_that_fails_part_way_is_a_message_and_exit_1(
        sqlite_url: str, tmp_path: Path, capsys) -> None:
    """The disk fills up during the import: SQLite's own "database or disk is full",
    reached for real by capping the file at a few pages more than it has."""
    engine = get_engine(sqlite_url)
    init_db(engine)
    engine.dispose()
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    def cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")

    big = tmp_path / "incidents.csv"
    big.write_text("occurred_on,county,category,latitude,longitude,external_id\n" + "".join(
        f"2024-03-02,Nairobi,Robbery,-1.2921,36.8219,I-{i}\n" for i in range(3000)))
    before = data_version(engine)
    sa.event.listen(engine, "connect", cap)
    engine.dispose()  # every connection from now on has the cap
    try:
        code = run_import_cli(engine, kind="incidents", path=str(big))
    finally:
        sa.event.remove(engine, "connect", cap)
        engine.dispose()
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip() == (
        "error: The database could not be written (database or disk is full); nothing from "
        "this run was written. Free disk space or fix the disk, then run it again.")
    assert out.strip() == "0 rows imported — nothing written"
    assert data_version(engine) == before and _count(engine, s.incidents) == 0


def test_terminal_escapes_in_names_and_cells_are_not_printed(sqlite_url: str,
                                                            tmp_path: Path) -> None:
    init_db(get_engine(sqlite_url))
    bad = tmp_path / "forums.csv"
    bad.write_text("external_id,edition,county,venue,held_on,attendance_total\n"
                   "F-1,Lake \x1b[2J Edition,Nai\x1b[31mrobi,Hall,2024-01-05,5x\n")
    done = cli("import", "forums", str(bad), db=sqlite_url)
    assert done.returncode == 2
    missing = cli("import", "forums", str(tmp_path / "evil\x1b]0;owned\x07.csv"),
                  db=sqlite_url)
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"error: no such file: {tmp_path}/evil]0;owned.csv"
    for text in (done.stdout, done.stderr, missing.stdout, missing.stderr):
        assert "\x1b" not in text and "\x07" not in text


def test_export_that_cannot_be_written(sqlite_url: str, tmp_path: Path) -> None:
    init_db(get_engine(sqlite_url))
    no_folder = cli("export", "forums", "-o", str(tmp_path / "nope" / "f.csv"), db=sqlite_url)
    assert no_folder.returncode == 2
    assert no_folder.stderr.strip() == f"error: {tmp_path}/nope/f.csv: no such folder"
    (tmp_path / "taken.csv").mkdir()  # a folder where the file should go
    blocked = cli("export", "forums", "-o", str(tmp_path / "taken.csv"), db=sqlite_url)
    assert blocked.returncode == 1
    assert blocked.stderr.startswith(f"error: cannot write {tmp_path}/taken.csv: ")


# --- remove-demo ------------------------------------------------------------------------


def test_remove_demo_lists_what_users_typed_and_needs_yes(sqlite_url: str) -> None:
    from data_access.demo import generate_demo

    engine = get_engine(sqlite_url)
    init_db(engine)
    generate_demo(engine, seed=11, years=1, incidents=1500, end_month=DEMO_END_MONTH)
    with engine.connect() as conn:
        demo_com = conn.execute(
            sa.select(s.commitments.c.id, s.commitments.c.external_id)
            .where(s.commitments.c.made_on <= D(2025, 12, 1))
            .order_by(s.commitments.c.id).limit(1)).one()
    typed = record_update(commitment_id=demo_com.id, status="in_progress",
                          updated_on=TODAY, expected_version=_version(engine, demo_com.id),
                          recorded_by="Clerk Achieng", note="Typed by a user", today=TODAY,
                          engine=engine)
    imported = import_file(engine, kind="forums", data=FORUMS_CSV.read_bytes(),
                           filename=FORUMS_CSV.name)
    assert imported.written
    ds = s.data_sources
    sources_before = _count(engine, ds)

    refused = cli("remove-demo", db=sqlite_url)
    assert refused.returncode == 2, refused.stderr
    assert refused.stdout.splitlines()[0].startswith("Removing the demo data: ")
    assert refused.stdout.splitlines()[1:] == [
        "Also removed, because they belong to demo rows: 1 row(s) typed or imported by "
        "users:",
        f"  1 progress update typed in the app on a demo commitment, from \"Status update "
        f"to {demo_com.external_id} by Clerk Achieng\" (source {typed.source_id})",
    ]
    assert "--yes" in refused.stderr and "nothing removed" in refused.stderr
    assert _count(engine, ds) == sources_before  # nothing deleted
    assert _count(engine, s.commitment_updates, s.commitment_updates.c.id == typed.update_id)

    done = cli("remove-demo", "--yes", db=sqlite_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Demo data removed; other imported data kept."
    # The typed update went with its commitment, and so did its source row; the
    # imported forum and its source stay; no source is left without rows.
    with engine.connect() as conn:
        kinds = sorted(r.kind for r in conn.execute(sa.select(ds.c.kind)))
        assert kinds == ["import"]
        for sid, rows in conn.execute(sa.select(ds.c.id, ds.c.rows)):
            held = sum(conn.execute(sa.select(sa.func.count()).select_from(t)
                                    .where(t.c.source_id == sid)).scalar_one()
                       for t in s.FACT_TABLES_DELETE_ORDER)
            assert held == rows == 1
    assert _count(engine, s.commitment_updates) == 0
    assert _count(engine, s.forums) == 1

    again = cli("remove-demo", db=sqlite_url)
    assert again.returncode == 0 and again.stdout.strip() == "No demo data; nothing removed."


def test_remove_demo_without_user_rows_needs_no_confirmation(sqlite_url: str) -> None:
    from data_access.demo import generate_demo

    engine = get_engine(sqlite_url)
    init_db(engine)
    generate_demo(engine, seed=11, years=1, incidents=1500, end_month=DEMO_END_MONTH)
    done = cli("remove-demo", db=sqlite_url)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2
    assert done.stdout.splitlines()[-1] == "Demo data removed; imported data kept."
    assert _count(engine, s.data_sources) == 0
