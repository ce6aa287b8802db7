"""Write tests/data/sympy_latex_pairs.json from SymPy's own LaTeX parser tests (run by hand, once).

Source: sympy/parsing/tests/test_latex.py (GOOD_PAIRS) and test_latex_lark.py (every *_PAIRS
list), SymPy (https://github.com/sympy/sympy), BSD-3-Clause licence, Copyright (c) 2006-2023 SymPy
Development Team.  Usage: copy the two files into a directory PKG (with an empty __init__.py) and run

    python scripts/sympy_latex_pairs.py PKG COMMIT > tests/data/sympy_latex_pairs.json

Each pair keeps the LaTeX, SymPy's expected expression (srepr, for reading) and its values at three
points (every symbol gets a value from its name), so the test compares meanings without evaluating
any text.  This script imports SymPy's test modules; it is not part of the package or the suite.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import zlib

import sympy
from sympy.core.function import AppliedUndef

ELEMENTARY = (sympy.exp, sympy.log, sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc, sympy.cot,
              sympy.asin, sympy.acos, sympy.atan, sympy.sinh, sympy.cosh, sympy.tanh, sympy.Abs,
              sympy.floor, sympy.ceiling)


def value(name: str, k: int) -> float:
    """The value a symbol gets at point k: from its name with braces and spaces removed."""
    norm = re.sub(r"[{}\s]", "", name)
    return 0.31 + (zlib.crc32(norm.encode()) % 97) / 50 + 0.53 * k


def values(expr) -> list[str] | None:
    """The expression at three points, as strings (None when it has no number there)."""
    out = []
    for k in range(3):
        rule = {s: value(s.name, k) for s in expr.free_symbols if isinstance(s, sympy.Symbol)}
        try:
            v = complex(sympy.N(expr.doit().xreplace(rule), 20))
        except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError):
            return None
        out.append(repr(v))
    return out


def elementary(expr) -> bool:
    """Numbers, symbols, + − × ÷, powers, elementary functions and derivatives of them."""
    if not isinstance(expr, sympy.Basic) or expr.has(sympy.I, AppliedUndef):
        return False
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Function,)) and not isinstance(node, ELEMENTARY):
            return False
        if not isinstance(node, (sympy.Symbol, sympy.Number, sympy.Add, sympy.Mul, sympy.Pow,
                                 sympy.Derivative, sympy.Tuple, sympy.core.numbers.NumberSymbol,
                                 sympy.core.relational.Relational) + ELEMENTARY):
            return False
    return True


def main(package: str, commit: str) -> None:
    sys.path.insert(0, package.rsplit("/", 1)[0])
    name = package.rsplit("/", 1)[1]
    pairs = []
    for module_name in ("test_latex", "test_latex_lark"):
        module = importlib.import_module(f"{name}.{module_name}")
        for list_name, pairs_list in vars(module).items():
            if not (list_name.endswith("PAIRS") and isinstance(pairs_list, list)):
                continue
            for latex, expected in pairs_list:
                expected = sympy.sympify(expected)
                rel = isinstance(expected, sympy.core.relational.Relational)
                pairs.append({
                    "file": f"{module_name}.py", "list": list_name, "latex": latex,
                    "expected": sympy.srepr(expected),
                    "relation": type(expected).__name__ if rel else None,
                    "values": (values(expected.lhs) and values(expected.rhs) and
                               [values(expected.lhs), values(expected.rhs)]) if rel else values(expected),
                    "elementary": elementary(expected),
                })
    json.dump({"source": "https://github.com/sympy/sympy, sympy/parsing/tests/test_latex.py and "
                         "test_latex_lark.py at commit " + commit,
               "license": "BSD-3-Clause (Copyright (c) 2006-2023 SymPy Development Team); "
                          "see https://github.com/sympy/sympy/blob/master/LICENSE",
               "pairs": pairs}, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
