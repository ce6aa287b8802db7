r"""Where in the input: the parser's limits, positions (line, column) and the errors that point there.

>>> where = Positions("x +\n  y")
>>> where.line_col(5)
(2, 2)
>>> raise where.parse_error("unexpected y", 5)
Traceback (most recent call last):
...
derivations.checker.source.LatexParseError: unexpected y (line 2, column 2)
"""


from __future__ import annotations

import bisect

from derivations.errors import InvalidInputError, UnsupportedError

MAX_INPUT_LENGTH = 20000  #: characters per call
MAX_NESTING = 100  #: brackets of any kind open at the same time
MAX_DIGITS = 100  #: digits of a number literal
MAX_SUM_TERMS = 1000  #: terms one ``\sum`` with concrete bounds may expand to
_MAX_NODES = 50_000  # tree nodes built per call, counting each expansion of a sum body



# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class LatexParseError(InvalidInputError):
    """The LaTeX is not math this parser can read; ``line``/``column`` (1-based) say where.

    >>> from derivations.checker.parser import parse_expression
    >>> try:
    ...     parse_expression("x +")
    ... except LatexParseError as err:
    ...     print(err.line, err.column, err.message)
    1 4 unexpected end of input
    """

    def __init__(self, message: str, line: int, column: int):
        self.message = message
        self.line = line
        self.column = column
        super().__init__(f"{message} (line {line}, column {column})")


class LatexUnsupportedError(UnsupportedError):
    r"""A construct the parser recognises but cannot give a meaning to (``\int``, ``\lim``, ...).

    >>> from derivations.checker.parser import parse_expression
    >>> try:
    ...     parse_expression(r"\int x_k")
    ... except LatexUnsupportedError as err:
    ...     print(err.construct, err.line, err.column)
    integral 1 1
    """

    def __init__(self, construct: str, line: int, column: int, message: str | None = None):
        self.construct = construct
        self.line = line
        self.column = column
        self.message = message or f"unsupported: {construct}"
        super().__init__(f"{self.message} (line {line}, column {column})")



class Positions:
    """Line/column (1-based) of character offsets of one text."""

    def __init__(self, text: str):
        self.text = text
        self.newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_col(self, pos: int) -> tuple[int, int]:
        pos = max(0, min(pos, len(self.text)))
        line = bisect.bisect_left(self.newlines, pos)
        start = self.newlines[line - 1] + 1 if line else 0
        return line + 1, pos - start + 1

    def parse_error(self, message: str, pos: int) -> LatexParseError:
        return LatexParseError(message, *self.line_col(pos))

    def unsupported(self, construct: str, pos: int) -> LatexUnsupportedError:
        return LatexUnsupportedError(construct, *self.line_col(pos))
