"""Areas side by side (the Compare page): 2–8 counties, regions or Kenya, each block of
the comparison one tidy frame with one row per area (× month, category or theme).

Nothing here is new arithmetic: every figure is the one the other pages show, asked for
once per area — crime from :mod:`data_access.figures` (``crime_summary``,
``period_comparison``, ``county_crime`` and ``areas_rate_series``, a scope per area),
concerns from :mod:`data_access.concerns` / :mod:`data_access.county_profile`,
commitments from :mod:`data_access.commitments`, chiefs' reports from
:mod:`data_access.chiefs`, forums from :mod:`data_access.forums` (docs/METHODS.md,
"Comparing areas").

Areas are written in the page's URL as tokens (:func:`parse_areas`, :func:`areas_param`):
a county code ("047"), a region ("R:coast") or Kenya ("KE").

Audience (required keyword of every function returning figures): crime figures are
protected by :mod:`data_access.figures` already. Concerns and commitments are public by
region only (``concerns.public_area``, ``commitments.public_area``), so on a public
screen a county's row shows **its region's** figure, all themes, to date, and says so in
``shown_area`` (the public cells are the same whatever county is asked for, so two
counties of one region read the same and nothing about either county leaks); concerns by
theme raise :class:`~data_access.privacy.NotForPublic`, as do commitments per county in
the ranking (their cells are left empty there).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access import reference
from data_access.chiefs import (
    chiefs_by_county,
    chiefs_compliance,
    chiefs_period_summary,
    chiefs_sentiment,
)
from data_access.commitments import commitment_totals, resolution_by
from data_access.concerns import concerns_raised
from data_access.county_profile import concerns_by_theme
from data_access.figures.crime import county_crime, crime_summary
from data_access.figures.scope import Audience, Period, Scope
from data_access.figures.trends import areas_rate_series, period_comparison
from data_access.forums import forum_totals
from data_access.privacy import NotForPublic, is_public, uncertain

MIN_AREAS, MAX_AREAS = 2, 8
KENYA = "KE"
REGION_PREFIX = "R:"


@dataclass(frozen=True)
class Area:
    """One area of a comparison: a county, a region or Kenya."""

    token: str  # in the URL: "047", "R:coast" or "KE"
    kind: str  # "county" | "region" | "kenya"
    code: str | None  # county or region code; None for Kenya
    name: str
    name_sw: str
    county_codes: tuple[str, ...]  # the area's counties (all 47 for Kenya)

    def label(self, lang: str = "en") -> str:
        """'Mombasa', 'Coast region' / 'Eneo la Pwani', 'Kenya'."""
        if self.kind == "region":
            return f"Eneo la {self.name_sw}" if lang == "sw" else f"{self.name} region"
        return self.name_sw if lang == "sw" else self.name

    def scope(self, period: Period, audience: Audience, categories: tuple[str, ...] = (),
              themes: tuple[str, ...] = ()) -> Scope:
        """The figures' scope of this area."""
        return Scope(period, audience, region=self.code if self.kind == "region" else None,
                     county=self.code if self.kind == "county" else None,
                     categories=tuple(categories), themes=tuple(themes))

    @property
    def filter_codes(self) -> tuple[str, ...]:
        """County codes for the accountability queries: () means all of Kenya."""
        return () if self.kind == "kenya" else self.county_codes


def _all_counties():
    return sorted(reference.counties(), key=lambda c: c.code)


def county_area(code: str) -> Area:
    """The :class:`Area` of a county code; ValueError for an unknown code."""
    county = next((c for c in _all_counties() if c.code == code), None)
    if county is None:
        raise ValueError(f"not a county code: {code!r} (codes run 001 to 047)")
    return Area(county.code, "county", county.code, county.name, county.name, (county.code,))


def region_area(code: str) -> Area:
    """The :class:`Area` of a region code ("coast"); ValueError for an unknown code."""
    region = next((r for r in reference.REGIONS if r.code == code), None)
    if region is None:
        raise ValueError(f"not a region code: {code!r}")
    codes = tuple(c.code for c in _all_counties() if c.region_code == code)
    return Area(f"{REGION_PREFIX}{code}", "region", code, region.name, region.name_sw, codes)


def kenya_area() -> Area:
    """Kenya: all 47 counties."""
    return Area(KENYA, "kenya", None, "Kenya", "Kenya", tuple(c.code for c in _all_counties()))


def area_for(token: str) -> Area | None:
    """The area a URL token names, or None when it names none."""
    token = str(token).strip()
    if token.upper() == KENYA:
        return kenya_area()
    if token[:2].upper() == REGION_PREFIX:
        try:
            return region_area(token[2:].lower())
        except ValueError:
            return None
    try:
        return county_area(token.zfill(3) if token.isdigit() else token)
    except ValueError:
        return None


def parse_areas(raw: str | None) -> tuple[Area, ...]:
    """The areas of a URL value such as "047,022,R:nairobi,KE": unknown tokens are
    dropped, repeats kept once, at most :data:`MAX_AREAS` in the order given."""
    out: list[Area] = []
    for token in (raw or "").split(","):
        area = area_for(token) if token.strip() else None
        if area is not None and area.token not in {a.token for a in out}:
            out.append(area)
    return tuple(out[:MAX_AREAS])


def areas_param(areas) -> str:
    """The URL value of a selection (the inverse of :func:`parse_areas`)."""
    return ",".join(a.token for a in areas)


def area_choices() -> list[Area]:
    """Every area a comparison can hold: Kenya, the 8 regions, the 47 counties by name."""
    return ([kenya_area()] + [region_area(r.code) for r in reference.REGIONS]
            + [county_area(c.code) for c in sorted(reference.counties(), key=lambda c: c.name)])


def region_counties(region: str) -> tuple[tuple[Area, ...], int]:
    """Quick pick "counties of my region": the region's counties (at most
    :data:`MAX_AREAS`, the most populous first when it has more) and how many it has."""
    counties = [c for c in reference.counties() if c.region_code == region]
    if not counties:
        raise ValueError(f"not a region code: {region!r}")
    biggest = sorted(counties, key=lambda c: -c.population_2019)[:MAX_AREAS]
    return tuple(county_area(c.code) for c in sorted(biggest, key=lambda c: c.code)), \
        len(counties)


def region_vs_kenya(region: str) -> tuple[Area, ...]:
    """Quick pick "my region vs Kenya"."""
    return (region_area(region), kenya_area())


def with_neighbours(code: str, neighbours: tuple[str, ...]) -> tuple[Area, ...]:
    """Quick pick "neighbours of a county": the county, then its neighbours (codes from
    ``geo.adjacency.county_neighbours``), at most :data:`MAX_AREAS` in all."""
    return tuple([county_area(code)] + [county_area(c) for c in neighbours])[:MAX_AREAS]


def ranking_region(areas, *, fallback: str) -> str:
    """The region whose counties the comparison ranks unless the user picks another: the
    region holding the most of the chosen counties and regions (the first of them on a
    tie), preferring a region of several counties, since ranking a region of one county
    (Nairobi) says nothing; ``fallback`` when only Kenya is chosen."""
    region_of = {c.code: c.region_code for c in reference.counties()}
    size = Counter(region_of.values())
    votes = Counter(a.code if a.kind == "region" else region_of[a.code]
                    for a in areas if a.kind != "kenya")
    if not votes:
        return fallback
    # most_common keeps first-seen order among equal counts.
    ranked = [r for r, _ in votes.most_common()]
    return next((r for r in ranked if size[r] > 1), ranked[0])


def _check(areas) -> tuple[Area, ...]:
    areas = tuple(areas)
    if not all(isinstance(a, Area) for a in areas):
        raise TypeError("areas must be Area objects (see parse_areas)")
    if len(areas) > MAX_AREAS:
        raise ValueError(f"a comparison holds at most {MAX_AREAS} areas, not {len(areas)}")
    return areas


def _head(area: Area) -> dict:
    return {"area": area.token, "kind": area.kind, "label": area.label("en"),
            "label_sw": area.label("sw")}


# --- crime -----------------------------------------------------------------------------


def crime_rates(areas, *, period: Period, audience: Audience, categories=(),
                engine=None) -> pd.DataFrame:
    """Monthly crime rate per 100,000 per area on one scale
    (:func:`data_access.figures.trends.areas_rate_series`): ``month, area, label,
    label_sw, count, population, rate_per_100k, counties_reporting, counties,
    count_display``; a month without data is NaN (a gap, never 0)."""
    areas = _check(areas)
    scope = Scope(period, audience, categories=tuple(categories))
    out = areas_rate_series(scope, [(a.token, a.label("en"), a.county_codes) for a in areas],
                            engine=engine)
    sw = {a.token: a.label("sw") for a in areas}
    out.insert(3, "label_sw", out["area"].map(sw))
    return out


def crime_overview(areas, *, period: Period, audience: Audience, categories=(),
                   engine=None) -> pd.DataFrame:
    """Per area: the crime summary every page shows for it
    (:func:`data_access.figures.crime.crime_summary` of the area's scope).

    Columns: ``area, kind, label, label_sw, total, total_display, rate_per_100k,
    current_compared_display, previous_display, pct_change, verdict, direction,
    counties, counties_complete, population, coverage_note, coverage_note_sw,
    comparison_note, comparison_note_sw``. A total, rate or change that rests on a count
    this audience may not see ("<5" or a range) is NaN.
    """
    rows = []
    for area in _check(areas):
        s = crime_summary(area.scope(period, audience, tuple(categories)), engine=engine)
        hidden = bool(uncertain(pd.Series([s.total_display])).iloc[0])
        rows.append({**_head(area), "total": np.nan if hidden else s.total,
                     "total_display": s.total_display,
                     "rate_per_100k": np.nan if hidden else s.rate_per_100k,
                     "current_compared_display": s.current_compared_display,
                     "previous_display": s.previous_display,
                     "pct_change": np.nan if s.change_hidden else s.pct_change,
                     "verdict": "too few to tell" if s.change_hidden else s.verdict,
                     "direction": "none" if s.change_hidden else s.direction,
                     "counties": s.counties, "counties_complete": s.counties_complete,
                     "population": s.population, "coverage_note": s.coverage("en"),
                     "coverage_note_sw": s.coverage("sw"),
                     "comparison_note": s.comparison("en"),
                     "comparison_note_sw": s.comparison("sw")})
    return pd.DataFrame(rows)


def category_changes(areas, *, period: Period, audience: Audience, categories=(), n: int = 6,
                     engine=None) -> pd.DataFrame:
    """The top crime categories with their change verdicts, per area
    (:func:`data_access.figures.trends.period_comparison` by category).

    The same ``n`` categories for every area, so the panels share their rows: those
    ranked highest in any area (best rank in any area, then the sum of ranks). Columns:
    ``area, kind, label, label_sw, key, category, category_sw, rank`` (in the area, 1 =
    most events), ``count, count_display, current_compared_display, previous_display,
    pct_change, verdict, direction, note``; public screens and sensitive categories as
    the figures layer returns them.
    """
    frames = []
    for area in _check(areas):
        out = period_comparison(area.scope(period, audience, tuple(categories)),
                                by="category", engine=engine)
        out = out.rename(columns={"label": "category", "label_sw": "category_sw"})
        frames.append(out.assign(rank=np.arange(1, len(out) + 1), **_head(area)))
    cols = ["area", "kind", "label", "label_sw", "key", "category", "category_sw", "rank",
            "count", "count_display", "current_compared_display", "previous_display",
            "pct_change", "verdict", "direction", "note"]
    if not frames:
        return pd.DataFrame(columns=cols)
    long = pd.concat(frames, ignore_index=True)
    ranks = long[long["count"].fillna(0) > 0].groupby("key")["rank"].agg(["min", "sum"])
    keep = list(ranks.sort_values(["min", "sum"], kind="stable").index[:n])
    long = long[long["key"].isin(keep)]
    order = {k: i for i, k in enumerate(keep)}
    area_order = {a.token: i for i, a in enumerate(areas)}
    long = long.sort_values(["area", "key"], key=lambda c: c.map(area_order)
                            if c.name == "area" else c.map(order), kind="stable")
    return long[cols].reset_index(drop=True)


def area_maps(areas, *, period: Period, audience: Audience, categories=(),
              engine=None) -> pd.DataFrame:
    """The counties of each area with their crime rate, for one map panel per area
    (:func:`data_access.figures.crime.county_crime` of the area's scope): ``area, label,
    label_sw, county_code, county, rate_per_100k, count, count_display, basis``."""
    frames = []
    for area in _check(areas):
        out = county_crime(area.scope(period, audience, tuple(categories)), engine=engine)
        out = out[["county_code", "county", "rate_per_100k", "count", "count_display",
                   "basis"]].assign(**_head(area))
        frames.append(out)
    cols = ["area", "kind", "label", "label_sw", "county_code", "county", "rate_per_100k",
            "count", "count_display", "basis"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


# --- concerns, forums and commitments -----------------------------------------------------


def _public_name(county_codes: tuple[str, ...]) -> tuple[str, str]:
    region = reference.region_holding(county_codes)
    if region is None:
        return "Kenya", "Kenya"
    r = next(r for r in reference.REGIONS if r.code == region)
    return f"{r.name} region", f"Eneo la {r.name_sw}"


def concern_totals(areas, *, start: dt.date, end: dt.date, themes=(), audience: Audience,
                   engine=None) -> pd.DataFrame:
    """Concerns raised per area (:func:`data_access.concerns.concerns_raised`) and the
    forums held there (:func:`data_access.forums.forum_totals`).

    Columns: ``area, kind, label, label_sw, concerns, concerns_at_least,
    concerns_display, forum_concerns_display, chief_concerns_display, forums,
    forums_display, forums_status, shown_area, shown_area_sw, own_figure``
    (``forums_status`` as :func:`~data_access.forums.forum_totals`: "no forum yet" is
    not 0). Internal: the area's
    concerns in the period and themes. Public: the figure of the area's region (Kenya's
    for Kenya), all themes, every concern to date — ``shown_area`` names it and
    ``own_figure`` is False where it is not the area's own (a county).
    """
    public = is_public(audience)
    rows = []
    for area in _check(areas):
        raised = concerns_raised(start=start, end=end, county_codes=area.filter_codes,
                                 themes=tuple(themes), audience=audience,
                                 engine=engine).iloc[0]
        forums = forum_totals(start=start, end=end, county_codes=area.filter_codes,
                              audience=audience, engine=engine).iloc[0]
        shown = _public_name(area.filter_codes) if public else \
            (area.label("en"), area.label("sw"))
        rows.append({**_head(area), "concerns": raised["concerns"],
                     "concerns_at_least": raised["concerns_at_least"],
                     "concerns_display": raised["concerns_display"],
                     "forum_concerns_display": raised["forum_concerns_display"],
                     "chief_concerns_display": raised["chief_concerns_display"],
                     "forums": int(forums["forums"]),
                     "forums_display": forums["forums_display"],
                     "forums_status": forums["status"],
                     "shown_area": shown[0], "shown_area_sw": shown[1],
                     "own_figure": not public or area.kind != "county"})
    return pd.DataFrame(rows)


def concern_themes(areas, *, start: dt.date, end: dt.date, themes=(), audience: Audience,
                   engine=None) -> pd.DataFrame:
    """Concerns raised by theme per area, with each theme's share of the area's concerns
    (:func:`data_access.county_profile.concerns_by_theme`), every theme listed.

    Columns: ``area, kind, label, label_sw, theme_code, theme, theme_sw, concerns,
    concerns_at_least, concerns_display, share``. An area where nothing was raised (no
    forum yet, no chief's concern) has counts of 0 and no share (NaN). Internal only:
    concerns are public by region, all themes (raises
    :class:`~data_access.privacy.NotForPublic`).
    """
    if is_public(audience):
        raise NotForPublic("concerns by theme are not shown on public screens: concerns "
                           "raised are public by region only, all themes, to date")
    frames = []
    for area in _check(areas):
        out = concerns_by_theme(start=start, end=end, county_codes=area.filter_codes,
                                themes=tuple(themes), audience=audience, engine=engine)
        frames.append(out.assign(**_head(area)))
    cols = ["area", "kind", "label", "label_sw", "theme_code", "theme", "theme_sw",
            "concerns", "concerns_at_least", "concerns_display", "share"]
    if not frames:
        return pd.DataFrame(columns=cols)
    long = pd.concat(frames, ignore_index=True)
    order = {t.code: i for i, t in enumerate(reference.THEMES)}
    area_order = {a.token: i for i, a in enumerate(areas)}
    long = long.sort_values(["area", "theme_code"], key=lambda c: c.map(area_order)
                            if c.name == "area" else c.map(order), kind="stable")
    return long[cols].reset_index(drop=True)


def commitment_figures(areas, *, as_of: dt.date, themes=(), audience: Audience,
                       engine=None) -> pd.DataFrame:
    """Commitments made, fulfilled and overdue and the resolution rate per area
    (:func:`data_access.commitments.commitment_totals`, status as of ``as_of``).

    Columns: ``area, kind, label, label_sw, made, verified, fulfilled, overdue,
    past_due_unverified, resolution_rate`` with ``made_display``, ``verified_display``,
    ``fulfilled_display``, ``overdue_display``, ``past_due_unverified_display``, and
    ``shown_area, shown_area_sw, own_figure``. Public: the area's region's (Kenya's)
    commitments, all themes, every one made to date with its status today, as on every
    public page; ``shown_area`` names it.
    """
    public = is_public(audience)
    rows = []
    for area in _check(areas):
        tot = commitment_totals(as_of=as_of, county_codes=area.filter_codes,
                                themes=tuple(themes), audience=audience,
                                engine=engine).iloc[0]
        shown = _public_name(area.filter_codes) if public else \
            (area.label("en"), area.label("sw"))
        row = {**_head(area)}
        for col in ("made", "verified", "fulfilled", "overdue", "past_due_unverified"):
            row[col] = tot[col]
            row[f"{col}_display"] = tot[f"{col}_display"]
        row.update(resolution_rate=tot["resolution_rate"], shown_area=shown[0],
                   shown_area_sw=shown[1], own_figure=not public or area.kind != "county")
        rows.append(row)
    return pd.DataFrame(rows)


# --- chiefs' reports ------------------------------------------------------------------------


def chief_figures(areas, *, start: dt.date, end: dt.date, audience: Audience,
                  engine=None) -> pd.DataFrame:
    """Chiefs' reporting per area over the months of [start, end]
    (:func:`data_access.chiefs.chiefs_period_summary`, ``by="area"``: the figures the
    county profile and Hotspots give a county).

    Columns: ``area, kind, label, label_sw, reports, reports_display, expected,
    on_schedule, compliance, compliance_status, rated, median, low_share,
    sentiment_status``. Compliance (0–1) is over the months that hold chiefs' data (a
    month with no report anywhere in Kenya is left out, never 0 %), NaN when no report
    was expected; the score is ordinal: its median and the share of low scores (1–2)
    over ``rated`` reports, never a mean. Public as the chiefs' functions give it."""
    rows = []
    for area in _check(areas):
        r = chiefs_period_summary(start=start, end=end, county_codes=area.filter_codes,
                                  by="area", audience=audience, engine=engine).iloc[0]
        rows.append({**_head(area), **{c: r[c] for c in _CHIEF_FIGURES}})
    return pd.DataFrame(rows, columns=["area", "kind", "label", "label_sw", *_CHIEF_FIGURES])


_CHIEF_FIGURES = ["reports", "reports_display", "expected", "on_schedule", "compliance",
                  "compliance_status", "rated", "median", "low_share", "sentiment_status"]


def chief_months(areas, *, start: dt.date, end: dt.date, audience: Audience,
                 engine=None) -> pd.DataFrame:
    """Chiefs' sentiment score and reporting compliance per area and month, from
    :func:`data_access.chiefs.chiefs_sentiment` and
    :func:`data_access.chiefs.chiefs_compliance` (``by="area"``).

    Columns: ``area, kind, label, label_sw, month, reports, reports_display, expected,
    compliance, compliance_status, median, low_share, sentiment_status``. The score is
    ordinal: its monthly median and the share of low scores (1–2), never a mean to two
    decimals. A month without reports has no median (NaN, never 0); a month with no
    report received anywhere yet, or no location expected, has no compliance.
    """
    frames = []
    for area in _check(areas):
        sent = chiefs_sentiment(start=start, end=end, county_codes=area.filter_codes,
                                by="area", audience=audience, engine=engine)
        comp = chiefs_compliance(start=start, end=end, county_codes=area.filter_codes,
                                 by="area", audience=audience, engine=engine)
        out = comp[["month", "reports", "reports_display", "expected", "compliance",
                    "status"]].rename(columns={"status": "compliance_status"})
        out = out.merge(sent[["month", "median", "low_share", "status"]].rename(
            columns={"status": "sentiment_status"}), on="month", how="left")
        frames.append(out.assign(**_head(area)))
    cols = ["area", "kind", "label", "label_sw", "month", "reports", "reports_display",
            "expected", "compliance", "compliance_status", "median", "low_share",
            "sentiment_status"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


# --- the counties of a region ranked, Kenya for reference ------------------------------------


def county_ranking(region: str, *, period: Period, audience: Audience, categories=(),
                   themes=(), engine=None) -> pd.DataFrame:
    """Every county of ``region`` with its crime rate, change, chiefs' compliance and
    sentiment and commitments' resolution rate, ranked by crime rate (1 = highest), then
    the region and Kenya as reference rows (``reference`` True, no rank).

    Columns: ``code, name, reference, rank, count_display, rate_per_100k, pct_change,
    verdict, basis, note, compliance, median, low_share, reports_display, made_display,
    resolution_rate`` (chiefs' figures: :func:`data_access.chiefs.chiefs_by_county` for a
    county, :func:`chief_figures` for the references; the sentiment score as its median
    and share of low scores, never a mean). A county without a rate for the whole
    period (partial, yearly figures only, no data) has no rank. Public: commitments are
    not shown per county (their cells are regional): the counties' commitment cells are
    empty, the region's and Kenya's are the public figures.
    """
    region_ = region_area(region)
    kenya = kenya_area()
    start, end = period.start, period.end
    scope = region_.scope(period, audience, tuple(categories))
    crime = county_crime(scope, engine=engine)
    chiefs = chiefs_by_county(start=start, end=end, county_codes=region_.county_codes,
                              audience=audience, engine=engine).set_index("county_code")
    out = crime[["county_code", "county", "count_display", "rate_per_100k", "pct_change",
                 "verdict", "basis", "note"]].rename(columns={"county_code": "code",
                                                              "county": "name"})
    for col in ("compliance", "median", "low_share", "reports_display"):
        out[col] = out["code"].map(chiefs[col])
    if is_public(audience):
        out["made_display"] = ""
        out["resolution_rate"] = np.nan
    else:
        cm = resolution_by(by="county", as_of=end, county_codes=region_.county_codes,
                           themes=tuple(themes), audience=audience,
                           engine=engine).set_index("code")
        out["made_display"] = out["code"].map(cm["made_display"])
        out["resolution_rate"] = out["code"].map(cm["resolution_rate"])
    out["reference"] = False
    out = out.sort_values(["rate_per_100k", "name"], ascending=[False, True],
                          na_position="last", kind="stable").reset_index(drop=True)
    ranked = out["rate_per_100k"].notna()
    out["rank"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out.loc[ranked, "rank"] = np.arange(1, int(ranked.sum()) + 1)
    refs = []
    for area in (region_, kenya):
        s = crime_overview([area], period=period, audience=audience, categories=categories,
                           engine=engine).iloc[0]
        c = chief_figures([area], start=start, end=end, audience=audience,
                          engine=engine).iloc[0]
        m = commitment_figures([area], as_of=end, themes=themes, audience=audience,
                               engine=engine).iloc[0]
        refs.append({"code": area.token, "name": area.label("en"), "reference": True,
                     "rank": pd.NA, "count_display": s["total_display"],
                     "rate_per_100k": s["rate_per_100k"], "pct_change": s["pct_change"],
                     "verdict": s["verdict"], "basis": "", "note": s["coverage_note"],
                     "compliance": c["compliance"], "median": c["median"],
                     "low_share": c["low_share"], "reports_display": c["reports_display"],
                     "made_display": m["made_display"],
                     "resolution_rate": m["resolution_rate"]})
    out = pd.concat([out, pd.DataFrame(refs)], ignore_index=True)
    out["rank"] = out["rank"].astype("Int64")
    return out[["code", "name", "reference", "rank", "count_display", "rate_per_100k",
                "pct_change", "verdict", "basis", "note", "compliance", "median",
                "low_share", "reports_display", "made_display", "resolution_rate"]]


# --- the whole comparison, one row per area (CSV and PDF) ----------------------------------


def comparison_summary(areas, *, period: Period, audience: Audience, categories=(), themes=(),
                       engine=None) -> pd.DataFrame:
    """One row per area with every headline figure of the comparison, as this audience
    may see it: crime (total, rate, change and verdict, coverage), concerns raised and
    forums held, commitments (made, fulfilled, overdue, resolution rate) and chiefs'
    reporting (reports, compliance, the sentiment score's median and share of low
    scores). Public: the concerns and commitments
    columns are the region's (``shown_area``) as in :func:`concern_totals`."""
    areas = _check(areas)
    crime = crime_overview(areas, period=period, audience=audience, categories=categories,
                           engine=engine).set_index("area")
    concerns = concern_totals(areas, start=period.start, end=period.end, themes=themes,
                              audience=audience, engine=engine).set_index("area")
    cm = commitment_figures(areas, as_of=period.end, themes=themes, audience=audience,
                            engine=engine).set_index("area")
    chiefs = chief_figures(areas, start=period.start, end=period.end, audience=audience,
                           engine=engine).set_index("area")
    rows = []
    for a in areas:
        k, c, m, h = crime.loc[a.token], concerns.loc[a.token], cm.loc[a.token], \
            chiefs.loc[a.token]
        rows.append({
            **_head(a), "crimes": k["total_display"], "rate_per_100k": k["rate_per_100k"],
            "pct_change": k["pct_change"], "verdict": k["verdict"],
            "previous": k["previous_display"], "coverage": k["coverage_note"],
            "concerns": c["concerns_display"], "forums": c["forums_display"],
            "forums_status": c["forums_status"],
            "concerns_area": c["shown_area"], "commitments_made": m["made_display"],
            "fulfilled": m["fulfilled_display"], "overdue": m["overdue_display"],
            "resolution_rate": m["resolution_rate"], "commitments_area": m["shown_area"],
            "chief_reports": h["reports_display"], "compliance": h["compliance"],
            "sentiment_median": h["median"], "sentiment_low_share": h["low_share"]})
    return pd.DataFrame(rows)
