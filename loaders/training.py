"""Digital inclusion and training: conseillers numériques, France Services, Aidants Connect, fragility index.

Registries (lists of structures, sites or posts) are summed per department, then into regions with
`ctx.sum_to_regions` and into France with `ctx.sum_to_france`, so a regional or national figure is always the
sum of its departments, given only when all of them have a value. Per-capita rates divide those sums by the
population on each date (legal vintages interpolated by day, see `loaders.population`).

The Baromètre des résultats de l'action publique (DITP, `barometre_ditp_2025/`) publishes departments, regions and
France itself: those are kept as published, after checking that regions and France are the sums of their
departments (`check_published_sums`).

Zero or absent: every registry here is the national list of the programme at its date. A metropolitan
department without any row therefore has 0 (e.g. Territoire de Belfort had no France Services site in 2020).
An overseas department without any row stays absent: the early France Services lists did not cover all of
the overseas departments (Guadeloupe has no site before October 2020 while Martinique, Guyane, La Réunion and
Mayotte do), so a missing overseas department is read as "not collected", not as 0.

Other choices:
- France Services: every site counts, main sites and antennas alike, because the January 2020 file has no
  format column; that is the only definition the five snapshots share (antennas are 4-8% of sites later).
- Conseillers numériques: the department is the one the programme declares for the posts (`code_département`,
  `Code département`), not the geocoded head office: national networks based in Paris hold posts elsewhere.
- Aidants Connect: a structure sits in its commune's department, except when its (commune code, postcode) pair is
  not a pair of the postcode base (`datas_fun/communes.csv`, one row per commune and postcode) and the postcode
  points to another department: then the postcode wins (31 structures carry Moyenvic's code 57490 as a
  placeholder; a Carentan CCAS has La Réunion's 97407). Pairs of the base stay put even across departments
  (Claret 04058 has the postcode 05110).
- Fragility: commune scores weighted by 2021 population, regions and France from summed numerators and
  denominators (France over every scored commune with a population, hence without Mayotte).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from loaders.catalogue import Indicator, Source
from loaders.codes import FRANCE_CODE, FRANCE_LEVEL, department_code, department_from_postcode
from loaders.ditp import read_ditp
from loaders.io import SourceFormatError, read_csv, read_json, require_columns, to_number
from loaders.tidy import tidy

if TYPE_CHECKING:
    from loaders.context import BuildContext

log = logging.getLogger(__name__)

CNFS_2021_FILE = "training/cnfs_structures_laureates_2021-06.json"
CNFS_2023_FILE = "training/cnfs_structures_conventionnees_2023-04-05.csv"
CNFS_PERIODS = {CNFS_2021_FILE: "2021-06-25", CNFS_2023_FILE: "2023-04-05"}
CNFS_2023_DEPARTMENT = "Code département"
CNFS_2023_POSTS = "Nombre de conseillers validés par le COSELEC"
CNFS_2023_COMMUNE = "Code commune INSEE"

CRA_FILES = {d: f"training/cnfs_cra_par_departement_{d}.json" for d in ("2023-07-26", "2023-11-28", "2024-02-22")}

FS_GEOJSON_FILES = {d: f"training/france_services_{d}.geojson" for d in ("2020-01-10", "2020-06-17", "2020-10-12")}
FS_CSV_FILES = {d: f"training/france_services_liste_{d}.csv" for d in ("2022-12-01", "2024-08-01")}

AC_FILES = {d: f"training/aidants_connect_structures_{d}.csv" for d in ("2023-07-18", "2023-11-28", "2024-02-12")}
AC_COLUMNS = ["Is Active", "City Insee Code", "Zip Code", "Nombre d'aidants"]

DITP_DIR = "training/barometre_ditp_2025"
# Count indicator id -> (file, rate indicator id, per how many inhabitants).
# Values ten times their neighbouring months (Corsica, April-May 2025), and the totals that include them.
ENTRY_ERRORS = {
    f"{DITP_DIR}/ind-323.csv": tuple(
        (level, code, period)
        for period in ("2025-04-30", "2025-05-31")
        for level, code in (("department", "2A"), ("department", "2B"), ("region", "94"), ("nuts0", "FR"))
    )
}
DITP_SERIES = {
    "conseillers_accompaniments": (f"{DITP_DIR}/ind-736.csv", "conseillers_accompaniments_per_1000", 1_000),
    "aidants_trained": (f"{DITP_DIR}/ind-734.csv", "aidants_trained_per_100k", 100_000),
    "france_services_acts": (f"{DITP_DIR}/ind-323.csv", "france_services_acts_per_1000", 1_000),
}

IFN_FILE = "training/indice_fragilite_numerique_communes.csv"
COMMUNES_FILE = "population/datas_fun/communes.csv"
IFN_PERIOD = "2023"
# Paris, Lyon and Marseille appear in the commune file only as arrondissements (ARM), which is also how the
# fragility index scores them; communes déléguées (COMD) would count populations twice.
COMMUNE_TYPES = ("COM", "ARM")

# Overseas collectivities that are not departments (Saint-Barthélemy, Saint-Martin): dropped from every count.
NOT_DEPARTMENTS = ("977", "978")

SOURCES = [
    Source(
        id="anct_cnfs_laureates_2021",
        publisher="ANCT (Programme Société Numérique) / Banque des Territoires, via anct-carto/conseillers-numeriques",
        title="Conseillers numériques France Services — structures lauréates (premières vagues, printemps 2021)",
        title_en="Conseillers numériques France Services (digital advisers) — selected host organisations "
        "(first waves, spring 2021)",
        url="https://www.conseiller-numerique.gouv.fr/",
        licence="Licence Ouverte 2.0 (données publiques amont sur data.gouv.fr ; non rappelée dans le dépôt)",
        vintage="2021-06-25 (comités de sélection du 2021-03-24 au 2021-05-19)",
        files=(CNFS_2021_FILE,),
        caveats="Premières vagues seulement (2 138 postes, environ la moitié du programme). Département = "
        "`code_département` déclaré par le programme, pas le géocodage de la commune du siège (erreurs : "
        "Saint-Benoît de La Réunion placée dans les Alpes-de-Haute-Provence, Grigny (91) dans le Rhône).",
        caveats_en="First waves only (2,138 posts, about half of the programme). Department = `code_département` "
        "declared by the programme, not the geocoding of the head office's municipality (errors: "
        "Saint-Benoît in La Réunion placed in Alpes-de-Haute-Provence, Grigny (91) in Rhône).",
    ),
    Source(
        id="anct_cnfs_conventionnees_2023",
        publisher="ANCT / Banque des Territoires, via inclusion-numerique/stack (France Numérique Ensemble)",
        title="Conseillers numériques France Services — structures conventionnées et postes validés en COSELEC",
        title_en="Conseillers numériques France Services (digital advisers) — host organisations under "
        "agreement and posts approved by the selection committee (COSELEC)",
        url="https://www.conseiller-numerique.gouv.fr/",
        licence="Licence Ouverte 2.0 (données publiques amont sur data.gouv.fr ; non rappelée dans le dépôt)",
        vintage="2023-04-05",
        files=(CNFS_2023_FILE,),
        caveats="Postes validés par le comité de sélection, pas conseillers en poste. La colonne libellé "
        "`Département` est parfois fausse : on utilise `Code département`. 3 postes à Saint-Martin exclus.",
        caveats_en="Posts approved by the selection committee, not advisers in post. The `Département` name "
        "column is sometimes wrong: `Code département` is used. 3 posts in Saint-Martin excluded.",
    ),
    Source(
        id="cnfs_cra_departements",
        publisher="ANCT, application France Numérique Ensemble (dépôt inclusion-numerique/stack)",
        title="Comptes rendus d'activité (CRA) des conseillers numériques, agrégés par département",
        title_en="Activity reports (CRA) of the digital advisers, aggregated by department",
        url="https://github.com/inclusion-numerique/stack",
        licence="Non précisée dans le dépôt (données publiques de l'ANCT)",
        vintage="2023-07-26, 2023-11-28, 2024-02-22 (dates de commit ; extraction à cette date ou avant)",
        files=tuple(CRA_FILES.values()),
        caveats="Cumul depuis le début du programme (2021) ; usagers uniques comptés par département.",
        caveats_en="Cumulative since the start of the programme (2021); unique users counted by department.",
    ),
    Source(
        id="anct_france_services",
        publisher="ANCT et Banque des Territoires (données des préfectures et des structures)",
        title="Liste des structures France Services (instantanés 2020-01 à 2024-08)",
        title_en="List of France Services sites (snapshots 2020-01 to 2024-08)",
        url="https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/",
        licence="Licence Ouverte / Open Licence 2.0",
        vintage="2020-01-10, 2020-06-17, 2020-10-12, 2022-12-01, 2024-08-01",
        files=(*FS_GEOJSON_FILES.values(), *FS_CSV_FILES.values()),
        caveats="Sites ouverts à la date ; sites principaux et antennes ou arrêts itinérants sont des lignes "
        "distinctes (le fichier de janvier 2020 n'a pas de colonne de format). 6 antennes de l'Oise en double "
        "dans la liste 2022-12 (même nom, sans adresse) comptées une fois ; Saint-Martin (978) exclu.",
        caveats_en="Sites open at the date; main sites and branches or mobile stops are separate rows (the "
        "January 2020 file has no format column). 6 Oise branches duplicated in the 2022-12 list "
        "(same name, no address) counted once; Saint-Martin (978) excluded.",
    ),
    Source(
        id="aidants_connect_structures",
        publisher="ANCT / beta.gouv.fr, Aidants Connect (export Metabase de l'application France Numérique Ensemble)",
        title="Aidants Connect — structures habilitées et nombre d'aidants",
        title_en="Aidants Connect — authorised organisations and number of helpers",
        url="https://aidantsconnect.beta.gouv.fr/",
        licence="Non précisée dans le dépôt source",
        vintage="2023-07-18, 2023-11-28, 2024-02-12",
        files=tuple(AC_FILES.values()),
        caveats="Structures inactives (Is Active = false, 43 à 46 lignes) exclues. Environ 220 lignes sans code "
        "commune Insee sont localisées par leur code postal (zéros initiaux perdus, restitués). 48 à 49 structures "
        "actives par fichier ont un code commune que leur code postal contredit (31 portent le code 57490 de Moyenvic "
        "comme valeur par défaut, un CCAS de Carentan porte un code de La Réunion) : elles sont placées dans le "
        "département de leur code postal.",
        caveats_en="Inactive organisations (Is Active = false, 43 to 46 rows) excluded. About 220 rows without "
        "an Insee municipality code are located by their postcode (lost leading zeros restored). 48 to 49 active "
        "organisations per file have a municipality code their postcode contradicts (31 carry Moyenvic's code 57490 "
        "as a placeholder, a Carentan CCAS carries a La Réunion code): they are placed in their postcode's "
        "department.",
    ),
    Source(
        id="ditp_barometre_inclusion_numerique",
        publisher="DITP, Baromètre des résultats de l'action publique (dépôt DITP-pilotage/barometre-resultats)",
        title="Baromètre des résultats de l'action publique : accompagnements des conseillers numériques (IND-736), "
        "aidants numériques formés (IND-734), actes mensuels en France services (IND-323)",
        title_en="Government results barometer (Baromètre des résultats de l'action publique): accompaniments by "
        "digital advisers (IND-736), digital helpers trained (IND-734), monthly acts in France services (IND-323)",
        url="https://www.data.gouv.fr/fr/datasets/barometre-des-resultats-de-laction-publique/",
        licence="Licence Ouverte / Etalab 2.0",
        vintage="Commit 0223a2eb du dépôt : mensuel 2023-06 à 2025-08 (IND-736, IND-734 ; valeur initiale "
        "2022-12), 2023-01 à 2026-06 avec des mois manquants (IND-323 ; valeur initiale 2022-05)",
        files=tuple(f for f, _, _ in DITP_SERIES.values()),
        caveats="Départements, régions et France tels que publiés (régions et France égales à la somme des "
        "départements à chaque date, vérifié). Dates : fin du mois décrit. Les lignes d'objectif (2026-12) ne sont "
        "pas des valeurs. L'éditeur a révisé IND-736 entre deux versions : une seule version est utilisée.",
        caveats_en="Departments, regions and France as published (regions and France equal the sum of their "
        "departments at every date, checked). Dates: end of the month described. Target rows (2026-12) are not "
        "values. The publisher restated IND-736 between versions: one version only is used.",
    ),
    Source(
        id="mednum_indice_fragilite_numerique",
        publisher="La MedNum / ANCT, indice de fragilité numérique, recalculé pour France Numérique Ensemble",
        title="Indice de fragilité numérique (IFN) par commune, notes de 0 à 10",
        title_en="Digital fragility index (indice de fragilité numérique, IFN) by municipality, scores from 0 to 10",
        url="https://fragilite-numerique.fr/",
        licence="Non précisée dans le dépôt source",
        vintage="Millésime unique (données d'entrée c. 2019-2022), fichier publié en 2023-2024",
        files=(IFN_FILE,),
        caveats="Notes de 0 à 10 (plus élevé = plus fragile), pas des taux malgré le nom des colonnes ; "
        "`total` = moyenne des cinq notes. Paris, Lyon, Marseille notés par arrondissement.",
        caveats_en="Scores from 0 to 10 (higher = more fragile), not rates despite the column names; `total` = "
        "mean of the five scores. Paris, Lyon and Marseille scored by arrondissement.",
    ),
    Source(
        id="datasfun_communes",
        publisher="rcarlier/datas.fun, d'après Insee (COG 2024, comparateur de territoires 2024)",
        title="Communes de France : population municipale 2021 par commune",
        title_en="Communes de France: 2021 municipal population by municipality",
        url="https://github.com/rcarlier/datas.fun",
        licence="Pas de licence dans le dépôt ; sources Insee sous Licence Ouverte",
        vintage="Population 2021, COG au 20/02/2024",
        files=(COMMUNES_FILE,),
        caveats="Une ligne par commune et code postal (dédupliquée sur insee_com) ; population 0 pour Mayotte.",
        caveats_en="One row per municipality and postcode (deduplicated on insee_com); population 0 for Mayotte.",
    ),
]

_CNFS_SOURCES = ("anct_cnfs_laureates_2021", "anct_cnfs_conventionnees_2023")
_ZERO_RULE_FR = (
    "Un département métropolitain absent de la liste nationale compte 0 ; un département d'outre-mer absent reste "
    "sans valeur."
)
_ZERO_RULE_EN = "A metropolitan department missing from the national list counts 0; a missing overseas one is absent."
_FRANCE_SUM_FR = "France : somme des 101 départements, donnée seulement quand tous ont une valeur."
_FRANCE_SUM_EN = "France: sum of the 101 departments, given only when all of them have a value."
_ALL_LEVELS = ("region", "department", FRANCE_LEVEL)
_AC_MOVED_FR = (
    "Code commune corrigé par le code postal quand le couple (commune, code postal) n'existe pas dans la base des "
    "codes postaux : 48 à 49 structures actives par fichier, dont 31 portant le code 57490 (Moyenvic) par défaut."
)
_AC_MOVED_EN = (
    "Municipality code corrected by the postcode when the (municipality, postcode) pair is not in the postcode base: "
    "48 to 49 active organisations per file, 31 of them carrying the placeholder code 57490 (Moyenvic)."
)
_PUBLISHED_FR = "Régions et France telles que publiées (égales à la somme des départements, vérifié à chaque date)."
_PUBLISHED_EN = "Regions and France as published (equal to the sum of their departments, checked at every date)."
_ACCOMPANIMENTS_FR = (
    "Valeur initiale fin 2022, puis série mensuelle de juin 2023 à août 2025. L'éditeur a révisé toute la série "
    "entre deux versions (Ain, juin 2023 : 17 966 accompagnements dans une version de 2023, 37 075 dans celle-ci) : "
    "une seule version est utilisée, à ne pas mêler à des chiffres publiés auparavant. Des accompagnements (séances), "
    "pas des personnes : à ne pas comparer aux usagers des comptes rendus d'activité (cnfs_people_helped_per_1000). "
    + _PUBLISHED_FR
)
_ACCOMPANIMENTS_EN = (
    "Initial value at the end of 2022, then monthly from June 2023 to August 2025. The publisher restated the whole "
    "series between versions (Ain, June 2023: 17,966 accompaniments in a 2023 version, 37,075 in this one): one "
    "version only is used, not to be mixed with figures published earlier. Accompaniments (sessions), not people: "
    "not comparable with the users of the activity reports (cnfs_people_helped_per_1000). " + _PUBLISHED_EN
)
_AIDANTS_TRAINED_FR = (
    "Le fichier ne nomme pas le programme de formation : à ne pas confondre avec les aidants habilités Aidants "
    "Connect (aidants_connect_count). Cumul que l'éditeur révise parfois à la baisse d'un mois à l'autre (France : "
    "17 479 en juin 2023, 17 472 en juillet). Valeur initiale fin 2022, puis mensuel de juin 2023 à août 2025. "
    + _PUBLISHED_FR
)
_AIDANTS_TRAINED_EN = (
    "The file does not name the training programme: not to be confused with the helpers authorised by Aidants "
    "Connect (aidants_connect_count). A cumulative count the publisher sometimes revises down from one month to the "
    "next (France: 17,479 in June 2023, 17,472 in July). Initial value at the end of 2022, then monthly from June "
    "2023 to August 2025. " + _PUBLISHED_EN
)
_FS_ACTS_FR = (
    "Flux du mois, pas un cumul. Mois publiés irréguliers : mai 2022 (valeur initiale), puis de janvier 2023 à juin "
    "2026 avec des mois manquants ; variations saisonnières (août bas) : comparer des mêmes mois. " + _PUBLISHED_FR
)
_FS_ACTS_EN = (
    "A monthly flow, not a cumulative count. Irregular months: May 2022 (initial value), then January 2023 to June "
    "2026 with months missing; seasonal swings (August low): compare like months. " + _PUBLISHED_EN
)
_FS_ACTS_FR += (
    " Corse, avril et mai 2025 : le fichier donne des actes dix fois plus nombreux que les mois voisins (Corse-du-Sud "
    "52 629 et 55 504, Haute-Corse 51 548 et 54 087, contre 4 200 à 5 000 environ avant et après), manifestement "
    "une erreur de saisie : ces deux mois sont retirés pour la Corse, ses départements et la France, dont le total "
    "les inclut."
)
_FS_ACTS_EN += (
    " Corsica, April and May 2025: the file gives ten times as many acts as the neighbouring months (Corse-du-Sud "
    "52,629 and 55,504, Haute-Corse 51,548 and 54,087, against about 4,200 to 5,000 before and after), plainly an "
    "entry error: those two months are removed for Corsica, its departments and France, whose total includes them."
)

INDICATORS = [
    Indicator(
        id="conseillers_numeriques_posts",
        label_fr="Conseillers numériques France Services : postes accordés",
        label_en="France Services digital advisers: posts granted",
        unit="count",
        pillar="ecosystem",
        polarity=0,
        decimals=0,
        definition_fr="Nombre de postes de conseillers numériques accordés par le comité de sélection aux "
        "structures du territoire (département déclaré par le programme).",
        definition_en="Number of digital-adviser posts granted by the selection committee to the territory's "
        "host organisations (department as declared by the programme).",
        source_ids=_CNFS_SOURCES,
        caveats_fr="Postes accordés, pas conseillers en poste. 2021-06 : premières vagues seulement (environ la "
        "moitié du programme de 4 000 postes). 2023-04 : 3 postes à Saint-Martin exclus. " + _FRANCE_SUM_FR,
        caveats_en="Posts granted, not advisers in post. 2021-06: first selection waves only (about half of the "
        "4,000-post programme). 2023-04: 3 posts in Saint-Martin excluded. " + _FRANCE_SUM_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="conseillers_numeriques_per_100k",
        label_fr="Conseillers numériques (postes accordés) pour 100 000 habitants",
        label_en="Digital advisers (posts granted) per 100,000 inhabitants",
        unit="per_100k",
        pillar="ecosystem",
        polarity=1,
        decimals=1,
        definition_fr="Postes de conseillers numériques France Services accordés, rapportés à la population "
        "à la date (populations légales interpolées entre millésimes), pour 100 000 habitants.",
        definition_en="France Services digital-adviser posts granted, divided by the population at the date (legal "
        "vintages interpolated), per 100,000 inhabitants.",
        source_ids=(*_CNFS_SOURCES, "insee_populations_legales"),
        caveats_fr="Postes accordés, pas conseillers en poste ; 2021-06 ne couvre que les premières vagues. Un "
        "réseau national peut porter des postes dans plusieurs départements : on retient le département du poste. "
        + _FRANCE_SUM_FR,
        caveats_en="Posts granted, not advisers in post; 2021-06 covers only the first waves. A national network "
        "may hold posts in several departments: the post's department is used. " + _FRANCE_SUM_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="cnfs_people_helped_per_1000",
        label_fr="Personnes accompagnées par les conseillers numériques pour 1 000 habitants (cumul)",
        label_en="People helped by digital advisers per 1,000 inhabitants (cumulative)",
        unit="per_1000",
        pillar="ecosystem",
        polarity=1,
        decimals=1,
        definition_fr="Usagers accompagnés par les conseillers numériques depuis le début du programme (2021), "
        "d'après leurs comptes rendus d'activité, pour 1 000 habitants ; régions = somme des départements.",
        definition_en="People accompanied by digital advisers since the programme began (2021), from their "
        "activity reports, per 1,000 inhabitants; regions = sum of their departments.",
        source_ids=("cnfs_cra_departements", "insee_populations_legales"),
        caveats_fr="Stock cumulé : comparer des dates donne un flux, pas un taux annuel. Dates = dates de "
        "publication (extraction à cette date ou avant). Usagers uniques par département : une personne suivie "
        "dans deux départements compte deux fois dans la région et en France. Probable sous-comptage : 1,20 million "
        "de personnes au total en juillet 2023 alors que l'ANCT annonçait 2,2 millions de personnes accompagnées "
        "dès 2022 (les comptes rendus ne couvrent pas toute l'activité) ; et la série saute de 58 % entre juillet et "
        "novembre 2023 (1,89 million), plus qu'une activité de quatre mois : comparer les dates avec prudence. "
        + _FRANCE_SUM_FR,
        caveats_en="Cumulative stock: differences between dates give a flow, not an annual rate. Dates are "
        "publication dates (extracted on or before). Unique users per department: a person helped in two "
        "departments counts twice in the region and in France. Likely undercount: 1.20 million people in all in "
        "July 2023, while ANCT reported 2.2 million people helped as early as 2022 (the activity reports do not "
        "cover all the activity); and the series jumps 58% between July and November 2023 (1.89 million), more than "
        "four months of activity: compare dates with care. " + _FRANCE_SUM_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="france_services_count",
        label_fr="Sites France Services ouverts",
        label_en="France Services sites open",
        unit="count",
        pillar="ecosystem",
        polarity=0,
        decimals=0,
        definition_fr="Nombre de sites France Services ouverts à la date, sites principaux et antennes (ou arrêts "
        "itinérants) compris, rattachés au département par la liste nationale.",
        definition_en="Number of France Services sites open at the date, main sites and antennas (or itinerant "
        "stops) alike, assigned to departments by the national list.",
        source_ids=("anct_france_services",),
        caveats_fr="Antennes comprises, car le fichier de janvier 2020 ne les distingue pas (4 % à 8 % des sites "
        f"ensuite). Guadeloupe absente avant octobre 2020, donc pas de total France à ces dates. {_ZERO_RULE_FR} "
        f"{_FRANCE_SUM_FR}",
        caveats_en="Antennas included, because the January 2020 file does not tell them apart (4% to 8% of sites "
        f"later). Guadeloupe missing before October 2020, hence no France total at those dates. {_ZERO_RULE_EN} "
        f"{_FRANCE_SUM_EN}",
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="france_services_per_100k",
        label_fr="Sites France Services pour 100 000 habitants",
        label_en="France Services sites per 100,000 inhabitants",
        unit="per_100k",
        pillar="ecosystem",
        polarity=1,
        decimals=2,
        definition_fr="Sites France Services ouverts à la date (sites principaux et antennes), pour 100 000 "
        "habitants (population à la date, populations légales interpolées entre millésimes).",
        definition_en="France Services sites open at the date (main sites and antennas), per 100,000 inhabitants "
        "(population at the date, legal vintages interpolated).",
        source_ids=("anct_france_services", "insee_populations_legales"),
        caveats_fr="Label créé en 2020 : la hausse 2020-2024 reflète surtout la labellisation. Antennes comprises "
        "pour garder la même définition sur les cinq dates. " + _ZERO_RULE_FR + " " + _FRANCE_SUM_FR,
        caveats_en="The label started in 2020: the 2020-2024 rise mostly reflects labelling. Antennas included to "
        "keep one definition across the five dates. " + _ZERO_RULE_EN + " " + _FRANCE_SUM_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="aidants_connect_count",
        label_fr="Aidants Connect : aidants des structures actives",
        label_en="Aidants Connect helpers in active organisations",
        unit="count",
        pillar="ecosystem",
        polarity=0,
        decimals=0,
        definition_fr="Nombre d'aidants Aidants Connect déclarés par les structures actives du territoire.",
        definition_en="Number of Aidants Connect helpers reported by the territory's active organisations.",
        source_ids=("aidants_connect_structures",),
        caveats_fr="Structures inactives exclues ; localisation par code commune Insee, sinon code postal "
        "(aucune structure active ne reste non localisée). " + _AC_MOVED_FR + " " + _FRANCE_SUM_FR,
        caveats_en="Inactive organisations excluded; located by INSEE commune code, else postcode (no active "
        "organisation is left unlocated). " + _AC_MOVED_EN + " " + _FRANCE_SUM_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="aidants_connect_per_100k",
        label_fr="Aidants Connect pour 100 000 habitants",
        label_en="Aidants Connect helpers per 100,000 inhabitants",
        unit="per_100k",
        pillar="ecosystem",
        polarity=1,
        decimals=1,
        definition_fr="Aidants Connect des structures actives, pour 100 000 habitants.",
        definition_en="Aidants Connect helpers of active organisations, per 100,000 inhabitants.",
        source_ids=("aidants_connect_structures", "insee_populations_legales"),
        caveats_fr="Aidants déclarés par structure, pas forcément actifs ; une structure est localisée à son "
        "adresse, même si elle intervient au-delà. Environ 220 structures localisées par code postal, aucune "
        "structure active non localisée. " + _AC_MOVED_FR + " " + _FRANCE_SUM_FR,
        caveats_en="Helpers reported per organisation, not necessarily active; an organisation is located at its "
        "address even if it works further afield. About 220 located by postcode; no active one left unlocated. "
        + _AC_MOVED_EN
        + " "
        + _FRANCE_SUM_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="conseillers_accompaniments",
        label_fr="Conseillers numériques : accompagnements réalisés (cumul)",
        label_en="Digital advisers: accompaniments carried out (cumulative)",
        unit="count",
        pillar="ecosystem",
        polarity=0,
        decimals=0,
        definition_fr="Nombre cumulé d'accompagnements (séances avec une personne) réalisés par les conseillers "
        "numériques France Services du territoire, publié chaque mois par le Baromètre des résultats de l'action "
        "publique (IND-736).",
        definition_en="Cumulative number of accompaniments (sessions with a person) carried out by the territory's "
        "France Services digital advisers, published monthly by the government results barometer (IND-736).",
        source_ids=("ditp_barometre_inclusion_numerique",),
        caveats_fr=_ACCOMPANIMENTS_FR,
        caveats_en=_ACCOMPANIMENTS_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="conseillers_accompaniments_per_1000",
        label_fr="Accompagnements des conseillers numériques pour 1 000 habitants (cumul)",
        label_en="Accompaniments by digital advisers per 1,000 inhabitants (cumulative)",
        unit="per_1000",
        pillar="ecosystem",
        polarity=1,
        decimals=1,
        definition_fr="Accompagnements cumulés des conseillers numériques France Services (IND-736), pour 1 000 "
        "habitants (population à la date, populations légales interpolées entre millésimes).",
        definition_en="Cumulative accompaniments by France Services digital advisers (IND-736), per 1,000 "
        "inhabitants (population at the date, legal vintages interpolated).",
        source_ids=("ditp_barometre_inclusion_numerique", "insee_populations_legales"),
        caveats_fr=_ACCOMPANIMENTS_FR,
        caveats_en=_ACCOMPANIMENTS_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="aidants_trained",
        label_fr="Aidants numériques formés (cumul)",
        label_en="Digital helpers trained (cumulative)",
        unit="count",
        pillar="ecosystem",
        polarity=0,
        decimals=0,
        definition_fr="Nombre cumulé de personnes formées comme aidants numériques sur le territoire, d'après le "
        "Baromètre des résultats de l'action publique (IND-734).",
        definition_en="Cumulative number of people trained as digital helpers (aidants numériques) in the "
        "territory, from the government results barometer (IND-734).",
        source_ids=("ditp_barometre_inclusion_numerique",),
        caveats_fr=_AIDANTS_TRAINED_FR,
        caveats_en=_AIDANTS_TRAINED_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="aidants_trained_per_100k",
        label_fr="Aidants numériques formés pour 100 000 habitants (cumul)",
        label_en="Digital helpers trained per 100,000 inhabitants (cumulative)",
        unit="per_100k",
        pillar="ecosystem",
        polarity=1,
        decimals=1,
        definition_fr="Aidants numériques formés, cumul (IND-734), pour 100 000 habitants (population à la date, "
        "populations légales interpolées entre millésimes).",
        definition_en="Digital helpers trained, cumulative (IND-734), per 100,000 inhabitants (population at the "
        "date, legal vintages interpolated).",
        source_ids=("ditp_barometre_inclusion_numerique", "insee_populations_legales"),
        caveats_fr=_AIDANTS_TRAINED_FR,
        caveats_en=_AIDANTS_TRAINED_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="france_services_acts",
        label_fr="Actes réalisés en France services dans le mois",
        label_en="Acts carried out in France services in the month",
        unit="count",
        pillar="ecosystem",
        polarity=0,
        decimals=0,
        definition_fr="Nombre d'actes (démarches traitées) réalisés par les conseillers France services du "
        "territoire au cours du mois, d'après le Baromètre des résultats de l'action publique (IND-323).",
        definition_en="Number of acts (procedures handled) carried out by the territory's France services agents "
        "during the month, from the government results barometer (IND-323).",
        source_ids=("ditp_barometre_inclusion_numerique",),
        caveats_fr=_FS_ACTS_FR,
        caveats_en=_FS_ACTS_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="france_services_acts_per_1000",
        label_fr="Actes en France services dans le mois pour 1 000 habitants",
        label_en="Acts in France services in the month per 1,000 inhabitants",
        unit="per_1000",
        pillar="ecosystem",
        polarity=1,
        decimals=1,
        definition_fr="Actes réalisés en France services au cours du mois (IND-323), pour 1 000 habitants "
        "(population à la date, populations légales interpolées entre millésimes).",
        definition_en="Acts carried out in France services during the month (IND-323), per 1,000 inhabitants "
        "(population at the date, legal vintages interpolated).",
        source_ids=("ditp_barometre_inclusion_numerique", "insee_populations_legales"),
        caveats_fr=_FS_ACTS_FR,
        caveats_en=_FS_ACTS_EN,
        levels=_ALL_LEVELS,
    ),
    Indicator(
        id="digital_fragility_index",
        label_fr="Indice de fragilité numérique (moyenne pondérée par la population)",
        label_en="Digital fragility index (population-weighted mean)",
        unit="index",
        pillar="ecosystem",
        polarity=-1,
        decimals=2,
        definition_fr="Note globale de fragilité numérique des communes (0 à 10, plus élevé = plus fragile : "
        "absence de THD et de 4G, pauvreté, part des 65 ans et plus, non-diplômés), moyenne pondérée par la "
        "population municipale 2021.",
        definition_en="Communes' overall digital fragility score (0 to 10, higher = more fragile: no very-high-speed "
        "broadband or 4G, poverty, share aged 65+, no qualification), weighted by 2021 commune population.",
        source_ids=("mednum_indice_fragilite_numerique", "datasfun_communes"),
        caveats_fr="Millésime unique, données d'entrée c. 2019-2022. Communes de l'indice disparues depuis "
        "(fusions) écartées ; 99,99 % de la population couverte. Mayotte absente (pas de population communale), y "
        "compris de la valeur France, pondérée sur toutes les autres communes.",
        caveats_en="Single vintage, inputs c. 2019-2022. Index communes merged since then are dropped; 99.99% of "
        "the population is covered. Mayotte is missing (no commune population), including from France's value, "
        "weighted over every other commune.",
        levels=_ALL_LEVELS,
    ),
]


def commune_department(codes: pd.Series) -> pd.Series:
    """Department of INSEE commune codes: 2 characters (2A/2B kept), 3 for the overseas 97x codes."""
    text = codes.astype("string").str.strip().str.upper()
    return text.str[:2].where(~text.str.startswith("97").fillna(False), text.str[:3])


def only_departments(departments: pd.Series, known: set[str]) -> pd.Series:
    """Department codes kept when they are COG departments; anything else (00, 977, 978) becomes missing."""
    return departments.where(departments.isin(known))


def registry_counts(rows: pd.DataFrame, known: set[str], period: str) -> pd.DataFrame:
    """Rows (department, value) of a national registry summed per department (zero rule in the module docstring)."""
    sums = rows.groupby("department")["value"].sum()
    metropolitan = {d for d in known if not d.startswith("97")}
    sums = sums.reindex(sorted(set(sums.index) | metropolitan), fill_value=0.0)
    return pd.DataFrame({"level": "department", "code": sums.index, "period": period, "value": sums.to_numpy()})


def cnfs_posts_2021(path: Path) -> pd.DataFrame:
    """Posts of the 2021 laureates per declared department (`code_département` is not zero-padded)."""
    rows = require_columns(pd.DataFrame(read_json(path)), ["code_département", "nb_cnfs"], path)
    return pd.DataFrame(
        {"department": rows["code_département"].map(department_code), "value": to_number(rows["nb_cnfs"], path)}
    )


def cnfs_posts_2023(path: Path) -> pd.DataFrame:
    """Posts validated by April 2023 per `Code département` (the `Département` label is sometimes wrong)."""
    rows = read_csv(path, [CNFS_2023_DEPARTMENT, CNFS_2023_POSTS, CNFS_2023_COMMUNE], sep=";")
    rows = rows[~commune_department(rows[CNFS_2023_COMMUNE]).isin(NOT_DEPARTMENTS)]
    return pd.DataFrame(
        {
            "department": rows[CNFS_2023_DEPARTMENT].map(department_code),
            "value": to_number(rows[CNFS_2023_POSTS], path),
        }
    )


def cnfs_posts(ctx: BuildContext) -> pd.DataFrame:
    """Department counts of CNFS posts at both dates."""
    known = set(ctx.department_region())
    readers = {CNFS_2021_FILE: cnfs_posts_2021, CNFS_2023_FILE: cnfs_posts_2023}
    return pd.concat(
        [registry_counts(read(ctx.path(f)), known, CNFS_PERIODS[f]) for f, read in readers.items()], ignore_index=True
    )


def cra_people(ctx: BuildContext) -> pd.DataFrame:
    """Cumulative unique users per department at each CRA snapshot (no zero filling: the files list all 101)."""
    frames = []
    for period, relative in CRA_FILES.items():
        path = ctx.path(relative)
        rows = require_columns(pd.DataFrame(read_json(path)), ["departement", "usagers"], path)
        frames.append(
            pd.DataFrame(
                {
                    "level": "department",
                    "code": rows["departement"].map(department_code),
                    "period": period,
                    "value": to_number(rows["usagers"], path),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def france_services_sites(path: Path, period: str) -> pd.DataFrame:
    """Sites of one snapshot: department as stated by the list, name, commune, address.

    The 2020 GeoJSON files give `DEPARTEMENT` unpadded ('1'); the CSVs give `insee_dep`, kept rather than the
    commune code because 26 antennas of 2022 have no commune and an Eure bus is based in Rouen.
    """
    if path.suffix == ".geojson":
        props = pd.DataFrame([f["properties"] for f in read_json(path)["features"]])
        columns = {
            "DEPARTEMENT": "department",
            "lib_france_services": "name",
            "insee_com": "commune",
            "ADRESSE": "address",
        }
        rows = require_columns(props, list(columns), path).rename(columns=columns)
    else:
        columns = {"insee_dep": "department", "lib_fs": "name", "insee_com": "commune", "adresse": "address"}
        rows = read_csv(path, list(columns)).rename(columns=columns)
    rows = rows[list(columns.values())].astype("string")
    rows["department"] = rows["department"].map(department_code)
    return rows.assign(period=period)


def france_services_counts(ctx: BuildContext) -> pd.DataFrame:
    """Sites per department and snapshot, main sites and antennas alike, exact duplicates counted once."""
    known = set(ctx.department_region())
    files = {**FS_GEOJSON_FILES, **FS_CSV_FILES}
    frames = []
    for period, relative in files.items():
        sites = france_services_sites(ctx.path(relative), period)
        sites = sites[~sites["department"].isin(NOT_DEPARTMENTS)]
        sites = sites.drop_duplicates(["department", "name", "commune", "address"])
        frames.append(registry_counts(sites.assign(value=1.0), known, period))
    return pd.concat(frames, ignore_index=True)


def postcode(values: pd.Series) -> pd.Series:
    """Postcodes as 5 digits (lost leading zeros restored); blanks missing."""
    digits = values.astype("string").str.replace(r"\D", "", regex=True)
    return digits.where(digits.str.len() > 0).str.zfill(5)


def postcode_pairs(ctx: BuildContext) -> frozenset[tuple[str, str]]:
    """Every (commune code, postcode) pair of the postcode base (one row per commune and postcode)."""
    path = ctx.path(COMMUNES_FILE)
    rows = read_csv(path, ["insee_com", "code_postal"])
    return frozenset(zip(rows["insee_com"].str.strip(), postcode(rows["code_postal"]), strict=True))


def aidants_rows(path: Path, known: set[str], pairs: frozenset[tuple[str, str]]) -> pd.DataFrame:
    """Active structures: department, helper count, and whether the postcode overrode the commune code (`moved`).

    The department is the commune code's, else the postcode's. A commune code moves to its postcode's department
    only when the (commune code, postcode) pair is not in `pairs` and the postcode points to another department, so
    communes that legitimately carry another department's postcode stay put. Structures that can be located nowhere
    keep a missing department, so callers can count them.
    """
    rows = read_csv(path, AC_COLUMNS)
    rows = rows[rows["Is Active"].str.strip().str.lower() == "true"]
    commune = rows["City Insee Code"].astype("string").str.strip().str.upper()
    zip_code = postcode(rows["Zip Code"])
    from_commune = commune_department(commune)
    from_postcode = zip_code.map(department_from_postcode, na_action="ignore").astype("string")
    known_pair = pd.Series([(c, z) in pairs for c, z in zip(commune, zip_code, strict=True)], index=rows.index)
    moved = (from_commune.notna() & from_postcode.notna() & ~known_pair & (from_commune != from_postcode)).fillna(False)
    department = only_departments(from_commune.where(~moved, from_postcode).fillna(from_postcode), known)
    return pd.DataFrame(
        {"department": department, "value": to_number(rows["Nombre d'aidants"], path), "moved": moved.astype(bool)}
    )


def aidants_counts(ctx: BuildContext) -> pd.DataFrame:
    """Active helpers per department and snapshot; the structures moved to their postcode's department are logged."""
    known = set(ctx.department_region())
    pairs = postcode_pairs(ctx)
    frames = []
    for period, relative in AC_FILES.items():
        rows = aidants_rows(ctx.path(relative), known, pairs)
        log.warning(
            "%s: %d active Aidants Connect structures (%d helpers) placed by postcode, their commune code and "
            "postcode not being a pair of %s",
            relative,
            rows["moved"].sum(),
            rows.loc[rows["moved"], "value"].sum(),
            COMMUNES_FILE,
        )
        frames.append(registry_counts(rows.dropna(subset=["department"]), known, period))
    return pd.concat(frames, ignore_index=True)


def ditp_counts(ctx: BuildContext, relative: str) -> pd.DataFrame:
    """One Baromètre series as published (department, region, France), its sums checked, entry errors removed."""
    path = ctx.path(relative)
    frame = read_ditp(path)
    check_published_sums(ctx, frame, path)
    return drop_entry_errors(frame, ENTRY_ERRORS.get(relative, ()))


def drop_entry_errors(frame: pd.DataFrame, errors: tuple[tuple[str, str, str], ...]) -> pd.DataFrame:
    """Rows listed as entry errors (level, code, period) are removed; the build stops if one is no longer there."""
    keys = list(zip(frame["level"], frame["code"], frame["period"], strict=True))
    gone = [e for e in errors if e not in keys]
    if gone:
        raise SourceFormatError(f"entry errors listed but not found (the file changed?): {gone}")
    return frame[[k not in set(errors) for k in keys]].reset_index(drop=True)


def check_published_sums(ctx: BuildContext, frame: pd.DataFrame, path: Path) -> None:
    """Regions and France equal the sum of their departments wherever all of them are published."""
    deps = frame[frame["level"] == "department"]
    sums = pd.concat([ctx.sum_to_regions(deps), ctx.sum_to_france(deps)], ignore_index=True)
    published = frame[frame["level"] != "department"]
    both = published.merge(sums, on=["level", "code", "period"], how="left", suffixes=("", "_sum"))
    unchecked = both[both["value_sum"].isna()]
    if not unchecked.empty:
        raise SourceFormatError(f"{path}: regional or national values without all their departments:\n{unchecked}")
    differs = both[both["value"] != both["value_sum"]]
    if not differs.empty:
        raise SourceFormatError(f"{path}: published totals differ from the sum of their departments:\n{differs}")


def commune_population(ctx: BuildContext) -> pd.DataFrame:
    """One row per commune (or PLM arrondissement): insee_com, department, population 2021 (> 0 only)."""
    path = ctx.path(COMMUNES_FILE)
    rows = read_csv(path, ["insee_com", "insee_dep", "commune_type", "population_2021"])
    rows = rows[rows["commune_type"].isin(COMMUNE_TYPES)].drop_duplicates("insee_com")
    out = pd.DataFrame(
        {
            "insee_com": rows["insee_com"],
            "department": rows["insee_dep"],
            "population": to_number(rows["population_2021"], path),
        }
    )
    return out[out["population"] > 0]


def fragility_scores(ctx: BuildContext) -> pd.DataFrame:
    """Commune scores with their population (insee_com, department, population, score); communes lacking one dropped."""
    path = ctx.path(IFN_FILE)
    ifn = read_csv(path, ["code", "total"])
    scores = pd.DataFrame({"insee_com": ifn["code"], "score": to_number(ifn["total"], path)}).dropna()
    outside = scores[~scores["score"].between(0, 10)]
    if not outside.empty:
        raise SourceFormatError(f"{path}: 'total' outside the 0-10 scale, e.g. {outside.iloc[0].to_dict()}")
    return scores.merge(commune_population(ctx), on="insee_com", how="inner", validate="one_to_one")


def fragility_index(ctx: BuildContext) -> pd.DataFrame:
    """Population-weighted mean score per department, region and France.

    Regions need every department scored; France is weighted over every scored commune with a population (the
    index is a mean over people, so Mayotte, without commune population, is simply outside it).
    """
    scores = fragility_scores(ctx)
    sums = scores.assign(weighted=scores["score"] * scores["population"]).groupby("department")
    parts = sums[["weighted", "population"]].sum().reset_index()
    long = parts.melt(id_vars="department", var_name="indicator", value_name="value")
    long = long.rename(columns={"department": "code"}).assign(level="department", period=IFN_PERIOD)
    known = long[long["code"].isin(ctx.department_region())]
    france = known.groupby(["indicator", "period"], as_index=False)["value"].sum()
    france = france.assign(level=FRANCE_LEVEL, code=FRANCE_CODE)
    both = pd.concat([long, ctx.sum_to_regions(long), france], ignore_index=True)
    wide = both.pivot_table(index=["level", "code", "period"], columns="indicator", values="value").reset_index()
    return wide.assign(value=wide["weighted"] / wide["population"])[["level", "code", "period", "value"]]


def count_and_rate(
    ctx: BuildContext, counts: pd.DataFrame, count_id: str | None, rate_id: str, per: int
) -> list[pd.DataFrame]:
    """Department counts with their regional and national sums, as a count indicator (optional) and a rate."""
    both = pd.concat([counts, ctx.sum_to_regions(counts), ctx.sum_to_france(counts)], ignore_index=True)
    return counts_with_rate(ctx, both, count_id, rate_id, per)


def counts_with_rate(
    ctx: BuildContext, counts: pd.DataFrame, count_id: str | None, rate_id: str, per: int
) -> list[pd.DataFrame]:
    """Counts at every level as they are, as a count indicator (optional) and a rate per `per` inhabitants."""
    rate = ctx.per_capita(counts, per).dropna(subset=["value"])
    out = [tidy(rate, rate_id)]
    if count_id:
        out.append(tidy(counts, count_id))
    return out


def facts(ctx: BuildContext) -> pd.DataFrame:
    """All training and inclusion indicators: departments, regions and France."""
    frames = [
        *count_and_rate(
            ctx, cnfs_posts(ctx), "conseillers_numeriques_posts", "conseillers_numeriques_per_100k", 100_000
        ),
        *count_and_rate(ctx, cra_people(ctx), None, "cnfs_people_helped_per_1000", 1_000),
        *count_and_rate(ctx, france_services_counts(ctx), "france_services_count", "france_services_per_100k", 100_000),
        *count_and_rate(ctx, aidants_counts(ctx), "aidants_connect_count", "aidants_connect_per_100k", 100_000),
        *[
            frame
            for count_id, (relative, rate_id, per) in DITP_SERIES.items()
            for frame in counts_with_rate(ctx, ditp_counts(ctx, relative), count_id, rate_id, per)
        ],
        tidy(fragility_index(ctx), "digital_fragility_index"),
    ]
    return pd.concat(frames, ignore_index=True)
