"""The index as the pages need it: the view's weights and indicators, cached computations, shared wording."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis.frames import selection_at
from analysis.index import (
    combine,
    default_indicators,
    gap_history,
    index_ranks,
    member_scores,
    members,
    normalise_weights,
    pillar_scores,
)
from analysis.index import sensitivity as sensitivity_of
from charts.choropleth import choropleth
from i18n import text
from loaders import Dataset
from loaders.catalogue import EMPTY, INDEX_PILLARS, LANGUAGES, Indicator, Pillar, Text, Unit
from ui import state
from ui.data import dataset
from ui.figure import show
from ui.i18n import t
from ui.index_text import gap_frame
from ui.selection import on_map_click


def chosen_indicators(ds: Dataset) -> tuple[str, ...]:
    """The view's index indicators that are members, else the catalogue's defaults."""
    wanted = state.view().members
    known = {m.id for m in members(ds)}
    if wanted is None:
        return default_indicators(ds)
    return tuple(i for i in wanted if i in known) or default_indicators(ds)


def chosen_weights() -> dict[str, float]:
    return normalise_weights(dict(zip(INDEX_PILLARS, state.view().weights, strict=True)))


@st.cache_data(show_spinner=False, max_entries=64)
def scores(version: str, level: str, indicators: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(member scores, pillar scores) of a level: everything a weight change does not touch."""
    member = member_scores(dataset(), level, indicators)
    return member, pillar_scores(member)


@st.cache_data(show_spinner=False, max_entries=64)
def sensitivity(version: str, level: str, indicators: tuple[str, ...], weights: tuple[float, ...]) -> pd.DataFrame:
    """1,000 weight draws on the cached pillar scores: computed once per view, not on every rerun."""
    _, pillars = scores(version, level, indicators)
    return sensitivity_of(pillars, dict(zip(INDEX_PILLARS, weights, strict=True)))


@st.cache_data(show_spinner=False, max_entries=2)
def history(version: str) -> pd.DataFrame:
    """The regional gap over time: the same for every view, computed once per snapshot."""
    return gap_history(dataset(), "region")


def table(ds: Dataset, level: str, indicators: tuple[str, ...], weights: dict[str, float]) -> pd.DataFrame:
    """Territories of the level with pillar scores, index, gaps, their rank and their rank under equal weights.

    France's row (code FR) is kept apart: it is the reference of the relative gap.
    """
    _, pillars = scores(ds.version, level, indicators)
    chosen, equal = combine(pillars, weights), combine(pillars, None)
    names = ds.territories[ds.territories["level"] == level][["code", "name"]]
    out = names.merge(chosen[chosen["code"] != "FR"], on="code", how="left")
    out["rank"] = index_ranks(out["index"])
    out["default_rank"] = index_ranks(out[["code"]].merge(equal, on="code", how="left")["index"])
    return out


def source_ids(ds: Dataset, indicators: tuple[str, ...]) -> list[str]:
    """Every source the chosen indicators rest on, once."""
    return sorted({s for i in indicators for s in ds.indicator(i).sources})


def gap_indicator(ds: Dataset, indicators: tuple[str, ...]) -> Indicator:
    """The relative gap as an indicator of its own (points, higher is worse), so the map labels, formats and colours
    it like any catalogue indicator."""
    return Indicator(
        id="index_gap",
        label=Text({lang: text("index.gap.label", lang) for lang in LANGUAGES}),
        definition=EMPTY,
        unit=Unit.POINTS,
        pillar=Pillar.CONTEXT,
        polarity=-1,
        decimals=1,
        sources=tuple(source_ids(ds, indicators)),
    )


def gap_map(
    ds: Dataset,
    table: pd.DataFrame,
    level: str,
    indicators: tuple[str, ...],
    *,
    key: str,
    height: int,
    twin: pd.DataFrame | None = None,
    then: Callable[[], None] | None = None,
) -> None:
    """The gap against France's on a diverging map centred on 0, clickable, with its table twin and downloads."""
    lang, view = state.lang(), state.view()
    gap = gap_indicator(ds, indicators)
    show(
        lambda: choropleth(
            gap_frame(table),
            ds.geometry(level),
            gap,
            lang,
            france=0.0,
            selected=selection_at(ds, view.regions, level),
            presenter=view.present,
            diverging=True,
        ),
        key=key,
        alt=t("index.alt.gap"),
        ds=ds,
        source_ids=gap.sources,
        table=twin,
        on_select=on_map_click(ds, key, level, then=then),
        height=height,
        title=t("index.gap_map_title", level=t(f"common.level.{level}").lower()),
        subtitle=t("index.gap_subtitle"),
    )
