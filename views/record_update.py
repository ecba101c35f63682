"""Record progress on a commitment: a status update with its date, note, evidence and who
recorded it. Appended to the history (never overwriting it); refused with a specific
message when it breaks a rule or when someone else updated the commitment since this
form was loaded. Hidden in presenter mode. Deep link: ``?commitment=<id>``."""

import pandas as pd
import streamlit as st

from charts.commitments import status_label
from data_access import clock
from data_access.chain import commitment_context, commitment_history
from data_access.commitment_updates import UpdateRefused, record_update
from data_access.engine import READ_ONLY_MESSAGE, DatabaseFault, get_engine, is_writable
from data_access.reference import COMMITMENT_STATUSES
from ui.commitment_picker import pick_commitment
from ui.filters import current_filters
from ui.i18n import t
from ui.plain import md_quote, md_text

f = current_filters()
lang = f.lang
today = clock.today()

st.title(t("record_title", lang))
if f.public:
    st.info(t("record_hidden_public", lang), icon=":material/visibility_off:")
    st.stop()
st.caption(t("record_caption", lang))

# The version of each commitment this session's form was loaded with: a submission is
# checked against it, so an update someone else made meanwhile is never overwritten.
loaded: dict[int, int] = st.session_state.setdefault("ru_loaded", {})


def reload_commitment(commitment_id: int, version: int) -> None:
    loaded[commitment_id] = version


flash = st.session_state.pop("ru_flash", None)
if flash:
    st.success(flash, icon=":material/check_circle:")

raw = st.query_params.get("commitment")
deep = int(raw) if raw and raw.isdigit() else None
commitment_id = pick_commitment(prefix="ru", county_codes=f.county_codes,
                                deep_link=deep, lang=lang, audience=f.audience)

ctx = commitment_context(commitment_id=commitment_id, today=today, audience=f.audience)
if ctx.empty:
    st.warning(t("no_commitment_found", lang))
    st.stop()
row = ctx.iloc[0].to_dict()
current_version = int(row["version"])
expected = loaded.setdefault(commitment_id, current_version)

with st.container(border=True):
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{md_text(row['title'])}** — {md_text(row['institution'])}")
        st.caption(f"{row['county']} · {row['theme']} · made {row['made_on']:%d %b %Y}"
                   + (f" · due {row['due_on']:%d %b %Y}" if pd.notna(row["due_on"]) else ""))
        st.markdown(md_quote(row["summary"]))
    with right:
        st.metric(t("current_status", lang), status_label(row["current_status"], lang),
                  delta=(t("overdue_by", lang, days=int(row["days_overdue"]))
                         if row["overdue"] else None), delta_color="inverse",
                  delta_arrow="off")
        st.page_link("views/chain.py", label=t("see_chain", lang),
                     icon=":material/account_tree:",
                     query_params={"commitment": str(commitment_id)})

if current_version != expected:
    st.warning(t("changed_since_loaded", lang, loaded=expected, now=current_version),
               icon=":material/sync_problem:")
    st.button(t("load_latest", lang), key="ru_reload_banner", on_click=reload_commitment,
              args=(commitment_id, current_version))

history = commitment_history(commitment_ids=(commitment_id,), audience=f.audience)
st.markdown(f"**{t('history_n', lang, n=len(history))}**")
if history.empty:
    st.caption(t("no_updates", lang))
else:
    st.dataframe(pd.DataFrame({
        "date": history["updated_on"].dt.date,
        "status": history["status"].map(lambda s: status_label(s, lang)),
        "note": history["note"], "evidence": history["evidence"],
        "recorded by": history["recorded_by"], "source": history["source_kind"],
    }), hide_index=True, width="stretch")

if not is_writable(get_engine()):
    # Viewing works on a read-only database; recording waits until it is writable (checked
    # on every run, so the form comes back without a restart).
    st.warning(READ_ONLY_MESSAGE, icon=":material/lock:")
    st.stop()

statuses = list(COMMITMENT_STATUSES)
nonce = st.session_state.setdefault("ru_nonce", 0)
with st.form(f"ru_form_{commitment_id}_{nonce}"):
    st.markdown(f"**{t('new_update', lang)}**")
    c1, c2 = st.columns(2)
    status = c1.selectbox(t("new_status", lang), statuses,
                          index=statuses.index(row["current_status"]),
                          format_func=lambda s: status_label(s, lang), key=f"ru_status_{nonce}")
    updated_on = c2.date_input(t("update_date", lang), value=today, format="DD/MM/YYYY",
                               key=f"ru_date_{nonce}")
    evidence = st.text_input(t("evidence_ref", lang), help=t("evidence_help", lang),
                             key=f"ru_evidence_{nonce}")
    note = st.text_area(t("note", lang), key=f"ru_note_{nonce}")
    recorded_by = st.text_input(t("recorded_by", lang), value=st.session_state.get("ru_who", ""),
                                key=f"ru_who_{nonce}")
    st.caption(t("based_on_version", lang, version=expected))
    submitted = st.form_submit_button(t("save_update", lang), type="primary")

if submitted:
    try:
        result = record_update(commitment_id=commitment_id, status=status,
                               updated_on=updated_on, expected_version=expected,
                               recorded_by=recorded_by, note=note, evidence=evidence)
    except UpdateRefused as exc:
        st.error(f"**{t('not_saved', lang)}** {exc.message}", icon=":material/block:")
        if exc.reason == "stale":
            st.button(t("load_latest", lang), key="ru_reload_stale", on_click=reload_commitment,
                      args=(commitment_id, current_version))
    except DatabaseFault as exc:
        # Busy (a long import), read-only, damaged: the plain message, never the SQL.
        st.error(f"**{t('not_saved', lang)}** {exc}", icon=":material/block:")
    else:
        loaded[commitment_id] = result.version
        st.session_state["ru_who"] = recorded_by.strip()
        st.session_state["ru_nonce"] = nonce + 1  # fresh, empty form fields
        message = t("saved", lang, status=status_label(result.status, lang),
                    date=f"{result.updated_on:%d %b %Y}")
        if result.current_status != result.status:
            message += " " + t("saved_not_latest", lang,
                               status=status_label(result.current_status, lang))
        st.session_state["ru_flash"] = message
        st.rerun()
