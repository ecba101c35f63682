"""Map helpers shared by pages."""

from __future__ import annotations

from geo.boundaries import map_view_for


def map_view(county_codes) -> dict:
    """``center``/``zoom`` keywords for charts.maps.county_choropleth framing the counties
    in scope (all Kenya when none)."""
    v = map_view_for(tuple(county_codes))
    return {"center": {"lat": v["lat"], "lon": v["lon"]}, "zoom": v["zoom"]}
