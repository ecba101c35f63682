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
concern's county.

:func:`concerns_raised` gives the figure for the whole scope, per county, per theme or
per county × theme. In public mode (and always for sensitive themes) a part of 1–4
reads "<5"; a total beside a hidden part is never printed exactly (it would give the
hidden part away by difference): it reads "≥ n", n counting each hidden part as 1.
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
from data_access.figures.calendar import month_end, month_start
from data_access.privacy import suppress_counts

BY = (None, "county", "theme", "county_theme")
COUNT_COLUMNS = ["forum_concerns", "chief_concerns", "concerns"]


def _check(start: dt.date, end: dt.date, county_codes: tuple[str, ...],
           themes: tuple[str, ...], by: str | None) -> None:
    if by not in BY:
        raise ValueError(f"by must be None, 'county', 'theme' or 'county_theme', not {by!r}")
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
    chief_concerns`` (int; only pairs with a concern in either part)."""
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
    out = out.reindex(columns=[*keys, "forum_concerns", "chief_concerns"])
    for col in ("forum_concerns", "chief_concerns"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    for col in keys:
        out[col] = out[col].astype(object)
    return out.sort_values(keys).reset_index(drop=True)


def _members(by: str | None, county_codes: tuple[str, ...],
             themes: tuple[str, ...]) -> pd.DataFrame:
    """The rows of the answer before counting: one per county / theme in scope."""
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
    return pd.DataFrame(index=[0])


def shape_concerns(counts: pd.DataFrame, *, by: str | None = None,
                   county_codes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                   public: bool = False) -> pd.DataFrame:
    """Concerns raised from :func:`concern_counts` rows, summed ``by`` (see
    :func:`concerns_raised`, which documents the result). Pure: no database."""
    county_codes, themes = tuple(county_codes), tuple(themes)
    parts = ["forum_concerns", "chief_concerns"]
    if by == "county_theme":
        out = counts.copy()
        names = {c.code: (c.name, c.region_code) for c in reference.counties()}
        out["county"] = out["county_code"].map(lambda c: names[c][0]).astype(object)
        out["region_code"] = out["county_code"].map(lambda c: names[c][1]).astype(object)
        th = reference.THEME_BY_CODE
        out["theme"] = out["theme_code"].map(lambda t: th[t].label).astype(object)
        out["theme_sw"] = out["theme_code"].map(lambda t: th[t].label_sw).astype(object)
        out["sensitive"] = out["theme_code"].map(lambda t: th[t].sensitive).astype(bool)
        out = out[["county_code", "county", "region_code", "theme_code", "theme", "theme_sw",
                   "sensitive", *parts]]
    elif by is None:
        out = pd.DataFrame([{p: int(counts[p].sum()) for p in parts}])
    else:
        key = "county_code" if by == "county" else "theme_code"
        summed = counts.groupby(key, as_index=False)[parts].sum()
        out = _members(by, county_codes, themes).merge(summed, on=key, how="left")
    for p in parts:
        out[p] = pd.to_numeric(out[p]).fillna(0).astype("int64")
    out["concerns"] = out["forum_concerns"] + out["chief_concerns"]
    if "sensitive" in out:
        sensitive = out["sensitive"].astype(bool)
    else:
        only_sensitive = bool(themes) and all(reference.THEME_BY_CODE[t].sensitive
                                              for t in themes)
        sensitive = pd.Series(only_sensitive, index=out.index)
    out = suppress_counts(out.reset_index(drop=True), COUNT_COLUMNS, public=public,
                          sensitive=sensitive.reset_index(drop=True))
    return _bound_totals(out)


def _bound_totals(out: pd.DataFrame) -> pd.DataFrame:
    """Where a part is hidden but the total is not, the total becomes a lower bound:
    ``concerns`` NaN, ``concerns_display`` "≥ n" and ``concerns_at_least`` = n (each
    hidden part counted as 1). ``concerns_at_least`` is the exact total elsewhere and NaN
    where the total itself is hidden."""
    hidden_parts = out[["forum_concerns", "chief_concerns"]].isna().sum(axis=1)
    visible = out[["forum_concerns", "chief_concerns"]].fillna(0).sum(axis=1)
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
                    public: bool = False, engine=None) -> pd.DataFrame:
    """Concerns raised in [start, end]: at forums held in the period and in chiefs'
    reports for the months of the period, as two labelled parts and their total
    (``metrics.DEFINITIONS["concerns_raised"]``).

    ``by``: None (one row for the whole scope), ``"county"`` (every county in scope,
    code order; columns ``county_code, county, region_code``), ``"theme"`` (every theme
    in scope, in the controlled list's order; ``theme_code, theme, theme_sw,
    sensitive``) or ``"county_theme"`` (the county × theme pairs with a concern; both
    sets of key columns).

    Count columns: ``forum_concerns``, ``chief_concerns`` and their total ``concerns``,
    each with a ``<column>_display`` text column, plus ``concerns_at_least``. In public
    mode (always on sensitive rows: a sensitive theme, or a selection of sensitive
    themes only) a count of 1–4 is NaN and reads "<5"; a total beside a hidden part is
    NaN and reads "≥ n", and ``concerns_at_least`` holds that n (the exact total where
    nothing is hidden, NaN where the total itself is hidden).
    """
    county_codes, themes = tuple(county_codes), tuple(themes)
    _check(start, end, county_codes, themes, by)
    counts = concern_counts(engine=engine, start=start, end=end, county_codes=county_codes,
                            themes=themes)
    return shape_concerns(counts, by=by, county_codes=county_codes, themes=themes,
                          public=public)
