"""Queries behind the county profile: concerns raised in a county by theme (at its forums
and in its chiefs' reports, ``data_access.concerns``), and the commitments made there with
their status (counts and the list with due dates).

Everything is safe for its audience at the source (the audience is required):

- public: counts are sums of protected cells (``privacy.protect_cells``): concerns by
  theme are not for public screens (concerns are public by region only,
  ``data_access.concerns``), commitments are the county's region's (region × status
  cells, all themes, to date: ``data_access.commitments.PUBLIC_CELL_KEYS``). A cell of 1–4 reads
  "<5" and counts as 2.5 in every total and share, so nothing shown gives one back; the
  list of commitments (titles, institutions, dates) is not for public screens
  (:class:`~data_access.privacy.NotForPublic`);
- internal: true counts; on the sensitive themes (GBV, violent extremism) counts of 1–4
  read "<5" (primary suppression only: internal users may add).

No concern summary, note or evidence is ever returned.

Its crime figures (:func:`county_crime_profile`) all come from :mod:`data_access.figures`,
so the profile shows the numbers every other page, export and briefing shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from data_access import reference
from data_access.commitments import commitments_as_of, resolution_by
from data_access.concerns import (
    PARTS,
    concern_cells,
    concern_counts,
    concerns_raised,
)
from data_access.figures.crime import CrimeSummary, county_crime, crime_summary
from data_access.figures.emerging import emerging_threats, examined_month
from data_access.figures.scope import Audience, Scope
from data_access.figures.trends import (
    area_rate_series,
    monthly_availability,
    period_comparison,
)
from data_access.privacy import NotForPublic, is_public, uncertain


def _check_codes(county_codes: tuple[str, ...], themes: tuple[str, ...]) -> None:
    known = {c.code for c in reference.counties()}
    bad = [c for c in county_codes if c not in known]
    if bad:
        raise ValueError(f"unknown county code(s) {', '.join(bad)}; codes run 001–047")
    bad = [t for t in themes if t not in reference.THEME_BY_CODE]
    if bad:
        raise ValueError(f"unknown concern theme(s) {', '.join(bad)}")


def concerns_by_theme(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                      themes: tuple[str, ...] = (), audience: Audience,
                      engine=None) -> pd.DataFrame:
    """Concerns raised by theme (:func:`data_access.concerns.concerns_raised`: at forums
    held in the period and in chiefs' reports for its months), every theme in scope
    listed, most raised first.

    Columns: ``theme_code, theme, theme_sw, sensitive, forum_concerns, chief_concerns,
    concerns, concerns_at_least, share`` with a ``_display`` and a ``_hidden`` column per
    count; ``share`` is of all concerns raised in scope.

    Internal screens only: the public audience raises
    :class:`~data_access.privacy.NotForPublic` (concerns are public by region, all themes,
    to date: :func:`data_access.concerns.concerns_raised`). True counts and shares; counts
    of 1–4 on sensitive themes read "<5" (their share is hidden with them) and a total
    beside a hidden part reads "≥ n".
    """
    county_codes, themes = tuple(county_codes), tuple(themes)
    _check_codes(county_codes, themes)
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    out = concerns_raised(engine=engine, start=start, end=end, county_codes=county_codes,
                          themes=themes, by="theme", audience=audience)
    # Shares and order from the true cells, hidden with a count that reads "<5".
    cells = concern_cells(concern_counts(engine=engine, start=start, end=end,
                                         county_codes=county_codes, themes=themes),
                          audience=audience)
    per_theme = cells.groupby("theme_code")[PARTS].sum().sum(axis=1)
    value = out["theme_code"].map(per_theme).fillna(0).astype("float64")
    total = float(value.sum())
    out["share"] = (value / total if total else value * float("nan")).astype("float64")
    out["share"] = out["share"].where(~uncertain(out["concerns_display"]))
    order = {t.code: i for i, t in enumerate(reference.THEMES)}
    out = out.assign(_n=value, _o=out["theme_code"].map(order)).sort_values(
        ["_n", "_o"], ascending=[False, True]).drop(columns=["_n", "_o"])
    return out.reset_index(drop=True)


_STATUS_COUNTS = {"made": "commitments", "overdue": "overdue",
                  "past_due_unverified": "past_due_unverified"}


def commitment_status_counts(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                             themes: tuple[str, ...] = (), audience: Audience,
                             engine=None) -> pd.DataFrame:
    """Commitments made up to ``as_of`` counted by their status on that date, for
    ``audience``.

    One row per status (all seven, in workflow order), columns: ``status, label,
    label_sw, commitments, overdue, past_due_unverified`` with their ``_display`` and
    ``_hidden`` columns. ``overdue`` is never set on the unverified row: unverified
    commitments past their due date are ``past_due_unverified``
    (``metrics.DEFINITIONS``). The counts are those of
    :func:`data_access.commitments.resolution_by` per status: internal, the county's,
    true counts, 1–4 reading "<5" when only sensitive themes are selected; public, the
    county's *region's*, all themes, every commitment to date with its status today, sums
    of the protected region × status cells (a cell of 1–4 reads "<5" and counts as 2.5),
    the same cells as every other public commitment figure. Their totals are
    :func:`data_access.commitments.commitment_totals` (the page adds nothing up).
    """
    county_codes, themes = tuple(county_codes), tuple(themes)
    _check_codes(county_codes, themes)
    out = resolution_by(engine=engine, by="status", as_of=as_of, county_codes=county_codes,
                        themes=themes, audience=audience).rename(
        columns={"code": "status", "name": "label", "name_sw": "label_sw"})
    columns = {f"{src}{end}": f"{dst}{end}" for src, dst in _STATUS_COUNTS.items()
               for end in ("", "_display", "_hidden")}
    return out[["status", "label", "label_sw", *columns]].rename(columns=columns)


def commitment_list(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                    themes: tuple[str, ...] = (), audience: Audience,
                    engine=None) -> pd.DataFrame:
    """The commitments made up to ``as_of``: overdue first (most overdue on top), then
    those past due but not yet verified (never overdue), then the open ones by due date,
    then the closed ones.

    Columns: ``commitment_id, title, institution, institution_short, theme, theme_sw,
    forum_edition, made_on, due_on, status, status_label, status_label_sw, overdue,
    days_overdue, past_due_unverified, days_past_due``. No concern summary, note or
    evidence is ever returned. A list of records: the public audience raises
    :class:`~data_access.privacy.NotForPublic`.
    """
    if is_public(audience):
        raise NotForPublic("the list of commitments is not shown on public screens")
    county_codes, themes = tuple(county_codes), tuple(themes)
    _check_codes(county_codes, themes)
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=county_codes,
                              themes=themes)
    out = frame.copy()
    out["status_label"] = out["status"].map(lambda v: reference.COMMITMENT_STATUSES[v][0])
    out["status_label_sw"] = out["status"].map(lambda v: reference.COMMITMENT_STATUSES[v][1])
    closed = out["status"].isin(list(reference.CLOSED_STATUSES))
    out["_group"] = [0 if o else 1 if u else 3 if c else 2
                     for o, u, c in zip(out["overdue"], out["past_due_unverified"], closed)]
    out = out.sort_values(["_group", "days_past_due", "due_on", "commitment_id"],
                          ascending=[True, False, True, True], na_position="last")
    cols = ["commitment_id", "title", "institution", "institution_short", "theme", "theme_sw",
            "forum_edition", "made_on", "due_on", "status", "status_label", "status_label_sw",
            "overdue", "days_overdue", "past_due_unverified", "days_past_due"]
    return out[cols].reset_index(drop=True)


# --- crime: every figure from data_access.figures -------------------------------------------


@dataclass(frozen=True)
class CountyCrime:
    """A county's crime figures for its profile, each taken as it is from
    :mod:`data_access.figures` (nothing is added up, subtracted or divided here)."""

    row: pd.Series  # the county's row of figures.crime.county_crime(scope)
    summary: CrimeSummary  # crime_summary(scope): what the figures cover and compare with
    region: CrimeSummary  # the county's region: same period, categories and audience
    kenya: CrimeSummary  # all 47 counties: same period, categories and audience
    categories: pd.DataFrame  # period_comparison(scope, by="category"), most events first
    rates: pd.DataFrame  # area_rate_series(scope): county, region and Kenya per month
    monthly: str  # monthly_availability(scope): "monthly", "yearly figures only", "no data"
    threats: pd.DataFrame  # emerging_threats(scope), most severe first
    examined: dt.date | None  # examined_month(scope): the month the threats are about


def county_crime_profile(scope: Scope, *, engine=None) -> CountyCrime:
    """The crime figures of the county profile for ``scope`` (its ``county`` must be set).

    The county's total, rate and change against the same months a year earlier are its
    row of :func:`~data_access.figures.crime.county_crime` (``basis`` says "monthly",
    "published yearly", "partial", "yearly figures only" or "no data"; a county with
    only yearly figures in a period of months has no count, never 0); the coverage and
    comparison notes come from :func:`~data_access.figures.crime.crime_summary`; the
    region and Kenya are the same figures over their counties; per category, the same
    change (:func:`~data_access.figures.trends.period_comparison`, which the Trends page
    shows). The monthly rates hold NaN for a month without data (a gap, never 0).
    """
    if not scope.county:
        raise ValueError("a county profile needs a county: set Scope.county")
    table = county_crime(scope, engine=engine)
    row = table.set_index("county_code").loc[scope.county]
    region = Scope(scope.period, scope.audience, region=row["region_code"],
                   categories=scope.categories)
    kenya = Scope(scope.period, scope.audience, categories=scope.categories)
    return CountyCrime(
        row=row,
        summary=crime_summary(scope, engine=engine),
        region=crime_summary(region, engine=engine),
        kenya=crime_summary(kenya, engine=engine),
        categories=period_comparison(scope, by="category", engine=engine),
        rates=area_rate_series(scope, engine=engine),
        monthly=monthly_availability(scope, engine=engine),
        threats=emerging_threats(scope, engine=engine),
        examined=examined_month(scope, engine=engine),
    )
