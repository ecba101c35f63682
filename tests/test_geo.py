"""County geography: bundled boundaries load valid, simplified shapes stay a clean coverage,
label points sit inside their counties and map views frame what was asked for."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from geo import boundaries
from geo.boundaries import (
    ATTRIBUTION,
    KENYA_BBOX,
    counties_geojson,
    county_boundaries,
    county_centroids,
    geojson_bytes,
    map_view_for,
)

with (boundaries.DATA_DIR / "kenya_counties.csv").open(newline="", encoding="utf-8") as _fh:
    CSV_ROWS = list(csv.DictReader(_fh))
CSV_CODES = [r["code"] for r in CSV_ROWS]


def _inside_kenya(geoms) -> bool:
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    x0, y0, x1, y1 = KENYA_BBOX
    return x0 <= minx and y0 <= miny and maxx <= x1 and maxy <= y1


def test_boundaries_have_47_valid_counties_matching_the_csv():
    gdf = county_boundaries()
    assert len(gdf) == 47
    assert list(gdf.columns) == ["code", "name", "region", "region_code", "population_2019",
                                 "area_km2", "geometry"]
    assert gdf.crs.to_epsg() == 4326
    assert gdf["code"].tolist() == CSV_CODES
    assert gdf["code"].is_unique
    assert all(len(c) == 3 for c in gdf["code"])
    assert shapely.is_valid(gdf.geometry.to_numpy()).all()
    assert set(gdf.geom_type) == {"Polygon", "MultiPolygon"}
    assert _inside_kenya(gdf.geometry.to_numpy())
    by_code = {r["code"]: r for r in CSV_ROWS}
    for row in gdf.itertuples():
        assert row.name == by_code[row.code]["name"]
        assert row.region == by_code[row.code]["region"]
        assert row.population_2019 == int(by_code[row.code]["population_2019"])
        assert row.area_km2 == float(by_code[row.code]["area_km2"])
    # KNBS totals recorded in SOURCES.md
    assert gdf["population_2019"].sum() == 47_564_296
    assert gdf["area_km2"].sum() == pytest.approx(580_876.5)
    nairobi = gdf.set_index("code").loc["047"]
    assert (nairobi["name"], nairobi["region"]) == ("Nairobi", "Nairobi")


def test_boundaries_are_a_copy_each_time():
    first = county_boundaries()
    first.loc[0, "name"] = "changed"
    assert county_boundaries().loc[0, "name"] == "Mombasa"


def test_original_shapes_form_a_clean_coverage():
    assert shapely.coverage_is_valid(county_boundaries().geometry.to_numpy())


def test_invalid_geometry_is_repaired_with_structure_method():
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])
    assert not bowtie.is_valid
    fixed = boundaries._polygonal(bowtie)
    assert fixed.is_valid and fixed.area == pytest.approx(2.0)


@pytest.mark.parametrize(("tolerance", "max_area_change"), [(0.002, 0.02), (0.005, 0.05),
                                                           (0.01, 0.10)])
def test_simplified_geojson_is_valid_and_shares_borders(tolerance, max_area_change):
    fc = counties_geojson(tolerance)
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == 47
    assert [f["id"] for f in fc["features"]] == CSV_CODES
    names = {r["code"]: r["name"] for r in CSV_ROWS}
    for f in fc["features"]:
        assert f["properties"] == {"code": f["id"], "name": names[f["id"]]}
    geoms = np.array([shape(f["geometry"]) for f in fc["features"]])
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert _inside_kenya(geoms)
    # Neighbours still meet exactly: no slivers or overlaps between counties.
    assert shapely.coverage_is_valid(geoms)
    # Each simplified county keeps its shape: its area barely changes (the small coastal
    # counties, Mombasa first, move most) and its label point stays inside it.
    original = county_boundaries().geometry.to_numpy()
    ratio = shapely.area(geoms) / shapely.area(original)
    assert np.all(np.abs(ratio - 1) < max_area_change), dict(zip(CSV_CODES, ratio.round(3)))
    cents = county_centroids()
    assert shapely.contains_xy(geoms, cents["lon"].to_numpy(), cents["lat"].to_numpy()).all()


def test_geojson_size_before_and_after_simplification():
    raw = boundaries.BOUNDARIES_FILE.stat().st_size
    full = geojson_bytes(0)
    default = geojson_bytes()
    compact = len(json.dumps(counties_geojson(), separators=(",", ":"),
                             ensure_ascii=False).encode())
    print(f"\nGeoJSON bytes: bundled file {raw:,}; unsimplified {full:,}; "
          f"tolerance 0.002 {geojson_bytes(0.002):,}; 0.005 (default) {default:,}; "
          f"0.01 {geojson_bytes(0.01):,}")
    assert compact == default
    assert default < 150_000
    assert default < full / 3


def test_unsimplified_geojson_keeps_every_vertex():
    geoms = [shape(f["geometry"]) for f in counties_geojson(0)["features"]]
    original = county_boundaries().geometry
    assert all(g.equals(o) for g, o in zip(geoms, original))


def test_geojson_is_a_fresh_dict_each_call():
    first = counties_geojson()
    first["features"].clear()
    assert len(counties_geojson()["features"]) == 47


@pytest.mark.parametrize("bad", [-0.01, float("nan"), float("inf")])
def test_geojson_refuses_a_bad_tolerance(bad):
    with pytest.raises(ValueError, match="tolerance"):
        counties_geojson(bad)


def test_attribution_is_read_from_sources_md():
    text = (boundaries.DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert ATTRIBUTION == ("County boundaries: geoBoundaries (gbOpen, KEN ADM1), via kenya-geo "
                           "© 2026 Raphael Miyoyo, MIT License.")
    assert f'"{ATTRIBUTION}"' in text


def test_attribution_missing_is_a_clear_error(tmp_path):
    path = tmp_path / "SOURCES.md"
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="Attribution to show in the app"):
        boundaries._read_attribution(path)


def test_centroids_lie_inside_their_counties():
    cents = county_centroids()
    assert list(cents.columns) == ["code", "name", "lon", "lat"]
    assert cents["code"].tolist() == CSV_CODES
    gdf = county_boundaries().set_index("code")
    for row in cents.itertuples():
        assert gdf.loc[row.code, "geometry"].contains(shapely.Point(row.lon, row.lat)), row
    nairobi = cents.set_index("code").loc["047"]
    assert nairobi["lat"] == pytest.approx(-1.29, abs=0.1)
    assert nairobi["lon"] == pytest.approx(36.85, abs=0.15)


def test_map_view_for_all_kenya_frames_the_country():
    view = map_view_for([])
    assert set(view) == {"lat", "lon", "zoom"}
    assert view == map_view_for(None)
    assert view["lat"] == pytest.approx(0.37, abs=0.05)
    assert view["lon"] == pytest.approx(37.9, abs=0.05)
    assert 4.0 < view["zoom"] < 5.5


def test_map_view_for_counties_zooms_in_on_them():
    kenya = map_view_for([])
    nairobi = map_view_for(["047"])
    coast = map_view_for(["001", "002", "003", "004", "005", "006"])
    assert nairobi["zoom"] > coast["zoom"] > kenya["zoom"]
    assert nairobi["lat"] == pytest.approx(-1.30, abs=0.05)
    assert nairobi["lon"] == pytest.approx(36.88, abs=0.05)
    assert map_view_for([47]) == map_view_for(["47"]) == nairobi
    # A wider frame fits the same counties at a higher zoom.
    wide = map_view_for(["047"], width_px=1400, height_px=900)
    assert wide["zoom"] == pytest.approx(nairobi["zoom"] + 1, abs=0.01)
    # The centre lies inside the frame of the chosen counties.
    gdf = county_boundaries().set_index("code").loc[["001", "002", "003", "004", "005", "006"]]
    minx, miny, maxx, maxy = gdf.total_bounds
    assert minx < coast["lon"] < maxx and miny < coast["lat"] < maxy


def test_map_view_for_unknown_codes_names_them():
    with pytest.raises(ValueError, match="Not county codes: 048, 999"):
        map_view_for(["047", "048", "999"])
