"""The digital maturity index on a small synthetic dataset: hand-computed cases and properties (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.index import (
    combine,
    composite,
    effective_weights,
    empty_pillars,
    gap_history,
    member_scores,
    normalise_weights,
    pillar_scores,
    rank_sensitivity,
    reading_period,
    scale,
)
from loaders import Dataset
from tests.analysis.catalogue_entries import indicator as synthetic_indicator
from tests.analysis.catalogue_entries import words

CODES = ("A", "B", "C", "D", "E")
POPULATION = {"A": 100.0, "B": 300.0, "C": 200.0, "D": 400.0, "E": 500.0}


def role(pillar: str, low: float, high: float, default: bool = True) -> dict:
    return {
        "pillar": pillar,
        "low": low,
        "high": high,
        "anchor": words("bornes synthétiques", "synthetic anchors"),
        "rationale": words("raison synthétique", "synthetic rationale"),
        "default": default,
    }


MEMBERS = {
    "fibre": (role("infrastructure", 0, 100), 1, "%"),
    "speed": (role("infrastructure", 50, 100), 1, "%"),
    "use": (role("usage", 60, 100), 1, "%"),
    "offline": (role("usage", 0, 40), -1, "%"),
    "help": (role("ecosystem", 0, 200), 1, "per_1000"),
    "places": (role("ecosystem", 0, 10, default=False), 1, "per_100k"),
}

# The fibre rate is the infrastructure series of the gap history, as FttH is in the catalogue.
ROLES = {"fibre": {"defaults": ("gap_history",)}}

# value per territory (A, B, C, D, E) and France; None = missing (4 of 5 is still 80 % coverage)
VALUES = {
    "fibre": ([50, 80, 100, 20, 70], 60),
    "speed": ([75, 100, 100, 50, 80], 90),
    "use": ([80, 90, 70, 60, 85], None),
    "offline": ([10, 20, 30, None, 15], 20),
    "help": ([100, 50, 150, 20, 60], 80),
    "places": ([5, 1, 2, 8, 3], 4),
}


def dataset(values: dict[str, tuple[list, float | None]] = VALUES, period: str = "2024") -> Dataset:
    rows = []
    for indicator, (local, france) in values.items():
        rows += [("region", c, indicator, period, v) for c, v in zip(CODES, local, strict=True) if v is not None]
        if france is not None:
            rows.append(("nuts0", "FR", indicator, period, france))
    facts = pd.DataFrame(rows, columns=["level", "code", "indicator", "period", "value"]).assign(flag=pd.NA)
    found = [
        synthetic_indicator(i, polarity=pol, unit=unit, pillar=r["pillar"], index=r, presentation=ROLES.get(i, {}))
        for i, (r, pol, unit) in MEMBERS.items()
    ]
    indicators = {ind.id: ind for ind in found}
    territories = pd.DataFrame(
        {"level": "region", "code": list(CODES), "name": list(CODES), "population": [POPULATION[c] for c in CODES]}
    )
    empty = pd.DataFrame()
    return Dataset(facts, indicators, {}, territories, empty, {"version": "test", "files": {}}, Path("."))


def test_scale_between_anchors_clipped_and_reversed():
    values = pd.Series([-10.0, 0.0, 25.0, 100.0, 150.0])
    assert scale(values, 0, 100, 1).tolist() == [0.0, 0.0, 25.0, 100.0, 100.0]
    assert scale(values, 0, 100, -1).tolist() == [100.0, 100.0, 75.0, 0.0, 0.0]
    assert scale(pd.Series([75.0]), 50, 100, 1).tolist() == [50.0]


def test_hand_computed_pillars_index_and_gap():
    table = composite(dataset()).set_index("code")
    # A: fibre 50, speed (75-50)/50=50 -> infra 50; use (80-60)/40=50, offline 100-25=75 -> usage 62.5; help 50
    assert table.loc["A", "infrastructure"] == pytest.approx(50)
    assert table.loc["A", "usage"] == pytest.approx(62.5)
    assert table.loc["A", "ecosystem"] == pytest.approx(50)
    assert table.loc["A", "index"] == pytest.approx((50 + 62.5 + 50) / 3)
    # France: infra (60 + 80) / 2 = 70; use has no France value: population-weighted mean of the regions
    use_fr = (80 * 100 + 90 * 300 + 70 * 200 + 60 * 400 + 85 * 500) / 1500
    usage_fr = ((use_fr - 60) / 40 * 100 + 50) / 2
    assert table.loc["A", "gap"] == pytest.approx(50 - 62.5)
    assert table.loc["A", "gap_france"] == pytest.approx((50 - 62.5) - (70 - usage_fr))
    assert "FR" not in table.index


def test_a_pillar_needs_half_of_its_members():
    values = {**VALUES, "use": ([80, 90, 70, None, 85], None)}  # D now has neither usage member
    table = composite(dataset(values)).set_index("code")
    assert pd.isna(table.loc["D", "usage"]) and pd.isna(table.loc["D", "index"])
    assert table.loc["D", "n_usage"] == 0 and table.loc["D", "of_usage"] == 2
    assert composite(dataset()).set_index("code").loc["D", "usage"] == pytest.approx(0.0), "1 of 2 is enough"


def test_reading_period_is_the_latest_with_80_percent_coverage():
    late = dataset()
    extra = pd.DataFrame(
        [("region", c, "fibre", "2025", 99.0) for c in CODES[:3]],
        columns=["level", "code", "indicator", "period", "value"],
    ).assign(flag=pd.NA)
    ds = Dataset(
        pd.concat([late.facts, extra]), late.indicators, late.sources, late.territories, late.strategies, {}, Path(".")
    )
    assert reading_period(ds, "fibre", "region") == "2024", "3 of 5 territories in 2025 is below 80 %"


def test_weights_one_zero_zero_give_index_equal_to_infrastructure():
    table = composite(dataset(), weights={"infrastructure": 1, "usage": 0, "ecosystem": 0})
    assert np.allclose(table["index"], table["infrastructure"])


def test_non_default_members_are_off_unless_asked():
    scores = member_scores(dataset())
    assert "places" not in set(scores["indicator"])
    assert "places" in set(member_scores(dataset(), indicators=["places", "fibre"])["indicator"])
    with pytest.raises(ValueError, match="not index members"):
        member_scores(dataset(), indicators=["nope"])


@given(st.lists(st.floats(0, 10, allow_nan=False), min_size=3, max_size=3).filter(lambda w: sum(w) > 1e-6))
def test_weights_are_normalised(raw):
    weights = normalise_weights(dict(zip(("infrastructure", "usage", "ecosystem"), raw, strict=True)))
    assert sum(weights.values()) == pytest.approx(1.0)
    assert all(w >= 0 for w in weights.values())


@pytest.mark.parametrize("bad", [{"infrastructure": -1, "usage": 1}, {"usage": 0}, {"skills": 1}])
def test_bad_weights_are_refused(bad):
    with pytest.raises(ValueError):
        normalise_weights(bad)


@settings(max_examples=15, deadline=None)
@given(code=st.sampled_from(CODES[:3]), member=st.sampled_from(["fibre", "use", "help"]), step=st.floats(0.1, 50))
def test_improving_a_positive_indicator_never_lowers_the_index(code, member, step):
    before = composite(dataset()).set_index("code").loc[code, "index"]
    local, france = VALUES[member]
    better = list(local)
    better[CODES.index(code)] = better[CODES.index(code)] + step
    after = composite(dataset({**VALUES, member: (better, france)})).set_index("code").loc[code, "index"]
    assert after >= before - 1e-9


@settings(max_examples=10, deadline=None)
@given(factor=st.floats(0.01, 1000))
def test_rescaling_a_unit_with_its_anchors_changes_nothing(factor):
    before = composite(dataset())
    local, france = VALUES["help"]
    MEMBERS["help"] = (role("ecosystem", 0, 200 * factor), 1, "per_1000")
    try:
        after = composite(dataset({**VALUES, "help": ([v * factor for v in local], france * factor)}))
    finally:
        MEMBERS["help"] = (role("ecosystem", 0, 200), 1, "per_1000")
    columns = ["infrastructure", "usage", "ecosystem", "index", "gap", "gap_france"]
    pd.testing.assert_frame_equal(before[columns], after[columns], check_exact=False, rtol=1e-9)


def test_same_seed_same_sensitivity_and_ranks_within_their_interval():
    one = rank_sensitivity(dataset(), draws=200, seed=3)
    two = rank_sensitivity(dataset(), draws=200, seed=3)
    pd.testing.assert_frame_equal(one, two)
    ranked = one.dropna()
    assert (ranked["rank_min"] <= ranked["rank_p05"]).all() and (ranked["rank_p05"] <= ranked["rank_p95"]).all()
    assert (ranked["rank_p95"] <= ranked["rank_max"]).all()
    assert sorted(ranked["rank"]) == list(range(1, len(ranked) + 1))


def test_a_zero_weight_stays_zero_in_every_draw():
    only_infra = rank_sensitivity(dataset(), weights={"infrastructure": 1}, draws=50)
    assert (only_infra["rank_min"] == only_infra["rank_max"]).all(), "one pillar: no weight can move"


def test_combine_recomputes_from_pillars_alone():
    pillars = pillar_scores(member_scores(dataset()))
    equal, tilted = combine(pillars, None), combine(pillars, {"infrastructure": 2, "usage": 1, "ecosystem": 1})
    a = tilted.set_index("code").loc["A"]
    assert a["index"] == pytest.approx((2 * a["infrastructure"] + a["usage"] + a["ecosystem"]) / 4)
    assert not equal["index"].equals(tilted["index"])


def test_gap_history_needs_both_fibre_and_surveys_in_a_year():
    values = {
        "fibre": ([50, 80, 100, 20, 70], 60),
        "use": ([80, 90, 70, 60, 85], 75),
        "offline": ([10, 20, 30, 5, 15], 20),
    }
    ds = dataset({k: VALUES[k] for k in MEMBERS} | values, period="2021")
    history = gap_history(ds).set_index(["code", "year"])
    assert history.loc[("A", "2021"), "infrastructure"] == pytest.approx(50)
    assert history.loc[("A", "2021"), "gap"] == pytest.approx(50 - (50 + 75) / 2)
    assert ("FR", "2021") in history.index


def test_a_weighted_pillar_without_any_indicator_stops_counting():
    pillars = pillar_scores(member_scores(dataset(), indicators=["fibre", "speed", "help"]))
    assert empty_pillars(pillars) == ["usage"]
    weights = effective_weights(pillars, {"infrastructure": 1, "usage": 5, "ecosystem": 1})
    assert weights == {"infrastructure": 0.5, "usage": 0.0, "ecosystem": 0.5}
    table = combine(pillars, {"infrastructure": 1, "usage": 5, "ecosystem": 1}).set_index("code")
    assert table.loc["A", "index"] == pytest.approx((50 + 50) / 2)
