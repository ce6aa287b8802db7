"""Tests of derivations.numerics.networks: the δ recursion of backprop-delta against finite differences."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.errors import InvalidInputError
from derivations.numerics.networks import (
    BACKPROP_VARIANTS,
    GradientCheck,
    SigmoidNetwork,
    backprop,
    forward,
    gradient_check,
    loss,
    loss_difference,
    random_instance_check,
    sigmoid,
    sigmoid_prime,
)

WRONG_VARIANTS = tuple(v for v in BACKPROP_VARIANTS if v != "correct")


def _instance(widths, seed):
    net = SigmoidNetwork.random(widths, seed=seed)
    rng = np.random.default_rng(1000 + seed)
    return net, rng.standard_normal(widths[0]), rng.uniform(0.0, 1.0, widths[-1])


def _shifted(net: SigmoidNetwork, direction: SigmoidNetwork, h: float) -> SigmoidNetwork:
    return SigmoidNetwork(
        tuple(w + h * d for w, d in zip(net.weights, direction.weights)),
        tuple(b + h * d for b, d in zip(net.biases, direction.biases)),
    )


# ----------------------------------------------------------------------------------------------
# sigmoid helpers
# ----------------------------------------------------------------------------------------------


def test_sigmoid_is_stable_and_matches_definition():
    """sigmoid equals 1/(1+e^{-z}) on moderate z and stays finite in [0, 1] for huge |z|."""
    z = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(sigmoid(z), 1.0 / (1.0 + np.exp(-z)), rtol=1e-14, atol=0)
    big = sigmoid(np.array([-1e308, 1e308]))
    assert np.all(np.isfinite(big)) and big[0] == 0.0 and big[1] == 1.0


def test_sigmoid_prime_is_sigma_times_one_minus_sigma():
    """sigmoid_prime(z) = σ(z)(1 − σ(z)) and agrees with a central difference of σ."""
    z = np.linspace(-10, 10, 41)
    s = sigmoid(z)
    np.testing.assert_allclose(sigmoid_prime(z), s * sigmoid(-z), rtol=1e-14, atol=0)
    np.testing.assert_allclose(sigmoid_prime(z), s * (1 - s), rtol=1e-9, atol=0)  # 1 − s cancels for large z
    h = 1e-5
    fd = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)  # naive difference: absolute accuracy ~1e-16/h
    np.testing.assert_allclose(sigmoid_prime(z), fd, rtol=1e-8, atol=1e-10)


# ----------------------------------------------------------------------------------------------
# SigmoidNetwork
# ----------------------------------------------------------------------------------------------


def test_network_widths_depth_and_parameter_count():
    """widths, depth and num_parameters follow from the weight shapes."""
    net = SigmoidNetwork.random((4, 7, 3, 2), seed=0)
    assert net.widths == (4, 7, 3, 2)
    assert net.depth == 3
    assert net.num_parameters == 7 * 4 + 7 + 3 * 7 + 3 + 2 * 3 + 2
    assert [w.shape for w in net.weights] == [(7, 4), (3, 7), (2, 3)]


def test_network_arrays_are_read_only_copies():
    """The network copies its arrays and makes them read-only, so it cannot change after creation."""
    w = np.ones((2, 3))
    net = SigmoidNetwork((w,), (np.zeros(2),))
    w[0, 0] = 5.0
    assert net.weights[0][0, 0] == 1.0
    with pytest.raises(ValueError):
        net.weights[0][0, 0] = 2.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.weights = ()


def test_random_network_is_reproducible_from_seed():
    """The same seed gives the same network, a different seed a different one."""
    a = SigmoidNetwork.random((3, 5, 2), seed=7)
    b = SigmoidNetwork.random((3, 5, 2), seed=7)
    c = SigmoidNetwork.random((3, 5, 2), seed=8)
    assert all(np.array_equal(u, v) for u, v in zip(a.weights + a.biases, b.weights + b.biases))
    assert not np.array_equal(a.weights[0], c.weights[0])


@pytest.mark.parametrize(
    "weights, biases, fragment",
    [
        ((), (), "at least one layer"),
        ((np.ones((2, 3)),), (), "one of each per layer"),
        ((np.ones((2, 3)),), (np.zeros(3),), "b^(1) must have shape (2,)"),
        ((np.ones((2, 3)), np.ones((4, 3))), (np.zeros(2), np.zeros(4)), "W^(2) has shape (4, 3)"),
        ((np.ones(3),), (np.zeros(1),), "W^(1) must be 2-dimensional"),
        ((np.array([[1.0, np.nan]]),), (np.zeros(1),), "non-finite"),
        ((np.ones((0, 3)),), (np.zeros(0),), "empty dimension"),
        (np.ones((2, 2)), (np.zeros(2),), "sequences of arrays"),
    ],
)
def test_network_validation_names_the_problem(weights, biases, fragment):
    """Malformed weights/biases raise InvalidInputError with a message naming the offending layer or shape."""
    with pytest.raises(InvalidInputError) as info:
        SigmoidNetwork(weights, biases)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        (dict(widths=(3,), seed=0), "at least an input and an output"),
        (dict(widths=(3, 0), seed=0), "every width"),
        (dict(widths=(3, 2), seed=-1), "seed"),
        (dict(widths=(3, 2), seed=1.5), "seed"),
        (dict(widths=(3, 2), seed=0, scale=0.0), "scale"),
        (dict(widths=(3, 2), seed=0, scale="1"), "scale"),
        (dict(widths=(3, 2), seed=0, bias_scale=-0.1), "bias_scale"),
    ],
)
def test_random_network_rejects_bad_arguments(kwargs, fragment):
    """SigmoidNetwork.random refuses empty widths, zero widths, bad seeds and non-positive scales."""
    with pytest.raises(InvalidInputError) as info:
        SigmoidNetwork.random(**kwargs)
    assert fragment in str(info.value)


def test_deep_wide_random_network_does_not_saturate():
    """With the default scale, a depth-10 width-256 sigmoid net keeps |z| of order one (σ' far from 0)."""
    net, x, _ = _instance((256,) * 11, seed=0)
    zs, _ = forward(net, x)
    for z in zs[1:]:  # the first layer sees x ~ N(0, 1) directly
        assert np.max(np.abs(z)) < 6.0
        assert np.mean(sigmoid_prime(z)) > 0.2


# ----------------------------------------------------------------------------------------------
# forward, loss, backprop
# ----------------------------------------------------------------------------------------------


def test_forward_follows_the_spec_convention():
    """forward computes z^(l) = W^(l) a^(l-1) + b^(l), a^(l) = σ(z^(l)), a^(0) = x, layer by layer."""
    net, x, _ = _instance((3, 4, 2), seed=1)
    zs, acts = forward(net, x)
    assert len(zs) == 2 and len(acts) == 3
    np.testing.assert_array_equal(acts[0], x)
    z1 = net.weights[0] @ x + net.biases[0]
    a1 = 1 / (1 + np.exp(-z1))
    z2 = net.weights[1] @ a1 + net.biases[1]
    np.testing.assert_allclose(zs[0], z1, rtol=1e-15)
    np.testing.assert_allclose(acts[1], a1, rtol=1e-15)
    np.testing.assert_allclose(zs[1], z2, rtol=1e-14)
    np.testing.assert_allclose(acts[2], 1 / (1 + np.exp(-z2)), rtol=1e-15)


def test_loss_is_half_squared_error():
    """loss is J = ½ Σ_j (a_j^(L) − y_j)²."""
    net, x, y = _instance((3, 4, 2), seed=2)
    _, acts = forward(net, x)
    assert loss(net, x, y) == pytest.approx(0.5 * np.sum((acts[-1] - y) ** 2), rel=1e-15)


def test_forward_and_loss_validate_inputs():
    """x and y of the wrong length or with nan are refused with InvalidInputError."""
    net = SigmoidNetwork.random((3, 2), seed=0)
    with pytest.raises(InvalidInputError, match=r"x must have shape \(3,\)"):
        forward(net, np.zeros(4))
    with pytest.raises(InvalidInputError, match="non-finite"):
        forward(net, [0.0, np.nan, 1.0])
    with pytest.raises(InvalidInputError, match=r"y must have shape \(2,\)"):
        loss(net, np.zeros(3), np.zeros(3))


def test_backprop_single_layer_matches_the_closed_form():
    """For one layer, ∂J/∂W = ((a − y) ⊙ σ'(z)) xᵀ and ∂J/∂b = (a − y) ⊙ σ'(z)."""
    net, x, y = _instance((5, 3), seed=3)
    g = backprop(net, x, y)
    z = net.weights[0] @ x + net.biases[0]
    s = 1 / (1 + np.exp(-z))
    delta = (s - y) * s * (1 - s)
    np.testing.assert_allclose(g.deltas[0], delta, rtol=1e-13)
    np.testing.assert_allclose(g.dW[0], np.outer(delta, x), rtol=1e-13)
    np.testing.assert_allclose(g.db[0], delta, rtol=1e-13)


def test_backprop_recursion_two_layers_by_hand():
    """δ^(1) = (W^(2))ᵀ δ^(2) ⊙ σ'(z^(1)) and ∂J/∂W^(l) = δ^(l) (a^(l-1))ᵀ, written out for two layers."""
    net, x, y = _instance((3, 4, 2), seed=4)
    zs, acts = forward(net, x)
    d2 = (acts[2] - y) * sigmoid_prime(zs[1])
    d1 = (net.weights[1].T @ d2) * sigmoid_prime(zs[0])
    g = backprop(net, x, y)
    np.testing.assert_allclose(g.deltas[1], d2, rtol=1e-14)
    np.testing.assert_allclose(g.deltas[0], d1, rtol=1e-14)
    np.testing.assert_allclose(g.dW[0], np.outer(d1, x), rtol=1e-14)
    np.testing.assert_allclose(g.dW[1], np.outer(d2, acts[1]), rtol=1e-14)
    assert [d.shape for d in g.dW] == [(4, 3), (2, 4)]


def test_backprop_rejects_unknown_variant_and_nonsquare_no_transpose():
    """An unknown variant is refused; 'no-transpose' is refused (naming W) when W^(l+1) is not square."""
    net, x, y = _instance((3, 4, 2), seed=0)
    with pytest.raises(InvalidInputError, match="unknown backprop variant"):
        backprop(net, x, y, variant="transpose-twice")
    with pytest.raises(InvalidInputError, match=r"W\^\(2\) has shape \(2, 4\)"):
        backprop(net, x, y, variant="no-transpose")


def test_gradients_dot_and_norm():
    """Gradients.dot is ⟨∇J, d⟩ over all parameters and Gradients.norm is ‖∇J‖₂."""
    net, x, y = _instance((3, 4, 2), seed=5)
    g = backprop(net, x, y)
    d = SigmoidNetwork.random((3, 4, 2), seed=6)
    flat_g = np.concatenate([a.ravel() for a in g.dW + g.db])
    flat_d = np.concatenate([a.ravel() for a in d.weights + d.biases])
    assert g.dot(d) == pytest.approx(float(flat_g @ flat_d), rel=1e-13)
    assert g.norm() == pytest.approx(float(np.linalg.norm(flat_g)), rel=1e-14)


# ----------------------------------------------------------------------------------------------
# finite differences
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("h", [1e-1, 1e-2])
def test_loss_difference_equals_the_plain_difference_of_losses(h):
    """loss_difference is J(θ+hd) − J(θ−hd): it agrees with two direct loss evaluations where those are accurate."""
    net, x, y = _instance((4, 6, 5, 3), seed=7)
    d = SigmoidNetwork.random((4, 6, 5, 3), seed=8)
    plain = loss(_shifted(net, d, h), x, y) - loss(_shifted(net, d, -h), x, y)
    assert loss_difference(net, x, y, d, h) == pytest.approx(plain, rel=1e-11)


def test_loss_difference_accepts_sparse_layer_directions():
    """A per-layer direction with None entries means zero there, and matches the dense direction."""
    net, x, y = _instance((3, 4, 2), seed=9)
    dw = np.zeros((2, 4))
    dw[1, 2] = 1.0
    dense = SigmoidNetwork((np.zeros((4, 3)), dw), (np.zeros(4), np.zeros(2)))
    sparse = ((None, None), (dw, None))
    assert loss_difference(net, x, y, sparse, 1e-3) == loss_difference(net, x, y, dense, 1e-3)
    assert loss_difference(net, x, y, ((None, None), (None, None)), 1e-3) == 0.0
    with pytest.raises(InvalidInputError, match="direction has 1 layers"):
        loss_difference(net, x, y, ((None, None),), 1e-3)
    with pytest.raises(InvalidInputError, match="h must be"):
        loss_difference(net, x, y, dense, 0.0)


def test_cancellation_free_difference_resolves_first_layer_of_deep_net():
    """In a depth-10 width-256 net a naive central difference of a first-layer weight is off by >1e-6
    while loss_difference agrees with backprop to 1e-9 — the reason gradient_check uses it."""
    net, x, y = _instance((256,) * 11, seed=0)
    g = backprop(net, x, y)
    h = 1e-6
    unit = np.zeros((256, 256))
    unit[3, 4] = 1.0
    layers = ((unit, None),) + ((None, None),) * 9
    stable = loss_difference(net, x, y, layers, h) / (2 * h)
    plus = SigmoidNetwork((net.weights[0] + h * unit,) + net.weights[1:], net.biases)
    minus = SigmoidNetwork((net.weights[0] - h * unit,) + net.weights[1:], net.biases)
    naive = (loss(plus, x, y) - loss(minus, x, y)) / (2 * h)
    exact = g.dW[0][3, 4]
    assert abs(exact) < 1e-5  # vanishing gradient in the first layer
    assert abs(stable - exact) <= 1e-9 * abs(exact)
    assert abs(naive - exact) > 1e-6 * abs(exact)


# ----------------------------------------------------------------------------------------------
# gradient_check
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("widths", [(1, 1), (3, 2), (4, 6, 3), (5, 5, 5, 5), (8, 16, 4, 2, 1), (2, 30, 30, 30, 3)])
def test_gradient_check_confirms_backprop_on_random_nets(widths, seed):
    """The δ recursion matches central finite differences of J on random nets of several shapes."""
    report = random_instance_check(widths, seed=seed)
    assert report.passed, report
    assert report.max_relative_error < 1e-8


@pytest.mark.parametrize("seed", [0, 1])
def test_gradient_check_confirms_backprop_on_deep_wide_net(seed):
    """On depth-10 width-256 random nets backprop passes, and every layer's W and b was checked."""
    report = random_instance_check((256,) * 11, seed=seed)
    assert report.passed, report
    assert report.coordinates == 10 * 2 * 2
    assert report.directions == 8


@settings(max_examples=25, deadline=None)
@given(
    widths=st.lists(st.integers(1, 12), min_size=2, max_size=6),
    seed=st.integers(0, 2**32 - 1),
    scale=st.sampled_from([0.3, 1.0, 3.0, 8.0]),
)
def test_gradient_check_passes_for_arbitrary_shapes_and_saturation(widths, seed, scale):
    """For any widths, seeds and weight scales (up to strongly saturated nets) backprop passes the check."""
    net = SigmoidNetwork.random(widths, seed=seed, scale=scale)
    rng = np.random.default_rng([seed, 99])
    x = scale * rng.standard_normal(widths[0])
    y = rng.uniform(0.0, 1.0, widths[-1])
    report = gradient_check(net, x, y, seed=seed, coordinates=3)
    assert report.passed, report


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
@pytest.mark.parametrize("variant", WRONG_VARIANTS)
@pytest.mark.parametrize("widths", [(6, 6, 6, 6), (32,) * 5])
def test_gradient_check_refutes_wrong_recursions(variant, widths, seed):
    """Every deliberately wrong recursion fails the check, by far (square layers so 'no-transpose' runs)."""
    report = random_instance_check(widths, seed=seed, variant=variant)
    assert not report.passed, report
    assert report.max_relative_error > 1e-2
    assert report.variant == variant


@pytest.mark.parametrize("variant", WRONG_VARIANTS)
def test_gradient_check_refutes_wrong_recursions_on_deep_wide_net(variant):
    """On a depth-10 width-256 net each wrong recursion fails the check."""
    report = random_instance_check((256,) * 11, seed=11, variant=variant)
    assert not report.passed, report


@pytest.mark.parametrize("variant", ["no-transpose", "no-sigma-prime"])
def test_coordinate_checks_alone_catch_errors_below_the_output_layer(variant):
    """Without random directions the per-layer coordinate samples still refute a recursion error in lower layers."""
    report = random_instance_check((16,) * 6, seed=2, variant=variant, directions=0)
    assert not report.passed
    assert report.worst_coordinate and not report.worst_coordinate.startswith(("W^(5)", "b^(5)"))


def test_gradient_check_passes_at_an_exact_zero_gradient():
    """When y = a^(L) the gradient is exactly zero; the check passes (fd is O(ε²), judged at its own resolution)."""
    net, x, _ = _instance((3, 4, 2), seed=0)
    _, acts = forward(net, x)
    report = gradient_check(net, x, acts[-1], seed=0)
    assert report.gradient_norm == 0.0
    assert report.passed, report


def test_gradient_check_report_is_reproducible_and_complete():
    """Same seed → identical report; the report names seed, counts, tolerance, step and the worst check."""
    net, x, y = _instance((4, 5, 3), seed=12)
    a = gradient_check(net, x, y, seed=5, directions=3, coordinates=1)
    b = gradient_check(net, x, y, seed=5, directions=3, coordinates=1)
    assert a == b
    assert isinstance(a, GradientCheck)
    assert (a.seed, a.directions, a.coordinates) == (5, 3, 2 * 2 * 1)
    assert a.tolerance == 1e-6 and a.eps == 1e-6
    assert a.worst and a.worst_coordinate
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.passed = False


def test_gradient_check_coordinates_are_capped_by_layer_size():
    """Asking for more coordinates than a tensor has checks each of its entries once."""
    report = random_instance_check((2, 1), seed=0, coordinates=10)
    assert report.coordinates == 2 + 1


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        (dict(seed=-1), "seed"),
        (dict(seed=0, directions=-1), "directions"),
        (dict(seed=0, directions=0, coordinates=0), "nothing to check"),
        (dict(seed=0, eps=0.0), "eps"),
        (dict(seed=0, rtol=float("nan")), "rtol"),
        (dict(seed=0, floor_factor=-1.0), "floor_factor"),
        (dict(seed=0, variant="bogus"), "unknown backprop variant"),
    ],
)
def test_gradient_check_rejects_bad_arguments(kwargs, fragment):
    """Bad seeds, counts, steps, tolerances and variants are refused with InvalidInputError."""
    net, x, y = _instance((3, 2), seed=0)
    with pytest.raises(InvalidInputError) as info:
        gradient_check(net, x, y, **kwargs)
    assert fragment in str(info.value)
