"""Numbers, units and dates formatted per locale with Babel ("78,4 %" in French, "78.4%" in English)."""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date
from babel.numbers import format_decimal

from i18n import text

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def number(value: float | None, decimals: int, lang: str) -> str:
    """A number with the locale's separators; missing values get the catalogue's 'no data' word."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return text("common.no_data", lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def value_with_unit(value: float | None, unit: str, decimals: int, lang: str) -> str:
    """A value with its unit as a reader expects it: '78,4 %', '12,3 pour 100 000 hab.'."""
    formatted = number(value, decimals, lang)
    if formatted == text("common.no_data", lang):
        return formatted
    return text(f"unit.{unit}.value", lang, v=formatted)


def unit_label(unit: str, lang: str) -> str:
    """Short unit for axes and legends."""
    return text(f"unit.{unit}.short", lang)


def period_label(period: str, lang: str) -> str:
    """'2022' stays; '2022-09-30' becomes '30 sept. 2022' / '30 Sept 2022'."""
    if len(period) == 4:
        return period
    return format_date(dt.date.fromisoformat(period), format="medium", locale=LOCALES[lang])


def signed(value: float, decimals: int, lang: str) -> str:
    """A gap with an explicit sign: '+3,2' / '−1,5' (true minus sign)."""
    body = number(abs(value), decimals, lang)
    return ("+" if value >= 0 else "\u2212") + body
