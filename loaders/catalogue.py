"""Metadata that travels with the data: the sources registry and the indicator catalogue."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

PILLARS = ("infrastructure", "usage", "ecosystem", "context")
LEVELS = ("region", "department", "nuts0", "nuts1", "nuts2")
FLAGS = ("estimate", "low_reliability", "series_break", "inferred", "not_covered")
# A territory outside a programme has a fact with this flag and no value: distinct from missing, never 0.
NOT_COVERED = "not_covered"
ESTIMATE = "estimate"


@dataclass(frozen=True)
class Source:
    """One published dataset, as used by the build (files are paths relative to the raw root).

    `title` and `caveats` are the French texts (French first); `title_en` and `caveats_en` their English versions,
    shown in English mode. Publisher, licence and vintage are our French wording; their English versions
    (`*_en`) come from `loaders.sources_en` at build time.
    """

    id: str
    publisher: str
    title: str
    url: str
    licence: str
    vintage: str
    files: tuple[str, ...]
    caveats: str = ""
    title_en: str = ""
    caveats_en: str = ""
    publisher_en: str = ""
    licence_en: str = ""
    vintage_en: str = ""


@dataclass(frozen=True)
class Indicator:
    """One indicator: everything the UI needs to label, format, colour and cite it."""

    id: str
    label_fr: str
    label_en: str
    unit: str  # "%", "per_100k", "per_1000", "count", "index", "km2", "inhab_km2", "persons"
    pillar: str
    polarity: int  # +1 higher is better, -1 higher is worse, 0 neutral (context)
    decimals: int
    definition_fr: str
    definition_en: str
    source_ids: tuple[str, ...]
    caveats_fr: str = ""
    caveats_en: str = ""
    levels: tuple[str, ...] = field(default=("region", "department"))

    def __post_init__(self) -> None:
        assert self.pillar in PILLARS, f"{self.id}: unknown pillar {self.pillar!r}"
        assert self.polarity in (-1, 0, 1), f"{self.id}: polarity must be -1, 0 or 1"
        assert set(self.levels) <= set(LEVELS), f"{self.id}: unknown level in {self.levels}"

    def record(self) -> dict:
        """A flat row for the catalogue table (tuples joined with `|`)."""
        row = asdict(self)
        for key in ("source_ids", "levels"):
            row[key] = "|".join(row[key])
        return row
