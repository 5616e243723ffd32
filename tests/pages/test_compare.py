"""Comparer: regions multiselect bound to the view, pillar filter, dot plot and lines, hostile states.

On the synthetic snapshot (tests/synthetic.py): its three regions, and its comparable indicators (rates with a
better side, in an index pillar), one of them without a value for France.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.compare import comparable
from analysis.frames import indicators_for
from i18n import text
from loaders import Dataset
from loaders.catalogue import Indicator, Role
from tests.pages.conftest import figures
from ui.url import to_params

PAGE = "pages/comparer.py"


def dot_names(fig: dict) -> set[str]:
    return {t["name"] for t in fig["data"] if t.get("mode") == "markers" and t.get("showlegend") is not False}


def most_populous(ds: Dataset, n: int, exclude: tuple[str, ...] = ()) -> list[str]:
    regions = ds.territories.query("level == 'region'")
    regions = regions[~regions["code"].isin(exclude)]
    return regions.sort_values("population", ascending=False)["code"].head(n).tolist()


def region_names(ds: Dataset) -> dict[str, str]:
    return ds.territories.query("level == 'region'").set_index("code")["name"].to_dict()


def compared(ds: Dataset, pillar: str | None = None) -> list[Indicator]:
    """The indicators the page compares regions on (of one pillar when given)."""
    every = comparable(indicators_for(ds, ("region",)))
    return [i for i in every if pillar in (None, i.pillar)]


def test_compare_renders_with_the_default_two_regions(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    assert not at.exception
    regions = at.multiselect(key="w.compare.regions")
    assert regions.value == most_populous(synthetic_ds, 2), "no region chosen: the two most populous"
    assert at.radio(key="w.compare.pillar")
    assert at.selectbox(key="w.compare.indicator")
    dots, lines = figures(at)
    names = region_names(synthetic_ds)
    assert dot_names(dots) == {names[c] for c in most_populous(synthetic_ds, 2)}
    shown = ", ".join(names[c] for c in most_populous(synthetic_ds, 2))
    assert text("compare.default_note_none", "fr", regions=shown) in [c.value for c in at.caption]
    assert text("common.france", "fr") in [t["name"] for t in lines["data"]]


def test_one_region_from_the_link_is_completed_and_kept_first(open_synthetic, synthetic_ds):
    region = most_populous(synthetic_ds, 2)[1]
    at = open_synthetic(PAGE, region=region)
    assert at.multiselect(key="w.compare.regions").value == [region, most_populous(synthetic_ds, 1, (region,))[0]]


def test_changing_regions_changes_the_figures_and_the_session_view(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    before = figures(at)
    chosen = most_populous(synthetic_ds, 3)[::-1]
    at.multiselect(key="w.compare.regions").set_value(chosen).run()
    assert not at.exception
    after = figures(at)
    assert after[0] != before[0] and after[1] != before[1]
    names = {region_names(synthetic_ds)[c] for c in chosen}
    assert len(names) == 3 and dot_names(after[0]) == names
    assert at.session_state["view"].regions == tuple(chosen), "shared with the other pages"
    symbols = [t["marker"]["symbol"] for t in after[0]["data"] if t.get("name") in names]
    assert len(set(symbols)) == 3, "each region has its own marker, not only its own colour"


def test_pillar_filter_keeps_only_that_pillar(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    every = len(figures(at)[0]["layout"]["yaxis"]["tickvals"])
    assert every == len(compared(synthetic_ds))
    at.radio(key="w.compare.pillar").set_value("usage").run()
    assert not at.exception
    labels = [label.replace("<br>", " ") for label in figures(at)[0]["layout"]["yaxis"]["ticktext"]]
    assert 0 < len(labels) < every
    expected = sorted(i.label["fr"] for i in compared(synthetic_ds, "usage"))
    assert len(labels) == len(expected)
    assert all(got.startswith(want) for got, want in zip(sorted(labels), expected, strict=True)), "label, then period"


def test_no_region_left_shows_a_hint_and_no_exception(open_synthetic):
    at = open_synthetic(PAGE)
    at.multiselect(key="w.compare.regions").set_value([]).run()
    assert not at.exception
    assert at.info, "asks for a region"
    assert not figures(at)
    at.radio(key="w.compare.pillar").set_value("infrastructure").run()
    assert not at.exception
    assert at.multiselect(key="w.compare.regions").value == [], "an emptied choice is not refilled behind the user"


def test_indicator_without_france_series_draws_regions_only(open_synthetic, synthetic_ds):
    facts = synthetic_ds.facts
    france = set(facts.loc[facts["level"] == "nuts0", "indicator"])
    indicator = next(i.id for i in compared(synthetic_ds) if i.id not in france)
    at = open_synthetic(PAGE, indicator=indicator)
    assert not at.exception
    assert at.selectbox(key="w.compare.indicator").value == indicator
    names = [t["name"] for t in figures(at)[1]["data"]]
    assert text("common.france", "fr") not in names
    assert text("compare.no_france_series", "fr") in [c.value for c in at.caption]
    assert len(names) >= 2


def test_changing_the_time_series_indicator_changes_the_lines(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    before = figures(at)[1]
    other = compared(synthetic_ds)[-1].id
    assert at.selectbox(key="w.compare.indicator").value != other
    at.selectbox(key="w.compare.indicator").select(other).run()
    assert not at.exception
    assert figures(at)[1] != before
    assert at.session_state["view"].indicator == other


def test_hostile_link_shows_no_exception(open_synthetic):
    at = open_synthetic(PAGE, region="zz,,<i>", indicator="population", lang="xx")
    assert not at.exception
    assert len(figures(at)) == 2


def test_visiting_the_page_leaves_the_session_regions_alone(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    assert at.multiselect(key="w.compare.regions").value == most_populous(synthetic_ds, 2), "completed on this page"
    assert at.session_state["view"].regions == (), "but not written into the session's view"
    default = synthetic_ds.holder(Role.MAP)
    assert "region" not in to_params(at.session_state["view"], default), "nor into the link"
    at.radio(key="w.compare.pillar").set_value("usage").run()
    assert at.session_state["view"].regions == ()
    region = most_populous(synthetic_ds, 2)[1]
    at = open_synthetic(PAGE, region=region)
    assert at.session_state["view"].regions == (region,)
    at.switch_page("pages/fiche-region.py")
    at.run()
    assert at.session_state["view"].regions == (region,), "other pages still see the region the user chose"


def test_removing_a_defaulted_region_writes_the_user_choice(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    first = most_populous(synthetic_ds, 1)
    at.multiselect(key="w.compare.regions").set_value(first).run()
    assert at.session_state["view"].regions == tuple(first)
    assert at.multiselect(key="w.compare.regions").value == first, "one region chosen by the user is not refilled"


def test_switching_language_sends_the_new_labels_and_keeps_the_choices(open_synthetic, synthetic_ds):
    regions = most_populous(synthetic_ds, 3)[::-2]  # not the default pair, nor its order
    pillar = next(p for p in ("infrastructure", "usage", "ecosystem") if len(compared(synthetic_ds, p)) > 1)
    indicator = compared(synthetic_ds, pillar)[-1].id  # not the pillar's first, which the page would pick alone
    at = open_synthetic(PAGE, region=",".join(regions))
    at.radio(key="w.compare.pillar").set_value(pillar).run()
    at.selectbox(key="w.compare.indicator").select(indicator).run()
    at.session_state["view"] = replace(at.session_state["view"], lang="en")  # what the sidebar radio does
    at.run()
    assert not at.exception
    radio, select = at.radio(key="w.compare.pillar"), at.selectbox(key="w.compare.indicator")
    assert (radio.value, select.value) == (pillar, indicator)
    # The browser keeps showing the label it last displayed unless the server sends the value again.
    assert radio.proto.set_value and radio.proto.raw_value == text(f"common.pillar_short.{pillar}", "en")
    label = synthetic_ds.indicator(indicator).label["en"]
    assert select.proto.set_value and select.proto.raw_value == label
    assert at.multiselect(key="w.compare.regions").value == regions
