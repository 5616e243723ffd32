"""Links carry stable ids; unknown or hostile values fall back to defaults and are reported.

Indicator ids and periods are those of the synthetic snapshot (tests/synthetic.py); `parse` only sees the sets given.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.synthetic import FIBRE_PERIODS, YEARS
from ui.url import MAX_REGIONS, OVER_LIMIT, View, parse, shown, to_params

INDICATORS = {"fibre_rate", "internet_use"}
REGIONS = {"11", "84", "93", "01"}


def p(**params: str):
    return parse(params, INDICATORS, REGIONS, "fibre_rate")


def test_empty_url_gives_defaults():
    parsed = p()
    assert parsed.view == View(indicator="fibre_rate")
    assert parsed.rejected == []


def test_full_link_round_trips():
    view = View("internet_use", "department", FIBRE_PERIODS[0], ("84", "93"), "en", True)
    params = to_params(view, "fibre_rate")
    assert params == {
        "indicator": "internet_use",
        "level": "department",
        "period": FIBRE_PERIODS[0],
        "region": "84,93",
        "lang": "en",
        "present": "1",
    }
    assert p(**params).view == view


def test_hostile_indicator_is_rejected_and_made_safe_to_show():
    parsed = p(indicator="<script>alert(1)</script>")
    assert parsed.view.indicator == "fibre_rate"
    assert parsed.rejected[0][0] == "indicator"
    assert "<" not in parsed.rejected[0][1] and ">" not in parsed.rejected[0][1]


def test_partly_bad_region_list_keeps_the_good_codes():
    parsed = p(region="84,99,93,84")
    assert parsed.view.regions == ("84", "93")
    assert [name for name, _ in parsed.rejected] == ["region"]


def test_department_code_is_not_a_region():
    assert p(region="75").view.regions == ()


def test_bad_lang_present_level_period():
    parsed = p(lang="de", present="yes", level="commune", period="last")
    assert parsed.view == View(indicator="fibre_rate")
    assert {name for name, _ in parsed.rejected} == {"lang", "present", "level", "period"}


@given(st.dictionaries(st.sampled_from(["indicator", "level", "period", "region", "lang", "present", "x"]), st.text()))
def test_any_input_gives_a_valid_view(params):
    view = p(**params).view
    assert view.indicator in INDICATORS
    assert view.level in ("region", "department")
    assert set(view.regions) <= REGIONS and len(view.regions) <= MAX_REGIONS
    assert view.lang in ("fr", "en")


def test_shown_truncates_long_values():
    assert len(shown("a" * 500)) <= 41


def test_repeated_regions_are_not_an_error():
    parsed = p(region="84,84,84")
    assert parsed.view.regions == ("84",)
    assert parsed.rejected == []


def test_regions_beyond_four_are_reported():
    parsed = p(region="11,84,93,01,84")
    assert parsed.view.regions == ("11", "84", "93", "01")
    assert parsed.rejected == []
    too_many = parse({"region": ",".join(sorted(REGIONS | {"x"}))}, INDICATORS, REGIONS | {"02"}, "fibre_rate")
    assert [name for name, _ in too_many.rejected] == ["region"]


def test_scatter_axes_travel_in_the_link():
    view = View("fibre_rate", period=FIBRE_PERIODS[0], y="internet_use", y_period=YEARS[0])
    params = to_params(view, "fibre_rate")
    assert params["y"] == "internet_use" and params["y_period"] == YEARS[0]
    assert p(**params).view == view
    assert [name for name, _ in p(y="nonsense").rejected] == ["y"]


def test_language_is_accepted_whatever_its_case():
    assert p(lang="EN").view.lang == "en"
    assert p(lang=" Fr ").view.lang == "fr"


def test_regions_beyond_the_limit_are_reported_as_dropped_not_unknown():
    parsed = p(region="11,84,93,01,99")
    assert parsed.view.regions == ("11", "84", "93", "01")
    assert parsed.rejected == [("region", "99")]
    parsed = p(region="11,84,93,01,11")
    assert parsed.rejected == []
    codes = [*sorted(REGIONS), "02", "03"]
    parsed = parse({"region": ",".join(codes)}, INDICATORS, REGIONS | {"02", "03"}, "fibre_rate")
    assert parsed.rejected == [(OVER_LIMIT, "02,03")]


def test_the_maps_change_dates_travel_in_the_link():
    view = View("fibre_rate", period=FIBRE_PERIODS[-1], since=FIBRE_PERIODS[0])
    params = to_params(view, "fibre_rate")
    assert params == {"period": FIBRE_PERIODS[-1], "since": FIBRE_PERIODS[0]}
    assert p(**params).view == view
    assert p(since="last-year").rejected == [("since", "last-year")]


def test_comparer_theme_travels_in_the_link():
    view = View("fibre_rate", theme="usage")
    assert to_params(view, "fibre_rate") == {"theme": "usage"}
    assert p(theme="usage").view.theme == "usage"
    assert p(theme="nope").rejected == [("theme", "nope")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2,1,1", (2, 1, 1)), ("0,1,0", (0, 1, 0)), ("10,10,10", (10, 10, 10))],
)
def test_index_weights_travel_in_the_link(raw, expected):
    parsed = parse({"w": raw}, {"fibre_rate"}, set(), "fibre_rate")
    assert parsed.view.weights == expected and not parsed.rejected
    assert to_params(parsed.view, "fibre_rate") == {"w": raw}


@pytest.mark.parametrize("raw", ["0,0,0", "1,2", "1,-1,1", "11,1,1", "a,b,c", "1.5,1,1", "<script>"])
def test_bad_index_weights_are_reported_and_dropped(raw):
    parsed = parse({"w": raw}, {"fibre_rate"}, set(), "fibre_rate")
    assert parsed.view.weights == (1, 1, 1)
    assert [name for name, _ in parsed.rejected] == ["w"]
    assert "w" not in to_params(parsed.view, "fibre_rate")


def test_index_indicators_travel_in_the_link_and_unknown_ones_are_refused():
    known = {"fibre_rate", "helpers_per_100k"}
    parsed = parse({"idx": "helpers_per_100k,fibre_rate"}, known, set(), "fibre_rate")
    assert parsed.view.members == ("helpers_per_100k", "fibre_rate")
    assert to_params(parsed.view, "fibre_rate") == {"idx": "helpers_per_100k,fibre_rate"}
    bad = parse({"idx": "helpers_per_100k,nope"}, known, set(), "fibre_rate")
    assert bad.view.members is None and [n for n, _ in bad.rejected] == ["idx"]


def test_a_french_nuts2_code_is_the_europe_page_region():
    parsed = parse({"region": "FRC1"}, INDICATORS, REGIONS, "fibre_rate", frozenset({"FRC1", "FRC2"}))
    assert parsed.view.nuts == "FRC1" and parsed.view.regions == ()
    assert parsed.rejected == []
    assert to_params(parsed.view, "fibre_rate", nuts_page=True) == {"region": "FRC1"}
    assert to_params(parsed.view, "fibre_rate") == {}, "other pages keep their own regions"


def test_an_unknown_nuts_code_is_rejected_and_reported():
    parsed = parse({"region": "ZZ99"}, INDICATORS, REGIONS, "fibre_rate", frozenset({"FRC1"}))
    assert parsed.view.nuts is None
    assert parsed.rejected == [("region", "ZZ99")]


def test_index_indicators_must_be_index_members_when_the_members_are_known():
    known = {"fibre_rate", "acts_per_1000"}
    parsed = parse({"idx": "acts_per_1000"}, known, set(), "fibre_rate", index_members=frozenset({"fibre_rate"}))
    assert parsed.view.members is None and [n for n, _ in parsed.rejected] == ["idx"]
