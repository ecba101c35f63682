"""Reading an uploaded CSV or Excel file into a table of text cells, or refusing it whole.

Real spreadsheets arrive with title lines above the header ("NATIONAL POLICE SERVICE —
CRIME STATISTICS 2023"), blank lines, Windows encodings, semicolons instead of commas,
and sometimes are not spreadsheets at all. This module:

- refuses files that are empty, too large, binary, an old .xls, or damaged, with a
  sentence saying which and what to do (:class:`FileRefused`);
- finds the header row among the first rows (title lines above it are skipped) and
  refuses a file whose header is not the template's: missing, unknown or repeated
  columns are named;
- returns every data row as text cells with its spreadsheet row number, blank rows left
  out and counted. Nothing is evaluated: an Excel formula arrives as its text ("=1+1").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np
import pandas as pd

from data_access.imports.templates import Template

# How far down a file the header row may be (title lines, notes, blank lines above it).
HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", ";", "\t", "|")
# Header spellings people use for a template column, after header_key().
HEADER_ALIASES = {
    "county_name": "county",
    "crime_category": "category",
    "offence_category": "category",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
}
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old-format Office file (.xls or .doc)",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"MZ": "a program (.exe)",
}


class FileRefused(ValueError):
    """The whole file cannot be read as the template; ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class RawTable:
    """The data rows of a file as text, under the template's column names.

    ``frame`` holds one column per template column found in the header (stripped text,
    "" for an empty cell); ``row_numbers`` gives each row's number as a spreadsheet shows
    it (the header's row is ``header_row``). ``row_problems`` lists structural problems
    of single rows (position in ``frame``, message).
    """

    frame: pd.DataFrame
    row_numbers: np.ndarray
    header_row: int
    columns_found: list[str]
    blank_rows: int = 0
    sheet: str | None = None
    row_problems: list[tuple[int, str]] = field(default_factory=list)


def header_key(text: object) -> str:
    """A header cell as a column key: "Period Start" → "period_start", "County*" → "county"."""
    s = unicodedata.normalize("NFKC", str(text or "")).casefold()
    s = re.sub(r"\(.*?\)", " ", s).replace("*", " ").replace("'", "")
    key = re.sub(r"[^0-9a-z]+", "_", s).strip("_")
    return HEADER_ALIASES.get(key, key)


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / 1_000_000:,.1f} MB"


def _file_type(data: bytes, filename: str) -> str:
    """"csv" or "xlsx" from the name and the first bytes; FileRefused for anything else."""
    ext = PurePath(filename or "").suffix.lower()
    is_zip = data[:4] == b"PK\x03\x04"
    if ext == ".xls" or data[:4] == b"\xd0\xcf\x11\xe0":
        raise FileRefused(
            f"{filename} is an old-format Excel file (.xls). Open it in Excel or LibreOffice "
            "and save it as .xlsx or CSV, then import that file.")
    if ext in (".xlsx", ".xlsm"):
        if not is_zip:
            raise FileRefused(f"{filename} is named like an Excel file but is not one "
                              "(it is damaged or was renamed). Save it again as .xlsx or CSV.")
        return "xlsx"
    if is_zip:
        if ext in ("", ".csv", ".txt") and _zip_is_xlsx(data):
            return "xlsx"
        raise FileRefused(f"{filename} is a zip archive, not a CSV or Excel file.")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise FileRefused(f"{filename} is {what}, not a CSV or Excel file. Use the blank "
                              "template and save it as .xlsx or CSV.")
    if ext not in ("", ".csv", ".txt", ".tsv"):
        raise FileRefused(f"{filename}: unsupported file type {ext!r}. Import a .csv or .xlsx "
                          "file made from the blank template.")
    return "csv"


def _zip_is_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def _decode(data: bytes, filename: str) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    head = data[:65536]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > max(2, len(head) // 100):
        raise FileRefused(f"{filename} is a binary file, not a CSV (text) file. Use the blank "
                          "template and save it as .xlsx or CSV.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page; 1252 covers English and
        # Kiswahili text. Latin-1 never fails, so it is the last resort.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _cell_text(value: object) -> str:
    """An Excel cell as the text a person would type (formulas stay text, never run)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = getattr(value, "text", None)  # openpyxl ArrayFormula / DataTableFormula
    return str(text if isinstance(text, str) else value)


_FORMULA_QUOTED = r"^'[=+\-@]"


def _clean_column(values: pd.Series) -> pd.Series:
    """Strip spaces; an apostrophe that protected a formula-like text goes (Excel's own
    convention, and what our exports write), so an exported file imports unchanged."""
    raw = values.to_numpy(dtype=object)
    try:
        stripped = [x.strip() for x in raw]  # the usual case: every cell is text
    except AttributeError:
        stripped = [str(x).strip() if x is not None and x == x else "" for x in raw]
    text = pd.Series(stripped, index=values.index, dtype=object)
    maybe = np.flatnonzero([x[:1] == "'" for x in text])
    if len(maybe):
        sub = text.iloc[maybe]
        quoted = sub.str.contains(_FORMULA_QUOTED, regex=True).to_numpy(dtype=bool)
        text.iloc[maybe[quoted]] = sub[quoted].str.slice(1)
    return text


@dataclass
class _Header:
    index: int  # position of the header record
    keys: list[str]
    matched: int
    complete: bool


def _find_header(records: list[list[str]], tpl: Template) -> _Header | None:
    """The first record holding every required column, else the best partial one."""
    known = set(tpl.names)
    best: _Header | None = None
    for i, rec in enumerate(records[:HEADER_SEARCH_ROWS]):
        keys = [header_key(c) for c in rec]
        matched = len(known.intersection(keys))
        if not matched:
            continue
        complete = set(tpl.required) <= set(keys)
        head = _Header(i, keys, matched, complete)
        if complete:
            return head
        if best is None or matched > best.matched:
            best = head
    return best


def _header_problem(head: _Header | None, tpl: Template, where: str) -> str | None:
    """Why a header is not the template's (None when it is)."""
    expected = ", ".join(tpl.blank_names)
    if head is None or head.matched < min(2, len(tpl.required)):
        return (f"{where} does not look like the {tpl.kind} template: none of the first "
                f"{HEADER_SEARCH_ROWS} rows has its column names ({expected}). Download the "
                "blank template and copy your data into it.")
    row = head.index + 1
    named = [k for k in head.keys if k]
    missing = [c for c in tpl.required if c not in head.keys]
    if missing:
        return (f"{where}, header in row {row}: missing required column(s) "
                f"{', '.join(missing)}. The {tpl.kind} template has: {expected}.")
    unknown = [k for k in named if k not in tpl.names]
    if unknown:
        return (f"{where}, header in row {row}: unknown column(s) {', '.join(unknown)}. "
                f"The {tpl.kind} template has: {', '.join(tpl.names)}. Rename or remove "
                "them (to keep notes, use the template's text columns).")
    repeated = sorted({k for k in named if named.count(k) > 1})
    if repeated:
        return (f"{where}, header in row {row}: column(s) {', '.join(repeated)} appear more "
                "than once; keep one of each.")
    return None


def _table(cells: pd.DataFrame, head: _Header, sheet: str | None) -> RawTable:
    """Data rows (``cells``: positional text columns, the rows under the header, blank rows
    included) as a RawTable under the template's names; blank rows dropped and counted."""
    keys = head.keys
    width = len(keys)
    cleaned = {i: _clean_column(cells.iloc[:, i]) for i in range(cells.shape[1])}
    filled = pd.DataFrame(cleaned)
    blank = (filled == "").all(axis=1).to_numpy() if cells.shape[1] else \
        np.ones(len(cells), dtype=bool)
    keep = np.flatnonzero(~blank)
    numbers = keep + head.index + 2
    problems: list[tuple[int, str]] = []
    extra = [i for i in range(width, cells.shape[1])]
    if extra:
        beyond = (filled[extra] != "").any(axis=1).to_numpy()[keep]
        for pos in np.flatnonzero(beyond):
            problems.append((int(pos), "has values beyond the last column of the header "
                                       f"(the header has {width} columns)"))
    unnamed = [i for i, k in enumerate(keys) if not k and i < cells.shape[1]]
    if unnamed:
        stray = (filled[unnamed] != "").to_numpy()[keep]
        for pos in np.flatnonzero(stray.any(axis=1)):
            cols = [str(unnamed[j] + 1) for j in np.flatnonzero(stray[pos])]
            problems.append((int(pos), f"has values in column(s) {', '.join(cols)}, which have "
                                       "no name in the header row"))
    columns = {k: (filled[i].to_numpy(dtype=object)[keep] if i < cells.shape[1]
                   else np.full(len(keep), "", dtype=object))
               for i, k in enumerate(keys) if k}
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})
    return RawTable(frame=frame, row_numbers=numbers.astype(np.int64),
                    header_row=head.index + 1, columns_found=list(columns),
                    blank_rows=int(blank.sum()), sheet=sheet, row_problems=problems)


def _records_frame(records: list[list[str]]) -> pd.DataFrame:
    """Ragged records as a DataFrame of text (short rows padded with "")."""
    if not records:
        return pd.DataFrame()
    return pd.DataFrame(records, dtype=object).fillna("")


def _csv_head(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The first records and, for each, the character offset just after it."""
    handle = io.StringIO(text)
    reader = csv.reader(handle, delimiter=delimiter)
    records, ends = [], []
    for rec in reader:
        records.append(rec)
        ends.append(handle.tell())  # csv reads line by line, so this is the record's end
        if len(records) >= HEADER_SEARCH_ROWS:
            break
    return records, ends


def _csv_body(body: str, delimiter: str, width: int) -> pd.DataFrame:
    """The records after the header as text columns: pandas' C parser (fast), or the csv
    module when a row is wider than the header (pandas would drop its extra cells)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(body), sep=delimiter, header=None,
                                names=list(range(width)), dtype=object, na_filter=False,
                                skip_blank_lines=False, index_col=False, engine="c")
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        return _records_frame(list(csv.reader(io.StringIO(body), delimiter=delimiter)))
    return frame


def _read_csv(data: bytes, filename: str, tpl: Template) -> RawTable:
    text = _decode(data, filename)
    if not text.strip():
        raise FileRefused(f"{filename} is empty: it has no header and no rows.")
    # The delimiter is the one under which a header row appears (title lines above the
    # header would fool a plain sniffer).
    best: tuple[_Header, str, list[int]] | None = None
    for delim in DELIMITERS:
        try:
            records, ends = _csv_head(text, delim)
        except csv.Error:
            continue
        head = _find_header(records, tpl)
        if head and (best is None or (head.complete, head.matched) >
                     (best[0].complete, best[0].matched)):
            best = (head, delim, ends)
    problem = _header_problem(best[0] if best else None, tpl, filename)
    if problem:
        raise FileRefused(problem)
    head, delim, ends = best
    body = text[ends[head.index]:]
    try:
        cells = _csv_body(body, delim, len(head.keys)) if body.strip() else pd.DataFrame()
    except csv.Error as exc:
        raise FileRefused(f"{filename} is not a well-formed CSV file: {exc}.") from exc
    return _table(cells, head, None)


def _read_xlsx(data: bytes, filename: str, tpl: Template) -> RawTable:
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell arrives as its text and is never evaluated.
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise FileRefused(f"{filename} cannot be opened as an Excel workbook ({exc}). Save it "
                          "again as .xlsx or CSV.") from exc
    try:
        if not any(True for ws in wb.worksheets for _ in ws.iter_rows(max_row=1)):
            raise FileRefused(f"{filename} is empty: its sheets hold no cells.")
        best: tuple[_Header, object] | None = None
        for ws in wb.worksheets:
            top = [[_cell_text(v) for v in row]
                   for row in ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)]
            head = _find_header(top, tpl)
            if head and head.complete:
                best = (head, ws)
                break
            if head and (best is None or head.matched > best[0].matched):
                best = (head, ws)
        where = f"{filename} (sheet {best[1].title!r})" if best else filename
        problem = _header_problem(best[0] if best else None, tpl, where)
        if problem:
            raise FileRefused(problem)
        head, ws = best
        records = [[_cell_text(v) for v in row]
                   for row in ws.iter_rows(min_row=head.index + 2, values_only=True)]
        return _table(_records_frame(records), head, ws.title)
    finally:
        wb.close()


def read_table(data: bytes, filename: str, tpl: Template, *, max_bytes: int) -> RawTable:
    """Read ``data`` (the file's bytes) as the template ``tpl``; FileRefused when the file
    as a whole cannot be used (the message names the file and the reason)."""
    if len(data) > max_bytes:
        raise FileRefused(f"{filename} is {_mb(len(data))}; the largest file accepted is "
                          f"{_mb(max_bytes)} (setting JUKWAA_MAX_UPLOAD_MB). Split it into "
                          "smaller files.")
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise FileRefused(f"{filename} is empty (0 rows).")
    kind = _file_type(data, filename)
    table = (_read_xlsx if kind == "xlsx" else _read_csv)(data, filename, tpl)
    if table.frame.empty:
        raise FileRefused(f"{filename} has a header row (row {table.header_row}) but no data "
                          "rows below it.")
    return table
