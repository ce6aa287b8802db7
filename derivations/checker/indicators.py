r"""Indicator notation: ``(z > 0)``, ``[z > 0]``, ``\mathbb{1}[z > 0]``, ``\mathbb{1}_{z>0}``, ``1_{z>0}``.

Such a bracket is 1 where the relation holds and 0 elsewhere: the derivative of ReLU written as a
truth value.  :func:`indicator_at` finds one where the tokenizer stands and says which tokens to emit
and which text to skip, so ``(a > b)`` reads as ``1_{>0}(a - b)`` and ``(a \geq b)`` as
``1_{\geq 0}(a - b)``.  The two functions mean ``Heaviside(x, 0)`` and ``Heaviside(x, 1)`` (the value
at 0 is the relation's own: 0 for >, 1 for ≥), so nothing is claimed at a kink that the relation
does not say; ReLU'(0) itself stays undefined (the verifier reports derivatives at kinks).

A bracket right after ``\quad``, a comma, ``\text{…}`` or "if", or after a lone number at the end of
a line (``1 \quad (x > 0)``, ``= 1 (x > 0)``), is a condition, not a factor, and is left alone.

>>> from derivations.checker.parser import parse_expression
>>> parse_expression(r"(z_3 > 0) \frac{\partial z_2}{\partial z_1}")
1_{>0}(z_3)*Derivative(z_2, z_1)
>>> parse_expression(r"\mathbb{1}_{x \geq y}")
1_{\geq 0}(x - y)
"""

from __future__ import annotations

import re

from sympy import Heaviside, Lambda, Symbol

__all__ = ["INDICATOR", "INDICATOR_GEQ", "indicator_at", "indicator_definitions"]

INDICATOR = "1_{>0}"
"""The name of the indicator of x > 0 (1 there, 0 elsewhere, 0 at x = 0)."""
INDICATOR_GEQ = "1_{\\geq 0}"
"""The name of the indicator of x ≥ 0 (1 at x = 0)."""

_SIDE = r"(?:[^()\[\]{}<>=&\\]|\\(?!geq?\b|gt\b|geqslant\b|leq?\b|lt\b|leqslant\b)[A-Za-z]+|\{[^{}<>=]*\})*+"
# possessive (*+): a side cannot hold a relation, so it never gives back what it took; without it,
# \textbf{X}\boldsymbol… split into letters every way before failing (exponential time)
_REL = r"(?P<rel>>=|>|<=|<|\\geqslant\b|\\geq?\b|\\gt\b|\\leqslant\b|\\leq?\b|\\lt\b)"
_BODY = rf"\s*(?P<a>{_SIDE})\s*{_REL}\s*(?P<b>{_SIDE})\s*"
_FORMS = [  # (pattern, whether the open bracket itself stays a token)
    re.compile(r"(?:\\mathbb\{[1I]\}|\\mathbf\{1\}|\\mathbb\s*1)\s*(?P<open>[\[(])" + _BODY + r"(?P<close>[\])])"),
    re.compile(r"(?:\\mathbb\{[1I]\}|\\mathbf\{1\}|\\mathbb\s*1|1)_\{(?P<open>)" + _BODY + r"(?P<close>\})"),
    re.compile(r"(?P<open>[\[(])" + _BODY + r"(?P<close>[\])])"),
]
_CONDITION_BEFORE = re.compile(r"(?:\\q?quad|,|\\[,;:!]|\\text\{[^{}]*\}|\bif|\bfor|&|\\(?:hspace|mbox)\{[^{}]*\})\s*$")
_LONE_NUMBER_BEFORE = re.compile(r"(?:^|[=&])\s*[0-9.]+\s*$")
_BALANCED_BRACES = re.compile(r"^[^{}]*(?:\{[^{}]*\}[^{}]*)*$")


def indicator_at(text: str, pos: int):
    r"""The indicator starting at ``pos``: (function name, tokens to emit, {position: tokens}, {from: to}).

    The tokens are (type, value, start, end): the function's name and an opening parenthesis at ``pos``,
    a minus sign where the relation stands (``a > b`` is ``a − b > 0``), a closing parenthesis at
    the end; the skips jump over the notation that is not math (``\mathbb{1}_{``, ``> 0``).  None
    when no indicator starts at ``pos``.

    >>> indicator_at("(z > 0) x", 0)[0]
    '1_{>0}'
    >>> indicator_at(r"1 \quad (x > 0)", 8) is None
    True
    """
    for k, form in enumerate(_FORMS):
        m = form.match(text, pos)
        if m is None:
            continue
        a, b = m.group("a").strip(), m.group("b").strip()
        if not a or not b or not _BALANCED_BRACES.match(a) or not _BALANCED_BRACES.match(b):
            return None
        before = text[:pos]
        after = text[m.end():].lstrip()
        if k == 2 and not before.strip() and not after:
            return None  # $(x > 0)$ alone: a condition, read as the relation it is
        if k == 2 and (_CONDITION_BEFORE.search(before) or re.search(r"[A-Za-z0-9}'\])]$", before) or (
                _LONE_NUMBER_BEFORE.search(before) and (not after or after.startswith(("\\\\", ",", "&"))))):
            return None
        rel = m.group("rel")
        name = INDICATOR_GEQ if "eq" in rel or "=" in rel else INDICATOR
        zero = re.fullmatch(r"0(?:\.0*)?", b) is not None
        rel_start, rel_end, close, end = m.start("rel"), m.end("rel"), m.start("close"), m.end("close")
        opening = [("FUNC", name, pos, pos), ("_LPAR", "(", pos, pos)]
        if "<" in rel or "l" in rel:  # a < b: 1(b − a > 0), written −(a) + (b)
            inserts = {m.start("a"): opening + [("MINUS", "-", pos, pos), ("_LPAR", "(", pos, pos)],
                       rel_start: [("_RPAR", ")", rel_start, rel_start), ("PLUS", "+", rel_start, rel_end),
                                   ("_LPAR", "(", rel_start, rel_end)],
                       close: [("_RPAR", ")", close, end), ("_RPAR", ")", close, end)]}
            skips = {pos: m.start("a"), rel_start: rel_end, close: end}
        elif zero:  # a > 0: 1(a)
            inserts = {m.start("a"): opening, close: [("_RPAR", ")", close, end)]}
            skips = {pos: m.start("a"), rel_start: close, close: end}
        else:  # a > b: 1(a − (b))
            inserts = {m.start("a"): opening,
                       rel_start: [("MINUS", "-", rel_start, rel_end), ("_LPAR", "(", rel_start, rel_end)],
                       close: [("_RPAR", ")", close, end), ("_RPAR", ")", close, end)]}
            skips = {pos: m.start("a"), rel_start: rel_end, close: end}
        return name, inserts, skips
    return None


def indicator_definitions() -> list[tuple]:
    r"""(function, Lambda) of the two indicators, for the checker's table of definitions.

    >>> [body for _, body in indicator_definitions()]
    [Lambda(x, Heaviside(x, 0)), Lambda(x, Heaviside(x, 1))]
    """
    from sympy import Function

    x = Symbol("x", real=True)
    return [(Function(INDICATOR), Lambda(x, Heaviside(x, 0))),
            (Function(INDICATOR_GEQ), Lambda(x, Heaviside(x, 1)))]
