"""Table twins of charts: the same rows, formatted for reading (numbers stay sortable)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from i18n import text
from i18n.format import bounds_text, row_bounds, row_decimals


def slice_table(frame: pd.DataFrame, meta: Mapping, lang: str, level: str) -> pd.DataFrame:
    """Territory, code, value, rank, flag: one row per territory, missing values left empty.

    Each value is rounded to its own published decimals (else the indicator's); where some values are known only
    within an interval, a 'possible range' column follows the value.
    """
    unit = text("unit." + str(meta["unit"]) + ".short", lang)
    value_header = f"{meta['label_' + lang]} ({unit})"
    flags = frame["flag"].map(lambda f: text(f"common.flag.{f}", lang) if isinstance(f, str) and f else "")
    decimals = row_decimals(frame, meta["decimals"])
    values = [round(v, d) if pd.notna(v) else v for v, d in zip(frame["value"], decimals, strict=True)]
    columns = {
        text(f"common.{level}", lang): frame["name"],
        "code": frame["code"],
        value_header: pd.Series(values, index=frame.index, dtype="float64"),
    }
    bounds = zip(row_bounds(frame), decimals, strict=True)
    ranges = [bounds_text(low, high, d, lang, labelled=False) for (low, high), d in bounds]
    if any(ranges):
        columns[text("common.range", lang)] = ranges
    columns[text("common.rank", lang)] = frame["rank"]
    columns[text("common.flag", lang)] = flags
    return pd.DataFrame(columns).sort_values(text("common.rank", lang), na_position="last", ignore_index=True)
