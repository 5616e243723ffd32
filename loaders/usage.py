"""Digital usage: Eurostat ICT household survey (NUTS regions, French regions derived), Insee illectronism,
and the France Num business-adoption counts of the Baromètre des résultats de l'action publique.

Eurostat publishes the regional survey by NUTS code. For France, NUTS 1 are the 13 metropolitan regions and
NUTS 2 the 22 pre-2016 regions plus the five outermost regions (DESIGN.md §6). A French region takes, in
this order: the published NUTS 1 value; the value of the single NUTS 2 that covers it whole; or the mean of
its NUTS 2 parts weighted by legal population, computed only when every part has a value that year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from loaders.catalogue import Indicator, Source
from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, NUTS1_TO_REGION, NUTS2_TO_REGION, department_code, region_code
from loaders.io import SourceFormatError, read_csv, read_json, to_number
from loaders.population import nearest_vintage
from loaders.precision import published_decimals
from loaders.tidy import tidy

if TYPE_CHECKING:
    from pathlib import Path

    from loaders.context import BuildContext

WEEKLY_FILE = "usage/eurostat_oecd_g11/EuroStat-regional-internet-usage.csv"
PURCHASE_FILE = "usage/eurostat_oecd_g11/EuroStat-regional-goods-services.csv"
ACCESS_FILE = "usage/eurostat_oecd_g11/EuroStat-regional-internet-access.csv"
ACCESS_FR_FILE = "usage/eurostat_isoc_r_iacc_h_FR_2006_2025.csv"
DAILY_FILE = "usage/eurostat_isoc_r_iuse_i_I_IDAY_2006_2019.csv"
BAROMETRE_REGION_FILE = "usage/barometre_resultats_numerique_regional.csv"
BAROMETRE_DEPARTMENT_FILE = "usage/barometre_resultats_numerique_departemental.csv"
# France's counts as published by the baromètre front-end (national series; see the source caveats).
BAROMETRE_NATIONAL_FILE = "broadband/barometre_etalab_2022t3/OVQ-ATN-national.json"
ILLECTRONISM_FILE = "usage/transcribed/insee_illectronisme_regions.csv"
# Insee Première 1953 measures non-use over the last 3 months in 2021 (12 months in the 2019 survey).
ILLECTRONISM_BREAK_YEAR = "2021"

# Eurostat observation flags, in order of precedence when several apply to one value: low reliability first
# (the value itself may be noise), then a break in series (only trends are affected).
EUROSTAT_FLAGS = {"u": "low_reliability", "b": "series_break", "e": "estimate"}
# Flag of a region computed here from its NUTS 2 parts when no part carries a stronger Eurostat flag.
AGGREGATE_FLAG = "estimate"
NUTS_CODE = r"[A-Z]{2}[A-Z0-9]{0,2}"

# Departments of each pre-2016 region that is now part of a larger region (NUTS 2016/2021, level 2). The
# sums of their legal populations weight the NUTS 2 values. Every other French NUTS 2 covers one region whole.
NUTS2_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "FRC1": ("21", "58", "71", "89"),  # Bourgogne
    "FRC2": ("25", "39", "70", "90"),  # Franche-Comté
    "FRD1": ("14", "50", "61"),  # Basse-Normandie
    "FRD2": ("27", "76"),  # Haute-Normandie
    "FRE1": ("59", "62"),  # Nord-Pas-de-Calais
    "FRE2": ("02", "60", "80"),  # Picardie
    "FRF1": ("67", "68"),  # Alsace
    "FRF2": ("08", "10", "51", "52"),  # Champagne-Ardenne
    "FRF3": ("54", "55", "57", "88"),  # Lorraine
    "FRI1": ("24", "33", "40", "47", "64"),  # Aquitaine
    "FRI2": ("19", "23", "87"),  # Limousin
    "FRI3": ("16", "17", "79", "86"),  # Poitou-Charentes
    "FRJ1": ("11", "30", "34", "48", "66"),  # Languedoc-Roussillon
    "FRJ2": ("09", "12", "31", "32", "46", "65", "81", "82"),  # Midi-Pyrénées
    "FRK1": ("03", "15", "43", "63"),  # Auvergne
    "FRK2": ("01", "07", "26", "38", "42", "69", "73", "74"),  # Rhône-Alpes
}
NUTS2_WHOLE_REGION = {nuts: reg for nuts, reg in NUTS2_TO_REGION.items() if nuts not in NUTS2_DEPARTMENTS}

BAROMETRE_INDICATORS = {
    "nb-diagnostics-individualises": "francenum_diagnostics_per_100k",
    "nb-entreprises-cheaque-numerique": "cheque_numerique_per_100k",
}
# A transcribed rate counts as approximate when the note quotes it loosely ("près de 12 %", "un sur six",
# a figure quoted by the press rather than by Insee).
APPROXIMATE_RATE = re.compile(r"pr[eè]s de [\d.,]+ ?%|\bun \w+ sur \w+|quoted by", re.IGNORECASE)

EUROSTAT_LICENCE = "© Union européenne, réutilisation selon la politique de droits d'auteur d'Eurostat (CC BY 4.0)"
G11_COPY = (
    "Export SDMX-CSV non modifié, copié du dépôt GitHub khushiijain/G11-Internet-Usage (commit 82b0da37, 2023-11). "
    "NUTS 2 seulement ; pas de données régionales françaises en 2020."
)
G11_COPY_EN = (
    "Unmodified SDMX-CSV export, copied from the GitHub repository khushiijain/G11-Internet-Usage "
    "(commit 82b0da37, 2023-11). NUTS 2 only; no French regional data for 2020."
)

SOURCES = [
    Source(
        id="eurostat_tgs00050",
        publisher="Eurostat (enquête communautaire TIC ménages ; Insee pour la France)",
        title="Individuals regularly using the internet by NUTS 2 regions (tgs00050)",
        title_en="Individuals regularly using the internet by NUTS 2 regions (tgs00050)",
        url="https://ec.europa.eu/eurostat/databrowser/view/tgs00050/default/table",
        licence=EUROSTAT_LICENCE,
        vintage="Extraction 2023-11, années 2011-2022",
        files=(WEEKLY_FILE,),
        caveats=G11_COPY,
        caveats_en=G11_COPY_EN,
    ),
    Source(
        id="eurostat_tgs00052",
        publisher="Eurostat (enquête communautaire TIC ménages ; Insee pour la France)",
        title="Individuals who ordered goods or services over the internet for private use in the last year "
        "by NUTS 2 regions (tgs00052)",
        title_en="Individuals who ordered goods or services over the internet for private use in the last year "
        "by NUTS 2 regions (tgs00052)",
        url="https://ec.europa.eu/eurostat/databrowser/view/tgs00052/default/table",
        licence=EUROSTAT_LICENCE,
        vintage="Extraction 2023-11, années 2011-2022",
        files=(PURCHASE_FILE,),
        caveats=G11_COPY,
        caveats_en=G11_COPY_EN,
    ),
    Source(
        id="eurostat_tgs00047",
        publisher="Eurostat (enquête communautaire TIC ménages ; Insee pour la France)",
        title="Households that have internet access at home by NUTS 2 regions (tgs00047)",
        title_en="Households that have internet access at home by NUTS 2 regions (tgs00047)",
        url="https://ec.europa.eu/eurostat/databrowser/view/tgs00047/default/table",
        licence=EUROSTAT_LICENCE,
        vintage="Extraction 2023-11, années 2011-2022",
        files=(ACCESS_FILE,),
        caveats=G11_COPY + " Remplacé pour les codes français par isoc_r_iacc_h (millésime plus récent).",
        caveats_en=G11_COPY_EN + " Replaced for French codes by isoc_r_iacc_h (more recent vintage).",
    ),
    Source(
        id="eurostat_isoc_r_iacc_h_fr",
        publisher="Eurostat (enquête communautaire TIC ménages ; Insee pour la France)",
        title="Households with internet access at home by NUTS regions (isoc_r_iacc_h) — lignes françaises",
        title_en="Households with internet access at home by NUTS regions (isoc_r_iacc_h) — French rows",
        url="https://ec.europa.eu/eurostat/databrowser/view/isoc_r_iacc_h/default/table",
        licence=EUROSTAT_LICENCE,
        vintage="Mise à jour Eurostat du 25/06/2026, années 2006-2025",
        files=(ACCESS_FR_FILE,),
        caveats="Lignes françaises (NUTS 0, 1, 2) retranscrites de l'export SDMX-CSV conservé dans le dépôt GitHub "
        "vedranu/digital-divide-eu-agriculture (commit 02d1a393) ; identiques à tgs00047 sur 2014-2022. "
        "Pas de 2020, pas de Mayotte ; toutes les valeurs régionales 2025 et toute la Corse en faible fiabilité.",
        caveats_en="French rows (NUTS 0, 1, 2) transcribed from the SDMX-CSV export kept in the GitHub "
        "repository vedranu/digital-divide-eu-agriculture (commit 02d1a393); identical to tgs00047 "
        "over 2014-2022. No 2020, no Mayotte; all 2025 regional values and all of Corse flagged as "
        "low reliability.",
    ),
    Source(
        id="eurostat_isoc_r_iuse_i_iday",
        publisher="Eurostat (enquête communautaire TIC ménages ; Insee pour la France)",
        title="Individuals who used the internet daily, by NUTS regions (isoc_r_iuse_i, I_IDAY)",
        title_en="Individuals who used the internet daily, by NUTS regions (isoc_r_iuse_i, I_IDAY)",
        url="https://ec.europa.eu/eurostat/databrowser/view/isoc_r_iuse_i/default/table",
        licence=EUROSTAT_LICENCE,
        vintage="Extraction vers 2020, années 2006-2019",
        files=(DAILY_FILE,),
        caveats="Objet R daily_internet_users du paquet rOpenGov/regions (commit 0890afe9), converti en CSV sans "
        "changer de valeur. Valeurs arrondies à l'entier, sans drapeaux Eurostat ; versions NUTS possiblement "
        "mélangées pour les années anciennes.",
        caveats_en="R object daily_internet_users of the rOpenGov/regions package (commit 0890afe9), converted "
        "to CSV without changing any value. Values rounded to whole numbers, without Eurostat flags; "
        "NUTS versions possibly mixed for early years.",
    ),
    Source(
        id="barometre_action_publique",
        publisher="Direction interministérielle de la transformation publique (DITP) / Etalab",
        title="Baromètre des résultats de l'action publique — détail régional et départemental "
        "(diagnostics France Num, chèque numérique)",
        title_en="Baromètre des résultats de l'action publique (government results barometer) — regional and "
        "department detail (France Num diagnoses, digital vouchers)",
        url="https://www.data.gouv.fr/fr/datasets/barometre-des-resultats-de-laction-publique/",
        licence="Licence Ouverte / Etalab 2.0",
        vintage="2023-01-19 (séries mensuelles 2021-01 à 2022-11)",
        files=(BAROMETRE_REGION_FILE, BAROMETRE_DEPARTMENT_FILE, BAROMETRE_NATIONAL_FILE),
        caveats="Régions et départements : extrait filtré du dépôt GitHub etalab/barometre-resultats-donnees (commit "
        "825d4454), valeurs non modifiées. France : fichier national OVQ-ATN du dépôt etalab/barometre-resultats "
        "(export du 2023-01-06). Cumuls depuis le lancement des dispositifs ; certains mois manquent ; séries "
        "arrêtées fin 2022.",
        caveats_en="Regions and departments: filtered extract of the GitHub repository "
        "etalab/barometre-resultats-donnees (commit 825d4454), values unchanged. France: national "
        "OVQ-ATN file of the etalab/barometre-resultats repository (export of 2023-01-06). Cumulative "
        "since the schemes were launched; some months are missing; series stop at the end of 2022.",
    ),
    Source(
        id="insee_illectronisme_regions",
        publisher="Insee (études régionales Insee Analyses et Insee Flash, 2020-2023)",
        title="Illectronisme en France (2019, 2021) et par région (2019), enquête TIC ménages — taux transcrits des "
        "publications",
        title_en="Digital exclusion (illectronism) in France (2019, 2021) and by region (2019), ICT household "
        "survey — rates transcribed from the publications",
        url="https://www.insee.fr/fr/statistiques/4241397",
        licence="© Insee, réutilisation avec mention de la source",
        vintage="2019 et 2021 (publications de 2019 à 2023)",
        files=(ILLECTRONISM_FILE,),
        caveats="Taux arrondis tels qu'imprimés, retranscrits à la main ; chaque ligne du fichier cite sa "
        "publication (source_url). Études régionales non harmonisées entre elles.",
        caveats_en="Rounded rates as printed, transcribed by hand; each row of the file cites its publication "
        "(source_url). Regional studies not harmonised with one another.",
    ),
]

REGION_METHOD_FR = (
    "Régions : valeur NUTS 1 publiée par Eurostat quand elle existe ; sinon valeur de l'unique NUTS 2 qui couvre la "
    "région (Île-de-France, Centre-Val de Loire, Pays de la Loire, Bretagne, PACA, Corse, DROM) ; sinon moyenne "
    "des anciennes régions (NUTS 2) pondérée par la population légale, calculée seulement si toutes ont une "
    "valeur et marquée « estimation »."
)
REGION_METHOD_EN = (
    "Regions: the NUTS 1 value published by Eurostat where it exists; otherwise the value of the single NUTS 2 "
    "covering the region (Île-de-France, Centre-Val de Loire, Pays de la Loire, Bretagne, PACA, Corse, overseas); "
    "otherwise the mean of the former regions (NUTS 2) weighted by legal population, computed only when all of them "
    "have a value, and flagged 'estimate'."
)
SURVEY_FR = (
    "Enquête par sondage : petits échantillons régionaux (écarts de ±5 points d'une année à l'autre), Corse en "
    "faible fiabilité ; aucune donnée régionale française en 2020 ; pas de Mayotte."
)
SURVEY_EN = (
    "Sample survey: small regional samples (±5 points from one year to the next), Corsica of low reliability; no "
    "French regional data for 2020; no Mayotte."
)
EUROSTAT_FRANCE_FR = (
    " France : agrégat national publié par Eurostat (code FR), sur le champ de l'enquête, pas une somme des 101 "
    "départements."
)
EUROSTAT_FRANCE_EN = (
    " France: the national aggregate published by Eurostat (code FR), on the survey's scope, not a sum of the 101 "
    "departments."
)
NO_FRANCE_FR = " Pas de valeur France : le tableau n'en publie pas, et une moyenne des régions n'en serait pas une."
NO_FRANCE_EN = " No value for France: the table publishes none, and a mean of the regions would not be one."
NUTS2_ONLY_FR = (
    " Tableau publié au niveau NUTS 2 seulement : Bourgogne-Franche-Comté, Normandie, Hauts-de-France, Grand Est, "
    "Nouvelle-Aquitaine, Occitanie et Auvergne-Rhône-Alpes sont donc toujours des estimations pondérées."
)
NUTS2_ONLY_EN = (
    " Table published at NUTS 2 only: Bourgogne-Franche-Comté, Normandie, Hauts-de-France, Grand Est, "
    "Nouvelle-Aquitaine, Occitanie and Auvergne-Rhône-Alpes are therefore always weighted estimates."
)
BAROMETRE_CAVEATS_FR = (
    "Indicateur d'adoption numérique des entreprises, rapporté aux habitants faute de nombre d'entreprises par "
    "territoire ; cumul depuis le lancement du dispositif ; quelques mois absents de la source ; arrêt fin 2022. "
    "France : total national publié par le baromètre ; depuis mi-2021, il dépasse légèrement (moins de 0,5 %) la "
    "somme des départements, écart que la source n'explique pas."
)
BAROMETRE_CAVEATS_EN = (
    "Business digital-adoption indicator, divided by inhabitants for lack of firm counts per territory; cumulative "
    "since the scheme started; a few months missing from the source; stops at the end of 2022. France: the national "
    "total published by the barometer; since mid-2021 it slightly exceeds (by less than 0.5%) the sum of the "
    "departments, a gap the source does not explain."
)

INDICATORS = [
    Indicator(
        id="internet_weekly_use",
        label_fr="Usage régulier d'internet",
        label_en="Regular internet use",
        unit="%",
        pillar="usage",
        polarity=1,
        decimals=1,
        definition_fr="Part des personnes de 16 à 74 ans ayant utilisé internet au moins une fois par semaine au "
        "cours des trois derniers mois (Eurostat tgs00050, I_IUSE). " + REGION_METHOD_FR,
        definition_en="Share of people aged 16-74 who used the internet at least once a week in the last three "
        "months (Eurostat tgs00050, I_IUSE). " + REGION_METHOD_EN,
        source_ids=("eurostat_tgs00050", "insee_populations_legales"),
        caveats_fr=SURVEY_FR + NUTS2_ONLY_FR + NO_FRANCE_FR,
        caveats_en=SURVEY_EN + NUTS2_ONLY_EN + NO_FRANCE_EN,
        levels=("region", "nuts2"),
    ),
    Indicator(
        id="online_purchase",
        label_fr="Achats en ligne",
        label_en="Online purchases",
        unit="%",
        pillar="usage",
        polarity=1,
        decimals=1,
        definition_fr="Part des personnes de 16 à 74 ans ayant commandé des biens ou des services sur internet pour "
        "un usage privé au cours des 12 derniers mois (Eurostat tgs00052, I_BLT12). " + REGION_METHOD_FR,
        definition_en="Share of people aged 16-74 who ordered goods or services online for private use in the last "
        "12 months (Eurostat tgs00052, I_BLT12). " + REGION_METHOD_EN,
        source_ids=("eurostat_tgs00052", "insee_populations_legales"),
        caveats_fr=SURVEY_FR + NUTS2_ONLY_FR + NO_FRANCE_FR,
        caveats_en=SURVEY_EN + NUTS2_ONLY_EN + NO_FRANCE_EN,
        levels=("region", "nuts2"),
    ),
    Indicator(
        id="household_internet_access",
        label_fr="Ménages ayant accès à internet",
        label_en="Households with internet access",
        unit="%",
        pillar="usage",
        polarity=1,
        decimals=1,
        definition_fr="Part des ménages (au moins un membre de 16 à 74 ans) disposant d'un accès à internet à "
        "domicile (Eurostat isoc_r_iacc_h / tgs00047). " + REGION_METHOD_FR,
        definition_en="Share of households (at least one member aged 16-74) with internet access at home (Eurostat "
        "isoc_r_iacc_h / tgs00047). " + REGION_METHOD_EN,
        source_ids=("eurostat_isoc_r_iacc_h_fr", "eurostat_tgs00047", "insee_populations_legales"),
        caveats_fr=SURVEY_FR + " France : 2006-2025 (régions : Île-de-France et Auvergne-Rhône-Alpes dès 2008, "
        "les autres dès 2014 ou 2015) ; autres pays : NUTS 2, 2011-2022." + EUROSTAT_FRANCE_FR,
        caveats_en=SURVEY_EN + " France: 2006-2025 (regions: Île-de-France and Auvergne-Rhône-Alpes from 2008, the "
        "others from 2014 or 2015); other countries: NUTS 2, 2011-2022." + EUROSTAT_FRANCE_EN,
        levels=("region", "nuts0", "nuts1", "nuts2"),
    ),
    Indicator(
        id="internet_daily_use",
        label_fr="Usage quotidien d'internet",
        label_en="Daily internet use",
        unit="%",
        pillar="usage",
        polarity=1,
        decimals=0,
        definition_fr="Part des personnes de 16 à 74 ans utilisant internet tous les jours ou presque (Eurostat "
        "isoc_r_iuse_i, I_IDAY). " + REGION_METHOD_FR,
        definition_en="Share of people aged 16-74 using the internet every day or almost every day (Eurostat "
        "isoc_r_iuse_i, I_IDAY). " + REGION_METHOD_EN,
        source_ids=("eurostat_isoc_r_iuse_i_iday", "insee_populations_legales"),
        caveats_fr=SURVEY_FR + " Valeurs arrondies à l'entier, sans drapeaux de fiabilité ; régions françaises "
        "2014-2019 (Île-de-France et Auvergne-Rhône-Alpes dès 2011)." + EUROSTAT_FRANCE_FR,
        caveats_en=SURVEY_EN + " Values rounded to integers, without reliability flags; French regions 2014-2019 "
        "(Île-de-France and Auvergne-Rhône-Alpes from 2011)." + EUROSTAT_FRANCE_EN,
        levels=("region", "nuts0", "nuts1", "nuts2"),
    ),
    Indicator(
        id="illectronism_rate",
        label_fr="Illectronisme",
        label_en="Digital exclusion (illectronism)",
        unit="%",
        pillar="usage",
        polarity=-1,
        decimals=0,
        definition_fr="Part des personnes de 15 ans ou plus n'ayant pas utilisé internet dans l'année ou sans aucune "
        "compétence numérique de base (Insee, enquête TIC ménages 2019), taux publiés par les études régionales ; "
        "France : taux nationaux de l'Insee (Insee Première n° 1780 pour 2019, n° 1953 pour 2021).",
        definition_en="Share of people aged 15 or over who did not use the internet in the year or have no basic "
        "digital skill (Insee, ICT household survey 2019), rates published by regional studies; France: Insee's "
        "national rates (Insee Première no. 1780 for 2019, no. 1953 for 2021).",
        source_ids=("insee_illectronisme_regions",),
        caveats_fr="Seulement les régions dont l'étude publie un taux chiffré (six régions) ; taux affichés avec les "
        "décimales publiées (entiers pour les régions, 15,4 % pour la France en 2021) ; "
        "« estimation » quand le taux est donné de façon approchée (« près de », « un sur six », reprise presse). "
        "France : taux publiés, pas recalculés à partir des régions ; en 2021, non-usage mesuré sur trois mois et non "
        "plus sur douze (marqué « rupture de série »).",
        caveats_en="Only regions whose study prints a numeric rate (six regions); rates shown with the decimals "
        "published (integers for the regions, 15.4% for France in 2021); 'estimate' where the rate is given "
        "loosely ('nearly', 'one in six', quoted by the press). France: published rates, not "
        "recomputed from regions; in 2021 non-use is measured over three months instead of twelve (flagged "
        "'series break').",
        levels=("region", FRANCE_LEVEL),
    ),
    Indicator(
        id="francenum_diagnostics_per_100k",
        label_fr="Diagnostics numériques France Num pour 100 000 habitants",
        label_en="France Num digital diagnoses per 100,000 inhabitants",
        unit="per_100k",
        pillar="usage",
        polarity=1,
        decimals=1,
        definition_fr="Nombre cumulé d'entreprises ayant bénéficié d'un diagnostic numérique et d'un plan d'action "
        "individualisé (France Num), pour 100 000 habitants (population du mois, interpolée entre les populations "
        "légales), en fin de mois.",
        definition_en="Cumulative number of firms that received a digital diagnosis and an individual action plan "
        "(France Num), per 100,000 inhabitants (population of the month, interpolated between legal populations), "
        "at month end.",
        source_ids=("barometre_action_publique", "insee_populations_legales"),
        caveats_fr=BAROMETRE_CAVEATS_FR,
        caveats_en=BAROMETRE_CAVEATS_EN,
        levels=("region", "department", FRANCE_LEVEL),
    ),
    Indicator(
        id="cheque_numerique_per_100k",
        label_fr="Chèques numériques pour 100 000 habitants",
        label_en="Digital vouchers per 100,000 inhabitants",
        unit="per_100k",
        pillar="usage",
        polarity=1,
        decimals=1,
        definition_fr="Nombre cumulé d'entreprises ayant reçu le chèque France Num de 500 € pour une dépense "
        "numérique, pour 100 000 habitants (population du mois, interpolée entre les populations légales), "
        "en fin de mois.",
        definition_en="Cumulative number of firms that received the €500 France Num voucher for a digital expense, "
        "per 100,000 inhabitants (population of the month, interpolated between legal populations), at month end.",
        source_ids=("barometre_action_publique", "insee_populations_legales"),
        caveats_fr=BAROMETRE_CAVEATS_FR,
        caveats_en=BAROMETRE_CAVEATS_EN,
        levels=("region", "department", FRANCE_LEVEL),
    ),
]


def eurostat_flag(raw: pd.Series, path: Path | str) -> pd.Series:
    """Eurostat flag letters to the project's flags, the strongest first when a value has several."""
    raw = raw.fillna("").str.strip()
    unknown = raw[~raw.str.fullmatch(f"[{''.join(EUROSTAT_FLAGS)}]*")]
    if not unknown.empty:
        raise SourceFormatError(f"{path}: unknown Eurostat flag {unknown.iloc[0]!r}")
    out = pd.Series(pd.NA, index=raw.index, dtype="string")
    for letter, flag in reversed(EUROSTAT_FLAGS.items()):
        out = out.mask(raw.str.contains(letter, regex=False), flag)
    return out


def read_sdmx(ctx: BuildContext, relative: str, dimensions: dict[str, str]) -> pd.DataFrame:
    """A Eurostat SDMX-CSV export as geo, period, value, flag, after checking it holds the expected series."""
    path = ctx.path(relative)
    raw = read_csv(path, ["freq", *dimensions, "geo", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"])
    for column, expected in {"freq": "A", **dimensions}.items():
        found = set(raw[column])
        if found != {expected}:
            raise SourceFormatError(f"{path}: column {column!r} holds {sorted(found)}, expected only {expected!r}")
    frame = pd.DataFrame(
        {
            "geo": raw["geo"],
            "period": raw["TIME_PERIOD"],
            "value": to_number(raw["OBS_VALUE"], path),
            "flag": eurostat_flag(raw["OBS_FLAG"], path),
        }
    )
    return frame.dropna(subset=["value"])


def read_access_fr(ctx: BuildContext) -> pd.DataFrame:
    """The French isoc_r_iacc_h rows (NUTS 0/1/2, 2006-2025) as geo, period, value, flag."""
    path = ctx.path(ACCESS_FR_FILE)
    raw = read_csv(path, ["geo", "unit", "year", "value", "obs_flag"])
    if set(raw["unit"]) != {"PC_HH"}:
        raise SourceFormatError(f"{path}: column 'unit' holds {sorted(set(raw['unit']))}, expected only 'PC_HH'")
    frame = pd.DataFrame(
        {
            "geo": raw["geo"],
            "period": raw["year"],
            "value": to_number(raw["value"], path),
            "flag": eurostat_flag(raw["obs_flag"], path),
        }
    )
    return frame.dropna(subset=["value"])


def read_daily(ctx: BuildContext) -> pd.DataFrame:
    """Daily internet users (I_IDAY), all NUTS levels, as geo, period, value (no flags in this extract)."""
    path = ctx.path(DAILY_FILE)
    raw = read_csv(path, ["geo", "time", "value"])
    frame = pd.DataFrame({"geo": raw["geo"], "period": raw["time"], "value": to_number(raw["value"], path)})
    return frame.assign(flag=pd.Series(pd.NA, index=frame.index, dtype="string")).dropna(subset=["value"])


def nuts_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows at their NUTS level (the code length tells it); aggregates such as EU27_2020 are not territories."""
    frame = frame[frame["geo"].str.fullmatch(NUTS_CODE)]
    return frame.assign(level="nuts" + (frame["geo"].str.len() - 2).astype(str), code=frame["geo"])


def nuts2_population(ctx: BuildContext) -> pd.DataFrame:
    """Legal population of each split pre-2016 region (NUTS 2) per vintage, summed from its departments."""
    table = pd.DataFrame(
        [(nuts, dep) for nuts, deps in NUTS2_DEPARTMENTS.items() for dep in deps], columns=["geo", "code"]
    )
    pop = ctx.population[ctx.population["level"] == "department"]
    merged = table.merge(pop, on="code", how="left", validate="one_to_many")
    if merged["value"].isna().any():
        missing = sorted(merged.loc[merged["value"].isna(), "code"])
        raise ValueError(f"no legal population for departments {missing}")
    out = merged.groupby(["geo", "period"], as_index=False)["value"].sum()
    return out.rename(columns={"period": "vintage", "value": "weight"})


def strongest_flag(flags: pd.Series) -> str:
    """The flag of a weighted region: a part's Eurostat flag if any (by precedence), else 'estimate'."""
    present = set(flags.dropna())
    return next((flag for flag in EUROSTAT_FLAGS.values() if flag in present), AGGREGATE_FLAG)


def weighted_regions(nuts: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    """Population-weighted mean of the NUTS 2 parts of split regions, only where every part has a value."""
    parts = nuts[nuts["geo"].isin(NUTS2_DEPARTMENTS)].copy()
    vintages = sorted(int(v) for v in weights["vintage"].unique())
    parts["vintage"] = parts["period"].str[:4].astype(int).map(lambda y: str(nearest_vintage(y, vintages)))
    parts = parts.merge(weights, on=["geo", "vintage"], how="left", validate="many_to_one")
    parts["code"] = parts["geo"].map(NUTS2_TO_REGION)
    parts["weighted"] = parts["value"] * parts["weight"]
    grouped = parts.groupby(["code", "period"])
    out = grouped.agg(weighted=("weighted", "sum"), weight=("weight", "sum"), n=("geo", "nunique"))
    out["flag"] = grouped["flag"].agg(strongest_flag)
    expected = pd.Series({nuts: NUTS2_TO_REGION[nuts] for nuts in NUTS2_DEPARTMENTS}).value_counts()
    out = out.reset_index()
    out = out[out["n"] == out["code"].map(expected)]
    return out.assign(value=out["weighted"] / out["weight"])[["code", "period", "value", "flag"]]


def french_regions(nuts: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    """Region rows from NUTS rows: NUTS 1, else the NUTS 2 covering the region, else the weighted NUTS 2 parts."""
    nuts1 = nuts[nuts["geo"].isin(NUTS1_TO_REGION)].assign(code=lambda f: f["geo"].map(NUTS1_TO_REGION))
    whole = nuts[nuts["geo"].isin(NUTS2_WHOLE_REGION)].assign(code=lambda f: f["geo"].map(NUTS2_WHOLE_REGION))
    columns = ["code", "period", "value", "flag"]
    ranked = pd.concat([nuts1[columns], whole[columns], weighted_regions(nuts, weights)], ignore_index=True)
    return ranked.drop_duplicates(["code", "period"], keep="first").assign(level="region")


def eurostat_facts(nuts: pd.DataFrame, weights: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """One Eurostat series as facts: every NUTS row at its level, and the French regions derived from them."""
    rows = nuts_rows(nuts)
    return pd.concat([tidy(rows, indicator), tidy(french_regions(rows, weights), indicator)], ignore_index=True)


def household_access(ctx: BuildContext) -> pd.DataFrame:
    """tgs00047 for every country, with the French codes replaced by the newer isoc_r_iacc_h vintage."""
    europe = read_sdmx(ctx, ACCESS_FILE, {"unit": "PC_HH"})
    combined = pd.concat([read_access_fr(ctx), europe], ignore_index=True)
    return combined.drop_duplicates(["geo", "period"], keep="first")


def national_barometre_counts(ctx: BuildContext) -> pd.DataFrame:
    """France's published monthly counts (level nuts0, code FR): indicator, period, value."""
    path = ctx.path(BAROMETRE_NATIONAL_FILE)
    records = read_json(path)
    if len(records) != 1:
        raise SourceFormatError(f"{path}: one national record expected, found {len(records)}")
    missing = [key for key in BAROMETRE_INDICATORS if key not in records[0]]
    if missing:
        raise SourceFormatError(f"{path}: series {missing[0]!r} is missing")
    rows = [(BAROMETRE_INDICATORS[k], p["date"], p["value"]) for k in BAROMETRE_INDICATORS for p in records[0][k]]
    frame = pd.DataFrame(rows, columns=["indicator", "period", "value"])
    frame["value"] = pd.to_numeric(frame["value"], errors="raise").astype("float64")
    return frame.assign(level=FRANCE_LEVEL, code=FRANCE_CODE).dropna(subset=["value"])


def barometre_facts(ctx: BuildContext) -> pd.DataFrame:
    """France Num cumulative counts per 100 000 inhabitants, France, regions and departments, at each month end.

    France takes the published national count, not the sum of the departments (see the indicator caveats).
    """
    required = ["id_indicateur", "date", "valeur"]
    regional = read_csv(ctx.path(BAROMETRE_REGION_FILE), ["code_region", *required])
    departmental = read_csv(ctx.path(BAROMETRE_DEPARTMENT_FILE), ["code_departement", *required])
    counts = pd.concat(
        [
            regional.assign(level="region", code=regional["code_region"].map(region_code)),
            departmental.assign(level="department", code=departmental["code_departement"].map(department_code)),
        ],
        ignore_index=True,
    )
    counts = counts[counts["id_indicateur"].isin(BAROMETRE_INDICATORS)]
    counts = counts.assign(
        indicator=counts["id_indicateur"].map(BAROMETRE_INDICATORS),
        period=counts["date"],
        value=to_number(counts["valeur"], f"{BAROMETRE_REGION_FILE} | {BAROMETRE_DEPARTMENT_FILE}"),
    ).dropna(subset=["value"])
    columns = ["level", "code", "indicator", "period", "value"]
    counts = pd.concat([counts[columns], national_barometre_counts(ctx)[columns]], ignore_index=True)
    return tidy(ctx.per_capita(counts, 100_000))


def illectronism_facts(ctx: BuildContext) -> pd.DataFrame:
    """Illectronism rates of France and of the regions whose Insee study prints a number.

    Each rate keeps the decimals it was printed with (regions as integers, France 2021 as 15.4), in `decimals`.
    Approximate rates are flagged 'estimate'; France's 2021 rate, measured over another reference period, is
    flagged 'series_break'. The metropolitan France and "province" rows are not France: left out.
    """
    path = ctx.path(ILLECTRONISM_FILE)
    raw = read_csv(path, ["geo_level", "reg_code", "indicator", "value_pct", "year_ref", "precision_note"])
    rows = raw[raw["indicator"] == "illectronisme_rate"]
    regions = rows[rows["geo_level"] == "region"]
    france = rows[(rows["geo_level"] == "country") & (rows["reg_code"] == FRANCE_CODE)]
    rows = pd.concat(
        [
            regions.assign(level="region", code=regions["reg_code"].map(region_code)),
            france.assign(level=FRANCE_LEVEL, code=FRANCE_CODE),
        ]
    )
    approximate = rows["precision_note"].fillna("").str.contains(APPROXIMATE_RATE)
    flag = approximate.map({True: "estimate", False: pd.NA}).astype("string")
    flag = flag.mask((rows["level"] == FRANCE_LEVEL) & (rows["year_ref"] == ILLECTRONISM_BREAK_YEAR), "series_break")
    frame = pd.DataFrame(
        {
            "level": rows["level"],
            "code": rows["code"],
            "period": rows["year_ref"],
            "value": to_number(rows["value_pct"], path),
            "flag": flag,
            "decimals": published_decimals(rows["value_pct"]),
        }
    )
    return tidy(frame.dropna(subset=["value"]), "illectronism_rate")


def facts(ctx: BuildContext) -> pd.DataFrame:
    """All usage indicators in the tidy fact shape."""
    weights = nuts2_population(ctx)
    series = {
        "internet_weekly_use": read_sdmx(ctx, WEEKLY_FILE, {"indic_is": "I_IUSE", "unit": "PC_IND"}),
        "online_purchase": read_sdmx(ctx, PURCHASE_FILE, {"indic_is": "I_BLT12", "unit": "PC_IND"}),
        "household_internet_access": household_access(ctx),
        "internet_daily_use": read_daily(ctx),
    }
    frames = [eurostat_facts(nuts, weights, indicator) for indicator, nuts in series.items()]
    return pd.concat([*frames, barometre_facts(ctx), illectronism_facts(ctx)], ignore_index=True)
