"""Trends: crime month by month with the same months a year earlier beside it, broken down
by category, region or county; year to date against the same months a year earlier;
small multiples for the top categories; and a yearly view that uses published yearly
figures — which never appear in the monthly charts.

Every number comes from :mod:`data_access.figures` (``crime_summary`` and
``data_access.figures.trends``); this page only formats it. A month without data is a
gap, never 0; a month to date is labelled and never compared as a whole month; every
change says what it is compared with.
"""

import pandas as pd
import streamlit as st

from charts.trends import small_multiples, trend_lines, yearly_bars, ytd_bars
from data_access.figures.change import VERDICTS
from data_access.figures.crime import crime_summary
from data_access.figures.scope import Period, month_label
from data_access.figures.trends import (
    YEARLY_ONLY,
    latest_month_period,
    monthly_availability,
    monthly_message,
    period_comparison,
    top_keys,
    trend_series,
    yearly_series,
    ytd_comparison,
    ytd_period,
)
from data_access.metrics import definition
from data_access.status import data_status
from ui.blocks import chart_block, kpi
from ui.filters import current_filters
from ui.i18n import t, verdict_label

SOURCE = "National Crime Trends Observatory: published counts, and incident points where " \
         "nothing was published"
YEARLY_SOURCE = "National Crime Trends Observatory: published yearly figures (e.g. NPS " \
                "annual crime reports) and complete years of monthly records"
SMALL_MULTIPLES = 9

f = current_filters()
lang = f.lang
scope, period = f.scope, f.period
status = data_status().set_index("source")
as_of = status.loc["observatory", "last"]
no_data = t("no_data_short", lang)
label_col = "label_sw" if lang == "sw" else "label"

st.title(t("trends", lang))
st.caption(t("trends_caption", lang, scope=f.scope_label, period=f.period_label))

by = st.segmented_control(
    t("break_down_by", lang), options=["total", "category", "region", "county"],
    default="category", key="trends_by", format_func=lambda v: t(f"by_{v}", lang),
) or "category"


def _pct(value: float) -> str:
    """'+12%', '−3%'; a change that rounds to nothing reads '0%' (never '-0%')."""
    rounded = round(value)
    return "0%" if rounded == 0 else f"{rounded:+d}%"


def _kpi(col, label: str, p: Period, *, count, shown: str, cur: str, prev: str, pct,
         verdict: str, hidden: bool, compared: str, notes: str, about: str) -> None:
    """One KPI: the count, the change as '+12% (1,234 vs 1,100) · no clear change' (the
    like-for-like counts beside the %) and, under the card, what it is compared with; an
    arrow and a colour only for a significant or possible change."""
    lines = [compared]
    if pd.isna(count):
        yearly = monthly_availability(scope.with_period(p)) == YEARLY_ONLY
        value = t("yearly_only_value", lang) if yearly else no_data
        if yearly:
            lines = [monthly_message(scope.with_period(p), lang=lang)]
    else:
        value = shown
    delta, colour, arrow = None, "off", "off"
    if pd.notna(count) and cur and prev and not hidden:
        counts = f"{cur} vs {prev}"
        delta = (f"{_pct(pct)} ({counts})" if pd.notna(pct) else counts) + \
            f" · {verdict_label(verdict, lang)}"
        if verdict in ("significant", "possible"):
            colour, arrow = "inverse", "auto"
    help_text = f"{notes}\n\n{about} {definition('significance', lang)}"
    if p.to_date:
        lines.append(_to_date_note(p))
    kpi(col, label, value, delta=delta, delta_color=colour, delta_arrow=arrow,
        help_text=help_text)
    col.caption(" ".join(line if line.endswith(".") else line + "." for line in lines))


def _to_date_note(p: Period) -> str:
    return t("to_date_note", lang, month=month_label(p.end, lang),
             day=f"{p.end.day} {month_label(p.end, lang).split()[0]}")


def _row_kpi(col, label: str, p: Period, about: str) -> pd.DataFrame:
    """A KPI from the scope's total over ``p`` (the one comparison of the figures layer);
    returns the comparison for reuse."""
    frame = period_comparison(scope.with_period(p), by="total")
    row = frame.iloc[0]
    compared = p.comparison_label(lang)
    if lang != "sw" and row["note"]:
        compared += f"; {row['note']}"
    hidden = row["current_compared_display"].startswith("<") or \
        row["previous_display"].startswith("<")
    _kpi(col, label, p, count=row["count"], shown=row["count_display"],
         cur=row["current_compared_display"], prev=row["previous_display"],
         pct=row["pct_change"],
         verdict=row["verdict"], hidden=hidden, compared=compared, notes=compared,
         about=about)
    return frame


# --- KPIs: the period, the year to date and the latest month, each against a year earlier
ytd_p, last_p = ytd_period(period), latest_month_period(period)
summary = crime_summary(scope)
c1, c2, c3 = st.columns(3)
_kpi(c1, f.period_label, period, count=summary.total,
     shown=summary.total_display,
     cur=summary.current_compared_display, prev=summary.previous_display,
     pct=summary.pct_change,
     verdict=summary.verdict, hidden=summary.change_hidden,
     compared=summary.comparison(lang),
     notes=f"{summary.comparison(lang)}. {summary.coverage(lang)}.",
     about=definition("change", lang))
ytd_total = _row_kpi(c2, f"{t('ytd', lang)}, {ytd_p.label(lang)}", ytd_p, definition("ytd", lang))
_row_kpi(c3, last_p.label(lang), last_p, definition("previous_year", lang))

monthly_note = monthly_message(scope, lang=lang)
to_date_caption = _to_date_note(period) if period.to_date else ""


def _month_text(series: pd.DataFrame) -> list[str]:
    return [f"{month_label(m, lang)} ({t('to_date', lang)})" if td else month_label(m, lang)
            for m, td in zip(series["month"], series["to_date"])]


def _display(col: pd.Series) -> pd.Series:
    return col.replace("", no_data)


def _reporting(n: pd.Series, k: pd.Series) -> list[str]:
    return [t("reporting", lang, n=int(a), k=int(b)) for a, b in zip(n, k)]


def _no_monthly(title: str) -> None:
    st.subheader(title)
    st.info(monthly_note)
    st.caption(summary.coverage(lang) + ".")


# --- monthly lines with the previous year dashed ----------------------------------------
keys: list[str] = []
lines = 5
if monthly_note:
    _no_monthly(t("monthly_title", lang))
else:
    series = trend_series(scope, by=by)
    series["label"] = series[label_col]
    n_keys = series["key"].nunique()
    max_lines = min(10, n_keys)
    lines = st.slider(t("lines_shown", lang), 1, max_lines, min(5, max_lines),
                      key="trends_lines") if max_lines > 1 else 1
    keys = top_keys(series, lines)
    shown = series[series["key"].isin(keys)]
    fig = trend_lines(shown, keys=keys, y_title=t("crimes_per_month", lang),
                      previous_label=t("year_earlier", lang), no_data_label=no_data,
                      to_date_label=t("to_date", lang), reporting_label=t("reporting", lang))
    table = pd.DataFrame({
        "month": _month_text(shown),
        by: shown["label"],
        "crimes": _display(shown["count_display"]),
        "counties reporting": _reporting(shown["counties_reporting"], shown["counties"]),
        "same month a year earlier": [month_label(m, lang) for m in shown["previous_month"]],
        "crimes a year earlier": _display(shown["previous_year_display"]),
        "counties reporting a year earlier": _reporting(
            shown["previous_counties_reporting"], shown["counties"]),
    })
    notes = [summary.coverage(lang) + ".", t("trends_gaps", lang), to_date_caption]
    if n_keys > len(keys):
        notes.insert(0, t("shown_of", lang, n=len(keys), total=n_keys))
    chart_block(t("monthly_title", lang), fig, table, filters=f,
                definition=definition("previous_year", lang) + "\n\n"
                + definition("coverage", lang),
                source=SOURCE, as_of=as_of, key="trends_monthly",
                caption=" ".join(n for n in notes if n))

# --- year to date vs the same months a year earlier ---------------------------------------
ytd = ytd_comparison(scope, by=by) if by != "total" else ytd_total
ytd["label"] = ytd[label_col]
# Keys with nothing in either period (0 or no data on both sides) are not listed.
hidden = ytd["count_display"].str.startswith("<") | ytd["previous_display"].str.startswith("<")
active = (ytd["count"].fillna(0) > 0) | (ytd["previous"].fillna(0) > 0) | hidden
listed = ytd[active] if active.any() else ytd
top = listed.head(12)
this_label, last_label = ytd_p.label(lang), ytd_p.comparison.label(lang)
verdicts = {v: verdict_label(v, lang) for v in VERDICTS}
fig = ytd_bars(top, label_col="label", this_label=this_label, last_label=last_label,
               verdict_labels=verdicts, current_col="current_compared",
               previous_col="previous", no_data_label=no_data)
table = pd.DataFrame({
    by: top["label"], this_label: _display(top["count_display"]),
    f"{this_label}, like for like": _display(top["current_compared_display"]),
    last_label: _display(top["previous_display"]),
    "change %": top["pct_change"].round(1), "difference": top["difference"].round(0),
    "z": top["z"].round(2), "is it real?": top["verdict"].map(verdicts),
    "note": top["note"],
})
notes = [ytd_p.comparison_label(lang) + ".", t("trends_like_for_like", lang)]
if ytd_p.to_date:
    notes.append(_to_date_note(ytd_p))
if len(listed) > len(top):
    notes.insert(0, t("shown_of", lang, n=len(top), total=len(listed)))
if len(listed) < len(ytd):
    notes.append(t("not_listed", lang, n=len(ytd) - len(listed)))
chart_block(t("ytd_title", lang), fig, table, filters=f,
            definition=definition("ytd", lang) + "\n\n" + definition("significance", lang),
            source=SOURCE, as_of=as_of, key="trends_ytd", caption=" ".join(notes))

# --- small multiples: the top categories -------------------------------------------------
if monthly_note:
    _no_monthly(t("small_multiples_title", lang))
else:
    cats = trend_series(scope, by="category")
    cats["label"] = cats[label_col]
    cat_keys = top_keys(cats, SMALL_MULTIPLES)
    shown = cats[cats["key"].isin(cat_keys)]
    fig = small_multiples(shown, keys=cat_keys, previous_label=t("year_earlier", lang),
                          current_label=f.period_label, no_data_label=no_data,
                          to_date_label=t("to_date", lang))
    table = pd.DataFrame({
        "category": shown["label"], "month": _month_text(shown),
        "crimes": _display(shown["count_display"]),
        "a year earlier": _display(shown["previous_year_display"]),
    })
    chart_block(t("small_multiples_title", lang), fig, table, filters=f,
                definition=definition("previous_year", lang), source=SOURCE, as_of=as_of,
                key="trends_multiples",
                caption=" ".join(n for n in (t("trends_gaps", lang), to_date_caption) if n))

# --- yearly view (the only place published yearly figures appear) -------------------------
yearly = yearly_series(scope, by=by)
if not yearly.empty and yearly["count"].notna().any():
    totals = yearly_series(scope, by="total").set_index("year")
    yearly["label"] = yearly[label_col]
    # The same keys (and so the same colours) as the monthly chart above.
    # Keys with nothing in any year are left out.
    has = set(yearly.loc[(yearly["count"].fillna(0) > 0)
                         | yearly["count_display"].str.startswith("<"), "key"])
    y_keys = [k for k in keys if k in has] or \
        [k for k in top_keys(yearly, len(yearly)) if k in has][:lines]
    shown = yearly[yearly["key"].isin(y_keys)]
    ticks = {int(y): str(y) if r.complete else
             f"{y}<br>{t('reporting', lang, n=r.counties_reporting, k=r.counties)}"
             for y, r in totals.iterrows()}
    fig = yearly_bars(shown, keys=y_keys, tick_labels=ticks,
                      totals={int(y): r.count_display if by == "total" else
                              f"{t('by_total', lang)}: {r.count_display}"
                              for y, r in totals.iterrows()},
                      no_data_label=no_data)
    table = pd.DataFrame({
        "year": shown["year"], by: shown["label"],
        "crimes": _display(shown["count_display"]),
        "from published yearly figures": shown["published"],
        "from 12 months of records": shown["from_months"],
        "counties with a yearly value": _reporting(shown["counties_reporting"],
                                                   shown["counties"]),
    })
    caption = t("trends_yearly_caption", lang)
else:
    fig, table, caption = None, pd.DataFrame(), t("no_yearly", lang)
chart_block(t("yearly_title", lang), fig, table, filters=f,
            definition=definition("yearly", lang) + "\n\n" + definition("precedence", lang),
            source=YEARLY_SOURCE, as_of=as_of, key="trends_yearly", caption=caption)
