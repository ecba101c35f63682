"""Overdue, past due not yet verified, and concerns raised: one definition, the same
numbers wherever they are shown (docs/METHODS.md, "Commitments" and "Concerns").

A small database, worked by hand. Turkana (023), period Jan–Jun 2025, status as of
30 Jun 2025:

    commitment  due        history                      on 30 Jun 2025
    K1          31 May 25  in progress 1 Apr            overdue (verified, past due, open)
    K2          15 May 25  (none)                       past due, not yet verified
    K3          15 Jun 25  fulfilled 1 Jun              fulfilled (on time)
    K4          30 Apr 25  not fulfilled 5 May          closed: neither

    → overdue = 1, past due not yet verified = 1 (never overdue).

Concerns raised in Turkana, Jan–Jun 2025:

- at forums: 3, raised at the forum held on 10 Mar 2025 (one typed in on 2 Jul: a forum
  concern is dated by its forum);
- in chiefs' reports: 2 (14 Feb and 20 Jun 2025);
- left out: a concern of a forum held in Nov 2024, a chief's-report concern of Dec 2024
  and a concern captured live (neither part);

    → forum 3 + chiefs 2 = 5, on the Overview, the Hotspots map, the profile, the brief
      and the county metrics export alike.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import reference
from data_access import schema as s
from data_access.commitment_updates import record_update
from data_access.commitments import (
    commitment_totals,
    commitments_as_of,
    commitments_export,
    forum_fulfilment,
    institution_region_matrix,
    overdue_commitments,
    resolution_by,
    resolution_by_region,
    summarise_by,
)
from data_access.concerns import concerns_raised
from data_access.county_profile import (
    commitment_list,
    commitment_status_counts,
    concerns_by_theme,
)
from data_access.engine import bump_data_version, get_engine, init_db, new_source
from data_access.exports import export_frame
from data_access.figures.scope import Audience, Period, Scope
from data_access.hotspots import county_concerns, county_resolution
from data_access.metrics import DEFINITIONS
from tests.apptest_helpers import problems, run_page

D = dt.date
START, END = D(2025, 1, 1), D(2025, 6, 30)
TURKANA = "023"
REGION = next(c.region_code for c in reference.counties() if c.code == TURKANA)
PARTS = ["forum_concerns", "chief_concerns", "concerns"]


def build(engine: sa.Engine) -> None:
    """Write the database of the module docstring."""
    now = dt.datetime(2025, 7, 1, 9, 0)
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="forums", name="hand-built figures")
        conn.execute(s.forums.insert(), [
            {"id": 1, "external_id": "F1", "edition": "Turkana Edition", "county_code": TURKANA,
             "venue": "Lodwar", "held_on": D(2025, 3, 10), "attendance_total": 250,
             "source_id": src},
            {"id": 2, "external_id": "F0", "edition": "Turkana Edition", "county_code": TURKANA,
             "venue": "Kakuma", "held_on": D(2024, 11, 1), "attendance_total": 90,
             "source_id": src}])
        # (id, forum, origin, theme, raised_on)
        concerns = [
            (1, 1, "forum", "cattle_rustling", D(2025, 3, 10)),
            (2, 1, "forum", "cattle_rustling", D(2025, 3, 10)),
            (3, 1, "forum", "banditry", D(2025, 7, 2)),  # typed in later: still March's forum
            (4, None, "chief_report", "drugs", D(2025, 2, 14)),
            (5, None, "chief_report", "cattle_rustling", D(2025, 6, 20)),
            (6, 2, "forum", "banditry", D(2024, 11, 1)),  # forum before the period
            (7, None, "chief_report", "drugs", D(2024, 12, 28)),  # report before the period
            (8, None, "live_capture", "banditry", D(2025, 4, 1)),  # neither part
        ]
        conn.execute(s.concerns.insert(), [
            {"id": cid, "external_id": f"C{cid}", "forum_id": forum, "origin": origin,
             "county_code": TURKANA, "theme_code": theme, "summary": "hand-built",
             "raised_on": raised, "source_id": src}
            for cid, forum, origin, theme, raised in concerns])
        # (id, concern, due, updates)
        commitments = [
            (1, 1, D(2025, 5, 31), [("in_progress", D(2025, 4, 1))]),
            (2, 2, D(2025, 5, 15), []),
            (3, 3, D(2025, 6, 15), [("fulfilled", D(2025, 6, 1))]),
            (4, 1, D(2025, 4, 30), [("not_fulfilled", D(2025, 5, 5))]),
        ]
        conn.execute(s.commitments.insert(), [
            {"id": cid, "external_id": f"K{cid}", "concern_id": concern,
             "institution_code": "nps", "title": f"Commitment K{cid}",
             "made_on": D(2025, 3, 10), "due_on": due,
             "current_status": ups[-1][0] if ups else "unverified", "source_id": src}
            for cid, concern, due, ups in commitments])
        conn.execute(s.commitment_updates.insert(), [
            {"commitment_id": cid, "status": status, "updated_on": on, "recorded_at": now,
             "source_id": src}
            for cid, _, _, ups in commitments for status, on in ups])
        bump_data_version(conn)


@pytest.fixture
def figures_db(engine: sa.Engine) -> sa.Engine:
    build(engine)
    return engine


def _late(frame: pd.DataFrame) -> tuple[int, int]:
    """(overdue, past_due_unverified) summed over a frame's rows."""
    return int(frame["overdue"].sum()), int(frame["past_due_unverified"].sum())


# --- overdue and past due, not yet verified ---------------------------------------------


def test_definitions_say_what_is_counted() -> None:
    assert DEFINITIONS["overdue"].startswith("Overdue = verified")
    assert "never as overdue" in DEFINITIONS["overdue"]
    assert "Past due, not yet verified" in DEFINITIONS["past_due_unverified"]
    assert ("fulfilled on or before the due date ÷ fulfilled commitments that had a due "
            "date") in DEFINITIONS["on_time"]


def test_every_commitment_function_gives_one_overdue_and_one_past_due_unverified(
        figures_db: sa.Engine) -> None:
    eng, kw = figures_db, {"as_of": END}
    frame = commitments_as_of(engine=eng, **kw).set_index("external_id")
    assert frame["overdue"].to_dict() == {"K1": True, "K2": False, "K3": False, "K4": False}
    assert frame["past_due_unverified"].to_dict() == {"K1": False, "K2": True, "K3": False,
                                                      "K4": False}
    assert frame.loc["K1", "days_overdue"] == 30 and pd.isna(frame.loc["K2", "days_overdue"])
    assert frame.loc["K2", "days_past_due"] == 46
    assert _late(frame) == (1, 1)

    assert _late(commitment_totals(engine=eng, **kw)) == (1, 1)
    assert _late(summarise_by(frame.reset_index(), "county_code")) == (1, 1)
    region = resolution_by_region(engine=eng, **kw).set_index("region_code").loc[[REGION]]
    assert _late(region) == (1, 1)
    for by in ("region", "county", "institution", "theme"):
        assert _late(resolution_by(engine=eng, by=by, **kw)) == (1, 1), by
    assert _late(institution_region_matrix(engine=eng, **kw)) == (1, 1)
    assert _late(forum_fulfilment(engine=eng, **kw)) == (1, 1)

    overdue = overdue_commitments(engine=eng, **kw)
    assert overdue["external_id"].tolist() == ["K1"]
    both = overdue_commitments(engine=eng, include_unverified=True, **kw)
    assert both["external_id"].tolist() == ["K1", "K2"] and _late(both) == (1, 1)

    export = commitments_export(engine=eng, **kw)
    assert (int(export["overdue_as_of"].sum()),
            int(export["past_due_unverified_as_of"].sum())) == (1, 1)

    statuses = commitment_status_counts(engine=eng, county_codes=(TURKANA,), **kw)
    assert _late(statuses) == (1, 1)
    by_status = statuses.set_index("status")
    assert by_status.loc["in_progress", "overdue"] == 1
    assert by_status.loc["unverified", ["overdue", "past_due_unverified"]].tolist() == [0, 1]
    items = commitment_list(engine=eng, county_codes=(TURKANA,), **kw)
    assert items["commitment_id"].tolist()[:2] == [1, 2]  # overdue, then past due unverified
    assert _late(items) == (1, 1)

    hotspot = county_resolution(engine=eng, **kw).set_index("county_code").loc[[TURKANA]]
    assert _late(hotspot) == (1, 1)

    metrics = export_frame(eng, kind="county-metrics", start=START, end=END)
    assert _late(metrics) == (1, 1)


def test_a_check_turns_past_due_into_overdue(figures_db: sa.Engine) -> None:
    """On 20 May only K2 (due 15 May) is late, and it is unverified: apart, not overdue.
    Once a check records it as in progress, the same commitment is overdue."""
    may = D(2025, 5, 20)
    assert _late(commitments_as_of(engine=figures_db, as_of=may)) == (0, 1)
    record_update(commitment_id=2, status="in_progress", updated_on=D(2025, 5, 16),
                  expected_version=0, recorded_by="Clerk", today=D(2025, 7, 1),
                  engine=figures_db)
    assert _late(commitments_as_of(engine=figures_db, as_of=may)) == (1, 0)


# --- concerns raised ----------------------------------------------------------------------


def test_concerns_raised_parts_and_total(figures_db: sa.Engine) -> None:
    row = concerns_raised(engine=figures_db, start=START, end=END).iloc[0]
    assert [row[c] for c in PARTS] == [3, 2, 5]
    assert [row[f"{c}_display"] for c in PARTS] == ["3", "2", "5"]
    county = concerns_raised(engine=figures_db, start=START, end=END, by="county")
    assert len(county) == 47
    assert county.set_index("county_code").loc[TURKANA, PARTS].tolist() == [3, 2, 5]
    assert int(county["concerns"].sum()) == 5
    theme = concerns_raised(engine=figures_db, start=START, end=END,
                            by="theme").set_index("theme_code")
    assert theme.loc["cattle_rustling", PARTS].tolist() == [2, 1, 3]
    assert theme.loc["drugs", PARTS].tolist() == [0, 1, 1]
    assert theme.loc["banditry", PARTS].tolist() == [1, 0, 1]
    pairs = concerns_raised(engine=figures_db, start=START, end=END, by="county_theme")
    assert int(pairs["concerns"].sum()) == 5 and set(pairs["county_code"]) == {TURKANA}
    # A report month counts whole: a period ending mid-June still holds the 20 June report.
    mid = concerns_raised(engine=figures_db, start=START, end=D(2025, 6, 10)).iloc[0]
    assert mid["chief_concerns"] == 2
    with pytest.raises(ValueError, match="by must be"):
        concerns_raised(engine=figures_db, start=START, end=END, by="region")


def test_overview_hotspots_profile_and_export_agree_on_concerns(figures_db: sa.Engine) -> None:
    kw = {"start": START, "end": END}
    overview = concerns_raised(engine=figures_db, **kw).iloc[0]  # the Overview's card
    hotspots = county_concerns(engine=figures_db, **kw).set_index("county_code").loc[TURKANA]
    profile = concerns_raised(engine=figures_db, county_codes=(TURKANA,), **kw).iloc[0]
    by_theme = concerns_by_theme(engine=figures_db, county_codes=(TURKANA,), **kw)
    metrics = export_frame(figures_db, kind="county-metrics", **kw).set_index(
        "county_code").loc[TURKANA]
    for figures in (overview, hotspots, profile, metrics):
        assert [figures[c] for c in PARTS] == [3, 2, 5]
    assert [int(by_theme[c].sum()) for c in PARTS] == [3, 2, 5]
    assert hotspots["forums"] == 1  # forums held, shown beside the count


def test_public_total_beside_a_hidden_part_is_a_lower_bound(figures_db: sa.Engine) -> None:
    row = concerns_raised(engine=figures_db, start=START, end=END, public=True).iloc[0]
    # 3 and 2 are both hidden; the total 5 is shown as "≥ 2" (each hidden part ≥ 1),
    # so neither part can be worked out from it.
    assert [row[f"{c}_display"] for c in PARTS] == ["<5", "<5", "≥ 2"]
    assert pd.isna(row["concerns"]) and row["concerns_at_least"] == 2


# --- the pages and the brief ----------------------------------------------------------------


@pytest.fixture
def figures_url(sqlite_url: str) -> str:
    eng = get_engine(sqlite_url)
    init_db(eng)
    build(eng)
    return sqlite_url


def _metrics(at) -> dict[str, tuple[str, str, str]]:
    return {m.label: (m.value, m.proto.delta, m.proto.delta_description) for m in at.metric}


def test_overview_cards(figures_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(figures_url, monkeypatch, "overview.py", **{"from": "2025-01", "to": "2025-06"})
    assert not problems(at), "\n".join(problems(at))
    cards = _metrics(at)
    assert cards["Concerns raised"][:2] == ("5", "3 at forums · 2 in chiefs' reports")
    assert cards["Overdue commitments"] == ("1", "of 4 made",
                                            "1 past due, unverified")


def test_county_profile_cards(figures_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(figures_url, monkeypatch, "county_profile.py",
                  **{"county": TURKANA, "from": "2025-01", "to": "2025-06"})
    assert not problems(at), "\n".join(problems(at))
    cards = _metrics(at)
    assert cards["Concerns raised"][:2] == ("5", "3 at forums · 2 in chiefs' reports")
    captions = " ".join(c.value for c in at.caption)
    assert "1 overdue on 30 Jun 2025; 1 more past due, not yet verified" in captions


def test_brief_key_numbers(figures_db: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.briefing as briefing

    # The numbers only: no images are drawn.
    monkeypatch.setattr(briefing, "render_png", lambda figures: [b""] * len(figures))
    scope = Scope(Period(START, END), Audience.INTERNAL, county=TURKANA)
    content = briefing._gather(
        scope=scope, county_codes=(TURKANA,), scope_label="Turkana", start=START, end=END,
        categories=(), themes=(), public=False, lang="en", engine=figures_db,
        now=dt.datetime(2025, 7, 1, 9, 0), timings={})
    kpis = {label: (value, detail) for label, value, detail, _definition in content.kpis}
    assert kpis["Concerns raised"] == ("5", "3 at forums · 2 in chiefs' reports")
    assert kpis["Overdue commitments"][0] == "1"
    assert "1 past due, unverified" in kpis["Overdue commitments"][1]
    assert len(content.overdue) == 1  # K1 only: K2 is not overdue
