"""The Forums page and its figures (data_access/forums.py) on a hand-built set of forums.

The fixture (both backends through ``engine``; the page tests on SQLite):

=====  =======  ===========  ==========  ====================================================
forum  county   held on      attendance  groups (women's groups, youth, elders, religious,
                                         PWD, officials, business, civil society)
=====  =======  ===========  ==========  ====================================================
F1     Mombasa  10 Feb 2025  100         20, 30, 10, 10, 5, 15, 5, 5
F2     Mombasa  12 Aug 2025  200         30, 50, 40, 20, 10, 30, 10, 10
F3     Kwale    20 May 2025  150         no breakdown by group
F4     Nairobi  15 Jun 2025  300         60, 120, –, –, –, 60, 30, 30
=====  =======  ===========  ==========  ====================================================

Women's-group and youth share: F1 50/100, F2 80/200, F4 180/300; F3 has none (no
breakdown). Coast pooled (F1 + F2) = 130/300; Nairobi 180/300; every other region: no
forum yet. By quarter of 2025: Q1 0.5 (F1), Q2 0.6 (F4; F3 has no breakdown), Q3 0.4
(F2), Q4 none held (a gap). All 2025: 310/600.

Concerns: F1 drugs ×2, land ×1, GBV ×1; F2 drugs ×1, land ×2; F3 drugs ×1, maritime ×1;
F4 youth gangs ×3, drugs ×1. Recurring in Mombasa: drugs (F1, F2; 3 concerns) and land
(F1, F2; 3); in Coast: drugs (3 editions, 4 concerns) and land (2, 3).

Commitments (status as of 31 Dec 2025): F1 — K1 fulfilled, K2 stalled, K3 in progress
due 30 Jun 2025 (overdue), K4 unverified due 1 Mar 2025 (past due, not yet verified);
F2 — K5 fulfilled, K6 stalled due 30 Sep 2025 (stalled and overdue); F3 none;
F4 — K7 not fulfilled (closed: not overdue).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema as s
from data_access.commitment_updates import record_update
from data_access.engine import get_engine, init_db, new_source
from data_access.figures.scope import Audience
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
from data_access.privacy import NotForPublic
from tests.apptest_helpers import problems, run_page

D = dt.date
INTERNAL, PUBLIC = Audience.INTERNAL, Audience.PUBLIC
Y2025 = {"start": D(2025, 1, 1), "end": D(2025, 12, 31)}
AS_OF = D(2025, 12, 31)
GROUPS = ("womens_groups", "youth", "elders", "religious_leaders", "pwd", "officials",
          "business", "civil_society")


@dataclass(frozen=True)
class Forums:
    """Ids of the hand-built forums and commitments."""

    forums: dict[str, int]
    commitments: dict[str, int]


def _insert(conn, table, **values) -> int:
    return int(conn.execute(table.insert().values(**values)).inserted_primary_key[0])


def build_forums(engine: sa.Engine) -> Forums:
    """Write the forums of the module docstring; status updates through record_update."""
    forum_rows = {
        "F1": ("001", "Pwani Edition I", "Tononoka Hall", D(2025, 2, 10), 100,
               (20, 30, 10, 10, 5, 15, 5, 5)),
        "F2": ("001", "Pwani Edition II", "Tononoka Hall", D(2025, 8, 12), 200,
               (30, 50, 40, 20, 10, 30, 10, 10)),
        "F3": ("002", "Kwale Edition", "Kwale Stadium", D(2025, 5, 20), 150, None),
        "F4": ("047", "Nairobi Edition", "KICC", D(2025, 6, 15), 300,
               (60, 120, None, None, None, 60, 30, 30)),
    }
    concern_rows = [("F1", "drugs"), ("F1", "drugs"), ("F1", "land_disputes"), ("F1", "gbv"),
                    ("F2", "drugs"), ("F2", "land_disputes"), ("F2", "land_disputes"),
                    ("F3", "drugs"), ("F3", "maritime_security"),
                    ("F4", "youth_gangs"), ("F4", "youth_gangs"), ("F4", "youth_gangs"),
                    ("F4", "drugs")]
    # commitment: (concern index, made on, due on)
    commitment_rows = {"K1": (0, D(2025, 2, 10), D(2025, 5, 31)),
                       "K2": (1, D(2025, 2, 10), D(2026, 6, 30)),
                       "K3": (2, D(2025, 2, 10), D(2025, 6, 30)),
                       "K4": (3, D(2025, 2, 12), D(2025, 3, 1)),
                       "K5": (4, D(2025, 8, 12), D(2025, 12, 1)),
                       "K6": (5, D(2025, 8, 12), D(2025, 9, 30)),
                       "K7": (9, D(2025, 6, 15), D(2025, 7, 1))}
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="forums", name="hand-built forums")
        forums = {}
        for key, (county, edition, venue, held_on, total, groups) in forum_rows.items():
            forums[key] = _insert(conn, s.forums, external_id=key, edition=edition,
                                  county_code=county, venue=venue, held_on=held_on,
                                  attendance_total=total, source_id=src)
            if groups:
                conn.execute(s.forum_attendance.insert(), [
                    {"forum_id": forums[key], "group_code": g, "attendees": n}
                    for g, n in zip(GROUPS, groups, strict=True) if n is not None])
        concerns = []
        for i, (forum, theme) in enumerate(concern_rows):
            county, _, _, held_on, _, _ = forum_rows[forum]
            concerns.append(_insert(conn, s.concerns, external_id=f"C{i}",
                                    forum_id=forums[forum], origin="forum",
                                    county_code=county, theme_code=theme,
                                    summary=f"concern {i}", raised_by_group="youth",
                                    raised_on=held_on, source_id=src))
        commitments = {
            key: _insert(conn, s.commitments, external_id=key, concern_id=concerns[c],
                         institution_code="nps", title=f"Commitment {key}", made_on=made,
                         due_on=due, source_id=src)
            for key, (c, made, due) in commitment_rows.items()}
    history = [("K1", "fulfilled", D(2025, 5, 1)), ("K2", "in_progress", D(2025, 3, 1)),
               ("K2", "stalled", D(2025, 7, 1)), ("K3", "in_progress", D(2025, 3, 1)),
               ("K5", "fulfilled", D(2025, 11, 1)), ("K6", "stalled", D(2025, 9, 1)),
               ("K7", "not_fulfilled", D(2025, 8, 1))]
    versions = dict.fromkeys(commitments, 0)
    for key, status, day in history:
        result = record_update(commitment_id=commitments[key], status=status, updated_on=day,
                               expected_version=versions[key], recorded_by="Test clerk",
                               evidence=f"report {key}" if status == "fulfilled" else None,
                               today=D(2026, 11, 15), engine=engine)
        versions[key] = result.version
    return Forums(forums=forums, commitments=commitments)


@pytest.fixture
def built(engine: sa.Engine) -> Forums:
    return build_forums(engine)


# --- editions: map and timeline ---------------------------------------------------------


def test_forums_by_county_says_no_forum_yet_not_zero(engine, built) -> None:
    out = forums_by_area(**Y2025, audience=INTERNAL, engine=engine).set_index("county_code")
    assert len(out) == 47
    assert out.loc["001", ["forums", "forums_to_date", "status", "forums_display"]].tolist() \
        == [2, 2, "held", "2"]
    assert out.loc["002", "forums"] == 1 and out.loc["047", "forums"] == 1
    # Kilifi never had a forum: "no forum yet", no value for the map (grey), never 0.
    kilifi = out.loc["003"]
    assert kilifi["status"] == NO_FORUM_YET and kilifi["forums_display"] == NO_FORUM_YET
    assert pd.isna(kilifi["forums_shown"])
    # 2026: Mombasa held forums before, none in the period: 0, not "no forum yet".
    later = forums_by_area(start=D(2026, 1, 1), end=D(2026, 6, 30), audience=INTERNAL,
                           engine=engine).set_index("county_code")
    assert later.loc["001", ["forums", "forums_to_date", "status", "forums_display"]].tolist() \
        == [0, 2, NONE_IN_PERIOD, "0"]
    assert later.loc["001", "forums_shown"] == 0
    # The totals (KPI cards) say the same, for any audience.
    def status(codes, audience, **period):
        return forum_totals(county_codes=codes, audience=audience, engine=engine,
                            **period).iloc[0]["status"]

    for audience in (INTERNAL, PUBLIC):
        assert status(("003",), audience, **Y2025) == NO_FORUM_YET
        assert status(("001",), audience, start=D(2026, 1, 1), end=D(2026, 6, 30)) == \
            NONE_IN_PERIOD
        assert status(("001", "003"), audience, **Y2025) == "held"
    # Before any forum: every county has none yet.
    early = forums_by_area(start=D(2024, 1, 1), end=D(2024, 12, 31), audience=INTERNAL,
                           engine=engine)
    assert set(early["status"]) == {NO_FORUM_YET}


def test_forums_by_region_and_public_is_the_same(engine, built) -> None:
    kw = {**Y2025, "level": "region", "engine": engine}
    internal = forums_by_area(audience=INTERNAL, **kw).set_index("region_code")
    assert internal.loc["coast", "forums"] == 3 and internal.loc["nairobi", "forums"] == 1
    assert internal.loc["central", "status"] == NO_FORUM_YET
    # Forums held are public events: the same figures on a public screen.
    pd.testing.assert_frame_equal(forums_by_area(audience=PUBLIC, **kw).set_index(
        "region_code"), internal)
    coast = forums_by_area(**Y2025, level="region", county_codes=("001", "002"),
                           audience=INTERNAL, engine=engine)
    assert coast["region_code"].tolist() == ["coast"]


def test_timeline_internal_lists_forums_public_counts_region_months(engine, built) -> None:
    internal = forum_timeline(**Y2025, audience=INTERNAL, engine=engine)
    assert internal["edition"].tolist() == ["Pwani Edition I", "Kwale Edition",
                                            "Nairobi Edition", "Pwani Edition II"]
    assert internal["region"].tolist() == ["Coast", "Coast", "Nairobi", "Coast"]
    assert internal["attendance_total"].tolist() == [100, 150, 300, 200]
    public = forum_timeline(**Y2025, audience=PUBLIC, engine=engine)
    assert set(public.columns) == {"region_code", "region", "region_sw", "held_on", "forums"}
    assert public[["region_code", "held_on", "forums"]].values.tolist() == [
        ["coast", pd.Timestamp("2025-02-01"), 1], ["coast", pd.Timestamp("2025-05-01"), 1],
        ["nairobi", pd.Timestamp("2025-06-01"), 1], ["coast", pd.Timestamp("2025-08-01"), 1]]


# --- attendance by group and the women's-group and youth share ----------------------------


def test_attendance_by_group_of_one_forum(engine, built) -> None:
    out = attendance_by_group(**Y2025, forum_id=built.forums["F1"], audience=INTERNAL,
                              engine=engine).set_index("group_code")
    assert out.index.tolist() == list(GROUPS)  # women's groups and youth first
    assert out.loc["womens_groups", "attendees"] == 20 and out.loc["youth", "attendees"] == 30
    assert out.loc["womens_groups", "share"] == pytest.approx(0.20)
    assert out.loc["pwd", "share"] == pytest.approx(0.05)
    assert out["share"].sum() == pytest.approx(1.0)
    assert out["recorded"].eq(100).all()
    assert out.loc[["womens_groups", "youth"], "women_youth"].all()
    assert not out.drop(index=["womens_groups", "youth"])["women_youth"].any()
    # A forum whose groups were not recorded: missing, not 0.
    f3 = attendance_by_group(**Y2025, forum_id=built.forums["F3"], audience=INTERNAL,
                             engine=engine)
    assert f3["attendees"].isna().all() and f3["share"].isna().all()
    # F4 recorded five groups: the other three are 0 (recorded as none), not missing.
    f4 = attendance_by_group(**Y2025, forum_id=built.forums["F4"], audience=INTERNAL,
                             engine=engine).set_index("group_code")
    assert f4.loc["elders", "attendees"] == 0 and f4.loc["youth", "share"] == pytest.approx(0.4)


def test_attendance_by_group_over_forums(engine, built) -> None:
    out = attendance_by_group(**Y2025, audience=INTERNAL, engine=engine).set_index("group_code")
    assert out.loc[list(GROUPS), "attendees"].tolist() == [110, 200, 50, 30, 15, 105, 45, 45]
    assert out["recorded"].eq(600).all()
    assert out.loc["youth", "share"] == pytest.approx(200 / 600)
    per_forum = attendance_by_group(**Y2025, by_forum=True, audience=INTERNAL, engine=engine)
    assert len(per_forum) == 4 * 8
    f3 = per_forum[per_forum["forum_id"] == built.forums["F3"]]
    assert f3["attendees"].isna().all()
    f1 = per_forum[per_forum["forum_id"] == built.forums["F1"]].set_index("group_code")
    assert f1.loc["elders", "share"] == pytest.approx(0.10)
    coast = attendance_by_group(**Y2025, county_codes=("001",), audience=INTERNAL,
                                engine=engine).set_index("group_code")
    assert coast.loc["womens_groups", "attendees"] == 50 and coast["recorded"].eq(300).all()


def test_women_youth_share_overall_per_forum_and_by_region(engine, built) -> None:
    kw = {**Y2025, "audience": INTERNAL, "engine": engine}
    overall = women_youth_share(**kw).iloc[0]
    assert overall["share"] == pytest.approx(310 / 600)
    assert (overall["forums"], overall["forums_with_groups"]) == (4, 3)
    per = women_youth_share(by="forum", **kw).set_index("edition")
    assert per.loc["Pwani Edition I", "share"] == pytest.approx(0.5)
    assert per.loc["Pwani Edition II", "share"] == pytest.approx(0.4)
    assert per.loc["Nairobi Edition", "share"] == pytest.approx(0.6)
    assert pd.isna(per.loc["Kwale Edition", "share"])
    assert per.loc["Kwale Edition", "note"] == NO_GROUPS
    region = women_youth_share(by="region", **kw).set_index("region_code")
    assert len(region) == 8
    # Pooled, a ratio of sums (130/300), not the mean of the forums' shares (0.45).
    assert region.loc["coast", "share"] == pytest.approx(130 / 300)
    assert region.loc["coast", ["forums", "forums_with_groups"]].tolist() == [3, 2]
    assert region.loc["nairobi", "share"] == pytest.approx(0.6)
    # A region with no forum yet has no share and says so: never 0.
    assert pd.isna(region.loc["central", "share"])
    assert region.loc["central", "note"] == NO_FORUM_YET
    assert region.loc["central", "forums"] == 0


def test_women_youth_share_over_time(engine, built) -> None:
    kw = {**Y2025, "audience": INTERNAL, "engine": engine}
    q = women_youth_share(by="quarter", **kw)
    assert q["quarter"].tolist() == [pd.Timestamp(f"2025-{m:02d}-01") for m in (1, 4, 7, 10)]
    assert q["share"].tolist()[:3] == pytest.approx([0.5, 0.6, 0.4])
    assert pd.isna(q["share"].iloc[3]) and q["note"].iloc[3] == "no forum in quarter"
    assert q["forums"].tolist() == [1, 2, 1, 0]
    rq = women_youth_share(by="region_quarter", **kw)
    assert rq[["region_code", "quarter"]].values.tolist() == [
        ["coast", pd.Timestamp("2025-01-01")], ["coast", pd.Timestamp("2025-04-01")],
        ["nairobi", pd.Timestamp("2025-04-01")], ["coast", pd.Timestamp("2025-07-01")]]
    # Coast in Q2: only Kwale, with no breakdown: no share (a gap), not 0.
    assert pd.isna(rq["share"].iloc[1]) and rq["note"].iloc[1] == NO_GROUPS
    assert rq["share"].iloc[[0, 2, 3]].tolist() == pytest.approx([0.5, 0.6, 0.4])


# --- concerns by theme and recurring themes ---------------------------------------------------


def test_concerns_by_theme_per_forum_and_region(engine, built) -> None:
    kw = {**Y2025, "audience": INTERNAL, "engine": engine}
    f1 = forum_concern_themes(forum_id=built.forums["F1"], **kw)
    assert f1["theme_code"].tolist() == ["drugs", "gbv", "land_disputes"]
    shown = dict(zip(f1["theme_code"], f1["concerns_display"], strict=True))
    # GBV is sensitive: one concern reads "<5", its count is hidden.
    assert shown == {"drugs": "2", "land_disputes": "1", "gbv": "<5"}
    assert pd.isna(f1.set_index("theme_code").loc["gbv", "concerns"])
    region = forum_concern_themes(by="region", **kw)
    cells = {(r, t): d for r, t, d in zip(region["region_code"], region["theme_code"],
                                          region["concerns_display"], strict=True)}
    assert cells == {("coast", "drugs"): "4", ("coast", "land_disputes"): "3",
                     ("coast", "gbv"): "<5", ("coast", "maritime_security"): "1",
                     ("nairobi", "youth_gangs"): "3", ("nairobi", "drugs"): "1"}
    # The theme filter reaches the forums' concerns.
    only = forum_concern_themes(by="region", themes=("drugs",), **kw)
    assert set(only["theme_code"]) == {"drugs"}


def test_recurring_themes(engine, built) -> None:
    kw = {"end": D(2025, 12, 31), "audience": INTERNAL, "engine": engine}
    county = recurring_themes(level="county", **kw)
    assert county[["area", "theme_code", "editions", "editions_held", "concerns"]
                  ].values.tolist() == [["Mombasa", "drugs", 2, 2, 3],
                                        ["Mombasa", "land_disputes", 2, 2, 3]]
    region = recurring_themes(level="region", **kw)
    assert region[["area", "theme_code", "editions", "editions_held", "concerns"]
                  ].values.tolist() == [["Coast", "drugs", 3, 3, 4],
                                        ["Coast", "land_disputes", 2, 3, 3]]
    assert region["first_raised"].iloc[0] == pd.Timestamp("2025-02-10")
    assert region["last_raised"].iloc[0] == pd.Timestamp("2025-08-12")
    # Up to June 2025 Mombasa had held one edition: nothing recurs there yet.
    assert recurring_themes(level="county", end=D(2025, 6, 30), audience=INTERNAL,
                            engine=engine).empty


# --- commitments per forum ---------------------------------------------------------------------


def test_commitments_fulfilled_stalled_overdue_per_forum(engine, built) -> None:
    out = forum_commitments(**Y2025, as_of=AS_OF, audience=INTERNAL,
                            engine=engine).set_index("edition")
    cols = ["concerns", "made", "fulfilled", "stalled", "overdue", "past_due_unverified",
            "unverified", "open"]
    assert out.loc["Pwani Edition I", cols].tolist() == [4, 4, 1, 1, 1, 1, 1, 3]
    # K6 is stalled and past its due date: stalled, and overdue too.
    assert out.loc["Pwani Edition II", cols].tolist() == [3, 2, 1, 1, 1, 0, 0, 1]
    assert out.loc["Kwale Edition", cols].tolist() == [2, 0, 0, 0, 0, 0, 0, 0]
    # K7 was not fulfilled: closed, so never overdue.
    assert out.loc["Nairobi Edition", cols].tolist() == [4, 1, 0, 0, 0, 0, 0, 0]
    # The stacked bar's parts: each commitment once.
    parts = ["fulfilled", "stalled", "overdue_not_stalled", "other"]
    assert out.loc["Pwani Edition II", parts].tolist() == [1, 1, 0, 0]
    assert out.loc["Pwani Edition I", parts].tolist() == [1, 1, 1, 1]
    assert out.index.tolist() == ["Pwani Edition II", "Nairobi Edition", "Kwale Edition",
                                  "Pwani Edition I"]  # newest first
    # Earlier status: on 30 Jun 2025 K2 was in progress, not stalled; K3 not yet overdue.
    june = forum_commitments(**Y2025, as_of=D(2025, 6, 30), audience=INTERNAL,
                             engine=engine).set_index("edition")
    assert june.loc["Pwani Edition I", ["fulfilled", "stalled", "overdue"]].tolist() == \
        [1, 0, 0]
    one = forum_commitments(**Y2025, as_of=AS_OF, forum_id=built.forums["F2"],
                            audience=INTERNAL, engine=engine)
    assert one["edition"].tolist() == ["Pwani Edition II"] and one["made"].iloc[0] == 2


def test_people_and_records_are_not_for_public_screens(engine, built) -> None:
    kw = {**Y2025, "audience": PUBLIC, "engine": engine}
    calls = {
        "attendance": lambda: attendance_by_group(**kw),
        "attendance of a forum": lambda: attendance_by_group(forum_id=built.forums["F1"],
                                                              **kw),
        "share": lambda: women_youth_share(by="region", **kw),
        "themes": lambda: forum_concern_themes(by="region", **kw),
        "recurring": lambda: recurring_themes(end=D(2025, 12, 31), audience=PUBLIC,
                                              engine=engine),
        "commitments": lambda: forum_commitments(as_of=AS_OF, **kw),
    }
    for name, call in calls.items():
        with pytest.raises(NotForPublic):
            call()
        assert name


def test_audience_is_required(engine, built) -> None:
    with pytest.raises(TypeError):
        forums_by_area(**Y2025, engine=engine)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        women_youth_share(**Y2025, engine=engine, audience=True)  # type: ignore[arg-type]


# --- the page (AppTest through app.py, on SQLite) -------------------------------------------

PERIOD = {"from": "2025-02", "to": "2025-12"}  # the data begin in Feb 2025


@pytest.fixture
def app_url(sqlite_url: str) -> tuple[str, Forums]:
    """A SQLite file holding only the hand-built forums."""
    eng = get_engine(sqlite_url)
    init_db(eng)
    return sqlite_url, build_forums(eng)


def _open(url: str, monkeypatch, **params: str):
    at = run_page(url, monkeypatch, "forums.py", **params)
    assert not problems(at), problems(at)
    return at


def _metrics(at) -> list[tuple[str, str, str]]:
    return [(m.label, m.value, m.delta) for m in at.metric]


def _table(at, key: str) -> list[pd.DataFrame]:
    """Switch the chart ``key`` to its table; every table now on the page."""
    at.segmented_control(key=f"{key}_view").set_value("table").run()
    assert not problems(at), problems(at)
    return [d.value for d in at.dataframe]


def test_page_opens_a_forum_from_the_url_and_keeps_the_pick(app_url, monkeypatch) -> None:
    url, ids = app_url
    at = _open(url, monkeypatch, forum=str(ids.forums["F1"]), **PERIOD)
    assert _metrics(at) == [
        ("Forums held", "4", ""), ("Attendance", "750", ""),
        ("Women's groups + youth", "52%", "3 of 4 forums recorded by group"),
        # F1: 100 attended, 50 of them women's groups and youth; status as of today
        # (15 Nov 2026): K2 (stalled, due 30 Jun 2026) is now overdue too.
        ("Attendance", "100", ""), ("Women's groups + youth", "50%", ""),
        ("Commitments made", "4", "4 concerns raised"), ("Fulfilled", "1", "1 stalled"),
        ("Overdue", "2", "1 past due, unverified")]
    assert "Pwani Edition I — Mombasa" in [h.value for h in at.subheader]
    assert at.query_params["forum"] == str(ids.forums["F1"])
    # The attendance-by-group table of the forum: the 8 groups, shares of 100.
    frames = _table(at, "fo_attendance")
    groups = next(fr for fr in frames if "group" in fr.columns)
    assert dict(zip(groups["group"], groups["Attendees"], strict=True)) == {
        "Religious leaders": "10", "Elders": "10", "Youth": "30", "Women's groups": "20",
        "Government officials": "15", "Business community": "5",
        "Persons with disabilities": "5", "Civil society": "5"}
    assert groups["Share %"].tolist() == [20.0, 30.0, 10.0, 10.0, 5.0, 15.0, 5.0, 5.0]
    # Picking another forum updates the URL; a forum with no breakdown says so.
    at.selectbox(key="fo_forum").set_value(ids.forums["F3"]).run()
    assert not problems(at), problems(at)
    assert at.query_params["forum"] == str(ids.forums["F3"])
    assert "This forum recorded no attendance by group (missing, not 0)." in \
        [c.value for c in at.caption]
    assert ("Women's groups + youth", "—", "") in _metrics(at)


def test_page_map_says_no_forum_yet_not_zero(app_url, monkeypatch) -> None:
    url, _ = app_url
    at = _open(url, monkeypatch, region="coast", **PERIOD)
    frames = _table(at, "fo_map")
    table = next(fr for fr in frames if "county" in fr.columns).set_index("county")
    held = table["Forums held in the period"]
    assert held["Mombasa"] == "2" and held["Kwale"] == "1"
    assert held["Kilifi"] == "No forum yet" and held["Lamu"] == "No forum yet"
    # The region with no forum at all: "No forum yet" on the card, not 0.
    central = _open(url, monkeypatch, region="central", **PERIOD)
    assert _metrics(central)[:2] == [("Forums held", "No forum yet", ""),
                                     ("Attendance", "—", "")]
    assert "No forum yet in Central region: none has been held there." in \
        [i.value for i in central.info]
    # Mombasa in 2026: forums were held before, none in the period: 0.
    later = _open(url, monkeypatch, county="001", **{"from": "2026-01", "to": "2026-06"})
    assert _metrics(later)[0] == ("Forums held", "0", "")


def test_page_share_by_region_and_commitments_per_forum(app_url, monkeypatch) -> None:
    url, _ = app_url
    at = _open(url, monkeypatch, **PERIOD)
    frames = _table(at, "fo_wy_region")
    region = next(fr for fr in frames if "region" in fr.columns and
                  "Women's groups + youth" in fr.columns).set_index("region")
    assert region.loc["Coast", "Women's groups + youth"] == "43%"  # 130 / 300
    assert region.loc["Nairobi", "Women's groups + youth"] == "60%"
    assert region.loc["Central", "Women's groups + youth"] == "No forum yet"
    at.segmented_control(key="fo_region_themes_view").set_value("table").run()
    at.segmented_control(key="fo_commitments_view").set_value("table").run()
    assert not problems(at), problems(at)
    frames = [d.value for d in at.dataframe]
    per_forum = next(fr for fr in frames if "forum" in fr.columns).set_index("forum")
    f2 = per_forum.loc["Pwani Edition II (Mombasa, Aug 2025)"]
    assert (f2["Commitments made"], f2["Fulfilled"], f2["Stalled"], f2["Overdue"]) == \
        ("2", "1", "1", "1")
    assert per_forum.loc["Kwale Edition (Kwale, May 2025)", "Commitments made"] == "0"
    themes = next(fr for fr in frames if "theme" in fr.columns and "region" in fr.columns)
    cells = dict(zip(zip(themes["region"], themes["theme"], strict=True),
                     themes["Concerns raised"], strict=True))
    assert cells[("Coast", "Gender-based and domestic violence")] == "<5"
    assert cells[("Coast", "Drugs, illicit brews and substance abuse")] == "4"
    # Recurring themes (a table), by county and by region.
    recur = next(d.value for d in at.dataframe if "Editions" in d.value.columns)
    assert recur["County"].tolist() == ["Mombasa", "Mombasa"]
    assert recur["Editions"].tolist() == ["2 of 2", "2 of 2"]
    at.segmented_control(key="fo_recur_level").set_value("region").run()
    recur = next(d.value for d in at.dataframe if "Editions" in d.value.columns)
    assert recur[["Region", "Editions"]].values.tolist() == [["Coast", "3 of 3"],
                                                             ["Coast", "2 of 3"]]


def test_page_in_kiswahili(app_url, monkeypatch) -> None:
    url, _ = app_url
    at = _open(url, monkeypatch, lang="sw", **PERIOD)
    assert at.title[0].value == "Mabaraza: kila toleo lilisikia nini"
    assert "Mahudhurio kwa makundi" in [h.value for h in at.subheader]
    assert [m.label for m in at.metric][:2] == ["Mabaraza yaliyofanyika", "Waliohudhuria"]


def test_page_on_a_public_screen(app_url, monkeypatch) -> None:
    url, ids = app_url
    at = _open(url, monkeypatch, mode="public", forum=str(ids.forums["F1"]), **PERIOD)
    assert _metrics(at) == [("Forums held", "4", ""), ("Attendance", "750", "")]
    assert "fo_forum" not in [s.key for s in at.selectbox]
    everything = "\n".join([*(h.value for h in at.subheader), *(c.value for c in at.caption),
                             *(m.value for m in at.markdown), *(i.value for i in at.info),
                             *(d.value.to_csv() for d in at.dataframe)])
    for private in ("Pwani Edition", "Tononoka", "Kwale Edition", "Nairobi Edition",
                    "Women's groups + youth", "concern 0"):
        assert private not in everything, private
    assert any("attendance by group" in i.value for i in at.info)
    frames = [d.value for d in at.dataframe]
    concerns = next(fr for fr in frames if "At forums" in fr.columns).set_index("region")
    # Region cells, all themes, to date: Coast 9 at forums; Nairobi's 4 read "<5".
    assert concerns.loc["Coast", "At forums"] == "9"
    assert concerns.loc["Nairobi", "At forums"] == "<5"
    # The public timeline: region × month counts, no editions.
    frames = _table(at, "fo_timeline")
    timeline = next(fr for fr in frames if "month" in fr.columns)
    assert timeline[["region", "month", "Forums held"]].values.tolist() == [
        ["Coast", "2025-02", 1], ["Coast", "2025-05", 1], ["Nairobi", "2025-06", 1],
        ["Coast", "2025-08", 1]]
