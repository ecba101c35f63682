"""The Compare page: its figures on a small hand-built database, county neighbours from
the bundled boundaries, the page itself (AppTest) over several selections, a shared link
opened in a fresh session, and the one-page PDF.

Fixture (period Jan–Jun 2026, compared with Jan–Jun 2025), worked by hand:

- crime (published monthly counts): Mombasa (001) robbery 10 a month in Jan–Jun 2025 and
  20 a month in Jan–Jun 2026; Kwale (002) robbery 4 in Jan 2026 only (every other month
  of Kwale is no data); Nairobi (047) robbery 30 a month in Jan–Jun 2025 and 2026, and
  stealing 5 in Mar 2026; Kiambu (022) no crime data at all;
- forums and concerns: one Mombasa forum on 10 Mar 2026 raising 3 drugs concerns and 1
  maritime-security concern; one chief's-report concern in Nairobi (youth gangs, Feb
  2026); nothing in Kiambu (no forum yet, no concern);
- commitments (all on Mombasa's drugs concerns, made 10 Mar 2026): k1 fulfilled on 1 May
  2026; k2 due 1 May 2026, in progress since 1 Apr 2026 (overdue on 30 Jun 2026); k3 no
  update (unverified). As of 30 Jun 2026: made 3, verified 2, fulfilled 1, overdue 1,
  resolution rate 1 ÷ 2;
- chiefs: Mombasa locations L1 and L2 (expected from Jan 2025), Nairobi L3 (from Jan
  2026), no location in Kiambu. L1 reports Jan–Jun 2026 with score 4, L2 Jan–Mar with
  score 2, L3 Jan–Feb with score 3. No report anywhere for July 2026.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import reference
from data_access import schema as s
from data_access.chiefs import chiefs_by_county
from data_access.compare import (
    MAX_AREAS,
    area_maps,
    areas_param,
    category_changes,
    chief_figures,
    chief_months,
    commitment_figures,
    comparison_summary,
    concern_themes,
    concern_totals,
    county_ranking,
    crime_overview,
    crime_rates,
    parse_areas,
    ranking_region,
    region_counties,
    region_vs_kenya,
    with_neighbours,
)
from data_access.engine import bump_data_version, new_source
from data_access.figures.scope import Audience, Period
from data_access.privacy import NotForPublic
from geo.adjacency import county_neighbours
from tests.apptest_helpers import problems, run_page

POP = {c.code: c.population_2019 for c in reference.counties()}
H1 = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
INTERNAL, PUBLIC = Audience.INTERNAL, Audience.PUBLIC
AREAS = "001,002,R:coast,047,022,KE"
NAMES = {c.code: c.name for c in reference.counties()}


def values(series: pd.Series) -> list:
    """Values with NaN written "nan" (NaN != NaN would fail a list compare)."""
    return ["nan" if pd.isna(v) else v for v in series]


def _agg(county: str, category: str, month: dt.date, count: int) -> dict:
    return {"county_code": county, "category_code": category, "grain": "month",
            "period_start": month, "month": month, "year": month.year,
            "origin": "published", "count": count}


@pytest.fixture
def fixture_db(engine: sa.Engine) -> sa.Engine:
    now = dt.datetime(2026, 7, 1, 9, 0)
    rows = []
    for m in range(1, 7):
        rows += [_agg("001", "robbery", dt.date(2025, m, 1), 10),
                 _agg("001", "robbery", dt.date(2026, m, 1), 20),
                 _agg("047", "robbery", dt.date(2025, m, 1), 30),
                 _agg("047", "robbery", dt.date(2026, m, 1), 30)]
    rows += [_agg("002", "robbery", dt.date(2026, 1, 1), 4),
             _agg("047", "stealing", dt.date(2026, 3, 1), 5)]
    with engine.begin() as conn:
        conn.execute(s.crime_agg.insert(), rows)
        src = new_source(conn, kind="import", dataset="fixture", name="compare")
        conn.execute(s.forums.insert(), [
            {"id": 1, "external_id": "F1", "edition": "Pwani Edition", "county_code": "001",
             "venue": "Mombasa", "held_on": dt.date(2026, 3, 10), "attendance_total": 250,
             "source_id": src}])
        concerns = [("drugs", 1, "001")] * 3 + [("maritime_security", 1, "001"),
                                                ("youth_gangs", None, "047")]
        conn.execute(s.concerns.insert(), [
            {"id": i + 1, "external_id": f"C{i + 1}", "forum_id": forum,
             "origin": "forum" if forum else "chief_report", "county_code": county,
             "theme_code": theme, "summary": "an account",
             "raised_on": dt.date(2026, 3, 10) if forum else dt.date(2026, 2, 1),
             "source_id": src}
            for i, (theme, forum, county) in enumerate(concerns)])
        commitments = [(1, dt.date(2026, 8, 1), [("fulfilled", dt.date(2026, 5, 1))]),
                       (2, dt.date(2026, 5, 1), [("in_progress", dt.date(2026, 4, 1))]),
                       (3, dt.date(2026, 12, 1), [])]
        conn.execute(s.commitments.insert(), [
            {"id": cid, "external_id": f"K{cid}", "concern_id": cid, "institution_code": "nps",
             "title": f"commitment {cid}", "made_on": dt.date(2026, 3, 10), "due_on": due,
             "current_status": ups[-1][0] if ups else "unverified", "source_id": src}
            for cid, due, ups in commitments])
        conn.execute(s.commitment_updates.insert(), [
            {"commitment_id": cid, "status": st_, "updated_on": on, "note": "",
             "recorded_at": now, "source_id": src}
            for cid, _, ups in commitments for st_, on in ups])
        conn.execute(s.chief_locations.insert(), [
            {"id": i, "county_code": county, "sub_county": "S", "location": f"L{i}",
             "expected_from": start, "expected_to": None, "source_id": src}
            for i, county, start in ((1, "001", dt.date(2025, 1, 1)),
                                     (2, "001", dt.date(2025, 1, 1)),
                                     (3, "047", dt.date(2026, 1, 1)))])
        reports = ([(1, m, 4) for m in range(1, 7)] + [(2, m, 2) for m in range(1, 4)]
                   + [(3, m, 3) for m in range(1, 3)])
        conn.execute(s.chief_reports.insert(), [
            {"location_id": loc, "month": dt.date(2026, m, 1), "sentiment": score,
             "source_id": src} for loc, m, score in reports])
        bump_data_version(conn)
    return engine


def areas(raw: str = AREAS):
    return parse_areas(raw)


# --- the selection in the URL ---------------------------------------------------------------


def test_areas_parse_from_and_back_to_the_url():
    picked = parse_areas("047, 022,r:nairobi,KE,bogus,047,R:nowhere,48")
    assert [a.token for a in picked] == ["047", "022", "R:nairobi", "KE"]
    assert areas_param(picked) == "047,022,R:nairobi,KE"
    assert [a.label() for a in picked] == ["Nairobi", "Kiambu", "Nairobi region", "Kenya"]
    assert picked[2].label("sw") == "Eneo la Nairobi"
    assert picked[3].county_codes == tuple(sorted(POP))
    many = ",".join(f"{i:03d}" for i in range(1, 12))
    assert len(parse_areas(many)) == MAX_AREAS


def test_quick_picks():
    coast, n = region_counties("coast")
    assert n == 6 and [a.token for a in coast] == ["001", "002", "003", "004", "005", "006"]
    rift, n = region_counties("rift_valley")
    assert n == 14 and len(rift) == MAX_AREAS  # the 8 most populous; the ranking lists all
    assert "032" in {a.token for a in rift}  # Nakuru, the most populous
    assert [a.token for a in region_vs_kenya("nairobi")] == ["R:nairobi", "KE"]


def test_the_ranking_ranks_the_region_of_most_areas():
    # Nairobi first, then one county each of Central, Eastern and Rift Valley: not the
    # one-county Nairobi region but the first region of several counties.
    assert ranking_region(areas("047,022,016,034"), fallback="coast") == "central"
    assert ranking_region(areas("047,016,017,022"), fallback="coast") == "eastern"  # 2 of 4
    assert ranking_region(areas("R:coast,KE"), fallback="nairobi") == "coast"
    assert ranking_region(areas("047,KE"), fallback="coast") == "nairobi"  # nothing else
    assert ranking_region(areas("KE"), fallback="western") == "western"


def test_neighbours_from_the_real_boundaries():
    assert {NAMES[c] for c in county_neighbours("047")} == {"Kiambu", "Machakos", "Kajiado"}
    assert {NAMES[c] for c in county_neighbours("001")} == {"Kwale", "Kilifi"}
    assert "034" in county_neighbours("047") and "047" in county_neighbours("034")
    # Symmetric everywhere, and no county is its own neighbour.
    for code in POP:
        for other in county_neighbours(code):
            assert code in county_neighbours(other) and other != code
    pick = with_neighbours("047", county_neighbours("047"))
    assert [a.token for a in pick] == ["047", "016", "022", "034"]
    with pytest.raises(ValueError, match="not a county code"):
        county_neighbours("048")


# --- crime ------------------------------------------------------------------------------------


def test_monthly_rates_per_area_on_one_scale(fixture_db):
    out = crime_rates(areas(), period=H1, audience=INTERNAL, engine=fixture_db)
    assert list(out["area"].drop_duplicates()) == AREAS.split(",")
    jan, feb = pd.Timestamp(2026, 1, 1), pd.Timestamp(2026, 2, 1)
    by = out.set_index(["area", "month"])
    assert by.loc[("001", jan), "count"] == 20
    assert by.loc[("001", jan), "rate_per_100k"] == pytest.approx(20 / POP["001"] * 1e5)
    # Kwale: January only; every other month is missing, never 0.
    kwale = out[out["area"] == "002"]
    assert values(kwale["count"]) == [4, "nan", "nan", "nan", "nan", "nan"]
    assert kwale["rate_per_100k"].isna().sum() == 5
    # The region counts the counties that reported that month, over their population.
    assert by.loc[("R:coast", jan), "rate_per_100k"] == pytest.approx(
        24 / (POP["001"] + POP["002"]) * 1e5)
    assert by.loc[("R:coast", feb), "rate_per_100k"] == pytest.approx(20 / POP["001"] * 1e5)
    assert (by.loc[("R:coast", jan), "counties_reporting"],
            by.loc[("R:coast", jan), "counties"]) == (2, 6)
    # Kiambu: no data at all, a line of gaps.
    assert out[out["area"] == "022"]["count"].isna().all()
    assert by.loc[("KE", jan), "rate_per_100k"] == pytest.approx(
        54 / (POP["001"] + POP["002"] + POP["047"]) * 1e5)
    # Public: Kwale's January (4) is hidden with its rate; the region's line is built from
    # protected cells (4 counts as 2.5), so it cannot give it back.
    pub = crime_rates(areas(), period=H1, audience=PUBLIC, engine=fixture_db) \
        .set_index(["area", "month"])
    assert pub.loc[("002", jan), "count_display"] == "<5"
    assert math.isnan(pub.loc[("002", jan), "rate_per_100k"])
    assert pub.loc[("R:coast", jan), "count"] == 22.5


def test_crime_overview_per_area(fixture_db):
    out = crime_overview(areas(), period=H1, audience=INTERNAL, engine=fixture_db) \
        .set_index("area")
    assert out.loc["001", "total"] == 120
    assert out.loc["001", "rate_per_100k"] == pytest.approx(120 / POP["001"] * 1e5)
    assert out.loc["001", "pct_change"] == pytest.approx(100.0)
    assert out.loc["001", "verdict"] == "significant"
    assert out.loc["001", "direction"] == "up"
    # Kwale: part of the period only, so a count and no rate; Kiambu: no data, not 0.
    assert out.loc["002", "total_display"] == "4" and math.isnan(out.loc["002", "rate_per_100k"])
    assert math.isnan(out.loc["022", "total"]) and out.loc["022", "total_display"] == ""
    assert out.loc["022", "verdict"] == "no data to compare"
    assert out.loc["022", "coverage_note"] == "no data"
    # Kenya's rate is over the counties with data for every month (Mombasa, Nairobi).
    assert out.loc["KE", "total"] == 120 + 4 + 185
    assert out.loc["KE", "rate_per_100k"] == pytest.approx(
        (120 + 185) / (POP["001"] + POP["047"]) * 1e5)
    pub = crime_overview(areas("002,001"), period=H1, audience=PUBLIC,
                         engine=fixture_db).set_index("area")
    assert pub.loc["002", "total_display"] == "<5"
    assert math.isnan(pub.loc["002", "total"]) and math.isnan(pub.loc["002", "rate_per_100k"])


def test_top_categories_share_their_rows(fixture_db):
    out = category_changes(areas("001,047,022"), period=H1, audience=INTERNAL, n=2,
                           engine=fixture_db)
    assert list(out["area"]) == ["001", "001", "047", "047", "022", "022"]
    assert list(out["key"][:2]) == ["robbery", "stealing"]
    rows = out.set_index(["area", "key"])
    assert rows.loc[("001", "robbery"), "count"] == 120
    assert rows.loc[("001", "robbery"), "verdict"] == "significant"
    assert rows.loc[("047", "robbery"), "pct_change"] == pytest.approx(0.0)
    assert rows.loc[("047", "robbery"), "verdict"] == "no clear change"
    assert rows.loc[("047", "stealing"), "count"] == 5
    assert math.isnan(rows.loc[("022", "robbery"), "count"])  # no data, not 0
    assert rows.loc[("001", "robbery"), "category"] == "Robbery"


def test_map_panels_per_area(fixture_db):
    out = area_maps(areas("001,R:coast,KE"), period=H1, audience=INTERNAL, engine=fixture_db)
    assert out.groupby("area").size().to_dict() == {"001": 1, "R:coast": 6, "KE": 47}
    coast = out[out["area"] == "R:coast"].set_index("county_code")
    assert coast.loc["001", "basis"] == "monthly"
    assert coast.loc["002", "basis"] == "partial"
    assert coast.loc["003", "basis"] == "no data"


# --- concerns, forums, commitments ---------------------------------------------------------


def test_concerns_by_theme_and_an_area_with_no_forum_yet(fixture_db):
    out = concern_themes(areas("001,047,022"), start=H1.start, end=H1.end,
                         audience=INTERNAL, engine=fixture_db).set_index(["area", "theme_code"])
    assert out.loc[("001", "drugs"), "concerns"] == 3
    assert out.loc[("001", "drugs"), "share"] == pytest.approx(0.75)
    assert out.loc[("001", "maritime_security"), "share"] == pytest.approx(0.25)
    assert out.loc[("047", "youth_gangs"), "share"] == pytest.approx(1.0)
    # Kiambu: nothing raised, no forum yet: counts 0 and no share (not 0 %).
    kiambu = out.loc["022"]
    assert (kiambu["concerns"] == 0).all() and kiambu["share"].isna().all()
    totals = concern_totals(areas("001,047,022"), start=H1.start, end=H1.end,
                            audience=INTERNAL, engine=fixture_db).set_index("area")
    assert totals["concerns"].to_dict() == {"001": 4, "047": 1, "022": 0}
    assert totals["forums"].to_dict() == {"001": 1, "047": 0, "022": 0}
    with pytest.raises(NotForPublic):
        concern_themes(areas("001,047"), start=H1.start, end=H1.end, audience=PUBLIC,
                       engine=fixture_db)


def test_public_concerns_and_commitments_are_the_regions_labelled(fixture_db):
    """A county's public figure is its region's: Mombasa and Kwale read the same (the
    Coast region's), so nothing about either county can be told apart."""
    pub = concern_totals(areas("001,002,R:coast,022"), start=H1.start, end=H1.end,
                         audience=PUBLIC, engine=fixture_db).set_index("area")
    assert pub.loc["001", "shown_area"] == "Coast region"
    assert pub.loc["022", "shown_area_sw"] == "Eneo la Kati"
    assert not pub.loc["001", "own_figure"] and pub.loc["R:coast", "own_figure"]
    assert pub.loc["001", "concerns_display"] == pub.loc["002", "concerns_display"] \
        == pub.loc["R:coast", "concerns_display"] == "<5"
    cm = commitment_figures(areas("001,002,R:coast"), as_of=H1.end, audience=PUBLIC,
                            engine=fixture_db).set_index("area")
    # Made 3 = three region × status cells of 1 (each hidden, each counted as 2.5): a
    # range, the same for both counties and the region.
    assert (cm["made_display"] == "3–12").all() and (cm["shown_area"] == "Coast region").all()
    assert cm["resolution_rate"].isna().all()


def test_commitments_per_area(fixture_db):
    out = commitment_figures(areas("001,047"), as_of=H1.end, audience=INTERNAL,
                             engine=fixture_db).set_index("area")
    m = out.loc["001"]
    assert (m["made"], m["verified"], m["fulfilled"], m["overdue"]) == (3, 2, 1, 1)
    assert m["resolution_rate"] == pytest.approx(0.5)
    assert out.loc["047", "made"] == 0 and math.isnan(out.loc["047", "resolution_rate"])


# --- chiefs' reports ---------------------------------------------------------------------------


def test_chiefs_per_area_with_months_without_reports(fixture_db):
    jul = dt.date(2026, 7, 31)
    out = chief_figures(areas("001,047,022"), start=H1.start, end=H1.end, audience=INTERNAL,
                        engine=fixture_db).set_index("area")
    assert (out.loc["001", "expected"], out.loc["001", "on_schedule"]) == (12, 9)
    assert out.loc["001", "compliance"] == pytest.approx(0.75)
    assert out.loc["047", "compliance"] == pytest.approx(2 / 6)
    assert out.loc["022", "expected"] == 0 and math.isnan(out.loc["022", "compliance"])
    months = chief_months(areas("001,047,022"), start=H1.start, end=jul, audience=INTERNAL,
                          engine=fixture_db)
    mom = months[months["area"] == "001"]
    # Jan: scores 4 and 2 → the lower middle score, 2; half the scores are low.
    assert values(mom["median"]) == [2, 2, 2, 4, 4, 4, "nan"]
    assert values(mom["low_share"]) == [0.5, 0.5, 0.5, 0.0, 0.0, 0.0, "nan"]
    assert values(mom["compliance"]) == [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, "nan"]
    # Nairobi: no report from March: its score is missing (not 0); its compliance is a
    # real 0 while other areas reported; July has no report anywhere: no data.
    nai = months[months["area"] == "047"]
    assert values(nai["median"]) == [3, 3, "nan", "nan", "nan", "nan", "nan"]
    assert values(nai["compliance"]) == [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, "nan"]
    assert months[months["area"] == "022"]["compliance"].isna().all()


def test_chief_figures_are_the_county_profiles_and_leave_out_months_without_data(fixture_db):
    """``chief_figures`` is ``chiefs_period_summary`` per area: the same compliance and
    median as ``chiefs_by_county`` (county profile, Hotspots, the ranking). July 2026 holds
    no chief's report anywhere: it is left out, not counted as 0 % (the old rule gave a
    lower compliance over January–July than over H1)."""
    jul = dt.date(2026, 7, 31)
    h1 = chief_figures(areas("001,047"), start=H1.start, end=H1.end, audience=INTERNAL,
                       engine=fixture_db).set_index("area")
    to_jul = chief_figures(areas("001,047"), start=H1.start, end=jul, audience=INTERNAL,
                           engine=fixture_db).set_index("area")
    assert "sentiment_mean" not in h1.columns  # the ordinal score has no mean
    for code in ("001", "047"):
        assert to_jul.loc[code, "compliance"] == pytest.approx(h1.loc[code, "compliance"])
        assert to_jul.loc[code, "expected"] == h1.loc[code, "expected"]
    county = chiefs_by_county(start=H1.start, end=jul, county_codes=("001", "047"),
                              audience=INTERNAL, engine=fixture_db).set_index("county_code")
    for code in ("001", "047"):
        for col in ("compliance", "median", "low_share", "rated"):
            assert to_jul.loc[code, col] == pytest.approx(county.loc[code, col], nan_ok=True)
    # Mombasa: six 4s and three 2s: median 4, 3 low of 9 (n = 9).
    assert (to_jul.loc["001", "median"], to_jul.loc["001", "rated"]) == (4.0, 9)
    assert to_jul.loc["001", "low_share"] == pytest.approx(1 / 3)
    ranking = county_ranking("coast", period=Period(H1.start, jul), audience=INTERNAL,
                             engine=fixture_db).set_index("code")
    assert ranking.loc["001", "compliance"] == pytest.approx(0.75)
    assert ranking.loc["001", "median"] == county.loc["001", "median"]


# --- the ranking and the whole comparison -------------------------------------------------------


def test_ranking_of_a_regions_counties_with_references(fixture_db):
    out = county_ranking("coast", period=H1, audience=INTERNAL, engine=fixture_db)
    assert list(out["code"][:1]) == ["001"] and out["rank"].iloc[0] == 1
    counties = out[~out["reference"]]
    assert len(counties) == 6 and counties["rank"].notna().sum() == 1
    refs = out[out["reference"]].set_index("code")
    assert list(refs.index) == ["R:coast", "KE"]
    assert refs.loc["R:coast", "rate_per_100k"] == pytest.approx(120 / POP["001"] * 1e5)
    assert refs.loc["KE", "rate_per_100k"] == pytest.approx(
        305 / (POP["001"] + POP["047"]) * 1e5)
    mombasa = counties.set_index("code").loc["001"]
    assert mombasa["compliance"] == pytest.approx(0.75)
    assert mombasa["made_display"] == "3" and mombasa["resolution_rate"] == pytest.approx(0.5)
    pub = county_ranking("coast", period=H1, audience=PUBLIC, engine=fixture_db)
    assert pub.loc[~pub["reference"], "resolution_rate"].isna().all()
    assert (pub.loc[~pub["reference"], "made_display"] == "").all()


def test_comparison_summary_one_row_per_area(fixture_db):
    out = comparison_summary(areas("001,022,KE"), period=H1, audience=INTERNAL,
                             engine=fixture_db).set_index("area")
    assert out.loc["001", ["crimes", "concerns", "forums", "commitments_made", "fulfilled",
                           "overdue"]].tolist() == ["120", "4", "1", "3", "1", "1"]
    assert out.loc["022", "crimes"] == "" and out.loc["022", "forums"] == "0"
    assert out.loc["022", "forums_status"] == "no forum yet"  # shown as such, not as 0
    assert out.loc["001", "forums_status"] == "held"
    assert out.loc["KE", "concerns"] == "5"
    # Mombasa's chiefs: 2, 2, 2, 4, 4, 4, 4, 4, 4 over the half year → median 4, a third low.
    assert out.loc["001", "sentiment_median"] == 4
    assert out.loc["001", "sentiment_low_share"] == pytest.approx(1 / 3)


def test_the_exported_table_carries_every_figure_as_shown(fixture_db):
    from ui.compare_pack import summary_table

    summary = comparison_summary(areas("001,022"), period=H1, audience=INTERNAL,
                                 engine=fixture_db)
    table = summary_table(summary).set_index("area")
    assert table.loc["Mombasa", ["crimes", "forums held", "reporting compliance",
                                 "median sentiment (1–5)", "low scores (1–2)"]].tolist() \
        == ["120", "1", "75%", "4", "33%"]
    # Kiambu: no forum yet, no chief expected: said, not shown as 0.
    assert table.loc["Kiambu", ["forums held", "reporting compliance",
                                  "median sentiment (1–5)"]].tolist() \
        == ["No forum yet", "—", "—"]


# --- the page -------------------------------------------------------------------------------------


def _url(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _table(at, column: str) -> pd.DataFrame:
    return next(f.value for f in at.dataframe if column in f.value.columns)


def test_page_on_the_fixture_and_a_shared_link(fixture_db, monkeypatch):
    params = {"areas": "001,002,047,022", "from": "2026-01", "to": "2026-06"}
    at = run_page(_url(fixture_db), monkeypatch, "compare.py", **params)
    assert not problems(at), "\n".join(problems(at))
    assert at.multiselect(key="cmp_areas").value == ["001", "002", "047", "022"]
    summary = _table(at, "commitments made").set_index("area")
    assert summary.loc["Mombasa", "crimes"] == "120"
    assert summary.loc["Mombasa", "resolution rate"] == "50%"
    assert summary.loc["Kiambu", "crimes"] == "No data"  # never 0
    assert summary.loc["Kiambu", "forums held"] == "No forum yet"  # not 0
    # rate trend, categories, concerns by theme, commitments, chiefs, map
    assert len(at.get("plotly_chart")) == 6
    assert at.query_params["areas"] == "001,002,047,022"
    # The same link in a fresh session opens the same comparison.
    fresh = run_page(_url(fixture_db), monkeypatch, "compare.py", **params)
    assert fresh.multiselect(key="cmp_areas").value == ["001", "002", "047", "022"]
    assert _table(fresh, "commitments made").equals(_table(at, "commitments made"))
    # A quick pick replaces the selection and the link follows.
    at.selectbox(key="cmp_q_county").set_value("047")
    at = at.button(key="cmp_q_county_go").click().run()
    assert not problems(at), "\n".join(problems(at))
    assert at.multiselect(key="cmp_areas").value == ["047", "016", "022", "034"]
    assert at.query_params["areas"] == "047,016,022,034"  # written by the page


def test_page_public_screen_says_whose_figures(fixture_db, monkeypatch):
    at = run_page(_url(fixture_db), monkeypatch, "compare.py", areas="001,002,R:coast",
                  mode="public", **{"from": "2026-01", "to": "2026-06"})
    assert not problems(at), "\n".join(problems(at))
    infos = " ".join(i.value for i in at.info)
    assert "Concerns by theme are not shown on public screens" in infos
    summary = _table(at, "concerns and commitments of").set_index("area")
    assert summary.loc["Mombasa", "concerns and commitments of"] == "Coast region"
    assert summary.loc["Kwale", "crimes"] == "<5"
    captions = " ".join(c.value for c in at.caption)
    assert "Mombasa → Coast region" in captions


def test_page_with_too_few_areas_asks_for_more(fixture_db, monkeypatch):
    at = run_page(_url(fixture_db), monkeypatch, "compare.py", areas="001")
    assert not problems(at), "\n".join(problems(at))
    assert "Choose at least two areas, or use a quick pick." in [i.value for i in at.info]
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("params", [
    {"areas": "047,022,016,034"},
    {"areas": "R:coast,KE"},
    {"areas": "R:nairobi,R:central,R:rift_valley,KE", "lang": "sw"},
    {"areas": "001,002,003,004,005,006,R:coast,KE", "mode": "public"},
    {"region": "central"},
])
def test_page_on_the_demo_for_several_selections(demo_sqlite_url, monkeypatch, params):
    at = run_page(demo_sqlite_url, monkeypatch, "compare.py", **params)
    assert not problems(at), "\n".join(problems(at))
    assert len(at.multiselect(key="cmp_areas").value) >= 2
    assert at.get("plotly_chart")


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_one_page_pdf(fixture_db):
    from charts.compare import map_multiples, rate_trend_chart
    from geo.boundaries import counties_geojson
    from ui.compare_pack import build_pdf

    picked = areas("001,002,047,022")
    tokens = [a.token for a in picked]
    titles = {a.token: a.label() for a in picked}
    summary = comparison_summary(picked, period=H1, audience=INTERNAL, engine=fixture_db)
    trend = rate_trend_chart(crime_rates(picked, period=H1, audience=INTERNAL,
                                         engine=fixture_db), areas=tokens, y_title="rate")
    maps = map_multiples(area_maps(picked, period=H1, audience=INTERNAL, engine=fixture_db),
                         counties_geojson(), areas=tokens, area_titles=titles,
                         legend_title="Rate per 100,000")
    pdf = build_pdf(summary=summary, trend_fig=trend, map_fig=maps, title="Comparison",
                    period_label=H1.label(), start=H1.start, end=H1.end,
                    now=dt.datetime(2026, 7, 1, 9, 0))
    assert pdf.startswith(b"%PDF")
    assert _pdf_pages(pdf) == 1
