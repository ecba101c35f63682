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

Hostile or broken files are refused whole, never half read, and cheaply: a NUL byte
anywhere (binary), a line over :data:`MAX_LINE_CHARS`, a row over :data:`MAX_COLUMNS`
cells, a cell over :data:`MAX_CELL_CHARS`, a quote that swallows the lines after it into
one cell, a workbook that unzips to more than :data:`MAX_UNZIPPED_BYTES`, packs
suspiciously tightly or holds more than :data:`MAX_WORKBOOK_CELLS` cells. Workbook
sizes stored in the file are never trusted, and hidden sheets are never imported.
Control characters in cells are removed and noted (a note, not a refusal: the rest of
the cell is kept, so nothing valid is lost).
"""

from __future__ import annotations

import codecs
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
from data_access.plain_text import has_controls, strip_controls

# How far down a file the header row may be (title lines, notes, blank lines above it).
HEADER_SEARCH_ROWS = 30
# Limits that keep a hostile file cheap to refuse. The widest template has 15 columns;
# a spreadsheet's stray empty columns stay far below 200.
MAX_COLUMNS = 200
# Excel's own limit for one cell; the template's text limits (at most 4,000) are checked
# per row later, with the row kept in the rejects file.
MAX_CELL_CHARS = 32_767
# A row of 15 cells of at most 32,767 characters fits; a file without line breaks not.
MAX_LINE_CHARS = 1_000_000
# Workbook parts are XML; what they unzip to is what openpyxl has to parse (and shared
# strings are held in memory whole). Checked on the zip's directory before opening.
MAX_UNZIPPED_BYTES = 200_000_000
# A real workbook packs 5-20 times; a zip bomb hundreds or thousands of times.
MAX_COMPRESSION_RATIO = 100
# openpyxl parses some 45,000 cells a second on an idle machine and half that on a busy
# one (measured: 600,000 cells in 13 s idle, 840,000 in 37 s under load), so a workbook is
# read within about half a minute or refused. Formatted empty cells count (they are parsed
# too). Cells are counted in the sheets' XML before parsing, so an oversized workbook is
# refused in seconds. Larger tables import as CSV, which reads a million rows in seconds.
MAX_WORKBOOK_CELLS = 500_000
# A cell element in worksheet XML: <c r="A1" ...>, <c/>, or with a namespace prefix.
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
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


# The csv module refuses fields over 131,072 characters by default, which turned a long
# cell into "does not look like the template". Lines are capped at MAX_LINE_CHARS before
# any parsing, so a field may be that long and is then refused by its own rule.
csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_CHARS + 1))

# Control bytes that text files do not hold (tab, line breaks, vertical tab and form feed
# do). A few others are stray characters, removed and noted per cell; many mean binary.
_NON_TEXT_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))
_BINARY_CONTROLS = 16  # more than this, and more than 1 byte in 100
# What plain_text.strip_controls changes, as bytes of an ASCII file (C0 but tab, line
# feed and carriage return; DEL).
_CONTROL_BYTES = bytes([*(b for b in range(32) if b not in (9, 10, 13)), 127])


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
    of single rows (position in ``frame``, message); ``notes`` what was changed while
    reading (control characters removed), one line per column.
    """

    frame: pd.DataFrame
    row_numbers: np.ndarray
    header_row: int
    columns_found: list[str]
    blank_rows: int = 0
    sheet: str | None = None
    row_problems: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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


def _line_of(data: bytes | str, offset: int) -> int:
    """The 1-based line number of ``offset`` in ``data``."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1


def _refuse_binary(filename: str, detail: str = "") -> FileRefused:
    return FileRefused(f"{filename} is a binary file, not a CSV (text) file{detail}. Use the "
                       "blank template and save it as .xlsx or CSV.")


def _check_text_bytes(data: bytes, filename: str) -> None:
    """Refuse binary data: a NUL byte anywhere (not only near the start: PostgreSQL
    refuses NUL in text, so a NUL late in the file failed the real import after a clean
    dry run), or many other control bytes."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _refuse_binary(filename, f": it holds a NUL byte at byte {nul:,} (line "
                                       f"{_line_of(data, nul):,})")
    head = data[:65536]
    limit = max(_BINARY_CONTROLS, len(head) // 100)
    if len(head) - len(head.translate(None, _NON_TEXT_BYTES)) > limit:
        raise _refuse_binary(filename)
    limit = max(_BINARY_CONTROLS, len(data) // 100)
    if len(data) - len(data.translate(None, _NON_TEXT_BYTES)) > limit:
        raise _refuse_binary(filename, " (more than 1 byte in 100 is a control code)")


def _cp1252_to_end_of_line(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: the bytes from the first one that is not UTF-8 to the end
    of its line are read as Windows-1252 (one pasted line keeps its UTF-8, the rest of a
    Windows file its accents; nothing becomes mojibake or is lost)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    raw = exc.object
    end = raw.find(b"\n", exc.start)
    end = len(raw) if end < 0 else end
    chunk = bytes(raw[exc.start:end])
    try:
        return chunk.decode("cp1252"), end
    except UnicodeDecodeError:
        # Five bytes have no Windows-1252 character; Latin-1 keeps them as code points.
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                       for b in chunk), end


_LINE_FALLBACK = "jukwaa-cp1252-to-end-of-line"
codecs.register_error(_LINE_FALLBACK, _cp1252_to_end_of_line)


def _decode(data: bytes, filename: str) -> str:
    """Text of a CSV file: UTF-16 with BOM, else UTF-8 (with or without BOM) where the
    bytes are UTF-8 and Windows-1252 for each line from its first byte that is not.

    Excel on Windows saves "CSV" in the ANSI code page (1252 covers English and
    Kiswahili); a line pasted from elsewhere in the same file may be UTF-8. Binary files
    are refused (:func:`_check_text_bytes`). Line endings become "\n" when the file uses
    old Mac carriage returns only.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            nul = text.find("\x00")
            if nul >= 0:
                raise _refuse_binary(filename, f": it holds a NUL character (line "
                                               f"{_line_of(text, nul):,})")
            return _normalise_newlines(text)
    _check_text_bytes(data, filename)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return _normalise_newlines(data.decode("utf-8", errors=_LINE_FALLBACK))


def _normalise_newlines(text: str) -> str:
    """Carriage-return-only line endings (old Mac files) as line feeds; CRLF is left to
    the parsers, which read it as one line break."""
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")
    return text


def _longest_line_bytes(data: bytes, chunk: int = 1 << 23) -> int:
    """Length in bytes of the longest line of ``data`` (numpy, in chunks of 8 MB, so a
    100 MB file takes a few hundredths of a second and little memory)."""
    longest, previous, size = 0, -1, len(data)
    for start in range(0, size, chunk):
        block = np.frombuffer(data, np.uint8, count=min(chunk, size - start), offset=start)
        breaks = np.flatnonzero(block == 10) + start
        if len(breaks):
            longest = max(longest, int(breaks[0]) - previous - 1)
            if len(breaks) > 1:
                longest = max(longest, int(np.diff(breaks).max()) - 1)
            previous = int(breaks[-1])
    return max(longest, size - previous - 1)


def _check_lines(text: str, filename: str, tpl: Template, data: bytes | None = None) -> int:
    """Refuse a line longer than MAX_LINE_CHARS before parsing it (a 50 MB line, or a
    row of a million cells, would take minutes and gigabytes to split into cells).
    ``data``, the file's bytes, allows a fast first look (a line has at least as many
    bytes as characters). Returns a bound on the longest line's length."""
    if len(text) <= MAX_LINE_CHARS:
        return len(text)
    if data is not None and b"\n" in data:
        longest = _longest_line_bytes(data)
        if longest <= MAX_LINE_CHARS:
            return longest
    # Anchored at line starts, so the scan is linear in the file's length.
    long_line = re.search(rf"(?m)^[^\n]{{{MAX_LINE_CHARS + 1}}}", text)
    if long_line is None:
        return MAX_LINE_CHARS
    start = long_line.start()
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = _line_of(text, start)
    cells, delim = max((text.count(d, start, end) + 1, d) for d in DELIMITERS)
    if cells > MAX_COLUMNS:
        raise FileRefused(_too_many_columns(filename, f"line {line:,}", cells, tpl,
                                            f" (separated by {delim!r})"))
    raise FileRefused(
        f"{filename}, line {line:,}: the line is {end - start:,} characters long without a "
        f"line break; the longest line accepted is {MAX_LINE_CHARS:,} characters. This is "
        "not a table of rows (or its line breaks were lost): save it again from the "
        "spreadsheet as CSV.")


def _too_many_columns(filename: str, where: str, cells: int, tpl: Template,
                      how: str = "") -> str:
    return (f"{filename}, {where}: {cells:,} cells{how}; at most {MAX_COLUMNS} columns are "
            f"read. The {tpl.kind} template has {len(tpl.names)} columns: check that this is "
            "the right file and delete the extra columns.")


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


def _column_label(keys: list[str], i: int) -> str:
    return keys[i] if i < len(keys) and keys[i] else f"{i + 1} (no name in the header)"


def _check_cell_sizes(filled: pd.DataFrame, head: _Header, where: str) -> None:
    """Refuse a cell longer than MAX_CELL_CHARS, naming its row and column."""
    for i in filled.columns:
        lengths = filled[i].str.len().to_numpy()
        if len(lengths) and lengths.max() > MAX_CELL_CHARS:
            pos = int(np.argmax(lengths > MAX_CELL_CHARS))
            raise FileRefused(
                f"{where}, row {pos + head.index + 2:,}, column {_column_label(head.keys, i)}: "
                f"the cell is {int(lengths[pos]):,} characters long; the longest cell "
                f"accepted is {MAX_CELL_CHARS:,} characters (Excel's limit). Shorten it, or "
                "check the file's quotes if text from other rows ran into it.")


# The characters plain_text.has_controls finds, as a pattern pandas can search a column with.
_CONTROL_CHARS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"


def _strip_control_cells(filled: pd.DataFrame, head: _Header, numbers: np.ndarray,
                         notes: list[str]) -> None:
    """Remove control characters from every cell (see plain_text.strip_controls), in
    place, and note each column where that happened with its rows.

    A note, not a refusal: a stray vertical tab or escape code is never meant as data,
    and the rest of the cell is kept, so nothing valid is lost. Stored text then has no
    controls, so exports and terminals cannot break on it later.
    """
    for i in filled.columns:
        col = filled[i]
        found = col.str.contains(_CONTROL_CHARS, regex=True).to_numpy(dtype=bool)
        if not found.any():
            continue
        positions = np.flatnonzero(found)
        before = col.iloc[positions]
        after = before.map(strip_controls)
        removed = int(before.str.len().sum() - after.str.len().sum())
        breaks = int(before.str.count(r"[\x0b\x0c]").sum())
        filled.iloc[positions, filled.columns.get_loc(i)] = after.to_numpy(dtype=object)
        rows = [int(numbers[p]) for p in positions]
        shown = ", ".join(f"{r:,}" for r in rows[:5])
        more = f" and {len(rows) - 5:,} more" if len(rows) > 5 else ""
        what = []
        if removed:
            what.append(f"removed {removed:,} control character{'s' if removed > 1 else ''}")
        if breaks:
            what.append(f"made {breaks:,} vertical tab{'s' if breaks > 1 else ''} or form "
                        f"feed{'s' if breaks > 1 else ''} a line break")
        notes.append(f"row{'s' if len(rows) > 1 else ''} {shown}{more}, "
                     f"{_column_label(head.keys, i)}: {' and '.join(what)}")


def _table(cells: pd.DataFrame, head: _Header, sheet: str | None, where: str,
           controls: bool = True, long_cells: bool = True) -> RawTable:
    """Data rows (``cells``: positional text columns, the rows under the header, blank rows
    included) as a RawTable under the template's names; blank rows dropped and counted.
    FileRefused (naming ``where``) for a cell over MAX_CELL_CHARS. ``controls=False``
    and ``long_cells=False`` say the caller knows no cell holds a control character or
    is over MAX_CELL_CHARS (the check is skipped)."""
    keys = head.keys
    width = len(keys)
    cleaned = {i: _clean_column(cells.iloc[:, i]) for i in range(cells.shape[1])}
    filled = pd.DataFrame(cleaned)
    if len(filled) and long_cells:
        _check_cell_sizes(filled, head, where)
    all_numbers = np.arange(len(filled)) + head.index + 2
    notes: list[str] = []
    if len(filled) and controls:
        _strip_control_cells(filled, head, all_numbers, notes)
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
                    blank_rows=int(blank.sum()), sheet=sheet, row_problems=problems,
                    notes=notes)


def _records_frame(records: list[list[str]]) -> pd.DataFrame:
    """Ragged records as a DataFrame of text (short rows padded with "")."""
    if not records:
        return pd.DataFrame()
    width = max(map(len, records))
    if any(len(r) < width for r in records):
        records = [r + [""] * (width - len(r)) if len(r) < width else r for r in records]
    return pd.DataFrame(records, dtype=object)


@dataclass
class _Head:
    """The first records of a CSV under one delimiter."""

    records: list[list[str]]
    ends: list[int]  # character offset just after each record
    too_wide: tuple[int, int] | None = None  # (line, cells) of a record over MAX_COLUMNS


def _csv_head(text: str, delimiter: str) -> _Head:
    """The first records and, for each, the character offset just after it; stops at a
    record wider than MAX_COLUMNS (noting its line)."""
    handle = io.StringIO(text)
    reader = csv.reader(handle, delimiter=delimiter)
    head = _Head([], [])
    line = 1
    try:
        for rec in reader:
            if len(rec) > MAX_COLUMNS:
                head.too_wide = (line, len(rec))
                break
            head.records.append(rec)
            head.ends.append(handle.tell())  # csv reads line by line: the record's end
            line = reader.line_num + 1
            if len(head.records) >= HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass  # a runaway quote below the header: the body's reader names its line
    return head


@dataclass
class _Body:
    """The records after the header, as positional text columns."""

    cells: pd.DataFrame
    open_at_end: bool = False  # the file ends inside a quoted cell


def _csv_body(body: str, delimiter: str, width: int, first_line: int, filename: str,
              tpl: Template) -> _Body:
    """The records after the header as text columns: pandas' C parser (fast), or the csv
    module when a row is wider than the header (pandas would drop its extra cells) or the
    file ends inside a quote. FileRefused for a row over MAX_COLUMNS cells."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(body), sep=delimiter, header=None,
                                names=list(range(width)), dtype=object, na_filter=False,
                                skip_blank_lines=False, index_col=False, engine="c")
        return _Body(frame)
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        pass
    handle = io.StringIO(body)
    reader = csv.reader(handle, delimiter=delimiter)
    records: list[list[str]] = []
    last_start = 0
    while True:
        start = handle.tell()
        start_line = first_line + reader.line_num
        try:
            rec = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise FileRefused(
                    f"{filename}, line {start_line:,}: a quote opened on this line runs on "
                    f"for more than {MAX_LINE_CHARS:,} characters (to line "
                    f"{first_line + reader.line_num - 1:,}), so the lines after it would be "
                    "read as one cell. A quote inside a cell must be written twice (\"\"); "
                    f"fix the quotes on line {start_line:,} and import again.") from exc
            raise FileRefused(f"{filename}, line {first_line + reader.line_num - 1:,}: not a "
                              f"well-formed CSV file ({exc}).") from exc
        if len(rec) > MAX_COLUMNS:
            line = first_line + reader.line_num - 1
            raise FileRefused(_too_many_columns(filename, f"line {line:,}", len(rec), tpl))
        records.append(rec)
        last_start = start
    open_at_end = False
    if records:
        try:
            for _ in csv.reader(io.StringIO(body[last_start:]), delimiter=delimiter,
                                strict=True):
                pass
        except csv.Error as exc:
            open_at_end = "end of data" in str(exc)
    return _Body(_records_frame(records), open_at_end)


def _check_quotes(body: _Body, head: _Header, delim: str, first_line: int,
                  filename: str) -> None:
    """Refuse a quote that swallowed the lines after it into one cell.

    A quoted cell may hold line breaks (Alt+Enter in Excel). It is refused when the file
    ends inside it, or when a line inside it holds as many delimiters as a row of the
    header has (it looks like a row of its own): then rows would be silently lost inside
    a text cell.
    """
    cells = body.cells
    if cells.empty:
        return
    row_like = max(2, sum(1 for k in head.keys if k) - 1)
    culprit: tuple[int, int, bool] | None = None  # (record position, column, at end)
    if body.open_at_end:
        last = len(cells) - 1
        filled = [i for i in range(cells.shape[1]) if cells.iat[last, i] != ""]
        culprit = (last, filled[-1] if filled else 0, True)
    for i in range(cells.shape[1]):
        col = cells.iloc[:, i]
        multi = col.str.contains("\n", regex=False, na=False).to_numpy(dtype=bool)
        if not multi.any():
            continue
        positions = np.flatnonzero(multi & (col.str.count(re.escape(delim)) >= row_like)
                                   .to_numpy(dtype=bool))
        for pos in positions:
            inner = col.iat[pos].split("\n")[1:]
            if any(part.count(delim) >= row_like for part in inner):
                if culprit is None or (pos, i) < culprit[:2]:
                    culprit = (int(pos), i, False)
                break
    if culprit is None:
        return
    pos, i, at_end = culprit
    # The line a record starts on: the lines of the records (and cells) before it.
    breaks = np.zeros(len(cells), dtype=np.int64)
    for j in range(cells.shape[1]):
        breaks += cells.iloc[:, j].str.count("\n").to_numpy(dtype=np.int64)
    line = first_line + pos + int(breaks[:pos].sum()) + sum(
        cells.iat[pos, j].count("\n") for j in range(i))
    text = cells.iat[pos, i]
    # At the end of the file the cell also holds the last line's own line break.
    swallowed = (text.rstrip("\n") if at_end else text).count("\n")
    column = _column_label(head.keys, i)
    fix = ("A quote inside a cell must be written twice (\"\"); fix the quotes on line "
           f"{line:,} and import again.")
    if at_end and swallowed == 0:
        raise FileRefused(f"{filename}, line {line:,}: a quote opened here (column {column}) "
                          f"is never closed: the file ends inside it. {fix}")
    lines = f"the next {swallowed:,} lines were" if swallowed > 1 else "the next line was"
    if at_end:
        raise FileRefused(f"{filename}, line {line:,}: a quote opened here (column {column}) "
                          f"is never closed, so {lines} read into one cell up to the end of "
                          f"the file. {fix}")
    raise FileRefused(f"{filename}, line {line:,}: a quote opened here (column {column}) is "
                      f"only closed on line {line + swallowed:,}, so {lines} read into one "
                      f"cell, and they look like rows of their own. {fix}")


def _read_csv(data: bytes, filename: str, tpl: Template) -> RawTable:
    text = _decode(data, filename)
    if not text.strip():
        raise FileRefused(f"{filename} is empty: it has no header and no rows.")
    # UTF-16 bytes are not lines of bytes; every other encoding here keeps b"\n".
    longest = _check_lines(text, filename, tpl,
                           None if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data)
    # The delimiter is the one under which a header row appears (title lines above the
    # header would fool a plain sniffer).
    best: tuple[_Header, str, list[int]] | None = None
    too_wide: tuple[int, int] | None = None
    for delim in DELIMITERS:
        try:
            found = _csv_head(text, delim)
        except csv.Error:
            continue
        head = _find_header(found.records, tpl)
        if found.too_wide and (head is None or not head.complete):
            too_wide = too_wide or found.too_wide
        if head and (best is None or (head.complete, head.matched) >
                     (best[0].complete, best[0].matched)):
            best = (head, delim, found.ends)
    if too_wide and (best is None or not best[0].complete):
        raise FileRefused(_too_many_columns(filename, f"line {too_wide[0]:,}", too_wide[1], tpl))
    problem = _header_problem(best[0] if best else None, tpl, filename)
    if problem:
        raise FileRefused(problem)
    head, delim, ends = best
    offset = ends[head.index]
    body = text[offset:]
    first_line = _line_of(text, offset)
    if not body.strip():
        return _table(pd.DataFrame(), head, None, filename)
    parsed = _csv_body(body, delim, len(head.keys), first_line, filename, tpl)
    # As many records as lines: no cell holds a line break (pandas keeps blank lines as
    # records), so the per-cell checks for swallowed lines and long cells can be skipped.
    one_line_each = len(parsed.cells) == body.count("\n") + (not body.endswith("\n"))
    del body
    if parsed.open_at_end or not one_line_each:
        _check_quotes(parsed, head, delim, first_line, filename)
    # One look at the file spares a scan of every cell of a clean one: an ASCII file
    # has a control character only if it has a control byte.
    if data.isascii():
        controls = len(data.translate(None, _CONTROL_BYTES)) != len(data)
    else:
        controls = has_controls(text)
    return _table(parsed.cells, head, None, filename, controls=controls,
                  long_cells=longest > MAX_CELL_CHARS or not one_line_each)


_HIDDEN = ("hidden", "veryHidden")


def _check_zip(data: bytes, filename: str) -> None:
    """Refuse a workbook whose parts unzip to more than MAX_UNZIPPED_BYTES, or pack more
    tightly than MAX_COMPRESSION_RATIO (a zip bomb), before openpyxl opens it. The sizes
    come from the zip directory; zipfile never inflates a part beyond its stated size."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        parts = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"{filename} cannot be opened as an Excel workbook ({exc}). Save "
                          "it again as .xlsx or CSV.") from exc
    total = sum(p.file_size for p in parts)
    if total > MAX_UNZIPPED_BYTES:
        raise FileRefused(
            f"{filename} unzips to {_mb(total)}; the largest workbook accepted unzips to "
            f"{_mb(MAX_UNZIPPED_BYTES)}. Save it as CSV (CSV UTF-8) and import that file, "
            "or split it into smaller workbooks.")
    for part in parts:
        if part.file_size > 1_000_000 and \
                part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1):
            raise FileRefused(
                f"{filename}: its part {part.filename} unzips to {_mb(part.file_size)} from "
                f"{_mb(part.compress_size)} (more than {MAX_COMPRESSION_RATIO} times), which "
                "no real workbook does; it is refused as a possible zip bomb. Save the data "
                "again as .xlsx or CSV.")
    with zf:
        _count_cells(zf, filename)


def _count_cells(zf: zipfile.ZipFile, filename: str) -> None:
    """Refuse a workbook whose worksheets hold more than MAX_WORKBOOK_CELLS cell elements,
    counted by streaming the sheets' XML (no parsing, a second or two for the largest
    workbook :func:`_check_zip` lets through)."""
    total = 0
    for part in zf.infolist():
        if not (part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")):
            continue
        tail = b""
        with zf.open(part) as stream:
            while chunk := stream.read(1 << 20):
                block = tail + chunk
                # Up to the block's last "<": a tag cut by the chunk's end starts there and
                # is counted with the next block; every tag before it is whole.
                cut = block.rfind(b"<")
                cut = len(block) if cut < 0 else cut
                total += len(_CELL_TAG.findall(block, 0, cut))
                tail = block[cut:]
            total += len(_CELL_TAG.findall(tail))
        if total > MAX_WORKBOOK_CELLS:
            raise FileRefused(
                f"{filename}: the workbook holds more than {MAX_WORKBOOK_CELLS:,} cells "
                "(formatted empty cells count too), more than can be read in reasonable "
                "time. Save it as CSV (CSV UTF-8) and import that file, or split it into "
                "smaller workbooks.")


def _xlsx_row(row: tuple, filename: str, sheet: str, number: int, tpl: Template
              ) -> list[str]:
    """A worksheet row as text cells, trailing empty cells dropped (formatted empty cells
    reach far right in real files); FileRefused over MAX_COLUMNS cells."""
    cells = [_cell_text(v) for v in row]
    while cells and cells[-1] == "":
        cells.pop()
    if len(cells) > MAX_COLUMNS:
        raise FileRefused(_too_many_columns(filename, f"sheet {sheet!r}, row {number:,}",
                                            len(cells), tpl))
    return cells


def _read_xlsx(data: bytes, filename: str, tpl: Template) -> RawTable:
    from openpyxl import load_workbook

    _check_zip(data, filename)
    try:
        # data_only=False: a formula cell arrives as its text and is never evaluated.
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise FileRefused(f"{filename} cannot be opened as an Excel workbook ({exc}). Save it "
                          "again as .xlsx or CSV.") from exc
    try:
        for ws in wb.worksheets:
            # The stored <dimension> may be stale (a generator that wrote 10 rows under
            # ref="A1:H2"): read every row that is there, not what the file claims.
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
        if not any(True for ws in wb.worksheets for _ in ws.iter_rows(max_row=1)):
            raise FileRefused(f"{filename} is empty: its sheets hold no cells.")
        best: tuple[_Header, object] | None = None
        hidden: tuple[_Header, object] | None = None
        wide: FileRefused | None = None  # a sheet with a row over MAX_COLUMNS
        for ws in wb.worksheets:
            try:
                top = [_xlsx_row(row, filename, ws.title, n, tpl) for n, row in
                       enumerate(ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True),
                                 start=1)]
            except FileRefused as exc:
                wide = wide or exc  # another sheet (a pivot, notes) may hold the table
                continue
            head = _find_header(top, tpl)
            if getattr(ws, "sheet_state", "visible") in _HIDDEN:
                if head and head.complete and hidden is None:
                    hidden = (head, ws)
                continue
            if head and head.complete:
                best = (head, ws)
                break
            if head and (best is None or head.matched > best[0].matched):
                best = (head, ws)
        if wide and (best is None or not best[0].complete):
            raise wide
        if hidden and (best is None or not best[0].complete):
            raise FileRefused(
                f"{filename}: the {tpl.kind} header is on sheet {hidden[1].title!r}, which is "
                "hidden; hidden sheets are not imported. Unhide the sheet (right-click a "
                "sheet tab, Unhide) or copy its rows to a visible sheet, then import again.")
        where = f"{filename} (sheet {best[1].title!r})" if best else filename
        problem = _header_problem(best[0] if best else None, tpl, where)
        if problem:
            raise FileRefused(problem)
        head, ws = best
        records = [_xlsx_row(row, filename, ws.title, n, tpl) for n, row in enumerate(
            ws.iter_rows(min_row=head.index + 2, values_only=True), start=head.index + 2)]
        return _table(_records_frame(records), head, ws.title, where)
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
