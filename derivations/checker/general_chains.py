r"""A chain rule through an undefined quantity, proved for every size with SymPy's Sum algebra.

:mod:`.indexed_chains` checks a step such as ``\frac{\partial J}{\partial w_{jk}} =
\frac{\partial J}{\partial z_j} a_k`` (with ``z_j = \sum_k w_{jk} a_k + b_j`` and J undefined) on
instances.  Before it does, this module tries the general case:

- every indexed name becomes a SymPy ``Indexed`` (w_{jk} → w[j, k]) and every kept sum a ``Sum``
  with its symbolic bounds (an unstated one is n, as on the instances);
- the undefined J is a function of one or more defined families (z, or z^{(L+1)} and z^{(l+1)}),
  none feeding another, and its partial derivatives ∂J/∂z_i are unknowns; so ∂J/∂w_{jk} =
  Σ_i ∂J/∂z_i ∂z_i/∂w_{jk}, and ∂J/∂z_j is itself;
- an unknown function's derivative at a defined quantity (σ'(z_j)) is kept at that point (a Subs);
- SymPy differentiates the definitions (Kronecker deltas), sums the deltas out, and the two sides
  must agree whenever each free index lies in the range of every family it indexes (1 ≤ j ≤ n_z,
  1 ≤ k ≤ n).

Only this shape is tried: one undefined quantity, functions of families with one index, no index
conditions.  Anything else, or anything SymPy does not settle within the time limit, gives None and
the instances decide.  A step proved here is still checked on the instances of sizes 1 and 2, which
cross-check the reading; one that fails there is refuted as usual.
"""

from __future__ import annotations

import re
from typing import Callable

import sympy
from sympy import Basic, Derivative, Dummy, Indexed, IndexedBase, Integer, KroneckerDelta, Piecewise, Subs, Sum, Symbol
from sympy.core.relational import Relational

from derivations.checker.indexed import UNSTATED, _Kept, index_items, is_kronecker

__all__ = ["every_size", "family", "stem"]

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



def stem(sym: Basic) -> str:
    """A name without its indices: w of w_{k,i}^{(l+1)} (a member of the family w_{k,j}), a of a^{(L)}.

    >>> stem(Symbol("w_{k,i}^{(l+1)}")), stem(Symbol("a^{(L)}")), stem(Symbol("x"))
    ('w', 'a', 'x')
    """
    return re.split(r"[_^]", str(sym), maxsplit=1)[0]


def unclear_variable(name: Basic, held: set, variable: Basic) -> str:
    """Why ∂name/∂variable has no clear meaning, else "": ``name`` (whose value holds the symbols
    ``held``) does not hold the bare ``variable`` (a) but holds a member of its family (a^{(L)}).

    >>> unclear_variable(Symbol("C"), {Symbol("a^{(L)}"), Symbol("y")}, Symbol("a"))
    'C does not hold a but holds a^{(L)}: which one the derivative is by is not clear'
    >>> unclear_variable(Symbol("C"), {Symbol("a"), Symbol("a^{(L)}")}, Symbol("a"))
    ''
    """
    kin = sorted(str(s) for s in held if s != variable and stem(s) == stem(variable))
    if isinstance(variable, Symbol) and str(variable) == stem(variable) and variable not in held and kin:
        return f"{name} does not hold {variable} but holds {', '.join(kin)}: which one the derivative is by is not clear"
    return ""

def every_size(lhs: Basic, rhs: Basic, defs: dict, unknown: Symbol, arguments: tuple, letters: set,
               size_of: Callable[[Symbol, int], Basic | None]) -> bool | None:
    r"""True when ``lhs = rhs`` holds for every size and every index value in range, False when the
    general sides differ, None when the step is not of the shape read here (or SymPy did not settle).

    ``defs`` maps a family (:func:`family`) to (head template, body, head letters); ``unknown`` (J)
    is a function of the families ``arguments`` (z; none feeds another); ``size_of(symbol, position)``
    is the last value of the family's index at that position (None: not stated, n).

    >>> from sympy import Symbol
    >>> from derivations.checker.parser import parse_expression as p
    >>> z, J = Symbol("z_j"), Symbol("J")
    >>> defs = {("z", (), 1): (z, p(r"\sum_k w_{jk} a_k + b_j"), ("j",))}
    >>> sizes = lambda sym, pos: None  # no stated range: n for every family
    >>> every_size(p(r"\frac{\partial J}{\partial w_{jk}}"), p(r"\frac{\partial J}{\partial z_j} a_k"),
    ...            defs, J, (("z", (), 1),), {"j", "k"}, sizes)
    True
    >>> every_size(p(r"\frac{\partial J}{\partial w_{jk}}"), p(r"\frac{\partial J}{\partial z_k} a_j"),
    ...            defs, J, (("z", (), 1),), {"j", "k"}, sizes)
    False
    """
    try:
        reader = _Reader(defs, unknown, arguments, letters, size_of)
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
        sides.append(_canonical(sympy.simplify(_canonical(e))))  # renamed again: a factor taken out of a sum
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


def _at(d: Derivative) -> Subs:
    """dⁿf(x)/dxⁿ as the derivative of f at the point x, so that x may be replaced by its value."""
    if len(d.variable_count) != 1:
        raise _Unread("a mixed derivative of an unknown function")
    (v, n), = d.variable_count
    u = Dummy("u")
    return Subs(Derivative(d.expr.xreplace({v: u}), (u, n)), u, v)


class _Reader:
    def __init__(self, defs: dict, unknown: Symbol, arguments: tuple, letters: set, size_of: Callable):
        self.defs, self.unknown, self.arguments, self.letters = defs, unknown, arguments, letters
        self.size_of = size_of
        if not arguments or any(a not in defs or len(defs[a][2]) != 1 for a in arguments):
            raise _Unread("an argument of the unknown is not a defined family with one index")
        self.n = Symbol("⟨n⟩", integer=True, positive=True)  # an unstated range (never an index letter n)
        self.slopes = {a: IndexedBase(f"∂{unknown}/∂{a[0]}" + (f"^{{{''.join(a[1])}}}" if a[1] else ""))
                       for a in arguments}  # ∂J/∂z_i for each family, unknowns

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
        return self.n if last is None or last == UNSTATED else self.bound(last)

    def bound(self, e: Basic) -> Basic:
        if e == UNSTATED:
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
            if keep in self.slopes:
                return self.slopes[keep][by.indices[0]]
            total = sympy.S.Zero
            for argument in self.arguments:
                head, _body, (letter,) = self.defs[argument]
                i = Dummy("i", integer=True, positive=True)
                inner = sympy.diff(self.expanded(head, keep).xreplace({self.index(letter): i}), by)
                total += Sum(self.slopes[argument][i] * self.after(inner), (i, 1, self.size(head, 0)))
            return total
        if isinstance(top, Symbol) and not (family(top) in self.defs or any(
                h == top for h, _b, _l in self.defs.values())):
            raise _Unread(f"a derivative of {top}, which is neither defined nor the unknown")
        if self.unknown in top.free_symbols:
            raise _Unread(f"a derivative of an expression in {self.unknown}")
        return self.after(sympy.diff(self.expanded(top, keep), by))  # σ(z_j) or a defined name

    def after(self, e: Basic) -> Basic:
        """A derivative's value with the family it was taken by expanded too (as on both sides); an
        unknown function's derivative there (σ'(z_j), z_j defined) is kept at the point, as a Subs."""
        if not e.free_symbols:
            return e
        return self.expanded(e.replace(lambda d: isinstance(d, Derivative) and any(
            isinstance(v, Indexed) for v in d.variables), _at), raw=False)

    def facts(self, lhs: Basic, rhs: Basic) -> dict:
        """1 ≤ ℓ ≤ s for each free index letter ℓ of the step and each size s of a family it indexes
        there (ℓ lies in all of them: z_j with j ≤ N and w_{jk} with j ≤ n give j ≤ min(N, n))."""
        out = {}
        for e in (lhs, rhs):
            for sym in e.atoms(Symbol):  # the variables of ∂J/∂w_{jk} too
                parts = index_items(sym) if not is_kronecker(sym) else None
                for pos, item in enumerate(parts[1] if parts else ()):
                    if item not in self.letters:
                        continue
                    letter, size = self.index(item), self.size(sym, pos)
                    for r in (sympy.Le(1, letter), sympy.Ge(letter, 1), sympy.Le(letter, size),
                              sympy.Ge(size, letter)):
                        if isinstance(r, Relational):
                            out[r] = sympy.true
        return out
