"""The dataset, loaded once per server process and shared read-only by every session."""

from __future__ import annotations

import streamlit as st

from i18n import DEFAULT_LANG, LANGS, text
from loaders import Dataset, SnapshotUnavailable, load_dataset, snapshot_version


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(version: str) -> Dataset:
    """Keyed by the snapshot version, so a rebuilt data/ is picked up without restarting the server."""
    return load_dataset()


def dataset() -> Dataset:
    """The snapshot; when it is missing or damaged, a clear message and the run stops."""
    try:
        return _load(snapshot_version())
    except SnapshotUnavailable as exc:
        lang = st.query_params.get("lang", DEFAULT_LANG)
        st.error(text("common.snapshot_missing", lang if lang in LANGS else DEFAULT_LANG, error=exc))
        st.stop()
        raise
