"""Charts of crime over time: monthly lines with the previous year dashed beside them,
small multiples, year-to-date bars, yearly bars, county-vs-region rate lines and the
emerging-threat dumbbells. Pure functions: DataFrame in, plotly Figure out."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

# Colour-blind-safe qualitative palette (Okabe–Ito, without yellow, which fades on a
# projector), then two extra neutrals-with-hue for longer lists.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000",
           "#8C6D31", "#7F3C8D")
RISE, FALL, STEADY = "#b2182b", "#2166ac", "#1b7f79"
FONT = {"size": 14}


def color_for(i: int) -> str:
    """The i-th colour of :data:`PALETTE` (cycling)."""
    return PALETTE[i % len(PALETTE)]


def _fmt_count(v) -> str:
    return "<5" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{int(v):,}"


def trend_lines(df: pd.DataFrame, *, keys: list[str], y_title: str,
                previous_label: str = "same month a year earlier",
                height: int = 440) -> go.Figure:
    """One solid line per key (``month`` × ``count``) with the same months a year earlier
    as a dashed line of the same colour (``previous_year``), drawn at the same x.

    ``df`` columns: ``key, label, month, count, previous_year, previous_month`` (as
    :func:`data_access.trends.trend_series` returns); ``keys`` picks and orders the lines.
    Hidden (suppressed) months are gaps, never zeros.
    """
    fig = go.Figure()
    for i, key in enumerate(keys):
        part = df[df["key"] == key].sort_values("month")
        if part.empty:
            continue
        label, color = str(part["label"].iloc[0]), color_for(i)
        prev_text = [f"{m:%b %Y}: {_fmt_count(v)}"
                     for m, v in zip(part["previous_month"], part["previous_year"])]
        fig.add_trace(go.Scatter(
            x=part["month"], y=part["previous_year"], name=f"{label} ({previous_label})",
            legendgroup=key, showlegend=False, mode="lines",
            line={"color": color, "dash": "dash", "width": 1.6}, opacity=0.75,
            text=prev_text, hovertemplate=f"{label}, %{{text}}<extra>a year earlier</extra>",
        ))
        fig.add_trace(go.Scatter(
            x=part["month"], y=part["count"], name=label, legendgroup=key,
            mode="lines+markers", line={"color": color, "width": 2.6}, marker={"size": 6},
            hovertemplate=f"{label}, %{{x|%b %Y}}: %{{y:,}}<extra></extra>",
        ))
    # One legend entry explains every dashed line.
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=previous_label,
                             line={"color": "#555555", "dash": "dash", "width": 1.6}))
    fig.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}, font=FONT,
        plot_bgcolor="white", hovermode="closest",
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        yaxis={"title": y_title, "rangemode": "tozero", "gridcolor": "#e5e5e5",
               "tickformat": ",d"},
        xaxis={"dtick": "M1" if df["month"].nunique() <= 13 else "M3",
               "tickformat": "%b\n%Y", "gridcolor": "#f0f0f0"},
    )
    return fig


def small_multiples(df: pd.DataFrame, *, keys: list[str], columns: int = 3,
                    panel_height: int = 190) -> go.Figure:
    """A grid of small charts, one per key: the period (solid) and a year earlier (dashed).

    Each panel has its own y-axis (categories differ by orders of magnitude); the title
    of each panel carries the period total against the year before.
    """
    keys = [k for k in keys if (df["key"] == k).any()]
    if not keys:
        return go.Figure()
    rows = math.ceil(len(keys) / columns)
    titles = []
    for key in keys:
        part = df[df["key"] == key]
        titles.append(f"{part['label'].iloc[0]}<br><sup>{_fmt_count(part['count'].sum())} vs "
                      f"{_fmt_count(part['previous_year'].sum())} a year earlier</sup>")
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles, shared_xaxes=True,
                        vertical_spacing=0.16 if rows > 1 else 0.1, horizontal_spacing=0.06)
    for i, key in enumerate(keys):
        part = df[df["key"] == key].sort_values("month")
        r, c = divmod(i, columns)
        fig.add_trace(go.Scatter(x=part["month"], y=part["previous_year"], mode="lines",
                                 line={"color": "#888888", "dash": "dash", "width": 1.4},
                                 name="a year earlier", showlegend=i == 0,
                                 legendgroup="prev",
                                 hovertemplate="a year earlier: %{y:,}<extra></extra>"),
                      row=r + 1, col=c + 1)
        fig.add_trace(go.Scatter(x=part["month"], y=part["count"], mode="lines",
                                 line={"color": PALETTE[0], "width": 2.4},
                                 name="this period", showlegend=i == 0, legendgroup="cur",
                                 hovertemplate="%{x|%b %Y}: %{y:,}<extra></extra>"),
                      row=r + 1, col=c + 1)
    fig.update_yaxes(rangemode="tozero", gridcolor="#eeeeee", tickformat=",d")
    fig.update_xaxes(tickformat="%b\n%Y", nticks=5)
    fig.update_annotations(font={"size": 13})
    # The legend sits below the last row's two-line month ticks, in its own margin.
    fig.update_layout(height=panel_height * rows + 130, font={"size": 12}, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 50, "b": 60},
                      legend={"orientation": "h", "y": 0, "yref": "container",
                              "yanchor": "bottom", "x": 0})
    return fig


def _bar_color(verdict: str, direction: str) -> str:
    """Red for a significant rise, blue for a significant fall, teal otherwise (no alarm
    colour for noise or a merely possible change)."""
    if verdict != "significant":
        return STEADY
    return {"up": RISE, "down": FALL}.get(direction, STEADY)


def change_text(current, previous, pct, verdict) -> str:
    """'+12% (123 vs 60) · significant' — counts always beside the %."""
    counts = f"{_fmt_count(current)} vs {_fmt_count(previous)}"
    if pct is None or (isinstance(pct, float) and math.isnan(pct)):
        return f"{counts} · {verdict}"
    return f"{pct:+.0f}% ({counts}) · {verdict}"


def ytd_bars(df: pd.DataFrame, *, label_col: str, this_label: str, last_label: str,
             verdict_labels: dict[str, str] | None = None,
             height: int | None = None) -> go.Figure:
    """Year to date (red/blue only for a significant rise/fall) beside last year to date
    (grey), horizontal, each row labelled with the change, the counts and the verdict.

    ``df`` columns: ``label_col, current, previous, pct_change, verdict, direction`` (see
    :func:`data_access.trends.ytd_comparison`); ``verdict_labels`` translates the verdicts.
    """
    data = df.iloc[::-1]  # plotly draws the first row at the bottom
    words = verdict_labels or {}
    text = [change_text(c, p, pct, words.get(v, v)) for c, p, pct, v in
            zip(data["current"], data["previous"], data["pct_change"], data["verdict"])]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=data[label_col], x=data["previous"], name=last_label,
                         orientation="h", marker_color="#bdbdbd",
                         hovertemplate="%{y}: %{x:,}<extra>" + last_label + "</extra>"))
    fig.add_trace(go.Bar(y=data[label_col], x=data["current"], name=this_label,
                         orientation="h",
                         marker_color=[_bar_color(v, d) for v, d in
                                       zip(data["verdict"], data["direction"])],
                         text=text, textposition="outside", cliponaxis=False,
                         hovertemplate="%{y}: %{x:,}<extra>" + this_label + "</extra>"))
    top = pd.to_numeric(pd.concat([data["current"], data["previous"]]), errors="coerce").max()
    fig.update_layout(
        barmode="group", height=height or max(300, 52 * len(data) + 90), font=FONT,
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="white",
        xaxis={"range": [0, (top if top and top == top else 1) * 1.6], "tickformat": ",d",
               "gridcolor": "#eeeeee"},
        legend={"orientation": "h", "y": -0.08, "yanchor": "top", "x": 0},
    )
    return fig


MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")


def yearly_bars(df: pd.DataFrame, *, keys: list[str],
                month_names: tuple[str, ...] = MONTH_ABBR, height: int = 420) -> go.Figure:
    """Stacked bars per calendar year, one colour per key; a year whose records do not
    cover January to December is labelled with the months it covers ("2026 (Jan–Oct)").

    ``df`` columns: ``year, key, label, count, first_month, last_month, complete`` (see
    :func:`data_access.trends.yearly_series`).
    """
    years = sorted(df["year"].unique())
    per_year = df.groupby("year").agg(first=("first_month", "min"),
                                      last=("last_month", "max"),
                                      complete=("complete", "all"))
    ticks = [str(y) if per_year.loc[y, "complete"] else
             f"{y} ({month_names[int(per_year.loc[y, 'first']) - 1]}–"
             f"{month_names[int(per_year.loc[y, 'last']) - 1]})"
             for y in years]
    fig = go.Figure()
    for i, key in enumerate(keys):
        part = df[df["key"] == key].set_index("year").reindex(years)
        if part["label"].isna().all():
            continue
        label = part["label"].dropna().iloc[0]
        fig.add_trace(go.Bar(x=ticks, y=part["count"], name=label, marker_color=color_for(i),
                             hovertemplate=f"{label}, %{{x}}: %{{y:,}}<extra></extra>"))
    totals = df[df["key"].isin(keys)].groupby("year")["count"].sum().reindex(years)
    fig.add_trace(go.Scatter(x=ticks, y=totals, mode="text", text=[f"{v:,.0f}" for v in totals],
                             textposition="top center", showlegend=False, hoverinfo="skip"))
    fig.update_layout(barmode="stack", height=height, font=FONT, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 20, "b": 10},
                      # "2021" would make plotly guess a numeric axis and drop "2026 (Jan–Oct)"
                      xaxis={"type": "category"},
                      yaxis={"tickformat": ",d", "gridcolor": "#eeeeee",
                             "range": [0, float(totals.max() or 1) * 1.15]},
                      legend={"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0})
    return fig


AREA_STYLES = {"county": ("#D55E00", "solid", 3.2), "region": ("#0072B2", "dash", 2.2),
               "kenya": ("#333333", "dot", 2.2)}


def rate_lines(df: pd.DataFrame, *, y_title: str, height: int = 360) -> go.Figure:
    """Monthly rate per 100,000 for a county (solid), its region (dashed) and Kenya
    (dotted). ``df`` columns: ``month, area, label, count, rate_per_100k`` (see
    :func:`data_access.trends.area_rate_series`); counts are in the hover."""
    fig = go.Figure()
    for area, (color, dash, width) in AREA_STYLES.items():
        part = df[df["area"] == area].sort_values("month")
        if part.empty:
            continue
        label = part["label"].iloc[0]
        counts = [_fmt_count(v) for v in part["count"]]
        fig.add_trace(go.Scatter(
            x=part["month"], y=part["rate_per_100k"], name=label, mode="lines+markers",
            line={"color": color, "dash": dash, "width": width}, marker={"size": 5},
            text=counts,
            hovertemplate=f"{label}, %{{x|%b %Y}}: %{{y:.1f}} per 100,000 "
                          "(%{text} crimes)<extra></extra>",
        ))
    fig.update_layout(height=height, font=FONT, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      yaxis={"title": y_title, "rangemode": "tozero", "gridcolor": "#eeeeee"},
                      xaxis={"tickformat": "%b\n%Y"},
                      legend={"orientation": "h", "y": -0.15, "yanchor": "top", "x": 0})
    return fig


def emerging_chart(df: pd.DataFrame, *, label_col: str, labels: dict[str, str],
                   x_title: str = "crimes per month", height: int | None = None) -> go.Figure:
    """Dumbbells, one row per flagged pair (most severe on top): the baseline average
    (hollow grey), the previous month (grey) and the latest month (red), joined by a line,
    with z written at the end.

    ``df`` columns: ``label_col, current, previous, baseline, z`` (see
    :func:`data_access.emerging.emerging_threats`); hidden values are left out.
    ``labels`` names the markers: keys "baseline", "previous", "current".
    """
    data = df.iloc[::-1]
    fig = go.Figure()
    for _, r in data.iterrows():
        xs = [v for v in (r["baseline"], r["previous"], r["current"]) if pd.notna(v)]
        fig.add_trace(go.Scatter(x=[min(xs), max(xs)], y=[r[label_col]] * 2, mode="lines",
                                 line={"color": "#cccccc", "width": 6}, showlegend=False,
                                 hoverinfo="skip"))
    z_text = [f"z {z:.1f}" if pd.notna(z) else "" for z in data["z"]]
    for col, color, symbol in (("baseline", "#888888", "circle-open"),
                               ("previous", "#888888", "circle"),
                               ("current", RISE, "circle")):
        fig.add_trace(go.Scatter(
            x=data[col], y=data[label_col], mode="markers+text" if col == "current" else
            "markers", name=labels[col],
            marker={"color": color, "size": 13 if col == "current" else 11, "symbol": symbol,
                    "line": {"width": 2, "color": color}},
            text=z_text if col == "current" else None, textposition="middle right",
            hovertemplate=f"%{{y}}: {labels[col]} %{{x:,.1f}}<extra></extra>",
        ))
    top = pd.to_numeric(data["current"], errors="coerce").max()
    fig.update_layout(
        height=height or max(250, 44 * len(data) + 150), font=FONT, plot_bgcolor="white",
        # The legend has its own strip at the bottom, clear of the axis title.
        margin={"l": 10, "r": 10, "t": 10, "b": 70},
        xaxis={"title": {"text": x_title, "standoff": 6}, "rangemode": "tozero",
               "gridcolor": "#eeeeee", "range": [0, (top if top == top and top else 10) * 1.3]},
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
    )
    return fig
