r"""Rounding carried on: ``\sigma(1.1) = \frac{1}{1+e^{-1.1}} \approx 0.75`` and later ``(0.75 - 1)^2``.

Worked examples round a value with ``\approx`` and go on with the rounded number.  A later step
that is false with the exact value (σ(1.1) = 0.7503…) but holds with the document's rounded one is
not wrong: it is checked with the rounded value in place of every quantity the ``≈`` statement
names, and the verdict says so ("holds with \sigma(1.1) ≈ 0.75 as the document rounds it, line 31").
A step that fails with the rounded values too stays refuted.

This module has its own small reader of ``≈`` statements: a run of ``=`` items ending in
``≈ number`` names quantities (not numbers) that the document rounds to that number.  A rounding
is used only when it is one: the exact value (with the document's definitions) has no unknowns
and lies within one unit of the last written digit of the rounded number (half a unit for an
integer), so a wrong "≈" is never carried on.

>>> from sympy import Rational, Symbol
>>> tolerance(Rational(3, 4), "0.75")
0.01
>>> [r.text for r in rounded((Symbol("y"), Rational(3, 4)), ("approx",), ["y", "0.75"], [4, 4])]
['with y ≈ 0.75 as the document rounds it (line 4)']
"""

from __future__ import annotations

import re
from typing import Callable

import mpmath
from sympy import Basic, Float, MatrixBase, N, Rational

from derivations.checker.matrix_compare import compare
from derivations.checker.stated_values import Given, chain_values

__all__ = ["written_roundings", "tolerance", "rounded", "valid_roundings", "chain_givens"]


def tolerance(value: Basic, written: str) -> float:
    """How far from the exact value a rounding written as ``written`` may be (one unit of its last digit).

    >>> from sympy import Integer
    >>> tolerance(Integer(3), "3")
    0.5
    """
    digits = re.search(r"\.(\d+)\s*$", written.strip())
    return 10.0 ** -len(digits.group(1)) if digits else 0.5


def rounded(items: tuple, ops: tuple, sources: list, lines: list) -> list[Given]:
    """The roundings a chain states: each quantity of the ``=`` run before ``≈ number`` (not yet validated).

    ``lines`` gives the line of each item; a rounding is cited at the line of its number.

    >>> from sympy import Symbol, Rational
    >>> rounded((Symbol("y"), Rational(3, 4)), ("=",), ["y", "0.75"], [1, 1])
    []
    """
    out = []
    for j, op in enumerate(ops):
        value = items[j + 1]
        if op != "approx" or getattr(value, "is_Number", False) is not True:
            continue
        i = j
        while i > 0 and ops[i - 1] == "=":
            i -= 1
        written, line = sources[j + 1].strip(), lines[j + 1]
        for k in range(i, j + 1):
            if getattr(items[k], "is_Number", False) is not True:
                out.append(Given(items[k], value, line, f"with {sources[k].strip()} ≈ {written} "
                                                        f"as the document rounds it (line {line})"))
    return out


def valid_roundings(candidates: list[Given], check: Callable[[Basic, Basic], object]) -> list[Given]:
    """The candidates whose exact value is within :func:`tolerance` of the rounded one.

    ``check(a, b)`` is the step checker (a verdict): the rounding is valid when ``key = value``
    holds, or is refuted with no unknowns at all and the two values are close enough.

    >>> from types import SimpleNamespace as NS
    >>> from sympy import Symbol, Rational
    >>> g = Given(Symbol("y"), Rational(3, 4), 1, "with y ≈ 0.75 as the document rounds it (line 1)")
    >>> def check(exact):
    ...     ce = NS(point=(), lhs=exact, rhs="0.75")
    ...     return lambda a, b: NS(ok=False, status="refuted", numeric=NS(counterexample=ce))
    >>> len(valid_roundings([g], check("0.7503"))), len(valid_roundings([g], check("0.9")))
    (1, 0)
    """
    out = []
    for g in candidates:
        verdict = check(g.key, g.value)
        ce = getattr(getattr(verdict, "numeric", None), "counterexample", None)
        written = g.text.split("≈ ", 1)[1].split(" ", 1)[0]
        if getattr(verdict, "ok", False):
            out.append(g)
        elif verdict.status == "refuted" and ce is not None and not ce.point:
            try:
                gap = abs(mpmath.mpf(ce.lhs) - mpmath.mpf(ce.rhs))
            except (TypeError, ValueError):  # complex values: not a rounding
                continue
            if gap <= tolerance(g.value, written) * (1 + 1e-9):
                out.append(g)
    return out


def chain_givens(items: tuple, ops: tuple, sources: list, lines: list,
                 check: Callable[[Basic, Basic], object]) -> list[Given]:
    """What one chain states about values: ``name = … = number`` and its valid roundings (``≈``).

    >>> from sympy import Symbol, Rational
    >>> [g.text for g in chain_givens((Symbol("E"), Symbol("t"), Rational(1, 4)), ("=", "="),
    ...                               ["E", "t", "0.25"], [1, 2, 3], None)]
    ['given E = 0.25 (line 3)']
    """
    out = chain_values(items, ops, lines[-1], sources[-1].strip())
    candidates = rounded(items, ops, sources, lines)
    return out + (valid_roundings(candidates, check) if candidates else [])


def written_roundings(left, right) -> bool:
    """True if the two values differ only where one side writes a decimal that the other's exact
    value rounds (or truncates) to, at the decimal's last digit: ``[1/(1+e²)] = 0.12``.

    >>> from sympy import Matrix
    >>> written_roundings(Matrix([Rational(736, 1000)]), Rational(74, 100)), written_roundings(Rational(3, 4), Rational(6, 10))
    (True, False)
    """
    if _matrix_shape(left) in ((), (1, 1)) and _matrix_shape(right) in ((), (1, 1)):
        pairs = [(_one_number(left), _one_number(right))]
    elif _matrix_shape(left) == _matrix_shape(right):
        pairs = list(zip(left, right))
    else:
        return False
    for a, b in pairs:
        if compare(a, b) in ("equal", "close"):
            continue
        if not any(_agrees(x, y) for x, y in ((a, b), (b, a))):
            return False
    return True


def _agrees(value, written) -> bool:
    """``written`` a decimal with 1 to 9 places that ``value`` rounds or truncates to."""
    if not (isinstance(written, Rational) and written.q > 1):
        return False
    places = next((p for p in range(1, 10) if (written * 10 ** p).is_integer), None)
    if places is None:
        return False
    number = N(value, 30)
    if not number.is_real:
        return False
    unit = Rational(1, 10 ** places)
    gap = abs(number - written)
    return bool(gap <= unit / 2 + Float("1e-25") or (gap < unit and abs(number) > abs(written)))


def _matrix_shape(v):
    return v.shape if isinstance(v, MatrixBase) else ()


def _one_number(v):
    """A 1×1 matrix as the number it holds; anything else as it is."""
    return v[0, 0] if _matrix_shape(v) == (1, 1) else v
