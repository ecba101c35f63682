"""The county profile: its queries on a small hand-built database, and the page itself
(AppTest on the shared demo database) for several filter combinations and deep links.

Fixture (West Pokot, 024), worked by hand:

- one forum on 10 Apr 2025 raising 6 cattle-rustling, 2 GBV and 1 banditry concerns; a
  drugs concern from a chief's report (not a forum concern); one Mombasa forum concern;
- commitments, status as of 31 Dec 2025:
  c1 cattle rustling, due 30 Jun 2025, in progress → overdue by 184 days;
  c2 cattle rustling, due 1 Dec 2025, fulfilled on 15 Nov 2025;
  c3 GBV (sensitive), due 1 Mar 2026, no update → unverified;
  c4 banditry, due 30 Sep 2025, not fulfilled (closed, never overdue);
  c5 cattle rustling, no due date, stalled.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema as s
from data_access.commitments import WITHHELD_TITLE
from data_access.county_profile import (
    commitment_list,
    commitment_status_counts,
    concerns_by_theme,
)
from data_access.engine import bump_data_version, new_source
from tests.apptest_helpers import problems, run_page

AS_OF = dt.date(2025, 12, 31)
YEAR_2025 = {"start": dt.date(2025, 1, 1), "end": AS_OF}
POKOT = ("024",)


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


def test_concerns_by_theme_counts_forum_concerns_only(forum_db):
    out = concerns_by_theme(engine=forum_db, **YEAR_2025, county_codes=POKOT).set_index(
        "theme_code")
    assert len(out) == 13  # every theme listed
    assert out.loc["cattle_rustling", "concerns"] == 6
    assert out.loc["banditry", "concerns"] == 1
    assert out.loc["drugs", "concerns"] == 0  # raised in a chief's report, not at a forum
    assert out.loc["maritime_security", "concerns"] == 0  # Mombasa's
    # GBV is sensitive: 2 reads "<5" even off the public screen.
    assert math.isnan(out.loc["gbv", "concerns"]) and out.loc["gbv", "concerns_display"] == "<5"
    assert out.loc["cattle_rustling", "share"] == pytest.approx(6 / 9)
    assert out.index[0] == "cattle_rustling"  # most raised first


def test_concerns_by_theme_public_mode(forum_db):
    out = concerns_by_theme(engine=forum_db, **YEAR_2025, county_codes=POKOT,
                            public=True).set_index("theme_code")
    assert out.loc["cattle_rustling", "concerns"] == 6
    assert out.loc["banditry", "concerns_display"] == "<5"
    assert math.isnan(out.loc["banditry", "share"])
    assert "summary" not in out.columns


def test_concerns_by_theme_filters_and_period(forum_db):
    out = concerns_by_theme(engine=forum_db, **YEAR_2025, county_codes=POKOT,
                            themes=("cattle_rustling",))
    assert list(out["theme_code"]) == ["cattle_rustling"] and out["concerns"].item() == 6
    before = concerns_by_theme(engine=forum_db, start=dt.date(2025, 1, 1),
                               end=dt.date(2025, 4, 9), county_codes=POKOT)
    assert before["concerns"].sum() == 0


# --- commitments ---------------------------------------------------------------------------


def test_status_counts_as_of_a_date(forum_db):
    out = commitment_status_counts(engine=forum_db, as_of=AS_OF, county_codes=POKOT)
    got = dict(zip(out["status"], out["commitments"]))
    assert got == {"unverified": 1, "not_started": 0, "in_progress": 1, "stalled": 1,
                   "partly_fulfilled": 0, "fulfilled": 1, "not_fulfilled": 1}
    assert dict(zip(out["status"], out["overdue"]))["in_progress"] == 1
    assert out["overdue"].sum() == 1
    assert list(out["label_sw"])[0] == "Haijathibitishwa"
    # Earlier, before c2 was fulfilled and c4 closed: both were still in progress.
    mid = commitment_status_counts(engine=forum_db, as_of=dt.date(2025, 9, 1),
                                   county_codes=POKOT)
    assert dict(zip(mid["status"], mid["commitments"]))["in_progress"] == 2


def test_status_counts_public_mode_hides_small_counts(forum_db):
    out = commitment_status_counts(engine=forum_db, as_of=AS_OF, county_codes=POKOT,
                                   public=True)
    assert out["commitments"].isna().sum() == 5  # every status with 1 commitment
    assert set(out.loc[out["commitments"].isna(), "commitments_display"]) == {"<5"}
    zero = out.set_index("status").loc["not_started"]
    assert zero["commitments"] == 0 and zero["commitments_display"] == "0"


def test_commitment_list_order_and_overdue(forum_db):
    out = commitment_list(engine=forum_db, as_of=AS_OF, county_codes=POKOT)
    assert list(out["commitment_id"]) == [1, 3, 5, 4, 2]
    first = out.iloc[0]
    assert bool(first["overdue"]) and first["days_overdue"] == 184
    assert first["status_label"] == "In progress"
    assert out.loc[out["commitment_id"] == 3, "title"].item() == (
        "Safe house for survivors in Kapenguria")
    assert not {"concern_summary", "summary", "evidence", "note"} & set(out.columns)
    assert out["forum_edition"].unique().tolist() == ["North Rift Edition"]


def test_commitment_list_public_mode_withholds_sensitive_titles(forum_db):
    out = commitment_list(engine=forum_db, as_of=AS_OF, county_codes=POKOT, public=True)
    titles = dict(zip(out["commitment_id"], out["title"]))
    assert titles[3] == WITHHELD_TITLE
    assert titles[1] == "Police post at Kanyarkwat"


@pytest.mark.parametrize(("call", "message"), [
    (lambda e: concerns_by_theme(engine=e, **YEAR_2025, county_codes=("048",)),
     "unknown county code"),
    (lambda e: commitment_list(engine=e, as_of=AS_OF, themes=("witchcraft",)),
     "unknown concern theme"),
    (lambda e: concerns_by_theme(engine=e, start=AS_OF, end=dt.date(2025, 1, 1)), "ends"),
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
    assert len(at.get("plotly_chart")) >= 5


def test_deep_link_to_west_pokot_shows_its_seeded_surge(demo_sqlite_url, monkeypatch):
    at = _page(demo_sqlite_url, monkeypatch, county="024")
    reasons = [m.value for m in at.markdown if "Theft of stock in West Pokot" in m.value]
    assert reasons, "the seeded West Pokot surge is not listed"
    assert "in Oct 2026" in reasons[0]


def test_public_profile_shows_no_free_text(demo_sqlite_url, monkeypatch):
    at = _page(demo_sqlite_url, monkeypatch, county="047", mode="public")
    assert not problems(at)
    commitments = _table(at, "commitment")
    assert not {"summary", "note", "evidence", "concern"} & set(commitments.columns)
    sensitive = commitments[commitments["theme"].isin(
        ["Gender-based and domestic violence", "Violent extremism and radicalisation"])]
    assert len(sensitive) and (sensitive["commitment"] == WITHHELD_TITLE).all()


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
