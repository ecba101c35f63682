"""Commitment numbers pinned on a small hand-built chain (docs/METHODS.md, "Commitments").

The fixture (``build_chain``) writes three origins, four concerns and nine commitments
through ``data_access`` — forums/concerns/commitments with the schema tables and every
status update through ``record_update`` — so each rate, count and median below can be
worked out by hand:

    origin (held/raised)         concern            commitment  made   due    history
    F1 Pwani, Mombasa 15 Jan 25  C1 drugs           K1 NACADA   15 Jan 31 Mar  in_progress 1 Feb,
                                                                              fulfilled 20 Mar
                                                    K2 NPS      15 Jan 28 Feb  fulfilled 15 Apr
                                 C2 gbv (sensitive) K3 Gender   15 Jan 30 Apr  partly 1 May
                                                    K4 NPS      20 Jan  1 Jun  (none: unverified)
    F2 Nairobi 10 Mar 25         C4 youth gangs     K5 County   10 Mar 31 May  not_fulfilled 15 Jun,
                                                                              stalled 1 Apr
                                                                              (recorded late)
                                                    K6 NPS      10 Mar 31 Dec  in_progress 10 Apr,
                                                                              fulfilled 10 Jul
                                                    K9 NPS       5 Jul 30 Sep  (made after June)
    chief's report, Garissa      C3 ID delays       K7 NRB       5 Feb  —      fulfilled 25 Feb
      raised 1 Feb 25                               K8 NRB       5 Feb 31 Mar  fulfilled 1 Mar,
                                                                              stalled 1 Apr,
                                                                              fulfilled 20 Jun

As of 30 June 2025: K1, K2, K7, K8 fulfilled; K3 partly; K4 unverified; K5 not fulfilled;
K6 in progress; K9 not yet made. Overdue: K3 (61 days). K4 is past its due date by 29
days but still unverified: "past due, not yet verified", counted apart and never overdue
(an unverified commitment is never a failure).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_access import reference
from data_access import schema as s
from data_access.commitment_updates import record_update
from data_access.commitments import (
    COUNT_COLUMNS,
    PUBLIC_BREAKDOWNS,
    PUBLIC_CELL_KEYS,
    RATE_COLUMNS,
    commitment_cells,
    commitment_totals,
    commitments_as_of,
    commitments_export,
    forum_fulfilment,
    fulfilment_curve,
    history_export,
    institution_region_matrix,
    overdue_commitments,
    public_frame,
    resolution_by,
    resolution_by_region,
    summarise_by,
)
from data_access.engine import bump_data_version, get_engine, init_db, new_source
from data_access.figures.scope import Audience, Period, Scope
from data_access.hotspots import county_resolution
from data_access.metrics import median_days_to_fulfil, on_time_counts, on_time_share
from data_access.privacy import NotForPublic, hidden_estimate
from data_access.safe_csv import to_xlsx_bytes
from tests.apptest_helpers import open_deep_link
from ui.i18n import t

D = dt.date
INTERNAL, PUBLIC = Audience.INTERNAL, Audience.PUBLIC
AS_OF = D(2025, 6, 30)
TODAY = D(2025, 12, 31)


@dataclass(frozen=True)
class Chain:
    """Ids of the hand-built chain: forums F1, F2; concerns C1–C4; commitments K1–K9."""

    forums: dict[str, int]
    concerns: dict[str, int]
    commitments: dict[str, int]


def _insert(conn, table, **values) -> int:
    return int(conn.execute(table.insert().values(**values)).inserted_primary_key[0])


def build_chain(engine: sa.Engine) -> Chain:
    """Write the chain in the module docstring; status updates go through record_update."""
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="forums", name="hand-built test chain")
        forums = {
            "F1": _insert(conn, s.forums, external_id="F1", edition="Pwani Edition",
                          county_code="001", venue="Tononoka Hall", held_on=D(2025, 1, 15),
                          attendance_total=420, source_id=src),
            "F2": _insert(conn, s.forums, external_id="F2", edition="Nairobi Edition",
                          county_code="047", venue="KICC", held_on=D(2025, 3, 10),
                          attendance_total=800, source_id=src),
        }
        conn.execute(s.forum_attendance.insert(), [
            {"forum_id": forums["F1"], "group_code": "youth", "attendees": 250},
            {"forum_id": forums["F1"], "group_code": "elders", "attendees": 170},
        ])
        concern_rows = {
            "C1": ("F1", "001", "drugs", "Illicit brews sold near schools", D(2025, 1, 15)),
            "C2": ("F1", "001", "gbv", "Survivors of assault in Likoni turned away",
                   D(2025, 1, 15)),
            "C3": (None, "007", "id_delays", "ID cards delayed for a year", D(2025, 2, 1)),
            "C4": ("F2", "047", "youth_gangs", "Gangs rob commuters at night", D(2025, 3, 10)),
        }
        concerns = {
            key: _insert(conn, s.concerns, external_id=key,
                         forum_id=forums[f] if f else None,
                         origin="forum" if f else "chief_report", county_code=county,
                         theme_code=theme, summary=summary, raised_by_group="youth",
                         raised_on=raised, source_id=src)
            for key, (f, county, theme, summary, raised) in concern_rows.items()
        }
        commitment_rows = {
            "K1": ("C1", "nacada", "Anti-narcotics task force", D(2025, 1, 15), D(2025, 3, 31)),
            "K2": ("C1", "nps", "Night patrols near schools", D(2025, 1, 15), D(2025, 2, 28)),
            "K3": ("C2", "gender", "GBV desk at Likoni station", D(2025, 1, 15), D(2025, 4, 30)),
            "K4": ("C2", "nps", "Gender desk officers trained", D(2025, 1, 20), D(2025, 6, 1)),
            "K5": ("C4", "county_gov", "Street lighting in Mathare", D(2025, 3, 10),
                   D(2025, 5, 31)),
            "K6": ("C4", "nps", "Police post at the bus stage", D(2025, 3, 10), D(2025, 12, 31)),
            "K7": ("C3", "nrb", "Mobile ID registration drive", D(2025, 2, 5), None),
            "K8": ("C3", "nrb", "Clear the ID backlog", D(2025, 2, 5), D(2025, 3, 31)),
            "K9": ("C4", "nps", "Youth hub at the social hall", D(2025, 7, 5), D(2025, 9, 30)),
        }
        commitments = {
            key: _insert(conn, s.commitments, external_id=key, concern_id=concerns[c],
                         institution_code=inst, title=title, made_on=made, due_on=due,
                         source_id=src)
            for key, (c, inst, title, made, due) in commitment_rows.items()
        }
    history = [
        ("K1", "in_progress", D(2025, 2, 1), None),
        ("K1", "fulfilled", D(2025, 3, 20), "NACADA report 12/2025"),
        ("K2", "fulfilled", D(2025, 4, 15), "OB extract"),
        ("K3", "partly_fulfilled", D(2025, 5, 1), None),
        ("K5", "not_fulfilled", D(2025, 6, 15), None),
        ("K5", "stalled", D(2025, 4, 1), None),  # recorded late, for an earlier day
        ("K6", "in_progress", D(2025, 4, 10), None),
        ("K6", "fulfilled", D(2025, 7, 10), "Site visit photos"),
        ("K7", "fulfilled", D(2025, 2, 25), "NRB letter"),
        ("K8", "fulfilled", D(2025, 3, 1), "NRB letter 2"),
        ("K8", "stalled", D(2025, 4, 1), None),
        ("K8", "fulfilled", D(2025, 6, 20), "Backlog report"),
    ]
    versions = dict.fromkeys(commitments, 0)
    for key, status, day, evidence in history:
        result = record_update(commitment_id=commitments[key], status=status, updated_on=day,
                               expected_version=versions[key], recorded_by="Test clerk",
                               note=f"{key} {status}", evidence=evidence, today=TODAY,
                               engine=engine)
        versions[key] = result.version
    return Chain(forums=forums, concerns=concerns, commitments=commitments)


@pytest.fixture
def chain(engine: sa.Engine) -> Chain:
    return build_chain(engine)


def _by_code(frame: pd.DataFrame, key: str = "code") -> pd.DataFrame:
    return frame.set_index(key)


# --- pure metrics ------------------------------------------------------------------------


def test_on_time_and_median_metrics() -> None:
    due = pd.Series(pd.to_datetime(["2025-03-31", "2025-02-28", None, "2025-03-31", None]))
    done = pd.Series(pd.to_datetime(["2025-03-20", "2025-04-15", "2025-02-25", None, None]))
    made = pd.Series(pd.to_datetime(["2025-01-15", "2025-01-15", "2025-02-05", "2025-02-05",
                                     "2025-02-05"]))
    assert on_time_counts(due, done) == (1, 2)  # a fulfilment without a due date is apart
    assert on_time_share(due, done) == 0.5
    assert median_days_to_fulfil(made, done) == 64.0  # 64, 90, 20 -> 64
    assert math.isnan(on_time_share(due.iloc[3:], done.iloc[3:]))
    assert math.isnan(median_days_to_fulfil(made.iloc[3:], done.iloc[3:]))


# --- status as of a date ---------------------------------------------------------------


def test_status_as_of_end_of_june(engine: sa.Engine, chain: Chain) -> None:
    frame = commitments_as_of(engine=engine, as_of=AS_OF).set_index("external_id")
    assert list(frame.index) == ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"]  # K9 later
    assert frame["status"].to_dict() == {
        "K1": "fulfilled", "K2": "fulfilled", "K3": "partly_fulfilled", "K4": "unverified",
        "K5": "not_fulfilled", "K6": "in_progress", "K7": "fulfilled", "K8": "fulfilled"}
    # K8's current run of "fulfilled" began on 20 June (it stalled after 1 March).
    assert frame.loc["K8", "fulfilled_on"] == pd.Timestamp("2025-06-20")
    assert frame["days_to_fulfil"].dropna().to_dict() == {"K1": 64, "K2": 90, "K7": 20,
                                                          "K8": 135}
    assert frame["on_time"].dropna().to_dict() == {"K1": True, "K2": False, "K8": False}
    # Overdue counts verified commitments only (it used to list K4 too): unverified K4,
    # past its due date, is counted apart as past due, not yet verified.
    assert frame.loc[frame["overdue"], "days_overdue"].to_dict() == {"K3": 61}
    assert frame.loc[frame["past_due_unverified"], "days_past_due"].to_dict() == {"K4": 29}
    assert not (frame["overdue"] & frame["past_due_unverified"]).any()
    # Origin: the forum's day, or the day a chief's report raised the concern.
    assert frame.loc["K7", "origin_on"] == pd.Timestamp("2025-02-01")
    assert frame.loc["K5", "origin_on"] == pd.Timestamp("2025-03-10")
    assert pd.isna(frame.loc["K7", "forum_id"])


def test_status_as_of_an_earlier_day(engine: sa.Engine, chain: Chain) -> None:
    frame = commitments_as_of(engine=engine, as_of=D(2025, 4, 15)).set_index("external_id")
    assert frame["status"].to_dict() == {
        "K1": "fulfilled", "K2": "fulfilled", "K3": "unverified", "K4": "unverified",
        "K5": "stalled", "K6": "in_progress", "K7": "fulfilled", "K8": "stalled"}
    assert frame.loc[frame["overdue"], "days_overdue"].to_dict() == {"K8": 15}
    assert not frame["past_due_unverified"].any()  # K3, K4 unverified but not yet due
    assert frame.loc["K1", "fulfilled_on"] == pd.Timestamp("2025-03-20")


# --- rates and counts -------------------------------------------------------------------


def test_totals(engine: sa.Engine, chain: Chain) -> None:
    row = commitment_totals(engine=engine, audience=INTERNAL, as_of=AS_OF).iloc[0]
    # Overdue is 1 (K3), not 2: unverified K4 is past due, not yet verified, counted apart.
    assert (row["made"], row["unverified"], row["verified"], row["fulfilled"], row["partly"],
            row["not_fulfilled"], row["open"], row["overdue"],
            row["past_due_unverified"]) == (8, 1, 7, 4, 1, 1, 3, 1, 1)
    assert row["resolution_rate"] == pytest.approx(4 / 7)  # unverified K4 not a failure
    assert row["fulfilled_or_partly_rate"] == pytest.approx(5 / 7)
    assert (row["fulfilled_on_time"], row["fulfilled_with_due"]) == (1, 3)
    assert row["on_time_share"] == pytest.approx(1 / 3)
    assert row["median_days_to_fulfil"] == 77.0  # 20, 64, 90, 135


def test_resolution_by_region_keeps_overview_columns(engine: sa.Engine, chain: Chain) -> None:
    out = _by_code(resolution_by_region(engine=engine, audience=INTERNAL, as_of=AS_OF),
                   "region_code")
    assert len(out) == 8
    # Coast overdue: K3 only (K4 is unverified: past due, not yet verified, apart).
    assert out.loc["coast", ["made", "unverified", "verified", "fulfilled", "partly",
                             "not_fulfilled", "open", "overdue",
                             "past_due_unverified"]].tolist() == [4, 1, 3, 2, 1, 0, 2, 1, 1]
    assert out.loc["coast", "resolution_rate"] == pytest.approx(2 / 3)
    assert out.loc["coast", "fulfilled_or_partly_rate"] == 1.0
    assert out.loc["nairobi", "resolution_rate"] == 0.0
    assert out.loc["north_eastern", "resolution_rate"] == 1.0
    assert out.loc["north_eastern", "on_time_share"] == 0.0
    assert out.loc["north_eastern", "median_days_to_fulfil"] == 77.5
    assert out.loc["coast", "median_days_to_fulfil"] == 77.0
    assert out.loc["western", "made"] == 0 and math.isnan(out.loc["western", "resolution_rate"])


def test_resolution_by_institution_county_and_theme(engine: sa.Engine, chain: Chain) -> None:
    inst = _by_code(resolution_by(engine=engine, audience=INTERNAL, by="institution", as_of=AS_OF))
    assert len(inst) == 12  # every institution listed
    # NPS: its only late commitment, K4, is unverified: not overdue, past due apart.
    assert inst.loc["nps", ["made", "unverified", "verified", "fulfilled", "overdue",
                            "past_due_unverified"]].tolist() == [3, 1, 2, 1, 0, 1]
    assert inst.loc["nps", "resolution_rate"] == 0.5
    assert inst.loc["nps", "median_days_to_fulfil"] == 90.0
    assert inst.loc["gender", ["verified", "fulfilled", "partly", "overdue"]].tolist() == \
        [1, 0, 1, 1]
    assert inst.loc["county_gov", ["not_fulfilled", "resolution_rate"]].tolist() == [1, 0.0]
    assert inst.loc["kcgs", "made"] == 0

    county = _by_code(resolution_by(engine=engine, audience=INTERNAL, by="county", as_of=AS_OF,
                                    county_codes=("001", "002")))
    assert list(county.index) == ["002", "001"]  # Kwale, Mombasa: in scope, by name
    assert county.loc["001", "made"] == 4 and county.loc["002", "made"] == 0

    theme = _by_code(resolution_by(engine=engine, audience=INTERNAL, by="theme", as_of=AS_OF))
    assert theme.loc["drugs", ["made", "fulfilled", "resolution_rate"]].tolist() == [2, 2, 1.0]
    assert theme.loc["id_delays", "median_days_to_fulfil"] == 77.5
    # GBV is a sensitive theme: its small counts are hidden even outside presenter mode.
    assert theme.loc["gbv", "made_display"] == "<5"
    assert pd.isna(theme.loc["gbv", "made"]) and pd.isna(theme.loc["gbv", "resolution_rate"])


def test_public_mode_hides_small_counts(engine: sa.Engine, chain: Chain) -> None:
    out = _by_code(resolution_by_region(engine=engine, audience=INTERNAL, as_of=AS_OF),
                   "region_code")
    assert out.loc["coast", "made"] == 4  # the internal overview is unchanged
    pub = _by_code(resolution_by(engine=engine, audience=PUBLIC, by="region", as_of=AS_OF))
    # Public cells: region × status × late, every commitment to date, status today (15 Nov
    # 2026). Coast: K1 + K2 fulfilled (one cell of 2), K3 partly and late, K4 unverified
    # and late: 3 hidden cells, each adding 2.5, so made reads as the range they allow.
    assert pub.loc["coast", ["made", "made_hidden"]].tolist() == [7.5, 3]
    assert pub.loc["coast", "made_display"] == "3–12"
    assert pub.loc["coast", "unverified_display"] == "<5"
    assert pd.isna(pub.loc["coast", "unverified"])  # reads "<5": no number behind it
    assert pub.loc["western", "made_display"] == "0"
    tot = commitment_totals(engine=engine, audience=PUBLIC, as_of=AS_OF).iloc[0]
    # Kenya: all 9 (K9 too: made in July, to date) in 7 hidden cells (Coast 3, Nairobi 3:
    # K5 not fulfilled, K6 fulfilled, K9 unverified and late; North Eastern K7 + K8).
    assert (tot["code"], tot["name"]) == ("all", "Kenya")
    assert (tot["made"], tot["made_hidden"], tot["made_display"]) == (17.5, 7, "7–28")
    # K4 and K9, unverified and late, in two hidden cells: 2.5 + 2.5.
    assert (tot["unverified_display"], tot["past_due_unverified_display"]) == ("2–8", "2–8")
    assert tot["overdue_display"] == "<5"  # K3, partly and late
    # Statistics of single commitments are not public.
    assert pd.isna(tot["median_days_to_fulfil"]) and pd.isna(tot["on_time_share"])
    # A county's public figures are its region's.
    mombasa = commitment_totals(engine=engine, audience=PUBLIC, as_of=AS_OF,
                                county_codes=("001",)).iloc[0]
    assert (mombasa["code"], mombasa["name"], mombasa["made_display"]) == (
        "coast", "Coast", "3–12")


def test_summarise_by_several_columns(engine: sa.Engine, chain: Chain) -> None:
    frame = commitments_as_of(engine=engine, as_of=AS_OF)
    out = summarise_by(frame, ["institution_code", "region_code"]).set_index(
        ["institution_code", "region_code"])
    # K4 (unverified) is not overdue: past due, not yet verified.
    assert out.loc[("nps", "coast"), ["made", "verified", "fulfilled", "overdue",
                                      "past_due_unverified"]].tolist() == [2, 1, 1, 0, 1]
    assert out.loc[("nps", "nairobi"), ["made", "verified", "fulfilled"]].tolist() == [1, 1, 0]


def test_scorecard_matrix(engine: sa.Engine, chain: Chain) -> None:
    m = institution_region_matrix(engine=engine, audience=INTERNAL, as_of=AS_OF).set_index(
        ["institution_code", "area_code"])
    assert len(m) == 12 * 8
    assert m.loc[("nrb", "north_eastern"), ["made", "verified", "fulfilled", "overdue"]] \
        .tolist() == [2, 2, 2, 0]
    assert m.loc[("nrb", "north_eastern"), "median_days_to_fulfil"] == 77.5
    assert m.loc[("nps", "coast"), "resolution_rate"] == 1.0
    assert m.loc[("nps", "nairobi"), "resolution_rate"] == 0.0
    assert math.isnan(m.loc[("nps", "western"), "resolution_rate"])
    scoped = institution_region_matrix(engine=engine, audience=INTERNAL, as_of=AS_OF,
                                       county_codes=("047",))
    assert set(scoped["area_code"]) == {"nairobi"}
    # Within a region, compare its counties instead.
    coast = institution_region_matrix(engine=engine, audience=INTERNAL, as_of=AS_OF,
                                      across="county",
                                      county_codes=("001", "002")).set_index(
        ["institution_code", "area_code"])
    assert len(coast) == 12 * 2
    # NPS in Mombasa: K2 fulfilled, K4 unverified and past due (apart, not overdue).
    assert coast.loc[("nps", "001"), ["made", "overdue", "past_due_unverified", "area"]] \
        .tolist() == [2, 0, 1, "Mombasa"]
    assert coast.loc[("nps", "002"), "made"] == 0
    with pytest.raises(ValueError, match="across"):
        institution_region_matrix(engine=engine, audience=INTERNAL, as_of=AS_OF, across="ward")


def test_overdue_list(engine: sa.Engine, chain: Chain) -> None:
    out = overdue_commitments(engine=engine, audience=INTERNAL, as_of=AS_OF)
    # Only K3: K4 is unverified, so it is not overdue (it used to be listed here).
    assert out["external_id"].tolist() == ["K3"]
    assert out["days_overdue"].tolist() == [61]
    assert out["institution"].tolist() == ["State Department for Gender"]
    assert out["county"].tolist() == ["Mombasa"]
    assert out["concern"].iloc[0] == "Survivors of assault in Likoni turned away"
    assert out["overdue"].all() and not out["past_due_unverified"].any()
    # On request, past due but not yet verified follows, marked apart and never overdue.
    both = overdue_commitments(engine=engine, audience=INTERNAL, as_of=AS_OF,
                               include_unverified=True)
    assert both["external_id"].tolist() == ["K3", "K4"]
    assert both["overdue"].tolist() == [True, False]
    assert both["past_due_unverified"].tolist() == [False, True]
    assert both["days_past_due"].tolist() == [61, 29]
    assert pd.isna(both["days_overdue"].iloc[1])
    # With the coming month: K6 (due 31 Dec) is still too far, so nothing is added.
    assert len(overdue_commitments(engine=engine, audience=INTERNAL, as_of=AS_OF,
                                   due_within_days=30)) == 1
    soon = overdue_commitments(engine=engine, audience=INTERNAL, as_of=D(2025, 5, 10),
                               due_within_days=30)
    # On 10 May: K8 (stalled, due 31 Mar) and K3 (partly, due 30 Apr) are overdue; K5 and
    # K4 fall due within 30 days. Overdue first by age, then the soonest due.
    assert soon["external_id"].tolist() == ["K8", "K3", "K5", "K4"]
    assert soon["overdue"].tolist() == [True, True, False, False]
    assert soon["days_overdue"].tolist()[:2] == [40, 10]
    assert soon["days_to_due"].tolist()[2:] == [21, 22]
    # A list of individual commitments never goes to a public screen.
    with pytest.raises(NotForPublic):
        overdue_commitments(engine=engine, audience=PUBLIC, as_of=AS_OF)


def test_fulfilment_curve(engine: sa.Engine, chain: Chain) -> None:
    curve = fulfilment_curve(engine=engine, audience=INTERNAL, as_of=AS_OF)
    assert curve["months"].tolist() == [0, 1, 2, 3, 4, 5]
    assert curve["eligible"].tolist() == [7, 7, 7, 7, 5, 3]
    assert curve["fulfilled"].tolist() == [0, 1, 1, 3, 3, 2]
    assert curve["unverified"].tolist() == [1, 1, 1, 1, 1, 1]
    assert curve["share"].tolist() == pytest.approx([0, 1 / 7, 1 / 7, 3 / 7, 3 / 5, 2 / 3])
    by_region = fulfilment_curve(engine=engine, audience=INTERNAL, as_of=AS_OF, by="region")
    coast = by_region[by_region["group"] == "Coast"]
    assert coast["eligible"].tolist() == [3] * 6
    assert coast["fulfilled"].tolist() == [0, 0, 0, 2, 2, 2]


def test_forum_fulfilment(engine: sa.Engine, chain: Chain) -> None:
    out = forum_fulfilment(engine=engine, audience=INTERNAL, as_of=AS_OF)
    assert out["forum_edition"].tolist() == ["Nairobi Edition", "Pwani Edition"]
    assert out["months_since"].tolist() == [3, 5]
    assert out[["made", "verified", "fulfilled"]].values.tolist() == [[2, 2, 0], [4, 3, 2]]


def test_filters_narrow_every_number(engine: sa.Engine, chain: Chain) -> None:
    only_nairobi = commitment_totals(engine=engine, audience=INTERNAL, as_of=AS_OF,
                                     county_codes=("047",)).iloc[0]
    assert (only_nairobi["made"], only_nairobi["verified"]) == (2, 2)
    drugs = commitment_totals(engine=engine, audience=INTERNAL, as_of=AS_OF,
                              themes=("drugs",)).iloc[0]
    assert (drugs["made"], drugs["fulfilled"]) == (2, 2)
    # Commitments made in the period only (March onwards): K5, K6.
    recent = commitment_totals(engine=engine, audience=INTERNAL, as_of=AS_OF,
                               made_from=D(2025, 3, 1)).iloc[0]
    assert (recent["made"], recent["not_fulfilled"]) == (2, 1)


# --- export ------------------------------------------------------------------------------


def test_export_current_status_and_history(engine: sa.Engine, chain: Chain) -> None:
    out = commitments_export(engine=engine, audience=INTERNAL, as_of=AS_OF).set_index("external_id")
    assert out.loc["K6", "status_as_of"] == "in_progress"
    assert out.loc["K6", "current_status"] == "fulfilled"  # fulfilled on 10 July
    assert out.loc["K6", "fulfilled_on"] == pd.Timestamp("2025-07-10")
    assert out.loc["K6", "evidence"] == "Site visit photos"
    assert out.loc["K5", "current_status"] == "not_fulfilled"  # the late "stalled" is older
    assert out.loc["K8", "version"] == 3
    assert out.loc["K4", "current_status"] == "unverified"
    # K4 past due but unverified: apart from overdue in the export too.
    assert out.loc["K4", ["overdue_as_of", "past_due_unverified_as_of"]].tolist() == [False,
                                                                                      True]
    assert out.loc["K3", ["overdue_as_of", "past_due_unverified_as_of"]].tolist() == [True,
                                                                                      False]
    hist = history_export(engine=engine, audience=INTERNAL, as_of=AS_OF)
    assert len(hist) == 12  # every update of K1–K8, including K6's July update
    k8 = hist[hist["external_id"] == "K8"]
    assert k8["status"].tolist() == ["fulfilled", "stalled", "fulfilled"]
    assert set(hist["recorded_by"]) == {"Test clerk"}
    # The exports list individual commitments: internal only.
    for export in (history_export, commitments_export):
        with pytest.raises(NotForPublic):
            export(engine=engine, audience=PUBLIC, as_of=AS_OF)

    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"commitments": out.reset_index(),
                                                            "history": hist})))
    assert book.sheetnames == ["commitments", "history"]
    assert book["commitments"].max_row == 9 and book["history"].max_row == 13


def test_xlsx_neutralises_formulas() -> None:
    data = to_xlsx_bytes({"a": pd.DataFrame({"t": ["=HYPERLINK(\"x\")", "ok"], "n": [1, 2]})})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["a"]
    assert sheet["A2"].value == "'=HYPERLINK(\"x\")" and sheet["B2"].value == 1
    with pytest.raises(ValueError):
        to_xlsx_bytes({})


def test_cached_queries_see_a_new_update_at_once(engine: sa.Engine, chain: Chain) -> None:
    before = commitments_as_of(engine=engine, as_of=AS_OF).set_index("external_id")
    assert before.loc["K4", "status"] == "unverified"
    record_update(commitment_id=chain.commitments["K4"], status="in_progress",
                  updated_on=D(2025, 6, 2), expected_version=0, recorded_by="Clerk",
                  today=TODAY, engine=engine)
    after = commitments_as_of(engine=engine, as_of=AS_OF).set_index("external_id")
    assert after.loc["K4", "status"] == "in_progress"
    assert get_engine(str(engine.url.render_as_string(hide_password=False))) is engine


# --- the Commitments page (AppTest on the hand-built chain) ------------------------------

APP = Path(__file__).resolve().parents[1] / "app.py"


def point_app_at_chain(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Chain:
    """Fill a SQLite file with only the hand-built chain and point the app at it."""
    eng = get_engine(sqlite_url)
    init_db(eng)
    built = build_chain(eng)
    monkeypatch.setenv("JUKWAA_DB_URL", sqlite_url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    return built


@pytest.fixture
def chain_app_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app reads a SQLite file holding only the hand-built chain."""
    point_app_at_chain(sqlite_url, monkeypatch)
    return sqlite_url


def open_page(script: str, **params: str) -> AppTest:
    """Run app.py with URL parameters, then switch to views/<script>; no errors allowed."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at = open_deep_link(at, script)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_commitments_page_shows_the_pinned_numbers(chain_app_url: str) -> None:
    at = open_page("commitments.py", **{"from": "2025-01", "to": "2025-06"})
    kpis = metrics(at)
    assert kpis["Commitments made"] == ("8", "1 unverified (counted apart)")
    assert kpis["Resolution rate"] == ("57%", "4 fulfilled of 7 verified")
    assert kpis["Fulfilled or partly"] == ("71%", "4 + 1 partly, of 7")
    # Overdue is K3 alone; unverified K4, past due, stands beside it, counted apart.
    assert kpis["Overdue commitments"] == ("1", "of 8 made")
    described = {m.label: m.proto.delta_description for m in at.metric}
    assert described["Overdue commitments"] == "1 past due, unverified"
    # The on-time label and its counts say what is counted.
    assert kpis["On time, of fulfilled with a due date"] == (
        "33%", "1 fulfilled on or before the due date, of 3 fulfilled with a due date")
    assert kpis["Median days to fulfil"] == ("77 days", "over 4 fulfilled")
    titles = [h.value for h in at.subheader]
    assert "Overdue commitments (1), oldest first" in titles
    assert "Institution scorecard" in titles
    # The overdue list: oldest first, each visibly marked.
    frames = [d.value for d in at.dataframe]
    overdue = next(f for f in frames if "concern it answers" in f.columns)
    assert overdue[""].tolist() == ["Overdue by 61 days"]  # K4 (unverified) is not overdue
    assert overdue["commitment"].tolist() == ["GBV desk at Likoni station"]
    # Asked for, the past-due unverified one follows, marked apart.
    at.toggle(key="cm_past_due_unverified").set_value(True).run()
    assert not at.exception and not at.error
    frames = [d.value for d in at.dataframe]
    overdue = next(f for f in frames if "concern it answers" in f.columns)
    assert overdue[""].tolist() == ["Overdue by 61 days",
                                    "Past due by 29 days, not yet verified"]
    assert overdue["commitment"].tolist() == ["GBV desk at Likoni station",
                                              "Gender desk officers trained"]


@pytest.mark.parametrize("by", ["county", "institution", "theme"])
def test_commitments_page_breakdowns(chain_app_url: str, by: str) -> None:
    at = open_page("commitments.py", **{"from": "2025-01", "to": "2025-06"})
    at.segmented_control(key="cm_by").set_value(by).run()
    assert not at.exception and not at.error
    label = {"county": "county", "institution": "institution", "theme": "theme"}[by]
    assert f"Commitment resolution by {label}" in [h.value for h in at.subheader]


def test_commitments_page_presenter_mode_and_kiswahili(chain_app_url: str) -> None:
    at = open_page("commitments.py", **{"from": "2025-01", "to": "2025-06", "mode": "public",
                                        "lang": "sw"})
    kpis = metrics(at)
    # Kenya, all themes, every commitment to date with its status today (K9 too): 9
    # commitments in 7 hidden region × status × late cells read as a range.
    assert kpis["Ahadi zilizotolewa"][0] == "7–28"
    # K4 and K9, unverified: two hidden cells, 2.5 each, read as the range they allow.
    assert kpis["Ahadi zilizotolewa"][1].startswith("2–8")
    # Timing of single commitments is not public: no on-time or median-days card.
    assert set(kpis) == {"Ahadi zilizotolewa", t("resolution_rate", "sw"),
                         t("fulfilled_or_partly", "sw"), t("overdue", "sw")}
    texts = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "Survivors of assault" not in texts and "GBV desk" not in texts
    # No list of commitments: the overdue count from the protected figures and a note.
    assert "Ahadi zilizochelewa (<5)" in [h.value for h in at.subheader]
    infos = [i.value for i in at.info]
    assert infos.count(t("cm_lists_not_public", "sw")) == 2  # + export
    assert t("cm_not_public", "sw") in infos  # no scorecard, no curves, no forum tab
    assert "Ahadi kwenye skrini za umma: mada zote" in " ".join(c.value for c in at.caption)
    for frame in (d.value for d in at.dataframe):
        assert not {"note", "evidence", "recorded_by", "concern_summary", "commitment",
                    "title"} & set(frame.columns)


def test_commitments_page_public_by_region_and_status(chain_app_url: str) -> None:
    """A public screen breaks commitments down by region and by status only (Mombasa:
    Coast's statuses), with the note saying what they cover."""
    at = open_page("commitments.py", **{"from": "2025-01", "to": "2025-06", "mode": "public",
                                        "county": "001"})
    assert at.segmented_control(key="cm_by").options == ["Region", "Status"]
    assert metrics(at)["Commitments made"][0] == "3–12"  # Coast, see the test above
    at.segmented_control(key="cm_by").set_value("status").run()
    assert not at.exception and not at.error
    assert "Commitment resolution by status" in [h.value for h in at.subheader]
    at.segmented_control(key="cm_res_status_view").set_value("table").run()
    table = _table(at, "of them overdue").set_index("status")
    assert table.loc["Fulfilled", "commitments"] == "<5"  # K1 + K2
    assert table.loc["Partly fulfilled", ["commitments", "of them overdue"]].tolist() == [
        "<5", "<5"]  # K3, late
    assert table.loc["Not fulfilled", "commitments"] == "0"
    assert "Figures for Coast region" in " ".join(c.value for c in at.caption)


def test_commitments_page_region_scope(chain_app_url: str) -> None:
    at = open_page("commitments.py", **{"from": "2025-01", "to": "2025-06", "region": "coast"})
    assert metrics(at)["Commitments made"][0] == "4"
    assert "Institutions compared across each county" in [h.value for h in at.subheader]


# --- public screens cannot leak (issue 9) ---------------------------------------------
#
# The leaks a tester found in presenter mode, each pinned on a hand-built database
# (``build_leaks``), status as of 30 June 2025:
#
#   Coast, Mombasa (001), forum FC 15 Jan 25:
#     GBV concern, State Dept for Gender: 4 fulfilled (1 Mar, due 1 Jun) + n unverified
#       (due 31 Dec; n = 1 unless said)             -> made 5, unverified 1, verified 4
#     drugs concern, NACADA: 3 fulfilled (1 Mar, due 1 Jun) + 1 in progress (due 31 Mar:
#       overdue 91 days)                            -> "Overdue commitments (1)"
#   Rift Valley, Nakuru (032), forum FR 10 Feb 25:
#     GBV concern, State Dept for Gender: 8 fulfilled (1 Apr, due 1 Jun) + 8 in progress
#       (due 31 Dec) + m unverified (due 31 Dec; m = 2 unless said)
#                                                   -> made 18, verified 16, unverified 2
#
# Public figures (since the fix) are sums of region × status × late cells over every
# commitment to date, all themes, status today (15 Nov 2026: the GBV unverified and the
# in-progress ones, due 31 Dec 2025, are late by then); the theme, the county and the
# period change no public cell. Cells of 1–4 are hidden and add 2.5 each:
#
#   Coast:       fulfilled 7 (4 GBV + 3 drugs), in progress late 1 (hidden),
#                unverified late n (hidden)
#   Rift Valley: fulfilled 8, in progress late 8, unverified late m (hidden)

LEAK_END = D(2025, 6, 30)
MOMBASA, NAKURU = "001", "032"


def build_leaks(engine: sa.Engine, *, coast_unverified: int = 1, rift_unverified: int = 2,
                ) -> None:
    """Write the database described above (status updates inserted as history)."""
    recorded = dt.datetime(2025, 6, 30, 9, 0)
    rows = []  # (county, forum, theme, institution, status, updated_on, due_on)
    coast = [("gbv", "gender", "fulfilled", D(2025, 3, 1), D(2025, 6, 1))] * 4 \
        + [("gbv", "gender", None, None, D(2025, 12, 31))] * coast_unverified \
        + [("drugs", "nacada", "fulfilled", D(2025, 3, 1), D(2025, 6, 1))] * 3 \
        + [("drugs", "nacada", "in_progress", D(2025, 2, 1), D(2025, 3, 31))]
    rift = [("gbv", "gender", "fulfilled", D(2025, 4, 1), D(2025, 6, 1))] * 8 \
        + [("gbv", "gender", "in_progress", D(2025, 4, 1), D(2025, 12, 31))] * 8 \
        + [("gbv", "gender", None, None, D(2025, 12, 31))] * rift_unverified
    rows += [(MOMBASA, "FC", *r) for r in coast] + [(NAKURU, "FR", *r) for r in rift]
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="forums", name="hand-built leaks")
        forums = {
            "FC": _insert(conn, s.forums, external_id="FC", edition="Pwani Edition",
                          county_code=MOMBASA, venue="Tononoka Hall", held_on=D(2025, 1, 15),
                          attendance_total=300, source_id=src),
            "FR": _insert(conn, s.forums, external_id="FR", edition="Nakuru Edition",
                          county_code=NAKURU, venue="Afraha", held_on=D(2025, 2, 10),
                          attendance_total=500, source_id=src),
        }
        concerns = {}
        for county, forum, theme in {(r[0], r[1], r[2]) for r in rows}:
            concerns[county, theme] = _insert(
                conn, s.concerns, external_id=f"C-{county}-{theme}", forum_id=forums[forum],
                origin="forum", county_code=county, theme_code=theme,
                summary=f"Private account of {theme} in {county}", raised_by_group="youth",
                raised_on=conn.execute(sa.select(s.forums.c.held_on).where(
                    s.forums.c.id == forums[forum])).scalar(), source_id=src)
        for i, (county, forum, theme, inst, status, on, due) in enumerate(rows):
            held = D(2025, 1, 15) if forum == "FC" else D(2025, 2, 10)
            cid = _insert(conn, s.commitments, external_id=f"L{i}",
                          concern_id=concerns[county, theme], institution_code=inst,
                          title=f"Sensitive title {i} ({theme}, {county})", made_on=held,
                          due_on=due, current_status=status or "unverified", source_id=src)
            if status:
                conn.execute(s.commitment_updates.insert().values(
                    commitment_id=cid, status=status, updated_on=on, recorded_at=recorded,
                    recorded_by="Clerk", source_id=src))
        bump_data_version(conn)


@pytest.fixture
def leaks(engine: sa.Engine) -> sa.Engine:
    build_leaks(engine)
    return engine


def _public(engine: sa.Engine, fn, **kw) -> pd.DataFrame:
    return fn(engine=engine, as_of=LEAK_END, audience=PUBLIC, **kw)


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Everything a public table shows: display texts and rates (and the estimates)."""
    cols = [c for c in frame.columns if c.endswith("_display") or c in (
        *COUNT_COLUMNS, *RATE_COLUMNS, "code", "region_code", "area_code", "group", "months",
        "share", "forum_edition")]
    return frame[cols].reset_index(drop=True)


def test_leak_overview_region_gbv_coast(leaks: sa.Engine) -> None:
    """Overview, commitments by region, GBV: Coast made 5, unverified 1, verified 4 were
    shown while the Commitments page read "<5". Now public figures are by region, all
    themes: the GBV filter changes nothing, and the Overview's table is the page's."""
    internal = resolution_by_region(engine=leaks, as_of=LEAK_END, audience=INTERNAL,
                                    themes=("gbv",)).set_index("region_code")
    # GBV is sensitive: small counts read "<5" internally too (primary suppression).
    assert internal.loc["coast", ["made", "unverified_display", "verified_display"]] \
        .tolist() == [5, "<5", "<5"]
    overview = _public(leaks, resolution_by_region, themes=("gbv",)).set_index("region_code")
    coast = overview.loc["coast"]
    # All themes: 7 fulfilled (exact) + in progress late 1 + unverified late 1 (hidden).
    assert (coast["made"], coast["made_hidden"]) == (12.0, 2)
    assert [coast[f"{c}_display"] for c in ("made", "unverified", "verified", "fulfilled")] \
        == ["9–15", "<5", "8–11", "7"]
    # Verified is known only as a range: no rate is derived from it.
    assert pd.isna(coast["resolution_rate"])
    # The theme filter changes nothing public, and the page's region breakdown is the same.
    pd.testing.assert_frame_equal(_shown(overview.reset_index()),
                                  _shown(_public(leaks, resolution_by_region)))
    page = _public(leaks, resolution_by, by="region", themes=("gbv",)).set_index("code")
    for col in COUNT_COLUMNS:
        assert page.loc["coast", f"{col}_display"] == coast[f"{col}_display"], col


def test_leak_subtraction_in_one_row_rift_valley_gbv(leaks: sa.Engine) -> None:
    """Rift Valley GBV: made 18 − verified 16 gave the 2 unverified back. Now made is the
    sum of protected cells: made − verified is the shown unverified estimate (2.5)."""
    row = _public(leaks, resolution_by_region, themes=("gbv",)).set_index(
        "region_code").loc["rift_valley"]
    assert (row["made_display"], row["verified_display"], row["unverified_display"]) == (
        "≈20", "16", "<5")
    assert row["made"] - row["verified"] == hidden_estimate() == 2.5
    assert (row["made_hidden"], row["verified_hidden"], row["unverified_hidden"]) == (1, 0, 1)
    # Rates are of the protected counts: fulfilled 8 of verified 16.
    assert row["resolution_rate"] == 0.5
    # Late is a key of the cells: overdue (8 in progress, late) and past due, not yet
    # verified (the 2 unverified, late) are sums of cells too, made − both the rest.
    assert (row["overdue_display"], row["past_due_unverified_display"]) == ("8", "<5")
    # Nakuru's public figures are its region's, whatever the theme: the same row.
    totals = _public(leaks, commitment_totals, county_codes=(NAKURU,), themes=("gbv",)).iloc[0]
    assert totals["code"] == "rift_valley"
    for col in COUNT_COLUMNS:
        assert totals[f"{col}_display"] == row[f"{col}_display"], col
    assert totals["made"] - totals["verified"] == hidden_estimate()


@pytest.mark.parametrize("hidden", [1, 3, 4])
def test_leak_a_hidden_count_changes_nothing_shown(tmp_path, hidden: int) -> None:
    """The test of the method: the unverified cells of Coast GBV (1) and Rift Valley GBV
    (2) changed to any other value of 1–4 change nothing any public figure shows."""
    shown = []
    for name, (coast, rift) in {"base": (1, 2), "changed": (hidden, 5 - hidden)}.items():
        eng = get_engine(f"sqlite:///{tmp_path / name}.db")
        init_db(eng)
        build_leaks(eng, coast_unverified=coast, rift_unverified=rift)
        frames = [_public(eng, commitment_totals),
                  _public(eng, commitment_totals, themes=("gbv",)),
                  _public(eng, commitment_totals, county_codes=(MOMBASA,)),
                  _public(eng, commitment_totals, county_codes=(NAKURU,)),
                  _public(eng, resolution_by_region),
                  _public(eng, resolution_by_region, themes=("gbv",)),
                  *(_public(eng, resolution_by, by=by) for by in PUBLIC_BREAKDOWNS),
                  _public(eng, resolution_by, by="status", county_codes=(MOMBASA,))]
        shown.append([_shown(frame) for frame in frames])
        eng.dispose()
    for before, after in zip(*shown, strict=True):
        pd.testing.assert_frame_equal(before, after)


def test_leak_lists_beside_small_counts_are_not_for_public(leaks: sa.Engine) -> None:
    """Mombasa: beside a "<5" summary, the overdue list, the Excel export and the
    briefing's overdue table listed the commitments one by one. Lists are internal only;
    the overdue count comes from the protected figures."""
    kw = {"engine": leaks, "as_of": LEAK_END, "county_codes": (MOMBASA,)}
    assert overdue_commitments(audience=INTERNAL, **kw)["days_overdue"].tolist() == [91]
    for listing in (overdue_commitments, commitments_export, history_export):
        with pytest.raises(NotForPublic):
            listing(audience=PUBLIC, **kw)
    totals = commitment_totals(audience=PUBLIC, **kw).iloc[0]
    # Coast's figures: fulfilled one cell of 7 (4 GBV + 3 drugs, all themes), overdue the
    # 1 in progress and late (hidden).
    assert (totals["overdue_display"], totals["fulfilled_display"]) == ("<5", "7")
    assert pd.isna(totals["overdue"])


def test_every_figure_and_list_needs_its_audience(leaks: sa.Engine) -> None:
    """No default audience: forgetting it (or passing the old ``public``) is a TypeError."""
    kw = {"engine": leaks, "as_of": LEAK_END}
    for fn in (commitment_totals, resolution_by_region, institution_region_matrix,
               overdue_commitments, fulfilment_curve, forum_fulfilment, commitments_export,
               history_export):
        with pytest.raises(TypeError):
            fn(**kw)
        with pytest.raises(TypeError):
            fn(public=False, **kw)
        with pytest.raises(TypeError):
            fn(audience=False, **kw)  # a bool is no audience
    with pytest.raises(TypeError):
        resolution_by(by="region", **kw)


def test_timing_of_single_commitments_is_not_public(leaks: sa.Engine) -> None:
    """Median days to fulfil and the on-time share follow single commitments' dates (no
    sum of region × status cells): never public, even where every cell is exact."""
    out = _public(leaks, resolution_by_region).set_index("region_code")
    assert out["median_days_to_fulfil"].isna().all() and out["on_time_share"].isna().all()
    assert (out["fulfilled_with_due_display"] == "").all()
    internal = resolution_by_region(engine=leaks, as_of=LEAK_END, audience=INTERNAL)
    assert internal.set_index("region_code").loc["rift_valley", "median_days_to_fulfil"] \
        == 50.0  # 10 Feb → 1 Apr


def test_public_figures_ignore_theme_area_and_period(leaks: sa.Engine) -> None:
    """Public cells hold every commitment to date, all themes, status today: a theme, a
    county of the same region, another period or "made in the period" change nothing
    (two public queries can never be subtracted)."""
    base = {"totals": _shown(_public(leaks, commitment_totals, county_codes=(MOMBASA,))),
            "regions": _shown(_public(leaks, resolution_by_region)),
            "by_region": _shown(_public(leaks, resolution_by, by="region")),
            "by_status": _shown(_public(leaks, resolution_by, by="status",
                                        county_codes=(MOMBASA,)))}
    coast = tuple(c.code for c in reference.counties() if c.region_code == "coast")
    for kw in ({"themes": ("gbv",)}, {"themes": ("drugs", "youth_gangs")},
               {"county_codes": coast}, {"county_codes": ("002",)},
               {"made_from": D(2025, 6, 1)}, {"as_of": D(2025, 2, 28)},
               {"as_of": D(2026, 10, 31), "themes": ("gbv",), "made_from": D(2025, 1, 1)}):
        args = {"as_of": LEAK_END, "county_codes": (MOMBASA,), **kw}
        got = {
            "totals": commitment_totals(engine=leaks, audience=PUBLIC, **args),
            "regions": resolution_by_region(engine=leaks, audience=PUBLIC, **{
                k: v for k, v in args.items() if k != "made_from"}),
            "by_region": resolution_by(engine=leaks, audience=PUBLIC, by="region", **args),
            "by_status": resolution_by(engine=leaks, audience=PUBLIC, by="status", **args),
        }
        for name, frame in got.items():
            pd.testing.assert_frame_equal(_shown(frame), base[name], obj=f"{name} {kw}")
    # Internally the same arguments do narrow the figures.
    gbv = commitment_totals(engine=leaks, audience=INTERNAL, as_of=LEAK_END,
                            county_codes=(MOMBASA,), themes=("gbv",)).iloc[0]
    assert gbv["made"] == 5


def test_breakdowns_finer_than_region_are_not_for_public(leaks: sa.Engine) -> None:
    """By county, theme, institution or forum, and the fulfilment curve, raise
    NotForPublic for the public audience; internally they are there, exact."""
    kw = {"engine": leaks, "as_of": LEAK_END}
    for by in ("county", "theme", "institution"):
        with pytest.raises(NotForPublic):
            resolution_by(by=by, audience=PUBLIC, **kw)
        assert len(resolution_by(by=by, audience=INTERNAL, **kw))
    for fn in (institution_region_matrix, forum_fulfilment, fulfilment_curve):
        with pytest.raises(NotForPublic):
            fn(audience=PUBLIC, **kw)
        assert len(fn(audience=INTERNAL, **kw))
    with pytest.raises(NotForPublic):
        county_resolution(audience=PUBLIC, **kw)
    # The cells themselves: no public cell by county or theme.
    frame = public_frame(engine=leaks)
    for key in ("county_code", "theme_code", "institution_code", "forum_id"):
        with pytest.raises(NotForPublic):
            commitment_cells(frame, audience=PUBLIC, keys=(key,))
    cells = commitment_cells(frame, audience=PUBLIC)
    assert list(cells.columns[:3]) == PUBLIC_CELL_KEYS


# --- the same leaks on the pages ------------------------------------------------------------


@pytest.fixture
def leaks_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    eng = get_engine(sqlite_url)
    init_db(eng)
    build_leaks(eng)
    monkeypatch.setenv("JUKWAA_DB_URL", sqlite_url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.delenv("JUKWAA_ACCESS_CODE", raising=False)
    return sqlite_url


def _table(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_leak_overview_page_region_gbv_in_presenter_mode(leaks_url: str) -> None:
    at = open_page("overview.py", **{"from": "2025-01", "to": "2025-06", "theme": "gbv",
                                     "mode": "public"})
    at.segmented_control(key="overview_resolution_view").set_value("table").run()
    assert not at.exception and not at.error
    table = _table(at, "past due, not yet verified").set_index("region")
    # All themes, to date, status today: the GBV filter changes nothing public.
    assert table.loc["Coast", ["made", "unverified", "verified"]].tolist() == [
        "9–15", "<5", "8–11"]
    assert table.loc["Rift Valley", ["made", "unverified", "verified"]].tolist() == [
        "≈20", "<5", "16"]
    cards = metrics(at)
    # Kenya: 8 in progress and late in Rift Valley + 1 in Coast (hidden, 2.5).
    assert cards["Overdue commitments"][0] == "9–12"
    captions = " ".join(c.value for c in at.caption)
    assert "Commitments on public screens: all themes, since forums began, by region" \
        in captions


def test_leak_commitments_page_lists_in_presenter_mode(leaks_url: str) -> None:
    """Mombasa in presenter mode: the overdue heading reads the protected count, and no
    list, export or title is shown."""
    at = open_page("commitments.py", **{"from": "2025-01", "to": "2025-06",
                                        "county": MOMBASA, "mode": "public"})
    assert "Overdue commitments (<5)" in [h.value for h in at.subheader]
    infos = [i.value for i in at.info]
    assert infos.count(t("cm_lists_not_public", "en")) == 2  # overdue tab and export tab
    texts = " ".join(str(getattr(e, "value", "")) for e in at.main) + " ".join(
        " ".join(map(str, d.value.astype(str).to_numpy().ravel())) for d in at.dataframe)
    assert "Sensitive title" not in texts and "Private account" not in texts
    # Mombasa's public figures are Coast's, all themes, to date.
    assert metrics(at)["Commitments made"][0] == "9–15"
    assert t("cm_not_public", "en") in infos


def test_leak_briefing_overdue_table_in_public(leaks: sa.Engine,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.briefing as briefing

    monkeypatch.setattr(briefing, "render_png", lambda figures: [b""] * len(figures))
    period = Period(D(2025, 1, 1), LEAK_END)
    common = {"county_codes": (MOMBASA,), "scope_label": "Mombasa", "start": period.start,
              "end": period.end, "categories": (), "themes": (), "lang": "en",
              "engine": leaks, "now": dt.datetime(2025, 7, 1, 9, 0), "timings": {}}
    internal = briefing._gather(scope=Scope(period, INTERNAL, county=MOMBASA), public=False,
                                **common)
    assert internal.overdue.iloc[:, 0].tolist() == ["Sensitive title 8 (drugs, 001)"]
    public = briefing._gather(scope=Scope(period, PUBLIC, county=MOMBASA), public=True,
                              **common)
    assert public.overdue.empty and public.overdue_empty == t("cm_lists_not_public", "en")
    kpis = {label: value for label, value, _detail, _definition in public.kpis}
    assert kpis["Overdue commitments"] == "<5"
    html_text = briefing.render_html(public).decode()
    assert "Sensitive title" not in html_text and "No overdue commitments" not in html_text
    # Mombasa's public commitment figures are Coast's, and the brief says what they cover.
    assert "Commitments on public screens: all themes, since forums began, by region" \
        in html_text and "Figures for Coast region" in html_text
