"""ASGI middleware given to `st.App`: it runs before Streamlit's own routes (DESIGN.md §5, Serving).

The app is served at the root of its host (no `server.baseUrlPath`); nginx proxies `/` to it."""

from __future__ import annotations

from collections.abc import Collection

from anyio import to_thread
from starlette.datastructures import Headers
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from serving.assets import Asset, AssetStore, Document

# First path segments Streamlit routes itself (core API, media, components, its assets, the app's static/).
RESERVED_SEGMENTS = frozenset({"_stcore", "media", "component", "static", "app"})


def redirect_target(path: str, query_string: str, pages: Collection[str], root_files: Collection[str]) -> str | None:
    """Where an unknown page path goes: the home page with the same query string, or None to let it through.

    Streamlit answers any path with its index.html and then shows a hard-coded English "Page not found";
    sending the browser home server-side keeps the interface in its language and the link's view.
    """
    relative = path.strip("/")
    if relative == "" or relative in pages or relative in root_files:
        return None
    segments = relative.split("/")
    if segments[0] in RESERVED_SEGMENTS or "_stcore" in segments:
        return None
    return "/" + (f"?{query_string}" if query_string else "")


async def send_asset(asset: Asset, scope: Scope, receive: Receive, send: Send) -> None:
    """Every variant says `Vary: Accept-Encoding`, so a shared cache never hands brotli to a gzip-only client."""
    headers = {"Cache-Control": asset.cache_control, "Vary": "Accept-Encoding"}
    if asset.encoding:
        headers["Content-Encoding"] = asset.encoding
    await Response(asset.body, headers=headers, media_type=asset.media_type)(scope, receive, send)


class Pages:
    """Page paths get the page shell (Streamlit's index.html with its preload hints); an unknown page path
    is redirected to the home page (302, query string kept)."""

    def __init__(self, app: ASGIApp, pages: Collection[str], root_files: Collection[str], shell: Document) -> None:
        self.app, self.pages, self.root_files, self.shell = app, frozenset(pages), frozenset(root_files), shell

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            if scope["path"] == "/" or scope["path"][1:] in self.pages:
                await send_asset(self.shell.get(Headers(scope=scope).get("accept-encoding")), scope, receive, send)
                return
            query = scope.get("query_string", b"").decode("latin-1")
            target = redirect_target(scope["path"], query, self.pages, self.root_files)
            if target is not None:
                await RedirectResponse(target, status_code=302, headers={"Cache-Control": "no-cache"})(
                    scope, receive, send
                )
                return
        await self.app(scope, receive, send)


class PrecompressedAssets:
    """Answers `/static/<file>` for the store's files with pre-compressed bytes; everything else goes on."""

    def __init__(self, app: ASGIApp, store: AssetStore) -> None:
        self.app, self.store = app, store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            name = scope["path"].removeprefix("/static/")
            if scope["path"].startswith("/static/") and name in self.store:
                accept = Headers(scope=scope).get("accept-encoding")
                await send_asset(await to_thread.run_sync(self.store.get, name, accept), scope, receive, send)
                return
        await self.app(scope, receive, send)
