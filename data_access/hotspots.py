"""Hotspot queries: one value per county for each map mode, and hexagon hotspot cells.

Map modes (:data:`MAP_MODES`), each a number per county for the chosen period:

- ``count``      crimes recorded (``crime_agg``, day and month grains);
- ``rate``       the same per 100,000 people (KNBS 2019 census);
- ``change``     against the previous period of equal length, as a signed significance
                 level (:func:`change_signal`) from z = 2(√current − √previous);
- ``concerns``   concerns raised at forums (concerns linked to a forum);
- ``resolution`` commitment resolution rate as of the period's last day;
- ``sentiment``  chiefs' sentiment index (mean of the 1–5 monthly scores).

:func:`county_map_frame` returns every mode in one shape: the counties in scope, a
``value`` column the map is coloured by, ``value_display`` for labels, ``suppressed``
(hidden in public mode) and the counts behind the value. :func:`hex_hotspots` sums the
pre-aggregated ``hex_cells`` table over the period: the browser receives cells, never
incident points. Public-mode suppression happens here, not in the page.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from config import get_settings
from data_access import reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.chiefs import chiefs_by_county
from data_access.commitments import (
    COUNT_COLUMNS,
    RATE_COLUMNS,
    RATE_DEPENDENTS,
    commitments_as_of,
    summarise_by,
)
from data_access.crime import categories_sensitive, counties_frame, crime_counts_by_county
from data_access.hexes import cell_to_hex
from data_access.metrics import add_change_columns, rate_per_100k
from data_access.privacy import suppress_counts

MAP_MODES: tuple[str, ...] = ("count", "rate", "change", "concerns", "resolution", "sentiment")
"""The map modes, in the order the page offers them."""

CRIME_MODES = frozenset({"count", "rate", "change"})

# Definitions of the numbers this module adds (shown under "about this number").
_RES = get_settings().hex_resolution

_BASE_COLUMNS = ["county_code", "county", "region_code", "region", "population_2019"]


def themes_sensitive(themes: tuple[str, ...] | list[str]) -> bool:
    """True when a theme selection consists only of sensitive themes (always suppressed)."""
    return bool(themes) and all(reference.THEME_BY_CODE[t].sensitive for t in themes)


def _check_codes(categories, themes, county_codes) -> None:
    """Refuse unknown codes with a message that names them (a typo must not read as 0)."""
    problems = []
    for label, given, known in (
        ("crime categories", categories, reference.CATEGORY_BY_CODE),
        ("concern themes", themes, reference.THEME_BY_CODE),
        ("county codes", county_codes, {c.code for c in reference.counties()}),
    ):
        unknown = sorted(set(given) - set(known))
        if unknown:
            problems.append(f"unknown {label}: {', '.join(unknown)}")
    if problems:
        raise ValueError("; ".join(problems))


def _check_period(start: dt.date, end: dt.date, name: str = "period") -> None:
    if end < start:
        raise ValueError(f"the {name} ends ({end}) before it starts ({start})")


def _base(county_codes: tuple[str, ...]) -> pd.DataFrame:
    base = counties_frame()
    if county_codes:
        base = base[base["county_code"].isin(county_codes)]
    return base.reset_index(drop=True)


def change_signal(verdict: pd.Series, direction: pd.Series) -> pd.Series:
    """Signed significance level of a change: +2 significant rise, +1 possible rise, 0 too
    few to tell, −1 possible fall, −2 significant fall (the change map's classes)."""
    level = verdict.map({"significant": 2.0, "possible": 1.0}).fillna(0.0)
    sign = direction.map({"up": 1.0, "down": -1.0}).fillna(0.0)
    return (level * sign).astype("float64")


def county_crime(*, start: dt.date, end: dt.date, prev_start: dt.date, prev_end: dt.date,
                 categories: tuple[str, ...] = (), county_codes: tuple[str, ...] = (),
                 public: bool = False, engine=None) -> pd.DataFrame:
    """Crime per county for a period and the previous one, every county in scope present.

    Columns: ``county_code, county, region_code, region, population_2019, count,
    previous, rate_per_100k, change, pct_change, z, verdict, direction, signal,
    count_display, previous_display``. ``z`` = 2(√count − √previous), ``verdict`` per
    DESIGN.md §4 and ``signal`` from :func:`change_signal`. In public mode (and always
    for sensitive-only category selections) counts of 1–4 become NaN shown as "<5", and
    the rate and change figures derived from them are hidden too (a z beside a shown
    count would give the hidden one away).
    """
    categories, county_codes = tuple(categories), tuple(county_codes)
    _check_codes(categories, (), county_codes)
    _check_period(start, end)
    _check_period(prev_start, prev_end, "previous period")
    out = _base(county_codes)
    for col, (a, b) in (("count", (start, end)), ("previous", (prev_start, prev_end))):
        counts = crime_counts_by_county(engine=engine, start=a, end=b, categories=categories,
                                        county_codes=county_codes)
        out = out.merge(counts.rename(columns={"count": col}), on="county_code", how="left")
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    out["rate_per_100k"] = rate_per_100k(out["count"], out["population_2019"])
    out = add_change_columns(out, current="count", previous="previous")
    out["signal"] = change_signal(out["verdict"], out["direction"])
    derived = ["rate_per_100k", "change", "pct_change", "z", "signal"]
    sensitive = pd.Series(categories_sensitive(categories), index=out.index)
    out = suppress_counts(out, ["count", "previous"], public=public, sensitive=sensitive,
                          dependents={"count": derived, "previous": derived[1:]})
    hidden = out["count"].isna() | out["previous"].isna()
    out["verdict"] = out["verdict"].where(~hidden, "suppressed").astype(object)
    out["direction"] = out["direction"].where(~hidden, "none").astype(object)
    return out


@cached_query
def forum_concerns_by_county(conn: Connection, *, start: dt.date, end: dt.date,
                             county_codes: tuple[str, ...] = (),
                             themes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Concerns raised at forums in [start, end] and forums held, per county.

    Columns: ``county_code, concerns, forums`` (counties with neither are absent). A
    concern counts when it is linked to a forum; those from chiefs' reports are not.
    The theme filter applies to concerns only.
    """
    c, f = s.concerns, s.forums
    concerns = (sa.select(c.c.county_code, sa.func.count().label("concerns"))
                .where(c.c.raised_on.between(start, end), c.c.forum_id.is_not(None))
                .group_by(c.c.county_code))
    forums = (sa.select(f.c.county_code, sa.func.count().label("forums"))
              .where(f.c.held_on.between(start, end))
              .group_by(f.c.county_code))
    if themes:
        concerns = concerns.where(c.c.theme_code.in_(list(themes)))
    if county_codes:
        concerns = concerns.where(c.c.county_code.in_(list(county_codes)))
        forums = forums.where(f.c.county_code.in_(list(county_codes)))
    out = read_df(conn, concerns).merge(read_df(conn, forums), on="county_code", how="outer")
    for col in ("concerns", "forums"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    return out[["county_code", "concerns", "forums"]]


def county_concerns(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                    themes: tuple[str, ...] = (), public: bool = False,
                    engine=None) -> pd.DataFrame:
    """Concerns raised at forums per county, every county in scope present.

    Columns: ``county_code, county, region_code, region, population_2019, concerns,
    forums, concerns_display, forums_display``. Public mode (and sensitive-only theme
    selections, always) shows concern counts of 1–4 as "<5".
    """
    themes, county_codes = tuple(themes), tuple(county_codes)
    _check_codes((), themes, county_codes)
    _check_period(start, end)
    raw = forum_concerns_by_county(engine=engine, start=start, end=end,
                                   county_codes=county_codes, themes=themes)
    out = _base(county_codes).merge(raw, on="county_code", how="left")
    for col in ("concerns", "forums"):
        out[col] = pd.to_numeric(out[col]).fillna(0).astype("int64")
    out["forums_display"] = out["forums"].map("{:,}".format).astype(object)
    sensitive = pd.Series(themes_sensitive(themes), index=out.index)
    return suppress_counts(out, ["concerns"], public=public, sensitive=sensitive)


@cached_query
def _resolution_by_county(conn: Connection, *, as_of: dt.date,
                          county_codes: tuple[str, ...] = (),
                          themes: tuple[str, ...] = ()) -> pd.DataFrame:
    """summarise_by(commitments_as_of(...), "county_code"), cached as one result: the
    per-county summary is a pandas loop too slow to repeat on every page run."""
    frame = commitments_as_of.uncached(conn, as_of=as_of, county_codes=county_codes,
                                       themes=themes)
    return summarise_by(frame, "county_code")


def county_resolution(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                      themes: tuple[str, ...] = (), public: bool = False,
                      engine=None) -> pd.DataFrame:
    """Commitment resolution per county, status as of ``as_of`` (commitments made by then).

    Columns: ``county_code, county, region_code, region, population_2019`` plus the
    summary columns of :func:`data_access.commitments.summarise_by` (``made, unverified,
    verified, fulfilled, partly, not_fulfilled, open, overdue, resolution_rate,
    fulfilled_or_partly_rate, ...``) and a ``<count>_display`` column per count.
    ``resolution_rate`` = fulfilled ÷ verified, NaN when nothing is verified (drawn as
    "No data", never as 0%). Suppression follows the Commitments page exactly: in public
    mode (always for sensitive-only theme selections) counts of 1–4 show as "<5" and
    every rate computed from such a count is hidden.
    """
    themes, county_codes = tuple(themes), tuple(county_codes)
    _check_codes((), themes, county_codes)
    summary = _resolution_by_county(engine=engine, as_of=as_of, county_codes=county_codes,
                                    themes=themes)
    out = _base(county_codes).merge(summary, on="county_code", how="left")
    out[COUNT_COLUMNS] = out[COUNT_COLUMNS].fillna(0).astype("int64")
    for col in RATE_COLUMNS:
        out[col] = pd.to_numeric(out[col]).astype("float64")
    sensitive = pd.Series(themes_sensitive(themes), index=out.index)
    return suppress_counts(out, COUNT_COLUMNS, public=public, sensitive=sensitive,
                           dependents=RATE_DEPENDENTS)


def county_sentiment(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                     public: bool = False, engine=None) -> pd.DataFrame:
    """Chiefs' sentiment index and reporting compliance per county (see data_access.chiefs).

    Columns: ``county_code, county, region_code, region, population_2019, reports,
    expected, on_schedule, compliance, sentiment_mean, reports_display``.
    """
    county_codes = tuple(county_codes)
    _check_codes((), (), county_codes)
    _check_period(start, end)
    chiefs = chiefs_by_county(engine=engine, start=start, end=end, county_codes=county_codes,
                              public=public)
    return _base(county_codes).merge(chiefs.drop(columns=["county", "region_code"]),
                                     on="county_code", how="left")


def county_map_frame(*, mode: str, start: dt.date, end: dt.date,
                     prev_start: dt.date | None = None, prev_end: dt.date | None = None,
                     categories: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                     county_codes: tuple[str, ...] = (), public: bool = False,
                     engine=None) -> pd.DataFrame:
    """The values of one map mode, one row per county in scope.

    Always has ``county_code, county, region_code, region, population_2019, value,
    value_display, suppressed`` plus the columns of the mode's own query
    (:func:`county_crime`, :func:`county_concerns`, :func:`county_resolution` or
    :func:`county_sentiment`). ``value`` is what the map is coloured by: the count, the
    rate per 100,000, the change signal (−2…+2), the concern count, the resolution rate
    (0–1) or the mean sentiment (1–5); NaN means no data or suppressed. Crime modes use
    the categories filter, concerns and resolution the themes filter; ``change`` needs
    the previous period.
    """
    if mode not in MAP_MODES:
        raise ValueError(f"unknown map mode {mode!r}; choose one of {', '.join(MAP_MODES)}")
    if mode in CRIME_MODES:
        if prev_start is None or prev_end is None:
            raise ValueError(f"map mode {mode!r} needs prev_start and prev_end")
        out = county_crime(start=start, end=end, prev_start=prev_start, prev_end=prev_end,
                           categories=categories, county_codes=county_codes, public=public,
                           engine=engine)
        suppressed = out["count"].isna()
        if mode == "count":
            out["value"] = out["count"].astype("float64")
            out["value_display"] = out["count_display"]
        elif mode == "rate":
            out["value"] = out["rate_per_100k"]
            out["value_display"] = out["rate_per_100k"].map(_fmt(1)).where(~suppressed, "—")
        else:
            suppressed = suppressed | out["previous"].isna()
            out["value"] = out["signal"]
            out["value_display"] = out["verdict"]
    elif mode == "concerns":
        out = county_concerns(start=start, end=end, county_codes=county_codes, themes=themes,
                              public=public, engine=engine)
        suppressed = out["concerns"].isna()
        out["value"] = out["concerns"].astype("float64")
        out["value_display"] = out["concerns_display"]
    elif mode == "resolution":
        out = county_resolution(as_of=end, county_codes=county_codes, themes=themes,
                                public=public, engine=engine)
        # A rate hidden with a small count it is computed from (public mode).
        suppressed = out["resolution_rate"].isna() & (
            out["verified"].isna() | out["fulfilled"].isna())
        out["value"] = out["resolution_rate"]
        out["value_display"] = out["resolution_rate"].map(_pct).where(~suppressed, "hidden (<5)")
    else:
        out = county_sentiment(start=start, end=end, county_codes=county_codes, public=public,
                               engine=engine)
        suppressed = out["reports"].isna() & out["reports_display"].eq(
            f"<{get_settings().suppress_below}")
        out["value"] = out["sentiment_mean"]
        out["value_display"] = out["sentiment_mean"].map(_fmt(2)).where(~suppressed, "—")
    out["suppressed"] = suppressed.astype(bool)
    out["value_display"] = out["value_display"].astype(object)
    return out.reset_index(drop=True)


def _fmt(decimals: int):
    def fmt(v) -> str:
        return "no data" if pd.isna(v) else f"{v:,.{decimals}f}"
    return fmt


def _pct(v) -> str:
    return "none verified" if pd.isna(v) else f"{v:.0%}"


# --- ranked table ----------------------------------------------------------------------

# Per mode: the column to rank by and the readable columns of the table (source → title).
_RANK_COLUMNS: dict[str, tuple[str, dict[str, str]]] = {
    "count": ("count", {"count_display": "crimes", "previous_display": "previous period",
                        "rate": "rate per 100,000"}),
    "rate": ("rate_per_100k", {"rate": "rate per 100,000", "count_display": "crimes",
                               "population_2019": "population (2019)"}),
    "change": ("z", {"count_display": "this period", "previous_display": "previous period",
                     "change": "change", "pct": "change %", "z_r": "z",
                     "verdict": "is it real?"}),
    "concerns": ("concerns", {"concerns_display": "concerns raised at forums",
                              "forums_display": "forums held"}),
    "resolution": ("resolution_rate", {"res_pct": "resolution rate %",
                                       "fulfilled_display": "fulfilled",
                                       "verified_display": "verified",
                                       "unverified_display": "unverified",
                                       "made_display": "made",
                                       "fop_pct": "fulfilled or partly %",
                                       "overdue_display": "overdue"}),
    "sentiment": ("sentiment_mean", {"sentiment": "sentiment (1–5)",
                                     "reports_display": "reports",
                                     "expected": "reports expected",
                                     "compliance_pct": "compliance %"}),
}


# Modes where a county with none is listed but not ranked (a 0% resolution rate is a
# real result and is ranked).
_ZERO_UNRANKED = frozenset({"count", "rate", "concerns"})


def rank_counties(frame: pd.DataFrame, mode: str) -> pd.DataFrame:
    """The counties of :func:`county_map_frame` ranked for ``mode``, highest first.

    Returns a display table: ``rank`` (text, blank when unranked), ``county, region``
    and the mode's counts (what the page shows beside the map and offers as CSV).
    Counties without a value (no data or suppressed, or none at all in the count, rate
    and concerns modes) come last, unranked. The change mode ranks by z, so the surest
    rises lead and falls close the list; changes that are too few to tell are unranked.
    """
    if mode not in _RANK_COLUMNS:
        raise ValueError(f"unknown map mode {mode!r}; choose one of {', '.join(MAP_MODES)}")
    key, columns = _RANK_COLUMNS[mode]
    df = frame.copy()
    if "rate_per_100k" in df:
        df["rate"] = df["rate_per_100k"].round(1)
    if mode == "change":
        df["pct"] = df["pct_change"].round(0)
        df["z_r"] = df["z"].round(2)
        # Noise sorts below every real change, whatever its raw z.
        df["_key"] = df["z"].where(df["verdict"].isin(["significant", "possible"]))
        df["_tie"] = df["z"]
    else:
        df["_key"] = pd.to_numeric(df[key], errors="coerce")
        df["_tie"] = 0.0
        if mode in _ZERO_UNRANKED:  # "first with 0 crimes" would rank nothing
            df["_key"] = df["_key"].where(df["_key"] > 0)
    if mode == "resolution":
        df["res_pct"] = (df["resolution_rate"] * 100).round(0)
        df["fop_pct"] = (df["fulfilled_or_partly_rate"] * 100).round(0)
    if mode == "sentiment":
        df["sentiment"] = df["sentiment_mean"].round(2)
        df["compliance_pct"] = (df["compliance"] * 100).round(0)
    df = df.sort_values(["_key", "_tie", "county"], ascending=[False, False, True],
                        na_position="last", kind="mergesort").reset_index(drop=True)
    # Blank rank (not "None") for counties without a value or with noise only.
    df["rank"] = [str(i + 1) if ok else "" for i, ok in enumerate(df["_key"].notna())]
    table = df[["rank", "county", "region", *columns]].rename(columns=columns)
    return table.reset_index(drop=True)


# --- hexagon hotspot cells -------------------------------------------------------------


def _hex_counts(conn: Connection, start: dt.date, end: dt.date,
                categories: tuple[str, ...], county_codes: tuple[str, ...]) -> pd.DataFrame:
    """hex_cells summed over the months touching [start, end], one row per cell:
    ``cell`` (int), ``count`` and ``county_code``, the county holding most of the cell's
    incidents (a cell on a border belongs to the county where most of them happened;
    ties go to the lower code)."""
    h = s.hex_cells
    stmt = (sa.select(h.c.cell, h.c.county_code, sa.func.sum(h.c.count).label("count"))
            .where(h.c.month >= start.replace(day=1), h.c.month <= end)
            .group_by(h.c.cell, h.c.county_code))
    if categories:
        stmt = stmt.where(h.c.category_code.in_(list(categories)))
    if county_codes:
        stmt = stmt.where(h.c.county_code.in_(list(county_codes)))
    parts = read_df(conn, stmt)
    if parts.empty:
        return pd.DataFrame({"cell": pd.Series(dtype="int64"),
                             "count": pd.Series(dtype="int64"),
                             "county_code": pd.Series(dtype=object)})
    parts["cell"] = pd.to_numeric(parts["cell"]).astype("int64")
    parts["count"] = pd.to_numeric(parts["count"]).astype("int64")
    parts["county_code"] = parts["county_code"].astype(object)
    main = (parts.sort_values(["cell", "count", "county_code"], ascending=[True, False, True],
                              kind="mergesort")
            .drop_duplicates("cell")[["cell", "county_code"]])
    totals = parts.groupby("cell", as_index=False)["count"].sum()
    return totals.merge(main, on="cell", how="left")


def _hex_hidden(counts: pd.Series, public: bool, categories: tuple[str, ...]) -> pd.Series:
    if not (public or categories_sensitive(categories)):
        return pd.Series(False, index=counts.index)
    return counts < get_settings().suppress_below


@cached_query
def hex_hotspots(conn: Connection, *, start: dt.date, end: dt.date,
                 categories: tuple[str, ...] = (), county_codes: tuple[str, ...] = (),
                 public: bool = False) -> pd.DataFrame:
    """Incident counts per H3 cell for the months of [start, end], largest first.

    Columns: ``hex`` (H3 cell as its hexadecimal string), ``count``, ``county_code`` and
    ``county`` (where most of the cell's incidents happened, so a click on a cell can
    open that county). Reads the pre-aggregated ``hex_cells`` table (cell × county ×
    category × month), so the work and the result scale with the number of cells, not
    of incidents. Months are whole: a period starting mid-month includes that month. In
    public mode (always for sensitive-only selections) cells with fewer than 5
    incidents are left out.
    """
    categories, county_codes = tuple(categories), tuple(county_codes)
    _check_codes(categories, (), county_codes)
    _check_period(start, end)
    raw = _hex_counts(conn, start, end, categories, county_codes)
    raw = raw[~_hex_hidden(raw["count"], public, categories)]
    raw = raw.sort_values(["count", "cell"], ascending=[False, True], kind="mergesort")
    names = {c.code: c.name for c in reference.counties()}
    return pd.DataFrame({
        "hex": [cell_to_hex(c) for c in raw["cell"]],
        "count": raw["count"].to_numpy(dtype="int64"),
        "county_code": raw["county_code"].to_numpy(dtype=object),
        "county": [names.get(c, c) for c in raw["county_code"]],
    }).astype({"hex": object, "county": object})


@cached_query
def hex_hotspot_summary(conn: Connection, *, start: dt.date, end: dt.date,
                        categories: tuple[str, ...] = (), county_codes: tuple[str, ...] = (),
                        public: bool = False) -> pd.DataFrame:
    """One row about the hexagon layer: ``cells, incidents, cells_hidden,
    incidents_hidden`` (shown cells and their incidents; those left out in public mode)."""
    categories, county_codes = tuple(categories), tuple(county_codes)
    _check_codes(categories, (), county_codes)
    _check_period(start, end)
    raw = _hex_counts(conn, start, end, categories, county_codes)
    hidden = _hex_hidden(raw["count"], public, categories)
    return pd.DataFrame([{
        "cells": int((~hidden).sum()),
        "incidents": int(raw.loc[~hidden, "count"].sum()),
        "cells_hidden": int(hidden.sum()),
        "incidents_hidden": int(raw.loc[hidden, "count"].sum()),
    }])
