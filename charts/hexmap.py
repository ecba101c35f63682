"""The hexagon hotspot map: H3 cells (counted on the server) over county outlines.

A pure function from a DataFrame of cells to a ``pydeck.Deck``; nothing is fetched by the
browser: the deck has no base map (``map_provider=None`` with pydeck's ``__MAP_STYLE__``
placeholder, which Streamlit drops without substituting its Carto default).

What travels to the browser is kept small: one record per cell (no colours: the fixed
classes are turned into one colour expression evaluated in the browser), and the deck is
serialised as compact JSON (pydeck indents by default, which quintuples the county
outlines).
"""

from __future__ import annotations

import html
import json
import math

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from charts.classes import HEX_SCHEME, ClassScheme

HEX_LAYER_ID = "hexes"
COUNTY_LAYER_ID = "counties"
OUTLINE_LAYER_ID = "county_outlines"

# pydeck's placeholder style: Streamlit's frontend deletes it and, because it was given,
# does not fall back to a Carto basemap (map_style=None would fetch one).
NO_BASEMAP_STYLE = "__MAP_STYLE__"

HEX_ALPHA = 215
_LAND_FILL = [236, 240, 239, 140]
_OUTLINE = [70, 80, 78, 255]


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation (Streamlit sends ``to_json()`` as is)."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize,
                          separators=(",", ":"))


def hex_to_rgba(color: str, alpha: int = 255) -> list[int]:
    """'#fd8d3c' → [253, 141, 60, alpha]."""
    c = color.lstrip("#")
    if len(c) != 6:
        raise ValueError(f"expected a colour like '#fd8d3c', got {color!r}")
    return [int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16), alpha]


def color_expression(scheme: ClassScheme, field: str = "count", alpha: int = HEX_ALPHA) -> str:
    """A deck.gl expression giving each row the colour of its fixed class, e.g.
    ``count >= 250 ? [177,0,38,215] : count >= 100 ? [...] : [...]`` (lower edges
    inclusive, like :meth:`ClassScheme.classify`)."""
    rgba = [hex_to_rgba(c, alpha) for c in scheme.colors]
    expr = json.dumps(rgba[0], separators=(",", ":"))
    for lower, colour in zip(scheme.edges[1:-1], rgba[1:], strict=True):
        if math.isinf(lower):
            continue
        expr = f"{field} >= {lower:g} ? {json.dumps(colour, separators=(',', ':'))} : {expr}"
    return expr


def hex_cell_records(cells: pd.DataFrame) -> list[dict]:
    """The rows the hexagon layer draws: ``hex``, ``count``, ``county_code`` and ``tip``.

    ``cells`` has columns ``hex`` (H3 string), ``count`` and optionally ``county_code``
    and ``county`` (see data_access.hotspots.hex_hotspots).
    """
    codes = cells["county_code"] if "county_code" in cells else [None] * len(cells)
    names = cells["county"] if "county" in cells else [None] * len(cells)
    out = []
    for h, n, code, name in zip(cells["hex"], cells["count"], codes, names, strict=True):
        tip = f"{int(n):,} incident{'s' if n != 1 else ''}" + (f" · {name}" if name else "")
        out.append({"hex": h, "count": int(n), "county_code": code, "tip": tip})
    return out


def _with_tips(geojson: dict) -> dict:
    """County features carrying only what the map needs (id, name and a tooltip line)."""
    features = []
    for f in geojson["features"]:
        name = f["properties"].get("name", f["id"])
        features.append({"type": "Feature", "id": f["id"], "geometry": f["geometry"],
                         "properties": {"code": f["id"], "name": name, "tip": name}})
    return {"type": "FeatureCollection", "features": features}


def hex_deck(cells: pd.DataFrame, geojson: dict, *, center: dict[str, float], zoom: float,
             scheme: ClassScheme = HEX_SCHEME, height: int = 560) -> pdk.Deck:
    """A deck of three layers: county land (pickable: a click opens the county), the H3
    hexagons coloured by fixed classes (pickable: a click opens the county holding most
    of the cell's incidents), and county outlines on top (not pickable).

    ``cells``: columns ``hex``, ``count`` (and ``county_code``, ``county``).
    ``geojson``: the counties FeatureCollection (feature ``id`` = county code).
    Tooltips read one ``tip`` field, so counties and cells share one template.
    """
    counties = _with_tips(geojson)
    layers = [
        pdk.Layer("GeoJsonLayer", id=COUNTY_LAYER_ID, data=counties, pickable=True,
                  stroked=False, filled=True, get_fill_color=_LAND_FILL),
        pdk.Layer("H3HexagonLayer", id=HEX_LAYER_ID, data=hex_cell_records(cells),
                  get_hexagon="hex", get_fill_color=color_expression(scheme), pickable=True,
                  stroked=False, extruded=False, filled=True),
        pdk.Layer("GeoJsonLayer", id=OUTLINE_LAYER_ID, data=counties, pickable=False,
                  stroked=True, filled=False, get_line_color=_OUTLINE,
                  line_width_min_pixels=1),
    ]
    view = pdk.ViewState(latitude=center["lat"], longitude=center["lon"], zoom=zoom,
                         height=height)
    return CompactDeck(layers=layers, initial_view_state=view, map_provider=None,
                       map_style=NO_BASEMAP_STYLE, tooltip={"text": "{tip}"})


def legend_html(scheme: ClassScheme, title: str) -> str:
    """A one-line HTML legend (coloured squares and labels) for a pydeck map."""
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:14px">'
        f'<span style="display:inline-block;width:16px;height:16px;background:{c};'
        f'border:1px solid #888;margin-right:5px"></span>{html.escape(label)}</span>'
        for label, c in zip(scheme.labels, scheme.colors, strict=True)
    )
    return (f'<div style="font-size:0.9rem;line-height:1.8"><b>{html.escape(title)}</b>: '
            f"{items}</div>")
