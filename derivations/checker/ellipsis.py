r"""A sum written with an ellipsis, ``a_1 + a_2 + \dots + a_n``, read as the indexed sum it denotes.

The terms around the dots must fix the sum: the last term after the dots and the terms before
them differ only in one index of their subscripts (the same index everywhere), the index goes up
by one from term to term, and its first value is a number.  Then ``a_1 + \dots + a_n`` is
``\sum_{k=1}^{n} a_k`` (with a fresh index letter) and the step carries a note saying so.
Without a last term (``a_1 + a_2 + \cdots``, as blogs write the chain rule's sum), two terms or more
before the dots fix the pattern and the sum is ``\sum_{k=1} a_k`` with its end not written: it is
read as a sum without bounds (``\sum_k``) is, over the range the document gives that index.
Anything else is refused with the reason: two ellipses in one sum (a special term in the middle),
one term and the dots (``a_1 + \cdots``), terms that do not differ in one index,
an index that does not go up by one, dots in a list (``f(\ldots, z_i, \ldots)``) or in a matrix.
A line holding the dots alone (``\vdots``) is left as it was (it claims nothing).

>>> from derivations.checker.parser import parse_chains
>>> [c] = parse_chains(r"m = \frac{1}{N}(t_1 + \dots + t_N)")
>>> c.items[1], c.notes[0][1]
(Σ_{k=1..N}(t_k)/N, 't_1 + … + t_N is read as \\sum_{k=1}^{N} t_k')
>>> [c] = parse_chains(r"y = x_0 + x_1 + \cdots")
>>> c.items[1].first, c.notes[0][1]
(0, 'x_0 + … (no last term) is read as \\sum_{k=0} x_k, a sum whose end is not written')
"""


from __future__ import annotations

import re

from derivations.checker.notations import _CLOSERS, _OPENERS, _Tok, _make_name

__all__ = ["read_ellipses"]

_BOUNDARY = frozenset({"EQ", "REL", "LEAD", "NEWLINE", "COMMA", "_MCOL", "_MROW", "CASECOND", "CASEROW",
                       "QUAD", "TEXT", "AMPLIT", "LANGLE", "RANGLE", "LABEL", "ARROW", "PUNCT"})  # and remarks
_NAME = re.compile(r"(?P<base>[A-Za-z]+)(?:_(?:\{(?P<sub>[^{}]*)\}|(?P<sub1>[^{}])))?"
                   r"(?P<rest>(?:\^\{\((?P<sup>.*)\)\})?(?P<star>\^\{\*\})?)")
_VALUE = re.compile(r"[0-9]{1,4}|[A-Za-z]|[A-Za-z][+-][0-9]")
_LETTERS = "kjmpqrsuvl"
_MAX_DOTS = 40  # sets of dots read in one block; beyond, they stay refused as they were


class _Refused(Exception):
    """The sum around the dots is not fixed by its terms (the message says why)."""


def _is_dots(tok: _Tok) -> bool:
    return tok.type == "UNSUP" and tok.value == "ellipsis"


def read_ellipses(toks: list[_Tok], text: str, notes: list) -> list[_Tok]:
    r"""The tokens with each sum written with dots replaced by ``(\sum_{k=a}^{b} term)``; notes added.

    Dots that cannot be read stay an ``UNSUP`` token whose value says why.

    >>> from derivations.checker.source import Positions
    >>> from derivations.checker.tokenizer import _Tokenizer
    >>> text = r"x_0 + x_1 + \dots + x_5"
    >>> toks = _Tokenizer(text, Positions(text), frozenset(), frozenset()).run()
    >>> [t.value for t in read_ellipses(toks, text, [])][:9]
    ['(', 'sum', '_', '{', 'k', '=', '0', '}', '^']
    """
    out = list(toks)
    if sum(map(_is_dots, out)) > _MAX_DOTS:  # each set of dots scans its sum: keep the work linear
        return out
    k = 0
    while k < len(out):
        if not _is_dots(out[k]):
            k += 1
            continue
        left, right = _segment(out, k)
        enclosing = [t.type for t in out[:left]]
        why = ("dots in a list (…, a, …), not a sum whose terms are written"
               if "COMMA" in [t.type for t in out[max(0, k - 1):k + 2]]
               else "dots in a matrix (a matrix of unstated size)"
               if enclosing.count("_LMATRIX") > enclosing.count("RMATRIX") else "")
        if why:
            out[k] = _Tok("UNSUP", f"ellipsis: {why}", out[k].start, out[k].end)
            k += 1
            continue
        if all(_is_dots(t) or t.type in ("PLUS", "MINUS", "MUL") for t in out[left:right]):
            k += 1  # \vdots alone on a line (or \cdots between signs only): claims nothing, left as it was
            continue
        try:
            replaced, note = _sum(out, left, right, text)
        except _Refused as why:
            out[k] = _Tok("UNSUP", f"ellipsis: {why}", out[k].start, out[k].end)
            k += 1
            continue
        first, last, new = replaced
        out[first:last] = new
        notes.append((new[0].start, note))
        k = first + len(new)
    return out


def _segment(toks: list[_Tok], k: int) -> tuple[int, int]:
    """[left, right): the tokens around index k up to an opener, a closer or a relation at depth 0."""
    return _edge(toks, k, -1, _CLOSERS, frozenset(_OPENERS)) + 1, _edge(toks, k, 1, frozenset(_OPENERS), _CLOSERS)


def _edge(toks: list[_Tok], k: int, step: int, deeper: frozenset, shallower: frozenset) -> int:
    """The index of the first token from k (going by ``step``) that ends the segment, or one past the end."""
    depth, i = 0, k + step
    while 0 <= i < len(toks):
        t = toks[i]
        if t.type in deeper:
            depth += 1
        elif t.type in shallower:
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and t.type in _BOUNDARY:
            return i
        i += step
    return i


def _terms(toks: list[_Tok], left: int, right: int) -> list[tuple[str, int, int]]:
    """(sign before it or '', start, end) of each term of the segment split at depth-0 + and -."""
    terms, depth, start, sign = [], 0, left, ""
    for i in range(left, right):
        t = toks[i]
        if t.type in _OPENERS:
            depth += 1
        elif t.type in _CLOSERS:
            depth -= 1
        elif depth == 0 and t.type in ("PLUS", "MINUS") and i > start and toks[i - 1].type not in (
                "MUL", "DIV", "PLUS", "MINUS"):
            terms.append((sign, start, i))
            sign, start = t.type, i + 1
        elif depth == 0 and t.type in ("PLUS", "MINUS") and i == start and i == left:
            sign, start = t.type, i + 1
    terms.append((sign, start, right))
    return terms


def _sum(toks: list[_Tok], left: int, right: int, text: str):
    terms = _terms(toks, left, right)
    at = [n for n, (_s, a, b) in enumerate(terms) if b - a == 1 and _is_dots(toks[a])]
    if not at:
        raise _Refused("dots inside a product or a term (x_1 x_2 \\cdots x_n): only sums written with + are read")
    if len(at) != 1 or sum(_is_dots(t) for t in toks[left:right]) != 1:
        raise _Refused("two sets of dots in one sum (a special term between them?): write the sum with \\sum")
    n = at[0]
    if terms[n][0] != "PLUS":
        raise _Refused("the dots are not a term of a sum of + terms")
    if n == len(terms) - 1:
        return _open_sum(toks, terms[:n], text)
    if n + 2 != len(terms):
        raise _Refused("more than one term after the dots: which is the last term of the pattern?")
    if terms[n + 1][0] != "PLUS":
        raise _Refused("the term after the dots is not added")
    last = terms[n + 1]
    pattern = _pattern(toks, terms[:n], last)
    if not pattern:
        raise _Refused("the terms before and after the dots do not differ in one index of their subscripts only")
    if pattern[0][0] == "MINUS":
        raise _Refused("the first term of the pattern is subtracted: is every term subtracted?")
    values = [p[3][0] for p in pattern]
    if not values[0].isdigit():
        raise _Refused("the index of the first term is not a number")
    if any(not v.isdigit() or int(v) != int(values[0]) + i for i, v in enumerate(values)):
        raise _Refused("the index does not go up by one from term to term")
    if not _same_places(pattern):  # a_1 b_1 + a_2 b_n + … + a_n b_n: the terms vary in different places
        raise _Refused("the terms before the dots do not vary in the same places")
    top = pattern[-1][3][1]
    if top.isdigit() and int(top) <= int(values[-1]):
        raise _Refused("the last term's index is not above the terms' before the dots")
    return _replacement(toks, pattern, last, text)


def _pattern(toks: list[_Tok], terms: list[tuple[str, int, int]], ref: tuple[str, int, int]) -> list:
    """(sign, start, end, fit) of the terms that fit ``ref``'s pattern, going back from the last
    (up to the first that does not fit, or the first one subtracted)."""
    pattern: list = []
    for sign, a, b in reversed(terms):
        fit = _unify(toks[a:b], toks[ref[1]:ref[2]])
        if fit is None:
            break
        pattern.insert(0, (sign, a, b, fit))
        if sign != "PLUS":
            break
    return pattern


def _same_places(pattern: list) -> bool:
    """True when every term of the pattern varies in the same places (the same names, around the index)."""
    return len({tuple((i, b, pre, suf) for i, (b, pre, suf, _m) in sorted(p[3][2].items()))
                for p in pattern}) == 1


def _open_sum(toks: list[_Tok], before: list[tuple[str, int, int]], text: str):
    r"""``a_1 + a_2 + \cdots`` (no last term) as ``\sum_{k=1} a_k``, a sum whose range is unstated.

    The terms before the dots fix the pattern (at least two, differing in one index that goes up by
    one from a number); the end is read as that of a sum written without bounds (``\sum_k``): the
    range of the step's sum of the same terms (Σ_{i=0}^d θ_i x_i), else of the document's sums over
    that index, else 1…n for every n.
    """
    if len(before) < 2:
        raise _Refused("no last term after the dots and one term before them (a_1 + \\cdots): "
                       "the pattern is not fixed")
    ref = before[-1]
    pattern = _pattern(toks, before[:-1], ref)
    if not pattern:
        raise _Refused("no last term after the dots, and the terms before them do not differ in one index "
                       "of their subscripts only")
    if pattern[0][0] == "MINUS" or ref[0] != "PLUS":
        raise _Refused("the first term of the pattern is subtracted: is every term subtracted?")
    values = [p[3][0] for p in pattern] + [pattern[-1][3][1]]
    if not values[0].isdigit() or any(not v.isdigit() or int(v) != int(values[0]) + i
                                      for i, v in enumerate(values)):
        raise _Refused("no last term after the dots, and the index does not go up by one from a number")
    if not _same_places(pattern):
        raise _Refused("the terms before the dots do not vary in the same places")
    return _replacement(toks, pattern, ref, text, open_end=True)


def _split(sub1: str, sub2: str) -> tuple[str, str, str, str] | None:
    """(prefix, value1, value2, suffix) of two subscripts that differ in one place, or None."""
    p = 0
    while p < min(len(sub1), len(sub2)) and sub1[p] == sub2[p]:
        p += 1
    s = 0
    while s < min(len(sub1), len(sub2)) - p and sub1[-1 - s] == sub2[-1 - s]:
        s += 1
    for q, t in sorted(((q, t) for q in range(p + 1) for t in range(s + 1)), key=lambda c: -(c[0] + c[1])):
        prefix, suffix = sub1[:q], sub1[len(sub1) - t:] if t else ""
        v1, v2 = sub1[q:len(sub1) - t], sub2[q:len(sub2) - t]
        if not (_VALUE.fullmatch(v1) and _VALUE.fullmatch(v2)):
            continue
        if any(prefix[-1:].isdigit() and v[0].isdigit() or suffix[:1].isdigit() and v[-1].isdigit()
               or prefix[-1:].isalpha() and v[0].isalpha() for v in (v1, v2)):
            continue  # a_{11} … a_{1n}: is 11 the index pair (1, 1) or eleven?
        return prefix, v1, v2, suffix
    return None


def _unify(term: list[_Tok], last: list[_Tok]):
    """(value in term, value in last, {position: (base, prefix, suffix, rest)}) or None."""
    if len(term) != len(last) or not term:
        return None
    values, places = set(), {}
    for i, (a, b) in enumerate(zip(term, last)):
        if a.type != b.type:
            return None
        if a.value == b.value:
            continue
        ma, mb = _NAME.fullmatch(a.value), _NAME.fullmatch(b.value)
        if a.type != "NAME" or not ma or not mb or ma.group("base") != mb.group("base") or (
                ma.group("rest") != mb.group("rest")):
            return None
        split = _split(ma.group("sub") or ma.group("sub1") or "", mb.group("sub") or mb.group("sub1") or "")
        if split is None:
            return None
        prefix, v1, v2, suffix = split
        values.add((v1, v2))
        places[i] = (ma.group("base"), prefix, suffix, ma)
    if len(values) != 1:
        return None
    (v1, v2), = values
    return v1, v2, places


def _replacement(toks, pattern, last, text, open_end: bool = False):
    """((start, end, tokens) of the sum replacing the terms, note); ``open_end``: no upper bound."""
    _sign, a0, _b0, (v1, _v, _places) = pattern[0]
    _ls, la, lb = last
    _v1, top, places = pattern[-1][3]
    used = "".join(t.value for t in toks)
    letter = next((c for c in _LETTERS if c not in used), None)
    if letter is None:
        raise _Refused("no free letter for the index")
    general = []
    for i, tok in enumerate(toks[la:lb]):
        if i in places:
            base, prefix, suffix, m = places[i]
            name = _make_name(base, prefix + letter + suffix, m.group("sup") or "", m.group("star") or False)
            tok = _Tok("NAME", name, tok.start, tok.end)
        general.append(tok)
    start = toks[a0].start
    end = toks[lb - 1].end if not open_end else toks[lb + 1].end  # the open sum ends with its dots
    head = [_Tok("_LPAR", "(", start, start), _Tok("BIGOP", "sum", start, start),
            _Tok("_SUB", "_", start, start), _Tok("_LBRACE", "{", start, start),
            _Tok("NAME", letter, start, start), _Tok("EQ", "=", start, start),
            _Tok("NUMBER", v1, start, start), _Tok("_RBRACE", "}", start, start)]
    if not open_end:
        head += [_Tok("_CARET", "^", start, start), _Tok("_LBRACE", "{", start, start)]
        bound = re.findall(r"[0-9]+|[A-Za-z]|[+-]", top)
        kinds = {"+": "PLUS", "-": "MINUS"}
        head += [_Tok(kinds.get(b) or ("NUMBER" if b.isdigit() else "NAME"), b, start, start) for b in bound]
        head.append(_Tok("_RBRACE", "}", start, start))
    new = head + general + [_Tok("_RPAR", ")", end, end)]
    first_text = text[toks[a0].start:toks[pattern[0][2] - 1].end].strip()
    if open_end:
        term = general[0].value if len(general) == 1 else f"(the terms with {letter} for their index)"
        note = f"{first_text} + … (no last term) is read as \\sum_{{{letter}={v1}}} {term}, a sum whose end is not written"
        return (a0, lb + 2, new), note  # the terms, the + and the dots
    last_text = text[toks[la].start:toks[lb - 1].end].strip()
    term = general[0].value if len(general) == 1 else f"(the last term with {letter} for its index)"
    note = f"{first_text} + … + {last_text} is read as \\sum_{{{letter}={v1}}}^{{{top}}} {term}"
    return (a0, lb, new), note
