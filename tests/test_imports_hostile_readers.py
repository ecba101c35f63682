"""Hostile and broken files at the readers: each is refused whole with a message naming
where it went wrong, or imported whole with nothing lost, quickly and in little memory.

The files are built here from bytes (the shared corpus of hostile files is
tests/fixtures/hostile/, see test_hostile_corpus.py). Refusals are checked through
``import_file`` against a real SQLite database, which must be unchanged afterwards.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from data_access import schema as s
from data_access.engine import get_engine, init_db
from data_access.imports import import_file, readers
from data_access.imports.readers import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    FileRefused,
    read_table,
)
from data_access.imports.templates import get_template
from data_access.imports.validate import MAX_PROBLEMS, Problem
from tests.test_imports_badfiles import snapshot

TODAY = dt.date(2026, 11, 15)
CONCERNS = "external_id,forum_external_id,origin,county,theme,summary,raised_by_group,raised_on\n"
COUNTS = "county,category,period_start,period_end,count,source\n"
COUNT_ROW = "Kisumu,Robbery,2023-01-01,2023-01-31,4,NPS test\n"


def concern(i: int, summary: str = "Theft at night") -> str:
    return f"C-{i},,live_capture,Nairobi,Drugs,{summary},youth,2024-01-0{i}\n"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    """An empty SQLite database with the schema and reference data."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile_readers') / 'hostile.db'}"
    eng = get_engine(url)
    init_db(eng)
    yield eng
    eng.dispose()


def refused(engine, kind: str, data: bytes | str, filename: str) -> str:
    """Import ``data``; assert the file is refused whole with nothing written; its message."""
    if isinstance(data, str):
        data = data.encode()
    before = snapshot(engine)
    report = import_file(engine, kind=kind, data=data, filename=filename, today=TODAY)
    assert snapshot(engine) == before, "the database changed"
    assert report.file_refused and not report.written, [p.text() for p in report.problems]
    assert report.summary_line == "0 rows imported, file refused — nothing written"
    return report.problems[0].message


def read(kind: str, data: bytes | str, filename: str = "f.csv"):
    if isinstance(data, str):
        data = data.encode()
    return read_table(data, filename, get_template(kind), max_bytes=200_000_000)


# ----------------------------------------------------------------------- CSV quotes


def test_a_stray_quote_that_swallows_rows_is_refused_with_its_line(engine):
    # 5 concerns; the quote opened on line 3 closes on line 6: lines 4-5 are rows.
    data = (CONCERNS + concern(1) + concern(2, '"Bad drugs') + concern(3) + concern(4)
            + concern(5, 'end" of it'))
    message = refused(engine, "concerns", data, "concerns.csv")
    assert message.startswith(
        "concerns.csv, line 3: a quote opened here (column summary) is only closed on line 6, "
        "so the next 3 lines were read into one cell, and they look like rows of their own.")
    assert 'written twice ("")' in message


def test_a_quote_never_closed_is_refused(engine):
    data = CONCERNS + concern(1) + concern(2, '"Bad drugs') + concern(3) + concern(4)
    message = refused(engine, "concerns", data, "open.csv")
    assert message.startswith(
        "open.csv, line 3: a quote opened here (column summary) is never closed, so the next "
        "2 lines were read into one cell up to the end of the file.")


def test_a_quote_opened_on_the_last_line_is_refused(engine):
    data = CONCERNS + concern(1) + concern(2, '"Bad drugs')
    message = refused(engine, "concerns", data, "last.csv")
    assert message.startswith("last.csv, line 3: a quote opened here (column summary) is "
                              "never closed: the file ends inside it.")


def test_a_runaway_quote_over_the_line_limit_is_refused_with_its_line(engine):
    rows = [concern(1)] * 20_000  # 1.3 MB after the quote: more than one cell may hold
    data = CONCERNS + concern(1) + concern(2, '"Bad drugs') + "".join(rows)
    started = time.perf_counter()
    message = refused(engine, "concerns", data, "runaway.csv")
    assert time.perf_counter() - started < 10
    assert message.startswith("runaway.csv, line 3: a quote opened on this line runs on for "
                              "more than 1,000,000 characters (to line ")


def test_a_line_break_inside_a_cell_still_imports(engine):
    # Alt+Enter in Excel: a quoted cell over two lines, with a comma, on CRLF lines.
    data = (CONCERNS + concern(1, '"First line\nsecond line, with a comma"') + concern(2)) \
        .replace("\n", "\r\n").replace('line\r\nsecond', 'line\nsecond')
    report = import_file(engine, kind="concerns", data=data.encode(), filename="multi.csv",
                         today=TODAY)
    assert report.written and report.rejected == 0, [p.text() for p in report.problems]
    with engine.connect() as conn:
        summaries = conn.execute(sa.select(s.concerns.c.summary)
                                 .where(s.concerns.c.external_id.in_(["C-1", "C-2"]))
                                 .order_by(s.concerns.c.external_id)).scalars().all()
    assert summaries == ["First line\nsecond line, with a comma", "Theft at night"]


# --------------------------------------------------------------- CSV lines and text


def test_carriage_return_only_line_endings_read_every_row():
    raw = read("crime-counts", (COUNTS + COUNT_ROW * 3).replace("\n", "\r"))
    assert len(raw.frame) == 3
    assert raw.frame["source"].tolist() == ["NPS test"] * 3


def test_a_cell_over_excels_limit_is_refused_naming_row_and_column(engine):
    data = COUNTS + COUNT_ROW + COUNT_ROW.replace("NPS test", "x" * 200_000)
    message = refused(engine, "crime-counts", data, "long.csv")
    assert message.startswith(
        f"long.csv, row 3, column source: the cell is 200,000 characters long; the longest "
        f"cell accepted is {MAX_CELL_CHARS:,} characters (Excel's limit).")


def test_a_file_without_line_breaks_is_refused_as_such(engine):
    started = time.perf_counter()
    message = refused(engine, "crime-counts", "x" * 3_000_000, "one.csv")
    assert message.startswith("one.csv, line 1: the line is 3,000,000 characters long without "
                              "a line break; the longest line accepted is 1,000,000 characters.")
    assert time.perf_counter() - started < 10


def test_a_utf8_line_in_a_windows_file_keeps_both_spellings():
    data = (COUNTS.encode() + COUNT_ROW.replace("NPS test", "Café NPS").encode("cp1252")
            + COUNT_ROW.replace("NPS test", "Murang’a – “NPS”").encode("utf-8"))
    raw = read("crime-counts", data)
    assert raw.frame["source"].tolist() == ["Café NPS", "Murang’a – “NPS”"]


def test_a_nul_byte_anywhere_is_refused_as_binary(engine):
    late = COUNT_ROW.replace("NPS test", "NPS\x00test")
    data = COUNTS + COUNT_ROW * 2000 + late  # the NUL lies past the first 64 KB
    offset = data.index("\x00")
    assert offset > 65536
    message = refused(engine, "crime-counts", data, "nul.csv")
    assert message.startswith(f"nul.csv is a binary file, not a CSV (text) file: it holds a "
                              f"NUL byte at byte {offset:,} (line 2,002).")


def test_control_characters_are_removed_and_noted(engine):
    data = CONCERNS + concern(6, "Road\x0bblock\x1b[31m at\x07 night") + concern(7)
    report = import_file(engine, kind="concerns", data=data.encode(), filename="ctl.csv",
                         today=TODAY)
    assert report.written and report.rejected == 0, [p.text() for p in report.problems]
    assert ("row 2, summary: removed 2 control characters and made 1 vertical tab or form "
            "feed a line break") in report.notes
    with engine.connect() as conn:
        stored = conn.execute(sa.select(s.concerns.c.summary)
                              .where(s.concerns.c.external_id == "C-6")).scalar_one()
    assert stored == "Road\nblock[31m at night"


# --------------------------------------------------------------------------- limits


def test_a_million_empty_header_cells_are_refused_fast(engine):
    data = COUNTS.strip() + "," * 1_000_000 + "\n" + COUNT_ROW
    started = time.perf_counter()
    message = refused(engine, "crime-counts", data, "wide_header.csv")
    assert time.perf_counter() - started < 10
    assert message.startswith(f"wide_header.csv, line 1: 1,000,006 cells (separated by ','); "
                              f"at most {MAX_COLUMNS} columns are read.")


def test_a_row_of_a_million_cells_is_refused_fast(engine):
    started = time.perf_counter()
    message = refused(engine, "crime-counts", COUNTS + "a," * 1_000_000 + "\n", "wide.csv")
    assert time.perf_counter() - started < 10
    assert message.startswith(f"wide.csv, line 2: 1,000,001 cells (separated by ','); at most "
                              f"{MAX_COLUMNS} columns are read.")


def test_a_row_wider_than_the_column_limit_is_refused_with_its_line(engine):
    data = COUNTS + COUNT_ROW + "a," * 300 + "\n"
    message = refused(engine, "crime-counts", data, "wide300.csv")
    assert message.startswith(f"wide300.csv, line 3: 301 cells; at most {MAX_COLUMNS} columns "
                              "are read.")


def test_problems_are_capped_and_the_rest_counted(engine):
    # 100,000 rows "Z": five problems each; only the first MAX_PROBLEMS are kept.
    data = (COUNTS + "Z\n" * 100_000).encode()
    started = time.perf_counter()
    report = import_file(engine, kind="crime-counts", data=data, filename="z.csv", today=TODAY)
    assert time.perf_counter() - started < 30
    assert not report.written and report.rejected == 100_000
    assert len(report.problems) == MAX_PROBLEMS
    assert report.more_problems == 500_000 - MAX_PROBLEMS
    assert report.problems[0].row == 2 and report.problems[-1].row == 201  # the first rows
    assert report.more_problems_line.startswith("…and 499,000 more problems (only the first "
                                                "1,000 are listed")
    frame = report.problems_frame()
    assert len(frame) == MAX_PROBLEMS + 1 and frame["problem"].iat[-1].startswith("…and 499,000")
    # Every rejected row is in the rejects file, the unlisted ones saying why.
    assert len(report.rejects) == 100_000
    assert report.rejects["problems"].iat[-1].startswith("rejected; its reasons are not listed")


def test_many_copies_of_one_row_are_refused_quickly(engine):
    data = (COUNTS + COUNT_ROW * 50_000).encode()
    started = time.perf_counter()
    report = import_file(engine, kind="crime-counts", data=data, filename="dup.csv", today=TODAY)
    assert time.perf_counter() - started < 30
    assert report.rejected == 49_999 and report.more_problems == 49_999 - MAX_PROBLEMS
    assert report.problems[0].text() == ("row 3, column county: duplicate of row 2: same county, "
                                         "category, period and source — Remove the repeated row")


def test_lines_of_z_without_a_header_are_refused_quickly(engine):
    started = time.perf_counter()
    message = refused(engine, "crime-counts", "Z\n" * 300_000, "z_only.csv")
    assert time.perf_counter() - started < 10
    assert message.startswith("z_only.csv does not look like the crime-counts template")


# ------------------------------------------------------------------------ workbooks


def _xlsx(sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        if title in hidden:
            ws.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rezip(data: bytes, change) -> bytes:
    """The workbook with each part's bytes passed through ``change(name, bytes)``; parts
    it returns None for are dropped, and ``change(None, None)`` may add parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
        for name, extra in (change(None, None) or {}).items():
            dst.writestr(name, extra)
    return out.getvalue()


HEADER = ["county", "category", "period_start", "period_end", "count", "source"]


def _count_rows(n: int) -> list[list]:
    return [["Kisumu", "Robbery", f"2023-{m:02d}-01", f"2023-{m:02d}-28", m, "NPS"]
            for m in range(1, n + 1)]


def test_a_stale_sheet_dimension_does_not_hide_rows():
    rows = [HEADER] + [["Kisumu", "Robbery", "2023-01-01", "2023-01-31", i, f"NPS {i}"]
                       for i in range(10)]

    def stale(name, body):
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:F2"/>', body)
        return None if name is None else body

    data = _rezip(_xlsx({"data": rows}), stale)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert b'<dimension ref="A1:F2"/>' in zf.read("xl/worksheets/sheet1.xml")
    raw = read("crime-counts", data, "stale.xlsx")
    assert len(raw.frame) == 10
    assert raw.frame["source"].tolist() == [f"NPS {i}" for i in range(10)]


def test_a_workbook_that_unzips_too_large_is_refused_before_opening(
        engine, monkeypatch: pytest.MonkeyPatch):
    data = _xlsx({"data": [HEADER, *_count_rows(3)]})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        total = sum(i.file_size for i in zf.infolist())
    monkeypatch.setattr(readers, "MAX_UNZIPPED_BYTES", 5_000)
    message = refused(engine, "crime-counts", data, "big.xlsx")
    assert message.startswith(f"big.xlsx unzips to {total / 1e6:,.1f} MB; the largest workbook "
                              "accepted unzips to 0.0 MB.")


def test_a_zip_bomb_part_is_refused(engine):
    def pad(name, body):
        return {"xl/media/pad.bin": b"\0" * 20_000_000} if name is None else body

    data = _rezip(_xlsx({"data": [HEADER, *_count_rows(3)]}), pad)
    assert len(data) < 200_000
    started = time.perf_counter()
    message = refused(engine, "crime-counts", data, "bomb.xlsx")
    assert time.perf_counter() - started < 10
    assert message.startswith("bomb.xlsx: its part xl/media/pad.bin unzips to 20.0 MB from")
    assert "refused as a possible zip bomb" in message


def test_hidden_sheets_are_not_imported():
    data = _xlsx({"data": [HEADER, *_count_rows(2)],
                  "old": [HEADER, ["Nairobi", "Robbery", "2023-05-01", "2023-05-31", 99, "x"]]},
                 hidden=("old",))
    raw = read("crime-counts", data, "two.xlsx")
    assert raw.sheet == "data" and raw.frame["county"].tolist() == ["Kisumu", "Kisumu"]


def test_a_header_only_on_a_hidden_sheet_is_refused(engine):
    data = _xlsx({"notes": [["Read me"]], "data": [HEADER, *_count_rows(2)]}, hidden=("data",))
    message = refused(engine, "crime-counts", data, "hidden.xlsx")
    assert message.startswith("hidden.xlsx: the crime-counts header is on sheet 'data', which "
                              "is hidden; hidden sheets are not imported.")


def test_a_workbook_row_wider_than_the_limit_is_refused(engine):
    wide = ["Kisumu", "Robbery", "2023-01-01", "2023-01-31", 1, "x"] + [None] * 294 + ["far"]
    data = _xlsx({"data": [HEADER, *_count_rows(1), wide]})
    message = refused(engine, "crime-counts", data, "wide.xlsx")
    assert message.startswith(f"wide.xlsx, sheet 'data', row 3: 301 cells; at most "
                              f"{MAX_COLUMNS} columns are read.")


def test_a_wide_sheet_beside_the_table_is_left_alone():
    pivot = [[f"c{i}" for i in range(400)]]
    data = _xlsx({"pivot": pivot, "data": [HEADER, *_count_rows(2)]})
    raw = read("crime-counts", data, "pivot.xlsx")
    assert raw.sheet == "data" and len(raw.frame) == 2


def test_a_workbook_over_the_cell_budget_is_refused(engine, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(readers, "MAX_WORKBOOK_CELLS", 60)
    data = _xlsx({"data": [HEADER, *_count_rows(12)]})  # 13 rows of 6 cells
    message = refused(engine, "crime-counts", data, "many.xlsx")
    assert message.startswith("many.xlsx: the workbook holds more than 60 cells (formatted "
                              "empty cells count too)")
    assert "Save it as CSV (CSV UTF-8)" in message
    # Counted from the sheet's XML, exactly: the same workbook fits a budget of its 78 cells.
    monkeypatch.setattr(readers, "MAX_WORKBOOK_CELLS", 78)
    assert len(read("crime-counts", data, "many.xlsx").frame) == 12


def test_a_date_time_cell_keeps_its_date_and_says_the_time_was_dropped(engine):
    data = _xlsx({"data": [["occurred_on", "county", "category", "external_id"],
                           [dt.datetime(2024, 3, 5, 14, 30), "Kisumu", "Robbery", "T-1"],
                           [dt.datetime(2024, 3, 6), "Kisumu", "Robbery", "T-2"]]})
    report = import_file(engine, kind="incidents", data=data, filename="times.xlsx",
                         today=TODAY)
    assert report.written, [p.text() for p in report.problems]
    assert ("row 2, occurred_on: time of day 14:30 dropped: the template records dates only"
            in report.notes)
    with engine.connect() as conn:
        got = conn.execute(sa.select(s.incidents.c.occurred_on)
                           .where(s.incidents.c.external_id == "T-1")).scalar_one()
    assert got == dt.date(2024, 3, 5)


# ---------------------------------------------------------------- terminal output


def test_problem_text_cannot_repaint_the_terminal(engine):
    data = COUNTS + COUNT_ROW.replace("Kisumu", "\x1b[2J\x1b[31mKisumu")
    report = import_file(engine, kind="crime-counts", data=data.encode(), filename="ansi.csv",
                         today=TODAY)
    texts = [p.text() for p in report.problems]
    assert texts and not any(re.search(r"[\x00-\x1f\x7f-\x9f]", t) for t in texts), texts
    line = Problem(2, "county", "x", "'\x1b[2Jx\ny' is not a county").text()
    assert line == "row 2, column county: '[2Jx\\ny' is not a county"


def test_file_refused_messages_are_stable_prefixes():
    """The wording H2's corpus and the docs rely on (see the module docstring)."""
    with pytest.raises(FileRefused, match=r"^f\.csv is empty"):
        read("crime-counts", "   \n\n")
