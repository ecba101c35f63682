"""Charts of the Chiefs' reports page: the sentiment score (ordinal 1–5) as a median with
the share of low scores or as a distribution, reporting compliance per area and month,
and chiefs' themes beside what forums heard.

Pure functions: DataFrame in (the frames of :mod:`data_access.chiefs`), plotly Figure
out. Every point carries the number of reports behind it; a month without data is an
empty (grey) cell or a missing bar, labelled, never drawn as 0. Text from the data goes
through :func:`ui.plain.plot_text`. Words come from the page (``words``: labels in the
screen's language).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from config import get_settings
from ui.plain import plot_text

FONT = {"size": 14}
NO_DATA_GREY = "#c4c4c4"  # darker than the neutral 3 (#f5f5f5): no data never reads as neutral
# One colour per score, diverging around the neutral 3 (BrBG, as charts.classes).
SCORE_COLORS = {1: "#a6611a", 2: "#dfc27d", 3: "#d9d9d9", 4: "#80cdc1", 5: "#018571"}
# Median score 1–5 on a discrete diverging scale; low-score share 0–1 on a sequential one.
_MEDIAN_SCALE = [[0.0, SCORE_COLORS[1]], [0.2, SCORE_COLORS[1]], [0.2, SCORE_COLORS[2]],
                 [0.4, SCORE_COLORS[2]], [0.4, "#f5f5f5"], [0.6, "#f5f5f5"],
                 [0.6, SCORE_COLORS[4]], [0.8, SCORE_COLORS[4]], [0.8, SCORE_COLORS[5]],
                 [1.0, SCORE_COLORS[5]]]
_LOW_SCALE = [[0.0, "#fff7ec"], [0.5, "#fc8d59"], [1.0, "#7f0000"]]
_COMPLIANCE_SCALE = [[0.0, "#d73027"], [0.5, "#fee08b"], [0.8, "#d9ef8b"], [1.0, "#1a9850"]]

# "hidden" (how a hidden count reads) follows the suppression setting: see _words.
DEFAULT_WORDS = {"no_data": "no data", "reports": "reports", "n": "n",
                 "median": "median", "low_share": "low scores (1–2)", "chiefs": "chiefs",
                 "forums": "forums", "partial": "*", "score": "score"}


def _words(words: dict | None) -> dict:
    return {**DEFAULT_WORDS, "hidden": get_settings().hidden_text, **(words or {})}


def _month_labels(months: pd.Series) -> list[str]:
    return [f"{m:%b %Y}" for m in pd.to_datetime(months)]


def _grid(df: pd.DataFrame, area_col: str, values: pd.Series, text: pd.Series):
    """Rows = areas (first area on top), columns = months: z and text matrices."""
    data = df.assign(_z=values.to_numpy(), _t=text.to_numpy(),
                     _m=_month_labels(df["month"]))
    areas = list(dict.fromkeys(data[area_col]))
    months = list(dict.fromkeys(data.sort_values("month")["_m"]))
    z = data.pivot_table(index=area_col, columns="_m", values="_z", aggfunc="first",
                         dropna=False).reindex(index=areas, columns=months)
    t = data.pivot_table(index=area_col, columns="_m", values="_t", aggfunc="first",
                         dropna=False).reindex(index=areas, columns=months)
    return areas, months, z, t.fillna("")


def _heatmap(areas, months, z, t, *, scale, zmin, zmax, colorbar: dict,
             hover: str, height: int | None) -> go.Figure:
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(dtype="float64"), x=months, y=[plot_text(a) for a in areas],
        text=t.to_numpy(), texttemplate="%{text}", textfont={"size": 11},
        colorscale=scale, zmin=zmin, zmax=zmax, xgap=2, ygap=2, colorbar=colorbar,
        hovertemplate=hover + "<extra></extra>", hoverongaps=False,
    ))
    fig.update_layout(
        height=height or max(190, 34 * len(areas) + 110), font=FONT,
        plot_bgcolor=NO_DATA_GREY, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed", "type": "category", "showgrid": False,
               "zeroline": False},
        xaxis={"type": "category", "side": "top", "showgrid": False, "zeroline": False},
    )
    return fig


def _cell_note(status: str, w: dict) -> str:
    return plot_text(w["hidden"]) if status == "hidden" else plot_text(w["no_data"])


def sentiment_heatmap(df: pd.DataFrame, *, measure: str = "median", area_col: str = "area",
                      words: dict | None = None, height: int | None = None) -> go.Figure:
    """Areas × months coloured by the median score (``measure="median"``, 1–5, discrete
    diverging colours) or by the share of low scores (``"low_share"``, 0–100 %); each
    cell reads the value and the reports behind it ("3 · n=12"). A month without reports
    is a grey cell reading "no data"; a public cell made only of hidden counts reads
    "<5". ``df``: :func:`data_access.chiefs.chiefs_sentiment`."""
    if measure not in ("median", "low_share"):
        raise ValueError(f"measure must be 'median' or 'low_share', not {measure!r}")
    w = _words(words)
    given = df["status"].eq("reports")
    if measure == "median":
        value = df["median"].where(given)
        shown = [f"{v:.0f}" if pd.notna(v) else "" for v in value]
        scale, zmin, zmax = _MEDIAN_SCALE, 0.5, 5.5
        colorbar = {"title": {"text": plot_text(w["median"])}, "tickvals": [1, 2, 3, 4, 5]}
    else:
        value = (df["low_share"] * 100).where(given)
        shown = [f"{v:.0f}%" if pd.notna(v) else "" for v in value]
        scale, zmin, zmax = _LOW_SCALE, 0, 100
        colorbar = {"title": {"text": plot_text(w["low_share"])}, "ticksuffix": "%"}
    text = pd.Series([f"{s} · {w['n']}={int(n)}" if g else _cell_note(st, w)
                      for s, n, g, st in zip(shown, df["rated"], given, df["status"],
                                             strict=True)], index=df.index)
    areas, months, z, t = _grid(df, area_col, value, text)
    return _heatmap(areas, months, z, t, scale=scale, zmin=zmin, zmax=zmax,
                    colorbar=colorbar, hover="%{y}, %{x}: %{text}", height=height)


def sentiment_distribution(df: pd.DataFrame, *, words: dict | None = None,
                           score_names: dict[int, str] | None = None,
                           height: int = 380) -> go.Figure:
    """Stacked shares of scores 1…5 per month for one area, the reports behind each
    month above its bar ("n=12"); a month without reports has no bar and reads "no
    data". ``df``: one area's rows of :func:`data_access.chiefs.chiefs_sentiment`
    (internal: the distribution is not given in public)."""
    w = _words(words)
    names = score_names or {k: str(k) for k in SCORE_COLORS}
    data = df.sort_values("month")
    x = _month_labels(data["month"])
    fig = go.Figure()
    for k, color in SCORE_COLORS.items():
        fig.add_trace(go.Bar(
            x=x, y=data[f"share_{k}"] * 100, name=plot_text(names[k]), marker_color=color,
            customdata=data[f"n_{k}"],
            hovertemplate=f"%{{x}}: {plot_text(names[k])} %{{y:.0f}}% "
                          f"(%{{customdata}})<extra></extra>"))
    labels = [f"{w['n']}={int(n)}" if s == "reports" else _cell_note(s, w)
              for n, s in zip(data["rated"], data["status"], strict=True)]
    fig.add_trace(go.Scatter(x=x, y=[103] * len(x), mode="text", text=labels,
                             textposition="top center", showlegend=False, hoverinfo="skip"))
    fig.update_layout(
        barmode="stack", height=height, font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"range": [0, 112], "ticksuffix": "%", "gridcolor": "#eeeeee",
               "tickvals": [0, 25, 50, 75, 100]},
        xaxis={"type": "category"},
        legend={"orientation": "h", "y": -0.15, "title": {"text": plot_text(w["score"])}},
    )
    return fig


def compliance_heatmap(df: pd.DataFrame, *, area_col: str = "area",
                       words: dict | None = None, height: int | None = None) -> go.Figure:
    """Areas × months coloured by reporting compliance (0–100 %), each cell reading the
    share and the counts ("80% · 4/5"). No location expected, or no report received for
    the month anywhere: a grey "no data" cell, never 0 %; public hidden cells read "<5";
    compliance over the county-months shown only is marked "*". ``df``:
    :func:`data_access.chiefs.chiefs_compliance`."""
    w = _words(words)
    given = df["status"].isin(["reported", "partial"])
    value = (df["compliance"] * 100).where(given)
    text = []
    for v, rep, exp, status in zip(value, df["reports_display"], df["expected"],
                                   df["status"], strict=True):
        if status == "reported":
            text.append(f"{v:.0f}% · {plot_text(rep)}/{int(exp)}")
        elif status == "partial":
            text.append(f"{v:.0f}%{plot_text(w['partial'])} · {plot_text(rep)}/{int(exp)}")
        else:
            text.append(_cell_note(status, w))
    areas, months, z, t = _grid(df, area_col, value, pd.Series(text, index=df.index))
    return _heatmap(areas, months, z, t, scale=_COMPLIANCE_SCALE, zmin=0, zmax=100,
                    colorbar={"ticksuffix": "%"}, hover="%{y}, %{x}: %{text}",
                    height=height)


def theme_comparison(df: pd.DataFrame, *, label_col: str = "theme",
                     words: dict | None = None, height: int | None = None) -> go.Figure:
    """Each theme's share of chiefs' reports beside its share of forum concerns (grouped
    horizontal bars, first row on top), the counts in the hover. A hidden (sensitive,
    1–4) count draws no bar and reads "<5". ``df``:
    :func:`data_access.chiefs.chief_forum_themes`."""
    w = _words(words)
    data = df.iloc[::-1]
    labels = [plot_text(v) for v in data[label_col]]
    fig = go.Figure()
    for share, count, name, color in (
            ("chief_share", "chief_reports", w["chiefs"], "#7F3C8D"),
            ("forum_share", "forum_concerns", w["forums"], "#1b7f79")):
        pct = data[share] * 100
        text = [f"{p:.0f}%" if pd.notna(p) else plot_text(d)
                for p, d in zip(pct, data[f"{count}_display"], strict=True)]
        fig.add_trace(go.Bar(
            y=labels, x=pct.fillna(0), orientation="h", name=plot_text(name),
            marker_color=color, text=text, textposition="outside", cliponaxis=False,
            customdata=[plot_text(d) for d in data[f"{count}_display"]],
            hovertemplate=f"%{{y}} — {plot_text(name)}: %{{text}} (%{{customdata}})"
                          "<extra></extra>"))
    top = pd.concat([df["chief_share"], df["forum_share"]]).max()
    fig.update_layout(
        barmode="group", height=height or max(260, 44 * len(df) + 90), font=FONT,
        plot_bgcolor="white", margin={"l": 10, "r": 30, "t": 10, "b": 10},
        xaxis={"ticksuffix": "%", "gridcolor": "#eeeeee",
               "range": [0, ((top if pd.notna(top) else 1) * 100) * 1.2 + 1]},
        legend={"orientation": "h", "y": -0.12},
    )
    return fig
