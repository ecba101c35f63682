"""Jukwaa la Usalama dashboard — the frame only: page config, navigation, access gate,
database start-up, shared filters. Pages live in views/ (see views/registry.py)."""

import streamlit as st

from ui.filters import render_sidebar_filters
from ui.frame import (
    ADMITTED,
    GATED,
    access_gate,
    admission,
    apply_presenter_style,
    is_presenter_view,
    leave_public_control,
    open_presenter_view,
    start_database,
    status_bar,
)
from views.registry import PAGES

# "auto": open beside the page on a wide screen, folded away on a phone (a recorder's
# capture form must not sit under the menu).
st.set_page_config(page_title="Jukwaa la Usalama", page_icon="🛡️",
                   layout="wide", initial_sidebar_state="auto")

state = admission()
sections: dict[str, list] = {}
for spec in PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, url_path=spec.url_path, icon=spec.icon,
                default=spec.default)
    )
# Navigation comes before the gate: Streamlit resolves the page from the URL here, so a
# deep link (page and query parameters) is still open once the code is given. The menu
# is hidden while the code is asked.
page = st.navigation(sections, position="hidden" if state == GATED else "sidebar")
presenting = is_presenter_view(page)
if presenting:
    # /present is a public link: public audience only, no gate, no filters, no chrome.
    open_presenter_view(state)
else:
    access_gate(state)  # stops here without the code; a ?mode=public link passes, locked
start_database(admitted=state == ADMITTED)  # nothing about the database before the code

if not presenting:
    filters = render_sidebar_filters()
    leave_public_control(filters)  # a public screen stays public without the access code
    apply_presenter_style(filters)
    status_bar(filters)
page.run()
