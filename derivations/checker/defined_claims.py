r"""A name defined with an explicit marker (≜, :=, \coloneqq) is not redefined by a later ``=``.

``\delta_j \triangleq \frac{\partial J}{\partial z_j}`` fixes what δ_j means; a later
``\delta_j = (a_j - y_j)\sigma'(z_j)`` is then a claim about δ_j, checked against that definition,
and not a second definition (a plain ``z = …`` after ``z = …`` still redefines z, as before).

>>> from sympy import Symbol
>>> d = Symbol("delta_j")
>>> defined_with_marker(d, [(d, Symbol("u"))], [(3, d, Symbol("u"))])
True
>>> defined_with_marker(d, [(d, Symbol("v"))], [(3, d, Symbol("u"))])
False
"""

from __future__ import annotations

from sympy import Basic

__all__ = ["defined_with_marker"]


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
