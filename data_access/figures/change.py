"""Is a change real? The one change test of the dashboard (docs/METHODS.md, "Change").

Two counts a (current, over tₐ days) and b (comparison, over t_b days), compared on the
variance-stabilising square-root scale and scaled by the series' own overdispersion φ:

    z = (√(a/tₐ) − √(b/t_b)) / √((1/tₐ + 1/t_b) / 4) / √φ

For equal lengths this is √2(√a − √b)/√φ, whose standard deviation is 1 under no change.
Verdicts need both a large z and a change big enough to matter (ACLED's low-baseline
rule: a small base makes large percentages out of nothing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from config import get_settings

VERDICTS = ("significant", "possible", "no clear change", "too few to tell",
            "no data to compare")
MIN_PAIRS_MONTHLY = 6
MIN_PAIRS_YEARLY = 3


def change_z(a, b, t_a, t_b, phi=1.0) -> np.ndarray:
    """z of the change from b (over t_b days) to a (over tₐ days), overdispersion φ."""
    a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    t_a, t_b = np.asarray(t_a, dtype="float64"), np.asarray(t_b, dtype="float64")
    phi = np.maximum(np.asarray(phi, dtype="float64"), 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt((1.0 / t_a + 1.0 / t_b) / 4.0)
        return (np.sqrt(a / t_a) - np.sqrt(b / t_b)) / se / np.sqrt(phi)


def change_frame(a, b, t_a, t_b, phi=1.0, *, settings=None) -> pd.DataFrame:
    """Change figures for aligned arrays of counts: ``pct_change, difference, z, verdict,
    direction``. The verdict is "no data to compare" where either side has no data (a
    missing side is never read as 0). ``pct_change`` compares rates per day;
    ``difference`` = a − b·tₐ/t_b (b scaled to the current length). ``direction`` is
    "up" or "down" only for a significant or possible change, so no arrow is ever drawn
    for noise.
    """
    st = settings or get_settings()
    a = np.atleast_1d(np.asarray(a, dtype="float64"))
    b = np.atleast_1d(np.asarray(b, dtype="float64"))
    t_a = np.broadcast_to(np.asarray(t_a, dtype="float64"), a.shape)
    t_b = np.broadcast_to(np.asarray(t_b, dtype="float64"), a.shape)
    phi = np.broadcast_to(np.asarray(phi, dtype="float64"), a.shape)
    known = ~np.isnan(a) & ~np.isnan(b) & (t_a > 0) & (t_b > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = b * t_a / t_b
        pct = np.where(known & (b > 0), (a / expected - 1.0) * 100.0, np.nan)
        diff = np.where(known, a - expected, np.nan)
        z = np.where(known, change_z(a, b, t_a, t_b, phi), np.nan)
    # From nothing to something is as large a change as there is (the % is undefined).
    big = (np.abs(pct) >= st.min_change_pct) | (known & (b == 0) & (a > 0))
    few = (a < st.min_events_for_change) & (b < st.min_events_for_change)
    verdict = np.select(
        [~known, few,
         (np.abs(z) >= st.z_significant) & big & (np.abs(diff) >= st.min_change_diff),
         (np.abs(z) >= st.z_possible) & big],
        ["no data to compare", "too few to tell", "significant", "possible"],
        default="no clear change")
    real = np.isin(verdict, ["significant", "possible"])
    direction = np.where(real & (diff > 0), "up", np.where(real & (diff < 0), "down", "none"))
    return pd.DataFrame({"pct_change": pct, "difference": diff, "z": z, "verdict": verdict,
                         "direction": direction})


def dispersion(current: np.ndarray, earlier: np.ndarray, *, min_pairs: int) -> np.ndarray:
    """Overdispersion φ (floor 1) of each row of a series, from pairs a year apart.

    ``current`` and ``earlier`` are (rows × pairs) arrays of counts a year apart (NaN
    where either side has no data). Under a Poisson count with no change,
    dₜ = √2(√yₜ − √yₜ₋₁₂) has variance 1; its sample variance around its own mean (so a
    steady trend does not count as noise) estimates φ. Rows with fewer than
    ``min_pairs`` pairs get NaN (the caller falls back).
    """
    cur = np.atleast_2d(np.asarray(current, dtype="float64"))
    old = np.atleast_2d(np.asarray(earlier, dtype="float64"))
    d = np.sqrt(2.0) * (np.sqrt(cur) - np.sqrt(old))
    n = np.sum(~np.isnan(d), axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nansum(d, axis=1) / n
        var = np.nansum((d - mean[:, None]) ** 2, axis=1) / (n - 1)
    return np.where(n >= min_pairs, np.maximum(var, 1.0), np.nan)
