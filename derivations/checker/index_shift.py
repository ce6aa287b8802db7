r"""A definition written one step ahead, read at its own index: ``x_{l+1} = x_l + F_l(x_l)`` is
``x_l = x_{l-1} + F_{l-1}(x_{l-1})``.

Instances form a definition's template at every value of its index letter (x_l at l = 1, 2, …);
a head written with an offset (``x_{l+1}``) matches no instance name.  The same definition with
every name shifted back by the offset has the plain head, and means the same for every l.

>>> from derivations.checker.parser import parse_expression as p
>>> from sympy import Function, Symbol
>>> unshifted(p("x_{l+1}"), Symbol("x_l") + Function("F_l")(Symbol("x_l")))
(x_l, x_{l-1} + F_{l-1}(x_{l-1}), 'l')
"""

from __future__ import annotations

import re

from sympy import Basic, Function, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.indexed import index_items
from derivations.checker.notations import _make_name

__all__ = ["recurrence_letter", "unshifted", "recurrences"]

_LETTER = re.compile(r"[A-Za-z]|\\ell")


def _offset(items: list, letter: str) -> int | None:
    """The offset of one subscript written ``l``, ``l+1`` or ``l-2``; None for anything else."""
    if items == [letter]:
        return 0
    if len(items) == 3 and items[0] == letter and items[1] in "+-" and items[2].isdigit():
        return int(items[2]) * (1 if items[1] == "+" else -1)
    return None


def _moved(name: str, letter: str, by: int) -> str | None:
    """``name`` with its index ``letter`` moved by ``by`` (x_{l+1} by -1 is x_l); the name itself when
    it has no such index; None when it uses the letter some other way (x_{2l}, w_{lj})."""
    parts = index_items(Symbol(name))
    if parts is None or letter not in parts[1] + parts[2]:
        return name
    off = _offset(parts[1], letter)
    if parts[2] or off is None:
        return None
    off += by
    sub = letter if off == 0 else f"{letter}{'+' if off > 0 else '-'}{abs(off)}"
    return _make_name(parts[0], sub, "")


def recurrence_letter(head: Basic, body: Basic) -> str | None:
    """The index letter of a recurrence ``x_l = x_{l-1} + F_l(x_{l-1})``: the head's one subscript, a letter
    its body also writes with an offset on the same name; None for anything else.

    >>> from derivations.checker.parser import parse_expression as p
    >>> recurrence_letter(p("x_l"), p("x_{l-1} + 1")), recurrence_letter(p("x_l"), p("y_{l-1}"))
    ('l', None)
    """
    parts = index_items(head) if isinstance(head, Symbol) else None
    if not parts or parts[2] or len(parts[1]) != 1 or not _LETTER.fullmatch(parts[1][0]):
        return None
    letter = parts[1][0]
    for s in body.free_symbols:
        theirs = index_items(s)
        if theirs and theirs[0] == parts[0] and not theirs[2] and _offset(theirs[1], letter):
            return letter
    return None


def unshifted(head: Basic, body: Basic) -> tuple[Basic, Basic, str] | None:
    """``(head, body, letter)`` shifted so that the head's index ``letter`` has no offset, or None when
    the head has none or a name of the definition uses the index in another way (kept as written).
    A head written with an offset is a template whatever the letter (the step may use l as a bound).

    >>> from derivations.checker.parser import parse_expression as p
    >>> unshifted(p("x_l"), p("2 x_{l-1}")) is None, unshifted(p("x_{l+1}"), p("w_{lj}")) is None
    (True, True)
    """
    parts = index_items(head) if isinstance(head, Symbol) else None
    if not parts or parts[2] or len(parts[1]) != 3 or not _LETTER.fullmatch(parts[1][0]):
        return None
    letter = parts[1][0]
    off = _offset(parts[1], letter)
    if not off:
        return None
    symbols = {s: _moved(s.name, letter, -off) for s in body.free_symbols | {head}}
    functions = {f.func.__name__: _moved(f.func.__name__, letter, -off) for f in body.atoms(AppliedUndef)}
    if None in symbols.values() or None in functions.values():
        return None
    rule = {s: Symbol(n, **s.assumptions0) for s, n in symbols.items() if n != s.name}
    moved = body.replace(lambda e: isinstance(e, AppliedUndef) and functions[e.func.__name__] != e.func.__name__,
                         lambda e: Function(functions[e.func.__name__])(*e.args))
    return head.xreplace(rule), moved.xreplace(rule), letter


def recurrences(pairs: list) -> tuple[list, set]:
    """The definitions ``pairs`` (head, body) with each recurrence at its own index, and the letters of
    the recurrences (templates whatever the letter: the step may use it as a bound).

    >>> from derivations.checker.parser import parse_expression as p
    >>> recurrences([(p("x_{l+1}"), p("x_l + 1")), (p("y"), p("2"))])
    ([(x_l, x_{l-1} + 1), (y, 2)], {'l'})
    """
    out, letters = [], set()
    for head, body in pairs:
        moved = unshifted(head, body)
        head, body = moved[:2] if moved else (head, body)
        letter = moved[2] if moved else recurrence_letter(head, body)
        letters |= {letter} if letter else set()
        out.append((head, body))
    return out, letters
