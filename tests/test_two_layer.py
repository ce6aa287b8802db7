"""Tests of derivations.numerics.two_layer: the tanh reparameterization of two-layer networks."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from derivations.errors import InvalidInputError
from derivations.numerics.networks import sigmoid
from derivations.numerics.two_layer import (
    EquivalenceCheck,
    TwoLayerNetwork,
    equivalence_check,
    evaluate,
    sigmoid_to_tanh,
    tanh_to_sigmoid,
)


def _two_layer(seed, D=3, H=5, K=2):
    rng = np.random.default_rng(seed)
    return TwoLayerNetwork(
        rng.standard_normal((H, D)), rng.standard_normal(H), rng.standard_normal((K, H)), rng.standard_normal(K)
    )


def test_evaluate_is_the_two_layer_formula():
    """evaluate computes y_k = Σ_j w_kj^(2) act(Σ_i w_ji^(1) x_i + w_j0^(1)) + w_k0^(2) for one input and a batch."""
    net = _two_layer(0)
    x = np.array([0.3, -1.2, 2.0])
    expected = [
        sum(net.W2[k, j] * sigmoid(sum(net.W1[j, i] * x[i] for i in range(3)) + net.b1[j]) for j in range(5)) + net.b2[k]
        for k in range(2)
    ]
    np.testing.assert_allclose(evaluate(net, x), expected, rtol=1e-13)
    batch = np.stack([x, -x])
    out = evaluate(net, batch)
    assert out.shape == (2, 2)
    np.testing.assert_allclose(out[0], expected, rtol=1e-13)
    t = dataclasses.replace(net, activation="tanh")
    np.testing.assert_allclose(evaluate(t, x), net.W2 @ np.tanh(net.W1 @ x + net.b1) + net.b2, rtol=1e-13)


def test_sigmoid_to_tanh_weights_follow_the_theorem():
    """w'^(1) = w^(1)/2 (biases too), w'^(2)_kj = w^(2)_kj/2, w'^(2)_k0 = w^(2)_k0 + ½ Σ_j w^(2)_kj."""
    net = _two_layer(1)
    t = sigmoid_to_tanh(net)
    assert t.activation == "tanh"
    np.testing.assert_array_equal(t.W1, net.W1 / 2)
    np.testing.assert_array_equal(t.b1, net.b1 / 2)
    np.testing.assert_array_equal(t.W2, net.W2 / 2)
    np.testing.assert_allclose(t.b2, net.b2 + 0.5 * net.W2.sum(axis=1), rtol=1e-15)


@pytest.mark.parametrize("seed", range(8))
def test_sigmoid_and_tanh_forms_agree_on_random_inputs(seed):
    """A random sigmoid two-layer net and its tanh form give the same outputs on random inputs."""
    rng = np.random.default_rng(seed)
    net = _two_layer(seed, D=int(rng.integers(1, 6)), H=int(rng.integers(1, 40)), K=int(rng.integers(1, 4)))
    report = equivalence_check(net, seed=seed)
    assert report.passed, report
    assert report.max_rel_difference < 1e-14
    assert report.activations == ("sigmoid", "tanh")


@pytest.mark.parametrize("seed", range(5))
def test_tanh_to_sigmoid_inverts_sigmoid_to_tanh(seed):
    """tanh_to_sigmoid ∘ sigmoid_to_tanh is the identity (to rounding), and a tanh net checks against its sigmoid form."""
    net = _two_layer(seed)
    back = tanh_to_sigmoid(sigmoid_to_tanh(net))
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(getattr(back, name), getattr(net, name), rtol=1e-14, atol=1e-14)
    t = sigmoid_to_tanh(net)
    report = equivalence_check(t, seed=seed)
    assert report.passed and report.activations == ("tanh", "sigmoid")


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("wrong", ["no-shift", "full-sum", "unhalved-hidden"])
def test_wrong_reparameterizations_fail_the_equivalence_check(wrong, seed):
    """Forgetting the ½Σ bias shift, using Σ instead of ½Σ, or not halving the hidden weights fails the check."""
    net = _two_layer(seed)
    right = sigmoid_to_tanh(net)
    if wrong == "no-shift":
        bad = dataclasses.replace(right, b2=net.b2)
    elif wrong == "full-sum":
        bad = dataclasses.replace(right, b2=net.b2 + net.W2.sum(axis=1))
    else:
        bad = dataclasses.replace(right, W1=net.W1, b1=net.b1)
    report = equivalence_check(net, bad, seed=seed)
    assert not report.passed, report
    assert report.max_rel_difference > 1e-4


def test_equivalence_report_is_reproducible():
    """The same seed gives the same report, which records seed, inputs and tolerance."""
    net = _two_layer(3)
    a = equivalence_check(net, seed=4, inputs=10)
    assert a == equivalence_check(net, seed=4, inputs=10)
    assert isinstance(a, EquivalenceCheck)
    assert (a.seed, a.inputs, a.tolerance) == (4, 10, 1e-10)


def test_two_layer_validation_and_conversion_errors():
    """Shape mismatches, unknown activations, wrong conversion direction and bad inputs raise InvalidInputError."""
    with pytest.raises(InvalidInputError, match="activation"):
        TwoLayerNetwork(np.ones((2, 1)), np.zeros(2), np.ones((1, 2)), np.zeros(1), activation="relu")
    with pytest.raises(InvalidInputError, match="W2 has shape"):
        TwoLayerNetwork(np.ones((2, 1)), np.zeros(2), np.ones((1, 3)), np.zeros(1))
    with pytest.raises(InvalidInputError, match=r"b1 must have shape \(2,\)"):
        TwoLayerNetwork(np.ones((2, 1)), np.zeros(3), np.ones((1, 2)), np.zeros(1))
    net = _two_layer(0)
    with pytest.raises(InvalidInputError, match="needs a tanh network"):
        tanh_to_sigmoid(net)
    with pytest.raises(InvalidInputError, match="needs a sigmoid network"):
        sigmoid_to_tanh(sigmoid_to_tanh(net))
    with pytest.raises(InvalidInputError, match=r"x must have shape \(3,\)"):
        evaluate(net, np.zeros(4))
    with pytest.raises(InvalidInputError, match="input or output width"):
        equivalence_check(net, _two_layer(0, D=4), seed=0)
    with pytest.raises(InvalidInputError, match="inputs"):
        equivalence_check(net, seed=0, inputs=0)
