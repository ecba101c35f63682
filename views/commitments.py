"""Commitments: who is delivering on what citizens were promised — resolution rates with
their counts, overdue work, the institution scorecard, fulfilment since the forum, and
the export of every commitment with its history. Status as of the end of the period.

On a public screen the figures are Kenya's and each region's, all themes, every commitment
made to date with its status today, from protected region × status cells
(data_access.commitments): KPIs, by region, by status, the overdue count. The breakdowns by
county, theme, institution and forum, the timing statistics and the lists of individual
commitments (overdue list, exports) are replaced by a note."""

import pandas as pd
import streamlit as st

from charts.commitments import (
    SCORECARD_METRICS,
    forum_scatter,
    fulfilment_curve_chart,
    overdue_chart,
    resolution_chart,
    scorecard_heatmap,
    status_label,
)
from charts.profile import status_bars
from data_access import clock, reference
from data_access.commitments import (
    BREAKDOWNS,
    PUBLIC_BREAKDOWNS,
    commitment_totals,
    commitments_export,
    forum_fulfilment,
    fulfilment_curve,
    history_export,
    institution_region_matrix,
    overdue_commitments,
    resolution_by,
)
from data_access.metrics import definition
from data_access.safe_csv import to_xlsx_bytes
from data_access.status import data_status
from ui.blocks import chart_block, count_text
from ui.filters import current_filters
from ui.i18n import commitments_public_note, t

f = current_filters()
lang = f.lang
status = data_status().set_index("source")
as_of_data = status.loc["commitments", "last"]
SOURCE = "Forum commitments and their status updates"
MIN_CURVE = 5
# Column titles that say what they count (metrics.DEFINITIONS).
ON_TIME_COLUMN = "on time % (of fulfilled with a due date)"
PAST_DUE_UNVERIFIED = "past due, not yet verified"


def pct(value) -> str:
    """'57%' or '—' for a missing rate."""
    return "—" if pd.isna(value) else f"{value * 100:.0f}%"


def as_seen(res: pd.DataFrame, col: str) -> pd.Series:
    """A count column as the audience sees it: the data layer's text in public ("<5", a
    range, "≈"), else the count, with "<5" where a sensitive theme's count is hidden."""
    if f.public or res[col].isna().any():  # one type per column: text where any is hidden
        return res[f"{col}_display"]
    return res[col]


def summary_table(res: pd.DataFrame, label: str) -> pd.DataFrame:
    """The table behind a resolution chart: every count beside every rate."""
    out = pd.DataFrame({label: res["label"]})
    for col, name in (("made", "made"), ("unverified", "unverified"), ("verified", "verified"),
                      ("fulfilled", "fulfilled"), ("partly", "partly fulfilled"),
                      ("not_fulfilled", "not fulfilled"), ("overdue", "overdue"),
                      ("past_due_unverified", PAST_DUE_UNVERIFIED)):
        out[name] = as_seen(res, col)
    out["resolution rate %"] = (res["resolution_rate"] * 100).round(1)
    out["fulfilled or partly %"] = (res["fulfilled_or_partly_rate"] * 100).round(1)
    out[ON_TIME_COLUMN] = (res["on_time_share"] * 100).round(1)
    out["fulfilled with a due date"] = as_seen(res, "fulfilled_with_due")
    out["median days to fulfil"] = res["median_days_to_fulfil"].round(1)
    return out


st.title(t("commitments_title", lang))
if f.public:
    # Public figures cover every commitment to date, all themes, status today, by region:
    # the period, the themes and "made in the period" change nothing, so no control.
    made_from = None
else:
    made_scope = st.segmented_control(
        t("commitments_counted", lang), options=["all", "period"], default="all",
        key="cm_made_scope", format_func=lambda v: t(f"made_scope_{v}", lang),
    ) or "all"
    made_from = f.start if made_scope == "period" else None
kw = {"as_of": f.end, "county_codes": f.county_codes, "themes": f.themes,
      "made_from": made_from, "audience": f.audience}

# --- KPIs ------------------------------------------------------------------------------
tot = commitment_totals(**kw).iloc[0]
if f.public:
    st.caption(commitments_public_note(tot, clock.today(), lang))
else:
    st.caption(t("commitments_caption", lang, scope=f.scope_label, as_of=f"{f.end:%d %b %Y}")
               + (" " + t("made_in_period", lang, period=f.period_label) if made_from else ""))
median = tot["median_days_to_fulfil"]
cards = [
    (t("commitments_made", lang), count_text(tot, "made"),
     t("kpi_unverified_apart", lang, n=count_text(tot, "unverified")),
     t("def_made_to_end", lang) + " " + definition("resolution", lang)),
    (t("resolution_rate", lang), pct(tot["resolution_rate"]),
     t("kpi_fulfilled_of_verified", lang, f=count_text(tot, "fulfilled"),
       v=count_text(tot, "verified")),
     definition("resolution", lang)),
    (t("fulfilled_or_partly", lang), pct(tot["fulfilled_or_partly_rate"]),
     t("kpi_partly", lang, f=count_text(tot, "fulfilled"), p=count_text(tot, "partly"),
       v=count_text(tot, "verified")), definition("resolution", lang)),
    (t("overdue", lang), count_text(tot, "overdue"),
     t("kpi_of_made", lang, n=count_text(tot, "made")),
     definition("overdue", lang) + " " + definition("past_due_unverified", lang),
     t("kpi_past_due_unverified", lang, n=count_text(tot, "past_due_unverified"))),
]
if not f.public:  # on time and median days follow single commitments: not public
    cards += [
        (t("on_time_share", lang), pct(tot["on_time_share"]),
         t("kpi_on_time", lang, n=count_text(tot, "fulfilled_on_time"),
           d=count_text(tot, "fulfilled_with_due")), definition("on_time", lang)),
        (t("median_days", lang),
         "—" if pd.isna(median) else t("kpi_days", lang, n=f"{median:.0f}"),
         t("kpi_over_fulfilled", lang, n=count_text(tot, "fulfilled")),
         definition("median_days", lang)),
    ]
per_row = 2 if f.public else 3  # presenter mode's large type needs wider cards
for row_start in range(0, len(cards), per_row):
    for col, (label, value, delta, help_text, *extra) in zip(
            st.columns(per_row), cards[row_start:row_start + per_row]):
        # The deltas are the counts behind each number, not changes: grey, no arrows.
        # A card may add a count kept apart (past due but not yet verified, beside overdue).
        col.metric(label, value, delta=delta, delta_color="off", delta_arrow="off",
                   delta_description=extra[0] if extra else None, help=help_text,
                   border=True)

if f.public:  # no scorecard (by institution) and no timing (by forum, curves) in public
    tab_res, tab_overdue, tab_export = st.tabs([
        t("tab_resolution", lang), t("tab_overdue", lang), t("tab_export", lang)])
else:
    tab_res, tab_overdue, tab_score, tab_time, tab_export = st.tabs([
        t("tab_resolution", lang), t("tab_overdue", lang), t("tab_scorecard", lang),
        t("tab_over_time", lang), t("tab_export", lang)])

# --- resolution by region / county / institution / theme --------------------------------
with tab_res:
    offered = list(PUBLIC_BREAKDOWNS if f.public else BREAKDOWNS)
    if st.session_state.get("cm_by") not in (None, *offered):
        del st.session_state["cm_by"]  # e.g. "county" chosen before the screen went public
    by = st.segmented_control(
        t("cm_break_down_by", lang), options=offered, default="region",
        key="cm_by", format_func=lambda v: t(f"cm_by_{v}", lang)) or "region"
    res = resolution_by(by=by, **kw)
    if by == "status":  # public only: the area's commitments per status
        res["label"] = res["name_sw"] if lang == "sw" else res["name"]
        chart = status_bars(res.rename(columns={"code": "status", "made": "commitments",
                                                "made_display": "commitments_display"}),
                            label_col="label", overdue_word=t("overdue_word", lang))
        table = pd.DataFrame({t("cm_by_status", lang).lower(): res["label"],
                              "commitments": res["made_display"],
                              "of them overdue": res["overdue_display"],
                              PAST_DUE_UNVERIFIED: res["past_due_unverified_display"]})
        chart_block(t("resolution_by", lang, by=t("cm_by_status", lang).lower()), chart,
                    table, filters=f, definition=definition("resolution", lang) + "\n\n"
                    + definition("overdue", lang) + "\n\n"
                    + definition("past_due_unverified", lang),
                    source=SOURCE, as_of=as_of_data, key="cm_res_status",
                    caption=commitments_public_note(tot, clock.today(), lang))
        res = None
    elif by == "institution":
        res["label"] = res["code"].map(lambda c: reference.INSTITUTION_BY_CODE[c].short_name)
    else:
        res["label"] = res["name_sw"] if lang == "sw" else res["name"]
    if by in ("institution", "theme", "county"):
        # Busiest first; a county list keeps only counties where something was promised.
        res = res.sort_values("made", ascending=False, kind="stable",
                              key=lambda made: made.fillna(2.5))
        if by == "county":
            res = res[res["made"].isna() | (res["made"] > 0)]
    if res is not None:
        table = summary_table(res, t(f"cm_by_{by}", lang).lower())
        if by == "institution":
            table.insert(1, "institution (full name)", res["name"].values)
        if f.public:  # not public: timing of single commitments (NaN there)
            table = table.drop(columns=[ON_TIME_COLUMN, "fulfilled with a due date",
                                        "median days to fulfil"])
        chart_block(t("resolution_by", lang, by=t(f"cm_by_{by}", lang).lower()),
                    resolution_chart(res, label_col="label", public=f.public, lang=lang),
                    table, filters=f,
                    definition=definition("resolution", lang) + "\n\n" + definition("overdue", lang)
                    + "\n\n" + definition("past_due_unverified", lang) + "\n\n"
                    + definition("on_time", lang) + "\n\n" + definition("median_days", lang),
                    source=SOURCE, as_of=as_of_data, key=f"cm_res_{by}",
                    caption=commitments_public_note(None, clock.today(), lang) if f.public
                    else t("cm_status_as_of", lang, date=f"{f.end:%d %b %Y}"))
    if f.public:
        st.info(t("cm_not_public", lang), icon=":material/visibility_off:")

# --- overdue ---------------------------------------------------------------------------
with tab_overdue:
    if f.public:
        # The count from the protected figures; the list of commitments is internal only.
        st.subheader(t("overdue_count_title", lang, n=count_text(tot, "overdue")))
        st.caption(t("kpi_past_due_unverified", lang,
                     n=count_text(tot, "past_due_unverified")))
        st.info(t("cm_lists_not_public", lang), icon=":material/visibility_off:")
    else:
        soon = st.toggle(t("show_due_soon", lang), key="cm_due_soon")
        # Unverified commitments past their due date are never overdue: listed apart, on ask.
        unverified = st.toggle(t("show_past_due_unverified", lang,
                                 n=count_text(tot, "past_due_unverified")),
                               key="cm_past_due_unverified")
        od = overdue_commitments(**kw, due_within_days=30 if soon else 0,
                                 include_unverified=unverified)
        marks = [t("overdue_by", lang, days=int(p)) if o
                 else t("past_due_unverified_by", lang, days=int(p)) if u
                 else t("due_in", lang, days=int(n))
                 for o, u, p, n in zip(od["overdue"], od["past_due_unverified"],
                                       od["days_past_due"].fillna(0),
                                       od["days_to_due"].fillna(0))]
        table = pd.DataFrame({
            "": marks, "commitment": od["title"], "institution": od["institution_short"],
            "county": od["county"], "region": od["region"],
            "concern it answers": od["concern"], "status": od["status"].map(
                lambda s: status_label(s, lang)),
            "due": od["due_on"].dt.date, "days overdue": od["days_overdue"],
            "id": od["commitment_id"],
        })
        chart_block(t("overdue_title", lang, n=count_text(tot, "overdue")), overdue_chart(od),
                    table, filters=f,
                    definition=definition("overdue", lang) + "\n\n"
                    + definition("past_due_unverified", lang),
                    source=SOURCE, as_of=as_of_data,
                    key="cm_overdue", caption=t("overdue_caption", lang))
        if not table.empty:
            st.markdown(f"**{t('overdue_list', lang)}**")
            shown = table.assign(chain=[f"chain?commitment={i}" for i in table["id"]])

            overdue_rows = set(table.index[od["overdue"].to_numpy()])

            def mark(row):
                late = row.name in overdue_rows
                style = "background-color: #fde2df; color: #7f1d1d" if late else ""
                return [style] * len(row)

            st.dataframe(
                shown.style.apply(mark, axis=1), hide_index=True, width="stretch",
                column_config={
                    "": st.column_config.TextColumn(width="medium"),
                    "chain": st.column_config.LinkColumn(t("open_chain", lang),
                                                         display_text=t("open_chain", lang)),
                    "days overdue": st.column_config.NumberColumn(format="%d"),
                },
            )

# --- institution scorecard and fulfilment over time (internal only) ----------------------
if not f.public:
    with tab_score:
        inst = resolution_by(by="institution", **kw)
        # Busiest first; a hidden count (1–4) sorts between 0 and 5, as "<5" already says.
        inst = inst.sort_values("made", ascending=False, kind="stable",
                                key=lambda made: made.fillna(2.5))
        inst["label"] = inst["code"].map(lambda c: reference.INSTITUTION_BY_CODE[c].short_name)
        score = summary_table(inst, "institution")
        # The scorecard's own measures first; the rest of the summary after them.
        first = ["institution", "made", "verified", "fulfilled", "overdue", "median days to fulfil",
                 "resolution rate %", ON_TIME_COLUMN]
        score = score[first + [c for c in score.columns if c not in first]]
        score["institution (full name)"] = inst["name"].values
        chart_block(t("scorecard_title", lang), None, score, filters=f,
                    definition=definition("scorecard", lang) + "\n\n"
                    + definition("resolution", lang),
                    source=SOURCE, as_of=as_of_data, key="cm_scorecard")
        across = "county" if f.county_codes and len({
            c.region_code for c in reference.counties() if c.code in f.county_codes}) == 1 \
            else "region"
        metric = st.segmented_control(
            t("scorecard_measure", lang), options=list(SCORECARD_METRICS),
            default="resolution_rate", key="cm_score_metric",
            format_func=lambda m: SCORECARD_METRICS[m][0]) or "resolution_rate"
        matrix = institution_region_matrix(**kw, across=across)
        matrix["area_label"] = matrix["area_sw"] if lang == "sw" else matrix["area"]
        # Rows in the scorecard's order (most commitments first); idle institutions left out.
        order = {code: i for i, code in enumerate(inst["code"])}
        # A hidden count (NaN) means 1–4 were made: such an institution is active.
        made_any = (matrix["made"].isna() | (matrix["made"] > 0)).groupby(
            matrix["institution_code"]).any()
        keep = made_any[made_any].index
        matrix = matrix[matrix["institution_code"].isin(keep)].sort_values(
            "institution_code", key=lambda codes: codes.map(order), kind="stable")
        long = pd.DataFrame({
            "institution": matrix["institution"], across: matrix["area"],
            "made": as_seen(matrix, "made"), "verified": as_seen(matrix, "verified"),
            "fulfilled": as_seen(matrix, "fulfilled"), "overdue": as_seen(matrix, "overdue"),
            PAST_DUE_UNVERIFIED: as_seen(matrix, "past_due_unverified"),
            "resolution rate %": (matrix["resolution_rate"] * 100).round(1),
            "median days to fulfil": matrix["median_days_to_fulfil"].round(1),
        })
        chart_block(t("scorecard_across", lang, across=t(f"cm_by_{across}", lang).lower()),
                    scorecard_heatmap(matrix, metric=metric, col_col="area_label"), long,
                    filters=f, definition=definition("scorecard", lang), source=SOURCE,
                    as_of=as_of_data, key=f"cm_heat_{across}",
                    caption=t("scorecard_caption", lang))

    # --- fulfilment over time since each forum ---------------------------------------------
    with tab_time:
        split = st.toggle(t("curve_by_region", lang), key="cm_curve_region")
        # A point needs at least MIN_CURVE verified commitments old enough to show it.
        curve = fulfilment_curve(**kw, min_eligible=MIN_CURVE)
        if split:
            curve = pd.concat([curve, fulfilment_curve(**kw, by="region", min_eligible=MIN_CURVE)],
                              ignore_index=True)
        curve_table = pd.DataFrame({
            "group": curve["group"], "months since forum": curve["months"],
            "verified and old enough": curve["eligible_display"],
            "fulfilled by then": curve["fulfilled_display"],
            "share fulfilled %": (curve["share"] * 100).round(1),
            "unverified (apart)": curve["unverified_display"],
        })
        chart_block(t("curve_title", lang), fulfilment_curve_chart(curve), curve_table, filters=f,
                    definition=definition("fulfilment_curve", lang), source=SOURCE,
                    as_of=as_of_data,
                    key="cm_curve", caption=t("curve_caption", lang, n=MIN_CURVE))
        forums = forum_fulfilment(**kw)
        forum_table = pd.DataFrame({
            "forum": forums["forum_edition"], "county": forums["county"],
            "held": forums["held_on"].dt.date, "months since": forums["months_since"],
            "made": forums["made_display"], "verified": forums["verified_display"],
            "fulfilled": forums["fulfilled_display"],
            "resolution rate %": (forums["resolution_rate"] * 100).round(1),
            "overdue": forums["overdue_display"],
            PAST_DUE_UNVERIFIED: forums["past_due_unverified_display"],
        })
        chart_block(t("forums_title", lang), forum_scatter(forums), forum_table, filters=f,
                    definition=definition("resolution", lang), source=SOURCE, as_of=as_of_data,
                    key="cm_forums")

# --- export ----------------------------------------------------------------------------
with tab_export:
    if f.public:
        st.info(t("cm_lists_not_public", lang), icon=":material/visibility_off:")
    else:
        st.markdown(t("export_intro", lang, date=f"{f.end:%d %b %Y}"))
        exp = commitments_export(**kw)
        hist = history_export(**kw)
        st.download_button(
            t("download_xlsx", lang),
            data=lambda: to_xlsx_bytes({"commitments": exp, "history": hist}),
            file_name=f"commitments_{f.end:%Y-%m-%d}.xlsx", on_click="ignore",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="cm_xlsx", icon=":material/table:", type="primary",
        )
        chart_block(t("export_commitments", lang), None, exp, filters=f,
                    definition=definition("resolution", lang), source=SOURCE, as_of=as_of_data,
                    key="cm_export")
        chart_block(t("export_history", lang), None, hist, filters=f,
                    definition=t("def_history", lang), source=SOURCE, as_of=as_of_data,
                    key="cm_history")
