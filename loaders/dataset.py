"""The committed snapshot, read back: what every page, chart and export starts from."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.paths import DATA_DIR

TABLES = ("facts.parquet", "territories.parquet", "strategies.parquet", "indicators.json", "sources.json")


class SnapshotUnavailable(RuntimeError):
    """The snapshot is missing or damaged; the message says what to run."""


@dataclass(frozen=True)
class Dataset:
    facts: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
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

    def indicator(self, indicator_id: str) -> pd.Series:
        """The catalogue row of one indicator."""
        rows = self.indicators[self.indicators["id"] == indicator_id]
        if rows.empty:
            raise KeyError(indicator_id)
        return rows.iloc[0]


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
    try:
        return json.loads((Path(data_dir or DATA_DIR) / "manifest.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return ""


def load_dataset(data_dir: Path | None = None) -> Dataset:
    """Read and verify the snapshot (each file against the sha256 in its manifest)."""
    folder = Path(data_dir or DATA_DIR)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SnapshotUnavailable(
            f"no readable snapshot in {folder} (manifest.json). Build it with `python -m loaders build`."
        ) from exc
    raw = {name: _verified_bytes(folder, name, manifest) for name in TABLES}

    def parquet(name: str) -> pd.DataFrame:
        return pd.read_parquet(io.BytesIO(raw[name]))

    return Dataset(
        facts=parquet("facts.parquet"),
        territories=parquet("territories.parquet"),
        strategies=parquet("strategies.parquet"),
        indicators=pd.DataFrame(json.loads(raw["indicators.json"])),
        sources=pd.DataFrame(json.loads(raw["sources.json"])),
        manifest=manifest,
        data_dir=folder,
    )
