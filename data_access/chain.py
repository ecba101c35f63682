"""The accountability chain: forum → concerns raised → commitments made → status history.

Queries for walking the chain both ways: down from a forum to every concern and the
commitments answering it, and back up from any commitment to its concern and forum.
Statuses here are the current ones (the denormalised columns kept in step with the
history by ``commitment_updates``); the history itself is returned in full.

Internal audience only: every function takes ``audience`` (required) and raises
:class:`~data_access.privacy.NotForPublic` for the public audience. The chain lists
individual concerns, commitments and updates (titles, summaries, notes, evidence and who
recorded them); public screens show the protected figures of ``data_access.commitments``
instead.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.commitments import internal_only
from data_access.figures.scope import Audience
from data_access.metrics import is_overdue
from data_access.reference import ATTENDANCE_GROUPS

_DATE_COLUMNS = ("held_on", "raised_on", "made_on", "due_on", "status_on", "last_verified_on",
                 "fulfilled_on", "updated_on", "recorded_at")


def _dates(frame: pd.DataFrame) -> pd.DataFrame:
    for col in _DATE_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.to_datetime(frame[col])
    return frame


def forum_choices(*, audience: Audience, start: dt.date | None = None,
                  end: dt.date | None = None, county_codes: tuple[str, ...] = (),
                  engine=None) -> pd.DataFrame:
    """Forums (held in [start, end] when given) with the size of their chain, newest first.
    Internal audience only.

    Columns: ``forum_id, external_id, edition, county_code, county, venue, held_on,
    attendance_total, concerns, commitments``.
    """
    internal_only(audience, "the list of forums with their concerns and commitments")
    return _forum_choices(engine=engine, start=start, end=end, county_codes=tuple(county_codes))


@cached_query
def _forum_choices(conn: Connection, *, start: dt.date | None = None,
                   end: dt.date | None = None, county_codes: tuple[str, ...] = ()
                   ) -> pd.DataFrame:
    f, cty, con, c = s.forums, s.counties, s.concerns, s.commitments
    n_concerns = (sa.select(sa.func.count()).where(con.c.forum_id == f.c.id)
                  .scalar_subquery())
    n_commitments = (sa.select(sa.func.count())
                     .select_from(c.join(con, c.c.concern_id == con.c.id))
                     .where(con.c.forum_id == f.c.id).scalar_subquery())
    stmt = (sa.select(f.c.id.label("forum_id"), f.c.external_id, f.c.edition, f.c.county_code,
                      cty.c.name.label("county"), f.c.venue, f.c.held_on, f.c.attendance_total,
                      n_concerns.label("concerns"), n_commitments.label("commitments"))
            .select_from(f.join(cty, f.c.county_code == cty.c.code))
            .order_by(f.c.held_on.desc(), f.c.id.desc()))
    if start is not None:
        stmt = stmt.where(f.c.held_on >= start)
    if end is not None:
        stmt = stmt.where(f.c.held_on <= end)
    if county_codes:
        stmt = stmt.where(f.c.county_code.in_(list(county_codes)))
    return _dates(read_df(conn, stmt))


def forum_detail(*, forum_id: int, audience: Audience, engine=None) -> pd.DataFrame:
    """One forum (empty when unknown): ``forum_id, external_id, edition, county_code,
    county, region, venue, held_on, attendance_total, attendance`` where ``attendance`` is
    a readable "group: n" list. Internal audience only (the head of a forum's chain)."""
    internal_only(audience, "a forum's chain")
    return _forum_detail(engine=engine, forum_id=int(forum_id))


@cached_query
def _forum_detail(conn: Connection, *, forum_id: int) -> pd.DataFrame:
    f, cty, reg, att = s.forums, s.counties, s.regions, s.forum_attendance
    out = read_df(conn, sa.select(
        f.c.id.label("forum_id"), f.c.external_id, f.c.edition, f.c.county_code,
        cty.c.name.label("county"), reg.c.name.label("region"), f.c.venue, f.c.held_on,
        f.c.attendance_total,
    ).select_from(f.join(cty, f.c.county_code == cty.c.code)
                  .join(reg, cty.c.region_code == reg.c.code)).where(f.c.id == forum_id))
    groups = read_df(conn, sa.select(att.c.group_code, att.c.attendees)
                     .where(att.c.forum_id == forum_id).order_by(att.c.attendees.desc()))
    out["attendance"] = ", ".join(
        f"{ATTENDANCE_GROUPS.get(g, (g,))[0]}: {n:,}"
        for g, n in zip(groups["group_code"], groups["attendees"]))
    return _dates(out)


def _chain_select():
    con, c, inst, th = s.concerns, s.commitments, s.institutions, s.themes
    return (
        sa.select(
            con.c.id.label("concern_id"), con.c.external_id.label("concern_external_id"),
            con.c.forum_id, con.c.origin, con.c.county_code, con.c.theme_code,
            th.c.label.label("theme"), th.c.label_sw.label("theme_sw"), th.c.sensitive,
            con.c.summary, con.c.raised_by_group, con.c.raised_on,
            c.c.id.label("commitment_id"), c.c.external_id, c.c.title, c.c.institution_code,
            inst.c.name.label("institution"), inst.c.short_name.label("institution_short"),
            c.c.made_on, c.c.due_on, c.c.current_status, c.c.status_on, c.c.last_verified_on,
            c.c.fulfilled_on, c.c.evidence, c.c.version,
        )
        .select_from(con.join(th, con.c.theme_code == th.c.code)
                     .outerjoin(c, c.c.concern_id == con.c.id)
                     .outerjoin(inst, c.c.institution_code == inst.c.code))
    )


def _with_overdue(frame: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    frame = _dates(frame)
    has = frame["commitment_id"].notna()
    frame["overdue"] = is_overdue(frame["due_on"], frame["current_status"], today) & has
    frame["days_overdue"] = ((pd.Timestamp(today) - frame["due_on"]).dt.days
                             .where(frame["overdue"]).astype("Int64"))
    frame["commitment_id"] = frame["commitment_id"].astype("Int64")
    frame["version"] = frame["version"].astype("Int64")
    frame["sensitive"] = frame["sensitive"].astype(bool)
    return frame


def forum_chain(*, forum_id: int, today: dt.date, audience: Audience,
                engine=None) -> pd.DataFrame:
    """Every concern raised at a forum with the commitments answering it (one row per
    concern × commitment; a concern with no commitment has one row with empty commitment
    columns), in the order raised. Internal audience only.

    Columns: ``concern_id, concern_external_id, forum_id, origin, county_code, theme_code,
    theme, theme_sw, sensitive, summary, raised_by_group, raised_on, commitment_id,
    external_id, title, institution_code, institution, institution_short, made_on, due_on,
    current_status, status_on, last_verified_on, fulfilled_on, evidence, version, overdue,
    days_overdue`` (overdue as of ``today``).
    """
    internal_only(audience, "a forum's chain")
    return _forum_chain(engine=engine, forum_id=int(forum_id), today=today)


@cached_query
def _forum_chain(conn: Connection, *, forum_id: int, today: dt.date) -> pd.DataFrame:
    con, c = s.concerns, s.commitments
    stmt = (_chain_select().where(con.c.forum_id == forum_id)
            .order_by(con.c.raised_on, con.c.id, c.c.id))
    return _with_overdue(read_df(conn, stmt), today)


def commitment_context(*, commitment_id: int, today: dt.date, audience: Audience,
                       engine=None) -> pd.DataFrame:
    """Back up the chain from one commitment: a single row (empty when unknown) with the
    columns of :func:`forum_chain` plus its forum's ``forum_external_id, edition,
    held_on, venue, county, region`` (empty when the concern did not come from a forum).
    Internal audience only.
    """
    internal_only(audience, "a commitment's chain")
    return _commitment_context(engine=engine, commitment_id=int(commitment_id), today=today)


@cached_query
def _commitment_context(conn: Connection, *, commitment_id: int, today: dt.date
                        ) -> pd.DataFrame:
    c, f, cty, reg = s.commitments, s.forums, s.counties, s.regions
    base = _chain_select().where(c.c.id == commitment_id).subquery()
    stmt = (sa.select(base, f.c.external_id.label("forum_external_id"), f.c.edition,
                      f.c.held_on, f.c.venue, cty.c.name.label("county"),
                      reg.c.name.label("region"))
            .select_from(base.outerjoin(f, base.c.forum_id == f.c.id)
                         .join(cty, base.c.county_code == cty.c.code)
                         .join(reg, cty.c.region_code == reg.c.code)))
    return _with_overdue(read_df(conn, stmt), today)


def commitment_history(*, commitment_ids: tuple[int, ...], audience: Audience,
                       engine=None) -> pd.DataFrame:
    """The full status history of these commitments, oldest first per commitment.
    Internal audience only.

    Columns: ``update_id, commitment_id, updated_on, status, note, evidence, recorded_by,
    recorded_at, source_kind, source``.
    """
    internal_only(audience, "a commitment's status history")
    return _commitment_history(engine=engine,
                               commitment_ids=tuple(int(i) for i in commitment_ids))


@cached_query
def _commitment_history(conn: Connection, *, commitment_ids: tuple[int, ...]) -> pd.DataFrame:
    u, src = s.commitment_updates, s.data_sources
    cols = ["update_id", "commitment_id", "updated_on", "status", "note", "evidence",
            "recorded_by", "recorded_at", "source_kind", "source"]
    if not commitment_ids:
        return pd.DataFrame(columns=cols)
    stmt = (sa.select(u.c.id.label("update_id"), u.c.commitment_id, u.c.updated_on, u.c.status,
                      u.c.note, u.c.evidence, u.c.recorded_by, u.c.recorded_at,
                      src.c.kind.label("source_kind"), src.c.name.label("source"))
            .select_from(u.join(src, u.c.source_id == src.c.id))
            .where(u.c.commitment_id.in_([int(i) for i in commitment_ids]))
            .order_by(u.c.commitment_id, u.c.updated_on, u.c.id))
    return _dates(read_df(conn, stmt))


def commitment_choices(*, audience: Audience, county_codes: tuple[str, ...] = (),
                       search: str = "", limit: int = 500, engine=None) -> pd.DataFrame:
    """Commitments to pick from, newest first: matching ``search`` against the id, the
    external id or the title (case-insensitive), at most ``limit``. Internal audience
    only (the titles may describe the people involved).

    Columns: ``commitment_id, external_id, title, institution_short, county,
    current_status, made_on, version``.
    """
    internal_only(audience, "the list of commitments to pick from")
    return _commitment_choices(engine=engine, county_codes=tuple(county_codes),
                               search=search, limit=limit)


@cached_query
def _commitment_choices(conn: Connection, *, county_codes: tuple[str, ...] = (),
                        search: str = "", limit: int = 500) -> pd.DataFrame:
    c, con, inst, cty = s.commitments, s.concerns, s.institutions, s.counties
    stmt = (sa.select(c.c.id.label("commitment_id"), c.c.external_id, c.c.title,
                      inst.c.short_name.label("institution_short"), cty.c.name.label("county"),
                      c.c.current_status, c.c.made_on, c.c.version)
            .select_from(c.join(con, c.c.concern_id == con.c.id)
                         .join(inst, c.c.institution_code == inst.c.code)
                         .join(cty, con.c.county_code == cty.c.code))
            .order_by(c.c.made_on.desc(), c.c.id.desc())
            .limit(limit))
    if county_codes:
        stmt = stmt.where(con.c.county_code.in_(list(county_codes)))
    term = search.strip()
    if term:
        conds = [sa.func.lower(c.c.title).contains(term.lower(), autoescape=True),
                 sa.func.lower(c.c.external_id).contains(term.lower(), autoescape=True)]
        if term.isdigit():
            conds.append(c.c.id == int(term))
        stmt = stmt.where(sa.or_(*conds))
    return _dates(read_df(conn, stmt))
