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

from data_access import schema as s
from data_access.commitment_updates import record_update
from data_access.commitments import (
    WITHHELD_TITLE,
    commitment_totals,
    commitments_as_of,
    commitments_export,
    forum_fulfilment,
    fulfilment_curve,
    history_export,
    institution_region_matrix,
    overdue_commitments,
    resolution_by,
    resolution_by_region,
    summarise_by,
)
from data_access.engine import get_engine, init_db, new_source
from data_access.metrics import median_days_to_fulfil, on_time_counts, on_time_share
from data_access.safe_csv import to_xlsx_bytes

D = dt.date
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
    row = commitment_totals(engine=engine, as_of=AS_OF).iloc[0]
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
    out = _by_code(resolution_by_region(engine=engine, as_of=AS_OF), "region_code")
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
    inst = _by_code(resolution_by(engine=engine, by="institution", as_of=AS_OF))
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

    county = _by_code(resolution_by(engine=engine, by="county", as_of=AS_OF,
                                    county_codes=("001", "002")))
    assert list(county.index) == ["002", "001"]  # Kwale, Mombasa: in scope, by name
    assert county.loc["001", "made"] == 4 and county.loc["002", "made"] == 0

    theme = _by_code(resolution_by(engine=engine, by="theme", as_of=AS_OF))
    assert theme.loc["drugs", ["made", "fulfilled", "resolution_rate"]].tolist() == [2, 2, 1.0]
    assert theme.loc["id_delays", "median_days_to_fulfil"] == 77.5
    # GBV is a sensitive theme: its small counts are hidden even outside presenter mode.
    assert theme.loc["gbv", "made_display"] == "<5"
    assert pd.isna(theme.loc["gbv", "made"]) and pd.isna(theme.loc["gbv", "resolution_rate"])


def test_public_mode_hides_small_counts(engine: sa.Engine, chain: Chain) -> None:
    out = _by_code(resolution_by_region(engine=engine, as_of=AS_OF), "region_code")
    assert out.loc["coast", "made"] == 4  # the overview (not public) is unchanged
    pub = _by_code(resolution_by(engine=engine, by="region", as_of=AS_OF, public=True))
    assert pub.loc["coast", "made_display"] == "<5" and pd.isna(pub.loc["coast", "made"])
    assert pd.isna(pub.loc["coast", "resolution_rate"])
    assert pub.loc["western", "made_display"] == "0"
    tot = commitment_totals(engine=engine, as_of=AS_OF, public=True).iloc[0]
    assert tot["made"] == 8 and tot["unverified_display"] == "<5"


def test_summarise_by_several_columns(engine: sa.Engine, chain: Chain) -> None:
    frame = commitments_as_of(engine=engine, as_of=AS_OF)
    out = summarise_by(frame, ["institution_code", "region_code"]).set_index(
        ["institution_code", "region_code"])
    # K4 (unverified) is not overdue: past due, not yet verified.
    assert out.loc[("nps", "coast"), ["made", "verified", "fulfilled", "overdue",
                                      "past_due_unverified"]].tolist() == [2, 1, 1, 0, 1]
    assert out.loc[("nps", "nairobi"), ["made", "verified", "fulfilled"]].tolist() == [1, 1, 0]


def test_scorecard_matrix(engine: sa.Engine, chain: Chain) -> None:
    m = institution_region_matrix(engine=engine, as_of=AS_OF).set_index(
        ["institution_code", "area_code"])
    assert len(m) == 12 * 8
    assert m.loc[("nrb", "north_eastern"), ["made", "verified", "fulfilled", "overdue"]] \
        .tolist() == [2, 2, 2, 0]
    assert m.loc[("nrb", "north_eastern"), "median_days_to_fulfil"] == 77.5
    assert m.loc[("nps", "coast"), "resolution_rate"] == 1.0
    assert m.loc[("nps", "nairobi"), "resolution_rate"] == 0.0
    assert math.isnan(m.loc[("nps", "western"), "resolution_rate"])
    scoped = institution_region_matrix(engine=engine, as_of=AS_OF, county_codes=("047",))
    assert set(scoped["area_code"]) == {"nairobi"}
    # Within a region, compare its counties instead.
    coast = institution_region_matrix(engine=engine, as_of=AS_OF, across="county",
                                      county_codes=("001", "002")).set_index(
        ["institution_code", "area_code"])
    assert len(coast) == 12 * 2
    # NPS in Mombasa: K2 fulfilled, K4 unverified and past due (apart, not overdue).
    assert coast.loc[("nps", "001"), ["made", "overdue", "past_due_unverified", "area"]] \
        .tolist() == [2, 0, 1, "Mombasa"]
    assert coast.loc[("nps", "002"), "made"] == 0
    with pytest.raises(ValueError, match="across"):
        institution_region_matrix(engine=engine, as_of=AS_OF, across="ward")


def test_overdue_list(engine: sa.Engine, chain: Chain) -> None:
    out = overdue_commitments(engine=engine, as_of=AS_OF)
    # Only K3: K4 is unverified, so it is not overdue (it used to be listed here).
    assert out["external_id"].tolist() == ["K3"]
    assert out["days_overdue"].tolist() == [61]
    assert out["institution"].tolist() == ["State Department for Gender"]
    assert out["county"].tolist() == ["Mombasa"]
    assert out["concern"].iloc[0] == "Survivors of assault in Likoni turned away"
    assert out["overdue"].all() and not out["past_due_unverified"].any()
    # On request, past due but not yet verified follows, marked apart and never overdue.
    both = overdue_commitments(engine=engine, as_of=AS_OF, include_unverified=True)
    assert both["external_id"].tolist() == ["K3", "K4"]
    assert both["overdue"].tolist() == [True, False]
    assert both["past_due_unverified"].tolist() == [False, True]
    assert both["days_past_due"].tolist() == [61, 29]
    assert pd.isna(both["days_overdue"].iloc[1])
    # With the coming month: K6 (due 31 Dec) is still too far, so nothing is added.
    assert len(overdue_commitments(engine=engine, as_of=AS_OF, due_within_days=30)) == 1
    soon = overdue_commitments(engine=engine, as_of=D(2025, 5, 10), due_within_days=30)
    # On 10 May: K8 (stalled, due 31 Mar) and K3 (partly, due 30 Apr) are overdue; K5 and
    # K4 fall due within 30 days. Overdue first by age, then the soonest due.
    assert soon["external_id"].tolist() == ["K8", "K3", "K5", "K4"]
    assert soon["overdue"].tolist() == [True, True, False, False]
    assert soon["days_overdue"].tolist()[:2] == [40, 10]
    assert soon["days_to_due"].tolist()[2:] == [21, 22]
    # Public screen: the concern is its theme, and a sensitive theme's title is withheld.
    pub = overdue_commitments(engine=engine, as_of=AS_OF, include_unverified=True,
                              public=True)
    assert pub["concern"].tolist() == ["Gender-based and domestic violence"] * 2
    assert pub["title"].tolist() == [WITHHELD_TITLE] * 2


def test_fulfilment_curve(engine: sa.Engine, chain: Chain) -> None:
    curve = fulfilment_curve(engine=engine, as_of=AS_OF)
    assert curve["months"].tolist() == [0, 1, 2, 3, 4, 5]
    assert curve["eligible"].tolist() == [7, 7, 7, 7, 5, 3]
    assert curve["fulfilled"].tolist() == [0, 1, 1, 3, 3, 2]
    assert curve["unverified"].tolist() == [1, 1, 1, 1, 1, 1]
    assert curve["share"].tolist() == pytest.approx([0, 1 / 7, 1 / 7, 3 / 7, 3 / 5, 2 / 3])
    by_region = fulfilment_curve(engine=engine, as_of=AS_OF, by="region")
    coast = by_region[by_region["group"] == "Coast"]
    assert coast["eligible"].tolist() == [3] * 6
    assert coast["fulfilled"].tolist() == [0, 0, 0, 2, 2, 2]


def test_forum_fulfilment(engine: sa.Engine, chain: Chain) -> None:
    out = forum_fulfilment(engine=engine, as_of=AS_OF)
    assert out["forum_edition"].tolist() == ["Nairobi Edition", "Pwani Edition"]
    assert out["months_since"].tolist() == [3, 5]
    assert out[["made", "verified", "fulfilled"]].values.tolist() == [[2, 2, 0], [4, 3, 2]]


def test_filters_narrow_every_number(engine: sa.Engine, chain: Chain) -> None:
    only_nairobi = commitment_totals(engine=engine, as_of=AS_OF, county_codes=("047",)).iloc[0]
    assert (only_nairobi["made"], only_nairobi["verified"]) == (2, 2)
    drugs = commitment_totals(engine=engine, as_of=AS_OF, themes=("drugs",)).iloc[0]
    assert (drugs["made"], drugs["fulfilled"]) == (2, 2)
    # Commitments made in the period only (March onwards): K5, K6.
    recent = commitment_totals(engine=engine, as_of=AS_OF, made_from=D(2025, 3, 1)).iloc[0]
    assert (recent["made"], recent["not_fulfilled"]) == (2, 1)


# --- export ------------------------------------------------------------------------------


def test_export_current_status_and_history(engine: sa.Engine, chain: Chain) -> None:
    out = commitments_export(engine=engine, as_of=AS_OF).set_index("external_id")
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
    hist = history_export(engine=engine, as_of=AS_OF)
    assert len(hist) == 12  # every update of K1–K8, including K6's July update
    k8 = hist[hist["external_id"] == "K8"]
    assert k8["status"].tolist() == ["fulfilled", "stalled", "fulfilled"]
    assert set(hist["recorded_by"]) == {"Test clerk"}
    pub = history_export(engine=engine, as_of=AS_OF, public=True)
    assert not {"note", "evidence", "recorded_by"} & set(pub.columns)
    pub_exp = commitments_export(engine=engine, as_of=AS_OF, public=True)
    assert not {"concern_summary", "evidence"} & set(pub_exp.columns)

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
    at.run()
    at = at.switch_page(f"views/{script}").run()
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
    assert kpis["Ahadi zilizotolewa"][0] == "8"
    # Small counts are hidden on a public screen: 1 unverified reads "<5".
    assert kpis["Ahadi zilizotolewa"][1].startswith("<5")
    texts = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "Survivors of assault" not in texts
    for frame in (d.value for d in at.dataframe):
        assert not {"note", "evidence", "recorded_by", "concern_summary"} & set(frame.columns)


def test_commitments_page_region_scope(chain_app_url: str) -> None:
    at = open_page("commitments.py", **{"from": "2025-01", "to": "2025-06", "region": "coast"})
    assert metrics(at)["Commitments made"][0] == "4"
    assert "Institutions compared across each county" in [h.value for h in at.subheader]
