"""2-D convolution layers in NumPy: forward, the backward formulas of ``conv-backprop``, output sizes, receptive fields.

Conventions (SPEC): "convolution" in deep learning is the *cross-correlation*
y_{ij} = Σ_{a,b} W_{ab} X̃_{si+a, sj+b} of the zero-padded input X̃ (padding p, stride s); the true
convolution flips the kernel, y = X̃ ⋆ rot180(W).  The output side is ⌊(n − f + 2p)/s⌋ + 1.

:func:`backward` computes ∂L/∂X and ∂L/∂W *only* by the theorem's formulas (dilate ∂L/∂y by the
stride, cross-correlate, pad, rotate, crop), and :func:`gradient_check` compares them with central
finite differences of L = Σ_{ij} G_{ij} y_{ij}, which use only :func:`forward`.  The functions take
float arrays and also object arrays (SymPy entries), so the exact instances compute the same formulas.

>>> X = np.arange(16.0).reshape(4, 4)
>>> W = np.array([[1.0, 0.0], [0.0, -1.0]])
>>> forward(X, W).shape, output_side(4, 2)
((3, 3), 3)
>>> gradient_check(np.random.default_rng(0).standard_normal((6, 6)), W, np.ones((5, 5))).passed
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from derivations.errors import InvalidInputError
from derivations.numerics.validate import check_count, check_seed

__all__ = ["CONVENTIONS", "VARIANTS", "output_side", "count_positions", "pad", "dilate", "rot180", "correlate",
           "forward", "backward", "loss", "ConvGradientCheck", "gradient_check", "receptive_field",
           "receptive_field_by_backprop"]

CONVENTIONS = ("cross-correlation", "convolution")
"""The kernel conventions: cross-correlation (what deep-learning libraries compute) and true convolution."""

VARIANTS = ("correct", "other-convention", "no-full-padding")
"""The backward formulas: the theorem's, the other convention's (the flip in the wrong place), and
∂L/∂X as a valid (unpadded) cross-correlation, which has the wrong shape."""


def output_side(n: int, f: int, p: int = 0, s: int = 1) -> int:
    """⌊(n − f + 2p)/s⌋ + 1, the output side of an f×f kernel on an n×n input (padding p, stride s).

    >>> output_side(5, 3), output_side(7, 3, 1, 2), output_side(224, 7, 3, 2)
    (3, 4, 112)
    """
    n, f, p, s = _sizes(n, f, p, s)
    return (n - f + 2 * p) // s + 1


def count_positions(n: int, f: int, p: int = 0, s: int = 1) -> int:
    """The number of places an f-wide window fits along an n-wide padded input, counted one by one.

    A position is a start index of the padded input (n + 2p wide) that is a multiple of s and
    leaves room for the window.  Brute force, independent of :func:`output_side`.

    >>> count_positions(5, 3), count_positions(7, 3, 1, 2)
    (3, 4)
    """
    n, f, p, s = _sizes(n, f, p, s)
    return sum(1 for start in range(n + 2 * p) if start % s == 0 and start + f <= n + 2 * p)


def _sizes(n, f, p, s) -> tuple[int, int, int, int]:
    n, f = check_count(n, "n", 1), check_count(f, "f", 1)
    p, s = check_count(p, "p", 0), check_count(s, "s", 1)
    if f > n + 2 * p:
        raise InvalidInputError(f"an f = {f} kernel does not fit an n = {n} input with padding p = {p}")
    return n, f, p, s


def pad(A, p: int, after: int | None = None) -> np.ndarray:
    """A with ``p`` rows/columns of zeros on every side (``after`` on the bottom and right, default p).

    >>> pad(np.ones((1, 1)), 1).tolist()
    [[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]
    """
    A = np.asarray(A)
    after = p if after is None else after
    return np.pad(A, ((p, after), (p, after)), constant_values=0)


def dilate(G, s: int) -> np.ndarray:
    """G with s − 1 zeros between neighbouring entries (the gradient of a stride-s layer on the stride-1 grid).

    >>> dilate(np.array([[1, 2], [3, 4]]), 2).tolist()
    [[1, 0, 2], [0, 0, 0], [3, 0, 4]]
    """
    G = np.asarray(G)
    out = np.zeros((s * (G.shape[0] - 1) + 1, s * (G.shape[1] - 1) + 1), dtype=G.dtype)
    out[::s, ::s] = G
    return out


def rot180(W) -> np.ndarray:
    """W rotated by 180° (flipped in both directions).

    >>> rot180(np.array([[1, 2], [3, 4]])).tolist()
    [[4, 3], [2, 1]]
    """
    return np.asarray(W)[::-1, ::-1]


def correlate(X, W, s: int = 1, p: int = 0) -> np.ndarray:
    """The valid cross-correlation y_{ij} = Σ_{a,b} W_{ab} X̃_{si+a, sj+b} of the padded input X̃.

    >>> correlate(np.arange(9).reshape(3, 3), np.array([[1, 0], [0, 1]])).tolist()
    [[4, 6], [10, 12]]
    """
    Xp, W = pad(X, p), np.asarray(W)
    if Xp.shape[0] < W.shape[0] or Xp.shape[1] < W.shape[1]:
        return np.zeros((0, 0), dtype=np.result_type(Xp, W))
    windows = np.lib.stride_tricks.sliding_window_view(Xp, W.shape)[::s, ::s]
    return (windows * W).sum(axis=(-2, -1))


def forward(X, W, s: int = 1, p: int = 0, convention: str = "cross-correlation") -> np.ndarray:
    """The layer's output y: X̃ ⋆ W (cross-correlation) or X̃ ⋆ rot180(W) (true convolution).

    >>> forward(np.arange(9).reshape(3, 3), np.array([[1, 0], [0, 2]]), convention="convolution").tolist()
    [[4, 7], [13, 16]]
    """
    _convention(convention)
    return correlate(X, W if convention == "cross-correlation" else rot180(W), s, p)


def loss(X, W, G, s: int = 1, p: int = 0, convention: str = "cross-correlation"):
    """L = Σ_{ij} G_{ij} y_{ij}: the loss whose gradient with respect to y is G.

    >>> float(loss(np.ones((3, 3)), np.ones((2, 2)), np.ones((2, 2))))
    16.0
    """
    y = forward(X, W, s, p, convention)
    G = np.asarray(G)
    if y.shape != G.shape:
        raise InvalidInputError(f"∂L/∂y must have the output's shape {y.shape}, got {G.shape}")
    return (G * y).sum()


def _convention(convention: str) -> None:
    if convention not in CONVENTIONS:
        raise InvalidInputError(f"convention must be one of {', '.join(CONVENTIONS)}, got {convention!r}")


def backward(X, W, G, s: int = 1, p: int = 0, convention: str = "cross-correlation",
             variant: str = "correct") -> tuple[np.ndarray, np.ndarray]:
    """(∂L/∂X, ∂L/∂W) by the theorem's formulas, with Ĝ = ∂L/∂y dilated by the stride s.

    Cross-correlation: ∂L/∂W = X̃ ⋆ Ĝ and ∂L/∂X̃ = pad_{f−1}(Ĝ) ⋆ rot180(W) (the full convolution of
    Ĝ with W); true convolution: ∂L/∂W = rot180(X̃ ⋆ Ĝ) and ∂L/∂X̃ = pad_{f−1}(Ĝ) ⋆ W.  Rows and
    columns of X̃ no window reaches get zeros; cropping the padding gives ∂L/∂X, of X's shape.

    >>> dX, dW = backward(np.ones((3, 3)), np.array([[1.0, 2.0], [3.0, 4.0]]), np.ones((2, 2)))
    >>> dX.tolist()
    [[1.0, 3.0, 2.0], [4.0, 10.0, 6.0], [3.0, 7.0, 4.0]]
    """
    _convention(convention)
    if variant not in VARIANTS:
        raise InvalidInputError(f"variant must be one of {', '.join(VARIANTS)}, got {variant!r}")
    X, W, G = np.asarray(X), np.asarray(W), np.asarray(G)
    f = W.shape[0]
    flipped = (convention == "convolution") != (variant == "other-convention")
    Gd = dilate(G, s)
    Xp = pad(X, p)[: Gd.shape[0] + f - 1, : Gd.shape[1] + f - 1]  # the rows and columns some window reaches
    dW = correlate(Xp, Gd)
    dW = rot180(dW) if flipped else dW
    kernel = W if flipped else rot180(W)
    if variant == "no-full-padding":
        return correlate(Gd, kernel), dW
    full = correlate(pad(Gd, f - 1), kernel)  # the full convolution of Ĝ with W: side s(m − 1) + f
    rows, cols = X.shape[0] + 2 * p - full.shape[0], X.shape[1] + 2 * p - full.shape[1]
    full = np.pad(full, ((0, rows), (0, cols)), constant_values=0)
    return full[p: p + X.shape[0], p: p + X.shape[1]], dW


@dataclass(frozen=True)
class ConvGradientCheck:
    """Result of :func:`gradient_check`: passed, worst relative error, number of checks, the worst place.

    >>> ConvGradientCheck(True, 1e-12, 10, "dW[0, 0]", 1.0, 1.0).passed
    True
    """

    passed: bool
    max_relative_error: float
    checks: int
    worst: str
    finite_difference: float
    analytic: float


def gradient_check(X, W, G, s: int = 1, p: int = 0, convention: str = "cross-correlation",
                   variant: str = "correct", *, seed: int = 0, coordinates: int = 12, eps: float = 1e-3,
                   rtol: float = 1e-6) -> ConvGradientCheck:
    """Compare :func:`backward` with central finite differences of L = Σ G∘y at random entries of X and W.

    L is linear in X and in W, so the central difference is exact but for rounding, which is at most
    about ν = 4u·Σ|G|·(|X̃| ⋆ |W|)/ε (u the unit round-off); each check is scored
    |fd − g| / max(|fd|, |g|, ν/rtol) and passes at or below ``rtol``, so an exactly zero gradient is
    compared at the resolution of the differences.  A ∂L/∂X of the wrong
    shape fails outright.  Entries are drawn from ``np.random.default_rng([seed, 3])``.

    >>> rng = np.random.default_rng(1)
    >>> X, W = rng.standard_normal((7, 7)), rng.standard_normal((3, 3))
    >>> gradient_check(X, W, np.ones((4, 4)), s=2, p=1).passed
    True
    >>> gradient_check(X, W, np.ones((5, 5)), variant="other-convention").passed
    False
    """
    X, W, G = (np.array(a, dtype=np.float64) for a in (X, W, G))
    seed, coordinates = check_seed(seed), check_count(coordinates, "coordinates", 1)
    noise = 4 * np.finfo(np.float64).eps * float(loss(np.abs(X), np.abs(W), np.abs(G), s, p, convention)) / eps
    dX, dW = backward(X, W, G, s, p, convention, variant)
    if dX.shape != X.shape:
        return ConvGradientCheck(False, 1.0, 1, f"shape of ∂L/∂X: {dX.shape[0]}×{dX.shape[1]}, "
                                                f"expected {X.shape[0]}×{X.shape[1]}", float(X.size), float(dX.size))
    rng = np.random.default_rng([seed, 3])
    worst = (0.0, "", 0.0, 0.0)
    checks = 0
    for name, A, dA in (("X", X, dX), ("W", W, dW)):
        flat = rng.choice(A.size, size=min(coordinates, A.size), replace=False)
        for k in flat:
            idx = np.unravel_index(k, A.shape)
            plus, minus = A.copy(), A.copy()
            plus[idx] += eps
            minus[idx] -= eps
            args = (plus, W) if name == "X" else (X, plus)
            back = (minus, W) if name == "X" else (X, minus)
            fd = (loss(*args, G, s, p, convention) - loss(*back, G, s, p, convention)) / (2 * eps)
            g = float(dA[idx])
            err = abs(fd - g) / max(abs(fd), abs(g), noise / rtol, 1e-300)
            checks += 1
            if err >= worst[0]:
                worst = (err, f"∂L/∂{name}[{idx[0]}, {idx[1]}]", float(fd), g)
    return ConvGradientCheck(bool(worst[0] <= rtol), worst[0], checks, worst[1], worst[2], worst[3])


def receptive_field(kernels, strides=None) -> int:
    """The side r_L of the input region one output pixel sees: r_l = r_{l−1} + (f_l − 1) Π_{i<l} s_i, r_0 = 1.

    >>> receptive_field((3, 3, 3, 3)), receptive_field((3, 3, 3), (2, 2, 2))
    (9, 15)
    """
    kernels = tuple(check_count(f, "kernel size", 1) for f in kernels)
    strides = (1,) * len(kernels) if strides is None else tuple(check_count(s, "stride", 1) for s in strides)
    if len(strides) != len(kernels):
        raise InvalidInputError(f"one stride per layer: {len(kernels)} kernels, {len(strides)} strides")
    r, jump = 1, 1
    for f, s in zip(kernels, strides):
        r += (f - 1) * jump
        jump *= s
    return r


def receptive_field_by_backprop(kernels, strides=None, *, seed: int = 0) -> tuple[int, int, int]:
    """(rows, columns, pixels) of the input that one output pixel depends on, found by back-propagation.

    The input is large enough for the region to sit away from the border; the kernels are random
    and positive (so no gradient cancels); a one-hot ∂L/∂y at the centre of the last layer's output
    is propagated back with :func:`backward`, layer by layer, and the non-zero input pixels counted.
    Rows and columns are the extent of the patch (the receptive field); the patch has holes, and
    fewer than rows × columns pixels, when a stride is larger than the next layer's kernel.

    >>> receptive_field_by_backprop((3, 3, 3, 3)), receptive_field_by_backprop((1, 3), (3, 1))
    ((9, 9, 81), (7, 7, 9))
    """
    r = receptive_field(kernels, strides)
    strides = (1,) * len(kernels) if strides is None else tuple(strides)
    rng = np.random.default_rng([check_seed(seed), 5])
    n = 2 * r + int(np.prod(strides)) + 3
    x = rng.uniform(0.5, 1.5, size=(n, n))
    layers, sizes = [], [x]
    for f, s in zip(kernels, strides):
        w = rng.uniform(0.5, 1.5, size=(f, f))
        layers.append((w, s))
        sizes.append(forward(sizes[-1], w, s))
    g = np.zeros(sizes[-1].shape)
    g[g.shape[0] // 2, g.shape[1] // 2] = 1.0
    for (w, s), inp in zip(reversed(layers), reversed(sizes[:-1])):
        g, _ = backward(inp, w, g, s)
    rows, cols = np.nonzero(g)
    return int(rows.max() - rows.min() + 1), int(cols.max() - cols.min() + 1), int(rows.size)
