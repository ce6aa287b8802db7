"""The PINN losses of y'' + y' + y = 0 on [0, L] in float64, for any candidate function.

physics loss  L_f = (1/N_f) Σ_i (ŷ'' + ŷ' + ŷ)(x_i)²   at N_f equally spaced collocation points of [0, L],
boundary loss L_b = (1/N_b) Σ [(ŷ(0) − y_0)² + (ŷ(L) − y_L)²]   with N_b = 1 (one pair of boundary values).

Derivatives are taken by central finite differences of ŷ (step 1e-3, error O(1e-6)), as a PINN's
training loop would without automatic differentiation; :func:`exact_solution` is
e^{−x/2}(A cos(√3x/2) + B sin(√3x/2)) with A, B from the boundary values.

>>> f = exact_solution(5.0, 1.0, 0.0)
>>> round(float(f(0.0)), 12), round(float(f(5.0)), 12)
(1.0, 0.0)
>>> physics, boundary = losses(f, 5.0, 1.0, 0.0)
>>> physics < 1e-10, boundary < 1e-20
(True, True)
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from derivations.numerics.validate import check_count, check_positive, check_real

__all__ = ["OMEGA", "exact_solution", "residual", "losses"]

OMEGA = np.sqrt(3.0) / 2.0
"""The angular frequency √3/2 of the roots −1/2 ± i√3/2 of r² + r + 1."""


def exact_solution(L: float, y0: float, yL: float) -> Callable[[np.ndarray], np.ndarray]:
    """ŷ(x) = e^{−x/2}(A cos(ωx) + B sin(ωx)) with A = y_0 and B = (y_L e^{L/2} − y_0 cos(ωL)) / sin(ωL).

    >>> round(float(exact_solution(2.0, 1.0, 0.5)(2.0)), 12)
    0.5
    """
    L, y0, yL = check_positive(L, "L"), check_real(y0, "y0"), check_real(yL, "yL")
    s = np.sin(OMEGA * L)
    if abs(s) < 1e-9:
        raise ValueError(f"sin(√3 L/2) = 0 at L = {L}: the boundary values do not determine B")
    A, B = y0, (yL * np.exp(L / 2) - y0 * np.cos(OMEGA * L)) / s
    return lambda x: np.exp(-np.asarray(x) / 2) * (A * np.cos(OMEGA * np.asarray(x)) + B * np.sin(OMEGA * np.asarray(x)))


def residual(f: Callable[[np.ndarray], np.ndarray], x, h: float = 1e-3) -> np.ndarray:
    """(ŷ'' + ŷ' + ŷ)(x) by central differences of f.

    >>> float(abs(residual(lambda x: np.exp(-x), np.array([0.0]))[0] - 1.0)) < 1e-5
    True
    """
    x = np.asarray(x, dtype=float)
    f0, fp, fm = f(x), f(x + h), f(x - h)
    return (fp - 2 * f0 + fm) / h ** 2 + (fp - fm) / (2 * h) + f0


def losses(f: Callable[[np.ndarray], np.ndarray], L: float, y0: float, yL: float, n_f: int = 101) -> tuple[float, float]:
    """(physics loss, boundary loss) of the candidate f at n_f equally spaced collocation points.

    >>> physics, boundary = losses(lambda x: np.exp(-x), 5.0, 1.0, 0.0)
    >>> physics > 0.01, round(boundary, 6)  # misses y(L) = 0 by e^-5
    (True, 4.5e-05)
    """
    n_f = check_count(n_f, "n_f", 1)
    xs = np.linspace(0.0, L, n_f)
    physics = float(np.mean(residual(f, xs) ** 2))
    boundary = float((f(np.array(0.0)) - y0) ** 2 + (f(np.array(L)) - yL) ** 2)
    return physics, boundary
