"""Imports that should succeed: real-world files, every kind, idempotency, updates, one
transaction, demo separation. Database tests run on SQLite and PostgreSQL (``engine``)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from data_access import schema as s
from data_access.engine import data_version
from data_access.imports import TEMPLATES, blank_template, import_file
from data_access.imports.readers import FileRefused, header_key, read_table
from data_access.imports.validate import parse_count, parse_date, parse_month
from data_access.imports.vocab import categories, institutions, statuses, themes
from tests.clock import DEMO_END_MONTH
from tests.test_imports_badfiles import FIXTURES, load, snapshot


def rows(engine, stmt) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(stmt)]


# --------------------------------------------------------------------- cell readers


@pytest.mark.parametrize("text,expected", [
    ("2024-03-31", dt.date(2024, 3, 31)),
    ("31/03/2024", dt.date(2024, 3, 31)),
    ("1/3/2024", dt.date(2024, 3, 1)),  # day/month/year: 1 March
    ("31-03-2024", dt.date(2024, 3, 31)),
    ("31.03.2024", dt.date(2024, 3, 31)),
    ("2024-03-31 00:00:00", dt.date(2024, 3, 31)),  # what Excel date cells become
    ("2024/03/31", dt.date(2024, 3, 31)),
    ("31 Mar 2024", dt.date(2024, 3, 31)),
    ("31-March-2024", dt.date(2024, 3, 31)),
    ("March 31, 2024", dt.date(2024, 3, 31)),
])
def test_dates_iso_and_day_month_year(text, expected):
    assert parse_date(text)[0] == expected


@pytest.mark.parametrize("text,problem", [
    ("3/4/24", "two-digit year"),
    ("31/02/2024", "is not a real date"),
    ("12/31/2024", "there is no month 31"),
    ("next week", "is not a date"),
    ("2024-13-01", "is not a real date"),
])
def test_bad_dates(text, problem):
    value, message, _hint = parse_date(text)
    assert value is None and problem in message


def test_month_forms():
    for text in ("2024-03", "03/2024", "3/2024", "Mar 2024", "March 2024", "2024-03-17"):
        assert parse_month(text)[0] == dt.date(2024, 3, 1), text


@pytest.mark.parametrize("text,expected", [("12", 12), ("12.0", 12), ("0", 0), ("1,234", 1234),
                                           ("007", 7)])
def test_counts_accepted(text, expected):
    assert parse_count(text)[0] == expected


@pytest.mark.parametrize("text,problem", [("12.5", "not a whole number"), ("-3", "negative"),
                                          ("twelve", "not a number"), ("1e3", "whole number"),
                                          ("3000000000", "too large")])
def test_counts_refused(text, problem):
    value, message, _ = parse_count(text)
    assert value is None and problem in message


@pytest.mark.parametrize("text,code", [
    ("OFFENCES AGAINST MORALITY", "offences_against_morality"),
    ("Theft of Stock", "theft_of_stock"),
    ("Dangerous Drugs", "dangerous_drugs"),
    ("Other Penal Code Offences", "other_penal_code_offences"),
    ("Vehicle & other thefts", "vehicle_and_other_thefts"),
    ("OFFENCES INVOLVING POLICE OFFICERS", "offences_involving_police"),
    ("  homicide ", "homicide"),
    ("1. Robbery", "robbery"),
    ("Breaking", "breakings"),
    ("Mauaji", "homicide"),  # Kiswahili
    ("economic_crimes", "economic_crimes"),  # the code itself
])
def test_category_forms_from_police_tables(text, code):
    assert categories().read(text.strip()).code == code


def test_every_category_label_reads_back():
    for label in categories().labels.values():
        assert categories().read(label).code is not None
        assert categories().read(label.upper()).code is not None


def test_theme_status_institution_forms():
    assert themes().read("GBV").code == "gbv"
    assert themes().read("Cattle rustling").code == "cattle_rustling"
    assert themes().read("Wizi wa mifugo").code == "cattle_rustling"
    assert statuses().read("In progress").code == "in_progress"
    assert statuses().read("PARTLY FULFILLED").code == "partly_fulfilled"
    assert institutions().read("NPS").code == "nps"
    assert institutions().read("Kenya Police").code == "nps"
    miss = categories().read("Stock thefts of goats")
    assert miss.code is None and "Theft of stock" in miss.suggestion


def test_header_keys():
    assert header_key("Period Start") == "period_start"
    assert header_key(" COUNTY* ") == "county"
    assert header_key("Count (number)") == "count"
    assert header_key("Lat") == "latitude"


# -------------------------------------------------------------------- whole files


def test_real_world_police_table(engine):
    report = load(engine, "crime-counts", "real_police_table.csv")
    assert report.written, [p.text() for p in report.problems]
    assert (report.rows, report.blank_rows, report.header_row) == (5, 2, 4)
    assert report.summary_line == ("5 rows imported, 0 rejected (5 new, 0 updated, "
                                   "0 already present)")
    assert report.notes == ["'Kiambo' read as Kiambu (closest match) — row 5"]
    cc = s.crime_counts
    got = rows(engine, sa.select(cc.c.county_code, cc.c.category_code, cc.c.grain, cc.c.count,
                                 cc.c.publication).order_by(cc.c.county_code))
    assert got == [
        ("001", "other_penal_code_offences", "month", 0, '=HYPERLINK("http://x")'),
        ("021", "offences_against_morality", "month", 7, "NPS Annual Crime Report 2023"),
        ("022", "theft_of_stock", "month", 12, "NPS Annual Crime Report 2023"),
        ("043", "dangerous_drugs", "day", 3, "NPS Annual Crime Report 2023"),
        ("047", "vehicle_and_other_thefts", "year", 1234, "NPS Annual Crime Report 2023"),
    ]
    # Yearly figures stay yearly in the aggregate; the day and months are there as given.
    agg = s.crime_agg
    assert rows(engine, sa.select(agg.c.grain, sa.func.sum(agg.c.count)).group_by(agg.c.grain)
                .order_by(agg.c.grain)) == [("day", 3), ("month", 19), ("year", 1234)]
    source = rows(engine, sa.select(s.data_sources.c.kind, s.data_sources.c.dataset,
                                    s.data_sources.c.name, s.data_sources.c.rows,
                                    s.data_sources.c.file_sha256))
    assert source == [("import", "crime-counts", "real_police_table.csv", 5, report.sha256)]


def test_semicolons_and_windows_encoding(engine):
    report = load(engine, "crime-counts", "real_semicolon_cp1252.csv")
    assert report.written, [p.text() for p in report.problems]
    cc = s.crime_counts
    assert rows(engine, sa.select(cc.c.county_code, cc.c.publication)) == [
        ("021", "NPS 2023 – annual")]


def _xlsx(rows_: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "returns"
    for r in rows_:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_excel_with_title_rows_date_cells_and_formulas(engine):
    data = _xlsx([
        ["Jukwaa la Usalama — Lake Edition forums"],
        [],
        ["External ID", "Edition", "County", "Venue", "Held on", "Attendance total",
         "attendance_youth"],
        ["F-10", "Lake Edition", "kisumu", "=HYPERLINK(\"http://evil\")",
         dt.datetime(2024, 1, 5), None, 42.0],
        [None, None, None, None, None, None, None],
        ["F-11", "+254 Edition", "Siaya County", "Bondo", "06/01/2024", 80, None],
    ])
    report = import_file(engine, kind="forums", data=data, filename="forums.xlsx")
    assert report.written, [p.text() for p in report.problems]
    assert (report.sheet, report.header_row, report.blank_rows) == ("returns", 3, 1)
    f = s.forums
    got = rows(engine, sa.select(f.c.external_id, f.c.edition, f.c.county_code, f.c.venue,
                                 f.c.held_on, f.c.attendance_total).order_by(f.c.external_id))
    assert got == [
        # The formula is stored as its text: nothing was evaluated.
        ("F-10", "Lake Edition", "042", '=HYPERLINK("http://evil")', dt.date(2024, 1, 5), 42),
        ("F-11", "+254 Edition", "041", "Bondo", dt.date(2024, 1, 6), 80),
    ]


def test_blank_templates_are_the_template(engine):
    for kind, tpl in TEMPLATES.items():
        csv_bytes = blank_template(kind, "csv")
        assert csv_bytes.decode("utf-8-sig").strip() == ",".join(tpl.blank_names)
        wb = load_workbook(io.BytesIO(blank_template(kind, "xlsx")))
        assert [c.value for c in wb["data"][1]] == tpl.blank_names
        assert wb.sheetnames == ["data", "columns"]
        with pytest.raises(FileRefused, match="no data rows"):
            read_table(csv_bytes, f"{kind}.csv", tpl, max_bytes=10**6)


def test_the_whole_chain_imports_and_status_follows_history(engine):
    for kind, name in (("forums", "base_forums.csv"), ("concerns", "base_concerns.csv"),
                       ("commitments", "base_commitments.csv"),
                       ("commitment-updates", "base_updates.csv")):
        report = load(engine, kind, name)
        assert report.written, (name, [p.text() for p in report.problems])
    f, c, k = s.forums, s.concerns, s.commitments
    assert rows(engine, sa.select(f.c.attendance_total)) == [(200,)]  # sum of the groups
    assert rows(engine, sa.select(s.forum_attendance.c.group_code,
                                  s.forum_attendance.c.attendees)
                .order_by(s.forum_attendance.c.group_code)) == [("elders", 80), ("youth", 120)]
    assert rows(engine, sa.select(c.c.origin, c.c.theme_code, c.c.raised_by_group)) == [
        ("forum", "drugs", "youth")]
    assert rows(engine, sa.select(k.c.current_status, k.c.status_on, k.c.version)) == [
        ("in_progress", dt.date(2024, 2, 1), 1)]


def test_incidents_with_and_without_ids(engine):
    data = (b"occurred_on,county,category,latitude,longitude,external_id\n"
            b"2024-03-02,Nairobi,Robbery,-1.2921,36.8219,\n"
            b"02/03/2024,Nairobi,Robbery,,,\n"
            b"2024-03-03,Mombasa,Stealing,-4.0435,39.6682,MSA-1\n")
    report = import_file(engine, kind="incidents", data=data, filename="inc.csv")
    assert report.written and report.new == 3
    i = s.incidents
    got = rows(engine, sa.select(i.c.external_id, i.c.county_code, i.c.h3_cell.is_not(None),
                                 i.c.month).order_by(i.c.occurred_on, i.c.external_id))
    assert got[2] == ("MSA-1", "001", True, dt.date(2024, 3, 1))
    assert {g[0][:2] for g in got[:2]} == {"h-"} and got[0][0] != got[1][0]
    assert sorted(g[2] for g in got[:2]) == [False, True]
    hexes = rows(engine, sa.select(sa.func.sum(s.hex_cells.c.count)))
    assert hexes == [(2,)]
    before = snapshot(engine)
    again = import_file(engine, kind="incidents", data=data, filename="inc.csv")
    assert snapshot(engine) == before and again.unchanged == 3


def test_same_file_twice_changes_nothing_and_a_change_updates(engine):
    first = load(engine, "crime-counts", "real_police_table.csv")
    assert first.written
    before = snapshot(engine)
    second = load(engine, "crime-counts", "real_police_table.csv")
    assert snapshot(engine) == before  # data version included: no write at all
    assert (second.new, second.updated, second.unchanged, second.written) == (0, 0, 5, False)
    assert second.summary_line == "0 rows imported, 0 rejected (0 new, 0 updated, " \
                                  "5 already present)"
    changed = (FIXTURES / "real_police_table.csv").read_text().replace(
        "OFFENCES AGAINST MORALITY,2023-02-01,2023-02-28,7", "OFFENCES AGAINST MORALITY,"
        "2023-02-01,2023-02-28,9")
    third = import_file(engine, kind="crime-counts", data=changed.encode(),
                        filename="corrected.csv")
    assert (third.new, third.updated, third.unchanged) == (0, 1, 4)
    agg = s.crime_agg
    assert rows(engine, sa.select(agg.c.count).where(agg.c.county_code == "021")) == [(9,)]
    assert data_version(engine) != before["data_version"]


def test_a_failure_leaves_the_database_as_before(engine, monkeypatch: pytest.MonkeyPatch):
    import data_access.aggregates

    def broken(conn, *, county_codes=None):
        raise RuntimeError("disk full while rebuilding aggregates")

    before = snapshot(engine)
    monkeypatch.setattr(data_access.aggregates, "refresh_aggregates", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        load(engine, "crime-counts", "real_police_table.csv")
    assert snapshot(engine) == before


def test_demo_removal_keeps_imported_rows(engine):
    from data_access.demo import generate_demo, remove_demo_data

    generate_demo(engine, seed=3, years=1, incidents=500, end_month=DEMO_END_MONTH)
    report = load(engine, "crime-counts", "real_police_table.csv")
    assert report.written
    with engine.begin() as conn:
        remove_demo_data(conn)
    cc = s.crime_counts
    assert rows(engine, sa.select(sa.func.count()).select_from(cc)) == [(5,)]
    kinds = rows(engine, sa.select(s.data_sources.c.kind))
    assert kinds == [("import",)]


def test_county_columns_and_readers_accept_exports(engine):
    """county_code beside county (as exports write it) is accepted when they agree."""
    data = (b"county_code,county,category,period_start,period_end,count,source\n"
            b"047,Nairobi,Robbery,2023-01-01,2023-01-31,5,\n")
    report = import_file(engine, kind="crime-counts", data=data, filename="x.csv")
    assert report.written and report.new == 1


def test_fixture_dir_exists():
    assert Path(FIXTURES).is_dir()


def test_docs_list_every_template_column():
    """docs/IMPORTS.md documents each kind with all its columns (kept in step)."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "IMPORTS.md").read_text()
    for kind, tpl in TEMPLATES.items():
        start = text.index(f"### `{kind}`")
        section = text[start:text.find("\n### ", start + 1)]
        for column in tpl.names:
            assert f"| `{column}` |" in section, (kind, column)


def test_chief_reports_take_over_a_demo_location_and_survive_demo_removal(sqlite_url):
    """A chief's location is a real place: a report for a location the demo also uses is
    imported, the location becomes the import's, and removing the demo keeps both."""
    from data_access.demo import generate_demo, remove_demo_data
    from data_access.engine import get_engine, init_db

    engine = get_engine(sqlite_url)
    init_db(engine)
    generate_demo(engine, seed=5, years=1, incidents=300, end_month=DEMO_END_MONTH)
    loc = s.chief_locations
    county, sub, name, loc_id = rows(engine, sa.select(loc.c.county_code, loc.c.sub_county,
                                                       loc.c.location, loc.c.id).limit(1))[0]
    data = ("county,sub_county,location,month,sentiment,barazas_held,attendance,top_theme,"
            "incidents_noted,notes\n"
            f"{county},{sub.upper()},{name.lower()},2020-01,4,2,150,Drugs,1,Calm month\n"
            f"{county},{sub},New Location X,2020-01,3,,,,,\n").encode()
    report = import_file(engine, kind="chief-reports", data=data, filename="chiefs.csv")
    assert report.written and report.new == 2, [p.text() for p in report.problems]
    with engine.begin() as conn:
        remove_demo_data(conn)
    got = rows(engine, sa.select(loc.c.id, loc.c.sub_county, loc.c.location,
                                 loc.c.expected_from).order_by(loc.c.id))
    assert got[0] == (loc_id, sub, name, dt.date(2020, 1, 1))  # the database's spelling
    assert got[1][1:] == (sub, "New Location X", dt.date(2020, 1, 1))
    r = s.chief_reports
    assert rows(engine, sa.select(r.c.sentiment, r.c.barazas_held, r.c.top_theme_code)
                .order_by(r.c.location_id)) == [(4, 2, "drugs"), (3, 0, None)]
