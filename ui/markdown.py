"""Catalogue text and links placed safely in st.markdown (no HTML, no accidental formatting)."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:])")
# Characters kept as they are in a link destination; everything else (spaces, parentheses, <, >, quotes,
# backticks, backslashes, non-ASCII) is percent-encoded so the URL cannot end the markdown link early.
_URL_SAFE = ":/?#@!$&*+,;=%~-._[]'"


def escape(text: str) -> str:
    """Text shown literally by markdown: every markdown-significant character is backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def safe_url(url: str) -> str | None:
    """An http(s) URL ready for a markdown link destination, or None (empty, other scheme, no host)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def link(text: str, url: str) -> str:
    """'[text](url)' when the URL is safe, else the text alone (escaped)."""
    target = safe_url(url)
    return f"[{escape(text)}]({target})" if target else escape(text)
