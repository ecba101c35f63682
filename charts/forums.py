"""Charts of the Forums page: editions on a map and a timeline, attendance by group, the
women's-group and youth share, concerns by theme and commitments per forum.

Pure functions: DataFrame in, plotly Figure out (no Streamlit, no database). Every text
from the data (editions, counties) goes through ``ui.plain.plot_text`` in the caller or
here before it reaches plotly markup; labels are passed in already translated.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from charts.classes import ClassScheme
from ui.plain import plot_text

FONT = {"size": 14}
# Women's groups and youth stand out; the other groups share one quiet colour.
HIGHLIGHT = "#b5367a"
OTHER = "#8c8c8c"
REGION_COLORS = ("#1b7f79", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
                 "#a6761d", "#386cb0")
# Per-forum commitment outcomes (fulfilled green, stalled orange, overdue red, the rest
# grey): the same colours as the status charts of the Commitments page.
OUTCOME_COLORS = {"fulfilled": "#31a354", "stalled": "#fdae6b", "overdue": "#d94801",
                  "other": "#d9d9d9"}

# Forums held in a county in the period. An area with no forum held yet is the scheme's
# "no data" class (grey), never the colour of 0 ("none in period": forums were held
# there before).
FORUMS_SCHEME = ClassScheme(
    edges=(0, 1, 2, 3, math.inf),
    colors=("#f7f7f7", "#c7e9c0", "#74c476", "#238b45"),
    names=("None in period", "1", "2", "3+"),
    no_data="No forum yet",
)


def forums_scheme(none_in_period: str, no_forum_yet: str) -> ClassScheme:
    """:data:`FORUMS_SCHEME` with its two word classes in the page's language."""
    return replace(FORUMS_SCHEME, names=(none_in_period, "1", "2", "3+"),
                   no_data=no_forum_yet)


def forum_map(df: pd.DataFrame, geojson: dict, *, class_col: str, scheme: ClassScheme,
              hover: dict[str, bool | str], center: dict[str, float], zoom: float,
              legend_title: str, height: int = 480) -> go.Figure:
    """Counties coloured by the forums held there (``scheme``: :func:`forums_scheme`),
    on a blank base (``map_style="white-bg"``: no tiles are fetched). ``df``: one row per
    county with ``county_code`` (the GeoJSON ids), ``county`` and ``class_col``. Every
    class of the scheme is in the legend (the same legend on every screenshot), and no
    "hidden" class: forums held are never hidden."""
    order = [*scheme.labels, scheme.no_data]
    colors = {**dict(zip(scheme.labels, scheme.colors, strict=True)),
              scheme.no_data: "#d9d9d9"}
    missing = [c for c in order if c not in set(df[class_col])]
    legend_rows = pd.DataFrame({"county_code": [f"legend-{i}" for i in range(len(missing))],
                                "county": missing, class_col: missing})
    data = pd.concat([df, legend_rows], ignore_index=True)
    data["county"] = data["county"].map(plot_text)
    fig = px.choropleth_map(
        data, geojson=geojson, locations="county_code", featureidkey="id", color=class_col,
        color_discrete_map=colors, category_orders={class_col: order}, hover_name="county",
        hover_data=hover, map_style="white-bg", center=center, zoom=zoom, opacity=0.9,
    )
    fig.update_traces(marker_line_width=0.6, marker_line_color="#555555")
    fig.update_layout(
        height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"title": {"text": legend_title}, "yanchor": "top", "y": 0.98,
                "xanchor": "left", "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 14}},
        uirevision="forum-map",
    )
    return fig


def _dtick(top) -> int | None:
    return 1 if not top or top != top or top <= 6 else None


def forum_timeline_chart(df: pd.DataFrame, *, region_col: str, size_col: str | None,
                         hover_col: str, region_order: list[str],
                         height: int | None = None) -> go.Figure:
    """The editions on a timeline: one marker per forum (or per region-month on a public
    screen) at its date (``held_on``) on its region's row, sized by ``size_col`` (e.g.
    attendance; fixed size when None), with ``hover_col`` as the hover text."""
    fig = go.Figure()
    for i, region in enumerate(region_order):
        grp = df[df[region_col] == region]
        if grp.empty:
            continue
        size = (pd.to_numeric(grp[size_col], errors="coerce").fillna(0) ** 0.5 * 0.9
                ).clip(lower=9, upper=40) if size_col else 14
        fig.add_trace(go.Scatter(
            x=grp["held_on"], y=grp[region_col].map(plot_text), mode="markers",
            name=plot_text(region), showlegend=False,
            marker={"size": size, "color": REGION_COLORS[i % len(REGION_COLORS)],
                    "opacity": 0.8, "line": {"width": 1, "color": "white"}},
            text=grp[hover_col].map(plot_text), hovertemplate="%{text}<extra></extra>",
        ))
    fig.update_layout(
        height=height or max(240, 42 * len(region_order) + 80), font=FONT,
        plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"gridcolor": "#eeeeee", "type": "date"},
        yaxis={"categoryorder": "array",
               "categoryarray": [plot_text(r) for r in region_order][::-1],
               "gridcolor": "#f3f3f3"},
    )
    return fig


def group_bars(df: pd.DataFrame, *, label_col: str, value_col: str = "attendees",
               text_col: str = "text", highlight_col: str = "women_youth",
               x_title: str = "", height: int | None = None) -> go.Figure:
    """Attendance by group: horizontal bars in the order given (first on top), women's
    groups and youth in the highlight colour, each labelled with ``text_col`` (e.g.
    "120 · 20%"). A group with no figure draws no bar."""
    data = df.iloc[::-1]
    values = pd.to_numeric(data[value_col], errors="coerce")
    fig = go.Figure(go.Bar(
        y=data[label_col].map(plot_text), x=values.fillna(0), orientation="h",
        text=data[text_col].map(plot_text), textposition="outside", cliponaxis=False,
        marker_color=[HIGHLIGHT if h else OTHER for h in data[highlight_col]],
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    top = values.max()
    fig.update_layout(
        height=height or max(260, 34 * len(data) + 70), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 40, "t": 10, "b": 10}, showlegend=False,
        xaxis={"title": x_title, "tickformat": ",d", "gridcolor": "#eeeeee",
               "range": [0, (top if top and top == top else 1) * 1.3], "dtick": _dtick(top)},
    )
    return fig


def share_bars(df: pd.DataFrame, *, label_col: str, share_col: str = "share",
               text_col: str = "text", x_title: str = "", height: int | None = None
               ) -> go.Figure:
    """A share (0–1) per row as % bars on a fixed 0–100% axis; a row without a share
    draws no bar and reads its ``text_col`` (e.g. "no forum yet")."""
    data = df.iloc[::-1]
    pct = pd.to_numeric(data[share_col], errors="coerce") * 100
    fig = go.Figure(go.Bar(
        y=data[label_col].map(plot_text), x=pct.fillna(0), orientation="h",
        text=data[text_col].map(plot_text), textposition="outside", cliponaxis=False,
        marker_color=HIGHLIGHT, hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.update_layout(
        height=height or max(240, 34 * len(data) + 70), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 60, "t": 10, "b": 10}, showlegend=False,
        xaxis={"title": x_title, "range": [0, 115], "ticksuffix": "%", "gridcolor": "#eeeeee",
               "tickvals": [0, 25, 50, 75, 100]},
    )
    return fig


def share_lines(df: pd.DataFrame, *, x_col: str, group_col: str, share_col: str = "share",
                hover_col: str = "text", group_order: list[str] | None = None,
                y_title: str = "", height: int = 380) -> go.Figure:
    """A share (0–1) over time, one line per ``group_col`` value (e.g. region, or one
    "All forums" line), markers at every point; a point without a share is a gap, never
    0."""
    fig = go.Figure()
    groups = group_order or list(dict.fromkeys(df[group_col]))
    for i, name in enumerate(groups):
        grp = df[df[group_col] == name].sort_values(x_col)
        if grp.empty:
            continue
        fig.add_trace(go.Scatter(
            x=grp[x_col], y=pd.to_numeric(grp[share_col], errors="coerce") * 100,
            mode="lines+markers", name=plot_text(name), connectgaps=False,
            line={"color": REGION_COLORS[i % len(REGION_COLORS)], "width": 2},
            marker={"size": 9}, text=grp[hover_col].map(plot_text),
            hovertemplate="%{text}<extra></extra>",
        ))
    fig.update_layout(
        height=height, font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"title": y_title, "range": [0, 100], "ticksuffix": "%",
               "gridcolor": "#eeeeee"},
        xaxis={"gridcolor": "#eeeeee", "type": "date"},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def theme_heatmap(df: pd.DataFrame, *, row_col: str, col_col: str, value_col: str,
                  text_col: str, col_order: list[str] | None = None,
                  height: int | None = None) -> go.Figure:
    """Concerns by theme (rows, in the order given) × area (columns, ``col_order`` or
    the order given): colour by count, the count as the data layer shows it ("<5") in
    every cell; blank where nothing was raised."""
    rows = list(dict.fromkeys(df[row_col]))
    present = set(df[col_col])
    cols = [c for c in col_order if c in present] if col_order \
        else list(dict.fromkeys(df[col_col]))
    z = df.pivot_table(index=row_col, columns=col_col, values=value_col, aggfunc="first",
                       dropna=False).reindex(index=rows, columns=cols)
    text = df.pivot_table(index=row_col, columns=col_col, values=text_col, aggfunc="first",
                          dropna=False).reindex(index=rows, columns=cols).fillna("")
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(dtype="float64"), x=[plot_text(c) for c in cols],
        y=[plot_text(r) for r in rows], text=text.map(plot_text).to_numpy(),
        texttemplate="%{text}", colorscale="Purples", showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
    ))
    fig.update_layout(
        height=height or max(260, 34 * len(rows) + 90), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed"}, xaxis={"side": "top"},
    )
    return fig


def commitment_outcomes(df: pd.DataFrame, *, label_col: str, labels: dict[str, str],
                        height: int | None = None) -> go.Figure:
    """Commitments made at each forum, as one stacked bar per forum: fulfilled, stalled,
    overdue (not stalled) and the rest, in ``labels``' words. ``df`` columns:
    ``label_col, made, fulfilled, stalled, overdue_not_stalled, other`` (counts; NaN where
    hidden draws nothing) and ``made_display``."""
    data = df.iloc[::-1]
    fig = go.Figure()
    for key, col in (("fulfilled", "fulfilled"), ("stalled", "stalled"),
                     ("overdue", "overdue_not_stalled"), ("other", "other")):
        fig.add_trace(go.Bar(
            y=data[label_col].map(plot_text),
            x=pd.to_numeric(data[col], errors="coerce").fillna(0), orientation="h",
            name=labels[key], marker_color=OUTCOME_COLORS[key],
            hovertemplate=f"%{{y}}: %{{x}} {labels[key].lower()}<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        y=data[label_col].map(plot_text),
        x=pd.to_numeric(data["made"], errors="coerce").fillna(0), mode="text",
        text=[f"  {m}" for m in data["made_display"]], textposition="middle right",
        showlegend=False, hoverinfo="skip"))
    top = pd.to_numeric(data["made"], errors="coerce").max()
    fig.update_layout(
        barmode="stack", height=height or max(260, 30 * len(data) + 100), font=FONT,
        plot_bgcolor="white", margin={"l": 10, "r": 30, "t": 10, "b": 10},
        xaxis={"tickformat": ",d", "gridcolor": "#eeeeee",
               "range": [0, (top if top and top == top else 1) * 1.2], "dtick": _dtick(top)},
        legend={"orientation": "h", "y": -0.12, "traceorder": "normal"},
    )
    return fig
