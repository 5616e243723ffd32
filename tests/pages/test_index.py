"""Indice page: weights and indicator switches bound to the link, ranking, sensitivity, gap map and bars."""

from __future__ import annotations

from analysis.index import composite
from loaders import load_dataset
from tests.pages.conftest import array, figures

PAGE = "pages/indice.py"


def ranking_names(at) -> list[str]:
    return list(figures(at)[0]["data"][0]["y"])


def test_index_page_renders_its_charts(open_page):
    at = open_page(PAGE)
    assert not at.exception
    figs = figures(at)
    assert len(figs) == 5, "ranking, sensitivity, gap map, gap bars, gap over time"
    table = composite(load_dataset()).dropna(subset=["index"])
    assert len(ranking_names(at)) == len(table)
    names = load_dataset().territories.query("level == 'region'").set_index("code")["name"]
    best = names[table.sort_values("index")["code"].iloc[-1]]
    assert ranking_names(at)[-1] == best, "highest index drawn on top"
    assert at.info, "says there is no skills indicator"


def test_a_weight_change_reorders_and_goes_in_the_link(open_page):
    at = open_page(PAGE)
    before = ranking_names(at)
    at.slider(key="w.index.weight.usage").set_value(0).run()
    at.slider(key="w.index.weight.ecosystem").set_value(0).run()
    assert not at.exception
    assert at.session_state["view"].weights == (1, 0, 0), "the view, which the link mirrors (tests/ui/test_url.py)"
    ds = load_dataset()
    table = composite(ds, weights={"infrastructure": 1}).dropna(subset=["index"])
    names = ds.territories.query("level == 'region'").set_index("code")["name"]
    assert ranking_names(at) == [names[c] for c in table.sort_values("index")["code"]]
    assert ranking_names(at) != before


def test_weights_and_indicators_from_a_link(open_page):
    at = open_page(PAGE, w="0,1,0", idx="household_internet_access,ftth_coverage")
    assert not at.exception
    assert at.slider(key="w.index.weight.infrastructure").value == 0
    assert at.checkbox(key="w.index.member.household_internet_access").value is True
    assert at.checkbox(key="w.index.member.online_purchase").value is False
    values = array(figures(at)[0]["data"][0]["x"])
    ds = load_dataset()
    expected = composite(ds, weights={"usage": 1}, indicators=["household_internet_access", "ftth_coverage"])
    assert sorted(round(v, 6) for v in values) == sorted(round(v, 6) for v in expected["index"].dropna())


def test_bad_weights_in_the_link_are_reported(open_page):
    at = open_page(w="0,0,0")
    assert not at.exception
    assert any("« w »" in w.value or "w" in w.value.split() for w in at.warning), [w.value for w in at.warning]


def test_english_index_page(open_page):
    at = open_page(PAGE, lang="en")
    assert at.title[0].value == "Index"
    assert any("regions out of" in m.value for m in at.markdown)


def test_a_weighted_pillar_left_without_indicators_stops_counting(open_page):
    kept = "ftth_coverage,thd30_eligibility,aidants_trained_per_100k,conseillers_accompaniments_per_1000"
    at = open_page(PAGE, w="1,5,1", idx=kept)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("Usages" in w for w in warnings), warnings
    assert not any("Aucun territoire" in w for w in warnings), "the index is computed on the other pillars"
    table = composite(load_dataset(), weights={"infrastructure": 1, "ecosystem": 1}, indicators=kept.split(","))
    assert len(ranking_names(at)) == table["index"].notna().sum()
