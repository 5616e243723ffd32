"""What a user sees when a page script fails: a short message in the interface language, not Streamlit's
generic English box; the operator gets one log line with the page and the exception (`st.App(on_script_error=...)`)."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from i18n import DEFAULT_LANG, text
from ui import state

log = logging.getLogger("atlas.server")


def current_page() -> str:
    """The URL path of the page being run, from the script run context ("?" outside a script run)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return "?"
    page = ctx.pages_manager.get_pages().get(ctx.page_script_hash, {})
    return "/" + page.get("url_pathname", "") if page else ctx.main_script_path


def on_script_error(exc: Exception) -> bool:
    """Log the failure with its page (Streamlit has logged the traceback just before), show the catalogue's
    message; True suppresses Streamlit's own display."""
    log.error("script error on page %s: %s: %s", current_page(), type(exc).__name__, exc)
    st.error(text("common.script_failed", state.lang() if state.ready() else DEFAULT_LANG))
    return True
