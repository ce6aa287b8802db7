"""Trust and speed, measured: the library against the obvious alternatives, side by side in one run.

Run ``python benchmarks/run.py`` (from the repository, with the package installed); it prints a
Markdown table and writes it to ``benchmarks/latest.md``.  Sections:

(a) ``check_equal`` vs ``sympy.simplify(lhs - rhs) == 0`` on every catalog step and the corpus of
    :mod:`benchmarks.corpus`: total time and how many each decides correctly.  The verdict cache is
    cleared first; both run in a forked worker process with a per-item time limit, on the same
    unfolded expressions (definitions replaced by their bodies, derivatives evaluated).
(b) numeric throughput: ``numeric.numeric_check`` vs ``expr.subs(...).evalf(30)`` at 30 digits.
(c) cold start: ``derivations list`` vs ``python -c "import sympy"`` (median of 5).
(d) scaling of ``networks.gradient_check`` with the width (depth 10), with a fitted exponent.
(e) the whole catalog: ``derivations verify --all`` (cold and with the verdict cache warm) and
    ``derivations export --all --pdf``.
(f) notes workloads: ``derivations check`` on 300 distinct true steps (:mod:`benchmarks.notes`), cold
    (every core, and ``--jobs 1``), warm (the report cache) and with one chain edited (the verdict
    cache), against naive ``simplify(lhs - rhs) == 0``
    on the same parsed steps in one process; a one-step file against ``python -c "import sympy"``.
(h) a class's answer sheets (:mod:`benchmarks.workloads`): 100 generated variants of the seed sheets,
    one process per sheet against ``derivations check DIR`` with one core and every core, verdict
    counts beside the times; steps/s against the number of files.
(i) the worker's preparation of seed sheet 000's steps (:mod:`benchmarks.prepare`), CPU seconds,
    the baseline commit against this tree.

Every run uses a fresh, private verdict cache (``DERIVATIONS_CACHE_DIR``), so "cold" means cold.
(g) before and after the honest-verdicts work (issue 9), side by side in this run: the numeric
    oracle's points/s on ordinary steps and ``verify`` wall time of the six theorems both trees have,
    for the baseline commit (``BENCH_BASELINE``, default d71d993, unpacked with ``git archive``) and
    for this tree (verdict cache off).

No number here is asserted by a test: timings depend on the machine.
"""

from __future__ import annotations

import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import sympy  # noqa: E402
from sympy import Symbol  # noqa: E402

import derivations  # noqa: E402
from benchmarks.corpus import CORPUS  # noqa: E402
from benchmarks.prepare import section_i  # noqa: E402
from benchmarks.workloads import median_run, section_f, section_h  # noqa: E402
from derivations.core.definitions import STANDARD, unfold  # noqa: E402
from derivations.core.domains import REAL  # noqa: E402
from derivations.verify import recipe as verifier  # noqa: E402
from derivations.verify.numeric import numeric_check  # noqa: E402
from derivations.verify.worker import Worker  # noqa: E402

SIMPLIFY_LIMIT = 20.0  # seconds per item for the simplify baseline
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Item:
    """One equality to decide: where it comes from, both sides, domains, definitions, truth."""

    source: str
    name: str
    lhs: object
    rhs: object
    domains: dict
    definitions: tuple
    true: bool


def items() -> list[Item]:
    """Every catalog equality step's checks (all true) and the corpus (true and false).

    Inequality steps (≤, <, ≥, >) are left out: simplify(lhs - rhs) == 0 does not apply to them.
    """
    out = []
    for d in derivations.catalog():
        for step in d.steps:
            if str(step.relation) != "=":
                continue
            for lhs, rhs in step.checks:
                out.append(Item("catalog", step.label, lhs, rhs, d.domains, d.definitions, True))
    out += [Item("corpus", i.name, i.lhs, i.rhs, i.domains, STANDARD, i.true) for i in CORPUS]
    return out


def _simplify_baseline(lhs, rhs, definitions, domains) -> bool:
    """(In the worker.) The obvious approach: unfold, evaluate derivatives, simplify(lhs - rhs) == 0."""
    table = {(k if isinstance(k, str) else k.name): v for k, v in domains.items()}
    free = {s for s in (lhs.free_symbols | rhs.free_symbols) if type(s) is Symbol}
    renamed = {s: Symbol(s.name, **table.get(s.name, REAL).assumptions) for s in free}
    a, b = (unfold(e.xreplace(renamed), definitions).doit() for e in (lhs, rhs))
    return sympy.simplify(a - b) == 0


def _timed(fn):
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


# --- (a) -------------------------------------------------------------------------------------------

def section_a() -> tuple[list[str], dict]:
    """check_equal vs simplify, per source: time, correct decisions."""
    cases = items()
    verifier._CACHE.clear()
    lib_worker, base_worker = Worker(), Worker()
    lib_worker.call(pow, (2, 2), 30)  # start both workers before timing
    base_worker.call(pow, (2, 2), 30)
    rows = {}
    for it in cases:
        v, t_lib = _timed(lambda: verifier.check_equal(it.lhs, it.rhs, it.domains, it.definitions,
                                                       worker=lib_worker))
        out, t_base = _timed(lambda: base_worker.call(_simplify_baseline,
                                                      (it.lhs, it.rhs, it.definitions, it.domains),
                                                      SIMPLIFY_LIMIT))
        simplified_zero = out.kind == "ok" and out.value is True
        r = rows.setdefault(it.source, {"n": 0, "true": 0, "false": 0, "lib_t": 0.0, "base_t": 0.0,
                                        "lib_proved": 0, "lib_confirmed": 0, "lib_refuted": 0,
                                        "lib_wrong": 0, "base_true": 0, "base_false": 0,
                                        "base_timeout": 0, "base_misses": [], "lib_misses": []})
        r["n"] += 1
        r["true" if it.true else "false"] += 1
        r["lib_t"] += t_lib
        r["base_t"] += t_base
        if it.true:
            r["lib_proved"] += v.status == "proved"
            r["lib_confirmed"] += v.status == "confirmed"
            r["lib_wrong"] += v.status == "refuted"
            if v.status != "proved":
                r["lib_misses"].append(f"{it.name} ({v.status})")
            r["base_true"] += simplified_zero
            if not simplified_zero:
                r["base_misses"].append(it.name)
        else:
            r["lib_refuted"] += v.status == "refuted"
            r["lib_wrong"] += v.ok
            r["base_false"] += out.kind == "ok" and out.value is False
        r["base_timeout"] += out.kind == "timeout"
    lib_worker.close()
    base_worker.close()
    lines = ["### (a) check_equal vs `sympy.simplify(lhs - rhs) == 0` (cache cleared, same worker setup)", "",
             "| items | true / false | library time | simplify time | ratio (simplify / library) "
             "| library: true proved (+confirmed) | library: false refuted | library: wrong | "
             "simplify: true → 0 | simplify: false ≠ 0 | simplify timeouts |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    total = {"lib_t": 0.0, "base_t": 0.0}
    for source, r in rows.items():
        total["lib_t"] += r["lib_t"]
        total["base_t"] += r["base_t"]
        lines.append(f"| {source} ({r['n']}) | {r['true']} / {r['false']} | {r['lib_t']:.2f} s | {r['base_t']:.2f} s "
                     f"| {r['base_t'] / r['lib_t']:.2f} | {r['lib_proved']}/{r['true']} (+{r['lib_confirmed']}) "
                     f"| {r['lib_refuted']}/{r['false']} | {r['lib_wrong']} | {r['base_true']}/{r['true']} "
                     f"| {r['base_false']}/{r['false']} | {r['base_timeout']} |")
    lines.append(f"| **all** | | {total['lib_t']:.2f} s | {total['base_t']:.2f} s "
                 f"| {total['base_t'] / total['lib_t']:.2f} | | | | | | |")
    misses = [m for r in rows.values() for m in r["base_misses"]]
    lib_misses = [m for r in rows.values() for m in r["lib_misses"]]
    lines += ["", f"True identities simplify does not reduce to 0: {', '.join(misses) or 'none'}.",
              f"True identities the library does not prove: {', '.join(lib_misses) or 'none'}.",
              "A timeout counts its full limit in the time column; 'wrong' = a false item proved or "
              "confirmed, or a true one refuted."]
    return lines, rows


# --- (b) -------------------------------------------------------------------------------------------

def section_b(points: int = 300) -> list[str]:
    """numeric_check vs a subs/evalf loop, points per second at 30 digits."""
    z = Symbol("z", real=True)
    lhs = sympy.diff(1 / (1 + sympy.exp(-z)), z)
    rhs = 1 / (1 + sympy.exp(-z)) * (1 - 1 / (1 + sympy.exp(-z)))
    res, t_num = _timed(lambda: numeric_check(lhs, rhs, {z: REAL}, seed=7, points=points, digits=30))
    rng = random.Random(7)
    values = [REAL.sample(rng) for _ in range(points)]

    def loop():
        for v in values:
            a = lhs.subs(z, sympy.Float(v, 30)).evalf(30)
            b = rhs.subs(z, sympy.Float(v, 30)).evalf(30)
            abs(a - b)
    _, t_subs = _timed(loop)
    n = res.points
    return ["### (b) numeric throughput (σ' = σ(1 − σ), both sides, 30 digits)", "",
            "| method | points | time | points / s |", "|---|---|---|---|",
            f"| `numeric_check` (mpmath closures) | {n} | {t_num:.3f} s | {n / t_num:,.0f} |",
            f"| `expr.subs(...).evalf(30)` loop | {points} | {t_subs:.3f} s | {points / t_subs:,.0f} |",
            "", f"Speed-up: {(n / t_num) / (points / t_subs):.1f}×."]


# --- (c) -------------------------------------------------------------------------------------------

def section_c() -> list[str]:
    """Cold start of the CLI vs importing SymPy."""
    cli = median_run([str(BIN / "derivations"), "list"])
    imp = median_run([sys.executable, "-c", "import sympy"])
    bare = median_run([sys.executable, "-c", "pass"])
    return ["### (c) cold start (median of 5 runs, subprocess)", "",
            "| command | time |", "|---|---|",
            f"| `derivations list` | {cli * 1000:.0f} ms |",
            f"| `python -c \"import sympy\"` | {imp * 1000:.0f} ms |",
            f"| `python -c \"pass\"` (interpreter alone) | {bare * 1000:.0f} ms |"]


# --- (d) -------------------------------------------------------------------------------------------

def section_d() -> list[str]:
    """gradient_check at depth 10, width 256, and a series of widths with a fitted exponent."""
    try:
        from derivations.numerics.networks import random_instance_check
    except ImportError:
        return ["### (d) scaling", "", "`derivations.numerics.networks.gradient_check` is not available."]
    depth = 10
    lines = ["### (d) scaling of `gradient_check` (depth 10: 11 layers of equal width, seed 0)", "",
             "| width | parameters | time | passed | max rel. error |", "|---|---|---|---|---|"]
    widths, times = [], []
    for w in (16, 32, 64, 128, 256, 512):
        best = min(_timed(lambda: random_instance_check((w,) * (depth + 1), seed=0))[1] for _ in range(3))
        r = random_instance_check((w,) * (depth + 1), seed=0)
        params = depth * (w * w + w)
        lines.append(f"| {w} | {params:,} | {best * 1000:.1f} ms | {r.passed} | {r.max_relative_error:.1e} |")
        widths.append(w)
        times.append(best)
    xs, ys = [math.log(w) for w in widths[2:]], [math.log(t) for t in times[2:]]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((a - mx) * (b - my) for a, b in zip(xs, ys)) / sum((a - mx) ** 2 for a in xs)
    lines += ["", f"Fitted growth (widths {widths[2]}–{widths[-1]}, least squares on log-log): "
                  f"time ∝ width^{slope:.2f} (parameters grow as width^2)."]
    return lines


# --- (e) -------------------------------------------------------------------------------------------

def section_e() -> list[str]:
    """Wall time of verifying (cold, then warm) and exporting the whole catalog."""
    exe = str(BIN / "derivations")
    t0 = time.perf_counter()
    v = subprocess.run([exe, "verify", "--all", "--quiet"], capture_output=True, text=True)
    t_verify = time.perf_counter() - t0
    t0 = time.perf_counter()
    warm = subprocess.run([exe, "verify", "--all", "--quiet"], capture_output=True, text=True)
    t_warm = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        e = subprocess.run([exe, "export", "--all", "--pdf", "--out", tmp], capture_output=True, text=True)
        t_export = time.perf_counter() - t0
        pdfs = len(list(Path(tmp).rglob("*.pdf")))
    tex = "pdflatex found" if shutil.which("pdflatex") else "no pdflatex: .tex only"
    return ["### (e) the whole catalog", "", "| command | wall time | exit | notes |", "|---|---|---|---|",
            f"| `derivations verify --all` | {t_verify:.2f} s | {v.returncode} | "
            f"{len(derivations.theorems.catalog.ids())} derivations, cold cache |",
            f"| `derivations verify --all` again | {t_warm:.2f} s | {warm.returncode} | verdict cache warm "
            f"(float64 probes of large instances still run) |",
            f"| `derivations export --all --pdf --out <tmp>` | {t_export:.2f} s | {e.returncode} | "
            f"{pdfs} PDFs ({tex}) |"]


# --- (g) -------------------------------------------------------------------------------------------

BASELINE = os.environ.get("BENCH_BASELINE", "d71d993")
_BASELINE_IDS = ("sigmoid-derivative", "sigmoid-symmetry", "logit-inverse", "backprop-delta",
                 "hessian-quadratic-form", "tanh-reparameterization")

_THROUGHPUT = """
import time, sympy
from sympy import Symbol, exp, tanh, log
from derivations.core.domains import REAL, interval
from derivations.verify.numeric import numeric_check
z = Symbol('z', real=True); p = Symbol('p', real=True)
s = 1 / (1 + exp(-z))
cases = [("sigma' = sigma(1 - sigma)", sympy.diff(s, z), s * (1 - s), {z: REAL}),
         ("tanh(z) + 1 = 2 sigma(2z)", tanh(z) + 1, 2 / (1 + exp(-2 * z)), {z: REAL}),
         ("logit(sigma(z)) = z", log(s / (1 - s)), z, {z: interval(-20, 20)}),
         ("log(p/(1-p)) = -log(1/p - 1)", log(p / (1 - p)), -log(1 / p - 1), {p: interval(0, 1)})]
for name, lhs, rhs, doms in cases:
    best = None
    for _ in range(3):
        t = time.perf_counter()
        r = numeric_check(lhs, rhs, doms, seed=7, points=300)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    print(f"{name}\t{r.points}\t{best}\t{r.status}")
"""


def _baseline_tree(tmp: str) -> Path | None:
    """The baseline commit's files in ``tmp`` (None without git or the commit)."""
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", BASELINE], capture_output=True)
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
    return Path(tmp)


def _run_in(tree: Path, args: list[str]) -> tuple[str, float, int]:
    env = {**os.environ, "PYTHONPATH": str(tree), "DERIVATIONS_NO_CACHE": "1"}
    t = time.perf_counter()
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=str(tree))
    return out.stdout, time.perf_counter() - t, out.returncode


def section_g() -> list[str]:
    """Before/after of issue 9: numeric points/s on ordinary steps and verify --all, in one run."""
    with tempfile.TemporaryDirectory() as tmp:
        before = _baseline_tree(tmp)
        if before is None:
            return ["### (g) before / after", "", f"(baseline {BASELINE} not available: no git history)"]
        trees = {"before": before, "after": HERE.parent}
        rates: dict[str, dict[str, tuple]] = {}
        for label, tree in trees.items():
            out, _, _ = _run_in(tree, ["-c", _THROUGHPUT])
            rates[label] = {name: (int(n), float(t), st) for name, n, t, st in
                            (line.split("\t") for line in out.strip().splitlines())}
        walls = {label: [] for label in trees}
        codes = {}
        for _ in range(2):  # interleaved, the best of two: the machine's load hits both alike
            for label, tree in trees.items():
                _, t, code = _run_in(tree, ["-m", "derivations", "verify", *_BASELINE_IDS, "--quiet"])
                walls[label].append(t)
                codes[label] = code
    lines = [f"### (g) before ({BASELINE}) / after: the cost of honest verdicts", "",
             "| numeric oracle, 300 points (best of 3) | before: points/s | after: points/s | after / before |",
             "|---|---|---|---|"]
    for name in rates["before"]:
        (nb, tb, sb), (na, ta, sa) = rates["before"][name], rates["after"][name]
        lines.append(f"| {name} ({sb} / {sa}) | {nb / tb:,.0f} | {na / ta:,.0f} | {(na / ta) / (nb / tb):.2f} |")
    b, a = min(walls["before"]), min(walls["after"])
    lines += ["", "| command (best of 2, interleaved) | before | after | after / before |", "|---|---|---|---|",
              f"| `derivations verify` the six theorems of the baseline (exit {codes['before']} / {codes['after']}) | {b:.2f} s | "
              f"{a:.2f} s | {a / b:.2f} |"]
    return lines


def main() -> int:
    """Run every section (or those named, as in ``run.py f,h``), print the tables, write benchmarks/latest.md."""
    started, load = time.perf_counter(), os.getloadavg()[0]
    os.environ["DERIVATIONS_CACHE_DIR"] = tempfile.mkdtemp(prefix="derivations-bench-cache-")
    a_lines = section_a()[0] if len(sys.argv) < 2 or "a" in sys.argv[1] else []
    chosen = set(sys.argv[1].split(",")) if len(sys.argv) > 1 else set("abcdefghi")
    sections = {"b": section_b, "c": section_c, "d": section_d, "e": section_e, "f": section_f, "g": section_g,
                "h": section_h, "i": section_i}
    parts = [a_lines] if "a" in chosen else []
    parts += [fn() for key, fn in sections.items() if key in chosen]
    header = [f"# Benchmarks ({time.strftime('%Y-%m-%d %H:%M')}, Python {sys.version.split()[0]}, "
              f"SymPy {sympy.__version__}, {os.cpu_count()} CPUs)", "",
              f"The machine was shared with other jobs while this ran (load average {load:.1f} at the start, "
              f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} CPUs): absolute times are above idle "
              "ones; the ratios compare runs made side by side in this one run.", ""]
    body = "\n".join(header + [line for part in parts for line in part + [""]])
    body += f"\nTotal benchmark time: {time.perf_counter() - started:.1f} s.\n"
    print(body)
    (HERE / "latest.md").write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
