"""Vue d'ensemble: the atlas's question answered (gap sentence, gap map, France's figures), then one
indicator's map and ranking."""

from __future__ import annotations

import streamlit as st

from analysis.frames import france_latest, france_value, territory_slice
from charts.choropleth import choropleth
from charts.ranking import ranking
from i18n.format import number, period_label, unit_label, value_decimals, value_with_unit
from ui import index, state
from ui.controls import current_period, indicator_label, indicator_picker, region_names
from ui.data import dataset
from ui.entry import ensure_app
from ui.figure import map_alt, show
from ui.i18n import t
from ui.index_text import gap_sentence
from ui.selection import clear_control, on_map_click
from ui.tables import slice_table

ensure_app()


ds = dataset()
view = state.view()
if view.regions and st.session_state.pop("overview.open_profile", False):
    st.switch_page("pages/fiche-region.py")


def open_profile() -> None:
    st.session_state["overview.open_profile"] = True


lang = state.lang()
st.title(t("app.title"))

# Above the fold: the question, its computed answer, the gap map, and France's figures with their own dates.
indicators = index.chosen_indicators(ds)
gap_table = index.table(ds, "region", indicators, index.chosen_weights())
scores, _ = index.scores(ds.version, "region", indicators)
st.markdown(f"#### {t('overview.question')}")
clear_control(region_names(ds))
st.markdown(gap_sentence(ds, gap_table, scores, "region"))
gap_col, figures_col = st.columns([3, 2])
with gap_col:
    index.gap_map(ds, gap_table, "region", indicators, key="overview.gap_map", height=420, then=open_profile)
with figures_col:
    st.caption(t("index.gap_subtitle") + ". " + t("overview.click_hint"))
    for indicator in ds.placed("overview"):
        fact = france_latest(ds, indicator)
        if fact is None:
            continue
        meta = ds.indicator(indicator)
        cell = st.container(horizontal=True, vertical_alignment="bottom")
        decimals = value_decimals(fact["decimals"], meta.decimals)
        cell.metric(
            indicator_label(ds, indicator),
            value_with_unit(fact["value"], meta.unit, decimals, lang)
            if meta.is_percent
            else number(fact["value"], decimals, lang),
            help=t("overview.metric_help", period=period_label(fact["period"], lang)),
        )
        unit = "" if meta.is_percent else f"{unit_label(meta.unit, lang)} · "
        cell.caption(f"{t(f'common.pillar_short.{meta.pillar}')} · {unit}{period_label(fact['period'], lang)}")
    st.caption(t("overview.usage_older"))

st.markdown(t("overview.intro"))
indicator = indicator_picker(ds, key="w.overview.indicator", levels=("region",), exclude_context=True)
meta = ds.indicator(indicator)
period = current_period(ds, indicator, "region")
frame = territory_slice(ds, indicator, "region", period)
france = france_value(ds, indicator, period)
label = indicator_label(ds, indicator)
st.subheader(f"{label} — {period_label(period, lang)}")
st.caption(t("overview.click_hint"))

left, right = st.columns([5, 4])
source_ids = meta.sources
with left:
    show(
        lambda: choropleth(
            frame, ds.geometry("region"), meta, lang, france=france, selected=view.regions, presenter=view.present
        ),
        key="overview.map",
        alt=map_alt(frame, meta, label, period, france),
        ds=ds,
        source_ids=source_ids,
        on_select=on_map_click(ds, "overview.map", "region", then=open_profile),
        height=560,
        title=f"{label} — {period_label(period, lang)}",
        subtitle=f"{t('common.level.region')} · {unit_label(meta.unit, lang)}",
    )
with right:
    show(
        lambda: ranking(frame, meta, lang, france=france, selected=view.regions, presenter=view.present),
        key="overview.ranking",
        alt=t("ranking.alt", indicator=label, period=period_label(period, lang)),
        ds=ds,
        source_ids=source_ids,
        table=slice_table(frame, meta, lang, "region"),
        title=t("ranking.title", indicator=label, period=period_label(period, lang)),
        subtitle=f"{t('common.level.region')} · {unit_label(meta.unit, lang)}",
    )
