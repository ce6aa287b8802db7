r"""A sum of differential operators applied to what follows it: ``\left(\frac{\partial^2}{\partial x^2}
+ \frac{\partial}{\partial x} + 1\right)\hat{y}(x_i)``.

Physics-informed losses write the residual of a differential equation this way (seed 000, its PINN
loss).  Each operator acts on the operand and a number multiplies it.  When the operand is a
function applied at a sample point of the operator's variable (``\hat{y}(x_i)``, x_i a value of x),
the operator acts on the function and the result is taken at that point:
ŷ''(x_i) + ŷ'(x_i) + ŷ(x_i), and a note says so.  Any other operand without the variable (the
derivative would be 0, surely not what is meant), operators by different variables, or terms that
are neither an operator nor a number are refused.

>>> from derivations.checker.parser import parse_chains
>>> [chain] = parse_chains(r"L = \left(\frac{\partial^2}{\partial x^2} + \frac{\partial}{\partial x} + 1\right) f(x)",
...                        functions=frozenset({"f"}))
>>> chain.items[1]
f(x) + Derivative(f(x), x) + Derivative(f(x), (x, 2))
>>> [chain] = parse_chains(r"L = \left(\frac{\partial^2}{\partial x^2} + 1\right) f(x_i)", functions=frozenset({"f"}))
>>> chain.items[1], chain.notes[0][1][:61]
(f(x_i) + Subs(Derivative(f(x), (x, 2)), x, x_i), '(∂/∂x … + …) f(x_i) is read as the operator acting on f, take')
"""

from __future__ import annotations

import sympy
from lark import Token, Tree
from sympy.core.function import AppliedUndef

__all__ = ["operator_sum"]


def _terms(group: Tree) -> list[tuple[int, object]] | None:
    """(sign, term) of the one sum inside a bracket, else None."""
    if not (isinstance(group, Tree) and group.data == "group" and len(group.children) == 1):
        return None
    inner = group.children[0]
    if not (isinstance(inner, Tree) and inner.data == "sum"):
        return None
    terms, sign = [], 1
    for child in inner.children:
        if isinstance(child, Token) and child.type in ("PLUS", "MINUS"):
            sign = -1 if child.type == "MINUS" else 1
            continue
        terms.append((sign, child))
        sign = 1
    return terms


def operator_sum(builder, node, rest: list, trees):
    r"""The value of ``(D₁ + D₂ + c) operand`` (``node`` the bracket, ``rest`` the product's items
    after it), or None when ``node`` is not a bracketed sum of differential operators and numbers.
    ``trees`` is the builder module's pair (parts of a factor, items of a product).

    The builder calls it for every bracket followed by a factor:

    >>> from derivations.checker.parser import parse_expression
    >>> parse_expression(r"\left(\frac{d^2}{dx^2} + 1\right) x^3").doit()
    x**3 + 6*x
    """
    _parts, _product_items = trees
    atom, primes, sup = _parts(node)
    terms = _terms(atom) if not (primes or sup is not None) and rest and not rest[0][0] else None
    if not terms:
        return None
    parts = []  # (coefficient, (variable, order) or None)
    for sign, term in terms:
        items = _product_items(term)
        if len(items) != 1:
            return None
        factor = items[0][1]
        if builder.classify(factor) == "operator":
            frac, p, s = _parts(factor)
            found = builder.diff_parts(frac) if isinstance(frac, Tree) and frac.data == "frac" else None
            if p or s is not None or found is None:
                return None
            variables = builder.diff_vars(found[2])
            if len(variables) != 1:
                return None
            parts.append((sign, variables[0]))
        elif isinstance(factor, Token) and factor.type == "NUMBER":
            parts.append((sign * builder.value(factor), None))
        else:
            return None
    variables = {v for _, v in parts if v is not None}
    if not variables:
        return None
    if len({x for x, _ in variables}) != 1:
        raise builder.unsupported("a sum of differential operators by different variables", node)
    x = next(iter(variables))[0]
    operand = _sampled(builder, rest, x, _parts) or builder.fold([("", rest[0][1])] + rest[1:])
    return _applied(builder, node, parts, x, operand)


def _sampled(builder, rest: list, x: sympy.Symbol, _parts):
    r"""``\hat{y}(x_i)`` after an operator in x: ŷ applied at x_i (a product ŷ·x_i has no derivative
    by x worth writing), else None."""
    if len(rest) != 2 or rest[1][0] or builder.classify(rest[0][1]) != "value":
        return None
    name, (group, primes, sup) = builder.value(rest[0][1]), _parts(rest[1][1])
    if primes or sup is not None or not isinstance(name, sympy.Symbol) or not (
            isinstance(group, Tree) and group.data == "group" and len(group.children) == 1):
        return None
    point = builder.expr(group.children[0])
    if not (isinstance(point, sympy.Symbol) and point.name.startswith(f"{x.name}_")):
        return None
    return sympy.Function(name.name)(point)


def _applied(builder, node, parts, x: sympy.Symbol, operand):
    """Σ c·D^k(operand), the operand's function evaluated at its sample point when it is one."""
    at = None
    if x not in operand.free_symbols:
        if not (isinstance(operand, AppliedUndef) and len(operand.args) == 1
                and isinstance(operand.args[0], sympy.Symbol) and operand.args[0].name.startswith(f"{x.name}_")):
            raise builder.unsupported(f"a differential operator in {x} applied to something without {x}", node)
        at, operand = operand.args[0], operand.func(x)
        if not hasattr(builder, "notes"):
            builder.notes = []
        builder.notes.append((node.meta.start_pos if hasattr(node, "meta") and not node.meta.empty else 0,
                              f"(∂/∂{x} … + …) {operand.func}({at}) is read as the operator acting on "
                              f"{operand.func}, taken at {at} (a value of {x})"))
    terms = []
    for coefficient, variable in parts:
        if variable is None:
            terms.append(coefficient * (operand if at is None else operand.subs(x, at)))
            continue
        derivative = sympy.Derivative(operand, variable, evaluate=False)
        terms.append(coefficient * (derivative if at is None else sympy.Subs(derivative, x, at)))
    return sympy.Add(*terms)
