"""Backpropagation: the δ recursion and the gradients of J, in indexed notation, checked on networks.

With δ_j^{(l)} := ∂J/∂z_j^{(l)}: δ_j^{(L)} = (a_j^{(L)} − y_j) σ'(z_j^{(L)}),
δ_j^{(l)} = σ'(z_j^{(l)}) Σ_k w_{kj}^{(l+1)} δ_k^{(l+1)} (matrix form δ^{(l)} = (W^{(l+1)})ᵀ δ^{(l+1)} ⊙ σ'(z^{(l)})),
∂J/∂w_{jk}^{(l)} = δ_j^{(l)} a_k^{(l−1)} and ∂J/∂b_j^{(l)} = δ_j^{(l)}.

The indexed steps are checked on instances: on small fully symbolic networks every δ and every
gradient is compared with SymPy's own differentiation of J (σ kept as an arbitrary differentiable
function, so the check is the chain rule itself; the numeric oracle evaluates σ as the logistic
sigmoid), and on random float64 networks the recursion's gradients are compared with central
finite differences of J (:func:`derivations.numerics.networks.gradient_check`).

>>> import derivations
>>> d = derivations.get('backprop-delta')
>>> [i.id for i in d.instances()]
['backprop-delta-widths-2-3-3-2', 'backprop-delta-widths-4-8-8-3', 'backprop-delta-widths-256x11']
>>> wrong = d.instantiate(widths=(2, 2, 2), variant='no-transpose')
>>> wrong.verify().step('recursion-1-1').status
'refuted'
"""

from __future__ import annotations

from functools import partial

from sympy import (
    Add,
    Derivative,
    Eq,
    Lambda,
    Matrix,
    Mul,
    Rational,
    Subs,
    Sum,
    Symbol,
    evaluate,
)

from derivations.core.definitions import Definition
from derivations.core.domains import REAL
from derivations.core.functions import sigma, sigma_prime
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
    symbol,
)
from derivations.core.model import Builder, Derivation, SymbolSpec
from derivations.errors import InvalidInputError
from derivations.numerics.networks import BACKPROP_VARIANTS, random_instance_check

ID = "backprop-delta"
TITLE = "Backpropagation: the δ recursion"

_t, _u = Symbol("t", real=True), Symbol("u", real=True)
SIGMA_PRIME = Definition(sigma_prime, Lambda(_u, Subs(Derivative(sigma(_t), _t), _t, _u)), "def:sigma-prime",
                         "the derivative of the activation σ")
"""σ' as the derivative of σ itself: the recursion is the chain rule and holds for any differentiable σ."""

SYMBOLIC_MAX_PARAMETERS = 40  # auto picks symbolic up to here
SYMBOLIC_HARD_LIMIT = 60  # 3-3-3-3 (48 parameters) takes about 20 s; beyond this, refuse
NUMERIC_MAX_PARAMETERS = 10_000_000  # about 0.1 s per million parameters
"""``method='auto'`` checks an instance symbolically when it has depth ≤ 3 and at most this many parameters."""

DEFAULTS = ({"widths": (2, 3, 3, 2)}, {"widths": (4, 8, 8, 3)}, {"widths": (256,) * 11})
"""The instances ``verify`` runs: one fully symbolic (depth 3), two random numeric (depth 3; depth 10, width 256)."""


def derivation() -> Derivation:
    """The general derivation in indexed notation (layer l, neurons j, k), checked on DEFAULTS."""
    J = Symbol("J", real=True)
    k = Symbol("k", integer=True, positive=True)
    n_next = Symbol("n_{l+1}", integer=True, positive=True)
    dL, aL, zL, y = symbol(r"\delta", "j", "L"), symbol("a", "j", "L"), symbol("z", "j", "L"), symbol("y", "j")
    dl, zl = symbol(r"\delta", "j", "l"), symbol("z", "j", "l")
    dk, zk, wkj = symbol(r"\delta", "k", "l+1"), symbol("z", "k", "l+1"), symbol("w", "kj", "l+1")
    wjk, bj, ak = symbol("w", "jk", "l"), symbol("b", "j", "l"), symbol("a", "k", "l-1")
    delta_vec = Symbol(r"\boldsymbol{\delta}^{(l)}")
    matrix_rhs = Symbol(r"\left(\mathbf{W}^{(l+1)}\right)^{\mathsf{T}} \boldsymbol{\delta}^{(l+1)}"
                        r" \odot \sigma'\left(\mathbf{z}^{(l)}\right)")
    b = Builder(ID, TITLE, symbols=[], definitions=[],
                summary=("In a fully connected network (",
                         Eq(zl, Add(Sum(Mul(wjk, ak, evaluate=False), (k, 1, Symbol("n_{l-1}"))), bj,
                                    evaluate=False)),
                         ", ", Eq(symbol("a", "j", "l"), sigma(zl)), ", the input is ", Eq(symbol("a", "k", "0"),
                                                                                          symbol("x", "k")),
                         ", the loss is ", Eq(J, Rational(1, 2) * Sum((aL - y) ** 2, (Symbol("j"), 1,
                                                                                   Symbol("n_L")))),
                         ") let ", Eq(dl, Derivative(J, zl)), ". One backward pass computes every δ from "
                         "the next layer's, and every gradient from the δ."),
                conditions=("For every layer l = 1, …, L (l < L in the recursion), every neuron j of layer l "
                            "and k of layer l − 1; σ is any differentiable activation (the logistic sigmoid "
                            "in the numeric checks). The indexed steps are checked on the default instances: "
                            + "; ".join(describe_shape(tuple(_complete(s).items())) for s in DEFAULTS) + "."),
                family=FAMILY)
    with evaluate(False):
        b.statement(dL, (aL - y) * sigma_prime(zL))
        b.statement(dl, sigma_prime(zl) * Sum(wkj * dk, (k, 1, n_next)))
        b.statement(delta_vec, matrix_rhs)
        b.statement(Derivative(J, wjk), dl * ak)
        b.statement(Derivative(J, bj), dl)
        (b.chain(dL)
          .eq(Derivative(J, aL) * Derivative(aL, zL),
              ("chain rule: ", zL, " enters J only through ", aL), indexed=True,
              name="output-chain")
          .eq((aL - y) * sigma_prime(zL), ("differentiate J and ", Eq(aL, sigma(zL), evaluate=False)),
              indexed=True, name="output"))
        (b.chain(dl)
          .eq(Sum(Derivative(J, zk) * Derivative(zk, zl), (k, 1, n_next)),
              ("chain rule through every ", zk),
              indexed=True, name="chain")
          .eq(Sum(dk * wkj * sigma_prime(zl), (k, 1, n_next)),
              ("definition of δ; ", Eq(Derivative(zk, zl), wkj * sigma_prime(zl), evaluate=False)), indexed=True,
              name="layer-derivative")
          .eq(sigma_prime(zl) * Sum(wkj * dk, (k, 1, n_next)), ("the factor ", sigma_prime(zl), " does not depend on k"),
              indexed=True, name="recursion"))
        (b.chain(delta_vec)
          .eq(matrix_rhs, "the recursion for all j at once (⊙: entrywise product)", indexed=True,
              refs=["recursion"], name="matrix"))
        (b.chain(Derivative(J, wjk))
          .eq(Derivative(J, zl) * Derivative(zl, wjk), ("chain rule: ", wjk, " enters J only through ", zl),
              indexed=True, name="grad-w-chain")
          .eq(dl * ak, ("definition of δ; ", Eq(Derivative(zl, wjk), ak, evaluate=False)), indexed=True, name="grad-w"))
        (b.chain(Derivative(J, bj))
          .eq(Derivative(J, zl) * Derivative(zl, bj), ("chain rule: ", bj, " enters J only through ", zl),
              indexed=True, name="grad-b-chain")
          .eq(dl, ("definition of δ; ", Eq(Derivative(zl, bj), 1, evaluate=False)), indexed=True, name="grad-b"))
    return b.build()


# --- instances -------------------------------------------------------------------------------------

def _widths(value) -> tuple[int, ...]:
    if value is None:
        raise InvalidInputError("give the layer widths, e.g. widths=(3, 4, 2) (--widths 3,4,2)")
    widths = parse_ints(value, "widths") if isinstance(value, str) else tuple(value)
    if len(widths) < 2:
        raise InvalidInputError(f"widths needs an input and at least one layer (e.g. 3,4,2), got {widths}")
    if any(isinstance(w, bool) or not isinstance(w, int) or w < 1 for w in widths):
        raise InvalidInputError(f"widths: every width must be a whole number >= 1, got {widths}")
    return widths


def _complete(shape) -> dict:
    return FAMILY.complete(shape)


def instance(widths, variant: str = "correct", seed: int = 0, method: str = "auto") -> Derivation:
    """The derivation on the network with these widths (n_0, …, n_L); see the module docstring.

    >>> d = instance((2, 2, 1))
    >>> d.verify().summary()  # doctest: +ELLIPSIS
    'backprop-delta-widths-2-2-1: ... steps, ... proved [instance widths=2,2,1 (symbolic)]'
    """
    widths = _widths(widths)
    if variant not in BACKPROP_VARIANTS:
        raise InvalidInputError(f"unknown variant {variant!r}; choose one of {', '.join(BACKPROP_VARIANTS)}")
    if variant == "no-transpose" and any(a != b for a, b in zip(widths[1:-1], widths[2:])):
        raise InvalidInputError(f"variant 'no-transpose' needs square W^(l) for l >= 2, got widths {widths}")
    check_seed(seed)
    L = len(widths) - 1
    params = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(L))
    method = choose_method(method, L <= 3 and params <= SYMBOLIC_MAX_PARAMETERS, size=params,
                           symbolic_max=SYMBOLIC_HARD_LIMIT, numeric_max=NUMERIC_MAX_PARAMETERS)
    shape = {"widths": widths, "variant": variant, "seed": seed, "method": method}
    ident = instance_id(ID, shape, key="widths", variant=variant)
    net = "-".join(map(str, widths))
    if method == "numeric":
        return _numeric(ident, net, shape)
    return _symbolic(ident, net, shape)


def _numeric(ident: str, net: str, shape: dict) -> Derivation:
    widths, variant, seed = shape["widths"], shape["variant"], shape["seed"]
    J = Symbol("J", real=True)
    b = Builder(ident, f"Backpropagation on a random {net} network (numeric)", symbols=[],
                summary=f"A random sigmoid network with widths {net} (W^{{(l)}} ~ N(0, 1/n_{{l−1}}), "
                        f"b^{{(l)}} ~ N(0, 0.01), x ~ N(0, 1), y ~ U(0, 1), all from seed {seed}).",
                conditions="The recursion's gradients are compared, in float64, with central finite "
                           "differences of J (which never use σ'); the verdict is at best 'confirmed'.",
                shape=shape)
    probe = Probe("central finite differences of J (networks.gradient_check: 8 random directions and 2 "
                  "entries of every W^(l) and b^(l), step 1e-6)", 1e-6, seed,
                  partial(_gradient_probe, widths, seed, variant))
    with evaluate(False):
        b.check(Derivative(J, symbol("w", "jk", "l")), symbol(r"\delta", "j", "l") * symbol("a", "k", "l-1"),
                f"for every layer l = 1, …, {len(widths) - 1}, with δ from the output formula and the recursion "
                "(matrix form), against finite differences of J",
                of=("output", "recursion", "matrix", "grad-w", "grad-b"), probe=probe, name="gradients")
    return b.build()


def _gradient_probe(widths, seed: int, variant: str) -> ProbeResult:
    r = random_instance_check(widths, seed=seed, variant=variant)
    return ProbeResult(r.passed, r.max_relative_error, r.directions + r.coordinates, r.worst,
                       f"{r.worst_finite_difference:.12g} (finite difference)",
                       f"{r.worst_analytic:.12g} (recursion)")


def _recursion(W, z, a, y, widths, variant: str) -> tuple[dict, dict]:
    """δ by the recursion (or a deliberately wrong variant), elementwise and in matrix form, per layer."""
    L = len(widths) - 1
    rec = {L: [(a[L][j] - y[j]) * (1 if variant == "output-without-sigma-prime" else sigma_prime(z[L][j]))
               for j in range(widths[L])]}
    for l in range(L - 1, 0, -1):
        Wn = Matrix(W[l + 1])
        back = (Wn if variant == "no-transpose" else Wn.T) * Matrix(rec[l + 1])
        rec[l] = [back[j] * (1 if variant == "no-sigma-prime" else sigma_prime(z[l][j])) for j in range(widths[l])]
    matrix = {l: list((Matrix(W[l + 1]) if variant == "no-transpose" else Matrix(W[l + 1]).T)
                      * Matrix(rec[l + 1])) for l in range(1, L)}
    matrix = {l: [v * (1 if variant == "no-sigma-prime" else sigma_prime(z[l][j])) for j, v in enumerate(vs)]
              for l, vs in matrix.items()}
    return rec, matrix


def _delta_steps(b: Builder, s, z, a, y, W, Zs, As, Ds, rec, matrix, truth, layer, loss, widths) -> None:
    """The steps of δ: the output layer (chain rule, then closed form) and, layer by layer backwards,
    the chain rule through z^{(l+1)}, its derivative, the recursion and the matrix form."""
    L = len(widths) - 1
    zvec = lambda l: Symbol(rf"\mathbf{{z}}^{{({l})}}")  # noqa: E731
    Js = Symbol("J", real=True)
    for j in range(widths[L]):
        b.check(Ds[L][j], Derivative(Js, As[L][j]) * sigma_prime(Zs[L][j]), ("chain rule through ", As[L][j]),
                of=("output-chain",), name=f"output-chain-{j + 1}", group=j == 0,
                checked=[(truth(L, j), Subs(Derivative(loss(s[L]), s[L][j]), tuple(s[L]), tuple(a[L]))
                          * sigma_prime(z[L][j]))])
    for j in range(widths[L]):
        b.check(Ds[L][j], (As[L][j] - y[j]) * sigma_prime(Zs[L][j]), "output layer", of=("output",),
                name=f"output-{j + 1}", group=j == 0, checked=[(truth(L, j), rec[L][j])])
    for l in range(L - 1, 0, -1):
        nxt = range(widths[l + 1])
        for j in range(widths[l]):
            zfun = layer(l + 1, [sigma(v) for v in s[l]])
            b.check(Ds[l][j], Add(*[Ds[l + 1][k] * Derivative(Zs[l + 1][k], Zs[l][j]) for k in nxt]),
                    ("chain rule through ", zvec(l + 1)), of=("chain",), name=f"chain-{l}-{j + 1}",
                    group=j == 0, checked=[(truth(l, j), Add(*[
                        truth(l + 1, k) * Subs(Derivative(zfun[k], s[l][j]), tuple(s[l]), tuple(z[l]))
                        for k in nxt]))])
        for j in range(widths[l]):
            b.check(Ds[l][j], Add(*[Ds[l + 1][k] * W[l + 1][k][j] * sigma_prime(Zs[l][j]) for k in nxt]),
                    ("differentiate ", zvec(l + 1)), of=("layer-derivative",),
                    name=f"layer-derivative-{l}-{j + 1}", group=j == 0,
                    checked=[(truth(l, j), Add(*[truth(l + 1, k) * W[l + 1][k][j] * sigma_prime(z[l][j])
                                                 for k in nxt]))])
        for j in range(widths[l]):
            b.check(Ds[l][j], sigma_prime(Zs[l][j]) * Add(*[W[l + 1][k][j] * Ds[l + 1][k] for k in nxt]),
                    "the recursion", of=("recursion",), name=f"recursion-{l}-{j + 1}", group=j == 0,
                    checked=[(truth(l, j), rec[l][j])])
        entry = (r"\left[\left(\mathbf{W}^{(%d)}\right)^{\mathsf{T}} \boldsymbol{\delta}^{(%d)} \odot "
                 r"\sigma'\left(\mathbf{z}^{(%d)}\right)\right]_{%d}")
        for j in range(widths[l]):
            b.check(Ds[l][j], Symbol(entry % (l + 1, l + 1, l, j + 1)), "matrix form, with sympy.Matrix",
                    of=("matrix",), name=f"matrix-{l}-{j + 1}", group=j == 0,
                    checked=[(truth(l, j), matrix[l][j])])


def _gradient_steps(b: Builder, J, Js, W, B, z, a, Zs, As, Ds, rec, truth, widths) -> None:
    """The steps ∂J/∂w = ∂J/∂z ∂z/∂w = δ a and ∂J/∂b = ∂J/∂z ∂z/∂b = δ of every weight and bias."""
    L = len(widths) - 1
    for l in range(1, L + 1):
        for j in range(widths[l]):
            for k in range(widths[l - 1]):
                w = W[l][j][k]
                b.check(Derivative(Js, w), Derivative(Js, Zs[l][j]) * Derivative(Zs[l][j], w),
                        ("chain rule through ", Zs[l][j]), of=("grad-w-chain",), name=f"grad-w-chain-{l}-{j + 1}-{k + 1}",
                        group=j == 0 and k == 0,
                        checked=[(Derivative(J, w), truth(l, j) * Derivative(z[l][j], w))])
                b.check(Derivative(Js, w), Ds[l][j] * As[l - 1][k], "δ from the recursion times the input",
                        of=("grad-w",), name=f"grad-w-{l}-{j + 1}-{k + 1}",
                        checked=[(Derivative(J, w), rec[l][j] * a[l - 1][k])])
    for l in range(1, L + 1):
        for j in range(widths[l]):
            bias = B[l][j]
            b.check(Derivative(Js, bias), Derivative(Js, Zs[l][j]) * Derivative(Zs[l][j], bias),
                    ("chain rule through ", Zs[l][j]), of=("grad-b-chain",), name=f"grad-b-chain-{l}-{j + 1}",
                    group=j == 0, checked=[(Derivative(J, bias), truth(l, j) * Derivative(z[l][j], bias))])
            b.check(Derivative(Js, bias), Ds[l][j], "the bias gradient is δ from the recursion",
                    of=("grad-b",), name=f"grad-b-{l}-{j + 1}", checked=[(Derivative(J, bias), rec[l][j])])


def _symbolic(ident: str, net: str, shape: dict) -> Derivation:
    widths, variant = shape["widths"], shape["variant"]
    L = len(widths) - 1
    sep = "," if max(widths) > 9 else ""
    x = [symbol("x", k + 1) for k in range(widths[0])]
    y = [symbol("y", j + 1) for j in range(widths[L])]
    W = [None] + [[[symbol("w", f"{j + 1}{sep}{k + 1}", l) for k in range(widths[l - 1])] for j in range(widths[l])]
                  for l in range(1, L + 1)]
    B = [None] + [[symbol("b", j + 1, l) for j in range(widths[l])] for l in range(1, L + 1)]

    def layer(l, inputs):  # z^{(l)} from a^{(l-1)} = inputs
        return [Add(*[W[l][j][k] * inputs[k] for k in range(widths[l - 1])]) + B[l][j] for j in range(widths[l])]

    def loss(outputs):
        return Rational(1, 2) * Add(*[(outputs[j] - y[j]) ** 2 for j in range(widths[L])])

    def downstream(l, s):  # J as a function of the layer-l pre-activations s
        a = [sigma(v) for v in s]
        for m in range(l + 1, L + 1):
            a = [sigma(v) for v in layer(m, a)]
        return loss(a)

    z, a = [None], [x]
    for l in range(1, L + 1):
        z.append(layer(l, a[l - 1]))
        a.append([sigma(v) for v in z[l]])
    J = loss(a[L])
    s = {l: [Symbol(f"s_{j + 1}", real=True) for j in range(widths[l])] for l in range(1, L + 1)}

    def truth(l, j):  # δ_j^{(l)} = ∂J/∂z_j^{(l)} by SymPy: J as a function of z^{(l)}, at z^{(l)}
        return Subs(Derivative(downstream(l, s[l]), s[l][j]), tuple(s[l]), tuple(z[l]))

    rec, matrix = _recursion(W, z, a, y, widths, variant)

    # display abbreviations
    Js = Symbol("J", real=True)
    Zs = {l: [symbol("z", j + 1, l) for j in range(widths[l])] for l in range(1, L + 1)}
    As = {0: x, **{l: [symbol("a", j + 1, l) for j in range(widths[l])] for l in range(1, L + 1)}}
    Ds = {l: [symbol(r"\delta", j + 1, l) for j in range(widths[l])] for l in range(1, L + 1)}
    kind = "" if variant == "correct" else f", wrong variant {variant}"
    symbols = [SymbolSpec(v, REAL, "input") for v in x] + [SymbolSpec(v, REAL, "target") for v in y]
    symbols += [SymbolSpec(v, REAL, "weight") for l in range(1, L + 1) for row in W[l] for v in row]
    symbols += [SymbolSpec(v, REAL, "bias") for l in range(1, L + 1) for v in B[l]]
    b = Builder(ident, f"Backpropagation on a {net} network (symbolic{kind})", symbols=symbols,
                definitions=[SIGMA_PRIME], shape=shape,
                summary=f"Every weight, bias, input and target of the {net} network is a symbol; "
                        "z, a and δ below abbreviate the forward pass, and δ is ∂J/∂z.",
                conditions="Each equation is checked with the abbreviations written out in the weights, "
                           "biases, x and y: δ on the left is SymPy's own derivative of J, written as a "
                           "function of the layer's z, at z; ∂J/∂w and ∂J/∂b are SymPy's derivatives of J. "
                           "σ stays an arbitrary differentiable function (σ' is its derivative), so the "
                           "checks are the chain rule itself; numerically σ is the logistic sigmoid.")
    with evaluate(False):
        _delta_steps(b, s, z, a, y, W, Zs, As, Ds, rec, matrix, truth, layer, loss, widths)
        _gradient_steps(b, J, Js, W, B, z, a, Zs, As, Ds, rec, truth, widths)
    return b.build()


FAMILY = Family(
    parameters=(
        Parameter("widths", "layer widths n_0,…,n_L (input first), e.g. 3,4,2", None, _widths),
        Parameter("variant", "the recursion to check: " + ", ".join(BACKPROP_VARIANTS)
                  + " (the wrong ones must be refuted)", "correct"),
        Parameter("seed", "seed of the random numeric instance", 0, int),
        Parameter("method", "symbolic, numeric, or auto (symbolic when depth <= 3 and at most "
                            f"{SYMBOLIC_MAX_PARAMETERS} parameters)", "auto"),
    ),
    build=instance,
    defaults=DEFAULTS,
)
