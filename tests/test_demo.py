"""The demo generator: deterministic, realistic in shape, removable, on both backends."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import numpy as np
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa
from shapely.geometry import shape

from data_access import demo_content as content
from data_access import reference, schema
from data_access.demo import (
    BOUNDARIES_GEOJSON,
    default_end_month,
    generate_demo,
    has_demo_data,
    remove_demo_data,
)
from data_access.engine import get_engine, new_source
from data_access.hexes import cell_for

END = dt.date(2026, 10, 1)
END_DAY = dt.date(2026, 10, 31)
SMALL = {"seed": 11, "years": 3, "incidents": 6000, "end_month": END}


# --- helpers -------------------------------------------------------------------------------


def _norm(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def table_hashes(engine) -> dict[str, str]:
    """A hash of every row of every table (ordered by primary key), except load times."""
    out = {}
    with engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            cols = [c for c in table.c if not (table is schema.data_sources
                                               and c.name == "created_at")]
            stmt = sa.select(*cols).order_by(*table.primary_key.columns)
            digest = hashlib.sha256()
            for row in conn.execute(stmt):
                digest.update(repr(tuple(_norm(v) for v in row)).encode())
            out[table.name] = digest.hexdigest()
    return out


def _comparable(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k != "seconds"}


def _count(conn, table, *where) -> int:
    stmt = sa.select(sa.func.count()).select_from(table)
    for w in where:
        stmt = stmt.where(w)
    return conn.execute(stmt).scalar_one()


# --- determinism -----------------------------------------------------------------------------


def test_same_seed_gives_identical_rows(tmp_path):
    first = get_engine(f"sqlite:///{tmp_path / 'a.db'}")
    second = get_engine(f"sqlite:///{tmp_path / 'b.db'}")
    other = get_engine(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        s1 = generate_demo(first, **SMALL)
        s2 = generate_demo(second, **SMALL)
        generate_demo(other, **{**SMALL, "seed": 12})
        assert _comparable(s1) == _comparable(s2)
        h1, h2, h3 = table_hashes(first), table_hashes(second), table_hashes(other)
        assert h1 == h2
        for table in ("incidents", "concerns", "commitment_updates", "chief_reports"):
            assert h1[table] != h3[table], f"{table} does not depend on the seed"
    finally:
        for eng in (first, second, other):
            eng.dispose()


@pytest.mark.postgres
def test_same_rows_on_sqlite_and_postgresql(sqlite_url, postgres_url):
    lite, pg = get_engine(sqlite_url), get_engine(postgres_url)
    s1 = generate_demo(lite, **SMALL)
    s2 = generate_demo(pg, **SMALL)
    assert _comparable(s1) == _comparable(s2)
    assert table_hashes(lite) == table_hashes(pg)


def test_regenerating_replaces_demo_rows_and_keeps_imported_ones(engine):
    with engine.begin() as conn:
        sid = new_source(conn, kind="import", dataset="incidents", name="real.csv")
        conn.execute(schema.incidents.insert().values(
            external_id="real-1", occurred_on=dt.date(2026, 10, 3), month=END,
            county_code="047", category_code="robbery", latitude=-1.28, longitude=36.82,
            h3_cell=cell_for(-1.28, 36.82, 5), source_id=sid))
        conn.execute(schema.crime_counts.insert().values(
            county_code="047", category_code="robbery", period_start=dt.date(2020, 1, 1),
            period_end=dt.date(2020, 12, 31), grain="year", month=dt.date(2020, 1, 1),
            count=999, publication="Real report", source_id=sid))
        conn.execute(schema.forums.insert().values(
            external_id="real-forum", edition="Real Edition", county_code="047",
            venue="Hall", held_on=dt.date(2026, 1, 5), source_id=sid))

    assert has_demo_data(engine) is False
    first = generate_demo(engine, **{**SMALL, "incidents": 3000})
    assert has_demo_data(engine) is True
    second = generate_demo(engine, **{**SMALL, "incidents": 3000})
    assert _comparable(first) == _comparable(second)
    with engine.connect() as conn:
        ds = schema.data_sources
        assert _count(conn, ds, ds.c.kind == "demo") == 1
        assert _count(conn, schema.incidents) == 3001
        assert _count(conn, schema.forums) == first["forums"] + 1

    with engine.begin() as conn:
        assert remove_demo_data(conn) is True
    assert has_demo_data(engine) is False
    with engine.connect() as conn:
        for table in schema.FACT_TABLES_DELETE_ORDER:
            assert _count(conn, table, table.c.source_id != sid) == 0, table.name
        assert _count(conn, schema.forum_attendance) == 0
        assert _count(conn, schema.incidents) == 1
        assert _count(conn, schema.crime_counts) == 1
        assert _count(conn, schema.forums) == 1
        # The aggregates now hold the imported rows only.
        agg = conn.execute(sa.select(schema.crime_agg.c.grain, schema.crime_agg.c.count)
                           .order_by(schema.crime_agg.c.grain)).all()
        assert [tuple(r) for r in agg] == [("day", 1), ("year", 999)]
        assert _count(conn, schema.hex_cells) == 1
    with engine.begin() as conn:
        assert remove_demo_data(conn) is False


def test_has_demo_data_on_a_database_without_tables(tmp_path):
    eng = get_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert has_demo_data(eng) is False
    finally:
        eng.dispose()


# --- what the demo contains (shared demo database, read only) --------------------------------


@pytest.fixture(scope="module")
def demo(demo_db):
    eng = get_engine(demo_db.url)
    end = demo_db.summary["end_month"]
    end_day = (pd.Timestamp(end) + pd.offsets.MonthEnd(0)).date()
    return eng, demo_db.summary, end, end_day


def _frame(eng, stmt) -> pd.DataFrame:
    with eng.connect() as conn:
        return pd.DataFrame(conn.execute(stmt).mappings().all())


def test_summary_counts_match_the_tables(demo):
    eng, summary, _end, _ = demo
    with eng.connect() as conn:
        for name in ("forums", "forum_attendance", "concerns", "commitments",
                     "commitment_updates", "chief_locations", "chief_reports", "crime_counts",
                     "incidents", "crime_agg", "hex_cells"):
            assert _count(conn, schema.metadata.tables[name]) == summary[name], name
    assert summary["incidents"] == 20_000


def test_forum_editions_follow_the_programme(demo):
    eng, _summary, end, _ = demo
    forums = _frame(eng, sa.select(schema.forums).order_by(schema.forums.c.held_on))
    if end < dt.date(2025, 10, 1):
        pytest.skip("the demo ends before the last forum edition")
    assert 25 <= len(forums) <= 35
    first, last = forums.iloc[0], forums.iloc[-1]
    assert (first["edition"], first["county_code"], first["held_on"]) == (
        "Pwani Edition", "001", dt.date(2025, 4, 8))
    assert forums.iloc[1]["county_code"] == "024"  # Kapenguria, West Pokot
    assert last["county_code"] == "047" and last["held_on"].month == 10
    assert forums["attendance_total"].between(300, 2500).all()
    att = _frame(eng, sa.select(schema.forum_attendance))
    assert set(att["group_code"]) <= set(reference.ATTENDANCE_GROUPS)
    sums = att.groupby("forum_id")["attendees"].sum()
    assert (forums.set_index("id")["attendance_total"] == sums).all()


def test_concerns_carry_each_regions_themes(demo):
    eng, *_ = demo
    concerns = _frame(eng, sa.select(schema.concerns))
    forum_concerns = concerns[concerns["origin"] == "forum"]
    per_forum = forum_concerns.groupby("forum_id").size()
    assert per_forum.between(4, 10).all()
    assert (concerns["origin"] == "chief_report").any()
    assert concerns.loc[concerns["origin"] == "chief_report", "forum_id"].isna().all()
    assert set(forum_concerns["raised_by_group"]) <= set(reference.ATTENDANCE_GROUPS)
    themes = forum_concerns.groupby("county_code")["theme_code"].agg(set)
    assert themes["024"] & {"cattle_rustling", "banditry", "illegal_mining",
                            "arms_smuggling"}
    assert themes["047"] & {"youth_gangs", "drugs", "police_conduct"}
    assert not themes["047"] & {"cattle_rustling", "maritime_security"}
    assert themes["001"] & {"violent_extremism", "drugs", "land_disputes"}
    assert forum_concerns["summary"].str.len().between(20, 200).all()


def test_commitments_answer_concerns_by_the_right_institution(demo):
    eng, *_ = demo
    c, con = schema.commitments, schema.concerns
    frame = _frame(eng, sa.select(c.c.institution_code, c.c.made_on, c.c.due_on,
                                  con.c.theme_code, con.c.raised_on, con.c.origin)
                   .select_from(c.join(con, c.c.concern_id == con.c.id)))
    allowed = {theme: {inst for inst, _ in templates}
               for theme, templates in content.COMMITMENT_TEMPLATES.items()}
    assert frame.apply(lambda r: r["institution_code"] in allowed[r["theme_code"]],
                       axis=1).all()
    months = (pd.to_datetime(frame["due_on"]) - pd.to_datetime(frame["made_on"])).dt.days
    assert months.between(28, 366).all()
    forum = frame[frame["origin"] == "forum"]
    assert (forum["made_on"] == forum["raised_on"]).all()
    with eng.connect() as conn:
        answered = conn.execute(sa.select(sa.func.count(sa.distinct(c.c.concern_id)))
                                .select_from(c.join(con, c.c.concern_id == con.c.id))
                                .where(con.c.origin == "forum")).scalar_one()
        total = _count(conn, con, con.c.origin == "forum")
    assert 0.55 <= answered / total <= 0.85


def test_status_histories_are_consistent(demo):
    eng, _summary, _end, end_day = demo
    coms = _frame(eng, sa.select(schema.commitments)).set_index("id")
    ups = _frame(eng, sa.select(schema.commitment_updates)).sort_values(
        ["commitment_id", "updated_on", "id"])
    assert set(ups["status"]) <= set(reference.COMMITMENT_STATUSES)
    merged = ups.join(coms[["made_on"]], on="commitment_id")
    assert (merged["updated_on"] >= merged["made_on"]).all()
    assert (ups["updated_on"] <= end_day).all()
    fulfilled = ups[ups["status"] == "fulfilled"]
    assert fulfilled["evidence"].notna().all() and (fulfilled["evidence"] != "").all()
    first = ups.groupby("commitment_id").head(1)
    assert (first["status"] == "unverified").all()
    latest = ups.groupby("commitment_id").tail(1).set_index("commitment_id").reindex(
        coms.index)
    assert (coms["current_status"] == latest["status"]).all()
    assert (coms["status_on"] == latest["updated_on"]).all()
    assert (coms["evidence"].fillna("") == latest["evidence"].fillna("")).all()
    assert (coms["version"] == ups.groupby("commitment_id").size().reindex(coms.index)).all()
    verified = ups[ups["status"] != "unverified"].groupby("commitment_id")["updated_on"].max()
    assert coms["last_verified_on"].dropna().to_dict() == verified.to_dict()
    is_fulfilled = coms["current_status"] == "fulfilled"
    assert (coms.loc[is_fulfilled, "fulfilled_on"] == coms.loc[is_fulfilled, "status_on"]).all()
    assert coms.loc[~is_fulfilled, "fulfilled_on"].isna().all()
    # Dates strictly increase within a history: the latest update is never ambiguous.
    assert ups.groupby("commitment_id")["updated_on"].apply(
        lambda s: s.is_monotonic_increasing and s.is_unique).all()


def test_commitment_outcomes_are_a_realistic_mix(demo):
    eng, _summary, end, end_day = demo
    coms = _frame(eng, sa.select(schema.commitments))
    statuses = set(coms["current_status"])
    assert {"fulfilled", "partly_fulfilled", "stalled", "in_progress", "not_fulfilled",
            "unverified"} <= statuses
    done = coms[coms["current_status"] == "fulfilled"]
    on_time = done["fulfilled_on"] <= done["due_on"]
    assert on_time.any() and (~on_time).any()
    open_ = ~coms["current_status"].isin(reference.CLOSED_STATUSES)
    assert (open_ & (coms["due_on"] < end_day)).any(), "no overdue commitment"


def test_chief_reports_cover_24_months_with_realistic_compliance(demo):
    eng, _summary, end, _ = demo
    locs = _frame(eng, sa.select(schema.chief_locations))
    per_county = locs.groupby("county_code").size()
    assert len(per_county) == 47 and per_county.between(6, 30).all()
    assert per_county["047"] > per_county["005"]  # Nairobi outnumbers Lamu
    reports = _frame(eng, sa.select(schema.chief_reports))
    months = sorted(reports["month"].unique())
    assert len(months) == 24 and months[-1] == end
    assert reports["sentiment"].between(1, 5).all()
    assert (reports["attendance"][reports["barazas_held"] == 0] == 0).all()
    merged = reports.merge(locs, left_on="location_id", right_on="id")
    expected = sum(
        sum(1 for m in months if m >= start) for start in locs["expected_from"])
    compliance = len(reports) / expected
    assert 0.8 <= compliance <= 0.95
    by_county = merged.groupby("county_code").size() / locs.groupby("county_code").apply(
        lambda g: sum(sum(1 for m in months if m >= s) for s in g["expected_from"]))
    assert by_county["009"] < by_county.median()  # Mandera reports less often


def test_incidents_have_realistic_shape_and_points_inside_counties(demo):
    eng, summary, end, end_day = demo
    i = schema.incidents
    inc = _frame(eng, sa.select(i.c.county_code, i.c.category_code, i.c.occurred_on,
                                i.c.latitude, i.c.longitude, i.c.h3_cell, i.c.external_id))
    assert inc["occurred_on"].max() <= end_day
    assert inc["occurred_on"].min() >= dt.date(end.year - 3, end.month, 1)
    assert inc["external_id"].str.fullmatch(r"demo-inc-\d{6,}").all()
    with_point = inc["latitude"].notna()
    assert 0.87 <= with_point.mean() <= 0.93
    assert (inc["h3_cell"].notna() == with_point).all()
    i = schema.incidents
    with eng.connect() as conn:  # read as Python ints: 64-bit cells do not fit a float
        sample = conn.execute(sa.select(i.c.latitude, i.c.longitude, i.c.h3_cell)
                              .where(i.c.latitude.is_not(None)).limit(500)).all()
    assert all(cell_for(lat, lon, 5) == cell for lat, lon, cell in sample)
    with BOUNDARIES_GEOJSON.open(encoding="utf-8") as fh:
        shapes = {f["properties"]["code"]: shape(f["geometry"])
                  for f in json.load(fh)["features"]}
    points = inc[with_point]
    for code, group in points.groupby("county_code"):
        inside = shapely.contains_xy(shapes[code], group["longitude"].to_numpy(),
                                     group["latitude"].to_numpy())
        assert inside.all(), f"{(~inside).sum()} points outside county {code}"
    # Nairobi leads, and the pastoral north leads in theft of stock.
    by_county = inc.groupby("county_code").size()
    assert by_county.idxmax() == "047"
    stock = inc[inc["category_code"] == "theft_of_stock"].groupby("county_code").size()
    assert stock.get("024", 0) > stock.get("047", 0)
    mix = inc["category_code"].value_counts(normalize=True)
    assert mix.idxmax() == "other_offences_against_persons"


def test_seeded_surges_are_significant_and_alone(demo):
    eng, summary, end, _ = demo
    a = schema.crime_agg
    df = _frame(eng, sa.select(a.c.county_code, a.c.category_code, a.c.month,
                               sa.func.sum(a.c.count).label("n"))
                .where(a.c.grain == "day")
                .group_by(a.c.county_code, a.c.category_code, a.c.month))
    piv = df.pivot_table(index=["county_code", "category_code"], columns="month",
                         values="n", fill_value=0)
    months = sorted(piv.columns)
    assert months[-1] == end
    cur, prev = piv[months[-1]], piv[months[-2]]
    baseline = piv[months[:-1]].mean(axis=1)
    z_prev = 2 * (np.sqrt(cur) - np.sqrt(prev))
    z_base = 2 * (np.sqrt(cur) - np.sqrt(baseline))
    significant = (z_prev >= 3) & (z_base >= 3) & ((cur >= 5) | (prev >= 5))
    seeded = {(s["county_code"], s["category_code"]) for s in summary["surges"]}
    assert seeded == {("024", "theft_of_stock"), ("001", "dangerous_drugs"),
                      ("047", "robbery"), ("010", "homicide")}
    assert set(piv[significant].index) == seeded
    for s in summary["surges"]:
        assert s["month"] == end
        assert cur[(s["county_code"], s["category_code"])] == s["count"]
    with eng.connect() as conn:
        note = conn.execute(sa.select(schema.data_sources.c.note)
                            .where(schema.data_sources.c.kind == "demo")).scalar_one()
    assert "West Pokot" in note and "Marsabit" in note and "demo" in note.lower()


def test_published_yearly_counts_stay_yearly(demo):
    eng, summary, end, _ = demo
    cc = _frame(eng, sa.select(schema.crime_counts))
    assert set(cc["grain"]) == {"year"}
    years = sorted({d.year for d in cc["period_start"]})
    assert years == summary["published_years"]
    # The two calendar years before the incident window starts: never overlapping it.
    first_incident_year = (pd.Timestamp(end) - pd.DateOffset(months=35)).year
    assert years == [first_incident_year - 2, first_incident_year - 1]
    totals = cc.groupby(cc["period_start"].map(lambda d: d.year))["count"].sum()
    for year, total in totals.items():
        if year in reference.NATIONAL_TOTALS:
            assert total == reference.NATIONAL_TOTALS[year]
            by_cat = cc[cc["period_start"] == dt.date(year, 1, 1)].groupby(
                "category_code")["count"].sum()
            assert by_cat.to_dict() == reference.NATIONAL_2021_BY_CATEGORY
        else:
            assert 60_000 <= total <= 110_000
    a = schema.crime_agg
    agg = _frame(eng, sa.select(a.c.grain, a.c.period_start).where(a.c.grain != "day"))
    assert set(agg["grain"]) == {"year"}
    assert {d.year for d in agg["period_start"]} == set(years)
    assert all(d.month == 1 and d.day == 1 for d in agg["period_start"])


def test_nothing_is_dated_after_the_end_month(demo):
    eng, _summary, end, end_day = demo
    with eng.connect() as conn:
        def latest(col):
            return conn.execute(sa.select(sa.func.max(col))).scalar_one()
        assert latest(schema.concerns.c.raised_on) <= end_day
        assert latest(schema.forums.c.held_on) <= end_day
        assert latest(schema.commitments.c.made_on) <= end_day
        assert latest(schema.commitment_updates.c.updated_on) <= end_day
        assert latest(schema.chief_reports.c.month) == end
        assert latest(schema.crime_agg.c.period_start) <= end_day


# --- static content, inputs and progress ---------------------------------------------------


def test_every_town_and_sub_county_centre_lies_in_its_county():
    with BOUNDARIES_GEOJSON.open(encoding="utf-8") as fh:
        shapes = {f["properties"]["code"]: shape(f["geometry"])
                  for f in json.load(fh)["features"]}
    codes = {c.code for c in reference.counties()}
    assert set(content.TOWNS) == codes and set(content.SUB_COUNTIES) == codes
    for code in codes:
        for place in list(content.TOWNS[code]) + list(content.SUB_COUNTIES[code]):
            assert shapes[code].contains(shapely.Point(place.lon, place.lat)), (code, place)


def test_content_refers_to_known_codes():
    themes = {t.code for t in reference.THEMES}
    assert set(content.CONCERN_TEXTS) == themes == set(content.COMMITMENT_TEMPLATES)
    assert set(content.RAISED_BY) == themes == set(content.THEME_PHRASES)
    institutions = set(reference.INSTITUTION_BY_CODE)
    for templates in content.COMMITMENT_TEMPLATES.values():
        assert {inst for inst, _ in templates} <= institutions
    for county in reference.counties():
        assert set(content.theme_weights(county.code, county.region_code)) <= themes
    assert set(content.ATTENDANCE_SHARES) == set(reference.ATTENDANCE_GROUPS)
    categories = set(reference.CATEGORY_BY_CODE)
    assert set(content.CATEGORY_COUNTY_FACTORS) <= categories
    assert {c for _, c, _ in content.SURGES} <= categories


def test_default_end_month_is_the_last_complete_month():
    assert default_end_month(dt.date(2026, 11, 23)) == dt.date(2026, 10, 1)
    assert default_end_month(dt.date(2027, 1, 1)) == dt.date(2026, 12, 1)


@pytest.mark.parametrize("kwargs, message", [
    ({"years": 0}, "years"),
    ({"years": 2.5}, "years"),
    ({"incidents": -1}, "incidents"),
    ({"seed": -3}, "seed"),
    ({"end_month": "2026-10"}, "end_month"),
])
def test_bad_arguments_get_clear_messages(sqlite_url, kwargs, message):
    with pytest.raises(ValueError, match=message):
        generate_demo(get_engine(sqlite_url), **kwargs)


def test_progress_is_reported_in_order_and_ends_at_one(sqlite_url):
    seen: list[tuple[float, str]] = []
    summary = generate_demo(get_engine(sqlite_url), seed=1, incidents=500, end_month=END,
                            progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert len({m for _, m in seen}) >= 8
    assert summary["incidents"] == 500 and summary["surges"] == []


def test_an_end_month_before_the_forums_gives_no_forums(sqlite_url):
    summary = generate_demo(get_engine(sqlite_url), seed=1, years=1, incidents=2000,
                            end_month=dt.date(2025, 3, 1))
    assert summary["forums"] == 0
    assert summary["concerns"] > 0  # chiefs' reports still raise concerns
    assert summary["incidents"] == 2000
