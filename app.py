"""Jukwaa la Usalama dashboard — the frame only: page config, database start-up, access
gate, shared filters and navigation. Pages live in views/ (see views/registry.py)."""

import streamlit as st

from ui.filters import render_sidebar_filters
from ui.frame import (
    access_gate,
    apply_presenter_style,
    leave_public_control,
    start_database,
    status_bar,
)
from views.registry import PAGES

st.set_page_config(page_title="Jukwaa la Usalama", page_icon="🛡️",
                   layout="wide", initial_sidebar_state="expanded")

start_database()
access_gate()

sections: dict[str, list] = {}
for spec in PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, url_path=spec.url_path, icon=spec.icon,
                default=spec.default)
    )
page = st.navigation(sections)

filters = render_sidebar_filters()
leave_public_control(filters)  # a public screen stays public without the access code
apply_presenter_style(filters)
status_bar(filters)
page.run()
