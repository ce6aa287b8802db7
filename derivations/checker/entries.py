r"""Entries of vectors and matrices: ``x_k`` of the vector ``\mathbf{x}``, ``A_{ij}`` of the matrix A,
``(A\mathbf{x})_k`` of a vector written as an expression.

Index notation writes a vector's or a matrix's entries with the letter of the whole and a subscript
(``\mathbf{x}^T A \mathbf{x} = \sum_{i,j} x_i A_{ij} x_j``).  Where the document has the whole as a
vector or a matrix (:mod:`.matrix_shapes`) and the indexed name is not itself a vector, the name is
that entry on every instance (:mod:`.matrix_values`), so both notations meet in one step.  A letter
in such a subscript that no sum binds (the k of ``\partial f/\partial x_k = (A\mathbf{x})_k``) is a
free index: the step is checked for each of its values on each instance, and a sum with no stated
range runs over the entries its operand indexes.

>>> from sympy import Symbol
>>> entry_of(Symbol("A_{ij}"), {"A": "matrix"}), entry_of(Symbol("x_2"), {"x": "vector"})
((A, ('i', 'j')), (x, ('2',)))
"""

from __future__ import annotations

import re

import sympy
from sympy import Symbol

from derivations.checker.indexed import IndexedSum
from derivations.checker.matrix_notation import ENTRY
from derivations.checker.matrix_shapes import family
from derivations.checker.notations import _make_name
from derivations.checker.tokenizer import _NAME_RE

__all__ = ["STACK_TEXT", "entry_of", "free_entries", "entry_wholes", "made_of_entries", "stacks", "subscript_indices"]

_ATOM = re.compile(r"[A-Za-z]|\d+")


def _atoms(sub: str) -> tuple[str, ...]:
    """The indices of a subscript: ``ij`` → (i, j), ``i,j`` → (i, j), ``12`` → (1, 2), ``k`` → (k,)."""
    return tuple(a.strip() for a in sub.split(",")) if "," in sub else tuple(sub)


def subscript_indices(sym: Symbol) -> tuple[str, ...]:
    """The indices a name's subscript writes (none for a name without one).

    >>> subscript_indices(Symbol("x_{ik}")), subscript_indices(Symbol("W_{j,k}^{(l)}")), subscript_indices(Symbol("x"))
    (('i', 'k'), ('j', 'k'), ())
    """
    m = _NAME_RE.fullmatch(sym.name)
    sub = m and (m.group("sub") if m.group("sub") is not None else m.group("sub1"))
    return _atoms(sub) if sub else ()


def entry_of(sym: Symbol, wholes: dict) -> tuple[Symbol, tuple[str, ...]] | None:
    """(the whole, the indices) when ``sym`` names an entry of a vector or matrix of ``wholes``
    (name → "vector" or "matrix"): one index for a vector, two for a matrix; else None.

    >>> entry_of(Symbol("x_{ik}"), {"x": "vector"}), entry_of(Symbol("W_{j,k}^{(l)}"), {"W^{(l)}": "matrix"})
    (None, (W^{(l)}, ('j', 'k')))
    """
    m = isinstance(sym, Symbol) and wholes and _NAME_RE.fullmatch(sym.name)
    sub = m and (m.group("sub") if m.group("sub") is not None else m.group("sub1"))
    if not sub:
        return None
    whole = _make_name(m.group("base"), "", m.group("sup") or "", m.group("star") or False)
    atoms = _atoms(sub)
    arity = {"vector": 1, "matrix": 2}.get(wholes.get(whole))
    if arity != len(atoms) or not all(_ATOM.fullmatch(a) for a in atoms):
        return None
    return Symbol(whole), atoms


def made_of_entries(whole: Symbol, definitions: dict, wholes: dict) -> bool:
    """True if ``definitions`` make ``whole`` of its own entries (x = [x_1, x_2, x_3], y = (y_1, …, y_n)):
    those entries are then quantities of their own, never read from the whole.

    >>> x = Symbol("x")
    >>> made_of_entries(x, {x: Symbol("x_1") + Symbol("x_2")}, {"x": "vector"}), made_of_entries(x, {}, {"x": "vector"})
    (True, False)
    """
    body = definitions.get(whole)
    return body is not None and any((entry_of(s, wholes) or (None,))[0] == whole for s in body.atoms(Symbol))


def free_entries(expr: sympy.Basic, wholes: dict, bound: frozenset = frozenset()) -> dict:
    """The free index letters of ``expr``'s entries (no sum around them binds them), each with the
    (whole, axis) pairs it indexes: axis 0 is a vector's entry or a matrix's row, 1 a column.

    >>> from derivations.checker.parser import parse_expression
    >>> free_entries(parse_expression(r"\\sum_{j=1}^n A_{kj} x_j"), {"A": "matrix", "x": "vector"})
    {'k': [(A, 0)]}
    """
    out: dict = {}

    def add(letter: str, place: tuple) -> None:
        if letter.isalpha() and letter not in bound and place not in out.setdefault(letter, []):
            out[letter].append(place)

    if isinstance(expr, IndexedSum):
        inner = bound | {str(expr.index)}
        parts = [(expr.operand, inner), *((e, bound) for e in expr.args[1:])]
        for part, scope in parts:
            for letter, places in free_entries(part, wholes, scope).items():
                for place in places:
                    add(letter, place)
        return out
    if isinstance(expr, Symbol):
        found = entry_of(expr, wholes)
        for axis, atom in enumerate(found[1] if found else ()):
            add(atom, (found[0], axis))
        return out
    if getattr(expr, "func", None) == ENTRY:  # (A x)_k, (I * K)_{ij}
        for axis, index in enumerate(expr.args[1:]):
            if isinstance(index, Symbol):
                add(str(index), (expr.args[0], axis))
    for arg in expr.args:
        for letter, places in free_entries(arg, wholes, bound).items():
            for place in places:
                add(letter, place)
    return out


def entry_wholes(symbols, kinds: dict, stacked) -> dict:
    """The vectors and matrices (name → kind) whose entries the document writes among ``symbols``:
    a name whose whole (its letter, superscript and mark without the subscript) has the kind
    "vector" or "matrix" in ``kinds`` (by family), while the name's own family has neither kind;
    wholes the document builds from their entries (``stacked``) are not among them.

    >>> entry_wholes({Symbol("A_{ij}"), Symbol("x_i"), Symbol("x")}, {"A": "matrix", "x": "vector"}, set())
    {'A': 'matrix', 'x': 'vector'}
    """
    out = {}
    for sym in sorted(symbols, key=str):
        if kinds.get(family(sym)) in ("vector", "matrix"):
            continue
        m = _NAME_RE.fullmatch(sym.name)
        if not m or not (m.group("sub") or m.group("sub1")):
            continue
        whole = _make_name(m.group("base"), "", m.group("sup") or "", m.group("star") or False)
        kind = kinds.get(family(Symbol(whole)))
        if kind in ("vector", "matrix") and whole not in stacked and entry_of(sym, {whole: kind}):
            out[whole] = kind
    return out


STACK_TEXT = {"entries": "{whole} read as ({part} for i = 1…{n})",
               "rows": "{whole} read as the matrix whose rows are the {part}ᵀ, i = 1…{n}",
               "columns": "{whole} read as the matrix whose columns are the {part}, i = 1…{n}"}


def stacks(shapes, summed: dict) -> dict:
    r"""The vectors and matrices the document writes beside the indexed quantities they stack, over
    the n examples of sums ``\sum_{i=1}^n`` (``summed``: each such n and the families its sums hold,
    for the n of sums that all start at 1): a vector y beside numbers y_i summed to n (its entries,
    when y is declared of length n or not declared and n is the one count), a matrix X beside vectors
    x_i summed to n (its rows when X is declared n×p, its columns when p×n).  Without a declaration
    that says which, a matrix is not read so (a step on it stays not checked).

    >>> from derivations.checker.matrix_shapes import Shapes
    >>> s = Shapes(); s.declare("X", ("n", "p")); s.mark(Symbol("x_i"), "vector"); s.mark(Symbol("y"), "vector")
    >>> sorted(stacks(s, {Symbol("n"): {"x_#", "y_#"}}).items())
    [('X', ('x_#', n, 'rows')), ('y', ('y_#', n, 'entries'))]
    """
    out = {}
    for key, kind in sorted(shapes.kind.items()):
        fixed = shapes.fixed.get(key)
        if "#" in key or kind not in ("vector", "matrix"):
            continue
        if kind == "vector":
            part = f"{key}_#"
            length = [c for c in summed if fixed and str(c) == str(fixed[0])] or (list(summed) if not fixed else [])
            if (len(length) == 1 and part in summed[length[0]]
                    and shapes.kind.get(part) not in ("vector", "matrix")):
                out[key] = (part, length[0], "entries")
                shapes.unify(shapes.shape_of(key)[0], f"dim:{length[0]}")
            continue
        part = f"{key.lower()}_#"
        if shapes.kind.get(part) != "vector" or not fixed:
            continue
        for how, (c, d) in (("rows", fixed), ("columns", fixed[::-1])):
            count = next((n for n in summed if str(n) == str(c) and part in summed[n]), None)
            if count is not None:
                out[key] = (part, count, how)
                shapes.unify(shapes.shape_of(part)[0], shapes.shape_of(key)[1 if how == "rows" else 0])
                break
    return out
