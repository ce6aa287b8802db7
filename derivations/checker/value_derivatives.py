"""Derivatives taken through values: by an expression (SymPy's d/dz₁ of z₂(z₁(x)), kept as a Subs), of a
quantity written as a function of a value alone ((3x + 2)⁵ = u⁵ with u = 3x + 2), and at a value put back.

These are the calculus the dependency graph (:mod:`.dependencies`) does its derivatives with; a derivative
they cannot give one meaning raises :class:`GraphError`.

>>> from sympy import Function, Symbol
>>> x = Symbol("x")
>>> f, g = Function("f"), Function("g")
>>> _diff(f(g(x)), x)
Derivative(g(x), x)*Subs(Derivative(f(_u), _u), _u, g(x))
"""

from __future__ import annotations

import sympy
from sympy import Basic, Derivative, Dummy, Subs, Symbol
from sympy.core.function import AppliedUndef

from derivations.core.definitions import put_in_all

__all__ = ["GraphError", "through_definition"]


class GraphError(ValueError):
    """The graph gives a derivative no single meaning (ambiguous, circular, or not supported).

    >>> str(GraphError("circular"))
    'circular'
    """


def _diff(expr: Basic, *variables) -> Basic:
    """``sympy.diff``, with SymPy's derivatives by an expression (d/dz₁(x) of z₂(z₁(x))) as Subs."""
    out = sympy.diff(expr, *variables)
    derivs = {}
    for d in _ordered(out.atoms(Derivative)):
        if all(isinstance(v, Symbol) for v in d.variables):
            continue
        if len(d.variable_count) != 1:
            raise GraphError("a mixed derivative through an unknown function is not checked")
        (v, n), = d.variable_count
        u = Dummy("u")
        derivs[d] = Subs(Derivative(d.expr.xreplace({v: u}), (u, n)), u, v)
    return out.xreplace(derivs) if derivs else out


def _written_through(whole: Basic, value: Basic, t: Dummy) -> Basic | None:
    """``whole`` with every occurrence of ``value`` replaced by ``t``, when that leaves none of
    value's inputs (whole is then a function of value alone: (3x + 2)^5 → t^5); else None.

    >>> from sympy import Function, Symbol
    >>> x, t = Symbol('x'), Dummy('t')
    >>> _written_through((3 * x + 2) ** 5, 3 * x + 2, t)
    _t**5
    >>> _written_through((3 * x + 2) ** 5 + x, 3 * x + 2, t) is None
    True
    """
    if value.is_number or isinstance(value, Dummy) or not whole.has(value):
        return None
    out = whole.subs(value, t)
    inputs = value.free_symbols | value.atoms(AppliedUndef)
    if not out.has(t) or any(out.has(i) for i in inputs):
        return None
    return out


def _ordered(atoms: set) -> list:
    """A set of subexpressions in SymPy's canonical order: fresh symbols made for them in this order get
    the same relative numbering on every run (a set's order follows string hashes, which vary)."""
    return sorted(atoms, key=sympy.default_sort_key)


def _put_back(expr: Basic, t: Dummy, value: Basic) -> Basic:
    """``expr`` at t = value, derivatives by t kept as Subs (never a derivative by an expression)."""
    derivs = {}
    for d in _ordered(expr.atoms(Derivative)):
        if t in d.variables:
            u = Dummy(t.name)
            derivs[d] = Subs(d.xreplace({t: u}), u, value)
    return expr.xreplace(derivs).xreplace({t: value})


def through_definition(expr: Basic, var: Symbol, definitions: dict) -> bool:
    """True for ∂ŷ/∂g with ŷ = σ(wᵀx) and g = wᵀx in ``definitions``: ŷ is not written in g but in what g is
    made of, so treating g as a variable of its own would make the derivative 0.

    >>> from sympy import exp
    >>> yhat, g, w, x = Symbol("yhat"), Symbol("g"), Symbol("w"), Symbol("x")
    >>> defs = {yhat: exp(w * x), g: w * x}
    >>> through_definition(yhat, g, defs), through_definition(yhat * g, g, defs)
    (True, False)
    """
    if var not in definitions:
        return False
    whole = put_in_all(expr, {s: v for s, v in definitions.items() if s != var})
    made_of = getattr(definitions[var], "free_symbols", set())
    return var not in whole.free_symbols and bool(made_of & whole.free_symbols)
