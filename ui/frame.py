"""The frame every page shares: database start-up, access gate, demo badge, data as-of,
presenter-mode styling and the one way off a locked public screen."""

from __future__ import annotations

import hmac

import streamlit as st

from config import get_settings
from data_access.engine import DatabaseUnavailable, check_reachable, get_engine, init_db
from data_access.status import data_status, has_demo, is_empty
from ui.filters import Filters, public_locked, unlock_public
from ui.i18n import t


@st.cache_resource(show_spinner=False)
def _prepared(url: str) -> bool:
    """Create or upgrade the schema once per server process and database."""
    init_db(get_engine(url))
    return True


def start_database() -> None:
    """Reach the database, prepare it, and fill an empty one with demo data on first start.

    A database that cannot be reached stops the page with a plain message.
    """
    settings = get_settings()
    engine = get_engine()
    try:
        check_reachable(engine)
        _prepared(settings.db_url)
    except DatabaseUnavailable as exc:
        st.error(f"**{t('db_unavailable')}** {exc}\n\nCheck `JUKWAA_DB_URL` and that the "
                 "server is running, then reload this page.")
        st.stop()
    if settings.auto_demo and is_empty(engine):
        from data_access.demo import generate_demo

        bar = st.progress(0.0, text="First start: creating demo data…")
        generate_demo(engine, seed=settings.demo_seed,
                      progress=lambda f, msg: bar.progress(min(max(f, 0.0), 1.0), text=msg))
        bar.empty()


def access_gate() -> None:
    """Ask for the access code when ``JUKWAA_ACCESS_CODE`` is set."""
    code = get_settings().access_code
    if not code or st.session_state.get("jukwaa_access_ok"):
        return
    st.title("Jukwaa la Usalama")
    entered = st.text_input("Access code", type="password")
    if code_matches(entered, code):
        st.session_state["jukwaa_access_ok"] = True
        st.rerun()
    if entered:
        st.error("That access code is not right.")
    st.stop()


def code_matches(entered: str | None, code: str | None) -> bool:
    """True when ``entered`` is the access code (compared in constant time)."""
    if not entered or not code:
        return False
    return hmac.compare_digest(entered.encode("utf-8"), code.encode("utf-8"))


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
            if code_matches(entered, code):
                unlock_public()
                st.rerun()
            st.error(t("leave_public_wrong", lang))


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
