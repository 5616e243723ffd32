"""Carte: one indicator on a map of regions or departments, with its ranking table and source."""

from __future__ import annotations

import streamlit as st

from analysis.frames import (
    available_levels,
    change,
    france_value,
    periods,
    selection_at,
    territory_slice,
    value_range,
)
from charts.choropleth import choropleth
from i18n.format import period_label, unit_label
from loaders.catalogue import Unit
from ui import state
from ui.chrome import aside
from ui.controls import (
    change_span,
    change_toggle,
    indicator_label,
    indicator_picker,
    level_picker,
    period_picker,
    region_names,
)
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
    level = level_picker(available_levels(ds, indicator), key="w.map.level")
with col_abs:
    if ds.indicator(indicator).presentation.twin is not None:
        st.session_state["w.map.per_capita"] = not ds.indicator(indicator).is_total
        st.toggle(
            t("map.per_capita"),
            key="w.map.per_capita",
            on_change=lambda: state.update(indicator=ds.indicator(state.view().indicator).presentation.twin),
        )
    options = periods(ds, indicator, level)
    comparing = change_toggle(options, key="w.map.change")
lang = state.lang()
if comparing:  # a diverging map of the change between two dates, same colour rules as gaps
    labels = {p: period_label(p, lang) for p in options}
    start, period = change_span(options, key="w.map.change_dates")
    frame, unit = change(ds, indicator, level, start, period)
    # The change is drawn as an indicator of its own: points (or % of the start value), one decimal.
    meta = ds.indicator(indicator).model_copy(update={"unit": Unit(unit), "decimals": 1})
    france = None
    label = t("map.change_title", indicator=indicator_label(ds, indicator))
    when = t("map.change_span", start=labels[start], end=labels[period])
else:
    period = period_picker(ds, indicator, level, key="w.map.period", playable=True)
    meta = ds.indicator(indicator)
    frame = territory_slice(ds, indicator, level, period)
    france = france_value(ds, indicator, period)
    label = indicator_label(ds, indicator)
    when = period_label(period, lang)
st.subheader(f"{label} — {when}")
if meta.caveats:
    aside(f"⚠ {meta.caveats[lang]}")

clear_control(region_names(ds))
key = "map.chart"
show(
    lambda: choropleth(
        frame,
        ds.geometry(level),
        meta,
        lang,
        france=france,
        selected=selection_at(ds, view.regions, level),
        presenter=view.present,
        zrange=None if comparing else value_range(ds, indicator, level),
        diverging=comparing,
    ),
    key=key,
    alt=map_alt(frame, meta, label, period, france),
    ds=ds,
    source_ids=meta.sources,
    table=slice_table(frame, meta, lang, level),
    on_select=on_map_click(ds, key, level),
    height=620,
    title=f"{label} — {when}",
    subtitle=f"{t(f'common.level.{level}')} · {unit_label(meta.unit, lang)}",
)
