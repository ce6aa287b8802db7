"""What a step's numbers and derivatives mean, settled before either oracle looks at them.

* A decimal means its exact value: ``0.3`` is 3/10, so nothing is proved by rounding (SymPy adds
  Floats at 15 digits, where 1.0 + 10^-17 is 1.0).  :func:`exact_decimals` makes every Float the
  Rational of its printed digits.
* A derivative at a point where its function has a kink (|x|, max, min, ReLU, Heaviside, sign,
  floor, ceiling, a Piecewise boundary) does not exist: SymPy's Heaviside(0) = 1/2 and sign(0) = 0
  agree with the symmetric difference quotient, which proves nothing.  :func:`kink` says so.

>>> from sympy import Abs, Derivative, Float, Subs, Symbol
>>> x = Symbol('x', real=True)
>>> exact_decimals(Float(0.3) * x)
3*x/10
>>> kink(Subs(Derivative(Abs(x), x), x, 0))
'd/dx of Abs(x) does not exist at x = 0 (a kink of Abs)'
"""

from __future__ import annotations

import sympy
from sympy import Basic, Derivative, Subs

__all__ = ["exact_decimals", "kink", "at_kink"]


def exact_decimals(expr: Basic) -> Basic:
    """``expr`` with every (finite) Float replaced by the Rational its digits denote.

    >>> from sympy import Float, Rational, Symbol
    >>> x = Symbol('x')
    >>> exact_decimals(Float(1.0) * x), exact_decimals(Float('0.3')) == Rational(3, 10)
    (x, True)
    """
    floats = [f for f in expr.atoms(sympy.Float) if f.is_finite]
    return expr.xreplace({f: sympy.Rational(str(f)) for f in floats}) if floats else expr


def _kinks(e: Basic) -> list[Basic]:
    """Expressions that are 0 where ``e`` (one non-smooth function application) has a kink."""
    if isinstance(e, (sympy.Abs, sympy.Heaviside, sympy.sign, sympy.DiracDelta)):
        return [e.args[0]]
    if isinstance(e, (sympy.Max, sympy.Min)):
        return [a - b for i, a in enumerate(e.args) for b in e.args[i + 1:]]
    if isinstance(e, (sympy.floor, sympy.ceiling, sympy.frac)):
        return [sympy.sin(sympy.pi * e.args[0])]  # 0 exactly at the integers, where the jumps are
    if isinstance(e, sympy.Piecewise):
        return [c.lhs - c.rhs for _, c in e.args if isinstance(c, sympy.core.relational.Relational)]
    return []


_NON_SMOOTH = (sympy.Abs, sympy.Heaviside, sympy.sign, sympy.DiracDelta, sympy.Max, sympy.Min,
               sympy.floor, sympy.ceiling, sympy.frac, sympy.Piecewise)


def kink(expr: Basic) -> str:
    """Why a derivative taken at a point in ``expr`` does not exist ('' when none is at a kink).

    Only derivatives evaluated at a point (``Subs``) are examined; the test is exact (the kink's
    expression is 0 at the point), and conservative: x·|x| at 0 is reported too.

    >>> from sympy import Max, Derivative, Subs, Symbol
    >>> x = Symbol('x', real=True)
    >>> kink(Subs(Derivative(Max(0, x), x), x, 0))
    'd/dx of Max(0, x) does not exist at x = 0 (a kink of Max)'
    >>> kink(Subs(Derivative(Max(0, x), x), x, 1))
    ''
    """
    for sub in expr.atoms(Subs):
        point = dict(zip(sub.variables, sub.point))
        for d in sub.expr.atoms(Derivative):
            wrt = set(d.variables)
            for f in d.expr.atoms(*_NON_SMOOTH):
                if not f.free_symbols & wrt:
                    continue
                for k in _kinks(f):
                    at = sympy.expand(k.xreplace(point))
                    if at == 0 or at.is_zero:
                        where = ", ".join(f"{v} = {p}" for v, p in point.items())
                        names = ", ".join(str(v) for v in d.variables)
                        return f"d/d{names} of {f} does not exist at {where} (a kink of {type(f).__name__})"
    return ""


def at_kink(exprs, point: dict) -> bool:
    """True if a derivative in ``exprs``, taken at ``point`` (symbol → exact value), sits on a kink.

    There the derivative does not exist, so a difference found at that point (ReLU'(0) = ½ from the
    symmetric difference quotient against an indicator's 0) shows nothing.

    >>> from sympy import Derivative, Max, Symbol
    >>> a = Symbol('a', real=True)
    >>> at_kink([Derivative(Max(0, a), a)], {a: 0}), at_kink([Derivative(Max(0, a), a)], {a: 1})
    (True, False)

    A derivative evaluated at a point (``Subs``) is examined at that point:

    >>> from sympy import Dummy, Subs
    >>> t = Dummy('t')
    >>> at_kink([Subs(Derivative(Max(0, t), t), t, a - 1)], {a: 1})
    True
    """
    for e in exprs:
        for sub in e.atoms(Subs):
            inner = dict(zip(sub.variables, (p.xreplace(point) for p in sub.point)))
            if at_kink([sub.expr], {**point, **inner}):
                return True
        for d in e.atoms(Derivative):
            wrt = set(d.variables)
            for f in d.expr.atoms(*_NON_SMOOTH):
                if not f.free_symbols & wrt:
                    continue
                for k in _kinks(f):
                    at = k.xreplace(point)
                    if at == 0 or at.is_zero:
                        return True
    return False
