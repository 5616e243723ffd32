"""Ranking rules of analysis.frames on small frames of the tests' own."""

from __future__ import annotations

import pandas as pd

from analysis.frames import rank, selection_at


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


def test_a_selected_region_is_its_departments_on_a_department_map(synthetic_ds):
    """Region 53 is Bretagne, department 53 is Mayenne: a department map outlines Bretagne's departments."""
    terr = synthetic_ds.territories
    deps = terr[(terr["level"] == "department") & (terr["parent_code"] == "53")]["code"]
    assert selection_at(synthetic_ds, ["53"], "region") == ("53",)
    assert set(selection_at(synthetic_ds, ["53"], "department")) == set(deps) != set()
    assert selection_at(synthetic_ds, [], "department") == ()
