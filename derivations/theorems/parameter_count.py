"""The parameters of a fully connected network: W^{(l)} is n_l × n_{l−1}, and there are Σ_l (n_{l−1} + 1) n_l of them.

Layer l computes z^{(l)} = W^{(l)} a^{(l−1)} + b^{(l)} from the n_{l−1} activations of the layer below,
so W^{(l)} has n_l rows and n_{l−1} columns and b^{(l)} has n_l entries.  A 2–12–1 network has
2·12 + 12·1 = 36 weights and 12 + 1 = 13 biases: 49 parameters (sheet 000 Q2 counts 36 + 12 = 48,
forgetting the output bias, and gives W^{(2)} the transposed shape (12, 1)).

The shapes and counts are checked against real NumPy networks built from the widths
(:class:`derivations.numerics.networks.SigmoidNetwork`): their arrays are counted entry by entry.

>>> import derivations
>>> d = derivations.get('parameter-count')
>>> d.step('sheet-total').rhs
49
>>> d.instantiate(widths=(2, 12, 1), variant='no-output-bias').verify().ok
False
"""

from __future__ import annotations

from sympy import Add, Eq, Integer, Mul, Sum, Symbol, evaluate

from derivations.core.domains import POSITIVE
from derivations.core.instances import Family, Parameter, check_seed, parse_ints, symbol
from derivations.core.model import Builder, Derivation
from derivations.errors import InvalidInputError
from derivations.numerics.networks import SigmoidNetwork

__all__ = ["derivation", "instance", "FAMILY", "DEFAULTS", "VARIANTS"]

ID = "parameter-count"
TITLE = "The number of parameters of a fully connected network"

VARIANTS = ("correct", "no-output-bias", "transposed")
"""The count and shapes: the theorem's; biases only on hidden layers (the sheet's 48); W^{(l)} as n_{l−1} × n_l."""

DEFAULTS = ({"widths": (2, 12, 1)}, {"widths": (784, 256, 128, 10)}, {"widths": (3, 5, 5, 5, 5, 2)})
"""Sheet 000 Q2's 2–12–1 network, an MNIST-sized 784–256–128–10 network, and a deeper narrow one."""

MAX_PARAMETERS = 50_000_000


def derivation() -> Derivation:
    """The count in general (indexed, checked on networks), the factoring (proved), and the 2–12–1 example.

    >>> d = derivation()
    >>> d.step('count').kind, d.step('factor').kind, d.step('sheet-total').rhs
    ('indexed', 'equals', 49)
    """
    l, L = Symbol("l", integer=True, positive=True), Symbol("L", integer=True, positive=True)
    n_l, n_prev = Symbol("n_{l}", positive=True), Symbol("n_{l-1}", positive=True)
    N, n0, nL = symbol("N"), symbol("n_{0}"), symbol("n_{L}")
    W_l, b_l = symbol(r"\mathbf{W}^{(l)}"), symbol(r"\mathbf{b}^{(l)}")
    a_prev, z_l = symbol(r"\mathbf{a}^{(l-1)}"), symbol(r"\mathbf{z}^{(l)}")
    count = Sum((n_prev + 1) * n_l, (l, 1, L))  # built evaluated: the summand prints in parentheses
    with evaluate(False):
        rule = Eq(z_l, W_l * a_prev + b_l)
    b = Builder(ID, TITLE, symbols={n_l: POSITIVE, n_prev: POSITIVE}, family=FAMILY,
                summary=("How many numbers training adjusts in a fully connected network with widths ", n0,
                         " (inputs), …, ", nL, " (outputs): every weight and every bias."),
                conditions=("Layer l = 1, …, L computes ", rule, " (SPEC). The indexed steps "
                            "are checked on real NumPy networks with widths "
                            + "; ".join("-".join(map(str, d["widths"])) for d in DEFAULTS) + ", their arrays counted."))
    layers = Sum(symbol(r"\#\mathbf{W}^{(l)}") + symbol(r"\#\mathbf{b}^{(l)}"), (l, 1, L))
    shapes = Sum(n_l * n_prev + n_l, (l, 1, L))
    with evaluate(False):
        b.statement(N, count)
        b.chain(Mul(n_l, n_prev) + n_l).eq(Mul(Add(n_prev, 1), n_l), ("factor out ", n_l), name="factor")
        (b.chain(N)
          .eq(layers, "each layer has a weight matrix and a bias vector", indexed=True, name="layers")
          .eq(shapes, (W_l, " takes ", a_prev, " to ", z_l, ": ", n_l, " × ", n_prev, "; ", b_l, " has ", n_l),
              indexed=True, name="shapes")
          .eq(count, ("factor out ", n_l, " in every layer"), refs=["factor"], indexed=True, name="count"))
        _sheet_steps(b)
    return b.build()


def _sheet_steps(b: Builder) -> None:
    """Sheet 000 Q2: the 2–12–1 network."""
    net = SigmoidNetwork.random((2, 12, 1), seed=0)
    (b.chain(Add(Mul(2, 12), Mul(12, 1)))
      .eq(Integer(36), "the weights of 2–12–1 (sheet 000 Q2: 36)", name="sheet-weights"))
    (b.chain(Add(12, 1))
      .eq(Integer(13), "12 hidden and 1 output bias (the sheet: 12)", name="sheet-biases"))
    (b.chain(Add(Mul(Add(2, 1), 12), Mul(Add(12, 1), 1)))
      .eq(Add(36, 13), "the formula, weights + biases", refs=["count"], name="sheet-split")
      .eq(Integer(49), "not the sheet's 36 + 12 = 48 (no output bias)", name="sheet-total"))
    W2 = net.weights[1]
    b.check(symbol(r"\dim \mathbf{W}^{(2)}"), symbol(r"1 \times 12"),
            "a real 2–12–1 network; the sheet's (12, 1) is transposed", of=(),
            checked=[(Integer(W2.shape[0]), Integer(1)), (Integer(W2.shape[1]), Integer(12))],
            name="sheet-shape", group=True)


# --- instances -------------------------------------------------------------------------------------

def _widths(value) -> tuple[int, ...]:
    if value is None:
        raise InvalidInputError("give the layer widths, e.g. widths=(2, 12, 1) (--widths 2,12,1)")
    widths = parse_ints(value, "widths") if isinstance(value, str) else tuple(value)
    if len(widths) < 2 or any(isinstance(w, bool) or not isinstance(w, int) or w < 1 for w in widths):
        raise InvalidInputError(f"widths: an input width and at least one layer, each a whole number >= 1, "
                                f"got {widths}")
    return widths


def instance(widths, variant: str = "correct", seed: int = 0) -> Derivation:
    """The shapes and the count on a real NumPy network with these widths.

    >>> instance((2, 12, 1)).verify().summary()
    'parameter-count-widths-2-12-1: 3 steps, 3 proved [instance widths=2,12,1]'
    """
    widths = _widths(widths)
    if variant not in VARIANTS:
        raise InvalidInputError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    check_seed(seed)
    total = sum((a + 1) * b for a, b in zip(widths, widths[1:]))
    if total > MAX_PARAMETERS:
        raise InvalidInputError(f"this network has {total} parameters; real networks are limited to {MAX_PARAMETERS}")
    shape = {"widths": widths, "variant": variant, "seed": seed}
    net = SigmoidNetwork.random(widths, seed=seed)
    ident = f"{ID}-widths-{'-'.join(map(str, widths))}" + ("" if variant == "correct" else f"-{variant}")
    L = len(widths) - 1
    b = Builder(ident, f"The parameters of a {'-'.join(map(str, widths))} network" +
                ("" if variant == "correct" else f" (wrong variant {variant})"), symbols=[], shape=shape,
                summary=f"A real NumPy sigmoid network (derivations.numerics.networks.SigmoidNetwork.random, seed "
                        f"{seed}) with these widths; its arrays are counted entry by entry.")
    claimed = [(n, m) if variant == "transposed" else (m, n) for n, m in zip(widths, widths[1:])]
    with evaluate(False):
        for l in range(1, L + 1):
            rows, cols = claimed[l - 1]
            W, bias = net.weights[l - 1], net.biases[l - 1]
            b.check(symbol(rf"\dim \mathbf{{W}}^{{({l})}},\ \dim \mathbf{{b}}^{{({l})}}"),
                    symbol(rf"{rows} \times {cols},\ {widths[l]}"), f"layer {l}: the arrays of the real network",
                    of=("shapes",), checked=[(Integer(W.shape[0]), Integer(rows)), (Integer(W.shape[1]), Integer(cols)),
                                             (Integer(bias.size), Integer(widths[l]))],
                    name=f"shape-{l}", group=l == 1)
        last = L if variant == "no-output-bias" else L + 1
        formula = Add(*[Mul(Add(widths[l - 1], 1 if l < last else 0), widths[l]) for l in range(1, L + 1)])
        b.check(symbol("N"), formula, "every entry of every W and b of the real network, counted: "
                                  f"{net.num_parameters}", of=("layers", "shapes", "count"),
                checked=[(Integer(sum(w.size + v.size for w, v in zip(net.weights, net.biases))), formula)],
                name="count", group=True)
    return b.build()


FAMILY = Family(
    parameters=(
        Parameter("widths", "layer widths n_0,…,n_L (input first), e.g. 2,12,1", None, _widths),
        Parameter("variant", "count and shapes: " + ", ".join(VARIANTS) + " (the wrong ones must be refuted)",
                  "correct"),
        Parameter("seed", "seed of the real network's random weights (the count does not depend on it)", 0, int),
    ),
    build=instance,
    defaults=DEFAULTS,
)
