"""Population loader: France's legal population (nuts0 FR), Mayotte's estimates, per-capita rates by date."""

from __future__ import annotations

import csv
import itertools
import json
from collections import defaultdict
from datetime import date

import numpy as np
import pandas as pd
import pytest

from loaders import population
from loaders.context import BuildContext
from loaders.io import SourceFormatError
from tests.loaders import population_reference as ref


@pytest.fixture(scope="module")
def facts(raw_ctx: BuildContext) -> pd.DataFrame:
    return population.facts(raw_ctx)


@pytest.fixture(scope="module")
def raw_rows(raw_ctx: BuildContext) -> list[dict[str, str]]:
    with raw_ctx.file(population.LEGAL_FILE).path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_france_population_is_the_sum_of_the_101_departments(facts, raw_rows, raw_ctx):
    """Sum of the raw departments, Mayotte's census replaced by Insee's figures (interpolated to 1 January 2020)."""
    mayotte = ref.mayotte_points(raw_ctx.root)
    sums: dict[str, float] = defaultdict(float)
    departments: dict[str, set[str]] = defaultdict(set)
    for row in raw_rows:
        if row["level"] == "departement":
            vintage = row["vintage"]
            if row["code"] == "976":
                sums[vintage] += round(ref.interpolate(mayotte, date(int(vintage), 1, 1)))
            else:
                sums[vintage] += int(row["population_municipale"])
            departments[vintage].add(row["code"])
    assert {len(codes) for codes in departments.values()} == {101}
    france = facts[(facts["indicator"] == "population") & (facts["level"] == "nuts0")]
    assert france["code"].unique().tolist() == ["FR"]
    assert dict(zip(france["period"], france["value"], strict=True)) == {v: float(s) for v, s in sums.items()}
    assert set(sums) == {"2020", "2022", "2023"}


def test_mayotte_takes_insee_estimates_flagged_for_department_and_region(facts, raw_rows, raw_ctx):
    estimates = {r["date"]: float(r["population"]) for r in ref.read_rows(raw_ctx.root / ref.MAYOTTE_FILE)}
    census = [float(r["population_municipale"]) for r in raw_rows if r["code"] == "976"]
    assert set(census) == {estimates["2017-09-01"]}, "the package repeats the 2017 census in every vintage"
    start, end = date(2017, 9, 1), date(2022, 1, 1)
    share = (date(2020, 1, 1) - start).days / (end - start).days
    expected = {
        "2020": float(round(estimates["2017-09-01"] + (estimates["2022-01-01"] - estimates["2017-09-01"]) * share)),
        "2022": estimates["2022-01-01"],
        "2023": estimates["2023-01-01"],
    }
    pop = facts[facts["indicator"] == "population"]
    for level, code in (("department", "976"), ("region", "06")):
        rows = pop[(pop["level"] == level) & (pop["code"] == code)]
        assert dict(zip(rows["period"], rows["value"], strict=True)) == expected
        assert set(rows["flag"]) == {"estimate"}
    others = pop[~pop["code"].isin(["976", "06"]) | (pop["level"] == "nuts0")]
    assert others["flag"].isna().all()
    territories = raw_ctx.territories.set_index(["level", "code"])["population"]
    assert territories[("department", "976")] == territories[("region", "06")] == expected["2023"]


def test_mayotte_replacement_stops_when_the_package_no_longer_repeats_the_census(tmp_path):
    (tmp_path / "population").mkdir()
    (tmp_path / population.MAYOTTE_FILE).write_text(
        "code,date,population,kind\n976,2017-09-01,256518,census\n976,2022-01-01,300000,estimate\n", encoding="utf-8"
    )
    legal = pd.DataFrame({"level": "department", "code": "976", "period": ["2022", "2023"], "value": [256518.0, 1.0]})
    with pytest.raises(SourceFormatError, match="no longer the 2017 census repeated"):
        population.mayotte_population(BuildContext(tmp_path), legal)
    legal["value"] = 256518.0
    assert population.mayotte_population(BuildContext(tmp_path), legal).to_dict() == {
        "2022": 300000.0,
        "2023": 300000.0,
    }


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


# --- per-capita rates: one population per date ----------------------------------------------------------------


def toy_population() -> pd.DataFrame:
    """Two territories; 2022-01-01 -> 2023-01-01 is 365 days, so A gains exactly 1 person a day."""
    return pd.DataFrame(
        {
            "level": ["department"] * 4,
            "code": ["A", "A", "B", "B"],
            "period": ["2022", "2023", "2022", "2023"],
            "value": [1_000.0, 1_365.0, 2_000.0, 1_270.0],
        }
    )


def test_per_capita_interpolates_by_day_and_holds_outside_the_vintages():
    counts = pd.DataFrame(
        {
            "level": "department",
            "code": ["A", "A", "A", "A", "A", "B", "C"],
            "period": ["2022-01-11", "2022-07-02", "2022", "2019-03-31", "2025-06-30", "2022-01-11", "2022-06-30"],
            "value": [101.0, 1_182.0, 50.0, 10.0, 1_365.0, 1_980.0, 5.0],
        }
    )
    out = population.per_capita(counts, toy_population(), 1_000)
    # A: 1 010 on 11 January (10 days), 1 182 on 2 July (day 182); 1 000 on '2022' (1 January) and before; 1 365
    # after the last vintage. B loses 2 a day: 1 980 on 11 January. C has no population: missing, not an error.
    assert out["value"].tolist()[:6] == pytest.approx([100.0, 1_000.0, 50.0, 10.0, 1_000.0, 1_000.0])
    assert np.isnan(out["value"].iloc[6])
    assert out["period"].tolist() == counts["period"].tolist(), "rows keep their order and periods"


def test_per_capita_refuses_an_unreadable_period():
    counts = pd.DataFrame({"level": ["department"], "code": ["A"], "period": ["2022-Q1"], "value": [1.0]})
    with pytest.raises(SourceFormatError, match="2022-Q1"):
        population.per_capita(counts, toy_population(), 1_000)


def max_daily_growth(pop: pd.DataFrame) -> float:
    """The largest relative growth per day of any territory between two consecutive vintages."""
    worst = 0.0
    for _, rows in pop.groupby(["level", "code"]):
        points = sorted(zip(rows["period"], rows["value"], strict=True))
        for (y0, p0), (y1, p1) in itertools.pairwise(points):
            days = (date(int(y1), 1, 1) - date(int(y0), 1, 1)).days
            worst = max(worst, (p1 - p0) / p0 / days)
    return worst


def dips_beyond_population_growth(rates: pd.DataFrame, counts: pd.DataFrame, growth: float) -> list[tuple]:
    """Consecutive dates where the count did not fall but the rate fell by more than the population can grow."""
    bad = []
    merged = counts.assign(rate=rates["value"].to_numpy())
    for key, rows in merged.groupby(["level", "code"]):
        rows = rows.sort_values("period")
        days = [date.fromisoformat(p) for p in rows["period"]]
        values, rate = rows["value"].tolist(), rows["rate"].tolist()
        for i in range(1, len(rows)):
            if values[i] >= values[i - 1]:
                allowed = rate[i - 1] / (1 + growth * (days[i] - days[i - 1]).days)
                if rate[i] < allowed * (1 - 1e-12):
                    bad.append((key, rows["period"].iloc[i - 1], rows["period"].iloc[i], rate[i - 1], rate[i]))
    return bad


def test_non_decreasing_counts_never_dip_more_than_the_population_grows_synthetic():
    """Monthly, non-decreasing counts across three vintages with fast growth, a fall, and a flat count."""
    pop = pd.DataFrame(
        {
            "level": "department",
            "code": ["A"] * 3 + ["B"] * 3,
            "period": ["2020", "2022", "2023"] * 2,
            "value": [1_000.0, 1_300.0, 1_310.0, 5_000.0, 4_000.0, 4_100.0],
        }
    )
    months = pd.date_range("2019-01-31", "2024-12-31", freq="ME").strftime("%Y-%m-%d")
    frames = []
    for shift, code in enumerate(("A", "B")):
        steps = ((np.arange(len(months)) * 5 + shift) % 3).astype(float)  # uneven monthly steps of 0, 1 or 2
        steps[10:20] = 0.0  # a flat stretch
        frames.append(
            pd.DataFrame({"level": "department", "code": code, "period": months, "value": 100 + steps.cumsum()})
        )
    counts = pd.concat(frames, ignore_index=True)
    rates = population.per_capita(counts, pop, 1_000)
    assert dips_beyond_population_growth(rates, counts, max_daily_growth(pop)) == []
    # The former rule (nearest vintage) breaks it: the same counts divided by the step population.
    step = counts.assign(
        vintage=counts["period"]
        .str[:4]
        .astype(int)
        .map(lambda y: str(population.nearest_vintage(y, [2020, 2022, 2023])))
    )
    step = step.merge(pop.rename(columns={"period": "vintage", "value": "pop"}), on=["level", "code", "vintage"])
    stepped = step.assign(value=step["value"] / step["pop"] * 1_000)
    assert dips_beyond_population_growth(stepped, counts, max_daily_growth(pop)) != []


@pytest.fixture(scope="module")
def cheque_numerique(raw_ctx: BuildContext) -> pd.DataFrame:
    """France's published monthly counts of firms that received the chèque numérique (raw JSON)."""
    path = raw_ctx.root / "broadband/barometre_etalab_2022t3/OVQ-ATN-national.json"
    if not path.is_file():
        pytest.skip(f"raw file absent: {path}")
    points = json.loads(path.read_text(encoding="utf-8"))[0]["nb-entreprises-cheaque-numerique"]
    rows = [(p["date"], float(p["value"])) for p in points if p["value"] is not None]
    return pd.DataFrame(rows, columns=["period", "value"]).assign(level="nuts0", code="FR")


def test_cheque_numerique_france_per_100k_follows_the_daily_population(raw_ctx, cheque_numerique):
    table = ref.vintages(raw_ctx.root)
    rates = raw_ctx.per_capita(cheque_numerique, 100_000)
    expected = [
        v / ref.population_on(table, "nuts0", "FR", p) * 100_000
        for p, v in zip(cheque_numerique["period"], cheque_numerique["value"], strict=True)
    ]
    assert rates["value"].tolist() == pytest.approx(expected, rel=1e-12)
    pop = pd.DataFrame([{"level": lv, "code": c, "period": v, "value": x} for (lv, c, v), x in table.items()])
    france = pop[pop["level"] == "nuts0"]
    assert dips_beyond_population_growth(rates, cheque_numerique, max_daily_growth(france)) == []
    # December 2021 -> January 2022: the count rises, and so does the rate (it fell by 0.75 % with the old rule).
    by_period = rates.set_index("period")["value"]
    counts = cheque_numerique.set_index("period")["value"]
    assert counts["2022-01-31"] > counts["2021-12-31"]
    assert by_period["2022-01-31"] > by_period["2021-12-31"]


def test_france_population_on_a_date_is_the_sum_of_its_departments(raw_ctx):
    departments = sorted(raw_ctx.department_region())
    for period in ("2019-06-30", "2021-06-25", "2022-09-30", "2025-08-31"):
        counts = pd.DataFrame(
            {"level": ["nuts0", *["department"] * 101], "code": ["FR", *departments], "period": period, "value": 1.0}
        )
        inverse = 1 / raw_ctx.per_capita(counts, 1)["value"]
        assert inverse.iloc[0] == pytest.approx(inverse.iloc[1:].sum(), rel=1e-12), period


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
