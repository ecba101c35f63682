"""Public-safe presentation: small-count suppression and free-text removal
(docs/METHODS.md, "Public audience").

Applied here, in the data layer, so that no page can forget it.

Two rules protect a count of 1–4 on a public screen (UK Government Statistical Service,
"Disclosure control" guidance: primary and secondary suppression):

- **primary**: the cell itself reads "<5" (:func:`shown_text`);
- **secondary**: nothing else shown may give it back. Public figures are built from
  *protected cells* (:func:`protect_cells`): before anything is added, a hidden cell
  contributes the fixed value :func:`hidden_estimate` (2.5, the middle of 1–4) instead of
  its true count. Every total, share, rate, average, change and verdict shown in public is
  then a function of the shown counts and of *how many* cells are hidden, never of their
  values, so no arithmetic on a public screen can recover one. A figure that includes
  hidden cells reads "≈" and is rounded to 5.

Internal screens see true counts; small counts of sensitive categories and themes are
hidden there too (primary only: internal users may add).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from config import get_settings


class NotForPublic(ValueError):
    """A row-level list was asked for a public screen."""


# Columns that may hold names or free text; never sent to a public screen.
FREE_TEXT_COLUMNS = frozenset({
    "summary", "note", "notes", "evidence", "recorded_by",
})


def suppress_counts(df: pd.DataFrame, columns: list[str], *, public: bool,
                    sensitive: pd.Series | None = None,
                    dependents: dict[str, list[str]] | None = None,
                    threshold: int | None = None) -> pd.DataFrame:
    """Hide small counts: 1 … threshold−1 become NaN with a "<threshold" display label.

    Suppression applies to every row when ``public`` is true, and always to rows marked
    in ``sensitive`` (GBV, sexual offences, violent extremism). ``dependents`` lists
    columns derived from a count (a rate, a share) that must be hidden with it. Each
    count column gets a companion ``<column>_display`` string column for labels.
    """
    k = threshold if threshold is not None else get_settings().suppress_below
    out = df.copy()
    applies = pd.Series(public, index=out.index, dtype=bool)
    if sensitive is not None:
        applies = applies | sensitive.reindex(out.index).fillna(False).astype(bool)
    for col in columns:
        values = pd.to_numeric(out[col], errors="coerce")
        small = applies & values.between(1, k - 1)
        display = values.map(lambda v: "" if pd.isna(v) else f"{int(v):,}")
        out[f"{col}_display"] = display.where(~small, f"<{k}").astype(object)
        out[col] = values.where(~small, np.nan)
        for dep in (dependents or {}).get(col, []):
            if dep in out.columns:
                out[dep] = pd.to_numeric(out[dep], errors="coerce").where(~small, np.nan)
    return out


def is_public(audience) -> bool:
    """True for the public audience. Anything but an
    :class:`~data_access.figures.scope.Audience` is refused with a TypeError, so a
    ``public=True`` left over from before fails instead of passing as internal."""
    from data_access.figures.scope import Audience  # scope is a leaf; no import cycle

    if not isinstance(audience, Audience):
        raise TypeError(f"audience must be an Audience, not {audience!r}")
    return audience == Audience.PUBLIC


# Secondary protection is always on; the disclosure tests switch it off to show that
# their attacks do recover small counts without it.
SECONDARY = True


def hidden_estimate(threshold: int | None = None) -> float:
    """What a hidden cell (1 … threshold−1) contributes to public totals: the middle."""
    k = threshold if threshold is not None else get_settings().suppress_below
    return k / 2


def protect_cells(df: pd.DataFrame, columns: list[str], *,
                  applies: bool | pd.Series = True,
                  threshold: int | None = None) -> pd.DataFrame:
    """The public form of a table of *cells* (the finest counts any screen shows).

    Where ``applies`` (a bool or a per-row mask), each count of 1 … threshold−1 in
    ``columns`` is replaced by :func:`hidden_estimate` and flagged in ``<column>_hidden``
    (1 for a hidden cell, else 0). Sum the ``_hidden`` columns alongside the counts: a
    total's ``_hidden`` says how many hidden cells it holds, and :func:`shown_text`
    turns the pair into what a screen may show.
    """
    k = threshold if threshold is not None else get_settings().suppress_below
    out = df.copy()
    mask = applies if isinstance(applies, pd.Series) else \
        pd.Series(bool(applies), index=out.index)
    mask = mask.reindex(out.index).fillna(False).astype(bool)
    for col in columns:
        values = pd.to_numeric(out[col], errors="coerce").astype("float64")
        small = mask & values.between(1, k - 1)
        out[f"{col}_hidden"] = small.astype("int64")
        if SECONDARY:
            out[col] = values.where(~small, hidden_estimate(k))
        else:
            out[col] = values
    return out


def round_to(value: float, base: int) -> int:
    """``value`` rounded to the nearest multiple of ``base`` (at least ``base``)."""
    return max(base, int(base * np.floor(value / base + 0.5)))


def shown_text(value: float, hidden: float = 0, threshold: int | None = None) -> str:
    """How a count built from protected cells reads on a screen.

    "" for no data; "<5" when it is below the threshold (a hidden cell on its own);
    for one that holds hidden cells, what the shown cells and the number hidden allow:
    "2–8" when the hidden part is more than a tenth of it, else "≈1,235" (rounded to 5);
    else the exact count.
    """
    k = threshold if threshold is not None else get_settings().suppress_below
    if value is None or pd.isna(value):
        return ""
    if 0 < value < k:
        return f"<{k}"
    if SECONDARY and hidden and hidden > 0:
        shown = value - hidden * hidden_estimate(k)
        low, high = int(round(shown + hidden)), int(round(shown + hidden * (k - 1)))
        if (high - low) / 2 > value / 10:
            return f"{low:,}–{high:,}"
        return f"≈{round_to(value, k):,}"
    return f"{int(round(value)):,}"


def shown_texts(values: pd.Series, hidden: pd.Series | None = None,
                threshold: int | None = None) -> pd.Series:
    """:func:`shown_text` for a column (``hidden`` aligned to ``values``)."""
    if hidden is None:
        hidden = pd.Series(0, index=values.index)
    return pd.Series([shown_text(v, h, threshold) for v, h in
                      zip(values, hidden.reindex(values.index).fillna(0), strict=True)],
                     index=values.index, dtype=object)


def audience_counts(df: pd.DataFrame, columns: list[str], *, public: bool,
                    sensitive: pd.Series | None = None,
                    dependents: dict[str, list[str]] | None = None,
                    threshold: int | None = None) -> pd.DataFrame:
    """Counts as the audience sees them, each with a ``<column>_display`` text.

    Public: the counts were built from protected cells (:func:`protect_cells`; the
    ``<column>_hidden`` columns say how many hidden cells each holds): the display is
    :func:`shown_text`, and a count reading "<5" becomes NaN with its ``dependents`` (a
    rate, a change). Internal: true counts; rows in ``sensitive`` still hide 1–4
    (primary suppression, :func:`suppress_counts`).
    """
    if not public:
        return suppress_counts(df, columns, public=False, sensitive=sensitive,
                               dependents=dependents, threshold=threshold)
    out = df.copy()
    for col in columns:
        values = pd.to_numeric(out[col], errors="coerce").astype("float64")
        hidden = out.get(f"{col}_hidden")
        out[f"{col}_display"] = shown_texts(values, hidden, threshold)
        small = out[f"{col}_display"].str.startswith("<")
        out[col] = values.where(~small, np.nan)
        # A count known only as a range is too uncertain for a rate or a change on it.
        rough = uncertain(out[f"{col}_display"])
        for dep in (dependents or {}).get(col, []):
            if dep in out.columns:
                out[dep] = pd.to_numeric(out[dep], errors="coerce").where(~rough, np.nan)
    return out


def uncertain(displays: pd.Series) -> pd.Series:
    """True where a shown count is "<5" or a range ("3–12"): nothing is derived from it."""
    text = displays.fillna("").astype(str)
    return text.str.startswith("<") | text.str.contains("–", regex=False)


def is_small(value: float, threshold: int | None = None) -> bool:
    """True for a count of 1 … threshold−1 (one that reads "<5")."""
    k = threshold if threshold is not None else get_settings().suppress_below
    return value is not None and not pd.isna(value) and 0 < value < k


def drop_free_text(df: pd.DataFrame, *, public: bool) -> pd.DataFrame:
    """Remove free-text columns when the screen is public."""
    if not public:
        return df
    return df.drop(columns=[c for c in df.columns if c in FREE_TEXT_COLUMNS])
