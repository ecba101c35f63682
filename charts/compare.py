"""Charts of areas side by side (the Compare page): every area keeps one colour across
the charts, and every chart puts the areas on one shared axis and scale. Pure
functions: DataFrame in, plotly Figure out; the frames come from
:mod:`data_access.compare` and the charts only draw and label them.

A month without data is a gap (NaN, ``connectgaps=False``), never 0; change bars are
coloured only for a significant or possible change; map panels use the fixed rate
classes of :data:`charts.classes.RATE_SCHEME`, the same in every panel.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.classes import BASIS_CLASS, RATE_COVERAGE_SCHEME
from charts.maps import outline_xy
from charts.trends import FONT, color_for, verdict_color

GRID = "#eeeeee"


def area_colors(areas: list[str]) -> dict[str, str]:
    """One colour per area (by its position in the comparison), the same in every chart."""
    return {a: color_for(i) for i, a in enumerate(areas)}


def _grid(n: int, columns: int) -> tuple[int, int]:
    cols = max(1, min(n, columns))
    return math.ceil(n / cols), cols


def _texts(values, no_data: str) -> list[str]:
    return [no_data if not isinstance(v, str) or not v else v for v in values]


def rate_trend_chart(df: pd.DataFrame, *, areas: list[str], label_col: str = "label",
                     y_title: str, no_data_label: str = "no data",
                     height: int = 380) -> go.Figure:
    """One line per area, monthly crime rate per 100,000 on one y axis. ``df``: ``month,
    area, rate_per_100k, count_display, counties_reporting, counties`` and
    ``label_col`` (:func:`data_access.compare.crime_rates`); gaps where a month has no
    data."""
    colors = area_colors(areas)
    fig = go.Figure()
    for area in areas:
        part = df[df["area"] == area].sort_values("month")
        if part.empty:
            continue
        label = str(part[label_col].iloc[0])
        counts = _texts(part["count_display"], no_data_label)
        reporting = [f"{int(n)}/{int(k)}" for n, k in zip(part["counties_reporting"],
                                                          part["counties"])]
        fig.add_trace(go.Scatter(
            x=part["month"], y=part["rate_per_100k"], name=label, mode="lines+markers",
            connectgaps=False, line={"color": colors[area], "width": 2.6},
            marker={"size": 6}, customdata=list(zip(counts, reporting)),
            hovertemplate=f"{label}, %{{x|%b %Y}}: %{{y:.1f}} per 100,000 "
                          "(%{customdata[0]} crimes; counties reporting %{customdata[1]})"
                          "<extra></extra>"))
    fig.update_layout(height=height, font=FONT, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      yaxis={"title": y_title, "rangemode": "tozero", "gridcolor": GRID},
                      xaxis={"tickformat": "%b\n%Y"},
                      legend={"orientation": "h", "y": -0.18, "yanchor": "top", "x": 0})
    return fig


def category_change_chart(df: pd.DataFrame, *, areas: list[str], area_titles: dict[str, str],
                          category_col: str, verdict_labels: dict[str, str],
                          x_title: str, no_data_label: str = "no data", columns: int = 4,
                          height: int | None = None) -> go.Figure:
    """One panel per area, the same categories in the same order on every panel and one
    shared x axis: the change against the same months a year earlier (%), red/blue only
    for a significant or possible change, each bar labelled with the count and verdict.
    ``df``: :func:`data_access.compare.category_changes` with ``category_col`` labels."""
    rows, cols = _grid(len(areas), columns)
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, shared_xaxes="all",
                        horizontal_spacing=0.06, vertical_spacing=0.14,
                        subplot_titles=[area_titles[a] for a in areas])
    cats = list(dict.fromkeys(df[category_col]))[::-1]  # plotly draws the first at the bottom
    for i, area in enumerate(areas):
        part = df[df["area"] == area].set_index(category_col).reindex(cats)
        text, hover = [], []
        for r in part.itertuples():
            count = r.count_display if isinstance(r.count_display, str) and r.count_display \
                else no_data_label
            pct = "" if pd.isna(r.pct_change) else f" · {r.pct_change:+.0f}%"
            text.append(f"{count}{pct}")
            hover.append(f"{count}{pct} · {verdict_labels.get(r.verdict, r.verdict)}")
        # A change the test cannot tell draws no bar: its label sits on the zero line.
        fig.add_trace(go.Bar(
            y=cats, x=part["pct_change"].fillna(0), orientation="h", showlegend=False,
            marker_color=[verdict_color(v, d) for v, d in zip(part["verdict"].fillna(""),
                                                         part["direction"].fillna("none"))],
            text=text, textposition="outside", cliponaxis=False, customdata=hover,
            textfont={"size": 11},
            hovertemplate="%{y}: %{customdata}<extra>" + area_titles[area] + "</extra>"),
            row=i // cols + 1, col=i % cols + 1)
    top = pd.to_numeric(df["pct_change"], errors="coerce").abs().max()
    top = 50.0 if pd.isna(top) or top == 0 else min(max(top, 20.0), 300.0)
    fig.update_xaxes(range=[-top * 1.9, top * 1.9], ticksuffix="%", zeroline=True,
                     zerolinecolor="#888", gridcolor=GRID, nticks=5)
    for c in range(1, cols + 1):
        fig.update_xaxes(title_text=x_title, row=rows, col=c)
    fig.update_annotations(font={"size": 13})
    fig.update_layout(height=height or rows * max(240, 30 * len(cats) + 90), font=FONT,
                      plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 40, "b": 10})
    fig.update_yaxes(range=[-0.7, len(cats) - 0.3])
    return fig


def theme_share_chart(df: pd.DataFrame, *, areas: list[str], area_titles: dict[str, str],
                      theme_col: str, x_title: str, height: int | None = None) -> go.Figure:
    """Concerns by theme as each area's share of its concerns (%), the areas' bars side
    by side on one axis (counts in the labels). ``df``:
    :func:`data_access.compare.concern_themes`; themes no area raised are left out."""
    colors = area_colors(areas)
    raised = df.groupby(theme_col, sort=False)["concerns_at_least"].max()
    themes = [t for t in dict.fromkeys(df[theme_col]) if raised.get(t, 0) > 0]
    fig = go.Figure()
    for area in areas:
        part = df[df["area"] == area].set_index(theme_col).reindex(themes)
        fig.add_trace(go.Bar(
            y=themes, x=part["share"] * 100, orientation="h", name=area_titles[area],
            marker_color=colors[area], text=list(part["concerns_display"].fillna("")),
            textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: %{x:.0f}% (%{text})<extra>" + area_titles[area]
                          + "</extra>"))
    fig.update_layout(barmode="group", font=FONT, plot_bgcolor="white",
                      height=height or max(320, len(themes) * (14 * len(areas) + 16) + 110),
                      margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      xaxis={"title": x_title, "ticksuffix": "%", "rangemode": "tozero",
                             "gridcolor": GRID},
                      # the first theme and the first area on top, as listed
                      yaxis={"autorange": "reversed"},
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0})
    return fig


def commitments_chart(df: pd.DataFrame, *, areas: list[str], area_titles: dict[str, str],
                      labels: dict[str, str], height: int = 380) -> go.Figure:
    """Two panels over the same areas: commitments made, fulfilled and overdue (counts,
    one axis) and the resolution rate (%, 0–100). ``df``:
    :func:`data_access.compare.commitment_figures`; ``labels`` names "made",
    "fulfilled", "overdue" and "resolution_rate"."""
    data = df.set_index("area").reindex(areas)
    names = [area_titles[a] for a in areas]
    fig = make_subplots(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.1,
                        subplot_titles=(labels["counts"], labels["resolution_rate"]))
    for col, color in (("made", "#8C6D31"), ("fulfilled", "#009E73"), ("overdue", "#D55E00")):
        fig.add_trace(go.Bar(x=names, y=data[col], name=labels[col], marker_color=color,
                             text=list(data[f"{col}_display"]), textposition="outside",
                             cliponaxis=False,
                             hovertemplate="%{x}: %{text}<extra>" + labels[col] + "</extra>"),
                      row=1, col=1)
    colors = area_colors(areas)
    rate = data["resolution_rate"] * 100
    fig.add_trace(go.Bar(x=names, y=rate, showlegend=False,
                         marker_color=[colors[a] for a in areas],
                         text=["—" if pd.isna(v) else f"{v:.0f}%" for v in rate],
                         textposition="outside", cliponaxis=False,
                         hovertemplate="%{x}: %{text}<extra></extra>"), row=1, col=2)
    fig.update_yaxes(rangemode="tozero", gridcolor=GRID, row=1, col=1)
    fig.update_yaxes(range=[0, 110], ticksuffix="%", gridcolor=GRID, row=1, col=2)
    fig.update_annotations(font={"size": 13})
    fig.update_layout(barmode="group", height=height, font=FONT, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0})
    return fig


def chiefs_lines(df: pd.DataFrame, *, areas: list[str], area_titles: dict[str, str],
                 sentiment_title: str, compliance_title: str, low_word: str = "low (1–2)",
                 height: int = 460) -> go.Figure:
    """Chiefs' median sentiment score (1–5, an ordinal score: whole steps) above
    reporting compliance (%, 0–100), one line per area on shared axes; the share of low
    scores and the reports behind each point are in the hover. ``df``:
    :func:`data_access.compare.chief_months`; a month without reports (or without data)
    has no point (a gap, never 0)."""
    colors = area_colors(areas)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=(sentiment_title, compliance_title))
    for area in areas:
        part = df[df["area"] == area].sort_values("month")
        if part.empty:
            continue
        reports = [f"{r or '0'} / {int(e)}" for r, e in zip(part["reports_display"],
                                                            part["expected"])]
        low = ["—" if pd.isna(v) else f"{v:.0%}" for v in part["low_share"]]
        style = {"color": colors[area], "width": 2.4}
        fig.add_trace(go.Scatter(
            x=part["month"], y=part["median"], name=area_titles[area],
            mode="lines+markers", connectgaps=False, line=style, marker={"size": 7},
            legendgroup=area, customdata=list(zip(reports, low)),
            hovertemplate="%{x|%b %Y}: median %{y:.0f} · " + low_word
                          + " %{customdata[1]} (reports %{customdata[0]})<extra>"
                          + area_titles[area] + "</extra>"), row=1, col=1)
        fig.add_trace(go.Scatter(
            x=part["month"], y=part["compliance"] * 100, name=area_titles[area],
            mode="lines+markers", connectgaps=False, line=style, marker={"size": 6},
            legendgroup=area, showlegend=False, text=reports,
            hovertemplate="%{x|%b %Y}: %{y:.0f}% (reports %{text})<extra>"
                          + area_titles[area] + "</extra>"), row=2, col=1)
    fig.update_yaxes(range=[0.8, 5.2], dtick=1, gridcolor=GRID, row=1, col=1)
    fig.update_yaxes(range=[0, 105], ticksuffix="%", gridcolor=GRID, row=2, col=1)
    fig.update_xaxes(tickformat="%b\n%Y")
    fig.update_annotations(font={"size": 13})
    fig.update_layout(height=height, font=FONT, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0})
    return fig


def map_multiples(df: pd.DataFrame, geojson: dict, *, areas: list[str],
                  area_titles: dict[str, str], legend_title: str,
                  centroids: pd.DataFrame | None = None, hover_unit: str = "per 100,000",
                  columns: int = 4, panel_px: int = 300) -> go.Figure:
    """Small multiples: one map panel per area, its counties filled by crime rate in the
    fixed classes of :data:`charts.classes.RATE_COVERAGE_SCHEME` (the same colours in
    every panel; greys for partial, yearly-only, no data and hidden counts). Drawn as
    SVG polygons on plain axes (no tiles, nothing fetched), so it also prints.

    ``df``: :func:`data_access.compare.area_maps`; ``geojson``: county features with
    ``id`` = county code; ``centroids`` (``code, lon, lat``) adds a hover per county.
    """
    scheme = RATE_COVERAGE_SCHEME
    colors = scheme.color_map()
    features = {f["id"]: f for f in geojson["features"]}
    rows, cols = _grid(len(areas), columns)
    fig = make_subplots(rows=rows, cols=cols, horizontal_spacing=0.02, vertical_spacing=0.06,
                        subplot_titles=[area_titles[a] for a in areas])
    frame = df.copy()
    shown = frame["count_display"].fillna("").astype(str)
    # "<5", or on a public screen a count known only as a range ("12–48"): never coloured.
    hidden = shown.str.startswith("<") | shown.str.contains("–", regex=False)
    frame["class"] = scheme.classify(frame["rate_per_100k"], suppressed=hidden,
                                     status=frame["basis"].map(BASIS_CLASS))
    drawn: set[str] = set()
    for i, area in enumerate(areas):
        row, col = i // cols + 1, i % cols + 1
        part = frame[frame["area"] == area]
        for label in scheme.order():
            codes = [c for c in part.loc[part["class"] == label, "county_code"]
                     if c in features]
            if not codes:
                continue
            xs, ys = outline_xy([features[c] for c in codes])
            fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", name=label,
                                     fillcolor=colors[label], hoverinfo="skip",
                                     legendgroup=label, showlegend=False,
                                     line={"width": 0.6, "color": "#555555"}),
                          row=row, col=col)
            drawn.add(label)
        if centroids is not None and not part.empty:
            pts = centroids.set_index("code").reindex(part["county_code"])
            text = [f"{n}: {'—' if pd.isna(r) else f'{r:,.1f}'} {hover_unit} ({c or '—'})"
                    for n, r, c in zip(part["county"], part["rate_per_100k"],
                                       part["count_display"])]
            fig.add_trace(go.Scatter(x=pts["lon"], y=pts["lat"], mode="markers",
                                     marker={"size": 12, "color": "rgba(0,0,0,0)"},
                                     text=text, hovertemplate="%{text}<extra></extra>",
                                     showlegend=False), row=row, col=col)
        shown = [features[c] for c in part["county_code"] if c in features]
        if shown:
            xs, ys = outline_xy(shown)
            xs = [x for x in xs if x is not None]
            ys = [y for y in ys if y is not None]
            pad = max(max(xs) - min(xs), max(ys) - min(ys)) * 0.05
            axis = fig.get_subplot(row, col)
            fig.update_xaxes(range=[min(xs) - pad, max(xs) + pad], row=row, col=col)
            fig.update_yaxes(range=[min(ys) - pad, max(ys) + pad], row=row, col=col,
                             scaleanchor=axis.xaxis.plotly_name.replace("axis", ""),
                             scaleratio=1)
    for label in scheme.order():  # one legend for every panel: the classes drawn
        if label in drawn:
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label,
                                     legendgroup=label,
                                     marker={"symbol": "square", "size": 14,
                                             "color": colors[label],
                                             "line": {"width": 0.6, "color": "#555555"}}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_annotations(font={"size": 13})
    fig.update_layout(height=rows * panel_px + 40, font=FONT, plot_bgcolor="white",
                      paper_bgcolor="white", margin={"l": 4, "r": 4, "t": 30, "b": 4},
                      legend={"title": {"text": legend_title}, "orientation": "h",
                              "y": -0.02, "yanchor": "top", "x": 0})
    return fig
