"""Forums: what each regional edition of Jukwaa la Usalama heard, who came and what was
promised — the editions on a map and a timeline; for each forum, attendance by group and
the women's-group and youth share, concerns by theme and the commitments made there with
their status since (each forum links to its forum → commitment chain); across forums, the
share by region and over time, concerns by theme per region and the themes that recur.

Deep link: ``?forum=<id>`` opens a forum (the chain page takes the same parameter).

Public screens: forums held per county and per region × month only; attendance by group,
concerns by theme and commitments per forum are internal (data_access raises
NotForPublic), and the region figures of concerns and commitments are shown instead.
Every figure comes from data_access; the page only formats."""

import pandas as pd
import streamlit as st

from charts.forums import (
    commitment_outcomes,
    forum_map,
    forum_timeline_chart,
    forums_scheme,
    group_bars,
    share_bars,
    share_lines,
    theme_heatmap,
)
from charts.profile import count_bars
from data_access import clock
from data_access.chain import forum_choices
from data_access.commitments import resolution_by
from data_access.concerns import concerns_raised
from data_access.forums import (
    NO_FORUM_YET,
    NO_GROUPS,
    NONE_IN_PERIOD,
    attendance_by_group,
    forum_commitments,
    forum_concern_themes,
    forum_timeline,
    forum_totals,
    forums_by_area,
    recurring_themes,
    women_youth_share,
)
from data_access.metrics import definition
from data_access.status import data_status
from geo.boundaries import counties_geojson
from ui.blocks import chart_block, kpi
from ui.filters import current_filters
from ui.i18n import commitments_public_note, t
from ui.maps import map_view
from ui.plain import md_text

CHAIN_PAGE = "views/chain.py"
f = current_filters()
lang = f.lang
sw = lang == "sw"
today = clock.today()
status = data_status().set_index("source")
as_of = {k: status.loc[k, "last"] if k in status.index else None
         for k in ("forums", "commitments")}
FORUM_SOURCE = "Jukwaa la Usalama forum records (editions, attendance by group, concerns)"
region_label = "region_sw" if sw else "region"
theme_label = "theme_sw" if sw else "theme"
group_label = "group_sw" if sw else "group"
NOTES = {NO_FORUM_YET: t("fo_no_forum_yet", lang), NONE_IN_PERIOD: t("fo_none_in_period", lang),
         NO_GROUPS: t("fo_no_groups", lang), "no forum in quarter": t("fo_no_forum_q", lang),
         "": ""}


def _pct(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.0%}"


def _date(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def _quarter(value) -> str:
    return t("fo_quarter", lang, q=pd.Timestamp(value).quarter, year=pd.Timestamp(value).year)


def _forum_name(edition, county, held_on) -> str:
    """How a forum is named in charts and tables (text from the data: plot_text'd by the
    chart builders, plain in tables)."""
    return f"{edition} ({county}, {pd.Timestamp(held_on):%b %Y})"


def _param_id(name: str) -> int | None:
    raw = st.query_params.get(name)
    return int(raw) if raw and raw.isdigit() else None


st.title(t("fo_title", lang))
st.caption(t("fo_caption", lang, scope=f.scope_label, period=f.period_label))

# --- KPIs ----------------------------------------------------------------------------------
totals = forum_totals(start=f.start, end=f.end, county_codes=f.county_codes,
                      audience=f.audience).iloc[0]
cols = st.columns(2 if f.public else 3)
kpi(cols[0], t("forums_held", lang), NOTES[NO_FORUM_YET] if totals["status"] == NO_FORUM_YET
    else totals["forums_display"], help_text=definition("forums_held", lang))
kpi(cols[1], t("attendance", lang), "—" if totals["status"] == NO_FORUM_YET
    else totals["attendance_display"], help_text=t("fo_attendance_help", lang))
if not f.public:
    overall = women_youth_share(start=f.start, end=f.end, county_codes=f.county_codes,
                                audience=f.audience).iloc[0]
    kpi(cols[2], t("fo_wy_share", lang), _pct(overall["share"]),
        delta=t("fo_wy_of", lang, n=int(overall["forums_with_groups"]),
                k=int(overall["forums"])), delta_arrow="off",
        help_text=definition("women_youth_share", lang))

# --- the editions: map and timeline --------------------------------------------------------
map_col, time_col = st.columns([5, 6], gap="medium")
areas = forums_by_area(start=f.start, end=f.end, county_codes=f.county_codes,
                       audience=f.audience)
scheme = forums_scheme(t("fo_none_in_period", lang), t("fo_no_forum_yet", lang))
areas["class"] = scheme.classify(areas["forums_shown"])
held_col = t("fo_held_in_period", lang)
areas[held_col] = [NOTES[NO_FORUM_YET] if s == NO_FORUM_YET else d
                   for s, d in zip(areas["status"], areas["forums_display"], strict=True)]
last_col = t("fo_last_held", lang)
areas[last_col] = areas["last_held"].map(_date)
with map_col:
    # Public: the counts only (the date of a county's last forum would list forums).
    hover = {held_col: True, "class": False, "county_code": False}
    if not f.public:
        hover[last_col] = True
    fig = forum_map(areas, counties_geojson(), class_col="class", scheme=scheme, hover=hover,
                    legend_title=t("fo_forums_in_period", lang), height=470,
                    **map_view(f.county_codes))
    table = pd.DataFrame({"county": areas["county"], "region": areas[region_label],
                          held_col: areas[held_col],
                          t("fo_held_to_date", lang): areas["forums_to_date"]})
    if not f.public:
        table[last_col] = areas[last_col]
    chart_block(t("fo_map_title", lang), fig, table, filters=f,
                definition=definition("forums_held", lang), source=FORUM_SOURCE,
                as_of=as_of["forums"], key="fo_map", caption=t("fo_map_caption", lang))

timeline = forum_timeline(start=f.start, end=f.end, county_codes=f.county_codes,
                          audience=f.audience)
regions_in_scope = forums_by_area(start=f.start, end=f.end, county_codes=f.county_codes,
                                  level="region", audience=f.audience)
region_order = regions_in_scope[region_label].tolist()
with time_col:
    if f.public:
        timeline["hover"] = [t("fo_public_hover", lang, region=r, n=n,
                               month=f"{pd.Timestamp(m):%b %Y}")
                             for r, n, m in zip(timeline[region_label], timeline["forums"],
                                                timeline["held_on"], strict=True)]
        table = pd.DataFrame({"region": timeline[region_label],
                              "month": timeline["held_on"].dt.strftime("%Y-%m"),
                              t("forums_held", lang): timeline["forums"]})
        size = None
    else:
        timeline["hover"] = [
            f"{e} — {c}, {_date(d)} · {t('fo_attended', lang, n=f'{n:,}')}"
            for e, c, d, n in zip(timeline["edition"], timeline["county"],
                                  timeline["held_on"], timeline["attendance_total"],
                                  strict=True)]
        table = pd.DataFrame({"edition": timeline["edition"], "county": timeline["county"],
                              "region": timeline[region_label],
                              "held on": timeline["held_on"].dt.date,
                              t("attendance", lang): timeline["attendance_total"]})
        size = "attendance_total"
    fig = forum_timeline_chart(timeline, region_col=region_label, size_col=size,
                               hover_col="hover", region_order=region_order) \
        if not timeline.empty else None
    chart_block(t("fo_timeline_title", lang), fig, table, filters=f,
                definition=definition("forums_held", lang), source=FORUM_SOURCE,
                as_of=as_of["forums"], key="fo_timeline",
                caption=t("fo_timeline_public" if f.public else "fo_timeline_caption", lang))

# --- public screens: region figures only ---------------------------------------------------
if f.public:
    st.info(t("fo_people_not_public", lang), icon=":material/lock:")
    raised = concerns_raised(start=f.start, end=f.end, by="region", audience=f.audience)
    table = pd.DataFrame({"region": raised[region_label],
                          t("fo_at_forums", lang): raised["forum_concerns_display"],
                          t("fo_in_chief_reports", lang): raised["chief_concerns_display"],
                          t("concerns_raised", lang): raised["concerns_display"]})
    chart_block(t("fo_public_concerns", lang), None, table, filters=f,
                definition=definition("concerns_raised", lang) + "\n\n"
                + definition("disclosure", lang),
                source=FORUM_SOURCE, as_of=as_of["forums"], key="fo_public_concerns",
                caption=t("fo_public_concerns_note", lang))
    made = resolution_by(by="region", as_of=today, audience=f.audience)
    table = pd.DataFrame({"region": made["name_sw" if sw else "name"],
                          t("commitments_made", lang): made["made_display"],
                          t("fo_fulfilled", lang): made["fulfilled_display"],
                          t("fo_overdue", lang): made["overdue_display"]})
    chart_block(t("fo_public_commitments", lang), None, table, filters=f,
                definition=definition("forum_commitments", lang) + "\n\n"
                + definition("disclosure", lang), source="Forum commitments and their status "
                "updates", as_of=as_of["commitments"], key="fo_public_commitments",
                caption=commitments_public_note(None, today, lang))
    st.stop()

# --- one forum -------------------------------------------------------------------------------
st.header(t("fo_one_forum", lang), divider="gray")
forums = forum_choices(start=f.start, end=f.end, county_codes=f.county_codes,
                       audience=f.audience)
if forums.empty:
    forums = forum_choices(county_codes=f.county_codes, audience=f.audience)
    if not forums.empty:
        st.info(t("chain_no_forums", lang, scope=f.scope_label, period=f.period_label))
deep = _param_id("forum")
wanted = st.session_state.get("fo_forum", deep)
if wanted is not None and wanted not in set(forums["forum_id"]):
    every = forum_choices(audience=f.audience)
    forums = pd.concat([every[every["forum_id"] == wanted], forums], ignore_index=True)
if forums.empty:
    st.info(t("fo_none_anywhere", lang, scope=f.scope_label))
    st.stop()
# Selectbox options are plain text (no Markdown): no escaping needed.
labels = {int(r.forum_id): f"{r.edition} — {r.county}, {r.held_on:%d %b %Y}"
          for r in forums.itertuples()}
if st.session_state.get("fo_forum") not in labels:
    st.session_state["fo_forum"] = wanted if wanted in labels else next(iter(labels))
forum_id = st.selectbox(t("pick_forum", lang), list(labels), key="fo_forum",
                        format_func=labels.get)
st.query_params.pop("commitment", None)
st.query_params["forum"] = str(forum_id)
info = forums[forums["forum_id"] == forum_id].iloc[0]
st.subheader(f"{md_text(info['edition'])} — {md_text(info['county'])}")
st.caption(f"{t('held_on', lang)} {_date(info['held_on'])} · {t('venue', lang)}: "
           f"{md_text(info['venue'])}")
st.page_link(CHAIN_PAGE, label=t("fo_open_chain", lang), icon=":material/account_tree:",
             query_params={"forum": str(forum_id)})

one_share = women_youth_share(start=f.start, end=f.end, forum_id=forum_id,
                              audience=f.audience).iloc[0]
one_cm = forum_commitments(start=f.start, end=f.end, as_of=today, forum_id=forum_id,
                           themes=f.themes, audience=f.audience).iloc[0]
k = st.columns(5)
kpi(k[0], t("attendance", lang), f"{int(info['attendance_total']):,}",
    help_text=t("fo_attendance_help", lang))
kpi(k[1], t("fo_wy_share", lang), _pct(one_share["share"]),
    help_text=definition("women_youth_share", lang))
kpi(k[2], t("commitments_made", lang), one_cm["made_display"],
    delta=t("fo_concerns_n", lang, n=one_cm["concerns_display"]), delta_arrow="off",
    help_text=definition("forum_commitments", lang))
kpi(k[3], t("fo_fulfilled", lang), one_cm["fulfilled_display"],
    delta=t("fo_stalled_n", lang, n=one_cm["stalled_display"]), delta_arrow="off",
    help_text=definition("forum_commitments", lang))
kpi(k[4], t("fo_overdue", lang), one_cm["overdue_display"],
    delta=t("kpi_past_due_unverified", lang, n=one_cm["past_due_unverified_display"]),
    delta_arrow="off", help_text=definition("overdue", lang) + " "
    + definition("past_due_unverified", lang))
st.caption(t("fo_status_as_of", lang, date=_date(today)))

left, right = st.columns(2, gap="medium")
groups = attendance_by_group(start=f.start, end=f.end, forum_id=forum_id,
                             audience=f.audience)
groups["row"] = groups[group_label]
groups["text"] = [f"{d} · {_pct(s)}" if d else t("fo_not_recorded", lang)
                  for d, s in zip(groups["attendees_display"], groups["share"], strict=True)]
with left:
    has_groups = groups["attendees"].notna().any()
    table = pd.DataFrame({"group": groups["row"], t("fo_attendees", lang):
                          groups["attendees_display"],
                          t("fo_share_pct", lang): (groups["share"] * 100).round(1)}) \
        if has_groups else pd.DataFrame()
    chart_block(t("fo_attendance_title", lang),
                group_bars(groups, label_col="row") if has_groups else None, table,
                filters=f, definition=definition("attendance_by_group", lang) + "\n\n"
                + definition("women_youth_share", lang), source=FORUM_SOURCE,
                as_of=as_of["forums"], key="fo_attendance",
                caption=t("fo_attendance_caption", lang) if has_groups
                else t("fo_no_groups_forum", lang))
with right:
    themes = forum_concern_themes(start=f.start, end=f.end, forum_id=forum_id,
                                  themes=f.themes, audience=f.audience)
    themes["row"] = themes[theme_label]
    fig = count_bars(themes, label_col="row", value_col="concerns",
                     text_col="concerns_display", color="#8C6D31") if not themes.empty \
        else None
    table = pd.DataFrame({"theme": themes["row"],
                          t("concerns_raised", lang): themes["concerns_display"]})
    chart_block(t("fo_forum_themes_title", lang), fig, table, filters=f,
                definition=definition("concerns_raised", lang) + " "
                + t("def_sensitive_themes", lang), source=FORUM_SOURCE,
                as_of=as_of["forums"], key="fo_forum_themes")

# --- across the forums in scope ------------------------------------------------------------
st.header(t("fo_across", lang), divider="gray")
st.caption(t("fo_across_caption", lang, scope=f.scope_label, period=f.period_label))
kw = {"start": f.start, "end": f.end, "county_codes": f.county_codes, "audience": f.audience}

all_groups = attendance_by_group(**kw)
all_groups["row"] = all_groups[group_label]
all_groups["text"] = [f"{d} · {_pct(s)}" if d else t("fo_not_recorded", lang)
                      for d, s in zip(all_groups["attendees_display"], all_groups["share"],
                                      strict=True)]
has_groups = all_groups["attendees"].notna().any()
chart_block(t("fo_attendance_all_title", lang),
            group_bars(all_groups, label_col="row") if has_groups else None,
            pd.DataFrame({"group": all_groups["row"],
                          t("fo_attendees", lang): all_groups["attendees_display"],
                          t("fo_share_pct", lang): (all_groups["share"] * 100).round(1)})
            if has_groups else pd.DataFrame(), filters=f,
            definition=definition("attendance_by_group", lang), source=FORUM_SOURCE,
            as_of=as_of["forums"], key="fo_attendance_all",
            caption=t("fo_attendance_caption", lang))

by_region = women_youth_share(by="region", **kw)
by_region["row"] = by_region[region_label]
by_region["text"] = [_pct(s) if pd.notna(s) else NOTES[n]
                     for s, n in zip(by_region["share"], by_region["note"], strict=True)]
over_time = pd.concat([
    women_youth_share(by="quarter", **kw).assign(line=t("fo_all_forums", lang)),
    women_youth_share(by="region_quarter", **kw).pipe(
        lambda d: d.assign(line=d[region_label]))], ignore_index=True)
over_time["text"] = [f"{line}, {_quarter(q)}: " + (_pct(s) if pd.notna(s) else NOTES[n])
                     for line, q, s, n in zip(over_time["line"], over_time["quarter"],
                                              over_time["share"], over_time["note"],
                                              strict=True)]
c1, c2 = st.columns(2, gap="medium")
with c1:
    chart_block(t("fo_wy_region_title", lang),
                share_bars(by_region, label_col="row") if by_region["share"].notna().any()
                else None,
                pd.DataFrame({"region": by_region["row"],
                              t("fo_wy_share", lang): by_region["text"],
                              t("forums_held", lang): by_region["forums"],
                              t("fo_with_groups", lang): by_region["forums_with_groups"],
                              t("fo_recorded", lang): by_region["recorded"]}),
                filters=f, definition=definition("women_youth_share", lang), source=FORUM_SOURCE,
                as_of=as_of["forums"], key="fo_wy_region", caption=t("fo_wy_caption", lang))
with c2:
    lines = [t("fo_all_forums", lang), *[r for r in region_order
                                         if r in set(over_time["line"])]]
    chart_block(t("fo_wy_time_title", lang),
                share_lines(over_time, x_col="quarter", group_col="line", group_order=lines)
                if over_time["share"].notna().any() else None,
                pd.DataFrame({"": over_time["line"],
                              "quarter": over_time["quarter"].map(_quarter),
                              t("fo_wy_share", lang): [_pct(s) if pd.notna(s) else NOTES[n]
                                                       for s, n in zip(over_time["share"],
                                                                       over_time["note"],
                                                                       strict=True)],
                              t("forums_held", lang): over_time["forums"],
                              t("fo_with_groups", lang): over_time["forums_with_groups"]}),
                filters=f, definition=definition("women_youth_share", lang), source=FORUM_SOURCE,
                as_of=as_of["forums"], key="fo_wy_time", caption=t("fo_wy_time_caption", lang))

region_themes = forum_concern_themes(by="region", themes=f.themes, **kw)
region_themes["col"] = region_themes[region_label]
region_themes["row"] = region_themes[theme_label]
chart_block(t("fo_region_themes_title", lang),
            theme_heatmap(region_themes, row_col="row", col_col="col", value_col="concerns",
                          text_col="concerns_display", col_order=region_order)
            if not region_themes.empty else None,
            pd.DataFrame({"region": region_themes["col"], "theme": region_themes["row"],
                          t("concerns_raised", lang): region_themes["concerns_display"]}),
            filters=f, definition=definition("concerns_raised", lang) + " "
            + t("def_sensitive_themes", lang), source=FORUM_SOURCE,
            as_of=as_of["forums"], key="fo_region_themes",
            caption=t("fo_region_themes_caption", lang))

level = st.segmented_control(t("fo_recur_level", lang), ["county", "region"],
                             key="fo_recur_level", default="county", required=True,
                             format_func=lambda v: t(f"fo_recur_{v}", lang))
recur = recurring_themes(end=f.end, county_codes=f.county_codes, themes=f.themes,
                         level=level, audience=f.audience)
chart_block(t("fo_recur_title", lang), None, pd.DataFrame({
    t(f"fo_recur_{level}", lang): recur["area_sw" if sw else "area"],
    "theme": recur[theme_label],
    t("fo_editions", lang): [t("fo_editions_of", lang, n=e, k=k)
                             for e, k in zip(recur["editions_display"], recur["editions_held"],
                                             strict=True)],
    t("concerns_raised", lang): recur["concerns_display"],
    t("fo_first_raised", lang): recur["first_raised"].map(_date),
    t("fo_last_raised", lang): recur["last_raised"].map(_date)}),
    filters=f, definition=definition("recurring_themes", lang), source=FORUM_SOURCE,
    as_of=as_of["forums"], key="fo_recur",
    caption=t("fo_recur_caption", lang, end=_date(f.end)) if not recur.empty
    else t("fo_recur_none", lang, end=_date(f.end)))

per_forum = forum_commitments(as_of=today, themes=f.themes, **kw)
per_forum["row"] = [_forum_name(e, c, d) for e, c, d in zip(
    per_forum["edition"], per_forum["county"], per_forum["held_on"], strict=True)]
outcome_words = {k: t(f"fo_outcome_{k}", lang) for k in ("fulfilled", "stalled", "overdue",
                                                          "other")}
chart_block(t("fo_commitments_title", lang),
            commitment_outcomes(per_forum, label_col="row", labels=outcome_words)
            if not per_forum.empty else None,
            pd.DataFrame({"forum": per_forum["row"], "id": per_forum["forum_id"],
                          t("concerns_raised", lang): per_forum["concerns_display"],
                          t("commitments_made", lang): per_forum["made_display"],
                          t("fo_fulfilled", lang): per_forum["fulfilled_display"],
                          t("fo_stalled", lang): per_forum["stalled_display"],
                          t("fo_overdue", lang): per_forum["overdue_display"],
                          t("past_due_unverified", lang):
                              per_forum["past_due_unverified_display"]}),
            filters=f, definition=definition("forum_commitments", lang) + "\n\n"
            + definition("overdue", lang), source="Forum commitments and their status updates",
            as_of=as_of["commitments"], key="fo_commitments",
            caption=t("fo_status_as_of", lang, date=_date(today)) + " "
            + t("fo_chain_hint", lang))
st.page_link(CHAIN_PAGE, label=t("fo_open_chain_of", lang, name=md_text(labels[forum_id])),
             icon=":material/account_tree:", query_params={"forum": str(forum_id)})
