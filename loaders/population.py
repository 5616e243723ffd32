"""Territories (18 regions, 101 departments), legal populations and areas (INSEE via Etalab)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from loaders.catalogue import Indicator, Source
from loaders.codes import FRANCE_CODE, FRANCE_LEVEL
from loaders.io import SourceFormatError, read_csv, to_number
from loaders.tidy import tidy

if TYPE_CHECKING:
    from loaders.context import BuildContext

REGIONS_FILE = "population/fr_regions_reference.csv"
DEPARTMENTS_FILE = "population/fr_departements_reference.csv"
LEGAL_FILE = "population/fr_population_legale_2020_2022_2023_long.csv"
LATEST_VINTAGE = "2023"
DEPARTMENT_COUNT = 101
# The long file's own France total (sum of the 101 departments), used to check the sum made here.
FRANCE_TOTAL_LEVEL = "france_101dep"

SOURCES = [
    Source(
        id="insee_populations_legales",
        publisher="Insee (via Etalab, @etalab/decoupage-administratif 2.3.1, 4.1.0, 6.0.0)",
        title="Populations légales 2020, 2022 et 2023 (population municipale), sommées par département et région",
        title_en="Legal populations 2020, 2022 and 2023 (municipal population), summed by department and region",
        url="https://www.insee.fr/fr/statistiques/8680726",
        licence="Licence Ouverte / Etalab 2.0",
        vintage="2020, 2022, 2023 (en vigueur au 1er janvier 2023, 2025, 2026)",
        files=(LEGAL_FILE, REGIONS_FILE, DEPARTMENTS_FILE),
        caveats="Mayotte : chiffre du recensement 2017 (256 518) pour chaque millésime ; "
        "l'estimation Insee 2024 est ~320 000.",
        caveats_en="Mayotte: 2017 census figure (256,518) for every vintage; Insee's 2024 estimate is ~320,000.",
    ),
    Source(
        id="insee_superficies",
        publisher="Insee, Base du comparateur de territoires 2024",
        title="Superficie des communes (SUPERF), sommée par département et région",
        title_en="Area of municipalities (SUPERF), summed by department and region",
        url="https://www.insee.fr/fr/statistiques/2521169",
        licence="Licence Ouverte / Etalab 2.0",
        vintage="2024",
        files=(REGIONS_FILE, DEPARTMENTS_FILE),
        caveats="Pas de superficie pour Mayotte dans cette source : densité manquante.",
        caveats_en="No area for Mayotte in this source: density missing.",
    ),
]

INDICATORS = [
    Indicator(
        id="population",
        label_fr="Population légale",
        label_en="Legal population",
        unit="persons",
        pillar="context",
        polarity=0,
        decimals=0,
        definition_fr="Population municipale légale (Insee), somme des communes du territoire.",
        definition_en="Legal resident population (Insee), summed over the territory's communes.",
        source_ids=("insee_populations_legales",),
        caveats_fr="Mayotte : recensement 2017 répété pour chaque millésime. France : somme des 101 départements "
        "(métropole et DROM).",
        caveats_en="Mayotte: the 2017 census figure is repeated for every vintage. France: sum of the 101 "
        "departments (metropolitan and overseas).",
        levels=("region", "department", FRANCE_LEVEL),
    ),
    Indicator(
        id="area_km2",
        label_fr="Superficie",
        label_en="Area",
        unit="km2",
        pillar="context",
        polarity=0,
        decimals=0,
        definition_fr="Somme des superficies communales (Insee, km²).",
        definition_en="Sum of commune areas (Insee, km²).",
        source_ids=("insee_superficies",),
        caveats_fr="Mayotte absente de la source, donc pas de valeur pour la France (une somme sans Mayotte serait "
        "fausse).",
        caveats_en="Mayotte is missing from the source, hence no value for France (a sum without Mayotte would be "
        "wrong).",
    ),
    Indicator(
        id="density",
        label_fr="Densité de population",
        label_en="Population density",
        unit="inhab_km2",
        pillar="context",
        polarity=0,
        decimals=1,
        definition_fr="Population légale 2023 divisée par la superficie.",
        definition_en="2023 legal population divided by area.",
        source_ids=("insee_populations_legales", "insee_superficies"),
        caveats_fr="Mayotte : pas de superficie, donc pas de densité, ni pour Mayotte ni pour la France.",
        caveats_en="Mayotte: no area, hence no density, neither for Mayotte nor for France.",
    ),
]


def territories(ctx: BuildContext) -> pd.DataFrame:
    """One row per region and department: level, code, name, parent_code, population, area_km2, zone."""
    regions = read_csv(ctx.path(REGIONS_FILE), ["reg_code", "reg_name", "zone", "area_km2_insee_communes"])
    deps = read_csv(ctx.path(DEPARTMENTS_FILE), ["dep_code", "dep_name", "reg_code", "zone", "area_km2_insee_communes"])
    frames = [
        pd.DataFrame(
            {
                "level": "region",
                "code": regions["reg_code"],
                "name": regions["reg_name"],
                "parent_code": "FR",
                "zone": regions["zone"],
                "area_km2": to_number(regions["area_km2_insee_communes"], REGIONS_FILE),
            }
        ),
        pd.DataFrame(
            {
                "level": "department",
                "code": deps["dep_code"],
                "name": deps["dep_name"],
                "parent_code": deps["reg_code"],
                "zone": deps["zone"],
                "area_km2": to_number(deps["area_km2_insee_communes"], DEPARTMENTS_FILE),
            }
        ),
    ]
    out = pd.concat(frames, ignore_index=True)
    latest = legal_population(ctx)
    latest = latest[latest["period"] == LATEST_VINTAGE].set_index(["level", "code"])["value"]
    out["population"] = [latest.get((lv, c), float("nan")) for lv, c in zip(out["level"], out["code"], strict=True)]
    cols = ["level", "code", "name", "parent_code", "zone", "population", "area_km2"]
    return out[cols].sort_values(["level", "code"], ignore_index=True)


def legal_population(ctx: BuildContext) -> pd.DataFrame:
    """Legal population per region, department and France (nuts0 FR), per vintage: level, code, period, value.

    France is the sum of the 101 departments, so every per-capita rate of France divides by the same
    population as its departments'.
    """
    raw = read_csv(ctx.path(LEGAL_FILE), ["level", "code", "vintage", "population_municipale"])
    frame = pd.DataFrame(
        {
            "level": raw["level"].replace({"departement": "department"}),
            "code": raw["code"],
            "period": raw["vintage"],
            "value": to_number(raw["population_municipale"], LEGAL_FILE),
        }
    )
    published = frame[frame["level"] == FRANCE_TOTAL_LEVEL].set_index("period")["value"]
    frame = frame[frame["level"].isin(["region", "department"])]
    france = france_population(frame[frame["level"] == "department"], published)
    return pd.concat([frame, france], ignore_index=True)


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
    return pd.DataFrame(
        {"level": FRANCE_LEVEL, "code": FRANCE_CODE, "period": sums.index, "value": sums["sum"].to_numpy()}
    )


def nearest_vintage(year: int, vintages: list[int]) -> int:
    """The population vintage closest to a year (ties go to the earlier vintage)."""
    return min(vintages, key=lambda v: (abs(v - year), v))


def per_capita(counts: pd.DataFrame, pop: pd.DataFrame, per: int) -> pd.DataFrame:
    """value / population * per, matching each period's year to the nearest population vintage."""
    vintages = sorted(int(v) for v in pop["period"].unique())
    out = counts.copy()
    years = out["period"].astype(str).str[:4].astype(int)
    out["vintage"] = [str(nearest_vintage(y, vintages)) for y in years]
    lookup = pop.rename(columns={"period": "vintage", "value": "population"})
    out = out.merge(lookup, on=["level", "code", "vintage"], how="left", validate="many_to_one")
    out["value"] = out["value"] / out["population"] * per
    return out.drop(columns=["vintage", "population"])


def facts(ctx: BuildContext) -> pd.DataFrame:
    """Context indicators: population (each vintage), area, density."""
    pop = legal_population(ctx)
    terr = ctx.territories
    area = terr[["level", "code", "area_km2"]].rename(columns={"area_km2": "value"}).assign(period=LATEST_VINTAGE)
    density = terr.assign(value=terr["population"] / terr["area_km2"], period=LATEST_VINTAGE)
    return pd.concat(
        [
            tidy(pop, "population"),
            tidy(area.dropna(subset=["value"]), "area_km2"),
            tidy(density.dropna(subset=["value"]), "density"),
        ],
        ignore_index=True,
    )
