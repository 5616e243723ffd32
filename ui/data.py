"""The dataset, loaded once per server process and shared read-only by every session, plus a session's own
indicators (uploaded files), which only that session sees."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from i18n import DEFAULT_LANG, LANGS, text
from loaders import Dataset, SnapshotUnavailable, load_dataset, snapshot_version
from loaders.catalogue import Indicator, Source
from loaders.paths import data_dir

_ADDED = "user.added"  # [(indicator, source, facts)] of this session, in the order added
_OVERLAID = "user.overlaid"  # (key, Dataset): the snapshot with them, built once per change


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(folder: str, version: str) -> Dataset:
    """Keyed by the snapshot's folder and version, so a rebuilt data/ or a refresh made current is picked up without
    restarting the server."""
    return load_dataset(Path(folder))


def base_dataset() -> Dataset:
    """The shared snapshot; when it is missing or damaged, a clear message and the run stops."""
    try:
        folder = data_dir()
        return _load(str(folder), snapshot_version(folder))
    except SnapshotUnavailable as exc:
        lang = st.query_params.get("lang", DEFAULT_LANG)
        st.error(text("common.snapshot_missing", lang if lang in LANGS else DEFAULT_LANG, error=exc))
        st.stop()
        raise


def dataset() -> Dataset:
    """The snapshot with this session's own indicators, if it has added any."""
    base = base_dataset()
    added = added_indicators()
    if not added:
        return base
    key = (base.version, tuple(i.id for i, _, _ in added))
    built = st.session_state.get(_OVERLAID)
    if built is None or built[0] != key:
        overlaid = base.with_overlay(
            [i for i, _, _ in added], pd.concat([f for _, _, f in added], ignore_index=True), [s for _, s, _ in added]
        )
        built = st.session_state[_OVERLAID] = (key, overlaid)
    return built[1]


def added_indicators() -> list[tuple[Indicator, Source, pd.DataFrame]]:
    return st.session_state.get(_ADDED, [])


def add_indicator(indicator: Indicator, source: Source, facts: pd.DataFrame) -> None:
    st.session_state[_ADDED] = [*added_indicators(), (indicator, source, facts)]


def remove_indicator(ident: str) -> None:
    st.session_state[_ADDED] = [entry for entry in added_indicators() if entry[0].id != ident]
