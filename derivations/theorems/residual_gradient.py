"""The gradient of a residual block: y = ReLU(F(x) + x) gives ∂y/∂x = ReLU'(F(x) + x) (∂F/∂x + I).

With u = F(x) + x the chain rule gives ∂y/∂x = diag(ReLU'(u)) ∂u/∂x, and ∂u/∂x = ∂F/∂x + I: the skip
connection contributes the identity.  In one dimension, dy/dx = ReLU'(F(x) + x)(F'(x) + 1).  ReLU'
is 1 where u > 0 and 0 where u < 0 (at the kink u = 0 ReLU has no derivative; the checks avoid it).

Sheet 001 Q1 computes ∂y/∂x = ReLU'(z₃) ∂z₂/∂z₁ ∂z₁/∂x for z₃ = z₂ + x, following only the path
through F and dropping the identity term that the direct path x → z₃ contributes; that variant
(``no-identity``) is refuted.  The identity is what keeps gradients alive: where a block's ∂F/∂x is
small (small weights, saturated units, deep stacks), the gradient through it is still
diag(ReLU'(u)) (I + ∂F/∂x) ≈ I on the active units, so a stack of blocks multiplies factors close to
I instead of factors close to 0, and the gradient reaching the first layers does not vanish.

The indexed steps are checked on instances: exactly for n = 1 and n = 2 with F(x) = W₂ tanh(W₁x + b₁) + b₂
(every weight a symbol), numerically for n = 64 against central finite differences.

>>> import derivations
>>> d = derivations.get('residual-gradient')
>>> [i.id for i in d.instances()]
['residual-gradient-n-1', 'residual-gradient-n-2', 'residual-gradient-n-64']
>>> d.instantiate(n=1, variant='no-identity').verify().step('identity-11').status
'refuted'
"""

from __future__ import annotations

from functools import partial

from sympy import Add, Derivative, Eq, Heaviside, Lambda, Max, Symbol, evaluate, tanh

from derivations.core.definitions import Definition
from derivations.core.domains import REAL
from derivations.core.functions import NamedFunction
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
    symbol,
    whole_number,
)
from derivations.core.model import Builder, Derivation, SymbolSpec
from derivations.numerics.residual import RESIDUAL_VARIANTS, depth_gradient, jacobian_check
from derivations.render.figure import Figure, Series

ID = "residual-gradient"
TITLE = "The gradient of a residual block"
DEFAULTS = ({"n": 1}, {"n": 2}, {"n": 64})
"""Exact for n = 1 and 2; numeric for a random block of width 64."""

__all__ = ["relu", "relu_prime", "RELU", "RELU_PRIME", "derivation", "instance", "FAMILY", "DEFAULTS",
           "plain_vs_residual"]


class relu(NamedFunction):
    """ReLU(u) = max(0, u), kept unevaluated (its definition :data:`RELU` is unfolded when a step is checked).

    >>> from sympy import Symbol
    >>> relu(Symbol('u')).text_name
    'ReLU'
    """

    latex_name = r"\operatorname{ReLU}"
    text_name = "ReLU"


class relu_prime(NamedFunction):
    """ReLU'(u): 1 for u > 0, 0 for u < 0 (no derivative at u = 0), kept unevaluated (see :data:`RELU_PRIME`).

    >>> from sympy import Symbol
    >>> relu_prime(Symbol('u')).text_name
    "ReLU'"
    """

    latex_name = r"\operatorname{ReLU}'"
    text_name = "ReLU'"


_u = Symbol("u", real=True)
RELU = Definition(relu, Lambda(_u, Max(0, _u)), "def:relu", "rectified linear unit")
RELU_PRIME = Definition(relu_prime, Lambda(_u, Heaviside(_u)), "def:relu-prime",
                        "its derivative, the unit step (for u ≠ 0)")


_TWO_LAYER = Symbol(r"\mathbf{W}_2 \tanh\left(\mathbf{W}_1 \mathbf{x} + \mathbf{b}_1\right) + \mathbf{b}_2")


def derivation() -> Derivation:
    """The scalar and the Jacobian form, both indexed (F is any differentiable map), checked on DEFAULTS.

    >>> [s.name for s in derivation().steps]
    ['scalar-chain', 'scalar-identity', 'chain', 'identity']
    """
    x, F, y, u = Symbol("x", real=True), Symbol("F(x)", real=True), Symbol("y", real=True), Symbol("u", real=True)
    xv, yv, Fv = Symbol(r"\mathbf{x}"), Symbol(r"\mathbf{y}"), Symbol(r"\mathbf{F}(\mathbf{x})")
    uv, I = Symbol(r"\mathbf{u}"), Symbol(r"\mathbf{I}")
    diag = Symbol(r"\operatorname{diag}\left(\operatorname{ReLU}'\left(\mathbf{F}(\mathbf{x}) + \mathbf{x}\right)\right)")
    diag_u = Symbol(r"\operatorname{diag}\left(\operatorname{ReLU}'\left(\mathbf{u}\right)\right)")
    checked_on = "; ".join(describe_shape(tuple(FAMILY.complete(s).items())) for s in DEFAULTS)
    b = Builder(ID, TITLE, symbols=[], definitions=[RELU, RELU_PRIME], family=FAMILY,
                summary=("A residual block adds its input to a learned map before the activation: ",
                         Eq(yv, Symbol(r"\operatorname{ReLU}\left(\mathbf{F}(\mathbf{x}) + \mathbf{x}\right)")),
                         ". Its Jacobian carries an identity term from the skip connection, and that term is "
                         "what keeps gradients alive: where ∂F/∂x is small (small weights, saturated units, "
                         "deep stacks) the gradient through the block is still close to the identity on the "
                         "active units, so a stack of blocks multiplies factors near I instead of factors "
                         "near 0. Sheet 001 Q1 drops the identity term (variant no-identity, refuted)."),
                conditions=("F is any differentiable map; ReLU' is 1 where its argument is positive and 0 where "
                            "it is negative, and the checks stay away from the kink. The indexed steps are "
                            "checked with ", Eq(Fv, _TWO_LAYER), " on: " + checked_on + "."))
    with evaluate(False):
        b.statement(Derivative(y, x), relu_prime(F + x) * (Derivative(F, x) + 1))
        (b.chain(Derivative(y, x))
          .eq(relu_prime(u) * Derivative(u, x), ("chain rule through ", Eq(u, F + x)), indexed=True,
              name="scalar-chain")
          .eq(relu_prime(F + x) * (Derivative(F, x) + 1), "the skip connection differentiates to 1",
              indexed=True, name="scalar-identity"))
        (b.chain(Symbol(r"\frac{\partial \mathbf{y}}{\partial \mathbf{x}}"))
          .eq(diag_u * Symbol(r"\frac{\partial \mathbf{u}}{\partial \mathbf{x}}"),
              ("chain rule through ", Eq(uv, Fv + xv), ", entry by entry"), indexed=True, name="chain")
          .eq(diag * (Symbol(r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}") + I),
              ("the skip connection differentiates to the identity ", I), indexed=True, name="identity"))
    return b.build()


# --- instances -------------------------------------------------------------------------------------

def _n(value) -> int:
    return whole_number(value, "n", 1)


def instance(n, variant: str = "correct", seed: int = 0, method: str = "auto") -> Derivation:
    """The block of width n: exact for n ≤ 2 (up to 3 on request), numeric otherwise.

    >>> instance(1).verify().summary()
    'residual-gradient-n-1: 2 steps, 2 proved [instance n=1 (symbolic)]'
    """
    n = _n(n)
    check_variant(variant, RESIDUAL_VARIANTS)
    check_seed(seed)
    method = choose_method(method, n <= 2, size=n, symbolic_max=3, numeric_max=2000, unit="dimensions")
    shape = {"n": n, "variant": variant, "seed": seed, "method": method}
    ident = instance_id(ID, shape, key="n", variant=variant)
    return (_numeric if method == "numeric" else _symbolic)(ident, shape)


def _symbolic(ident: str, shape: dict) -> Derivation:
    n, variant = shape["n"], shape["variant"]
    sep = lambda i, j: f"{i + 1}{j + 1}"  # noqa: E731
    x = [symbol("x", i + 1) for i in range(n)]
    W1 = [[symbol("w", sep(i, j), 1) for j in range(n)] for i in range(n)]
    W2 = [[symbol("w", sep(i, j), 2) for j in range(n)] for i in range(n)]
    b1, b2 = [symbol("b", i + 1, 1) for i in range(n)], [symbol("b", i + 1, 2) for i in range(n)]
    hidden = [tanh(Add(*[W1[k][j] * x[j] for j in range(n)]) + b1[k]) for k in range(n)]
    F = [Add(*[W2[i][k] * hidden[k] for k in range(n)]) + b2[i] for i in range(n)]
    u = [F[i] + x[i] for i in range(n)]
    symbols = [SymbolSpec(v, REAL) for v in x + [w for r in W1 + W2 for w in r] + b1 + b2]
    kind = "" if variant == "correct" else ", wrong variant: no identity term (sheet 001 Q1)"
    b = Builder(ident, f"A residual block of width {n} (symbolic{kind})", symbols=symbols,
                definitions=[RELU, RELU_PRIME], shape=shape,
                summary="Every weight, bias and input is a symbol; F(x) = W_2 tanh(W_1 x + b_1) + b_2, u = F(x) + x "
                        "and y = ReLU(u) abbreviate the block, and each entry of ∂y/∂x is checked against SymPy's "
                        "own derivative of ReLU(u_i) (ReLU unfolded to max(0, u)).")
    scalar = ("scalar-chain",) if n == 1 else ()
    with evaluate(False):
        for i in range(n):
            for j in range(n):
                ys, us, Fs = symbol("y", i + 1), symbol("u", i + 1), symbol("F", i + 1)
                dy = Derivative(relu(u[i]), x[j])
                b.check(Derivative(ys, x[j]), relu_prime(us) * Derivative(us, x[j]), ("chain rule through ", us),
                        of=("chain",) + scalar, name=f"chain-{sep(i, j)}", group=True,
                        checked=[(dy, relu_prime(u[i]) * Derivative(u[i], x[j]))])
                delta = 1 if (i == j and variant == "correct") else 0
                b.check(Derivative(ys, x[j]), relu_prime(us) * (Derivative(Fs, x[j]) + delta),
                        "∂u_i/∂x_j = ∂F_i/∂x_j + δ_ij" if variant == "correct" else "the sheet's rule, no identity",
                        of=("identity",) + (("scalar-identity",) if n == 1 else ()), name=f"identity-{sep(i, j)}",
                        checked=[(dy, relu_prime(u[i]) * (Derivative(F[i], x[j]) + delta))])
    return b.build()


def _probe(shape: dict) -> ProbeResult:
    r = jacobian_check(shape["n"], seed=shape["seed"], variant=shape["variant"])
    return ProbeResult(r.passed, r.max_rel_error, r.rows, r.worst, f"{r.expected:.12g} (finite difference)",
                       f"{r.got:.12g} (formula)")


def _numeric(ident: str, shape: dict) -> Derivation:
    n = shape["n"]
    b = Builder(ident, f"A random residual block of width {n} (numeric)", symbols=[], shape=shape,
                summary=f"F(x) = W_2 tanh(W_1 x + b_1) + b_2 with W ~ N(0, 1/{n}), b ~ N(0, 0.01), seed "
                        f"{shape['seed']}; 8 random inputs x ~ N(0, 1).",
                conditions="float64 checks (rows within 1e-3 of the ReLU kink are skipped and counted): the "
                           "verdict is at best 'confirmed'.")
    probe = Probe("central finite differences of y (step 1e-6) against the formula and against "
                  "diag(ReLU'(u)) ∂u/∂x, every entry of ∂y/∂x, relative to max |∂y/∂x|",
                  1e-6, shape["seed"], partial(_probe, shape))
    with evaluate(False):
        b.check(Symbol(r"\frac{\partial \mathbf{y}}{\partial \mathbf{x}}"),
                Symbol(r"\operatorname{diag}\left(\operatorname{ReLU}'\left(\mathbf{u}\right)\right)"
                       r"\left(\frac{\partial \mathbf{F}}{\partial \mathbf{x}} + \mathbf{I}\right)"),
                "the Jacobian rule at random inputs, against finite differences", of=("chain", "identity"),
                probe=probe, name="jacobian")
    return b.build()


FAMILY = Family(
    parameters=(
        Parameter("n", "the block's width (exact for n <= 2)", None, _n),
        Parameter("variant", "the Jacobian rule: " + ", ".join(RESIDUAL_VARIANTS) + " (no-identity must be refuted)",
                  "correct"),
        Parameter("seed", "seed of the random numeric block", 0, int),
        Parameter("method", "symbolic, numeric, or auto (symbolic when n <= 2)", "auto"),
    ),
    build=instance,
    defaults=DEFAULTS,
)


def plain_vs_residual() -> Figure:
    """log₁₀ ‖∂x_L/∂x_0‖₂ through L = 1…20 blocks of width 16 with small weights, with and without the skip.

    >>> f = plain_vs_residual()
    >>> f.series[0].points[-1][1] > -1 > f.series[1].points[-1][1]
    True
    """
    import math

    res = depth_gradient(16, 20, seed=0, residual=True)
    plain = depth_gradient(16, 20, seed=0, residual=False)
    lo = math.floor(min(math.log10(v) for _, v in plain)) - 1
    return Figure(
        id="residual-vs-plain",
        caption="The gradient through L blocks of width 16 with small weights (W ~ N(0, 0.09/16)): with the "
        "skip connection, y = ReLU(F(x) + x), its norm stays near 1; without it, y = ReLU(F(x)), it falls "
        "by orders of magnitude. Logarithmic scale: log10 of the spectral norm of the input-output Jacobian.",
        xlabel="L",
        ylabel=r"\log_{10}",
        xrange=(1.0, 20.0),
        yrange=(float(lo), 1.0),
        series=(
            Series(r"\mathrm{ReLU}(F(x) + x)", [(float(L), math.log10(v)) for L, v in res], "solid", "blue",
                   marker="o", mark_every=2),
            Series(r"\mathrm{ReLU}(F(x))", [(float(L), math.log10(v)) for L, v in plain], "dashed", "red"),
        ),
        legend_pos="south west",
    )
