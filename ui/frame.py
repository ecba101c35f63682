"""The frame every page shares: access gate, database start-up, demo badge, data as-of,
presenter-mode styling and the one way off a locked public screen.

app.py runs them in this order: :func:`admission` (who this session is), navigation (so a
deep link's page and parameters are resolved before anything else), :func:`access_gate`,
then :func:`start_database`. Nothing about the database is shown, and no demo data is
made, before the access code.
"""

from __future__ import annotations

import hmac
import logging
import math
import threading
import time
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa
import streamlit as st

from config import get_settings
from data_access.engine import (
    DatabaseBusy,
    DatabaseReadOnly,
    DatabaseUnavailable,
    check_reachable,
    describe,
    get_engine,
    init_db,
    is_writable,
)
from data_access.status import data_status, has_demo, is_empty
from ui.filters import Filters, lock_public, public_locked, unlock_public
from ui.i18n import t

log = logging.getLogger("jukwaa.access")

# --- who this session is --------------------------------------------------------------

ADMITTED = "admitted"  # the code was given, or none is configured (local single user)
PUBLIC = "public"  # a ?mode=public link without the code: the locked public screen only
GATED = "gated"  # the code is asked before anything else

ACCESS_OK_KEY = "jukwaa_access_ok"
GATE_KEY = "jukwaa_gate_code"
_GATE_OUTCOME_KEY = "jukwaa_gate_outcome"
_FAILURES_KEY = "jukwaa_code_failures"
_NOT_BEFORE_KEY = "jukwaa_code_not_before"

# Wrong tries allowed without waiting; after that the wait doubles from 1 s up to the cap.
FREE_TRIES = 3
MAX_WAIT_S = 30


def admission() -> str:
    """:data:`ADMITTED`, :data:`PUBLIC` or :data:`GATED` for this session and URL.

    A ``?mode=public`` link (or a session already locked public) opens the locked public
    screen without the code: presenters open such links at forums, and the public
    audience is enforced in the data layer (small counts hidden, no lists or free text,
    imports and updates refused), so there is nothing behind it the code protects.
    Leaving the public screen still takes the code (:func:`leave_public_control`).
    """
    code = get_settings().access_code
    if not code or st.session_state.get(ACCESS_OK_KEY):
        return ADMITTED
    if st.query_params.get("mode") == "public" or public_locked():
        return PUBLIC
    return GATED


def _gate_lang() -> str:
    # The filters (and their language) are drawn only after the gate: read the link.
    return "sw" if st.query_params.get("lang") == "sw" else "en"


def access_gate(state: str) -> None:
    """Ask for the access code unless this session is admitted (see :func:`admission`).

    Call after ``st.navigation`` and before ``page.run()``: the page and its query
    parameters from the URL are then kept, and the same page opens once the code is right.
    A public-only session is locked public here, before anything is drawn.
    """
    if state == ADMITTED:
        return
    if state == PUBLIC:
        lock_public()
        return
    lang = _gate_lang()
    st.title("Jukwaa la Usalama")
    st.caption(t("gate_prompt", lang))
    st.text_input(t("access_code", lang), type="password", key=GATE_KEY,
                  on_change=_on_gate_entry)
    outcome = st.session_state.pop(_GATE_OUTCOME_KEY, None)
    wait = wait_left()
    if outcome == "wrong":
        st.error(t("gate_wrong", lang) + (" " + wait_message(wait, lang) if wait else ""))
    elif wait:
        st.warning(wait_message(wait, lang), icon=":material/hourglass_top:")
    st.stop()


def _on_gate_entry() -> None:
    entered = st.session_state.get(GATE_KEY) or ""
    # An empty box after every try: the same code typed again is a new try, and the code
    # does not stay in the session.
    st.session_state[GATE_KEY] = ""
    if not entered:
        return
    result = try_code(entered, where="access gate")
    if result.ok:
        st.session_state[ACCESS_OK_KEY] = True
    else:
        st.session_state[_GATE_OUTCOME_KEY] = result.outcome


# --- the code -------------------------------------------------------------------------


def _code_bytes(value: str) -> bytes:
    # NFC: "ñ" typed as one code point or as n + combining tilde is the same code.
    # surrogatepass: a lone surrogate from a browser is a wrong code, never an exception.
    return unicodedata.normalize("NFC", value).encode("utf-8", "surrogatepass")


def code_matches(entered: str | None, code: str | None) -> bool:
    """True when ``entered`` is the access code: both NFC-normalised and compared as UTF-8
    bytes in constant time (any text may be typed, including non-ASCII)."""
    if not isinstance(entered, str) or not isinstance(code, str) or not entered or not code:
        return False
    return hmac.compare_digest(_code_bytes(entered), _code_bytes(code))


@dataclass(frozen=True)
class CodeTry:
    """The result of one try: ``outcome`` is "ok", "wrong" or "wait" (refused unread
    because the session must still wait); ``wait_s`` is the wait before the next try."""

    outcome: str
    wait_s: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def wait_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong tries in a row: none for the first
    :data:`FREE_TRIES` - 1, then 1, 2, 4, 8 … up to :data:`MAX_WAIT_S`."""
    if failures < FREE_TRIES:
        return 0
    return min(MAX_WAIT_S, 2 ** min(failures - FREE_TRIES, 16))


def wait_left() -> int:
    """Whole seconds this session must still wait before its next try (0: none)."""
    left = st.session_state.get(_NOT_BEFORE_KEY, 0.0) - time.monotonic()
    return math.ceil(left) if left > 0 else 0


def wait_message(seconds: int, lang: str = "en") -> str:
    """"Wait N seconds before trying again", in ``lang``."""
    return t("gate_wait_one", lang) if seconds == 1 else t("gate_wait", lang, n=seconds)


def _client() -> str:
    # For the log only: which session and address tried (never what was typed).
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        session = ctx.session_id[:8] if ctx else "?"
    except Exception:  # the log line must never break the gate
        session = "?"
    try:
        address = st.context.ip_address
    except Exception:
        address = None
    address = address if isinstance(address, str) and address else "?"
    return f"session {session} from {address}"


def try_code(entered: str | None, *, where: str) -> CodeTry:
    """Check one entered code against ``JUKWAA_ACCESS_CODE`` for this session.

    Wrong tries make the session wait before its next one (:func:`wait_after`); a try
    during the wait is refused without being compared. The wait is a "not before" time in
    the session, so no server thread sleeps. Failures are logged without the code.
    """
    now = time.monotonic()
    state = st.session_state
    not_before = state.get(_NOT_BEFORE_KEY, 0.0)
    if now < not_before:
        left = math.ceil(not_before - now)
        log.warning("access code try refused at the %s: %d s of waiting left (%s)",
                    where, left, _client())
        return CodeTry("wait", left)
    if code_matches(entered, get_settings().access_code):
        state[_FAILURES_KEY] = 0
        state[_NOT_BEFORE_KEY] = 0.0
        log.info("access code accepted at the %s (%s)", where, _client())
        return CodeTry("ok")
    failures = int(state.get(_FAILURES_KEY, 0)) + 1
    wait = wait_after(failures)
    state[_FAILURES_KEY] = failures
    state[_NOT_BEFORE_KEY] = now + wait
    log.warning("wrong access code at the %s: %d wrong in a row, next try in %d s (%s)",
                where, failures, wait, _client())
    return CodeTry("wrong", wait)


# --- the database ---------------------------------------------------------------------

_prepared: set[str] = set()
_prepare_lock = threading.Lock()


def _prepare(engine, url: str) -> None:
    """Create or upgrade the schema once per server process and database.

    Only success is remembered: after a failure (unreachable, read-only with something
    to write) the next run tries again, so the process recovers without a restart when
    the database is back or writable again.
    """
    if url in _prepared:
        return
    with _prepare_lock:
        if url not in _prepared:
            init_db(engine)
            _prepared.add(url)


def _stop_unavailable(exc: Exception, *, admitted: bool) -> None:
    log.error("%s", exc)
    lang = _gate_lang()
    if admitted:
        st.error(f"**{t('db_unavailable', lang)}** {exc}\n\n{t('db_check_url', lang)}")
    else:
        # Not the URL, user, host or file: this visitor has not given the code.
        st.error(t("db_unavailable_generic", lang))
    st.stop()


def start_database(*, admitted: bool = True) -> None:
    """Reach the database, prepare it, and fill an empty one with demo data on first start.

    Call after :func:`access_gate`. A database that cannot be reached stops the page:
    with its details for an admitted session, with a generic line for anyone else (a
    public screen opened without the code). A read-only database is still served, with
    a sidebar notice for an admitted session. Demo data is made only for an admitted
    session, on a writable, empty database.
    """
    settings = get_settings()
    engine = get_engine()
    try:
        check_reachable(engine)
        try:
            _prepare(engine, settings.db_url)
        except DatabaseReadOnly:
            # Something to write (a new table, changed reference rows) on a read-only
            # database: serve what is there, and try again on the next run.
            if not sa.inspect(engine).has_table("meta"):
                raise DatabaseUnavailable(
                    f"The database at {describe(settings.db_url)} is read-only and has no "
                    "dashboard tables yet; make it writable once so they can be created."
                ) from None
        except DatabaseBusy as exc:
            # A long import holds the write lock: the schema is in place (it imports),
            # so serve now and prepare on a later run.
            log.warning("schema check postponed: %s", exc)
        writable = is_writable(engine)
    except DatabaseUnavailable as exc:
        _stop_unavailable(exc, admitted=admitted)
    if not writable:
        if admitted:  # a public screen changes nothing anyway: no word about the database
            st.sidebar.warning(t("db_read_only", _gate_lang()), icon=":material/lock:")
        return
    if admitted and settings.auto_demo and is_empty(engine):
        from data_access.demo import generate_demo

        bar = st.progress(0.0, text="First start: creating demo data…")
        generate_demo(engine, seed=settings.demo_seed,
                      progress=lambda f, msg: bar.progress(min(max(f, 0.0), 1.0), text=msg))
        bar.empty()


def leave_public_control(filters: Filters) -> None:
    """On a locked public screen, a small sidebar control that asks for the access code
    and, when it is right, returns the screen to the internal audience.

    Without an access code configured the screen cannot be unlocked: the control says
    that leaving needs ``JUKWAA_ACCESS_CODE`` to be set.
    """
    if not public_locked():
        return
    lang = filters.lang
    code = get_settings().access_code
    with st.sidebar.expander(t("leave_public", lang), icon=":material/lock:"):
        st.caption(t("public_locked", lang))
        if not code:
            st.info(t("leave_public_no_code", lang))
            return
        with st.form("leave_public_form", clear_on_submit=True, border=False):
            entered = st.text_input(t("access_code", lang), type="password",
                                    key="leave_public_code")
            submitted = st.form_submit_button(t("leave_public_button", lang),
                                              key="leave_public_submit")
        if submitted:
            # The same per-session waits as the gate: this form is a way to try codes too.
            result = (try_code(entered, where="leave-public control") if entered
                      else CodeTry("wrong"))
            if result.ok:
                st.session_state[ACCESS_OK_KEY] = True
                unlock_public()
                st.rerun()
            if result.outcome == "wait":
                st.warning(wait_message(result.wait_s, lang), icon=":material/hourglass_top:")
            else:
                st.error(t("leave_public_wrong", lang)
                         + (" " + wait_message(result.wait_s, lang) if result.wait_s else ""))


def status_bar(filters: Filters) -> None:
    """Demo badge (while demo rows exist) and the as-of date of each source."""
    lang = filters.lang
    if has_demo():
        st.warning(f"**{t('demo_badge', lang)}**", icon=":material/science:")
    status = data_status()
    parts = [f"{row.label}: {row.last:%d %b %Y}" for row in status.itertuples()
             if row.rows and row.last is not None]
    if parts:
        st.sidebar.caption(f"**{t('data_as_of', lang)}** — " + " · ".join(parts))


PRESENTER_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 20px; }
[data-testid="stMetricValue"] { font-size: 3rem; }
[data-testid="stMetricLabel"] p { font-size: 1.25rem; }
h1 { font-size: 3rem !important; } h2, h3 { font-size: 2rem !important; }
</style>
"""


def apply_presenter_style(filters: Filters) -> None:
    """Large type for a projector when presenter mode is on."""
    if filters.public:
        st.html(PRESENTER_CSS)


# --- the presenter view (views/present.py) ------------------------------------------------

PRESENT_URL_PATH = "present"

# Nothing of the app around the slides: no sidebar (filters, menu), no header or toolbar,
# no "running" badge, and the page uses the whole 1920×1080 screen.
PRESENT_FRAME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  max-width: 1920px !important; padding: 1.25rem 2.5rem 1rem 2.5rem !important; }
</style>
"""


def is_presenter_view(page) -> bool:
    """True when the page ``st.navigation`` resolved is the presenter view."""
    return getattr(page, "url_path", None) == PRESENT_URL_PATH


def open_presenter_view(state: str) -> None:
    """The frame of the presenter view, in place of the gate, the filters and the status
    bar: a presenter link is a public link (the page shows the public audience only,
    whatever the session or the URL say), so no code is asked; a session without the code
    is locked public as a ``?mode=public`` link locks it, so leaving still takes the code.
    The app's chrome is hidden for the projector."""
    if state != ADMITTED:
        lock_public()
    st.html(PRESENT_FRAME_CSS)
