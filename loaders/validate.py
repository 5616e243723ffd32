"""Invariants the snapshot must satisfy before it is written: the build fails rather than ship a wrong number."""

from __future__ import annotations

import pandas as pd

from loaders.catalogue import FLAGS, LEVELS, NOT_COVERED, Source
from loaders.codes import REGION_CODES

EXPECTED_COUNTS = {"region": 18, "department": 101}


class SnapshotError(ValueError):
    """The assembled data break an invariant; the message says which and where."""


def check_territories(territories: pd.DataFrame) -> None:
    counts = territories.groupby("level")["code"].nunique().to_dict()
    if counts != EXPECTED_COUNTS:
        raise SnapshotError(f"expected 18 regions and 101 departments, got {counts}")
    regions = set(territories.loc[territories["level"] == "region", "code"])
    if regions != set(REGION_CODES):
        raise SnapshotError(f"region codes differ from the COG: {sorted(regions ^ set(REGION_CODES))}")


def check_facts(facts: pd.DataFrame, indicators: pd.DataFrame, territories: pd.DataFrame) -> None:
    """Keys unique, codes known, indicators catalogued, values finite, percentages in [0, 100]."""
    unknown_levels = set(facts["level"]) - set(LEVELS)
    if unknown_levels:
        raise SnapshotError(f"unknown levels: {sorted(unknown_levels)}")
    unknown_ind = set(facts["indicator"]) - set(indicators["id"])
    if unknown_ind:
        raise SnapshotError(f"indicators missing from the catalogue: {sorted(unknown_ind)}")
    empty = set(indicators["id"]) - set(facts["indicator"])
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
    pct = facts["indicator"].isin(indicators.loc[indicators["unit"] == "%", "id"])
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


def check_levels_declared(facts: pd.DataFrame, indicators: pd.DataFrame) -> None:
    """Each indicator's facts sit only at the levels its catalogue entry declares."""
    declared = {row.id: set(row.levels.split("|")) for row in indicators.itertuples()}
    used = facts.groupby("indicator")["level"].unique()
    for indicator, levels in used.items():
        extra = set(levels) - declared[indicator]
        if extra:
            raise SnapshotError(f"{indicator}: facts at undeclared levels {sorted(extra)}")


def check_sources(indicators: pd.DataFrame, source_ids: set[str]) -> None:
    for row in indicators.itertuples():
        missing = set(row.source_ids.split("|")) - source_ids
        if missing:
            raise SnapshotError(f"{row.id}: cites unknown sources {sorted(missing)}")


def check_source_texts(sources: list[Source]) -> None:
    """Every source reads in both languages: an English title, publisher, licence and vintage, and English caveats
    wherever there are French ones."""
    for source in sources:
        if not source.title.strip() or not source.title_en.strip():
            raise SnapshotError(f"{source.id}: the source needs a French title and an English title_en")
        if source.caveats.strip() and not source.caveats_en.strip():
            raise SnapshotError(f"{source.id}: French caveats without English caveats_en")
        missing = [f for f in ("publisher_en", "licence_en", "vintage_en") if not getattr(source, f).strip()]
        if missing:
            raise SnapshotError(f"{source.id}: no English {', '.join(missing)} (add it to loaders/sources_en.py)")


def check_index_roles(indicators: pd.DataFrame, members: dict, left_out: dict) -> None:
    """Index members are catalogued rates with a direction; what is left out is catalogued and not a member too."""
    catalogue = indicators.set_index("id")
    unknown = (set(members) | set(left_out)) - set(catalogue.index)
    if unknown:
        raise SnapshotError(f"index declarations name unknown indicators: {sorted(unknown)}")
    both = set(members) & set(left_out)
    if both:
        raise SnapshotError(f"indicators both in and out of the index: {sorted(both)}")
    for indicator in members:
        row = catalogue.loc[indicator]
        if row["polarity"] == 0 or row["unit"] in ("count", "persons", "km2"):
            raise SnapshotError(f"{indicator}: counts and context indicators cannot be index members")
