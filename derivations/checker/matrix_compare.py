"""Values on instances compared and shown: exactly where they are rational, to 50 digits otherwise, matrices
entry by entry; a counterexample names the values drawn and both sides."""

from __future__ import annotations

import sympy
from sympy import Matrix, Symbol

__all__ = ["compare", "written_zero", "value_text", "counterexample"]

_DIGITS = 50


def _is_matrix(v) -> bool:
    return isinstance(v, sympy.MatrixBase)


def _scalar(v):
    return v[0, 0] if _is_matrix(v) and v.shape == (1, 1) else v


def compare(a, b) -> str:
    """'equal' (exactly), 'close' (to 45 digits), 'differ', 'unsure' (equal to 30 digits, not to 45) or
    'unknown' (an entry is not a number: a quantity without a value is left in it), matrices entry by entry.

    >>> compare(sympy.Matrix([1, 2]), sympy.Matrix([1, 3])), compare(sympy.sqrt(2) ** 2, 2)
    ('differ', 'equal')
    >>> compare(sympy.exp(1) * sympy.exp(-1) + sympy.log(2) - sympy.log(2), 1)
    'equal'
    >>> compare(sympy.sin(1) ** 2 + sympy.cos(1) ** 2, 1)
    'close'
    >>> compare(Symbol("J"), 1)
    'unknown'
    """
    a, b = _scalar(a), _scalar(b)
    if _is_matrix(a) != _is_matrix(b) or (_is_matrix(a) and a.shape != b.shape):
        return "differ"
    pairs = zip(a, b) if _is_matrix(a) else [(a, b)]
    verdict = "equal"
    for x, y in pairs:
        d = sympy.sympify(x - y)
        if d.is_Rational:
            if d != 0:
                return "differ"
            continue
        value = sympy.N(d, _DIGITS)
        if not value.is_number:
            return "unknown"
        if not value.is_finite:
            return "unsure"
        size = max(1, abs(sympy.N(x, 15)), abs(sympy.N(y, 15)))
        if abs(value) > size * sympy.Float("1e-30"):
            return "differ"
        if abs(value) > size * sympy.Float("1e-45"):
            return "unsure"
        verdict = "close"
    return verdict


def written_zero(lhs, rhs, left, right) -> tuple:
    """The values (left, right) of ``lhs = rhs`` with a side written ``0`` made the zero matrix of the
    other side's shape: ∇(yᵀy) = 0, Xᵀ(Xw − y) = 0.

    >>> written_zero(Symbol("g"), sympy.Integer(0), Matrix([1, 2]), sympy.Integer(0))
    (Matrix([
    [1],
    [2]]), Matrix([
    [0],
    [0]]))
    """
    if rhs == 0 and _is_matrix(left):
        return left, sympy.zeros(*left.shape)
    if lhs == 0 and _is_matrix(right):
        return sympy.zeros(*right.shape), right
    return left, right


def value_text(v) -> str:
    """A value as a report shows it: a column vector [1, 2]ᵀ, a matrix [1, 2; 3, 4], a number.

    >>> value_text(Matrix([1, 2])), value_text(Matrix([[1, 2], [3, 4]])), value_text(sympy.Rational(1, 2))
    ('[1, 2]ᵀ', '[1, 2; 3, 4]', '1/2')
    """
    if isinstance(v, sympy.MatrixBase):
        if v.shape[1] == 1 and v.shape[0] > 1:
            return "[" + ", ".join(str(x) for x in v) + "]ᵀ"
        return "[" + "; ".join(", ".join(str(x) for x in v.row(i)) for i in range(v.shape[0])) + "]"
    return str(v)


def counterexample(inst: Instance, left, right) -> str:
    """Where a step fails: the instance's values that were drawn (and the matrices), then both sides.

    >>> from derivations.checker.matrix_values import Instance
    >>> inst = Instance(values={Symbol("A"): Matrix([[1, 0], [0, 2]])})
    >>> inst.label = "2×2"
    >>> counterexample(inst, Matrix([1, 2]), Matrix([1, 3]))
    'on the random 2×2 instance (A = [1, 0; 0, 2]): left = [1, 2]ᵀ, right = [1, 3]ᵀ'
    """
    given = ", ".join(f"{k} = {value_text(v)}" for k, v in inst.values.items()
                      if isinstance(k, Symbol) and (k in inst.used or k.name[:1].isupper()))
    where = f" ({given[:300]}{'…' if len(given) > 300 else ''})" if given else ""
    return f"on the random {inst.label} instance{where}: left = {value_text(left)}, right = {value_text(right)}"
