"""`derivations check` on many files and directories: parallel files, the summary table, CSV and JSON, shared steps.

Real material: examples/correct.md and examples/broken.md, and the seed answer sheets in
/work/shared/seeds (answer sheets of a deep-learning exam, see its README.md) when present.
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
import threading
from pathlib import Path

from derivations.checker.check import check_text
from derivations.verify.cache import DiskCache
from derivations.verify.pool import planned
from derivations.verify.verdict import NumericResult, Status, SymbolicResult, Verdict

ROOT = Path(__file__).resolve().parent.parent
DERIVATIONS = str(Path(sys.executable).parent / "derivations")
SEEDS = Path("/work/shared/seeds")


def _run(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([DERIVATIONS, *argv], capture_output=True, text=True, cwd=cwd)


def _sheets(tmp_path: Path) -> Path:
    """A class folder: two sheets at the top, one in a subfolder, and files that are not sheets."""
    folder = tmp_path / "class"
    (folder / "late").mkdir(parents=True)
    (folder / "a.md").write_text((ROOT / "examples/correct.md").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "late" / "b.markdown").write_text((ROOT / "examples/broken.md").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    (folder / "c.TXT").write_text("$$x + x = 2x$$\n", encoding="utf-8")
    (folder / "grades.csv").write_text("name,grade\n", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    return folder


def test_a_directory_is_its_sheets_with_a_summary_table_and_csv(tmp_path):
    """A directory means every .md/.tex/.txt/.markdown file under it; the table and the CSV give one row per file."""
    folder = _sheets(tmp_path)
    run = _run("check", "--jobs", "2", str(folder), "--summary", str(tmp_path / "out.csv"))
    assert run.returncode == 1, run.stderr
    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert [Path(r["file"]).name for r in rows] == ["a.md", "c.TXT", "b.markdown"]
    broken = rows[2]
    assert (broken["steps"], broken["proved"], broken["refuted"], broken["first_wrong_line"], broken["exit_code"]) == \
        ("3", "2", "1", "6", "1")
    assert (rows[1]["proved"], rows[1]["exit_code"]) == ("1", "0")
    table = run.stdout.splitlines()
    header = next(k for k, line in enumerate(table) if line.startswith("file "))
    assert "first wrong line" in table[header] and table[header + 3].split()[-2:] == ["6", "1"]
    assert table[header + 4].startswith("3 files: 12 steps (11 proved, 0 confirmed, 1 refuted")


def test_a_missing_path_and_an_empty_directory_are_clear_errors(tmp_path):
    """A missing path or a directory without sheets: one line on stderr, a row with the reason, exit 2; the rest is checked."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.py").write_text("x = 1\n", encoding="utf-8")
    run = _run("check", str(tmp_path / "empty"), str(tmp_path / "nowhere"), "examples/correct.md")
    assert run.returncode == 2
    assert f"{tmp_path / 'empty'}: no .md, .tex, .txt or .markdown file in this directory" in run.stderr
    assert f"{tmp_path / 'nowhere'}: no such file or directory" in run.stderr
    assert "\nexamples/correct.md: " in run.stdout  # its report's summary line
    total = next(line for line in run.stdout.splitlines() if line.startswith("3 files: "))
    assert total.endswith("exit 2")
    alone = _run("check", str(tmp_path / "empty"))
    assert alone.returncode == 2 and "no .md, .tex, .txt or .markdown file" in alone.stderr


def _without_seeds(verdict):
    """A verdict's outcome without what its sampling seed decides: steps through unknown functions get
    their seed from a text that names fresh symbols, so two runs may sample other points (the
    statuses and strategies are the same; the points, errors and spans may differ)."""
    if not verdict:
        return verdict
    sym, num = verdict.get("symbolic") or {}, verdict.get("numeric") or {}
    return (verdict["status"], sym.get("proved"), sym.get("strategy"), num.get("status"))


def _verdicts(reports):
    """What must not change between runs: files, exit codes, counts, and each step's verdict and hint
    (which of several undefined quantities a reason names depends on set order)."""
    return [(r["path"], r["exit_code"], r["counts"], [
        (s["line"], s["left"], s["right"], s["status"], s["hint"], _without_seeds(s["verdict"]))
        for c in r["chains"] for s in c["steps"]]) for r in reports]


def test_parallel_files_give_the_reports_of_one_after_the_other(tmp_path):
    """--jobs 2 prints the same reports, in the same order, with the same exit status as --jobs 1."""
    folder = _sheets(tmp_path)
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("0*.txt")):
            (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    one = _run("check", "--jobs", "1", "--json", str(folder))
    two = _run("check", "--jobs", "2", "--no-cache", "--json", str(folder))  # verified again, not read back
    assert one.returncode == two.returncode == 1

    assert _verdicts(json.loads(one.stdout)) == _verdicts(json.loads(two.stdout))
    rows = [r["summary"] for r in json.loads(two.stdout)]
    assert [Path(r["file"]).name for r in rows][:2] == ["000_3efcf665678d3a2c.txt", "001_9c4c40963088d24a.txt"] \
        if SEEDS.is_dir() else True
    assert all(set(r) >= {"steps", "proved", "refuted", "not_checked", "first_wrong_line"} for r in rows)


def test_a_step_shared_by_sheets_is_verified_once(tmp_path):
    """Two sheets checked in parallel with the same new step: one worker verifies it, the other file waits for the verdict."""
    k = random.randrange(10**6, 10**7)
    step = f"$$\\frac{{d}}{{dz}} \\sigma({k} z) = {k} \\sigma({k} z) (1 - \\sigma({k} z))$$\n"
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(step, encoding="utf-8")
    run = _run("check", "--jobs", "3", "-q", str(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1] == "steps: 1 verified in a worker, 2 answered from the verdict cache"


def test_a_planned_check_gives_the_report_of_a_plain_walk():
    """Verifying a file's steps on every worker first (verify.pool) changes no verdict, hint or note."""
    texts = [(ROOT / "examples/broken.md").read_text(encoding="utf-8"),
             (ROOT / "examples/correct.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))] if SEEDS.is_dir() else []
    for text in texts:
        plain = check_text(text, path="sheet.md").to_dict()
        assert _verdicts([planned(lambda: check_text(text, path="sheet.md")).to_dict()]) == _verdicts([plain])


def test_a_second_process_waits_for_the_one_verifying_a_step(tmp_path):
    """DiskCache.claim: while one holder verifies a key, another waits, then reads the stored verdict."""
    store, key = DiskCache(tmp_path), "e" * 64
    verdict = Verdict(Status.PROVED, SymbolicResult(True, "expand"), NumericResult(Status.CONFIRMED, 20))
    seen = []
    with store.claim(key) as mine:
        assert mine is True

        def other():
            with store.claim(key) as theirs:
                seen.append((theirs, store.get(key)))
        t = threading.Thread(target=other)
        t.start()
        t.join(0.3)
        assert t.is_alive() and not seen  # still waiting
        store.put(key, verdict)
    t.join(10)
    assert seen == [(False, verdict)]


def test_an_inconclusive_verdict_the_same_every_run_is_stored_but_not_one_by_chance(tmp_path):
    """An unevaluable side is stored (marked), a timeout is not; an unmarked inconclusive entry is a miss."""
    store = DiskCache(tmp_path)
    same = Verdict(Status.INCONCLUSIVE, SymbolicResult(False, attempts=(("expand", "no"),)),
                   NumericResult(Status.INCONCLUSIVE, reason="cannot evaluate Sum numerically"), "no proof")
    chance = Verdict(Status.INCONCLUSIVE, SymbolicResult(False, attempts=(("simplify", "timeout"),)),
                     NumericResult(Status.INCONCLUSIVE, reason="cannot evaluate"), "no proof")
    store.put("a" * 64, same)
    store.put("b" * 64, chance)
    assert store.get("a" * 64) == same and store.get("b" * 64) is None
    path = store._path("a" * 64)
    data = json.loads(path.read_text())
    del data["same every run"]
    path.write_text(json.dumps(data))
    assert store.get("a" * 64) is None
