"""Europe: indicator, year and French NUTS 2 region; map, distribution and series with their tables; links.

On the synthetic snapshot (tests/synthetic.py): France, Spain and Italy at NUTS 2, Germany at NUTS 1 only, Portugal
with a boundary and no value, ES70 with values and no boundary, and a year published for France alone.
"""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from charts.europe import ATTRIBUTION
from i18n import text
from loaders.catalogue import Role
from loaders.codes import NUTS2_TO_REGION
from tests import synthetic
from tests.pages.conftest import APP, array, figures, map_locations, type_into
from ui.figure import PRESENTER_HEIGHT

PAGE = "pages/europe.py"
FINEST_FIRST = ("nuts2", "nuts1", "nuts0")


def nuts_rows(indicator: str, period: str | None = None) -> pd.DataFrame:
    """The synthetic facts of an indicator at NUTS levels (of one year when given), with their country."""
    facts = synthetic.tables()["facts"]
    rows = facts[(facts["indicator"] == indicator) & facts["level"].str.startswith("nuts")]
    if period:
        rows = rows[rows["period"] == period]
    return rows.assign(country=rows["code"].str[:2])


def boundaries(level: str) -> set[str]:
    return {code for lv, code, _, _ in synthetic.NUTS_UNITS if lv == level}


def french_label(nuts: str) -> str:
    """A synthetic French NUTS 2 covers its region whole, so it is shown under the region's name."""
    names = synthetic.territories().query("level == 'region'").set_index("code")["name"]
    return names[NUTS2_TO_REGION[nuts]]


def linked(**params: str) -> AppTest:
    """The Europe page opened straight from a link (the home page would first replace an indicator it lacks)."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def french_nuts2(indicator: str) -> list[str]:
    rows = nuts_rows(indicator)
    return sorted(set(rows.loc[(rows["level"] == "nuts2") & (rows["country"] == "FR"), "code"]))


def test_europe_page_renders_map_distribution_and_series(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    assert not at.exception
    indicator = synthetic_ds.holder(Role.EUROPE)
    assert at.selectbox(key="w.europe.indicator").value == indicator
    assert at.select_slider(key="w.europe.period").value == synthetic.EUROPE_YEARS[-1]
    europe, strip, trend = figures(at)
    published = nuts_rows(indicator, synthetic.EUROPE_YEARS[-1]).groupby("country")["level"].agg(set)

    def finest(country: str) -> str:
        return next((lv for lv in FINEST_FIRST if lv in published.get(country, set())), "nuts0")

    drawn = {code for lv, code, _, _ in synthetic.NUTS_UNITS if lv == finest(code[:2])}
    assert "PT" in drawn and "DE1" in drawn and "FR10" in drawn, "the snapshot covers each case"
    assert set(map_locations(europe)) == drawn, "NUTS 2 units, NUTS 1 where the finest, countries without data whole"
    assert ATTRIBUTION in europe["layout"]["annotations"][0]["text"]
    assert strip["data"][1]["name"] == text("europe.dist.french", "fr")
    assert [t["name"] for t in trend["data"]][:2] == [text("europe.top_decile", "fr"), text("europe.median", "fr")]
    assert any("non pondérée" in c.value for c in at.caption)
    assert any("NUTS 2 françaises sont les régions d'avant 2016" in c.value for c in at.caption)


def test_table_of_the_map_lists_codes_without_boundary(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    table = at.dataframe[0].value
    unmapped = table[table[text("europe.table.on_map", "fr")] != text("europe.table.yes", "fr")]
    year = nuts_rows(synthetic_ds.holder(Role.EUROPE), synthetic.EUROPE_YEARS[-1])
    expected = set(year.loc[year["level"] == "nuts2", "code"]) - boundaries("nuts2")
    assert expected and set(unmapped["code"]) == expected
    assert not set(unmapped["code"]) & set(map_locations(figures(at)[0]))


def test_french_ranks_table_holds_every_french_region_with_a_value(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    ranks = at.dataframe[1].value
    indicator = synthetic_ds.holder(Role.EUROPE)
    assert set(ranks["code"]) == set(french_nuts2(indicator)) and text("europe.table.percentile", "fr") in ranks.columns
    assert ranks[text("common.rank", "fr")].is_monotonic_increasing
    year = nuts_rows(indicator, synthetic.EUROPE_YEARS[-1]).query("level == 'nuts2'").set_index("code")["value"]
    assert synthetic_ds.indicator(indicator).polarity == 1
    for code, shown in zip(ranks["code"], ranks[text("common.rank", "fr")], strict=True):
        assert shown == 1 + (year > year[code]).sum(), f"{code}: among all NUTS 2 regions, highest first"


def test_link_restores_indicator_year_and_nuts_region(synthetic_app, synthetic_ds):
    others = [i for i in synthetic.tables()["indicators"] if i.id != synthetic_ds.holder(Role.EUROPE)]
    indicator = next(i.id for i in others if not nuts_rows(i.id).query("level == 'nuts2'").empty)
    period = sorted(nuts_rows(indicator)["period"].unique())[0]
    region = french_nuts2(indicator)[1]
    at = linked(indicator=indicator, period=period, region=region)
    assert not at.exception
    assert at.selectbox(key="w.europe.indicator").value == indicator
    assert at.select_slider(key="w.europe.period").value == period
    assert at.selectbox(key="w.europe.region").value == region
    nuts1_only = sorted(set(nuts_rows(indicator, period).query("level == 'nuts1'")["country"]))
    assert nuts1_only == ["DE"]
    note = text("europe.note.nuts1", "fr", countries="DE")
    assert any(note in a["text"] for a in figures(at)[0]["layout"]["annotations"])


def test_bad_link_values_are_reported_escaped_and_replaced(synthetic_app, synthetic_ds):
    at = linked(indicator="<script>", period="1900", region="ZZ99")
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "indicator" in warnings and "region" in warnings and "period" in warnings
    assert "<script>" not in warnings and "?script?" in warnings
    assert at.select_slider(key="w.europe.period").value == synthetic.EUROPE_YEARS[-1]
    assert at.selectbox(key="w.europe.indicator").value == synthetic_ds.holder(Role.EUROPE)


def test_years_published_for_france_alone_are_said_not_mapped(open_synthetic, synthetic_ds):
    indicator = synthetic_ds.holder(Role.EUROPE)
    at = open_synthetic(PAGE, indicator=indicator)
    last, later = synthetic.EUROPE_YEARS[-1], synthetic.YEARS[-1]
    assert set(nuts_rows(indicator, later)["country"]) == {"FR"}, "the year the snapshot publishes for France alone"
    assert at.select_slider(key="w.europe.period").value == last
    assert [i.value for i in at.info] == [text("europe.france_only", "fr", last=last, years=later, end=later)]
    trend = figures(at)[2]
    first = french_nuts2(indicator)[0]
    region = next(t for t in trend["data"] if t["name"] == french_label(first))
    assert max(array(region["x"])) == int(later)


def test_choosing_a_region_redraws_the_series(open_synthetic, synthetic_ds):
    at = open_synthetic(PAGE)
    chosen = french_nuts2(synthetic_ds.holder(Role.EUROPE))[-1]
    before = figures(at)[2]
    at.selectbox(key="w.europe.region").set_value(chosen).run()
    assert not at.exception
    names = [t["name"] for t in figures(at)[2]["data"]]
    assert french_label(chosen) in names
    assert french_label(chosen) not in [t["name"] for t in before["data"]]


def test_english_and_presenter_mode(open_synthetic):
    at = open_synthetic(PAGE, lang="en", present="1")
    assert not at.exception
    assert at.title[0].value == text("nav.europe", "en")
    assert figures(at)[0]["layout"]["height"] == PRESENTER_HEIGHT, "sized to fit a 1080 px screen"


def test_the_nuts_region_is_found_by_its_code_or_its_name_without_accents(open_synthetic):
    at = open_synthetic(PAGE)
    picker = at.selectbox(key="w.europe.region")
    assert all(label.endswith(")") and "(FR" in label for label in picker.options), "shown 'Name (code)'"
    assert at.session_state["view"].nuts != "FRH0"
    type_into(at.selectbox(key="w.europe.region"), "frh0").run()
    assert at.session_state["view"].nuts == "FRH0"
    assert french_label("FR10") == "Île-de-France", "a name with an accent and a hyphen"
    type_into(at.selectbox(key="w.europe.region"), "ile de france").run()
    assert not at.exception
    assert at.session_state["view"].nuts == "FR10"
