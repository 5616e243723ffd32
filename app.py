"""Entry point: page config, navigation, shared sidebar, URL state. Pages live in pages/."""

from __future__ import annotations

import streamlit as st

from ui import chrome, state
from ui.data import dataset
from ui.i18n import t

st.set_page_config(page_icon="🗺️", layout="wide")
ds = dataset()
state.init(ds)
st.set_page_config(page_title=t("app.title"))

# File stem = URL path: Streamlit resolves a deep link against the pages/ folder before this script
# has run st.navigation, so any other URL path shows "Page not found" on a cold start.
PAGES = [
    ("vue-ensemble", "nav.overview", ":material/dashboard:"),
    ("carte", "nav.map", ":material/map:"),
    ("infrastructures-usages", "nav.fracture", ":material/scatter_plot:"),
    ("indice", "nav.index", ":material/leaderboard:"),
    ("evolution", "nav.trends", ":material/show_chart:"),
    ("fiche-region", "nav.profile", ":material/badge:"),
    ("comparer", "nav.compare", ":material/compare_arrows:"),
    ("europe", "nav.europe", ":material/public:"),
    ("sources", "nav.sources", ":material/menu_book:"),
]

navigation = st.navigation(
    [
        st.Page(f"pages/{stem}.py", title=t(key), url_path=stem, icon=icon, default=i == 0)
        for i, (stem, key, icon) in enumerate(PAGES)
    ],
    position="hidden" if state.view().present else "sidebar",
)
chrome.sidebar(ds)
chrome.presenter()
chrome.notices()
navigation.run()
state.write_url(navigation.url_path)
