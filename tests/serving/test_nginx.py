"""The repository's nginx configuration rendered for a local run: only addresses and the port change."""

from __future__ import annotations

from pathlib import Path

import pytest

from serving.nginx import NGINX, SITE, check, render_site

UPSTREAMS = ["127.0.0.1:18501", "127.0.0.1:18502"]


def test_render_replaces_replicas_and_port_only():
    rendered = render_site(UPSTREAMS, "127.0.0.1:18500")
    original = SITE.read_text()
    assert "server 127.0.0.1:18501 max_fails" in rendered and "server 127.0.0.1:18502 max_fails" in rendered
    assert "listen 127.0.0.1:18500;" in rendered and "listen 80;" not in rendered
    changed = [line for line in rendered.splitlines() if line not in original.splitlines()]
    assert len(changed) == 3


def test_sticky_sessions_are_keyed_on_a_cookie_not_the_address():
    site = SITE.read_text()
    assert "hash $atlas_route consistent;" in site
    assert "\n    ip_hash" not in site


def test_render_refuses_a_different_number_of_replicas():
    with pytest.raises(ValueError):
        render_site(UPSTREAMS[:1], "127.0.0.1:18500")


def test_nginx_accepts_the_configuration():
    if not Path(NGINX).exists():
        pytest.skip(f"{NGINX} is absent: install Debian's nginx (make system-deps)")
    assert check() == 0
