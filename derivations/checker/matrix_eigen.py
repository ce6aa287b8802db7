r"""Eigen-hypotheses: ``H u_i = \lambda_i u_i``, ``u_i^T u_j = \delta_{ij}`` and expansions
``w - w^* = \sum_i \alpha_i u_i`` as a document states them, and instances that satisfy them (a symmetric H
with exact rational orthonormal eigenvectors, from a Cayley transform).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import sympy
from sympy import Rational, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.matrix_notation import TRANSPOSE
from derivations.checker.matrix_shapes import Shapes, family
from derivations.checker.matrix_values import Instance, renamed

__all__: list[str] = []


@dataclass
class _Eigen:
    """A stated eigen-equation: its matrix, the families of its vectors and values, and its index."""

    matrix: Symbol
    vectors: str  # family key, u_#
    values: str  # family key, lambda_#
    index: str
    orthonormal: bool = False


def _solved(lhs) -> tuple[Symbol, object] | None:
    """``w`` and ``w*`` of ``w - w*`` (or ``w`` alone and 0)."""
    if isinstance(lhs, Symbol):
        return lhs, sympy.Integer(0)
    if isinstance(lhs, sympy.Add) and len(lhs.args) == 2 and isinstance(lhs.args[0], Symbol):
        other = lhs.args[1]
        if isinstance(other, sympy.Mul) and other.args[0] == -1 and len(other.args) == 2:
            return lhs.args[0], other.args[1]
    return None


def _eigen_equation(lhs, rhs, shapes: Shapes) -> _Eigen | None:
    """``H u_i = \\lambda_i u_i``: (H, u_#, lambda_#, i), else None."""
    if not (isinstance(lhs, sympy.Mul) and isinstance(rhs, sympy.Mul) and len(lhs.args) == len(rhs.args) == 2):
        return None
    (m, v), (c, v2) = lhs.args, rhs.args
    if not all(isinstance(x, Symbol) for x in (m, v, c, v2)) or v != v2 or m == c:
        return None
    index = re.search(r"_\{?([A-Za-z])\}?$", v.name)
    if not index or not c.name.endswith(f"_{index.group(1)}") or m.name[:1].islower():
        return None
    shapes.mark(v, "vector")
    shapes.mark(m, "matrix")
    shapes.guessed.discard(family(m))
    return _Eigen(m, family(v), family(c), index.group(1))


def _orthonormality(lhs, rhs) -> str | None:
    """``u_i^T u_j = \\delta_{ij}`` (or = 0, = 1): the vector family, else None."""
    if not (isinstance(lhs, sympy.Mul) and len(lhs.args) == 2):
        return None
    t, v = lhs.args
    if not (isinstance(t, AppliedUndef) and t.func == TRANSPOSE and isinstance(t.args[0], Symbol)
            and isinstance(v, Symbol) and family(t.args[0]) == family(v)):
        return None
    if rhs in (sympy.S.Zero, sympy.S.One) or (isinstance(rhs, Symbol) and rhs.name.startswith("delta_")):
        return family(v)
    return None


def _eigen_values(inst: Instance, eig: _Eigen, n: int, rng: random.Random) -> None:
    """A symmetric H = U diag(λ) Uᵀ with U an exact rational orthogonal matrix (Cayley transform)."""
    while True:
        A = sympy.zeros(n, n)
        for i in range(n):
            for j in range(i + 1, n):
                A[i, j] = Rational(rng.randint(-2, 2), rng.choice([1, 2]))
                A[j, i] = -A[i, j]
        U = (sympy.eye(n) - A).inv() * (sympy.eye(n) + A)
        if all(U[i, j] != 0 for i in range(n) for j in range(n)) or n == 1 or rng.random() < 0.2:
            break
    lams = rng.sample(range(1, 10), n)
    inst.values[eig.matrix] = U * sympy.diag(*lams) * U.T
    for k in range(n):
        inst.values[renamed(Symbol(eig.vectors.replace("#", eig.index)), {eig.index: k + 1})] = U[:, k]
        inst.values[renamed(Symbol(eig.values.replace("#", eig.index)), {eig.index: k + 1})] = sympy.Integer(lams[k])
