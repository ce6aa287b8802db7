"""Steps through undefined quantities sample the same points, and find the same cached verdicts, on every run.

Their sides name fresh symbols (SymPy's Dummy, some numbered from string hashes, which Python varies
from run to run); the verdict cache key and the sampling seed come from a text in which that
numbering is normalised.  Real processes with different hash seeds, one shared cache folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

NOTES = ("Let $z = w a + b$ and $\\hat y = \\sigma(z)$.\n\n"
         "$$\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial \\hat y} \\frac{\\partial \\hat y}{\\partial z} a"
         " = \\frac{\\partial L}{\\partial \\hat y} \\sigma(z)(1-\\sigma(z)) a$$\n")

PROBE = """
import contextlib, io, json, sys
from derivations.cli import main
from derivations.verify.recipe import STATS
out = io.StringIO()
with contextlib.redirect_stdout(out):
    main(['check', '--json', '--jobs', '1', sys.argv[1]])
print(json.dumps({'stats': dict(STATS), 'report': json.loads(out.getvalue())}))
"""


def _run(path, cache, hash_seed: int) -> dict:
    env = {**os.environ, "DERIVATIONS_CACHE_DIR": str(cache), "PYTHONHASHSEED": str(hash_seed)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, env=env,
                          timeout=300)
    return json.loads(done.stdout.splitlines()[-1])


def test_a_graph_step_is_verified_once_across_runs(tmp_path):
    """A second run with another hash seed finds every verdict of the first in the cache, and prints the same report."""
    path = tmp_path / "graph.md"
    path.write_text(NOTES, encoding="utf-8")
    first = _run(path, tmp_path / "cache", 1)
    second = _run(path, tmp_path / "cache", 2)
    assert first["stats"]["verified"] >= 2 and second["stats"] == {"verified": 0, "reused": first["stats"]["verified"]}
    assert second["report"] == first["report"]
    assert [s["status"] for c in first["report"]["chains"] for s in c["steps"]][-2:] == ["proved", "proved"]


def test_a_graph_step_samples_the_same_points_without_a_cache(tmp_path):
    """Checked afresh under two hash seeds, the verdicts (sampling seeds and points included) are identical."""
    path = tmp_path / "graph.md"
    path.write_text(NOTES, encoding="utf-8")
    reports = [_run(path, tmp_path / f"cache-{k}", k)["report"] for k in (3, 4)]
    assert reports[0] == reports[1]
