"""Validated imports of CSV and Excel files, from the command line and the Import page.

    python -m data_access import KIND FILE [--dry-run] [--skip-invalid] [--rejects OUT.csv]

One template per kind (``templates.TEMPLATES``). An import reads the file
(:mod:`.readers`), checks every cell (:mod:`.validate`) and every row against the
database (:mod:`.dbcheck`), then writes in one transaction (:mod:`.writers`):

- any invalid row and nothing is written (exit 2), unless ``skip_invalid``: then the
  valid rows are imported and each rejected row is reported with its reasons;
- rows already present with the same values are left alone, so importing the same file
  twice changes nothing; rows whose key exists with other values are updated;
- imported rows carry a ``data_sources`` row (kind "import", file name, SHA-256) and
  never mix with demo rows.

Public API: :func:`import_file` (bytes in, :class:`ImportReport` out) and
:func:`run_import_cli` (a path in, an exit code out).

Faults are not bad input: a busy, read-only, damaged or full database raises a
:class:`~data_access.engine.DatabaseFault` (nothing written), and so does another import
of the same rows committing while this one ran (:data:`IMPORT_CONFLICT_MESSAGE`); the
command line prints its message and exits 1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from config import get_settings
from data_access.clock import today as clock_today
from data_access.engine import DatabaseConflict, DatabaseFault, get_engine, new_source
from data_access.imports.dbcheck import plan_rows
from data_access.imports.readers import FileRefused, read_table
from data_access.imports.templates import (
    IMPORT_KINDS,
    TEMPLATES,
    blank_template,
    columns_frame,
    get_template,
)
from data_access.imports.validate import Problem, validate_table
from data_access.imports.writers import write_rows
from data_access.plain_text import for_terminal
from data_access.safe_csv import to_csv_bytes

__all__ = ["IMPORT_KINDS", "TEMPLATES", "ImportReport", "Problem", "blank_template",
           "columns_frame", "import_file", "run_import_cli"]


@dataclass
class ImportReport:
    """What an import found and did.

    ``rows`` counts the data rows read (blank lines excluded, ``blank_rows``);
    ``rejected`` the rows with at least one problem; ``new``/``updated``/``unchanged``
    the valid rows by what they do to the database (``unchanged``: already there with
    the same values). ``written`` is true once the transaction committed.
    ``file_refused`` means the file as a whole could not be read (one problem, no row).
    """

    kind: str
    filename: str
    sha256: str
    dry_run: bool = False
    skip_invalid: bool = False
    rows: int = 0
    blank_rows: int = 0
    header_row: int | None = None
    sheet: str | None = None
    rejected: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    file_refused: bool = False
    source_id: int | None = None
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    # Problems found beyond the first MAX_PROBLEMS (by row), counted but not kept.
    more_problems: int = 0
    notes: list[str] = field(default_factory=list)
    rejects: pd.DataFrame | None = None
    # Seconds per step (read, validate, check, write), wall clock and CPU of this process.
    timings: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the import may go ahead (or went ahead): no problem, or the invalid
        rows are to be skipped."""
        return not self.file_refused and (self.rejected == 0 or self.skip_invalid)

    @property
    def imported(self) -> int:
        """Rows written (new + updated); 0 for a dry run or a refused file."""
        return self.new + self.updated if self.written else 0

    @property
    def summary_line(self) -> str:
        """"N rows imported, M rejected" with what that means."""
        if self.file_refused:
            return "0 rows imported, file refused — nothing written"
        detail = (f"{self.new} new, {self.updated} updated, {self.unchanged} already present")
        if self.dry_run:
            verdict = "dry run, nothing written" if self.ok else \
                "dry run; as it stands nothing would be written"
            return (f"{self.rows - self.rejected} rows valid, {self.rejected} rejected "
                    f"({detail}; {verdict})")
        if not self.ok:
            return (f"0 rows imported, {self.rejected} rejected — nothing written (fix the "
                    "rows listed, or import with --skip-invalid)")
        return f"{self.imported} rows imported, {self.rejected} rejected ({detail})"

    @property
    def more_problems_line(self) -> str:
        """"…and 1,234 more problems (…)" when not every problem was kept, else ""."""
        if not self.more_problems:
            return ""
        return (f"…and {self.more_problems:,} more problem{'s' if self.more_problems > 1 else ''}"
                f" (only the first {len(self.problems):,} are listed; fix those and check "
                "the file again)")

    def problems_frame(self) -> pd.DataFrame:
        """The problems kept: ``row, column, value, problem, suggestion``; when more were
        found, a last row without a row number says how many more."""
        rows = [(p.row, p.column or "", p.value, p.message, p.suggestion) for p in self.problems]
        if self.more_problems:
            rows.append((None, "", "", self.more_problems_line, ""))
        return pd.DataFrame(
            rows, columns=["row", "column", "value", "problem", "suggestion"],
        ).astype({"row": "Int64"})


def _rejects(raw_frame: pd.DataFrame, row_numbers, bad, problems: list[Problem]) -> pd.DataFrame:
    """The rejected rows as read (every cell as text) with ``row`` and ``problems``."""
    reasons: dict[int, list[str]] = {}
    for p in problems:
        if p.row is not None:
            col = f"{p.column}: " if p.column else ""
            tail = f" ({p.suggestion})" if p.suggestion else ""
            reasons.setdefault(p.row, []).append(f"{col}{p.message}{tail}")
    out = raw_frame[bad].copy()
    rows = row_numbers[bad]
    out.insert(0, "row", rows)
    # Only the first MAX_PROBLEMS problems are kept; later rejected rows say so.
    unlisted = "rejected; its reasons are not listed (too many problems in the file)"
    out["problems"] = ["; ".join(reasons.get(int(r), [])) or unlisted for r in rows]
    return out.reset_index(drop=True)


class _Clock:
    """Wall and CPU seconds of each step, into ``report.timings``."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, step: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.report.timings[step] = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu


IMPORT_CONFLICT_MESSAGE = ("Another import of this file ran at the same time; nothing from "
                           "this run was written; run it again to check.")


def _is_collision(exc: sa.exc.IntegrityError) -> bool:
    """A unique key or a parent row that the checks saw differently: another writer
    committed the same rows (or removed a parent) between the check and the write."""
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    text = str(orig).lower()
    return state in ("23505", "23503") or "unique constraint failed" in text \
        or "foreign key constraint failed" in text


# SQLite page cache for the import's connection: a million-row insert updates four
# B-trees, and a cache that holds them saves a third of the time (default: 2 MB).
_SQLITE_IMPORT_CACHE_KIB = 262_144


def import_file(engine: Engine | None, *, kind: str, data: bytes, filename: str,
                dry_run: bool = False, skip_invalid: bool = False,
                today: dt.date | None = None) -> ImportReport:
    """Validate ``data`` (the bytes of a CSV or .xlsx file) as ``kind`` and import it
    into ``engine`` (None: the configured database).

    Nothing is written when ``dry_run`` is set, or when any row is invalid and
    ``skip_invalid`` is not. ``today`` (default: ``data_access.clock.today()``) is the
    limit for dates in the future. Never raises for bad input: everything wrong is in the
    report. A database fault raises :class:`~data_access.engine.DatabaseFault` with a
    plain message (nothing written); another import writing the same rows at the same
    time raises :class:`~data_access.engine.DatabaseConflict`.
    """
    started = time.perf_counter()
    engine = engine or get_engine()
    tpl = get_template(kind)
    report = ImportReport(kind=kind, filename=filename, dry_run=dry_run,
                          skip_invalid=skip_invalid, sha256=hashlib.sha256(data).hexdigest())
    max_bytes = get_settings().max_upload_mb * 1_000_000
    clock = _Clock(report)
    try:
        raw = read_table(data, filename, tpl, max_bytes=max_bytes)
    except FileRefused as exc:
        report.file_refused = True
        report.problems = [Problem(None, None, "", exc.message)]
        report.seconds = time.perf_counter() - started
        return report
    report.rows, report.blank_rows = len(raw.frame), raw.blank_rows
    report.header_row, report.sheet = raw.header_row, raw.sheet
    clock.lap("read")
    v = validate_table(raw, tpl, today=today or clock_today())
    clock.lap("validate")
    with engine.connect() as conn:
        # On the driver's connection, so SQLAlchemy starts no transaction for it.
        raw_conn = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        if raw_conn is not None:
            cache = int(raw_conn.execute("PRAGMA cache_size").fetchone()[0])
            raw_conn.execute(f"PRAGMA cache_size=-{_SQLITE_IMPORT_CACHE_KIB}")
        try:
            _check_and_write(conn, v, report, tpl, dry_run, clock)
        except DatabaseConflict as exc:
            raise DatabaseConflict(IMPORT_CONFLICT_MESSAGE) from exc
        except sa.exc.IntegrityError as exc:
            if not _is_collision(exc):
                raise
            raise DatabaseConflict(IMPORT_CONFLICT_MESSAGE) from exc
        finally:
            # A read-only fault closes the connection (the pool reopens the file).
            if raw_conn is not None and not conn.invalidated:
                raw_conn.execute(f"PRAGMA cache_size={cache}")
    report.written = report.source_id is not None
    report.seconds = time.perf_counter() - started
    return report


def _check_and_write(conn, v, report: ImportReport, tpl, dry_run: bool, clock: _Clock) -> None:
    """Check the rows against the database and write them, in one transaction."""
    with conn.begin() as txn:
        # The checks and the writes run in one transaction, so they see the same rows.
        plan_rows(conn, v)
        report.problems = list(v.kept_problems())  # sorted, at most MAX_PROBLEMS
        report.more_problems = v.more_problems
        report.notes = v.notes
        report.rejected = int(v.bad.sum())
        actions = v.clean["_action"]
        report.new = int((actions == "new").sum())
        report.updated = int((actions == "update").sum())
        report.unchanged = int((actions == "same").sum())
        if report.rejected:
            report.rejects = _rejects(v.raw_frame, v.row_numbers, v.bad, report.problems)
        clock.lap("check")
        if dry_run or not report.ok or not (report.new or report.updated):
            txn.rollback()
            return
        report.source_id = new_source(conn, kind="import", dataset=report.kind,
                                      name=report.filename, file_sha256=report.sha256,
                                      note=f"{report.new} new, {report.updated} updated")
        write_rows(conn, v, source_id=report.source_id, lap=clock.lap)
    clock.lap("commit")


def run_import_cli(engine: Engine, *, kind: str, path: str, dry_run: bool = False,
                   skip_invalid: bool = False, rejects: str | None = None) -> int:
    """``python -m data_access import``: print problems (stderr) and the summary line
    (stdout); write rejected rows with their reasons to ``rejects`` when given.

    Exit code 0 when the import went ahead (or a dry run found nothing wrong), 2 when the
    file or any row was refused and nothing was written, 1 on a database fault (busy,
    read-only, damaged, full; another import of the same rows at the same time).
    Values from the file are printed as plain characters (no terminal escapes).
    """
    file = Path(path)
    shown = for_terminal(path)
    if not file.is_file():
        print(f"error: no such file: {shown}", file=sys.stderr)
        return 2
    limit = get_settings().max_upload_mb * 1_000_000
    if file.stat().st_size > limit:  # refuse before reading a huge file into memory
        print(f"error: {for_terminal(file.name)} is {file.stat().st_size / 1e6:,.1f} MB; the "
              f"largest file accepted is {limit / 1e6:,.1f} MB (JUKWAA_MAX_UPLOAD_MB)",
              file=sys.stderr)
        print("0 rows imported, file refused — nothing written")
        return 2
    try:
        data = file.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {shown}: {for_terminal(exc.strerror or exc)}",
              file=sys.stderr)
        return 2
    try:
        report = import_file(engine, kind=kind, data=data, filename=file.name,
                             dry_run=dry_run, skip_invalid=skip_invalid)
    except DatabaseFault as exc:
        print(f"error: {for_terminal(exc)}", file=sys.stderr)
        print("0 rows imported — nothing written")
        return 1
    for problem in report.problems:
        print(for_terminal(problem.text()), file=sys.stderr)
    if report.more_problems:
        print(report.more_problems_line, file=sys.stderr)
    if report.notes:
        print("Notes on how values were read (closest county names, cleaned cells):")
        for note in report.notes:
            print(f"  {for_terminal(note)}")
    if rejects and report.rejects is not None:
        try:
            Path(rejects).write_bytes(to_csv_bytes(report.rejects))
        except OSError as exc:
            print(f"error: cannot write the rejected rows to {for_terminal(rejects)}: "
                  f"{for_terminal(exc.strerror or exc)}", file=sys.stderr)
            print(report.summary_line)
            return 1
        print(f"Rejected rows with their reasons written to {for_terminal(rejects)}")
    print(report.summary_line)
    return 0 if report.ok else 2
