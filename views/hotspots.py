"""Hotspots: the county map at the centre of the page — where crime and concerns are
concentrated and where things are getting worse — with a hexagon hotspot layer, a ranked
table beside it, and a click (or a pick) that opens a county's profile."""

import pandas as pd
import streamlit as st

from charts.classes import BASIS_CLASS, HEX_SCHEME, SCHEME_BY_MODE
from charts.hexmap import COUNTY_LAYER_ID, HEX_LAYER_ID, hex_deck, legend_html
from charts.maps import county_choropleth
from config import get_settings
from data_access import reference
from data_access.figures.crime import crime_summary
from data_access.hotspots import (
    CRIME_MODES,
    MAP_MODES,
    county_map_frame,
    hex_hotspot_summary,
    hex_hotspots,
    map_modes,
    rank_counties,
)
from data_access.metrics import definition
from data_access.status import data_status
from geo.boundaries import ATTRIBUTION, counties_geojson, map_view_for
from ui.blocks import chart_block
from ui.filters import current_filters, set_county
from ui.i18n import t

PROFILE_PAGE = "views/county_profile.py"
DEFAULT_MODE = "rate"
TOP_N = 15
# The map's size on a laptop screen (left column of the wide layout), used to frame it.
MAP_WIDTH_PX, MAP_HEIGHT_PX = 600, 560

# The columns of the compact ranked table beside the map, per mode (the map's own
# table view and CSV carry every column).
SIDE_COLUMNS = {
    "count": ["crimes", "rate per 100,000"],
    "rate": ["rate per 100,000", "crimes"],
    # The verdict first, so it is in view in the narrow column; the counts beside the %.
    "change": ["is it real?", "change %", "this period", "a year earlier"],
    "concerns": ["concerns raised", "at forums", "in chiefs' reports"],
    "resolution": ["resolution rate %", "fulfilled", "verified", "unverified"],
    "sentiment": ["median score (1–5)", "low scores (1–2) %", "n (reports scored)",
                  "compliance %"],
}

# Per mode: legend title, the keys of its "about this number" (metrics.definition, in the
# page's language), source, which data source dates it, and the tooltip lines (column of
# the map frame → label shown).
MODE_INFO = {
    "count": ("Crimes in period",
              ("crime_count", "coverage", "precedence"),
              "National Crime Trends Observatory (crime_agg)", "observatory",
              {"crimes": "crimes", "months_label": "months with data",
               "rate_display": "per 100,000", "note": "note"}),
    "rate": ("per 100,000",
             ("rate", "coverage", "precedence"),
             "National Crime Trends Observatory (crime_agg); population: KNBS 2019 census",
             "observatory",
             {"rate_display": "per 100,000", "crimes": "crimes",
              "population_2019": "population (2019)", "note": "note"}),
    "change": ("Change vs the same months a year earlier",
               ("change_map", "change", "significance", "dispersion"),
               "National Crime Trends Observatory (crime_agg)", "observatory",
               {"current_compared_shown": "this period", "previous_shown": "a year earlier",
                "pct": "change %", "z_r": "z", "change_verdict": "is it real?",
                "note": "note"}),
    "concerns": ("Concerns raised", ("concerns_raised",),
                 "Jukwaa la Usalama forum records (concerns) and chiefs' monthly reports "
                 "(NGAO)", "forums",
                 {"concerns_display": "concerns raised", "forum_concerns_display": "at forums",
                  "chief_concerns_display": "in chiefs' reports",
                  "forums_display": "forums held"}),
    "resolution": ("Resolution rate", ("resolution",),
                   "Forum commitments and their status updates", "commitments",
                   {"value_display": "resolution rate", "fulfilled_display": "fulfilled",
                    "verified_display": "verified", "unverified_display": "unverified",
                    "made_display": "made", "overdue_display": "overdue",
                    "past_due_unverified_display": "past due, not yet verified"}),
    "sentiment": ("Median sentiment score (1–5)",
                  ("sentiment_median", "compliance", "chief_months"),
                  "Chiefs' monthly reports (NGAO)", "chiefs",
                  {"value_display": "median score", "low_pct": "low scores (1–2) %",
                   "rated": "n (reports scored)", "reports_display": "reports",
                   "expected": "reports expected", "compliance_pct": "compliance %"}),
}


def _open_profile(code: str) -> None:
    """Select the county and open its profile."""
    set_county(code, page=PROFILE_PAGE)


def _clicked_county(state) -> str | None:
    """The county code picked on the plotly map (points) or the pydeck map (objects)."""
    if not state:
        return None
    selection = state.get("selection") or {}
    for point in selection.get("points") or []:
        if point.get("location"):
            return str(point["location"])
    objects = selection.get("objects") or {}
    for obj in objects.get(COUNTY_LAYER_ID) or []:
        code = obj.get("id") or (obj.get("properties") or {}).get("code")
        if code:
            return str(code)
    for obj in objects.get(HEX_LAYER_ID) or []:  # a cell opens its main county
        if obj.get("county_code"):
            return str(obj["county_code"])
    return None


def _as_of(source: str):
    value = status.loc[source, "last"] if source in status.index else None
    return value if value is not None and pd.notna(value) else None


def _seed(key: str, value) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


f = current_filters()
lang = f.lang
settings = get_settings()
status = data_status().set_index("source")

st.title(t("hotspots", lang))
st.caption(t("hotspots_caption", lang, scope=f.scope_label, period=f.period_label))

# --- controls, kept in the URL (?map=<mode>&hex=1) -------------------------------------
# Public screens offer only the modes with public figures per county (map_modes): the
# others are public by region only, and the info line says which are left out.
offered = map_modes(f.audience)
url_mode = st.query_params.get("map")
_seed("hs_mode", url_mode if url_mode in MAP_MODES
      else st.session_state.get("_hs_mode_saved", DEFAULT_MODE))
if st.session_state["hs_mode"] not in offered:
    st.session_state["hs_mode"] = DEFAULT_MODE
_seed("hs_hex", st.query_params.get("hex") == "1")
mode = st.segmented_control(t("map_shows", lang), options=list(offered), key="hs_mode",
                            required=True, format_func=lambda m: t(f"mshort_{m}", lang))
if len(offered) < len(MAP_MODES):
    left_out = ", ".join(t(f"mshort_{m}", lang) for m in MAP_MODES if m not in offered)
    st.info(t("map_modes_not_public", lang, modes=left_out), icon=":material/lock:")
if f.public:
    # Not offered at all: cells locate incidents and cut across the county counts.
    show_hex = False
    st.info(t("hex_not_public", lang), icon=":material/hexagon:")
else:
    show_hex = st.toggle(t("hex_layer", lang), key="hs_hex", help=t("hex_help", lang))
st.session_state["_hs_mode_saved"] = mode
if st.query_params.get("map") != mode:
    st.query_params["map"] = mode
if show_hex and st.query_params.get("hex") != "1":
    st.query_params["hex"] = "1"
elif not show_hex and "hex" in st.query_params:
    del st.query_params["hex"]

# --- data -----------------------------------------------------------------------------
# Every crime figure comes from data_access.figures (through county_map_frame and
# crime_summary); this page only formats them.
frame = county_map_frame(mode=mode, scope=f.scope)
scheme = SCHEME_BY_MODE[mode]
# Counties whose data do not cover the whole period are grey, with their own class.
grey = frame["basis"].map(BASIS_CLASS) if mode in ("count", "rate") else None
frame["class"] = scheme.classify(frame["value"], suppressed=frame["suppressed"], status=grey)
legend_title, about_keys, source, source_key, hover_cols = MODE_INFO[mode]
about = "\n\n".join(definition(k, lang) for k in about_keys)
ranked = rank_counties(frame, mode)
crime_caption = ""
if mode in CRIME_MODES:
    summary = crime_summary(f.scope)
    crime_caption = f"{t('crimes_recorded', lang)}: {summary.coverage(lang)}."
    if mode == "change":  # "vs the same months a year earlier (…)" or "no change: …"
        note = summary.comparison(lang)
        crime_caption += f" Change {note}." if note.startswith("vs ") else \
            f" {note[:1].upper()}{note[1:]}."
    crime_caption += "\n\n"
# Tooltip and table columns with readable names.
if mode == "change":
    frame["pct"] = frame["pct_change"].map(lambda v: "—" if pd.isna(v) else f"{v:+.0f}%")
    frame["z_r"] = frame["z"].map(lambda v: "—" if pd.isna(v) else f"{v:+.2f}")
if mode == "sentiment":
    frame["low_pct"] = (frame["low_share"] * 100).round(0)
    frame["compliance_pct"] = (frame["compliance"] * 100).round(0)
hover_frame = frame[["county_code", "county", "class", *hover_cols]].rename(columns=hover_cols)
view = map_view_for(f.county_codes, width_px=MAP_WIDTH_PX, height_px=MAP_HEIGHT_PX)
center, zoom = {"lat": view["lat"], "lon": view["lon"]}, view["zoom"]
population_note = (f"Population: {settings.population_source}. " if mode == "rate" else "")
as_of = _as_of(source_key)

if mode == "concerns" and not frame["forums"].gt(0).any() \
        and not frame["concerns_at_least"].fillna(1).gt(0).any():
    # Nothing at forums or in chiefs' reports (a hidden "<5" still counts as something).
    st.info(t("no_forums_in_period", lang))

left, right = st.columns([3, 2])
with left:
    if show_hex:
        cells = hex_hotspots(start=f.start, end=f.end, categories=f.categories,
                             county_codes=f.county_codes, audience=f.audience)
        summary = hex_hotspot_summary(start=f.start, end=f.end, categories=f.categories,
                                      county_codes=f.county_codes, audience=f.audience).iloc[0]
        if mode not in CRIME_MODES:
            st.info(t("hex_crime_only", lang))
        st.html(legend_html(HEX_SCHEME, t("hex_legend", lang)))
        shown = t("hex_caption", lang, incidents=f"{summary['incidents']:,}",
                  cells=f"{summary['cells']:,}")
        if summary["cells_hidden"]:
            shown += " " + t("hex_hidden", lang, incidents=f"{summary['incidents_hidden']:,}",
                             cells=f"{summary['cells_hidden']:,}")
        table = cells[["hex", "count", "county"]].rename(
            columns={"hex": "H3 cell", "count": "incidents", "county": "county (most incidents)"})
        state = chart_block(
            t("hex_title", lang), hex_deck(cells, counties_geojson(), center=center, zoom=zoom,
                                              height=MAP_HEIGHT_PX),
            table, filters=f, definition=definition("hex_layer", lang),
            source="Incident records with coordinates (hex_cells aggregate)",
            as_of=_as_of("observatory"),
            key="hotspots_hex", on_select="rerun", selection_mode="single-object",
            caption=f"{shown} {ATTRIBUTION}",
        )
    else:
        fig = county_choropleth(
            hover_frame, counties_geojson(), class_col="class", scheme=scheme,
            hover={**{c: True for c in hover_cols.values()}, "class": False,
                   "county_code": False},
            center=center, zoom=zoom, legend_title=legend_title, height=MAP_HEIGHT_PX,
        )
        # Keep the user's pan and zoom across reruns that leave the map as it is; re-frame
        # when the area in scope changes. (Streamlit 1.67 remounts a plotly chart whose
        # figure changed, so a new mode or filter starts from the framed view.)
        fig.update_layout(uirevision="hotspots-" + ",".join(f.county_codes))
        # Tooltips in dark text on white: on a near-white or grey county the default
        # (the county's own colour behind grey text) is hard to read.
        fig.update_layout(hoverlabel={"bgcolor": "white", "bordercolor": "#555555",
                                      "font": {"color": "#1f1f1f"}})
        # The legend goes under the map, in rows: over the map it would hide counties.
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0,
                                  "yanchor": "top", "bgcolor": "rgba(255,255,255,0)",
                                  "title": {"side": "top"}})
        map_table = ranked.merge(frame[["county", "class"]], on="county", how="left").rename(
            columns={"class": "legend class"})
        state = chart_block(
            t(f"mode_{mode}", lang), fig, map_table, filters=f, definition=about,
            source=source, as_of=as_of, key="hotspots_map", on_select="rerun",
            selection_mode="points", caption=crime_caption + population_note + ATTRIBUTION,
        )
    st.caption(t("click_hint", lang))
    clicked = _clicked_county(state)
    if clicked:
        _open_profile(clicked)

with right:
    side = ranked.head(TOP_N)[["rank", "county", *SIDE_COLUMNS[mode]]]
    chart_block(f"{t('ranked_title', lang)} — {t(f'mode_{mode}', lang)}", None, side,
                filters=f, definition=about, source=source,
                as_of=as_of, key="hotspots_ranked",
                caption=population_note.strip() or None)
    names = {c.code: c.name for c in reference.counties()}
    options = sorted(frame["county_code"], key=lambda c: names[c])
    picked = st.selectbox(t("open_profile", lang), options, index=None, key="hs_open",
                          format_func=names.get, placeholder=t("pick_county", lang))
    if picked:
        _open_profile(picked)
