"""Milestones of the regional digital strategies named in the July 2017 article (../shared/seed/)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from loaders.codes import region_code
from loaders.context import BuildContext
from loaders.io import SourceFormatError, read_csv

SEED_ARTICLE = "seed/regions_strategies_numeriques_2017.txt"  # relative to ../shared, next to sources/

STRATEGIES_FILE = "strategies/strategies_regionales_2016_2018.csv"
COLUMNS = [
    "region_code",
    "region_name",
    "date",
    "date_precision",
    "status",
    "kind",
    "initiative_fr",
    "initiative_en",
    "source",
]
# How precise a date is. 'before': no date in the article, the event is reported as done by it (the date is the
# article's month); 'early-month': "début juillet", one representative day (the 5th) shared by such events.
PRECISIONS = ("day", "early-month", "month", "quarter", "half-year", "year", "before")
STATUSES = (
    "announced",
    "presented",
    "consultation",
    "adopted",
    "launched",
    "planned",
    "done",
    "existing",
    "considered",
)
EARLY_JULY_2017 = "2017-07-05"


@dataclass(frozen=True)
class Correction:
    """A change to one row of the raw table (found by region, kind and the start of its French text), or a row to
    add (`match_fr` empty), each justified by the article's own sentence, quoted exactly."""

    region_code: str
    kind: str
    match_fr: str
    changes: dict[str, str]
    quote: str
    reason: str


CORRECTIONS = (
    Correction(
        "32",
        "employment",
        "Partenariat avec Facebook",
        {"status": "announced"},
        "Fin 2016, la région Hauts-de-France avait ainsi annoncé un partenariat avec Facebook, pour diffuser des "
        "offres d'emploi locales sur le célèbre réseau social.",
        "the article says announced, not launched",
    ),
    Correction(
        "84",
        "ecosystem",
        "Fusion des deux clusters",
        {"date": "2017-07-01", "date_precision": "before"},
        "Une ambition qui a pour l'heure débouché sur deux faits marquants : la fusion des deux clusters numériques "
        "régionaux et l'esquisse d'un projet de campus numérique régional",
        "no date in the article: done by the time of the article (July 2017)",
    ),
    Correction(
        "28",
        "strategy",
        "Concertation du tissu économique",
        {"date": EARLY_JULY_2017, "date_precision": "early-month"},
        'Début juillet, la région Paca délibérait sur sa stratégie "smart région", quand la Normandie lançait une '
        'consultation auprès de son tissu économique sur son "plan de numérisation"',
        "'début juillet', the same early-July date as Auvergne-Rhône-Alpes",
    ),
    Correction(
        "84",
        "employment",
        "Partenariat avec Facebook",
        {"date": EARLY_JULY_2017, "date_precision": "early-month"},
        "Début juillet, la région Auvergne-Rhônes-Alpes lui a emboîté le pas.",
        "'début juillet', the same early-July date as Normandie",
    ),
    Correction(
        "75",
        "tiers-lieux",
        "Label régional des tiers-lieux",
        {
            "initiative_fr": "Politique régionale en faveur des tiers-lieux, citée en modèle par la Normandie "
            "(l'article ne dit pas qu'elle comporte un label régional)",
            "initiative_en": "Regional policy for third places (tiers-lieux), cited as a model by Normandy "
            "(the article does not say that it includes a regional label)",
        },
        "La région entend aussi soutenir le développement des tiers-lieux à l'horizon 2018, avec la création d'un "
        "label régional, dans le sillage de ce qui se fait en région Nouvelle-Aquitaine.",
        "the article attests a third-places policy in Nouvelle-Aquitaine that Normandy follows, "
        "not that it has a label",
    ),
    Correction(
        "93",
        "tiers-lieux",
        "",
        {
            "region_name": "Provence-Alpes-Côte d'Azur",
            "date": "2017-07-07",
            "date_precision": "day",
            "status": "considered",
            "initiative_fr": "Réflexion sur un label commun de tiers-lieux (réseau ERIC, initiative Paca Labs, lieux "
            "de l'appel à projets)",
            "initiative_en": "Considering a common third-places label (ERIC network, Paca Labs initiative, places of "
            "the call for projects)",
        },
        "Là encore, la région réfléchit à un label commun de tiers-lieux, en réunissant le réseau Eric (espace "
        "régional internet citoyen), l'initiative Paca Labs, et les lieux bénéficiant de ce nouvel AAP.",
        "missing from the raw table: considered ('réfléchit à'), not decided",
    ),
)


def corrected(frame: pd.DataFrame, path: object = STRATEGIES_FILE) -> pd.DataFrame:
    """The raw table with CORRECTIONS applied; a correction that no longer matches exactly one row fails the build
    (the raw file changed: the correction must be looked at again, not silently skipped)."""
    out = frame.copy()
    added = []
    for fix in CORRECTIONS:
        if not fix.match_fr:
            row = {column: "" for column in COLUMNS} | {"region_code": fix.region_code, "kind": fix.kind}
            added.append(row | {"source": out["source"].iloc[0]} | fix.changes)
            continue
        hit = (
            (out["region_code"] == fix.region_code)
            & (out["kind"] == fix.kind)
            & out["initiative_fr"].str.startswith(fix.match_fr)
        )
        if hit.sum() != 1:
            raise SourceFormatError(
                f"{path}: correction for region {fix.region_code} {fix.kind!r} '{fix.match_fr}…' matches "
                f"{int(hit.sum())} rows instead of one"
            )
        for column, value in fix.changes.items():
            out.loc[hit, column] = value
    return pd.concat([out, pd.DataFrame(added, columns=COLUMNS)], ignore_index=True)


def strategies(ctx: BuildContext) -> pd.DataFrame:
    """One row per milestone, corrected against the article, region codes as INSEE strings and dates as ISO
    strings; date precisions and statuses are checked against the known values."""
    path = ctx.file(STRATEGIES_FILE)
    frame = read_csv(path, COLUMNS)
    frame["region_code"] = frame["region_code"].map(region_code)
    frame = corrected(frame, path)
    bad = frame[pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce").isna()]
    if not bad.empty:
        raise SourceFormatError(f"{path}: column 'date' has a value that is not YYYY-MM-DD: {bad['date'].iloc[0]!r}")
    for column, known in (("date_precision", PRECISIONS), ("status", STATUSES)):
        unknown = sorted(set(frame[column]) - set(known))
        if unknown:
            raise SourceFormatError(f"{path}: column {column!r} has unknown values {unknown}")
    return frame[COLUMNS].sort_values(["region_code", "date"], ignore_index=True)
