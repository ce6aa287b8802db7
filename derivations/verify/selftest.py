"""Mutation testing of the verifier: every small error planted in a catalog step must be refuted.

For each equality ``lhs = rhs`` that a catalog step checks, the right-hand side is mutated in small
ways a person makes on paper (see :data:`MUTATIONS`): a flipped sign, two symbols swapped, an
exponent or a constant off by one or doubled, a dropped factor or term, σ(x) written for 1 − σ(x).
Whether a mutant is really false is decided *independently of the verifier under test*: both sides
are unfolded, their derivatives taken by SymPy (the verifier's numeric oracle differentiates with
mpmath instead), and evaluated with plain mpmath at a few fixed points (:func:`truth`).  Mutants that
turn out equal to the original, or whose truth cannot be decided, are skipped.  Every false mutant
must then be ``refuted`` by :func:`derivations.verify.recipe.check_equal` (an inequality step's, by
:func:`derivations.verify.relation.check_relation`, its relation mutated too); a false mutant reported as
proved or confirmed would be a soundness bug, an inconclusive one a gap.

>>> from sympy import Symbol
>>> from derivations.core.functions import sigma
>>> z = Symbol('z', real=True)
>>> sorted({kind for kind, _ in mutants(1 - sigma(z))})
['constant', 'drop-factor', 'drop-term', 'magnitude', 'negate', 'negate-term', 'sigma-complement']
>>> truth(sigma(-z), sigma(z), {z: REAL})
'false'
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Mapping

import mpmath
import sympy
from sympy import Basic, Symbol

from derivations.core.definitions import STANDARD, Definition, unfold
from derivations.core.domains import REAL, Domain
from derivations.core.functions import sigma
from derivations.core.model import StepKind
from derivations.verify.numeric import compile_mp
from derivations.core.model import Relation
from derivations.verify.recipe import Limits, check_equal
from derivations.verify.relation import check_relation
from derivations.verify.verdict import Status

__all__ = ["command", "MUTATIONS", "Mutant", "SelfTestResult", "mutants", "truth", "run_selftest", "SELFTEST_LIMITS"]

SELFTEST_LIMITS = Limits(prepare=10.0, strategy_scale=0.25, numeric=15.0, points=12)
"""Modest limits: a false mutant is refuted by the numeric oracle before any proof search."""

_TRUTH_POINTS = 6
_TRUTH_DIGITS = 50
_TRUTH_SEED = 20240521
_MAX_OPS = 400  # larger expressions are not mutated (the truth oracle would be slow)
_DEEP_OPS = 100  # expressions larger than this are mutated only near the top (depth <= 2)
_MAX_SWAPS = 3  # symbol swaps per side: neighbouring pairs in name order
INSTANCE_LIMIT = 3
"""Mutants per checked equality of a concrete instance (large expressions: a sample, not all)."""
EXAMPLE_LIMIT = 8
"""Mutants per worked-example step of a general theorem (an instance step with one equality per entry of a
matrix, say ∂L/∂X of a 5×5 example): a sample spread over its entries and mutation kinds, not all."""


# --- the mutations --------------------------------------------------------------------------------

def _add_terms(e: Basic) -> list[tuple[str, Basic]]:
    out: list[tuple[str, Basic]] = []
    for i, t in enumerate(e.args):
        rest = e.args[:i] + e.args[i + 1:]
        out.append(("negate-term", sympy.Add(*rest, -t)))
        out.append(("drop-term", sympy.Add(*rest)))
    return out


def _mul_factors(e: Basic) -> list[tuple[str, Basic]]:
    return [("drop-factor", sympy.Mul(*(e.args[:i] + e.args[i + 1:]))) for i in range(len(e.args))]


def _pow_exponent(e: Basic) -> list[tuple[str, Basic]]:
    n = e.exp
    if not n.is_Integer:
        return []
    return [("exponent", sympy.Pow(e.base, m)) for m in (n + 1, n - 1, 2 * n) if m != 0]


def _number(e: Basic) -> list[tuple[str, Basic]]:
    if not e.is_Rational:
        return []
    return [("constant", c) for c in (e + 1, e - 1, 2 * e)] + _magnitude(e)


_SCALE = sympy.Integer(10)**3
_SHIFT = sympy.Rational(1, 10**12)


def _magnitude(e: Basic) -> list[tuple[str, Basic]]:
    """A constant scaled by 10^3 or shifted by 10^-12: errors of magnitude, not of form."""
    return [("magnitude", c) for c in (e * _SCALE, e + _SHIFT)]


def _sigma(e: Basic) -> list[tuple[str, Basic]]:
    return [("sigma-complement", 1 - e)] if isinstance(e, sigma) else []


MUTATIONS: tuple[tuple[str, Callable[[Basic], bool], Callable[[Basic], list[tuple[str, Basic]]]], ...] = (
    ("Add: negate or drop one term", lambda e: e.is_Add, _add_terms),
    ("Mul: drop one factor", lambda e: e.is_Mul, _mul_factors),
    ("Pow: integer exponent n -> n+1, n-1, 2n", lambda e: e.is_Pow, _pow_exponent),
    ("constant c -> c+1, c-1, 2c, 1000c, c + 10^-12", lambda e: e.is_Number, _number),
    ("sigma(x) -> 1 - sigma(x)", lambda e: isinstance(e, sigma), _sigma),
)
"""The local mutations: (description, applies to node?, node -> [(kind, replacement)]).

Applied at every node of the right-hand side; in addition the whole side is negated and every
pair of its symbols swapped (see :func:`mutants`)."""

# Only the first argument of these is an expression to mutate (the rest are variables, bounds, points).
_FIRST_ARG_ONLY = (sympy.Derivative, sympy.Subs, sympy.Sum, sympy.Integral)


def _children(e: Basic) -> range:
    if isinstance(e, _FIRST_ARG_ONLY):
        return range(1)
    if e.is_Add or e.is_Mul or e.is_Pow or isinstance(e, sympy.Function):
        return range(len(e.args))
    return range(0)


def _local(e: Basic) -> Iterator[tuple[str, Basic]]:
    for _, applies, mutate in MUTATIONS:
        if applies(e):
            yield from mutate(e)


def _everywhere(e: Basic, depth: int | None = None) -> Iterator[tuple[str, Basic]]:
    """Every (kind, e with one node replaced by one of its local mutations), down to ``depth``."""
    yield from _local(e)
    if depth == 0:
        return
    for i in _children(e):
        for kind, new in _everywhere(e.args[i], None if depth is None else depth - 1):
            try:
                built = e.func(*(e.args[:i] + (new,) + e.args[i + 1:]))
            except (ArithmeticError, TypeError, ValueError):  # SymPy refuses it (⌊1/0⌋): no mutant to try
                continue
            yield kind, built


def mutants(expr: Basic) -> Iterator[tuple[str, Basic]]:
    """The distinct mutants ``(kind, mutated expression)`` of ``expr``, in a fixed order.

    >>> from sympy import Symbol
    >>> a, b = Symbol('a'), Symbol('b')
    >>> [str(m) for _, m in mutants(a - b**2)][:4]
    ['-a + b**2', '-a**2 + b', '-a - b**2', '-b**2']
    """
    seen = {sympy.srepr(expr)}
    whole = [("negate", -expr)]
    names = sorted((s for s in expr.free_symbols if type(s) is Symbol), key=lambda s: s.name)
    swaps = [("swap-symbols", expr.xreplace({x: y, y: x})) for x, y in list(zip(names, names[1:]))[:_MAX_SWAPS]]
    ops = sympy.count_ops(expr)
    if ops > _MAX_OPS:
        return
    for kind, new in itertools.chain(whole, swaps, _everywhere(expr, 2 if ops > _DEEP_OPS else None)):
        key = sympy.srepr(new)
        if key not in seen:
            seen.add(key)
            yield kind, new


# --- the independent truth oracle -------------------------------------------------------------------

def _points(symbols: list[Symbol], domains: Mapping[Symbol, Domain], n: int) -> list[dict]:
    rng = random.Random(_TRUTH_SEED)
    table = {(k if isinstance(k, str) else k.name): v for k, v in domains.items()}
    return [{s: mpmath.mpf(table.get(s.name, REAL).sample(rng)) for s in symbols} for _ in range(n)]


def _zero_point(symbols: list[Symbol], domains: Mapping[Symbol, Domain]) -> list[dict]:
    """The point with every symbol 0, if every domain holds 0 (where inequalities become equalities)."""
    table = {(k if isinstance(k, str) else k.name): v for k, v in domains.items()}
    if symbols and all(table.get(s.name, REAL).contains(0) for s in symbols):
        return [{s: mpmath.mpf(0) for s in symbols}]
    return []


def _holds(lv, rv, relation: Relation) -> str:
    """At one point: 'false' if the relation fails beyond 1e-20 (relative), 'true' if it holds, else 'close'."""
    scale = max(abs(lv), abs(rv), mpmath.mpf(1))
    if relation == Relation.EQ:
        rel = abs(lv - rv) / scale
        return "false" if rel > mpmath.mpf("1e-20") else "true" if rel < mpmath.mpf("1e-30") else "close"
    if mpmath.im(lv) or mpmath.im(rv):
        return "close"
    d = (mpmath.re(rv) - mpmath.re(lv)) / scale * (1 if relation.direction < 0 else -1)  # must be >= 0 (> 0)
    if d < mpmath.mpf("-1e-20") or (relation.strict and abs(d) < mpmath.mpf("1e-30")):
        return "false"
    return "true" if d > mpmath.mpf("1e-30") or (not relation.strict and d > mpmath.mpf("-1e-30")) else "close"


def truth(lhs: Basic, rhs: Basic, domains: Mapping[Symbol, Domain],
          definitions: Iterable[Definition] = STANDARD, relation: "Relation | str" = Relation.EQ) -> str:
    """``'false'``, ``'true'`` or ``'undecided'``: is lhs = rhs, judged at fixed points with plain mpmath?

    Definitions are unfolded and derivatives taken by SymPy (``doit``), then both sides are
    evaluated at 50 digits at a few fixed points of the symbols' domains.  False when they differ
    by more than 1e-20 relatively somewhere (a shift by 10^-12 is seen); true when they agree to
    1e-30 at every point (at least three defined); undecided otherwise (poles, unsupported
    functions, ...).  With ``relation`` (``<=``, ``<``, ``>=``, ``>``) it judges the inequality
    instead, at the same points and, when the domains hold it, at 0 (a strict relation with equal
    sides is false).

    >>> from sympy import Symbol, exp
    >>> x = Symbol('x', real=True)
    >>> truth(exp(2*x), exp(x)**2, {x: REAL}), truth(exp(x), exp(-x), {x: REAL})
    ('true', 'false')
    >>> truth(exp(x), 1 + x, {x: REAL}, relation='>='), truth(exp(x), 1 + x, {x: REAL}, relation='>')
    ('true', 'false')
    """
    definitions, relation = tuple(definitions), Relation(relation)
    try:
        sides = [unfold(e, definitions).doit() for e in (lhs, rhs)]
        fl, fr = (compile_mp(e) for e in sides)
    except Exception:  # noqa: BLE001 - anything we cannot evaluate is simply undecided
        return "undecided"
    symbols = sorted(sides[0].free_symbols | sides[1].free_symbols, key=lambda s: s.name)
    agreed = 0
    extra = _zero_point(symbols, domains) if relation != Relation.EQ else []
    for env in extra + _points(symbols, domains, _TRUTH_POINTS if symbols else 1):
        with mpmath.workdps(_TRUTH_DIGITS):
            try:
                lv, rv = fl(env), fr(env)
            except Exception:  # noqa: BLE001 - a pole or a domain error at this point
                continue
            if not (mpmath.isfinite(lv) and mpmath.isfinite(rv)):
                continue
            found = _holds(lv, rv, relation)
        if found == "false":
            return "false"
        agreed += found == "true"
    return "true" if agreed >= (3 if symbols else 1) else "undecided"


# --- the run -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mutant:
    """One mutant of one checked equality, its real truth, and the verifier's verdict (false ones only).

    >>> m = Mutant('sigmoid-symmetry', 'sigmoid-symmetry:fold', 'negate', '1 - 1/(1 + exp(-z))',
    ...            '-(1 - sigma(z))', 'false', 'refuted')
    >>> m.killed
    True
    """

    derivation: str
    step: str
    kind: str
    lhs: str
    rhs: str
    truth: str
    status: str = ""
    relation: str = "="

    @property
    def killed(self) -> bool:
        """True when a false mutant was refuted."""
        return self.truth == "false" and self.status == Status.REFUTED


@dataclass(frozen=True)
class SelfTestResult:
    """Every mutant tried; ``survivors`` are the false mutants the verifier did not refute.

    >>> killed = Mutant('d', 'd:1', 'negate', 'x', '-x', 'false', 'refuted')
    >>> missed = Mutant('d', 'd:2', 'drop-term', 'x + 1', 'x', 'false', 'confirmed')
    >>> same = Mutant('d', 'd:3', 'constant', 'x', '1*x', 'true')
    >>> result = SelfTestResult((killed, missed, same))
    >>> result.ok, result.kill_rate, [m.step for m in result.survivors]
    (False, 0.5, ['d:2'])
    >>> result.by_kind()
    {'drop-term': (1, 0), 'negate': (1, 1)}
    """

    mutants: tuple[Mutant, ...]

    @property
    def false_mutants(self) -> tuple[Mutant, ...]:
        """The mutants that are really false (the ones the verifier must refute)."""
        return tuple(m for m in self.mutants if m.truth == "false")

    @property
    def survivors(self) -> tuple[Mutant, ...]:
        """False mutants not refuted (proved, confirmed or inconclusive)."""
        return tuple(m for m in self.false_mutants if not m.killed)

    @property
    def kill_rate(self) -> float:
        """Refuted false mutants / false mutants (1.0 when there are none)."""
        false = self.false_mutants
        return 1.0 if not false else sum(m.killed for m in false) / len(false)

    @property
    def ok(self) -> bool:
        """True when every false mutant was refuted."""
        return not self.survivors

    def counts(self) -> dict[str, int]:
        """How many mutants were generated, false, equivalent, undecided, killed, and survived by status."""
        false = self.false_mutants
        return {
            "generated": len(self.mutants),
            "false": len(false),
            "equivalent": sum(m.truth == "true" for m in self.mutants),
            "undecided": sum(m.truth == "undecided" for m in self.mutants),
            "killed": sum(m.killed for m in false),
            "survived-proved": sum(m.status == Status.PROVED for m in false),
            "survived-confirmed": sum(m.status == Status.CONFIRMED for m in false),
            "survived-inconclusive": sum(m.status == Status.INCONCLUSIVE for m in false),
        }

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """For each mutation kind: (false mutants, killed)."""
        out: dict[str, tuple[int, int]] = {}
        for m in self.false_mutants:
            f, k = out.get(m.kind, (0, 0))
            out[m.kind] = (f + 1, k + m.killed)
        return dict(sorted(out.items()))

    def text(self) -> str:
        """A human-readable summary, with every survivor listed."""
        c = self.counts()
        lines = [f"mutation test of the verifier: {c['generated']} mutants, {c['false']} false "
                 f"({c['equivalent']} equivalent and {c['undecided']} undecided skipped)",
                 f"kill rate: {c['killed']}/{c['false']} = {100 * self.kill_rate:.1f}% of false mutants refuted; "
                 f"false proved: {c['survived-proved']}, false confirmed: {c['survived-confirmed']}, "
                 f"inconclusive: {c['survived-inconclusive']}"]
        lines += [f"  {kind:<18} {k}/{f}" for kind, (f, k) in self.by_kind().items()]
        lines += [f"SURVIVOR {m.derivation} {m.step} [{m.kind}] {m.lhs} {m.relation} {m.rhs}: {m.status}"
                  for m in self.survivors]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """A JSON-ready dict: counts, kill rate, per-kind numbers and the survivors."""
        return {"ok": self.ok, "kill_rate": self.kill_rate, "counts": self.counts(),
                "by_kind": {k: {"false": f, "killed": n} for k, (f, n) in self.by_kind().items()},
                "survivors": [m.__dict__ for m in self.survivors]}


def _spread(items: list, limit: int | None) -> list:
    """At most ``limit`` items, evenly spread over the list (so every mutation kind is represented)."""
    if limit is None or len(items) <= limit:
        return items
    return [items[(i * len(items)) // limit] for i in range(limit)]


def _with_instances(derivations: Iterable, instances: bool) -> Iterator[tuple[object, bool]]:
    """(derivation, is an instance): each derivation, then its default concrete instances if asked."""
    for d in derivations:
        yield d, False
        found = getattr(d, "instances", None)
        if instances and callable(found):
            yield from ((i, True) for i in found())


def run_selftest(derivations: Iterable, *, limit: int | None = None,
                 limits: Limits = SELFTEST_LIMITS, instances: bool = True,
                 instance_limit: int = INSTANCE_LIMIT) -> SelfTestResult:
    """Mutate every checked equality of ``derivations`` (the CLI passes the catalog) and check the mutants.

    ``limit`` caps the mutants per checked equality (evenly spread over the kinds).  Derivations
    stated in indexed notation are checked on concrete instances; with ``instances`` their default
    instances are mutated too, at most ``instance_limit`` mutants per equality (their sides are large).
    A worked example inside a general theorem gets at most :data:`EXAMPLE_LIMIT` mutants per step.

    >>> from derivations import get
    >>> r = run_selftest([get('sigmoid-symmetry')], limit=3)
    >>> r.ok, r.counts()['false'] > 0
    (True, True)
    """
    found: list[Mutant] = []
    for d, is_instance in _with_instances(derivations, instances):
        domains, definitions = d.domains, d.definitions
        cap = min(limit or instance_limit, instance_limit) if is_instance else limit
        for step in d.steps:
            relation = Relation(getattr(step, "relation", Relation.EQ))
            tried = [(lhs, kind, new, rel) for lhs, rhs in step.checks
                     for kind, new, rel in _spread(list(_step_mutants(rhs, relation)), cap)]
            if step.kind == StepKind.INSTANCE and not is_instance:  # a worked example of a general theorem
                tried = _spread(tried, EXAMPLE_LIMIT)
            for lhs, kind, new, rel in tried:
                verdict = truth(lhs, new, domains, definitions, rel)
                status = ""
                if verdict == "false":
                    status = (check_equal(lhs, new, domains, definitions, limits=limits) if rel == Relation.EQ
                              else check_relation(lhs, new, rel, domains, definitions, limits=limits)).status
                found.append(Mutant(d.id, step.label, kind, str(lhs), str(new), verdict, status, str(rel)))
    return SelfTestResult(tuple(found))


_FLIPS = {Relation.LE: (Relation.GE, Relation.LT), Relation.LT: (Relation.GE, Relation.LE),
          Relation.GE: (Relation.LE, Relation.GT), Relation.GT: (Relation.LE, Relation.GE)}


def _step_mutants(rhs: Basic, relation: Relation) -> Iterator[tuple[str, Basic, Relation]]:
    """(kind, mutated right side, relation): the mutants of the right side under the step's relation,
    and for an inequality the relation itself mutated (direction reversed; strictness toggled).

    >>> from sympy import Rational
    >>> [(k, str(r)) for k, _, r in _step_mutants(Rational(1, 4), Relation.LE)][:3]
    [('flip-relation', '>='), ('flip-relation', '<'), ('negate', '<=')]
    """
    for other in _FLIPS.get(relation, ()):
        yield "flip-relation", rhs, other
    for kind, new in mutants(rhs):
        yield kind, new, relation


def command(args, out, derivations: Iterable) -> int:
    """The ``derivations selftest`` command: run, print (text or ``--json``), exit 1 if a false mutant survives.

    >>> import argparse, io
    >>> from derivations import get
    >>> buf = io.StringIO()
    >>> command(argparse.Namespace(json=False, limit=2), buf, derivations=[get('sigmoid-symmetry')])
    0
    >>> 'kill rate' in buf.getvalue()
    True
    """
    import json

    result = run_selftest(derivations, limit=args.limit)
    if args.json:
        json.dump(result.to_dict(), out, indent=2, ensure_ascii=False)
        print(file=out)
    else:
        print(result.text(), file=out)
    return 0 if result.ok else 1
