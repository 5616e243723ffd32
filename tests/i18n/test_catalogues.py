"""Every key exists in both languages with the same placeholders; formatting follows the locale."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from babel.numbers import format_percent

from i18n import LANGS, catalogue, text
from i18n.format import LOCALES, flag_suffix, flag_word, percent, period_label, signed, value_with_unit
from loaders.catalogue import FLAGS, NOT_COVERED, PILLARS, Unit


def placeholders(template: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", template))


def test_same_keys_in_every_language():
    keys = {lang: set(catalogue(lang)) for lang in LANGS}
    for lang in LANGS:
        missing = keys["fr"] ^ keys[lang]
        assert not missing, f"keys missing in one language: {sorted(missing)}"


def test_same_placeholders_in_every_language():
    fr = catalogue("fr")
    for key, template in catalogue("en").items():
        assert placeholders(template) == placeholders(fr[key]), key


def test_no_empty_string():
    for lang in LANGS:
        assert all(v.strip() for v in catalogue(lang).values())


def test_missing_key_raises():
    with pytest.raises(KeyError):
        text("no.such.key", "fr")


def test_french_and_english_number_formats():
    # Babel's own percent patterns, unquantised: what each locale writes for 78.4 %.
    for lang in LANGS:
        expected = format_percent(Decimal("0.784"), locale=LOCALES[lang], decimal_quantization=False)
        assert value_with_unit(78.43, "%", 1, lang) == expected
    assert value_with_unit(78.43, "%", 1, "en") == "78.4%"
    assert value_with_unit(1234567, "count", 0, "fr") == "1\u202f234\u202f567"
    assert value_with_unit(1234567, "count", 0, "en") == "1,234,567"


def test_french_percent_sign_is_kept_on_the_line_of_its_number():
    shown = value_with_unit(78.43, Unit.PERCENT, 1, "fr")
    assert shown.startswith("78,4") and shown.endswith("%")
    assert shown[-2] in ("\u00a0", "\u202f"), "French typography: a no-break space before %"
    assert " " not in shown


def test_percent_keeps_the_number_rounding_and_sign():
    for lang in LANGS:
        expected = format_percent(Decimal("0.12"), locale=LOCALES[lang], decimal_quantization=False)
        assert percent(12, 0, lang) == expected
        assert signed(-12, 0, lang, in_percent=True) == "\u2212" + expected
        # 2.25 rounds half to even at one decimal, like every other number of the atlas
        assert percent(2.25, 1, lang).startswith("2,2" if lang == "fr" else "2.2")


def test_flags_are_said_after_the_value_except_not_covered():
    assert flag_suffix("estimate", "fr") == f" ({catalogue('fr')['common.flag.estimate']})"
    assert flag_suffix("low_reliability", "en", "u") == f" ({catalogue('en')['common.flag.low_reliability']}, u)"
    assert flag_suffix(None, "fr") == flag_suffix("", "fr") == flag_suffix(float("nan"), "fr") == ""
    assert flag_suffix(NOT_COVERED, "fr") == ""
    assert flag_word(NOT_COVERED, "fr") == catalogue("fr")["common.flag.not_covered"]


def test_missing_value_says_no_data_never_zero():
    assert value_with_unit(float("nan"), "%", 1, "fr") == "pas de donnée"
    assert value_with_unit(None, "%", 1, "en") == "no data"


def test_dates_and_signs():
    assert period_label("2022-09-30", "fr") == "30 sept. 2022"
    assert period_label("2021", "en") == "2021"
    assert signed(-1.5, 1, "fr") == "\u22121,5"
    assert signed(2, 0, "en") == "+2"


def test_every_unit_pillar_and_flag_of_the_catalogue_has_its_words():
    for lang in LANGS:
        words = catalogue(lang)
        for unit in Unit:
            assert f"unit.{unit}.short" in words, (lang, unit)
            if unit is not Unit.PERCENT:  # percentages are written by Babel
                assert f"unit.{unit}.value" in words, (lang, unit)
        for pillar in PILLARS:
            assert f"common.pillar.{pillar}" in words and f"common.pillar_short.{pillar}" in words, (lang, pillar)
        for flag in FLAGS:
            assert f"common.flag.{flag}" in words, (lang, flag)
