"""Emerging threats: county × category pairs whose month is above what their own history
leads us to expect (issue 8 decisions, "Emerging threats").

This replaces the old rule of ``data_access/emerging.py`` — "z against the previous month
and against the 6-month mean" — which ignored seasonality (every December looked like a
surge against November), compared a month with one noisy neighbour, and assumed Poisson
noise, so overdispersed series raised false alarms. The rule here is the Farrington
approach (Farrington, Andrews, Beale & Catchpole 1996, "A statistical algorithm for the
early detection of outbreaks of infectious disease", J. R. Statist. Soc. A 159:547–563),
without the trend term and the reweighting of past outbreaks: a seasonal baseline from
the same time of year in earlier years, an overdispersion factor estimated from that
baseline, and an upper threshold on the 2/3-power scale, where counts are close to normal.

The detector is pure: it takes a frame of monthly counts and returns one row per county
× category, with no database access, so it can be tested on known inputs and reused by
every page, the export and the briefing.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from config import Settings, get_settings
from data_access import reference
from data_access.cache import cached_figure
from data_access.figures.coverage import latest_complete_month
from data_access.figures.crime import counties_frame, crime_long
from data_access.figures.scope import month_label
from data_access.privacy import audience_counts

KEYS = ["county_code", "category_code"]
INPUT_COLUMNS = [*KEYS, "month", "count"]
COLUMNS = [*KEYS, "month", "current", "baseline_mean", "baseline_months", "dispersion",
           "threshold", "rise_pct", "score", "flagged", "status"]

STATUS_EMERGING = "emerging"
STATUS_EXPECTED = "within expected range"
STATUS_BELOW_MINIMUM = "below the minimum"
STATUS_NO_HISTORY = "not enough history"

#: Fewest baseline months the rule accepts.
MIN_BASELINE_MONTHS = 3
#: Score of a month with a positive count against an all-zero baseline (μ = 0). The
#: transform's score has a zero denominator there and tends to +∞ as μ → 0, so such
#: months rank above every month with μ > 0; this finite stand-in plus the count ``y``
#: keeps them sortable (and JSON-safe) and orders them among themselves by ``y``.
ZERO_BASELINE_SCORE = 1e6


def _month_index(values: pd.Series) -> np.ndarray:
    """Months as integers (year × 12 + month − 1), so that month arithmetic is vectorised.
    Only the distinct values are parsed (a national frame repeats a few dozen months)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    m = pd.DatetimeIndex(pd.to_datetime(pd.Series(uniques), errors="raise"))
    return (m.year.to_numpy(np.int64) * 12 + m.month.to_numpy(np.int64) - 1)[codes]


def detect_emerging(monthly: pd.DataFrame, latest: dt.date, *,
                    settings: Settings | None = None) -> pd.DataFrame:
    """Every county × category with a count in ``latest``'s month, tested for a rise.

    ``monthly`` has columns ``county_code, category_code, month`` (first day of the
    month; any day of it is read as the month) and ``count`` (float). A NaN count — or a
    missing row — means the county-month has no data: it is left out, never read as 0.
    At most one row per county × category × month (else ``ValueError``).

    The rule (Farrington, Andrews, Beale & Catchpole 1996, J. R. Statist. Soc. A 159:
    547–563; settings from :class:`config.Settings`), for each county × category with a
    non-NaN count ``y`` in ``latest``'s month:

    - *baseline*: the non-NaN counts of the same calendar month and its two neighbours
      (±1 month) in each of the ``emerging_baseline_years`` (3) years before — at most 9
      months; ``n`` = how many there are. ``n < 3`` → status "not enough history", never
      flagged (dispersion, threshold and score are NaN).
    - ``μ`` = mean of the baseline; dispersion ``φ = max(1, Σ(yᵢ − μ)² / μ / (n − 1))``
      (``φ = 1`` when ``μ = 0``); variance of ``y − μ``: ``τ = φ·μ·(1 + 1/n)``.
    - upper threshold on the 2/3-power scale, ``z = emerging_z`` (3):
      ``U = μ·(1 + (2/3)·z·√τ / μ)^{3/2}``; ``U = 0`` when ``μ = 0``.
    - *flagged* ("emerging") when ``y > U`` and ``y ≥ (1 + emerging_min_rise_pct/100)·μ``
      (50 %) and ``y ≥ emerging_min_events`` (5).
    - *score* (severity, the sort key) = ``(y^{2/3} − μ^{2/3}) / ((2/3)·μ^{−1/3}·√τ)``,
      the z-value of ``y`` on the 2/3-power scale (``score > z`` ⇔ ``y > U``). When
      ``μ = 0`` the denominator is 0: the score is ``ZERO_BASELINE_SCORE + y`` (10⁶ + y)
      for ``y > 0`` — above every ``μ > 0`` score, ordered by ``y`` — and 0 for ``y = 0``.

    Status: "emerging" (flagged); "below the minimum" (``y > U`` but the rise or the
    count is under its floor); "within expected range" (``y ≤ U``); "not enough history".

    Returns columns ``county_code, category_code, month`` (``latest``'s first day),
    ``current`` (y), ``baseline_mean`` (μ, NaN when n = 0), ``baseline_months`` (n),
    ``dispersion`` (φ), ``threshold`` (U), ``rise_pct`` (100·(y/μ − 1); NaN when μ = 0 or
    n = 0), ``score``, ``flagged`` (bool) and ``status``; flagged rows first, then by
    score, highest first (NaN last), then by county and category code.
    """
    settings = settings or get_settings()
    z = float(settings.emerging_z)
    years = int(settings.emerging_baseline_years)
    if z <= 0:
        raise ValueError(f"emerging_z must be positive, got {z}")
    if years < 1:
        raise ValueError(f"emerging_baseline_years must be at least 1, got {years}")
    missing = [c for c in INPUT_COLUMNS if c not in monthly.columns]
    if missing:
        raise ValueError(f"monthly counts lack the column(s) {', '.join(missing)}")

    counts = pd.to_numeric(monthly["count"], errors="raise").to_numpy(dtype=float)
    has_data = ~np.isnan(counts)
    if (counts[has_data] < 0).any():
        raise ValueError("monthly counts must not be negative")
    target = latest.year * 12 + latest.month - 1
    lag = target - _month_index(monthly["month"])
    # baseline: lag = 12k + d with k = 1..years, d ∈ {−1, 0, +1}
    #           ⇔ lag + 1 = 12k + r with r ∈ {0, 1, 2}
    k, r = np.divmod(lag + 1, 12)
    in_base = (k >= 1) & (k <= years) & (r <= 2)
    keep = has_data & (in_base | (lag == 0))
    # Integer codes for county and category (sorted, so code order is name order): the
    # rest is plain numpy on one integer key per county × category.
    cty, cty_names = pd.factorize(monthly["county_code"][keep].to_numpy(), sort=True)
    cat, cat_names = pd.factorize(monthly["category_code"][keep].to_numpy(), sort=True)
    if (cty < 0).any() or (cat < 0).any():
        raise ValueError("a row with a count lacks its county_code or category_code")
    key = cty.astype(np.int64) * len(cat_names) + cat
    lag, y_all, in_base = lag[keep], counts[keep], in_base[keep]
    cell = np.sort(key * (12 * years + 2) + lag)  # 0 ≤ lag ≤ 12·years + 1
    same = cell[1:][cell[1:] == cell[:-1]]
    if same.size:
        c = same[0] // (12 * years + 2)
        raise ValueError("more than one count for a county × category × month, e.g. "
                         f"{cty_names[c // len(cat_names)]} × {cat_names[c % len(cat_names)]}")

    n_keys = len(cty_names) * len(cat_names)
    kb, yb = key[in_base], y_all[in_base]
    n_all = np.bincount(kb, minlength=n_keys)
    with np.errstate(divide="ignore", invalid="ignore"):
        mu_all = np.bincount(kb, weights=yb, minlength=n_keys) / n_all
    dev2_all = np.bincount(kb, weights=(yb - mu_all[kb]) ** 2, minlength=n_keys)

    now = lag == 0
    out_key, y = key[now], y_all[now]
    mu, n, dev2 = mu_all[out_key], n_all[out_key].astype(float), dev2_all[out_key]
    enough = n >= MIN_BASELINE_MONTHS
    pos = enough & (mu > 0)
    zero = enough & (mu == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(pos, np.maximum(1.0, dev2 / mu / (n - 1)),
                       np.where(zero, 1.0, np.nan))
        tau = phi * mu * (1 + 1 / n)
        sd23 = (2 / 3) * np.sqrt(tau) / np.cbrt(mu)  # sd of y^{2/3} (delta method)
        upper = np.where(pos, mu * (1 + (2 / 3) * z * np.sqrt(tau) / mu) ** 1.5,
                         np.where(zero, 0.0, np.nan))
        score = np.where(pos, (np.cbrt(y) ** 2 - np.cbrt(mu) ** 2) / sd23,
                         np.where(zero, np.where(y > 0, ZERO_BASELINE_SCORE + y, 0.0),
                                  np.nan))
        rise_pct = np.where(mu > 0, (y / mu - 1) * 100, np.nan)
    above = enough & (y > upper)
    floors = (y >= (1 + settings.emerging_min_rise_pct / 100) * mu) & \
        (y >= settings.emerging_min_events)
    flagged = above & floors

    status = np.select([~enough, flagged, above],
                       [STATUS_NO_HISTORY, STATUS_EMERGING, STATUS_BELOW_MINIMUM],
                       STATUS_EXPECTED)
    # flagged first, then score highest first (NaN last), then county and category code
    order = np.lexsort((out_key % len(cat_names), out_key // len(cat_names),
                        np.where(np.isnan(score), np.inf, -score), ~flagged))
    out = pd.DataFrame({
        "county_code": cty_names[out_key // len(cat_names)],
        "category_code": cat_names[out_key % len(cat_names)],
        "month": [dt.date(latest.year, latest.month, 1)] * len(out_key),
        "current": y,
        "baseline_mean": mu,
        "baseline_months": n.astype(np.int64),
        "dispersion": phi,
        "threshold": upper,
        "rise_pct": rise_pct,
        "score": score,
        "flagged": flagged.astype(bool),
        "status": status.astype(object),
    })
    return out.iloc[order].reset_index(drop=True)[COLUMNS]


# --- the scope's emerging threats (what pages, exports and the briefing show) -------------

SCOPE_COLUMNS = ["county_code", "county", "region_code", "category_code", "category",
                 "category_sw", "month", "current", "baseline_mean", "baseline_months",
                 "threshold", "rise_pct", "score", "flagged", "status", "reason",
                 "reason_sw", "current_display", "baseline_display"]


def examined_month(scope, *, engine=None) -> dt.date | None:
    """The month the scope's emerging threats are about: the last month of the period
    that is complete (a month to date never is; see coverage.latest_complete_month)."""
    last = latest_complete_month(engine=engine)
    months = [m for m in scope.period.months if last is not None and m <= last]
    return months[-1] if months else None


@cached_figure
def emerging_threats(scope, *, include_all: bool = False, engine=None) -> pd.DataFrame:
    """Emerging threats in scope for the examined month (:func:`examined_month`).

    Columns :data:`SCOPE_COLUMNS`: the detector's figures with names, a one-line reason
    in English and Kiswahili, and display strings. Only flagged pairs unless
    ``include_all``. In the public audience (always for sensitive categories) a count
    or baseline of 1–4 reads "<5" and the figures derived from it are left out.
    """
    month = examined_month(scope, engine=engine)
    if month is None:
        return pd.DataFrame(columns=SCOPE_COLUMNS)
    found = detect_emerging(crime_long(scope, engine), month)
    if not include_all:
        found = found[found["flagged"]]
    names = counties_frame()[["county_code", "county", "region_code"]]
    out = found.merge(names, on="county_code", how="left")
    cats = reference.CATEGORY_BY_CODE
    out["category"] = out["category_code"].map(lambda c: cats[c].name)
    out["category_sw"] = out["category_code"].map(lambda c: cats[c].name_sw)
    sensitive = out["category_code"].map(lambda c: cats[c].sensitive).astype(bool)
    hidden_with = ["threshold", "rise_pct", "score"]
    out = audience_counts(out, ["current", "baseline_mean"], public=scope.public,
                          sensitive=sensitive,
                          dependents={"current": hidden_with, "baseline_mean": hidden_with})
    out = out.rename(columns={"baseline_mean_display": "baseline_display"})
    out["baseline_display"] = [d if d.startswith("<") or v != v else _fmt_mean(v)
                               for d, v in zip(out["baseline_display"], out["baseline_mean"],
                                               strict=True)]
    years = sorted({month.year - k for k in range(1, get_settings().emerging_baseline_years + 1)})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    en, sw = month_label(month, "en"), month_label(month, "sw")
    out["reason"] = [f"{r.category} in {r.county}: {r.current_display} in {en} against a "
                     f"usual {r.baseline_display} for the time of year ({span})"
                     for r in out.itertuples()]
    out["reason_sw"] = [f"{r.category_sw} katika {r.county}: {r.current_display} mwezi {sw} "
                        f"dhidi ya kawaida ya {r.baseline_display} kwa wakati huu wa mwaka "
                        f"({span})" for r in out.itertuples()]
    return out[SCOPE_COLUMNS].reset_index(drop=True)


def _fmt_mean(v: float) -> str:
    return f"{v:,.0f}" if abs(v - round(v)) < 0.05 or v >= 10 else f"{v:,.1f}"
