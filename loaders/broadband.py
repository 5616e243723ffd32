"""Fixed and mobile network infrastructure: FttH coverage, eligibility by speed, mobile sites (ARCEP).

Four ARCEP bases coexist and are never spliced: the observatoire's "meilleure estimation des locaux"
(baromètre rates 2017-2022 and raw counts), and the address base of "Ma connexion internet" (2022 and 2026).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.catalogue import Indicator, Source
from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, department_code, region_code, region_code_from_name
from loaders.context import BuildContext
from loaders.io import SourceFormatError, read_csv, read_json, to_number
from loaders.tidy import tidy

BAROMETRE_NATIONAL_FILE = "broadband/barometre_etalab_2022t3/OVQ-THD-national.json"
BAROMETRE_REGIONS_FILE = "broadband/barometre_etalab_2022t3/OVQ-THD-regional.json"
BAROMETRE_DEPARTMENTS_FILE = "broadband/barometre_etalab_2022t3/OVQ-THD-departemental.json"
COMMUNES_FILE = "broadband/arcep_maconnexion_2022t4_tibouyou/communes_maconnexion_2022-12-31.csv"
MACONNEXION_2026_FILE = "broadband/arcep_maconnexion_2026t2_codealchemist/arcep-france.json"
SITES_REGIONS_FILE = "broadband/arcep_sites_mobiles_2024_pmehaud/mobile_sites_by_region_operator.csv"
SITES_DEPARTMENTS_FILE = "broadband/arcep_sites_mobiles_2024_pmehaud/mobile_sites_by_departement_operator.csv"
OBS_REGIONS_FILE = "broadband/arcep_obs_2022t2_victger/regions_final.csv"
OBS_DEPARTMENTS_FILE = "broadband/arcep_obs_2022t2_victger/departements_final.csv"

BAROMETRE_SERIES = "taux-deploiement-fibre"
# First quarter of the regional and department series; the national file starts in 2017 T1, but France is
# kept from the same quarter so that it always sits next to its regions.
BAROMETRE_START = "2017-12-31"
# The regional baromètre file repeats another region's values on these quarters (checked against the
# department series and the ARCEP counts): Normandie carries Île-de-France's, Grand Est carries Corse's.
COPIED_FROM = {"28": "11", "44": "94"}
COPIED_QUARTERS = (
    "2018-03-31",
    "2018-06-30",
    "2018-09-30",
    "2018-12-31",
    "2019-03-31",
    "2019-06-30",
    "2019-09-30",
    "2020-03-31",
)

ELIGIBILITY_COLUMNS = {
    "elig_bhd8": "good_speed_eligibility",
    "elig_thd30": "thd30_eligibility",
    "elig_thd100": "thd100_eligibility",
    "elig_thd1g": "gigabit_eligibility",
}
COMMUNE_COLUMNS = ["code_insee", "code_dep", "code_reg", "nbr", *ELIGIBILITY_COLUMNS, "date"]
SHARES_2026 = {"ftth": "ftth_coverage_2026", "thd30": "thd30_eligibility_2026"}
SITES_PERIOD = "2024"
QUARTER_END = {"1": "03-31", "2": "06-30", "3": "09-30", "4": "12-31"}

LICENCE = "Licence Ouverte / Etalab 2.0"
DATAGOUV_DEPLOIEMENTS = "https://www.data.gouv.fr/fr/datasets/le-marche-du-haut-et-tres-haut-debit-fixe-deploiements/"

SOURCES = [
    Source(
        id="barometre_thd",
        publisher="Gouvernement, Baromètre des résultats de l'action publique (DITP, Etalab) ; producteur ARCEP",
        title="Baromètre des résultats de l'action publique — taux de déploiement de la fibre (FttH), "
        "France, régions et départements",
        title_en="Baromètre des résultats de l'action publique (government results barometer) — fibre (FttH) "
        "deployment rate, France, regions and departments",
        url="https://www.data.gouv.fr/fr/datasets/barometre-des-resultats-de-laction-publique/",
        licence=LICENCE,
        vintage="2017 T4 – 2022 T3 (export du 2023-01-06, dépôt etalab/barometre-resultats)",
        files=(BAROMETRE_NATIONAL_FILE, BAROMETRE_REGIONS_FILE, BAROMETRE_DEPARTMENTS_FILE),
        caveats="Pourcentages entiers arrondis par le producteur ; dénominateur = « meilleure estimation des locaux » "
        "de chaque trimestre (changement de base 2019-2020). Taux national repris du fichier national, à partir de "
        "2017 T4 comme les régions (le fichier commence en 2017 T1). Le fichier régional reprend les valeurs de "
        "l'Île-de-France pour la Normandie et de la Corse pour le Grand Est sur huit trimestres "
        "(2018 T1 – 2019 T3, 2020 T1) : valeurs écartées. Mayotte : pas de valeur départementale après 2020 T4.",
        caveats_en="Whole percentages rounded by the producer; denominator = “best estimate of premises” for "
        "each quarter (base changed in 2019-2020). National rate taken from the national file, from "
        "2017 Q4 like the regions (the file starts in 2017 Q1). The regional file repeats the values "
        "of Île-de-France for Normandie and of Corse for Grand Est over eight quarters (2018 Q1 – 2019 "
        "Q3, 2020 Q1): values discarded. Mayotte: no department value after 2020 Q4.",
    ),
    Source(
        id="arcep_observatoire_ftth_2022t2",
        publisher="ARCEP, Observatoire du haut et très haut débit fixe (déploiements)",
        title="Locaux raccordables en FttH par région et département, 2017 T4 – 2022 T2 "
        "(onglets « FttH par Régions / Départements » du fichier 2022t2-obs-hd-thd-deploiement-vf.xlsx)",
        title_en="Premises connectable to FttH by region and department, 2017 Q4 – 2022 Q2 (“FttH par Régions "
        "/ Départements” sheets of the file 2022t2-obs-hd-thd-deploiement-vf.xlsx)",
        url=DATAGOUV_DEPLOIEMENTS,
        licence=LICENCE,
        vintage="2022 T2 (séries 2017 T4 – 2022 T2)",
        files=(OBS_REGIONS_FILE, OBS_DEPARTMENTS_FILE),
        caveats="Copie extraite par le dépôt GitHub victger/Dashboard_Fibre_Optique_Python (commit 222d253). "
        "France métropolitaine seulement. Comptes régionaux arrondis (au millier, puis à la centaine) "
        "jusqu'en 2019 T3.",
        caveats_en="Copy extracted by the GitHub repository victger/Dashboard_Fibre_Optique_Python (commit "
        "222d253). Metropolitan France only. Regional counts rounded (to the thousand, then to the "
        "hundred) until 2019 Q3.",
    ),
    Source(
        id="arcep_maconnexion_2022t4",
        publisher="ARCEP, Ma connexion internet",
        title="Statistiques d'éligibilité par commune et par débit (toutes technologies), au 31 décembre 2022",
        title_en="Eligibility statistics by municipality and by speed (all technologies), as of 31 December 2022",
        url="https://data.arcep.fr/fixe/maconnexioninternet/statistiques/",
        licence=LICENCE,
        vintage="2022-12-31",
        files=(COMMUNES_FILE,),
        caveats="Ré-encodage CSV sans perte du dump SQL du dépôt GitHub Tibouyou/telecom (commit 63cccbe). "
        "Base adresses (BAN) de Ma connexion internet ; accès radio, 4G fixe et satellite comptés.",
        caveats_en="Lossless CSV re-encoding of the SQL dump in the GitHub repository Tibouyou/telecom (commit "
        "63cccbe). Address base (BAN) of Ma connexion internet; radio access, fixed 4G and satellite "
        "counted.",
    ),
    Source(
        id="arcep_maconnexion_2026t2",
        publisher="ARCEP, Ma connexion internet",
        title="Part des locaux éligibles à la fibre (FttH) et à 30 Mbit/s ou plus, par département, au 30 juin 2026",
        title_en="Share of premises eligible for fibre (FttH) and for 30 Mbit/s or more, by department, as of "
        "30 June 2026",
        url="https://www.data.gouv.fr/datasets/ma-connexion-internet",
        licence=LICENCE,
        vintage="2026-06-30",
        files=(MACONNEXION_2026_FILE,),
        caveats="Parts à une décimale calculées à partir de departement_techno.csv / departement_debit.csv "
        "(data.arcep.fr), reprises du dépôt GitHub codealchemist/mapstats (commit 2f7abd5). Base adresses, "
        "différente de l'observatoire : rupture de série avec le baromètre 2017-2022. Pas de valeur nationale dans "
        "le fichier : la France est calculée ici (parts départementales pondérées par les locaux).",
        caveats_en="Shares to one decimal computed from departement_techno.csv / departement_debit.csv "
        "(data.arcep.fr), taken from the GitHub repository codealchemist/mapstats (commit 2f7abd5). "
        "Address base, different from the observatory: series break with the 2017-2022 barometer. No "
        "national value in the file: France is computed here (department shares weighted by "
        "premises).",
    ),
    Source(
        id="arcep_sites_mobiles_2024",
        publisher="ARCEP, Sites mobiles (stations radioélectriques des opérateurs)",
        title="Nombre de sites mobiles par opérateur, par région et département (France métropolitaine)",
        title_en="Number of mobile sites per operator, by region and department (metropolitan France)",
        url="https://data.arcep.fr/mobile/sites/",
        licence=LICENCE,
        vintage="≈ 2024 T1 (date du fichier ARCEP non indiquée ; décompte du 2024-05-20)",
        files=(SITES_REGIONS_FILE, SITES_DEPARTMENTS_FILE),
        caveats="Décompte fait par le dépôt GitHub pmehaud/internship_cvut_2024 (commit 4be82cd) à partir des données "
        "ARCEP. Un site est compté par opérateur : un pylône partagé par plusieurs opérateurs compte plusieurs fois. "
        "Outre-mer absent.",
        caveats_en="Count made by the GitHub repository pmehaud/internship_cvut_2024 (commit 4be82cd) from ARCEP "
        "data. A site is counted per operator: a mast shared by several operators counts several "
        "times. Overseas France missing.",
    ),
]

FTTH_BREAK_FR = (
    "Rupture de méthode : l'ARCEP a remplacé en 2019-2020 les logements et établissements Insee par les adresses "
    "des opérateurs (IPE), ajoutant plusieurs millions de locaux au dénominateur ; les taux peuvent baisser "
    "temporairement et ne sont pas strictement comparables d'une année à l'autre."
)
FTTH_BREAK_EN = (
    "Method break: in 2019-2020 ARCEP replaced Insee dwellings and establishments by operators' address counts (IPE), "
    "adding several million premises to the denominator; rates may dip temporarily and are not strictly comparable "
    "across years."
)
WIRELESS_FR = "Toutes technologies, accès radio, 4G fixe et satellite compris ; base adresses de Ma connexion internet."
WIRELESS_EN = "All technologies, including wireless, fixed 4G and satellite; Ma connexion internet address base."
WEIGHTED_2026_FR = (
    "France : parts des 101 départements pondérées par leur nombre de locaux, calculées ici à partir des parts "
    "publiées à une décimale (écart possible de ±0,05 point)."
)
WEIGHTED_2026_EN = (
    "France: shares of the 101 departments weighted by their premises, computed here from the shares published to "
    "one decimal (possible error of ±0.05 point)."
)


ELIGIBILITY_FRANCE_FR = "France : communes des 101 départements (Saint-Barthélemy et Saint-Martin exclus)."
ELIGIBILITY_FRANCE_EN = "France: communes of the 101 departments (Saint-Barthélemy and Saint-Martin excluded)."


def _eligibility_indicator(
    column: str, threshold_fr: str, threshold_en: str, caveat_fr: str, caveat_en: str
) -> Indicator:
    """One of the four speed classes of the 2022 commune file (same source, same definition pattern)."""
    return Indicator(
        id=ELIGIBILITY_COLUMNS[column],
        label_fr=f"Locaux éligibles à {threshold_fr}",
        label_en=f"Premises eligible to {threshold_en}",
        unit="%",
        pillar="infrastructure",
        polarity=1,
        decimals=1,
        definition_fr=f"Part des locaux éligibles à un débit de {threshold_fr} au 31 décembre 2022 : locaux éligibles "
        "et locaux totaux sommés sur les communes du territoire (ARCEP, Ma connexion internet).",
        definition_en=f"Share of premises eligible to {threshold_en} at 31 December 2022: eligible and total premises "
        "summed over the territory's communes (ARCEP, Ma connexion internet).",
        source_ids=("arcep_maconnexion_2022t4",),
        caveats_fr=f"{WIRELESS_FR} {caveat_fr} {ELIGIBILITY_FRANCE_FR}".strip(),
        caveats_en=f"{WIRELESS_EN} {caveat_en} {ELIGIBILITY_FRANCE_EN}".strip(),
        levels=("region", "department", FRANCE_LEVEL),
    )


INDICATORS = [
    Indicator(
        id="ftth_coverage",
        label_fr="Couverture en fibre (FttH)",
        label_en="Fibre (FttH) coverage",
        unit="%",
        pillar="infrastructure",
        polarity=1,
        decimals=0,
        definition_fr="Part des locaux raccordables à la fibre jusqu'à l'abonné (FttH), chaque fin de trimestre : "
        "locaux raccordables / meilleure estimation des locaux (ARCEP, valeurs du Baromètre des résultats de "
        "l'action publique).",
        definition_en="Share of premises that can be connected to fibre to the home (FttH), at each quarter end: "
        "connectable premises / best estimate of premises (ARCEP, values of the government's results barometer).",
        source_ids=("barometre_thd",),
        caveats_fr=f"{FTTH_BREAK_FR} Valeurs entières. Normandie et Grand Est : huit trimestres absents (2018 T1 – "
        "2019 T3, 2020 T1), car la source y reprend les valeurs d'une autre région. Mayotte : 0 % au niveau régional, "
        "pas de valeur départementale après 2020 T4. France : taux national publié par le baromètre (ARCEP), pas "
        "recalculé à partir des régions ; gardé à partir de 2017 T4 comme les régions.",
        caveats_en=f"{FTTH_BREAK_EN} Integer values. Normandie and Grand Est: eight quarters missing (2018 Q1 – "
        "2019 Q3, 2020 Q1) because the source repeats another region's values there. Mayotte: 0% at region level, "
        "no department value after 2020 Q4. France: the national rate published by the barometer (ARCEP), not "
        "recomputed from regions; kept from 2017 Q4 like the regions.",
        levels=("region", "department", FRANCE_LEVEL),
    ),
    Indicator(
        id="ftth_premises_connectable",
        label_fr="Locaux raccordables à la fibre (FttH)",
        label_en="Premises connectable to fibre (FttH)",
        unit="count",
        pillar="infrastructure",
        polarity=1,
        decimals=0,
        definition_fr="Nombre de locaux raccordables en FttH en fin de trimestre (ARCEP, observatoire des "
        "déploiements).",
        definition_en="Number of premises connectable to FttH at each quarter end (ARCEP deployment observatory).",
        source_ids=("arcep_observatoire_ftth_2022t2",),
        caveats_fr="France métropolitaine seulement, donc pas de valeur pour la France entière. Comptes régionaux "
        "arrondis au millier ou à la centaine jusqu'en 2019 T3. Un compte, pas un taux : dépend de la taille du "
        "territoire.",
        caveats_en="Metropolitan France only, hence no value for France as a whole. Regional counts rounded to "
        "thousands or hundreds until 2019 Q3. A count, not a rate: it scales with the size of the territory.",
    ),
    Indicator(
        id="ftth_coverage_2026",
        label_fr="Éligibilité à la fibre (FttH), 2026",
        label_en="Fibre (FttH) eligibility, 2026",
        unit="%",
        pillar="infrastructure",
        polarity=1,
        decimals=1,
        definition_fr="Part des locaux éligibles à la fibre (FttH) au 30 juin 2026 (ARCEP, Ma connexion internet).",
        definition_en="Share of premises eligible to fibre (FttH) at 30 June 2026 (ARCEP, Ma connexion internet).",
        source_ids=("arcep_maconnexion_2026t2",),
        caveats_fr="Base adresses de Ma connexion internet, différente de l'observatoire : nouvelle série, à ne pas "
        f"raccorder à la couverture FttH 2017-2022. Départements et France seulement. {WEIGHTED_2026_FR}",
        caveats_en="Ma connexion internet address base, unlike the observatory: a new series, not to be joined to the "
        f"2017-2022 FttH coverage. Departments and France only. {WEIGHTED_2026_EN}",
        levels=("department", FRANCE_LEVEL),
    ),
    Indicator(
        id="thd30_eligibility_2026",
        label_fr="Locaux éligibles à 30 Mbit/s ou plus, 2026",
        label_en="Premises eligible to 30 Mbit/s or more, 2026",
        unit="%",
        pillar="infrastructure",
        polarity=1,
        decimals=1,
        definition_fr="Part des locaux éligibles à un débit d'au moins 30 Mbit/s, toutes technologies, au 30 juin 2026 "
        "(ARCEP, Ma connexion internet).",
        definition_en="Share of premises eligible to at least 30 Mbit/s, any technology, at 30 June 2026 "
        "(ARCEP, Ma connexion internet).",
        source_ids=("arcep_maconnexion_2026t2",),
        caveats_fr=f"{WIRELESS_FR} Près de 100 % partout : ne distingue pas les territoires. Départements et France "
        f"seulement. {WEIGHTED_2026_FR}",
        caveats_en=f"{WIRELESS_EN} Close to 100% everywhere: does not discriminate. Departments and France only. "
        f"{WEIGHTED_2026_EN}",
        levels=("department", FRANCE_LEVEL),
    ),
    _eligibility_indicator(
        "elig_bhd8",
        "8 Mbit/s ou plus (bon haut débit)",
        "8 Mbit/s or more (good broadband)",
        "Près de 100 % presque partout : ne distingue guère les territoires.",
        "Close to 100% almost everywhere: hardly discriminates.",
    ),
    _eligibility_indicator(
        "elig_thd30",
        "30 Mbit/s ou plus (très haut débit)",
        "30 Mbit/s or more (superfast)",
        "Près de 100 % presque partout, sauf en Guyane (57 %) et à Mayotte (39 %) : distingue peu les territoires.",
        "Close to 100% almost everywhere except French Guiana (57%) and Mayotte (39%): hardly discriminates.",
    ),
    _eligibility_indicator("elig_thd100", "100 Mbit/s ou plus", "100 Mbit/s or more", "", ""),
    _eligibility_indicator(
        "elig_thd1g",
        "1 Gbit/s ou plus",
        "1 Gbit/s or more",
        "Proche de l'éligibilité à la fibre (FttH), qui n'est pas dans ce fichier.",
        "Close to FttH eligibility, which this file does not give.",
    ),
    Indicator(
        id="mobile_sites_per_100k",
        label_fr="Sites mobiles pour 100 000 habitants",
        label_en="Mobile sites per 100,000 inhabitants",
        unit="per_100k",
        pillar="infrastructure",
        polarity=1,
        decimals=1,
        definition_fr="Sites d'opérateurs mobiles (un pylône partagé compte une fois par opérateur : Orange, SFR, "
        "Bouygues Telecom, Free Mobile) pour 100 000 habitants (population légale 2023), vers 2024.",
        definition_en="Mobile operators' sites (a shared mast counts once per operator: Orange, SFR, Bouygues Telecom, "
        "Free Mobile) per 100,000 inhabitants (2023 legal population), around 2024.",
        source_ids=("arcep_sites_mobiles_2024", "insee_populations_legales"),
        caveats_fr="Nombre d'antennes, pas couverture. Date exacte du fichier ARCEP non indiquée (≈ début 2024). "
        "France métropolitaine seulement, donc pas de valeur pour la France entière.",
        caveats_en="Counts of sites, not coverage. Exact date of the ARCEP file not stated (≈ early 2024). "
        "Metropolitan France only, hence no value for France as a whole.",
    ),
]


def read_barometre(path: Path, key: str | None) -> pd.DataFrame:
    """One baromètre JSON file as code, period, value, as published.

    `key` names the territory code ('reg' or 'dep'); the national file has none (key None): its code is FR.
    """
    records = read_json(path)
    missing = [k for k in (key, BAROMETRE_SERIES) if k and any(k not in r for r in records)]
    if missing:
        raise SourceFormatError(f"{path}: key {missing[0]!r} is missing from some territories")
    rows = [(r[key] if key else FRANCE_CODE, p["date"], p["value"]) for r in records for p in r[BAROMETRE_SERIES]]
    frame = pd.DataFrame(rows, columns=["code", "period", "value"])
    frame["value"] = pd.to_numeric(frame["value"], errors="raise").astype("float64")
    return frame.dropna(subset=["value"])


def drop_copied_regions(regions: pd.DataFrame) -> pd.DataFrame:
    """Regional values that merely repeat the donor region's value on the listed quarters are removed."""
    donor = regions.rename(columns={"code": "donor", "value": "donor_value"})
    out = regions.assign(donor=regions["code"].map(COPIED_FROM)).merge(donor, on=["donor", "period"], how="left")
    copied = out["period"].isin(COPIED_QUARTERS) & (out["value"] == out["donor_value"])
    return out.loc[~copied, ["code", "period", "value"]]


def ftth_coverage_facts(ctx: BuildContext) -> pd.DataFrame:
    """Official quarterly FttH rates, France, regions and departments, from the common start quarter."""
    france = read_barometre(ctx.path(BAROMETRE_NATIONAL_FILE), None).assign(level=FRANCE_LEVEL)
    regions = drop_copied_regions(read_barometre(ctx.path(BAROMETRE_REGIONS_FILE), "reg")).assign(level="region")
    deps = read_barometre(ctx.path(BAROMETRE_DEPARTMENTS_FILE), "dep").assign(level="department")
    deps["code"] = deps["code"].map(department_code)
    frame = pd.concat([france, regions, deps], ignore_index=True)
    return tidy(frame[frame["period"] >= BAROMETRE_START], "ftth_coverage")


def read_commune_eligibility(path: Path) -> pd.DataFrame:
    """Commune eligibility counts: codes as INSEE strings (region None for Saint-Barthélemy/Saint-Martin)."""
    raw = read_csv(path, COMMUNE_COLUMNS)
    frame = pd.DataFrame(
        {
            "code_insee": raw["code_insee"],
            "department": raw["code_dep"].map(department_code),
            "region": raw["code_reg"].map(region_code),
            "period": raw["date"].str.strip(),
        }
    )
    for column in ["nbr", *ELIGIBILITY_COLUMNS]:
        frame[column] = to_number(raw[column], path)
    return frame


def eligibility_rates(communes: pd.DataFrame) -> pd.DataFrame:
    """Eligible / total premises summed per department, region and France (the COM 977/978 are no region: dropped)."""
    communes = communes.dropna(subset=["region"]).assign(**{FRANCE_LEVEL: FRANCE_CODE})
    counts = ["nbr", *ELIGIBILITY_COLUMNS]
    frames = []
    for level in ("department", "region", FRANCE_LEVEL):
        sums = communes.groupby([level, "period"], as_index=False)[counts].sum(min_count=1)
        sums = sums.rename(columns={level: "code"}).assign(level=level)
        long = sums.melt(["level", "code", "period", "nbr"], list(ELIGIBILITY_COLUMNS), "indicator", "eligible")
        long["value"] = long["eligible"] / long["nbr"] * 100
        long["indicator"] = long["indicator"].map(ELIGIBILITY_COLUMNS)
        frames.append(long)
    out = pd.concat(frames, ignore_index=True)
    return tidy(out.dropna(subset=["value"]))


def eligibility_facts(ctx: BuildContext) -> pd.DataFrame:
    """Eligibility by speed class at the end of 2022, departments and regions."""
    return eligibility_rates(read_commune_eligibility(ctx.path(COMMUNES_FILE)))


def read_maconnexion_2026(path: Path) -> pd.DataFrame:
    """Department shares and premises of the 2026 file: code, period, premises, ftth, thd30."""
    data = read_json(path)
    if "departments" not in data or "date" not in data:
        raise SourceFormatError(f"{path}: keys 'departments' and 'date' are expected")
    frame = pd.DataFrame.from_dict(data["departments"], orient="index")
    frame = frame.rename_axis("iso").reset_index()
    for column in ("premises", *SHARES_2026):
        if column not in frame.columns:
            raise SourceFormatError(f"{path}: field {column!r} is missing from the departments")
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype("float64")
    frame["code"] = frame["iso"].map(department_code)
    return frame.assign(period=data["date"])[["code", "period", "premises", *SHARES_2026]]


def premises_weighted_france(departments: pd.DataFrame, n_departments: int) -> pd.DataFrame:
    """France's shares as sum(share x premises) / sum(premises) over the departments, per indicator and period.

    The file has no national figure. A share is computed only where every department has premises and that
    share, because a partial sum would not be France.
    """
    long = departments.melt(["code", "period", "premises"], list(SHARES_2026), "column", "share")
    long = long.dropna(subset=["premises", "share"]).assign(weighted=lambda f: f["share"] * f["premises"])
    sums = long.groupby(["column", "period"], as_index=False).agg(
        weighted=("weighted", "sum"), premises=("premises", "sum"), n=("code", "nunique")
    )
    sums = sums[sums["n"] == n_departments]
    return sums.assign(
        level=FRANCE_LEVEL,
        code=FRANCE_CODE,
        indicator=sums["column"].map(SHARES_2026),
        value=sums["weighted"] / sums["premises"],
    )


def maconnexion_2026_facts(ctx: BuildContext) -> pd.DataFrame:
    """The 2026 department shares and France's, kept apart from the 2017-2022 series (address base)."""
    frame = read_maconnexion_2026(ctx.path(MACONNEXION_2026_FILE)).assign(level="department")
    departments = [
        tidy(frame.rename(columns={column: "value"}).dropna(subset=["value"]), indicator)
        for column, indicator in SHARES_2026.items()
    ]
    france = premises_weighted_france(frame, len(ctx.department_region()))
    return pd.concat([*departments, tidy(france)], ignore_index=True)


def read_mobile_sites(path: Path, code_column: str) -> pd.DataFrame:
    """Sites summed over the four operators (the file's `Total`): code, value."""
    raw = read_csv(path, [code_column, "Total"])
    return pd.DataFrame({"code": raw[code_column].str.strip(), "value": to_number(raw["Total"], path)})


def mobile_sites_facts(ctx: BuildContext) -> pd.DataFrame:
    """Sites per 100 000 inhabitants; the region file is used as published, not re-summed from departments."""
    regions = read_mobile_sites(ctx.path(SITES_REGIONS_FILE), "code_region").assign(level="region")
    regions["code"] = regions["code"].map(region_code)
    deps = read_mobile_sites(ctx.path(SITES_DEPARTMENTS_FILE), "code_departement").assign(level="department")
    deps["code"] = deps["code"].map(department_code)
    counts = pd.concat([regions, deps], ignore_index=True).assign(period=SITES_PERIOD)
    rates = ctx.per_capita(counts, 100_000)
    return tidy(rates.dropna(subset=["value"]), "mobile_sites_per_100k")


def read_ftth_counts(path: Path, level: str) -> pd.DataFrame:
    """Observatoire FttH counts: regions are joined on their name (the file's region code is empty)."""
    name, code = ("nom_region", "code_region") if level == "region" else ("nom_departement", "code_departement")
    raw = read_csv(path, [code, name, "annee", "trimestre", "nombre_de_logements_raccordables"])
    codes = (
        raw[name].map(lambda n: region_code_from_name(n, str(path)))
        if level == "region"
        else raw[code].map(department_code)
    )
    quarter_end = raw["trimestre"].str.strip().map(QUARTER_END)
    if quarter_end.isna().any():
        raise SourceFormatError(f"{path}: column 'trimestre' holds a value other than 1-4")
    return pd.DataFrame(
        {
            "level": level,
            "code": codes,
            "period": raw["annee"].str.strip() + "-" + quarter_end,
            "value": to_number(raw["nombre_de_logements_raccordables"], path),
        }
    )


def ftth_counts_facts(ctx: BuildContext) -> pd.DataFrame:
    """Connectable premises as published per region and department (metropolitan France only)."""
    frames = [
        read_ftth_counts(ctx.path(OBS_REGIONS_FILE), "region"),
        read_ftth_counts(ctx.path(OBS_DEPARTMENTS_FILE), "department"),
    ]
    frame = pd.concat(frames, ignore_index=True)
    return tidy(frame.dropna(subset=["value"]), "ftth_premises_connectable")


def facts(ctx: BuildContext) -> pd.DataFrame:
    """Every broadband indicator in the tidy fact shape."""
    return pd.concat(
        [
            ftth_coverage_facts(ctx),
            ftth_counts_facts(ctx),
            maconnexion_2026_facts(ctx),
            eligibility_facts(ctx),
            mobile_sites_facts(ctx),
        ],
        ignore_index=True,
    )
