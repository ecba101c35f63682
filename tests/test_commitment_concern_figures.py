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
      and the county metrics export alike (internal screens).

Public screens show concerns by region only, every concern to date, all themes: Turkana's
region (Rift Valley) holds 4 at forums (the November 2024 forum too) and 3 in chiefs'
reports (December 2024 too), both hidden cells.
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
from data_access.forums import forum_totals, forums_in_period
from data_access.hotspots import county_concerns, county_resolution
from data_access.metrics import DEFINITIONS
from data_access.privacy import NotForPublic, shown_text
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

    # The commitment functions, for the internal audience (true counts).
    ck = {**kw, "audience": Audience.INTERNAL}
    assert _late(commitment_totals(engine=eng, **ck)) == (1, 1)
    assert _late(summarise_by(frame.reset_index(), "county_code")) == (1, 1)
    region = resolution_by_region(engine=eng, **ck).set_index("region_code").loc[[REGION]]
    assert _late(region) == (1, 1)
    for by in ("region", "county", "institution", "theme"):
        assert _late(resolution_by(engine=eng, by=by, **ck)) == (1, 1), by
    assert _late(institution_region_matrix(engine=eng, **ck)) == (1, 1)
    assert _late(forum_fulfilment(engine=eng, **ck)) == (1, 1)

    overdue = overdue_commitments(engine=eng, **ck)
    assert overdue["external_id"].tolist() == ["K1"]
    both = overdue_commitments(engine=eng, include_unverified=True, **ck)
    assert both["external_id"].tolist() == ["K1", "K2"] and _late(both) == (1, 1)

    export = commitments_export(engine=eng, **ck)
    assert (int(export["overdue_as_of"].sum()),
            int(export["past_due_unverified_as_of"].sum())) == (1, 1)

    statuses = commitment_status_counts(engine=eng, county_codes=(TURKANA,), **ck)
    assert _late(statuses) == (1, 1)
    by_status = statuses.set_index("status")
    assert by_status.loc["in_progress", "overdue"] == 1
    assert by_status.loc["unverified", ["overdue", "past_due_unverified"]].tolist() == [0, 1]
    items = commitment_list(engine=eng, county_codes=(TURKANA,), **ck)
    assert items["commitment_id"].tolist()[:2] == [1, 2]  # overdue, then past due unverified
    assert _late(items) == (1, 1)

    hotspot = county_resolution(engine=eng, **ck).set_index("county_code").loc[[TURKANA]]
    assert _late(hotspot) == (1, 1)

    metrics = export_frame(eng, kind="county-metrics", start=START, end=END,
                           audience=Audience.INTERNAL)
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


INTERNAL = {"audience": Audience.INTERNAL}
PUBLIC = {"audience": Audience.PUBLIC}


def test_concerns_raised_parts_and_total(figures_db: sa.Engine) -> None:
    row = concerns_raised(engine=figures_db, start=START, end=END, **INTERNAL).iloc[0]
    assert [row[c] for c in PARTS] == [3, 2, 5]
    assert [row[f"{c}_display"] for c in PARTS] == ["3", "2", "5"]
    county = concerns_raised(engine=figures_db, start=START, end=END, by="county", **INTERNAL)
    assert len(county) == 47
    assert county.set_index("county_code").loc[TURKANA, PARTS].tolist() == [3, 2, 5]
    assert int(county["concerns"].sum()) == 5
    theme = concerns_raised(engine=figures_db, start=START, end=END,
                            by="theme", **INTERNAL).set_index("theme_code")
    assert theme.loc["cattle_rustling", PARTS].tolist() == [2, 1, 3]
    assert theme.loc["drugs", PARTS].tolist() == [0, 1, 1]
    assert theme.loc["banditry", PARTS].tolist() == [1, 0, 1]
    pairs = concerns_raised(engine=figures_db, start=START, end=END, by="county_theme",
                            **INTERNAL)
    assert int(pairs["concerns"].sum()) == 5 and set(pairs["county_code"]) == {TURKANA}
    # A report month counts whole: a period ending mid-June still holds the 20 June report.
    mid = concerns_raised(engine=figures_db, start=START, end=D(2025, 6, 10),
                          **INTERNAL).iloc[0]
    assert mid["chief_concerns"] == 2
    region = concerns_raised(engine=figures_db, start=START, end=END, by="region",
                             **INTERNAL).set_index("region_code")
    assert len(region) == 8 and region.loc[REGION, PARTS].tolist() == [3, 2, 5]
    assert int(region["concerns"].sum()) == 5
    with pytest.raises(ValueError, match="by must be"):
        concerns_raised(engine=figures_db, start=START, end=END, by="institution", **INTERNAL)


def test_overview_hotspots_profile_and_export_agree_on_concerns(figures_db: sa.Engine) -> None:
    kw = {"start": START, "end": END}
    overview = concerns_raised(engine=figures_db, **kw, **INTERNAL).iloc[0]  # Overview card
    hotspots = county_concerns(engine=figures_db, **kw, **INTERNAL).set_index(
        "county_code").loc[TURKANA]
    profile = concerns_raised(engine=figures_db, county_codes=(TURKANA,), **kw,
                              **INTERNAL).iloc[0]
    by_theme = concerns_by_theme(engine=figures_db, county_codes=(TURKANA,), **kw, **INTERNAL)
    metrics = export_frame(figures_db, kind="county-metrics", audience=Audience.INTERNAL,
                           **kw).set_index(
        "county_code").loc[TURKANA]
    for figures in (overview, hotspots, profile, metrics):
        assert [figures[c] for c in PARTS] == [3, 2, 5]
    assert [int(by_theme[c].sum()) for c in PARTS] == [3, 2, 5]
    assert hotspots["forums"] == 1  # forums held, shown beside the count


def test_public_concerns_are_sums_of_protected_region_cells(figures_db: sa.Engine) -> None:
    """Public cells: region × part, every concern to date, all themes. Rift Valley holds 4
    at forums and 3 in chiefs' reports (hidden: 2.5 each); the other regions none."""
    kenya = concerns_raised(engine=figures_db, start=START, end=END, **PUBLIC).iloc[0]
    # Each part reads "<5" (no value given); the total is 2.5 + 2.5, shown as a range.
    assert kenya[PARTS].isna().tolist() == [True, True, False] and kenya["concerns"] == 5.0
    assert [kenya[f"{c}_hidden"] for c in PARTS] == [1, 1, 2]
    assert [kenya[f"{c}_display"] for c in PARTS] == ["<5", "<5", shown_text(5, 2)] == \
        ["<5", "<5", "2–8"]
    assert kenya["concerns_at_least"] == 5  # what a chart draws: the protected total
    assert (kenya["area"], kenya["area_sw"]) == ("Kenya", "Kenya")
    regions = concerns_raised(engine=figures_db, start=START, end=END, by="region",
                              **PUBLIC).set_index("region_code")
    assert len(regions) == 8
    assert regions.loc[REGION, [f"{c}_display" for c in PARTS]].tolist() == \
        ["<5", "<5", "2–8"]
    assert regions.drop(index=REGION)["concerns"].eq(0).all()
    # A county shows its region's figure, named.
    turkana = concerns_raised(engine=figures_db, start=START, end=END,
                              county_codes=(TURKANA,), **PUBLIC).iloc[0]
    assert turkana["concerns_display"] == "2–8" and turkana["area"] == "Rift Valley"
    # No breakdown by county or theme in public.
    for by in ("county", "theme", "county_theme"):
        with pytest.raises(NotForPublic):
            concerns_raised(engine=figures_db, start=START, end=END, by=by, **PUBLIC)
    with pytest.raises(NotForPublic):
        county_concerns(engine=figures_db, start=START, end=END, **PUBLIC)
    with pytest.raises(NotForPublic):
        concerns_by_theme(engine=figures_db, start=START, end=END, county_codes=(TURKANA,),
                          **PUBLIC)


def test_theme_county_and_period_do_not_change_public_concern_figures(
        figures_db: sa.Engine) -> None:
    """Any filter that changed which concerns a public cell holds would let two public
    figures be subtracted: the theme filter, the area within a region and the period
    change nothing shown."""
    rift = tuple(c.code for c in reference.counties() if c.region_code == REGION)
    periods = ((START, END), (D(2024, 11, 1), D(2024, 11, 30)), (D(2026, 1, 1),
                                                                D(2026, 6, 30)))
    shown: dict[tuple, dict] = {}
    for themes in ((), ("cattle_rustling",), ("drugs",), ("gbv",)):
        for area in ((), (TURKANA,), rift):
            for start, end in periods:
                row = concerns_raised(engine=figures_db, start=start, end=end,
                                      county_codes=area, themes=themes, **PUBLIC).iloc[0]
                shown[(themes, area, start)] = row.astype(object).where(row.notna(),
                                                                        None).to_dict()
    kenya = {k: v for k, v in shown.items() if not k[1]}
    region = {k: v for k, v in shown.items() if k[1]}
    for group in (kenya, region):
        first = next(iter(group.values()))
        assert all(v == first for v in group.values())
    # Internally each of them is its own figure.
    assert concerns_raised(engine=figures_db, start=START, end=END, themes=("drugs",),
                           **INTERNAL).iloc[0]["concerns"] == 1


def test_concern_functions_need_the_audience(figures_db: sa.Engine) -> None:
    kw = {"start": START, "end": END}
    for call in (concerns_raised, county_concerns, concerns_by_theme):
        with pytest.raises(TypeError):
            call(engine=figures_db, **kw)
        with pytest.raises(TypeError, match="audience"):
            call(engine=figures_db, **kw, audience=True)  # the old public=True flag
    for call in (forums_in_period, forum_totals):
        with pytest.raises(TypeError):
            call(engine=figures_db, **kw)
    with pytest.raises(NotForPublic):  # venues and editions, one by one
        forums_in_period(engine=figures_db, **kw, **PUBLIC)
    assert forum_totals(engine=figures_db, **kw, **PUBLIC).iloc[0].to_dict() == {
        "forums": 1, "attendance": 250, "forums_display": "1", "attendance_display": "250",
        "status": "held"}


# --- the leak: Mombasa's one GBV concern ------------------------------------------------------
#
# Tester's table: "Overview 'Concerns raised' card, briefing: Mombasa GBV: '1' (Hotspots
# shows '<5')". With the GBV theme filter the public card and the brief read the single
# GBV concern exactly, and beside the all-themes figures any theme's count could be had by
# difference. Public concern figures are now by region only, all themes, to date: the
# theme filter, the county and the period change nothing shown, and there is no county or
# theme breakdown (the Hotspots "concerns" mode and the profile's themes are internal).
#
# Mombasa (001), Coast: a forum on 12 Mar 2025 with 6 drugs concerns and 1 GBV concern,
# and ``gbv`` GBV concerns (1–4) in a chief's report of March 2025 — alone in Coast's
# chiefs' part, a hidden cell. Coast reads 7 at forums + "<5" in chiefs' reports
# = 7 + 2.5 → "8–11", whatever ``gbv`` is and whatever the filters say.

MOMBASA = "001"


def add_mombasa(engine: sa.Engine, gbv: int) -> None:
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="forums", name="Mombasa")
        conn.execute(s.forums.insert(), [
            {"id": 50, "external_id": "F50", "edition": "Pwani Edition", "county_code": MOMBASA,
             "venue": "Tononoka", "held_on": D(2025, 3, 12), "attendance_total": 400,
             "source_id": src}])
        rows = [(50, "drugs")] * 6 + [(50, "gbv")] + [(None, "gbv")] * gbv
        conn.execute(s.concerns.insert(), [
            {"id": 50 + i, "external_id": f"C{50 + i}", "forum_id": forum,
             "origin": "forum" if forum else "chief_report", "county_code": MOMBASA,
             "theme_code": theme, "summary": "private",
             "raised_on": D(2025, 3, 12) if forum else D(2025, 3, 20), "source_id": src}
            for i, (forum, theme) in enumerate(rows)])
        bump_data_version(conn)


def _mombasa_public(engine: sa.Engine, monkeypatch: pytest.MonkeyPatch, url: str) -> dict:
    """Every concern figure a public screen shows for Mombasa: the Overview card and its
    note (the page itself), the brief's key number and note, the profile's card (the
    page), with and without the GBV theme filter; and what the public is refused."""
    import ui.briefing as briefing

    monkeypatch.setattr(briefing, "render_png", lambda figures: [b""] * len(figures))
    shown: dict = {}
    for themes in ((), ("gbv",)):
        page = {"county": MOMBASA, "mode": "public", "theme": ",".join(themes),
                "from": "2025-01", "to": "2025-06"}
        at = run_page(url, monkeypatch, "overview.py", **page)
        assert not problems(at), "\n".join(problems(at))
        shown[("overview", themes)] = _metrics(at)["Concerns raised"][:2]
        shown[("overview note", themes)] = [c.value for c in at.caption
                                            if c.value.startswith("Concerns raised on")]
        at = run_page(url, monkeypatch, "county_profile.py", **page)
        assert not problems(at), "\n".join(problems(at))
        shown[("profile", themes)] = _metrics(at)["Concerns raised"][:2]
        shown[("profile info", themes)] = [i.value for i in at.info]
        scope = Scope(Period(START, END), Audience.PUBLIC, county=MOMBASA, themes=themes)
        content = briefing._gather(
            scope=scope, county_codes=(MOMBASA,), scope_label="Mombasa", start=START,
            end=END, categories=(), themes=themes, public=True, lang="en", engine=engine,
            now=dt.datetime(2025, 7, 1, 9, 0), timings={})
        shown[("brief", themes)] = next((value, detail) for label, value, detail, _ in
                                        content.kpis if label == "Concerns raised")
        shown[("brief notes", themes)] = content.notes
        kw = {"start": START, "end": END, "themes": themes, **PUBLIC}
        for call in (county_concerns, concerns_by_theme):  # Hotspots map, profile chart
            with pytest.raises(NotForPublic):
                call(engine=engine, county_codes=(MOMBASA,), **kw)
    return shown


def test_mombasa_gbv_concern_cannot_be_recovered_on_public_screens(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Overview 'Concerns raised' card, briefing: Mombasa GBV: '1' (Hotspots shows '<5')."""
    seen = []
    for gbv in (1, 4):  # two databases, the same but for Mombasa's hidden GBV count
        url = f"sqlite:///{tmp_path / f'gbv{gbv}.db'}"
        engine = get_engine(url)
        try:
            init_db(engine)
            build(engine)
            add_mombasa(engine, gbv)
            seen.append(_mombasa_public(engine, monkeypatch, url))
        finally:
            engine.dispose()
    one, four = seen
    assert one == four  # a hidden count from 1 to 4: nothing shown moves
    coast = (shown_text(9.5, 1), "7 at forums · <5 in chiefs' reports")
    assert coast[0] == "8–11"
    # The GBV theme filter changes nothing: Coast, all themes, to date — never "1".
    for themes in ((), ("gbv",)):
        assert one[("overview", themes)] == coast
        assert one[("brief", themes)] == coast
        assert one[("profile", themes)] == coast
        note = ("Concerns raised on public screens: all themes, since records began, by "
                "region. Shown: Coast.")
        assert one[("overview note", themes)] == [note]
        assert note in one[("brief notes", themes)]
        assert any("Concerns by theme are not shown on public screens" in i
                   for i in one[("profile info", themes)])
        assert any("top concerns is not shown on public screens" in i
                   for i in one[("profile info", themes)])


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
