"""Indice page: weights and indicator switches bound to the link, ranking, sensitivity, gap map and bars.

On the synthetic snapshot (tests/synthetic.py), which has one index member per pillar; expected rankings come from
`analysis.index.composite` on that snapshot, names from its territories table.
"""

from __future__ import annotations

from analysis.index import composite
from i18n import text
from loaders import Dataset
from loaders.catalogue import INDEX_PILLARS
from tests.pages.conftest import array, figures

PAGE = "pages/indice.py"


def ranking_names(at) -> list[str]:
    return list(figures(at)[0]["data"][0]["y"])


def region_names(ds: Dataset) -> dict[str, str]:
    return ds.territories.query("level == 'region'").set_index("code")["name"].to_dict()


def members(ds: Dataset) -> dict[str, str]:
    """Index pillar -> its one member in the synthetic catalogue."""
    found = {ind.index.pillar: ind.id for ind in ds.indicators.values() if ind.index}
    assert sorted(found) == sorted(INDEX_PILLARS), "one member per pillar"
    return found


def test_index_page_renders_its_charts(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    assert not at.exception
    figs = figures(at)
    assert len(figs) == 5, "ranking, sensitivity, gap map, gap bars, gap over time"
    table = composite(synthetic_ds).dropna(subset=["index"])
    assert len(ranking_names(at)) == len(table) > 1
    best = region_names(synthetic_ds)[table.sort_values("index")["code"].iloc[-1]]
    assert ranking_names(at)[-1] == best, "highest index drawn on top"
    assert [i.value for i in at.info] == [text("index.no_skills", "fr")], "says there is no skills indicator"


def test_a_weight_change_reorders_and_goes_in_the_link(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    before = ranking_names(at)
    at.slider(key="w.index.weight.usage").set_value(0).run()
    at.slider(key="w.index.weight.ecosystem").set_value(0).run()
    assert not at.exception
    assert at.session_state["view"].weights == (1, 0, 0), "the view, which the link mirrors (tests/ui/test_url.py)"
    table = composite(synthetic_ds, weights={"infrastructure": 1}).dropna(subset=["index"])
    names = region_names(synthetic_ds)
    assert ranking_names(at) == [names[c] for c in table.sort_values("index")["code"]]
    assert ranking_names(at) != before


def test_weights_and_indicators_from_a_link(open_synthetic, synthetic_ds):
    member = members(synthetic_ds)
    chosen = [member["usage"], member["infrastructure"]]
    at = open_synthetic(PAGE, w="0,1,0", idx=",".join(chosen))
    assert not at.exception
    assert at.slider(key="w.index.weight.infrastructure").value == 0
    assert at.checkbox(key=f"w.index.member.{member['usage']}").value is True
    assert at.checkbox(key=f"w.index.member.{member['ecosystem']}").value is False
    values = array(figures(at)[0]["data"][0]["x"])
    expected = composite(synthetic_ds, weights={"usage": 1}, indicators=chosen)
    assert values and sorted(round(v, 6) for v in values) == sorted(round(v, 6) for v in expected["index"].dropna())


def test_bad_weights_in_the_link_are_reported(open_synthetic):
    at = open_synthetic(w="0,0,0")
    assert not at.exception
    assert any("« w »" in w.value or "w" in w.value.split() for w in at.warning), [w.value for w in at.warning]


def test_english_index_page(open_synthetic):
    at = open_synthetic(PAGE, lang="en")
    assert at.title[0].value == text("nav.index", "en")
    assert any("regions out of" in m.value for m in at.markdown)


def test_a_weighted_pillar_left_without_indicators_stops_counting(open_synthetic, synthetic_ds):
    member = members(synthetic_ds)
    kept = [member["infrastructure"], member["ecosystem"]]
    at = open_synthetic(PAGE, w="1,5,1", idx=",".join(kept))
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert text("index.empty_pillar", "fr", pillar=text("common.pillar_short.usage", "fr")) in warnings, warnings
    assert text("index.no_index", "fr") not in warnings, "the index is computed on the other pillars"
    table = composite(synthetic_ds, weights={"infrastructure": 1, "ecosystem": 1}, indicators=kept)
    assert len(ranking_names(at)) == table["index"].notna().sum() > 0
