"""Text helpers for figures: long catalogue labels wrapped on word boundaries (plotly does not wrap), and values
with their unit and flag."""

from __future__ import annotations

import re

import plotly.graph_objects as go

from i18n.format import flag_suffix, value_with_unit
from loaders.catalogue import Indicator

FOOTNOTE = "footnote"  # key of a figure's layout.meta: a note the figure needs, printed wherever it is shown


def footnote(fig: go.Figure) -> str:
    """The figure's own note (full forms of shortened labels...), '' for none."""
    meta = fig.layout.meta
    return meta.get(FOOTNOTE, "") if isinstance(meta, dict) else ""


# '100 000' must not be split between two lines.
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}\b)")


def wrap_lines(text: str, width: int) -> list[str]:
    """Words joined into lines of at most `width` characters (a longer word keeps its own line); none for no text."""
    lines: list[str] = []
    for word in _DIGIT_GROUP.sub("\u00a0", text).split(" "):
        if not word:
            continue
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def wrap(text: str, width: int) -> str:
    """The lines of `wrap_lines`, '<br>' between them (plotly's line break)."""
    return "<br>".join(wrap_lines(text, width))


def flagged_value(value: float | None, flag: object, ind: Indicator, lang: str, letter: str | None = None) -> str:
    """'78,4 % (estimation)': the value in the indicator's unit and decimals, then its flag (and the producer's
    letter for it, when given)."""
    return value_with_unit(value, ind.unit, ind.decimals, lang) + flag_suffix(flag, lang, letter)
