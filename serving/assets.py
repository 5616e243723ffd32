"""Streamlit's static assets compressed once and served with long-lived cache headers.

Streamlit serves its JavaScript uncompressed (per-request gzip cost CPU and memory under load); the Plotly bundle
alone is 4.7 MB, 1.06 MB in brotli at quality 11. Each file is compressed at most once per encoding and kept in
memory: read from a folder prepared once at image build (`python -m serving.assets precompress DIR`, quality 11,
~1 min of CPU for all of Streamlit's files), or else compressed on its first request at a quicker quality.
Hashed file names change with their content, so the browser may keep them for a year, and a prepared file
can never be stale.
"""

from __future__ import annotations

import gzip
import re
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import brotli

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Vite names every bundle `<name>.<8-character content hash>.<ext>` (e.g. PlotlyChart.D9Z0_fxz.js,
# SourceSansVF-Upright.ttf.BsWL4Kly.woff2): such a name never points to other bytes.
_HASHED = re.compile(r"^[^/]+\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$")
# Text formats gain from compression; fonts (woff2), images and archives are compressed already.
COMPRESSIBLE = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".html": "text/html",
}
ENCODINGS = ("br", "gzip")
# Measured on the Plotly bundle: quality 9 gives 1.18 MB in 0.7 s (fine on a first request), quality 11 gives
# 1.06 MB in 13 s (only ahead of time). gzip 9: 1.42 MB.
BROTLI_QUALITY = 9
BROTLI_PREPARED_QUALITY = 11
GZIP_LEVEL = 9
SUFFIX = {"br": ".br", "gzip": ".gz"}


def is_hashed(name: str) -> bool:
    """Whether a file name carries its content hash, so it may be cached as immutable."""
    return bool(_HASHED.match(name.rsplit("/", 1)[-1]))


def cache_control(name: str) -> str:
    return IMMUTABLE if is_hashed(name) else REVALIDATE


def _quality(item: str) -> tuple[str, float]:
    coding, _, params = item.partition(";")
    q = 1.0
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.strip() == "q":
            try:
                q = float(value)
            except ValueError:
                q = 0.0
    return coding.strip().lower(), q


def negotiate(accept_encoding: str | None, offered: Iterable[str] = ENCODINGS) -> str | None:
    """The best encoding the client accepts among `offered` (in our order of preference), or None for identity.

    Follows RFC 9110 §12.5.3: `q=0` refuses a coding, `*` stands for any coding not named.
    """
    accepted = dict(_quality(item) for item in (accept_encoding or "").split(",") if item.strip())
    wildcard = accepted.get("*", 0.0)
    ranked = [(accepted.get(coding, wildcard), -i, coding) for i, coding in enumerate(offered)]
    best = max(ranked, default=(0.0, 0, None))
    return best[2] if best[0] > 0 else None


def compress(data: bytes, encoding: str, brotli_quality: int = BROTLI_QUALITY) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=brotli_quality)
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    raise ValueError(f"unsupported encoding {encoding!r}")


@dataclass(frozen=True)
class Asset:
    """What to send for one file in one encoding."""

    body: bytes
    media_type: str
    encoding: str | None
    cache_control: str


@dataclass
class AssetStore:
    """The compressible files under `root`, each compressed once per encoding on first use.

    Only files listed at construction are ever served, so no request path reaches the file system. A file
    prepared in `prepared` (by `precompress`) is read from there instead of being compressed; only hashed names
    are looked up there. `compressor` is injectable so tests can count compressions.
    """

    root: Path
    prepared: Path | None = None
    compressor: Callable[[bytes, str], bytes] = compress
    files: dict[str, Path] = field(init=False)
    _cache: dict[tuple[str, str], bytes] = field(init=False, default_factory=dict)
    _locks: dict[str, threading.Lock] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.files = {
            path.relative_to(self.root).as_posix(): path
            for path in sorted(self.root.rglob("*"))
            if path.is_file() and path.suffix in COMPRESSIBLE
        }
        self._locks = {name: threading.Lock() for name in self.files}

    def __contains__(self, name: str) -> bool:
        return name in self.files

    def get(self, name: str, accept_encoding: str | None) -> Asset:
        """The file's bytes in the best accepted encoding (blocking: compresses on the first call)."""
        path = self.files[name]
        media_type = COMPRESSIBLE[path.suffix]
        encoding = negotiate(accept_encoding)
        if encoding is None:
            return Asset(path.read_bytes(), media_type, None, cache_control(name))
        key = (name, encoding)
        with self._locks[name]:
            if key not in self._cache:
                ready = self.prepared / (name + SUFFIX[encoding]) if self.prepared and is_hashed(name) else None
                if ready is not None and ready.is_file():
                    self._cache[key] = ready.read_bytes()
                else:
                    self._cache[key] = self.compressor(path.read_bytes(), encoding)
        return Asset(self._cache[key], media_type, encoding, cache_control(name))


def with_preload(html: bytes, modules: Iterable[str]) -> bytes:
    """Streamlit's index.html with a modulepreload hint per module (paths below /static/).

    Streamlit asks for the Plotly chunk only when the first chart's delta arrives, ~1.4 s after navigation on
    localhost; the hint starts that 4.7 MB download with the page's own scripts.
    """
    links = "".join(f'<link rel="modulepreload" crossorigin href="./static/{module}">' for module in modules)
    if b"</head>" not in html:
        raise ValueError("index.html has no </head>: Streamlit's page shell changed")
    return html.replace(b"</head>", links.encode() + b"</head>", 1)


@dataclass(frozen=True)
class Document:
    """A small generated document (the page shell), compressed in every encoding once, when it is built."""

    variants: dict[str | None, bytes]
    media_type: str

    @classmethod
    def of(cls, body: bytes, media_type: str) -> Document:
        encoded = {encoding: compress(body, encoding, BROTLI_PREPARED_QUALITY) for encoding in ENCODINGS}
        return cls({None: body, **encoded}, media_type)

    def get(self, accept_encoding: str | None) -> Asset:
        encoding = negotiate(accept_encoding)
        return Asset(self.variants[encoding], self.media_type, encoding, REVALIDATE)


def precompress(root: Path, out: Path) -> int:
    """Write `<name>.br` (quality 11) and `<name>.gz` for every hashed compressible file; returns how many
    were written (files already there are kept: a hashed name always holds the same bytes)."""
    written = 0
    for name, path in AssetStore(root).files.items():
        for encoding, suffix in SUFFIX.items():
            target = out / (name + suffix)
            if not is_hashed(name) or target.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".part")
            partial.write_bytes(compress(path.read_bytes(), encoding, BROTLI_PREPARED_QUALITY))
            partial.replace(target)
            written += 1
    return written


def streamlit_assets() -> Path:
    """Streamlit's hashed bundles (`<package>/static/static`), served under /static/."""
    from streamlit import file_util

    return Path(file_util.get_static_dir()) / "static"


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "precompress":
        sys.exit("usage: python -m serving.assets precompress DIR")
    print(f"{precompress(streamlit_assets(), Path(sys.argv[2]))} files compressed into {sys.argv[2]}")
