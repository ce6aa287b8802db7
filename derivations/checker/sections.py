r"""Where a document opens its sections: headings, and lines that open with a bold label.

Notes reuse names from one section to the next ("**Without residual**: $\frac{\partial x_5}{\partial
x_0} = 0.8^5$", then "**With residual**: $\frac{\partial x_5}{\partial x_0} = 1.8^5$"): two statements
that contradict each other across such a boundary may be about two things of one name, not one slip.
A heading's index condition (``**Case 2: $i \neq k$**``) holds for its section (:mod:`.indexstate`).

>>> text = "# Intro\n$a = 1$\n**Case 2: $i \\neq k$**\n$b = 2$\n**Label**: $c = 3$\n"
>>> [line for _start, line in headings(text)]
['# Intro', '**Case 2: $i \\neq k$**']
>>> section_lines(text)
(1, 3, 5)
>>> apart(section_lines(text), 2, 4), apart(section_lines(text), 3, 4)
(True, False)
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable

from sympy import Basic

__all__ = ["headings", "section_lines", "apart", "several_meanings"]

_HEADING = re.compile(  # a line that opens a section: "### Case 2", "**Case 1: $i = k$**", "\paragraph{…}"
    r"^[ \t]*(?:#{1,6}[ \t].*|\*\*.*\*\*[ \t:.]*|\\(?:(?:sub)*section|paragraph|textbf)\*?\{.*)$", re.MULTILINE)
_LABEL = re.compile(r"^[ \t]*(?:[-*>][ \t]+)?\*\*[^*\n]+\*\*", re.MULTILINE)  # "**With residual**: $…$"


@lru_cache(maxsize=4)
def headings(text: str) -> list[tuple[int, str]]:
    r"""(start, line) of each line of ``text`` that is a heading, in order.

    >>> headings("## Case $i = j$\ntext\n**Case 2**\n")
    [(0, '## Case $i = j$'), (21, '**Case 2**')]
    """
    return [(m.start(), m.group(0)) for m in _HEADING.finditer(text)]


@lru_cache(maxsize=4)
def section_lines(text: str) -> tuple[int, ...]:
    r"""The line numbers (from 1) of the headings and of the lines that open with a bold label.

    >>> section_lines("a\n**With residual**: $x = 1$\n### Backward\n")
    (2, 3)
    """
    starts = {start for start, _line in headings(text)} | {m.start() for m in _LABEL.finditer(text)}
    return tuple(sorted(text.count("\n", 0, s) + 1 for s in starts))


def apart(sections: tuple[int, ...], first: int, later: int) -> bool:
    """True when a section opens after line ``first`` and at or before line ``later``.

    >>> apart((2, 9), 3, 9), apart((2, 9), 3, 8)
    (True, False)
    """
    k = bisect.bisect_right(sections, first)
    return k < len(sections) and sections[k] <= later


def several_meanings(sides: Iterable[Basic], line: int, equations: list, sections: tuple[int, ...]) -> str:
    r"""Why a refuted step may be about another meaning of a name, else "": a name in ``sides`` that
    ``equations`` ((line, head, body) of every ``x = …``) define differently on several lines, the last
    of them before ``line`` in an earlier section (x_{l+1} = f(x_l) for a plain network, later
    x_{l+1} = x_l + F(x_l), then "### Backward" and a step about the plain one).

    >>> from sympy import Symbol
    >>> x, y, a, b = (Symbol(n) for n in "xyab")
    >>> several_meanings([x + 1], 9, [(2, x, a), (5, x, b)], (1, 7))[:40]
    'x is defined differently on lines 2 and '
    >>> several_meanings([x + 1], 6, [(2, x, a), (5, x, b)], (1, 7))
    ''
    """
    for name in sorted(set().union(*(e.free_symbols for e in sides)), key=str):
        defined = [(n, body) for n, head, body in equations if head == name and n < line]
        if len({body for _n, body in defined}) > 1 and apart(sections, defined[-1][0], line):
            lines = " and ".join(str(n) for n, _body in defined)
            return (f"{name} is defined differently on lines {lines}, and the one in force (line {defined[-1][0]}) "
                    "is from an earlier section: the step may mean another of them")
    return ""
