"""Overview: the national picture in seconds — KPIs, the crime-rate map and commitment
resolution by region, for the filters in the sidebar."""

import pandas as pd
import streamlit as st

from charts.classes import RATE_SCHEME
from charts.commitments import resolution_rate_bars
from charts.maps import county_choropleth
from charts.trends import emerging_chart
from data_access import clock
from data_access.commitments import commitment_totals, resolution_by_region
from data_access.concerns import concerns_raised
from data_access.figures.crime import county_crime, crime_summary
from data_access.figures.emerging import emerging_threats, examined_month
from data_access.figures.scope import month_label
from data_access.forums import forum_totals
from data_access.metrics import definition
from data_access.status import data_status
from geo.boundaries import ATTRIBUTION, counties_geojson
from ui.blocks import chart_block, count_text, kpi
from ui.filters import current_filters, set_county
from ui.i18n import commitments_public_note, t, verdict_label
from ui.maps import map_view

f = current_filters()
lang = f.lang
status = data_status().set_index("source")

st.title(t("overview", lang))
st.caption(t("overview_caption", lang, scope=f.scope_label, period=f.period_label))

scope = f.scope
summary = crime_summary(scope)
crime = county_crime(scope)
# Commitment figures as the audience sees them: public ones are sums of protected region ×
# status cells over every commitment to date, all themes (the region in scope, else Kenya).
commit = resolution_by_region(as_of=f.end, county_codes=f.county_codes, themes=f.themes,
                              audience=f.audience)
totals = commitment_totals(as_of=f.end, county_codes=f.county_codes, themes=f.themes,
                           audience=f.audience).iloc[0]
forums = forum_totals(start=f.start, end=f.end, county_codes=f.county_codes,
                      audience=f.audience).iloc[0]
# Concerns raised = at forums held in the period + in chiefs' reports for its months.
# Public: every concern to date, all themes, for the selected area's region (Kenya when
# none): the data layer ignores the period and themes there, and the note says so.
concerns = concerns_raised(start=f.start, end=f.end, county_codes=f.county_codes,
                           themes=f.themes, audience=f.audience).iloc[0]

# --- KPIs ------------------------------------------------------------------------------
# Counts always stand beside the %; colour only when the change is real (docs/METHODS.md).
if summary.total != summary.total:  # NaN: no crime data in the period
    crime_value, delta, verdict = t("no_data_short", lang), None, None
else:
    crime_value = summary.total_display + (" *" if summary.hidden else "")
    verdict = summary.verdict
    if summary.previous != summary.previous or summary.change_hidden:
        delta = None
    elif summary.pct_change != summary.pct_change:
        delta = f"{summary.difference:+,.0f} vs {summary.previous_display}"
    else:
        delta = f"{summary.pct_change:+.0f}% vs {summary.previous_display}"
delta_color = "inverse" if summary.direction != "none" else "off"
res_rate = "—" if pd.isna(totals["resolution_rate"]) else f"{totals['resolution_rate']:.0%}"
# Public: what the commitment figures cover (all themes, to date, by region), said once.
cm_note = commitments_public_note(totals, clock.today(), lang) if f.public else None

# Two rows of three keep labels and the counts under them whole on a laptop screen.
c1, c2, c3 = st.columns(3)
c4, c5, c6 = st.columns(3)
kpi(c1, t("crimes_recorded", lang), crime_value,
    delta=delta, delta_color=delta_color,
    delta_description=verdict_label(verdict, lang) if verdict else None,
    delta_arrow="auto" if summary.direction != "none" else "off",
    help_text=definition("crime_count", lang) + " " + definition("change", lang) + " "
    + definition("significance", lang)
    + (" * " + definition("disclosure", lang) if summary.hidden else ""))
kpi(c2, t("rate_per_100k", lang),
    t("no_data_short", lang) if summary.rate_per_100k != summary.rate_per_100k
    else f"{summary.rate_per_100k:,.1f}",
    delta=None if summary.counties_complete == summary.counties
    else f"{summary.counties_complete} of {summary.counties} counties", delta_arrow="off",
    help_text=definition("rate", lang) + " " + t("def_rate_complete", lang))
kpi(c3, t("forums_held", lang), forums["forums_display"],
    delta=t("brief_attended", lang, n=int(forums["attendance"])) if forums["forums"] else None,
    delta_arrow="off",
    help_text=t("def_forums_held", lang))
kpi(c4, t("concerns_raised", lang), concerns["concerns_display"],
    delta=t("concerns_parts", lang, forum=concerns["forum_concerns_display"],
            chief=concerns["chief_concerns_display"]), delta_arrow="off",
    help_text=definition("concerns_raised", lang))
kpi(c5, t("resolution_rate", lang), res_rate,
    delta=f"{count_text(totals, 'fulfilled')} of {count_text(totals, 'verified')} verified",
    delta_arrow="off", delta_description=f"{count_text(totals, 'unverified')} unverified",
    help_text=definition("resolution", lang) + (f" {cm_note}" if cm_note else ""))
kpi(c6, t("overdue", lang), count_text(totals, "overdue"),
    delta=f"of {count_text(totals, 'made')} made", delta_arrow="off",
    delta_description=t("kpi_past_due_unverified", lang,
                        n=count_text(totals, "past_due_unverified")),
    help_text=definition("overdue", lang) + " " + definition("past_due_unverified", lang)
    + (f" {cm_note}" if cm_note else ""))

# What the crime figures cover and what the change compares with, said once under the KPIs.
st.caption(f"{t('crimes_recorded', lang)}: {summary.coverage(lang)} · "
           f"{summary.comparison(lang)}")
if cm_note:
    st.caption(cm_note)
if f.public:
    st.caption(t("concerns_public_note", lang,
                 area=concerns["area_sw" if lang == "sw" else "area"]))

# --- map and resolution ----------------------------------------------------------------
left, right = st.columns([3, 2])
with left:
    crime["class"] = RATE_SCHEME.classify(
        crime["rate_per_100k"], suppressed=crime["count_display"].str.startswith("<"))
    crime["crimes"] = crime["count_display"].where(crime["basis"] != "no data",
                                                   t("no_data_short", lang))
    crime["rate"] = crime["rate_per_100k"].round(1)
    fig = county_choropleth(
        crime, counties_geojson(), class_col="class", scheme=RATE_SCHEME,
        hover={"crimes": True, "rate": True, "population_2019": ":,", "note": True,
               "class": False, "county_code": False},
        legend_title="per 100,000", height=560, **map_view(f.county_codes),
    )
    table = crime[["county_code", "county", "region", "crimes", "population_2019",
                   "rate", "note"]].rename(columns={"county_code": "code",
                                                    "population_2019": "population (2019)",
                                                    "rate": "rate per 100,000"})
    chart_block(t("crime_map_title", lang), fig, table, filters=f,
                definition=definition("rate", lang) + "\n\n" + definition("coverage", lang) + "\n\n"
                + definition("precedence", lang),
                source="National Crime Trends Observatory (crime_agg); population: KNBS 2019 "
                       "census", as_of=status.loc["observatory", "last"], key="overview_map",
                caption=f"{summary.coverage(lang)}. {ATTRIBUTION}")
with right:
    commit["label"] = commit["region_sw"] if lang == "sw" else commit["region"]
    fig = resolution_rate_bars(commit, label_col="label", lang=lang)
    table = commit[["region", "resolution_rate", "fulfilled_or_partly_rate"]].copy()
    for col in ("made", "unverified", "verified", "fulfilled", "partly", "not_fulfilled",
                "overdue", "past_due_unverified"):
        # Counts as they read: "<5", a range or "≈" in public; "<5" for a hidden count of
        # a sensitive theme internally (then the column is text throughout).
        hidden = f.public or commit[col].isna().any()
        table.insert(len(table.columns) - 2, col,
                     commit[f"{col}_display"] if hidden else commit[col])
    table["resolution_rate"] = (table["resolution_rate"] * 100).round(1)
    table["fulfilled_or_partly_rate"] = (table["fulfilled_or_partly_rate"] * 100).round(1)
    table = table.rename(columns={"resolution_rate": "resolution rate %",
                                  "fulfilled_or_partly_rate": "fulfilled or partly %",
                                  "past_due_unverified": "past due, not yet verified"})
    chart_block(t("resolution_by_region", lang), fig, table, filters=f,
                definition=definition("resolution", lang) + "\n\n" + definition("overdue", lang)
                + "\n\n" + definition("past_due_unverified", lang),
                source="Forum commitments and their status updates",
                as_of=status.loc["commitments", "last"], key="overview_resolution",
                caption=commitments_public_note(None, clock.today(), lang) if f.public
                else f"Status as of {f.end:%d %b %Y}, commitments made up to that date.")

# --- emerging threats ------------------------------------------------------------------
# County × category pairs well above their usual level for the time of year
# (data_access.figures.emerging); the reasons beside the chart open the county profile.
EMERGING_MAX = 20
threats = emerging_threats(scope)
examined = examined_month(scope)
sw = lang == "sw"
reason_col = "reason_sw" if sw else "reason"
shown = threats.head(EMERGING_MAX).copy()
em_chart, em_reasons = st.columns([3, 2])
with em_chart:
    if examined is None:
        fig, table, caption = None, shown, t("no_emerging_month", lang)
    elif shown.empty:
        fig, table = None, shown
        caption = t("no_emerging", lang, month=month_label(examined, lang))
    else:
        shown["row"] = (shown["category_sw" if sw else "category"] + " · " + shown["county"])
        fig = emerging_chart(shown, label_col="row", labels={
            "baseline": t("baseline_avg", lang), "current": month_label(examined, lang)})
        table = shown[["county", "category", "current_display", "baseline_display",
                       "score", reason_col]].rename(columns={
                           "current_display": month_label(examined, lang),
                           "baseline_display": t("baseline_avg", lang),
                           reason_col: "reason"})
        table["score"] = table["score"].round(1)
        caption = t("emerging_caption", lang, month=month_label(examined, lang))
        if len(threats) > len(shown):
            caption += f" ({len(shown)} of {len(threats)})"
    chart_block(t("emerging_threats", lang), fig, table, filters=f,
                definition=definition("emerging", lang),
                source="National Crime Trends Observatory (crime_agg, monthly and daily "
                       "records)", as_of=status.loc["observatory", "last"],
                key="overview_emerging", caption=caption)
with em_reasons:
    for i, r in enumerate(shown.head(6).itertuples()):
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown(f"**{getattr(r, reason_col)}**", width="stretch")
        if row.button(t("open_short", lang), key=f"overview_emerging_open_{i}", width="content",
                             help=f"{t('open_profile', lang)}: {r.county}",
                             icon=":material/location_city:"):
            set_county(r.county_code, page="views/county_profile.py")
