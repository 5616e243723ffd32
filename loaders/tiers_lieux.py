"""Tiers-lieux (coworkings, fablabs, third places) per region: the 2023 France Tiers-Lieux census shares, an
estimate per inhabitant derived from them, and the partial 2018 Mission Coworking counts. France's values come
from the national totals of the same censuses (about 3 500 in 2023, 1 463 identified in 2018), never from the
regional rows, which are rounded shares or a partial list.

The 2018 and 2023 censuses use different definitions and methods (DESIGN.md §6): they are separate
indicators, never one chained series.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, region_code
from loaders.io import SourceFormatError, read_csv, to_number
from loaders.precision import published_decimals
from loaders.tidy import tidy

if TYPE_CHECKING:
    from loaders.context import BuildContext

PANORAMA_FILE = "tiers_lieux/francetierslieux_panorama2023_repartition_regionale.csv"
COUNTS_FILE = "tiers_lieux/tiers_lieux_comptages_regionaux_autres_sources.csv"
NATIONAL_FILE = "tiers_lieux/tiers_lieux_chiffres_nationaux_2018_2023.csv"
# The national figure of the same census as the 2018 regional counts: places identified (not the ~1 800 estimated).
NATIONAL_2018_INDICATOR = "tiers_lieux_identified"
CENSUS_YEAR = "2023"
# The 2018 census rows are those whose definition note names it ("idem" rows repeat the row above).
MISSION_COWORKING = "Mission Coworking 2018"
# The panorama prints shares rounded to 1 %: a whole share s stands for [s - 0.5, s + 0.5] (Corse's 1 %: 0.5 to
# 1.5 %). The four overseas shares transcribed as 0.5 (Guadeloupe, Guyane, Mayotte) and 0.3 (Martinique) are the
# only non-whole values of that list, and no rounding to 1 % prints them: they are read as "under 1 %", anywhere in
# (0, 1) %, stored as the bounds 0 and 1 (the shares add up to 100.8, not 100, so they are not a finer measure).
SHARE_UNIT = 1.0
# Shares at or below this (%) are too coarse to rank on: ±0.5 point is a third of the value or more.
LOW_RELIABILITY_SHARE = 2.0


def share_bounds(shares: pd.Series, path: object = PANORAMA_FILE) -> tuple[pd.Series, pd.Series]:
    """The interval each published share (%) allows: [s - 0.5, s + 0.5] for whole shares, [0, 1] below 1 %.

    A share of 1 % or more that is not a whole number would follow another rounding rule: refused, not guessed.
    """
    below = shares < SHARE_UNIT
    odd = shares[~below & (shares % SHARE_UNIT != 0)]
    if not odd.empty or (shares <= 0).any():
        raise SourceFormatError(
            f"{path}: shares are expected as whole percentages, or above 0 and below 1 %; found "
            f"{sorted(set(odd) | set(shares[shares <= 0]))}"
        )
    half = SHARE_UNIT / 2
    low = (shares - half).where(~below, 0.0)
    high = (shares + half).where(~below, SHARE_UNIT)
    return low, high


def census_shares(ctx: BuildContext) -> pd.DataFrame:
    """The 2023 regional shares (%) as published, with the interval their rounding allows, the decimals they were
    printed with, and the national total they refer to. Shares of 2 % or less are flagged low_reliability."""
    path = ctx.file(PANORAMA_FILE)
    raw = read_csv(path, ["census_year", "region_code_insee", "share_pct", "national_total"])
    if set(raw["census_year"]) != {CENSUS_YEAR}:
        raise SourceFormatError(f"{path}: column 'census_year' holds {sorted(set(raw['census_year']))}")
    shares = pd.DataFrame(
        {
            "level": "region",
            "code": raw["region_code_insee"].map(region_code),
            "period": CENSUS_YEAR,
            "value": to_number(raw["share_pct"], path),
            "decimals": published_decimals(raw["share_pct"]),
            "national_total": to_number(raw["national_total"], path),
        }
    ).dropna(subset=["value"])
    shares["low"], shares["high"] = share_bounds(shares["value"], path)
    shares["flag"] = pd.Series(pd.NA, index=shares.index, dtype="string").mask(
        shares["value"] <= LOW_RELIABILITY_SHARE, "low_reliability"
    )
    return shares


def estimated_counts(shares: pd.DataFrame) -> pd.DataFrame:
    """Shares turned into estimated counts (share × national total), bounds included, France's total added.

    France is the national total itself (100 % by definition), not the sum of rounded shares; that total is
    "about 3 500" with no stated rounding, so it carries no bounds.
    """
    totals = shares["national_total"].unique()
    if len(totals) != 1:
        raise SourceFormatError(f"{PANORAMA_FILE}: one national total expected, found {sorted(totals)}")
    counts = shares.assign(**{c: shares[c] / 100 * shares["national_total"] for c in ("value", "low", "high")})
    france = pd.DataFrame(
        {"level": [FRANCE_LEVEL], "code": FRANCE_CODE, "period": CENSUS_YEAR, "value": totals[0], "flag": pd.NA}
    )
    columns = ["level", "code", "period", "value", "low", "high", "flag"]
    return pd.concat([counts[columns], france], ignore_index=True)


def per_inhabitant(ctx: BuildContext, shares: pd.DataFrame) -> pd.DataFrame:
    """Estimated counts divided by the 2023 legal population, per 100 000; the bounds scale with the value.

    Every value is an estimate; those from shares of 2 % or less are flagged low_reliability instead.
    """
    counts = estimated_counts(shares)
    rates = ctx.per_capita(counts[["level", "code", "period", "value"]], 100_000)
    scale = rates["value"].to_numpy() / counts["value"].to_numpy()
    flag = counts["flag"].astype("string").fillna("estimate")
    return rates.assign(low=counts["low"] * scale, high=counts["high"] * scale, flag=flag.to_numpy())


def counts_2018(ctx: BuildContext) -> pd.DataFrame:
    """The 2018 Mission Coworking regional counts; rows noted "idem" share the definition of the row above."""
    path = ctx.file(COUNTS_FILE)
    raw = read_csv(path, ["period", "region_code_insee", "count", "definition_note"])
    definition = raw["definition_note"].mask(raw["definition_note"].str.strip().str.lower() == "idem").ffill()
    rows = raw[(raw["period"] == "2018") & definition.str.contains(MISSION_COWORKING, regex=False)]
    return pd.DataFrame(
        {
            "level": "region",
            "code": rows["region_code_insee"].map(region_code),
            "period": rows["period"],
            "value": to_number(rows["count"], path),
        }
    ).dropna(subset=["value"])


def national_count_2018(ctx: BuildContext) -> pd.DataFrame:
    """France's 2018 count of tiers-lieux identified by the Mission Coworking, as published."""
    path = ctx.file(NATIONAL_FILE)
    raw = read_csv(path, ["indicator", "year", "value", "unit"])
    rows = raw[(raw["indicator"] == NATIONAL_2018_INDICATOR) & (raw["year"] == "2018")]
    if len(rows) != 1 or set(rows["unit"]) != {"count"}:
        raise SourceFormatError(f"{path}: one 2018 {NATIONAL_2018_INDICATOR!r} count expected, found {len(rows)}")
    return pd.DataFrame(
        {"level": FRANCE_LEVEL, "code": FRANCE_CODE, "period": rows["year"], "value": to_number(rows["value"], path)}
    )


def facts(ctx: BuildContext) -> pd.DataFrame:
    """Tiers-lieux indicators in the tidy fact shape."""
    shares = census_shares(ctx)
    return pd.concat(
        [
            tidy(shares, "tiers_lieux_share_2023"),
            tidy(per_inhabitant(ctx, shares), "tiers_lieux_per_100k"),
            tidy(pd.concat([counts_2018(ctx), national_count_2018(ctx)]), "tiers_lieux_count_2018"),
        ],
        ignore_index=True,
    )
