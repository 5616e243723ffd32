"""The tidy fact shape shared by every loader: level, code, indicator, period, value, flag, low, high, decimals.

`low` and `high` bound a value that is only known within an interval (a share published rounded to 1 %);
`decimals` records the precision a value was published with, where it varies from value to value. All three are
empty for most facts.
"""

from __future__ import annotations

import pandas as pd

FACT_COLUMNS = ["level", "code", "indicator", "period", "value", "flag", "low", "high", "decimals"]
OPTIONAL_COLUMNS = ("low", "high", "decimals")


def tidy(frame: pd.DataFrame, indicator: str | None = None, flag: str | None = None) -> pd.DataFrame:
    """A frame in the tidy fact shape, with codes and periods as strings and values as floats."""
    out = frame.copy()
    if indicator is not None:
        out["indicator"] = indicator
    if "flag" not in out.columns or flag is not None:
        out["flag"] = flag
    for column in OPTIONAL_COLUMNS:
        if column not in out.columns:
            out[column] = float("nan")
    out = out[FACT_COLUMNS]
    for column in ("level", "code", "indicator", "period"):
        out[column] = out[column].astype(str)
    for column in ("value", "low", "high"):
        out[column] = out[column].astype("float64")
    out["decimals"] = out["decimals"].astype("Int8")
    out["flag"] = out["flag"].astype("string")
    return out.reset_index(drop=True)
