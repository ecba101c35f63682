"""The attacker's test: nothing a public screen shows gives a hidden small count back.

Two databases are built that differ *only* in the values of their hidden cells: every
count of 1–4 in database A is 5 − count in database B (1 ↔ 4, 2 ↔ 3). Everything the
public audience is shown — figures, tables, chart data, texts, pages — is gathered from
both. If any of it were a function of a hidden value, A and B would differ; so:

- ``test_public_output_does_not_depend_on_hidden_values``: A and B show the same;
- each row of the tester's table (issue "Public screens that cannot leak") is a named
  attack that tries its recovery on what is shown and must fail;
- with secondary protection switched off (``privacy.SECONDARY = False``) the same attacks
  do recover the hidden counts, so the test is known to bite.

The crime data are published monthly counts written straight into ``crime_agg`` (what
the figures layer reads), drawn to be full of small counts, plus published yearly tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import privacy, reference
from data_access import schema as s
from data_access.cache import clear_caches
from data_access.chiefs import chiefs_top_themes
from data_access.commitments import commitments_export, overdue_commitments, resolution_by
from data_access.concerns import concerns_raised
from data_access.county_profile import commitment_list
from data_access.engine import bump_data_version, get_engine, init_db
from data_access.exports import EXPORT_KINDS, export_frame
from data_access.figures.calendar import add_months
from data_access.figures.crime import county_crime, crime_summary
from data_access.figures.emerging import emerging_threats
from data_access.figures.scope import Audience, Period, Scope
from data_access.figures.trends import (
    BREAKDOWNS,
    area_rate_series,
    period_comparison,
    trend_series,
    yearly_series,
)
from data_access.forums import forums_in_period
from data_access.hotspots import hex_hotspot_summary, hex_hotspots
from tests.apptest_helpers import problems, run_page
from tests.clock import DEMO_END_MONTH, TODAY
from views.registry import PAGES

# Counties of the fixture: all of Coast and Central, and Garissa with yearly tables only.
COAST = ("001", "002", "003", "004", "005", "006")
CENTRAL = ("018", "019", "020", "021", "022")
GARISSA = "007"
CATEGORIES = ("robbery", "homicide", "offences_against_morality", "stealing")
FIRST_MONTH = add_months(DEMO_END_MONTH, -35)
MONTHS = [add_months(FIRST_MONTH, i) for i in range(36)]
PERIOD = Period.months_to(DEMO_END_MONTH, 12)
YEAR = Period.year(DEMO_END_MONTH.year - 1)
LATEST = Period.months_to(DEMO_END_MONTH, 1)


def _usual(rng: np.random.Generator) -> float:
    # Most series small (the ones that get hidden), some large enough to be shown.
    return float(rng.choice([0.8, 1.5, 2.5, 4.0, 9.0, 30.0], p=[.2, .25, .2, .15, .1, .1]))


def crime_rows(*, twin: bool) -> list[dict]:
    """Published monthly counts for Coast and Central and yearly tables for Garissa; in
    the twin every count of 1–4 is replaced by 5 − count."""
    rng = np.random.default_rng(2026)
    rows = []

    def add(county, category, grain, start, count):
        if twin and 1 <= count <= 4:
            count = 5 - count
        rows.append({"county_code": county, "category_code": category, "grain": grain,
                     "period_start": start, "month": start.replace(day=1),
                     "year": start.year, "origin": "published", "count": int(count)})

    for county in COAST + CENTRAL:
        for category in CATEGORIES:
            usual = _usual(rng)
            for m in MONTHS:
                count = rng.poisson(usual)
                if (county, category) == ("001", "stealing"):
                    # Kiambu's case: one small month in a year of large ones.
                    count = 3 if m.month == 7 else 20 + m.month
                add(county, category, "month", m, count)
    # A published yearly figure beside its own months (Mombasa stealing): the sum of them.
    year = DEMO_END_MONTH.year - 1
    months = [r for r in rows if r["county_code"] == "001"
              and r["category_code"] == "stealing" and r["year"] == year]
    add("001", "stealing", "year", dt.date(year, 1, 1),
        sum((5 - r["count"]) if twin and 1 <= r["count"] <= 4 else r["count"]
            for r in months))
    for y in (year - 1, year):
        for category in CATEGORIES:
            add(GARISSA, category, "year", dt.date(y, 1, 1), rng.choice([0, 2, 3, 7, 40]))
    return rows


def build(url: str, *, twin: bool) -> sa.Engine:
    engine = get_engine(url)
    init_db(engine)
    with engine.begin() as conn:
        conn.execute(s.crime_agg.insert(), crime_rows(twin=twin))
        bump_data_version(conn)
    return engine


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """Databases A and B, identical but for the values of their hidden cells (read only)."""
    folder = tmp_path_factory.mktemp("disclosure")
    a = build(f"sqlite:///{folder / 'a.db'}", twin=False)
    b = build(f"sqlite:///{folder / 'b.db'}", twin=True)
    clear_caches()
    yield a, b
    a.dispose()
    b.dispose()
    clear_caches()


@pytest.fixture
def unprotected(monkeypatch):
    """Secondary protection switched off: hidden cells read "<5" but are added as they are."""
    monkeypatch.setattr(privacy, "SECONDARY", False)
    clear_caches()
    yield
    clear_caches()


# --- gathering what the public is shown -------------------------------------------------


def _plain(value):
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else round(float(value), 6)
    if isinstance(value, np.integer | np.bool_):
        return value.item()
    if isinstance(value, pd.Timestamp | dt.date):
        return str(value)
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


AREAS = ({}, {"region": "coast"}, {"county": "002"}, {"county": GARISSA})
SELECTIONS = ((), ("offences_against_morality",))


def gather_public_crime(engine) -> dict:
    """Every crime figure the public audience can be shown, as plain values: for each area
    and selection, the summary, the county table, the monthly and yearly series and the
    comparison by every breakdown, the emerging threats, and every county's profile lines."""
    shown = {}
    for area in AREAS:
        for cats in SELECTIONS:
            for period in (PERIOD, YEAR, LATEST):
                sc = Scope(period, Audience.PUBLIC, categories=cats, **area)
                name = f"{period.label()}|{sc.area_label}|{','.join(cats)}"
                summary = crime_summary(sc, engine=engine)
                shown[f"summary|{name}"] = {k: _plain(v) for k, v in
                                            dataclasses.asdict(summary).items()}
                shown[f"counties|{name}"] = _records(county_crime(sc, engine=engine))
                for by in BREAKDOWNS if period == PERIOD else ("total",):
                    shown[f"trend|{by}|{name}"] = _records(
                        trend_series(sc, by=by, engine=engine))
                    shown[f"comparison|{by}|{name}"] = _records(
                        period_comparison(sc, by=by, engine=engine))
            sc = Scope(PERIOD, Audience.PUBLIC, categories=cats, **area)
            name = f"{sc.area_label}|{','.join(cats)}"
            shown[f"yearly|{name}"] = _records(yearly_series(sc, by="county", engine=engine))
            shown[f"emerging|{name}"] = _records(
                emerging_threats(sc, include_all=True, engine=engine))
    for county in COAST + CENTRAL:
        shown[f"profile lines|{county}"] = _records(
            area_rate_series(Scope(PERIOD, Audience.PUBLIC), county, engine=engine))
    return shown


def differences(a: dict, b: dict, limit: int = 5) -> list[str]:
    out = []
    for key in a:
        if a[key] != b.get(key):
            out.append(key)
            if len(out) >= limit:
                break
    return out


def test_public_output_does_not_depend_on_hidden_values(pair):
    a, b = pair
    shown_a, shown_b = gather_public_crime(a), gather_public_crime(b)
    assert differences(shown_a, shown_b) == []
    # Internally the two databases do differ (the hidden cells are real and different).
    internal = Scope(PERIOD, Audience.INTERNAL)
    assert crime_summary(internal, engine=a).total != crime_summary(internal, engine=b).total


def test_without_secondary_protection_the_public_output_gives_hidden_values_away(
        pair, unprotected):
    a, b = pair
    assert differences(gather_public_crime(a), gather_public_crime(b))


# --- the tester's table, one attack per row ---------------------------------------------
# Each attack returns {cell: value recovered from what is shown}; `truth` gives the real
# hidden values. Protected, an attack finds the same on A and B (the twin's hidden values
# are different), so it recovers nothing; unprotected it finds the truth on both.


def _hidden_truth(engine, county, category, month) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(s.crime_agg.c.count).where(
            s.crime_agg.c.county_code == county, s.crime_agg.c.category_code == category,
            s.crime_agg.c.grain == "month", s.crime_agg.c.month == month)).scalar_one())


def attack_region_minus_counties(engine) -> dict:
    """Row 4 — Trends, a region's total beside its counties: region − shown counties."""
    found = {}
    for region in ("coast", "central"):
        sc = Scope(PERIOD, Audience.PUBLIC, region=region, categories=("homicide",))
        regions = trend_series(sc, by="region", engine=engine).set_index("month")
        per = trend_series(sc, by="county", engine=engine)
        for month, rows in per.groupby("month"):
            small = rows[rows["count_display"] == "<5"]
            if len(small) != 1:
                continue
            recovered = regions.loc[month, "count"] - rows["count"].sum()
            found[(small["key"].item(), "homicide", month.date())] = recovered
    return found


def attack_profile_lines(engine) -> dict:
    """Row 5 — county profiles: the region line of one profile minus the county lines of
    the other profiles in the region."""
    found = {}
    lines = {c: area_rate_series(Scope(PERIOD, Audience.PUBLIC, categories=("homicide",)), c,
                                 engine=engine) for c in CENTRAL}
    own = {c: f[f["area"] == "county"].set_index("month") for c, f in lines.items()}
    region = lines[CENTRAL[0]]
    region = region[region["area"] == "region"].set_index("month")
    for month in region.index:
        small = [c for c in CENTRAL if own[c].loc[month, "count_display"] == "<5"]
        if len(small) != 1:
            continue
        others = sum(own[c].loc[month, "count"] for c in CENTRAL if c != small[0])
        found[(small[0], "homicide", month.date())] = region.loc[month, "count"] - others
    return found


def attack_year_minus_months(engine) -> dict:
    """Row 6 — the yearly view beside the monthly series: year − shown months."""
    found = {}
    year = YEAR.start.year
    sc = Scope(YEAR, Audience.PUBLIC, county="001", categories=("stealing",))
    years = yearly_series(sc, engine=engine).set_index("year")
    months = trend_series(sc, engine=engine)
    small = months[months["count_display"] == "<5"]
    if len(small) == 1:
        found[("001", "stealing", small["month"].item().date())] = \
            years.loc[year, "count"] - months["count"].sum()
    return found


def attack_emerging_average(engine) -> dict:
    """Row 11 — the emerging-threat baseline: average × months − shown baseline months."""
    found = {}
    examined = DEMO_END_MONTH
    base_months = [add_months(examined, -12 * k + d) for k in (1, 2, 3) for d in (-1, 0, 1)]
    span = Period(min(base_months), examined.replace(day=28))
    flags = emerging_threats(Scope(PERIOD, Audience.PUBLIC), include_all=True, engine=engine)
    for category, rows in flags.groupby("category_code"):
        series = trend_series(Scope(span, Audience.PUBLIC, categories=(category,)),
                              by="county", engine=engine)
        series = series[series["month"].dt.date.isin(base_months)]
        for r in rows.itertuples():
            base = series[series["key"] == r.county_code]
            small = base[base["count_display"] == "<5"]
            if pd.isna(r.baseline_mean) or len(small) != 1:
                continue
            found[(r.county_code, category, small["month"].item().date())] = \
                r.baseline_mean * r.baseline_months - base["count"].sum()
    return found


def attack_change_on_a_hidden_count(engine) -> dict:
    """Row 12 — "0 *, −100% vs 6": a hidden current count from its change and the
    previous count beside it: previous × (1 + change)."""
    found = {}
    for county in COAST:
        for category in ("homicide", "offences_against_morality"):
            sc = Scope(LATEST, Audience.PUBLIC, county=county, categories=(category,))
            row = period_comparison(sc, engine=engine).iloc[0]
            if row["count_display"] == "<5" and pd.notna(row["pct_change"]) \
                    and pd.notna(row["previous"]):
                found[(county, category, DEMO_END_MONTH)] = \
                    row["previous"] * (1 + row["pct_change"] / 100)
    return found


def truth(engine, cells) -> dict:
    return {cell: _hidden_truth(engine, *cell) for cell in cells}


ATTACKS = {
    "row04_region_total_beside_counties": attack_region_minus_counties,
    "row05_profile_region_and_kenya_lines": attack_profile_lines,
    "row06_yearly_view_beside_monthly_series": attack_year_minus_months,
    "row11_emerging_threat_average": attack_emerging_average,
    "row12_change_beside_a_hidden_count": attack_change_on_a_hidden_count,
}


def recovered(engine, attack) -> dict:
    found = attack(engine)
    real = truth(engine, found)
    return {cell: value for cell, value in found.items()
            if value is not None and not pd.isna(value) and round(value, 6) == real[cell]}


@pytest.mark.parametrize("name", ATTACKS)
def test_attack_recovers_nothing(pair, name):
    a, b = pair
    attack = ATTACKS[name]
    assert recovered(a, attack) == {} and recovered(b, attack) == {}


@pytest.mark.parametrize("name", [n for n in ATTACKS if n != "row12_change_beside_a_hidden_count"])
def test_attack_bites_without_secondary_protection(pair, unprotected, name):
    a, b = pair
    attack = ATTACKS[name]
    assert recovered(a, attack) and recovered(b, attack)


# --- pages, as a public screen shows them -------------------------------------------------


def _leaves(node) -> list:
    children = getattr(node, "children", None)
    if not children:
        return [node]
    return [leaf for child in children.values() for leaf in _leaves(child)]


def page_elements(url: str, monkeypatch, script: str, **params: str) -> list[str]:
    """Every element a public page shows (metrics, texts, tables, chart data with hover,
    widget options, download labels), as protobuf text."""
    at = run_page(url, monkeypatch, script, mode="public", **params)
    assert not problems(at), problems(at)
    # A deferred download's id is drawn afresh on every run; its content is what the
    # export tests compare.
    return [re.sub(r'deferred_file_id: "\w+"', "", str(leaf.proto))
            for leaf in _leaves(at._tree) if hasattr(leaf, "proto")]


# Kenya with every category; a Coast county with one category; Central, sensitive only.
VIEWS = {"kenya": {}, "kwale-homicide": {"county": "002", "cat": "homicide"},
         "central-morality": {"region": "central", "cat": "offences_against_morality"}}
CRIME_PAGES = ("overview.py", "hotspots.py", "trends.py", "county_profile.py")
PAGE_VIEWS = [(p.script, view) for p in PAGES
              for view in (VIEWS if p.script in ("trends.py", "county_profile.py")
                           else ["kenya", "central-morality"] if p.script in CRIME_PAGES
                           else ["kenya"])]


@pytest.mark.parametrize(("script", "view"), PAGE_VIEWS)
def test_public_pages_do_not_depend_on_hidden_values(pair, monkeypatch, script, view):
    a, b = pair
    shown_a = page_elements(str(a.url), monkeypatch, script, **VIEWS[view])
    shown_b = page_elements(str(b.url), monkeypatch, script, **VIEWS[view])
    assert len(shown_a) == len(shown_b)
    assert [x for x, y in zip(shown_a, shown_b, strict=True) if x != y] == []


def test_public_pages_without_secondary_protection_give_hidden_values_away(
        pair, monkeypatch, unprotected):
    a, b = pair
    assert page_elements(str(a.url), monkeypatch, "trends.py") != \
        page_elements(str(b.url), monkeypatch, "trends.py")


# --- rows of the table about lists, exports, hexagons and titles ----------------------------
# On the shared demo database: what a public screen may not show at all.


def test_row01_export_page_offers_public_safe_aggregates_only(demo_db, monkeypatch):
    engine = get_engine(demo_db.url)
    for kind in EXPORT_KINDS:
        if kind == "county-metrics":
            continue
        with pytest.raises(privacy.NotForPublic):
            export_frame(engine, kind=kind, audience=Audience.PUBLIC)
    metrics = export_frame(engine, kind="county-metrics", audience=Audience.PUBLIC)
    banned = {"lat", "lon", "latitude", "longitude", "summary", "notes", "note", "evidence",
              "recorded_by", "title"}
    assert not banned & set(metrics.columns)
    # The page in public: only the county metrics can be downloaded.
    shown = page_elements(demo_db.url, monkeypatch, "export_data.py")
    downloads = [e for e in shown if 'ignore_rerun: true' in e]  # download buttons
    assert downloads and all("-exp_metrics_" in e for e in downloads)


def test_row10_hexagon_layer_is_not_on_public_screens(demo_db, monkeypatch):
    engine = get_engine(demo_db.url)
    with engine.connect() as conn:
        for query in (hex_hotspots, hex_hotspot_summary):
            with pytest.raises(privacy.NotForPublic):
                query.__wrapped__(conn, start=PERIOD.start, end=PERIOD.end,
                                  audience=Audience.PUBLIC)
    shown = "\n".join(page_elements(demo_db.url, monkeypatch, "hotspots.py", hex="1",
                                    cat="homicide"))
    assert "hidden cell" not in shown and "H3HexagonLayer" not in shown


def test_row13_no_commitment_titles_on_public_screens(demo_db, monkeypatch):
    with get_engine(demo_db.url).connect() as conn:
        titles = [t for (t,) in conn.execute(sa.select(s.commitments.c.title)) if t]
    for script in ("record_update.py", "commitments.py", "chain.py"):
        shown = "\n".join(page_elements(demo_db.url, monkeypatch, script))
        assert not [t for t in titles if t in shown], script
    # The same page on an internal screen does list them (the check can fail).
    at = run_page(demo_db.url, monkeypatch, "record_update.py")
    internal = "\n".join(str(leaf.proto) for leaf in _leaves(at._tree) if hasattr(leaf, "proto"))
    assert [t for t in titles if t in internal]


# --- rows about commitments, concerns and chiefs' themes ---------------------------------
# Public accountability figures are built from region cells (docs/METHODS.md, "Public
# audience"); their twin-database tests live in test_commitments.py and
# test_commitment_concern_figures.py. Here each row's own attack, on the demo.

AS_OF = TODAY
COAST_CODES = tuple(c.code for c in reference.counties() if c.region_code == "coast")
GBV = ("gbv",)


def _public_regions(engine, **kw) -> pd.DataFrame:
    return resolution_by(by="region", as_of=AS_OF, audience=Audience.PUBLIC, engine=engine,
                         **kw).set_index("code")


def test_row02_overview_commitments_by_region_cannot_be_narrowed_to_a_theme(demo_db):
    engine = get_engine(demo_db.url)
    everything = _public_regions(engine)
    # "GBV theme: Coast made 5, unverified 1": the theme filter does not reach public cells.
    assert _public_regions(engine, themes=GBV).equals(everything)
    internal = resolution_by(by="region", as_of=AS_OF, audience=Audience.INTERNAL,
                             themes=GBV, engine=engine).set_index("code")
    assert not internal["made"].equals(everything["made"])  # internally it does
    with pytest.raises(privacy.NotForPublic):
        resolution_by(by="theme", as_of=AS_OF, audience=Audience.PUBLIC, engine=engine)


def test_row03_concerns_card_cannot_show_one_county_and_theme(demo_db):
    engine = get_engine(demo_db.url)
    mombasa_gbv = concerns_raised(start=PERIOD.start, end=PERIOD.end, county_codes=("001",),
                                  themes=GBV, audience=Audience.PUBLIC, engine=engine)
    coast = concerns_raised(start=PERIOD.start, end=PERIOD.end, county_codes=COAST_CODES,
                            audience=Audience.PUBLIC, engine=engine)
    assert mombasa_gbv.equals(coast)  # the region's concerns, all themes, to date
    for by in ("county", "theme"):
        with pytest.raises(privacy.NotForPublic):
            concerns_raised(start=PERIOD.start, end=PERIOD.end, by=by,
                            audience=Audience.PUBLIC, engine=engine)


def test_row07_no_lists_beside_small_counts(demo_db, monkeypatch):
    engine = get_engine(demo_db.url)
    lists = [
        lambda: overdue_commitments(as_of=AS_OF, audience=Audience.PUBLIC, engine=engine),
        lambda: commitments_export(as_of=AS_OF, audience=Audience.PUBLIC, engine=engine),
        lambda: commitment_list(as_of=AS_OF, county_codes=("001",),
                                audience=Audience.PUBLIC, engine=engine),
        lambda: forums_in_period(start=PERIOD.start, end=PERIOD.end,
                                 audience=Audience.PUBLIC, engine=engine),
    ]
    for make_list in lists:
        with pytest.raises(privacy.NotForPublic):
            make_list()
    with engine.connect() as conn:
        ids = [i for (i,) in conn.execute(sa.select(s.commitments.c.external_id)) if i]
    shown = "\n".join(page_elements(demo_db.url, monkeypatch, "commitments.py",
                                    county="001"))
    assert ids and not [i for i in ids if i in shown]


def test_row08_made_minus_verified_gives_the_shown_estimate_not_the_count(demo_db):
    engine = get_engine(demo_db.url)
    public = _public_regions(engine)
    internal = resolution_by(by="region", as_of=AS_OF, audience=Audience.INTERNAL,
                             engine=engine).set_index("code")
    hidden = public[public["unverified_display"].eq("<5")]
    assert len(hidden)  # the demo has regions whose unverified count is hidden
    for code, row in hidden.iterrows():
        recovered = row["made"] - row["verified"]
        assert recovered != internal.loc[code, "unverified"]


def test_row09_chiefs_theme_shares_are_not_on_public_screens(demo_db):
    engine = get_engine(demo_db.url)
    with pytest.raises(privacy.NotForPublic):
        chiefs_top_themes(start=PERIOD.start, end=PERIOD.end, county_codes=("007",),
                          audience=Audience.PUBLIC, engine=engine)
    internal = chiefs_top_themes(start=PERIOD.start, end=PERIOD.end, county_codes=("007",),
                                 audience=Audience.INTERNAL, engine=engine)
    assert len(internal)
