"""Time the Hotspots page's queries and measure what the hexagon layer sends to the browser.

    python -m data_access demo --incidents 1000000 --db sqlite:////tmp/hotspots_1m.db
    python scripts/benchmark_hotspots.py --db sqlite:////tmp/hotspots_1m.db

Prints, for the last 12 months of data: the incidents in the database, the time of each
hotspot query (cold: caches cleared, and warm: served from the cache), the size of the
hexagon map's JSON (cells plus county outlines, as Streamlit sends it) and, for
comparison, the size the raw incident points of the same period would have had.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shlex
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from charts.hexmap import hex_deck  # noqa: E402
from data_access import reference  # noqa: E402
from data_access import schema as s  # noqa: E402
from data_access.cache import clear_caches  # noqa: E402
from data_access.engine import describe, get_engine  # noqa: E402
from data_access.figures.coverage import latest_complete_month  # noqa: E402
from data_access.figures.scope import Audience, Period, Scope  # noqa: E402
from data_access.hotspots import (  # noqa: E402
    MAP_MODES,
    county_map_frame,
    hex_hotspot_summary,
    hex_hotspots,
)
from geo.boundaries import counties_geojson, map_view_for  # noqa: E402

RIFT_VALLEY = tuple(c.code for c in reference.counties() if c.region_code == "rift_valley")
SENSITIVE = tuple(c.code for c in reference.CRIME_CATEGORIES if c.sensitive)


def _timed(fn, repeat: int) -> tuple[float, float, object]:
    """(cold ms, median warm ms, result): cold after clearing every query cache."""
    clear_caches()
    t0 = time.perf_counter()
    result = fn()
    cold = (time.perf_counter() - t0) * 1000
    warm = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        warm.append((time.perf_counter() - t0) * 1000)
    return cold, statistics.median(warm), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLAlchemy URL (default: JUKWAA_DB_URL)")
    parser.add_argument("--months", type=int, default=12, help="length of the period")
    parser.add_argument("--repeat", type=int, default=5, help="warm runs per query")
    args = parser.parse_args(argv)
    engine = get_engine(args.db)

    last = latest_complete_month(engine=engine)
    if last is None:
        parser.error("the database holds no complete month of crime data")
    period = Period.months_to(last, args.months)
    start, end = period.start, period.end
    earlier = period.comparison
    with engine.connect() as conn:
        incidents = conn.execute(sa.select(sa.func.count()).select_from(s.incidents)).scalar()
        hex_rows = conn.execute(sa.select(sa.func.count()).select_from(s.hex_cells)).scalar()
        points = conn.execute(
            sa.select(s.incidents.c.latitude, s.incidents.c.longitude)
            .where(s.incidents.c.occurred_on.between(start, end),
                   s.incidents.c.latitude.is_not(None))
        ).fetchall()

    print(f"command:  {shlex.join([sys.executable, *sys.argv])}")
    print(f"database: {describe(str(engine.url))}")
    print(f"data:     {incidents:,} incidents in total; hex_cells aggregate {hex_rows:,} rows "
          f"(cell × county × category × month)")
    print(f"period:   {start} – {end} ({args.months} months); compared with {earlier.start} – "
          f"{earlier.end}; {len(points):,} incident points with coordinates in the period")
    print()

    # The hexagon layer is internal only (the public audience raises NotForPublic).
    common = {"engine": engine, "start": start, "end": end, "audience": Audience.INTERNAL}
    queries = {
        "hex cells, Kenya": lambda: hex_hotspots(**common),
        "hex cells, Kenya, sensitive category": lambda: hex_hotspots(
            **common, categories=SENSITIVE),
        "hex cells, Rift Valley, 2 categories": lambda: hex_hotspots(
            **common, categories=("robbery", "theft_of_stock"),
            county_codes=RIFT_VALLEY),
        "hex summary, Kenya": lambda: hex_hotspot_summary(**common),
    }
    for mode in MAP_MODES:
        queries[f"county map, mode {mode}"] = (
            lambda m=mode: county_map_frame(engine=engine, mode=m,
                                            scope=Scope(period, Audience.INTERNAL)))
    print(f"{'query':44} {'cold ms':>9} {'warm ms':>9} {'rows':>7}")
    results = {}
    for name, fn in queries.items():
        cold, warm, out = _timed(fn, args.repeat)
        results[name] = out
        print(f"{name:44} {cold:9.1f} {warm:9.2f} {len(out):7,}")

    cells = results["hex cells, Kenya"]
    view = map_view_for(())
    geojson = counties_geojson()
    deck_json = hex_deck(cells, geojson, center={"lat": view["lat"], "lon": view["lon"]},
                         zoom=view["zoom"]).to_json()
    outlines_only = hex_deck(cells.iloc[0:0], geojson, center={"lat": 0, "lon": 0},
                             zoom=5).to_json()
    raw = json.dumps([[round(lat, 5), round(lon, 5)] for lat, lon in points],
                     separators=(",", ":"))
    size = len(deck_json.encode())
    print()
    print(f"hexagon map payload (pydeck JSON sent to the browser): {size:,} bytes "
          f"({len(gzip.compress(deck_json.encode())):,} gzipped) for {len(cells):,} cells")
    print(f"  of which county outlines: {len(outlines_only.encode()):,} bytes; cells: "
          f"{size - len(outlines_only.encode()):,} bytes")
    print(f"raw points instead (lat/lon pairs only, never sent): {len(raw.encode()):,} bytes "
          f"({len(gzip.compress(raw.encode())):,} gzipped) for {len(points):,} points")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
