"""The tidy fact shape shared by every loader: level, code, indicator, period, value, flag."""

from __future__ import annotations

import pandas as pd

FACT_COLUMNS = ["level", "code", "indicator", "period", "value", "flag"]


def tidy(frame: pd.DataFrame, indicator: str | None = None, flag: str | None = None) -> pd.DataFrame:
    """A frame in the tidy fact shape, with codes and periods as strings and values as floats."""
    out = frame.copy()
    if indicator is not None:
        out["indicator"] = indicator
    if "flag" not in out.columns or flag is not None:
        out["flag"] = flag
    out = out[FACT_COLUMNS]
    for column in ("level", "code", "indicator", "period"):
        out[column] = out[column].astype(str)
    out["value"] = out["value"].astype("float64")
    out["flag"] = out["flag"].astype("string")
    return out.reset_index(drop=True)
