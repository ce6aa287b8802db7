"""tanh(a) + 1 = 2σ(2a), so σ(a) = (tanh(a/2) + 1)/2: a sigmoid network is a tanh network with new weights.

A two-layer network y_k = Σ_j w_{kj}^{(2)} σ(Σ_i w_{ji}^{(1)} x_i + w_{j0}^{(1)}) + w_{k0}^{(2)} equals the tanh
network with w'^{(1)} = w^{(1)}/2 (biases included), w'^{(2)}_{kj} = w^{(2)}_{kj}/2 and
w'^{(2)}_{k0} = w^{(2)}_{k0} + ½ Σ_j w^{(2)}_{kj}.  The identity is proved symbolically; the network
rewrite (indexed) is checked symbolically for small widths and numerically for random networks
(:func:`derivations.numerics.networks.sigmoid_to_tanh`, also ``derivations.sigmoid_to_tanh``).

>>> import derivations
>>> d = derivations.get('tanh-reparameterization')
>>> [i.id for i in d.instances()]
['tanh-reparameterization-widths-2-2-1', 'tanh-reparameterization-widths-10-64-5']
>>> d.instantiate(widths=(2, 2, 1), variant='no-bias-shift').verify().ok
False
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np
from sympy import Add, Eq, Lambda, Rational, Subs, Sum, Symbol, evaluate, exp, tanh

from derivations.core.definitions import SIGMOID
from derivations.core.domains import REAL
from derivations.core.functions import sigma
from derivations.core.instances import (
    Family,
    Parameter,
    Probe,
    ProbeResult,
    check_seed,
    choose_method,
    describe_shape,
    instance_id,
    parse_ints,
)
from derivations.core.model import Builder, Derivation, SymbolSpec
from derivations.errors import InvalidInputError
from derivations.numerics.networks import sigmoid
from derivations.numerics.two_layer import (
    TwoLayerNetwork,
    equivalence_check,
    sigmoid_to_tanh,
)
from derivations.render.figure import Figure, Series, grid

ID = "tanh-reparameterization"
TITLE = "A sigmoid network is a tanh network with rescaled weights"
VARIANTS = ("correct", "no-bias-shift")
"""The output-bias rule: the theorem's w_{k0} + ½ Σ_j w_{kj}, or the wrong w_{k0} (no shift)."""
DEFAULTS = ({"widths": (2, 2, 1)}, {"widths": (10, 64, 5)})
"""Exact for inputs 2, hidden 2, outputs 1; numeric for a random 10-64-5 network."""


def _w(layer: int, sub: str, prime: bool = False) -> Symbol:
    if prime:  # w'^{(2)}_{kj}: the prime and the layer share one superscript
        return Symbol(f"w_{{{sub}}}^{{\\prime({layer})}}", real=True)
    return Symbol(f"w_{{{sub}}}^{{({layer})}}", real=True)


def _conditions(j: Symbol) -> tuple:
    """The network's shape and the conversion rule, as prose with the weights printed by SymPy."""
    k = Symbol("k", integer=True, positive=True)
    with evaluate(False):
        hidden_rule = Eq(_w(1, "ji", prime=True), _w(1, "ji") / 2)
        output_rule = Eq(_w(2, "kj", prime=True), _w(2, "kj") / 2)
        bias_rule = Eq(_w(2, "k0", prime=True),
                       _w(2, "k0") + Rational(1, 2) * Sum(_w(2, "kj"), (j, 1, Symbol("H", integer=True,
                                                                                          positive=True))))
    shapes = "; ".join(describe_shape(tuple(FAMILY.complete(s).items())) for s in DEFAULTS)
    return ("a is real; the network has D inputs, H hidden units and K outputs (indices i, j, ", k,
            "), biases are the weights of index 0. The tanh network's weights are ", hidden_rule,
            " (biases ", _w(1, "j0", prime=True), " included), ", output_rule, " and ", bias_rule,
            ". The network steps are checked on: " + shapes + ".")


def derivation() -> Derivation:
    """The identity (general, proved), σ through tanh (a transform), the network rewrite (indexed).

    >>> d = derivation()
    >>> d.id, d.statement[0]
    ('tanh-reparameterization', Equation(lhs=tanh(a) + 1, rhs=2*sigma(2*a)))
    >>> d.instantiate(widths=(2, 2, 1)).id
    'tanh-reparameterization-widths-2-2-1'
    """
    a = Symbol("a", real=True)
    i, j = Symbol("i", integer=True, positive=True), Symbol("j", integer=True, positive=True)
    D, Hn = Symbol("D", integer=True, positive=True), Symbol("H", integer=True, positive=True)
    x, y = Symbol("x_{i}", real=True), Symbol("y_{k}", real=True)
    half = Rational(1, 2)
    b = Builder(ID, TITLE, symbols={a: REAL}, definitions=[SIGMOID], family=FAMILY,
                summary="tanh is a shifted and rescaled sigmoid, so networks with either activation compute "
                        "the same functions: the weights convert exactly.",
                conditions=_conditions(j))
    with evaluate(False):
        b.statement(tanh(a) + 1, 2 * sigma(2 * a))
        b.statement(sigma(a), (tanh(a / 2) + 1) / 2)
        e, f = exp(a), exp(-a)
        (b.chain(tanh(a) + 1)
          .eq((e - f) / (e + f) + 1, "definition of tanh", name="unfold-tanh")
          .eq(2 * e / (e + f), "common denominator", name="common")
          .eq(2 / (1 + exp(-2 * a)), ("divide above and below by ", e), name="divide")
          .eq(2 * sigma(2 * a), "definition of σ at 2a", refs=["def:sigma"], name="identity"))
        t = Symbol("t")
        b.transform("identity", (tanh(a / 2) + 1) / 2, sigma(a), Lambda(t, Subs(t, a, a / 2) / 2),
                    "put a/2 for a and divide both sides by 2", name="halve")
        b.chain(sigma(a)).eq((tanh(a / 2) + 1) / 2, "the last equation, read from right to left",
                             refs=["halve"], name="sigma-by-tanh")
        pre = Sum(_w(1, "ji") * x, (i, 1, D)) + _w(1, "j0")
        b.statement(y, Sum(_w(2, "kj", True) * tanh(Sum(_w(1, "ji", True) * x, (i, 1, D)) + _w(1, "j0", True)),
                           (j, 1, Hn)) + _w(2, "k0", True))
        (b.chain(y)
          .eq(Sum(_w(2, "kj") * sigma(pre), (j, 1, Hn)) + _w(2, "k0"), "the sigmoid network", indexed=True,
              name="network")
          .eq(Sum(_w(2, "kj") * (tanh(half * pre) + 1) / 2, (j, 1, Hn)) + _w(2, "k0"),
              "in every hidden unit", indexed=True, refs=["sigma-by-tanh"], name="rewrite")
          .eq(Sum(_w(2, "kj") / 2 * tanh(Sum(_w(1, "ji") / 2 * x, (i, 1, D)) + _w(1, "j0") / 2), (j, 1, Hn))
              + _w(2, "k0") + half * Sum(_w(2, "kj"), (j, 1, Hn)), "multiply out, collect the constants",
              indexed=True, name="multiply-out")
          .eq(Sum(_w(2, "kj", True) * tanh(Sum(_w(1, "ji", True) * x, (i, 1, D)) + _w(1, "j0", True)), (j, 1, Hn))
              + _w(2, "k0", True), ("new weights, e.g. ", Eq(_w(2, "kj", True), _w(2, "kj") / 2, evaluate=False)),
              indexed=True, name="new-weights"))
    return b.build()


# --- instances -------------------------------------------------------------------------------------

def _widths(value) -> tuple[int, int, int]:
    if value is None:
        raise InvalidInputError("give the widths inputs,hidden,outputs, e.g. widths=(2, 3, 1) (--widths 2,3,1)")
    widths = parse_ints(value, "widths") if isinstance(value, str) else tuple(value)
    if len(widths) != 3 or any(isinstance(w, bool) or not isinstance(w, int) or w < 1 for w in widths):
        raise InvalidInputError(f"widths must be three whole numbers >= 1 (inputs, hidden, outputs), got {widths}")
    return widths


def instance(widths, variant: str = "correct", seed: int = 0, method: str = "auto") -> Derivation:
    """The network rewrite for D inputs, H hidden units, K outputs: exact when D·H + H·K ≤ 9, numeric otherwise.

    >>> instance((1, 2, 1)).verify().ok
    True
    """
    D, H, K = _widths(widths)
    if variant not in VARIANTS:
        raise InvalidInputError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    check_seed(seed)
    weights = (D + 1) * H + (H + 1) * K
    method = choose_method(method, D * H + H * K <= 9, size=weights, symbolic_max=40,
                           numeric_max=10_000_000, unit="weights")
    shape = {"widths": (D, H, K), "variant": variant, "seed": seed, "method": method}
    ident = instance_id(ID, shape, key="widths", variant=variant)
    return (_numeric if method == "numeric" else _symbolic)(ident, shape)


def _convert(net: TwoLayerNetwork, variant: str) -> TwoLayerNetwork:
    if variant == "correct":
        return sigmoid_to_tanh(net)
    return TwoLayerNetwork(net.W1 / 2, net.b1 / 2, net.W2 / 2, net.b2, activation="tanh")


def _equivalence_probe(shape: dict) -> ProbeResult:
    D, H, K = shape["widths"]
    rng = np.random.default_rng(shape["seed"])
    net = TwoLayerNetwork(rng.standard_normal((H, D)), rng.standard_normal(H), rng.standard_normal((K, H)),
                          rng.standard_normal(K))
    r = equivalence_check(net, _convert(net, shape["variant"]), seed=shape["seed"])
    return ProbeResult(r.passed, r.max_rel_difference, r.inputs, "outputs on random inputs x ~ N(0, 16)",
                       "sigmoid network", f"tanh network, max |Δy| = {r.max_abs_difference:.3g}")


def _numeric(ident: str, shape: dict) -> Derivation:
    D, H, K = shape["widths"]
    y = Symbol("y_{k}", real=True)
    b = Builder(ident, f"The tanh rewrite of a random {D}-{H}-{K} network (numeric)", symbols=[], shape=shape,
                summary=f"A random sigmoid network (all weights N(0, 1), seed {shape['seed']}) and its tanh form "
                        "give the same outputs on 256 random inputs.",
                conditions="float64 checks: the verdict is at best 'confirmed'.")
    probe = Probe("comparing both networks' outputs (networks.equivalence_check, tolerance relative to "
                  "Σ_j |w_kj| + |w_k0|)", 1e-10, shape["seed"], partial(_equivalence_probe, shape))
    with evaluate(False):
        b.check(y, Symbol(r"\sum_j w^{\prime(2)}_{kj} \tanh\left(\sum_i w^{\prime(1)}_{ji} x_i + w^{\prime(1)}_{j0}\right)"
                          r" + w^{\prime(2)}_{k0}"), "the tanh network with the converted weights",
                of=("network", "rewrite", "multiply-out", "new-weights"), probe=probe, name="outputs")
    return b.build()


def _symbolic(ident: str, shape: dict) -> Derivation:
    D, H, K = shape["widths"]
    x = [Symbol(f"x_{{{i + 1}}}", real=True) for i in range(D)]
    W1 = [[_w(1, f"{j + 1}{i + 1}") for i in range(D)] for j in range(H)]
    b1 = [_w(1, f"{j + 1}0") for j in range(H)]
    W2 = [[_w(2, f"{k + 1}{j + 1}") for j in range(H)] for k in range(K)]
    b2 = [_w(2, f"{k + 1}0") for k in range(K)]
    half = Rational(1, 2)
    pre = [Add(*[W1[j][i] * x[i] for i in range(D)]) + b1[j] for j in range(H)]
    new_b2 = [b2[k] + (half * Add(*W2[k]) if shape["variant"] == "correct" else 0) for k in range(K)]
    symbols = [SymbolSpec(v, REAL) for v in x + [w for r in W1 for w in r] + b1 + [w for r in W2 for w in r] + b2]
    kind = "" if shape["variant"] == "correct" else f", wrong variant {shape['variant']}"
    b = Builder(ident, f"The tanh rewrite of a {D}-{H}-{K} network (exact{kind})", symbols=symbols,
                definitions=[SIGMOID], shape=shape,
                summary="Every weight and input is a symbol; y_k is the sigmoid network's output k, and each "
                        "line is checked against it with σ unfolded.")
    with evaluate(False):
        for k in range(K):
            y = Add(*[W2[k][j] * sigma(pre[j]) for j in range(H)]) + b2[k]
            ys = Symbol(f"y_{{{k + 1}}}", real=True)
            lines = [
                ("rewrite", Add(*[W2[k][j] * (tanh(half * pre[j]) + 1) / 2 for j in range(H)]) + b2[k],
                 "σ(a) = (tanh(a/2) + 1)/2"),
                ("multiply-out", Add(*[W2[k][j] / 2 * tanh(Add(*[W1[j][i] / 2 * x[i] for i in range(D)]) + b1[j] / 2)
                                       for j in range(H)]) + b2[k] + half * Add(*W2[k]), "multiply out"),
                ("new-weights", Add(*[(W2[k][j] / 2) * tanh(Add(*[(W1[j][i] / 2) * x[i] for i in range(D)]) + b1[j] / 2)
                                      for j in range(H)]) + new_b2[k],
                 "the tanh network with w'^{(1)} = w^{(1)}/2, w'^{(2)}_{kj} = w^{(2)}_{kj}/2 and "
                 + ("w'^{(2)}_{k0} = w^{(2)}_{k0} + ½ Σ_j w^{(2)}_{kj}" if shape["variant"] == "correct"
                    else "the wrong output bias w'^{(2)}_{k0} = w^{(2)}_{k0}")),
            ]
            for n, (name, rhs, why) in enumerate(lines):
                b.check(ys, rhs, why, of=(name,) + (("network",) if name == "rewrite" else ()),
                        checked=[(y, rhs)], name=f"{name}-{k + 1}", group=n == 0)
    return b.build()


FAMILY = Family(
    parameters=(
        Parameter("widths", "inputs,hidden,outputs of the two-layer network, e.g. 2,3,1", None, _widths),
        Parameter("variant", "output-bias rule: " + ", ".join(VARIANTS) + " (the wrong one must be refuted)", "correct"),
        Parameter("seed", "seed of the random numeric instance", 0, int),
        Parameter("method", "symbolic, numeric, or auto (symbolic when D·H + H·K <= 9)", "auto"),
    ),
    build=instance,
    defaults=DEFAULTS,
)

__all__ = ["derivation", "instance", "FAMILY", "VARIANTS", "DEFAULTS"]


def sigmoid_vs_tanh() -> Figure:
    """σ(a) and (tanh(a/2) + 1)/2 overlaid on [−6, 6]: the two curves coincide.

    >>> f = sigmoid_vs_tanh()
    >>> max(abs(p[1] - q[1]) for p, q in zip(*(s.points for s in f.series))) < 1e-12
    True
    """
    xs = grid(-6.0, 6.0)
    return Figure(
        id="sigmoid-vs-tanh",
        caption="The sigmoid is a shifted and rescaled tanh: σ(a) (solid) and (tanh(a/2) + 1)/2 "
        "(dashed, circles) coincide for every a.",
        xlabel="a",
        ylabel="",
        xrange=(-6.0, 6.0),
        yrange=(-0.05, 1.05),
        series=(
            Series(r"\sigma(a)", [(a, float(sigmoid(a))) for a in xs], "solid", "blue", width="very thick"),
            Series(
                r"\frac{1}{2}(\tanh(a/2)+1)",
                [(a, (math.tanh(a / 2) + 1) / 2) for a in xs],
                "dashed",
                "orange",
                marker="o",
                mark_every=6,
                width="semithick",
            ),
        ),
        yticks=(0.0, 0.25, 0.5, 0.75, 1.0),
    )
