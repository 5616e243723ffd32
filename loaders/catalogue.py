"""The catalogue's types: indicators and sources as validated models, read from one YAML file per source family.

Texts are `{language: text}` maps (a third language is a data change: add it to LANGUAGES and to the YAML files),
lists are lists, units, pillars, levels and flags are enums, and what a page decides about an indicator (headline
figure, count/per-capita twin, own chart, known breaks, default views) sits in its `presentation` block. Models
refuse unknown fields, so a typo in a YAML file stops the build instead of vanishing.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError, model_validator

from loaders.official import CONVERTERS

LANGUAGES = ("fr", "en")
FAMILIES_DIR = Path(__file__).resolve().parent
# One YAML file per source family, `loaders/<name>.yaml`; families with facts also have a module `loaders.<name>`.
FACT_FAMILIES = ("population", "broadband", "usage", "tiers_lieux", "training")
# Families that bring sources but no indicators (territories' shapes, the 2017 strategies).
SOURCE_FAMILIES = ("strategies", "geography")


class CatalogueError(ValueError):
    """A catalogue file or entry is invalid; the message names the file and the field."""


class Pillar(StrEnum):
    INFRASTRUCTURE = "infrastructure"
    USAGE = "usage"
    ECOSYSTEM = "ecosystem"
    CONTEXT = "context"


# Display order everywhere; the index has no context pillar.
PILLARS = tuple(p.value for p in Pillar)
INDEX_PILLARS = tuple(p.value for p in Pillar if p is not Pillar.CONTEXT)


class Unit(StrEnum):
    PERCENT = "%"
    PER_100K = "per_100k"
    PER_1000 = "per_1000"
    COUNT = "count"
    INDEX = "index"
    KM2 = "km2"
    INHAB_KM2 = "inhab_km2"
    PERSONS = "persons"
    # A difference between two rates or scores (the map of a change, the index gap): never a catalogue entry's unit.
    POINTS = "points"


# Units whose France value is a national total, not a level a territory could be compared with.
TOTAL_UNITS = frozenset({Unit.COUNT, Unit.PERSONS, Unit.KM2})


class Level(StrEnum):
    REGION = "region"
    DEPARTMENT = "department"
    NUTS0 = "nuts0"
    NUTS1 = "nuts1"
    NUTS2 = "nuts2"


LEVELS = tuple(lv.value for lv in Level)


class Flag(StrEnum):
    ESTIMATE = "estimate"
    LOW_RELIABILITY = "low_reliability"
    SERIES_BREAK = "series_break"
    INFERRED = "inferred"
    # A territory outside a programme: a fact with this flag and no value, distinct from missing, never 0.
    NOT_COVERED = "not_covered"


FLAGS = tuple(f.value for f in Flag)
NOT_COVERED = Flag.NOT_COVERED.value
ESTIMATE = Flag.ESTIMATE.value


class Role(StrEnum):
    """Views that open on one indicator; each role is held by exactly one indicator of the catalogue."""

    MAP = "map"  # the map, ranking and home page when a link names none
    SCATTER_X = "scatter_x"  # the infrastructure axis of the fracture scatter
    SCATTER_Y = "scatter_y"  # its usage axis
    TREND_SERIES = "trend_series"  # the first 'other series' on Évolution
    DEPARTMENT_MAP = "department_map"  # the department map of a region's profile
    EUROPE = "europe"  # the Europe page's indicator
    GAP_HISTORY = "gap_history"  # the infrastructure series of the index's infrastructure-usage gap over time


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(RootModel[dict[str, str]]):
    """One text in every interface language; an empty text is empty in all of them."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _every_language(self) -> Text:
        if set(self.root) != set(LANGUAGES):
            raise ValueError(f"languages must be exactly {LANGUAGES}, got {sorted(self.root)}")
        filled = {lang for lang, text in self.root.items() if text.strip()}
        if filled and filled != set(LANGUAGES):
            raise ValueError(f"text given in {sorted(filled)} only: {self.root}")
        return self

    def __getitem__(self, lang: str) -> str:
        return self.root[lang]

    def __bool__(self) -> bool:
        return any(text.strip() for text in self.root.values())


EMPTY = Text({lang: "" for lang in LANGUAGES})


class SeriesBreak(Model):
    """A known change of method between two dates: charts shade the span and say why."""

    start: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    end: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    label: Text  # drawn on the chart, beside the shaded span
    note: Text  # the explanation under the chart


class Presentation(Model):
    """Display choices that would otherwise be hard-coded by indicator id in a page."""

    headline: Annotated[int, Field(ge=1)] | None = None  # position among a region profile's headline figures
    overview: Annotated[int, Field(ge=1)] | None = None  # position among France's figures on the home page
    twin: str | None = None  # the count (or per-capita) indicator of the same thing
    own_chart: bool = False  # drawn on its own chart on Évolution, so not among the other series
    continued_by: str | None = None  # a later series of the same measure under another method
    breaks: tuple[SeriesBreak, ...] = ()
    defaults: tuple[Role, ...] = ()


class IndexRole(Model):
    """How one indicator enters the index: pillar, anchors of its 0-100 scale, their origin and the member's reason."""

    pillar: Literal["infrastructure", "usage", "ecosystem"]
    low: float
    high: float
    anchor: Text
    rationale: Text
    default: bool = True

    @model_validator(mode="after")
    def _anchors_ordered(self) -> IndexRole:
        if not self.low < self.high:
            raise ValueError(f"index anchors must satisfy low < high ({self.low}, {self.high})")
        return self


class Indicator(Model):
    """One indicator: everything the interface needs to label, format, colour, place and cite it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: Text
    definition: Text
    caveats: Text = EMPTY
    # A catalogue unit, or a free label in every language (an uploaded indicator names its own unit).
    unit: Unit | Text
    pillar: Pillar
    polarity: Literal[-1, 0, 1]  # +1 higher is better, -1 higher is worse, 0 neutral (context, counts)
    decimals: Annotated[int, Field(ge=0, le=4)]
    sources: tuple[str, ...] = Field(min_length=1)
    levels: tuple[Level, ...] = (Level.REGION, Level.DEPARTMENT)
    presentation: Presentation = Presentation()
    index: IndexRole | None = None
    index_left_out: Text | None = None  # why a plausible member is not in the index

    @model_validator(mode="after")
    def _index_members_are_rates(self) -> Indicator:
        if self.index and self.index_left_out:
            raise ValueError("an indicator is either an index member or left out of it, not both")
        if self.index and (self.polarity == 0 or self.is_total):
            raise ValueError("counts and context indicators cannot be index members")
        return self

    @property
    def is_total(self) -> bool:
        """France's value is the national total (counts, persons, areas), not a comparable level."""
        return isinstance(self.unit, Unit) and self.unit in TOTAL_UNITS

    @property
    def is_percent(self) -> bool:
        return self.unit == Unit.PERCENT


class ReadOptions(Model):
    """How a raw file is written: declared once, so a reader never guesses a number format per value."""

    encoding: str = "utf-8"
    separator: str | None = None  # CSV field separator; None for JSON, Excel and GeoJSON files
    decimal: Literal[".", ","] = "."
    thousands: Literal["", " ", ".", ",", "\u00a0", "\u202f"] = ""

    @model_validator(mode="after")
    def _distinct_marks(self) -> ReadOptions:
        if self.thousands == self.decimal:
            raise ValueError("decimal and thousands marks must differ")
        return self


class Refresh(Model):
    """Where `python -m loaders refresh` fetches a file's newest edition. `convert` names the reader in
    loaders.official that turns the publisher's format into the raw file's layout, when the two differ (the raw
    file is a subset or a re-encoding); without it the download is read as the raw file is."""

    url: str
    convert: str | None = None

    @model_validator(mode="after")
    def _known_reader(self) -> Refresh:
        if self.convert is not None and self.convert not in CONVERTERS:
            raise ValueError(f"unknown reader {self.convert!r} (known: {', '.join(sorted(CONVERTERS))})")
        return self


class SourceFile(Model):
    """One raw file of a source: where it lies under the raw root, where it is published, its hash and format."""

    path: str
    url: str | None = None  # the address this copy was taken from, where one exists
    refresh: Refresh | None = None  # the publisher's stable address for newer editions, when it differs from url
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int | None = None  # written by the build into the snapshot
    read: ReadOptions = ReadOptions()


class Source(Model):
    """One published dataset. Publisher, licence and vintage are our wording; titles stay as published."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    publisher: Text
    credit: Text  # the publisher's short name, for a chart's source line when it cites many sources
    title: Text
    url: str
    licence: Text
    vintage: Text
    caveats: Text = EMPTY
    manual: Text = EMPTY  # why a refresh cannot download a file of it (transcribed, derived, no stable address)
    files: tuple[SourceFile, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _manual_says_why(self) -> Source:
        manual = [f.path for f in self.files if f.url is None and f.refresh is None]
        if manual and not self.manual:
            raise ValueError(f"{self.id}: {manual} have no address: say why in `manual`")
        return self


class Family(Model):
    """One YAML file: the sources of a source family and the indicators built from them."""

    sources: tuple[Source, ...] = ()
    indicators: tuple[Indicator, ...] = ()


def load_family(name: str, folder: Path = FAMILIES_DIR) -> Family:
    """`loaders/<name>.yaml`, validated; a CatalogueError names the file and what is wrong. Parsed once per version
    of the file: a build reads the catalogue and each raw file's declared format from the same YAML."""
    path = folder / f"{name}.yaml"
    try:
        stat = path.stat()
        return _parsed(path, (stat.st_mtime_ns, stat.st_size))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise CatalogueError(f"{path.name}: {exc}") from exc


@functools.lru_cache(maxsize=64)
def _parsed(path: Path, version: tuple[int, int]) -> Family:
    return Family.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def declared_files(folder: Path = FAMILIES_DIR) -> dict[str, ReadOptions]:
    """Every raw file the catalogue declares, by path under the raw root, with how it is written."""
    return {
        file.path: file.read
        for name in (*FACT_FAMILIES, *SOURCE_FAMILIES)
        for source in load_family(name, folder).sources
        for file in source.files
    }
