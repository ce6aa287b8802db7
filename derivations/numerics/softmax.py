"""Softmax and cross-entropy in float64, and the check of ∂J/∂z = softmax(z) − y for large K.

J(z) = −Σ_k y_k ln softmax(z)_k = Σ_k y_k (logsumexp(z) − z_k).  :func:`gradient_check` compares
softmax(z) − y (the theorem's gradient, which needs Σ_k y_k = 1) and −y + softmax(z) Σ_k y_k (the
step before the hypothesis, true for every y) with complex-step derivatives of J
(Im J(z + i h e_i) / h, exact to rounding, never using the formula), at random z ~ N(0, 4) and a
target y drawn from a Dirichlet distribution (so Σ_k y_k = 1), or, with ``normalized=False``,
y ~ U(0, 1) that does not sum to 1 and for which the formula is wrong.

>>> r = gradient_check(50, seed=0)
>>> r.passed, r.checks
(True, 100)
>>> gradient_check(50, seed=0, normalized=False).passed
False
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from derivations.numerics.validate import check_count, check_seed

__all__ = ["softmax", "cross_entropy", "SoftmaxCheck", "gradient_check"]


def softmax(z) -> np.ndarray:
    """softmax(z)_k = e^{z_k} / Σ_m e^{z_m}, shifted by max z so nothing overflows.

    >>> softmax(np.array([0.0, 0.0])).tolist(), round(float(softmax(np.array([1000.0, 0.0]))[0]), 12)
    ([0.5, 0.5], 1.0)
    """
    z = np.asarray(z)
    e = np.exp(z - np.max(z.real))
    return e / e.sum()


def cross_entropy(z, y) -> complex | float:
    """J = −Σ_k y_k ln softmax(z)_k = Σ_k y_k (logsumexp(z) − z_k) (works for complex z, for complex steps).

    >>> round(float(cross_entropy(np.array([0.0, 0.0]), np.array([1.0, 0.0]))), 12)  # ln 2
    0.69314718056
    """
    z, y = np.asarray(z), np.asarray(y)
    shift = np.max(z.real)
    lse = shift + np.log(np.exp(z - shift).sum())
    return np.sum(y * (lse - z))


@dataclass(frozen=True)
class SoftmaxCheck:
    """The worst relative difference between softmax(z) − y and the complex-step gradient of J.

    >>> r = gradient_check(10, seed=1)
    >>> r.passed, r.max_rel_error < 1e-12, r.sum_y
    (True, True, 1.0)
    """

    passed: bool
    checks: int
    max_rel_error: float
    worst_index: int
    expected: float
    got: float
    sum_y: float
    form: str = "p_i − y_i"


def gradient_check(K: int, *, seed: int, normalized: bool = True, tolerance: float = 1e-10,
                   h: float = 1e-30) -> SoftmaxCheck:
    """Compare softmax(z) − y and −y + softmax(z) Σ_k y_k with Im J(z + i h e_i)/h for every class i.

    Errors are relative to max |∂J/∂z|; the worst of the two forms is reported.

    >>> gradient_check(1000, seed=2).max_rel_error < 1e-12
    True
    """
    K = check_count(K, "K", 2)
    check_seed(seed)
    rng = np.random.default_rng([seed, 11])
    z = rng.standard_normal(K) * 2.0
    y = rng.dirichlet(np.ones(K)) if normalized else rng.uniform(0.0, 1.0, K)
    p = softmax(z)
    forms = (p - y, -y + p * y.sum())  # the theorem's result, and the step before the hypothesis
    exact = np.empty(K)
    for i in range(K):
        step = z.astype(complex)
        step[i] += 1j * h
        exact[i] = cross_entropy(step, y).imag / h
    scale = max(float(np.abs(exact).max()), 1e-300)
    errors = [np.abs(f - exact) / scale for f in forms]
    form = int(np.argmax([e.max() for e in errors]))
    worst = int(np.argmax(errors[form]))
    return SoftmaxCheck(bool(errors[form].max() <= tolerance), 2 * K, float(errors[form].max()), worst,
                        float(exact[worst]), float(forms[form][worst]), float(round(y.sum(), 12)),
                        ("p_i − y_i", "−y_i + p_i Σ_k y_k")[form])
