"""The precision a number was printed with, read from its raw text ("15.4" has one decimal, "12" none)."""

from __future__ import annotations

import pandas as pd

# Digits after the decimal separator (point or comma) at the end of the printed number.
_FRACTION = r"[.,](\d+)\s*%?\s*$"


def published_decimals(texts: pd.Series) -> pd.Series:
    """Decimals of each number as printed (nullable Int8): '15.4' -> 1, '15,40' -> 2, '12' -> 0, empty -> NA."""
    stripped = texts.astype("string").str.strip()
    fraction = stripped.str.extract(_FRACTION, expand=False)
    decimals = fraction.str.len().fillna(0).where(stripped.notna() & (stripped != ""))
    return decimals.astype("Int8")
