"""Every key exists in both languages with the same placeholders; formatting follows the locale."""

from __future__ import annotations

import re

import pytest

from i18n import LANGS, catalogue, text
from i18n.format import period_label, signed, value_with_unit


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
    assert value_with_unit(78.43, "%", 1, "fr") == "78,4\u00a0%".replace("\u00a0", " ")
    assert value_with_unit(78.43, "%", 1, "en") == "78.4%"
    assert value_with_unit(1234567, "count", 0, "fr") == "1\u202f234\u202f567"
    assert value_with_unit(1234567, "count", 0, "en") == "1,234,567"


def test_missing_value_says_no_data_never_zero():
    assert value_with_unit(float("nan"), "%", 1, "fr") == "pas de donnée"
    assert value_with_unit(None, "%", 1, "en") == "no data"


def test_dates_and_signs():
    assert period_label("2022-09-30", "fr") == "30 sept. 2022"
    assert period_label("2021", "en") == "2021"
    assert signed(-1.5, 1, "fr") == "\u22121,5"
    assert signed(2, 0, "en") == "+2"


def test_every_unit_and_pillar_of_the_snapshot_has_its_words():
    from loaders import load_dataset

    ds = load_dataset()
    for lang in LANGS:
        words = catalogue(lang)
        for unit in set(ds.indicators["unit"]):
            assert f"unit.{unit}.value" in words and f"unit.{unit}.short" in words, (lang, unit)
        for pillar in set(ds.indicators["pillar"]):
            assert f"common.pillar.{pillar}" in words, (lang, pillar)
        for flag in set(ds.facts["flag"].dropna()):
            assert f"common.flag.{flag}" in words, (lang, flag)
