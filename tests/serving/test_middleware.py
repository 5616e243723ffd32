"""The two middlewares on a bare Starlette app: pre-compressed assets with their headers, the page shell on page
paths, unknown pages sent home."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import brotli
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import ASGIApp

from serving.assets import IMMUTABLE, REVALIDATE, AssetStore, Document
from serving.middleware import Pages, PrecompressedAssets, redirect_target

PAGES = {"carte", "sources"}
ROOT_FILES = {"favicon.png", "manifest.json", "index.html"}
SHELL = b"<html><head><title>shell</title></head><body></body></html>" * 20


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/", "", None),
        ("/carte", "", None),
        ("/carte/", "lang=en", None),  # Streamlit drops the trailing slash itself
        ("/favicon.png", "", None),
        ("/_stcore/health", "", None),
        ("/carte/_stcore/host-config", "", None),  # the frontend's probes on a deep path
        ("/static/js/x.js", "", None),
        ("/app/static/world_110m.json", "", None),
        ("/media/abc.png", "", None),
        ("/component/x/index.html", "", None),
        ("/vue-ensemble", "", "/"),  # the default page's stem is not a path: Streamlit says "Page not found"
        ("/nope", "lang=en&indicator=ftth_coverage", "/?lang=en&indicator=ftth_coverage"),
        ("/carte/extra", "", "/"),
    ],
)
def test_redirect_target(path, query, expected):
    assert redirect_target(path, query, PAGES, ROOT_FILES) == expected


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def call(app: ASGIApp, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Answer:
    """One HTTP request straight through the ASGI interface (no client library, no network)."""
    path, _, query = path.partition("?")
    scope = {"type": "http", "method": method, "path": path, "query_string": query.encode(), "root_path": "",
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}  # fmt: skip
    messages: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        messages.append(message)

    # In its own thread: Playwright's sync API may hold this thread's event loop when the browser tests run too.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = messages[0]
    return Answer(
        start["status"],
        {k.decode(): v.decode() for k, v in start["headers"]},
        b"".join(m.get("body", b"") for m in messages[1:]),
    )


@pytest.fixture
def app(tmp_path) -> ASGIApp:
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "Chart.AbCd1234.js").write_text("export const x = 1;\n" * 500)

    def fallback(request):
        return PlainTextResponse(f"streamlit {request.url.path}")

    return Starlette(
        routes=[Route("/{path:path}", fallback, methods=["GET", "POST"])],
        middleware=[
            Middleware(Pages, pages=PAGES, root_files=ROOT_FILES, shell=Document.of(SHELL, "text/html")),
            Middleware(PrecompressedAssets, store=AssetStore(tmp_path)),
        ],
    )


def test_asset_served_in_brotli_with_cache_headers(app: ASGIApp, tmp_path):
    answer = call(app, "/static/js/Chart.AbCd1234.js", {"Accept-Encoding": "gzip, deflate, br"})
    assert answer.status == 200
    assert answer.headers["content-encoding"] == "br"
    assert answer.headers["cache-control"] == IMMUTABLE
    assert answer.headers["vary"] == "Accept-Encoding"
    assert answer.headers["content-type"].startswith("text/javascript")
    assert int(answer.headers["content-length"]) == len(answer.body)
    assert brotli.decompress(answer.body) == (tmp_path / "js" / "Chart.AbCd1234.js").read_bytes()


def test_asset_without_compression_still_varies(app: ASGIApp, tmp_path):
    answer = call(app, "/static/js/Chart.AbCd1234.js", {"Accept-Encoding": "identity"})
    assert "content-encoding" not in answer.headers
    assert answer.headers["vary"] == "Accept-Encoding"
    assert answer.headers["cache-control"] == IMMUTABLE
    assert answer.body == (tmp_path / "js" / "Chart.AbCd1234.js").read_bytes()


def test_other_paths_reach_streamlit(app: ASGIApp):
    assert call(app, "/static/js/missing.AbCd1234.js").body == b"streamlit /static/js/missing.AbCd1234.js"
    assert call(app, "/carte/").body == b"streamlit /carte/"  # Streamlit redirects it to /carte itself
    assert call(app, "/nope", method="POST").body == b"streamlit /nope"  # only navigations are redirected


def test_unknown_page_redirects_home_with_its_query(app: ASGIApp):
    answer = call(app, "/nope?lang=en")
    assert answer.status == 302
    assert answer.headers["location"] == "/?lang=en"


@pytest.mark.parametrize("path", ["/", "/carte?lang=en", "/sources"])
def test_page_paths_get_the_shell(app: ASGIApp, path):
    answer = call(app, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert answer.status == 200
    assert (answer.headers["content-encoding"], answer.headers["cache-control"]) == ("br", REVALIDATE)
    assert answer.headers["vary"] == "Accept-Encoding"
    assert answer.headers["content-type"].startswith("text/html")
    assert brotli.decompress(answer.body) == SHELL
    assert call(app, path, {"Accept-Encoding": "gzip"}).headers["content-encoding"] == "gzip"
    assert call(app, path).body == SHELL
