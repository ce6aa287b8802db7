"""Checking derivations someone wrote, as a pipeline of small modules.

:mod:`~derivations.checker.extract` finds the math of a LaTeX or Markdown file;
:mod:`~derivations.checker.vocabulary` (data tables), :mod:`~derivations.checker.tokenizer`,
``grammar.lark`` and :mod:`~derivations.checker.build` turn it into SymPy
(:mod:`~derivations.checker.parser` is their entry point, :mod:`~derivations.checker.source` their
limits and errors); :mod:`~derivations.checker.check` checks every step with the verifier and
:mod:`~derivations.checker.annotate` marks the file.

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
