"""One template per import kind: its columns, what each holds, and the blank files.

A template is the contract between the people who fill spreadsheets and the importer. The
same column lists are what ``python -m data_access export KIND`` writes, so an exported
file imports back unchanged. ``county_code`` is accepted beside ``county`` (exports write
both, to help people read the file) but left out of the blank templates.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data_access import reference
from data_access.safe_csv import to_csv_bytes, to_xlsx_bytes


@dataclass(frozen=True)
class Column:
    """One template column: ``name`` as written in the header row, ``kind`` says how its
    cells are read (see validate.py), ``required`` whether every row must give it."""

    name: str
    kind: str
    required: bool
    help: str
    max_len: int | None = None
    in_blank: bool = True


@dataclass(frozen=True)
class Template:
    """The columns of one import kind, in file order."""

    kind: str
    title: str
    description: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        """Every accepted column, in order."""
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        """Columns every file must have."""
        return [c.name for c in self.columns if c.required]

    @property
    def blank_names(self) -> list[str]:
        """The columns of the blank template."""
        return [c.name for c in self.columns if c.in_blank]

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)


def _county_columns() -> tuple[Column, ...]:
    return (
        Column("county_code", "county_code", False,
               "Optional: the 3-digit county code (001-047). Written by exports; when given "
               "it must agree with the county name.", in_blank=False),
        Column("county", "county", True,
               "County name as people write it (\"Murang'a\", \"NAIROBI CITY\", \"Homabay\"). "
               "A clear misspelling is read as the closest county and listed in the summary; "
               "regions, sub-counties and unclear names are refused with suggestions."),
    )


_EXTERNAL_ID_HELP = ("Your stable id for the row (at most 64 characters), used to import the "
                     "same file again without duplicates and for other files to refer to it.")

ATTENDANCE_COLUMNS = tuple(f"attendance_{code}" for code in reference.ATTENDANCE_GROUPS)

TEMPLATES: dict[str, Template] = {
    "crime-counts": Template(
        "crime-counts", "Crime counts (published police tables)",
        "A count of reported crimes for one county, one of the 17 police categories, over one "
        "day, one calendar month or one calendar year. A yearly figure stays a yearly figure: "
        "it is never spread into months.",
        (
            *_county_columns(),
            Column("category", "category", True,
                   "One of the 17 National Police Service categories, in any case and in the "
                   "forms used in police tables (\"THEFT OF STOCK\", \"Vehicle & other "
                   "thefts\")."),
            Column("period_start", "date", True,
                   "First day of the period: YYYY-MM-DD or DD/MM/YYYY."),
            Column("period_end", "date", True,
                   "Last day of the period (same day, last day of the month, or 31 December "
                   "of the same year)."),
            Column("count", "count", True, "Number of crimes: a whole number, 0 or more."),
            Column("source", "text", False,
                   "The publication the figure comes from, e.g. \"NPS Annual Crime Report "
                   "2023\".", max_len=160),
        ),
    ),
    "incidents": Template(
        "incidents", "Single incidents",
        "One reported crime: date, county and category, with optional coordinates for the "
        "hotspot map. Rows without external_id are identified by their date, county, "
        "category and coordinates.",
        (
            Column("occurred_on", "date", True, "Date of the incident: YYYY-MM-DD or DD/MM/YYYY."),
            *_county_columns(),
            Column("category", "category", True, "One of the 17 police categories."),
            Column("latitude", "latitude", False,
                   "Decimal degrees (WGS84), e.g. -1.2921. Give both coordinates or neither; "
                   "the point must lie in Kenya and within about 25 km of its county."),
            Column("longitude", "longitude", False, "Decimal degrees (WGS84), e.g. 36.8219."),
            Column("external_id", "external_id", False, _EXTERNAL_ID_HELP, max_len=64),
        ),
    ),
    "forums": Template(
        "forums", "Forums (Jukwaa la Usalama town halls)",
        "One forum: its edition, county, venue, date and attendance. Attendance by group is "
        "optional; attendance_total defaults to the sum of the groups.",
        (
            Column("external_id", "external_id", True, _EXTERNAL_ID_HELP, max_len=64),
            Column("edition", "text", True, "Edition name, e.g. \"Pwani Edition\".",
                   max_len=128),
            *_county_columns(),
            Column("venue", "text", True, "Where it was held.", max_len=160),
            Column("held_on", "date", True, "Date held: YYYY-MM-DD or DD/MM/YYYY."),
            Column("attendance_total", "count_optional", False,
                   "People attending; blank = sum of the group columns (0 without them)."),
            *(Column(f"attendance_{code}", "count_optional", False,
                     f"Attendance: {label[0].lower()} (whole number, optional).")
              for code, label in reference.ATTENDANCE_GROUPS.items()),
        ),
    ),
    "concerns": Template(
        "concerns", "Concerns raised",
        "A security concern raised at a forum, in a chief's report or captured live.",
        (
            Column("external_id", "external_id", True, _EXTERNAL_ID_HELP, max_len=64),
            Column("forum_external_id", "forum_ref", False,
                   "external_id of the forum where it was raised (import forums first)."),
            Column("origin", "origin", False,
                   "forum, chief_report or live_capture; blank = forum when a forum is given."),
            *_county_columns(),
            Column("theme", "theme", True,
                   "Concern theme from the controlled list (e.g. \"Cattle rustling\", \"GBV\", "
                   "\"Drugs\"); case does not matter."),
            Column("summary", "text", True, "Short summary of the concern.", max_len=2000),
            Column("raised_by_group", "group", False,
                   "Group that raised it: youth, elders, women's groups, religious leaders, "
                   "officials, business, persons with disabilities, civil society."),
            Column("raised_on", "date", True, "Date raised: YYYY-MM-DD or DD/MM/YYYY."),
        ),
    ),
    "commitments": Template(
        "commitments", "Commitments made",
        "A commitment an institution made in answer to a concern. Its status comes from "
        "commitment-updates (a new commitment is \"unverified\").",
        (
            Column("external_id", "external_id", True, _EXTERNAL_ID_HELP, max_len=64),
            Column("concern_external_id", "concern_ref", True,
                   "external_id of the concern it answers (import concerns first)."),
            Column("institution", "institution", True,
                   "Responsible institution: name, short name or code (e.g. \"NPS\", "
                   "\"NACADA\", \"County government\")."),
            Column("title", "text", True, "What was promised.", max_len=255),
            Column("made_on", "date", True, "Date the commitment was made."),
            Column("due_on", "date_optional", False,
                   "Due date (optional; not before made_on; may be in the future)."),
        ),
    ),
    "commitment-updates": Template(
        "commitment-updates", "Commitment status updates",
        "Append-only history of a commitment's status. An update already imported cannot be "
        "changed: correct it with a new update.",
        (
            Column("external_id", "external_id", True, _EXTERNAL_ID_HELP, max_len=64),
            Column("commitment_external_id", "commitment_ref", True,
                   "external_id of the commitment (import commitments first)."),
            Column("status", "status", True,
                   "unverified, not started, in progress, stalled, partly fulfilled, "
                   "fulfilled or not fulfilled."),
            Column("updated_on", "date", True, "Date of the update (not before made_on)."),
            Column("note", "text_optional", False, "What changed.", max_len=2000),
            Column("evidence", "text_optional", False,
                   "Reference to the evidence; required for \"fulfilled\".", max_len=1000),
            Column("recorded_by", "text", True, "Who recorded it (name or office).",
                   max_len=128),
        ),
    ),
    "chief-reports": Template(
        "chief-reports", "Chiefs' monthly reports",
        "One report per chief's location per month. A location seen for the first time is "
        "added and expected to report from that month on.",
        (
            *_county_columns(),
            Column("sub_county", "text", True, "Sub-county of the location.", max_len=96),
            Column("location", "text", True, "The chief's location.", max_len=96),
            Column("month", "month", True, "Month reported on: YYYY-MM, MM/YYYY or a date."),
            Column("sentiment", "sentiment", True,
                   "Public sentiment score 1 (very negative) to 5 (very positive)."),
            Column("barazas_held", "count_optional", False, "Barazas held (default 0)."),
            Column("attendance", "count_optional", False, "People attending (default 0)."),
            Column("top_theme", "theme_optional", False, "Top concern theme (optional)."),
            Column("incidents_noted", "count_optional", False, "Incidents noted (default 0)."),
            Column("notes", "text_optional", False, "Notes.", max_len=4000),
        ),
    ),
}

IMPORT_KINDS = tuple(TEMPLATES)


def get_template(kind: str) -> Template:
    """The template of ``kind``; ValueError naming the kinds for anything else."""
    try:
        return TEMPLATES[kind]
    except KeyError:
        raise ValueError(f"unknown import kind {kind!r}; choose one of: "
                         f"{', '.join(IMPORT_KINDS)}") from None


def columns_frame(kind: str) -> pd.DataFrame:
    """The template's columns documented: ``column, required, description``."""
    tpl = get_template(kind)
    return pd.DataFrame({
        "column": [c.name for c in tpl.columns],
        "required": ["yes" if c.required else "no" for c in tpl.columns],
        "description": [c.help for c in tpl.columns],
    })


def blank_frame(kind: str) -> pd.DataFrame:
    """An empty DataFrame with the blank template's header."""
    return pd.DataFrame({name: pd.Series(dtype=object) for name in get_template(kind).blank_names})


def blank_template(kind: str, fmt: str) -> bytes:
    """The blank template file of ``kind`` as ``fmt`` "csv" or "xlsx".

    The Excel file has the header on its first sheet ("data") and the column descriptions
    on a second sheet ("columns"); the importer reads the first sheet with the header.
    """
    if fmt == "csv":
        return to_csv_bytes(blank_frame(kind))
    if fmt == "xlsx":
        return to_xlsx_bytes({"data": blank_frame(kind), "columns": columns_frame(kind)})
    raise ValueError(f"unknown template format {fmt!r}; use csv or xlsx")
