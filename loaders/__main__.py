"""Command line: `python -m loaders build [--sources DIR] [--out DIR]` and
`python -m loaders refresh [--source ID ...] [--list] [--dry-run] [--mirror URL]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from loaders.build import catalogue, write_snapshot
from loaders.catalogue import CatalogueError
from loaders.codes import UnmatchedNameError
from loaders.context import BuildContext
from loaders.io import SourceFormatError
from loaders.paths import DATA_DIR, RAW_ENV_VAR, default_raw_root
from loaders.refresh import RefreshError, plan, refresh
from loaders.validate import SnapshotError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Build the Atlas data snapshot.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="read the raw sources and write the snapshot")
    build.add_argument(
        "--sources", type=Path, default=None, help=f"raw folder (default ${RAW_ENV_VAR} or ../shared/sources)"
    )
    build.add_argument("--out", type=Path, default=DATA_DIR, help="snapshot folder (default data/)")
    again = sub.add_parser("refresh", help="download the sources from their official addresses and switch snapshots")
    again.add_argument("--source", action="append", default=[], metavar="ID", help="only this source (repeatable)")
    again.add_argument("--list", action="store_true", help="print each file's address and class, download nothing")
    again.add_argument("--dry-run", action="store_true", help="download and rebuild, report what would change")
    again.add_argument(
        "--mirror",
        default=None,
        help="a mirror replacing the official hosts: each file, in its official format, at <MIRROR>/<raw path>",
    )
    again.add_argument("--sources", type=Path, default=None, help="raw folder for the files not downloaded")
    args = parser.parse_args(argv)
    if args.command == "refresh":
        return run_refresh(args)
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


def run_refresh(args: argparse.Namespace) -> int:
    """Exit 0 when the snapshot was switched (or a dry run or --list ended well), 1 with the cause otherwise."""
    try:
        if args.list:
            for item in plan(catalogue()[1], args.source):
                why = f"\n{'':24} {item.why}" if item.why else ""
                print(f"{item.kind.value:24} {item.source:34} {item.path}  <- {item.url}{why}")
            return 0
        root = (args.sources or default_raw_root()).resolve()
        outcome = refresh(raw_root=root, only=args.source, mirror=args.mirror, dry_run=args.dry_run)
    except RefreshError as exc:
        print(f"refresh failed, snapshot unchanged: {exc}", file=sys.stderr)
        return 1
    for line in changes(outcome.log):
        print(line)
    if outcome.snapshot is None:
        print(f"dry run: snapshot {outcome.log['version']} would replace {outcome.log['previous']}; nothing switched")
    else:
        print(f"snapshot {outcome.log['version']} is now current: {outcome.snapshot}")
    return 0


def changes(log: dict, examples: int = 3) -> list[str]:
    """What a refresh moved, for a person to read: counts per indicator, a few moved values, newer vintages."""
    lines = []
    for indicator, moved in log["indicators"].items():
        lines.append(
            f"  {indicator}: +{moved['added']} −{moved['removed']} values, {moved['moved']} changed beyond rounding"
        )
        lines += [
            f"    {e['level']} {e['code']} {e['period']}: {e['old']} → {e['new']}" for e in moved["examples"][:examples]
        ]
    lines += [f"  {indicator}: latest period {p['old']} → {p['new']}" for indicator, p in log["latest_periods"].items()]
    return lines or ["  no value changed"]


if __name__ == "__main__":
    sys.exit(main())
