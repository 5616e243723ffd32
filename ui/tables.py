"""Table twins of charts: the same rows, formatted for reading (numbers stay sortable)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from i18n import text


def slice_table(frame: pd.DataFrame, meta: Mapping, lang: str, level: str) -> pd.DataFrame:
    """Territory, code, value, rank, flag: one row per territory, missing values left empty."""
    unit = text("unit." + str(meta["unit"]) + ".short", lang)
    value_header = f"{meta['label_' + lang]} ({unit})"
    flags = frame["flag"].map(lambda f: text(f"common.flag.{f}", lang) if isinstance(f, str) and f else "")
    return pd.DataFrame(
        {
            text(f"common.{level}", lang): frame["name"],
            "code": frame["code"],
            value_header: frame["value"].round(int(meta["decimals"])),
            text("common.rank", lang): frame["rank"],
            text("common.flag", lang): flags,
        }
    ).sort_values(text("common.rank", lang), na_position="last", ignore_index=True)
