"""Exports: export → import into an empty database → export gives identical files (CSV
byte for byte, Excel cell for cell) on both backends; formulas are neutralised; county
metrics as GeoJSON; the export CLI."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from data_access.__main__ import main
from data_access.engine import get_engine
from data_access.exports import EXPORT_KINDS, export_bytes, export_frame
from data_access.imports import TEMPLATES, import_file

# Parents before children, so every reference resolves.
ORDER = ("forums", "concerns", "commitments", "commitment-updates", "chief-reports",
         "crime-counts", "incidents")


@pytest.fixture(scope="module")
def demo_exports(demo_sqlite_url: str) -> dict[str, bytes]:
    demo = get_engine(demo_sqlite_url)
    return {kind: export_bytes(demo, kind=kind, fmt="csv") for kind in ORDER}


def test_round_trip_gives_identical_files(engine, demo_exports: dict[str, bytes]):
    for kind in ORDER:
        report = import_file(engine, kind=kind, data=demo_exports[kind],
                             filename=f"{kind}.csv")
        assert report.written and report.rejected == 0, (kind, report.problems[:3])
        assert report.new == len(export_frame(engine, kind=kind))
    for kind in ORDER:
        again = export_bytes(engine, kind=kind, fmt="csv")
        assert again == demo_exports[kind], f"{kind} differs after the round trip"
    # And importing the exports once more changes nothing.
    for kind in ORDER:
        report = import_file(engine, kind=kind, data=demo_exports[kind],
                             filename=f"{kind}.csv")
        assert (report.new, report.updated, report.written) == (0, 0, False), kind


def test_export_columns_are_the_template(demo_sqlite_url: str):
    demo = get_engine(demo_sqlite_url)
    frame = export_frame(demo, kind="crime-counts")
    assert list(frame.columns) == ["county_code", "county", "category", "period_start",
                                   "period_end", "count", "source"]
    for kind, tpl in TEMPLATES.items():
        assert list(export_frame(demo, kind=kind).columns) == tpl.names, kind


def _cells(data: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(data)).active
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_excel_round_trip(sqlite_url: str, demo_sqlite_url: str):
    demo, target = get_engine(demo_sqlite_url), get_engine(sqlite_url)
    from data_access.engine import init_db

    init_db(target)
    for kind in ("forums", "concerns", "commitments", "crime-counts"):
        first = export_bytes(demo, kind=kind, fmt="xlsx")
        report = import_file(target, kind=kind, data=first, filename=f"{kind}.xlsx")
        assert report.written and report.rejected == 0, (kind, report.problems[:3])
        assert _cells(export_bytes(target, kind=kind, fmt="xlsx")) == _cells(first), kind


def test_formulas_are_stored_as_text_and_neutralised_on_export(engine):
    data = (b"external_id,edition,county,venue,held_on,attendance_total\n"
            b"F-1,=cmd|' /C calc'!A0,Kisumu,@SUM(1+1),2024-01-05,10\n"
            b"F-2,-2+3,Siaya,+254 Hall,2024-01-06,5\n")
    assert import_file(engine, kind="forums", data=data, filename="f.csv").written
    stored = export_frame(engine, kind="forums")
    assert stored["edition"].tolist() == ["=cmd|' /C calc'!A0", "-2+3"]
    csv_text = export_bytes(engine, kind="forums", fmt="csv").decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in csv_text and "'@SUM(1+1)" in csv_text
    assert "'-2+3" in csv_text and "'+254 Hall" in csv_text
    xlsx = _cells(export_bytes(engine, kind="forums", fmt="xlsx"))
    assert xlsx[1][1] == "'=cmd|' /C calc'!A0" and xlsx[1][4] == "'@SUM(1+1)"
    # The neutralised file imports back to the same stored text.
    report = import_file(engine, kind="forums", data=csv_text.encode(), filename="again.csv")
    assert report.unchanged == 2 and not report.written


def test_county_metrics_geojson(demo_sqlite_url: str):
    demo = get_engine(demo_sqlite_url)
    data = json.loads(export_bytes(demo, kind="county-metrics", fmt="geojson"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 47
    nairobi = next(f for f in data["features"] if f["id"] == "047")
    props = nairobi["properties"]
    assert props["county"] == "Nairobi" and props["crimes"] > 0
    assert props["rate_per_100k"] == pytest.approx(props["crimes"] / 4397073 * 1e5, abs=0.05)
    assert nairobi["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert "rate_per_100k" in data["definitions"]
    table = export_frame(demo, kind="county-metrics")
    assert len(table) == 47 and int(table["crimes"].sum()) > 0
    assert set(table["change_verdict"]) <= {"significant", "possible", "too few to tell"}


def test_scoped_export(demo_sqlite_url: str):
    demo = get_engine(demo_sqlite_url)
    everything = export_frame(demo, kind="incidents")
    import datetime as dt

    start, end = dt.date(2025, 1, 1), dt.date(2025, 6, 30)
    part = export_frame(demo, kind="incidents", county_codes=("001",), start=start, end=end)
    expected = everything[(everything["county_code"] == "001")
                          & (pd.to_datetime(everything["occurred_on"]).dt.date >= start)
                          & (pd.to_datetime(everything["occurred_on"]).dt.date <= end)]
    assert part["external_id"].tolist() == expected["external_id"].tolist()


@pytest.mark.parametrize("kind", EXPORT_KINDS)
def test_export_cli_writes_every_kind(demo_sqlite_url: str, tmp_path, capsys, kind: str):
    out = tmp_path / f"{kind}.csv"
    assert main(["--db", demo_sqlite_url, "export", kind, "-o", str(out)]) == 0
    rows = len(pd.read_csv(out))
    assert capsys.readouterr().out.strip() == f"Wrote {rows} rows of {kind} to {out}"


def test_export_cli_refuses_unknown_format(demo_sqlite_url: str, tmp_path, capsys):
    assert main(["--db", demo_sqlite_url, "export", "crime-counts", "-o",
                 str(tmp_path / "x.geojson")]) == 2
    assert "must end in .csv or .xlsx" in capsys.readouterr().err
    assert main(["--db", demo_sqlite_url, "export", "county-metrics", "-o",
                 str(tmp_path / "m.geojson")]) == 0
