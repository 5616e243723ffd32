"""Command line: `python -m loaders build [--sources DIR] [--out DIR]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from loaders.build import write_snapshot
from loaders.catalogue import CatalogueError
from loaders.codes import UnmatchedNameError
from loaders.context import BuildContext
from loaders.io import SourceFormatError
from loaders.paths import DATA_DIR, RAW_ENV_VAR, default_raw_root
from loaders.validate import SnapshotError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Build the Atlas data snapshot.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="read the raw sources and write the snapshot")
    build.add_argument(
        "--sources", type=Path, default=None, help=f"raw folder (default ${RAW_ENV_VAR} or ../shared/sources)"
    )
    build.add_argument("--out", type=Path, default=DATA_DIR, help="snapshot folder (default data/)")
    args = parser.parse_args(argv)
    root = (args.sources or default_raw_root()).resolve()
    if not root.is_dir():
        print(f"error: raw sources folder not found: {root} (use --sources or ${RAW_ENV_VAR})", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        manifest = write_snapshot(BuildContext(root), args.out)
    except (CatalogueError, SourceFormatError, UnmatchedNameError, SnapshotError, FileNotFoundError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    n = sum(manifest["facts_per_indicator"].values())
    print(
        f"snapshot {manifest['version']} written to {args.out}: {n} facts, "
        f"{len(manifest['facts_per_indicator'])} indicators, {time.perf_counter() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
