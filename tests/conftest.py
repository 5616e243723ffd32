"""Shared fixtures: the raw sources folder (skipped when absent) and the committed snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders import Dataset, load_dataset
from loaders.context import BuildContext
from loaders.paths import DATA_ENV_VAR, default_raw_root
from tests.synthetic import write_synthetic_snapshot


@pytest.fixture(scope="session")
def synthetic_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small made-up snapshot (tests/synthetic.py) for tests about behaviour rather than about the data."""
    folder = tmp_path_factory.mktemp("synthetic") / "data"
    write_synthetic_snapshot(folder)
    return folder


@pytest.fixture(scope="session")
def synthetic_ds(synthetic_dir: Path) -> Dataset:
    return load_dataset(synthetic_dir)


@pytest.fixture
def synthetic_app(synthetic_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points load_dataset() (and so the app, in this process or a server started from it) at the synthetic data."""
    monkeypatch.setenv(DATA_ENV_VAR, str(synthetic_dir))
    return synthetic_dir


@pytest.fixture(scope="session")
def raw_ctx() -> BuildContext:
    """A build context on ../shared/sources; tests needing raw files skip on a user's fresh clone."""
    root = default_raw_root()
    if not (root / "population").is_dir():
        pytest.skip(f"raw sources folder absent ({root}); set ATLAS_SOURCES to run fidelity tests")
    return BuildContext(root)
