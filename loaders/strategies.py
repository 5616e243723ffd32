"""Milestones of the regional digital strategies named in the July 2017 article (../shared/seed/)."""

from __future__ import annotations

import pandas as pd

from loaders.catalogue import Source
from loaders.codes import region_code
from loaders.context import BuildContext
from loaders.io import SourceFormatError, read_csv

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

SOURCES = [
    Source(
        id="strategies_regionales_2017",
        publisher="Presse des collectivités territoriales (article de juillet 2017), relevé par le projet",
        title="Les régions se dotent de stratégies numériques globales — jalons des stratégies régionales 2016-2018",
        title_en="Regions adopt comprehensive digital strategies — milestones of the regional strategies 2016-2018",
        url="",
        licence="Faits relevés dans un article de presse (reformulés)",
        vintage="2017-07",
        files=(STRATEGIES_FILE,),
        caveats="Liste non exhaustive : seules les régions citées par l'article (28, 93, 84, 32, 75) ont des jalons. "
        "Dates représentatives quand l'article ne donne qu'un mois, un semestre ou une année (voir date_precision).",
        caveats_en="Non-exhaustive list: only the regions cited by the article (28, 93, 84, 32, 75) have "
        "milestones. Representative dates where the article gives only a month, a half-year or a year "
        "(see date_precision).",
    )
]


def strategies(ctx: BuildContext) -> pd.DataFrame:
    """One row per milestone, region codes as INSEE strings and dates as ISO strings."""
    path = ctx.path(STRATEGIES_FILE)
    frame = read_csv(path, COLUMNS)
    frame["region_code"] = frame["region_code"].map(region_code)
    bad = frame[pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce").isna()]
    if not bad.empty:
        raise SourceFormatError(f"{path}: column 'date' has a value that is not YYYY-MM-DD: {bad['date'].iloc[0]!r}")
    return frame[COLUMNS].sort_values(["region_code", "date"], ignore_index=True)
