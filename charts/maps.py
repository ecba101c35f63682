"""County maps: plotly choropleths on a blank base (no tiles are fetched)."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from charts.classes import ClassScheme


def county_choropleth(df: pd.DataFrame, geojson: dict, *, class_col: str,
                      scheme: ClassScheme, hover: dict[str, bool | str],
                      center: dict[str, float], zoom: float, legend_title: str,
                      height: int = 620) -> go.Figure:
    """A choropleth of counties coloured by fixed classes.

    ``df`` has one row per county with ``county_code`` (matching the GeoJSON feature ids),
    ``county`` and the class label column ``class_col`` (see ``ClassScheme.classify``).
    ``hover`` is plotly's hover_data mapping (column → True or a format string).
    The base map is ``white-bg``: nothing is loaded from a tile server.
    """
    # Every class gets a legend entry even when no county falls in it, so the legend is
    # the same on every screenshot: rows with an id that matches no shape draw nothing.
    missing = [c for c in scheme.order() if c not in set(df[class_col])]
    legend_rows = pd.DataFrame({"county_code": [f"legend-{i}" for i in range(len(missing))],
                                "county": missing, class_col: missing})
    df = pd.concat([df, legend_rows], ignore_index=True)
    fig = px.choropleth_map(
        df, geojson=geojson, locations="county_code", featureidkey="id",
        color=class_col, color_discrete_map=scheme.color_map(),
        category_orders={class_col: scheme.order()}, hover_name="county",
        hover_data=hover, map_style="white-bg", center=center, zoom=zoom, opacity=0.9,
    )
    fig.update_traces(marker_line_width=0.6, marker_line_color="#555555")
    fig.update_layout(
        height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"title": {"text": legend_title}, "yanchor": "top", "y": 0.98, "xanchor": "left",
                "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 14}},
        uirevision="county-map",
    )
    return fig


def _outer_rings(geometry: dict) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" \
        else geometry["coordinates"]
    return [poly[0] for poly in polygons]  # outer rings (the boundaries have no holes)


def outline_xy(features: list[dict]) -> tuple[list, list]:
    """The outlines of GeoJSON polygon ``features`` as plotly x/y lists (rings separated
    by None): for maps drawn as plain shapes, with no map tiles (print and small
    multiples)."""
    xs: list = []
    ys: list = []
    for feature in features:
        for ring in _outer_rings(feature["geometry"]):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    return xs, ys
