"""Évolution: FttH chart with milestones and break, the other-series picker, highlighted regions from the view."""

from __future__ import annotations

from analysis.frames import periods
from loaders import load_dataset
from tests.pages.conftest import array, figures

PAGE = "pages/evolution.py"


def traces(fig: dict, name: str) -> list[dict]:
    return [t for t in fig["data"] if t.get("name") == name]


def test_trends_page_renders_two_charts_with_its_widgets(open_page):
    at = open_page(PAGE)
    assert not at.exception
    assert at.multiselect(key="w.trends.regions")
    assert at.selectbox(key="w.trends.indicator").value == "household_internet_access"
    assert at.button(key="w.trends.ftth_2026")
    ftth, _ = figures(at)
    assert any(s["type"] == "rect" and s["x0"] == "2019-01-01" for s in ftth["layout"]["shapes"])
    assert len([t for t in ftth["data"] if t["type"] == "scatter" and t.get("yaxis", "y") == "y"]) >= 18
    assert any("Source" in c.value for c in at.caption)


def test_region_from_the_link_is_highlighted_and_labelled(open_page):
    at = open_page(PAGE, region="28")
    assert at.multiselect(key="w.trends.regions").value == ["28"]
    ftth = figures(at)[0]
    (normandie,) = traces(ftth, "Normandie")
    assert normandie["line"]["color"] != "#c9c9c9"
    assert any("Normandie" in a["text"] for a in ftth["layout"]["annotations"])


def test_choosing_regions_updates_the_view_and_the_chart(open_page):
    at = open_page(PAGE)
    assert not traces(figures(at)[0], "Corse")
    at.multiselect(key="w.trends.regions").select("94").run()
    assert not at.exception
    assert traces(figures(at)[0], "Corse")
    at.switch_page("pages/fiche-region.py").run()
    assert at.selectbox(key="w.profile.region").value == "94", "the choice follows the user to other pages"


def test_changing_the_series_changes_the_second_chart(open_page):
    at = open_page(PAGE, region="84")
    before = figures(at)[1]
    at.selectbox(key="w.trends.indicator").select("france_services_per_100k").run()
    assert not at.exception
    after = figures(at)[1]
    (ara,) = traces(after, "Auvergne-Rhône-Alpes")
    assert ara["x"] != traces(before, "Auvergne-Rhône-Alpes")[0]["x"]
    ds = load_dataset()
    expected = ds.facts.query("indicator == 'france_services_per_100k' and level == 'region' and code == '84'")
    assert [v for v in array(ara["y"]) if v is not None] == expected.sort_values("period")["value"].tolist()


def test_missing_year_stays_a_gap_on_screen(open_page):
    at = open_page(PAGE, region="11")
    (idf,) = traces(figures(at)[1], "Île-de-France")
    y = dict(zip(idf["x"], array(idf["y"]), strict=True))
    assert y["2020-01-01"] is None


def test_ftth_2026_button_opens_the_department_map(open_page):
    at = open_page(PAGE)
    at.button(key="w.trends.ftth_2026").click().run()
    assert not at.exception
    assert at.selectbox(key="w.map.indicator").value == "ftth_coverage_2026"
    assert at.radio(key="w.map.level").value == "department"


def test_english_labels(open_page):
    at = open_page(PAGE, lang="en", region="93")
    assert at.title[0].value == "Trends"
    ftth = figures(at)[0]
    assert any(t.get("name") == "Regional strategy milestone (2017 article)" for t in ftth["data"])


def test_time_control_draws_the_lines_up_to_its_period_on_the_whole_axis(open_page):
    at = open_page(PAGE, period="2019-12-31")
    assert at.select_slider(key="w.trends.period").value == "2019-12-31"
    cut = figures(at)
    at.select_slider(key="w.trends.period").set_value(periods(load_dataset(), "ftth_coverage", "region")[-1]).run()
    full = figures(at)
    for before, after in zip(cut, full, strict=True):
        assert before["layout"]["xaxis"]["range"] == after["layout"]["xaxis"]["range"], "the axis keeps its span"
    (france,) = traces(cut[0], "France")
    drawn = [x for x, y in zip(france["x"], array(france["y"]), strict=True) if y is not None]
    assert drawn and max(drawn) == "2019-12-31"
    (france_all,) = traces(full[0], "France")
    assert max(x for x, y in zip(france_all["x"], array(france_all["y"]), strict=True) if y is not None) > "2024"
    other = [x for x, y in zip(traces(cut[1], "France")[0]["x"], array(traces(cut[1], "France")[0]["y"]), strict=True)
             if y is not None]  # fmt: skip
    assert other and max(other) <= "2019-12-31"
