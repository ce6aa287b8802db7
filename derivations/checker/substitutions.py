r"""Steps that write numbers in place of names: ``out_{h1}(1 - out_{h1}) = 0.59326999(1 - 0.59326999)``.

Worked examples plug in the values of a forward pass computed elsewhere (an earlier section, a
table, the code).  Such a step is the left side with numbers written where names or derivatives
stood, the same number for every occurrence of one name.  When the document states no value for a
name it replaces, the step is neither right nor wrong as far as the document goes: it is reported
as not checked (which keeps the exit status from 0), never refuted for an unknown value the author
had in mind.  Where the document states every value (``x = 2`` before ``x^2 = 2^2``), the step is
checked as usual, and a wrong number is refuted.

>>> substitution(r"out_{h1}(1-out_{h1})", r"0.59326999(1- 0.59326999)")
[('out_{h1}', '0.59326999')]
>>> substitution(r"out(1-out)", r"0.5(1-0.6)") is None  # one name, two numbers: not a substitution
True
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Callable

from sympy import Basic, Number

from derivations.checker.indexed import index_items
from derivations.checker.source import Positions
from derivations.checker.tokenizer import _Tok, _Tokenizer

__all__ = ["substitution", "unstated_values", "numbers_for_indexed"]

_UNITS = ("NAME", "DERIVATIVE")


def _tokens(text: str) -> list[_Tok] | None:
    try:
        return _Tokenizer(text, Positions(text), frozenset(), frozenset()).run()
    except Exception:  # noqa: BLE001 - a side the tokenizer refuses is no substitution
        return None


def _group_end(toks: list[_Tok], start: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``start`` (len(toks) if none does)."""
    depth = 0
    for k in range(start, len(toks)):
        depth += {"_LBRACE": 1, "_RBRACE": -1}.get(toks[k].type, 0)
        if depth == 0:
            return k
    return len(toks)


def _units(toks: list[_Tok], text: str) -> list[tuple[str, str]]:
    r"""(type, value) of each token of ``text``, a derivative ``\frac{\partial E}{\partial w}`` as one
    DERIVATIVE (its value: the text as written), ``(-0.5)`` as one NUMBER, every product sign as one MUL."""
    out, k = [], 0
    while k < len(toks):
        t = toks[k]
        if t.type == "_FRAC" and [x.type for x in toks[k + 1:k + 3]] == ["_LBRACE", "PARTIAL"]:
            end = _group_end(toks, _group_end(toks, k + 1) + 1)
            out.append(("DERIVATIVE", text[t.start:toks[min(end, len(toks) - 1)].end].strip()))
            k = end + 1
        elif [x.type for x in toks[k:k + 4]] == ["_LPAR", "MINUS", "NUMBER", "_RPAR"]:
            out.append(("NUMBER", "-" + toks[k + 2].value))
            k += 4
        else:
            out.append(("MUL", "") if t.type == "MUL" else (t.type, t.value))
            k += 1
    return out


_FACTOR_END = frozenset({"NUMBER", "NAME", "DERIVATIVE", "_RPAR"})
_FACTOR_START = frozenset({"NUMBER", "NAME", "DERIVATIVE", "_LPAR", "FUNC"})


def _explicit(units: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``units`` with a MUL between two factors written side by side (2y² as 2·y², so that ``2 \\times 0^2``
    is the same shape)."""
    out: list[tuple[str, str]] = []
    for unit in units:
        if out and out[-1][0] in _FACTOR_END and unit[0] in _FACTOR_START:
            out.append(("MUL", ""))
        out.append(unit)
    return out


def _same_number(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return a == b


def substitution(left: str, right: str) -> list[tuple[str, str]] | None:
    r"""The (name, number) pairs when ``right`` is ``left`` with numbers written in place of names or
    derivatives (the same number for each name), else None.

    >>> substitution(r"w_1 - \eta \cdot \frac{\partial E}{\partial w_1}", "0.15 - 0.5 * 0.0004")
    [('w_1', '0.15'), ('eta', '0.5'), ('\\frac{\\partial E}{\\partial w_1}', '0.0004')]
    >>> substitution("2(a - t)", "2(0.75 - 1)"), substitution("a + b", "a + 2"), substitution("a + b", "a + b")
    ([('a', '0.75'), ('t', '1')], [('b', '2')], None)
    >>> substitution("x^2+2y^2", r"1^2 + 2 \times 0.0^2")  # a product sign written where the left has none
    [('x', '1'), ('y', '0.0')]
    """
    lt, rt = _tokens(left), _tokens(right)
    if lt is None or rt is None:
        return None
    lu, ru = _explicit(_units(lt, left)), _explicit(_units(rt, right))
    if len(lu) != len(ru):
        return None
    pairs: dict[str, str] = {}
    for (ltype, lval), (rtype, rval) in zip(lu, ru):
        if ltype in _UNITS and rtype == "NUMBER":
            if not _same_number(pairs.setdefault(lval, rval), rval):
                return None
        elif ltype != rtype or not (lval == rval or ltype == "NUMBER" and _same_number(lval, rval)):
            return None
    return list(pairs.items()) or None


def unstated_values(left: str, right: str, has_value: Callable[[str], bool]) -> str:
    r"""Why ``left = right`` is not refuted: it writes numbers in place of names or derivatives for
    which ``has_value`` (the name as the tokenizer spells it, or the derivative as written) is False.

    >>> unstated_values("a(1 - a)", "0.59(1 - 0.59)", lambda name: False)
    'it writes numbers in place of a (0.59), whose value the document does not state (a value from elsewhere: state it to check the step)'
    >>> unstated_values("x^2", "3^2", lambda name: True)  # x = 3 stated: checked, and refuted if wrong
    ''
    """
    missing = [(name, number) for name, number in substitution(left, right) or () if not has_value(name)]
    if not missing:
        return ""
    names = ", ".join(f"{name} ({number})" for name, number in missing)
    whose = "whose value the document does not state" if len(missing) == 1 else \
        "whose values the document does not state"
    return (f"it writes numbers in place of {names}, {whose} (a value from elsewhere: state "
            f"{'it' if len(missing) == 1 else 'them'} to check the step)")


def numbers_for_indexed(lhs: Basic, rhs: Basic, valued: Callable[[str], bool]) -> str:
    r"""Why a refuted step with indexed quantities is not refuted: one side writes a number where the
    other holds indexed names (x_j) of a family the document gives no value (``valued(base)`` is False for
    it), so it puts in an example's values from elsewhere (``2\alpha\hat{y}(\sum_j x_j^2 + 1) =
    2\alpha\hat{y} \cdot 31``, x = (1, 2, 3, 4)).

    >>> from derivations.checker.parser import parse_expression as p
    >>> numbers_for_indexed(p(r"\sum_j x_j^2 + 1"), p("31"), lambda base: False)[:47]
    'it writes 31 in place of what it makes of the x'
    >>> numbers_for_indexed(p(r"\sum_j x_j^2 + 1"), p(r"\sum_j x_j^2"), lambda base: False)  # no number
    ''
    >>> numbers_for_indexed(p(r"\sum_j x_j^2 + 1"), p("31"), lambda base: True)  # x_1 = 2, … stated: checked
    ''
    """
    for one, other in ((lhs, rhs), (rhs, lhs)):
        bases = {p[0] for s in one.free_symbols if (p := index_items(s))}
        unknown = {b for b in bases if not valued(b)}
        numbers = sorted(n for n in other.atoms(Number) if n not in one.atoms(Number) and abs(n) != 1 and n != 0)
        if unknown and numbers and not any(index_items(s) for s in other.free_symbols):
            return (f"it writes {', '.join(map(str, numbers))} in place of what it makes of the "
                    f"{', '.join(sorted(unknown))}, whose values the document does not state (values from "
                    "elsewhere: state them to check the step)")
    return ""
