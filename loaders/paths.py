"""Where the raw sources and the committed snapshot live."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_ENV_VAR = "ATLAS_DATA_DIR"
# The snapshot the app serves: data/ unless a deployment or a test points elsewhere.
DATA_DIR = Path(os.environ.get(DATA_ENV_VAR) or REPO_ROOT / "data").resolve()
RAW_ENV_VAR = "ATLAS_SOURCES"


def default_raw_root() -> Path:
    """The raw folder: $ATLAS_SOURCES, else ../shared/sources beside the repository."""
    env = os.environ.get(RAW_ENV_VAR)
    if env:
        return Path(env).resolve()
    return (REPO_ROOT.parent / "shared" / "sources").resolve()
