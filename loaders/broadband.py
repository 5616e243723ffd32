"""Fixed and mobile network infrastructure: FttH coverage, eligibility by speed, mobile sites (ARCEP).

Four ARCEP bases coexist and are never spliced: the observatoire's "meilleure estimation des locaux"
(baromètre rates 2017-2022 and raw counts), and the address base of "Ma connexion internet" (2022 and 2026).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.catalogue import ESTIMATE, NOT_COVERED, Indicator, Source
from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, department_code, region_code, region_code_from_name
from loaders.context import BuildContext
from loaders.ditp import read_ditp, undated_zones
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
DITP_FTTH_FILE = "broadband/barometre_ditp_2025t1/ind-306.csv"
DITP_4G_FILE = "broadband/barometre_ditp_2025t1/ind-324.csv"

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
# Where the 2017-2022 and 2022-2025 files overlap they may differ by the old file's integer rounding only.
OVERLAP_TOLERANCE = 0.5
# The 2022-2025 values are published with two decimals; one is shown.
SHOWN_DECIMALS = 1
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
        "(2018 T1 – 2019 T3, 2020 T1) : valeurs écartées et estimées à partir des départements. Mayotte : pas de "
        "valeur départementale après 2020 T4.",
        caveats_en="Whole percentages rounded by the producer; denominator = “best estimate of premises” for "
        "each quarter (base changed in 2019-2020). National rate taken from the national file, from "
        "2017 Q4 like the regions (the file starts in 2017 Q1). The regional file repeats the values "
        "of Île-de-France for Normandie and of Corse for Grand Est over eight quarters (2018 Q1 – 2019 "
        "Q3, 2020 Q1): values discarded and estimated from the departments. Mayotte: no department value after "
        "2020 Q4.",
    ),
    Source(
        id="barometre_ditp_2025t1",
        publisher="Gouvernement, Baromètre des résultats de l'action publique (DITP) ; producteurs ARCEP et ANCT",
        title="Baromètre des résultats de l'action publique — taux de déploiement de la fibre (ind-306) et sites 4G "
        "du New Deal Mobile mis en service (ind-324), France, régions et départements",
        title_en="Baromètre des résultats de l'action publique (government results barometer) — fibre deployment "
        "rate (ind-306) and New Deal Mobile 4G sites in service (ind-324), France, regions and departments",
        url="https://www.data.gouv.fr/fr/datasets/barometre-des-resultats-de-laction-publique/",
        licence=LICENCE,
        vintage="FttH 2022 T2 – 2025 T1 ; New Deal Mobile mai 2022 – juin 2025 "
        "(dépôt DITP-pilotage/barometre-resultats, commit 0223a2e)",
        files=(DITP_FTTH_FILE, DITP_4G_FILE),
        caveats="Fichiers de données du baromètre copiés à l'identique. Taux FttH à deux décimales, même base ARCEP "
        "(« meilleure estimation des locaux ») que le baromètre 2017-2022 : sur les trimestres communs (2022 T2 et T3) "
        "les deux fichiers concordent à l'arrondi entier près (écart ≤ 0,5 point, vérifié à chaque construction). Les "
        "lignes datées du 1er décembre 2026 portent une cible (100 %), jamais une valeur. Sites 4G : compte cumulé "
        "déclaré par les opérateurs à l'ANCT, France métropolitaine seulement.",
        caveats_en="Data files of the barometer copied byte for byte. FttH rates with two decimals, same ARCEP base "
        "(“best estimate of premises”) as the 2017-2022 barometer: on the common quarters (2022 Q2 and Q3) the two "
        "files agree within whole-number rounding (difference ≤ 0.5 point, checked at every build). Rows dated "
        "1 December 2026 carry a target (100%), never a value. 4G sites: cumulative count reported by the operators "
        "to ANCT, metropolitan France only.",
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
        "le fichier : régions et France sont calculées ici (parts départementales pondérées par les locaux).",
        caveats_en="Shares to one decimal computed from departement_techno.csv / departement_debit.csv "
        "(data.arcep.fr), taken from the GitHub repository codealchemist/mapstats (commit 2f7abd5). "
        "Address base, different from the observatory: series break with the 2017-2022 barometer. No "
        "regional or national value in the file: regions and France are computed here (department "
        "shares weighted by premises).",
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
    "Le fichier ne donne que les départements : régions et France sont calculées ici, parts départementales "
    "pondérées par le nombre de locaux que la source donne pour chaque département (écart possible de ±0,05 point, "
    "les parts étant publiées à une décimale)."
)
WEIGHTED_2026_EN = (
    "The file gives departments only: regions and France are computed here, department shares weighted by the "
    "number of premises the source gives for each department (possible error of ±0.05 point, as shares are "
    "published to one decimal)."
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
        decimals=1,
        definition_fr="Part des locaux raccordables à la fibre jusqu'à l'abonné (FttH), chaque fin de trimestre : "
        "locaux raccordables / meilleure estimation des locaux (ARCEP, valeurs du Baromètre des résultats de "
        "l'action publique), de 2017 T4 à 2025 T1.",
        definition_en="Share of premises that can be connected to fibre to the home (FttH), at each quarter end: "
        "connectable premises / best estimate of premises (ARCEP, values of the government's results barometer), "
        "2017 Q4 to 2025 Q1.",
        source_ids=("barometre_thd", "barometre_ditp_2025t1", "arcep_observatoire_ftth_2022t2"),
        caveats_fr=f"{FTTH_BREAK_FR} Valeurs entières jusqu'en 2022 T1, puis à deux décimales (une seule affichée) "
        "à partir de 2022 T2 : les deux fichiers concordent à l'arrondi près sur les trimestres communs. Normandie et "
        "Grand Est, huit trimestres (2018 T1 – 2019 T3, 2020 T1) : la source y reprend les valeurs d'une autre "
        "région ; ils sont estimés ici (drapeau « estimation ») comme la moyenne des taux départementaux pondérée "
        "par les locaux de chaque département estimés par l'ARCEP au 2e trimestre 2022, seul décompte de locaux "
        "disponible pour ces trimestres (la méthode reproduit les taux régionaux publiés à 0,3 point près en "
        "moyenne). Mayotte : 0 % publié (aucun réseau FttH déclaré), pas de valeur départementale de 2021 T1 à "
        "2022 T1. France : taux national publié, pas recalculé à partir des régions ; gardé à partir de 2017 T4 "
        "comme les régions. Les chiffres 2026 de Ma connexion internet sont une autre série.",
        caveats_en=f"{FTTH_BREAK_EN} Whole numbers until 2022 Q1, then two decimals (one shown) from 2022 Q2: the "
        "two files agree within rounding on their common quarters. Normandie and Grand Est, eight quarters (2018 Q1 – "
        "2019 Q3, 2020 Q1): the source repeats another region's values there; they are estimated here (flag "
        "“estimate”) as the average of the department rates weighted by each department's premises as estimated "
        "by ARCEP in 2022 Q2, the only premises count available for those quarters (the method reproduces the "
        "published regional rates within 0.3 point on average). Mayotte: 0% published (no FttH network declared), "
        "no department value from 2021 Q1 to 2022 Q1. France: the national rate as published, not recomputed from "
        "regions; kept from 2017 Q4 like the regions. The 2026 Ma connexion internet figures are another series.",
        levels=("region", "department", FRANCE_LEVEL),
    ),
    Indicator(
        id="ftth_premises_connectable",
        label_fr="Locaux raccordables à la fibre (FttH)",
        label_en="Premises connectable to fibre (FttH)",
        unit="count",
        pillar="infrastructure",
        polarity=0,
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
        f"raccorder à la couverture FttH 2017-2025. {WEIGHTED_2026_FR}",
        caveats_en="Ma connexion internet address base, unlike the observatory: a new series, not to be joined to the "
        f"2017-2025 FttH coverage. {WEIGHTED_2026_EN}",
        levels=("region", "department", FRANCE_LEVEL),
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
        caveats_fr=f"{WIRELESS_FR} Près de 100 % partout : ne distingue pas les territoires. {WEIGHTED_2026_FR}",
        caveats_en=f"{WIRELESS_EN} Close to 100% everywhere: does not discriminate. {WEIGHTED_2026_EN}",
        levels=("region", "department", FRANCE_LEVEL),
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
        polarity=0,
        decimals=1,
        definition_fr="Sites d'opérateurs mobiles (un pylône partagé compte une fois par opérateur : Orange, SFR, "
        "Bouygues Telecom, Free Mobile) pour 100 000 habitants (population légale 2023), vers 2024.",
        definition_en="Mobile operators' sites (a shared mast counts once per operator: Orange, SFR, Bouygues Telecom, "
        "Free Mobile) per 100,000 inhabitants (2023 legal population), around 2024.",
        source_ids=("arcep_sites_mobiles_2024", "insee_populations_legales"),
        caveats_fr="Nombre d'antennes, pas couverture. Indicateur de contexte, sans sens « meilleur » : il suit "
        "surtout la faible densité (il faut des antennes pour couvrir l'espace, peu d'habitants les partagent), "
        "d'où près de 800 sites pour 100 000 habitants en Lozère contre moins de 80 dans le Val-de-Marne. "
        "Date exacte du fichier ARCEP non indiquée (≈ début 2024). France métropolitaine "
        "seulement, donc pas de valeur pour la France entière.",
        caveats_en="Counts of sites, not coverage. A context indicator with no “better” direction: it mostly follows "
        "low density (masts are needed to cover space, and few inhabitants share them), hence nearly 800 sites "
        "per 100,000 inhabitants in Lozère against fewer than 80 in Val-de-Marne. "
        "Exact date of the ARCEP file not stated (≈ early 2024). Metropolitan France only, hence no value for France "
        "as a whole.",
    ),
    Indicator(
        id="new_deal_4g_sites",
        label_fr="Sites 4G du New Deal Mobile mis en service",
        label_en="New Deal Mobile 4G sites in service",
        unit="count",
        pillar="infrastructure",
        polarity=0,
        decimals=0,
        definition_fr="Nombre cumulé de sites 4G mis en service au titre du dispositif de couverture ciblée et de la "
        "« 4G fixe » du New Deal Mobile (accord de 2018 entre l'État et les opérateurs), déclaré à l'ANCT.",
        definition_en="Cumulative number of 4G sites put in service under the targeted-coverage scheme and the "
        "“fixed 4G” of the New Deal Mobile (2018 agreement between the State and the operators), as reported to "
        "ANCT.",
        source_ids=("barometre_ditp_2025t1",),
        caveats_fr="France métropolitaine seulement : les territoires d'outre-mer ne relèvent pas du programme "
        "(« non concerné », ce qui n'est ni une absence de donnée ni zéro). Un compte, pas un taux : il dépend de "
        "la taille du territoire et des zones blanches qu'il avait à couvrir. France : total métropolitain publié.",
        caveats_en="Metropolitan France only: overseas territories are outside the programme (“not covered”, which "
        "is neither missing data nor zero). A count, not a rate: it depends on the territory's size and on the "
        "coverage gaps it had to fill. France: the published metropolitan total.",
        levels=("region", "department", FRANCE_LEVEL),
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


def department_premises(ctx: BuildContext) -> pd.Series:
    """ARCEP's T2 2022 best estimate of premises per metropolitan department: the only premises count for 2018-2020."""
    raw = read_csv(ctx.path(OBS_DEPARTMENTS_FILE), ["code_departement", "meilleure_estimation_des_locaux_t2_2022"])
    frame = pd.DataFrame(
        {
            "code": raw["code_departement"].map(department_code),
            "premises": to_number(raw["meilleure_estimation_des_locaux_t2_2022"], OBS_DEPARTMENTS_FILE),
        }
    ).drop_duplicates()
    if frame["code"].duplicated().any():
        raise SourceFormatError(f"{OBS_DEPARTMENTS_FILE}: several premises estimates for one department")
    return frame.set_index("code")["premises"]


def premises_weighted(departments: pd.DataFrame, weights: pd.Series, parent: dict[str, str]) -> pd.DataFrame:
    """Department rates (code, period, value) averaged into their parents, weighted by premises.

    A parent gets a value only where every one of its departments has a rate and a weight: a partial average
    would not describe the parent.
    """
    frame = departments.assign(parent=departments["code"].map(parent), weight=departments["code"].map(weights))
    frame = frame.dropna(subset=["parent", "weight", "value"]).assign(weighted=lambda f: f["value"] * f["weight"])
    sums = frame.groupby(["parent", "period"], as_index=False).agg(
        weighted=("weighted", "sum"), weight=("weight", "sum"), n=("code", "nunique")
    )
    expected = pd.Series(parent).value_counts()
    sums = sums[sums["n"] == sums["parent"].map(expected)]
    return pd.DataFrame(
        {"code": sums["parent"], "period": sums["period"], "value": sums["weighted"] / sums["weight"]}
    ).reset_index(drop=True)


def recover_copied_regions(regions: pd.DataFrame, departments: pd.DataFrame, ctx: BuildContext) -> pd.DataFrame:
    """The regional values the publisher copied from another region, estimated from the region's departments."""
    parent = {d: r for d, r in ctx.department_region().items() if r in COPIED_FROM}
    estimates = premises_weighted(departments, department_premises(ctx), parent)
    estimates = estimates[estimates["period"].isin(COPIED_QUARTERS)]
    published = set(zip(regions["code"], regions["period"], strict=True))
    missing = [key not in published for key in zip(estimates["code"], estimates["period"], strict=True)]
    return estimates[missing].assign(flag=ESTIMATE, decimals=0)


def check_overlap(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Both files' values where they overlap; the build stops, naming them, if they differ beyond rounding.

    The 2017-2022 file publishes whole percentages, the 2022-2025 file two decimals of the same ARCEP series,
    so a difference above half a point means the publisher restated the series.
    """
    both = old.merge(new, on=["level", "code", "period"], suffixes=("_old", "_new"))
    if both.empty:
        raise SourceFormatError(f"{DITP_FTTH_FILE} no longer overlaps {BAROMETRE_REGIONS_FILE}: cannot check it")
    moved = both[(both["value_new"] - both["value_old"]).abs() > OVERLAP_TOLERANCE + 1e-9]
    if not moved.empty:
        raise SourceFormatError(
            f"{DITP_FTTH_FILE} differs from the 2017-2022 baromètre by more than {OVERLAP_TOLERANCE} point on "
            f"{len(moved)} values (a restatement to look at):\n{moved.to_string(index=False)}"
        )
    return both


def ftth_coverage_2022(ctx: BuildContext) -> pd.DataFrame:
    """The 2017 T4 - 2022 T3 baromètre: whole percentages, the copied regional quarters estimated."""
    france = read_barometre(ctx.path(BAROMETRE_NATIONAL_FILE), None).assign(level=FRANCE_LEVEL)
    regions = drop_copied_regions(read_barometre(ctx.path(BAROMETRE_REGIONS_FILE), "reg"))
    deps = read_barometre(ctx.path(BAROMETRE_DEPARTMENTS_FILE), "dep")
    deps["code"] = deps["code"].map(department_code)
    regions = pd.concat([regions, recover_copied_regions(regions, deps, ctx)], ignore_index=True)
    frame = pd.concat(
        [france, regions.assign(level="region"), deps.assign(level="department")], ignore_index=True
    ).fillna({"decimals": 0})
    return frame[frame["period"] >= BAROMETRE_START]


def ftth_coverage_facts(ctx: BuildContext) -> pd.DataFrame:
    """One official quarterly FttH series, 2017 T4 - 2025 T1, France, regions and departments.

    The 2022-2025 file takes over from its first quarter (T2 2022), after checking the overlap.
    """
    old = ftth_coverage_2022(ctx)
    new = read_ditp(ctx.path(DITP_FTTH_FILE)).assign(decimals=SHOWN_DECIMALS)
    check_overlap(old, new)
    frame = pd.concat([old[old["period"] < new["period"].min()], new], ignore_index=True)
    return tidy(frame, "ftth_coverage")


def new_deal_facts(ctx: BuildContext) -> pd.DataFrame:
    """4G sites of the New Deal Mobile; zones the file lists without a date are outside the programme."""
    path = ctx.path(DITP_4G_FILE)
    sites = read_ditp(path)
    periods = pd.DataFrame({"period": sorted(sites["period"].unique())})
    outside = undated_zones(path).merge(periods, how="cross").assign(value=float("nan"), flag=NOT_COVERED)
    return tidy(pd.concat([sites, outside], ignore_index=True), "new_deal_4g_sites")


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


def maconnexion_2026_facts(ctx: BuildContext) -> pd.DataFrame:
    """The 2026 department shares, and regions' and France's weighted by premises (address base, kept apart)."""
    frame = read_maconnexion_2026(ctx.path(MACONNEXION_2026_FILE))
    dep_region = ctx.department_region()
    parents = {"region": dep_region, FRANCE_LEVEL: dict.fromkeys(dep_region, FRANCE_CODE)}
    weights = frame.set_index("code")["premises"]
    out = []
    for column, indicator in SHARES_2026.items():
        departments = frame.rename(columns={column: "value"})[["code", "period", "value"]].dropna(subset=["value"])
        out.append(tidy(departments.assign(level="department"), indicator))
        for level, parent in parents.items():
            out.append(tidy(premises_weighted(departments, weights, parent).assign(level=level), indicator))
    return pd.concat(out, ignore_index=True)


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
            new_deal_facts(ctx),
        ],
        ignore_index=True,
    )
