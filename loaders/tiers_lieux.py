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

from loaders.catalogue import Indicator, Source
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

SOURCES = [
    Source(
        id="francetierslieux_panorama_2023",
        publisher="GIP France Tiers-Lieux — Observatoire des tiers-lieux",
        title="Panorama des tiers-lieux 2023 : répartition régionale des tiers-lieux (recensement 2023)",
        title_en="Panorama des tiers-lieux 2023 (overview of third places): regional distribution of "
        "third places (2023 census)",
        url="https://observatoire.francetierslieux.fr/",
        licence="Chiffres publiés sur une page web publique, repris avec mention de la source (licence non précisée)",
        vintage="Recensement 2023 (publication septembre 2023)",
        files=(PANORAMA_FILE,),
        caveats="Parts arrondies transcrites de la page (leur somme fait 100,8 %) ; environ 3 500 tiers-lieux recensés "
        "avec les réseaux régionaux.",
        caveats_en="Rounded shares transcribed from the page (they add up to 100.8%); about 3,500 third places "
        "counted with the regional networks.",
    ),
    Source(
        id="mission_coworking_2018",
        publisher="Mission Coworking (P. Levy-Waitz, CGET), chiffres cités par Sans Transition! magazine",
        title="Faire ensemble pour mieux vivre ensemble (2018) : tiers-lieux identifiés par région, cités dans "
        "« Les tiers-lieux, la clé pour revitaliser les territoires ? » (2021-04-05)",
        title_en="Faire ensemble pour mieux vivre ensemble (Mission Coworking report, 2018): third places "
        "identified by region, cited in “Les tiers-lieux, la clé pour revitaliser les territoires ?” "
        "(2021-04-05)",
        url="http://www.sans-transition-magazine.info/societe/dossier-les-tiers-lieux-la-cle-pour-revitaliser-les-territoires",
        licence="Chiffres cités par la presse, repris avec mention de la source (licence non précisée)",
        vintage="2018",
        files=(COUNTS_FILE,),
        caveats="Cinq régions seulement (les autres ne sont pas citées) ; 1 463 tiers-lieux identifiés en France en "
        "croisant 15 bases, environ 1 800 estimés.",
        caveats_en="Five regions only (the others are not cited); 1,463 third places identified in France by "
        "cross-checking 15 databases, about 1,800 estimated.",
    ),
    Source(
        id="mission_coworking_2018_france",
        publisher="Mission Coworking (P. Levy-Waitz, CGET), chiffres cités par le Labo Société Numérique (ANCT)",
        title="Plus de 1 400 tiers-lieux en France, inégalement répartis sur le territoire (2018) : nombre national "
        "de tiers-lieux identifiés",
        title_en="More than 1,400 third places in France, unevenly spread across the country (2018): national "
        "number of identified third places",
        url="https://labo.societenumerique.gouv.fr/fr/articles/plus-de-1400-tiers-lieux-en-france-in%C3%A9galement-r%C3%A9partis-sur-le-territoire",
        licence="Chiffres cités sur une page publique, repris avec mention de la source (licence non précisée)",
        vintage="2018 (article de septembre 2018)",
        files=(NATIONAL_FILE,),
        caveats="1 463 tiers-lieux identifiés en croisant 15 bases existantes ; l'estimation d'environ 1 800 (part "
        "non identifiée supposée de 20 %) n'est pas retenue.",
        caveats_en="1,463 third places identified by cross-checking 15 existing databases; the estimate of about "
        "1,800 (unidentified share assumed to be 20%) is not used.",
    ),
]

INDICATORS = [
    Indicator(
        id="tiers_lieux_share_2023",
        label_fr="Part des tiers-lieux de France (2023)",
        label_en="Share of France's third places (2023)",
        unit="%",
        pillar="ecosystem",
        # Neutral: a share of a national total mostly reflects the region's size, so "higher" is not "better";
        # the per-inhabitant estimate carries the comparison.
        polarity=0,
        decimals=1,
        definition_fr="Part de la région dans les quelque 3 500 tiers-lieux recensés en France en 2023 (France "
        "Tiers-Lieux, Panorama 2023), telle que publiée.",
        definition_en="The region's share of the roughly 3,500 third places counted in France in 2023 (France "
        "Tiers-Lieux, Panorama 2023), as published.",
        source_ids=("francetierslieux_panorama_2023",),
        caveats_fr="Parts publiées arrondies à 1 % (somme 100,8 %) : une part entière s signifie entre s − 0,5 et "
        "s + 0,5 % (Corse et La Réunion, « 1 % » : entre 0,5 et 1,5 %) ; les parts des DROM transcrites 0,5 % "
        "(Guadeloupe, Guyane, Mayotte) et 0,3 % (Martinique) se lisent « moins de 1 % » : entre 0 et 1 % (exclus). "
        "Cette plage accompagne chaque valeur ; les parts de 2 % ou moins sont marquées « faible fiabilité » : ne pas "
        "les classer. Dépend de la taille de la région : comparer plutôt le nombre pour 100 000 habitants. "
        "Recensements 2018, 2021 et 2023 de définitions différentes : pas d'évolution.",
        caveats_en="Shares published rounded to 1% (sum 100.8%): a whole share s means between s − 0.5 and s + 0.5% "
        "(Corsica and La Réunion, '1%': between 0.5 and 1.5%); the overseas shares transcribed as 0.5% (Guadeloupe, "
        "French Guiana, Mayotte) and 0.3% (Martinique) read as 'under 1%': between 0 and 1% (exclusive). This range "
        "comes with each value; shares of 2% or less are flagged 'low reliability': do not rank them. Depends on the "
        "region's size: compare the figure per 100,000 inhabitants instead. The 2018, 2021 and 2023 censuses differ "
        "in definition: no trend.",
        levels=("region",),
    ),
    Indicator(
        id="tiers_lieux_per_100k",
        label_fr="Tiers-lieux pour 100 000 habitants (estimation 2023)",
        label_en="Third places per 100,000 inhabitants (2023 estimate)",
        unit="per_100k",
        pillar="ecosystem",
        polarity=1,
        decimals=1,
        definition_fr="Part régionale publiée × 3 500 tiers-lieux, divisée par la population légale 2023, pour "
        "100 000 habitants.",
        definition_en="Published regional share × 3,500 third places, divided by the 2023 legal population, per "
        "100,000 inhabitants.",
        source_ids=("francetierslieux_panorama_2023", "insee_populations_legales"),
        caveats_fr="Estimation calculée ici, pas un comptage publié. Les parts sont arrondies à 1 % : une part "
        "entière s donne entre (s − 0,5) × 35 et (s + 0,5) × 35 tiers-lieux (Corse, « 1 % » : de 17,5 à 52,5, soit "
        "de la moitié à une fois et demie la valeur affichée) ; les parts des DROM transcrites 0,5 % et 0,3 % se "
        "lisent « moins de 1 % » : de 0 à 35 tiers-lieux. La plage possible du taux accompagne chaque valeur ; les "
        "régions dont la part est de 2 % ou moins (Corse, La Réunion et les quatre autres DROM) sont marquées "
        "« faible fiabilité » : ne pas les classer. France : environ 3 500 tiers-lieux recensés (total arrondi, sans "
        "plage publiée) rapportés à la population légale 2023 des 101 départements.",
        caveats_en="Estimate computed here, not a published count. Shares are rounded to 1%: a whole share s gives "
        "between (s − 0.5) × 35 and (s + 0.5) × 35 third places (Corsica, '1%': 17.5 to 52.5, i.e. half to one and a "
        "half times the value shown); the overseas shares transcribed as 0.5% and 0.3% read as 'under 1%': 0 to 35 "
        "third places. The possible range of the rate comes with each value; regions whose share is 2% or less "
        "(Corsica, La Réunion and the four other overseas regions) are flagged 'low reliability': do not rank them. "
        "France: about 3,500 third places counted (a rounded total, with no published range) divided by the 2023 "
        "legal population of the 101 departments.",
        levels=("region", FRANCE_LEVEL),
    ),
    Indicator(
        id="tiers_lieux_count_2018",
        label_fr="Tiers-lieux identifiés en 2018 (Mission Coworking)",
        label_en="Third places identified in 2018 (Mission Coworking)",
        unit="count",
        pillar="ecosystem",
        polarity=0,
        decimals=0,
        definition_fr="Nombre de tiers-lieux identifiés dans la région par la Mission Coworking en 2018 (croisement "
        "de 15 bases de données), tel que cité par la presse.",
        definition_en="Number of third places identified in the region by the 2018 Mission Coworking (15 databases "
        "cross-matched), as quoted by the press.",
        source_ids=("mission_coworking_2018", "mission_coworking_2018_france"),
        caveats_fr="Cinq régions seulement ; définition et méthode différentes du recensement 2023 : ne pas en "
        "déduire d'évolution. Nombre brut, qui dépend de la taille de la région. France : 1 463 tiers-lieux "
        "identifiés par la même mission (total publié, pas une somme des régions) ; environ 1 800 estimés en "
        "comptant ceux non identifiés.",
        caveats_en="Five regions only; definition and method differ from the 2023 census: do not infer a trend. "
        "Raw count, which depends on the region's size. France: 1,463 third places identified by the same mission (a "
        "published total, not a sum of regions); about 1,800 estimated counting unidentified ones.",
        levels=("region", FRANCE_LEVEL),
    ),
]


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
    path = ctx.path(PANORAMA_FILE)
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
    path = ctx.path(COUNTS_FILE)
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
    path = ctx.path(NATIONAL_FILE)
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
