"""Invariants the snapshot must satisfy before it is written: the build fails rather than ship a wrong number."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from loaders.catalogue import FLAGS, LEVELS, NOT_COVERED, Indicator, Role, Source, SourceFile
from loaders.codes import REGION_CODES

if TYPE_CHECKING:
    from loaders.context import BuildContext

EXPECTED_COUNTS = {"region": 18, "department": 101}
# The facts table: one row per territory, indicator and period (value NaN only where not covered).
FACT_COLUMNS = {
    "level": "str",
    "code": "str",
    "indicator": "str",
    "period": "str",
    "value": "float64",
    "flag": "string",
    "low": "float64",
    "high": "float64",
    "decimals": "Int8",
}


class SnapshotError(ValueError):
    """The assembled data break an invariant; the message says which and where."""


def check_territories(territories: pd.DataFrame) -> None:
    counts = territories.groupby("level")["code"].nunique().to_dict()
    if counts != EXPECTED_COUNTS:
        raise SnapshotError(f"expected 18 regions and 101 departments, got {counts}")
    regions = set(territories.loc[territories["level"] == "region", "code"])
    if regions != set(REGION_CODES):
        raise SnapshotError(f"region codes differ from the COG: {sorted(regions ^ set(REGION_CODES))}")


def check_facts(facts: pd.DataFrame, indicators: dict[str, Indicator], territories: pd.DataFrame) -> None:
    """Columns and types as declared, keys unique, codes known, indicators catalogued, values finite, percentages
    in [0, 100]."""
    check_fact_columns(facts)
    unknown_levels = set(facts["level"]) - set(LEVELS)
    if unknown_levels:
        raise SnapshotError(f"unknown levels: {sorted(unknown_levels)}")
    unknown_ind = set(facts["indicator"]) - set(indicators)
    if unknown_ind:
        raise SnapshotError(f"indicators missing from the catalogue: {sorted(unknown_ind)}")
    empty = set(indicators) - set(facts["indicator"])
    if empty:
        raise SnapshotError(f"catalogued indicators without any value: {sorted(empty)}")
    dup = facts.duplicated(["level", "code", "indicator", "period"], keep=False)
    if dup.any():
        raise SnapshotError(f"duplicate facts, e.g.\n{facts[dup].head(4)}")
    french = facts[facts["level"].isin(EXPECTED_COUNTS)]
    known = set(zip(territories["level"], territories["code"], strict=True))
    stray = [key for key in set(zip(french["level"], french["code"], strict=True)) if key not in known]
    if stray:
        raise SnapshotError(f"facts for territories not in the COG: {sorted(stray)[:5]}")
    empty_value = facts["value"].isna() & (facts["flag"] != NOT_COVERED).fillna(True)
    if empty_value.any():
        raise SnapshotError(f"missing values must be absent rows, not NaN: {facts[empty_value].head(3)}")
    check_bounds(facts)
    pct = facts["indicator"].isin([i.id for i in indicators.values() if i.is_percent])
    out_of_range = facts[pct & facts["value"].notna() & ~facts["value"].between(0, 100)]
    if not out_of_range.empty:
        raise SnapshotError(f"percentages outside [0, 100]:\n{out_of_range.head()}")
    bad_flags = set(facts["flag"].dropna()) - set(FLAGS)
    if bad_flags:
        raise SnapshotError(f"unknown flags: {sorted(bad_flags)}")
    bad_period = ~facts["period"].str.fullmatch(r"\d{4}(-\d{2}-\d{2})?")
    if bad_period.any():
        raise SnapshotError(f"periods must be YYYY or YYYY-MM-DD: {facts.loc[bad_period, 'period'].unique()[:5]}")
    check_levels_declared(facts, indicators)


def check_bounds(facts: pd.DataFrame) -> None:
    """Where a value carries an interval, it is a real interval that holds the value."""
    bounded = facts[facts["low"].notna() | facts["high"].notna()]
    bad = bounded[~((bounded["low"] <= bounded["value"]) & (bounded["value"] <= bounded["high"]))]
    if not bad.empty:
        raise SnapshotError(f"values outside their low/high bounds, or half-open bounds:\n{bad.head()}")


def check_fact_columns(facts: pd.DataFrame) -> None:
    found = {column: str(dtype) for column, dtype in facts.dtypes.items()}
    if found != FACT_COLUMNS:
        raise SnapshotError(f"facts columns and types differ from the schema: expected {FACT_COLUMNS}, found {found}")


def check_levels_declared(facts: pd.DataFrame, indicators: dict[str, Indicator]) -> None:
    """Each indicator's facts sit only at the levels its catalogue entry declares."""
    used = facts.groupby("indicator")["level"].unique()
    for indicator, levels in used.items():
        extra = set(levels) - set(indicators[indicator].levels)
        if extra:
            raise SnapshotError(f"{indicator}: facts at undeclared levels {sorted(extra)}")


def check_catalogue(indicators: list[Indicator], sources: list[Source]) -> None:
    """What no single entry can check: unique ids, cited sources exist, twins and roles hold together."""
    for kind, ids in (("indicator", [i.id for i in indicators]), ("source", [s.id for s in sources])):
        twice = sorted(k for k, n in Counter(ids).items() if n > 1)
        if twice:
            raise SnapshotError(f"{kind} ids defined twice: {twice}")
    by_id = {i.id: i for i in indicators}
    source_ids = {s.id for s in sources}
    for ind in indicators:
        missing = set(ind.sources) - source_ids
        if missing:
            raise SnapshotError(f"{ind.id}: cites unknown sources {sorted(missing)}")
        pres = ind.presentation
        if pres.twin and (pres.twin not in by_id or by_id[pres.twin].presentation.twin != ind.id):
            raise SnapshotError(f"{ind.id}: its twin {pres.twin!r} must exist and name it back")
        if pres.continued_by and pres.continued_by not in by_id:
            raise SnapshotError(f"{ind.id}: continued by unknown indicator {pres.continued_by!r}")
    for role in Role:
        holders = [i.id for i in indicators if role in i.presentation.defaults]
        if len(holders) != 1:
            raise SnapshotError(f"default role {role.value!r} must be held by one indicator, not {holders}")
    for position in ("headline", "overview"):
        taken = [getattr(i.presentation, position) for i in indicators if getattr(i.presentation, position) is not None]
        if len(taken) != len(set(taken)):
            raise SnapshotError(f"two indicators share a {position} position: {sorted(taken)}")
    check_files_declared_once(sources)


def check_files_declared_once(sources: list[Source]) -> None:
    """A raw file listed by two sources is one file: both must declare the same hash and format."""
    seen: dict[str, tuple[str, SourceFile]] = {}
    for source in sources:
        for file in source.files:
            first = seen.setdefault(file.path, (source.id, file))
            if (first[1].sha256, first[1].read) != (file.sha256, file.read):
                raise SnapshotError(f"{file.path}: declared differently by sources {first[0]!r} and {source.id!r}")


def check_raw_files(ctx: BuildContext, sources: list[Source]) -> None:
    """Each raw file is the one its source declares (sha256): a changed file is a data update to review."""
    for source in sources:
        for file in source.files:
            found = hashlib.sha256(ctx.file(file.path).path.read_bytes()).hexdigest()
            if found != file.sha256:
                raise SnapshotError(
                    f"{source.id}: raw file {file.path} has sha256 {found}, its YAML declares {file.sha256}. "
                    "If the file was updated on purpose, review it and update the sha256 in the YAML."
                )
