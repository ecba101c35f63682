"""Concerns raised: the one count of concerns every page, brief and export shows.

Concerns raised in a period (``metrics.DEFINITIONS["concerns_raised"]``; docs/METHODS.md,
"Concerns") has two parts, always shown side by side with their total:

- ``forum_concerns``  concerns raised at Jukwaa la Usalama forums *held* in the period
                      (dated by the forum, whatever day the concern was typed in);
- ``chief_concerns``  concerns raised in chiefs' reports (origin ``chief_report``, no
                      forum) for the *months* of the period: a report month counts when
                      it overlaps the period, as chiefs' reporting does elsewhere.

``concerns`` = forum_concerns + chief_concerns. Concerns captured live outside a forum
are in neither part. The concern-theme filter applies to both parts; the county is the
concern's county (internal figures: the public ones ignore the filters, below).

:func:`concerns_raised` gives the figure for the whole scope, per county, per theme, per
county × theme or per region, for an audience (required):

- **public** (docs/METHODS.md, "Public audience"): every figure is a sum of *protected
  cells* (``privacy.protect_cells``), the concerns of one **region × part** (at forums /
  in chiefs' reports) over **all concerns raised to date**, all themes. A cell of 1–4
  counts as 2.5 and reads "<5"; a sum holding hidden cells reads "≈ n" or a range
  (``privacy.shown_text``). The filters (themes, county, period) do not change the cells:
  a public figure is Kenya's (the 8 regions' cells added up) or the region's of the
  county or region chosen (:func:`public_regions`), so no two public queries can be
  subtracted to isolate a theme, a county or a month. Breakdowns by county, theme or
  county × theme are not for public screens (:class:`~data_access.privacy.NotForPublic`).
  Finer public cells were measured useless: per county × theme nearly every cell is 1–4;
- **internal**: true counts for the period and filters; on sensitive themes (GBV, violent
  extremism) a count of 1–4 still reads "<5", and a total beside such a hidden part reads
  "≥ n" (each hidden part counted as 1).
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
from data_access.clock import today
from data_access.figures.calendar import month_end, month_start
from data_access.figures.scope import Audience
from data_access.privacy import NotForPublic, audience_counts, is_public, protect_cells

BY = (None, "county", "theme", "county_theme", "region")
PUBLIC_BY = (None, "region")
"""The breakdowns a public screen may have: the area's figure, or one row per region."""
PARTS = ["forum_concerns", "chief_concerns"]
COUNT_COLUMNS = [*PARTS, "concerns"]
RECORDS_BEGIN = dt.date(1900, 1, 1)
"""Before any record: public figures count every concern from here to today."""


def _check(start: dt.date, end: dt.date, county_codes: tuple[str, ...],
           themes: tuple[str, ...], by: str | None) -> None:
    if by not in BY:
        raise ValueError("by must be None, 'county', 'theme', 'county_theme' or 'region', "
                         f"not {by!r}")
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    problems = []
    known_counties = {c.code for c in reference.counties()}
    bad = sorted(set(county_codes) - known_counties)
    if bad:
        problems.append(f"unknown county codes: {', '.join(bad)}")
    bad = sorted(set(themes) - set(reference.THEME_BY_CODE))
    if bad:
        problems.append(f"unknown concern themes: {', '.join(bad)}")
    if problems:
        raise ValueError("; ".join(problems))


@cached_query
def concern_counts(conn: Connection, *, start: dt.date, end: dt.date,
                   county_codes: tuple[str, ...] = (),
                   themes: tuple[str, ...] = ()) -> pd.DataFrame:
    """The two parts per county × theme: ``county_code, theme_code, forum_concerns,
    chief_concerns`` (int; only pairs with a concern in either part). True counts, what
    :func:`concern_cells` makes the cells of; never shown as they are."""
    c, f = s.concerns, s.forums
    forum = (sa.select(c.c.county_code, c.c.theme_code,
                       sa.func.count().label("forum_concerns"))
             .select_from(c.join(f, c.c.forum_id == f.c.id))
             .where(f.c.held_on.between(start, end))
             .group_by(c.c.county_code, c.c.theme_code))
    chief = (sa.select(c.c.county_code, c.c.theme_code,
                       sa.func.count().label("chief_concerns"))
             .where(c.c.origin == "chief_report", c.c.forum_id.is_(None),
                    c.c.raised_on.between(month_start(start), month_end(end)))
             .group_by(c.c.county_code, c.c.theme_code))
    if county_codes:
        forum = forum.where(c.c.county_code.in_(list(county_codes)))
        chief = chief.where(c.c.county_code.in_(list(county_codes)))
    if themes:
        forum = forum.where(c.c.theme_code.in_(list(themes)))
        chief = chief.where(c.c.theme_code.in_(list(themes)))
    keys = ["county_code", "theme_code"]
    out = read_df(conn, forum).merge(read_df(conn, chief), on=keys, how="outer")
    out = out.reindex(columns=[*keys, *PARTS])
    for col in PARTS:
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    for col in keys:
        out[col] = out[col].astype(object)
    return out.sort_values(keys).reset_index(drop=True)


def _region_of(county_codes: pd.Series) -> pd.Series:
    regions = {c.code: c.region_code for c in reference.counties()}
    return county_codes.map(regions).astype(object)


def _regions_frame() -> pd.DataFrame:
    return pd.DataFrame([(r.code, r.name, r.name_sw) for r in reference.REGIONS],
                        columns=["region_code", "region", "region_sw"])


def _regions_holding(county_codes: tuple[str, ...]) -> tuple[str, ...]:
    """The regions holding any of ``county_codes``, in the controlled list's order."""
    chosen = {c.region_code for c in reference.counties() if c.code in set(county_codes)}
    return tuple(r.code for r in reference.REGIONS if r.code in chosen)


def public_regions(county_codes: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """The region whose figures a public screen shows for a selection of counties, as a
    1-tuple (:func:`data_access.reference.region_holding`); () for Kenya."""
    region = reference.region_holding(tuple(county_codes))
    return (region,) if region else ()


def public_area(county_codes: tuple[str, ...] | list[str] = ()) -> tuple[str, str]:
    """The name (English, Kiswahili) of the area whose public figures are shown for
    ``county_codes``: "Kenya", or the region of :func:`public_regions`."""
    regions = public_regions(county_codes)
    if not regions:
        return "Kenya", "Kenya"
    region = next(r for r in reference.REGIONS if r.code == regions[0])
    return region.name, region.name_sw


def concern_cells(counts: pd.DataFrame, *, audience: Audience) -> pd.DataFrame:
    """The cells every concern figure is summed from, each part with a ``<part>_hidden``
    column.

    - Internal: the :func:`concern_counts` rows (county × theme, one column per part),
      true counts, ``_hidden`` 0.
    - Public: one row per region (all 8: ``region_code, region, region_sw``), the rows of
      ``counts`` summed over the region's counties and every theme — public screens are
      given ``counts`` of every concern to date (:func:`concerns_raised`). A part of 1–4
      is hidden: it counts as ``privacy.hidden_estimate()`` (2.5), its ``_hidden`` is 1.
    """
    if not is_public(audience):
        return protect_cells(counts, PARTS, applies=False)
    per_region = (counts.assign(region_code=_region_of(counts["county_code"]))
                  .groupby("region_code", as_index=False)[PARTS].sum())
    cells = _regions_frame().merge(per_region, on="region_code", how="left")
    for col in PARTS:
        cells[col] = pd.to_numeric(cells[col]).fillna(0).astype("int64")
    return protect_cells(cells, PARTS, applies=True)


def _members(by: str | None, county_codes: tuple[str, ...],
             themes: tuple[str, ...]) -> pd.DataFrame:
    """The rows of the answer before counting: one per county / theme / region in scope."""
    counties = pd.DataFrame(
        [(c.code, c.name, c.region_code) for c in sorted(reference.counties(),
                                                          key=lambda c: c.code)
         if not county_codes or c.code in county_codes],
        columns=["county_code", "county", "region_code"])
    theme_rows = pd.DataFrame(
        [(t.code, t.label, t.label_sw, t.sensitive) for t in reference.THEMES
         if not themes or t.code in themes],
        columns=["theme_code", "theme", "theme_sw", "sensitive"])
    if by == "county":
        return counties
    if by == "theme":
        return theme_rows
    if by == "region":
        regions = _regions_holding(county_codes)
        out = _regions_frame()
        return out[out["region_code"].isin(regions)] if regions else out
    return pd.DataFrame(index=[0])


def _refuse_public(by: str | None) -> None:
    if by not in PUBLIC_BY:
        raise NotForPublic(f"concerns raised by {by.replace('_', ' × ')} are not shown on "
                           "public screens: public figures are by region, all themes, to "
                           "date")


def shape_concerns(counts: pd.DataFrame, *, by: str | None = None,
                   county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                   audience: Audience) -> pd.DataFrame:
    """Concerns raised from :func:`concern_counts` rows, summed ``by`` for ``audience``
    (see :func:`concerns_raised`, which documents the result). Pure: no database.

    Public: ``counts`` must hold every concern to date (no filter); the figure is that of
    the region of ``county_codes`` (:func:`public_regions`; Kenya when none), all themes:
    ``themes`` is ignored.
    """
    public = is_public(audience)
    county_codes, themes = tuple(county_codes), tuple(themes)
    if public:
        _refuse_public(by)
        themes = ()  # public cells hold every theme
    cells = concern_cells(counts, audience=audience)
    summed = [*PARTS, *(f"{p}_hidden" for p in PARTS)]
    if public:
        regions = public_regions(county_codes)
        if regions:
            cells = cells[cells["region_code"].isin(regions)]
    elif by == "region":
        cells = cells.assign(region_code=_region_of(cells["county_code"]))
    if by == "county_theme":
        out = cells.copy()
        names = {c.code: (c.name, c.region_code) for c in reference.counties()}
        out["county"] = out["county_code"].map(lambda c: names[c][0]).astype(object)
        out["region_code"] = out["county_code"].map(lambda c: names[c][1]).astype(object)
        th = reference.THEME_BY_CODE
        out["theme"] = out["theme_code"].map(lambda t: th[t].label).astype(object)
        out["theme_sw"] = out["theme_code"].map(lambda t: th[t].label_sw).astype(object)
        out["sensitive"] = out["theme_code"].map(lambda t: th[t].sensitive).astype(bool)
        out = out[["county_code", "county", "region_code", "theme_code", "theme", "theme_sw",
                   "sensitive", *summed]]
    elif by is None:
        out = pd.DataFrame([{c: cells[c].sum() for c in summed}])
    else:
        key = {"county": "county_code", "theme": "theme_code", "region": "region_code"}[by]
        grouped = cells.groupby(key, as_index=False)[summed].sum()
        out = _members(by, county_codes, themes).merge(grouped, on=key, how="left")
    for col in summed:
        out[col] = pd.to_numeric(out[col]).fillna(0)
        if not public or col.endswith("_hidden"):
            out[col] = out[col].astype("int64")
    out["concerns"] = out["forum_concerns"] + out["chief_concerns"]
    out["concerns_hidden"] = out["forum_concerns_hidden"] + out["chief_concerns_hidden"]
    if "sensitive" in out:
        sensitive = out["sensitive"].astype(bool)
    else:
        only_sensitive = bool(themes) and all(reference.THEME_BY_CODE[t].sensitive
                                              for t in themes)
        sensitive = pd.Series(only_sensitive, index=out.index)
    out = audience_counts(out.reset_index(drop=True), COUNT_COLUMNS, public=public,
                          sensitive=sensitive.reset_index(drop=True))
    if public:
        # Built from protected cells: the total is a function of what is shown.
        out["concerns_at_least"] = out["concerns"].astype("float64")
        if by is None:
            out["area"], out["area_sw"] = public_area(county_codes)
        return out
    return _bound_totals(out)


def _bound_totals(out: pd.DataFrame) -> pd.DataFrame:
    """Internal audience, sensitive rows: where a part is hidden but the total is not, the
    total becomes a lower bound: ``concerns`` NaN, ``concerns_display`` "≥ n" and
    ``concerns_at_least`` = n (each hidden part counted as 1). ``concerns_at_least`` is
    the exact total elsewhere and NaN where the total itself is hidden."""
    hidden_parts = out[PARTS].isna().sum(axis=1)
    visible = out[PARTS].fillna(0).sum(axis=1)
    bound = (visible + hidden_parts).astype("float64")
    out["concerns_at_least"] = out["concerns"].astype("float64")
    partial = (hidden_parts > 0) & out["concerns"].notna()
    if partial.any():
        out.loc[partial, "concerns_at_least"] = bound[partial]
        out["concerns"] = out["concerns"].astype("float64").where(~partial, np.nan)
        out.loc[partial, "concerns_display"] = [f"≥ {int(b):,}" for b in bound[partial]]
    out["concerns_display"] = out["concerns_display"].astype(object)
    return out


def concerns_raised(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                    themes: tuple[str, ...] = (), by: str | None = None,
                    audience: Audience, engine=None) -> pd.DataFrame:
    """Concerns raised, at forums and in chiefs' reports, as two labelled parts and their
    total (``metrics.DEFINITIONS["concerns_raised"]``), as ``audience`` may see them.

    ``by``: None (one row for the whole scope), ``"county"`` (every county in scope,
    code order; columns ``county_code, county, region_code``), ``"theme"`` (every theme
    in scope, in the controlled list's order; ``theme_code, theme, theme_sw,
    sensitive``), ``"county_theme"`` (the county × theme pairs with a concern; both
    sets of key columns) or ``"region"`` (every region holding a county in scope, all 8
    when none is chosen; ``region_code, region, region_sw``).

    Count columns: ``forum_concerns``, ``chief_concerns`` and their total ``concerns``,
    each with a ``<column>_display`` text (what a screen shows) and a ``<column>_hidden``
    (how many hidden cells it holds: 0 for the internal audience), plus
    ``concerns_at_least``, the value a chart draws.

    - Internal: the concerns of [start, end] — at forums held in the period and in
      chiefs' reports for its months — in the counties and themes chosen. True counts,
      except on sensitive rows (a sensitive theme, or a selection of sensitive themes
      only), where a count of 1–4 is NaN and reads "<5" and a total beside a hidden part
      is NaN and reads "≥ n"; ``concerns_at_least`` holds that n (the exact total where
      nothing is hidden, NaN where the total itself is hidden).
    - Public: every concern raised up to today, all themes, whatever ``start``, ``end``
      and ``themes`` say: sums of the protected region × part cells
      (:func:`concern_cells`). ``by`` None gives the figure of the region of
      ``county_codes`` (:func:`public_regions`; Kenya when empty or spread over several
      regions) with its name in ``area`` / ``area_sw``; ``"region"`` one row per region.
      A count reading "<5" is NaN; one holding hidden cells reads "≈ n" or a range;
      ``concerns_at_least`` is ``concerns``. ``by`` county, theme or county × theme raises
      :class:`~data_access.privacy.NotForPublic`.
    """
    public = is_public(audience)
    county_codes, themes = tuple(county_codes), tuple(themes)
    _check(start, end, county_codes, themes, by)
    if public:
        _refuse_public(by)
        # The public cells are the same whatever the filters: every concern to date.
        counts = concern_counts(engine=engine, start=RECORDS_BEGIN, end=today())
    else:
        counts = concern_counts(engine=engine, start=start, end=end,
                                county_codes=county_codes, themes=themes)
    return shape_concerns(counts, by=by, county_codes=county_codes, themes=themes,
                          audience=audience)
