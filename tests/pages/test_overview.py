"""Vue d'ensemble: headline figures, map and ranking of the 18 regions."""

from __future__ import annotations

from loaders import load_dataset
from tests.pages.conftest import array, figures


def test_overview_renders_gap_map_then_map_and_ranking(open_page):
    at = open_page()
    assert not at.exception
    figs = figures(at)
    assert len(figs) == 3, "gap map, indicator map and ranking"
    gap_fig, map_fig, ranking_fig = figs
    assert gap_fig["data"][0]["zmid"] == 0, "a diverging scale centred on France's gap"
    located = [loc for trace in map_fig["data"] if trace["type"] == "choropleth" for loc in trace["locations"]]
    assert sorted(located) == sorted(load_dataset().territories.query("level == 'region'")["code"])
    assert len(ranking_fig["data"][0]["y"]) == 18
    assert at.metric, "headline figures for France"


def test_changing_the_indicator_changes_the_map(open_page):
    at = open_page()
    before = array(figures(at)[1]["data"][0]["z"])
    at.selectbox(key="w.overview.indicator").select("gigabit_eligibility").run()
    assert not at.exception
    after = figures(at)[1]
    assert array(after["data"][0]["z"]) != before
    ds = load_dataset()
    expected = ds.facts.query("indicator == 'gigabit_eligibility' and level == 'region'").set_index("code")["value"]
    trace = after["data"][0]
    for code, value in zip(trace["locations"], array(trace["z"]), strict=True):
        assert value == expected[code]


def test_english_link_translates_the_page(open_page):
    at = open_page(lang="en")
    assert at.title[0].value == "Digital atlas of French regions"


def test_hostile_indicator_in_the_link_shows_a_notice(open_page):
    at = open_page(indicator="<script>alert(1)</script>")
    assert not at.exception
    assert at.warning, "a visible notice"
    assert "<script>" not in at.warning[0].value


def test_a_failing_chart_shows_a_short_message_and_the_page_goes_on(open_page, monkeypatch):
    import charts.ranking

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(charts.ranking, "ranking", broken)
    at = open_page()
    assert not at.exception
    assert any("RuntimeError" in w.value for w in at.warning), "a short message in place of the chart"
    assert len(figures(at)) == 2, "the maps are still drawn"
    assert "simulated failure" not in " ".join(w.value for w in at.warning), "no internals on screen"


def test_the_question_is_answered_with_a_count_computed_from_the_index(open_page):
    from analysis.index import composite

    at = open_page()
    table = composite(load_dataset())
    lagging = int((table["gap_france"] > 0).sum())
    known = int(table["gap_france"].notna().sum())
    answer = " ".join(m.value for m in at.markdown)
    assert f"{lagging} régions sur {known}" in answer
    assert [m.label for m in at.metric][:1] == ["Couverture en fibre (FttH)"]
