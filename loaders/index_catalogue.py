"""The digital maturity index, declared in one place: its members, their pillar, their fixed anchors and why.

Each member is read on a 0-100 scale between two anchors fixed here once (a physical bound, a policy target or the
range observed across all French territories — regions, departments and France — from 2017 to 2025, rounded
outward), never between the minimum and maximum of the moment. Indicators left out say why, so the page can too.
The build writes both into the indicator catalogue (`index`, `index_left_out`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

INDEX_PILLARS = ("infrastructure", "usage", "ecosystem")
OBSERVED_FR = "plage observée 2017-2025 sur tous les territoires français (régions, départements, France), arrondie"
OBSERVED_EN = "range observed in 2017-2025 across all French territories (regions, departments, France), rounded"


@dataclass(frozen=True)
class IndexRole:
    """How one indicator enters the index: pillar, anchors of its 0-100 scale, their origin and the member's reason."""

    pillar: str
    low: float
    high: float
    anchor_fr: str
    anchor_en: str
    rationale_fr: str
    rationale_en: str
    default: bool = True

    def __post_init__(self) -> None:
        if self.pillar not in INDEX_PILLARS:
            raise ValueError(f"index pillar must be one of {INDEX_PILLARS}, not {self.pillar!r}")
        if not self.low < self.high:
            raise ValueError(f"index anchors must satisfy low < high ({self.low}, {self.high})")

    def record(self) -> dict:
        return asdict(self)


MEMBERS: dict[str, IndexRole] = {
    "ftth_coverage": IndexRole(
        "infrastructure",
        0,
        100,
        "bornes physiques 0-100 % ; la cible nationale est 100 %",
        "physical bounds 0-100%; the national target is 100%",
        "La fibre jusqu'à l'abonné, cœur des stratégies de 2016-2017 : la série officielle, trimestrielle.",
        "Fibre to the home, the core of the 2016-2017 strategies: the official quarterly series.",
    ),
    "thd30_eligibility": IndexRole(
        "infrastructure",
        39,
        100,
        f"{OBSERVED_FR} (saturé : près de 100 % en métropole)",
        f"{OBSERVED_EN} (saturated: close to 100% in mainland France)",
        "Le très haut débit pour tous, toutes technologies : ne distingue plus que l'outre-mer, d'où ses bornes.",
        "Superfast broadband for all, any technology: it now separates overseas France only, hence its anchors.",
    ),
    "household_internet_access": IndexRole(
        "usage",
        64,
        97,
        OBSERVED_FR,
        OBSERVED_EN,
        "Les ménages qui ont internet chez eux : l'adoption, au-delà de l'éligibilité.",
        "Households with internet at home: adoption, beyond eligibility.",
    ),
    "internet_weekly_use": IndexRole(
        "usage",
        65,
        96,
        OBSERVED_FR,
        OBSERVED_EN,
        "L'usage régulier d'internet par les personnes (l'usage quotidien, plus ancien, en est un doublon).",
        "Regular use of the internet by people (daily use, older, would count the same thing twice).",
    ),
    "online_purchase": IndexRole(
        "usage",
        26,
        86,
        OBSERVED_FR,
        OBSERVED_EN,
        "Les achats en ligne : un usage avancé, qui demande confiance et compétences.",
        "Online purchases: an advanced use that takes trust and skills.",
    ),
    "cheque_numerique_per_100k": IndexRole(
        "usage",
        0,
        390,
        f"0 (aucune entreprise) et le haut de la {OBSERVED_FR}",
        f"0 (no firm) and the top of the {OBSERVED_EN}",
        "L'adoption par les entreprises : celles qui ont acheté une solution numérique avec le chèque France Num "
        "(les diagnostics France Num mesurent le même programme).",
        "Business adoption: firms that bought a digital solution with the France Num voucher (France Num diagnoses "
        "measure the same programme).",
    ),
    "conseillers_accompaniments_per_1000": IndexRole(
        "ecosystem",
        0,
        381,
        f"0 et le haut de la {OBSERVED_FR}",
        f"0 and the top of the {OBSERVED_EN}",
        "L'inclusion numérique en actes : accompagnements des conseillers numériques (une seule mesure des personnes "
        "aidées : la plus récente).",
        "Digital inclusion in action: sessions by the conseillers numériques (one measure of people helped: the "
        "newest).",
    ),
    "aidants_trained_per_100k": IndexRole(
        "ecosystem",
        0,
        117,
        f"0 et le haut de la {OBSERVED_FR}",
        f"0 and the top of the {OBSERVED_EN}",
        "Les aidants numériques formés : la capacité d'accompagnement ordinaire (Aidants Connect en est un "
        "sous-ensemble plus ancien).",
        "Digital helpers trained: everyday capacity to help (Aidants Connect is an older subset of it).",
    ),
    "france_services_acts_per_1000": IndexRole(
        "ecosystem",
        0,
        147,
        f"0 et le haut de la {OBSERVED_FR}",
        f"0 and the top of the {OBSERVED_EN}",
        "Le recours aux France services, guichets d'aide aux démarches en ligne (plutôt que leur nombre, qui suit "
        "surtout la faible densité).",
        "Use of France services, help desks for online procedures (rather than their number, which mostly follows "
        "low density).",
    ),
    "tiers_lieux_per_100k": IndexRole(
        "ecosystem",
        0,
        10,
        f"0 et le haut de la {OBSERVED_FR}",
        f"0 and the top of the {OBSERVED_EN}",
        "Les tiers-lieux : hors indice par défaut, car estimés à partir de parts arrondies à 1 %.",
        "Third places: out of the index by default, as they are estimated from shares rounded to 1%.",
        default=False,
    ),
}

# Indicators that could look like members, and why they are not.
LEFT_OUT: dict[str, tuple[str, str]] = {
    "ftth_coverage_2026": (
        "Même phénomène que la couverture FttH, sur une autre base (adresses) : une seule mesure de la fibre.",
        "Same phenomenon as FttH coverage, on another base (addresses): one measure of fibre only.",
    ),
    "gigabit_eligibility": (
        "Doublon de la fibre (le 1 Gbit/s est presque toujours la fibre), et mesuré une seule fois (2022).",
        "Duplicates fibre (1 Gbit/s almost always means fibre), and measured once only (2022).",
    ),
    "thd100_eligibility": (
        "Doublon de la fibre et du très haut débit, mesuré une seule fois (2022).",
        "Duplicates fibre and superfast broadband, measured once only (2022).",
    ),
    "good_speed_eligibility": (
        "Saturé (près de 100 % partout) : ne porte pas d'information.",
        "Saturated (close to 100% everywhere): carries no information.",
    ),
    "thd30_eligibility_2026": (
        "Saturé (près de 100 % partout, satellite compris) : ne porte pas d'information.",
        "Saturated (close to 100% everywhere, satellite included): carries no information.",
    ),
    "mobile_sites_per_100k": (
        "Indicateur de contexte : suit la faible densité, pas la qualité de la couverture.",
        "Context indicator: it follows low density, not the quality of coverage.",
    ),
    "new_deal_4g_sites": (
        "Un compte (dépend de la taille du territoire) et l'outre-mer n'est pas concerné.",
        "A count (it depends on the territory's size) and overseas France is not covered.",
    ),
    "internet_daily_use": (
        "Doublon de l'usage régulier, et arrêté en 2019.",
        "Duplicates regular use, and stops in 2019.",
    ),
    "illectronism_rate": (
        "Publié pour 7 régions seulement : moins de 80 % des territoires.",
        "Published for 7 regions only: fewer than 80% of territories.",
    ),
    "francenum_diagnostics_per_100k": (
        "Même programme que le chèque France Num : une seule mesure de l'adoption par les entreprises.",
        "Same programme as the France Num voucher: one measure of business adoption only.",
    ),
    "cnfs_people_helped_per_1000": (
        "Ancienne mesure des personnes aidées par les conseillers numériques, qui sous-compte : remplacée par les "
        "accompagnements.",
        "Older measure of people helped by conseillers numériques, which undercounts: replaced by sessions.",
    ),
    "conseillers_numeriques_per_100k": (
        "Des postes accordés (moyens), pas l'activité : les accompagnements la mesurent.",
        "Posts granted (means), not activity: the sessions measure it.",
    ),
    "aidants_connect_per_100k": (
        "Sous-ensemble plus ancien des aidants numériques formés.",
        "An older subset of the digital helpers trained.",
    ),
    "france_services_per_100k": (
        "Le nombre de sites suit surtout la faible densité : le recours (actes) le remplace.",
        "The number of sites mostly follows low density: their use (acts) replaces it.",
    ),
    "digital_fragility_index": (
        "Un indice composite lui-même (besoins d'accompagnement), calculé une fois : ne pas l'empiler.",
        "A composite index itself (need for help), computed once: not to be stacked.",
    ),
}
