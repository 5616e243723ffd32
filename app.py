"""Entry point: page config, navigation, shared sidebar, URL state. Pages live in pages/."""

from __future__ import annotations

import streamlit as st

from ui import chrome, state
from ui.data import dataset
from ui.i18n import t

st.set_page_config(page_title="Atlas numérique des régions", page_icon="🗺️", layout="wide")

ds = dataset()
state.init(ds)

PAGES = [
    ("pages/overview.py", "nav.overview", "vue-ensemble", ":material/dashboard:"),
    ("pages/map.py", "nav.map", "carte", ":material/map:"),
    ("pages/fracture.py", "nav.fracture", "infrastructures-usages", ":material/scatter_plot:"),
    ("pages/trends.py", "nav.trends", "evolution", ":material/show_chart:"),
    ("pages/profile.py", "nav.profile", "fiche-region", ":material/badge:"),
    ("pages/compare.py", "nav.compare", "comparer", ":material/compare_arrows:"),
    ("pages/sources.py", "nav.sources", "sources", ":material/menu_book:"),
]

navigation = st.navigation(
    [
        st.Page(path, title=t(key), url_path=slug, icon=icon, default=i == 0)
        for i, (path, key, slug, icon) in enumerate(PAGES)
    ],
    position="hidden" if state.view().present else "sidebar",
)
chrome.sidebar(ds)
chrome.presenter()
chrome.notices()
navigation.run()
state.write_url()
