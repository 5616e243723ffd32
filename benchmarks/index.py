"""`python benchmarks/index.py`: how fast the digital maturity index answers a user (issue 9's targets).

Measured: the recompute after a weight change (pillar scores cached as the page caches them, median of 20), the
first computation of a level (member and pillar scores), and the 1,000-draw rank sensitivity (median of 5).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.index import combine, composite, member_scores, pillar_scores, rank_sensitivity  # noqa: E402
from benchmarks.run import Row  # noqa: E402
from loaders import load_dataset  # noqa: E402

TILTED = {"infrastructure": 3, "usage": 2, "ecosystem": 1}


def median_ms(run: Callable[[], object], times: int) -> float:
    spent = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        spent.append((time.perf_counter() - start) * 1000)
    return statistics.median(spent)


def main() -> None:
    ds = load_dataset()
    rows = []
    for level, target in (("region", 50), ("department", 150)):
        pillars = pillar_scores(member_scores(ds, level))
        recompute = median_ms(lambda p=pillars: combine(p, TILTED), 20)
        first = median_ms(lambda lv=level: composite(ds, lv), 5)
        rows.append(Row(f"index recompute after a weight change, {level}", recompute, "ms", target, "scores cached"))
        rows.append(Row(f"index first computation, {level}", first, "ms", None, "cached afterwards"))
    for level, target in (("region", 1000), ("department", None)):
        spent = median_ms(lambda lv=level: rank_sensitivity(ds, lv), 5)
        rows.append(Row(f"rank sensitivity, 1,000 draws, {level}", spent, "ms", target, "index included"))
    print(f"{'measure':<46}{'value':>10} {'unit':<4}{'target':>10}  {'':<7}note")
    for row in rows:
        print(row.line())


if __name__ == "__main__":
    main()
