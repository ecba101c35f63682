"""Table-driven: one bad file per import rule, each refused with its message and with the
database exactly as before (every table's row count and the data version).

The files are in tests/fixtures/imports/. They run against one SQLite database holding a
small demo load plus a forum → concern → commitment → update chain imported from the
``base_*.csv`` files, so references, append-only history and demo separation are real.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access.engine import data_version, get_engine, init_db
from data_access.imports import import_file
from data_access.schema import metadata
from tests.clock import DEMO_END_MONTH

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "imports"


def snapshot(engine) -> dict[str, object]:
    """Row count of every table plus the data version: equal snapshots = nothing written."""
    with engine.connect() as conn:
        counts = {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                  for t in metadata.sorted_tables}
    counts["data_version"] = data_version(engine)
    return counts


def load(engine, kind: str, name: str, **kwargs):
    return import_file(engine, kind=kind, data=(FIXTURES / name).read_bytes(), filename=name,
                       **kwargs)


@pytest.fixture(scope="module")
def base_engine(tmp_path_factory: pytest.TempPathFactory):
    """Demo data (seed 7, 1 year, 2,000 incidents) plus the base chain F-1 → C-1 → K-1 → U-1."""
    from data_access.demo import generate_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('badfiles') / 'base.db'}"
    engine = get_engine(url)
    init_db(engine)
    generate_demo(engine, seed=7, years=1, incidents=2000, end_month=DEMO_END_MONTH)
    for kind, name in (("forums", "base_forums.csv"), ("concerns", "base_concerns.csv"),
                       ("commitments", "base_commitments.csv"),
                       ("commitment-updates", "base_updates.csv")):
        report = load(engine, kind, name)
        assert report.written, (name, [p.text() for p in report.problems])
    yield engine
    engine.dispose()


@dataclass(frozen=True)
class Case:
    kind: str
    file: str
    message: str  # must appear in the problem's message (or suggestion)
    row: int | None = None  # spreadsheet row of the problem (None: the file as a whole)
    column: str | None = None


CASES = [
    # county names
    Case("crime-counts", "cc_unknown_county.csv", "'Nairobbi West' is not a Kenyan county", 3,
         "county"),
    Case("crime-counts", "cc_region.csv", "'Coast' is a region, not a county", 2, "county"),
    Case("crime-counts", "cc_subcounty.csv", "'Kasarani' is a sub-county of Nairobi", 2,
         "county"),
    Case("crime-counts", "cc_total_row.csv", "national or total figure, not a county", 3,
         "county"),
    Case("crime-counts", "cc_county_code_mismatch.csv",
         "code 022 is Kiambu but the county column says Nairobi", 2, "county_code"),
    Case("crime-counts", "cc_missing_value.csv", "county is required", 2, "county"),
    # categories and themes
    Case("crime-counts", "cc_unknown_category.csv",
         "'Homicde' is not a known police crime category", 2, "category"),
    Case("concerns", "con_unknown_theme.csv", "'Cattle Rustlng' is not a known concern theme",
         2, "theme"),
    Case("commitments", "com_unknown_institution.csv",
         "'Ministry of Magic' is not a known institution", 2, "institution"),
    Case("commitment-updates", "upd_unknown_status.csv",
         "'Almost there' is not a known commitment status", 2, "status"),
    # counts
    Case("crime-counts", "cc_count_decimal.csv", "'12.5' is not a whole number", 2, "count"),
    Case("crime-counts", "cc_count_negative.csv", "'-3' is negative", 2, "count"),
    Case("crime-counts", "cc_count_text.csv", "'twelve' is not a number", 2, "count"),
    Case("chief-reports", "chief_sentiment_range.csv", "'7' is out of range (1 to 5)", 2,
         "sentiment"),
    # dates and periods
    Case("crime-counts", "cc_date_unparseable.csv", "'last month' is not a date", 2,
         "period_start"),
    Case("crime-counts", "cc_date_invalid.csv", "'31/02/2023' is not a real date", 2,
         "period_start"),
    Case("crime-counts", "cc_date_two_digit_year.csv", "two-digit year, which is ambiguous", 2,
         "period_start"),
    Case("crime-counts", "cc_date_ambiguous.csv", "'03/04/2023' is ambiguous", 3,
         "period_start"),
    Case("crime-counts", "cc_date_ambiguous.csv", "there is no month 31", 2, "period_start"),
    Case("crime-counts", "cc_date_future.csv", "is in the future", 2, "period_start"),
    Case("chief-reports", "chief_month_future.csv", "a month that has not begun yet", 2,
         "month"),
    Case("crime-counts", "cc_period_order.csv",
         "the period ends (2023-02-01) before it starts (2023-03-01)", 2, "period_end"),
    Case("crime-counts", "cc_period_grain.csv",
         "is not one day, one calendar month or one calendar year", 2, "period_end"),
    Case("commitments", "com_due_before_made.csv", "is before the commitment was made", 2,
         "due_on"),
    Case("commitment-updates", "upd_before_made.csv", "dated before the commitment was made",
         2, "updated_on"),
    # coordinates
    Case("incidents", "inc_outside_kenya.csv", "(0.3476, 32.5825) is outside Kenya", 2,
         "latitude"),
    Case("incidents", "inc_swapped.csv", "Latitude and longitude look swapped", 2, "latitude"),
    Case("incidents", "inc_far_from_county.csv", "km outside Mombasa (more than 25 km)", 2,
         "latitude"),
    Case("incidents", "inc_one_coordinate.csv", "only one coordinate given", 2, "longitude"),
    Case("incidents", "inc_coordinate_text.csv", "'south' is not a number", 2, "latitude"),
    # duplicates inside the file
    Case("crime-counts", "cc_duplicate.csv", "duplicate of row 2", 3, "county"),
    Case("crime-counts", "cc_duplicate_conflict.csv", "row 3 gives the same county, category, "
         "period and source with different values", 2, "county"),
    Case("incidents", "inc_duplicate_no_id.csv", "duplicate of row 2", 3, "external_id"),
    # structure of rows and text
    Case("crime-counts", "cc_stray_cells.csv", "has values beyond the last column", 2, None),
    Case("concerns", "con_summary_too_long.csv", "is 2,100 characters long; at most 2,000", 2,
         "summary"),
    # references, history, demo separation
    Case("concerns", "con_unknown_forum.csv", "forum 'F-NOPE' is not in the database", 2,
         "forum_external_id"),
    Case("commitment-updates", "upd_fulfilled_no_evidence.csv",
         "a fulfilled commitment needs evidence", 2, "evidence"),
    Case("commitment-updates", "upd_changed.csv", "the status history is append-only", 2,
         "external_id"),
    Case("forums", "demo_forum_id.csv", "already exists as demo data", 2, "external_id"),
    Case("commitments", "demo_concern_ref.csv", "concern 'demo-con-0001' is demo data", 2,
         "concern_external_id"),
    # the file as a whole
    Case("crime-counts", "empty.csv", "empty.csv is empty"),
    Case("crime-counts", "header_only.csv", "has a header row (row 1) but no data rows"),
    Case("crime-counts", "not_template.csv", "does not look like the crime-counts template"),
    Case("crime-counts", "missing_column.csv", "missing required column(s) count"),
    Case("crime-counts", "unknown_column.csv", "unknown column(s) remarks"),
    Case("crime-counts", "repeated_column.csv", "count appear more than once"),
    Case("crime-counts", "photo.csv", "photo.csv is a PNG image, not a CSV or Excel file"),
    Case("crime-counts", "old.xls", "old-format Excel file (.xls)"),
    Case("crime-counts", "binary.csv", "binary.csv is a binary file"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.file}:{c.message[:30]}")
def test_bad_file_is_refused_with_its_message_and_nothing_written(base_engine, case: Case):
    before = snapshot(base_engine)
    report = load(base_engine, case.kind, case.file)
    after = snapshot(base_engine)

    assert after == before, "the database changed"
    assert not report.ok and not report.written
    assert report.imported == 0
    texts = [f"{p.message} {p.suggestion}" for p in report.problems]
    matching = [p for p in report.problems if case.message in f"{p.message} {p.suggestion}"]
    assert matching, f"no problem says {case.message!r}; got {texts}"
    problem = matching[0]
    assert problem.row == case.row
    assert problem.column == case.column
    if case.row is None:
        assert report.file_refused
        assert report.summary_line == "0 rows imported, file refused — nothing written"
    else:
        assert report.summary_line.startswith(f"0 rows imported, {report.rejected} rejected")


def test_too_large_file_is_refused(base_engine, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("JUKWAA_MAX_UPLOAD_MB", "1")
    row = "Kisumu,Robbery,2023-01-01,2023-01-31,4,NPS test\n"
    data = ("county,category,period_start,period_end,count,source\n"
            + row * (1_100_000 // len(row))).encode()
    before = snapshot(base_engine)
    report = import_file(base_engine, kind="crime-counts", data=data, filename="big.csv")
    assert snapshot(base_engine) == before
    assert report.file_refused
    assert "big.csv is 1.1 MB; the largest file accepted is 1.0 MB" in report.problems[0].message


def test_every_rule_has_a_fixture():
    """Each fixture file is used by the table (no stale or forgotten files)."""
    used = {c.file for c in CASES} | {"real_police_table.csv", "real_semicolon_cp1252.csv"}
    used |= {f"base_{k}.csv" for k in ("forums", "concerns", "commitments", "updates")}
    assert used == {p.name for p in FIXTURES.iterdir()}


def test_skip_invalid_imports_only_the_valid_rows(base_engine):
    report = load(base_engine, "crime-counts", "cc_unknown_county.csv", skip_invalid=True)
    assert report.ok and report.written
    assert (report.new, report.rejected) == (1, 1)
    assert report.summary_line.startswith("1 rows imported, 1 rejected")
    rejects = report.rejects
    assert list(rejects.columns) == ["row", "county", "category", "period_start", "period_end",
                                     "count", "source", "problems"]
    assert rejects["row"].tolist() == [3]
    assert "county: 'Nairobbi West' is not a Kenyan county" in rejects["problems"].iloc[0]
    # Importing the same file again changes nothing.
    before = snapshot(base_engine)
    again = load(base_engine, "crime-counts", "cc_unknown_county.csv", skip_invalid=True)
    assert snapshot(base_engine) == before
    assert (again.new, again.unchanged, again.imported) == (0, 1, 0)


def test_dry_run_writes_nothing_even_when_valid(base_engine):
    before = snapshot(base_engine)
    report = load(base_engine, "crime-counts", "real_police_table.csv", dry_run=True)
    assert snapshot(base_engine) == before
    assert report.ok and not report.written and report.new == 5
    assert "nothing written" in report.summary_line


def test_today_bounds_future_dates(base_engine):
    early = dt.date(2022, 12, 31)
    report = load(base_engine, "crime-counts", "real_police_table.csv", dry_run=True,
                  today=early)
    assert report.rejected == 5
    assert all("is in the future" in p.message for p in report.problems)


def test_environment_is_clean():
    assert os.environ.get("JUKWAA_MAX_UPLOAD_MB") in (None, "")
