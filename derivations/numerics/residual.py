"""Residual blocks y = ReLU(F(x) + x) in float64, and the check of ∂y/∂x = diag(ReLU'(F(x)+x)) (∂F/∂x + I).

F is a two-layer map F(x) = W₂ tanh(W₁ x + b₁) + b₂ with W₁, W₂ ~ N(0, 1/n).  :func:`jacobian_check`
compares the formula, and the chain-rule step diag(ReLU'(u)) ∂u/∂x (∂u/∂x by differences of the smooth
u), with central finite differences of the block at random inputs, row by row,
skipping rows whose unit sits within ``margin`` of the ReLU's kink (F(x) + x = 0, where ReLU has no
derivative and a difference straddles the kink).  ``variant='no-identity'`` drops the I (the
version of sheet 001 Q1), which the check refutes.

>>> r = jacobian_check(16, seed=0)
>>> r.passed, r.max_rel_error < 1e-7
(True, True)
>>> jacobian_check(16, seed=0, variant='no-identity').passed
False
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from derivations.numerics.validate import check_count, check_seed

__all__ = ["RESIDUAL_VARIANTS", "ResidualBlock", "random_block", "forward", "jacobian", "ResidualCheck",
           "jacobian_check", "depth_gradient"]

RESIDUAL_VARIANTS = ("correct", "no-identity")
"""The Jacobian rule: the theorem's ReLU'(u)(∂F/∂x + I), or the sheet's ReLU'(u) ∂F/∂x (no identity)."""


@dataclass(frozen=True)
class ResidualBlock:
    """F(x) = W2 tanh(W1 x + b1) + b2 (all n×n and n); the block is y = ReLU(F(x) + x).

    >>> random_block(3, seed=0).W1.shape
    (3, 3)
    """

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray


def random_block(n: int, *, seed: int, gain: float = 1.0) -> ResidualBlock:
    """A random block of width n: W ~ N(0, gain²/n), b ~ N(0, 0.01).

    >>> random_block(2, seed=1).b2.shape
    (2,)
    """
    n = check_count(n, "n", 1)
    check_seed(seed)
    rng = np.random.default_rng([seed, 12])
    W1, W2 = (rng.standard_normal((n, n)) * gain / np.sqrt(n) for _ in range(2))
    return ResidualBlock(W1, rng.standard_normal(n) * 0.1, W2, rng.standard_normal(n) * 0.1)


def forward(block: ResidualBlock, x) -> tuple[np.ndarray, np.ndarray]:
    """(u, y) with u = F(x) + x and y = ReLU(u).

    >>> u, y = forward(random_block(2, seed=0), np.zeros(2))
    >>> bool(np.all(y == np.maximum(u, 0)))
    True
    """
    u = block.W2 @ np.tanh(block.W1 @ x + block.b1) + block.b2 + x
    return u, np.maximum(u, 0.0)


def jacobian(block: ResidualBlock, x, variant: str = "correct") -> np.ndarray:
    """diag(ReLU'(u)) (∂F/∂x + I), or without the I for ``variant='no-identity'``.

    >>> J = jacobian(random_block(3, seed=0), np.ones(3))
    >>> J.shape
    (3, 3)
    """
    if variant not in RESIDUAL_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {', '.join(RESIDUAL_VARIANTS)}")
    h = np.tanh(block.W1 @ x + block.b1)
    dF = block.W2 @ ((1.0 - h ** 2)[:, None] * block.W1)
    u, _ = forward(block, x)
    inner = dF + (np.eye(len(x)) if variant == "correct" else 0.0)
    return (u > 0).astype(float)[:, None] * inner


@dataclass(frozen=True)
class ResidualCheck:
    """What :func:`jacobian_check` found: rows compared, rows skipped at a kink, the worst relative error.

    >>> r = jacobian_check(4, seed=3)
    >>> r.rows + r.skipped
    32
    """

    passed: bool
    rows: int
    skipped: int
    max_rel_error: float
    worst: str
    expected: float
    got: float


def jacobian_check(n: int, *, seed: int, variant: str = "correct", inputs: int = 8, h: float = 1e-6,
                   margin: float = 1e-3, tolerance: float = 1e-6) -> ResidualCheck:
    """Compare :func:`jacobian` with central differences (y(x + h e_j) − y(x − h e_j)) / 2h at random x ~ N(0, 1).

    >>> jacobian_check(64, seed=1).passed
    True
    """
    block = random_block(n, seed=seed)
    rng = np.random.default_rng([seed, 13])
    rows = skipped = 0
    worst, where, expected, got = 0.0, "", 0.0, 0.0
    for t in range(inputs):
        x = rng.standard_normal(n)
        J = jacobian(block, x, variant)
        fd, fd_u = np.empty((n, n)), np.empty((n, n))
        for j in range(n):
            e = np.zeros(n)
            e[j] = h
            (up, yp), (um, ym) = forward(block, x + e), forward(block, x - e)
            fd[:, j], fd_u[:, j] = (yp - ym) / (2 * h), (up - um) / (2 * h)
        u, _ = forward(block, x)
        chain = (u > 0).astype(float)[:, None] * fd_u  # the chain-rule step: diag(ReLU'(u)) ∂u/∂x
        scale = max(float(np.abs(fd).max()), 1.0)
        for i in range(n):
            if abs(u[i]) < margin:
                skipped += 1
                continue
            rows += 1
            for form in (J, chain):
                k = int(np.argmax(np.abs(form[i] - fd[i])))
                err = abs(form[i, k] - fd[i, k]) / scale
                if err > worst:
                    worst, where, expected, got = err, f"input {t + 1}, entry ({i + 1}, {k + 1})", fd[i, k], form[i, k]
    return ResidualCheck(bool(worst <= tolerance), rows, skipped, float(worst), where, float(expected), float(got))


def depth_gradient(n: int, depth: int, *, seed: int, residual: bool, gain: float = 0.3) -> list[tuple[int, float]]:
    """(L, ‖∂x_L/∂x_0‖₂) through L = 1…depth blocks (residual: ReLU(F(x) + x); plain: ReLU(F(x))).

    Small weights (gain 0.3) make ∂F/∂x small: the plain stack's gradient dies, the residual one's does not.

    >>> plain = depth_gradient(8, 10, seed=0, residual=False)
    >>> res = depth_gradient(8, 10, seed=0, residual=True)
    >>> plain[-1][1] < 1e-3 < res[-1][1]
    True
    """
    blocks = [random_block(n, seed=seed * 1000 + l, gain=gain) for l in range(depth)]
    x = np.abs(np.random.default_rng([seed, 14]).standard_normal(n)) + 1.0
    J = np.eye(n)
    out = []
    for L, block in enumerate(blocks, 1):
        h = np.tanh(block.W1 @ x + block.b1)
        dF = block.W2 @ ((1.0 - h ** 2)[:, None] * block.W1)
        u = block.W2 @ h + block.b2 + (x if residual else 0.0)
        step = (u > 0).astype(float)[:, None] * (dF + (np.eye(n) if residual else 0.0))
        J = step @ J
        x = np.maximum(u, 0.0)
        out.append((L, float(np.linalg.norm(J, 2))))
    return out
