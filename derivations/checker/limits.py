r"""Limits, ``\lim_{x \to a} f``: SymPy's Limit, unevaluated until the verifier takes it in its worker.

The arrow under ``\lim`` is where the variable tends (the tokens call it TO, not an arrow between
statements); the point is ±∞ or a value free of the variable.  The variable is bound: a Dummy of
its name, so a value the document gives a name of the same spelling (``h = 0.0001`` beside
``\lim_{h \to 0}``) never enters the limit.  At a finite point the limit is two-sided; where the
one-sided limits differ it does not exist, and a step stating it is inconclusive, never proved.

>>> from derivations.checker.parser import parse_chains
>>> [chain] = parse_chains(r"\lim_{x \to \infty} \frac{1}{1+e^{-x}} = 1")
>>> chain.items[0]  # the bound variable prints as _x
Limit(1/(1 + exp(-_x)), _x, oo, dir='-')
"""

from __future__ import annotations

import sympy
from sympy import Symbol

from derivations.checker.matrix_notation import is_matrix_marker

__all__ = ["limit"]

_BOUND_INDEX = 9_000_001  # the Dummy of a limit's variable: the same for the same name (verdicts are cached by content)


def limit(builder, atom, lower, sup, rest: list) -> sympy.Basic:
    r"""``\lim_{x \to a} f`` as the tree builder reads it: ``atom`` the operator, ``lower`` its subscript
    (x, TO, a), ``rest`` the factors it applies to; refused without a variable and a point it can use.

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains(r"\lim_{h \to 0} \frac{(x+h)^2 - x^2}{h} = 2x")
    >>> chain.items[0].doit()
    2*x
    """
    if lower is None or len(lower.children) != 3 or lower.children[1].type != "TO" or sup is not None:
        raise builder.unsupported("\\lim without its variable and point (write \\lim_{x \\to a})", atom)
    var = builder.name(lower.children[0])
    point = builder.expr(lower.children[2])
    if not isinstance(var, Symbol) or is_matrix_marker(var) or point.has(var) or not point.is_extended_real and (
            point.free_symbols == set()):
        raise builder.unsupported(f"\\lim as {var} tends to {point}", atom)
    bound = sympy.Dummy(var.name, dummy_index=_BOUND_INDEX, real=True)
    body = builder.fold(rest).xreplace({var: bound})
    return sympy.Limit(body, bound, point, dir="+-" if point.is_finite is not False else "+")
