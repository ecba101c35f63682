"""Commitment queries: each commitment with its status as of a date, and summaries.

The status of a commitment on a date is its latest update on or before that date
(``commitment_updates`` is append-only; nothing is overwritten), so a past period shows
the picture as it was then and two screenshots of the same period always agree.

Every page number about commitments comes from :func:`commitments_as_of` (one cached
query) and the pure summaries below, so the Overview, the Commitments page and the
exports cannot disagree. Rates follow docs/METHODS.md, "Commitments" (see
``data_access.metrics``).

Audience (docs/METHODS.md, "Public audience"): every function returning figures or rows
for a screen takes ``audience`` (required).

- Internal: counts are sums of the cells of :data:`CELL_KEYS` (county × forum × theme ×
  institution × status) in the filters' scope, exact; every breakdown.
- Public: counts are sums of the *protected* cells of :data:`PUBLIC_CELL_KEYS` (region ×
  status × late) over every commitment made to date, all themes, status as of today
  (``data_access.clock.today()``): the theme filter, the area and the period change no
  public cell, so no two public figures can be subtracted to give a hidden one back.
  Public figures are Kenya's and each region's (per status); the breakdowns by county,
  theme, institution and forum and the statistics of individual commitments (median
  days, fulfilment curve, on-time share) raise :class:`~data_access.privacy.NotForPublic`,
  as do the lists of individual commitments (the overdue list, the exports).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import clock, reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.figures.scope import Audience
from data_access.metrics import days_to_fulfil, is_overdue, is_past_due_unverified
from data_access.privacy import (
    NotForPublic,
    audience_counts,
    is_public,
    protect_cells,
    suppress_counts,
)

# The count columns of every summary (in display order) and the rates derived from them.
# ``overdue`` counts verified commitments only; ``past_due_unverified`` (unverified and past
# the due date) is counted apart, never as overdue (metrics.DEFINITIONS).
COUNT_COLUMNS = ["made", "unverified", "verified", "fulfilled", "partly", "not_fulfilled",
                 "open", "overdue", "past_due_unverified", "fulfilled_on_time",
                 "fulfilled_with_due"]
RATE_COLUMNS = ["resolution_rate", "fulfilled_or_partly_rate", "on_time_share",
                "median_days_to_fulfil"]
# A rate is hidden with any count it is computed from that reads "<5" (public audience,
# sensitive themes).
RATE_DEPENDENTS = {
    "verified": ["resolution_rate", "fulfilled_or_partly_rate"],
    "fulfilled": ["resolution_rate", "fulfilled_or_partly_rate", "median_days_to_fulfil"],
    "partly": ["fulfilled_or_partly_rate"],
    "fulfilled_on_time": ["on_time_share"],
    "fulfilled_with_due": ["on_time_share"],
}
BREAKDOWNS = ("region", "county", "institution", "theme")
# Where a title of a commitment on a sensitive theme (GBV, violent extremism) is not shown:
# it may describe the people involved.
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

    Rows of individual commitments, for the summaries and lists here (and other modules'
    arithmetic): never shown as they are; screens get :func:`summarise_for` figures.
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


# --- cells: what every commitment figure is a sum of -------------------------------------

CELL_KEYS = ["county_code", "forum_id", "theme_code", "institution_code", "status"]
"""The finest cells internal screens show of commitments: county × forum (empty for
concerns raised outside a forum) × theme × institution × status. The filters pick
counties and themes, the pages break down by region, county, theme, institution,
institution × area, forum and status, so every internal count is a sum of these cells."""
CELL_COUNTS = ["n", "overdue", "past_due_unverified", "fulfilled_with_due",
               "fulfilled_on_time"]
"""The counts of an internal cell: its commitments (``n``) and, of them, those overdue,
past due but not yet verified, fulfilled with a due date and fulfilled on or before it."""
PUBLIC_CELL_KEYS = ["region_code", "status", "late"]
"""The cells of every commitment figure on a public screen: region × status × ``late``
(overdue, or past due but not yet verified: which of the two follows from the status),
over every commitment made to date, all themes, status as of today (:func:`public_frame`).
Finer public cells (county, theme) would be nearly all 1–4, and a filter changing what a
cell holds would let two public figures be subtracted; ``late`` is in the key so the
overdue and past-due counts are sums of protected cells too. A public cell's one count
is ``n``."""
PUBLIC_BREAKDOWNS = ("region", "status")
"""The breakdowns of :func:`resolution_by` a public screen may show."""
_PUBLIC_BY = {"region_code", "region", "region_sw", "status", "late"}
_SUB_COUNTS = ("overdue", "past_due_unverified", "fulfilled_on_time", "fulfilled_with_due")


def internal_only(audience: Audience, what: str, *, lists: bool = True) -> None:
    """Raise :class:`~data_access.privacy.NotForPublic` for the public audience: ``what``
    (a list of individual commitments, concerns or updates; with ``lists`` false, a
    breakdown or statistic finer than the public cells) is never shown in public."""
    if is_public(audience):
        if not lists:
            raise NotForPublic(f"{what} is not shown on public screens (commitments are "
                               "shown by region and status only)")
        raise NotForPublic(f"{what} is a list of individual records, not shown on public "
                           "screens")


def public_area(county_codes: tuple[str, ...] = ()) -> str | None:
    """The area public commitment figures for ``county_codes`` are about:
    :func:`data_access.reference.region_holding`, ``None`` for Kenya."""
    return reference.region_holding(county_codes)


def public_frame(*, county_codes: tuple[str, ...] = (), engine=None) -> pd.DataFrame:
    """The commitments every public figure is made of: all made to date, all themes,
    status as of today (``data_access.clock.today()``), rows of :func:`commitments_as_of`;
    only those of the region of :func:`public_area` when it is one (a region is a key of
    :data:`PUBLIC_CELL_KEYS`, so its cells are the same cells). No filter but the region
    changes it: arithmetic on internal rows, never shown as they are."""
    frame = commitments_as_of(engine=engine, as_of=clock.today())
    area = public_area(tuple(county_codes))
    return frame if area is None else frame[frame["region_code"] == area]


def commitment_cells(frame: pd.DataFrame, *, audience: Audience,
                     keys: tuple[str, ...] | list[str] = ()) -> pd.DataFrame:
    """The cells present in ``frame`` (rows of :func:`commitments_as_of`) with their
    counts and a ``<count>_hidden`` column each; ``keys`` adds columns of ``frame`` that
    are functions of the cell (e.g. ``region_code``, ``forum_edition``) to carry along.

    Internal audience: the cells of :data:`CELL_KEYS` with their :data:`CELL_COUNTS`,
    true counts (``_hidden`` all 0). Public audience: the cells of
    :data:`PUBLIC_CELL_KEYS` with their count ``n``, protected
    (:func:`~data_access.privacy.protect_cells`): a count of 1–4 becomes the hidden
    estimate (2.5) with ``n_hidden`` = 1, before anything is added up. ``frame`` must then
    be :func:`public_frame` (or one region of it) and ``keys`` functions of the region or
    the status; else :class:`~data_access.privacy.NotForPublic`.
    """
    public = is_public(audience)
    if public:
        bad = set(keys) - _PUBLIC_BY
        if bad:
            raise NotForPublic(f"commitments by {', '.join(sorted(bad))} are not shown on "
                               "public screens (only by region and status)")
        group = list(dict.fromkeys([*PUBLIC_CELL_KEYS, *keys]))
        rows = frame.assign(late=frame["overdue"] | frame["past_due_unverified"], n=1)
        cells = rows.groupby(group, dropna=False, sort=True)[["n"]].sum().reset_index()
        return protect_cells(cells, ["n"])
    group = list(dict.fromkeys([*CELL_KEYS, *keys]))
    done, due = frame["fulfilled_on"], frame["due_on"]
    with_due = done.notna() & due.notna()
    rows = pd.DataFrame({
        **{k: frame[k] for k in group},
        "n": 1,
        "overdue": frame["overdue"].astype("int64"),
        "past_due_unverified": frame["past_due_unverified"].astype("int64"),
        "fulfilled_with_due": with_due.astype("int64"),
        "fulfilled_on_time": (with_due & (done <= due)).astype("int64"),
    }, index=frame.index)
    cells = rows.groupby(group, dropna=False, sort=True)[CELL_COUNTS].sum().reset_index()
    return protect_cells(cells, CELL_COUNTS, applies=public)


def _status_masks(status: pd.Series) -> dict[str, pd.Series]:
    """Which cells each status count of a summary adds up (docs/METHODS.md, "Commitments")."""
    return {
        "made": pd.Series(True, index=status.index),
        "unverified": status == "unverified",
        "verified": status != "unverified",
        "fulfilled": status == "fulfilled",
        "partly": status == "partly_fulfilled",
        "not_fulfilled": status == "not_fulfilled",
        "open": ~status.isin(list(reference.CLOSED_STATUSES)),
    }


def _counts(frame: pd.DataFrame, keys: list[str], *, public: bool) -> pd.DataFrame:
    """The :data:`COUNT_COLUMNS` per value of ``keys`` (one row when ``keys`` is empty),
    each a sum of cells with its ``<count>_hidden`` (hidden cells in it), plus the median
    days to fulfil (of the true commitments; :func:`_finish` decides whether it is shown).

    Public: every count is a sum of the protected ``n`` of the :data:`PUBLIC_CELL_KEYS`
    cells (overdue: the late verified ones; past due, not yet verified: the late
    unverified ones); the on-time counts are not public (0 here, NaN after
    :func:`_finish`).
    """
    audience = Audience.PUBLIC if public else Audience.INTERNAL
    cells = commitment_cells(frame, audience=audience, keys=keys)
    masks = _status_masks(cells["status"])
    if public:
        late = cells["late"].astype(bool)
        masks["overdue"] = late & masks["verified"]
        masks["past_due_unverified"] = late & masks["unverified"]
        masks["fulfilled_on_time"] = masks["fulfilled_with_due"] = masks["made"] & False
    parts: dict[str, pd.Series] = {}
    for name in COUNT_COLUMNS:
        col, keep = (name, masks["made"]) if name in _SUB_COUNTS and not public \
            else ("n", masks[name])
        parts[name] = cells[col].where(keep, 0)
        parts[f"{name}_hidden"] = cells[f"{col}_hidden"].where(keep, 0)
    sums = pd.DataFrame(parts, index=cells.index)
    if not keys:
        out = sums.sum().to_frame().T
        out["median_days_to_fulfil"] = np.nan if public else frame["days_to_fulfil"].median()
        return out
    sums[keys] = cells[keys]
    out = sums.groupby(keys, dropna=False, sort=True).sum().reset_index()
    if public:  # a statistic of individual commitments: never public
        return out.assign(median_days_to_fulfil=np.nan)
    median = (frame.groupby(keys, dropna=False, sort=True)["days_to_fulfil"].median()
              .rename("median_days_to_fulfil").reset_index())
    return out.merge(median, on=keys, how="left")


_HIDDEN_COLUMNS = [f"{c}_hidden" for c in COUNT_COLUMNS]
# Counts no public figure holds: the public cells do not say when a fulfilment came.
_NOT_PUBLIC_COUNTS = ("fulfilled_on_time", "fulfilled_with_due")


def _with_rates(out: pd.DataFrame, *, public: bool) -> pd.DataFrame:
    """Counts filled (0 where a row had no commitment) and the rates computed from them."""
    out[COUNT_COLUMNS] = out[COUNT_COLUMNS].fillna(0).astype("float64" if public else "int64")
    out[_HIDDEN_COLUMNS] = out[_HIDDEN_COLUMNS].fillna(0).astype("int64")
    verified, with_due = out["verified"], out["fulfilled_with_due"]
    out["resolution_rate"] = (out["fulfilled"] / verified.where(verified > 0)).astype("float64")
    out["fulfilled_or_partly_rate"] = ((out["fulfilled"] + out["partly"])
                                       / verified.where(verified > 0)).astype("float64")
    out["on_time_share"] = (out["fulfilled_on_time"]
                            / with_due.where(with_due > 0)).astype("float64")
    out["median_days_to_fulfil"] = out["median_days_to_fulfil"].astype("float64")
    return out


def _finish(out: pd.DataFrame, *, public: bool, sensitive: pd.Series | None = None
            ) -> pd.DataFrame:
    """Rates and the counts as the audience sees them (``<count>_display``).

    Public: the counts are sums of protected cells; each reads as
    :func:`~data_access.privacy.shown_text` ("<5", a range or "≈"), one reading "<5"
    becomes NaN with the rates computed from it; the median days to fulfil (a statistic
    of individual commitments, not a sum of cells) and the on-time counts and share (not
    functions of the public cells) are NaN. Internal: true counts; small counts of
    ``sensitive`` rows read "<5" (primary suppression).
    """
    out = _with_rates(out, public=public)
    if public:
        for col in ("median_days_to_fulfil", "on_time_share", *_NOT_PUBLIC_COUNTS):
            out[col] = np.nan
    return audience_counts(out, COUNT_COLUMNS, public=public, sensitive=sensitive,
                           dependents=RATE_DEPENDENTS)


def _sensitive_only(themes: tuple[str, ...]) -> bool:
    """True when every theme chosen is sensitive (GBV, violent extremism)."""
    return bool(themes) and all(reference.THEME_BY_CODE[t].sensitive for t in themes)


# --- summaries -------------------------------------------------------------------------

_SUMMARY_COLUMNS = ["made", "unverified", "verified", "fulfilled", "partly", "not_fulfilled",
                    "open", "overdue", "past_due_unverified", "resolution_rate",
                    "fulfilled_or_partly_rate", "fulfilled_on_time", "fulfilled_with_due",
                    "on_time_share", "median_days_to_fulfil"]


def summarise_by(frame: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """True resolution summary per value of ``by`` (a column or a list of columns of
    :func:`commitments_as_of`, e.g. ``region_code`` or ``["institution", "region"]``),
    for internal arithmetic; screens use :func:`summarise_for`.

    Columns: ``by`` plus made, unverified, verified, fulfilled, partly, not_fulfilled,
    open, overdue, past_due_unverified, resolution_rate, fulfilled_or_partly_rate,
    fulfilled_on_time, fulfilled_with_due, on_time_share, median_days_to_fulfil.
    ``overdue`` counts verified commitments only; unverified ones past their due date are
    ``past_due_unverified``. ``on_time_share`` = fulfilled_on_time (fulfilled on or before
    the due date) ÷ fulfilled_with_due (fulfilled commitments that had a due date).
    """
    keys = [by] if isinstance(by, str) else list(by)
    out = _with_rates(_counts(frame, keys, public=False), public=False)
    return out[[*keys, *_SUMMARY_COLUMNS]]


def summarise_for(frame: pd.DataFrame, by: str | list[str], *, audience: Audience,
                  members: pd.DataFrame | None = None,
                  sensitive: pd.Series | bool = False) -> pd.DataFrame:
    """The resolution summary per value of ``by`` as ``audience`` sees it: the columns of
    :func:`summarise_by` (``by`` must be functions of the cells: internally of
    :data:`CELL_KEYS`, e.g. ``county_code``, ``region_code``, ``status``; in public of
    :data:`PUBLIC_CELL_KEYS`, region or status, with ``frame`` = :func:`public_frame`)
    built from :func:`commitment_cells`, with ``<count>_hidden`` and ``<count>_display``
    per count (see :func:`_finish`).

    ``members`` (a frame holding the ``by`` columns) lists every row to show, zeros where
    nothing was made; ``sensitive`` (per row of the result, or one flag) marks rows whose
    small counts read "<5" for the internal audience too. Every page's commitment counts
    come from here, so public screens add up the same protected cells everywhere.
    """
    public = is_public(audience)
    keys = [by] if isinstance(by, str) else list(by)
    out = _counts(frame, keys, public=public)
    if members is not None:
        out = members.merge(out, on=keys, how="left")
    if not isinstance(sensitive, pd.Series):
        sensitive = pd.Series(bool(sensitive), index=out.index)
    return _finish(out, public=public, sensitive=sensitive)


def resolution_by_region(*, as_of: dt.date, audience: Audience,
                         county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                         engine=None) -> pd.DataFrame:
    """Resolution summary per region (all 8 regions listed) as ``audience`` sees it, see
    :func:`summarise_for`. Public: every region's figures from :func:`public_frame`
    (``as_of``, ``county_codes`` and ``themes`` change nothing).

    Columns: ``region_code, region, region_sw`` and the summary columns with their
    ``_hidden`` and ``_display`` columns.
    """
    if is_public(audience):
        frame = public_frame(engine=engine)
        themes = ()
    else:
        frame = commitments_as_of(engine=engine, as_of=as_of,
                                  county_codes=tuple(county_codes), themes=tuple(themes))
    regions = pd.DataFrame([(r.code, r.name, r.name_sw) for r in reference.REGIONS],
                           columns=["region_code", "region", "region_sw"])
    return summarise_for(frame, "region_code", audience=audience, members=regions,
                         sensitive=_sensitive_only(tuple(themes)))


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
    elif by == "status":
        rows = [(code, en, sw, False)
                for code, (en, sw) in reference.COMMITMENT_STATUSES.items()]
    else:
        raise ValueError(f"unknown breakdown {by!r}; choose one of {', '.join(BREAKDOWNS)}")
    return pd.DataFrame(rows, columns=["code", "name", "name_sw", "sensitive"])


_KEY_COLUMN = {"region": "region_code", "county": "county_code",
               "institution": "institution_code", "theme": "theme_code", "status": "status"}


def resolution_by(*, by: str, as_of: dt.date, audience: Audience,
                  county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                  made_from: dt.date | None = None, engine=None) -> pd.DataFrame:
    """Resolution summary per region, county, institution, theme or status (``by``) as
    ``audience`` sees it, every member in scope listed (zeros where none were made).

    Columns: ``code, name, name_sw, sensitive`` plus the summary columns of
    :func:`summarise_by`, a ``<count>_hidden`` and a ``<count>_display`` text column per
    count (public: sums of protected cells, see :func:`summarise_for`; internal: true
    counts, "<5" for small counts of sensitive themes).

    Public: only ``by`` = "region" (all 8 regions) or "status" (of the region of
    :func:`public_area`, or Kenya), from :func:`public_frame` (``as_of``, ``themes`` and
    ``made_from`` change nothing); county, institution and theme raise
    :class:`~data_access.privacy.NotForPublic`.
    """
    if is_public(audience):
        if by not in PUBLIC_BREAKDOWNS:
            raise NotForPublic(f"commitments by {by} are not shown on public screens "
                               "(only by region and status)")
        frame = public_frame(engine=engine, county_codes=() if by == "region"
                             else tuple(county_codes))
        county_codes, themes = (), ()
    else:
        frame = commitments_as_of(engine=engine, as_of=as_of,
                                  county_codes=tuple(county_codes), themes=tuple(themes),
                                  made_from=made_from)
    members = _members(by, tuple(county_codes), tuple(themes))
    members = members.rename(columns={"code": _KEY_COLUMN[by]})
    sensitive = members["sensitive"] | _sensitive_only(tuple(themes))
    out = summarise_for(frame, _KEY_COLUMN[by], audience=audience, members=members,
                        sensitive=sensitive)
    return out.rename(columns={_KEY_COLUMN[by]: "code"})


def commitment_totals(*, as_of: dt.date, audience: Audience,
                      county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                      made_from: dt.date | None = None, engine=None) -> pd.DataFrame:
    """One row: the summary over every commitment in scope (the KPI cards) as
    ``audience`` sees it.

    Columns as :func:`resolution_by`, with ``code`` = "all" (name "All"). Public: the
    figures of the region of :func:`public_area` (``code`` its code, ``name`` its name) or
    of Kenya (``code`` "all", ``name`` "Kenya"), from :func:`public_frame`: ``as_of``,
    ``themes`` and ``made_from`` change nothing.
    """
    public = is_public(audience)
    if public:
        frame = public_frame(engine=engine, county_codes=tuple(county_codes))
        area = public_area(tuple(county_codes))
        region = next((r for r in reference.REGIONS if r.code == area), None)
        head = {"code": "all", "name": "Kenya", "name_sw": "Kenya"} if region is None else \
            {"code": region.code, "name": region.name, "name_sw": region.name_sw}
        head = pd.DataFrame([{**head, "sensitive": False}])
        themes = ()
    else:
        frame = commitments_as_of(engine=engine, as_of=as_of,
                                  county_codes=tuple(county_codes), themes=tuple(themes),
                                  made_from=made_from)
        head = pd.DataFrame([{"code": "all", "name": "All", "name_sw": "Zote",
                              "sensitive": False}])
    out = _counts(frame, [], public=public)
    out = pd.concat([head, out.reset_index(drop=True)], axis=1)
    return _finish(out, public=public,
                   sensitive=pd.Series([_sensitive_only(tuple(themes))], index=out.index))


def institution_region_matrix(*, as_of: dt.date, audience: Audience,
                              county_codes: tuple[str, ...] = (),
                              themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                              across: str = "region", engine=None) -> pd.DataFrame:
    """The institution scorecard across areas as ``audience`` sees it: one row per
    institution × area in scope (every pair listed, zeros where none were made).
    ``across`` is "region" (the 8 regions, or those in scope) or "county" (the counties in
    scope, e.g. within a region).

    Columns: ``institution_code, institution, institution_short, area_code, area, area_sw``
    plus the summary columns of :func:`summarise_by` with ``_hidden`` and ``_display``
    columns. Internal audience only (no breakdown by institution in public: the public
    audience raises :class:`~data_access.privacy.NotForPublic`).
    """
    internal_only(audience, "the institution scorecard", lists=False)
    if across not in ("region", "county"):
        raise ValueError(f"across must be 'region' or 'county', not {across!r}")
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    area_key = _KEY_COLUMN[across]
    areas = _members(across, tuple(county_codes), ())
    pairs = pd.DataFrame(
        [(i.code, i.name, i.short_name, a.code, a.name, a.name_sw)
         for i in reference.INSTITUTIONS for a in areas.itertuples()],
        columns=["institution_code", "institution", "institution_short", area_key, "area",
                 "area_sw"])
    out = summarise_for(frame, ["institution_code", area_key], audience=audience,
                        members=pairs, sensitive=_sensitive_only(tuple(themes)))
    return out.rename(columns={area_key: "area_code"})


def overdue_commitments(*, as_of: dt.date, audience: Audience,
                        county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                        made_from: dt.date | None = None, due_within_days: int = 0,
                        include_unverified: bool = False, engine=None) -> pd.DataFrame:
    """Overdue commitments on ``as_of`` (verified, past their due date, neither fulfilled
    nor not fulfilled), oldest first. With ``include_unverified`` the commitments past due
    but not yet verified follow them (``past_due_unverified`` True, never ``overdue``);
    with ``due_within_days`` > 0 the open ones falling due within that many days come last.

    A list of individual commitments: internal audience only (the public audience raises
    :class:`~data_access.privacy.NotForPublic`; public screens show the overdue count of
    :func:`commitment_totals`).

    Columns: ``commitment_id, external_id, title, institution, institution_short,
    county_code, county, region, theme_code, theme, concern, status, made_on, due_on,
    overdue, days_overdue, past_due_unverified, days_past_due, days_to_due``. ``concern``
    is the concern's summary.
    """
    internal_only(audience, "the overdue list")
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
    # Overdue first, then past due but not yet verified, then falling due soon.
    out["_group"] = np.where(out["overdue"], 0, np.where(out["past_due_unverified"], 1, 2))
    out = out.sort_values(["_group", "days_past_due", "days_to_due", "commitment_id"],
                          ascending=[True, False, True, True], na_position="last")
    cols = ["commitment_id", "external_id", "title", "institution", "institution_short",
            "county_code", "county", "region", "theme_code", "theme", "concern", "status",
            "made_on", "due_on", "overdue", "days_overdue", "past_due_unverified",
            "days_past_due", "days_to_due"]
    return out[cols].reset_index(drop=True)


def fulfilment_curve(*, as_of: dt.date, audience: Audience,
                     county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                     made_from: dt.date | None = None, by: str | None = None,
                     max_months: int = 24, min_eligible: int = 1,
                     engine=None) -> pd.DataFrame:
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

    A curve follows individual commitments' dates, so it is no sum of protected cells:
    internal audience only (the public audience raises
    :class:`~data_access.privacy.NotForPublic`). Counts of 1–4 read "<5" when only
    sensitive themes are chosen.
    """
    internal_only(audience, "the fulfilment curve", lists=False)
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
    return suppress_counts(out, ["eligible", "fulfilled", "unverified"], public=False,
                           sensitive=pd.Series(_sensitive_only(tuple(themes)), index=out.index),
                           dependents={"eligible": ["share"], "fulfilled": ["share"]})


def forum_fulfilment(*, as_of: dt.date, audience: Audience,
                     county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                     made_from: dt.date | None = None, engine=None) -> pd.DataFrame:
    """Per forum: its commitments' status as of ``as_of`` against the time since it was
    held, as ``audience`` sees it (forums are cells' keys, see :data:`CELL_KEYS`).

    Columns: ``forum_id, forum_edition, county, region, held_on, months_since`` plus the
    summary columns of :func:`summarise_by` (with ``_hidden`` and ``_display`` columns),
    newest forum first. Internal audience only (no breakdown by forum in public: the
    public audience raises :class:`~data_access.privacy.NotForPublic`).
    """
    internal_only(audience, "commitments by forum", lists=False)
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                              themes=tuple(themes), made_from=made_from)
    frame = frame[frame["forum_id"].notna()]
    keys = ["forum_id", "forum_edition", "county", "region", "forum_held_on"]
    out = _counts(frame, keys, public=False).rename(columns={"forum_held_on": "held_on"})
    out["held_on"] = pd.to_datetime(out["held_on"])  # stays datetime when there are no rows
    end = pd.Timestamp(as_of)
    out["months_since"] = ((end.year - out["held_on"].dt.year) * 12
                           + end.month - out["held_on"].dt.month).astype("int64")
    out = out.sort_values(["held_on", "forum_id"], ascending=False).reset_index(drop=True)
    out["forum_id"] = out["forum_id"].astype("int64")
    return _finish(out, public=False,
                   sensitive=pd.Series(_sensitive_only(tuple(themes)), index=out.index))


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


def commitments_export(*, as_of: dt.date, audience: Audience,
                       county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                       made_from: dt.date | None = None, engine=None) -> pd.DataFrame:
    """The commitments in scope for download: status as of ``as_of`` beside the current
    status (today, with its evidence and version). Internal audience only (a list of
    individual commitments: the public audience raises
    :class:`~data_access.privacy.NotForPublic`).

    Columns: ``commitment_id, external_id, title, institution, county, region, theme,
    forum, forum_held_on, concern_summary, made_on, due_on, status_as_of, status_as_of_on,
    overdue_as_of, days_overdue_as_of, past_due_unverified_as_of, current_status,
    current_status_on, last_verified_on, fulfilled_on, evidence, version``.
    ``overdue_as_of`` is never true for an unverified commitment: one past its due date is
    ``past_due_unverified_as_of`` instead.
    """
    internal_only(audience, "the commitments export")
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
    return out[cols].reset_index(drop=True)


def history_export(*, as_of: dt.date, audience: Audience, county_codes: tuple[str, ...] = (),
                   themes: tuple[str, ...] = (), made_from: dt.date | None = None,
                   engine=None) -> pd.DataFrame:
    """The full status history of the commitments :func:`commitments_export` lists (every
    update, including those after ``as_of``), oldest first per commitment. Internal
    audience only, like :func:`commitments_export`.

    Columns: ``commitment_id, external_id, title, update_id, updated_on, status, note,
    evidence, recorded_by, recorded_at, source``.
    """
    internal_only(audience, "the status history export")
    return _history_export(engine=engine, as_of=as_of, county_codes=tuple(county_codes),
                           themes=tuple(themes), made_from=made_from)


@cached_query
def _history_export(conn: Connection, *, as_of: dt.date, county_codes: tuple[str, ...] = (),
                    themes: tuple[str, ...] = (), made_from: dt.date | None = None
                    ) -> pd.DataFrame:
    c, con, u, src = s.commitments, s.concerns, s.commitment_updates, s.data_sources
    stmt = (
        sa.select(c.c.id.label("commitment_id"), c.c.external_id, c.c.title,
                  u.c.id.label("update_id"), u.c.updated_on, u.c.status, u.c.note, u.c.evidence,
                  u.c.recorded_by, u.c.recorded_at, src.c.name.label("source"))
        .select_from(u.join(c, u.c.commitment_id == c.c.id)
                     .join(con, c.c.concern_id == con.c.id)
                     .join(src, u.c.source_id == src.c.id))
        .where(c.c.made_on <= as_of)
        .order_by(c.c.id, u.c.updated_on, u.c.id)
    )
    stmt = _in_scope(stmt, made_from=made_from, county_codes=county_codes, themes=themes)
    out = read_df(conn, stmt)
    out["updated_on"] = pd.to_datetime(out["updated_on"])
    out["recorded_at"] = pd.to_datetime(out["recorded_at"])
    return out
