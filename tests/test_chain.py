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
from data_access.commitments import WITHHELD_TITLE
from tests.test_commitments import TODAY, Chain, build_chain

D = dt.date


@pytest.fixture
def chain(engine: sa.Engine) -> Chain:
    return build_chain(engine)


def test_forum_choices(engine: sa.Engine, chain: Chain) -> None:
    out = forum_choices(engine=engine)
    assert out["external_id"].tolist() == ["F2", "F1"]  # newest first
    assert out[["concerns", "commitments"]].values.tolist() == [[1, 3], [2, 4]]
    q1 = forum_choices(engine=engine, start=D(2025, 1, 1), end=D(2025, 1, 31))
    assert q1["external_id"].tolist() == ["F1"]
    assert forum_choices(engine=engine, county_codes=("007",)).empty
    detail = forum_detail(engine=engine, forum_id=chain.forums["F1"]).iloc[0]
    assert (detail["edition"], detail["county"], detail["region"]) == ("Pwani Edition",
                                                                       "Mombasa", "Coast")
    assert detail["attendance"] == "Youth: 250, Elders: 170"


def test_forum_chain_down(engine: sa.Engine, chain: Chain) -> None:
    out = forum_chain(engine=engine, forum_id=chain.forums["F1"], today=D(2025, 6, 30))
    assert out["concern_external_id"].tolist() == ["C1", "C1", "C2", "C2"]
    assert out["external_id"].tolist() == ["K1", "K2", "K3", "K4"]
    assert out["current_status"].tolist() == ["fulfilled", "fulfilled", "partly_fulfilled",
                                              "unverified"]
    assert out["overdue"].tolist() == [False, False, True, True]
    assert out["days_overdue"].dropna().tolist() == [61, 29]
    assert out["summary"].iloc[0] == "Illicit brews sold near schools"
    assert out["institution_short"].tolist() == ["NACADA", "NPS", "Gender", "NPS"]


def test_forum_chain_public_has_no_free_text(engine: sa.Engine, chain: Chain) -> None:
    out = forum_chain(engine=engine, forum_id=chain.forums["F1"], today=D(2025, 6, 30),
                      public=True)
    assert not {"summary", "evidence"} & set(out.columns)
    # Titles on the sensitive GBV concern are withheld; others stay.
    assert out["title"].tolist() == ["Anti-narcotics task force", "Night patrols near schools",
                                     WITHHELD_TITLE, WITHHELD_TITLE]


def test_commitment_back_to_forum_and_concern(engine: sa.Engine, chain: Chain) -> None:
    ctx = commitment_context(engine=engine, commitment_id=chain.commitments["K2"],
                             today=TODAY).iloc[0]
    assert (ctx["edition"], ctx["held_on"], ctx["county"], ctx["region"]) == (
        "Pwani Edition", pd.Timestamp("2025-01-15"), "Mombasa", "Coast")
    assert (ctx["concern_external_id"], ctx["theme"]) == ("C1", "Drugs, illicit brews and "
                                                          "substance abuse")
    assert (ctx["title"], ctx["current_status"], ctx["version"]) == (
        "Night patrols near schools", "fulfilled", 1)
    # A concern from a chief's report has no forum; the chain still reaches the concern.
    k7 = commitment_context(engine=engine, commitment_id=chain.commitments["K7"],
                            today=TODAY).iloc[0]
    assert pd.isna(k7["edition"]) and k7["origin"] == "chief_report"
    assert k7["county"] == "Garissa"
    assert commitment_context(engine=engine, commitment_id=10_000, today=TODAY).empty


def test_commitment_history(engine: sa.Engine, chain: Chain) -> None:
    hist = commitment_history(engine=engine, commitment_ids=(chain.commitments["K5"],))
    # Ordered by date even though "stalled" was recorded after "not_fulfilled".
    assert hist["status"].tolist() == ["stalled", "not_fulfilled"]
    assert hist["updated_on"].tolist() == [pd.Timestamp("2025-04-01"),
                                           pd.Timestamp("2025-06-15")]
    assert hist["recorded_by"].tolist() == ["Test clerk", "Test clerk"]
    assert set(hist["source_kind"]) == {"capture"}
    pub = commitment_history(engine=engine, commitment_ids=(chain.commitments["K5"],),
                             public=True)
    assert not {"note", "evidence", "recorded_by"} & set(pub.columns)
    assert commitment_history(engine=engine, commitment_ids=()).empty


def test_commitment_choices_search(engine: sa.Engine, chain: Chain) -> None:
    assert len(commitment_choices(engine=engine)) == 9
    assert commitment_choices(engine=engine, search="PATROL")["external_id"].tolist() == ["K2"]
    by_id = commitment_choices(engine=engine, search=str(chain.commitments["K7"]))
    assert "K7" in by_id["external_id"].tolist()
    assert commitment_choices(engine=engine, search="100%").empty  # % is not a wildcard
    nairobi = commitment_choices(engine=engine, county_codes=("047",))
    assert nairobi["external_id"].tolist() == ["K9", "K6", "K5"]  # newest first
