"""Export & briefing: a one-click briefing pack (PDF and offline HTML) for a county or a
region with the sidebar's filters, and every kind of data as CSV or Excel (county
metrics also as GeoJSON).

On a public screen only public-safe aggregates are offered: the county metrics, computed
for the public audience (counts as the public pages show them). Lists of records
(incidents with coordinates, concerns, commitment updates with notes and names, …) are
not offered at all; their builders refuse the public audience (privacy.NotForPublic).
"""

import streamlit as st

from data_access.exports import export_bytes
from data_access.imports import TEMPLATES
from ui.briefing import build_briefing, scope_choices, warm_up
from ui.filters import current_filters
from ui.i18n import t

f = current_filters()
lang = f.lang
warm_up()  # the image renderer starts while the page is read, not when the button is hit

st.title(t("exp_title", lang))

# --- briefing pack ----------------------------------------------------------------------
st.subheader(t("exp_brief", lang))
st.caption(t("exp_brief_intro", lang))
choices = scope_choices()
by_key = {key: (label, codes) for key, label, codes in choices}
default = (f"county:{f.county}" if f.county else f"region:{f.region}" if f.region else "all")
area = st.selectbox(t("exp_area", lang), list(by_key), index=list(by_key).index(default),
                    format_func=lambda k: by_key[k][0], key=f"exp_area_{default}")
label, codes = by_key[area]
st.caption(f"{f.period_label}" + (" · presenter mode: small counts hidden" if f.public else ""))
if st.button(t("exp_build", lang), type="primary", icon=":material/description:",
             key="exp_build"):
    with st.spinner(t("exp_building", lang)):
        pack = build_briefing(county_codes=codes, scope_label=label, start=f.start, end=f.end,
                              categories=f.categories, themes=f.themes, public=f.public,
                              lang=lang)
    st.session_state["exp_pack"] = pack
pack = st.session_state.get("exp_pack")
if pack is not None:
    st.success(f"**{pack.title}** ({pack.subtitle}) — "
               + t("exp_built", lang, seconds=pack.seconds), icon=":material/task_alt:")
    c1, c2, _space = st.columns([1, 1.6, 1.4])
    c1.download_button(t("exp_pdf", lang), data=pack.pdf, file_name=f"{pack.file_stem}.pdf",
                       mime="application/pdf", key="exp_pdf", icon=":material/picture_as_pdf:",
                       width="stretch")
    c2.download_button(t("exp_html", lang), data=pack.html,
                       file_name=f"{pack.file_stem}.html", mime="text/html", key="exp_html",
                       icon=":material/html:", width="stretch")

# --- data exports -------------------------------------------------------------------------
st.divider()
st.subheader(t("exp_data", lang))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
audience = f.audience

if f.public:
    # Not offered at all (not merely disabled): lists of records never reach a public
    # screen; the county metrics below are figures for the public audience.
    st.info(t("exp_public_records", lang), icon=":material/lock:")
else:
    st.caption(t("exp_data_intro", lang))
    scope = st.radio(t("exp_scope", lang), ["all", "filters"], horizontal=True,
                     key="exp_scope",
                     format_func=lambda s: t("exp_scope_all" if s == "all"
                                             else "exp_scope_filters", lang))
    limits = ({} if scope == "all" else
              {"county_codes": f.county_codes, "start": f.start, "end": f.end})
    suffix = "" if scope == "all" else f"_{f.start:%Y-%m}_{f.end:%Y-%m}"

    def _maker(kind: str, fmt: str):
        """The file is built only when its button is pressed (Streamlit calls this then)."""
        return lambda: export_bytes(kind=kind, fmt=fmt, audience=audience, **limits)

    for kind, template in TEMPLATES.items():
        name, csv_col, xlsx_col = st.columns([3, 1, 1], vertical_alignment="center")
        name.markdown(f"**{template.title}** · `{kind}`")
        csv_col.download_button("CSV", data=_maker(kind, "csv"),
                                file_name=f"{kind}{suffix}.csv", mime="text/csv",
                                key=f"exp_{kind}_csv", on_click="ignore")
        xlsx_col.download_button("Excel", data=_maker(kind, "xlsx"),
                                 file_name=f"{kind}{suffix}.xlsx", mime=XLSX,
                                 key=f"exp_{kind}_xlsx", on_click="ignore")

# County metrics are figures, not records: always for the sidebar's scope (area, period,
# categories, presenter mode), with the crime figures the pages show (data_access.figures).
metrics_scope = f.scope
st.markdown(f"**{t('exp_metrics', lang)}** · `county-metrics` — crimes, rate per 100,000, "
            "change, forums, concerns and commitments per county for "
            f"{metrics_scope.area_label}, {f.period_label} (the sidebar's filters), "
            f"{f.period.comparison_label(lang)}"
            + (f" · {t('exp_public_counts', lang)}" if f.public else ""))
if f.public:  # concerns and commitments are public by region only: not in this file
    st.caption(t("exp_public_no_concerns", lang) + " " + t("exp_public_no_commitments", lang))


def _metrics_maker(fmt: str):
    return lambda: export_bytes(kind="county-metrics", fmt=fmt, audience=audience,
                                scope=metrics_scope)


metrics_suffix = f"_{f.start:%Y-%m}_{f.end:%Y-%m}"
m1, m2, m3, _space = st.columns([1, 1, 1, 2])
m1.download_button("CSV", data=_metrics_maker("csv"),
                   file_name=f"county-metrics{metrics_suffix}.csv", mime="text/csv",
                   key="exp_metrics_csv", on_click="ignore")
m2.download_button("Excel", data=_metrics_maker("xlsx"),
                   file_name=f"county-metrics{metrics_suffix}.xlsx", mime=XLSX,
                   key="exp_metrics_xlsx", on_click="ignore")
m3.download_button("GeoJSON", data=_metrics_maker("geojson"),
                   file_name=f"county-metrics{metrics_suffix}.geojson",
                   mime="application/geo+json", key="exp_metrics_geojson", on_click="ignore")
