r"""Function applications read from their context: ``\mathcal{F}(x_l, W_l)``, ``\frac{d\tanh}{dZ}``.

``F(a, b)`` cannot be a product (a pair is not a number), so the name is read as a function of
its arguments, with a note; ``F(a)`` alone stays a product unless the document declares ``F``.

>>> from derivations.checker.parser import parse_chains
>>> [c] = parse_chains(r"x_{l+1} = x_l + \mathcal{F}(x_l, \mathcal{W}_l)")
>>> c.items[1], c.notes[0][1]
(x_l + F(x_l, W_l), 'F(…, …) is read as the function F applied to its arguments')
"""


from __future__ import annotations

import re

from derivations.checker.plain import matching_paren

__all__ = ["tuple_follows", "bare_function", "placeholder_arguments", "inside_arguments"]

_GROUPED = re.compile(r"[0-9],[0-9]{3}(?![0-9]|,\s*[0-9])")  # 1,000: a thousands separator, not a comma
_MAX_SCAN = 2000  # characters looked at for the comma: a longer argument list is not read as one
_PLACEHOLDER = re.compile(r"\s*(?:\\left\s*)?\(\s*(?:\.\.\.|…|\\(?:ldots|dots|cdots|cdot)(?![A-Za-z]))\s*(?:\\right\s*)?\)")
_ESCAPED_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{0,11}(?:\\_[A-Za-z0-9]{1,12}){1,3}(?![A-Za-z0-9])")
_AT_NUMBER = re.compile(r"\((?:-\s*)?[0-9]{1,6}(?:\.[0-9]{1,6})?\)")
_AT_NAME = re.compile(r"\(\s*\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]{1,4}\}?)?\s*\)")
_OPEN = re.compile(r"\s*(?:\\(?:left|bigl|Bigl|big|Big|mleft)\s*)?\(")


def tuple_follows(text: str, pos: int) -> bool:
    r"""True if a parenthesised list with a top-level comma starts at ``pos``: ``(a, b)``, ``\left(a, b\right)``.

    >>> tuple_follows("F(a, b) + c", 1), tuple_follows("F(a) (b, c)", 1), tuple_follows("f(g(a, b))", 1)
    (True, False, False)
    """
    m = _OPEN.match(text, pos)
    if m is None:
        return False
    depth, i = 1, m.end()
    while i < min(len(text), m.end() + _MAX_SCAN) and depth:
        ch = text[i]
        if ch == "\\":
            if text.startswith("\\\\", i):  # a new line: the list is not closed on this one
                return False
            i += 2
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch in ",;" and depth == 1 and not _GROUPED.match(text, i - 1):  # L(\theta; D) too
            return True
        elif ch in "=&":
            return False
        i += 1
    return False


def bare_function(body, variables) -> bool:
    r"""True when a derivative's operand is a function named without its argument and one variable is given.

    ``\frac{d\tanh}{dZ}`` is the derivative of ``\tanh(Z)``: the parser applies the function to
    the variable (with a note).  σ is excluded: written alone it is a quantity (``σ(1 − σ)``).
    ``body`` is the derivative's operand as (operator, node) items, ``variables`` its (variable, order).

    >>> from derivations.checker.parser import parse_expression
    >>> parse_expression(r"\frac{d\tanh}{dZ}")
    Derivative(tanh(Z), Z)
    """
    if len(body) != 1 or len(variables) != 1 or body[0][0]:
        return False
    node = body[0][1]
    return getattr(node, "type", None) == "FUNC" and str(node) != "sigma"


def placeholder_arguments(text: str, pos: int) -> int | None:
    r"""The end of ``(...)``, ``(\dots)`` or ``(\cdot)`` at ``pos`` (arguments left unwritten), else None.

    ``C_0(...) = (a - y)^2`` names C_0 as a function of arguments the author does not list: the
    name stands alone (C_0), with a note; nothing is multiplied by dots.

    >>> placeholder_arguments("C_0(...) = 1", 3), placeholder_arguments(r"f(\cdot)", 1), placeholder_arguments("f(x)", 1)
    (8, 8, None)
    """
    m = _PLACEHOLDER.match(text, pos)
    return m.end() if m else None


def inside_arguments(toks) -> bool:
    r"""True if the innermost open bracket of ``toks`` is the argument list of a function: ``L(\theta;``.

    A semicolon there separates arguments (parameters from data, ``\mathcal{L}(\theta; \mathcal{D})``).

    >>> from derivations.checker.notations import _Tok
    >>> inside_arguments([_Tok("FUNC", "L", 0, 1), _Tok("_LPAR", "(", 1, 2), _Tok("NAME", "theta", 2, 8)])
    True
    """
    depth = 0
    for k in range(len(toks) - 1, -1, -1):
        kind = toks[k].type
        if kind in ("_RPAR", "_RSQB", "_RBRACE", "_RABS"):
            depth += 1
        elif kind in ("_LPAR", "_LSQB", "_LBRACE", "_LABS"):
            if depth == 0:
                return kind == "_LPAR" and k > 0 and toks[k - 1].type == "FUNC"
            depth -= 1
    return False


class _Applications:
    """Tokenizer methods for names read from how they are applied (mixed into the tokenizer)."""

    def unwritten_arguments(self, name: str, start: int, pos: int) -> int | None:
        """``C_0(...)``: the name alone, with a note; returns where to go on (else None)."""
        unwritten = placeholder_arguments(self.text, pos)
        if unwritten is not None:
            self.note(start, f"{self.text[start:unwritten]} is read as {name} (its arguments are not written)")
            self.emit("NAME", name, start, pos)
        return unwritten

    def value_at(self, name: str, start: int, pos: int) -> bool:
        r"""True if a number in parentheses follows the name at once: ``\hat{y}(0)`` is ŷ at 0, with a note.

        Nobody writes ŷ·0 as ``\hat{y}(0)``: the name is a function of the document's, applied.
        ``e(2)`` and ``x (2)`` (a space) stay products.
        """
        if name == "e" or not (_AT_NUMBER.match(self.text, pos) or (_AT_NAME.match(self.text, pos) and re.search(
                re.escape(self.text[start:pos]) + _AT_NUMBER.pattern, self.text))):
            return False  # ŷ(L) beside ŷ(0): the same function, applied to L
        self.note(start, f"{self.text[start:self.text.find(')', pos) + 1]} is read as the value of "
                         f"{name} at {self.text[pos + 1:self.text.find(')', pos)].strip()} (a function applied), not a product")
        return True

    def escaped_name(self, start: int) -> bool:
        r"""``y\_true_i`` (an escaped underscore, as in a program's name): one name, with a note."""
        text = self.text
        escaped = _ESCAPED_NAME.match(text, start)
        if escaped:  # y\_true_i: the program name y_true, indexed by i (one name, written ytrue)
            base = escaped.group().replace("\\_", "")
            self.note(start, f"{escaped.group()} is read as one name ({base})")
            self.pos = self.emit_name(base, start, escaped.end())
            return True
        return False

    def itself_inside(self, name: str, pos: int) -> bool:
        """True if the parentheses after ``pos`` hold ``name`` alone (not applied): ``h(1-h)`` is h·(1 − h)."""
        m = _OPEN.match(self.text, pos)
        if m is None:  # h'(1 - h): primes first, read as written
            return False
        opening = m.end() - 1
        closing = matching_paren(self.text, opening)
        inside = self.text[opening + 1:closing] if closing is not None else ""
        return re.search(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z0-9_'(])(?!\s*(?:\(|\\left))",
                         inside) is not None
