"""The comparison of areas as a table and as a one-page PDF in the style of the briefing
pack (``ui.briefing``: its PDF class, headings, tables and image server are reused).

Formatting only: every figure comes from :mod:`data_access.compare`.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import plotly.graph_objects as go

from data_access.forums import NO_FORUM_YET
from data_access.metrics import definition
from ui.briefing import (
    _heading,
    _Pdf,
    _table_pdf,
    filters_text,
    page_head,
    render_png,
)
from ui.i18n import t, verdict_label

TREND_PX = (1000, 330)
MAP_PANEL_PX = 250
MAP_COLUMNS = 4


def _pct(v) -> str:
    return "—" if v is None or pd.isna(v) else f"{v:.0%}"


def _rate(v) -> str:
    return "—" if v is None or pd.isna(v) else f"{v:,.1f}"


def _median(v) -> str:
    # An ordinal score's median is a whole score or halfway between two: 3, 3.5.
    return "—" if v is None or pd.isna(v) else f"{v:g}"


def _change(pct, verdict: str, lang: str) -> str:
    words = verdict_label(verdict, lang)
    return words if pct is None or pd.isna(pct) else f"{pct:+.0f}% · {words}"


def summary_table(summary: pd.DataFrame, *, lang: str = "en", public: bool = False
                  ) -> pd.DataFrame:
    """The comparison, one row per area, as text (what the page, the CSV and the PDF
    show): ``summary`` is :func:`data_access.compare.comparison_summary`. On a public
    screen the concerns and commitments columns say whose figure they are."""
    sw = lang == "sw"
    label = summary["label_sw" if sw else "label"]
    out = pd.DataFrame({
        "area": label,
        "crimes": summary["crimes"].replace("", t("no_data_short", lang)),
        "rate per 100,000": [_rate(v) for v in summary["rate_per_100k"]],
        "change vs a year earlier": [_change(p, v, lang) for p, v in
                                     zip(summary["pct_change"], summary["verdict"])],
        "forums held": [t("fo_no_forum_yet", lang) if status == NO_FORUM_YET else shown
                        for shown, status in zip(summary["forums"], summary["forums_status"])],
        "concerns raised": summary["concerns"],
        "commitments made": summary["commitments_made"],
        "fulfilled": summary["fulfilled"],
        "overdue": summary["overdue"],
        "resolution rate": [_pct(v) for v in summary["resolution_rate"]],
        "chiefs' reports": summary["chief_reports"],
        "reporting compliance": [_pct(v) for v in summary["compliance"]],
        "median sentiment (1–5)": [_median(v) for v in summary["sentiment_median"]],
        "low scores (1–2)": [_pct(v) for v in summary["sentiment_low_share"]],
        "crime coverage": summary["coverage"],
    })
    if public:
        out.insert(out.columns.get_loc("concerns raised"), "concerns and commitments of",
                   summary["concerns_area"])
    return out


def build_pdf(*, summary: pd.DataFrame, trend_fig: go.Figure | None, map_fig: go.Figure,
              title: str, period_label: str, start: dt.date, end: dt.date,
              categories=(), themes=(), public: bool = False, demo: bool = False,
              notes: list[str] | None = None, lang: str = "en",
              now: dt.datetime | None = None) -> bytes:
    """The comparison on one A4 page: the table of every area, the monthly rate lines and
    the map panels side by side, the notes and the definitions. Images are drawn by
    the briefing pack's Kaleido server (:func:`ui.briefing.render_png`)."""
    now = now or dt.datetime.now()
    generated = f"{t('brief_generated', lang)} {now:%d %b %Y %H:%M}"
    map_rows = math.ceil(len(summary) / MAP_COLUMNS)  # the page's map: 4 panels a row
    figures = [(map_fig, 1000, max(1, map_rows) * MAP_PANEL_PX + 70)]
    if trend_fig is not None:
        figures.append((trend_fig, *TREND_PX))
    pngs = render_png(figures)
    p = _Pdf(f"{title} · {generated}")
    d, tx, fam = p.doc, p.text, p.family
    width = d.w - d.l_margin - d.r_margin
    page_head(p, title=title, subtitle=f"{period_label} · {generated}", demo=demo,
              filters_line=filters_text(
                  scope_label=", ".join(summary["label_sw" if lang == "sw" else "label"]),
                  start=start, end=end, categories=categories, themes=themes, public=public,
                  lang=lang), lang=lang, compact=True)
    table = summary_table(summary, lang=lang, public=public).drop(columns="crime coverage")
    _heading(d, fam, tx(t("cmp_summary", lang)), width)
    n = len(table.columns)
    widths = (0.12, 0.07, 0.07, 0.12, *([0.62 / (n - 4)] * (n - 4)))
    _table_pdf(d, fam, tx, table, width, t("no_data", lang), x=d.l_margin, widths=widths)
    d.ln(2)
    # Trend and map stacked at full width, shrunk together to leave room for the notes
    # and the definitions on the one page.
    note_lines = len(notes or []) + 1 + len(summary) // 3
    room = d.h - d.b_margin - d.get_y() - (34 + 3.4 * note_lines)
    trend_h = width * TREND_PX[1] / TREND_PX[0] if trend_fig is not None else 0
    map_h = width * figures[0][2] / figures[0][1]
    scale = min(1.0, room / max(trend_h + map_h + 18, 1))
    trend_h, map_h = trend_h * scale, map_h * scale
    if trend_fig is not None:
        _heading(d, fam, tx(t("cmp_pdf_trend", lang)), width)
        w = trend_h * TREND_PX[0] / TREND_PX[1]
        d.image(io.BytesIO(pngs[1]), x=d.l_margin + (width - w) / 2, y=d.get_y(), w=w,
                h=trend_h)
        d.set_y(d.get_y() + trend_h + 2)
    _heading(d, fam, tx(t("cmp_pdf_map", lang)), width)
    w = map_h * figures[0][1] / figures[0][2]
    d.image(io.BytesIO(pngs[0]), x=d.l_margin + (width - w) / 2, y=d.get_y(), w=w, h=map_h)
    d.set_y(d.get_y() + map_h + 1)
    d.set_x(d.l_margin)
    d.set_font(fam, "", 7)
    d.set_text_color(85, 85, 85)
    coverage = "; ".join(f"{a}: {c}" for a, c in zip(summary["label_sw" if lang == "sw"
                                                             else "label"],
                                                     summary["coverage"]))
    for note in [*(notes or []), coverage]:
        d.multi_cell(width, 3.3, tx(note), new_x="LMARGIN", new_y="NEXT")
    d.ln(1)
    # The definitions fill what is left of the page (the rest are in METHODS.md): the
    # comparison stays on one page.
    bottom = d.h - d.b_margin
    d.set_font(fam, "", 6.8)
    texts = [tx(definition(k, lang)) for k in ("compare", "rate", "change", "resolution",
                                          "compliance")]
    if d.get_y() + 10 + d.multi_cell(width, 3.1, texts[0], dry_run=True,
                                     output="HEIGHT") <= bottom:
        _heading(d, fam, tx(t("brief_definitions", lang)), width)
        d.set_font(fam, "", 6.8)
        for text in texts:
            need = d.multi_cell(width, 3.1, text, dry_run=True, output="HEIGHT")
            if d.get_y() + need > bottom:
                break
            d.multi_cell(width, 3.1, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(d.output())
