"""Populations recomputed from the raw files with the csv and datetime modules, for tests of per-capita rates.

Independent of the loader code: vintage N is the population on 1 January N, Mayotte (976, region 06) takes Insee's
census and estimates (interpolated by day to 1 January of a vintage without one, rounded), France is the sum of the
101 departments, and a date between two vintages gets the linear interpolation by day (held outside).
"""

from __future__ import annotations

import csv
import itertools
from datetime import date
from pathlib import Path

LEGAL_FILE = "population/fr_population_legale_2020_2022_2023_long.csv"
MAYOTTE_FILE = "population/insee_mayotte_population_estimates.csv"
LEVELS = {"departement": "department", "region": "region"}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def interpolate(points: list[tuple[date, float]], when: date) -> float:
    """Linear by day between the surrounding points; the first or last point held outside."""
    points = sorted(points)
    if when <= points[0][0]:
        return points[0][1]
    if when >= points[-1][0]:
        return points[-1][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        if d0 <= when <= d1:
            return v0 + (v1 - v0) * (when - d0).days / (d1 - d0).days
    raise ValueError(f"no interval holds {when}")


def mayotte_points(root: Path) -> list[tuple[date, float]]:
    return [(date.fromisoformat(r["date"]), float(r["population"])) for r in read_rows(root / MAYOTTE_FILE)]


def vintages(root: Path) -> dict[tuple[str, str, str], float]:
    """(level, code, vintage) -> population, Mayotte replaced, France (nuts0 FR) summed from the departments."""
    out: dict[tuple[str, str, str], float] = {}
    mayotte = mayotte_points(root)
    for row in read_rows(root / LEGAL_FILE):
        if row["level"] not in LEVELS:
            continue
        level, code, vintage = LEVELS[row["level"]], row["code"], row["vintage"]
        value = float(row["population_municipale"])
        if (level, code) in (("department", "976"), ("region", "06")):
            value = float(round(interpolate(mayotte, date(int(vintage), 1, 1))))
        out[(level, code, vintage)] = value
    for (level, _, vintage), value in list(out.items()):
        if level == "department":
            out[("nuts0", "FR", vintage)] = out.get(("nuts0", "FR", vintage), 0.0) + value
    return out


def population_on(table: dict[tuple[str, str, str], float], level: str, code: str, when: str) -> float:
    """Population of a territory on a date 'YYYY-MM-DD' (or 'YYYY', read as 1 January)."""
    day = date(int(when), 1, 1) if len(when) == 4 else date.fromisoformat(when)
    points = [(date(int(v), 1, 1), value) for (lv, c, v), value in table.items() if (lv, c) == (level, code)]
    return interpolate(points, day)
