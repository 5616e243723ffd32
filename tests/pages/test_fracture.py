"""Infrastructures et usages: pickers, scatter, level rule, highlighted region, hostile states (synthetic data).

The synthetic snapshot has two infrastructure indicators (`fibre_rate_later` has no value for Bretagne and yearly
periods the fibre series lacks), a usage indicator published for regions only, and an ecosystem indicator without a
France value and with polarity -1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from babel.dates import format_date

from loaders.catalogue import Pillar, Role
from tests.pages.conftest import (
    SYNTHETIC_INDICATORS,
    array,
    fact_periods,
    fact_values,
    figures,
    latest_period,
    role_holder,
    territory_names,
)
from tests.synthetic import DEPARTMENT, REGION, TERRITORIES

PAGE = "pages/infrastructures-usages.py"
X, Y = role_holder(Role.SCATTER_X), role_holder(Role.SCATTER_Y)
LATER = "fibre_rate_later"  # the other infrastructure indicator
NAMES = territory_names(REGION)
PARENT = {code: parent for level, code, _, parent, *_ in TERRITORIES if level == DEPARTMENT}


def point_traces(fig: dict) -> list[dict]:
    return [t for t in fig["data"] if t.get("mode") == "markers+text"]


def codes(fig: dict) -> list[str]:
    return [c[0] for t in point_traces(fig) for c in t["customdata"]]


def label(period: str, locale: str) -> str:
    """A dated period as the reader sees it ('31 déc. 2021', '31 Dec 2021')."""
    return format_date(dt.date.fromisoformat(period), format="medium", locale=locale)


def test_fracture_renders_with_its_widgets(open_synthetic, synthetic_facts):
    at = open_synthetic(PAGE)
    assert not at.exception
    for key in ("w.fracture.x", "w.fracture.y", "w.fracture.x_period", "w.fracture.y_period", "w.fracture.region"):
        assert at.selectbox(key=key), key
    assert at.selectbox(key="w.fracture.x").value == X
    assert at.selectbox(key="w.fracture.x_period").value == latest_period(synthetic_facts, X), "latest by default"
    figs = figures(at)
    assert len(figs) == 1
    both = sorted(set(fact_values(synthetic_facts, X).index) & set(fact_values(synthetic_facts, Y).index))
    assert sorted(codes(figs[0])) == both
    assert any(f"{len(both)} régions sur {len(NAMES)}" in c.value for c in at.caption), "how many are shown"


def test_x_indicator_only_offers_infrastructure_and_changes_the_figure(open_synthetic, synthetic_facts):
    at = open_synthetic(PAGE)
    infrastructure = {i.label["fr"] for i in SYNTHETIC_INDICATORS.values() if i.pillar == Pillar.INFRASTRUCTURE}
    options = at.selectbox(key="w.fracture.x").options
    assert SYNTHETIC_INDICATORS[X].label["fr"] in options and SYNTHETIC_INDICATORS[LATER].label["fr"] in options
    assert set(options) <= infrastructure
    before = figures(at)[0]
    at.selectbox(key="w.fracture.x").select(LATER).run()
    assert not at.exception
    after = figures(at)[0]
    assert after != before
    expected = fact_values(synthetic_facts, LATER)
    trace = point_traces(after)[0]
    drawn = {custom[0]: value for custom, value in zip(trace["customdata"], array(trace["x"]), strict=True)}
    assert drawn == expected[expected.index.isin(fact_values(synthetic_facts, Y).index)].to_dict()
    assert SYNTHETIC_INDICATORS[LATER].label["fr"] in after["layout"]["xaxis"]["title"]["text"]


def test_changing_the_y_period_changes_the_axis_and_values(open_synthetic, synthetic_facts):
    at = open_synthetic(PAGE)
    first = fact_periods(synthetic_facts, Y)[0]
    before = figures(at)[0]
    at.selectbox(key="w.fracture.y_period").select(first).run()
    assert not at.exception
    after = figures(at)[0]
    assert first in after["layout"]["yaxis"]["title"]["text"]
    assert array(point_traces(after)[0]["y"]) != array(point_traces(before)[0]["y"])
    trace = point_traces(after)[0]
    drawn = {custom[0]: value for custom, value in zip(trace["customdata"], array(trace["y"]), strict=True)}
    assert drawn == fact_values(synthetic_facts, Y, period=first).to_dict()


def test_department_level_only_when_both_indicators_have_departments(open_synthetic, synthetic_facts):
    assert not fact_periods(synthetic_facts, Y, DEPARTMENT), "precondition: the default y is published for regions only"
    at = open_synthetic(PAGE)
    assert "w.fracture.level" not in [r.key for r in at.radio]
    assert any("n'est publié qu'à cet échelon" in c.value for c in at.caption)
    at.selectbox(key="w.fracture.y").select("acts_per_1000").run()
    level = at.radio(key="w.fracture.level")
    assert level.options == ["Régions", "Départements"]
    level.set_value(DEPARTMENT).run()
    assert not at.exception
    fig = figures(at)[0]
    x, y = fact_values(synthetic_facts, X, DEPARTMENT), fact_values(synthetic_facts, "acts_per_1000", DEPARTMENT)
    assert sorted(codes(fig)) == sorted(set(x.index) & set(y.index))
    assert any(f"sur {len(PARENT)}" in c.value for c in at.caption)


def test_selected_region_is_highlighted_and_its_departments_at_department_level(open_synthetic):
    at = open_synthetic(PAGE, region="53", indicator="acts_per_1000")
    traces = point_traces(figures(at)[0])
    assert [c[0] for c in traces[-1]["customdata"]] == ["53"]
    at.radio(key="w.fracture.level").set_value(DEPARTMENT).run()
    traces = point_traces(figures(at)[0])
    assert sorted(c[0] for c in traces[-1]["customdata"]) == sorted(d for d, up in PARENT.items() if up == "53")


def test_choosing_a_region_in_the_picker_moves_the_highlight(open_synthetic):
    at = open_synthetic(PAGE)
    assert len(point_traces(figures(at)[0])) == 1, "no region chosen: no highlight"
    at.selectbox(key="w.fracture.region").select("94").run()
    assert not at.exception
    assert [c[0] for c in point_traces(figures(at)[0])[-1]["customdata"]] == ["94"]


def test_missing_france_value_falls_back_to_the_median_and_says_so(open_synthetic, synthetic_facts):
    at = open_synthetic(PAGE)
    assert not any("médiane des territoires affichés" in c.value for c in at.caption), "France known: no median"
    without_france = "fragility_index"
    assert synthetic_facts.query("indicator == @without_france and level == 'nuts0'").empty, "precondition"
    at.selectbox(key="w.fracture.y").select(without_france).run()
    assert not at.exception
    assert any("médiane des territoires affichés" in c.value for c in at.caption)
    texts = [a["text"] for a in figures(at)[0]["layout"]["annotations"]]
    assert any(t.startswith("Médiane") for t in texts)


def test_polarity_minus_one_is_explained(open_synthetic):
    lower_better = next(
        i.id for i in SYNTHETIC_INDICATORS.values() if i.polarity < 0 and i.pillar != Pillar.INFRASTRUCTURE
    )
    at = open_synthetic(PAGE)
    assert not any("une valeur plus basse est meilleure" in c.value for c in at.caption)
    at.selectbox(key="w.fracture.y").select(lower_better).run()
    assert not at.exception
    assert any("une valeur plus basse est meilleure" in c.value for c in at.caption)


def test_hostile_link_shows_no_exception(open_synthetic):
    at = open_synthetic(PAGE, region="zz,<b>", level="commune", period="1999", indicator="population")
    assert not at.exception
    assert figures(at), "the scatter is still drawn"


def test_english_page(open_synthetic):
    at = open_synthetic(PAGE, lang="en")
    assert at.title[0].value == "Infrastructure vs usage"
    assert "Linear trend" in " ".join(t.get("name", "") for t in figures(at)[0]["data"])


def test_choices_survive_a_trip_to_another_page(open_synthetic, synthetic_facts):
    first_y = fact_periods(synthetic_facts, Y)[0]
    assert latest_period(synthetic_facts, X) not in fact_periods(synthetic_facts, LATER), "precondition"
    at = open_synthetic(PAGE)
    at.selectbox(key="w.fracture.x").select(LATER).run()
    at.selectbox(key="w.fracture.y_period").select(first_y).run()
    at.switch_page("pages/carte.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.selectbox(key="w.fracture.x").value == LATER
    latest = latest_period(synthetic_facts, LATER)
    assert at.selectbox(key="w.fracture.x_period").value == latest, "a period the new indicator lacks resets"
    assert at.selectbox(key="w.fracture.y_period").value == first_y


def test_a_selected_region_without_data_is_said_missing(open_synthetic, synthetic_facts):
    assert "53" not in set(synthetic_facts.query("indicator == @LATER")["code"]), "precondition: no value for 53"
    at = open_synthetic(PAGE, region="53", indicator=LATER)
    assert not at.exception
    assert len(point_traces(figures(at)[0])) == 1, "Bretagne has no value: nothing to highlight"
    assert any(f"{NAMES['53']} n'a pas de valeur" in c.value for c in at.caption)


def switch_language(at, lang: str) -> None:
    """What the sidebar's language radio does (its callback sets the view's language), then a rerun.

    After switch_page, AppTest leaves out the elements app.py draws around the page (the sidebar), so
    the radio cannot be clicked here; the page code under test sees the same state as after a click.
    """
    at.session_state["view"] = replace(at.session_state["view"], lang=lang)
    at.run()
    assert not at.exception


def test_switching_language_sends_the_new_labels_and_keeps_the_choices(open_synthetic, synthetic_facts):
    y = "acts_per_1000"  # dated periods: their labels differ between the languages
    x_period, y_period = fact_periods(synthetic_facts, X)[0], fact_periods(synthetic_facts, y)[0]
    at = open_synthetic(PAGE)
    at.selectbox(key="w.fracture.y").select(y).run()
    at.selectbox(key="w.fracture.y_period").select(y_period).run()
    at.selectbox(key="w.fracture.x_period").select(x_period).run()
    switch_language(at, "en")
    expected = {
        "w.fracture.x": (X, SYNTHETIC_INDICATORS[X].label["en"]),
        "w.fracture.y": (y, SYNTHETIC_INDICATORS[y].label["en"]),
        "w.fracture.x_period": (x_period, label(x_period, "en_GB")),
        "w.fracture.y_period": (y_period, label(y_period, "en_GB")),
    }
    for key, (value, shown) in expected.items():
        box = at.selectbox(key=key)
        assert box.value == value, f"{key}: the choice survives the switch"
        # The browser keeps showing the label it last displayed unless the server sends the value again.
        assert box.proto.set_value and box.proto.raw_value == shown, key
    assert at.subheader[0].value.endswith(SYNTHETIC_INDICATORS[X].label["en"])


def test_x_axis_choices_live_in_the_view_so_links_restore_them(open_synthetic, synthetic_facts):
    first = fact_periods(synthetic_facts, X)[0]
    at = open_synthetic(PAGE)
    at.selectbox(key="w.fracture.x_period").select(first).run()
    at.selectbox(key="w.fracture.x").select(LATER).run()
    view = at.session_state["view"]
    assert view.indicator == LATER
    assert view.period == at.selectbox(key="w.fracture.x_period").value
    at = open_synthetic(PAGE, indicator=X, period=first)
    assert at.selectbox(key="w.fracture.x").value == X
    assert at.selectbox(key="w.fracture.x_period").value == first
    assert label(first, "fr_FR") in figures(at)[0]["layout"]["xaxis"]["title"]["text"]


def test_a_usage_indicator_in_the_view_goes_on_y_and_is_not_overwritten(open_synthetic):
    other = "helpers_per_100k"  # a y option that is not the default y
    assert other != Y
    at = open_synthetic(PAGE, indicator=other)
    assert at.selectbox(key="w.fracture.x").value == X
    assert at.selectbox(key="w.fracture.y").value == other
    assert at.session_state["view"].indicator == other, "a visit alone changes nothing"
