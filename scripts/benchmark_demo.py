"""Time the demo generator at several sizes and print the figures.

    python scripts/benchmark_demo.py                       # default size, 1M and 10M
    python scripts/benchmark_demo.py --sizes default 1000000
    python scripts/benchmark_demo.py --db-url postgresql+psycopg://user@127.0.0.1:5432/db

Each size runs ``generate_demo`` into a fresh SQLite file in a temporary folder (or, with
``--db-url``, into that database, replacing its demo rows) and reports the seconds spent in
each stage, the rows written and the size of the file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data_access.demo import generate_demo  # noqa: E402
from data_access.engine import get_engine  # noqa: E402


def _stage_timer():
    """A progress callback that records when each stage (message prefix) started."""
    marks: list[tuple[str, float]] = []

    def progress(_fraction: float, message: str) -> None:
        stage = message.split(" (")[0]
        if not marks or marks[-1][0] != stage:
            marks.append((stage, time.perf_counter()))

    return marks, progress


def run(url: str, incidents: int | None) -> None:
    engine = get_engine(url)
    marks, progress = _stage_timer()
    started = time.perf_counter()
    summary = generate_demo(engine, incidents=incidents, progress=progress)
    total = time.perf_counter() - started
    engine.dispose()
    label = "default" if incidents is None else f"{incidents:,}"
    print(f"\n== incidents={label}: {total:.1f} s in all ({summary['incidents']:,} incidents)")
    for (stage, at), (_next, until) in zip(marks, marks[1:] + [("end", started + total)]):
        print(f"   {until - at:7.1f} s  {stage}")
    rows = ", ".join(f"{k} {v:,}" for k, v in summary.items() if isinstance(v, int))
    print(f"   rows: {rows}")
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        print(f"   file: {size / 1e6:,.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["default", "1000000", "10000000"],
                        help="incident totals to try; 'default' = the generator's default")
    parser.add_argument("--db-url", default=None,
                        help="database to use instead of fresh SQLite files")
    args = parser.parse_args()
    for size in args.sizes:
        incidents = None if size == "default" else int(size.replace("_", ""))
        if args.db_url:
            run(args.db_url, incidents)
            continue
        with tempfile.TemporaryDirectory(prefix="jukwaa-bench-") as tmp:
            run(f"sqlite:///{Path(tmp) / 'bench.db'}", incidents)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
