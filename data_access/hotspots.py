"""Hotspot queries: one value per county for each map mode, and hexagon hotspot cells.

Map modes (:data:`MAP_MODES`), each a number per county for the chosen period:

- ``count``      crimes recorded, ``rate`` the same per 100,000 people (KNBS 2019
                 census), and ``change`` against the same months a year earlier as a
                 signed significance level (:func:`change_signal`): all three read from
                 :func:`data_access.figures.crime.county_crime`, never computed here.
                 Counties whose data do not cover the whole period ("partial", "yearly
                 figures only", "no data") get no count or rate value: the page draws
                 them grey with the county's note;
- ``concerns``   concerns raised (``data_access.concerns.concerns_raised``): at forums
                 held in the period plus in chiefs' reports for its months, the two
                 parts beside the total (internal only: :data:`NOT_PUBLIC_MODES`);
- ``resolution`` commitment resolution rate as of the period's last day (internal only:
                 commitments are public by region only, :data:`NOT_PUBLIC_MODES`);
- ``sentiment``  chiefs' sentiment score over the period: its median (the score is
                 ordinal, 1–5), with the share of low scores (1–2), n and reporting
                 compliance beside it (``data_access.chiefs.chiefs_period_summary``).

:func:`county_map_frame` returns every mode in one shape: the counties in scope, a
``value`` column the map is coloured by, ``value_display`` for labels, ``suppressed``
(hidden in public mode) and the counts behind the value. :func:`hex_hotspots` sums the
pre-aggregated ``hex_cells`` table over the period: the browser receives cells, never
incident points. Public-mode suppression happens here, not in the page. The hexagon
layer is internal only: its cells locate incidents and cut across the county counts, so
beside county totals they would give hidden cells back; for the public audience it
raises :class:`~data_access.privacy.NotForPublic`.
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
from data_access.commitments import resolution_by
from data_access.concerns import concerns_raised
from data_access.figures.crime import categories_sensitive, counties_frame, county_crime
from data_access.figures.scope import Audience, Scope
from data_access.hexes import cell_to_hex
from data_access.privacy import NotForPublic, uncertain

MAP_MODES: tuple[str, ...] = ("count", "rate", "change", "concerns", "resolution", "sentiment")
"""The map modes, in the order the page offers them."""

CRIME_MODES = frozenset({"count", "rate", "change"})

NOT_PUBLIC_MODES = frozenset({"concerns", "resolution"})
"""Map modes not offered on public screens (docs/METHODS.md, "Public audience"): concerns
and commitments are public by region only, so there is no public figure per county to draw;
:func:`county_map_frame` raises :class:`~data_access.privacy.NotForPublic` for them."""


def map_modes(audience: Audience) -> tuple[str, ...]:
    """The map modes a page offers ``audience``, in :data:`MAP_MODES` order."""
    if not isinstance(audience, Audience):
        raise TypeError(f"audience must be an Audience, not {audience!r}")
    if audience == Audience.PUBLIC:
        return tuple(m for m in MAP_MODES if m not in NOT_PUBLIC_MODES)
    return MAP_MODES


# Crime bases (``county_crime``'s ``basis``) whose figures cover the whole period and are
# coloured by value; the others are grey.
COMPLETE_BASES = frozenset({"monthly", "published yearly"})
REAL_VERDICTS = frozenset({"significant", "possible"})


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
    """Signed significance level of a change (the change map's classes): +2 significant
    rise, +1 possible rise, 0 no clear change or too few to tell, −1 possible fall, −2
    significant fall. The verdicts come from :mod:`data_access.figures.change`."""
    level = verdict.map({"significant": 2.0, "possible": 1.0}).fillna(0.0)
    sign = direction.map({"up": 1.0, "down": -1.0}).fillna(0.0)
    return (level * sign).astype("float64")


def _hidden(out: pd.DataFrame, columns: list[str], *, ranges: bool = True) -> pd.Series:
    """True where one of the counts behind a figure is hidden ("<5") for this audience or,
    with ``ranges``, known only as a range on a public screen (nothing is derived from it)."""
    hidden = pd.Series(False, index=out.index)
    for col in columns:
        shown = out[f"{col}_display"].fillna("").astype(str)
        hidden |= uncertain(shown) if ranges else shown.str.startswith("<")
    return hidden


def _count_label(out: pd.DataFrame) -> pd.Series:
    """The count as a reader should see it: "1,234", "<5", "820 (9 of 12 months)",
    "yearly figures only" or "no data" — never 0 for a county without data."""
    shown = out["count_display"].astype(object)
    partial = out["basis"].eq("partial") & out["count_display"].ne("")
    months = out["months_covered"].astype(str) + " of " + out["months"].astype(str)
    shown = shown.where(~partial, shown + " (" + months + " months)")
    shown = shown.where(~out["basis"].eq("yearly figures only"), "yearly figures only")
    return shown.where(~out["basis"].eq("no data"), "no data").astype(object)


def _crime_frame(mode: str, scope: Scope, engine) -> tuple[pd.DataFrame, pd.Series]:
    """The crime map modes from :func:`county_crime`: value, labels, and what is hidden.

    ``count``/``rate``: the value only where the county's data cover the whole period
    (``COMPLETE_BASES``); other counties keep their ``basis`` (the page greys them) and
    ``note``. ``change``: the signal of the figures' own verdict, 0 for "no clear change"
    and "too few to tell", NaN where no month could be compared.
    """
    out = county_crime(scope, engine=engine)
    complete = out["basis"].isin(COMPLETE_BASES)
    out["crimes"] = _count_label(out)
    out["months_label"] = (out["months_covered"].astype(str) + " of "
                           + out["months"].astype(str))
    out["rate_display"] = out["rate_per_100k"].map(_fmt(1)).where(
        out["rate_per_100k"].notna(), "—").astype(object)
    if mode in ("count", "rate"):
        suppressed = _hidden(out, ["count"], ranges=mode == "rate")
        col = "count" if mode == "count" else "rate_per_100k"
        out["value"] = out[col].astype("float64").where(complete & ~suppressed)
        out["value_display"] = out["crimes"] if mode == "count" else out["rate_display"]
        return out, suppressed
    suppressed = _hidden(out, ["count", "previous", "current_compared"])
    compared = out["months_compared"].gt(0) & out["previous"].notna() & ~suppressed
    out["value"] = change_signal(out["verdict"], out["direction"]).where(compared)
    out["change_verdict"] = out["verdict"].where(compared, "no data to compare")
    out["change_verdict"] = out["change_verdict"].where(~suppressed, "hidden (<5)")
    out["value_display"] = out["change_verdict"]
    out["compared_label"] = (out["months_compared"].astype(str) + " of "
                             + out["months_covered"].astype(str))
    for col in ("current_compared", "previous"):
        out[f"{col}_shown"] = out[f"{col}_display"].where(
            out[f"{col}_display"].fillna("").ne(""), "—").astype(object)
    return out, suppressed


@cached_query
def forums_by_county(conn: Connection, *, start: dt.date, end: dt.date,
                     county_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Forums held in [start, end] per county: ``county_code, forums`` (counties with
    none are absent)."""
    f = s.forums
    forums = (sa.select(f.c.county_code, sa.func.count().label("forums"))
              .where(f.c.held_on.between(start, end))
              .group_by(f.c.county_code))
    if county_codes:
        forums = forums.where(f.c.county_code.in_(list(county_codes)))
    out = read_df(conn, forums).reindex(columns=["county_code", "forums"])
    out["forums"] = pd.to_numeric(out["forums"]).fillna(0).astype("int64")
    return out


def county_concerns(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                    themes: tuple[str, ...] = (), audience: Audience,
                    engine=None) -> pd.DataFrame:
    """Concerns raised per county (:func:`data_access.concerns.concerns_raised`), every
    county in scope present, with the forums held there: internal screens only (the
    public audience raises :class:`~data_access.privacy.NotForPublic`: concerns are public
    by region only).

    Columns: ``county_code, county, region_code, region, population_2019,
    forum_concerns, chief_concerns, concerns, concerns_at_least, forums`` and a
    ``_display`` and ``_hidden`` column per count. Sensitive-only theme selections:
    counts of 1–4 read "<5"; a total beside a hidden part reads "≥ n".
    """
    themes, county_codes = tuple(themes), tuple(county_codes)
    _check_codes((), themes, county_codes)
    _check_period(start, end)
    raised = concerns_raised(engine=engine, start=start, end=end, county_codes=county_codes,
                             themes=themes, by="county", audience=audience)
    forums = forums_by_county(engine=engine, start=start, end=end, county_codes=county_codes)
    out = (_base(county_codes)
           .merge(raised.drop(columns=["county", "region_code"]), on="county_code",
                  how="left")
           .merge(forums, on="county_code", how="left"))
    out["forums"] = pd.to_numeric(out["forums"]).fillna(0).astype("int64")
    out["forums_display"] = out["forums"].map("{:,}".format).astype(object)
    return out


def county_resolution(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                      themes: tuple[str, ...] = (), audience: Audience,
                      engine=None) -> pd.DataFrame:
    """Commitment resolution per county, status as of ``as_of`` (commitments made by then),
    for ``audience``: :func:`data_access.commitments.resolution_by` per county (the figures
    of the Commitments page and the county-metrics export).

    Columns: ``county_code, county, region_code, region, population_2019`` plus the
    summary columns (``made, unverified, verified, fulfilled, partly, not_fulfilled,
    open, overdue, resolution_rate, fulfilled_or_partly_rate, ...``) with a
    ``<count>_display`` and ``<count>_hidden`` column per count. ``resolution_rate`` =
    fulfilled ÷ verified, NaN when nothing is verified (drawn as "No data", never as 0%).
    Internal audience only ("<5" for small counts of sensitive-only theme selections):
    commitments are public by region only, so the public audience raises
    :class:`~data_access.privacy.NotForPublic`.
    """
    themes, county_codes = tuple(themes), tuple(county_codes)
    _check_codes((), themes, county_codes)
    summary = resolution_by(engine=engine, by="county", as_of=as_of,
                            county_codes=county_codes, themes=themes, audience=audience)
    summary = summary.drop(columns=["name", "name_sw", "sensitive"]).rename(
        columns={"code": "county_code"})
    return _base(county_codes).merge(summary, on="county_code", how="left")


def county_sentiment(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                     audience: Audience, engine=None) -> pd.DataFrame:
    """Chiefs' sentiment score and reporting compliance per county over the period, as
    :func:`data_access.chiefs.chiefs_by_county` (that is ``chiefs_period_summary`` per
    county: the figures the county profile and the Compare page give), for ``audience``.

    Columns: ``county_code, county, region_code, region, population_2019, reports,
    reports_display, reports_hidden, expected, on_schedule, compliance,
    compliance_status, rated, median, low_share, sentiment_status`` (compliance over the
    months that hold chiefs' data; the median score and share of low scores over
    ``rated`` reports; public: over the county-months whose report count is shown).
    """
    county_codes = tuple(county_codes)
    _check_codes((), (), county_codes)
    _check_period(start, end)
    chiefs = chiefs_by_county(engine=engine, start=start, end=end, county_codes=county_codes,
                              audience=audience)
    return _base(county_codes).merge(chiefs.drop(columns=["county", "region_code"]),
                                     on="county_code", how="left")


def county_map_frame(*, mode: str, scope: Scope, engine=None) -> pd.DataFrame:
    """The values of one map mode, one row per county in ``scope`` (``Filters.scope``:
    period, area, categories, themes and audience).

    Always has ``county_code, county, region_code, region, population_2019, value,
    value_display, suppressed`` plus the columns of the mode's own query
    (:func:`data_access.figures.crime.county_crime` — with ``basis``, ``note`` and the
    readable ``crimes``, ``months_label``, ``rate_display`` —, :func:`county_concerns`,
    :func:`county_resolution` or :func:`county_sentiment`). ``value`` is what the map is
    coloured by: the count or the rate per 100,000 of a county whose data cover the whole
    period (NaN otherwise: see ``basis``), the change signal (−2…+2; NaN where nothing
    could be compared), the concerns raised (forum + chiefs' reports; where a part of a
    sensitive-only selection is hidden, the lower bound its total shows as "≥ n"), the
    resolution rate (0–1) or the median sentiment score (1–5); NaN means no data or
    suppressed. Crime modes use the categories filter, concerns and resolution the themes
    filter. A mode not in :func:`map_modes` for the scope's audience raises
    :class:`~data_access.privacy.NotForPublic`.
    """
    if mode not in MAP_MODES:
        raise ValueError(f"unknown map mode {mode!r}; choose one of {', '.join(MAP_MODES)}")
    if mode not in map_modes(scope.audience):
        raise NotForPublic(f"the {mode!r} map mode is not shown on public screens")
    start, end = scope.period.start, scope.period.end
    themes, audience = scope.themes, scope.audience
    county_codes = scope.county_codes if (scope.county or scope.region) else ()
    if mode in CRIME_MODES:
        out, suppressed = _crime_frame(mode, scope, engine)
    elif mode == "concerns":
        out = county_concerns(start=start, end=end, county_codes=county_codes, themes=themes,
                              audience=audience, engine=engine)
        suppressed = out["concerns_at_least"].isna()
        out["value"] = out["concerns_at_least"].astype("float64")
        out["value_display"] = out["concerns_display"]
    elif mode == "resolution":
        out = county_resolution(as_of=end, county_codes=county_codes, themes=themes,
                                audience=audience, engine=engine)
        # A rate hidden with a small count it is computed from (public mode).
        suppressed = out["resolution_rate"].isna() & (
            out["verified"].isna() | out["fulfilled"].isna())
        out["value"] = out["resolution_rate"]
        out["value_display"] = out["resolution_rate"].map(_pct).where(~suppressed, "hidden (<5)")
    else:
        out = county_sentiment(start=start, end=end, county_codes=county_codes,
                               audience=audience, engine=engine)
        # No median where the reports behind it are hidden (public: "<5", or every
        # month's count hidden).
        suppressed = out["median"].isna() & out["reports_hidden"].gt(0)
        out["value"] = out["median"]
        out["value_display"] = out["median"].map(_fmt(0)).where(~suppressed, "—")
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
    "count": ("value", {"crimes": "crimes", "months_label": "months with data",
                        "rate_display": "rate per 100,000", "note": "coverage note"}),
    "rate": ("value", {"rate_display": "rate per 100,000", "crimes": "crimes",
                       "population_2019": "population (2019)",
                       "months_label": "months with data", "note": "coverage note"}),
    "change": ("z", {"current_compared_shown": "this period",
                     "previous_shown": "a year earlier", "diff_label": "difference",
                     "pct_label": "change %", "z_label": "z",
                     "change_verdict": "is it real?", "compared_label": "months compared",
                     "note": "coverage note"}),
    "concerns": ("concerns_at_least", {"concerns_display": "concerns raised",
                                       "forum_concerns_display": "at forums",
                                       "chief_concerns_display": "in chiefs' reports",
                                       "forums_display": "forums held"}),
    "resolution": ("resolution_rate", {"res_pct": "resolution rate %",
                                       "fulfilled_display": "fulfilled",
                                       "verified_display": "verified",
                                       "unverified_display": "unverified",
                                       "made_display": "made",
                                       "fop_pct": "fulfilled or partly %",
                                       "overdue_display": "overdue",
                                       "past_due_unverified_display":
                                           "past due, not yet verified"}),
    "sentiment": ("median", {"sentiment": "median score (1–5)",
                             "low_pct": "low scores (1–2) %",
                             "rated": "n (reports scored)",
                             "reports_display": "reports",
                             "expected": "reports expected",
                             "compliance_pct": "compliance %"}),
}


_BASIS_ORDER = {"partial": 2.0, "yearly figures only": 1.0, "no data": 0.0}


def _signed(pattern: str):
    def fmt(v) -> str:
        return "—" if pd.isna(v) else pattern.format(v)
    return fmt


# Modes where a county with none is listed but not ranked (a 0% resolution rate is a
# real result and is ranked).
_ZERO_UNRANKED = frozenset({"count", "rate", "concerns"})


def rank_counties(frame: pd.DataFrame, mode: str) -> pd.DataFrame:
    """The counties of :func:`county_map_frame` ranked for ``mode``, highest first.

    Returns a display table: ``rank`` (text, blank when unranked), ``county, region``
    and the mode's counts (what the page shows beside the map and offers as CSV).
    Counties without a value (no data, data for part of the period only, yearly
    figures only or suppressed, or none at all in the count, rate and concerns modes)
    come last, unranked, with their count and coverage note. The change mode ranks by z,
    so the surest rises lead and falls close the list; only significant and possible
    changes are ranked. Numbers are only rounded for display here, never computed.
    """
    if mode not in _RANK_COLUMNS:
        raise ValueError(f"unknown map mode {mode!r}; choose one of {', '.join(MAP_MODES)}")
    key, columns = _RANK_COLUMNS[mode]
    df = frame.copy()
    if "rate_per_100k" in df:
        df["rate"] = df["rate_per_100k"].round(1)
    if mode == "change":
        df["pct_label"] = df["pct_change"].map(_signed("{:+,.0f}%"))
        df["diff_label"] = df["difference"].map(_signed("{:+,.0f}"))
        df["z_label"] = df["z"].map(_signed("{:+.2f}"))
        # Noise sorts below every real change, whatever its raw z.
        df["_key"] = df["z"].where(df["change_verdict"].isin(REAL_VERDICTS))
        df["_tie"] = df["z"]
    else:
        df["_key"] = pd.to_numeric(df[key], errors="coerce")
        # Unranked crime counties: part of the period first, then yearly figures only,
        # then no data.
        df["_tie"] = df["basis"].map(_BASIS_ORDER).fillna(0.0) if mode in CRIME_MODES \
            else 0.0
        if mode in _ZERO_UNRANKED:  # "first with 0 crimes" would rank nothing
            df["_key"] = df["_key"].where(df["_key"] > 0)
    if mode == "resolution":
        df["res_pct"] = (df["resolution_rate"] * 100).round(0)
        df["fop_pct"] = (df["fulfilled_or_partly_rate"] * 100).round(0)
    if mode == "sentiment":
        df["sentiment"] = df["median"]
        df["low_pct"] = (df["low_share"] * 100).round(0)
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


def _hex_hidden(counts: pd.Series, categories: tuple[str, ...]) -> pd.Series:
    """Cells left out for the internal audience: under 5 for sensitive-only selections."""
    if not categories_sensitive(categories):
        return pd.Series(False, index=counts.index)
    return counts < get_settings().suppress_below


def _internal_only(audience: Audience) -> None:
    if not isinstance(audience, Audience):
        raise TypeError(f"audience must be an Audience, not {audience!r}")
    if audience == Audience.PUBLIC:
        raise NotForPublic("the hexagon layer locates incidents and is not shown on public "
                           "screens")


@cached_query
def hex_hotspots(conn: Connection, *, start: dt.date, end: dt.date,
                 categories: tuple[str, ...] = (), county_codes: tuple[str, ...] = (),
                 audience: Audience) -> pd.DataFrame:
    """Incident counts per H3 cell for the months of [start, end], largest first.

    Columns: ``hex`` (H3 cell as its hexadecimal string), ``count``, ``county_code`` and
    ``county`` (where most of the cell's incidents happened, so a click on a cell can
    open that county). Reads the pre-aggregated ``hex_cells`` table (cell × county ×
    category × month), so the work and the result scale with the number of cells, not
    of incidents. Months are whole: a period starting mid-month includes that month. For
    sensitive-only selections cells with fewer than 5 incidents are left out. Internal
    audience only: the public audience raises :class:`~data_access.privacy.NotForPublic`.
    """
    _internal_only(audience)
    categories, county_codes = tuple(categories), tuple(county_codes)
    _check_codes(categories, (), county_codes)
    _check_period(start, end)
    raw = _hex_counts(conn, start, end, categories, county_codes)
    raw = raw[~_hex_hidden(raw["count"], categories)]
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
                        audience: Audience) -> pd.DataFrame:
    """One row about the hexagon layer: ``cells, incidents, cells_hidden,
    incidents_hidden`` (shown cells and their incidents; those left out for a sensitive
    selection). Internal audience only, like :func:`hex_hotspots`."""
    _internal_only(audience)
    categories, county_codes = tuple(categories), tuple(county_codes)
    _check_codes(categories, (), county_codes)
    _check_period(start, end)
    raw = _hex_counts(conn, start, end, categories, county_codes)
    hidden = _hex_hidden(raw["count"], categories)
    return pd.DataFrame([{
        "cells": int((~hidden).sum()),
        "incidents": int(raw.loc[~hidden, "count"].sum()),
        "cells_hidden": int(hidden.sum()),
        "incidents_hidden": int(raw.loc[hidden, "count"].sum()),
    }])
