"""Exports: export → import into an empty database → export gives identical files (CSV
byte for byte, Excel cell for cell) on both backends; formulas are neutralised; county
metrics as GeoJSON; the export CLI."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from data_access.__main__ import main
from data_access.engine import get_engine
from data_access.exports import EXPORT_KINDS, export_bytes, export_frame
from data_access.figures.calendar import month_end, month_range
from data_access.figures.change import VERDICTS
from data_access.figures.coverage import default_period
from data_access.figures.crime import county_crime
from data_access.figures.scope import Audience, Period, Scope
from data_access.imports import TEMPLATES, import_file

INTERNAL = Audience.INTERNAL

# Parents before children, so every reference resolves.
ORDER = ("forums", "concerns", "commitments", "commitment-updates", "chief-reports",
         "crime-counts", "incidents")


@pytest.fixture(scope="module")
def demo_exports(demo_sqlite_url: str) -> dict[str, bytes]:
    demo = get_engine(demo_sqlite_url)
    return {kind: export_bytes(demo, audience=INTERNAL, kind=kind, fmt="csv")
            for kind in ORDER}


def test_round_trip_gives_identical_files(engine, demo_exports: dict[str, bytes]):
    for kind in ORDER:
        report = import_file(engine, kind=kind, data=demo_exports[kind],
                             filename=f"{kind}.csv")
        assert report.written and report.rejected == 0, (kind, report.problems[:3])
        assert report.new == len(export_frame(engine, audience=INTERNAL, kind=kind))
    for kind in ORDER:
        again = export_bytes(engine, audience=INTERNAL, kind=kind, fmt="csv")
        assert again == demo_exports[kind], f"{kind} differs after the round trip"
    # And importing the exports once more changes nothing.
    for kind in ORDER:
        report = import_file(engine, kind=kind, data=demo_exports[kind],
                             filename=f"{kind}.csv")
        assert (report.new, report.updated, report.written) == (0, 0, False), kind


def test_export_columns_are_the_template(demo_sqlite_url: str):
    demo = get_engine(demo_sqlite_url)
    frame = export_frame(demo, audience=INTERNAL, kind="crime-counts")
    assert list(frame.columns) == ["county_code", "county", "category", "period_start",
                                   "period_end", "count", "source"]
    for kind, tpl in TEMPLATES.items():
        columns = export_frame(demo, audience=INTERNAL, kind=kind).columns
        assert list(columns) == tpl.names, kind


def _cells(data: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(data)).active
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_excel_round_trip(sqlite_url: str, demo_sqlite_url: str):
    demo, target = get_engine(demo_sqlite_url), get_engine(sqlite_url)
    from data_access.engine import init_db

    init_db(target)
    for kind in ("forums", "concerns", "commitments", "crime-counts"):
        first = export_bytes(demo, audience=INTERNAL, kind=kind, fmt="xlsx")
        report = import_file(target, kind=kind, data=first, filename=f"{kind}.xlsx")
        assert report.written and report.rejected == 0, (kind, report.problems[:3])
        again = export_bytes(target, audience=INTERNAL, kind=kind, fmt="xlsx")
        assert _cells(again) == _cells(first), kind


def test_formulas_are_stored_as_text_and_neutralised_on_export(engine):
    data = (b"external_id,edition,county,venue,held_on,attendance_total\n"
            b"F-1,=cmd|' /C calc'!A0,Kisumu,@SUM(1+1),2024-01-05,10\n"
            b"F-2,-2+3,Siaya,+254 Hall,2024-01-06,5\n")
    assert import_file(engine, kind="forums", data=data, filename="f.csv").written
    stored = export_frame(engine, audience=INTERNAL, kind="forums")
    assert stored["edition"].tolist() == ["=cmd|' /C calc'!A0", "-2+3"]
    csv_text = export_bytes(engine, audience=INTERNAL, kind="forums",
                            fmt="csv").decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in csv_text and "'@SUM(1+1)" in csv_text
    assert "'-2+3" in csv_text and "'+254 Hall" in csv_text
    xlsx = _cells(export_bytes(engine, audience=INTERNAL, kind="forums", fmt="xlsx"))
    assert xlsx[1][1] == "'=cmd|' /C calc'!A0" and xlsx[1][4] == "'@SUM(1+1)"
    # The neutralised file imports back to the same stored text.
    report = import_file(engine, kind="forums", data=csv_text.encode(), filename="again.csv")
    assert report.unchanged == 2 and not report.written


def test_county_metrics_geojson(demo_sqlite_url: str):
    demo = get_engine(demo_sqlite_url)
    data = json.loads(export_bytes(demo, audience=INTERNAL, kind="county-metrics",
                                   fmt="geojson"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 47
    nairobi = next(f for f in data["features"] if f["id"] == "047")
    props = nairobi["properties"]
    assert props["county"] == "Nairobi" and props["crimes"] > 0
    if props["crime_basis"] == "monthly":  # a rate only for data in every month
        assert props["rate_per_100k"] == pytest.approx(props["crimes"] / 4397073 * 1e5,
                                                       abs=0.05)
    assert nairobi["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert {"rate_per_100k", "crimes", "change_verdict"} <= set(data["definitions"])
    table = export_frame(demo, audience=INTERNAL, kind="county-metrics")
    assert len(table) == 47 and int(table["crimes"].sum()) > 0
    assert set(table["change_verdict"]) <= set(VERDICTS)


# --- county metrics: the crime figures are the pages' (data_access.figures) -------------


def _crime_csv(rows: list[tuple[str, str, dt.date, int]]) -> bytes:
    """Published monthly counts (county name, category, month, count) as an import file."""
    lines = ["county,category,period_start,period_end,count,source"]
    lines += [f"{county},{category},{m.isoformat()},{month_end(m).isoformat()},{n},test"
              for county, category, m, n in rows]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def known_crime(engine):
    """Known monthly counts, Nov 2024 – Oct 2026 (today is 15 Nov 2026, tests/clock.py):
    Mombasa every month (robbery 20 + i, homicide 3); Kwale only from Nov 2025 (robbery
    30); Kilifi never (no data). March is special for Mombasa: 25 in Mar 2025 and 60 in
    Mar 2026, with 99 in Feb 2026, so a comparison with February shows up."""
    rows = []
    for i, m in enumerate(month_range(dt.date(2024, 11, 1), dt.date(2026, 10, 1))):
        robbery = {dt.date(2025, 3, 1): 25, dt.date(2026, 3, 1): 60,
                   dt.date(2026, 2, 1): 99}.get(m, 20 + i)
        rows += [("Mombasa", "Robbery", m, robbery), ("Mombasa", "Homicide", m, 3)]
        if m >= dt.date(2025, 11, 1):
            rows.append(("Kwale", "Robbery", m, 30))
    report = import_file(engine, kind="crime-counts", data=_crime_csv(rows),
                         filename="counts.csv")
    assert report.written and report.rejected == 0, report.problems[:3]
    return engine


COAST = ("001", "002", "003", "004", "005", "006")


def _assert_same_as_figures(table: pd.DataFrame, figures: pd.DataFrame,
                            audience: Audience = Audience.INTERNAL) -> None:
    """count, previous, like-for-like count, verdict, basis and rate per county equal
    county_crime's (blank where it has NaN); for the public audience each count is the
    text the public pages show (county_crime's ``_display``)."""
    fig = figures.set_index("county_code")
    got = table.set_index("county_code")
    assert list(got.index) == list(fig.index)
    counts = (("crimes", "count"), ("previous_crimes", "previous"),
              ("crimes_compared", "current_compared"))
    if audience == Audience.PUBLIC:
        for mine, theirs in counts:
            assert got[mine].tolist() == fig[f"{theirs}_display"].fillna("").tolist(), mine
        counts = ()
    for mine, theirs in (*counts, ("months_with_data", "months_covered"),
                         ("months_compared", "months_compared")):
        expected = fig[theirs].astype("float64")
        actual = got[mine].astype("Float64").astype("float64")
        assert actual.isna().equals(expected.isna()), mine
        assert actual.fillna(-1).tolist() == expected.fillna(-1).tolist(), mine
    assert got["change_verdict"].tolist() == fig["verdict"].tolist()
    assert got["crime_basis"].tolist() == fig["basis"].tolist()
    assert got["rate_per_100k"].fillna(-1).tolist() == \
        fig["rate_per_100k"].round(1).fillna(-1).tolist()
    assert got["change_pct"].fillna(-999).tolist() == \
        fig["pct_change"].round(1).fillna(-999).tolist()


def test_county_metrics_are_county_crime_of_the_scope(known_crime):
    scope = Scope(Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)), Audience.INTERNAL,
                  region="coast")
    table = export_frame(known_crime, audience=INTERNAL, kind="county-metrics", scope=scope)
    _assert_same_as_figures(table, county_crime(scope, engine=known_crime))
    assert (table["period_start"] == "2026-01-01").all()
    assert (table["period_end"] == "2026-06-30").all()
    # Compared with the same months a year earlier, never the months just before.
    assert (table["compared_with_start"] == "2025-01-01").all()
    assert (table["compared_with_end"] == "2025-06-30").all()
    mombasa = table.set_index("county_code").loc["001"]
    # Robbery Jan–Jun 2026 (February's 99 and March's 60 included) + homicide 3 a month.
    assert mombasa["crimes"] == 34 + 99 + 60 + 37 + 38 + 39 + 6 * 3
    assert mombasa["previous_crimes"] == 22 + 23 + 25 + 25 + 26 + 27 + 6 * 3


def test_county_metrics_default_period_is_the_pages(known_crime):
    """No period: the pages' default period (12 complete months to Oct 2026), every
    county, the same figures as county_crime for that scope."""
    period = default_period(engine=known_crime)
    assert period == Period(dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    table = export_frame(known_crime, audience=INTERNAL, kind="county-metrics")
    assert len(table) == 47
    _assert_same_as_figures(table, county_crime(Scope(period, Audience.INTERNAL),
                                                engine=known_crime))
    # Kwale has no data a year earlier: a count, but no previous and no change.
    kwale = table.set_index("county_code").loc["002"]
    assert kwale["crimes"] == 12 * 30 and pd.isna(kwale["previous_crimes"])
    assert pd.isna(kwale["change_pct"])
    assert kwale["crime_note"] == "no data a year earlier to compare with"


def test_march_is_compared_with_march_a_year_earlier(known_crime):
    """The issue: the export compared March 2026 with 29 Jan – 28 Feb 2026 while the
    pages compared it with March 2025."""
    table = export_frame(known_crime, audience=INTERNAL, kind="county-metrics",
                         county_codes=("001",), start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    row = table.iloc[0]
    assert (len(table), row["county"]) == (1, "Mombasa")
    assert (row["crimes"], row["previous_crimes"]) == (63, 28)
    assert (row["compared_with_start"], row["compared_with_end"]) == ("2025-03-01",
                                                                      "2025-03-31")
    scope = Scope(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), Audience.INTERNAL,
                  county="001")
    _assert_same_as_figures(table, county_crime(scope, engine=known_crime))


def test_a_county_without_data_is_blank_never_zero(known_crime):
    scope = Scope(Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)), Audience.INTERNAL,
                  region="coast")
    table = export_frame(known_crime, audience=INTERNAL, kind="county-metrics", scope=scope)
    kilifi = table.set_index("county_code").loc["003"]
    assert kilifi["crime_basis"] == "no data" and kilifi["months_with_data"] == 0
    for col in ("crimes", "rate_per_100k", "crimes_compared", "previous_crimes",
                "change_pct"):
        assert pd.isna(kilifi[col]), col
    assert kilifi["crime_note"] == "no data for this period"
    # In the files too: an empty cell (CSV), an empty cell (Excel), null (GeoJSON).
    metrics = {"audience": INTERNAL, "kind": "county-metrics", "scope": scope}
    csv = pd.read_csv(io.BytesIO(export_bytes(known_crime, fmt="csv", **metrics)), dtype=str,
                      keep_default_na=False)
    row = csv.set_index("county_code").loc["003"]
    assert (row["crimes"], row["previous_crimes"], row["rate_per_100k"]) == ("", "", "")
    assert row["crime_note"] == "no data for this period"
    assert csv.set_index("county_code").loc["001", "crimes"] == str(
        int(table.set_index("county_code").loc["001", "crimes"]))
    cells = _cells(export_bytes(known_crime, fmt="xlsx", **metrics))
    head, kilifi_cells = cells[0], next(r for r in cells[1:] if r[0] == "003")
    assert kilifi_cells[head.index("crimes")] is None
    features = json.loads(export_bytes(known_crime, fmt="geojson", **metrics))["features"]
    props = next(f for f in features if f["id"] == "003")["properties"]
    assert props["crimes"] is None and props["previous_crimes"] is None


def test_county_metrics_hide_small_counts_for_a_public_scope(known_crime):
    """Presenter mode (the sidebar's audience): the export hides what the pages hide."""
    scope = Scope(Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31)), Audience.PUBLIC,
                  county="001", categories=("homicide",))
    table = export_frame(known_crime, audience=Audience.PUBLIC, kind="county-metrics",
                         scope=scope)
    row = table.iloc[0]
    assert (row["crimes"], row["previous_crimes"]) == ("<5", "<5")
    assert "crimes <5" in row["crime_note"] and row["crime_categories"] == "Homicide"
    internal = export_frame(known_crime, audience=INTERNAL, kind="county-metrics",
                            scope=Scope(scope.period, Audience.INTERNAL, county="001",
                                        categories=("homicide",)))
    assert internal.iloc[0]["crimes"] == 3


def test_county_metrics_on_the_demo_equal_county_crime(demo_sqlite_url: str):
    demo = get_engine(demo_sqlite_url)
    for scope in (Scope(default_period(engine=demo), Audience.INTERNAL),
                  Scope(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), Audience.PUBLIC,
                        region="coast", categories=("robbery",))):
        table = export_frame(demo, audience=scope.audience, kind="county-metrics",
                             scope=scope)
        _assert_same_as_figures(table, county_crime(scope, engine=demo), scope.audience)


def test_county_metrics_period_must_be_whole_months(known_crime):
    with pytest.raises(ValueError):
        export_frame(known_crime, audience=INTERNAL, kind="county-metrics",
                     start=dt.date(2026, 1, 29), end=dt.date(2026, 2, 28))
    with pytest.raises(ValueError):
        export_frame(known_crime, audience=INTERNAL, kind="county-metrics",
                     start=dt.date(2026, 1, 1))
    with pytest.raises(ValueError):  # a scope is for county metrics only
        export_frame(known_crime, audience=INTERNAL, kind="forums",
                     scope=Scope(default_period(engine=known_crime), Audience.INTERNAL))


def test_scoped_export(demo_sqlite_url: str):
    demo = get_engine(demo_sqlite_url)
    everything = export_frame(demo, audience=INTERNAL, kind="incidents")
    start, end = dt.date(2025, 1, 1), dt.date(2025, 6, 30)
    part = export_frame(demo, audience=INTERNAL, kind="incidents", county_codes=("001",),
                        start=start, end=end)
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
