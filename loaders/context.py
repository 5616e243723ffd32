"""What every source-family loader receives: where the raw files are, and the territories."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from loaders import population
from loaders.catalogue import CatalogueError, ReadOptions, declared_files
from loaders.codes import FRANCE_CODE, FRANCE_LEVEL
from loaders.io import RawFile


@dataclass(frozen=True)
class BuildContext:
    root: Path

    @cached_property
    def declared(self) -> dict[str, ReadOptions]:
        return declared_files()

    def file(self, relative: str) -> RawFile:
        """A raw file with its declared format; an undeclared or missing one stops the build, naming it."""
        if relative not in self.declared:
            raise CatalogueError(f"{relative} is read by a loader but no source in loaders/*.yaml lists it")
        path = self.root / relative
        if not path.is_file():
            raise FileNotFoundError(f"raw source file not found: {path} (raw root {self.root})")
        return RawFile(path, self.declared[relative])

    @cached_property
    def territories(self) -> pd.DataFrame:
        return population.territories(self)

    @cached_property
    def population(self) -> pd.DataFrame:
        return population.legal_population(self)

    def department_region(self) -> dict[str, str]:
        """Department code -> region code (COG)."""
        deps = self.territories[self.territories["level"] == "department"]
        return dict(zip(deps["code"], deps["parent_code"], strict=True))

    def sum_to_regions(self, counts: pd.DataFrame) -> pd.DataFrame:
        """Department counts summed into their regions (counts only, never rates).

        A region is kept only when it has a value for each of its departments, so a partial sum is
        never shown as a regional total.
        """
        return self._sum_departments(counts, self.department_region(), "region")

    def sum_to_france(self, counts: pd.DataFrame) -> pd.DataFrame:
        """Department counts summed into France (level nuts0, code FR), only where all 101 departments have one."""
        return self._sum_departments(counts, dict.fromkeys(self.department_region(), FRANCE_CODE), FRANCE_LEVEL)

    def _sum_departments(self, counts: pd.DataFrame, mapping: dict[str, str], level: str) -> pd.DataFrame:
        """Sums of department counts per target code (and indicator, period), complete targets only."""
        deps = counts[counts["level"] == "department"].copy()
        unknown = sorted(set(deps["code"]) - set(self.department_region()))
        if unknown:
            raise ValueError(f"department codes not in the COG: {unknown}")
        deps["target"] = deps["code"].map(mapping)
        expected = pd.Series(mapping).value_counts()
        keys = [c for c in ("indicator", "period") if c in deps.columns]
        grouped = deps.groupby(["target", *keys], dropna=False)["value"]
        out = grouped.agg(value="sum", n="count").reset_index()
        out = out[out["n"] == out["target"].map(expected)].drop(columns="n")
        return out.rename(columns={"target": "code"}).assign(level=level)

    def per_capita(self, counts: pd.DataFrame, per: int) -> pd.DataFrame:
        """Counts (level, code, period, value) divided by the population on each period's date.

        One population per date: legal vintages interpolated by day, held after the latest (`population.per_capita`).
        """
        return population.per_capita(counts, self.population, per)
