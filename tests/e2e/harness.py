"""A Streamlit server and Debian's chromium for the browser tests and the benchmarks (no pytest here).

DESIGN.md §5: chromium is Debian's (`/usr/bin/chromium`), launched with these arguments; never `playwright install`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerError(RuntimeError):
    """The server did not answer its health check; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Server:
    base: str
    process: subprocess.Popen
    log: Path

    def rss_mb(self) -> float:
        """Resident memory of the server process, from /proc (Linux)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kilobytes / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def spawn(command: list[str], log: Path, base: str, *, cwd: Path = ROOT, env: dict[str, str] | None = None,
          timeout: float = 40.0) -> Server:  # fmt: skip
    """Start `command` (output to `log`) and return once `base`/_stcore/health answers; on failure, the log's end."""
    env = os.environ | {"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1"} | (env or {})
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(base, process, log)
    deadline = time.monotonic() + timeout
    while not healthy(server.base):
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise ServerError(f"{Path(command[0]).name} {' '.join(command[1:4])} did not start on {base}:\n"
                              f"{log.read_text()[-3000:]}")  # fmt: skip
        time.sleep(0.05)
    return server


def start_server(log_dir: Path, *, asgi: bool = False, env: dict[str, str] | None = None) -> Server:
    """The app headless on a free local port: `streamlit run app.py`, or with `asgi` the production entry
    `python -m uvicorn server:app`."""
    port = free_port()
    if asgi:
        command = [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port)]
    else:
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1", "--server.runOnSave", "false",
        ]  # fmt: skip
    log = Path(log_dir) / f"{'uvicorn' if asgi else 'streamlit'}-{port}.log"
    return spawn(command, log, f"http://127.0.0.1:{port}", env=env)


def start_nginx(prefix: Path, upstreams: list[str]) -> Server:
    """Debian's nginx with the repository's configuration (serving.nginx) on a free port, in front of `upstreams`.

    Its error log is the returned server's log; its access log (`access.log` beside it) names each request's
    routing cookie and replica."""
    from serving.nginx import command, write_config

    port = free_port()
    config = write_config(Path(prefix), upstreams, f"127.0.0.1:{port}")
    return spawn(command(config), config.parent / "error.log", f"http://127.0.0.1:{port}")


def wait_for_map(page, at_least: int, timeout: float = 30_000) -> int:
    """Number of choropleth shapes once at least `at_least` are drawn (.main-svg exists even for a failed map)."""
    page.wait_for_function(
        f"() => document.querySelectorAll('path.choroplethlocation').length >= {at_least}", timeout=timeout
    )
    return page.locator("path.choroplethlocation").count()
