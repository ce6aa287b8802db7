"""The symbolic oracle: a ladder of targeted strategies, cheapest first, ``simplify`` last.

Each strategy turns ``lhs - rhs`` into something SymPy can compare with zero; a step is proved by
the first strategy that reaches exactly ``0``.  Every transformation is an equivalence under the
symbols' assumptions (no ``force=True``), so a strategy can fail to prove a true step but never
prove a false one.  Strategies run one by one in a worker process with a time limit each (see
:mod:`derivations.verify.worker`), because SymPy can take forever.

>>> from sympy import Symbol, exp, tanh
>>> a = Symbol('a', real=True)
>>> first_proof(tanh(a) + 1, 2 / (1 + exp(-2*a)))
'exp-substitution'
"""

from __future__ import annotations

from dataclasses import dataclass
from math import lcm
from typing import Callable

import sympy
from sympy import Basic, Dummy, cancel, exp, expand, log, together

__all__ = ["Strategy", "LADDER", "STRATEGIES", "first_proof", "refutation"]


@dataclass(frozen=True)
class Strategy:
    """A named way of bringing ``lhs - rhs`` to a normal form, with its time limit in seconds.

    ``reduce`` returns the reduced difference (``None`` when it refuses, as for ∞ or NaN): the step
    is proved when it is exactly 0, and refuted when it is a nonzero number or has a known sign
    (see :func:`refutation`).

    >>> from sympy import Symbol
    >>> x = Symbol('x')
    >>> [s.name for s in LADDER][:3]
    ['evaluation', 'expand', 'exp-substitution']
    >>> expand_ = STRATEGIES['expand']
    >>> expand_.prove(x * (x + 1), x**2 + x), expand_.seconds
    (True, 2.0)
    >>> expand_.reduce((x + 1)**2, x**2 + 2*x)
    1
    """

    name: str
    reduce: Callable[[Basic, Basic], Basic | None]
    seconds: float
    description: str

    def prove(self, lhs: Basic, rhs: Basic) -> bool:
        """True when this strategy reduces ``lhs - rhs`` to exactly 0."""
        d = self.reduce(lhs, rhs)
        return d is not None and _is_zero(d)


_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


def _is_zero(e: Basic) -> bool:
    return e == 0


def _evaluation(lhs: Basic, rhs: Basic) -> Basic:
    return sympy.S.Zero if lhs == rhs else lhs - rhs


def _defined(reduce: Callable[[Basic, Basic], Basic]) -> Callable[[Basic, Basic], Basic | None]:
    """Refuse sides that SymPy already evaluates to ∞ or NaN (zoo = zoo is no proof), and results with them."""
    def guarded(lhs: Basic, rhs: Basic) -> Basic | None:
        if lhs.has(*_UNDEFINED) or rhs.has(*_UNDEFINED):
            return None
        d = reduce(lhs, rhs)
        return None if d.has(*_UNDEFINED) else d
    guarded.__name__ = reduce.__name__
    return guarded


def _expand(lhs: Basic, rhs: Basic) -> Basic:
    return expand(lhs - rhs)


def _cancel(lhs: Basic, rhs: Basic) -> Basic:
    return cancel(together(lhs - rhs))


def _rewrite_exp(lhs: Basic, rhs: Basic) -> Basic:
    return cancel(together(expand((lhs - rhs).rewrite(exp))))


def _exp_to_rational(e: Basic) -> Basic:
    """Substitute e^{c·u} = t_u^{c·L} (t_u > 0 new symbols), making exp-expressions rational.

    ``u`` is the non-numeric part of an exponent and ``L`` the lcm of the denominators of the
    rational coefficients ``c`` seen with it, so e^{-z}, e^{2z}, e^{z/2} become powers of one t.
    Logarithms of such powers are turned back into exponents (log t_u = u/L, valid as u is real).
    """
    e = expand(e.rewrite(exp), deep=True, mul=False, multinomial=False, power_base=False,
               log=False, basic=False, power_exp=True)
    groups: dict[Basic, list] = {}
    for atom in e.atoms(exp):
        c, u = atom.args[0].as_coeff_Mul()
        if u.is_real is not True:
            continue
        groups.setdefault(u, []).append((atom, sympy.Rational(c)))
    if not groups:
        return e
    subs, back = {}, {}
    for u, members in groups.items():
        t = Dummy("t", positive=True)
        den = lcm(*(int(c.q) for _, c in members))
        for atom, c in members:
            subs[atom] = t ** (c * den)
        back[t] = u / den
    e = e.xreplace(subs)
    e = e.replace(lambda x: isinstance(x, log), lambda x: sympy.expand_log(log(cancel(x.args[0]))))
    e = e.xreplace({log(t): v for t, v in back.items()})
    return e


def _exp_substitution(lhs: Basic, rhs: Basic) -> Basic:
    return cancel(together(_exp_to_rational(lhs - rhs)))


def _logs(lhs: Basic, rhs: Basic) -> Basic:
    d = sympy.expand_log(sympy.logcombine(lhs - rhs), deep=True)
    return cancel(together(expand(d)))


def _simplify(lhs: Basic, rhs: Basic) -> Basic:
    return sympy.simplify(lhs - rhs)


# Order measured on the catalog, its instances and the benchmark corpus (benchmarks/run.py):
# exp-substitution proves what cancel and rewrite-exp prove on this material, at a third of the
# time, so it comes first; cancel and rewrite-exp stay as fallbacks for what it cannot reach.
LADDER: tuple[Strategy, ...] = (
    Strategy("evaluation", _defined(_evaluation), 1.0, "both sides are the same expression once SymPy evaluates them"),
    Strategy("expand", _defined(_expand), 2.0, "expand(lhs - rhs) is 0"),
    Strategy("exp-substitution", _defined(_exp_substitution), 3.0,
             "with e^{u} = t^L the difference is a rational function of t that cancels"),
    Strategy("cancel", _defined(_cancel), 2.0, "the difference over a common denominator cancels to 0"),
    Strategy("rewrite-exp", _defined(_rewrite_exp), 2.0, "rewritten in exponentials, the difference cancels"),
    Strategy("logs", _defined(_logs), 2.0, "logarithms combined and expanded (only where valid), then cancel"),
    Strategy("simplify", _defined(_simplify), 10.0, "sympy.simplify(lhs - rhs) is 0"),
)
STRATEGIES = {s.name: s for s in LADDER}


def first_proof(lhs: Basic, rhs: Basic) -> str | None:
    """The name of the first strategy that proves lhs = rhs, run in this process with no time limit.

    For trusted, small inputs (doctests, exploration); :func:`derivations.verify.recipe.check_equal`
    runs the same ladder in a worker process with time limits.

    >>> from sympy import Symbol
    >>> x = Symbol('x')
    >>> first_proof(x * (x + 1), x**2 + x)
    'expand'
    >>> first_proof(x, x + 1) is None
    True
    """
    for s in LADDER:
        if s.prove(lhs, rhs):
            return s.name
    return None


_SIGN_OPS = 60  # larger differences are not asked for their sign (SymPy's assumptions can be slow)


def refutation(d: Basic | None) -> str:
    """Exact evidence that a reduced difference is never 0, or '' when there is none.

    A difference without symbols is evaluated by SymPy's ``evalf`` with its error control
    (``strict``: it fails rather than guess); a nonzero value refutes the step, and so does a
    difference that SymPy's assumptions say is positive (or negative) for all values of the symbols.

    >>> from sympy import Symbol, Rational, exp, pi, sqrt
    >>> x = Symbol('x', real=True)
    >>> refutation(Rational(1, 10**40))
    'left - right = 1/10000000000000000000000000000000000000000 (a nonzero number)'
    >>> refutation(exp(pi * sqrt(163)) - 262537412640768744)
    'left - right = -262537412640768744 + exp(sqrt(163)*pi) = -7.49927402801814E-13 (a nonzero number)'
    >>> refutation(x**2 + 1), refutation(x - 1)
    ('left - right = x**2 + 1 > 0 for all x', '')
    """
    if d is None or d == 0 or d.has(*_UNDEFINED) or d.has(sympy.Derivative, sympy.Subs, sympy.Integral):
        return ""
    if not d.free_symbols:
        try:
            value = d.evalf(15, strict=True, maxn=4000)
        except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError, ArithmeticError):
            return ""
        re, im = value.as_real_imag()
        if not all(isinstance(p, (sympy.Float, sympy.Integer, sympy.Rational)) for p in (re, im)) or \
                (re == 0 and im == 0):
            return ""
        text = f"left - right = {_short_text(d)}"
        return text + (f" = {value}" if not d.is_Rational else "") + " (a nonzero number)"
    if sympy.count_ops(d) > _SIGN_OPS:
        return ""
    names = ", ".join(sorted(s.name for s in d.free_symbols))
    if d.is_positive:
        return f"left - right = {_short_text(d)} > 0 for all {names}"
    if d.is_negative:
        return f"left - right = {_short_text(d)} < 0 for all {names}"
    return ""


def _short_text(e: Basic) -> str:
    """``e`` as text, shortened (an integer too long to print says how long it is)."""
    try:
        text = str(e)
    except ValueError:  # Python refuses to print integers of more than 4300 digits
        return "an expression with numbers of thousands of digits"
    return text if len(text) <= 80 else text[:77] + "..."
