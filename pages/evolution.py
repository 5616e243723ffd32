"""Évolution: FttH roll-out per region against France with the 2017 strategies' milestones and the ARCEP
method break; then any other regional time series, same 'highlight' style."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.frames import periods
from analysis.trends import (
    milestones,
    observed_range,
    own_charts,
    period_dates,
    timeline_indicators,
    trend_lines,
    up_to,
    wide,
)
from charts.trends import ftth_trend, indicator_trend
from i18n.format import period_label, unit_label
from loaders.catalogue import Role
from ui import state
from ui.chrome import aside, intro
from ui.controls import indicator_label, indicator_select, period_picker, region_names, regions_multiselect
from ui.data import dataset
from ui.entry import ensure_app
from ui.figure import show
from ui.i18n import t

ensure_app()

ds = dataset()
# The series drawn on its own chart (fibre, with its method break and the strategies' milestones), the later series
# that continues it under another method, and the other series the page opens on: all from the catalogue.
FTTH = own_charts(ds)[0]
FTTH_LATER = ds.indicator(FTTH).presentation.continued_by
DEFAULT_SERIES = ds.holder(Role.TREND_SERIES)
view = state.view()
lang = state.lang()
names = region_names(ds)
st.title(t("nav.trends"))
intro(t("trends.intro"))


highlighted = regions_multiselect(
    ds,
    key="w.trends.regions",
    chosen=view.regions,
    label=t("trends.regions"),
    help=t("trends.regions_help"),
    placeholder=t("trends.regions_placeholder"),
)


def span(lines: pd.DataFrame) -> dict[str, str]:
    """Catalogue placeholders for a chart: indicator label, first and last dates drawn."""
    first, last = observed_range(lines) or ("", "")
    return {"start": period_label(first, lang) if first else "", "end": period_label(last, lang) if last else ""}


def alt_text(indicator: str, lines: pd.DataFrame, france: pd.DataFrame) -> str:
    """Chart summary for screen readers: what is drawn, over which dates, with or without France."""
    return t(
        "trends.alt",
        indicator=indicator_label(ds, indicator),
        n=lines["code"].nunique(),
        **span(lines),
        france=t("trends.alt_france") if france["value"].notna().any() else "",
    )


def notes(france: pd.DataFrame, *texts: str) -> str:
    """Reading notes above a chart, plus a warning when France has no value to draw."""
    missing = [] if france["value"].notna().any() else [t("trends.no_france")]
    return "  \n".join((*texts, *missing))


def table_twin(lines: pd.DataFrame, france: pd.DataFrame) -> pd.DataFrame:
    """The drawn values: one row per period up to the time control's."""
    table = wide(lines, france)
    if until is not None:
        table = table[period_dates(table["period"]) <= period_dates(pd.Series([until])).iloc[0]]
    return table.rename(columns={"period": t("common.period")})


# FttH roll-out, France, ARCEP break, milestones
meta = ds.indicator(FTTH)
lines, france = trend_lines(ds, FTTH)
# The time control: lines drawn up to a FttH period (both charts), played like the map's; the latest draws all.
cutoff = period_picker(ds, FTTH, "region", key="w.trends.period", playable=True, label=t("trends.until"))
until = None if cutoff == periods(ds, FTTH, "region")[-1] else cutoff
marks = milestones(ds, lines)
drawn = up_to(lines, until)
st.subheader(t("trends.chart_title", indicator=indicator_label(ds, FTTH), **span(drawn)))
aside(notes(france, *(brk.note[lang] for brk in meta.presentation.breaks), t("trends.milestones_note")))
show(
    lambda: ftth_trend(lines, france, marks, meta, lang, highlighted=highlighted, presenter=view.present, until=until),
    key="trends.ftth",
    alt=alt_text(FTTH, drawn, france),
    ds=ds,
    source_ids=meta.sources,
    table=table_twin(lines, france),
    title=t("trends.chart_title", indicator=indicator_label(ds, FTTH), **span(drawn)),
    subtitle=f"{t('common.level.region')} · {unit_label(meta.unit, lang)}",
)
with st.container(horizontal=True, vertical_alignment="center"):
    st.caption(t("trends.ftth_2026"))
    if st.button(t("trends.ftth_2026_button"), key="w.trends.ftth_2026", icon=":material/map:"):
        state.update(indicator=FTTH_LATER, level="department", period=None)
        st.switch_page("pages/carte.py")

# Other series
st.subheader(t("trends.other_title"))
indicator = indicator_select(
    ds, t("trends.other_picker"), timeline_indicators(ds), key="w.trends.indicator", default=DEFAULT_SERIES
)
other_meta = ds.indicator(indicator)
other, other_france = trend_lines(ds, indicator)
other_drawn = up_to(other, until)
st.markdown(f"**{t('trends.chart_title', indicator=indicator_label(ds, indicator), **span(other_drawn))}**")
st.caption(notes(other_france, t("trends.gap_note")))
show(
    lambda: indicator_trend(
        other,
        other_france,
        other_meta,
        lang,
        highlighted=highlighted,
        marks=milestones(ds, other),
        presenter=view.present,
        until=until,
    ),
    key="trends.other",
    alt=alt_text(indicator, other_drawn, other_france),
    ds=ds,
    source_ids=other_meta.sources,
    table=table_twin(other, other_france),
    title=t("trends.chart_title", indicator=indicator_label(ds, indicator), **span(other_drawn)),
    subtitle=f"{t('common.level.region')} · {unit_label(other_meta.unit, lang)}",
)
if other_meta.caveats:
    st.caption(f"⚠ {other_meta.caveats[lang]}")
