"""Forum queries. Concern counts live in ``data_access.concerns`` (one definition of
concerns raised for every page); the Forums page's figures are below (docs/METHODS.md,
"Forums").

:func:`forum_totals` is what screens show (forums held and their attendance, for any
audience: forums are public events and attendance is not a count of incidents, so neither
is suppressed). :func:`forums_in_period` lists the forums one by one (venues, editions):
internal audience only.
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
from data_access.commitments import commitment_cells, commitments_as_of
from data_access.figures.scope import Audience
from data_access.privacy import NotForPublic, is_public, suppress_counts


@cached_query
def _forums(conn: Connection, *, start: dt.date, end: dt.date,
            county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    f, cty = s.forums, s.counties
    stmt = (sa.select(f.c.id.label("forum_id"), f.c.external_id, f.c.edition, f.c.county_code,
                      cty.c.name.label("county"), f.c.venue, f.c.held_on, f.c.attendance_total)
            .select_from(f.join(cty, f.c.county_code == cty.c.code))
            .where(f.c.held_on.between(start, end))
            .order_by(f.c.held_on, f.c.id))
    if county_codes:
        stmt = stmt.where(f.c.county_code.in_(list(county_codes)))
    out = read_df(conn, stmt)
    out["held_on"] = pd.to_datetime(out["held_on"])
    return out


def forums_in_period(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                     audience: Audience, engine=None) -> pd.DataFrame:
    """Forums held in [start, end], one row each: ``forum_id, external_id, edition,
    county_code, county, venue, held_on, attendance_total`` ordered by date.

    A list of records: the public audience raises :class:`~data_access.privacy.NotForPublic`
    (screens show :func:`forum_totals`)."""
    if is_public(audience):
        raise NotForPublic("the list of forums is not shown on public screens")
    return _forums(engine=engine, start=start, end=end, county_codes=tuple(county_codes))


def forum_totals(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                 audience: Audience, engine=None) -> pd.DataFrame:
    """One row: ``forums`` held in [start, end] and their ``attendance`` (the sum of each
    forum's total attendance; missing attendance counts as 0), with ``forums_display``
    and ``attendance_display`` ("1,234"), and ``status``: "held", "none in period"
    (forums were held in the area before ``start`` only) or "no forum yet" (none up to
    ``end``: an area to show as "no forum yet", not 0). The same for every audience
    (nothing here is a small count of incidents), so the pages never add them up
    themselves."""
    is_public(audience)
    rows = _forums(engine=engine, start=start, end=end, county_codes=tuple(county_codes))
    forums = int(len(rows))
    attendance = int(pd.to_numeric(rows["attendance_total"]).fillna(0).sum())
    status = "held"
    if not forums:
        before = _forums(engine=engine, start=RECORDS_BEGIN, end=end,
                         county_codes=tuple(county_codes))
        status = NONE_IN_PERIOD if len(before) else NO_FORUM_YET
    return pd.DataFrame([{"forums": forums, "attendance": attendance,
                          "forums_display": f"{forums:,}",
                          "attendance_display": f"{attendance:,}", "status": status}])


# --- the Forums page (docs/METHODS.md, "Forums") ----------------------------------------
#
# Forums held are public events: the number held per county or region and month is shown
# to every audience (as :func:`forum_totals` already is). Everything about the people who
# came and what they said is internal only: attendance by group (a group of 1–4 people
# at one forum could be named, and the forum's total attendance is public elsewhere, so a
# public group breakdown would give a hidden group back by subtraction), concerns by
# theme, recurring themes and commitments per forum (public screens show the region
# figures of ``data_access.concerns`` and ``data_access.commitments`` instead).

RECORDS_BEGIN = dt.date(1900, 1, 1)
"""Before any record: "up to the end of the period" queries start here."""
WOMEN_YOUTH_GROUPS = ("womens_groups", "youth")
"""The attendance groups counted in the women's-group and youth share."""
AREA_LEVELS = ("county", "region")
SHARE_BY = (None, "forum", "region", "quarter", "region_quarter")
NO_FORUM_YET = "no forum yet"
NONE_IN_PERIOD = "none in period"
NO_GROUPS = "no group breakdown"


def _areas(county_codes: tuple[str, ...]) -> pd.DataFrame:
    """The counties in scope (all 47 when none chosen) with their region, in code order."""
    regions = {r.code: r for r in reference.REGIONS}
    rows = [(c.code, c.name, c.region_code, regions[c.region_code].name,
             regions[c.region_code].name_sw)
            for c in sorted(reference.counties(), key=lambda c: c.code)
            if not county_codes or c.code in county_codes]
    return pd.DataFrame(rows, columns=["county_code", "county", "region_code", "region",
                                       "region_sw"])


def _regions_in_scope(county_codes: tuple[str, ...]) -> pd.DataFrame:
    """The regions holding a county in scope (all 8 when none chosen), in list order."""
    held = set(_areas(county_codes)["region_code"])
    return pd.DataFrame([(r.code, r.name, r.name_sw) for r in reference.REGIONS
                         if r.code in held], columns=["region_code", "region", "region_sw"])


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")


def _internal(audience: Audience, what: str) -> None:
    if is_public(audience):
        raise NotForPublic(f"{what} is not shown on public screens (forums are shown there "
                           "as the number held per area; concerns and commitments by region)")


def _with_regions(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with ``county_code``) plus ``region_code, region, region_sw``."""
    areas = _areas(())[["county_code", "region_code", "region", "region_sw"]]
    return frame.merge(areas, on="county_code", how="left")


def forums_by_area(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                   level: str = "county", audience: Audience, engine=None) -> pd.DataFrame:
    """Forums held per county (``level="county"``) or region (``"region"``), every area in
    scope listed, for any audience (forums are public events).

    Columns: the area's keys (``county_code, county, region_code, region, region_sw``, or
    the region's three), ``forums`` (held in [start, end]), ``forums_to_date`` (held up
    to ``end``), ``last_held`` (the latest by ``end``, NaT for none), ``status``
    ("held", :data:`NONE_IN_PERIOD` when forums were held there before the period only,
    :data:`NO_FORUM_YET` when none was held up to ``end``), ``forums_shown`` (``forums``,
    NaN for an area with no forum yet: a map greys it instead of drawing 0) and
    ``forums_display`` ("3", "0" or "no forum yet")."""
    is_public(audience)
    _check_period(start, end)
    if level not in AREA_LEVELS:
        raise ValueError(f"level must be 'county' or 'region', not {level!r}")
    county_codes = tuple(county_codes)
    held = _forums(engine=engine, start=RECORDS_BEGIN, end=end, county_codes=county_codes)
    held["in_period"] = (held["held_on"] >= pd.Timestamp(start)).astype("int64")
    held = _with_regions(held)
    key = "county_code" if level == "county" else "region_code"
    base = _areas(county_codes) if level == "county" else _regions_in_scope(county_codes)
    counts = (held.groupby(key).agg(forums=("in_period", "sum"),
                                    forums_to_date=("forum_id", "size"),
                                    last_held=("held_on", "max")).reset_index())
    out = base.merge(counts, on=key, how="left")
    for col in ("forums", "forums_to_date"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    out["last_held"] = pd.to_datetime(out["last_held"])
    out["status"] = np.where(out["forums_to_date"] == 0, NO_FORUM_YET,
                             np.where(out["forums"] == 0, NONE_IN_PERIOD, "held")
                             ).astype(object)
    out["forums_shown"] = out["forums"].astype("float64").where(
        out["status"] != NO_FORUM_YET)
    out["forums_display"] = [NO_FORUM_YET if s == NO_FORUM_YET else f"{n:,}"
                             for s, n in zip(out["status"], out["forums"], strict=True)]
    out["forums_display"] = out["forums_display"].astype(object)
    return out


def forum_timeline(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                   audience: Audience, engine=None) -> pd.DataFrame:
    """The editions on a timeline (date × region).

    Internal: one row per forum held in [start, end]: ``forum_id, edition, county_code,
    county, region_code, region, region_sw, held_on, attendance_total, forums`` (1).
    Public (no list of forums): one row per region × month with a forum: ``region_code,
    region, region_sw, held_on`` (the month's first day), ``forums`` (held that month in
    the region); no names, venues or attendance."""
    public = is_public(audience)
    _check_period(start, end)
    rows = _with_regions(_forums(engine=engine, start=start, end=end,
                                 county_codes=tuple(county_codes)))
    if not public:
        rows["forums"] = 1
        rows["attendance_total"] = pd.to_numeric(rows["attendance_total"]).astype("int64")
        return rows[["forum_id", "edition", "county_code", "county", "region_code", "region",
                     "region_sw", "held_on", "attendance_total", "forums"]].reset_index(
                         drop=True)
    rows["held_on"] = rows["held_on"].dt.to_period("M").dt.to_timestamp()
    out = (rows.groupby(["region_code", "region", "region_sw", "held_on"], as_index=False)
           .agg(forums=("forum_id", "size")))
    out["forums"] = out["forums"].astype("int64")
    return out.sort_values(["held_on", "region_code"]).reset_index(drop=True)


@cached_query
def _attendance(conn: Connection, *, start: dt.date, end: dt.date,
                county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Forum × group attendance for forums held in [start, end]: ``forum_id, group_code,
    attendees`` (only the groups a forum recorded)."""
    f, a = s.forums, s.forum_attendance
    stmt = (sa.select(a.c.forum_id, a.c.group_code, a.c.attendees)
            .select_from(a.join(f, a.c.forum_id == f.c.id))
            .where(f.c.held_on.between(start, end)))
    if county_codes:
        stmt = stmt.where(f.c.county_code.in_(list(county_codes)))
    out = read_df(conn, stmt).reindex(columns=["forum_id", "group_code", "attendees"])
    out["attendees"] = pd.to_numeric(out["attendees"]).astype("int64")
    return out


GROUP_ORDER = ("womens_groups", "youth", "elders", "religious_leaders", "pwd", "officials",
               "business", "civil_society")
"""The order groups are shown in: women's groups and youth first (the programme's promise),
then the others; any group added to ``reference.ATTENDANCE_GROUPS`` follows."""


def _groups_frame() -> pd.DataFrame:
    codes = [*(g for g in GROUP_ORDER if g in reference.ATTENDANCE_GROUPS),
             *(g for g in reference.ATTENDANCE_GROUPS if g not in GROUP_ORDER)]
    return pd.DataFrame([(code, *reference.ATTENDANCE_GROUPS[code], code in WOMEN_YOUTH_GROUPS)
                         for code in codes],
                        columns=["group_code", "group", "group_sw", "women_youth"])


def attendance_by_group(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                        forum_id: int | None = None, by_forum: bool = False,
                        audience: Audience, engine=None) -> pd.DataFrame:
    """Attendance by group (the 8 groups of ``reference.ATTENDANCE_GROUPS``, in the order
    of :data:`GROUP_ORDER`): of one forum (``forum_id``, whatever the period), or of every
    forum held in [start, end] in the counties chosen, summed (``by_forum`` False) or per
    forum.

    Columns: (per forum: ``forum_id, edition, county, held_on``), ``group_code, group,
    group_sw, women_youth`` (True for women's groups and youth), ``attendees`` (NaN where
    no forum recorded a breakdown by group: missing, not 0), ``recorded`` (the attendance
    recorded by group, the share's denominator), ``share`` (attendees ÷ recorded) and
    ``attendees_display``. Internal audience only (public: NotForPublic)."""
    _internal(audience, "attendance by group")
    _check_period(start, end)
    if forum_id is not None:
        forums = _forums(engine=engine, start=RECORDS_BEGIN, end=dt.date(9999, 12, 31))
        forums = forums[forums["forum_id"] == int(forum_id)]
        att = _attendance(engine=engine, start=RECORDS_BEGIN, end=dt.date(9999, 12, 31),
                          county_codes=tuple(forums["county_code"]))
        att = att[att["forum_id"] == int(forum_id)]
    else:
        forums = _forums(engine=engine, start=start, end=end, county_codes=tuple(county_codes))
        att = _attendance(engine=engine, start=start, end=end, county_codes=tuple(county_codes))
    groups = _groups_frame()
    if by_forum:
        keys = forums[["forum_id", "edition", "county", "held_on"]]
        grid = keys.merge(groups, how="cross")
        out = grid.merge(att, on=["forum_id", "group_code"], how="left")
        recorded = out.groupby("forum_id")["attendees"].transform("sum", min_count=1)
        has_any = out.groupby("forum_id")["attendees"].transform("count") > 0
        out["attendees"] = out["attendees"].where(~has_any, out["attendees"].fillna(0))
    else:
        summed = att.groupby("group_code", as_index=False)["attendees"].sum()
        out = groups.merge(summed, on="group_code", how="left")
        if len(att):
            out["attendees"] = out["attendees"].fillna(0)
        recorded = pd.Series(out["attendees"].sum(min_count=1), index=out.index)
    out["attendees"] = pd.to_numeric(out["attendees"]).astype("float64")
    out["recorded"] = pd.to_numeric(recorded).astype("float64")
    out["share"] = out["attendees"] / out["recorded"].where(out["recorded"] > 0)
    out["attendees_display"] = [("" if pd.isna(v) else f"{int(v):,}")
                                for v in out["attendees"]]
    out["attendees_display"] = out["attendees_display"].astype(object)
    return out.reset_index(drop=True)


def _quarter(held_on: pd.Series) -> pd.Series:
    return held_on.dt.to_period("Q").dt.to_timestamp()


def women_youth_share(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                      by: str | None = None, forum_id: int | None = None,
                      audience: Audience, engine=None) -> pd.DataFrame:
    """The women's-group and youth share of the attendance recorded by group
    (``metrics.DEFINITIONS["women_youth_share"]``) at forums held in [start, end]:
    (attendees recorded as women's groups + as youth) ÷ attendees recorded in any group,
    pooled over the forums of a row (a ratio of sums, not a mean of forum shares).

    ``by``: None (one row), ``"forum"``, ``"region"`` (every region in scope listed),
    ``"quarter"`` (every calendar quarter the period touches) or ``"region_quarter"``
    (region × quarter pairs with a forum). Columns: the keys (``forum_id, edition,
    county, region_code, region, region_sw, held_on`` / ``region_code, region,
    region_sw`` / ``quarter``), ``forums`` (held), ``forums_with_groups`` (of them, those
    with a breakdown by group), ``womens_groups``, ``youth``, ``recorded`` (sums over the
    forums with a breakdown), ``share`` (NaN when nothing was recorded by group: never 0)
    and ``note``: "" or why there is no share — :data:`NO_FORUM_YET` (a region with no
    forum held up to ``end``), :data:`NONE_IN_PERIOD`, "no forum in quarter" or
    :data:`NO_GROUPS`. With ``forum_id``, that one forum whatever the period (``by`` None
    or "forum"). Internal audience only (public: NotForPublic)."""
    _internal(audience, "the women's-group and youth share")
    _check_period(start, end)
    if by not in SHARE_BY:
        raise ValueError(f"by must be one of {SHARE_BY}, not {by!r}")
    county_codes = tuple(county_codes)
    if forum_id is not None:
        if by not in (None, "forum"):
            raise ValueError("one forum's share is by None or 'forum'")
        start, end = RECORDS_BEGIN, dt.date(9999, 12, 31)
    forums = _with_regions(_forums(engine=engine, start=start, end=end,
                                   county_codes=county_codes))
    att = _attendance(engine=engine, start=start, end=end, county_codes=county_codes)
    if forum_id is not None:
        forums = forums[forums["forum_id"] == int(forum_id)]
        att = att[att["forum_id"] == int(forum_id)]
    per = (att.assign(womens_groups=np.where(att["group_code"] == "womens_groups",
                                             att["attendees"], 0),
                      youth=np.where(att["group_code"] == "youth", att["attendees"], 0))
           .groupby("forum_id", as_index=False)
           .agg(womens_groups=("womens_groups", "sum"), youth=("youth", "sum"),
                recorded=("attendees", "sum")))
    rows = forums.merge(per, on="forum_id", how="left")
    rows["has_groups"] = rows["recorded"].notna().astype("int64")
    rows["quarter"] = _quarter(rows["held_on"])
    rows["forums"] = 1
    counts = ["forums", "forums_with_groups", "womens_groups", "youth", "recorded"]
    rows = rows.rename(columns={"has_groups": "forums_with_groups"})
    if by == "forum":
        out = rows[["forum_id", "edition", "county", "region_code", "region", "region_sw",
                    "held_on", *counts]].copy()
    elif by is None:
        out = pd.DataFrame([{c: rows[c].sum() for c in counts}])
    else:
        keys = {"region": ["region_code"], "quarter": ["quarter"],
                "region_quarter": ["region_code", "quarter"]}[by]
        out = rows.groupby(keys, as_index=False)[counts].sum(min_count=1)
        if by == "region":
            out = _regions_in_scope(county_codes).merge(out, on="region_code", how="left")
        elif by == "quarter":
            quarters = pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq="Q")
            out = pd.DataFrame({"quarter": quarters.to_timestamp()}).merge(
                out, on="quarter", how="left")
        else:
            out = out.merge(_regions_in_scope(county_codes), on="region_code", how="left")
            out = out.sort_values(["quarter", "region_code"])
    for col in ("forums", "forums_with_groups"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    for col in ("womens_groups", "youth", "recorded"):
        out[col] = pd.to_numeric(out[col]).astype("float64")
    out["share"] = (out["womens_groups"] + out["youth"]) / out["recorded"].where(
        out["recorded"] > 0)
    note = np.where(out["forums"] == 0, NONE_IN_PERIOD,
                    np.where(out["share"].isna(), NO_GROUPS, ""))
    out["note"] = pd.Series(note, index=out.index).astype(object)
    if by == "quarter":
        out.loc[out["forums"] == 0, "note"] = "no forum in quarter"
    if by == "region":
        ever = forums_by_area(start=start, end=end, county_codes=county_codes,
                              level="region", audience=audience, engine=engine)
        never = set(ever.loc[ever["status"] == NO_FORUM_YET, "region_code"])
        out.loc[out["region_code"].isin(never), "note"] = NO_FORUM_YET
    return out.reset_index(drop=True)


@cached_query
def _forum_concerns(conn: Connection, *, end: dt.date, county_codes: tuple[str, ...] = (),
                    themes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Concerns raised at forums held up to ``end``, per forum × theme: ``forum_id,
    county_code, held_on, theme_code, concerns``."""
    c, f = s.concerns, s.forums
    stmt = (sa.select(f.c.id.label("forum_id"), f.c.county_code, f.c.held_on, c.c.theme_code,
                      sa.func.count().label("concerns"))
            .select_from(c.join(f, c.c.forum_id == f.c.id))
            .where(f.c.held_on <= end)
            .group_by(f.c.id, f.c.county_code, f.c.held_on, c.c.theme_code))
    if county_codes:
        stmt = stmt.where(f.c.county_code.in_(list(county_codes)))
    if themes:
        stmt = stmt.where(c.c.theme_code.in_(list(themes)))
    out = read_df(conn, stmt).reindex(columns=["forum_id", "county_code", "held_on",
                                               "theme_code", "concerns"])
    out["held_on"] = pd.to_datetime(out["held_on"])
    out["concerns"] = pd.to_numeric(out["concerns"]).astype("int64")
    return out


def _themes_frame(themes: tuple[str, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame([(t.code, t.label, t.label_sw, t.sensitive) for t in reference.THEMES
                         if not themes or t.code in themes],
                        columns=["theme_code", "theme", "theme_sw", "sensitive"])


def _theme_columns(out: pd.DataFrame) -> pd.DataFrame:
    return out.merge(_themes_frame(), on="theme_code", how="left")


def forum_concern_themes(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                         themes: tuple[str, ...] = (), by: str = "forum",
                         forum_id: int | None = None, audience: Audience,
                         engine=None) -> pd.DataFrame:
    """Concerns raised at forums, by theme: per forum × theme (``by="forum"``; one forum
    with ``forum_id``, whatever the period) or per region × theme (``by="region"``), for
    forums held in [start, end] in the counties and themes chosen (pairs with a concern).

    Columns: ``forum_id`` (by forum) or ``region_code, region, region_sw`` (by region),
    ``theme_code, theme, theme_sw, sensitive, concerns, concerns_display``, most concerns
    first (by region: themes by their concerns over the regions, regions in the list's
    order). A count of 1–4 on a sensitive theme (GBV, violent extremism) is NaN and reads
    "<5". Internal audience only (public: NotForPublic; concerns are public by region,
    all themes, see ``data_access.concerns``)."""
    _internal(audience, "concerns by theme")
    _check_period(start, end)
    if by not in ("forum", "region"):
        raise ValueError(f"by must be 'forum' or 'region', not {by!r}")
    rows = _forum_concerns(engine=engine, end=dt.date(9999, 12, 31) if forum_id is not None
                           else end, county_codes=tuple(county_codes), themes=tuple(themes))
    if forum_id is not None:
        rows = rows[rows["forum_id"] == int(forum_id)]
    else:
        rows = rows[rows["held_on"] >= pd.Timestamp(start)]
    rows = _with_regions(rows)
    key = ["forum_id"] if by == "forum" else ["region_code", "region", "region_sw"]
    out = rows.groupby([*key, "theme_code"], as_index=False)["concerns"].sum()
    out = _theme_columns(out)
    if by == "forum":
        out = out.sort_values(["forum_id", "concerns", "theme_code"],
                              ascending=[True, False, True])
    else:  # themes by their concerns over the regions, regions in the list's order
        rank = {r.code: i for i, r in enumerate(reference.REGIONS)}
        out = (out.assign(_total=out.groupby("theme_code")["concerns"].transform("sum"),
                          _rank=out["region_code"].map(rank))
               .sort_values(["_total", "theme_code", "_rank"], ascending=[False, True, True])
               .drop(columns=["_total", "_rank"]))
    out = out.reset_index(drop=True)
    return suppress_counts(out, ["concerns"], public=False, sensitive=out["sensitive"])


def recurring_themes(*, end: dt.date, county_codes: tuple[str, ...] = (),
                     themes: tuple[str, ...] = (), level: str = "county",
                     min_editions: int = 2, audience: Audience, engine=None) -> pd.DataFrame:
    """Themes that recur across editions: raised at ``min_editions`` (2) or more forums in
    the same county (``level="county"``) or region (``"region"``), over every forum held
    there up to ``end`` (``metrics.DEFINITIONS["recurring_themes"]``).

    Columns: ``area_code, area, area_sw, theme_code, theme, theme_sw, sensitive,
    editions`` (forums of the area where the theme was raised), ``editions_held`` (forums
    held in the area up to ``end``), ``concerns`` (raised on the theme at them),
    ``first_raised, last_raised`` (forum dates), ``editions_display, concerns_display``;
    most editions first. Counts of 1–4 on a sensitive theme are NaN and read "<5".
    Internal audience only (public: NotForPublic)."""
    _internal(audience, "recurring themes")
    if level not in AREA_LEVELS:
        raise ValueError(f"level must be 'county' or 'region', not {level!r}")
    rows = _with_regions(_forum_concerns(engine=engine, end=end,
                                         county_codes=tuple(county_codes),
                                         themes=tuple(themes)))
    held = _with_regions(_forums(engine=engine, start=RECORDS_BEGIN, end=end,
                                 county_codes=tuple(county_codes)))
    if level == "county":
        names = _areas(())[["county_code", "county", "county"]]
        names.columns = ["area_code", "area", "area_sw"]
        key = "county_code"
    else:
        names = _regions_in_scope(())
        names.columns = ["area_code", "area", "area_sw"]
        key = "region_code"
    per = (rows.groupby([key, "theme_code"], as_index=False)
           .agg(editions=("forum_id", "nunique"), concerns=("concerns", "sum"),
                first_raised=("held_on", "min"), last_raised=("held_on", "max")))
    per = per[per["editions"] >= min_editions]
    editions_held = held.groupby(key).size().rename("editions_held").reset_index()
    out = (per.merge(editions_held, on=key, how="left").rename(columns={key: "area_code"})
           .merge(names, on="area_code", how="left"))
    out = _theme_columns(out)
    out = out.sort_values(["editions", "concerns", "area_code", "theme_code"],
                          ascending=[False, False, True, True])
    out = out[["area_code", "area", "area_sw", "theme_code", "theme", "theme_sw",
               "sensitive", "editions", "editions_held", "concerns", "first_raised",
               "last_raised"]].reset_index(drop=True)
    out["editions_held"] = pd.to_numeric(out["editions_held"]).astype("int64")
    return suppress_counts(out, ["editions", "concerns"], public=False,
                           sensitive=out["sensitive"])


FORUM_COMMITMENT_COUNTS = ["made", "fulfilled", "stalled", "overdue", "past_due_unverified",
                           "unverified", "open"]


def forum_commitments(*, start: dt.date, end: dt.date, as_of: dt.date,
                      county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                      forum_id: int | None = None, audience: Audience,
                      engine=None) -> pd.DataFrame:
    """Per forum held in [start, end] (or the one ``forum_id``): the commitments made in
    answer to its concerns and their status on ``as_of`` (``metrics.DEFINITIONS
    ["forum_commitments"]``), every forum listed (zeros where none were made).

    Columns: ``forum_id, edition, county, region, held_on, concerns`` (raised there, in
    the themes chosen), :data:`FORUM_COMMITMENT_COUNTS` — ``made``, of them ``fulfilled``,
    ``stalled`` (the latest status), ``overdue`` (verified, past due, still open),
    ``past_due_unverified`` (counted apart), ``unverified`` and ``open`` — each with a
    ``_display`` — and the four disjoint parts of a stacked bar: ``fulfilled``,
    ``stalled``, ``overdue_not_stalled`` (overdue and not stalled: a stalled commitment
    past its due date is also overdue) and ``other``; newest forum first. Sums of the
    internal commitment cells (``data_access.commitments.commitment_cells``). Internal
    audience only (public: NotForPublic; commitments are public by region and status)."""
    _internal(audience, "commitments by forum")
    _check_period(start, end)
    county_codes, themes = tuple(county_codes), tuple(themes)
    if forum_id is not None:
        forums = _forums(engine=engine, start=RECORDS_BEGIN, end=dt.date(9999, 12, 31))
        forums = forums[forums["forum_id"] == int(forum_id)]
    else:
        forums = _forums(engine=engine, start=start, end=end, county_codes=county_codes)
    forums = _with_regions(forums)
    codes = tuple(sorted(forums["county_code"].unique())) if forum_id is not None \
        else county_codes
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=codes, themes=themes)
    frame = frame[frame["forum_id"].isin(list(forums["forum_id"]))]
    cells = commitment_cells(frame, audience=Audience.INTERNAL)
    status = cells["status"]
    parts = pd.DataFrame({
        "forum_id": cells["forum_id"],
        "made": cells["n"],
        "fulfilled": cells["n"].where(status == "fulfilled", 0),
        "stalled": cells["n"].where(status == "stalled", 0),
        "overdue": cells["overdue"],
        "past_due_unverified": cells["past_due_unverified"],
        "unverified": cells["n"].where(status == "unverified", 0),
        "open": cells["n"].where(~status.isin(list(reference.CLOSED_STATUSES)), 0),
        "overdue_not_stalled": cells["overdue"].where(status != "stalled", 0),
    })
    sums = parts.groupby("forum_id", as_index=False).sum()
    concerns = _forum_concerns(engine=engine, end=dt.date(9999, 12, 31),
                               county_codes=tuple(forums["county_code"].unique()),
                               themes=themes)
    concerns = concerns.groupby("forum_id", as_index=False)["concerns"].sum()
    out = (forums[["forum_id", "edition", "county", "region", "held_on"]]
           .merge(concerns, on="forum_id", how="left").merge(sums, on="forum_id", how="left"))
    for col in ["concerns", *FORUM_COMMITMENT_COUNTS, "overdue_not_stalled"]:
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    # The four parts of a forum's stacked bar, each commitment in one of them.
    out["other"] = out["made"] - out["fulfilled"] - out["stalled"] - out["overdue_not_stalled"]
    out = out.sort_values(["held_on", "forum_id"], ascending=False).reset_index(drop=True)
    only_sensitive = bool(themes) and all(reference.THEME_BY_CODE[t].sensitive
                                          for t in themes)
    return suppress_counts(out, ["concerns", *FORUM_COMMITMENT_COUNTS], public=False,
                           sensitive=pd.Series(only_sensitive, index=out.index),
                           dependents={"made": ["overdue_not_stalled", "other"]})
