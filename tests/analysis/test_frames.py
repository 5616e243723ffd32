"""Ranking rules of analysis.frames on small frames of the tests' own."""

from __future__ import annotations

import pandas as pd

from analysis.frames import rank


def test_a_value_known_only_within_an_interval_and_flagged_weak_is_shown_but_not_ranked():
    frame = pd.DataFrame(
        {
            "value": [9.8, 5.0, 7.0, float("nan")],
            "flag": ["low_reliability", "estimate", "low_reliability", None],
            "low": [4.9, 4.0, float("nan"), float("nan")],
            "high": [14.8, 6.0, float("nan"), float("nan")],
        }
    )
    assert rank(frame, 1).tolist() == [pd.NA, 2, 1, pd.NA]
    assert rank(frame[["value"]], 1).tolist() == [1, 3, 2, pd.NA]
