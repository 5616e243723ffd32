"""Sidebar controls shared by every page (language, presenter mode) and the presenter stylesheet."""

from __future__ import annotations

import json
from collections.abc import Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from i18n import LANGS
from i18n.format import period_label
from loaders import Dataset
from ui import state
from ui.i18n import t
from ui.url import MAX_REGIONS, OVER_LIMIT
from ui.widgets import view_select

# For every session: metric labels wrap instead of ending in "…" (long indicator names); captions in a grey that
# reads at 4.5:1 or more on white and on the sidebar (Streamlit draws them at 60 % opacity: #828180, 3.9:1, below
# WCAG AA).
CAPTION_GREY = "#5c5b58"
BASE_CSS = f"""
<style>
[data-testid="stCaptionContainer"] {{ opacity: 1; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: {CAPTION_GREY}; }}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto !important;
}}
</style>
"""

# The document's language follows the interface's (Streamlit's page says 'en'), so screen readers read French text
# with French rules (set in the sidebar script below). Headline sparklines (st.metric's chart) are hidden from screen
# readers: Vega draws them as unnamed 'graphics-symbol' groups (axe: svg-img-alt, serious), and the same series is
# in the profile's tables (trend column and values) just below.
HIDE_SPARKLINES = """
if (!window.atlasSparklines) {
  window.atlasSparklines = new MutationObserver(() => document
    .querySelectorAll('[data-testid="stMetricChart"]:not([aria-hidden])')
    .forEach((chart) => chart.setAttribute('aria-hidden', 'true')));
  window.atlasSparklines.observe(document.body, {childList: true, subtree: true});
}
"""

# A territory picker's list offers the typed text as its own entry, which Streamlit's frontend labels "Add: …" in
# English whatever the page's language; in the atlas, choosing it looks the text up (analysis.search).
LOCALISE_LOOKUP = """
if (!window.atlasLookupObserver) {
  window.atlasLookupObserver = new MutationObserver(() => document.querySelectorAll('[role="option"]')
    .forEach((option) => {
      const walker = document.createTreeWalker(option, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue.startsWith('Add: ')) node.nodeValue = window.atlasLookup + node.nodeValue.slice(5);
      }
    }));
  window.atlasLookupObserver.observe(document.body, {childList: true, subtree: true, characterData: true});
}
"""

# Hides Streamlit's chrome for this session only (st.set_option would change it for every user).
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 0.75rem; padding-bottom: 2rem; max-width: 100%; }
html, body, [data-testid="stMarkdownContainer"] p { font-size: 1.25rem; }
:where([data-testid="stMain"] *:not(svg, svg *, h1, h2, h3)) { font-size: max(18.5px, 1em) !important; }
[data-baseweb="popover"] li, [data-baseweb="popover"] li * { font-size: 18.5px !important; }
h1 { font-size: 2.4rem !important; padding: 0.25rem 0 0.5rem 0 !important; }
h2, h3 { font-size: 1.8rem !important; padding: 0.25rem 0 !important; }
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
        lang = next(code for code in LANGS if code == state.lang())  # only a code of LANGS enters the script
        search = json.dumps(t("common.territory_lookup"))  # our catalogue's text, as a JS string
        st.html(
            f"<script>document.documentElement.lang = '{lang}';{HIDE_SPARKLINES}"
            f"window.atlasLookup = {search};{LOCALISE_LOOKUP}</script>",
            unsafe_allow_javascript=True,
        )


def intro(body: str) -> None:
    """A page's introduction; left out in presenter mode, where the presenter speaks it and the chart needs the room."""
    if not state.view().present:
        st.markdown(body)


def aside(body: str) -> None:
    """A note above a page's main chart (method, caveat); kept for the screen, left out in presenter mode."""
    if not state.view().present:
        st.caption(body)


def _toggle_present() -> None:
    state.update(present=bool(st.session_state["w.present"]))


def _exit_present() -> None:
    state.update(present=False)


def presenter(pages: Sequence[StreamlitPage], current: StreamlitPage) -> None:
    """Shared styles; in presenter mode also hide the chrome, offer a way back and previous/next page links.

    The links switch pages within the session, whose view keeps presenter mode (and writes it in the URL)."""
    st.html(BASE_CSS)
    if not state.view().present:
        return
    st.html(PRESENTER_CSS)
    index = next((i for i, page in enumerate(pages) if page.url_path == current.url_path), 0)
    back, previous, following = st.columns([3, 3, 3], vertical_alignment="center")
    back.button(t("chrome.presenter_exit"), key="w.present_exit", on_click=_exit_present, type="secondary")
    if index > 0:
        previous.page_link(
            pages[index - 1], label=t("chrome.previous", page=pages[index - 1].title), icon=":material/arrow_back:"
        )
    if index < len(pages) - 1:
        following.page_link(
            pages[index + 1], label=t("chrome.next", page=pages[index + 1].title), icon=":material/arrow_forward:"
        )


def notices() -> None:
    """Tell the user which link parameters were ignored, once."""
    for name, value in state.take_notices():
        if name == OVER_LIMIT:
            st.warning(t("chrome.region_limit", n=MAX_REGIONS, value=value))
        else:
            st.warning(t("chrome.bad_param", name=name, value=value))
