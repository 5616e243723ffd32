"""Indice: the digital maturity index with its weights, its robustness, and the infrastructure-usage gap."""

from __future__ import annotations

from functools import partial

import streamlit as st

from analysis.frames import selection_at
from analysis.index import CONCENTRATION, effective_weights, empty_pillars, members
from charts.index import gap_bars, gap_history_chart, index_ranking, sensitivity_chart
from i18n.format import number
from loaders.catalogue import INDEX_PILLARS
from ui import index, state
from ui.chrome import intro
from ui.controls import indicator_label, level_picker, region_names
from ui.data import dataset
from ui.entry import ensure_app
from ui.figure import show
from ui.i18n import t
from ui.index_text import anchors_table, gap_sentence, left_out_table, pillar_name, results_table

ensure_app()

ds = dataset()
view = state.view()
lang = state.lang()
st.title(t("nav.index"))
intro(t("index.intro"))

indicators = index.chosen_indicators(ds)
everyone = members(ds)

# In presenter mode the settings fold away so the ranking fits the screen.
settings = st.expander(t("index.settings"), expanded=False) if view.present else st.container()
with settings:
    level = level_picker(("region", "department"), key="w.index.level", label=t("index.level"))
left, right = settings.columns([2, 3])
with left:
    st.markdown(f"**{t('index.weights')}**", help=t("index.weights_help"))
    for i, pillar in enumerate(INDEX_PILLARS):
        key = f"w.index.weight.{pillar}"
        st.session_state[key] = view.weights[i]

        def _weight_changed(i: int = i, key: str = key) -> None:
            weights = list(state.view().weights)
            weights[i] = int(st.session_state[key])
            if sum(weights) > 0:
                state.update(weights=tuple(weights))

        st.slider(pillar_name(pillar), 0, 10, key=key, on_change=_weight_changed)
# Streamlit does not nest expanders: inside the presenter's settings the indicators are listed plainly.
members_box = right.container() if view.present else right.expander(t("index.members"), expanded=False)
with members_box:
    st.caption(t("index.members_help"))
    for member in everyone:
        key = f"w.index.member.{member.id}"
        st.session_state[key] = member.id in indicators

        def _member_changed(member_id: str = member.id, key: str = key) -> None:
            current = set(index.chosen_indicators(ds))
            current = current | {member_id} if st.session_state[key] else current - {member_id}
            ordered = tuple(m.id for m in everyone if m.id in current)
            state.update(members=None if ordered == index.default_indicators(ds) else ordered)

        st.checkbox(
            f"{pillar_name(member.pillar)} · {indicator_label(ds, member.id)}", key=key, on_change=_member_changed
        )
    st.caption(t("index.tiers_lieux_off"))
if not view.present:
    st.info(t("index.no_skills"), icon=":material/info:")

member_scores, pillars = index.scores(ds.version, level, indicators)
chosen = index.chosen_weights()
for pillar in empty_pillars(pillars):
    if chosen[pillar] > 0:
        st.warning(t("index.empty_pillar", pillar=pillar_name(pillar)))
weights = effective_weights(pillars, chosen)
table = index.table(ds, level, indicators, weights)
level_name = t(f"common.level.{level}").lower()
sources = index.source_ids(ds, indicators)

st.markdown(gap_sentence(ds, table, member_scores, level))
sens = index.sensitivity(ds.version, level, indicators, tuple(weights[p] for p in INDEX_PILLARS))
sens = sens.merge(table[["code", "name"]], on="code")
twin = results_table(table, sens, level)
# The ranking, sensitivity and gap charts draw on the same sources and share one table twin: the results table.
show_index = partial(show, ds=ds, source_ids=sources, table=twin)
if table["index"].notna().any():
    weights_text = {f"w_{p}": number(weights[p], 2, lang) for p in INDEX_PILLARS}
    show_index(
        lambda: index_ranking(table, lang, selected=selection_at(ds, view.regions, level), presenter=view.present),
        key="index.ranking",
        alt=t("index.alt.ranking", level=level_name),
        title=t("index.ranking_title", level=level_name),
        subtitle=t("index.ranking_subtitle", **weights_text),
    )
    st.subheader(t("index.sensitivity_title"))
    st.caption(t("index.sensitivity_caption", c=number(CONCENTRATION, 0, lang)))
    show_index(
        lambda: sensitivity_chart(sens, lang, selected=selection_at(ds, view.regions, level), presenter=view.present),
        key="index.sensitivity",
        alt=t("index.alt.sensitivity"),
        title=t("index.sensitivity_title"),
        subtitle=t("index.ranking_subtitle", **weights_text),
    )
else:
    st.warning(t("index.no_index"))

st.subheader(t("index.gap_map_title", level=level_name))
st.caption(t("index.gap_subtitle"))
map_col, bars_col = st.columns([5, 4])
with map_col:
    index.gap_map(ds, table, level, indicators, key="index.gap_map", height=560, twin=twin)
with bars_col:
    show_index(
        lambda: gap_bars(table, lang, selected=selection_at(ds, view.regions, level), presenter=view.present),
        key="index.gap_bars",
        alt=t("index.alt.gap"),
        title=t("index.gap.title"),
        subtitle=t("index.gap_subtitle"),
    )

if level == "region":
    st.subheader(t("index.history_title"))
    st.caption(t("index.history_caption"))
    history = index.history(ds.version)
    show(
        lambda: gap_history_chart(
            history, region_names(ds), ds.strategies, lang, selected=view.regions, presenter=view.present
        ),
        key="index.history",
        alt=t("index.alt.history"),
        ds=ds,
        source_ids=sources,
        table=history.rename(columns={"code": t("common.code")}),
        title=t("index.history_title"),
        subtitle=t("index.history_caption"),
    )

with st.expander(t("index.method_title"), expanded=False):
    st.markdown(t("index.method.body", c=number(CONCENTRATION, 0, lang)))
    st.markdown(f"**{t('index.anchors_title')}**")
    st.dataframe(anchors_table(ds, member_scores), hide_index=True, width="stretch")
    st.markdown(f"**{t('index.left_out_title')}**")
    st.dataframe(left_out_table(ds), hide_index=True, width="stretch")
