"""Pages opened before the entry point has run (first deep link after a server start).

Streamlit runs the very first session of a server in its legacy 'pages/ folder' mode: a deep link
such as /fiche-region executes pages/fiche-region.py directly, without app.py. Each page calls
`ensure_app()` first: when the session has not been set up by app.py, it runs app.py instead
(which sets up the session and runs this page through st.navigation) and stops.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st

APP = Path(__file__).resolve().parent.parent / "app.py"


def ensure_app() -> None:
    if "view" not in st.session_state:
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()
