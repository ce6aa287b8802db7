r"""Equation-solving chains: an equation after ⇒ (or ⇔) follows from the one before it.

``1 + e^{-x} = \frac{1}{y} \Rightarrow e^{-x} = \frac{1-y}{y} \Rightarrow x = -\ln\frac{1-y}{y}``
is not a chain of identities: each equation is a consequence of the previous one.  Following
STACK's equivalence reasoning, the previous equation P is solved for one of its unknowns s (SymPy's
``solve``, in a worker process with a time limit); at sample values of the other unknowns, every
real solution s of P must satisfy the new equation Q.  For ⇔ the converse is checked too (every
real solution of Q satisfies P).  Points where P has no real solution are skipped and the verdict
names the condition (``y ∈ (0, 1)``, from the sampled values where a solution exists).  The result
is *confirmed* (numerically, never *proved*), *refuted* with a point where P holds and Q does not,
or None when it cannot tell (no solvable unknown, too few real points, the time limit).

>>> from sympy import Symbol, exp, log
>>> x, y = Symbol("x"), Symbol("y")
>>> v = follows((1 + exp(-x), 1 / y), (x, -log((1 - y) / y)), both_ways=False)
>>> v.status, v.reason
('confirmed', 'follows from the previous equation (solved for x, where it has a real solution: y in (0, 1) at the sampled points)')
"""

from __future__ import annotations

import random

import sympy
from sympy import Basic, Derivative, Symbol

from derivations.verify.verdict import Counterexample, NumericResult, Status, Verdict
from derivations.verify.worker import default_pool

__all__ = ["follows", "set_to_zero"]

_SAMPLES = (-2.5, -1.3, -0.4, 0.2, 0.35, 0.5, 0.8, 0.95, 1.7, 3.1)
_TIMEOUT = 10.0


def _real(value: complex) -> float | None:
    if value != value or abs(value) == float("inf") or abs(value.imag) > 1e-12 * max(1.0, abs(value)):
        return None
    return value.real


def _evaluate(expr: Basic, point: dict) -> complex | None:
    try:
        return complex(sympy.N(expr.xreplace(point), 30))
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError, RecursionError):
        return None


def _check_direction(p: Basic, q: Basic, seed: int) -> tuple[str, object]:
    """(In the worker.) Solve p = 0 for an unknown; check q = 0 at the real solutions.

    Returns ("confirmed", (s, points, ranges)) | ("refuted", (point, q value)) | ("unknown", why).
    """
    unknowns = sorted(p.free_symbols | q.free_symbols, key=str)
    rng = random.Random(seed)
    for s in sorted(unknowns, key=lambda u: (u not in q.free_symbols, str(u))):
        try:
            solutions = sympy.solve(p, s, dict=False)
        except (NotImplementedError, ValueError, TypeError, RecursionError):
            continue
        if not solutions or len(solutions) > 4:
            continue
        others = [u for u in unknowns if u != s]
        good, seen, branches = 0, {u: [] for u in others}, False
        for _ in range(40):
            point = {u: sympy.Float(rng.choice(_SAMPLES) + rng.uniform(-0.04, 0.04), 30) for u in others}
            holds, fails = [], []
            for sol in solutions:
                value = _evaluate(sol, point)
                real = _real(value) if value is not None else None
                if real is None:
                    continue
                full = {**point, s: sympy.Float(real, 30)}
                residual = _evaluate(q, full)
                if residual is None or _real(residual) is None:
                    continue  # this equation is not real-valued here: no verdict from this point
                scale = max(1.0, max(abs(float(v)) for v in full.values()))
                (fails if abs(residual) > 1e-9 * scale else holds).append((full, residual))
            if fails and not holds:  # no solution of the previous equation satisfies this one
                full, residual = fails[0]
                return "refuted", (tuple((str(k), f"{float(v):.6g}") for k, v in full.items()), residual)
            branches |= bool(fails)
            good += len(holds)
            for u in others if holds else ():
                seen[u].append(float(point[u]))
            if good >= 12:
                break
        if branches:
            return "unknown", f"holds on some solutions for {s} only (a branch or a sign was chosen)"
        if good >= 5:
            return "confirmed", (str(s), good, {str(u): (min(v), max(v)) for u, v in seen.items() if v})
    return "unknown", "no unknown of the previous equation could be solved for"


def _condition(s: str, ranges: dict) -> str:
    parts = []
    for name, (lo, hi) in sorted(ranges.items()):
        if lo > 0 and hi < 1:
            parts.append(f"{name} in (0, 1)")
        elif lo > 0:
            parts.append(f"{name} > 0")
        elif hi < 0:
            parts.append(f"{name} < 0")
    where = f", where it has a real solution: {', '.join(parts)} at the sampled points" if parts else ""
    return f"follows from the previous equation (solved for {s}{where})"


def follows(previous: tuple[Basic, Basic], current: tuple[Basic, Basic], *, both_ways: bool,
            seed: int = 0) -> Verdict | None:
    """Does ``current`` (lhs, rhs) follow from ``previous`` (for ⇔: and the converse)?  None: cannot tell.

    The sides are SymPy expressions with the document's definitions already applied.

    >>> from sympy import Symbol
    >>> a, b = Symbol("a"), Symbol("b")
    >>> follows((2 * a, b), (a, b / 2), both_ways=True).status
    'confirmed'
    >>> follows((2 * a, b), (a, b), both_ways=False).status
    'refuted'
    """
    p = previous[0] - previous[1]
    q = current[0] - current[1]
    if not (p.free_symbols and q.free_symbols) or any(not isinstance(u, Symbol) for u in p.free_symbols):
        return None
    if p.has(sympy.Derivative, sympy.Subs) or q.has(sympy.Derivative, sympy.Subs):
        return None  # differentiating an equation (implicit differentiation) is not solving it
    directions = [(p, q)] + ([(q, p)] if both_ways else [])
    found = []
    with default_pool().worker() as worker:
        for a, b in directions:
            outcome = worker.call(_check_direction, (a, b, seed), timeout=_TIMEOUT)
            if outcome.kind != "ok":
                return None
            found.append(outcome.value)
    for kind, detail in found:
        if kind == "refuted":
            point, residual = detail
            ce = Counterexample(point, f"{complex(residual).real:.15g}", "0", f"{complex(residual).real:.15g}", 30)
            numeric = NumericResult(Status.REFUTED, points=1, counterexample=ce,
                                    reason="the previous equation holds at this point, this one does not")
            return Verdict(Status.REFUTED, None, numeric,
                           reason="does not follow from the previous equation: it holds at "
                                  + ", ".join(f"{k} = {v}" for k, v in point) + ", this one does not")
    if all(kind == "confirmed" for kind, _ in found):
        s, points, ranges = found[0][1]
        numeric = NumericResult(Status.CONFIRMED, points=points)
        return Verdict(Status.CONFIRMED, None, numeric, reason=_condition(s, ranges))
    return None


_SET_TO_ZERO = ("the derivative's value set to 0 (the condition for a minimum or maximum, as in "
               "∂J/∂w = … = 0): an equation to solve, not an identity")


def set_to_zero(status: str, items: list, k: int) -> str:
    r"""The reason to read a refuted last link ``… = 0`` as a condition, or "".

    A chain that starts with a derivative or gradient, states its value and ends with ``= 0`` sets that
    value to zero to find a stationary point (``\frac{dJ}{dw} = -2x(y - wx) = 0``): the last link is a
    condition, not a claim that the value is 0 everywhere.  A two-item ``∂A/∂B = 0`` is still a claim.

    >>> from sympy import Derivative, Integer, Symbol
    >>> J, w, x, y = (Symbol(n) for n in "Jwxy")
    >>> set_to_zero("refuted", [Derivative(J, w), -2 * x * (y - w * x), Integer(0)], 1)[:27]
    "the derivative's value set "
    >>> set_to_zero("refuted", [Derivative(J, w), Integer(0)], 0)
    ''
    """
    if status != "refuted" or len(items) < 3 or k != len(items) - 2 or items[-1] != 0:
        return ""
    return _SET_TO_ZERO if isinstance(items[0], Basic) and items[0].atoms(Derivative) else ""
