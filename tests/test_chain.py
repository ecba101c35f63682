"""The chain forum → concern → commitment → history, walked both ways, on the hand-built
chain of tests/test_commitments.py (both backends)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access.chain import (
    commitment_choices,
    commitment_context,
    commitment_history,
    forum_chain,
    forum_choices,
    forum_detail,
)
from data_access.figures.scope import Audience
from data_access.privacy import NotForPublic
from tests.test_commitments import TODAY, Chain, build_chain, open_page, point_app_at_chain
from ui.i18n import t

D = dt.date
INTERNAL, PUBLIC = Audience.INTERNAL, Audience.PUBLIC


@pytest.fixture
def chain(engine: sa.Engine) -> Chain:
    return build_chain(engine)


def test_forum_choices(engine: sa.Engine, chain: Chain) -> None:
    out = forum_choices(engine=engine, audience=INTERNAL)
    assert out["external_id"].tolist() == ["F2", "F1"]  # newest first
    assert out[["concerns", "commitments"]].values.tolist() == [[1, 3], [2, 4]]
    q1 = forum_choices(engine=engine, audience=INTERNAL, start=D(2025, 1, 1), end=D(2025, 1, 31))
    assert q1["external_id"].tolist() == ["F1"]
    assert forum_choices(engine=engine, audience=INTERNAL, county_codes=("007",)).empty
    detail = forum_detail(engine=engine, audience=INTERNAL, forum_id=chain.forums["F1"]).iloc[0]
    assert (detail["edition"], detail["county"], detail["region"]) == ("Pwani Edition",
                                                                       "Mombasa", "Coast")
    assert detail["attendance"] == "Youth: 250, Elders: 170"


def test_forum_chain_down(engine: sa.Engine, chain: Chain) -> None:
    out = forum_chain(engine=engine, audience=INTERNAL, forum_id=chain.forums["F1"],
                      today=D(2025, 6, 30))
    assert out["concern_external_id"].tolist() == ["C1", "C1", "C2", "C2"]
    assert out["external_id"].tolist() == ["K1", "K2", "K3", "K4"]
    assert out["current_status"].tolist() == ["fulfilled", "fulfilled", "partly_fulfilled",
                                              "unverified"]
    # K4 is unverified: past its due date but never overdue (counted apart elsewhere).
    assert out["overdue"].tolist() == [False, False, True, False]
    assert out["days_overdue"].dropna().tolist() == [61]
    assert out["summary"].iloc[0] == "Illicit brews sold near schools"
    assert out["institution_short"].tolist() == ["NACADA", "NPS", "Gender", "NPS"]


def test_chain_is_not_for_public_screens(engine: sa.Engine, chain: Chain) -> None:
    """Every chain function lists individual forums, concerns, commitments or updates:
    the public audience is refused (the leak: the chain view beside "<5" summaries)."""
    k2, f1 = chain.commitments["K2"], chain.forums["F1"]
    calls = {
        "forum_choices": lambda a: forum_choices(engine=engine, audience=a),
        "forum_detail": lambda a: forum_detail(engine=engine, audience=a, forum_id=f1),
        "forum_chain": lambda a: forum_chain(engine=engine, audience=a, forum_id=f1,
                                             today=TODAY),
        "commitment_context": lambda a: commitment_context(engine=engine, audience=a,
                                                           commitment_id=k2, today=TODAY),
        "commitment_history": lambda a: commitment_history(engine=engine, audience=a,
                                                           commitment_ids=(k2,)),
        "commitment_choices": lambda a: commitment_choices(engine=engine, audience=a),
    }
    for name, call in calls.items():
        assert len(call(INTERNAL)) > 0, name
        with pytest.raises(NotForPublic):
            call(PUBLIC)


def test_chain_functions_require_the_audience(engine: sa.Engine, chain: Chain) -> None:
    with pytest.raises(TypeError):
        forum_chain(engine=engine, forum_id=chain.forums["F1"], today=TODAY)  # type: ignore
    with pytest.raises(TypeError):
        commitment_choices(engine=engine)  # type: ignore[call-arg]
    with pytest.raises(TypeError):  # the old keyword is gone, and a bool is no audience
        commitment_history(engine=engine, commitment_ids=(), public=True)  # type: ignore
    with pytest.raises(TypeError):
        commitment_history(engine=engine, commitment_ids=(), audience=True)  # type: ignore


def test_commitment_back_to_forum_and_concern(engine: sa.Engine, chain: Chain) -> None:
    kw = {"engine": engine, "audience": INTERNAL, "today": TODAY}
    ctx = commitment_context(commitment_id=chain.commitments["K2"], **kw).iloc[0]
    assert (ctx["edition"], ctx["held_on"], ctx["county"], ctx["region"]) == (
        "Pwani Edition", pd.Timestamp("2025-01-15"), "Mombasa", "Coast")
    assert (ctx["concern_external_id"], ctx["theme"]) == ("C1", "Drugs, illicit brews and "
                                                          "substance abuse")
    assert (ctx["title"], ctx["current_status"], ctx["version"]) == (
        "Night patrols near schools", "fulfilled", 1)
    # A concern from a chief's report has no forum; the chain still reaches the concern.
    k7 = commitment_context(commitment_id=chain.commitments["K7"], **kw).iloc[0]
    assert pd.isna(k7["edition"]) and k7["origin"] == "chief_report"
    assert k7["county"] == "Garissa"
    assert commitment_context(commitment_id=10_000, **kw).empty


def test_commitment_history(engine: sa.Engine, chain: Chain) -> None:
    hist = commitment_history(engine=engine, audience=INTERNAL,
                              commitment_ids=(chain.commitments["K5"],))
    # Ordered by date even though "stalled" was recorded after "not_fulfilled".
    assert hist["status"].tolist() == ["stalled", "not_fulfilled"]
    assert hist["updated_on"].tolist() == [pd.Timestamp("2025-04-01"),
                                           pd.Timestamp("2025-06-15")]
    assert hist["recorded_by"].tolist() == ["Test clerk", "Test clerk"]
    assert set(hist["source_kind"]) == {"capture"}
    assert commitment_history(engine=engine, audience=INTERNAL, commitment_ids=()).empty


def test_commitment_choices_search(engine: sa.Engine, chain: Chain) -> None:
    kw = {"engine": engine, "audience": INTERNAL}
    assert len(commitment_choices(**kw)) == 9
    assert commitment_choices(search="PATROL", **kw)["external_id"].tolist() == ["K2"]
    by_id = commitment_choices(search=str(chain.commitments["K7"]), **kw)
    assert "K7" in by_id["external_id"].tolist()
    assert commitment_choices(search="100%", **kw).empty  # % is not a wildcard
    nairobi = commitment_choices(county_codes=("047",), **kw)
    assert nairobi["external_id"].tolist() == ["K9", "K6", "K5"]  # newest first


# --- the chain page (AppTest on the hand-built chain) ------------------------------------


@pytest.fixture
def app_chain(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Chain:
    return point_app_at_chain(sqlite_url, monkeypatch)


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def test_chain_page_from_a_forum(app_chain: Chain) -> None:
    at = open_page("chain.py", **{"from": "2025-01", "to": "2025-06",
                                  "forum": str(app_chain.forums["F1"])})
    assert at.subheader[0].value == "Pwani Edition — Mombasa (Coast)"
    text = _markdown(at)
    for expected in ("Illicit brews sold near schools", "Anti-narcotics task force",
                     "Survivors of assault in Likoni turned away", "GBV desk at Likoni station"):
        assert expected in text
    histories = [e for e in at.expander if e.label.startswith("Status history")]
    assert [e.label for e in histories] == ["Status history (2 recorded)",
                                            "Status history (1 recorded)",
                                            "Status history (1 recorded)",
                                            "Status history (0 recorded)"]
    history = histories[0].dataframe[0].value
    assert history["status"].tolist() == ["In progress", "Fulfilled"]
    assert history["evidence"].tolist()[-1] == "NACADA report 12/2025"
    assert history["recorded by"].tolist() == ["Test clerk", "Test clerk"]
    # Follow a commitment: the page turns round and shows its way back to the forum.
    at.button(key=f"ch_follow_{app_chain.commitments['K2']}").click().run()
    assert not at.exception
    assert at.query_params["commitment"] == str(app_chain.commitments["K2"])
    assert "Night patrols near schools" in _markdown(at)


def test_chain_page_back_from_a_commitment_deep_link(app_chain: Chain) -> None:
    k8 = app_chain.commitments["K8"]
    at = open_page("chain.py", commitment=str(k8))
    assert at.segmented_control(key="ch_mode").value == "commitment"
    assert at.selectbox(key="ch_commitment").value == k8
    text = _markdown(at)
    assert "Raised in a chief's report" in text and "ID cards delayed for a year" in text
    assert "Clear the ID backlog" in text
    at.segmented_control(key="ch_commitment_history_view").set_value("table").run()
    history = at.dataframe[0].value
    assert history["status"].tolist() == ["Fulfilled", "Stalled", "Fulfilled"]
    assert history["date"].tolist() == [D(2025, 3, 1), D(2025, 4, 1), D(2025, 6, 20)]
    assert history["evidence"].fillna("").tolist() == ["NRB letter 2", "", "Backlog report"]
    # Find by title words instead, then go to the whole forum of another commitment.
    at.text_input(key="ch_search").input("patrol").run()
    assert at.selectbox(key="ch_commitment").options == [
        f"[{app_chain.commitments['K8']}] Clear the ID backlog — NRB, Garissa (fulfilled)",
        f"[{app_chain.commitments['K2']}] Night patrols near schools — NPS, Mombasa "
        "(fulfilled)"]
    at.selectbox(key="ch_commitment").set_value(app_chain.commitments["K2"]).run()
    at.button(key="ch_show_forum").click().run()
    assert at.segmented_control(key="ch_mode").value == "forum"
    assert at.subheader[0].value == "Pwani Edition — Mombasa (Coast)"


@pytest.mark.parametrize("link", ["forum", "commitment"])
def test_chain_page_public_mode_shows_no_list(app_chain: Chain, link: str) -> None:
    """Presenter mode: neither the chain nor the commitment picker (whose labels are
    titles) is shown, only a note, whichever deep link opened the page."""
    target = app_chain.forums["F1"] if link == "forum" else app_chain.commitments["K3"]
    at = open_page("chain.py", **{link: str(target), "mode": "public"})
    assert t("cm_lists_not_public", "en") in [i.value for i in at.info]
    assert not at.main.selectbox and not at.main.dataframe and not at.main.expander
    text = _markdown(at)
    for private in ("Illicit brews", "Survivors", "GBV desk", "Night patrols",
                    "Gender desk officers", "Pwani Edition"):
        assert private not in text
