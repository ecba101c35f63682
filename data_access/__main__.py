"""Command line: ``python -m data_access {init,demo,remove-demo,status,import,export}``.

The database is ``JUKWAA_DB_URL`` (default: the embedded SQLite file) or ``--db URL``.

Exit codes: 0 done; 2 bad input (a file or rows refused, a wrong option, a confirmation
needed); 1 a fault (database missing, busy, read-only, damaged; a write that failed).
Every failure is one message on stderr, never a traceback (``--debug`` shows it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from config import get_settings
from data_access.engine import (
    DatabaseFault,
    check_reachable,
    describe,
    get_engine,
    init_db,
    sqlite_file,
)
from data_access.plain_text import for_terminal

IMPORT_KINDS = ("crime-counts", "incidents", "forums", "concerns", "commitments",
                "commitment-updates", "chief-reports")
EXPORT_KINDS = IMPORT_KINDS + ("county-metrics",)


def _month(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%Y-%m").date()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by tests and the README)."""
    p = argparse.ArgumentParser(prog="python -m data_access", description=__doc__)
    p.add_argument("--db", help="SQLAlchemy URL (default: JUKWAA_DB_URL or the SQLite file)")
    p.add_argument("--debug", action="store_true",
                   help="on an unexpected error, show the traceback instead of one line")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create or upgrade the schema and reference data")
    demo = sub.add_parser("demo", help="(re)generate demo data; imported rows are untouched")
    demo.add_argument("--seed", type=int, default=get_settings().demo_seed)
    demo.add_argument("--years", type=int, default=3)
    demo.add_argument("--incidents", type=int, default=None,
                      help="total incident points (default: real national magnitudes)")
    demo.add_argument("--end-month", type=_month, default=None, help="YYYY-MM")
    demo.add_argument("--yes", action="store_true",
                      help="also delete what users typed or imported onto the old demo rows")
    rm = sub.add_parser("remove-demo", help="delete all demo rows, keep imported ones; "
                        "lists anything users typed or imported onto demo rows first")
    rm.add_argument("--yes", action="store_true",
                    help="also delete what users typed or imported onto demo rows")
    sub.add_parser("status", help="print what data is loaded and its as-of dates")
    imp = sub.add_parser("import", help="validate and import a CSV or Excel file")
    imp.add_argument("kind", choices=IMPORT_KINDS)
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows, write rejected rows to --rejects")
    imp.add_argument("--rejects", help="CSV file for rejected rows and their reasons")
    exp = sub.add_parser("export", help="export data as CSV, Excel or GeoJSON")
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("-o", "--output", required=True,
                     help="output file; .csv, .xlsx or (county-metrics) .geojson")
    return p


def _progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", flush=True)


# Commands that may create a missing SQLite file (and its folder); the others refuse, so a
# mistyped path is reported rather than answered from a new empty database.
_CREATING = ("init", "demo")


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the process exit code (see the module docstring)."""
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except DatabaseFault as exc:
        print(f"error: {for_terminal(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; an import or update that had not finished was not "
              "written", file=sys.stderr)
        return 1
    except Exception as exc:  # the last resort: one line, not a traceback
        if args.debug:
            raise
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        reason = reason[0][:300] if reason else ""
        print(f"error: {type(exc).__name__}: {for_terminal(reason)} (nothing more was "
              "written; run again with --debug for details)", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    url = args.db or get_settings().db_url
    file = sqlite_file(url)
    if file is not None and args.command not in _CREATING and not file.is_file():
        print(f"error: no database at {for_terminal(file)}; run `python -m data_access init` "
              "first or check JUKWAA_DB_URL (or --db)", file=sys.stderr)
        return 1
    engine = get_engine(url)
    check_reachable(engine)
    init_db(engine)
    if args.command == "init":
        print(f"Schema ready at {for_terminal(describe(str(engine.url)))}")
        return 0
    if args.command == "demo":
        from data_access.demo import demo_removal_plan, generate_demo

        with engine.connect() as conn:
            plan = demo_removal_plan(conn)
        if plan.user_rows and not args.yes:
            # Regenerating deletes the old demo rows first, and with them users' rows.
            print(for_terminal(plan.describe()))
            print("error: nothing changed. Regenerating the demo deletes the rows above; "
                  "run again with --yes to go ahead.", file=sys.stderr)
            return 2
        started = time.perf_counter()
        summary = generate_demo(engine, seed=args.seed, years=args.years,
                                incidents=args.incidents, end_month=args.end_month,
                                progress=_progress)
        rows = ", ".join(f"{k} {v:,}" for k, v in summary.items() if isinstance(v, int))
        print(f"Demo data ready in {time.perf_counter() - started:.1f} s: {rows}")
        return 0
    if args.command == "remove-demo":
        return _remove_demo(engine, yes=args.yes)
    if args.command == "status":
        from data_access.status import data_status, has_demo

        frame = data_status(engine=engine)
        print(for_terminal(frame.to_string(index=False)))
        print("Demo data present." if has_demo(engine=engine) else "No demo data.")
        return 0
    if args.command == "import":
        from data_access.imports import run_import_cli

        return run_import_cli(engine, kind=args.kind, path=args.file, dry_run=args.dry_run,
                              skip_invalid=args.skip_invalid, rejects=args.rejects)
    from data_access.exports import run_export_cli

    return run_export_cli(engine, kind=args.kind, output=args.output)


def _remove_demo(engine, *, yes: bool) -> int:
    """``remove-demo``: say what goes, ask for ``--yes`` before deleting users' rows."""
    from data_access.demo import demo_removal_plan, remove_demo_data

    with engine.begin() as conn:
        plan = demo_removal_plan(conn)
        if not plan.demo_rows:
            print("No demo data; nothing removed.")
            return 0
        print(for_terminal(plan.describe()))
        if plan.user_rows and not yes:
            print("error: nothing removed. These rows were typed or imported by users onto "
                  "demo rows and would go with them; run `python -m data_access remove-demo "
                  "--yes` to remove them too.", file=sys.stderr)
            return 2
        remove_demo_data(conn)
    kept = "; imported data kept" if not plan.user_rows else \
        "; other imported data kept"
    print(f"Demo data removed{kept}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
