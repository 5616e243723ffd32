"""The committed snapshot, read back: what every page, chart and export starts from."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from loaders.catalogue import Indicator, Role, Source
from loaders.paths import data_dir as default_data_dir
from loaders.validate import check_fact_columns

TABLES = ("facts.parquet", "territories.parquet", "strategies.parquet", "indicators.json", "sources.json")


class SnapshotUnavailable(RuntimeError):
    """The snapshot is missing or damaged; the message says what to run."""


class OverlayError(ValueError):
    """A session's own indicators cannot be laid over the snapshot; the message says why."""


@dataclass(frozen=True)
class Dataset:
    facts: pd.DataFrame
    indicators: dict[str, Indicator]  # by id, in id order
    sources: dict[str, Source]  # by id, in id order
    territories: pd.DataFrame
    strategies: pd.DataFrame
    manifest: dict
    data_dir: Path
    _geometry: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def version(self) -> str:
        return self.manifest["version"]

    def geometry(self, level: str) -> dict:
        """GeoJSON FeatureCollection of a level; features carry properties.code. Read once, then kept."""
        if level not in self._geometry:
            name = f"geo/{level}.geojson"
            if name not in self.manifest["files"]:
                raise SnapshotUnavailable(f"no geometry for level {level!r} in the snapshot")
            self._geometry[level] = json.loads(_verified_bytes(self.data_dir, name, self.manifest))
        return self._geometry[level]

    def indicator(self, indicator_id: str) -> Indicator:
        return self.indicators[indicator_id]

    def holder(self, role: Role) -> str:
        """The indicator a view opens on (the catalogue gives each role to exactly one indicator)."""
        return next(i.id for i in self.indicators.values() if role in i.presentation.defaults)

    def with_overlay(self, indicators: list[Indicator], facts: pd.DataFrame, sources: list[Source]) -> Dataset:
        """This snapshot plus a session's own indicators (uploaded data), as a new Dataset.

        The snapshot is cached once per process and shared by every session, so it is never modified: a session keeps
        the returned object in its own state, and two sessions never see each other's additions. The additions may not
        reuse an id of the snapshot, and their facts follow the snapshot's schema.
        """
        clash = sorted(
            ({i.id for i in indicators} & set(self.indicators)) | ({s.id for s in sources} & set(self.sources))
        )
        if clash:
            raise OverlayError(f"ids already used by the snapshot: {clash}")
        stray = set(facts["indicator"]) - {i.id for i in indicators}
        if stray:
            raise OverlayError(f"facts for indicators not given: {sorted(stray)}")
        check_fact_columns(facts)
        # A version of its own: results cached by version (index scores) are never shared with another session's data.
        digest = hashlib.sha256(
            pd.util.hash_pandas_object(facts, index=False).to_numpy().tobytes()
            + "".join(i.model_dump_json() for i in indicators).encode()
        ).hexdigest()[:12]
        return replace(
            self,
            manifest={**self.manifest, "version": f"{self.version}+{digest}"},
            facts=pd.concat([self.facts, facts], ignore_index=True),
            indicators=dict(sorted({**self.indicators, **{i.id: i for i in indicators}}.items())),
            sources=dict(sorted({**self.sources, **{s.id: s for s in sources}}.items())),
        )

    def placed(self, position: str) -> list[str]:
        """Indicators with a `headline` or `overview` position, in that order."""
        found = [(getattr(i.presentation, position), i.id) for i in self.indicators.values()]
        return [indicator for place, indicator in sorted(p for p in found if p[0] is not None)]


def _verified_bytes(data_dir: Path, name: str, manifest: dict) -> bytes:
    path = data_dir / name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SnapshotUnavailable(f"snapshot file missing: {path}. Rebuild with `python -m loaders build`.") from exc
    if hashlib.sha256(raw).hexdigest() != manifest["files"].get(name):
        raise SnapshotUnavailable(
            f"snapshot file {path} does not match data/manifest.json (damaged or edited). "
            "Restore it with `git checkout data/` or rebuild with `python -m loaders build`."
        )
    return raw


def snapshot_version(data_dir: Path | None = None) -> str:
    """The version written in the manifest ('' when there is none): a cheap cache key."""
    manifest = Path(data_dir or default_data_dir()) / "manifest.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return ""


def load_dataset(data_dir: Path | None = None) -> Dataset:
    """Read and verify the snapshot (each file against the sha256 in its manifest)."""
    folder = Path(data_dir or default_data_dir())
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SnapshotUnavailable(
            f"no readable snapshot in {folder} (manifest.json). Build it with `python -m loaders build`."
        ) from exc
    raw = {name: _verified_bytes(folder, name, manifest) for name in TABLES}

    def parquet(name: str) -> pd.DataFrame:
        return pd.read_parquet(io.BytesIO(raw[name]))

    try:
        indicators = [Indicator.model_validate(i) for i in json.loads(raw["indicators.json"])]
        sources = [Source.model_validate(s) for s in json.loads(raw["sources.json"])]
    except (ValueError, ValidationError) as exc:
        raise SnapshotUnavailable(
            f"the catalogue in {folder} does not match this version of the code ({exc}). "
            "Rebuild with `python -m loaders build`."
        ) from exc
    return Dataset(
        facts=parquet("facts.parquet"),
        territories=parquet("territories.parquet"),
        strategies=parquet("strategies.parquet"),
        indicators={i.id: i for i in sorted(indicators, key=lambda i: i.id)},
        sources={s.id: s for s in sorted(sources, key=lambda s: s.id)},
        manifest=manifest,
        data_dir=folder,
    )
