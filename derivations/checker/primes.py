r"""A prime on a name without an argument: ``u' = e^x`` after "denote u = e^x and v = e^{-x}".

The quotient rule is taught with two names and their primes, ``\frac{dy}{dx} = \frac{v u' - u v'}{v^2}``.
The parser reads ``u'`` as the derivative of u by a variable it leaves open (:data:`OPEN`); the
checker then takes the variable from the document: when u is defined as an expression of exactly
one variable x, u' is du/dx (the step carries a note saying so).  Otherwise the step is not checked
and says why (u undefined, or defined in several variables: by which one?).

>>> from sympy import Symbol, exp
>>> u, x = Symbol("u"), Symbol("x")
>>> resolve_primes([prime_of(u) - exp(x)], lambda s: {u: exp(x)}.get(s, s))
([-exp(x) + Derivative(u, x)], "u' read as du/dx: u is defined as an expression of x alone")
"""

from __future__ import annotations

from typing import Callable

from sympy import Basic, Derivative, Dummy, Function, Symbol

from derivations.checker.general_chains import family

__all__ = ["OPEN", "differentiated", "prime_of", "resolve_primes"]

OPEN = Symbol("′")
"""The variable of a prime written without an argument, until the checker knows it."""


def prime_of(name: Symbol, order: int = 1) -> Derivative:
    """``u'`` (``order`` primes): the derivative of ``name`` by the open variable.

    >>> prime_of(Symbol("u"), 2)
    Derivative(u, (′, 2))
    """
    return Derivative(name, (OPEN, order), evaluate=False)


def resolve_primes(exprs: list, unfolded: Callable[[Basic], Basic],
                   around: frozenset = frozenset()) -> tuple[list, str] | str:
    """``exprs`` with each open prime taken by the one variable of its name's definition
    (``unfolded`` gives a name's value), and a note; or why that cannot be done.  ``around`` holds
    the variables the derivation differentiates by just before: when it is one variable of the same
    indexed family as the name's (f = e^{z_k} or g = Σ_j e^{z_j} while it differentiates by z_i), the
    prime is the derivative by it (the quotient rule's f' for ∂/∂z_i, 0 there), with a note; among
    several, the prime's variable is not known.

    >>> from sympy import Symbol
    >>> u, x, y = Symbol("u"), Symbol("x"), Symbol("y")
    >>> resolve_primes([prime_of(u)], lambda s: s)
    "u' has no argument and u is not defined as an expression of one variable: the derivative by which variable? (write u'(x) or \\\\frac{du}{dx})"
    >>> resolve_primes([prime_of(u)], lambda s: x * y if s == u else s)[:60]
    "u' has no argument and u is defined as an expression of x, y"
    >>> resolve_primes([x + 1], lambda s: s)
    ([x + 1], '')
    >>> v = Symbol("v")
    >>> resolve_primes([prime_of(u / v), (prime_of(u) * v - u * prime_of(v)) / v**2], lambda s: s)[1]
    'a rule stated with names: u, v are any functions of one variable, and their values and derivatives at a point free numbers'
    >>> zk, zi = Symbol("z_k"), Symbol("z_i")
    >>> resolve_primes([prime_of(u)], lambda s: zk if s == u else s, frozenset({zi}))
    ([Derivative(u, z_i)], "u' read as ∂u/∂z_i, the derivative the derivation around it takes (u is an expression of z_k)")
    >>> resolve_primes([prime_of(u)], lambda s: zk if s == u else s, frozenset({zi, Symbol("z_j")}))[:70]
    "u' has no argument: u is an expression of z_k, while the derivation ar"
    """
    primes = {d for e in exprs if isinstance(e, Basic) for d in e.atoms(Derivative) if OPEN in d.variables}
    stated = _stated_rule(exprs, primes, unfolded)
    if stated is not None:
        return stated
    rule, notes = {}, []
    for d in sorted(primes, key=str):
        name = d.expr
        value = unfolded(name) if isinstance(name, Symbol) else name.xreplace({s: unfolded(s) for s in name.free_symbols})
        free = sorted(value.free_symbols - {OPEN}, key=str) if value != name else []
        by = [v for v in around if family(v) is not None and any(family(s) == family(v) for s in free)]
        if len(around) == 1 and by and (len(free) != 1 or free[0] != by[0]):  # the quotient rule's f', g'
            rule[d] = Derivative(name, *[(by[0] if v == OPEN else v, n) for v, n in d.variable_count], evaluate=False)
            notes.append(f"{name}' read as ∂{name}/∂{by[0]}, the derivative the derivation around it takes "
                         f"({name} is an expression of {', '.join(str(s) for s in free if family(s) == family(by[0]))})")
            continue
        if len(free) != 1:
            of = f" is defined as an expression of {', '.join(map(str, free))}" if len(free) > 1 else \
                " is not defined as an expression of one variable"
            return (f"{name}' has no argument and {name}{of}: the derivative by which variable? "
                    f"(write {name}'(x) or \\frac{{d{name}}}{{dx}})")
        if any(v != free[0] and family(v) == family(free[0]) is not None for v in around):
            return (f"{name}' has no argument: {name} is an expression of {free[0]}, while the derivation around "
                    f"it differentiates by {', '.join(sorted(map(str, around)))}: by which variable? "
                    f"(write \\frac{{\\partial {name}}}{{\\partial {free[0]}}})")
        rule[d] = Derivative(name, *[(free[0] if v == OPEN else v, n) for v, n in d.variable_count],
                             evaluate=False)
        notes.append(f"{name}' read as d{name}/d{free[0]}: {name} is defined as an expression of {free[0]} alone")
    return [e.xreplace(rule) if isinstance(e, Basic) else e for e in exprs], "; ".join(notes)


def _stated_rule(exprs: list, primes: set, unfolded: Callable[[Basic], Basic]) -> tuple[list, str] | None:
    """``(f/g)' = (f'g - fg')/g^2``: a prime on an expression of several names, every name of the
    step undefined (here): a rule for any functions of one variable.  SymPy works out the primed
    expression by its rules; then the values f, g, f', g' at a point are free numbers (a function
    takes any such values), so the rule holds exactly when the identity in them does."""
    names = set().union(*(d.expr.free_symbols for d in primes)) - {OPEN} if primes else set()
    if (not any(not isinstance(d.expr, Symbol) for d in primes)
            or not all(isinstance(s, Symbol) and unfolded(s) == s for s in names)
            or any(not isinstance(e, Basic) or e.free_symbols - {OPEN} - names for e in exprs)):
        return None
    t = Dummy("t")
    functions = {s: Function(s.name)(t) for s in names}
    rule = {d: Derivative(d.expr.xreplace(functions), *[(t if v == OPEN else v, n) for v, n in d.variable_count]).doit()
            for d in primes}
    worked = [e.xreplace(rule).xreplace(functions) for e in exprs]
    values = {d: Symbol(d.expr.func.__name__ + "'" * d.derivative_count) for e in worked for d in e.atoms(Derivative)}
    values.update({f: Symbol(f.func.__name__) for f in functions.values()})
    listed = ", ".join(sorted(map(str, names)))
    return ([e.xreplace(values) for e in worked],
            f"a rule stated with names: {listed} are any functions of one variable, and their values and "
            "derivatives at a point free numbers")


def differentiated(exprs: list) -> frozenset:
    r"""The variables the derivatives in ``exprs`` are taken by (open primes aside).

    >>> from derivations.checker.parser import parse_expression
    >>> sorted(differentiated([parse_expression(r"\frac{\partial}{\partial z_i} e^{z_k}")]), key=str)
    [z_i]
    """
    return frozenset(v for e in exprs if isinstance(e, Basic) for d in e.atoms(Derivative)
                     for v in d.variables if v != OPEN)

