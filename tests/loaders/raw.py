"""A raw tree of one file, written where the catalogue declares it: how loader tests feed a reader a crafted file."""

from __future__ import annotations

from pathlib import Path

from loaders.context import BuildContext


def raw_tree(root: Path, relative: str, content: str | bytes) -> BuildContext:
    """`content` written at `root/relative` (text as UTF-8), and a build context on `root`."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return BuildContext(root)
