"""Validation of every cell of an import, with a message naming the row and the column.

:func:`validate_table` reads the text cells of a :class:`~readers.RawTable` into typed
values (codes, dates, whole numbers, coordinates) and collects a :class:`Problem` for
every cell that breaks a rule, plus the checks across columns (a period that ends before
it starts, a point far outside its county, a duplicate row). It does not look at the
database; :mod:`data_access.imports.dbcheck` does that next.

Cells repeat a lot (a million incidents name 47 counties and a few hundred dates), so
each distinct text is read once and the answer spread over its rows: validating a
million rows takes seconds, not minutes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely

from data_access import reference
from data_access.county_names import match_county
from data_access.imports import vocab
from data_access.imports.readers import RawTable
from data_access.imports.templates import ATTENDANCE_COLUMNS, Template
from data_access.plain_text import for_terminal

BOUNDARIES_GEOJSON = reference.GEO_DATA_DIR / "kenya_counties_geoboundaries.geojson"
# A point may lie this far outside its county's boundary (GPS error, boundary
# simplification, incidents recorded at the nearest station across a county line).
COUNTY_TOLERANCE_KM = 25.0
KM_PER_DEGREE = 111.32
EARLIEST_YEAR = 1960
MAX_INT = 2_147_483_647  # INTEGER columns on PostgreSQL
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})
MONTHS["sept"] = 9
# Problems kept per import: the first ones by row are listed, the rest only counted (a
# file of 300,000 bad rows made 1.5 million problem objects, 1.8 GB in session state).
MAX_PROBLEMS = 1_000


@dataclass(frozen=True)
class Problem:
    """One reason a row (or the file, when ``row`` is None) cannot be imported."""

    row: int | None
    column: str | None
    value: str
    message: str
    suggestion: str = ""

    def text(self) -> str:
        """One line: "row 7, column county: 'Nairobbi West' is ... — Did you mean ...?".

        Safe to print: values from the file lose escape sequences and other controls
        (:func:`~data_access.plain_text.for_terminal`), and line breaks in them are shown
        as ``\\n``, so a cell can neither repaint the terminal nor fake a line of output.
        """
        where = ", ".join(p for p in (
            f"row {self.row}" if self.row is not None else "",
            f"column {self.column}" if self.column else "") if p)
        tail = f" — {self.suggestion}" if self.suggestion else ""
        line = f"{where}: {self.message}{tail}" if where else f"{self.message}{tail}"
        return for_terminal(line).replace("\r", "\\r").replace("\n", "\\n")


@dataclass
class Validation:
    """Typed values of every row (``clean``, positions as in the file) and the problems."""

    kind: str
    clean: pd.DataFrame
    row_numbers: np.ndarray
    problems: list[Problem] = field(default_factory=list)
    bad: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    notes: list[str] = field(default_factory=list)
    raw_frame: pd.DataFrame | None = None  # the cells as read, for the rejects file
    # Problems found but not kept in ``problems`` (only the first MAX_PROBLEMS by row are).
    more_problems: int = 0
    column_order: dict[str, int] = field(default_factory=dict)

    def _key(self, p: Problem) -> tuple[int, int]:
        return (p.row or 0, self.column_order.get(p.column, -1))

    def kept_problems(self) -> list[Problem]:
        """The first MAX_PROBLEMS problems by row and column order (the rest are counted
        in ``more_problems``); ``problems`` is sorted and trimmed to them."""
        self.problems.sort(key=self._key)
        if len(self.problems) > MAX_PROBLEMS:
            self.more_problems += len(self.problems) - MAX_PROBLEMS
            del self.problems[MAX_PROBLEMS:]
        return self.problems

    @property
    def problem_count(self) -> int:
        """Every problem found, kept or only counted."""
        return len(self.problems) + self.more_problems

    def flag(self, mask, column: str | None, message, *, value=None, suggestion="") -> None:
        """Record a problem for every row where ``mask`` is true.

        ``message``, ``value`` and ``suggestion`` are a string or a Series/array giving one
        per row (only the flagged rows are read). Every flagged row is marked bad, but at
        most MAX_PROBLEMS problems are kept (the first by row); the rest are counted.
        """
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        self.bad[positions] = True
        # Positions are in row order, so later ones of the same column can never be among
        # the first MAX_PROBLEMS: they are counted without building a Problem.
        self.more_problems += max(0, len(positions) - MAX_PROBLEMS)
        positions = positions[:MAX_PROBLEMS]

        def pick(obj, pos):
            if isinstance(obj, pd.Series):
                return obj.iloc[pos]
            if isinstance(obj, np.ndarray):
                return obj[pos]
            return obj

        for pos in positions:
            val = pick(value, pos)
            self.problems.append(Problem(
                row=int(self.row_numbers[pos]), column=column,
                value="" if val is None else str(val), message=str(pick(message, pos)),
                suggestion=str(pick(suggestion, pos) or "")))
        if len(self.problems) > 2 * MAX_PROBLEMS:  # bounded memory, trimmed now and then
            self.kept_problems()


# --------------------------------------------------------------------------- helpers


def _map_unique(series: pd.Series, fn: Callable[[str], tuple], n_out: int) -> list[pd.Series]:
    """Apply ``fn`` once per distinct value; returns ``n_out`` Series aligned to ``series``."""
    # Missing values (None) are a value of their own here, never a -1 index.
    codes, uniques = pd.factorize(series.astype(object), sort=False, use_na_sentinel=False)
    results = [fn(u) for u in uniques]
    outs = []
    for k in range(n_out):
        arr = np.empty(len(results), dtype=object)
        arr[:] = [r[k] for r in results]
        outs.append(pd.Series(arr[codes] if len(arr) else np.empty(0, dtype=object),
                              index=series.index, dtype=object))
    return outs


def _at(mask: np.ndarray, values: pd.Series, fn: Callable[[object], str]) -> np.ndarray:
    """``fn(value)`` for the rows in ``mask`` only ("" elsewhere): messages are built for
    the few bad cells, not for a million good ones."""
    out = np.full(len(values), "", dtype=object)
    positions = np.flatnonzero(mask)
    if len(positions):
        picked = values.to_numpy(dtype=object)[positions]
        out[positions] = [fn(x) for x in picked]
    return out


def _month_starts(dates: pd.Series) -> pd.Series:
    """The first day of each date's month (None stays None), once per distinct date."""
    return _map_unique(dates, lambda d: (d.replace(day=1) if isinstance(d, dt.date) else None,),
                       1)[0]


def _rows_text(rows: list[int], limit: int = 5) -> str:
    """"row 4" or "rows 4, 9, 12 and 3 more"."""
    shown = ", ".join(str(r) for r in rows[:limit])
    more = f" and {len(rows) - limit:,} more" if len(rows) > limit else ""
    return f"row{'s' if len(rows) > 1 else ''} {shown}{more}"


def _empty(series: pd.Series) -> np.ndarray:
    return (series == "").to_numpy()


# ----------------------------------------------------------------------------- dates

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_D_MON_Y = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([A-Za-z]{3,9})\.?[\s\-/,]+(\d{4})")
_MON_D_Y = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_HOW = "Write YYYY-MM-DD (e.g. 2024-03-31) or DD/MM/YYYY (31/03/2024)"


def _us_dates(series: pd.Series) -> str | None:
    """A cell of the column that is clearly month/day/year ("12/31/2024"), if any."""
    for text in pd.unique(series.astype(object)):
        m = _DMY.fullmatch(text) if isinstance(text, str) else None
        if m and int(m.group(1)) <= 12 < int(m.group(2)) <= 31:
            return text
    return None


def _make_date(y: int, m: int, d: int, text: str) -> tuple[dt.date | None, str, str]:
    try:
        return dt.date(y, m, d), "", ""
    except ValueError:
        return None, f"'{text}' is not a real date", _HOW


def parse_date(text: str, *, us_example: str | None = None) -> tuple[dt.date | None, str, str]:
    """(date, problem, suggestion) for one cell; day/month/year unless written as ISO."""
    if not text:
        return None, "", ""
    m = _ISO.fullmatch(text)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    m = _DMY.fullmatch(text)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), m.group(3)
        if len(y) == 2:
            return None, f"'{text}' has a two-digit year, which is ambiguous", \
                "Write the year in full, e.g. " + f"{d:02d}/{mo:02d}/20{y}"
        if us_example and d != mo and d <= 12 and mo <= 12:
            return None, (f"'{text}' is ambiguous: this column also has '{us_example}', which "
                          "is month/day/year, so day and month cannot be told apart"), \
                "Write every date as YYYY-MM-DD"
        if mo > 12 and d <= 12:
            return None, (f"'{text}' is not a valid day/month/year date (there is no month "
                          f"{mo})"), f"Dates are read as DD/MM/YYYY; did you mean {mo:02d}/" \
                                     f"{d:02d}/{y}?"
        return _make_date(int(y), mo, d, text)
    for pattern, order in ((_D_MON_Y, "dmy"), (_MON_D_Y, "mdy")):
        m = pattern.fullmatch(text)
        if m:
            a, b, y = m.groups()
            day, mon = (a, b) if order == "dmy" else (b, a)
            month = MONTHS.get(mon.lower())
            if month:
                return _make_date(int(y), month, int(day), text)
    return None, f"'{text}' is not a date", _HOW


def _check_date_range(value: dt.date | None, text: str, today: dt.date,
                      allow_future: bool) -> tuple[str, str]:
    if value is None:
        return "", ""
    if value.year < EARLIEST_YEAR:
        return f"'{text}' is before {EARLIEST_YEAR}", "Check the year"
    if not allow_future and value > today:
        return (f"'{text}' ({value:%d %b %Y}) is in the future (today is {today:%d %b %Y})",
                "Check the date; only things that have happened can be imported")
    return "", ""


_TIME_OF_DAY = re.compile(r"[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")


def time_of_day(text: str) -> str:
    """The time a date cell also gives ("14:30" for "2024-03-05 14:30:00"), "" when it
    gives none or midnight (a date typed into a date-time cell)."""
    m = _TIME_OF_DAY.search(text) if isinstance(text, str) else None
    if not m or not any(int(g or 0) for g in m.groups()):
        return ""
    return f"{int(m.group(1)):02d}:{m.group(2)}" + (f":{m.group(3)}" if m.group(3) and
                                                    int(m.group(3)) else "")


def read_dates(v: Validation, series: pd.Series, column: str, *, today: dt.date,
               required: bool = True, allow_future: bool = False) -> pd.Series:
    """Dates of a column (None where empty or invalid); flags each bad cell.

    The templates record dates only: a time of day in a cell ("2024-03-05 14:30") is
    dropped, never silently: a note names the rows.
    """
    us = _us_dates(series)

    def one(text: str):
        value, problem, hint = parse_date(text, us_example=us)
        if not problem:
            problem, hint = _check_date_range(value, text, today, allow_future)
            if problem:
                value = None
        return value, problem, hint, time_of_day(text) if value is not None else ""

    dates, problems, hints, times = _map_unique(series, one, 4)
    bad = (problems != "").to_numpy()
    v.flag(bad, column, problems, value=series, suggestion=hints)
    timed = np.flatnonzero((times != "").to_numpy())
    if len(timed):
        rows = [int(v.row_numbers[i]) for i in timed[:6]]
        shown = ", ".join(f"{r:,}" for r in rows[:5])
        more = f" and {len(timed) - 5:,} more" if len(timed) > 5 else ""
        example = times.iat[timed[0]]
        what = (f"time of day {example} dropped" if len(timed) == 1 else
                f"times of day dropped (e.g. {example} in row {rows[0]:,})")
        v.notes.append(f"row{'s' if len(timed) > 1 else ''} {shown}{more}, {column}: {what}: "
                       "the template records dates only")
    if required:
        v.flag(_empty(series), column, f"{column} is required", suggestion=_HOW)
    return dates.where(~bad, None)


_MONTH_ONLY = (re.compile(r"(\d{4})[-/.](\d{1,2})"), re.compile(r"(\d{1,2})[-/.](\d{4})"),
               re.compile(r"([A-Za-z]{3,9})\.?[\s\-]+(\d{4})"))


def parse_month(text: str) -> tuple[dt.date | None, str, str]:
    """First day of the month a cell names ("2024-03", "03/2024", "Mar 2024" or a date)."""
    if not text:
        return None, "", ""
    for i, pattern in enumerate(_MONTH_ONLY):
        m = pattern.fullmatch(text)
        if not m:
            continue
        if i == 0:
            y, mo = int(m.group(1)), int(m.group(2))
        elif i == 1:
            mo, y = int(m.group(1)), int(m.group(2))
        else:
            mo, y = MONTHS.get(m.group(1).lower(), 0), int(m.group(2))
        if 1 <= mo <= 12:
            return dt.date(y, mo, 1), "", ""
        return None, f"'{text}' is not a month", "Write YYYY-MM, e.g. 2024-03"
    value, problem, hint = parse_date(text)
    if value is not None:
        return value.replace(day=1), "", ""
    return None, f"'{text}' is not a month", "Write YYYY-MM, e.g. 2024-03"


def read_months(v: Validation, series: pd.Series, column: str, *, today: dt.date) -> pd.Series:
    """First days of months (None where empty/invalid); a month not yet begun is refused."""
    def one(text: str):
        value, problem, hint = parse_month(text)
        if value is not None and value > today:
            return None, f"'{text}' is a month that has not begun yet", "Check the month"
        if value is not None and value.year < EARLIEST_YEAR:
            return None, f"'{text}' is before {EARLIEST_YEAR}", "Check the year"
        return value, problem, hint

    months, problems, hints = _map_unique(series, one, 3)
    v.flag((problems != "").to_numpy(), column, problems, value=series, suggestion=hints)
    v.flag(_empty(series), column, f"{column} is required", suggestion="Write YYYY-MM")
    return months


# ---------------------------------------------------------------------------- numbers

_WHOLE = re.compile(r"\d+(?:\.0*)?")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.0*)?")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def parse_count(text: str) -> tuple[int | None, str, str]:
    """A non-negative whole number ("12", "12.0", "1,234"); problem text otherwise."""
    if not text:
        return None, "", ""
    if _WHOLE.fullmatch(text) or _THOUSANDS.fullmatch(text):
        value = int(text.replace(",", "").split(".")[0])
        if value > MAX_INT:
            return None, f"'{text}' is too large", "Check the number"
        return value, "", ""
    if _NUMBER.fullmatch(text.replace(",", "")):
        number = float(text.replace(",", ""))
        if number < 0:
            return None, f"'{text}' is negative; counts are 0 or more", "Check the sign"
        return None, f"'{text}' is not a whole number", "Counts are whole numbers, e.g. 12"
    return None, f"'{text}' is not a number", "Write the count in digits, e.g. 12"


def read_counts(v: Validation, series: pd.Series, column: str, *, required: bool,
                low: int = 0, high: int | None = None) -> pd.Series:
    """Whole numbers of a column (None where empty/invalid); flags each bad cell."""
    def one(text: str):
        value, problem, hint = parse_count(text)
        if value is not None and (value < low or (high is not None and value > high)):
            span = f"{low} to {high}" if high is not None else f"{low} or more"
            return None, f"'{text}' is out of range ({span})", f"Give a value from {span}"
        return value, problem, hint

    values, problems, hints = _map_unique(series, one, 3)
    v.flag((problems != "").to_numpy(), column, problems, value=series, suggestion=hints)
    if required:
        v.flag(_empty(series), column, f"{column} is required")
    return values


def read_floats(v: Validation, series: pd.Series, column: str) -> pd.Series:
    """Decimal numbers (NaN where empty); flags text that is not a number."""
    text = series.astype(object).where(series != "", None)
    numbers = pd.to_numeric(text, errors="coerce").astype("float64")
    bad = numbers.isna().to_numpy() & ~_empty(series)
    v.flag(bad, column, _at(bad, series, lambda t: f"'{t}' is not a number"), value=series,
           suggestion="Write decimal degrees with a point, e.g. -1.2921")
    return numbers.where(~bad)


# ------------------------------------------------------------------------ vocabularies


def read_vocab(v: Validation, series: pd.Series, column: str, vocabulary: vocab.Vocabulary,
               *, required: bool) -> pd.Series:
    """Codes of a vocabulary column (None where empty/unknown); flags unknown values."""
    def one(text: str):
        reading = vocabulary.read(text)
        return reading.code, reading.message, reading.suggestion

    codes, problems, hints = _map_unique(series, one, 3)
    v.flag((problems != "").to_numpy(), column, problems, value=series, suggestion=hints)
    if required:
        v.flag(_empty(series), column, f"{column} is required",
               suggestion=f"One of: {vocabulary.all_labels()}")
    return codes


def read_text(v: Validation, series: pd.Series, column: str, *, required: bool,
              max_len: int | None) -> pd.Series:
    """Text as given (never evaluated: "=SUM(A1)" stays those characters); None if empty."""
    if required:
        v.flag(_empty(series), column, f"{column} is required")
    if max_len:
        lengths = series.str.len()
        too_long = (lengths > max_len).to_numpy()
        v.flag(too_long, column,
               _at(too_long, lengths, lambda n: f"is {n:,} characters long; at most "
                                                f"{max_len:,}"),
               value=series.str.slice(0, 40), suggestion="Shorten it")
    return series.astype(object).where(series != "", None)


def read_counties(v: Validation, frame: pd.DataFrame) -> pd.Series:
    """County codes from ``county`` (and ``county_code`` when present); fuzzy readings
    are accepted and noted; anything uncertain is refused with suggestions."""
    series = frame["county"]

    def one(text: str):
        if not text:
            return None, "", "", ""
        m = match_county(text)
        if m.ok:
            return m.code, "", "", m.message if m.kind == "fuzzy" else ""
        hint = f"Did you mean: {' / '.join(m.suggestions)}?" if m.suggestions else ""
        return None, m.message, hint, ""

    codes, problems, hints, fuzzy = _map_unique(series, one, 4)
    v.flag((problems != "").to_numpy(), "county", problems, value=series, suggestion=hints)
    v.flag(_empty(series), "county", "county is required")
    readings = fuzzy[fuzzy != ""]
    for message, idx in readings.groupby(readings, sort=False).groups.items():
        rows = [int(v.row_numbers[i]) for i in idx]
        v.notes.append(f"{message} — {_rows_text(rows)}")
    if "county_code" in frame:
        given = frame["county_code"]
        norm = given.map(lambda t: t.zfill(3) if t.isdigit() and len(t) <= 3 else t)
        names = {c.code: c.name for c in reference.counties()}
        unknown = (given != "") & ~norm.isin(list(names))
        v.flag(unknown.to_numpy(), "county_code", _at(
            unknown.to_numpy(), given, lambda t: f"'{t}' is not a county code (001 to 047)"),
            value=given)
        clash = (given != "") & ~unknown & codes.notna() & (norm != codes)
        v.flag(clash.to_numpy(), "county_code", pd.Series(
            [f"code {c} is {names.get(c, c)} but the county column says {names.get(k, k)}"
             for c, k in zip(norm, codes)], index=given.index, dtype=object),
            value=given, suggestion="Make county and county_code agree")
    return codes


# ------------------------------------------------------------------------ coordinates


@lru_cache(maxsize=1)
def _county_shapes() -> dict[str, object]:
    """County code → boundary (prepared for fast point tests)."""
    data = json.loads(BOUNDARIES_GEOJSON.read_text(encoding="utf-8"))
    out = {}
    for feature in data["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        shapely.prepare(geom)
        out[feature["properties"]["code"]] = geom
    return out


@lru_cache(maxsize=1)
def kenya_bbox() -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of Kenya's counties."""
    bounds = np.array([shapely.bounds(g) for g in _county_shapes().values()])
    return (float(bounds[:, 0].min()), float(bounds[:, 1].min()),
            float(bounds[:, 2].max()), float(bounds[:, 3].max()))


def _in_box(lat, lon) -> np.ndarray:
    x0, y0, x1, y1 = kenya_bbox()
    return (lat >= y0) & (lat <= y1) & (lon >= x0) & (lon <= x1)


def km_outside(code: str, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """How far (km, about) each point lies outside county ``code``; 0 inside it."""
    geom = _county_shapes()[code]
    out = np.zeros(len(lat))
    outside = ~shapely.contains_xy(geom, lon, lat)
    if outside.any():
        # Degrees to km: a degree is ~111 km in latitude and, within 5° of the equator,
        # within 0.4 % of that in longitude; plenty for a 25 km tolerance.
        points = shapely.points(lon[outside], lat[outside])
        out[outside] = shapely.distance(geom, points) * KM_PER_DEGREE
    return out


def check_coordinates(v: Validation, lat: pd.Series, lon: pd.Series, counties: pd.Series,
                      raw_lat: pd.Series, raw_lon: pd.Series) -> None:
    """Both or neither; inside Kenya; within the tolerance of the row's county."""
    has_lat, has_lon = lat.notna().to_numpy(), lon.notna().to_numpy()
    one_only = (has_lat ^ has_lon) & (_empty(raw_lat) | _empty(raw_lon))
    v.flag(one_only, "longitude" if has_lat.any() else "latitude",
           "only one coordinate given", suggestion="Give both latitude and longitude, or neither")
    both = has_lat & has_lon
    la, lo = lat.to_numpy(dtype=float), lon.to_numpy(dtype=float)
    outside = both & ~_in_box(la, lo)
    if outside.any():
        x0, y0, x1, y1 = kenya_bbox()
        swapped = _in_box(lo, la)
        hints = np.where(swapped, "Latitude and longitude look swapped",
                         f"Kenya lies between latitude {y0:.1f} and {y1:.1f}, longitude "
                         f"{x0:.1f} and {x1:.1f}")
        msgs = np.array([f"({a:g}, {b:g}) is outside Kenya" for a, b in zip(la, lo)],
                        dtype=object)
        v.flag(outside, "latitude", msgs, value=raw_lat, suggestion=hints)
    inside = both & ~outside & counties.notna().to_numpy()
    distance = np.zeros(len(la))
    codes = counties.to_numpy(dtype=object)
    groups, uniques = pd.factorize(counties.where(pd.Series(inside, index=counties.index)))
    for g, code in enumerate(uniques):
        idx = np.flatnonzero(groups == g)
        distance[idx] = km_outside(code, la[idx], lo[idx])
    far = distance > COUNTY_TOLERANCE_KM
    if far.any():
        names = {c.code: c.name for c in reference.counties()}
        msgs = np.empty(len(la), dtype=object)
        for i in np.flatnonzero(far):
            msgs[i] = (f"({la[i]:g}, {lo[i]:g}) is about {distance[i]:,.0f} km outside "
                       f"{names[codes[i]]} (more than {COUNTY_TOLERANCE_KM:.0f} km)")
        v.flag(far, "latitude", msgs, value=raw_lat,
               suggestion="Check the coordinates or the county")


# ------------------------------------------------------------------------ duplicates


def flag_duplicates(v: Validation, key_cols: list[str], what: str, column: str,
                    value_cols: list[str] | None = None) -> None:
    """Refuse repeated keys: later copies always; the first too when the copies differ."""
    keys = v.clean[key_cols]
    complete = keys.notna().all(axis=1).to_numpy()
    if not complete.any():
        return
    sub = keys[complete]
    dup = sub.duplicated(keep=False).to_numpy()
    if not dup.any():
        return
    # Vectorised over the duplicate groups: a hostile file of 300,000 copies of one row
    # must not build a mask or a problem per copy (only MAX_PROBLEMS are kept anyway).
    positions = np.flatnonzero(complete)[dup]
    dups = v.clean.iloc[positions]
    cols = value_cols or [c for c in v.clean.columns if c not in key_cols]
    group = dups.groupby(key_cols, sort=False, dropna=False).ngroup().to_numpy()
    first = pd.Series(positions).groupby(group).transform("first").to_numpy()
    if cols:
        differ_by_group = (dups[cols].astype(str).groupby(group).nunique(dropna=False) > 1) \
            .any(axis=1)
        differ = differ_by_group.reindex(group).to_numpy(dtype=bool)
    else:
        differ = np.zeros(len(positions), dtype=bool)
    n = len(v.clean)
    key_values = v.clean[key_cols[0]]
    later = positions != first
    later_mask = np.zeros(n, dtype=bool)
    later_mask[positions[later]] = True
    messages = np.full(n, "", dtype=object)
    hints = np.full(n, "", dtype=object)
    shown = positions[later][:MAX_PROBLEMS]
    shown_first = first[later][:MAX_PROBLEMS]
    shown_differ = differ[later][:MAX_PROBLEMS]
    messages[shown] = [f"duplicate of row {int(v.row_numbers[f])}: same {what}"
                       for f in shown_first]
    hints[shown] = np.where(shown_differ, "The copies disagree: keep the right one",
                            "Remove the repeated row")
    v.flag(later_mask, column, messages, value=key_values, suggestion=hints)
    firsts = positions[~later & differ]
    if len(firsts):
        first_mask = np.zeros(n, dtype=bool)
        first_mask[firsts] = True
        messages = np.full(n, "", dtype=object)
        wanted = set(firsts[:MAX_PROBLEMS].tolist())
        copies: dict[int, list[int]] = {}
        for pos, f in zip(positions[later], first[later]):
            if int(f) in wanted:
                copies.setdefault(int(f), []).append(int(v.row_numbers[pos]))
        for f, rows in copies.items():
            verb = "gives" if len(rows) == 1 else "give"
            messages[f] = f"{_rows_text(rows)} {verb} the same {what} with different values"
        v.flag(first_mask, column, messages, value=key_values,
               suggestion="Keep one row per " + what)


# ---------------------------------------------------------------------- incidents ids


def incident_natural_ids(occurred_on: pd.Series, county: pd.Series, category: pd.Series,
                         lat: pd.Series, lon: pd.Series) -> pd.Series:
    """Stable ids for incidents given without one: a hash of date, county, category and
    coordinates ("h-" + 20 hex digits), so the same row imported again is recognised."""
    def fmt(x) -> str:
        return "" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{float(x):.6f}"

    def date_text(d) -> str:
        return d.isoformat() if hasattr(d, "isoformat") else str(d)

    ids = [
        "h-" + hashlib.sha1(
            f"{date_text(d)}|{c}|{k}|{fmt(a)}|{fmt(b)}".encode()).hexdigest()[:20]
        for d, c, k, a, b in zip(occurred_on, county, category, lat, lon)
    ]
    return pd.Series(ids, index=occurred_on.index, dtype=object)


# ----------------------------------------------------------------------------- kinds


def _col(raw: RawTable, name: str) -> pd.Series:
    if name in raw.frame:
        return raw.frame[name]
    return pd.Series([""] * len(raw.frame), index=raw.frame.index, dtype=object)


def _crime_counts(v: Validation, raw: RawTable, tpl: Template, today: dt.date) -> None:
    c = v.clean
    c["county_code"] = read_counties(v, raw.frame)
    c["category_code"] = read_vocab(v, _col(raw, "category"), "category", vocab.categories(),
                                    required=True)
    start = read_dates(v, _col(raw, "period_start"), "period_start", today=today)
    end = read_dates(v, _col(raw, "period_end"), "period_end", today=today)
    c["count"] = read_counts(v, _col(raw, "count"), "count", required=True)
    publication = read_text(v, _col(raw, "source"), "source", required=False,
                            max_len=tpl.column("source").max_len)
    c["publication"] = publication.where(publication.notna(), "")
    both = start.notna() & end.notna()
    order = both & pd.Series([e < s if b else False for s, e, b in zip(start, end, both)],
                             index=start.index)
    v.flag(order.to_numpy(), "period_end", pd.Series(
        [f"the period ends ({e}) before it starts ({s})" if o else "" for s, e, o in
         zip(start, end, order)], dtype=object), value=_col(raw, "period_end"),
        suggestion="Swap period_start and period_end")
    grains = [_grain(s, e) if b and not o else None for s, e, b, o in zip(start, end, both, order)]
    grain = pd.Series(grains, index=start.index, dtype=object)
    odd = both & ~order & grain.isna()
    v.flag(odd.to_numpy(), "period_end", pd.Series(
        [_grain_message(s, e) if o else "" for s, e, o in zip(start, end, odd)], dtype=object),
        value=_col(raw, "period_end"),
        suggestion="Give one row per day, per calendar month or per calendar year")
    ok = both & ~order & ~odd
    c["period_start"] = start.where(ok, None)
    c["period_end"] = end.where(ok, None)
    c["grain"] = grain
    c["month"] = _month_starts(c["period_start"])
    flag_duplicates(v, ["county_code", "category_code", "period_start", "period_end",
                        "publication"], "county, category, period and source", "county",
                    value_cols=["count"])


def _grain(start: dt.date, end: dt.date) -> str | None:
    """"day", "month" or "year" when [start, end] is exactly one of them, else None."""
    if start == end:
        return "day"
    last = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end == start.replace(day=last):
        return "month"
    if (start.month, start.day) == (1, 1) and end == dt.date(start.year, 12, 31):
        return "year"
    return None


def _grain_message(start: dt.date, end: dt.date) -> str:
    days = (end - start).days + 1
    return (f"{start} to {end} ({days:,} days) is not one day, one calendar month or one "
            "calendar year")


def _incidents(v: Validation, raw: RawTable, tpl: Template, today: dt.date) -> None:
    c = v.clean
    c["occurred_on"] = read_dates(v, _col(raw, "occurred_on"), "occurred_on", today=today)
    c["month"] = _month_starts(c["occurred_on"])
    c["county_code"] = read_counties(v, raw.frame)
    c["category_code"] = read_vocab(v, _col(raw, "category"), "category", vocab.categories(),
                                    required=True)
    lat = read_floats(v, _col(raw, "latitude"), "latitude")
    lon = read_floats(v, _col(raw, "longitude"), "longitude")
    check_coordinates(v, lat, lon, c["county_code"], _col(raw, "latitude"),
                      _col(raw, "longitude"))
    c["latitude"], c["longitude"] = lat, lon
    ext = read_text(v, _col(raw, "external_id"), "external_id", required=False,
                    max_len=tpl.column("external_id").max_len)
    c["id_given"] = ext.notna()
    missing = ext.isna()
    if missing.any():
        c["external_id"] = ext
        ready = missing & c["occurred_on"].notna() & c["county_code"].notna() \
            & c["category_code"].notna()
        c.loc[ready, "external_id"] = incident_natural_ids(
            c.loc[ready, "occurred_on"], c.loc[ready, "county_code"],
            c.loc[ready, "category_code"], lat[ready], lon[ready])
    else:
        c["external_id"] = ext
    flag_duplicates(v, ["external_id"], "external_id (or, without one, the same date, county, "
                    "category and coordinates)", "external_id",
                    value_cols=["occurred_on", "county_code", "category_code", "latitude",
                                "longitude"])


def _forums(v: Validation, raw: RawTable, tpl: Template, today: dt.date) -> None:
    c = v.clean
    c["external_id"] = read_text(v, _col(raw, "external_id"), "external_id", required=True,
                                 max_len=64)
    c["edition"] = read_text(v, _col(raw, "edition"), "edition", required=True, max_len=128)
    c["county_code"] = read_counties(v, raw.frame)
    c["venue"] = read_text(v, _col(raw, "venue"), "venue", required=True, max_len=160)
    c["held_on"] = read_dates(v, _col(raw, "held_on"), "held_on", today=today)
    group_sum = pd.Series(0, index=c.index, dtype="int64")
    any_group = pd.Series(False, index=c.index)
    for col in ATTENDANCE_COLUMNS:
        values = read_counts(v, _col(raw, col), col, required=False)
        c[col] = values
        group_sum += values.fillna(0).astype("int64")
        any_group |= values.notna()
    total = read_counts(v, _col(raw, "attendance_total"), "attendance_total", required=False)
    short = total.notna() & any_group & (total.fillna(0).astype("int64") < group_sum)
    v.flag(short.to_numpy(), "attendance_total", pd.Series(
        [f"total {t} is less than the groups' sum {s}" for t, s in zip(total, group_sum)],
        dtype=object), value=_col(raw, "attendance_total"),
        suggestion="Make the total at least the sum of the group columns, or leave it blank")
    c["attendance_total"] = pd.Series(
        [int(t) if t is not None else int(g) for t, g in zip(total, group_sum)],
        index=c.index, dtype=object)
    flag_duplicates(v, ["external_id"], "external_id", "external_id")


def _concerns(v: Validation, raw: RawTable, tpl: Template, today: dt.date) -> None:
    c = v.clean
    c["external_id"] = read_text(v, _col(raw, "external_id"), "external_id", required=True,
                                 max_len=64)
    c["forum_ref"] = read_text(v, _col(raw, "forum_external_id"), "forum_external_id",
                               required=False, max_len=64)
    origin = read_vocab(v, _col(raw, "origin"), "origin", vocab.origins(), required=False)
    has_forum = c["forum_ref"].notna()
    no_origin = origin.isna() & _col(raw, "origin").eq("")
    origin = origin.where(~(no_origin & has_forum), "forum")
    v.flag((no_origin & ~has_forum).to_numpy(), "origin",
           "origin is required when no forum_external_id is given",
           suggestion="Write chief_report or live_capture, or give the forum's external_id")
    v.flag(((origin == "forum") & ~has_forum).to_numpy(), "forum_external_id",
           "a concern raised at a forum needs forum_external_id",
           suggestion="Give the forum's external_id, or set origin to chief_report or "
                      "live_capture")
    c["origin"] = origin
    c["county_code"] = read_counties(v, raw.frame)
    c["theme_code"] = read_vocab(v, _col(raw, "theme"), "theme", vocab.themes(), required=True)
    c["summary"] = read_text(v, _col(raw, "summary"), "summary", required=True, max_len=2000)
    c["raised_by_group"] = read_vocab(v, _col(raw, "raised_by_group"), "raised_by_group",
                                      vocab.groups(), required=False)
    c["raised_on"] = read_dates(v, _col(raw, "raised_on"), "raised_on", today=today)
    flag_duplicates(v, ["external_id"], "external_id", "external_id")


def _commitments(v: Validation, raw: RawTable, tpl: Template, today: dt.date) -> None:
    c = v.clean
    c["external_id"] = read_text(v, _col(raw, "external_id"), "external_id", required=True,
                                 max_len=64)
    c["concern_ref"] = read_text(v, _col(raw, "concern_external_id"), "concern_external_id",
                                 required=True, max_len=64)
    c["institution_code"] = read_vocab(v, _col(raw, "institution"), "institution",
                                       vocab.institutions(), required=True)
    c["title"] = read_text(v, _col(raw, "title"), "title", required=True, max_len=255)
    c["made_on"] = read_dates(v, _col(raw, "made_on"), "made_on", today=today)
    due = read_dates(v, _col(raw, "due_on"), "due_on", today=today, required=False,
                     allow_future=True)
    early = pd.Series([bool(d and m and d < m) for d, m in zip(due, c["made_on"])],
                      index=c.index)
    v.flag(early.to_numpy(), "due_on", pd.Series(
        [f"due {d} is before the commitment was made ({m})" for d, m in zip(due, c["made_on"])],
        dtype=object), value=_col(raw, "due_on"), suggestion="Check both dates")
    c["due_on"] = due
    flag_duplicates(v, ["external_id"], "external_id", "external_id")


def _updates(v: Validation, raw: RawTable, tpl: Template, today: dt.date) -> None:
    c = v.clean
    c["external_id"] = read_text(v, _col(raw, "external_id"), "external_id", required=True,
                                 max_len=64)
    c["commitment_ref"] = read_text(v, _col(raw, "commitment_external_id"),
                                    "commitment_external_id", required=True, max_len=64)
    c["status"] = read_vocab(v, _col(raw, "status"), "status", vocab.statuses(), required=True)
    c["updated_on"] = read_dates(v, _col(raw, "updated_on"), "updated_on", today=today)
    c["note"] = read_text(v, _col(raw, "note"), "note", required=False, max_len=2000)
    c["evidence"] = read_text(v, _col(raw, "evidence"), "evidence", required=False,
                              max_len=1000)
    c["recorded_by"] = read_text(v, _col(raw, "recorded_by"), "recorded_by", required=True,
                                 max_len=128)
    no_evidence = (c["status"] == "fulfilled") & c["evidence"].isna()
    v.flag(no_evidence.to_numpy(), "evidence", "a fulfilled commitment needs evidence",
           suggestion="Give a reference: report number, letter, photo file or site visit")
    flag_duplicates(v, ["external_id"], "external_id", "external_id")


def _chief_reports(v: Validation, raw: RawTable, tpl: Template, today: dt.date) -> None:
    c = v.clean
    c["county_code"] = read_counties(v, raw.frame)
    c["sub_county"] = read_text(v, _col(raw, "sub_county"), "sub_county", required=True,
                                max_len=96)
    c["location"] = read_text(v, _col(raw, "location"), "location", required=True, max_len=96)
    c["month"] = read_months(v, _col(raw, "month"), "month", today=today)
    c["sentiment"] = read_counts(v, _col(raw, "sentiment"), "sentiment", required=True,
                                 low=1, high=5)
    for col in ("barazas_held", "attendance", "incidents_noted"):
        values = read_counts(v, _col(raw, col), col, required=False)
        c[col] = values.where(values.notna(), 0)
    c["top_theme_code"] = read_vocab(v, _col(raw, "top_theme"), "top_theme", vocab.themes(),
                                     required=False)
    c["notes"] = read_text(v, _col(raw, "notes"), "notes", required=False, max_len=4000)
    # Locations are the same place whatever the case they are written in.
    c["sub_key"] = c["sub_county"].map(lambda t: t.casefold() if t else None)
    c["loc_key"] = c["location"].map(lambda t: t.casefold() if t else None)
    flag_duplicates(v, ["county_code", "sub_key", "loc_key", "month"],
                    "county, sub-county, location and month", "location",
                    value_cols=["sentiment", "barazas_held", "attendance", "top_theme_code",
                                "incidents_noted", "notes"])


_KINDS = {
    "crime-counts": _crime_counts,
    "incidents": _incidents,
    "forums": _forums,
    "concerns": _concerns,
    "commitments": _commitments,
    "commitment-updates": _updates,
    "chief-reports": _chief_reports,
}


def validate_table(raw: RawTable, tpl: Template, *, today: dt.date) -> Validation:
    """Read and check every row of ``raw`` as ``tpl``; the database is not consulted."""
    n = len(raw.frame)
    v = Validation(kind=tpl.kind, clean=pd.DataFrame(index=pd.RangeIndex(n)),
                   row_numbers=raw.row_numbers, bad=np.zeros(n, dtype=bool),
                   raw_frame=raw.frame, notes=list(raw.notes),
                   column_order={name: i for i, name in enumerate(tpl.names)})
    if raw.row_problems:  # one flag for all rows (a mask per row would be quadratic)
        mask = np.zeros(n, dtype=bool)
        messages = np.full(n, "", dtype=object)
        for pos, message in raw.row_problems:
            mask[pos] = True
            messages[pos] = message if not messages[pos] else f"{messages[pos]}; {message}"
        v.flag(mask, None, messages, suggestion="Remove the stray cells")
    _KINDS[tpl.kind](v, raw, tpl, today)
    v.kept_problems()
    return v
