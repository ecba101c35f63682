"""The standard frame around every chart: title, chart/table toggle, CSV of exactly what is
shown, and a short "about this number" (definition, source, as-of date)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from data_access.figures.scope import month_label
from data_access.safe_csv import to_csv_bytes
from ui.filters import Filters
from ui.i18n import t


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "data"


def chart_block(title: str, fig: go.Figure | pdk.Deck | None, table: pd.DataFrame, *,
                filters: Filters,
                definition: str, source: str, as_of: dt.date | None, key: str,
                on_select: str | None = None, selection_mode=None, caption: str | None = None):
    """Render a chart (or its table) with the standard controls; returns the chart's
    selection state when ``on_select`` is given, else None. ``fig`` is a plotly figure
    or a pydeck map (drawn with st.pydeck_chart).

    ``table`` is exactly what the chart shows, with readable column names; the CSV
    download is that table, labelled with the filters.
    """
    lang = filters.lang
    # A wrapping row, not fixed-ratio columns: the toggle keeps its natural width (and
    # moves under the title when a narrow column has no room) instead of being clipped.
    head = st.container(horizontal=True, vertical_alignment="bottom")
    head.subheader(title)
    view = head.segmented_control(
        " ", options=["chart", "table"], default="chart", key=f"{key}_view",
        format_func=lambda v: t(v, lang), label_visibility="collapsed",
    ) if fig is not None else "table"
    selection = None
    if table.empty:
        st.info(t("no_data", lang))
    elif view == "table" or fig is None:
        st.dataframe(table, hide_index=True, width="stretch")
    elif not isinstance(fig, go.Figure):  # a pydeck map (e.g. hexagon cells)
        kwargs = {"on_select": on_select, "selection_mode": selection_mode or "single-object"}
        selection = st.pydeck_chart(fig, width="stretch", key=key,
                                    **(kwargs if on_select else {}))
    elif on_select:
        kwargs = {"selection_mode": selection_mode} if selection_mode else {}
        selection = st.plotly_chart(fig, width="stretch", key=key, on_select=on_select,
                                    config={"displaylogo": False}, **kwargs)
    else:
        st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False})
    if caption:
        st.caption(caption)
    foot = st.container(horizontal=True, vertical_alignment="top")
    with foot.expander(t("about_number", lang)):
        st.markdown(definition)
        as_of_text = "—" if as_of is None or pd.isna(as_of) else f"{as_of:%d %b %Y}"
        st.caption(f"{t('source', lang)}: {source} · {t('data_as_of', lang)} {as_of_text} · "
                   f"{filters.scope_label}, {filters.period_label}")
    if not table.empty:
        foot.download_button(
            t("download_csv", lang), data=to_csv_bytes(table),
            file_name=f"{_slug(title)}_{filters.start:%Y-%m}_{filters.end:%Y-%m}.csv",
            mime="text/csv", key=f"{key}_csv", width="content",
        )
    return selection


def rate_series_table(rates: pd.DataFrame, *, lang: str, no_data: str,
                      label_col: str = "label") -> pd.DataFrame:
    """The table behind a chart of monthly crime rates per area
    (:func:`data_access.figures.trends.areas_rate_series`), as the chart shows them."""
    return pd.DataFrame({
        "month": [month_label(m, lang) for m in rates["month"]],
        "area": rates[label_col],
        "crimes": rates["count_display"].replace("", no_data),
        "counties reporting": [t("reporting", lang, n=n, k=k) for n, k in
                               zip(rates["counties_reporting"], rates["counties"])],
        "population (2019) of the counties reporting": rates["population"],
        "rate per 100,000": rates["rate_per_100k"].round(2)})


def count_text(row, col: str) -> str:
    """A count of a data-layer row as shown: its ``<col>_display`` text ("<5") where the
    data layer hid it, else the count with thousands separators."""
    shown = row.get(f"{col}_display")
    return shown if isinstance(shown, str) and shown else f"{int(row[col]):,}"


def kpi(col, label: str, value: str, *, delta: str | None = None, delta_color: str = "off",
        delta_arrow: str = "auto", delta_description: str | None = None,
        help_text: str | None = None) -> None:
    """One KPI card; deltas are neutral grey unless the caller says the change is real.

    ``delta_arrow="off"`` for deltas that are context ("of 222 made"), not a change.
    """
    col.metric(label, value, delta=delta, delta_color=delta_color, delta_arrow=delta_arrow,
               delta_description=delta_description, help=help_text, border=True)
