"""Where the raw sources and the committed snapshot live."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_ENV_VAR = "ATLAS_DATA_DIR"
RAW_ENV_VAR = "ATLAS_SOURCES"


def data_dir() -> Path:
    """The snapshot the app serves: $ATLAS_DATA_DIR, else data/. Read at each call, so a test can point elsewhere."""
    return Path(os.environ.get(DATA_ENV_VAR) or REPO_ROOT / "data").resolve()


# The snapshot folder as it was when the process started (the build's default output).
DATA_DIR = data_dir()


def default_raw_root() -> Path:
    """The raw folder: $ATLAS_SOURCES, else ../shared/sources beside the repository."""
    env = os.environ.get(RAW_ENV_VAR)
    if env:
        return Path(env).resolve()
    return (REPO_ROOT.parent / "shared" / "sources").resolve()
