r"""A name defined with an explicit marker (≜, :=, \coloneqq) is not redefined by a later ``=``.

``\delta_j \triangleq \frac{\partial J}{\partial z_j}`` fixes what δ_j means; a later
``\delta_j = (a_j - y_j)\sigma'(z_j)`` is then a claim about δ_j, checked against that definition,
and not a second definition (a plain ``z = …`` after ``z = …`` still redefines z, as before).  So is a
name the document gave a derivative of a quantity it does not define: after ``\delta_j^l =
\frac{\partial C}{\partial z_j^l}``, a later ``\delta_j^l = \sum_k …`` is a claim about ∂C/∂z_j^l.

>>> from sympy import Symbol
>>> d = Symbol("delta_j")
>>> defined_with_marker(d, [(d, Symbol("u"))], [(3, d, Symbol("u"))])
True
>>> defined_with_marker(d, [(d, Symbol("v"))], [(3, d, Symbol("u"))])
False
"""

from __future__ import annotations

from sympy import Basic, Derivative, S, Symbol

__all__ = ["defined_with_marker", "names_a_derivative"]


def defined_with_marker(head: Basic, raw: list, marked: list) -> bool:
    """True if ``head``'s definition in force (``raw``: (head, body) in order) is one written with
    a definition marker (``marked``: (line, head, body) of every ≜ / := definition).

    >>> from sympy import Symbol
    >>> defined_with_marker(Symbol("J"), [], [])
    False
    """
    current = [body for name, body in raw if name == head]
    if not current:
        return False
    return any(name == head and body == current[-1] for _line, name, body in marked)


def names_a_derivative(head: Basic, raw: list, defined: set) -> bool:
    r"""True if ``head``'s definition in force is, or holds, a derivative of a quantity not ``defined``
    (δ_j = ∂C/∂z_j with C undefined): a later ``head = …`` restates that derivative.

    >>> from derivations.checker.parser import parse_expression
    >>> d = Symbol("delta_j")
    >>> names_a_derivative(d, [(d, parse_expression(r"\frac{\partial C}{\partial z_j}"))], set())
    True
    >>> names_a_derivative(d, [(d, parse_expression(r"w_j \sigma'(z_j)"))], set())
    False
    """
    current = [body for name, body in raw if name == head]
    body = current[-1] if current else S.Zero
    return any(isinstance(d.expr, Symbol) and d.expr not in defined for d in body.atoms(Derivative))
