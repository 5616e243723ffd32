"""The catalogues made readable: what each indicator covers, which sources it cites, and searching them."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import pandas as pd

from analysis.frames import FRANCE
from loaders import Dataset

PILLAR_ORDER = ("infrastructure", "usage", "ecosystem", "context")
LEVEL_ORDER = ("region", "department", "nuts0", "nuts1", "nuts2")
MAYOTTE = {"region": "06", "department": "976"}


def coverage(ds: Dataset) -> pd.DataFrame:
    """One row per (indicator, level) with data: first and last period and the number of periods, levels in order."""
    grouped = ds.facts.groupby(["indicator", "level"], observed=True)["period"]
    out = grouped.agg(first="min", last="max", periods="nunique").reset_index()
    out["_order"] = out["level"].map({lv: i for i, lv in enumerate(LEVEL_ORDER)})
    return out.sort_values(["indicator", "_order"], ignore_index=True).drop(columns="_order")


def source_ids(row: pd.Series) -> list[str]:
    """The source ids an indicator cites (stored as 'a|b' in the catalogue)."""
    return [s for s in str(row["source_ids"]).split("|") if s]


def source_text(row: Mapping, field: str, lang: str) -> str:
    """A source's `title`, `caveats`, `publisher`, `licence` or `vintage` in the reader's language: the `_en` text in
    English when the catalogue has one, else the French text (the sources catalogue keeps French in the unsuffixed
    fields)."""
    english = row.get(f"{field}_en") if lang == "en" else None
    if isinstance(english, str) and english.strip():
        return english
    french = row.get(field)
    return french if isinstance(french, str) else ""


def citing_indicators(ds: Dataset) -> dict[str, list[str]]:
    """For each source id, the indicators that cite it (sources cited by none get an empty list)."""
    cited: dict[str, list[str]] = {sid: [] for sid in ds.sources["id"]}
    for _, row in ds.indicators.sort_values("id").iterrows():
        for sid in source_ids(row):
            cited.setdefault(sid, []).append(str(row["id"]))
    return cited


def _fold(text: str) -> str:
    """Lower case without accents, so 'eleve' finds 'élevé' and 'ILLECTRONISME' finds 'illectronisme'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# What the Sources page search looks into.
SEARCHED_COLUMNS = (
    "id",
    "label_fr",
    "label_en",
    "definition_fr",
    "definition_en",
    "caveats_fr",
    "caveats_en",
    "source_ids",
)


def filter_indicators(indicators: pd.DataFrame, query: str = "", pillar: str | None = None) -> pd.DataFrame:
    """Catalogue rows matching every word of `query` (id, labels, definitions, caveats, sources; accents ignored)
    and the pillar, ordered by pillar then French label."""
    rows = indicators if pillar is None else indicators[indicators["pillar"] == pillar]
    words = _fold(query).split()
    if words:
        haystack = rows[list(SEARCHED_COLUMNS)].fillna("").astype(str).agg(" ".join, axis=1).map(_fold)
        rows = rows[haystack.map(lambda h: all(w in h for w in words))]
    order = rows["pillar"].map({p: i for i, p in enumerate(PILLAR_ORDER)})
    return rows.assign(_order=order).sort_values(["_order", "label_fr"]).drop(columns="_order")


def sources_of(ds: Dataset, indicator_ids: list[str]) -> pd.DataFrame:
    """Sources cited by some indicators, in catalogue order (by id)."""
    cited = {
        sid for _, row in ds.indicators[ds.indicators["id"].isin(indicator_ids)].iterrows() for sid in source_ids(row)
    }
    return ds.sources[ds.sources["id"].isin(cited)].sort_values("id", ignore_index=True)


def filter_sources(ds: Dataset, query: str, pillar: str | None, indicator_ids: list[str]) -> pd.DataFrame:
    """Sources to list next to a filtered catalogue: all of them when nothing is filtered; otherwise those the listed
    indicators cite, plus (without a pillar filter) those whose own text matches every word of the query."""
    words = _fold(query).split()
    if not words and pillar is None:
        return ds.sources.sort_values("id", ignore_index=True)
    keep = set(sources_of(ds, indicator_ids)["id"])
    if words and pillar is None:
        columns = ["id", "publisher", "title", "title_en", "licence", "vintage", "caveats", "caveats_en"]
        haystack = ds.sources.reindex(columns=columns).fillna("").astype(str).agg(" ".join, axis=1).map(_fold)
        keep |= set(ds.sources.loc[haystack.map(lambda h: all(w in h for w in words)), "id"])
    return ds.sources[ds.sources["id"].isin(keep)].sort_values("id", ignore_index=True)


def mayotte_gaps(ds: Dataset) -> list[str]:
    """Indicators published for regions or departments that have no value at all for Mayotte."""
    f = ds.facts
    french = f[f["level"].isin(list(MAYOTTE))]
    has_mayotte = french[french["code"] == french["level"].map(MAYOTTE)]
    return sorted(set(french["indicator"]) - set(has_mayotte["indicator"]))


def facts_table(ds: Dataset) -> pd.DataFrame:
    """The whole facts table with the territory's name, for download (nuts codes keep an empty name)."""
    names = ds.territories[["level", "code", "name"]]
    france = pd.DataFrame({"level": [FRANCE[0]], "code": [FRANCE[1]], "name": ["France"]})
    out = ds.facts.merge(pd.concat([names, france], ignore_index=True), on=["level", "code"], how="left")
    return out[["level", "code", "name", "indicator", "period", "value", "flag"]]
