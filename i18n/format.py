"""Numbers, units and dates formatted per locale with Babel ("78,4 %" in French, "78.4%" in English)."""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import math

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from i18n import text

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
PERCENT = "%"  # the catalogue's percent unit (loaders.catalogue.Unit.PERCENT), formatted by Babel
NOT_COVERED = "not_covered"  # loaders.catalogue.NOT_COVERED


# Outer and inner quotation marks: French « … » with “ … ” inside, English “ … ” with ‘ … ’ inside.
QUOTES = {"fr": (("« ", " »"), ("“", "”")), "en": (("“", "”"), ("‘", "’"))}


def quoted(phrase: str, lang: str) -> str:
    """The phrase in the language's quotation marks; its own quotes of that kind become inner ones (no « « » »)."""
    (open_, close), (inner_open, inner_close) = QUOTES[lang]
    inner = phrase.replace(open_.strip(), inner_open).replace(close.strip(), inner_close)
    inner = inner.replace(f"{inner_open} ", inner_open).replace(f" {inner_close}", inner_close)
    return f"{open_}{inner}{close}"


def number(value: float | None, decimals: int, lang: str) -> str:
    """A number with the locale's separators; missing values get the catalogue's 'no data' word."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return text("common.no_data", lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def percent(value: float, decimals: int, lang: str) -> str:
    """A value already in percent with the locale's own percent sign and spacing: '78,4\u00a0%' (Babel's French
    pattern puts a no-break space before the sign, so it never ends a line alone), '78.4%' in English."""
    pattern = copy.copy(Locale.parse(LOCALES[lang]).percent_formats[None])
    pattern.frac_prec = (decimals, decimals)
    # Decimal(str()) then an exact power-of-ten shift: the same digits and rounding as `number` gives.
    return format_percent(decimal.Decimal(str(value)).scaleb(-2), format=pattern, locale=LOCALES[lang])


def value_decimals(decimals: object, default: object) -> int:
    """The decimals of this value: the fact's published precision (`decimals` column) when it has one, else the
    indicator's. So a rate printed "12 %" never reads "12,0 %" next to one printed "15,4 %"."""
    if pd.isna(decimals):
        return int(default)
    return int(decimals)


def row_decimals(frame: pd.DataFrame, default: object) -> list[int]:
    """value_decimals for every row of a frame (the indicator's decimals when it has no `decimals` column)."""
    if "decimals" not in frame.columns:
        return [int(default)] * len(frame)
    return [value_decimals(d, default) for d in frame["decimals"]]


def row_bounds(frame: pd.DataFrame) -> list[tuple[object, object]]:
    """(low, high) of every row, (None, None) where the frame has no bounds columns."""
    if "low" not in frame.columns or "high" not in frame.columns:
        return [(None, None)] * len(frame)
    return list(zip(frame["low"], frame["high"], strict=True))


def bounds_text(low: object, high: object, decimals: int, lang: str, *, labelled: bool = True) -> str:
    """'plage 0,7 – 2,1' / 'range 0.7–2.1' (or just '0,7 – 2,1' when not labelled) for a value known only within
    an interval; '' when there is none."""
    if pd.isna(low) or pd.isna(high):
        return ""
    interval = text("common.range_interval", lang, low=number(low, decimals, lang), high=number(high, decimals, lang))
    return text("common.range_value", lang, interval=interval) if labelled else interval


def value_with_unit(value: float | None, unit: str, decimals: int, lang: str) -> str:
    """A value with its unit as a reader expects it: '78,4 %', '12,3 pour 100 000 hab.'."""
    formatted = number(value, decimals, lang)
    if formatted == text("common.no_data", lang):
        return formatted
    if unit == PERCENT:
        return percent(value, decimals, lang)
    return text(f"unit.{unit}.value", lang, v=formatted)


def is_not_covered(flag: object) -> bool:
    """The territory is outside the indicator's programme: said in words, never shown as missing or 0."""
    return isinstance(flag, str) and flag == NOT_COVERED


def flag_word(flag: object, lang: str) -> str:
    """A fact's flag in words ('estimation', 'faible fiabilité'); '' when it has none."""
    return text(f"common.flag.{flag}", lang) if isinstance(flag, str) and flag else ""


def flag_suffix(flag: object, lang: str, letter: str | None = None) -> str:
    """What follows a formatted value that carries a flag: ' (estimation)', or ' (faible fiabilité, u)' with the
    producer's letter. '' without a flag, and for 'not covered': `fact_text` says that in place of the value."""
    word = "" if is_not_covered(flag) else flag_word(flag, lang)
    if not word:
        return ""
    return f" ({word}, {letter})" if letter else f" ({word})"


def fact_text(
    value: float | None,
    unit: str,
    decimals: int,
    lang: str,
    low: object = None,
    high: object = None,
    flag: object = None,
) -> str:
    """A value with its unit, and its possible range when it has one: '9,8 pour 100 000 hab. (plage 4,9 – 14,8)';
    'non concerné par le programme' for a territory outside it."""
    if is_not_covered(flag):
        return flag_word(NOT_COVERED, lang)
    shown = value_with_unit(value, unit, decimals, lang)
    interval = bounds_text(low, high, decimals, lang) if value is not None and not pd.isna(value) else ""
    return f"{shown} ({interval})" if interval else shown


def unit_label(unit: str, lang: str) -> str:
    """Short unit for axes and legends."""
    return text(f"unit.{unit}.short", lang)


def period_label(period: str, lang: str) -> str:
    """'2022' stays; '2022-09-30' becomes '30 sept. 2022' / '30 Sept 2022'."""
    if len(period) == 4:
        return period
    return format_date(dt.date.fromisoformat(period), format="medium", locale=LOCALES[lang])


def signed(value: float, decimals: int, lang: str, *, in_percent: bool = False) -> str:
    """A gap with an explicit sign: '+3,2' / '−1,5' (true minus sign); '+3,2 %' in percent."""
    body = percent(abs(value), decimals, lang) if in_percent else number(abs(value), decimals, lang)
    return ("+" if value >= 0 else "\u2212") + body
