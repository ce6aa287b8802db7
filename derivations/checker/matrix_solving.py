r"""Equation-solving chains with vectors and matrices: an equation after ⇒ or ⇔ follows from the one before.

``2X^TXw - 2X^Ty = 0 \Longleftrightarrow X^TXw = X^Ty`` (setting a gradient to zero, then the
normal equations) is not an identity: the second equation holds wherever the first does.  As for
numbers (:mod:`.solving`, after STACK's equivalence reasoning), the previous equation P is solved for
one of its unknown vectors or matrices v on random exact instances: v's entries are made symbols,
P becomes a system of equations in them, and where it has exactly one solution (P is linear in v
and the instance's matrices invertible), the new equation Q must hold there.  For ⇔ the converse is
checked too (Q solved for an unknown, P must hold).  The verdict is *confirmed on instances*, or
*refuted* with an instance where P holds and Q does not; None when no unknown of P can be solved
for uniquely (then the step is left to the caller).

>>> from derivations.checker.parser import parse_chains, parse_expression
>>> from derivations.checker.matrices import matrix_reading
>>> text = r"$X \in \mathbb{R}^{m \times n}$, $w \in \mathbb{R}^n$, $y \in \mathbb{R}^m$"
>>> chains = [c for block in ("X^T X w - X^T y = 0", "X^T X w = X^T y", "X^T X w = 2 X^T y")
...           for c in parse_chains(block)]
>>> reading = matrix_reading(text, chains)
>>> premise = tuple(chains[0].items)
>>> follows_on_instances(reading, premise, tuple(chains[1].items), True, {})[0]
'confirmed'
>>> follows_on_instances(reading, premise, tuple(chains[2].items), False, {})[0]
'refuted'
"""

from __future__ import annotations

import dataclasses

import sympy
from sympy import Matrix, Symbol

from derivations.checker.matrix_shapes import family
from derivations.checker.matrix_compare import compare, value_text, written_zero
from derivations.checker.matrix_values import Ambiguous, ShapeError, Unknown, evaluate

__all__ = ["follows_on_instances"]

_ROUNDS = 3
_FAILURES = (Unknown, Ambiguous, ShapeError, ZeroDivisionError, TypeError, ValueError, AttributeError,
             IndexError, KeyError, NotImplementedError)


def _difference(equation: tuple, inst):
    left, right = written_zero(*equation, *(evaluate(side, inst) for side in equation))
    return left - right


def _unknowns(equation: tuple, reading) -> list[Symbol]:
    """The vectors and matrices of ``equation`` the document does not define, vectors first."""
    names = {s for side in equation for s in side.free_symbols if isinstance(s, Symbol)}
    kinds = reading.shapes.kind
    candidates = [s for s in names if kinds.get(family(s)) in ("vector", "matrix")
                  and s not in reading.definitions and s not in reading.expansions]
    return sorted(candidates, key=lambda s: (kinds[family(s)] != "vector", str(s)))


def _solved(equation: tuple, reading, inst) -> Symbol | None:
    """Solve ``equation`` on ``inst`` for one unknown with a unique solution; its value is then set."""
    for v in _unknowns(equation, reading):
        try:
            drawn = evaluate(v, inst)  # a random value of v's shape on this instance
            entries = Matrix(*drawn.shape, lambda i, j: sympy.Dummy(f"v{i}{j}"))
            trial = dataclasses.replace(inst, values={**inst.values, v: entries}, used=set(inst.used))
            difference = _difference(equation, trial)
        except _FAILURES:
            continue
        system = list(difference) if isinstance(difference, sympy.MatrixBase) else [difference]
        try:
            linear = all(sympy.Poly(e, *entries).total_degree() <= 1 for e in system if e != 0)
        except sympy.PolynomialError:
            linear = False  # σ(Xw) = y: not a linear system in w's entries
        if not linear:
            continue
        solutions = sympy.linsolve(system, list(entries))
        if len(solutions) != 1:
            continue
        (point,) = solutions
        if any(p.free_symbols & set(entries) for p in point):
            continue  # many solutions: P does not fix v
        inst.values.update({k: val for k, val in trial.values.items() if k != v})
        inst.values[v] = Matrix(*drawn.shape, list(point))
        return v
    return None


def _direction(reading, premise: tuple, claim: tuple, functions: dict) -> tuple[str, str] | None:
    solved_for = None
    for round_ in range(_ROUNDS):
        inst = reading._instance(round_, 0, functions, reading.convention or "cross-correlation")
        v = _solved(premise, reading, inst)
        if v is None:
            return None
        solved_for = v
        try:
            difference = _difference(claim, inst)
        except _FAILURES:
            return None
        values = list(difference) if isinstance(difference, sympy.MatrixBase) else [difference]
        outcome = compare(Matrix(values), sympy.zeros(len(values), 1))
        if outcome == "differ":
            shown = ", ".join(f"{k} = {value_text(val)}" for k, val in inst.values.items() if isinstance(k, Symbol))
            return "refuted", (f"does not follow from the previous equation: on the random {inst.label} "
                               f"instance where it holds ({shown[:300]}), this one does not")
        if outcome != "equal":
            return None
    return "confirmed", f"follows from the previous equation (solved for {solved_for} on random exact instances)"


def follows_on_instances(reading, premise: tuple, claim: tuple, both_ways: bool,
                         functions: dict) -> tuple[str, str] | None:
    r"""(status, reason) of ``claim`` as a consequence of ``premise`` (and the converse for ⇔), or None.

    >>> from sympy import Symbol
    >>> from derivations.checker.parser import parse_expression
    >>> from derivations.checker.matrices import matrix_reading
    >>> reading = matrix_reading(r"$A \in \mathbb{R}^{n \times n}$, $u \in \mathbb{R}^n$, $b \in \mathbb{R}^n$", [])
    >>> premise = (parse_expression("2 A u"), parse_expression("2 b"))
    >>> follows_on_instances(reading, premise, (parse_expression("A u"), parse_expression("b")), True, {})
    ('confirmed', 'is equivalent to the previous equation (solved for b on random exact instances)')
    """
    forward = _direction(reading, premise, claim, functions)
    if forward is None or forward[0] != "confirmed" or not both_ways:
        return forward
    backward = _direction(reading, claim, premise, functions)
    if backward is None:
        return None
    if backward[0] == "refuted":
        return "refuted", "follows from the previous equation, but not the converse (⇔): it " + backward[1]
    return "confirmed", forward[1].replace("follows from", "is equivalent to")

