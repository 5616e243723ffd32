"""Where the raw sources and the committed snapshot live."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_ENV_VAR = "ATLAS_DATA_DIR"
RAW_ENV_VAR = "ATLAS_SOURCES"


STATE_ENV_VAR = "ATLAS_STATE_DIR"
COMMITTED_DATA = REPO_ROOT / "data"


def state_dir() -> Path:
    """Where `python -m loaders refresh` keeps its downloads and snapshots: $ATLAS_STATE_DIR, else the user's data
    directory."""
    return Path(os.environ.get(STATE_ENV_VAR) or platformdirs.user_data_path("atlas-numerique")).resolve()


def current_snapshot() -> Path | None:
    """The refreshed snapshot made current, if any (the `current` symlink's target, with its manifest)."""
    link = state_dir() / "current"
    return link.resolve() if link.is_symlink() and (link.resolve() / "manifest.json").is_file() else None


def data_dir() -> Path:
    """The snapshot the app serves: $ATLAS_DATA_DIR, else the last refreshed one, else the committed data/. Read at
    each call, so a test can point elsewhere and a refresh is picked up without a restart."""
    env = os.environ.get(DATA_ENV_VAR)
    return Path(env).resolve() if env else current_snapshot() or COMMITTED_DATA.resolve()


# The build's default output: $ATLAS_DATA_DIR as the process started, else the committed data/ (never a refreshed
# snapshot: those are written by `refresh` alone).
DATA_DIR = Path(os.environ.get(DATA_ENV_VAR) or COMMITTED_DATA).resolve()


def default_raw_root() -> Path:
    """The raw folder: $ATLAS_SOURCES, else ../shared/sources beside the repository."""
    env = os.environ.get(RAW_ENV_VAR)
    if env:
        return Path(env).resolve()
    return (REPO_ROOT.parent / "shared" / "sources").resolve()
