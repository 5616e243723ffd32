"""A failing script shows the catalogue's short message in the session's language and logs its page."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

from i18n import text


def failing_script() -> None:
    import streamlit as st

    from ui.errors import on_script_error
    from ui.url import View

    lang = st.query_params.get("lang")
    if lang:
        st.session_state["view"] = View(indicator="fibre_rate", lang=lang)
    st.session_state["suppressed"] = on_script_error(ValueError("boom"))


@pytest.mark.parametrize("lang", ["fr", "en", None])
def test_message_in_the_interface_language(lang, caplog):
    at = AppTest.from_function(failing_script, default_timeout=30)
    if lang:
        at.query_params["lang"] = lang
    with caplog.at_level(logging.ERROR, logger="atlas.server"):
        at.run()
    assert [e.value for e in at.error] == [text("common.script_failed", lang or "fr")]
    assert at.session_state["suppressed"] is True  # Streamlit's English exception box stays hidden
    assert at.exception == []
    [record] = [r for r in caplog.records if r.name == "atlas.server"]
    assert "script error on page /" in record.getMessage()
    assert "ValueError: boom" in record.getMessage()
