"""Small-count suppression happens in the data layer (docs/METHODS.md, "Public audience")."""

import numpy as np
import pandas as pd
import pytest

from data_access import privacy
from data_access.privacy import (
    audience_counts,
    drop_free_text,
    protect_cells,
    shown_text,
    suppress_counts,
    uncertain,
)
from data_access.safe_csv import neutralise_formulas, to_csv_bytes


def _frame():
    return pd.DataFrame({"county": ["A", "B", "C", "D"], "count": [0, 3, 4, 12],
                         "rate": [0.0, 1.5, 2.0, 6.0]})


def test_public_mode_hides_counts_1_to_4_and_their_rates():
    out = suppress_counts(_frame(), ["count"], public=True, dependents={"count": ["rate"]})
    assert out["count_display"].tolist() == ["0", "<5", "<5", "12"]
    assert out["count"].isna().tolist() == [False, True, True, False]
    assert out["rate"].isna().tolist() == [False, True, True, False]


def test_internal_mode_shows_counts_except_sensitive_rows():
    sensitive = pd.Series([False, True, False, True])
    out = suppress_counts(_frame(), ["count"], public=False, sensitive=sensitive)
    assert out["count_display"].tolist() == ["0", "<5", "4", "12"]


def test_threshold_is_configurable():
    out = suppress_counts(_frame(), ["count"], public=True, threshold=10)
    assert out["count_display"].tolist() == ["0", "<10", "<10", "12"]


def test_free_text_never_reaches_a_public_screen():
    df = pd.DataFrame({"title": ["x"], "summary": ["named person"], "notes": ["n"]})
    assert list(drop_free_text(df, public=True).columns) == ["title"]
    assert list(drop_free_text(df, public=False).columns) == ["title", "summary", "notes"]


def test_csv_neutralises_formulas_but_keeps_numbers():
    df = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "Kisumu"],
                       "count": [-1, 2, 3, 4, 5]})
    out = neutralise_formulas(df)
    assert out["name"].tolist() == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "Kisumu"]
    assert out["count"].tolist() == [-1, 2, 3, 4, 5]
    assert to_csv_bytes(df).startswith(b"\xef\xbb\xbfname,count")


def test_protected_cells_enter_totals_as_the_middle_of_1_to_4():
    cells = pd.DataFrame({"count": [0, 1, 4, 5, 30]})
    out = protect_cells(cells, ["count"])
    assert list(out["count"]) == [0, 2.5, 2.5, 5, 30]
    assert list(out["count_hidden"]) == [0, 1, 1, 0, 0]
    # Internal: true counts, nothing flagged.
    inside = protect_cells(cells, ["count"], applies=False)
    assert list(inside["count"]) == [0, 1, 4, 5, 30] and inside["count_hidden"].sum() == 0


@pytest.mark.parametrize(("value", "hidden", "text"), [
    (np.nan, 0, ""), (0, 0, "0"), (2.5, 1, "<5"), (130, 0, "130"),
    (127.5, 3, "≈130"),  # 120 shown + three hidden: 123–132, within a tenth of it
    (5, 2, "2–8"),  # two hidden cells and nothing else: the range they allow
    (30, 12, "12–48"), (1227.5, 30, "≈1,230"),
])
def test_shown_text_says_what_the_shown_cells_allow(value, hidden, text):
    assert shown_text(value, hidden) == text


def test_secondary_protection_off_shows_exact_sums(monkeypatch):
    monkeypatch.setattr(privacy, "SECONDARY", False)
    out = protect_cells(pd.DataFrame({"count": [3, 20]}), ["count"])
    assert list(out["count"]) == [3, 20] and list(out["count_hidden"]) == [1, 0]
    assert shown_text(23, 1) == "23"


def test_audience_counts_drop_what_is_derived_from_an_uncertain_count():
    frame = pd.DataFrame({"count": [2.5, 5.0, 127.5], "count_hidden": [1, 2, 3],
                          "rate": [1.0, 2.0, 3.0]})
    out = audience_counts(frame, ["count"], public=True, dependents={"count": ["rate"]})
    assert list(out["count_display"]) == ["<5", "2–8", "≈130"]
    assert out["count"].isna().tolist() == [True, False, False]
    assert out["rate"].isna().tolist() == [True, True, False]
    assert uncertain(out["count_display"]).tolist() == [True, True, False]


@pytest.mark.parametrize("threshold", [5, 10])
def test_a_hidden_count_reads_as_the_threshold_says_everywhere(monkeypatch, threshold):
    """The data layer's text and the setting the charts read agree, at any threshold."""
    from charts.chiefs import DEFAULT_WORDS
    from config import get_settings

    monkeypatch.setenv("JUKWAA_SUPPRESS_BELOW", str(threshold))
    assert get_settings().hidden_text == f"<{threshold}"
    assert shown_text(1) == shown_text(threshold - 1) == get_settings().hidden_text
    assert "hidden" not in DEFAULT_WORDS  # read from the setting when a chart is drawn
