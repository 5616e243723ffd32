"""Slices of the tidy facts that pages and charts ask for, with ranks and France's value."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from loaders import Dataset
from loaders.catalogue import PILLARS, Indicator
from loaders.codes import FRANCE


def france_reference(ind: Indicator, france: float | None) -> float | None:
    """France's value as a reference line for territories: None for totals (counts; shares of a total have none)."""
    return None if ind.is_total else france


def periods(ds: Dataset, indicator: str, level: str) -> list[str]:
    """Periods with at least one value for this indicator at this level, oldest first."""
    rows = ds.facts[(ds.facts["indicator"] == indicator) & (ds.facts["level"] == level)]
    return sorted(rows["period"].unique())


def available_levels(ds: Dataset, indicator: str) -> list[str]:
    """French levels (region, department) that have data for the indicator."""
    levels = set(ds.facts.loc[ds.facts["indicator"] == indicator, "level"])
    return [lv for lv in ("region", "department") if lv in levels]


def in_pillar_order(indicators: list[Indicator]) -> list[Indicator]:
    """Indicators by pillar (the catalogue's one order), then by id."""
    return sorted(indicators, key=lambda ind: (PILLARS.index(ind.pillar), ind.id))


def indicators_for(ds: Dataset, levels: tuple[str, ...] = ("region", "department")) -> list[Indicator]:
    """The indicators that have data at one of the levels, in pillar order."""
    ids = set(ds.facts.loc[ds.facts["level"].isin(levels), "indicator"])
    return in_pillar_order([ind for ind in ds.indicators.values() if ind.id in ids])


def rankable(frame: pd.DataFrame | pd.Series) -> pd.Series:
    """The values a ranking may use: one known only within a wide interval (a rounded share flagged low
    reliability, e.g. Corse's 1 % of tiers-lieux) is shown with its range but not ranked. A bare Series of values
    is used as it is."""
    if isinstance(frame, pd.Series):
        return frame
    if not {"flag", "low"} <= set(frame.columns):
        return frame["value"]
    vague = (frame["flag"] == "low_reliability").fillna(False) & frame["low"].notna()
    return frame["value"].mask(vague)


def rank(frame: pd.DataFrame | pd.Series, polarity: int) -> pd.Series:
    """Rank 1 = best: highest value unless higher is worse. Missing and unrankable values get no rank."""
    ascending = polarity < 0
    return rankable(frame).rank(ascending=ascending, method="min").astype("Int64")


def territory_slice(ds: Dataset, indicator: str, level: str, period: str) -> pd.DataFrame:
    """Every territory of the level (missing ones kept, value NaN), with value, flag, rank and population."""
    terr = ds.territories[ds.territories["level"] == level][["code", "name", "parent_code", "population"]]
    facts = ds.facts[
        (ds.facts["indicator"] == indicator) & (ds.facts["level"] == level) & (ds.facts["period"] == period)
    ].reindex(columns=["code", "value", "flag", "low", "high", "decimals"])
    out = terr.merge(facts, on="code", how="left", validate="one_to_one")
    out["rank"] = rank(out, ds.indicator(indicator).polarity)
    return out.sort_values("code", ignore_index=True)


def france_value(ds: Dataset, indicator: str, period: str) -> float | None:
    """France's value for the period, when the sources give or allow it (stored as nuts0 FR)."""
    f = ds.facts
    row = f[
        (f["indicator"] == indicator) & (f["level"] == FRANCE[0]) & (f["code"] == FRANCE[1]) & (f["period"] == period)
    ]
    return None if row.empty else float(row["value"].iloc[0])


def series(ds: Dataset, indicator: str, level: str, codes: list[str] | None = None) -> pd.DataFrame:
    """Time series of an indicator for some territories (all if codes is None), with names."""
    f = ds.facts
    rows = f[(f["indicator"] == indicator) & (f["level"] == level)]
    if codes is not None:
        rows = rows[rows["code"].isin(codes)]
    names = ds.territories[ds.territories["level"] == level][["code", "name"]]
    if level == FRANCE[0]:
        names = pd.DataFrame({"code": [FRANCE[1]], "name": ["France"]})
    out = rows.merge(names, on="code", how="left")
    return out[["code", "name", "period", "value", "flag"]].sort_values(["code", "period"], ignore_index=True)


def latest_period(ds: Dataset, indicator: str, level: str) -> str | None:
    found = periods(ds, indicator, level)
    return found[-1] if found else None


def france_latest(ds: Dataset, indicator: str) -> pd.Series | None:
    """France's most recent fact of an indicator (period, value, its published decimals when they vary)."""
    f = ds.facts
    rows = f[(f["indicator"] == indicator) & (f["level"] == FRANCE[0]) & (f["code"] == FRANCE[1]) & f["value"].notna()]
    if rows.empty:
        return None
    return rows.sort_values("period").iloc[-1]


def value_range(ds: Dataset, indicator: str, level: str) -> tuple[float, float]:
    """Smallest and largest value over every period: one colour scale for the whole time slider."""
    values = ds.facts.loc[(ds.facts["indicator"] == indicator) & (ds.facts["level"] == level), "value"]
    return float(values.min()), float(values.max())


def change(ds: Dataset, indicator: str, level: str, start: str, end: str) -> tuple[pd.DataFrame, str]:
    """Each territory's change between two periods, ranked like the indicator (a better change ranks first), and
    its unit: points for a rate in %, else % of the start value. A value missing at either date gives no change;
    a flag at either date is kept (the end's first)."""
    first = territory_slice(ds, indicator, level, start).set_index("code")
    out = territory_slice(ds, indicator, level, end).drop(columns=["low", "high", "decimals"])
    before = out["code"].map(first["value"])
    ind = ds.indicator(indicator)
    percent = ind.is_percent
    out["value"] = out["value"] - before if percent else (out["value"] / before - 1) * 100
    out["flag"] = out["flag"].where(out["flag"].notna() & (out["flag"] != ""), out["code"].map(first["flag"]))
    out["rank"] = rank(out, ind.polarity)
    return out, "points" if percent else "%"


def selection_at(ds: Dataset, regions: Sequence[str], level: str) -> tuple[str, ...]:
    """The codes at `level` that stand for the selected regions: the regions themselves, or their departments on a
    department map (a region code is also a department's code: 53 Bretagne, 53 Mayenne)."""
    if level == "region":
        return tuple(regions)
    deps = ds.territories[(ds.territories["level"] == "department") & ds.territories["parent_code"].isin(regions)]
    return tuple(deps["code"])
