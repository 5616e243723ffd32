"""Pairing, quadrants by polarity, OLS and Pearson r: checked against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.quadrants import corner, pair, quadrant, reference, standing, trend, worth_labelling


def slice_of(values: dict[str, float], flags: dict[str, str] | None = None) -> pd.DataFrame:
    """A territory slice as analysis.frames.territory_slice returns it (every territory, NaN when missing)."""
    codes = sorted(values)
    return pd.DataFrame(
        {
            "code": codes,
            "name": [f"Territoire {c}" for c in codes],
            "parent_code": ["R1" if c < "03" else "R2" for c in codes],
            "population": [1000.0 * (i + 1) for i in range(len(codes))],
            "value": [values[c] for c in codes],
            "flag": [(flags or {}).get(c, pd.NA) for c in codes],
        }
    )


def test_pair_keeps_only_territories_with_both_values():
    x = slice_of({"01": 10.0, "02": np.nan, "03": 30.0, "04": 40.0})
    y = slice_of({"01": 1.0, "02": 2.0, "03": np.nan, "04": 4.0}, flags={"04": "estimate"})
    paired = pair(x, y)
    assert paired["code"].tolist() == ["01", "04"]
    assert paired["x"].tolist() == [10.0, 40.0]
    assert paired["y"].tolist() == [1.0, 4.0]
    assert paired.loc[paired["code"] == "04", "y_flag"].item() == "estimate"
    assert paired["population"].tolist() == [1000.0, 4000.0]


def test_reference_is_france_when_known_else_the_median_of_the_values():
    values = pd.Series([1.0, 5.0, 2.0, np.nan])
    assert reference(values, 3.5).value == 3.5 and reference(values, 3.5).kind == "france"
    median = reference(values, None)
    assert median.kind == "median" and median.value == 2.0
    assert reference(values, float("nan")).kind == "median"
    assert math.isnan(reference(pd.Series([np.nan]), None).value)


def test_standing_follows_polarity_and_keeps_missing_missing():
    values = pd.Series([12.0, 8.0, 10.0, np.nan])
    assert standing(values, 10.0, 1).tolist()[:3] == ["ahead", "behind", "level"]
    assert standing(values, 10.0, -1).tolist()[:3] == ["behind", "ahead", "level"]
    assert pd.isna(standing(values, 10.0, 1).iloc[3])
    assert standing(values, float("nan"), 1).isna().all()


def test_polarity_zero_has_no_better_side():
    with pytest.raises(ValueError):
        standing(pd.Series([1.0]), 0.0, 0)
    with pytest.raises(ValueError):
        corner(True, True, 1, 0)


def test_quadrants_of_four_hand_placed_points():
    frame = pd.DataFrame({"x": [10.0, 30.0, 10.0, 30.0, np.nan], "y": [5.0, 5.0, 15.0, 15.0, 15.0]})
    both_up = quadrant(frame, 20.0, 10.0, 1, 1).tolist()
    assert both_up[:4] == ["behind_behind", "ahead_behind", "behind_ahead", "ahead_ahead"]
    assert pd.isna(both_up[4])
    # Illectronism-like y (higher is worse): high y is 'behind'.
    y_down = quadrant(frame, 20.0, 10.0, 1, -1).tolist()
    assert y_down[:4] == ["behind_ahead", "ahead_ahead", "behind_behind", "ahead_behind"]


def test_corner_labels_depend_on_polarity():
    assert corner(True, True, 1, 1) == ("ahead", "ahead")
    assert corner(True, False, 1, 1) == ("ahead", "behind")
    assert corner(True, True, 1, -1) == ("ahead", "behind")
    assert corner(False, False, -1, -1) == ("ahead", "ahead")


def test_trend_matches_a_hand_computation():
    # x̄ = 3, ȳ = 3.4, Σdxdy = 12, Σdx² = 10, Σdy² = 21.2 -> slope 1.2, intercept -0.2, r = 12 / √212.
    x = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, np.nan, 7.0])
    y = pd.Series([2.0, 1.0, 4.0, 3.0, 7.0, 9.0, np.nan])
    fit = trend(x, y)
    assert fit is not None and fit.n == 5
    assert fit.slope == pytest.approx(1.2)
    assert fit.intercept == pytest.approx(-0.2)
    assert fit.r == pytest.approx(12 / math.sqrt(212))


def test_perfect_negative_line_has_r_minus_one():
    fit = trend(pd.Series([1.0, 2.0, 3.0, 4.0]), pd.Series([8.0, 6.0, 4.0, 2.0]))
    assert fit.slope == pytest.approx(-2.0) and fit.intercept == pytest.approx(10.0) and fit.r == pytest.approx(-1.0)


def test_no_trend_with_too_few_points_or_no_spread():
    assert trend(pd.Series([1.0, 2.0]), pd.Series([1.0, 2.0])) is None
    assert trend(pd.Series([2.0, 2.0, 2.0]), pd.Series([1.0, 2.0, 3.0])) is None
    assert trend(pd.Series([1.0, 2.0, np.nan]), pd.Series([1.0, np.nan, 3.0])) is None


def test_labels_go_to_the_highlighted_and_the_farthest_from_the_trend():
    frame = pd.DataFrame(
        {"code": ["a", "b", "c", "d", "e"], "x": [1.0, 2.0, 3.0, 4.0, 5.0], "y": [1.0, 2.0, 9.0, 4.0, 5.0]}
    )
    fit = trend(frame["x"], frame["y"])
    labelled = worth_labelling(frame, ["a"], fit, n_far=1)
    assert labelled.tolist() == [True, False, True, False, False], "a highlighted, c far above the line"
    assert worth_labelling(frame, [], None, n_far=3).sum() == 0


def test_residuals_are_the_vertical_distances_to_the_line():
    import pandas as pd

    from analysis.quadrants import Trend, residuals

    paired = pd.DataFrame({"x": [0.0, 1.0, 2.0, None], "y": [1.0, 4.0, 4.0, 3.0]})
    got = residuals(paired, Trend(slope=2.0, intercept=1.0, r=0.9, n=3))
    assert got.iloc[:3].tolist() == [0.0, 1.0, -1.0]
    assert pd.isna(got.iloc[3])
    assert residuals(paired, None).isna().all()
