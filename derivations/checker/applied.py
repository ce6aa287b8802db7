r"""Function applications read from their context: ``\mathcal{F}(x_l, W_l)``, ``\frac{d\tanh}{dZ}``.

``F(a, b)`` cannot be a product (a pair is not a number), so the name is read as a function of
its arguments, with a note; ``F(a)`` alone stays a product unless the document declares ``F``.

>>> from derivations.checker.parser import parse_chains
>>> [c] = parse_chains(r"x_{l+1} = x_l + \mathcal{F}(x_l, \mathcal{W}_l)")
>>> c.items[1], c.notes[0][1]
(x_l + F(x_l, W_l), 'F(…, …) is read as the function F applied to its arguments')
"""


from __future__ import annotations

import re

__all__ = ["tuple_follows", "bare_function"]

_GROUPED = re.compile(r"[0-9],[0-9]{3}(?![0-9]|,\s*[0-9])")  # 1,000: a thousands separator, not a comma
_MAX_SCAN = 2000  # characters looked at for the comma: a longer argument list is not read as one
_OPEN = re.compile(r"\s*(?:\\(?:left|bigl|Bigl|big|Big|mleft)\s*)?\(")


def tuple_follows(text: str, pos: int) -> bool:
    r"""True if a parenthesised list with a top-level comma starts at ``pos``: ``(a, b)``, ``\left(a, b\right)``.

    >>> tuple_follows("F(a, b) + c", 1), tuple_follows("F(a) (b, c)", 1), tuple_follows("f(g(a, b))", 1)
    (True, False, False)
    """
    m = _OPEN.match(text, pos)
    if m is None:
        return False
    depth, i = 1, m.end()
    while i < min(len(text), m.end() + _MAX_SCAN) and depth:
        ch = text[i]
        if ch == "\\":
            if text.startswith("\\\\", i):  # a new line: the list is not closed on this one
                return False
            i += 2
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 1 and not _GROUPED.match(text, i - 1):
            return True
        elif ch in "=&":
            return False
        i += 1
    return False


def bare_function(body, variables) -> bool:
    r"""True when a derivative's operand is a function named without its argument and one variable is given.

    ``\frac{d\tanh}{dZ}`` is the derivative of ``\tanh(Z)``: the parser applies the function to
    the variable (with a note).  σ is excluded: written alone it is a quantity (``σ(1 − σ)``).
    ``body`` is the derivative's operand as (operator, node) items, ``variables`` its (variable, order).

    >>> from derivations.checker.parser import parse_expression
    >>> parse_expression(r"\frac{d\tanh}{dZ}")
    Derivative(tanh(Z), Z)
    """
    if len(body) != 1 or len(variables) != 1 or body[0][0]:
        return False
    node = body[0][1]
    return getattr(node, "type", None) == "FUNC" and str(node) != "sigma"
