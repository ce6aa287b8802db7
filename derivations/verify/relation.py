"""Check an inequality ``lhs ≤ rhs`` (or ``<``, ``≥``, ``>``) with the two oracles of an equality.

The recipe is :mod:`derivations.verify.recipe`'s (same worker, same preparation, same verdicts),
with two oracles made for a sign instead of a zero:

* **numeric**: both sides at random points of the domains (30 digits); a point where the relation
  fails is re-evaluated at twice the precision and reported as a counterexample only if it still
  fails (for a strict relation, sides equal to the working precision fail it);
* **symbolic**: a ladder of ways to show that the difference ``rhs − lhs`` (for ≤, <) or
  ``lhs − rhs`` (for ≥, >) has the needed sign: SymPy's assumptions decide it as written, factored
  over a common denominator (a square or a sum of squares times a positive factor), after
  substituting e^{u} = t^L with t > 0, or after ``simplify``.  Assumptions are sound (no
  ``force=True``), so a strategy can fail to prove a true inequality but never prove a false one.

>>> from sympy import Rational, Symbol
>>> from derivations.core.functions import sigma
>>> z = Symbol('z', real=True)
>>> q = Rational(1, 4)
>>> check_relation(sigma(z) * (1 - sigma(z)), q, '<=').status
'proved'
>>> v = check_relation(sigma(z) * (1 - sigma(z)), q, '<')  # equality at z = 0
>>> v.status, v.numeric.counterexample.describe()
('refuted', 'at z = 0: left = 0.25, right = 0.25 (left - right = 0.0)')
"""

from __future__ import annotations

import itertools
import random
import threading
from collections import OrderedDict
from fractions import Fraction
from functools import partial
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import mpmath
import sympy
from sympy import Basic, Symbol, cancel, factor, together

from derivations.core.definitions import STANDARD, Definition
from derivations.core.domains import REAL, Domain
from derivations.core.model import Relation
from derivations.errors import UnsupportedError
from derivations.verify import recipe
from derivations.verify.numeric import _candidates, _fmt, _to_mp, compile_all
from derivations.verify.symbolic import _exp_to_rational
from derivations.verify.verdict import Counterexample, NumericResult, Status, Verdict
from derivations.verify.worker import Progress, Worker, default_pool

__all__ = ["check_relation", "numeric_relation", "SignStrategy", "SIGN_LADDER"]


# --- the symbolic oracle: the sign of the difference -------------------------------------------------

def _sign(d: Basic, strict: bool) -> bool:
    """Whether SymPy's assumptions show d > 0 (strict) or d >= 0."""
    if d.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return False
    return bool(d.is_positive if strict else d.is_nonnegative)


def _as_written(d: Basic, strict: bool) -> bool:
    return _sign(d, strict)


def _factored(d: Basic, strict: bool) -> bool:
    return _sign(factor(cancel(together(d))), strict)


def _exp_substituted(d: Basic, strict: bool) -> bool:
    return _sign(factor(cancel(together(_exp_to_rational(d)))), strict)


def _simplified(d: Basic, strict: bool) -> bool:
    return _sign(sympy.simplify(d), strict)


@dataclass(frozen=True)
class SignStrategy:
    """A named way of showing ``difference >= 0`` (or ``> 0``), with its time limit in seconds.

    Unlike the equality ladder's :class:`~derivations.verify.symbolic.Strategy` (which reduces a
    difference to 0), ``decide(d, strict)`` answers the sign question itself, True or False.

    >>> from sympy import Symbol
    >>> x = Symbol('x', real=True)
    >>> SIGN_LADDER[0].prove(x**2, False), SIGN_LADDER[0].prove(x**2, True), SIGN_LADDER[0].prove(x, False)
    (True, False, False)
    """

    name: str
    decide: Callable[[Basic, bool], bool]
    seconds: float
    description: str

    def prove(self, d: Basic, strict: bool) -> bool:
        """True only when the sign is shown: ``d > 0`` (strict) or ``d >= 0``."""
        return self.decide(d, strict) is True


SIGN_LADDER: tuple[SignStrategy, ...] = (
    SignStrategy("sign", _as_written, 2.0, "SymPy's assumptions give the difference its sign as written"),
    SignStrategy("sign-factor", _factored, 3.0,
             "over a common denominator and factored (squares, sums of squares, positive factors), "
             "the assumptions give the sign"),
    SignStrategy("sign-exp-substitution", _exp_substituted, 3.0,
             "with e^{u} = t^L (t > 0) the difference is a factored rational function of known sign"),
    SignStrategy("sign-simplify", _simplified, 10.0, "sympy.simplify, then the assumptions give the sign"),
)
"""Ways of showing ``difference >= 0`` (or ``> 0``), cheapest first; each is a :class:`SignStrategy`
whose ``prove(d, strict)`` takes the difference and whether the sign must be strict."""


def _difference(lhs: Basic, rhs: Basic, relation: Relation) -> Basic:
    """The expression whose sign the relation claims: rhs − lhs for ≤ and <, lhs − rhs for ≥ and >."""
    return rhs - lhs if relation.direction < 0 else lhs - rhs


# --- the numeric oracle ----------------------------------------------------------------------------

def _values(fl, fr, env):
    """(left, right) as real mpmath numbers at env; None where a side is undefined; 'complex' if not real."""
    try:
        lv, rv = fl(env), fr(env)
    except (ZeroDivisionError, ValueError, OverflowError, ArithmeticError):
        return None
    if not all(isinstance(v, (mpmath.mpf, mpmath.mpc)) and mpmath.isfinite(v) for v in (lv, rv)):
        return None
    scale = max(abs(lv), abs(rv), mpmath.mpf(1))
    if any(isinstance(v, mpmath.mpc) and abs(v.imag) > scale * mpmath.eps * 1000 for v in (lv, rv)):
        return "complex"
    return mpmath.re(lv), mpmath.re(rv)


def _margin(lv, rv, relation: Relation):
    """The amount by which the relation holds: rhs − lhs for ≤ and <, lhs − rhs for ≥ and > (≥ 0 when it holds)."""
    return (rv - lv) if relation.direction < 0 else (lv - rv)


def _fails(lv, rv, relation: Relation, tol) -> bool:
    """Whether ``lv relation rv`` fails beyond rounding, ``tol`` relative to the sides themselves
    (no absolute floor: 5e-435 > 0 holds); equal sides fail a strict one."""
    d = _margin(lv, rv, relation)
    noise = tol * max(abs(lv), abs(rv))
    return d <= noise if relation.strict else d < -noise


def _stable(d1, d2) -> bool:
    """Whether a failing margin seen at two precisions is a value, not rounding noise: the same
    number to three digits (or exactly 0 both times, equal sides)."""
    return (d1 == 0 and d2 == 0) or abs(d1 - d2) <= mpmath.mpf("1e-3") * abs(d2)


def _points(symbols: list[Symbol], domains: Mapping[Symbol, Domain], rng: random.Random):
    """Points to try: first with 0 put for every symbol whose domain holds it (where inequalities
    tend to become equalities), then the equality oracle's simple and random points."""
    zero = Fraction(0)
    lattice = [((zero,) if domains.get(s, REAL).contains(zero) else ()) + domains.get(s, REAL).nice_points()[:1]
               for s in symbols]
    if all(lattice):
        yield from itertools.islice(itertools.product(*lattice), 4)
    yield from _candidates(symbols, domains, rng)


def numeric_relation(lhs: Basic, rhs: Basic, relation: Relation | str, domains: Mapping[Symbol, Domain], *,
                     seed: int, points: int = 20, digits: int = 30) -> NumericResult:
    """Evaluate both sides at ``points`` points of the domains and check the relation at each.

    A failing point is re-evaluated at twice the precision; only a failure that persists, with the
    same margin at both precisions (so it is a value, not rounding noise), is a counterexample (for a
    strict relation, sides that stay equal fail it).  Closeness is judged relative to the sides
    themselves, so a tiny positive value is positive.  Simple rational points
    (0, 1, ...) are tried first, so an equality case such as z = 0 is found.

    >>> from sympy import Symbol, exp
    >>> from derivations.core.domains import REAL
    >>> x = Symbol('x', real=True)
    >>> numeric_relation(exp(x), 1 + x, '>=', {x: REAL}, seed=0).status
    'confirmed'
    >>> numeric_relation(exp(x), 1 + x, '>', {x: REAL}, seed=0).counterexample.point
    (('x', '0'),)
    """
    relation = Relation(relation)
    try:
        fl, fr = compile_all(lhs, rhs)
    except UnsupportedError as err:
        return NumericResult(Status.INCONCLUSIVE, seed=seed, digits=digits, reason=str(err))
    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=lambda s: s.name)
    rng = random.Random(seed)
    wanted = points if symbols else 1
    checked = skipped = complex_points = 0
    for combo in _points(symbols, domains, rng):
        if checked >= wanted or skipped > 10 * wanted + 20:
            break
        with mpmath.workdps(digits):
            found = _values(fl, fr, {s: _to_mp(x) for s, x in zip(symbols, combo)})
        if found is None or found == "complex":
            skipped += 1
            complex_points += found == "complex"
            continue
        if _fails(*found, relation, mpmath.mpf(10) ** (-(digits - 3))):
            with mpmath.workdps(2 * digits + 10):
                again = _values(fl, fr, {s: _to_mp(x) for s, x in zip(symbols, combo)})
                certified = again not in (None, "complex") and \
                    _fails(*again, relation, mpmath.mpf(10) ** (-(2 * digits + 7))) and \
                    _stable(_margin(*found, relation), _margin(*again, relation))
                if certified:
                    lv, rv = found
                    point = tuple((s.name, _fmt(x)) for s, x in zip(symbols, combo))
                    return NumericResult(Status.REFUTED, checked, skipped, seed, digits, 0.0,
                                         Counterexample(point, _fmt(lv), _fmt(rv), _fmt(lv - rv), digits))
        checked += 1
    if checked < wanted:
        why = f"only {checked} of {wanted} sample points were in the domain of both sides"
        if complex_points:
            why += f" ({complex_points} gave complex values, which an inequality does not compare)"
        return NumericResult(Status.INCONCLUSIVE, checked, skipped, seed, digits, reason=why)
    return NumericResult(Status.CONFIRMED, checked, skipped, seed, digits, 0.0)


# --- the recipe ------------------------------------------------------------------------------------

def _relation_recipe(relation: Relation, lhs, rhs, definitions, domains, substitutions, seed: int,
                     limits, numeric_done: bool, first_strategy: int):
    """(In the worker.) Prepare, the numeric relation check, then the sign ladder: stages as in the recipe."""
    scale = limits.strategy_scale
    first_limit = SIGN_LADDER[first_strategy].seconds * scale if first_strategy < len(SIGN_LADDER) else 1.0
    sym_l, sym_r, num_l, num_r, sym_domains, why = recipe._prepare(lhs, rhs, definitions, domains, substitutions)
    yield Progress(("prepared", why or None), first_limit if numeric_done else limits.numeric)
    if why:  # a derivative at a kink: the check ends inconclusive
        return
    if not numeric_done:
        try:
            numeric = numeric_relation(num_l, num_r, relation, sym_domains, seed=seed,
                                       points=recipe.sample_size(num_l, num_r, points=limits.points),
                                       digits=limits.digits)
        except (ArithmeticError, ValueError, TypeError, RecursionError) as err:
            numeric = NumericResult(Status.INCONCLUSIVE, seed=seed, digits=limits.digits,
                                    reason=f"numeric evaluation failed: {type(err).__name__}: {err}")
        yield Progress(("numeric", numeric), first_limit)
        if numeric.status == Status.REFUTED:
            return
    d = _difference(sym_l, sym_r, relation)
    for index in range(first_strategy, len(SIGN_LADDER)):
        try:
            how = "proved" if SIGN_LADDER[index].prove(d, relation.strict) else "no"
        except RecursionError:
            how = "error: expression nested too deeply"
        except Exception as err:  # a SymPy failure inside one strategy: the ladder goes on
            how = f"error: {type(err).__name__}: {err}"
        following = SIGN_LADDER[index + 1].seconds * scale if index + 1 < len(SIGN_LADDER) else 1.0
        yield Progress(("strategy", (index, how)), following)
        if how == "proved":
            return


_CACHE: OrderedDict[str, Verdict] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def check_relation(lhs: Basic, rhs: Basic, relation: Relation | str,
                   domains: Mapping[Symbol | str, Domain] | None = None,
                   definitions: Iterable[Definition] = STANDARD, *, seed: int | None = None,
                   limits: "recipe.Limits" = recipe.Limits(), worker: Worker | None = None,
                   substitutions: Iterable[tuple[Basic, Basic]] = ()) -> Verdict:
    """Check ``lhs <relation> rhs`` for all values of the symbols in their domains.

    Arguments as for :func:`derivations.verify.recipe.check_equal`; ``relation`` is ``'='``
    (then this *is* ``check_equal``), ``'<='``, ``'<'``, ``'>='`` or ``'>'``.  The verdict is
    ``proved`` when a sign strategy shows the difference's sign and sampling found no
    counterexample, ``confirmed`` when only sampling supports it, ``refuted`` with a point and both
    values where the relation fails.

    >>> from sympy import Symbol, exp
    >>> from derivations.core.domains import POSITIVE
    >>> x = Symbol('x', real=True)
    >>> check_relation(x**2 + 1, 2 * x, '>=').symbolic.strategy
    'sign-factor'
    >>> check_relation(x / (1 + x), 1, '<', {x: POSITIVE}).status
    'proved'
    >>> check_relation(exp(-x), 1, '<').numeric.counterexample.describe()
    'at x = 0: left = 1.0, right = 1.0 (left - right = 0.0)'
    """
    relation = Relation(relation)
    if relation == Relation.EQ:
        return recipe.check_equal(lhs, rhs, domains, definitions, seed=seed, limits=limits, worker=worker,
                                  substitutions=substitutions)
    lhs, rhs = recipe._as_expr(lhs), recipe._as_expr(rhs)
    definitions = tuple(definitions)
    doms = recipe._domains_by_name(domains)
    text = (relation.value, sympy.srepr(lhs), sympy.srepr(rhs))
    if seed is None:
        seed = int(recipe._content_key(*text)[:8], 16)
    subs = tuple((old, recipe._as_expr(new)) for old, new in substitutions)
    key = recipe._content_key(*text, [(d.name, sympy.srepr(d.body)) for d in definitions], doms, seed, limits,
                              [(sympy.srepr(o), sympy.srepr(n)) for o, n in subs])
    with _CACHE_LOCK:
        if key in _CACHE:
            return _CACHE[key]
    run = partial(recipe._check, lhs, rhs, definitions, doms, subs, seed, limits,
                  recipe=partial(_relation_recipe, relation), ladder=SIGN_LADDER)
    if worker is not None:
        verdict = run(worker)
    else:
        with default_pool().worker() as borrowed:
            verdict = run(borrowed)
    with _CACHE_LOCK:
        _CACHE[key] = verdict
        if len(_CACHE) > 1024:
            _CACHE.popitem(last=False)
    return verdict
