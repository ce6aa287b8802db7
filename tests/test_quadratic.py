"""Tests of derivations.numerics.quadratic: the numeric side of hessian-quadratic-form."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.errors import InvalidInputError
from derivations.numerics.quadratic import (
    CONTOUR_VARIANTS,
    ContourAxes,
    ContourCheck,
    EigenExpansionCheck,
    QuadraticModel,
    contour_axes,
    contour_check,
    eigen_expansion_check,
    random_spd,
)

SIZES = (2, 3, 10, 50)


def _model(n, seed, condition=10.0, E_star=0.75):
    H, lam, U = random_spd(n, seed=seed, condition=condition)
    w_star = np.random.default_rng([seed, 7]).standard_normal(n)
    return QuadraticModel(H, w_star, E_star), lam, U


def _with_spectrum(lam, seed=0):
    """A symmetric matrix with the given eigenvalues and a random orthonormal eigenbasis."""
    n = len(lam)
    _, _, U = random_spd(n, seed=seed)
    H = (U * np.asarray(lam, dtype=float)) @ U.T
    return QuadraticModel(0.5 * (H + H.T), np.zeros(n), 1.0)


# ----------------------------------------------------------------------------------------------
# random_spd
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", (1,) + SIZES)
def test_random_spd_is_symmetric_positive_definite_with_its_spectrum(n):
    """random_spd returns H = U Λ Uᵀ, exactly symmetric, U orthogonal, eigenvalues ascending in [1, condition]."""
    H, lam, U = random_spd(n, seed=n, condition=25.0)
    assert H.shape == (n, n) and lam.shape == (n,) and U.shape == (n, n)
    assert np.array_equal(H, H.T)
    np.testing.assert_allclose(U.T @ U, np.eye(n), atol=1e-13)
    np.testing.assert_allclose(H, U @ np.diag(lam) @ U.T, atol=1e-12 * 25)
    assert np.all(np.diff(lam) >= 0)
    assert lam[0] == 1.0
    if n >= 2:
        assert lam[-1] == 25.0
    np.testing.assert_allclose(np.linalg.eigvalsh(H), lam, rtol=1e-12)


def test_random_spd_is_reproducible_and_sign_fixed():
    """Same seed → same matrices; U is the sign-fixed Q factor (the QR of the same Gaussian draw has R_ii > 0)."""
    a = random_spd(6, seed=3)
    b = random_spd(6, seed=3)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    G = np.random.default_rng(3).standard_normal((6, 6))
    U = a[2]
    R = U.T @ G  # G = U R with R upper triangular and positive diagonal
    np.testing.assert_allclose(np.tril(R, -1), 0, atol=1e-12)
    assert np.all(np.diag(R) > 0)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [(dict(n=0, seed=0), "n must be"), (dict(n=3, seed=-2), "seed"), (dict(n=3, seed=0, condition=0.5), "condition")],
)
def test_random_spd_rejects_bad_arguments(kwargs, fragment):
    """random_spd refuses n < 1, negative seeds and condition numbers below 1."""
    with pytest.raises(InvalidInputError) as info:
        random_spd(**kwargs)
    assert fragment in str(info.value)


# ----------------------------------------------------------------------------------------------
# QuadraticModel
# ----------------------------------------------------------------------------------------------


def test_energy_is_the_quadratic_form():
    """energy(w) = E* + ½ (w − w*)ᵀ H (w − w*), for a single point and for a batch."""
    model, _, _ = _model(4, seed=1)
    rng = np.random.default_rng(0)
    W = rng.standard_normal((5, 4))
    expected = [model.E_star + 0.5 * (w - model.w_star) @ model.H @ (w - model.w_star) for w in W]
    np.testing.assert_allclose(model.energy(W), expected, rtol=1e-14)
    assert model.energy(W[0]) == pytest.approx(expected[0], rel=1e-14)
    assert model.energy(model.w_star) == model.E_star
    assert model.quadratic_form(W[0] - model.w_star) == pytest.approx(expected[0] - model.E_star, rel=1e-13)


def test_model_is_frozen_and_read_only():
    """QuadraticModel copies its arrays read-only and cannot be reassigned."""
    H = np.eye(2)
    model = QuadraticModel(H, np.zeros(2))
    H[0, 0] = 9.0
    assert model.H[0, 0] == 1.0
    with pytest.raises(ValueError):
        model.H[0, 0] = 3.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.E_star = 2.0
    assert model.n == 2


@pytest.mark.parametrize(
    "H, w_star, E_star, fragment",
    [
        (np.ones((2, 3)), np.zeros(2), 0.0, "square"),
        (np.ones(3), np.zeros(3), 0.0, "square"),
        (np.array([[1.0, 2.0], [0.0, 1.0]]), np.zeros(2), 0.0, "not symmetric"),
        (np.array([[1.0, np.inf], [np.inf, 1.0]]), np.zeros(2), 0.0, "non-finite"),
        (np.eye(2), np.zeros(3), 0.0, "w_star must have shape (2,)"),
        (np.eye(2), np.zeros(2), float("nan"), "E_star must be finite"),
        (np.eye(2), np.zeros(2), "one", "E_star must be a real number"),
    ],
)
def test_model_validation(H, w_star, E_star, fragment):
    """Non-square, asymmetric or non-finite H, a w* of the wrong shape, or a non-finite E* are refused."""
    with pytest.raises(InvalidInputError) as info:
        QuadraticModel(H, w_star, E_star)
    assert fragment in str(info.value)


def test_model_accepts_rounding_level_asymmetry_and_symmetrises():
    """An H that is symmetric up to rounding (U Λ Uᵀ computed naively) is accepted and stored symmetric."""
    _, lam, U = random_spd(30, seed=4)
    H = U @ np.diag(lam) @ U.T
    model = QuadraticModel(H, np.zeros(30))
    assert np.array_equal(model.H, model.H.T)


# ----------------------------------------------------------------------------------------------
# eigen expansion
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n", SIZES)
def test_eigen_expansion_holds_for_random_spd(n, seed):
    """E(w) = E(w*) + ½ Σ λ_i α_i² with α = Uᵀ(w − w*), and UᵀU = I, for random SPD H up to n = 50."""
    model, _, _ = _model(n, seed)
    report = eigen_expansion_check(model, seed=seed)
    assert report.passed, report
    assert isinstance(report, EigenExpansionCheck)
    assert report.n == n and report.seed == seed and report.points == 16
    assert max(report.energy_error, report.orthonormality_error, report.eigen_residual) < 1e-12


def test_eigen_expansion_at_given_points_and_for_indefinite_h():
    """The expansion is checked at user-given points too, and holds for indefinite H (it needs only symmetry)."""
    model = _with_spectrum([-3.0, 0.0, 2.0, 5.0], seed=2)
    w = np.random.default_rng(1).standard_normal((3, 4))
    report = eigen_expansion_check(model, w, seed=0, points=0)
    assert report.passed and report.points == 3
    single = eigen_expansion_check(model, w[0], seed=0, points=2)
    assert single.passed and single.points == 3


def test_eigen_expansion_by_hand_in_two_dimensions():
    """For H = R diag(1, 4) Rᵀ (a rotation R by 30°) the expansion matches ½(α₁² + 4α₂²) computed by hand."""
    c, s = np.cos(np.pi / 6), np.sin(np.pi / 6)
    R = np.array([[c, -s], [s, c]])
    model = QuadraticModel(R @ np.diag([1.0, 4.0]) @ R.T, np.array([1.0, -1.0]), 2.0)
    w = np.array([2.0, 0.5])
    alpha = R.T @ (w - model.w_star)
    assert model.energy(w) == pytest.approx(2.0 + 0.5 * (alpha[0] ** 2 + 4 * alpha[1] ** 2), rel=1e-14)
    assert eigen_expansion_check(model, w, seed=0).passed


def test_eigen_expansion_report_is_reproducible_and_validates():
    """Same seed → same report; bad points, a w of the wrong shape or a non-model are refused."""
    model, _, _ = _model(5, seed=3)
    assert eigen_expansion_check(model, seed=9) == eigen_expansion_check(model, seed=9)
    with pytest.raises(InvalidInputError, match="nothing to check"):
        eigen_expansion_check(model, seed=0, points=0)
    with pytest.raises(InvalidInputError, match=r"w must have shape \(5,\)"):
        eigen_expansion_check(model, np.zeros(4), seed=0)
    with pytest.raises(InvalidInputError, match="QuadraticModel"):
        eigen_expansion_check(np.eye(2), seed=0)


# ----------------------------------------------------------------------------------------------
# contours
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", SIZES)
def test_contour_axes_are_eigenvectors_with_inverse_sqrt_half_lengths(n):
    """contour_axes returns u_i (H u_i = λ_i u_i) and half-lengths √(2(K − E*)/λ_i), longest for smallest λ."""
    model, lam, _ = _model(n, seed=n)
    K = model.E_star + 2.5
    c = contour_axes(model, K)
    assert isinstance(c, ContourAxes)
    np.testing.assert_allclose(c.eigenvalues, lam, rtol=1e-12)
    np.testing.assert_allclose(model.H @ c.axes, c.axes * c.eigenvalues, atol=1e-12 * lam[-1])
    np.testing.assert_allclose(c.half_lengths, np.sqrt(2 * 2.5 / lam), rtol=1e-12)
    assert np.all(np.diff(c.half_lengths) <= 0)
    # half-lengths ∝ 1/√λ_i
    np.testing.assert_allclose(c.half_lengths * np.sqrt(c.eigenvalues), np.sqrt(5.0), rtol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n", SIZES)
def test_contour_points_lie_on_the_level_set(n, seed):
    """Points w* + Σ t_i h_i u_i with Σ t_i² = 1 satisfy E = K, for random SPD H up to n = 50."""
    model, _, _ = _model(n, seed, condition=100.0)
    K = model.E_star + 0.3 + seed
    report = contour_check(model, K, seed=seed)
    assert report.passed, report
    assert isinstance(report, ContourCheck)
    assert report.points == 2 * n + 64 and report.seed == seed and report.K == K
    assert report.max_relative_error < 1e-12


def test_contour_points_on_the_level_set_via_energy():
    """Evaluating E itself at the sampled boundary points (not only the quadratic form) gives K."""
    model, _, _ = _model(10, seed=5)
    K = model.E_star + 4.0
    c = contour_axes(model, K)
    t = np.random.default_rng(0).standard_normal((20, 10))
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    W = model.w_star + (t * c.half_lengths) @ c.axes.T
    np.testing.assert_allclose(model.energy(W), K, rtol=1e-13)
    # inside (scaled by ½) the energy is below K, outside (scaled by 2) above
    assert np.all(model.energy(model.w_star + 0.5 * (W - model.w_star)) < K)
    assert np.all(model.energy(model.w_star + 2.0 * (W - model.w_star)) > K)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("variant", [v for v in CONTOUR_VARIANTS if v != "correct"])
@pytest.mark.parametrize("n", SIZES)
def test_wrong_half_lengths_fail_the_contour_check(n, variant, seed):
    """Half-lengths ∝ λ (or 1/λ, or without the factor 2) put the points off the level set: the check fails."""
    model, _, _ = _model(n, seed)
    report = contour_check(model, model.E_star + 1.0, seed=seed, variant=variant)
    assert not report.passed, report
    assert report.max_relative_error > 1e-2
    assert report.variant == variant


def test_contour_check_is_reproducible_and_scales_tolerance_with_conditioning():
    """Same seed → same report; an ill-conditioned H (κ = 1e8) still passes with the κ-scaled tolerance."""
    model, _, _ = _model(10, seed=1)
    assert contour_check(model, 3.0, seed=4) == contour_check(model, 3.0, seed=4)
    stiff, _, _ = _model(50, seed=2, condition=1e8)
    report = contour_check(stiff, stiff.E_star + 1.0, seed=0)
    assert report.passed, report
    assert report.tolerance > 1e-10


def test_contour_check_rejects_unknown_variant():
    """An unknown half-length rule is refused with InvalidInputError."""
    model, _, _ = _model(3, seed=0)
    with pytest.raises(InvalidInputError, match="unknown contour variant"):
        contour_check(model, 2.0, seed=0, variant="sqrt")


# ----------------------------------------------------------------------------------------------
# refusals: no ellipsoid
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", SIZES)
def test_semidefinite_h_is_refused_naming_the_zero_eigenvalue(n):
    """A zero eigenvalue (positive semi-definite H) is refused: the level set is a cylinder, and the message says so."""
    lam = np.linspace(1.0, 5.0, n)
    lam[n // 2] = 0.0
    model = _with_spectrum(lam, seed=n)
    for fn in (lambda: contour_axes(model, 2.0), lambda: contour_check(model, 2.0, seed=0)):
        with pytest.raises(InvalidInputError) as info:
            fn()
        msg = str(info.value)
        assert "positive semi-definite" in msg and "cylinder" in msg and "eigenvalue λ = " in msg
        assert "index 0 of the ascending spectrum" in msg  # 0 is the smallest eigenvalue of this spectrum


@pytest.mark.parametrize("n", SIZES)
def test_indefinite_h_is_refused_naming_the_negative_eigenvalue(n):
    """A negative eigenvalue beside positive ones (a saddle) is refused, naming that eigenvalue."""
    lam = np.linspace(1.0, 5.0, n)
    lam[0] = -0.75
    model = _with_spectrum(lam, seed=n)
    with pytest.raises(InvalidInputError) as info:
        contour_axes(model, 2.0)
    msg = str(info.value)
    assert "indefinite" in msg and "saddle" in msg and "λ = -0.75" in msg


def test_negative_definite_and_zero_h_are_refused():
    """A negative-definite H (w* a maximum) and H = 0 (E constant) are refused with their own messages."""
    with pytest.raises(InvalidInputError, match=r"λ = -4 .*maximum"):
        contour_axes(_with_spectrum([-4.0, -1.0]), 0.0)
    with pytest.raises(InvalidInputError, match="H = 0"):
        contour_axes(QuadraticModel(np.zeros((3, 3)), np.zeros(3)), 1.0)


def test_rounding_level_eigenvalue_counts_as_zero_but_small_positive_does_not():
    """An eigenvalue of size 1e-17·‖H‖ is treated as zero (refused); one of 1e-6·‖H‖ is a genuine, long axis."""
    with pytest.raises(InvalidInputError, match="semi-definite"):
        contour_axes(_with_spectrum([1e-17, 1.0, 2.0]), 2.0)
    c = contour_axes(_with_spectrum([1e-6, 1.0, 2.0]), 2.0)
    assert c.half_lengths[0] == pytest.approx(np.sqrt(2.0 / 1e-6), rel=1e-6)


@pytest.mark.parametrize("K, fragment", [(0.5, "empty"), (1.0, "single point")])
def test_levels_at_or_below_the_minimum_are_refused(K, fragment):
    """K < E* (empty level set) and K = E* (the single point w*) are refused."""
    model = _with_spectrum([1.0, 2.0])  # E* = 1
    with pytest.raises(InvalidInputError, match=fragment):
        contour_axes(model, K)
    with pytest.raises(InvalidInputError, match=fragment):
        contour_check(model, K, seed=0)


def test_bad_level_values_are_refused():
    """A non-finite or non-numeric K is refused."""
    model = _with_spectrum([1.0, 2.0])
    with pytest.raises(InvalidInputError, match="K must be finite"):
        contour_axes(model, float("inf"))
    with pytest.raises(InvalidInputError, match="K must be a real number"):
        contour_axes(model, "2")


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 12), seed=st.integers(0, 2**32 - 1), gap=st.floats(1e-6, 1e6), cond=st.floats(1.0, 1e6))
def test_contour_and_expansion_hold_for_arbitrary_spd(n, seed, gap, cond):
    """For any random SPD H, level gap K − E* and condition number the expansion and the contour check pass."""
    model, _, _ = _model(n, seed % 10_000, condition=cond, E_star=-2.0)
    assert eigen_expansion_check(model, seed=seed).passed
    assert contour_check(model, model.E_star + gap, seed=seed, points=8).passed
