r"""The identity matrix ``I`` beside a Jacobian: ``\frac{\partial x_{l+1}}{\partial x_l} = I + \frac{\partial
F_l(x_l)}{\partial x_l}``.

Notes on residual networks write the Jacobian of a skip connection as I plus the branch's Jacobian.  The
checker reads the step's quantities as numbers (one entry of each vector), where the identity is 1; an
``I`` the document never defines, added to (or subtracted from) a term with a derivative, is read so, and
the step says so.  Any other ``I`` (defined, a factor, or far from a derivative) is left as it is.

>>> from derivations.checker.parser import parse_expression as p
>>> items, note = identity_read([p(r"\frac{\partial y}{\partial x}"), p(r"I + \frac{\partial F}{\partial x}")], set())
>>> items[1], note[:40]
(Derivative(F, x) + 1, 'I read as the identity matrix: 1 on the ')
>>> identity_read([p("y"), p("I x + 1")], set()) is None
True
"""

from __future__ import annotations

from sympy import Add, Basic, Derivative, Symbol

__all__ = ["IDENTITY_NOTE", "identity_read"]

IDENTITY_NOTE = ("I read as the identity matrix: 1 on the instances, where each quantity is one entry "
                 "(the document does not define I)")


def _identity(expr: Basic) -> Symbol | None:
    return next((s for s in expr.free_symbols if isinstance(s, Symbol) and s.name == "I"), None)


def _beside_derivative(expr: Basic, eye: Symbol) -> bool:
    """True if I is a term of a sum that also has a derivative in it (I + ∂F/∂x, I − A ∂F/∂x)."""
    return any(eye in node.args and any(a.has(Derivative) for a in node.args if a != eye)
               for node in expr.atoms(Add))


def identity_read(items: list, defined: set) -> tuple[list, str] | None:
    r"""``items`` with an undefined I next to a derivative read as 1, and the note that says so; None when
    no I is read so (I defined in ``defined``, or nowhere beside a derivative).

    >>> from derivations.checker.parser import parse_expression as p
    >>> identity_read([p(r"I - \frac{\partial F}{\partial x}")], set())[0]
    [1 - Derivative(F, x)]
    >>> identity_read([p(r"I - \frac{\partial F}{\partial x}")], {Symbol("I")}) is None
    True
    """
    eyes = {eye for e in items if (eye := _identity(e)) is not None}
    if not eyes or eyes & set(defined) or not any(
            _beside_derivative(e, eye) for e in items for eye in eyes if eye in e.free_symbols):
        return None
    return [e.xreplace({eye: 1 for eye in eyes}) for e in items], IDENTITY_NOTE
