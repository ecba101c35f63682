"""The demo generator: deterministic, realistic in shape, removable, on both backends.

Every test passes ``end_month`` explicitly (or pins ``JUKWAA_TODAY``): nothing here depends
on the date the tests run.
"""

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
    _draw_crime,
    _Window,
    baseline_months,
    default_end_month,
    farrington_upper,
    forum_calendar,
    gamma_poisson,
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


# --- what the demo contains (one demo database for this module, read only) ------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo like the shared test database (seed 7, 3 years, 20,000 incidents), ending
    October 2026 whatever the date today."""
    eng = get_engine(f"sqlite:///{tmp_path_factory.mktemp('demo_module') / 'demo.db'}")
    summary = generate_demo(eng, seed=7, years=3, incidents=20_000, end_month=END)
    yield eng, summary, END, END_DAY
    eng.dispose()


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


def test_forums_run_through_the_whole_window(demo):
    eng, _summary, end, end_day = demo
    forums = _frame(eng, sa.select(schema.forums).order_by(schema.forums.c.held_on))
    start = dt.date(2023, 11, 1)  # 36 months to October 2026
    assert forums["held_on"].min() >= start and forums["held_on"].max() <= end_day
    assert 80 <= len(forums) <= 100  # about 30 a year
    quarters = set(pd.PeriodIndex(pd.to_datetime(forums["held_on"]), freq="Q"))
    assert quarters == set(pd.period_range("2023Q4", "2026Q4", freq="Q"))
    # The latest 12 complete months (the Overview's default period) hold many editions,
    # across several regions in each quarter.
    last_year = forums[forums["held_on"] >= dt.date(2025, 11, 1)]
    assert len(last_year) >= 25
    regions = {c.code: c.region_code for c in reference.counties()}
    for quarter in ("2025Q4", "2026Q1", "2026Q2", "2026Q3"):
        held = forums[pd.PeriodIndex(pd.to_datetime(forums["held_on"]), freq="Q")
                      == pd.Period(quarter)]
        assert len(held) >= 3, quarter
        assert len({regions[c] for c in held["county_code"]}) >= 2, quarter
    # Every county hosts at least one edition in three years; names and venues are its own.
    assert set(forums["county_code"]) == set(regions)
    for row in forums.itertuples():
        assert (row.edition, row.venue) == content.FORUM_VENUES[row.county_code]
    assert forums["held_on"].map(lambda d: d.weekday()).isin(content.FORUM_WEEKDAYS).all()
    # The launch edition: Mombasa in April 2025, then Kapenguria (West Pokot).
    launch = forums[forums["held_on"] >= dt.date(2025, 4, 1)].iloc[:2]
    assert launch["county_code"].tolist() == ["001", "024"]
    assert launch.iloc[0]["edition"] == "Pwani Edition"
    assert launch.iloc[0]["held_on"] == dt.date(2025, 4, 8)
    assert forums["attendance_total"].between(300, 2500).all()
    att = _frame(eng, sa.select(schema.forum_attendance))
    assert set(att["group_code"]) <= set(reference.ATTENDANCE_GROUPS)
    sums = att.groupby("forum_id")["attendees"].sum()
    assert (forums.set_index("id")["attendance_total"] == sums).all()


def test_concerns_and_commitments_follow_the_forums_to_the_end(demo):
    eng, _summary, end, end_day = demo
    f, con, c = schema.forums, schema.concerns, schema.commitments
    forums = _frame(eng, sa.select(f.c.id, f.c.held_on))
    concerns = _frame(eng, sa.select(con.c.forum_id, con.c.raised_on)
                      .where(con.c.origin == "forum"))
    assert set(concerns["forum_id"]) == set(forums["id"])  # every forum raised concerns
    merged = concerns.merge(forums, left_on="forum_id", right_on="id")
    assert (merged["raised_on"] == merged["held_on"]).all()
    coms = _frame(eng, sa.select(c.c.made_on, c.c.current_status))
    recent = coms[coms["made_on"] >= dt.date(2026, 7, 1)]
    assert len(recent) >= 20
    assert (coms["made_on"] <= end_day).all()
    assert (recent["current_status"] == "unverified").any()  # too new to be checked yet


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


def _emerging(piv: pd.DataFrame, months: list) -> pd.DataFrame:
    """The emerging-threats rule of docs/METHODS.md on a county × category × month table,
    written out here independently of the generator: latest month against the same month
    ±1 in up to 3 earlier years, U at z = 3, y ≥ 1.5·μ and y ≥ 5."""
    # Missing cells are read as 0: every month of the seeded counties holds data.
    idx = pd.DatetimeIndex(pd.to_datetime(months))
    last = idx[-1]
    base_cols = [months[i] for i, m in enumerate(idx)
                 if any(m == last - pd.DateOffset(years=k) + pd.DateOffset(months=d)
                        for k in (1, 2, 3) for d in (-1, 0, 1))]
    base = piv[base_cols].to_numpy(dtype=float)
    y = piv[months[-1]].to_numpy(dtype=float)
    n = base.shape[1]
    mu = base.mean(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.maximum(1.0, ((base - mu[:, None]) ** 2).sum(axis=1) / mu / (n - 1))
        phi = np.where(mu > 0, phi, 1.0)
        tau = phi * mu * (1 + 1 / n)
        upper = np.where(mu > 0, mu * (1 + (2 / 3) * 3 * np.sqrt(tau) / mu) ** 1.5, 0.0)
        score = (y ** (2 / 3) - mu ** (2 / 3)) / ((2 / 3) * mu ** (-1 / 3) * np.sqrt(tau))
        score = np.where(mu > 0, score, np.where(y > 0, 1e6 + y, 0.0))  # μ = 0 ranks first
    out = pd.DataFrame({"y": y, "mu": mu, "upper": upper, "score": score,
                        "n": n}, index=piv.index)
    out["flagged"] = (out["y"] > out["upper"]) & (out["y"] >= 1.5 * out["mu"]) & (
        out["y"] >= 5)
    return out


def test_seeded_surges_stand_out_under_the_emerging_threats_rule(demo):
    eng, summary, end, _ = demo
    a = schema.crime_agg
    df = _frame(eng, sa.select(a.c.county_code, a.c.category_code, a.c.month,
                               sa.func.sum(a.c.count).label("n"))
                .where(a.c.grain == "day")
                .group_by(a.c.county_code, a.c.category_code, a.c.month))
    piv = df.pivot_table(index=["county_code", "category_code"], columns="month",
                         values="n", fill_value=0)
    months = sorted(piv.columns)
    assert months[-1] == end and len(months) == 36
    rule = _emerging(piv, months)
    assert (rule["n"] == 7).all()  # Sep–Nov 2025 and 2024, Nov 2023
    seeded = {(s["county_code"], s["category_code"]) for s in summary["surges"]}
    assert seeded == {("024", "theft_of_stock"), ("001", "dangerous_drugs"),
                      ("047", "robbery"), ("010", "homicide")}
    for s in summary["surges"]:
        key = (s["county_code"], s["category_code"])
        row = rule.loc[key]
        assert s["month"] == end and row["y"] == s["count"]
        assert row["mu"] == pytest.approx(s["baseline"], abs=0.05)
        assert row["flagged"], key
        # Raised well past the rule: unmistakable, not borderline.
        mu = row["mu"]
        assert row["y"] >= max(2 * mu, mu + 6 * np.sqrt(1.3 * mu) + 5, 10), key
        assert row["score"] >= 5.5, key  # z ≈ 6 on the rule's scale
    # Whatever else random noise flags, the seeded surges lead the list.
    flagged = rule[rule["flagged"]].sort_values("score", ascending=False)
    assert set(flagged.index[:len(seeded)]) == seeded
    with eng.connect() as conn:
        note = conn.execute(sa.select(schema.data_sources.c.note)
                            .where(schema.data_sources.c.kind == "demo")).scalar_one()
    assert "West Pokot" in note and "Marsabit" in note and "demo" in note.lower()


def test_the_latest_month_is_drawn_like_any_other(demo):
    """No clipping: the latest month's counts scatter around their expectation as widely
    as earlier months', including moves a clipped month would never show."""
    eng, summary, end, _ = demo
    # The default size (about 85,000 incidents a year), where most cells expect a few
    # incidents a month or more.
    crime = _draw_crime(_Window(END, 3), 7, None)
    codes = [c.code for c in crime.counties]
    quiet = np.ones(crime.counts.shape[:2], dtype=bool)
    for s in crime.surges:
        quiet[codes.index(s["county_code"]), crime.categories.index(s["category_code"])] = False
    lam, y = crime.expected[:, :, -1], crime.counts[:, :, -1]
    cells = quiet & (lam >= 1)
    assert cells.sum() > 500
    pearson = float(((y[cells] - lam[cells]) ** 2 / lam[cells]).mean())
    assert 1.1 < pearson < 1.6  # ≈ 1.3, as in every month; the old clipping gave ≈ 0.75
    # The old generator held every other cell within |z| < 2 of the month before;
    # random draws go beyond that now and then (counts of 5 or more only).
    prev = crime.counts[:, :, -2]
    z = 2 * (np.sqrt(y) - np.sqrt(prev))
    assert (quiet & (np.abs(z) >= 2) & (np.maximum(y, prev) >= 5)).sum() >= 20
    # The demo database holds exactly the generator's draws for its own size.
    small = _draw_crime(_Window(END, 3), 7, 20_000)
    a = schema.crime_agg
    with eng.connect() as conn:
        latest = conn.execute(sa.select(sa.func.sum(a.c.count))
                              .where(a.c.grain == "day", a.c.month == end)).scalar_one()
    assert latest == int(small.counts[:, :, -1].sum())
    assert [s["count"] for s in small.surges] == [s["count"] for s in summary["surges"]]


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


def test_default_end_month_follows_the_app_clock(monkeypatch):
    monkeypatch.setenv("JUKWAA_TODAY", "2031-03-05")
    assert default_end_month() == dt.date(2031, 2, 1)


# --- crime noise -----------------------------------------------------------------------------


@pytest.mark.parametrize("mean", [0.5, 4.0, 40.0, 400.0])
def test_gamma_poisson_counts_have_variance_1_3_times_the_mean(mean):
    draws = gamma_poisson(np.random.default_rng(1), np.full(400_000, mean))
    assert draws.dtype == np.int64 and draws.min() >= 0
    assert draws.mean() == pytest.approx(mean, rel=0.01)
    assert draws.var() / draws.mean() == pytest.approx(1.3, abs=0.03)


def test_gamma_poisson_is_deterministic_and_poisson_at_dispersion_one():
    lam = np.linspace(0.0, 30.0, 1000)
    first = gamma_poisson(np.random.default_rng(5), lam)
    assert (first == gamma_poisson(np.random.default_rng(5), lam)).all()
    assert first[0] == 0  # no incidents where none are expected
    plain = gamma_poisson(np.random.default_rng(2), np.full(400_000, 20.0), dispersion=1.0)
    assert plain.var() / plain.mean() == pytest.approx(1.0, abs=0.03)


def test_crime_draws_are_overdispersed_around_the_expected_shape():
    """The default demo (about 85,000 incidents a year) over 10 years: counts scatter with
    variance ≈ 1.3 × expectation, and keep its seasonality, growth and county levels."""
    window = _Window(END, 10)
    crime = _draw_crime(window, 3, None)
    lam, y = crime.expected, crime.counts.astype(float)
    quiet = np.ones(lam.shape, dtype=bool)
    codes = [c.code for c in crime.counties]
    for s in crime.surges:
        quiet[codes.index(s["county_code"]), crime.categories.index(s["category_code"]),
              -1] = False
    ok = quiet & (lam > 0)
    pearson = float(((y[ok] - lam[ok]) ** 2 / lam[ok]).mean())
    assert pearson == pytest.approx(1.3, abs=0.05)
    # Aggregates follow the expectation: the national total, December's festive high,
    # the yearly growth and the county ranking.
    assert y.sum() == pytest.approx(lam.sum(), rel=0.01)
    monthly = y.sum(axis=(0, 1))
    assert monthly == pytest.approx(lam.sum(axis=(0, 1)), rel=0.05)
    assert monthly[-12:].sum() > monthly[:12].sum() * 1.2  # 3 % a year over 9 years
    by_county = y.sum(axis=(1, 2))
    assert codes[int(by_county.argmax())] == "047"
    assert np.corrcoef(by_county, lam.sum(axis=(1, 2)))[0, 1] > 0.999
    # Same seed, same draws; another seed, other draws.
    assert (_draw_crime(window, 3, None).counts == crime.counts).all()
    assert (_draw_crime(window, 4, None).counts != crime.counts).any()


@pytest.mark.parametrize("years, incidents", [(1, 2000), (2, 9000), (3, 20_000), (3, 500)])
def test_an_exact_total_is_kept_without_touching_the_surge_baselines(years, incidents):
    window = _Window(END, years)
    crime = _draw_crime(window, 9, incidents)
    assert int(crime.counts.sum()) == incidents
    assert crime.counts.min() >= 0
    assert bool(crime.surges) == (incidents >= 1000)
    for s in crime.surges:
        assert s["count"] >= 10
    # The surges' baselines are the months the rule reads; the total is made exact elsewhere.
    if years >= 2:
        base = baseline_months(window.n_months)
        codes = [c.code for c in crime.counties]
        for s in crime.surges:
            c, k = codes.index(s["county_code"]), crime.categories.index(s["category_code"])
            baseline = crime.counts[c, k, base]
            assert round(float(baseline.mean()), 1) == s["baseline"]
            assert s["count"] > farrington_upper(baseline, 3.0)


def test_baseline_months_are_the_same_month_and_neighbours_in_earlier_years():
    assert baseline_months(36) == [0, 10, 11, 12, 22, 23, 24]
    assert baseline_months(48) == [10, 11, 12, 22, 23, 24, 34, 35, 36]
    assert baseline_months(12) == [0]
    assert farrington_upper(np.array([0, 0, 0]), 3.0) == 0.0
    # The worked example of docs/METHODS.md.
    assert farrington_upper(np.array([4, 6, 5, 7, 3, 5, 6, 4, 5]), 3.0) == pytest.approx(
        13.5, abs=0.05)
    # A steady baseline of 10: U = 10·(1 + 2·√(10·4/3)/10)^1.5 ≈ 22.76.
    assert farrington_upper(np.full(3, 10), 3.0) == pytest.approx(22.76, abs=0.01)


# --- the forum calendar ------------------------------------------------------------------------


def test_forum_calendar_holds_editions_every_quarter_whatever_the_window():
    for end in (dt.date(2024, 2, 29), dt.date(2025, 3, 31), dt.date(2026, 10, 31),
                dt.date(2029, 6, 30)):
        start = (pd.Timestamp(end) - pd.DateOffset(months=47)).date().replace(day=1)
        plans = forum_calendar(start, end)
        days = [p.held_on for p in plans]
        assert days == sorted(days) and len(set(days)) == len(days)
        assert start <= days[0] and days[-1] <= end
        assert 110 <= len(plans) <= 130  # about 30 a year
        quarters = pd.PeriodIndex(pd.to_datetime(days), freq="Q")
        last = pd.Period(end, freq="Q")
        for back in range(4):  # each of the last four quarters of the window
            assert (quarters == last - back).sum() >= 1, (end, back)
        assert {p.county_code for p in plans} == set(content.FORUM_VENUES)
    # The calendar is the programme's, the same in any window that covers a date.
    wide = forum_calendar(dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    narrow = forum_calendar(dt.date(2025, 6, 1), dt.date(2025, 9, 30))
    assert narrow == [p for p in wide if dt.date(2025, 6, 1) <= p.held_on
                      <= dt.date(2025, 9, 30)]


def test_forum_rotation_visits_every_county_once_per_round():
    assert sorted(content.FORUM_ROTATION) == sorted(content.FORUM_VENUES)
    assert set(content.FORUM_VENUES) == {c.code for c in reference.counties()}
    assert len(content.FORUMS_PER_MONTH) == 12


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


def test_a_one_year_demo_still_has_forums_every_quarter(sqlite_url):
    eng = get_engine(sqlite_url)
    summary = generate_demo(eng, seed=1, years=1, incidents=2000,
                            end_month=dt.date(2025, 3, 1))
    assert summary["incidents"] == 2000
    assert 25 <= summary["forums"] <= 35 and summary["concerns"] > summary["forums"]
    forums = _frame(eng, sa.select(schema.forums.c.held_on))
    assert forums["held_on"].min() >= dt.date(2024, 4, 1)
    assert forums["held_on"].max() <= dt.date(2025, 3, 31)
    quarters = set(pd.PeriodIndex(pd.to_datetime(forums["held_on"]), freq="Q"))
    assert quarters == set(pd.period_range("2024Q2", "2025Q1", freq="Q"))
    assert len(summary["surges"]) == 4  # raised above the months before, too little history
    eng.dispose()
