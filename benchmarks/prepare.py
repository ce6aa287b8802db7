"""Section (i) of ``benchmarks/run.py``: the worker's preparation of real steps, before and after (issue 13).

The questions the checker asks about seed sheet 000 (a planning pass: parsed, nothing verified) are
prepared as a worker prepares them (substitute, rename, unfold, evaluate the derivatives), in a
fresh process per tree, for the baseline commit (``BENCH_PREPARE_BASELINE``, default bfe0fd0,
unpacked with ``git archive``) and this tree, interleaved, the best of two: CPU seconds of the
preparation alone (the planning pass is not counted).  One process prepares every question, as
one worker would if it got them all (with two workers each sees about half).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHEET = HERE.parent / "tests" / "data" / "seeds" / "000_3efcf665678d3a2c.txt"
BASELINE = os.environ.get("BENCH_PREPARE_BASELINE", "bfe0fd0")

__all__ = ["section_i"]

_PREPARE = r"""
import sys, time
from pathlib import Path
from derivations.checker.check import check_text
from derivations.verify import recipe
from derivations.verify.pool import plan
path = Path(sys.argv[1])
questions = plan(lambda: check_text(path.read_text(encoding="utf-8"), path=path.name, markdown=True))
t, failed = time.process_time(), 0
for lhs, rhs, domains, definitions, _seed, _limits, subs in questions:
    try:
        recipe._prepare(lhs, rhs, definitions, tuple(sorted(domains.items())), subs)
    except Exception:  # the worker reports these as a failed stage
        failed += 1
print(len(questions), failed, time.process_time() - t)
"""


def _run(tree: Path) -> tuple[int, int, float]:
    env = {**os.environ, "PYTHONPATH": str(tree), "DERIVATIONS_NO_CACHE": "1"}
    out = subprocess.run([sys.executable, "-c", _PREPARE, str(SHEET)], capture_output=True, text=True, env=env,
                         cwd=str(tree), check=True)
    n, failed, seconds = out.stdout.split()
    return int(n), int(failed), float(seconds)


def section_i() -> list[str]:
    """The worker's preparation of seed sheet 000's steps: CPU seconds, the baseline against this tree."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", BASELINE], capture_output=True)
        if archive.returncode != 0:
            return ["### (i) preparing real steps", "", f"(baseline {BASELINE} not available: no git history)"]
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        trees = {"before": Path(tmp), "after": HERE.parent}
        runs: dict[str, list] = {label: [] for label in trees}
        load = os.getloadavg()[0]
        for _ in range(2):
            for label, tree in trees.items():
                runs[label].append(_run(tree))
    best = {label: min(r, key=lambda x: x[2]) for label, r in runs.items()}
    (nb, fb, b), (na, fa, a) = best["before"], best["after"]
    return [f"### (i) the worker's preparation of seed sheet 000's steps (CPU, best of 2, interleaved; load {load:.1f})",
            "", "| tree | questions (failed to prepare) | CPU seconds | before / after |", "|---|---|---|---|",
            f"| before ({BASELINE}) | {nb} ({fb}) | {b:.2f} s | |",
            f"| after (this tree) | {na} ({fa}) | {a:.2f} s | {b / a:.2f}× |"]


if __name__ == "__main__":
    t0 = time.perf_counter()
    print("\n".join(section_i()))
    print(f"\n({time.perf_counter() - t0:.0f} s)")
