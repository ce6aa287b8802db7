"""The whole-document report cache (derivations.verify.documents): an unchanged file is answered from disk,
anything that changes the result is a new key, and a damaged entry is never trusted.

Real files and real processes: ``derivations check`` runs as a subprocess over a private cache folder.
Material: examples/correct.md and examples/broken.md of this repository.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from derivations.checker.check import MAX_BYTES
from derivations.verify import documents
from derivations.verify.documents import ReportCache, document_key

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _cli(*args: str, cache: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DERIVATIONS_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "derivations", *args], capture_output=True, text=True,
                          env=env, timeout=300, input=stdin)


def _only_entry(cache: Path) -> Path:
    files = list((cache / "reports").glob("*.json"))
    assert len(files) == 1, files
    return files[0]


def test_an_unchanged_file_is_answered_from_the_report_cache(tmp_path):
    """The second check of an unchanged file prints the same report and exit status, reading one stored report."""
    notes = tmp_path / "broken.md"
    notes.write_text((EXAMPLES / "broken.md").read_text(encoding="utf-8"), encoding="utf-8")
    first = _cli("check", str(notes), cache=tmp_path / "c")
    entry = _only_entry(tmp_path / "c")
    stamp = entry.stat().st_mtime_ns
    second = _cli("check", str(notes), cache=tmp_path / "c")
    third = _cli("check", "--json", str(notes), cache=tmp_path / "c")
    fresh = _cli("check", "--json", "--no-cache", str(notes), cache=tmp_path / "none")
    assert first.returncode == second.returncode == third.returncode == 1
    assert second.stdout == first.stdout and entry.stat().st_mtime_ns == stamp
    assert json.loads(third.stdout)["counts"] == json.loads(fresh.stdout)["counts"]


def test_a_hit_imports_no_sympy(tmp_path):
    """Reading a stored report does not import SymPy (that is what makes a re-check cheap)."""
    notes = tmp_path / "correct.md"
    notes.write_text((EXAMPLES / "correct.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert _cli("check", str(notes), cache=tmp_path).returncode == 0
    probe = ("import sys\nfrom derivations.cli import main\nsys.argv[1:] = ['check', sys.argv[1]]\ncode = main()\n"
             "print('sympy' in sys.modules, code)")
    env = {**os.environ, "DERIVATIONS_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", probe, str(notes)], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.stdout.splitlines()[-1] == "False 0", done.stdout + done.stderr


@pytest.mark.parametrize("change", ["text", "define", "assume", "format", "name"])
def test_whatever_changes_the_result_changes_the_key(tmp_path, change):
    """A changed document, --define, --assume, --format or file name is checked afresh, never read from another entry."""
    notes = tmp_path / "n.md"
    notes.write_text("$$f(x) = x^2$$\n\n$$\\sqrt{p^2} = p$$\n", encoding="utf-8")
    base = ["check", str(notes)]
    first = _cli(*base, cache=tmp_path / "c")
    args = list(base)
    if change == "text":
        notes.write_text("$$f(x) = x^2$$\n\n$$\\sqrt{p^2} = -p$$\n", encoding="utf-8")
    elif change == "define":
        args += ["--define", "g(x)=x"]
    elif change == "assume":
        args += ["--assume", "p > 0"]
    elif change == "format":
        args += ["--format", "tex"]
    else:
        copy = tmp_path / "m.md"
        copy.write_text(notes.read_text(encoding="utf-8"), encoding="utf-8")
        args = ["check", str(copy)]
    second = _cli(*args, cache=tmp_path / "c")
    fresh = _cli(*args, "--no-cache", cache=tmp_path / "none")
    assert len(list((tmp_path / "c" / "reports").glob("*.json"))) == 2
    assert (second.returncode, second.stdout) == (fresh.returncode, fresh.stdout)
    if change in ("text", "assume"):
        assert second.stdout != first.stdout


def test_the_key_follows_the_library_version_and_source(monkeypatch):
    """A different code fingerprint (another version, another source) gives another key for the same bytes."""
    key = document_key(b"$$x = x$$", "a.md", markdown=True, defines=(), assume=())
    monkeypatch.setattr(documents, "code_fingerprint", lambda: "0" * 16)
    assert document_key(b"$$x = x$$", "a.md", markdown=True, defines=(), assume=()) != key


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign fingerprint", "other key", "wrong type",
                                    "bad exit code"])
def test_a_damaged_entry_is_ignored_and_recomputed(tmp_path, damage):
    """A corrupt or foreign stored report is never trusted: the file is checked again and the entry rewritten."""
    notes = tmp_path / "broken.md"
    notes.write_text((EXAMPLES / "broken.md").read_text(encoding="utf-8"), encoding="utf-8")
    first = _cli("check", str(notes), cache=tmp_path / "c")
    entry = _only_entry(tmp_path / "c")
    data = json.loads(entry.read_text(encoding="utf-8"))
    lie = "LIE: every step holds"
    if damage == "garbage":
        entry.write_bytes(b"\xff\x00 not json")
    elif damage == "truncated":
        entry.write_text(entry.read_text(encoding="utf-8")[:100], encoding="utf-8")
    else:
        data["text"], data["summary"], data["report"]["exit_code"] = lie, lie, 0
        if damage == "foreign fingerprint":
            data["fingerprint"] = "f" * 16
        elif damage == "other key":
            data["key"] = "0" * 64
        elif damage == "wrong type":
            data["text"] = ["not", "text"]
        else:
            data["report"]["exit_code"] = 7
        entry.write_text(json.dumps(data), encoding="utf-8")
    again = _cli("check", str(notes), cache=tmp_path / "c")
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout) and lie not in again.stdout
    assert json.loads(entry.read_text(encoding="utf-8"))["text"] != lie


def test_no_cache_reads_and_writes_no_report(tmp_path):
    """--no-cache neither writes a report nor reads a stored one (even a forged one)."""
    notes = tmp_path / "broken.md"
    notes.write_text((EXAMPLES / "broken.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert _cli("check", "--no-cache", str(notes), cache=tmp_path / "c").returncode == 1
    assert not (tmp_path / "c" / "reports").exists()
    first = _cli("check", str(notes), cache=tmp_path / "c")
    entry = _only_entry(tmp_path / "c")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["text"] = "forged"  # a well-formed entry that a cache read would print
    entry.write_text(json.dumps(data), encoding="utf-8")
    again = _cli("check", "--no-cache", str(notes), cache=tmp_path / "c")
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


def _writer(args: tuple[str, int]) -> int:
    root, worker = args
    store = ReportCache(root)
    for i in range(30):
        report = {"path": f"{i % 5}.md", "exit_code": worker % 2, "counts": {"proved": worker},
                  "chains": [{"steps": [{"line": 1, "status": "proved"}] * (worker + 1)}]}
        store.put(f"{i % 5:064d}", report, f"text {worker}", f"summary {worker}")
    return worker


def test_concurrent_writers_leave_whole_reports(tmp_path):
    """Four processes writing the same reports at once leave only whole, readable entries and no temporary file."""
    with ProcessPoolExecutor(4) as pool:
        list(pool.map(_writer, [(str(tmp_path), w) for w in range(4)]))
    store = ReportCache(tmp_path)
    assert store.stats()[0] == 5 and not list((tmp_path / "reports").glob(".tmp-*"))
    for i in range(5):
        found = store.get(f"{i:064d}")
        worker = int(found.text().split()[1])
        assert found.summary() == f"summary {worker}" and len(found.steps) == worker + 1


def test_parallel_checks_of_one_file_agree(tmp_path):
    """Several `derivations check` processes on one new file at once all print the report of a fresh check."""
    notes = tmp_path / "broken.md"
    notes.write_text((EXAMPLES / "broken.md").read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "DERIVATIONS_CACHE_DIR": str(tmp_path / "c")}
    procs = [subprocess.Popen([sys.executable, "-m", "derivations", "check", "--jobs", "1", str(notes)],
                              stdout=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    outs = [(p.communicate(timeout=300)[0], p.returncode) for p in procs]
    fresh = _cli("check", "--no-cache", str(notes), cache=tmp_path / "none")
    assert all(o == (fresh.stdout, fresh.returncode) for o in outs)
    assert _cli("check", str(notes), cache=tmp_path / "c").stdout == fresh.stdout


def test_the_report_store_is_bounded(tmp_path, monkeypatch):
    """Writes beyond MAX_REPORTS prune the oldest reports."""
    monkeypatch.setattr(documents, "MAX_REPORTS", 3)
    monkeypatch.setattr(documents, "_PRUNE_EVERY", 4)
    store = ReportCache(tmp_path)
    for i in range(8):
        store.put(f"{i:064d}", {"path": "a", "exit_code": 0, "counts": {}, "chains": []}, "t", "s")
    assert store.stats()[0] <= 4


def test_a_report_decided_by_chance_is_not_stored(tmp_path):
    """A report whose text mentions a time limit or a crash (it may differ next run) is not written."""
    store = ReportCache(tmp_path)
    report = {"path": "a", "exit_code": 1, "counts": {"inconclusive": 1},
              "chains": [{"steps": [{"line": 1, "status": "inconclusive", "reason": "no answer (timeout)"}]}]}
    assert store.put("0" * 64, report, "t", "s") is False and store.stats()[0] == 0


def test_a_call_from_python_neither_reads_nor_writes_reports(tmp_path, monkeypatch, capsys):
    """``main([...])`` from a program (which may have changed settings in its process) checks afresh and stores nothing."""
    from derivations.cli import main

    notes = tmp_path / "broken.md"
    notes.write_text((EXAMPLES / "broken.md").read_text(encoding="utf-8"), encoding="utf-8")
    first = _cli("check", str(notes), cache=tmp_path / "c")
    entry = _only_entry(tmp_path / "c")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["text"] = "forged"
    entry.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path / "c"))
    other = tmp_path / "correct.md"
    other.write_text((EXAMPLES / "correct.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", str(notes)]) == 1 and main(["check", str(other)]) == 0
    assert capsys.readouterr().out.startswith(first.stdout) and len(ReportCache(tmp_path / "c").entries()) == 1


def test_clearing_removes_the_reports(tmp_path):
    """`derivations cache --clear` removes the stored reports as well as the verdicts."""
    notes = tmp_path / "correct.md"
    notes.write_text((EXAMPLES / "correct.md").read_text(encoding="utf-8"), encoding="utf-8")
    _cli("check", str(notes), cache=tmp_path / "c")
    shown = _cli("cache", cache=tmp_path / "c").stdout
    assert "1 cached reports" in shown
    cleared = _cli("cache", "--clear", cache=tmp_path / "c")
    assert cleared.returncode == 0 and ReportCache(tmp_path / "c").stats() == (0, 0)


def test_the_read_limit_covers_the_checker_limit(tmp_path):
    """The bytes read for the key include every byte the checker accepts, and a too-large file is still refused."""
    assert documents.READ_LIMIT >= MAX_BYTES
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * (MAX_BYTES + 10))
    done = _cli("check", str(big), cache=tmp_path / "c")
    assert done.returncode == 2 and "too large" in done.stderr and not (tmp_path / "c" / "reports").exists()


def test_standard_input_is_cached_under_its_bytes(tmp_path):
    """A document on standard input is keyed by its bytes: the same text again is read back, another is checked."""
    first = _cli("check", "-", cache=tmp_path, stdin="$$x + x = 2x$$\n")
    again = _cli("check", "-", cache=tmp_path, stdin="$$x + x = 2x$$\n")
    other = _cli("check", "-", cache=tmp_path, stdin="$$x + x = 3x$$\n")
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout) == (0, first.stdout)
    assert other.returncode == 1 and len(ReportCache(tmp_path).entries()) == 2
