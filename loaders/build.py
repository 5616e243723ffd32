"""`python -m loaders build`: raw files in ../shared/sources -> the committed snapshot in data/.

The snapshot is deterministic (same raw files, same bytes), so a rebuild can be compared with the
committed one, and every raw file used is recorded with its sha256 in sources.json.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pandas as pd

from loaders import geography, strategies
from loaders.catalogue import FACT_FAMILIES, SOURCE_FAMILIES, Family, Indicator, Source, load_family
from loaders.context import BuildContext
from loaders.validate import (
    check_catalogue,
    check_facts,
    check_raw_files,
    check_territories,
)

SCHEMA_VERSION = 2


def family_modules() -> list[ModuleType]:
    return [importlib.import_module(f"loaders.{name}") for name in FACT_FAMILIES]


def catalogue() -> tuple[list[Indicator], list[Source]]:
    """Every family's YAML, validated: all indicators and all sources, each checked against the others."""
    families: list[Family] = [load_family(name) for name in (*FACT_FAMILIES, *SOURCE_FAMILIES)]
    indicators = sorted((i for f in families for i in f.indicators), key=lambda i: i.id)
    sources = sorted((s for f in families for s in f.sources), key=lambda s: s.id)
    check_catalogue(indicators, sources)
    return indicators, sources


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assemble(ctx: BuildContext, refreshed: Mapping[str, str] | None = None) -> dict[str, object]:
    """Every table of the snapshot, validated, in memory. `refreshed` (raw path -> sha256): files downloaded anew,
    whose new hash is recorded as their provenance instead of the catalogue's."""
    indicators, sources = catalogue()
    sources = [with_hashes(s, refreshed or {}) for s in sources]
    check_raw_files(ctx, sources)
    facts = pd.concat([m.facts(ctx) for m in family_modules()], ignore_index=True)
    facts = facts.sort_values(["indicator", "level", "code", "period"], ignore_index=True)
    check_territories(ctx.territories)
    check_facts(facts, {i.id: i for i in indicators}, ctx.territories)
    return {
        "facts": facts,
        "indicators": indicators,
        "sources": sources,
        "territories": ctx.territories,
        "strategies": strategies.strategies(ctx),
        "geometry": {level: geography.geometry(ctx, level) for level in geography.LEVELS},
    }


def with_hashes(source: Source, hashes: Mapping[str, str]) -> Source:
    """The source with the given files' sha256 replaced (a refresh's downloads)."""
    if not any(f.path in hashes for f in source.files):
        return source
    files = tuple(f.model_copy(update={"sha256": hashes.get(f.path, f.sha256)}) for f in source.files)
    return source.model_copy(update={"files": files})


def sized(ctx: BuildContext, source: Source) -> Source:
    """A source as written in the snapshot: each raw file with its size."""
    files = tuple(f.model_copy(update={"bytes": ctx.file(f.path).path.stat().st_size}) for f in source.files)
    return source.model_copy(update={"files": files})


def dump_json(obj: object, path: Path) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def write_snapshot(ctx: BuildContext, out_dir: Path, refreshed: Mapping[str, str] | None = None) -> dict:
    """Build the snapshot from the raw files into out_dir and return its manifest."""
    tables = assemble(ctx, refreshed)
    return write_tables({**tables, "sources": [sized(ctx, s) for s in tables["sources"]]}, out_dir)


def write_tables(tables: dict[str, object], out_dir: Path) -> dict:
    """Write assembled tables into out_dir (replaced whole, through a temporary folder) and return its manifest.

    Separate from the build so the test suite writes its synthetic snapshot with the very same writer.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir.parent))
    tmp.chmod(0o755)
    try:
        (tmp / "geo").mkdir()
        for name in ("facts", "territories", "strategies"):
            tables[name].to_parquet(tmp / f"{name}.parquet", index=False, compression="zstd")
        dump_json([i.model_dump(mode="json") for i in tables["indicators"]], tmp / "indicators.json")
        dump_json([s.model_dump(mode="json") for s in tables["sources"]], tmp / "sources.json")
        for level, collection in tables["geometry"].items():
            dump_json(collection, tmp / "geo" / f"{level}.geojson")
        manifest = make_manifest(tmp, tables["facts"])
        dump_json(manifest, tmp / "manifest.json")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def make_manifest(folder: Path, facts: pd.DataFrame) -> dict:
    files = {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}
    version = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    counts = facts.groupby("indicator").size().to_dict()
    return {"schema": SCHEMA_VERSION, "version": version, "files": files, "facts_per_indicator": counts}
