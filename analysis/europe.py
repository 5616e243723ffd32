"""France's regions among Europe's regions: Eurostat's regional survey at NUTS levels (pure pandas).

The files hold no EU aggregate and no regional population, so every European reference here is a statistic
of the NUTS 2 regions themselves, each region counting once (unweighted). French NUTS 2 are the pre-2016
regions; each is labelled with the current region it belongs to.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.frames import rank
from loaders.codes import NUTS2_TO_REGION

NUTS_LEVELS = ("nuts0", "nuts1", "nuts2")
FINEST_FIRST = ("nuts2", "nuts1", "nuts0")
FRENCH_NUTS2 = tuple(sorted(NUTS2_TO_REGION))
TOP_DECILE = 0.9
# A year is compared across Europe when at least this share of the indicator's countries publish NUTS 2 values.
MOST_COUNTRIES = 0.5


def nuts_facts(facts: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The indicator's rows at NUTS levels: level, code, country, period, value, flag."""
    rows = facts[(facts["indicator"] == indicator) & facts["level"].isin(NUTS_LEVELS)]
    rows = rows[["level", "code", "period", "value", "flag"]].assign(country=rows["code"].str[:2])
    return rows.reset_index(drop=True)


def europe_indicators(facts: pd.DataFrame) -> list[str]:
    """Indicators with NUTS 2 values for more than one country (the European comparison needs several)."""
    nuts2 = facts[facts["level"] == "nuts2"]
    countries = nuts2.groupby("indicator")["code"].agg(lambda c: c.str[:2].nunique())
    return sorted(countries[countries > 1].index)


def comparable_periods(rows: pd.DataFrame) -> list[str]:
    """Years in which most of the indicator's countries publish NUTS 2 values, oldest first."""
    nuts2 = rows[rows["level"] == "nuts2"]
    per_year = nuts2.groupby("period")["country"].nunique()
    if per_year.empty:
        return []
    wanted = MOST_COUNTRIES * nuts2["country"].nunique()
    return sorted(per_year[per_year >= wanted].index)


def boundary_index(geojsons: Mapping[str, Mapping]) -> dict[str, dict[str, dict]]:
    """level -> code -> feature properties, from the snapshot's NUTS FeatureCollections."""
    return {level: {f["properties"]["code"]: f["properties"] for f in g["features"]} for level, g in geojsons.items()}


def map_units(rows: pd.DataFrame, period: str, boundaries: Mapping[str, Mapping[str, dict]]) -> pd.DataFrame:
    """One row per unit to draw: each country at the finest level it has that year (else in any year, else
    national), every unit of that level with a boundary, its value NaN when the year has none.

    boundaries: level -> code -> feature properties (name, country). Columns: code, level, country, name, value,
    flag. Countries with a boundary but no row in the file at all are drawn nationally, without value.
    """
    year = rows[rows["period"] == period]
    chosen: dict[str, str] = {}
    for frame in (year, rows):
        for level in FINEST_FIRST:
            for country in frame.loc[frame["level"] == level, "country"].unique():
                chosen.setdefault(country, level)
    for props in boundaries["nuts0"].values():
        chosen.setdefault(props["country"], "nuts0")
    units = pd.DataFrame(
        [
            {"code": code, "level": level, "country": props["country"], "name": props["name"]}
            for level in NUTS_LEVELS
            for code, props in boundaries[level].items()
            if chosen.get(props["country"]) == level
        ],
        columns=["code", "level", "country", "name"],
    )
    values = year[["code", "value", "flag"]]
    return units.merge(values, on="code", how="left", validate="one_to_one").sort_values("code", ignore_index=True)


def shown_levels(units: pd.DataFrame) -> dict[str, list[str]]:
    """Countries drawn with values at NUTS 1 and at national level, and those without any value: level -> countries."""
    with_data = units[units["value"].notna()]
    out = {
        level: sorted(with_data.loc[with_data["level"] == level, "country"].unique()) for level in ("nuts1", "nuts0")
    }
    out["none"] = sorted(set(units["country"]) - set(with_data["country"]))
    return out


def without_boundary(rows: pd.DataFrame, period: str, boundaries: Mapping[str, Mapping[str, dict]]) -> list[str]:
    """NUTS 2 codes with a value that year but no boundary in the snapshot (outermost regions, older NUTS codes)."""
    year = rows[(rows["period"] == period) & (rows["level"] == "nuts2")]
    return sorted(set(year["code"]) - set(boundaries["nuts2"]))


def regions_of_year(rows: pd.DataFrame, period: str) -> pd.DataFrame:
    """NUTS 2 regions with a value in the year: code, country, value, flag."""
    year = rows[(rows["period"] == period) & (rows["level"] == "nuts2")]
    return year[["code", "country", "value", "flag"]].sort_values("code", ignore_index=True)


def summary(values: pd.Series) -> dict[str, float]:
    """Unweighted median and top-decile threshold (9th decile, linear interpolation) of regions, and their number."""
    clean = values.dropna().to_numpy(dtype=float)
    if clean.size == 0:
        return {"n": 0, "median": float("nan"), "top_decile": float("nan")}
    return {
        "n": int(clean.size),
        "median": float(np.median(clean)),
        "top_decile": float(np.quantile(clean, TOP_DECILE)),
    }


def percentile(values: pd.Series, polarity: int) -> pd.Series:
    """Share of the other regions doing worse, in % (100 = best of all, 0 = last); ties count half."""
    worse = values.rank(ascending=polarity >= 0, method="min") - 1
    ties = values.map(values.value_counts()) - 1
    n = values.notna().sum()
    if n < 2:
        return pd.Series(np.nan, index=values.index)
    return 100 * (worse + ties / 2) / (n - 1)


def french_positions(regions: pd.DataFrame, polarity: int, labels: Mapping[str, str]) -> pd.DataFrame:
    """Each French NUTS 2 region with a value: code, name, value, flag, rank (1 = best) and percentile among
    all European NUTS 2 regions of the year, and n. labels: code -> display name."""
    ranked = regions.assign(rank=rank(regions["value"], polarity), percentile=percentile(regions["value"], polarity))
    french = ranked[ranked["code"].isin(FRENCH_NUTS2)].copy()
    french["name"] = french["code"].map(labels)
    french["n"] = int(regions["value"].notna().sum())
    columns = ["code", "name", "value", "flag", "rank", "percentile", "n"]
    return french[columns].sort_values("rank", ignore_index=True)


def reference_series(rows: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """European median and top-decile threshold of NUTS 2 regions per comparable year: period, median, top_decile, n."""
    nuts2 = rows[rows["level"] == "nuts2"]
    out = [{"period": p, **summary(nuts2.loc[nuts2["period"] == p, "value"])} for p in periods]
    return pd.DataFrame(out, columns=["period", "n", "median", "top_decile"])


def region_series(rows: pd.DataFrame, code: str, periods: list[str]) -> pd.DataFrame:
    """One NUTS 2 region against the European references, one row per year from the first comparable year to the
    last year with a value (region or reference); years without a survey stay as NaN rows, never filled.

    Columns: period, value, flag, median, top_decile.
    """
    own = rows[(rows["level"] == "nuts2") & (rows["code"] == code)][["period", "value", "flag"]]
    refs = reference_series(rows, periods)
    years = [int(p) for p in [*own["period"], *refs["period"]]]
    if not years:
        return pd.DataFrame(columns=["period", "value", "flag", "median", "top_decile"])
    first = int(periods[0]) if periods else min(years)
    span = pd.DataFrame({"period": [str(y) for y in range(first, max(years) + 1)]})
    out = span.merge(own, on="period", how="left")
    out = out.merge(refs[["period", "median", "top_decile"]], on="period", how="left")
    return out[["period", "value", "flag", "median", "top_decile"]]


def french_labels(nuts2: Mapping[str, Mapping], region_names: Mapping[str, str]) -> dict[str, str]:
    """French NUTS 2 code -> 'Bourgogne – Bourgogne-Franche-Comté' (a dash, so a picker's '(FRC1)' reads clearly); a
    NUTS 2 covering its region whole, or one without a boundary (overseas), takes the current region's name alone.

    nuts2: code -> feature properties (name); region_names: region code -> name.
    """
    covers: dict[str, int] = {}
    for region in NUTS2_TO_REGION.values():
        covers[region] = covers.get(region, 0) + 1
    out = {}
    for code, region in NUTS2_TO_REGION.items():
        current = region_names.get(region, code)
        own = nuts2.get(code, {}).get("name")
        out[code] = f"{own} – {current}" if own and covers[region] > 1 else current
    return out
