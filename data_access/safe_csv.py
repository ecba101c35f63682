"""Spreadsheet-safe output: cells that a spreadsheet would run as a formula are
neutralised (OWASP CSV injection guidance) before any CSV or Excel leaves the app, and
control characters are stripped (data_access.plain_text), so an older row holding a
vertical tab or a NUL never makes an export fail (openpyxl refuses them in a cell)."""

from __future__ import annotations

import io

import pandas as pd

from data_access.plain_text import strip_controls

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """A text cell without control characters, prefixed with an apostrophe when it starts
    like a formula; other cells unchanged.

    Controls go first, so a NUL in front of ``=`` cannot hide the formula."""
    if isinstance(value, str):
        value = strip_controls(value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell neutralised and stripped of control characters
    (column names are stripped too); numbers are left as numbers."""
    out = df.copy()
    out.columns = [strip_controls(c) if isinstance(c, str) else c for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM so Excel reads Kiswahili and en dashes right), formulas
    neutralised, control characters stripped."""
    return neutralise_formulas(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook (one sheet per entry, in order), formulas neutralised, control
    characters stripped (openpyxl raises IllegalCharacterError on them).

    Sheet names are cut to Excel's 31-character limit. Timezone-aware datetimes are
    written as naive local values, as Excel has no timezones.
    """
    if not sheets:
        raise ValueError("to_xlsx_bytes needs at least one sheet")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, df in sheets.items():
            out = neutralise_formulas(df)
            for col in out.columns:
                if isinstance(out[col].dtype, pd.DatetimeTZDtype):
                    out[col] = out[col].dt.tz_localize(None)
            out.to_excel(writer, sheet_name=str(name)[:31], index=False)
    return buffer.getvalue()
