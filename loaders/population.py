"""Territories (18 regions, 101 departments), legal populations and areas (INSEE via Etalab).

Per-capita rates use one population per date (`per_capita`): the legal population of vintage N is the population
on 1 January N, dates between two vintages get the linear interpolation by day, dates after the latest vintage
keep the latest (no extrapolation) and dates before the first keep the first. Regions and France have the
interpolation of their own vintages, which equals the sum of their departments' interpolations (same dates).

Vintages used: 2020, 2022 and 2023 (the three legal-population publications of the file). The reference files also
carry the 2015 and 2021 municipal populations of Insee's comparateur de territoires (same concept, another
publication, no Mayotte): not used, so that the population series comes from one publication. Between 2020 and
2022 the interpolation differs from those 2021 figures by at most 0.55 % (Eure), 0.08 % on average.

Mayotte: the package repeats the 2017 census (256 518) in every vintage. Insee's estimates (300 000 on 1 January
2022, 310 000 on 1 January 2023) replace it for the department 976 and the region 06 (the same territory), and 2020
is interpolated by day between the census (1 September 2017) and the 2022 estimate; all flagged as estimates.
France, the sum of the 101 departments, includes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from loaders.codes import FRANCE_CODE, FRANCE_LEVEL
from loaders.io import SourceFormatError, read_csv, to_number
from loaders.tidy import tidy

if TYPE_CHECKING:
    from loaders.context import BuildContext

REGIONS_FILE = "population/fr_regions_reference.csv"
DEPARTMENTS_FILE = "population/fr_departements_reference.csv"
LEGAL_FILE = "population/fr_population_legale_2020_2022_2023_long.csv"
MAYOTTE_FILE = "population/insee_mayotte_population_estimates.csv"
MAYOTTE = {"department": "976", "region": "06"}
ESTIMATE = "estimate"
LATEST_VINTAGE = "2023"
DEPARTMENT_COUNT = 101
# The long file's own France total (sum of the 101 departments), used to check the sum made here.
FRANCE_TOTAL_LEVEL = "france_101dep"


def territories(ctx: BuildContext) -> pd.DataFrame:
    """One row per region and department: level, code, name, parent_code, population, area_km2, zone."""
    regions_file, deps_file = ctx.file(REGIONS_FILE), ctx.file(DEPARTMENTS_FILE)
    regions = read_csv(regions_file, ["reg_code", "reg_name", "zone", "area_km2_insee_communes"])
    deps = read_csv(deps_file, ["dep_code", "dep_name", "reg_code", "zone", "area_km2_insee_communes"])
    frames = [
        pd.DataFrame(
            {
                "level": "region",
                "code": regions["reg_code"],
                "name": regions["reg_name"],
                "parent_code": "FR",
                "zone": regions["zone"],
                "area_km2": to_number(regions["area_km2_insee_communes"], regions_file),
            }
        ),
        pd.DataFrame(
            {
                "level": "department",
                "code": deps["dep_code"],
                "name": deps["dep_name"],
                "parent_code": deps["reg_code"],
                "zone": deps["zone"],
                "area_km2": to_number(deps["area_km2_insee_communes"], deps_file),
            }
        ),
    ]
    out = pd.concat(frames, ignore_index=True)
    latest = ctx.population
    latest = latest[latest["period"] == LATEST_VINTAGE].set_index(["level", "code"])["value"]
    out["population"] = [latest.get((lv, c), float("nan")) for lv, c in zip(out["level"], out["code"], strict=True)]
    cols = ["level", "code", "name", "parent_code", "zone", "population", "area_km2"]
    return out[cols].sort_values(["level", "code"], ignore_index=True)


def legal_population(ctx: BuildContext) -> pd.DataFrame:
    """Legal population per region, department and France (nuts0 FR), per vintage: level, code, period, value.

    Mayotte (976 and region 06) carries Insee's estimates instead of the repeated 2017 census (`mayotte_population`).
    France is the sum of the 101 departments, so every per-capita rate of France divides by the same population as
    its departments'.
    """
    file = ctx.file(LEGAL_FILE)
    raw = read_csv(file, ["level", "code", "vintage", "population_municipale"])
    frame = pd.DataFrame(
        {
            "level": raw["level"].replace({"departement": "department"}),
            "code": raw["code"],
            "period": raw["vintage"],
            "value": to_number(raw["population_municipale"], file),
        }
    )
    published = frame[frame["level"] == FRANCE_TOTAL_LEVEL].set_index("period")["value"]
    frame = frame[frame["level"].isin(["region", "department"])].reset_index(drop=True)
    france_population(frame[frame["level"] == "department"], published)
    frame = with_mayotte_estimates(frame, mayotte_population(ctx, frame))
    france = department_sums(frame[frame["level"] == "department"])
    return pd.concat([frame, france], ignore_index=True)


def department_sums(departments: pd.DataFrame) -> pd.DataFrame:
    """France (nuts0 FR) per vintage as the sum of the departments."""
    sums = departments.groupby("period")["value"].sum()
    return pd.DataFrame({"level": FRANCE_LEVEL, "code": FRANCE_CODE, "period": sums.index, "value": sums.to_numpy()})


def france_population(departments: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    """France per vintage as the sum of the 101 departments, checked against the file's own France total."""
    sums = departments.groupby("period")["value"].agg(["sum", "count"])
    incomplete = sums.index[sums["count"] != DEPARTMENT_COUNT].tolist()
    if incomplete:
        raise SourceFormatError(f"{LEGAL_FILE}: vintages {incomplete} do not have {DEPARTMENT_COUNT} departments")
    differs = sums.index[sums["sum"] != published.reindex(sums.index)].tolist()
    if differs:
        raise SourceFormatError(
            f"{LEGAL_FILE}: sum of the departments differs from the {FRANCE_TOTAL_LEVEL!r} row for vintages {differs}"
        )
    return department_sums(departments)


def vintage_date(vintage: object) -> pd.Timestamp:
    """The date a legal-population vintage describes: 1 January of its year."""
    return pd.Timestamp(int(str(vintage)[:4]), 1, 1)


def mayotte_population(ctx: BuildContext, legal: pd.DataFrame) -> pd.Series:
    """Mayotte's population for each vintage of `legal` (vintage -> value), from Insee's census and estimates.

    A vintage dated on an estimate takes it; any other is interpolated by day between the census and the estimates
    (held beyond them) and rounded to a whole person. The package must still repeat the census the file names: if it
    ever publishes something else, the replacement has to be reconsidered, so the build stops.
    """
    path = ctx.file(MAYOTTE_FILE)
    raw = read_csv(path, ["code", "date", "population", "kind"])
    raw = raw[raw["code"].str.strip() == MAYOTTE["department"]]
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(raw["date"].str.strip(), format="%Y-%m-%d", errors="coerce"),
            "value": to_number(raw["population"], path),
            "kind": raw["kind"].str.strip().str.lower(),
        }
    )
    if rows["date"].isna().any() or rows["value"].isna().any():
        raise SourceFormatError(f"{path}: every Mayotte row needs a YYYY-MM-DD date and a population")
    census = rows[rows["kind"].str.startswith("census")]
    estimates = rows[rows["kind"].str.startswith("estimate")]
    if len(census) != 1 or estimates.empty:
        raise SourceFormatError(f"{path}: expected one census row and at least one estimate for Mayotte")
    package = legal[(legal["level"] == "department") & (legal["code"] == MAYOTTE["department"])]
    if package.empty or (package["value"] != census["value"].iloc[0]).any():
        raise SourceFormatError(
            f"{LEGAL_FILE}: Mayotte is no longer the 2017 census repeated ({census['value'].iloc[0]:.0f}) but "
            f"{sorted(package['value'].unique())}: reconsider the replacement by {MAYOTTE_FILE}"
        )
    anchors = pd.concat([census, estimates]).sort_values("date")
    days = anchors["date"].to_numpy("datetime64[D]").astype("int64")
    vintages = sorted(package["period"].unique())
    targets = np.array([vintage_date(v).to_datetime64() for v in vintages], dtype="datetime64[D]").astype("int64")
    values = np.interp(targets, days, anchors["value"].to_numpy())
    return pd.Series(np.round(values), index=vintages)


def with_mayotte_estimates(frame: pd.DataFrame, mayotte: pd.Series) -> pd.DataFrame:
    """Department 976 and region 06 (the same territory) set to Mayotte's population per vintage."""
    out = frame.copy()
    for level, code in MAYOTTE.items():
        rows = (out["level"] == level) & (out["code"] == code)
        out.loc[rows, "value"] = out.loc[rows, "period"].map(mayotte).to_numpy()
    return out


def is_mayotte(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(
        [MAYOTTE.get(level) == code for level, code in zip(frame["level"], frame["code"], strict=True)],
        index=frame.index,
    )


def nearest_vintage(year: int, vintages: list[int]) -> int:
    """The population vintage closest to a year (ties go to the earlier vintage)."""
    return min(vintages, key=lambda v: (abs(v - year), v))


def period_days(periods: pd.Series) -> np.ndarray:
    """Periods 'YYYY' (read as 1 January) or 'YYYY-MM-DD' as day numbers."""
    text = periods.astype(str).str.strip()
    text = text.where(~text.str.fullmatch(r"\d{4}"), text + "-01-01")
    dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        bad = sorted(set(text[dates.isna()]))[:5]
        raise SourceFormatError(f"per-capita rates need periods YYYY or YYYY-MM-DD, got {bad}")
    return dates.to_numpy("datetime64[D]").astype("int64")


def population_on(pop: pd.DataFrame, level: str, code: str, days: np.ndarray) -> np.ndarray:
    """One territory's population on each day: vintage N on 1 January N, linear in between, held outside."""
    rows = pop[(pop["level"] == level) & (pop["code"] == code)]
    if rows.empty:
        return np.full(len(days), np.nan)
    anchors = pd.DataFrame({"day": period_days(rows["period"]), "value": rows["value"].to_numpy()}).sort_values("day")
    if anchors["day"].duplicated().any():
        raise SourceFormatError(f"population: several values for one vintage of {level} {code}")
    return np.interp(days, anchors["day"].to_numpy(), anchors["value"].to_numpy())


def per_capita(counts: pd.DataFrame, pop: pd.DataFrame, per: int) -> pd.DataFrame:
    """value / population * per, with one population per date (interpolated between vintages, see the docstring).

    Territories without a population get a missing value.
    """
    out = counts.reset_index(drop=True).copy()
    days = period_days(out["period"])
    population = np.full(len(out), np.nan)
    for (level, code), index in out.groupby(["level", "code"], sort=False).indices.items():
        population[index] = population_on(pop, level, code, days[index])
    out["value"] = out["value"] / population * per
    return out


def facts(ctx: BuildContext) -> pd.DataFrame:
    """Context indicators: population (each vintage), area, density."""
    pop = ctx.population
    terr = ctx.territories
    area = terr[["level", "code", "area_km2"]].rename(columns={"area_km2": "value"}).assign(period=LATEST_VINTAGE)
    density = terr.assign(value=terr["population"] / terr["area_km2"], period=LATEST_VINTAGE)
    pop = pop.assign(flag=np.where(is_mayotte(pop), ESTIMATE, None))
    return pd.concat(
        [
            tidy(pop, "population"),
            tidy(area.dropna(subset=["value"]), "area_km2"),
            tidy(density.dropna(subset=["value"]), "density"),
        ],
        ignore_index=True,
    )
