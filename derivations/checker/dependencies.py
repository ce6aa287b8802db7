r"""Quantities the document does not define, as unknown functions on its dependency graph.

A quantity written in a derivative's numerator and never defined (``\frac{\partial J}{\partial z}``)
is an unknown function of what the document differentiates it by; a definition (``z = F(x) + x``)
adds edges from its left side to the symbols of its right side, and a function the document applies
without defining it (``F(x)``) is an unknown function too.  A derivative of a quantity is taken on
that graph: ∂A/∂B perturbs B and follows every path from B to A (for an input B this is the total
derivative).  Chain-rule steps then become statements about unknown functions, checked so:

* proved when the difference of the two sides is 0 for every function (SymPy's Derivative and
  Subs algebra, in the worker);
* refuted only when it is nonzero for one concrete choice of the unknown functions, certified by
  the verifier on that instance (the choice is stated, and the path a step drops is named);
* a statement about an undefined quantity's own derivative (``∂L/∂ŷ = …``) is a hypothesis, and a
  step that uses the value of an undefined quantity (ŷ) is not refuted: it may rely on what ŷ means.

>>> from sympy import Function, Symbol
>>> x, y, z = Symbol('x'), Symbol('y'), Symbol('z')
>>> graph = Graph({y: Function('ReLU')(z), z: Function('F')(x) + x}, {}, {})
>>> graph.resolve(Derivative(y, x))
(Derivative(F(x), x) + 1)*Subs(Derivative(ReLU(_xi_1), _xi_1), _xi_1, x + F(x))
"""

from __future__ import annotations

import contextlib
import dataclasses
import random
from dataclasses import dataclass, field

import sympy
from sympy import Basic, Derivative, Dummy, Function, Heaviside, Lambda, Max, S, Subs, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.build import is_symbolic_sum
from derivations.checker.every_value import false_for_every_value
from derivations.checker.general_chains import unclear_variable
from derivations.checker.value_derivatives import GraphError, _diff, _ordered, _put_back, _written_through
from derivations.core.definitions import STANDARD, unfold
from derivations.verify.recipe import Limits

__all__ = ["Graph", "GraphError", "graph_step", "Outcome", "POLYNOMIAL", "written_partials"]

_MAX_DEPTH = 60
_INSTANCES = 3  # choices tried for a refutation
POLYNOMIAL = 1000
"""Seeds from here on choose polynomials for the unknown functions (cheap to differentiate)."""
_AGREEING = 2  # choices that must agree for "confirmed"
QUICK = Limits(prepare=5.0, strategy_scale=0.05, numeric=5.0, points=6)
"""Limits of a check on a concrete choice of the unknown functions (its numbers decide it)."""


def _is_sum(f) -> bool:
    return str(f).startswith(("\\sum", "\\prod"))


@dataclass
class Graph:
    """The document's quantities: definitions (symbol → raw body), ∂-dependencies, applications.

    ``derivs`` maps an undefined quantity A to every B of a written ∂A/∂B; ``applied`` maps a
    function name to the arguments it is applied to (``{'F': (x,)}``), for bare ``F``; ``known``
    holds the function classes the document (or the standard library) defines.

    >>> from sympy import Symbol
    >>> J, z, w, a = Symbol('J'), Symbol('z'), Symbol('w'), Symbol('a')
    >>> g = Graph({z: w * a}, {J: {w, z}}, {})
    >>> g.arguments(J)
    (z,)
    """

    definitions: dict
    derivs: dict
    applied: dict
    known: frozenset = frozenset()
    stated: frozenset = frozenset()  # symbols the document equates to something (a = σ(z)), defined or not
    readings: list = field(default_factory=list)  # how a derivative by an intermediate value was read
    bodies: dict = field(default_factory=dict)  # function -> Definition; kept: those of the document's quantities
    _memos: dict = field(default_factory=dict, repr=False, compare=False)  # see _memo

    def __post_init__(self):
        # ∂x/∂x says nothing about what x depends on
        self.derivs = {k: set(v) - {k} for k, v in self.derivs.items() if set(v) - {k}}
        # C(W, b) = ½‖a − y‖²: C's value moves with a, so it is expanded like a defined quantity
        self.bodies = {f: Lambda(d.body.variables, d.body.expr.xreplace(
            {s: Symbol(s.name) for s in quantities})) for f, d in self.bodies.items()
            if isinstance(d.body, Lambda) and (quantities := {
                s for s in d.body.expr.free_symbols - set(d.body.variables) if type(s) is Symbol})}

    # -- the graph -----------------------------------------------------------------------------
    def bare_function(self, s: Symbol):
        """The application a bare function name stands for (``F`` → ``F(x)``), else None."""
        args = self.applied.get(s.name)
        if args is None or s in self.definitions:
            return None
        if s.name == "sigma":
            from derivations.core.functions import sigma
            return sigma(*args)
        return Function(s.name)(*args)

    def is_unknown(self, s: Basic) -> bool:
        """True for an undefined quantity the document differentiates (J in ∂J/∂z)."""
        return (isinstance(s, Symbol) and s in self.derivs and s not in self.definitions
                and self.bare_function(s) is None)

    def direct(self, s: Symbol) -> set:
        """The quantities ``s`` depends on directly."""
        if s in self.definitions:
            out = set()
            for v in self.definitions[s].free_symbols:
                app = self.bare_function(v) if isinstance(v, Symbol) else None
                out |= set(app.free_symbols) if app is not None else {v}
            return out
        if self.is_unknown(s):
            return set(self.arguments(s))
        return set()

    def ancestors(self, s: Symbol) -> set:
        """Every quantity ``s`` depends on, directly or through others (ValueError on a cycle)."""
        seen: set = set()
        todo = [s]
        while todo:
            cur = todo.pop()
            nxt = (set(self.definitions[cur].free_symbols) if cur in self.definitions
                   else set(self.derivs.get(cur, ())) if self.is_unknown(cur) else set())
            for v in nxt:
                if v == s:
                    raise GraphError(f"{s} depends on itself (circular definitions)")
                if v not in seen:
                    seen.add(v)
                    todo.append(v)
        return seen

    def _memo(self, kind: str, key, make):
        """``make()``, computed once per graph for ``key`` (the graph is not changed once built:
        indexed chains resolve the same quantities for the step, its sides and every choice)."""
        key = (kind, key, len(self.definitions), len(self.derivs))
        if key not in self._memos:
            self._memos[key] = make()
        return self._memos[key]

    def arguments(self, s: Symbol) -> tuple:
        """An undefined quantity's arguments: what it is differentiated by, less what they depend on."""
        return self._memo("arguments", s, lambda: self._arguments(s))

    def _arguments(self, s: Symbol) -> tuple:
        written = sorted(self.derivs.get(s, ()), key=str)
        ups = {b: self.ancestors(b) for b in written}
        return tuple(b for b in written if not any(b in ups[c] for c in written if c != b))

    def check_path(self, a: Basic, b: Symbol) -> None:
        """Refuse ∂a/∂b when a depends on b directly and through another quantity (partial or total?)."""
        if not isinstance(a, Symbol) or a in self.derivs and not self.is_unknown(a) and a not in self.definitions:
            return
        direct = self.direct(a)
        if b not in direct:
            return
        for c in sorted(direct - {b}, key=str):
            if b in self.ancestors(c):
                raise GraphError(f"∂{a}/∂{b} is ambiguous: {a} depends on {b} directly and through {c}, "
                                 f"and the partial derivative ({c} held fixed) and the total one differ")

    # -- resolving -----------------------------------------------------------------------------
    def resolve(self, expr: Basic, keep: dict | None = None, depth: int = 0) -> Basic:
        """``expr`` over the graph's inputs: quantities expanded, derivatives taken, unknowns as functions."""
        if depth > _MAX_DEPTH:
            raise GraphError("the definitions nest too deeply (a cycle?)")
        keep = keep or {}
        if expr.args and not isinstance(expr, Lambda):  # an error is raised again on each call
            return self._memo("resolve", (expr, frozenset(keep.items())), lambda: self._resolve(expr, keep, depth))
        return self._resolve(expr, keep, depth)

    def _resolve(self, expr: Basic, keep: dict, depth: int) -> Basic:
        if isinstance(expr, Derivative):
            return self.derivative(expr, keep, depth)
        if isinstance(expr, Symbol):
            if expr in keep:
                return keep[expr]
            if expr in self.definitions:
                return self.resolve(self.definitions[expr], keep, depth + 1)
            app = self.bare_function(expr)
            if app is not None:
                return self.resolve(app, keep, depth + 1)
            if self.is_unknown(expr):
                args = [self.resolve(a, keep, depth + 1) for a in self.arguments(expr)]
                return Function(expr.name)(*args)
            return expr
        if getattr(expr, "func", None) in self.bodies:
            return self.resolve(self.bodies[expr.func](*expr.args), keep, depth + 1)
        if isinstance(expr, Subs):
            points = [self.resolve(p, keep, depth + 1) for p in expr.point]
            return Subs(expr.expr, expr.variables, points)
        if not expr.args or isinstance(expr, Lambda):
            return expr
        return expr.func(*[self.resolve(a, keep, depth + 1) for a in expr.args])

    def derivative(self, d: Derivative, keep: dict, depth: int) -> Basic:
        """∂A/∂B on the graph: B perturbed (a dummy), every path from B to A followed, B put back."""
        counts = list(d.variable_count)
        nodes = [v for v, _ in counts if v in self.definitions or self.is_unknown(v)]
        if nodes and len(counts) > 1:
            raise GraphError("mixed derivatives with respect to defined quantities are not checked")
        if any(self.bare_function(v) is not None for v, _ in counts if isinstance(v, Symbol)):
            if len(counts) > 1:
                raise GraphError("a derivative with respect to a function is not checked")
            return self.by_value(d.expr, *counts[0], keep, depth)  # dz/dg with z = f(g(x))
        app = self.bare_function(d.expr) if isinstance(d.expr, Symbol) else None
        if app is not None and not {v for v, _ in counts} <= set(app.args):
            try:
                self.through_arguments(d.expr, app, [v for v, _ in counts])
            except GraphError:
                if len(counts) == 1 and counts[0][0] in self.definitions:  # σ(z) = u⁻¹, u := 1 + e^{-z}: dσ/du
                    return self.by_value(d.expr, *counts[0], keep, depth)
                raise
        if not nodes:
            self.reaches_arguments(d.expr, [v for v, _ in counts])
            for v, _ in counts:
                self.check_path(d.expr, v)
            inner = self.resolve(d.expr, keep, depth + 1)
            for v, _ in counts:  # ∇_a C with C = (a^L − y)²: by a, or by the a^L it holds? (x_1 by x_2 is 0)
                if unclear := unclear_variable(d.expr, inner.free_symbols, v):
                    raise GraphError(unclear)
            return _diff(inner, *[(keep.get(v, v), n) for v, n in counts])
        (b, n), = counts
        self.check_path(d.expr, b)
        t = Dummy(b.name)
        inner = self.resolve(d.expr, {**keep, b: t}, depth + 1)
        value = self.resolve(b, keep, depth + 1)
        if not inner.has(t) and not value.is_number and self.resolve(d.expr, keep, depth + 1).has(value):
            return self.by_value(d.expr, b, n, keep, depth)  # y = (3x + 2)^5, u = 3x + 2: dy/du
        return _put_back(_diff(inner, (t, n)), t, value)

    def reaches_arguments(self, expr: Basic, variables: list) -> None:
        """GraphError for ∂f(x)/∂θ, f undefined and θ reaching none of its arguments: the document writes f
        as a function of x, and still differentiates it by θ (f(x) of a model with parameters θ?)."""
        if not isinstance(expr, AppliedUndef) or expr.func in self.known:
            return
        upstream = set().union(*({s} | self.ancestors(s) for s in expr.free_symbols if isinstance(s, Symbol)))
        for v in variables:
            if v not in upstream:
                raise GraphError(f"{expr.func} is applied to {', '.join(map(str, expr.args))} in the document, "
                                 f"so its derivative by {v} has no clear meaning")

    def through_arguments(self, a: Symbol, app: Basic, variables: list) -> None:
        """Allow d𝓛/dz for 𝓛 applied to (ŷ, y) when z reaches an argument (ŷ = σ(z)): the derivative of
        𝓛(ŷ(z), y), the reading kept in :attr:`readings`; GraphError when a variable reaches none."""
        ups = {arg: self.ancestors(arg) for arg in app.args if isinstance(arg, Symbol)}
        for v in variables:
            through = [arg for arg, up in ups.items() if v in up and arg in self.definitions]
            if v in app.args or not through:
                raise GraphError(f"{a} is applied to {', '.join(map(str, app.args))} in the document, "
                                 f"so its derivative by {v} has no clear meaning")
            shown = ", ".join(f"{arg} = {sympy.sstr(self.definitions[arg])}" for arg in through)
            reading = f"d{a}/d{v} read as the derivative of {sympy.sstr(app)} through {shown}"
            if reading not in self.readings:
                self.readings.append(reading)

    def by_value(self, a: Basic, b: Symbol, n: int, keep: dict, depth: int) -> Basic:
        """dⁿa/dbⁿ for an intermediate value b (a defined u := 3x + 2, or g standing for g(x)) that a's
        definition does not name: a written as a function of b's value alone (y = (3x + 2)^5 = u^5),
        the reading kept in :attr:`readings`; GraphError when a is not a function of b alone."""
        value = self.resolve(b, keep, depth + 1)
        t = Dummy(b.name)
        whole = self.resolve(a, keep, depth + 1)
        written = _written_through(whole, value, t) or _written_through(unfold(whole, STANDARD), value, t)
        if written is None:  # σ(z) is 1/(1 + e^{-z}): a function of u = 1 + e^{-z} alone
            kind = "a function the document applies" if self.bare_function(b) is not None else "defined"
            raise GraphError(f"∂{a}/∂{b}: {b} is {kind}, and {a} is not written as a function of "
                             f"{b} = {sympy.sstr(value)} alone, so the derivative has no single meaning")
        shown = sympy.sstr(written.xreplace({t: Symbol(b.name)}))
        if self.bare_function(b) is not None:
            reading = (f"d{a}/d{b} read with {b} standing for {sympy.sstr(value)}, as the document applies "
                       f"it: {a} = {shown} is a function of it alone")
        else:
            reading = (f"d{a}/d{b} read as the derivative of {a} written as a function of {b} = "
                       f"{sympy.sstr(value)} ({a} = {shown})")
        if reading not in self.readings:
            self.readings.append(reading)
        return _put_back(_diff(written, (t, n)), t, value)

    # -- paths (hints) -------------------------------------------------------------------------
    def paths(self, a: Symbol, b: Symbol, limit: int = 12) -> list[list]:
        """The paths from ``a`` down to ``b`` (at most ``limit``), each a list of quantities."""
        out: list = []

        def walk(path):
            if len(out) >= limit or len(path) > 12:
                return
            for c in sorted(self.direct(path[-1]), key=str):
                if c == b:
                    out.append(path + [c])
                elif c not in path and (c in self.definitions or self.is_unknown(c)):
                    walk(path + [c])

        walk([a])
        return out

    def local(self, a: Symbol, b: Symbol, direct_only: bool = False) -> Basic:
        """∂a/∂b with a's other direct dependencies held fixed (one edge of a path)."""
        t = Dummy(b.name)
        if a in self.definitions:
            body = self.definitions[a].replace(
                lambda e: isinstance(e, Symbol) and self.bare_function(e) is not None,
                lambda e: self.bare_function(e))
            if direct_only:  # only where b stands alone, not inside an unknown function (F(x) + x)
                frozen = {f: Dummy() for f in _ordered(body.atoms(AppliedUndef)) if f.func not in self.known}
                body = body.xreplace(frozen)
            return _put_back(_diff(body.xreplace({b: t}), t), t, b)
        return Derivative(Function(a.name)(*self.arguments(a)), b)

    def contribution(self, path: list, direct_only: bool = False) -> Basic:
        """The product of a path's local derivatives, over the graph's inputs (the last edge's
        direct term only, with ``direct_only``)."""
        edges = list(zip(path, path[1:]))
        return self.resolve(sympy.Mul(*[self.local(p, q, direct_only and k == len(edges) - 1)
                                        for k, (p, q) in enumerate(edges)]))


# --- checking a step ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What became of a step on the graph: a status and verdict, or sides resolved for the usual check.

    >>> Outcome(status="not checked", reason="why").status
    'not checked'
    """

    status: str = ""
    verdict: object = None
    reason: str = ""
    hint: str = ""
    sides: tuple = ()


_SHOWN = {"transpose": "(·)ᵀ", "hadamard": "⊙"}  # operations written on quantities not declared vectors


def _names(funcs) -> str:
    """The unknown functions as a reason names them: wᵀ on numbers is "(·)ᵀ", not "transpose"."""
    return ", ".join(_SHOWN.get(str(f), str(f)) for f in funcs)


def _unknowns(exprs, known) -> list:
    return sorted({f.func for e in exprs for f in e.atoms(AppliedUndef)
                   if f.func not in known and not _is_sum(f.func)}, key=str)


def _atomic(d: Derivative, graph: Graph) -> bool:
    """∂J/∂z with z an argument of the undefined J, or F'(x), ∂F/∂x for an unknown F."""
    if len(d.variable_count) != 1:
        return False
    var = d.variables[0]
    e = d.expr
    if isinstance(e, Symbol) and graph.is_unknown(e):
        return var in graph.arguments(e)
    if isinstance(e, Symbol) and graph.bare_function(e) is not None:
        e = graph.bare_function(e)
    return isinstance(e, AppliedUndef) and e.func not in graph.known and var in e.args


def _computed(exprs, graph: Graph) -> bool:
    """True if a side holds a derivative to work out that involves an unknown function (∂y/∂x with
    y = ReLU(F(x) + x)); derivatives of unknowns by their own arguments, and derivatives of explicit
    expressions (d/dx of 1/(1 + e^{-x})), only say what the unknowns are."""
    for e in exprs:
        for d in e.atoms(Derivative):
            if not _atomic(d, graph) and _unknowns([graph.resolve(d)], graph.known):
                return True
    return False


def _values_of_unknowns(exprs, graph: Graph) -> list:
    """Undefined quantities whose value (not a derivative) the step uses as written: ŷ in ŷ(1 − ŷ)
    when ŷ is differentiated, or a when the document states a = σ(z) without it becoming a definition."""
    plain = [e.replace(lambda x: isinstance(x, Derivative), lambda x: Dummy()) for e in exprs]
    return sorted({s for e in plain for s in e.free_symbols if graph.is_unknown(s) or (
        s in graph.stated and s not in graph.definitions)}, key=str)


def _differentiated(sides, graph: Graph) -> set:
    """The quantities a derivative of the step is taken through: its numerator, expanded down to
    (not past) the variable; a quantity that only appears as a value is not differentiated."""
    out: set = set()
    seen_defs: set = set()

    def walk(expr: Basic) -> None:
        for d in expr.atoms(Derivative):
            reach(d.expr.free_symbols, set(d.variables))
        for s in expr.free_symbols:
            if s in graph.definitions and s not in seen_defs and graph.definitions[s].has(Derivative):
                seen_defs.add(s)
                walk(graph.definitions[s])

    def reach(symbols, stops) -> None:
        todo = [s for s in symbols if s not in stops]
        while todo:
            s = todo.pop()
            if s in out or s in stops:
                continue
            out.add(s)
            if s in graph.definitions:
                todo.extend(graph.definitions[s].free_symbols)
                walk(graph.definitions[s])
            elif s in graph.derivs:
                todo.extend(graph.derivs[s])

    for e in sides:
        walk(e)
    return out


def _mixed(sides, resolved, graph: Graph) -> list:
    """Undefined quantities u whose value the difference holds while the step, as written, also names
    u's arguments outside a derivative (2(σ(z) − y) next to ŷ(z)): the step may mean u = σ(z)."""
    def plain(e: Basic) -> Basic:
        return e.replace(lambda x: isinstance(x, (Derivative, Subs)), lambda x: Dummy())

    written = set().union(*(plain(e).free_symbols for e in sides))
    held = {str(a.func) for a in plain(resolved[0] - resolved[1]).atoms(AppliedUndef)}
    return sorted((u for u in graph.derivs if graph.is_unknown(u) and u.name in held
                   and written & set(graph.arguments(u))), key=str)


def _instance(funcs, seed: int) -> dict:
    """A concrete choice for each unknown function: ½ + tanh(q)/4 with q a random quadratic (values
    in (¼, ¾): positive, below 1, so logarithms and 1 − ŷ stay real and nonzero); from seed
    ``POLYNOMIAL`` on, ½ + q/4 (derivatives of nested choices stay small: steps with many unknowns)."""
    rng = random.Random(seed)
    out = {}
    for f in funcs:
        def body(*args, _c=[sympy.Rational(rng.randint(-9, 9), rng.randint(2, 6)) for _ in range(8)]):
            q = _c[0] + sum(_c[1 + k % 3] * a + _c[4 + k % 3] * a ** 2 for k, a in enumerate(args))
            return sympy.Rational(1, 2) + (q if seed >= POLYNOMIAL else sympy.tanh(q)) / 4
        out[f] = body
    return out


def _apply(expr: Basic, choice: dict) -> Basic:
    return expr.replace(lambda e: isinstance(e, AppliedUndef) and e.func in choice,
                        lambda e: choice[e.func](*e.args))


def _describe(choice: dict, resolved) -> str:
    arity = {f.func: len(f.args) for e in resolved for f in e.atoms(AppliedUndef) if f.func in choice}
    parts = []
    for f, n in sorted(arity.items(), key=lambda kv: str(kv[0])):
        args = [Symbol("t")] if n == 1 else [Symbol(f"t{k + 1}") for k in range(n)]
        parts.append(f"{f}({', '.join(map(str, args))}) = {sympy.sstr(choice[f](*args))}")
    return "; ".join(parts)


def graph_step(lhs: Basic, rhs: Basic, graph: Graph, check, use=None, judge=None,
               first: int = 0) -> Outcome | None:
    """Check ``lhs = rhs`` on the dependency graph; None when the step needs none of it.

    ``check(a, b, limits=…)`` is the verifier (``check_equal`` with the document's definitions and
    domains; ``limits`` optional); ``use(resolved, graph)``, if given, puts in the values the
    document states for derivatives of undefined quantities (:mod:`.facts`).  ``first`` is the first
    seed of the choices of unknown functions (:data:`POLYNOMIAL` for polynomial choices).
    ``judge(sides, resolved, graph)``, when given, may still refute a step whose difference no path
    of the graph accounts for (a wrong factor): it returns why, or "".
    The Outcome holds a status, or (``sides``) the two sides with the graph's derivatives taken,
    for the usual check when no unknown function is left.

    >>> from sympy import Function, Symbol
    >>> from derivations.verify.recipe import check_equal
    >>> J, z, w, a, b = (Symbol(n) for n in "Jzwab")
    >>> graph = Graph({z: w * a + b}, {J: {w, z}}, {})
    >>> graph_step(Derivative(J, w), Derivative(J, z) * a, graph, check_equal).status
    'proved'
    """
    outcome = _on_graph(lhs, rhs, graph, check, use, judge, first)
    if outcome is None or not graph.readings:
        return outcome
    reading = "; ".join(graph.readings)
    if outcome.sides:  # no unknown function left: checked here, so that the verdict states the reading
        verdict = check(*outcome.sides)
        if verdict.status not in ("proved", "confirmed", "refuted"):
            return outcome
        return Outcome(verdict.status, verdict, reason=reading)
    return dataclasses.replace(outcome, reason=f"{reading}; {outcome.reason}" if outcome.reason else reading)


def _on_graph(lhs: Basic, rhs: Basic, graph: Graph, check, use=None, judge=None,
              first: int = 0) -> Outcome | None:
    """:func:`graph_step` before the readings of derivatives by intermediate values are stated."""
    sides = (lhs, rhs)
    derivs = [d for e in sides for d in e.atoms(Derivative)]
    node_derivative = any(
        (isinstance(d.expr, Symbol) and (graph.is_unknown(d.expr) or graph.bare_function(d.expr) is not None))
        or any(v in graph.definitions for v in set(d.variables) | d.expr.free_symbols) for d in derivs)
    if not node_derivative and not _unknowns(sides, graph.known):
        return None
    sums = sorted({str(s) for s, body in graph.definitions.items() if is_symbolic_sum(body)}
                  & {str(s) for s in _differentiated(sides, graph)})
    try:
        resolved = tuple(graph.resolve(e) for e in sides)
        resolved = use(resolved, graph) if use is not None else resolved
    except GraphError as err:
        return Outcome("not checked", reason=str(err))
    except (ValueError, TypeError, AttributeError, RecursionError) as err:
        return Outcome("not checked", reason=f"the derivative could not be taken on the graph ({type(err).__name__})")
    if any(is_symbolic_sum(e) for e in sides):
        return None  # a symbolic sum written in the step: the usual reason is given
    if sums:
        return Outcome("not checked", reason=(
            f"the derivative goes through the definition of {', '.join(sums)}, which holds a sum with "
            "symbolic bounds (Σ_k): such steps are not checked yet"))
    funcs = _unknowns(resolved, graph.known)
    opaque = any(is_symbolic_sum(e) for e in resolved)
    if opaque and not funcs:  # a sum only as the value a derivative is taken at (σ'(z_j), z_j = Σ…)
        verdict = check(*resolved)
        if verdict.status == "proved":
            return Outcome("proved", verdict, reason="whatever the value of the sum with symbolic bounds")
        return None
    if not funcs:
        return Outcome(sides=resolved)
    names = _names(funcs)
    verdict = check(*resolved)
    if verdict.status in ("proved", "refuted"):  # a refutation here is exact: for every function
        return Outcome(verdict.status, verdict, reason=f"for every function {names} (not defined in the document)")
    frozen = _as_values(resolved, funcs)
    if frozen is not None and (held := check(*frozen)).status == "proved":
        return Outcome("proved", held, reason=(
            f"for every function {names} (not defined in the document): an identity in their values "
            f"({', '.join(sorted({sympy.sstr(a) for e in resolved for a in e.atoms(AppliedUndef)}))} "
            "taken as free numbers)"))
    if not _computed(sides, graph):
        atomic = [s for s in sides if isinstance(s, Derivative) and _atomic(s, graph)]
        if atomic:
            d = atomic[0]
            return Outcome("not checked", reason=(
                f"what the document says of ∂{d.expr}/∂{d.variables[0]}, where {d.expr} is not defined in "
                f"the document: it holds or not depending on what {d.expr} stands for; define it to check it"))
        return Outcome("not checked", reason=f"a statement about {names}, which the document does not "
                                             "define: true or false depending on what they stand for")
    return _by_instances(sides, resolved, funcs, graph, check, judge, first)


def _by_instances(sides, resolved, funcs, graph: Graph, check, judge=None, first: int = 0) -> Outcome:
    """Refute on a concrete choice of the unknown functions (certified), or confirm on several."""
    names = _names(funcs)
    agreed = []
    for seed in range(first, first + _INSTANCES):
        choice = _instance(funcs, seed)
        chosen = _bounded(tuple(resolved), tuple(funcs), seed)
        if chosen is None:
            return Outcome("not checked", reason=f"with {names} unknown functions, the sides with a "
                           f"choice of them could not be formed within {_FORM_SECONDS:g} s")
        verdict = check(*chosen, limits=QUICK)
        if verdict.status == "refuted":
            written = written_partials(sides, resolved, graph)
            hidden = _inner_derivatives(resolved, lambda e: _vanishes(e, funcs, seed, check), set(written))
            if hidden:
                return Outcome("not checked", reason=(
                    f"false for arbitrary functions {names}, but only through {hidden}, a derivative of a "
                    f"quantity the document does not define: it may know its value (0, say); define "
                    f"that quantity to check the step"))
            values = _values_of_unknowns(sides, graph) or _mixed(sides, resolved, graph)
            frozen = values and _as_values(resolved, funcs)
            every = frozen and verdict.numeric.counterexample and false_for_every_value(
                frozen, {d for e in frozen for d in e.atoms(Dummy)}, verdict.numeric.counterexample.point)
            if every:  # dL/da = −y/a − (1−y)/(1−a): no value of a makes it hold
                return Outcome("refuted", verdict, reason=every)
            if values:
                v = ", ".join(map(str, values))
                return Outcome("not checked", reason=(
                    f"false for arbitrary functions {names}, but the step uses the value of {v}, "
                    f"which the document does not define (it differentiates it or states an equation "
                    f"for it): it may rely on what {v} stands for; define {v} to check it"))
            hint = _missing_path(sides, resolved, graph, (tuple(funcs), seed), check)
            factor = "" if hint or judge is None else judge(sides, resolved, graph)
            factor = factor or ("" if hint else _written_factor(resolved, written))
            if not hint and not factor:  # no path through the document's definitions explains it: not certain enough
                return Outcome("not checked", reason=(
                    f"false for arbitrary functions {names}, but no path through the document's "
                    f"definitions accounts for the difference: the step may rely on what the undefined "
                    f"quantities stand for; define them to check it"))
            return Outcome("refuted", verdict, reason=f"false for {_describe(choice, resolved)} "
                           f"({names} {'is' if len(funcs) == 1 else 'are'} not defined in the document)"
                           f"{factor}", hint=hint)
        if verdict.status in ("proved", "confirmed"):
            agreed.append(verdict)
        if len(agreed) == _AGREEING:
            return Outcome("confirmed", agreed[-1], reason=(
                f"not proved for every function {names}, but holds for {_AGREEING} random choices of them"))
    return Outcome("not checked", reason=f"with {names} unknown functions, neither proved nor refuted")


def _as_values(resolved, funcs) -> tuple | None:
    """The sides with each application of an unknown function (a(z)) as a free number, when no
    derivative of one is left: an identity in those numbers holds for every function; else None.

    >>> from sympy import Function, Symbol
    >>> a = Function('a')(Symbol('z'))
    >>> _as_values((a * (1 - a), a - a**2), [a.func])
    (_a*(1 - _a), -_a**2 + _a)
    """
    if any(e.has(Derivative, Subs) for e in resolved):
        return None
    apps = _ordered({f for e in resolved for f in e.atoms(AppliedUndef) if f.func in funcs})
    if not apps:
        return None
    values = {f: Dummy(str(f.func)) for f in apps}
    return tuple(e.xreplace(values) for e in resolved)


def _inner_derivatives(resolved, vanishes=None, named=frozenset()) -> str:
    """A derivative of an unknown that another unknown takes as its argument (∂y_21/∂x_11 with L(y_21))
    left in the difference of the sides: the step's truth hangs on its value, which the document
    may know but does not write; '' when none is left (or the difference is too large to expand).
    With ``vanishes``, a derivative the difference does not hang on (its coefficient vanishes on the
    instance: ∂z_1/∂x on both sides of seed 001's line 42, once RELU' is the indicator) is not one.
    Nor is one of ``named``, the derivatives the step itself writes of a function by an argument written in it
    (∂F(x_l, W_l)/∂x_l in ∂ε/∂x_L (1 + ∂/∂x_l Σ_i F(x_i, W_i))), resolved: the author names it as a quantity of
    the step, not as one known to vanish."""
    difference = resolved[0] - resolved[1]
    if sympy.count_ops(difference) > 3000:
        return "a derivative of an undefined quantity (the difference is too large to inspect)"
    inner = {a for f in difference.atoms(AppliedUndef) for arg in f.args for a in arg.atoms(AppliedUndef)}
    inner |= {a for s in difference.atoms(Subs) for p in s.point for a in p.atoms(AppliedUndef)}  # C(_u) at u = a(z)
    expanded = sympy.expand(difference)
    named = set(named) | {d.expr for d in named if isinstance(d, Subs)}
    hidden = []
    for d in sorted(expanded.atoms(Derivative, Subs), key=str):
        core = d.expr.expr if isinstance(d, Subs) and isinstance(d.expr, Derivative) else d.expr
        if d in named:
            continue
        if core in inner or (isinstance(core, AppliedUndef) and core.func in {a.func for a in inner}):
            hidden.append(d)
    if hidden and vanishes is not None:
        values = {d: Symbol(f"hidden_derivative_{n}") for n, d in enumerate(hidden)}
        free = expanded.xreplace(values)
        if not any(d.has(*values) for d in free.atoms(Derivative, Subs)) and \
                all(vanishes(sympy.diff(free, v)) for v in values.values()):
            return ""
    return sympy.sstr(hidden[0]) if hidden else ""


def _written_factor(resolved, free: dict) -> str:
    """Why a step no path accounts for is still false: the sides differ only through derivatives the step
    itself writes (∂F(x)/∂x on one side, through y = x + F(x) on the other), which the author names as
    quantities of the step, so the difference is not one they may know to vanish; "" otherwise.  ``free`` is
    :func:`written_partials` of the step."""
    if not free:
        return ""
    difference = sympy.expand((resolved[0] - resolved[1]).xreplace(free))
    if difference.atoms(Derivative, Subs) or not difference.free_symbols & set(free.values()):
        return ""
    names = ", ".join(sorted(sympy.sstr(d.doit() if isinstance(d, Subs) else d) for d in free))
    return f"; the sides differ through {names}, which the step itself writes"


def written_partials(sides, resolved, graph: Graph) -> dict:
    r"""The derivatives the step writes of an undefined function by one of its written arguments (∂F(x_1, W_1)/∂x_1;
    ∂/∂x_1 (F(x_1, W_1) + F(x_2, W_2)) writes two), quantities the author names, as they stand in the
    ``resolved`` sides: each with a free number to stand for it.

    >>> from sympy import Function, Symbol
    >>> F, x, w = Function("F"), Symbol("x_1"), Symbol("W_1")
    >>> sides = [Derivative(F(x, w) + F(w, w), x) * Symbol("e"), Symbol("e")]
    >>> graph = Graph({}, {}, {})
    >>> list(written_partials(sides, [graph.resolve(e) for e in sides], graph))
    [Derivative(F(x_1, W_1), x_1)]
    """
    written = {Derivative(t, *d.variables) for e in sides for d in e.atoms(Derivative)
               for t in sympy.Add.make_args(d.expr)}
    keys = set()
    for d in written:
        if isinstance(d, Derivative) and isinstance(d.expr, AppliedUndef) and set(d.variables) <= set(d.expr.args):
            with contextlib.suppress(GraphError, ValueError, TypeError):
                r = graph.resolve(d)
                keys.add(r.doit() if isinstance(r, Subs) else r)  # Subs.doit(): the same whatever its dummy
    atoms = set().union(*(sympy.sympify(e).atoms(Derivative, Subs) for e in resolved))
    return {a: Dummy() for a in atoms if (a.doit() if isinstance(a, Subs) else a) in keys}


def _vanishes(expr: Basic, funcs, seed: int, check) -> bool:
    """``expr`` is zero on the choice ``seed`` of the unknown functions (proved or confirmed)."""
    formed = _bounded((expr,), tuple(funcs), seed)
    return formed is not None and check(formed[0], S.Zero, limits=QUICK).status in ("proved", "confirmed")


_FORM_SECONDS = 4.0


def _formed(exprs: tuple, funcs: tuple, seed: int) -> tuple:
    """(In a worker.) ``exprs`` with the unknown functions replaced by the choice ``seed`` makes, derivatives taken."""
    choice = _instance(funcs, seed)
    return tuple(_kinks_undefined(_apply(e, choice)) for e in exprs)


def _kinks_undefined(expr):
    """``expr`` with its derivatives taken, each step that differentiation makes (d/dz max(0, z) =
    Heaviside(z), SymPy's value ½ at the jump) kept as the derivative of max(0, ·) it is: the
    numeric check then skips its jump, where the derivative does not exist (the convention ½ refuted
    a right ReLU' = 1[z > 0] at z = 0, golden_real/g01).  The document's indicators (1[z > 0] is
    Heaviside(z, 0)) keep their values."""
    done = expr.doit()
    t = Dummy("t", real=True)
    made = {h: Subs(Derivative(Max(0, t), t), t, h.args[0])
            for h in done.atoms(Heaviside) if h.args[1:] == (S.Half,)}
    return done.xreplace(made) if made else done


def _bounded(exprs: tuple, funcs: tuple, seed: int) -> tuple | None:
    """:func:`_formed` in a worker process under a time limit (derivatives of nested choices can grow
    without bound); None when it does not finish."""
    from derivations.verify.worker import call_limited

    out = call_limited(_formed, (exprs, funcs, seed), _FORM_SECONDS)
    return out.value if out.kind == "ok" else None


def _missing_path(sides, resolved, graph: Graph, chosen: tuple, check) -> str:
    """Name the path of the graph the right side drops, when the difference is exactly one path."""
    lhs = sides[0]
    if isinstance(lhs, sympy.Mul):  # ∂y/∂y · ∂y/∂x (seed 001, line 42): a factor ∂v/∂v is 1
        rest = [f for f in lhs.args if not (isinstance(f, Derivative) and f.variables == (f.expr,))]
        lhs = rest[0] if len(rest) == 1 else lhs
    if not (isinstance(lhs, Derivative) and isinstance(lhs.expr, Symbol) and len(lhs.variables) == 1):
        return ""
    a, b = lhs.expr, lhs.variables[0]
    try:
        paths = graph.paths(a, b, limit=4)
    except GraphError:
        return ""
    funcs, seed = chosen
    for path, direct in [(p, d) for p in paths for d in (False, True)]:
        try:
            formed = _bounded((resolved[0] - resolved[1], graph.contribution(path, direct)), funcs, seed)
        except (GraphError, ValueError, TypeError):
            return ""
        if formed is None:
            return ""
        difference, part = formed
        if (len(paths) > 1 or direct) and part != 0 and check(difference, part, limits=QUICK).status in (
                "proved", "confirmed"):
            last, first = path[-2], path[-1]
            edge = graph.local(last, first, direct)
            if sympy.sympify(edge).atoms(Derivative, Subs):  # ∂y_21/∂x_11 of an undefined y_21: unknown
                continue
            body = graph.definitions.get(last)
            where = f" (the term {first} of {last} = {body})" if direct and body is not None else ""
            return (f"the right side drops the path {' → '.join(map(str, path))}, "
                    f"through ∂{last}/∂{first} = {edge}{where}")
    return ""
