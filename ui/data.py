"""The dataset, loaded once per server process and shared read-only by every session."""

from __future__ import annotations

import streamlit as st

from i18n import DEFAULT_LANG, LANGS, text
from loaders import Dataset, SnapshotUnavailable, load_dataset


@st.cache_resource(show_spinner=False)
def _load() -> Dataset:
    return load_dataset()


def dataset() -> Dataset:
    """The snapshot; when it is missing or damaged, a clear message and the run stops."""
    try:
        return _load()
    except SnapshotUnavailable as exc:
        lang = st.query_params.get("lang", DEFAULT_LANG)
        st.error(text("common.snapshot_missing", lang if lang in LANGS else DEFAULT_LANG, error=exc))
        st.stop()
        raise
