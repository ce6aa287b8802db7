r"""A condition written just before a display ("**For $x > 0$**: $$\frac{d}{dx}\mathrm{ReLU}(x) = 1$$").

Piecewise facts are often written as a list: a condition in inline math introduced by "for", "if"
or "when", then the display that holds under it.  Read without it, a right step is refuted at a
point outside the condition (ReLU'(x) = 1 fails at x = -1).  The condition is used as the domain
of that symbol for the steps of the next display only, and the report says so.  Only a bound on a
single symbol by a number counts, and only when nothing but spacing, emphasis or a colon stands
between the condition and the display.

>>> from derivations.checker.extract import extract
>>> text = "1. **For $x > 0$**:\n   $$f = 1$$"
>>> name, domain = condition_before(text, extract(text, markdown=True)[0])
>>> name, domain.describe()
('x', '(0, inf)')
"""

from __future__ import annotations

import dataclasses
import re

from sympy import Number, Symbol

from derivations.checker.extract import MathBlock
from derivations.core.domains import Domain, interval
from derivations.checker.parser import LatexParseError, LatexUnsupportedError, parse_chains

__all__ = ["condition_before", "under_words", "equation_to_solve"]

_INTRO = re.compile(r"(?:^|[^A-Za-z])(?:for|if|when)\s*[*_]*\s*\$([^$\n]{1,40})\$[\s*_:]*\Z",
                    re.IGNORECASE)
_BOUNDS = {">": "lo", ">=": "lo", "<": "hi", "<=": "hi"}


def condition_before(text: str, block: MathBlock) -> tuple[str, Domain] | None:
    """(symbol name, domain) when display ``block`` is introduced by an inline condition on one symbol.

    The bound is read as an open interval: the steps are checked inside it, not on its boundary.

    >>> from derivations.checker.extract import extract
    >>> text = "Since $x > 0$ holds, $$f = 1$$"
    >>> condition_before(text, extract(text, markdown=True)[0]) is None
    True
    """
    if not block.display:
        return None
    found = _INTRO.search(text[max(0, block.block_start - 200):block.block_start])
    if not found:
        return None
    try:
        chains = parse_chains(found.group(1))
    except (LatexParseError, LatexUnsupportedError):
        return None
    if len(chains) != 1 or len(chains[0].items) != 2 or chains[0].ops[0] not in _BOUNDS:
        return None
    var, bound = chains[0].items
    if not isinstance(var, Symbol) or not isinstance(bound, Number) or not bound.is_real:
        return None
    value = str(bound)
    lo, hi = (value, None) if _BOUNDS[chains[0].ops[0]] == "lo" else (None, value)
    return var.name, interval(lo, hi)


_WORDED = re.compile(  # "If the cost function is cross entropy, then we have $…$": a setting other than the document's
    r"(?:^|[.!?]\s|\n\s*\n|^\s*>\s*)\s*(If|Suppose|Assume|Assuming)\b([^$.!?]{3,160}?"
    r"\b(?:is|are|was|were|instead|uses?)\b[^$.!?]{0,120}?),\s*(?:then\s+)?[^$.!?]{0,60}\Z", re.MULTILINE)
_HOLDS = ("proved", "confirmed", "refuted")


def under_words(result, text: str, block: MathBlock):
    r"""``result`` (a ChainResult) with no step proved or refuted when its block ends a sentence that
    starts with a hypothesis in words ("If the cost function is cross entropy, then we have $…$"):
    the step is about another setting than the document's definitions, which the checker cannot apply.

    >>> from derivations.checker.check import check_text
    >>> report = check_text("$$C = (a - y)^2$$\n\nIf the cost is the cross entropy, then $\\frac{\\partial C}{\\partial a} = a$.")
    >>> report.steps[-1].status, report.steps[-1].reason[:60]
    ('not checked', 'stated under a hypothesis in words ("If the cost is the cros')
    """
    found = _WORDED.search(text, max(0, block.block_start - 400), block.block_start)
    if found is None or not any(s.status in _HOLDS for s in result.steps):
        return result
    words = " ".join(f"{found.group(1)}{found.group(2)}".split())
    steps = tuple(dataclasses.replace(s, status="not checked", verdict=None, hint="", reason=(
        f'stated under a hypothesis in words ("{words}") that the checker cannot apply (with the document\'s '
        f"definitions instead, it {'holds' if s.status != 'refuted' else 'does not hold'}: {s.describe()})"))
        if s.status in _HOLDS else s for s in result.steps)
    return dataclasses.replace(result, steps=steps)


_TO_SOLVE = re.compile(  # "Set to zero and cancel -2/N:", "Setting the gradient to 0,", "Solve for b:"
    r"\b(?:(?:set|setting|equate|equating)\b[^.!?$]{0,60}?\b(?:to\s+)?(?:zero|0)\b|solv(?:e|ing)\s+(?:for|it)\b)"
    r"[^.!?]{0,80}[:.,]?\s*\Z", re.IGNORECASE)


def equation_to_solve(result, text: str, block: MathBlock, leading: str | None = None):
    r"""``result`` (a ChainResult) with its one refuted step read as a condition when the words just
    before its display set something to zero or say to solve ("Set to zero and cancel $-2/N$:"): the
    equation is what the unknowns must satisfy, not an identity; the steps after it that follow with
    ⇒ or ⇔ are checked against it.  A step that itself follows with ⇒ or ⇔ (``leading``) is left as it
    is: it was checked as following from the equation before it.

    >>> from derivations.checker.check import check_text
    >>> step = check_text("Set the derivative to zero:\n$$\\sum_{i=1}^{n} (y_i - a x_i) = 0$$").steps[0]
    >>> step.status, step.reason[:45]
    ('hypothesis', 'an equation to solve ("Set the derivative to ')
    """
    if not block.display or leading or len(result.steps) != 1 or result.steps[0].status != "refuted":
        return result
    step = result.steps[0]
    sides = [re.sub(r"\\[,;!]|\\quad|[\s.,]", "", side) for side in (step.left, step.right)]
    if "0" not in sides or re.search(r"\\partial|∂|\\nabla|\bd[A-Za-z]", step.left + step.right):
        return result  # only "… = 0", and no derivative in it: a derivative claimed = … stays a claim
    before = text[max(0, block.block_start - 200):block.block_start]
    found = _TO_SOLVE.search(before.rstrip().split("\n\n")[-1])  # in the paragraph right before
    if found is None:
        return result
    words = " ".join(found.group().split()).rstrip(":.,")
    step = dataclasses.replace(step, status="hypothesis", hint="", verdict=None, reason=(
        f'an equation to solve ("{words}"): what the unknowns must satisfy, not an identity; '
        "taken as given for the steps that follow from it"))
    return dataclasses.replace(result, steps=(step,))
