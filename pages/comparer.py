"""Comparer: two to four regions side by side against France, on every indicator of a pillar and over time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.compare import comparable, compare_lines, default_regions, gap_rows
from analysis.frames import indicators_for
from analysis.trends import wide
from charts.compare import compare_lines as lines_chart
from charts.compare import gap_dotplot, gap_table, presenter_height
from i18n.format import unit_label
from loaders.catalogue import INDEX_PILLARS
from ui import state
from ui.chrome import intro
from ui.controls import indicator_label, indicator_select, region_names, regions_multiselect
from ui.data import dataset
from ui.entry import ensure_app
from ui.figure import show
from ui.i18n import t

ensure_app()

ds = dataset()
view = state.view()
lang = state.lang()
names = region_names(ds)
regions_rows = ds.territories[ds.territories["level"] == "region"]
population = regions_rows.set_index("code")["population"]


def _pillar_changed() -> None:
    chosen = st.session_state["w.compare.pillar"]
    state.update(theme=None if chosen == "all" else chosen)


st.title(t("nav.compare"))
intro(t("compare.intro"))

# Fewer than two regions arriving from another page (or a first visit): complete them for this page only,
# and say how. The session's regions change only when the user edits the list (an emptied list stays empty).
regions = view.regions
defaulted = len(regions) < 2 and regions != st.session_state.get("compare.chosen")
if defaulted:
    note = "compare.default_note" if regions else "compare.default_note_none"
    regions = default_regions(regions, population, n=2)

# Widget values are written on every run: a keyed widget keeps its identity when its labels change,
# and the browser would otherwise go on showing the labels of the previous language.
col_regions, col_pillar = st.columns([3, 2])
with col_regions:
    regions_multiselect(
        ds,
        key="w.compare.regions",
        chosen=regions,
        then=lambda chosen: st.session_state.__setitem__("compare.chosen", chosen),
        label=t("compare.regions"),
        placeholder=t("compare.regions_placeholder"),
    )
with col_pillar:
    pillar_names = {"all": t("compare.all_pillars")} | {p: t(f"common.pillar_short.{p}") for p in INDEX_PILLARS}
    st.session_state["w.compare.pillar"] = state.view().theme or "all"
    pillar = st.radio(
        t("compare.pillar"),
        list(pillar_names),
        key="w.compare.pillar",
        format_func=pillar_names.__getitem__,
        horizontal=True,
        on_change=_pillar_changed,
    )

if defaulted and regions:
    st.caption(t(note, regions=", ".join(names[c] for c in regions)))

catalogue = [i for i in comparable(indicators_for(ds, ("region",))) if pillar in ("all", i.pillar)]

if not regions:
    st.info(t("compare.pick_regions"))
else:
    rows = gap_rows(ds, [i.id for i in catalogue])
    chosen_names = [names[c] for c in regions]
    st.subheader(t("compare.gaps_title"))
    if (rows["ref_kind"] == "median").any() and not view.present:
        st.caption(t("compare.median_note"))
    show(
        lambda: gap_dotplot(rows, catalogue, lang, regions=regions, presenter=view.present),
        key="compare.gaps",
        alt=t("compare.gaps_alt", regions=", ".join(chosen_names), n=rows["indicator"].nunique()),
        ds=ds,
        source_ids=[s for i in catalogue for s in i.sources],
        table=gap_table(rows, catalogue, lang, regions=regions),
        title=t("compare.gaps_export_title", regions=", ".join(chosen_names)),
        subtitle=f"{pillar_names[pillar]} · {t('compare.x_axis')}",
        for_page=lambda page: gap_dotplot(rows, catalogue, lang, regions=regions, page=page),
        presenter_height=presenter_height(rows["indicator"].nunique()),
    )

    st.subheader(t("compare.lines_title"))
    options = [i.id for i in catalogue]
    if options:
        indicator = indicator_select(ds, t("common.indicator"), options, key="w.compare.indicator", default=options[0])
        meta = ds.indicator(indicator)
        if meta.caveats:
            st.caption(f"⚠ {meta.caveats[lang]}")
        lines, france = compare_lines(ds, indicator, regions)
        if not france["value"].notna().any():
            st.caption(t("compare.no_france_series"))
        show(
            lambda: lines_chart(lines, france, meta, lang, regions=regions, presenter=view.present),
            key="compare.lines",
            alt=t("compare.lines_alt", indicator=indicator_label(ds, indicator), regions=", ".join(chosen_names)),
            ds=ds,
            source_ids=meta.sources,
            table=wide(pd.concat([lines, france], ignore_index=True)),
            title=t(
                "compare.lines_export_title", indicator=indicator_label(ds, indicator), regions=", ".join(chosen_names)
            ),
            subtitle=unit_label(meta.unit, lang),
        )
