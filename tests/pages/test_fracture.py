"""Infrastructures et usages: pickers, scatter, level rule, highlighted region, hostile states."""

from __future__ import annotations

from dataclasses import replace

from loaders import load_dataset
from tests.pages.conftest import array, figures

PAGE = "pages/infrastructures-usages.py"


def point_traces(fig: dict) -> list[dict]:
    return [t for t in fig["data"] if t.get("mode") == "markers+text"]


def codes(fig: dict) -> list[str]:
    return [c[0] for t in point_traces(fig) for c in t["customdata"]]


def test_fracture_renders_with_its_widgets(open_page):
    at = open_page(PAGE)
    assert not at.exception
    for key in ("w.fracture.x", "w.fracture.y", "w.fracture.x_period", "w.fracture.y_period", "w.fracture.region"):
        assert at.selectbox(key=key), key
    assert at.selectbox(key="w.fracture.x").value == "ftth_coverage"
    latest = load_dataset().facts.query("indicator == 'ftth_coverage' and level == 'region'")["period"].max()
    assert at.selectbox(key="w.fracture.x_period").value == latest, "latest period by default"
    figs = figures(at)
    assert len(figs) == 1
    ds = load_dataset()
    regional = ds.facts[ds.facts["level"] == "region"]
    x = regional.query("indicator == 'ftth_coverage' and period == '2022-09-30'")["code"]
    y = regional.query("indicator == 'internet_weekly_use' and period == '2022'")["code"]
    assert sorted(codes(figs[0])) == sorted(set(x) & set(y))
    assert any("sur 18" in c.value for c in at.caption), "says how many territories are shown"


def test_x_indicator_only_offers_infrastructure_and_changes_the_figure(open_page):
    at = open_page(PAGE)
    ds = load_dataset()
    infrastructure = {i.label["fr"] for i in ds.indicators.values() if i.pillar == "infrastructure"}
    options = at.selectbox(key="w.fracture.x").options
    assert "Couverture en fibre (FttH)" in options
    assert set(options) <= infrastructure
    before = figures(at)[0]
    at.selectbox(key="w.fracture.x").select("gigabit_eligibility").run()
    assert not at.exception
    after = figures(at)[0]
    assert after != before
    expected = ds.facts.query("indicator == 'gigabit_eligibility' and level == 'region'").set_index("code")["value"]
    trace = point_traces(after)[0]
    for custom, value in zip(trace["customdata"], array(trace["x"]), strict=True):
        assert value == expected[custom[0]]
    assert "Locaux éligibles à 1 Gbit/s" in after["layout"]["xaxis"]["title"]["text"]


def test_changing_the_y_period_changes_the_axis_and_values(open_page):
    at = open_page(PAGE)
    before = figures(at)[0]
    at.selectbox(key="w.fracture.y_period").select("2019").run()
    assert not at.exception
    after = figures(at)[0]
    assert "2019" in after["layout"]["yaxis"]["title"]["text"]
    assert array(point_traces(after)[0]["y"]) != array(point_traces(before)[0]["y"])


def test_department_level_only_when_both_indicators_have_departments(open_page):
    at = open_page(PAGE)
    assert "w.fracture.level" not in [r.key for r in at.radio], "internet use is published for regions only"
    assert any("n'est publié qu'à cet échelon" in c.value for c in at.caption)
    at.selectbox(key="w.fracture.y").select("francenum_diagnostics_per_100k").run()
    level = at.radio(key="w.fracture.level")
    assert level.options == ["Régions", "Départements"]
    level.set_value("department").run()
    assert not at.exception
    fig = figures(at)[0]
    assert len(codes(fig)) > 90
    assert any("sur 101" in c.value for c in at.caption)


def test_selected_region_is_highlighted_and_its_departments_at_department_level(open_page):
    at = open_page(PAGE, region="53", indicator="francenum_diagnostics_per_100k")
    traces = point_traces(figures(at)[0])
    assert [c[0] for c in traces[-1]["customdata"]] == ["53"]
    at.radio(key="w.fracture.level").set_value("department").run()
    traces = point_traces(figures(at)[0])
    assert sorted(c[0] for c in traces[-1]["customdata"]) == ["22", "29", "35", "56"]


def test_choosing_a_region_in_the_picker_moves_the_highlight(open_page):
    at = open_page(PAGE)
    assert len(point_traces(figures(at)[0])) == 1, "no region chosen: no highlight"
    at.selectbox(key="w.fracture.region").select("76").run()
    assert not at.exception
    assert [c[0] for c in point_traces(figures(at)[0])[-1]["customdata"]] == ["76"]


def test_missing_france_value_falls_back_to_the_median_and_says_so(open_page):
    at = open_page(PAGE)
    assert any("médiane des territoires affichés" in c.value for c in at.caption)
    texts = [a["text"] for a in figures(at)[0]["layout"]["annotations"]]
    assert any(t.startswith("Médiane") for t in texts)


def test_polarity_minus_one_is_explained(open_page):
    at = open_page(PAGE)
    at.selectbox(key="w.fracture.y").select("digital_fragility_index").run()
    assert not at.exception
    assert any("une valeur plus basse est meilleure" in c.value for c in at.caption)


def test_hostile_link_shows_no_exception(open_page):
    at = open_page(PAGE, region="zz,<b>", level="commune", period="1999", indicator="population")
    assert not at.exception
    assert figures(at), "the scatter is still drawn"


def test_english_page(open_page):
    at = open_page(PAGE, lang="en")
    assert at.title[0].value == "Infrastructure vs usage"
    assert "Linear trend" in " ".join(t.get("name", "") for t in figures(at)[0]["data"])


def test_choices_survive_a_trip_to_another_page(open_page):
    at = open_page(PAGE)
    at.selectbox(key="w.fracture.x").select("gigabit_eligibility").run()
    at.selectbox(key="w.fracture.y_period").select("2019").run()
    at.switch_page("pages/carte.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.selectbox(key="w.fracture.x").value == "gigabit_eligibility"
    assert at.selectbox(key="w.fracture.x_period").value == "2022-12-31", "a period the new indicator lacks resets"
    assert at.selectbox(key="w.fracture.y_period").value == "2019"


def test_a_selected_region_without_data_is_said_missing(open_page):
    at = open_page(PAGE, region="53", indicator="illectronism_rate")
    assert not at.exception
    assert len(point_traces(figures(at)[0])) == 1, "Brittany has no illectronism rate: nothing to highlight"
    assert any("Bretagne n'a pas de valeur" in c.value for c in at.caption)


def switch_language(at, lang: str) -> None:
    """What the sidebar's language radio does (its callback sets the view's language), then a rerun.

    After switch_page, AppTest leaves out the elements app.py draws around the page (the sidebar), so
    the radio cannot be clicked here; the page code under test sees the same state as after a click.
    """
    at.session_state["view"] = replace(at.session_state["view"], lang=lang)
    at.run()
    assert not at.exception


def test_switching_language_sends_the_new_labels_and_keeps_the_choices(open_page):
    at = open_page(PAGE)
    at.selectbox(key="w.fracture.y").select("online_purchase").run()
    at.selectbox(key="w.fracture.y_period").select("2019").run()
    at.selectbox(key="w.fracture.x_period").select("2021-12-31").run()
    switch_language(at, "en")
    ds = load_dataset()
    expected = {
        "w.fracture.x": ("ftth_coverage", ds.indicator("ftth_coverage").label["en"]),
        "w.fracture.y": ("online_purchase", ds.indicator("online_purchase").label["en"]),
        "w.fracture.x_period": ("2021-12-31", "31 Dec 2021"),
        "w.fracture.y_period": ("2019", "2019"),
    }
    for key, (value, label) in expected.items():
        box = at.selectbox(key=key)
        assert box.value == value, f"{key}: the choice survives the switch"
        # The browser keeps showing the label it last displayed unless the server sends the value again.
        assert box.proto.set_value and box.proto.raw_value == label, key
    assert at.subheader[0].value.endswith(ds.indicator("ftth_coverage").label["en"])


def test_x_axis_choices_live_in_the_view_so_links_restore_them(open_page):
    at = open_page(PAGE)
    at.selectbox(key="w.fracture.x_period").select("2021-12-31").run()
    at.selectbox(key="w.fracture.x").select("thd100_eligibility").run()
    view = at.session_state["view"]
    assert view.indicator == "thd100_eligibility"
    assert view.period == at.selectbox(key="w.fracture.x_period").value
    at = open_page(PAGE, indicator="ftth_coverage", period="2021-12-31")
    assert at.selectbox(key="w.fracture.x").value == "ftth_coverage"
    assert at.selectbox(key="w.fracture.x_period").value == "2021-12-31"
    assert "31 déc. 2021" in figures(at)[0]["layout"]["xaxis"]["title"]["text"]


def test_a_usage_indicator_in_the_view_goes_on_y_and_is_not_overwritten(open_page):
    at = open_page(PAGE, indicator="online_purchase")
    assert at.selectbox(key="w.fracture.x").value == "ftth_coverage"
    assert at.selectbox(key="w.fracture.y").value == "online_purchase"
    assert at.session_state["view"].indicator == "online_purchase", "a visit alone changes nothing"
