"""Queries behind the county profile: concerns raised at a county's forums by theme, and
the commitments made there with their status (counts and the list with due dates).

Everything is public-safe at the source: in public mode counts of 1–4 read "<5"
(always for the sensitive themes, GBV and violent extremism), no concern summaries or
notes are returned, and a commitment title on a sensitive theme is withheld (the same
rule as the Commitments page, see ``data_access.commitments``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data_access import reference
from data_access import schema as s
from data_access.cache import cached_query, read_df
from data_access.commitments import WITHHELD_TITLE, commitments_as_of
from data_access.privacy import suppress_counts


def _check_codes(county_codes: tuple[str, ...], themes: tuple[str, ...]) -> None:
    known = {c.code for c in reference.counties()}
    bad = [c for c in county_codes if c not in known]
    if bad:
        raise ValueError(f"unknown county code(s) {', '.join(bad)}; codes run 001–047")
    bad = [t for t in themes if t not in reference.THEME_BY_CODE]
    if bad:
        raise ValueError(f"unknown concern theme(s) {', '.join(bad)}")


def _themes_frame(themes: tuple[str, ...]) -> pd.DataFrame:
    rows = [(t.code, t.label, t.label_sw, t.sensitive) for t in reference.THEMES
            if not themes or t.code in themes]
    return pd.DataFrame(rows, columns=["theme_code", "theme", "theme_sw", "sensitive"])


@cached_query
def forum_concern_counts(conn: Connection, *, start: dt.date, end: dt.date,
                         county_codes: tuple[str, ...] = (),
                         themes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Concerns raised at forums in [start, end] per theme: ``theme_code, concerns``.

    Only concerns linked to a forum count (those from chiefs' reports or live capture
    are not "raised at its forums"). Themes with none are absent.
    """
    c = s.concerns
    stmt = (sa.select(c.c.theme_code, sa.func.count().label("concerns"))
            .where(c.c.raised_on.between(start, end), c.c.forum_id.is_not(None))
            .group_by(c.c.theme_code))
    if county_codes:
        stmt = stmt.where(c.c.county_code.in_(list(county_codes)))
    if themes:
        stmt = stmt.where(c.c.theme_code.in_(list(themes)))
    return read_df(conn, stmt)


def concerns_by_theme(*, start: dt.date, end: dt.date, county_codes: tuple[str, ...] = (),
                      themes: tuple[str, ...] = (), public: bool = False,
                      engine=None) -> pd.DataFrame:
    """Concerns raised at forums by theme, every theme in scope listed, most raised first.

    Columns: ``theme_code, theme, theme_sw, sensitive, concerns, share,
    concerns_display``; ``share`` is of all forum concerns in scope. Counts of 1–4 read
    "<5" in public mode and always for sensitive themes (their share is hidden with them).
    """
    county_codes, themes = tuple(county_codes), tuple(themes)
    _check_codes(county_codes, themes)
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    raw = forum_concern_counts(engine=engine, start=start, end=end, county_codes=county_codes,
                               themes=themes)
    out = _themes_frame(themes).merge(raw, on="theme_code", how="left")
    out["concerns"] = pd.to_numeric(out["concerns"]).fillna(0).astype("int64")
    total = out["concerns"].sum()
    out["share"] = out["concerns"] / total if total else float("nan")
    order = {t.code: i for i, t in enumerate(reference.THEMES)}
    out = out.assign(_o=out["theme_code"].map(order)).sort_values(
        ["concerns", "_o"], ascending=[False, True]).drop(columns="_o").reset_index(drop=True)
    return suppress_counts(out, ["concerns"], public=public, sensitive=out["sensitive"],
                           dependents={"concerns": ["share"]})


def commitment_status_counts(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                             themes: tuple[str, ...] = (), public: bool = False,
                             engine=None) -> pd.DataFrame:
    """Commitments made up to ``as_of`` counted by their status on that date.

    One row per status (all seven, in workflow order), columns: ``status, label,
    label_sw, commitments, overdue, commitments_display, overdue_display``. Counts of
    1–4 read "<5" in public mode (always when only sensitive themes are selected).
    """
    county_codes, themes = tuple(county_codes), tuple(themes)
    _check_codes(county_codes, themes)
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=county_codes,
                              themes=themes)
    counts = frame.groupby("status").agg(commitments=("commitment_id", "count"),
                                         overdue=("overdue", "sum"))
    out = pd.DataFrame([(code, en, sw) for code, (en, sw) in
                        reference.COMMITMENT_STATUSES.items()],
                       columns=["status", "label", "label_sw"])
    out = out.merge(counts, left_on="status", right_index=True, how="left")
    out[["commitments", "overdue"]] = out[["commitments", "overdue"]].fillna(0).astype("int64")
    sensitive_only = bool(themes) and all(reference.THEME_BY_CODE[t].sensitive for t in themes)
    return suppress_counts(out.reset_index(drop=True), ["commitments", "overdue"],
                           public=public, sensitive=pd.Series(sensitive_only, index=out.index))


def commitment_list(*, as_of: dt.date, county_codes: tuple[str, ...] = (),
                    themes: tuple[str, ...] = (), public: bool = False,
                    engine=None) -> pd.DataFrame:
    """The commitments made up to ``as_of``: overdue first (most overdue on top), then the
    open ones by due date, then the closed ones.

    Columns: ``commitment_id, title, institution, institution_short, theme, theme_sw,
    forum_edition, made_on, due_on, status, status_label, status_label_sw, overdue,
    days_overdue``. No concern summary, note or evidence is ever returned; in public
    mode the title of a commitment on a sensitive theme is withheld.
    """
    county_codes, themes = tuple(county_codes), tuple(themes)
    _check_codes(county_codes, themes)
    frame = commitments_as_of(engine=engine, as_of=as_of, county_codes=county_codes,
                              themes=themes)
    out = frame.copy()
    if public:
        out["title"] = out["title"].astype(object).where(~out["sensitive"], WITHHELD_TITLE)
    out["status_label"] = out["status"].map(lambda v: reference.COMMITMENT_STATUSES[v][0])
    out["status_label_sw"] = out["status"].map(lambda v: reference.COMMITMENT_STATUSES[v][1])
    closed = out["status"].isin(list(reference.CLOSED_STATUSES))
    out["_group"] = [0 if o else (2 if c else 1) for o, c in zip(out["overdue"], closed)]
    out = out.sort_values(["_group", "days_overdue", "due_on", "commitment_id"],
                          ascending=[True, False, True, True], na_position="last")
    cols = ["commitment_id", "title", "institution", "institution_short", "theme", "theme_sw",
            "forum_edition", "made_on", "due_on", "status", "status_label", "status_label_sw",
            "overdue", "days_overdue"]
    return out[cols].reset_index(drop=True)
