"""Europe: indicator, year and French NUTS 2 region; map, distribution and series with their tables; links."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP, array, figures, map_locations, type_into
from ui.figure import PRESENTER_HEIGHT

PAGE = "pages/europe.py"


def test_europe_page_renders_map_distribution_and_series(open_page):
    at = open_page(PAGE)
    assert not at.exception
    assert at.selectbox(key="w.europe.indicator").value == "internet_weekly_use"
    assert at.select_slider(key="w.europe.period").value == "2022"
    europe, strip, trend = figures(at)
    assert len(map_locations(europe)) > 150, "NUTS 2 units, and countries without data as one shape"
    assert "EuroGeographics" in europe["layout"]["annotations"][0]["text"]
    assert strip["data"][1]["name"] == "Régions françaises (NUTS 2)"
    assert [t["name"] for t in trend["data"]][:2] == [
        "Seuil du décile supérieur des régions",
        "Médiane européenne des régions (non pondérée)",
    ]
    assert any("non pondérée" in c.value for c in at.caption)
    assert any("NUTS 2 françaises sont les régions d'avant 2016" in c.value for c in at.caption)


def test_table_of_the_map_lists_codes_without_boundary(open_page):
    at = open_page(PAGE)
    table = at.dataframe[0].value
    unmapped = table[table["Sur la carte"] != "oui"]
    assert {"ES70", "FRY1", "PT20", "PT30"} <= set(unmapped["code"])
    assert not set(unmapped["code"]) & set(map_locations(figures(at)[0]))


def test_french_ranks_table_holds_every_french_region_with_a_value(open_page):
    at = open_page(PAGE)
    ranks = at.dataframe[1].value
    assert "FRC1" in set(ranks["code"]) and "Percentile" in ranks.columns
    assert ranks["Rang"].is_monotonic_increasing


def test_link_restores_indicator_year_and_nuts_region(open_page):
    at = open_page(PAGE, indicator="internet_daily_use", period="2019", region="FRK2")
    assert at.selectbox(key="w.europe.indicator").value == "internet_daily_use"
    assert at.select_slider(key="w.europe.period").value == "2019"
    assert at.selectbox(key="w.europe.region").value == "FRK2"
    assert any("NUTS 1" in a["text"] and "DE" in a["text"] for a in figures(at)[0]["layout"]["annotations"])


def test_bad_link_values_are_reported_escaped_and_replaced():
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in {"indicator": "<script>", "period": "1900", "region": "ZZ99"}.items():
        at.query_params[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "indicator" in warnings and "region" in warnings and "period" in warnings
    assert "<script>" not in warnings and "?script?" in warnings
    assert at.select_slider(key="w.europe.period").value == "2022"
    assert at.selectbox(key="w.europe.indicator").value == "internet_weekly_use"


def test_household_access_after_2022_is_said_not_mapped(open_page):
    at = open_page(PAGE, indicator="household_internet_access")
    assert at.select_slider(key="w.europe.period").value == "2022"
    assert any("2023-2025" in i.value for i in at.info)
    trend = figures(at)[2]
    region = next(t for t in trend["data"] if t["name"] == "Île-de-France")
    assert max(array(region["x"])) == 2025


def test_choosing_a_region_redraws_the_series(open_page):
    at = open_page(PAGE)
    at.selectbox(key="w.europe.region").set_value("FRC2").run()
    assert not at.exception
    names = [t["name"] for t in figures(at)[2]["data"]]
    assert "Franche-Comté (Bourgogne-Franche-Comté)" in names


def test_english_and_presenter_mode(open_page):
    at = open_page(PAGE, lang="en", present="1")
    assert not at.exception
    assert at.title[0].value == "Europe"
    assert figures(at)[0]["layout"]["height"] == PRESENTER_HEIGHT, "sized to fit a 1080 px screen"


def test_the_nuts_region_is_found_by_its_code_or_its_name_without_accents(open_page):
    at = open_page("pages/europe.py")
    picker = at.selectbox(key="w.europe.region")
    assert all(label.endswith(")") and "(FR" in label for label in picker.options), "shown 'Name (code)'"
    type_into(at.selectbox(key="w.europe.region"), "frc1").run()
    assert at.session_state["view"].nuts == "FRC1"
    type_into(at.selectbox(key="w.europe.region"), "rhone alpes").run()
    assert not at.exception
    assert at.session_state["view"].nuts == "FRK2"
