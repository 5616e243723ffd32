"""A digital maturity index in the manner of the EU's DESI, the infrastructure-usage gap, and how robust ranks are.

Method (also on the Indice page and in docs/INDEX.md):
- each member indicator (its `index` block in the catalogue's YAML files) is read at its latest period where at
  least 80 % of the level's territories have a value, and put on a 0-100 scale between two fixed anchors (clipped),
  reversed when higher is worse;
- a pillar is the mean of its members' scores, given only when at least half of the pillar's members available at
  the level have a score; the index is the weighted mean of the pillars (weights normalised to sum 1), given only
  when every pillar with a non-zero weight has a score;
- the gap is infrastructure minus usage; because its sign depends on the anchors, the headline compares it with
  France's own gap (`gap_france` > 0: usage lags infrastructure more than in France). France's score uses its
  published value, or else the population-weighted mean of the level's territories.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from loaders import Dataset
from loaders.catalogue import INDEX_PILLARS, Role
from loaders.codes import FRANCE

COVERAGE = 0.8
# Dirichlet concentration for rank sensitivity: alpha = CONCENTRATION x weights. With equal weights each pillar's
# weight then has a standard deviation of about 0.08 (a third give or take a quarter of itself).
CONCENTRATION = 30.0


@dataclass(frozen=True)
class Member:
    id: str
    pillar: str
    low: float
    high: float
    polarity: int
    default: bool


def members(ds: Dataset) -> list[Member]:
    """Every indicator declared in the index, in pillar order."""
    found = [
        Member(ind.id, ind.index.pillar, ind.index.low, ind.index.high, ind.polarity, ind.index.default)
        for ind in ds.indicators.values()
        if ind.index is not None
    ]
    return sorted(found, key=lambda m: (INDEX_PILLARS.index(m.pillar), m.id))


def default_indicators(ds: Dataset) -> tuple[str, ...]:
    return tuple(m.id for m in members(ds) if m.default)


def normalise_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Pillar weights summing to 1 (equal when None); missing pillars weigh 0; negative or all-zero weights refused."""
    if weights is None:
        return dict.fromkeys(INDEX_PILLARS, 1 / len(INDEX_PILLARS))
    unknown = set(weights) - set(INDEX_PILLARS)
    if unknown:
        raise ValueError(f"unknown pillars in weights: {sorted(unknown)}")
    raw = {p: float(weights.get(p, 0.0)) for p in INDEX_PILLARS}
    if any(w < 0 or math.isnan(w) for w in raw.values()) or sum(raw.values()) <= 0:
        raise ValueError(f"weights must be non-negative with a positive sum: {raw}")
    total = sum(raw.values())
    return {p: w / total for p, w in raw.items()}


def scale(values: pd.Series, low: float, high: float, polarity: int) -> pd.Series:
    """0-100 between the anchors, clipped; 100 is always the better end."""
    score = ((values - low) / (high - low) * 100).clip(0, 100)
    return 100 - score if polarity < 0 else score


def reading_period(ds: Dataset, indicator: str, level: str, facts: pd.DataFrame | None = None) -> str | None:
    """The latest period where at least 80 % of the level's territories have a value."""
    f = ds.facts if facts is None else facts
    rows = f[(f["indicator"] == indicator) & (f["level"] == level) & f["value"].notna()]
    n = int((ds.territories["level"] == level).sum())
    counts = rows.groupby("period")["code"].nunique()
    ok = counts[counts >= COVERAGE * n]
    return str(ok.index.max()) if len(ok) else None


def _chosen(ds: Dataset, indicators: Iterable[str] | None) -> list[Member]:
    wanted = set(default_indicators(ds) if indicators is None else indicators)
    everyone = members(ds)
    unknown = wanted - {m.id for m in everyone}
    if unknown:
        raise ValueError(f"not index members: {sorted(unknown)}")
    return [m for m in everyone if m.id in wanted]


def member_scores(ds: Dataset, level: str = "region", indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per territory (and France, code FR) and member: pillar, period read, value, flag, score."""
    territories = ds.territories[ds.territories["level"] == level][["code", "population"]]
    chosen = _chosen(ds, indicators)
    f = ds.facts[ds.facts["indicator"].isin([m.id for m in chosen]) & ds.facts["level"].isin([level, FRANCE[0]])]
    parts = []
    for member in chosen:
        period = reading_period(ds, member.id, level, f)
        if period is None:
            continue
        at = f[(f["indicator"] == member.id) & (f["period"] == period)]
        parts.append(_scored(at, territories, member, level).assign(indicator=member.id, period=period))
    columns = ["code", "indicator", "pillar", "period", "value", "flag", "score"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def _scored(at_period: pd.DataFrame, territories: pd.DataFrame, member: Member, level: str) -> pd.DataFrame:
    """The level's territories and France at one period of a member: value, flag, pillar and 0-100 score."""
    rows = territories.merge(at_period[at_period["level"] == level][["code", "value", "flag"]], on="code", how="left")
    rows = pd.concat([rows, _france_row(at_period, rows)], ignore_index=True)
    return rows.assign(pillar=member.pillar, score=scale(rows["value"], member.low, member.high, member.polarity))


def _france_row(at_period: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """France's published value, or the population-weighted mean of the territories' values."""
    published = at_period[(at_period["level"] == FRANCE[0]) & (at_period["code"] == FRANCE[1])]
    if not published.empty:
        return published[["code", "value", "flag"]].head(1)
    known = rows.dropna(subset=["value", "population"])
    value = float(np.average(known["value"], weights=known["population"])) if len(known) else float("nan")
    return pd.DataFrame({"code": [FRANCE[1]], "value": [value], "flag": ["estimate"]})


def pillar_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """Per territory: each pillar's score (NaN below half of its members) and n / N counts."""
    available = scores.groupby("pillar")["indicator"].nunique().reindex(list(INDEX_PILLARS), fill_value=0)
    counted = scores.dropna(subset=["score"]).groupby(["code", "pillar"])["score"].agg(["mean", "count"])
    out = pd.DataFrame({"code": scores["code"].drop_duplicates().tolist()}).set_index("code")
    for pillar in INDEX_PILLARS:
        total = int(available[pillar])
        got = counted.xs(pillar, level="pillar") if pillar in counted.index.get_level_values("pillar") else None
        n = got["count"].reindex(out.index, fill_value=0) if got is not None else pd.Series(0, index=out.index)
        mean = got["mean"].reindex(out.index) if got is not None else pd.Series(np.nan, index=out.index)
        out[pillar] = mean.where((n >= math.ceil(total / 2)) & (total > 0))
        out[f"n_{pillar}"] = n.astype(int)
        out[f"of_{pillar}"] = total
    return out.reset_index()


def empty_pillars(pillars: pd.DataFrame) -> list[str]:
    """Pillars with no indicator at all at this level (every indicator switched off, or none with data)."""
    return [p for p in INDEX_PILLARS if not (pillars[f"of_{p}"] > 0).any()]


def effective_weights(pillars: pd.DataFrame, weights: Mapping[str, float] | None) -> dict[str, float]:
    """Normalised weights in which a pillar without any indicator counts 0: its weight cannot apply. When no
    weighted pillar has an indicator, the weights are kept as they are (and no territory gets an index)."""
    w = normalise_weights(weights)
    kept = {p: 0.0 if p in empty_pillars(pillars) else v for p, v in w.items()}
    return normalise_weights(kept) if sum(kept.values()) > 0 else w


def combine(pillars: pd.DataFrame, weights: Mapping[str, float] | None) -> pd.DataFrame:
    """Index (weighted mean of the pillars with a weight), gap and gap relative to France's, from pillar scores."""
    w = effective_weights(pillars, weights)
    used = [p for p in INDEX_PILLARS if w[p] > 0]
    out = pillars.copy()
    out["index"] = sum(out[p] * w[p] for p in used).where(out[used].notna().all(axis=1))
    out["gap"] = out["infrastructure"] - out["usage"]
    france = out.loc[out["code"] == FRANCE[1], "gap"]
    out["gap_france"] = out["gap"] - (float(france.iloc[0]) if len(france) else np.nan)
    out["n_indicators"] = out[[f"n_{p}" for p in INDEX_PILLARS]].sum(axis=1)
    return out


def composite(
    ds: Dataset,
    level: str = "region",
    weights: Mapping[str, float] | None = None,
    indicators: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per territory of the level: code, pillar scores, index, gap, gap_france, n_indicators and counts.

    France (code FR) is not a row: its gap is the reference of `gap_france`.
    """
    out = combine(pillar_scores(member_scores(ds, level, indicators)), weights)
    out = out[out["code"] != FRANCE[1]]
    return out.sort_values("code", ignore_index=True)


def ranks(values: np.ndarray) -> np.ndarray:
    """Rank 1 = highest, per row of a 2-D array (ties broken by position, as ordinal ranks)."""
    order = np.argsort(-values, axis=-1, kind="stable")
    out = np.empty_like(order)
    np.put_along_axis(out, order, np.arange(1, values.shape[-1] + 1), axis=-1)
    return out


def nearest_rank(values: np.ndarray, q: float) -> np.ndarray:
    """The q-quantile of each column by the nearest-rank method (an observed value, never interpolated)."""
    return np.quantile(values, q, axis=0, method="inverted_cdf").astype(int)


def index_ranks(index: pd.Series) -> pd.Series:
    """Rank 1 = highest index (ordinal); territories without an index get none."""
    known = index.dropna()
    ranked = pd.Series(ranks(known.to_numpy(dtype=float)[None, :])[0], index=known.index)
    return ranked.reindex(index.index).astype("Int64")


def sensitivity(
    pillars: pd.DataFrame, weights: Mapping[str, float] | None = None, draws: int = 1000, seed: int = 0
) -> pd.DataFrame:
    """rank_sensitivity from pillar scores already computed (what the page caches); France's row is left out."""
    w = effective_weights(pillars, weights)
    table = combine(pillars, w)
    table = table[table["code"] != FRANCE[1]].reset_index(drop=True)
    ranked = table.dropna(subset=["index"]).reset_index(drop=True)
    used = [p for p in INDEX_PILLARS if w[p] > 0]
    rng = np.random.default_rng(seed)
    sampled = rng.dirichlet([CONCENTRATION * w[p] for p in used], size=draws) if len(used) > 1 else np.ones((draws, 1))
    drawn = ranks(sampled @ ranked[used].to_numpy(dtype=float).T)
    out = pd.DataFrame(
        {
            "code": ranked["code"],
            "rank": index_ranks(ranked["index"]),
            "rank_p05": nearest_rank(drawn, 0.05),
            "rank_p95": nearest_rank(drawn, 0.95),
            "rank_min": drawn.min(axis=0),
            "rank_max": drawn.max(axis=0),
        }
    )
    out = pd.concat([out, table.loc[table["index"].isna(), ["code"]]], ignore_index=True)
    for column in ("rank", "rank_p05", "rank_p95", "rank_min", "rank_max"):
        out[column] = out[column].astype("Int64")
    return out.sort_values("code", ignore_index=True)


def rank_sensitivity(
    ds: Dataset,
    level: str = "region",
    weights: Mapping[str, float] | None = None,
    indicators: Iterable[str] | None = None,
    draws: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Each territory's index rank under the chosen weights and over `draws` weight sets from a Dirichlet centred on
    them (alpha = CONCENTRATION x weight; zero weights stay zero): code, rank, rank_p05, rank_p95, rank_min, rank_max.
    Territories without an index get no rank."""
    return sensitivity(pillar_scores(member_scores(ds, level, indicators)), weights, draws, seed)


def gap_history(ds: Dataset, level: str = "region") -> pd.DataFrame:
    """Infrastructure (fibre) and usage (Eurostat surveys) scores per year where both exist, and their gap.

    Infrastructure is FttH at the last quarter of each year; usage the mean of the survey members of that year
    (at least half of them). Rows: code (FR for France), year, infrastructure, usage, gap.
    """
    surveys = [m for m in members(ds) if m.pillar == "usage" and _is_yearly(ds, m.id, level)]
    fibre = [m for m in members(ds) if m.id == ds.holder(Role.GAP_HISTORY)]
    f = ds.facts
    territories = ds.territories[ds.territories["level"] == level][["code", "population"]]
    parts = []
    for member in [*fibre, *surveys]:
        rows = f[(f["indicator"] == member.id) & f["level"].isin([level, FRANCE[0]]) & f["value"].notna()]
        rows = rows.assign(year=rows["period"].str[:4]).sort_values("period").groupby(["level", "code", "year"]).tail(1)
        parts += [
            _scored(at, territories, member, level).dropna(subset=["value"]).assign(year=year)
            for year, at in rows.groupby("year")
        ]
    if not parts:
        return pd.DataFrame(columns=["code", "year", "infrastructure", "usage", "gap"])
    long = pd.concat(parts, ignore_index=True)
    usage = long[long["pillar"] == "usage"].groupby(["code", "year"])["score"].agg(["mean", "count"])
    usage = usage.loc[usage["count"] >= math.ceil(len(surveys) / 2), "mean"].rename("usage")
    infra = long[long["pillar"] == "infrastructure"].set_index(["code", "year"])["score"].rename("infrastructure")
    out = pd.concat([infra, usage], axis=1, join="inner").reset_index()
    out["gap"] = out["infrastructure"] - out["usage"]
    return out.sort_values(["code", "year"], ignore_index=True)


def _is_yearly(ds: Dataset, indicator: str, level: str) -> bool:
    periods = ds.facts.loc[(ds.facts["indicator"] == indicator) & (ds.facts["level"] == level), "period"]
    return bool(len(periods)) and bool((periods.str.len() == 4).all())
