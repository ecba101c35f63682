"""Compare areas: 2–8 counties, regions or Kenya side by side on shared axes and scales —
crime rate by month, top categories with their change verdicts, concerns by theme,
commitments, chiefs' sentiment and compliance — a ranking of a region's counties with
the region and Kenya for reference, one map panel per area, and an export (CSV and a
one-page PDF).

The selection lives in the URL (``?areas=047,022,R:nairobi,KE``), so a comparison can be
sent as a link and opens the same in a fresh session. Every figure comes from
``data_access.compare``; the page only formats it.
"""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from charts.compare import (
    category_change_chart,
    chiefs_lines,
    commitments_chart,
    map_multiples,
    rate_trend_chart,
    theme_share_chart,
)
from data_access import reference
from data_access.compare import (
    MAX_AREAS,
    MIN_AREAS,
    area_choices,
    area_maps,
    areas_param,
    category_changes,
    chief_months,
    commitment_figures,
    comparison_summary,
    concern_themes,
    county_ranking,
    crime_rates,
    parse_areas,
    ranking_region,
    region_counties,
    region_vs_kenya,
    with_neighbours,
)
from data_access.figures.scope import Scope, month_label
from data_access.figures.trends import monthly_message
from data_access.metrics import definition
from data_access.safe_csv import to_csv_bytes
from data_access.status import data_status, has_demo
from geo.adjacency import county_neighbours
from geo.boundaries import ATTRIBUTION, counties_geojson, county_centroids
from ui.blocks import chart_block, rate_series_table
from ui.compare_pack import build_pdf, summary_table
from ui.filters import current_filters
from ui.i18n import t, verdict_label

f = current_filters()
lang = f.lang
sw = lang == "sw"
no_data = t("no_data_short", lang)
STATE, KEEP, WRITTEN = "cmp_areas", "cmp_keep", "cmp_written"

choices = {a.token: a for a in area_choices()}
counties = {c.code: c for c in reference.counties()}
regions = {r.code: r for r in reference.REGIONS}


def region_name(code: str) -> str:
    return regions[code].name_sw if sw else regions[code].name


def _default() -> list[str]:
    """Without a link: the sidebar's county and its neighbours, or its region's counties."""
    if f.county:
        return [a.token for a in with_neighbours(f.county, county_neighbours(f.county))]
    if f.region:
        return [a.token for a in region_counties(f.region)[0]]
    return []


# --- the selection: from the link, kept in the session, written back to the link -------
url_raw = st.query_params.get("areas")
if url_raw is not None and url_raw != st.session_state.get(WRITTEN):
    # A link opened (fresh session, or a new link in this one): it decides.
    st.session_state[STATE] = [a.token for a in parse_areas(url_raw)]
elif STATE not in st.session_state:
    st.session_state[STATE] = st.session_state.get(KEEP) or _default()


def _pick(tokens) -> None:
    st.session_state[STATE] = list(tokens)[:MAX_AREAS]


def _pick_region_counties() -> None:
    areas, n = region_counties(st.session_state["cmp_q_region"])
    st.session_state["cmp_capped"] = (st.session_state["cmp_q_region"], n, len(areas))
    _pick(a.token for a in areas)


def _pick_region_kenya() -> None:
    st.session_state.pop("cmp_capped", None)
    _pick(a.token for a in region_vs_kenya(st.session_state["cmp_q_region2"]))


def _pick_neighbours() -> None:
    st.session_state.pop("cmp_capped", None)
    code = st.session_state["cmp_q_county"]
    _pick(a.token for a in with_neighbours(code, county_neighbours(code)))


st.title(t("compare", lang))
st.caption(t("cmp_caption", lang, period=f.period_label))

home_region = f.region or (counties[f.county].region_code if f.county else "nairobi")
region_codes = [r.code for r in reference.REGIONS]
county_codes = [c.code for c in sorted(counties.values(), key=lambda c: c.name)]
with st.expander(t("cmp_quick", lang), expanded=not st.session_state[STATE]):
    q1, q2, q3 = st.columns(3)
    q1.selectbox(t("cmp_my_region", lang), region_codes, key="cmp_q_region",
                 index=region_codes.index(home_region), format_func=region_name)
    q1.button(t("cmp_show", lang), key="cmp_q_region_go", on_click=_pick_region_counties)
    q2.selectbox(t("cmp_region_kenya", lang), region_codes, key="cmp_q_region2",
                 index=region_codes.index(home_region), format_func=region_name)
    q2.button(t("cmp_show", lang), key="cmp_q_region2_go", on_click=_pick_region_kenya)
    q3.selectbox(t("cmp_neighbours", lang), county_codes, key="cmp_q_county",
                 index=county_codes.index(f.county or "047"),
                 format_func=lambda c: counties[c].name)
    q3.button(t("cmp_show", lang), key="cmp_q_county_go", on_click=_pick_neighbours)

picked = st.multiselect(t("cmp_areas", lang), list(choices), key=STATE,
                        max_selections=MAX_AREAS, format_func=lambda k: choices[k].label(lang))
st.session_state[KEEP] = list(picked)
param = areas_param(choices[k] for k in picked)
st.session_state[WRITTEN] = param
if picked:
    st.query_params["areas"] = param
elif "areas" in st.query_params:
    del st.query_params["areas"]

capped = st.session_state.get("cmp_capped")
if capped and len(picked) == capped[2]:
    st.caption(t("cmp_region_capped", lang, region=region_name(capped[0]), n=capped[1],
                 k=capped[2]))

if len(picked) < MIN_AREAS:
    st.info(t("cmp_pick_prompt", lang), icon=":material/compare_arrows:")
    st.stop()

areas = [choices[k] for k in picked]
tokens = [a.token for a in areas]
titles = {a.token: a.label(lang) for a in areas}
label_col = "label_sw" if sw else "label"
link = "compare?" + urlencode(dict(st.query_params), safe=",:")
st.caption(t("cmp_link", lang))
st.code(link, language=None)

status = data_status().set_index("source")
as_of = {k: status.loc[k, "last"] for k in ("observatory", "forums", "commitments", "chiefs")}
period, audience = f.period, f.audience
verdicts = {v: verdict_label(v, lang) for v in (
    "significant", "possible", "no clear change", "too few to tell", "no data to compare")}

# --- side by side: every headline figure, one row per area ---------------------------------
summary = comparison_summary(areas, period=period, audience=audience,
                             categories=f.categories, themes=f.themes)
table = summary_table(summary, lang=lang, public=f.public)
public_note = None
if f.public:
    rows = "; ".join(f"{a} → {b}" for a, b in zip(summary[label_col], summary["concerns_area"])
                     if a != b)
    public_note = t("cmp_public_region", lang, rows=rows) if rows else None
chart_block(t("cmp_summary", lang), None, table, filters=f,
            definition=definition("compare", lang) + "\n\n" + definition("rate", lang) + "\n\n"
            + definition("change", lang) + "\n\n" + definition("resolution", lang) + "\n\n"
            + definition("compliance", lang) + ("\n\n" + definition("disclosure", lang) if f.public
                                           else ""),
            source="National Crime Trends Observatory; forum records, commitments and their "
                   "updates; chiefs' monthly reports (NGAO)", as_of=as_of["observatory"],
            key="cmp_summary", caption=public_note)

# --- crime: monthly rate on one axis, top categories with their verdicts -------------------
trend_fig = None
note = monthly_message(Scope(period, audience, categories=f.categories))
if note:
    st.subheader(t("cmp_rate_trend", lang))
    st.info(note)
else:
    rates = crime_rates(areas, period=period, audience=audience, categories=f.categories)
    captions = [t("cmp_gaps", lang)]
    if period.to_date:  # a month still running is never drawn beside whole months
        rates = rates[rates["month"] < pd.Timestamp(period.end.replace(day=1))]
        captions.append(t("to_date_left_out", lang, month=month_label(period.end, lang),
                          day=period.end.day))
    trend_fig = rate_trend_chart(rates, areas=tokens, label_col=label_col,
                                 y_title=t("per_100k_month", lang), no_data_label=no_data)
    rate_table = rate_series_table(rates, lang=lang, no_data=no_data, label_col=label_col)
    chart_block(t("cmp_rate_trend", lang), trend_fig, rate_table, filters=f,
                definition=definition("rate", lang) + "\n\n" + definition("coverage", lang),
                source="National Crime Trends Observatory (crime_agg); population: KNBS "
                       "2019 census", as_of=as_of["observatory"], key="cmp_rates",
                caption=" ".join(captions))

cats = category_changes(areas, period=period, audience=audience,
                        categories=f.categories)
cat_col = "category_sw" if sw else "category"
fig = category_change_chart(
    cats, areas=tokens, area_titles=titles, category_col=cat_col,
    verdict_labels=verdicts, x_title=t("cmp_change_axis", lang), no_data_label=no_data,
    columns=4) if not cats.empty else None
cat_table = pd.DataFrame({
    "area": cats[label_col], "category": cats[cat_col], "rank in the area": cats["rank"],
    period.label(lang): cats["count_display"].replace("", no_data),
    f"{period.label(lang)}, like for like":
        cats["current_compared_display"].replace("", no_data),
    period.comparison.label(lang): cats["previous_display"].replace("", no_data),
    "change %": cats["pct_change"].round(1), "is it real?": cats["verdict"].map(verdicts),
    "note": cats["note"]})
chart_block(t("cmp_categories", lang), fig, cat_table, filters=f,
            definition=definition("change", lang) + "\n\n" + definition("significance", lang),
            source="National Crime Trends Observatory (crime_agg)",
            as_of=as_of["observatory"], key="cmp_categories",
            caption=t("cmp_categories_note", lang) + " "
            + t("change_vs", lang, note=period.comparison_label(lang)))

# --- concerns and commitments ----------------------------------------------------------------
left, right = st.columns(2, gap="medium")
with left:
    theme_col = "theme_sw" if sw else "theme"
    if f.public:  # concerns are public by region only: no theme breakdown
        st.subheader(t("cmp_themes", lang))
        st.info(t("cmp_themes_not_public", lang), icon=":material/lock:")
    else:
        themes = concern_themes(areas, start=f.start, end=f.end, themes=f.themes,
                                audience=audience)
        quiet = [titles[a] for a, n in zip(summary["area"], summary["concerns"])
                 if n == "0"]
        any_raised = themes["concerns_at_least"].fillna(0).gt(0).any()
        fig = theme_share_chart(themes, areas=tokens, area_titles=titles, theme_col=theme_col,
                                x_title=t("cmp_share_axis", lang)) if any_raised else None
        shown = themes[themes.groupby("theme_code")["concerns_at_least"].transform("max")
                       .fillna(1) > 0]
        theme_table = pd.DataFrame({
            "area": shown[label_col], "theme": shown[theme_col],
            "concerns raised": shown["concerns_display"],
            "share of the area's concerns %": (shown["share"] * 100).round(1)})
        chart_block(t("cmp_themes", lang), fig, theme_table, filters=f,
                    definition=definition("concerns_raised", lang) + " "
                    + t("def_sensitive_themes", lang),
                    source="Forum records (concerns) and chiefs' monthly reports (NGAO)",
                    as_of=as_of["forums"], key="cmp_themes",
                    caption=t("cmp_no_concerns", lang, areas=", ".join(quiet)) if quiet
                    else None)

with right:
    cm = commitment_figures(areas, as_of=f.end, themes=f.themes, audience=audience)
    cm_labels = {"made": t("cmp_made", lang), "fulfilled": t("cmp_fulfilled", lang),
                 "overdue": t("cmp_overdue", lang), "counts": t("cmp_counts", lang),
                 "resolution_rate": t("resolution_rate", lang)}
    fig = commitments_chart(cm, areas=tokens, area_titles=titles, labels=cm_labels)
    cm_table = pd.DataFrame({
        "area": cm[label_col], "made": cm["made_display"],
        "fulfilled": cm["fulfilled_display"], "overdue": cm["overdue_display"],
        "past due, not yet verified": cm["past_due_unverified_display"],
        "resolution rate %": (cm["resolution_rate"] * 100).round(1),
        **({"figures of": cm["shown_area_sw" if sw else "shown_area"]} if f.public else {})})
    chart_block(t("cmp_commitments", lang), fig, cm_table, filters=f,
                definition=definition("resolution", lang) + "\n\n" + definition("overdue", lang),
                source="Forum commitments and their status updates",
                as_of=as_of["commitments"], key="cmp_commitments",
                caption=public_note or t("status_as_of", lang, date=f"{f.end:%d %b %Y}"))

# --- chiefs' reports ---------------------------------------------------------------------------
months = chief_months(areas, start=f.start, end=f.end, audience=audience)
has_chiefs = months["expected"].gt(0).any()
fig = chiefs_lines(months, areas=tokens, area_titles=titles,
                   sentiment_title=t("cmp_median", lang), compliance_title=t("compliance", lang),
                   low_word=t("cmp_low", lang)) if has_chiefs else None
chief_table = pd.DataFrame({
    "month": [month_label(m, lang) for m in months["month"]], "area": months[label_col],
    "reports": months["reports_display"].replace("", "0"), "expected": months["expected"],
    "compliance %": (months["compliance"] * 100).round(1),
    "median score (1–5)": months["median"],
    "low scores (1–2) %": (months["low_share"] * 100).round(0)}) if has_chiefs \
    else pd.DataFrame()
chart_block(t("cmp_chiefs", lang), fig, chief_table, filters=f,
            definition=definition("sentiment_median", lang) + "\n\n"
            + definition("compliance", lang) + "\n\n" + definition("chief_months", lang),
            source="Chiefs' monthly reports (NGAO)", as_of=as_of["chiefs"], key="cmp_chiefs",
            caption=t("cmp_chiefs_note", lang))

# --- one map panel per area ------------------------------------------------------------------
maps = area_maps(areas, period=period, audience=audience, categories=f.categories)
map_fig = map_multiples(maps, counties_geojson(), areas=tokens, area_titles=titles,
                        legend_title=t("rate_per_100k", lang), centroids=county_centroids())
map_table = pd.DataFrame({
    "area": maps[label_col], "county": maps["county"],
    "crimes": maps["count_display"].replace("", no_data),
    "rate per 100,000": maps["rate_per_100k"].round(1), "basis": maps["basis"]})
chart_block(t("cmp_map", lang), map_fig, map_table, filters=f,
            definition=definition("rate", lang) + "\n\n" + definition("coverage", lang),
            source="National Crime Trends Observatory (crime_agg); population: KNBS 2019 "
                   "census", as_of=as_of["observatory"], key="cmp_map", caption=ATTRIBUTION)

# --- the counties of a region, ranked, with the region and Kenya for reference ---------------
rank_default = ranking_region(areas, fallback=home_region)
rank_region = st.selectbox(t("cmp_ranking_region", lang), region_codes, key="cmp_rank_region",
                           index=region_codes.index(rank_default), format_func=region_name)
ranking = county_ranking(rank_region, period=period, audience=audience,
                         categories=f.categories, themes=f.themes)
rank_table = pd.DataFrame({
    "rank": ["" if pd.isna(r) else f"{int(r)}" for r in ranking["rank"]],
    "county": ranking["name"],
    "crimes": ranking["count_display"].replace("", no_data),
    "rate per 100,000": ["—" if pd.isna(v) else f"{v:,.1f}" for v in ranking["rate_per_100k"]],
    "change %": ranking["pct_change"].round(1),
    "is it real?": ranking["verdict"].map(verdicts),
    "reporting compliance %": (ranking["compliance"] * 100).round(1),
    "median sentiment (1–5)": ranking["median"],
    "commitments made": ranking["made_display"].fillna(""),
    "resolution rate %": (ranking["resolution_rate"] * 100).round(1),
    "note": ranking["note"].fillna("")})
chart_block(t("cmp_ranking", lang), None, rank_table, filters=f,
            definition=definition("rate", lang) + "\n\n" + definition("change", lang) + "\n\n"
            + definition("compliance", lang) + "\n\n" + definition("chief_months", lang) + "\n\n"
            + definition("sentiment_median", lang) + "\n\n" + definition("resolution", lang),
            source="National Crime Trends Observatory; chiefs' monthly reports (NGAO); forum "
                   "commitments", as_of=as_of["observatory"], key="cmp_ranking",
            caption=t("cmp_ranking_caption", lang)
            + (" " + t("cmp_ranking_public", lang) if f.public else ""))

# --- export: the comparison as CSV and as a one-page PDF -------------------------------------
st.subheader(t("cmp_export", lang))
stem = f"comparison_{'_'.join(k.replace(':', '-') for k in tokens)}_{f.start:%Y-%m}_{f.end:%Y-%m}"
e1, e2, _space = st.columns([1, 1, 2])
e1.download_button(t("cmp_csv", lang), data=to_csv_bytes(table), file_name=f"{stem}.csv",
                   mime="text/csv", key="cmp_export_csv", on_click="ignore")


def _pdf() -> bytes:
    """Built only when the button is pressed (Streamlit calls this then)."""
    title = f"{t('cmp_pdf_title', lang)}: " + " · ".join(titles[k] for k in tokens)
    notes = [t("cmp_gaps", lang)] + ([public_note] if public_note else [])
    return build_pdf(summary=summary, trend_fig=trend_fig, map_fig=map_fig,
                     title=title, period_label=f.period_label, start=f.start, end=f.end,
                     categories=f.categories, themes=f.themes, public=f.public,
                     demo=has_demo(), notes=notes, lang=lang)


e2.download_button(t("cmp_pdf", lang), data=_pdf, file_name=f"{stem}.pdf",
                   mime="application/pdf", key="cmp_export_pdf", on_click="ignore")
