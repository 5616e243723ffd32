"""Fiche région: prompt without a region; tables per pillar, strategies and a department map for one."""

from __future__ import annotations

import pytest

from i18n import text
from loaders import load_dataset
from loaders.catalogue import PILLARS
from tests.pages.conftest import array, figures, map_locations, type_into

PAGE = "pages/fiche-region.py"


def departments_of(region: str) -> set[str]:
    terr = load_dataset().territories
    return set(terr.loc[(terr["level"] == "department") & (terr["parent_code"] == region), "code"])


def test_without_a_region_the_page_asks_for_one(open_page):
    at = open_page(PAGE)
    assert not at.exception
    assert at.selectbox(key="w.profile.region").value == ""
    assert any(i.value == text("profile.choose", "fr") for i in at.info)
    assert not at.dataframe and not figures(at)


def test_region_from_the_link_shows_its_tables_strategies_and_departments(open_page):
    at = open_page(PAGE, region="84")
    assert not at.exception
    assert at.selectbox(key="w.profile.region").value == "84"
    assert at.header[0].value == "Auvergne-Rhône-Alpes"
    assert len(at.dataframe) == len(PILLARS) + 2, "one table per pillar, then the map and ranking table twins"
    first = at.dataframe[0].value
    assert first.iloc[0]["Indicateur"] == "Couverture en fibre (FttH)"
    assert first.iloc[0]["Rang"].endswith("sur 18")
    assert len(at.metric) == 6 + 5, "six headline figures, then the index: three pillars, index, gap"
    assert any("Campus numérique régional" in m.value for m in at.markdown)
    fig = figures(at)[0]
    assert set(map_locations(fig)) == departments_of("84")


def test_changing_the_region_changes_tables_and_map(open_page):
    at = open_page(PAGE, region="84")
    before = at.dataframe[0].value
    at.selectbox(key="w.profile.region").select("53").run()
    assert not at.exception
    assert not at.dataframe[0].value.equals(before)
    assert set(map_locations(figures(at)[0])) == departments_of("53")
    assert any(i.value == text("profile.strategies_none", "fr") for i in at.info), "Bretagne is not in the article"


def test_changing_the_department_indicator_changes_the_map(open_page):
    at = open_page(PAGE, region="28")
    before = array(figures(at)[0]["data"][0]["z"])
    at.selectbox(key="w.profile.indicator").select("gigabit_eligibility").run()
    assert not at.exception
    fig = figures(at)[0]
    assert array(fig["data"][0]["z"]) != before
    ds = load_dataset()
    expected = ds.facts.query("indicator == 'gigabit_eligibility' and level == 'department'").set_index("code")
    for code, value in zip(fig["data"][0]["locations"], array(fig["data"][0]["z"]), strict=True):
        assert value == expected.loc[code, "value"]


def test_mayotte_renders_with_missing_values_shown_as_missing(open_page):
    at = open_page(PAGE, region="06")
    assert not at.exception
    usage = at.dataframe[1].value.set_index("Indicateur")
    assert usage.loc["Ménages ayant accès à internet", "Valeur"] == "pas de donnée"


def test_english_profile(open_page):
    at = open_page(PAGE, region="93", lang="en")
    assert not at.exception
    table = at.dataframe[0].value
    assert {"Indicator", "Rank", "Gap to France", "Trend"} <= set(table.columns)
    assert table.iloc[0]["Rank"].endswith("of 18")


def test_single_department_region_has_no_redundant_drill_down(open_page):
    at = open_page(PAGE, region="01")
    assert not at.exception
    assert any(i.value == text("profile.single_department", "fr") for i in at.info)
    assert not figures(at)


def test_the_region_picker_shows_name_and_code_of_regions_and_departements(open_page):
    at = open_page(PAGE, region="53")
    picker = at.selectbox(key="w.profile.region")
    assert "Bretagne (53)" in picker.options and "Finistère (29)" in picker.options
    assert "Île-de-France (11)" in picker.options and "Aude (11)" in picker.options, "one code, two territories"


@pytest.mark.parametrize(
    ("typed", "region", "shown"),
    [
        ("ile de france", "11", "Île-de-France (11)"),  # accents and hyphens optional
        ("BRETAGNE", "53", "Bretagne (53)"),
        ("84", "84", "Auvergne-Rhône-Alpes (84)"),  # a code: the region before Vaucluse
        ("correze", "75", "Corrèze (19)"),  # a département: its region's profile, the département stays shown
        ("2a", "94", "Corse-du-Sud (2A)"),
    ],
)
def test_the_region_picker_finds_a_typed_name_or_code(open_page, typed, region, shown):
    at = open_page(PAGE)
    type_into(at.selectbox(key="w.profile.region"), typed).run()
    assert not at.exception
    assert at.session_state["view"].regions[0] == region
    picker = at.selectbox(key="w.profile.region")
    assert picker.options[picker.index] == shown
    terr = load_dataset().territories
    assert at.header[0].value == terr.loc[(terr["level"] == "region") & (terr["code"] == region), "name"].item()


def test_a_typed_text_that_names_nothing_is_reported_and_changes_nothing(open_page):
    at = open_page(PAGE, region="53")
    type_into(at.selectbox(key="w.profile.region"), "atlantide").run()
    assert not at.exception
    assert at.session_state["view"].regions == ("53",)
    assert any(text("common.territory_not_found", "fr", query="atlantide") == w.value for w in at.warning)
