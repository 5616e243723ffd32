"""Shared fixtures: the raw sources folder (skipped when absent) and the committed snapshot."""

from __future__ import annotations

import pytest

from loaders.context import BuildContext
from loaders.paths import default_raw_root


@pytest.fixture(scope="session")
def raw_ctx() -> BuildContext:
    """A build context on ../shared/sources; tests needing raw files skip on a user's fresh clone."""
    root = default_raw_root()
    if not (root / "population").is_dir():
        pytest.skip(f"raw sources folder absent ({root}); set ATLAS_SOURCES to run fidelity tests")
    return BuildContext(root)
