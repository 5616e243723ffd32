"""Évolution: FttH chart with milestones and break, the other-series picker, highlighted regions from the view.

On the synthetic snapshot: its fibre series has its own chart and one break; `fibre_rate_later` continues it, with a
year Île-de-France lacks.
"""

from __future__ import annotations

from charts.trends import OTHERS
from loaders.catalogue import Role
from tests.pages.conftest import SYNTHETIC_INDICATORS, array, figures, role_holder, territory_names
from tests.synthetic import FIBRE_PERIODS, REGION

PAGE = "pages/evolution.py"
NAMES = territory_names(REGION)
OWN_CHART = next(i for i in SYNTHETIC_INDICATORS.values() if i.presentation.own_chart)
LATER = OWN_CHART.presentation.continued_by


def traces(fig: dict, name: str) -> list[dict]:
    return [t for t in fig["data"] if t.get("name") == name]


def drawn_x(trace: dict) -> list[str]:
    """The x of the points that have a value."""
    return [x for x, y in zip(trace["x"], array(trace["y"]), strict=True) if y is not None]


def test_trends_page_renders_two_charts_with_its_widgets(open_synthetic):
    at = open_synthetic(PAGE)
    assert not at.exception
    assert at.multiselect(key="w.trends.regions")
    assert at.selectbox(key="w.trends.indicator").value == role_holder(Role.TREND_SERIES)
    assert at.button(key="w.trends.ftth_2026")
    ftth, _ = figures(at)
    assert OWN_CHART.presentation.breaks, "precondition: a known break"
    for brk in OWN_CHART.presentation.breaks:
        assert any(s["type"] == "rect" and s["x0"] == brk.start for s in ftth["layout"]["shapes"]), brk.start
    grey = [t for t in ftth["data"] if t["type"] == "scatter" and t.get("line", {}).get("color") == OTHERS]
    assert len(grey) == len(NAMES), "one grey line per region when none is chosen"
    assert any("Source" in c.value for c in at.caption)


def test_region_from_the_link_is_highlighted_and_labelled(open_synthetic):
    at = open_synthetic(PAGE, region="53")
    assert at.multiselect(key="w.trends.regions").value == ["53"]
    ftth = figures(at)[0]
    (line,) = traces(ftth, NAMES["53"])
    assert line["line"]["color"] != OTHERS
    assert any(NAMES["53"] in a["text"] for a in ftth["layout"]["annotations"])


def test_choosing_regions_updates_the_view_and_the_chart(open_synthetic):
    at = open_synthetic(PAGE)
    assert not traces(figures(at)[0], NAMES["94"])
    at.multiselect(key="w.trends.regions").select("94").run()
    assert not at.exception
    assert traces(figures(at)[0], NAMES["94"])
    at.switch_page("pages/fiche-region.py").run()
    assert at.selectbox(key="w.profile.region").value == "94", "the choice follows the user to other pages"


def test_changing_the_series_changes_the_second_chart(open_synthetic, synthetic_facts):
    at = open_synthetic(PAGE, region="94")
    before = figures(at)[1]
    at.selectbox(key="w.trends.indicator").select(LATER).run()
    assert not at.exception
    after = figures(at)[1]
    (corse,) = traces(after, NAMES["94"])
    assert corse["x"] != traces(before, NAMES["94"])[0]["x"]
    expected = synthetic_facts.query("indicator == @LATER and level == 'region' and code == '94'")
    assert [v for v in array(corse["y"]) if v is not None] == expected.sort_values("period")["value"].tolist()


def test_missing_year_stays_a_gap_on_screen(open_synthetic, synthetic_facts):
    at = open_synthetic(PAGE, region="11")
    at.selectbox(key="w.trends.indicator").select(LATER).run()
    later = synthetic_facts.query("indicator == @LATER and level == 'region'")
    (missing,) = set(later["period"]) - set(later.query("code == '11'")["period"])
    (idf,) = traces(figures(at)[1], NAMES["11"])
    y = dict(zip(idf["x"], array(idf["y"]), strict=True))
    assert y[f"{missing}-01-01"] is None, "a gap, not a line drawn across the missing year"
    assert len(drawn_x(idf)) == len(later.query("code == '11'"))


def test_ftth_2026_button_opens_the_department_map(open_synthetic):
    at = open_synthetic(PAGE)
    at.button(key="w.trends.ftth_2026").click().run()
    assert not at.exception
    assert at.selectbox(key="w.map.indicator").value == LATER
    assert at.radio(key="w.map.level").value == "department"


def test_english_labels(open_synthetic):
    at = open_synthetic(PAGE, lang="en", region="53")
    assert at.title[0].value == "Trends"
    ftth = figures(at)[0]
    assert any(t.get("name") == "Regional strategy milestone (2017 article)" for t in ftth["data"])


def test_time_control_draws_the_lines_up_to_its_period_on_the_whole_axis(open_synthetic):
    cut_at, last = FIBRE_PERIODS[1], FIBRE_PERIODS[-1]
    at = open_synthetic(PAGE, period=cut_at)
    assert at.select_slider(key="w.trends.period").value == cut_at
    cut = figures(at)
    at.select_slider(key="w.trends.period").set_value(last).run()
    full = figures(at)
    for before, after in zip(cut, full, strict=True):
        assert before["layout"]["xaxis"]["range"] == after["layout"]["xaxis"]["range"], "the axis keeps its span"
    (france,) = traces(cut[0], "France")
    assert max(drawn_x(france)) == cut_at
    (france_all,) = traces(full[0], "France")
    assert max(drawn_x(france_all)) == last
    other = drawn_x(traces(cut[1], "France")[0])
    assert other and max(other) <= cut_at
    assert max(drawn_x(traces(full[1], "France")[0])) > cut_at, (
        "the other series goes on once the control is at the end"
    )
