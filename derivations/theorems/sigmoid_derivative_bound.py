"""0 < σ'(z) ≤ ¼, with equality only at z = 0; hence ‖∂a^{(L)}/∂a^{(0)}‖ ≤ (¼)^L Π_l ‖W^{(l)}‖ (vanishing gradients).

σ' = σ(1 − σ) = ¼ − (σ − ½)²: a quarter minus a square.  So σ' ≤ ¼, with equality exactly where
σ = ½, at z = 0; for u > 0, σ − ½ = tanh(u/2)/2 > 0 makes it strict, and σ' is even.  Through L
sigmoid layers the input-output Jacobian is D^{(L)} W^{(L)} ⋯ D^{(1)} W^{(1)} with
D^{(l)} = diag(σ'(z^{(l)})), ‖D^{(l)}‖₂ ≤ ¼, so its norm is at most (¼)^L Π_l ‖W^{(l)}‖₂: unless
the weights grow, the gradient reaching the first layers shrinks geometrically with depth
(sheet 000 Q5 ii names the effect; this is the bound behind it).

The scalar steps are inequality steps, proved by the sign of their difference; the depth bound is
stated with matrices and checked numerically on random networks (the Jacobian against complex-step
derivatives, both inequalities at random inputs) and on a network where it holds with equality.

>>> import derivations
>>> d = derivations.get('sigmoid-derivative-bound')
>>> d.step('square').relation, d.statement[0].relation
('<=', '<=')
>>> [i.id for i in d.instances()]
['sigmoid-derivative-bound-widths-8x4', 'sigmoid-derivative-bound-widths-16x11']
>>> d.instantiate(widths=(4, 4, 4), variant='eighth').verify().ok
False
"""

from __future__ import annotations

import math
from functools import lru_cache, partial

from sympy import Eq, Integer, Pow, Rational, Symbol, evaluate, exp, tanh

from derivations.core.definitions import SIGMOID, SIGMOID_PRIME
from derivations.core.domains import POSITIVE, REAL
from derivations.core.functions import sigma, sigma_prime
from derivations.core.instances import (
    Family,
    Parameter,
    Probe,
    ProbeResult,
    check_seed,
    check_variant,
    choose_method,
    describe_shape,
    instance_id,
    parse_ints,
)
from derivations.core.model import Builder, Derivation
from derivations.errors import InvalidInputError
from derivations.numerics.networks import sigmoid
from derivations.numerics.vanishing import BOUND_VARIANTS, bound_check, gradient_norms
from derivations.render.figure import Annotation, Figure, Series, grid

ID = "sigmoid-derivative-bound"
TITLE = "The sigmoid's derivative is at most 1/4: vanishing gradients"
DEFAULTS = ({"widths": (8, 8, 8, 8)}, {"widths": (16,) * 11})
"""Random sigmoid networks of depth 3 (width 8) and depth 10 (width 16), float64, seed 0."""

__all__ = ["derivation", "instance", "FAMILY", "DEFAULTS", "derivative_and_bound", "gradient_vs_depth"]

_NORM_J = Symbol(r"\left\| \frac{\partial \mathbf{a}^{(L)}}{\partial \mathbf{a}^{(0)}} \right\|_2")
_PRODUCT = Symbol(r"\left\| \mathbf{D}^{(L)} \mathbf{W}^{(L)} \cdots \mathbf{D}^{(1)} \mathbf{W}^{(1)} \right\|_2")
_SUBMULT = Symbol(r"\prod_{l=1}^{L} \left\| \mathbf{D}^{(l)} \right\|_2 \left\| \mathbf{W}^{(l)} \right\|_2")
_LAYER = Symbol(r"\mathbf{D}^{(l)} \mathbf{W}^{(l)}")
_BOUND = Symbol(r"\left(\frac{1}{4}\right)^{L} \prod_{l=1}^{L} \left\| \mathbf{W}^{(l)} \right\|_2")


def derivation() -> Derivation:
    """The scalar bound (proved), its equality case, and the depth bound (indexed, checked on DEFAULTS).

    >>> d = derivation()
    >>> [str(e.relation) for e in d.statement]
    ['<=', '>', '=', '<', '=', '<=']
    """
    z, u = Symbol("z", real=True), Symbol("u", positive=True)
    q, half = Rational(1, 4), Rational(1, 2)
    D = Symbol(r"\mathbf{D}^{(l)}")
    checked_on = "; ".join(describe_shape(tuple(FAMILY.complete(s).items())) for s in DEFAULTS)
    b = Builder(ID, TITLE, symbols={z: REAL, u: POSITIVE}, definitions=[SIGMOID, SIGMOID_PRIME], family=FAMILY,
                summary=("σ' is a quarter minus a square, so no sigmoid layer passes more than a quarter of a "
                         "gradient on: through L layers the gradient is damped by ", Pow(q, Symbol("L"), evaluate=False),
                         " unless the weights make up for it."),
                conditions=("z is real and u > 0. In the depth bound, layer l computes ",
                            Symbol(r"\mathbf{a}^{(l)} = \sigma\left(\mathbf{W}^{(l)} \mathbf{a}^{(l-1)} + "
                                   r"\mathbf{b}^{(l)}\right)"),
                            ", ", Eq(D, Symbol(r"\operatorname{diag}\left(\sigma'\left(\mathbf{z}^{(l)}\right)\right)"),
                                     evaluate=False),
                            " and the norm is the spectral norm. The matrix steps are checked on random "
                            "networks: " + checked_on + "."))
    with evaluate(False):
        s = sigma(z)
        b.statement(sigma_prime(z), q, "<=")
        b.statement(sigma_prime(z), Integer(0), ">")
        b.statement(sigma_prime(Integer(0)), q)
        b.statement(sigma_prime(u), q, "<")
        b.statement(sigma_prime(-z), sigma_prime(z))
        b.statement(_NORM_J, _BOUND, "<=")
        (b.chain(sigma_prime(z))
          .eq(s * (1 - s), "the derivative of the sigmoid (theorem sigmoid-derivative)", name="derivative")
          .eq(s - s ** 2, "multiply out", name="multiply-out")
          .eq(q - (s - half) ** 2, "complete the square", name="complete-square")
          .le(q, ("a square is never negative: ", (s - half) ** 2 >= 0), name="square"))
        (b.chain(sigma_prime(z))
          .eq(exp(-z) / (1 + exp(-z)) ** 2, "differentiate σ's definition", refs=["def:sigma-prime"],
              name="quotient")
          .gt(Integer(0), ("a positive numerator over a square: ", exp(-z) > 0), name="positive"))
        (b.chain(sigma_prime(Integer(0)))
          .eq(sigma(Integer(0)) * (1 - sigma(Integer(0))), "the derivative of the sigmoid at 0", name="at-zero")
          .eq(half * (1 - half), ("σ(0) = 1/(1 + 1) = ", half), refs=["def:sigma"], name="half")
          .eq(q, "so the bound is attained at z = 0", name="attained"))
        (b.chain(sigma_prime(u))
          .eq(q - (sigma(u) - half) ** 2, "as above, at u", refs=["complete-square"], name="square-at-u")
          .eq(q - tanh(u / 2) ** 2 / 4, ("σ(u) − 1/2 = tanh(u/2)/2 (theorem tanh-reparameterization)"),
              name="tanh")
          .lt(q, ("tanh(u/2) > 0 for u > 0, so its square is positive"), name="strict"))
        (b.chain(sigma_prime(-z))
          .eq(sigma(-z) * (1 - sigma(-z)), "the derivative of the sigmoid at −z", name="at-minus-z")
          .eq((1 - s) * s, "symmetry σ(−z) = 1 − σ(z) (theorem sigmoid-symmetry)", name="symmetry")
          .eq(sigma_prime(z), "σ' is even: with the last chain, σ'(z) < 1/4 for every z ≠ 0",
              refs=["derivative"], name="even"))
        (b.chain(_NORM_J)
          .eq(_PRODUCT, ("chain rule through the layers: ",
                         Eq(Symbol(r"\frac{\partial \mathbf{a}^{(l)}}{\partial \mathbf{a}^{(l-1)}}"), _LAYER)),
              indexed=True, name="jacobian")
          .le(_SUBMULT, ("the spectral norm is submultiplicative: ",
                         Symbol(r"\|\mathbf{A}\mathbf{B}\|_2 \le \|\mathbf{A}\|_2 \|\mathbf{B}\|_2")),
              indexed=True, name="submultiplicative")
          .le(_BOUND, (Eq(Symbol(r"\|\mathbf{D}^{(l)}\|_2"), Symbol(r"\max_j \sigma'(z_j^{(l)})")),
                       " ≤ 1/4 by the bound above"), refs=["square"], indexed=True, name="quarter"))
    return b.build()


# --- instances -------------------------------------------------------------------------------------

def _widths(value) -> tuple[int, ...]:
    if value is None:
        raise InvalidInputError("give the layer widths, e.g. widths=(8, 8, 8, 8) (--widths 8,8,8,8)")
    widths = parse_ints(value, "widths") if isinstance(value, str) else tuple(value)
    if len(widths) < 2 or any(isinstance(w, bool) or not isinstance(w, int) or w < 1 for w in widths):
        raise InvalidInputError(f"widths needs an input and at least one layer, whole numbers >= 1, got {widths}")
    return widths


@lru_cache(maxsize=32)
def _run(widths: tuple, seed: int, variant: str):
    return bound_check(widths, seed=seed, variant=variant)


def _probe(kind: str, widths: tuple, seed: int, variant: str) -> ProbeResult:
    r = _run(widths, seed, variant)
    if kind == "jacobian":
        return ProbeResult(r.jacobian_error <= 1e-10, r.jacobian_error, r.inputs * widths[0],
                           "worst column of the Jacobian", "complex-step derivative", "D W ⋯ D W")
    if kind == "submultiplicative":
        excess = max(0.0, r.max_submultiplicative_ratio - 1)
        return ProbeResult(excess <= 1e-12, excess, r.inputs, "random inputs", "‖J‖₂ / (Π ‖D‖₂ ‖W‖₂) ≤ 1",
                           f"largest ratio {r.max_submultiplicative_ratio:.6g}")
    worst = max(r.max_ratio, r.tight_ratio)
    factor = "1/4" if variant == "correct" else "1/8"
    return ProbeResult(worst <= 1 + 1e-12, max(0.0, worst - 1), r.inputs + 1, r.worst,
                       f"‖J‖₂ / (({factor})^L Π ‖W‖₂) ≤ 1",
                       f"{worst:.6g} (random inputs: largest {r.max_ratio:.3g}; tight network: {r.tight_ratio:.12g})")


def instance(widths, variant: str = "correct", seed: int = 0, method: str = "auto") -> Derivation:
    """The depth bound on a random sigmoid network with these widths (float64; ``method`` must allow numeric).

    >>> instance((3, 3, 3)).verify().ok
    True
    """
    widths = _widths(widths)
    check_variant(variant, BOUND_VARIANTS)
    check_seed(seed)
    params = sum(m * n + n for m, n in zip(widths, widths[1:]))
    if method == "symbolic":
        raise InvalidInputError("the depth bound is checked numerically only (a norm of a product of matrices); "
                                "the scalar bound σ' ≤ 1/4 it rests on is proved in the general derivation")
    method = choose_method(method, False, size=params, numeric_max=2_000_000)
    shape = {"widths": widths, "variant": variant, "seed": seed, "method": method}
    ident = instance_id(ID, shape, key="widths", variant=variant)
    L = len(widths) - 1
    net = "-".join(map(str, widths))
    kind = "" if variant == "correct" else f", wrong variant {variant}: factor 1/8"
    b = Builder(ident, f"The depth bound on a random {net} sigmoid network (numeric{kind})", symbols=[],
                shape=shape,
                summary=f"A random sigmoid network of depth {L} (W ~ N(0, 1/n), b ~ N(0, 0.01), seed {seed}), "
                        "16 random inputs x ~ N(0, 4), and a tight network of the same depth (orthogonal weights "
                        "times 2, biases that put every z at 0, where σ' = 1/4) on which the bound is an equality.",
                conditions="float64 checks: the verdicts are at best 'confirmed'.")
    run = partial(_probe, widths=widths, seed=seed, variant=variant)
    bound = _BOUND if variant == "correct" else Symbol(_BOUND.name.replace("{4}", "{8}"))
    with evaluate(False):
        b.check(_NORM_J, _PRODUCT, "the product of the layer Jacobians, against complex-step derivatives of "
                "the forward pass (which never use σ')", of=("jacobian",), name="jacobian",
                probe=Probe("complex-step derivatives of a^(L) (step 1e-30i), every column", 1e-10, seed,
                            partial(run, "jacobian")))
        b.check(_NORM_J, _SUBMULT, "submultiplicativity, at every random input", of=("submultiplicative",),
                name="submultiplicative", relation="<=",
                probe=Probe("spectral norms (numpy.linalg.norm(., 2)) at 16 random inputs", 1e-12, seed,
                            partial(run, "submultiplicative")))
        b.check(_NORM_J, bound, "the bound, at every random input and on the tight network", of=("quarter",),
                name="quarter", relation="<=",
                probe=Probe("spectral norms at 16 random inputs and on the tight network (excess of the ratio "
                            "over 1)", 1e-12, seed, partial(run, "quarter")))
    return b.build()


FAMILY = Family(
    parameters=(
        Parameter("widths", "layer widths n_0,…,n_L of the random sigmoid network, e.g. 8,8,8,8", None, _widths),
        Parameter("variant", "the factor per layer: " + ", ".join(BOUND_VARIANTS) + " (1/8: must be refuted)",
                  "correct"),
        Parameter("seed", "seed of the random network and inputs", 0, int),
        Parameter("method", "numeric (auto picks it; the depth bound has no exact instance)", "auto"),
    ),
    build=instance,
    defaults=DEFAULTS,
)


# --- figures ---------------------------------------------------------------------------------------

def derivative_and_bound() -> Figure:
    """σ'(z) on [−6, 6] under its bound 1/4, touched only at z = 0.

    >>> f = derivative_and_bound()
    >>> max(p[1] for p in f.series[0].points) == 0.25, f.series[1].points[0]
    (True, (-6.0, 0.25))
    """
    zs = grid(-6.0, 6.0)
    dsig = [(z, float(sigmoid(z)) * (1.0 - float(sigmoid(z)))) for z in zs]
    return Figure(
        id="sigmoid-derivative-bound",
        caption="σ′(z) = 1/4 − (σ(z) − 1/2)² stays under the line 1/4 and touches it only at z = 0; "
        "it is positive everywhere and even.",
        xlabel="z",
        ylabel="",
        xrange=(-6.0, 6.0),
        yrange=(-0.02, 0.3),
        series=(
            Series(r"\sigma'(z)", dsig, "solid", "red"),
            Series(r"\frac{1}{4}", [(-6.0, 0.25), (6.0, 0.25)], "dashed", "black"),
        ),
        annotations=(Annotation("point", (0.0, 0.25), label=r"\sigma'(0) = \frac{1}{4}", colour="red",
                                side="below right"),),
        yticks=(0.0, 0.05, 0.1, 0.15, 0.2, 0.25),
        legend_pos="north east",
    )


def gradient_vs_depth() -> Figure:
    """log₁₀ of the mean ‖∂a^{(L)}/∂a^{(0)}‖₂ against depth L = 1…12 (width 16, seed 0), under log₁₀ of the bound.

    >>> f = gradient_vs_depth()
    >>> all(p[1] <= q[1] for p, q in zip(f.series[0].points, f.series[1].points))
    True
    """
    rows = gradient_norms(16, 12, seed=0)
    measured = [(float(L), math.log10(norm)) for L, norm, _ in rows]
    bound = [(float(L), math.log10(b)) for L, _, b in rows]
    quarter = [(float(L), L * math.log10(0.25)) for L, _, _ in rows]
    lo = math.floor(min(p[1] for p in measured)) - 1
    return Figure(
        id="vanishing-gradient",
        caption="The input-output Jacobian of a random sigmoid network (width 16, W ~ N(0, 1/16), mean over "
        "8 inputs) shrinks geometrically with depth L, under its bound: (1/4 to the power L) times the product of "
        "the spectral norms of the weights; the power of 1/4 alone for comparison. Logarithmic scale: log10 of "
        "the spectral norm.",
        xlabel="L",
        ylabel=r"\log_{10}",
        xrange=(1.0, 12.0),
        yrange=(float(lo), 0.5),
        series=(
            Series(r"\|\partial \mathbf{a}^{(L)}/\partial \mathbf{a}^{(0)}\|_2", measured, "solid", "blue", marker="o"),
            Series(r"(1/4)^{L} \prod_l \|\mathbf{W}^{(l)}\|_2", bound, "dashed", "red"),
            Series(r"(1/4)^{L}", quarter, "dotted", "grey"),
        ),
        legend_pos="south west",
    )
