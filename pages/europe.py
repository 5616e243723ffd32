"""Europe: French regions among Europe's NUTS 2 regions on Eurostat's regional digital indicators.

A map of every country at the finest NUTS level its file has, the distribution of NUTS 2 regions with the French
ones highlighted (rank, percentile, unweighted median), and one French NUTS 2 region's series against the European
median and top decile of regions.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.europe import (
    FRENCH_NUTS2,
    NUTS_LEVELS,
    boundary_index,
    comparable_periods,
    europe_indicators,
    french_labels,
    french_positions,
    map_units,
    nuts_facts,
    region_series,
    regions_of_year,
    shown_levels,
    summary,
    without_boundary,
)
from charts.europe import distribution, europe_map, europe_trend
from charts.labels import wrap
from i18n.format import period_label, unit_label, value_with_unit
from loaders.catalogue import Role
from loaders.codes import NUTS2_TO_REGION
from ui import state
from ui.chrome import aside, intro
from ui.controls import indicator_label, indicator_select, period_picker, region_names, territory_select
from ui.data import dataset
from ui.entry import ensure_app
from ui.figure import show
from ui.i18n import t
from ui.selection import clicked_code
from ui.tables import europe_map_table, europe_rank_table, europe_trend_table

ensure_app()

ds = dataset()
view = state.view()
lang = state.lang()
st.title(t("nav.europe"))
intro(t("europe.intro"))
aside(t("europe.geography"))

geojsons = {level: ds.geometry(level) for level in NUTS_LEVELS}
boundaries = boundary_index(geojsons)
labels = french_labels(boundaries["nuts2"], region_names(ds))

col_ind, col_region = st.columns([3, 3])
with col_ind:
    # Opens on the usage indicator the atlas sets against fibre (the scatter's vertical axis).
    indicator = indicator_select(
        ds,
        t("common.indicator"),
        europe_indicators(ds.facts),
        key="w.europe.indicator",
        default=ds.holder(Role.EUROPE),
    )
if view.indicator != indicator:
    state.update(indicator=indicator)  # the link names what is shown
rows = nuts_facts(ds.facts, indicator)
french_codes = [c for c in FRENCH_NUTS2 if c in set(rows.loc[rows["level"] == "nuts2", "code"])]
if view.nuts not in french_codes:
    from_region = [c for c in french_codes if view.regions and NUTS2_TO_REGION[c] == view.regions[0]]
    state.update(nuts=(from_region or french_codes)[0])
with col_region:
    nuts = territory_select(
        t("europe.region"),
        {code: (labels[code], code) for code in french_codes},
        key="w.europe.region",
        current=state.view().nuts,
        on_pick=lambda code: state.update(nuts=code),
        help=t("europe.region_help"),
    )

comparable = comparable_periods(rows)
if not comparable:
    st.info(t("europe.no_period"))
    st.stop()
period = period_picker(ds, indicator, "nuts2", key="w.europe.period", options=comparable)
later = sorted(p for p in rows["period"].unique() if p > comparable[-1])
if later:
    years = later[0] if len(later) == 1 else f"{later[0]}-{later[-1]}"
    st.info(t("europe.france_only", last=comparable[-1], years=years, end=later[-1]))

meta = ds.indicator(indicator)
label = indicator_label(ds, indicator)
unit = unit_label(meta.unit, lang)
decimals = meta.decimals
source_ids = [s for s in meta.sources if s.startswith("eurostat_")]

# What the downloads say produced them: this page's own view (a NUTS level and a NUTS region).
shown = {
    t("common.indicator"): indicator,
    t("common.level"): t("europe.level.nuts2"),
    t("common.period"): period,
    t("europe.region"): nuts,
}

# The map: each country at its finest level that year; French NUTS 2 outlined; codes without boundary listed.
units = map_units(rows, period, boundaries)
levels = shown_levels(units)
no_boundary = without_boundary(rows, period, boundaries)
notes = [
    wrap(t(f"europe.note.{key}", countries=", ".join(levels[key])), 110)
    for key in ("nuts1", "nuts0", "none")
    if levels[key]
]
if no_boundary:
    notes.append(wrap(t("europe.note.no_boundary", codes=", ".join(no_boundary)), 110))
regions = regions_of_year(rows, period)
reference = summary(regions["value"])
median_text = value_with_unit(reference["median"], meta.unit, decimals, lang)
title = t("europe.map_title", indicator=label, period=period_label(period, lang))
st.subheader(title)
aside(t("europe.click_hint"))


def _clicked() -> None:
    code = clicked_code(st.session_state.get("europe.map"))
    if code in FRENCH_NUTS2:
        state.update(nuts=code)


show(
    lambda: europe_map(
        units,
        geojsons,
        meta,
        lang,
        french=FRENCH_NUTS2,
        selected=nuts,
        notes=notes,
        presenter=view.present,
    ),
    key="europe.map",
    alt=t(
        "europe.map_alt",
        indicator=label,
        period=period_label(period, lang),
        n=int(units["value"].notna().sum()),
        total=len(units),
        median=median_text,
    ),
    ds=ds,
    source_ids=[*source_ids, "eurostat_gisco_nuts_2021"],
    table=europe_map_table(units, rows[(rows["period"] == period) & rows["code"].isin(no_boundary)], meta, lang),
    on_select=_clicked,
    height=720,
    title=title,
    subtitle=t("europe.map_subtitle", unit=unit),
    shown=shown,
)

# Where the French regions stand among all European NUTS 2 regions of the year.
positions = french_positions(regions, meta.polarity, labels)
countries = int(regions["country"].nunique())
dist_title = t("europe.dist_title", indicator=label, period=period_label(period, lang))
st.subheader(dist_title)
show(
    lambda: distribution(regions, positions, reference, meta, lang, selected=nuts, presenter=view.present),
    key="europe.distribution",
    alt=t(
        "europe.dist_alt",
        n=reference["n"],
        indicator=label,
        period=period_label(period, lang),
        median=median_text,
        top=value_with_unit(reference["top_decile"], meta.unit, decimals, lang),
    ),
    ds=ds,
    source_ids=source_ids,
    table=europe_rank_table(positions, meta, lang),
    title=dist_title,
    subtitle=t("europe.dist_subtitle", n=reference["n"], countries=countries, unit=unit),
    shown=shown,
)
st.caption(t("europe.median_note", n=reference["n"], countries=countries))

# One French NUTS 2 region over time against the European references.
series = region_series(rows, nuts, comparable)
observed = series.dropna(subset=["value"])
trend_title = t("europe.trend_title", region=labels[nuts], indicator=label)
st.subheader(trend_title)
if pd.isna(positions.set_index("code")["value"].get(nuts)):
    st.caption(t("europe.no_region_value", region=labels[nuts], period=period_label(period, lang)))
show(
    lambda: europe_trend(series, labels[nuts], meta, lang, presenter=view.present),
    key="europe.trend",
    alt=t(
        "europe.trend_alt",
        indicator=label,
        region=labels[nuts],
        first=observed["period"].min() if not observed.empty else series["period"].min(),
        last=series["period"].max(),
    ),
    ds=ds,
    source_ids=source_ids,
    table=europe_trend_table(series, meta, lang),
    title=trend_title,
    subtitle=unit,
    shown=shown,
)
st.caption(t("europe.trend_note"))
