"""Bar charts with the counts behind every rate written on the bar."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def rate_bars(df: pd.DataFrame, *, label_col: str, rate_col: str, numerator_col: str,
              denominator_col: str, title: str = "", rate_name: str = "Rate",
              extra_text_col: str | None = None, height: int | None = None) -> go.Figure:
    """Horizontal bars of a 0–1 rate, each labelled '62% (31 of 50)'.

    Rows with a zero denominator get no bar and the label 'none verified'.
    """
    data = df.copy()
    pct = (data[rate_col] * 100).round(0)
    text = [
        f"{p:.0f}% ({int(n)} of {int(d)})" if d else "none verified"
        for p, n, d in zip(pct, data[numerator_col], data[denominator_col], strict=True)
    ]
    if extra_text_col:
        text = [f"{t} · {x}" for t, x in zip(text, data[extra_text_col], strict=True)]
    fig = go.Figure(go.Bar(
        x=pct.fillna(0), y=data[label_col], orientation="h", text=text,
        textposition="outside", marker_color="#1b7f79", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.update_layout(
        title=title or None, height=height or max(260, 44 * len(data) + 80),
        margin={"l": 10, "r": 40, "t": 40 if title else 10, "b": 10},
        xaxis={"title": f"{rate_name} (%)", "range": [0, 130], "ticksuffix": "%",
               "tickvals": [0, 25, 50, 75, 100]},
        yaxis={"autorange": "reversed"}, font={"size": 15}, plot_bgcolor="white",
    )
    return fig
