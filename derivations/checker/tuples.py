r"""A name followed by a parenthesised list with a comma is a function application: ``\mathcal{F}(x_l, W_l)``.

``F(a, b)`` cannot be a product (a pair is not a number), so the name is read as a function of
its arguments, with a note; ``F(a)`` alone stays a product unless the document declares ``F``.

>>> from derivations.checker.parser import parse_chains
>>> [c] = parse_chains(r"x_{l+1} = x_l + \mathcal{F}(x_l, \mathcal{W}_l)")
>>> c.items[1], c.notes[0][1]
(x_l + F(x_l, W_l), 'F(…, …) is read as the function F applied to its arguments')
"""


from __future__ import annotations

import re

__all__ = ["tuple_follows"]

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
    while i < len(text) and depth:
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
        elif ch == "," and depth == 1:
            return True
        elif ch in "=&":
            return False
        i += 1
    return False
