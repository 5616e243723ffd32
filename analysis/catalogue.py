"""The catalogues made readable: what each indicator covers, which sources it cites, and searching them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from loaders import Dataset
from loaders.catalogue import LANGUAGES, LEVELS, PILLARS, Indicator, Source, Text
from loaders.codes import FRANCE, fold

MAYOTTE = {"region": "06", "department": "976"}


def coverage(ds: Dataset) -> pd.DataFrame:
    """One row per (indicator, level) with data: first and last period and the number of periods, levels in order."""
    grouped = ds.facts.groupby(["indicator", "level"], observed=True)["period"]
    out = grouped.agg(first="min", last="max", periods="nunique").reset_index()
    out["_order"] = out["level"].map({lv: i for i, lv in enumerate(LEVELS)})
    return out.sort_values(["indicator", "_order"], ignore_index=True).drop(columns="_order")


def citing_indicators(ds: Dataset) -> dict[str, list[str]]:
    """For each source id, the indicators that cite it (sources cited by none get an empty list)."""
    cited: dict[str, list[str]] = {sid: [] for sid in ds.sources}
    for ind in sorted(ds.indicators.values(), key=lambda i: i.id):
        for sid in ind.sources:
            cited.setdefault(sid, []).append(ind.id)
    return cited


def _matches(texts: Iterable[Text | str], words: list[str]) -> bool:
    """Every word is found in one of the texts, in any language, accents and case ignored."""
    parts = [t if isinstance(t, str) else " ".join(t[lang] for lang in LANGUAGES) for t in texts]
    haystack = fold(" ".join(parts))
    return all(w in haystack for w in words)


def _searched(ind: Indicator) -> list[Text | str]:
    """What the Sources page search looks into for an indicator: id, label, definition, caveats, source ids."""
    return [ind.id, ind.label, ind.definition, ind.caveats, *ind.sources]


def filter_indicators(
    indicators: Mapping[str, Indicator] | Iterable[Indicator], query: str = "", pillar: str | None = None
) -> list[Indicator]:
    """Indicators matching every word of `query` (id, labels, definitions, caveats, source ids, in both languages;
    accents ignored) and the pillar, ordered by pillar then French label."""
    found = list(indicators.values() if isinstance(indicators, Mapping) else indicators)
    words = fold(query).split()
    kept = [
        ind
        for ind in found
        if (pillar is None or ind.pillar == pillar) and (not words or _matches(_searched(ind), words))
    ]
    return sorted(kept, key=lambda ind: (PILLARS.index(ind.pillar), ind.label["fr"]))


def sources_of(ds: Dataset, indicator_ids: Iterable[str]) -> list[Source]:
    """Sources cited by some indicators, in catalogue order (by id)."""
    cited = {sid for i in indicator_ids for sid in ds.indicator(i).sources}
    return [src for sid, src in ds.sources.items() if sid in cited]


def filter_sources(ds: Dataset, query: str, pillar: str | None, indicator_ids: Iterable[str]) -> list[Source]:
    """Sources to list next to a filtered catalogue: all of them when nothing is filtered; otherwise those the listed
    indicators cite, plus (without a pillar filter) those whose own text matches every word of the query."""
    words = fold(query).split()
    if not words and pillar is None:
        return list(ds.sources.values())
    keep = {src.id for src in sources_of(ds, indicator_ids)}
    if words and pillar is None:
        keep |= {
            src.id
            for src in ds.sources.values()
            if _matches([src.id, src.publisher, src.title, src.licence, src.vintage, src.caveats], words)
        }
    return [src for sid, src in ds.sources.items() if sid in keep]


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
