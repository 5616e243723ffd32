"""Time series for the 'Évolution' page: regions and France on a regular period grid, strategy milestones.

A period a territory lacks becomes an explicit missing row, so a line shows a gap instead of a
straight segment drawn across the missing year (Eurostat has no French regional data for 2020).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.frames import in_pillar_order, periods, series
from loaders import Dataset
from loaders.catalogue import Pillar, Unit
from loaders.codes import FRANCE


def period_grid(found: Iterable[str]) -> list[str]:
    """Every period expected between the first and last one: all years, all quarter ends or all month ends.

    Irregular dated observations (snapshots on arbitrary days) are kept as they are: nothing is expected
    between them, so nothing is missing.
    """
    found = sorted(set(found))
    if not found:
        return []
    if all(len(p) == 4 for p in found):
        return [str(y) for y in range(int(found[0]), int(found[-1]) + 1)]
    dates = pd.to_datetime(pd.Series(found), format="%Y-%m-%d")
    if not dates.dt.is_month_end.all():
        return found
    freq = "QE-DEC" if dates.dt.month.isin([3, 6, 9, 12]).all() else "ME"
    return [d.strftime("%Y-%m-%d") for d in pd.date_range(dates.iloc[0], dates.iloc[-1], freq=freq)]


def with_gaps(frame: pd.DataFrame, grid: Sequence[str]) -> pd.DataFrame:
    """frame (code, name, period, value, flag) reindexed on grid per territory: missing periods get NaN rows."""
    if frame.empty:
        return frame.assign(date=pd.Series(dtype="datetime64[ns]"))
    names = frame.drop_duplicates("code").set_index("code")["name"]
    full = pd.MultiIndex.from_product([names.index, list(grid)], names=["code", "period"])
    out = frame.set_index(["code", "period"])[["value", "flag"]].reindex(full).reset_index()
    out["name"] = out["code"].map(names)
    out["date"] = period_dates(out["period"])
    return out[["code", "name", "period", "date", "value", "flag"]]


def period_dates(values: pd.Series) -> pd.Series:
    """'2021' -> 2021-01-01, '2022-09-30' -> that day: the position of a period on a time axis."""
    return pd.to_datetime(values.where(values.str.len() > 4, values + "-01-01"), format="%Y-%m-%d")


def trend_lines(ds: Dataset, indicator: str, level: str = "region") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(territories, france): both long (code, name, period, date, value, flag) on the territories' grid.

    France is cut to the territories' period range, so both lines cover the same years.
    """
    grid = period_grid(periods(ds, indicator, level))
    lines = with_gaps(series(ds, indicator, level), grid)
    nation = series(ds, indicator, FRANCE[0], [FRANCE[1]])
    nation = with_gaps(nation[nation["period"].isin(grid)], grid) if grid else nation
    return lines, nation


def wide(*frames: pd.DataFrame) -> pd.DataFrame:
    """One row per period, one column per territory name (for the table twin); gaps stay empty."""
    long = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    return long.pivot(index="period", columns="name", values="value").sort_index().reset_index()


def up_to(frame: pd.DataFrame, period: str | None) -> pd.DataFrame:
    """frame with the values after `period` blanked (None: all kept). Rows stay, so a chart keeps its time axis
    while a player steps through the periods."""
    if period is None or frame.empty:
        return frame
    shown = frame["date"] <= period_dates(pd.Series([period])).iloc[0]
    return frame.assign(value=frame["value"].where(shown), flag=frame["flag"].where(shown))


def observed_range(lines: pd.DataFrame) -> tuple[str, str] | None:
    """First and last period with a value."""
    seen = lines.loc[lines["value"].notna(), "period"]
    return (seen.min(), seen.max()) if len(seen) else None


def latest_points(lines: pd.DataFrame) -> pd.DataFrame:
    """Each territory's last observed point (code, name, period, date, value): where its end label goes."""
    seen = lines.dropna(subset=["value"]).sort_values("date")
    return seen.groupby("code", sort=True).tail(1).reset_index(drop=True)


def value_at(line: pd.DataFrame, dates: pd.Series) -> pd.Series:
    """A territory's line (on its grid, gaps as NaN) read at dates, interpolated between neighbouring periods.

    NaN outside the line's range and inside a gap: a marker never floats where no line is drawn.
    """
    line = line.sort_values("date")
    xs = line["date"].to_numpy("datetime64[D]").astype("int64")
    values = line["value"].to_numpy(dtype=float)
    targets = dates.to_numpy("datetime64[D]").astype("int64")
    if len(xs) == 0:
        return pd.Series(np.nan, index=dates.index)
    read = np.interp(targets, xs, values)  # NaN whenever a neighbour is missing
    exact = np.searchsorted(xs, targets).clip(0, len(xs) - 1)
    read = np.where(xs[exact] == targets, values[exact], read)
    inside = (targets >= xs[0]) & (targets <= xs[-1])
    return pd.Series(np.where(inside, read, np.nan), index=dates.index)


def milestones(ds: Dataset, lines: pd.DataFrame, regions: Sequence[str] = ()) -> pd.DataFrame:
    """Strategy milestones of the 2017 article (of `regions`, or all when empty), placed on the regions' lines.

    Adds `date` (Timestamp) and `y`: the region's value interpolated at that date, NaN when the milestone
    falls outside the observed series (most milestones predate the first FttH figure of December 2017).
    """
    found = ds.strategies.copy()
    if regions:
        found = found[found["region_code"].isin(regions)]
    found["date"] = pd.to_datetime(found["date"], format="%Y-%m-%d")
    found["y"] = np.nan
    for code, rows in found.groupby("region_code"):
        found.loc[rows.index, "y"] = value_at(lines[lines["code"] == code], rows["date"])
    return found.sort_values(["date", "region_code"], ignore_index=True)


def timeline_indicators(ds: Dataset, level: str = "region", min_periods: int = 3) -> list[str]:
    """Indicators with more than two periods at the level, in pillar order.

    Left out: indicators drawn on their own chart (FttH), context, and raw counts (regions of 0.3 and 12 million
    people are not compared on counts; their per-capita twins are).
    """
    f = ds.facts[ds.facts["level"] == level]
    counts = f.groupby("indicator")["period"].nunique()
    long = set(counts[counts >= min_periods].index)
    kept = [
        ind
        for ind in ds.indicators.values()
        if ind.id in long and not ind.presentation.own_chart and ind.pillar != Pillar.CONTEXT and ind.unit != Unit.COUNT
    ]
    return [ind.id for ind in in_pillar_order(kept)]


def own_charts(ds: Dataset) -> list[str]:
    """Indicators Évolution draws on a chart of their own (with their breaks and milestones), in pillar order."""
    return [ind.id for ind in in_pillar_order([i for i in ds.indicators.values() if i.presentation.own_chart])]
