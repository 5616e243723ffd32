"""Fiche région: prompt without a region; tables per pillar, strategies and a department map for one.

On the synthetic snapshot (tests/synthetic.py): Bretagne (two départements, a strategy, no value on the later fibre
series), Corse (two départements, no strategy) and Île-de-France (one département). One test stays on the committed
snapshot, because only the real COG has a région and a département sharing a code.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from i18n import text
from loaders import Dataset, load_dataset
from loaders.catalogue import PILLARS, Role
from tests.pages.conftest import array, figures, map_locations, shown_cells, type_into

PAGE = "pages/fiche-region.py"


def departments_of(ds: Dataset, region: str) -> set[str]:
    terr = ds.territories
    return set(terr.loc[(terr["level"] == "department") & (terr["parent_code"] == region), "code"])


def name_of(ds: Dataset, level: str, code: str) -> str:
    terr = ds.territories
    return terr.loc[(terr["level"] == level) & (terr["code"] == code), "name"].item()


def regional(ds: Dataset, pillar: str) -> list[str]:
    """The pillar's indicators with regional values, by id (the order of the profile's tables)."""
    return sorted(i.id for i in ds.indicators.values() if i.pillar == pillar and "region" in i.levels)


def test_without_a_region_the_page_asks_for_one(open_synthetic):
    at = open_synthetic(PAGE)
    assert not at.exception
    assert at.selectbox(key="w.profile.region").value == ""
    assert any(i.value == text("profile.choose", "fr") for i in at.info)
    assert not at.dataframe and not figures(at)


def test_region_from_the_link_shows_its_tables_strategies_and_departments(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE, region="53")
    assert not at.exception
    assert at.selectbox(key="w.profile.region").value == "53"
    assert at.header[0].value == name_of(synthetic_ds, "region", "53")
    pillars = [p for p in PILLARS if regional(synthetic_ds, p)]
    assert len(at.dataframe) == len(pillars) + 2, "one table per pillar, then the map and ranking table twins"
    first = at.dataframe[0].value
    first_indicator = synthetic_ds.indicator(regional(synthetic_ds, pillars[0])[0])
    assert first.iloc[0]["Indicateur"] == first_indicator.label["fr"]
    n = int((synthetic_ds.territories["level"] == "region").sum())
    assert shown_cells(at.dataframe[0]).iloc[0]["Rang"].endswith(f"sur {n}")
    headlines = [i for i in synthetic_ds.placed("headline") if "region" in synthetic_ds.indicator(i).levels]
    assert len(at.metric) == len(headlines) + 5, "the headline figures, then the index: three pillars, index, gap"
    strategy = synthetic_ds.strategies.query("region_code == '53'")["initiative_fr"]
    assert not strategy.empty
    assert all(any(s in m.value for m in at.markdown) for s in strategy)
    fig = figures(at)[0]
    assert set(map_locations(fig)) == departments_of(synthetic_ds, "53")


def test_changing_the_region_changes_tables_and_map(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE, region="53")
    before = at.dataframe[0].value
    at.selectbox(key="w.profile.region").select("94").run()
    assert not at.exception
    assert not at.dataframe[0].value.equals(before)
    assert set(map_locations(figures(at)[0])) == departments_of(synthetic_ds, "94")
    assert synthetic_ds.strategies.query("region_code == '94'").empty
    assert any(i.value == text("profile.strategies_none", "fr") for i in at.info), "Corse has no milestone"


def test_changing_the_department_indicator_changes_the_map(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE, region="53")
    before = array(figures(at)[0]["data"][0]["z"])
    options = at.selectbox(key="w.profile.indicator").options
    other = next(
        i.id
        for i in synthetic_ds.indicators.values()
        if i.label["fr"] in options and i.id != synthetic_ds.holder(Role.DEPARTMENT_MAP)
    )
    at.selectbox(key="w.profile.indicator").select(other).run()
    assert not at.exception
    fig = figures(at)[0]
    assert array(fig["data"][0]["z"]) != before
    facts = synthetic_ds.facts.query("indicator == @other and level == 'department' and value.notna()")
    expected = facts[facts["period"] == facts["period"].max()].set_index("code")["value"]
    assert set(fig["data"][0]["locations"]) == departments_of(synthetic_ds, "53")
    for code, value in zip(fig["data"][0]["locations"], array(fig["data"][0]["z"]), strict=True):
        assert value == expected[code], "the latest period's value"


def test_a_region_without_values_shows_them_as_missing(open_synthetic, synthetic_ds):
    facts = synthetic_ds.facts
    infra = regional(synthetic_ds, "infrastructure")
    with_values = set(facts.loc[(facts["level"] == "region") & (facts["code"] == "53"), "indicator"])
    missing = [i for i in infra if i not in with_values]
    assert missing, "the snapshot leaves Bretagne without one infrastructure series"
    at = open_synthetic(PAGE, region="53")
    assert not at.exception
    table = shown_cells(at.dataframe[0]).set_index("Indicateur")
    held = at.dataframe[0].value.set_index("Indicateur")["Valeur"]
    assert all(held[synthetic_ds.indicator(i).label["fr"]] == float("inf") for i in missing), "sorts to one end"
    for indicator in missing:
        assert table.loc[synthetic_ds.indicator(indicator).label["fr"], "Valeur"] == text("common.no_data", "fr")


def test_english_profile(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE, region="94", lang="en")
    assert not at.exception
    table = shown_cells(at.dataframe[0])
    assert {"Indicator", "Rank", "Gap to France", "Trend"} <= set(table.columns)
    n = int((synthetic_ds.territories["level"] == "region").sum())
    assert table.iloc[0]["Rank"].endswith(f"of {n}")
    assert at.dataframe[0].value["Rank"].dtype == float, "the grid sorts ranks as numbers"


def test_single_department_region_has_no_redundant_drill_down(open_synthetic, synthetic_ds):
    single = [c for c in ("11", "53", "94") if len(departments_of(synthetic_ds, c)) == 1]
    assert single, "the snapshot has a region of one département"
    at = open_synthetic(PAGE, region=single[0])
    assert not at.exception
    assert any(i.value == text("profile.single_department", "fr") for i in at.info)
    assert not figures(at)


def read(options: list[str]) -> list[str]:
    """Labels as a reader sees them (the picker writes accents decomposed)."""
    return [unicodedata.normalize("NFC", o) for o in options]


def test_the_region_picker_shows_name_and_code_of_regions_and_departements(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE, region="53")
    picker = at.selectbox(key="w.profile.region")
    terr = synthetic_ds.territories
    expected = {
        text("common.territory_option", "fr", name=n, code=c) for n, c in zip(terr["name"], terr["code"], strict=True)
    }
    assert set(read(picker.options)) == expected | {text("common.none", "fr")}, "every territory, and 'none'"
    assert "Bretagne (53)" in read(picker.options) and "Finistère (29)" in read(picker.options)


def test_the_region_picker_filters_without_accents_as_one_types(open_synthetic):
    """The browser's filter lowercases and looks for the typed letters in order: decomposed accents keep the base
    letter ('I' + circumflex), so 'ile' and 'finistere' find their territories before Enter is pressed."""
    options = open_synthetic(PAGE).selectbox(key="w.profile.region").options
    for typed, shown in (("ile", "Île-de-France (11)"), ("finistere", "Finistère (29)")):
        label = next(o for o in options if unicodedata.normalize("NFC", o) == shown).lower()
        assert re.search(".*".join(typed), label), typed


def test_a_code_shared_by_a_region_and_a_departement_lists_both_and_picks_the_region(open_page):
    """On the committed snapshot: the synthetic one has no code shared by a région and a département."""
    terr = load_dataset().territories
    regions = terr[terr["level"] == "region"].set_index("code")["name"]
    departments = terr[terr["level"] == "department"].set_index("code")["name"]
    shared = sorted(set(regions.index) & set(departments.index))
    assert shared
    at = open_page(PAGE)
    options = read(at.selectbox(key="w.profile.region").options)
    for code in shared:
        assert f"{regions[code]} ({code})" in options and f"{departments[code]} ({code})" in options, code
    type_into(at.selectbox(key="w.profile.region"), shared[0]).run()
    assert not at.exception
    assert at.session_state["view"].regions == (shared[0],)
    assert at.header[0].value == regions[shared[0]], "a code names the region before the département"


@pytest.mark.parametrize(
    ("typed", "region", "shown"),
    [
        ("ile de france", "11", "Île-de-France (11)"),  # accents and hyphens optional
        ("BRETAGNE", "53", "Bretagne (53)"),
        ("94", "94", "Corse (94)"),  # a code
        ("finistere", "53", "Finistère (29)"),  # a département: its region's profile, the département stays shown
        ("2a", "94", "Corse-du-Sud (2A)"),
    ],
)
def test_the_region_picker_finds_a_typed_name_or_code(open_synthetic, synthetic_ds, typed, region, shown):
    at = open_synthetic(PAGE)
    type_into(at.selectbox(key="w.profile.region"), typed).run()
    assert not at.exception
    assert at.session_state["view"].regions[0] == region
    picker = at.selectbox(key="w.profile.region")
    assert read([picker.options[picker.index]]) == [shown]
    assert at.header[0].value == name_of(synthetic_ds, "region", region)


def test_a_typed_text_that_names_nothing_is_reported_and_changes_nothing(open_synthetic):
    at = open_synthetic(PAGE, region="53")
    type_into(at.selectbox(key="w.profile.region"), "atlantide").run()
    assert not at.exception
    assert at.session_state["view"].regions == ("53",)
    assert any(text("common.territory_not_found", "fr", query="atlantide") == w.value for w in at.warning)
