"""Briefing packs: built within 15 seconds, a valid PDF (page 1 rendered to a PNG in
artifacts/screenshots/ for a person to look at) and HTML that needs nothing from outside."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from data_access import reference
from data_access.engine import get_engine
from data_access.status import data_bounds
from ui.briefing import build_briefing, filters_text, render_png, scope_choices

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
LIMIT_S = 15.0


@pytest.fixture(scope="module")
def period(demo_sqlite_url: str) -> tuple[dt.date, dt.date]:
    """The latest 12 months of the demo data."""
    first, last = data_bounds(engine=get_engine(demo_sqlite_url))
    end = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    start = dt.date(last.year - 1, last.month, 1) + dt.timedelta(days=32)
    return start.replace(day=1), end


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
    assert "DEMO DATA" in html  # the demo database is labelled as such
    assert html.count("data:image/png;base64,") == 2  # map and trend, embedded
    for word in ("Rate per 100,000 = count ÷ 2019 census population", "Overdue = past its",
                 "Emerging threat", "Crimes recorded per month"):
        assert word in html
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
