"""The presenter view (views/present.py) through app.py in AppTest.

- every slide renders for a forum link, a county link and a region link (shared demo
  database, read only);
- the figures shown are the public-audience figures of the data layer: the live slide's
  theme counts are those of ``live_forum_themes`` (a theme raised 3 times reads "<5", 7
  times "≈5"; no concern's words appear), the commitments those of ``commitment_totals``,
  the crime sentence that of ``crime_summary`` — public even without ``?mode=public`` and
  for an admitted session; a session without the code opens it locked public;
- no sidebar filters and no gate; buttons move between slides (kept as ``?slide=``);
- in Kiswahili no English label of ``ui.i18n`` is left on any slide.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_access import reference
from data_access import schema as s
from data_access.commitments import commitment_totals
from data_access.engine import get_engine, init_db, new_source
from data_access.figures.coverage import default_period
from data_access.figures.crime import crime_summary
from data_access.figures.scope import Audience, Scope
from data_access.live_capture import live_forum_themes, live_forum_total
from tests.apptest_helpers import problems, run_page
from tests.clock import TODAY
from ui.i18n import LABELS

PAGE = "present.py"
TIMEOUT = 90
KWALE, COAST = "002", "coast"
# The hand-built forum (held today in Kwale): concerns per theme, and what a public
# screen reads for each (rounded to 5, "<5" for 1-4).
RAISED = {"youth_gangs": 13, "land_disputes": 7, "drugs": 3}
PUBLIC_READS = {"youth_gangs": "≈15", "land_disputes": "≈5", "drugs": "<5"}
SECRET = "SECRET-WORDS-OF-A-CITIZEN"


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def forum_db(sqlite_url: str) -> tuple[str, int]:
    """A database holding one forum held today in Kwale with 23 concerns (13 + 7 + 3) and
    an earlier one in Mombasa; returns its URL and the forum's id."""
    engine = get_engine(sqlite_url)
    init_db(engine)
    with engine.begin() as conn:
        source = new_source(conn, kind="import", dataset="forums", name="hand-built")
        ids = []
        for ext, county, day in (("F-OLD", "001", TODAY - dt.timedelta(days=40)),
                                 ("F-TODAY", KWALE, TODAY)):
            ids.append(conn.execute(s.forums.insert().values(
                external_id=ext, edition=f"Forum {ext}", county_code=county, venue="Hall",
                held_on=day, attendance_total=120, source_id=source,
            )).inserted_primary_key[0])
        n = 0
        for theme, count in RAISED.items():
            for _ in range(count):
                n += 1
                conn.execute(s.concerns.insert().values(
                    external_id=f"C-{n}", forum_id=ids[1], origin="forum",
                    county_code=KWALE, theme_code=theme, summary=f"{SECRET} {n}",
                    raised_by_group="youth", raised_on=TODAY, source_id=source))
    return sqlite_url, int(ids[1])


@pytest.fixture(scope="module")
def demo_forum(demo_db) -> dict:
    """A demo forum with concerns: its id, county and region."""
    engine = get_engine(demo_db.url)
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(s.forums.c.id, s.forums.c.county_code)
            .where(s.forums.c.id.in_(sa.select(s.concerns.c.forum_id)))
            .order_by(s.forums.c.held_on.desc(), s.forums.c.id.desc()).limit(1)).first()
    region = next(c.region_code for c in reference.counties() if c.code == row.county_code)
    return {"id": int(row.id), "county": row.county_code, "region": region}


# --- helpers ----------------------------------------------------------------------------


def _open(url: str, monkeypatch, **params: str) -> AppTest:
    at = run_page(url, monkeypatch, PAGE, timeout=TIMEOUT, **params)
    assert not problems(at), "\n".join(problems(at))
    return at


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _metrics(at: AppTest) -> dict[str, str]:
    return {_unescape(m.label): m.value for m in at.metric}


def _texts(at: AppTest) -> list[str]:
    """Every text the page shows: headings, paragraphs, captions, notices, metric labels
    and values, widget labels and options (as drawn)."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "success", "error"):
        out += [e.value for e in getattr(at, kind)]
    for m in at.metric:
        out += [m.label, m.value]
    out += [b.label for b in at.button] + [w.label for w in at.toggle]
    for box in at.selectbox:
        out += [box.label, *box.options]
    for group in at.get("button_group"):
        out.append(group.label)
        out += [o.content for o in group.proto.options]
    return [_unescape(str(x)) for x in out if x]


def _slide_heading(at: AppTest) -> str:
    return " | ".join(h.value for h in at.header)


def _param(at: AppTest, name: str):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


# --- every slide, for every kind of link ----------------------------------------------------


@pytest.mark.parametrize("slide", ["1", "2", "3", "4"])
def test_every_slide_renders_for_a_forum_link(demo_db, demo_forum, monkeypatch, slide):
    at = _open(demo_db.url, monkeypatch, forum=str(demo_forum["id"]), slide=slide)
    county = next(c for c in reference.counties() if c.code == demo_forum["county"])
    assert [e.value for e in at.title] == [county.name]
    assert at.header, "no slide heading"
    assert not at.sidebar.children, "the sidebar (filters, menu) is drawn"
    assert {b.key for b in at.button} == {"present_prev", "present_next"}


@pytest.mark.parametrize("slide", ["1", "2", "3", "4"])
@pytest.mark.parametrize("link", ["county", "region"])
def test_every_slide_renders_for_a_county_or_region_link(demo_db, demo_forum, monkeypatch,
                                                         slide, link):
    at = _open(demo_db.url, monkeypatch, slide=slide, **{link: demo_forum[link]})
    assert at.header and not at.sidebar.children
    if link == "region":
        region = next(r for r in reference.REGIONS if r.code == demo_forum["region"])
        assert [e.value for e in at.title] == [f"{region.name} region"]


def test_without_an_area_a_picker_and_no_figures(demo_db, monkeypatch):
    at = _open(demo_db.url, monkeypatch)
    assert [e.value for e in at.title] == ["Presenter view"]
    assert not at.metric and not at.sidebar.children
    at.selectbox(key="pr_pick").set_value(f"county:{KWALE}").run()
    assert _param(at, "county") == KWALE
    assert [e.value for e in at.title] == ["Kwale"]


def test_an_unknown_forum_says_so(demo_db, monkeypatch):
    at = _open(demo_db.url, monkeypatch, forum="999999")
    assert any("no forum with this number" in w.value for w in at.warning)
    assert not at.metric


# --- the figures are the public ones -------------------------------------------------------


def test_live_slide_shows_the_public_rounded_counts_and_no_words(forum_db, monkeypatch):
    url, forum_id = forum_db
    at = _open(url, monkeypatch, forum=str(forum_id), slide="2")
    engine = get_engine(url)
    themes = live_forum_themes(forum_id=forum_id, audience=Audience.PUBLIC, engine=engine)
    total = live_forum_total(forum_id=forum_id, audience=Audience.PUBLIC, engine=engine)
    shown = _metrics(at)
    # The data layer's public figures, and the values worked out by hand.
    assert shown.pop("Concerns raised") == total["concerns_display"] == "≈25"
    expected = {reference.THEME_BY_CODE[c].label: v for c, v in PUBLIC_READS.items()}
    assert dict(zip(themes["theme"], themes["concerns_display"], strict=True)) == expected
    assert shown == expected
    texts = "\n".join(_texts(at))
    assert SECRET not in texts and "Hall" not in texts and "Forum F-TODAY" not in texts
    # No exact count appears anywhere (the internal screen would read 23, 13, 7, 3).
    assert not re.search(r"(?<![\d≈,])(23|13|7|3)(?![\d,])", " ".join(shown.values()))
    assert any(re.fullmatch(r"Updated \d\d:\d\d:\d\d", _unescape(m.value))
               for m in at.markdown)


def test_a_capture_shows_and_a_withdrawn_one_disappears(forum_db, monkeypatch):
    """A recorder's capture appears on the live slide at the next refresh; withdrawn, it
    is gone at the next one (the cache is keyed by the data version every write bumps)."""
    from data_access.live_capture import capture_concern, withdraw_concern

    url, forum_id = forum_db
    engine = get_engine(url)
    theme = next(th for th in reference.THEMES
                 if th.code not in RAISED and not th.sensitive)
    at = _open(url, monkeypatch, forum=str(forum_id), slide="2")
    assert theme.label not in _metrics(at)
    concern = capture_concern(forum_id=forum_id, theme_code=theme.code, group_code="youth",
                              summary="Water point fights at night", recorder="rec1",
                              token="t1", engine=engine)
    at.run()  # what the fragment's timer does every 3 s
    assert _metrics(at)[theme.label] == "<5"
    assert "Water point" not in "\n".join(_texts(at))
    withdraw_concern(concern_id=concern, recorder="rec1", engine=engine)
    at.run()
    shown = _metrics(at)
    assert theme.label not in shown
    assert shown["Concerns raised"] == "≈25"  # the 23 raised before, as before


def test_public_without_mode_even_for_an_admitted_session(forum_db, monkeypatch):
    """No ?mode=public and no access code configured (an admitted session): still the
    public figures, and the session's filters are never drawn."""
    url, forum_id = forum_db
    at = _open(url, monkeypatch, forum=str(forum_id), slide="2")
    assert _param(at, "mode") is None
    assert _metrics(at)["Concerns raised"] == "≈25"
    internal = live_forum_total(forum_id=forum_id, audience=Audience.INTERNAL,
                                engine=get_engine(url))
    assert internal["concerns_display"] == "23"  # what an internal screen would read
    assert "jukwaa_current_filters" not in at.session_state


def test_a_session_without_the_code_opens_it_locked_public(forum_db, monkeypatch):
    url, forum_id = forum_db
    monkeypatch.setenv("JUKWAA_DB_URL", url)
    monkeypatch.setenv("JUKWAA_AUTO_DEMO", "0")
    monkeypatch.setenv("JUKWAA_ACCESS_CODE", "s3cret")
    from tests.apptest_helpers import APP, open_deep_link

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({"forum": str(forum_id), "slide": "2"})
    at = open_deep_link(at, PAGE)
    assert not problems(at)
    assert not [w for w in at.text_input if w.key == "jukwaa_gate_code"], "gate asked"
    assert at.session_state["jukwaa_public_locked"] is True
    assert _metrics(at)["Concerns raised"] == "≈25"


def test_commitments_slide_shows_the_public_totals(demo_db, demo_forum, monkeypatch):
    at = _open(demo_db.url, monkeypatch, county=demo_forum["county"], slide="3")
    made = commitment_totals(as_of=TODAY, county_codes=(demo_forum["county"],),
                             audience=Audience.PUBLIC, engine=get_engine(demo_db.url)).iloc[0]
    assert made["code"] == demo_forum["region"]  # public: the county's region
    shown = _metrics(at)
    assert shown == {"Commitments made": made["made_display"],
                     "Kept": made["fulfilled_display"],
                     "Partly kept": made["partly_display"],
                     "Still open": made["open_display"],
                     "Overdue": made["overdue_display"]}
    if pd.notna(made["resolution_rate"]):
        assert any(f"{made['resolution_rate']:.0%} of the commitments" in _unescape(m.value)
                   for m in at.markdown)


def test_trend_sentence_is_the_public_crime_summary(demo_db, demo_forum, monkeypatch):
    at = _open(demo_db.url, monkeypatch, county=demo_forum["county"], slide="4")
    engine = get_engine(demo_db.url)
    period = default_period(engine=engine)
    summary = crime_summary(Scope(period, Audience.PUBLIC, demo_forum["region"],
                                  demo_forum["county"]), engine=engine)
    county = next(c for c in reference.counties() if c.code == demo_forum["county"])
    sentences = [_unescape(m.value) for m in at.markdown
                 if _unescape(m.value).startswith(county.name)]
    assert len(sentences) == 1
    assert f"recorded {summary.total_display} crimes in {period.label()}" in sentences[0]
    assert at.get("plotly_chart"), "no trend chart"


def test_trend_slide_without_crime_data_says_so(forum_db, monkeypatch):
    url, forum_id = forum_db
    at = _open(url, monkeypatch, forum=str(forum_id), slide="4")
    assert any("no monthly crime figures for Kwale" in _unescape(m.value)
               for m in at.markdown)


# --- moving and language ------------------------------------------------------------------


def test_buttons_move_between_slides_and_keep_it_in_the_link(forum_db, monkeypatch):
    url, forum_id = forum_db
    at = _open(url, monkeypatch, forum=str(forum_id))
    assert _slide_heading(at) == "Where we are"
    at.button(key="present_next").click().run()
    assert _param(at, "slide") == "2"
    assert _slide_heading(at) == "Concerns raised at this forum so far"
    at.button(key="present_prev").click().run()
    at.button(key="present_prev").click().run()  # from the first: round to the last
    assert _param(at, "slide") == "4"
    assert _slide_heading(at) == "Crime in Kwale"
    assert not problems(at)


def test_language_switches_on_screen_and_in_the_link(forum_db, monkeypatch):
    url, forum_id = forum_db
    at = _open(url, monkeypatch, forum=str(forum_id), slide="2")
    at.get("button_group")[0].set_value("sw").run()
    assert _param(at, "lang") == "sw"
    assert _slide_heading(at) == "Malalamiko yaliyotolewa kwenye baraza hili hadi sasa"
    assert _metrics(at)["Malalamiko yaliyotolewa"] == "≈25"


def _english_matchers() -> list[tuple[str, re.Pattern]]:
    """Every English label of the catalogue whose Kiswahili differs, as a pattern a whole
    text must not match (a template's fields match anything); labels of three words or
    more must not appear inside a text either."""
    out = []
    for key, (en, sw) in LABELS.items():
        if en == sw:
            continue
        parts = re.split(r"\{[^}]*\}", en)
        pattern = ".+?".join(re.escape(p) for p in parts)
        out.append((key, re.compile(pattern, re.DOTALL)))
    return out


ENGLISH = _english_matchers()
LONG_ENGLISH = [(k, en) for k, (en, sw) in LABELS.items()
                if en != sw and "{" not in en and len(en.split()) >= 3]


@pytest.mark.parametrize("slide", ["1", "2", "3", "4"])
@pytest.mark.parametrize("db", ["demo", "hand-built"])
def test_kiswahili_view_leaves_no_english(db, slide, demo_db, demo_forum, forum_db,
                                          monkeypatch):
    url, forum_id = (demo_db.url, demo_forum["id"]) if db == "demo" else forum_db
    at = _open(url, monkeypatch, forum=str(forum_id), slide=slide, lang="sw")
    texts = _texts(at)
    assert texts
    left = [(key, text) for text in texts for key, pattern in ENGLISH
            if pattern.fullmatch(text)]
    left += [(key, text) for text in texts for key, en in LONG_ENGLISH if en in text]
    assert left == []


def test_the_english_check_can_fail(forum_db, monkeypatch):
    """The same check on the English view finds the English labels (so it can fail)."""
    url, forum_id = forum_db
    at = _open(url, monkeypatch, forum=str(forum_id), slide="2")
    texts = _texts(at)
    found = {key for text in texts for key, pattern in ENGLISH if pattern.fullmatch(text)}
    assert {"pr_live_title", "pr_live_total", "pr_prev", "pr_next", "pr_language"} <= found
