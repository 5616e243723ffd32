"""European figure builders on small synthetic NUTS frames: traces, outlines, attribution, references, gaps, flags."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.europe import ATTRIBUTION, distribution, europe_map, europe_trend, merged_features
from charts.theme import HIGHLIGHT
from tests.analysis.catalogue_entries import indicator, words

META = indicator("use", label=words("Usage", "Use"), decimals=1)


def square(code: str, x: float) -> dict:
    ring = [[x, 50.0], [x, 51.0], [x + 1, 51.0], [x + 1, 50.0], [x, 50.0]]  # clockwise
    return {"type": "Feature", "properties": {"code": code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEO = {
    "nuts0": {"type": "FeatureCollection", "features": [square("DD", 0)]},
    "nuts1": {"type": "FeatureCollection", "features": [square("BB1", 1)]},
    "nuts2": {"type": "FeatureCollection", "features": [square("AA11", 2), square("FRC1", 3), square("FRC2", 4)]},
}
UNITS = pd.DataFrame(
    {
        "code": ["AA11", "BB1", "DD", "FRC1", "FRC2"],
        "level": ["nuts2", "nuts1", "nuts0", "nuts2", "nuts2"],
        "country": ["AA", "BB", "DD", "FR", "FR"],
        "name": ["a", "b", "d", "Bourgogne", "Franche-Comté"],
        "value": [10.0, 20.0, float("nan"), 30.0, 40.0],
        "flag": pd.array([None, None, None, "low_reliability", None], dtype="string"),
    }
)


def test_merged_features_take_each_code_from_its_level():
    merged = merged_features(GEO, ["FRC1", "BB1", "DD"])
    assert [f["properties"]["code"] for f in merged["features"]] == ["BB1", "DD", "FRC1"]


def test_map_has_a_value_trace_and_a_grey_trace_with_their_own_shapes():
    fig = europe_map(UNITS, GEO, META, "fr", french=["FRC1", "FRC2"], selected="FRC1")
    values, missing = fig.data
    assert list(values.locations) == ["AA11", "BB1", "FRC1", "FRC2"]
    assert list(missing.locations) == ["DD"] and not missing.showscale
    assert {f["properties"]["code"] for f in values.geojson["features"]} == set(values.locations)
    assert fig.layout.geo.fitbounds == "locations"


def test_french_regions_are_outlined_and_the_selected_one_is_thicker():
    fig = europe_map(UNITS, GEO, META, "fr", french=["FRC1", "FRC2"], selected="FRC1")
    line = fig.data[0].marker.line
    colours = dict(zip(fig.data[0].locations, line.color, strict=True))
    widths = dict(zip(fig.data[0].locations, line.width, strict=True))
    assert colours["FRC1"] == colours["FRC2"] == HIGHLIGHT and colours["AA11"] == "white"
    assert widths["FRC1"] > widths["FRC2"] > widths["AA11"]


def test_map_carries_the_attribution_and_the_notes():
    fig = europe_map(UNITS, GEO, META, "en", notes=["Drawn at NUTS 1: BB"])
    note = fig.layout.annotations[0].text
    assert note.endswith(ATTRIBUTION) and "Drawn at NUTS 1: BB" in note


def test_hover_names_the_level_and_spells_out_the_flag():
    fig = europe_map(UNITS, GEO, META, "fr")
    custom = {row[1]: row for row in fig.data[0].customdata}
    assert custom["BB1"][2] == "NUTS 1"
    assert "faible fiabilité, u" in custom["FRC1"][3]


def test_distribution_draws_others_french_and_reference_lines():
    regions = pd.DataFrame(
        {"code": ["AA11", "AA12", "FRC1"], "value": [10.0, 20.0, 30.0],
         "flag": pd.array(["series_break", None, None], dtype="string")}
    )  # fmt: skip
    french = pd.DataFrame(
        {"code": ["FRC1"], "name": ["Bourgogne (BFC)"], "value": [30.0], "flag": pd.array([None], dtype="string"),
         "rank": [1], "percentile": [100.0], "n": [3]}
    )  # fmt: skip
    fig = distribution(regions, french, {"median": 20.0, "top_decile": 28.0}, META, "fr", selected="FRC1")
    others, ours = fig.data
    assert list(others.x) == [10.0, 20.0] and list(ours.x) == [30.0]
    assert others.text[0] == "AA11 — 10,0\u00a0% (rupture de série, b)"
    assert ours.text == ("Bourgogne (BFC)",)
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [20.0, 28.0]
    assert ours.customdata[0][3] == "1ᵉ sur 3"


def test_trend_leaves_gaps_and_marks_flags():
    series = pd.DataFrame(
        {
            "period": ["2019", "2020", "2021", "2022"],
            "value": [50.0, float("nan"), 55.0, 60.0],
            "flag": pd.array(["series_break", None, "low_reliability", None], dtype="string"),
            "median": [52.0, 53.0, 54.0, float("nan")],
            "top_decile": [70.0, 71.0, 72.0, float("nan")],
        }
    )
    fig = europe_trend(series, "Bourgogne (BFC)", META, "fr")
    by_name = {t.name: t for t in fig.data}
    region = by_name["Bourgogne (BFC)"]
    assert region.y[1] is None and region.connectgaps is False, "2020: no survey, no line"
    assert by_name["u : faible fiabilité"].x == (2021,) and by_name["u : faible fiabilité"].text == ("u",)
    assert by_name["b : rupture de série"].x == (2019,)
    assert by_name["Médiane européenne des régions (non pondérée)"].y[3] is None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_builders_work_in_both_languages(lang):
    assert europe_map(UNITS, GEO, META, lang).data
