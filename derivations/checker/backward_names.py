r"""A name given at the end of a chain, written right to left: ``\ln\frac{P}{1-P} = z``.

Real derivations often name an expression after writing it: ``Log\text{-}Odds = \ln(\frac{P}{1-P})
= z`` (then ``e^z = \frac{P}{1-P}``), ``\frac{1}{1+e^{-x}} = s``.  When the last link of a chain ends in a
lone symbol that appears there for the first time (in no earlier chain, in no earlier link, not
defined, and never defined anywhere else in the document), the link cannot be a claim: it is the
symbol's definition, read right to left, and the steps after it are checked with that meaning.  A
derivative's value (``\frac{\partial z}{\partial w} = x``) is not a name: it stays a hypothesis
(:mod:`.facts`), and so does a lone equation between a product of unknowns and a new one (``A x =
b``, a system to solve: the checker asks its hypothesis rule first).  A new symbol inside an
expression names a part of the other side when the link is that side written again with the part
replaced by the name (``σ(z)(1 − σ(z)) = ŷ(1 − ŷ)``, with ŷ defined only in the prose: ŷ := σ(z),
:func:`names_in_shape`); a new symbol that only replaces another (``σ(z) = σ(x)``) or a part still
written elsewhere on its side is not a name.  Otherwise a refuted step that brings one in "may only
name" what it stands for and is not checked (:func:`first_seen` says why).

>>> from derivations.checker.check import check_text
>>> report = check_text(r'''
... $$\ln\left(\frac{P}{1-P}\right) = z$$
... $$e^z = \frac{P}{1-P}$$
... ''')
>>> [(s.relation, s.status) for s in report.steps]
[('=:', 'definition'), ('=', 'proved')]
>>> report.steps[0].reason
'definition of z, written right to left (z appears here for the first time, alone on the right)'
>>> [s.status for s in check_text("$$A x = b$$").steps]
['hypothesis']
>>> step = check_text(r"$$\sigma(z) = \frac{1}{1+e^{-z}}$$ $$\sigma(z)(1-\sigma(z)) = a(1-a)$$").steps[-1]
>>> step.status, step.reason
('definition', 'names a: the left side written again with σ(z) named a (a appears here for the first time)')
"""

from __future__ import annotations

from typing import Callable, Iterable

from sympy import Add, Basic, Derivative, Dummy, Expr, Mul, Number, Sum, Symbol, expand, preorder_traversal
from sympy.core.function import AppliedUndef

from derivations.checker.general_chains import family, stem
from derivations.checker.indexed import IndexedSum
from derivations.checker.matrix_notation import MATRIX
from derivations.render.text import expr_text

__all__ = ["BACKWARDS_REASON", "column_names", "column_values", "first_seen", "function_named", "link_names",
           "names_backwards", "names_in_shape"]

BACKWARDS_REASON = "definition of {0}, written right to left ({0} appears here for the first time, alone on the right)"
SHAPE_REASON = "names {0}: the left side written again with {1} named {0} ({0} appears here for the first time)"
DERIVATIVE_REASON = ("names {0}: {0} is defined nowhere in the document and the link differentiates {1} in its "
                     "place, so {0} = {1} from here on")


def names_backwards(items: list, seen: set, defined: set, heads: Iterable[Basic], unread: Iterable[str]) -> bool:
    """True if the chain's last item is a symbol that its last link names for the first time.

    ``seen`` are the symbols of the chains before, ``defined`` the symbols defined so far,
    ``heads`` the symbols any chain of the document starts a definition with, ``unread`` the stems
    of names defined in blocks that could not be read.

    >>> z, P = Symbol("z"), Symbol("P")
    >>> names_backwards([P + 1, z], set(), set(), [], [])
    True
    >>> names_backwards([P + 1, z], {z}, set(), [], []), names_backwards([z + 1, z], set(), set(), [], [])
    (False, False)
    >>> names_backwards([P + 1, z], set(), set(), [z], [])  # z = wx + b further on: not a name here
    False
    >>> names_backwards([P + 1, Symbol("w_{k,i}")], {Symbol("w_{k,j}")}, set(), [], [])  # a family seen
    False
    >>> names_backwards([Derivative(Symbol("C"), P), z], set(), set(), [], [])  # a derivative's value
    False
    """
    name = items[-1] if len(items) >= 2 else None
    if not isinstance(name, Symbol) or items[-2].atoms(Derivative):  # ∂z/∂w = x: a hypothesis (.facts)
        return False
    return _new_names({name}, items[:-1], seen, defined, heads, unread) == {name}


def names_in_shape(items: list, k: int, seen: set, defined: set, heads: Iterable[Basic],
                   unread: Iterable[str]) -> tuple[Symbol, Basic] | None:
    """(name, part) if ``items[k + 1]`` is ``items[k]`` written again with one part of it replaced
    by a name seen nowhere before: ``σ(z)(1 − σ(z)) = ŷ(1 − ŷ)`` names σ(z).

    The part is not a lone symbol (``σ(z) = σ(x)`` renames a variable: a slip, not a name), the
    name replaces it everywhere on its side, and no other part fits the link as well (in
    ``ŷ(1 − ŷ)``, 1 − σ(z) fits too; the simpler σ(z) is the one named).  The arguments are those
    of :func:`names_backwards`.

    >>> from sympy import Function
    >>> s, z, x, a = Function("sigma")(Symbol("z")), Symbol("z"), Symbol("x"), Symbol("a")
    >>> names_in_shape([s * (1 - s), a * (1 - a)], 0, set(), set(), [], [])
    (a, sigma(z))
    >>> names_in_shape([s * (1 - s), a * (1 + a)], 0, set(), set(), [], []) is None  # no part fits
    True
    >>> names_in_shape([s * (1 - s), s.subs(z, x) * (1 - s.subs(z, x))], 0, set(), set(), [], []) is None
    True
    >>> names_in_shape([s * (1 - s), a * (1 - s)], 0, set(), set(), [], []) is None  # σ(z) still there
    True
    """
    lhs, rhs = items[k], items[k + 1]
    new = _new_names(rhs.free_symbols, items[:k + 1], seen, defined, heads, unread)
    if len(new) != 1 or lhs.atoms(Derivative) or rhs.atoms(Derivative):
        return None
    name = new.pop()
    if name not in rhs.free_symbols or rhs == name or _renamed(rhs.xreplace({name: Dummy()}), lhs):
        return None  # z^0: the step holds whatever the name is, and is checked as it stands
    fits = {part for part in preorder_traversal(lhs) if part != lhs and isinstance(part, Expr)  # not a Sum's limits
            and not isinstance(part, (Symbol, Number))
            and not rhs.has(part) and _renamed(rhs.xreplace({name: part}), lhs)}
    simplest = sorted(fits, key=lambda part: (part.count_ops(), len(str(part))))
    if not simplest or len(simplest) > 1 and simplest[0].count_ops() == simplest[1].count_ops():
        return None
    return name, simplest[0]


def function_named(items: list, k: int, functions) -> tuple[Basic, Basic, str] | None:
    r"""(g(z), E, reason) if a chain's first link differentiates a function the document does not define
    (not in ``functions``) and writes the same derivative of an expression E of its variable alone
    (``g'(z) = \frac{d}{dz} \frac{1}{1+e^{-z}}``): the link names g, as :func:`link_names` names ξ.

    >>> from sympy import Function, exp
    >>> z, g = Symbol("z"), Function("g")
    >>> function_named([Derivative(g(z), z), Derivative(1 / (1 + exp(-z)), z)], 0, {})[:2]
    (g(z), 1/(1 + exp(-z)))
    >>> function_named([Derivative(g(z), z), Derivative(z * Symbol("w"), z)], 0, {}) is None  # E holds another name
    True
    """
    lhs, rhs = items[k], items[k + 1]
    if (k or not isinstance(lhs, Derivative) or not isinstance(lhs.expr, AppliedUndef)
            or not isinstance(rhs, Derivative) or lhs.expr.func in functions or lhs.expr.args != lhs.variables
            or lhs.variable_count != rhs.variable_count or not rhs.expr.free_symbols <= set(lhs.variables) or rhs.expr.atoms(Derivative)
            or any(f.func not in functions for f in rhs.expr.atoms(AppliedUndef))):  # ReLU(x) defined: E may hold it
        return None
    return lhs.expr, rhs.expr, DERIVATIVE_REASON.format(expr_text(lhs.expr), expr_text(rhs.expr))


def link_names(items: list, k: int, seen: set, defined: set, heads: Iterable[Basic],
               unread: Iterable[str]) -> tuple[Symbol, Basic, str] | None:
    r"""(name, value, reason) if the link ``items[k] = items[k + 1]`` gives a name its value: a part
    of the left side named on the right (:func:`names_in_shape`), or, as a chain's first link, the
    derivative of a quantity defined nowhere written as the derivative of an expression
    (``\frac{\partial \xi}{\partial y} = \frac{\partial (-t \log y - (1-t) \log(1-y))}{\partial y}``:
    ξ names that expression).  The arguments are those of :func:`names_backwards`.

    >>> xi, y, t = Symbol("xi"), Symbol("y"), Symbol("t")
    >>> link_names([Derivative(xi, y), Derivative(t * y ** 2, y)], 0, set(), set(), [], [])[:2]
    (xi, t*y**2)
    >>> link_names([Derivative(xi, y), Derivative(t * y ** 2, y)], 0, set(), {xi}, [], []) is None  # ξ defined
    True
    >>> y_j = Symbol("y_j")  # y_i = e^{x_i}/Σ e^{x_k} defines the family: y_j is not a new name
    >>> link_names([Derivative(y_j, t), Derivative(t * y ** 2, t)], 0, set(), {Symbol("y_i")}, [], []) is None
    True
    """
    shape = names_in_shape(items, k, seen, defined, heads, unread)
    if shape:
        return (*shape, SHAPE_REASON.format(*map(expr_text, shape)))
    lhs, rhs = items[k], items[k + 1]
    if k or not (isinstance(lhs, Derivative) and isinstance(lhs.expr, Symbol)):
        return None
    name, value = lhs.expr, rhs.expr if isinstance(rhs, Derivative) else _antiderivative(rhs, lhs)
    if value is None:
        return None
    if (isinstance(rhs, Derivative) and lhs.variable_count != rhs.variable_count or stem(name) in {stem(h) for h in (*defined, *heads)}
            or stem(name) in set(unread) or name in value.free_symbols
            or isinstance(value, Symbol) or value.has(Derivative)):
        return None
    return name, value, DERIVATIVE_REASON.format(expr_text(name), expr_text(value))


def _antiderivative(rhs: Basic, lhs: Derivative) -> Basic | None:
    r"""F when ``rhs`` is the derivative of F written with the operator moved inside a sum or past a
    constant factor (``\frac{1}{N}\sum_i \frac{\partial}{\partial a}(y_i - a x_i)^2``: F is
    ``\frac{1}{N}\sum_i (y_i - a x_i)^2``), by the same variable as ``lhs``; else None.

    >>> from sympy import Sum, Rational
    >>> L, a, x, i, n = (Symbol(c) for c in ("L", "a", "x", "i", "n"))
    >>> _antiderivative(Rational(1, 2) * Sum(Derivative((x * a - i) ** 2, a), (i, 1, n)), Derivative(L, a))
    Sum((a*x - i)**2, (i, 1, n))/2
    >>> _antiderivative(a * Derivative(x * a, a), Derivative(L, a)) is None  # a factor with a: not linear
    True
    """
    sizes = {s for n in rhs.atoms(IndexedSum) for s in n.last.free_symbols} | {
        s for n in rhs.atoms(Sum) for _i, _a, b in n.limits for s in b.free_symbols}
    if not _linear(rhs, lhs.variables, sizes):
        return None
    return rhs.replace(lambda e: isinstance(e, Derivative), lambda e: e.expr)


def _linear(e: Basic, variables: tuple, sizes: set) -> bool:
    """True if ``e`` is made of derivatives by ``variables``, sums, and constant factors: numbers and
    the sums' sizes (1/N); a factor with another name (y_j/a_j ∂a_j/∂z) is a chain rule, not this."""
    if isinstance(e, Derivative):
        return e.variables == variables and not e.expr.has(Derivative)
    if isinstance(e, Add):
        return all(_linear(t, variables, sizes) for t in e.args)
    if isinstance(e, Mul):
        inner = [f for f in e.args if f.has(Derivative)]
        return len(inner) == 1 and _linear(inner[0], variables, sizes) and all(
            f.free_symbols <= sizes for f in e.args if f is not inner[0])
    if isinstance(e, (Sum, IndexedSum)):
        return _linear(e.args[0], variables, sizes)
    return False


def column_names(items: list, k: int, seen: set, defined: set, heads: Iterable[Basic],
                 unread: Iterable[str]) -> tuple[list[tuple[Symbol, Basic]], str] | None:
    r"""(pairs, reason) if the link ``items[k] = items[k + 1]`` names each entry of a written vector or
    matrix: its right side is a vector or matrix of the same shape whose entries are distinct names
    seen nowhere before (``(e^{z_1}/S, e^{z_2}/S)ᵀ = (a_1, a_2)ᵀ``: a_1, a_2 := the entries).  The
    arguments are those of :func:`names_backwards`.

    >>> a1, a2, z = Symbol("a_1"), Symbol("a_2"), Symbol("z")
    >>> pairs, reason = column_names([MATRIX(2, 1, z, z ** 2), MATRIX(2, 1, a1, a2)], 0, set(), set(), [], [])
    >>> pairs, reason
    ([(a_1, z), (a_2, z**2)], 'names a_1, a_2: the entries of the left side (they appear here for the first time)')
    >>> column_names([MATRIX(2, 1, z, z ** 2), MATRIX(2, 1, a1, a1)], 0, set(), set(), [], []) is None
    True
    >>> column_names([MATRIX(2, 1, z, z ** 2), MATRIX(2, 1, a1, a2)], 0, {a1}, set(), [], []) is None  # a seen
    True
    """
    lhs, rhs = items[k], items[k + 1]
    if not all(isinstance(e, Basic) and e.func == MATRIX for e in (lhs, rhs)) or lhs.args[:2] != rhs.args[:2]:
        return None
    names, values = rhs.args[2:], lhs.args[2:]
    if (len(set(names)) != len(names) or any(v.atoms(Derivative) for v in values)
            or _new_names(set(names), items[:k + 1], seen, defined, heads, unread) != set(names)):
        return None
    listed = ", ".join(expr_text(n) for n in names)  # the entries in reading order, as the literal holds them
    return list(zip(names, values)), f"names {listed}: the entries of the left side (they appear here for the first time)"


def column_values(items: list, k: int, seen: set, defined: set, heads: Iterable[Basic],
                  unread: Iterable[str]) -> tuple[list[tuple[Symbol, Basic]], str] | None:
    r"""(pairs, reason) if the link ``items[k] = items[k + 1]`` gives values to the entries of a written
    vector or matrix of new names: ``X = (x_1\ x_2) = (0.5\ 0.3)`` (x_1 := 0.5, x_2 := 0.3), the names
    distinct and seen nowhere before, the right side numbers of the same shape.

    >>> from sympy import Rational
    >>> x1, x2 = Symbol("x_1"), Symbol("x_2")
    >>> column_values([MATRIX(1, 2, x1, x2), MATRIX(1, 2, Rational(1, 2), 3)], 0, set(), set(), [], [])[1]
    'gives x_1, x_2 their values: the entries of the right side (they appear here for the first time)'
    >>> column_values([MATRIX(1, 2, x1, x2), MATRIX(1, 2, Rational(1, 2), 3)], 0, {x1}, set(), [], []) is None
    True
    """
    lhs, rhs = items[k], items[k + 1]
    if not all(isinstance(e, Basic) and e.func == MATRIX for e in (lhs, rhs)) or lhs.args[:2] != rhs.args[:2]:
        return None
    names, values = lhs.args[2:], rhs.args[2:]
    if (not all(isinstance(n, Symbol) for n in names) or len(set(names)) != len(names)
            or not all(v.is_number for v in values)
            or (set(names) & (set(seen) | set(defined)) if k == 1 and _whole_of(items[0], names)  # z = [z_1, …] = …
                else _new_names(set(names), items[:k], seen, defined, heads, unread) != set(names))):
        return None
    listed = ", ".join(expr_text(n) for n in names)
    return list(zip(names, values)), f"gives {listed} their values: the entries of the right side (they appear here for the first time)"


def _whole_of(item: Basic, names) -> bool:
    """True if ``item`` is the bare name whose entries ``names`` are (z in z = [z_1, z_2] = [2, 1])."""
    return isinstance(item, Symbol) and all(stem(n) == stem(item) for n in names)


def _renamed(written: Basic, lhs: Basic) -> bool:
    """True if ``written`` is ``lhs``, as written or with its products multiplied out."""
    return written == lhs or expand(written) == expand(lhs)


def _new_names(candidates: set, before: list, seen: set, defined: set, heads: Iterable[Basic],
               unread: Iterable[str]) -> set:
    """The candidate symbols whose stem appears nowhere before, is defined nowhere, and is not unread."""
    known = set(seen) | set(defined) | set(heads) | set().union(*(item.free_symbols for item in before))
    stems = {stem(s) for s in known if isinstance(s, Symbol)} | set(unread)
    return {s for s in candidates if isinstance(s, Symbol) and stem(s) not in stems}


def first_seen(rhs: Basic, before: list, seen: set, unfolded: Callable, sums: set | None = None) -> str:
    """Why a refuted step may only name something: its right side brings in an undefined symbol
    seen nowhere before (ŷ in σ(z)(1 − σ(z)) = ŷ(1 − ŷ), with ŷ defined only in the prose), or "".

    ``seen`` are the symbols seen or defined so far, ``before`` the chain's items up to this step,
    ``unfolded`` puts the document's definitions in.  In an indexed step, the indices and bounds of
    its sums (``sums``) and the members of a family seen before (y_i after y_k, not δ_{h1} after
    δ_o) are not new.

    >>> y, s = Symbol("yhat"), Symbol("s")
    >>> first_seen(y * (1 - y), [s * (1 - s)], {s}, lambda e: e)[:45]
    'yhat appears here for the first time and is n'
    """
    seen = seen | set().union(*(unfolded(e).free_symbols for e in before))
    new = unfolded(rhs).free_symbols - seen
    if sums is not None:
        families = {family(x) for x in seen} - {None}
        new = {x for x in new - sums if family(x) is None or family(x) not in families}
    if not new:
        return ""
    names = ", ".join(sorted(map(str, new)))
    return (f"{names} appears here for the first time and is not defined, so the step may only name "
            f"what {names} stands for (false if {names} is an independent unknown); define it to check it")
