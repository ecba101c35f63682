"""Live capture: concerns typed in by a recorder at a forum while it is held
(docs/METHODS.md, "Live capture").

Writers
- :func:`capture_concern` saves one concern at once, with origin ``live_capture``, the
  forum's county and the forum's date; only a forum held today
  (``data_access.clock.today()``) takes captures.
- :func:`correct_concern` and :func:`withdraw_concern` change or delete a capture, only
  one of this recorder's, and only while no commitment answers it.

Every write is one transaction that bumps the data version *first*: that UPDATE takes the
data-version row lock on PostgreSQL and the write lock on SQLite, so concurrent recorders
are serialised before anything is read, and the get-or-create of the forum's source and
the double-submit check below cannot race. Both recorders' concerns are saved; none waits
longer than the busy timeout.

A double submit (the same form sent twice) is recognised by its token: a capture's
``external_id`` is ``LIVE-<recorder>-<token>`` (unique in the table), and a token already
saved returns the id saved the first time, writing nothing.

Readers (through the cache, keyed by the data version, so a room of screens polling the
presenter view reads the database once per change)
- :func:`live_forum_themes` and :func:`live_forum_total`: concerns raised at a forum so
  far, every origin. Public: no text, each count rounded to 5 ("<5", "≈10").
- :func:`forum_captures`: the recorder's own list (internal only).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from config import get_settings
from data_access import clock, reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.engine import bump_data_version, get_engine, new_source
from data_access.figures.scope import Audience
from data_access.plain_text import strip_controls
from data_access.privacy import NotForPublic, is_public, round_to

ORIGIN = "live_capture"
SOURCE_KIND = "capture"
SOURCE_DATASET = "concerns"
MAX_SUMMARY = 280
EXTERNAL_PREFIX = "LIVE-"
# external_id is 64 characters wide: "LIVE-" + recorder (24) + "-" + token (32) = 62.
_RECORDER = re.compile(r"^[A-Za-z0-9_.]{1,24}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


class CaptureRefused(ValueError):
    """A capture, correction or withdrawal that was not saved; ``reason`` is a stable
    code (pages translate it), the message says what to do.

    Reasons: ``unknown_forum``, ``not_today``, ``unknown_theme``, ``unknown_group``,
    ``empty_summary``, ``too_long``, ``bad_recorder``, ``bad_token``,
    ``unknown_concern``, ``not_live``, ``not_yours``, ``has_commitment``.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


# --- validation ---------------------------------------------------------------------------


def clean_summary(summary: str | None) -> str:
    """The summary as stored: NFC, controls removed, every run of white space (line
    breaks included) one space, trimmed. Refuses an empty or too long one."""
    text = unicodedata.normalize("NFC", strip_controls(summary or ""))
    text = " ".join(text.split())
    if not text:
        raise CaptureRefused("empty_summary", "Write a short summary of the concern.")
    if len(text) > MAX_SUMMARY:
        raise CaptureRefused("too_long", f"The summary is {len(text):,} characters long; "
                                         f"the limit is {MAX_SUMMARY}. Shorten it.")
    return text


def _check_theme_group(theme_code: str, group_code: str | None) -> None:
    if theme_code not in reference.THEME_BY_CODE:
        raise CaptureRefused("unknown_theme", f"Unknown concern theme {theme_code!r}: "
                                              "choose one from the list.")
    if group_code is not None and group_code not in reference.ATTENDANCE_GROUPS:
        raise CaptureRefused("unknown_group", f"Unknown group {group_code!r}: choose one "
                                              "from the list, or none.")


def _check_recorder(recorder: str) -> str:
    if not isinstance(recorder, str) or not _RECORDER.match(recorder):
        raise CaptureRefused("bad_recorder", "The recorder's key is missing or malformed "
                                             "(1–24 letters, digits, '_' or '.').")
    return recorder


def _own(recorder: str) -> str:
    """The external_id prefix of this recorder's captures."""
    return f"{EXTERNAL_PREFIX}{recorder}-"


def _forum(conn: Connection, forum_id: int):
    return conn.execute(sa.select(s.forums.c.id, s.forums.c.external_id, s.forums.c.edition,
                                  s.forums.c.county_code, s.forums.c.held_on)
                        .where(s.forums.c.id == forum_id)).first()


def _as_date(value) -> dt.date:
    return pd.Timestamp(value).date()


def _source_for(conn: Connection, forum) -> int:
    """The forum's live-capture source row, made on its first capture. Called after the
    data version was bumped in this transaction, so no other writer is between the
    look-up and the insert (one source per forum, also under concurrency)."""
    note = f"forum {forum.external_id}"
    t = s.data_sources
    found = conn.execute(sa.select(t.c.id).where(t.c.kind == SOURCE_KIND,
                                                 t.c.dataset == SOURCE_DATASET,
                                                 t.c.note == note)
                         .order_by(t.c.id).limit(1)).scalar()
    if found is not None:
        return int(found)
    return new_source(conn, kind=SOURCE_KIND, dataset=SOURCE_DATASET,
                      name=f"Live capture at {forum.edition}"[:255], note=note)


def _add_rows(conn: Connection, source_id: int, delta: int) -> None:
    t = s.data_sources
    conn.execute(t.update().where(t.c.id == source_id).values(rows=t.c.rows + delta))


# --- writers ------------------------------------------------------------------------------


class _AlreadySaved(Exception):
    """Leaves the write transaction of a double submit (rolled back) with its id."""

    def __init__(self, concern_id: int) -> None:
        super().__init__(concern_id)
        self.concern_id = concern_id


def capture_concern(*, forum_id: int, theme_code: str, group_code: str | None, summary: str,
                    recorder: str, token: str, engine: Engine | None = None) -> int:
    """Save one concern raised at forum ``forum_id`` now; returns its id.

    The concern gets origin ``live_capture``, the forum's county and the forum's date
    (``raised_on``), and ``external_id`` ``LIVE-<recorder>-<token>``. ``group_code`` is the
    attendance group that raised it (``reference.ATTENDANCE_GROUPS``) or None;
    ``summary`` is 1–280 characters of plain text (:func:`clean_summary`). ``token`` is
    made once per filled-in form: sent again (a double submit) it saves nothing and
    returns the first id. Raises :class:`CaptureRefused` (nothing written) when the
    forum is not held today or a value is not allowed.
    """
    engine = engine or get_engine()
    _check_recorder(recorder)
    if not isinstance(token, str) or not _TOKEN.match(token):
        raise CaptureRefused("bad_token", "The form's token is missing or malformed; reload "
                                          "the page and capture the concern again.")
    _check_theme_group(theme_code, group_code)
    text = clean_summary(summary)
    external_id = f"{_own(recorder)}{token}"
    c = s.concerns
    try:
        with engine.begin() as conn:
            bump_data_version(conn)  # first: serialises recorders (module docstring)
            saved = conn.execute(sa.select(c.c.id)
                                 .where(c.c.external_id == external_id)).scalar()
            if saved is not None:
                # A double submit: leave by an exception so the bumped version is rolled
                # back with it and nothing at all is written.
                raise _AlreadySaved(int(saved))
            return _insert_capture(conn, forum_id=forum_id, theme_code=theme_code,
                                   group_code=group_code, summary=text,
                                   external_id=external_id)
    except _AlreadySaved as done:
        return done.concern_id


def _insert_capture(conn: Connection, *, forum_id: int, theme_code: str,
                    group_code: str | None, summary: str, external_id: str) -> int:
    """Write one capture (inside the caller's transaction, after the version bump)."""
    c = s.concerns
    forum = _forum(conn, forum_id)
    if forum is None:
        raise CaptureRefused("unknown_forum", f"There is no forum with id {forum_id}.")
    held_on, today = _as_date(forum.held_on), clock.today()
    if held_on != today:
        raise CaptureRefused(
            "not_today",
            f"{forum.edition} was held on {held_on:%d %b %Y}, not today "
            f"({today:%d %b %Y}): concerns are captured live only at a forum on its "
            "day. Add concerns of another day through Import data.")
    source_id = _source_for(conn, forum)
    concern_id = conn.execute(c.insert().values(
        external_id=external_id, forum_id=forum.id, origin=ORIGIN,
        county_code=forum.county_code, theme_code=theme_code, summary=summary,
        raised_by_group=group_code, raised_on=held_on, source_id=source_id,
    )).inserted_primary_key[0]
    _add_rows(conn, source_id, 1)
    return int(concern_id)


def _editable(conn: Connection, concern_id: int, recorder: str):
    """The capture ``concern_id`` if this recorder may change it; else refused."""
    c = s.concerns
    row = conn.execute(sa.select(c.c.id, c.c.external_id, c.c.origin, c.c.source_id)
                       .where(c.c.id == concern_id)).first()
    if row is None:
        raise CaptureRefused("unknown_concern", f"There is no concern with id {concern_id}; "
                                                "it may have been withdrawn already.")
    if row.origin != ORIGIN:
        raise CaptureRefused("not_live", "Only concerns captured live can be corrected or "
                                         "withdrawn here; others are changed by import.")
    if not row.external_id.startswith(_own(recorder)):
        raise CaptureRefused("not_yours", "This concern was captured by another recorder: "
                                          "only they can correct or withdraw it.")
    answered = conn.execute(sa.select(sa.func.count()).select_from(s.commitments)
                            .where(s.commitments.c.concern_id == concern_id)).scalar()
    if answered:
        raise CaptureRefused("has_commitment", "A commitment answers this concern: it can "
                                               "no longer be corrected or withdrawn here.")
    return row


def correct_concern(*, concern_id: int, theme_code: str, group_code: str | None,
                    summary: str, recorder: str, engine: Engine | None = None) -> None:
    """Replace the theme, group and summary of one of ``recorder``'s live captures that
    no commitment answers; raises :class:`CaptureRefused` (nothing written) otherwise.
    The forum, county and date stay those of the capture."""
    engine = engine or get_engine()
    _check_recorder(recorder)
    _check_theme_group(theme_code, group_code)
    text = clean_summary(summary)
    with engine.begin() as conn:
        bump_data_version(conn)
        _editable(conn, concern_id, recorder)
        conn.execute(s.concerns.update().where(s.concerns.c.id == concern_id).values(
            theme_code=theme_code, raised_by_group=group_code, summary=text))


def withdraw_concern(*, concern_id: int, recorder: str, engine: Engine | None = None) -> None:
    """Delete one of ``recorder``'s live captures that no commitment answers (and count
    it out of its source); raises :class:`CaptureRefused` (nothing written) otherwise."""
    engine = engine or get_engine()
    _check_recorder(recorder)
    with engine.begin() as conn:
        bump_data_version(conn)
        row = _editable(conn, concern_id, recorder)
        conn.execute(s.concerns.delete().where(s.concerns.c.id == concern_id))
        _add_rows(conn, row.source_id, -1)


# --- readers ------------------------------------------------------------------------------


@cached_query
def _theme_counts(conn: Connection, *, forum_id: int) -> pd.DataFrame:
    """Concerns of the forum per theme, every origin: ``theme_code, concerns``."""
    c = s.concerns
    out = read_df(conn, sa.select(c.c.theme_code, sa.func.count().label("concerns"))
                  .where(c.c.forum_id == forum_id).group_by(c.c.theme_code))
    out = out.reindex(columns=["theme_code", "concerns"])
    out["concerns"] = pd.to_numeric(out["concerns"]).astype("int64")
    return out


def _public_value(n: int, k: int) -> float:
    """A count as a public screen holds it: NaN for 1 … k−1, else rounded to k."""
    return np.nan if 0 < n < k else float(round_to(n, k)) if n else 0.0


def _public_text(n: int, k: int) -> str:
    if 0 < n < k:
        return f"<{k}"
    return f"≈{round_to(n, k):,}" if n else "0"


THEME_COLUMNS = ["theme_code", "theme", "theme_sw", "concerns", "concerns_display"]


def live_forum_themes(*, forum_id: int, audience: Audience,
                      engine: Engine | None = None) -> pd.DataFrame:
    """Concerns raised at the forum so far, one row per theme raised (themes not raised
    have no row): ``theme_code, theme, theme_sw, concerns, concerns_display``.

    Every origin counts (imported, captured live). Internal: true counts, most first
    (a sensitive theme's 1–4 reads "<5", its count NaN, as on every internal screen).
    Public: no text but the theme's name; each count rounded to the nearest 5 and read
    "≈N", a count of 1–4 reads "<5" (``concerns`` NaN); rows in order of the rounded
    count, then of the theme list, so the order tells nothing the numbers hide.
    """
    public = is_public(audience)
    k = get_settings().suppress_below
    counts = _theme_counts(engine=engine, forum_id=int(forum_id))
    themes = pd.DataFrame([(th.code, th.label, th.label_sw, th.sensitive, i)
                           for i, th in enumerate(reference.THEMES)],
                          columns=["theme_code", "theme", "theme_sw", "sensitive", "order"])
    out = counts.merge(themes, on="theme_code", how="left")
    exact = out["concerns"].astype("int64")
    if public:
        out["concerns"] = [_public_value(int(n), k) for n in exact]
        out["concerns_display"] = [_public_text(int(n), k) for n in exact]
        rank = out["concerns"].fillna(0.5)  # "<5" below every shown count
    else:
        hidden = out["sensitive"].fillna(False).astype(bool) & exact.between(1, k - 1)
        out["concerns"] = exact.astype("float64").where(~hidden, np.nan)
        out["concerns_display"] = [f"<{k}" if h else f"{int(n):,}"
                                   for n, h in zip(exact, hidden, strict=True)]
        rank = exact.astype("float64")
    out = out.assign(_rank=rank).sort_values(["_rank", "order"], ascending=[False, True])
    return out[THEME_COLUMNS].reset_index(drop=True)


def live_forum_total(*, forum_id: int, audience: Audience,
                     engine: Engine | None = None) -> dict:
    """All concerns raised at the forum so far: ``{"concerns", "concerns_display",
    "updated"}``. Internal: the true count; public: rounded to 5 as in
    :func:`live_forum_themes` ("<5" has ``concerns`` None). ``updated`` is the time of
    this reading (server clock, to the second) for the "updated hh:mm:ss" line."""
    public = is_public(audience)
    k = get_settings().suppress_below
    n = int(_theme_counts(engine=engine, forum_id=int(forum_id))["concerns"].sum())
    updated = dt.datetime.now().replace(microsecond=0)
    if not public:
        return {"concerns": n, "concerns_display": f"{n:,}", "updated": updated}
    value = _public_value(n, k)
    return {"concerns": None if np.isnan(value) else int(value),
            "concerns_display": _public_text(n, k), "updated": updated}


@cached_query
def _captures(conn: Connection, *, forum_id: int, prefix: str) -> pd.DataFrame:
    c = s.concerns
    has_commitment = sa.exists().where(s.commitments.c.concern_id == c.c.id)
    out = read_df(conn, sa.select(c.c.id.label("concern_id"), c.c.external_id,
                                  c.c.theme_code, c.c.raised_by_group.label("group_code"),
                                  c.c.summary, c.c.raised_on,
                                  has_commitment.label("has_commitment"))
                  .where(c.c.forum_id == forum_id, c.c.origin == ORIGIN,
                         c.c.external_id.startswith(prefix, autoescape=True))
                  .order_by(c.c.id.desc()))
    return out.reindex(columns=["concern_id", "external_id", "theme_code", "group_code",
                                "summary", "raised_on", "has_commitment"])


def forum_captures(*, forum_id: int, recorder: str, audience: Audience,
                   engine: Engine | None = None) -> pd.DataFrame:
    """This recorder's live captures at the forum, newest first: ``concern_id,
    external_id, theme_code, theme, theme_sw, group_code, group, group_sw, summary,
    raised_on, editable`` (False once a commitment answers it).

    A list of records with free text: the public audience raises
    :class:`~data_access.privacy.NotForPublic`."""
    if is_public(audience):
        raise NotForPublic("the list of captured concerns is not shown on public screens")
    _check_recorder(recorder)
    out = _captures(engine=engine, forum_id=int(forum_id), prefix=_own(recorder))
    themes = reference.THEME_BY_CODE
    groups = reference.ATTENDANCE_GROUPS
    out["theme"] = out["theme_code"].map(lambda c: themes[c].label if c in themes else c)
    out["theme_sw"] = out["theme_code"].map(lambda c: themes[c].label_sw if c in themes else c)
    out["group"] = out["group_code"].map(lambda g: groups[g][0] if g in groups else None)
    out["group_sw"] = out["group_code"].map(lambda g: groups[g][1] if g in groups else None)
    out["raised_on"] = pd.to_datetime(out["raised_on"])
    out["editable"] = ~out["has_commitment"].astype(bool)
    return out[["concern_id", "external_id", "theme_code", "theme", "theme_sw", "group_code",
                "group", "group_sw", "summary", "raised_on", "editable"]]
