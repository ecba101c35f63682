"""Figures for the presenter view (views/present.py): large type and strong colours for a
projector at 1920×1080, drawn as plain plotly shapes (no map tiles, nothing fetched)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.maps import outline_xy

INK = "#000000"
ACCENT = "#0F5C55"  # the app's primary colour (.streamlit/config.toml)
HIGHLIGHT = "#D55E00"  # vermilion: readable beside the teal for colour-blind viewers
REGION_FILL = "#9CC9C2"
OTHER_FILL = "#EDEDED"
FONT = {"family": "sans-serif", "size": 24, "color": INK}


def _bounds(features: list[dict]) -> tuple[float, float, float, float]:
    xs, ys = outline_xy(features)
    xs = [x for x in xs if x is not None]
    ys = [y for y in ys if y is not None]
    return min(xs), min(ys), max(xs), max(ys)


def region_map(geojson: dict, *, region_codes: list[str], highlight: list[str],
               labels: pd.DataFrame, height: int = 760) -> go.Figure:
    """The region's counties (``region_codes``) filled, the ``highlight`` counties in a
    strong colour, every other county of Kenya a pale shape for context; the names in
    ``labels`` (columns ``code, name, lon, lat``: e.g. the region's rows of
    ``geo.boundaries.county_centroids``) written at their points.

    ``geojson`` is ``geo.boundaries.counties_geojson()`` (feature ``id`` = county code).
    Framed on the region with a margin; no axes, no grid, no tiles.
    """
    features = geojson["features"]
    in_region = [f for f in features if f["id"] in set(region_codes)]
    fig = go.Figure()
    for feature in features:
        code = feature["id"]
        if code in set(highlight):
            fill, line, width = HIGHLIGHT, INK, 3
        elif code in set(region_codes):
            fill, line, width = REGION_FILL, INK, 1.5
        else:
            fill, line, width = OTHER_FILL, "#9A9A9A", 0.8
        xs, ys = outline_xy([feature])
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=fill,
                                 line={"color": line, "width": width}, hoverinfo="skip",
                                 showlegend=False))
    strong = labels["code"].isin(list(highlight))
    fig.add_trace(go.Scatter(
        x=labels["lon"], y=labels["lat"], mode="text", text=labels["name"], showlegend=False,
        hoverinfo="skip",
        textfont={"size": [34 if s else 22 for s in strong], "family": "sans-serif",
                  "color": ["#FFFFFF" if s else INK for s in strong]}))
    x0, y0, x1, y1 = _bounds(in_region or features)
    pad_x, pad_y = (x1 - x0) * 0.08 + 0.05, (y1 - y0) * 0.08 + 0.05
    fig.update_layout(
        height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0}, font=FONT,
        plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF", dragmode=False,
        xaxis={"visible": False, "range": [x0 - pad_x, x1 + pad_x], "fixedrange": True},
        yaxis={"visible": False, "range": [y0 - pad_y, y1 + pad_y], "fixedrange": True,
               "scaleanchor": "x", "scaleratio": 1},
    )
    return fig


def trend_chart(df: pd.DataFrame, *, current_label: str, previous_label: str,
                y_title: str, height: int = 620) -> go.Figure:
    """Crimes per month (solid) beside the same month a year earlier (dashed), in large
    type. ``df`` columns: ``month_label`` (the x labels, already in the screen's
    language), ``count``, ``previous_year`` (NaN = no data: a gap, never 0),
    ``count_display``, ``previous_year_display``."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=df["month_label"], y=df["previous_year"], name=previous_label, mode="lines",
        connectgaps=False, line={"color": "#555555", "dash": "dash", "width": 4},
        text=df["previous_year_display"], hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=df["month_label"], y=df["count"], name=current_label, mode="lines+markers",
        connectgaps=False, line={"color": ACCENT, "width": 6}, marker={"size": 14},
        text=df["count_display"], hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_layout(
        height=height, margin={"l": 20, "r": 20, "t": 20, "b": 20}, font=FONT,
        plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF", hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0,
                "font": {"size": 26}},
        yaxis={"title": {"text": y_title, "font": {"size": 24}}, "rangemode": "tozero",
               "gridcolor": "#D0D0D0", "tickformat": ",d", "tickfont": {"size": 22}},
        xaxis={"type": "category", "tickfont": {"size": 22}, "gridcolor": "#EEEEEE"},
    )
    return fig
