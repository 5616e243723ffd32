"""Words and tables around the index, in the session's language: the answer sentence, the results and method tables."""

from __future__ import annotations

import pandas as pd

from analysis.index import members
from i18n.format import period_label
from loaders import Dataset
from loaders.catalogue import INDEX_PILLARS, Role
from ui import state
from ui.controls import indicator_label
from ui.i18n import t


def pillar_name(pillar: str) -> str:
    return t(f"common.pillar_short.{pillar}")


def _span(periods: pd.Series) -> str:
    """'2022-2025' from the years of some periods ('2025' when one)."""
    years = sorted({p[:4] for p in periods})
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"


def gap_sentence(ds: Dataset, table: pd.DataFrame, scores: pd.DataFrame, level: str) -> str:
    """The answer to the atlas's question, computed: how many territories lag France's own gap, and which."""
    lang = state.lang()
    known = table.dropna(subset=["gap_france"])
    lagging = known[known["gap_france"] > 0].sort_values("gap_france", ascending=False)
    missing = table.loc[table["gap_france"].isna(), "name"].tolist()
    usage = scores[scores["pillar"] == "usage"].drop_duplicates("indicator")
    # The sentence dates the infrastructure score by the fibre series the atlas opens on.
    infra = scores[(scores["pillar"] == "infrastructure") & (scores["indicator"] == ds.holder(Role.MAP))]
    if level == "department":
        text = t("index.sentence_department", n=len(lagging), total=len(known), n_usage=len(usage))
    elif lagging.empty:
        text = t("index.sentence_none")
    else:
        text = t(
            "index.sentence",
            n=len(lagging),
            total=len(known),
            names=", ".join(lagging["name"]),
            infra_date=period_label(infra["period"].iloc[0], lang) if len(infra) else "—",
            usage_span=_span(usage["period"]) if len(usage) else "—",
        )
    if missing and level == "region":
        text += " " + t("index.missing_gap", names=", ".join(missing))
    return text


def gap_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The relative gap in the shape the map and ranking builders read (value, flag, rank)."""
    return pd.DataFrame(
        {"code": table["code"], "name": table["name"], "value": table["gap_france"], "flag": pd.NA, "rank": pd.NA}
    )


def results_table(table: pd.DataFrame, sens: pd.DataFrame, level: str) -> pd.DataFrame:
    """The table twin of the index charts: one row per territory, numbers left as numbers (sortable)."""
    merged = table.merge(sens[["code", "rank_p05", "rank_p95"]], on="code", how="left")
    out = pd.DataFrame({t(f"common.{level}"): merged["name"], t("common.code"): merged["code"]})
    out[t("index.col.index")] = merged["index"].round(1)
    out[t("index.col.rank")] = merged["rank"]
    out[t("index.col.rank_interval")] = [
        "" if pd.isna(a) else f"{int(a)}–{int(b)}" for a, b in zip(merged["rank_p05"], merged["rank_p95"], strict=True)
    ]
    for pillar in INDEX_PILLARS:
        out[pillar_name(pillar)] = merged[pillar].round(1)
        out[f"{pillar_name(pillar)} · {t('index.col.count')}"] = [
            t("index.count", n=int(n), total=int(total))
            for n, total in zip(merged[f"n_{pillar}"].fillna(0), merged[f"of_{pillar}"].fillna(0), strict=True)
        ]
    out[t("index.col.gap")] = merged["gap"].round(1)
    out[t("index.col.gap_france")] = merged["gap_france"].round(1)
    return out.sort_values(t("index.col.rank"), na_position="last", ignore_index=True)


def anchors_table(ds: Dataset, scores: pd.DataFrame) -> pd.DataFrame:
    """Every member with its pillar, date read at this level, anchors and reasons."""
    lang = state.lang()
    read = scores.drop_duplicates("indicator").set_index("indicator")["period"]
    rows = []
    for member in members(ds):
        role = ds.indicator(member.id).index
        rows.append(
            {
                t("index.col.pillar"): pillar_name(member.pillar),
                t("index.col.indicator"): indicator_label(ds, member.id),
                t("index.col.period"): period_label(read[member.id], lang) if member.id in read else "—",
                t("index.col.low"): member.low,
                t("index.col.high"): member.high,
                t("index.col.anchor"): role.anchor[lang],
                t("index.col.rationale"): role.rationale[lang],
            }
        )
    return pd.DataFrame(rows)


def left_out_table(ds: Dataset) -> pd.DataFrame:
    lang = state.lang()
    left_out = [i for i in ds.indicators.values() if i.index_left_out]
    return pd.DataFrame(
        {
            t("index.col.indicator"): [i.label[lang] for i in left_out],
            t("index.col.reason"): [i.index_left_out[lang] for i in left_out],
        }
    )
