"""The hint a refuted step gets: what its two sides differ by (a sign, a constant, a factor), said
only once that claim is itself checked."""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import sympy
from sympy import Basic

from derivations.verify.recipe import Limits, Verdict, check_equal

__all__ = ["refuted_hint"]


def refuted_hint(lhs: Basic, rhs: Basic, verdict: Verdict, domains: dict, definitions: tuple = (),
                 substitutions=()) -> str:
    """What a refuted step's sides differ by, where it can tell: a sign, a constant, or a constant
    factor (each checked before it is said); else "".

    >>> from sympy import Symbol
    >>> x = Symbol("x", real=True)
    >>> verdict = check_equal(2 * x + 1, 2 * x, {})
    >>> refuted_hint(2 * x + 1, 2 * x, verdict, {})
    'the sides differ by a constant: left − right = 1'
    """
    ce = verdict.numeric.counterexample
    if ce is None:  # refuted symbolically: the evidence says it all
        return ""
    try:
        left, right = float(mpmath.mpf(ce.lhs)), float(mpmath.mpf(ce.rhs))
    except (TypeError, ValueError, OverflowError):  # complex values: no simple relation to suggest
        return ""
    if not (math.isfinite(left) and math.isfinite(right) and math.isfinite(left - right)):
        return ""  # values beyond float range (e^{1000x}, 10^{400}): no constant worth suggesting
    kw = dict(definitions=definitions, substitutions=substitutions,
              limits=Limits(prepare=3.0, strategy_scale=0.25, numeric=5.0, points=8))

    def holds(a: Basic, b: Basic) -> bool:
        return check_equal(a, b, domains, **kw).ok

    if right != 0 and holds(lhs, -rhs):
        return "the sides differ by a sign (left = −right)"
    diff = Fraction(left - right).limit_denominator(1000)
    if diff and holds(lhs, rhs + sympy.Rational(diff.numerator, diff.denominator)):
        return f"the sides differ by a constant: left − right = {diff}"
    if right != 0 and math.isfinite(left / right):
        ratio = Fraction(left / right).limit_denominator(1000)
        if ratio not in (0, 1) and holds(lhs, sympy.Rational(ratio.numerator, ratio.denominator) * rhs):
            return f"the sides differ by a constant factor: left = {ratio} · right"
    return ""
