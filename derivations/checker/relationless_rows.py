r"""A row of a display that claims nothing and cannot be read does not take the display's steps with it.

An aligned display that sets out a problem mixes definitions with rows that state no relation: an
objective (``&\text{Objective:} &&\min_{w} \lVert \hat{y} - y \rVert_2^2``), a bare expression.  Such a
row that the parser cannot read made the whole display unread, and its definitions (``\hat{y} = Xw``)
with it.  A row without any sign of a relation (:func:`.reasons.states_no_relation`: not even one in
a subscript) loses no step when it is skipped: it is blanked, with a warning in the report, and the
rest of the display is read.  A row with a relation that cannot be read still leaves the display
unread, as before.

>>> from derivations.checker.check import check_text
>>> report = check_text("$$\\begin{aligned} & \\hat{y} = Xw \\\\ & \\min_{w} \\lVert \\hat{y} - y \\rVert^2 \\end{aligned}$$")
>>> [(s.left, s.status) for s in report.steps], [n.kind for n in report.notes]
([('\\hat{y}', 'definition')], ['warning'])
"""

from __future__ import annotations

import re
from typing import Callable

from derivations.checker.extract import MathBlock
from derivations.checker.reasons import states_no_relation
from derivations.checker.report import Note
from derivations.checker.source import LatexParseError, LatexUnsupportedError

__all__ = ["readable_rows"]

_ROW_START = re.compile(r"\\\\|\\begin\{[A-Za-z*]+\}(?:\{[^{}]*\})?")
_ROW_END = re.compile(r"\\\\|\\end\{[A-Za-z*]+\}")
_ENVIRONMENT = re.compile(r"\\(begin|end)\{([A-Za-z*]+)\}")
_STATEMENT_ROWS = frozenset({"aligned", "align", "alignat", "alignedat", "split", "eqnarray", "gather", "gathered",
                             "equation", "multline", "flalign"})  # environments whose rows are statements
_MAX_ROWS = 4  # rows skipped in one display at most


def _row(body: str, offset: int) -> tuple[int, int]:
    """The span of the row of an aligned display that holds ``offset``."""
    start = max((m.end() for m in _ROW_START.finditer(body, 0, offset)), default=0)
    end = next((m.start() for m in _ROW_END.finditer(body, offset)), len(body))
    return start, end


def _in_matrix(body: str, offset: int) -> bool:
    """True when ``offset`` stands in a matrix (or cases, array): its rows are entries, not statements."""
    stack: list[str] = []
    for m in _ENVIRONMENT.finditer(body, 0, offset):
        if m.group(1) == "begin":
            stack.append(m.group(2))
        elif stack:
            stack.pop()
    return bool(stack) and stack[-1].rstrip("*") not in _STATEMENT_ROWS


def readable_rows(block: MathBlock, parse: Callable[[str], list], notes: list) -> list:
    r"""``parse(block.body)``, skipping (with a warning note) rows of several that hold no relation and
    cannot be read; raises the parse error of any other row.

    >>> from derivations.checker.extract import extract
    >>> from derivations.checker.parser import parse_chains
    >>> [block] = extract(r"$$a = b \\ \min_{w} f(w)$$", markdown=True)
    >>> found = []
    >>> [c.items for c in readable_rows(block, parse_chains, found)], found[0].message[:48]
    ([(a, b)], 'a row without a relation (it claims nothing) is ')
    """
    body, skipped, first = block.body, [], None
    while True:
        try:
            chains = parse(body)
        except (LatexParseError, LatexUnsupportedError) as err:
            first = first or err  # what the report says when the display stays unread
            lines = body.split("\n")
            offset = min(sum(len(x) + 1 for x in lines[:err.line - 1]) + err.column - 1, len(body))
            start, end = _row(body, offset)
            row = body[start:end]
            if len(skipped) == _MAX_ROWS or not row.strip() or (start, end) == (0, len(body)) or "\\\\" not in body \
                    or not states_no_relation(row) or _in_matrix(body, offset):
                raise first from None
            line = err.line + block.line - 1
            column = err.column + (block.column - 1 if err.line == 1 else 0)
            skipped.append(Note("warning", line, column, f"a row without a relation (it claims nothing) is "
                                                         f"skipped: {err.message}: {row.strip()}"))
            body = body[:start] + "".join(c if c == "\n" else " " for c in row) + body[end:]
            continue
        notes.extend(skipped)
        return chains
