"""One region on every indicator: latest value, rank among the regions, gap to France, small trend.

Each indicator is read at its latest regional period, the same for every region, so ranks compare
like with like; a region without a value there keeps NaN (it is not replaced by an older figure).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.frames import indicators_for, rank, rankable, territory_slice
from loaders import Dataset
from loaders.codes import FRANCE

SPARK_MIN_PERIODS = 3


def _latest(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts of each indicator's latest period."""
    latest = facts.groupby("indicator")["period"].transform("max")
    return facts[facts["period"] == latest]


def _ranked(current: pd.DataFrame, polarity: pd.Series) -> pd.DataFrame:
    """rank (1 = best by polarity) and n (regions with a value), per indicator."""
    parts = []
    for indicator, rows in current.groupby("indicator", sort=False):
        rows = rows.assign(rank=rank(rows, int(polarity[indicator])), n=int(rankable(rows).notna().sum()))
        parts.append(rows)
    return pd.concat(parts, ignore_index=True) if parts else current.assign(rank=pd.NA, n=0)


def _sparks(facts: pd.DataFrame, code: str) -> pd.Series:
    """The region's values in period order, for indicators with at least SPARK_MIN_PERIODS regional periods."""
    counts = facts.groupby("indicator")["period"].nunique()
    long = counts[counts >= SPARK_MIN_PERIODS].index
    own = facts[(facts["code"] == code) & facts["indicator"].isin(long)].dropna(subset=["value"])
    return own.sort_values("period").groupby("indicator")["value"].agg(list)


def better_than_france(gap: pd.Series, polarity: pd.Series, decimals: pd.Series) -> pd.Series:
    """True / False by the indicator's polarity; None when neutral, unknown or equal at the published precision
    (a +0,0 gap is no advantage)."""
    rounded = pd.Series(
        [round(g, int(d)) if pd.notna(g) else np.nan for g, d in zip(gap, decimals, strict=True)], index=gap.index
    )
    signed = np.sign(rounded) * polarity
    return signed.map(lambda s: None if pd.isna(s) or s == 0 else bool(s > 0)).astype(object)


def region_profile(ds: Dataset, code: str) -> pd.DataFrame:
    """indicator, pillar, period, value, flag, rank, n, low, high, value_decimals, france, gap (value - France),
    better, spark — one row per indicator with regional data, in pillar order (labels, units and decimals are the
    indicator's: `ds.indicator(row.indicator)`)."""
    found = indicators_for(ds, ("region",))
    cat = pd.DataFrame(
        {"indicator": [i.id for i in found], "pillar": [i.pillar.value for i in found]},
        columns=["indicator", "pillar"],
    )
    polarity = pd.Series([i.polarity for i in found], index=cat["indicator"], dtype="int64")
    decimals = pd.Series([i.decimals for i in found], index=cat["indicator"], dtype="int64")
    f = ds.facts
    regional = f[f["level"] == "region"]
    current = _ranked(_latest(regional), polarity)
    periods = _latest(regional).drop_duplicates("indicator").set_index("indicator")["period"]
    mine = current[current["code"] == code].reindex(
        columns=["indicator", "value", "flag", "rank", "low", "high", "decimals"]
    )
    mine = mine.rename(columns={"decimals": "value_decimals"})  # the fact's published precision, not the indicator's
    out = cat.assign(
        period=cat["indicator"].map(periods), n=cat["indicator"].map(current.groupby("indicator")["n"].first())
    )
    out = out.merge(mine, on="indicator", how="left", validate="one_to_one")
    nation = f[(f["level"] == FRANCE[0]) & (f["code"] == FRANCE[1])][["indicator", "period", "value"]]
    out = out.merge(nation.rename(columns={"value": "france"}), on=["indicator", "period"], how="left")
    out["gap"] = out["value"] - out["france"]
    out["better"] = better_than_france(
        out["gap"], out["indicator"].map(polarity).to_numpy(), out["indicator"].map(decimals).to_numpy()
    )
    out["spark"] = out["indicator"].map(_sparks(regional, code))
    out["rank"] = out["rank"].astype("Int64")
    return out.reset_index(drop=True)


def region_departments(ds: Dataset, indicator: str, region: str, period: str) -> pd.DataFrame:
    """territory_slice of the region's departments, ranked among themselves (rank 1 of the region's n)."""
    frame = territory_slice(ds, indicator, "department", period)
    frame = frame[frame["parent_code"] == region].reset_index(drop=True)
    frame["rank"] = rank(frame, ds.indicator(indicator).polarity)
    return frame
