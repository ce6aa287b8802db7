"""Numeric two-layer networks of ``tanh-reparameterization``: a sigmoid network is a tanh network.

y_k = Σ_j w_{kj}^{(2)} h(Σ_i w_{ji}^{(1)} x_i + w_{j0}^{(1)}) + w_{k0}^{(2)} with h = σ or tanh;
:func:`sigmoid_to_tanh` rescales the weights (σ(a) = (tanh(a/2) + 1)/2) and
:func:`equivalence_check` compares both forms on random inputs.

>>> net = TwoLayerNetwork([[1.0, -2.0]], [0.5], [[3.0]], [0.25])
>>> equivalence_check(net, seed=0).passed
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from derivations.errors import InvalidInputError
from derivations.numerics.networks import sigmoid
from derivations.numerics.validate import (
    check_count,
    check_positive,
    check_seed,
    frozen_array,
    vector,
)

__all__ = ["TwoLayerNetwork", "evaluate", "sigmoid_to_tanh", "tanh_to_sigmoid", "EquivalenceCheck",
           "equivalence_check"]

# Random stream derived from the user seed (numpy mixes the whole entropy list).
_STREAM_EQUIVALENCE = 3

# --------------------------------------------------------------------------------------------
# tanh reparameterization
# --------------------------------------------------------------------------------------------

_ACTIVATIONS = ("sigmoid", "tanh")


@dataclass(frozen=True, eq=False)
class TwoLayerNetwork:
    """y = W2 · act(W1 x + b1) + b2 with act = σ or tanh (linear output); W1 is H × D, W2 is K × H.

    In the notation of ``tanh-reparameterization``: W1[j, i] = w_{ji}^{(1)}, b1[j] = w_{j0}^{(1)},
    W2[k, j] = w_{kj}^{(2)}, b2[k] = w_{k0}^{(2)}.

    >>> net = TwoLayerNetwork(np.zeros((3, 2)), np.zeros(3), np.ones((1, 3)), np.zeros(1))
    >>> print(evaluate(net, [1.0, 2.0]))
    [1.5]
    """

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    activation: str = "sigmoid"

    def __post_init__(self):
        if self.activation not in _ACTIVATIONS:
            raise InvalidInputError(f"activation must be 'sigmoid' or 'tanh', got {self.activation!r}")
        W1 = frozen_array(self.W1, "W1", 2)
        W2 = frozen_array(self.W2, "W2", 2)
        if 0 in W1.shape or 0 in W2.shape:
            raise InvalidInputError(f"empty layer: W1 has shape {W1.shape}, W2 has shape {W2.shape}")
        b1 = vector(self.b1, "b1", W1.shape[0])
        if W2.shape[1] != W1.shape[0]:
            raise InvalidInputError(
                f"W2 has shape {W2.shape}: it needs {W1.shape[0]} columns, one per hidden unit (W1 has shape {W1.shape})"
            )
        b2 = vector(self.b2, "b2", W2.shape[0])
        for name, value in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2)):
            object.__setattr__(self, name, value)


def evaluate(net: TwoLayerNetwork, x) -> np.ndarray:
    """The outputs y_k of a :class:`TwoLayerNetwork` for one input (D,) or a batch (N, D).

    >>> net = TwoLayerNetwork(np.zeros((3, 2)), np.zeros(3), np.ones((1, 3)), np.zeros(1), activation="tanh")
    >>> print(evaluate(net, [[1.0, 2.0], [0.0, 0.0]]))
    [[0.]
     [0.]]
    """
    try:
        x = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"x is not a numeric array: {exc}") from None
    D = net.W1.shape[1]
    if x.ndim not in (1, 2) or x.shape[-1] != D:
        raise InvalidInputError(f"x must have shape ({D},) or (N, {D}), got {x.shape}")
    if not np.all(np.isfinite(x)):
        raise InvalidInputError("x has non-finite entries (nan or inf)")
    pre = x @ net.W1.T + net.b1
    hidden = sigmoid(pre) if net.activation == "sigmoid" else np.tanh(pre)
    return hidden @ net.W2.T + net.b2


def sigmoid_to_tanh(net: TwoLayerNetwork) -> TwoLayerNetwork:
    """The tanh network with the same outputs as a sigmoid :class:`TwoLayerNetwork`.

    w'^{(1)} = w^{(1)}/2 (biases included), w'^{(2)}_{kj} = w^{(2)}_{kj}/2 and
    w'^{(2)}_{k0} = w^{(2)}_{k0} + ½ Σ_j w^{(2)}_{kj}, because σ(a) = (tanh(a/2) + 1)/2.

    >>> net = TwoLayerNetwork(np.ones((2, 1)), np.zeros(2), np.array([[2.0, 4.0]]), np.array([1.0]))
    >>> t = sigmoid_to_tanh(net)
    >>> print(t.activation, t.W2, t.b2)
    tanh [[1. 2.]] [4.]
    """
    if net.activation != "sigmoid":
        raise InvalidInputError(f"sigmoid_to_tanh needs a sigmoid network, got activation {net.activation!r}")
    return TwoLayerNetwork(net.W1 / 2, net.b1 / 2, net.W2 / 2, net.b2 + 0.5 * net.W2.sum(axis=1), activation="tanh")


def tanh_to_sigmoid(net: TwoLayerNetwork) -> TwoLayerNetwork:
    """The sigmoid network with the same outputs as a tanh one: the inverse of :func:`sigmoid_to_tanh`.

    w^{(1)} = 2w'^{(1)}, w^{(2)}_{kj} = 2w'^{(2)}_{kj} and w^{(2)}_{k0} = w'^{(2)}_{k0} − Σ_j w'^{(2)}_{kj},
    because tanh(a) = 2σ(2a) − 1.

    >>> net = TwoLayerNetwork(np.ones((2, 1)), np.zeros(2), np.array([[1.0, 2.0]]), np.array([4.0]), activation="tanh")
    >>> s = tanh_to_sigmoid(net)
    >>> print(s.activation, s.W2, s.b2)
    sigmoid [[2. 4.]] [1.]
    """
    if net.activation != "tanh":
        raise InvalidInputError(f"tanh_to_sigmoid needs a tanh network, got activation {net.activation!r}")
    return TwoLayerNetwork(2 * net.W1, 2 * net.b1, 2 * net.W2, net.b2 - net.W2.sum(axis=1), activation="sigmoid")


@dataclass(frozen=True)
class EquivalenceCheck:
    """Report of :func:`equivalence_check`: how far two two-layer networks' outputs differ on random inputs.

    ``max_rel_difference`` is max |y − y'| / (Σ_j |w_{kj}^{(2)}| + |w_{k0}^{(2)}|), the bound on |y_k|,
    maximised over both networks; ``passed`` means it is ≤ ``tolerance``.

    >>> net = TwoLayerNetwork(np.ones((2, 1)), np.zeros(2), np.ones((1, 2)), np.zeros(1))
    >>> r = equivalence_check(net, seed=0)
    >>> print(r.passed, r.inputs, r.seed)
    True 256 0
    """

    passed: bool
    max_abs_difference: float
    max_rel_difference: float
    tolerance: float
    seed: int
    inputs: int
    input_scale: float
    activations: tuple


def equivalence_check(
    net: TwoLayerNetwork,
    candidate: Optional[TwoLayerNetwork] = None,
    *,
    seed: int,
    inputs: int = 256,
    input_scale: float = 4.0,
    rtol: float = 1e-10,
) -> EquivalenceCheck:
    """Compare ``net`` with ``candidate`` (default: its converted form) on random inputs x ~ N(0, input_scale²).

    Inputs come from ``np.random.default_rng([seed, 3])``; the default scale 4 reaches the
    saturated parts of σ and tanh.  ``rtol`` = 1e-10 relative to the output bound is far above
    float64 rounding (≈ H·1e-16) and far below the effect of any wrong bias shift.

    >>> net = TwoLayerNetwork(np.eye(2), np.zeros(2), np.ones((1, 2)), np.zeros(1))
    >>> print(equivalence_check(net, seed=0).passed)
    True
    >>> wrong = TwoLayerNetwork(net.W1 / 2, net.b1 / 2, net.W2 / 2, net.b2, activation="tanh")
    >>> print(equivalence_check(net, wrong, seed=0).passed)
    False
    """
    seed = check_seed(seed)
    inputs = check_count(inputs, "inputs", 1)
    input_scale = check_positive(input_scale, "input_scale")
    rtol = check_positive(rtol, "rtol")
    if not isinstance(net, TwoLayerNetwork):
        raise InvalidInputError(f"net must be a TwoLayerNetwork, got {type(net).__name__}")
    if candidate is None:
        candidate = sigmoid_to_tanh(net) if net.activation == "sigmoid" else tanh_to_sigmoid(net)
    elif not isinstance(candidate, TwoLayerNetwork):
        raise InvalidInputError(f"candidate must be a TwoLayerNetwork, got {type(candidate).__name__}")
    if candidate.W1.shape[1] != net.W1.shape[1] or candidate.W2.shape[0] != net.W2.shape[0]:
        raise InvalidInputError(
            f"the networks differ in input or output width: {net.W1.shape[1]}→{net.W2.shape[0]} "
            f"vs {candidate.W1.shape[1]}→{candidate.W2.shape[0]}"
        )
    rng = np.random.default_rng([seed, _STREAM_EQUIVALENCE])
    xs = rng.normal(0.0, input_scale, size=(inputs, net.W1.shape[1]))
    diff = np.abs(evaluate(net, xs) - evaluate(candidate, xs))
    bound = np.maximum(
        np.abs(net.W2).sum(axis=1) + np.abs(net.b2), np.abs(candidate.W2).sum(axis=1) + np.abs(candidate.b2)
    )
    bound = np.maximum(bound, np.finfo(np.float64).tiny)
    rel = diff / bound
    max_rel = float(rel.max())
    return EquivalenceCheck(
        passed=bool(max_rel <= rtol),
        max_abs_difference=float(diff.max()),
        max_rel_difference=max_rel,
        tolerance=rtol,
        seed=seed,
        inputs=inputs,
        input_scale=input_scale,
        activations=(net.activation, candidate.activation),
    )
