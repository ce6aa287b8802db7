"""The output side ⌊(n − f + 2p)/s⌋ + 1 of a convolution, and the receptive field of stacked layers.

An f×f kernel with stride s on an n×n input padded with p zeros fits at ⌊(n − f + 2p)/s⌋ + 1 places
per row.  One pixel after L stacked layers sees an r_L × r_L patch of the input, with r_0 = 1 and
r_l = r_{l−1} + (f_l − 1) Π_{i<l} s_i; for L stride-1 f×f layers r_L = 1 + L(f − 1), so four 3×3
layers see 9 × 9 = 81 pixels (sheet 001 Q2).

The size formula is checked against brute-force counting of window positions (exhaustively over a
range of n, f, p, s, and layer by layer on instances); the receptive field by propagating a one-hot
gradient back through real stacked convolutions (:func:`derivations.numerics.conv.receptive_field_by_backprop`).

>>> import derivations
>>> d = derivations.get('conv-output-size')
>>> d.step('pixels').rhs
81
>>> d.instantiate(n=9, f=(3, 3, 3, 3), variant='no-plus-one').verify().ok
False
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np
from sympy import Add, Eq, Integer, Mul, Pow, Rational, Symbol, evaluate, floor

from derivations.core.instances import Family, Parameter, Probe, ProbeResult, check_seed, parse_ints, symbol
from derivations.core.model import Builder, Derivation
from derivations.errors import InvalidInputError
from derivations.numerics.conv import (
    count_positions,
    forward,
    output_side,
    receptive_field,
    receptive_field_by_backprop,
)
from derivations.render.figure import Annotation, Figure, Series

__all__ = ["derivation", "instance", "FAMILY", "DEFAULTS", "VARIANTS", "SWEEP", "receptive_field_growth"]

ID = "conv-output-size"
TITLE = "The output size of a convolution and the receptive field of stacked layers"

VARIANTS = ("correct", "no-plus-one", "no-stride-product")
"""The formulas: the theorem's; the output side without the + 1; r_l = r_{l−1} + (f_l − 1) (strides ignored)."""

SWEEP = {"n": 40, "p": 3, "s": 4}
"""The exhaustive check: every n ≤ 40, p ≤ 3, s ≤ 4 and every kernel side f ≤ n + 2p."""

DEFAULTS = ({"n": 9, "f": (3, 3, 3, 3)}, {"n": 64, "f": (7, 3, 3, 5), "p": 1, "s": (2, 2, 1, 3)})
"""Sheet 001 Q2 (a 9×9 input, four 3×3 layers: 1×1 output, 81 pixels), and a strided, padded stack."""

_COUNTED = "float64 arrays, pixels and shapes counted exactly"
MAX_LAYERS = 12
MAX_FIELD = 2048  # receptive field side; the one-hot propagation runs on an input of about twice this


def derivation() -> Derivation:
    """The general results (indexed, checked on instances and an exhaustive sweep) and sheet 001 Q2's 81 pixels.

    >>> d = derivation()
    >>> d.step('size').kind, d.step('sweep').kind, d.step('pixels').rhs
    ('indexed', 'numeric', 81)
    """
    n, f, p, s = (Symbol(v, integer=True, positive=True) for v in ("n", "f", "p", "s"))
    m, r_l, r_prev, L = symbol("m"), symbol("r_{l}"), symbol("r_{l-1}"), Symbol("L", integer=True, positive=True)
    size = floor((n - f + 2 * p) / s) + 1
    b = Builder(ID, TITLE, symbols=[], family=FAMILY,
                summary="How big a convolution's output is, and how much of the input one output pixel sees: the "
                        "two numbers that fix a CNN's architecture.",
                conditions=_conditions())
    with evaluate(False):
        b.statement(m, size)
        b.statement(r_l, r_prev + (symbol("f_{l}") - 1) * symbol(r"\prod_{i<l} s_i"))
        (b.chain(m)
          .eq(symbol(r"\#\{k \in \mathbb{Z} : k \ge 0,\ sk + f \le n + 2p\}"),
              "a window starts every s pixels and must fit",
              indexed=True, name="count")
          .eq(symbol(r"\#\{k \in \mathbb{Z} : 0 \le k \le (n - f + 2p)/s\}"), "take f away, divide by s > 0",
              indexed=True, name="divide")
          .eq(size, "the integers 0, 1, …, ⌊x⌋ (x ≥ 0: the kernel fits)", indexed=True,
              name="size"))
        (b.chain(r_l)
          .eq(r_prev + (symbol("f_{l}") - 1) * symbol(r"\prod_{i<l} s_i"),
              ("a pixel sees ", symbol("f_{l}"), " pixels of layer l − 1, ", symbol(r"\prod_{i<l} s_i"), " apart; ",
               Eq(symbol("r_{0}"), 1)), indexed=True, name="recurrence"))
        (b.chain(symbol("r_{L}"))
          .eq(1 + L * (f - 1), "stride 1: each f × f layer widens it by f − 1", refs=["recurrence"],
              indexed=True, name="stride-one"))
        b.check(m, size, f"counted, for all n ≤ {SWEEP['n']}, p ≤ {SWEEP['p']}, s ≤ {SWEEP['s']}, f ≤ n + 2p",
                of=("count", "divide", "size"),
                probe=Probe(f"exhaustive comparison with numerics.conv.count_positions over {_sweep_cases()} cases, "
                            "Python integers", 0.0, 0, _sweep, "exact integer arithmetic"), name="sweep")
        _sheet_steps(b)
    return b.build()


def _conditions() -> str:
    shapes = "; ".join(_describe(FAMILY.complete(d)) for d in DEFAULTS)
    return ("n, f, p, s are whole numbers with n, f, s ≥ 1, p ≥ 0 and f ≤ n + 2p; each layer of a stack has its "
            "own kernel side and stride. The receptive field of the sheet's stack is also found by propagating a "
            "one-hot gradient back through real convolutions (random positive kernels). The indexed steps are "
            "checked on: " + shapes + ", and the size formula also by an "
            "exhaustive sweep.")


def _sheet_steps(b: Builder) -> None:
    """Sheet 001 Q2: four 3×3 stride-1 layers; 9 → 7 → 5 → 3 → 1 forwards, a 9 × 9 patch: 81 pixels."""
    with evaluate(False):
        b.check(symbol("m_{1}, m_{2}, m_{3}, m_{4}"), symbol(r"7,\ 5,\ 3,\ 1"),
                "sheet 001 Q2: 9 × 9 input, four 3 × 3 layers",
                of=(), checked=[(floor(Rational(k - 3 + 0, 1)) + 1, Integer(k - 2)) for k in (9, 7, 5, 3)],
                name="sheet-sizes", group=True)
        r4 = Add(1, Mul(4, Add(3, -1)), evaluate=False)
        (b.chain(r4)
          .eq(Integer(9), "L = 4, f = 3: a 9 × 9 patch",
              refs=["stride-one"], name="sheet-side"))
        (b.chain(Pow(r4, 2))
          .eq(Pow(Integer(9), 2), "the patch is square", name="sheet-square")
          .eq(Integer(81), "81 input pixels, as the sheet says", name="pixels"))
        b.check(symbol(r"\text{pixels\ reached}"), Integer(81), "a one-hot gradient through four real 3 × 3 layers",
                of=(),
                probe=Probe("numerics.conv.receptive_field_by_backprop((3, 3, 3, 3)): the non-zero pixels of ∂L/∂X "
                            "counted", 0.0, 0, partial(_field_probe, (3, 3, 3, 3), (1, 1, 1, 1), 9, 0, 81), _COUNTED),
                name="sheet-backprop")


def _sweep_cases() -> int:
    return sum(1 for _ in _sweep_grid())


def _sweep_grid():
    for n in range(1, SWEEP["n"] + 1):
        for p in range(SWEEP["p"] + 1):
            for s in range(1, SWEEP["s"] + 1):
                for f in range(1, n + 2 * p + 1):
                    yield n, f, p, s


def _sweep() -> ProbeResult:
    cases = 0
    for n, f, p, s in _sweep_grid():
        cases += 1
        counted, formula = count_positions(n, f, p, s), math.floor((n - f + 2 * p) / s) + 1
        if counted != formula:
            return ProbeResult(False, 1.0, cases, f"n={n}, f={f}, p={p}, s={s}", f"{counted} (counted)",
                               f"{formula} (formula)")
    return ProbeResult(True, 0.0, cases)


def _field_probe(kernels, strides, claimed_side: int, seed: int, pixels: int | None = None) -> ProbeResult:
    """The patch a one-hot gradient reaches must be claimed_side × claimed_side (and hold ``pixels``, if given).

    The patch is the receptive field; it has holes when a stride is larger than the next kernel, so in
    general only its extent is r_L × r_L."""
    rows, cols, reached = receptive_field_by_backprop(kernels, strides, seed=seed)
    if (rows, cols) == (claimed_side, claimed_side) and pixels in (None, reached):
        return ProbeResult(True, 0.0, 2 if pixels is None else 3)
    return ProbeResult(False, abs(rows - claimed_side) / max(rows, claimed_side, 1) or 1.0, 3,
                       "one-hot gradient back through the stack",
                       f"{rows} × {cols} patch, {reached} pixels (reached)",
                       f"{claimed_side} × {claimed_side}" + ("" if pixels is None else f", {pixels} pixels") +
                       " (formula)")


# --- instances -------------------------------------------------------------------------------------

def _per_layer(value, name: str, minimum: int) -> tuple[int, ...]:
    if isinstance(value, str):
        value = parse_ints(value, name, minimum)
    elif isinstance(value, int) and not isinstance(value, bool):
        value = (value,)
    value = tuple(value)
    if not value or any(isinstance(v, bool) or not isinstance(v, int) or v < minimum for v in value):
        raise InvalidInputError(f"{name}: one whole number >= {minimum} per layer, got {value!r}")
    return value


def _describe(shape: dict) -> str:
    """``9×9 input, kernels 3,3,3,3, strides 1,1,1,1, p = 0``."""
    join = lambda v: ",".join(map(str, v))  # noqa: E731
    f = _per_layer(shape["f"], "f", 1)
    s = _per_layer(shape["s"], "s", 1)
    s = s * len(f) if len(s) == 1 else s
    return f"{shape['n']}×{shape['n']} input, kernels {join(f)}, strides {join(s)}, p = {shape['p']}"


def instance(n, f, p=0, s=1, variant: str = "correct", seed: int = 0) -> Derivation:
    """A stack of layers (kernel sides ``f``, strides ``s``, padding ``p``) on an n×n input.

    >>> instance(9, (3, 3, 3, 3)).verify().summary()  # doctest: +ELLIPSIS
    'conv-output-size-n9-f3-3-3-3-p0-s1-1-1-1: 5 steps, 4 proved, 1 confirmed [instance ...'
    """
    if n is None or f is None:
        raise InvalidInputError("give the input side n and the kernel sides f, e.g. n=9, f=(3, 3, 3, 3) "
                                "(--n 9 --f 3,3,3,3)")
    n = _per_layer(n, "n", 1)
    if len(n) != 1:
        raise InvalidInputError(f"n is one input side, got {n}")
    n, f, p, s = n[0], _per_layer(f, "f", 1), _per_layer(p, "p", 0), _per_layer(s, "s", 1)
    if len(p) != 1:
        raise InvalidInputError(f"p is one padding for every layer, got {p}")
    p, s = p[0], (s * len(f) if len(s) == 1 else s)
    if len(s) != len(f):
        raise InvalidInputError(f"one stride per layer: {len(f)} kernels, {len(s)} strides")
    if len(f) > MAX_LAYERS:
        raise InvalidInputError(f"at most {MAX_LAYERS} layers, got {len(f)}")
    if variant not in VARIANTS:
        raise InvalidInputError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    check_seed(seed)
    sizes = [n]
    for k, (fl, sl) in enumerate(zip(f, s), start=1):
        if fl > sizes[-1] + 2 * p:
            raise InvalidInputError(f"layer {k}: an f = {fl} kernel does not fit its {sizes[-1]}-wide input "
                                    f"with padding p = {p}")
        sizes.append(output_side(sizes[-1], fl, p, sl))
    if receptive_field(f, s) > MAX_FIELD or n > MAX_FIELD:
        raise InvalidInputError(f"receptive fields and inputs are limited to {MAX_FIELD} pixels a side")
    shape = {"n": n, "f": f, "p": p, "s": s, "variant": variant, "seed": seed}
    join = lambda v: "-".join(map(str, v))  # noqa: E731
    ident = f"{ID}-n{n}-f{join(f)}-p{p}-s{join(s)}" + ("" if variant == "correct" else f"-{variant}")
    return _build(ident, shape, sizes)


def _side_formula(n: int, f: int, p: int, s: int, variant: str):
    """⌊(n − f + 2p)/s⌋ + 1 with the numbers in, unevaluated (or the variant's formula)."""
    with evaluate(False):
        quotient = floor(Mul(Add(n, -f, Mul(2, p)), Pow(Integer(s), -1)))
        return quotient if variant == "no-plus-one" else Add(quotient, 1)


def _field_formula(f: tuple, s: tuple, variant: str):
    """r_L as the unrolled recurrence 1 + Σ_l (f_l − 1) Π_{i<l} s_i, unevaluated."""
    with evaluate(False):
        terms = [Integer(1)]
        for l, fl in enumerate(f):
            jump = 1 if variant == "no-stride-product" else math.prod(s[:l])
            terms.append(Mul(Add(fl, -1), Integer(jump)))
        return Add(*terms)


def _build(ident: str, shape: dict, sizes: list) -> Derivation:
    n, f, p, s, variant = (shape[k] for k in ("n", "f", "p", "s", "variant"))
    kind = "" if variant == "correct" else f", wrong variant {variant}"
    b = Builder(ident, f"Output sizes and receptive field of {len(f)} layers on a {n}×{n} input{kind}", symbols=[],
                shape=shape, summary=_describe(shape) + ": layer by layer, the size formula against counting window "
                                                       "positions, then the receptive field.",
                conditions="Counting and the formulas are exact integers; the real stacked convolutions run in "
                           "float64 (NumPy).")
    field = 1 + sum((fl - 1) * (1 if variant == "no-stride-product" else math.prod(s[:l])) for l, fl in enumerate(f))
    with evaluate(False):
        for l, (fl, sl) in enumerate(zip(f, s), start=1):
            counted = Integer(count_positions(sizes[l - 1], fl, p, sl))
            b.check(symbol(f"m_{{{l}}}"), _side_formula(sizes[l - 1], fl, p, sl, variant),
                    f"layer {l}: {counted} window positions, counted", of=("count", "divide", "size"),
                    checked=[(counted, _side_formula(sizes[l - 1], fl, p, sl, variant))], name=f"size-{l}",
                    group=l == 1)
        claimed = _field_formula(f, s, variant)
        b.check(symbol(f"r_{{{len(f)}}}"), claimed, "one-hot gradient through the real layers",
                of=("recurrence",) + (("stride-one",) if set(s) == {1} and len(set(f)) == 1 else ()),
                probe=Probe("numerics.conv.receptive_field_by_backprop and the output shapes of numerics.conv.forward, "
                            "exact counts", 0.0, shape["seed"],
                            partial(_stack_probe, f, s, p, n, field, variant, shape["seed"]), _COUNTED),
                name="receptive-field", group=True)
    return b.build()


def _stack_probe(f, s, p, n, claimed: int, variant: str, seed: int) -> ProbeResult:
    x = np.random.default_rng([seed, 7]).standard_normal((n, n))
    for l, (fl, sl) in enumerate(zip(f, s), start=1):
        formula = x.shape[0] - fl + 2 * p
        formula = formula // sl + (0 if variant == "no-plus-one" else 1)
        x = forward(x, np.ones((fl, fl)), sl, p)
        if x.shape != (formula, formula):
            return ProbeResult(False, 1.0, l, f"output of layer {l}", f"{x.shape[0]} × {x.shape[1]} (NumPy)",
                               f"{formula} × {formula} (formula)")
    return _field_probe(f, s, claimed, seed)


FAMILY = Family(
    parameters=(
        Parameter("n", "input side (the input is n × n)", None, int),
        Parameter("f", "kernel side of each layer, e.g. 3,3,3,3", None, partial(parse_ints, name="f")),
        Parameter("p", "zero padding of every layer", 0, int),
        Parameter("s", "stride of each layer (one value: every layer), e.g. 1,2,1", 1,
                  partial(parse_ints, name="s")),
        Parameter("variant", "formulas: " + ", ".join(VARIANTS) + " (the wrong ones must be refuted)", "correct"),
        Parameter("seed", "seed of the random kernels and input", 0, int),
    ),
    build=instance,
    defaults=DEFAULTS,
)


def receptive_field_growth(depth: int = 5) -> Figure:
    """The receptive-field side r_L against depth L: the formula (lines) and one-hot back-propagation (circles).

    >>> f = receptive_field_growth()
    >>> [s.points[3] for s in f.series[:2]]
    [(4.0, 9.0), (4.0, 9.0)]
    """
    stacks = (("3 \\times 3,\\ s = 1", 3, 1, "blue"), ("5 \\times 5,\\ s = 1", 5, 1, "green"),
              ("3 \\times 3,\\ s = 2", 3, 2, "orange"))
    series = []
    for label, k, stride, colour in stacks:
        depths = range(1, depth + 1)
        series.append(Series(label, [(L, receptive_field((k,) * L, (stride,) * L)) for L in depths],
                             "solid", colour))
        series.append(Series("", [(L, receptive_field_by_backprop((k,) * L, (stride,) * L)[0]) for L in depths],
                             "none", colour, marker="o"))
    top = max(y for s in series for _, y in s.points)
    return Figure(
        id="receptive-field-growth",
        caption="Receptive field side of one output pixel after L stacked layers: 1 + L(f − 1), linear in L with "
        "stride 1, geometric with stride 2 (each layer adds f − 1 times the product of the earlier strides). "
        "Lines: the formula; circles: the side of the patch a one-hot gradient reaches through real stacked "
        "convolutions. Four 3 × 3 layers see 9 × 9 = 81 pixels (sheet 001 Q2).",
        xlabel=r"\mathrm{depth}\ L",
        ylabel=r"\mathrm{receptive\ field\ side}",
        xrange=(0.5, depth + 0.5),
        yrange=(0.0, top * 1.08),
        series=tuple(series),
        annotations=(Annotation("point", (4, 9), label="9 \\times 9 = 81", colour="blue", side="below right"),),
        xticks=tuple(float(L) for L in range(1, depth + 1)),
    )
