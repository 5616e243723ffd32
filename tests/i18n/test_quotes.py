"""Quotation marks of citations: the language's own, never the same kind nested."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from i18n.format import quoted


@pytest.mark.parametrize(
    ("phrase", "lang", "expected"),
    [
        ("Écarts à la France", "fr", "« Écarts à la France »"),
        ("Carte « Couverture en fibre »", "fr", "« Carte “Couverture en fibre” »"),
        ("Map “Fibre coverage”", "en", "“Map ‘Fibre coverage’”"),
    ],
)
def test_quotes_nest_as_each_language_writes_them(phrase, lang, expected):
    assert quoted(phrase, lang) == expected


@given(st.text(alphabet="ab «»“” ", max_size=30), st.sampled_from(["fr", "en"]))
def test_only_the_outer_pair_is_of_the_outer_kind(phrase, lang):
    outer = {"fr": "«»", "en": "“”"}[lang]
    inside = quoted(phrase, lang)[1:-1]
    assert not any(mark in inside for mark in outer)
