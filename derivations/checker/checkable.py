r"""Whether a step can be given meaning: derivatives of undefined quantities, undefined functions,
and functions the document defines with sums.

A step can be checked when every derivative in it is of something defined and every function it
applies has a definition.  An undefined function it only applies, never differentiates
(``h_\theta(x^{(i)})`` in ``\sum_i (h_\theta(x^{(i)}) - y^{(i)}) = \sum_i h_\theta(x^{(i)}) - \sum_i
y^{(i)}``), is any function: a step that holds for every one holds for the one its author means.
A function defined with a sum of symbolic bounds (``J(\theta_0, \theta_1) = \frac{1}{2m}\sum_{i=1}^m
…``) is put in before a step goes to instances, so that its sum is expanded with the others.

The context ``ctx`` is the checker's (:class:`derivations.checker.check._Context`): its definitions
of symbols (``defined_symbols``, ``unfolded``) and of functions (``functions``).

>>> from derivations.checker.check import check_text
>>> text = (r"$$h(x_i) = \theta_0 + \theta_1 x_i$$ $$J(\theta_0, \theta_1) = \frac{1}{2m}\sum_{i=1}^m "
...         r"(h(x_i) - y_i)^2$$ $$\frac{\partial J}{\partial \theta_0} = \frac{1}{m}\sum_{i=1}^m (h(x_i) - y_i)$$")
>>> check_text(text).steps[-1].status
'confirmed'
"""

from __future__ import annotations

from typing import Iterable

from sympy import Basic, Derivative, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.build import is_symbolic_sum
from derivations.checker.document_functions import applied_functions
from derivations.checker.indexed import index_items
from derivations.core.definitions import unfold
from derivations.checker.matrix_notation import MARKER_NAMES

__all__ = ["why_not_checkable", "arbitrary_functions", "undefined_functions", "sums_unfolded"]


def why_not_checkable(exprs: Iterable[Basic], ctx, arbitrary: frozenset = frozenset()) -> str:
    r"""Why a step cannot be given meaning (a derivative of an undefined quantity, an undefined f), or "";
    the functions in ``arbitrary`` are any functions (see :func:`arbitrary_functions`).

    >>> from types import SimpleNamespace
    >>> from sympy import Function
    >>> ctx = SimpleNamespace(defined_symbols=set, unfolded=lambda e: e, functions={})
    >>> J, w = Symbol("J"), Symbol("w")
    >>> why_not_checkable([Derivative(J, w)], ctx)[:50]
    '∂J/∂w: J is not defined as an expression in the do'
    >>> why_not_checkable([Function("h")(w) + 1], ctx), why_not_checkable([Function("h")(w)], ctx, {Function("h")})
    ("h is not defined in the document (use --define 'h(x)=…')", '')
    >>> from sympy import Lambda
    >>> ctx.functions = {Function("h"): SimpleNamespace(body=Lambda((w,), w), label="")}
    >>> why_not_checkable([Function("h")(w, J)], ctx)
    'h is defined with 1 argument but applied here to 2 (h(w, J)): which function is meant is not said'
    """
    defined = ctx.defined_symbols()
    exprs = list(exprs)
    for e in exprs:
        if is_symbolic_sum(ctx.unfolded(e)) or any(
                is_symbolic_sum(ctx.functions[f].body) for f in applied_functions(e) if f in ctx.functions):
            return ("it uses a function defined with a sum of symbolic bounds (y_k(x, w) = Σ_j …): "
                    "functions are not expanded on instances yet")
    for e in exprs:
        for d in sorted(e.atoms(Derivative), key=str):  # the same reason on every run
            f = getattr(d.expr, "func", None)
            if f in ctx.functions and ctx.functions[f].label != "def:relu" and not (
                    set(ctx.functions[f].body.variables) & ctx.functions[f].body.expr.free_symbols):
                return (f"{f} is defined by an expression without its argument, so its derivative "
                        "has no meaning to check (with respect to what?)")
            if isinstance(d.expr, Symbol) and d.expr not in defined and d.expr not in d.variables:  # ∂b/∂b = 1
                return (f"∂{d.expr}/∂{', '.join(str(v) for v in d.variables)}: {d.expr} is not defined "
                        "as an expression in the document, so the derivative has no meaning to check")
        for f in sorted(applied_functions(e), key=str):
            if f not in ctx.functions and f not in arbitrary:
                return f"{f} is not defined in the document (use --define '{f}(x)=…')"
        for a in sorted((a for a in e.atoms(AppliedUndef) if a.func in ctx.functions), key=str):
            if len(a.args) != len(ctx.functions[a.func].body.variables):  # h(x) defined, h(x^{(i)}, θ) applied
                n = len(ctx.functions[a.func].body.variables)
                return (f"{a.func} is defined with {n} argument{'s' * (n != 1)} but applied here to {len(a.args)} "
                        f"({a}): which function is meant is not said")
    return ""


def arbitrary_functions(exprs: Iterable[Basic], ctx) -> frozenset:
    r"""The undefined functions a step only applies (h_θ(x^{(i)})), never differentiates: a step that holds
    for every such function holds for the one the author means.

    >>> from types import SimpleNamespace
    >>> from sympy import Function
    >>> h, x = Function("h"), Symbol("x")
    >>> ctx = SimpleNamespace(functions={})
    >>> sorted(map(str, arbitrary_functions([h(x) + 1], ctx))), arbitrary_functions([Derivative(h(x), x)], ctx)
    (['h'], frozenset())
    """
    exprs = list(exprs)
    undefined = set().union(*(undefined_functions(e, ctx) for e in exprs))
    inside = {f.func for e in exprs for d in e.atoms(Derivative) for f in d.atoms(AppliedUndef)}
    return frozenset(undefined - inside)


def undefined_functions(expr: Basic, ctx) -> set:
    """The functions applied in ``expr`` that the document does not define (sums kept whole aside).

    >>> from types import SimpleNamespace
    >>> from sympy import Function
    >>> f, g, x = Function("f"), Function("g"), Symbol("x")
    >>> sorted(map(str, undefined_functions(f(x) + g(x), SimpleNamespace(functions={f: None}))))
    ['g']
    """
    return {f for f in applied_functions(expr) if f not in ctx.functions and str(f) not in MARKER_NAMES
            and not str(f).startswith(("\\sum", "\\prod"))}


def _holds_parameters(body: Basic, ctx) -> bool:
    """True when a function's body, with the document's other functions put in, holds a parameter
    (J(θ_0, θ_1) = Σ_i (h(x_i) − y_i)² through h(x_i) = θ_0 + θ_1 x_i)."""
    names = {v.name for v in body.variables}
    inner = unfold(body.expr, tuple(ctx.functions.values()))
    return any(s.name in names for s in inner.free_symbols)


def _template(v: Basic) -> bool:
    """True for a parameter with a letter in its subscript (x_{ij}): the body is a template in its indices,
    which putting in an argument would not rename (softmax(x_{kl}) is not e^{x_kl}/Σ_p e^{x_ip})."""
    parts = index_items(v) if isinstance(v, Symbol) else None
    return bool(parts) and any(i.isalpha() for i in parts[1] + parts[2])


def _plain(body: Basic) -> Basic:
    """``body`` with its symbols as the parser makes them (no assumptions), so a step's m is the body's m
    on instances (a definition's parameters are made real for the verifier)."""
    return body.xreplace({s: Symbol(s.name) for s in body.free_symbols if type(s) is Symbol})


def sums_unfolded(expr: Basic, ctx) -> Basic:
    r"""``expr`` with each function the document defines with a sum of symbolic bounds put in: an
    application by its body, and a bare name differentiated by its parameters (∂J/∂θ_0, with
    J(θ_0, θ_1) = …) by its body at them.

    >>> from types import SimpleNamespace
    >>> from sympy import Function, Lambda
    >>> from derivations.checker.parser import parse_expression as p
    >>> J, t = Function("J"), Symbol("t")
    >>> from derivations.core.definitions import Definition
    >>> ctx = SimpleNamespace(functions={J: Definition(J, Lambda(t, p(r"\sum_{i=1}^m t x_i")), "J", "")},
    ...                       defined_symbols=set)
    >>> sums_unfolded(Derivative(Symbol("J"), t), ctx)
    Derivative(Σ_{i=1..m}(t*x_i), t)
    """
    bodies = {f: _plain(d.body) for f, d in ctx.functions.items() if is_symbolic_sum(d.body.expr)
              and _holds_parameters(d.body, ctx)  # h(x) = Σ_k e^{a_k}: h' by what?
              and not any(_template(v) for v in d.body.variables)}  # softmax(x_{ij}) = e^{x_ij}/Σ_p e^{x_ip}
    if not bodies:
        return expr
    rule: dict = {a: bodies[a.func](*a.args) for a in expr.atoms(AppliedUndef) if a.func in bodies}
    names = {str(f): f for f in bodies}
    for d in expr.atoms(Derivative):
        f = names.get(str(d.expr)) if isinstance(d.expr, Symbol) and d.expr not in ctx.defined_symbols() else None
        if f is not None and set(d.variables) <= set(bodies[f].variables):
            rule[d] = Derivative(bodies[f].expr, *d.variable_count)
    return expr.xreplace(rule) if rule else expr
