"""tanh-reparameterization: the identity proved, the network rewrite on instances, a wrong bias refuted."""

from __future__ import annotations

import numpy as np
import pytest

import derivations


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("tanh-reparameterization")


def test_identity_and_transform_are_proved_in_general(theorem):
    """tanh(a) + 1 = 2σ(2a) and σ(a) = (tanh(a/2) + 1)/2 are proved for every real a."""
    report = theorem.verify()
    for name in ("identity", "halve", "sigma-by-tanh"):
        assert report.step(name).status == "proved"
    assert theorem.step("halve").kind == "transform"


def test_network_rewrite_is_proved_on_a_small_symbolic_network(theorem):
    """For a symbolic 2-3-1 network every line of the rewrite is proved."""
    report = theorem.instantiate(widths=(2, 3, 1)).verify()
    assert all(s.status == "proved" for s in report.steps)


def test_network_rewrite_is_confirmed_on_random_networks(theorem):
    """For a random 10-64-5 network both forms agree numerically (seed recorded)."""
    report = theorem.instantiate(widths=(10, 64, 5), seed=3).verify()
    assert report.ok and report.steps[0].verdicts[0].numeric.seed == 3


def test_wrong_bias_shift_is_refuted_symbolically_and_numerically(theorem):
    """Keeping w_k0 unshifted is refuted by check_equal (counterexample) and by the numeric comparison."""
    sym = theorem.instantiate(widths=(2, 2, 1), variant="no-bias-shift").verify()
    bad = [s for s in sym.steps if s.status == "refuted"]
    assert bad and bad[0].verdicts[0].numeric.counterexample is not None
    num = theorem.instantiate(widths=(10, 64, 5), variant="no-bias-shift").verify()
    assert num.steps[0].status == "refuted"


def test_sigmoid_to_tanh_from_the_repl_gives_equal_outputs():
    """derivations.sigmoid_to_tanh gives a network with the same outputs."""
    from derivations.numerics.two_layer import evaluate

    rng = np.random.default_rng(0)
    net = derivations.TwoLayerNetwork(rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(2, 4)),
                                      rng.normal(size=2))
    xs = rng.normal(size=(10, 3))
    assert np.allclose(evaluate(net, xs), evaluate(derivations.sigmoid_to_tanh(net), xs), atol=1e-12)
