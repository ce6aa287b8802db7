r"""A chain rule through an undefined quantity, proved for every size with SymPy's Sum algebra.

:mod:`.indexed_chains` checks a step such as ``\frac{\partial J}{\partial w_{jk}} =
\frac{\partial J}{\partial z_j} a_k`` (with ``z_j = \sum_k w_{jk} a_k + b_j`` and J undefined) on
instances, sizes 1…4.  Once they hold, this module tries the general case:

- every indexed name becomes a SymPy ``Indexed`` (w_{jk} → w[j, k]) and every kept sum a ``Sum``
  with its symbolic bounds (an unstated one is n, as on the instances);
- the undefined J is a function of one defined family, z, of some size n_z, and its partial
  derivatives ∂J/∂z_i are unknowns; so ∂J/∂w_{jk} = Σ_i ∂J/∂z_i ∂z_i/∂w_{jk}, and ∂J/∂z_j is itself;
- SymPy differentiates the definitions (Kronecker deltas), sums the deltas out, and the two sides
  must agree whenever each free index lies in its range (1 ≤ j ≤ n_z, 1 ≤ k ≤ n).

Only this shape is tried: one undefined quantity, a function of one defined family with one index,
no index conditions.  Anything else, or anything SymPy does not settle within the time limit, gives
None and the instances' verdict stands.  It is never tried alone: a step is only proved here after
its instances held.
"""

from __future__ import annotations

from typing import Callable

import sympy
from sympy import Basic, Derivative, Dummy, Indexed, IndexedBase, Integer, KroneckerDelta, Piecewise, Sum, Symbol
from sympy.core.relational import Relational

from derivations.checker.indexed import UNSTATED, _Kept, index_items, is_kronecker

__all__ = ["every_size", "family"]

_SECONDS = 5.0  # SymPy's work on the general sides, in a worker


class _Unread(Exception):
    """The step is not of the shape this module proves."""


def family(sym: Basic) -> tuple | None:
    """(base, superscript, number of subscripts) of an indexed name, or None.

    >>> family(Symbol("w_{jk}^{(l)}")), family(Symbol("J"))
    (('w', ('l',), 2), None)
    """
    parts = index_items(sym) if isinstance(sym, Symbol) else None
    return (parts[0], tuple(parts[2]), len(parts[1])) if parts else None


def every_size(lhs: Basic, rhs: Basic, defs: dict, unknown: Symbol, argument: tuple, letters: set,
               size_of: Callable[[Symbol, int], Basic | None]) -> bool | None:
    r"""True when ``lhs = rhs`` holds for every size and every index value in range, False when the
    general sides differ, None when the step is not of the shape read here (or SymPy did not settle).

    ``defs`` maps a family (:func:`family`) to (head template, body, head letters); ``unknown`` (J)
    is a function of the family ``argument`` (z); ``size_of(symbol, position)`` is the last value of
    the family's index at that position (None: not stated, n).

    >>> from sympy import Symbol
    >>> from derivations.checker.parser import parse_expression as p
    >>> z, J = Symbol("z_j"), Symbol("J")
    >>> defs = {("z", (), 1): (z, p(r"\sum_k w_{jk} a_k + b_j"), ("j",))}
    >>> sizes = lambda sym, pos: None  # no stated range: n for every family
    >>> every_size(p(r"\frac{\partial J}{\partial w_{jk}}"), p(r"\frac{\partial J}{\partial z_j} a_k"),
    ...            defs, J, ("z", (), 1), {"j", "k"}, sizes)
    True
    >>> every_size(p(r"\frac{\partial J}{\partial w_{jk}}"), p(r"\frac{\partial J}{\partial z_k} a_j"),
    ...            defs, J, ("z", (), 1), {"j", "k"}, sizes)
    False
    """
    try:
        reader = _Reader(defs, unknown, argument, letters, size_of)
        left, right = reader.expanded(lhs), reader.expanded(rhs)
        facts = reader.facts(lhs, rhs)
    except (_Unread, ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError):
        return None
    from derivations.verify.worker import call_limited

    out = call_limited(_agree, (left, right, facts), _SECONDS)
    return out.value if out.kind == "ok" else None


def _agree(left: Basic, right: Basic, facts: dict) -> bool | None:
    """(In a worker.) The sides agree once derivatives and Kronecker sums are done and every range
    condition the facts decide is replaced by its value; None when a condition stays open."""
    sides = []
    for e in (left, right):
        for _ in range(4):
            e = e.doit()
            e = e.replace(lambda x: isinstance(x, Piecewise), lambda p: Piecewise(
                *[(v, c.xreplace(facts) if isinstance(c, Basic) else c) for v, c in p.args]))
        sides.append(_canonical(e))
    difference = sympy.simplify(sides[0] - sides[1])
    if difference == 0:
        return True
    if difference.atoms(Piecewise) or difference.atoms(Relational):
        return None
    return False


def _canonical(e: Basic, depth: int = 0) -> Basic:
    """``e`` with each sum's bound index named by its depth, so that Σ_i f(i) and Σ_k f(k) are one sum."""
    if isinstance(e, Sum) and len(e.limits) == 1:
        (v, lo, hi), = e.limits
        bound = Symbol(f"⟨{depth}⟩", integer=True, positive=True)
        return Sum(_canonical(e.function.xreplace({v: bound}), depth + 1), (bound, lo, hi))
    if not e.args or isinstance(e, (Indexed, IndexedBase)):
        return e
    return e.func(*(_canonical(a, depth) for a in e.args))


class _Reader:
    def __init__(self, defs: dict, unknown: Symbol, argument: tuple, letters: set, size_of: Callable):
        self.defs, self.unknown, self.argument, self.letters = defs, unknown, argument, letters
        self.size_of = size_of
        if argument not in defs or len(defs[argument][2]) != 1:
            raise _Unread("the unknown's argument is not a defined family with one index")
        self.n = Symbol("⟨n⟩", integer=True, positive=True)  # an unstated range (never an index letter n)
        self.slopes = IndexedBase(f"∂{unknown}/∂{argument[0]}")  # ∂J/∂z_i, unknowns

    # --- names -----------------------------------------------------------------------------------

    def index(self, item: str) -> Basic:
        if item in self.letters:
            return Symbol(item, integer=True, positive=True)
        if item.isdigit():
            return Integer(int(item))
        raise _Unread(f"subscript {item!r}")

    def name(self, sym: Symbol) -> Basic:
        if is_kronecker(sym):
            parts = index_items(sym)
            return KroneckerDelta(*(self.index(i) for i in parts[1]))
        parts = index_items(sym)
        if parts is None or not parts[1] or not all(i in self.letters or i.isdigit() for i in parts[1]):
            return sym  # a plain name (x, J, S_{L+1})
        base = IndexedBase(parts[0] + (f"^{{{''.join(parts[2])}}}" if parts[2] else ""))
        return Indexed(base, *(self.index(i) for i in parts[1]))

    def size(self, sym: Symbol, pos: int) -> Basic:
        last = self.size_of(sym, pos)
        return self.n if last is None or last is UNSTATED else self.bound(last)

    def bound(self, e: Basic) -> Basic:
        if e is UNSTATED:
            return self.n
        return e.xreplace({s: Symbol(s.name, integer=True, positive=True) for s in e.free_symbols})

    # --- expressions -----------------------------------------------------------------------------

    def read(self, e: Basic) -> Basic:
        """``e`` in Indexed form, derivatives taken, definitions left as written."""
        if isinstance(e, Symbol):
            return self.name(e)
        if isinstance(e, _Kept):
            if e.condition is not None or e.index.name not in self.letters:
                raise _Unread("a sum with an index condition or no index")
            bound = Dummy(e.index.name, integer=True, positive=True)
            operand = self.read(e.operand).xreplace({self.index(e.index.name): bound})
            op = Sum if type(e).__name__ == "IndexedSum" else sympy.Product
            return op(operand, (bound, self.read(e.first), self.bound(e.last)))
        if isinstance(e, Derivative):
            return self.derivative(e)
        if not e.args:
            return e
        return e.func(*(self.read(a) for a in e.args))

    def expanded(self, e: Basic, keep: tuple | None = None, raw: bool = True) -> Basic:
        """``e`` read (unless it is not ``raw``), every defined name replaced by its definition (read
        too), except the family ``keep`` (the one a derivative is taken by)."""
        out = self.read(e) if raw else e
        for _ in range(8):
            new = out
            for key, (head, body, letters) in self.defs.items():
                if key == keep:
                    continue
                base = self.name(head)
                if isinstance(base, Indexed):
                    def put(x, body=body, letters=letters):
                        value = self.read(body)
                        own = {self.index(l) for l in letters}
                        if any(s.name in self.letters and s not in own for s in value.free_symbols):
                            raise _Unread("a definition with an index its head does not name")
                        return value.xreplace({self.index(l): v for l, v in zip(letters, x.indices)})
                    new = new.replace(lambda x, b=base.base, n=len(letters): isinstance(x, Indexed)
                                      and x.base == b and len(x.indices) == n, put)
                elif not letters:
                    new = new.xreplace({base: self.read(body)})
            if new == out:
                return out
            out = new
        raise _Unread("definitions nested too deep")

    def derivative(self, d: Derivative) -> Basic:
        """∂A/∂X read: through the unknown's argument family, or of a definition; then expanded."""
        if len(d.variables) != 1 or not isinstance(d.variables[0], Symbol):
            raise _Unread("a derivative of order 2 or by an expression")
        top, variable = d.expr, d.variables[0]
        by, keep = self.name(variable), family(variable) or variable
        if top == self.unknown:
            if keep == self.argument:
                return self.slopes[by.indices[0]]
            head, _body, (letter,) = self.defs[self.argument]
            i = Dummy("i", integer=True, positive=True)
            inner = sympy.diff(self.expanded(head, keep).xreplace({self.index(letter): i}), by)
            return Sum(self.slopes[i] * self.after(inner), (i, 1, self.size(head, 0)))
        if isinstance(top, Symbol) and not (family(top) in self.defs or any(
                h == top for h, _b, _l in self.defs.values())):
            raise _Unread(f"a derivative of {top}, which is neither defined nor the unknown")
        if self.unknown in top.free_symbols:
            raise _Unread(f"a derivative of an expression in {self.unknown}")
        return self.after(sympy.diff(self.expanded(top, keep), by))  # σ(z_j) or a defined name

    def after(self, e: Basic) -> Basic:
        """A derivative's value with the family it was taken by expanded too (as on both sides)."""
        return self.expanded(e, raw=False) if e.free_symbols else e

    def facts(self, lhs: Basic, rhs: Basic) -> dict:
        """1 ≤ ℓ ≤ its size, for each free index letter ℓ of the step (one size per letter)."""
        sizes: dict = {}
        for e in (lhs, rhs):
            for sym in e.atoms(Symbol):  # the variables of ∂J/∂w_{jk} too
                parts = index_items(sym) if not is_kronecker(sym) else None
                for pos, item in enumerate(parts[1] if parts else ()):
                    if item in self.letters:
                        sizes.setdefault(item, set()).add(self.size(sym, pos))
        out = {}
        for item, found in sizes.items():
            if len(found) != 1:
                raise _Unread(f"the index {item} has several ranges")
            (size,) = found
            letter = self.index(item)
            for r in (sympy.Le(1, letter), sympy.Ge(letter, 1), sympy.Le(letter, size), sympy.Ge(size, letter)):
                if isinstance(r, Relational):
                    out[r] = sympy.true
        return out
