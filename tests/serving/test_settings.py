"""The production entry's Streamlit settings: measured choices (benchmarks/first_map.py), checked in a fresh process
so the settings do not leak into other tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, server
from streamlit import config
print(json.dumps({k: config.get_option(k) for k in ("server.fileWatcherType", "runner.postScriptGC")}))
"""


def test_server_runs_without_file_watcher_or_forced_collection():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    settings = json.loads(done.stdout.strip().splitlines()[-1])
    assert settings == {"server.fileWatcherType": "none", "runner.postScriptGC": False}


def test_development_run_keeps_streamlit_defaults():
    """`streamlit run app.py` (no server.py) keeps the watcher that reruns on save."""
    probe = "import json; from streamlit import config; print(json.dumps(config.get_option('server.fileWatcherType')))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert json.loads(done.stdout.strip().splitlines()[-1]) != "none"
