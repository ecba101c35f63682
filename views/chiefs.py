"""Chiefs' reports: is the mood falling somewhere, and is every chief reporting.

The sentiment score (ordinal 1–5) per county or region and month as a median with the
share of low scores, each with the reports behind it, and (internal) the distribution of
scores; reporting compliance per county or region and month; the locations that have not
reported for a chosen month, for follow-up; and chiefs' top concerns beside what forums
heard. Every figure comes from data_access.chiefs; this page only lays them out.

On a public screen: the median and low-score share are over the county-months whose
report count is shown, compliance likewise; the distribution by score, the list of
locations and the themes are replaced by a note (data_access raises NotForPublic).
"""

import pandas as pd
import streamlit as st

from charts.chiefs import (
    compliance_heatmap,
    sentiment_distribution,
    sentiment_heatmap,
    theme_comparison,
)
from data_access.chiefs import (
    SCORES,
    chief_forum_themes,
    chief_months_with_data,
    chiefs_compliance,
    chiefs_not_reporting,
    chiefs_sentiment,
)
from data_access.figures.calendar import month_range
from data_access.metrics import definition
from data_access.privacy import shown_text
from data_access.status import data_status
from ui.blocks import chart_block
from ui.filters import current_filters
from ui.i18n import t

f = current_filters()
lang = f.lang
sw = lang == "sw"
status = data_status().set_index("source")
as_of = status.loc["chiefs", "last"]
SOURCE = "Chiefs' monthly reports (NGAO)"
# How a hidden count reads follows the suppression setting (shown_text of a count of 1).
HIDDEN = shown_text(1)
WORDS = {"no_data": t("ch_no_data", lang), "hidden": HIDDEN, "n": "n",
         "median": t("ch_measure_median", lang), "low_share": t("ch_measure_low_share", lang),
         "chiefs": t("ch_chiefs", lang), "forums": t("ch_forums", lang),
         "score": t("ch_score", lang)}
STATUS_WORDS = {"no_reports": WORDS["no_data"], "no_month_data": WORDS["no_data"],
                "none_expected": WORDS["no_data"], "hidden": HIDDEN}
kw = {"start": f.start, "end": f.end, "county_codes": f.county_codes, "audience": f.audience}


def pct(values: pd.Series) -> pd.Series:
    """Shares 0–1 as whole percentages for a table (NaN stays empty)."""
    return (values * 100).round(0)


def month_text(months: pd.Series) -> pd.Series:
    """Months as YYYY-MM for tables and CSV."""
    return pd.to_datetime(months).dt.strftime("%Y-%m")


def area_names(df: pd.DataFrame) -> pd.Series:
    """The area column in the screen's language."""
    return df["area_sw" if sw else "area"]


st.title(t("ch_title", lang))
st.caption(t("ch_caption", lang, scope=f.scope_label, period=f.period_label))

# Many areas make tall grids: regions by default for Kenya, counties inside a region.
by = st.segmented_control(
    t("ch_by", lang), options=["county", "region"],
    default="county" if f.county_codes else "region", key="chf_by",
    format_func=lambda v: t(f"ch_by_{v}", lang)) or ("county" if f.county_codes else "region")
by_word = t(f"ch_by_{by}", lang).lower()

tab_sent, tab_comp, tab_missing, tab_themes = st.tabs([
    t("ch_tab_sentiment", lang), t("ch_tab_compliance", lang), t("ch_tab_missing", lang),
    t("ch_tab_themes", lang)])

# --- sentiment ---------------------------------------------------------------------------
with tab_sent:
    measure = st.segmented_control(
        t("ch_measure", lang), options=["median", "low_share"], default="median",
        key="chf_measure", format_func=lambda v: t(f"ch_measure_{v}", lang)) or "median"
    sent = chiefs_sentiment(**kw, by=by)
    sent["label"] = area_names(sent)
    given = sent["status"].eq("reports")
    table = pd.DataFrame({
        by_word: sent["label"], "month": month_text(sent["month"]),
        "reports received": sent["reports_display"],
        "n (reports behind the figures)": sent["rated"].where(given),
        "median score (1–5)": sent["median"],
        "low scores (1–2) %": pct(sent["low_share"]),
        "note": sent["status"].map(STATUS_WORDS).fillna(""),
    })
    if not f.public:
        for k in SCORES:
            table[f"score {k} %"] = pct(sent[f"share_{k}"])
    any_reports = bool(sent["status"].ne("no_reports").any())
    chart_block(t("ch_sentiment_title", lang, by=by_word),
                sentiment_heatmap(sent, measure=measure, area_col="label", words=WORDS),
                table if any_reports else pd.DataFrame(), filters=f,
                definition=definition("sentiment_median", lang), source=SOURCE, as_of=as_of,
                key=f"chf_sent_{by}_{measure}",
                caption=t("ch_sentiment_caption", lang,
                          measure=t(f"ch_measure_{measure}", lang).lower()))
    if f.public:
        st.caption(t("ch_public_sentiment", lang))
        st.info(t("ch_distribution_not_public", lang), icon=":material/lock:")
    else:
        dist = chiefs_sentiment(**kw, by="area")
        area = area_names(dist).iloc[0] if not dist.empty else f.scope_label
        dist_given = dist["status"].eq("reports")
        dist_table = pd.DataFrame({
            "month": month_text(dist["month"]),
            "n (reports)": dist["rated"].where(dist_given),
            "median score (1–5)": dist["median"],
            "low scores (1–2) %": pct(dist["low_share"]),
            **{f"score {k}": dist[f"n_{k}"].where(dist_given) for k in SCORES},
            **{f"score {k} %": pct(dist[f"share_{k}"]) for k in SCORES},
        })
        chart_block(t("ch_distribution_title", lang, area=area),
                    sentiment_distribution(
                        dist, words=WORDS,
                        score_names={k: t(f"ch_score_{k}", lang) for k in SCORES}),
                    dist_table if bool(dist_given.any()) else pd.DataFrame(), filters=f,
                    definition=definition("sentiment_median", lang), source=SOURCE, as_of=as_of,
                    key="chf_dist")

# --- compliance --------------------------------------------------------------------------
with tab_comp:
    comp = chiefs_compliance(**kw, by=by)
    comp["label"] = area_names(comp)
    comp_table = pd.DataFrame({
        by_word: comp["label"], "month": month_text(comp["month"]),
        "locations expected": comp["expected"], "reports received": comp["reports_display"],
        "received from expected locations": comp["on_schedule"],
        "compliance %": pct(comp["compliance"]),
        "note": comp["status"].map({**STATUS_WORDS, "partial": t("ch_partial_short", lang)})
        .fillna(""),
    })
    any_expected = bool(comp["expected"].gt(0).any())
    chart_block(t("ch_compliance_title", lang, by=by_word),
                compliance_heatmap(comp, area_col="label", words=WORDS),
                comp_table if any_expected else pd.DataFrame(), filters=f,
                definition=definition("compliance", lang) + "\n\n"
                + definition("chief_months", lang),
                source=SOURCE, as_of=as_of, key=f"chf_comp_{by}",
                caption=t("ch_compliance_caption", lang)
                + (" " + t("ch_partial_note", lang) if comp["status"].eq("partial").any()
                   else ""))

# --- locations that have not reported ----------------------------------------------------
with tab_missing:
    if f.public:
        st.info(t("ch_missing_not_public", lang), icon=":material/lock:")
    else:
        with_data = chief_months_with_data(start=f.start, end=f.end, audience=f.audience)
        months = month_range(f.start, f.end)[::-1]
        default = with_data[-1] if with_data else months[0]
        if st.session_state.get("chf_month") not in months:
            st.session_state["chf_month"] = default
        month = st.selectbox(t("ch_month", lang), months, key="chf_month",
                             format_func=lambda m: f"{m:%b %Y}")
        missing = chiefs_not_reporting(month=month, county_codes=f.county_codes,
                                       audience=f.audience)
        if month not in with_data:
            st.warning(t("ch_month_no_data", lang, month=f"{month:%b %Y}"))
        missing_table = pd.DataFrame({
            "county": missing["county"], "sub-county": missing["sub_county"],
            "location": missing["location"],
            "region": missing["region_sw" if sw else "region"],
            "expected from": month_text(missing["expected_from"]),
            "last report": month_text(missing["last_report"]).fillna("none"),
        })
        if missing.empty:
            st.success(t("ch_missing_none", lang, month=f"{month:%b %Y}"))
        chart_block(t("ch_missing_title", lang, month=f"{month:%b %Y}", n=f"{len(missing):,}"),
                    None, missing_table, filters=f, definition=definition("not_reporting", lang),
                    source=SOURCE, as_of=as_of, key="chf_missing",
                    caption=t("ch_missing_caption", lang))

# --- themes: chiefs vs forums ------------------------------------------------------------
with tab_themes:
    if f.public:
        st.subheader(t("ch_themes_title", lang))
        st.info(t("chief_themes_not_public", lang), icon=":material/lock:")
    else:
        themes = chief_forum_themes(**kw)
        themes["label"] = themes["theme_sw" if sw else "theme"]
        if not themes.empty and themes["forum_concerns"].fillna(1).eq(0).all():
            st.info(t("ch_themes_no_forum", lang))
        themes_table = pd.DataFrame({
            "theme": themes["label"],
            "chiefs' reports naming it": themes["chief_reports_display"],
            "share of chiefs' reports %": pct(themes["chief_share"]),
            "forum concerns": themes["forum_concerns_display"],
            "share of forum concerns %": pct(themes["forum_share"]),
            "difference (points)": pct(themes["difference"]),
        })
        chart_block(t("ch_themes_title", lang),
                    theme_comparison(themes, label_col="label", words=WORDS)
                    if not themes.empty else None,
                    themes_table, filters=f, definition=definition("chief_forum_themes", lang),
                    source="Chiefs' monthly reports (NGAO) and forum records", as_of=as_of,
                    key="chf_themes", caption=t("ch_themes_caption", lang))
