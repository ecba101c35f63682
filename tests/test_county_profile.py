"""The county profile: its queries on a small hand-built database, and the page itself
(AppTest on the shared demo database) for several filter combinations and deep links.

Fixture (West Pokot, 024), worked by hand:

- one forum on 10 Apr 2025 raising 6 cattle-rustling, 2 GBV and 1 banditry concerns; a
  drugs concern from a chief's report (April 2025: concerns raised "in chiefs' reports");
  one Mombasa forum concern;
- commitments, status as of 31 Dec 2025:
  c1 cattle rustling, due 30 Jun 2025, in progress → overdue by 184 days;
  c2 cattle rustling, due 1 Dec 2025, fulfilled on 15 Nov 2025;
  c3 GBV (sensitive), due 1 Mar 2026, no update → unverified;
  c4 banditry, due 30 Sep 2025, not fulfilled (closed, never overdue);
  c5 cattle rustling, no due date, stalled.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema as s
from data_access.commitments import commitment_totals
from data_access.concerns import concerns_raised
from data_access.county_profile import (
    commitment_list,
    commitment_status_counts,
    concerns_by_theme,
    county_crime_profile,
)
from data_access.engine import bump_data_version, new_source
from data_access.figures.calendar import add_months, month_end
from data_access.figures.crime import county_crime, crime_summary, monthly_series
from data_access.figures.scope import Audience, Period, Scope
from data_access.imports import import_file
from data_access.privacy import NotForPublic, shown_text
from tests.apptest_helpers import problems, run_page

AS_OF = dt.date(2025, 12, 31)
YEAR_2025 = {"start": dt.date(2025, 1, 1), "end": AS_OF}
POKOT = ("024",)
INTERNAL = {"audience": Audience.INTERNAL}
PUBLIC = {"audience": Audience.PUBLIC}


@pytest.fixture
def forum_db(engine: sa.Engine) -> sa.Engine:
    now = dt.datetime(2026, 1, 1, 9, 0)
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="forums", name="fixture")
        conn.execute(s.forums.insert(), [
            {"id": 1, "external_id": "F1", "edition": "North Rift Edition", "county_code": "024",
             "venue": "Kapenguria", "held_on": dt.date(2025, 4, 10), "attendance_total": 300,
             "source_id": src},
            {"id": 2, "external_id": "F2", "edition": "Pwani Edition", "county_code": "001",
             "venue": "Mombasa", "held_on": dt.date(2025, 4, 8), "attendance_total": 200,
             "source_id": src}])
        concerns = ([("cattle_rustling", 1)] * 6 + [("gbv", 1)] * 2 + [("banditry", 1)]
                    + [("drugs", None)])
        rows = [{"id": i + 1, "external_id": f"C{i + 1}", "forum_id": forum,
                 "origin": "forum" if forum else "chief_report", "county_code": "024",
                 "theme_code": theme, "summary": "a private account of what happened",
                 "raised_on": dt.date(2025, 4, 10), "source_id": src}
                for i, (theme, forum) in enumerate(concerns)]
        rows.append({"id": 99, "external_id": "C99", "forum_id": 2, "origin": "forum",
                     "county_code": "001", "theme_code": "maritime_security",
                     "summary": "boats", "raised_on": dt.date(2025, 4, 8), "source_id": src})
        conn.execute(s.concerns.insert(), rows)
        # (id, concern, title, due, updates)
        commitments = [
            (1, 1, "Police post at Kanyarkwat", dt.date(2025, 6, 30),
             [("in_progress", dt.date(2025, 5, 1))]),
            (2, 2, "Livestock branding drive", dt.date(2025, 12, 1),
             [("in_progress", dt.date(2025, 6, 1)), ("fulfilled", dt.date(2025, 11, 15))]),
            (3, 7, "Safe house for survivors in Kapenguria", dt.date(2026, 3, 1), []),
            (4, 9, "Peace caravan to Kacheliba", dt.date(2025, 9, 30),
             [("not_fulfilled", dt.date(2025, 10, 5))]),
            (5, 3, "Joint patrols along the border", None, [("stalled", dt.date(2025, 8, 1))]),
        ]
        conn.execute(s.commitments.insert(), [
            {"id": cid, "external_id": f"K{cid}", "concern_id": concern,
             "institution_code": "nps", "title": title, "made_on": dt.date(2025, 4, 10),
             "due_on": due, "current_status": ups[-1][0] if ups else "unverified",
             "evidence": "internal memo", "source_id": src}
            for cid, concern, title, due, ups in commitments])
        conn.execute(s.commitment_updates.insert(), [
            {"commitment_id": cid, "status": status, "updated_on": on, "note": "note",
             "recorded_at": now, "source_id": src}
            for cid, _, _, _, ups in commitments for status, on in ups])
        bump_data_version(conn)
    return engine


# --- concerns by theme ---------------------------------------------------------------------


def test_concerns_by_theme_counts_forum_and_chief_parts(forum_db):
    out = concerns_by_theme(engine=forum_db, **YEAR_2025, county_codes=POKOT,
                            **INTERNAL).set_index("theme_code")
    parts = ["forum_concerns", "chief_concerns", "concerns"]
    assert len(out) == 13  # every theme listed
    assert out.loc["cattle_rustling", parts].tolist() == [6, 0, 6]
    assert out.loc["banditry", parts].tolist() == [1, 0, 1]
    # Concerns raised now count chiefs' reports too (they used to be left out): the drugs
    # concern is raised "in chiefs' reports", apart from the forum's.
    assert out.loc["drugs", parts].tolist() == [0, 1, 1]
    assert out.loc["maritime_security", "concerns"] == 0  # Mombasa's
    # GBV is sensitive: 2 reads "<5" even off the public screen.
    assert math.isnan(out.loc["gbv", "concerns"]) and out.loc["gbv", "concerns_display"] == "<5"
    # Share of all 10 concerns raised (6 + 2 + 1 at the forum, 1 in a chief's report).
    assert out.loc["cattle_rustling", "share"] == pytest.approx(6 / 10)
    assert out.index[0] == "cattle_rustling"  # most raised first


def test_concerns_by_theme_is_not_for_public_screens(forum_db):
    """Concerns are public by region only: no breakdown by theme; the county's card reads
    its region's concerns to date, all themes."""
    with pytest.raises(NotForPublic):
        concerns_by_theme(engine=forum_db, **YEAR_2025, county_codes=POKOT, **PUBLIC)
    card = concerns_raised(engine=forum_db, **YEAR_2025, county_codes=POKOT,
                           **PUBLIC).iloc[0]
    region = concerns_raised(engine=forum_db, **YEAR_2025, by="region",
                             **PUBLIC).set_index("region_code").loc["rift_valley"]
    assert card["area"] == "Rift Valley"
    assert card["concerns_display"] == region["concerns_display"]
    # Internally the theme breakdown stays, with true shares.
    out = concerns_by_theme(engine=forum_db, **YEAR_2025, county_codes=POKOT,
                            **INTERNAL).set_index("theme_code")
    assert out.loc["cattle_rustling", "concerns"] == 6
    assert out.loc["cattle_rustling", "share"] == pytest.approx(6 / 10)


def test_concerns_by_theme_filters_and_period(forum_db):
    out = concerns_by_theme(engine=forum_db, **YEAR_2025, county_codes=POKOT,
                            themes=("cattle_rustling",), **INTERNAL)
    assert list(out["theme_code"]) == ["cattle_rustling"] and out["concerns"].item() == 6
    before = concerns_by_theme(engine=forum_db, start=dt.date(2025, 1, 1),
                               end=dt.date(2025, 4, 9), county_codes=POKOT, **INTERNAL)
    # The forum (10 Apr) is after the period; the chief's report is April's, a month that
    # overlaps the period, so its concern counts (report months count whole).
    assert before["forum_concerns"].sum() == 0
    assert before.set_index("theme_code")["chief_concerns"].to_dict()["drugs"] == 1
    assert before["chief_concerns"].sum() == 1


# --- commitments ---------------------------------------------------------------------------


def test_status_counts_as_of_a_date(forum_db):
    out = commitment_status_counts(engine=forum_db, as_of=AS_OF, county_codes=POKOT,
                                   **INTERNAL)
    got = dict(zip(out["status"], out["commitments"]))
    assert got == {"unverified": 1, "not_started": 0, "in_progress": 1, "stalled": 1,
                   "partly_fulfilled": 0, "fulfilled": 1, "not_fulfilled": 1}
    assert dict(zip(out["status"], out["overdue"]))["in_progress"] == 1
    assert out["overdue"].sum() == 1
    assert out["past_due_unverified"].sum() == 0  # c3 (unverified) is due only in 2026
    assert list(out["label_sw"])[0] == "Haijathibitishwa"
    # Earlier, before c2 was fulfilled and c4 closed: both were still in progress.
    mid = commitment_status_counts(engine=forum_db, as_of=dt.date(2025, 9, 1),
                                   county_codes=POKOT, **INTERNAL)
    assert dict(zip(mid["status"], mid["commitments"]))["in_progress"] == 2


def test_status_counts_public_mode_hides_small_counts(forum_db):
    out = commitment_status_counts(engine=forum_db, as_of=AS_OF, county_codes=POKOT,
                                   **PUBLIC)
    assert out["commitments"].isna().sum() == 5  # every status with 1 commitment
    assert set(out.loc[out["commitments"].isna(), "commitments_display"]) == {"<5"}
    zero = out.set_index("status").loc["not_started"]
    assert zero["commitments"] == 0 and zero["commitments_display"] == "0"


def test_status_counts_and_totals_are_sums_of_the_same_cells(forum_db):
    """The profile's commitment KPI and overdue line are commitment_totals (the data
    layer adds them up, from the same cells as the status chart): internally the true 5
    made and 1 overdue; in public five hidden cells (2.5 each), read as what five hidden
    counts allow, and the status rows sum to the same protected total."""
    internal = commitment_totals(engine=forum_db, as_of=AS_OF, county_codes=POKOT,
                                 **INTERNAL).iloc[0]
    assert (internal["made_display"], internal["overdue_display"],
            internal["past_due_unverified_display"]) == ("5", "1", "0")
    public = commitment_totals(engine=forum_db, as_of=AS_OF, county_codes=POKOT,
                               **PUBLIC).iloc[0]
    assert (public["made"], public["made_hidden"]) == (12.5, 5)
    assert public["made_display"] == shown_text(12.5, 5) == "5–20"
    assert public["overdue_display"] == "<5"
    rows = commitment_status_counts(engine=forum_db, as_of=AS_OF, county_codes=POKOT,
                                    **PUBLIC)
    assert rows["commitments_hidden"].sum() == public["made_hidden"] == 5


def test_public_commitment_figures_are_the_regions(forum_db):
    """Public: a county's commitment card shows its region's figures (all themes, every
    commitment to date, status today): another Rift Valley county, another theme or
    another date reads the same; internally Nakuru has none."""
    pokot = commitment_status_counts(engine=forum_db, as_of=AS_OF, county_codes=POKOT,
                                     **PUBLIC)
    nakuru = commitment_status_counts(engine=forum_db, as_of=dt.date(2025, 3, 31),
                                      county_codes=("032",), themes=("drugs",), **PUBLIC)
    pd.testing.assert_frame_equal(pokot, nakuru)
    totals = commitment_totals(engine=forum_db, as_of=AS_OF, county_codes=("032",),
                               **PUBLIC).iloc[0]
    assert (totals["code"], totals["name"]) == ("rift_valley", "Rift Valley")
    assert totals["made_display"] == commitment_totals(
        engine=forum_db, as_of=AS_OF, county_codes=POKOT, **PUBLIC).iloc[0]["made_display"]
    internal = commitment_status_counts(engine=forum_db, as_of=AS_OF, county_codes=("032",),
                                        **INTERNAL)
    assert internal["commitments"].sum() == 0


def _add_commitments(engine, n: int) -> None:
    """``n`` more cattle-rustling commitments in progress in West Pokot (the cell of c1)."""
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="forums", name="more")
        conn.execute(s.commitments.insert(), [
            {"id": 10 + i, "external_id": f"K{10 + i}", "concern_id": 1,
             "institution_code": "nps", "title": "Another", "made_on": dt.date(2025, 4, 10),
             "due_on": dt.date(2025, 6, 30), "current_status": "in_progress",
             "source_id": src} for i in range(n)])
        conn.execute(s.commitment_updates.insert(), [
            {"commitment_id": 10 + i, "status": "in_progress",
             "updated_on": dt.date(2025, 5, 1), "recorded_at": dt.datetime(2026, 1, 1),
             "source_id": src} for i in range(n)])
        bump_data_version(conn)


def _profile_commitments(at) -> tuple:
    """What the public profile shows of commitments: the KPI, the caption, the table."""
    kpi = next(m.value for m in at.metric if m.label == "Commitments")
    captions = [c.value for c in at.caption if "overdue on" in c.value]
    return kpi, captions, _table(at, "of them overdue").to_dict("list")


def test_profile_commitment_totals_do_not_give_a_hidden_count_back(forum_db, monkeypatch):
    """The leak: the page added up the status counts itself. Now the KPI and the overdue
    line come from commitment_status_totals, and in public a hidden cell (c1's: cattle
    rustling, in progress, 1) can become 4 without anything shown changing."""
    url = forum_db.url.render_as_string(hide_password=False)
    params = {"county": "024", "mode": "public"}  # the default period: status on its end
    at = _page(url, monkeypatch, **params)
    assert not problems(at), "\n".join(problems(at))
    at.segmented_control(key="profile_status_view").set_value("table").run()
    before = _profile_commitments(at)
    assert before[0] == "5–20" and before[1][0].startswith("0 forums held in the period. "
                                                         "<5 overdue on ")
    _add_commitments(forum_db, 3)  # in progress, overdue: 1 → 4 in that cell
    at = _page(url, monkeypatch, **params)
    assert not problems(at), "\n".join(problems(at))
    at.segmented_control(key="profile_status_view").set_value("table").run()
    assert _profile_commitments(at) == before


def test_commitment_list_order_and_overdue(forum_db):
    out = commitment_list(engine=forum_db, as_of=AS_OF, county_codes=POKOT, **INTERNAL)
    assert list(out["commitment_id"]) == [1, 3, 5, 4, 2]
    first = out.iloc[0]
    assert bool(first["overdue"]) and first["days_overdue"] == 184
    assert first["status_label"] == "In progress"
    assert out.loc[out["commitment_id"] == 3, "title"].item() == (
        "Safe house for survivors in Kapenguria")
    assert not {"concern_summary", "summary", "evidence", "note"} & set(out.columns)
    assert out["forum_edition"].unique().tolist() == ["North Rift Edition"]


def test_commitment_list_is_not_for_public_screens(forum_db):
    with pytest.raises(NotForPublic):
        commitment_list(engine=forum_db, as_of=AS_OF, county_codes=POKOT, **PUBLIC)
    # Internally every title is listed, the sensitive one included.
    out = commitment_list(engine=forum_db, as_of=AS_OF, county_codes=POKOT, **INTERNAL)
    assert dict(zip(out["commitment_id"], out["title"]))[3] == (
        "Safe house for survivors in Kapenguria")


@pytest.mark.parametrize("call", [
    lambda e, **kw: concerns_by_theme(engine=e, **YEAR_2025, **kw),
    lambda e, **kw: commitment_status_counts(engine=e, as_of=AS_OF, **kw),
    lambda e, **kw: commitment_list(engine=e, as_of=AS_OF, **kw),
])
def test_audience_is_required(forum_db, call):
    with pytest.raises(TypeError):
        call(forum_db)
    with pytest.raises(TypeError, match="audience"):
        call(forum_db, audience=True)  # the old public=True flag


@pytest.mark.parametrize(("call", "message"), [
    (lambda e: concerns_by_theme(engine=e, **YEAR_2025, county_codes=("048",),
                                 **INTERNAL), "unknown county code"),
    (lambda e: commitment_list(engine=e, as_of=AS_OF, themes=("witchcraft",), **INTERNAL),
     "unknown concern theme"),
    (lambda e: concerns_by_theme(engine=e, start=AS_OF, end=dt.date(2025, 1, 1),
                                 **INTERNAL), "ends"),
])
def test_bad_input_gets_a_clear_message(engine, call, message):
    with pytest.raises(ValueError, match=message):
        call(engine)


# --- the page (AppTest on the demo database) ------------------------------------------------

PROFILE = "views/county_profile.py"


def _page(url: str, monkeypatch, script: str = PROFILE, **params):
    return run_page(url, monkeypatch, script, **params)


def _table(at, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column``."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with a {column!r} column")


@pytest.mark.parametrize("params", [
    {"county": "023"},
    {"county": "024"},
    {"county": "001", "mode": "public"},
    {"county": "047", "lang": "sw"},
    {"county": "001", "from": "2026-10", "to": "2026-10"},
    {"county": "030", "cat": "offences_against_morality", "mode": "public"},
    {"county": "024", "theme": "cattle_rustling,gbv", "region": "rift_valley"},
])
def test_profile_runs_for_filter_combinations(demo_sqlite_url, monkeypatch, params):
    at = _page(demo_sqlite_url, monkeypatch, **params)
    assert not problems(at), "\n".join(problems(at))
    names = {"023": "Turkana", "024": "West Pokot", "001": "Mombasa", "047": "Nairobi",
             "030": "Baringo"}
    assert at.title[0].value == names[params["county"]]
    headers = [h.value for h in at.header]
    if params.get("lang") == "sw":
        assert "Ripoti za kila mwezi za machifu" in headers
    else:
        assert headers == ["Crime observatory", "Forums and commitments",
                           "Chiefs' monthly reports"]
    assert at.session_state["f_county"] == params["county"]
    charts = [c.key for c in at.get("plotly_chart")]
    if params.get("mode") == "public":
        # Concerns by theme and chiefs' themes are internal only (concerns are public by
        # region): an info line stands in their place.
        assert not {"profile_concerns", "profile_chief_themes"} & set(charts)
        assert len(charts) >= 3
    else:
        assert len(charts) >= 5


def test_deep_link_to_west_pokot_shows_its_seeded_surge(demo_sqlite_url, monkeypatch):
    at = _page(demo_sqlite_url, monkeypatch, county="024")
    reasons = [m.value for m in at.markdown if "Theft of stock in West Pokot" in m.value]
    assert reasons, "the seeded West Pokot surge is not listed"
    assert "in Oct 2026" in reasons[0]


def test_public_profile_shows_no_list_or_free_text(demo_sqlite_url, monkeypatch):
    at = _page(demo_sqlite_url, monkeypatch, county="047", mode="public")
    assert not problems(at)
    # No list of commitments (titles, institutions, dates): a line says why instead.
    assert not [f for f in at.dataframe if "commitment" in f.value.columns]
    assert any(i.value == "Lists of individual commitments are not shown on public "
               "screens." for i in at.info)
    for frame in at.dataframe:
        assert not {"summary", "note", "notes", "evidence", "concern"} & set(
            frame.value.columns)
    internal = _page(demo_sqlite_url, monkeypatch, county="047")
    assert len(_table(internal, "commitment"))  # internally the list is there


def test_region_filter_without_county_offers_a_picker(demo_sqlite_url, monkeypatch):
    at = _page(demo_sqlite_url, monkeypatch, region="coast")
    assert not problems(at)
    picker = at.selectbox(key="profile_pick")
    assert picker.options == ["Pick a county…", "Kilifi", "Kwale", "Lamu", "Mombasa",
                              "Taita Taveta", "Tana River"]  # the Coast counties only
    picker.set_value("004").run()
    assert not problems(at)
    assert at.session_state["f_county"] == "004"
    assert at.title[0].value == "Tana River"


# --- crime figures: the figures layer, on known inputs ------------------------------------
#
# Published monthly counts imported as a CSV (the path users take), worked by hand:
#
# - Turkana (023): robbery 10 and stealing 5 every month Nov 2024 – Oct 2026, but robbery
#   40 in Oct 2026 (a surge: its usual level for the time of year is 10). Nov 2025 –
#   Oct 2026: 11 × 10 + 40 + 12 × 5 = 210 against 12 × 15 = 180 a year earlier.
# - West Pokot (024): robbery 8 every month Nov 2024 – Oct 2026 except Mar 2026 (no
#   record at all: a gap, never 0). 11 × 8 = 88 against 88 (like for like: Mar 2025 is
#   left out too); data for 11 of 12 months, so no rate.
# - Mandera (009): published yearly figures only: robbery 300 in 2024 and 360 in 2025. In
#   Nov 2025 – Oct 2026 it has "yearly figures only" (never 0); in 2025 it has 360 against
#   300, +20.3% per day (2024 has 366 days).

CRIME_TODAY = dt.date(2026, 11, 15)
PERIOD = Period(dt.date(2025, 11, 1), dt.date(2026, 10, 31))
MISSING = dt.date(2026, 3, 1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out = [first]
    while out[-1] < last:
        out.append(add_months(out[-1], 1))
    return out


def _row(county: str, category: str, start: dt.date, end: dt.date, count: int) -> dict:
    return {"county": county, "category": category, "period_start": start.isoformat(),
            "period_end": end.isoformat(), "count": count, "source": "returns"}


@pytest.fixture
def crime_db(engine: sa.Engine) -> sa.Engine:
    rows = []
    for m in _months(dt.date(2024, 11, 1), dt.date(2026, 10, 1)):
        end = month_end(m)
        rows.append(_row("Turkana", "robbery", m, end, 40 if m == dt.date(2026, 10, 1) else 10))
        rows.append(_row("Turkana", "stealing", m, end, 5))
        if m != MISSING:
            rows.append(_row("West Pokot", "robbery", m, end, 8))
    for year, count in ((2024, 300), (2025, 360)):
        rows.append(_row("Mandera", "robbery", dt.date(year, 1, 1), dt.date(year, 12, 31),
                         count))
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    report = import_file(engine, kind="crime-counts", data=buf.getvalue().encode(),
                         filename="x.csv", today=CRIME_TODAY)
    assert report.ok, report.problems_frame().head().to_string()
    return engine


def _scope(county: str, period: Period = PERIOD, *, public: bool = False) -> Scope:
    return Scope(period, Audience.PUBLIC if public else Audience.INTERNAL, county=county)


def _same(a, b) -> bool:
    """Equal, NaN counting as equal to NaN (also field by field for two summaries)."""
    if dataclasses.is_dataclass(a):
        return all(_same(x, y) for x, y in zip(dataclasses.astuple(a), dataclasses.astuple(b)))
    return a == b or (pd.isna(a) and pd.isna(b))


FIGURES = ["basis", "count", "rate_per_100k", "previous", "current_compared",
           "months_covered", "months_compared", "pct_change", "difference", "z", "verdict",
           "direction", "note", "count_display", "previous_display"]


@pytest.mark.parametrize("code", ["023", "024", "009"])
@pytest.mark.parametrize("public", [False, True])
def test_profile_figures_are_county_crime_for_that_county(crime_db, code, public):
    scope = _scope(code, public=public)
    profile = county_crime_profile(scope, engine=crime_db)
    own = county_crime(scope, engine=crime_db).set_index("county_code")
    kenya = county_crime(Scope(PERIOD, scope.audience), engine=crime_db).set_index(
        "county_code")
    for col in FIGURES:
        got = profile.row[col]
        for other in (own.loc[code, col], kenya.loc[code, col]):
            assert _same(got, other), (code, col, got, other)
    # The region and Kenya lines are the same figures over their counties.
    region = Scope(PERIOD, scope.audience, region=profile.row["region_code"])
    assert _same(profile.region, crime_summary(region, engine=crime_db))
    assert _same(profile.summary, crime_summary(scope, engine=crime_db))


def test_turkana_total_rate_and_change_against_a_year_earlier(crime_db):
    profile = county_crime_profile(_scope("023"), engine=crime_db)
    row = profile.row
    assert row["basis"] == "monthly"
    assert row["count"] == 210 and row["previous"] == 180
    assert row["rate_per_100k"] == pytest.approx(210 / 926_976 * 100_000)
    assert row["pct_change"] == pytest.approx((210 / 180 - 1) * 100)
    assert profile.summary.coverage_note == "data for all 12 months"
    assert profile.summary.comparison_note == \
        "vs the same months a year earlier (Nov 2024 – Oct 2025)"
    cats = profile.categories.set_index("key")
    assert list(profile.categories["key"][:2]) == ["robbery", "stealing"]  # most first
    assert cats.loc["robbery", "count"] == 150 and cats.loc["robbery", "previous"] == 120
    assert cats.loc["stealing", "count"] == 60 and cats.loc["stealing", "previous"] == 60
    assert cats.loc["homicide", "count"] == 0  # a covered month without a record: a true 0
    # Kenya's rate counts only counties with data for the whole period (Turkana here).
    assert profile.kenya.rate_per_100k == pytest.approx(row["rate_per_100k"])
    # The October surge is an emerging threat, about October.
    assert profile.examined == dt.date(2026, 10, 1)
    threat = profile.threats.iloc[0]
    assert (threat["category_code"], threat["current"], threat["baseline_mean"]) == \
        ("robbery", 40, 10)
    assert threat["reason"].startswith("Robbery in Turkana: 40 in Oct 2026")


def test_a_missing_month_is_a_gap_never_zero(crime_db):
    profile = county_crime_profile(_scope("024"), engine=crime_db)
    row = profile.row
    assert row["basis"] == "partial" and row["months_covered"] == 11
    assert row["count"] == 88 and math.isnan(row["rate_per_100k"])  # no rate for 11 months
    assert row["previous"] == 88 and row["months_compared"] == 11  # like for like
    assert row["note"] == "data for 11 of 12 months; no rate"
    rates = profile.rates.set_index(["area", "month"])
    march = pd.Timestamp(MISSING)
    assert math.isnan(rates.loc[("county", march), "count"])
    assert math.isnan(rates.loc[("county", march), "rate_per_100k"])
    assert rates.loc[("county", pd.Timestamp("2026-02-01")), "count"] == 8
    # The region's March counts the county that reported it (Turkana), over its population.
    assert rates.loc[("region", march), "count"] == 15
    assert rates.loc[("region", march), "counties_reporting"] == 1
    assert rates.loc[("region", march), "population"] == 926_976
    series = monthly_series(_scope("024"), engine=crime_db).set_index("month")
    assert math.isnan(series.loc[MISSING, "count"])
    assert series["count"].notna().sum() == 11


def test_yearly_figures_only_then_the_published_year(crime_db):
    months = county_crime_profile(_scope("009"), engine=crime_db)
    assert months.row["basis"] == "yearly figures only"
    assert math.isnan(months.row["count"]) and months.monthly == "yearly figures only"
    assert months.rates.loc[months.rates["area"] == "county", "count"].isna().all()

    year = county_crime_profile(_scope("009", Period.year(2025)), engine=crime_db)
    assert year.row["basis"] == "published yearly"
    assert year.row["count"] == 360 and year.row["previous"] == 300
    assert year.row["pct_change"] == pytest.approx(((360 / 365) / (300 / 366) - 1) * 100)
    assert year.row["rate_per_100k"] == pytest.approx(360 / 867_457 * 100_000)
    assert year.summary.comparison_note == "vs the year before (2024)"


def test_a_profile_needs_a_county(crime_db):
    with pytest.raises(ValueError, match="needs a county"):
        county_crime_profile(Scope(PERIOD, Audience.INTERNAL), engine=crime_db)


# --- the page on those known inputs ----------------------------------------------------------


def _metric(at, label: str):
    found = [m for m in at.metric if m.label == label]
    assert found, f"no {label!r} card; cards: {[m.label for m in at.metric]}"
    return found[0]


def _crime_page(crime_db, monkeypatch, county: str, first: str = "2025-11",
                last: str = "2026-10", **params):
    url = crime_db.url.render_as_string(hide_password=False)
    at = _page(url, monkeypatch, county=county, **{"from": first, "to": last}, **params)
    assert not problems(at), "\n".join(problems(at))
    return at


def test_page_shows_the_figures_with_what_they_cover(crime_db, monkeypatch):
    at = _crime_page(crime_db, monkeypatch, "023")
    crimes = _metric(at, "Crimes")
    assert crimes.value == "210"
    assert crimes.delta == "+17% vs 180"
    assert _metric(at, "Per 100,000").value == "22.7"
    captions = " ".join(c.value for c in at.caption)
    assert "210 vs 180 crimes, like for like: +17%, no clear change." in captions
    assert "data for all 12 months" in captions
    assert "vs the same months a year earlier (Nov 2024 – Oct 2025)" in captions
    assert "Kenya 22.7" in captions
    reasons = [m.value for m in at.markdown if "Robbery in Turkana" in m.value]
    assert reasons and "40 in Oct 2026" in reasons[0]
    at.segmented_control(key="profile_categories_view").set_value("table").run()
    categories = _table(at, "is it real?").set_index("category")
    assert categories.loc["Robbery", "Nov 2025 – Oct 2026"] == "150"
    assert categories.loc["Robbery", "Nov 2024 – Oct 2025"] == "120"


def test_page_draws_a_missing_month_as_a_gap(crime_db, monkeypatch):
    at = _crime_page(crime_db, monkeypatch, "024")
    assert _metric(at, "Crimes").value == "88"
    assert _metric(at, "Per 100,000").value == "—"
    captions = " ".join(c.value for c in at.caption)
    assert "West Pokot no rate (data for 11 of 12 months)" in captions
    at.segmented_control(key="profile_rates_view").set_value("table").run()
    rates = _table(at, "rate per 100,000")
    mine = rates[rates["area"] == "West Pokot"].set_index("month")
    assert mine.loc["Mar 2026", "crimes"] == "No data"
    assert math.isnan(mine.loc["Mar 2026", "rate per 100,000"])
    assert mine.loc["Feb 2026", "crimes"] == "8"


def test_page_says_yearly_figures_only_instead_of_zero(crime_db, monkeypatch):
    at = _crime_page(crime_db, monkeypatch, "009")
    assert not [m for m in at.metric if m.label in ("Crimes", "Per 100,000")]  # no 0
    assert any(i.value.startswith("Crimes: yearly figures only") for i in at.info)
    assert any("yearly figures only" in i.value for i in at.info if "Monthly" in i.value)

    at = _crime_page(crime_db, monkeypatch, "009", first="2025-01", last="2025-12")
    crimes = _metric(at, "Crimes")
    assert crimes.value == "360"
    assert crimes.delta == "+20% vs 300"


def test_page_leaves_a_month_to_date_out_of_the_monthly_lines(crime_db, monkeypatch):
    at = _crime_page(crime_db, monkeypatch, "023", first="2025-12", last="2026-11")
    captions = " ".join(c.value for c in at.caption)
    assert "Nov 2026 is still running (to day 15)" in captions
    at.segmented_control(key="profile_rates_view").set_value("table").run()
    months = set(_table(at, "rate per 100,000")["month"])
    assert "Oct 2026" in months and "Nov 2026" not in months
