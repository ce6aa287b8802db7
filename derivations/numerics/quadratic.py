"""Numeric side of ``hessian-quadratic-form``: quadratic models, their eigen-expansion, their contours.

Near a minimum w*, E(w) ≈ E(w*) + ½ (w−w*)ᵀ H (w−w*).  With H u_i = λ_i u_i, u_iᵀu_j = δ_ij and
w − w* = Σ α_i u_i (α = Uᵀ(w − w*)), E(w) = E(w*) + ½ Σ λ_i α_i²; for positive-definite H the
contours E = K are ellipsoids with axes along u_i and half-lengths √(2(K − E(w*))/λ_i).

>>> H, lam, U = random_spd(5, seed=0)
>>> model = QuadraticModel(H, np.zeros(5), 1.0)
>>> print(eigen_expansion_check(model, seed=0).passed, contour_check(model, 3.0, seed=0).passed)
True True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from derivations.errors import InvalidInputError
from derivations.numerics.validate import (
    check_count,
    check_positive,
    check_real,
    check_seed,
)

__all__ = [
    "CONTOUR_VARIANTS",
    "Signs",
    "signs",
    "random_spd",
    "QuadraticModel",
    "EigenExpansionCheck",
    "eigen_expansion_check",
    "ContourAxes",
    "contour_axes",
    "ContourCheck",
    "contour_check",
]

#: Half-length rules :func:`contour_check` can use: the theorem's √(2(K−E*)/λ_i), and deliberately
#: wrong ones — √(2(K−E*))·λ_i ("lambda": λ instead of 1/√λ), √(2(K−E*))/λ_i ("inverse-lambda"),
#: √((K−E*)/λ_i) ("without-2").
CONTOUR_VARIANTS = ("correct", "lambda", "inverse-lambda", "without-2")

_EPS = float(np.finfo(np.float64).eps)
_TINY = float(np.finfo(np.float64).tiny)
_STREAM_EXPANSION = 1
_STREAM_CONTOUR = 2










@dataclass(frozen=True)
class Signs:
    """How many eigenvalues are negative, zero (within a tolerance) and positive: the one definiteness test.

    >>> signs([1, 4]).positive_definite, signs([1, -2]), signs([0.0, 1e-20, 3.0], 1e-12).zero
    (True, Signs(negative=1, zero=0, positive=1), 2)
    """

    negative: int
    zero: int
    positive: int

    @property
    def positive_definite(self) -> bool:
        """Every eigenvalue is positive: E has a strict minimum and its level sets are ellipsoids."""
        return self.negative == self.zero == 0


def signs(eigenvalues, threshold=0) -> Signs:
    """Count the eigenvalues below ``-threshold``, within ``threshold`` of 0, and above it (exact or float).

    >>> signs([-1, 0, 2]), signs([1e-13, 1.0], threshold=1e-12).positive_definite
    (Signs(negative=1, zero=1, positive=1), False)
    """
    values = list(eigenvalues)
    return Signs(sum(bool(v < -threshold) for v in values), sum(bool(abs(v) <= threshold) for v in values),
                 sum(bool(v > threshold) for v in values))


def _array(value, name: str) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} is not a real numeric array: {exc}") from None
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{name} has non-finite entries (nan or inf)")
    return arr


def random_spd(n: int, *, seed: int, condition: float = 10.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A random symmetric positive-definite n × n matrix: ``(H, eigenvalues, U)`` with H = U diag(eigenvalues) Uᵀ.

    U is the Q factor of a Gaussian matrix with the signs fixed so that R has a positive diagonal
    (Haar-distributed); the eigenvalues are ascending, log-uniform in [1, ``condition``] with both
    ends attained (for n ≥ 2), so the condition number is exactly ``condition``.  H is symmetrised
    exactly.  Drawn from ``np.random.default_rng(seed)``.

    >>> H, lam, U = random_spd(3, seed=1, condition=100.0)
    >>> print(lam[0], lam[-1], np.allclose(H, U @ np.diag(lam) @ U.T))
    1.0 100.0 True
    """
    n = check_count(n, "n", 1)
    seed = check_seed(seed)
    condition = check_real(condition, "condition")
    if condition < 1:
        raise InvalidInputError(f"condition must be >= 1 (it is λ_max/λ_min), got {condition!r}")
    rng = np.random.default_rng(seed)
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    signs = np.where(np.diag(r) < 0, -1.0, 1.0)
    U = q * signs
    if n == 1:
        lam = np.ones(1)
    else:
        inner = np.exp(rng.uniform(0.0, math.log(condition), size=n - 2))
        lam = np.sort(np.concatenate(([1.0], inner, [condition])))
    H = (U * lam) @ U.T
    H = 0.5 * (H + H.T)
    return H, lam, U


@dataclass(frozen=True, eq=False)
class QuadraticModel:
    """E(w) = E* + ½ (w − w*)ᵀ H (w − w*), the quadratic model of an error surface around w*.

    H must be square, finite and symmetric to within 1e-12 relative (it is stored symmetrised —
    the antisymmetric part of H never contributes to the form); arrays are read-only copies.

    >>> model = QuadraticModel(np.diag([1.0, 4.0]), np.array([1.0, 0.0]), 2.0)
    >>> model.energy([1.0, 1.0])
    4.0
    """

    H: np.ndarray
    w_star: np.ndarray
    E_star: float = 0.0

    def __post_init__(self):
        H = _array(self.H, "H")
        if H.ndim != 2 or H.shape[0] != H.shape[1] or H.shape[0] == 0:
            raise InvalidInputError(f"H must be a non-empty square matrix, got shape {H.shape}")
        asym = float(np.max(np.abs(H - H.T)))
        scale = float(np.max(np.abs(H)))
        if asym > 1e-12 * scale:
            raise InvalidInputError(
                f"H is not symmetric: max |H − Hᵀ| = {asym:.3g} exceeds 1e-12 · max |H| = {1e-12 * scale:.3g}"
            )
        H = 0.5 * (H + H.T)
        n = H.shape[0]
        w_star = _array(self.w_star, "w_star")
        if w_star.shape != (n,):
            raise InvalidInputError(f"w_star must have shape ({n},) to match H of shape {H.shape}, got {w_star.shape}")
        E_star = check_real(self.E_star, "E_star")
        H.setflags(write=False)
        w_star.setflags(write=False)
        object.__setattr__(self, "H", H)
        object.__setattr__(self, "w_star", w_star)
        object.__setattr__(self, "E_star", E_star)

    @property
    def n(self) -> int:
        """The dimension of the weight space."""
        return self.H.shape[0]

    def _points(self, w, name: str) -> np.ndarray:
        arr = _array(w, name)
        if arr.ndim not in (1, 2) or arr.shape[-1] != self.n:
            raise InvalidInputError(f"{name} must have shape ({self.n},) or (N, {self.n}), got {arr.shape}")
        return arr

    def quadratic_form(self, d):
        """½ dᵀ H d for a displacement d = w − w* (shape (n,) → float, (N, n) → (N,)).

        >>> QuadraticModel(np.diag([1.0, 4.0]), np.zeros(2)).quadratic_form([1.0, 1.0])
        2.5
        """
        d = self._points(d, "d")
        q = 0.5 * np.einsum("...i,ij,...j->...", d, self.H, d)
        return float(q) if q.ndim == 0 else q

    def energy(self, w):
        """E(w) = E* + ½ (w − w*)ᵀ H (w − w*) (shape (n,) → float, (N, n) → (N,)).

        >>> print(QuadraticModel(np.eye(2), np.zeros(2), 1.0).energy([[0.0, 0.0], [1.0, 1.0]]))
        [1. 2.]
        """
        w = self._points(w, "w")
        q = self.quadratic_form(w - self.w_star)
        return self.E_star + q


@dataclass(frozen=True)
class EigenExpansionCheck:
    """Report of :func:`eigen_expansion_check` (maximum errors over all points; ``passed`` = all ≤ ``tolerance``).

    ``energy_error``: |E(w) − (E* + ½ Σ λ_i α_i²)| / (|E*| + ½ max|λ| ‖w − w*‖²);
    ``orthonormality_error``: max |UᵀU − I|; ``eigen_residual``: max |HU − UΛ| / max |λ|;
    ``reconstruction_error``: max ‖Σ α_i u_i − (w − w*)‖ / ‖w − w*‖.

    >>> r = eigen_expansion_check(QuadraticModel(np.eye(2), np.zeros(2)), seed=4, points=3)
    >>> print(r.passed, r.points, r.seed)
    True 3 4
    """

    passed: bool
    energy_error: float
    orthonormality_error: float
    eigen_residual: float
    reconstruction_error: float
    tolerance: float
    seed: int
    points: int
    n: int


def eigen_expansion_check(
    model: QuadraticModel, w=None, *, seed: int = 0, points: int = 16, rtol: float = 1e-10
) -> EigenExpansionCheck:
    """Check E(w) = E(w*) + ½ Σ λ_i α_i² with α = Uᵀ(w − w*) and UᵀU = I, U from ``numpy.linalg.eigh``.

    Checked at ``w`` (one point (n,) or several (N, n)) if given, and at ``points`` random points
    w* + N(0, I) from ``np.random.default_rng([seed, 1])``.  Holds for any symmetric H (definite or
    not).  ``rtol`` = 1e-10: eigh's backward error is a few n·u·‖H‖ (u = 2.2e-16), so even n = 1000
    stays far below it.

    >>> H, _, _ = random_spd(10, seed=2)
    >>> print(eigen_expansion_check(QuadraticModel(H, np.ones(10), -3.0), seed=2).passed)
    True
    """
    if not isinstance(model, QuadraticModel):
        raise InvalidInputError(f"model must be a QuadraticModel, got {type(model).__name__}")
    seed = check_seed(seed)
    points = check_count(points, "points")
    rtol = check_positive(rtol, "rtol")
    n = model.n
    rng = np.random.default_rng([seed, _STREAM_EXPANSION])
    ws = [model.w_star + rng.standard_normal((points, n))]
    if w is not None:
        given = model._points(w, "w")
        ws.insert(0, given.reshape(-1, n))
    W = np.concatenate(ws, axis=0)
    if W.shape[0] == 0:
        raise InvalidInputError("nothing to check: no w given and points = 0")

    lam, U = np.linalg.eigh(model.H)
    lam_scale = max(float(np.max(np.abs(lam))), _TINY)
    orth = float(np.max(np.abs(U.T @ U - np.eye(n))))
    resid = float(np.max(np.abs(model.H @ U - U * lam))) / lam_scale

    D = W - model.w_star
    alpha = D @ U  # row r: α = Uᵀ (w_r − w*)
    direct = model.energy(W)
    expansion = model.E_star + 0.5 * np.sum(lam * alpha**2, axis=1)
    dnorm2 = np.sum(D * D, axis=1)
    scale = abs(model.E_star) + 0.5 * lam_scale * dnorm2
    diff = np.abs(direct - expansion)
    energy_err = float(np.max(np.where(diff == 0, 0.0, diff / np.maximum(scale, _TINY))))
    recon = np.linalg.norm(alpha @ U.T - D, axis=1)
    dnorm = np.sqrt(dnorm2)
    recon_err = float(np.max(np.where(recon == 0, 0.0, recon / np.maximum(dnorm, _TINY))))

    worst = max(energy_err, orth, resid, recon_err)
    return EigenExpansionCheck(
        passed=bool(worst <= rtol),
        energy_error=energy_err,
        orthonormality_error=orth,
        eigen_residual=resid,
        reconstruction_error=recon_err,
        tolerance=rtol,
        seed=seed,
        points=int(W.shape[0]),
        n=n,
    )


@dataclass(frozen=True, eq=False)
class ContourAxes:
    """The ellipsoid E = K of a positive-definite model: ``axes[:, i]`` = u_i, ``half_lengths[i]`` = √(2(K − E*)/λ_i).

    Eigenvalues ascend, so half-lengths descend (the longest axis belongs to the smallest λ).

    >>> c = contour_axes(QuadraticModel(np.diag([4.0, 1.0]), np.zeros(2)), 2.0)
    >>> print(c.eigenvalues, c.half_lengths)
    [1. 4.] [2. 1.]
    """

    axes: np.ndarray
    half_lengths: np.ndarray
    eigenvalues: np.ndarray
    K: float
    E_star: float


def _definite_spectrum(model: QuadraticModel, zero_tol: float) -> tuple[np.ndarray, np.ndarray]:
    """eigh of H, refusing (with the offending eigenvalue) unless H is positive definite."""
    lam, U = np.linalg.eigh(model.H)
    n = model.n
    scale = float(np.max(np.abs(lam)))
    threshold = max(zero_tol, 10 * n * _EPS) * scale
    if scale == 0:
        raise InvalidInputError(
            "H = 0: every eigenvalue is 0, so E is constant and the level sets are all of space or empty, "
            "not ellipsoids; contours need a positive-definite H"
        )
    i_min, i_zero = int(np.argmin(lam)), int(np.argmin(np.abs(lam)))
    count = signs(lam, threshold)
    if count.negative and count.positive:
        raise InvalidInputError(
            f"H is indefinite: eigenvalue λ = {lam[i_min]:.6g} (index {i_min} of the ascending spectrum) is "
            f"negative while λ = {lam[-1]:.6g} is positive, so w* is a saddle and the level sets are "
            "hyperboloids, not ellipsoids; contours need a positive-definite H"
        )
    if count.negative:
        raise InvalidInputError(
            f"H is not positive definite: eigenvalue λ = {lam[i_min]:.6g} (index {i_min} of the ascending "
            "spectrum) is negative and none is positive, so w* is a maximum, not a minimum; contours "
            "need a positive-definite H"
        )
    if count.zero:
        raise InvalidInputError(
            f"H is only positive semi-definite: eigenvalue λ = {lam[i_zero]:.6g} (index {i_zero} of the ascending "
            f"spectrum) is zero to within {threshold:.3g}, so E is flat along its eigenvector and the level set "
            "is an unbounded cylinder, not an ellipsoid; contours need a positive-definite H"
        )
    return lam, U


def contour_axes(model: QuadraticModel, K: float, *, zero_tol: float = 1e-12) -> ContourAxes:
    """Axes u_i and half-lengths √(2(K − E*)/λ_i) of the ellipsoid E = K, for positive-definite H only.

    Refuses (:class:`~derivations.errors.InvalidInputError`, naming the offending eigenvalue) when
    H has an eigenvalue within ``zero_tol`` · max|λ| of 0 (semi-definite: an unbounded cylinder) or a
    negative one (indefinite: a saddle; or negative definite: a maximum), and when K < E* (the
    level set is empty) or K = E* (it is the single point w*).

    >>> c = contour_axes(QuadraticModel(np.diag([2.0, 8.0]), np.zeros(2), 1.0), 5.0)
    >>> print(c.half_lengths)
    [2. 1.]
    >>> contour_axes(QuadraticModel(np.diag([0.0, 1.0]), np.zeros(2)), 1.0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: H is only positive semi-definite: eigenvalue λ = 0 ...
    """
    if not isinstance(model, QuadraticModel):
        raise InvalidInputError(f"model must be a QuadraticModel, got {type(model).__name__}")
    K = check_real(K, "K")
    zero_tol = check_real(zero_tol, "zero_tol")
    if zero_tol < 0:
        raise InvalidInputError(f"zero_tol must be >= 0, got {zero_tol!r}")
    lam, U = _definite_spectrum(model, zero_tol)
    if K < model.E_star:
        raise InvalidInputError(
            f"K = {K!r} is below the minimum E* = {model.E_star!r}: the level set E = K is empty"
        )
    if K == model.E_star:
        raise InvalidInputError(
            f"K = E* = {K!r}: the level set E = K is the single point w*, not an ellipsoid"
        )
    half = np.sqrt(2.0 * (K - model.E_star) / lam)
    for arr in (U, half, lam):
        arr.setflags(write=False)
    return ContourAxes(axes=U, half_lengths=half, eigenvalues=lam, K=K, E_star=model.E_star)


@dataclass(frozen=True)
class ContourCheck:
    """Report of :func:`contour_check`: max |E(w) − K| / (K − E*) over the sampled points of the claimed ellipsoid.

    >>> r = contour_check(QuadraticModel(np.diag([1.0, 9.0]), np.zeros(2)), 1.0, seed=7, points=5)
    >>> print(r.passed, r.points, r.seed)
    True 9 7
    """

    passed: bool
    max_relative_error: float
    tolerance: float
    seed: int
    points: int
    variant: str
    K: float
    n: int


def contour_check(
    model: QuadraticModel,
    K: float,
    *,
    seed: int = 0,
    points: int = 64,
    variant: str = "correct",
    rtol: float = 1e-10,
) -> ContourCheck:
    """Check that w* + Σ_i t_i h_i u_i with Σ t_i² = 1 lies on E = K, with half-lengths h_i from ``variant``.

    The points are the 2n axis ends (t = ±e_i) and ``points`` random t uniform on the unit sphere
    (``np.random.default_rng([seed, 2])``).  For each, E(w) − E* = ½ dᵀHd with d = Σ t_i h_i u_i is
    compared with K − E* (relative error; computing it from d avoids the cancellation of
    E(w) − K when |E*| ≫ K − E*).  ``variant`` = ``"correct"`` uses h_i = √(2(K − E*)/λ_i); the others
    (see :data:`CONTOUR_VARIANTS`) are deliberately wrong and fail unless all λ_i coincide with the
    value that makes them right.  Refuses non-positive-definite H like :func:`contour_axes`.
    The tolerance is ``rtol`` + 100·u·κ(H) (u = 2.2e-16, κ = λ_max/λ_min): eigh determines a small
    eigenvalue only to relative accuracy ≈ u·κ, so an ill-conditioned H cannot do better.

    >>> H, _, _ = random_spd(4, seed=5)
    >>> model = QuadraticModel(H, np.zeros(4), 0.5)
    >>> print(contour_check(model, 2.0, seed=5).passed, contour_check(model, 2.0, seed=5, variant="lambda").passed)
    True False
    """
    if variant not in CONTOUR_VARIANTS:
        raise InvalidInputError(f"unknown contour variant {variant!r}; choose one of {', '.join(CONTOUR_VARIANTS)}")
    seed = check_seed(seed)
    points = check_count(points, "points")
    rtol = check_positive(rtol, "rtol")
    c = contour_axes(model, K)
    gap = c.K - c.E_star
    lam = c.eigenvalues
    if variant == "correct":
        h = c.half_lengths
    elif variant == "lambda":
        h = math.sqrt(2.0 * gap) * lam
    elif variant == "inverse-lambda":
        h = math.sqrt(2.0 * gap) / lam
    else:  # "without-2"
        h = np.sqrt(gap / lam)
    n = model.n
    rng = np.random.default_rng([seed, _STREAM_CONTOUR])
    g = rng.standard_normal((points, n))
    norms = np.linalg.norm(g, axis=1, keepdims=True)
    g = g / np.maximum(norms, _TINY)
    T = np.concatenate((np.eye(n), -np.eye(n), g), axis=0)
    D = (T * h) @ c.axes.T  # row r: Σ_i t_ri h_i u_i
    q = np.atleast_1d(model.quadratic_form(D))
    err = float(np.max(np.abs(q - gap)) / gap)
    tolerance = rtol + 100.0 * _EPS * float(lam[-1] / lam[0])
    return ContourCheck(
        passed=bool(err <= tolerance),
        max_relative_error=err,
        tolerance=tolerance,
        seed=seed,
        points=int(T.shape[0]),
        variant=variant,
        K=c.K,
        n=n,
    )
