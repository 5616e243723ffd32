"""`t(key)`: the catalogue string in the session's language."""

from __future__ import annotations

from i18n import text
from ui import state


def t(key: str, **values: object) -> str:
    return text(key, state.lang(), **values)
