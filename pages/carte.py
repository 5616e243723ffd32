"""Carte: one indicator on a map of regions or departments, with its ranking table and source."""

from __future__ import annotations

import streamlit as st

from analysis.frames import france_value, territory_slice, twin, value_range
from charts.choropleth import choropleth
from i18n.format import period_label, unit_label
from ui import state
from ui.chrome import aside
from ui.controls import indicator_label, indicator_picker, level_picker, period_picker, region_names
from ui.data import dataset
from ui.entry import ensure_app
from ui.figure import map_alt, show
from ui.i18n import t
from ui.selection import clear_control, on_map_click
from ui.tables import slice_table

ensure_app()

ds = dataset()
view = state.view()
st.title(t("nav.map"))

col_ind, col_level, col_abs = st.columns([3, 2, 2])
with col_ind:
    indicator = indicator_picker(ds, key="w.map.indicator")
with col_level:
    level = level_picker(ds, indicator, key="w.map.level")
with col_abs:
    if twin(indicator) is not None:
        st.session_state["w.map.per_capita"] = ds.indicator(indicator)["unit"] != "count"
        st.toggle(
            t("map.per_capita"),
            key="w.map.per_capita",
            on_change=lambda: state.update(indicator=twin(state.view().indicator)),
        )
period = period_picker(ds, indicator, level, key="w.map.period")

meta = ds.indicator(indicator)
frame = territory_slice(ds, indicator, level, period)
france = france_value(ds, indicator, period)
lang = state.lang()
label = indicator_label(ds, indicator)
st.subheader(f"{label} — {period_label(period, lang)}")
if isinstance(meta["caveats_" + lang], str) and meta["caveats_" + lang]:
    aside(f"⚠ {meta['caveats_' + lang]}")

clear_control(region_names(ds))
key = "map.chart"
show(
    lambda: choropleth(
        frame,
        ds.geometry(level),
        meta,
        lang,
        france=france,
        selected=view.regions,
        presenter=view.present,
        zrange=value_range(ds, indicator, level),
    ),
    key=key,
    alt=map_alt(frame, meta, label, period, france),
    ds=ds,
    source_ids=str(meta["source_ids"]).split("|"),
    table=slice_table(frame, meta, lang, level),
    on_select=on_map_click(ds, key, level),
    height=620,
    title=f"{label} — {period_label(period, lang)}",
    subtitle=f"{t(f'common.level.{level}')} · {unit_label(meta['unit'], lang)}",
)
