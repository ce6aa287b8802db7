"""SymPy's own LaTeX parser test pairs against our parser: how many read the same, how many are refused.

Source: tests/data/sympy_latex_pairs.json, extracted by scripts/sympy_latex_pairs.py from SymPy's
sympy/parsing/tests/test_latex.py and test_latex_lark.py (https://github.com/sympy/sympy, BSD-3-Clause
licence, Copyright (c) 2006-2023 SymPy Development Team; the commit is named in the file).

Each pair is read with ``parse_chains`` (``f`` declared a function, as SymPy's tests declare it) and
compared with SymPy's expected expression at three points where every symbol takes a value from its
name (so ``x_{1}`` and ``x_1`` agree).  Outcomes: *same* meaning, *refused* (a parse error or an
unsupported construct: honest), *convention* (a documented difference of convention, listed below),
*not comparable* (no numeric value on one side) and *different*.  The elementary-calculus pairs must
never be *different*.  ``python tests/test_sympy_latex_pairs.py`` prints the figures the README quotes.
"""

from __future__ import annotations

import cmath
import json
import re
import sys
import zlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import sympy

from derivations.checker.matrix_notation import NORMS
from derivations.checker.parser import (
    LatexParseError,
    LatexUnsupportedError,
    parse_chains,
    parse_expression,
)

DATA = Path(__file__).resolve().parent / "data" / "sympy_latex_pairs.json"
_OPS = {"Equality": "=", "Unequality": "neq", "StrictLessThan": "<", "LessThan": "<=",
        "StrictGreaterThan": ">", "GreaterThan": ">="}

SAME_FLOOR = 332  # the measured figure; raise it as the parser reads more, never lower it

# Where our reading follows our own documented conventions (README, SPEC.md) instead of SymPy's.
CONVENTIONS = {
    r"\pi": "\\pi is the number π (SymPy's test expects a symbol named pi)",
    r"\log": "\\log is the natural logarithm (SymPy's parser reads base 10)",
    "'": "a prime is a derivative (f'(x)); SymPy's test expects primed symbol names (a')",
    "e": "e is Euler's number (SymPy's tests sometimes expect a symbol e)",
    r"\overline": "\\overline{x} is a name (x̄, a mean), not the complex conjugate",
}


def value(name: str, k: int) -> float:
    """The value of a symbol at point k, from its name (the same rule as the data file's)."""
    norm = re.sub(r"[{}\s()\\]", "", name)
    return 0.31 + (zlib.crc32(norm.encode()) % 97) / 50 + 0.53 * k


def numbers(expr) -> list[complex] | None:
    """Our expression at the three points (None where it has no number)."""
    out = []
    expr = expr.replace(lambda e: getattr(e, "func", None) in NORMS.values(), lambda e: sympy.Abs(e.args[0]))
    for k in range(3):  # a norm at numbers is their size (||x|| is |x| where x is a number)
        rule = {s: value(s.name, k) for s in expr.free_symbols if isinstance(s, sympy.Symbol)}
        try:
            out.append(complex(sympy.N(expr.doit().xreplace(rule), 20)))
        except (TypeError, ValueError, AttributeError, NotImplementedError, ZeroDivisionError, RecursionError):
            return None
    return out


def close(ours: list[complex], theirs: list[str]) -> bool:
    """The three values agree to 1e-9 (relative)."""
    for a, b in zip(ours, (complex(t) for t in theirs)):
        if cmath.isnan(b) or abs(a - b) > 1e-9 * max(1.0, abs(b)):
            return False
    return True


def outcome(pair: dict) -> str:
    """same | refused | convention | not comparable | different."""
    try:
        if not pair["relation"]:  # one expression (a \quad b holds two: refused here)
            parse_expression(pair["latex"], functions={"f"})
        chains = parse_chains(pair["latex"], functions={"f"})
    except (LatexParseError, LatexUnsupportedError):
        return "refused"
    if len(chains) != 1:
        return "different"
    chain = chains[0]
    expected_atom = re.fullmatch(r"Symbol\('[^']*'\)", pair["expected"])
    if not pair["relation"] and expected_atom and isinstance(chain.items[0], sympy.Symbol):
        return "same"  # one name both ways (h_\theta and h_{theta}, a_{n+k} and a_{k + n})
    if pair["relation"]:
        if chain.ops != (_OPS.get(pair["relation"]),) or pair["values"] is None:
            verdict = "different" if len(chain.ops) != 1 else "not comparable"
        else:
            sides = [numbers(e) for e in chain.items]
            verdict = ("not comparable" if None in sides else
                       "same" if all(close(s, v) for s, v in zip(sides, pair["values"])) else "different")
    elif chain.ops or chain.leading:
        verdict = "different"
    else:
        ours = numbers(chain.items[0])
        verdict = ("not comparable" if ours is None or pair["values"] is None else
                   "same" if close(ours, pair["values"]) else "different")
    if verdict == "different" and convention(pair["latex"]):
        return "convention"
    return verdict


def convention(latex: str) -> str:
    """The documented convention that explains a difference, or ''."""
    for key, why in CONVENTIONS.items():
        if (key in latex if not key.isalpha() else re.search(rf"(?<![A-Za-z\\]){key}(?![A-Za-z])", latex)):
            return why
    return ""


@lru_cache(maxsize=1)
def results() -> list[tuple[dict, str]]:
    """Every pair with its outcome."""
    pairs = json.loads(DATA.read_text(encoding="utf-8"))["pairs"]
    return [(p, outcome(p)) for p in pairs]


def test_data_names_its_source_and_license():
    """The data file names SymPy, the commit and the BSD licence."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert "sympy/sympy" in data["source"] and "commit" in data["source"]
    assert "BSD" in data["license"] and len(data["pairs"]) > 600


def test_no_misreading_in_elementary_calculus():
    """No elementary-calculus pair of SymPy's tests is read with a different meaning (refusing is fine)."""
    wrong = [p["latex"] for p, o in results() if p["elementary"] and o == "different"]
    assert not wrong, wrong


def test_figures_do_not_fall():
    """At least the measured number of pairs read the same as SymPy's tests expect."""
    counts = Counter(o for _p, o in results())
    assert counts["same"] >= SAME_FLOOR, counts


if __name__ == "__main__":
    for p, o in results():
        if o in ("different", "convention") or "-v" in sys.argv:
            print(f"{o:14} {'E' if p['elementary'] else ' '} {p['latex']!r}  expected {p['expected'][:80]}")
    total = Counter(o for _p, o in results())
    elem = Counter(o for p, o in results() if p["elementary"])
    print("all:", len(results()), dict(total))
    print("elementary:", sum(elem.values()), dict(elem))
