"""County profile: what lies behind one county's numbers — its crime trend and rate against
its region and Kenya, the concerns raised at its forums, the commitments made there and
their status, and its chiefs' sentiment and reporting — the three sources side by side.

``?county=<code>`` (e.g. ``/county?county=024``) opens a county directly; without a county
the page offers a picker."""

import datetime as dt

import pandas as pd
import streamlit as st

from charts.profile import chiefs_chart, count_bars, status_bars
from charts.trends import emerging_chart, rate_lines, ytd_bars
from data_access import reference
from data_access.chiefs import chiefs_by_county, chiefs_monthly, chiefs_top_themes
from data_access.county_profile import commitment_list, commitment_status_counts, concerns_by_theme
from data_access.crime import crime_by_county
from data_access.emerging import emerging_threats
from data_access.forums import forums_in_period
from data_access.metrics import DEFINITIONS, classify_change, pct_change, rate_per_100k
from data_access.status import data_status
from data_access.trends import area_rate_series, year_on_year
from ui.blocks import chart_block, kpi
from ui.filters import current_filters, set_county
from ui.i18n import t

f = current_filters()
lang = f.lang
sw = lang == "sw"
counties = {c.code: c for c in reference.counties()}
regions = {r.code: r for r in reference.REGIONS}


def wrap(text: str, width: int = 24) -> str:
    """Break a long axis label over lines (plotly understands <br>)."""
    words, lines, line = str(text).split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join([*lines, line])


def fmt(v, spec: str = ",.0f") -> str:
    return "<5" if pd.isna(v) else format(v, spec)


def total_text(values: pd.Series) -> str:
    """The sum of counts some of which may be hidden ("<5", NaN): exact when none is,
    else a lower bound ("≥ 7": each hidden count is at least 1). A public total is never
    printed exactly beside hidden parts, so no small count can be worked out by difference.
    """
    hidden = int(values.isna().sum())
    visible = int(values.fillna(0).sum())
    return f"≥ {visible + hidden:,}" if hidden else f"{visible:,}"


def kpi_pair():
    """Two KPI cards side by side; stacked on a presenter screen, where type is large."""
    return (st.container(), st.container()) if f.public else st.columns(2)


VERDICTS = {v: t(f"verdict_{v}", lang) for v in ("significant", "possible", "too few to tell")}


# --- no county yet: a picker ------------------------------------------------------------
if not f.county:
    st.title(t("county_profile", lang))
    st.info(t("choose_county", lang), icon=":material/location_city:")
    in_scope = [c for c in sorted(counties.values(), key=lambda c: c.name)
                if not f.region or c.region_code == f.region]
    pick = st.selectbox(t("county", lang), [""] + [c.code for c in in_scope],
                        format_func=lambda c: counties[c].name if c else t("pick_county", lang),
                        key="profile_pick")
    if pick:
        set_county(pick)
    st.stop()

county = counties[f.county]
region = regions[county.region_code]
region_name = region.name_sw if sw else region.name
codes = (county.code,)
prev_start, prev_end = f.previous

st.title(county.name)
st.caption(t("profile_caption", lang, region=region_name, population=f"{county.population_2019:,}",
             period=f.period_label))

# --- the numbers behind each source -------------------------------------------------------
crime = crime_by_county(start=f.start, end=f.end, prev_start=prev_start, prev_end=prev_end,
                        categories=f.categories, public=f.public).set_index("county_code")
row = crime.loc[county.code]
in_region = crime[crime["region_code"] == county.region_code]
rate_region = rate_per_100k(in_region["count"].fillna(0).sum(),
                            in_region["population_2019"].sum())
rate_kenya = rate_per_100k(crime["count"].fillna(0).sum(), crime["population_2019"].sum())
forums = forums_in_period(start=f.start, end=f.end, county_codes=codes)
concerns = concerns_by_theme(start=f.start, end=f.end, county_codes=codes, themes=f.themes,
                             public=f.public)
concerns_note = None
if not len(forums):
    # No forum in the period: the concerns of the county's forums up to the period's end
    # are shown instead, and the caption says so.
    first = f.data_first or dt.date(2000, 1, 1)
    earlier = forums_in_period(start=first, end=f.end, county_codes=codes)
    if len(earlier):
        last_forum = earlier.iloc[-1]
        concerns = concerns_by_theme(start=first, end=f.end, county_codes=codes,
                                     themes=f.themes, public=f.public)
        concerns_note = t("concerns_fallback", lang, end=f"{f.end:%d %b %Y}",
                          edition=last_forum["edition"], date=f"{last_forum['held_on']:%d %b %Y}")
    else:
        concerns_note = t("no_forums", lang)
statuses = commitment_status_counts(as_of=f.end, county_codes=codes, themes=f.themes,
                                    public=f.public)
chiefs = chiefs_by_county(start=f.start, end=f.end, county_codes=codes,
                          public=f.public).iloc[0]
status = data_status().set_index("source")
as_of = {k: status.loc[k, "last"] for k in ("observatory", "forums", "commitments", "chiefs")}
theme_label = "theme_sw" if sw else "theme"


def crime_delta() -> tuple[str | None, str, str]:
    """'+12% vs 868' (the count itself is the KPI value), its colour and the verdict."""
    if pd.isna(row["count"]) or pd.isna(row["previous"]):
        return None, "off", ""
    verdict = classify_change(row["count"], row["previous"])
    pct = pct_change(row["count"], row["previous"])
    prev = f"{int(row['previous']):,}"
    text = f"{pct:+.0f}% vs {prev}" if pct == pct else f"vs {prev}"
    return text, "inverse" if verdict == "significant" else "off", verdict


# --- the three sources side by side --------------------------------------------------------
obs_col, forum_col, chief_col = st.columns(3, gap="medium")

with obs_col:
    st.header(t("observatory", lang), divider="gray")
    k1, k2 = kpi_pair()
    delta, colour, verdict = crime_delta()
    kpi(k1, t("kpi_crimes", lang), row["count_display"], delta=delta, delta_color=colour,
        help_text=f"{f.period_label} vs the previous {f.months} months"
        + (f": {verdict}. " if verdict else ". ") + DEFINITIONS["significance"])
    kpi(k2, t("kpi_rate", lang), fmt(row["rate_per_100k"], ",.1f"),
        help_text=DEFINITIONS["rate"])
    lines = [t("rates_line", lang, county=county.name, rate=fmt(row["rate_per_100k"], ",.1f"),
               region=region_name, rate_region=f"{rate_region:,.1f}",
               rate_kenya=f"{rate_kenya:,.1f}")]
    if verdict:
        lines.insert(0, t("crimes_line", lang, count=row["count_display"],
                          previous=row["previous_display"], months=f.months,
                          verdict=t(f"verdict_{verdict}", lang)))
    st.caption(" ".join(lines))

    rates = area_rate_series(start=f.start, end=f.end, county_code=county.code,
                             categories=f.categories, public=f.public)
    if sw:
        rates.loc[rates["area"] == "region", "label"] = f"Eneo la {region_name}"
    fig = rate_lines(rates, y_title=t("per_100k_month", lang), height=330)
    table = pd.DataFrame({"month": rates["month"].dt.strftime("%Y-%m"), "area": rates["label"],
                          "crimes": rates["count_display"],
                          "population (2019)": rates["population"],
                          "rate per 100,000": rates["rate_per_100k"].round(2)})
    chart_block(t("rate_vs_title", lang), fig, table, filters=f, definition=DEFINITIONS["rate"],
                source="National Crime Trends Observatory (crime_agg); population: KNBS 2019 "
                       "census", as_of=as_of["observatory"], key="profile_rates")

    threats = emerging_threats(start=f.start, end=f.end, county_codes=codes,
                               categories=f.categories, public=f.public)
    label = "category_sw" if sw else "category"
    reason = "reason_sw" if sw else "reason"
    if threats.empty:
        fig, table = None, pd.DataFrame()
    else:
        threats["row"] = threats[label].map(wrap)
        fig = emerging_chart(threats, label_col="row", labels={
            "baseline": t("baseline_avg", lang), "previous": t("previous_month", lang),
            "current": t("latest_month", lang)})
        table = pd.DataFrame({
            "category": threats[label], "month": threats["month"].dt.strftime("%Y-%m"),
            "latest month": threats["current_display"],
            "previous month": threats["previous_display"],
            "6-month average": threats["baseline_display"], "z": threats["z"].round(2),
            "reason": threats[reason]})
    chart_block(t("county_emerging", lang), fig, table, filters=f,
                definition=DEFINITIONS["emerging"], source="National Crime Trends Observatory "
                "(crime_agg)", as_of=as_of["observatory"], key="profile_emerging",
                caption=t("no_emerging", lang) if threats.empty else None)
    for text in threats[reason].head(5):
        st.markdown(f"- {text}")

with forum_col:
    st.header(t("forums_commitments", lang), divider="gray")
    k1, k2 = kpi_pair()
    bound = "≥: some counts are under 5 and hidden; each adds at least 1."
    kpi(k1, t("kpi_concerns", lang), total_text(concerns["concerns"]),
        help_text="Concerns raised at this county's forums. " + bound)
    kpi(k2, t("kpi_commitments", lang), total_text(statuses["commitments"]),
        help_text=t("commitments_made", lang) + ". " + bound)
    st.caption(t("forums_line", lang, forums=f"{len(forums):,}") + " "
               + t("overdue_line", lang, overdue=total_text(statuses["overdue"]),
                   date=f"{f.end:%d %b %Y}"))

    shown = concerns[concerns["concerns"].fillna(1) > 0].copy()
    shown["row"] = shown[theme_label].map(wrap)
    fig = count_bars(shown, label_col="row", value_col="concerns", text_col="concerns_display",
                     color="#8C6D31") if not shown.empty else None
    table = pd.DataFrame({"theme": shown[theme_label], "concerns": shown["concerns_display"],
                          "share %": (shown["share"] * 100).round(1)})
    chart_block(t("concerns_by_theme", lang), fig, table, filters=f,
                definition="Concerns raised at this county's Jukwaa la Usalama forums, by "
                           "theme. Counts under 5 on sensitive themes (GBV, violent extremism) "
                           "always read <5.",
                source="Forum records (concerns)", as_of=as_of["forums"],
                key="profile_concerns", caption=concerns_note)

    statuses["row"] = statuses["label_sw" if sw else "label"]
    # Hidden (<5) counts are NaN: only a county with no commitment at all gets no chart.
    any_made = not (statuses["commitments"].fillna(1) == 0).all()
    fig = status_bars(statuses, label_col="row",
                      overdue_word=t("overdue_word", lang)) if any_made else None
    table = pd.DataFrame({"status": statuses["row"],
                          "commitments": statuses["commitments_display"],
                          "of them overdue": statuses["overdue_display"]}) if any_made \
        else pd.DataFrame()
    chart_block(t("commitments_by_status", lang), fig, table, filters=f,
                definition=DEFINITIONS["resolution"] + "\n\n" + DEFINITIONS["overdue"],
                source="Forum commitments and their status updates",
                as_of=as_of["commitments"], key="profile_status",
                caption=t("status_as_of", lang, date=f"{f.end:%d %b %Y}"))

with chief_col:
    st.header(t("chiefs_reports", lang), divider="gray")
    k1, k2 = kpi_pair()
    kpi(k1, t("kpi_compliance", lang),
        "—" if pd.isna(chiefs["compliance"]) else f"{chiefs['compliance']:.0%}",
        help_text=t("compliance", lang) + ". " + DEFINITIONS["compliance"])
    kpi(k2, t("kpi_sentiment", lang),
        "—" if pd.isna(chiefs["sentiment_mean"]) else f"{chiefs['sentiment_mean']:.2f}",
        help_text=DEFINITIONS["sentiment"])
    st.caption(t("reports_of", lang, reports=chiefs["reports_display"],
                 expected=f"{int(chiefs['expected']):,}"))

    monthly = chiefs_monthly(start=f.start, end=f.end, county_codes=codes, public=f.public)
    has_reports = monthly["expected"].sum() > 0
    fig = chiefs_chart(monthly, sentiment_title=t("sentiment_index", lang),
                       compliance_title=t("compliance", lang)) if has_reports else None
    table = pd.DataFrame({
        "month": monthly["month"].dt.strftime("%Y-%m"), "reports": monthly["reports_display"],
        "expected": monthly["expected"], "compliance %": (monthly["compliance"] * 100).round(1),
        "sentiment (1–5)": monthly["sentiment_mean"].round(2),
        "barazas held": monthly["barazas_held"],
        "top concern": monthly["top_theme_sw" if sw else "top_theme"],
    }) if has_reports else pd.DataFrame()
    chart_block(t("sentiment_compliance", lang), fig, table, filters=f,
                definition=DEFINITIONS["sentiment"] + "\n\n" + DEFINITIONS["compliance"],
                source="Chiefs' monthly reports (NGAO)", as_of=as_of["chiefs"],
                key="profile_chiefs")

    top_themes = chiefs_top_themes(start=f.start, end=f.end, county_codes=codes,
                                   public=f.public)
    if top_themes.empty:
        fig, table = None, pd.DataFrame()
    else:
        top_themes["row"] = top_themes[theme_label].map(wrap)
        fig = count_bars(top_themes, label_col="row", value_col="reports",
                         text_col="reports_display", color="#7F3C8D")
        table = pd.DataFrame({"theme": top_themes[theme_label],
                              "reports": top_themes["reports_display"],
                              "share %": (top_themes["share"] * 100).round(1)})
    chart_block(t("chief_top_themes", lang), fig, table, filters=f,
                definition="How many chiefs' monthly reports named each theme as their "
                           "location's top concern in the period.",
                source="Chiefs' monthly reports (NGAO)", as_of=as_of["chiefs"],
                key="profile_chief_themes")

# --- full width: the commitments with their due dates, and crime by category ---------------
items = commitment_list(as_of=f.end, county_codes=codes, themes=f.themes, public=f.public)
table = pd.DataFrame({
    "commitment": items["title"], "institution": items["institution_short"],
    "theme": items[theme_label], "made": items["made_on"].dt.date,
    "due": items["due_on"].dt.date,
    "status": items["status_label_sw" if sw else "status_label"],
    "overdue": [("⚠ " + t("overdue_days", lang, days=int(d))) if o else ""
                for o, d in zip(items["overdue"], items["days_overdue"].fillna(0))],
})
chart_block(t("commitment_list", lang), None, table, filters=f,
            definition=DEFINITIONS["overdue"], source="Forum commitments and their status "
            "updates", as_of=as_of["commitments"], key="profile_commitments",
            caption=t("status_as_of", lang, date=f"{f.end:%d %b %Y}"))

yoy = year_on_year(start=f.start, end=f.end, by="category", categories=f.categories,
                   county_codes=codes, public=f.public)
yoy["label"] = yoy["label_sw" if sw else "label"]
top = yoy.head(10)
this_label = f"{top.iloc[0]['period_from']:%b %Y}–{top.iloc[0]['period_to']:%b %Y}"
last_label = f"{top.iloc[0]['previous_from']:%b %Y}–{top.iloc[0]['previous_to']:%b %Y}"
fig = ytd_bars(top, label_col="label", this_label=this_label, last_label=last_label,
               verdict_labels=VERDICTS)
table = pd.DataFrame({"category": top["label"], this_label: top["current_display"],
                      last_label: top["previous_display"],
                      "change %": top["pct_change"].round(1), "z": top["z"].round(2),
                      "is it real?": top["verdict"].map(VERDICTS)})
chart_block(t("category_change_title", lang), fig, table, filters=f,
            definition=DEFINITIONS["previous_year"] + "\n\n" + DEFINITIONS["significance"],
            source="National Crime Trends Observatory (crime_agg)", as_of=as_of["observatory"],
            key="profile_categories")
