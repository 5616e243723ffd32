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
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pandas as pd

from loaders import geography, strategies
from loaders.catalogue import Source
from loaders.context import BuildContext
from loaders.index_catalogue import LEFT_OUT, MEMBERS
from loaders.sources_en import ENGLISH
from loaders.validate import (
    SnapshotError,
    check_facts,
    check_index_roles,
    check_source_texts,
    check_sources,
    check_territories,
)

FAMILIES = ("population", "broadband", "usage", "tiers_lieux", "training")
SCHEMA_VERSION = 1


def family_modules() -> list[ModuleType]:
    return [importlib.import_module(f"loaders.{name}") for name in FAMILIES]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assemble(ctx: BuildContext) -> dict[str, object]:
    """Every table of the snapshot, validated, in memory."""
    modules = family_modules()
    indicators = pd.DataFrame([ind.record() for m in modules for ind in m.INDICATORS])
    dup = indicators["id"][indicators["id"].duplicated()]
    if not dup.empty:
        raise SnapshotError(f"indicator ids defined twice: {list(dup)}")
    indicators = with_index_roles(indicators)
    facts = pd.concat([m.facts(ctx) for m in modules], ignore_index=True)
    facts = facts.sort_values(["indicator", "level", "code", "period"], ignore_index=True)
    sources = [in_english(s) for m in [*modules, strategies, geography] for s in m.SOURCES]
    check_territories(ctx.territories)
    check_facts(facts, indicators, ctx.territories)
    check_sources(indicators, {s.id for s in sources})
    check_source_texts(sources)
    return {
        "facts": facts,
        "indicators": indicators.sort_values("id", ignore_index=True),
        "sources": sources,
        "territories": ctx.territories,
        "strategies": strategies.strategies(ctx),
        "geometry": {level: geography.geometry(ctx, level) for level in geography.LEVELS},
    }


def with_index_roles(indicators: pd.DataFrame) -> pd.DataFrame:
    """The index declarations (loaders/index_catalogue.py) attached to the catalogue, checked against it."""
    check_index_roles(indicators, MEMBERS, LEFT_OUT)
    out = indicators.copy()
    out["index"] = [MEMBERS[i].record() if i in MEMBERS else None for i in out["id"]]
    out["index_left_out"] = [
        dict(zip(("fr", "en"), LEFT_OUT[i], strict=True)) if i in LEFT_OUT else None for i in out["id"]
    ]
    return out


def in_english(source: Source) -> Source:
    """The source with the English publisher, licence and vintage of `loaders.sources_en` (none: left empty)."""
    english = ENGLISH.get(source.id, {})
    return replace(
        source, **{f"{name}_en": english[name] for name in ("publisher", "licence", "vintage") if name in english}
    )


def source_records(ctx: BuildContext, sources: list) -> list[dict]:
    """Sources catalogue rows, each raw file with its size and sha256."""
    records = []
    for source in sorted(sources, key=lambda s: s.id):
        row = {k: v for k, v in vars(source).items() if k != "files"}
        row["files"] = [
            {"path": f, "bytes": ctx.path(f).stat().st_size, "sha256": sha256(ctx.path(f))} for f in source.files
        ]
        records.append(row)
    return records


def dump_json(obj: object, path: Path) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def write_snapshot(ctx: BuildContext, out_dir: Path) -> dict:
    """Write the snapshot into out_dir (replaced whole, through a temporary folder) and return its manifest."""
    tables = assemble(ctx)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir.parent))
    tmp.chmod(0o755)
    try:
        (tmp / "geo").mkdir()
        for name in ("facts", "territories", "strategies"):
            tables[name].to_parquet(tmp / f"{name}.parquet", index=False, compression="zstd")
        dump_json(tables["indicators"].to_dict(orient="records"), tmp / "indicators.json")
        dump_json(source_records(ctx, tables["sources"]), tmp / "sources.json")
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
