"""Territory search: name or code, accents, case and hyphens optional."""

from __future__ import annotations

import pytest

from analysis.search import fold, match_territory

NAMES = {
    "11": ("Île-de-France", "11"),
    "53": ("Bretagne", "53"),
    "75": ("Nouvelle-Aquitaine", "75"),
    "d.19": ("Corrèze", "19"),
    "d.22": ("Côtes-d'Armor", "22"),
    "d.2A": ("Corse-du-Sud", "2A"),
    "d.35": ("Ille-et-Vilaine", "35"),
    "d.75": ("Paris", "75"),
}


def test_fold_drops_accents_case_and_punctuation():
    assert fold("Île-de-France") == "ile de france"
    assert fold("  Côtes-d'Armor ") == "cotes d armor"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("ile de france", "11"),
        ("ÎLE-DE-FRANCE", "11"),
        ("correze", "d.19"),
        ("Corrèze (19)", "d.19"),
        ("cotes d'armor", "d.22"),
        ("2a", "d.2A"),
        ("53", "53"),
        ("bret", "53"),
        ("aquitaine", "75"),  # a word of the name
        ("75", "75"),  # a region before the département with its code
        ("paris (75)", "d.75"),
        ("ille", "d.35"),
        ("vilaine", "d.35"),
    ],
)
def test_a_territory_is_found_by_name_or_code(query, code):
    assert match_territory(query, NAMES) == code


@pytest.mark.parametrize("query", ["", "   ", "xyz", "99"])
def test_nothing_found_is_none(query):
    assert match_territory(query, NAMES) is None


def test_ties_go_to_the_first_territory():
    assert match_territory("c", {"94": ("Corse", "94"), "d.19": ("Corrèze", "19")}) == "94"
