"""Realistic, deterministic demo data for every part of the dashboard.

``generate_demo`` fills an empty (or demo-only) database with data shaped like the real
Jukwaa la Usalama programme: forum editions all through the window (about 30 a year,
going round the 47 counties, so every quarter has editions in several regions) with the
concerns each region raised, commitments by the responsible institutions with dated
status histories, chiefs' monthly reports, published yearly crime counts and incident
points for the observatory. Monthly crime counts are overdispersed random draws
(variance ≈ 1.3 × mean, like real recorded crime); only a few seeded surges in the latest
month are raised, far enough to stand out under the emerging-threats rule of
docs/METHODS.md.

Rules it keeps
- Every row it writes carries the ``source_id`` of one ``data_sources`` row of kind
  ``demo``; regenerating first deletes demo rows only (imported rows are never touched),
  and the whole run is one transaction: readers see the old data or the new, never half.
- Same ``seed``, ``years``, ``incidents`` and ``end_month`` → identical rows. Each part
  draws from its own numpy random stream, so changing one part leaves the others alone.
- Nothing is dated after the last day of ``end_month``.

Sizes: the default (about 85,000 incidents a year for 3 years) takes seconds; the
incident part is vectorised with numpy and written with ``bulk_insert`` in chunks, so ten
million incidents take minutes on a small machine (see ``scripts/benchmark_demo.py``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
import sqlalchemy as sa
from shapely.geometry import shape
from sqlalchemy.engine import Connection, Engine

from config import get_settings
from data_access import clock, reference, schema
from data_access import demo_content as content
from data_access.aggregates import refresh_aggregates
from data_access.bulk import bulk_insert
from data_access.engine import init_db, new_source
from data_access.figures.calendar import month_end
from data_access.hexes import NO_CELL, cells_for

Progress = Callable[[float, str], None]

BOUNDARIES_GEOJSON = reference.GEO_DATA_DIR / "kenya_counties_geoboundaries.geojson"

# Independent random streams, one per part of the data.
_STREAMS = {"forums": 1, "commitments": 2, "chiefs": 3, "published": 4, "crime": 5,
            "points": 6}

CHIEF_MONTHS = 24  # chiefs' reports cover the last 24 months
_CONFLICT_THEMES = frozenset({"banditry", "cattle_rustling", "violent_extremism",
                              "arms_smuggling"})
_CHUNK = 200_000  # incident rows generated and written per step
_WITH_COORDINATES = 0.9
# Below this many incidents there is too little data for a surge to mean anything.
MIN_INCIDENTS_FOR_SURGES = 1_000


# --- small helpers -------------------------------------------------------------------


def _rng(seed: int, stream: str, *more: int) -> np.random.Generator:
    return np.random.default_rng([seed, _STREAMS[stream], *more])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def default_end_month(today: dt.date | None = None) -> dt.date:
    """The last complete month before ``today`` (default: ``clock.today()``), as its first
    day."""
    today = today or clock.today()
    return _add_months(today.replace(day=1), -1)


def _pick(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]


def _weighted(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _abbreviation(county: reference.County) -> str:
    if county.code in content.COUNTY_ABBREVIATIONS:
        return content.COUNTY_ABBREVIATIONS[county.code]
    words = county.name.replace("-", " ").split()
    return "".join(w[0] for w in words).upper() if len(words) > 1 else county.name[:3].upper()


@dataclass(frozen=True)
class _Window:
    """The months the demo covers, all derived from ``end_month`` and ``years``."""

    end_month: dt.date
    years: int

    @property
    def end_day(self) -> dt.date:
        return month_end(self.end_month)

    @property
    def n_months(self) -> int:
        return 12 * self.years

    @property
    def start_month(self) -> dt.date:
        return _add_months(self.end_month, -(self.n_months - 1))

    @property
    def chief_start(self) -> dt.date:
        return _add_months(self.end_month, -(CHIEF_MONTHS - 1))

    def months(self) -> np.ndarray:
        """First days of the incident months, as numpy ``datetime64[M]``."""
        first = np.datetime64(self.start_month, "M")
        return first + np.arange(self.n_months)


class _Places:
    """Place names of one county for the text templates."""

    def __init__(self, county: reference.County, rng: np.random.Generator):
        self.county = county
        self.sub_counties = content.SUB_COUNTIES[county.code]
        self.rng = rng

    def fill(self, template: str, **extra: str) -> str:
        sub = _pick(self.rng, self.sub_counties)
        values = {
            "county": self.county.name,
            "town": content.TOWNS[self.county.code][0].name,
            "sub_county": sub.name,
            "place": _pick(self.rng, sub.wards),
            **extra,
        }
        return template.format(**values)


# --- removal ---------------------------------------------------------------------------


def _demo_source_ids(conn: Connection) -> list[int]:
    ds = schema.data_sources
    return [int(r[0]) for r in conn.execute(sa.select(ds.c.id).where(ds.c.kind == "demo"))]


# What a user row hanging on a demo row is, in words (table → singular, plural, on what).
_USER_ROW_WORDS = {
    "commitment_updates": ("progress update", "progress updates", "a demo commitment"),
    "commitments": ("commitment", "commitments", "a demo concern"),
    "concerns": ("concern", "concerns", "a demo forum"),
    "chief_reports": ("chief's report", "chief's reports", "a demo location"),
}
_SOURCE_WORDS = {"capture": "typed in the app", "import": "imported"}


@dataclass(frozen=True)
class DemoRemovalPlan:
    """What removing the demo data deletes.

    ``demo_rows``: rows of demo sources, by table. ``user_rows``: rows of other sources
    (typed in the app, imported) that go with them because they hang on a demo row (an
    update of a demo commitment, a concern raised at a demo forum, ...), as
    ``(source id, kind, name, table, count)``. ``ids``: the ids to delete, by table.
    """

    demo_sources: tuple[int, ...]
    demo_rows: dict[str, int]
    user_rows: tuple[tuple[int, str, str, str, int], ...]
    ids: dict[str, list[int]]

    def describe(self, limit: int = 20) -> str:
        """The plan in words: demo rows by kind, then each user source that loses rows."""
        counts = ", ".join(f"{n:,} {table.replace('_', ' ')}"
                           for table, n in self.demo_rows.items() if n)
        lines = [f"Removing the demo data: {counts or 'no rows'}."]
        if self.user_rows:
            total = sum(r[4] for r in self.user_rows)
            lines.append(f"Also removed, because they belong to demo rows: {total:,} row(s) "
                         "typed or imported by users:")
            for sid, kind, name, table, n in self.user_rows[:limit]:
                one, many, parent = _USER_ROW_WORDS.get(table, ("row", "rows", "a demo row"))
                how = _SOURCE_WORDS.get(kind, kind)
                lines.append(f"  {n:,} {one if n == 1 else many} {how} on {parent}, "
                             f"from \"{name}\" (source {sid})")
            if len(self.user_rows) > limit:
                lines.append(f"  ... and {len(self.user_rows) - limit:,} more source(s)")
        return "\n".join(lines)


def _ids(conn: Connection, stmt) -> list[int]:
    return [int(r[0]) for r in conn.execute(stmt)]


def demo_removal_plan(conn: Connection) -> DemoRemovalPlan:
    """Everything removing the demo data would delete, including users' rows that hang on
    demo rows (their foreign keys would take them along)."""
    ids = _demo_source_ids(conn)
    s = schema
    if not ids:
        return DemoRemovalPlan((), {}, (), {})
    demo = sa.select(s.data_sources.c.id).where(s.data_sources.c.kind == "demo")
    plan: dict[str, list[int]] = {}
    plan["forums"] = _ids(conn, sa.select(s.forums.c.id).where(s.forums.c.source_id.in_(demo)))
    forums = sa.select(s.forums.c.id).where(s.forums.c.source_id.in_(demo))
    concerns = sa.select(s.concerns.c.id).where(
        s.concerns.c.source_id.in_(demo) | s.concerns.c.forum_id.in_(forums))
    plan["concerns"] = _ids(conn, concerns)
    commitments = sa.select(s.commitments.c.id).where(
        s.commitments.c.source_id.in_(demo) | s.commitments.c.concern_id.in_(concerns))
    plan["commitments"] = _ids(conn, commitments)
    plan["commitment_updates"] = _ids(conn, sa.select(s.commitment_updates.c.id).where(
        s.commitment_updates.c.source_id.in_(demo)
        | s.commitment_updates.c.commitment_id.in_(commitments)))
    locations = sa.select(s.chief_locations.c.id).where(s.chief_locations.c.source_id.in_(demo))
    plan["chief_locations"] = _ids(conn, locations)
    plan["chief_reports"] = _ids(conn, sa.select(s.chief_reports.c.id).where(
        s.chief_reports.c.source_id.in_(demo) | s.chief_reports.c.location_id.in_(locations)))
    demo_rows: dict[str, int] = {}
    for table in s.FACT_TABLES_DELETE_ORDER:
        demo_rows[table.name] = conn.execute(
            sa.select(sa.func.count()).select_from(table)
            .where(table.c.source_id.in_(demo))).scalar_one()
    user: list[tuple[int, str, str, str, int]] = []
    ds = s.data_sources
    for name in _USER_ROW_WORDS:
        table, chosen = s.metadata.tables[name], plan[name]
        for i in range(0, len(chosen), _DELETE_CHUNK):
            stmt = (sa.select(ds.c.id, ds.c.kind, ds.c.name, sa.func.count())
                    .select_from(table.join(ds, table.c.source_id == ds.c.id))
                    .where(ds.c.kind != "demo", table.c.id.in_(chosen[i:i + _DELETE_CHUNK]))
                    .group_by(ds.c.id, ds.c.kind, ds.c.name))
            user.extend((int(a), k, n, name, int(c)) for a, k, n, c in conn.execute(stmt))
    merged: dict[tuple[int, str, str, str], int] = {}
    for sid, kind, src, table_name, n in user:
        merged[(sid, kind, src, table_name)] = merged.get((sid, kind, src, table_name), 0) + n
    user_rows = tuple((sid, kind, src, t, n) for (sid, kind, src, t), n in sorted(merged.items()))
    return DemoRemovalPlan(tuple(ids), demo_rows, user_rows, plan)


_DELETE_CHUNK = 500


def _delete_demo_rows(conn: Connection) -> list[int]:
    """Delete the rows of :func:`demo_removal_plan` (children first) and the demo
    sources; a user source that lost rows has its row count lowered, and is deleted
    when none of its rows is left. Returns the demo source ids."""
    plan = demo_removal_plan(conn)
    if not plan.demo_sources:
        return []
    s = schema
    demo = list(plan.demo_sources)
    for name in ("commitment_updates", "commitments", "concerns", "chief_reports",
                 "chief_locations"):
        table, chosen = s.metadata.tables[name], plan.ids[name]
        for i in range(0, len(chosen), _DELETE_CHUNK):
            conn.execute(table.delete().where(table.c.id.in_(chosen[i:i + _DELETE_CHUNK])))
    # forum_attendance has no source of its own: it goes with its demo forum. Deleting it
    # explicitly does not rely on ON DELETE CASCADE being enforced.
    forums = plan.ids["forums"]
    for i in range(0, len(forums), _DELETE_CHUNK):
        part = forums[i:i + _DELETE_CHUNK]
        conn.execute(s.forum_attendance.delete().where(s.forum_attendance.c.forum_id.in_(part)))
    for table in (s.forums, s.incidents, s.crime_counts):
        conn.execute(table.delete().where(table.c.source_id.in_(demo)))
    conn.execute(s.data_sources.delete().where(s.data_sources.c.id.in_(demo)))
    _settle_user_sources(conn, plan)
    return demo


def _settle_user_sources(conn: Connection, plan: DemoRemovalPlan) -> None:
    """After users' rows went with the demo: no source row without rows left."""
    lost: dict[int, int] = {}
    for sid, _kind, _name, _table, n in plan.user_rows:
        lost[sid] = lost.get(sid, 0) + n
    ds = schema.data_sources
    for sid, n in lost.items():
        left = sum(conn.execute(sa.select(sa.func.count()).select_from(table)
                                .where(table.c.source_id == sid)).scalar_one()
                   for table in schema.FACT_TABLES_DELETE_ORDER)
        if left == 0:
            conn.execute(ds.delete().where(ds.c.id == sid))
        else:
            conn.execute(ds.update().where(ds.c.id == sid)
                         .values(rows=sa.case((ds.c.rows > n, ds.c.rows - n), else_=left)))


def remove_demo_data(conn: Connection) -> bool:
    """Delete every demo row and demo source, keep imported rows; rebuild the aggregates.

    Rows typed or imported by users that hang on demo rows (see
    :func:`demo_removal_plan`; the command line lists them and asks for ``--yes``) go too;
    their sources are settled (row count lowered, or removed when empty).
    Runs inside the caller's transaction. Returns True when there was demo data.
    """
    removed = bool(_delete_demo_rows(conn))
    refresh_aggregates(conn)
    return removed


def has_demo_data(engine: Engine) -> bool:
    """True when the database holds demo data (a ``data_sources`` row of kind demo)."""
    if not sa.inspect(engine).has_table(schema.data_sources.name):
        return False
    ds = schema.data_sources
    with engine.connect() as conn:
        return bool(conn.execute(
            sa.select(sa.exists().where(ds.c.kind == "demo"))
        ).scalar_one())


# --- forums, concerns, commitments ----------------------------------------------------


def _insert_returning_ids(conn: Connection, table: sa.Table, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    result = conn.execute(
        table.insert().returning(table.c.id, sort_by_parameter_order=True), rows
    )
    return [int(r[0]) for r in result]


def _attendance(rng: np.random.Generator, county: reference.County) -> dict[str, int]:
    biggest = max(c.population_2019 for c in reference.counties())
    total = 300 + 2200 * np.sqrt(county.population_2019 / biggest) * rng.uniform(0.8, 1.15)
    total = int(np.clip(round(total), 300, 2500))
    groups = list(content.ATTENDANCE_SHARES)
    shares = rng.dirichlet([content.ATTENDANCE_SHARES[g] * 60 for g in groups])
    counts = rng.multinomial(total, shares)
    return {g: int(n) for g, n in zip(groups, counts)}


def _editions_before(month: dt.date) -> int:
    """How many editions the programme calendar holds from ``FORUM_ROTATION_START`` up to
    ``month`` (negative for months before the start)."""
    per_month = content.FORUMS_PER_MONTH

    def since_year_zero(day: dt.date) -> int:
        return day.year * sum(per_month) + sum(per_month[:day.month - 1])

    return since_year_zero(month) - since_year_zero(content.FORUM_ROTATION_START)


def _forum_day(month: dt.date, slot: int, slots: int) -> dt.date:
    """The date of the ``slot``-th of ``slots`` editions in ``month``: spread over the
    month, on a forum weekday, shifted a little from month to month."""
    days = calendar.monthrange(month.year, month.month)[1]
    index = month.year * 12 + month.month
    target = 1 + (slot + 0.5) * days / slots + (index * 7 + slot * 3) % 5 - 2
    candidates = [d for d in range(1, days + 1)
                  if dt.date(month.year, month.month, d).weekday() in content.FORUM_WEEKDAYS]
    return month.replace(day=min(candidates, key=lambda d: (abs(d - target), d)))


def forum_calendar(first_month: dt.date, last_day: dt.date) -> list[content.ForumPlan]:
    """The programme's forum editions from ``first_month`` to ``last_day``, by date.

    The calendar does not depend on the seed: each calendar month holds
    ``FORUMS_PER_MONTH`` editions and the programme goes round the counties in the order of
    ``FORUM_ROTATION`` (its first edition in ``FORUM_ROTATION_START``), so a county hosts
    one about every year and a half and every quarter has editions in several regions.
    """
    rotation = content.FORUM_ROTATION
    plans = []
    month = first_month.replace(day=1)
    while month <= last_day:
        slots = content.FORUMS_PER_MONTH[month.month - 1]
        number = _editions_before(month)
        for slot in range(slots):
            held_on = _forum_day(month, slot, slots)
            if first_month <= held_on <= last_day:
                code = rotation[(number + slot) % len(rotation)]
                edition, venue = content.FORUM_VENUES[code]
                plans.append(content.ForumPlan(code, edition, venue, held_on))
        month = _add_months(month, 1)
    return plans


def _forums_and_concerns(conn: Connection, window: _Window, seed: int, source_id: int,
                         by_code: dict[str, reference.County]) -> tuple[dict, list[dict]]:
    """Write forums with attendance and their concerns; return counts and concern rows."""
    rng = _rng(seed, "forums")
    plans = forum_calendar(window.start_month, window.end_day)
    forum_rows, attendance = [], []
    for n, plan in enumerate(plans, start=1):
        groups = _attendance(rng, by_code[plan.county_code])
        attendance.append(groups)
        forum_rows.append({
            "external_id": f"demo-forum-{n:03d}", "edition": plan.edition,
            "county_code": plan.county_code, "venue": plan.venue, "held_on": plan.held_on,
            "attendance_total": sum(groups.values()), "source_id": source_id,
        })
    forum_ids = _insert_returning_ids(conn, schema.forums, forum_rows)
    n_attendance = bulk_insert(conn, schema.forum_attendance, [
        {"forum_id": fid, "group_code": g, "attendees": n}
        for fid, groups in zip(forum_ids, attendance) for g, n in groups.items()
    ])

    concerns: list[dict] = []
    for fid, plan in zip(forum_ids, plans):
        county = by_code[plan.county_code]
        places = _Places(county, rng)
        weights = content.theme_weights(county.code, county.region_code)
        themes = list(weights)
        p = np.array([weights[t] for t in themes]) / sum(weights.values())
        n = int(rng.integers(4, 11))
        distinct = min(n, len(themes))
        picked = list(rng.choice(themes, size=distinct, replace=False, p=p))
        picked += list(rng.choice(themes, size=n - distinct, p=p))
        used: set[str] = set()
        for theme in picked:
            texts = [t for t in content.CONCERN_TEXTS[theme] if t not in used] or \
                list(content.CONCERN_TEXTS[theme])
            text = _pick(rng, texts)
            used.add(text)
            concerns.append({
                "forum_id": fid, "origin": "forum", "county_code": county.code,
                "theme_code": str(theme), "summary": places.fill(text),
                "raised_by_group": _weighted(rng, content.RAISED_BY[theme]),
                "raised_on": plan.held_on, "source_id": source_id,
                "_edition": plan.edition,
            })
    return {"forums": len(forum_rows), "forum_attendance": n_attendance}, concerns


def _status_history(rng: np.random.Generator, outcome: str, made_on: dt.date,
                    due_on: dt.date) -> list[tuple[str, dt.date]]:
    """The planned status updates of one commitment (before cutting at the end date)."""
    span = max((due_on - made_on).days, 30)

    def after(base: dt.date, lo: float, hi: float) -> dt.date:
        return base + dt.timedelta(days=int(rng.uniform(lo, hi)))

    plan: list[tuple[str, dt.date]] = [("unverified", made_on)]
    started = after(made_on, 14, min(75, 0.4 * span + 15))
    if outcome == "fulfilled_on_time":
        plan += [("in_progress", started),
                 ("fulfilled", after(made_on, 0.6 * span, span))]
    elif outcome == "fulfilled_late":
        plan.append(("in_progress", started))
        if rng.random() < 0.5:
            plan.append(("stalled", after(due_on, -20, 20)))
        plan.append(("fulfilled", after(due_on, 25, 150)))
    elif outcome == "partly_fulfilled":
        plan += [("in_progress", started), ("partly_fulfilled", after(due_on, -30, 60))]
    elif outcome == "stalled":
        plan += [("in_progress", started), ("stalled", after(started, 45, 180))]
    elif outcome == "in_progress":
        plan.append(("in_progress", started))
        if rng.random() < 0.5:
            plan.append(("in_progress", after(started, 30, 120)))
    elif outcome == "not_started":
        plan.append(("not_started", after(made_on, 20, 90)))
    elif outcome == "not_fulfilled":
        plan += [(_pick(rng, ("not_started", "stalled")), after(made_on, 30, 120)),
                 ("not_fulfilled", after(due_on, 10, 90))]
    # Dates strictly increase, so the latest update is never ambiguous.
    out: list[tuple[str, dt.date]] = []
    for status, day in plan:
        if out and day <= out[-1][1]:
            day = out[-1][1] + dt.timedelta(days=1)
        out.append((status, day))
    return out


def _evidence(rng: np.random.Generator, status: str, day: dt.date, county: reference.County,
              inst: str) -> str | None:
    chance = {"fulfilled": 1.0, "partly_fulfilled": 0.7, "not_fulfilled": 0.5,
              "in_progress": 0.3, "stalled": 0.2}.get(status, 0.0)
    if rng.random() >= chance:
        return None
    fmt = _pick(rng, content.EVIDENCE_FORMATS)
    return fmt.format(n4=int(rng.integers(1000, 9999)), n3=int(rng.integers(1, 400)),
                      year=day.year, abbr=_abbreviation(county), date=day.strftime("%d %b %Y"),
                      inst=inst.split("/")[0].upper())


def _commitments(conn: Connection, window: _Window, seed: int, source_id: int,
                 by_code: dict[str, reference.County], concerns: list[dict],
                 concern_ids: list[int]) -> dict:
    """Write commitments answering ~70 % of forum concerns, with their status histories."""
    rng = _rng(seed, "commitments")
    regions = {r.code: r.name for r in reference.REGIONS}
    outcomes = [o for o, _ in content.COMMITMENT_OUTCOMES]
    outcome_p = np.array([p for _, p in content.COMMITMENT_OUTCOMES])
    outcome_p /= outcome_p.sum()
    rows: list[dict] = []
    histories: list[list[tuple[str, dt.date, str | None, str, str | None]]] = []
    for cid, concern in zip(concern_ids, concerns):
        share = 0.7 if concern["origin"] == "forum" else 0.4
        if rng.random() >= share:
            continue
        county = by_code[concern["county_code"]]
        places = _Places(county, rng)
        templates = content.COMMITMENT_TEMPLATES[concern["theme_code"]]
        count = 2 if rng.random() < 0.35 else 1
        chosen = rng.choice(len(templates), size=min(count, len(templates)), replace=False)
        for k in sorted(int(i) for i in chosen):
            inst_code, title = templates[k]
            inst = reference.INSTITUTION_BY_CODE[inst_code].short_name
            made_on = concern["raised_on"]
            if concern["origin"] != "forum":
                made_on = made_on + dt.timedelta(days=int(rng.integers(7, 31)))
            if made_on > window.end_day:
                continue
            due_on = _add_months(made_on, int(rng.integers(1, 13)))
            outcome = outcomes[int(rng.choice(len(outcomes), p=outcome_p))]
            history = []
            for status, day in _status_history(rng, outcome, made_on, due_on):
                if day > window.end_day:
                    break
                if status == "unverified" and concern.get("_edition"):
                    note = content.STATUS_NOTES["unverified"][0].format(
                        edition=concern["_edition"])
                    who = f"Forum secretariat, {concern['_edition']}"
                elif status == "unverified":
                    note = content.STATUS_NOTES["unverified"][1]
                    who = f"County Commissioner's office, {county.name}"
                else:
                    note = _pick(rng, content.STATUS_NOTES[status]).format(inst=inst)
                    who = places.fill(_pick(rng, content.RECORDED_BY), inst=inst,
                                      region=regions[county.region_code])
                evidence = _evidence(rng, status, day, county, inst)
                history.append((status, day, evidence, note, who))
            last = history[-1]
            verified = [h[1] for h in history if h[0] != "unverified"]
            rows.append({
                "external_id": f"demo-com-{len(rows) + 1:04d}", "concern_id": cid,
                "institution_code": inst_code, "title": places.fill(title),
                "made_on": made_on, "due_on": due_on, "current_status": last[0],
                "status_on": last[1], "last_verified_on": max(verified, default=None),
                "fulfilled_on": last[1] if last[0] == "fulfilled" else None,
                "evidence": last[2], "version": len(history), "source_id": source_id,
            })
            histories.append(history)
    commitment_ids = _insert_returning_ids(conn, schema.commitments, rows)
    updates = []
    for com_id, history in zip(commitment_ids, histories):
        for status, day, evidence, note, who in history:
            minute = int(rng.integers(8 * 60, 17 * 60))
            updates.append((
                f"demo-upd-{len(updates) + 1:06d}", com_id, status, day, note, evidence, who,
                dt.datetime.combine(day, dt.time(minute // 60, minute % 60)), source_id,
            ))
    bulk_insert(conn, schema.commitment_updates, updates, columns=[
        "external_id", "commitment_id", "status", "updated_on", "note", "evidence",
        "recorded_by", "recorded_at", "source_id",
    ])
    return {"commitments": len(rows), "commitment_updates": len(updates)}


# --- observatory: expected crime ------------------------------------------------------


@dataclass
class _Crime:
    """Expected and drawn incident counts by county × category × month."""

    counties: tuple[reference.County, ...]
    categories: tuple[str, ...]
    share: np.ndarray  # county share of each category, shape (county, category)
    expected: np.ndarray  # expected counts, shape (county, category, month)
    counts: np.ndarray  # drawn counts, shape (county, category, month)
    surges: list[dict]


def _category_shares(rng: np.random.Generator,
                     counties: tuple[reference.County, ...]) -> np.ndarray:
    """Each county's share of each category's national total (columns sum to 1)."""
    categories = [c.code for c in reference.CRIME_CATEGORIES]
    pop = np.array([c.population_2019 for c in counties], dtype=float)
    level = np.array([content.COUNTY_CRIME_LEVEL.get(c.code, 1.0) for c in counties])
    weight = pop * level * rng.lognormal(0.0, 0.15, len(counties))
    factors = np.array([
        [content.CATEGORY_COUNTY_FACTORS.get(k, {}).get(c.code, 1.0) for k in categories]
        for c in counties
    ])
    raw = weight[:, None] * factors * rng.lognormal(0.0, 0.2, factors.shape)
    return raw / raw.sum(axis=0, keepdims=True)


def _expected(window: _Window, share: np.ndarray, total: float | None) -> np.ndarray:
    """Expected incidents by county × category × month."""
    mix = np.array([reference.NATIONAL_2021_BY_CATEGORY[c.code]
                    for c in reference.CRIME_CATEGORIES], dtype=float)
    mix /= mix.sum()
    months = window.months()
    month_of_year = months.astype(int) % 12
    days = ((months + 1).astype("datetime64[D]") - months.astype("datetime64[D]")).astype(int)
    age_years = (window.n_months - 1 - np.arange(window.n_months)) / 12.0
    national = (content.INCIDENTS_PER_YEAR / 12.0
                * (1 + content.YEARLY_GROWTH) ** -age_years
                * np.array(content.SEASONALITY)[month_of_year] * days / (365.25 / 12))
    if total is not None:
        national *= total / national.sum()
    return share[:, :, None] * mix[None, :, None] * national[None, None, :]


def gamma_poisson(rng: np.random.Generator, expected: np.ndarray,
                  dispersion: float = content.CRIME_DISPERSION) -> np.ndarray:
    """Counts with mean ``expected`` and variance ``dispersion × expected``.

    A gamma–Poisson (negative binomial) mixture: each cell's rate is a gamma draw with mean
    ``expected`` and variance ``(dispersion − 1) × expected``, its count a Poisson draw at
    that rate. A dispersion of 1 (or less) gives plain Poisson counts.
    """
    expected = np.asarray(expected, dtype=float)
    if dispersion <= 1.0:
        return rng.poisson(expected).astype(np.int64)
    scale = dispersion - 1.0
    return rng.poisson(rng.gamma(expected / scale, scale)).astype(np.int64)


# The emerging-threats rule (docs/METHODS.md) compares the latest month with the same
# calendar month and its neighbours in up to 3 earlier years.
_BASELINE_YEARS = 3
_BASELINE_MONTHS_MIN = 3


def baseline_months(n_months: int) -> list[int]:
    """Indices of the months the emerging-threats rule compares the last of ``n_months``
    with: the same calendar month ±1 in each of up to 3 earlier years, inside the series."""
    last = n_months - 1
    return sorted(last - 12 * year + shift for year in range(1, _BASELINE_YEARS + 1)
                  for shift in (-1, 0, 1) if 0 <= last - 12 * year + shift < last)


def farrington_upper(baseline: np.ndarray, z: float) -> float:
    """The upper threshold U of the emerging-threats rule for one baseline (docs/METHODS.md):
    U = μ·(1 + (2/3)·z·√τ/μ)^{3/2} with τ = φ·μ·(1 + 1/n); 0 when μ = 0."""
    baseline = np.asarray(baseline, dtype=float)
    n, mu = baseline.size, float(baseline.mean())
    if mu <= 0:
        return 0.0
    phi = max(1.0, float(((baseline - mu) ** 2).sum()) / mu / (n - 1)) if n > 1 else 1.0
    tau = phi * mu * (1 + 1 / n)
    return mu * (1 + (2 / 3) * z * np.sqrt(tau) / mu) ** 1.5


# Seeded surges are raised above the rule's threshold at this z (the rule flags at 3), so
# that they stay unmistakable however the baseline happened to fall: at the default size
# the random counts that cross the threshold by chance score below 5.
_SURGE_Z = 6.0


def _surge_target(baseline: np.ndarray) -> int:
    """The least count at which a seeded surge stands out against its baseline."""
    mu = float(baseline.mean())
    return max(int(np.ceil(2 * mu)),
               int(np.ceil(mu + 6 * np.sqrt(content.CRIME_DISPERSION * mu) + 5)),
               10,
               int(np.floor(farrington_upper(baseline, _SURGE_Z))) + 1)


def _draw_crime(window: _Window, seed: int, incidents: int | None) -> _Crime:
    """Draw the incident counts and seed the surges in the latest month.

    Every county × category × month count is a gamma–Poisson draw around the expected
    shape (seasonality, growth, county levels), with variance ``CRIME_DISPERSION`` (1.3) ×
    its mean, the latest month included: its random counts are left as drawn, so now and
    then one of them may cross a threshold by chance, as real counts do.

    Only the seeded surges (``content.SURGES``) are raised, each to at least the largest of
    2 × its baseline mean, mean + 6·√(1.3·mean) + 5, 10 and the emerging-threats threshold
    U at z = 6 (the rule flags at z = 3). The baseline is the one the rule uses: the same
    calendar month ±1 in up to 3 earlier years (with less history, the months before the
    latest one; the rule then says "not enough history"). Small totals (under
    ``MIN_INCIDENTS_FOR_SURGES``) get no surges.

    When ``incidents`` is given, the expectation is scaled to it and the total made exact
    by adding (multinomial over the expectation) or removing (at random) incidents in old
    months: all but the last 14 (all but the latest, in a one-year window), never the
    months the rule reads as the latest month's baseline.
    """
    rng = _rng(seed, "crime")
    counties = reference.counties()
    categories = tuple(c.code for c in reference.CRIME_CATEGORIES)
    share = _category_shares(rng, counties)
    lam = _expected(window, share, None if incidents is None else float(incidents))
    if lam.sum() == 0:
        zeros = np.zeros(lam.shape, np.int64)
        return _Crime(counties, categories, share, lam, zeros, [])
    counts = gamma_poisson(rng, lam)
    n_months = lam.shape[2]
    rule_idx = baseline_months(n_months)
    base_idx = rule_idx
    if len(base_idx) < _BASELINE_MONTHS_MIN:  # about a year of history or less
        base_idx = list(range(max(n_months - 13, 0), n_months - 1))

    surges = []
    target_total = int(round(lam.sum())) if incidents is None else int(incidents)
    if target_total >= MIN_INCIDENTS_FOR_SURGES and base_idx:
        idx_c = {c.code: i for i, c in enumerate(counties)}
        idx_k = {k: i for i, k in enumerate(categories)}
        latest = counts[:, :, -1]
        for code, category, why in content.SURGES:
            c, k = idx_c[code], idx_k[category]
            baseline = counts[c, k, base_idx]
            latest[c, k] = max(int(latest[c, k]), _surge_target(baseline))
            surges.append({
                "county_code": code, "category_code": category, "month": window.end_month,
                "count": int(latest[c, k]), "previous": int(counts[c, k, -2]),
                "baseline": round(float(baseline.mean()), 1), "why": why,
            })

    if incidents is not None:
        difference = int(incidents) - int(counts.sum())
        old = np.zeros(n_months, dtype=bool)
        old[:max(n_months - 14, 0) or n_months - 1] = True
        old[rule_idx] = False
        pool = counts[:, :, old]
        if difference > 0:
            p = lam[:, :, old].ravel()
            pool += rng.multinomial(difference, p / p.sum()).reshape(pool.shape)
        elif difference < 0:
            take = rng.multivariate_hypergeometric(pool.ravel(),
                                                   min(-difference, int(pool.sum())))
            pool -= take.reshape(pool.shape)
        counts[:, :, old] = pool
    return _Crime(counties, categories, share, lam, counts, surges)


# --- observatory: published yearly counts --------------------------------------------


def _national_total(year: int) -> int:
    known = reference.NATIONAL_TOTALS
    nearest = min(known, key=lambda y: (abs(y - year), -y))
    return int(round(known[nearest] * (1 + content.YEARLY_GROWTH) ** (year - nearest)))


def _largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    exact = total * weights / weights.sum()
    base = np.floor(exact).astype(np.int64)
    rest = total - int(base.sum())
    order = np.argsort(-(exact - base), kind="stable")
    base[order[:rest]] += 1
    return base


def _published_counts(conn: Connection, window: _Window, seed: int, source_id: int,
                      crime: _Crime) -> tuple[int, list[int]]:
    """Yearly county × category counts for the two calendar years before the window."""
    rng = _rng(seed, "published")
    first = window.start_month.year - 2
    mix = np.array([reference.NATIONAL_2021_BY_CATEGORY[k] for k in crime.categories],
                   dtype=float)
    rows = []
    years = [first, first + 1]
    for year in years:
        total = _national_total(year)
        if year == 2021:  # the published 2021 mix is known exactly
            by_category = mix.astype(np.int64)
        else:
            by_category = _largest_remainder(total, mix)
        noisy = crime.share * rng.lognormal(0.0, 0.1, crime.share.shape)
        for k, category in enumerate(crime.categories):
            p = noisy[:, k] / noisy[:, k].sum()
            per_county = rng.multinomial(int(by_category[k]), p)
            for c, county in enumerate(crime.counties):
                rows.append((county.code, category, dt.date(year, 1, 1),
                             dt.date(year, 12, 31), "year", dt.date(year, 1, 1),
                             int(per_county[c]),
                             f"NPS Annual Crime Report {year} (demo)", source_id))
    written = bulk_insert(conn, schema.crime_counts, rows, columns=[
        "county_code", "category_code", "period_start", "period_end", "grain", "month",
        "count", "publication", "source_id",
    ])
    return written, years


# --- observatory: incident points -----------------------------------------------------


@lru_cache(maxsize=1)
def _county_shapes() -> dict[str, shapely.Geometry]:
    """County polygons from the bundled boundaries, prepared for fast point tests."""
    with BOUNDARIES_GEOJSON.open(encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    shapes = {}
    for feature in features:
        geom = shape(feature["geometry"])
        shapely.prepare(geom)
        shapes[feature["properties"]["code"]] = geom
    return shapes


@dataclass(frozen=True)
class _Clusters:
    """Where one county's incidents happen: centres, spread and pick probabilities."""

    lat: np.ndarray
    lon: np.ndarray
    sigma: np.ndarray  # degrees
    p_default: np.ndarray
    p_rural: np.ndarray  # theft of stock: the countryside, not the towns


def _clusters(county: reference.County) -> _Clusters:
    towns = content.TOWNS[county.code]
    subs = content.SUB_COUNTIES[county.code]
    town_w = np.array([t.weight for t in towns], dtype=float)
    sub_sigma = float(np.clip(0.25 * np.sqrt(county.area_km2 / len(subs)) / 111.0,
                              0.015, 0.3))
    lat = np.array([t.lat for t in towns] + [s.lat for s in subs])
    lon = np.array([t.lon for t in towns] + [s.lon for s in subs])
    sigma = np.concatenate([0.012 + 0.006 * town_w, np.full(len(subs), sub_sigma)])
    p_default = np.concatenate([0.55 * town_w / town_w.sum(),
                                np.full(len(subs), 0.45 / len(subs))])
    p_rural = np.concatenate([np.zeros(len(towns)), np.full(len(subs), 1.0 / len(subs))])
    return _Clusters(lat, lon, sigma, p_default, p_rural)


def _points(rng: np.random.Generator, county: reference.County, rural: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates inside the county around its towns (rejection sampling in the polygon)."""
    n = rural.shape[0]
    cl = _clusters(county)
    which = np.where(rural, rng.choice(len(cl.lat), size=n, p=cl.p_rural),
                     rng.choice(len(cl.lat), size=n, p=cl.p_default))
    spread = cl.sigma[which] * np.where(rural, 2.5, 1.0)
    lat = np.empty(n)
    lon = np.empty(n)
    todo = np.arange(n)
    geom = _county_shapes()[county.code]
    for _ in range(30):
        if todo.size == 0:
            break
        # Rounded (to about a metre) before the test, so stored points are inside too.
        la = np.round(cl.lat[which[todo]] + rng.normal(0.0, 1.0, todo.size) * spread[todo], 5)
        lo = np.round(cl.lon[which[todo]] + rng.normal(0.0, 1.0, todo.size) * spread[todo], 5)
        inside = shapely.contains_xy(geom, lo, la)
        lat[todo[inside]] = la[inside]
        lon[todo[inside]] = lo[inside]
        todo = todo[~inside]
    # Centres lie inside their county (checked by the tests); the last few stragglers
    # of a narrow coastline go there rather than outside the county.
    lat[todo] = cl.lat[which[todo]]
    lon[todo] = cl.lon[which[todo]]
    return lat, lon


def _incident_rows(window: _Window, seed: int, crime: _Crime, source_id: int, res: int
                   ) -> Iterator[tuple[list[tuple], float]]:
    """Yield chunks of incident tuples, county by county and by date, each with the share
    of all incidents generated so far."""
    months = window.months()
    month_days = months.astype("datetime64[D]")
    days_in = ((months + 1).astype("datetime64[D]") - month_days).astype(np.int64)
    n_cat, n_months = crime.counts.shape[1], crime.counts.shape[2]
    theft_of_stock = crime.categories.index("theft_of_stock")
    width = max(6, len(str(int(crime.counts.sum()))))
    total = max(int(crime.counts.sum()), 1)
    number = 0
    for c, county in enumerate(crime.counties):
        rng = _rng(seed, "points", c)
        cells = crime.counts[c].ravel()  # category-major, month-minor
        n = int(cells.sum())
        if n == 0:
            continue
        cat = np.repeat(np.repeat(np.arange(n_cat), n_months), cells)
        mon = np.repeat(np.tile(np.arange(n_months), n_cat), cells)
        day = (rng.random(n) * days_in[mon]).astype(np.int64)
        date = month_days[mon] + day
        order = np.argsort(date, kind="stable")
        cat, mon, date = cat[order], mon[order], date[order]
        has_point = rng.random(n) < _WITH_COORDINATES
        lat, lon = _points(rng, county, cat == theft_of_stock)
        for start in range(0, n, _CHUNK):
            sl = slice(start, min(start + _CHUNK, n))
            m = has_point[sl]
            la = np.where(m, lat[sl], np.nan)
            lo = np.where(m, lon[sl], np.nan)
            cell = cells_for(la, lo, res)
            lat_o = la.astype(object)
            lon_o = lo.astype(object)
            cell_o = cell.astype(object)
            lat_o[~m] = None
            lon_o[~m] = None
            cell_o[cell == NO_CELL] = None
            size = sl.stop - sl.start
            ids = [f"demo-inc-{i:0{width}d}" for i in range(number + 1, number + size + 1)]
            number += size
            rows = list(zip(
                ids, date[sl].astype(str).tolist(),
                month_days[mon[sl]].astype(str).tolist(),
                [county.code] * size,
                [crime.categories[k] for k in cat[sl].tolist()],
                lat_o.tolist(), lon_o.tolist(), cell_o.tolist(), [source_id] * size,
            ))
            yield rows, number / total


INCIDENT_COLUMNS = ("external_id", "occurred_on", "month", "county_code", "category_code",
                    "latitude", "longitude", "h3_cell", "source_id")


# --- chiefs' reports -----------------------------------------------------------------


def _chiefs(conn: Connection, window: _Window, seed: int, source_id: int, crime: _Crime,
            concerns_out: list[dict]) -> dict:
    """Chiefs' locations and their monthly reports; adds chief-report concerns."""
    rng = _rng(seed, "chiefs")
    counties = crime.counties
    pops = np.array([c.population_2019 for c in counties], dtype=float)
    n_loc = np.round(6 + 24 * ((pops - pops.min()) / (pops.max() - pops.min())) ** 0.7)
    # Crime per head drives sentiment: standardised log rate of expected crime.
    expected_rate = crime.share.sum(axis=1) / pops
    crime_z = np.log(expected_rate)
    crime_z = (crime_z - crime_z.mean()) / crime_z.std()
    months = [_add_months(window.chief_start, i) for i in range(CHIEF_MONTHS)]
    surge_counties = {s["county_code"] for s in crime.surges}
    monthly_incidents = crime.counts.sum(axis=(1, 2)) / max(crime.counts.shape[2], 1)

    locations, loc_meta = [], []
    for c, county in enumerate(counties):
        subs = list(content.SUB_COUNTIES[county.code])
        order = rng.permutation(len(subs))
        wards = [[(subs[i].name, w) for w in rng.permutation(list(subs[i].wards))]
                 for i in order]
        picked: list[tuple[str, str]] = []
        while len(picked) < int(n_loc[c]) and any(wards):
            for queue in wards:
                if queue and len(picked) < int(n_loc[c]):
                    picked.append(queue.pop(0))
        for sub, ward in picked:
            start = window.chief_start
            if rng.random() < 0.04:  # a few locations created during the period
                start = _add_months(start, int(rng.integers(3, CHIEF_MONTHS - 2)))
            locations.append({"county_code": county.code, "sub_county": sub,
                              "location": str(ward), "expected_from": start,
                              "expected_to": None, "source_id": source_id})
            loc_meta.append((c, start, rng.normal(0.0, 0.4)))
    location_ids = _insert_returning_ids(conn, schema.chief_locations, locations)

    reports = []
    for lid, loc, (c, start, loc_effect) in zip(location_ids, locations, loc_meta):
        county = counties[c]
        compliance = content.CHIEF_COMPLIANCE.get(county.code, float(rng.uniform(0.86, 0.96)))
        weights = content.theme_weights(county.code, county.region_code)
        # Counties living with raids, banditry or extremism feel less safe.
        conflict = sum(weights.get(t, 0.0) for t in _CONFLICT_THEMES) / sum(weights.values())
        per_location = monthly_incidents[c] / max(int(n_loc[c]), 1)
        for i, month in enumerate(months):
            if month < start:
                continue
            # Compliance improves a little over the period.
            if rng.random() >= compliance - 0.05 * (1 - i / (CHIEF_MONTHS - 1)):
                continue
            barazas = int(rng.poisson(3.0))
            attendance = int(rng.poisson(70.0 * barazas)) if barazas else 0
            theme = _weighted(rng, weights) if barazas else None
            latent = (3.8 - 0.35 * crime_z[c] - 0.8 * conflict + loc_effect
                      + rng.normal(0.0, 0.6))
            if theme in _CONFLICT_THEMES:
                latent -= 0.3
            if county.code in surge_counties and i >= CHIEF_MONTHS - 2:
                latent -= 0.9
            sentiment = int(np.clip(round(latent), 1, 5))
            phrase = content.THEME_PHRASES[theme] if theme else ""
            if rng.random() < 0.3:
                notes = None
            elif sentiment >= 4 or theme is None:
                notes = _pick(rng, content.CHIEF_NOTES_CALM)
            else:
                notes = _pick(rng, content.CHIEF_NOTES_CONCERN).format(phrase=phrase)
            reports.append((lid, month, sentiment, barazas, attendance, theme,
                            int(rng.poisson(0.3 * per_location + 0.5)), notes, source_id))
            if theme and sentiment <= 2 and rng.random() < 0.03:
                raised = month + dt.timedelta(days=int(rng.integers(3, 25)))
                if raised <= window.end_day:
                    text = _pick(rng, content.CHIEF_CONCERN_TEXTS)
                    concerns_out.append({
                        "forum_id": None, "origin": "chief_report",
                        "county_code": county.code, "theme_code": theme,
                        "summary": text.format(place=loc["location"], phrase=phrase),
                        "raised_by_group": _weighted(rng, content.RAISED_BY[theme]),
                        "raised_on": raised, "source_id": source_id, "_edition": None,
                    })
    bulk_insert(conn, schema.chief_reports, reports, columns=[
        "location_id", "month", "sentiment", "barazas_held", "attendance", "top_theme_code",
        "incidents_noted", "notes", "source_id",
    ])
    return {"chief_locations": len(locations), "chief_reports": len(reports)}


# --- the whole run -----------------------------------------------------------------------


def _surge_note(crime: _Crime, window: _Window) -> str:
    names = {c.code: c.name for c in crime.counties}
    parts = [
        f"{reference.CATEGORY_BY_CODE[s['category_code']].name.lower()} in "
        f"{names[s['county_code']]} ({s['count']} against a usual {s['baseline']:g} for "
        f"the time of year, {s['previous']} the month before: {s['why']})"
        for s in crime.surges
    ]
    seeded = (f" Seeded surges in {window.end_month:%B %Y}: " + "; ".join(parts) + "."
              if parts else "")
    return ("Generated demo data, not real figures." + seeded + " All other counts are "
            "random draws around a seasonal pattern (variance about 1.3 times the mean, "
            "like real recorded crime), so a few may cross an alert threshold by chance.")


def _validate(seed: int, years: int, incidents: int | None,
              end_month: dt.date | None) -> dt.date:
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, got {seed!r}")
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 20:
        raise ValueError(f"years must be a whole number from 1 to 20, got {years!r}")
    if incidents is not None and (isinstance(incidents, bool) or not isinstance(incidents, int)
                                  or incidents < 0):
        raise ValueError(f"incidents must be a whole number ≥ 0, got {incidents!r}")
    if end_month is None:
        return default_end_month()
    if not isinstance(end_month, dt.date):
        raise ValueError(f"end_month must be a date, got {end_month!r}")
    if isinstance(end_month, dt.datetime):
        end_month = end_month.date()
    return end_month.replace(day=1)


def generate_demo(engine: Engine, *, seed: int = 7, years: int = 3,
                  incidents: int | None = None, end_month: dt.date | None = None,
                  progress: Progress | None = None) -> dict:
    """(Re)create the demo data set; imported data is kept.

    ``years`` of incidents end with ``end_month`` (default: the last complete month before
    ``clock.today()``); forums, concerns and commitments run through the same window;
    ``incidents`` overrides their total (default about 85,000 a year). Creates the schema
    if needed, deletes earlier demo rows and writes everything in one transaction, then
    rebuilds the aggregates. ``progress(fraction, message)`` is called at each stage.

    Returns the rows written per table (``forums``, ``forum_attendance``, ``concerns``,
    ``commitments``, ``commitment_updates``, ``chief_locations``, ``chief_reports``,
    ``crime_counts``, ``incidents``, ``crime_agg``, ``hex_cells``), plus ``surges`` (list
    of dicts with ``county_code``, ``category_code``, ``month``, ``count``, ``previous``
    (the month before), ``baseline`` (mean of the emerging-threats baseline months),
    ``why``), ``published_years``, ``end_month`` and ``seconds``.
    """
    end = _validate(seed, years, incidents, end_month)
    started = time.perf_counter()

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(round(min(max(fraction, 0.0), 1.0), 4), message)

    report(0.0, "Preparing the database")
    init_db(engine)
    window = _Window(end, years)
    by_code = {c.code: c for c in reference.counties()}
    res = get_settings().hex_resolution
    summary: dict = {}
    with engine.begin() as conn:
        report(0.02, "Removing earlier demo data")
        _delete_demo_rows(conn)
        source_id = new_source(
            conn, kind="demo", dataset="demo",
            name=f"Demo data (seed {seed}, {window.n_months} months to {end:%B %Y})",
        )
        report(0.05, "Drawing crime counts")
        crime = _draw_crime(window, seed, incidents)

        report(0.07, "Forums, attendance and concerns")
        counts, concerns = _forums_and_concerns(conn, window, seed, source_id, by_code)
        summary.update(counts)
        report(0.09, "Chiefs' monthly reports")
        summary.update(_chiefs(conn, window, seed, source_id, crime, concerns))
        concern_ids = _insert_returning_ids(conn, schema.concerns, [
            {**{k: v for k, v in row.items() if not k.startswith("_")},
             "external_id": f"demo-con-{n:04d}"}
            for n, row in enumerate(concerns, start=1)
        ])
        summary["concerns"] = len(concern_ids)
        report(0.12, "Commitments and their status histories")
        summary.update(_commitments(conn, window, seed, source_id, by_code, concerns,
                                    concern_ids))
        report(0.14, "Published yearly crime counts")
        summary["crime_counts"], summary["published_years"] = _published_counts(
            conn, window, seed, source_id, crime)

        report(0.15, "Incidents")
        written = 0
        for rows, done in _incident_rows(window, seed, crime, source_id, res):
            written += bulk_insert(conn, schema.incidents, rows, columns=INCIDENT_COLUMNS)
            report(0.15 + 0.7 * done, f"Incidents ({done:.0%})")
        summary["incidents"] = written

        report(0.86, "Building the aggregate tables")
        refresh_aggregates(conn)
        for table in (schema.crime_agg, schema.hex_cells):
            summary[table.name] = conn.execute(
                sa.select(sa.func.count()).select_from(table)).scalar_one()
        table_rows = sum(v for k, v in summary.items()
                         if isinstance(v, int) and k not in ("crime_agg", "hex_cells"))
        conn.execute(schema.data_sources.update()
                     .where(schema.data_sources.c.id == source_id)
                     .values(rows=table_rows, note=_surge_note(crime, window)))
    summary.update({
        "surges": [{k: s[k] for k in ("county_code", "category_code", "month", "count",
                                      "previous", "baseline", "why")}
                   for s in crime.surges],
        "end_month": end,
        "seconds": round(time.perf_counter() - started, 2),
    })
    report(1.0, "Demo data ready")
    return summary
