"""Shared sidebar filters, kept in the URL so a view can be shared as a link.

URL parameters: ``from``/``to`` (YYYY-MM), ``region`` (region code), ``county`` (county
code), ``cat`` and ``theme`` (comma-separated codes), ``mode=public`` (presenter mode)
and ``lang=sw``. app.py renders the widgets once per run; pages call
:func:`current_filters` to read them.

A public screen is locked (:func:`public_locked`): once a link with ``mode=public`` is
opened, or presenter mode is switched on, the session stays public — the toggle is no
longer drawn and ``mode=public`` is written back to the URL on every run, whatever page
is opened. Only :func:`unlock_public` (after the access code, ui/frame.py) ends it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import streamlit as st

from data_access import clock, reference
from data_access.figures.calendar import month_end, month_range, month_start
from data_access.figures.coverage import default_period
from data_access.figures.scope import Audience, Period, Scope
from data_access.status import data_bounds
from ui.i18n import t

_STATE_KEY = "jukwaa_filters"
# Kept in the session, not only in the URL: navigating inside the app (which drops the
# URL's parameters) or editing the URL cannot unlock a public screen.
PUBLIC_LOCK_KEY = "jukwaa_public_locked"

@dataclass(frozen=True)
class Filters:
    """What the user chose in the sidebar; passed to data_access queries as keywords."""

    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month
    region: str | None = None
    county: str | None = None
    categories: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    public: bool = False
    lang: str = "en"
    data_first: dt.date | None = field(default=None, compare=False)

    @property
    def county_codes(self) -> tuple[str, ...]:
        """Counties in scope: the chosen county, else the region's, else () for all."""
        if self.county:
            return (self.county,)
        if self.region:
            return tuple(c.code for c in reference.counties() if c.region_code == self.region)
        return ()

    @property
    def period(self) -> Period:
        """The chosen period (its last month "to date" when it is the current month)."""
        return Period(self.start, self.end)

    @property
    def audience(self) -> Audience:
        """Who the page is shown to: every data_access call that returns figures takes it."""
        return Audience.PUBLIC if self.public else Audience.INTERNAL

    @property
    def scope(self) -> Scope:
        """What every figures function takes: period, areas, selections and audience."""
        audience = self.audience
        return Scope(self.period, audience, self.region, self.county, self.categories,
                     self.themes)

    @property
    def scope_label(self) -> str:
        """Human label of the area in scope, e.g. 'Coast region' or 'Mombasa'."""
        return self.scope.area_label

    @property
    def period_label(self) -> str:
        """e.g. 'Nov 2025 – Oct 2026', '2025' or 'Nov 2026 (to 29 Nov)'."""
        return self.period.label(self.lang)


def _parse_month(raw: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(raw or "", "%Y-%m").date()
    except ValueError:
        return None


def _parse_codes(raw: str | None, allowed: set[str]) -> list[str]:
    return [c for c in (raw or "").split(",") if c in allowed]


def _init_state_from_url(months: list[dt.date]) -> None:
    """Seed widget state from the URL once per session (bad values fall back quietly to
    the default period: the latest 12 complete months of crime data)."""
    if st.session_state.get(_STATE_KEY):
        return
    qp = st.query_params
    default = default_period()
    start = _parse_month(qp.get("from"))
    end = _parse_month(qp.get("to"))
    if end not in months or start not in months or start > end:
        start, end = month_start(default.start), month_start(default.end)
        start, end = max(start, months[0]), min(max(end, months[0]), months[-1])
    county_codes = {c.code for c in reference.counties()}
    region_codes = {r.code for r in reference.REGIONS}
    st.session_state["f_period"] = (start, end)
    st.session_state["f_region"] = qp.get("region") if qp.get("region") in region_codes else ""
    st.session_state["f_county"] = qp.get("county") if qp.get("county") in county_codes else ""
    st.session_state["f_cat"] = _parse_codes(qp.get("cat"), set(reference.CATEGORY_BY_CODE))
    st.session_state["f_theme"] = _parse_codes(qp.get("theme"), set(reference.THEME_BY_CODE))
    st.session_state["f_public"] = qp.get("mode") == "public"
    st.session_state["f_lang"] = "sw" if qp.get("lang") == "sw" else "en"
    st.session_state[_STATE_KEY] = True


def _month_options(first: dt.date, today: dt.date) -> list[dt.date]:
    """Months from the first with any data to the current one (which runs "to date")."""
    return month_range(first, today)


def _period_end(last_month: dt.date, today: dt.date) -> dt.date:
    """Last day of the chosen last month, or today when it is the current month."""
    return min(month_end(last_month), today) if last_month == month_start(today) \
        else month_end(last_month)


def _month_option_label(d: dt.date, today: dt.date, lang: str) -> str:
    label = d.strftime("%b %Y")
    if d == month_start(today):
        label += " (hadi leo)" if lang == "sw" else " (to date)"
    return label


def render_sidebar_filters() -> Filters:
    """Draw the shared filters in the sidebar, mirror them into the URL, return them."""
    first, _ = data_bounds()
    today = clock.today()
    months = _month_options(first, today)
    _init_state_from_url(months)
    _apply_pending_county()
    lang = st.session_state.get("f_lang", "en")
    sb = st.sidebar
    sb.segmented_control(
        t("language", lang), options=["en", "sw"], key="f_lang",
        format_func=lambda v: {"en": "English", "sw": "Kiswahili"}[v],
    )
    lang = st.session_state.get("f_lang") or "en"
    # A range default tells Streamlit this is a range slider: without it the value the
    # browser sends back after a move (two months) is read as invalid and replaced by a
    # single month. The session state seeded from the URL still decides the value.
    start, end = sb.select_slider(
        t("period", lang), options=months, key="f_period", value=(months[0], months[-1]),
        format_func=lambda d: _month_option_label(d, today, lang),
    )
    regions = [""] + [r.code for r in reference.REGIONS]
    region_names = {r.code: (r.name_sw if lang == "sw" else r.name) for r in reference.REGIONS}
    region = sb.selectbox(t("region", lang), regions, key="f_region",
                          format_func=lambda c: region_names.get(c, t("all_regions", lang)))
    county_opts = [""] + [c.code for c in sorted(reference.counties(), key=lambda c: c.name)
                          if not region or c.region_code == region]
    if st.session_state.get("f_county") not in county_opts:
        st.session_state["f_county"] = ""
    names = {c.code: c.name for c in reference.counties()}
    county = sb.selectbox(t("county", lang), county_opts, key="f_county",
                          format_func=lambda c: names.get(c, t("all_counties", lang)))
    cats = sb.multiselect(
        t("crime_categories", lang), list(reference.CATEGORY_BY_CODE), key="f_cat",
        format_func=lambda c: _label(reference.CATEGORY_BY_CODE[c], lang),
        placeholder=t("all", lang),
    )
    themes = sb.multiselect(
        t("concern_themes", lang), list(reference.THEME_BY_CODE), key="f_theme",
        format_func=lambda c: _label(reference.THEME_BY_CODE[c], lang),
        placeholder=t("all", lang),
    )
    if st.query_params.get("mode") == "public":
        lock_public()
    if public_locked():
        public = True  # no toggle: leaving takes the access code (ui.frame)
    else:
        # Switched on, it locks before the next run draws anything: the toggle is gone.
        public = sb.toggle(t("presenter_mode", lang), key="f_public",
                           help=t("presenter_help", lang), on_change=_lock_if_public)
        if public:
            lock_public()
    filters = Filters(
        start=month_start(start), end=_period_end(end, today), region=region or None,
        county=county or None, categories=tuple(cats), themes=tuple(themes),
        public=bool(public), lang=lang, data_first=first,
    )
    _write_url(filters)
    st.session_state["jukwaa_current_filters"] = filters
    return filters


def public_locked() -> bool:
    """True while this session is a locked public screen."""
    return bool(st.session_state.get(PUBLIC_LOCK_KEY))


def lock_public() -> None:
    """Make this session a public screen until :func:`unlock_public`."""
    st.session_state[PUBLIC_LOCK_KEY] = True


def _lock_if_public() -> None:
    if st.session_state.get("f_public"):
        lock_public()


def unlock_public() -> None:
    """End the public screen (call only after the access code was given): presenter mode
    off, ``mode=public`` out of the URL. The caller reruns."""
    st.session_state[PUBLIC_LOCK_KEY] = False
    st.session_state["f_public"] = False
    if "mode" in st.query_params:
        del st.query_params["mode"]


def _label(item, lang: str) -> str:
    if lang == "sw":
        return getattr(item, "name_sw", None) or getattr(item, "label_sw", "")
    return getattr(item, "name", None) or getattr(item, "label", "")


# Parameters owned by one page (e.g. ``?commitment=12`` on the chain view), kept in the
# URL beside the filters so such deep links survive the filters being written back.
PAGE_PARAMS = ("commitment", "forum", "map", "hex", "areas")


def _write_url(f: Filters) -> None:
    params = {"from": f"{f.start:%Y-%m}", "to": f"{f.end:%Y-%m}"}
    if f.region:
        params["region"] = f.region
    if f.county:
        params["county"] = f.county
    if f.categories:
        params["cat"] = ",".join(f.categories)
    if f.themes:
        params["theme"] = ",".join(f.themes)
    if f.public:
        params["mode"] = "public"
    if f.lang != "en":
        params["lang"] = f.lang
    params.update({k: st.query_params[k] for k in PAGE_PARAMS if k in st.query_params})
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)


def current_filters() -> Filters:
    """The filters app.py rendered in this run (pages call this)."""
    return st.session_state["jukwaa_current_filters"]


def set_county(code: str | None, *, page: str | None = None) -> None:
    """Select a county (e.g. after a map click) so every page shows it, and rerun —
    on ``page`` (a script path such as "views/county_profile.py") when given.

    The county widget already exists in this run, so the choice is parked and applied
    before the widgets are drawn on the next run.
    """
    st.session_state["_pending_county"] = code or ""
    if page:
        st.switch_page(page)
    st.rerun()


def _apply_pending_county() -> None:
    if "_pending_county" not in st.session_state:
        return
    code = st.session_state.pop("_pending_county")
    st.session_state["f_county"] = code
    region = st.session_state.get("f_region")
    if code and region and not any(
        c.code == code and c.region_code == region for c in reference.counties()
    ):
        st.session_state["f_region"] = ""
