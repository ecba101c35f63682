"""Measure importing incidents into SQLite: ``python scripts/benchmark_import.py``.

Writes a CSV of N seeded incidents (default 1,000,000: dates over three years, the 47
counties weighted by population, 17 categories, points inside their county, external ids)
and imports it into a fresh SQLite file exactly as ``python -m data_access import
incidents FILE`` does, then imports it a second time (nothing may change). Prints the
file size, the time of each step and the rows per second, and the command to repeat it.

Options: ``--rows N``, ``--seed S``, ``--workdir DIR`` (default: a temporary folder),
``--keep`` (leave the CSV and database there).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data_access import clock, reference  # noqa: E402
from data_access.engine import data_version, get_engine, init_db  # noqa: E402
from data_access.imports import import_file  # noqa: E402
from data_access.imports.validate import _county_shapes  # noqa: E402


def make_csv(path: Path, rows: int, seed: int) -> None:
    """A realistic incidents file: every row valid, coordinates inside the county."""
    rng = np.random.default_rng(seed)
    counties = reference.counties()
    pop = np.array([c.population_2019 for c in counties], dtype=float)
    county_idx = rng.choice(len(counties), size=rows, p=pop / pop.sum())
    cats = [c.name for c in reference.CRIME_CATEGORIES]
    mix = np.array([reference.NATIONAL_2021_BY_CATEGORY[c.code]
                    for c in reference.CRIME_CATEGORIES], dtype=float)
    cat_idx = rng.choice(len(cats), size=rows, p=mix / mix.sum())
    end = clock.today().replace(day=1) - dt.timedelta(days=1)
    days = rng.integers(0, 3 * 365, size=rows)
    dates = pd.to_datetime(end) - pd.to_timedelta(days, unit="D")
    lat = np.empty(rows)
    lon = np.empty(rows)
    shapes = _county_shapes()
    for i, county in enumerate(counties):
        idx = np.flatnonzero(county_idx == i)
        geom = shapes[county.code]
        x0, y0, x1, y1 = shapely.bounds(geom)
        got_x: list[np.ndarray] = []
        got_y: list[np.ndarray] = []
        need = len(idx)
        while need > 0:
            xs = rng.uniform(x0, x1, size=need * 3 + 10)
            ys = rng.uniform(y0, y1, size=need * 3 + 10)
            inside = shapely.contains_xy(geom, xs, ys)
            got_x.append(xs[inside][:need])
            got_y.append(ys[inside][:need])
            need -= int(min(inside.sum(), need))
        lon[idx] = np.round(np.concatenate(got_x), 5)
        lat[idx] = np.round(np.concatenate(got_y), 5)
    frame = pd.DataFrame({
        "occurred_on": dates.strftime("%Y-%m-%d"),
        "county": [counties[i].name for i in county_idx],
        "category": [cats[i] for i in cat_idx],
        "latitude": lat,
        "longitude": lon,
        "external_id": [f"BENCH-{seed}-{i:08d}" for i in range(rows)],
    })
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--workdir", type=Path, default=None)
    p.add_argument("--keep", action="store_true")
    args = p.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="jukwaa_bench_"))
    workdir.mkdir(parents=True, exist_ok=True)
    csv_path, db_path = workdir / "incidents.csv", workdir / "bench.db"
    for f in (db_path, db_path.with_suffix(".db-wal"), db_path.with_suffix(".db-shm")):
        f.unlink(missing_ok=True)

    started = time.perf_counter()
    make_csv(csv_path, args.rows, args.seed)
    made = time.perf_counter() - started
    size_mb = csv_path.stat().st_size / 1e6
    print(f"file: {csv_path} — {args.rows:,} rows, {size_mb:,.1f} MB (made in {made:.1f} s)")

    engine = get_engine(f"sqlite:///{db_path}")
    init_db(engine)
    data = csv_path.read_bytes()
    # The size limit is a setting; the benchmark file may exceed a small configured one.
    os.environ["JUKWAA_MAX_UPLOAD_MB"] = str(max(int(size_mb) + 1, 50))

    started = time.perf_counter()
    first = import_file(engine, kind="incidents", data=data, filename=csv_path.name)
    t1 = time.perf_counter() - started
    if not first.written:
        print("import refused:", first.summary_line)
        for problem in first.problems[:20]:
            print(" ", problem.text())
        return 1
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT COUNT(*) FROM incidents")).scalar_one()
        agg = conn.execute(sa.text("SELECT SUM(count) FROM crime_agg")).scalar_one()
    version = data_version(engine)
    cpu = sum(c for _w, c in first.timings.values())
    print(f"first import:  {t1:6.1f} s wall, {cpu:.1f} s CPU — {first.summary_line}")
    print("               steps (wall / CPU s): " + ", ".join(
        f"{k} {w:.1f}/{c:.1f}" for k, (w, c) in first.timings.items()))
    print(f"               {args.rows / t1:,.0f} rows/s; {stored:,} incidents stored, "
          f"crime_agg sums to {agg:,}")

    started = time.perf_counter()
    second = import_file(engine, kind="incidents", data=data, filename=csv_path.name)
    t2 = time.perf_counter() - started
    unchanged = data_version(engine) == version
    cpu2 = sum(c for _w, c in second.timings.values())
    print(f"second import: {t2:6.1f} s wall, {cpu2:.1f} s CPU — {second.summary_line}; "
          f"database unchanged: {unchanged}")
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} while measuring (wall "
          "time grows with other work on the machine; CPU time does not)")
    print(f"verdict: {'PASS' if t1 < 60 and unchanged else 'FAIL'} (target: under 60 s)")
    print(f"command: python scripts/benchmark_import.py --rows {args.rows} --seed {args.seed}")
    engine.dispose()
    if not args.keep and args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if t1 < 60 and unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
