"""The infrastructure / usage fracture: pairing two indicators, quadrants around a reference, trend and r.

Pure pandas/numpy. "Ahead" always means "better than the reference" in the indicator's own sense:
for a polarity -1 indicator (higher is worse), a territory is ahead when its value is *lower*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

AHEAD, BEHIND, LEVEL = "ahead", "behind", "level"
KEEP = ["code", "name", "parent_code", "population"]


@dataclass(frozen=True)
class Trend:
    """Ordinary least squares line y = slope * x + intercept, and Pearson's r over n territories."""

    slope: float
    intercept: float
    r: float
    n: int


@dataclass(frozen=True)
class Reference:
    """The value quadrant lines are drawn at, and where it comes from ("france" or "median")."""

    value: float
    kind: str


def pair(x: pd.DataFrame, y: pd.DataFrame) -> pd.DataFrame:
    """Territories that have both values (x and y are territory slices of the same level).

    Columns: code, name, parent_code, population, x, x_flag, y, y_flag. A territory missing on either
    side is left out, never filled.
    """
    left = x[[*KEEP, "value", "flag"]].rename(columns={"value": "x", "flag": "x_flag"})
    right = y[["code", "value", "flag"]].rename(columns={"value": "y", "flag": "y_flag"})
    both = left.merge(right, on="code", how="inner", validate="one_to_one")
    return both.dropna(subset=["x", "y"]).sort_values("code", ignore_index=True)


def reference(values: pd.Series, france: float | None) -> Reference:
    """France's value when known; otherwise the median of the territories shown (kind says which)."""
    if france is not None and np.isfinite(france):
        return Reference(float(france), "france")
    return Reference(float(values.median()) if values.notna().any() else float("nan"), "median")


def _check(polarity: int) -> None:
    if polarity not in (1, -1):
        raise ValueError(f"polarity {polarity!r} has no better side: ahead/behind is undefined")


def standing(values: pd.Series, ref: float, polarity: int) -> pd.Series:
    """'ahead', 'behind' or 'level' with the reference, by polarity; missing values stay missing."""
    _check(polarity)
    diff = (values - ref) * polarity
    out = pd.Series(np.where(diff > 0, AHEAD, np.where(diff < 0, BEHIND, LEVEL)), index=values.index, dtype="str")
    return out.where(values.notna() & np.isfinite(ref))


def quadrant(paired: pd.DataFrame, x_ref: float, y_ref: float, x_polarity: int, y_polarity: int) -> pd.Series:
    """'<x standing>_<y standing>' for each territory, e.g. 'ahead_behind' = infrastructure ahead, usage behind."""
    xs = standing(paired["x"], x_ref, x_polarity)
    ys = standing(paired["y"], y_ref, y_polarity)
    return (xs + "_" + ys).where(xs.notna() & ys.notna())


def corner(high_x: bool, high_y: bool, x_polarity: int, y_polarity: int) -> tuple[str, str]:
    """The standings of the chart corner on the high/low side of each axis (for the corner labels)."""
    _check(x_polarity)
    _check(y_polarity)
    return (AHEAD if high_x == (x_polarity > 0) else BEHIND, AHEAD if high_y == (y_polarity > 0) else BEHIND)


def trend(x: pd.Series, y: pd.Series) -> Trend | None:
    """OLS line and Pearson r over the pairs with both values; None when fewer than 3 or no spread."""
    keep = x.notna() & y.notna()
    xv, yv = x[keep].to_numpy(float), y[keep].to_numpy(float)
    if len(xv) < 3 or np.ptp(xv) == 0 or np.ptp(yv) == 0:
        return None
    slope, intercept = np.polyfit(xv, yv, 1)
    r = np.corrcoef(xv, yv)[0, 1]
    return Trend(float(slope), float(intercept), float(r), len(xv))


def residuals(paired: pd.DataFrame, fit: Trend | None) -> pd.Series:
    """Each territory's vertical distance to the trend line (y minus the line's y at its x); NaN without a line."""
    if fit is None:
        return pd.Series(float("nan"), index=paired.index)
    return paired["y"] - (fit.slope * paired["x"] + fit.intercept)


def worth_labelling(paired: pd.DataFrame, highlight: Iterable[str], fit: Trend | None, n_far: int) -> pd.Series:
    """Which points get a text label: the highlighted ones and the n_far farthest from the trend line.

    Labelling every department would be unreadable; the outliers are the territories the fracture
    is about.
    """
    chosen = paired["code"].isin(list(highlight))
    if fit is None or n_far <= 0:
        return chosen
    residual = (paired["y"] - (fit.slope * paired["x"] + fit.intercept)).abs()
    far = residual.rank(ascending=False, method="first") <= n_far
    return chosen | far
