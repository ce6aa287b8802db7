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

from sympy import Basic, Derivative, Symbol

from derivations.checker.indexed import index_items

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
    the variables the derivation differentiates by just before: when one is another member of the
    same indexed family (f = e^{z_k} while it differentiates by z_i), the prime's variable is not
    known (the quotient rule's f' for ∂/∂z_i is 0 there).

    >>> from sympy import Symbol
    >>> u, x, y = Symbol("u"), Symbol("x"), Symbol("y")
    >>> resolve_primes([prime_of(u)], lambda s: s)
    "u' has no argument and u is not defined as an expression of one variable: the derivative by which variable? (write u'(x) or \\\\frac{du}{dx})"
    >>> resolve_primes([prime_of(u)], lambda s: x * y if s == u else s)[:60]
    "u' has no argument and u is defined as an expression of x, y"
    >>> resolve_primes([x + 1], lambda s: s)
    ([x + 1], '')
    >>> zk, zi = Symbol("z_k"), Symbol("z_i")
    >>> resolve_primes([prime_of(u)], lambda s: zk if s == u else s, frozenset({zi}))[:70]
    "u' has no argument: u is an expression of z_k, while the derivation ar"
    """
    primes = {d for e in exprs if isinstance(e, Basic) for d in e.atoms(Derivative) if OPEN in d.variables}
    rule, notes = {}, []
    for d in sorted(primes, key=str):
        name = d.expr
        value = unfolded(name) if isinstance(name, Symbol) else name
        free = sorted(value.free_symbols - {OPEN}, key=str) if value != name else []
        if len(free) != 1:
            of = f" is defined as an expression of {', '.join(map(str, free))}" if len(free) > 1 else \
                " is not defined as an expression of one variable"
            return (f"{name}' has no argument and {name}{of}: the derivative by which variable? "
                    f"(write {name}'(x) or \\frac{{d{name}}}{{dx}})")
        if any(v != free[0] and _family(v) == _family(free[0]) is not None for v in around):
            return (f"{name}' has no argument: {name} is an expression of {free[0]}, while the derivation around "
                    f"it differentiates by {', '.join(sorted(map(str, around)))}: by which variable? "
                    f"(write \\frac{{\\partial {name}}}{{\\partial {free[0]}}})")
        rule[d] = Derivative(name, *[(free[0] if v == OPEN else v, n) for v, n in d.variable_count],
                             evaluate=False)
        notes.append(f"{name}' read as d{name}/d{free[0]}: {name} is defined as an expression of {free[0]} alone")
    return [e.xreplace(rule) if isinstance(e, Basic) else e for e in exprs], "; ".join(notes)


def differentiated(exprs: list) -> frozenset:
    r"""The variables the derivatives in ``exprs`` are taken by (open primes aside).

    >>> from derivations.checker.parser import parse_expression
    >>> sorted(differentiated([parse_expression(r"\frac{\partial}{\partial z_i} e^{z_k}")]), key=str)
    [z_i]
    """
    return frozenset(v for e in exprs if isinstance(e, Basic) for d in e.atoms(Derivative)
                     for v in d.variables if v != OPEN)


def _family(name: Basic) -> tuple | None:
    """(base, superscripts) of an indexed name: z_k and z_i are of one family; None for other names."""
    parts = index_items(name) if isinstance(name, Symbol) else None
    return (parts[0], tuple(parts[2])) if parts else None
