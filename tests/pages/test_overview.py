"""Vue d'ensemble: headline figures, map and ranking of the regions (on the synthetic snapshot)."""

from __future__ import annotations

from tests.pages.conftest import array, fact_values, figures, territory_names
from tests.synthetic import REGION

NAMES = territory_names(REGION)
REGIONS = list(NAMES)


def test_overview_renders_gap_map_then_map_and_ranking(open_synthetic):
    at = open_synthetic()
    assert not at.exception
    figs = figures(at)
    assert len(figs) == 3, "gap map, indicator map and ranking"
    gap_fig, map_fig, ranking_fig = figs
    assert gap_fig["data"][0]["zmid"] == 0, "a diverging scale centred on France's gap"
    located = [loc for trace in map_fig["data"] if trace["type"] == "choropleth" for loc in trace["locations"]]
    assert sorted(located) == REGIONS
    assert len([y for y in ranking_fig["data"][0]["y"] if y != "<b>France</b>"]) == len(REGIONS)
    assert at.metric, "headline figures for France"


def test_changing_the_indicator_changes_the_map(open_synthetic, synthetic_facts):
    at = open_synthetic()
    before = array(figures(at)[1]["data"][0]["z"])
    at.selectbox(key="w.overview.indicator").select("acts_per_1000").run()
    assert not at.exception
    after = figures(at)[1]
    assert array(after["data"][0]["z"]) != before
    trace = after["data"][0]
    drawn = dict(zip(trace["locations"], array(trace["z"]), strict=True))
    assert drawn == fact_values(synthetic_facts, "acts_per_1000").to_dict(), "the latest period's values"


def test_english_link_translates_the_page(open_synthetic):
    at = open_synthetic(lang="en")
    assert at.title[0].value == "Digital atlas of French regions"


def test_hostile_indicator_in_the_link_shows_a_notice(open_synthetic):
    at = open_synthetic(indicator="<script>alert(1)</script>")
    assert not at.exception
    assert at.warning, "a visible notice"
    assert "<script>" not in at.warning[0].value


def test_a_failing_chart_shows_a_short_message_and_the_page_goes_on(open_synthetic, monkeypatch):
    import charts.ranking

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(charts.ranking, "ranking", broken)
    at = open_synthetic()
    assert not at.exception
    assert any("RuntimeError" in w.value for w in at.warning), "a short message in place of the chart"
    assert len(figures(at)) == 2, "the maps are still drawn"
    assert "simulated failure" not in " ".join(w.value for w in at.warning), "no internals on screen"


def test_the_question_is_answered_with_a_count_computed_from_the_index(open_synthetic, synthetic_ds):
    from analysis.index import composite

    at = open_synthetic()
    table = composite(synthetic_ds)
    lagging = table[table["gap_france"] > 0]
    known = int(table["gap_france"].notna().sum())
    assert 0 < len(lagging) < known, "precondition: some regions lag, some do not"
    answer = " ".join(m.value for m in at.markdown)
    assert f"{len(lagging)} régions sur {known}" in answer
    assert all(NAMES[code] in answer for code in lagging["code"])
    first = synthetic_ds.placed("overview")[0]
    assert [m.label for m in at.metric][:1] == [synthetic_ds.indicator(first).label["fr"]]
