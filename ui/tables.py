"""Table twins of charts: the same rows, formatted for reading (numbers stay sortable)."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from i18n import text
from i18n.format import bounds_text, flag_word, number, row_bounds, row_decimals, unit_label
from loaders.catalogue import Indicator

_MAX_DECIMALS = 3
# A column as wide as its longest text, within reason: the grid's 14 px Source Sans averages about 6.3 px a character
# in French text (measured on the profile's longest indicator names); 7 leaves room for capitals and digits.
_CHAR_PX, _PAD_PX, _MAX_PX = 7.0, 28, 560
# Headers are measured apart: about 5.8 px a character in the grid's header font (scatter table at 1440 px).
_HEADER_CHAR_PX = 6.2


def slice_table(frame: pd.DataFrame, ind: Indicator, lang: str, level: str) -> pd.DataFrame:
    """Territory, code, value, rank, flag: one row per territory, missing values left empty.

    Each value is rounded to its own published decimals (else the indicator's); where some values are known only
    within an interval, a 'possible range' column follows the value.
    """
    value_header = _value_header(ind, lang)
    flags = _flags(frame["flag"], lang)
    decimals = row_decimals(frame, ind.decimals)
    values = [round(v, d) if pd.notna(v) else v for v, d in zip(frame["value"], decimals, strict=True)]
    columns = {
        text(f"common.{level}", lang): frame["name"],
        text("common.code", lang): frame["code"],
        value_header: pd.Series(values, index=frame.index, dtype="float64"),
    }
    bounds = zip(row_bounds(frame), decimals, strict=True)
    ranges = [bounds_text(low, high, d, lang, labelled=False) for (low, high), d in bounds]
    if any(ranges):
        columns[text("common.range", lang)] = ranges
    columns[text("common.rank", lang)] = frame["rank"]
    columns[text("common.flag", lang)] = flags
    return pd.DataFrame(columns).sort_values(text("common.rank", lang), na_position="last", ignore_index=True)


def _decimals(values: pd.Series) -> int:
    """The fewest decimals (up to three) that show every value of a numeric column as it is stored."""
    shown = [f"{v:.{_MAX_DECIMALS}f}".rstrip("0").split(".")[1] for v in values.dropna().astype(float)]
    return max((len(d) for d in shown), default=0)


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def localised(table: pd.DataFrame, lang: str) -> Styler:
    """The table with numbers written in the interface language ("12 463 067", "82,4"), for display only: the cells
    keep their numbers, so a click on a column header still sorts numerically. Missing values stay empty."""
    numeric = [column for column in table.columns if _numeric(table[column])]
    digits = {column: _decimals(table[column]) for column in numeric}
    formats = {column: (lambda v, d=digits[column]: number(v, d, lang)) for column in numeric}
    return table.style.format(formats, na_rep="")


def column_widths(table: pd.DataFrame, lang: str, pinned: int = 0) -> dict:
    """st.dataframe column configs: each column as wide as its header or longest (formatted) cell, in pixels; the
    first `pinned` columns stay in view when a wide table scrolls sideways (the indicator's name beside its values)."""
    config = {}
    for position, column in enumerate(table.columns):
        values = table[column]
        if _numeric(values):
            d = _decimals(values)
            cells = [number(v, d, lang) for v in values.dropna()]
        else:
            cells = [str(v) for v in values.dropna()]
        widest = max([len(str(column)) * _HEADER_CHAR_PX, *(len(cell) * _CHAR_PX for cell in cells)])
        config[column] = {"width": int(min(_MAX_PX, widest + _PAD_PX))}
        if position < pinned:
            config[column]["pinned"] = True
    return config


def _value_header(ind: Indicator, lang: str) -> str:
    return f"{ind.label[lang]} ({unit_label(ind.unit, lang)})"


def _flags(flags: pd.Series, lang: str) -> pd.Series:
    return flags.map(lambda f: flag_word(f, lang))


def europe_map_table(units: pd.DataFrame, unmapped: pd.DataFrame, ind: Indicator, lang: str) -> pd.DataFrame:
    """Every unit drawn on the European map, then the NUTS 2 codes of the year that have no boundary (listed)."""
    level = units["level"].map(lambda lv: text(f"europe.level.{lv}", lang))
    drawn = pd.DataFrame(
        {
            text("europe.table.unit", lang): units["name"],
            "code": units["code"],
            text("europe.table.country", lang): units["country"],
            text("europe.table.level", lang): level,
            _value_header(ind, lang): units["value"].round(ind.decimals),
            text("common.flag", lang): _flags(units["flag"], lang),
            text("europe.table.on_map", lang): text("europe.table.yes", lang),
        }
    )
    listed = pd.DataFrame(
        {
            text("europe.table.unit", lang): unmapped["code"],
            "code": unmapped["code"],
            text("europe.table.country", lang): unmapped["code"].str[:2],
            text("europe.table.level", lang): text("europe.level.nuts2", lang),
            _value_header(ind, lang): unmapped["value"].round(ind.decimals),
            text("common.flag", lang): _flags(unmapped["flag"], lang),
            text("europe.table.on_map", lang): text("europe.table.no", lang),
        }
    )
    return pd.concat([drawn, listed], ignore_index=True)


def europe_rank_table(positions: pd.DataFrame, ind: Indicator, lang: str) -> pd.DataFrame:
    """French NUTS 2 regions: value, rank among Europe's NUTS 2 regions, out of how many, percentile, flag."""
    return pd.DataFrame(
        {
            text("europe.table.region", lang): positions["name"],
            "code": positions["code"],
            _value_header(ind, lang): positions["value"].round(ind.decimals),
            text("common.rank", lang): positions["rank"],
            text("europe.table.out_of", lang): positions["n"],
            text("europe.table.percentile", lang): positions["percentile"].round(0),
            text("common.flag", lang): _flags(positions["flag"], lang),
        }
    )


def europe_trend_table(series: pd.DataFrame, ind: Indicator, lang: str) -> pd.DataFrame:
    """One row per year: the region's value and flag (empty when no survey), the European median and top decile."""
    decimals = ind.decimals
    return pd.DataFrame(
        {
            text("europe.table.year", lang): series["period"],
            _value_header(ind, lang): series["value"].round(decimals),
            text("common.flag", lang): _flags(series["flag"], lang),
            text("europe.median", lang): series["median"].round(decimals),
            text("europe.top_decile", lang): series["top_decile"].round(decimals),
        }
    )
