r"""The evaluation bar, ``\left. E \right|_{x = a}``: E with x replaced by a (a ``Subs``).

Written for a derivative at a point: ``\left.\frac{d^2 f(x)}{dx^2}\right|_{x = x^\star}``.  The
point may be written alone when its name is the variable's with a mark (``\right|_{x^\star}``,
``\right|_{x_0}``): the variable is then the base letter, and a note says so.  The bar is read only
with ``\left.`` before the expression (where it starts is then written); anything else, and a
``\left.`` without its bar, stays as it was (``\left.`` alone is an invisible delimiter).

>>> from derivations.checker.parser import parse_chains
>>> [c] = parse_chains(r"g = \left. x^2 + 1 \right|_{x = 3}")
>>> c.items[1], c.items[1].doit()
(Subs(x**2 + 1, x, 3), 10)
>>> [c] = parse_chains(r"\left.\frac{d f(x)}{dx}\right|_{x^\star} = p", functions={"f"})
>>> c.items[0], c.notes[0][1]
(Subs(Derivative(f(x), x), x, x^{*}), '\\right|_{x^\\star} is read as the value at x = x^\\star')
"""

from __future__ import annotations

import re

from derivations.checker.notations import _CLOSERS, _OPENERS, _Tok

__all__ = ["LEFT_DOT", "read_evaluation_bars"]

LEFT_DOT = "_LDOT"
"""The token the tokenizer leaves for ``\\left.`` (removed here, whether or not a bar closes it)."""
_MARKED = re.compile(r"(?P<base>[A-Za-z])(?:\^\{?(?:\*|\\star|\\ast|\\prime)\}?|_\{?[0-9*]\}?|\^\{?\(\d\)\}?)")


def read_evaluation_bars(toks: list[_Tok], text: str, notes: list) -> list[_Tok]:
    r"""The tokens with each ``\left. E \right|_{x = a}`` turned into ``evalat(E, x, a)``; notes added.

    >>> from derivations.checker.source import Positions
    >>> from derivations.checker.tokenizer import _Tokenizer
    >>> text = r"\left. y \right|_{y=2}"
    >>> toks = _Tokenizer(text, Positions(text), frozenset(), frozenset()).run()
    >>> [t.value for t in read_evaluation_bars(toks, text, [])]
    ['evalat', '(', 'y', ',', 'y', ',', '2', ')']
    """
    out = list(toks)
    k = 0
    while k < len(out):
        if out[k].type != LEFT_DOT:
            k += 1
            continue
        bar = _bar(out, k)
        if bar is None:
            del out[k]
            continue
        close, variable, point, end = bar
        start = out[k].start
        written = text[out[close].start:out[end - 1].end]
        if variable is None:  # \right|_{x^\star}: the variable is the point's base letter
            m = _MARKED.fullmatch(point[0].value)
            if not any(t.type == "NAME" and t.value == m.group("base") for t in out[k + 1:close]):
                del out[k]  # no x in E: which variable? (the bar stays, unread)
                continue
            variable = [_Tok("NAME", m.group("base"), point[0].start, point[0].start)]
            notes.append((start, f"{written} is read as the value at {m.group('base')} = "
                                 f"{text[point[0].start:point[-1].end]}"))
        new = ([_Tok("FUNC", "evalat", start, start), _Tok("_LPAR", "(", start, start)] + out[k + 1:close]
               + [_Tok("COMMA", ",", start, start)] + variable + [_Tok("COMMA", ",", start, start)] + point
               + [_Tok("_RPAR", ")", out[end - 1].end, out[end - 1].end)])
        out[k:end] = new
        k += len(new)
    return out


def _bar(toks: list[_Tok], k: int):
    """(index of the bar, variable tokens or None, point tokens, end) of the bar that closes the
    ``\\left.`` at k, when it is ``\\right|`` with a subscript of a point; else None."""
    depth, i = 0, k + 1
    while i < len(toks):
        t = toks[i]
        if t.type in _OPENERS:
            depth += 1
        elif t.type in _CLOSERS and not (t.type == "_RABS" and depth == 0):
            if depth == 0:
                return None
            depth -= 1
        elif t.type == "_RABS" and depth == 0:
            break
        elif depth == 0 and t.type in ("EQ", "REL", "NEWLINE", LEFT_DOT):
            return None
        i += 1
    else:
        return None
    if i == k + 1 or i + 2 >= len(toks) or toks[i + 1].type != "_SUB":
        return None
    if toks[i + 2].type == "_LBRACE":
        depth, j = 0, i + 2
        while j < len(toks):
            depth += toks[j].type in _OPENERS
            depth -= toks[j].type in _CLOSERS
            if depth == 0:
                break
            j += 1
        else:
            return None
        inside, end = toks[i + 3:j], j + 1
    else:
        inside, end = toks[i + 2:i + 3], i + 3
    eq = [n for n, t in enumerate(inside) if t.type == "EQ"]
    if len(eq) == 1 and eq[0] == 1 and inside[0].type == "NAME" and len(inside) > 2 and \
            re.fullmatch(r"[A-Za-z]", inside[0].value):
        return i, inside[:1], inside[2:], end
    if not eq and len(inside) == 1 and inside[0].type == "NAME" and _MARKED.fullmatch(inside[0].value):
        return i, None, inside, end
    return None
