"""Briefing packs: a one-page county or region brief to carry into a meeting.

:func:`build_briefing` gathers, for the counties in scope and the chosen filters, the map
of crime rates, the key numbers with their definitions, the monthly trend, the emerging
threats and the overdue commitments, and returns the same brief twice. Every crime figure
is :mod:`data_access.figures.crime`'s — the numbers the pages show — with what it covers
and what its change is compared with (the same months a year earlier) printed beside it:

- HTML that opens offline: the map and the trend are PNG images embedded as base64, the
  styles are inline, nothing is fetched from anywhere;
- a PDF (fpdf2) for printing and e-mail.

Both are dated and labelled with their filters (and as demo data while demo rows are
loaded). The two images are drawn by one long-lived Kaleido/Chromium process, started on
first use and reused, so a brief takes a few seconds.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from charts.classes import RATE_SCHEME
from charts.maps import outline_xy
from charts.trends import trend_lines
from data_access import clock, reference
from data_access.commitments import commitment_totals, overdue_commitments
from data_access.concerns import concerns_raised
from data_access.exports import scope_for
from data_access.figures.calendar import add_months
from data_access.figures.crime import (
    CrimeSummary,
    categories_sensitive,
    county_crime,
    crime_summary,
    monthly_series,
)
from data_access.figures.emerging import emerging_threats
from data_access.figures.scope import Audience, Period, Scope, month_label
from data_access.forums import forum_totals
from data_access.metrics import definition
from data_access.plain_text import strip_controls
from data_access.privacy import audience_counts
from data_access.status import data_status, has_demo
from geo.boundaries import ATTRIBUTION, counties_geojson, county_boundaries, county_centroids
from ui.blocks import count_text
from ui.i18n import commitments_public_note, t, verdict_label

MAP_PX = (760, 640)
# Pixels per layout pixel: sharp when printed, small enough to embed quickly.
IMAGE_SCALE = 1.6
TREND_PX = (1000, 260)  # low enough to sit on page 1 with its note
EMERGING_ROWS = 8
OVERDUE_ROWS = 10
TEAL = (27, 127, 121)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class BriefingPack:
    """A built brief: ``html`` and ``pdf`` bytes, a file name stem, and how long it took."""

    title: str
    subtitle: str
    file_stem: str
    html: bytes
    pdf: bytes
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class _Content:
    title: str
    subtitle: str
    filters_line: str
    generated: str
    demo: bool
    kpis: list[tuple[str, str, str, str]]  # label, value, detail, definition
    map_png: bytes
    trend_png: bytes
    emerging: pd.DataFrame
    overdue: pd.DataFrame
    overdue_note: str
    definitions: list[tuple[str, str]]
    sources: list[str]
    notes: list[str]  # under the key numbers: what the crime figures cover and compare
    lang: str
    trend_note: str = ""  # under the trend: gaps and counties reporting
    overdue_empty: str = ""  # in place of an empty overdue table (public: no list at all)


# ------------------------------------------------------------------- static images

_KALEIDO_LOCK = threading.Lock()
_KALEIDO_STARTED = False


def render_png(figures: list[tuple[go.Figure, int, int]]) -> list[bytes]:
    """PNG bytes of each (figure, width, height), drawn by one shared Kaleido server.

    The server (a headless Chromium) starts on the first call and stays up, so later
    briefs pay only the drawing. Calls are serialised: one browser, one queue.
    """
    import kaleido
    import plotly.io as pio

    global _KALEIDO_STARTED
    with _KALEIDO_LOCK, warnings.catch_warnings():
        # plotly warns that its per-call options are ignored when a server is running.
        warnings.simplefilter("ignore", UserWarning)
        if not _KALEIDO_STARTED:
            # plotly.js comes from the plotly package; MathJax (which Kaleido would load
            # from a CDN) is not needed: nothing is fetched from outside this machine.
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            _KALEIDO_STARTED = True
        return [pio.to_image(fig, format="png", width=w, height=h, scale=IMAGE_SCALE)
                for fig, w, h in figures]


def warm_up() -> None:
    """Start the image server (and load the PDF library) in the background, so the first
    brief a person asks for does not wait for a browser to start."""
    def run() -> None:
        try:
            import fpdf  # noqa: F401  (a few seconds to import the first time)

            render_png([(go.Figure(go.Scatter(x=[0, 1], y=[0, 1])), 50, 50)])
        except Exception:  # a failed warm-up is retried by the first real brief
            pass

    if not _KALEIDO_STARTED and not _KALEIDO_LOCK.locked():
        threading.Thread(target=run, name="briefing-warm-up", daemon=True).start()


# ---------------------------------------------------------------------------- data


def _labels(codes, vocabulary: dict, lang: str) -> str:
    return ", ".join(vocabulary[c][1 if lang == "sw" else 0] for c in codes)


def filters_text(*, scope_label: str, start: dt.date, end: dt.date, categories=(),
                 themes=(), public: bool = False, lang: str = "en",
                 comparison: Period | None = None) -> str:
    """The filters a brief was made with, in words (and, given ``comparison``, the
    period its changes are measured against)."""
    cats = {c.code: (c.name, c.name_sw) for c in reference.CRIME_CATEGORIES}
    ths = {x.code: (x.label, x.label_sw) for x in reference.THEMES}
    parts = [f"{t('brief_area', lang)}: {scope_label}",
             f"{t('period', lang)}: {start:%d %b %Y} – {end:%d %b %Y}",
             *([f"{t('brief_compared_with', lang)}: {comparison.start:%d %b %Y} – "
                f"{comparison.end:%d %b %Y}"] if comparison is not None else []),
             f"{t('crime_categories', lang)}: "
             f"{_labels(categories, cats, lang) if categories else t('all', lang)}",
             f"{t('concern_themes', lang)}: "
             f"{_labels(themes, ths, lang) if themes else t('all', lang)}"]
    if public:
        parts.append(t("presenter_mode", lang))
    return " · ".join(parts)


def _fmt(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(value):,}"


# ------------------------------------------------------------- crime, from figures
# Every crime number in a brief is data_access.figures.crime's, as the pages show it:
# crime_summary for the key numbers (with its coverage and comparison notes),
# county_crime for the map, monthly_series for the trend. Nothing is summed here.


def crime_key_numbers(summary: CrimeSummary, *, lang: str = "en"
                      ) -> list[tuple[str, str, str, str]]:
    """The brief's crime key numbers — crimes recorded (with the change) and the rate per
    100,000 — as ``(label, value, detail, definition)``, every figure ``summary``'s
    (:func:`data_access.figures.crime.crime_summary`, counts as its audience sees them)."""
    no_data = t("no_data_short", lang)
    crimes = no_data if pd.isna(summary.total) else \
        summary.total_display + (" *" if summary.hidden else "")
    if pd.isna(summary.previous) or pd.isna(summary.current_compared):
        change = t("brief_no_comparison", lang)
    else:
        now_n, then_n = summary.current_compared_display, summary.previous_display
        hidden = summary.change_hidden
        pct = "" if hidden or pd.isna(summary.pct_change) else f"{summary.pct_change:+.0f}% "
        change = (f"{t('brief_vs_year_earlier', lang)}: {pct}({now_n} {t('brief_vs', lang)} "
                  f"{then_n}; {verdict_label(summary.verdict, lang)})")
    # A rate would give away a hidden count.
    rate = no_data if pd.isna(summary.rate_per_100k) else \
        "—" if crimes.startswith("<") else f"{summary.rate_per_100k:,.1f}"
    if summary.counties_complete == summary.counties:
        rate_detail = t("brief_population", lang, n=summary.population)
    else:
        rate_detail = t("brief_counties_complete", lang, a=summary.counties_complete,
                        b=summary.counties)
    return [
        (t("crimes_recorded", lang), crimes, change,
         definition("crime_count", lang) + " " + definition("change", lang) + " "
         + definition("significance", lang)),
        (t("rate_per_100k", lang), rate, rate_detail,
         definition("rate", lang) + " " + t("def_rate_complete", lang)),
    ]


def crime_notes(summary: CrimeSummary, *, lang: str = "en") -> list[str]:
    """What the crime key numbers cover and what their change compares with, printed
    under them: ``summary``'s coverage and comparison notes."""
    notes = [f"{t('brief_coverage', lang)}: {summary.coverage(lang)}.",
             f"{t('brief_comparison', lang)}: {summary.comparison(lang)}."]
    if summary.hidden:
        notes.append(t("brief_hidden", lang))
    return notes


def trend_frame(scope: Scope, *, engine=None, lang: str = "en") -> tuple[pd.DataFrame, str]:
    """The brief's monthly trend, :func:`data_access.figures.crime.monthly_series` over the
    period (at least the 12 months to its end): a month without data is a gap (NaN),
    never 0; small counts are hidden where the pages hide them. Returns the frame for
    :func:`charts.trends.trend_lines` and a note on gaps and coverage."""
    period = scope.period
    first = min(period.start, add_months(period.end, -11))
    series = monthly_series(scope.with_period(Period(first, period.end)), engine=engine)
    sensitive = pd.Series(categories_sensitive(scope.categories), index=series.index)
    series = audience_counts(series, ["count", "previous_year"], public=scope.public,
                             sensitive=sensitive)
    # A month still running is drawn apart (charts.trends), never read as a whole month.
    running = period.end.replace(day=1) if period.to_date else None
    series = series.assign(label=t("brief_all_crime", lang),
                           previous_month=[add_months(m, -12) for m in series["month"]],
                           days=[period.days_of(m) for m in series["month"]],
                           to_date=series["month"] == running)
    note = t("brief_trend_gaps", lang)
    counties = int(series["counties"].iloc[0]) if len(series) else 0
    short = series[series["counties_reporting"] < counties]
    if counties > 1 and len(short):
        least = short.loc[short["counties_reporting"].idxmin()]
        note += " " + t("brief_trend_partial", lang, k=len(short), n=len(series),
                        least=int(least["counties_reporting"]), counties=counties,
                        month=month_label(least["month"], lang))
    return series, note


def print_map(crime_map: pd.DataFrame, *, highlight: tuple[str, ...], legend_title: str
              ) -> go.Figure:
    """A county choropleth for print: filled polygons on plain axes, one trace per fixed
    class (every class in the legend, as on screen), names on the counties when few.

    Drawn as SVG rather than a WebGL map, so Kaleido renders it in well under a second.
    ``crime_map`` is :func:`data_access.figures.crime.county_crime`'s frame for the
    counties shown (a county without data, or without a rate, is "no data"; a hidden
    count is "suppressed"); ``highlight`` codes get a thick outline.
    """
    frame = crime_map.copy()
    frame["class"] = RATE_SCHEME.classify(
        frame["rate_per_100k"], suppressed=frame["count_display"].astype(str).str.startswith("<"))
    features = {f["id"]: f for f in counties_geojson()["features"]}
    colors = RATE_SCHEME.color_map()
    fig = go.Figure()
    for label in RATE_SCHEME.order():
        codes = frame.loc[frame["class"] == label, "county_code"]
        if len(codes):
            xs, ys = outline_xy([features[c] for c in codes])
            fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", name=label,
                                     fillcolor=colors[label], hoverinfo="skip",
                                     showlegend=False, line={"width": 0.7, "color": "#555555"}))
        # The legend shows filled squares for every class, drawn or not.
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label,
                                 marker={"symbol": "square", "size": 16, "color": colors[label],
                                         "line": {"width": 0.7, "color": "#555555"}}))
    if highlight:
        xs, ys = outline_xy([features[c] for c in highlight if c in features])
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", showlegend=False,
                                 hoverinfo="skip", line={"width": 3.5, "color": "#111111"}))
    shown = [features[c] for c in frame["county_code"]]
    all_x = [x for x in outline_xy(shown)[0] if x is not None]
    all_y = [y for y in outline_xy(shown)[1] if y is not None]
    if len(frame) <= 15:
        labels = county_centroids().set_index("code").loc[list(frame["county_code"])]
        # The outlined county's name sits beside it, clear of the thick outline.
        side = ["middle right" if c in highlight else "middle center" for c in labels.index]
        fig.add_trace(go.Scatter(x=labels["lon"], y=labels["lat"], mode="text",
                                 text=[f"  {n}" if c in highlight else n
                                       for c, n in zip(labels.index, labels["name"])],
                                 textposition=side, showlegend=False, hoverinfo="skip",
                                 textfont={"size": 17, "color": "#111111"}))
    pad_x = (max(all_x) - min(all_x)) * 0.04
    pad_y = (max(all_y) - min(all_y)) * 0.04
    fig.update_layout(
        width=MAP_PX[0], height=MAP_PX[1], plot_bgcolor="white", paper_bgcolor="white",
        # The legend has its own strip on the right, clear of the counties.
        margin={"l": 4, "r": 190, "t": 4, "b": 4}, font={"size": 14},
        xaxis={"visible": False, "range": [min(all_x) - pad_x, max(all_x) + pad_x]},
        # Equal degrees on both axes: near the equator that is the map's true shape.
        yaxis={"visible": False, "range": [min(all_y) - pad_y, max(all_y) + pad_y],
               "scaleanchor": "x", "scaleratio": 1},
        legend={"title": {"text": legend_title}, "x": 1.01, "xanchor": "left", "y": 1.0,
                "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 17}},
    )
    return fig


def map_context(county_codes: tuple[str, ...]) -> tuple[str, ...]:
    """The counties a brief's map shows: a county among the counties of its region (so it
    can be compared), plus its neighbours when the region is that county alone
    (Nairobi); a region or Kenya as they are."""
    if len(county_codes) != 1:
        return county_codes
    code = county_codes[0]
    region = next(c.region_code for c in reference.counties() if c.code == code)
    shown = {c.code for c in reference.counties() if c.region_code == region}
    if len(shown) < 3:
        shapes = county_boundaries().set_index("code")["geometry"]
        around = shapes[code].buffer(0.02)
        shown |= {c for c, geom in shapes.items() if geom.intersects(around)}
    return tuple(sorted(shown))


def _overdue_section(overdue: pd.DataFrame | None, totals: pd.Series, lang: str
                     ) -> tuple[pd.DataFrame, str, str]:
    """The brief's overdue table (the longest overdue first), the note under it and the
    text in place of an empty table. ``overdue`` is None on a public brief: lists of
    individual commitments are not shown there (the overdue count is a key number).
    The note counts from ``totals`` (the key numbers' row), so the two agree."""
    if overdue is None:
        return pd.DataFrame(), "", t("cm_lists_not_public", lang)
    n_overdue = int(totals["overdue"])
    overdue_rows = overdue[overdue["overdue"]].head(OVERDUE_ROWS)
    overdue_table = pd.DataFrame({
        t("brief_commitment", lang): overdue_rows["title"].astype(str),
        t("brief_institution", lang): overdue_rows["institution_short"],
        t("county", lang): overdue_rows["county"],
        t("brief_due", lang): pd.to_datetime(overdue_rows["due_on"]).dt.strftime("%d %b %Y"),
        t("brief_days_overdue", lang): overdue_rows["days_overdue"].map(_fmt),
    })
    note = (f"{n_overdue - OVERDUE_ROWS:,} more overdue commitments are not listed "
            "(the longest overdue are shown)." if n_overdue > OVERDUE_ROWS else "")
    return overdue_table, note, ""


def _gather(*, scope: Scope, county_codes: tuple[str, ...], scope_label: str,
            start: dt.date, end: dt.date, categories: tuple[str, ...],
            themes: tuple[str, ...], public: bool, lang: str, engine, now: dt.datetime,
            timings: dict[str, float]) -> _Content:
    started = time.perf_counter()
    summary = crime_summary(scope, engine=engine)
    # The map shows the area among its neighbours: each county's figures are the same
    # whatever else is in the scope, so all Kenya's are read and the map's kept.
    kenya = Scope(scope.period, scope.audience, categories=scope.categories,
                  themes=scope.themes)
    crime_map = county_crime(kenya, engine=engine)
    map_codes = map_context(county_codes)
    if map_codes:
        crime_map = crime_map[crime_map["county_code"].isin(map_codes)]
    forums = forum_totals(start=start, end=end, county_codes=county_codes,
                          audience=scope.audience, engine=engine).iloc[0]
    # Concerns raised = at forums held in the period + in chiefs' reports for its months;
    # public: every concern to date, all themes, for the area's region (Kenya when none).
    concerns = concerns_raised(start=start, end=end, county_codes=county_codes, themes=themes,
                               audience=scope.audience, engine=engine).iloc[0]
    # Commitments: public, every commitment to date, all themes, status today, for the
    # area's region (Kenya when none); internal, those in scope, status on the end date.
    totals = commitment_totals(as_of=end, county_codes=county_codes, themes=themes,
                               audience=scope.audience, engine=engine).iloc[0]
    cm_as_of = clock.today() if scope.public else end
    trend, trend_note = trend_frame(scope, engine=engine, lang=lang)
    threats = emerging_threats(scope, engine=engine)
    # The overdue list is internal only; a public brief has the count (key numbers) alone.
    overdue = None if scope.public else overdue_commitments(
        as_of=end, county_codes=county_codes, themes=themes, audience=scope.audience,
        engine=engine)
    demo = has_demo(engine=engine)
    status = data_status(engine=engine).set_index("source")
    timings["data"] = time.perf_counter() - started

    rate = totals["resolution_rate"]

    kpis = [
        *crime_key_numbers(summary, lang=lang),
        (t("forums_held", lang), forums["forums_display"],
         t("brief_attended", lang, n=int(forums["attendance"])) if forums["forums"]
         else "", t("def_forums_held", lang)),
        (t("concerns_raised", lang), str(concerns["concerns_display"]),
         t("concerns_parts", lang, forum=concerns["forum_concerns_display"],
           chief=concerns["chief_concerns_display"]), definition("concerns_raised", lang)),
        (t("commitments_made", lang), count_text(totals, "made"),
         t("brief_unverified", lang, n=count_text(totals, "unverified")),
         t("def_made_to_end", lang) if not scope.public
         else commitments_public_note(totals, cm_as_of, lang)),
        (t("resolution_rate", lang), "—" if pd.isna(rate) else f"{rate:.0%}",
         t("brief_verified", lang, a=count_text(totals, "fulfilled"),
           b=count_text(totals, "verified")),
         definition("resolution", lang)),
        (t("overdue", lang), count_text(totals, "overdue"),
         t("brief_as_of", lang, date=f"{cm_as_of:%d %b %Y}") + "; "
         + t("kpi_past_due_unverified", lang, n=count_text(totals, "past_due_unverified")),
         definition("overdue", lang)),
    ]

    figures_started = time.perf_counter()
    map_fig = print_map(crime_map, highlight=county_codes if len(county_codes) == 1 else (),
                        legend_title=t("brief_per_100k", lang))
    trend_fig = trend_lines(trend, keys=["total"], y_title=t("brief_per_month", lang),
                            previous_label=t("brief_year_earlier", lang), height=TREND_PX[1])
    trend_fig.update_layout(margin={"l": 60, "r": 20, "t": 20, "b": 50},
                            legend={"orientation": "h", "y": -0.2},
                            yaxis={"rangemode": "tozero", "tickformat": ",d"})
    if trend["count"].notna().sum() == 0 and len(trend):
        # Every month is hidden (presenter mode or a sensitive category) or has no data:
        # say so, rather than draw an empty frame that looks like zero crime.
        all_hidden = trend["count_display"].str.startswith("<").any()
        trend_fig.add_annotation(text=t("brief_trend_hidden" if all_hidden else "no_data",
                                        lang), showarrow=False,
                                 xref="paper", yref="paper", x=0.5, y=0.5,
                                 font={"size": 18, "color": "#555555"})
        trend_fig.update_yaxes(showticklabels=False)
    map_png, trend_png = render_png([(map_fig, *MAP_PX), (trend_fig, *TREND_PX)])
    timings["images"] = time.perf_counter() - figures_started

    threat_rows = threats.head(EMERGING_ROWS)
    emerging = pd.DataFrame({
        t("county", lang): threat_rows["county"],
        t("brief_category", lang): threat_rows["category_sw" if lang == "sw" else "category"],
        t("brief_why", lang): threat_rows["reason_sw" if lang == "sw" else "reason"],
    })
    overdue_table, overdue_note, overdue_empty = _overdue_section(overdue, totals, lang)
    notes = crime_notes(summary, lang=lang)
    if scope.public:  # what the public concerns figure covers (data_access.concerns)
        notes.append(t("concerns_public_note", lang,
                       area=concerns["area_sw" if lang == "sw" else "area"]))
        # ... and what the public commitment figures cover (data_access.commitments).
        notes.append(commitments_public_note(totals, cm_as_of, lang))

    def as_of(key: str) -> str:
        value = status.loc[key, "last"] if key in status.index else None
        return f"{value:%d %b %Y}" if value is not None and pd.notna(value) else "—"

    sources = [
        f"National Crime Trends Observatory, data as of {as_of('observatory')}; population: "
        "KNBS 2019 Kenya Population and Housing Census.",
        f"Jukwaa la Usalama forums and commitments, status updates as of "
        f"{as_of('commitments')}.",
        ATTRIBUTION,
    ]
    names = {"crime_count": t("crimes_recorded", lang), "coverage": t("def_name_coverage", lang),
             "rate": t("rate_per_100k", lang), "change": t("brief_comparison", lang),
             "significance": t("def_name_significance", lang),
             "emerging": t("emerging_threats", lang),
             "concerns_raised": t("concerns_raised", lang),
             "resolution": t("resolution_rate", lang), "overdue": t("overdue", lang),
             "past_due_unverified": t("past_due_unverified", lang)}
    definitions = [(names[k], definition(k, lang)) for k in names]
    title = f"{t('brief_title', lang)}: {scope_label}"
    subtitle = scope.period.label(lang)
    return _Content(
        title=title, subtitle=subtitle,
        filters_line=filters_text(scope_label=scope_label, start=start, end=end,
                                  categories=categories, themes=themes, public=public,
                                  lang=lang, comparison=scope.period.comparison),
        generated=f"{t('brief_generated', lang)} {now:%d %b %Y %H:%M}",
        demo=demo, kpis=kpis, map_png=map_png, trend_png=trend_png, emerging=emerging,
        overdue=overdue_table, overdue_note=overdue_note, overdue_empty=overdue_empty,
        definitions=definitions,
        sources=sources, notes=notes, lang=lang, trend_note=trend_note)


# ---------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#222;margin:0;background:#fff}
.page{max-width:1000px;margin:0 auto;padding:24px 28px}
header{background:#1b7f79;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:26px} header p{margin:4px 0 0;font-size:14px}
.demo{background:#fff3cd;border:1px solid #e0c36a;padding:8px 12px;margin:12px 0;
font-weight:bold}
.filters{font-size:13px;color:#444;margin:10px 0 18px}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:10px}
.kpi{border:1px solid #d0d7d6;border-radius:6px;padding:10px}
.kpi .label{font-size:12px;color:#555}.kpi .value{font-size:26px;font-weight:bold}
.kpi .detail{font-size:12px;color:#333}.kpi .def{font-size:10.5px;color:#666;margin-top:6px}
h2{font-size:18px;border-bottom:2px solid #1b7f79;padding-bottom:4px;margin-top:26px}
.figs{display:grid;grid-template-columns:1fr;gap:8px}
img{max-width:100%;height:auto;border:1px solid #eee} img.map{max-width:760px}
.caption{font-size:11px;color:#666}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #d0d7d6;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#eef5f4} .note{font-size:12px;color:#444}
dl{font-size:12px} dt{font-weight:bold;margin-top:6px} dd{margin:2px 0 0 0}
footer{font-size:11px;color:#666;margin-top:24px;border-top:1px solid #ddd;padding-top:8px}
@media print{header{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _table_html(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return f"<p class='note'>{html.escape(empty)}</p>"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _img(png: bytes, alt: str, css: str = "") -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f"<img class='{css}' alt='{html.escape(alt)}' "
            f"src='data:image/png;base64,{data}'>")


def render_html(c: _Content) -> bytes:
    """The brief as one self-contained HTML document (no external resources)."""
    lang = c.lang
    e = html.escape
    kpis = "".join(
        f"<div class='kpi'><div class='label'>{e(label)}</div><div class='value'>{e(value)}"
        f"</div><div class='detail'>{e(detail)}</div><div class='def'>{e(definition)}</div>"
        "</div>" for label, value, detail, definition in c.kpis)
    demo = f"<div class='demo'>{e(t('demo_badge', lang))}</div>" if c.demo else ""
    notes = "".join(f"<p class='note'>{e(n)}</p>" for n in c.notes)
    defs = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in c.definitions)
    sources = "".join(f"<li>{e(s)}</li>" for s in c.sources)
    doc = f"""<!DOCTYPE html>
<html lang="{'sw' if lang == 'sw' else 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(c.title)}</title><style>{_CSS}</style></head><body>
<header><h1>{e(c.title)}</h1><p>{e(c.subtitle)} · {e(c.generated)}</p></header>
<div class="page">{demo}
<p class="filters">{e(c.filters_line)}</p>
<h2>{e(t('brief_key_numbers', lang))}</h2><div class="kpis">{kpis}</div>{notes}
<h2>{e(t('crime_map_title', lang))}</h2>
<div class="figs">{_img(c.map_png, t('crime_map_title', lang), "map")}
<p class="caption">{e(ATTRIBUTION)}</p></div>
<h2>{e(t('brief_trend', lang))}</h2>
<div class="figs">{_img(c.trend_png, t('brief_trend', lang))}
<p class="caption">{e(c.trend_note)}</p></div>
<h2>{e(t('emerging_threats', lang))}</h2>
{_table_html(c.emerging, t('brief_no_emerging', lang))}
<h2>{e(t('overdue', lang))}</h2>
{_table_html(c.overdue, c.overdue_empty or t('brief_no_overdue', lang))}
{f"<p class='note'>{e(c.overdue_note)}</p>" if c.overdue_note else ""}
<h2>{e(t('brief_definitions', lang))}</h2><dl>{defs}</dl>
<footer><strong>{e(t('source', lang))}</strong><ul>{sources}</ul>
<p>{e(c.generated)} · Jukwaa la Usalama dashboard</p></footer>
</div></body></html>"""
    return doc.encode("utf-8")


# ----------------------------------------------------------------------------- PDF

_LATIN1_SUBSTITUTES = {"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"',
                       "÷": "/", "×": "x", "√": "sqrt", "≥": ">=", "≤": "<=", "→": "->",
                       "…": "...", "·": "-"}


class _Pdf:
    """fpdf2 with DejaVu Sans (full Unicode) when installed, else Helvetica (Latin-1)."""

    def __init__(self, footer_text: str) -> None:
        from fpdf import FPDF

        footer = footer_text

        class Doc(FPDF):
            def footer(self) -> None:  # noqa: D401 - fpdf2 hook
                self.set_y(-12)
                self.set_font(self.font_family, "", 8)
                self.set_text_color(110, 110, 110)
                self.cell(0, 6, f"{footer} · {self.page_no()}/{{nb}}", align="C")

        self.doc = Doc(format="A4", unit="mm")
        self.doc.set_auto_page_break(True, margin=16)
        self.doc.set_margins(14, 14, 14)
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.doc.add_font("DejaVu", "", str(regular))
            self.doc.add_font("DejaVu", "B", str(bold))
            self.family, self.unicode = "DejaVu", True
        else:
            self.family, self.unicode = "Helvetica", False
        self.doc.set_font(self.family, "", 10)

    def text(self, value: str) -> str:
        # A control character (an older row's vertical tab) is no glyph in any font.
        value = strip_controls(value)
        if self.unicode:
            return value
        for a, b in _LATIN1_SUBSTITUTES.items():
            value = value.replace(a, b)
        return value.encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class _HeadSizes:
    band: float  # height of the teal band, mm
    title_pt: float
    subtitle_pt: float
    badge_pt: float
    badge_h: float
    line_pt: float  # the filters line
    line_h: float


_HEAD = _HeadSizes(30, 17, 10, 10, 7, 8.5, 4.2)
# The one-page comparison: a smaller head leaves room for its table, charts and notes.
_HEAD_COMPACT = _HeadSizes(26, 15, 9.5, 9, 6, 7.5, 3.6)


def page_head(p: _Pdf, *, title: str, subtitle: str, demo: bool, filters_line: str,
              lang: str, compact: bool = False) -> None:
    """A new page with the pack's head: the title and subtitle on a teal band, the demo
    badge when the figures are demo data, and the line saying what the figures cover.
    ``compact`` (the one-page comparison) uses smaller type, and a long title shrinks."""
    d, tx, fam = p.doc, p.text, p.family
    z = _HEAD_COMPACT if compact else _HEAD
    width = d.w - d.l_margin - d.r_margin
    d.add_page()
    d.set_fill_color(*TEAL)
    d.rect(0, 0, d.w, z.band, style="F")
    d.set_xy(d.l_margin, z.band * 0.23)
    d.set_text_color(255, 255, 255)
    d.set_font(fam, "B", z.title_pt)
    if compact and d.get_string_width(tx(title)) >= width * 0.66:
        d.set_font(fam, "B", 10.5)
    d.cell(width, z.title_pt * 0.53, tx(title), new_x="LMARGIN", new_y="NEXT")
    d.set_font(fam, "", z.subtitle_pt)
    d.cell(width, 6, tx(subtitle), new_x="LMARGIN", new_y="NEXT")
    d.set_y(z.band + 3.5)
    d.set_text_color(34, 34, 34)
    if demo:
        d.set_fill_color(255, 243, 205)
        d.set_font(fam, "B", z.badge_pt)
        d.cell(width, z.badge_h, tx(t("demo_badge", lang)), border=1, fill=True,
               new_x="LMARGIN", new_y="NEXT")
        d.ln(1)
    d.set_font(fam, "", z.line_pt)
    d.set_text_color(70, 70, 70)
    d.multi_cell(width, z.line_h, tx(filters_line), new_x="LMARGIN", new_y="NEXT")
    d.ln(1)


def render_pdf(c: _Content) -> bytes:
    """The brief as an A4 PDF."""
    p = _Pdf(f"{c.title} · {c.generated}")
    d, tx, fam = p.doc, p.text, p.family
    lang = c.lang
    width = d.w - d.l_margin - d.r_margin
    page_head(p, title=c.title, subtitle=f"{c.subtitle} · {c.generated}", demo=c.demo,
              filters_line=c.filters_line, lang=lang)
    d.ln(1)
    _heading(d, fam, tx(t("brief_key_numbers", lang)), width)
    _kpi_grid(d, fam, tx, c.kpis, width)
    for note in c.notes:
        d.set_font(fam, "", 8)
        d.multi_cell(width, 4, tx(note), new_x="LMARGIN", new_y="NEXT")
    d.ln(2)
    # Map beside the trend would be too small to read: the map takes the left half,
    # emerging threats the right.
    top = d.get_y()
    half = (width - 6) / 2
    map_h = half * MAP_PX[1] / MAP_PX[0]
    if top + map_h + 12 > d.h - d.b_margin:
        d.add_page()
        top = d.get_y()
    _heading(d, fam, tx(t("crime_map_title", lang)), half)
    d.image(io.BytesIO(c.map_png), x=d.l_margin, y=d.get_y(), w=half)
    d.set_y(d.get_y() + map_h + 1)
    d.set_font(fam, "", 6.5)
    d.set_text_color(110, 110, 110)
    d.multi_cell(half, 3, tx(ATTRIBUTION), new_x="LMARGIN", new_y="NEXT")
    after_map = d.get_y()
    d.set_xy(d.l_margin + half + 6, top)
    d.set_text_color(34, 34, 34)
    _heading(d, fam, tx(t("emerging_threats", lang)), half, x=d.l_margin + half + 6)
    _table_pdf(d, fam, tx, c.emerging, half, t("brief_no_emerging", lang),
               x=d.l_margin + half + 6, widths=(0.24, 0.26, 0.5))
    d.set_y(max(after_map, d.get_y()) + 3)
    d.set_x(d.l_margin)
    trend_h = width * TREND_PX[1] / TREND_PX[0]
    if d.get_y() + trend_h + 8 + (4 if c.trend_note else 0) > d.h - d.b_margin:
        d.add_page()
    _heading(d, fam, tx(t("brief_trend", lang)), width)
    d.image(io.BytesIO(c.trend_png), x=d.l_margin, y=d.get_y(), w=width)
    d.set_y(d.get_y() + trend_h + 1)
    if c.trend_note:
        d.set_font(fam, "", 7.5)
        d.set_text_color(85, 85, 85)
        d.multi_cell(width, 3.6, tx(c.trend_note), new_x="LMARGIN", new_y="NEXT")
        d.set_text_color(34, 34, 34)
    d.ln(2)
    _keep_space(d, 30)
    _heading(d, fam, tx(t("overdue", lang)), width)
    _table_pdf(d, fam, tx, c.overdue, width, c.overdue_empty or t("brief_no_overdue", lang),
               x=d.l_margin, widths=(0.44, 0.14, 0.14, 0.14, 0.14))
    if c.overdue_note:
        d.set_font(fam, "", 8)
        d.multi_cell(width, 4, tx(c.overdue_note), new_x="LMARGIN", new_y="NEXT")
    d.ln(3)
    _keep_space(d, 30)
    _heading(d, fam, tx(t("brief_definitions", lang)), width)
    for key, text in c.definitions:
        d.set_font(fam, "B", 8)
        d.cell(width, 4.5, tx(key), new_x="LMARGIN", new_y="NEXT")
        d.set_font(fam, "", 8)
        d.multi_cell(width, 4, tx(text), new_x="LMARGIN", new_y="NEXT", align="L")
    d.ln(2)
    _keep_space(d, 20)
    _heading(d, fam, tx(t("source", lang)), width)
    d.set_font(fam, "", 8)
    for source in c.sources:
        d.multi_cell(width, 4, tx(f"• {source}" if p.unicode else f"- {source}"),
                     new_x="LMARGIN", new_y="NEXT")
    return bytes(d.output())


def _keep_space(d, mm: float) -> None:
    """Start a new page unless ``mm`` are left: no heading alone at the foot of a page."""
    if d.get_y() + mm > d.h - d.b_margin:
        d.add_page()


def _heading(d, fam: str, text: str, width: float, x: float | None = None) -> None:
    if x is not None:
        d.set_x(x)
    d.set_font(fam, "B", 11.5)
    d.set_text_color(*TEAL)
    d.cell(width, 7, text, new_x="LEFT", new_y="NEXT")
    y = d.get_y()
    d.set_draw_color(*TEAL)
    d.set_line_width(0.4)
    start = x if x is not None else d.l_margin
    d.line(start, y, start + width, y)
    d.set_y(y + 1.5)
    if x is not None:
        d.set_x(x)
    d.set_text_color(34, 34, 34)


def _kpi_grid(d, fam: str, tx, kpis, width: float) -> None:
    per_row, gap = 4, 3
    box_w = (width - gap * (per_row - 1)) / per_row
    box_h = 24  # room for three lines of detail (Kiswahili runs longer)
    for i, (label, value, detail, _definition) in enumerate(kpis):
        col, row = i % per_row, i // per_row
        if col == 0 and row:
            d.set_y(d.get_y() + box_h + gap)
        x = d.l_margin + col * (box_w + gap)
        y = d.get_y()
        d.set_draw_color(200, 210, 208)
        d.rect(x, y, box_w, box_h)
        d.set_xy(x + 2, y + 1.5)
        d.set_font(fam, "", 7.5)
        d.set_text_color(85, 85, 85)
        d.cell(box_w - 4, 4, tx(label))
        d.set_xy(x + 2, y + 6)
        d.set_font(fam, "B", 15)
        d.set_text_color(34, 34, 34)
        d.cell(box_w - 4, 7, tx(value))
        d.set_xy(x + 2, y + 14)
        d.set_font(fam, "", 6.8)
        d.multi_cell(box_w - 4, 3.2, tx(detail), max_line_height=3.2, align="L")
        d.set_xy(d.l_margin, y)
    d.set_y(d.get_y() + box_h + 2)


def _table_pdf(d, fam: str, tx, frame: pd.DataFrame, width: float, empty: str, *, x: float,
               widths: tuple[float, ...]) -> None:
    d.set_x(x)
    if frame.empty:
        d.set_font(fam, "", 8.5)
        d.multi_cell(width, 4.5, tx(empty), new_x="LEFT", new_y="NEXT")
        return
    d.set_font(fam, "", 7.5)
    d.set_draw_color(200, 210, 208)
    d.set_line_width(0.2)
    old_margin = d.l_margin
    d.set_left_margin(x)  # fpdf2 tables start at the left margin
    try:
        with d.table(width=width, col_widths=tuple(w * 100 for w in widths),
                     text_align="LEFT", line_height=3.6, first_row_as_headings=True,
                     headings_style=_headings_style(fam), align="LEFT") as table:
            row = table.row()
            for col in frame.columns:
                row.cell(tx(str(col)))
            for values in frame.itertuples(index=False):
                row = table.row()
                for v in values:
                    row.cell(tx(str(v)))
    finally:
        d.set_left_margin(old_margin)


def _headings_style(fam: str):
    from fpdf.fonts import FontFace

    return FontFace(family=fam, emphasis="BOLD", fill_color=(238, 245, 244))


# ---------------------------------------------------------------------------- entry


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "kenya"


def build_briefing(*, scope: Scope | None = None, county_codes: tuple[str, ...] = (),
                   scope_label: str | None = None, start: dt.date | None = None,
                   end: dt.date | None = None, categories: tuple[str, ...] = (),
                   themes: tuple[str, ...] = (), public: bool = False, lang: str = "en",
                   engine=None, now: dt.datetime | None = None) -> BriefingPack:
    """Build the brief for ``scope`` (period, area, categories, themes and audience), or
    for the scope made of the counties (() = all Kenya, else one region or one county),
    the period (none: the pages' default period) and the filters given one by one.
    ``scope_label`` names the area (default: the scope's).

    Returns a :class:`BriefingPack` with HTML and PDF bytes and the time each step took
    (``timings``: data, images, html, pdf).
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    if scope is None:
        scope = scope_for(engine, county_codes=county_codes, start=start, end=end,
                          audience=Audience.PUBLIC if public else Audience.INTERNAL,
                          categories=tuple(categories), themes=tuple(themes))
        if county_codes and set(scope.county_codes) != set(county_codes):
            raise ValueError("a brief covers Kenya, one region or one county")
    county_codes = scope.county_codes if scope.region or scope.county else ()
    scope_label = scope_label or scope.area_label
    start, end = scope.period.start, scope.period.end
    # The stamp's date is the app's today (pinned by JUKWAA_TODAY), its time the clock's.
    now = now or dt.datetime.combine(clock.today(), dt.datetime.now().time())
    content = _gather(scope=scope, county_codes=county_codes, scope_label=scope_label,
                      start=start, end=end, categories=scope.categories, themes=scope.themes,
                      public=scope.public, lang=lang, engine=engine, now=now,
                      timings=timings)
    step = time.perf_counter()
    html_bytes = render_html(content)
    timings["html"] = time.perf_counter() - step
    step = time.perf_counter()
    pdf_bytes = render_pdf(content)
    timings["pdf"] = time.perf_counter() - step
    stem = f"brief_{_slug(scope_label)}_{start:%Y-%m}_{end:%Y-%m}"
    return BriefingPack(title=content.title, subtitle=content.subtitle, file_stem=stem,
                        html=html_bytes, pdf=pdf_bytes,
                        seconds=time.perf_counter() - started, timings=timings)


def scope_choices() -> list[tuple[str, str, tuple[str, ...]]]:
    """Every area a brief can cover: (key, label, county codes) for Kenya, the 8 regions
    and the 47 counties; keys are "all", "region:<code>" and "county:<code>"."""
    out = [("all", "Kenya", ())]
    counties = reference.counties()
    for r in reference.REGIONS:
        out.append((f"region:{r.code}", f"{r.name} region",
                    tuple(c.code for c in counties if c.region_code == r.code)))
    for c in sorted(counties, key=lambda c: c.name):
        out.append((f"county:{c.code}", c.name, (c.code,)))
    return out
