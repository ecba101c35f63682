"""Small-count suppression happens in the data layer (docs/METHODS.md, "Public audience")."""

import pandas as pd

from data_access.privacy import drop_free_text, suppress_counts
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
