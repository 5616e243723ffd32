"""English versions of the sources' publisher, licence and vintage lines (our wording; titles stay as published).

Kept in one table so the wording shared by several sources is written once; `check_source_texts` requires an
entry for every source of the build.
"""

from __future__ import annotations

_OPEN = "Licence Ouverte / Etalab 2.0 (French open licence)"
_EUROSTAT = "Eurostat (EU survey on ICT usage in households; Insee for France)"
_EUROSTAT_LICENCE = "© European Union, reuse under Eurostat's copyright policy (CC BY 4.0)"
_FROM_UPSTREAM = "Licence Ouverte 2.0 (upstream public data on data.gouv.fr; not restated in the repository)"

ENGLISH: dict[str, dict[str, str]] = {
    "aidants_connect_structures": {
        "publisher": "ANCT / beta.gouv.fr, Aidants Connect (Metabase export of the France Numérique Ensemble app)",
        "licence": "Not stated in the source repository",
        "vintage": "2023-07-18, 2023-11-28, 2024-02-12",
    },
    "anct_cnfs_conventionnees_2023": {
        "publisher": "ANCT / Banque des Territoires, via inclusion-numerique/stack (France Numérique Ensemble)",
        "licence": _FROM_UPSTREAM,
        "vintage": "2023-04-05",
    },
    "anct_cnfs_laureates_2021": {
        "publisher": "ANCT (Société Numérique programme) / Banque des Territoires, "
        "via anct-carto/conseillers-numeriques",
        "licence": _FROM_UPSTREAM,
        "vintage": "2021-06-25 (selection committees from 2021-03-24 to 2021-05-19)",
    },
    "anct_france_services": {
        "publisher": "ANCT and Banque des Territoires (data from prefectures and the sites themselves)",
        "licence": "Licence Ouverte / Open Licence 2.0",
        "vintage": "2020-01-10, 2020-06-17, 2020-10-12, 2022-12-01, 2024-08-01",
    },
    "arcep_maconnexion_2022t4": {
        "publisher": "ARCEP, Ma connexion internet",
        "licence": _OPEN,
        "vintage": "2022-12-31",
    },
    "arcep_maconnexion_2026t2": {
        "publisher": "ARCEP, Ma connexion internet",
        "licence": _OPEN,
        "vintage": "2026-06-30",
    },
    "arcep_observatoire_ftth_2022t2": {
        "publisher": "ARCEP, fixed broadband observatory (roll-out)",
        "licence": _OPEN,
        "vintage": "2022 Q2 (series 2017 Q4 – 2022 Q2)",
    },
    "arcep_sites_mobiles_2024": {
        "publisher": "ARCEP, mobile sites (operators' radio stations)",
        "licence": _OPEN,
        "vintage": "≈ 2024 Q1 (ARCEP file date not given; counted on 2024-05-20)",
    },
    "barometre_action_publique": {
        "publisher": "Interministerial Directorate for Public Transformation (DITP) / Etalab",
        "licence": _OPEN,
        "vintage": "2023-01-19 (monthly series 2021-01 to 2022-11)",
    },
    "barometre_ditp_2025t1": {
        "publisher": "French government, public action results barometer (DITP); produced by ARCEP and ANCT",
        "licence": _OPEN,
        "vintage": "FttH 2022 Q2 – 2025 Q1; New Deal Mobile May 2022 – June 2025 (repository "
        "DITP-pilotage/barometre-resultats, commit 0223a2e)",
    },
    "barometre_thd": {
        "publisher": "French government, public action results barometer (DITP, Etalab); produced by ARCEP",
        "licence": _OPEN,
        "vintage": "2017 Q4 – 2022 Q3 (export of 2023-01-06, repository etalab/barometre-resultats)",
    },
    "cnfs_cra_departements": {
        "publisher": "ANCT, France Numérique Ensemble app (repository inclusion-numerique/stack)",
        "licence": "Not stated in the repository (ANCT public data)",
        "vintage": "2023-07-26, 2023-11-28, 2024-02-22 (commit dates; extracted on or before those dates)",
    },
    "datasfun_communes": {
        "publisher": "rcarlier/datas.fun, after Insee (COG 2024, territory comparator 2024)",
        "licence": "No licence in the repository; Insee sources under Licence Ouverte",
        "vintage": "Population 2021, COG as of 2024-02-20",
    },
    "ditp_barometre_inclusion_numerique": {
        "publisher": "DITP, public action results barometer (repository DITP-pilotage/barometre-resultats)",
        "licence": _OPEN,
        "vintage": "Repository commit 0223a2eb: monthly 2023-06 to 2025-08 (IND-736, IND-734; initial value 2022-12), "
        "2023-01 to 2026-06 with missing months (IND-323; initial value 2022-05)",
    },
    "eurostat_gisco_nuts_2021": {
        "publisher": "Eurostat GISCO",
        "licence": "© EuroGeographics for the administrative boundaries (GISCO copyright notice)",
        "vintage": "2021",
    },
    "eurostat_isoc_r_iacc_h_fr": {
        "publisher": _EUROSTAT,
        "licence": _EUROSTAT_LICENCE,
        "vintage": "Eurostat update of 2026-06-25, years 2006-2025",
    },
    "eurostat_isoc_r_iuse_i_iday": {
        "publisher": _EUROSTAT,
        "licence": _EUROSTAT_LICENCE,
        "vintage": "Extracted around 2020, years 2006-2019",
    },
    "eurostat_tgs00047": {
        "publisher": _EUROSTAT,
        "licence": _EUROSTAT_LICENCE,
        "vintage": "Extracted 2023-11, years 2011-2022",
    },
    "eurostat_tgs00050": {
        "publisher": _EUROSTAT,
        "licence": _EUROSTAT_LICENCE,
        "vintage": "Extracted 2023-11, years 2011-2022",
    },
    "eurostat_tgs00052": {
        "publisher": _EUROSTAT,
        "licence": _EUROSTAT_LICENCE,
        "vintage": "Extracted 2023-11, years 2011-2022",
    },
    "francetierslieux_panorama_2023": {
        "publisher": "GIP France Tiers-Lieux — third places observatory",
        "licence": "Figures published on a public web page, reused with the source cited (licence not stated)",
        "vintage": "2023 census (published September 2023)",
    },
    "ign_admin_express_2018": {
        "publisher": "IGN (ADMIN EXPRESS COG 2018) and Insee (COG 2018), via Grégoire David, france-geojson",
        "licence": "Licence Ouverte / Etalab (IGN ADMIN EXPRESS terms)",
        "vintage": "2018 (boundaries unchanged since 2016)",
    },
    "insee_illectronisme_regions": {
        "publisher": "Insee (regional studies Insee Analyses and Insee Flash, 2020-2023)",
        "licence": "© Insee, reuse with the source cited",
        "vintage": "2019 and 2021 (published 2019 to 2023)",
    },
    "insee_populations_legales": {
        "publisher": "Insee (via Etalab, @etalab/decoupage-administratif 2.3.1, 4.1.0, 6.0.0)",
        "licence": _OPEN,
        "vintage": "2020, 2022, 2023 (in force on 1 January 2023, 2025, 2026); Mayotte: Insee estimates on "
        "1 January 2022 and 2023",
    },
    "insee_superficies": {
        "publisher": "Insee, territory comparator database 2024",
        "licence": _OPEN,
        "vintage": "2024",
    },
    "mednum_indice_fragilite_numerique": {
        "publisher": "La MedNum / ANCT, digital fragility index, recomputed for France Numérique Ensemble",
        "licence": "Not stated in the source repository",
        "vintage": "Single edition (input data c. 2019-2022), file published in 2023-2024",
    },
    "mission_coworking_2018": {
        "publisher": "Mission Coworking (P. Levy-Waitz, CGET), figures quoted by Sans Transition! magazine",
        "licence": "Figures quoted by the press, reused with the source cited (licence not stated)",
        "vintage": "2018",
    },
    "mission_coworking_2018_france": {
        "publisher": "Mission Coworking (P. Levy-Waitz, CGET), figures quoted by the Labo Société Numérique (ANCT)",
        "licence": "Figures quoted on a public page, reused with the source cited (licence not stated)",
        "vintage": "2018 (article of September 2018)",
    },
    "strategies_regionales_2017": {
        "publisher": "Local-government press (article of July 2017), transcribed by the project",
        "licence": "Facts taken from a press article (reworded)",
        "vintage": "2017-07",
    },
}
