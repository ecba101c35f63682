"""County profile: what lies behind one county's numbers — its crime trend and rate against
its region and Kenya, the concerns raised there (at its forums and in its chiefs' reports),
the commitments made there and
their status, and its chiefs' sentiment and reporting — the three sources side by side.

``?county=<code>`` (e.g. ``/county?county=024``) opens a county directly; without a county
the page offers a picker.

Every crime figure comes from ``data_access.figures`` (through
``data_access.county_profile.county_crime_profile``); the page only formats it."""

import datetime as dt

import pandas as pd
import streamlit as st

from charts.profile import chiefs_chart, count_bars, status_bars
from charts.trends import emerging_chart, rate_lines, ytd_bars
from data_access import clock, reference
from data_access.chiefs import chiefs_monthly, chiefs_period_summary, chiefs_top_themes
from data_access.commitments import commitment_totals
from data_access.concerns import concerns_raised
from data_access.county_profile import (
    commitment_list,
    commitment_status_counts,
    concerns_by_theme,
    county_crime_profile,
)
from data_access.figures.scope import month_label
from data_access.figures.trends import monthly_message
from data_access.forums import forum_totals
from data_access.metrics import definition
from data_access.status import data_status
from ui.blocks import chart_block, kpi, rate_series_table
from ui.filters import current_filters, set_county
from ui.i18n import commitments_public_note, t, verdict_label

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


def kpi_pair():
    """Two KPI cards side by side; stacked on a presenter screen, where type is large."""
    return (st.container(), st.container()) if f.public else st.columns(2)


verdicts = {v: verdict_label(v, lang) for v in (
    "significant", "possible", "no clear change", "too few to tell", "no data to compare")}
no_data = t("no_data_short", lang)


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

st.title(county.name)
st.caption(t("profile_caption", lang, region=region_name, population=f"{county.population_2019:,}",
             period=f.period_label))

# --- the numbers behind each source -------------------------------------------------------
# Every crime figure comes from data_access.figures (the county's row of county_crime, the
# notes of crime_summary, its region's and Kenya's summaries): nothing is added up here.
crime = county_crime_profile(f.scope)
row = crime.row
monthly_note = None if crime.monthly == "monthly" else monthly_message(f.scope, lang=lang)
forums = forum_totals(start=f.start, end=f.end, county_codes=codes,
                      audience=f.audience).iloc[0]
# Concerns raised in the period (at forums held in it + in chiefs' reports for its months):
# the same figure as the Overview and the Hotspots map for this county. Public: the
# county's region, every concern to date, all themes (the Overview's public figure); no
# breakdown by theme (data_access raises NotForPublic).
raised = concerns_raised(start=f.start, end=f.end, county_codes=codes, themes=f.themes,
                         audience=f.audience).iloc[0]
concerns = None if f.public else concerns_by_theme(
    start=f.start, end=f.end, county_codes=codes, themes=f.themes, audience=f.audience)
concerns_note = None
if not f.public and raised["concerns_at_least"] == 0:
    # Nothing raised in the period: the theme chart shows every concern raised up to the
    # period's end instead, and its caption says so (the KPI stays the period's).
    first = f.data_first or dt.date(2000, 1, 1)
    earlier = concerns_by_theme(start=first, end=f.end, county_codes=codes,
                                themes=f.themes, audience=f.audience)
    if earlier["concerns"].fillna(1).gt(0).any():
        concerns = earlier
        concerns_note = t("concerns_fallback", lang, end=f"{f.end:%d %b %Y}")
    else:
        concerns_note = t("no_concerns", lang)
statuses = commitment_status_counts(as_of=f.end, county_codes=codes, themes=f.themes,
                                    audience=f.audience)
# The totals come from the data layer, summed from the same cells (public: "≈" or a range
# where some are hidden): the Overview's commitment figures for this county.
made = commitment_totals(as_of=f.end, county_codes=codes, themes=f.themes,
                         audience=f.audience).iloc[0]
# The county's chiefs' figures over the period: those the Chiefs' reports, Hotspots and
# Compare pages give it (compliance over the months holding chiefs' data; the median score).
chiefs = chiefs_period_summary(start=f.start, end=f.end, county_codes=codes, by="area",
                               audience=f.audience).iloc[0]
status = data_status().set_index("source")
as_of = {k: status.loc[k, "last"] for k in ("observatory", "forums", "commitments", "chiefs")}
theme_label = "theme_sw" if sw else "theme"


def crime_delta() -> tuple[str | None, str, str, str | None]:
    """The KPI's change, '+11% vs 79' (the like-for-like count a year earlier beside the
    %), its colour and arrow (only for a significant or possible change) and a line for
    the caption: '88 vs 79 crimes, like for like: +11%, no clear change.'"""
    cur, prev = row["current_compared_display"], row["previous_display"]
    if not cur or not prev:  # no data on one side: nothing to compare
        return None, "off", "off", None
    pct = row["pct_change"]
    pct_text = f"{pct:+.0f}%" if pd.notna(pct) else None
    delta = f"{pct_text} vs {prev}" if pct_text else f"vs {prev}"
    line = t("change_line", lang, current=cur, previous=prev,
             change=f"{pct_text}, " if pct_text else "",
             verdict=verdict_label(row["verdict"], lang))
    real = row["verdict"] in ("significant", "possible") and row["direction"] != "none"
    return delta, "inverse" if real else "off", "auto" if real else "off", line


def rate_text(rate: float) -> str:
    return "—" if pd.isna(rate) else f"{rate:,.1f}"


def county_rate_text() -> str:
    """The county's rate for the caption; a county with data for part of the period has
    none and says why."""
    if row["basis"] == "partial":
        return t("no_rate", lang, n=row["months_covered"], k=row["months"])
    return rate_text(row["rate_per_100k"])


# --- the three sources side by side --------------------------------------------------------
obs_col, forum_col, chief_col = st.columns(3, gap="medium")

with obs_col:
    st.header(t("observatory", lang), divider="gray")
    delta, colour, arrow, change_line = crime_delta()
    if row["basis"] in ("yearly figures only", "no data"):
        # Never a 0: the county has no monthly figure for this period (or none at all).
        st.info(t("yearly_only" if row["basis"] == "yearly figures only" else "no_crime_data",
                  lang))
    else:
        k1, k2 = kpi_pair()
        kpi(k1, t("kpi_crimes", lang), row["count_display"], delta=delta, delta_color=colour,
            delta_arrow=arrow,
            help_text=definition("crime_count", lang) + " " + definition("change", lang) + " "
            + definition("significance", lang)
            + (" " + definition("yearly", lang) if f.period.whole_years else ""))
        hidden = row["count_display"].startswith("<")
        kpi(k2, t("kpi_rate", lang), rate_text(row["rate_per_100k"]),
            delta=t("hidden_rate", lang) if hidden else None, delta_arrow="off",
            help_text=definition("rate", lang))
    # What the figures cover and compare with, then the rate beside the region's and Kenya's.
    st.caption(" ".join(n for n in (
        change_line,
        f"{crime.summary.coverage(lang)} · {crime.summary.comparison(lang)}.",
        t("rates_line", lang, county=county.name, rate=county_rate_text(),
          region=region_name, rate_region=rate_text(crime.region.rate_per_100k),
          rate_kenya=rate_text(crime.kenya.rate_per_100k))) if n))

    # The county's monthly rate beside its region's and Kenya's: a month without data is a
    # gap; a period with yearly figures only has no monthly line at all.
    if monthly_note:
        st.subheader(t("rate_vs_title", lang))
        st.info(monthly_note)
    else:
        rates = crime.rates.copy()
        notes = [t("profile_gaps", lang)]
        if f.period.to_date:  # a month still running is never drawn beside whole months
            rates = rates[rates["month"] < pd.Timestamp(f.period.end.replace(day=1))]
            notes.append(t("to_date_left_out", lang, month=month_label(f.period.end, lang),
                           day=f.period.end.day))
        if sw:
            rates.loc[rates["area"] == "region", "label"] = f"Eneo la {region_name}"
        fig = rate_lines(rates, y_title=t("per_100k_month", lang), no_data_label=no_data,
                         height=330)
        table = rate_series_table(rates, lang=lang, no_data=no_data)
        chart_block(t("rate_vs_title", lang), fig, table, filters=f,
                    definition=definition("rate", lang) + "\n\n" + definition("coverage", lang),
                    source="National Crime Trends Observatory (crime_agg); population: KNBS "
                           "2019 census", as_of=as_of["observatory"], key="profile_rates",
                    caption=" ".join(notes))

    # Emerging threats in the county: the examined month against the usual level for the
    # time of year (data_access.figures.emerging).
    threats, examined = crime.threats, crime.examined
    label = "category_sw" if sw else "category"
    reason = "reason_sw" if sw else "reason"
    if monthly_note or examined is None or threats.empty:
        if monthly_note:
            message = monthly_note
        elif examined is None:
            message = t("no_emerging_month", lang)
        else:
            message = t("no_emerging", lang, month=month_label(examined, lang))
        st.subheader(t("county_emerging", lang))
        st.info(message)
    else:
        flagged = threats.copy()
        flagged["row"] = flagged[label].map(wrap)
        fig = emerging_chart(flagged, label_col="row", labels={
            "baseline": t("baseline_avg", lang), "current": month_label(examined, lang)})
        table = pd.DataFrame({
            "category": flagged[label], month_label(examined, lang): flagged["current_display"],
            t("baseline_avg", lang): flagged["baseline_display"],
            "score": flagged["score"].round(1), "reason": flagged[reason]})
        chart_block(t("county_emerging", lang), fig, table, filters=f,
                    definition=definition("emerging", lang), source="National Crime Trends "
                    "Observatory (crime_agg, monthly and daily records)",
                    as_of=as_of["observatory"], key="profile_emerging",
                    caption=t("emerging_caption", lang, month=month_label(examined, lang)))
    for text in threats[reason].head(5):
        st.markdown(f"- {text}")

with forum_col:
    st.header(t("forums_commitments", lang), divider="gray")
    k1, k2 = kpi_pair()
    bound = definition("disclosure", lang) if f.public else \
        t("def_hidden_bound", lang)
    # Public: the county's region, all themes, to date (the note under the cards says so).
    area = raised["area_sw" if sw else "area"] if f.public else None
    kpi(k1, t("kpi_concerns", lang), raised["concerns_display"],
        delta=t("concerns_parts", lang, forum=raised["forum_concerns_display"],
                chief=raised["chief_concerns_display"]), delta_arrow="off",
        help_text=definition("concerns_raised", lang) + " " + bound)
    # Public: the commitment figures are the county's region's, all themes, to date.
    cm_note = commitments_public_note(made, clock.today(), lang) if f.public else None
    kpi(k2, t("kpi_commitments", lang), made["made_display"],
        help_text=t("commitments_made", lang) + ". " + bound
        + (f" {cm_note}" if cm_note else ""))
    st.caption(t("forums_line", lang, forums=forums["forums_display"]) + " "
               + t("overdue_line", lang, overdue=made["overdue_display"],
                   unverified=made["past_due_unverified_display"],
                   date=f"{(clock.today() if f.public else f.end):%d %b %Y}")
               + (f" {cm_note}" if cm_note else ""))
    if f.public:
        st.caption(t("concerns_public_note", lang, area=area))

    if f.public:  # concerns are public by region only: no theme breakdown
        st.subheader(t("concerns_by_theme", lang))
        st.info(t("concerns_theme_not_public", lang, area=area,
                  n=raised["concerns_display"]), icon=":material/lock:")
    else:
        # A total beside a hidden part draws its lower bound ("≥ n"); a hidden total no bar.
        shown = concerns[concerns["concerns_at_least"].fillna(1) > 0].copy()
        shown["row"] = shown[theme_label].map(wrap)
        fig = count_bars(shown, label_col="row", value_col="concerns_at_least",
                         text_col="concerns_display",
                         color="#8C6D31") if not shown.empty else None
        table = pd.DataFrame({"theme": shown[theme_label],
                              "concerns raised": shown["concerns_display"],
                              "at forums": shown["forum_concerns_display"],
                              "in chiefs' reports": shown["chief_concerns_display"],
                              "share %": (shown["share"] * 100).round(1)})
        chart_block(t("concerns_by_theme", lang), fig, table, filters=f,
                    definition=definition("concerns_raised", lang) + " "
                    + t("def_sensitive_themes", lang),
                    source="Forum records (concerns) and chiefs' monthly reports (NGAO)",
                    as_of=as_of["forums"],
                    key="profile_concerns", caption=concerns_note)

    statuses["row"] = statuses["label_sw" if sw else "label"]
    # Only a county with no commitment at all gets no chart (a hidden "<5" is not none).
    any_made = made["made_display"] != "0"
    fig = status_bars(statuses, label_col="row",
                      overdue_word=t("overdue_word", lang)) if any_made else None
    table = pd.DataFrame({"status": statuses["row"],
                          "commitments": statuses["commitments_display"],
                          "of them overdue": statuses["overdue_display"],
                          "of them past due, not yet verified":
                              statuses["past_due_unverified_display"]}) if any_made \
        else pd.DataFrame()
    chart_block(t("commitments_by_status", lang), fig, table, filters=f,
                definition=definition("resolution", lang) + "\n\n" + definition("overdue", lang)
                + "\n\n" + definition("past_due_unverified", lang),
                source="Forum commitments and their status updates",
                as_of=as_of["commitments"], key="profile_status",
                caption=cm_note or t("status_as_of", lang, date=f"{f.end:%d %b %Y}"))

with chief_col:
    st.header(t("chiefs_reports", lang), divider="gray")
    k1, k2 = kpi_pair()
    kpi(k1, t("kpi_compliance", lang),
        "—" if pd.isna(chiefs["compliance"]) else f"{chiefs['compliance']:.0%}",
        help_text=t("compliance", lang) + ". " + definition("compliance", lang) + " "
        + definition("chief_months", lang))
    # The score is ordinal: its median over the period, with the share of low scores and
    # n beside it (chiefs_period_summary, as the Chiefs' reports page reads it), no mean.
    low = "—" if pd.isna(chiefs["low_share"]) else f"{chiefs['low_share']:.0%}"
    kpi(k2, t("kpi_sentiment_median", lang),
        "—" if pd.isna(chiefs["median"]) else f"{chiefs['median']:.0f}",
        delta=t("sentiment_low_n", lang, low=low, n=f"{int(chiefs['rated']):,}"),
        delta_arrow="off", help_text=definition("sentiment_median", lang))
    st.caption(t("reports_of", lang, reports=chiefs["reports_display"],
                 expected=f"{int(chiefs['expected']):,}"))

    monthly = chiefs_monthly(start=f.start, end=f.end, county_codes=codes,
                             audience=f.audience)
    has_reports = chiefs["expected"] > 0  # location-months expected in the period
    fig = chiefs_chart(monthly, sentiment_title=t("ch_measure_median", lang),
                       compliance_title=t("compliance", lang)) if has_reports else None
    table = pd.DataFrame({
        "month": monthly["month"].dt.strftime("%Y-%m"), "reports": monthly["reports_display"],
        "expected": monthly["expected"], "compliance %": (monthly["compliance"] * 100).round(1),
        "median score (1–5)": monthly["median"],
        "low scores (1–2) %": (monthly["low_share"] * 100).round(0),
        "n (reports scored)": monthly["rated"],
        "barazas held": monthly["barazas_held"],
        # Chiefs' themes are internal only (public: no theme is named).
        **({} if f.public else {"top concern": monthly["top_theme_sw" if sw else "top_theme"]}),
    }) if has_reports else pd.DataFrame()
    chart_block(t("sentiment_compliance", lang), fig, table, filters=f,
                definition=definition("sentiment_median", lang) + "\n\n"
                + definition("compliance", lang) + "\n\n" + definition("chief_months", lang),
                source="Chiefs' monthly reports (NGAO)", as_of=as_of["chiefs"],
                key="profile_chiefs")

    if f.public:  # what chiefs report on is internal only (data_access raises NotForPublic)
        st.subheader(t("chief_top_themes", lang))
        st.info(t("chief_themes_not_public", lang), icon=":material/lock:")
    else:
        top_themes = chiefs_top_themes(start=f.start, end=f.end, county_codes=codes,
                                       audience=f.audience)
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
if f.public:  # a list of records: never on a public screen (data_access raises NotForPublic)
    st.subheader(t("commitment_list", lang))
    st.info(t("cm_lists_not_public", lang), icon=":material/lock:")
else:
    items = commitment_list(as_of=f.end, county_codes=codes, themes=f.themes,
                            audience=f.audience)
    table = pd.DataFrame({
        "commitment": items["title"], "institution": items["institution_short"],
        "theme": items[theme_label], "made": items["made_on"].dt.date,
        "due": items["due_on"].dt.date,
        "status": items["status_label_sw" if sw else "status_label"],
        "overdue": [("⚠ " + t("overdue_days", lang, days=int(d))) if o
                    else t("past_due_unverified_by", lang, days=int(d)) if u else ""
                    for o, u, d in zip(items["overdue"], items["past_due_unverified"],
                                       items["days_past_due"].fillna(0))],
    })
    chart_block(t("commitment_list", lang), None, table, filters=f,
                definition=definition("overdue", lang) + "\n\n"
                + definition("past_due_unverified", lang),
                source="Forum commitments and their status "
                "updates", as_of=as_of["commitments"], key="profile_commitments",
                caption=t("status_as_of", lang, date=f"{f.end:%d %b %Y}"))

# Crime by category against the same months a year earlier (the Trends page's comparison).
cats = crime.categories.copy()
cats["label"] = cats["label_sw" if sw else "label"]
cats = cats[~((cats["count"] == 0) & (cats["previous"] == 0))]  # none on either side
top = cats.head(10)
this_label, last_label = f.period.label(lang), f.period.comparison.label(lang)
if row["basis"] in ("yearly figures only", "no data"):
    st.subheader(t("category_change_title", lang))
    st.info(monthly_note or no_data)
else:
    fig = ytd_bars(top, label_col="label", this_label=this_label, last_label=last_label,
                   verdict_labels=verdicts, current_col="current_compared",
                   previous_col="previous", no_data_label=no_data)
    table = pd.DataFrame({
        "category": top["label"], this_label: top["count_display"].replace("", no_data),
        f"{this_label}, like for like": top["current_compared_display"].replace("", no_data),
        last_label: top["previous_display"].replace("", no_data),
        "change %": top["pct_change"].round(1), "difference": top["difference"].round(0),
        "z": top["z"].round(2), "is it real?": top["verdict"].map(verdicts),
        "note": top["note"]})
    note = crime.summary.comparison(lang)  # "vs the same months …" or "no change: …"
    notes = [t("change_vs", lang, note=note) if note.startswith("vs ") else f"{note}.",
             t("profile_like_for_like", lang)]
    if len(cats) > len(top):
        notes.insert(0, t("shown_of", lang, n=len(top), total=len(cats)))
    chart_block(t("category_change_title", lang), fig, table, filters=f,
                definition=definition("change", lang) + "\n\n" + definition("significance", lang),
                source="National Crime Trends Observatory (crime_agg)",
                as_of=as_of["observatory"], key="profile_categories", caption=" ".join(notes))
