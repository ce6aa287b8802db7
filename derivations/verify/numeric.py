"""The numeric oracle: evaluate both sides of an equality at random points, at high precision.

Expressions are compiled once into closures over mpmath (no ``lambdify``, no generated code), so
evaluation is safe for any expression and derivatives are taken *numerically* (``mpmath.diff``):
the numeric oracle does not share SymPy's differentiation with the symbolic one.

>>> from sympy import Symbol, exp
>>> z = Symbol('z', real=True)
>>> r = numeric_check(1/(1+exp(-z)), 1 - 1/(1+exp(z)), {z: REAL}, seed=1)
>>> r.status, r.points
('confirmed', 20)
>>> r = numeric_check(1/(1+exp(z)), 1 - 1/(1+exp(z)), {z: REAL}, seed=1)
>>> r.status, r.counterexample.point
('refuted', (('z', '1'),))
"""

from __future__ import annotations

import itertools
import random
from contextvars import ContextVar
from fractions import Fraction
from typing import Callable, Mapping

import mpmath
import sympy
from sympy import Basic, Symbol

from derivations.core.domains import REAL, Domain
from derivations.core.functions import sigma
from derivations.errors import UnsupportedError
from derivations.verify.verdict import Counterexample, NumericResult, Status

__all__ = ["DIGITS", "numeric_check", "compile_mp", "compile_all", "evaluate"]

Env = Mapping[Basic, object]
Compiled = Callable[[Env], object]

DIGITS = 30
"""Working precision (decimal digits) of the first evaluation."""
_MAX_SUM_TERMS = 10_000


# --- compiling SymPy expressions to mpmath closures -------------------------------------------

def _fold(op: Callable, parts: list[Compiled]) -> Compiled:
    def run(env: Env):
        it = iter(parts)
        acc = next(it)(env)
        for p in it:
            acc = op(acc, p(env))
        return acc
    return run


def _unary(fn: Callable) -> Callable[[Basic], Compiled]:
    def build(e: Basic) -> Compiled:
        arg = compile_mp(e.args[0])
        return lambda env: fn(arg(env))
    return build


def _number(e: Basic) -> Compiled:
    if isinstance(e, sympy.Integer):
        with mpmath.workprec(max(53, int(e).bit_length() + 8)):
            n = mpmath.mpf(int(e))  # created with enough bits to be exact, so valid at any precision
        return lambda env: n
    if isinstance(e, sympy.Rational):
        p, q = int(e.p), int(e.q)
        return lambda env: mpmath.mpf(p) / q
    if isinstance(e, sympy.Float):
        s = str(e)
        return lambda env: mpmath.mpf(s)
    raise UnsupportedError(f"cannot evaluate the number {e} numerically")


def _symbol(e: Basic) -> Compiled:
    def run(env: Env):
        try:
            return env[e]
        except KeyError:
            raise UnsupportedError(f"no value for the symbol {e}") from None
    return run


def _pow(e: Basic) -> Compiled:
    base, ex = compile_mp(e.base), compile_mp(e.exp)
    return lambda env: mpmath.power(base(env), ex(env))


def _derivative(e: Basic) -> Compiled:
    body = compile_mp(e.expr)
    variables = []
    for v, n in e.variable_count:
        variables.extend([v] * int(n))

    def differentiate(env: Env, remaining: tuple) -> object:
        if not remaining:
            return body(env)
        v, rest = remaining[0], remaining[1:]
        return mpmath.diff(lambda t: differentiate({**env, v: t}, rest), env[v])
    return lambda env: differentiate(env, tuple(variables))


def _subs(e: Basic) -> Compiled:
    body = compile_mp(e.expr)
    points = [compile_mp(p) for p in e.point]
    names = list(e.variables)
    return lambda env: body({**env, **{v: p(env) for v, p in zip(names, points)}})


def _sum(e: Basic) -> Compiled:
    body = compile_mp(e.function)
    (i, lo, hi), = e.limits if len(e.limits) == 1 else (None,)
    if not (lo.is_Integer and hi.is_Integer) or int(hi) - int(lo) > _MAX_SUM_TERMS:
        raise UnsupportedError(f"cannot evaluate a sum with bounds {lo}..{hi} numerically")
    lo_, hi_ = int(lo), int(hi)
    return lambda env: mpmath.fsum(body({**env, i: mpmath.mpf(k)}) for k in range(lo_, hi_ + 1))


def _piecewise(e: Basic) -> Compiled:
    pieces = [(compile_mp(expr), compile_cond(cond)) for expr, cond in e.args]

    def run(env: Env):
        for expr, cond in pieces:
            if cond(env):
                return expr(env)
        raise ValueError("no piece of the piecewise function applies")
    return run


_RELATIONS = {sympy.StrictGreaterThan: lambda a, b: a > b, sympy.GreaterThan: lambda a, b: a >= b,
              sympy.StrictLessThan: lambda a, b: a < b, sympy.LessThan: lambda a, b: a <= b}


def compile_cond(c: Basic) -> Callable[[Env], bool]:
    """Compile a condition (``True``, ``x > 0``, ...) of a Piecewise."""
    if c is sympy.true:
        return lambda env: True
    if c is sympy.false:
        return lambda env: False
    if type(c) in _RELATIONS:
        a, b, rel = compile_mp(c.lhs), compile_mp(c.rhs), _RELATIONS[type(c)]
        return lambda env: rel(mpmath.re(a(env)), mpmath.re(b(env)))
    raise UnsupportedError(f"cannot evaluate the condition {c} numerically")


_BUILDERS: dict[type, Callable[[Basic], Compiled]] = {
    sympy.Add: lambda e: _fold(lambda a, b: a + b, [compile_mp(a) for a in e.args]),
    sympy.Mul: lambda e: _fold(lambda a, b: a * b, [compile_mp(a) for a in e.args]),
    sympy.Pow: _pow,
    sympy.exp: _unary(mpmath.exp),
    sympy.log: _unary(mpmath.log),
    sympy.sin: _unary(mpmath.sin), sympy.cos: _unary(mpmath.cos), sympy.tan: _unary(mpmath.tan),
    sympy.sinh: _unary(mpmath.sinh), sympy.cosh: _unary(mpmath.cosh),
    sympy.tanh: _unary(mpmath.tanh),
    sympy.asin: _unary(mpmath.asin), sympy.acos: _unary(mpmath.acos), sympy.atan: _unary(mpmath.atan),
    sympy.asinh: _unary(mpmath.asinh), sympy.acosh: _unary(mpmath.acosh), sympy.atanh: _unary(mpmath.atanh),
    sympy.sec: _unary(mpmath.sec), sympy.csc: _unary(mpmath.csc), sympy.cot: _unary(mpmath.cot),
    sympy.coth: _unary(mpmath.coth), sympy.sign: _unary(mpmath.sign),
    sympy.floor: _unary(mpmath.floor), sympy.ceiling: _unary(mpmath.ceil), sympy.erf: _unary(mpmath.erf),
    sympy.Abs: _unary(abs),
    sympy.Heaviside: _unary(lambda x: mpmath.mpf(1) if x > 0 else mpmath.mpf(0) if x < 0 else mpmath.mpf(0.5)),
    sympy.Max: lambda e: _fold(lambda a, b: max(a, b), [compile_mp(a) for a in e.args]),
    sympy.Min: lambda e: _fold(lambda a, b: min(a, b), [compile_mp(a) for a in e.args]),
    sympy.Derivative: _derivative,
    sympy.Subs: _subs,
    sympy.Sum: _sum,
    sympy.Piecewise: _piecewise,
    # σ kept unexpanded (theorems that hold for any differentiable σ): evaluated as the logistic sigmoid
    sigma: _unary(lambda x: 1 / (1 + mpmath.exp(-x))),
}
_CONSTANTS = {sympy.E: lambda: mpmath.e, sympy.pi: lambda: mpmath.pi,
              sympy.EulerGamma: lambda: mpmath.euler}


_SHARED: ContextVar[dict | None] = ContextVar("derivations_numeric_shared", default=None)


def _once_per_env(fn: Compiled) -> Compiled:
    """``fn``, computed once per environment: a subexpression that occurs twice is evaluated once."""
    last: list = [None, None]

    def run(env: Env):
        if last[0] is env:  # identity, not equality: a new point is a new dict
            return last[1]
        value = fn(env)
        last[0], last[1] = env, value
        return value
    return run


def compile_all(*exprs: Basic) -> list[Compiled]:
    """Compile several expressions sharing their common subexpressions (evaluated once per point).

    >>> from sympy import Symbol, exp
    >>> z = Symbol('z')
    >>> left, right = compile_all(exp(-z) / (1 + exp(-z)), 1 - 1 / (1 + exp(-z)))
    >>> print(mpmath.nstr(left({z: mpmath.mpf(0)}) - right({z: mpmath.mpf(0)}), 5))
    0.0
    """
    token = _SHARED.set({})
    try:
        return [compile_mp(e) for e in exprs]
    finally:
        _SHARED.reset(token)


def compile_mp(expr: Basic) -> Compiled:
    """Compile a SymPy expression into a function of ``{symbol: mpf}`` evaluated with mpmath.

    >>> from sympy import Symbol, tanh
    >>> a = Symbol('a')
    >>> f = compile_mp(tanh(a) + 1)
    >>> print(mpmath.nstr(f({a: mpmath.mpf(0)}), 5))
    1.0
    """
    shared = _SHARED.get()
    if shared is None or expr.is_Atom:
        return _compile(expr)
    if expr not in shared:
        shared[expr] = _once_per_env(_compile(expr))
    return shared[expr]


def _compile(expr: Basic) -> Compiled:
    if expr.is_Number:
        return _number(expr)
    if expr in _CONSTANTS:
        const = _CONSTANTS[expr]
        return lambda env: +const()
    if isinstance(expr, Symbol):
        return _symbol(expr)
    for cls in type(expr).__mro__:
        if cls in _BUILDERS:
            return _BUILDERS[cls](expr)
    raise UnsupportedError(f"cannot evaluate {type(expr).__name__} ({expr}) numerically")


def evaluate(expr: Basic, values: Mapping[Basic, object], digits: int = DIGITS):
    """Evaluate ``expr`` at ``values`` with ``digits`` significant digits (an mpmath number).

    >>> from sympy import Symbol, exp
    >>> z = Symbol('z')
    >>> evaluate(1 / (1 + exp(-z)), {z: 0})
    mpf('0.5')
    >>> mpmath.nstr(evaluate(sigma(z), {z: 1}, digits=40), 40)
    '0.7310585786300048792511592418218362743651'
    """
    with mpmath.workdps(digits):
        return compile_mp(expr)({k: mpmath.mpf(v) if isinstance(v, (int, float, str)) else
                                 mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else v
                                 for k, v in values.items()})


# --- the check ----------------------------------------------------------------------------------

def _finite(v) -> object | None:
    """The value as an mpmath number, or None where it is undefined (a pole, an overflow)."""
    if isinstance(v, (mpmath.mpf, mpmath.mpc)) and mpmath.isfinite(v):
        return v
    return None


def _difference(fl: Compiled, fr: Compiled, env: Env):
    """(left, right, relative difference) at env, or None if a side is undefined there."""
    try:
        lv, rv = _finite(fl(env)), _finite(fr(env))
    except (ZeroDivisionError, ValueError, OverflowError, ArithmeticError):
        return None
    if lv is None or rv is None:
        return None
    scale = max(abs(lv), abs(rv))
    return lv, rv, (abs(lv - rv) / scale if scale else mpmath.mpf(0))


def _to_mp(x: Fraction | float):
    return mpmath.mpf(x.numerator) / x.denominator if isinstance(x, Fraction) else mpmath.mpf(x)


def _candidates(symbols: list[Symbol], domains: Mapping[Symbol, Domain], rng: random.Random):
    """Points to try: a few simple rational points first, then random ones, forever."""
    nice = [domains.get(s, REAL).nice_points() for s in symbols]
    if all(nice):
        for k, combo in enumerate(itertools.product(*nice)):
            if k >= 4:
                break
            yield combo
    while True:
        yield tuple(domains.get(s, REAL).sample(rng) for s in symbols)


def _fmt(x) -> str:
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, mpmath.mpc):
        return mpmath.nstr(x, 15) if x.imag else mpmath.nstr(x.real, 15)
    return mpmath.nstr(x, 15)


def numeric_check(lhs: Basic, rhs: Basic, domains: Mapping[Symbol, Domain], *, seed: int,
                  points: int = 20, digits: int = DIGITS) -> NumericResult:
    """Compare ``lhs`` and ``rhs`` at ``points`` random points of the symbols' domains.

    A point where a side is undefined (a pole, an overflow) is skipped and another drawn; values
    are compared as complex numbers, so ``ln(z^2)`` and ``2 ln z`` differ at z = -1.  A point where
    the sides differ by more than 10^-(digits-3) relatively is re-evaluated at twice the precision;
    only a difference that does not shrink with precision is reported as a counterexample
    (rounding noise shrinks, a real difference does not).

    >>> from sympy import Symbol, sqrt
    >>> from derivations.core.domains import POSITIVE
    >>> x = Symbol('x', real=True)
    >>> numeric_check(sqrt(x**2), x, {x: POSITIVE}, seed=0).status
    'confirmed'
    >>> numeric_check(sqrt(x**2), x, {x: REAL}, seed=0).describe()
    'refuted at x = -1: left = 1.0, right = -1.0 (left - right = 2.0) (seed 0)'
    """
    try:
        fl, fr = compile_all(lhs, rhs)
    except UnsupportedError as err:
        return NumericResult(Status.INCONCLUSIVE, seed=seed, digits=digits, reason=str(err))
    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=lambda s: s.name)
    rng = random.Random(seed)
    tol = mpmath.mpf(10) ** (-(digits - 3))
    wanted = points if symbols else 1
    checked = skipped = 0
    worst = mpmath.mpf(0)
    for combo in _candidates(symbols, domains, rng):
        if checked >= wanted or skipped > 10 * wanted + 20:
            break
        with mpmath.workdps(digits):
            env = {s: _to_mp(x) for s, x in zip(symbols, combo)}
            found = _difference(fl, fr, env)
        if found is None:
            skipped += 1
            continue
        lv, rv, rel = found
        if rel > tol:
            with mpmath.workdps(2 * digits + 10):
                env = {s: _to_mp(x) for s, x in zip(symbols, combo)}
                again = _difference(fl, fr, env)
            # rounding noise shrinks with precision, in relative or (next to an exact 0) absolute terms
            shrunk = again is not None and abs(again[0] - again[1]) <= abs(lv - rv) * mpmath.mpf(10) ** (-digits // 2)
            if again is None or (again[2] > rel * mpmath.mpf(10) ** (-digits // 2) and not shrunk):
                point = tuple((s.name, _fmt(x)) for s, x in zip(symbols, combo))
                return NumericResult(Status.REFUTED, checked, skipped, seed, digits, float(rel),
                                     Counterexample(point, _fmt(lv), _fmt(rv), _fmt(lv - rv), digits))
            rel = again[2]
        worst = max(worst, rel)
        checked += 1
    if checked < wanted:
        return NumericResult(Status.INCONCLUSIVE, checked, skipped, seed, digits, float(worst),
                             reason=f"only {checked} of {wanted} sample points were in the domain of both sides")
    return NumericResult(Status.CONFIRMED, checked, skipped, seed, digits, float(worst))
