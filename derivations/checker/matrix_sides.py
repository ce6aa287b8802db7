r"""A step's two sides on one instance (:mod:`.matrix_values`): at each value of its free indices (the k of
``\partial f/\partial x_k = (A\mathbf{x})_k``), in each mode a convolution sign may have, and compared
(:mod:`.matrix_compare`), with a side written 0 read as the zero matrix of the other's shape."""

from __future__ import annotations

import itertools

import sympy
from sympy.core.function import AppliedUndef

from derivations.checker.matrix_compare import compare, written_zero
from derivations.checker.matrix_notation import CONVOLUTIONS
from derivations.checker.matrix_values import Instance, ShapeError, Unknown, evaluate, index_ranges

__all__ = ["sides_at_each_index"]

_CONV = {f.__name__ for f in CONVOLUTIONS.values()}


def sides_at_each_index(lhs, rhs, inst: Instance) -> tuple:
    """:func:`_evaluate_pair` for each value of the step's free indices (k of ∂f/∂x_k = (Ax)_k, from 1 to
    the size of what it indexes): (result, left, right, where) at the first values where the sides differ
    (where: " (at k = 2)"), else at the last ones ("close" if any was).

    >>> from sympy import Matrix, Symbol
    >>> inst = Instance(values={Symbol("x"): Matrix([1, 2])}, wholes={"x": "vector"})
    >>> sides_at_each_index(Symbol("x_k"), 2 * Symbol("x_k") - Symbol("x_k"), inst)
    ('equal', 2, 2, '')
    >>> sides_at_each_index(Symbol("x_k"), Symbol("x_k") ** 2, inst)
    ('differ', 2, 4, ' (at k = 2)')
    """
    ranges = index_ranges(lhs, rhs, inst)
    letters = sorted(ranges)
    out, close = None, False
    for values in itertools.islice(itertools.product(*(range(1, ranges[k] + 1) for k in letters)), 64):
        inst.bound = dict(zip(letters, values))
        try:
            out = _evaluate_pair(lhs, rhs, inst)
        finally:
            inst.bound = {}
        close = close or out[0] == "close"
        if out[0] not in ("equal", "close"):
            where = ", ".join(f"{k} = {v}" for k, v in zip(letters, values))
            return (*out, f" (at {where})" if where else "")
    if out is None:
        raise Unknown("a free index has no value to take on the instance")
    return ("close" if close else out[0], out[1], out[2], "")


def _evaluate_pair(lhs, rhs, inst: Instance):
    conv = any(str(f.func) in _CONV for e in (lhs, rhs) for f in e.atoms(AppliedUndef))
    for mode in ("valid", "full") if conv else ("valid",):
        inst.values["conv-mode"] = mode
        try:
            left, right = evaluate(lhs, inst), evaluate(rhs, inst)
        except ShapeError:
            if mode == "full" or not conv:
                raise
            continue
        if conv and mode == "valid" and _shape(left) != _shape(right):
            continue
        if any(v.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) for v in (left, right) if isinstance(v, sympy.Basic)):
            raise ZeroDivisionError("a side is undefined on this instance")  # log(1 - p_1) at p_1 = 1: draw again
        left, right = written_zero(lhs, rhs, left, right)  # ∇(yᵀy) = 0: the zero vector, written 0
        if _shape(left) != _shape(right) and _by_vector(lhs, rhs, inst):
            raise Unknown(f"a derivative by a vector or matrix is {_size(left)} on one side and {_size(right)} "
                          "on the other: written in another layout (a row for a column)?")
        if _size(left) != _size(right):
            # ∂s/∂w_j = x_j read with w_j a vector: a reading that makes the sides different things
            raise ShapeError(f"{_size(left)} on one side and {_size(right)} on the other")
        return compare(left, right), left, right
    raise ShapeError("the two sides have different shapes")


def _by_vector(lhs, rhs, inst: Instance) -> bool:
    """True if a side differentiates by a quantity that is a vector or a matrix on ``inst``."""
    return any(_shape(inst.values.get(v, 0)) not in ((), (1, 1))
               for e in (lhs, rhs) for d in e.atoms(sympy.Derivative) for v in d.variables)


def _size(v) -> str:
    return "a number" if _shape(v) in ((), (1, 1)) else f"{v.shape[0]}×{v.shape[1]}"


def _shape(v):
    return v.shape if isinstance(v, sympy.MatrixBase) else ()
