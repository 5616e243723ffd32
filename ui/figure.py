"""Showing a figure: error boundary, offline map config, accessible summary, source line, table twin."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.labels import footnote
from charts.theme import readable
from i18n.format import period_label, value_with_unit
from loaders import Dataset
from loaders.catalogue import Indicator
from ui import export, state
from ui.i18n import t
from ui.markdown import escape
from ui.tables import column_widths, localised

log = logging.getLogger("atlas")

# Plotly geo fetches world_110m.json: serve our stub from the app's own host (DESIGN.md §5).
PLOTLY_CONFIG = {
    "topojsonURL": "app/static/",
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


# Presenter mode at 1920 x 1080: the first chart of a page must fit under its title and controls, without scrolling.
PRESENTER_HEIGHT = 620


def build_safely(build: Callable[[], go.Figure]) -> go.Figure | None:
    """The figure, or a short notice in its place when building it fails (the page goes on)."""
    try:
        return build()
    except Exception as exc:
        log.exception("chart failed")
        st.warning(t("common.chart_failed", error=type(exc).__name__))
        return None


def source_line(ds: Dataset, source_ids: Sequence[str]) -> str:
    """'Source : ARCEP — … (Licence Ouverte 2.0)', titles in the reader's language; past three sources, publishers
    only (details on the Sources page)."""
    lang = state.lang()
    found = [ds.sources[sid] for sid in dict.fromkeys(source_ids) if sid in ds.sources]
    if len(found) > 3:
        publishers = dict.fromkeys(s.credit[lang] for s in found)
        return t("common.source_prefix", sources=" · ".join(publishers) + " — " + t("common.see_sources_hint"))
    parts = [f"{s.publisher[lang]} — {s.title[lang]} ({s.licence[lang]})" for s in found]
    return t("common.source_prefix", sources=" · ".join(parts))


def map_alt(frame: pd.DataFrame, ind: Indicator, label: str, period: str, france: float | None) -> str:
    """Accessible summary of a map: what, when, how many territories have data, France's value."""
    lang = state.lang()
    return t(
        "map.alt",
        indicator=label,
        period=period_label(period, lang),
        n=int(frame["value"].notna().sum()),
        total=len(frame),
        france=value_with_unit(france, ind.unit, ind.decimals, lang),
    )


def show(
    build: Callable[[], go.Figure],
    *,
    key: str,
    alt: str,
    ds: Dataset,
    source_ids: Sequence[str],
    table: pd.DataFrame | None = None,
    on_select: Callable[[], None] | None = None,
    height: int | None = None,
    title: str | None = None,
    subtitle: str = "",
    for_page: Callable[[tuple[float, float]], go.Figure] | None = None,
    presenter_height: int | None = None,
    shown: Mapping[str, str] | None = None,
) -> go.Figure | None:
    """Draw a figure with its source line, download menu (when titled) and table twin; None when it failed.

    for_page: builds the figure again for an export page size (CSS px), for charts whose labels need their own
    layout there; otherwise the screen figure is exported. presenter_height: the height in presenter mode (else
    PRESENTER_HEIGHT, chosen so a page's first chart fits a 1080 px screen)."""
    fig = build_safely(build)
    if fig is None:
        return None
    if state.view().present:
        readable(fig)
        height = presenter_height or PRESENTER_HEIGHT
    if height:
        fig.update_layout(height=height)
    st.plotly_chart(
        fig,
        key=key,
        theme=None,
        config=PLOTLY_CONFIG,
        on_select=on_select or "ignore",
        selection_mode=("points",),
        alt=alt,
    )
    if note := footnote(fig):
        st.caption(escape(note))
    source = source_line(ds, source_ids)
    st.caption(source)
    if title is not None:
        download, share = st.columns(2)
        with share:
            export.share(ds, title=title, source_ids=source_ids)
        with download:
            export.menu(
                fig,
                key=key,
                ds=ds,
                title=title,
                subtitle=subtitle,
                source=source,
                source_ids=source_ids,
                data=table,
                for_page=for_page,
                shown=shown,
            )
    if table is not None:
        with st.expander(t("common.table_twin")):
            st.dataframe(
                localised(table, state.lang()),
                hide_index=True,
                width="stretch",
                column_config=column_widths(table, state.lang(), pinned=1),  # names stay when a wide table scrolls
            )
    return fig
