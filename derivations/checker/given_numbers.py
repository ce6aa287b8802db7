r"""Formulas with floor and ceiling, and the numbers a document gives them (``f = 3``, ``p = 0``).

Sizes in a convolution formula (⌊(n − f + 2p)/s⌋ + 1) are whole numbers, so a step whose sides
(with the document's definitions and given numbers put in) hold a floor or a ceiling is checked
exactly at every integer value of its remaining unknowns from 1 to :data:`LIMIT` (at most three
unknowns).  Two readings are stated in the verdict whenever they are used: a right side written
``(A \times A)`` for a quantity named a size, dimension or shape is the shape A by A (each side
is A), and a letter that is never given a value but differs only in case from one that is
(``2P`` in a formula after "p is padding", ``p = 0``) is read as that one.  A refutation needs no
reading: it is an exact integer counterexample.

>>> from sympy import Symbol, floor, Rational
>>> n, f, p, s, size = (Symbol(x) for x in ("n", "f", "p", "s", "output size"))
>>> defs = [(size, floor((n - f + 2 * p) / s) + 1), (f, 3), (p, 0), (s, 1)]
>>> integer_check(size, n - 2, defs, "n - 2")
('confirmed', 'holds for every integer n from 1 to 12 (exact)')
>>> integer_check(size, n - 3, defs, "n - 3")[1]
'fails at n = 1: left = -1, right = -2'
"""

from __future__ import annotations

import itertools
import re

import sympy
from sympy import Symbol

from derivations.core.definitions import put_in_all

__all__ = ["LIMIT", "SECONDS", "integer_check", "limited", "integer_step"]

SECONDS = 10.0
"""Time limit of one step checked on instances (matrices, integers), in a worker process."""

LIMIT = 12
"""Integer values 1…LIMIT are tried for one unknown (1…6 for two or three)."""

_SHAPE_NAME = re.compile(r"size|dim|shape", re.IGNORECASE)
_TIMES = re.compile(r"^\(*\s*\(?(.+?)\)?\s*\\times\s*\(?(.+?)\)?\s*\)*$")


def _shape_side(lhs, rhs, rhs_source: str):
    """A for ``size = (A \\times A)``: the shape A by A (a side of A each), else None."""
    if not (isinstance(lhs, Symbol) and _SHAPE_NAME.search(lhs.name) and _TIMES.match(rhs_source.strip())):
        return None
    if isinstance(rhs, sympy.Mul) and len(rhs.args) == 2 and rhs.args[0] == rhs.args[1]:
        return rhs.args[0]
    if isinstance(rhs, sympy.Pow) and rhs.exp == 2:  # (A × A) after a trip through a worker process
        return rhs.base
    return None


def limited(fn, args: tuple, seconds: float = SECONDS) -> tuple[str, str] | None:
    """``fn(*args)`` in a worker process under a time limit; a time-out is an inconclusive verdict.

    >>> limited(max, (("proved", "a"), ("confirmed", "b")))
    ('proved', 'a')
    """
    from derivations.verify.worker import call_limited

    out = call_limited(fn, args, seconds)
    if out.kind == "ok":
        return out.value
    return "inconclusive", f"not decided on instances within {seconds:g} s ({out.kind}: {out.message})"


def integer_step(lhs, rhs, symbols, rhs_source: str = "") -> tuple[str, str] | None:
    """:func:`integer_check` in a worker process, when floor or ceiling is in sight (else None at once).

    >>> from sympy import Symbol, ceiling
    >>> integer_step(ceiling(Symbol("n") / 1), Symbol("n"), [])
    ('confirmed', 'holds for every integer n from 1 to 12 (exact)')
    """
    if not any(e.has(sympy.floor, sympy.ceiling) for e in [lhs, rhs] + [sympy.sympify(v) for _s, v in symbols]):
        return None
    return limited(integer_check, (lhs, rhs, list(symbols), rhs_source))


def integer_check(lhs, rhs, symbols, rhs_source: str = "") -> tuple[str, str] | None:
    """(status, reason) of a step with floor or ceiling checked at integers, or None if it has neither.

    >>> from sympy import Symbol, floor
    >>> n = Symbol("n")
    >>> integer_check(floor(n / 2) * 2, n, [])
    ('refuted', 'fails at n = 1: left = 0, right = 1')
    >>> integer_check(n + 1, 2 * n, []) is None
    True
    """
    bound = {v for e in (lhs, rhs) for d in e.atoms(sympy.Derivative) for v in d.variables}
    defs = {s: sympy.sympify(v) for s, v in symbols if s not in bound}
    try:
        left, right = put_in_all(lhs, defs), put_in_all(rhs, defs)
    except (ValueError, TypeError):  # SymPy refuses the result (a derivative by a sum)
        return None
    if not any(e.has(sympy.floor, sympy.ceiling) for e in (left, right)):
        return None
    readings = []
    side = _shape_side(lhs, rhs, rhs_source)
    if side is not None:
        right = put_in_all(side, defs)
        readings.append(f"{rhs_source.strip()} is read as a shape, each side {side}")
    free = sorted(left.free_symbols | right.free_symbols, key=str)
    given = {s.name: v for s, v in defs.items() if isinstance(s, Symbol) and put_in_all(v, defs).is_number}
    for sym in free:
        twin = next((k for k in given if k != sym.name and k.lower() == sym.name.lower()), None)
        if twin is not None:
            value = put_in_all(defs[Symbol(twin)], defs)
            left, right = left.xreplace({sym: value}), right.xreplace({sym: value})
            readings.append(f"{sym} is read as {twin} (= {value}: {sym} is never given a value)")
    free = sorted(left.free_symbols | right.free_symbols, key=str)
    if len(free) > 3:
        return None
    top = LIMIT if len(free) <= 1 else 6
    for values in itertools.product(range(1, top + 1), repeat=len(free)):
        point = dict(zip(free, map(sympy.Integer, values)))
        a, b = sympy.simplify(left.xreplace(point)), sympy.simplify(right.xreplace(point))
        if not (a.is_Rational and b.is_Rational):
            return None
        if a != b:
            where = ", ".join(f"{k} = {v}" for k, v in point.items())
            if readings:
                return "not checked", (f"fails at {where} (left = {a}, right = {b}) under the readings "
                                       f"{'; '.join(readings)}")
            return "refuted", f"fails at {where}: left = {a}, right = {b}"
    names = ", ".join(map(str, free)) or "the numbers given"
    how = f"for every integer {names} from 1 to {top}" if free else "with the numbers given"
    return "confirmed" if free else "proved", f"holds {how} ({'; '.join(readings) or 'exact'})"
