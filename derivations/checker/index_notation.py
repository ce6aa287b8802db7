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

__all__ = ["CASE_SUBSCRIPT", "primed_indices", "kronecker_at"]

# k=i, j = 1, k=i+1: an index set to a value (one letter = a letter, a number or letter±number)
CASE_SUBSCRIPT = re.compile(r"\s*([A-Za-z])\s*=\s*([A-Za-z]|[0-9]{1,3}|[A-Za-z]\s*[+-]\s*[0-9])\s*")
_RESTRICTION = re.compile(r"\s*[A-Za-z]\s*(?:\\neq?\b|\\not\s*=|!=|\\ne\b|<|>|\\le|\\ge|\\in\b)")
# 1\{k = i\}, 1_{i=j}, \mathbb{1}_{\{k=i\}}, \mathbb{1}\{k=i\}: 1 when the two indices are equal
_KRONECKER = re.compile(
    r"(?:1|\\mathbb\s*\{\s*1\s*\}|\\mathbf\s*\{\s*1\s*\}|\\mathbb\s*1)\s*"
    r"(?:\\\{\s*(?P<a>[A-Za-z])\s*=\s*(?P<b>[A-Za-z])\s*\\\}"
    r"|_\s*\{\s*(?:\\\{)?\s*(?P<c>[A-Za-z])\s*=\s*(?P<d>[A-Za-z])\s*(?:\\\})?\s*\})")
_PRIMED = re.compile(r"\^\{?\s*(?:'+|\\prime)\s*\}?")


def primed_indices(raw: str) -> str:
    r"""A subscript with primed indices written as superscripts, spelt with plain primes.

    ``k^{'}j`` is ``k'j``; ``k^\prime`` is ``k'``.  Anything else comes back unchanged.

    >>> primed_indices("k^{'}j"), primed_indices(r"k^{\prime}"), primed_indices("kj")
    ("k'j", "k'", 'kj')
    """
    return _PRIMED.sub(lambda m: "'" * max(1, m.group().count("'")), raw)


def kronecker_at(text: str, pos: int) -> tuple[str, int] | None:
    r"""The Kronecker delta written as an indicator at ``pos``: (``delta_{ki}``, end), or None.

    ``1\{k = i\}`` and ``1_{i=j}`` are 1 when the two indices are equal and 0 otherwise: δ_{ki}.
    A ``1`` that ends a longer number (``21\{…``) is not one.

    >>> kronecker_at(r"t_k 1\{k = i\} - y_i", 4), kronecker_at(r"\mathbb{1}_{i=j}", 0), kronecker_at("21_{i=j}", 1)
    (('delta_{ki}', 14), ('delta_{ij}', 16), None)
    """
    if pos and (text[pos - 1].isdigit() or text[pos - 1] == "."):
        return None
    m = _KRONECKER.match(text, pos)
    if m is None:
        return None
    a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
    return f"delta_{{{a}{b}}}", m.end()


class _IndexNotations:
    """Tokenizer methods for subscripts that fix or restrict an index (mixed into the tokenizer)."""

    def kronecker(self, start: int) -> bool:
        """Emit ``1\\{k = i\\}`` as the Kronecker delta δ_{ki} (with a note); False if none is here."""
        hit = kronecker_at(self.text, start)
        if hit is None:
            return False
        name, end = hit
        self.note(start, f"{self.text[start:end]} is read as the Kronecker delta δ_{{{name[7:-1]}}} "
                         "(1 if the indices are equal, else 0)")
        self.emit("NAME", name, start, end)
        self.pos = end
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
        shown = f"{name}_{value}" if len(value) == 1 else f"{name}_{{{value}}}"
        self.note(pos, f"{written} is read as {shown} (the term with index {m.group(1)} set to {value})")
        return value
