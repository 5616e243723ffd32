"""Sidebar controls shared by every page (language, presenter mode) and the presenter stylesheet."""

from __future__ import annotations

import streamlit as st

from i18n import LANGS
from i18n.format import period_label
from loaders import Dataset
from ui import state
from ui.i18n import t
from ui.url import MAX_REGIONS, OVER_LIMIT
from ui.widgets import view_select

# For every session: metric labels wrap instead of ending in "…" (long indicator names).
BASE_CSS = """
<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto !important;
}
</style>
"""

# Hides Streamlit's chrome for this session only (st.set_option would change it for every user).
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem; max-width: 100%; }
html, body, [data-testid="stMarkdownContainer"] p { font-size: 1.25rem; }
h1 { font-size: 2.6rem !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 3rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #1d1d1b !important; font-size: 1.05rem !important;
}
[data-baseweb="select"] div, [data-testid="stWidgetLabel"] p { font-size: 1.1rem !important; }
</style>
"""


def sidebar(ds: Dataset) -> None:
    with st.sidebar:
        view_select(
            t("chrome.language"),
            list(LANGS),
            "lang",
            {code: t(f"lang.{code}") for code in LANGS}.__getitem__,
            key="w.lang",
            widget=st.radio,
            horizontal=True,
        )
        st.toggle(
            t("chrome.presenter"),
            key="w.present",
            value=state.view().present,
            on_change=_toggle_present,
            help=t("chrome.presenter_help"),
        )
        latest = period_label(str(ds.facts["period"].max()), state.lang())
        st.caption(t("chrome.snapshot", date=latest), help=t("chrome.snapshot_help", version=ds.version))


def _toggle_present() -> None:
    state.update(present=bool(st.session_state["w.present"]))


def _exit_present() -> None:
    state.update(present=False)


def presenter() -> None:
    """Shared styles; in presenter mode also hide the chrome and offer a way back in the main area."""
    st.html(BASE_CSS)
    if not state.view().present:
        return
    st.html(PRESENTER_CSS)
    st.button(t("chrome.presenter_exit"), key="w.present_exit", on_click=_exit_present, type="secondary")


def notices() -> None:
    """Tell the user which link parameters were ignored, once."""
    for name, value in state.take_notices():
        if name == OVER_LIMIT:
            st.warning(t("chrome.region_limit", n=MAX_REGIONS, value=value))
        else:
            st.warning(t("chrome.bad_param", name=name, value=value))
