"""Encoding negotiation, which files are immutable, and compress-once, on a temporary asset folder."""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

import brotli
import pytest

from serving.assets import (
    IMMUTABLE,
    REVALIDATE,
    AssetStore,
    Document,
    cache_control,
    compress,
    is_hashed,
    negotiate,
    precompress,
    streamlit_assets,
    with_preload,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),  # Chromium's header: brotli preferred
        ("gzip, deflate", "gzip"),
        ("br;q=0.5, gzip;q=0.9", "gzip"),  # the client's weights win over our order
        ("br;q=0, gzip", "gzip"),  # q=0 refuses
        ("*", "br"),
        ("*;q=0", None),
        ("gzip;q=0, *", "br"),
        ("identity", None),
        ("", None),
        (None, None),
        ("br;q=abc", None),  # an unreadable weight counts as a refusal
    ],
)
def test_negotiate(header, expected):
    assert negotiate(header) == expected


@pytest.mark.parametrize(
    ("name", "hashed"),
    [
        ("js/PlotlyChart.D9Z0_fxz.js", True),
        ("js/DataFrame.-f9-1zS0.js", True),
        ("media/SourceSansVF-Upright.ttf.BsWL4Kly.woff2", True),
        ("css/index.C1JORDN2.css", True),
        ("index.html", False),
        ("manifest.json", False),
        ("js/plotly.js", False),
        ("js/PlotlyChart.short.js", False),  # 5 characters: not a content hash
    ],
)
def test_hashed_names_are_immutable(name, hashed):
    assert is_hashed(name) is hashed
    assert cache_control(name) == (IMMUTABLE if hashed else REVALIDATE)


def test_every_streamlit_bundle_is_recognised_as_hashed():
    """Streamlit's own assets all carry a content hash, so none is served with a short cache lifetime."""
    names = [p.name for p in streamlit_assets().rglob("*") if p.is_file()]
    assert names and [n for n in names if not is_hashed(n)] == []


def test_compress_round_trips():
    data = b"const plotly = 1;\n" * 1000
    assert brotli.decompress(compress(data, "br")) == data
    assert gzip.decompress(compress(data, "gzip")) == data
    with pytest.raises(ValueError):
        compress(data, "zstd")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "Chart.AbCd1234.js").write_text("export const x = 1;\n" * 500)
    (tmp_path / "js" / "loose.js").write_text("let y;\n" * 10)
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "Font.AbCd1234.woff2").write_bytes(b"\x00" * 100)
    return tmp_path


class CountingCompressor:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, data: bytes, encoding: str) -> bytes:
        with self.lock:
            self.calls.append(encoding)
        return compress(data, encoding)


def test_store_lists_only_compressible_files(folder: Path):
    store = AssetStore(folder)
    assert set(store.files) == {"js/Chart.AbCd1234.js", "js/loose.js"}
    assert "media/Font.AbCd1234.woff2" not in store
    assert "../secret.js" not in store


def test_second_request_does_not_recompress(folder: Path):
    counter = CountingCompressor()
    store = AssetStore(folder, compressor=counter)
    first = store.get("js/Chart.AbCd1234.js", "gzip, br")
    second = store.get("js/Chart.AbCd1234.js", "br")
    assert counter.calls == ["br"]
    assert first.body is second.body
    assert brotli.decompress(first.body) == (folder / "js" / "Chart.AbCd1234.js").read_bytes()
    assert (first.encoding, first.cache_control, first.media_type) == ("br", IMMUTABLE, "text/javascript")
    store.get("js/Chart.AbCd1234.js", "gzip")
    store.get("js/Chart.AbCd1234.js", "gzip")
    assert counter.calls == ["br", "gzip"]


def test_concurrent_first_requests_compress_once(folder: Path):
    counter = CountingCompressor()
    store = AssetStore(folder, compressor=counter)
    threads = [threading.Thread(target=store.get, args=("js/Chart.AbCd1234.js", "br")) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counter.calls == ["br"]


def test_identity_is_the_file_itself(folder: Path):
    counter = CountingCompressor()
    asset = AssetStore(folder, compressor=counter).get("js/loose.js", None)
    assert asset.body == (folder / "js" / "loose.js").read_bytes()
    assert (asset.encoding, asset.cache_control) == (None, REVALIDATE)
    assert counter.calls == []


def test_prepared_files_are_read_not_compressed(folder: Path, tmp_path_factory):
    prepared = tmp_path_factory.mktemp("prepared")
    assert precompress(folder, prepared) == 2  # the hashed file in br and gzip; loose.js is not hashed
    assert sorted(p.relative_to(prepared).as_posix() for p in prepared.rglob("*") if p.is_file()) == [
        "js/Chart.AbCd1234.js.br",
        "js/Chart.AbCd1234.js.gz",
    ]
    assert precompress(folder, prepared) == 0  # a hashed name always holds the same bytes: nothing to redo
    counter = CountingCompressor()
    store = AssetStore(folder, prepared=prepared, compressor=counter)
    asset = store.get("js/Chart.AbCd1234.js", "br")
    assert brotli.decompress(asset.body) == (folder / "js" / "Chart.AbCd1234.js").read_bytes()
    store.get("js/loose.js", "br")
    assert counter.calls == ["br"]  # only the file that was not prepared


def test_shell_gets_the_preload_hint_once():
    html = b"<html><head><title>x</title></head><body></body></html>"
    shell = with_preload(html, ["js/PlotlyChart.D9Z0_fxz.js"])
    assert shell.count(b'rel="modulepreload"') == 1
    assert b'href="./static/js/PlotlyChart.D9Z0_fxz.js"></head>' in shell
    with pytest.raises(ValueError):
        with_preload(b"<html></html>", ["js/x.js"])


def test_document_is_compressed_in_every_encoding_up_front():
    body = b"<html>" + b"x" * 5000 + b"</html>"
    document = Document.of(body, "text/html")
    assert set(document.variants) == {None, "br", "gzip"}
    assert brotli.decompress(document.get("br").body) == body
    assert gzip.decompress(document.get("gzip").body) == body
    assert document.get(None).body == body
    assert document.get("br").cache_control == REVALIDATE
