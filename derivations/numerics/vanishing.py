"""Vanishing gradients in sigmoid networks: the input-output Jacobian against (¼)^L Π_l ‖W^{(l)}‖₂.

For a^{(l)} = σ(W^{(l)} a^{(l−1)} + b^{(l)}), the Jacobian of the output with respect to the input
is J = D^{(L)} W^{(L)} ⋯ D^{(1)} W^{(1)} with D^{(l)} = diag(σ'(z^{(l)})), and since σ' ≤ ¼,

    ‖J‖₂ ≤ Π_l ‖D^{(l)}‖₂ ‖W^{(l)}‖₂ ≤ (¼)^L Π_l ‖W^{(l)}‖₂.

:func:`jacobian` computes J by that product; :func:`bound_check` checks the product against central
complex-step derivatives of the forward pass and both inequalities at random inputs, and on a *tight*
network (orthogonal weights and biases that put every z^{(l)} at 0, where σ' = ¼) on which the
bound holds with equality, so a bound smaller than (¼)^L Π‖W‖ (``variant='eighth'``) fails there.

>>> r = bound_check((4, 4, 4), seed=0)
>>> r.passed, r.tight_ratio > 1 - 1e-12
(True, True)
>>> bound_check((4, 4, 4), seed=0, variant='eighth').passed
False
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from derivations.numerics.validate import check_count, check_seed

__all__ = ["BOUND_VARIANTS", "random_network", "tight_network", "jacobian", "BoundCheck", "bound_check",
           "gradient_norms"]

BOUND_VARIANTS = ("correct", "eighth")
"""The bound's factor per layer: the theorem's ¼ = max σ', or a wrong ⅛."""

_FACTOR = {"correct": 0.25, "eighth": 0.125}


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1/(1 + e^{−z}), without overflow


def random_network(widths: Sequence[int], *, seed: int, gain: float = 1.0) -> tuple[list, list]:
    """Weights W^{(l)} ~ N(0, gain²/n_{l−1}) of shape (n_l, n_{l−1}) and biases b^{(l)} ~ N(0, 0.01).

    >>> Ws, bs = random_network((3, 5, 2), seed=0)
    >>> [W.shape for W in Ws], [b.shape for b in bs]
    ([(5, 3), (2, 5)], [(5,), (2,)])
    """
    check_seed(seed)
    widths = [check_count(w, "width", 1) for w in widths]
    rng = np.random.default_rng([seed, 7])
    Ws = [rng.standard_normal((n, m)) * gain / np.sqrt(m) for m, n in zip(widths, widths[1:])]
    bs = [rng.standard_normal(n) * 0.1 for n in widths[1:]]
    return Ws, bs


def tight_network(width: int, depth: int, *, seed: int, scale: float = 2.0) -> tuple[list, list, np.ndarray]:
    """A network on which ‖J‖₂ = (¼)^L Π‖W‖₂: W^{(l)} = scale·Q_l (Q_l orthogonal), every z^{(l)} = 0 at x.

    >>> Ws, bs, x = tight_network(3, 2, seed=0)
    >>> np.allclose(Ws[0] @ x + bs[0], 0)
    True
    """
    rng = np.random.default_rng([seed, 8])
    x = rng.standard_normal(width)
    Ws, bs, a = [], [], x
    for _ in range(depth):
        q, _ = np.linalg.qr(rng.standard_normal((width, width)))
        W = scale * q
        Ws.append(W)
        bs.append(-W @ a)  # z = W a + b = 0
        a = _sigmoid(np.zeros(width))
    return Ws, bs, x


def _forward(Ws, bs, x) -> tuple[list, np.ndarray]:
    zs, a = [], x
    for W, b in zip(Ws, bs):
        z = W @ a + b
        zs.append(z)
        a = _sigmoid(z)
    return zs, a


def jacobian(Ws, bs, x) -> tuple[np.ndarray, list]:
    """∂a^{(L)}/∂a^{(0)} = D^{(L)} W^{(L)} ⋯ D^{(1)} W^{(1)} at x, and the ‖D^{(l)}‖₂ = max_j σ'(z_j^{(l)}).

    >>> Ws, bs = random_network((2, 3, 1), seed=0)
    >>> J, d = jacobian(Ws, bs, np.zeros(2))
    >>> J.shape, all(0 < v <= 0.25 for v in d)
    ((1, 2), True)
    """
    zs, _ = _forward(Ws, bs, x)
    J = np.eye(len(x))
    norms = []
    for W, z in zip(Ws, zs):
        s = _sigmoid(z)
        dprime = s * (1.0 - s)
        J = dprime[:, None] * (W @ J)
        norms.append(float(dprime.max()))
    return J, norms


def _complex_step_error(Ws, bs, x, J, h: float = 1e-30) -> float:
    """Largest difference between J and complex-step derivatives of the forward pass, relative to max |J|.

    Im f(x + i h e_k) / h is ∂f/∂x_k to rounding (no difference of nearly equal numbers, so even the
    1e-7 Jacobians of deep networks are resolved); it never uses σ'.
    """
    worst = 0.0
    scale = max(np.abs(J).max(), 1e-300)
    for k in range(len(x)):
        shifted = x.astype(complex)
        shifted[k] += 1j * h
        column = _forward(Ws, bs, shifted)[1].imag / h
        worst = max(worst, float(np.abs(column - J[:, k]).max() / scale))
    return worst


@dataclass(frozen=True)
class BoundCheck:
    """What :func:`bound_check` found: the Jacobian's agreement with complex-step derivatives, the ratios
    ‖J‖₂ / (bound) at random inputs (each ≤ 1 when the bound holds) and on the tight network.

    >>> r = bound_check((3, 3), seed=1)
    >>> r.inputs, r.max_ratio <= 1, r.jacobian_error < 1e-10
    (16, True, True)
    """

    passed: bool
    inputs: int
    jacobian_error: float
    max_ratio: float
    max_submultiplicative_ratio: float
    tight_ratio: float
    worst: str


def bound_check(widths: Sequence[int], *, seed: int, variant: str = "correct", inputs: int = 16,
                fd_tolerance: float = 1e-10) -> BoundCheck:
    """Check J against complex-step derivatives and ‖J‖₂ ≤ Π‖D‖‖W‖ ≤ factor^L Π‖W‖ at random x ~ N(0, 4).

    The tight network has the width of the first layer and the same depth; with the correct factor
    ¼ its ratio is 1 (to rounding), so any smaller factor fails there.

    >>> bound_check((5, 5, 5, 5), seed=2).max_ratio < 1
    True
    """
    if variant not in _FACTOR:
        raise ValueError(f"unknown variant {variant!r}; choose one of {', '.join(BOUND_VARIANTS)}")
    Ws, bs = random_network(widths, seed=seed)
    rng = np.random.default_rng([seed, 9])
    L = len(Ws)
    weights = float(np.prod([np.linalg.norm(W, 2) for W in Ws]))
    bound = _FACTOR[variant] ** L * weights
    fd_error = max_ratio = sub_ratio = 0.0
    for _ in range(inputs):
        x = rng.standard_normal(widths[0]) * 2.0
        J, dnorms = jacobian(Ws, bs, x)
        fd_error = max(fd_error, _complex_step_error(Ws, bs, x, J))
        norm = float(np.linalg.norm(J, 2))
        max_ratio = max(max_ratio, norm / bound)
        sub_ratio = max(sub_ratio, norm / float(np.prod(dnorms) * weights))
    tW, tb, tx = tight_network(widths[1], L, seed=seed)
    tJ, _ = jacobian(tW, tb, tx)
    tight = float(np.linalg.norm(tJ, 2)) / (_FACTOR[variant] ** L * float(np.prod([np.linalg.norm(W, 2) for W in tW])))
    slack = 1.0 + 1e-12
    passed = fd_error <= fd_tolerance and max_ratio <= slack and sub_ratio <= slack and tight <= slack
    worst = "tight network (every z = 0, orthogonal W)" if tight > slack else "random inputs"
    return BoundCheck(passed, inputs, fd_error, max_ratio, sub_ratio, tight, worst)


def gradient_norms(width: int, depth: int, *, seed: int, samples: int = 8, gain: float = 1.0) -> list[tuple]:
    """(L, mean ‖J‖₂ over random inputs, (¼)^L Π‖W‖₂) for L = 1…depth on one random network of that width.

    >>> rows = gradient_norms(8, 3, seed=0)
    >>> [r[0] for r in rows], all(r[1] <= r[2] for r in rows)
    ([1, 2, 3], True)
    """
    Ws, bs = random_network([width] * (depth + 1), seed=seed, gain=gain)
    rng = np.random.default_rng([seed, 10])
    xs = [rng.standard_normal(width) for _ in range(samples)]
    rows = []
    for L in range(1, depth + 1):
        norms = [float(np.linalg.norm(jacobian(Ws[:L], bs[:L], x)[0], 2)) for x in xs]
        bound = 0.25 ** L * float(np.prod([np.linalg.norm(W, 2) for W in Ws[:L]]))
        rows.append((L, float(np.mean(norms)), bound))
    return rows
