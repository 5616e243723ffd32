"""`python -m loaders refresh`: this year's figures from the official addresses, without risking the dashboard.

Each raw file the catalogue gives an address for is downloaded (pooch, into a user cache), checked for integrity
(complete, read by its loader, validated by the whole build, the FttH overlap check included), and recorded with
its sha256 as provenance ("unchanged" when the hash is the previous one; an update is never refused for its hash).
The snapshot is rebuilt in a new folder under the user data directory and made current by renaming a symlink
into place: readers see the old snapshot or the new one, never half of one. On any failure nothing is switched,
and the message names the source and the cause. The committed data/ stays the fallback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd
import pooch

from loaders.build import catalogue, sha256, write_snapshot
from loaders.catalogue import Source, SourceFile
from loaders.context import BuildContext
from loaders.official import OfficialFormatError, convert
from loaders.paths import COMMITTED_DATA, current_snapshot, state_dir

TIMEOUT = 60.0  # seconds without an answer before a download is given up
CHANGELOG = "changelog.json"
pooch.get_logger().setLevel("WARNING")  # one line per file is ours to print


class RefreshError(RuntimeError):
    """A refresh stopped; the message names the source and the cause. The current snapshot is untouched."""


class Kind(StrEnum):
    SAME = "same format"  # the address serves the file as the loader reads it
    CONVERTED = "official format differs"  # the publisher's format, turned into the raw layout by loaders.official
    MANUAL = "manual"  # no stable machine address: the source's page says where to get it


@dataclass(frozen=True)
class Planned:
    source: str
    path: str  # under the raw root
    kind: Kind
    url: str  # the file's address, or the source's page for a manual one
    sha256: str  # the hash the catalogue records now
    convert: str | None = None  # the reader of the official format (CONVERTED only)
    why: str = ""  # why a person must fetch it (MANUAL only)


def plan(sources: Iterable[Source], only: Sequence[str] = ()) -> list[Planned]:
    """Every raw file of the chosen sources (all by default), classified."""
    known = {s.id for s in sources}
    unknown = sorted(set(only) - known)
    if unknown:
        raise RefreshError(f"unknown source id(s): {', '.join(unknown)} (see `python -m loaders refresh --list`)")
    return [classify(s, f) for s in sources if not only or s.id in only for f in s.files]


def classify(source: Source, file: SourceFile) -> Planned:
    """Where a refresh gets the file and how it reads it: the publisher's stable address first, else the copy's."""
    if file.refresh is not None:
        kind = Kind.CONVERTED if file.refresh.convert else Kind.SAME
        return Planned(source.id, file.path, kind, file.refresh.url, file.sha256, file.refresh.convert)
    if file.url:
        return Planned(source.id, file.path, Kind.SAME, file.url, file.sha256)
    return Planned(source.id, file.path, Kind.MANUAL, source.url, file.sha256, why=source.manual["en"])


def download(item: Planned, cache: Path, mirror: str | None, progress: bool) -> Path:
    """The file fetched into the cache (a fresh copy each refresh). `mirror`: a base address that replaces the
    official host (an internal mirror; the tests' local server), the raw path appended."""
    url = mirror.rstrip("/") + "/" + item.path if mirror else item.url
    folder = cache / hashlib.sha256(url.encode()).hexdigest()[:16]
    shutil.rmtree(folder, ignore_errors=True)
    name = Path(item.path).name
    try:
        return Path(
            pooch.retrieve(
                url,
                known_hash=None,
                fname=f"official-{name}" if item.convert else name,
                path=folder,
                downloader=pooch.HTTPDownloader(timeout=TIMEOUT, progressbar=progress),
            )
        )
    except Exception as exc:  # requests, urllib3 and pooch each raise their own kinds: all mean "not downloaded"
        raise RefreshError(f"{item.source}: download of {url} failed: {exc}") from exc


def fetch(item: Planned, cache: Path, mirror: str | None, progress: bool) -> tuple[Path, dict]:
    """The file in its raw layout, with its provenance record (class, sha256, and the download's own sha256 when
    a reader converted it)."""
    got = download(item, cache, mirror, progress)
    if got.stat().st_size == 0:
        raise RefreshError(f"{item.source}: {item.path} downloaded empty")
    record = {"source": item.source, "path": item.path, "kind": item.kind.value}
    if item.convert:
        record["download_sha256"] = sha256(got)
        got = readable(item, got)
    return got, {**record, "sha256": sha256(got), "bytes": got.stat().st_size}


def progress_line(source: str, fetched: list[dict], manual: int) -> str:
    """One line per source: what its files did, for a log or a terminal."""
    updated = sum(f["status"] == "updated" for f in fetched)
    size = sum(f["bytes"] for f in fetched)
    kept = f", {manual} manual kept as it is" if manual else ""
    counts = f"{len(fetched)} file(s), {updated} updated, {len(fetched) - updated} unchanged{kept}"
    return f"{source}: {counts} ({size:,} bytes)"


def readable(item: Planned, download: Path) -> Path:
    """An official-format download in the raw file's layout, beside the download."""
    try:
        return convert(item.convert, download, download.with_name(Path(item.path).name))
    except OfficialFormatError as exc:
        raise RefreshError(f"{item.source}: {item.url} is not the expected official format: {exc}") from exc


def served_hashes(snapshot: Path) -> dict[str, str]:
    """The sha256 of each raw file the served snapshot was built from: "unchanged" means unchanged since then."""
    try:
        return {f["path"]: f["sha256"] for s in json.loads((snapshot / "sources.json").read_text()) for f in s["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def staged_root(raw_root: Path, downloads: dict[str, Path]) -> Path:
    """A raw folder for the build: the downloaded files, and links to every other raw file."""
    stage = Path(tempfile.mkdtemp(prefix="raw-", dir=state_dir()))
    for path in raw_root.rglob("*"):
        if path.is_file():
            relative = path.relative_to(raw_root).as_posix()
            target = stage / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(downloads.get(relative, path))
    for relative, path in downloads.items():
        target = stage / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    return stage


def changelog(old: pd.DataFrame, new: pd.DataFrame, decimals: dict[str, int]) -> dict:
    """What the refresh moved: facts added and removed, values changed beyond rounding, per indicator."""
    keys = ["indicator", "level", "code", "period"]
    both = old[[*keys, "value"]].merge(new[[*keys, "value"]], on=keys, how="outer", suffixes=("_old", "_new"))
    added = both["value_old"].isna() & both["value_new"].notna()
    removed = both["value_old"].notna() & both["value_new"].isna()
    half = both["indicator"].map(lambda i: 0.5 * 10.0 ** -decimals.get(i, 2))
    moved = (both["value_old"] - both["value_new"]).abs() > half
    per = {}
    for indicator, rows in both.assign(added=added, removed=removed, moved=moved).groupby("indicator"):
        counts = {k: int(rows[k].sum()) for k in ("added", "removed", "moved")}
        if any(counts.values()):
            changed = rows[rows["moved"]].head(20)
            counts["examples"] = [
                {"level": r.level, "code": r.code, "period": r.period, "old": r.value_old, "new": r.value_new}
                for r in changed.itertuples()
            ]
            per[str(indicator)] = counts
    latest = {
        str(indicator): {"old": str(old.loc[old["indicator"] == indicator, "period"].max()), "new": str(period)}
        for indicator, period in new.groupby("indicator")["period"].max().items()
        if str(old.loc[old["indicator"] == indicator, "period"].max()) != str(period)
    }
    return {"indicators": per, "latest_periods": latest}


@dataclass
class Outcome:
    snapshot: Path | None  # the folder made current (None for a dry run)
    log: dict


def refresh(
    *,
    raw_root: Path,
    only: Sequence[str] = (),
    mirror: str | None = None,
    dry_run: bool = False,
    say: Callable[[str], None] = print,
    progress: bool | None = None,
) -> Outcome:
    """Download, rebuild aside, compare, and (unless a dry run) switch. Raises RefreshError: nothing switched."""
    _, sources = catalogue()
    planned = plan(sources, only)
    progress = sys.stderr.isatty() if progress is None else progress
    home = state_dir()
    home.mkdir(parents=True, exist_ok=True)
    cache = home / "downloads"
    previous = current_snapshot() or COMMITTED_DATA
    served = served_hashes(previous)
    downloads, hashes, files = {}, {}, []
    for source, items in itertools.groupby(planned, key=lambda item: item.source):
        items = list(items)
        wanted = [item for item in items if item.kind is not Kind.MANUAL]
        if not wanted:
            say(f"{source}: manual, kept as it is — {items[0].why}")
            continue
        fetched = []
        for item in wanted:
            got, record = fetch(item, cache, mirror, progress)
            record["status"] = "unchanged" if record["sha256"] == served.get(item.path, item.sha256) else "updated"
            downloads[item.path], hashes[item.path] = got, record["sha256"]
            fetched.append(record)
        say(progress_line(source, fetched, manual=len(items) - len(wanted)))
        files += fetched
    stage = staged_root(raw_root, downloads)
    built = Path(tempfile.mkdtemp(prefix="snapshot-", dir=home))
    try:
        manifest = write_snapshot(BuildContext(stage), built / "data", refreshed=hashes)
    except Exception as exc:  # the build names the file and the check that failed
        shutil.rmtree(built, ignore_errors=True)
        raise RefreshError(f"the downloaded files do not build: {exc}") from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    decimals = {i["id"]: i["decimals"] for i in json.loads((built / "data" / "indicators.json").read_text())}
    log = {
        "refreshed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "version": manifest["version"],
        "previous": _version(previous),
        "files": files,
        **changelog(
            pd.read_parquet(previous / "facts.parquet"), pd.read_parquet(built / "data" / "facts.parquet"), decimals
        ),
    }
    (built / "data" / CHANGELOG).write_text(json.dumps(log, ensure_ascii=False, indent=1, default=_plain))
    if dry_run:
        shutil.rmtree(built, ignore_errors=True)
        return Outcome(None, log)
    _switch(home, built / "data")
    return Outcome(built / "data", log)


def read_changelog(snapshot: Path) -> dict | None:
    """The changelog a refresh wrote beside its snapshot; None for a snapshot built by `build` (the committed one)."""
    try:
        return json.loads((snapshot / CHANGELOG).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else str(value)


def _version(folder: Path) -> str:
    try:
        return json.loads((folder / "manifest.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return ""


def _switch(home: Path, snapshot: Path) -> None:
    """Point `current` at the new snapshot in one rename (atomic on POSIX)."""
    link = home / "current"
    fresh = home / f".current-{os.getpid()}"
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(snapshot)
    os.replace(fresh, link)
