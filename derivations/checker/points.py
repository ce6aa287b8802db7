r"""A variable given a value in passing: "at the point $x = 0$, $\sigma(0) = \frac{1}{2}$".

Prose often evaluates a formula at one point: the variable the document has been using (x in
``\sigma(x) = \frac{1}{1+e^{-x}}``) is given a number in an inline equation.  Read as a definition
for the rest of the document, every later step in x would be checked at that point only, so a
wrong ``\sigma'(x) = \frac{1}{4}`` would pass (it holds at x = 0).  So a step that holds with such
a value, but not for every value of the variable, is not checked: whether the document means it at
the point or for every x is not said.  A step that holds for every x, or fails at the point, keeps
its verdict, and so does a step still about the point: in its paragraph, or in the displays right after
it with no new paragraph of words between ("At $t = 1$: $$(2x + y)(2) = (4 + 1)(2)$$").  Only a value
introduced as a point ("at", "at the point", "when", "if", "for") of a variable already
in use counts: the numbers of a worked example ("Input $x = 2$, weight $w = 0.5$") are its data.

>>> from derivations.checker.check import check_text
>>> text = ("Let $\\sigma(x) = \\frac{1}{1+e^{-x}}$. At the point $x = 0$, $\\sigma(0) = \\frac{1}{2}$.\n\n"
...         "Now the derivative:\n\n$$\\sigma'(x) = \\frac{1}{4}$$")
>>> step = check_text(text).steps[-1]
>>> step.status, step.reason[:62]
('not checked', 'it holds at x = 0 (the value given on line 1), not for every x')
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from sympy import Basic, Number, Symbol

from derivations.checker.extract import MathBlock
from derivations.core.definitions import chained

__all__ = ["at_point", "introduces_point", "near_point", "only_at_point"]

_NEW_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*\S")
_AT = re.compile(r"(?:^|[^A-Za-z])(?:at|when|if|for|evaluated at)(?:\s+the\s+(?:point|value))?[\s*_]*\Z", re.IGNORECASE)


def introduces_point(text: str, block: MathBlock) -> bool:
    r"""True when the words just before inline math ``block`` make it a point: "at", "at the point", "when",
    "if", "for".

    >>> from derivations.checker.extract import extract
    >>> text = "At the point $x = 0$, and with $w = 2$"
    >>> [introduces_point(text, b) for b in extract(text, markdown=True)]
    [True, False]
    """
    return not block.display and _AT.search(text, max(0, block.block_start - 60), block.block_start) is not None


def at_point(head: Basic, value: Basic, introduced: bool, seen: set) -> bool:
    r"""True when ``head = value`` gives a number to a variable the document already uses, in inline math
    ``introduced`` as a point (:func:`introduces_point`).

    >>> x = Symbol("x")
    >>> at_point(x, Number(0), True, {x}), at_point(x, Number(0), True, set()), at_point(x, Number(0), False, {x})
    (True, False, False)
    """
    return introduced and isinstance(head, Symbol) and isinstance(value, Number) and head in seen


def near_point(text: str, spans: list, end: int, start: int) -> bool:
    r"""True when math starting at ``start`` is still about the point given in math ending at ``end``: no new
    paragraph of words stands between them (the math ``spans`` aside).

    >>> text = "At $x = 0$:\n\n$$a = b$$\n\nNow in general:\n\n$$c = d$$"
    >>> spans = [(3, 10), (13, 22), (42, 51)]
    >>> near_point(text, spans, 10, 13), near_point(text, spans, 10, 42)
    (True, False)
    """
    gap = list(text[end:start])
    for a, b in spans:
        for k in range(max(a, end), min(b, start)):
            gap[k - end] = " "
    return _NEW_PARAGRAPH.search("".join(gap)) is None


def only_at_point(sides: Iterable[Basic], points: dict, raw: list, check: Callable[[list], object]) -> str:
    r"""Why a step that holds must not be called right: it holds only at the value a variable was given in
    passing (``points``: symbol → line), or "".  ``raw`` is the document's symbol definitions as written,
    in order; ``check(definitions)`` checks the step again with the given ones (the points' left out).

    >>> from types import SimpleNamespace
    >>> x, y = Symbol("x"), Symbol("y")
    >>> only_at_point([y], {x: 3}, [(y, 2 * x), (x, Number(0))], lambda defs: SimpleNamespace(status="refuted"))
    'it holds at x = 0 (the value given on line 3), not for every x: whether the step is meant at that point only is not said'
    >>> only_at_point([y], {x: 3}, [(y, 2 * x), (x, Number(0))], lambda defs: SimpleNamespace(status="proved"))
    ''
    """
    if not points:
        return ""
    rest = chained([(s, v) for s, v in raw if s not in points])
    free = set().union(*(e.xreplace(dict(rest)).free_symbols for e in sides))
    used = sorted((s for s in points if s in free), key=str)
    if not used or check(rest).status != "refuted":
        return ""
    values = dict(raw)
    where = ", ".join(f"{s} = {values[s]}" for s in used)
    lines = ", ".join(str(points[s]) for s in used)
    names = ", ".join(str(s) for s in used)
    return (f"it holds at {where} (the value given on line {lines}), not for every {names}: whether the step is "
            "meant at that point only is not said")
