"""Charts for commitment follow-up: status mix with resolution rates, overdue ages, the
institution × region scorecard, fulfilment since the forum and a commitment's timeline.

Pure functions DataFrame -> plotly Figure. Every rate is drawn with the counts behind it
("57% (4 of 7 verified)"); unverified commitments are drawn apart in grey, never as
failures (docs/METHODS.md, "Commitments").
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from data_access.reference import COMMITMENT_STATUSES
from ui.plain import plot_text

# Colour-blind-safe status colours: teal for kept promises, orange/red for trouble, grey
# for what nobody has checked yet.
STATUS_COLORS: dict[str, str] = {
    "fulfilled": "#1b7f79",
    "partly_fulfilled": "#8fd0c6",
    "in_progress": "#4e79a7",
    "not_started": "#a0cbe8",
    "stalled": "#f28e2b",
    "not_fulfilled": "#c0392b",
    "unverified": "#bdbdbd",
}
# Fixed age classes for overdue commitments (days past the due date).
OVERDUE_CLASSES: tuple[tuple[int, float, str, str], ...] = (
    (1, 30, "up to 30 days", "#fdae61"),
    (31, 90, "31–90 days", "#f46d43"),
    (91, 180, "91–180 days", "#d73027"),
    (181, math.inf, "over 180 days", "#8b0000"),
)
FONT = {"size": 15}


def status_label(status: str, lang: str = "en") -> str:
    """Display label of a commitment status in English or Kiswahili."""
    en, sw = COMMITMENT_STATUSES.get(status, (status, status))
    return sw if lang == "sw" else en


def _n(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _pct(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value * 100:.0f}%"


def _shown(row, col: str) -> str:
    """A count of a row as the data layer says it reads (``<col>_display``: "<5", a range,
    "≈"), else the count itself."""
    text = row.get(f"{col}_display") if hasattr(row, "get") else None
    return text if isinstance(text, str) and text else f"{_n(row[col]):,}"


def _shown_column(data: pd.DataFrame, col: str) -> list[str]:
    """:func:`_shown` for every row of ``data``."""
    return [_shown(row, col) for _, row in data.iterrows()]


# Words written on the charts, in English and Kiswahili (presenters switch live).
_WORDS = {
    "en": {"of": "of", "verified": "verified", "unverified": "unverified",
           "none_verified": "none verified", "too_few": "too few to show (<5)",
           "open": "Open (not started, in progress, stalled)", "commitments": "Commitments",
           "rate_axis": "Resolution rate (%)"},
    "sw": {"of": "kati ya", "verified": "zilizothibitishwa", "unverified": "hazijathibitishwa",
           "none_verified": "hakuna iliyothibitishwa", "too_few": "chache mno kuonyesha (<5)",
           "open": "Bado wazi (hazijaanza, zinaendelea, zimekwama)", "commitments": "Ahadi",
           "rate_axis": "Kiwango cha utatuzi (%)"},
}


def _w(key: str, lang: str) -> str:
    return _WORDS.get(lang, _WORDS["en"])[key]


def rate_text(rate, fulfilled, verified, unverified=None, *, fulfilled_display: str = "",
              verified_display: str = "", unverified_display: str = "",
              lang: str = "en") -> str:
    """'57% (4 of 7 verified) · 1 unverified'; 'none verified' without a denominator;
    counts appear as their display text where given (e.g. '<5', '≈20')."""
    f_txt = fulfilled_display or f"{_n(fulfilled):,}"
    v_txt = verified_display or f"{_n(verified):,}"
    of, ver = _w("of", lang), _w("verified", lang)
    if not pd.isna(verified) and _n(verified) == 0:
        text = _w("none_verified", lang)
    elif pd.isna(rate):
        text = f"{f_txt} {of} {v_txt} {ver}"
    else:
        text = f"{_pct(rate)} ({f_txt} {of} {v_txt} {ver})"
    if unverified_display and unverified_display != "0":
        text += f" · {unverified_display} {_w('unverified', lang)}"
    elif unverified is not None and not pd.isna(unverified) and _n(unverified) > 0:
        text += f" · {_n(unverified):,} {_w('unverified', lang)}"
    return text


def resolution_chart(df: pd.DataFrame, *, label_col: str, public: bool = False,
                     lang: str = "en", height: int | None = None) -> go.Figure:
    """Status mix per row as stacked bars, labelled with the resolution rate and its counts.

    Segments: fulfilled, partly fulfilled, still open (verified: not started, in progress,
    stalled), not fulfilled, and unverified (grey, apart). In public mode, where counts
    are estimates from protected cells, bars show the resolution rate itself with the
    counts as they read (none where the rate is hidden), see :func:`resolution_rate_bars`.
    """
    data = df.reset_index(drop=True)
    rows = max(len(data), 1)
    height = height or max(260, 40 * rows + 90)
    if public:
        return resolution_rate_bars(data, label_col=label_col, height=height, lang=lang)
    segments = {
        "fulfilled": data["fulfilled"],
        "partly_fulfilled": data["partly"],
        "in_progress": data["verified"] - data["fulfilled"] - data["partly"]
        - data["not_fulfilled"],
        "not_fulfilled": data["not_fulfilled"],
        "unverified": data["unverified"],
    }
    names = {"in_progress": _w("open", lang)}
    fig = go.Figure()
    for status, values in segments.items():
        fig.add_trace(go.Bar(
            y=data[label_col], x=values.fillna(0), orientation="h",
            name=names.get(status, status_label(status, lang)),
            marker_color=STATUS_COLORS[status],
            hovertemplate="%{y}: %{x} " + names.get(status, status_label(status, lang)).lower()
            + "<extra></extra>",
        ))
    text = [rate_text(r["resolution_rate"], r["fulfilled"], r["verified"], r["unverified"],
                      fulfilled_display=_shown(r, "fulfilled"),
                      verified_display=_shown(r, "verified"),
                      unverified_display=_shown(r, "unverified"), lang=lang)
            for _, r in data.iterrows()]
    totals = data["made"].fillna(0)
    fig.add_trace(go.Scatter(
        y=data[label_col], x=totals, mode="text", text=[f"  {t}" for t in text],
        textposition="middle right", showlegend=False, hoverinfo="skip",
        cliponaxis=False, textfont={"size": 13},
    ))
    top = float(totals.max()) if len(totals) else 0.0
    fig.update_layout(
        barmode="stack", height=height, font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 20, "t": 40, "b": 10},
        xaxis={"title": _w("commitments", lang), "range": [0, max(top, 1) * 1.9],
               "gridcolor": "#eeeeee"},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0,
                "traceorder": "normal"},
    )
    return fig


def resolution_rate_bars(df: pd.DataFrame, *, label_col: str, height: int | None = None,
                         lang: str = "en") -> go.Figure:
    """The resolution rate per row as bars, each labelled with the counts behind it as the
    data layer says they read ('32% (≈40 of ≈125 verified)'); 'too few to show (<5)' where
    the rate is hidden, 'none verified' where nothing is."""
    data = df.reset_index(drop=True)
    height = height or max(260, 40 * max(len(data), 1) + 90)
    pct = (data["resolution_rate"] * 100).round(0)
    text = []
    for _, row in data.iterrows():
        rate, verified = row["resolution_rate"], row["verified"]
        if not pd.isna(verified) and verified == 0:
            text.append(_w("none_verified", lang))
        elif pd.isna(rate):  # hidden with a small count behind it
            text.append(_w("too_few", lang))
        else:
            text.append(rate_text(rate, row["fulfilled"], verified,
                                  fulfilled_display=_shown(row, "fulfilled"),
                                  verified_display=_shown(row, "verified"), lang=lang))
    fig = go.Figure(go.Bar(
        y=data[label_col], x=pct.fillna(0), orientation="h", text=text,
        textposition="outside", marker_color=STATUS_COLORS["fulfilled"], cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.update_layout(
        height=height, font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 40, "t": 10, "b": 10},
        xaxis={"title": _w("rate_axis", lang), "range": [0, 150], "ticksuffix": "%",
               "tickvals": [0, 25, 50, 75, 100]},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return fig


def overdue_class(days) -> str:
    """The fixed age class of a number of days overdue."""
    for lo, hi, label, _ in OVERDUE_CLASSES:
        if lo <= days <= hi:
            return label
    return OVERDUE_CLASSES[0][2]


def _short(text: str, n: int = 46) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def overdue_chart(df: pd.DataFrame, *, top: int = 25) -> go.Figure:
    """The ``top`` oldest overdue commitments as bars of days overdue, coloured by fixed
    age class, each labelled with its institution and county."""
    data = df[df["overdue"]].head(top).copy()
    # Titles are free text: escaped, so plotly shows a tag as written (not a link).
    data["label"] = [f"{plot_text(_short(t))} — {plot_text(i)}, {plot_text(c)}"
                     for t, i, c in zip(data["title"], data["institution_short"],
                                        data["county"])]
    data["age"] = [overdue_class(d) for d in data["days_overdue"]]
    fig = go.Figure()
    for _, _, label, color in OVERDUE_CLASSES:
        part = data[data["age"] == label]
        fig.add_trace(go.Bar(
            y=part["label"], x=part["days_overdue"].astype("float64"), orientation="h",
            name=label, marker_color=color, text=[f"{int(d)} days" for d in part["days_overdue"]],
            textposition="outside", cliponaxis=False,
            customdata=part[["due_on"]].astype(str).values,
            hovertemplate="%{y}<br>due %{customdata[0]}: %{x} days overdue<extra></extra>",
        ))
    fig.update_layout(
        height=max(260, 30 * len(data) + 110), font={"size": 13}, plot_bgcolor="white",
        margin={"l": 10, "r": 60, "t": 10, "b": 10},
        xaxis={"title": "Days overdue", "gridcolor": "#eeeeee"},
        yaxis={"categoryorder": "array", "categoryarray": list(data["label"]),
               "autorange": "reversed", "automargin": True},
        showlegend=True,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                "title": {"text": "Overdue by"}},
    )
    return fig


SCORECARD_METRICS: dict[str, tuple[str, str]] = {
    # key: (title, colour scale)
    "resolution_rate": ("Resolution rate (%)", "Teal"),
    "overdue_share": ("Overdue (% of made)", "OrRd"),
    "median_days_to_fulfil": ("Median days to fulfil", "Purples"),
}


def scorecard_heatmap(matrix: pd.DataFrame, *, metric: str = "resolution_rate",
                      row_col: str = "institution_short", col_col: str = "region",
                      height: int | None = None) -> go.Figure:
    """Institution × region heat table of one scorecard measure, the counts in every cell.

    ``metric``: resolution_rate (fixed 0–100% scale), overdue_share (overdue ÷ made, fixed
    0–100%) or median_days_to_fulfil. Cells with nothing made are blank; cells with
    nothing verified say so instead of showing 0%.
    """
    if metric not in SCORECARD_METRICS:
        raise ValueError(f"unknown scorecard metric {metric!r}; choose one of "
                         f"{', '.join(SCORECARD_METRICS)}")
    data = matrix.copy()
    made = data["made"]
    data["overdue_share"] = (data["overdue"] / made.where(made > 0))
    value = data[metric].astype("float64")
    if metric != "median_days_to_fulfil":
        value = value * 100
    data["value"] = value
    rows = list(dict.fromkeys(data[row_col]))
    cols = list(dict.fromkeys(data[col_col]))
    z = data.pivot_table(index=row_col, columns=col_col, values="value", aggfunc="first",
                         dropna=False).reindex(index=rows, columns=cols)

    def cell_text(r) -> str:
        # Counts as the data layer says they read ("<5", a range, "≈" on public screens).
        m = _shown(r, "made")
        if not pd.isna(r["made"]) and r["made"] == 0:
            return ""
        if metric == "resolution_rate":
            if pd.isna(r["resolution_rate"]):
                v = _shown(r, "verified")
                return f"{m} made<br>{v} verified" if v != "0" else f"{m} made<br>none verified"
            return (f"{r['resolution_rate'] * 100:.0f}%<br>{_shown(r, 'fulfilled')}/"
                    f"{_shown(r, 'verified')}")
        if metric == "overdue_share":
            if pd.isna(r["overdue_share"]):
                return f"{m} made"
            return f"{r['overdue_share'] * 100:.0f}%<br>{_shown(r, 'overdue')}/{m}"
        if pd.isna(r["median_days_to_fulfil"]):
            return f"{m} made<br>none fulfilled" if _shown(r, "fulfilled") == "0" \
                else f"{m} made"
        return f"{r['median_days_to_fulfil']:.0f} d<br>n={_shown(r, 'fulfilled')}"

    data["text"] = data.apply(cell_text, axis=1)
    text = data.pivot_table(index=row_col, columns=col_col, values="text", aggfunc="first",
                            dropna=False).reindex(index=rows, columns=cols).fillna("")
    title, scale = SCORECARD_METRICS[metric]
    fixed = {"zmin": 0, "zmax": 100} if metric != "median_days_to_fulfil" else {}
    fig = go.Figure(go.Heatmap(
        z=z.values, x=cols, y=rows, text=text.values, texttemplate="%{text}",
        textfont={"size": 12}, colorscale=scale, hoverongaps=False, xgap=2, ygap=2,
        colorbar={"title": {"text": title}}, **fixed,
        hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
    ))
    fig.update_layout(
        height=height or max(320, 46 * len(rows) + 120), font={"size": 13},
        plot_bgcolor="#f4f4f4", margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"side": "top", "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return fig


def fulfilment_curve_chart(curve: pd.DataFrame, *, overall: str = "All") -> go.Figure:
    """Cumulative share fulfilled by months since the forum, one line per group (the
    overall line thick and dark), hover with the counts behind each point."""
    fig = go.Figure()
    for name, grp in curve.groupby("group", sort=False):
        main = name == overall
        fig.add_trace(go.Scatter(
            x=grp["months"], y=(grp["share"] * 100).round(1), mode="lines+markers",
            name=str(name), line={"width": 4 if main else 2,
                                  **({"color": "#222222"} if main else {})},
            marker={"size": 7 if main else 5},
            customdata=list(zip(_shown_column(grp, "fulfilled"),
                                _shown_column(grp, "eligible"), strict=True)),
            hovertemplate=(f"{name}<br>%{{x}} months after the forum: %{{y:.0f}}% "
                           "(%{customdata[0]} of %{customdata[1]} verified)<extra></extra>"),
        ))
    fig.update_layout(
        height=420, font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"title": "Months since the forum", "dtick": 3, "gridcolor": "#eeeeee",
               "rangemode": "tozero"},
        yaxis={"title": "Fulfilled (% of verified)", "range": [0, 100], "ticksuffix": "%",
               "gridcolor": "#eeeeee"},
        legend={"orientation": "v"},
    )
    return fig


def forum_scatter(forums: pd.DataFrame) -> go.Figure:
    """Each forum: months since it was held against its resolution rate, sized by the
    commitments made there, coloured by region."""
    data = forums[forums["resolution_rate"].notna()].copy()
    fig = go.Figure()
    for region, grp in data.groupby("region", sort=True):
        fig.add_trace(go.Scatter(
            x=grp["months_since"], y=(grp["resolution_rate"] * 100).round(1), mode="markers",
            name=str(region),
            marker={"size": (grp["made"].astype(float) ** 0.5 * 6).clip(lower=6),
                    "opacity": 0.75, "line": {"width": 1, "color": "white"}},
            customdata=list(zip(grp["forum_edition"].map(plot_text),
                                grp["county"].map(plot_text),
                                _shown_column(grp, "fulfilled"),
                                _shown_column(grp, "verified"), _shown_column(grp, "made"),
                                strict=True)),
            hovertemplate=("%{customdata[0]} (%{customdata[1]})<br>%{x} months ago: %{y:.0f}% "
                           "fulfilled (%{customdata[2]} of %{customdata[3]} verified, "
                           "%{customdata[4]} made)<extra></extra>"),
        ))
    fig.update_layout(
        height=420, font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"title": "Months since the forum", "gridcolor": "#eeeeee", "rangemode": "tozero"},
        yaxis={"title": "Resolution rate (%)", "range": [-5, 105], "ticksuffix": "%",
               "gridcolor": "#eeeeee"},
    )
    return fig


def chain_timeline(items: pd.DataFrame, history: pd.DataFrame, *, today,
                   lang: str = "en") -> go.Figure:
    """One line per commitment from the day it was made to today (or its fulfilment),
    with its due date (diamond; the overdue stretch in red) and every status update as a
    dot in that status's colour.

    ``items``: commitment_id, title, made_on, due_on, fulfilled_on, current_status;
    ``history``: commitment_id, updated_on, status.
    """
    data = items.dropna(subset=["commitment_id"]).copy()
    data["label"] = [f"{plot_text(_short(t, 38))} [{int(i)}]"
                     for t, i in zip(data["title"], data["commitment_id"])]
    end = pd.Timestamp(today)
    fig = go.Figure()
    for row in data.itertuples():
        stop = row.fulfilled_on if row.current_status == "fulfilled" and pd.notna(
            row.fulfilled_on) else end
        fig.add_trace(go.Scatter(x=[row.made_on, stop], y=[row.label, row.label], mode="lines",
                                 line={"color": "#9e9e9e", "width": 3}, showlegend=False,
                                 hoverinfo="skip"))
        if pd.notna(row.due_on) and row.current_status not in ("fulfilled", "not_fulfilled") \
                and row.due_on < end:
            fig.add_trace(go.Scatter(x=[row.due_on, end], y=[row.label, row.label],
                                     mode="lines", line={"color": "#c0392b", "width": 5},
                                     showlegend=False, hoverinfo="skip"))
    due = data[data["due_on"].notna()]
    fig.add_trace(go.Scatter(
        x=due["due_on"], y=due["label"], mode="markers", name="Due date",
        marker={"symbol": "diamond-open", "size": 13, "color": "#333333",
                "line": {"width": 2}},
        hovertemplate="%{y}<br>due %{x|%d %b %Y}<extra></extra>",
    ))
    hist = history.merge(data[["commitment_id", "label"]], on="commitment_id", how="inner")
    for status in STATUS_COLORS:
        part = hist[hist["status"] == status]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["updated_on"], y=part["label"], mode="markers",
            name=status_label(status, lang),
            marker={"size": 13, "color": STATUS_COLORS[status],
                    "line": {"width": 1, "color": "white"}},
            hovertemplate="%{y}<br>%{x|%d %b %Y}: " + status_label(status, lang)
            + "<extra></extra>",
        ))
    fig.add_vline(x=end, line={"color": "#555555", "dash": "dot", "width": 1})
    fig.add_annotation(x=end, y=1, yref="paper", text="today", showarrow=False,
                       xanchor="right", yanchor="bottom", font={"size": 11, "color": "#555555"})
    fig.update_layout(
        height=max(240, 48 * len(data) + 130), font={"size": 13}, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={"type": "date", "gridcolor": "#eeeeee"},
        yaxis={"categoryorder": "array", "categoryarray": list(data["label"]),
               "autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
    )
    return fig
