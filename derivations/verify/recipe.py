"""Check one equality with two independent oracles and give one of four honest verdicts.

``check_equal`` is a recipe: unfold the definitions, climb the symbolic ladder (each strategy in
a worker process with its own time limit), evaluate both sides numerically at random points of
the symbols' domains, and combine the two findings:

=============  =====================================================================
proved         a symbolic strategy reached 0 (and the numeric check found no counterexample)
confirmed      no strategy succeeded, but every sampled point agreed (how many are reported)
refuted        a certified counterexample (a point where the difference is stable under raised
               precision), or a strategy reduced lhs - rhs to a nonzero number or a known sign
inconclusive   neither: a timeout, an expression that cannot be evaluated, a derivative at a
               kink, the two oracles contradicting each other, ... (the reason)
=============  =====================================================================

>>> from sympy import Symbol, exp
>>> from derivations.core.functions import sigma
>>> z = Symbol('z', real=True)
>>> check_equal(sigma(-z), 1 - sigma(z)).status
'proved'
>>> v = check_equal(sigma(-z), sigma(z) - 1)
>>> v.status, v.numeric.counterexample.point
('refuted', (('z', '1'),))
"""

from __future__ import annotations

import hashlib
import re
import pickle
import threading
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Mapping

from sympy import (Basic, Derivative, Dummy, Heaviside, Limit, Piecewise, Rational, Subs, Symbol, ceiling, floor,
                   sign, srepr, sympify)

from derivations.core.definitions import STANDARD, Definition, unfold
from derivations.core.domains import REAL, Domain
from derivations.errors import InvalidInputError
from derivations.verify.cache import default_cache
from derivations.verify.exact import exact_decimals, kink
from derivations.verify.numeric import DIGITS, numeric_check
from derivations.verify.symbolic import LADDER, refutation
from derivations.verify.verdict import NumericResult, Status, SymbolicResult, Verdict
from derivations.verify.worker import Progress, Worker, default_pool

__all__ = ["Limits", "check_equal", "check_all", "sample_size", "STATS", "planned", "planning", "PLACEHOLDER"]

@dataclass(frozen=True)
class Limits:
    """Time limits (seconds) and sample sizes of one check; ``strategy_scale`` scales the ladder's limits.

    >>> from sympy import Symbol
    >>> x = Symbol('x')
    >>> quick = Limits(strategy_scale=0.5, points=8)
    >>> quick.numeric, quick.points
    (30.0, 8)
    >>> check_equal(x + x, 2 * x, limits=quick).numeric.points
    8
    """

    prepare: float = 10.0
    strategy_scale: float = 1.0
    numeric: float = 30.0
    points: int = 20
    digits: int = DIGITS


# --- what the worker runs ------------------------------------------------------------------------

def _prepare(lhs: Basic, rhs: Basic, definitions: tuple[Definition, ...],
             domains: tuple[tuple[str, Domain], ...], substitutions: tuple[tuple[Basic, Basic], ...]) -> tuple:
    """(In the worker.) Substitute, give symbols their domains' assumptions, unfold, evaluate derivatives.

    Returns (symbolic lhs, symbolic rhs, numeric lhs, numeric rhs, domains by symbol, kink): the
    numeric sides keep their derivatives unevaluated, for mpmath to take them numerically; decimals
    are exact (0.3 = 3/10); ``kink`` says why a derivative at a point does not exist ('' if none).
    """
    left, right = (_side(e, definitions, domains, substitutions) for e in (lhs, rhs))
    table = dict(domains)
    sym_domains = {new: table.get(new.name, REAL) for new in left[2] | right[2]}
    return left[0], right[0], left[1], right[1], sym_domains, left[3] or right[3]


_SIDES: OrderedDict[tuple, tuple] = OrderedDict()  # (side, definitions, domains, substitutions) -> _side's result
_SIDES_SIZE = 64  # a chain's neighbours and a sheet's recurring sides; few, as one side can be large


def _side(expr: Basic, definitions: tuple[Definition, ...], domains: tuple[tuple[str, Domain], ...],
          substitutions: tuple[tuple[Basic, Basic], ...]) -> tuple:
    """(In the worker.) One side prepared: (symbolic, numeric, its renamed symbols, kink).

    Remembered for the worker's life: in a chain a = b = c the middle expression is the right side of
    one step and the left side of the next, and a sheet's δ recursions repeat whole sides (on seed
    sheet 000, 436 distinct sides among 800).  The result depends only on the key (SymPy's
    constructors are deterministic), so a remembered side is the side computed again.
    """
    key = (expr, definitions, domains, substitutions)
    known = _SIDES.get(key)
    if known is not None:
        _SIDES.move_to_end(key)
        return known
    e = exact_decimals(_substitute(expr, substitutions, definitions))
    table = dict(domains)
    named = e.free_symbols | {v for d in e.atoms(Derivative) for v in d.variables}  # ∂f(x)/∂a: a too
    renamed = {s: Symbol(s.name, **table.get(s.name, REAL).assumptions) for s in named if type(s) is Symbol}
    side = unfold(e.xreplace(renamed), definitions)
    why = kink(side)
    result = (side.doit(), _limits_taken(side), frozenset(renamed.values()), why)
    _SIDES[key] = result
    if len(_SIDES) > _SIDES_SIZE:
        _SIDES.popitem(last=False)
    return result


def _limits_taken(side: Basic) -> Basic:
    """(In the worker.) The numeric side with each limit SymPy can take replaced by its value: mpmath
    takes derivatives numerically but not limits.  A limit without a finite value stays (not evaluable).

    >>> from sympy import Limit, Symbol, oo
    >>> x, h = Symbol("x"), Symbol("h")
    >>> _limits_taken(Limit(((x + h)**2 - x**2) / h, h, 0) + Limit(1 / x, x, oo))
    2*x
    """
    def value(limit: Limit) -> Basic:
        taken = limit.doit()
        return taken if not taken.has(Limit) and taken.is_finite is not False else limit

    return side.replace(lambda e: isinstance(e, Limit), value) if side.has(Limit) else side


def _recipe(lhs, rhs, definitions, domains, substitutions, seed: int, limits: Limits,
            numeric_done: bool, first_strategy: int):
    """(In the worker.) The recipe as stages, each reported as it ends (see ``Worker.stages``).

    Stages: ``prepared`` (with the reason a derivative does not exist, if so: the end); ``numeric``
    (unless already done); then the ladder's strategies from ``first_strategy`` on, until one proves
    or refutes the step.  After a numeric refutation only ``evaluation`` runs, to catch a
    contradiction.  Each Progress announces the time limit of the stage that follows it.
    """
    scale = limits.strategy_scale
    first_limit = LADDER[first_strategy].seconds * scale if first_strategy < len(LADDER) else 1.0
    sym_l, sym_r, num_l, num_r, sym_domains, why = _prepare(lhs, rhs, definitions, domains, substitutions)
    yield Progress(("prepared", why or None), first_limit if numeric_done else limits.numeric)
    if why:
        return
    last = len(LADDER)
    if not numeric_done:
        try:
            numeric = numeric_check(num_l, num_r, sym_domains, seed=seed,
                                    points=sample_size(num_l, num_r, points=limits.points), digits=limits.digits)
        except (ArithmeticError, ValueError, TypeError, RecursionError) as err:
            numeric = NumericResult(Status.INCONCLUSIVE, seed=seed, digits=limits.digits,
                                    reason=f"numeric evaluation failed: {type(err).__name__}: {err}")
        yield Progress(("numeric", numeric), first_limit)
        if numeric.status == Status.REFUTED:
            last = 1
    # With the numeric oracle confirming, a symbolic refutation can only make the verdict
    # inconclusive (the oracles disagree); asking a difference for its sign is the costly part of a
    # cheap strategy, so it is deferred: asked for every difference once the cheap strategies have
    # failed (before an expensive one, or at the end), never when one of them proves the step.
    defer = not numeric_done and numeric.status == Status.CONFIRMED
    pending: list[tuple[int, Basic]] = []
    for index in range(first_strategy, last):
        how, d = _attempt(LADDER[index], sym_l, sym_r, defer=defer)
        if how == "deferred":
            pending.append((index, d))
        after = LADDER[index + 1].seconds * scale if index + 1 < last else 1.0
        flush = bool(pending) and (index + 1 >= last or LADDER[index + 1].seconds >= _EXPENSIVE)
        following = max(1.0, sum(LADDER[i].seconds * scale for i, _ in pending)) if flush else after
        yield Progress(("strategy", (index, how)), following)
        if how == "proved" or how.startswith("refuted"):
            return
        if flush:
            found = tuple((i, refutation(d)) for i, d in pending)
            pending = []
            yield Progress(("deferred", found), after)
            if any(evidence for _, evidence in found):
                return


_EXPENSIVE = 5.0  # a strategy allowed this many seconds or more (simplify) waits for the deferred questions


_STEP_FUNCTIONS = (Heaviside, sign, floor, ceiling, Piecewise)
STEP_FUNCTION_FACTOR = 10


def sample_size(*exprs: Basic, points: int) -> int:
    """How many random points the numeric oracle samples: ``points``, or ten times as many when a side
    holds a piecewise-constant function (a step, a sign, a rounding, a Piecewise).

    An error inside such a function's argument (ReLU'(F(x)) for ReLU'(F(x) + x)) changes the value
    only where the two arguments have different signs, a region that a few points can miss.

    >>> from sympy import Symbol
    >>> x = Symbol('x')
    >>> sample_size(x + 1, x, points=20), sample_size(Heaviside(x) * x, x, points=20)
    (20, 200)
    """
    return points * STEP_FUNCTION_FACTOR if any(e.has(*_STEP_FUNCTIONS) for e in exprs) else points


def _attempt(strategy, lhs: Basic, rhs: Basic, defer: bool = False) -> tuple[str, Basic | None]:
    """(In the worker.) One strategy: ``proved``, ``refuted: <exact evidence>``, ``no`` or ``error: ...``.

    With ``defer``, a nonzero difference is returned as ``deferred`` (with the difference), to be
    asked for a refutation later, if no strategy proves the step.
    """
    try:
        d = strategy.reduce(lhs, rhs)
        if d is not None and d == 0:
            return "proved", None
        if defer and d is not None:
            return "deferred", d
        evidence = refutation(d)
        return (f"refuted: {evidence}" if evidence else "no"), None
    except RecursionError:
        return "error: expression nested too deeply", None
    except Exception as err:  # a SymPy failure inside one strategy: the ladder goes on
        return f"error: {type(err).__name__}: {err}", None


def _substitute(expr: Basic, substitutions: tuple[tuple[Basic, Basic], ...],
                definitions: tuple[Definition, ...] = ()) -> Basic:
    """Replace defined symbols by their definitions, in order (a later one may use an earlier one).

    A derivative with respect to a defined symbol (∂y/∂z₃ with z₃ = z₂ + x) differentiates with
    respect to that symbol first and substitutes its value afterwards, as the chain rule reads it;
    the functions it differentiates are unfolded first, so that ∂C(W, b)/∂a with C(W, b) = ½(a − y)²
    and a = tanh(z) is a − y, not 0:

    >>> from sympy import Function, Lambda, Symbol, tanh
    >>> a, y, z = Symbol("a"), Symbol("y"), Symbol("z")
    >>> C = Definition(Function("C"), Lambda((y,), (a - y) ** 2 / 2), "C", "a cost")
    >>> _substitute(Derivative(Function("C")(y), a), ((a, tanh(z)),), (C,)).doit()
    -y + tanh(z)
    """
    defined = {old for old, _ in substitutions}

    def apply(e: Basic, keep: frozenset = frozenset()) -> Basic:
        for old, new in substitutions:
            if old not in keep:
                e = e.xreplace({old: new})
        return e

    def partial(d: Derivative) -> Basic:
        variables = [v for v in d.variables if v in defined]
        bound = {v: Dummy(v.name, real=True) for v in variables}  # so later substitutions leave them alone
        body = unfold(d.expr, definitions) if definitions else d.expr
        inner = Derivative(apply(body, frozenset(variables)), *d.variable_count).xreplace(bound)
        return Subs(inner, tuple(bound.values()), tuple(apply(v) for v in variables))

    if substitutions:
        expr = expr.replace(lambda e: isinstance(e, Derivative) and any(v in defined for v in e.variables),
                            partial)
    return apply(expr)


# --- the recipe -------------------------------------------------------------------------------------

_CACHE: OrderedDict[str, Verdict] = OrderedDict()
_CACHE_SIZE = 4096
_CACHE_LOCK = threading.Lock()
_RUNNING: dict[str, threading.Event] = {}  # keys being verified right now, so a duplicate waits
STATS = {"verified": 0, "reused": 0}
"""Checks of this process: verified in a worker, or answered from the memory or disk cache."""
planned: ContextVar[list | None] = ContextVar("planned", default=None)
"""In a planning pass, the list that collects the questions not yet answered (else None)."""


def planning() -> bool:
    """True during a planning pass (:mod:`derivations.verify.pool`), whose answers are placeholders.

    >>> planning()
    False
    """
    return planned.get() is not None


PLACEHOLDER = Verdict(Status.PROVED, SymbolicResult(True, "planned"), NumericResult(Status.CONFIRMED),
                      "a planning pass: verified later")


_DUMMY_INDEX = re.compile(r"dummy_index=(-?\d+)")  # SymPy hashes some (Subs), negative too


def _content_key(*parts: object) -> str:
    """A hash of the parts' text, the same in every process.

    SymPy numbers its Dummy symbols per process, so their indices are renumbered in order of
    appearance (bound variables renamed consistently) before hashing.

    >>> from sympy import Dummy, srepr
    >>> _content_key(srepr(Dummy('t') + 1)) == _content_key(srepr(Dummy('t') + 1))
    True
    """
    text = "\x00".join(map(str, parts))
    order: dict[str, int] = {}
    text = _DUMMY_INDEX.sub(lambda m: f"dummy_index={order.setdefault(m.group(1), len(order))}", text)
    return hashlib.sha256(text.encode()).hexdigest()


_TEXTS: dict[int, tuple[Basic, str]] = {}  # id -> (the expression, its text): definitions recur in every key


def _text(e: Basic) -> str:
    """The expression's exact text for the cache key (integers too long to print are hashed)."""
    known = _TEXTS.get(id(e))
    if known is not None and known[0] is e:
        return known[1]
    try:
        text = srepr(e)
    except ValueError:  # more than 4300 digits: Python refuses str(int)
        text = "pickle:" + hashlib.sha256(pickle.dumps(e)).hexdigest()
    if len(_TEXTS) >= 4096:
        _TEXTS.clear()
    _TEXTS[id(e)] = (e, text)
    return text


def _domains_by_name(domains: Mapping[Symbol | str, Domain] | None) -> tuple[tuple[str, Domain], ...]:
    items = ((k if isinstance(k, str) else k.name, v) for k, v in (domains or {}).items())
    return tuple(sorted(items, key=lambda kv: kv[0]))


def check_equal(lhs: Basic, rhs: Basic, domains: Mapping[Symbol | str, Domain] | None = None,
                definitions: Iterable[Definition] = STANDARD, *, seed: int | None = None,
                limits: Limits = Limits(), worker: Worker | None = None,
                substitutions: Iterable[tuple[Basic, Basic]] = ()) -> Verdict:
    """Check ``lhs = rhs`` for all values of the symbols in their domains (real by default).

    ``definitions`` say what the named functions mean (σ, logit, σ' by default);
    ``substitutions`` (symbol, expression) pairs, applied in order before anything else, say what
    defined symbols stand for (``J = ½(a − y)²``).  All of it happens in the worker process.  ``seed`` fixes
    the numeric sample; by default it is derived from the equality itself, so the same question
    always gets the same answer.  Results are cached by content for the life of the process, and
    settled verdicts on disk across processes (:mod:`derivations.verify.cache`).

    >>> from sympy import Symbol, sqrt
    >>> from derivations.core.domains import POSITIVE
    >>> x = Symbol('x', real=True)
    >>> check_equal(sqrt(x**2), x, {x: POSITIVE}).status
    'proved'
    >>> v = check_equal(sqrt(x**2), x)  # real by default: false for x < 0
    >>> v.status, v.numeric.counterexample.describe()
    ('refuted', 'at x = -1: left = 1.0, right = -1.0 (left - right = 2.0)')
    """
    lhs, rhs = _as_expr(lhs), _as_expr(rhs)
    definitions = tuple(definitions)
    doms = _domains_by_name(domains)
    text = (_text(lhs), _text(rhs))
    if seed is None:
        seed = int(_content_key(*text)[:8], 16)
    subs = tuple((old, _as_expr(new)) for old, new in substitutions)
    key = _content_key(*text, [(d.name, _text(d.body)) for d in definitions], doms, seed, limits,
                       [(_text(o), _text(n)) for o, n in subs])  # the cache key
    found = _cached(key)
    if found is not None:
        return found
    plan = planned.get()
    if plan is not None:  # a planning pass (derivations.verify.pool): note the question, answer later
        plan.append((lhs, rhs, dict(doms), definitions, seed, limits, subs))
        return PLACEHOLDER
    with _CACHE_LOCK:  # the same question already being verified by another thread: wait for it
        running = _RUNNING.get(key)
        if running is None:
            _RUNNING[key] = threading.Event()
    if running is not None:
        running.wait()
        found = _cached(key)
        if found is not None:
            return found
    try:
        disk = default_cache()
        if disk is None:
            return _verify(key, lhs, rhs, definitions, doms, subs, seed, limits, worker)
        with disk.claim(key) as mine:  # another process verifying the same step: wait for its verdict
            found = None if mine else _cached(key)
            return found or _verify(key, lhs, rhs, definitions, doms, subs, seed, limits, worker)
    finally:
        if running is None:
            with _CACHE_LOCK:
                _RUNNING.pop(key).set()


def _cached(key: str) -> Verdict | None:
    """The verdict of ``key`` from memory or the disk cache (counted in :data:`STATS`), or None."""
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            STATS["reused"] += 1
            return _CACHE[key]
    disk = default_cache()
    verdict = disk.get(key) if disk is not None else None
    if verdict is not None:
        _remember(key, verdict)
        STATS["reused"] += 1
    return verdict


def _verify(key, lhs, rhs, definitions, doms, subs, seed, limits, worker) -> Verdict:
    STATS["verified"] += 1
    disk = default_cache()
    if worker is not None:
        verdict = _check(lhs, rhs, definitions, doms, subs, seed, limits, worker)
    else:
        with default_pool().worker() as borrowed:
            verdict = _check(lhs, rhs, definitions, doms, subs, seed, limits, borrowed)
    _remember(key, verdict)
    if disk is not None:
        disk.put(key, verdict)
    return verdict


def _remember(key: str, verdict: Verdict) -> None:
    with _CACHE_LOCK:
        _CACHE[key] = verdict
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)


def check_all(questions: Iterable[tuple[Basic, Basic]], domains: Mapping[Symbol | str, Domain] | None = None,
              definitions: Iterable[Definition] = STANDARD, *, seed: int | None = None,
              limits: Limits = Limits()) -> list[Verdict]:
    """:func:`check_equal` on many equalities, in parallel on the worker pool; verdicts in order.

    >>> from sympy import Symbol
    >>> x = Symbol('x')
    >>> [v.status for v in check_all([(x + x, 2 * x), (x * x, 2 * x)])]
    ['proved', 'refuted']
    """
    from concurrent.futures import ThreadPoolExecutor

    questions, definitions = list(questions), tuple(definitions)
    size = default_pool().size
    if size == 1 or len(questions) < 2:
        return [check_equal(l, r, domains, definitions, seed=seed, limits=limits) for l, r in questions]
    ex = ThreadPoolExecutor(max_workers=size, thread_name_prefix="derivations-check")
    try:
        return list(ex.map(lambda q: check_equal(q[0], q[1], domains, definitions, seed=seed, limits=limits),
                           questions))
    finally:  # on Ctrl-C, drop the queued checks instead of running them all first
        ex.shutdown(wait=True, cancel_futures=True)


def _as_expr(value: object) -> Basic:
    """A SymPy expression, or a Python number made one; anything else (text!) is refused."""
    if isinstance(value, Basic):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        raise InvalidInputError(f"expected a SymPy expression or a number, got {type(value).__name__}; "
                                "text is never parsed here (use derivations.checker for LaTeX)")
    return Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else sympify(value)


def _check(lhs, rhs, definitions, doms, subs, seed, limits, worker: Worker, *, recipe=_recipe,
           ladder=LADDER) -> Verdict:
    """Run the recipe in the worker; when a stage overruns or fails, record it and resume after it.

    ``recipe`` and ``ladder`` are the stages and strategies run (an inequality runs its own, see
    :mod:`derivations.verify.relation`).
    """
    numeric: NumericResult | None = None
    attempts: list[tuple[str, str]] = []
    tried: list[int] = []  # the ladder index of each attempt
    first = 0
    ever_prepared = False
    while True:
        args = (lhs, rhs, definitions, doms, subs, seed, limits, numeric is not None, first)
        done, end = worker.stages(recipe, args, limits.prepare)
        prepared = False
        for kind, value in done:
            if kind == "prepared":
                prepared = True
                if value:  # a derivative at a kink: nothing to compute
                    nothing = NumericResult(Status.INCONCLUSIVE, seed=seed, digits=limits.digits, reason=value)
                    return Verdict(Status.INCONCLUSIVE, SymbolicResult(False), nothing, f"not differentiable: {value}")
            elif kind == "numeric":
                numeric = value
            elif kind == "deferred":  # the deferred refutations, after no strategy proved the step
                found = dict(value)
                attempts = [(n, f"refuted: {found[i]}" if found.get(i) else "no") if h == "deferred" else (n, h)
                            for i, (n, h) in zip(tried, attempts)]
            else:
                index, how = value
                attempts.append((ladder[index].name, how))
                tried.append(index)
                first = index + 1
        if end.kind == "ok":
            break
        failure = end.kind if end.kind == "timeout" else f"{end.kind}: {end.message}"
        ever_prepared |= prepared
        if not ever_prepared:
            why = f"could not unfold and evaluate the expressions ({end.kind}: {end.message})"
            nothing = NumericResult(Status.INCONCLUSIVE, seed=seed, digits=limits.digits, reason=why)
            return Verdict(Status.INCONCLUSIVE, SymbolicResult(False, attempts=tuple(attempts)), nothing, why)
        if numeric is None:  # the numeric stage overran or failed: the ladder still runs
            numeric = NumericResult(Status.INCONCLUSIVE, seed=seed, digits=limits.digits,
                                    reason=f"numeric evaluation {failure}")
            continue
        waiting = [i for i, (_, how) in zip(tried, attempts) if how == "deferred"]
        if waiting:  # refutations were deferred and are lost with the worker: redo from there, undeferred
            keep = [k for k, i in enumerate(tried) if i < waiting[0]]
            attempts, tried, first = [attempts[k] for k in keep], [tried[k] for k in keep], waiting[0]
            continue
        if first >= len(ladder):
            break
        attempts.append((ladder[first].name, failure))  # this strategy overran: go on with the next
        tried.append(first)
        first += 1
        if first >= len(ladder):
            break
    proof = next((name for name, how in attempts if how == "proved"), None)
    refuted = next(((name, how[len("refuted: "):]) for name, how in attempts if how.startswith("refuted: ")),
                   (None, ""))
    if numeric.status == Status.REFUTED and proof is None:
        attempts.append(("ladder", "skipped: refuted numerically"))
    return _combine(SymbolicResult(proof is not None, proof or refuted[0], tuple(attempts), refuted[1]), numeric)


def _combine(symbolic: SymbolicResult, numeric: NumericResult) -> Verdict:
    """One verdict from both oracles; when they contradict each other, neither wins: inconclusive."""
    if symbolic.proved and numeric.status == Status.REFUTED:
        return Verdict(Status.INCONCLUSIVE, symbolic, numeric,
                       f"the oracles disagree: {symbolic.describe()}, but the numeric check "
                       f"{numeric.describe()}")
    if symbolic.refutation and numeric.status == Status.CONFIRMED:
        return Verdict(Status.INCONCLUSIVE, symbolic, numeric,
                       f"the oracles disagree: {symbolic.describe()}, but the numeric check "
                       f"{numeric.describe()}")
    if numeric.status == Status.REFUTED or symbolic.refutation:
        return Verdict(Status.REFUTED, symbolic, numeric)
    if symbolic.proved:
        return Verdict(Status.PROVED, symbolic, numeric)
    if numeric.status == Status.CONFIRMED:
        return Verdict(Status.CONFIRMED, symbolic, numeric)
    return Verdict(Status.INCONCLUSIVE, symbolic, numeric,
                   f"{symbolic.describe()}; numeric check {numeric.reason}")
