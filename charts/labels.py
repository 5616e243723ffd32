"""Text helpers for figures: long catalogue labels wrapped on word boundaries (plotly does not wrap)."""

from __future__ import annotations

import re

# '100 000' must not be split between two lines.
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}\b)")


def wrap(text: str, width: int) -> str:
    """Words joined into lines of at most `width` characters (a longer word keeps its own line), '<br>' between."""
    lines: list[str] = []
    for word in _DIGIT_GROUP.sub("\u00a0", text).split(" "):
        if not word:
            continue
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)
