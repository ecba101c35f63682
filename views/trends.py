"""Trends: crime month by month with the same months a year earlier beside it, broken down
by category, region or county; year to date against last year to date; small multiples
for the top categories; and a yearly view that uses published yearly figures — which
never appear in the monthly charts."""

import pandas as pd
import streamlit as st

from charts.trends import MONTH_ABBR, small_multiples, trend_lines, yearly_bars, ytd_bars
from data_access.metrics import DEFINITIONS, classify_change, pct_change
from data_access.status import data_status
from data_access.trends import top_keys, trend_series, yearly_series, ytd_comparison
from ui.blocks import chart_block, kpi
from ui.filters import current_filters
from ui.i18n import t

MONTHS_SW = ("Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des")
SOURCE = "National Crime Trends Observatory (crime_agg: incidents and monthly published counts)"
SMALL_MULTIPLES = 9

f = current_filters()
lang = f.lang
status = data_status().set_index("source")
as_of = status.loc["observatory", "last"]

st.title(t("trends", lang))
st.caption(t("trends_caption", lang, scope=f.scope_label, period=f.period_label))

by = st.segmented_control(
    t("break_down_by", lang), options=["total", "category", "region", "county"],
    default="category", key="trends_by", format_func=lambda v: t(f"by_{v}", lang),
) or "category"

series = trend_series(start=f.start, end=f.end, by=by, categories=f.categories,
                      county_codes=f.county_codes, public=f.public)
n_keys = series["key"].nunique()
label_col = "label_sw" if lang == "sw" else "label"
series["label"] = series[label_col]


def _fmt(v) -> str:
    return "<5" if pd.isna(v) else f"{int(v):,}"


# --- KPIs: the period, the year to date and the latest month, each against a year earlier
# Totals come from the undivided series, so a hidden small group never lowers them.
total = trend_series(start=f.start, end=f.end, by="total", categories=f.categories,
                     county_codes=f.county_codes, public=f.public)
ytd_total = ytd_comparison(end=f.end, by="total", categories=f.categories,
                           county_codes=f.county_codes, public=f.public).iloc[0]


def _delta(cur, prev) -> tuple[str | None, str]:
    """'+12% (123 vs 110; too few to tell)', coloured only when the change is real."""
    if pd.isna(cur) or pd.isna(prev):
        return None, "off"
    verdict = classify_change(cur, prev)
    pct = pct_change(cur, prev)
    counts = f"{int(cur):,} vs {int(prev):,}"
    text = f"{pct:+.0f}% ({counts}; {verdict})" if pct == pct else f"{counts}; {verdict}"
    return text, "inverse" if verdict == "significant" else "off"


c1, c2, c3 = st.columns(3)
cur, prev = total["count"].sum(min_count=1), total["previous_year"].sum(min_count=1)
d, colour = _delta(cur, prev)
kpi(c1, f.period_label, _fmt(cur), delta=d,
    delta_color=colour,
    help_text=t("period_vs_year_earlier", lang) + ". " + DEFINITIONS["previous_year"] + " "
    + DEFINITIONS["significance"])
d, colour = _delta(ytd_total["current"], ytd_total["previous"])
ytd_from, ytd_to = ytd_total["period_from"], ytd_total["period_to"]
kpi(c2, f"{t('ytd', lang)} ({ytd_from:%b}–{ytd_to:%b %Y})", _fmt(ytd_total["current"]),
    delta=d, delta_color=colour, help_text=DEFINITIONS["ytd"] + " "
    + DEFINITIONS["significance"])
last = total.iloc[-1]
d, colour = _delta(last["count"], last["previous_year"])
kpi(c3, f"{last['month']:%b %Y}", _fmt(last["count"]), delta=d, delta_color=colour,
    help_text=DEFINITIONS["previous_year"] + " " + DEFINITIONS["significance"])

# --- monthly lines with the previous year dashed ----------------------------------------
max_lines = min(10, n_keys)
lines = st.slider(t("lines_shown", lang), 1, max_lines, min(5, max_lines), key="trends_lines",
                  disabled=max_lines <= 1) if max_lines > 1 else 1
keys = top_keys(series, lines)
shown = series[series["key"].isin(keys)]
fig = trend_lines(shown, keys=keys, y_title=t("crimes_per_month", lang),
                  previous_label=t("year_earlier", lang))
table = pd.DataFrame({
    "month": shown["month"].dt.strftime("%Y-%m"),
    by: shown["label"],
    "crimes": shown["count_display"],
    "same month a year earlier": shown["previous_month"].dt.strftime("%Y-%m"),
    "crimes a year earlier": shown["previous_year_display"],
})
chart_block(t("monthly_title", lang), fig, table, filters=f,
            definition=DEFINITIONS["previous_year"] + "\n\n" + DEFINITIONS["significance"],
            source=SOURCE, as_of=as_of, key="trends_monthly",
            caption=t("shown_of", lang, n=len(keys), total=n_keys) if n_keys > len(keys)
            else None)

# --- year to date vs last year to date ----------------------------------------------------
ytd = ytd_comparison(end=f.end, by=by, categories=f.categories, county_codes=f.county_codes,
                     public=f.public)
ytd["label"] = ytd[label_col]
top = ytd.head(12)
this_label = f"{ytd_from:%b}–{ytd_to:%b %Y}"
prev_from, prev_to = ytd.iloc[0]["previous_from"], ytd.iloc[0]["previous_to"]
last_label = f"{prev_from:%b}–{prev_to:%b %Y}"
VERDICTS = {v: t(f"verdict_{v}", lang) for v in ("significant", "possible", "too few to tell")}
fig = ytd_bars(top, label_col="label", this_label=this_label, last_label=last_label,
               verdict_labels=VERDICTS)
table = pd.DataFrame({
    by: top["label"], this_label: top["current_display"], last_label: top["previous_display"],
    "change": top["change"], "change %": top["pct_change"].round(1), "z": top["z"].round(2),
    "is it real?": top["verdict"].map(VERDICTS),
})
chart_block(t("ytd_title", lang), fig, table, filters=f,
            definition=DEFINITIONS["ytd"] + "\n\n" + DEFINITIONS["significance"],
            source=SOURCE, as_of=as_of, key="trends_ytd",
            caption=t("shown_of", lang, n=len(top), total=len(ytd))
            if len(ytd) > len(top) else None)

# --- small multiples: the top categories -------------------------------------------------
cats = trend_series(start=f.start, end=f.end, by="category", categories=f.categories,
                    county_codes=f.county_codes, public=f.public)
cats["label"] = cats[label_col]
cat_keys = top_keys(cats, SMALL_MULTIPLES)
shown = cats[cats["key"].isin(cat_keys)]
fig = small_multiples(shown, keys=cat_keys)
table = pd.DataFrame({
    "category": shown["label"], "month": shown["month"].dt.strftime("%Y-%m"),
    "crimes": shown["count_display"], "a year earlier": shown["previous_year_display"],
})
chart_block(t("small_multiples_title", lang), fig, table, filters=f,
            definition=DEFINITIONS["previous_year"], source=SOURCE, as_of=as_of,
            key="trends_multiples")

# --- yearly view (the only place published yearly figures appear) -------------------------
yearly = yearly_series(by=by, categories=f.categories, county_codes=f.county_codes,
                       public=f.public)
if not yearly.empty:
    yearly["label"] = yearly[label_col]
    # The same keys (and so the same colours) as the monthly chart above.
    y_keys = [k for k in keys if k in set(yearly["key"])] or top_keys(yearly, lines)
    shown = yearly[yearly["key"].isin(y_keys)]
    fig = yearly_bars(shown, keys=y_keys, month_names=MONTHS_SW if lang == "sw" else MONTH_ABBR)
    months = MONTHS_SW if lang == "sw" else MONTH_ABBR
    table = pd.DataFrame({
        "year": shown["year"],
        "months covered": [f"{months[a - 1]}–{months[b - 1]}"
                           for a, b in zip(shown["first_month"], shown["last_month"])],
        by: shown["label"], "crimes": shown["count_display"],
        "from published yearly figures": shown["published"],
        "from monthly and daily records": shown["from_months"],
    })
else:
    fig, table = None, pd.DataFrame()
chart_block(t("yearly_title", lang), fig, table, filters=f, definition=DEFINITIONS["yearly"],
            source="National Crime Trends Observatory: published yearly figures (e.g. NPS "
                   "annual crime reports) and monthly/daily records", as_of=as_of,
            key="trends_yearly", caption=t("yearly_caption", lang))
