"""`python -m loaders refresh` against a real HTTP server on 127.0.0.1 serving the raw files, with faults injected.

Nothing here reaches the internet: the refresh's --mirror points every download at the local server. A file whose
official format differs is served in that format (tests/loaders/sdmx_sample.py), as its publisher would serve it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from loaders import refresh as refreshing
from loaders.__main__ import main
from loaders.catalogue import SourceFile, Text
from loaders.paths import COMMITTED_DATA, DATA_ENV_VAR, current_snapshot, data_dir, default_raw_root
from loaders.refresh import Kind, RefreshError, refresh
from tests.loaders.sdmx_sample import OFFICIAL_SAMPLES

RAW = default_raw_root()
FTTH = "broadband/barometre_ditp_2025t1/ind-306.csv"
FTTH_SOURCE = "barometre_ditp_2025t1"

Fault = Callable[[str, bytes], tuple[int, dict[str, str], bytes] | None]


class Mirror:
    """Serves RAW over HTTP, each file in its official format; `fault(path, body)` may answer instead (status,
    headers, body)."""

    def __init__(self) -> None:
        self.fault: Fault = lambda path, body: None
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.lstrip("/")
                file = RAW / path
                body = file.read_bytes() if file.is_file() else b""
                if path in OFFICIAL_SAMPLES:
                    body = OFFICIAL_SAMPLES[path]()
                status, headers, body = mirror.fault(path, body) or (
                    (200, {}, body) if file.is_file() else (404, {}, b"")
                )
                self.send_response(status)
                self.send_header("Content-Length", headers.pop("Content-Length", str(len(body))))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def mirror() -> Iterator[Mirror]:
    served = Mirror()
    yield served
    served.server.shutdown()


@pytest.fixture
def state(tmp_path, monkeypatch, mirror) -> Path:
    """A private state directory, the app reading whatever snapshot is current, no fault."""
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    mirror.fault = lambda path, body: None
    return tmp_path / "state"


def run(mirror: Mirror, **kw) -> refreshing.Outcome:
    return refresh(raw_root=RAW, mirror=mirror.url, say=lambda line: None, progress=False, **kw)


def assert_untouched(state: Path) -> None:
    assert current_snapshot() is None and data_dir() == COMMITTED_DATA.resolve(), "the committed snapshot stays"
    assert not list(state.glob("snapshot-*")), "no half-built snapshot is left behind"


def test_a_refresh_from_the_same_files_yields_the_builds_facts_and_becomes_current(mirror, state):
    outcome = run(mirror)
    kinds = {item.path: item.kind for item in refreshing.plan(refreshing.catalogue()[1])}
    assert [f["path"] for f in outcome.log["files"]] == [p for p, kind in kinds.items() if kind is not Kind.MANUAL]
    assert {f["status"] for f in outcome.log["files"] if kinds[f["path"]] is Kind.SAME} == {"unchanged"}
    converted = [f for f in outcome.log["files"] if kinds[f["path"]] is Kind.CONVERTED]
    assert {f["path"] for f in converted} == set(OFFICIAL_SAMPLES) and all(f["download_sha256"] for f in converted)
    assert data_dir() == outcome.snapshot.resolve(), "the app now serves the refreshed snapshot"
    new = pd.read_parquet(outcome.snapshot / "facts.parquet")
    built = pd.read_parquet(COMMITTED_DATA / "facts.parquet")  # `build` from the same raw files
    pd.testing.assert_frame_equal(new, built)
    assert outcome.log["indicators"] == {}, "nothing moved"
    assert json.loads((outcome.snapshot / "changelog.json").read_text())["version"] == outcome.log["version"]
    # The next refresh compares with the snapshot served now: the converted files, re-encoded once, are unchanged.
    again = run(mirror, only=sorted({f["source"] for f in converted}))
    assert {f["status"] for f in again.log["files"]} == {"unchanged"}


def test_an_official_download_in_another_format_names_the_source_and_the_column(mirror, state):
    path, source = next((i.path, i.source) for i in refreshing.plan(refreshing.catalogue()[1]) if i.convert)
    mirror.fault = lambda served, body: (
        (200, {}, body.replace(b"TIME_PERIOD", b"PERIOD", 1)) if served == path else None
    )
    with pytest.raises(RefreshError, match="TIME_PERIOD") as failed:
        run(mirror, only=[source])
    assert source in str(failed.value) and "official format" in str(failed.value)
    assert_untouched(state)


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        (lambda path, body: (404, {}, b"not here") if path == FTTH else None, "404"),
        (lambda path, body: (200, {"Content-Length": str(len(body) + 500)}, body) if path == FTTH else None, ""),
    ],
    ids=["not-found", "truncated"],
)
def test_a_failed_download_names_the_source_and_leaves_the_snapshot(mirror, state, fault, cause):
    mirror.fault = fault
    with pytest.raises(RefreshError) as failed:
        run(mirror, only=[FTTH_SOURCE])
    assert FTTH_SOURCE in str(failed.value) and cause in str(failed.value)
    assert_untouched(state)


def test_a_download_past_the_timeout_fails_cleanly(mirror, state, monkeypatch):
    monkeypatch.setattr(refreshing, "TIMEOUT", 0.5)
    mirror.fault = lambda path, body: time.sleep(2) or None
    with pytest.raises(RefreshError, match=FTTH_SOURCE):
        run(mirror, only=[FTTH_SOURCE])
    assert_untouched(state)


def test_a_changed_header_row_stops_the_refresh(mirror, state):
    mirror.fault = lambda path, body: (200, {}, body.replace(b"indic_va", b"valeur", 1)) if path == FTTH else None
    with pytest.raises(RefreshError, match="do not build"):
        run(mirror, only=[FTTH_SOURCE])
    assert_untouched(state)


def ftth_edited(old: bytes, new: bytes) -> Fault:
    """The FttH file served with one line edited, every other file as it is."""
    return lambda path, body: (200, {}, body.replace(old, new)) if path == FTTH else None


def test_a_publisher_restatement_fails_and_lists_the_values_that_moved(mirror, state):
    mirror.fault = ftth_edited(b"IND-306,R01,2022-09-01,REG,,49.93", b"IND-306,R01,2022-09-01,REG,,69.93")
    with pytest.raises(RefreshError) as failed:
        run(mirror, only=[FTTH_SOURCE])
    assert "restatement" in str(failed.value) and "69.93" in str(failed.value)
    assert_untouched(state)


@pytest.mark.parametrize(
    ("fields", "kind", "address"),
    [
        (
            {"url": "https://copy/x.csv", "refresh": {"url": "https://api/x", "convert": "eurostat_daily_users"}},
            Kind.CONVERTED,
            "https://api/x",
        ),
        (
            {"url": "https://copy/x.csv", "refresh": {"url": "https://publisher/x.csv"}},
            Kind.SAME,
            "https://publisher/x.csv",
        ),
        ({"url": "https://copy/x.csv"}, Kind.SAME, "https://copy/x.csv"),
        ({}, Kind.MANUAL, "https://example.org/page"),
    ],
    ids=["converted", "publisher", "copy", "manual"],
)
def test_a_file_is_fetched_from_the_publisher_first_and_in_its_format(fields, kind, address):
    file = SourceFile.model_validate({"path": "x.csv", "sha256": "0" * 64, **fields})
    source = next(iter(refreshing.catalogue()[1])).model_copy(
        update={
            "url": "https://example.org/page",
            "files": (file,),
            "manual": Text({"fr": "à la main", "en": "by hand"}),
        }
    )
    planned = refreshing.classify(source, file)
    assert (planned.kind, planned.url) == (kind, address)
    assert bool(planned.why) == (kind is Kind.MANUAL) and bool(planned.convert) == (kind is Kind.CONVERTED)


def test_list_and_dry_run_switch_nothing(mirror, state, capsys):
    assert main(["refresh", "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    classes = {line[:24].strip() for line in listed if not line.startswith(" ")}
    assert classes == {kind.value for kind in Kind}, "each class is listed"
    assert main(["refresh", "--dry-run", "--mirror", mirror.url, "--source", FTTH_SOURCE]) == 0
    printed = capsys.readouterr().out
    assert "nothing switched" in printed
    files = sum(item.source == FTTH_SOURCE for item in refreshing.plan(refreshing.catalogue()[1]))
    per_source = [line for line in printed.splitlines() if line.startswith(f"{FTTH_SOURCE}:")]
    assert files > 1 and len(per_source) == 1, "one line per source in a non-interactive run"
    assert f"{files} file(s), 0 updated, {files} unchanged" in per_source[0]
    assert_untouched(state)
    assert main(["refresh", "--source", "no_such_source"]) == 1


def test_a_different_checksum_is_an_update_not_a_refusal_and_the_changelog_says_what_moved(mirror, state):
    mirror.fault = ftth_edited(b"IND-306,R01,2024-03-01,REG,,80.25", b"IND-306,R01,2024-03-01,REG,,85.25")
    outcome = run(mirror, only=[FTTH_SOURCE])
    statuses = {f["path"]: f["status"] for f in outcome.log["files"]}
    assert statuses[FTTH] == "updated", "the new hash is recorded as provenance, never refused"
    moved = outcome.log["indicators"]
    examples = [e for entry in moved.values() for e in entry["examples"]]
    assert any((e["code"], e["old"], e["new"]) == ("01", 80.25, 85.25) for e in examples), examples
    assert data_dir() == outcome.snapshot.resolve()
    sources = json.loads((outcome.snapshot / "sources.json").read_text())
    recorded = {f["path"]: f["sha256"] for s in sources for f in s["files"]}
    assert recorded[FTTH] == next(f["sha256"] for f in outcome.log["files"] if f["path"] == FTTH)


def test_a_corrupted_download_with_another_checksum_fails_and_leaves_the_snapshot(mirror, state):
    mirror.fault = lambda path, body: (200, {}, body[: len(body) // 2] + b"\x00\xff" * 50) if path == FTTH else None
    with pytest.raises(RefreshError, match="do not build"):
        run(mirror, only=[FTTH_SOURCE])
    assert_untouched(state)


def test_a_dry_run_prints_the_values_that_would_move_and_switches_nothing(mirror, state, capsys):
    mirror.fault = ftth_edited(b"IND-306,R01,2024-03-01,REG,,80.25", b"IND-306,R01,2024-03-01,REG,,85.25")
    assert main(["refresh", "--dry-run", "--mirror", mirror.url, "--source", FTTH_SOURCE]) == 0
    printed = capsys.readouterr().out
    assert "changed beyond rounding" in printed and "80.25 → 85.25" in printed
    assert "nothing switched" in printed
    assert_untouched(state)
