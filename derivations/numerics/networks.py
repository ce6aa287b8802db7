"""Numeric sigmoid networks: forward pass, the δ recursion of ``backprop-delta``, and its checks.

Conventions (SPEC): layer l computes z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, a^{(l)} = σ(z^{(l)}),
a^{(0)} = x, with W^{(l)} of shape (n_l, n_{l-1}); the loss is J = ½ Σ_j (a_j^{(L)} − y_j)².

:func:`backprop` computes the gradients *only* through the recursion of the theorem,

    δ^{(L)} = (a^{(L)} − y) ⊙ σ'(z^{(L)}),   δ^{(l)} = (W^{(l+1)})ᵀ δ^{(l+1)} ⊙ σ'(z^{(l)}),
    ∂J/∂W^{(l)} = δ^{(l)} (a^{(l−1)})ᵀ,        ∂J/∂b^{(l)} = δ^{(l)},

and :func:`gradient_check` compares it with central finite differences of J, which never use σ'.
The two-layer networks of ``tanh-reparameterization`` are in :mod:`derivations.numerics.two_layer`.

How gradients are checked (:func:`gradient_check`).  Two kinds of checks, all drawn from
``np.random.default_rng([seed, 1])``:

* ``directions`` random unit directions d in the full parameter space: the central difference
  (J(θ+εd) − J(θ−εd)) / 2ε against ⟨∇J, d⟩;
* for every layer l, ``coordinates`` random entries of W^{(l)} and ``coordinates`` random entries
  of b^{(l)} (all entries if there are fewer): the central difference along that coordinate
  against the matching entry of ∂J/∂W^{(l)} or ∂J/∂b^{(l)}.  This covers every layer's W and b —
  directional checks alone are dominated by the last layers, whose gradients are largest.

In float64, the differences J(θ+εd) − J(θ−εd) are evaluated by :func:`loss_difference`, without
cancellation, so rounding does not grow like u·|J|/ε as in a naive difference (for the first layer of a depth-10 net a naive difference with ε = 1e-6 is off
by percents); what is left is the O(ε²) truncation of the central difference.  The step is
absolute, ``eps`` = 1e-6 along a unit direction (weights are O(1/√n) and σ varies on a scale of
order one), so truncation is ~1e-12 relative.  Each check is scored

    |fd − g| / max(|fd|, |g|, floor, 10τ/rtol),   floor = floor_factor · ‖∇J‖₂,  τ = |fd(ε) − fd(2ε)|,

and passes when that is ≤ ``rtol`` = 1e-6.  τ (≈ 3× the truncation error of fd(ε)) lets a
component the differences cannot resolve to relative accuracy ``rtol`` — an exactly zero
gradient, say, where fd(ε) = O(ε²) and the score is ≈ rtol/30 — be compared absolutely at
the resolution of the differences; ``floor_factor`` = 1e-12 does the same relative to the
whole gradient.  Neither depends on the gradient being checked, so a wrong recursion still
shows errors of order one, while correct gradients of random nets (saturated ones included)
show errors of 1e-10 or less.

>>> report = random_instance_check((4, 5, 3), seed=0)
>>> print(report.passed)
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from derivations.errors import InvalidInputError
from derivations.numerics.validate import (
    check_count,
    check_nonnegative,
    check_positive,
    check_seed,
    frozen_array,
    vector,
)

__all__ = [
    "BACKPROP_VARIANTS",
    "sigmoid",
    "sigmoid_prime",
    "SigmoidNetwork",
    "forward",
    "loss",
    "loss_difference",
    "Gradients",
    "backprop",
    "GradientCheck",
    "gradient_check",
    "random_instance_check",
]

#: The variants :func:`backprop` can run: the theorem, and three deliberately wrong recursions
#: (kept so that tests can show :func:`gradient_check` refutes them).
BACKPROP_VARIANTS = ("correct", "no-transpose", "no-sigma-prime", "output-without-sigma-prime")

# Random streams derived from one user seed (numpy mixes the whole entropy list).
_STREAM_CHECK = 1
_STREAM_DATA = 2


def sigmoid(z):
    """The logistic sigmoid σ(z) = 1/(1+e^{−z}), elementwise and without overflow for large |z|.

    >>> print(sigmoid(np.array([0.0, 800.0, -800.0])))
    [0.5 1.  0. ]
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """σ'(z) = σ(z)(1 − σ(z)) = σ(z)σ(−z), elementwise (stable for large |z|).

    >>> print(sigmoid_prime(0.0))
    0.25
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def _sigmoid_difference(u: np.ndarray, v: np.ndarray, d: np.ndarray) -> np.ndarray:
    """σ(u) − σ(v) to full relative precision, given d = u − v computed separately.

    Exact identity: σ(u) − σ(v) = −σ(u) σ(−v) expm1(−d) (and the mirrored form for d < 0, so
    that the exponential never overflows).  No cancellation: every factor is a product.
    """
    pos = d >= 0
    dd = np.where(pos, -d, d)  # <= 0
    a = np.where(pos, sigmoid(u), sigmoid(v))
    b = np.where(pos, sigmoid(-v), sigmoid(-u))
    sign = np.where(pos, -1.0, 1.0)
    return sign * a * b * np.expm1(dd)


# --------------------------------------------------------------------------------------------
# the network
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SigmoidNetwork:
    """A fully connected sigmoid network: ``weights[l-1]`` is W^{(l)} (n_l × n_{l-1}), ``biases[l-1]`` is b^{(l)}.

    Arrays are copied to read-only float64; shapes are validated.

    >>> net = SigmoidNetwork((np.ones((2, 3)),), (np.zeros(2),))
    >>> net.widths
    (3, 2)
    """

    weights: tuple
    biases: tuple

    def __post_init__(self):
        weights, biases = self.weights, self.biases
        if isinstance(weights, np.ndarray) or isinstance(biases, np.ndarray):
            raise InvalidInputError("weights and biases must be sequences of arrays (one per layer), not one array")
        weights, biases = tuple(weights), tuple(biases)
        if not weights:
            raise InvalidInputError("a network needs at least one layer (weights is empty)")
        if len(weights) != len(biases):
            raise InvalidInputError(
                f"{len(weights)} weight matrices but {len(biases)} bias vectors: one of each per layer"
            )
        ws, bs = [], []
        for l, (w, b) in enumerate(zip(weights, biases), start=1):
            w = frozen_array(w, f"W^({l})", 2)
            b = frozen_array(b, f"b^({l})", 1)
            if w.shape[0] == 0 or w.shape[1] == 0:
                raise InvalidInputError(f"W^({l}) has an empty dimension: shape {w.shape}")
            if b.shape != (w.shape[0],):
                raise InvalidInputError(
                    f"b^({l}) must have shape ({w.shape[0]},) to match W^({l}) of shape {w.shape}, got {b.shape}"
                )
            if ws and w.shape[1] != ws[-1].shape[0]:
                raise InvalidInputError(
                    f"W^({l}) has shape {w.shape}: it must have {ws[-1].shape[0]} columns, "
                    f"the width of layer {l - 1} (W^({l - 1}) has shape {ws[-1].shape})"
                )
            ws.append(w)
            bs.append(b)
        object.__setattr__(self, "weights", tuple(ws))
        object.__setattr__(self, "biases", tuple(bs))

    @property
    def widths(self) -> tuple[int, ...]:
        """(n_0, n_1, …, n_L): input width, then the width of every layer."""
        return (self.weights[0].shape[1],) + tuple(w.shape[0] for w in self.weights)

    @property
    def depth(self) -> int:
        """L, the number of layers with weights."""
        return len(self.weights)

    @property
    def num_parameters(self) -> int:
        """The number of scalar parameters (all entries of every W and b)."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    @classmethod
    def random(cls, widths: Sequence[int], *, seed: int, scale: float = 1.0, bias_scale: float = 0.1) -> "SigmoidNetwork":
        """A random network: W^{(l)} ~ N(0, scale²/n_{l−1}) entrywise, b^{(l)} ~ N(0, bias_scale²).

        With the default scale a sigmoid net of depth 10 and width 256 does not saturate: the
        pre-activations stay of order one, because Var z_j ≈ scale² · mean(a²) ≤ scale².
        Drawn from ``np.random.default_rng(seed)``.

        >>> SigmoidNetwork.random((3, 4, 2), seed=0).widths
        (3, 4, 2)
        """
        seed = check_seed(seed)
        widths = tuple(widths)
        if len(widths) < 2:
            raise InvalidInputError(f"widths needs at least an input and an output width, got {widths!r}")
        widths = tuple(check_count(n, "every width", 1) for n in widths)
        scale = check_positive(scale, "scale")
        bias_scale = check_nonnegative(bias_scale, "bias_scale")
        rng = np.random.default_rng(seed)
        weights, biases = [], []
        for n_in, n_out in zip(widths[:-1], widths[1:]):
            weights.append(rng.normal(0.0, scale / math.sqrt(n_in), size=(n_out, n_in)))
            biases.append(rng.normal(0.0, bias_scale, size=n_out))
        return cls(tuple(weights), tuple(biases))


def _check_x(net: SigmoidNetwork, x) -> np.ndarray:
    return vector(x, "x", net.widths[0])


def _check_y(net: SigmoidNetwork, y) -> np.ndarray:
    return vector(y, "y", net.widths[-1])


def forward(net: SigmoidNetwork, x) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """The forward pass: ``(zs, activations)`` with ``zs[l-1]`` = z^{(l)} and ``activations[l]`` = a^{(l)} (a^{(0)} = x).

    >>> net = SigmoidNetwork((np.zeros((2, 3)),), (np.zeros(2),))
    >>> zs, acts = forward(net, [1.0, 2.0, 3.0])
    >>> print(acts[-1])
    [0.5 0.5]
    """
    a = _check_x(net, x)
    zs, acts = [], [a]
    for w, b in zip(net.weights, net.biases):
        z = w @ a + b
        a = sigmoid(z)
        zs.append(z)
        acts.append(a)
    return tuple(zs), tuple(acts)


def loss(net: SigmoidNetwork, x, y) -> float:
    """J = ½ Σ_j (a_j^{(L)} − y_j)² for one example.

    >>> net = SigmoidNetwork((np.zeros((2, 3)),), (np.zeros(2),))
    >>> loss(net, [1.0, 2.0, 3.0], [0.5, 1.5])
    0.5
    """
    y = _check_y(net, y)
    _, acts = forward(net, x)
    r = acts[-1] - y
    return float(0.5 * np.dot(r, r))


# --------------------------------------------------------------------------------------------
# backprop (the δ recursion) and its wrong variants
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Gradients:
    """Output of :func:`backprop`: ``deltas[l-1]`` = δ^{(l)}, ``dW[l-1]`` = ∂J/∂W^{(l)}, ``db[l-1]`` = ∂J/∂b^{(l)}.

    >>> g = backprop(SigmoidNetwork.random((3, 2), seed=0), [1.0, 0.0, -1.0], [0.0, 1.0])
    >>> [d.shape for d in g.dW]
    [(2, 3)]
    """

    deltas: tuple
    dW: tuple
    db: tuple
    variant: str = "correct"

    def dot(self, direction: SigmoidNetwork) -> float:
        """⟨∇J, d⟩ for a direction d given in network shape (its weights and biases).

        >>> net = SigmoidNetwork.random((3, 2), seed=0)
        >>> g = backprop(net, [1.0, 0.0, -1.0], [0.0, 1.0])
        >>> abs(g.dot(net) - sum(float(np.sum(a * b)) for a, b in zip(g.dW + g.db, net.weights + net.biases))) < 1e-15
        True
        """
        return float(
            sum(
                np.sum(gw * dw) + np.dot(gb, db)
                for gw, gb, dw, db in zip(self.dW, self.db, direction.weights, direction.biases)
            )
        )

    def norm(self) -> float:
        """The Euclidean norm of the full gradient (all layers, weights and biases).

        >>> g = backprop(SigmoidNetwork.random((3, 2), seed=0), [1.0, 0.0, -1.0], [0.0, 1.0])
        >>> g.norm() > 0
        True
        """
        return float(math.sqrt(sum(np.sum(w * w) + np.dot(b, b) for w, b in zip(self.dW, self.db))))


def backprop(net: SigmoidNetwork, x, y, *, variant: str = "correct") -> Gradients:
    """The gradients of J by the δ recursion of ``backprop-delta`` (and nothing else).

    ``variant`` selects the recursion: ``"correct"`` is the theorem; ``"no-transpose"`` uses
    W^{(l+1)} instead of its transpose (possible only when W^{(l+1)} is square),
    ``"no-sigma-prime"`` drops σ'(z^{(l)}) in the recursion for l < L, and
    ``"output-without-sigma-prime"`` drops σ'(z^{(L)}) at the output.  The wrong ones exist to show
    that :func:`gradient_check` refutes them.

    >>> net = SigmoidNetwork.random((3, 4, 2), seed=0)
    >>> g = backprop(net, [1.0, 0.0, -1.0], [0.0, 1.0])
    >>> [d.shape for d in g.deltas]
    [(4,), (2,)]
    """
    if variant not in BACKPROP_VARIANTS:
        raise InvalidInputError(f"unknown backprop variant {variant!r}; choose one of {', '.join(BACKPROP_VARIANTS)}")
    y = _check_y(net, y)
    zs, acts = forward(net, x)
    L = net.depth
    deltas: list = [None] * L
    out = acts[L] - y
    deltas[L - 1] = out if variant == "output-without-sigma-prime" else out * sigmoid_prime(zs[L - 1])
    for l in range(L - 1, 0, -1):  # layer l (1-based) from δ^{(l+1)} = deltas[l]
        w_next = net.weights[l]  # W^{(l+1)}, shape (n_{l+1}, n_l)
        if variant == "no-transpose":
            if w_next.shape[0] != w_next.shape[1]:
                raise InvalidInputError(
                    f"variant 'no-transpose' needs square weight matrices, but W^({l + 1}) has shape {w_next.shape}"
                )
            back = w_next @ deltas[l]
        else:
            back = w_next.T @ deltas[l]
        deltas[l - 1] = back if variant == "no-sigma-prime" else back * sigmoid_prime(zs[l - 1])
    dW = tuple(np.outer(d, a) for d, a in zip(deltas, acts[:-1]))
    db = tuple(d.copy() for d in deltas)
    return Gradients(tuple(deltas), dW, db, variant)


# --------------------------------------------------------------------------------------------
# finite differences
# --------------------------------------------------------------------------------------------


def _direction_layers(net: SigmoidNetwork, direction) -> tuple:
    """Normalise a direction to a tuple of (DW or None, Db or None) per layer."""
    if isinstance(direction, SigmoidNetwork):
        if direction.widths != net.widths:
            raise InvalidInputError(f"direction has widths {direction.widths}, the network {net.widths}")
        return tuple(zip(direction.weights, direction.biases))
    layers = tuple(direction)
    if len(layers) != net.depth:
        raise InvalidInputError(f"direction has {len(layers)} layers, the network {net.depth}")
    return layers


def _loss_difference(net: SigmoidNetwork, x: np.ndarray, y: np.ndarray, layers: tuple, h: float,
                     base_acts: Optional[tuple] = None) -> tuple[float, float]:
    """J(θ + h d) − J(θ − h d), evaluated without cancellation; also returns Σ|terms| of the last sum.

    Every layer carries a^{+}, a^{−} and Δa = a^{+} − a^{−}, with Δz = W Δa + h D (a^{+} + a^{−}) + 2h D_b
    (an exact identity) and Δa = σ(z^{+}) − σ(z^{−}) from :func:`_sigmoid_difference`; finally
    ΔJ = ½ Σ_j Δa_j (a_j^{+} + a_j^{−} − 2 y_j).  Only values of J are compared — σ' is never used.
    """
    start = next((i for i, (dw, db) in enumerate(layers) if dw is not None or db is not None), None)
    if start is None:
        return 0.0, 0.0
    if base_acts is None:
        _, base_acts = forward(net, x)
    a_plus = a_minus = base_acts[start]
    delta_a = np.zeros_like(a_plus)
    for l in range(start, net.depth):
        w, b = net.weights[l], net.biases[l]
        dw, db = layers[l]
        dw = None if dw is None else np.asarray(dw, dtype=np.float64)
        db = None if db is None else np.asarray(db, dtype=np.float64)
        w_plus, w_minus = (w, w) if dw is None else (w + h * dw, w - h * dw)
        b_plus, b_minus = (b, b) if db is None else (b + h * db, b - h * db)
        z_plus = w_plus @ a_plus + b_plus
        z_minus = w_minus @ a_minus + b_minus
        delta_z = w @ delta_a
        if dw is not None:
            delta_z = delta_z + h * (dw @ (a_plus + a_minus))
        if db is not None:
            delta_z = delta_z + 2.0 * h * db
        delta_a = _sigmoid_difference(z_plus, z_minus, delta_z)
        a_plus, a_minus = sigmoid(z_plus), sigmoid(z_minus)
    terms = 0.5 * delta_a * (a_plus + a_minus - 2.0 * y)
    return float(np.sum(terms)), float(np.sum(np.abs(terms)))


def loss_difference(net: SigmoidNetwork, x, y, direction, h: float) -> float:
    """J(θ + h·d) − J(θ − h·d) for a direction d in network shape, computed without cancellation.

    Mathematically this is just the difference of two values of J; numerically it is evaluated
    through exact difference identities (σ(u) − σ(v) = −σ(u)σ(−v)·expm1(v − u), …), so its relative
    accuracy does not degrade as h → 0 and central differences stay accurate even for the tiny
    gradients of the first layers of a deep sigmoid net.  ``direction`` is a
    :class:`SigmoidNetwork` of the same widths (or a per-layer sequence of ``(DW, Db)``, ``None``
    meaning zero).

    >>> net = SigmoidNetwork.random((3, 4, 2), seed=0)
    >>> x, y, d = np.array([1.0, 0.0, -1.0]), np.array([0.0, 1.0]), SigmoidNetwork.random((3, 4, 2), seed=1)
    >>> plus = SigmoidNetwork(tuple(w + 0.1 * v for w, v in zip(net.weights, d.weights)),
    ...                       tuple(b + 0.1 * c for b, c in zip(net.biases, d.biases)))
    >>> minus = SigmoidNetwork(tuple(w - 0.1 * v for w, v in zip(net.weights, d.weights)),
    ...                        tuple(b - 0.1 * c for b, c in zip(net.biases, d.biases)))
    >>> bool(np.isclose(loss_difference(net, x, y, d, 0.1), loss(plus, x, y) - loss(minus, x, y), rtol=1e-12))
    True
    """
    h = check_positive(h, "h")
    x, y = _check_x(net, x), _check_y(net, y)
    return _loss_difference(net, x, y, _direction_layers(net, direction), h)[0]


@dataclass(frozen=True)
class GradientCheck:
    """Report of :func:`gradient_check`: backprop's gradient against central finite differences of J.

    ``max_relative_error`` is the largest |fd − analytic| / max(|fd|, |analytic|, floor, 10τ/tolerance)
    over all checks, with ``floor`` = ``floor_factor`` · ‖∇J‖₂ and τ = |fd(ε) − fd(2ε)| the finite
    difference's own error estimate; ``passed`` means it is ≤ ``tolerance``.  ``worst``
    names the worst check (``"direction 3"`` or ``"W^(2)[4, 1]"``), ``worst_coordinate`` the worst
    single-coordinate check.  Re-running with the same ``seed`` reproduces the report.

    >>> r = random_instance_check((3, 4, 2), seed=1)
    >>> print(r.passed, r.directions, r.seed)
    True 8 1
    """

    passed: bool
    max_relative_error: float
    tolerance: float
    eps: float
    floor: float
    seed: int
    directions: int
    coordinates: int
    worst: str
    worst_finite_difference: float
    worst_analytic: float
    worst_coordinate: str
    variant: str
    gradient_norm: float


def _direction_checks(net: SigmoidNetwork, grads: Gradients, rng, count: int):
    """``count`` random unit directions in parameter space: (label, layer directions, ⟨∇J, d⟩)."""
    for k in range(count):
        dws = [rng.standard_normal(w.shape) for w in net.weights]
        dbs = [rng.standard_normal(b.shape) for b in net.biases]
        norm = math.sqrt(sum(float(np.sum(a * a)) for a in dws + dbs))
        dws = [a / norm for a in dws]
        dbs = [a / norm for a in dbs]
        an = float(sum(np.sum(g * d) for g, d in zip(grads.dW, dws)) + sum(np.dot(g, d) for g, d in zip(grads.db, dbs)))
        yield f"direction {k}", tuple(zip(dws, dbs)), an


def _coordinate_checks(net: SigmoidNetwork, grads: Gradients, rng, per_array: int):
    """Up to ``per_array`` random entries of every W^{(l)} and b^{(l)}: (label, unit direction, gradient entry)."""
    L = net.depth
    for l in range(L):
        for kind, arr, grad in (("W", net.weights[l], grads.dW[l]), ("b", net.biases[l], grads.db[l])):
            for flat in rng.choice(arr.size, size=min(per_array, arr.size), replace=False):
                idx = np.unravel_index(int(flat), arr.shape)
                unit = np.zeros(arr.shape)
                unit[idx] = 1.0
                layers = [(None, None)] * L
                layers[l] = (unit, None) if kind == "W" else (None, unit)
                label = f"{kind}^({l + 1})[{', '.join(str(int(i)) for i in idx)}]"
                yield label, tuple(layers), float(grad[idx])


def gradient_check(
    net: SigmoidNetwork,
    x,
    y,
    *,
    seed: int,
    directions: int = 8,
    coordinates: int = 2,
    eps: float = 1e-6,
    rtol: float = 1e-6,
    floor_factor: float = 1e-12,
    variant: str = "correct",
) -> GradientCheck:
    """Check :func:`backprop` (``variant``) against central finite differences of J; returns a :class:`GradientCheck`.

    Checks random directions and random coordinates of every layer (``directions``,
    ``coordinates``), all drawn from ``np.random.default_rng([seed, 1])``; step, tolerance and
    scoring: see the module docstring ("How gradients are checked").

    >>> net = SigmoidNetwork.random((3, 3, 3), seed=0)
    >>> x, y = [0.5, -1.0, 2.0], [0.0, 1.0, 0.5]
    >>> print(gradient_check(net, x, y, seed=0).passed)
    True
    >>> print(gradient_check(net, x, y, seed=0, variant="no-sigma-prime").passed)
    False
    """
    seed = check_seed(seed)
    directions = check_count(directions, "directions")
    coordinates = check_count(coordinates, "coordinates")
    eps = check_positive(eps, "eps")
    rtol = check_positive(rtol, "rtol")
    floor_factor = check_nonnegative(floor_factor, "floor_factor")
    if directions == 0 and coordinates == 0:
        raise InvalidInputError("nothing to check: directions and coordinates are both 0")
    x, y = _check_x(net, x), _check_y(net, y)
    grads = backprop(net, x, y, variant=variant)
    _, base_acts = forward(net, x)
    gnorm = grads.norm()
    floor = floor_factor * gnorm
    tiny = np.finfo(np.float64).tiny
    rng = np.random.default_rng([seed, _STREAM_CHECK])

    worst = (-1.0, "", 0.0, 0.0)
    worst_coord = (-1.0, "")

    def central(layers) -> tuple[float, float]:
        fd = _loss_difference(net, x, y, layers, eps, base_acts)[0] / (2.0 * eps)
        fd2 = _loss_difference(net, x, y, layers, 2.0 * eps, base_acts)[0] / (4.0 * eps)
        return fd, abs(fd - fd2)

    def record(label: str, fd: float, tau: float, an: float, is_coord: bool):
        nonlocal worst, worst_coord
        denom = max(abs(fd), abs(an), floor, 10.0 * tau / rtol)
        err = 0.0 if fd == an else (abs(fd - an) / denom if denom > tiny else math.inf)
        if err > worst[0]:
            worst = (err, label, fd, an)
        if is_coord and err > worst_coord[0]:
            worst_coord = (err, label)

    for label, layers, an in _direction_checks(net, grads, rng, directions):
        fd, tau = central(layers)
        record(label, fd, tau, an, False)
    n_coords = 0
    for label, layers, an in _coordinate_checks(net, grads, rng, coordinates):
        fd, tau = central(layers)
        record(label, fd, tau, an, True)
        n_coords += 1

    max_err, label, fd, an = worst
    return GradientCheck(
        passed=bool(max_err <= rtol),
        max_relative_error=float(max_err),
        tolerance=rtol,
        eps=eps,
        floor=float(floor),
        seed=seed,
        directions=directions,
        coordinates=n_coords,
        worst=label,
        worst_finite_difference=float(fd),
        worst_analytic=float(an),
        worst_coordinate=worst_coord[1],
        variant=variant,
        gradient_norm=gnorm,
    )


def random_instance_check(widths: Sequence[int], *, seed: int, **options) -> GradientCheck:
    """:func:`gradient_check` on a random instance: network, x ~ N(0, 1) and y ~ U(0, 1) all drawn from ``seed``.

    The network is ``SigmoidNetwork.random(widths, seed=seed)``, the example comes from
    ``np.random.default_rng([seed, 2])``; ``options`` go to :func:`gradient_check`.

    >>> print(random_instance_check((5, 5, 5), seed=3, variant="no-transpose").passed)
    False
    """
    seed = check_seed(seed)
    net = SigmoidNetwork.random(widths, seed=seed)
    rng = np.random.default_rng([seed, _STREAM_DATA])
    x = rng.standard_normal(net.widths[0])
    y = rng.uniform(0.0, 1.0, net.widths[-1])
    return gradient_check(net, x, y, seed=seed, **options)
