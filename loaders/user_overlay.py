"""An uploaded column turned into an indicator like the catalogue's, with the reader's file as its source.

Everything here lives in one session (loaders.dataset.Dataset.with_overlay): nothing is written to disk. The label
carries "(vos données)" / "(your data)" so every chart, table, link note and export says whose figure it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from i18n import LANGS, text
from loaders.catalogue import EMPTY, IndexRole, Indicator, Source, SourceFile, Text, Unit
from loaders.user_data import UserTable

USER_PREFIX = "user_"
UNITS = (Unit.PERCENT, Unit.PER_100K, Unit.PER_1000, Unit.COUNT, Unit.INDEX)
MAX_NAME = 80


@dataclass(frozen=True)
class Choices:
    """What the reader says about one column of the file: which, and how to name and read it."""

    column: str  # an `indicator` value of the UserTable's frame
    name: str
    unit: Unit
    pillar: str
    polarity: int  # +1 higher is better, -1 higher is worse, 0 neither
    low: float | None = None  # the index's 0 and 100 for this indicator, as the reader confirmed them; by default
    high: float | None = None  # the observed range


def is_user(indicator: str | None) -> bool:
    return bool(indicator) and indicator.startswith(USER_PREFIX)


def clean_name(name: str) -> str:
    """A name safe in every place it is shown: no markup (charts read '<' as a tag), no control characters, short."""
    name = re.sub(r"[\x00-\x1f\x7f]", " ", name).replace("<", "‹").replace(">", "›")
    return " ".join(name.split())[:MAX_NAME]


def guess_unit(column: str, values: pd.Series) -> Unit:
    """'%' in the header, or 'pour 100 000', 'pour 1 000'; whole numbers are counts; otherwise an index."""
    folded = column.casefold()
    if "%" in folded or "taux" in folded or "part " in folded or "share" in folded:
        return Unit.PERCENT
    if "100 000" in folded or "100000" in folded or "100,000" in folded:
        return Unit.PER_100K
    if "1 000" in folded or "1000" in folded or "1,000" in folded:
        return Unit.PER_1000
    return Unit.COUNT if len(values) and (values % 1 == 0).all() else Unit.INDEX


def _decimals(values: pd.Series) -> int:
    """The fewest decimals (up to three) that show every value as the file gives it."""
    for decimals in range(4):
        if np.allclose(values, values.round(decimals)):
            return decimals
    return 3


def overlay(
    table: UserTable, choices: Choices, *, number: int, filename: str, data: bytes
) -> tuple[Indicator, Source, pd.DataFrame]:
    """The indicator (id user_<number>), its source (the file, with its sha256) and its facts in the snapshot's
    schema. Raises ValueError (pydantic's) when the choices cannot make a valid indicator."""
    rows = table.frame[table.frame["indicator"] == choices.column]
    ident = f"{USER_PREFIX}{number}"
    name = clean_name(choices.name) or clean_name(choices.column)
    file = clean_name(filename)
    today = dt.date.today().isoformat()

    def words(key: str, **values: object) -> Text:
        return Text({lang: text(key, lang, **values) for lang in LANGS})

    indicator = Indicator(
        id=ident,
        label=words("upload.label", name=name),
        definition=words("upload.definition", file=file, column=clean_name(choices.column)),
        caveats=words("upload.caveat" if (rows["period"] != "").all() else "upload.caveat_no_period", year=today[:4]),
        unit=choices.unit,
        pillar=choices.pillar,
        polarity=choices.polarity,
        decimals=_decimals(rows["value"]),
        sources=(ident,),
        levels=(table.level,),
        index=_index_role(rows["value"], choices, words),
    )
    source = Source(
        id=ident,
        publisher=words("upload.publisher"),
        credit=words("upload.publisher"),
        title=Text(dict.fromkeys(LANGS, file)),
        url="",
        licence=words("upload.licence"),
        vintage=words("upload.vintage", date=today),
        caveats=EMPTY,
        manual=words("upload.manual"),
        files=(SourceFile(path=file, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data)),),
    )
    facts = pd.DataFrame(
        {
            "level": rows["level"].astype(str),
            "code": rows["code"].astype(str),
            "indicator": ident,
            "period": rows["period"].replace("", today[:4]).astype(str),
            "value": rows["value"].astype("float64"),
            "flag": pd.Series([pd.NA] * len(rows), dtype="string"),
            "low": np.nan,
            "high": np.nan,
            "decimals": pd.Series([pd.NA] * len(rows), dtype="Int8"),
        }
    ).reset_index(drop=True)
    return indicator, source, facts


def _index_role(values: pd.Series, choices: Choices, words) -> IndexRole | None:
    """An optional index member, scaled over the values' observed range (said so), for a rate with a direction."""
    if choices.polarity == 0 or choices.unit == Unit.COUNT or choices.pillar == "context" or values.nunique() < 2:
        return None
    low = float(values.min()) if choices.low is None else choices.low
    high = float(values.max()) if choices.high is None else choices.high
    observed = (low, high) == (float(values.min()), float(values.max()))
    return IndexRole(
        pillar=choices.pillar,
        low=low,
        high=high,
        anchor=words("upload.anchor_observed" if observed else "upload.anchor_chosen"),
        rationale=words("upload.rationale"),
        default=False,
    )
