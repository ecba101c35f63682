"""Command line: ``python -m data_access {init,demo,remove-demo,status,import,export}``.

The database is ``JUKWAA_DB_URL`` (default: the embedded SQLite file) or ``--db URL``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from config import get_settings
from data_access.engine import DatabaseUnavailable, check_reachable, describe, get_engine, init_db

IMPORT_KINDS = ("crime-counts", "incidents", "forums", "concerns", "commitments",
                "commitment-updates", "chief-reports")
EXPORT_KINDS = IMPORT_KINDS + ("county-metrics",)


def _month(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%Y-%m").date()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by tests and the README)."""
    p = argparse.ArgumentParser(prog="python -m data_access", description=__doc__)
    p.add_argument("--db", help="SQLAlchemy URL (default: JUKWAA_DB_URL or the SQLite file)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create or upgrade the schema and reference data")
    demo = sub.add_parser("demo", help="(re)generate demo data; imported rows are untouched")
    demo.add_argument("--seed", type=int, default=get_settings().demo_seed)
    demo.add_argument("--years", type=int, default=3)
    demo.add_argument("--incidents", type=int, default=None,
                      help="total incident points (default: real national magnitudes)")
    demo.add_argument("--end-month", type=_month, default=None, help="YYYY-MM")
    sub.add_parser("remove-demo", help="delete all demo rows, keep imported ones")
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


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    args = build_parser().parse_args(argv)
    engine = get_engine(args.db)
    try:
        check_reachable(engine)
    except DatabaseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    init_db(engine)
    if args.command == "init":
        print(f"Schema ready at {describe(str(engine.url))}")
        return 0
    if args.command == "demo":
        from data_access.demo import generate_demo

        started = time.perf_counter()
        summary = generate_demo(engine, seed=args.seed, years=args.years,
                                incidents=args.incidents, end_month=args.end_month,
                                progress=_progress)
        rows = ", ".join(f"{k} {v:,}" for k, v in summary.items() if isinstance(v, int))
        print(f"Demo data ready in {time.perf_counter() - started:.1f} s: {rows}")
        return 0
    if args.command == "remove-demo":
        from data_access.demo import remove_demo_data

        with engine.begin() as conn:
            remove_demo_data(conn)
        print("Demo data removed; imported data kept.")
        return 0
    if args.command == "status":
        from data_access.status import data_status, has_demo

        frame = data_status(engine=engine)
        print(frame.to_string(index=False))
        print("Demo data present." if has_demo(engine=engine) else "No demo data.")
        return 0
    if args.command == "import":
        from data_access.imports import run_import_cli

        return run_import_cli(engine, kind=args.kind, path=args.file, dry_run=args.dry_run,
                              skip_invalid=args.skip_invalid, rejects=args.rejects)
    from data_access.exports import run_export_cli

    return run_export_cli(engine, kind=args.kind, output=args.output)


if __name__ == "__main__":
    sys.exit(main())
