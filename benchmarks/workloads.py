"""Sections (f) and (h) of ``benchmarks/run.py``: real workloads of ``derivations check`` (issue 13).

(f) notes: 300 distinct true steps (:mod:`benchmarks.notes`) cold with every core and with one,
    warm (unchanged: the report cache) and with one chain edited (the verdict cache), against naive ``simplify(lhs - rhs) == 0`` on the same parsed steps in one
    process; a one-step file against ``python -c "import sympy"``.
(h) a class's answer sheets: 100 generated variants of the seed sheets (:mod:`benchmarks.sheets`),
    one ``derivations check FILE`` process after another against one ``derivations check DIR``
    (``--jobs 1`` and every core), with the verdict counts of each; steps/s against the number of
    cores and the number of files.

Every run gets a fresh verdict cache folder, so "cold" means cold.
"""

from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sympy

from derivations.core.definitions import STANDARD, unfold

BIN = Path(sys.executable).parent
CORES = os.cpu_count() or 1

__all__ = ["section_f", "section_h"]


def median_run(cmd: list[str], runs: int = 5) -> float:
    """The median wall time of a command (seconds)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def naive_notes(text: str) -> tuple[float, int, int]:
    """``simplify(lhs - rhs) == 0`` on every step of the notes, in this process: (seconds, steps, reduced to 0)."""
    from derivations.checker.extract import extract
    from derivations.checker.parser import parse_chains

    t0 = time.perf_counter()
    steps = zeros = 0
    for block in extract(text, markdown=True):
        for chain in parse_chains(block.body):
            for lhs, rhs in zip(chain.items, chain.items[1:]):
                steps += 1
                diff = unfold(lhs, STANDARD).doit() - unfold(rhs, STANDARD).doit()
                zeros += sympy.simplify(diff) == 0
    return time.perf_counter() - t0, steps, zeros


def check_run(args: list, cache: Path) -> tuple[float, subprocess.CompletedProcess]:
    """``derivations check ARGS`` with the verdict cache in ``cache``: (seconds, the finished process)."""
    env = {**os.environ, "DERIVATIONS_CACHE_DIR": str(cache)}
    t0 = time.perf_counter()
    done = subprocess.run([str(BIN / "derivations"), "check", *map(str, args)], capture_output=True, text=True,
                          env=env)
    return time.perf_counter() - t0, done


def _last(done: subprocess.CompletedProcess) -> str:
    return (done.stdout.strip().splitlines() or ["(no output)"])[-1].split(": ", 1)[-1]


def section_f() -> list[str]:
    """Notes workloads: 300 steps cold (every core, one core), warm and edited against naive simplify; one step against import sympy."""
    from benchmarks.notes import sigmoid_notes

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        notes, one = tmp / "notes.md", tmp / "one.md"
        notes.write_text(sigmoid_notes(range(2, 102)), encoding="utf-8")
        one.write_text("$$\\sigma(-z) = 1 - \\sigma(z)$$\n", encoding="utf-8")
        naive, steps, zeros = naive_notes(notes.read_text(encoding="utf-8"))
        cold, first = check_run([notes], tmp / "cache")
        warm, second = check_run([notes], tmp / "cache")
        notes.write_text(sigmoid_notes([*range(2, 101), 103]), encoding="utf-8")  # one chain of 100 edited
        edited, third = check_run([notes], tmp / "cache")
        notes.write_text(sigmoid_notes(range(2, 102)), encoding="utf-8")
        single, alone = check_run([notes, "--jobs", "1"], tmp / "cache-1")
        singles = sorted(check_run([one], tmp / f"cache-one-{i}")[0] for i in range(3))
    imp = median_run([sys.executable, "-c", "import sympy"])
    return ["### (f) notes workloads (`derivations check`, subprocess; fresh verdict cache)", "",
            "| workload | time | steps / s | against | its time | ratio | goal | verdicts |",
            "|---|---|---|---|---|---|---|---|",
            f"| 300-step notes, cold, every core ({CORES}) | {cold:.2f} s | {steps / cold:.0f} | naive `simplify(lhs - rhs) "
            f"== 0`, one process | {naive:.2f} s | {naive / cold:.2f}× faster | ≥ 5× | {_last(first)} (simplify: "
            f"{zeros}/{steps} → 0) |",
            f"| 300-step notes, cold, `--jobs 1` | {single:.2f} s | {steps / single:.0f} | the same simplify | "
            f"{naive:.2f} s | {naive / single:.2f}× faster | | {_last(alone)} |",
            f"| same notes, warm (unchanged: the report cache) | {warm:.2f} s | {steps / warm:.0f} | `import sympy` | "
            f"{imp:.2f} s | {warm / imp:.2f}× | ≤ 3× | exit {second.returncode}, same report: "
            f"{second.stdout == first.stdout} |",
            f"| same notes, one chain of 100 edited (the verdict cache) | {edited:.2f} s | {steps / edited:.0f} | "
            f"`import sympy` | {imp:.2f} s | {edited / imp:.2f}× | | {_last(third)} |",
            f"| one-step file, cold | {singles[1]:.2f} s (median of 3) | | `import sympy` | {imp:.2f} s "
            f"| {singles[1] / imp:.2f}× | ≤ 2× | |"]


def _totals(rows: list[dict]) -> dict:
    keys = ("steps", "proved", "confirmed", "refuted", "inconclusive", "not_checked")
    return {k: sum(int(r[k] or 0) for r in rows) for k in keys}


def _counts(t: dict) -> str:
    return (f"{t['steps']} steps: {t['proved']} proved, {t['confirmed']} confirmed, {t['refuted']} refuted, "
            f"{t['inconclusive']} inconclusive, {t['not_checked']} not checked")


def _batch(folder: Path, cache: Path, jobs: int, out: Path) -> tuple[float, list[dict]]:
    seconds, _ = check_run(["-q", "--jobs", jobs, "--summary", out, folder], cache)
    return seconds, list(csv.DictReader(out.open(encoding="utf-8")))


def section_h(n: int = 100) -> list[str]:
    """A class's sheets: one process per file against one `check DIR`, by cores and by number of files."""
    from benchmarks.sheets import write_variants

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = write_variants(tmp / "sheets", n)
        sample = min(n, int(os.environ.get("BENCH_ONE_BY_ONE", n)))  # fewer on a crowded machine: scaled to n
        t0, rows_one = time.perf_counter(), []
        for k, p in enumerate(paths[:sample]):  # the way before: one process per file (sharing the disk cache)
            check_run(["-q", "--summary", tmp / f"one-{k}.csv", p], tmp / "cache-one")
            rows_one += list(csv.DictReader((tmp / f"one-{k}.csv").open(encoding="utf-8")))
        one_by_one = (time.perf_counter() - t0) * n / sample
        runs = {jobs: _batch(tmp / "sheets", tmp / f"cache-j{jobs}", jobs, tmp / f"j{jobs}.csv")
                for jobs in sorted({1, CORES})}
        warm = _batch(tmp / "sheets", tmp / f"cache-j{CORES}", CORES, tmp / "warm.csv")
        by_files = {}
        for m in (10, 30):
            part = tmp / f"first-{m}"
            part.mkdir()
            for p in paths[:m]:
                (part / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
            by_files[m] = _batch(part, tmp / f"cache-m{m}", CORES, tmp / f"m{m}.csv")
        by_files[n] = runs[CORES]
    same = {jobs: [(r["file"].rsplit("/", 1)[-1], r["exit_code"], r["proved"], r["refuted"]) for r in rows] ==
            [(r["file"].rsplit("/", 1)[-1], r["exit_code"], r["proved"], r["refuted"]) for r in rows_one]
            for jobs, (_, rows) in ((jobs, (t, rows[:sample])) for jobs, (t, rows) in runs.items())}
    base = {k: v * n // sample for k, v in _totals(rows_one).items()}
    lines = [f"### (h) a class's answer sheets: {n} generated variants of the seed sheets (benchmarks/sheets.py)", "",
             "| how | time | sheets / min | steps / s | against one by one | verdicts |", "|---|---|---|---|---|---|",
             f"| `derivations check FILE`, one process per sheet, one after another (shared disk cache)"
             f"{f'; timed on the first {sample} sheets, times and counts scaled to {n}' if sample < n else ''} | "
             f"{one_by_one:.1f} s | {60 * n / one_by_one:.0f} | {base['steps'] / one_by_one:.0f} | 1.00× | {_counts(base)} |"]
    for jobs, (seconds, rows) in runs.items():
        lines.append(f"| `derivations check DIR --jobs {jobs}`, cold | {seconds:.1f} s | {60 * n / seconds:.0f} | "
                     f"{_totals(rows)['steps'] / seconds:.0f} | {one_by_one / seconds:.2f}× | {_counts(_totals(rows))}"
                     f"; per-file verdicts as one by one{f' (the first {sample})' if sample < n else ''}: {same[jobs]} |")
    lines.append(f"| `derivations check DIR --jobs {CORES}`, warm (unchanged sheets) | {warm[0]:.1f} s | "
                 f"{60 * n / warm[0]:.0f} | {_totals(warm[1])['steps'] / warm[0]:.0f} | {one_by_one / warm[0]:.2f}× | "
                 f"{_counts(_totals(warm[1]))} |")
    lines += ["", f"Scaling with the number of files (`--jobs {CORES}`, cold):", "",
              "| files | time | steps / s | sheets / min |", "|---|---|---|---|"]
    for m, (seconds, rows) in sorted(by_files.items()):
        lines.append(f"| {m} | {seconds:.1f} s | {_totals(rows)['steps'] / seconds:.0f} | {60 * m / seconds:.0f} |")
    return lines
