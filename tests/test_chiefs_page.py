"""The Chiefs' reports page and its figures on a hand-built fixture.

Fixture (January – April 2024), worked by hand:

- Mombasa (001, Coast): six locations expected from January, open-ended — M1–M3 in
  Mvita, M4–M6 in Likoni.
  - Jan: all six report, scores 1, 2, 2, 3, 4, 5 → n 6, median 2 (the lower middle
    score: cumulative 1, 3 of 6), low share (1–2) 3/6; themes drugs ×4, land ×2.
  - Feb: M1–M5 report (M6 does not), scores 3, 3, 4, 4, 5 → n 5, median 4, low share
    0; themes drugs ×2, land ×1, youth gangs ×2.
  - Mar: M1, M2 report, scores 1, 4 → n 2, median 1, low share 1/2; M1 drugs, M2 none.
  - Apr: no report anywhere in Kenya → a month without data.
  Compliance: Jan 6/6, Feb 5/6, Mar 2/6, Apr no data (never 0).
- Kwale (002, Coast): K1 (Msambweni) expected from February; reports February only
  (score 2, gbv). Jan: none expected (no data); Feb 1/1; Mar 0/1 = 0 % (March holds
  data elsewhere); Apr no data. No forum has been held in Kwale.
- West Pokot (024, Rift Valley): W1 (Kapenguria) expected in January only, reports it
  (score 3, cattle rustling); W2 (Kapenguria) expected from March, never reports.
- Coast in February: Mombasa 3, 3, 4, 4, 5 + Kwale 2 → n 6, median 3, low share 1/6;
  compliance 6/7.
- Kenya in January: 1, 2, 2, 3, 4, 5 + 3 → n 7, median 3, low share 3/7.
- Forum in Mombasa on 10 Feb 2024: concerns drugs ×1, land ×3; a concern from a chief's
  report (police conduct, no forum) is not a forum concern.
  Mombasa chiefs' themes Q1: drugs 7, land 3, youth gangs 2 (of 12) → shares 7/12,
  1/4, 1/6; forums: drugs 1/4, land 3/4 → differences land −1/2, drugs +1/3, youth +1/6.
- Not reported in March: Kwale K1; Mombasa M4, M5, M6 (Likoni), M3 (Mvita); West
  Pokot W2 — six locations.

Public screen: county-months of 1–4 reports are hidden (Mombasa March 2, Kwale February
1, West Pokot January 1).
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema as s
from data_access.chiefs import (
    chief_forum_themes,
    chief_months_with_data,
    chiefs_compliance,
    chiefs_not_reporting,
    chiefs_sentiment,
)
from data_access.engine import bump_data_version, get_engine, init_db, new_source
from data_access.figures.scope import Audience
from data_access.privacy import NotForPublic
from tests.apptest_helpers import problems, run_page

PERIOD = {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 4, 30)}
INTERNAL = {"audience": Audience.INTERNAL}
PUBLIC = {"audience": Audience.PUBLIC}
JAN, FEB, MAR, APR = (pd.Timestamp(2024, m, 1) for m in (1, 2, 3, 4))
OPEN = None

LOCATIONS = [  # id, county, sub-county, location, expected from, expected to
    (1, "001", "Mvita", "M1", dt.date(2024, 1, 1), OPEN),
    (2, "001", "Mvita", "M2", dt.date(2024, 1, 1), OPEN),
    (3, "001", "Mvita", "M3", dt.date(2024, 1, 1), OPEN),
    (4, "001", "Likoni", "M4", dt.date(2024, 1, 1), OPEN),
    (5, "001", "Likoni", "M5", dt.date(2024, 1, 1), OPEN),
    (6, "001", "Likoni", "M6", dt.date(2024, 1, 1), OPEN),
    (7, "002", "Msambweni", "K1", dt.date(2024, 2, 1), OPEN),
    (8, "024", "Kapenguria", "W1", dt.date(2024, 1, 1), dt.date(2024, 1, 31)),
    (9, "024", "Kapenguria", "W2", dt.date(2024, 3, 1), OPEN),
]
REPORTS = [  # location, month, score, top theme
    (1, 1, 1, "drugs"), (2, 1, 2, "drugs"), (3, 1, 2, "drugs"), (4, 1, 3, "drugs"),
    (5, 1, 4, "land_disputes"), (6, 1, 5, "land_disputes"),
    (1, 2, 3, "drugs"), (2, 2, 3, "drugs"), (3, 2, 4, "land_disputes"),
    (4, 2, 4, "youth_gangs"), (5, 2, 5, "youth_gangs"),
    (1, 3, 1, "drugs"), (2, 3, 4, None),
    (7, 2, 2, "gbv"),
    (8, 1, 3, "cattle_rustling"),
]


def fill(engine: sa.Engine) -> sa.Engine:
    """Write the fixture above into ``engine``'s (empty) database."""
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="chief-reports", name="fixture")
        conn.execute(s.chief_locations.insert(), [
            {"id": i, "county_code": c, "sub_county": sub, "location": loc,
             "expected_from": frm, "expected_to": to, "source_id": src}
            for i, c, sub, loc, frm, to in LOCATIONS])
        conn.execute(s.chief_reports.insert(), [
            {"location_id": loc, "month": dt.date(2024, m, 1), "sentiment": score,
             "top_theme_code": theme, "barazas_held": 1, "attendance": 50,
             "incidents_noted": 0, "notes": "a note", "source_id": src}
            for loc, m, score, theme in REPORTS])
        conn.execute(s.forums.insert(), [{
            "id": 1, "external_id": "F-MSA-1", "edition": "Mombasa forum", "county_code": "001",
            "venue": "Mombasa", "held_on": dt.date(2024, 2, 10), "attendance_total": 200,
            "source_id": src}])
        concerns = [("drugs", 1, "forum"), ("land_disputes", 1, "forum"),
                    ("land_disputes", 1, "forum"), ("land_disputes", 1, "forum"),
                    ("police_conduct", None, "chief_report")]
        conn.execute(s.concerns.insert(), [
            {"external_id": f"C{i}", "forum_id": forum, "origin": origin,
             "county_code": "001", "theme_code": theme, "summary": "a concern",
             "raised_on": dt.date(2024, 2, 10 if forum else 5), "source_id": src}
            for i, (theme, forum, origin) in enumerate(concerns)])
        bump_data_version(conn)
    return engine


@pytest.fixture
def chiefs(engine: sa.Engine) -> sa.Engine:
    return fill(engine)


@pytest.fixture
def app_url(sqlite_url: str) -> str:
    """A SQLite file holding the fixture, for the page tests."""
    eng = get_engine(sqlite_url)
    init_db(eng)
    fill(eng)
    return sqlite_url


def cell(df: pd.DataFrame, area: str, month: pd.Timestamp) -> pd.Series:
    rows = df[(df["area_code"] == area) & (df["month"] == month)]
    assert len(rows) == 1, (area, month)
    return rows.iloc[0]


def nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --- sentiment ---------------------------------------------------------------------------


@pytest.mark.parametrize(("area", "month", "n", "median", "low", "dist"), [
    ("001", JAN, 6, 2, 3 / 6, [1, 2, 1, 1, 1]),
    ("001", FEB, 5, 4, 0.0, [0, 0, 2, 2, 1]),
    ("001", MAR, 2, 1, 1 / 2, [1, 0, 0, 1, 0]),
    ("002", FEB, 1, 2, 1.0, [0, 1, 0, 0, 0]),
    ("024", JAN, 1, 3, 0.0, [0, 0, 1, 0, 0]),
])
def test_sentiment_median_and_low_share_per_county_month(chiefs, area, month, n, median,
                                                        low, dist):
    out = chiefs_sentiment(engine=chiefs, **PERIOD, by="county", **INTERNAL)
    row = cell(out, area, month)
    assert (row["reports"], row["rated"], row["status"]) == (n, n, "reports")
    assert row["median"] == median
    assert row["low_share"] == pytest.approx(low)
    assert [row[f"n_{k}"] for k in range(1, 6)] == dist
    assert sum(row[f"share_{k}"] for k in range(1, 6)) == pytest.approx(1.0)


def test_months_without_reports_are_gaps_not_zero(chiefs):
    out = chiefs_sentiment(engine=chiefs, **PERIOD, by="county", **INTERNAL)
    assert len(out) == 47 * 4  # every county × every month, reported or not
    for area, month in (("001", APR), ("002", JAN), ("024", FEB), ("047", JAN)):
        row = cell(out, area, month)
        assert row["status"] == "no_reports"
        assert (row["reports"], row["rated"]) == (0, 0)
        assert nan(row["median"]) and nan(row["low_share"]) and nan(row["share_3"])


def test_sentiment_by_region_and_for_the_area(chiefs):
    coast = chiefs_sentiment(engine=chiefs, **PERIOD, county_codes=("001", "002"),
                             by="region", **INTERNAL)
    assert list(coast["area_code"].unique()) == ["coast"]
    feb = cell(coast, "coast", FEB)
    assert (feb["rated"], feb["median"]) == (6, 3)
    assert feb["low_share"] == pytest.approx(1 / 6)
    kenya = chiefs_sentiment(engine=chiefs, **PERIOD, by="area", **INTERNAL)
    assert list(kenya["area"]) == ["Kenya"] * 4
    jan = cell(kenya, "all", JAN)
    assert (jan["rated"], jan["median"]) == (7, 3)
    assert jan["low_share"] == pytest.approx(3 / 7)
    assert cell(kenya, "all", APR)["status"] == "no_reports"
    regions = chiefs_sentiment(engine=chiefs, **PERIOD, by="region", **INTERNAL)
    assert regions["area_code"].nunique() == 8


def test_public_sentiment_is_over_shown_county_months_only(chiefs):
    out = chiefs_sentiment(engine=chiefs, **PERIOD, by="county", **PUBLIC)
    jan = cell(out, "001", JAN)
    assert (jan["reports_display"], jan["rated"], jan["median"]) == ("6", 6, 2)
    # 3 low of 6 (0.5 inside): share × n would show a count of 3, so no share in public.
    assert nan(jan["low_share"])
    assert nan(jan["n_1"]) and nan(jan["share_1"])  # the distribution is internal only
    mar = cell(out, "001", MAR)  # 2 reports: hidden
    assert (mar["status"], mar["reports_display"], mar["rated"]) == ("hidden", "<5", 0)
    assert nan(mar["median"]) and nan(mar["low_share"]) and nan(mar["reports"])
    assert cell(out, "001", APR)["reports_display"] == "0"
    coast = chiefs_sentiment(engine=chiefs, **PERIOD, county_codes=("001", "002"),
                             by="region", **PUBLIC)
    feb = cell(coast, "coast", FEB)  # Mombasa's 5 shown; Kwale's 1 hidden (counts 2.5)
    assert (feb["reports_display"], feb["rated"], feb["median"]) == ("6–9", 5, 4)
    assert feb["low_share"] == 0


def test_public_figures_do_not_depend_on_hidden_counts(tmp_path):
    """Twin databases that differ only inside hidden county-months (Mombasa March: 2 or 3
    reports; Kwale February: score 2 or 5) show the same public figures."""
    twins = []
    for name, extra in (("a", []), ("b", [(3, 3, 5, "drugs")])):
        eng = get_engine(f"sqlite:///{tmp_path / name}.db")
        init_db(eng)
        fill(eng)
        with eng.begin() as conn:
            if extra:
                conn.execute(s.chief_reports.insert(), [
                    {"location_id": loc, "month": dt.date(2024, m, 1), "sentiment": score,
                     "top_theme_code": theme, "source_id": 1}
                    for loc, m, score, theme in extra])
                conn.execute(s.chief_reports.update()
                             .where(s.chief_reports.c.location_id == 7)
                             .values(sentiment=5))
            bump_data_version(conn)
        twins.append(eng)
    for by in ("county", "region", "area"):
        a, b = (chiefs_sentiment(engine=e, **PERIOD, county_codes=("001", "002"), by=by,
                                 **PUBLIC) for e in twins)
        pd.testing.assert_frame_equal(a, b)
        a, b = (chiefs_compliance(engine=e, **PERIOD, county_codes=("001", "002"), by=by,
                                  **PUBLIC) for e in twins)
        pd.testing.assert_frame_equal(a, b)
    # Internally they differ (the test can fail).
    a, b = (chiefs_sentiment(engine=e, **PERIOD, by="county", **INTERNAL) for e in twins)
    assert not a.equals(b)


# --- compliance --------------------------------------------------------------------------


@pytest.mark.parametrize(("area", "month", "expected", "on_schedule", "compliance", "status"), [
    ("001", JAN, 6, 6, 1.0, "reported"),
    ("001", FEB, 6, 5, 5 / 6, "reported"),
    ("001", MAR, 6, 2, 2 / 6, "reported"),
    ("001", APR, 6, None, None, "no_month_data"),
    ("002", JAN, 0, None, None, "none_expected"),
    ("002", FEB, 1, 1, 1.0, "reported"),
    ("002", MAR, 1, 0, 0.0, "reported"),  # expected, nothing sent, March holds data: 0 %
    ("024", FEB, 0, None, None, "none_expected"),
    ("024", MAR, 1, 0, 0.0, "reported"),
])
def test_compliance_received_over_expected_per_county_month(chiefs, area, month, expected,
                                                            on_schedule, compliance, status):
    out = chiefs_compliance(engine=chiefs, **PERIOD, by="county", **INTERNAL)
    row = cell(out, area, month)
    assert (row["expected"], row["status"]) == (expected, status)
    if compliance is None:
        assert nan(row["compliance"]) and nan(row["on_schedule"])
    else:
        assert row["on_schedule"] == on_schedule
        assert row["compliance"] == pytest.approx(compliance)


def test_compliance_by_region(chiefs):
    out = chiefs_compliance(engine=chiefs, **PERIOD, county_codes=("001", "002"),
                            by="region", **INTERNAL)
    assert [cell(out, "coast", m)["compliance"] for m in (JAN, FEB, MAR)] == \
        pytest.approx([1.0, 6 / 7, 2 / 7])
    assert cell(out, "coast", APR)["status"] == "no_month_data"


def test_public_compliance(chiefs):
    out = chiefs_compliance(engine=chiefs, **PERIOD, by="county", **PUBLIC)
    feb = cell(out, "001", FEB)
    assert (feb["status"], feb["reports_display"]) == ("reported", "5")
    assert feb["compliance"] == pytest.approx(5 / 6)
    mar = cell(out, "001", MAR)
    assert (mar["status"], mar["reports_display"]) == ("hidden", "<5")
    assert nan(mar["compliance"]) and nan(mar["on_schedule"])
    assert cell(out, "002", MAR)["compliance"] == 0  # 0 reports is shown as 0
    coast = chiefs_compliance(engine=chiefs, **PERIOD, county_codes=("001",), by="region",
                              **PUBLIC)
    assert cell(coast, "coast", JAN)["compliance"] == 1.0


def test_months_with_data(chiefs):
    assert chief_months_with_data(engine=chiefs, **PERIOD, **PUBLIC) == [
        dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)]


# --- locations that have not reported ---------------------------------------------------


def test_locations_not_reported_in_march(chiefs):
    out = chiefs_not_reporting(engine=chiefs, month=dt.date(2024, 3, 1), **INTERNAL)
    assert list(out["location"]) == ["K1", "M4", "M5", "M6", "M3", "W2"]
    assert list(out["county"]) == ["Kwale"] + ["Mombasa"] * 4 + ["West Pokot"]
    assert list(out["sub_county"]) == ["Msambweni", "Likoni", "Likoni", "Likoni", "Mvita",
                                       "Kapenguria"]
    last = dict(zip(out["location"], out["last_report"], strict=True))
    assert last["K1"] == FEB and last["M6"] == JAN and pd.isna(last["W2"])
    mombasa = chiefs_not_reporting(engine=chiefs, month=dt.date(2024, 3, 15),
                                   county_codes=("001",), **INTERNAL)
    assert list(mombasa["location"]) == ["M4", "M5", "M6", "M3"]
    # January: only M… all reported; W1 reported; K1 and W2 not yet expected.
    assert chiefs_not_reporting(engine=chiefs, month=dt.date(2024, 1, 1), **INTERNAL).empty


def test_lists_and_themes_refuse_the_public(chiefs):
    with pytest.raises(NotForPublic):
        chiefs_not_reporting(engine=chiefs, month=dt.date(2024, 3, 1), **PUBLIC)
    with pytest.raises(NotForPublic):
        chief_forum_themes(engine=chiefs, **PERIOD, **PUBLIC)
    with pytest.raises(TypeError):
        chiefs_sentiment(engine=chiefs, **PERIOD, audience="internal")


# --- themes: chiefs vs forums ------------------------------------------------------------


def test_chief_themes_beside_forum_themes(chiefs):
    out = chief_forum_themes(engine=chiefs, start=dt.date(2024, 1, 1),
                             end=dt.date(2024, 3, 31), county_codes=("001",), **INTERNAL)
    assert list(out["theme_code"]) == ["land_disputes", "drugs", "youth_gangs"]
    row = out.set_index("theme_code")
    assert list(row["chief_reports"]) == [3, 7, 2]
    assert list(row["forum_concerns"]) == [3, 1, 0]
    assert list(row["chief_share"]) == pytest.approx([3 / 12, 7 / 12, 2 / 12])
    assert list(row["forum_share"]) == pytest.approx([3 / 4, 1 / 4, 0])
    assert list(row["difference"]) == pytest.approx([-1 / 2, 1 / 3, 1 / 6])
    assert "police_conduct" not in row.index  # raised in a chief's report, not at a forum


def test_themes_of_an_area_with_no_forum(chiefs):
    out = chief_forum_themes(engine=chiefs, **PERIOD, county_codes=("002",), **INTERNAL)
    assert list(out["theme_code"]) == ["gbv"]
    row = out.iloc[0]
    # gbv is sensitive: 1 report reads "<5" and gives no share, even internally.
    assert (row["chief_reports_display"], row["forum_concerns"]) == ("<5", 0)
    assert nan(row["chief_share"]) and nan(row["forum_share"]) and nan(row["difference"])


# --- the page ----------------------------------------------------------------------------

URL = {"from": "2024-01", "to": "2024-04"}


def missing_table(at) -> pd.DataFrame:
    tables = [d.value for d in at.dataframe if "sub-county" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def heatmap_text(at, key: str) -> dict[tuple[str, str], str]:
    """(row, column) → the text of each cell of the heatmap drawn under ``key``."""
    chart = next(c for c in at.get("plotly_chart") if c.proto.id and key in c.proto.id)
    trace = json.loads(chart.proto.spec)["data"][0]
    return {(y, x): trace["text"][i][j] for i, y in enumerate(trace["y"])
            for j, x in enumerate(trace["x"])}


def test_page_internal_kenya(app_url, monkeypatch):
    at = run_page(app_url, monkeypatch, "chiefs.py", **URL)
    assert not problems(at), problems(at)
    heads = [h.value for h in at.subheader]
    assert "Sentiment by region and month" in heads
    assert "Locations that have not reported for Mar 2024: 6" in heads
    table = missing_table(at)
    assert list(table["location"]) == ["K1", "M4", "M5", "M6", "M3", "W2"]
    assert list(table["sub-county"]) == ["Msambweni", "Likoni", "Likoni", "Likoni", "Mvita",
                                         "Kapenguria"]
    sent = heatmap_text(at, "chf_sent_region_median")
    assert sent[("Coast", "Jan 2024")] == "2 · n=6"
    assert sent[("Coast", "Feb 2024")] == "3 · n=6"
    assert sent[("Coast", "Apr 2024")] == "no data"
    comp = heatmap_text(at, "chf_comp_region")
    assert comp[("Coast", "Mar 2024")] == "29% · 2/7"
    assert comp[("Coast", "Apr 2024")] == "no data"  # no report anywhere: never 0 %


def test_page_month_without_reports_and_a_county(app_url, monkeypatch):
    at = run_page(app_url, monkeypatch, "chiefs.py", **URL, county="001")
    assert at.segmented_control(key="chf_by").value == "county"
    assert list(missing_table(at)["location"]) == ["M4", "M5", "M6", "M3"]
    at.selectbox(key="chf_month").set_value(dt.date(2024, 4, 1)).run()
    assert not problems(at), problems(at)
    assert any("No chief's report for Apr 2024" in w.value for w in at.warning)
    assert list(missing_table(at)["location"]) == ["M4", "M5", "M6", "M1", "M2", "M3"]
    comp = heatmap_text(at, "chf_comp_county")
    assert comp[("Mombasa", "Feb 2024")] == "83% · 5/6"
    assert comp[("Mombasa", "Apr 2024")] == "no data"
    at.segmented_control(key="chf_measure").set_value("low_share").run()
    low = heatmap_text(at, "chf_sent_county_low_share")
    assert low[("Mombasa", "Jan 2024")] == "50% · n=6"
    assert low[("Mombasa", "Mar 2024")] == "50% · n=2"


def test_page_region_table_and_themes(app_url, monkeypatch):
    at = run_page(app_url, monkeypatch, "chiefs.py", **URL, region="coast")
    at.segmented_control(key="chf_comp_county_view").set_value("table").run()
    assert not problems(at), problems(at)
    table = next(d.value for d in at.dataframe if "locations expected" in d.value.columns)
    assert set(table["county"]) == {"Mombasa", "Kwale", "Taita Taveta", "Lamu", "Kilifi",
                                    "Tana River"}
    kwale = table[table["county"] == "Kwale"].set_index("month")
    assert kwale.loc["2024-03", "compliance %"] == 0
    assert pd.isna(kwale.loc["2024-04", "compliance %"])
    assert kwale.loc["2024-04", "note"] == "no data"
    assert any("what forums heard" in h.value for h in at.subheader)
    assert [c for c in at.get("plotly_chart") if "chf_themes" in (c.proto.id or "")]


def test_page_public_screen(app_url, monkeypatch):
    at = run_page(app_url, monkeypatch, "chiefs.py", **URL, county="001", mode="public")
    assert not problems(at), problems(at)
    infos = " ".join(i.value for i in at.info)
    assert "not reported is not shown on public screens" in infos
    assert "not shown on public screens: concerns are public by region only" in infos
    assert "distribution of scores is not shown" in infos
    assert not [d for d in at.dataframe if "sub-county" in d.value.columns]
    assert not any("M4" in str(d.value.to_numpy()) for d in at.dataframe)
    sent = heatmap_text(at, "chf_sent_county_median")
    assert sent[("Mombasa", "Jan 2024")] == "2 · n=6"
    assert sent[("Mombasa", "Mar 2024")] == "&lt;5"  # two reports: hidden
    comp = heatmap_text(at, "chf_comp_county")
    assert comp[("Mombasa", "Mar 2024")] == "&lt;5"
    assert comp[("Mombasa", "Feb 2024")] == "83% · 5/6"


def test_page_in_kiswahili(app_url, monkeypatch):
    at = run_page(app_url, monkeypatch, "chiefs.py", **URL, lang="sw")
    assert not problems(at), problems(at)
    heads = [h.value for h in at.subheader]
    assert "Hisia kwa eneo na mwezi" in heads
    assert "Maeneo ambayo hayajaripoti kwa Mar 2024: 6" in heads
    assert heatmap_text(at, "chf_comp_region")[("Pwani", "Apr 2024")] == "hakuna data"
