"""Vue d'ensemble: France's headline figures, the map of one indicator and the ranking of the 18 regions."""

from __future__ import annotations

import streamlit as st

from analysis.frames import HEADLINE_INDICATORS, france_latest, france_value, territory_slice
from charts.choropleth import choropleth
from charts.ranking import ranking
from i18n.format import number, period_label, unit_label, value_with_unit
from ui import state
from ui.controls import current_period, indicator_label, indicator_picker
from ui.data import dataset
from ui.entry import ensure_app
from ui.figure import map_alt, show
from ui.i18n import t
from ui.selection import on_map_click
from ui.tables import slice_table

ensure_app()


ds = dataset()
view = state.view()
if view.regions and st.session_state.pop("overview.open_profile", False):
    st.switch_page("pages/fiche-region.py")
lang = state.lang()
st.title(t("app.title"))
st.markdown(t("overview.intro"))

figures = [(ind, found) for ind in HEADLINE_INDICATORS if (found := france_latest(ds, ind)) is not None]
columns = st.columns(3) + st.columns(3)
for column, (indicator, (period, value)) in zip(columns, figures, strict=False):
    meta = ds.indicator(indicator)
    percent = meta["unit"] == "%"
    column.metric(
        indicator_label(ds, indicator),
        value_with_unit(value, "%", int(meta["decimals"]), lang)
        if percent
        else number(value, int(meta["decimals"]), lang),
        help=t("overview.metric_help", period=period_label(period, lang)),
    )
    column.caption(
        period_label(period, lang) if percent else f"{unit_label(meta['unit'], lang)} · {period_label(period, lang)}"
    )

indicator = indicator_picker(ds, key="w.overview.indicator", levels=("region",), exclude_context=True)
meta = ds.indicator(indicator)
period = current_period(ds, indicator, "region")
frame = territory_slice(ds, indicator, "region", period)
france = france_value(ds, indicator, period)
label = indicator_label(ds, indicator)
st.subheader(f"{label} — {period_label(period, lang)}")
st.caption(t("overview.click_hint"))

left, right = st.columns([5, 4])
source_ids = str(meta["source_ids"]).split("|")
with left:
    show(
        lambda: choropleth(
            frame, ds.geometry("region"), meta, lang, france=france, selected=view.regions, presenter=view.present
        ),
        key="overview.map",
        alt=map_alt(frame, meta, label, period, france),
        ds=ds,
        source_ids=source_ids,
        on_select=on_map_click(
            ds, "overview.map", "region", then=lambda: st.session_state.__setitem__("overview.open_profile", True)
        ),
        height=560,
        title=f"{label} — {period_label(period, lang)}",
        subtitle=f"{t('common.level.region')} · {unit_label(meta['unit'], lang)}",
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
        subtitle=f"{t('common.level.region')} · {unit_label(meta['unit'], lang)}",
    )
