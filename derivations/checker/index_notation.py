r"""Index notation the tokenizer reads with a note: ``y_{k=i}`` (the term k at k = i), ``k^{'}`` (a primed index).

A subscript that fixes an index (``y_{k=i}``, ``e^{z_{k=i}}``) names the term it selects:
``y_{k=i}`` is ``y_i``, and the step carries a note saying so.  A subscript that only restricts
an index (``y_{k \neq i}``, ``y_{k \not= i}``) names no single term: it is refused with the
reason (the condition belongs to the text around the step, where the index stays ``k``).

>>> from derivations.checker.parser import parse_chains
>>> [c] = parse_chains(r"y_{k=i} = y_i")
>>> c.items, c.notes[0][1]
((y_i, y_i), 'y_{k=i} is read as y_i (the term with index k set to i)')
"""


from __future__ import annotations

import re

from derivations.checker.notations import _make_name, script

__all__ = ["CASE_SUBSCRIPT", "primed_indices"]

# k=i, j = 1, k=i+1: an index set to a value (one letter = a letter, a number or letter±number)
CASE_SUBSCRIPT = re.compile(r"\s*([A-Za-z])\s*=\s*([A-Za-z]|[0-9]{1,3}|[A-Za-z]\s*[+-]\s*[0-9])\s*")
_RESTRICTION = re.compile(r"\s*[A-Za-z]\s*(?:\\neq?\b|\\not\s*=|!=|\\ne\b|<|>|\\le|\\ge|\\in\b)")
# 1\{k = i\}, 1_{i=j}, \mathbb{1}\{k=i\}, \mathbf{1}\{i=j\}: 1 when the two indices are equal (the Kronecker delta)
_KRONECKER = re.compile(r"(?:1|\\(?:mathbb|mathbf|mathds|bm)\s*\{\s*1\s*\})\s*(?:\\\{\s*(?P<a>[A-Za-z])\s*=\s*(?P<b>[A-Za-z])\s*\\\}"
                        r"|_\s*\{\s*(?P<c>[A-Za-z])\s*=\s*(?P<d>[A-Za-z])\s*\})")
_UPPER_WITH_INDEX = re.compile(r"\^\s*(\{)\s*([A-Za-z])\s*=\s*(?=[^=<>]{1,40}\})")
_PRIMED = re.compile(r"\^\{?\s*(?:'+|\\prime)\s*\}?")
_LAYER_INDEX = re.compile(r"[A-Za-z](?:\s*[+-]\s*[0-9])?")  # l, L, l+1, l-1 (beside a subscript)
# The name a lone superscript sits on: a letter, a command (\delta), or a letter in a bold font or under an arrow
# (\mathbf{a}^L, \vec{z}^L are layer L as a^L is, not powers)
_INDEXED_BASE = re.compile(r"\\(?:mathbf|bm|boldsymbol|pmb|bold|mathit|vec)\s*\{\s*(?P<inner>\\[A-Za-z]+|[A-Za-z])\s*\}$"
                           r"|\\[A-Za-z]+$|[A-Za-z]$")
_LONE_LAYER = re.compile(r"[lL](?:\s*[+-]\s*[0-9])?")  # a^l, \delta^{l+1}, a^L on a name alone
_GROUP_ONE = re.compile(r"\^\s*(?:1|\{\s*1\s*\})(?![0-9.])")
_LONE_AMBIGUOUS = re.compile(r"[ij01]")  # s^i, y^j, s^1: an index, or the power i, 1?


def primed_indices(raw: str) -> str:
    r"""A subscript with primed indices written as superscripts, spelt with plain primes.

    ``k^{'}j`` is ``k'j``; ``k^\prime`` is ``k'``.  Anything else comes back unchanged.

    >>> primed_indices("k^{'}j"), primed_indices(r"k^{\prime}"), primed_indices("kj")
    ("k'j", "k'", 'kj')
    """
    return _PRIMED.sub(lambda m: "'" * max(1, m.group().count("'")), raw)


class _IndexNotations:
    """Tokenizer methods for subscripts that fix or restrict an index (mixed into the tokenizer)."""

    def index_indicator(self, start: int) -> bool:
        """``1\\{k = i\\}``, ``1_{i=j}``: the Kronecker delta δ_{ki} (1 if k = i, else 0), with a note."""
        if start and (self.text[start - 1].isdigit() or self.text[start - 1] == "."):
            return False
        m = _KRONECKER.match(self.text, start)
        if m is None:
            return False
        a, b = m.group("a") or m.group("c"), m.group("b") or m.group("d")
        self.note(start, f"{m.group()} (an indicator of two indices) is read as the Kronecker delta "
                         f"δ_{{{a}{b}}}: 1 if {a} = {b}, else 0")
        self.emit("NAME", _make_name("delta", a + b, "", False), start, m.end())
        self.pos = m.end()
        return True

    def case_script(self, raw: str, pos: int) -> str | None:
        """The index a subscript ``{k=i}`` selects (with a note), or None; ``{k \\neq i}`` is refused."""
        m = CASE_SUBSCRIPT.fullmatch(raw)
        if m is None:
            primed = primed_indices(raw)
            if primed != raw:
                return self.normalise_script(primed, pos)
            if _RESTRICTION.match(raw):
                raise self.where.unsupported(
                    f"subscript {{{raw}}}: it restricts the index instead of naming one term; write the "
                    "term with its index and state the condition in words", pos)
            return None
        value = re.sub(r"\s+", "", m.group(2))
        base = re.search(r"[A-Za-z]*$", self.text[max(0, pos - 12):pos])
        name = (base.group() if base else "") or "the name"
        written = f"{name}_{{{raw.strip()}}}" if base and base.group() else f"_{{{raw.strip()}}}"
        shown = name + script("_", value)
        self.note(pos, f"{written} is read as {shown} (the term with index {m.group(1)} set to {value})")
        return value

    def superscript_index(self, body: str, p: int, *, lone: bool) -> str | None:
        r"""The index a superscript ``^{body}`` at ``p`` writes on a name, or None for a power.

        Beside a subscript (``z^l_j``, ``\delta_j^{l+1}``) a letter, alone or ± a digit, is a layer
        index.  On a name alone, ``l`` and ``L`` (± a digit) are one too, with a note: Nielsen's
        ``a^l = \sigma(w^l a^{l-1} + b^l)`` is about layers, and read as powers its definitions are
        refuted.  ``s^i``, ``y^j``, ``s^1`` on a name alone are refused: an index (``s^i`` for
        ``s_i``) or a power?  Nobody writes the power 1, and a power i or j is rare.  Euler's e keeps
        its powers.

        >>> from derivations.checker.parser import parse_chains
        >>> [c] = parse_chains(r"a^l = \sigma(z^l)")
        >>> c.items, c.notes[0][1]
        ((a^{(l)}, sigma(z^{(l)})), 'a^l is read as a with the layer index l (not a power)')
        >>> parse_chains(r"s^i = y^i")
        Traceback (most recent call last):
        ...
        derivations.checker.source.LatexUnsupportedError: unsupported: s^i: a superscript index or the power i? (write s_i, or s^{(i)} for an index) (line 1, column 1)
        """
        body = re.sub(r"\s+", "", body)
        if not lone:
            return body if _LAYER_INDEX.fullmatch(body) else None
        base = _INDEXED_BASE.search(self.text[max(0, p - 30):p])
        if base is None or base.group() == "e":
            return None  # e^1 is e
        name = base.group()
        if _LONE_LAYER.fullmatch(body):
            bare = name if name.startswith("\\vec") else (base.group("inner") or name).lstrip("\\")
            self.note(p - len(name), f"{name}{script('^', body)} is read as {bare} with the layer index {body} "
                                     "(not a power)")
            return body
        if _LONE_AMBIGUOUS.fullmatch(body):
            self.emit("UNSUP", f"{name}^{body}: a superscript index or the power {body}? (write {name}_{body}, "
                               f"or {name}^{{({body})}} for an index)", p - len(name), p + 1)
        return None

    def group_index(self, start: int) -> None:
        """``(e^z)^1`` (a ``^`` at ``start``): nobody writes a group to the power 1, so the 1 may be an
        index (softmax notes write ``(e^z)^i`` for e^{z_i}); refused, as ``s^1`` is."""
        if self.toks and self.toks[-1].type == "_RPAR" and _GROUP_ONE.match(self.text, start):
            self.emit("UNSUP", "(…)^1: a superscript index or the power 1? (nobody writes the power 1)", start, start + 1)

    def upper_with_index(self, start: int) -> int | None:
        r"""``\sum_{i=1}^{i=N}``: the upper bound written with its index, read as ``^{N}`` (with a note).

        Only when the index is the one the lower bound sets; returns where the tokenizer goes on
        (after ``i=``), else None.
        """
        m = _UPPER_WITH_INDEX.match(self.text, start)
        toks = self.toks
        if m is None or not toks or toks[-1].type != "_RBRACE":
            return None
        k = len(toks) - 1
        while k > 0 and toks[k].type != "_LBRACE":
            k -= 1
        if k < 2 or toks[k - 1].type != "_SUB" or toks[k - 2].type != "BIGOP" or k + 2 >= len(toks) or (
                toks[k + 1].type, toks[k + 1].value, toks[k + 2].type) != ("NAME", m.group(2), "EQ"):
            return None
        self.emit("_CARET", "^", start, start + 1)
        self.emit_brace_open(m.start(1))
        self.note(start, f"the upper bound ^{{{m.group(2)}=…}} of the sum is read as the last value of {m.group(2)}")
        return m.end()


def _group_end(toks: list, k: int) -> int:
    """The index after the braced group opening at ``toks[k]`` (or after the single token there)."""
    if toks[k].type != "_LBRACE":
        return k + 1
    depth = 0
    for j in range(k, len(toks)):
        depth += {"_LBRACE": 1, "_RBRACE": -1}.get(toks[j].type, 0)
        if depth == 0:
            return j + 1
    return len(toks)


def double_sums(toks: list, notes: list) -> list:
    r"""``\sum_{i,j} x_i A_{ij} x_j``: one sum over two indices, read as ``\sum_i \sum_j`` (with a note);
    ``\sum_{i,j=1}^{n}`` gives both the bounds 1 and n.

    >>> from derivations.checker.source import Positions
    >>> from derivations.checker.tokenizer import _Tokenizer
    >>> text = r"\sum_{i,j=1}^{n} a_{ij}"
    >>> notes = []
    >>> toks = double_sums(_Tokenizer(text, Positions(text), frozenset(), frozenset()).run(), notes)
    >>> " ".join(t.value for t in toks)
    'sum _ { i = 1 } ^ { n } sum _ { j = 1 } ^ { n } a_{ij}'
    >>> notes
    [(0, '\\sum_{i,j} is read as \\sum_i \\sum_j (one sum over both indices)')]
    """
    out, k = [], 0
    while k < len(toks):
        head = [(t.type, t.value) for t in toks[k:k + 6]]
        if (len(head) < 6 or head[0] != ("BIGOP", "sum") or [t for t, _v in head[1:]] != [
                "_SUB", "_LBRACE", "NAME", "COMMA", "NAME"] or not all(
                re.fullmatch(r"[a-z]", v) for _t, v in (head[3], head[5]))):
            out.append(toks[k])
            k += 1
            continue
        close = _group_end(toks, k + 2) - 1  # the } of the subscript
        lower = toks[k + 6:close]  # "= 1", or nothing
        if lower and lower[0].type != "EQ":
            out.append(toks[k])
            k += 1
            continue
        end = close + 1
        if end < len(toks) and toks[end].type == "_CARET":
            end = _group_end(toks, end + 1)
        upper = toks[close + 1:end]
        for name in (toks[k + 3], toks[k + 5]):
            out += toks[k:k + 3] + [name] + lower + [toks[close]] + upper
        notes.append((toks[k].start, f"\\sum_{{{head[3][1]},{head[5][1]}}} is read as \\sum_{head[3][1]} "
                                     f"\\sum_{head[5][1]} (one sum over both indices)"))
        k = end
    return out
