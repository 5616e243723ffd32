"""Data in: one module per source family, harmonisation, the build, and `load_dataset()`."""

from loaders.dataset import Dataset, SnapshotUnavailable, load_dataset, snapshot_version

__all__ = ["Dataset", "SnapshotUnavailable", "load_dataset", "snapshot_version"]
