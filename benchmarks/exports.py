"""Time figure exports with Debian's chromium: the cold first export (browser start included), then the median
of 5 warm exports per format at 16:9. Each export includes the layout pass that measures the plot area.

Run from the project root: `.venv/bin/python benchmarks/exports.py`. Prints a table; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from charts.theme import template
from exports import figures

RUNS = 5
TEXTS = {"title": "Synthetic benchmark figure", "subtitle": "synthetic period", "source": "Source : synthetic"}


def synthetic_figure() -> go.Figure:
    """Eighteen synthetic bars, the size of a regional ranking."""
    names = [f"synthetic territory {i:02d}" for i in range(18)]
    return go.Figure(go.Bar(x=names, y=list(range(18))), layout={"template": template()})


def seconds(fmt: str, fig: go.Figure) -> tuple[float, int]:
    start = time.perf_counter()
    data = figures.render(figures.Page(fig, **TEXTS), fmt, "16:9")
    return time.perf_counter() - start, len(data)


def main() -> None:
    if not figures.chromium_available():
        sys.exit(f"no Chromium: {figures.INSTALL_HINT}")
    fig = synthetic_figure()
    figures.stop_server()
    cold, size = seconds("png", fig)
    rows = [("png (cold, browser start)", cold, size)]
    for fmt in figures.FORMATS:
        timings = [seconds(fmt, fig) for _ in range(RUNS)]
        rows.append((f"{fmt} (warm, median of {RUNS})", statistics.median(t for t, _ in timings), timings[-1][1]))
    print(f"{'export 16:9':<32}{'seconds':>10}{'bytes':>12}")
    for label, secs, size in rows:
        print(f"{label:<32}{secs:>10.3f}{size:>12,}")


if __name__ == "__main__":
    main()
