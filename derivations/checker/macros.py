r"""The document's own macros: ``\gdef\par#1#2{\frac{\partial #1}{\partial #2}}``, then ``\par{C}{w^2}``.

Notes written for KaTeX or MathJax define shorthands for what they write often (a partial derivative,
a bold vector) with ``\gdef``, ``\def``, ``\newcommand`` or ``\renewcommand``.  Without them every display
that uses one was refused ("unknown command \par").  The definitions are read from the whole text, each
use is replaced by the body with its arguments put in (uses inside uses too, a few levels deep), and
the definitions themselves are blanked (they claim nothing); the report lists each macro read.  A body
is put on one line, so the lines of the document keep their numbers.  What the math itself needs
(``\frac``, ``\left``, ``\begin``, …) is never redefined, and an expansion that grows without end
(a macro that uses itself) is left as written, so its displays stay refused.

>>> text = r"$$\gdef\par#1#2{\frac{\partial #1}{\partial #2}}$$ and $$\par{C}{w} = \delta a$$"
>>> expanded, notes = expand_macros(text)
>>> expanded.split("and")[1].strip()
'$$\\frac{\\partial C}{\\partial w} = \\delta a$$'
>>> notes
[(1, "\\par is the document's macro (\\gdef, 2 arguments): its uses are read expanded")]
"""

from __future__ import annotations

import re

__all__ = ["expand_macros"]

_DEFINITION = re.compile(
    r"\\(?:gdef|def|xdef|edef)\s*\\(?P<a>[A-Za-z]+)\s*(?P<params>(?:#\d)*)\s*(?=\{)"
    r"|\\(?:re)?newcommand\*?\s*\{?\s*\\(?P<b>[A-Za-z]+)\s*\}?\s*(?:\[(?P<count>\d)\])?\s*(?=\{)")
_KEPT = frozenset("begin end left right frac dfrac tfrac sqrt text mathrm operatorname partial sum prod "
                  "int lim cdot times gdef def newcommand renewcommand".split())
_DEPTH = 5  # uses inside uses
_GROWTH = 4  # an expanded text longer than 4 times the text (plus 10 000 characters) is not used


def _group(text: str, start: int) -> int | None:
    """The end of the balanced ``{…}`` group opening at ``start``, else None."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    for k in range(start, len(text)):
        if text[k] == "\\":
            continue
        if text[k] == "{" and (k == 0 or text[k - 1] != "\\"):
            depth += 1
        elif text[k] == "}" and text[k - 1] != "\\":
            depth -= 1
            if depth == 0:
                return k + 1
    return None


def _definitions(text: str) -> tuple[dict, list, list]:
    """({name: (arguments, body)}, the spans of the definitions, notes (line, message))."""
    macros, spans, notes = {}, [], []
    for m in _DEFINITION.finditer(text):
        name = m.group("a") or m.group("b")
        end = _group(text, m.end())
        if end is None or name in _KEPT:
            continue
        count = len(m.group("params") or "") // 2 if m.group("a") else int(m.group("count") or 0)
        macros[name] = (count, " ".join(text[m.end() + 1:end - 1].split()))
        spans.append((m.start(), end))
        kind = re.match(r"\\[a-z]+", m.group()).group()
        notes.append((text.count("\n", 0, m.start()) + 1, f"\\{name} is the document's macro ({kind}, {count} "
                      f"argument{'s' if count != 1 else ''}): its uses are read expanded"))
    return macros, spans, notes


def _expand_once(text: str, macros: dict) -> tuple[str, bool]:
    out, k, changed = [], 0, False
    pattern = re.compile(r"\\(" + "|".join(sorted(map(re.escape, macros), key=len, reverse=True)) + r")(?![A-Za-z])")
    for m in pattern.finditer(text):
        if m.start() < k:
            continue
        count, body = macros[m.group(1)]
        args, end = [], m.end()
        for _ in range(count):
            while end < len(text) and text[end] in " \t":
                end += 1
            close = _group(text, end)
            if close is None:
                break
            args.append(text[end + 1:close - 1])
            end = close
        if len(args) != count:
            continue  # a use without its arguments: left as written (refused later, said why)
        value = re.sub(r"#(\d)", lambda a: args[int(a.group(1)) - 1] if 0 < int(a.group(1)) <= count else "", body)
        out.append(text[k:m.start()] + value)
        k, changed = end, True
    out.append(text[k:])
    return "".join(out), changed


def expand_macros(text: str) -> tuple[str, list[tuple[int, str]]]:
    r"""``text`` with the document's macros expanded and their definitions blanked; notes (line, message).

    >>> expand_macros(r"$\newcommand{\R}{\mathbb{R}} x \in \R$")[0].split()
    ['$', 'x', '\\in', '\\mathbb{R}$']
    """
    if "def" not in text and "newcommand" not in text:
        return text, []
    macros, spans, notes = _definitions(text)
    if not macros:
        return text, []
    for start, end in reversed(spans):
        text = text[:start] + "".join(c if c == "\n" else " " for c in text[start:end]) + text[end:]
    limit = _GROWTH * len(text) + 10_000
    expanded = text
    for _ in range(_DEPTH):
        expanded, changed = _expand_once(expanded, macros)
        if len(expanded) > limit:
            return text, notes  # a macro that keeps growing: its uses are left as written
        if not changed:
            break
    return expanded, notes
