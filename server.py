"""ASGI entry for production: `python -m uvicorn server:app --host 0.0.0.0 --port 8501` (`make run`).

Streamlit's `st.App` serves `app.py` as `streamlit run` does, plus: Streamlit's hashed assets compressed once
(brotli or gzip) and cached for a year, a page shell that starts the Plotly bundle's download at navigation,
unknown page paths sent home server-side, and script errors logged with their page and shown as a short message
in the interface language. `streamlit run app.py` still works for
development.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config, file_util

from serving.assets import AssetStore, Document, streamlit_assets, with_preload
from serving.middleware import Pages, PrecompressedAssets
from ui.errors import on_script_error
from ui.pages import PAGE_PATHS

ROOT = Path(__file__).resolve().parent
STREAMLIT_STATIC = Path(file_util.get_static_dir())
# Assets compressed ahead of time (`python -m serving.assets precompress .assets`: the image build, `make run`).
PREPARED = Path(os.environ.get("ATLAS_ASSETS", ROOT / ".assets"))

# The Plotly chunk is fetched from navigation on, not after the first chart's delta (measured: benchmarks/first_map.py).
PRELOAD = [path.relative_to(streamlit_assets()).as_posix() for path in streamlit_assets().glob("js/PlotlyChart.*.js")]
SHELL = Document.of(with_preload((STREAMLIT_STATIC / "index.html").read_bytes(), PRELOAD), "text/html")

# Production settings measured with py-spy on the served home page (benchmarks/first_map.py). No file watcher: code
# changes arrive with a new image, and the watcher walks every loaded module's path after each script run (about a
# third of the server's time per session). No forced full garbage collection after each run (about 0.2 s holding
# the interpreter while other sessions wait); Python's own collector still runs, and the benchmark reports the
# memory after 20 sessions.
config.set_option("server.fileWatcherType", "none")
config.set_option("runner.postScriptGC", False)

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

app = st.App(
    ROOT / "app.py",
    middleware=[
        Middleware(Pages, pages=PAGE_PATHS, root_files={p.name for p in STREAMLIT_STATIC.iterdir()}, shell=SHELL),
        Middleware(PrecompressedAssets, store=AssetStore(streamlit_assets(), prepared=PREPARED)),
    ],
    on_script_error=on_script_error,
)
