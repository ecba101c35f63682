"""Briefing packs: built within 15 seconds, a valid PDF (page 1 rendered to a PNG in
artifacts/screenshots/ for a person to look at) and HTML that needs nothing from outside."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import shutil
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from data_access import reference
from data_access.engine import get_engine
from data_access.figures.calendar import month_end, month_range
from data_access.figures.coverage import default_period
from data_access.figures.crime import crime_summary, monthly_series
from data_access.figures.scope import Audience, Period, Scope
from data_access.imports import import_file
from ui.briefing import (
    build_briefing,
    crime_key_numbers,
    crime_notes,
    filters_text,
    render_png,
    scope_choices,
    trend_frame,
)

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
LIMIT_S = 15.0


@pytest.fixture(scope="module")
def period(demo_sqlite_url: str) -> tuple[dt.date, dt.date]:
    """The pages' default period on the demo: the latest 12 complete months."""
    default = default_period(engine=get_engine(demo_sqlite_url))
    return default.start, default.end


@pytest.fixture(scope="module", autouse=True)
def image_server_started():
    """The Export page starts the image renderer when it opens (ui.briefing.warm_up), so
    the time a person waits after the click excludes the browser start; do the same."""
    import plotly.graph_objects as go

    started = time.perf_counter()
    render_png([(go.Figure(go.Scatter(x=[0, 1], y=[0, 1])), 50, 50)])
    print(f"\nimage renderer started in {time.perf_counter() - started:.1f} s")


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def _render_page1(pdf: bytes, name: str, tmp_path: Path) -> Path:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    src = tmp_path / f"{name}.pdf"
    src.write_bytes(pdf)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    stem = SCREENSHOTS / name
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile",
                    str(src), str(stem)], check=True, timeout=60)
    return stem.with_suffix(".png")


def test_county_brief(demo_sqlite_url: str, period, tmp_path: Path):
    start, end = period
    pack = build_briefing(county_codes=("001",), scope_label="Mombasa", start=start, end=end,
                          engine=get_engine(demo_sqlite_url))
    assert pack.seconds < LIMIT_S, pack.timings
    print(f"county brief built in {pack.seconds:.1f} s: {pack.timings}")
    assert pack.pdf.startswith(b"%PDF-") and pack.pdf.rstrip().endswith(b"%%EOF")
    assert 1 <= _pdf_pages(pack.pdf) <= 3
    assert pack.file_stem == f"brief_mombasa_{start:%Y-%m}_{end:%Y-%m}"
    png = _render_page1(pack.pdf, "briefing_pdf_page1", tmp_path)
    assert png.stat().st_size > 50_000  # a real page with a map and charts, not a blank

    html = pack.html.decode("utf-8")
    assert "Security brief: Mombasa" in html
    assert f"{start:%d %b %Y} – {end:%d %b %Y}" in html  # labelled with its filters
    earlier = Period(start, end).comparison
    assert f"Compared with: {earlier.start:%d %b %Y} – {earlier.end:%d %b %Y}" in html
    assert "DEMO DATA" in html  # the demo database is labelled as such
    assert html.count("data:image/png;base64,") == 2  # map and trend, embedded
    for word in ("Rate per 100,000 = count ÷ 2019 census population", "Overdue = verified",
                 "Emerging threat", "Crimes recorded per month", "Coverage: a county-month"):
        assert word in html
    # The key numbers are the pages' (crime_summary), with what they cover and compare.
    summary = crime_summary(Scope(Period(start, end), Audience.INTERNAL, county="001"),
                            engine=get_engine(demo_sqlite_url))
    assert f"<div class='value'>{summary.total:,.0f}</div>" in html
    assert html_lib.escape(summary.coverage_note) in html
    assert html_lib.escape(summary.comparison_note) in html
    # Offline: nothing is loaded from anywhere (no external src/href, no scripts).
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html and "@import" not in html


def test_region_brief_in_kiswahili_and_presenter_mode(demo_sqlite_url: str, period,
                                                      tmp_path: Path):
    start, end = period
    coast = tuple(c.code for c in reference.counties() if c.region_code == "coast")
    pack = build_briefing(county_codes=coast, scope_label="Coast region", start=start,
                          end=end, categories=("robbery",), public=True, lang="sw",
                          engine=get_engine(demo_sqlite_url))
    assert pack.seconds < LIMIT_S, pack.timings
    html = pack.html.decode("utf-8")
    assert "Taarifa fupi ya usalama: Coast region" in html
    assert "Aina za uhalifu: Wizi wa kutumia nguvu" in html
    assert pack.pdf.startswith(b"%PDF-")
    _render_page1(pack.pdf, "briefing_pdf_region_sw", tmp_path)


def test_filters_text_says_what_changes_are_compared_with():
    text = filters_text(scope_label="Kenya", start=dt.date(2026, 3, 1),
                        end=dt.date(2026, 3, 31),
                        comparison=Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)).comparison)
    assert "Period: 01 Mar 2026 – 31 Mar 2026 · Compared with: 01 Mar 2025 – 31 Mar 2025" \
        in text


def test_filters_text_names_every_filter():
    text = filters_text(scope_label="Kisumu", start=dt.date(2025, 1, 1),
                        end=dt.date(2025, 12, 31), categories=("homicide", "robbery"),
                        themes=("gbv",), public=True)
    assert text == ("Area: Kisumu · Period: 01 Jan 2025 – 31 Dec 2025 · Crime categories: "
                    "Homicide, Robbery · Concern themes: Gender-based and domestic violence · "
                    "Presenter mode (public screen)")


def test_scope_choices_cover_kenya_regions_and_counties():
    choices = scope_choices()
    assert len(choices) == 1 + 8 + 47
    keys = {k for k, _label, _codes in choices}
    assert {"all", "region:coast", "county:047"} <= keys
    assert dict((k, c) for k, _l, c in choices)["region:nairobi"] == ("047",)


def test_map_context_shows_the_county_among_its_region_or_neighbours():
    from ui.briefing import map_context

    coast = tuple(sorted(c.code for c in reference.counties() if c.region_code == "coast"))
    assert map_context(("001",)) == coast
    # Nairobi is a region of its own: its neighbours Machakos, Kiambu and Kajiado join it.
    assert map_context(("047",)) == ("016", "022", "034", "047")
    assert map_context(coast) == coast and map_context(()) == ()


# --- crime figures from data_access.figures, on known inputs ---------------------------

GAP = dt.date(2026, 6, 1)


@pytest.fixture
def known_crime(engine):
    """Published monthly robbery counts, Nov 2024 – Oct 2026 (today: 15 Nov 2026):
    Mombasa every month but June 2026 (20 + i), Kwale from Nov 2025 (30 a month), the
    other Coast counties never."""
    lines = ["county,category,period_start,period_end,count,source"]
    for i, m in enumerate(month_range(dt.date(2024, 11, 1), dt.date(2026, 10, 1))):
        if m != GAP:
            lines.append(f"Mombasa,Robbery,{m},{month_end(m)},{20 + i},test")
        if m >= dt.date(2025, 11, 1):
            lines.append(f"Kwale,Robbery,{m},{month_end(m)},30,test")
    report = import_file(engine, kind="crime-counts", data=("\n".join(lines) + "\n").encode(),
                         filename="counts.csv")
    assert report.written and report.rejected == 0, report.problems[:3]
    return engine


COAST_YEAR = Scope(Period(dt.date(2025, 11, 1), dt.date(2026, 10, 31)), Audience.INTERNAL,
                   region="coast")


def test_key_numbers_are_crime_summary(known_crime):
    summary = crime_summary(COAST_YEAR, engine=known_crime)
    (_, crimes, change, _), (_, rate, rate_detail, _) = crime_key_numbers(summary)
    # Mombasa 11 months (June missing) + Kwale 12 × 30.
    assert summary.total == sum(20 + i for i in range(12, 24) if i != 19) + 12 * 30
    assert crimes == f"{summary.total:,.0f}"
    assert change == (f"vs a year earlier: {summary.pct_change:+.0f}% "
                      f"({summary.current_compared:,.0f} vs {summary.previous:,.0f}; "
                      f"{summary.verdict})")
    # No county reported every month with data for the whole period: Mombasa lacks June.
    assert summary.counties_complete == 1 and rate == f"{summary.rate_per_100k:,.1f}"
    assert rate_detail == "1 of 6 counties with data for the whole period"
    notes = crime_notes(summary)
    assert notes[0] == f"Crime data: {summary.coverage_note}."
    assert notes[1] == f"Change: {summary.comparison_note}."
    assert "no data: Kilifi" in summary.coverage_note


def test_brief_prints_crime_summary_under_its_key_numbers(known_crime, tmp_path: Path):
    summary = crime_summary(COAST_YEAR, engine=known_crime)
    pack = build_briefing(scope=COAST_YEAR, engine=known_crime)
    html = pack.html.decode("utf-8")
    assert "Security brief: Coast region" in html
    kpis = crime_key_numbers(summary)
    for _label, value, detail, _definition in kpis:
        assert f"<div class='value'>{html_lib.escape(value)}</div>" in html
        assert f"<div class='detail'>{html_lib.escape(detail)}</div>" in html
    for note in crime_notes(summary):
        assert f"<p class='note'>{html_lib.escape(note)}</p>" in html
    assert "Nov 2025 – Oct 2026" in html  # the subtitle: the period's own label
    assert pack.pdf.startswith(b"%PDF-")
    assert pack.file_stem == "brief_coast-region_2025-11_2026-10"


def test_trend_has_a_gap_where_a_month_has_no_data(known_crime):
    mombasa = Scope(COAST_YEAR.period, Audience.INTERNAL, county="001")
    trend, note = trend_frame(mombasa, engine=known_crime)
    series = monthly_series(mombasa, engine=known_crime)
    assert list(trend["month"]) == COAST_YEAR.period.months
    assert trend["count"].isna().tolist() == series["count"].isna().tolist()
    assert trend["count"].fillna(-1).tolist() == series["count"].fillna(-1).tolist()
    june = trend.set_index("month").loc[GAP]
    assert pd.isna(june["count"]) and june["count_display"] == ""  # a gap, not 0
    assert june["previous_year"] == 20 + 7  # June 2025 is there
    assert note == "A gap in the line is a month without data, never 0."
    # The region: Kwale alone in June, said in the note.
    region, note = trend_frame(COAST_YEAR, engine=known_crime)
    assert region.set_index("month").loc[GAP, "count"] == 30
    assert "Not every county in the area reported in 12 of 12 months (fewest: 1 of 6 " \
           "in Jun 2026)" in note


def test_trend_of_a_short_period_shows_the_12_months_to_its_end(known_crime):
    march = Scope(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), Audience.PUBLIC,
                  county="002")
    trend, _note = trend_frame(march, engine=known_crime)
    assert list(trend["month"]) == month_range(dt.date(2025, 4, 1), dt.date(2026, 3, 1))
    # Kwale has no data before Nov 2025: gaps, never zeros.
    before = trend[trend["month"] < dt.date(2025, 11, 1)]
    assert before["count"].isna().all() and (trend["count"].dropna() == 30).all()
