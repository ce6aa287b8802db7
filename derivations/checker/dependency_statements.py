r"""``C = C(a_1, …, a_n)``: a statement of what a quantity depends on, not a step.

Notes on backpropagation say what the cost is a function of before applying the chain rule:
"we treat C as a function of the outputs, $C = C(a^L_1, ..., a^L_n)$", or, nested,
``\mathcal{L} = \mathcal{L}\big(\ldots, z_k^{(\ell+1)}(\ldots, z_i^{(\ell)}, \ldots), \ldots\big)``.
The same name stands on both sides, the right side lists arguments, and dots stand for the members
of a family that are not written.  Such a line claims nothing that could be false: it is read as
the dependencies it states (C depends on a^L_1 and a^L_n, and on the members between them that
the document differentiates it by), listed in the report as a definition, never as a step.

Only that exact shape is read: a name, ``=``, the same name, one parenthesised list of names,
dots, or nested statements of the same shape.  Anything else is left to the parser (and listed as
unread if it cannot be read).

>>> from derivations.checker.parser import parse_expression
>>> [(str(h), sorted(map(str, a))) for h, a in dependency_statement("C=C(a^L_1,...,a^L_n)", parse_expression)]
[('C', ['a_1^{(L)}', 'a_n^{(L)}'])]
>>> found = dependency_statement(r"\mathcal{L} = \mathcal{L}\big(\ldots, z_k(\ldots, z_i, \ldots), \ldots\big)",
...                              parse_expression)
>>> [(str(h), sorted(map(str, a))) for h, a in found]
[('L', ['z_k']), ('z_k', ['z_i'])]
>>> dependency_statement("C = D(a, b)", parse_expression) is None  # another name: not this shape
True
"""

from __future__ import annotations

import re
from typing import Callable

from sympy import Basic, Symbol

from derivations.checker.extract import extract
from derivations.checker.general_chains import family
from derivations.checker.source import LatexParseError, LatexUnsupportedError
from derivations.render.text import expr_text

__all__ = ["dependency_edges", "dependency_statement", "dependency_text", "derivative_mentions"]

_DOTS = frozenset({r"\ldots", r"\cdots", r"\dots", "...", "…", "⋯"})
_SIZE = r"(?:\\left|\\right|\\bigg|\\Bigg|\\big|\\Big)?"
_OPEN = re.compile(r"\s*" + _SIZE + r"\s*\(")
_END = re.compile(r"\s*[.,;]?\s*\Z")
_PAIRS = {"(": ")", "{": "}", "[": "]"}


def _top_level(text: str, char: str) -> list[int] | None:
    """The positions of ``char`` outside every bracket of ``text`` (None if the brackets do not pair)."""
    depth, found = 0, []
    for i, c in enumerate(text):
        if c in _PAIRS:
            depth += 1
        elif c in _PAIRS.values():
            depth -= 1
            if depth < 0:
                return None
        elif c == char and depth == 0:
            found.append(i)
    return found if depth == 0 else None


def _application(text: str, parse: Callable[[str], Basic]) -> list | None:
    """``NAME(args)`` whose args are names, dots or applications of the same shape: its dependencies,
    the first pair being NAME's own; None for any other text."""
    text = text.strip()
    start = next((i for i, c in enumerate(text) if c == "(" and text.count("{", 0, i) == text.count("}", 0, i)), -1)
    if start <= 0:  # the first parenthesis outside braces (not the one of a superscript ^{(l)})
        return None
    name = re.sub(_SIZE + r"\s*\Z", "", text[:start]).strip()
    if not text.endswith(")") or _top_level(text[start + 1:-1], ")") is None:
        return None  # the parenthesis after NAME closes only at the end
    inner = re.sub(_SIZE + r"\s*\Z", "", text[start + 1:-1])
    head = _symbol(name, parse)
    commas = _top_level(inner, ",")
    if head is None or commas is None:
        return None
    out, own = [], set()
    for arg in (inner[a + 1:b] for a, b in zip([-1] + commas, commas + [len(inner)])):
        arg = arg.strip()
        if arg in _DOTS:
            continue
        nested = _application(arg, parse) if "(" in arg else None
        symbol = nested[0][0] if nested else _symbol(arg, parse)
        if symbol is None:
            return None
        own.add(symbol)
        out += nested or []
    return [(head, own)] + out if own else None


def _symbol(text: str, parse: Callable[[str], Basic]) -> Symbol | None:
    try:
        value = parse(text)
    except Exception:  # noqa: BLE001 - any text the parser refuses is simply not a name
        return None
    return value if isinstance(value, Symbol) else None


def dependency_statement(body: str, parse: Callable[[str], Basic]) -> list[tuple[Symbol, set]] | None:
    r"""``[(name, {what it depends on}), …]`` for ``NAME = NAME(args)``, else None.

    ``parse`` reads one expression (the checker's parser, with the document's function names).

    >>> from derivations.checker.parser import parse_expression
    >>> [(head, sorted(args, key=str)) for head, args in
    ...  dependency_statement(r"J = J\left(p, \ldots, q\right)", parse_expression)]
    [(J, [p, q])]
    """
    equals = _top_level(body, "=")
    if not equals or len(equals) != 1:
        return None
    left, right = body[:equals[0]].strip(), body[equals[0] + 1:].strip()
    right = _END.sub("", right)
    if not left or not right.startswith(left) or not _OPEN.match(right[len(left):]):
        return None
    found = _application(right, parse)
    if not found or found[0][0] != _symbol(left, parse):
        return None
    return found


def dependency_edges(found: list[tuple[Symbol, set]]) -> list[tuple[Symbol, set]]:
    """The edges a statement adds to the dependency graph: a member of a family written with another
    member of it (a^L_1 and a^L_n around dots) stands for the family, whose members enter the graph
    where the document differentiates by them; it adds no edge of its own.

    >>> from sympy import symbols
    >>> C, a1, an, b = symbols("C a_1^{(L)} a_n^{(L)} b")
    >>> dependency_edges([(C, {a1, an, b})])
    [(C, {b})]
    """
    out = []
    for head, args in found:
        families = [family(a) for a in args]
        out.append((head, {a for a, f in zip(args, families) if f is None or families.count(f) == 1}))
    return out


def dependency_text(found: list[tuple[Symbol, set]]) -> str:
    """The note's words for a statement read by :func:`dependency_statement`.

    >>> from sympy import symbols
    >>> C, a, b = symbols("C a b")
    >>> dependency_text([(C, {a, b})])
    'it states that C depends on (a, b): read as a dependency, not a step'
    """
    said = "; ".join(f"{expr_text(head)} depends on ({', '.join(sorted(map(expr_text, args)))})"
                     for head, args in found)
    return f"it states that {said}: read as a dependency, not a step"


def derivative_mentions(text: str, markdown: bool, parse: Callable[[str], list]) -> list:
    r"""(block, chains) of the inline math in prose that states no relation but writes a derivative
    ("its gradients $\frac{\partial J}{\partial q_j}$ come from above"): J depends on q_j.

    >>> from derivations.checker.parser import parse_chains
    >>> [(block, chains)] = derivative_mentions(r"its gradient $\frac{dJ}{dq}$ comes", True, parse_chains)
    >>> block.body, chains[0].items
    ('\\frac{dJ}{dq}', (Derivative(J, q),))
    """
    out = []
    for block in extract(text, markdown=markdown, mentions=True):
        if "\\partial" in block.body or "\\frac{d" in block.body:
            try:
                out.append((block, parse(block.body)))
            except (LatexParseError, LatexUnsupportedError):
                continue
    return out
