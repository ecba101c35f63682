"""A searchable commitment picker shared by the chain view and the progress form.

Internal screens only: its labels are commitment titles, so for the public audience
:func:`data_access.chain.commitment_choices` raises ``NotForPublic`` (pages show an info
line instead of calling it)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.commitments import status_label
from data_access.chain import commitment_choices
from data_access.commitments import internal_only
from data_access.figures.scope import Audience
from ui.i18n import t


def pick_commitment(*, prefix: str, county_codes: tuple[str, ...], deep_link: int | None,
                    lang: str, audience: Audience) -> int:
    """Search box + selectbox of commitments in scope; returns the chosen id.

    A deep-linked commitment outside the filters' scope is still offered (first), so a
    shared link always opens. Stops the page with a note when nothing matches. Widget
    keys are ``<prefix>_search`` and ``<prefix>_commitment``.
    """
    internal_only(audience, "the commitment picker")
    key = f"{prefix}_commitment"
    search = st.text_input(t("find_commitment", lang), key=f"{prefix}_search",
                           placeholder=t("find_placeholder", lang))
    choices = commitment_choices(audience=audience, county_codes=county_codes, search=search)
    wanted = st.session_state.get(key, deep_link)
    if wanted is not None and wanted not in set(choices["commitment_id"]):
        extra = commitment_choices(audience=audience, search=str(wanted))
        choices = pd.concat([extra[extra["commitment_id"] == wanted], choices],
                            ignore_index=True)
    if choices.empty:
        st.info(t("no_commitment_found", lang))
        st.stop()
    labels = {r.commitment_id: f"[{r.commitment_id}] {r.title} — {r.institution_short}, "
                               f"{r.county} ({status_label(r.current_status, lang).lower()})"
              for r in choices.itertuples()}
    if st.session_state.get(key) not in labels:
        st.session_state[key] = wanted if wanted in labels else int(choices.iloc[0].commitment_id)
    commitment_id = st.selectbox(t("pick_commitment", lang), list(labels), key=key,
                                 format_func=labels.get)
    st.query_params["commitment"] = str(commitment_id)
    return int(commitment_id)
