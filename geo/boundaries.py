"""County boundaries in geopandas vocabulary, from the files bundled in ``geo/data``.

Everything here is read from the repository (never from the network or from outside it):
``kenya_counties_geoboundaries.geojson`` for shapes and ``kenya_counties.csv`` (through
:func:`data_access.reference.counties`) for names, regions, population and land area.
Provenance and licences are in ``geo/data/SOURCES.md``; :data:`ATTRIBUTION` is read from
there so the credit line shown in the app is never retyped.

Polygons include lake water (Lake Victoria, Lake Turkana), so densities and rates use
``area_km2`` from the CSV, never the polygon area.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping, shape
from shapely.ops import polylabel

from data_access import reference

DATA_DIR = Path(__file__).resolve().parent / "data"
BOUNDARIES_FILE = DATA_DIR / "kenya_counties_geoboundaries.geojson"
SOURCES_FILE = DATA_DIR / "SOURCES.md"
CRS = "EPSG:4326"

# Kenya's extent (lon/lat) with a little margin: a sanity bound for every geometry we serve.
KENYA_BBOX = (33.8, -4.8, 42.0, 5.5)

# Plotly's map traces (MapLibre) draw a 512-pixel world at zoom 0. The default frame
# matches a map column of about 700 x 450 pixels; callers with other sizes can say so.
_WORLD_PX = 512.0
_MIN_ZOOM, _MAX_ZOOM = 3.0, 11.0


def _read_attribution(path: Path = SOURCES_FILE) -> str:
    """The line after "Attribution to show in the app" in SOURCES.md, without quotes."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if "Attribution to show in the app" in line:
            for following in lines[i + 1:]:
                if following.strip():
                    return following.strip().strip('"“”').strip()
    raise RuntimeError(f"{path} has no 'Attribution to show in the app' line")


ATTRIBUTION: str = _read_attribution()


def _polygonal(geom):
    """Repair an invalid geometry, keeping only its polygon parts."""
    fixed = shapely.make_valid(geom, method="structure", keep_collapsed=False)
    parts = [p for p in shapely.get_parts(fixed) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


@lru_cache(maxsize=1)
def _boundaries() -> gpd.GeoDataFrame:
    with BOUNDARIES_FILE.open(encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    codes = [str(f["properties"]["code"]).zfill(3) for f in features]
    geoms = np.array([shape(f["geometry"]) for f in features], dtype=object)

    counties = {c.code: c for c in reference.counties()}
    missing, extra = sorted(set(counties) - set(codes)), sorted(set(codes) - set(counties))
    if missing or extra or len(set(codes)) != len(codes) or len(codes) != len(counties):
        raise ValueError(
            f"{BOUNDARIES_FILE.name} does not match kenya_counties.csv: "
            f"missing codes {missing}, unknown codes {extra}, {len(codes)} features "
            f"for {len(counties)} counties"
        )
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():  # the bundled file is valid; a replacement file may not be
        geoms[invalid] = [_polygonal(g) for g in geoms[invalid]]
        still = [codes[i] for i in np.flatnonzero(~shapely.is_valid(geoms))]
        if still:
            raise ValueError(f"County geometries could not be repaired: {still}")

    regions = {r.code: r.name for r in reference.REGIONS}
    rows = [counties[code] for code in codes]
    gdf = gpd.GeoDataFrame(
        {
            "code": pd.array(codes, dtype="str"),
            "name": pd.array([c.name for c in rows], dtype="str"),
            "region": pd.array([regions[c.region_code] for c in rows], dtype="str"),
            "region_code": pd.array([c.region_code for c in rows], dtype="str"),
            "population_2019": np.array([c.population_2019 for c in rows], dtype="int64"),
            "area_km2": np.array([c.area_km2 for c in rows], dtype="float64"),
        },
        geometry=gpd.GeoSeries(geoms, crs=CRS),
    )
    return gdf.sort_values("code", ignore_index=True)


def county_boundaries() -> gpd.GeoDataFrame:
    """The 47 county polygons, validated, one row per county, sorted by code.

    Columns: ``code`` (``"001"``–``"047"``), ``name``, ``region`` (NGAO region name),
    ``region_code``, ``population_2019`` (KNBS 2019 census), ``area_km2`` (KNBS land
    area: use it for densities, the polygons include lake water), ``geometry``
    (Polygon/MultiPolygon, EPSG:4326). Loaded once; each call returns a copy.
    """
    return _boundaries().copy()


def _simplified_coverage(geoms: np.ndarray, tolerance: float) -> list:
    """Simplify county polygons without opening gaps or overlaps between neighbours.

    Simplifying each polygon on its own moves a shared border differently on either
    side. Instead the borders are simplified once, as a network of arcs between the
    points where three counties meet (Douglas-Peucker, topology preserving so no arc
    crosses another), then cut back into faces, and each face is handed to the county
    it overlaps most. Islets smaller than a square with the tolerance as side (about
    0.3 km² at the default) are left out: a speck at any zoom the app uses. A county
    always keeps its largest part.
    """
    arcs = shapely.line_merge(shapely.union_all(shapely.boundary(geoms)))
    simplified = shapely.simplify(arcs, tolerance, preserve_topology=True)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(simplified)))
    tree = shapely.STRtree(geoms)
    owned: list[list] = [[] for _ in geoms]
    for face in faces:
        candidates = tree.query(face, predicate="intersects")
        overlap = shapely.area(shapely.intersection(geoms[candidates], face))
        owned[candidates[int(np.argmax(overlap))]].append(face)
    speck = tolerance**2
    out = []
    for i, parts in enumerate(owned):
        if not parts:
            raise ValueError(f"County {i} vanished when simplified at tolerance {tolerance}")
        areas = shapely.area(parts)
        kept = [p for p, a in zip(parts, areas) if a >= speck or a == areas.max()]
        out.append(kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept))
    return out


@lru_cache(maxsize=8)
def _geojson_text(tolerance: float) -> str:
    gdf = _boundaries()
    geoms = gdf.geometry.to_numpy()
    if tolerance > 0:
        geoms = np.array(_simplified_coverage(geoms, tolerance), dtype=object)
    # 5 decimals (about 1 m) is the precision of the source file; rounding a shared
    # vertex gives the same result on both sides, so borders stay shared.
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, 5))
    features = [
        {"type": "Feature", "id": code, "properties": {"code": code, "name": name},
         "geometry": mapping(g)}
        for code, name, g in zip(gdf["code"], gdf["name"], geoms)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":"), ensure_ascii=False)


def counties_geojson(tolerance: float = 0.005) -> dict:
    """A simplified GeoJSON FeatureCollection of the counties for plotly maps.

    Every feature has ``id`` = county code (use ``featureidkey="id"``) and properties
    ``code`` and ``name``. ``tolerance`` is in degrees (0.005° ≈ 550 m, invisible at
    national zoom); 0 returns the full-detail shapes. Neighbouring counties still share
    their borders exactly. Built once per tolerance; each call returns a fresh dict.
    """
    if tolerance < 0 or not math.isfinite(tolerance):
        raise ValueError(f"tolerance must be a finite number of degrees >= 0, got {tolerance}")
    return json.loads(_geojson_text(float(tolerance)))


def geojson_bytes(tolerance: float = 0.005) -> int:
    """Size in bytes of :func:`counties_geojson` as compact UTF-8 JSON (what the browser gets)."""
    return len(_geojson_text(float(tolerance)).encode("utf-8"))


def _label_point(geom) -> shapely.Point:
    """A point well inside the county's largest part (pole of inaccessibility)."""
    parts = shapely.get_parts(geom)
    largest = parts[int(np.argmax(shapely.area(parts)))]
    point = polylabel(largest, tolerance=0.001)
    return point if largest.contains(point) else largest.representative_point()


@lru_cache(maxsize=1)
def _centroids() -> pd.DataFrame:
    gdf = _boundaries()
    points = [_label_point(g) for g in gdf.geometry]
    return pd.DataFrame({
        "code": gdf["code"].to_numpy(),
        "name": gdf["name"].to_numpy(),
        "lon": np.array([p.x for p in points]),
        "lat": np.array([p.y for p in points]),
    }).astype({"code": "str", "name": "str"})


def county_centroids() -> pd.DataFrame:
    """One label point per county, inside its polygon: columns code, name, lon, lat.

    The point is the pole of inaccessibility of the county's largest part (the spot
    farthest from its border), which suits labels and markers better than a centroid,
    which can fall outside a curved county or into a lake.
    """
    return _centroids().copy()


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _inverse_mercator_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def map_view_for(codes: Iterable[str] | None = None, *, width_px: int = 700,
                 height_px: int = 450, padding: float = 0.08) -> dict[str, float]:
    """Centre and zoom that fit the given counties in a plotly map of the given size.

    ``codes`` are county codes ("047"; "47" and 47 are accepted); none (or empty) frames
    all of Kenya. ``padding`` is the share of the frame left free around the counties.
    Returns ``{"lat": ..., "lon": ..., "zoom": ...}``; use ``center={"lat", "lon"}`` and
    ``zoom`` in ``px.choropleth_map``. Unknown codes raise ValueError naming them.
    """
    gdf = _boundaries()
    wanted = sorted({str(c).strip().zfill(3) for c in (codes or ())})
    if wanted:
        unknown = sorted(set(wanted) - set(gdf["code"]))
        if unknown:
            raise ValueError(f"Not county codes: {', '.join(unknown)} (codes run 001 to 047)")
        gdf = gdf[gdf["code"].isin(wanted)]
    lon0, lat0, lon1, lat1 = (float(v) for v in gdf.total_bounds)
    y0, y1 = _mercator_y(lat0), _mercator_y(lat1)
    usable = max(1e-6, 1.0 - 2 * padding)
    # Pixels per degree of longitude at zoom z: 512 * 2**z / 360 (and 2π for mercator y).
    zoom_x = math.log2(width_px * usable * 360.0 / (_WORLD_PX * max(lon1 - lon0, 1e-6)))
    zoom_y = math.log2(height_px * usable * 2 * math.pi / (_WORLD_PX * max(y1 - y0, 1e-9)))
    zoom = min(max(min(zoom_x, zoom_y), _MIN_ZOOM), _MAX_ZOOM)
    return {
        "lat": round(_inverse_mercator_y((y0 + y1) / 2), 4),
        "lon": round((lon0 + lon1) / 2, 4),
        "zoom": round(zoom, 2),
    }
