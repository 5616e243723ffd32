"""Comparer: regions multiselect bound to the view, pillar filter, dot plot and lines, hostile states."""

from __future__ import annotations

from dataclasses import replace

from loaders import load_dataset
from tests.pages.conftest import figures
from ui.url import to_params

PAGE = "pages/comparer.py"


def dot_names(fig: dict) -> set[str]:
    return {t["name"] for t in fig["data"] if t.get("mode") == "markers" and t.get("showlegend") is not False}


def most_populous(n: int, exclude: tuple[str, ...] = ()) -> list[str]:
    regions = load_dataset().territories.query("level == 'region'")
    regions = regions[~regions["code"].isin(exclude)]
    return regions.sort_values("population", ascending=False)["code"].head(n).tolist()


def test_compare_renders_with_the_default_two_regions(open_page):
    at = open_page(PAGE)
    assert not at.exception
    regions = at.multiselect(key="w.compare.regions")
    assert regions.value == most_populous(2), "no region chosen: the two most populous"
    assert at.radio(key="w.compare.pillar")
    assert at.selectbox(key="w.compare.indicator")
    dots, lines = figures(at)
    names = load_dataset().territories.query("level == 'region'").set_index("code")["name"]
    assert dot_names(dots) == {names[c] for c in most_populous(2)}
    assert any("Sélection par défaut" in c.value for c in at.caption)
    assert "France" in [t["name"] for t in lines["data"]]


def test_one_region_from_the_link_is_completed_and_kept_first(open_page):
    at = open_page(PAGE, region="53")
    assert at.multiselect(key="w.compare.regions").value == ["53", most_populous(1, exclude=("53",))[0]]


def test_changing_regions_changes_the_figures_and_the_session_view(open_page):
    at = open_page(PAGE)
    before = figures(at)
    at.multiselect(key="w.compare.regions").set_value(["53", "94", "04"]).run()
    assert not at.exception
    after = figures(at)
    assert after[0] != before[0] and after[1] != before[1]
    assert dot_names(after[0]) == {"Bretagne", "Corse", "La Réunion"}
    assert at.session_state["view"].regions == ("53", "94", "04"), "shared with the other pages"
    symbols = [t["marker"]["symbol"] for t in after[0]["data"] if t.get("name") in {"Bretagne", "Corse", "La Réunion"}]
    assert len(set(symbols)) == 3, "each region has its own marker, not only its own colour"


def test_pillar_filter_keeps_only_that_pillar(open_page):
    at = open_page(PAGE)
    every = len(figures(at)[0]["layout"]["yaxis"]["tickvals"])
    at.radio(key="w.compare.pillar").set_value("usage").run()
    assert not at.exception
    labels = figures(at)[0]["layout"]["yaxis"]["ticktext"]
    assert 0 < len(labels) < every
    assert not any("fibre" in label.lower() for label in labels)


def test_no_region_left_shows_a_hint_and_no_exception(open_page):
    at = open_page(PAGE)
    at.multiselect(key="w.compare.regions").set_value([]).run()
    assert not at.exception
    assert at.info, "asks for a region"
    assert not figures(at)
    at.radio(key="w.compare.pillar").set_value("infrastructure").run()
    assert not at.exception
    assert at.multiselect(key="w.compare.regions").value == [], "an emptied choice is not refilled behind the user"


def test_indicator_without_france_series_draws_regions_only(open_page):
    at = open_page(PAGE, indicator="internet_weekly_use")
    assert not at.exception
    lines = figures(at)[1]
    names = [t["name"] for t in lines["data"]]
    france = load_dataset().facts.query("indicator == 'internet_weekly_use' and level == 'nuts0'")
    if france.empty:
        assert "France" not in names
        assert any("Pas de série pour la France" in c.value for c in at.caption)
    assert len(names) >= 2


def test_changing_the_time_series_indicator_changes_the_lines(open_page):
    at = open_page(PAGE)
    before = figures(at)[1]
    at.selectbox(key="w.compare.indicator").select("gigabit_eligibility").run()
    assert not at.exception
    assert figures(at)[1] != before
    assert at.session_state["view"].indicator == "gigabit_eligibility"


def test_hostile_link_shows_no_exception(open_page):
    at = open_page(PAGE, region="zz,,<i>", indicator="population", lang="xx")
    assert not at.exception
    assert len(figures(at)) == 2


def test_visiting_the_page_leaves_the_session_regions_alone(open_page):
    at = open_page(PAGE)
    assert at.multiselect(key="w.compare.regions").value == most_populous(2), "completed on this page"
    assert at.session_state["view"].regions == (), "but not written into the session's view"
    default = at.session_state["view.default_indicator"]
    assert "region" not in to_params(at.session_state["view"], default), "nor into the link"
    at.radio(key="w.compare.pillar").set_value("usage").run()
    assert at.session_state["view"].regions == ()
    at = open_page(PAGE, region="53")
    assert at.session_state["view"].regions == ("53",)
    at.switch_page("pages/fiche-region.py")
    at.run()
    assert at.session_state["view"].regions == ("53",), "other pages still see the region the user chose"


def test_removing_a_defaulted_region_writes_the_user_choice(open_page):
    at = open_page(PAGE)
    first = most_populous(1)
    at.multiselect(key="w.compare.regions").set_value(first).run()
    assert at.session_state["view"].regions == tuple(first)
    assert at.multiselect(key="w.compare.regions").value == first, "one region chosen by the user is not refilled"


def test_switching_language_sends_the_new_labels_and_keeps_the_choices(open_page):
    at = open_page(PAGE, region="84,53")
    at.radio(key="w.compare.pillar").set_value("usage").run()
    at.selectbox(key="w.compare.indicator").select("online_purchase").run()
    at.session_state["view"] = replace(at.session_state["view"], lang="en")  # what the sidebar radio does
    at.run()
    assert not at.exception
    pillar, indicator = at.radio(key="w.compare.pillar"), at.selectbox(key="w.compare.indicator")
    assert (pillar.value, indicator.value) == ("usage", "online_purchase")
    # The browser keeps showing the label it last displayed unless the server sends the value again.
    assert pillar.proto.set_value and pillar.proto.raw_value == "Usage"
    label = load_dataset().indicator("online_purchase").label["en"]
    assert indicator.proto.set_value and indicator.proto.raw_value == label
    assert at.multiselect(key="w.compare.regions").value == ["84", "53"]
