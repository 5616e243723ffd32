"""Code harmonisation: the traps listed in the SOURCES.md files."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.codes import (
    NUTS1_TO_REGION,
    NUTS2_TO_REGION,
    REGION_CODES,
    UnmatchedNameError,
    department_code,
    department_from_postcode,
    fold,
    name_key,
    region_code,
    region_code_from_name,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", "01"),
        ("01", "01"),
        (1, "01"),
        ("2a", "2A"),
        ("2B", "2B"),
        ("971", "971"),
        ("FR-GP", "971"),
        ("FR-YT", "976"),
        ("FR-2A", "2A"),
        ("FR-75", "75"),
        ("93", "93"),
        ("5.0", "05"),
    ],
)
def test_department_code_spellings(raw, expected):
    assert department_code(raw) == expected


@pytest.mark.parametrize("raw", ["", "ABC", "100", "979", "2C"])
def test_department_code_rejects_garbage(raw):
    with pytest.raises(ValueError):
        department_code(raw)


def test_overseas_region_codes_are_padded_and_com_dropped():
    assert [region_code(x) for x in ("1", "2", "3", "4", "6")] == ["01", "02", "03", "04", "06"]
    assert region_code("7") is None
    assert region_code("8") is None
    with pytest.raises(ValueError):
        region_code("5")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Provence-Alpes-Côte d’Azur", "93"),
        ("Provence-Alpes-Côte d'Azur", "93"),
        ("PROVENCE ALPES COTE D AZUR", "93"),
        ("Île-de-France", "11"),
        ("ile de france", "11"),
        ("La Réunion", "04"),
        ("Centre-Val de Loire", "24"),
        ("Auvergne-Rhône-Alpes", "84"),
        ("Bourgogne-Franche-Comté", "27"),
    ],
)
def test_region_names_variants(name, code):
    assert region_code_from_name(name) == code


def test_unmatched_region_name_is_named_in_the_error():
    with pytest.raises(UnmatchedNameError, match="Atlantide"):
        region_code_from_name("Atlantide", "some.csv")


@given(st.text(max_size=30))
def test_name_key_is_plain_ascii(name):
    key = name_key(name)
    assert key == key.strip()
    assert all(c.isascii() and (c.isalnum() or c == " ") for c in key)


@pytest.mark.parametrize(
    ("postcode", "dep"),
    [
        ("4000", "04"),
        ("1000", "01"),
        ("20000", "2A"),
        ("20137", "2A"),
        ("20200", "2B"),
        ("20600", "2B"),
        ("97100", "971"),
        ("97600", "976"),
        ("97133", None),
        ("97150", None),
        ("97110", "971"),
        ("75001", "75"),
        ("", None),
        ("98000", None),
        ("00100", None),
    ],
)
def test_department_from_postcode(postcode, dep):
    assert department_from_postcode(postcode) == dep


def test_nuts_tables_cover_every_region_once_at_the_finest_level():
    assert set(NUTS2_TO_REGION.values()) == set(REGION_CODES)
    assert set(NUTS1_TO_REGION.values()) == set(REGION_CODES) - {"01", "02", "03", "04", "06"}


def test_fold_ignores_case_and_accents():
    assert fold("ÉLEVÉ Île-de-France") == "eleve ile-de-france"
    assert fold("Illectronisme") == fold("ILLECTRONISME")
