"""Public-safe presentation: small-count suppression and free-text removal
(docs/METHODS.md, "Public audience").

Applied here, in the data layer, so that no page can forget it: a query called with
``public=True`` returns counts below the threshold as missing values plus a display
column reading "<5", and never returns names or free text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from config import get_settings

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


def drop_free_text(df: pd.DataFrame, *, public: bool) -> pd.DataFrame:
    """Remove free-text columns when the screen is public."""
    if not public:
        return df
    return df.drop(columns=[c for c in df.columns if c in FREE_TEXT_COLUMNS])
