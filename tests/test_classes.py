"""Map legend classes are fixed: a value always gets the same class and colour."""

import math

import pandas as pd

from charts.classes import NO_DATA, RATE_SCHEME, SUPPRESSED


def test_rate_classes_are_fixed_and_lower_edge_inclusive():
    values = pd.Series([0, 9.99, 10, 99.9, 100, 400, 5000, math.nan])
    assert RATE_SCHEME.classify(values).tolist() == [
        "0–10", "0–10", "10–25", "50–100", "100–200", "400+", "400+", NO_DATA]


def test_same_value_same_colour_whatever_else_is_on_the_map():
    alone = RATE_SCHEME.classify(pd.Series([120.0])).iloc[0]
    with_others = RATE_SCHEME.classify(pd.Series([1.0, 120.0, 9000.0])).iloc[1]
    assert alone == with_others == "100–200"
    assert RATE_SCHEME.color_map()[alone] == "#fd8d3c"


def test_suppressed_values_get_their_own_grey_class():
    out = RATE_SCHEME.classify(pd.Series([150.0, math.nan]), suppressed=pd.Series([False, True]))
    assert out.tolist() == ["100–200", SUPPRESSED]
    assert RATE_SCHEME.order()[-2:] == [SUPPRESSED, NO_DATA]
