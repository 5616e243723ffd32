"""Population loader: France's legal population (nuts0 FR) and the France-level facts of the context indicators."""

from __future__ import annotations

import csv
from collections import defaultdict

import pandas as pd
import pytest

from loaders import population
from loaders.context import BuildContext
from loaders.io import SourceFormatError


@pytest.fixture(scope="module")
def facts(raw_ctx: BuildContext) -> pd.DataFrame:
    return population.facts(raw_ctx)


@pytest.fixture(scope="module")
def raw_rows(raw_ctx: BuildContext) -> list[dict[str, str]]:
    with raw_ctx.path(population.LEGAL_FILE).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_france_population_is_the_sum_of_the_101_departments(facts, raw_rows):
    sums: dict[str, int] = defaultdict(int)
    departments: dict[str, set[str]] = defaultdict(set)
    for row in raw_rows:
        if row["level"] == "departement":
            sums[row["vintage"]] += int(row["population_municipale"])
            departments[row["vintage"]].add(row["code"])
    assert {len(codes) for codes in departments.values()} == {101}
    france = facts[(facts["indicator"] == "population") & (facts["level"] == "nuts0")]
    assert france["code"].unique().tolist() == ["FR"]
    assert dict(zip(france["period"], france["value"], strict=True)) == {v: float(s) for v, s in sums.items()}
    assert set(sums) == {"2020", "2022", "2023"}


def test_france_population_matches_the_total_documented_in_the_source(raw_rows):
    """SOURCES.md documents the France total of the 101 departments; the file carries it as its own row."""
    published = {r["vintage"]: int(r["population_municipale"]) for r in raw_rows if r["level"] == "france_101dep"}
    summed = defaultdict(int)
    for row in raw_rows:
        if row["level"] == "departement":
            summed[row["vintage"]] += int(row["population_municipale"])
    assert published == summed


def test_context_population_has_france_for_per_capita(raw_ctx):
    pop = raw_ctx.population
    france = pop[(pop["level"] == "nuts0") & (pop["code"] == "FR")]
    assert sorted(france["period"]) == ["2020", "2022", "2023"]
    counts = pd.DataFrame({"level": ["nuts0"], "code": ["FR"], "period": ["2023-05-01"], "value": [1_000.0]})
    rate = raw_ctx.per_capita(counts, 100_000)["value"].iloc[0]
    assert rate == pytest.approx(1_000 / france.set_index("period").loc["2023", "value"] * 100_000)


@pytest.mark.parametrize("indicator", ["area_km2", "density"])
def test_no_france_area_or_density_while_mayotte_has_no_area(facts, indicator):
    rows = facts[facts["indicator"] == indicator]
    assert "976" not in set(rows["code"])
    assert "nuts0" not in set(rows["level"])


def test_territories_keep_18_regions_and_101_departments(raw_ctx):
    assert raw_ctx.territories.groupby("level")["code"].nunique().to_dict() == {"department": 101, "region": 18}


def departments(n: int, value: float = 10.0) -> pd.DataFrame:
    codes = [f"{i:02d}" for i in range(1, n + 1)]
    return pd.DataFrame({"level": "department", "code": codes, "period": "2023", "value": value})


def test_france_population_refuses_a_missing_department():
    with pytest.raises(SourceFormatError, match=r"vintages \['2023'\] do not have 101 departments"):
        population.france_population(departments(100), pd.Series({"2023": 1_000.0}))


def test_france_population_refuses_a_sum_that_differs_from_the_file_total():
    with pytest.raises(SourceFormatError, match="differs from the 'france_101dep' row"):
        population.france_population(departments(101), pd.Series({"2023": 1_000.0}))
    out = population.france_population(departments(101), pd.Series({"2023": 1_010.0}))
    assert out.to_dict("records") == [{"level": "nuts0", "code": "FR", "period": "2023", "value": 1_010.0}]


def test_sum_to_france_needs_every_department(raw_ctx):
    codes = sorted(raw_ctx.department_region())
    full = pd.DataFrame({"level": "department", "code": codes, "period": "2024", "value": 1.0})
    partial = full[full["code"] != "976"].assign(period="2025")
    out = raw_ctx.sum_to_france(pd.concat([full, partial], ignore_index=True))
    assert out.to_dict("records") == [{"code": "FR", "period": "2024", "value": 101.0, "level": "nuts0"}]
