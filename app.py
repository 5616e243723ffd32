"""Entry point: page config, navigation, shared sidebar, URL state. Pages live in pages/."""

from __future__ import annotations

import streamlit as st

from ui import chrome, state
from ui.data import dataset
from ui.i18n import t
from ui.pages import PAGES

st.set_page_config(page_icon="🗺️", layout="wide")
ds = dataset()
state.init(ds)
st.set_page_config(page_title=t("app.title"))

pages = [
    st.Page(f"pages/{stem}.py", title=t(key), url_path=stem, icon=icon, default=i == 0)
    for i, (stem, key, icon) in enumerate(PAGES)
]
navigation = st.navigation(pages, position="hidden" if state.view().present else "sidebar")
chrome.sidebar(ds)
state.set_page(navigation.url_path)
chrome.presenter(pages, navigation)
chrome.notices()
navigation.run()
state.write_url(navigation.url_path)
