"""Numeric sigmoid networks: forward pass, the δ recursion of ``backprop-delta``, and its checks.

Conventions (SPEC): layer l computes z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, a^{(l)} = σ(z^{(l)}),
a^{(0)} = x, with W^{(l)} of shape (n_l, n_{l-1}); the loss is J = ½ Σ_j (a_j^{(L)} − y_j)².

:func:`backprop` computes the gradients *only* through the recursion of the theorem,

    δ^{(L)} = (a^{(L)} − y) ⊙ σ'(z^{(L)}),   δ^{(l)} = (W^{(l+1)})ᵀ δ^{(l+1)} ⊙ σ'(z^{(l)}),
    ∂J/∂W^{(l)} = δ^{(l)} (a^{(l−1)})ᵀ,        ∂J/∂b^{(l)} = δ^{(l)},

and :func:`gradient_check` compares it with central finite differences of J, which never use σ'.
The module also holds the two-layer networks of ``tanh-reparameterization``
(:class:`TwoLayerNetwork`, :func:`sigmoid_to_tanh`, :func:`equivalence_check`).

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
from derivations.validate import check_count, check_nonnegative, check_positive, check_seed

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
    "TwoLayerNetwork",
    "evaluate",
    "sigmoid_to_tanh",
    "tanh_to_sigmoid",
    "EquivalenceCheck",
    "equivalence_check",
]

#: The variants :func:`backprop` can run: the theorem, and three deliberately wrong recursions
#: (kept so that tests can show :func:`gradient_check` refutes them).
BACKPROP_VARIANTS = ("correct", "no-transpose", "no-sigma-prime", "output-without-sigma-prime")

# Random streams derived from one user seed (numpy mixes the whole entropy list).
_STREAM_CHECK = 1
_STREAM_DATA = 2
_STREAM_EQUIVALENCE = 3


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------










def _frozen_array(value, name: str, ndim: int) -> np.ndarray:
    """A read-only float64 copy of ``value`` with ``ndim`` dimensions and finite entries."""
    try:
        arr = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} is not a numeric array: {exc}") from None
    if arr.ndim != ndim:
        raise InvalidInputError(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{name} has non-finite entries (nan or inf)")
    arr.setflags(write=False)
    return arr


def _vector(value, name: str, length: int) -> np.ndarray:
    arr = _frozen_array(value, name, 1)
    if arr.shape != (length,):
        raise InvalidInputError(f"{name} must have shape ({length},), got {arr.shape}")
    return arr


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
            w = _frozen_array(w, f"W^({l})", 2)
            b = _frozen_array(b, f"b^({l})", 1)
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
    return _vector(x, "x", net.widths[0])


def _check_y(net: SigmoidNetwork, y) -> np.ndarray:
    return _vector(y, "y", net.widths[-1])


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

    Two kinds of checks, all drawn from ``np.random.default_rng([seed, 1])``:

    * ``directions`` random unit directions d in the full parameter space: the central difference
      (J(θ+εd) − J(θ−εd)) / 2ε against ⟨∇J, d⟩;
    * for every layer l, ``coordinates`` random entries of W^{(l)} and ``coordinates`` random entries
      of b^{(l)} (all entries if there are fewer): the central difference along that coordinate
      against the matching entry of ∂J/∂W^{(l)} or ∂J/∂b^{(l)}.  This covers every layer's W and b —
      directional checks alone are dominated by the last layers, whose gradients are largest.

    Step and tolerance (float64).  The differences J(θ+εd) − J(θ−εd) are evaluated by
    :func:`loss_difference`, without cancellation, so rounding does not grow like u·|J|/ε as in a
    naive difference (for the first layer of a depth-10 net a naive difference with ε = 1e-6 is off
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

    for k in range(directions):
        dws = [rng.standard_normal(w.shape) for w in net.weights]
        dbs = [rng.standard_normal(b.shape) for b in net.biases]
        norm = math.sqrt(sum(float(np.sum(a * a)) for a in dws + dbs))
        dws = [a / norm for a in dws]
        dbs = [a / norm for a in dbs]
        layers = tuple(zip(dws, dbs))
        fd, tau = central(layers)
        an = float(sum(np.sum(g * d) for g, d in zip(grads.dW, dws)) + sum(np.dot(g, d) for g, d in zip(grads.db, dbs)))
        record(f"direction {k}", fd, tau, an, False)

    n_coords = 0
    L = net.depth
    for l in range(L):
        w, b = net.weights[l], net.biases[l]
        for kind, arr, grad in (("W", w, grads.dW[l]), ("b", b, grads.db[l])):
            count = min(coordinates, arr.size)
            for flat in rng.choice(arr.size, size=count, replace=False):
                idx = np.unravel_index(int(flat), arr.shape)
                unit = np.zeros(arr.shape)
                unit[idx] = 1.0
                layers = [(None, None)] * L
                layers[l] = (unit, None) if kind == "W" else (None, unit)
                fd, tau = central(tuple(layers))
                an = float(grad[idx])
                label = f"{kind}^({l + 1})[{', '.join(str(int(i)) for i in idx)}]"
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
        W1 = _frozen_array(self.W1, "W1", 2)
        W2 = _frozen_array(self.W2, "W2", 2)
        if 0 in W1.shape or 0 in W2.shape:
            raise InvalidInputError(f"empty layer: W1 has shape {W1.shape}, W2 has shape {W2.shape}")
        b1 = _vector(self.b1, "b1", W1.shape[0])
        if W2.shape[1] != W1.shape[0]:
            raise InvalidInputError(
                f"W2 has shape {W2.shape}: it needs {W1.shape[0]} columns, one per hidden unit (W1 has shape {W1.shape})"
            )
        b2 = _vector(self.b2, "b2", W2.shape[0])
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
