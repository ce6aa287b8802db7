r"""Where a chain that starts with a relation (``= …``) takes its left side from.

A display that starts with ``=`` continues the display right before it (:mod:`.check`).  Real notes
write the same continuation in three more ways, each read here only where its shape is plain, and
each said in a note on the first step:

* **a line of inline math**: ``$\frac{dL}{dw} = a \cdot b$`` alone on its line, then
  ``$= (-0.5) \times 2 = -1$`` on a line of its own (Markdown lessons write every line this way), or
  right after it with only spaces between (``$(\tanh x)' = …$ $= …$``, a wiki page's one line).
  Between the two there may stand only prose and inline statements of values (``At $t = 1$:
  $x = 2, y = 1$``): the chain goes on at those values.  Where such values stand between, a step
  found false is not reported as refuted (the values may be meant only for what follows), but as
  not checked, saying why;
* **inline math in the sentence before**: ``the derivative $\frac{dL}{dw}$ is`` then ``$$= …$$``:
  the expression is the left side, only where a noun phrase (``the …``) names it and a copula
  (``is``, ``equals``, ``becomes``) follows it; not when a preposition comes before it (in ``the
  derivative of $x^2$ is`` the left side is not x²), nor after a verb (``Distribute $a(1-a)$:``);
* **words**: ``\therefore Input pixels $= 9 \times 9 = 81$``: the words name the quantity, so the
  first relation is read as their definition (stated in the report) and the rest of the chain is
  checked.

>>> from derivations.checker.check import check_text
>>> text = "$\\frac{d}{dx} x^2 = 2x$\n\n$= x + x$\n"
>>> [(s.left, s.status, s.notes) for s in check_text(text).steps]
[('\\frac{d}{dx} x^2', 'proved', ()), ('2x', 'proved', ('its left side is the end of the math on line 1 (2x)',))]
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable

from sympy import Basic, Derivative, Number, Symbol

from derivations.checker.report import Note
from derivations.checker.undefined_quantities import NUMBERED

__all__ = ["arrow_form", "chain_start", "continued", "several_equations"]

_CONNECTIVES = re.compile(
    r"^(?:\s+|[-*>#]+|\d+[.)]|\\therefore\b|\\because\b|[∴∵,:;]|"
    r"(?:therefore|thus|hence|so|then|and|now|finally)\b)*", re.IGNORECASE)
_COPULA = re.compile(r"(?:\s|[,:])*(?:\b(?:is|are|equals|becomes|is given by|is equal to)\b)?(?:\s|[,:])*\Z",
                     re.IGNORECASE)
_NOT_NAMES = frozenset(
    "we i you it this that which what where there here get gets got give gives gave have has had be "
    "been being do does did can will would should must may might compute computed calculate calculated "
    "substitute substituting plug plugging putting put yields yield obtain obtains find finds note "
    "becomes equals is are was were of for to at by in on with from over under into as than if when "
    "let since because".split())
_PREPOSITION = re.compile(r"\b(?:of|for|to|at|by|in|on|with|from|over|under|into|wrt|respect|than|as)\s*\Z",
                          re.IGNORECASE)
_ANY_PREPOSITION = re.compile(r"\b(?:of|for|to|at|by|in|on|with|from|over|under|into|wrt|respect|than|as|"
                              r"per|between|after|before|through)\b", re.IGNORECASE)
_NAMED = re.compile(  # "the derivative $\frac{dL}{dw}$ is": a noun phrase, the math, a copula
    r"(?:^|[.:;!?]\s|\n)\s*(?:[-*]\s+)?(?:(?:so|then|and|now|thus|hence),?\s+)?(?:the|its|our|this)\s+"
    r"[A-Za-z][A-Za-z -]{0,40}?\s*(?<![\\$])\$([^$\n]+)\$\s*"
    r"(?:is|equals|becomes|is given by|is equal to)\s*:?\s*\Z", re.IGNORECASE)
_UNNAMED = re.compile(r"(?<![\\$])\$(?:(?!\\[lgn]eq?\b)[^$\n=<>])+\$\s*(?:is|equals|becomes|is given by|is equal to)"
                      r"\s*:?\s*\Z", re.IGNORECASE)
_VALUES = re.compile(r"\s*[A-Za-z]\w*\s*=\s*-?\d+(?:\.\d+)?(?:\s*,\s*[A-Za-z]\w*\s*=\s*-?\d+(?:\.\d+)?)*\s*")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){0,4}")


def _alone(text: str, block) -> bool:
    """Does ``block`` stand alone on its line(s) (nothing but spacing and a list marker around it)?"""
    start = text.rfind("\n", 0, block.block_start) + 1
    end = text.find("\n", block.block_end)
    end = len(text) if end < 0 else end
    return (re.fullmatch(r"\s*(?:[-*]\s+)?", text[start:block.block_start]) is not None
            and not text[block.block_end:end].strip(" \t.,;"))


def _is_values(parsed) -> bool:
    """Inline math that only states values (``t = 1``, ``x = 2, y = 1``): an evaluation point."""
    if not isinstance(parsed, list):
        return False
    return bool(parsed) and all(len(c.items) == 2 and c.ops == ("=",) and isinstance(c.items[0], Symbol)
                                and isinstance(c.items[1], Number) for c in parsed)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def chain_start(text: str, blocks: list, block, chain, previous: tuple | None,
                parse: Callable[[str], Basic]) -> tuple | None:
    r"""(left side, its source, its line[, note]) the chain in ``block`` goes on from; ``previous``
    (the display right before) when nothing nearer gives it, None when nothing does.

    ``blocks`` are the document's (block, parsed chains or error) in order; ``parse`` reads an expression.

    >>> from derivations.checker.extract import extract
    >>> from derivations.checker.parser import parse_chains, parse_expression
    >>> text = "so the derivative $\\frac{dy}{dx}$ is\n$$= 2x$$"
    >>> blocks = [(b, parse_chains(b.body)) for b in extract(text, markdown=True)]
    >>> chain_start(text, blocks, blocks[0][0], blocks[0][1][0], None, parse_expression)[1:]
    ('\\frac{dy}{dx}', 1, 'its left side is \\frac{dy}{dx}, written in the sentence before it (line 1)')
    """
    if not (chain.leading or "").startswith("continue:"):
        return previous
    index = next(k for k, (b, _p) in enumerate(blocks) if b is block)
    since = blocks[index - 1][0].block_end if index else 0
    found = _in_sentence(text, since, block, parse) or (previous is None and _words(text, block, parse))
    if not found and _UNNAMED.search(text[since:block.block_start]):
        return None  # "the derivative of the loss $L$ is $$= …$$": named in words not read
    if found or previous is not None:
        return found or previous
    found = _from_line(text, blocks, index)
    return found and found + (_with_stated(found[0], chain.items[0], text, blocks[:index]),)


def _with_stated(lhs: Basic, rhs: Basic, text: str, blocks: list) -> tuple | None:
    r"""(lhs with the values the document states for its derivatives, rhs, how) when every
    derivative in ``lhs`` has a stated value (``\frac{\partial L}{\partial \hat y} = … = -0.5``)."""
    stated = {}
    for block, parsed in blocks:
        for c in parsed if isinstance(parsed, list) else ():
            if (len(c.items) >= 2 and isinstance(c.items[0], Derivative) and isinstance(c.items[-1], Number)
                    and set(c.ops) == {"="}):
                stated[c.items[0]] = (c.items[-1], c.sources[0].strip(), _line(text, block.start + c.spans[-1][0]),
                                     c.sources[-1].strip())
    wanted = lhs.atoms(Derivative)
    if not wanted or not wanted <= set(stated):
        return None
    how = "; ".join(f"{stated[d][1]} = {stated[d][3]} (line {stated[d][2]})"
                    for d in sorted(wanted, key=lambda d: stated[d][2]))
    return lhs.xreplace({d: stated[d][0] for d in wanted}), rhs, how


def _in_sentence(text: str, since: int, block, parse) -> tuple | None:
    """``the derivative $\\frac{dL}{dw}$ is`` right before the block: that expression."""
    before = text[since:block.block_start]
    if "\n\n" in before.strip("\n"):
        return None
    m = _NAMED.search(before)
    if not m or _PREPOSITION.search(before[:m.start(1) - 1]) or _ANY_PREPOSITION.search(m.group(0)):
        return None  # "the derivative of the loss $L$ is": the left side is not L
    try:
        expr = parse(m.group(1))
    except Exception:  # noqa: BLE001 - any reading failure: this is not the left side
        return None
    if not isinstance(expr, Basic) or isinstance(expr, Number):
        return None
    line = _line(text, since + m.start(1))
    return (expr, m.group(1).strip(), line,
            f"its left side is {m.group(1).strip()}, written in the sentence before it (line {line})")


def _words(text: str, block, parse) -> tuple | None:
    """``Input pixels $= 9 \\times 9$``: the words before it on its line name the quantity."""
    before = text[text.rfind("\n", 0, block.block_start) + 1:block.block_start]
    if "$" in before or "\\" in _CONNECTIVES.sub("", before, count=1):
        return None
    words = _COPULA.sub("", _CONNECTIVES.sub("", before, count=1)).strip()
    if not _WORDS.fullmatch(words) or any(w.lower() in _NOT_NAMES for w in words.split()):
        return None
    try:
        name = parse(r"\text{" + words + "}")
    except Exception:  # noqa: BLE001
        return None
    line = _line(text, block.block_start)
    return (name, words, line, f"its left side is the words '{words}' written before it: the first "
                               "relation is read as their definition")


def several_equations(parsed: list) -> bool:
    """True when a block's chains are several separate equations: an ``= …`` after them goes on from none.

    >>> from derivations.checker.parser import parse_chains
    >>> several_equations(parse_chains(r"a = 1 \\\\ b = 2")), several_equations(parse_chains(r"a &= 1 \\\\ &= 2"))
    (True, False)
    """
    return sum(len(c.items) > 1 for c in parsed) > 1


def _from_line(text: str, blocks: list, index: int) -> tuple | None:
    """The end of the last line of math before (a display, or inline math alone on its line), when
    only prose and inline values stand between, and that math is one equation (not a list of them)."""
    values, after = [], blocks[index][0].block_start
    if blocks[index][0].kind == "bare":
        return None  # plain lines decide their own joins (extract.py): an "= …" with nothing read above
    for k in range(index - 1, -1, -1):
        earlier, parsed = blocks[k]
        if re.search(r"[=<>≤≥≈]", text[earlier.block_end:after]):
            return None  # a relation not read stands between: the left side may be there
        adjacent = k == index - 1 and not text[earlier.block_end:after].strip(" \t")  # $a = b$ $= c$ on one line
        after = earlier.block_start
        if earlier.display or _alone(text, earlier) or adjacent:
            if not isinstance(parsed, list) or not parsed or re.search(
                    r"^\s*#", text[earlier.block_end:blocks[index][0].block_start], re.MULTILINE):
                return None
            if several_equations(parsed):
                return None  # ∇a = …, ∇b = …, ∇c = 0: which one goes on?
            last = parsed[-1]
            line = _line(text, earlier.start + last.spans[-1][0])
            where = f"the end of the math on line {line} ({last.sources[-1].strip()})"
            if values:
                where += f", at the values stated between them ({', '.join(values)})"
            return (last.items[-1], last.sources[-1], line, f"its left side is {where}")
        body = earlier.body.strip()
        if not (_is_values(parsed) or _VALUES.fullmatch(body)):
            return None
        values.append(f"line {earlier.line}: {body}")
    return None


def continued(result, start: tuple | None, check: Callable | None = None):
    r"""``result`` (a ChainResult) with the note of where its left side came from on its first step.

    A first step found false whose left side is a product of derivatives the document states as
    numbers (``∂L/∂ŷ = … = -0.5``, each checked where it is written, often from rounded values) is
    checked again with those values in place (``check``: the step's checker), and says so.  Where
    values stated between gave the point, a first step still found false is not refuted but not
    checked: the values may be meant only for what follows.

    >>> from derivations.checker.report import ChainResult, StepResult
    >>> result = ChainResult(3, 1, None, (StepResult(3, "a", "b", "=", "refuted"),))
    >>> step = continued(result, (None, "a", 1, "its left side is a, at the values stated between them (x)")).steps[0]
    >>> step.status, step.reason[:40]
    ('not checked', 'false taken at the values stated before ')
    """
    if not start or len(start) < 4 or not result.steps:
        return result
    first = result.steps[0]
    notes = first.notes + (start[3],)
    numbered = first.status == "not checked" and first.reason.startswith(NUMBERED)  # ∂L/∂ŷ, ŷ = σ(1.1)
    if (first.status == "refuted" or numbered) and check is not None and len(start) > 4 and start[4]:
        verdict = check(start[4][0], start[4][1])
        if getattr(verdict, "ok", False):
            first = dataclasses.replace(first, status=verdict.status, verdict=verdict, hint="", reason=(
                f"holds with the values the document states for its derivatives: {start[4][2]}"))
        elif numbered and getattr(verdict, "status", "") == "refuted":
            first = dataclasses.replace(first, status="refuted", verdict=verdict, reason=(
                f"false with the values the document states for its derivatives: {start[4][2]}"))
    if first.status == "refuted" and "values stated between" in start[3]:
        first = dataclasses.replace(first, status="not checked", hint="", reason=(
            f"false taken at the values stated before it, but those values may be meant only for what "
            f"follows ({start[3]}): not refuted"))
    return dataclasses.replace(result, steps=(dataclasses.replace(first, notes=notes),) + result.steps[1:])


def arrow_form(chain, block, previous, after_form: bool, notes: list) -> tuple:
    r"""``$$=> e^{-x}(1+e^{-x})^{-2}$$``: ⇒ before an expression alone, not before an equation.

    Notes write a display of one expression per row, each opened by ⇒ (or ``=>``), for the next form
    of the same expression.  After another such row (``after_form``, and ``previous`` the expression it
    ends with) the row is read so, as ``= …``, with a note.  A first such row that differentiates the
    expression before it (``y = E`` then ``=> \frac{d}{dx} E``) differentiates both sides: it claims
    nothing more, and says so.  Any other first row says nothing checkable (a derivative? the next form
    of one side?): it is listed as not read.  Returns (the chain to check, whether it is such a row).

    >>> from derivations.checker.check import check_text
    >>> report = check_text("$$y = x^2 + 2x + 1$$\n$$=> 2x + 2$$\n$$=> 2(x + 1)$$\n")
    >>> [(s.left, s.right, s.status) for s in report.steps]
    [('y', 'x^2 + 2x + 1', 'definition'), ('2x + 2', '2(x + 1)', 'proved')]
    >>> [(n.line, n.kind) for n in report.notes]
    [(2, 'unsupported'), (3, 'warning')]
    >>> check_text("$$y = x^3$$\n$$=> \\frac{d}{dx} x^3$$\n$$=> 3x^2$$\n").exit_code
    0
    """
    if chain.leading != "implies" or len(chain.items) != 1 or not block.display:
        return chain, False
    line = block.line + block.body.count("\n", 0, chain.spans[0][0])
    if after_form and previous is not None:
        notes.append(Note("warning", line, block.column, "⇒ between two expressions (neither an equation) is "
                                                         "read as =: the next form of the same expression"))
        return dataclasses.replace(chain, leading="continue:="), True
    if previous is not None and isinstance(chain.items[0], Derivative) and chain.items[0].expr == previous[0]:
        notes.append(Note("warning", line, block.column, "⇒ the derivative of the expression before it: both "
                                                         "sides differentiated (a step that claims nothing more)"))
        return chain, True
    notes.append(Note("unsupported", line, block.column, "⇒ before an expression that is not an equation, after an "
                      "equation or first: what it stands for (a derivative? the next form of one side?) is not said"))
    return chain, True
