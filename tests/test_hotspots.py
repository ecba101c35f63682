"""Hotspots: per-county numbers of every map mode, fixed classes, hexagon cells, the page.

A small database is built by hand (``hotspot_db``) so every expected number below can be
worked out on paper. The current period is Jan–Mar 2025, the previous Oct–Dec 2024.

County        crimes now / before   z = 2(√now − √before)   verdict
Mombasa 001        40 / 10               +6.32                significant rise (surge)
Kwale   002        20 / 10               +2.62                possible rise
Kilifi  003        10 / 30               −4.63                significant fall
Lamu    005         3 / 0                +3.46                too few to tell (both < 5)
Nairobi 047         4 / 2                +1.17                too few to tell (a doubling)
+ Nairobi has a figure of 1,000 published for the whole of 2025: never in a month view.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import pandas as pd
import pytest

from charts.classes import (
    CHANGE_NEUTRAL,
    CHANGE_SCHEME,
    CONCERNS_SCHEME,
    COUNT_SCHEME,
    HEX_SCHEME,
    NO_DATA,
    RATE_SCHEME,
    RESOLUTION_SCHEME,
    SCHEME_BY_MODE,
    SENTIMENT_SCHEME,
    SUPPRESSED,
)
from charts.hexmap import (
    HEX_LAYER_ID,
    NO_BASEMAP_STYLE,
    color_expression,
    hex_deck,
    hex_to_rgba,
)
from data_access import schema as s
from data_access.aggregates import refresh_aggregates
from data_access.engine import get_engine, init_db, new_source
from data_access.hexes import cell_for, cell_to_hex
from data_access.hotspots import (
    MAP_MODES,
    county_map_frame,
    hex_hotspot_summary,
    hex_hotspots,
    rank_counties,
)
from tests.apptest_helpers import problems, run_page

START, END = dt.date(2025, 1, 1), dt.date(2025, 3, 31)
PREV_START, PREV_END = dt.date(2024, 10, 1), dt.date(2024, 12, 31)
RES = 5
POINT_A = (-4.05, 39.66)  # Mombasa island
POINT_B = (-3.60, 39.85)  # far enough north to be another res-5 cell
CELL_A = cell_to_hex(cell_for(*POINT_A, RES))
CELL_B = cell_to_hex(cell_for(*POINT_B, RES))

POP = {"001": 1208333, "002": 866820, "003": 1453787, "005": 143920, "047": 4397073}


def _incident(county, category, day, point=None):
    lat, lon = point if point else (None, None)
    return {"occurred_on": day, "month": day.replace(day=1), "county_code": county,
            "category_code": category, "latitude": lat, "longitude": lon,
            "h3_cell": cell_for(lat, lon, RES) if point else None}


def _crimes(county, n, days, category="stealing", point=None):
    return [_incident(county, category, days[i % len(days)], point) for i in range(n)]


NOW = [dt.date(2025, 1, 15), dt.date(2025, 2, 10), dt.date(2025, 3, 20)]
BEFORE = [dt.date(2024, 10, 5), dt.date(2024, 11, 12), dt.date(2024, 12, 30)]


def _build(engine) -> None:
    """Write the hand-built data set (see the module docstring)."""
    rows = (
        _crimes("001", 36, NOW, point=POINT_A) + _crimes("001", 2, NOW, "robbery", POINT_A)
        + _crimes("001", 2, NOW, point=POINT_B) + _crimes("001", 10, BEFORE, point=POINT_A)
        + _crimes("002", 20, NOW) + _crimes("002", 10, BEFORE)
        + _crimes("003", 10, NOW) + _crimes("003", 30, BEFORE)
        + _crimes("005", 3, NOW, "offences_against_morality")
        + _crimes("047", 4, NOW) + _crimes("047", 2, BEFORE)
    )
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="test", name="hand-built hotspots")
        conn.execute(s.incidents.insert(), [{**r, "source_id": src} for r in rows])
        conn.execute(s.crime_counts.insert(), [{
            "county_code": "047", "category_code": "stealing",
            "period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31),
            "grain": "year", "month": dt.date(2025, 1, 1), "count": 1000,
            "publication": "Annual report 2025", "source_id": src}])
        _forums_and_commitments(conn, src)
        _chiefs(conn, src)
        refresh_aggregates(conn)


def _forums_and_commitments(conn, src: int) -> None:
    f = s.forums
    conn.execute(f.insert(), [
        {"id": 1, "external_id": "F1", "edition": "Pwani Edition", "county_code": "001",
         "venue": "Mombasa", "held_on": dt.date(2025, 2, 10), "source_id": src},
        {"id": 2, "external_id": "F2", "edition": "Pwani Edition", "county_code": "002",
         "venue": "Kwale", "held_on": dt.date(2025, 3, 1), "source_id": src},
        {"id": 3, "external_id": "F3", "edition": "Pwani Edition", "county_code": "001",
         "venue": "Mombasa", "held_on": dt.date(2024, 6, 1), "source_id": src},
    ])
    concerns = (
        [("001", 1, "drugs", dt.date(2025, 2, 10))] * 4
        + [("001", 1, "gbv", dt.date(2025, 2, 10))] * 2
        + [("002", 2, "drugs", dt.date(2025, 3, 1))] * 2
        + [("001", None, "drugs", dt.date(2025, 2, 20))]  # a chief's report: not a forum
        + [("001", 3, "drugs", dt.date(2024, 6, 1))]  # before the period
    )
    conn.execute(s.concerns.insert(), [
        {"id": i + 1, "external_id": f"C{i + 1}", "forum_id": forum,
         "origin": "forum" if forum else "chief_report", "county_code": county,
         "theme_code": theme, "summary": "hand-built", "raised_on": day, "source_id": src}
        for i, (county, forum, theme, day) in enumerate(concerns)
    ])
    # Mombasa: 5 commitments → as of 31 Mar 2025: fulfilled ×2, in progress, not
    # fulfilled, unverified → 2 of 4 verified = 50%. Kwale: 1 unverified → no data.
    statuses = [("001", "fulfilled"), ("001", "fulfilled"), ("001", "in_progress"),
                ("001", "not_fulfilled"), ("001", None), ("002", None)]
    conn.execute(s.commitments.insert(), [
        {"id": i + 1, "external_id": f"K{i + 1}", "concern_id": 1 if county == "001" else 7,
         "institution_code": "nacada", "title": "Task force", "made_on": dt.date(2025, 2, 10),
         "due_on": dt.date(2025, 12, 31), "current_status": status or "unverified",
         "source_id": src}
        for i, (county, status) in enumerate(statuses)
    ])
    updates = [{"commitment_id": i + 1, "status": status, "updated_on": dt.date(2025, 3, 15)}
               for i, (_c, status) in enumerate(statuses) if status]
    # A later update is not yet true on 31 March.
    updates.append({"commitment_id": 3, "status": "fulfilled", "updated_on": dt.date(2025, 5, 1)})
    now = dt.datetime(2025, 5, 2, 12, 0)
    conn.execute(s.commitment_updates.insert(),
                 [{**u, "recorded_at": now, "source_id": src} for u in updates])


def _chiefs(conn, src: int) -> None:
    conn.execute(s.chief_locations.insert(), [
        {"id": 1, "county_code": "001", "sub_county": "Mvita", "location": "Majengo",
         "expected_from": dt.date(2024, 1, 1), "source_id": src},
        {"id": 2, "county_code": "001", "sub_county": "Nyali", "location": "Kongowea",
         "expected_from": dt.date(2024, 1, 1), "source_id": src},
        {"id": 3, "county_code": "002", "sub_county": "Msambweni", "location": "Ramisi",
         "expected_from": dt.date(2024, 1, 1), "source_id": src},
    ])
    scores = {1: 2, 2: 4, 3: 1}
    conn.execute(s.chief_reports.insert(), [
        {"location_id": loc, "month": dt.date(2025, m, 1), "sentiment": score, "source_id": src}
        for loc, score in scores.items() for m in (1, 2, 3)
    ])


@pytest.fixture
def hotspot_engine(engine):
    """The hand-built data set on each backend."""
    _build(engine)
    return engine


@pytest.fixture(scope="module")
def hotspot_db_url(tmp_path_factory) -> str:
    """A SQLite file holding the hand-built data set, for the page tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hotspots') / 'hotspots.db'}"
    eng = get_engine(url)
    init_db(eng)
    _build(eng)
    yield url
    eng.dispose()


def _frame(engine, mode, **kw):
    args = {"start": START, "end": END, "prev_start": PREV_START, "prev_end": PREV_END}
    return county_map_frame(engine=engine, mode=mode, **{**args, **kw}).set_index("county_code")


# --- crime modes: count, rate, change --------------------------------------------------

CRIME_CASES = [
    # county, count, previous, z, verdict, signal, change class
    ("001", 40, 10, 2 * (math.sqrt(40) - math.sqrt(10)), "significant", 2, "Significant rise"),
    ("002", 20, 10, 2 * (math.sqrt(20) - math.sqrt(10)), "possible", 1, "Possible rise"),
    ("003", 10, 30, 2 * (math.sqrt(10) - math.sqrt(30)), "significant", -2, "Significant fall"),
    ("005", 3, 0, 2 * math.sqrt(3), "too few to tell", 0, CHANGE_NEUTRAL),
    ("047", 4, 2, 2 * (2 - math.sqrt(2)), "too few to tell", 0, CHANGE_NEUTRAL),
    ("004", 0, 0, 0.0, "too few to tell", 0, CHANGE_NEUTRAL),
]


@pytest.mark.parametrize("county,count,previous,z,verdict,signal,klass", CRIME_CASES)
def test_crime_counts_rates_and_change_per_county(hotspot_engine, county, count, previous, z,
                                                  verdict, signal, klass):
    frame = _frame(hotspot_engine, "change")
    row = frame.loc[county]
    assert (row["count"], row["previous"]) == (count, previous)
    assert row["rate_per_100k"] == pytest.approx(count / POP.get(county, 315943) * 100_000)
    assert row["z"] == pytest.approx(z)
    assert row["verdict"] == verdict
    assert row["value"] == signal
    assert CHANGE_SCHEME.classify(pd.Series([row["value"]])).iloc[0] == klass


def test_doubling_from_2_to_4_is_not_flagged_but_the_surge_is(hotspot_engine):
    frame = _frame(hotspot_engine, "change")
    nairobi, mombasa = frame.loc["047"], frame.loc["001"]
    assert (nairobi["count"], nairobi["previous"], nairobi["direction"]) == (4, 2, "none")
    assert mombasa["direction"] == "up" and mombasa["z"] >= 3


def test_every_county_is_on_the_map_and_yearly_figures_stay_out(hotspot_engine):
    for mode in MAP_MODES:
        assert len(_frame(hotspot_engine, mode)) == 47, mode
    counts = _frame(hotspot_engine, "count")
    # Nairobi's 1,000 published for 2025 as a whole are not spread into Jan–Mar.
    assert counts.loc["047", "value"] == 4
    assert int(counts["count"].sum()) == 40 + 20 + 10 + 3 + 4


@pytest.mark.parametrize("mode,county,value", [
    ("count", "001", 40.0),
    ("rate", "001", 40 / 1208333 * 100_000),
    ("rate", "047", 4 / 4397073 * 100_000),
    ("concerns", "001", 6.0),
    ("concerns", "002", 2.0),
    ("resolution", "001", 0.5),
    ("sentiment", "001", 3.0),
    ("sentiment", "002", 1.0),
])
def test_map_value_per_mode(hotspot_engine, mode, county, value):
    assert _frame(hotspot_engine, mode).loc[county, "value"] == pytest.approx(value)


def test_categories_filter_applies(hotspot_engine):
    frame = _frame(hotspot_engine, "count", categories=("robbery",))
    assert frame.loc["001", "count"] == 2
    assert frame["count"].sum() == 2


# --- concerns, resolution, sentiment ------------------------------------------------------

def test_concerns_count_forum_concerns_in_period_with_theme_filter(hotspot_engine):
    frame = _frame(hotspot_engine, "concerns")
    assert frame.loc["001", ["concerns", "forums"]].tolist() == [6, 1]
    assert frame.loc["002", ["concerns", "forums"]].tolist() == [2, 1]
    drugs = _frame(hotspot_engine, "concerns", themes=("drugs",))
    assert drugs.loc["001", "concerns"] == 4
    assert drugs.loc["003", "class" if "class" in drugs else "value"] == 0


def test_resolution_counts_in_tooltip_and_nothing_verified_is_no_data(hotspot_engine):
    frame = _frame(hotspot_engine, "resolution")
    mombasa = frame.loc["001"]
    assert [mombasa[c] for c in ("made", "verified", "fulfilled", "unverified")] == [5, 4, 2, 1]
    assert mombasa["value_display"] == "50%"
    kwale = frame.loc["002"]
    assert (kwale["made"], kwale["verified"]) == (1, 0)
    assert math.isnan(kwale["value"])
    classes = RESOLUTION_SCHEME.classify(frame["value"], suppressed=frame["suppressed"])
    assert classes["002"] == NO_DATA and classes["001"] == "40–59%"


def test_sentiment_and_compliance(hotspot_engine):
    frame = _frame(hotspot_engine, "sentiment")
    assert frame.loc["001", ["reports", "expected"]].tolist() == [6, 6]
    assert frame.loc["001", "compliance"] == pytest.approx(1.0)
    assert SENTIMENT_SCHEME.classify(frame["value"])["001"] == "Neutral (2.75–3.25)"
    assert SENTIMENT_SCHEME.classify(frame["value"])["002"] == "Very negative (1–2)"


# --- public mode ------------------------------------------------------------------------

def test_public_mode_hides_small_counts_and_what_is_derived_from_them(hotspot_engine):
    change = _frame(hotspot_engine, "change", public=True)
    lamu = change.loc["005"]
    assert lamu["count_display"] == "<5" and math.isnan(lamu["value"]) and lamu["suppressed"]
    assert math.isnan(lamu["z"]) and math.isnan(lamu["rate_per_100k"])
    # Nairobi's previous 2 is hidden, so its change is too (z would give it away).
    assert change.loc["047", "suppressed"] and math.isnan(change.loc["047", "z"])
    assert change.loc["001", "value"] == 2  # big counts stay visible
    classes = CHANGE_SCHEME.classify(change["value"], suppressed=change["suppressed"])
    assert classes["005"] == SUPPRESSED
    concerns = _frame(hotspot_engine, "concerns", public=True)
    assert concerns.loc["002", "concerns_display"] == "<5"
    assert concerns.loc["001", "concerns_display"] == "6"
    resolution = _frame(hotspot_engine, "resolution", public=True)
    assert resolution.loc["001", "suppressed"]  # 4 verified, 2 fulfilled: both < 5
    sentiment = _frame(hotspot_engine, "sentiment", public=True)
    assert sentiment.loc["002", "suppressed"] and not sentiment.loc["001", "suppressed"]


def test_sensitive_only_selections_are_always_suppressed(hotspot_engine):
    morality = _frame(hotspot_engine, "count", categories=("offences_against_morality",))
    assert morality.loc["005", "count_display"] == "<5"
    gbv = _frame(hotspot_engine, "concerns", themes=("gbv",))
    assert gbv.loc["001", "concerns_display"] == "<5"


def test_bad_input_gets_a_clear_message(hotspot_engine):
    with pytest.raises(ValueError, match="unknown map mode 'heat'"):
        _frame(hotspot_engine, "heat")
    with pytest.raises(ValueError, match="unknown crime categories: stealin"):
        _frame(hotspot_engine, "count", categories=("stealin",))
    with pytest.raises(ValueError, match="needs prev_start"):
        county_map_frame(engine=hotspot_engine, mode="change", start=START, end=END)
    with pytest.raises(ValueError, match="ends .* before it starts"):
        _frame(hotspot_engine, "count", start=END, end=START)


# --- ranking ----------------------------------------------------------------------------

def test_ranked_table_leads_with_the_surest_rise_and_keeps_counts(hotspot_engine):
    table = rank_counties(_frame(hotspot_engine, "change").reset_index(), "change")
    assert table["county"].tolist()[:3] == ["Mombasa", "Kwale", "Kilifi"]
    assert table.loc[0, ["this period", "previous period"]].tolist() == ["40", "10"]
    assert table["rank"].tolist()[:4] == ["1", "2", "3", ""]
    assert (table["rank"] == "").sum() == 44  # noise is listed but not ranked
    rate = rank_counties(_frame(hotspot_engine, "rate").reset_index(), "rate")
    assert rate.loc[0, "county"] == "Mombasa" and rate.loc[0, "crimes"] == "40"


# --- fixed classes ----------------------------------------------------------------------

SCHEME_CASES = [
    (COUNT_SCHEME, 0, "0–49"), (COUNT_SCHEME, 49, "0–49"), (COUNT_SCHEME, 50, "50–99"),
    (COUNT_SCHEME, 5000, "5,000+"),
    (CONCERNS_SCHEME, 0, "None"), (CONCERNS_SCHEME, 4, "1–4"), (CONCERNS_SCHEME, 5, "5–9"),
    (RESOLUTION_SCHEME, 0.0, "0–19%"), (RESOLUTION_SCHEME, 0.5, "40–59%"),
    (RESOLUTION_SCHEME, 1.0, "80–100%"),
    (SENTIMENT_SCHEME, 1.0, "Very negative (1–2)"), (SENTIMENT_SCHEME, 3.0, "Neutral (2.75–3.25)"),
    (SENTIMENT_SCHEME, 5.0, "Very positive (4–5)"),
    (CHANGE_SCHEME, -2, "Significant fall"), (CHANGE_SCHEME, -1, "Possible fall"),
    (CHANGE_SCHEME, 0, CHANGE_NEUTRAL), (CHANGE_SCHEME, 1, "Possible rise"),
    (CHANGE_SCHEME, 2, "Significant rise"),
    (HEX_SCHEME, 1, "1–4"), (HEX_SCHEME, 250, "250+"),
]


@pytest.mark.parametrize("scheme,value,label", SCHEME_CASES)
def test_same_value_same_class_whatever_else_is_on_the_map(scheme, value, label):
    alone = scheme.classify(pd.Series([value])).iloc[0]
    crowd = scheme.classify(pd.Series([value, 0.001, 1e9, -5.0, math.nan])).iloc[0]
    assert alone == crowd == label
    assert scheme.color_map()[label] == scheme.colors[scheme.labels.index(label)]


def test_every_mode_has_a_scheme_with_distinct_colours():
    assert set(SCHEME_BY_MODE) == set(MAP_MODES)
    assert SCHEME_BY_MODE["rate"] is RATE_SCHEME
    for scheme in SCHEME_BY_MODE.values():
        assert len(set(scheme.colors)) == len(scheme.colors)


def test_change_map_draws_noise_near_white_and_real_change_strong():
    colours = CHANGE_SCHEME.color_map()
    assert colours[CHANGE_NEUTRAL] == "#f7f7f7"
    assert colours["Possible rise"] == "#f4a582" and colours["Significant rise"] == "#b2182b"


# --- hexagon cells ----------------------------------------------------------------------

def test_hex_query_returns_cells_not_points(hotspot_engine):
    cells = hex_hotspots(engine=hotspot_engine, start=START, end=END)
    assert cells[["hex", "count"]].to_dict("records") == [{"hex": CELL_A, "count": 38},
                                                          {"hex": CELL_B, "count": 2}]
    assert cells["county"].tolist() == ["Mombasa", "Mombasa"]
    summary = hex_hotspot_summary(engine=hotspot_engine, start=START, end=END).iloc[0]
    assert summary.to_dict() == {"cells": 2, "incidents": 40, "cells_hidden": 0,
                                 "incidents_hidden": 0}


def test_hex_query_respects_period_categories_and_counties(hotspot_engine):
    before = hex_hotspots(engine=hotspot_engine, start=PREV_START, end=PREV_END)
    assert before[["hex", "count"]].to_dict("records") == [{"hex": CELL_A, "count": 10}]
    robbery = hex_hotspots(engine=hotspot_engine, start=START, end=END, categories=("robbery",))
    assert robbery[["hex", "count"]].to_dict("records") == [{"hex": CELL_A, "count": 2}]
    assert hex_hotspots(engine=hotspot_engine, start=START, end=END,
                        county_codes=("047",)).empty


def test_hex_public_mode_drops_cells_under_5(hotspot_engine):
    cells = hex_hotspots(engine=hotspot_engine, start=START, end=END, public=True)
    assert cells[["hex", "count"]].to_dict("records") == [{"hex": CELL_A, "count": 38}]
    summary = hex_hotspot_summary(engine=hotspot_engine, start=START, end=END,
                                  public=True).iloc[0]
    assert (summary["cells_hidden"], summary["incidents_hidden"]) == (1, 2)


def test_a_border_cell_belongs_to_the_county_with_most_of_its_incidents(engine):
    rows = (_crimes("001", 3, NOW, point=POINT_A) + _crimes("002", 5, NOW, point=POINT_A)
            + _crimes("003", 5, NOW, point=POINT_A))
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="test", name="border cell")
        conn.execute(s.incidents.insert(), [{**r, "source_id": src} for r in rows])
        refresh_aggregates(conn)
    cells = hex_hotspots(engine=engine, start=START, end=END)
    assert cells.to_dict("records") == [{"hex": CELL_A, "count": 13, "county_code": "002",
                                         "county": "Kwale"}]  # 5–5 tie: the lower code
    only_mombasa = hex_hotspots(engine=engine, start=START, end=END, county_codes=("001",))
    assert only_mombasa[["count", "county"]].values.tolist() == [[3, "Mombasa"]]


def test_hex_deck_has_no_basemap_and_carries_only_cells(hotspot_engine):
    cells = hex_hotspots(engine=hotspot_engine, start=START, end=END)
    geojson = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "001", "properties": {"name": "Mombasa"},
         "geometry": {"type": "Point", "coordinates": [39.66, -4.05]}}]}
    text = hex_deck(cells, geojson, center={"lat": 0, "lon": 38}, zoom=5).to_json()
    assert "\n" not in text  # compact JSON: indentation would multiply the outlines
    deck = json.loads(text)
    assert deck["mapStyle"] == NO_BASEMAP_STYLE and "mapProvider" not in deck
    hexes = next(layer for layer in deck["layers"] if layer["id"] == HEX_LAYER_ID)
    assert hexes["data"] == [
        {"hex": CELL_A, "count": 38, "county_code": "001", "tip": "38 incidents · Mombasa"},
        {"hex": CELL_B, "count": 2, "county_code": "001", "tip": "2 incidents · Mombasa"}]


@pytest.mark.parametrize("count,colour", [(1, "#ffffb2"), (4, "#ffffb2"), (5, "#fed976"),
                                          (38, "#fd8d3c"), (249, "#e31a1c"), (250, "#b10026")])
def test_hex_colour_expression_follows_the_fixed_classes(count, colour):
    expr = color_expression(HEX_SCHEME)
    # Evaluate the nested ternary the way the browser does, outermost test first.
    while (m := re.fullmatch(r"count >= ([0-9.]+) \? (\[[^\]]*\]) : (.*)", expr)):
        if count >= float(m.group(1)):
            expr = m.group(2)
            break
        expr = m.group(3)
    got = json.loads(expr)
    assert got[:3] == hex_to_rgba(colour)[:3]
    assert HEX_SCHEME.color_map()[HEX_SCHEME.classify(pd.Series([count])).iloc[0]] == colour


# --- the page (AppTest) -----------------------------------------------------------------

COUNTY_CODES = {f"{i:03d}" for i in range(1, 48)}


def _page(url: str, monkeypatch, **params):
    return run_page(url, monkeypatch, "hotspots.py", **params)


def _locations(at) -> list[str]:
    charts = at.get("plotly_chart")
    assert charts, "no plotly map on the page"
    spec = json.loads(charts[0].proto.spec)
    # Legend-only rows (every class listed) have ids that match no county.
    return [loc for trace in spec["data"] for loc in trace.get("locations", [])
            if loc in COUNTY_CODES]


@pytest.mark.parametrize("mode", MAP_MODES)
def test_page_draws_every_mode_with_47_counties(hotspot_db_url, monkeypatch, mode):
    at = _page(hotspot_db_url, monkeypatch, **{"from": "2025-01", "to": "2025-03", "map": mode})
    assert not problems(at), "\n".join(problems(at))
    assert at.segmented_control(key="hs_mode").value == mode
    assert sorted(_locations(at)) == [f"{i:03d}" for i in range(1, 48)]
    assert at.query_params["map"] == [mode] or at.query_params["map"] == mode
    # The legend lists every fixed class of the mode, whatever the data.
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert set(SCHEME_BY_MODE[mode].labels) <= {trace["name"] for trace in spec["data"]}


@pytest.mark.parametrize("params", [
    {"from": "2025-01", "to": "2025-03", "map": "change", "mode": "public"},
    {"from": "2025-01", "to": "2025-03", "map": "count", "region": "coast",
     "cat": "robbery,stealing"},
    {"from": "2025-01", "to": "2025-03", "map": "concerns", "theme": "gbv", "lang": "sw"},
    {"from": "2025-02", "to": "2025-02", "map": "resolution", "county": "001"},
    {"from": "2025-01", "to": "2025-03", "map": "rate", "hex": "1", "mode": "public"},
])
def test_page_runs_for_filter_combinations(hotspot_db_url, monkeypatch, params):
    at = _page(hotspot_db_url, monkeypatch, **params)
    assert not problems(at), "\n".join(problems(at))
    if params.get("hex"):
        assert at.toggle(key="hs_hex").value
        assert not at.get("plotly_chart")  # the hexagon map replaces the choropleth
    elif params.get("region") == "coast":
        assert len(set(_locations(at))) == 6  # the six Coast counties


def test_switching_modes_and_the_hex_layer(hotspot_db_url, monkeypatch):
    at = _page(hotspot_db_url, monkeypatch, **{"from": "2025-01", "to": "2025-03"})
    for mode in MAP_MODES:
        at.segmented_control(key="hs_mode").set_value(mode).run()
        assert not problems(at), mode
        assert len(_locations(at)) == 47
    at.toggle(key="hs_hex").set_value(True).run()
    assert not problems(at)
    decks = at.get("deck_gl_json_chart")
    assert decks and "H3HexagonLayer" in decks[0].proto.json


def test_picking_a_county_selects_it_for_its_profile(hotspot_db_url, monkeypatch):
    at = _page(hotspot_db_url, monkeypatch, **{"from": "2025-01", "to": "2025-03"})
    at.selectbox(key="hs_open").set_value("047").run()
    assert not problems(at)
    assert at.session_state["f_county"] == "047"


def test_counties_with_none_are_listed_but_not_ranked(hotspot_engine):
    table = rank_counties(_frame(hotspot_engine, "concerns").reset_index(), "concerns")
    assert table.loc[:1, "county"].tolist() == ["Mombasa", "Kwale"]
    assert table["rank"].tolist()[:3] == ["1", "2", ""]
    resolution = rank_counties(_frame(hotspot_engine, "resolution").reset_index(),
                               "resolution")
    assert resolution.loc[0, ["rank", "county", "resolution rate %"]].tolist() == [
        "1", "Mombasa", 50.0]
