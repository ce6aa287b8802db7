"""Tests of derivations.verify.cache: the on-disk verdict cache is used, bounded, and never trusted blindly.

Real files and real processes: the CLI runs as a subprocess twice over the same cache folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sympy import Symbol

from derivations.verify import cache as cache_module
from derivations.verify.cache import DiskCache, fingerprint
from derivations.verify.recipe import check_equal
from derivations.verify.verdict import (Counterexample, Float64Check, NumericResult, Status, SymbolicResult,
                                        Verdict)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROVED = Verdict(Status.PROVED, SymbolicResult(True, "expand", (("evaluation", "no"), ("expand", "proved"))),
                 NumericResult(Status.CONFIRMED, 20, 1, 7, 30, 1e-31))
REFUTED = Verdict(Status.REFUTED, SymbolicResult(False, attempts=(("ladder", "skipped: refuted numerically"),)),
                  NumericResult(Status.REFUTED, 3, 0, 7, 30, 0.5,
                                Counterexample((("x", "1"),), "1.0", "2.0", "-1.0", 30)))
PROBE = Verdict(Status.CONFIRMED, None, Float64Check(Status.CONFIRMED, "finite differences", 1e-6, 0, 12, 1e-9))


@pytest.mark.parametrize("verdict", [PROVED, REFUTED, PROBE], ids=["proved", "refuted", "probe"])
def test_every_kind_of_verdict_round_trips(tmp_path, verdict):
    """A stored verdict comes back equal, evidence and counterexample included."""
    store = DiskCache(tmp_path)
    store.put("a" * 64, verdict)
    assert store.get("a" * 64) == verdict


def test_inconclusive_verdicts_are_not_stored(tmp_path):
    """An inconclusive verdict (a timeout may pass next time) is never written."""
    store = DiskCache(tmp_path)
    store.put("b" * 64, Verdict(Status.INCONCLUSIVE, SymbolicResult(False), NumericResult(Status.INCONCLUSIVE),
                                "timeout"))
    assert store.stats() == (0, 0)


@pytest.mark.parametrize("damage", ["truncated", "not json", "other fingerprint", "other key", "unknown type",
                                    "inconclusive inside"])
def test_corrupt_or_foreign_entries_are_ignored(tmp_path, damage):
    """A damaged, foreign or mismatched entry reads as a miss, never as a verdict."""
    store = DiskCache(tmp_path)
    key = "c" * 64
    store.put(key, PROVED)
    path = store._path(key)
    data = json.loads(path.read_text())
    if damage == "truncated":
        path.write_text(path.read_text()[:40])
    elif damage == "not json":
        path.write_bytes(b"\x80\x81 binary")
    elif damage == "other fingerprint":
        data["fingerprint"] = "0" * 16
        path.write_text(json.dumps(data))
    elif damage == "other key":
        data["key"] = "d" * 64
        path.write_text(json.dumps(data))
    elif damage == "unknown type":
        data["verdict"]["__type__"] = "os.system"
        path.write_text(json.dumps(data))
    else:
        data["verdict"]["status"] = "inconclusive"
        path.write_text(json.dumps(data))
    assert store.get(key) is None


def test_a_corrupt_entry_is_recomputed_and_replaced(tmp_path, monkeypatch):
    """check_equal recomputes past a corrupt entry and writes a good one in its place."""
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    x = Symbol("x_cache_corrupt")
    check_equal(x * (x + 3), x**2 + 3 * x, seed=1)
    [path] = DiskCache(tmp_path).entries()
    path.write_text("{not json")
    from derivations.verify import recipe
    recipe._CACHE.clear()
    assert check_equal(x * (x + 3), x**2 + 3 * x, seed=1).status == "proved"
    assert json.loads(path.read_text())["verdict"]["status"] == "proved"


def test_the_fingerprint_follows_the_verifier_source():
    """The key of every entry includes a hash of the verifier's source, so a changed verifier starts afresh."""
    root = Path(cache_module.__file__).resolve().parent.parent
    assert (root / "verify" / "recipe.py").exists() and len(fingerprint()) == 16


def test_pruning_keeps_the_newest_entries(tmp_path):
    """Beyond the bound, the oldest entries (by modification time) go first."""
    store = DiskCache(tmp_path)
    for i in range(6):
        key = f"{i:064d}"
        store.put(key, PROVED)
        os.utime(store._path(key), (1000 + i, 1000 + i))
    assert store.prune(keep=4) == 2
    assert store.get(f"{0:064d}") is None and store.get(f"{5:064d}") == PROVED
    assert store.clear() == 4 and store.stats() == (0, 0)


def _writer(args):
    root, worker = args
    store = DiskCache(root)
    for i in range(40):
        store.put(f"{i % 10:064d}", PROVED if worker % 2 else REFUTED)
    return worker


def test_concurrent_writers_never_leave_a_torn_entry(tmp_path):
    """Four processes writing the same keys at once leave only whole, valid entries."""
    with ProcessPoolExecutor(4) as pool:
        list(pool.map(_writer, [(str(tmp_path), w) for w in range(4)]))
    store = DiskCache(tmp_path)
    assert store.stats()[0] == 10
    assert all(store.get(f"{i:064d}") in (PROVED, REFUTED) for i in range(10))
    assert not list(tmp_path.glob("*/.tmp-*"))


def _cli(*args, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DERIVATIONS_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "derivations", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_a_second_check_reuses_the_verdicts_and_says_the_same(tmp_path):
    """Checking a file again in a new process gives the same report, from the cache."""
    first = _cli("check", str(EXAMPLES / "broken.md"), cache=tmp_path)
    entries = DiskCache(tmp_path).stats()[0]
    second = _cli("check", str(EXAMPLES / "broken.md"), cache=tmp_path)
    assert entries > 0 and DiskCache(tmp_path).stats()[0] == entries
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout) and first.returncode == 1


def test_no_cache_reads_and_writes_nothing(tmp_path):
    """--no-cache verifies afresh and leaves the folder empty."""
    result = _cli("check", "--no-cache", str(EXAMPLES / "correct.md"), cache=tmp_path)
    assert result.returncode == 0
    assert DiskCache(tmp_path).stats() == (0, 0)


def test_cache_command_reports_and_clears(tmp_path):
    """`derivations cache` says where and how much; `--clear` empties it."""
    _cli("check", str(EXAMPLES / "correct.md"), cache=tmp_path)
    shown = _cli("cache", cache=tmp_path).stdout
    assert str(tmp_path) in shown and "cached verdicts" in shown and not shown.startswith(f"{tmp_path}: 0 ")
    cleared = _cli("cache", "--clear", cache=tmp_path)
    assert cleared.returncode == 0 and DiskCache(tmp_path).stats() == (0, 0)


def test_pruning_happens_across_checks(tmp_path, monkeypatch):
    """check_equal reuses one cache per folder, so the writes of many checks add up to a prune."""
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    assert cache_module.default_cache() is cache_module.default_cache()
    store = cache_module.default_cache()
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    monkeypatch.setattr(cache_module, "_PRUNE_EVERY", 4)
    for i in range(8):
        store.put(f"{i:064d}", PROVED)
    assert store.stats()[0] <= 4


def test_tables_built_at_install_are_read_even_when_bytecode_is_not_written(monkeypatch, tmp_path):
    """scripts/setup.sh builds the parser tables into the package's __pycache__ (as it compiles the
    modules); a run with PYTHONDONTWRITEBYTECODE reads them there instead of building them again in a
    fresh cache folder, and writes nothing there when they are absent."""
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    built = Path(cache_module.__file__).resolve().parent.parent / "__pycache__" / "test-tables.pickle"
    built.parent.mkdir(exist_ok=True)
    built.write_bytes(b"")
    try:
        assert cache_module.side_file("test-tables.pickle") == str(built)
    finally:
        built.unlink()
    assert cache_module.side_file("test-tables.pickle") == str(tmp_path / "test-tables.pickle")
