"""Commitment queries: each commitment with its status as of a date, and summaries.

The status of a commitment on a date is its latest update on or before that date
(``commitment_updates`` is append-only; nothing is overwritten), so a past period shows
the picture as it was then and two screenshots of the same period always agree.

Every page number about commitments comes from :func:`commitments_as_of` (one cached
query) and the pure summaries below, so the Overview, the Commitments page and the
exports cannot disagree. Rates follow docs/METHODS.md, "Commitments" (see
``data_access.metrics``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.metrics import (
    days_to_fulfil,
    is_overdue,
    is_past_due_unverified,
    median_days_to_fulfil,
    on_time_counts,
    resolution_summary,
)
from data_access.privacy import drop_free_text, suppress_counts

# The count columns of every summary (in display order) and the rates derived from them.
# ``overdue`` counts verified commitments only; ``past_due_unverified`` (unverified and past
# the due date) is counted apart, never as overdue (metrics.DEFINITIONS).
COUNT_COLUMNS = ["made", "unverified", "verified", "fulfilled", "partly", "not_fulfilled",
                 "open", "overdue", "past_due_unverified", "fulfilled_on_time",
                 "fulfilled_with_due"]
RATE_COLUMNS = ["resolution_rate", "fulfilled_or_partly_rate", "on_time_share",
                "median_days_to_fulfil"]
# A rate is hidden with any count it is computed from (public mode, sensitive themes).
RATE_DEPENDENTS = {
    "verified": ["resolution_rate", "fulfilled_or_partly_rate"],
    "fulfilled": ["resolution_rate", "fulfilled_or_partly_rate", "median_days_to_fulfil"],
    "partly": ["fulfilled_or_partly_rate"],
    "fulfilled_on_time": ["on_time_share"],
    "fulfilled_with_due": ["on_time_share"],
}
# Free text that must never reach a public screen (beyond privacy.FREE_TEXT_COLUMNS).
_PRIVATE_COLUMNS = ["concern_summary"]
BREAKDOWNS = ("region", "county", "institution", "theme")
# In public mode the title of a commitment on a sensitive theme (GBV, violent extremism)
# is not shown: it may describe the people involved.
WITHHELD_TITLE = "(withheld: sensitive theme)"


def _in_scope(stmt, *, made_from, county_codes, themes):
    """Restrict a statement over commitments ⋈ concerns to the filters' scope."""
    c, con = s.commitments, s.concerns
    if made_from is not None:
        stmt = stmt.where(c.c.made_on >= made_from)
    if county_codes:
        stmt = stmt.where(con.c.county_code.in_(list(county_codes)))
    if themes:
        stmt = stmt.where(con.c.theme_code.in_(list(themes)))
    return stmt


@cached_query
def commitments_as_of(conn: Connection, *, as_of: dt.date,
                      county_codes: tuple[str, ...] = (),
                      themes: tuple[str, ...] = (),
                      made_from: dt.date | None = None) -> pd.DataFrame:
    """Commitments made on or before ``as_of`` (and on or after ``made_from`` when given)
    with their status on ``as_of``.

    Columns: ``commitment_id, external_id, title, institution_code, institution,
    institution_short, made_on, due_on, status, status_on, fulfilled_on, overdue,
    days_overdue, past_due_unverified, days_past_due, days_to_fulfil, on_time, concern_id,
    theme_code, theme, theme_sw, sensitive, concern_summary, concern_raised_on, county_code,
    county, region_code, region, region_sw, forum_id, forum_edition, forum_held_on,
    origin_on``.

    A commitment with no update by ``as_of`` is ``unverified``. ``overdue``: verified,
    past its due date and neither fulfilled nor not fulfilled (``days_overdue`` days);
    ``past_due_unverified``: still unverified and past its due date (counted apart, never
    overdue); ``days_past_due`` is set for both. ``fulfilled_on`` is the
    day its current run of "fulfilled" began (NaT unless the status is ``fulfilled``).
    ``origin_on`` is the forum's date, or the day the concern was raised when it did not
    come from a forum. ``on_time`` is True/False for fulfilled commitments with a due
    date, else missing.
    """
    c, con, cty, inst = s.commitments, s.concerns, s.counties, s.institutions
    th, reg, fo = s.themes, s.regions, s.forums
    stmt = (
        sa.select(
            c.c.id.label("commitment_id"), c.c.external_id, c.c.title, c.c.institution_code,
            inst.c.name.label("institution"), inst.c.short_name.label("institution_short"),
            c.c.made_on, c.c.due_on,
            con.c.id.label("concern_id"), con.c.theme_code, th.c.label.label("theme"),
            th.c.label_sw.label("theme_sw"), th.c.sensitive,
            con.c.summary.label("concern_summary"), con.c.raised_on.label("concern_raised_on"),
            con.c.county_code, cty.c.name.label("county"), cty.c.region_code,
            reg.c.name.label("region"), reg.c.name_sw.label("region_sw"), con.c.forum_id,
            fo.c.edition.label("forum_edition"), fo.c.held_on.label("forum_held_on"),
        )
        .select_from(c.join(con, c.c.concern_id == con.c.id)
                     .join(cty, con.c.county_code == cty.c.code)
                     .join(reg, cty.c.region_code == reg.c.code)
                     .join(th, con.c.theme_code == th.c.code)
                     .join(inst, c.c.institution_code == inst.c.code)
                     .outerjoin(fo, con.c.forum_id == fo.c.id))
        .where(c.c.made_on <= as_of)
        .order_by(c.c.id)
    )
    stmt = _in_scope(stmt, made_from=made_from, county_codes=county_codes, themes=themes)
    frame = read_df(conn, stmt)
    u = s.commitment_updates
    upd = (sa.select(u.c.commitment_id, u.c.status, u.c.updated_on, u.c.id)
           .where(u.c.updated_on <= as_of))
    if county_codes or themes or made_from is not None:
        # Only the updates of the commitments selected above.
        upd = upd.where(u.c.commitment_id.in_(
            stmt.with_only_columns(c.c.id).order_by(None).scalar_subquery()))
    updates = read_df(conn, upd)
    return _attach_status(frame, updates, as_of)


def _attach_status(frame: pd.DataFrame, updates: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    for col in ("made_on", "due_on", "concern_raised_on", "forum_held_on"):
        frame[col] = pd.to_datetime(frame[col])
    frame["sensitive"] = frame["sensitive"].astype(bool)
    latest, fulfilled = latest_status(updates)
    out = frame.merge(latest, on="commitment_id", how="left").merge(
        fulfilled, on="commitment_id", how="left")
    out["status"] = out["status"].fillna("unverified").astype(object)
    out["status_on"] = pd.to_datetime(out["status_on"])
    out["fulfilled_on"] = pd.to_datetime(out["fulfilled_on"])
    out["overdue"] = is_overdue(out["due_on"], out["status"], as_of)
    out["past_due_unverified"] = is_past_due_unverified(out["due_on"], out["status"], as_of)
    days_late = (pd.Timestamp(as_of) - out["due_on"]).dt.days
    out["days_overdue"] = days_late.where(out["overdue"]).astype("Int64")
    out["days_past_due"] = days_late.where(out["overdue"] | out["past_due_unverified"]
                                           ).astype("Int64")
    out["days_to_fulfil"] = days_to_fulfil(out["made_on"], out["fulfilled_on"])
    has_both = out["fulfilled_on"].notna() & out["due_on"].notna()
    out["on_time"] = pd.Series(pd.NA, index=out.index, dtype="boolean")
    out.loc[has_both, "on_time"] = out.loc[has_both, "fulfilled_on"] <= out.loc[has_both,
                                                                                 "due_on"]
    out["origin_on"] = out["forum_held_on"].fillna(out["concern_raised_on"])
    return out


def latest_status(updates: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """From update rows (``commitment_id, status, updated_on, id``) derive, per commitment,
    the latest status and the day its current run of "fulfilled" began.

    Returns ``(latest, fulfilled)``: ``commitment_id, status, status_on`` and
    ``commitment_id, fulfilled_on`` (only commitments whose latest status is fulfilled).
    Updates are ordered by date, then by the order they were recorded, so an update
    recorded late for an earlier day never hides a later one.
    """
    if updates.empty:
        return (pd.DataFrame(columns=["commitment_id", "status", "status_on"]),
                pd.DataFrame(columns=["commitment_id", "fulfilled_on"]))
    upd = updates.copy()
    upd["updated_on"] = pd.to_datetime(upd["updated_on"])
    upd = upd.sort_values(["commitment_id", "updated_on", "id"])
    latest = (upd.groupby("commitment_id").tail(1)
              .rename(columns={"updated_on": "status_on"})[["commitment_id", "status",
                                                             "status_on"]])
    # A run of "fulfilled" ends at any other status: number the runs per commitment and
    # keep the first day of the last run when that run is "fulfilled".
    is_ful = upd["status"] == "fulfilled"
    run = (is_ful != is_ful.groupby(upd["commitment_id"]).shift(fill_value=False)).groupby(
        upd["commitment_id"]).cumsum()
    upd = upd.assign(run=run, is_ful=is_ful)
    last_run = upd.groupby("commitment_id")["run"].transform("max")
    tail = upd[(upd["run"] == last_run) & upd["is_ful"]]
    fulfilled = (tail.groupby("commitment_id")["updated_on"].min().rename("fulfilled_on")
                 .reset_index())
    return latest.reset_index(drop=True), fulfilled


# --- summaries -------------------------------------------------------------------------


def _summary(grp: pd.DataFrame) -> dict[str, float | int]:
    summary = resolution_summary(grp["status"])
    summary["overdue"] = int(grp["overdue"].sum())
    summary["past_due_unverified"] = int(grp["past_due_unverified"].sum())
    on_time, with_due = on_time_counts(grp["due_on"], grp["fulfilled_on"])
    summary["fulfilled_on_time"] = on_time
    summary["fulfilled_with_due"] = with_due
    summary["on_time_share"] = on_time / with_due if with_due else np.nan
    summary["median_days_to_fulfil"] = median_days_to_fulfil(grp["made_on"], grp["fulfilled_on"])
    return summary


def summarise_by(frame: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Resolution summary per value of ``by`` (a column or a list of columns of
    :func:`commitments_as_of`, e.g. ``region_code`` or ``["institution", "region"]``).

    Columns: ``by`` plus made, unverified, verified, fulfilled, partly, not_fulfilled,
    open, overdue, past_due_unverified, resolution_rate, fulfilled_or_partly_rate,
    fulfilled_on_time, fulfilled_with_due, on_time_share, median_days_to_fulfil.
    ``overdue`` counts verified commitments only; unverified ones past their due date are
    ``past_due_unverified``. ``on_time_share`` = fulfilled_on_time (fulfilled on or before
    the due date) ÷ fulfilled_with_due (fulfilled commitments that had a due date).
    """
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for key, grp in frame.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        rows.append({**dict(zip(keys, key)), **_summary(grp)})
    cols = [*keys, "made", "unverified", "verified", "fulfilled", "partly", "not_fulfilled",
            "open", "overdue", "past_due_unverified", "resolution_rate",
            "fulfilled_or_partly_rate",
            "fulfilled_on_time", "fulfilled_with_due", "on_time_share", "median_days_to_fulfil"]
    return pd.DataFrame(rows, columns=cols)


def _fill_counts(out: pd.DataFrame) -> pd.DataFrame:
    out[COUNT_COLUMNS] = out[COUNT_COLUMNS].fillna(0).astype("int64")
    for col in RATE_COLUMNS:
        out[col] = out[col].astype("float64")
    return out


def _suppress(out: pd.DataFrame, *, public: bool, sensitive: pd.Series | None = None
              ) -> pd.DataFrame:
    """Small counts to "<5" in public mode (always on sensitive rows), rates with them."""
    return suppress_counts(out, COUNT_COLUMNS, public=public, sensitive=sensitive,
                           dependents=RATE_DEPENDENTS)


def resolution_by_region(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                         themes: tuple[str, ...] = (), engine=None) -> pd.DataFrame:
    """Resolution summary per region (all 8 regions listed), see :func:`summarise_by`.

    Columns: ``region_code, region, region_sw`` and the summary columns.
    """
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes))
    summary = summarise_by(frame, "region_code")
    regions = pd.DataFrame([(r.code, r.name, r.name_sw) for r in reference.REGIONS],
                           columns=["region_code", "region", "region_sw"])
    return _fill_counts(regions.merge(summary, on="region_code", how="left"))


def _members(by: str, county_codes: tuple[str, ...], themes: tuple[str, ...]) -> pd.DataFrame:
    """Every member of a breakdown in scope: ``code, name, name_sw, sensitive``."""
    if by == "region":
        in_scope = {c.region_code for c in reference.counties()
                    if not county_codes or c.code in county_codes}
        rows = [(r.code, r.name, r.name_sw, False) for r in reference.REGIONS
                if r.code in in_scope]
    elif by == "county":
        rows = [(c.code, c.name, c.name, False)
                for c in sorted(reference.counties(), key=lambda c: c.name)
                if not county_codes or c.code in county_codes]
    elif by == "institution":
        rows = [(i.code, i.name, i.name, False) for i in reference.INSTITUTIONS]
    elif by == "theme":
        rows = [(t.code, t.label, t.label_sw, t.sensitive) for t in reference.THEMES
                if not themes or t.code in themes]
    else:
        raise ValueError(f"unknown breakdown {by!r}; choose one of {', '.join(BREAKDOWNS)}")
    return pd.DataFrame(rows, columns=["code", "name", "name_sw", "sensitive"])


_KEY_COLUMN = {"region": "region_code", "county": "county_code",
               "institution": "institution_code", "theme": "theme_code"}


def resolution_by(*, by: str, as_of: dt.date, county_codes: tuple[str, ...] = (),
                  themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                  public: bool = False, engine=None) -> pd.DataFrame:
    """Resolution summary per region, county, institution or theme (``by``), every member
    in scope listed (zeros where none were made).

    Columns: ``code, name, name_sw, sensitive`` plus the summary columns of
    :func:`summarise_by` and a ``<count>_display`` text column per count ("<5" where a
    small count is hidden in public mode, or always for sensitive themes).
    """
    members = _members(by, tuple(county_codes), tuple(themes))
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    summary = summarise_by(frame, _KEY_COLUMN[by]).rename(columns={_KEY_COLUMN[by]: "code"})
    out = _fill_counts(members.merge(summary, on="code", how="left"))
    return _suppress(out, public=public, sensitive=out["sensitive"])


def commitment_totals(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                      themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                      public: bool = False, engine=None) -> pd.DataFrame:
    """One row: the summary over every commitment in scope (the page's KPI cards).

    Columns as :func:`resolution_by`, with ``code`` = "all".
    """
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    row = {"code": "all", "name": "All", "name_sw": "Zote", "sensitive": False,
           **_summary(frame)}
    sensitive_only = bool(themes) and all(reference.THEME_BY_CODE[t].sensitive for t in themes)
    out = _fill_counts(pd.DataFrame([row]))
    return _suppress(out, public=public, sensitive=pd.Series([sensitive_only]))


def institution_region_matrix(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                              themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                              across: str = "region", public: bool = False,
                              engine=None) -> pd.DataFrame:
    """The institution scorecard across areas: one row per institution × area in scope
    (every pair listed, zeros where none were made). ``across`` is "region" (the 8
    regions, or those in scope) or "county" (the counties in scope, e.g. within a region).

    Columns: ``institution_code, institution, institution_short, area_code, area, area_sw``
    plus the summary columns of :func:`summarise_by` and ``<count>_display`` columns.
    """
    if across not in ("region", "county"):
        raise ValueError(f"across must be 'region' or 'county', not {across!r}")
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    summary = summarise_by(frame, ["institution_code", _KEY_COLUMN[across]]).rename(
        columns={_KEY_COLUMN[across]: "area_code"})
    areas = _members(across, tuple(county_codes), ())
    pairs = pd.DataFrame(
        [(i.code, i.name, i.short_name, a.code, a.name, a.name_sw)
         for i in reference.INSTITUTIONS for a in areas.itertuples()],
        columns=["institution_code", "institution", "institution_short", "area_code", "area",
                 "area_sw"])
    out = _fill_counts(pairs.merge(summary, on=["institution_code", "area_code"], how="left"))
    return _suppress(out, public=public)


def overdue_commitments(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                        themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                        due_within_days: int = 0, include_unverified: bool = False,
                        public: bool = False, engine=None) -> pd.DataFrame:
    """Overdue commitments on ``as_of`` (verified, past their due date, neither fulfilled
    nor not fulfilled), oldest first. With ``include_unverified`` the commitments past due
    but not yet verified follow them (``past_due_unverified`` True, never ``overdue``);
    with ``due_within_days`` > 0 the open ones falling due within that many days come last.

    Columns: ``commitment_id, external_id, title, institution, institution_short,
    county_code, county, region, theme_code, theme, concern, status, made_on, due_on,
    overdue, days_overdue, past_due_unverified, days_past_due, days_to_due``. ``concern``
    is the concern's summary; in public mode it is the theme, and titles of
    sensitive-theme commitments are withheld.
    """
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    days_to_due = (frame["due_on"] - pd.Timestamp(as_of)).dt.days
    late = frame["overdue"] | frame["past_due_unverified"]
    upcoming = (~late & ~frame["status"].isin(list(reference.CLOSED_STATUSES))
                & days_to_due.between(0, due_within_days) if due_within_days > 0
                else pd.Series(False, index=frame.index))
    unverified = (frame["past_due_unverified"] if include_unverified
                  else pd.Series(False, index=frame.index))
    out = frame[frame["overdue"] | unverified | upcoming].copy()
    out["days_to_due"] = days_to_due[out.index].astype("Int64")
    out["concern"] = out["concern_summary"].astype(object)
    if public:
        out["concern"] = out["theme"].astype(object)
        out["title"] = out["title"].astype(object).where(
            ~out["sensitive"], WITHHELD_TITLE)
    # Overdue first, then past due but not yet verified, then falling due soon.
    out["_group"] = np.where(out["overdue"], 0, np.where(out["past_due_unverified"], 1, 2))
    out = out.sort_values(["_group", "days_past_due", "days_to_due", "commitment_id"],
                          ascending=[True, False, True, True], na_position="last")
    cols = ["commitment_id", "external_id", "title", "institution", "institution_short",
            "county_code", "county", "region", "theme_code", "theme", "concern", "status",
            "made_on", "due_on", "overdue", "days_overdue", "past_due_unverified",
            "days_past_due", "days_to_due"]
    return out[cols].reset_index(drop=True)


def fulfilment_curve(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                     themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                     by: str | None = None, max_months: int = 24, min_eligible: int = 1,
                     public: bool = False, engine=None) -> pd.DataFrame:
    """Cumulative share fulfilled by months since the forum (DEFINITIONS["fulfilment_curve"]).

    For N = 0 … ``max_months``: ``eligible`` = verified commitments whose forum was at
    least N months before ``as_of`` (younger ones cannot show N months yet);
    ``fulfilled`` = those of them fulfilled within N months of their forum;
    ``unverified`` = unverified commitments that old, counted apart (never as failures).
    With ``by`` (a column of :func:`commitments_as_of`, e.g. ``"region"``) one curve per
    value, else one curve (group "All").

    Columns: ``group, months, eligible, fulfilled, unverified, share`` (+ ``_display``
    columns for the counts); rows with fewer than ``min_eligible`` (at least 1) eligible
    are left out, so a curve stops where too few commitments are old enough to tell.
    """
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    frame = frame[frame["origin_on"].notna()]
    groups = [("All", frame)] if by is None else list(frame.groupby(by))
    end = pd.Timestamp(as_of)
    rows = []
    for name, grp in groups:
        verified = grp["status"] != "unverified"
        for months in range(max_months + 1):
            cutoff = grp["origin_on"] + pd.DateOffset(months=months)
            old_enough = cutoff <= end
            eligible = old_enough & verified
            if eligible.sum() < max(min_eligible, 1):
                continue
            done = eligible & grp["fulfilled_on"].notna() & (grp["fulfilled_on"] <= cutoff)
            rows.append({"group": name, "months": months, "eligible": int(eligible.sum()),
                         "fulfilled": int(done.sum()),
                         "unverified": int((old_enough & ~verified).sum()),
                         "share": done.sum() / eligible.sum()})
    out = pd.DataFrame(rows, columns=["group", "months", "eligible", "fulfilled", "unverified",
                                      "share"])
    out["share"] = out["share"].astype("float64")
    return suppress_counts(out, ["eligible", "fulfilled", "unverified"], public=public,
                           dependents={"eligible": ["share"], "fulfilled": ["share"]})


def forum_fulfilment(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                     themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                     public: bool = False, engine=None) -> pd.DataFrame:
    """Per forum: its commitments' status as of ``as_of`` against the time since it was held.

    Columns: ``forum_id, forum_edition, county, region, held_on, months_since`` plus the
    summary columns of :func:`summarise_by` (and ``_display`` columns), newest forum first.
    """
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    frame = frame[frame["forum_id"].notna()]
    keys = ["forum_id", "forum_edition", "county", "region", "forum_held_on"]
    out = summarise_by(frame, keys).rename(columns={"forum_held_on": "held_on"})
    out["held_on"] = pd.to_datetime(out["held_on"])  # stays datetime when there are no rows
    end = pd.Timestamp(as_of)
    out["months_since"] = ((end.year - out["held_on"].dt.year) * 12
                           + end.month - out["held_on"].dt.month).astype("int64")
    out = _fill_counts(out.sort_values(["held_on", "forum_id"], ascending=False))
    out["forum_id"] = out["forum_id"].astype("int64")
    return _suppress(out.reset_index(drop=True), public=public)


# --- export ----------------------------------------------------------------------------


@cached_query
def _current_columns(conn: Connection) -> pd.DataFrame:
    """The denormalised current status of every commitment (kept by commitment_updates)."""
    c = s.commitments
    stmt = sa.select(c.c.id.label("commitment_id"), c.c.current_status, c.c.status_on,
                     c.c.last_verified_on, c.c.fulfilled_on.label("current_fulfilled_on"),
                     c.c.evidence, c.c.version)
    out = read_df(conn, stmt)
    for col in ("status_on", "last_verified_on", "current_fulfilled_on"):
        out[col] = pd.to_datetime(out[col])
    return out


def commitments_export(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                       themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                       public: bool = False, engine=None) -> pd.DataFrame:
    """The commitments in scope for download: status as of ``as_of`` beside the current
    status (today, with its evidence and version).

    Columns: ``commitment_id, external_id, title, institution, county, region, theme,
    forum, forum_held_on, concern_summary, made_on, due_on, status_as_of, status_as_of_on,
    overdue_as_of, days_overdue_as_of, past_due_unverified_as_of, current_status,
    current_status_on, last_verified_on, fulfilled_on, evidence, version``.
    ``overdue_as_of`` is never true for an unverified commitment: one past its due date is
    ``past_due_unverified_as_of`` instead. Public mode drops the free-text columns.
    """
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    current = _current_columns(engine=engine)
    out = frame.merge(current, on="commitment_id", how="left", suffixes=("", "_current"))
    out = out.rename(columns={
        "status": "status_as_of", "status_on": "status_as_of_on", "overdue": "overdue_as_of",
        "days_overdue": "days_overdue_as_of", "past_due_unverified": "past_due_unverified_as_of",
        "forum_edition": "forum",
        "status_on_current": "current_status_on", "fulfilled_on": "fulfilled_on_as_of",
        "current_fulfilled_on": "fulfilled_on"})
    cols = ["commitment_id", "external_id", "title", "institution", "county", "region", "theme",
            "forum", "forum_held_on", "concern_summary", "made_on", "due_on", "status_as_of",
            "status_as_of_on", "overdue_as_of", "days_overdue_as_of",
            "past_due_unverified_as_of", "current_status", "current_status_on",
            "last_verified_on", "fulfilled_on", "evidence", "version"]
    if public:
        out["title"] = out["title"].astype(object).where(~out["sensitive"],
                                                         WITHHELD_TITLE)
        out = drop_free_text(out[cols].drop(columns=_PRIVATE_COLUMNS), public=True)
    else:
        out = out[cols]
    return out.reset_index(drop=True)


@cached_query
def history_export(conn: Connection, *, as_of: dt.date, county_codes: tuple[str, ...] = (),
                   themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                   public: bool = False) -> pd.DataFrame:
    """The full status history of the commitments :func:`commitments_export` lists (every
    update, including those after ``as_of``), oldest first per commitment.

    Columns: ``commitment_id, external_id, title, update_id, updated_on, status, note,
    evidence, recorded_by, recorded_at, source``. Public mode drops note, evidence and
    recorded_by.
    """
    c, con, u, src = s.commitments, s.concerns, s.commitment_updates, s.data_sources
    stmt = (
        sa.select(c.c.id.label("commitment_id"), c.c.external_id, c.c.title,
                  u.c.id.label("update_id"), u.c.updated_on, u.c.status, u.c.note, u.c.evidence,
                  u.c.recorded_by, u.c.recorded_at, src.c.name.label("source"),
                  s.themes.c.sensitive)
        .select_from(u.join(c, u.c.commitment_id == c.c.id)
                     .join(con, c.c.concern_id == con.c.id)
                     .join(s.themes, con.c.theme_code == s.themes.c.code)
                     .join(src, u.c.source_id == src.c.id))
        .where(c.c.made_on <= as_of)
        .order_by(c.c.id, u.c.updated_on, u.c.id)
    )
    stmt = _in_scope(stmt, made_from=made_from, county_codes=county_codes, themes=themes)
    out = read_df(conn, stmt)
    out["updated_on"] = pd.to_datetime(out["updated_on"])
    out["recorded_at"] = pd.to_datetime(out["recorded_at"])
    sensitive = out.pop("sensitive").astype(bool)
    if public:
        out["title"] = out["title"].astype(object).where(~sensitive, WITHHELD_TITLE)
    return drop_free_text(out, public=public)
