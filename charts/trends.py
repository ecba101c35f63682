"""Charts of crime over time: monthly lines with the previous year dashed beside them,
small multiples, year-to-date bars, yearly bars, county-vs-region rate lines and the
emerging-threat dumbbells. Pure functions: DataFrame in, plotly Figure out; every number
comes from :mod:`data_access.figures` — the charts only draw and label it.

A month without data is a gap (NaN, ``connectgaps=False``), never 0; a month still
running ("to date") is drawn as a lone hollow marker, off the line, so it is never read
against a whole month.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from config import get_settings

# Colour-blind-safe qualitative palette (Okabe–Ito, without yellow, which fades on a
# projector), then two extra neutrals-with-hue for longer lists.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000",
           "#8C6D31", "#7F3C8D")
RISE, FALL, STEADY = "#b2182b", "#2166ac", "#1b7f79"
POSSIBLE_RISE, POSSIBLE_FALL = "#ef8a62", "#67a9cf"
FONT = {"size": 14}
# Below this many events a y axis gets whole-number ticks from 0 (so a tiny series never
# shows ticks such as 0, 0, 0, 1, 1, 1).
SMALL_AXIS = 10


def color_for(i: int) -> str:
    """The i-th colour of :data:`PALETTE` (cycling)."""
    return PALETTE[i % len(PALETTE)]


def _fmt_count(v) -> str:
    hidden = v is None or (isinstance(v, float) and math.isnan(v))
    return get_settings().hidden_text if hidden else f"{int(v):,}"


def _shown(df: pd.DataFrame, col: str, no_data: str) -> list[str]:
    """What a count reads as: its display text ("<5" when hidden), ``no_data`` when the
    month holds no data (a NaN with no display text)."""
    values = df[col]
    display = df.get(f"{col}_display")
    out = []
    for i, v in enumerate(values):
        text = None if display is None else display.iloc[i]
        if isinstance(text, str) and text:
            out.append(text)
        elif pd.isna(v):
            out.append(get_settings().hidden_text if display is None else no_data)
        else:
            out.append(f"{int(v):,}")
    return out


def _integer_axis(values) -> dict:
    """Axis settings that keep small counts on whole-number ticks from 0."""
    numbers = pd.to_numeric(pd.Series(np.ravel(values)), errors="coerce")
    top = numbers.max()
    if pd.isna(top) or top < SMALL_AXIS:
        top = 0 if pd.isna(top) else top
        return {"range": [0, max(5.0, top * 1.15)], "dtick": 1 if top <= 5 else 2}
    return {}


def _reporting(df: pd.DataFrame, col: str, text: str) -> list[str]:
    """' · 46 of 47 counties' per row (``text`` has ``{n}`` and ``{k}``)."""
    if col not in df or "counties" not in df:
        return [""] * len(df)
    return [" · " + text.format(n=int(n), k=int(k)) for n, k in zip(df[col], df["counties"])]


def _to_date(df: pd.DataFrame) -> pd.Series:
    if "to_date" not in df:
        return pd.Series(False, index=df.index)
    return df["to_date"].fillna(False).astype(bool)


def trend_lines(df: pd.DataFrame, *, keys: list[str], y_title: str,
                previous_label: str = "same month a year earlier",
                no_data_label: str = "no data", to_date_label: str = "to date",
                reporting_label: str = "{n} of {k} counties",
                height: int = 440) -> go.Figure:
    """One solid line per key (``month`` × ``count``) with the same months a year earlier
    as a dashed line of the same colour (``previous_year``), drawn at the same x.

    ``df`` columns: ``key, label, month, count, previous_year, previous_month`` and, when
    present, ``count_display, previous_year_display, counties_reporting,
    previous_counties_reporting, counties, days, to_date`` (as
    :func:`data_access.figures.trends.trend_series` returns); ``keys`` picks and orders
    the lines; ``reporting_label`` reads ``{n}`` of ``{k}`` counties reporting. Months
    without data and hidden months are gaps, never zeros; a month where
    not every county reported has a hollow marker; a month to date is a lone hollow
    diamond labelled ``to_date_label`` and has no dashed counterpart.
    """
    fig = go.Figure()
    for i, key in enumerate(keys):
        part = df[df["key"] == key].sort_values("month")
        if part.empty:
            continue
        label, color = str(part["label"].iloc[0]), color_for(i)
        running = _to_date(part)
        whole, now = part[~running], part[running]
        prev_text = [f"{m:%b %Y}: {v}{r}" for m, v, r in zip(
            whole["previous_month"], _shown(whole, "previous_year", no_data_label),
            _reporting(whole, "previous_counties_reporting", reporting_label))]
        fig.add_trace(go.Scatter(
            x=whole["month"], y=whole["previous_year"], name=f"{label} ({previous_label})",
            legendgroup=key, showlegend=False, mode="lines", connectgaps=False,
            line={"color": color, "dash": "dash", "width": 1.6}, opacity=0.75,
            text=prev_text, hovertemplate=f"{label}, %{{text}}<extra>{previous_label}</extra>",
        ))
        partial = (whole["counties_reporting"] < whole["counties"]) \
            if {"counties_reporting", "counties"} <= set(whole.columns) \
            else pd.Series(False, index=whole.index)
        text = [f"{v}{r}" for v, r in zip(_shown(whole, "count", no_data_label),
                                           _reporting(whole, "counties_reporting",
                                                      reporting_label))]
        fig.add_trace(go.Scatter(
            x=whole["month"], y=whole["count"], name=label, legendgroup=key,
            mode="lines+markers", connectgaps=False, line={"color": color, "width": 2.6},
            marker={"size": 7, "symbol": ["circle-open" if p else "circle" for p in partial],
                    "line": {"width": 2, "color": color}},
            text=text, hovertemplate=f"{label}, %{{x|%b %Y}}: %{{text}}<extra></extra>",
        ))
        if len(now):
            days = now["days"].iloc[0] if "days" in now else None
            note = f"{to_date_label} ({int(days)} d)" if days is not None else to_date_label
            fig.add_trace(go.Scatter(
                x=now["month"], y=now["count"], name=f"{label} ({to_date_label})",
                legendgroup=key, showlegend=False, mode="markers+text",
                marker={"size": 11, "symbol": "diamond-open", "color": color,
                        "line": {"width": 2, "color": color}},
                text=[note], textposition="top center", textfont={"size": 12},
                customdata=_shown(now, "count", no_data_label),
                hovertemplate=f"{label}, %{{x|%b %Y}} {note}: %{{customdata}}"
                              "<extra></extra>",
            ))
    # One legend entry explains every dashed line.
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=previous_label,
                             line={"color": "#555555", "dash": "dash", "width": 1.6}))
    shown = df[df["key"].isin(keys)]
    n_months = shown["month"].nunique()
    fig.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 20, "b": 10}, font=FONT,
        plot_bgcolor="white", hovermode="closest",
        # Below the two-line month ticks.
        legend={"orientation": "h", "yanchor": "top", "y": -0.17, "x": 0},
        yaxis={"title": y_title, "rangemode": "tozero", "gridcolor": "#e5e5e5",
               "tickformat": ",d",
               **_integer_axis(shown[["count", "previous_year"]].to_numpy())},
        xaxis={"dtick": "M1" if n_months <= 13 else "M3",
               "tickformat": "%b\n%Y", "gridcolor": "#f0f0f0"},
    )
    return fig


def small_multiples(df: pd.DataFrame, *, keys: list[str], columns: int = 3,
                    panel_height: int = 190, previous_label: str = "a year earlier",
                    current_label: str = "this period", no_data_label: str = "no data",
                    to_date_label: str = "to date") -> go.Figure:
    """A grid of small charts, one per key: the period (solid) and a year earlier (dashed).

    Each panel has its own y-axis (categories differ by orders of magnitude). Months
    without data are gaps; a month to date is a lone hollow diamond.
    """
    keys = [k for k in keys if (df["key"] == k).any()]
    if not keys:
        return go.Figure()
    rows = math.ceil(len(keys) / columns)
    titles = [str(df.loc[df["key"] == key, "label"].iloc[0]) for key in keys]
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles, shared_xaxes=True,
                        vertical_spacing=0.16 if rows > 1 else 0.1, horizontal_spacing=0.06)
    for i, key in enumerate(keys):
        part = df[df["key"] == key].sort_values("month")
        running = _to_date(part)
        whole, now = part[~running], part[running]
        r, c = divmod(i, columns)
        fig.add_trace(go.Scatter(x=whole["month"], y=whole["previous_year"], mode="lines",
                                 connectgaps=False,
                                 line={"color": "#888888", "dash": "dash", "width": 1.4},
                                 name=previous_label, showlegend=i == 0, legendgroup="prev",
                                 text=_shown(whole, "previous_year", no_data_label),
                                 hovertemplate=f"{previous_label}: %{{text}}<extra></extra>"),
                      row=r + 1, col=c + 1)
        fig.add_trace(go.Scatter(x=whole["month"], y=whole["count"], mode="lines",
                                 connectgaps=False, line={"color": PALETTE[0], "width": 2.4},
                                 name=current_label, showlegend=i == 0, legendgroup="cur",
                                 text=_shown(whole, "count", no_data_label),
                                 hovertemplate="%{x|%b %Y}: %{text}<extra></extra>"),
                      row=r + 1, col=c + 1)
        if len(now):
            fig.add_trace(go.Scatter(x=now["month"], y=now["count"], mode="markers",
                                     marker={"symbol": "diamond-open", "size": 9,
                                             "color": PALETTE[0]},
                                     showlegend=False, text=_shown(now, "count", no_data_label),
                                     hovertemplate=f"%{{x|%b %Y}} {to_date_label}: "
                                                   "%{text}<extra></extra>"),
                          row=r + 1, col=c + 1)
        fig.update_yaxes(row=r + 1, col=c + 1,
                         **_integer_axis(part[["count", "previous_year"]].to_numpy()))
    fig.update_yaxes(rangemode="tozero", gridcolor="#eeeeee", tickformat=",d")
    fig.update_xaxes(tickformat="%b\n%Y", nticks=5)
    fig.update_annotations(font={"size": 13})
    # The legend sits below the last row's two-line month ticks, in its own margin.
    fig.update_layout(height=panel_height * rows + 130, font={"size": 12}, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 50, "b": 60},
                      legend={"orientation": "h", "y": 0, "yref": "container",
                              "yanchor": "bottom", "x": 0})
    return fig


def verdict_color(verdict: str, direction: str) -> str:
    """Red for a rise, blue for a fall — strong when significant, light when possible —
    and teal otherwise (no alarm colour for noise)."""
    if verdict == "significant":
        return {"up": RISE, "down": FALL}.get(direction, STEADY)
    if verdict == "possible":
        return {"up": POSSIBLE_RISE, "down": POSSIBLE_FALL}.get(direction, STEADY)
    return STEADY


def change_text(current, previous, pct, verdict) -> str:
    """'+12% (123 vs 60) · significant' — counts always beside the %. ``current`` and
    ``previous`` may be numbers or display texts ("<5")."""
    def fmt(v):
        return v if isinstance(v, str) else _fmt_count(v)

    counts = f"{fmt(current)} vs {fmt(previous)}"
    if pct is None or (isinstance(pct, float) and math.isnan(pct)):
        return f"{counts} · {verdict}"
    rounded = round(pct)
    return f"{'0' if rounded == 0 else f'{rounded:+d}'}% ({counts}) · {verdict}"


def ytd_bars(df: pd.DataFrame, *, label_col: str, this_label: str, last_label: str,
             verdict_labels: dict[str, str] | None = None, current_col: str = "current",
             previous_col: str = "previous", no_data_label: str = "no data",
             height: int | None = None) -> go.Figure:
    """This period (red/blue only for a significant or possible rise/fall) beside the same
    months a year earlier (grey), horizontal, each row labelled with the change, the
    counts and the verdict.

    ``df`` columns: ``label_col, current_col, previous_col, pct_change, verdict,
    direction`` and, when present, ``<col>_display`` texts (see
    :func:`data_access.figures.trends.period_comparison`, whose like-for-like columns are
    ``current_compared`` and ``previous``); ``verdict_labels`` translates the verdicts.
    """
    data = df.iloc[::-1]  # plotly draws the first row at the bottom
    words = verdict_labels or {}
    text = [change_text(c, p, pct, words.get(v, v)) for c, p, pct, v in
            zip(_shown(data, current_col, no_data_label),
                _shown(data, previous_col, no_data_label), data["pct_change"],
                data["verdict"])]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=data[label_col], x=data[previous_col], name=last_label,
                         orientation="h", marker_color="#bdbdbd",
                         hovertemplate="%{y}: %{x:,}<extra>" + last_label + "</extra>"))
    fig.add_trace(go.Bar(y=data[label_col], x=data[current_col], name=this_label,
                         orientation="h",
                         marker_color=[verdict_color(v, d) for v, d in
                                       zip(data["verdict"], data["direction"])],
                         text=text, textposition="outside", cliponaxis=False,
                         hovertemplate="%{y}: %{x:,}<extra>" + this_label + "</extra>"))
    top = pd.to_numeric(pd.concat([data[current_col], data[previous_col]]),
                        errors="coerce").max()
    fig.update_layout(
        barmode="group", height=height or max(300, 52 * len(data) + 90), font=FONT,
        # The legend has its own strip at the bottom, clear of the axis ticks.
        margin={"l": 10, "r": 10, "t": 10, "b": 50}, plot_bgcolor="white",
        xaxis={"range": [0, (top if top and top == top else 1) * 1.6], "tickformat": ",d",
               "gridcolor": "#eeeeee"},
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
                "x": 0},
    )
    return fig


def yearly_bars(df: pd.DataFrame, *, keys: list[str], tick_labels: dict | None = None,
                totals: dict | None = None, no_data_label: str = "no data",
                height: int = 420) -> go.Figure:
    """Stacked bars per calendar year, one colour per key.

    ``df`` columns: ``year, key, label, count`` and ``count_display`` when present (see
    :func:`data_access.figures.trends.yearly_series`). ``tick_labels`` (year → text, e.g.
    "2024<br>42 of 47 counties") and ``totals`` (year → text written above each bar) come
    from the page, which takes them from the figures; the chart adds nothing up.
    """
    years = sorted(int(y) for y in df["year"].unique())
    ticks = [(tick_labels or {}).get(y, str(y)) for y in years]
    fig = go.Figure()
    for i, key in enumerate(keys):
        part = df[df["key"] == key].set_index("year").reindex(years)
        if part["label"].isna().all():
            continue
        label = part["label"].dropna().iloc[0]
        shown = _shown(part.reset_index(), "count", no_data_label)
        fig.add_trace(go.Bar(x=ticks, y=part["count"], name=label, marker_color=color_for(i),
                             text=shown, textposition="none",
                             hovertemplate=f"{label}, %{{x}}: %{{text}}<extra></extra>"))
    # Where each stack ends (to place the total written above it; not a figure).
    heights = df[df["key"].isin(keys)].groupby("year")["count"].sum(min_count=1)
    heights = heights.reindex(years).fillna(0)
    top = heights.max()
    if totals:
        fig.add_trace(go.Scatter(x=ticks, y=heights, mode="text",
                                 text=[totals.get(y, "") for y in years],
                                 textposition="top center", showlegend=False,
                                 hoverinfo="skip"))
    fig.update_layout(barmode="stack", height=height, font=FONT, plot_bgcolor="white",
                      margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      # "2021" would make plotly guess a numeric axis
                      xaxis={"type": "category"},
                      yaxis={"tickformat": ",d", "gridcolor": "#eeeeee",
                             "range": [0, float(top if top == top and top else 1) * 1.15]},
                      legend={"orientation": "h", "y": -0.15, "yanchor": "top", "x": 0})
    return fig


AREA_STYLES = {"county": ("#D55E00", "solid", 3.2), "region": ("#0072B2", "dash", 2.2),
               "kenya": ("#333333", "dot", 2.2)}


def rate_lines(df: pd.DataFrame, *, y_title: str, no_data_label: str = "no data",
               height: int = 360) -> go.Figure:
    """Monthly rate per 100,000 for a county (solid), its region (dashed) and Kenya
    (dotted). ``df`` columns: ``month, area, label, count, rate_per_100k`` and
    ``count_display`` when present (see
    :func:`data_access.figures.trends.area_rate_series`); counts are in the hover, months
    without data are gaps."""
    fig = go.Figure()
    for area, (color, dash, width) in AREA_STYLES.items():
        part = df[df["area"] == area].sort_values("month")
        if part.empty:
            continue
        label = part["label"].iloc[0]
        fig.add_trace(go.Scatter(
            x=part["month"], y=part["rate_per_100k"], name=label, mode="lines+markers",
            connectgaps=False,
            line={"color": color, "dash": dash, "width": width}, marker={"size": 5},
            text=_shown(part, "count", no_data_label),
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
    """Dumbbells, one row per flagged pair (most severe on top): the usual level for the
    time of year (hollow grey) and the month examined (red), joined by a line, with how
    far above the expected range it is written at the end.

    ``df`` columns: ``label_col, current, baseline_mean, score`` (see
    :func:`data_access.figures.emerging.emerging_threats`); hidden values are left out.
    ``labels`` names the markers: keys "baseline" and "current".
    """
    data = df.iloc[::-1]
    fig = go.Figure()
    for _, r in data.iterrows():
        xs = [v for v in (r["baseline_mean"], r["current"]) if pd.notna(v)]
        if not xs:
            continue
        fig.add_trace(go.Scatter(x=[min(xs), max(xs)], y=[r[label_col]] * 2, mode="lines",
                                 line={"color": "#cccccc", "width": 6}, showlegend=False,
                                 hoverinfo="skip"))
    score_text = [f"score {z:.1f}" if pd.notna(z) else "" for z in data["score"]]
    for col, key, color, symbol in (("baseline_mean", "baseline", "#888888", "circle-open"),
                                    ("current", "current", RISE, "circle")):
        fig.add_trace(go.Scatter(
            x=data[col], y=data[label_col], mode="markers+text" if col == "current" else
            "markers", name=labels[key],
            marker={"color": color, "size": 13 if col == "current" else 11, "symbol": symbol,
                    "line": {"width": 2, "color": color}},
            text=score_text if col == "current" else None, textposition="middle right",
            hovertemplate=f"%{{y}}: {labels[key]} %{{x:,.1f}}<extra></extra>",
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
