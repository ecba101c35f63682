"""The chain: forum → the concerns citizens raised → the commitments answering each →
every status update with its evidence; and back up from any commitment to its concern
and forum. Deep links: ``?forum=<id>`` and ``?commitment=<id>``.

Internal screens only: the chain lists individual concerns, commitments and updates, so a
public screen shows a note instead (data_access.chain raises NotForPublic there)."""

import pandas as pd
import streamlit as st

from charts.commitments import chain_timeline, status_label
from data_access import clock
from data_access.chain import (
    commitment_context,
    commitment_history,
    forum_chain,
    forum_choices,
    forum_detail,
)
from data_access.metrics import definition
from data_access.reference import ATTENDANCE_GROUPS
from data_access.status import data_status
from ui.blocks import chart_block
from ui.commitment_picker import pick_commitment
from ui.filters import current_filters
from ui.i18n import t
from ui.plain import md_quote, md_text

f = current_filters()
lang = f.lang
today = clock.today()
as_of_data = data_status().set_index("source").loc["commitments", "last"]
BADGE_COLORS = {"fulfilled": "green", "partly_fulfilled": "blue", "in_progress": "blue",
                "not_started": "gray", "stalled": "orange", "not_fulfilled": "red",
                "unverified": "gray"}


def _param_id(name: str) -> int | None:
    raw = st.query_params.get(name)
    return int(raw) if raw and raw.isdigit() else None


def _date(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def status_badges(row) -> None:
    """The current status as a coloured badge, plus an overdue badge when it is late."""
    st.badge(status_label(row["current_status"], lang),
             color=BADGE_COLORS.get(row["current_status"], "gray"))
    if bool(row["overdue"]):
        st.badge(t("overdue_by", lang, days=int(row["days_overdue"])), icon=":material/warning:",
                 color="red")


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The status history as shown: date, status, note, evidence, who recorded it."""
    out = pd.DataFrame({"date": history["updated_on"].dt.date,
                        "status": history["status"].map(lambda s: status_label(s, lang))})
    for col, name in (("note", "note"), ("evidence", "evidence"),
                      ("recorded_by", "recorded by")):
        out[name] = history[col]
    out["source"] = history["source_kind"]
    return out


def go_to_commitment(commitment_id: int) -> None:
    st.session_state["ch_mode"] = "commitment"
    st.session_state["ch_commitment"] = commitment_id


def go_to_forum(forum_id: int) -> None:
    st.session_state["ch_mode"] = "forum"
    st.session_state["ch_forum"] = forum_id


st.title(t("chain_title", lang))
if f.public:
    st.info(t("cm_lists_not_public", lang), icon=":material/visibility_off:")
    st.stop()
st.caption(t("chain_caption", lang))

deep_commitment, deep_forum = _param_id("commitment"), _param_id("forum")
if "ch_mode" not in st.session_state:
    st.session_state["ch_mode"] = "commitment" if deep_commitment else "forum"
mode = st.segmented_control(t("chain_start", lang), ["forum", "commitment"], key="ch_mode",
                            required=True, format_func=lambda m: t(f"chain_from_{m}", lang))

# --- down from a forum -------------------------------------------------------------------
if mode == "forum":
    forums = forum_choices(start=f.start, end=f.end, county_codes=f.county_codes,
                           audience=f.audience)
    if forums.empty:
        st.info(t("chain_no_forums", lang, scope=f.scope_label, period=f.period_label))
        forums = forum_choices(county_codes=f.county_codes, audience=f.audience)
    wanted = st.session_state.get("ch_forum", deep_forum)
    if wanted is not None and wanted not in set(forums["forum_id"]):
        extra = forum_choices(audience=f.audience)
        forums = pd.concat([extra[extra["forum_id"] == wanted], forums], ignore_index=True)
    if forums.empty:
        st.info(t("no_data", lang))
        st.stop()
    # Selectbox options are shown as plain text (no Markdown): no escaping needed here.
    labels = {r.forum_id: f"{r.edition} — {r.county}, {r.held_on:%d %b %Y} · "
                          f"{r.concerns} concerns, {r.commitments} commitments"
              for r in forums.itertuples()}
    if st.session_state.get("ch_forum") not in labels:
        st.session_state["ch_forum"] = wanted if wanted in labels else int(forums.iloc[0].forum_id)
    forum_id = st.selectbox(t("pick_forum", lang), list(labels), key="ch_forum",
                            format_func=labels.get)
    st.query_params.pop("commitment", None)
    st.query_params["forum"] = str(forum_id)

    info = forum_detail(forum_id=forum_id, audience=f.audience).iloc[0]
    chain = forum_chain(forum_id=forum_id, today=today, audience=f.audience)
    items = chain.dropna(subset=["commitment_id"])
    history = commitment_history(commitment_ids=tuple(int(i) for i in items["commitment_id"]),
                                 audience=f.audience)
    st.subheader(f"{md_text(info['edition'])} — {info['county']} ({info['region']})")
    st.caption(f"{t('held_on', lang)} {_date(info['held_on'])} · {t('venue', lang)}: "
               f"{md_text(info['venue'])}")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("attendance", lang), f"{int(info['attendance_total']):,}", border=True,
              help=md_text(info["attendance"]) or None)
    c2.metric(t("concerns_raised", lang), f"{chain['concern_id'].nunique():,}", border=True)
    c3.metric(t("commitments_made", lang), f"{len(items):,}", border=True)
    fulfilled = int((items["current_status"] == "fulfilled").sum())
    c4.metric(t("fulfilled_now", lang), f"{fulfilled:,}",
              delta=f"{int(items['overdue'].sum())} overdue", delta_color="off",
              delta_arrow="off", border=True)

    if not items.empty:
        timeline_table = history.merge(items[["commitment_id", "title"]], on="commitment_id")
        table = history_table(timeline_table)
        table.insert(0, "commitment", timeline_table["title"])
        table.insert(0, "id", timeline_table["commitment_id"])
        chart_block(t("timeline_title", lang), chain_timeline(items, history, today=today,
                                                              lang=lang),
                    table, filters=f, definition=definition("overdue", lang),
                    source="Forum concerns, commitments and status updates",
                    as_of=as_of_data, key="ch_forum_timeline",
                    caption=t("timeline_caption", lang))

    st.subheader(t("concerns_and_commitments", lang))
    for _concern, rows in chain.groupby("concern_id", sort=False):
        first = rows.iloc[0]
        theme = first["theme_sw"] if lang == "sw" else first["theme"]
        group = ATTENDANCE_GROUPS.get(first["raised_by_group"] or "", ("",))[0]
        with st.container(border=True):
            st.markdown(f"**{theme}** · {t('raised_on', lang)} {_date(first['raised_on'])}"
                        + (f" · {t('raised_by', lang)} {group.lower()}" if group else ""))
            st.markdown(md_quote(first["summary"]))
            answered = rows.dropna(subset=["commitment_id"])
            if answered.empty:
                st.caption(t("no_commitment", lang))
            for row in answered.to_dict("records"):
                cid = int(row["commitment_id"])
                left, right = st.columns([3, 2])
                with left:
                    st.markdown(f"→ **{md_text(row['title'])}** — {md_text(row['institution'])}")
                    st.caption(f"{t('made_on', lang)} {_date(row['made_on'])} · "
                               f"{t('due_on', lang)} {_date(row['due_on'])} · id {cid}")
                with right:
                    status_badges(row)
                    st.button(t("follow_commitment", lang), key=f"ch_follow_{cid}",
                              on_click=go_to_commitment, args=(cid,), type="tertiary",
                              icon=":material/arrow_forward:")
                own = history[history["commitment_id"] == cid]
                with st.expander(t("history_n", lang, n=len(own))):
                    if own.empty:
                        st.caption(t("no_updates", lang))
                    else:
                        st.dataframe(history_table(own), hide_index=True, width="stretch")

# --- back up from a commitment ---------------------------------------------------------
else:
    st.query_params.pop("forum", None)
    commitment_id = pick_commitment(prefix="ch", county_codes=f.county_codes,
                                    deep_link=deep_commitment, lang=lang,
                                    audience=f.audience)

    ctx = commitment_context(commitment_id=commitment_id, today=today, audience=f.audience)
    if ctx.empty:
        st.warning(t("no_commitment_found", lang))
        st.stop()
    row = ctx.iloc[0].to_dict()
    history = commitment_history(commitment_ids=(commitment_id,), audience=f.audience)
    forum_col, concern_col, commitment_col = st.columns(3)
    with forum_col.container(border=True):
        st.caption(t("chain_forum", lang))
        if pd.notna(row["forum_id"]):
            st.markdown(f"**{md_text(row['edition'])}**")
            st.markdown(f"{row['county']} ({row['region']}) · {_date(row['held_on'])}")
            st.caption(f"{t('venue', lang)}: {md_text(row['venue'])}")
            st.button(t("show_forum", lang), key="ch_show_forum", on_click=go_to_forum,
                      args=(int(row["forum_id"]),), icon=":material/arrow_back:")
        else:
            origin = {"chief_report": t("origin_chief_report", lang),
                      "live_capture": t("origin_live_capture", lang)}.get(
                          row["origin"], md_text(row["origin"]))
            st.markdown(f"**{origin}**")
            st.markdown(f"{row['county']} ({row['region']})")
    with concern_col.container(border=True):
        st.caption(t("chain_concern", lang))
        st.markdown(f"**{row['theme_sw'] if lang == 'sw' else row['theme']}**")
        st.markdown(f"{t('raised_on', lang)} {_date(row['raised_on'])}")
        st.markdown(md_quote(row["summary"]))
    with commitment_col.container(border=True):
        st.caption(t("chain_commitment", lang))
        st.markdown(f"**{md_text(row['title'])}**")
        st.markdown(md_text(row["institution"]))
        st.caption(f"{t('made_on', lang)} {_date(row['made_on'])} · {t('due_on', lang)} "
                   f"{_date(row['due_on'])} · id {commitment_id} · version {row['version']}")
        status_badges(row)
        if isinstance(row["evidence"], str):
            st.caption(f"{t('evidence', lang)}: {md_text(row['evidence'])}")
        st.page_link("views/record_update.py", label=t("record_progress", lang),
                     icon=":material/edit_note:", query_params={"commitment": str(commitment_id)})
    chart_block(t("history_title", lang),
                chain_timeline(ctx, history, today=today, lang=lang) if not history.empty
                else None,
                history_table(history), filters=f, definition=definition("overdue", lang),
                source="Status updates (append-only history)", as_of=as_of_data,
                key="ch_commitment_history", caption=t("timeline_caption", lang))
