"""Live capture: the recorder's phone form for concerns raised from the floor of a forum
being held today. Each concern is saved at once (origin "live capture") and shows on the
presenter view in public-safe form (themes and counts only); the recorder can correct or
withdraw their own captures. Deep link: ``?forum=<id>``.

Needs the access code: only an admitted session that is not a locked public screen sees
the form (a public screen is refused here, whatever the URL says). Rules and rounding:
docs/METHODS.md, "Live capture".
"""

import uuid

import streamlit as st

from data_access import clock, reference
from data_access.engine import READ_ONLY_MESSAGE, DatabaseFault, get_engine, is_writable
from data_access.forums import forums_in_period
from data_access.live_capture import (
    MAX_SUMMARY,
    CaptureRefused,
    capture_concern,
    correct_concern,
    forum_captures,
    withdraw_concern,
)
from ui.filters import current_filters, public_locked
from ui.frame import ADMITTED, admission
from ui.i18n import t
from ui.plain import md_text

f = current_filters()
lang = f.lang
today = clock.today()


def _switch_lang() -> None:
    # The sidebar's language control is one tap away on a phone; this one is on the
    # page. A callback runs before the next run draws the sidebar, so it may set it.
    st.session_state["f_lang"] = (st.session_state.get("cap_lang")
                                  or st.session_state.get("f_lang") or "en")


st.session_state["cap_lang"] = lang
st.segmented_control(t("language", lang), ["en", "sw"], key="cap_lang",
                     format_func=lambda v: {"en": "English", "sw": "Kiswahili"}[v],
                     on_change=_switch_lang, label_visibility="collapsed")
st.title(t("cap_title", lang))
if admission() != ADMITTED or public_locked() or f.public:
    # A locked public screen (a ?mode=public link, presenter mode) has not shown the
    # access code in this session: nothing of the form, the forum or the captures.
    st.warning(t("cap_refused", lang), icon=":material/lock:")
    st.stop()

# One column, big touch targets: the recorder holds a phone in a crowded hall.
st.html("""<style>
.st-key-cap_save button, [class*="st-key-cap_fix_save_"] button,
[class*="st-key-cap_withdraw_"] button { min-height: 3.2rem; font-size: 1.15rem; }
[class*="st-key-cap_form_"] textarea { font-size: 1.1rem; }
</style>""")

flash = st.session_state.pop("cap_flash", None)
if flash:
    st.success(flash, icon=":material/check_circle:")

# Who this recorder is: a key per browser session, so "my captures" are this phone's,
# and a token per filled-in form, so a double submit saves once.
recorder = st.session_state.setdefault("cap_recorder", uuid.uuid4().hex[:12])
token = st.session_state.setdefault("cap_token", uuid.uuid4().hex)
nonce = st.session_state.setdefault("cap_nonce", 0)

forums = forums_in_period(start=today, end=today, audience=f.audience)
raw = st.query_params.get("forum")
asked = int(raw) if raw and raw.isdigit() else None
if asked is not None and asked not in set(forums["forum_id"]):
    st.warning(t("cap_forum_not_today", lang, date=f"{today:%d %b %Y}"),
               icon=":material/event_busy:")
if forums.empty:
    st.info(t("cap_no_forum_today", lang, date=f"{today:%d %b %Y}"),
            icon=":material/event_busy:")
    st.stop()

labels = {int(r.forum_id): f"{r.edition} — {r.county}, {r.venue}"
          for r in forums.itertuples()}
ids = list(labels)
if st.session_state.get("cap_forum") not in ids:
    st.session_state["cap_forum"] = asked if asked in ids else ids[0]
forum_id = st.selectbox(t("cap_forum", lang), ids, key="cap_forum",
                        format_func=lambda i: labels[i])
if st.query_params.get("forum") != str(forum_id):
    st.query_params["forum"] = str(forum_id)
st.caption(t("cap_caption", lang, date=f"{today:%d %b %Y}"))

if not is_writable(get_engine()):
    st.warning(READ_ONLY_MESSAGE, icon=":material/lock:")
    st.stop()

themes = list(reference.THEME_BY_CODE)
groups = ["", *reference.ATTENDANCE_GROUPS]


def theme_label(code: str) -> str:
    th = reference.THEME_BY_CODE[code]
    return th.label_sw if lang == "sw" else th.label


def group_label(code: str) -> str:
    if not code:
        return t("cap_group_none", lang)
    en, sw = reference.ATTENDANCE_GROUPS[code]
    return sw if lang == "sw" else en


def refusal(exc: CaptureRefused) -> str:
    """The reason in the page's language (the English message if no label exists)."""
    key = f"cap_err_{exc.reason}"
    text = t(key, lang)
    return exc.message if text == key else text


with st.form(f"cap_form_{nonce}", border=True):
    theme = st.selectbox(t("cap_theme", lang), themes, index=None,
                         placeholder=t("cap_theme_pick", lang), format_func=theme_label,
                         key=f"cap_theme_{nonce}")
    group = st.selectbox(t("cap_group", lang), groups, format_func=group_label,
                         key=f"cap_group_{nonce}")
    summary = st.text_area(t("cap_summary", lang), max_chars=MAX_SUMMARY,
                           placeholder=t("cap_summary_help", lang), key=f"cap_summary_{nonce}")
    submitted = st.form_submit_button(t("cap_save", lang), type="primary", width="stretch",
                                      icon=":material/send:", key="cap_save")

if submitted:
    try:
        capture_concern(forum_id=forum_id, theme_code=theme or "", group_code=group or None,
                        summary=summary or "", recorder=recorder, token=token)
    except CaptureRefused as exc:
        st.error(f"**{t('cap_not_saved', lang)}** {refusal(exc)}", icon=":material/block:")
    except DatabaseFault as exc:
        # Busy, read-only, unreachable: the plain message. The token is kept, so sending
        # the same form again cannot save it twice.
        st.error(f"**{t('cap_not_saved', lang)}** {exc}", icon=":material/block:")
    else:
        st.session_state["cap_token"] = uuid.uuid4().hex  # the next concern is a new one
        st.session_state["cap_nonce"] = nonce + 1  # an empty form
        st.session_state["cap_flash"] = t("cap_saved", lang, theme=theme_label(theme))
        st.rerun()

# --- my captures at this forum ---------------------------------------------------------------

mine = forum_captures(forum_id=forum_id, recorder=recorder, audience=f.audience)
st.subheader(t("cap_mine", lang, n=len(mine)))
if mine.empty:
    st.caption(t("cap_mine_none", lang))


def _withdraw(concern_id: int) -> None:
    try:
        withdraw_concern(concern_id=concern_id, recorder=recorder)
    except CaptureRefused as exc:
        st.session_state["cap_list_error"] = refusal(exc)
    except DatabaseFault as exc:
        st.session_state["cap_list_error"] = str(exc)
    else:
        st.session_state["cap_flash"] = t("cap_withdrawn", lang)


problem = st.session_state.pop("cap_list_error", None)
if problem:
    st.error(f"**{t('cap_not_saved', lang)}** {problem}", icon=":material/block:")

for row in mine.itertuples():
    cid = int(row.concern_id)
    theme_name = row.theme_sw if lang == "sw" else row.theme
    with st.expander(f"{theme_name} · {group_label(row.group_code or '')}",
                     icon=":material/record_voice_over:"):
        st.markdown(md_text(row.summary))
        if not row.editable:
            st.caption(t("cap_locked", lang))
            continue
        with st.form(f"cap_fix_{cid}", border=False):
            new_theme = st.selectbox(t("cap_theme", lang), themes,
                                     index=themes.index(row.theme_code)
                                     if row.theme_code in themes else None,
                                     format_func=theme_label, key=f"cap_fix_theme_{cid}")
            new_group = st.selectbox(t("cap_group", lang), groups,
                                     index=groups.index(row.group_code or "")
                                     if (row.group_code or "") in groups else 0,
                                     format_func=group_label, key=f"cap_fix_group_{cid}")
            new_summary = st.text_area(t("cap_summary", lang), value=row.summary,
                                       max_chars=MAX_SUMMARY, key=f"cap_fix_summary_{cid}")
            fixed = st.form_submit_button(t("cap_correct", lang), width="stretch",
                                          icon=":material/edit:", key=f"cap_fix_save_{cid}")
        if fixed:
            try:
                correct_concern(concern_id=cid, theme_code=new_theme or "",
                                group_code=new_group or None, summary=new_summary or "",
                                recorder=recorder)
            except CaptureRefused as exc:
                st.error(f"**{t('cap_not_saved', lang)}** {refusal(exc)}",
                         icon=":material/block:")
            except DatabaseFault as exc:
                st.error(f"**{t('cap_not_saved', lang)}** {exc}", icon=":material/block:")
            else:
                st.session_state["cap_flash"] = t("cap_corrected", lang)
                st.rerun()
        st.button(t("cap_withdraw", lang), key=f"cap_withdraw_{cid}", width="stretch",
                  icon=":material/delete:", on_click=_withdraw, args=(cid,))
