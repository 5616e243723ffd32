"""A small synthetic snapshot for the tests that are about behaviour, not about the data.

Real territory codes and names (three regions, five of their departments, France), made-up round numbers, and a
catalogue that exercises every unit, pillar, role, placement and index pillar. It is written by the build's own
writer (`loaders.build.write_tables`) and checked by the build's own checks, so `load_dataset()` reads it like the
committed snapshot. The values are NOT real: the one source's title says "Synthetic test data", and nothing here
may be shown as a fact about France.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pandas as pd
from shapely.geometry import box

from loaders import Dataset
from loaders.build import write_tables
from loaders.catalogue import (
    IndexRole,
    Indicator,
    Level,
    Pillar,
    Presentation,
    ReadOptions,
    Role,
    SeriesBreak,
    Source,
    SourceFile,
    Text,
    Unit,
)
from loaders.codes import FRANCE_CODE, FRANCE_LEVEL
from loaders.geography import _collection
from loaders.strategies import COLUMNS as STRATEGY_COLUMNS
from loaders.tidy import tidy
from loaders.validate import check_catalogue, check_facts

SOURCE_ID = "synthetic_test_data"
FRANCE = FRANCE_CODE
REGION, DEPARTMENT = Level.REGION.value, Level.DEPARTMENT.value
ALL_LEVELS = (Level.REGION, Level.DEPARTMENT, Level.NUTS0)
NUTS_LEVELS = (Level.NUTS0.value, Level.NUTS1.value, Level.NUTS2.value)

# (level, code, name, parent_code, population, area_km2, lon/lat box): real codes and names, made-up numbers and
# rectangles roughly where the territory lies. Departments tile the part of their region they are drawn in.
TERRITORIES = [
    (REGION, "11", "Île-de-France", FRANCE, 1_000_000, 1_200.0, (1.4, 48.1, 3.6, 49.3)),
    (REGION, "53", "Bretagne", FRANCE, 400_000, 2_700.0, (-5.0, 47.3, -1.0, 48.9)),
    (REGION, "94", "Corse", FRANCE, 100_000, 870.0, (8.5, 41.3, 9.6, 43.1)),
    (DEPARTMENT, "29", "Finistère", "53", 100_000, 700.0, (-5.0, 47.3, -3.5, 48.9)),
    (DEPARTMENT, "2A", "Corse-du-Sud", "94", 40_000, 400.0, (8.5, 41.3, 9.6, 42.2)),
    (DEPARTMENT, "2B", "Haute-Corse", "94", 60_000, 470.0, (8.5, 42.2, 9.6, 43.1)),
    (DEPARTMENT, "35", "Ille-et-Vilaine", "53", 150_000, 700.0, (-2.3, 47.3, -1.0, 48.9)),
    (DEPARTMENT, "75", "Paris", "11", 200_000, 100.0, (2.2, 48.8, 2.5, 49.0)),
]
FRANCE_POPULATION = 1_500_000  # the three regions together: France in this snapshot is made of them

# The Europe page: (level, code, name, lon/lat box) of NUTS units with a boundary (real codes and names, made-up
# rectangles). France's NUTS 2 are its three regions whole; Germany publishes at NUTS 1 only; Portugal has a boundary
# and no value; ES70 (the Canaries, cropped from the real map) has values and no boundary.
NUTS_UNITS = [
    (Level.NUTS0.value, "DE", "Deutschland", (9.6, 47.0, 15.0, 55.0)),
    (Level.NUTS0.value, "ES", "España", (-9.3, 36.0, 3.3, 41.3)),
    (Level.NUTS0.value, "FR", "France", (-5.0, 41.3, 9.6, 51.0)),
    (Level.NUTS0.value, "IT", "Italia", (9.6, 36.6, 18.5, 47.0)),
    (Level.NUTS0.value, "PT", "Portugal", (-10.5, 37.0, -9.3, 42.1)),
    (Level.NUTS1.value, "DE1", "Baden-Württemberg", (9.6, 47.5, 10.5, 49.8)),
    (Level.NUTS1.value, "DE2", "Bayern", (10.5, 47.3, 13.8, 50.6)),
    (Level.NUTS2.value, "ES11", "Galicia", (-9.3, 39.5, -6.7, 41.3)),
    (Level.NUTS2.value, "ES30", "Comunidad de Madrid", (-4.6, 39.9, -3.0, 41.2)),
    (Level.NUTS2.value, "FR10", "Île-de-France", (1.4, 48.1, 3.6, 49.3)),
    (Level.NUTS2.value, "FRH0", "Bretagne", (-5.0, 47.3, -1.0, 48.9)),
    (Level.NUTS2.value, "FRM0", "Corse", (8.5, 41.3, 9.6, 43.1)),
    (Level.NUTS2.value, "ITC4", "Lombardia", (9.6, 44.7, 11.4, 46.6)),
    (Level.NUTS2.value, "ITI4", "Lazio", (11.4, 41.2, 14.0, 42.8)),
]
NUTS_OF_REGION = {"11": "FR10", "53": "FRH0", "94": "FRM0"}  # as loaders.codes.NUTS2_TO_REGION maps them

FIBRE_PERIODS = ("2021-12-31", "2022-12-31", "2023-12-31")
YEARS = ("2021", "2022", "2023")
EUROPE_YEARS = YEARS[:2]  # most countries publish these; YEARS[2] only France: the page says it is not mapped
HELPER_PERIODS = ("2022-06-30", "2023-06-30")
ACT_PERIODS = ("2023-06-30", "2023-12-31")
LATER_YEARS = ("2023", "2024", "2025", "2026")  # fibre_rate_later: Bretagne never published, Île-de-France lacks one


def text(fr: str, en: str) -> Text:
    return Text({"fr": fr, "en": en})


def indicators() -> list[Indicator]:
    """One indicator per catalogue unit and at least one per pillar; every role held once, one twin pair, one index
    member per index pillar, one indicator left out of the index, one series break."""
    common = {"sources": (SOURCE_ID,)}
    return [
        Indicator(
            id="fibre_rate",
            label=text("Couverture fibre (test)", "Fibre coverage (test)"),
            definition=text("Part des locaux raccordables (test).", "Share of premises connectable (test)."),
            caveats=text("Valeurs inventées.", "Made-up values."),
            unit=Unit.PERCENT,
            pillar=Pillar.INFRASTRUCTURE,
            polarity=1,
            decimals=1,
            levels=ALL_LEVELS,
            presentation=Presentation(
                headline=1,
                overview=1,
                own_chart=True,
                continued_by="fibre_rate_later",
                breaks=(
                    SeriesBreak(
                        start="2022-01-01",
                        end="2022-12-31",
                        label=text("changement de méthode (test)", "change of method (test)"),
                        note=text("Rupture de série synthétique.", "Synthetic series break."),
                    ),
                ),
                defaults=(Role.MAP, Role.SCATTER_X, Role.DEPARTMENT_MAP, Role.GAP_HISTORY),
            ),
            index=IndexRole(
                pillar="infrastructure",
                low=0,
                high=100,
                anchor=text("0 et 100 %", "0 and 100%"),
                rationale=text("Membre de test.", "Test member."),
            ),
            **common,
        ),
        Indicator(
            id="fibre_rate_later",
            label=text("Couverture fibre, nouvelle méthode (test)", "Fibre coverage, new method (test)"),
            definition=text("La même part, mesurée autrement (test).", "The same share, measured differently (test)."),
            unit=Unit.PERCENT,
            pillar=Pillar.INFRASTRUCTURE,
            polarity=1,
            decimals=1,
            levels=ALL_LEVELS,
            **common,
        ),
        Indicator(
            id="internet_use",
            label=text("Usage d'internet (test)", "Internet use (test)"),
            definition=text("Part des personnes (test).", "Share of people (test)."),
            unit=Unit.PERCENT,
            pillar=Pillar.USAGE,
            polarity=1,
            decimals=0,
            levels=(Level.REGION, Level.NUTS0, Level.NUTS1, Level.NUTS2),
            presentation=Presentation(
                headline=2, overview=2, defaults=(Role.SCATTER_Y, Role.TREND_SERIES, Role.EUROPE)
            ),
            index=IndexRole(
                pillar="usage",
                low=50,
                high=100,
                anchor=text("50 et 100 %", "50 and 100%"),
                rationale=text("Membre de test.", "Test member."),
            ),
            **common,
        ),
        Indicator(
            id="helpers_count",
            label=text("Aidants (test)", "Helpers (test)"),
            definition=text("Nombre d'aidants (test).", "Number of helpers (test)."),
            unit=Unit.COUNT,
            pillar=Pillar.ECOSYSTEM,
            polarity=0,
            decimals=0,
            levels=ALL_LEVELS,
            presentation=Presentation(twin="helpers_per_100k"),
            **common,
        ),
        Indicator(
            id="helpers_per_100k",
            label=text("Aidants pour 100 000 habitants (test)", "Helpers per 100,000 inhabitants (test)"),
            definition=text("Aidants rapportés à la population (test).", "Helpers per population (test)."),
            unit=Unit.PER_100K,
            pillar=Pillar.ECOSYSTEM,
            polarity=1,
            decimals=1,
            levels=ALL_LEVELS,
            presentation=Presentation(headline=3, overview=3, twin="helpers_count"),
            index=IndexRole(
                pillar="ecosystem",
                low=0,
                high=20,
                anchor=text("0 et 20", "0 and 20"),
                rationale=text("Membre de test.", "Test member."),
            ),
            **common,
        ),
        Indicator(
            id="acts_per_1000",
            label=text("Actes pour 1 000 habitants (test)", "Acts per 1,000 inhabitants (test)"),
            definition=text("Actes rapportés à la population (test).", "Acts per population (test)."),
            unit=Unit.PER_1000,
            pillar=Pillar.ECOSYSTEM,
            polarity=1,
            decimals=1,
            levels=ALL_LEVELS,
            presentation=Presentation(headline=4),
            index_left_out=text("Laissé hors de l'indice (test).", "Left out of the index (test)."),
            **common,
        ),
        Indicator(
            id="fragility_index",
            label=text("Indice de fragilité (test)", "Fragility index (test)"),
            definition=text("Indice composite (test).", "Composite index (test)."),
            unit=Unit.INDEX,
            pillar=Pillar.ECOSYSTEM,
            polarity=-1,
            decimals=1,
            levels=(Level.REGION, Level.DEPARTMENT),
            **common,
        ),
        Indicator(
            id="area",
            label=text("Superficie (test)", "Area (test)"),
            definition=text("Superficie (test).", "Area (test)."),
            unit=Unit.KM2,
            pillar=Pillar.CONTEXT,
            polarity=0,
            decimals=0,
            levels=(Level.REGION, Level.DEPARTMENT),
            **common,
        ),
        Indicator(
            id="density",
            label=text("Densité (test)", "Density (test)"),
            definition=text("Habitants par km² (test).", "Inhabitants per km² (test)."),
            unit=Unit.INHAB_KM2,
            pillar=Pillar.CONTEXT,
            polarity=0,
            decimals=1,
            levels=(Level.REGION, Level.DEPARTMENT),
            **common,
        ),
        Indicator(
            id="population",
            label=text("Population (test)", "Population (test)"),
            definition=text("Population (test).", "Population (test)."),
            unit=Unit.PERSONS,
            pillar=Pillar.CONTEXT,
            polarity=0,
            decimals=0,
            levels=(*ALL_LEVELS, Level.NUTS1, Level.NUTS2),
            **common,
        ),
    ]


def territories() -> pd.DataFrame:
    """The territories table, in the build's column order and sort."""
    rows = [
        {"level": lv, "code": c, "name": n, "parent_code": p, "zone": "metro", "population": float(pop), "area_km2": a}
        for lv, c, n, p, pop, a, _ in TERRITORIES
    ]
    return pd.DataFrame(rows).sort_values(["level", "code"], ignore_index=True)


def _rows(indicator: str, periods: tuple[str, ...], values: dict[tuple[str, str], tuple[float, ...]]) -> list[dict]:
    return [
        {"level": level, "code": code, "indicator": indicator, "period": period, "value": value}
        for (level, code), series in values.items()
        for period, value in zip(periods, series, strict=True)
    ]


def facts() -> pd.DataFrame:
    """Made-up values; counts of a region are the sum of its departments listed here, France the sum of the regions,
    rates per inhabitant are computed from the populations, so tests can rely on those relations."""
    fr = (FRANCE_LEVEL, FRANCE)
    reg = {c: (REGION, c) for c in ("11", "53", "94")}
    dep = {c: (DEPARTMENT, c) for c in ("29", "2A", "2B", "35", "75")}
    rows = _rows(
        "fibre_rate",
        FIBRE_PERIODS,
        {
            reg["11"]: (70, 80, 90),
            reg["53"]: (40, 50, 60),
            reg["94"]: (20, 30, 45),
            dep["29"]: (35, 45, 55),
            dep["35"]: (45, 55, 65),
            dep["75"]: (85, 92, 97),
            dep["2A"]: (15, 25, 40),
            dep["2B"]: (25, 35, 50),
            fr: (60, 70, 80),
        },
    )
    # The later fibre series: no value at all for Bretagne, and a year Île-de-France (and Paris) lacks: gaps, not zeros.
    later = {
        reg["94"]: (52, 60, 68, 75),
        dep["2A"]: (48, 57, 66, 73),
        dep["2B"]: (55, 62, 69, 77),
        fr: (82, 86, 89, 92),
    }
    rows += _rows("fibre_rate_later", LATER_YEARS, later)
    rows += _rows(
        "fibre_rate_later", LATER_YEARS[:2] + LATER_YEARS[3:], {reg["11"]: (91, 94, 98), dep["75"]: (97, 98, 99)}
    )
    internet = {reg["11"]: (90, 92, 94), reg["53"]: (85, 86, 88), reg["94"]: (80, 82, 83)}
    rows += _rows("internet_use", YEARS, internet)
    rows += _rows("internet_use", YEARS, {fr: (87, 89, 91)})
    nuts1, nuts2 = Level.NUTS1.value, Level.NUTS2.value
    rows += _rows("internet_use", YEARS, {(nuts2, NUTS_OF_REGION[c]): internet[reg[c]] for c in reg})
    abroad = {"ES11": (78, 80), "ES30": (88, 90), "ES70": (75, 77), "ITC4": (84, 86), "ITI4": (79, 81)}
    rows += _rows("internet_use", EUROPE_YEARS, {(nuts2, c): v for c, v in abroad.items()})
    rows += _rows("internet_use", EUROPE_YEARS, {(nuts1, "DE1"): (87, 89), (nuts1, "DE2"): (86, 88)})
    helpers = {dep["29"]: (10, 12), dep["35"]: (15, 18), dep["75"]: (20, 30), dep["2A"]: (4, 6), dep["2B"]: (5, 7)}
    helpers[reg["53"]] = tuple(a + b for a, b in zip(helpers[dep["29"]], helpers[dep["35"]], strict=True))
    helpers[reg["11"]] = helpers[dep["75"]]
    helpers[reg["94"]] = tuple(a + b for a, b in zip(helpers[dep["2A"]], helpers[dep["2B"]], strict=True))
    helpers[fr] = tuple(sum(helpers[reg[c]][i] for c in reg) for i in range(len(HELPER_PERIODS)))
    rows += _rows("helpers_count", HELPER_PERIODS, helpers)
    population = {(lv, c): pop for lv, c, _, _, pop, _, _ in TERRITORIES} | {fr: FRANCE_POPULATION}
    rows += _rows(
        "helpers_per_100k",
        HELPER_PERIODS,
        {key: tuple(v / population[key] * 100_000 for v in series) for key, series in helpers.items()},
    )
    rows += _rows(
        "acts_per_1000",
        ACT_PERIODS,
        {
            reg["11"]: (12, 14),
            reg["53"]: (20, 22),
            reg["94"]: (30, 28),
            dep["29"]: (18, 21),
            dep["35"]: (22, 23),
            dep["75"]: (12, 14),
            dep["2A"]: (25, 24),
            dep["2B"]: (33, 31),
            fr: (16, 18),
        },
    )
    rows += _rows(
        "fragility_index",
        YEARS[:2],
        {key: (40 + i * 3, 38 + i * 3) for i, key in enumerate([*reg.values(), *dep.values()])},
    )
    rows += _rows("area", ("2023",), {(lv, c): (a,) for lv, c, _, _, _, a, _ in TERRITORIES})
    rows += _rows("density", ("2023",), {(lv, c): (pop / a,) for lv, c, _, _, pop, a, _ in TERRITORIES})
    rows += _rows("population", ("2022", "2023"), {key: (pop * 0.99, pop) for key, pop in population.items()})
    # A second indicator on the Europe page, in both years.
    europe_pop = {(nuts2, NUTS_OF_REGION[c]): population[reg[c]] for c in reg} | {
        (nuts2, "ES11"): 900_000,
        (nuts2, "ES30"): 2_000_000,
        (nuts2, "ITC4"): 3_000_000,
        (nuts2, "ITI4"): 1_800_000,
        (nuts1, "DE1"): 3_500_000,
        (nuts1, "DE2"): 4_000_000,
    }
    rows += _rows("population", ("2022", "2023"), {key: (pop * 0.99, pop) for key, pop in europe_pop.items()})
    frame = pd.DataFrame(rows)
    flagged = {
        ("fibre_rate", REGION, "94", "2022-12-31"): "estimate",
        ("internet_use", REGION, "94", "2023"): "low_reliability",
    }
    keys = zip(frame["indicator"], frame["level"], frame["code"], frame["period"], strict=True)
    frame["flag"] = [flagged.get(key) for key in keys]
    reliability = frame["flag"] == "low_reliability"
    frame["low"] = frame["value"].where(reliability) - 5
    frame["high"] = frame["value"].where(reliability) + 5
    # One department outside a programme at one date: a row with no value, not a zero.
    uncovered = pd.DataFrame(
        [{"level": DEPARTMENT, "code": "2B", "indicator": "helpers_count", "period": "2021-06-30", "value": None}]
    ).assign(flag="not_covered")
    facts = tidy(pd.concat([frame, uncovered], ignore_index=True))
    return facts.sort_values(["indicator", "level", "code", "period"], ignore_index=True)


def source(facts: pd.DataFrame) -> Source:
    """The one source; its file is the facts table as CSV, so its hash and size describe something that exists."""
    data = facts.to_csv(index=False).encode()
    return Source(
        id=SOURCE_ID,
        publisher=text("Synthetic test data (aucun éditeur)", "Synthetic test data (no publisher)"),
        credit=text("Synthetic test data", "Synthetic test data"),
        title=text("Synthetic test data — valeurs inventées pour les tests", "Synthetic test data — made-up values"),
        url="https://example.invalid/synthetic-test-data",
        licence=text("Aucune (données de test)", "None (test data)"),
        vintage=text("Tests", "Tests"),
        caveats=text("Ces valeurs ne décrivent pas la France.", "These values do not describe France."),
        manual=text("Écrit par les tests : rien à télécharger.", "Written by the tests: nothing to download."),
        files=(
            SourceFile(
                path="synthetic/facts.csv",
                sha256=hashlib.sha256(data).hexdigest(),
                bytes=len(data),
                read=ReadOptions(separator=","),
            ),
        ),
    )


def strategies() -> pd.DataFrame:
    rows = [
        ("53", "Bretagne", "2017-06-15", "month", "presented", "strategy", "Stratégie de test", "Test strategy"),
        ("11", "Île-de-France", "2018-03-01", "year", "planned", "training", "Formation de test", "Test training"),
    ]
    frame = pd.DataFrame([(*row, "Synthetic test data") for row in rows], columns=STRATEGY_COLUMNS)
    return frame.sort_values(["region_code", "date"], ignore_index=True)


def geometry(level: str) -> dict:
    """Rectangles per territory, through the build's own simplify/snap/orient step; French levels without insets,
    NUTS units with their country, as the build writes them."""
    if level in NUTS_LEVELS:
        chosen = [(c, box(*b), {"country": c[:2], "name": n}) for lv, c, n, b in NUTS_UNITS if lv == level]
    else:
        chosen = [(c, box(*b), {"name": n}) for lv, c, n, _, _, _, b in TERRITORIES if lv == level]
    codes, shapes, props = (list(t) for t in zip(*chosen, strict=True))
    collection = _collection(codes, shapes, props)
    if level not in NUTS_LEVELS:
        collection["insets"] = []
    return collection


def tables() -> dict[str, object]:
    """Every table of the synthetic snapshot, checked by the build's own checks (not `check_territories`, which
    wants all 18 regions and 101 departments)."""
    fact_table = facts()
    catalogue = indicators()
    sources = [source(fact_table)]
    check_catalogue(catalogue, sources)
    check_facts(fact_table, {i.id: i for i in catalogue}, territories())
    return {
        "facts": fact_table,
        "indicators": sorted(catalogue, key=lambda i: i.id),
        "sources": sources,
        "territories": territories(),
        "strategies": strategies(),
        "geometry": {level: geometry(level) for level in (REGION, DEPARTMENT, *NUTS_LEVELS)},
    }


def write_synthetic_snapshot(folder: Path) -> dict:
    """Write the synthetic snapshot into folder (replaced whole) and return its manifest."""
    return write_tables(tables(), folder)


def without(ds: Dataset, **match: str) -> Dataset:
    """The dataset without the facts matching every column=value given: a gap made on purpose by one test, leaving
    the shared snapshot untouched."""
    hit = pd.Series(True, index=ds.facts.index)
    for column, value in match.items():
        hit &= ds.facts[column] == value
    return replace(ds, facts=ds.facts[~hit].reset_index(drop=True))
