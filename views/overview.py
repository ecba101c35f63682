"""Overview: the national picture in seconds — KPIs, the crime-rate map and commitment
resolution by region, for the filters in the sidebar."""

import streamlit as st

from charts.bars import rate_bars
from charts.classes import RATE_SCHEME
from charts.maps import county_choropleth
from charts.trends import emerging_chart
from data_access.commitments import resolution_by_region
from data_access.crime import crime_by_county
from data_access.emerging import emerging_threats
from data_access.forums import concerns_by_county_theme, forums_in_period
from data_access.metrics import DEFINITIONS, classify_change, pct_change, rate_per_100k
from data_access.status import data_status
from geo.boundaries import ATTRIBUTION, counties_geojson
from ui.blocks import chart_block, kpi
from ui.filters import current_filters, set_county
from ui.i18n import t
from ui.maps import map_view

f = current_filters()
lang = f.lang
status = data_status().set_index("source")

st.title(t("overview", lang))
st.caption(t("overview_caption", lang, scope=f.scope_label, period=f.period_label))

prev_start, prev_end = f.previous
crime = crime_by_county(start=f.start, end=f.end, prev_start=prev_start, prev_end=prev_end,
                        categories=f.categories, county_codes=f.county_codes, public=f.public)
commit = resolution_by_region(as_of=f.end, county_codes=f.county_codes, themes=f.themes)
forums = forums_in_period(start=f.start, end=f.end, county_codes=f.county_codes)
concerns = concerns_by_county_theme(start=f.start, end=f.end, county_codes=f.county_codes,
                                    themes=f.themes)

# --- KPIs ------------------------------------------------------------------------------
total = int(crime["count"].fillna(0).sum())
previous = int(crime["previous"].fillna(0).sum())
population = int(crime["population_2019"].sum())
verdict = classify_change(total, previous)
change = pct_change(total, previous)
# Counts always stand beside the %; colour only when the change is real (DESIGN.md §4).
if change != change:
    delta = f"{total - previous:+,} vs {previous:,}"
else:
    delta = f"{change:+.0f}% vs {previous:,}"
delta_color = "off" if verdict == "too few to tell" else "inverse"
suppressed = crime["count"].isna().any()
made = int(commit["made"].sum())
verified = int(commit["verified"].sum())
fulfilled = int(commit["fulfilled"].sum())
res_rate = f"{fulfilled / verified:.0%}" if verified else "—"

# Two rows of three keep labels and the counts under them whole on a laptop screen.
c1, c2, c3 = st.columns(3)
c4, c5, c6 = st.columns(3)
kpi(c1, t("crimes_recorded", lang), f"{total:,}" + (" *" if suppressed else ""),
    delta=delta, delta_color=delta_color, delta_description=verdict,
    help_text=DEFINITIONS["change"] + " " + DEFINITIONS["significance"]
    + (" * Small county counts are hidden in presenter mode." if suppressed else ""))
kpi(c2, t("rate_per_100k", lang), f"{rate_per_100k(total, population):,.1f}",
    help_text=DEFINITIONS["rate"])
kpi(c3, t("forums_held", lang), f"{len(forums):,}",
    delta=f"{int(forums['attendance_total'].sum()):,} attended" if len(forums) else None,
    delta_arrow="off",
    help_text="Jukwaa la Usalama forums held in the period.")
kpi(c4, t("concerns_raised", lang), f"{int(concerns['concerns'].sum()):,}",
    help_text="Concerns raised at forums and in chiefs' reports during the period.")
kpi(c5, t("resolution_rate", lang), res_rate,
    delta=f"{fulfilled} of {verified} verified", delta_arrow="off",
    delta_description=f"{made - verified} unverified",
    help_text=DEFINITIONS["resolution"])
kpi(c6, t("overdue", lang), f"{int(commit['overdue'].sum()):,}",
    delta=f"of {made} made", delta_arrow="off", help_text=DEFINITIONS["overdue"])

# --- map and resolution ----------------------------------------------------------------
left, right = st.columns([3, 2])
with left:
    crime["class"] = RATE_SCHEME.classify(crime["rate_per_100k"],
                                          suppressed=crime["count"].isna())
    crime["crimes"] = crime["count_display"]
    crime["rate"] = crime["rate_per_100k"].round(1)
    fig = county_choropleth(
        crime, counties_geojson(), class_col="class", scheme=RATE_SCHEME,
        hover={"crimes": True, "rate": True, "population_2019": ":,", "class": False,
               "county_code": False},
        legend_title="per 100,000", height=560, **map_view(f.county_codes),
    )
    table = crime[["county_code", "county", "region", "count_display", "population_2019",
                   "rate"]].rename(columns={"county_code": "code", "count_display": "crimes",
                                            "population_2019": "population (2019)",
                                            "rate": "rate per 100,000"})
    chart_block(t("crime_map_title", lang), fig, table, filters=f,
                definition=DEFINITIONS["rate"],
                source="National Crime Trends Observatory (crime_agg); population: KNBS 2019 "
                       "census", as_of=status.loc["observatory", "last"], key="overview_map",
                caption=ATTRIBUTION)
with right:
    commit["label"] = commit["region_sw"] if lang == "sw" else commit["region"]
    fig = rate_bars(commit, label_col="label", rate_col="resolution_rate",
                    numerator_col="fulfilled", denominator_col="verified",
                    rate_name=t("resolution_rate", lang))
    table = commit[["region", "made", "unverified", "verified", "fulfilled", "partly",
                    "not_fulfilled", "overdue", "resolution_rate",
                    "fulfilled_or_partly_rate"]].copy()
    table["resolution_rate"] = (table["resolution_rate"] * 100).round(1)
    table["fulfilled_or_partly_rate"] = (table["fulfilled_or_partly_rate"] * 100).round(1)
    table = table.rename(columns={"resolution_rate": "resolution rate %",
                                  "fulfilled_or_partly_rate": "fulfilled or partly %"})
    chart_block(t("resolution_by_region", lang), fig, table, filters=f,
                definition=DEFINITIONS["resolution"] + "\n\n" + DEFINITIONS["overdue"],
                source="Forum commitments and their status updates",
                as_of=status.loc["commitments", "last"], key="overview_resolution",
                caption=f"Status as of {f.end:%d %b %Y}, commitments made up to that date.")

# --- emerging threats ------------------------------------------------------------------
# County × category pairs whose latest month is a significant rise against their own
# baseline (data_access.emerging); the reasons beside the chart open the county profile.
EMERGING_MAX = 20
threats = emerging_threats(start=f.start, end=f.end, county_codes=f.county_codes,
                           categories=f.categories, public=f.public)
sw = lang == "sw"
reason_col = "reason_sw" if sw else "reason"
shown = threats.head(EMERGING_MAX).copy()
em_chart, em_reasons = st.columns([3, 2])
with em_chart:
    if shown.empty:
        fig, table, caption = None, shown, t("no_emerging", lang)
    else:
        shown["row"] = (shown["category_sw" if sw else "category"] + " · " + shown["county"])
        fig = emerging_chart(shown, label_col="row", labels={
            "baseline": t("baseline_avg", lang), "previous": t("previous_month", lang),
            "current": t("latest_month", lang)})
        table = shown[["county", "category", "current_display", "previous_display",
                       "baseline_display", "z", reason_col]].rename(columns={
                           "current_display": f"{shown['month'].iloc[0]:%b %Y}",
                           "previous_display": "previous month",
                           "baseline_display": "6-month average", reason_col: "reason"})
        table["z"] = table["z"].round(2)
        caption = t("emerging_caption", lang, month=f"{shown['month'].iloc[0]:%b %Y}")
        if len(threats) > len(shown):
            caption += f" ({len(shown)} of {len(threats)})"
    chart_block(t("emerging_threats", lang), fig, table, filters=f,
                definition=DEFINITIONS["emerging"] + "\n\n" + DEFINITIONS["significance"],
                source="National Crime Trends Observatory (crime_agg, monthly and daily "
                       "records)", as_of=status.loc["observatory", "last"],
                key="overview_emerging", caption=caption)
with em_reasons:
    for i, r in enumerate(shown.head(6).itertuples()):
        row = st.container(horizontal=True, vertical_alignment="center")
        z_text = "" if r.z != r.z else f" (z {r.z:.1f})"
        row.markdown(f"**{getattr(r, reason_col)}**{z_text}", width="stretch")
        if row.button(t("open_short", lang), key=f"overview_emerging_open_{i}", width="content",
                             help=f"{t('open_profile', lang)}: {r.county}",
                             icon=":material/location_city:"):
            set_county(r.county_code, page="views/county_profile.py")
