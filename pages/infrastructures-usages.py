"""Infrastructures et usages: where each territory stands on infrastructure (x) against usage (y)."""

from __future__ import annotations

import streamlit as st

from analysis.compare import comparable
from analysis.frames import available_levels, france_value, indicators_for, periods, territory_slice
from analysis.quadrants import pair, reference, trend, worth_labelling
from charts.scatter import ScatterSpec, fracture_scatter, fracture_table
from i18n.format import number, period_label
from loaders.catalogue import Pillar, Role
from loaders.user_overlay import is_user
from ui import state
from ui.chrome import aside, intro
from ui.controls import indicator_label, indicator_select, level_picker, region_names, region_picker
from ui.data import dataset
from ui.entry import ensure_app
from ui.figure import show
from ui.i18n import t
from ui.selection import on_map_click
from ui.url import shown
from ui.widgets import view_select

ensure_app()

ds = dataset()
DEFAULT_X, DEFAULT_Y = ds.holder(Role.SCATTER_X), ds.holder(Role.SCATTER_Y)
view = state.view()
lang = state.lang()


def period_labels(indicator: str, level: str) -> dict[str, str]:
    """Periods of the indicator at that level, latest first, with their labels."""
    return {p: period_label(p, lang) for p in periods(ds, indicator, level)[::-1]}


st.title(t("nav.fracture"))
intro(t("fracture.intro"))

catalogue = comparable(indicators_for(ds))
yours = [i.id for i in catalogue if is_user(i.id)]  # a reader's own indicator goes on either axis
x_options = [i.id for i in catalogue if i.pillar == Pillar.INFRASTRUCTURE and not is_user(i.id)] + yours
y_options = [i.id for i in catalogue if i.pillar in (Pillar.USAGE, Pillar.ECOSYSTEM) and not is_user(i.id)] + yours

# A link whose axes cannot be drawn says so, and the URL then names what is drawn.
if view.y is not None and view.y not in y_options:
    st.warning(t("fracture.bad_axis", indicator=indicator_label(ds, view.y), axis=t("fracture.y_indicator")))
    state.update(y=None)
if view.indicator not in x_options and view.indicator not in y_options:
    if st.session_state.get("fracture.told") != view.indicator:
        label = indicator_label(ds, view.indicator)
        st.warning(t("fracture.bad_axis", indicator=label, axis=t("fracture.x_indicator")))
    st.session_state["fracture.told"] = view.indicator

# x is the view's indicator and period, y its `y` and `y_period`: all of them travel in the link.
col_x, col_y = st.columns(2)
with col_x:
    x_ind = indicator_select(ds, t("fracture.x_indicator"), x_options, key="w.fracture.x", default=DEFAULT_X)
with col_y:
    y_ind = indicator_select(
        ds,
        t("fracture.y_indicator"),
        y_options,
        key="w.fracture.y",
        field="y",
        default=view.indicator if view.indicator in y_options else DEFAULT_Y,
    )

levels = [lv for lv in available_levels(ds, x_ind) if lv in available_levels(ds, y_ind)]
col_xp, col_yp, col_level, col_region = st.columns([2, 2, 2, 3])
with col_level:
    if len(levels) > 1:
        level = level_picker(levels, key="w.fracture.level", current=view.level if view.level in levels else levels[0])
    else:
        level = levels[0]
        st.caption(t("fracture.region_only", level=t(f"common.level.{level}").lower()))
with col_xp:
    x_periods = period_labels(x_ind, level)
    latest = next(iter(x_periods))
    if state.view().indicator == x_ind and state.view().period not in x_periods:
        state.update(period=latest)  # as the map's period picker does: the link names the period drawn
    x_period = view_select(
        t("fracture.x_period"),
        list(x_periods),
        "period",
        x_periods.__getitem__,
        key="w.fracture.x_period",
        current=state.view().period if state.view().period in x_periods else latest,
    )
with col_yp:
    y_periods = period_labels(y_ind, level)
    asked = state.view().y_period
    if asked is not None and asked not in y_periods:  # another indicator's period is dropped silently
        if asked not in set(ds.facts["period"]):
            st.warning(t("chrome.bad_param", name="y_period", value=shown(asked)))
        state.update(y_period=None)
    y_period = view_select(
        t("fracture.y_period"),
        list(y_periods),
        "y_period",
        y_periods.__getitem__,
        key="w.fracture.y_period",
        current=state.view().y_period if state.view().y_period in y_periods else next(iter(y_periods)),
    )
with col_region:
    region = region_picker(ds, key="w.fracture.region")

x_meta, y_meta = ds.indicator(x_ind), ds.indicator(y_ind)
x_slice = territory_slice(ds, x_ind, level, x_period)
paired = pair(x_slice, territory_slice(ds, y_ind, level, y_period))
x_ref = reference(paired["x"], france_value(ds, x_ind, x_period))
y_ref = reference(paired["y"], france_value(ds, y_ind, y_period))
highlight = (
    []
    if region is None
    else paired.loc[paired["code" if level == "region" else "parent_code"] == region, "code"].tolist()
)
fit = trend(paired["x"], paired["y"])
if level == "region":
    paired["label"] = paired["code"].map(lambda c: t(f"region.short.{c}"))
else:
    paired["label"] = paired["name"].where(worth_labelling(paired, highlight, fit, n_far=8), "")

x_label, y_label = indicator_label(ds, x_ind), indicator_label(ds, y_ind)
r_text = number(fit.r, 2, lang) if fit else t("common.no_data")
notes = [t("fracture.shown", n=len(paired), total=len(x_slice), level=t(f"common.level.{level}").lower())]
for ref, label, period in ((x_ref, x_label, x_period), (y_ref, y_label, y_period)):
    if ref.kind == "median":
        notes.append(t("fracture.median_note", indicator=label, period=period_label(period, lang)))
for meta, label in ((x_meta, x_label), (y_meta, y_label)):
    if meta.polarity < 0:
        notes.append(t("fracture.lower_is_better", indicator=label))
if region is not None and not highlight:
    notes.append(t("fracture.region_missing", region=region_names(ds)[region]))
notes.append(t("fracture.r_note") if fit else t("fracture.no_trend"))
aside(" ".join(notes))

spec = ScatterSpec(
    x_meta,
    y_meta,
    x_period,
    y_period,
    x_ref,
    y_ref,
    lang,
    level=level,
    highlight=tuple(highlight),
    presenter=view.present,
)
table = fracture_table(paired, spec, fit=fit)

chart_title = t("fracture.chart_title", x=x_label, y=y_label)
st.subheader(chart_title)
key = "fracture.chart"
show(
    lambda: fracture_scatter(paired, spec),
    key=key,
    alt=t(
        "fracture.alt",
        x=x_label,
        x_period=period_label(x_period, lang),
        y=y_label,
        y_period=period_label(y_period, lang),
        n=len(paired),
        total=len(x_slice),
        r=r_text,
    ),
    ds=ds,
    source_ids=[*x_meta.sources, *y_meta.sources],
    table=table,
    on_select=on_map_click(ds, key, level),
    title=chart_title,
    subtitle=t(
        "fracture.subtitle",
        level=t(f"common.level.{level}"),
        n=len(paired),
        total=len(x_slice),
        x_ref=t("common.france" if x_ref.kind == "france" else "fracture.median_word"),
        y_ref=t("common.france" if y_ref.kind == "france" else "fracture.median_word"),
    ),
    height=640,
)
st.caption(t("fracture.click_hint"))
