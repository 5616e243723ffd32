"""Carte: indicator, level, period and per-capita switch; map, source line and table twin."""

from __future__ import annotations

from loaders import load_dataset
from tests.pages.conftest import array, figures, map_locations


def test_map_page_renders_with_its_widgets(open_page):
    at = open_page("pages/carte.py")
    assert not at.exception
    assert at.selectbox(key="w.map.indicator")
    assert at.radio(key="w.map.level")
    assert at.select_slider(key="w.map.period")
    assert len(map_locations(figures(at)[0])) == 18
    assert any("Source" in c.value for c in at.caption)


def test_department_level_draws_101_departments(open_page):
    at = open_page("pages/carte.py")
    at.radio(key="w.map.level").set_value("department").run()
    assert not at.exception
    assert len(map_locations(figures(at)[0])) == 101


def test_period_slider_changes_values(open_page):
    at = open_page("pages/carte.py")
    latest = array(figures(at)[0]["data"][0]["z"])
    at.select_slider(key="w.map.period").set_value("2017-12-31").run()
    assert array(figures(at)[0]["data"][0]["z"]) != latest


def test_link_restores_indicator_and_level(open_page):
    at = open_page("pages/carte.py", indicator="gigabit_eligibility", level="department")
    assert at.selectbox(key="w.map.indicator").value == "gigabit_eligibility"
    assert at.radio(key="w.map.level").value == "department"


def test_per_capita_switch_toggles_the_count_twin(open_page):
    at = open_page("pages/carte.py", indicator="france_services_per_100k")
    at.toggle(key="w.map.per_capita").set_value(False).run()
    assert not at.exception
    assert at.selectbox(key="w.map.indicator").value == "france_services_count"


def test_missing_values_are_drawn_as_missing_not_zero(open_page):
    at = open_page("pages/carte.py", indicator="mobile_sites_per_100k")
    traces = [t for t in figures(at)[0]["data"] if t["type"] == "choropleth"]
    assert len(traces) == 2, "a grey 'no data' trace for the overseas regions"
    assert set(traces[1]["locations"]) == {"01", "02", "03", "04", "06"}
    assert "01" not in traces[0]["locations"]


def test_unknown_period_in_the_link_is_reported_and_replaced(open_page):
    at = open_page(period="1900")
    assert not at.exception
    assert any("period" in w.value for w in at.warning), "the first page drawn reports it"
    at.switch_page("pages/carte.py").run()
    latest = load_dataset().facts.query("indicator == 'ftth_coverage' and level == 'region'")["period"].max()
    assert at.select_slider(key="w.map.period").value == latest
    assert at.query_params.get("period") != ["1900"]
