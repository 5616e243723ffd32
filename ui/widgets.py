"""Widgets tied to the session view: each widget reads its value from the view and writes it back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from ui import state


def _sync(field: str, widget_key: str, convert: Callable[[Any], Any]) -> None:
    state.update(**{field: convert(st.session_state[widget_key])})


def view_select(
    label: str,
    options: Sequence[Any],
    field: str,
    format_func: Callable[[Any], str] = str,
    *,
    key: str,
    widget: Callable[..., Any] = st.selectbox,
    convert: Callable[[Any], Any] = lambda v: v,
    current: Any = None,
    **kwargs: Any,
) -> Any:
    """A select-like widget whose value is the view's `field` (falls back to the first option)."""
    value = getattr(state.view(), field) if current is None else current
    if value not in options and options:
        value = options[0]
        state.update(**{field: convert(value)})
    st.session_state[key] = value
    return widget(
        label, options, format_func=format_func, key=key, on_change=_sync, args=(field, key, convert), **kwargs
    )
