"""ASGI entry for production: `python -m uvicorn server:app --host 0.0.0.0 --port 8501` (`make run`).

Streamlit's `st.App` serves `app.py` as `streamlit run` does, plus: Streamlit's hashed assets compressed once
(brotli or gzip) and cached for a year, unknown page paths sent home server-side, and script errors logged with
their page and shown as a short message in the interface language. `streamlit run app.py` still works for
development.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit import file_util

from serving.assets import AssetStore
from serving.middleware import PrecompressedAssets, UnknownPageRedirect
from ui.errors import on_script_error
from ui.pages import PAGE_PATHS

ROOT = Path(__file__).resolve().parent
STREAMLIT_STATIC = Path(file_util.get_static_dir())

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

app = st.App(
    ROOT / "app.py",
    middleware=[
        Middleware(UnknownPageRedirect, pages=PAGE_PATHS, root_files={p.name for p in STREAMLIT_STATIC.iterdir()}),
        Middleware(PrecompressedAssets, store=AssetStore(STREAMLIT_STATIC / "static")),
    ],
    on_script_error=on_script_error,
)
