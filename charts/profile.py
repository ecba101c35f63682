"""Charts of the county profile: concerns by theme, commitments by status, and chiefs'
sentiment with reporting compliance. Pure functions: DataFrame in, plotly Figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

FONT = {"size": 14}

# Status colours: grey for unverified (never a failure), cool for work under way,
# green for done, red-orange for stalled / not fulfilled.
STATUS_COLORS = {
    "unverified": "#bdbdbd", "not_started": "#9ecae1", "in_progress": "#4292c6",
    "stalled": "#fdae6b", "partly_fulfilled": "#a1d99b", "fulfilled": "#31a354",
    "not_fulfilled": "#d94801",
}


def _dtick(top) -> int | None:
    """Whole-number ticks for small counts (plotly would label 0, 0.5, 1 as '0 1 1')."""
    return 1 if not top or top != top or top <= 6 else None


def count_bars(df: pd.DataFrame, *, label_col: str, value_col: str, text_col: str,
               color: str = "#1b7f79", x_title: str = "", height: int | None = None
               ) -> go.Figure:
    """Horizontal bars, first row on top, each labelled with its display text (so a
    hidden count reads "<5" and draws no bar)."""
    data = df.iloc[::-1]
    fig = go.Figure(go.Bar(
        y=data[label_col], x=pd.to_numeric(data[value_col], errors="coerce").fillna(0),
        orientation="h", text=data[text_col], textposition="outside", cliponaxis=False,
        marker_color=color, hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    top = pd.to_numeric(data[value_col], errors="coerce").max()
    fig.update_layout(
        height=height or max(220, 30 * len(data) + 70), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 30, "t": 10, "b": 10}, showlegend=False,
        xaxis={"title": x_title, "tickformat": ",d", "gridcolor": "#eeeeee",
               "range": [0, (top if top and top == top else 1) * 1.25],
               "dtick": _dtick(top)},
    )
    return fig


def status_bars(df: pd.DataFrame, *, label_col: str, overdue_word: str = "overdue",
                height: int | None = None) -> go.Figure:
    """Commitments per status, one colour per status, overdue ones named in the label.

    ``df`` columns: ``status, label_col, commitments, commitments_display, overdue,
    overdue_display`` (see :func:`data_access.county_profile.commitment_status_counts`).
    """
    data = df.iloc[::-1]
    text = [f"{c}" + (f" · {o} {overdue_word}" if o not in ("0", "") else "")
            for c, o in zip(data["commitments_display"], data["overdue_display"])]
    fig = go.Figure(go.Bar(
        y=data[label_col], x=pd.to_numeric(data["commitments"], errors="coerce").fillna(0),
        orientation="h", text=text, textposition="outside", cliponaxis=False,
        marker_color=[STATUS_COLORS.get(s, "#888888") for s in data["status"]],
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    top = pd.to_numeric(data["commitments"], errors="coerce").max()
    fig.update_layout(
        height=height or max(240, 32 * len(data) + 70), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 30, "t": 10, "b": 10}, showlegend=False,
        xaxis={"tickformat": ",d", "gridcolor": "#eeeeee",
               "range": [0, (top if top and top == top else 1) * 1.45],
               "dtick": _dtick(top)},
    )
    return fig


def chiefs_chart(df: pd.DataFrame, *, sentiment_title: str, compliance_title: str,
                 height: int = 420) -> go.Figure:
    """Two panels sharing the months: the median sentiment score (1–5, an ordinal score:
    whole steps; the share of low scores and n in the hover) above reporting compliance
    (%, bars). ``df`` columns: ``month, median, low_share, rated, compliance,
    reports_display, expected`` (see :func:`data_access.chiefs.chiefs_monthly`); a month
    without data is a gap."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=(sentiment_title, compliance_title),
                        row_heights=[0.55, 0.45])
    low = ["—" if pd.isna(v) else f"{v:.0%}" for v in df["low_share"]]
    fig.add_trace(go.Scatter(
        x=df["month"], y=df["median"], mode="lines+markers", name=sentiment_title,
        line={"color": "#7F3C8D", "width": 2.6, "shape": "hv"}, marker={"size": 6},
        customdata=list(zip(low, df["rated"], strict=True)),
        hovertemplate="%{x|%b %Y}: median %{y:.0f} · low (1–2) %{customdata[0]} · "
                      "n = %{customdata[1]}<extra></extra>"), row=1, col=1)
    text = [f"{r} of {e}" for r, e in zip(df["reports_display"], df["expected"])]
    fig.add_trace(go.Bar(
        x=df["month"], y=df["compliance"] * 100, name=compliance_title,
        marker_color="#56B4E9", text=text,
        hovertemplate="%{x|%b %Y}: %{y:.0f}% (%{text} reports)<extra></extra>"),
        row=2, col=1)
    fig.update_yaxes(range=[1, 5], dtick=1, gridcolor="#eeeeee", row=1, col=1)
    fig.update_yaxes(range=[0, 105], ticksuffix="%", gridcolor="#eeeeee", row=2, col=1)
    fig.update_xaxes(tickformat="%b\n%Y")
    fig.update_annotations(font={"size": 13})
    fig.update_layout(height=height, font=FONT, plot_bgcolor="white", showlegend=False,
                      margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig
