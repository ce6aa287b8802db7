r"""Sums and products with symbolic or implicit bounds, and their instances at concrete sizes.

The parser keeps ``\sum_{i=1}^{n} x_i``, ``\sum_k^C e^{o_k}``, ``\sum_j e^{o_j}`` and
``\sum_{k \neq i} y_k`` whole as an :class:`IndexedSum` (``\prod``: :class:`IndexedProduct`): the
operand, the index, its first and last value (``UNSTATED`` when the document does not say) and an
index condition.  Indexed names are plain symbols whose subscript names the index (``x_i``,
``w_{jk}``, ``a_k^{(l-1)}``); :func:`instantiate` turns an expression into its instance at given
sizes (``n = 3``) and index values (``i = 2``): every kept sum expanded, every indexed name renamed
(``x_i`` → ``x_2``, ``w_{jk}`` → ``w_{21}``, the same spelling as a sum with concrete bounds),
``\delta_{ij}`` the Kronecker delta.

>>> from derivations.checker.parser import parse_expression
>>> from sympy import Symbol
>>> e = parse_expression(r"\sum_{k \neq i} y_k x_{ik}")
>>> instantiate(e, {UNSTATED: 3}, {"i": 2})
x_{21}*y_1 + x_{23}*y_3
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Mapping

from sympy import (
    Add,
    Basic,
    Derivative,
    Function,
    Integer,
    Mul,
    Pow,
    S,
    Symbol,
    Tuple,
)

from sympy.core.function import AppliedUndef
from sympy.core.symbol import Str

from derivations.checker.tokenizer import _NAME_RE, _SCRIPT_ITEM, _make_name

__all__ = ["IndexedSum", "IndexedProduct", "UNSTATED", "NO_INDEX", "apart_note", "differentiated_symbols",
           "instantiate", "kept_apart", "kept_bigop", "index_items", "kept_sums", "is_kronecker", "index_names",
           "set_apart"]

UNSTATED = Symbol("⋯")
"""The last value of a sum whose range the document does not state (``\\sum_i``)."""
NO_INDEX = Symbol("?")
"""The index of a ``\\sum`` written without one (``\\sum w_{jk} a_k``)."""

_CONDITIONS = {"neq": lambda a, b: a != b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
               ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
_CONDITION_TEXT = {"neq": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}
_LETTER = re.compile(r"[A-Za-z]")


class _Kept(Function):
    """Common part of a kept sum and product: args are (operand, (index, first, last), condition)."""

    is_commutative = True

    @classmethod
    def eval(cls, *args):  # never evaluated: a kept sum is expanded only by instantiate
        return None

    @property
    def operand(self) -> Basic:
        """What is summed."""
        return self.args[0]

    @property
    def index(self) -> Symbol:
        """The summation index (a one-letter symbol, or NO_INDEX)."""
        return self.args[1][0]

    @property
    def first(self) -> Basic:
        """The first value of the index (1 when not written)."""
        return self.args[1][1]

    @property
    def last(self) -> Basic:
        """The last value (UNSTATED when the document does not say)."""
        return self.args[1][2]

    @property
    def condition(self) -> tuple[str, Symbol] | None:
        """(relation, other index) of ``\\sum_{k \\neq i}``, or None."""
        cond = self.args[2]
        return (str(cond[0]), cond[1]) if len(cond) else None

    def _sympystr(self, printer) -> str:
        sign = "Σ" if isinstance(self, IndexedSum) else "Π"
        cond = self.condition
        if cond is not None:
            rng = f"{self.index} {_CONDITION_TEXT.get(cond[0], cond[0])} {cond[1]}"
        else:
            rng = str(self.index)
        if self.last != UNSTATED:
            rng = f"{rng}={printer.doprint(self.first)}..{printer.doprint(self.last)}"
        return f"{sign}_{{{rng}}}({printer.doprint(self.operand)})"


class IndexedSum(_Kept):
    r"""A sum kept whole because its bounds are not concrete numbers (``\sum_{i=1}^{n} x_i``).

    >>> from derivations.checker.parser import parse_expression
    >>> s = parse_expression(r"\sum_{i=1}^{n} x_i")
    >>> isinstance(s, IndexedSum), s.index, s.first, s.last, s
    (True, i, 1, n, Σ_{i=1..n}(x_i))
    """


class IndexedProduct(_Kept):
    r"""A product kept whole because its bounds are not concrete numbers (``\prod_i p_i``).

    >>> from derivations.checker.parser import parse_expression
    >>> parse_expression(r"\prod_i p_i").func.__name__
    'IndexedProduct'
    """


def kept_bigop(kind: str, index: str | None, first: Basic | None, last: Basic | None,
               condition: tuple[str, str] | None, operand: Basic) -> Basic:
    r"""The kept ``\sum``/``\prod`` (``kind`` "sum" or "prod") the parser builds for symbolic bounds.

    >>> from sympy import Symbol
    >>> kept_bigop("sum", "k", None, Symbol("C"), ("neq", "i"), Symbol("y_k"))
    Σ_{k ≠ i=1..C}(y_k)
    """
    cls = IndexedSum if kind == "sum" else IndexedProduct
    idx = Symbol(index) if index else NO_INDEX
    cond = Tuple(Str(condition[0]), Symbol(condition[1])) if condition else Tuple()  # the relation: no symbol
    return cls(operand, Tuple(idx, S.One if first is None else first,
                              UNSTATED if last is None else last), cond)


def kept_sums(expr: Basic) -> list[_Kept]:
    r"""Every kept sum or product in ``expr`` (outermost first).

    >>> from derivations.checker.parser import parse_expression
    >>> [str(s.index) for s in kept_sums(parse_expression(r"\sum_i \sum_j w_{ij}"))]
    ['i', 'j']
    """
    out: list = []

    def walk(e: Basic) -> None:
        if isinstance(e, _Kept) and e not in out:
            out.append(e)
        for a in e.args:
            walk(a)

    if isinstance(expr, Basic):
        walk(expr)
    return out


def differentiated_symbols(exprs: Iterable[Basic]) -> set[Symbol]:
    r"""The symbols ``exprs`` differentiate (∂L/∂w: L) or differentiate by (w).

    >>> from derivations.checker.parser import parse_expression as p
    >>> sorted(map(str, differentiated_symbols([p(r"\frac{\partial L}{\partial w} + \sum_{l=1}^{L} w_l")])))
    ['L', 'w']
    >>> sorted(map(str, differentiated_symbols([p(r"\frac{\partial}{\partial m} \frac{1}{n} \sum_{i=1}^{n} m x_i")])))
    ['m']
    """
    return {s for e in exprs if isinstance(e, Basic) for d in e.atoms(Derivative)
            for s in ({d.expr} if isinstance(d.expr, Symbol) else set()) | set(d.variables) if isinstance(s, Symbol)}


def kept_apart(exprs: Iterable[Basic]) -> dict[Symbol, Symbol]:
    r"""A letter that is both a sum's bound and differentiated (L of Σ_{i=l}^{L-1} and of ∂L/∂x_l, where the
    parser reads \mathcal{L} as L): the differentiated one becomes its own quantity, the script letter ℒ.
    A count is never differentiated, so this is the one reading of such a step.

    >>> from derivations.checker.parser import parse_expression
    >>> kept_apart([parse_expression(r"\frac{\partial \mathcal{L}}{\partial x_l} + \sum_{i=l}^{L-1} x_i")])
    {L: ℒ}
    """
    exprs = [e for e in exprs if isinstance(e, Basic)]
    bounds = {s for e in exprs for n in kept_sums(e) for s in n.first.free_symbols | n.last.free_symbols}
    out = {}
    for d in (d for e in exprs for d in e.atoms(Derivative)):
        if d.expr in bounds and d.expr.name.isascii() and d.expr.name.isupper() and len(d.expr.name) == 1:
            try:  # the letterlike ℒ, ℬ, … where Unicode has them, else the mathematical script letter
                script = unicodedata.lookup(f"SCRIPT CAPITAL {d.expr.name}")
            except KeyError:
                script = unicodedata.lookup(f"MATHEMATICAL SCRIPT CAPITAL {d.expr.name}")
            out[d.expr] = Symbol(script, **d.expr.assumptions0)
    return out


def set_apart(expr: Basic, apart: Mapping[Symbol, Symbol]) -> Basic:
    """``expr`` with the differentiated letters of :func:`kept_apart` replaced (∂L/∂x → ∂ℒ/∂x).

    >>> from sympy import Derivative, Symbol
    >>> L, x = Symbol("L"), Symbol("x")
    >>> set_apart(Derivative(L, x) * L, {L: Symbol("ℒ")})
    L*Derivative(ℒ, x)
    """
    if not apart or not isinstance(expr, Basic):
        return expr
    return expr.replace(lambda d: isinstance(d, Derivative) and d.expr in apart,
                        lambda d: Derivative(apart[d.expr], *d.variable_count))


def apart_note(apart: Mapping[Symbol, Symbol]) -> str:
    r"""What a verdict says of the letters :func:`kept_apart` set apart.

    >>> from sympy import Symbol
    >>> apart_note({Symbol("L"): Symbol("ℒ")})
    '∂L/∂… read as the derivative of a quantity ℒ (\\mathcal{L}, say), not of L, how far the sums go'
    """
    return "; ".join(f"∂{k}/∂… read as the derivative of a quantity {v} (\\mathcal{{{k}}}, say), not of {k}, "
                     "how far the sums go" for k, v in apart.items())


def index_names(exprs: Iterable[Basic]) -> set[Symbol]:
    r"""The names of ``exprs`` that are indices: those of its kept sums, the symbols of their bounds,
    and the letters that index a name (in Σ_{j=2}^{n} b_j + i x_i: j, n and i).

    >>> from derivations.checker.parser import parse_expression
    >>> sorted(map(str, index_names([parse_expression(r"\sum_{j=2}^{n} b_j + i x_i + \delta_{h1}")])))
    ['i', 'j', 'n']
    """
    exprs = [e for e in exprs if isinstance(e, Basic)]
    sums = [s for e in exprs for s in kept_sums(e)]
    letters = {i for e in exprs for x in e.free_symbols for i in sum((index_items(x) or ("", [], []))[1:], [])}
    return ({s.index for s in sums} | {x for s in sums for b in (s.first, s.last) for x in b.free_symbols}
            | {x for e in exprs for x in e.free_symbols if x.name in letters and _LETTER.fullmatch(x.name)})


def index_items(symbol: Symbol) -> tuple[str, list[str], list[str]] | None:
    r"""(base, subscript items, superscript items) of an indexed name, or None for other names.

    >>> from sympy import Symbol
    >>> index_items(Symbol("w_{jk}^{(l+1)}"))
    ('w', ['j', 'k'], ['l', '+', '1'])
    >>> index_items(Symbol("x")) is None
    True
    """
    m = _NAME_RE.fullmatch(symbol.name)
    if not m or m.group("star"):
        return None
    sub = m.group("sub") if m.group("sub") is not None else m.group("sub1") or ""
    sup = m.group("sup") or ""
    if not sub and not sup:
        return None
    return (m.group("base"), [i.strip() for i in _SCRIPT_ITEM.findall(sub)],
            [i.strip() for i in _SCRIPT_ITEM.findall(sup)])


def is_kronecker(symbol: Symbol) -> bool:
    r"""True for ``\delta_{ij}``: δ with two one-letter or digit subscripts and no superscript.

    >>> from sympy import Symbol
    >>> is_kronecker(Symbol("delta_{ij}")), is_kronecker(Symbol("delta_j^{(L)}"))
    (True, False)
    """
    parts = index_items(symbol)
    return (parts is not None and parts[0] == "delta" and not parts[2] and len(parts[1]) == 2
            and all(_LETTER.fullmatch(i) or i.isdigit() for i in parts[1]))


def _rename(symbol: Symbol, values: Mapping[str, int]) -> Basic:
    """x_i at i = 2 is x_2; δ_ij at i = j is 1; the bare index i is the number 2."""
    if symbol.name in values:
        return Integer(values[symbol.name])
    parts = index_items(symbol)
    if parts is None:
        return symbol
    base, sub, sup = parts
    if not any(i in values for i in sub + sup):
        return symbol
    sub = [str(values[i]) if i in values else i for i in sub]
    if is_kronecker(symbol) and all(i.isdigit() for i in sub):
        return S.One if int(sub[0]) == int(sub[1]) else S.Zero
    sup = [str(values[i]) if i in values else i for i in sup]
    star = _NAME_RE.fullmatch(symbol.name).group("star") or False
    return Symbol(_make_name(base, _evaluated("".join(sub)), _evaluated("".join(sup)), star), **symbol.assumptions0)


def _evaluated(script: str) -> str:
    """A subscript or superscript of whole numbers added up (x_{1+1} is x_2), else as written."""
    if re.fullmatch(r"-?\d+(?:[+-]\d+)+", script):
        return str(sum(int(x) for x in re.findall(r"[+-]?\d+", script)))
    return script


def _bound(value: Basic, sizes: Mapping[Basic, int], values: Mapping[str, int]) -> int:
    value = instantiate(value, sizes, values) if not isinstance(value, Integer) else value
    value = value.xreplace({k: Integer(v) for k, v in sizes.items()})
    value = value.doit() if hasattr(value, "doit") else value
    if not (isinstance(value, Integer) or getattr(value, "is_Integer", False)):
        raise ValueError(f"the bound {value} is not a whole number at this size")
    return int(value)


def instantiate(expr: Basic, sizes: Mapping[Basic, int], index_values: Mapping[str, int]) -> Basic:
    r"""The instance of ``expr`` at concrete sizes and index values.

    ``sizes`` maps each symbolic last value of a kept sum (``n``, ``C``, :data:`UNSTATED`) to a
    whole number; ``index_values`` maps index letters (``"i"``) to whole numbers.  Kept sums and
    products are expanded (an empty sum is 0, an empty product 1; the condition of
    ``\sum_{k \neq i}`` is applied), indexed names renamed (``x_i`` → ``x_2``), ``\delta_{ij}``
    becomes 1 or 0 once both indices have values, and a bare index letter becomes its value.
    Anything else is rebuilt unevaluated around its instantiated arguments, so it works on
    expressions with derivatives, ``Subs`` and undefined functions (``J(z_j)``) alike.  A
    ``ValueError`` says a bound is not a whole number at these sizes, or a sum has no index.

    >>> from derivations.checker.parser import parse_expression
    >>> from sympy import Symbol
    >>> e = parse_expression(r"\frac{\partial}{\partial o_i} \sum_{k=1}^{n} y_k \log p_k")
    >>> instantiate(e, {Symbol("n"): 2}, {"i": 1})
    Derivative(y_1*log(p_1) + y_2*log(p_2), o_1)
    >>> instantiate(parse_expression(r"\delta_{ij} x_j"), {}, {"i": 1, "j": 1})
    x_1
    """
    if isinstance(expr, Symbol):  # x_n at n = 2 is x_2, as x_i at i = 2 is
        named = {k.name: v for k, v in sizes.items() if isinstance(k, Symbol) and k.name.isalpha()}
        return Integer(sizes[expr]) if expr in sizes else _rename(expr, {**named, **index_values})
    if isinstance(expr, _Kept):
        if expr.index == NO_INDEX:
            raise ValueError("a sum without its index")
        name = expr.index.name
        first = _bound(expr.first, sizes, index_values)
        last = _bound(expr.last, sizes, index_values)
        cond = expr.condition
        terms = []
        for v in range(first, last + 1):
            if cond is not None:
                other = index_values.get(cond[1].name)
                if other is None:
                    raise ValueError(f"the condition on {name} names {cond[1]}, which has no value")
                if not _CONDITIONS[cond[0]](v, other):
                    continue
            terms.append(instantiate(expr.operand, sizes, {**index_values, name: v}))
        if isinstance(expr, IndexedSum):
            return Add(*terms, evaluate=False) if len(terms) > 1 else (terms[0] if terms else S.Zero)
        return Mul(*terms, evaluate=False) if len(terms) > 1 else (terms[0] if terms else S.One)
    if not expr.args:
        return expr
    args = [instantiate(a, sizes, index_values) for a in expr.args]
    if isinstance(expr, AppliedUndef):  # f_i(x): the function's name is indexed too
        name = _rename(Symbol(expr.func.__name__), index_values)
        if isinstance(name, Symbol) and name.name != expr.func.__name__:
            return Function(name.name)(*args)
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    if isinstance(expr, Mul) and any(a in (S.Zero, S.One) for a in args):
        return Mul(*args)  # δ_ij became 0 or 1
    if isinstance(expr, (Add, Mul, Pow)):
        return expr.func(*args, evaluate=False)
    if isinstance(expr, Derivative):
        return Derivative(args[0], *args[1:], evaluate=False)
    return expr.func(*args)
