r"""A step that is false whatever the undefined quantities in it stand for.

A step that uses the value of a quantity the document differentiates but never defines (``a`` in
``\frac{dL}{da} = \frac{-y}{a} - \frac{1-y}{1-a}``, with a = σ(z) said only in prose) is not refuted
on one choice of that quantity: the step may rely on what it means.  But when, with the other
symbols at the counterexample's point, no value at all makes the two sides equal, the step is false
whatever the quantity stands for, and it is refuted so: the numerator of left − right, a polynomial
in the quantities' values with rational coefficients, is a nonzero constant, or, for one quantity,
has no real root (Sturm's count, exact).  Anything else (a logarithm of the value, a derivative of
it left in the step, a point that is not rational) decides nothing here.

>>> from sympy import Dummy, Rational, Symbol
>>> a, y = Dummy("a"), Symbol("y")
>>> false_for_every_value((-y / a - (1 - y) / (1 - a), -y / a + (1 - y) / (1 - a)), [a], (("y", "3/10"),))
'false whatever a stands for: at y = 3/10, left − right = 7/(5*(a - 1)), which is not 0 for any value of a'
>>> false_for_every_value((a * (1 - a), Rational(1, 5)), [a], (("y", "3/10"),))  # a = (5 ± √5)/10
''
"""

from __future__ import annotations

from typing import Iterable

import sympy
from sympy import Basic, Poly, Rational
from sympy.polys.polyerrors import CoercionFailed, GeneratorsNeeded, PolynomialError

__all__ = ["false_for_every_value"]

_MAX_OPS = 400  # a larger difference is not put over one denominator here


def false_for_every_value(sides: tuple, values: Iterable[Basic], point: Iterable[tuple[str, str]]) -> str:
    """Why no value of ``values`` (the undefined quantities' values, as free symbols) makes the
    ``sides`` equal with the other symbols at ``point`` (a counterexample's (name, number) pairs),
    or "" when that is not shown.

    >>> from sympy import Dummy, Symbol
    >>> a, y = Dummy("a"), Symbol("y")
    >>> false_for_every_value((a * y, a + 1), [a], (("y", "1"),))
    'false whatever a stands for: at y = 1, left − right = -1, which is not 0 for any value of a'
    """
    values = list(values)
    try:
        at = {name: Rational(number) for name, number in point}
    except (TypeError, ValueError):  # a float with an exponent, a complex number: not exact here
        return ""
    difference = sides[0] - sides[1]
    others = difference.free_symbols - set(values)
    if not values or sympy.count_ops(difference) > _MAX_OPS or any(s.name not in at for s in others):
        return ""
    fixed = {s: at[s.name] for s in others}
    numerator = sympy.fraction(sympy.together(difference.xreplace(fixed)))[0]
    try:
        poly = Poly(numerator, *values, domain="QQ")
    except (PolynomialError, CoercionFailed, GeneratorsNeeded):
        return ""
    if poly.is_zero:
        return ""
    if poly.total_degree() > 0 and not (len(values) == 1 and poly.count_roots() == 0):
        return ""
    names = ", ".join(v.name for v in values)
    where = ", ".join(f"{s.name} = {fixed[s]}" for s in sorted(others, key=str))
    shown = sympy.factor(difference.xreplace(fixed)).xreplace({v: sympy.Symbol(v.name) for v in values})
    return (f"false whatever {names} stands for: at {where or 'every point'}, left − right = "
            f"{sympy.sstr(shown)}, which is not 0 for any value of {names}")
