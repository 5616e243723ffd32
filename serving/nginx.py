"""The repository's nginx configuration, runnable without root: upstreams and port substituted, temp paths local.

`deploy/nginx/atlas.conf` is the one configuration (compose and the image use it as is). The replica test and
`make lint` (`python -m serving.nginx check`) render it for 127.0.0.1 and run Debian's nginx with a prefix in a
temporary folder, so nothing here is a second, hand-written configuration.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx" / "atlas.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
_UPSTREAM_SERVER = re.compile(r"^(\s*server\s+)\S+:\d+(.*;)$", re.MULTILINE)
_LISTEN = re.compile(r"^(\s*listen\s+)80;$", re.MULTILINE)
# Test instrumentation only: which replica served which routing cookie.
ROUTE_LOG_FORMAT = "log_format route '$atlas_route $upstream_addr $status \"$request\"';"


def render_site(upstreams: Sequence[str], listen: str, site: str | None = None) -> str:
    """atlas.conf with its replica addresses replaced by `upstreams` and `listen 80` by `listen`."""
    text = SITE.read_text() if site is None else site
    servers = _UPSTREAM_SERVER.findall(text)
    if len(servers) != len(upstreams):
        raise ValueError(f"atlas.conf lists {len(servers)} replicas, {len(upstreams)} given")
    addresses = iter(upstreams)
    text = _UPSTREAM_SERVER.sub(lambda m: f"{m.group(1)}{next(addresses)}{m.group(2)}", text)
    text, listens = _LISTEN.subn(lambda m: f"{m.group(1)}{listen};", text)
    if listens != 1:
        raise ValueError("atlas.conf must have exactly one `listen 80;`")
    return text


def write_config(prefix: Path, upstreams: Sequence[str], listen: str) -> Path:
    """A main nginx.conf in `prefix` (pid, logs, temp paths inside it) that includes the rendered site."""
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "site.conf").write_text(render_site(upstreams, listen))
    temps = "\n".join(
        f"    {kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = prefix / "nginx.conf"
    main.write_text(
        f"""daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} info;
events {{ worker_connections 512; }}
http {{
{temps}
    {ROUTE_LOG_FORMAT}
    access_log {prefix / "access.log"} route;
    include {prefix / "site.conf"};
}}
"""
    )
    return main


def command(config: Path, *extra: str) -> list[str]:
    return [NGINX, "-p", str(config.parent), "-c", str(config), "-e", str(config.parent / "error.log"), *extra]


def check() -> int:
    """`nginx -t` on the repository's configuration (exit status of nginx)."""
    with tempfile.TemporaryDirectory() as folder:
        config = write_config(Path(folder), ["127.0.0.1:18501", "127.0.0.1:18502"], "127.0.0.1:18500")
        return subprocess.run(command(config, "-t", "-q"), check=False).returncode


if __name__ == "__main__":
    if sys.argv[1:] != ["check"]:
        sys.exit("usage: python -m serving.nginx check")
    sys.exit(check())
