"""Import data: pick the kind, download its blank template, upload a filled CSV or Excel
file, see every problem (row, column, value, message, suggestion) before anything is
written, then import — all rows, or only the valid ones."""

import hashlib

import streamlit as st

from data_access.engine import READ_ONLY_MESSAGE, DatabaseFault, get_engine, is_writable
from data_access.imports import IMPORT_KINDS, TEMPLATES, blank_template, columns_frame, import_file
from data_access.safe_csv import to_csv_bytes
from ui.filters import current_filters
from ui.i18n import t
from ui.plain import md_block, md_text

f = current_filters()
lang = f.lang

st.title(t("imp_title", lang))
if f.public:
    # Importing changes the data behind a public screen; it is an office task.
    st.info(t("imp_public", lang))
    st.stop()
st.caption(t("imp_intro", lang))

kind = st.selectbox(t("imp_kind", lang), IMPORT_KINDS, key="imp_kind",
                    format_func=lambda k: f"{TEMPLATES[k].title} ({k})")
template = TEMPLATES[kind]
st.markdown(template.description)

left, right, _space = st.columns([1, 1, 3])
left.download_button(t("imp_template_csv", lang), data=blank_template(kind, "csv"),
                     file_name=f"template_{kind}.csv", mime="text/csv", key="imp_tpl_csv",
                     icon=":material/download:")
right.download_button(
    t("imp_template_xlsx", lang), data=blank_template(kind, "xlsx"),
    file_name=f"template_{kind}.xlsx", key="imp_tpl_xlsx", icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
with st.expander(t("imp_columns", lang)):
    st.dataframe(columns_frame(kind), hide_index=True, width="stretch")

if not is_writable(get_engine()):
    # Templates stay available; uploading waits until the database is writable (checked
    # on every run, so the uploader comes back without a restart).
    st.warning(READ_ONLY_MESSAGE, icon=":material/lock:")
    st.stop()

upload = st.file_uploader(t("imp_upload", lang), type=["csv", "xlsx"], key=f"imp_file_{kind}")
if upload is None:
    st.stop()

data = upload.getvalue()
check_key = (kind, upload.name, hashlib.sha256(data).hexdigest())
if st.session_state.get("imp_checked") != check_key:
    # A new file (or kind): check it once, without writing, and forget any earlier result.
    with st.spinner(t("imp_checking", lang)):
        try:
            preview = import_file(None, kind=kind, data=data, filename=upload.name,
                                  dry_run=True)
        except DatabaseFault as exc:  # busy, read-only, damaged: a message, not the SQL
            st.error(str(exc), icon=":material/block:")
            st.stop()
    st.session_state["imp_checked"] = check_key
    st.session_state["imp_preview"] = preview
    st.session_state.pop("imp_result", None)
preview = st.session_state["imp_preview"]
result = st.session_state.get("imp_result")

st.subheader(t("imp_preview", lang))
where = f"header in row {preview.header_row}" if preview.header_row else ""
if preview.sheet:
    where += f", sheet {preview.sheet!r}"
if preview.blank_rows:
    where += f", {preview.blank_rows} blank row(s) skipped"
# The file and sheet names are the uploader's text: shown as written, never as Markdown.
st.caption(md_text(f"{upload.name}: {preview.rows:,} data rows"
                   + (f" ({where})" if where else "")))

if preview.file_refused:
    st.warning(f"**{t('imp_refused', lang)}**\n\n{md_block(preview.problems[0].message)}",
               icon=":material/block:")
    st.stop()

cols = st.columns(5)
cols[0].metric("Rows read", f"{preview.rows:,}", border=True)
cols[1].metric("Rejected", f"{preview.rejected:,}", border=True)
cols[2].metric("New", f"{preview.new:,}", border=True)
cols[3].metric("To update", f"{preview.updated:,}", border=True)
cols[4].metric("Already present", f"{preview.unchanged:,}", border=True)

if preview.notes:
    st.info(f"**{t('imp_fuzzy', lang)}**\n\n" + "\n".join(f"- {md_text(n)}" for n in preview.notes),
            icon=":material/spellcheck:")

skip = False
if preview.rejected:
    st.warning(t("imp_problems", lang, n=f"{preview.rejected:,}"), icon=":material/rule:")
    st.dataframe(preview.problems_frame(), hide_index=True, width="stretch",
                 column_config={
                     "row": st.column_config.NumberColumn(format="%d", width="small"),
                     "column": st.column_config.TextColumn(width="small"),
                     "value": st.column_config.TextColumn(width="small"),
                     "problem": st.column_config.TextColumn(width="large"),
                     "suggestion": st.column_config.TextColumn(width="large")})
    st.download_button(t("imp_rejects", lang), data=to_csv_bytes(preview.rejects),
                       file_name=f"{upload.name.rsplit('.', 1)[0]}_rejected.csv",
                       mime="text/csv", key="imp_rejects_preview")
    skip = st.checkbox(t("imp_skip", lang), key="imp_skip")
elif preview.new or preview.updated:
    st.success(t("imp_ready", lang), icon=":material/check_circle:")
else:
    st.info(t("imp_nothing_new", lang))

can_import = (preview.new or preview.updated) and (not preview.rejected or skip)
if st.button(t("imp_button", lang), type="primary", disabled=not can_import or result is not None,
             key="imp_go", icon=":material/upload:"):
    with st.spinner(t("imp_checking", lang)):
        try:
            result = import_file(None, kind=kind, data=data, filename=upload.name,
                                 skip_invalid=skip)
        except DatabaseFault as exc:  # nothing was written; the button stays available
            st.error(str(exc), icon=":material/block:")
            st.stop()
    st.session_state["imp_result"] = result

if result is not None:
    if result.written:
        st.success(t("imp_done", lang, summary=md_text(result.summary_line)),
                   icon=":material/task_alt:")
    else:
        st.warning(md_text(result.summary_line))
