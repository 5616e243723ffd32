"""Carte: indicator, level, period and per-capita switch; map, source line and table twin."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from babel.numbers import format_decimal

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
    assert len(map_locations(figures(at)[0])) == 105  # 101 departments and the enlarged copies of 75, 92, 93, 94


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


def shown_cells(element) -> pd.DataFrame:
    """The cells as the reader sees them (the Styler's display values sent beside the data)."""
    return pa.ipc.open_stream(element.proto.arrow_data.styler.display_values).read_pandas()


@pytest.mark.parametrize(
    ("lang", "value", "rank_header", "code_header"), [("fr", "97,0", "Rang", "Code"), ("en", "97.0", "Rank", "Code")]
)
def test_table_twin_follows_the_interface_language_and_stays_numeric(open_page, lang, value, rank_header, code_header):
    at = open_page("pages/carte.py", lang=lang, indicator="ftth_coverage", period="2025-03-31")
    table = at.dataframe[0]
    data = table.value
    assert code_header in data.columns and "code" not in data.columns
    values = data.iloc[:, 2]
    assert pd.api.types.is_float_dtype(values), "the cells keep their numbers: a header click sorts numerically"
    assert pd.api.types.is_integer_dtype(data[rank_header])
    shown = shown_cells(table)
    top = data[values == values.max()].index[0]
    assert shown.iloc[top, 2] == value
    assert shown.iloc[top, data.columns.get_loc(code_header)] == data[code_header].iloc[top]


def test_large_counts_use_the_language_grouping(open_page):
    at = open_page("pages/carte.py", indicator="ftth_premises_connectable", period="2022-09-30")
    data, shown = at.dataframe[0].value, shown_cells(at.dataframe[0])
    biggest = data.iloc[:, 2].idxmax()
    assert shown.iloc[biggest, 2] == format_decimal(data.iloc[biggest, 2], format="#,##0", locale="fr_FR")
    assert "," not in shown.iloc[biggest, 2]


def test_change_between_two_dates_draws_a_diverging_map_of_the_difference(open_page):
    at = open_page("pages/carte.py", indicator="ftth_coverage")
    at.toggle(key="w.map.change").set_value(True).run()
    assert not at.exception
    start, end = at.select_slider(key="w.map.change_dates").value
    assert start < end
    fig = figures(at)[0]
    main = fig["data"][0]
    assert main["zmid"] == 0, "a change is drawn on a scale centred on no change"
    assert fig["data"][0]["colorbar"]["title"]["text"] == "points"
    assert any("Évolution de" in h.value for h in at.subheader)
