"""Numbers as French and English spreadsheets write them: '12,5', '1 234,5', '1.234,5', '1,234.5', '12,5 %'.

A column's format is decided from all its cells at once: a cell with both a dot and a comma, a separator followed by
other than three digits, or a repeated separator settles it. When no cell does ('1.234' alone could be 1234 or
1.234), the format is ambiguous: the caller reports it and lets the reader choose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Spaces that write thousands: ordinary, no-break (Excel, LibreOffice in French), thin and narrow no-break (Babel).
SPACES = " \u00a0\u2009\u202f"
_MINUS = "\u2212\u2013"  # the minus sign and an en dash typed for it
# A number in each format, its thousands grouped by threes or not grouped: '12.5' in a ',' column is not 125.
_WRITTEN = {
    ",": re.compile(r"\d+(,\d+)?|\d{1,3}(\.\d{3})+(,\d+)?"),
    ".": re.compile(r"\d+(\.\d+)?|\d{1,3}(,\d{3})+(\.\d+)?"),
}
_MISSING = frozenset({"", "na", "n/a", "nd", "n.d.", "n.d", "nc", "n.c.", "-", "--", "...", "…", "s", "secret"})


@dataclass(frozen=True)
class NumberFormat:
    decimal: str  # "," or "."
    ambiguous: bool = False  # no cell told which separator is the decimal one: `decimal` is a guess


def is_missing_mark(cell: object) -> bool:
    """An empty cell or a usual 'no value' mark ('n.d.', 'NA', '-', 's' for statistical secret)."""
    return cell is None or (isinstance(cell, str) and cell.strip().casefold() in _MISSING)


def _bare(cell: str) -> str:
    """The cell without its spaces (thousands), percent sign and sign."""
    text = cell.strip().removesuffix("%").strip()
    for space in SPACES:
        text = text.replace(space, "")
    return text.lstrip("+-" + _MINUS)


def _clue(cell: str) -> str | None:
    """The decimal separator a cell proves ('.' or ','), None when it proves nothing."""
    text = _bare(cell)
    if "." in text and "," in text:
        return "." if text.rfind(".") > text.rfind(",") else ","
    for sep, other in ((".", ","), (",", ".")):
        if sep in text:
            if text.count(sep) > 1:
                return other  # '1.234.567': the dots group thousands
            digits_after = len(text) - text.index(sep) - 1
            return sep if digits_after != 3 else None
    return None


def decide(cells: Iterable[object], fallback: str | None = None) -> NumberFormat:
    """The column's decimal separator. Text cells only; numbers read from a workbook need no format.

    Cells that disagree (one says ',' and another '.') go with the majority; `fallback` (another column's format, the
    reader's choice) settles a column that proves nothing, else '.' for a dot and ',' for a comma, marked ambiguous.
    """
    texts = [c for c in cells if isinstance(c, str) and not is_missing_mark(c)]
    clues = [c for c in (_clue(t) for t in texts) if c]
    if clues:
        return NumberFormat(max((",", "."), key=clues.count))
    seps = {sep for t in texts for sep in ".," if sep in _bare(t)}
    if not seps:
        return NumberFormat(fallback or ",")
    if fallback:
        return NumberFormat(fallback)
    return NumberFormat(seps.pop() if len(seps) == 1 else ",", ambiguous=True)


def parse(cell: object, fmt: NumberFormat) -> float | None:
    """The cell's number in the given format; None when it is not a number (text, a date, two numbers)."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell)
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    negative = text[:1] in "-" + _MINUS and len(text) > 1
    text = _bare(text)
    if not _WRITTEN[fmt.decimal].fullmatch(text):
        return None
    thousands = "." if fmt.decimal == "," else ","
    number = float(text.replace(thousands, "").replace(fmt.decimal, "."))
    return -number if negative else number
