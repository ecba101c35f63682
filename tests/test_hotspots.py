"""Hotspots: per-county numbers of every map mode, fixed classes, hexagon cells, the page.

A small database is built by hand (``hotspot_db``) so every expected number below can be
worked out on paper. The period is Jan–Mar 2025 (90 days); a change compares it with
the same months a year earlier, Jan–Mar 2024 (91 days), like for like, with the change
test of data_access.figures.change (φ = 1 here: too few pairs a year apart to measure it).

County           months with data   crimes now / a year earlier     change verdict
Mombasa     001   Jan–Mar            40 / 10   z ≈ +4.5               significant rise
Kwale       002   Jan–Mar            25 / 10   z ≈ +2.6               possible rise
Kilifi      003   Jan–Mar            10 / 30   z ≈ −3.2               significant fall
Taita T.    006   Jan–Mar            30 / 28   z ≈ +0.3               no clear change
Nairobi     047   Jan–Mar             4 / 2 (Jan–Feb 2024 only:      too few to tell
                                     like for like 3 / 2 on Jan–Feb)
Tana River  004   Jan–Feb only       12 / 12   (partial: no rate)     too few to tell
Lamu        005   Jan–Mar             3 / none                       no data to compare
Garissa     007   Jan–Mar            30 / none                       no data to compare
Marsabit    010   yearly figures only: 400 for 2024, 500 for 2025 — never in a month view
+ Nairobi has a figure of 1,000 published for the whole of 2025: never in a month view.
The other 38 counties have no crime data at all ("no data", never 0).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import pandas as pd
import pytest

from charts.classes import (
    BASIS_CLASS,
    CHANGE_NEUTRAL,
    CHANGE_SCHEME,
    CONCERNS_SCHEME,
    COUNT_SCHEME,
    HEX_SCHEME,
    INCOMPLETE,
    NO_COMPARISON,
    NO_DATA,
    RATE_COVERAGE_SCHEME,
    RATE_SCHEME,
    RESOLUTION_SCHEME,
    SCHEME_BY_MODE,
    SENTIMENT_SCHEME,
    SUPPRESSED,
    YEARLY_ONLY,
)
from charts.hexmap import (
    HEX_LAYER_ID,
    NO_BASEMAP_STYLE,
    color_expression,
    hex_deck,
    hex_to_rgba,
)
from data_access import reference
from data_access import schema as s
from data_access.aggregates import refresh_aggregates
from data_access.chiefs import chiefs_compliance, chiefs_period_summary
from data_access.engine import bump_data_version, get_engine, init_db, new_source
from data_access.figures.change import change_frame
from data_access.figures.crime import county_crime
from data_access.figures.scope import Audience, Period, Scope
from data_access.hexes import cell_for, cell_to_hex
from data_access.hotspots import (
    MAP_MODES,
    county_map_frame,
    hex_hotspot_summary,
    hex_hotspots,
    map_modes,
    rank_counties,
)
from data_access.privacy import NotForPublic, shown_text
from tests.apptest_helpers import problems, run_page

START, END = dt.date(2025, 1, 1), dt.date(2025, 3, 31)
# The same months a year earlier: what every change is measured against.
PREV_START, PREV_END = dt.date(2024, 1, 1), dt.date(2024, 3, 31)
DAYS_NOW, DAYS_BEFORE = 90, 91  # Jan–Mar 2025; Jan–Mar 2024 (a leap year)
RES = 5
POINT_A = (-4.05, 39.66)  # Mombasa island
POINT_B = (-3.60, 39.85)  # far enough north to be another res-5 cell
CELL_A = cell_to_hex(cell_for(*POINT_A, RES))
CELL_B = cell_to_hex(cell_for(*POINT_B, RES))

POP = {c.code: c.population_2019 for c in reference.counties()}


def _incident(county, category, day, point=None):
    lat, lon = point if point else (None, None)
    return {"occurred_on": day, "month": day.replace(day=1), "county_code": county,
            "category_code": category, "latitude": lat, "longitude": lon,
            "h3_cell": cell_for(lat, lon, RES) if point else None}


def _crimes(county, n, days, category="stealing", point=None):
    return [_incident(county, category, days[i % len(days)], point) for i in range(n)]


NOW = [dt.date(2025, 1, 15), dt.date(2025, 2, 10), dt.date(2025, 3, 20)]
BEFORE = [dt.date(2024, 1, 5), dt.date(2024, 2, 12), dt.date(2024, 3, 30)]


def _yearly(county: str, year: int, count: int, src: int) -> dict:
    """A published yearly figure (grain "year"): never spread into months."""
    return {"county_code": county, "category_code": "stealing",
            "period_start": dt.date(year, 1, 1), "period_end": dt.date(year, 12, 31),
            "grain": "year", "month": dt.date(year, 1, 1), "count": count,
            "publication": f"Annual report {year}", "source_id": src}


def _build(engine) -> None:
    """Write the hand-built data set (see the module docstring)."""
    rows = (
        _crimes("001", 36, NOW, point=POINT_A) + _crimes("001", 2, NOW, "robbery", POINT_A)
        + _crimes("001", 2, NOW, point=POINT_B) + _crimes("001", 10, BEFORE, point=POINT_A)
        + _crimes("002", 25, NOW) + _crimes("002", 10, BEFORE)
        + _crimes("003", 10, NOW) + _crimes("003", 30, BEFORE)
        + _crimes("006", 30, NOW) + _crimes("006", 28, BEFORE)
        + _crimes("004", 12, NOW[:2]) + _crimes("004", 12, BEFORE)  # no March 2025
        + _crimes("005", 3, NOW, "offences_against_morality")
        + _crimes("007", 30, NOW)
        + _crimes("047", 4, NOW) + _crimes("047", 2, BEFORE)  # Jan, Feb 2024 only
    )
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="test", name="hand-built hotspots")
        conn.execute(s.incidents.insert(), [{**r, "source_id": src} for r in rows])
        conn.execute(s.crime_counts.insert(), [
            _yearly("047", 2025, 1000, src), _yearly("010", 2024, 400, src),
            _yearly("010", 2025, 500, src)])
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
        # A chief's report (Feb 2025): counted in concerns raised, "in chiefs' reports".
        + [("001", None, "drugs", dt.date(2025, 2, 20))]
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


def _scope(start=START, end=END, *, categories=(), themes=(), public=False, county=None,
           region=None) -> Scope:
    audience = Audience.PUBLIC if public else Audience.INTERNAL
    return Scope(Period(start, end), audience, region, county, tuple(categories),
                 tuple(themes))


def _frame(engine, mode, **kw):
    return county_map_frame(engine=engine, mode=mode, scope=_scope(**kw)).set_index(
        "county_code")


def _classes(frame, mode):
    """The map classes exactly as the page draws them."""
    grey = frame["basis"].map(BASIS_CLASS) if mode in ("count", "rate") else None
    return SCHEME_BY_MODE[mode].classify(frame["value"], suppressed=frame["suppressed"],
                                         status=grey)


# --- crime modes: count, rate, change --------------------------------------------------

CRIME_CASES = [
    # county, count, compared now / a year earlier (like for like), verdict, change class
    ("001", 40, (40, 10), "significant", "Significant rise"),
    ("002", 25, (25, 10), "possible", "Possible rise"),
    ("003", 10, (10, 30), "significant", "Significant fall"),
    ("006", 30, (30, 28), "no clear change", CHANGE_NEUTRAL),
    ("047", 4, (3, 2), "too few to tell", CHANGE_NEUTRAL),
    ("004", 12, (12, 8), "too few to tell", CHANGE_NEUTRAL),
    ("005", 3, (math.nan, math.nan), "no data to compare", NO_COMPARISON),
    ("007", 30, (math.nan, math.nan), "no data to compare", NO_COMPARISON),
]


@pytest.mark.parametrize("county,count,compared,verdict,klass", CRIME_CASES)
def test_change_map_uses_the_figures_change_test(hotspot_engine, county, count, compared,
                                                 verdict, klass):
    frame = _frame(hotspot_engine, "change")
    row = frame.loc[county]
    assert row["count"] == count
    now, before = compared
    if verdict == "no data to compare":
        assert row["months_compared"] == 0 and math.isnan(row["value"])
    else:
        assert (row["current_compared"], row["previous"]) == (now, before)
        # Like for like: Nairobi and Tana River are compared on Jan–Feb only (59 days
        # against 60): the months with data on both sides.
        days = (59, 60) if county in ("047", "004") else (DAYS_NOW, DAYS_BEFORE)
        expected = change_frame(now, before, *days, 1.0).iloc[0]
        assert row["z"] == pytest.approx(expected["z"])
        assert row["pct_change"] == pytest.approx(expected["pct_change"])
        assert row["verdict"] == expected["verdict"] == verdict
    assert row["change_verdict"] == verdict
    assert _classes(frame, "change")[county] == klass


def test_only_real_changes_are_coloured(hotspot_engine):
    frame = _frame(hotspot_engine, "change")
    classes = _classes(frame, "change")
    coloured = classes[~classes.isin([CHANGE_NEUTRAL, NO_COMPARISON])]
    assert coloured.to_dict() == {"001": "Significant rise", "002": "Possible rise",
                                  "003": "Significant fall"}
    assert frame.loc["001", "direction"] == "up" and frame.loc["047", "direction"] == "none"
    # Counties with no crime data at all have nothing to compare: grey, never "no change".
    assert (classes == NO_COMPARISON).sum() == 47 - 6
    assert frame.loc["047", "note"] == "change measured on 2 of 3 months with data a year " \
                                       "earlier"


def test_map_values_are_the_figures_own(hotspot_engine):
    figures = county_crime(_scope(), engine=hotspot_engine).set_index("county_code")
    for mode in ("count", "rate", "change"):
        frame = _frame(hotspot_engine, mode)
        for col in ("count", "rate_per_100k", "previous", "z", "verdict", "basis", "note"):
            pd.testing.assert_series_equal(frame[col], figures[col], check_names=False)


def test_a_county_with_months_missing_is_partial_with_no_rate(hotspot_engine):
    rate = _frame(hotspot_engine, "rate")
    tana = rate.loc["004"]
    assert tana["basis"] == "partial" and tana["months_covered"] == 2
    assert math.isnan(tana["rate_per_100k"]) and math.isnan(tana["value"])
    assert tana["crimes"] == "12 (2 of 3 months)" and tana["rate_display"] == "—"
    assert tana["note"] == "data for 2 of 3 months; no rate"
    assert _classes(rate, "rate")["004"] == INCOMPLETE
    count = _frame(hotspot_engine, "count")
    assert math.isnan(count.loc["004", "value"])  # 12 in 2 months is not "12 in 3"
    assert _classes(count, "count")["004"] == INCOMPLETE


def test_yearly_figures_only_in_a_month_view_never_zero(hotspot_engine):
    for mode in ("count", "rate"):
        frame = _frame(hotspot_engine, mode)
        marsabit = frame.loc["010"]
        assert marsabit["basis"] == "yearly figures only"
        assert math.isnan(marsabit["count"]) and math.isnan(marsabit["value"])
        assert marsabit["crimes"] == "yearly figures only"
        assert marsabit["note"] == "yearly figures only: choose a whole calendar year"
        assert _classes(frame, mode)["010"] == YEARLY_ONLY
    # A whole calendar year uses the published figure.
    year = _frame(hotspot_engine, "rate", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert year.loc["010", "basis"] == "published yearly" and year.loc["010", "count"] == 500
    assert year.loc["010", "value"] == pytest.approx(500 / POP["010"] * 100_000)
    assert year.loc["047", "count"] == 1000  # the published figure, not 4 + 1000
    assert year.loc["001", "basis"] == "partial"  # 3 of 12 months


def test_no_data_is_grey_and_never_zero(hotspot_engine):
    for mode in ("count", "rate"):
        frame = _frame(hotspot_engine, mode)
        kirinyaga = frame.loc["020"]
        assert kirinyaga["basis"] == "no data" and math.isnan(kirinyaga["count"])
        assert kirinyaga["crimes"] == "no data" and kirinyaga["note"] == "no data for this period"
        assert _classes(frame, mode)["020"] == NO_DATA


def test_every_county_is_on_the_map_and_yearly_figures_stay_out(hotspot_engine):
    for mode in MAP_MODES:
        assert len(_frame(hotspot_engine, mode)) == 47, mode
    counts = _frame(hotspot_engine, "count")
    # Nairobi's 1,000 published for 2025 as a whole are not spread into Jan–Mar.
    assert counts.loc["047", "value"] == 4
    assert int(counts["value"].sum()) == 40 + 25 + 10 + 30 + 4 + 3 + 30
    assert counts["count"].notna().sum() == 8  # 7 complete + Tana River's 2 months


@pytest.mark.parametrize("mode,county,value", [
    ("count", "001", 40.0),
    ("rate", "001", 40 / 1208333 * 100_000),
    ("rate", "047", 4 / 4397073 * 100_000),
    # Concerns raised = 6 at Mombasa's forum + 1 in a chief's report (was 6: forums only).
    ("concerns", "001", 7.0),
    ("concerns", "002", 2.0),
    ("resolution", "001", 0.5),
    # The median score, not the mean (Mombasa's 2s and 4s averaged 3.0): the lower middle
    # of three 2s and three 4s is 2.
    ("sentiment", "001", 2.0),
    ("sentiment", "002", 1.0),
])
def test_map_value_per_mode(hotspot_engine, mode, county, value):
    assert _frame(hotspot_engine, mode).loc[county, "value"] == pytest.approx(value)


def test_categories_filter_applies(hotspot_engine):
    frame = _frame(hotspot_engine, "count", categories=("robbery",))
    assert frame.loc["001", "count"] == 2
    # Covered county-months without a robbery are a true 0; uncovered ones stay no data.
    assert frame.loc["002", "count"] == 0 and math.isnan(frame.loc["020", "count"])
    assert frame["count"].sum() == 2


# --- concerns, resolution, sentiment ------------------------------------------------------

def test_concerns_raised_in_two_parts_in_period_with_theme_filter(hotspot_engine):
    # Concerns raised now counts chiefs' reports beside forums (it used to count forum
    # concerns only): Mombasa 6 at its Feb forum + 1 in a chief's report; the concern of
    # its June 2024 forum is outside the period.
    cols = ["forum_concerns", "chief_concerns", "concerns", "forums"]
    frame = _frame(hotspot_engine, "concerns")
    assert frame.loc["001", cols].tolist() == [6, 1, 7, 1]
    assert frame.loc["002", cols].tolist() == [2, 0, 2, 1]
    assert frame.loc["001", "value_display"] == "7"
    drugs = _frame(hotspot_engine, "concerns", themes=("drugs",))
    assert drugs.loc["001", ["forum_concerns", "chief_concerns", "concerns"]].tolist() == \
        [4, 1, 5]
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
    # The score is ordinal: the map shows the median, one class per score (the classes
    # were bands of the mean, 2.75–3.25 "neutral"); low share and n beside it.
    assert (frame.loc["001", "median"], frame.loc["001", "low_share"]) == (2.0, 0.5)
    assert frame.loc["001", "rated"] == 6 and frame.loc["001", "value_display"] == "2"
    assert SENTIMENT_SCHEME.classify(frame["value"])["001"] == "2 negative"
    assert SENTIMENT_SCHEME.classify(frame["value"])["002"] == "1 very negative"
    assert "sentiment_mean" not in frame.columns


def test_sentiment_map_compliance_is_the_chiefs_pages(hotspot_engine):
    """The Hotspots map gives a county the compliance and median of the Chiefs' reports
    page and the county profile, from the same function: over Jan–Apr 2025, April (no
    chief's report anywhere yet) is left out, not counted as 0 % (it used to give
    Mombasa 6 of 8)."""
    start, end = dt.date(2025, 1, 1), dt.date(2025, 4, 30)
    scope = Scope(Period(start, end), Audience.INTERNAL)
    frame = county_map_frame(mode="sentiment", scope=scope,
                             engine=hotspot_engine).set_index("county_code")
    page = chiefs_compliance(start=start, end=end, county_codes=("001",), by="county",
                             audience=Audience.INTERNAL, engine=hotspot_engine)
    assert page["status"].tolist() == ["reported"] * 3 + ["no_month_data"]
    given = page[page["compliance"].notna()]
    profile = chiefs_period_summary(start=start, end=end, county_codes=("001",), by="area",
                                    audience=Audience.INTERNAL, engine=hotspot_engine).iloc[0]
    want = given["on_schedule"].sum() / given["expected"].sum()
    assert frame.loc["001", "compliance"] == profile["compliance"] == pytest.approx(want)
    assert want == pytest.approx(1.0)  # 6 of 6, not 6 of 8
    assert frame.loc["001", "median"] == profile["median"] == 2.0


# --- public mode ------------------------------------------------------------------------

def test_public_mode_hides_small_counts_and_what_is_derived_from_them(hotspot_engine):
    change = _frame(hotspot_engine, "change", public=True)
    # Lamu's 3 is three months of 1: three hidden cells, shown as the range they allow,
    # with no rate and no change on it.
    lamu = change.loc["005"]
    assert lamu["count_display"] == "3–12" and lamu["count_hidden"] == 3
    assert math.isnan(lamu["value"]) and lamu["suppressed"]
    assert math.isnan(lamu["z"]) and math.isnan(lamu["rate_per_100k"])
    # Nairobi's year-earlier 2 is hidden, so its change is too (z would give it away).
    assert change.loc["047", "suppressed"] and math.isnan(change.loc["047", "z"])
    assert change.loc["047", "change_verdict"] == "hidden (<5)"
    # Mombasa's year-earlier 10 is made of small months: known only as "3–12", so no
    # change is claimed on it; its own count of 40 holds two hidden months: "≈45".
    assert change.loc["001", "previous_display"] == "3–12"
    assert change.loc["001", "count_display"] == "≈45" and change.loc["001", "suppressed"]
    assert change.loc["006", "value"] == 0 and not change.loc["006", "suppressed"]
    assert _classes(change, "change")["005"] == SUPPRESSED
    rate = _frame(hotspot_engine, "rate", public=True)
    assert rate.loc["047", "suppressed"] and _classes(rate, "rate")["047"] == SUPPRESSED
    assert rate.loc["001", "value"] == pytest.approx(rate.loc["001", "rate_per_100k"])
    assert _classes(rate, "rate")["004"] == INCOMPLETE  # 12: shown, but months missing


def test_concerns_map_mode_is_not_for_public_screens(hotspot_engine):
    """Concerns are public by region only (all themes, to date): no county map of them."""
    assert "concerns" not in map_modes(Audience.PUBLIC)
    assert map_modes(Audience.INTERNAL) == MAP_MODES
    for themes in ((), ("gbv",)):
        with pytest.raises(NotForPublic):
            _frame(hotspot_engine, "concerns", public=True, themes=themes)
    assert _frame(hotspot_engine, "concerns").loc["001", "concerns"] == 7  # internal


def test_resolution_map_mode_is_not_for_public_screens(hotspot_engine):
    """Commitments are public by region only (all themes, to date): no county map of the
    resolution rate, whatever the themes."""
    assert "resolution" not in map_modes(Audience.PUBLIC)
    for themes in ((), ("gbv",)):
        with pytest.raises(NotForPublic):
            _frame(hotspot_engine, "resolution", public=True, themes=themes)
    assert _frame(hotspot_engine, "resolution").loc["001", "value"] == 0.5  # internal


def test_public_sentiment_comes_from_protected_cells(hotspot_engine):
    sentiment = _frame(hotspot_engine, "sentiment", public=True)
    # Kwale: 1 report a month; Mombasa: 2 a month. Every month hidden: no mean shown.
    assert sentiment.loc["002", "suppressed"] and sentiment.loc["001", "suppressed"]
    assert sentiment.loc["001", "reports_display"] == shown_text(7.5, 3)
    assert math.isnan(sentiment.loc["001", "value"])
    assert not _frame(hotspot_engine, "sentiment").loc["001", "suppressed"]  # internal


def test_public_map_values_do_not_move_with_a_hidden_count(engine):
    """Hidden cells' true counts change within 1–4 (Kwale's January reports 1 → 4):
    nothing the sentiment map and its ranked table show changes. (The concerns and
    resolution maps are internal only; Mombasa's fulfilled commitments 2 → 4 are seen
    internally.)"""
    _build(engine)
    shown_cols = {"sentiment": ["value", "value_display", "suppressed", "reports_display",
                                "expected", "compliance"]}

    def plain(frame: pd.DataFrame) -> dict:
        return frame.astype(object).where(frame.notna(), None).to_dict("list")

    def shown() -> dict:
        out = {}
        for mode, cols in shown_cols.items():
            frame = _frame(engine, mode, public=True)
            out[mode] = plain(frame[cols])
            out[f"{mode}_ranked"] = plain(rank_counties(frame.reset_index(), mode))
        return out

    before = shown()
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="test", name="three more")
        conn.execute(s.concerns.insert(), [
            {"id": 100 + i, "external_id": f"C{100 + i}", "forum_id": None,
             "origin": "chief_report", "county_code": "001", "theme_code": "drugs",
             "summary": "more", "raised_on": dt.date(2025, 2, 20), "source_id": src}
            for i in range(3)])
        conn.execute(s.commitments.insert(), [
            {"id": 20 + i, "external_id": f"K{20 + i}", "concern_id": 1,
             "institution_code": "nacada", "title": "Task force",
             "made_on": dt.date(2025, 2, 10), "due_on": dt.date(2025, 12, 31),
             "current_status": "fulfilled", "source_id": src} for i in range(2)])
        conn.execute(s.commitment_updates.insert(), [
            {"commitment_id": 20 + i, "status": "fulfilled", "updated_on": dt.date(2025, 3, 15),
             "recorded_at": dt.datetime(2025, 5, 2, 12, 0), "source_id": src}
            for i in range(2)])
        # Three more reports from Kwale for January, from locations not expected to report
        # (so the locations expected, which are not hidden, stay as they were).
        conn.execute(s.chief_locations.insert(), [
            {"id": 10 + i, "county_code": "002", "sub_county": "Msambweni",
             "location": f"Extra {i}", "expected_from": dt.date(2030, 1, 1),
             "source_id": src} for i in range(3)])
        conn.execute(s.chief_reports.insert(), [
            {"location_id": 10 + i, "month": dt.date(2025, 1, 1), "sentiment": 5,
             "source_id": src} for i in range(3)])
        bump_data_version(conn)
    assert shown() == before
    # The internal maps do see the new counts.
    assert _frame(engine, "concerns").loc["001", "chief_concerns"] == 4
    assert _frame(engine, "resolution").loc["001", "fulfilled"] == 4


def test_sensitive_only_selections_are_always_suppressed(hotspot_engine):
    morality = _frame(hotspot_engine, "count", categories=("offences_against_morality",))
    assert morality.loc["005", "count_display"] == "<5"
    gbv = _frame(hotspot_engine, "concerns", themes=("gbv",))
    assert gbv.loc["001", "concerns_display"] == "<5"


def test_bad_input_gets_a_clear_message(hotspot_engine):
    with pytest.raises(ValueError, match="unknown map mode 'heat'"):
        _frame(hotspot_engine, "heat")
    with pytest.raises(ValueError, match="unknown category or theme codes: stealin"):
        _frame(hotspot_engine, "count", categories=("stealin",))
    with pytest.raises(ValueError, match="ends .* before it starts"):
        _frame(hotspot_engine, "count", start=dt.date(2025, 3, 1), end=dt.date(2025, 1, 31))


# --- ranking ----------------------------------------------------------------------------

def test_ranked_table_leads_with_the_surest_rise_and_keeps_counts(hotspot_engine):
    table = rank_counties(_frame(hotspot_engine, "change").reset_index(), "change")
    assert table["county"].tolist()[:3] == ["Mombasa", "Kwale", "Kilifi"]
    assert table.loc[0, ["this period", "a year earlier", "change %", "is it real?"]].tolist() \
        == ["40", "10", "+304%", "significant"]  # 40 against 10 × 90/91 days
    assert table["rank"].tolist()[:4] == ["1", "2", "3", ""]
    assert (table["rank"] == "").sum() == 44  # noise is listed but not ranked
    nairobi = table.set_index("county").loc["Nairobi"]
    assert (nairobi["this period"], nairobi["a year earlier"]) == ("3", "2")  # like for like
    assert nairobi["months compared"] == "2 of 3"
    garissa = table.set_index("county").loc["Garissa"]
    assert (garissa["a year earlier"], garissa["is it real?"]) == ("—", "no data to compare")


def test_ranked_counts_carry_their_coverage_never_zero_for_no_data(hotspot_engine):
    rate = rank_counties(_frame(hotspot_engine, "rate").reset_index(), "rate")
    # 30 among 340,671 people lead 40 among 1,208,333.
    assert rate.loc[0, ["county", "crimes"]].tolist() == ["Taita Taveta", "30"]
    by_county = rate.set_index("county")
    assert by_county.loc["Tana River", ["rank", "crimes", "months with data",
                                        "rate per 100,000"]].tolist() == [
        "", "12 (2 of 3 months)", "2 of 3", "—"]
    assert by_county.loc["Tana River", "coverage note"] == "data for 2 of 3 months; no rate"
    assert by_county.loc["Marsabit", ["rank", "crimes"]].tolist() == ["", "yearly figures only"]
    assert by_county.loc["Kirinyaga", ["rank", "crimes"]].tolist() == ["", "no data"]
    assert not rate["crimes"].isin(["0", "", None]).any()
    # Unranked: part of the period first, then yearly figures only, then no data.
    assert rate.loc[7:9, "county"].tolist() == ["Tana River", "Marsabit", "Baringo"]
    count = rank_counties(_frame(hotspot_engine, "count").reset_index(), "count")
    assert count["county"].tolist()[:3] == ["Mombasa", "Garissa", "Taita Taveta"]
    assert (count["rank"] != "").sum() == 7  # complete counties only


# --- fixed classes ----------------------------------------------------------------------

SCHEME_CASES = [
    (COUNT_SCHEME, 0, "0–49"), (COUNT_SCHEME, 49, "0–49"), (COUNT_SCHEME, 50, "50–99"),
    (COUNT_SCHEME, 5000, "5,000+"),
    (CONCERNS_SCHEME, 0, "None"), (CONCERNS_SCHEME, 4, "1–4"), (CONCERNS_SCHEME, 5, "5–9"),
    (RESOLUTION_SCHEME, 0.0, "0–19%"), (RESOLUTION_SCHEME, 0.5, "40–59%"),
    (RESOLUTION_SCHEME, 1.0, "80–100%"),
    # One class per median score (they were bands of the mean).
    (SENTIMENT_SCHEME, 1.0, "1 very negative"), (SENTIMENT_SCHEME, 3.0, "3 neutral"),
    (SENTIMENT_SCHEME, 4.0, "4 positive"), (SENTIMENT_SCHEME, 5.0, "5 very positive"),
    (CHANGE_SCHEME, -2, "Significant fall"), (CHANGE_SCHEME, -1, "Possible fall"),
    (CHANGE_SCHEME, 0, CHANGE_NEUTRAL), (CHANGE_SCHEME, 1, "Possible rise"),
    (CHANGE_SCHEME, 2, "Significant rise"), (RATE_COVERAGE_SCHEME, 120.0, "100–200"),
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
    # The Hotspots rate map has the rate classes and colours of every other rate map.
    rate = SCHEME_BY_MODE["rate"]
    assert (rate.edges, rate.colors, rate.labels) == (
        RATE_SCHEME.edges, RATE_SCHEME.colors, RATE_SCHEME.labels)
    for scheme in SCHEME_BY_MODE.values():
        assert len(set(scheme.colors)) == len(scheme.colors)
        # Every class, grey ones included, has a colour of its own.
        assert len(set(scheme.color_map().values())) == len(scheme.order())


def test_coverage_greys_are_their_own_classes_in_the_crime_legends():
    for mode in ("count", "rate"):
        scheme = SCHEME_BY_MODE[mode]
        assert scheme.order()[-4:] == [INCOMPLETE, YEARLY_ONLY, SUPPRESSED, NO_DATA]
        classes = scheme.classify(pd.Series([120.0, 120.0, math.nan, 120.0]),
                                  status=pd.Series([None, INCOMPLETE, YEARLY_ONLY, NO_DATA]))
        assert classes.tolist()[1:] == [INCOMPLETE, YEARLY_ONLY, NO_DATA]
    with pytest.raises(ValueError, match="not a grey class"):
        CHANGE_SCHEME.classify(pd.Series([1.0]), status=pd.Series([INCOMPLETE]))


def test_change_map_draws_noise_near_white_and_real_change_strong():
    colours = CHANGE_SCHEME.color_map()
    assert colours[CHANGE_NEUTRAL] == "#f7f7f7"
    assert colours["Possible rise"] == "#f4a582" and colours["Significant rise"] == "#b2182b"
    # Nothing to compare is grey, named for what it is; there is no plain "No data".
    assert NO_DATA not in CHANGE_SCHEME.order()
    assert CHANGE_SCHEME.order()[-2:] == [SUPPRESSED, NO_COMPARISON]
    assert CHANGE_SCHEME.classify(pd.Series([math.nan])).iloc[0] == NO_COMPARISON


# --- hexagon cells ----------------------------------------------------------------------

INTERNAL = Audience.INTERNAL


def test_hex_query_returns_cells_not_points(hotspot_engine):
    cells = hex_hotspots(engine=hotspot_engine, start=START, end=END, audience=INTERNAL)
    assert cells[["hex", "count"]].to_dict("records") == [{"hex": CELL_A, "count": 38},
                                                          {"hex": CELL_B, "count": 2}]
    assert cells["county"].tolist() == ["Mombasa", "Mombasa"]
    summary = hex_hotspot_summary(engine=hotspot_engine, start=START, end=END,
                                  audience=INTERNAL).iloc[0]
    assert summary.to_dict() == {"cells": 2, "incidents": 40, "cells_hidden": 0,
                                 "incidents_hidden": 0}


def test_hex_query_respects_period_categories_and_counties(hotspot_engine):
    before = hex_hotspots(engine=hotspot_engine, start=PREV_START, end=PREV_END,
                          audience=INTERNAL)
    assert before[["hex", "count"]].to_dict("records") == [{"hex": CELL_A, "count": 10}]
    robbery = hex_hotspots(engine=hotspot_engine, start=START, end=END, categories=("robbery",),
                           audience=INTERNAL)
    assert robbery[["hex", "count"]].to_dict("records") == [{"hex": CELL_A, "count": 2}]
    assert hex_hotspots(engine=hotspot_engine, start=START, end=END, audience=INTERNAL,
                        county_codes=("047",)).empty


def test_hex_layer_is_not_for_the_public_audience(hotspot_engine):
    """Cells cut across the county counts (beside county totals they would give hidden
    cells back) and locate incidents: the public audience gets none, not even a summary."""
    for fn in (hex_hotspots, hex_hotspot_summary):
        with pytest.raises(NotForPublic):
            fn(engine=hotspot_engine, start=START, end=END, audience=Audience.PUBLIC)
        with pytest.raises(TypeError):  # the audience is required
            fn(engine=hotspot_engine, start=START, end=END)


def test_hex_sensitive_category_drops_cells_under_5_internally(engine):
    rows = (_crimes("001", 3, NOW, "offences_against_morality", POINT_A)
            + _crimes("001", 6, NOW, "offences_against_morality", POINT_B))
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="test", name="sensitive cells")
        conn.execute(s.incidents.insert(), [{**r, "source_id": src} for r in rows])
        refresh_aggregates(conn)
    sensitive = {"engine": engine, "start": START, "end": END, "audience": INTERNAL,
                 "categories": ("offences_against_morality",)}
    cells = hex_hotspots(**sensitive)
    assert cells[["hex", "count"]].to_dict("records") == [{"hex": CELL_B, "count": 6}]
    summary = hex_hotspot_summary(**sensitive).iloc[0]
    assert (summary["cells_hidden"], summary["incidents_hidden"]) == (1, 3)
    # All categories together: nothing sensitive on its own, every cell shown internally.
    assert len(hex_hotspots(engine=engine, start=START, end=END, audience=INTERNAL)) == 2


def test_a_border_cell_belongs_to_the_county_with_most_of_its_incidents(engine):
    rows = (_crimes("001", 3, NOW, point=POINT_A) + _crimes("002", 5, NOW, point=POINT_A)
            + _crimes("003", 5, NOW, point=POINT_A))
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="test", name="border cell")
        conn.execute(s.incidents.insert(), [{**r, "source_id": src} for r in rows])
        refresh_aggregates(conn)
    cells = hex_hotspots(engine=engine, start=START, end=END, audience=INTERNAL)
    assert cells.to_dict("records") == [{"hex": CELL_A, "count": 13, "county_code": "002",
                                         "county": "Kwale"}]  # 5–5 tie: the lower code
    only_mombasa = hex_hotspots(engine=engine, start=START, end=END, county_codes=("001",),
                                audience=INTERNAL)
    assert only_mombasa[["count", "county"]].values.tolist() == [[3, "Mombasa"]]


def test_hex_deck_has_no_basemap_and_carries_only_cells(hotspot_engine):
    cells = hex_hotspots(engine=hotspot_engine, start=START, end=END, audience=INTERNAL)
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
    if params.get("mode") == "public":
        # No hexagon layer on a public screen, even asked for in the link: the county map
        # with a line saying why, and no word about hidden cells.
        assert not [w for w in at.toggle if w.key == "hs_hex"]
        assert not at.get("deck_gl_json_chart") and at.get("plotly_chart")
        assert any("hexagon layer is not shown on public screens" in i.value for i in at.info)
        assert not any("hidden cell" in c.value or "cells with fewer than" in c.value
                       for c in at.caption)
    elif params.get("hex"):
        assert at.toggle(key="hs_hex").value
        assert not at.get("plotly_chart")  # the hexagon map replaces the choropleth
    elif params.get("region") == "coast":
        assert len(set(_locations(at))) == 6  # the six Coast counties


def test_public_page_does_not_offer_the_concerns_mode(hotspot_db_url, monkeypatch):
    """Even asked for in the link: the map falls back to the default mode, and a line says
    which modes public screens leave out."""
    at = _page(hotspot_db_url, monkeypatch,
               **{"from": "2025-01", "to": "2025-03", "map": "concerns", "mode": "public"})
    assert not problems(at), "\n".join(problems(at))
    control = at.segmented_control(key="hs_mode")
    assert control.value == "rate" and "concerns" not in control.options
    assert any(i.value.startswith("Not offered on public screens: ")
               and "Concerns raised" in i.value for i in at.info)


def test_public_page_does_not_offer_the_resolution_mode(hotspot_db_url, monkeypatch):
    """Commitments are public by region only: asked for in the link, the resolution map
    falls back to the default mode, and the line says it is left out."""
    at = _page(hotspot_db_url, monkeypatch,
               **{"from": "2025-01", "to": "2025-03", "map": "resolution", "mode": "public"})
    assert not problems(at), "\n".join(problems(at))
    control = at.segmented_control(key="hs_mode")
    assert control.value == "rate" and "resolution" not in control.options
    assert any(i.value.startswith("Not offered on public screens: ")
               and "Resolution" in i.value for i in at.info)


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


@pytest.mark.parametrize("mode", ["count", "rate", "change"])
def test_page_says_what_the_crime_figures_cover_and_compare_with(hotspot_db_url, monkeypatch,
                                                                 mode):
    at = _page(hotspot_db_url, monkeypatch, **{"from": "2025-01", "to": "2025-03", "map": mode})
    assert not problems(at), "\n".join(problems(at))
    captions = " ".join(c.value for c in at.caption)
    # crime_summary(scope).coverage_note, word for word
    assert "7 of 47 counties reported for all 3 months" in captions
    assert "part of the period: Tana River 2 of 3" in captions
    assert "yearly figures only: Marsabit" in captions
    compare = "vs the same months a year earlier (Jan 2024 – Mar 2024)"
    assert (compare in captions) == (mode == "change")


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
