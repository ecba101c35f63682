"""Presenter view: a short run of slides for the projector at a forum, for the room to read
from the back (docs/METHODS.md, "Presenter view").

Link: ``/present?forum=<id>`` (the forum's county and its region), ``?county=<code>`` or
``?region=<code>``; ``&lang=sw`` for Kiswahili, ``&slide=N`` for the slide shown. Slides:

1. the region's map with the county highlighted;
2. the concerns raised at this forum so far, by theme, refreshed every few seconds
   (``st.fragment(run_every=…)``, reading through the cache) with "updated hh:mm:ss";
3. the commitments made at forums here and how many are kept (public: the region's);
4. the crime trend in one plain sentence and one chart.

Always the **public audience**, whatever the URL or the session: every figure below is
asked for with :data:`AUDIENCE`. No free text, no lists of records or names. app.py draws
no sidebar, filters or chrome around this page (``ui.frame.open_presenter_view``).
Like every page, it only formats what ``data_access`` returns.
"""

import time

import pandas as pd
import streamlit as st
from streamlit_shortcuts import add_shortcuts

from charts.present import region_map, trend_chart
from data_access import clock, reference
from data_access.commitments import commitment_totals
from data_access.figures.coverage import default_period
from data_access.figures.crime import crime_summary
from data_access.figures.scope import Audience, Scope, month_label
from data_access.figures.trends import monthly_message, trend_series
from data_access.live_capture import live_forum_themes, live_forum_total
from data_access.presenter import forum_place, latest_forum
from data_access.status import has_demo
from geo.boundaries import counties_geojson, county_centroids
from ui.i18n import t
from ui.plain import md_text

# The one audience of this page: a projector in front of the public.
AUDIENCE = Audience.PUBLIC
SLIDES = ("map", "live", "commitments", "trend")
LIVE_SECONDS = 3  # live counts show within 10 s of a capture (the issue asks for 10)
AUTO_SECONDS = 20  # auto-advance: time on each slide
THEMES_PER_ROW = 4

# Scoped to this page (the style element lives only while the page is shown): big type,
# black on white, headline numbers 64 px (at least 48 px, readable from the back).
PRESENT_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
.stApp, [data-testid="stAppViewContainer"] { background: #FFFFFF; color: #000000; }
.stApp h1 { font-size: 64px !important; color: #000000 !important; line-height: 1.1; }
.stApp h2 { font-size: 44px !important; color: #000000 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  font-size: 64px !important; font-weight: 700; line-height: 1.1; color: #000000 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  font-size: 28px !important; color: #000000 !important; white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  font-size: 22px !important; color: #1A1A1A !important; }
.st-key-pr_sentence p { font-size: 42px; line-height: 1.3; font-weight: 600; color: #000; }
.st-key-pr_live_updated p { font-size: 26px; font-weight: 600; color: #0F5C55; }
.st-key-present_prev button, .st-key-present_next button {
  font-size: 30px; min-height: 76px; min-width: 300px; font-weight: 700; }
.st-key-present_prev button p, .st-key-present_next button p { font-size: 30px; }
</style>
"""

st.html(PRESENT_CSS)
qp = st.query_params
today = clock.today()
counties = {c.code: c for c in reference.counties()}
regions = {r.code: r for r in reference.REGIONS}

# --- language: on screen, kept in the link ------------------------------------------------
if "pr_lang" not in st.session_state:
    st.session_state["pr_lang"] = "sw" if qp.get("lang") == "sw" else "en"


def _on_lang() -> None:
    chosen = st.session_state.get("pr_lang") or "en"
    st.session_state["pr_lang"] = chosen
    if chosen == "sw":
        st.query_params["lang"] = "sw"
    elif "lang" in st.query_params:
        del st.query_params["lang"]


lang = st.session_state.get("pr_lang") or "en"
sw = lang == "sw"


def day_text(d) -> str:
    """'15 Nov 2026' / '15 Nov 2026' in the screen's language."""
    return f"{d.day} {month_label(d, lang)}"


def region_name(code: str) -> str:
    """A region's name in the screen's language."""
    return regions[code].name_sw if sw else regions[code].name


# --- what the link points at ---------------------------------------------------------------
forum = None
bad_forum = False
raw_forum = qp.get("forum")
if raw_forum:
    try:
        forum = forum_place(forum_id=int(raw_forum), audience=AUDIENCE)
    except ValueError:  # not a number: treated as an unknown forum
        forum = None
    bad_forum = forum is None
if forum is not None:
    county_code, region_code = forum["county_code"], forum["region_code"]
elif qp.get("county") in counties:
    county_code = qp.get("county")
    region_code = counties[county_code].region_code
elif qp.get("region") in regions:
    county_code, region_code = None, qp.get("region")
else:
    county_code = region_code = None


def _on_pick() -> None:
    pick = st.session_state.get("pr_pick") or ""
    kind, _, code = pick.partition(":")
    for name in ("forum", "county", "region", "slide"):
        if name in st.query_params:
            del st.query_params[name]
    if kind in ("county", "region") and code:
        st.query_params[kind] = code


if region_code is None:  # no area yet: a picker, nothing from the data
    st.title(t("pr_title", lang))
    if bad_forum:
        st.warning(t("pr_unknown_forum", lang), icon=":material/help:")
    st.segmented_control(t("pr_language", lang), options=["en", "sw"], key="pr_lang",
                         format_func=lambda v: t(f"pr_lang_{v}", lang), on_change=_on_lang,
                         required=True)
    st.caption(md_text(t("pr_pick", lang)))
    options = [""] + [f"region:{r.code}" for r in reference.REGIONS] + \
        [f"county:{c.code}" for c in sorted(counties.values(), key=lambda c: c.name)]

    def _option(value: str) -> str:
        kind, _, code = value.partition(":")
        if kind == "region":
            return t("pr_region", lang, name=region_name(code))
        return counties[code].name if kind == "county" else t("pr_pick_none", lang)

    st.selectbox(t("pr_pick_area", lang), options, key="pr_pick", format_func=_option,
                 on_change=_on_pick)
    st.stop()

county = counties.get(county_code) if county_code else None
area_codes = (county.code,) if county else \
    tuple(c.code for c in counties.values() if c.region_code == region_code)
region_label = t("pr_region", lang, name=region_name(region_code))
area_label = county.name if county else region_label
# The forum whose concerns are shown live: the linked one, else the area's latest (one
# held today is the one in progress).
live = forum or latest_forum(county_codes=area_codes, on_or_before=today, audience=AUDIENCE)

# --- which slide ----------------------------------------------------------------------------
n_slides = len(SLIDES)
try:
    slide = min(max(int(qp.get("slide") or 1), 1), n_slides)
except ValueError:
    slide = 1


def go_to(number: int) -> None:
    """Show slide ``number`` (wrapping round), kept in the link as ``?slide=``."""
    st.query_params["slide"] = str((number - 1) % n_slides + 1)
    st.session_state["pr_shown_at"] = time.monotonic()


# --- the head: where, which forum, language, slide number ------------------------------------
head = st.container(horizontal=True, vertical_alignment="center")
with head.container():
    st.title(area_label, anchor=False)
    sub = [region_label] if county else []
    if live is not None:
        sub.append(t("pr_forum_on", lang, date=day_text(live["held_on"])))
    if sub:
        st.caption(md_text(" · ".join(sub)))
# Previous / Next at the top right, always on screen whatever the slide's height.
head.button(t("pr_prev", lang), key="present_prev", on_click=go_to, args=(slide - 1,))
head.markdown(md_text(t("pr_slide_of", lang, n=slide, k=n_slides)), width="content")
head.button(t("pr_next", lang), key="present_next", type="primary", on_click=go_to,
            args=(slide + 1,))
head.segmented_control(t("pr_language", lang), options=["en", "sw"], key="pr_lang",
                       format_func=lambda v: t(f"pr_lang_{v}", lang), on_change=_on_lang,
                       required=True, width="content")
add_shortcuts(present_next=["arrowright", "pagedown"], present_prev=["arrowleft", "pageup"])


# --- the slides -------------------------------------------------------------------------------
def slide_map() -> None:
    """The region's counties, this county highlighted; its people (2019 census)."""
    st.header(t("pr_map_title", lang), anchor=False)
    region_codes = [c.code for c in counties.values() if c.region_code == region_code]
    labels = county_centroids()
    labels = labels[labels["code"].isin(region_codes)]
    fig = region_map(counties_geojson(), region_codes=region_codes,
                     highlight=[county.code] if county else [], labels=labels, height=640)
    left, right = st.columns([3, 2], gap="large")
    left.plotly_chart(fig, width="stretch", key="pr_map",
                      config={"displayModeBar": False, "staticPlot": True})
    with right:
        st.subheader(t("pr_map_county", lang, county=county.name,
                       region=region_name(region_code)) if county
                     else t("pr_map_region", lang, region=region_name(region_code)),
                     anchor=False)
        if county:
            st.metric(t("pr_population", lang), f"{county.population_2019:,}")


@st.fragment(run_every=LIVE_SECONDS)
def live_concerns(forum_id: int) -> None:
    """The forum's concerns by theme, read through the cache every few seconds: rounded
    counts and theme names only (live_forum_themes, public)."""
    total = live_forum_total(forum_id=forum_id, audience=AUDIENCE)
    themes = live_forum_themes(forum_id=forum_id, audience=AUDIENCE)
    top = st.columns([2, 3], vertical_alignment="bottom")
    top[0].metric(t("pr_live_total", lang), total["concerns_display"])
    with top[1].container(key="pr_live_updated"):
        st.markdown(md_text(t("pr_updated", lang,
                              time=f"{total['updated']:%H:%M:%S}")))
    if themes.empty:
        st.info(t("pr_live_none", lang), icon=":material/hourglass_top:")
        return
    name = "theme_sw" if sw else "theme"
    rows = themes.to_dict("records")
    for start in range(0, len(rows), THEMES_PER_ROW):
        cols = st.columns(THEMES_PER_ROW)
        for col, row in zip(cols, rows[start:start + THEMES_PER_ROW], strict=False):
            col.metric(md_text(row[name]), row["concerns_display"], border=True)


def slide_live() -> None:
    """Concerns raised at this forum so far, live."""
    st.header(t("pr_live_title", lang), anchor=False)
    if live is None:
        st.info(t("pr_live_no_forum", lang), icon=":material/groups:")
        return
    live_concerns(int(live["forum_id"]))
    st.caption(md_text(t("pr_live_note", lang)))


def slide_commitments() -> None:
    """Commitments made at forums here, and how many are kept: the public figures (the
    region's, all themes, to date) of commitment_totals."""
    made = commitment_totals(as_of=today, county_codes=area_codes, audience=AUDIENCE).iloc[0]
    where = md_text(made["name_sw" if sw else "name"])
    where = t("pr_region", lang, name=where) if made["code"] != "all" else where
    st.header(t("pr_cm_title", lang, area=where), anchor=False)
    if made["made_display"] == "0":
        st.info(t("pr_cm_none", lang, area=where), icon=":material/task_alt:")
        return
    cols = st.columns(5)
    for col, (key, count) in zip(cols, (("pr_cm_made", "made"), ("pr_cm_kept", "fulfilled"),
                                        ("pr_cm_partly", "partly"), ("pr_cm_open", "open"),
                                        ("pr_cm_overdue", "overdue")), strict=True):
        col.metric(t(key, lang), made[f"{count}_display"], border=True)
    if pd.notna(made["resolution_rate"]):
        with st.container(key="pr_sentence"):
            st.markdown(md_text(t("pr_cm_rate", lang,
                                  rate=f"{made['resolution_rate']:.0%}")))
    st.caption(md_text(t("pr_cm_note", lang, date=day_text(today))))


def trend_sentence(summary) -> str:
    """The crime trend in one plain sentence (and what the change test says of it), from
    the summary's own figures."""
    period = summary_period.label(lang)
    if summary.basis == "no data" or pd.isna(summary.total):
        return t("pr_trend_no_data", lang, area=area_label, period=period)
    fmt = {"area": area_label, "count": summary.total_display, "period": period,
           "previous": summary.previous_display}
    pct = summary.pct_change
    if summary.change_hidden or pd.isna(pct) or not summary.previous_display:
        return t("pr_trend_count", lang, **fmt)
    shown = f"{abs(pct):.0f}"
    key = "pr_trend_same" if shown == "0" else "pr_trend_more" if pct > 0 \
        else "pr_trend_fewer"
    return t(key, lang, pct=shown, **fmt) + " " + t(f"pr_verdict_{summary.verdict}", lang)


summary_period = default_period()


def slide_trend() -> None:
    """The crime trend: one sentence, one chart (data_access.figures, public)."""
    scope = Scope(summary_period, AUDIENCE, region_code, county.code if county else None)
    st.header(t("pr_trend_title", lang, area=area_label), anchor=False)
    summary = crime_summary(scope)
    with st.container(key="pr_sentence"):
        st.markdown(md_text(trend_sentence(summary)))
    if monthly_message(scope, lang=lang):
        return
    series = trend_series(scope, by="total")
    series = series.assign(month_label=[month_label(m, lang) for m in series["month"]])
    fig = trend_chart(series, current_label=summary_period.label(lang),
                      previous_label=t("pr_year_earlier", lang),
                      y_title=t("pr_per_month", lang), height=540)
    st.plotly_chart(fig, width="stretch", key="pr_trend",
                    config={"displayModeBar": False, "staticPlot": True})


{"map": slide_map, "live": slide_live, "commitments": slide_commitments,
 "trend": slide_trend}[SLIDES[slide - 1]]()

# --- the foot: auto-advance, keys, what a public screen shows ---------------------------------
st.divider()
foot = st.container(horizontal=True, vertical_alignment="center")
auto = foot.toggle(t("pr_auto", lang, n=AUTO_SECONDS), key="pr_auto",
                   on_change=lambda: st.session_state.update(pr_shown_at=time.monotonic()))
notes = [t("pr_keys", lang), t("pr_public", lang)]
if has_demo():
    notes.insert(0, t("demo_badge", lang) + ".")
foot.caption(md_text(" ".join(notes)))


@st.fragment(run_every=AUTO_SECONDS if auto else None)
def auto_advance() -> None:
    """With auto-advance on, move to the next slide once this one has been shown for
    :data:`AUTO_SECONDS` (the timer reruns only this fragment; moving reruns the page)."""
    if not st.session_state.get("pr_auto"):
        return
    shown_at = st.session_state.setdefault("pr_shown_at", time.monotonic())
    if time.monotonic() - shown_at >= AUTO_SECONDS - 1:
        go_to(slide + 1)
        st.rerun()


auto_advance()
