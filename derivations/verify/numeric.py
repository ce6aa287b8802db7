"""The numeric oracle: evaluate both sides of an equality at random points, at high precision.

Expressions are compiled once into closures over mpmath (no ``lambdify``, no generated code), so
evaluation is safe for any expression and derivatives are taken *numerically* (central differences
at raised precision): the numeric oracle does not share SymPy's differentiation with the symbolic one.

Precision adapts.  While a point is evaluated, the closures record how many digits were lost
(terms of a sum much larger than the sum, a derivative much smaller than the function, e^u or
sin u of a large u, x^n with a large n).  A point counts only when at least :data:`TARGET` digits
survive; otherwise it is evaluated again with more digits (30 → 60 → 120 … up to
:data:`MAX_DIGITS`), and if that is not enough it counts neither for nor against.  (The record
adds every loss, so it overestimates; when two precisions agree on both sides, their agreement
shows the digits that really survived, except where a 0 may hide a value absorbed by rounding.)
A difference between the sides is a counterexample only when it is *certified*: seen at two
precisions, stable to three digits, beyond the digits that were lost.  The working precision
starts above the number of digits of the constants and domain bounds (x + 10^-40 is compared
with 65 digits, not 30).

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
import operator
import random
from contextvars import ContextVar
from fractions import Fraction
from typing import Callable, Iterable, Mapping

import mpmath
import sympy
from sympy import Basic, Symbol

from derivations.core.domains import REAL, Domain
from derivations.core.functions import sigma
from derivations.errors import UnsupportedError
from derivations.verify.exact import at_kink
from derivations.verify.verdict import Counterexample, NumericResult, Status

__all__ = ["DIGITS", "numeric_check", "compile_mp", "compile_all", "evaluate"]

Env = Mapping[Basic, object]
Compiled = Callable[[Env], object]

DIGITS = 30
"""Working precision (decimal digits) of the first evaluation (raised for long constants)."""
MAX_DIGITS = 480
"""The bound of escalation: precision doubles from :data:`DIGITS` (30, 60, 120, 240, 480)."""
TARGET = 20
"""Digits that must survive cancellation for a point to count as agreement or as a difference."""
_HARD_DIGITS = 12_000  # constants longer than this: no numeric comparison at all
_MAX_SUM_TERMS = 10_000
_LOG10_2 = 0.30103

# Digits lost so far in the current evaluation (cancellation, ill-conditioned functions), and the
# bits a rounded result would have needed not to absorb a term or land on a short number
# (1 + 10^-50 → 1 at 30 digits needs 166 bits); after that, a sum of short terms is no longer
# exact.  The numeric oracle runs in one thread of a worker process; each evaluation resets both.
_LOSS: list = [0.0, 0, False]  # digits lost, bits needed, an exact 0 after absorption


def _absorbed(bits: int) -> None:
    """Record that a rounded result needed ``bits`` bits to keep every term it absorbed."""
    _LOSS[1] = max(_LOSS[1], bits)


def _mag(v) -> int | None:
    """The binary exponent of |v| (about log2 |v|), None for 0 or a non-finite value."""
    try:
        m = v._mpf_  # (sign, mantissa, exponent, bit count); beware: a magnitude of 0 is falsy
        return m[2] + m[3] if m[1] else None
    except AttributeError:
        pass
    c = getattr(v, "_mpc_", None)
    if c is not None:
        mags = [p[2] + p[3] for p in c if p[1]]
        return max(mags) if mags else None
    return None if not v else mpmath.mag(v)


def _short(v) -> bool:
    """True when v's mantissa is shorter than the working precision: v was not rounded (exact)."""
    try:
        return v._mpf_[3] <= mpmath.mp._prec - 10
    except AttributeError:
        pass
    c = getattr(v, "_mpc_", None)
    limit = mpmath.mp._prec - 10
    return c is not None and all(p[3] <= limit for p in c)


def _lose(bits: float) -> None:
    """Record that about ``bits`` binary digits were lost (ignored below 4 bits)."""
    if bits > 4:
        _LOSS[0] += bits * _LOG10_2


def _cancellation(values: list, total) -> None:
    """Record the digits a sum lost: its largest term's magnitude over the sum's."""
    mags = [m for m in map(_mag, values) if m is not None]
    if not mags:
        return
    prec = mpmath.mp.prec
    top, m = max(mags), _mag(total)
    bits = prec if m is None else top - m
    total_short = _short(total)
    if bits <= 4 and not total_short:  # the common case: no cancellation, nothing rounded onto a short number
        if m is not None and min(mags) < m - prec:
            _absorbed(m - min(mags) + 10)  # a term below the last digit of the sum
        return
    short = all(_short(v) for v in values)
    if m is not None and min(mags) < m - prec:
        _absorbed(m - min(mags) + 10)
    elif not short and total_short:
        _absorbed(2 * prec)  # rounded onto a short number: how far, unknown
    if bits > 4 and not (short and not _LOSS[1]):  # exact terms add exactly
        _lose(max(bits, _LOSS[1]) if m is None else bits)
        if m is None and _LOSS[1]:
            _LOSS[2] = True  # a 0 that may be an absorbed tiny value


def _watched(op: Callable, watch: Callable) -> Callable[[Basic], Compiled]:
    """A sum or product of the node's arguments, folded with ``op``; ``watch(values, total)`` records losses."""
    def build(e: Basic) -> Compiled:
        parts = [compile_mp(a) for a in e.args]

        def run(env: Env):
            values = [p(env) for p in parts]
            total = values[0]
            for v in values[1:]:
                total = op(total, v)
            watch(values, total)
            return total
        return run
    return build


def _rounded_product(values: list, total) -> None:
    if _short(total) and total and not all(_short(v) for v in values):
        _absorbed(2 * mpmath.mp.prec)  # a rounded product landed on a short number


def _conditioned(fn: Callable, loss: Callable) -> Callable[[Basic], Compiled]:
    """A function of one argument whose relative error grows by ``loss(arg, value)`` bits."""
    def build(e: Basic) -> Compiled:
        arg = compile_mp(e.args[0])

        def run(env: Env):
            a = arg(env)
            value = fn(a)
            if not _short(a):  # an exact argument gives a correctly rounded value
                _lose(loss(a, value))
            if _short(value) and a != 0 and a != 1:
                _absorbed(2 * mpmath.mp.prec)  # rounded onto a short number (tanh 1000 → 1)
            return value
        return run
    return build


def _no_loss(a, value) -> float:
    """A well-conditioned function (whose value may still round onto ±1: recorded by the caller)."""
    return 0


def _arg_size(a, value) -> float:
    """e^a, sinh a, ...: the relative error is multiplied by |a|."""
    m = _mag(a)
    return 0 if m is None else m


def _periodic(a, value) -> float:
    """sin a, cos a, ...: argument reduction multiplies the error by |a| / |f(a)|."""
    m, v = _mag(a), _mag(value)
    return 0 if m is None else m - (v if v is not None else -mpmath.mp.prec)


def _log_loss(a, value) -> float:
    """log a next to a = 1: the result is small and carries a's absolute error."""
    v = _mag(value)
    return mpmath.mp.prec if v is None else -v


def _reciprocal_periodic(a, value) -> float:
    """sec a, csc a, cot a: |a| times the size of the reciprocal."""
    m, v = _mag(a), _mag(value)
    return 0 if m is None else m + abs(v or 0)


def _sigma_loss(a, value) -> float:
    return _arg_size(a, value) if mpmath.re(a) < 0 else 0


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
    small = e.exp.is_Integer and abs(int(e.exp)) <= 64 or e.exp in (sympy.S.Half, -sympy.S.Half)

    def run(env: Env):
        b, x = base(env), ex(env)
        value = mpmath.power(b, x)
        if _short(value) and value and not _short(b):
            _absorbed(2 * mpmath.mp.prec)  # rounded onto a short number
        if not small:  # relative error times |x| (from b) and |x log b| (from x)
            mx, mb = _mag(x), _mag(b)
            if mx is not None:
                _lose(mx + max(0, abs(mb or 0).bit_length()))
        return value
    return run


def _central_difference(g: Callable, env: Env, v: Basic):
    """g'(x) at x = env[v] by a central difference at raised precision, recording the digits lost.

    The step is 2^-(p+10)·max(1, |x|) and the working precision 2p + 40 bits, so truncation error
    is far below 2^-p; what remains is the cancellation of g(x+h) - g(x-h), measured and recorded.
    Where x is so small that the step would reach past 0 (p = 10^-800 under a logarithm), the step
    is 2^-(p+10)·|x| instead, so x ± h keeps the sign of x.
    """
    x = env[v]
    prec = mpmath.mp.prec
    outer = _LOSS[0]
    with mpmath.workprec(2 * prec + 40):
        h = mpmath.ldexp(1, -(prec + 10) + max(0, _mag(x) or 0))
        if x and abs(x) <= 2 * h:
            h = mpmath.ldexp(1, -(prec + 10) + _mag(x))
        absorbed, _LOSS[0], _LOSS[1] = _LOSS[1], 0.0, 0
        a, b = g({**env, v: x + h}), g({**env, v: x - h})
        inner = _LOSS[0]
        d = a - b
        mags = [m for m in (_mag(a), _mag(b)) if m is not None]
        m = _mag(d)
        if m is None:
            exact = _short(a) and _short(b) and not _LOSS[1]  # (both 0 are short too)
            cancel = 0 if exact else max(mpmath.mp.prec, _LOSS[1])
            _LOSS[2] = _LOSS[2] or not exact  # g(x+h) = g(x-h) of long values: h may be absorbed (e^192 + e^x)
        else:
            cancel = max(0, max(mags) - m)
        value = d / (2 * h)
        available = mpmath.mp.prec * _LOG10_2 - inner - cancel * _LOG10_2
    _LOSS[0] = outer + max(0.0, prec * _LOG10_2 - available)
    _LOSS[1] = max(_LOSS[1], absorbed)
    return +value


def _derivative(e: Basic) -> Compiled:
    body = compile_mp(e.expr)
    variables = []
    for v, n in e.variable_count:
        variables.extend([v] * int(n))

    if any(v not in e.expr.free_symbols for v in variables):  # does not depend on v: exactly 0
        return lambda env: mpmath.mpf(0)

    def differentiate(env: Env, remaining: tuple) -> object:
        if not remaining:
            return body(env)
        v, rest = remaining[0], remaining[1:]
        return _central_difference(lambda t: differentiate(t, rest), env, v)
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

    def run(env: Env):
        values = [body({**env, i: mpmath.mpf(k)}) for k in range(lo_, hi_ + 1)]
        total = mpmath.fsum(values)
        _cancellation(values, total)
        return total
    return run


def _piecewise(e: Basic) -> Compiled:
    pieces = [(compile_mp(expr), compile_cond(cond)) for expr, cond in e.args]

    def run(env: Env):
        for expr, cond in pieces:
            if cond(env):
                return expr(env)
        raise ValueError("no piece of the piecewise function applies")
    return run


def _heaviside(e: Basic) -> Compiled:
    """H(x, h0): 1 for x > 0, 0 for x < 0, h0 at 0 (SymPy's default h0 = 1/2)."""
    arg = compile_mp(e.args[0])
    at_zero = compile_mp(e.args[1]) if len(e.args) > 1 else (lambda env: mpmath.mpf(0.5))

    def run(env: Env):
        x = arg(env)
        return mpmath.mpf(1) if x > 0 else mpmath.mpf(0) if x < 0 else at_zero(env)
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
    sympy.Add: _watched(operator.add, _cancellation),
    sympy.Mul: _watched(operator.mul, _rounded_product),
    sympy.Pow: _pow,
    sympy.exp: _conditioned(mpmath.exp, _arg_size),
    sympy.log: _conditioned(mpmath.log, _log_loss),
    sympy.sin: _conditioned(mpmath.sin, _periodic), sympy.cos: _conditioned(mpmath.cos, _periodic),
    sympy.tan: _conditioned(mpmath.tan, _periodic),
    sympy.sinh: _conditioned(mpmath.sinh, _arg_size), sympy.cosh: _conditioned(mpmath.cosh, _arg_size),
    sympy.tanh: _conditioned(mpmath.tanh, _no_loss),
    sympy.asin: _conditioned(mpmath.asin, _no_loss), sympy.acos: _conditioned(mpmath.acos, _no_loss),
    sympy.atan: _conditioned(mpmath.atan, _no_loss), sympy.asinh: _conditioned(mpmath.asinh, _no_loss),
    sympy.acosh: _conditioned(mpmath.acosh, _no_loss), sympy.atanh: _conditioned(mpmath.atanh, _no_loss),
    sympy.sec: _conditioned(mpmath.sec, _reciprocal_periodic),
    sympy.csc: _conditioned(mpmath.csc, _reciprocal_periodic),
    sympy.cot: _conditioned(mpmath.cot, _reciprocal_periodic),
    sympy.coth: _conditioned(mpmath.coth, _no_loss), sympy.sign: _unary(mpmath.sign),
    sympy.floor: _unary(mpmath.floor), sympy.ceiling: _unary(mpmath.ceil), sympy.erf: _conditioned(mpmath.erf, _no_loss),
    sympy.Abs: _unary(abs),
    sympy.Heaviside: _heaviside,
    sympy.Max: lambda e: _fold(lambda a, b: max(a, b), [compile_mp(a) for a in e.args]),
    sympy.Min: lambda e: _fold(lambda a, b: min(a, b), [compile_mp(a) for a in e.args]),
    sympy.Derivative: _derivative,
    sympy.Subs: _subs,
    sympy.Sum: _sum,
    sympy.Piecewise: _piecewise,
    # σ kept unexpanded (theorems that hold for any differentiable σ): evaluated as the logistic sigmoid
    sigma: _conditioned(lambda x: 1 / (1 + mpmath.exp(-x)), _sigma_loss),
}
_CONSTANTS = {sympy.E: lambda: mpmath.e, sympy.pi: lambda: mpmath.pi, sympy.I: lambda: mpmath.mpc(0, 1),
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


def _to_mp(x: Fraction | float):
    """x as an mpmath number, exactly when x is dyadic (every sample point is), never out of its domain."""
    if not isinstance(x, Fraction):
        return mpmath.mpf(x)
    p, q = x.numerator, x.denominator
    if q & (q - 1) == 0:  # a power of two: exact with as many bits as the numerator has
        with mpmath.workprec(max(53, abs(p).bit_length() + 1)):
            return mpmath.ldexp(mpmath.mpf(p), -(q.bit_length() - 1))
    with mpmath.workprec(mpmath.mp.prec + 64 + max(0, abs(p).bit_length() - q.bit_length())):
        return mpmath.mpf(p) / q


def _constant_digits(exprs: Iterable[Basic], domains: Mapping[Symbol, Domain]) -> int:
    """How many digits the constants carry (10^-40: 41), and twice those of the domain bounds."""
    def digits(q: Fraction) -> int:
        return int((abs(q.numerator).bit_length() + q.denominator.bit_length()) * _LOG10_2) + 1

    found = [0]
    for e in exprs:
        for a in e.atoms(sympy.Number):
            if isinstance(a, sympy.Rational):
                found.append(digits(Fraction(int(a.p), int(a.q))))
            elif isinstance(a, sympy.Float) and a:
                found.append(16 + abs(int(mpmath.mag(mpmath.mpf(a._mpf_)) * _LOG10_2)))
    for d in domains.values():  # twice: on (0, 10^-40) a quadratic term 10^-80 must still show
        found += [2 * digits(b) for b in (d.lo, d.hi) if b is not None]
    return max(found)


def _candidates(symbols: list[Symbol], domains: Mapping[Symbol, Domain], rng: random.Random):
    """Points to try: simple points first (0, ±1, 2, ½, near the ends), then points at every scale
    (±10 … ±10^6, ±10^-3, ±10^-6) alternating with random ones spread over magnitudes, forever.
    With more than three symbols, no scale points and a quarter of the random points spread."""
    doms = [domains.get(s, REAL) for s in symbols]
    nice = [d.nice_points() for d in doms]
    if all(nice):
        for k in range(8):  # symbol i at its (k + i)-th simple point: never all equal
            yield tuple(n[(k + i) % len(n)] for i, n in enumerate(nice))
    few = len(doms) <= 3  # with many symbols (a network), a point at every scale saturates
    decades = [d.decade_points() for d in doms] if few else []
    for k in itertools.count():
        if k < max(map(len, decades), default=0):
            yield tuple(p[(k + i) % len(p)] for i, p in enumerate(decades))
        yield tuple(d.spread_sample(rng, few or rng.random() < 0.25) for d in doms)


def _fmt(x, shown: int = 15) -> str:
    if isinstance(x, Fraction):
        if x.denominator <= 10_000:
            return str(x)
        size = max(0, int(abs(x.numerator).bit_length() - x.denominator.bit_length()) * _LOG10_2)
        return mpmath.nstr(_to_mp(x), 15 + int(size), min_fixed=-6, max_fixed=40)
    if isinstance(x, mpmath.mpc):
        return mpmath.nstr(x, shown) if x.imag else mpmath.nstr(x.real, shown)
    return mpmath.nstr(x, shown)


def _evaluate(fl: Compiled, fr: Compiled, symbols: list[Symbol], combo: tuple, digits: int):
    """(left, right, digits lost) at ``digits`` digits, or None where a side is undefined."""
    with mpmath.workdps(digits):
        env = {s: _to_mp(x) for s, x in zip(symbols, combo)}
        _LOSS[0], _LOSS[1], _LOSS[2] = 0.0, 0, False
        try:
            lv, rv = _finite(fl(env)), _finite(fr(env))
        except (ZeroDivisionError, ValueError, OverflowError, ArithmeticError):
            return None
        if lv is None or rv is None:
            return None
        # a 0 against a tiny other side may be a value that rounding absorbed (σ(1000) → 1, log → 0)
        tiny = mpmath.mpf(10) ** (-(digits // 2))
        hidden = _LOSS[2] or bool(_LOSS[1] and ((not lv and abs(rv) < tiny) or (not rv and abs(lv) < tiny)))
        return lv, rv, _LOSS[0], hidden


def _agreeing_digits(a, b) -> float:
    """The digits on which two evaluations of one value (at two precisions) agree."""
    if a == b:
        return float("inf")
    return float(-mpmath.log10(abs(a - b) / max(abs(a), abs(b))))


def _judge(fl: Compiled, fr: Compiled, symbols: list[Symbol], combo: tuple, start: int, bound: int):
    """What one point shows, with precision raised until it shows something.

    Returns ``("agree", rel, digits)``, ``("differ", left, right, digits, how)`` (a certified
    difference), ``("undefined",)`` or ``("undetermined", why)`` (the digits were eaten).
    """
    digits, seen, before = start, None, None
    while True:
        found = _evaluate(fl, fr, symbols, combo, digits)
        if found is None:
            return ("undefined",) if seen is None and digits == start else ("undetermined", "undefined")
        lv, rv, lost, hidden = found
        kept = digits - lost
        d = lv - rv
        if kept < TARGET and not hidden and d != 0 and before is not None:
            # The loss estimate says the digits were eaten (a side that cancels to 0, say), but a
            # difference that comes out the same to 10 digits at two precisions is a value, not
            # rounding noise (noise moves with the precision): a certified difference.
            previous = before[1] - before[2]
            if abs(d - previous) <= abs(d) * mpmath.mpf(10) ** -10:
                return "differ", lv, rv, digits, f"the same to 10 digits at {before[0]} and {digits} digits"
        if kept < TARGET and before is not None and not hidden:
            # the estimate adds up every loss; two precisions that agree show how many digits really
            # survived (not when a 0 may hide an absorbed value: it would agree with itself)
            kept = max(kept, min(before[0], _agreeing_digits(before[1], lv), _agreeing_digits(before[2], rv)))
        before = (digits, lv, rv)
        if kept >= TARGET:
            d = lv - rv
            scale = max(abs(lv), abs(rv))
            rel = abs(d) / scale if scale else mpmath.mpf(0)
            if rel <= mpmath.mpf(10) ** (-(kept - 3)):
                return "agree", rel, digits
            if hidden:  # a side may be 0 only because rounding absorbed it: no certificate here
                seen = None
            elif seen is not None and abs(d - seen[1]) <= abs(d) * mpmath.mpf(10) ** -3:
                stable = int(-mpmath.log10(abs(d - seen[1]) / abs(d))) if d != seen[1] else kept
                how = f"stable to {int(min(stable, kept))} digits at {seen[0]} and {digits} digits"
                return "differ", lv, rv, digits, how
            else:
                seen = (digits, d)
        if digits >= bound or lost + TARGET > bound:  # more precision cannot help
            return "undetermined", f"{int(lost)} of {digits} digits lost"
        digits = min(bound, max(2 * digits, int(lost) + TARGET + 10))


def numeric_check(lhs: Basic, rhs: Basic, domains: Mapping[Symbol, Domain], *, seed: int,
                  points: int = 20, digits: int = DIGITS) -> NumericResult:
    """Compare ``lhs`` and ``rhs`` at ``points`` points of the symbols' domains, with adaptive precision.

    Points: 0, simple rationals and points near the ends of an interval first, then random ones
    spread over magnitudes 10^-6 … 10^6 with both signs (all exact binary fractions inside the
    domain).  A point where a side is undefined (a pole) is skipped and another drawn; values are
    compared as complex numbers, so ``ln(z^2)`` and ``2 ln z`` differ at z = -1.  A point counts
    only when :data:`TARGET` digits survive (precision is raised up to :data:`MAX_DIGITS` when
    they do not); a difference counts only when certified (see the module docstring).

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
    start = digits + max(0, _constant_digits((lhs, rhs), domains) - 6)
    if start > _HARD_DIGITS:
        return NumericResult(Status.INCONCLUSIVE, seed=seed, digits=digits,
                             reason=f"the constants need {start} digits, more than the bound of {_HARD_DIGITS}")
    bound = min(_HARD_DIGITS, max(MAX_DIGITS, 2 * start))
    rng = random.Random(seed)
    wanted = points if symbols else 1
    checked = skipped = eaten = 0
    worst, top = mpmath.mpf(0), start
    reached: list[Fraction] = []
    for combo in _candidates(symbols, domains, rng):
        if checked >= wanted or skipped + eaten > 10 * wanted + 20 or eaten > wanted + 10:
            break
        outcome = _judge(fl, fr, symbols, combo, start, bound)
        if outcome[0] == "undefined":
            skipped += 1
        elif outcome[0] == "undetermined":
            eaten += 1
        elif outcome[0] == "differ" and at_kink((lhs, rhs), {s: sympy.Rational(Fraction(x).numerator, Fraction(
                x).denominator) for s, x in zip(symbols, combo)}):
            skipped += 1  # a derivative at a kink (ReLU'(0)) does not exist: the point shows nothing
        elif outcome[0] == "differ":
            _, lv, rv, used, how = outcome
            point = tuple((s.name, _fmt(x)) for s, x in zip(symbols, combo))
            rel = abs(lv - rv) / max(abs(lv), abs(rv))
            shown = min(used, 50, 15 + max(0, int(-mpmath.log10(rel))))  # enough digits to see the difference
            return NumericResult(Status.REFUTED, checked, skipped, seed, start, float(rel),
                                 Counterexample(point, _fmt(lv, shown), _fmt(rv, shown), _fmt(lv - rv), used, how),
                                 digits_max=used, undetermined=eaten)
        else:
            worst, top = max(worst, outcome[1]), max(top, outcome[2])
            reached.extend(abs(Fraction(x)) for x in combo)
            checked += 1
    span = _span(reached)
    if checked < wanted:
        why = _shortfall(checked, wanted, skipped, eaten, bound)
        return NumericResult(Status.INCONCLUSIVE, checked, skipped, seed, start, float(worst), reason=why,
                             digits_max=top, undetermined=eaten, span=span)
    return NumericResult(Status.CONFIRMED, checked, skipped, seed, start, float(worst),
                         digits_max=top, undetermined=eaten, span=span)


def _shortfall(checked: int, wanted: int, skipped: int, eaten: int, bound: int) -> str:
    """Why too few points counted: outside the domain (a pole, a log of a negative), or digits
    eaten by cancellation (sides that cancel to exactly 0 look like this: no point can tell their
    0 from rounding)."""
    if not eaten:
        return f"only {checked} of {wanted} sample points were in the domain of both sides"
    why = (f"only {checked} of {wanted} sample points kept {TARGET} digits: at {eaten} points the sides "
           f"lost their digits to cancellation even at {bound} digits")
    if skipped:
        why += f", and {skipped} points were outside the domain of a side"
    return why


def _span(values: list[Fraction]) -> str:
    """The magnitudes the sample points reached: ``0 to 9.6e+05``, ``1.0e-06 to 3`` ('' for none)."""
    if not values:
        return ""
    lo, hi = min(values), max(values)

    def show(q: Fraction) -> str:
        if q.denominator == 1 and q < 10**6:
            return str(q)
        with mpmath.workdps(20):
            return mpmath.nstr(_to_mp(q), 2, min_fixed=0, max_fixed=0)
    return f"{show(lo)} to {show(hi)}"
