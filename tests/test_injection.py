"""Nothing injected: text from the data is shown as written, and exports never fail on it.

- Pages: a concern, commitment, forum and update whose text is Markdown and HTML (an image
  that would fetch an outside address, a link, bold) are run through app.py (AppTest) on a
  real SQLite file; every Markdown body shows the text escaped, with no active image, link
  or emphasis; plotly labels carry it as entities.
- The briefing pack's HTML carries it escaped.
- Tables: Streamlit's own "Download as CSV" in a table's toolbar is off
  (``client.disableDataExport``); the app's CSV goes through data_access.safe_csv.
- Exports: an older row holding a vertical tab or a NUL exports to CSV and Excel, the
  control characters stripped.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from data_access.commitments import overdue_commitments
from data_access.demo import generate_demo
from data_access.engine import bump_data_version, get_engine, init_db
from data_access.exports import export_bytes
from data_access.figures.calendar import month_end
from data_access.figures.scope import Audience
from data_access.safe_csv import to_csv_bytes, to_xlsx_bytes
from tests.apptest_helpers import problems, run_page
from tests.clock import DEMO_END_MONTH
from tests.conftest import PROJECT_ROOT, dispose_engine
from ui.plain import WORD_JOINER, md_block, md_quote, md_text, plot_text

INTERNAL = Audience.INTERNAL

# An image that would make every viewer's browser fetch an address, the same as Markdown,
# a link and emphasis. 127.0.0.1:9 (discard) so a fetch, were one made, goes nowhere.
IMG_HTML = "<img src=http://127.0.0.1:9/x>"
IMG_MD = "![x](http://127.0.0.1:9/y)"
LINK_MD = "[click](http://evil)"
HOSTILE = f"{IMG_HTML} {IMG_MD} {LINK_MD} **bold**"
# Active forms: what must never reach a Markdown body (outside backslash escapes) or a
# plotly text.
ACTIVE_MARKDOWN = ("<img", "![", "[click", "**bold**", "](http", "http://")
ACTIVE_PLOTLY = ("<img", "<a ")


@dataclass(frozen=True)
class HostileDb:
    """A small demo database with hostile text in one forum's chain."""

    url: str
    commitment_id: int
    forum_id: int
    county_code: str


def make_hostile_db(url: str) -> HostileDb:
    """A one-year demo at ``url`` whose oldest overdue commitment from a forum — its title
    and evidence, its concern's summary, its forum's edition and venue, and its updates'
    notes, evidence and recorders — holds :data:`HOSTILE`."""
    eng = get_engine(url)
    init_db(eng)
    generate_demo(eng, seed=7, years=1, incidents=3000, end_month=DEMO_END_MONTH)
    overdue = overdue_commitments(as_of=month_end(DEMO_END_MONTH), audience=INTERNAL,
                                  engine=eng)
    with eng.begin() as conn:
        found = None
        for cid in overdue.loc[overdue["overdue"], "commitment_id"]:
            found = conn.execute(sa.text(
                "SELECT c.id, k.id, k.forum_id, k.county_code FROM commitments c "
                "JOIN concerns k ON k.id = c.concern_id "
                "WHERE c.id = :id AND k.forum_id IS NOT NULL "
                "AND EXISTS (SELECT 1 FROM commitment_updates u WHERE u.commitment_id = c.id)"),
                {"id": int(cid)}).first()
            if found:
                break
        assert found, "the demo has an overdue commitment from a forum, with updates"
        cid, concern_id, forum_id, county = found
        conn.execute(sa.text("UPDATE commitments SET title = :t, evidence = :t WHERE id = :id"),
                     {"t": HOSTILE, "id": cid})
        conn.execute(sa.text("UPDATE concerns SET summary = :t WHERE id = :id"),
                     {"t": HOSTILE + "\n# not a heading", "id": concern_id})
        conn.execute(sa.text("UPDATE forums SET edition = :t, venue = :t WHERE id = :id"),
                     {"t": HOSTILE, "id": forum_id})
        conn.execute(sa.text("UPDATE commitment_updates SET note = :t, evidence = :t, "
                             "recorded_by = :t WHERE commitment_id = :id"),
                     {"t": HOSTILE, "id": cid})
        bump_data_version(conn)  # as every writer does: cached queries read afresh
    return HostileDb(url=url, commitment_id=int(cid), forum_id=int(forum_id),
                     county_code=str(county))


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileDb]:
    """:func:`make_hostile_db` in a temporary folder."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hostile.db'}"
    yield make_hostile_db(url)
    dispose_engine(url)


# --- the helper ---------------------------------------------------------------------------


def test_md_text_escapes_every_markdown_and_html_form():
    escaped = md_text(HOSTILE)
    wj = WORD_JOINER
    assert escaped == (rf"\<img src=http{wj}\://127.0.0.1\:9/x\> "
                       rf"\!\[x\](http{wj}\://127.0.0.1\:9/y) "
                       rf"\[click\](http{wj}\://evil) \*\*bold\*\*")
    # Bare addresses stay text too (GFM links them in the parsed text, escaped or not).
    assert md_text("www.x.org a@b.co") == f"www{wj}.x.org a{wj}@b.co"
    # Plain punctuation mid-line stays as it is; at a line's start it cannot make a list.
    assert md_text("Anti-narcotics task force (Kitui), 2.5 km") == \
        "Anti-narcotics task force (Kitui), 2.5 km"
    assert [md_text(x) for x in ("- a", "+ b", "= c", "12. d", "3) e")] == \
        ["\\- a", "\\+ b", "\\= c", "12\\. d", "3\\) e"]
    # Streamlit's own directives and LaTeX, and line structure, are text too.
    assert md_text(":red[alarm] $x$ :material/home:").replace(WORD_JOINER, "") == \
        r"\:red\[alarm\] \$x\$ \:material/home\:"
    assert md_text("one\n# two\n    three") == r"one \# two three"
    assert md_text(None) == "" and md_text(float("nan")) == ""
    assert md_text("a\x00b\x1b[31mc") == r"ab\[31mc"  # controls removed


def test_md_block_and_quote_keep_lines_as_text():
    assert md_block("first\n# second\n\n    - third") == "first  \n\\# second  \n\\- third"
    assert md_quote("first\n> second") == "> first  \n> \\> second"


def test_plot_text_uses_entities_plotly_decodes():
    assert plot_text('<a href="http://evil">x</a> & "q"') == \
        '&lt;a href="http://evil"&gt;x&lt;/a&gt; &amp; "q"'


# --- pages --------------------------------------------------------------------------------


def _bodies(at) -> list[str]:
    """Every Markdown text of the run: bodies, captions, headers, alerts, labels, help."""
    out: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning",
                 "error", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    for metric in at.metric:
        out += [metric.label, metric.proto.help or ""]
    out += [e.label for e in at.expander]
    out += [e.label for e in at.tabs]
    return out


def _unescaped(body: str) -> str:
    """``body`` without its backslash-escaped characters: what Markdown may still parse."""
    return re.sub(r"\\.", "", body)


def _plotly_strings(at) -> list[str]:
    """Every string in the run's plotly figures (labels, hover texts, custom data)."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return found


def _assert_nothing_active(at, *, expect_escaped: bool = True) -> None:
    assert not problems(at), "\n".join(problems(at))
    bodies = _bodies(at)
    active = [b for b in bodies if any(a in _unescaped(b) for a in ACTIVE_MARKDOWN)]
    assert not active, f"Markdown that would render: {active}"
    if expect_escaped:
        assert any(md_text(HOSTILE) in b for b in bodies), "the hostile text is shown"
    plotted = [s for s in _plotly_strings(at) if any(a in s for a in ACTIVE_PLOTLY)]
    assert not plotted, f"plotly text that would render: {plotted}"


def test_chain_from_a_commitment(hostile_db: HostileDb, monkeypatch):
    at = run_page(hostile_db.url, monkeypatch, "chain.py",
                  commitment=str(hostile_db.commitment_id))
    _assert_nothing_active(at)
    bodies = _bodies(at)
    assert md_quote(HOSTILE + "\n# not a heading") in bodies  # the concern, line by line
    assert f"**{md_text(HOSTILE)}**" in bodies  # the title and the forum's edition
    assert any(b.endswith(md_text(HOSTILE)) and "Venue" in b for b in bodies)
    # The timeline's labels carry the title as entities.
    assert any(plot_text(HOSTILE)[:30] in s for s in _plotly_strings(at))


def test_chain_from_a_forum(hostile_db: HostileDb, monkeypatch):
    at = run_page(hostile_db.url, monkeypatch, "chain.py", forum=str(hostile_db.forum_id))
    _assert_nothing_active(at)
    assert any(b.startswith(md_text(HOSTILE)) for b in (s.value for s in at.subheader))
    assert any(f"→ **{md_text(HOSTILE)}**" in b for b in _bodies(at))
    # Each commitment's history table holds the text as it is (a cell is never markup).
    notes = [df for df in (e.value for e in at.dataframe) if "note" in df.columns]
    assert any((df["note"] == HOSTILE).any() for df in notes)


def test_record_progress(hostile_db: HostileDb, monkeypatch):
    at = run_page(hostile_db.url, monkeypatch, "record_update.py",
                  commitment=str(hostile_db.commitment_id))
    _assert_nothing_active(at)
    assert md_quote(HOSTILE + "\n# not a heading") in _bodies(at)


def test_commitments_overdue_chart_and_list(hostile_db: HostileDb, monkeypatch):
    at = run_page(hostile_db.url, monkeypatch, "commitments.py")
    # The title is in tables and charts only (no Markdown body shows it here).
    _assert_nothing_active(at, expect_escaped=False)
    assert any(s.startswith(plot_text(HOSTILE)[:20]) for s in _plotly_strings(at))
    titles = [df for df in (e.value for e in at.dataframe) if "commitment" in df.columns]
    assert any((df["commitment"] == HOSTILE).any() for df in titles)


def test_county_profile(hostile_db: HostileDb, monkeypatch):
    at = run_page(hostile_db.url, monkeypatch, "county_profile.py",
                  county=hostile_db.county_code)
    _assert_nothing_active(at, expect_escaped=False)
    tables = [df for df in (e.value for e in at.dataframe) if "commitment" in df.columns]
    assert any((df["commitment"] == HOSTILE).any() for df in tables)


def test_briefing_html_escapes_titles(hostile_db: HostileDb):
    from ui.briefing import build_briefing

    pack = build_briefing(county_codes=(hostile_db.county_code,), scope_label="County",
                          engine=get_engine(hostile_db.url))
    html = pack.html.decode() if isinstance(pack.html, bytes) else pack.html
    assert "&lt;img src=http://127.0.0.1:9/x&gt;" in html
    assert IMG_HTML not in html and "<img src=http" not in html


# --- the tables' own CSV download ------------------------------------------------------------


def test_table_toolbar_download_is_off():
    """Streamlit 1.67's ``client.disableDataExport`` hides the CSV download (and clipboard
    copy) of every st.dataframe and chart table view; the app's own CSV buttons remain."""
    from streamlit import config as st_config

    settings = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert settings["client"]["disableDataExport"] is True
    assert "client.disableDataExport" in st_config._config_options_template


def test_safe_csv_neutralises_what_the_toolbar_wrote_raw():
    table = pd.DataFrame({"note": ['=HYPERLINK("http://evil","x")', "@SUM(A1:A2)",
                                   "+254700000000", "\x00=1+1", "plain"]})
    cells = pd.read_csv(io.BytesIO(to_csv_bytes(table)), encoding="utf-8-sig")["note"]
    assert list(cells) == ['\'=HYPERLINK("http://evil","x")', "'@SUM(A1:A2)",
                           "'+254700000000", "'=1+1", "plain"]


# --- exports with control characters -------------------------------------------------------

CONTROL_NOTE = "first line\x0bsecond line\x00 end\x1b[2J\x07"
CONTROL_CLEAN = "first line\nsecond line end[2J"


@pytest.fixture
def control_db(sqlite_url: str) -> sa.Engine:
    """A demo whose first update note holds a vertical tab, a NUL, an escape and a bell,
    as an older row written before text was cleaned on the way in."""
    eng = get_engine(sqlite_url)
    init_db(eng)
    generate_demo(eng, seed=3, years=1, incidents=500, end_month=DEMO_END_MONTH)
    with eng.begin() as conn:
        first = conn.execute(sa.text("SELECT MIN(id) FROM commitment_updates")).scalar_one()
        conn.execute(sa.text("UPDATE commitment_updates SET note = :n, recorded_by = :r "
                             "WHERE id = :id"),
                     {"n": CONTROL_NOTE, "r": "\x0cClerk\x01", "id": first})
        bump_data_version(conn)
        stored = conn.execute(sa.text("SELECT note FROM commitment_updates WHERE id = :id"),
                              {"id": first}).scalar_one()
    assert stored == CONTROL_NOTE  # SQLite keeps every one of them
    return eng


def test_excel_export_strips_control_characters(control_db: sa.Engine):
    data = export_bytes(control_db, kind="commitment-updates", fmt="xlsx", audience=INTERNAL)
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    notes = [r[head.index("note")] for r in rows[1:]]
    assert CONTROL_CLEAN in notes
    assert "\nClerk" in [r[head.index("recorded_by")] for r in rows[1:]]


def test_csv_export_strips_control_characters(control_db: sa.Engine):
    data = export_bytes(control_db, kind="commitment-updates", fmt="csv", audience=INTERNAL)
    assert not any(c in data for c in (b"\x00", b"\x0b", b"\x0c", b"\x1b", b"\x07", b"\x01"))
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert CONTROL_CLEAN in set(frame["note"])


def test_workbook_writer_takes_every_control_character():
    every = "".join(chr(c) for c in range(0x20)) + "\x7f\x85\x9f"
    data = to_xlsx_bytes({"s": pd.DataFrame({"text": [every, "=1" + every],
                                             "n": [1, 2],
                                             "when": [dt.date(2026, 1, 1)] * 2})})
    cells = [r[0] for r in load_workbook(io.BytesIO(data)).active.iter_rows(
        min_row=2, values_only=True)]
    # Tab, line feed and carriage return stay (a leading tab is a formula prefix); the
    # workbook's XML reads a carriage return back as a line feed.
    assert cells == ["'\t\n\n\n\n", "'=1\t\n\n\n\n"]
