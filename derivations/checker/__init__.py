"""Checking derivations someone wrote: the LaTeX math parser (more modules to come).

>>> from derivations.checker import parse_expression
>>> parse_expression(r"\\sigma(z)(1-\\sigma(z))")
(1 - sigma(z))*sigma(z)
"""

from derivations.checker.parser import (
    SUPPORTED_NOTATION,
    Chain,
    LatexParseError,
    LatexUnsupportedError,
    parse_chains,
    parse_expression,
)

__all__ = [
    "SUPPORTED_NOTATION",
    "Chain",
    "LatexParseError",
    "LatexUnsupportedError",
    "parse_chains",
    "parse_expression",
]
