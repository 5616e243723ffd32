"""Comparing a few regions with France: gaps on every indicator of a pillar, and their time series.

Each indicator is read at its latest regional period. The reference is France's value for that same
period; where France has none, the median of the regions stands in and `ref_kind` says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.frames import france_value, latest_period, series, territory_slice
from analysis.trends import period_grid, with_gaps
from loaders import Dataset
from loaders.catalogue import INDEX_PILLARS, Indicator, Unit
from loaders.codes import FRANCE

# The pillars a comparison runs over: those of the index (context says nothing about digital standing).
PILLARS = INDEX_PILLARS


def comparable(indicators: Iterable[Indicator]) -> list[Indicator]:
    """Indicators on which two territories can be compared: rates with a better side, order kept.

    Counts and shares of a national total (polarity 0) grow with a territory's size, and context
    indicators (population, area) say nothing about digital standing: both are left out.
    """
    return [ind for ind in indicators if ind.unit != Unit.COUNT and ind.polarity != 0 and ind.pillar in PILLARS]


def default_regions(current: Sequence[str], population: pd.Series, n: int = 2) -> tuple[str, ...]:
    """The session's regions, completed up to n with the most populous others (population: code -> people)."""
    chosen = list(dict.fromkeys(current))
    others = population.drop(labels=chosen, errors="ignore").sort_values(ascending=False, kind="stable")
    return tuple(chosen + list(others.index[: max(0, n - len(chosen))]))


def relative_gap(values: pd.Series, ref: float, polarity: int) -> tuple[pd.Series, pd.Series]:
    """(gap, score): the gap to the reference in % of it, and the same oriented so that positive = better.

    No reference (or a zero one) gives no gap rather than an infinite one.
    """
    if ref is None or not np.isfinite(ref) or ref == 0:
        empty = pd.Series(np.nan, index=values.index)
        return empty, empty
    gap = (values - ref) / abs(ref) * 100
    return gap, gap * (1 if polarity >= 0 else -1)


def gap_rows(ds: Dataset, indicators: Sequence[str], level: str = "region") -> pd.DataFrame:
    """Every territory of the level on each indicator's latest period, with its gap to the reference.

    Columns: indicator, period, code, name, value, flag, reference, ref_kind ('france' or 'median'),
    gap (in % of the reference) and score (gap oriented by polarity: positive = better than France).
    """
    parts = []
    for indicator in indicators:
        period = latest_period(ds, indicator, level)
        if period is None:
            continue
        rows = territory_slice(ds, indicator, level, period)
        france = france_value(ds, indicator, period)
        ref, kind = (france, "france") if france is not None else (float(rows["value"].median()), "median")
        gap, score = relative_gap(rows["value"], ref, ds.indicator(indicator).polarity)
        parts.append(
            rows[["code", "name", "value", "flag"]].assign(
                indicator=indicator, period=period, reference=ref, ref_kind=kind, gap=gap, score=score
            )
        )
    columns = ["indicator", "period", "code", "name", "value", "flag", "reference", "ref_kind", "gap", "score"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def compare_lines(ds: Dataset, indicator: str, regions: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(regions, france) long series (code, name, period, date, value, flag) on the regions' period grid.

    Missing periods are explicit NaN rows so a line breaks instead of bridging a gap.
    """
    grid = period_grid(sorted(series(ds, indicator, "region")["period"].unique()))
    lines = with_gaps(series(ds, indicator, "region", list(regions)), grid)
    nation = series(ds, indicator, FRANCE[0], [FRANCE[1]])
    nation = with_gaps(nation[nation["period"].isin(grid)], grid)
    return lines, nation
